package exporters_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// taxOptions are the default options with the built-in tax tables.
func taxOptions(t *testing.T) analyzer.Options {
	t.Helper()
	opts := analyzer.DefaultOptions()
	tax, err := importers.DefaultTax()
	if err != nil {
		t.Fatal(err)
	}
	opts.Tax, opts.TaxSource = tax, importers.DefaultTaxSource
	return opts
}

// taxRun is the worked offer in Seattle and in the Bay Area, and a Remote
// copy without a residence, for one candidate, with the built-in tax tables.
func taxRun(t *testing.T) *exporters.Run {
	t.Helper()
	opts := taxOptions(t)
	bay := workedOffer()
	bay.ID, bay.Location = "O-BAY", "Bay Area"
	remote := workedOffer()
	remote.ID, remote.Location = "O-REM", "Remote"
	return newRun(t, opts, workedOffer(), bay, remote)
}

// rowAfter returns the 1-based row whose column A is label, after row from.
func rowAfter(rows [][]string, label string, from int) int {
	for i := from; i < len(rows); i++ {
		if len(rows[i]) > 0 && rows[i][0] == label {
			return i + 1
		}
	}
	return 0
}

// TestAfterTaxWorkbook: the Tax sheet is there; each offer sheet's after-tax
// table is formulas whose cached values are the analyzer's figures (the
// LibreOffice proof in cmd/offerbook recomputes them; excelize's own engine
// cannot evaluate SUMPRODUCT over another sheet's ranges); Summary, Candidates and
// About carry the after-tax figures and assumptions; Remote stays blank.
func TestAfterTaxWorkbook(t *testing.T) {
	run := taxRun(t)
	f, _ := writeBook(t, run)
	if idx, _ := f.GetSheetIndex("Tax"); idx < 0 {
		t.Fatalf("no Tax sheet in %v", f.GetSheetList())
	}
	cols := []string{"B", "C", "D", "E", "F", "G", "H", "I"}
	for k, a := range run.Analyses[:2] {
		sheet := f.GetSheetList()[fixedSheets+1+k]
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		start := rowAfter(rows, "After tax (estimate)", 0)
		if start == 0 {
			t.Fatalf("%s: no after-tax table", sheet)
		}
		for i, y := range a.AfterTax.Years {
			r := rowAfter(rows, fmt.Sprintf("Year %d", i+1), start)
			want := []decimal.Decimal{y.Wages, y.Federal, y.FICA, y.State, y.City, y.StatePayroll, y.TakeHome, y.FederalDeduction}
			for c, col := range cols {
				ref := fmt.Sprintf("%s%d", col, r)
				formula, _ := f.GetCellFormula(sheet, ref)
				if formula == "" && !want[c].IsZero() {
					t.Errorf("%s!%s has no formula", sheet, ref)
				}
				cached, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
				if d, err := decimal.NewFromString(cached); err != nil || !d.Equal(want[c].RoundBank(2)) {
					t.Errorf("%s!%s cached %q, want %s", sheet, ref, cached, want[c].StringFixed(2))
				}
			}
		}
	}
	// The Remote offer: a note, no figures.
	rows, _ := f.GetRows(f.GetSheetList()[fixedSheets+3])
	if r := rowAfter(rows, "After tax (estimate)", 0); r == 0 || !strings.Contains(rows[r][0], "tax_residence") || rowAfter(rows, "Offer year", r) != 0 {
		t.Errorf("Remote offer sheet: want a note and no after-tax table")
	}

	col := summaryColumn(t, f, "Y1 after tax")
	for i, want := range []string{"193256.79", "", ""} {
		got, _ := f.GetCellValue("Summary", fmt.Sprintf("%s%d", col, i+2), excelize.Options{RawCellValue: true})
		if i == 1 {
			want = run.Analyses[1].AfterTax.Years[0].TakeHome.RoundBank(2).String()
		}
		if got != want {
			t.Errorf("Summary row %d Y1 after tax = %q, want %q", i+2, got, want)
		}
	}
	best := summaryColumn(t, f, "Takes home the most")
	if got, _ := f.GetCellValue("Summary", best+"2"); got != "Y1–Y4" {
		t.Errorf("Seattle takes home the most in %q, want Y1–Y4", got)
	}

	cand, _ := f.GetRows("Candidates")
	r := rowAfter(cand, "Take-home vs the best", 0)
	if r == 0 {
		t.Fatal("Candidates has no take-home gap row")
	}
	// Seattle − Bay Area at Y1 270,000 … by the same rules: the gap is the
	// Bay Area's 4-year take-home less Seattle's.
	gap := run.Analyses[1].AfterTax.Total.Sub(run.Analyses[0].AfterTax.Total).RoundBank(2)
	if got, _ := f.GetCellValue("Candidates", fmt.Sprintf("C%d", r), excelize.Options{RawCellValue: true}); got != gap.String() || !gap.IsNegative() {
		t.Errorf("Bay Area gap = %q, want %s (negative)", got, gap)
	}
	if rowAfter(cand, "* California: 2025 schedules, 2026 not yet published", 0) == 0 {
		t.Error("Candidates lacks the California caveat")
	}

	about, _ := f.GetRows("About")
	text := fmt.Sprint(about)
	for _, s := range []string{"After tax (estimate)", "2026 not yet published", "no pre-tax deductions", "not what the paycheck withholds",
		"IRS Rev. Proc. 2025-32 (tax year 2026) (confirmed)"} {
		if !strings.Contains(text, s) {
			t.Errorf("About lacks %q", s)
		}
	}
}
