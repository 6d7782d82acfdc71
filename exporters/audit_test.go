package exporters_test

import (
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/exporters"
	"github.com/xuri/excelize/v2"
)

// maxFormulaLen is the longest formula a person is expected to read and
// check in a cell: longer rules are split into helper columns.
const maxFormulaLen = 200

// threeCityRun is one candidate with the worked offer in Seattle, the Bay
// Area and New York City, with the built-in tax tables: every residence's
// after-tax formulas, and a candidate with three offers.
func threeCityRun(t *testing.T) *exporters.Run {
	t.Helper()
	run := taxRun(t)
	opts := run.Options
	bay := workedOffer()
	bay.ID, bay.Location, bay.Company, bay.Level = "O-BAY", "Bay Area", "Google", "L5"
	nyc := workedOffer()
	nyc.ID, nyc.Location, nyc.Company, nyc.Level = "O-NYC", "New York", "Meta", "E5"
	nyc.Base = dec("260000") // high enough for New York's full recapture
	return newRun(t, opts, workedOffer(), bay, nyc)
}

// auditRuns are the workbooks the audit tests read: the golden sample, the
// market run (a candidate with three offers) and the after-tax runs.
func auditRuns(t *testing.T) map[string]*exporters.Run {
	return map[string]*exporters.Run{
		"sample": sampleRun(t), "market": marketRun(t), "tax": taxRun(t), "three cities": threeCityRun(t),
	}
}

// TestFormulasShort: no formula in any workbook is longer than
// maxFormulaLen characters.
func TestFormulasShort(t *testing.T) {
	for name, run := range auditRuns(t) {
		t.Run(name, func(t *testing.T) {
			f, _ := writeBook(t, run)
			longest, where := 0, ""
			for _, sheet := range f.GetSheetList() {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for r, row := range rows {
					for c := range row {
						ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
						fm, err := f.GetCellFormula(sheet, ref)
						if err != nil {
							t.Fatal(err)
						}
						if len(fm) > longest {
							longest, where = len(fm), sheet+"!"+ref
						}
						if len(fm) > maxFormulaLen {
							t.Errorf("%s!%s: formula of %d characters, want at most %d: %s", sheet, ref, len(fm), maxFormulaLen, fm)
						}
					}
				}
			}
			t.Logf("longest formula: %d characters (%s)", longest, where)
		})
	}
}

// valAxis matches a chart's value axis.
var valAxis = regexp.MustCompile(`(?s)<valAx>.*?</valAx>`)

// TestBarChartsFromZero: the value axis of every bar and column chart starts
// at 0, and every chart title states its unit.
func TestBarChartsFromZero(t *testing.T) {
	for name, run := range auditRuns(t) {
		t.Run(name, func(t *testing.T) {
			f, data := writeBook(t, run)
			n := 0
			for _, sheet := range f.GetSheetList() {
				for _, c := range sheetCharts(t, data, sheet) {
					if !strings.Contains(c, "<barChart>") {
						continue
					}
					n++
					axes := valAxis.FindAllString(c, -1)
					if len(axes) == 0 {
						t.Errorf("%s: a bar chart without a value axis", sheet)
					}
					for _, ax := range axes {
						if !strings.Contains(ax, `<min val="0"`) {
							t.Errorf("%s: a bar chart's value axis does not start at 0: %s", sheet, ax)
						}
					}
					if !strings.Contains(c, "US$") && !strings.Contains(c, "number of offers") {
						t.Errorf("%s: a chart title without its unit", sheet)
					}
				}
			}
			if n == 0 {
				t.Error("no bar chart in the workbook")
			}
		})
	}
}

// rowBreaks returns the rows before which a sheet's printed pages break.
func rowBreaks(t *testing.T, data []byte, sheet string) []int {
	t.Helper()
	var ws struct {
		Breaks []struct {
			ID int `xml:"id,attr"`
		} `xml:"rowBreaks>brk"`
	}
	if err := xml.Unmarshal(unzipped(t, data, sheetPart(t, data, sheet)), &ws); err != nil {
		t.Fatal(err)
	}
	out := make([]int, len(ws.Breaks))
	for i, b := range ws.Breaks {
		out[i] = b.ID + 1 // a break after row id: the next page starts at id+1
	}
	return out
}

// TestOfferSheetPrintLayout: every sheet prints its name, the generated
// date and "Page X of Y"; an offer sheet prints one page wide over A:M on
// at most three pages, each page after the first starting at a section
// title, never between the chart's first and last rows; Bands prints only
// its heading.
func TestOfferSheetPrintLayout(t *testing.T) {
	for name, run := range map[string]*exporters.Run{"market": marketRun(t), "three cities": threeCityRun(t), "sample": sampleRun(t), "five years": growthRun(t)} {
		t.Run(name, func(t *testing.T) {
			f, data := writeBook(t, run)
			areas := map[string]string{}
			for _, d := range f.GetDefinedName() {
				if d.Name == "_xlnm.Print_Area" {
					areas[d.Scope] = d.RefersTo
				}
			}
			for _, sheet := range f.GetSheetList() {
				hf, err := f.GetHeaderFooter(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(hf.OddHeader, "&A") || !strings.Contains(hf.OddHeader, "Generated 2023-11-14") ||
					!strings.Contains(hf.OddFooter, "Page &P of &N") {
					t.Errorf("%s: header %q, footer %q: want the sheet name, the generated date and page X of Y", sheet, hf.OddHeader, hf.OddFooter)
				}
			}
			if got := areas["Bands"]; got != "'Bands'!$A$1:$H$3" {
				t.Errorf("Bands print area = %q, want its heading only", got)
			}
			for _, sheet := range f.GetSheetList() {
				if v, _ := f.GetCellValue(sheet, "A1"); v != "← Back to Summary" {
					continue
				}
				rows := mustRows(t, f, sheet)
				if !strings.HasPrefix(areas[sheet], "'"+strings.ReplaceAll(sheet, "'", "''")+"'!$A$1:$M$") {
					t.Errorf("%s: print area %q, want A1 to column M", sheet, areas[sheet])
				}
				pl, _ := f.GetPageLayout(sheet)
				if pl.AdjustTo == nil || *pl.AdjustTo < 40 || *pl.AdjustTo > 100 {
					t.Errorf("%s: print scale %v, want 40–100%%", sheet, pl.AdjustTo)
				}
				breaks := rowBreaks(t, data, sheet)
				if len(breaks) > 2 {
					t.Errorf("%s: %d page breaks, want at most 2 (three pages)", sheet, len(breaks))
				}
				title, _ := f.GetCellStyle(sheet, fmt.Sprintf("A%d", findRow(t, rows, "Verdict")))
				inputs := findRow(t, rows, "Inputs")
				for _, r := range breaks {
					ref := fmt.Sprintf("A%d", r)
					if s, _ := f.GetCellStyle(sheet, ref); s != title {
						v, _ := f.GetCellValue(sheet, ref)
						t.Errorf("%s: a page starts at row %d (%q), not at a section title", sheet, r, v)
					}
					if r > inputs && r <= inputs+17 {
						t.Errorf("%s: a page break at row %d cuts the chart beside the inputs", sheet, r)
					}
				}
			}
		})
	}
}

// TestAfterTaxSteps: below each after-tax table, "After tax, step by step"
// holds the figures the taxes are made of, with cached values that add up
// to the after-tax table's (LibreOffice recomputes both in cmd/offerbook).
func TestAfterTaxSteps(t *testing.T) {
	run := threeCityRun(t)
	f, _ := writeBook(t, run)
	num := func(sheet, ref string) float64 { return cellFloat(t, f, sheet, ref) }
	for k, sheet := range []string{"O-001 Alice Amazon", "O-BAY Alice Google", "O-NYC Alice Meta"} {
		rows := mustRows(t, f, sheet)
		main := rowAfter(rows, "Offer year", findRow(t, rows, "After tax (estimate)"))
		stepsAt := findRow(t, rows, "After tax, step by step")
		header := rows[stepsAt] // the row below the title
		col := map[string]string{}
		for c, name := range header {
			col[name] = columnLetter(c + 1)
		}
		for i := range run.Analyses[k].AfterTax.Years {
			r, s := main+1+i, stepsAt+2+i
			at := func(name string) float64 {
				c, ok := col[name]
				if !ok {
					t.Fatalf("%s: no step column %q in %v", sheet, name, header)
				}
				return num(sheet, fmt.Sprintf("%s%d", c, s))
			}
			near := func(what string, got, want float64) {
				if got-want > 0.011 || want-got > 0.011 {
					t.Errorf("%s year %d: %s = %.2f, want %.2f", sheet, i+1, what, got, want)
				}
			}
			wages, fed, state, city, ded := num(sheet, fmt.Sprintf("B%d", r)), num(sheet, fmt.Sprintf("C%d", r)),
				num(sheet, fmt.Sprintf("E%d", r)), num(sheet, fmt.Sprintf("F%d", r)), num(sheet, fmt.Sprintf("I%d", r))
			near("federal taxable income", at("Federal taxable income"), max(0, wages-ded))
			if fed <= 0 {
				t.Errorf("%s year %d: no federal tax", sheet, i+1)
			}
			switch k {
			case 1: // California: brackets + surcharge − credit
				near("state tax", state, max(0, at("State tax by the brackets")+at("Surcharge above $1M")-at("Exemption credit")))
			case 2: // New York City: NY brackets + supplemental; city brackets − school credit
				near("state tax", state, at("State tax by the brackets")+at("Supplemental tax"))
				near("city tax", city, max(0, at("City tax by the brackets")-at("School tax credit")))
				if at("Supplemental tax") <= 0 {
					t.Errorf("%s year %d: no supplemental tax at wages %.0f", sheet, i+1, wages)
				}
			}
			for c := range header {
				ref := fmt.Sprintf("%s%d", columnLetter(c+1), s)
				if fm, _ := f.GetCellFormula(sheet, ref); c > 0 && fm == "" {
					t.Errorf("%s!%s: a step without a formula", sheet, ref)
				}
			}
		}
	}
}

// columnLetter is the letter name of a 1-based column.
func columnLetter(c int) string { n, _ := excelize.ColumnNumberToName(c); return n }
