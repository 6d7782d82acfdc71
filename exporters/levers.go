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

// writeLevers streams the Levers sheet (SPEC §6): one row per offer with
// its headline percentile, each lever's Δ H-year total at the high ask
// (blank when the lever is unavailable), the best lever and the
// counter-offer package.
func (wb *workbook) writeLevers() error {
	names := []string{"ID", "Candidate", "Level", "Headline pctl"}
	widths := []float64{16, 20, 7, 10}
	for _, l := range leverNames {
		names = append(names, leverTitle(l)+" Δ")
		widths = append(widths, 13) // "Start date Δ" clear of its neighbour
	}
	names = append(names, "Best lever", "Counter base", "Counter RSU", "Counter sign-on Y1", "Counter sign-on Y2",
		"Counter Δ", "Counter approval", "Counter status")
	widths = append(widths, 11, 13, 13, 13, 13, 12, 18, 30)
	t := &pagedTable{wb: wb, pages: wb.leverPages, header: wb.headerCells(names, -1), widths: widths,
		rows: len(wb.run.Analyses), filter: true, titleCols: "$A:$B"}
	t.before = func(page int) error {
		rows := min(len(wb.run.Analyses)-page*wb.perPage, wb.perPage)
		return wb.percentileScale(wb.leverPages[page], 4, rows)
	}
	st := wb.st
	cells := make([]any, 0, len(names))
	for i := range wb.run.Analyses {
		a := &wb.run.Analyses[i]
		o := a.Offer
		if o == nil {
			o = &analyzer.Offer{}
		}
		cells = cells[:0]
		cells = append(cells, wb.idCell(i, o), textCell(o.Candidate), textCell(o.Level))
		if f := a.Market.HeadlineFigure(); f != nil {
			cells = append(cells, excelize.Cell{StyleID: st.pctl, Value: f.Percentile.RoundBank(1).InexactFloat64()})
		} else {
			cells = append(cells, nil)
		}
		for _, name := range leverNames {
			if l := a.LeverTotal(name); l != nil && l.Available {
				cells = append(cells, excelize.Cell{StyleID: st.money, Value: money(l.DeltaTotal)})
			} else {
				cells = append(cells, nil)
			}
		}
		if l := a.BestLever(); l != nil {
			cells = append(cells, excelize.Cell{StyleID: st.textIndent, Value: leverTitle(l.Lever)})
		} else {
			cells = append(cells, nil)
		}
		if c := counterOf(a); c != nil {
			cells = append(cells,
				excelize.Cell{StyleID: st.money, Value: money(c.Base)},
				excelize.Cell{StyleID: st.money, Value: money(c.Grant)},
				excelize.Cell{StyleID: st.money, Value: money(c.SignOnY1)},
				excelize.Cell{StyleID: st.money, Value: money(c.SignOnY2)},
				excelize.Cell{StyleID: st.money, Value: money(c.DeltaTotal)},
				indented(st, c.Tier), indented(st, c.Status))
		} else {
			status := ""
			if a.Counter != nil {
				status = a.Counter.Status
			}
			cells = append(cells, nil, nil, nil, nil, nil, nil, indented(st, status))
		}
		if err := t.add(cells); err != nil {
			return err
		}
	}
	return t.finish("No offers were analysed.")
}
