package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestSplitByCandidate(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "offers.csv")
	csv := "id,candidate,level,location,base,rsu_value\n" +
		"1,Ana Ruiz,L6,Seattle,180000,300000\n" +
		"2,Ben,L5,Austin,150000,100000\n" +
		"3,ana ruiz,L6,NYC,190000,320000\n" +
		"4,,L7,Remote,250000,600000\n" +
		"5,Unassigned,L6,SF,200000,350000\n"
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	stdout, _ := runOK(t, "analyze", in, "--split-by", "candidate", "--out-dir", out, "--format", "xlsx,csv")
	// "Ana Ruiz" and "ana ruiz" are one candidate; offer 4 has no candidate,
	// and a candidate named "Unassigned" keeps its name, so the offers
	// without one get a numbered file.
	want := map[string]int{"Ana-Ruiz.xlsx": 2, "Ben.xlsx": 1, "Unassigned.xlsx": 1, "unassigned-2.xlsx": 1}
	for name, offers := range want {
		path := filepath.Join(out, name)
		if !strings.Contains(stdout, path) {
			t.Errorf("stdout does not list %s:\n%s", path, stdout)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows, err := f.GetRows("Summary")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(rows)-1 != offers {
			t.Errorf("%s: Summary has %d offers, want %d", name, len(rows)-1, offers)
		}
		sheets := f.GetSheetList()
		if len(sheets) < 5+offers {
			t.Errorf("%s: sheets %v lack the offer sheets", name, sheets)
		}
		f.Close()
	}
	// The batch-wide CSV keeps every offer; no batch workbook is written.
	b, err := os.ReadFile(filepath.Join(out, "results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n != 6 {
		t.Errorf("results.csv has %d lines, want 6", n)
	}
	if _, err := os.Stat(filepath.Join(out, "offers.xlsx")); err == nil {
		t.Error("--split-by must not also write the batch workbook")
	}
}

// TestConfigFile: every analyze flag can come from a YAML file, and a flag
// on the command line wins over it.
func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "from-config")
	config := filepath.Join(dir, "offerbook.yaml")
	yaml := "format: csv\nout-dir: " + out + "\ntarget: \"90\"\nquiet: true\nyears: 3\n"
	if err := os.WriteFile(config, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	sample := filepath.Join("..", "..", "samples", "offers.csv")
	stdout, stderr := runOK(t, "analyze", sample, "--config", config)
	if stderr != "" {
		t.Errorf("quiet: true should silence the summary line, got %q", stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "results.csv"))
	if err != nil {
		t.Fatalf("format and out-dir from the config: %v (stdout %q)", err, stdout)
	}
	header := strings.SplitN(string(b), "\n", 2)[0]
	if !strings.Contains(header, "y3_total") || strings.Contains(header, "y4_total") {
		t.Errorf("years: 3 from the config not applied: %s", header)
	}
	// The command line wins: --years 5.
	runOK(t, "analyze", sample, "--config", config, "--years", "5")
	b, _ = os.ReadFile(filepath.Join(out, "results.csv"))
	if !strings.Contains(strings.SplitN(string(b), "\n", 2)[0], "y5_total") {
		t.Error("--years 5 on the command line should win over the config's 3")
	}
}

// TestSourceDateEpochGivesIdenticalBytes: with SOURCE_DATE_EPOCH set, two
// runs over the same input write byte-identical workbooks, CSV and JSON.
func TestSourceDateEpochGivesIdenticalBytes(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	dir := t.TempDir()
	sample := filepath.Join("..", "..", "samples", "offers.csv")
	for _, run := range []string{"a", "b"} {
		runOK(t, "analyze", sample, "--format", "xlsx,csv,json", "--out-dir", filepath.Join(dir, run), "--quiet")
	}
	for _, name := range []string{"offers.xlsx", "results.csv", "results.json", "errors.csv"} {
		a, errA := os.ReadFile(filepath.Join(dir, "a", name))
		b, errB := os.ReadFile(filepath.Join(dir, "b", name))
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v %v", name, errA, errB)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with SOURCE_DATE_EPOCH set", name)
		}
	}
}

// TestSplitDecisionLinesNameTheOffers: in one candidate's workbook the
// Candidates sheet's decision line names the offers by company, as the
// batch workbook does, for every candidate of the sample (it once named
// them "offer" with nothing after it past the first candidate).
func TestSplitDecisionLinesNameTheOffers(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	sample := filepath.Join("..", "..", "samples", "offers.csv")
	runOK(t, "analyze", sample, "--split-by", "candidate", "--out-dir", out, "--format", "xlsx", "--offer-sheets", "0")
	books, err := filepath.Glob(filepath.Join(out, "*.xlsx"))
	if err != nil || len(books) < 5 {
		t.Fatalf("split workbooks %v (%v)", books, err)
	}
	decisions := 0
	for _, path := range books {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("Candidates")
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, row := range rows {
			if len(row) == 0 || !strings.Contains(row[0], " over ") || !strings.Contains(row[0], " more than ") {
				continue
			}
			decisions++
			if strings.HasPrefix(row[0], "offer ") || strings.Contains(row[0], "more than offer .") || strings.Contains(row[0], "offer  leads") {
				t.Errorf("%s: the decision names no offer: %q", filepath.Base(path), row[0])
			}
		}
	}
	if decisions < 5 {
		t.Errorf("%d decision lines in the split workbooks, want one per candidate with several offers (at least 5)", decisions)
	}
}
