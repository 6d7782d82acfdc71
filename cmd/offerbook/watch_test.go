package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// syncBuffer is a bytes.Buffer safe to read while the watcher writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// watcher is one `offerbook watch` running in-process.
type watcher struct {
	stdout, stderr syncBuffer
	stop           context.CancelFunc
	done           chan error
}

func startWatch(t *testing.T, args ...string) *watcher {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	w := &watcher{stop: cancel, done: make(chan error, 1)}
	go func() {
		w.done <- run(ctx, append([]string{"offerbook", "watch"}, args...), &w.stdout, &w.stderr)
	}()
	return w
}

// halt stops the watcher as SIGTERM does (its context ends) and checks it
// ends cleanly and promptly.
func (w *watcher) halt(t *testing.T) {
	t.Helper()
	w.stop()
	select {
	case err := <-w.done:
		if err != nil {
			t.Errorf("watch stopped with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not stop within 10 s of being told to")
	}
}

// waitFor waits until path exists, failing after limit.
func waitFor(t *testing.T, w *watcher, path string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		select {
		case err := <-w.done:
			t.Fatalf("watch ended early: %v\nstderr: %s", err, w.stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("%s did not appear within %s\nstderr: %s", path, limit, w.stderr.String())
}

func summaryRows(t *testing.T, path string) int {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	return len(rows) - 1
}

// TestWatchDropFolder drops a good file, a bad file and a file written
// slowly in pieces into a watched folder, stops the watcher, restarts it
// (unchanged files are skipped, a changed one is analyzed again), and
// stops it again; then the same with --poll.
func TestWatchDropFolder(t *testing.T) {
	for _, mode := range []struct {
		name  string
		extra []string
	}{{"events", nil}, {"poll", []string{"--poll", "100ms"}}} {
		t.Run(mode.name, func(t *testing.T) {
			root := t.TempDir()
			in, out := filepath.Join(root, "in"), filepath.Join(root, "out")
			if err := os.MkdirAll(in, 0o755); err != nil {
				t.Fatal(err)
			}
			sample, err := os.ReadFile(sampleCSV(t))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.SplitAfter(strings.TrimRight(string(sample), "\n"), "\n")
			// A file already there when the watch starts.
			if err := os.WriteFile(filepath.Join(in, "early.csv"), sample, 0o644); err != nil {
				t.Fatal(err)
			}
			args := append([]string{in, "--out-dir", out, "--settle", "600ms", "--format", "xlsx,csv"}, mode.extra...)
			w := startWatch(t, args...)
			waitFor(t, w, filepath.Join(out, "early.xlsx"), 60*time.Second)

			// A good file and a bad one, dropped while it runs.
			if err := os.WriteFile(filepath.Join(in, "good.csv"), sample, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(in, "bad.csv"), []byte("this is not\na table of offers\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(in, "broken.xlsx"), []byte("PK\x03\x04 not really a workbook"), 0o644); err != nil {
				t.Fatal(err)
			}
			// A file written in pieces, 150 ms apart: analyzed once, whole.
			slow, err := os.Create(filepath.Join(in, "slow.csv"))
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range lines {
				if _, err := slow.WriteString(line); err != nil {
					t.Fatal(err)
				}
				time.Sleep(150 * time.Millisecond)
			}
			_ = slow.Close()
			waitFor(t, w, filepath.Join(out, "good.xlsx"), 60*time.Second)
			waitFor(t, w, filepath.Join(out, "bad.errors.csv"), 60*time.Second)
			waitFor(t, w, filepath.Join(out, "broken.errors.csv"), 60*time.Second)
			waitFor(t, w, filepath.Join(out, "slow.xlsx"), 60*time.Second)
			w.halt(t)

			offers := len(lines) - 1
			if got := summaryRows(t, filepath.Join(out, "slow.xlsx")); got != offers {
				t.Errorf("slow.xlsx has %d offers, want all %d", got, offers)
			}
			if n := strings.Count(w.stdout.String(), filepath.Join(out, "slow.xlsx")); n != 1 {
				t.Errorf("slow.csv analyzed %d times, want once (settled)\n%s", n, w.stdout.String())
			}
			for _, name := range []string{"good.results.csv", "good.errors.csv", "early.results.csv"} {
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Error(err)
				}
			}
			for _, name := range []string{"bad.errors.csv", "broken.errors.csv"} {
				b, _ := os.ReadFile(filepath.Join(out, name))
				if strings.Count(string(b), "\n") < 2 {
					t.Errorf("%s does not say what is wrong:\n%s", name, b)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "bad.xlsx")); err == nil {
				t.Error("bad.csv got a workbook")
			}

			// Restart: nothing changed, nothing is analyzed again; then a
			// changed file (same size and time would not matter: contents do)
			// is, and a file only touched is not.
			past := time.Now().Add(-time.Hour)
			_ = os.Chtimes(filepath.Join(in, "good.csv"), past, past)
			w = startWatch(t, args...)
			time.Sleep(2 * time.Second)
			if s := w.stdout.String(); s != "" {
				t.Errorf("restart analyzed unchanged files again:\n%s", s)
			}
			changed := strings.Join(lines[:len(lines)-1], "")
			if err := os.WriteFile(filepath.Join(in, "early.csv"), []byte(changed), 0o644); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(60 * time.Second)
			for !strings.Contains(w.stdout.String(), filepath.Join(out, "early.xlsx")) && time.Now().Before(deadline) {
				time.Sleep(100 * time.Millisecond)
			}
			w.halt(t)
			if got := summaryRows(t, filepath.Join(out, "early.xlsx")); got != offers-1 {
				t.Errorf("changed early.csv: workbook has %d offers, want %d", got, offers-1)
			}
			if strings.Contains(w.stdout.String(), "good.xlsx") {
				t.Error("good.csv, only touched, was analyzed again")
			}
			assertNoTemporaries(t, out)
		})
	}
}

// TestWatchSharedStem drops acme.csv and acme.xlsx together: each gets its
// own outputs, named after the whole file name, with its own offers; a
// restart analyzes neither again; and a later b.csv beside an analyzed
// b.xlsx does not replace b.xlsx's outputs.
func TestWatchSharedStem(t *testing.T) {
	root := t.TempDir()
	in, out := filepath.Join(root, "in"), filepath.Join(root, "out")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	sample, err := os.ReadFile(sampleCSV(t))
	if err != nil {
		t.Fatal(err)
	}
	book, err := os.ReadFile(filepath.Join(filepath.Dir(sampleCSV(t)), "offers.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimRight(string(sample), "\n"), "\n")
	short := []byte(strings.Join(lines[:3], "")) // header + 2 offers
	for name, data := range map[string][]byte{"acme.csv": short, "acme.xlsx": book, "b.xlsx": book} {
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{in, "--out-dir", out, "--settle", "300ms"}
	w := startWatch(t, args...)
	waitFor(t, w, filepath.Join(out, "acme.csv.xlsx"), 60*time.Second)
	waitFor(t, w, filepath.Join(out, "acme.xlsx.xlsx"), 60*time.Second)
	waitFor(t, w, filepath.Join(out, "b.xlsx"), 60*time.Second)
	if err := os.WriteFile(filepath.Join(in, "b.csv"), short, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, w, filepath.Join(out, "b.csv.xlsx"), 60*time.Second)
	w.halt(t)
	if _, err := os.Stat(filepath.Join(out, "acme.xlsx")); err == nil {
		t.Error("acme.xlsx written: one of the two inputs took the shared name")
	}
	bookOffers := summaryRows(t, filepath.Join(out, "b.xlsx"))
	if bookOffers == 2 {
		t.Fatal("the sample workbook has 2 offers: the test cannot tell the inputs apart")
	}
	for name, want := range map[string]int{"acme.csv.xlsx": 2, "acme.xlsx.xlsx": bookOffers, "b.csv.xlsx": 2} {
		if got := summaryRows(t, filepath.Join(out, name)); got != want {
			t.Errorf("%s has %d offers, want %d", name, got, want)
		}
	}
	w = startWatch(t, args...)
	time.Sleep(1500 * time.Millisecond)
	w.halt(t)
	if s := w.stdout.String(); s != "" {
		t.Errorf("restart analyzed unchanged files again:\n%s", s)
	}
}

// TestWatchMatchesAnalyze: watch takes the analyze flags and runs the same
// batch, so the same file gives the same results.csv and results.json,
// every column of every offer, the after-tax figures too (watch once left
// them blank: it built its options apart and never loaded the tax tables).
func TestWatchMatchesAnalyze(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	root := t.TempDir()
	in, byWatch, byAnalyze := filepath.Join(root, "in"), filepath.Join(root, "watch"), filepath.Join(root, "analyze")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	sample, err := os.ReadFile(sampleCSV(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "offers.csv"), sample, 0o644); err != nil {
		t.Fatal(err)
	}
	runOK(t, "analyze", sampleCSV(t), "--out-dir", byAnalyze, "--format", "csv,json")
	w := startWatch(t, in, "--out-dir", byWatch, "--settle", "300ms", "--format", "csv,json")
	waitFor(t, w, filepath.Join(byWatch, "offers.results.json"), 60*time.Second)
	w.halt(t)

	want, got := readCSV(t, filepath.Join(byAnalyze, "results.csv")), readCSV(t, filepath.Join(byWatch, "offers.results.csv"))
	if len(got) != len(want) {
		t.Fatalf("watch wrote %d offers, analyze %d", len(got), len(want))
	}
	taxed := 0
	for i := range want {
		if want[i]["y1_after_tax"] != "" {
			taxed++
		}
		for col, v := range want[i] {
			if got[i][col] != v {
				t.Errorf("offer %s, column %s: watch %q, analyze %q", want[i]["id"], col, got[i][col], v)
			}
		}
	}
	if taxed == 0 {
		t.Error("analyze wrote no y1_after_tax: the comparison proves nothing about the tax columns")
	}
	var wantJSON, gotJSON []map[string]any
	for path, v := range map[string]*[]map[string]any{filepath.Join(byAnalyze, "results.json"): &wantJSON, filepath.Join(byWatch, "offers.results.json"): &gotJSON} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	if len(gotJSON) != len(wantJSON) {
		t.Fatalf("results.json: watch %d offers, analyze %d", len(gotJSON), len(wantJSON))
	}
	for i := range wantJSON {
		if len(gotJSON[i]) != len(wantJSON[i]) {
			t.Errorf("results.json offer %v: watch %d fields, analyze %d", wantJSON[i]["id"], len(gotJSON[i]), len(wantJSON[i]))
		}
		for key, v := range wantJSON[i] {
			if !reflect.DeepEqual(gotJSON[i][key], v) {
				t.Errorf("results.json offer %v, %s: watch %v, analyze %v", wantJSON[i]["id"], key, gotJSON[i][key], v)
			}
		}
	}
}
