package importers_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/offerbook/offerbook/importers"
)

// wildBook reads a workbook of testdata/wild (written by openpyxl: see
// make.py there).
func wildBook(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "wild", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readWild reads workbook bytes with warnings kept, through ReadFile.
func readWild(t *testing.T, name string, data []byte, sheet string) (result, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var res result
	var warns []string
	emit, reject := collector(&res)
	res.stats, res.err = importers.ReadFile(context.Background(), path,
		importers.Options{Sheet: sheet, Warn: func(s string) { warns = append(warns, s) }}, emit, reject)
	return res, warns
}

// TestWildWorkbooks reads workbooks as openpyxl writes them: every row is
// an offer with the value as written, or a rejected row naming its cell.
func TestWildWorkbooks(t *testing.T) {
	jan4 := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, file, sheet string
		offers, rejected  int
		totals            int
		sheets            string   // the sheets the offers come from, in order
		warn              []string // each in one warning
		check             func(t *testing.T, res result)
	}{
		{name: "summary first: the offers sheet is read", file: "summary-first.xlsx", offers: 5, sheets: "Offers",
			warn: []string{`read sheet "Offers"`, `sheet "Summary" also holds offers`, "--sheet all"}},
		{name: "summary first, --sheet all", file: "summary-first.xlsx", sheet: "all", offers: 7, sheets: "Summary,Offers",
			warn: []string{`reading sheets "Summary", "Offers"`}},
		{name: "two sheets: the first is read, the second named", file: "two-sheets.xlsx", offers: 3, sheets: "Q1",
			warn: []string{`read sheet "Q1"`, `sheet "Q2" also holds offers and was not read`}},
		{name: "two sheets, --sheet all", file: "two-sheets.xlsx", sheet: "ALL", offers: 7, sheets: "Q1,Q2"},
		{name: "two sheets, --sheet Q2", file: "two-sheets.xlsx", sheet: "Q2", offers: 4, sheets: "Q2"},
		{name: "1904 date system", file: "date1904.xlsx", offers: 1, check: func(t *testing.T, res result) {
			if got := res.offers[0].StartDate; !got.Equal(jan4) {
				t.Errorf("start = %s, want 2027-01-04", got.Format(time.DateOnly))
			}
		}},
		{name: "formula without a saved value", file: "formula-no-value.xlsx", offers: 1, rejected: 1, check: func(t *testing.T, res result) {
			e := res.errs[0]
			if !errors.Is(e, importers.ErrFormulaNoValue) || e.Row != 3 || e.Column != "RSU grant" || e.Sheet != "Sheet" {
				t.Errorf("error %v (sheet %q row %d column %q), want ErrFormulaNoValue at Sheet row 3, RSU grant", e, e.Sheet, e.Row, e.Column)
			}
		}},
		{name: "merged cells apply to every row they cover", file: "merged.xlsx", offers: 3, check: func(t *testing.T, res result) {
			for i, o := range res.offers {
				if o.Company != "Stripe" || o.Schedule.Name != "40/30/20/10" {
					t.Errorf("offer %d: company %q vesting %q, want Stripe and 40/30/20/10 from the merged cells", i+1, o.Company, o.Schedule.Name)
				}
			}
			if c := res.offers[2].Candidate; c != "Client 2" {
				t.Errorf("row 4 candidate %q, want Client 2 (merged B3:B4)", c)
			}
		}},
		{name: "TRUE in a money column; a company named Total", file: "bool-and-total.xlsx", offers: 2, rejected: 1, totals: 1,
			warn: []string{"a totals row skipped (row 5)"}, check: func(t *testing.T, res result) {
				e := res.errs[0]
				if !errors.Is(e, importers.ErrInvalidAmount) || e.Row != 3 || e.Column != "Sign-on bonus" || e.Value != "TRUE" {
					t.Errorf("error %v (row %d column %q value %q), want an invalid amount TRUE at row 3, Sign-on bonus", e, e.Row, e.Column, e.Value)
				}
				if res.offers[1].Company != "Total" {
					t.Errorf("second offer's company %q, want Total", res.offers[1].Company)
				}
			}},
		// The same workbooks saved again by LibreOffice.
		{name: "LibreOffice: two sheets", file: "lo-two-sheets.xlsx", offers: 3, sheets: "Q1", warn: []string{`sheet "Q2" also holds offers`}},
		{name: "LibreOffice: 1904 date system", file: "lo-date1904.xlsx", offers: 1, check: func(t *testing.T, res result) {
			if got := res.offers[0].StartDate; !got.Equal(jan4) {
				t.Errorf("start = %s, want 2027-01-04", got.Format(time.DateOnly))
			}
		}},
		{name: "LibreOffice: formula computed and saved", file: "lo-formula-no-value.xlsx", offers: 2, check: func(t *testing.T, res result) {
			if g := res.offers[1].RSUValue.Decimal.String(); g != "600000" {
				t.Errorf("row 3 grant %s, want 600000 (=G2*2 as LibreOffice saved it)", g)
			}
		}},
		{name: "LibreOffice: merged cells", file: "lo-merged.xlsx", offers: 3, check: func(t *testing.T, res result) {
			for i, o := range res.offers {
				if o.Company != "Stripe" || o.Schedule.Name != "40/30/20/10" {
					t.Errorf("offer %d: company %q vesting %q, want Stripe and 40/30/20/10", i+1, o.Company, o.Schedule.Name)
				}
			}
		}},
		{name: "LibreOffice: TRUE and Total", file: "lo-bool-and-total.xlsx", offers: 2, rejected: 1, totals: 1, check: func(t *testing.T, res result) {
			if e := res.errs[0]; !errors.Is(e, importers.ErrInvalidAmount) || e.Value != "TRUE" {
				t.Errorf("error %v value %q, want an invalid amount TRUE", e, e.Value)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, warns := readWild(t, tc.file, wildBook(t, tc.file), tc.sheet)
			if res.err != nil {
				t.Fatal(res.err)
			}
			checkInvariant(t, res)
			if len(res.offers) != tc.offers || res.stats.Rejected != tc.rejected || res.stats.Totals != tc.totals {
				t.Errorf("%d offers, %d rejected, %d totals rows; want %d, %d, %d (errors %v)", len(res.offers), res.stats.Rejected, res.stats.Totals, tc.offers, tc.rejected, tc.totals, res.errs)
			}
			if tc.sheets != "" {
				var got []string
				for _, o := range res.offers {
					if len(got) == 0 || got[len(got)-1] != o.Source.Sheet {
						got = append(got, o.Source.Sheet)
					}
				}
				if strings.Join(got, ",") != tc.sheets {
					t.Errorf("offers from sheets %v, want %s", got, tc.sheets)
				}
			}
			all := strings.Join(warns, "\n")
			for _, w := range tc.warn {
				if !strings.Contains(all, w) {
					t.Errorf("warnings %q lack %q", warns, w)
				}
			}
			if tc.check != nil && !t.Failed() {
				tc.check(t, res)
			}
		})
	}
}

// TestDamagedSheetOrder: rows or cells stored twice or out of order (the
// XML of an openpyxl workbook edited by hand, as a broken writer leaves it)
// stop the read at the first row involved, with a file-level error naming
// the sheet, the row and the cell; the rows above it are read.
func TestDamagedSheetOrder(t *testing.T) {
	good := wildBook(t, "two-sheets.xlsx")
	moveRow2Last := func(p zipPart) zipPart {
		s := string(p.data)
		i := strings.Index(s, `<row r="2"`)
		j := i + strings.Index(s[i:], "</row>") + len("</row>")
		row := s[i:j]
		s = s[:i] + s[j:]
		s = strings.Replace(s, "</sheetData>", row+"</sheetData>", 1)
		p.data = []byte(s)
		return p
	}
	for _, tc := range []struct {
		name    string
		data    []byte
		offers  int
		row     int
		column  string
		message string
	}{
		{"duplicate row number", patch(t, good, sheetPart, replaceIn(t, `<row r="3"`, `<row r="2"`)), 0, 2, "",
			"row 2 is stored twice (it comes after row 2)"},
		{"rows out of order", patch(t, good, sheetPart, moveRow2Last), 0, 2, "",
			"row 2 is stored out of order (it comes after row 4)"},
		{"duplicated cell reference", patch(t, good, sheetPart, replaceIn(t, `<c r="C3"`, `<c r="B3"`)), 1, 3, "column B",
			"cell B3 is stored twice (it comes after column B)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var res result
			emit, reject := collector(&res)
			res.stats, res.err = importers.ReadXLSX(context.Background(), bytes.NewReader(tc.data), "q.xlsx", importers.Options{Sheet: "Q1"}, emit, reject)
			var fe *importers.RowError
			if !errors.As(res.err, &fe) || !errors.Is(res.err, importers.ErrDamagedWorkbook) {
				t.Fatalf("error = %v, want a file-level damaged-workbook *RowError", res.err)
			}
			if fe.File != "q.xlsx" || fe.Sheet != "Q1" || fe.Row != tc.row || fe.Column != tc.column || !strings.Contains(fe.Error(), tc.message) {
				t.Errorf("error %q at %s/%s/%d/%q; want q.xlsx/Q1/%d/%q saying %q", fe.Error(), fe.File, fe.Sheet, fe.Row, fe.Column, tc.row, tc.column, tc.message)
			}
			if len(res.offers) != tc.offers || res.stats.Rows != res.stats.Offers+res.stats.Rejected {
				t.Errorf("%d offers (stats %+v), want the %d above the damage", len(res.offers), res.stats, tc.offers)
			}
		})
	}
}

// TestManySheets: hidden sheets in front of the offers are passed over
// quickly (visibility is read once), and a workbook of more than 10,000
// sheets is refused before it is opened (opening costs the square of its
// sheets: 200,000 took minutes).
func TestManySheets(t *testing.T) {
	good := wildBook(t, "two-sheets.xlsx")
	hidden := func(n int) []byte {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, `<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" name="h%d" sheetId="%d" state="hidden" r:id="rId1"/>`, i, i+3)
		}
		return patch(t, good, "xl/workbook.xml", replaceIn(t, "<sheets>", "<sheets>"+b.String()))
	}
	start := time.Now()
	res, warns := readWild(t, "h.xlsx", hidden(3000), "")
	if res.err != nil || len(res.offers) != 3 || res.offers[0].Source.Sheet != "Q1" {
		t.Errorf("3,000 hidden sheets: err %v, %d offers; want Q1's 3 (warnings %q)", res.err, len(res.offers), warns)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("3,000 hidden sheets took %s", d)
	}
	res, _ = readWild(t, "h.xlsx", hidden(10001), "")
	if !errors.Is(res.err, importers.ErrTooLarge) || !strings.Contains(res.err.Error(), "10003 sheets; at most 10000") {
		t.Errorf("10,003 sheets: err %v, want ErrTooLarge naming the count", res.err)
	}
}

// TestSharedTextBeyondCells: a shared-text part of far more pieces than the
// sheets have cells (20 million one-letter strings took 2 GB and minutes) is
// refused while the package is checked; within the slack it is read.
func TestSharedTextBeyondCells(t *testing.T) {
	good := wildBook(t, "two-sheets.xlsx")
	withTexts := func(n int) []byte {
		parts := readParts(t, good)
		var b bytes.Buffer
		b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		for range n {
			b.WriteString("<si><t>a</t></si>")
		}
		b.WriteString("</sst>")
		hdr := zip.FileHeader{Name: "xl/sharedStrings.xml", Method: zip.Deflate}
		return writeParts(t, append(parts, zipPart{hdr: hdr, data: b.Bytes()}))
	}
	res, _ := readWild(t, "s.xlsx", withTexts(50000), "Q1")
	if res.err != nil || len(res.offers) != 3 {
		t.Errorf("50,000 unused texts: err %v, %d offers; want Q1's 3", res.err, len(res.offers))
	}
	res, _ = readWild(t, "s.xlsx", withTexts(200000), "Q1")
	if !errors.Is(res.err, importers.ErrTooLarge) || !strings.Contains(res.err.Error(), "holds 200000 pieces of text but its sheets have only") {
		t.Errorf("200,000 texts: err %v, want ErrTooLarge", res.err)
	}
}

// TestFormulaEmptyText: a text formula whose result is empty text (Excel
// saves <v></v> with t="str") is an empty cell, not a formula without a
// value; a number formula without a value is rejected.
func TestFormulaEmptyText(t *testing.T) {
	rows := `<row r="1"><c r="A1" t="inlineStr"><is><t>level</t></is></c><c r="B1" t="inlineStr"><is><t>location</t></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>base</t></is></c><c r="D1" t="inlineStr"><is><t>rsu_value</t></is></c><c r="E1" t="inlineStr"><is><t>candidate</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>L5</t></is></c><c r="B2" t="inlineStr"><is><t>Seattle</t></is></c><c r="C2"><v>180000</v></c><c r="D2"><v>300000</v></c>` +
		`<c r="E2" t="str"><f>IF(A2="","","")</f><v></v></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>L5</t></is></c><c r="B3" t="inlineStr"><is><t>Seattle</t></is></c><c r="C3"><v>180000</v></c><c r="D3"><f>D2*2</f></c></row>`
	var res result
	emit, reject := collector(&res)
	res.stats, res.err = importers.ReadXLSX(context.Background(), bytes.NewReader(shapedBook(t, rows, "", false)), "f.xlsx", importers.Options{}, emit, reject)
	if res.err != nil {
		t.Fatal(res.err)
	}
	if len(res.offers) != 1 || res.offers[0].Source.Row != 2 || len(res.errs) != 1 || !errors.Is(res.errs[0], importers.ErrFormulaNoValue) || res.errs[0].Row != 3 {
		t.Errorf("%d offers, errors %v; want row 2 an offer and row 3 rejected for its formula", len(res.offers), res.errs)
	}
}
