package batch

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/offerbook/offerbook/analyzer"
)

// textLog is a logger writing "LEVEL message key=value" lines to w.
func textLog(w *bytes.Buffer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// sampleConfig is a run of the sample offers into out: the workbook and
// results.csv, failing at once when the folder is locked.
func sampleConfig(t *testing.T, out string) Config {
	t.Helper()
	return Config{
		Inputs:  []string{filepath.Join("..", "..", "..", "samples", "offers.csv")},
		Options: analyzer.DefaultOptions(),
		Outputs: Outputs{Dir: out, Workbook: filepath.Join(out, "offers.xlsx"), Results: filepath.Join(out, "results.csv")},
	}
}

// assertNoTemporaries fails if dir holds any temporary of a run.
func assertNoTemporaries(t *testing.T, dir string) {
	t.Helper()
	_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		name := info.Name()
		if strings.HasPrefix(name, tmpDirPrefix) || strings.HasPrefix(name, "excelize-") ||
			name == journalName || strings.HasSuffix(name, ".json.tmp") || isLeftover(name, false) {
			t.Errorf("temporary left: %s", p)
		}
		return nil
	})
}

// TestJournalIsFinished: a run killed during its renames left a journal;
// the next run puts the rest of that set in place before anything else.
func TestJournalIsFinished(t *testing.T) {
	out := t.TempDir()
	tmp := filepath.Join(out, tmpDirPrefix+"x")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	renamed := filepath.Join(out, "a.csv")
	pending := filepath.Join(out, "b.csv")
	_ = os.WriteFile(renamed, []byte("new a"), 0o644)
	_ = os.WriteFile(pending, []byte("old b"), 0o644)
	_ = os.WriteFile(filepath.Join(tmp, "b.csv.1"), []byte("new b"), 0o644)
	rec := setRecord{Run: "x", Files: []setFile{
		{Final: renamed, Tmp: filepath.Join(tmp, "a.csv.1")},
		{Final: pending, Tmp: filepath.Join(tmp, "b.csv.1")},
	}}
	if err := writeJSONSynced(filepath.Join(out, journalName), rec); err != nil {
		t.Fatal(err)
	}
	var errBuf bytes.Buffer
	set, err := openOutputSet(context.Background(), out, true, textLog(&errBuf), nil)
	if err != nil {
		t.Fatal(err)
	}
	set.close()
	if b, _ := os.ReadFile(pending); string(b) != "new b" {
		t.Errorf("b.csv = %q, want the committed set's %q", b, "new b")
	}
	if _, err := os.Stat(filepath.Join(out, journalName)); err == nil {
		t.Error("journal left behind")
	}
	if !strings.Contains(errBuf.String(), "interrupted while renaming") {
		t.Errorf("recovery not reported: %q", errBuf.String())
	}
	assertNoTemporaries(t, out)
}

// TestSecondRunWaitsOrFailsFast: while one run holds the output folder, a
// second one waits (saying so) or, without Wait, stops at once.
func TestSecondRunWaitsOrFailsFast(t *testing.T) {
	out := t.TempDir()
	held, err := lockDir(context.Background(), out, false, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	cfg := sampleConfig(t, out)
	_, err = Run(context.Background(), cfg)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "pid") {
		t.Errorf("without Wait: %v", err)
	}
	if _, err := os.Stat(cfg.Outputs.Workbook); err == nil {
		t.Error("a run without Wait wrote while another run held the folder")
	}
	go func() { time.Sleep(500 * time.Millisecond); held.unlock() }()
	var log bytes.Buffer
	cfg.Wait, cfg.Log = true, textLog(&log)
	start := time.Now()
	_, err = Run(context.Background(), cfg)
	if err != nil || time.Since(start) < 400*time.Millisecond || !strings.Contains(log.String(), "waiting for another offerbook run") {
		t.Errorf("waiting run: %v after %v, log %q", err, time.Since(start), log.String())
	}
}

// TestJournalFromAnotherFolder: the journal holds absolute paths, so a run
// started from another working folder finishes the same renames; a journal
// of relative paths (from an older version) is dropped, never followed.
func TestJournalFromAnotherFolder(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	tmp := filepath.Join(out, tmpDirPrefix+"x")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	pending := filepath.Join(out, "b.csv")
	_ = os.WriteFile(pending, []byte("old b"), 0o644)
	_ = os.WriteFile(filepath.Join(tmp, "b.csv.1"), []byte("new b"), 0o644)
	set := &outputSet{dir: out, id: "x", tmpDirs: map[string]string{out: tmp}, lock: &dirLock{}}
	set.files = []setFile{{Final: filepath.Join("out", "b.csv"), Tmp: filepath.Join("out", tmpDirPrefix+"x", "b.csv.1")}}
	// Written as commit would, from root, without the renames.
	t.Chdir(root)
	files := append([]setFile(nil), set.files...)
	for i := range files {
		files[i].Final, _ = filepath.Abs(files[i].Final)
		files[i].Tmp, _ = filepath.Abs(files[i].Tmp)
	}
	if err := writeJSONSynced(filepath.Join(out, journalName), setRecord{Run: "x", Files: files}); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir()) // the next run starts elsewhere
	var errBuf bytes.Buffer
	s2, err := openOutputSet(context.Background(), out, true, textLog(&errBuf), nil)
	if err != nil {
		t.Fatal(err)
	}
	s2.close()
	if b, _ := os.ReadFile(pending); string(b) != "new b" {
		t.Errorf("b.csv = %q, want the committed set's %q (%s)", b, "new b", errBuf.String())
	}
	man, _ := os.ReadFile(filepath.Join(out, manifestName))
	if !strings.Contains(string(man), `"file": "b.csv"`) {
		t.Errorf("manifest does not name b.csv:\n%s", man)
	}

	// An older journal with relative paths is dropped; the old file stays.
	_ = os.WriteFile(pending, []byte("old b"), 0o644)
	_ = os.MkdirAll(tmp, 0o755)
	_ = os.WriteFile(filepath.Join(tmp, "b.csv.1"), []byte("new b"), 0o644)
	if err := writeJSONSynced(filepath.Join(out, journalName), setRecord{Run: "x", Files: set.files}); err != nil {
		t.Fatal(err)
	}
	s3, err := openOutputSet(context.Background(), out, true, textLog(&errBuf), nil)
	if err != nil {
		t.Fatal(err)
	}
	s3.close()
	if b, _ := os.ReadFile(pending); string(b) != "old b" {
		t.Errorf("b.csv = %q after a relative journal, want it untouched", b)
	}
	assertNoTemporaries(t, out)
}
