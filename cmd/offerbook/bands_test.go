package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runOK runs the command in-process and fails the test on an error.
func runOK(t *testing.T, args ...string) (string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), append([]string{"offerbook"}, args...), &stdout, &stderr); err != nil {
		t.Fatalf("offerbook %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// TestExportedBandsGiveTheSameResults is issue 3's round trip: the bands
// exported by `offerbook bands --export` and fed back with --bands give the
// same results as the built-in bands, as CSV and as XLSX.
func TestExportedBandsGiveTheSameResults(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	dir := t.TempDir()
	sample := filepath.Join("..", "..", "samples", "offers.csv")
	runOK(t, "analyze", sample, "--format", "csv", "--out-dir", filepath.Join(dir, "builtin"))
	want, err := os.ReadFile(filepath.Join(dir, "builtin", "results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(want), "57.7") {
		t.Fatal("the built-in run should place F-01 at P57.7")
	}
	for _, ext := range []string{"csv", "xlsx"} {
		t.Run(ext, func(t *testing.T) {
			bands := filepath.Join(dir, "bands."+ext)
			runOK(t, "bands", "--export", bands)
			out := filepath.Join(dir, "from-"+ext)
			runOK(t, "analyze", sample, "--bands", bands, "--format", "csv", "--out-dir", out)
			got, err := os.ReadFile(filepath.Join(out, "results.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("results with exported %s bands differ from the built-in ones:\n%s", ext, firstDiff(string(want), string(got)))
			}
		})
	}
}

func TestBandsCommandPrintsTable(t *testing.T) {
	stdout, stderr := runOK(t, "bands")
	if lines := strings.Count(stdout, "\n"); lines != 121 {
		t.Errorf("bands printed %d lines, want a header and 120 rows", lines)
	}
	if !strings.Contains(stdout, "base_equity_avg") || !strings.Contains(stderr, "120 bands from built-in") {
		t.Errorf("unexpected output:\n%s\n%s", stdout[:200], stderr)
	}
}

func TestPlaybookCommandRoundTrips(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "playbook.yaml")
	runOK(t, "playbook", "--export", path)
	// A partial playbook: a lower target tier and a bigger RSU ask.
	custom := filepath.Join(dir, "custom.yaml")
	if err := os.WriteFile(custom, []byte("rsu_pct_of_grant:\n  high: 60\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _ := runOK(t, "playbook", "--playbook", custom)
	if !strings.Contains(stdout, "high: 60") {
		t.Errorf("merged playbook lacks the override:\n%s", stdout)
	}
	out := filepath.Join(dir, "out")
	runOK(t, "analyze", filepath.Join("..", "..", "samples", "offers.csv"), "--playbook", custom, "--format", "csv", "--out-dir", out)
}

// TestSampleWorkbookMatchesCSV: samples/offers.xlsx, kept the way a person
// keeps a spreadsheet (title, formatted money, a blank row, a Total row),
// gives exactly the results of samples/offers.csv.
func TestSampleWorkbookMatchesCSV(t *testing.T) {
	dir := t.TempDir()
	results := map[string][]byte{}
	for _, name := range []string{"offers.csv", "offers.xlsx"} {
		out := filepath.Join(dir, name)
		runOK(t, "analyze", filepath.Join("..", "..", "samples", name), "--format", "csv", "--out-dir", out, "--quiet")
		b, err := os.ReadFile(filepath.Join(out, "results.csv"))
		if err != nil {
			t.Fatal(err)
		}
		results[name] = b
	}
	if !bytes.Equal(results["offers.csv"], results["offers.xlsx"]) {
		t.Errorf("the sample workbook and CSV disagree:\n%s", firstDiff(string(results["offers.csv"]), string(results["offers.xlsx"])))
	}
}
