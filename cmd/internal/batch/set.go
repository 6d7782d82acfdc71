package batch

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Names of offerbook's own files in an output folder. All start with a dot
// so they stay out of the way in a file manager.
const (
	// tmpDirPrefix starts the folder that holds one run's temporaries, ours
	// and excelize's, until they are renamed into place.
	tmpDirPrefix = ".offerbook-tmp-"
	// journalName is written, complete and synced, just before the renames:
	// once it exists the new set is committed, and a run that finds it
	// (because the one before was killed during the renames) finishes them.
	journalName = ".offerbook-commit.json"
	// manifestName lists the files of the last complete set with their
	// sizes and SHA-256, for readers that want to check what they read.
	manifestName = ".offerbook-set.json"
)

// outputSet is every file one run writes into an output folder, committed
// together. Each file is first written, synced and hashed under a
// temporary name inside the folder; commit then records the whole set in a
// journal and renames the files into place in a fixed order. The folder is
// locked for the set's life (see lock.go), so no other run writes or cleans
// there at the same time.
//
// What a reader can rely on: a file never appears half-written; after a
// run has committed, every file of its set is in place together; a run
// killed at any moment leaves the previous set untouched (killed before the
// journal) or committed (killed during the renames: the next run finishes
// them before it does anything else), and the next run removes every
// temporary the killed one left. A reader that opens files during the few
// milliseconds of the renames themselves can still see a new file beside an
// old one; one that must rule this out takes the lock (flock on
// .offerbook.lock) or compares the files with .offerbook-set.json.
type outputSet struct {
	dir  string // the output folder: lock, journal and manifest live here
	id   string
	lock *dirLock
	// unregister tells openOutputSet's register the set is closed.
	unregister func()

	mu      sync.Mutex
	tmpDirs map[string]string // destination folder → this run's temporary folder there
	files   []setFile
	planned []string // every output the run means to write, for a stop report
	done    bool
}

// setFile is one output of the set.
type setFile struct {
	Final  string `json:"file"`
	Tmp    string `json:"tmp,omitempty"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// setRecord is the journal's and the manifest's content.
type setRecord struct {
	Run      string    `json:"run"`
	Finished time.Time `json:"finished"`
	Files    []setFile `json:"files"`
}

// openOutputSet locks dir (creating it; waiting for another run's lock
// when wait), finishes or cleans up after a killed run, and returns an
// empty set ready to write into. log receives what was waited for and what
// was cleaned up; register, when set, is told of the set (see
// Config.Register).
func openOutputSet(ctx context.Context, dir string, wait bool, log *slog.Logger, register func(func() []string) func()) (*outputSet, error) {
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output folder %s: %w", dir, err)
	}
	lock, err := lockDir(ctx, dir, wait, log)
	if err != nil {
		return nil, err
	}
	if err := recoverDir(dir, log); err != nil {
		lock.unlock()
		return nil, err
	}
	s := &outputSet{dir: dir, id: newRunID(), lock: lock, tmpDirs: map[string]string{}}
	if _, err := s.tmpDirFor(dir); err != nil {
		lock.unlock()
		return nil, err
	}
	if register != nil {
		s.unregister = register(s.abort)
	}
	return s, nil
}

// newRunID names one run's temporaries: time plus randomness, sortable.
func newRunID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b[:])
}

// tmpDir is the set's temporary folder in the output folder, for other
// temporaries of the run (excelize's stream spills, a large input workbook
// unpacked): removed with the set, and by the next run after a kill.
func (s *outputSet) tmpDir() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tmpDirs[s.dir]
}

// tmpDirFor returns (creating it) this run's temporary folder beside the
// destination folder dest, so that the final rename stays on one file system.
func (s *outputSet) tmpDirFor(dest string) (string, error) {
	if d, ok := s.tmpDirs[dest]; ok {
		return d, nil
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return "", fmt.Errorf("cannot create the output folder %s: %w", dest, err)
	}
	d := filepath.Join(dest, tmpDirPrefix+s.id)
	if err := os.Mkdir(d, 0o755); err != nil {
		return "", fmt.Errorf("cannot create a temporary folder in %s: %w", dest, err)
	}
	s.tmpDirs[dest] = d
	return d, nil
}

// write writes one output of the set under a temporary name: buffered,
// hashed, synced. It may be called from several goroutines at once.
func (s *outputSet) write(final string, fn func(io.Writer) error) error {
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		return errors.New("output set already closed")
	}
	dir, err := s.tmpDirFor(filepath.Dir(final))
	s.mu.Unlock()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(final)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", final, err)
	}
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(tmp, h)}
	bw := bufio.NewWriterSize(cw, 256<<10)
	err = fn(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", final, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files = append(s.files, setFile{Final: final, Tmp: tmp.Name(), Size: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))})
	return nil
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// commit puts every written file in place: journal, renames in path order,
// manifest, then the temporaries are removed. It holds the set's lock
// throughout, so a forced stop (abort) arriving now waits for the set to be
// complete, and then finds nothing to remove.
func (s *outputSet) commit() ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return nil, errors.New("output set already closed")
	}
	files := append([]setFile(nil), s.files...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].Final < files[j].Final })
	// The journal names every file by its absolute path, so a run started
	// from another folder finishes the same renames.
	for i := range files {
		var err error
		if files[i].Final, err = filepath.Abs(files[i].Final); err == nil {
			files[i].Tmp, err = filepath.Abs(files[i].Tmp)
		}
		if err != nil {
			return nil, fmt.Errorf("cannot record the new outputs in %s: %w", s.dir, err)
		}
	}
	// Every target is checked before anything is replaced: one that cannot
	// be replaced (a folder of that name) leaves every old output as it was.
	for _, f := range files {
		if err := replaceable(f.Final); err != nil {
			return nil, err
		}
	}
	rec := setRecord{Run: s.id, Finished: time.Now().UTC(), Files: files}
	if err := writeJSONSynced(filepath.Join(s.dir, journalName), rec); err != nil {
		return nil, fmt.Errorf("cannot record the new outputs in %s: %w", s.dir, err)
	}
	written, err := finishCommit(s.dir, rec)
	s.done = true
	if err == nil {
		s.removeTmpLocked()
	} // else the journal and the temporaries stay: the next run finishes the set
	return written, err
}

// absolute reports whether a journal names its files by absolute paths, as
// it has since relative paths made a run started from another folder rename
// the wrong files; an older journal is dropped, keeping the old set.
func absolute(rec setRecord) bool {
	for _, f := range rec.Files {
		if !filepath.IsAbs(f.Final) || f.Tmp != "" && !filepath.IsAbs(f.Tmp) {
			return false
		}
	}
	return true
}

// replaceable checks that an output can be renamed into place: nothing
// there yet, or a file (not a folder or other special file) to replace.
func replaceable(final string) error {
	st, err := os.Lstat(final)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot write %s: %w; no output was changed", final, err)
	case st.IsDir():
		return fmt.Errorf("cannot write %s: a folder of that name is in the way; move or rename it, or choose another -o or --out-dir; no output was changed", final)
	case !st.Mode().IsRegular() && st.Mode()&os.ModeSymlink == 0:
		return fmt.Errorf("cannot write %s: a special file (%s) of that name is in the way; no output was changed", final, st.Mode().Type())
	}
	return nil
}

// finishCommit renames the journal's files into place, writes the manifest
// and removes the journal. A file whose temporary is already gone was
// renamed by an earlier attempt.
func finishCommit(dir string, rec setRecord) ([]string, error) {
	var written []string
	for _, f := range rec.Files {
		if f.Tmp != "" {
			if err := os.Rename(f.Tmp, f.Final); err != nil && !errors.Is(err, os.ErrNotExist) {
				return written, fmt.Errorf("cannot put %s in place: %w", f.Final, err)
			}
		}
		written = append(written, f.Final)
	}
	syncDirs(rec.Files)
	man := rec
	man.Files = make([]setFile, len(rec.Files))
	base := dir
	if abs, err := filepath.Abs(dir); err == nil {
		base = abs // the journal's paths are absolute
	}
	for i, f := range rec.Files {
		f.Tmp = ""
		if rel, err := filepath.Rel(base, f.Final); err == nil && !strings.HasPrefix(rel, "..") {
			f.Final = filepath.ToSlash(rel)
		}
		man.Files[i] = f
	}
	if err := writeJSONSynced(filepath.Join(dir, manifestName), man); err != nil {
		return written, err
	}
	if err := os.Remove(filepath.Join(dir, journalName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return written, err
	}
	return written, nil
}

// plan records the outputs the run means to write, so that a forced stop
// can name them before any is written.
func (s *outputSet) plan(paths []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.planned = append([]string(nil), paths...)
}

// abort removes the set's temporaries and returns what will not be written:
// every planned output, and any other written so far.
func (s *outputSet) abort() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return nil
	}
	lost := append([]string(nil), s.planned...)
	for _, f := range s.files {
		if !slices.Contains(lost, f.Final) {
			lost = append(lost, f.Final)
		}
	}
	s.done = true
	s.removeTmpLocked()
	return lost
}

func (s *outputSet) removeTmpLocked() {
	for _, d := range s.tmpDirs {
		_ = os.RemoveAll(d)
	}
}

// close aborts the set if it was not committed and releases the lock.
func (s *outputSet) close() {
	s.abort()
	if s.unregister != nil {
		s.unregister()
	}
	s.lock.unlock()
}

// writeJSONSynced writes v to path through a synced temporary file.
func writeJSONSynced(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// syncDirs makes the renames into each destination folder durable.
func syncDirs(files []setFile) {
	seen := map[string]bool{}
	for _, f := range files {
		d := filepath.Dir(f.Final)
		if !seen[d] {
			seen[d] = true
			syncDir(d)
		}
	}
}

// syncDir syncs a folder where the platform can; best effort.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// recoverDir runs with dir locked, before a run writes: it finishes the
// renames of a run killed while committing, then removes every temporary a
// killed run left in dir (our temporary folders, which also hold
// excelize's spills, half-written ".offerbook-*.json.tmp" records, and the
// ".NAME.tmp-*" files of earlier versions).
func recoverDir(dir string, log *slog.Logger) error {
	journal := filepath.Join(dir, journalName)
	if b, err := os.ReadFile(journal); err == nil {
		var rec setRecord
		if err := json.Unmarshal(b, &rec); err != nil || !absolute(rec) {
			// A journal is written through a synced temporary and renamed, so
			// a broken one is not ours to trust: drop it, keep the old set.
			_ = os.Remove(journal)
		} else {
			written, err := finishCommit(dir, rec)
			if err != nil {
				// The interrupted set cannot be completed (something now in
				// the way of a rename): it is given up, once, with a word,
				// rather than blocking every later run. This run writes a
				// complete set of its own.
				log.Warn("the outputs of an interrupted run could not all be put in place; this run replaces them",
					"dir", dir, "placed", strings.Join(written, ", "), "reason", err.Error())
				_ = os.Remove(journal)
			} else {
				log.Info("finished putting in place the outputs of a run interrupted while renaming them", "dir", dir, "files", strings.Join(written, ", "))
			}
			for _, f := range rec.Files {
				// Only a run's own temporary folder is ever removed.
				if d := filepath.Dir(f.Tmp); f.Tmp != "" && strings.HasPrefix(filepath.Base(d), tmpDirPrefix) {
					_ = os.RemoveAll(d)
				}
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && strings.HasPrefix(name, ".offerbook-") && strings.HasSuffix(name, ".json.tmp") {
			// A record of ours half-written (the journal's, the manifest's,
			// the watch's): the complete one, if any, is beside it.
			_ = os.Remove(filepath.Join(dir, name))
			continue
		}
		if isLeftover(name, e.IsDir()) {
			if err := os.RemoveAll(filepath.Join(dir, name)); err == nil {
				removed = append(removed, name)
			}
		}
	}
	if len(removed) > 0 {
		log.Info("removed temporary files left by an interrupted run", "dir", dir, "files", strings.Join(removed, ", "))
	}
	return nil
}

// isLeftover reports whether a name in an output folder is a temporary of
// ours: a run's temporary folder (excelize's spills are inside it) or a
// ".NAME.tmp-NNN" file of WriteFileAtomic.
func isLeftover(name string, dir bool) bool {
	if dir {
		return strings.HasPrefix(name, tmpDirPrefix)
	}
	if !strings.HasPrefix(name, ".") {
		return false
	}
	i := strings.LastIndex(name, ".tmp-")
	if i < 1 {
		return false
	}
	for _, r := range name[i+len(".tmp-"):] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(name) > i+len(".tmp-")
}

// WithoutOwnOutputs drops from inputs the files that an earlier run wrote
// into a folder given as an input (args), as its set's manifest lists
// them: with the input folder as the output folder, the second run reads
// the same inputs as the first, not the first one's results.
func WithoutOwnOutputs(args, inputs []string) []string {
	own := map[string]bool{}
	for _, a := range args {
		if st, err := os.Stat(a); err != nil || !st.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(a, manifestName))
		if err != nil {
			continue
		}
		var rec setRecord
		if json.Unmarshal(b, &rec) != nil {
			continue
		}
		for _, f := range rec.Files {
			p := f.Final
			if !filepath.IsAbs(p) {
				p = filepath.Join(a, filepath.FromSlash(p))
			}
			if abs, err := filepath.Abs(p); err == nil {
				own[abs] = true
			}
		}
	}
	if len(own) == 0 {
		return inputs
	}
	kept := inputs[:0:0]
	for _, in := range inputs {
		if abs, err := filepath.Abs(in); err == nil && own[abs] {
			continue
		}
		kept = append(kept, in)
	}
	return kept
}
