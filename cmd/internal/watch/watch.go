// Package watch is offerbook's drop folder: each CSV or XLSX file that
// settles in one folder is analysed, by one batch run, into another
// folder, until the context ends.
package watch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/cmd/internal/batch"
	"github.com/offerbook/offerbook/exporters"
)

// stateName, in the output folder, records the contents (SHA-256) of each
// input already analysed, so a restarted watch skips them.
const stateName = ".offerbook-watch.json"

// Config is one drop folder.
type Config struct {
	// In is the folder watched; Out the folder the outputs go to.
	In, Out string
	// Workbook, Results and ResultsJSON choose each input's outputs:
	// NAME.xlsx, NAME.results.csv, NAME.results.json. Every input gets
	// NAME.errors.csv.
	Workbook, Results, ResultsJSON bool
	// Settle is how long a file must stay unchanged (size and modification
	// time) before it is analysed: a file still being copied or saved in
	// pieces is not read half-way.
	Settle time.Duration
	// Poll, when above zero, looks for changes that often instead of
	// waiting for file-system events (for network drives).
	Poll time.Duration
	// Batch is the run each settled file gets: its Inputs and Outputs are
	// set per file, and its Log receives the watch's own events too.
	Batch batch.Config
	// Now, when set, stamps each file's outputs with the time it is
	// analysed (Batch.Generated).
	Now func() time.Time
	// Ran, when set, is told of each file analysed.
	Ran func(batch.Summary)
}

// dropFolder is one running watch.
type dropFolder struct {
	Config
	log   *slog.Logger
	state map[string]string // input name → SHA-256 of the contents analysed
	// seen is each input's size and modification time when last looked at.
	seen map[string]fileStamp
	// pending are inputs that changed, with when they last changed.
	pending map[string]time.Time
}

// fileStamp is what tells a file changed without reading it.
type fileStamp struct {
	size int64
	mod  time.Time
}

// Run watches cfg.In until ctx ends, analysing each new or changed input
// once it has settled. Only a stop (nil), a broken output folder, a Batch
// that cannot run, or another run holding the output folder's lock (with
// Batch.Wait false) ends it.
func Run(ctx context.Context, cfg Config) error {
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return fmt.Errorf("cannot create the output folder %s: %w", cfg.Out, err)
	}
	d := &dropFolder{Config: cfg, log: cfg.Batch.Log, seen: map[string]fileStamp{}, pending: map[string]time.Time{}}
	if d.log == nil {
		d.log = slog.New(slog.DiscardHandler)
		d.Batch.Log = d.log
	}
	var err error
	if d.state, err = loadState(cfg.Out); err != nil {
		return err
	}
	return d.run(ctx)
}

// run watches until ctx ends: file-system events, or a scan every Poll.
func (d *dropFolder) run(ctx context.Context) error {
	poll := d.Poll
	var events chan fsnotify.Event
	var errs chan error
	if poll <= 0 {
		w, err := fsnotify.NewWatcher()
		if err == nil {
			err = w.Add(d.In)
		}
		if err != nil {
			poll = 5 * time.Second
			d.log.Warn("file-system events are not available here; looking for changes every 5s instead", "dir", d.In, "reason", err.Error())
			if w != nil {
				_ = w.Close()
			}
		} else {
			defer w.Close()
			events, errs = w.Events, w.Errors
		}
	}
	how := "file-system events"
	if poll > 0 {
		how = "a scan every " + poll.String()
	}
	d.log.Info("watching for CSV and XLSX files", "dir", d.In, "out-dir", d.Out, "by", how)
	d.scan() // the files already there
	var scan <-chan time.Time
	if poll > 0 {
		t := time.NewTicker(poll)
		defer t.Stop()
		scan = t.C
	}
	tick := time.NewTicker(max(d.Settle/4, 50*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			d.log.Info("stopped watching", "dir", d.In)
			return nil
		case ev := <-events:
			if ev.Op&(fsnotify.Create|fsnotify.Write|fsnotify.Rename|fsnotify.Chmod) != 0 {
				d.look(filepath.Base(ev.Name))
			}
		case err := <-errs:
			d.log.Warn("file-system events reported a problem; rescanning the folder", "dir", d.In, "reason", err.Error())
			d.scan()
		case <-scan:
			d.scan()
		case now := <-tick.C:
			if err := d.settleAndProcess(ctx, now); err != nil {
				return err
			}
		}
	}
}

// isInput reports whether a name in the watched folder is an input:
// CSV or XLSX, not hidden, not an office lock file ("~$book.xlsx").
func isInput(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".xlsx", ".xlsm":
		return true
	}
	return false
}

// scan looks at every input of the folder.
func (d *dropFolder) scan() {
	entries, err := os.ReadDir(d.In)
	if err != nil {
		d.log.Warn("cannot list the watched folder", "dir", d.In, "reason", err.Error())
		return
	}
	for _, e := range entries {
		if !e.IsDir() {
			d.look(e.Name())
		}
	}
}

// look notes a file that may have changed: it becomes pending when its
// size or modification time differs from the last look.
func (d *dropFolder) look(name string) {
	if !isInput(name) {
		return
	}
	st, err := os.Stat(filepath.Join(d.In, name))
	if err != nil || !st.Mode().IsRegular() {
		delete(d.pending, name)
		return
	}
	stamp := fileStamp{st.Size(), st.ModTime()}
	if old, ok := d.seen[name]; ok && old == stamp {
		return
	}
	d.seen[name] = stamp
	d.pending[name] = time.Now()
}

// settleAndProcess analyzes, in name order, each pending file that has not
// changed for the settle time.
func (d *dropFolder) settleAndProcess(ctx context.Context, now time.Time) error {
	var ready []string
	for name, since := range d.pending {
		d.look(name) // a change restarts its clock
		if s, ok := d.pending[name]; ok && s.Equal(since) && now.Sub(since) >= d.Settle {
			ready = append(ready, name)
		}
	}
	sort.Strings(ready)
	for _, name := range ready {
		if ctx.Err() != nil {
			return nil
		}
		delete(d.pending, name)
		if err := d.process(ctx, name); err != nil {
			return err
		}
	}
	return nil
}

// process analyzes one settled input unless its contents were analyzed
// before. Only a stop (ctx ended) or a broken output folder ends the watch;
// a file that cannot be read gets NAME.errors.csv.
func (d *dropFolder) process(ctx context.Context, name string) error {
	path := filepath.Join(d.In, name)
	sum, err := hashFile(path)
	if err != nil {
		d.log.Warn("cannot read a dropped file; it will be tried again when it changes", "file", path, "reason", err.Error())
		return nil
	}
	if d.state[name] == sum {
		d.log.Info("skipped: analyzed before with the same contents", "file", path)
		return nil
	}
	stem := d.outputStem(name)
	run := d.Batch
	run.Inputs = []string{path}
	run.Outputs = batch.Outputs{Dir: d.Out, ErrorsOnFailure: true, Errors: filepath.Join(d.Out, stem+".errors.csv")}
	if d.Workbook {
		run.Outputs.Workbook = filepath.Join(d.Out, stem+".xlsx")
	}
	if d.Results {
		run.Outputs.Results = filepath.Join(d.Out, stem+".results.csv")
	}
	if d.ResultsJSON {
		run.Outputs.ResultsJSON = filepath.Join(d.Out, stem+".results.json")
	}
	if d.Now != nil {
		run.Generated = d.Now()
	}
	summary, err := batch.Run(ctx, run)
	switch {
	case err == nil:
		if d.Ran != nil {
			d.Ran(summary)
		}
	case ctx.Err() != nil:
		return nil // stopped before its outputs were in place: analysed again on the next start
	case errors.Is(err, batch.ErrNothingReadable):
		d.log.Warn("not a table of offers; its errors are in "+run.Outputs.Errors, "file", path)
	case errors.As(err, new(batch.ConfigError)) || errors.Is(err, batch.ErrLocked):
		return err
	default:
		// Unreadable in a way the importer could not place on a row (not a
		// workbook at all, a broken zip): record it in NAME.errors.csv.
		d.log.Warn("cannot analyze a dropped file; its errors are in "+run.Outputs.Errors, "reason", err.Error())
		reason := err.Error()
		for strings.HasPrefix(reason, path+": ") {
			reason = strings.TrimPrefix(reason, path+": ")
		}
		if werr := batch.WriteRejections(ctx, run, []analyzer.Rejection{{File: path, Reason: reason}}); werr != nil {
			if ctx.Err() != nil {
				return nil
			}
			return werr
		}
	}
	d.state[name] = sum
	return saveState(d.Out, d.state)
}

// outputStem is the name an input's outputs start with: the input's name
// without its extension ("acme" for acme.csv), or, when another input of the
// folder (there now, or analyzed before) has the same stem in any case, the
// whole input name ("acme.csv" and "acme.xlsx" give acme.csv.xlsx and
// acme.xlsx.xlsx), so two clients' inputs never share outputs. An input
// analyzed alone keeps its short name for as long as it is not changed.
func (d *dropFolder) outputStem(name string) string {
	stem := strings.TrimSuffix(name, filepath.Ext(name))
	clash := func(other string) bool {
		if other == name || !isInput(other) {
			return false
		}
		// acme.xlsx beside acme.csv; or acme.csv beside acme.csv.csv, whose
		// own long name would be acme.csv's short one.
		return strings.EqualFold(strings.TrimSuffix(other, filepath.Ext(other)), stem) || strings.EqualFold(other, stem)
	}
	for other := range d.state {
		if clash(other) {
			return name
		}
	}
	if entries, err := os.ReadDir(d.In); err == nil {
		for _, e := range entries {
			if clash(e.Name()) {
				return name
			}
		}
	}
	return stem
}

// hashFile is the SHA-256 of a file's contents.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// loadState reads which contents were analysed already.
func loadState(out string) (map[string]string, error) {
	state := map[string]string{}
	b, err := os.ReadFile(filepath.Join(out, stateName))
	if errors.Is(err, os.ErrNotExist) {
		return state, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &state); err != nil {
		// A damaged record only costs analyzing the files again.
		return map[string]string{}, nil
	}
	return state, nil
}

// saveState records the analysed contents, atomically.
func saveState(out string, state map[string]string) error {
	b, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		return err
	}
	return exporters.WriteFileAtomic(filepath.Join(out, stateName), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}
