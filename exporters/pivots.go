package exporters

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters/ooxml"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Sheet names of the batch views.
const (
	sheetDashboard = "Dashboard"
	sheetPivots    = "Pivots"
	sheetPivotData = "Pivot data"
)

// blankLabel stands for an empty level, location or track, as a pivot
// table shows it.
const blankLabel = "(blank)"

// group is one group of offers: its key fields and the H-year totals of its
// offers as Summary holds them (rounded to cents), sorted ascending.
type group struct {
	key    []string
	totals []analyzer.Fixed // cents
	// first is the group's first row on the Pivot data sheet.
	first int
}

// batchTotals are the H-year totals (cents) of a batch's offers, which the
// groupings share: in input order while the records stream past, sorted
// once the groupings have taken theirs.
type batchTotals struct{ cents []analyzer.Fixed }

// newTotals returns room for n totals.
func newTotals(n int) *batchTotals { return &batchTotals{cents: make([]analyzer.Fixed, 0, n)} }

// add files the next offer's total.
func (t *batchTotals) add(total analyzer.Fixed) { t.cents = append(t.cents, total) }

// finish sorts the totals, after every grouping's finish.
func (t *batchTotals) finish() { slices.Sort(t.cents) }

// grouping is the offers grouped by two fields, groups in ascending order
// of their key (blank last), as a pivot table sorts its row items. The
// groups' totals are windows of one array, an offer's total in each
// grouping eight bytes, and all the batch's totals are shared.
type grouping struct {
	title  string    // "Level × location"
	fields [2]string // Summary headers: "Level", "Location"
	groups []group
	all    []analyzer.Fixed // every total in cents, sorted
	// While adding: each offer's group, the batch's totals, key → group.
	of     []int32
	totals *batchTotals
	index  map[[2]string]int32
}

// newGrouping starts a grouping over the batch's totals; add each offer's
// key (and its total to the totals), then finish before the totals.
func newGrouping(title string, fields [2]string, totals *batchTotals) *grouping {
	return &grouping{title: title, fields: fields, totals: totals, of: make([]int32, 0, cap(totals.cents)),
		index: map[[2]string]int32{}}
}

// add files the next offer under its key.
func (g *grouping) add(k [2]string) {
	j, ok := g.index[k]
	if !ok {
		j = int32(len(g.groups))
		g.index[k] = j
		g.groups = append(g.groups, group{key: []string{k[0], k[1]}})
	}
	g.of = append(g.of, j)
}

// finish gives each group its totals, sorted, and sorts the groups.
func (g *grouping) finish() *grouping {
	cents := g.totals.cents
	start := make([]int, len(g.groups)+1)
	for _, j := range g.of {
		start[j+1]++
	}
	for j := range g.groups {
		start[j+1] += start[j]
	}
	flat := make([]analyzer.Fixed, len(g.of))
	next := append([]int(nil), start[:len(g.groups)]...)
	for i, j := range g.of {
		flat[next[j]] = cents[i]
		next[j]++
	}
	for j := range g.groups {
		gr := &g.groups[j]
		gr.totals = flat[start[j]:start[j+1]:start[j+1]]
		slices.Sort(gr.totals)
	}
	g.all, g.of, g.totals, g.index = cents, nil, nil, nil
	less := func(a, b string) bool {
		if (a == "") != (b == "") {
			return b == ""
		}
		return strings.ToLower(a) < strings.ToLower(b) || (strings.EqualFold(a, b) && a < b)
	}
	sort.Slice(g.groups, func(i, j int) bool {
		a, b := g.groups[i].key, g.groups[j].key
		if a[0] != b[0] {
			return less(a[0], b[0])
		}
		return less(a[1], b[1])
	})
	return g
}

// label returns a key field as shown, "(blank)" when empty.
func label(s string) string {
	if s == "" {
		return blankLabel
	}
	return s
}

// average returns the mean of values (cents) rounded half-even to ten
// places of dollars.
func average(values []analyzer.Fixed) decimal.Decimal {
	if len(values) == 0 {
		return decimal.Zero
	}
	return sumCents(values).Shift(-analyzer.MoneyPlaces).DivRound(decimal.NewFromInt(int64(len(values))), 10)
}

// sumCents adds values exactly: in int64 while it cannot overflow.
func sumCents(values []analyzer.Fixed) decimal.Decimal {
	total := decimal.Zero
	var sum int64
	for _, f := range values {
		v := int64(f)
		if (v > 0 && sum > math.MaxInt64-v) || (v < 0 && sum < math.MinInt64-v) {
			total, sum = total.Add(decimal.NewFromInt(sum)), 0
		}
		sum += v
	}
	return total.Add(decimal.NewFromInt(sum))
}

// quartile returns PERCENTILE.INC of sorted values (cents) at p percent,
// in dollars.
func quartile(sorted []analyzer.Fixed, p int64) decimal.Decimal {
	q, err := analyzer.PercentileIncOf(len(sorted), func(i int) decimal.Decimal { return sorted[i].Decimal(analyzer.MoneyPlaces) },
		decimal.NewFromInt(p))
	if err != nil {
		return decimal.Zero
	}
	return q
}

// pivotPlan is what the Pivots sheet shows: the two groupings, whether real
// pivot tables are built, over how many Summary rows, and whether the
// static tables' formulas can refer to the hidden Pivot data sheet.
type pivotPlan struct {
	groupings  []*grouping
	pivots     bool   // real pivot tables
	pivotRows  int    // Summary data rows the pivot tables cover
	why        string // why there are no pivot tables, or what they cover
	helper     bool   // static tables are formulas over Pivot data
	tableStart []int  // each grouping's first row on Pivots
	// parts are the pivot tables' parts, as AddPivotTable named them.
	parts []ooxml.PivotParts
}

func (wb *workbook) planPivots() (*pivotPlan, error) {
	n := wb.run.count()
	st, err := wb.run.stats()
	if err != nil {
		return nil, err
	}
	groupings := []*grouping{st.byLevel, st.byTrack}
	if wb.run.Options.Bands != nil {
		// The level the market measured each offer at, beside its own.
		groupings = append(groupings, st.byBand)
	}
	p := &pivotPlan{
		groupings: groupings,
		pivotRows: min(n, wb.perPage),
		helper:    n > 0 && n < ooxml.MaxRows,
	}
	switch {
	case n == 0:
		p.why = "No offers were analysed, so there are no pivot tables."
	default:
		p.pivots = true
		if len(wb.summaryPages) > 1 {
			p.why = fmt.Sprintf("The pivot tables cover Summary's first sheet only (%s offers); the static tables cover all %s.",
				thousands(p.pivotRows), thousands(n))
		}
	}
	// Layout: a title, two note rows, then each grouping: a section row, a
	// label row, the table's header at start, its rows, a total row, and
	// room for the pivot table beside it.
	row := 5
	for _, g := range p.groupings {
		p.tableStart = append(p.tableStart, row+2)
		levels := map[string]bool{}
		for _, gr := range g.groups {
			levels[gr.key[0]] = true
		}
		pivotRows := pivotHeight(levels, g)
		row += 2 + max(pivotRows, len(g.groups)+2) + 3
	}
	return p, nil
}

// pivotHeight is the rows a grouping's pivot table takes in tabular form:
// two header rows, a row per group and per first-field subtotal, and the
// grand total.
func pivotHeight(levels map[string]bool, g *grouping) int {
	return 2 + len(levels) + len(g.groups) + 1
}

// thousands writes n with separators: "50,000".
func thousands(n int) string {
	return strings.TrimPrefix(analyzer.Dollars(decimal.NewFromInt(int64(n))), "$")
}

// addPivotTables adds the Pivots sheet's pivot tables over Summary's first
// page. It runs after Summary's header row is written in normal mode and
// before Summary's stream writer opens: the one order in which excelize
// builds a pivot table over a streamed sheet. excelize writes skeleton
// parts; finishPivots has the engine replace them once the offers are
// written.
func (wb *workbook) addPivotTables(header []string) error {
	p := wb.pivots
	if !p.pivots {
		return nil
	}
	last := cellRef(len(header), p.pivotRows+1)
	total := fmt.Sprintf("Total (%d yr)", wb.run.years())
	for i, g := range p.groupings {
		levels := map[string]bool{}
		for _, gr := range g.groups {
			levels[gr.key[0]] = true
		}
		start := p.tableStart[i]
		end := start + pivotHeight(levels, g) - 1
		parts, err := ooxml.AddPivotTable(wb.f, &excelize.PivotTableOptions{
			Name:            fmt.Sprintf("Pivot%d", i+1),
			DataRange:       wb.summaryPages[0] + "!$A$1:" + absRef(last),
			PivotTableRange: fmt.Sprintf("%s!$A$%d:$D$%d", sheetPivots, start, end),
			Rows: []excelize.PivotTableField{
				{Data: g.fields[0], DefaultSubtotal: true},
				{Data: g.fields[1]},
			},
			Data: []excelize.PivotTableField{
				{Data: total, Subtotal: "Count", Name: "Offers"},
				{Data: total, Subtotal: "Average", Name: fmt.Sprintf("Average total (%d yr)", wb.run.years()), NumFmt: 3},
			},
			RowGrandTotals:      true,
			ColGrandTotals:      true,
			ShowDrill:           true,
			ShowRowHeaders:      true,
			ShowColHeaders:      true,
			ShowLastColumn:      true,
			CompactData:         true,
			PivotTableStyleName: "PivotStyleLight16",
		})
		if err != nil {
			return fmt.Errorf("pivot table %s: %w", g.title, err)
		}
		p.parts = append(p.parts, parts)
	}
	return nil
}

// absRef makes "AG4" "$AG$4".
func absRef(ref string) string {
	col, row, err := excelize.CellNameToCoordinates(ref)
	if err != nil {
		return ref
	}
	s, _ := excelize.CoordinatesToCellName(col, row, true)
	return s
}

// openPivotData begins the hidden Pivot data sheet: per grouping, the
// H-year totals group after group (the group's label on its first row),
// which the static tables' COUNT, AVERAGE and PERCENTILE.INC formulas
// refer to.
//
// It opens the sheet's stream writer and returns the part that streams the
// rows, which touches nothing but that writer and may run beside the
// writers of other sheets (writeBatchTables).
func (wb *workbook) openPivotData() (stream func() error, err error) {
	p := wb.pivots
	if !p.helper {
		return func() error { return nil }, nil
	}
	sw, err := wb.f.NewStreamWriter(sheetPivotData)
	if err != nil {
		return nil, err
	}
	for _, g := range p.groupings {
		r := 2
		for j := range g.groups {
			g.groups[j].first = r
			r += len(g.groups[j].totals)
		}
	}
	// The header row goes to the stream writer, the data rows to the
	// engine's encoder.
	rows := wb.newSheetRows(sw, 1)
	return func() error { return wb.streamPivotData(sw, rows) }, nil
}

// streamPivotData streams the Pivot data rows openPivotData planned.
func (wb *workbook) streamPivotData(sw *excelize.StreamWriter, rows *ooxml.Rows) error {
	p := wb.pivots
	st := wb.st
	total := fmt.Sprintf("Total (%d yr)", wb.run.years())
	header := []any{}
	for i, g := range p.groupings {
		if i > 0 {
			header = append(header, nil)
		}
		header = append(header, excelize.Cell{StyleID: st.header, Value: g.title},
			excelize.Cell{StyleID: st.headerRight, Value: total})
		if err := sw.SetColWidth(3*i+1, 3*i+1, 24); err != nil {
			return err
		}
		if err := sw.SetColWidth(3*i+2, 3*i+2, 14); err != nil {
			return err
		}
	}
	w := streamRows(sw)
	w.add(header...)
	w.sink = rows
	type cursor struct{ g, k int }
	cur := make([]cursor, len(p.groupings))
	cells := make([]any, 3*len(p.groupings)-1)
	for range wb.run.count() {
		for i := range cells {
			cells[i] = nil
		}
		for i, g := range p.groupings {
			c := &cur[i]
			gr := &g.groups[c.g]
			if c.k == 0 {
				cells[3*i] = label(gr.key[0]) + " / " + label(gr.key[1])
			}
			cells[3*i+1] = excelize.Cell{StyleID: st.money, Value: gr.totals[c.k].Float(analyzer.MoneyPlaces)}
			if c.k++; c.k == len(gr.totals) {
				c.g, c.k = c.g+1, 0
			}
		}
		if w.add(cells...); w.err != nil {
			return w.err
		}
	}
	if w.err != nil {
		return w.err
	}
	return sw.Flush()
}

// writePivots writes the Pivots sheet: a note on the pivot tables, and per
// grouping (beside its pivot table) a static table of the same figures plus
// P25/P50/P75, as formulas over the hidden Pivot data sheet with their
// values cached, or as values when there is no Pivot data sheet.
func (wb *workbook) writePivots() error {
	p, st := wb.pivots, wb.st
	if err := wb.finishPivots(); err != nil {
		return err
	}
	sw, err := wb.f.NewStreamWriter(sheetPivots)
	if err != nil {
		return err
	}
	if err := printNarrow(wb.f, sheetPivots, "landscape"); err != nil {
		return err
	}
	for _, c := range []struct {
		col   int
		width float64
	}{{1, 16}, {2, 14}, {3, 10}, {4, 20}, {5, 3}, {6, 12}, {7, 14}, {8, 9}, {9, 15}, {10, 13}, {11, 13}, {12, 13}} {
		if err := sw.SetColWidth(c.col, c.col, c.width); err != nil {
			return err
		}
	}
	w := streamRows(sw)
	h := wb.run.years()
	w.add(excelize.Cell{StyleID: st.title, Value: fmt.Sprintf("Pivots: offers and average %d-year total by group", h)})
	if p.pivots {
		wb.noteRow(w, "Left: real pivot tables over Summary (Excel rebuilds them when it opens the file; refresh after editing Summary). "+
			"Right: the same figures as a static table, for readers that don't refresh pivots, with P25/P50/P75 as PERCENTILE.INC.")
	} else {
		wb.noteRow(w, "Static tables computed from the analyses, with P25/P50/P75 as PERCENTILE.INC.")
	}
	if p.why != "" {
		wb.noteRow(w, p.why)
	}
	if !p.helper && wb.run.count() > 0 {
		wb.noteRow(w, "Too many offers for the hidden Pivot data sheet: the static tables hold values computed as PERCENTILE.INC does, not formulas.")
	}
	money := func(d decimal.Decimal, formula string) any {
		c := excelize.Cell{StyleID: st.money, Value: d.RoundBank(2).InexactFloat64()}
		if p.helper {
			c.Formula = formula
		}
		return c
	}
	count := func(n int, formula string) any {
		c := excelize.Cell{StyleID: st.count, Value: n}
		if p.helper {
			c.Formula = formula
		}
		return c
	}
	for i, g := range p.groupings {
		start := p.tableStart[i]
		w.row = start - 3
		w.add(excelize.Cell{StyleID: st.section, Value: g.title})
		left := "Pivot table"
		if !p.pivots {
			left = ""
		}
		w.add(excelize.Cell{StyleID: st.note, Value: left}, nil, nil, nil, nil,
			excelize.Cell{StyleID: st.note, Value: "Same figures as a static table, for readers that don't refresh pivots"})
		w.header(append([]any{nil, nil, nil, nil, nil}, wb.headerCells([]string{g.fields[0], g.fields[1], "Offers",
			fmt.Sprintf("Average total (%d yr)", h), "P25", "P50", "P75"}, 2)...)...)
		col := 3*i + 2
		colName, _ := excelize.ColumnNumberToName(col)
		rng := func(from, to int) string {
			return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheetPivotData, colName, from, colName, to)
		}
		row := func(a, b any, vals []analyzer.Fixed, r string, style int) {
			cells := []any{nil, nil, nil, nil, nil, a, b, count(len(vals), "COUNT("+r+")"),
				money(average(vals), "AVERAGE("+r+")")}
			for _, q := range []int64{25, 50, 75} {
				cells = append(cells, money(quartile(vals, q), fmt.Sprintf("_xlfn.PERCENTILE.INC(%s,%s)", r, decimal.NewFromInt(q).Shift(-2))))
			}
			if style != 0 {
				for k := 7; k < len(cells); k++ {
					c := cells[k].(excelize.Cell)
					if k > 7 {
						c.StyleID = style
					}
					cells[k] = c
				}
			}
			w.add(cells...)
		}
		for _, gr := range g.groups {
			row(label(gr.key[0]), label(gr.key[1]), gr.totals, rng(gr.first, gr.first+len(gr.totals)-1), 0)
		}
		if len(g.all) > 0 {
			row(excelize.Cell{StyleID: st.label, Value: "All offers"}, nil, g.all, rng(2, len(g.all)+1), st.moneyTotal)
		}
	}
	if w.err != nil {
		return w.err
	}
	return sw.Flush()
}

// recordField returns the record field under a Summary header the pivot
// tables group by.
func recordField(r *analyzer.Record, header string) string {
	switch header {
	case "Level":
		return r.Level
	case "Location":
		return r.Location
	case "Track":
		return r.Track
	}
	return ""
}

// errPivotRows stops reading records past the pivot tables' rows.
var errPivotRows = errors.New("past the pivot rows")

// finishPivots replaces the skeleton parts excelize wrote for the Pivots
// sheet's pivot tables with complete ones, from the offers on Summary's
// first page: the groupings' keys and totals when that page holds every
// offer, else the first page's records read again.
func (wb *workbook) finishPivots() error {
	p := wb.pivots
	if !p.pivots {
		return nil
	}
	header, _, _ := wb.summaryHeader()
	total := slices.Index(header, fmt.Sprintf("Total (%d yr)", wb.run.years()))
	keys := make([]map[[2]string]bool, len(p.groupings))
	for i := range keys {
		keys[i] = map[[2]string]bool{}
	}
	lo, hi, integers := math.Inf(1), math.Inf(-1), true
	if p.pivotRows == wb.run.count() {
		for i, g := range p.groupings {
			for _, gr := range g.groups {
				keys[i][[2]string{gr.key[0], gr.key[1]}] = true
			}
		}
		for _, t := range p.groupings[0].all {
			v := t.Float(analyzer.MoneyPlaces)
			lo, hi = min(lo, v), max(hi, v)
			integers = integers && t%100 == 0 // whole dollars
		}
	} else {
		err := wb.run.records().EachUnplaced(func(k int, r *analyzer.Record) error {
			if k >= p.pivotRows {
				return errPivotRows
			}
			for i, g := range p.groupings {
				keys[i][[2]string{recordField(r, g.fields[0]), recordField(r, g.fields[1])}] = true
			}
			v := r.Total.Float(analyzer.MoneyPlaces)
			lo, hi = min(lo, v), max(hi, v)
			integers = integers && v == math.Trunc(v)
			return nil
		})
		if err != nil && !errors.Is(err, errPivotRows) {
			return err
		}
	}
	for i, g := range p.groupings {
		s := &ooxml.Pivot{
			Name: fmt.Sprintf("Pivot%d", i+1), Sheet: wb.summaryPages[0], Header: header, Records: p.pivotRows,
			Rows:      [2]int{slices.Index(header, g.fields[0]), slices.Index(header, g.fields[1])},
			Data:      total,
			DataNames: [2]string{"Offers", fmt.Sprintf("Average total (%d yr)", wb.run.years())},
			Min:       lo, Max: hi, Integers: integers,
			FirstRow: p.tableStart[i], FirstCol: 1,
		}
		if s.Rows[0] < 0 || s.Rows[1] < 0 || s.Data < 0 {
			return fmt.Errorf("pivot table %s: Summary has no %s, %s or total column", g.title, g.fields[0], g.fields[1])
		}
		// In a fixed order, so the spelling kept for values that differ only
		// in case is the same every run.
		set := make([][2]string, 0, len(keys[i]))
		for k := range keys[i] {
			set = append(set, k)
		}
		slices.SortFunc(set, func(a, b [2]string) int {
			if c := strings.Compare(a[0], b[0]); c != 0 {
				return c
			}
			return strings.Compare(a[1], b[1])
		})
		s.Keys = slices.Values(set)
		if err := ooxml.FinishPivot(wb.f, p.parts[i], s); err != nil {
			return fmt.Errorf("pivot table %s: %w", g.title, err)
		}
	}
	return nil
}
