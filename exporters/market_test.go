package exporters_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/exporters"
	"github.com/xuri/excelize/v2"
)

func TestMarketWorkbookGolden(t *testing.T) {
	checkGolden(t, marketRun(t), "market.golden")
}

// sheetTable reads a sheet with a header row as header → row (1-based
// data row) → raw cell value, and the header's column letters.
func sheetTable(t *testing.T, f *excelize.File, sheet string) (rows []map[string]string, cols map[string]string) {
	t.Helper()
	all, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	cols = map[string]string{}
	for i, h := range all[0] {
		cols[h], _ = excelize.ColumnNumberToName(i + 1)
	}
	for _, r := range all[1:] {
		m := map[string]string{}
		for i, h := range all[0] {
			if i < len(r) {
				m[h] = r[i]
			}
		}
		rows = append(rows, m)
	}
	return rows, cols
}

// checkCell checks a cell's raw value, type and number format.
func checkCell(t *testing.T, f *excelize.File, sheet, ref, want, format string) {
	t.Helper()
	raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	typ, _ := f.GetCellType(sheet, ref)
	if want == "" {
		if raw != "" {
			t.Errorf("%s!%s = %q (type %v), want blank (never 0)", sheet, ref, raw, typ)
		}
		return
	}
	if raw != want {
		t.Errorf("%s!%s = %q, want %q", sheet, ref, raw, want)
	}
	if format == "" {
		return
	}
	if _, err := strconv.ParseFloat(raw, 64); err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
		t.Errorf("%s!%s = %q has type %v, want a number", sheet, ref, raw, typ)
	}
	if got := numFmt(t, f, sheet, ref); got != format {
		t.Errorf("%s!%s format %q, want %q", sheet, ref, got, format)
	}
}

func TestSummaryMarketColumns(t *testing.T) {
	f, _ := writeBook(t, marketRun(t))
	_, cols := sheetTable(t, f, "Summary")
	tests := []struct {
		row          int
		column, want string
		format       string
	}{
		// Annual total comp 285,000 in the composed 263,750–346,250: P30.6,
		// compa-ratio 285,000 / 305,000 = 0.93.
		{2, "Headline pctl", "30.6", "0.0"},
		{2, "Compa-ratio", "0.93", "0.00"},
		{2, "Band position", "in band", ""},
		{2, "Peer pctl", "100", "0.0"},
		{2, "Best lever", "RSU", ""},
		{2, "Best lever Δ", "100000", "$#,##0"},
		{2, "Counter Δ", "185000", "$#,##0"},
		{2, "Counter approval", "hiring manager", ""},
		{2, "Band match", "exact", ""},
		{2, "Band level", "L6", ""},
		{3, "Headline pctl", "10", "0.0"},
		{3, "Counter Δ", "269000", "$#,##0"},
		{3, "Counter approval", "director", ""},
		// No band: position and match say so; percentile and compa-ratio
		// are blank, never 0; the counter is round one (RSU +20,000, base
		// +8,000 a year: 52,000).
		{5, "Band position", "no band", ""},
		{5, "Band match", "none", ""},
		{5, "Band level", "L5", ""},
		{5, "Headline pctl", "", ""},
		{5, "Compa-ratio", "", ""},
		{5, "Peer pctl", "", ""},
		{5, "Counter Δ", "20000", "$#,##0"},
		{5, "Counter approval", "recruiter", ""},
		{5, "Risk score", "7.4", "0.0"},
		{2, "Risk score", "", ""},
	}
	for _, tc := range tests {
		c, ok := cols[tc.column]
		if !ok {
			t.Fatalf("Summary has no %q column", tc.column)
		}
		checkCell(t, f, "Summary", fmt.Sprintf("%s%d", c, tc.row), tc.want, tc.format)
	}
}

func TestSummaryConditionalFormats(t *testing.T) {
	f, _ := writeBook(t, marketRun(t))
	pctl, flags := summaryColumn(t, f, "Headline pctl"), summaryColumn(t, f, "Flags")
	formats, err := f.GetConditionalFormats("Summary")
	if err != nil {
		t.Fatal(err)
	}
	scale := formats[fmt.Sprintf("%s2:%s5", pctl, pctl)]
	if len(scale) != 1 || scale[0].Type != "3_color_scale" || scale[0].MidValue != "50" {
		t.Errorf("percentile colour scale = %+v (all: %+v)", scale, formats)
	}
	red := formats[fmt.Sprintf("%s2:%s5", flags, flags)]
	if len(red) != 1 || red[0].Type != "formula" || !strings.Contains(red[0].Criteria, "FAR_BELOW_MARKET") ||
		!strings.Contains(red[0].Criteria, "BELOW_FLOOR") || red[0].Format == nil {
		t.Fatalf("flag fill = %+v", red)
	}
	style, err := f.GetConditionalStyle(*red[0].Format)
	if err != nil || len(style.Fill.Color) == 0 || style.Fill.Color[0] != "FFC7CE" {
		t.Errorf("flag fill style = %+v, %v", style, err)
	}
	// The offer the fill is for: M-4 is below its walk-away floor.
	if v, _ := f.GetCellValue("Summary", flags+"5"); !strings.Contains(v, "BELOW_FLOOR") {
		t.Errorf("Summary!%s5 flags = %q, want BELOW_FLOOR", flags, v)
	}
}

func TestLeversSheet(t *testing.T) {
	f, _ := writeBook(t, marketRun(t))
	rows, cols := sheetTable(t, f, "Levers")
	if len(rows) != 4 {
		t.Fatalf("Levers has %d rows, want 4", len(rows))
	}
	tests := []struct {
		row                  int
		column, want, format string
	}{
		{2, "RSU Δ", "100000", "$#,##0"},
		{2, "Sign-on Δ", "85000", "$#,##0"},
		{2, "Base Δ", "60000", "$#,##0"},
		{2, "Start date Δ", "", ""},
		{2, "Best lever", "RSU", ""},
		{2, "Counter status", "reachable", ""},
		{2, "Counter pctl", "75.5", "0.0"},
		{3, "Headline pctl", "10", "0.0"},
		{3, "Counter base", "181000", "$#,##0"},
		{3, "Counter RSU", "375000", "$#,##0"},
		{3, "Counter sign-on Y1", "125000", "$#,##0"},
		{3, "Counter sign-on Y2", "100000", "$#,##0"},
		{3, "Counter Δ", "269000", "$#,##0"},
		{3, "Counter approval", "director", ""},
		{3, "Counter status", "reachable", ""},
		{5, "Headline pctl", "", ""},
		// L5 has no band, but the L6 level is priced on the reference
		// (Amazon) L6 Seattle band's P50 base and RSU, the sign-on as
		// offered (another company's sign-on band says nothing of this
		// company's): 4 × 30,000 + 225,000.
		{5, "Level Δ", "345000", "$#,##0"},
		{5, "Counter RSU", "120000", "$#,##0"},
		{5, "Counter pctl", "", ""},
		{5, "Counter status", "no market band", ""},
	}
	for _, tc := range tests {
		c, ok := cols[tc.column]
		if !ok {
			t.Fatalf("Levers has no %q column", tc.column)
		}
		checkCell(t, f, "Levers", fmt.Sprintf("%s%d", c, tc.row), tc.want, tc.format)
	}
	if formula, _ := f.GetCellFormula("Levers", "A2"); !strings.Contains(formula, "'M-1 Priya Amazon'!A1") {
		t.Errorf("Levers!A2 link = %q", formula)
	}
	if p, _ := f.GetPanes("Levers"); !p.Freeze {
		t.Errorf("Levers header not frozen")
	}
}

func TestCandidatesSheet(t *testing.T) {
	f, _ := writeBook(t, marketRun(t))
	rows, err := f.GetRows("Candidates", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	find := func(from int, label string) []string {
		t.Helper()
		for i := from; i < len(rows); i++ {
			if len(rows[i]) > 0 && rows[i][0] == label {
				return rows[i]
			}
		}
		t.Fatalf("no %q row after row %d", label, from+1)
		return nil
	}
	start := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Priya" {
			start = i
		}
	}
	if start < 0 {
		t.Fatalf("no Priya block in %q", rows)
	}
	want := map[string][]string{
		"Offer":        {"Offer", "M-1 Amazon", "M-2 Amazon", "M-3 Amazon", "Winner"},
		"Year 1 total": {"Year 1 total", "270000", "257500", "195000", "M-1 Amazon"},
		// M-3 has no sign-on but the largest grant: it wins the vesting-heavy years.
		"Year 4 total":        {"Year 4 total", "295000", "270000", "300000", "M-3 Amazon"},
		"Total (4 years)":     {"Total (4 years)", "1140000", "1055000", "1020000", "M-1 Amazon"},
		"Average per year":    {"Average per year", "285000", "263750", "255000"},
		"Headline percentile": {"Headline percentile", "30.6", "10", "1"},
		// Only M-1 has a competing offer: 270,000 − 290,000.
		"Gap to comparator, year 1": {"Gap to comparator, year 1", "-20000"},
	}
	for label, w := range want {
		got := find(start, label)
		if strings.Join(got[:min(len(got), len(w))], "|") != strings.Join(w, "|") {
			t.Errorf("%s row = %q, want %q", label, got, w)
		}
	}
	// M-3's headline percentile is in the premium-scaled band, so present too.
	if got := find(start, "Headline percentile"); len(got) < 4 || got[3] == "" {
		t.Errorf("M-3 headline percentile missing: %q", got)
	}
	// Bob has one offer and no band: his percentile cell is blank.
	bob := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Bob" {
			bob = i
		}
	}
	if bob < 0 {
		t.Fatalf("no Bob block")
	}
	if got := find(bob, "Headline percentile"); len(got) > 1 && got[1] != "" {
		t.Errorf("Bob's headline percentile = %q, want blank", got[1])
	}
}

func TestBandsSheet(t *testing.T) {
	run := marketRun(t)
	f, _ := writeBook(t, run)
	rows, err := f.GetRows("Bands", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	text := ""
	for _, r := range rows {
		text += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{
		"Band source|test-bands.csv (the guide's L6 EM Seattle)",
		// Exact rows: used by M-1, M-2, M-3; base P25/P50/P75 of 170,000–190,000.
		"test-bands.csv|FAANG|Amazon|EM|L6|Seattle|base|170000|173750|180000|186250|190000|3",
		"test-bands.csv|FAANG|Amazon|EM|L6|Seattle|rsu_4yr|250000|278125|325000|371875|400000|3",
		// The company-type base row loses to the exact one, and total_comp
		// to the more specific composed band.
		"test-bands.csv|FAANG||EM|L6||base|170000|175625|185000|194375|200000|0",
		"test-bands.csv|FAANG||EM|L6||total_comp|280000|298750|330000|361250|380000|0",
		"test-bands.csv|FAANG||EM|L7||total_comp|400000|428125|475000|521875|550000|0",
		"test-premiums.csv|specialization|Generative AI/LLMs|L6||30|50|1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Bands sheet lacks %q:\n%s", want, text)
		}
	}
}

func TestOfferSheetMarketSections(t *testing.T) {
	f, _ := writeBook(t, marketRun(t))
	sheets := f.GetSheetList()[fixedSheets:]
	read := func(sheet string) [][]string {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	lower := read(sheets[1])
	// Band table: base 170,000 in 170,000–190,000 is P10, each band with
	// its definition beside it and how it was found.
	base := lower[findRow(t, lower, "Base")-1]
	if base[1] != "annual base" || base[2] != "170000" || base[8] != "10" || base[9] != "in band" || base[12] != "exact" {
		t.Errorf("base band row = %q", base)
	}
	// base + grant / 4 = 232,500 in 225,000–290,000: 10 + 7,500 / 65,000 × 80 = P19.2.
	equity := lower[findRow(t, lower, "Base + grant / 4")-1]
	if equity[1] != "base + grant / 4, no sign-on" || equity[2] != "232500" || equity[8] != "19.2" {
		t.Errorf("base_equity_avg band row = %q", equity)
	}
	// The headline: 263,750 is the composed band's min, P10. The same money
	// is measured against one band only.
	head := lower[findRow(t, lower, "Annual total comp (headline)")-1]
	if head[2] != "263750" || head[3] != "263750" || head[7] != "346250" || head[8] != "10" || !strings.HasPrefix(head[1], "annual total comp: base + grant / 4 + sign-on / 4") {
		t.Errorf("headline band row = %q", head)
	}
	n := 0
	for _, r := range lower {
		if len(r) > 0 && strings.HasPrefix(r[0], "Annual total comp") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d rows measure annual total comp, want 1", n)
	}
	if lv := lower[findRow(t, lower, "Band level")-1]; lv[1] != "L6 band" {
		t.Errorf("level row = %q", lv)
	}
	rsu := lower[findRow(t, lower, "RSU grant")-1]
	if strings.Join(rsu[:4], "|") != "RSU grant|250000|375000|125000" {
		t.Errorf("counter RSU row = %q", rsu)
	}
	if st := lower[findRow(t, lower, "Status")-1]; st[1] != "reachable" {
		t.Errorf("counter status = %q", st)
	}
	// The email, one paragraph a row, merged across A:H.
	email := findRow(t, lower, "Counter-offer email (round 1)")
	merged, err := f.GetMergeCells(sheets[1])
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range merged {
		if strings.HasPrefix(m.GetCellValue(), "- RSU grant: $375,000 instead of $250,000") {
			found = true
			if !strings.HasPrefix(m.GetStartAxis(), "A") || !strings.HasPrefix(m.GetEndAxis(), "H") {
				t.Errorf("email paragraph merged %s:%s", m.GetStartAxis(), m.GetEndAxis())
			}
		}
	}
	if !found {
		t.Errorf("no merged RSU grant ask below row %d: %v", email, merged)
	}
	// The lever table ranks RSU first for the guide's offer.
	seed := read(sheets[0])
	rsuLever := seed[findRow(t, seed, "RSU")-1]
	if rsuLever[8] != "100000" || rsuLever[11] != "1" || rsuLever[3] != "yes" {
		t.Errorf("RSU lever row of the guide's offer = %q", rsuLever)
	}
	if best := seed[findRow(t, seed, "Best lever")-1]; !strings.HasPrefix(best[1], "RSU: +$100,000 over 4 years at its high ask, recruiter approval (the first thing to ask for") {
		t.Errorf("best lever row = %q", best)
	}
	// The guide's offer: gap to Google per year.
	gap := seed[findRow(t, seed, "Google")-1]
	if strings.Join(gap[1:6], "|") != "-20000|-10000|5000|5000|-20000" {
		t.Errorf("comparator gap row = %q", gap)
	}
	// No band: one line, no table; scores shown.
	bob := read(sheets[3])
	if r := findRowPrefix(bob, "No market band for "); r == 0 {
		t.Errorf("no 'No market band for …' line on %s", sheets[3])
	}
	if r := bob[findRow(t, bob, "Risk")-1]; r[1] != "7.4" {
		t.Errorf("risk row = %q", r)
	}
}

// findRowPrefix returns the 1-based row whose column A starts with prefix, or 0.
func findRowPrefix(rows [][]string, prefix string) int {
	for i, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], prefix) {
			return i + 1
		}
	}
	return 0
}

// TestWriteMarketWorkbookFile writes the market run's workbook to the path
// in OFFERBOOK_WRITE_XLSX, for looking at it in a spreadsheet program.
func TestWriteMarketWorkbookFile(t *testing.T) {
	path := os.Getenv("OFFERBOOK_WRITE_XLSX")
	if path == "" {
		t.Skip("set OFFERBOOK_WRITE_XLSX=file.xlsx to write the market workbook")
	}
	_, data := writeBook(t, marketRun(t))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCandidateChart(t *testing.T) {
	f, data := writeBook(t, marketRun(t))
	rows, err := f.GetRows("Candidates")
	if err != nil {
		t.Fatal(err)
	}
	// Priya has three offers: one clustered column chart, one series per
	// offer over the offer's column of year totals. Bob has one offer and
	// no chart.
	charts := sheetCharts(t, data, "Candidates")
	if len(charts) != 1 {
		t.Fatalf("Candidates has %d charts, want 1 (Priya's)", len(charts))
	}
	c := charts[0]
	header, first := findRow(t, rows, "Offer"), findRow(t, rows, "Year 1 total")
	for k, col := range []string{"B", "C", "D"} {
		for _, want := range []string{
			fmt.Sprintf("'Candidates'!$%s$%d", col, header),
			fmt.Sprintf("'Candidates'!$%s$%d:$%s$%d", col, first, col, first+3),
		} {
			if !strings.Contains(c, want) {
				t.Errorf("series %d does not refer to %s", k+1, want)
			}
		}
	}
	for _, want := range []string{`<barDir val="col">`, `<grouping val="clustered">`,
		"Priya: year totals by offer, US$ per offer year (years 1–4); most over 4 years before tax: M-1 Amazon", fmt.Sprintf("'Candidates'!$A$%d:$A$%d", first, first+3)} {
		if !strings.Contains(c, want) {
			t.Errorf("candidate chart lacks %s:\n%.600s", want, c)
		}
	}

	// The candidate after a chart starts a printed page, so no page break
	// cuts a chart.
	bob := findRow(t, rows, "Bob")
	part := string(unzipped(t, data, sheetPart(t, data, "Candidates")))
	if want := fmt.Sprintf(`<brk id="%d"`, bob-1); !strings.Contains(part, want) {
		t.Errorf("no page break above Bob's block (%s) in %.300s", want, part[strings.Index(part, "</sheetData>"):])
	}

	// Capped: the table stays, the chart goes, and the sheet says so.
	defer exporters.SetCandidateChartLimit(0)()
	f, data = writeBook(t, marketRun(t))
	if n := len(sheetCharts(t, data, "Candidates")); n != 0 {
		t.Errorf("capped at 0: %d candidate charts", n)
	}
	rows, _ = f.GetRows("Candidates")
	findRow(t, rows, "Year 1 total")
	note := false
	for _, r := range rows {
		note = note || len(r) > 0 && strings.HasPrefix(r[0], "Charts for the first 0 candidates")
	}
	if !note {
		t.Errorf("capped charts are not mentioned on the sheet: %q", rows[:3])
	}
}

// TestOfferSheetVerdict: an offer sheet opens on its verdict, above the
// inputs: where it stands, what to ask for, the best lever, the flags.
func TestOfferSheetVerdict(t *testing.T) {
	run := marketRun(t)
	f, _ := writeBook(t, run)
	sheet := f.GetSheetList()[fixedSheets+1] // M-2
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	verdict, inputs := findRow(t, rows, "Verdict"), findRow(t, rows, "Inputs")
	if verdict != 4 || inputs <= verdict {
		t.Fatalf("Verdict on row %d, Inputs on row %d: the verdict must open the sheet", verdict, inputs)
	}
	row := func(label string) []string {
		t.Helper()
		r := findRow(t, rows, label)
		if r > inputs {
			t.Fatalf("%q is below the inputs (row %d)", label, r)
		}
		return append(rows[r-1], "", "", "")
	}
	// M-2: total comp 263,750 a year at P10 in the exact Amazon EM L6
	// Seattle band, Amazon's own: high confidence.
	if r := row("Market percentile"); r[1] != "10" ||
		!strings.Contains(r[2], "$263,750, against the band FAANG / Amazon / EM / L6 / Seattle (exact match)") ||
		!strings.HasSuffix(r[2], "in band; high confidence: Amazon's own band for Seattle.") {
		t.Errorf("market row = %q", r)
	}
	// The counter asks base +11,000 (44,000 over 4 years), RSU +125,000 and
	// sign-on +50,000 twice: 269,000; over the 1,055,000 total that is
	// 25.5%, the director's tier (≤30%).
	if r := row("Counter-offer Δ"); r[1] != "269000" || !strings.HasSuffix(r[2], ": +$269,000 over 4 years.") ||
		!strings.Contains(r[2], "base $181,000 (+$11,000)") {
		t.Errorf("counter row = %q", r)
	}
	if r := row("Approval"); r[1] != "director" || r[2] != "The Δ is 25.5% of the 4-year total." {
		t.Errorf("approval row = %q", r)
	}
	if r := row("Counter percentile"); r[1] == "" || r[2] != "Target P75: reachable." {
		t.Errorf("counter percentile row = %q", r)
	}
	if r := row("Best lever, asked first"); r[1] == "" || !strings.Contains(r[2], ": the first thing to ask for; worth this at its high ask, approval: ") {
		t.Errorf("best lever row = %q", r)
	}
	a := run.Analyses[1]
	if len(a.Flags) == 0 {
		t.Fatal("M-2 has no flags to show")
	}
	fr := findRow(t, rows, "Flags")
	for i, fl := range a.Flags {
		if r := append(rows[fr-1+i], "", "", ""); r[1] != string(fl.Severity) || r[2] != fl.Message {
			t.Errorf("flag %d row = %q, want %s: %s", i+1, r, fl.Severity, fl.Message)
		}
	}
	// The words sit in a merged C:M area, so a long sentence wraps there.
	merged, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("C%d:M%d", verdict+1, verdict+1)
	found := false
	for _, m := range merged {
		found = found || m.GetStartAxis()+":"+m.GetEndAxis() == want
	}
	if !found {
		t.Errorf("no merged %s for the verdict's words", want)
	}
}
