package exporters

import (
	"fmt"
	"strings"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// inputRows records where the inputs block put the values the year table's
// formulas refer to (all in column B).
type inputRows struct {
	base, signOn1, signOn2, grant, bonus, refresher, relocation, growth, raise int
	vest                                                                       []int // vest[t-1] is the row of v_t
}

// offerSheet is one offer's sheet while it is laid out: its rows, kept
// until the layout is known (then the stream writer opens, the chart and
// notes go in, and the rows are replayed), and the notes its cells carry.
type offerSheet struct {
	wb    *workbook
	a     *analyzer.Analysis
	o     *analyzer.Offer // never nil
	w     *rowWriter
	notes []excelize.Comment
}

// writeOfferSheet writes one offer's sheet: a link back to Summary, the
// verdict, the inputs block, the year table as formulas over the inputs
// with cached values from the analyzer, the calendar years, the scenarios,
// the flags and the market, lever and counter-offer sections.
func (wb *workbook) writeOfferSheet(i int, sheet string) error {
	a := wb.run.detail(i)
	s := &offerSheet{wb: wb, a: a, o: a.Offer, w: keptRows()}
	if s.o == nil {
		s.o = &analyzer.Offer{}
	}
	w := s.w
	s.heading(i)
	wb.verdictBlock(w, a)
	wb.privateEquityVerdict(w, a)
	inputsHeader, in := s.inputs()
	// The chart beside the inputs prints whole with them.
	w.keepTogether(inputsHeader-1, inputsHeader+offerChartRows)
	w.blockStart()
	years := wb.yearTable(w, a, in)
	wb.startupTables(w, a)
	wb.afterTaxTable(w, a, years)
	wb.calendarTable(w, a)
	wb.scenarioTable(w, a)
	for _, fn := range wb.flagTable(w, a) {
		s.note(fn[0], fn[1])
	}
	wb.marketSections(w, a)
	if w.err != nil {
		return w.err
	}
	return s.save(sheet, inputsHeader, years)
}

// save opens the sheet's stream writer, sets its widths and printing, adds
// the chart and the notes, and replays the rows.
func (s *offerSheet) save(sheet string, inputsHeader int, years yearRows) error {
	wb := s.wb
	sw, err := wb.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for col := 1; col <= offerSheetCols; col++ {
		if err := sw.SetColWidth(col, col, float64(offerSheetWidth(col))); err != nil {
			return err
		}
	}
	if err := wb.printOfferSheet(sheet, s.w); err != nil {
		return err
	}
	if len(s.a.Years) > 0 {
		if err := wb.f.AddChart(sheet, cellRef(offerChartCol, inputsHeader), yearChart(sheet, years)); err != nil {
			return err
		}
	}
	for _, n := range s.notes {
		if err := wb.f.AddComment(sheet, n); err != nil {
			return err
		}
	}
	if err := s.w.replay(sw); err != nil {
		return err
	}
	return sw.Flush()
}

// note adds a note to a cell.
func (s *offerSheet) note(ref, text string) {
	s.notes = append(s.notes, excelize.Comment{Author: "offerbook", Cell: ref, Text: cutNote(text), Width: 300, Height: 60})
}

func (s *offerSheet) label(l string) any { return excelize.Cell{StyleID: s.wb.st.label, Value: l} }

// aside is a note beside a value, or no cell for "".
func (s *offerSheet) aside(text string) any {
	if text == "" {
		return nil
	}
	return excelize.Cell{StyleID: s.wb.st.note, Value: text}
}

func (s *offerSheet) money(d decimal.Decimal) any {
	return excelize.Cell{StyleID: s.wb.st.money, Value: money(d)}
}

func (s *offerSheet) nullMoney(d decimal.NullDecimal) any {
	if !d.Valid {
		return nil
	}
	return s.money(d.Decimal)
}

func (s *offerSheet) percent(d decimal.Decimal) any {
	return excelize.Cell{StyleID: s.wb.st.percent, Value: fraction(d)}
}

func (s *offerSheet) date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return excelize.Cell{StyleID: s.wb.st.date, Value: t}
}

// defaulted marks an input that took its default: "(default)" beside it
// and a note on its value cell (on the next row) saying what was assumed.
func (s *offerSheet) defaulted(name string) any {
	if !s.o.IsDefaulted(name) {
		return nil
	}
	s.note(cellRef(2, s.w.row+1), defaultedNote(name, s.o))
	return s.aside("(default)")
}

// heading writes the link back to Summary, the title, where the offer came
// from and the candidate's decision line.
func (s *offerSheet) heading(i int) {
	wb, o, w := s.wb, s.o, s.w
	summarySheet, summaryRow := wb.summaryCell(i)
	w.add(excelize.Cell{StyleID: wb.st.link, Formula: hyperlinkFormula(summarySheet, fmt.Sprintf("A%d", summaryRow), "← Back to Summary"),
		Value: "← Back to Summary"})
	title := "Offer " + o.ID
	if o.Candidate != "" {
		title += ": " + o.Candidate
	}
	if o.Company != "" {
		title += " at " + o.Company
	}
	w.add(excelize.Cell{StyleID: wb.st.title, Value: title})
	if o.Source.File != "" {
		src := "From " + o.Source.File
		if o.Source.Sheet != "" {
			src += ", sheet " + o.Source.Sheet
		}
		if o.Source.Row > 0 {
			src += fmt.Sprintf(", row %d", o.Source.Row)
		}
		w.add(s.aside(src))
	}
	if ctx := o.Context; ctx != nil && ctx.Decision != nil {
		wb.wrappedNote(w, "Decision: "+ctx.Decision.Line(), 8, emailWidth)
	}
	w.skip()
}

// inputs writes the inputs block and returns its header row and where the
// year table's formulas find their inputs.
func (s *offerSheet) inputs() (header int, in *inputRows) {
	o, w, label := s.o, s.w, s.label
	in = &inputRows{}
	s.wb.section(w, "Inputs")
	header = w.add(s.wb.headerCells([]string{"Input", "Value", "Note"}, -1)...)
	w.add(label("ID"), textCell(o.ID), s.defaulted("id"))
	w.add(label("Candidate"), textCell(o.Candidate))
	w.add(label("Company"), textCell(o.Company), s.defaulted("company"))
	w.add(label("Company type"), textCell(o.CompanyType), s.defaulted("company_type"))
	w.add(label("Track"), textCell(o.Track), s.defaulted("track"))
	w.add(label("Level"), textCell(o.Level))
	w.add(label("Location"), textCell(o.Location))
	w.add(label("Specialization"), textCell(o.Specialization))
	in.base = w.add(label("Base salary"), s.money(o.Base))
	in.signOn1 = w.add(label("Sign-on year 1"), s.money(o.SignOnY1))
	in.signOn2 = w.add(label("Sign-on year 2"), s.money(o.SignOnY2))
	s.equityInputs(in)
	in.bonus = w.add(label("Target bonus (% of base)"), s.percent(o.BonusPct))
	in.refresher = w.add(label("Refresher grant per year"), s.money(o.Refresher), s.aside("a new grant each year from year 2"))
	in.relocation = w.add(label("Relocation (one-time)"), s.money(o.Relocation))
	w.add(label("Start date"), s.date(o.StartDate))
	in.growth = w.add(label("Stock growth per year"), s.percent(s.wb.run.Options.StockGrowth), s.aside("run option"))
	in.raise = w.add(label("Base raise per year"), s.percent(s.wb.run.Options.Raise), s.aside("run option"))
	s.contextInputs()
	w.skip()
	return header, in
}

// equityInputs writes the RSU grant (from shares × price when the offer
// gives shares), the vesting schedule and its yearly percentages.
func (s *offerSheet) equityInputs(in *inputRows) {
	a, o, w, label := s.a, s.o, s.w, s.label
	shareRow, priceRow := 0, 0
	if o.RSUShares.Valid {
		shareRow = w.add(label("RSU shares"), excelize.Cell{StyleID: s.wb.st.count, Value: o.RSUShares.Decimal.InexactFloat64()})
		if a.StockPrice.Valid {
			src := ""
			if !o.StockPrice.Valid {
				src = "run's default stock price"
				s.note(cellRef(2, w.row+1), fmt.Sprintf("defaulted: the offer gives RSU shares but no stock price; "+
					"the run's --stock-price %s is used.", centsText(a.StockPrice.Decimal)))
			}
			priceRow = w.add(label("Stock price"), excelize.Cell{StyleID: s.wb.st.moneyCents, Value: money(a.StockPrice.Decimal)}, s.aside(src))
		}
	}
	if a.GrantFromShares && shareRow > 0 && priceRow > 0 {
		in.grant = w.add(label("RSU grant value (G)"), excelize.Cell{StyleID: s.wb.st.money,
			Formula: fmt.Sprintf("B%d*B%d", shareRow, priceRow), Value: money(a.Grant)}, s.aside("shares × price"))
	} else {
		in.grant = w.add(label("RSU grant value (G)"), s.money(a.Grant))
	}
	w.add(label("Vesting schedule"), textCell(o.Schedule.Name), s.defaulted("vesting"))
	for t := 1; t <= max(s.wb.run.years(), len(o.Schedule.Yearly)); t++ {
		hint := ""
		if t == 1 {
			hint = "% of each grant vesting in the grant's year 1, 2, …"
		}
		r := w.add(label(fmt.Sprintf("Vest %% year %d", t)), o.Schedule.Percent(t).InexactFloat64(), s.aside(hint))
		in.vest = append(in.vest, r)
	}
}

// contextInputs writes the candidate's situation: current pay, the floor,
// the competing offer, the scores, the notes and any other input columns.
func (s *offerSheet) contextInputs() {
	o, w, label := s.o, s.w, s.label
	w.add(label("Current total comp"), s.nullMoney(o.CurrentTC))
	w.add(label("Unvested equity left behind"), s.nullMoney(o.UnvestedEquity))
	w.add(label("Walk-away floor"), s.nullMoney(o.Floor))
	w.add(label("Competing company"), textCell(o.CompetingCompany))
	w.add(label("Competing level"), textCell(o.CompetingLevel))
	w.add(label("Competing total comp"), s.nullMoney(o.CompetingTC))
	w.add(label("Competing deadline"), s.date(o.CompetingDeadline))
	s.wb.scoreRows(w, o, label)
	w.add(label("Notes"), textCell(o.Notes))
	if len(o.Other) > 0 {
		w.skip()
		s.wb.section(w, "Other inputs")
		for _, fld := range o.Other {
			w.add(label(fld.Name), textCell(fld.Value))
		}
	}
}

// offerSheetCols is how many columns of an offer sheet get a set width.
const offerSheetCols = 16

// offerSheetWidth is the width, in characters, of an offer sheet's column
// col (1-based). Column A holds the longest labels ("Average per year (4 yr
// avg) (headline)", wrapped in two lines); columns from M on hold wrapped
// notes (the lever table's note column moves right with a longer horizon).
// A, H and M are as narrow as their text allows: the sheet prints one page
// wide (printOfferSheet).
func offerSheetWidth(col int) int {
	widths := []int{36, 15, 14, 14, 14, 14, 15, 16, 13, 12, 18, 12, 34}
	if col >= 1 && col <= len(widths) {
		return widths[col-1]
	}
	return 40
}

// offerChartCol is the column of the offer sheet's chart, beside the
// inputs block and clear of the notes in its column C.
const offerChartCol = 7

// offerChartRows is how many default-height rows the offer sheet's chart
// covers (its 300 pixels are 15 rows of 20).
const offerChartRows = 16

// yearRows records where the year table's header and year rows are.
type yearRows struct{ header, first, last int }

// yearChart is the offer sheet's stacked column chart: base, sign-on, RSU,
// refresh and bonus by offer year, each series over the year table's own
// cells, so the chart follows an edited input once Excel recomputes.
func yearChart(sheet string, y yearRows) *excelize.Chart {
	h := y.last - y.first + 1
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	var series []excelize.ChartSeries
	for col := 2; col <= 6; col++ {
		c, _ := excelize.ColumnNumberToName(col)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s$%s$%d", q, c, y.header),
			Categories: fmt.Sprintf("%s$A$%d:$A$%d", q, y.first, y.last),
			Values:     fmt.Sprintf("%s$%s$%d:$%s$%d", q, c, y.first, c, y.last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{componentColors[col-2]}},
		})
	}
	return &excelize.Chart{
		Type:       excelize.ColStacked,
		Series:     series,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("Compensation by component, US$ per offer year, %s", yearSpan(h))}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		Dimension:  excelize.ChartDimension{Width: 440, Height: 300},
		VaryColors: ptr(false),
		GapWidth:   ptr(uint(60)),
		Overlap:    ptr(100),
		XAxis:      excelize.ChartAxis{Font: axisFont},
		YAxis:      valueAxis(fmtMoney),
		Format:     excelize.GraphicOptions{PrintObject: ptr(true), Positioning: "oneCell", AltText: "Stacked column chart of the year table"},
	}
}

// valueAxis is a chart's value axis: gridlines, the number format and the
// axis font, starting at 0. Bars compare amounts by their length, so an axis
// that starts above 0 makes a gap of a few percent look like a multiple.
func valueAxis(numFmt string) excelize.ChartAxis {
	return excelize.ChartAxis{MajorGridLines: true, Minimum: ptr(0.0), NumFmt: excelize.ChartNumFmt{CustomNumFmt: numFmt}, Font: axisFont}
}

// yearSpan names a horizon of h offer years in a chart title: "year 1",
// "years 1–4".
func yearSpan(h int) string {
	if h == 1 {
		return "year 1"
	}
	return fmt.Sprintf("years 1–%d", h)
}

// axisFont is the charts' axis label font: dark enough to read in print
// (LibreOffice draws excelize's default in light grey).
var axisFont = excelize.Font{Family: fontFamily, Size: 9, Color: "404040"}

// componentColors colour base, sign-on, RSU, refresh and bonus.
var componentColors = []string{"4472C4", "ED7D31", "70AD47", "A5A5A5", "FFC000"}

func ptr[T any](v T) *T { return &v }

// defaultedNote says what a defaulted input assumed.
func defaultedNote(name string, o *analyzer.Offer) string {
	switch name {
	case "id":
		return fmt.Sprintf("defaulted: the input has no id; %q (file and row) stands in.", o.ID)
	case "company":
		return fmt.Sprintf("defaulted: the input has no company; %s is assumed.", o.Company)
	case "track":
		return fmt.Sprintf("defaulted: the input has no track; %s is assumed.", o.Track)
	case "company_type":
		return fmt.Sprintf("defaulted: the input has no company type; %s is inferred from the company %s.", o.CompanyType, o.Company)
	case "vesting":
		return fmt.Sprintf("defaulted: the input has no vesting schedule; %s (%s) is assumed.", o.Schedule.Name, scheduleText(o.Schedule))
	}
	return "defaulted: " + name + " was not given and took its default."
}

// scheduleText writes a schedule's yearly percentages: "5/15/40/40".
func scheduleText(s analyzer.Schedule) string {
	parts := make([]string, len(s.Yearly))
	for i := range s.Yearly {
		parts[i] = s.Percent(i + 1).String()
	}
	return strings.Join(parts, "/")
}

// centsText formats money with cents: "$171.37".
func centsText(d decimal.Decimal) string {
	return "$" + d.RoundBank(2).StringFixed(2)
}

// maxNoteText is the most text a cell note keeps; excelize silently cuts
// a longer one.
const maxNoteText = 32_767

// cutNote shortens a note to maxNoteText UTF-16 units, ending it with "…".
func cutNote(s string) string {
	if len(s) <= maxNoteText/2 {
		return s
	}
	n := 0
	for i, r := range s {
		u := 1
		if r > 0xFFFF {
			u = 2
		}
		if n+u > maxNoteText-1 {
			return s[:i] + "…"
		}
		n += u
	}
	return s
}

// scoreRows writes the risk and decision scores that were given.
func (wb *workbook) scoreRows(w *rowWriter, o *analyzer.Offer, label func(string) any) {
	scores := []struct {
		name string
		v    decimal.NullDecimal
	}{
		{"Team stability (1–10)", o.Risk.TeamStability},
		{"Manager quality (1–10)", o.Risk.ManagerQuality},
		{"Growth potential (1–10)", o.Risk.GrowthPotential},
		{"Work-life balance (1–10)", o.Risk.WorkLifeBalance},
		{"Tech stack interest (1–10)", o.Risk.TechStackInterest},
		{"Location flexibility (1–10)", o.Risk.LocationFlexibility},
		{"Comp meets needs (1–5)", o.Decision.CompMeetsNeeds},
		{"Team excitement (1–5)", o.Decision.TeamExcitement},
		{"Growth opportunities (1–5)", o.Decision.GrowthOpportunities},
		{"Manager rapport (1–5)", o.Decision.ManagerRapport},
		{"Work-life balance acceptable (1–5)", o.Decision.WLBAcceptable},
		{"Location options (1–5)", o.Decision.LocationOptions},
	}
	for _, s := range scores {
		if s.v.Valid {
			w.add(label(s.name), s.v.Decimal.InexactFloat64())
		}
	}
}

// yearTable writes the offer-year table: one row per year with Base,
// Sign-on, RSU, Refresh, Bonus and Total as formulas over the inputs block,
// relocation beside year 1, then Total, Average and Two-year average rows.
// Every formula's cached value is the analyzer's figure rounded to cents.
func (wb *workbook) yearTable(w *rowWriter, a *analyzer.Analysis, in *inputRows) yearRows {
	st := wb.st
	h := len(a.Years)
	wb.section(w, "Year by year")
	hdr := w.header(wb.headerCells([]string{"Offer year", "Base", "Sign-on", "RSU", "Refresh", "Bonus", "Total",
		"Relocation (one-time)"}, 1)...)
	f := func(v decimal.Decimal, format string, args ...any) excelize.Cell {
		return excelize.Cell{StyleID: st.money, Formula: fmt.Sprintf(format, args...), Value: money(v)}
	}
	zero := excelize.Cell{StyleID: st.money, Value: 0}
	first := w.row + 1
	growth := func(t int) string { return fmt.Sprintf("(1+$B$%d)^%d", in.growth, t) }
	for i, y := range a.Years {
		t, r := i+1, w.row+1
		cells := []any{fmt.Sprintf("Year %d", t),
			f(y.Base, "$B$%d*(1+$B$%d)^%d", in.base, in.raise, t-1)}
		switch t {
		case 1:
			cells = append(cells, f(y.SignOn, "$B$%d", in.signOn1))
		case 2:
			cells = append(cells, f(y.SignOn, "$B$%d", in.signOn2))
		default:
			cells = append(cells, zero)
		}
		cells = append(cells, f(y.RSU, "$B$%d*$B$%d/100*%s", in.grant, in.vest[i], growth(t)))
		if t == 1 {
			cells = append(cells, zero)
		} else {
			cells = append(cells, f(y.Refresh, "$B$%d*SUM($B$%d:$B$%d)/100*%s", in.refresher, in.vest[0], in.vest[t-2], growth(t)))
		}
		cells = append(cells, f(y.Bonus, "B%d*$B$%d", r, in.bonus), f(y.Total, "SUM(B%d:F%d)", r, r))
		if t == 1 {
			cells = append(cells, f(a.Relocation, "$B$%d", in.relocation))
		}
		w.add(cells...)
	}
	last := w.row
	sum := func(col string, pick func(y *analyzer.YearTotals) decimal.Decimal) excelize.Cell {
		total := decimal.Zero
		for i := range a.Years {
			total = total.Add(pick(&a.Years[i]))
		}
		c := f(total, "SUM(%s%d:%s%d)", col, first, col, last)
		c.StyleID = st.moneyBold
		return c
	}
	totalRow := w.add(excelize.Cell{StyleID: st.label, Value: fmt.Sprintf("Total (%d years)", h)},
		sum("B", func(y *analyzer.YearTotals) decimal.Decimal { return y.Base }),
		sum("C", func(y *analyzer.YearTotals) decimal.Decimal { return y.SignOn }),
		sum("D", func(y *analyzer.YearTotals) decimal.Decimal { return y.RSU }),
		sum("E", func(y *analyzer.YearTotals) decimal.Decimal { return y.Refresh }),
		sum("F", func(y *analyzer.YearTotals) decimal.Decimal { return y.Bonus }),
		func() excelize.Cell { c := f(a.Total, "SUM(G%d:G%d)", first, last); c.StyleID = st.moneyBold; return c }())
	w.add(excelize.Cell{StyleID: st.label, Value: "Average per year"}, nil, nil, nil, nil, nil,
		f(a.Average, "G%d/%d", totalRow, h))
	if h >= 2 {
		w.add(excelize.Cell{StyleID: st.label, Value: "Two-year average"}, nil, nil, nil, nil, nil,
			f(a.TwoYearAverage, "(G%d+G%d)/2", first, first+1))
	} else {
		w.add(excelize.Cell{StyleID: st.label, Value: "Two-year average"}, nil, nil, nil, nil, nil,
			f(a.TwoYearAverage, "G%d", first))
	}
	w.add(excelize.Cell{StyleID: st.note, Value: "Formulas over the inputs above: edit an input and Excel recomputes. " +
		"Relocation is one-time cash beside year 1, outside every total."})
	w.skip()
	return yearRows{header: hdr, first: first, last: last}
}

// calendarTable writes the calendar-year split when the offer has a start date.
func (wb *workbook) calendarTable(w *rowWriter, a *analyzer.Analysis) {
	if len(a.Calendar) == 0 {
		return
	}
	st := wb.st
	wb.section(w, "Calendar years")
	w.add(wb.headerCells([]string{"Calendar year", "Base", "Sign-on", "RSU", "Refresh", "Bonus", "Total"}, 1)...)
	m := func(d decimal.Decimal) any { return excelize.Cell{StyleID: st.money, Value: money(d)} }
	var total analyzer.YearTotals
	for _, c := range a.Calendar {
		w.add(excelize.Cell{StyleID: st.integer, Value: c.Year}, m(c.Base), m(c.SignOn), m(c.RSU), m(c.Refresh), m(c.Bonus), m(c.Total))
		total.Base, total.SignOn, total.RSU = total.Base.Add(c.Base), total.SignOn.Add(c.SignOn), total.RSU.Add(c.RSU)
		total.Refresh, total.Bonus, total.Total = total.Refresh.Add(c.Refresh), total.Bonus.Add(c.Bonus), total.Total.Add(c.Total)
	}
	b := func(d decimal.Decimal) any { return excelize.Cell{StyleID: st.moneyBold, Value: money(d)} }
	w.add(excelize.Cell{StyleID: st.label, Value: "Total"}, b(total.Base), b(total.SignOn), b(total.RSU),
		b(total.Refresh), b(total.Bonus), b(total.Total))
	w.add(excelize.Cell{StyleID: st.note, Value: "Base and bonus pro rata by day; sign-on on the start date and first anniversary; vests on their vest dates."})
	w.skip()
}

// scenarioTable writes the H-year total at each scenario growth rate.
func (wb *workbook) scenarioTable(w *rowWriter, a *analyzer.Analysis) {
	if len(a.Scenarios) == 0 {
		return
	}
	st := wb.st
	wb.section(w, "Stock-growth scenarios")
	w.add(wb.headerCells([]string{"Stock growth per year", fmt.Sprintf("Total (%d years)", len(a.Years))}, 1)...)
	for _, s := range a.Scenarios {
		w.add(excelize.Cell{StyleID: st.percent, Value: fraction(s.Growth)}, excelize.Cell{StyleID: st.money, Value: money(s.Total)})
	}
	w.skip()
}

// flagTable lists the offer's flags: code, severity and message. It
// returns a note (cell, text) for each flag's code cell with its one-line
// message.
func (wb *workbook) flagTable(w *rowWriter, a *analyzer.Analysis) [][2]string {
	st := wb.st
	wb.section(w, "Flags")
	if len(a.Flags) == 0 {
		w.add(excelize.Cell{StyleID: st.note, Value: "No flags."})
		return nil
	}
	w.add(wb.headerCells([]string{"Code", "Severity", "Message"}, -1)...)
	notes := make([][2]string, 0, len(a.Flags))
	for _, fl := range a.Flags {
		r := w.add(string(fl.Code), string(fl.Severity), textCell(fl.Message))
		notes = append(notes, [2]string{cellRef(1, r), fmt.Sprintf("%s (%s): %s", fl.Code, fl.Severity, fl.Message)})
	}
	return notes
}
