package exporters

import (
	"github.com/offerbook/offerbook/analyzer"
	"github.com/xuri/excelize/v2"
)

// leverTitles are the levers' names in headers and tables.
var leverTitles = map[analyzer.LeverName]string{
	analyzer.LeverRSU:       "RSU",
	analyzer.LeverSignOn:    "Sign-on",
	analyzer.LeverBase:      "Base",
	analyzer.LeverLevel:     "Level",
	analyzer.LeverStartDate: "Start date",
	analyzer.LeverRemote:    "Remote",
	analyzer.LeverPerfBonus: "Perf bonus",
}

// leverTitle returns a lever's display name.
func leverTitle(l analyzer.LeverName) string {
	if t, ok := leverTitles[l]; ok {
		return t
	}
	return string(l)
}

// indented is a text cell indented from a number on its left, or no cell
// for an empty string.
func indented(st *styles, s string) any {
	if s == "" {
		return nil
	}
	return excelize.Cell{StyleID: st.textIndent, Value: s}
}

// openLevers begins the Levers sheet (see "Sheets" in docs/METHOD.md): one
// row per offer with its headline percentile, each lever's Δ H-year total at
// the high ask (blank when the lever is unavailable), the best lever and the
// counter-offer package.
//
// It opens every page and returns the part that streams the rows, which
// writes to those pages' own writers only (writeBatchTables).
func (wb *workbook) openLevers() (stream func() error, err error) {
	names := []string{"ID", "Candidate", "Level", "Headline pctl"}
	widths := []float64{16, 20, 7, 10}
	for _, l := range leverNames {
		names = append(names, leverTitle(l)+" Δ")
		widths = append(widths, 13) // "Start date Δ" clear of its neighbour
	}
	names = append(names, "Best lever", "Counter base", "Counter RSU", "Counter sign-on Y1", "Counter sign-on Y2",
		"Counter Δ", "Counter approval", "Counter pctl", "Counter status")
	widths = append(widths, 11, 13, 13, 13, 13, 12, 18, 10, 30)
	recs := wb.run.records()
	t := &pagedTable{wb: wb, pages: wb.leverPages, header: wb.headerCells(names, -1), widths: widths,
		rows: recs.Len(), filter: true, titleCols: "$A:$B",
		printCols: 4 + len(leverNames) + 1} // the offer, each lever's Δ and the best lever
	t.before = func(page int) error {
		rows := min(recs.Len()-page*wb.perPage, wb.perPage)
		return wb.percentileScale(wb.leverPages[page], 4, rows)
	}
	if err := t.open(); err != nil {
		return nil, err
	}
	return func() error { return wb.streamLevers(t, len(names)) }, nil
}

// streamLevers streams the Levers rows openLevers opened the pages for.
func (wb *workbook) streamLevers(t *pagedTable, columns int) error {
	st, recs := wb.st, wb.run.records()
	cells := make([]any, 0, columns)
	err := recs.EachUnplaced(func(i int, r *analyzer.Record) error {
		cells = cells[:0]
		cells = append(cells, wb.idCell(i, r.ID), textCell(r.Candidate), textCell(r.Level), fixedCell(st.pctl, r.HeadlinePctl, 1))
		for k := range leverNames {
			if k < len(r.LeverDeltas) {
				cells = append(cells, wb.moneyCell(r.LeverDeltas[k]))
			} else {
				cells = append(cells, nil)
			}
		}
		if r.BestLever != "" {
			cells = append(cells, excelize.Cell{StyleID: st.textIndent, Value: leverTitle(analyzer.LeverName(r.BestLever))})
		} else {
			cells = append(cells, nil)
		}
		if r.HasCounter {
			cells = append(cells, wb.moneyCell(r.CounterBase), wb.moneyCell(r.CounterGrant), wb.moneyCell(r.CounterSignOnY1),
				wb.moneyCell(r.CounterSignOnY2), wb.moneyCell(r.CounterDelta),
				indented(st, r.CounterTier), fixedCell(st.pctl, r.CounterPctl, 1), indented(st, r.CounterStatus))
		} else {
			cells = append(cells, nil, nil, nil, nil, nil, nil, nil, indented(st, r.CounterStatus))
		}
		return t.add(cells)
	})
	if err != nil {
		return err
	}
	return t.finish("No offers were analysed.")
}
