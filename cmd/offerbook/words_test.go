package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/exporters"
	"github.com/xuri/excelize/v2"
)

func TestCounted(t *testing.T) {
	tests := []struct {
		n         int
		one, many string
		want      string
	}{
		{0, "offer", "", "0 offers"},
		{1, "offer", "", "1 offer"},
		{2, "offer", "", "2 offers"},
		{1, "blank or total row", "blank or total rows", "1 blank or total row"},
		{3, "blank or total row", "blank or total rows", "3 blank or total rows"},
	}
	for _, tc := range tests {
		if got := counted(tc.n, tc.one, tc.many); got != tc.want {
			t.Errorf("counted(%d, %q, %q) = %q, want %q", tc.n, tc.one, tc.many, got, tc.want)
		}
	}
}

// writeOffers writes a one-offer CSV and returns its path.
func writeOffers(t *testing.T, dir, name, id string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	csv := "id,level,location,base,rsu_value\n" + id + ",L6,Seattle,180000,300000\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSummaryWording checks the one-line summaries: the right number of
// each noun, and validate writing its summary to stderr as analyze does,
// leaving stdout empty.
func TestSummaryWording(t *testing.T) {
	dir := t.TempDir()
	one := writeOffers(t, dir, "one.csv", "O-1")
	_, stderr := runOK(t, "analyze", one, "--out-dir", filepath.Join(dir, "out"))
	if want := "1 row read → 1 offer analyzed, 0 rejected"; !strings.Contains(stderr, want) {
		t.Errorf("analyze stderr = %q, want %q", stderr, want)
	}
	stdout, stderr := runOK(t, "validate", one)
	if stdout != "" {
		t.Errorf("validate stdout = %q, want nothing (the summary is on stderr)", stdout)
	}
	if want := "offerbook: 1 row read → 1 valid offer, 0 rejected, 0 blank or total rows skipped\n"; !strings.HasPrefix(stderr, want) {
		t.Errorf("validate stderr = %q, want %q", stderr, want)
	}
}

// TestWorkbookNamedAfterFirstInputGiven: "b.csv a.csv" writes b.xlsx, not
// a.xlsx (the first that sorts); a folder gives its own name.
func TestWorkbookNamedAfterFirstInputGiven(t *testing.T) {
	dir := t.TempDir()
	a := writeOffers(t, dir, "a.csv", "A-1")
	b := writeOffers(t, dir, "b.csv", "B-1")
	out := filepath.Join(dir, "out")
	stdout, _ := runOK(t, "analyze", b, a, "--out-dir", out)
	if want := filepath.Join(out, "b.xlsx"); strings.TrimSpace(stdout) != want {
		t.Errorf("wrote %q, want %q", stdout, want)
	}
	folder := filepath.Join(dir, "offers-2026")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	writeOffers(t, folder, "x.csv", "X-1")
	stdout, _ = runOK(t, "analyze", folder, "--out-dir", out)
	if want := filepath.Join(out, "offers-2026.xlsx"); strings.TrimSpace(stdout) != want {
		t.Errorf("wrote %q, want %q", stdout, want)
	}
}

// TestTemplateMarksBandLevels: the template says which levels have
// built-in bands (the shipped bands cover L6 and L7), in the level column's
// note and input prompt and beside the hidden level list.
func TestTemplateMarksBandLevels(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.xlsx")
	runOK(t, "template", "-o", path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const words = "Built-in market bands: L6, L7. L4, L5, L8 are analyzed without a market percentile unless --bands covers them."
	comments, err := f.GetComments(exporters.TemplateSheet)
	if err != nil {
		t.Fatal(err)
	}
	levelCol := 0
	for i, c := range exporters.TemplateColumns() {
		if c == "level" {
			levelCol = i + 1
		}
	}
	head, _ := excelize.CoordinatesToCellName(levelCol, exporters.TemplateHeaderRow)
	found := false
	for _, c := range comments {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		found = found || c.Cell == head && strings.Contains(text, words)
	}
	if !found {
		t.Errorf("the level header's note does not say %q", words)
	}
	dvs, err := f.GetDataValidations(exporters.TemplateSheet)
	if err != nil {
		t.Fatal(err)
	}
	prompt := false
	for _, dv := range dvs {
		prompt = prompt || dv.Prompt != nil && *dv.Prompt == words
	}
	if !prompt {
		t.Errorf("no level cell prompt says %q", words)
	}
	rows, err := f.GetRows(exporters.TemplateListsSheet)
	if err != nil {
		t.Fatal(err)
	}
	marks := map[string]string{}
	last := len(rows[0]) - 1
	if rows[0][last] != "level has market bands" {
		t.Fatalf("Lists header %q lacks the bands column", rows[0])
	}
	for _, r := range rows[1:] {
		if len(r) > last && r[last] != "" {
			marks[r[0]] = r[last]
		}
	}
	want := map[string]string{"L4": "no", "L5": "no", "L6": "yes", "L7": "yes", "L8": "no"}
	for l, m := range want {
		if marks[l] != m {
			t.Errorf("level %s marked %q, want %q (all: %v)", l, marks[l], m, marks)
		}
	}
}

// TestTemplateExampleRowWarns: analyzing the template as it comes warns
// that its one offer is the example; an edited row does not.
func TestTemplateExampleRowWarns(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "offers.xlsx")
	runOK(t, "template", "-o", path)
	_, stderr := runOK(t, "analyze", path, "--out-dir", filepath.Join(dir, "out"))
	want := "offerbook: warning: " + path + `, row 3 is the template's example offer (id EX-1, candidate "Example candidate")`
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	var quiet bytes.Buffer
	if err := run(context.Background(), []string{"offerbook", "analyze", path, "--out-dir", filepath.Join(dir, "q"), "--quiet"},
		&bytes.Buffer{}, &quiet); err != nil || quiet.Len() != 0 {
		t.Errorf("--quiet: err %v, stderr %q", err, quiet.String())
	}

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(exporters.TemplateSheet, "B3", "Dana"); err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(dir, "edited.xlsx")
	if err := f.SaveAs(edited); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, stderr = runOK(t, "analyze", edited, "--out-dir", filepath.Join(dir, "out2"))
	if strings.Contains(stderr, "example offer") {
		t.Errorf("an edited row still warns: %q", stderr)
	}
}

// candidateCharts counts the charts in a workbook that draw from its
// Candidates sheet.
func candidateCharts(t *testing.T, path string) int {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	n := 0
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "xl/charts/chart") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "&#39;Candidates&#39;!") || strings.Contains(string(b), "'Candidates'!") {
			n++
		}
	}
	return n
}

// TestSplitWorkbookCarriesCandidateChart: with --split-by candidate, a
// candidate with two offers gets the chart of them on the Candidates sheet
// of their own workbook; a candidate with one offer gets none.
func TestSplitWorkbookCarriesCandidateChart(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "offers.csv")
	csv := "id,candidate,level,location,base,rsu_value\n" +
		"1,Ana Ruiz,L6,Seattle,180000,300000\n" +
		"2,Ben,L5,Austin,150000,100000\n" +
		"3,Ana Ruiz,L6,New York,190000,320000\n"
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	runOK(t, "analyze", in, "--split-by", "candidate", "--out-dir", out)
	for name, want := range map[string]int{"Ana-Ruiz.xlsx": 1, "Ben.xlsx": 0} {
		if got := candidateCharts(t, filepath.Join(out, name)); got != want {
			t.Errorf("%s: %d candidate charts, want %d", name, got, want)
		}
	}
}
