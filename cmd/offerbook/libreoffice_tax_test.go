//go:build unix

package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// afterTaxColumns pairs the after-tax table's headers with the analyzer's figures.
var afterTaxColumns = []struct {
	header string
	get    func(y *analyzer.YearTax) decimal.Decimal
}{
	{"Wages (year total)", func(y *analyzer.YearTax) decimal.Decimal { return y.Wages }},
	{"Federal", func(y *analyzer.YearTax) decimal.Decimal { return y.Federal }},
	{"FICA", func(y *analyzer.YearTax) decimal.Decimal { return y.FICA }},
	{"State", func(y *analyzer.YearTax) decimal.Decimal { return y.State }},
	{"City", func(y *analyzer.YearTax) decimal.Decimal { return y.City }},
	{"State payroll", func(y *analyzer.YearTax) decimal.Decimal { return y.StatePayroll }},
	{"Take-home", func(y *analyzer.YearTax) decimal.Decimal { return y.TakeHome }},
	{"Federal deduction", func(y *analyzer.YearTax) decimal.Decimal { return y.FederalDeduction }},
}

// parseAfterTax finds an offer sheet's "After tax (estimate)" table: per
// row label ("Year 1", …, "Total (4 years)", "Average take-home per
// year"), per column header, the cell text; and the sheet row (1-based)
// of each label. ok is false when the sheet has no such table with figures.
func parseAfterTax(rows [][]string) (t *yearTable, rowOf map[string]int, ok bool) {
	start := -1
	for i, r := range rows {
		if cell(r, 0) == "After tax (estimate)" {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, nil, false
	}
	hdr := -1
	for i := start + 1; i < len(rows) && i < start+5; i++ {
		if cell(rows[i], 0) == "Offer year" {
			hdr = i
			break
		}
	}
	if hdr < 0 {
		return nil, nil, false
	}
	t = &yearTable{cells: map[string]map[string]string{}, header: rows[hdr]}
	rowOf = map[string]int{}
	for i := hdr + 1; i < len(rows); i++ {
		label := cell(rows[i], 0)
		if label == "" || !(strings.HasPrefix(label, "Year ") || strings.HasPrefix(label, "Total") || strings.HasPrefix(label, "Average")) {
			break
		}
		m := map[string]string{}
		for j := range t.header {
			if j > 0 && cell(t.header, j) != "" {
				m[cell(t.header, j)] = cell(rows[i], j)
			}
		}
		t.rows = append(t.rows, label)
		t.cells[label] = m
		rowOf[label] = i + 1
	}
	return t, rowOf, true
}

// sampleTaxAnalyses imports the sample and analyzes it with the built-in
// tax tables, each offer optionally changed first; by id.
func sampleTaxAnalyses(t *testing.T, change func(o *analyzer.Offer), tax *analyzer.TaxTables) map[string]analyzer.Analysis {
	t.Helper()
	opts := analyzer.DefaultOptions()
	if tax == nil {
		var err error
		if tax, err = importers.DefaultTax(); err != nil {
			t.Fatal(err)
		}
	}
	opts.Tax = tax
	out := map[string]analyzer.Analysis{}
	if _, err := importers.ReadFile(context.Background(), "../../samples/offers.csv", importers.Options{},
		func(o *analyzer.Offer) error {
			if change != nil {
				change(o)
			}
			a, err := analyzer.Analyze(o, opts)
			if err != nil {
				return err
			}
			out[o.ID] = a
			return nil
		}, nil); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkAfterTax compares an after-tax table as LibreOffice computed it with
// the analyzer's figures, every column, to the cent.
func checkAfterTax(t *testing.T, sheet string, yt *yearTable, at *analyzer.AfterTax) {
	t.Helper()
	h := len(at.Years)
	totals := make([]decimal.Decimal, len(afterTaxColumns))
	for i := range at.Years {
		row := fmt.Sprintf("Year %d", i+1)
		for c, col := range afterTaxColumns {
			want := col.get(&at.Years[i])
			totals[c] = totals[c].Add(want)
			if got, _ := yt.get(row, col.header); !sameCents(got, want) {
				t.Errorf("sheet %q: %s %s = %q as LibreOffice computed it, want %s", sheet, row, col.header, got, want.StringFixed(2))
			}
		}
	}
	for c, col := range afterTaxColumns[:7] {
		if got, _ := yt.get(fmt.Sprintf("Total (%d years)", h), col.header); !sameCents(got, totals[c]) {
			t.Errorf("sheet %q: total %s = %q, want %s", sheet, col.header, got, totals[c].StringFixed(2))
		}
	}
	if got, _ := yt.get("Average take-home per year", "Take-home"); !sameCents(got, at.Average) {
		t.Errorf("sheet %q: average take-home = %q, want %s", sheet, got, at.Average.StringFixed(2))
	}
}

// TestLibreOfficeAfterTax: every offer sheet's after-tax table, recomputed
// by LibreOffice from its formulas over the Tax sheet, gives the analyzer's
// figures to the cent (each of WA, CA, NY, NYC and TX, single and mfj, is
// in the sample); and after the base of a Bay Area, a New York and a NY
// state offer and the single federal standard deduction on the Tax sheet
// are edited, LibreOffice computes the analyzer's figures for the new
// inputs on every offer sheet, while the same file with recalculation off
// still shows the stale cached ones.
func TestLibreOfficeAfterTax(t *testing.T) {
	soffice := requireSoffice(t)
	xlsx, _ := analyzeSample(t)
	want := sampleTaxAnalyses(t, nil, nil)

	sheets := convertWithLibreOffice(t, soffice, xlsx, recalcAlways)
	seen := map[analyzer.Residence]map[analyzer.FilingStatus]bool{}
	checked := 0
	for name, rows := range sheets {
		id, _, ok := parseOfferSheet(rows)
		if !ok {
			continue
		}
		a := want[id]
		yt, _, ok := parseAfterTax(rows)
		if !a.AfterTax.Known() {
			if ok {
				t.Errorf("sheet %q: after-tax figures for an offer without a residence", name)
			}
			continue
		}
		if !ok {
			t.Errorf("sheet %q: no after-tax table", name)
			continue
		}
		checkAfterTax(t, name, yt, a.AfterTax)
		if seen[a.AfterTax.Residence] == nil {
			seen[a.AfterTax.Residence] = map[analyzer.FilingStatus]bool{}
		}
		seen[a.AfterTax.Residence][a.AfterTax.Filing] = true
		checked++
	}
	for _, r := range analyzer.Residences {
		if len(seen[r]) == 0 {
			t.Errorf("the sample has no offer taxed in %s", r)
		}
	}
	if !seen[analyzer.ResidenceNYC][analyzer.FilingMFJ] {
		t.Error("the sample has no mfj offer in NYC")
	}
	t.Logf("%d after-tax tables agree to the cent", checked)

	// Edit the base of three offers; their cached after-tax figures go stale.
	edits := map[string]decimal.Decimal{"A-02": decimal.RequireFromString("161234.56"),
		"A-03": decimal.RequireFromString("412345.67"), "B-03": decimal.RequireFromString("98765.43")}
	// And the single federal standard deduction on the Tax sheet: every
	// single filer's figures follow it.
	newStd := decimal.NewFromInt(20000)
	builtin, err := importers.DefaultTax()
	if err != nil {
		t.Fatal(err)
	}
	rows := append([]analyzer.TaxRow(nil), builtin.Rows...)
	for i, r := range rows {
		if r.Jurisdiction == "US" && r.Status == "single" && r.Kind == "standard_deduction" {
			rows[i].Amount = decimal.NewNullDecimal(newStd)
		}
	}
	editedTax, err := analyzer.NewTaxTables(rows)
	if err != nil {
		t.Fatal(err)
	}
	edited := sampleTaxAnalyses(t, func(o *analyzer.Offer) {
		if b, ok := edits[o.ID]; ok {
			o.Base = b
		}
	}, editedTax)
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	sheetOf := map[string]string{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		id, _, ok := parseOfferSheet(rows)
		if _, edit := edits[id]; !ok || !edit {
			continue
		}
		sheetOf[id] = name
		for i, r := range rows {
			if cell(r, 0) == "Base salary" {
				if err := f.SetCellFloat(name, fmt.Sprintf("B%d", i+1), edits[id].InexactFloat64(), 2, 64); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
	}
	if len(sheetOf) != len(edits) {
		t.Fatalf("found the sheets of %v, want %d", sheetOf, len(edits))
	}
	taxRows, err := f.GetRows("Tax")
	if err != nil {
		t.Fatal(err)
	}
	stdRow := 0
	for i, r := range taxRows {
		if cell(r, 0) == "Federal standard deduction" {
			stdRow = i + 1
			break
		}
	}
	if stdRow == 0 {
		t.Fatal("the Tax sheet has no federal standard deduction row")
	}
	if err := f.SetCellFloat("Tax", fmt.Sprintf("B%d", stdRow), newStd.InexactFloat64(), 2, 64); err != nil {
		t.Fatal(err)
	}
	// Every offer sheet is checked after the edits: the three edited
	// bases, and every single filer through the new deduction.
	for name, rows := range sheets {
		if id, _, ok := parseOfferSheet(rows); ok && edited[id].AfterTax.Known() {
			sheetOf[id] = name
		}
	}
	path := filepath.Join(t.TempDir(), "edited.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()

	t.Run("recalculated", func(t *testing.T) {
		sheets := convertWithLibreOffice(t, soffice, path, recalcAlways)
		changed := 0
		for id, name := range sheetOf {
			yt, _, ok := parseAfterTax(sheets[name])
			if !ok {
				t.Fatalf("sheet %q lost its after-tax table", name)
			}
			checkAfterTax(t, name, yt, edited[id].AfterTax)
			if !edited[id].AfterTax.Total.Equal(want[id].AfterTax.Total) {
				changed++
			}
		}
		if changed < len(edits)+3 {
			t.Errorf("only %d offers' take-home changed with the edits", changed)
		}
	})
	t.Run("control: recalculation off shows the stale cache", func(t *testing.T) {
		sheets := convertWithLibreOffice(t, soffice, path, recalcNever)
		for id := range edits {
			name := sheetOf[id]
			yt, _, ok := parseAfterTax(sheets[name])
			if !ok {
				t.Fatalf("sheet %q lost its after-tax table", name)
			}
			stale := want[id].AfterTax.Years[0].TakeHome
			if got, _ := yt.get("Year 1", "Take-home"); !sameCents(got, stale) {
				t.Errorf("%s Year 1 take-home = %q with recalculation off, want the stale %s", name, got, stale.StringFixed(2))
			}
		}
	})
}
