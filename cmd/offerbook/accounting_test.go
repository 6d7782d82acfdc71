package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
)

// TestRowsInEqualsOffersPlusRejected generates offers, spoils some rows in
// several ways, and checks that every data row comes out either in
// results.csv or in errors.csv, never both and never neither.
func TestRowsInEqualsOffersPlusRejected(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	w := exporters.NewOffersCSVWriter(&buf)
	gen := analyzer.NewSynthetic(11)
	const n = 1500
	for i := 0; i < n; i++ {
		o := gen.Next()
		if err := w.Write(&o); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	spoiled := 0
	for i := 1; i < len(records); i++ {
		r := records[i]
		switch i % 11 {
		case 3:
			r[col["base"]] = "lots"
		case 5:
			r[col["vesting"]] = "50/40"
		case 7:
			r[col["level"]] = ""
		case 9:
			r[col["rsu_value"]] = "£10"
		case 10: // two bad cells: two lines in errors.csv, one rejected row
			r[col["base"]] = "$90,000 + $70,000"
			r[col["vesting"]] = "40/-20/80"
		default:
			continue
		}
		spoiled++
	}
	in := filepath.Join(dir, "offers.csv")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	cw := csv.NewWriter(f)
	if err := cw.WriteAll(records); err != nil {
		t.Fatal(err)
	}
	f.Close()

	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	err = run(context.Background(), []string{"offerbook", "analyze", "--quiet", "--format", "csv", "--out-dir", out, in}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, stderr.String())
	}
	// count returns the data rows of an output file and how many distinct
	// input rows they name (errors.csv has a line per bad cell).
	count := func(name string) (lines, rows int) {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, r := range recs[1:] {
			seen[r[0]+"\x00"+r[1]+"\x00"+r[2]] = true
		}
		return len(recs) - 1, len(seen)
	}
	offers, _ := count("results.csv")
	lines, rejected := count("errors.csv")
	if lines <= rejected {
		t.Errorf("errors.csv has %d lines for %d rows; rows with two bad cells should have two lines", lines, rejected)
	}
	if offers+rejected != n {
		t.Errorf("rows in %d != offers %d + rejected %d", n, offers, rejected)
	}
	if rejected != spoiled {
		t.Errorf("rejected %d, spoiled %d", rejected, spoiled)
	}
	if lines := strings.Count(stderr.String(), "\n"); lines < 100 || !strings.Contains(stderr.String(), "more rejected rows") {
		t.Errorf("stderr should list the first 100 rejections and say how many more; got %d lines", lines)
	}
}
