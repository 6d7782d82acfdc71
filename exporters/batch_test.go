package exporters_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// parts lists the part names of an .xlsx package.
func parts(t *testing.T, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range zr.File {
		out = append(out, f.Name)
	}
	return out
}

// countParts counts the parts matching a regular expression.
func countParts(t *testing.T, data []byte, re string) int {
	t.Helper()
	n := 0
	for _, p := range parts(t, data) {
		if regexp.MustCompile(re).MatchString(p) {
			n++
		}
	}
	return n
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// relTargets returns the targets of a part's relationships whose type ends
// with kind, resolved against the part's folder.
func relTargets(t *testing.T, data []byte, part, kind string) []string {
	t.Helper()
	dir, file := path.Split(part)
	relsName := dir + "_rels/" + file + ".rels"
	found := false
	for _, p := range parts(t, data) {
		found = found || p == relsName
	}
	if !found {
		return nil
	}
	var rels xmlRels
	if err := xml.Unmarshal(unzipped(t, data, relsName), &rels); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, "/"+kind) {
			out = append(out, path.Clean(path.Join(dir, r.Target)))
		}
	}
	return out
}

// sheetPart returns the worksheet part of a sheet.
func sheetPart(t *testing.T, data []byte, sheet string) string {
	t.Helper()
	var wbx struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(unzipped(t, data, "xl/workbook.xml"), &wbx); err != nil {
		t.Fatal(err)
	}
	var rels xmlRels
	if err := xml.Unmarshal(unzipped(t, data, "xl/_rels/workbook.xml.rels"), &rels); err != nil {
		t.Fatal(err)
	}
	for _, s := range wbx.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				return path.Clean(path.Join("xl", strings.TrimPrefix(r.Target, "/xl/")))
			}
		}
	}
	t.Fatalf("no worksheet part for %q", sheet)
	return ""
}

// sheetCharts returns the chart XML of every chart drawn on a sheet.
func sheetCharts(t *testing.T, data []byte, sheet string) []string {
	t.Helper()
	var out []string
	for _, d := range relTargets(t, data, sheetPart(t, data, sheet), "drawing") {
		for _, c := range relTargets(t, data, d, "chart") {
			out = append(out, html.UnescapeString(string(unzipped(t, data, c))))
		}
	}
	return out
}

func TestCharts(t *testing.T) {
	run := marketRun(t)
	f, data := writeBook(t, run)
	offerSheets := f.GetSheetList()[fixedSheets:]
	if got, want := countParts(t, data, `^xl/charts/chart\d+\.xml$`), len(offerSheets)+3+1; got != want {
		t.Errorf("%d chart parts, want %d (one per offer sheet, three on Dashboard, one for Priya's three offers)", got, want)
	}
	for _, sheet := range offerSheets {
		charts := sheetCharts(t, data, sheet)
		if len(charts) != 1 {
			t.Errorf("%s has %d charts, want 1", sheet, len(charts))
			continue
		}
		c := charts[0]
		rows, _ := f.GetRows(sheet)
		first, last := findRow(t, rows, "Year 1"), findRow(t, rows, "Year 4")
		q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
		for _, col := range "BCDEF" {
			ref := fmt.Sprintf("%s$%c$%d:$%c$%d", q, col, first, col, last)
			if !strings.Contains(c, ref) {
				t.Errorf("%s chart has no series over %s", sheet, ref)
			}
		}
		if n := strings.Count(c, "<ser>"); n != 5 {
			t.Errorf("%s chart has %d series, want 5", sheet, n)
		}
		if !strings.Contains(c, `<grouping val="stacked"`) || !strings.Contains(c, `<barDir val="col"`) {
			t.Errorf("%s chart is not a stacked column chart", sheet)
		}
	}
	dash := sheetCharts(t, data, "Dashboard")
	if len(dash) != 3 {
		t.Fatalf("Dashboard has %d charts, want 3", len(dash))
	}
	for i, c := range dash {
		if n := strings.Count(c, "<ser>"); n != 1 {
			t.Errorf("Dashboard chart %d has %d series, want 1", i+1, n)
		}
		if !strings.Contains(c, `<varyColors val="0"`) {
			t.Errorf("Dashboard chart %d varies colours by point", i+1)
		}
		if !strings.Contains(c, "'Dashboard'!$") {
			t.Errorf("Dashboard chart %d does not read the Dashboard tables", i+1)
		}
	}
}

// comments returns a sheet's notes by cell.
func comments(t *testing.T, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	cs, err := f.GetComments(sheet)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range cs {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		out[c.Cell] = text
	}
	return out
}

func TestOfferSheetNotes(t *testing.T) {
	opts := bandOptions(t)
	opts.StockPrice = nd("171.37")
	o := emOffer("data.csv:2", "Dana", "150000", "0", "0", "0")
	o.RSUValue = decimal.NullDecimal{}
	o.RSUShares = nd("1000")
	o.Defaulted = []string{"id", "company", "track", "vesting", "company_type"}
	o.CompanyType = "FAANG"
	run := newRun(t, opts, o)
	f, _ := writeBook(t, run)
	sheet := f.GetSheetList()[fixedSheets]
	rows, _ := f.GetRows(sheet)
	notes := comments(t, f, sheet)
	for label, want := range map[string]string{
		"ID":               `defaulted: the input has no id; "data.csv:2"`,
		"Company":          "defaulted: the input has no company; Amazon is assumed.",
		"Company type":     "defaulted: the input has no company type; FAANG is inferred from the company Amazon.",
		"Track":            "defaulted: the input has no track; EM is assumed.",
		"Vesting schedule": "defaulted: the input has no vesting schedule; amazon (5/15/40/40) is assumed.",
		"Stock price":      "defaulted: the offer gives RSU shares but no stock price; the run's --stock-price $171.37 is used.",
	} {
		ref := fmt.Sprintf("B%d", findRow(t, rows, label))
		if !strings.Contains(notes[ref], want) {
			t.Errorf("%s note on %s = %q, want %q", label, ref, notes[ref], want)
		}
	}
	for _, name := range []string{"Candidate", "Level", "Base salary"} {
		if n, ok := notes[fmt.Sprintf("B%d", findRow(t, rows, name))]; ok {
			t.Errorf("%s is not defaulted but has note %q", name, n)
		}
	}
	a := run.Analyses[0]
	if len(a.Flags) == 0 {
		t.Fatal("the offer has no flags")
	}
	for _, fl := range a.Flags {
		r := findRow(t, rows, string(fl.Code))
		if n := notes[fmt.Sprintf("A%d", r)]; !strings.Contains(n, fl.Message) {
			t.Errorf("flag %s note = %q, want its message %q", fl.Code, n, fl.Message)
		}
	}
}

func TestPrintSettings(t *testing.T) {
	f, _ := writeBook(t, marketRun(t))
	titles := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles[d.Scope] = d.RefersTo
		}
	}
	offer := ""
	for _, s := range f.GetSheetList() {
		if v, _ := f.GetCellValue(s, "A1"); v == "← Back to Summary" {
			offer = s
			break
		}
	}
	if offer == "" {
		t.Fatal("no offer sheet")
	}
	// Wide tables print landscape at full size across pages, repeating
	// their header row and id columns; sheets read top down fit the width.
	// Summary, Levers and Candidates print the columns a person reads,
	// fitted one page wide; an offer sheet prints at a computed scale
	// (TestOfferSheetPrintLayout).
	tests := []struct {
		sheet, orientation string
		fit                bool
		titles             string
	}{
		{"Summary", "landscape", true, "'Summary'!$1:$1"},
		{"Levers", "landscape", true, "'Levers'!$1:$1"},
		{"Errors", "landscape", true, "'Errors'!$1:$1"},
		{"Candidates", "landscape", true, ""},
		{"About", "landscape", true, ""},
		{"Dashboard", "landscape", true, ""},
		{offer, "landscape", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.sheet, func(t *testing.T) {
			pl, err := f.GetPageLayout(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if pl.Orientation == nil || *pl.Orientation != tc.orientation {
				t.Errorf("orientation = %v, want %s", pl.Orientation, tc.orientation)
			}
			props, err := f.GetSheetProps(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			fit := props.FitToPage != nil && *props.FitToPage
			if fit != tc.fit {
				t.Errorf("fit to page = %v, want %v", fit, tc.fit)
			}
			wantWide := 1
			if tc.fit && (pl.FitToWidth == nil || *pl.FitToWidth != wantWide || pl.FitToHeight == nil || *pl.FitToHeight != 0) {
				t.Errorf("fit to %v wide × %v tall, want %d × 0 (as many pages as needed)", derefInt(pl.FitToWidth), derefInt(pl.FitToHeight), wantWide)
			}
			if !tc.fit && tc.sheet != offer && (pl.AdjustTo == nil || *pl.AdjustTo != 100) {
				t.Errorf("scale = %v, want 100%%", pl.AdjustTo)
			}
			if got := titles[tc.sheet]; got != tc.titles {
				t.Errorf("print titles = %q, want %q", got, tc.titles)
			}
		})
	}
	if got := titles["Bands"]; !strings.HasPrefix(got, "'Bands'!$") {
		t.Errorf("Bands print titles = %q, want its band table header row", got)
	}
}

// cellFloat reads a cell's raw value as a number.
func cellFloat(t *testing.T, f *excelize.File, sheet, ref string) float64 {
	t.Helper()
	raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, not a number", sheet, ref, raw)
	}
	return v
}

// TestPivotsByBandLevel: offers at other companies' levels are grouped
// under the Amazon-ladder level their bands were looked up at, beside their
// own level.
func TestPivotsByBandLevel(t *testing.T) {
	opts := bandOptions(t)
	levels, err := importers.DefaultLevels()
	if err != nil {
		t.Fatal(err)
	}
	if opts.Levels, err = analyzer.NewLevelTable(levels); err != nil {
		t.Fatal(err)
	}
	google := emOffer("G-1", "Dana", "215000", "400000", "60000", "0")
	google.Company, google.CompanyType, google.Level, google.Location = "Google", "FAANG", "L5", "Bay Area"
	meta := emOffer("F-1", "Dana", "210000", "360000", "50000", "0")
	meta.Company, meta.CompanyType, meta.Level, meta.Location, meta.Track = "Meta", "FAANG", "E5", "New York", "SDE"
	run := newRun(t, opts, emOffer("A-1", "Dana", "200000", "380000", "90000", "70000"), google, meta)
	f, data := writeBook(t, run)
	if n := countParts(t, data, `^xl/pivotTables/pivotTable\d+\.xml$`); n != 3 {
		t.Fatalf("%d pivot tables, want 3", n)
	}
	cache := string(unzipped(t, data, "xl/pivotCache/pivotCacheDefinition3.xml"))
	if !strings.Contains(cache, `<cacheField name="Band level"`) {
		t.Errorf("the third pivot is not by band level:\n%.600s", cache)
	}
	rows := mustRows(t, f, "Pivots")
	start := findRowPrefix(rows, "Band level × level")
	if start == 0 {
		t.Fatalf("no band level table in %q", rows)
	}
	var got []string
	for _, r := range rows[start+1:] {
		if len(r) > 7 && r[5] != "" && r[5] != "Band level" {
			got = append(got, r[5]+"|"+r[6]+"|"+r[7])
		}
	}
	if want := "L6|E5|1,L6|L5|1,L6|L6|1,All offers||3"; strings.Join(got, ",") != want {
		t.Errorf("band level × level rows = %v, want %s", got, want)
	}
}

func TestPivots(t *testing.T) {
	run := marketRun(t)
	f, data := writeBook(t, run)
	if n := countParts(t, data, `^xl/pivotTables/pivotTable\d+\.xml$`); n != 3 {
		t.Errorf("%d pivot tables, want 3 (level × location, track × level, band level × level)", n)
	}
	flags := summaryColumn(t, f, "Flags")
	cache := string(unzipped(t, data, "xl/pivotCache/pivotCacheDefinition1.xml"))
	if want := fmt.Sprintf(`<worksheetSource ref="A1:%s5" sheet="Summary"`, flags); !strings.Contains(cache, want) {
		t.Errorf("pivot cache source is not %s:\n%.400s", want, cache)
	}
	// The cache holds no records and is rebuilt on opening; what it states
	// is what Summary holds: the levels and locations, the totals' range.
	for _, want := range []string{`saveData="0" refreshOnLoad="1"`, `recordCount="4"`,
		`<cacheField name="Level" numFmtId="0"><sharedItems count="2"><s v="L5"/><s v="L6"/></sharedItems>`,
		`<cacheField name="Location" numFmtId="0"><sharedItems count="1"><s v="Seattle"/></sharedItems>`,
		`minValue="700000" maxValue="1140000"`} {
		if !strings.Contains(cache, want) {
			t.Errorf("pivot cache has not %s:\n%s", want, cache)
		}
	}
	if n := countParts(t, data, `^xl/pivotCache/pivotCacheRecords`); n != 0 {
		t.Errorf("%d pivot cache records parts, want none", n)
	}
	// Level × location: L5/Seattle, L5 total, L6/Seattle, L6 total, grand
	// total under two header rows, from the static table's first row.
	table := string(unzipped(t, data, "xl/pivotTables/pivotTable1.xml"))
	start := findRowPrefix(mustRows(t, f, "Pivots"), "Level × location") + 2
	if want := fmt.Sprintf(`<location ref="A%d:D%d"`, start, start+6); !strings.Contains(table, want) {
		t.Errorf("pivot table 1 is not at %s:\n%.600s", want, table)
	}
	if !strings.Contains(table, `<rowItems count="5">`) {
		t.Errorf("pivot table 1 has not 5 row items:\n%s", table)
	}
	if targets := relTargets(t, data, sheetPart(t, data, "Pivots"), "pivotTable"); len(targets) != 3 {
		t.Errorf("Pivots has pivot tables %q, want 3", targets)
	}
	rows, err := f.GetRows("Pivots")
	if err != nil {
		t.Fatal(err)
	}
	// The static tables: level × location, then track × level; every
	// formula evaluates to its cached value.
	want := map[string][]float64{
		"L6|Seattle": {3, 1071666.67, 1037500, 1055000, 1097500},
		"L5|Seattle": {1, 700000, 700000, 700000, 700000},
		"EM|L6":      {3, 1071666.67, 1037500, 1055000, 1097500},
		"EM|L5":      {1, 700000, 700000, 700000, 700000},
		"All|L5":     {4, 978750, 940000, 1037500, 1076250},
	}
	seen := 0
	for r, cols := range rows {
		if len(cols) < 12 {
			continue
		}
		key := cols[5] + "|" + cols[6]
		if cols[5] == "All offers" {
			key = "All|L5"
		}
		w, ok := want[key]
		if !ok {
			continue
		}
		seen++
		for k, v := range w {
			ref, _ := excelize.CoordinatesToCellName(8+k, r+1)
			if got := cellFloat(t, f, "Pivots", ref); math.Abs(got-v) > 0.005 {
				t.Errorf("Pivots!%s (%s) = %v, want %v", ref, key, got, v)
			}
			formula, _ := f.GetCellFormula("Pivots", ref)
			if formula == "" {
				t.Errorf("Pivots!%s has no formula", ref)
				continue
			}
			calc, err := f.CalcCellValue("Pivots", ref, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatalf("Pivots!%s: %v", ref, err)
			}
			if c, _ := strconv.ParseFloat(calc, 64); math.Abs(c-v) > 0.005 {
				t.Errorf("Pivots!%s: %s = %s, cached %v", ref, formula, calc, v)
			}
		}
	}
	if seen != 7 { // All offers appears under all three tables
		t.Errorf("found %d of the 7 expected static rows in %q", seen, rows)
	}
	if v, _ := f.GetSheetVisible("Pivot data"); v {
		t.Errorf("Pivot data is visible")
	}
}

func TestPivotsOverFirstSummaryPage(t *testing.T) {
	run := marketRun(t)
	run.RowsPerSheet = 3
	f, data := writeBook(t, run)
	cache := string(unzipped(t, data, "xl/pivotCache/pivotCacheDefinition1.xml"))
	if !strings.Contains(cache, `ref="A1:AG3" sheet="Summary"`) {
		t.Errorf("pivot cache does not cover Summary's first page only:\n%.400s", cache)
	}
	note, _ := f.GetCellValue("Pivots", "A3")
	if !strings.Contains(note, "first sheet only") {
		t.Errorf("Pivots!A3 = %q, want a note that the pivots cover the first sheet", note)
	}
}

func TestDashboard(t *testing.T) {
	run := marketRun(t)
	f, _ := writeBook(t, run)
	rows, err := f.GetRows("Dashboard", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	find := func(label string) []string {
		t.Helper()
		return rows[findRow(t, rows, label)-1]
	}
	for label, want := range map[string]string{
		"M-1 Amazon": "285000|30.6", "M-2 Amazon": "263750|10", "M-3 Amazon": "255000|1", "M-4 Tiny Co": "175000|",
	} {
		r := append(find(label), "", "")
		if got := r[1] + "|" + r[2]; got != want {
			t.Errorf("Dashboard %s = %s, want %s", label, got, want)
		}
	}
	for label, want := range map[string]string{"L6 / Seattle": "3|1071666.67", "L5 / Seattle": "1|700000"} {
		r := find(label)
		if got := r[1] + "|" + r[2]; got != want {
			t.Errorf("Dashboard %s = %s, want %s", label, got, want)
		}
	}
	var counts []string
	for b := range 10 {
		counts = append(counts, find(fmt.Sprintf("P%d–%d", 10*b, 10*b+10))[1])
	}
	if got := strings.Join(counts, ","); got != "1,1,0,1,0,0,0,0,0,0" {
		t.Errorf("percentile buckets = %s", got)
	}
	if findRowPrefix(rows, "1 offer has no headline percentile") == 0 {
		t.Errorf("no line counting offers without a headline percentile")
	}
	typ, _ := f.GetCellType("Dashboard", "B6")
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("Dashboard!B6 type %v, want a number", typ)
	}
	if got := numFmt(t, f, "Dashboard", "B6"); got != "$#,##0" {
		t.Errorf("Dashboard!B6 format %q", got)
	}
}

func TestEmptyRun(t *testing.T) {
	run := newRun(t, analyzer.DefaultOptions())
	f, data := writeBook(t, run)
	if n := countParts(t, data, `^xl/pivot`); n != 0 {
		t.Errorf("%d pivot parts without offers", n)
	}
	for _, s := range []string{"Summary", "Dashboard", "Pivots", "Levers"} {
		rows, err := f.GetRows(s)
		if err != nil || len(rows) == 0 {
			t.Errorf("%s: %v rows, err %v", s, len(rows), err)
		}
	}
	if v, _ := f.GetCellValue("Pivots", "A3"); !strings.HasPrefix(v, "No offers were analysed") {
		t.Errorf("Pivots!A3 = %q", v)
	}
}

func TestDashboardFirstOffers(t *testing.T) {
	run := marketBenchRun(t, 60)
	run.OfferSheets = 2
	f, _ := writeBook(t, run)
	rows, err := f.GetRows("Dashboard")
	if err != nil {
		t.Fatal(err)
	}
	if rows[3][0] != "Headline figure by offer: average per year over 4 years (first 50 of 60 offers)" {
		t.Errorf("Dashboard!A4 = %q", rows[3][0])
	}
	if rows[5+49][0] == "" || (len(rows) > 5+50 && len(rows[5+50]) > 0 && rows[5+50][0] != "") {
		t.Errorf("the by-offer table does not stop at 50 rows: %q, %q", rows[5+49], rows[5+50])
	}
	total := 0
	for _, r := range rows {
		if len(r) > 1 && strings.HasPrefix(r[0], "P") && strings.Contains(r[0], "–") {
			n, _ := strconv.Atoi(r[1])
			total += n
		}
	}
	if total != 60 {
		t.Errorf("percentile buckets count %d offers, want 60", total)
	}
}

// mustRows returns a sheet's rows.
func mustRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// derefInt is *p, or -1 for nil, for messages.
func derefInt(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}
