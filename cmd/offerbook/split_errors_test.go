package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSplitWritesErrorsWhateverTheFormat: with --split-by candidate and
// the default format, errors.csv lists every rejected row, and each
// candidate's workbook lists that candidate's rejected rows on its Errors
// sheet (rows naming no candidate go to unassigned.xlsx).
func TestSplitWritesErrorsWhateverTheFormat(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "offers.csv")
	csv := "id,candidate,level,location,base,rsu_value\n" +
		"1,Ana Ruiz,L6,Seattle,180000,300000\n" +
		"2,Ben,L5,Austin,150000,100000\n" +
		"3,ANA RUIZ,L6,NYC,lots,320000\n" +
		"4,,L7,Remote,250000,600000\n" +
		"5,,L6,SF,twelve,350000\n" +
		"6,Ben,L5,Austin,150000,-5\n"
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := runCode(t, "analyze", in, "--split-by", "candidate", "--out-dir", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "errors.csv"))
	if err != nil {
		t.Fatalf("errors.csv not written with the default format: %v", err)
	}
	if n := strings.Count(string(b), "\n"); n != 4 {
		t.Errorf("errors.csv has %d lines, want a header and 3 rows:\n%s", n, b)
	}
	for book, rows := range map[string][]string{"Ana-Ruiz.xlsx": {"4"}, "Ben.xlsx": {"7"}, "unassigned.xlsx": {"6"}} {
		f, err := excelize.OpenFile(filepath.Join(out, book))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := f.GetRows("Errors")
		_ = f.Close()
		var listed []string
		for _, r := range got[1:] {
			for _, c := range r {
				for _, w := range []string{"4", "6", "7"} {
					if c == w {
						listed = append(listed, c)
					}
				}
			}
		}
		if strings.Join(listed, ",") != strings.Join(rows, ",") {
			t.Errorf("%s: Errors sheet lists rows %v, want %v\n%v", book, listed, rows, got)
		}
	}
}
