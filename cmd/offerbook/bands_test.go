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
	if !strings.Contains(string(want), ",30.6,") {
		t.Fatal("the built-in run should place A-01 (the initial offer of \"The worked check\" in docs/METHOD.md) at P30.6")
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

// TestLevelsFlag maps levels from a --levels file through the same importer
// and row errors as the bands, and counts the offers by band match.
func TestLevelsFlag(t *testing.T) {
	dir := t.TempDir()
	offers := filepath.Join(dir, "offers.csv")
	write := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(offers, "id,company,track,level,location,base,rsu_value\n"+
		"G,Google,EM,L5,Seattle,190000,400000\n"+
		"S,Stripe,EM,Staff,Seattle,190000,400000\n"+
		"P,Tiny,PM,L5,Austin,150000,100000\n")
	// Built in: Google L5 EM is an L6 (company-type table); Stripe "Staff"
	// is unknown, so looked up as given: no band; PM has no band.
	stdout, stderr := runOK(t, "analyze", offers, "--format", "csv", "--out-dir", filepath.Join(dir, "a"))
	if !strings.Contains(stderr, "market bands: 1 company_type; 2 of 3 offers have no market band") {
		t.Errorf("summary line missing:\n%s%s", stdout, stderr)
	}
	levels := filepath.Join(dir, "levels.csv")
	// The file replaces the built-in table, as --bands does.
	write(levels, "source,track,company,company_level,level\nmy notes,EM,Stripe,Staff,L6\nmy notes,EM,Google,L5,L6\n")
	_, stderr = runOK(t, "analyze", offers, "--levels", levels, "--format", "csv", "--out-dir", filepath.Join(dir, "b"))
	if !strings.Contains(stderr, "market bands: 1 company_type, 1 reference; 1 of 3 offers have no market band") {
		t.Errorf("with --levels: %s", stderr)
	}
	res, err := os.ReadFile(filepath.Join(dir, "b", "results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res), ",company_type,L6") || !strings.Contains(string(res), ",reference,L6") {
		t.Errorf("band_match/band_level missing:\n%s", res)
	}
	// validate counts the same way.
	// (its summary is on stderr, like analyze's)
	_, stderr = runOK(t, "validate", offers, "--levels", levels)
	if !strings.Contains(stderr, "1 of 3 offers have no market band") {
		t.Errorf("validate: %s", stderr)
	}
	// A bad row in --levels stops the run and names file, row and column.
	write(levels, "source,track,company,company_level,level\nmy notes,EM,Stripe,,L6\n")
	var out, errOut bytes.Buffer
	err = run(context.Background(), []string{"offerbook", "analyze", offers, "--levels", levels, "--out-dir", filepath.Join(dir, "c")}, &out, &errOut)
	if err == nil || !strings.Contains(errOut.String(), `levels.csv:2: column "company_level"`) {
		t.Errorf("bad --levels row: err %v, stderr %s", err, errOut.String())
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

// TestPlaybookSpeaksForItself: the playbook a user prints, the defaults and
// a merged one, explains itself in its own words: no reference to a
// document or a guide the user does not have.
func TestPlaybookSpeaksForItself(t *testing.T) {
	dir := t.TempDir()
	custom := filepath.Join(dir, "custom.yaml")
	if err := os.WriteFile(custom, []byte("rsu_pct_of_grant:\n  high: 60\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	defaults, _ := runOK(t, "playbook")
	merged, _ := runOK(t, "playbook", "--playbook", custom)
	for name, out := range map[string]string{"defaults": defaults, "merged": merged} {
		for _, word := range []string{"SPEC", "§", "seed"} {
			if strings.Contains(out, word) {
				t.Errorf("%s playbook mentions %q:\n%s", name, word, out)
			}
		}
		if !strings.HasPrefix(out, "# offerbook negotiation playbook") {
			t.Errorf("%s playbook starts %.60q", name, out)
		}
	}
}
