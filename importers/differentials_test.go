package importers_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/importers"
)

func TestDefaultDifferentials(t *testing.T) {
	rows, err := importers.DefaultDifferentials()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want Google and Meta", len(rows))
	}
	g := rows[0]
	if g.Company != "Google" || g.ReferenceCompany != "Amazon" || g.FactorMin.String() != "1.1" || g.FactorMax.String() != "1.15" ||
		g.Factor().String() != "1.125" || !strings.Contains(g.Source, "Guide") {
		t.Errorf("Google row %+v", g)
	}
	if m := rows[1]; m.Company != "Meta" || m.Factor().String() != "1" {
		t.Errorf("Meta row %+v", m)
	}
}

func TestReadDifferentialsRejectsBadRows(t *testing.T) {
	text := "company,reference_company,factor_min,factor_max\n" +
		"Google,Amazon,1.10,1.15\n" +
		"Meta,Amazon,abc,1.0\n" + // not a factor
		"Apple,Amazon,1.2,1.1\n" + // min above max
		",Amazon,1,1\n" // no company
	rows, bad, err := importers.ReadDifferentialsCSV(context.Background(), strings.NewReader(text), "d.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Company != "Google" || rows[0].Source != "d.csv" {
		t.Errorf("rows %+v, want Google alone with the file as its source", rows)
	}
	if len(bad) != 3 {
		t.Fatalf("%d bad rows, want 3", len(bad))
	}
	want := []struct {
		row    int
		column string
	}{{3, "factor_min"}, {4, "factor_max"}, {5, "company"}}
	for i, w := range want {
		if bad[i].Row != w.row || bad[i].Column != w.column {
			t.Errorf("bad row %d: %s:%d column %q, want row %d column %q", i, bad[i].File, bad[i].Row, bad[i].Column, w.row, w.column)
		}
	}
	if !errors.Is(bad[0], importers.ErrInvalidAmount) || !errors.Is(bad[2], importers.ErrMissingValue) {
		t.Errorf("errors %v, %v", bad[0], bad[2])
	}
}
