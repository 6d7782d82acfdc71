package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/cmd/internal/batch"
	"github.com/offerbook/offerbook/cmd/internal/signals"
)

// TestQuietPrintsNothing: --quiet on a clean run prints nothing at all, on
// stdout or stderr; rejected rows still go to stderr.
func TestQuietPrintsNothing(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCode(t, "analyze", sampleCSV(t), "--out-dir", out, "--format", "xlsx,csv,json", "--quiet")
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0 and nothing printed", code, stdout, stderr)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	b, _ := os.ReadFile(sampleCSV(t))
	lines := strings.SplitN(string(b), "\n", 3)
	fields := strings.Split(lines[1], ",")
	for i := range fields {
		if i > 0 {
			fields[i] = "nonsense"
		}
	}
	if err := os.WriteFile(bad, []byte(lines[0]+"\n"+strings.Join(fields, ",")+"\n"+lines[2]), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCode(t, "analyze", bad, "--out-dir", out, "--quiet")
	if code != 0 || stdout != "" || !strings.Contains(stderr, "bad.csv:2") {
		t.Errorf("exit %d, stdout %q, stderr %q; want the rejected row on stderr and nothing else", code, stdout, stderr)
	}
}

// TestLogFormatJSON: --log-format json writes one JSON object a line on
// stderr for each event, and nothing on stdout.
func TestLogFormatJSON(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCode(t, "analyze", sampleCSV(t), "--out-dir", out, "--format", "xlsx,csv", "--log-format", "json")
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	var msgs []string
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		var ev map[string]any
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		msgs = append(msgs, ev["msg"].(string))
		if ev["msg"] == "done" && ev["offers"] == nil {
			t.Errorf("done event without counts: %s", line)
		}
	}
	if got := strings.Join(msgs, ","); got != "wrote,wrote,wrote,done,market bands" {
		t.Errorf("events %s, want wrote×3 (workbook, results, errors), done", got)
	}
	// An error is one JSON line too, with the exit code.
	code, _, stderr = runCode(t, "analyze", filepath.Join(t.TempDir(), "none.csv"), "--log-format", "json")
	var ev map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(stderr)), &ev); err != nil || ev["level"] != "ERROR" || ev["exit_code"] != float64(code) {
		t.Errorf("error not logged as one JSON line with its exit code: %q (exit %d)", stderr, code)
	}
}

// TestLeftoversOfAKilledRunAreRemoved: temporaries a killed run left in the
// output folder (ours, excelize's inside ours, and the .NAME.tmp-NNN files of
// earlier versions) are removed by the next run; the user's files stay.
func TestLeftoversOfAKilledRunAreRemoved(t *testing.T) {
	out := t.TempDir()
	leftovers := []string{
		filepath.Join(out, ".offerbook-tmp-20260101T000000-deadbeef", "excelize-123456"),
		filepath.Join(out, ".offerbook-tmp-20260101T000000-deadbeef", "offers.xlsx.999"),
		filepath.Join(out, ".results.json.tmp-123456"),
		filepath.Join(out, ".big.xlsx.tmp-42"),
	}
	keep := []string{filepath.Join(out, "notes.txt"), filepath.Join(out, ".hidden.tmp-notanumber")}
	for _, p := range append(leftovers, keep...) {
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr := runCode(t, "analyze", sampleCSV(t), "--out-dir", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, p := range leftovers {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was not removed", p)
		}
	}
	for _, p := range keep {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s should have been kept: %v", p, err)
		}
	}
	if !strings.Contains(stderr, "removed temporary files left by an interrupted run") {
		t.Errorf("cleanup not reported: %q", stderr)
	}
	assertNoTemporaries(t, out)
}

// TestCancelledRunWritesNothing: a run cancelled (as by SIGTERM) before its
// outputs are committed leaves the earlier set untouched, no temporaries,
// and says which outputs were not written.
func TestCancelledRunWritesNothing(t *testing.T) {
	out := t.TempDir()
	old := filepath.Join(out, "results.csv")
	_ = os.WriteFile(old, []byte("earlier run"), 0o644)
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(signals.Cause{Signal: os.Interrupt})
	var stdout, stderr bytes.Buffer
	code := exitCode(run(ctx, []string{"offerbook", "analyze", sampleCSV(t), "--out-dir", out, "--format", "xlsx,csv"}, &stdout, &stderr), &stderr)
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	msg := stderr.String()
	for _, w := range []string{"stopped by SIGINT", "nothing was written", "not written: " + filepath.Join(out, "offers.xlsx"), filepath.Join(out, "results.csv")} {
		if !strings.Contains(msg, w) {
			t.Errorf("stderr %q lacks %q", msg, w)
		}
	}
	if b, _ := os.ReadFile(old); string(b) != "earlier run" {
		t.Error("the earlier results.csv was changed")
	}
	assertNoTemporaries(t, out)
}

// TestOutputSetManifest: the manifest lists every file of the set with its
// size and SHA-256.
func TestOutputSetManifest(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runCode(t, "analyze", sampleCSV(t), "--out-dir", out, "--format", "xlsx,csv,json", "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, ".offerbook-set.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Files []struct {
			Final  string `json:"file"`
			Size   int64  `json:"size"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range rec.Files {
		names = append(names, f.Final)
		st, err := os.Stat(filepath.Join(out, f.Final))
		if err != nil || st.Size() != f.Size || len(f.SHA256) != 64 {
			t.Errorf("%s: %v, size %d vs %d", f.Final, err, f.Size, st.Size())
		}
	}
	if got := strings.Join(names, " "); got != "errors.csv offers.xlsx results.csv results.json" {
		t.Errorf("manifest files %q", got)
	}
	assertNoTemporaries(t, out)
}

// assertNoTemporaries fails if dir holds any temporary of ours or
// excelize's: a run's temporary folder, the commit journal, a half-written
// record or a ".NAME.tmp-NNN" file.
func assertNoTemporaries(t *testing.T, dir string) {
	t.Helper()
	atomicTmp := regexp.MustCompile(`^\..+\.tmp-[0-9]+$`)
	_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		name := info.Name()
		if strings.HasPrefix(name, ".offerbook-tmp-") || strings.HasPrefix(name, "excelize-") || strings.HasPrefix(name, "offerbook-") ||
			name == ".offerbook-commit.json" || strings.HasSuffix(name, ".json.tmp") || atomicTmp.MatchString(name) {
			t.Errorf("temporary left: %s", p)
		}
		return nil
	})
}

// TestFolderInTheWay: a folder named like an output (results.csv) stops the
// run before any output is replaced, and the next run, the folder moved,
// succeeds: nothing was left half-committed.
func TestFolderInTheWay(t *testing.T) {
	out := t.TempDir()
	if err := os.Mkdir(filepath.Join(out, "results.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCode(t, "analyze", sampleCSV(t), "--out-dir", out, "--format", "xlsx,csv")
	if code == 0 || !strings.Contains(stderr, "a folder of that name is in the way") {
		t.Fatalf("exit %d, stderr %q; want a failure naming the folder in the way", code, stderr)
	}
	for _, name := range []string{"offers.xlsx", "errors.csv", ".offerbook-commit.json"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s written although the set could not be complete", name)
		}
	}
	if err := os.Remove(filepath.Join(out, "results.csv")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCode(t, "analyze", sampleCSV(t), "--out-dir", out, "--format", "xlsx,csv"); code != 0 {
		t.Fatalf("second run: exit %d, stderr %q", code, stderr)
	}
	for _, name := range []string{"offers.xlsx", "errors.csv", "results.csv"} {
		if st, err := os.Stat(filepath.Join(out, name)); err != nil || !st.Mode().IsRegular() {
			t.Errorf("second run: %s not written (%v)", name, err)
		}
	}
	assertNoTemporaries(t, out)
}

// TestManifestNamesFilesRelatively: with --out-dir given as a relative
// path, the manifest still names each file relative to the output folder
// (the journal's paths are absolute).
func TestManifestNamesFilesRelatively(t *testing.T) {
	sample := sampleCSV(t)
	root := t.TempDir()
	t.Chdir(root)
	if code, _, stderr := runCode(t, "analyze", sample, "--out-dir", "out", "--format", "csv"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(root, "out", ".offerbook-set.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"file": "results.csv"`) || strings.Contains(string(b), root) {
		t.Errorf("manifest does not name results.csv relative to the folder:\n%s", b)
	}
}

// TestExitCodes: the errors of a batch run end the program with their exit
// code: a run locked out or stopped 1, a Config it cannot carry out 2
// (with the usage hint), rejected rows 3.
func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		err    error
		code   int
		stderr string
	}{
		{fmt.Errorf("%w (pid 1 on host): out", batch.ErrLocked), 1, "offerbook: another offerbook run is writing into the same folder (pid 1 on host): out\n"},
		{batch.ConfigError{Err: errors.New("years: want 1 to 50")}, 2, "offerbook: usage: years: want 1 to 50\nRun 'offerbook help' for the commands and flags.\n"},
		{&batch.InterruptedError{Cause: signals.Cause{Signal: os.Interrupt}}, 1, "offerbook: stopped by SIGINT (Ctrl-C) before writing any output; nothing was changed\n"},
		{fmt.Errorf("--strict: %w: 1 of 2 rows", errRejected), 3, "offerbook: --strict: rows were rejected: 1 of 2 rows\n"},
	} {
		var stderr bytes.Buffer
		if code := exitCode(tc.err, &stderr); code != tc.code || stderr.String() != tc.stderr {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tc.err, code, stderr.String(), tc.code, tc.stderr)
		}
	}
}
