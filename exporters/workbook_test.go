package exporters_test

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// fixedSheets is the number of sheets before the offer sheets in a
// workbook with one Summary, Levers and Errors page: About, Summary,
// Dashboard, Levers, Candidates, Pivots, the hidden Pivot data, Bands,
// Errors.
const fixedSheets = 9

// summaryColumn returns the column letter of a Summary header.
func summaryColumn(t *testing.T, f *excelize.File, header string) string {
	t.Helper()
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range rows[0] {
		if h == header {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return name
		}
	}
	t.Fatalf("Summary has no %q column in %q", header, rows[0])
	return ""
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// writeBook writes the run's workbook and opens it again with excelize.
func writeBook(t *testing.T, run *exporters.Run) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := exporters.WriteWorkbook(&buf, run); err != nil {
		t.Fatalf("WriteWorkbook: %v", err)
	}
	data := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open written workbook: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f, data
}

func TestWorkbookGolden(t *testing.T) {
	checkGolden(t, sampleRun(t), "workbook.golden")
}

// checkGolden compares the text dump of the run's workbook with
// testdata/name; -update rewrites it.
func checkGolden(t *testing.T, run *exporters.Run, name string) {
	t.Helper()
	_, data := writeBook(t, run)
	got, err := exporters.DumpWorkbook(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("workbook dump differs from %s at line %d:\n got: %s\nwant: %s\n(run go test -update if the change is intended)",
					golden, i+1, g, w)
			}
		}
	}
}

func TestWorkbookSheetsAndProps(t *testing.T) {
	f, _ := writeBook(t, sampleRun(t))
	got := f.GetSheetList()
	want := []string{"About", "Summary", "Dashboard", "Levers", "Candidates", "Pivots", "Pivot data", "Bands", "Errors",
		"O-001 Alice Amazon"}
	if len(got) != fixedSheets+3 {
		t.Fatalf("sheets = %q, want %d", got, fixedSheets+3)
	}
	if v, _ := f.GetSheetVisible("Pivot data"); v {
		t.Errorf("Pivot data is visible, want hidden")
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("sheet %d = %q, want %q", i, got[i], w)
		}
	}
	if idx := f.GetActiveSheetIndex(); got[idx] != "Summary" {
		t.Errorf("active sheet = %q, want Summary", got[idx])
	}
	for _, s := range got {
		if s == "Sheet1" {
			t.Errorf("default Sheet1 left in the workbook")
		}
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2023-11-14T22:13:20Z" {
		t.Errorf("Created = %q, want RFC 3339 UTC of the run time", props.Created)
	}
	calc, err := f.GetCalcProps()
	if err != nil {
		t.Fatal(err)
	}
	if calc.FullCalcOnLoad == nil || !*calc.FullCalcOnLoad {
		t.Errorf("FullCalcOnLoad not set")
	}
}

// numFmt returns the custom number format of a cell.
func numFmt(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if s.CustomNumFmt == nil {
		return ""
	}
	return *s.CustomNumFmt
}

func TestMoneyCellsAreNumeric(t *testing.T) {
	f, _ := writeBook(t, sampleRun(t))
	header, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	moneyCols := []string{"Base", "Sign-on Y1", "Sign-on Y2", "RSU grant", "Y1 total", "Y2 total", "Y3 total",
		"Y4 total", "Total (4 yr)", "Average / yr", "Two-year average", "Relocation", "Total @ -20%"}
	col := map[string]int{}
	for i, h := range header[0] {
		col[h] = i + 1
	}
	for _, name := range moneyCols {
		c, ok := col[name]
		if !ok {
			t.Errorf("Summary has no %q column", name)
			continue
		}
		for row := 2; row <= 4; row++ {
			ref, _ := excelize.CoordinatesToCellName(c, row)
			typ, err := f.GetCellType("Summary", ref)
			if err != nil {
				t.Fatal(err)
			}
			if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("Summary!%s (%s) has type %v, want a number", ref, name, typ)
			}
			raw, _ := f.GetCellValue("Summary", ref, excelize.Options{RawCellValue: true})
			if _, err := strconv.ParseFloat(raw, 64); err != nil {
				t.Errorf("Summary!%s (%s) = %q, not a number", ref, name, raw)
			}
			if got := numFmt(t, f, "Summary", ref); got != "$#,##0" {
				t.Errorf("Summary!%s (%s) format = %q, want $#,##0", ref, name, got)
			}
		}
	}
	// The worked check on Summary, read back as numbers.
	for name, want := range map[string]float64{"Y1 total": 270000, "Y2 total": 280000, "Y3 total": 295000,
		"Y4 total": 295000, "Total (4 yr)": 1140000} {
		ref, _ := excelize.CoordinatesToCellName(col[name], 2)
		raw, _ := f.GetCellValue("Summary", ref, excelize.Options{RawCellValue: true})
		if got, _ := strconv.ParseFloat(raw, 64); got != want {
			t.Errorf("Summary %s = %s, want %.0f", name, raw, want)
		}
	}
}

func TestPanesAndAutoFilterSurvive(t *testing.T) {
	f, data := writeBook(t, sampleRun(t))
	for _, tc := range []struct{ sheet, filter string }{
		{"Summary", "'Summary'!$A$1:$AJ$4"},
		{"Levers", "'Levers'!$A$1:$T$4"},
		{"Errors", "'Errors'!$A$1:$F$2"},
	} {
		t.Run(tc.sheet, func(t *testing.T) {
			p, err := f.GetPanes(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
				t.Errorf("panes = %+v, want the header row frozen", p)
			}
			found := false
			for _, d := range f.GetDefinedName() {
				if d.Name == "_xlnm._FilterDatabase" && d.Scope == tc.sheet {
					found = true
					if d.RefersTo != tc.filter {
						t.Errorf("autofilter = %s, want %s", d.RefersTo, tc.filter)
					}
				}
			}
			if !found {
				t.Errorf("no autofilter defined name")
			}
			w, err := f.GetColWidth(tc.sheet, "A")
			if err != nil || w < 10 {
				t.Errorf("column A width = %v, %v; widths were lost", w, err)
			}
		})
	}
	// The worksheet XML itself carries the autoFilter element.
	if !bytes.Contains(unzipped(t, data, "xl/worksheets/sheet2.xml"), []byte(`<autoFilter ref="$A$1:$AJ$4"`)) {
		t.Errorf("Summary sheet XML has no autoFilter element")
	}
}

func TestSheetNames(t *testing.T) {
	mk := func(id, candidate, company string) *analyzer.Offer {
		o := workedOffer()
		o.ID, o.Candidate, o.Company = id, candidate, company
		return o
	}
	offers := []*analyzer.Offer{
		mk("Acme", "", ""),
		mk("ACME", "", ""),
		mk("acme", "", ""),
		mk("History", "", ""),
		mk("history", "", ""),
		mk("Summary", "", ""),
		mk("errors", "", ""),
		mk("about", "", ""),
		mk("O-1", "Ann [Q]: a/b\\c?*", "X"),
		mk("'quoted'", "", ""),
		mk("O-2", "Bartholomew-Alexander Montgomery", "International Business Machines"),
		mk("O-2", "Bartholomew-Alexander Montgomery", "International Business Machines"),
		mk("G-0000001", "Candidate 000001", "Google"),
		mk("", "", ""),
		mk("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", "", ""),
	}
	run := newRun(t, analyzer.DefaultOptions(), offers...)
	f, _ := writeBook(t, run)
	sheets := f.GetSheetList()
	if len(sheets) != fixedSheets+len(offers) {
		t.Fatalf("got %d sheets %q, want %d", len(sheets), sheets, fixedSheets+len(offers))
	}
	seen := map[string]string{}
	for _, s := range sheets {
		key := strings.ToLower(s)
		if prev, ok := seen[key]; ok {
			t.Errorf("sheet %q duplicates %q without regard to case", s, prev)
		}
		seen[key] = s
		if n := len(utf16.Encode([]rune(s))); n > 31 || n == 0 {
			t.Errorf("sheet %q is %d UTF-16 units long", s, n)
		}
		if strings.ContainsAny(s, `[]:*?/\`) {
			t.Errorf("sheet %q has a forbidden character", s)
		}
		if strings.HasPrefix(s, "'") || strings.HasSuffix(s, "'") {
			t.Errorf("sheet %q has an edge apostrophe", s)
		}
		if key == "history" {
			t.Errorf("sheet named %q", s)
		}
	}
	for _, want := range []string{"Acme", "ACME (2)", "acme (3)", "History (2)", "Summary (2)", "O-1 Ann Q a b c X", "quoted",
		// Long names lose whole words, never part of one.
		"O-2 Bartholomew-Alexander", "O-2 Bartholomew-Alexander (2)", "G-0000001 Candidate 000001"} {
		if _, ok := seen[strings.ToLower(want)]; !ok {
			t.Errorf("no sheet %q in %q", want, sheets)
		}
	}
	// Every Summary link points at an existing sheet.
	for row := 2; row < 2+len(offers); row++ {
		formula, _ := f.GetCellFormula("Summary", fmt.Sprintf("A%d", row))
		ok := false
		for _, s := range sheets {
			if strings.Contains(formula, "'"+strings.ReplaceAll(strings.ReplaceAll(s, "'", "''"), `"`, `""`)+"'!A1") {
				ok = true
			}
		}
		if !ok {
			t.Errorf("Summary!A%d link %q names no sheet", row, formula)
		}
	}
}

func TestInputTextNeverBecomesFormula(t *testing.T) {
	f, _ := writeBook(t, sampleRun(t))
	sheet := f.GetSheetList()[fixedSheets+1] // the rich offer
	hostile := map[string]bool{`=HYPERLINK("http://evil","x")`: true, "=1+1": true,
		"+1 recruiter said @Friday; -flexible": true}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for r, cols := range rows {
		for c, v := range cols {
			if !hostile[v] {
				continue
			}
			found++
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
				t.Errorf("%s!%s holds formula %q, want text", sheet, ref, formula)
			}
			if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
				t.Errorf("%s!%s has type %v, want text", sheet, ref, typ)
			}
		}
	}
	if found < 3 {
		t.Errorf("found %d of the hostile inputs on %q, want 3", found, sheet)
	}
	// On Summary too.
	if formula, _ := f.GetCellFormula("Summary", "B3"); formula != "" {
		t.Errorf("Summary!B3 holds formula %q", formula)
	}
	if v, _ := f.GetCellValue("Summary", "B3"); v != `=HYPERLINK("http://evil","x")` {
		t.Errorf("Summary!B3 = %q", v)
	}
	if formula, _ := f.GetCellFormula("Errors", "E2"); formula != "" {
		t.Errorf("Errors!E2 holds formula %q", formula)
	}
}

// yearTableRow finds the row of a label in column A.
func findRow(t *testing.T, rows [][]string, label string) int {
	t.Helper()
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			return i + 1
		}
	}
	t.Fatalf("no row labelled %q", label)
	return 0
}

// TestFormulasAgreeWithAnalyzer evaluates every formula on each offer sheet
// with excelize's calculation engine and compares it to the analyzer's
// figure (for the year table) and to the cached value (for every formula),
// to the cent.
func TestFormulasAgreeWithAnalyzer(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  *exporters.Run
	}{
		{"growth raise refresher bonus", growthRun(t)},
		{"defaults", sampleRun(t)},
		{"market bands, levers, counter", marketRun(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := writeBook(t, tc.run)
			sheets := f.GetSheetList()[fixedSheets:]
			checked := 0
			for i, sheet := range sheets {
				a := tc.run.Analyses[i]
				rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				calc := func(ref string) float64 {
					t.Helper()
					s, err := f.CalcCellValue(sheet, ref, excelize.Options{RawCellValue: true})
					if err != nil {
						t.Fatalf("%s!%s: %v", sheet, ref, err)
					}
					v, err := strconv.ParseFloat(s, 64)
					if err != nil {
						t.Fatalf("%s!%s evaluates to %q", sheet, ref, s)
					}
					return v
				}
				agree := func(ref string, want decimal.Decimal) {
					t.Helper()
					got := calc(ref)
					if diff := math.Abs(got - want.InexactFloat64()); diff > 0.005 {
						t.Errorf("%s!%s evaluates to %.4f, analyzer says %s", sheet, ref, got, want.StringFixed(4))
					}
					checked++
				}
				for y, yt := range a.Years {
					r := findRow(t, rows, fmt.Sprintf("Year %d", y+1))
					for col, want := range []decimal.Decimal{yt.Base, yt.SignOn, yt.RSU, yt.Refresh, yt.Bonus, yt.Total} {
						agree(fmt.Sprintf("%c%d", 'B'+col, r), want)
					}
					if y == 0 {
						agree(fmt.Sprintf("H%d", r), a.Relocation)
					}
				}
				agree(fmt.Sprintf("G%d", findRow(t, rows, fmt.Sprintf("Total (%d years)", len(a.Years)))), a.Total)
				agree(fmt.Sprintf("G%d", findRow(t, rows, "Average per year")), a.Average)
				agree(fmt.Sprintf("G%d", findRow(t, rows, "Two-year average")), a.TwoYearAverage)
				if a.GrantFromShares {
					agree(fmt.Sprintf("B%d", findRow(t, rows, "RSU grant value (G)")), a.Grant)
				}
				// Every numeric formula evaluates to its cached value.
				for r, cols := range rows {
					for c := range cols {
						ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
						formula, _ := f.GetCellFormula(sheet, ref)
						if formula == "" || strings.HasPrefix(formula, "HYPERLINK(") {
							continue
						}
						cached, err := strconv.ParseFloat(cols[c], 64)
						if err != nil {
							t.Errorf("%s!%s = %q has no numeric cached value", sheet, ref, cols[c])
							continue
						}
						if got := calc(ref); math.Abs(got-cached) > 0.005+1e-9 {
							t.Errorf("%s!%s: formula %s gives %.4f, cached %.2f", sheet, ref, formula, got, cached)
						}
					}
				}
			}
			if checked < 20 {
				t.Errorf("checked only %d formula cells", checked)
			}
		})
	}
}

func TestSummaryContinuesOnNextSheet(t *testing.T) {
	offers := make([]*analyzer.Offer, 5)
	for i := range offers {
		offers[i] = workedOffer()
		offers[i].ID = fmt.Sprintf("O-%d", i+1)
	}
	run := newRun(t, analyzer.DefaultOptions(), offers...)
	run.RowsPerSheet = 3 // a header and two offers per sheet
	run.OfferSheets = 4
	f, _ := writeBook(t, run)
	want := []string{"About", "Summary", "Summary (2)", "Summary (3)", "Dashboard", "Levers", "Levers (2)", "Levers (3)",
		"Candidates", "Pivots", "Pivot data", "Bands", "Errors"}
	got := f.GetSheetList()
	for i, w := range want {
		if got[i] != w {
			t.Fatalf("sheets = %q, want %q first", got, want)
		}
	}
	if len(got) != len(want)+4 {
		t.Errorf("%d sheets, want %d (offer sheets capped at 4)", len(got), len(want)+4)
	}
	var ids []string
	for _, s := range want[1:4] {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != "ID" {
			t.Errorf("%s has no header row", s)
		}
		if len(rows) > 3 {
			t.Errorf("%s has %d rows, cap is 3", s, len(rows))
		}
		for _, r := range rows[1:] {
			ids = append(ids, r[0])
		}
		if p, _ := f.GetPanes(s); !p.Freeze {
			t.Errorf("%s: header not frozen", s)
		}
	}
	if strings.Join(ids, ",") != "O-1,O-2,O-3,O-4,O-5" {
		t.Errorf("ids across Summary sheets = %v", ids)
	}
	// O-5 has no sheet: plain text id. O-3's sheet links back to Summary (2)!A2.
	if formula, _ := f.GetCellFormula("Summary (3)", "A2"); formula != "" {
		t.Errorf("O-5 beyond the offer-sheet cap has link %q", formula)
	}
	if formula, _ := f.GetCellFormula(got[len(want)+2], "A1"); !strings.Contains(formula, "'Summary (2)'!A2") {
		t.Errorf("%s back link = %q, want Summary (2)!A2", got[len(want)+2], formula)
	}
	// Levers pages the same way, each id linked to its offer sheet.
	if v, _ := f.GetCellValue("Levers (2)", "A3"); v != "O-4" {
		t.Errorf("Levers (2)!A3 = %q, want O-4", v)
	}
	if formula, _ := f.GetCellFormula("Levers (2)", "A3"); !strings.Contains(formula, "'O-4 Alice Amazon'!A1") {
		t.Errorf("Levers (2)!A3 link = %q", formula)
	}
}

func TestNoRejectedRows(t *testing.T) {
	f, _ := writeBook(t, newRun(t, analyzer.DefaultOptions(), workedOffer()))
	v, _ := f.GetCellValue("Errors", "A2")
	if !strings.HasPrefix(v, "No rejected rows") {
		t.Errorf("Errors!A2 = %q, want a friendly no-rejections line", v)
	}
}

func TestWorkbookBytesAreReproducible(t *testing.T) {
	_, first := writeBook(t, sampleRun(t))
	for i := range 3 {
		_, again := writeBook(t, sampleRun(t))
		if !bytes.Equal(first, again) {
			t.Fatalf("write %d differs from the first: the same run must give the same bytes", i+2)
		}
	}
	if !bytes.Equal(unzipped(t, first, "[Content_Types].xml")[:5], []byte("<?xml")) {
		t.Errorf("[Content_Types].xml unreadable")
	}
}

func TestSummaryFlagNotes(t *testing.T) {
	run := sampleRun(t)
	f, _ := writeBook(t, run)
	comments, err := f.GetComments("Summary")
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, c := range comments {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		notes[c.Cell] = text
	}
	flags := summaryColumn(t, f, "Flags")
	for i, a := range run.Analyses {
		ref := fmt.Sprintf("%s%d", flags, i+2)
		note, ok := notes[ref]
		if len(a.Flags) == 0 {
			if ok {
				t.Errorf("unflagged offer %d has note %q", i, note)
			}
			continue
		}
		for _, fl := range a.Flags {
			if !strings.Contains(note, string(fl.Code)) || !strings.Contains(note, fl.Message) {
				t.Errorf("note on Summary!%s = %q, missing %s: %s", ref, note, fl.Code, fl.Message)
			}
		}
	}
}
