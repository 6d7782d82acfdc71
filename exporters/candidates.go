package exporters

import (
	"fmt"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// maxCandidateOffers caps the offers shown side by side for one candidate
// (one column each); the rest are counted in a note.
const maxCandidateOffers = 100

// offerLabel names an offer in a column header or a winner cell:
// "A-01 Amazon", or whichever of id and company it has.
func offerLabel(i int, id, company string) string {
	if s := offerSheetName(id, "", company); s != "" {
		return s
	}
	return fmt.Sprintf("Offer %d", i+1)
}

// maxCandidateCharts caps the candidate charts one workbook carries: the
// cost of each chart grows with the workbook's sheet count (excelize scans
// every part per call), so past this many the rest of the candidates keep
// their tables and the sheet says so. A variable so tests can lower it.
var maxCandidateCharts = 100

// maxChartOffers is the most offers one candidate chart shows side by side;
// a candidate with more keeps the table and gets no chart.
const maxChartOffers = 10

// candidateBlock is one candidate's place on the Candidates sheet.
type candidateBlock struct {
	cand   int32 // the candidate's number in the batch's candidateIndex
	offers []int // the offers shown, one column each
	all    int   // how many offers the candidate has
	hasGap bool
	// header is the row of the offer header; years the row of Year 1.
	header, years int
	// end is the last row of the table (the writer pads a shorter one).
	end int
	// chart is the row the candidate's chart is anchored on, 0 for none.
	chart int
	// hasDecision is true for a candidate with a decision (its line is
	// written when the block is).
	hasDecision bool
}

// candidateChartRows are the rows kept free under a candidate's table for
// its chart (candidateChartHeight pixels, with room to spare where a
// reader draws rows shorter than 20 pixels), so the chart
// prints with its table instead of on a page of its own to the right.
const candidateChartRows = 16

// candidateChartPrintRows is the chart's height in 20-pixel rows, and
// printedPageRows the rows of a landscape page at full size (7 inches at
// 20 pixels of 1/96 inch), for deciding where a chart must start a page.
const (
	candidateChartPrintRows = 13
	printedPageRows         = 32
)

// candidateColWidth is the width of an offer's (and the Winner) column on
// the Candidates sheet, in characters: narrow enough that a candidate with
// four offers prints on one landscape page at full size.
const candidateColWidth = 15

// candidateChartHeight is a candidate chart's height in pixels.
const candidateChartHeight = 250

// planCandidates lays the Candidates sheet out before it is streamed (a
// chart on a streamed sheet must be added before its first row): each
// candidate's rows and whether it gets a chart. shown is how many
// candidates fit before Excel's row limit.
func (wb *workbook) planCandidates(x *candidateIndex) (blocks []candidateBlock, shown int) {
	run := wb.run
	h := run.years()
	limit := run.rowsPerSheet()
	row := 1 // the title
	if x.count() == 0 {
		row++
	}
	if wb.candidateChartsCapped(x) {
		row++
	}
	charts := 0
	for c := range int32(x.count()) {
		all := x.offers(c)
		b := candidateBlock{cand: c, all: len(all), hasGap: x.has(c, candidateGap), hasDecision: x.has(c, candidateDecision)}
		size := 11 + h + wb.afterTaxCandidateRowCount()
		if b.hasGap {
			size += h
		}
		if row+size > limit {
			break
		}
		b.header = row + 3 // a blank row, the name, the header
		if b.hasDecision {
			b.header++ // the decision line under the name
		}
		b.years = b.header + 4
		row = b.header + 3 + h + 2            // company, level, location, years, total, average
		row += wb.afterTaxCandidateRowCount() // at most; the writer pads to it
		if run.Options.Bands != nil {
			row++
		}
		if b.hasGap {
			row += h
		}
		if b.all > maxCandidateOffers {
			row++
		}
		b.end = row
		if n := b.all; n >= 2 && n <= maxChartOffers && charts < maxCandidateCharts {
			if row+1+candidateChartRows > limit {
				break
			}
			b.chart = row + 1 // under the table, a row below it
			row += 1 + candidateChartRows
			charts++
		}
		b.offers = make([]int, min(len(all), maxCandidateOffers))
		for k := range b.offers {
			b.offers[k] = int(all[k])
		}
		blocks = append(blocks, b)
	}
	return blocks, len(blocks)
}

// candidateChartsCapped reports whether more candidates could have a chart
// than maxCandidateCharts allows.
func (wb *workbook) candidateChartsCapped(x *candidateIndex) bool {
	n := 0
	for c := range int32(x.count()) {
		if k := x.offerCount(c); k >= 2 && k <= maxChartOffers {
			n++
		}
	}
	return n > maxCandidateCharts
}

// candidateChart is a candidate's clustered column chart: one series per
// offer over its year totals, side by side per year, so the tallest column
// in each group is that year's winner; the title names the winner over the
// whole horizon.
func (wb *workbook) candidateChart(x *candidateIndex, b *candidateBlock) *excelize.Chart {
	run := wb.run
	h := run.years()
	q := "'" + strings.ReplaceAll(sheetCandidates, "'", "''") + "'!"
	var series []excelize.ChartSeries
	for k := range b.offers {
		col, _ := excelize.ColumnNumberToName(k + 2)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s$%s$%d", q, col, b.header),
			Categories: fmt.Sprintf("%s$A$%d:$A$%d", q, b.years, b.years+h-1),
			Values:     fmt.Sprintf("%s$%s$%d:$%s$%d", q, col, b.years, col, b.years+h-1),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{offerColors[k%len(offerColors)]}},
		})
	}
	name := ""
	var r analyzer.Record
	if run.records().AtWithoutDrafts(b.offers[0], &r) == nil {
		name = r.Candidate
	}
	title := name + ": year totals by offer, US$ per offer year (" + yearSpan(h) + ")"
	if w := x.win[x.totalSlot(b.cand)]; w >= 0 && run.records().AtWithoutDrafts(int(w), &r) == nil {
		title += "; most over " + fmt.Sprint(h) + " years before tax: " + offerLabel(int(w), r.ID, r.Company)
	}
	return &excelize.Chart{
		Type:       excelize.Col,
		Series:     series,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Family: fontFamily, Size: 11, Bold: true}}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		Dimension:  excelize.ChartDimension{Width: 600, Height: candidateChartHeight},
		VaryColors: ptr(false),
		GapWidth:   ptr(uint(80)),
		XAxis:      excelize.ChartAxis{Font: axisFont},
		YAxis:      valueAxis(fmtMoney),
		Format: excelize.GraphicOptions{PrintObject: ptr(true), Positioning: "oneCell", OffsetY: 5,
			AltText: "Clustered column chart of " + name + "'s offers, year by year"},
	}
}

// offerColors colour the offers in a candidate chart.
var offerColors = []string{"4472C4", "ED7D31", "70AD47", "FFC000", "5B9BD5", "A5A5A5", "264478", "9E480E", "636363", "997300"}

// openCandidates begins the Candidates sheet (see "Sheets" and "The decision"
// in docs/METHOD.md): for each candidate with a name, their offers side by
// side, one column per offer: company, level and location; each year's total,
// the H-year total, the average, the headline percentile and the gap to the
// comparator; and in the last column the offer that wins each year and the
// whole horizon. Offers without a candidate are not listed. The sheet stops,
// with a note, before Excel's row limit.
//
// It does the part that changes the workbook itself (the stream writer, print
// settings, page breaks and charts) and returns the part that only streams
// rows, which may run on another goroutine while other sheets are written
// (writeBatchTables).
func (wb *workbook) openCandidates() (stream func() error, err error) {
	run := wb.run
	stats, err := run.stats()
	if err != nil {
		return nil, err
	}
	cands := stats.candidates
	blocks, nShown := wb.planCandidates(cands)
	sw, err := wb.f.NewStreamWriter(sheetCandidates)
	if err != nil {
		return nil, err
	}
	// The widest candidate's offers and the winner column print, fitted
	// one page wide.
	widest := 1
	for i := range blocks {
		widest = max(widest, len(blocks[i].offers))
	}
	if err := printColumns(wb.f, sheetCandidates, widest+2, ""); err != nil {
		return nil, err
	}
	if err := sw.SetColWidth(1, 1, 25); err != nil {
		return nil, err
	}
	if err := sw.SetColWidth(2, maxCandidateOffers+2, candidateColWidth); err != nil {
		return nil, err
	}
	for i := range blocks {
		b := &blocks[i]
		// A candidate with a chart starts a printed page, and so does the
		// one after it, so no chart is cut by a page break.
		if i > 0 && (b.chart > 0 || blocks[i-1].chart > 0) {
			if err := wb.f.InsertPageBreak(sheetCandidates, cellRef(1, b.header-1)); err != nil {
				return nil, err
			}
		}
		if b.chart == 0 {
			continue
		}
		// A table too tall to share a printed page with its chart sends
		// the chart to the next page.
		if b.chart-(b.header-1)+candidateChartPrintRows > printedPageRows {
			if err := wb.f.InsertPageBreak(sheetCandidates, cellRef(1, b.chart)); err != nil {
				return nil, err
			}
		}
		if err := wb.f.AddChart(sheetCandidates, cellRef(1, b.chart), wb.candidateChart(cands, b)); err != nil {
			return nil, err
		}
	}
	if run.Options.Tax != nil {
		wb.gapStyle() // a new style: made here, not while the rows stream
	}
	// The rows go to the engine's encoder; merges to the stream writer.
	w := &rowWriter{sink: wb.newSheetRows(sw, 0), merges: sw}
	return func() error {
		if err := wb.streamCandidates(w, cands, blocks, nShown); err != nil {
			return err
		}
		return sw.Flush()
	}, nil
}

// streamCandidates streams the Candidates sheet's rows as openCandidates
// planned them. It reads the records and writes to its own stream writer
// only, so it may run beside the writers of other sheets.
func (wb *workbook) streamCandidates(w *rowWriter, x *candidateIndex, blocks []candidateBlock, nShown int) error {
	st, recs := wb.st, wb.run.records()
	w.add(excelize.Cell{StyleID: st.title, Value: "Candidates: offers side by side"})
	if x.count() == 0 {
		w.add(excelize.Cell{StyleID: st.note, Value: "No offer names a candidate, so there is nothing to compare side by side."})
	}
	if wb.candidateChartsCapped(x) {
		wb.wrappedNote(w, fmt.Sprintf(
			"Charts for the first %d candidates with 2–%d offers only: more would slow the workbook down. Every candidate keeps its table.",
			maxCandidateCharts, maxChartOffers), 5, 80)
	}
	t := &candidateTable{wb: wb, w: w, cands: x}
	for bi := range blocks {
		b := &blocks[bi]
		t.shown = t.shown[:0]
		for _, i := range b.offers {
			var r analyzer.Record
			if err := recs.AtWithoutDrafts(i, &r); err != nil {
				return err
			}
			t.shown = append(t.shown, r)
		}
		t.b, t.labels = b, t.labels[:0]
		if err := t.write(); err != nil {
			return err
		}
		w.row = b.end
		if b.chart > 0 {
			w.row = b.chart + candidateChartRows // the rows under the chart stay empty
		}
	}
	if n := x.count(); nShown < n {
		w.add(excelize.Cell{StyleID: st.note, Value: fmt.Sprintf(
			"%d more %s not shown: the sheet would pass Excel's row limit. results.csv has every offer.", n-nShown,
			plural(n-nShown, "candidate is", "candidates are"))})
	}
	return w.err
}

// candidateTable is one candidate's table on the Candidates sheet while it
// is written: the block planned for it and the records of the offers shown.
// One table writes every block in turn, reusing its buffers.
type candidateTable struct {
	wb    *workbook
	w     *rowWriter
	cands *candidateIndex
	b     *candidateBlock
	shown []analyzer.Record
	// labels are the winner labels of the offers shown, worked out once
	// (see winner); cells the row being written.
	labels []string
	cells  []any
}

// write writes the candidate's name, decision line, offer header and rows,
// on the rows planned for them.
func (t *candidateTable) write() error {
	wb, w, b, st := t.wb, t.w, t.b, t.wb.st
	name := t.shown[0].Candidate // the name as the candidate's first offer spells it
	w.skip()
	w.add(excelize.Cell{StyleID: st.section, Value: name})
	if b.hasDecision {
		for k := range t.shown {
			if d := t.shown[k].Context.Decision; d != nil {
				// Across the label, offer and Winner columns, the width printed.
				cols := len(b.offers) + 2
				wb.wrappedNote(w, t.decisionLine(d), cols, 22+(cols-1)*(candidateColWidth-1))
				break
			}
		}
	}
	if r := w.header(t.header()...); r != b.header {
		return fmt.Errorf("candidate %q: header on row %d, planned for row %d", name, r, b.header)
	}
	t.figures()
	if b.all > len(b.offers) {
		w.add(excelize.Cell{StyleID: st.note, Value: fmt.Sprintf("%d more %s of %s not shown; winners are over all of them.",
			b.all-len(b.offers), plural(b.all-len(b.offers), "offer is", "offers are"), name)})
	}
	if w.row > b.end {
		return fmt.Errorf("candidate %q: table ends on row %d, planned to end by row %d", name, w.row, b.end)
	}
	return nil
}

// decisionLine is the candidate's decision in words. The book names the
// offers by their index in the batch; a workbook of the whole batch holds
// its records in that order, so the line names them from the records shown
// (no second read), while one candidate's workbook (--split-by) holds its
// own few and asks the book.
func (t *candidateTable) decisionLine(d *analyzer.Decision) string {
	if t.wb.run.Records == nil {
		return d.Line()
	}
	return d.LineWith(t.offerLabel)
}

// offerLabel names offer i of the batch in the decision line, from the
// records shown when it is one of them (no second read).
func (t *candidateTable) offerLabel(i int) analyzer.OfferLabel {
	for k, j := range t.b.offers {
		if j == i {
			return analyzer.LabelOf(&t.shown[k])
		}
	}
	var r analyzer.Record
	if t.wb.run.records().AtWithoutDrafts(i, &r) != nil {
		return analyzer.OfferLabel{}
	}
	return analyzer.LabelOf(&r)
}

// header is the offer header: one column per offer, linked to its sheet
// when it has one, and the Winner column.
func (t *candidateTable) header() []any {
	st := t.wb.st
	header := []any{excelize.Cell{StyleID: st.header, Value: "Offer"}}
	for k, i := range t.b.offers {
		l := offerLabel(i, t.shown[k].ID, t.shown[k].Company)
		cell := excelize.Cell{StyleID: st.headerRight, Value: l}
		if s := t.wb.sheetOf(i); s != "" && len(l) <= maxFormulaText {
			cell.Formula = hyperlinkFormula(s, "A1", l)
		}
		header = append(header, cell)
	}
	return append(header, excelize.Cell{StyleID: st.headerIndent, Value: "Winner"})
}

// figures writes a row per figure: company, level and location, each
// year's total, the H-year total, the average, the after-tax rows, the
// headline percentile and the gap to a comparator.
func (t *candidateTable) figures() {
	st, run, x, c := t.wb.st, t.wb.run, t.cands, t.b.cand
	h := run.years()
	m := func(f analyzer.Fixed) any { return fixedCell(st.money, f, analyzer.MoneyPlaces) }
	text := func(get func(r *analyzer.Record) string) func(r *analyzer.Record) any {
		return func(r *analyzer.Record) any { return excelize.Cell{StyleID: st.textRight, Value: get(r)} }
	}
	t.row("Company", text(func(r *analyzer.Record) string { return r.Company }), "")
	t.row("Level", text(func(r *analyzer.Record) string { return r.Level }), "")
	t.row("Location", text(func(r *analyzer.Record) string { return r.Location }), "")
	for y := range h {
		t.row(fmt.Sprintf("Year %d total", y+1), func(r *analyzer.Record) any {
			if y < len(r.Years) {
				return m(r.Years[y].Total)
			}
			return nil
		}, t.winner(x.winner(c, x.yearSlot(c, y))))
	}
	t.row(fmt.Sprintf("Total (%d years)", h), func(r *analyzer.Record) any {
		return fixedCell(st.moneyTotal, r.Total, analyzer.MoneyPlaces)
	}, t.winner(x.winner(c, x.totalSlot(c))))
	t.row("Average per year", func(r *analyzer.Record) any { return m(r.Average) }, "")
	t.wb.afterTaxCandidateRows(t)
	if run.Options.Bands != nil {
		t.row("Headline percentile", func(r *analyzer.Record) any { return fixedCell(st.pctl, r.HeadlinePctl, 1) }, "")
	}
	if !t.b.hasGap {
		return
	}
	for y := range h {
		t.row(fmt.Sprintf("Gap to comparator, year %d", y+1), func(r *analyzer.Record) any {
			if y < len(r.ComparatorGap) {
				return m(r.ComparatorGap[y])
			}
			return nil
		}, "")
	}
}

// row writes one figure across the offers shown, and the offer that wins
// it, if any. Bold labels sit at the bottom of their row like the figures
// beside them, even in a row made taller by a wrapped winner. The row's
// cells are written at once, so one buffer serves every row.
func (t *candidateTable) row(name string, get func(r *analyzer.Record) any, winner string) {
	st := t.wb.st
	var cells []any
	if t.w.sink != nil {
		cells = t.cells[:0] // the rows are not kept
	}
	cells = append(cells, excelize.Cell{StyleID: st.bold, Value: name})
	for k := range t.shown {
		cells = append(cells, get(&t.shown[k]))
	}
	// A long winner label wraps within its column rather than running off
	// the printed page.
	if winner == "" {
		t.w.add(append(cells, nil)...)
	} else {
		t.w.tall(wrapHeight(winner, candidateColWidth-2), append(cells, excelize.Cell{StyleID: st.wrapIndent, Value: winner})...)
	}
	if t.w.sink != nil {
		t.cells = cells[:0]
	}
}

// record returns the record of the candidate's offer k (an index into all
// its offers), read when it is not one of those shown.
func (t *candidateTable) record(k int, r *analyzer.Record) (*analyzer.Record, bool) {
	if k < 0 || k >= t.b.all {
		return nil, false
	}
	if k < len(t.shown) {
		return &t.shown[k], true
	}
	if t.wb.run.records().AtWithoutDrafts(int(t.cands.offers(t.b.cand)[k]), r) != nil {
		return nil, false
	}
	return r, true
}

// winner names the candidate's offer k (an index into all its offers) in a
// winner cell: the label ("A-02 Google") when it fits the column, else the
// id alone (the column headers carry the company); "" for none.
func (t *candidateTable) winner(k int) string {
	if k >= 0 && k < len(t.labels) && t.labels[k] != "" {
		return t.labels[k]
	}
	var buf analyzer.Record
	r, ok := t.record(k, &buf)
	if !ok {
		return ""
	}
	i := int(t.cands.offers(t.b.cand)[k])
	l := offerLabel(i, r.ID, r.Company)
	if len([]rune(l)) > candidateColWidth-2 && r.ID != "" {
		l = r.ID
	}
	if k < len(t.shown) {
		for len(t.labels) < len(t.shown) {
			t.labels = append(t.labels, "")
		}
		t.labels[k] = l
	}
	return l
}

// takeHomeExact returns the exact H-year take-home of the candidate's offer
// k (an index into all its offers); false for none.
func (t *candidateTable) takeHomeExact(k int) (decimal.Decimal, bool) {
	var buf analyzer.Record
	r, ok := t.record(k, &buf)
	if !ok {
		return decimal.Decimal{}, false
	}
	return r.TakeHomeExact, true
}
