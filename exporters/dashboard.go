package exporters

import (
	"fmt"
	"sort"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/xuri/excelize/v2"
)

// Dashboard limits: the offers in the by-offer chart and the groups in the
// by-group chart.
const (
	dashboardOffers = 50
	dashboardGroups = 50
)

// dashboardChart is a chart and the table rows it reads.
type dashboardChart struct {
	anchor                  string
	typ                     excelize.ChartType
	title, catRange, valRng string
	name                    string
	height                  uint
	numFmt                  string
}

// writeDashboard writes the Dashboard sheet: three small static tables
// computed from the analyses (money as numbers) with a chart beside each,
// reading that table: the headline figure (H-year average) of the first
// offers, the average H-year total by level × location, and how the
// headline percentiles spread over ten-point buckets.
func (wb *workbook) writeDashboard() error {
	st, run := wb.st, wb.run
	h := run.years()
	w := keptRows()
	q := "'" + sheetDashboard + "'!"
	var charts []dashboardChart
	rowsFor := func(height uint) int { return int(height)/20 + 2 }

	w.add(excelize.Cell{StyleID: st.title, Value: "Dashboard: the batch at a glance"})
	wb.noteRow(w, "Tables computed from the analyses; each chart reads the table beside it. Summary has every offer.")
	w.skip()

	// Headline figure by offer.
	recs := run.records()
	n := min(recs.Len(), dashboardOffers)
	title := fmt.Sprintf("Headline figure by offer: average per year over %d years", h)
	if recs.Len() > n {
		title += fmt.Sprintf(" (first %d of %s offers)", n, thousands(recs.Len()))
	}
	top := w.add(excelize.Cell{StyleID: st.section, Value: title})
	w.header(wb.headerCells([]string{"Offer", "Average / yr", "Headline pctl"}, 1)...)
	var rec analyzer.Record
	for i := range n {
		if err := recs.AtUnplaced(i, &rec); err != nil {
			return err
		}
		w.add(offerLabel(i, rec.ID, rec.Company), wb.moneyCell(rec.Average), fixedCell(st.pctl, rec.HeadlinePctl, 1))
	}
	if n == 0 {
		wb.noteRow(w, "No offers were analysed.")
	} else {
		height := uint(max(300, 60+18*n))
		charts = append(charts, dashboardChart{anchor: cellRef(5, top+1), typ: excelize.Bar,
			title: fmt.Sprintf("Average per year by offer, US$ (average of years 1–%d)", h), name: fmt.Sprintf("%s$B$%d", q, top+1),
			catRange: fmt.Sprintf("%s$A$%d:$A$%d", q, top+2, top+1+n), valRng: fmt.Sprintf("%s$B$%d:$B$%d", q, top+2, top+1+n),
			height: height, numFmt: fmtThousands})
		w.row = max(w.row, top+rowsFor(height))
	}
	w.skip()

	// Average H-year total by level × location.
	g := wb.pivots.groupings[0]
	groups := append([]group(nil), g.groups...)
	if len(groups) > dashboardGroups {
		sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].totals) > len(groups[j].totals) })
		groups = groups[:dashboardGroups]
		order := map[string]int{}
		for i, gr := range g.groups {
			order[strings.Join(gr.key, "\x00")] = i
		}
		sort.Slice(groups, func(i, j int) bool {
			return order[strings.Join(groups[i].key, "\x00")] < order[strings.Join(groups[j].key, "\x00")]
		})
	}
	title = fmt.Sprintf("Average %d-year total by level × location", h)
	if len(g.groups) > len(groups) {
		title += fmt.Sprintf(" (the %d groups with most offers of %d; Pivots has all)", len(groups), len(g.groups))
	}
	top = w.add(excelize.Cell{StyleID: st.section, Value: title})
	w.header(wb.headerCells([]string{"Level / location", "Offers", fmt.Sprintf("Average total (%d yr)", h)}, 1)...)
	for _, gr := range groups {
		w.add(label(gr.key[0])+" / "+label(gr.key[1]), excelize.Cell{StyleID: st.count, Value: len(gr.totals)},
			wb.moneyOf(average(gr.totals)))
	}
	if len(groups) > 0 {
		// Horizontal bars: the "L6 / Seattle" labels read whole, however
		// many groups there are (upright columns wrap them mid-word).
		height := uint(max(300, 60+18*len(groups)))
		charts = append(charts, dashboardChart{anchor: cellRef(5, top+1), typ: excelize.Bar,
			title: fmt.Sprintf("Average %d-year total by level × location, US$ (sum of years 1–%d)", h, h), name: fmt.Sprintf("%s$C$%d", q, top+1),
			catRange: fmt.Sprintf("%s$A$%d:$A$%d", q, top+2, top+1+len(groups)),
			valRng:   fmt.Sprintf("%s$C$%d:$C$%d", q, top+2, top+1+len(groups)), height: height, numFmt: fmtThousands})
		w.row = max(w.row, top+rowsFor(height))
	}
	w.skip()

	// Headline percentile distribution.
	stats, err := run.stats()
	if err != nil {
		return err
	}
	buckets, none := stats.buckets, stats.noHeadline
	w.add(excelize.Cell{StyleID: st.section, Value: "Headline percentiles: offers per 10-point bucket"})
	if none == recs.Len() {
		wb.noteRow(w, "No offer has a headline percentile (no market band matched, or the run had no bands).")
	} else {
		top = w.header(wb.headerCells([]string{"Headline pctl", "Offers"}, 1)...)
		for b, c := range buckets {
			w.add(fmt.Sprintf("P%d–%d", 10*b, 10*b+10), excelize.Cell{StyleID: st.count, Value: c})
		}
		wb.noteRow(w, "A bucket counts lower ≤ percentile < upper.")
		wb.noteRow(w, fmt.Sprintf("%s %s no headline percentile (no band).", thousands(none), plural(none, "offer has", "offers have")))
		charts = append(charts, dashboardChart{anchor: cellRef(5, top), typ: excelize.Col,
			title: "Offers by headline percentile (number of offers)", name: fmt.Sprintf("%s$B$%d", q, top),
			catRange: fmt.Sprintf("%s$A$%d:$A$%d", q, top+1, top+10), valRng: fmt.Sprintf("%s$B$%d:$B$%d", q, top+1, top+10),
			height: 300, numFmt: "#,##0"})
	}

	sw, err := wb.f.NewStreamWriter(sheetDashboard)
	if err != nil {
		return err
	}
	if err := printNarrow(wb.f, sheetDashboard, "landscape"); err != nil {
		return err
	}
	for c, width := range []float64{30, 14, 14, 3} {
		if err := sw.SetColWidth(c+1, c+1, width); err != nil {
			return err
		}
	}
	for _, c := range charts {
		if err := wb.f.AddChart(sheetDashboard, c.anchor, c.chart()); err != nil {
			return err
		}
	}
	if err := w.replay(sw); err != nil {
		return err
	}
	return sw.Flush()
}

// chart is the one-series chart of a dashboard table.
func (c dashboardChart) chart() *excelize.Chart {
	ch := &excelize.Chart{
		Type: c.typ,
		Series: []excelize.ChartSeries{{Name: c.name, Categories: c.catRange, Values: c.valRng,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"4472C4"}}}},
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.title}}},
		Legend:     excelize.ChartLegend{Position: "none"},
		Dimension:  excelize.ChartDimension{Width: 620, Height: c.height},
		VaryColors: ptr(false),
		GapWidth:   ptr(uint(50)),
		XAxis:      excelize.ChartAxis{Font: axisFont},
		YAxis:      valueAxis(c.numFmt),
		Format:     excelize.GraphicOptions{PrintObject: ptr(true), Positioning: "oneCell", AltText: c.title},
	}
	if c.typ == excelize.Bar {
		// First row of the table at the top.
		ch.XAxis.ReverseOrder = true
	}
	return ch
}
