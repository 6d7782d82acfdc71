package exporters

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters/ooxml"
	"github.com/xuri/excelize/v2"
)

// MaxFlagNotes caps the cell notes on Summary's Flags column: past this
// many flagged offers the Flags column keeps its codes and the messages stay
// on the offer sheets. The cap was set when excelize's cost per note grew
// with the notes before it (17,000 notes took about 7 s and 1.2 GB); the
// engine now writes them at a constant cost (ooxml.Notes).
const MaxFlagNotes = 10_000

// Fixed sheet names.
const (
	sheetAbout      = "About"
	sheetSummary    = "Summary"
	sheetLevers     = "Levers"
	sheetCandidates = "Candidates"
	sheetBands      = "Bands"
	sheetErrors     = "Errors"
)

// workbook carries what the sheet writers share while one workbook is built.
type workbook struct {
	f   *excelize.File
	run *Run
	st  *styles
	// summaryPages, leverPages and errorPages are the sheet names of the
	// paged tables.
	summaryPages, leverPages, errorPages []string
	// offerSheets[i] is the sheet of run.Analyses[i], "" when it has none.
	offerSheets []string
	perPage     int // data rows per Summary or Errors page
	// pivots plans the Pivots sheet and its hidden Pivot data sheet.
	pivots *pivotPlan
	// tax plans the Tax sheet the after-tax formulas refer to (taxsheet.go);
	// gapStyleID serves the after-tax rows (taxsummary.go).
	tax        *taxPlan
	gapStyleID int
	// printAreas are the offer sheets' print areas (sheet, ref), set all
	// at once when the sheets are written (printAreaNames).
	printAreas [][2]string
	// rows are the rows the batch sheets have the engine encode
	// (ooxml.Rows), for the package; they are all made on the writing
	// goroutine, before any row streams.
	rows []*ooxml.Rows
	// notes are the Summary pages' flag notes after each page's first,
	// which the engine writes (ooxml.Notes).
	notes []*ooxml.Notes
}

// newSheetRows returns the rows of the sheet sw writes, after row after
// (the rows sw holds), and keeps them for the package.
func (wb *workbook) newSheetRows(sw *excelize.StreamWriter, after int) *ooxml.Rows {
	r := ooxml.NewRows(sw, wb.run.TmpDir, after)
	wb.rows = append(wb.rows, r)
	return r
}

// closeRows removes the rows' temporary files.
func (wb *workbook) closeRows() {
	for _, r := range wb.rows {
		_ = r.Close()
	}
}

// WriteWorkbook writes the analysed workbook to w (see "Sheets" in
// docs/METHOD.md): About, Summary (continued on "Summary (2)", … past Excel's
// row limit), Errors, and one sheet per offer for the first run.OfferSheets
// analyses. Summary, Errors and the offer sheets are streamed, so memory
// grows with the analyses rather than with the workbook's XML. The same run
// gives the same bytes: parts are written in a fixed order with fixed
// timestamps, and the only date inside is run.Generated.
func WriteWorkbook(w io.Writer, run *Run) error {
	f := excelize.NewFile(excelize.Options{TmpDir: run.TmpDir})
	defer func() { _ = f.Close() }()
	wb, err := newWorkbook(f, run)
	if err != nil {
		return err
	}
	defer wb.closeRows()
	if err := wb.write(); err != nil {
		return err
	}
	names, err := printAreaNames(f, wb.printAreas)
	if err != nil {
		return err
	}
	run.progress("the package", 0, 0)
	defer run.progress("", 0, 0)
	return ooxml.Write(w, f, ooxml.Options{TmpDir: run.TmpDir, Rows: wb.rows, Names: names, Notes: wb.notes})
}

func newWorkbook(f *excelize.File, run *Run) (*workbook, error) {
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	wb := &workbook{f: f, run: run, st: st, perPage: run.rowsPerSheet() - 1}
	names := newSheetNamer()
	for _, n := range []string{sheetAbout, sheetDashboard, sheetCandidates, sheetPivots, sheetPivotData, sheetBands, sheetTax} {
		names.reserve(n)
	}
	count := run.count()
	wb.summaryPages = pageNames(sheetSummary, count, wb.perPage)
	wb.leverPages = pageNames(sheetLevers, count, wb.perPage)
	wb.errorPages = pageNames(sheetErrors, len(run.Rejected), wb.perPage)
	for _, pages := range [][]string{wb.summaryPages, wb.leverPages, wb.errorPages} {
		for _, n := range pages {
			names.reserve(n)
		}
	}
	n := min(max(run.OfferSheets, 0), count)
	if n > 0 {
		// The details may still be being analysed: wait only when there
		// are offer sheets to name.
		n = min(n, run.details())
	}
	wb.offerSheets = make([]string, n)
	for i := range n {
		a := run.detail(i)
		var id, candidate, company string
		if a.Offer != nil {
			id, candidate, company = a.Offer.ID, a.Offer.Candidate, a.Offer.Company
		}
		wb.offerSheets[i] = names.name(offerSheetName(id, candidate, company), fmt.Sprintf("Offer %d", i+1))
	}
	if wb.pivots, err = wb.planPivots(); err != nil {
		return nil, err
	}
	return wb, nil
}

// pageNames names the sheets of a table of n data rows, perPage a sheet:
// "Summary", "Summary (2)", …; an empty table still has its first sheet.
func pageNames(base string, n, perPage int) []string {
	pages := max(1, (n+perPage-1)/perPage)
	out := make([]string, pages)
	for i := range out {
		out[i] = base
		if i > 0 {
			out[i] = fmt.Sprintf("%s (%d)", base, i+1)
		}
	}
	return out
}

// summaryCell returns the sheet and row of analysis i on the Summary pages.
func (wb *workbook) summaryCell(i int) (sheet string, row int) {
	return wb.summaryPages[i/wb.perPage], i%wb.perPage + 2
}

// write lays the workbook out: its sheets created in order, each written,
// then the workbook's own properties.
func (wb *workbook) write() error {
	if err := wb.createSheets(); err != nil {
		return err
	}
	f := wb.f
	// Summary opens first. SetActiveSheet reads every worksheet, so it runs
	// while they are still empty: after the streams are flushed it would
	// parse all their XML again (1 GB for 10,000 offers).
	if idx, err := f.GetSheetIndex(sheetSummary); err == nil {
		f.SetActiveSheet(idx)
	}
	if wb.pivots.helper {
		if err := f.SetSheetVisible(sheetPivotData, false); err != nil {
			return err
		}
	}
	if err := wb.writeSheets(); err != nil {
		return err
	}
	full := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return err
	}
	created := wb.run.Generated.UTC().Format(time.RFC3339)
	return f.SetDocProps(&excelize.DocProperties{
		Title:          "offerbook analysis",
		Subject:        "Job offer compensation analysis",
		Creator:        "offerbook " + wb.run.Version,
		LastModifiedBy: "offerbook " + wb.run.Version,
		Created:        created,
		Modified:       created,
		Description: fmt.Sprintf("%d %s analysed, %d %s rejected", wb.run.count(), plural(wb.run.count(), "offer", "offers"),
			wb.run.rejectedRows(), plural(wb.run.rejectedRows(), "row", "rows")),
	})
}

// createSheets creates every sheet in order (the default sheet becomes
// About), each with its header, footer and margins; all but the wide ones
// fit their width on paper.
func (wb *workbook) createSheets() error {
	f := wb.f
	if err := f.SetSheetName("Sheet1", sheetAbout); err != nil {
		return err
	}
	generated := wb.run.Generated.UTC().Format("2006-01-02")
	if err := headerFooter(f, sheetAbout, generated); err != nil {
		return err
	}
	if err := pageMargins(f, sheetAbout); err != nil {
		return err
	}
	var all []string
	all = append(all, wb.summaryPages...)
	all = append(all, sheetDashboard)
	all = append(all, wb.leverPages...)
	all = append(all, sheetCandidates, sheetPivots)
	if wb.pivots.helper {
		all = append(all, sheetPivotData)
	}
	all = append(all, sheetBands)
	if wb.run.Options.Tax != nil {
		all = append(all, sheetTax)
	}
	all = append(all, wb.errorPages...)
	for _, s := range wb.offerSheets {
		if s != "" {
			all = append(all, s)
		}
	}
	// Bands prints at full size across pages (printWide); an offer sheet
	// prints at the scale its columns need (printOfferSheet); the rest fit
	// their width.
	wide := map[string]bool{sheetBands: true}
	for _, s := range wb.offerSheets {
		wide[s] = true
	}
	for _, s := range all {
		if _, err := f.NewSheet(s); err != nil {
			return fmt.Errorf("sheet %q: %w", s, err)
		}
		if err := headerFooter(f, s, generated); err != nil {
			return err
		}
		if err := pageMargins(f, s); err != nil {
			return err
		}
		if wide[s] {
			continue
		}
		if err := fitToPage(f, s); err != nil {
			return err
		}
	}
	return nil
}

// writeSheets writes every sheet, in an order that does not change the
// workbook's bytes: About, Dashboard, the batch tables, Pivots, Bands, Tax,
// Errors, then the offer sheets.
func (wb *workbook) writeSheets() error {
	for _, s := range []struct {
		name  string
		write func() error
	}{
		{sheetAbout, wb.writeAbout},
		{sheetDashboard, wb.writeDashboard},
		{"", wb.writeBatchTables}, // names its own sheets
		{sheetPivots, wb.writePivots},
		{sheetBands, wb.writeBands},
		{sheetTax, wb.writeTax},
		{sheetErrors, wb.writeErrors},
	} {
		if s.name == "" {
			if err := s.write(); err != nil {
				return err
			}
			continue
		}
		wb.run.progress(s.name, 0, 0)
		if err := s.write(); err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
	}
	for i, s := range wb.offerSheets {
		if s == "" {
			continue
		}
		if i%50 == 0 {
			wb.run.progress("offer sheets", i, len(wb.offerSheets))
		}
		if err := wb.writeOfferSheet(i, s); err != nil {
			return fmt.Errorf("sheet %q: %w", s, err)
		}
	}
	return nil
}

// writeBatchTables writes the sheets with a row or more per offer two at a
// time (the writer of each sheet is one goroutine; this gives a batch's
// second core work). Every call that changes the workbook itself (stream
// writers, notes, charts, print settings, conditional formats, pivot
// tables) is made here, in a fixed order, so the workbook's bytes do not
// depend on timing: Candidates, Pivot data and Levers are opened first and
// their rows queued for a second goroutine, which only reads the records
// and writes to those sheets' own writers, while Summary is opened and
// written here; whatever is still queued then is written here too.
func (wb *workbook) writeBatchTables() error {
	type table struct {
		name   string
		open   func() (func() error, error)
		stream func() error
		// placed: its rows need the records' places (Records.Each).
		placed bool
	}
	tables := []*table{
		{name: sheetCandidates, open: wb.openCandidates, placed: true},
		{name: sheetLevers, open: wb.openLevers},
		{name: sheetPivotData, open: wb.openPivotData},
	}
	for _, t := range tables {
		wb.run.progress(t.name, 0, 0)
		stream, err := t.open()
		if err != nil {
			return fmt.Errorf("sheet %q: %w", t.name, err)
		}
		t.stream = stream
	}
	// The tables that need no record's place stream first, while the
	// places may still be worked out; the others (and Summary) wait.
	queue := make(chan *table, len(tables))
	for _, placed := range []bool{false, true} {
		for _, t := range tables {
			if t.placed == placed {
				queue <- t
			}
		}
	}
	close(queue)
	drain := func() error {
		for t := range queue {
			wb.run.progress(t.name, 0, 0)
			if err := t.stream(); err != nil {
				return fmt.Errorf("sheet %q: %w", t.name, err)
			}
		}
		return nil
	}
	streamed := make(chan error, 1)
	go func() { streamed <- drain() }()
	wb.run.progress(sheetSummary, 0, 0)
	err := wb.writeSummary()
	if err != nil {
		err = fmt.Errorf("sheet %q: %w", sheetSummary, err)
	} else {
		err = drain()
	}
	return errors.Join(err, <-streamed)
}

// pagedTable streams a table over one or more sheets, each with the same
// header row, a frozen header, an autofilter and column widths.
type pagedTable struct {
	wb     *workbook
	pages  []string
	header []any
	widths []float64
	rows   int // data rows in all
	filter bool
	// titleCols are the columns repeated on every printed page ("$A:$B").
	titleCols string
	// printCols, when set, prints only the first printCols columns, fitted
	// one page wide (the sheet has fitToPage); titleCols is then unused.
	printCols int
	// before, when set, adds a page's cell notes and conditional formats;
	// it runs after the stream writer opens and before the first row, the
	// one place excelize keeps them on a streamed sheet.
	before func(page int) error
	// beforeStream, when set, runs before a page's stream writer opens
	// (Summary writes its header in normal mode there and adds the pivot
	// tables over it).
	beforeStream func(page int) error

	// sw and writer are the pages' stream writers and row writers (open):
	// each page's header goes to its stream writer, its data rows to the
	// engine's encoder.
	sw     []*excelize.StreamWriter
	writer []*rowWriter
	page   int // the page being written
	done   int // data rows written on all pages
}

// open starts every page at once (stream writer, print settings, header,
// and what before adds), so that the rows can then stream on another
// goroutine: moving from one page to the next touches only the pages' own
// writers.
func (t *pagedTable) open() error {
	if t.sw != nil {
		return nil
	}
	t.sw = make([]*excelize.StreamWriter, len(t.pages))
	t.writer = make([]*rowWriter, len(t.pages))
	for p := range t.pages {
		if err := t.start(p); err != nil {
			return err
		}
	}
	return nil
}

// start opens page p: its stream writer, widths, frozen header, autofilter
// (all before the first SetRow, or excelize silently drops them) and header.
func (t *pagedTable) start(p int) error {
	f := t.wb.f
	sheet := t.pages[p]
	if t.beforeStream != nil {
		if err := t.beforeStream(p); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	t.sw[p] = sw
	// Print titles: the header row and the id columns repeat on every
	// printed page.
	if t.printCols > 0 {
		if err := printColumns(f, sheet, t.printCols, "$1:$1"); err != nil {
			return err
		}
	} else if err := printWide(f, sheet, t.titleCols, "$1:$1"); err != nil {
		return err
	}
	for i, w := range t.widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	dataRows := min(t.rows-p*t.wb.perPage, t.wb.perPage)
	if t.filter && dataRows > 0 {
		last, err := excelize.CoordinatesToCellName(len(t.header), dataRows+1)
		if err != nil {
			return err
		}
		if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
			return err
		}
	}
	if t.before != nil {
		if err := t.before(p); err != nil {
			return err
		}
	}
	w := streamRows(sw)
	w.header(t.header...)
	w.sink = t.wb.newSheetRows(sw, w.row)
	t.writer[p] = w
	return w.err
}

// add writes the next data row, moving to the next page when this one is
// full. The pages are opened first if they are not yet.
func (t *pagedTable) add(cells []any) error {
	if err := t.open(); err != nil {
		return err
	}
	if t.writer[t.page].row-1 >= t.wb.perPage {
		if t.page+1 >= len(t.pages) {
			return fmt.Errorf("%s: more rows than its %d pages hold", t.pages[0], len(t.pages))
		}
		t.page++
	}
	if t.done++; t.done%progressEvery == 0 {
		t.wb.run.progress(t.pages[0], t.done, t.rows)
	}
	w := t.writer[t.page]
	w.add(cells...)
	return w.err
}

// finish writes an empty table's message, if any, and flushes every page.
func (t *pagedTable) finish(empty string) error {
	if err := t.open(); err != nil {
		return err
	}
	if t.done == 0 && empty != "" {
		w := t.writer[0]
		if w.add(excelize.Cell{StyleID: t.wb.st.note, Value: empty}); w.err != nil {
			return w.err
		}
	}
	for _, sw := range t.sw {
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func (wb *workbook) headerCells(names []string, rightFrom int) []any {
	out := make([]any, len(names))
	for i, n := range names {
		s := wb.st.header
		if rightFrom >= 0 && i >= rightFrom {
			s = wb.st.headerRight
		}
		out[i] = excelize.Cell{StyleID: s, Value: n}
	}
	return out
}

// summaryHeader returns the Summary columns and the index of the first
// money column.
func (wb *workbook) summaryHeader() ([]string, []float64, int) {
	h := wb.run.years()
	names := []string{"ID", "Candidate", "Company", "Track", "Level", "Location",
		"Base", "Sign-on Y1", "Sign-on Y2", "RSU grant", "Vesting"}
	widths := []float64{16, 20, 16, 8, 7, 13, 12, 12, 12, 13, 12}
	for t := 1; t <= h; t++ {
		names = append(names, fmt.Sprintf("Y%d total", t))
		widths = append(widths, 12)
	}
	names = append(names, fmt.Sprintf("Total (%d yr)", h), "Average / yr", "Two-year average", "Relocation")
	widths = append(widths, 13, 12, 12, 12)
	for _, g := range wb.run.Options.Scenarios {
		names = append(names, "Total @ "+percentLabel(g))
		widths = append(widths, 13)
	}
	names, widths = wb.afterTaxSummaryHeader(names, widths)
	names = append(names, summaryMarketColumns...)
	widths = append(widths, 10, 11, 9, 9, 12, 12, 12, 15, 9, 9, 13, 9, 11)
	names = append(names, "Flags")
	widths = append(widths, 30)
	return names, widths, 6
}

// summaryPrintCols is how many of Summary's columns print: the offer, its
// package and its year totals, to the average per year (the rest stays on
// screen).
func summaryPrintCols(h int) int { return 11 + h + 2 }

// summaryMarketColumns are Summary's market, lever and counter columns (see
// "Market position" and "Advice" in docs/METHOD.md), between the money
// columns and Flags.
var summaryMarketColumns = []string{"Headline pctl", "Band position", "Compa-ratio", "Peer pctl",
	"Best lever", "Best lever Δ", "Counter Δ", "Counter approval", "Risk score", "Decision score",
	"Band match", "Band level", "Band confidence"}

// sheetOf returns offer i's own sheet, "" when it has none.
func (wb *workbook) sheetOf(i int) string {
	if i < len(wb.offerSheets) {
		return wb.offerSheets[i]
	}
	return ""
}

// idCell is an offer's id cell: a HYPERLINK to its offer sheet when it has
// one (labelled with the sheet name when the id is blank), else plain text.
func (wb *workbook) idCell(i int, id string) any {
	var cell any = textCell(id)
	if s := wb.sheetOf(i); s != "" {
		label := id
		if label == "" {
			label = s
		}
		if len(label) <= maxFormulaText {
			cell = excelize.Cell{StyleID: wb.st.link, Formula: hyperlinkFormula(s, "A1", label), Value: label}
		}
	}
	return cell
}

// fixedCell is a numeric cell of a figure with places decimals, or no
// cell when it is blank.
func fixedCell(style int, f analyzer.Fixed, places int32) any {
	if f == analyzer.Blank {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: f.Float(places)}
}

// moneyCell is a money cell from cents, or no cell when blank.
func (wb *workbook) moneyCell(f analyzer.Fixed) any {
	return fixedCell(wb.st.money, f, analyzer.MoneyPlaces)
}

// marketCells are one record's cells under summaryMarketColumns.
func (wb *workbook) marketCells(cells []any, r *analyzer.Record) []any {
	st := wb.st
	cells = append(cells, fixedCell(st.pctl, r.HeadlinePctl, 1), indented(st, r.BandPosition), fixedCell(st.ratio, r.CompaRatio, 2),
		fixedCell(st.pctl, r.PeerPctl, 1))
	if r.BestLever != "" {
		cells = append(cells, indented(st, leverTitle(analyzer.LeverName(r.BestLever))), wb.moneyCell(r.BestLeverDelta))
	} else {
		cells = append(cells, nil, nil)
	}
	if r.HasCounter {
		cells = append(cells, wb.moneyCell(r.CounterDelta), indented(st, r.CounterTier))
	} else {
		cells = append(cells, nil, nil)
	}
	cells = append(cells, fixedCell(st.pctl, r.Risk, 1), fixedCell(st.pctl, r.Decision, 1))
	if r.HasMarket {
		var conf any
		if r.BandConfidence != "" {
			conf = indented(st, r.BandConfidence)
		}
		return append(cells, indented(st, r.BandMatch), indented(st, r.BandLevel), conf)
	}
	return append(cells, nil, nil, nil)
}

// summaryFormats adds a Summary page's conditional formats: a red–yellow–
// green colour scale on the headline percentile (P1 red, P50 yellow, P99
// green) and a red fill on Flags cells holding FAR_BELOW_MARKET or
// BELOW_FLOOR.
func (wb *workbook) summaryFormats(sheet string, pctlCol, flagCol, rows int) error {
	if rows < 1 {
		return nil
	}
	col := func(c int) string { name, _ := excelize.ColumnNumberToName(c); return name }
	if err := wb.percentileScale(sheet, pctlCol, rows); err != nil {
		return err
	}
	fr := fmt.Sprintf("%s2:%s%d", col(flagCol), col(flagCol), rows+1)
	first := col(flagCol) + "2"
	bad := wb.st.bad
	return wb.f.SetConditionalFormat(sheet, fr, []excelize.ConditionalFormatOptions{{
		Type: "formula", Format: &bad,
		Criteria: fmt.Sprintf(`OR(ISNUMBER(SEARCH("%s",%s)),ISNUMBER(SEARCH("%s",%s)))`,
			analyzer.FlagFarBelowMarket, first, analyzer.FlagBelowFloor, first)}})
}

// percentileScale colours a percentile column's data rows red (P1),
// yellow (P50) and green (P99).
func (wb *workbook) percentileScale(sheet string, col, rows int) error {
	if rows < 1 {
		return nil
	}
	name, _ := excelize.ColumnNumberToName(col)
	return wb.f.SetConditionalFormat(sheet, fmt.Sprintf("%s2:%s%d", name, name, rows+1), []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=",
		MinType: "num", MinValue: "1", MinColor: "#F8696B",
		MidType: "num", MidValue: "50", MidColor: "#FFEB84",
		MaxType: "num", MaxValue: "99", MaxColor: "#63BE7B"}})
}

func (wb *workbook) writeSummary() error {
	names, widths, _ := wb.summaryHeader()
	t := &pagedTable{wb: wb, pages: wb.summaryPages, header: wb.headerCells(names, -1), widths: widths,
		rows: wb.run.count(), filter: true, titleCols: "$A:$B", printCols: summaryPrintCols(wb.run.years())}
	flagCol, notes := len(names), 0
	pctlCol := flagCol - len(summaryMarketColumns)
	t.beforeStream = func(page int) error {
		if page != 0 || !wb.pivots.pivots {
			return nil
		}
		// A pivot table over a streamed sheet: the header row in normal
		// mode, then the pivot tables, then the stream (header again).
		row := make([]any, len(names))
		for i, n := range names {
			row[i] = n
		}
		w := cellRows(wb.f, wb.summaryPages[0])
		if w.add(row...); w.err != nil {
			return w.err
		}
		return wb.addPivotTables(names)
	}
	recs := wb.run.records()
	t.before = func(page int) error {
		from := page * wb.perPage
		to := min(from+wb.perPage, recs.Len())
		if err := wb.summaryFormats(wb.summaryPages[page], pctlCol, flagCol, to-from); err != nil {
			return err
		}
		// excelize adds a page's first note (and so its notes' parts);
		// the engine writes the others as excelize would, without
		// AddComment's cost per note, which grows with the notes before
		// it.
		var pageNotes *ooxml.Notes
		for i := from; i < to && notes < MaxFlagNotes; i++ {
			note := recs.note(i)
			if note == "" {
				continue
			}
			notes++
			sheet, row := wb.summaryCell(i)
			c := noteComment(cellRef(flagCol, row), note)
			var err error
			switch {
			case notesByExcelize:
				err = wb.f.AddComment(sheet, c)
			case pageNotes == nil:
				if pageNotes, err = ooxml.NewNotes(wb.f, sheet, c); err == nil {
					wb.notes = append(wb.notes, pageNotes)
				}
			default:
				err = pageNotes.Add(c)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	st := wb.st
	h := wb.run.years()
	cells := make([]any, 0, len(names))
	err := recs.EachWithoutDrafts(func(i int, r *analyzer.Record) error {
		cells = cells[:0]
		cells = append(cells, wb.idCell(i, r.ID), textCell(r.Candidate), textCell(r.Company), textCell(r.Track),
			textCell(r.Level), textCell(r.Location),
			wb.moneyCell(r.Base), wb.moneyCell(r.SignOnY1), wb.moneyCell(r.SignOnY2), wb.moneyCell(r.Grant),
			indented(st, r.Vesting))
		for y := range h {
			if y < len(r.Years) {
				cells = append(cells, wb.moneyCell(r.Years[y].Total))
			} else {
				cells = append(cells, nil)
			}
		}
		cells = append(cells, wb.moneyCell(r.Total), wb.moneyCell(r.Average), wb.moneyCell(r.TwoYearAverage),
			wb.moneyCell(r.Relocation))
		for k := range wb.run.Options.Scenarios {
			if k < len(r.Scenarios) {
				cells = append(cells, wb.moneyCell(r.Scenarios[k]))
			} else {
				cells = append(cells, nil)
			}
		}
		cells = wb.afterTaxSummaryCells(cells, i, r)
		cells = wb.marketCells(cells, r)
		// "; " lets a long list of codes wrap within the column.
		if codes := strings.ReplaceAll(r.FlagCodes, ";", "; "); codes != "" {
			cells = append(cells, excelize.Cell{StyleID: st.wrap, Value: codes})
		} else {
			cells = append(cells, nil)
		}
		return t.add(cells)
	})
	if err != nil {
		return err
	}
	return t.finish("No offers were analysed.")
}

func (wb *workbook) writeErrors() error {
	names := []string{"File", "Sheet", "Row", "Column", "Value", "Reason"}
	header := wb.headerCells(names, -1)
	header[2] = excelize.Cell{StyleID: wb.st.headerRight, Value: "Row"}
	header[3] = excelize.Cell{StyleID: wb.st.headerIndent, Value: "Column"}
	header[5] = excelize.Cell{StyleID: wb.st.headerIndent, Value: "Reason"}
	// Printed, every column fits one page wide; the reason wraps in a
	// column narrow enough for that.
	t := &pagedTable{wb: wb, pages: wb.errorPages, header: header,
		widths: []float64{24, 12, 6, 14, 20, 44}, rows: len(wb.run.Rejected), filter: true, titleCols: "$A:$C", printCols: len(names)}
	for _, r := range wb.run.Rejected {
		var row any
		if r.Row > 0 {
			row = r.Row
		}
		var reason any
		if r.Reason != "" {
			reason = excelize.Cell{StyleID: wb.st.wrapIndent, Value: r.Reason}
		}
		if err := t.add([]any{textCell(r.File), textCell(r.Sheet), row, indented(wb.st, r.Column),
			textCell(r.Value), reason}); err != nil {
			return err
		}
	}
	return t.finish("No rejected rows: every input row became an analysed offer.")
}

// notesByExcelize, set by a test, has excelize's AddComment write every
// Summary note: the reference the engine's notes are checked against.
var notesByExcelize = false

// noteComment is the cell note listing an offer's flags (Record.Note: one
// line per flag with its code, severity and message).
func noteComment(ref, note string) excelize.Comment {
	return excelize.Comment{Author: "offerbook", Cell: ref, Text: cutNote(note), Width: 360, Height: 80}
}

// textCell returns a string cell value for the stream writer, or nil (no
// cell) for an empty string. A string is always written as text, so input
// such as "=1+1" or "@cmd" never becomes a formula.
func textCell(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// cellRef returns the A1 reference of a column and row, both 1-based.
func cellRef(col, row int) string {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // col and row come from this package and are in range
	}
	return ref
}

// maxFormulaText is Excel's limit on a text constant inside a formula; a
// longer id is written as plain text without a link.
const maxFormulaText = 255

// hyperlinkFormula returns a HYPERLINK formula to a cell of a sheet in this
// workbook, showing label.
func hyperlinkFormula(sheet, cell, label string) string {
	target := "#'" + strings.ReplaceAll(sheet, "'", "''") + "'!" + cell
	return "HYPERLINK(" + formulaString(target) + "," + formulaString(label) + ")"
}

// formulaString quotes s as a formula string literal.
func formulaString(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
