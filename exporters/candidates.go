package exporters

import (
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// maxCandidateOffers caps the offers shown side by side for one candidate
// (one column each); the rest are counted in a note.
const maxCandidateOffers = 100

// offerLabel names an offer in a column header or a winner cell:
// "A-01 Amazon", or whichever of id and company it has.
func offerLabel(i int, o *analyzer.Offer) string {
	if s := offerSheetName(o.ID, "", o.Company); s != "" {
		return s
	}
	return fmt.Sprintf("Offer %d", i+1)
}

// writeCandidates writes the Candidates sheet (SPEC §5–6): for each
// candidate with a name, their offers side by side, one column per offer:
// company, level and location; each year's total, the H-year total, the
// average, the headline percentile and the gap to the comparator; and in
// the last column the offer that wins each year and the whole horizon.
// Offers without a candidate are not listed. The sheet stops, with a note,
// before Excel's row limit.
func (wb *workbook) writeCandidates() error {
	run, st := wb.run, wb.st
	sw, err := wb.f.NewStreamWriter(sheetCandidates)
	if err != nil {
		return err
	}
	if err := printSetup(wb.f, sheetCandidates); err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 26); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, maxCandidateOffers+2, 18); err != nil {
		return err
	}
	w := &rowWriter{sw: sw}
	w.add(excelize.Cell{StyleID: st.title, Value: "Candidates: offers side by side"})
	cands := analyzer.Candidates(run.Analyses)
	if len(cands) == 0 {
		w.add(excelize.Cell{StyleID: st.note, Value: "No offer names a candidate, so there is nothing to compare side by side."})
	}
	h := run.years()
	label := func(s string) any { return excelize.Cell{StyleID: st.label, Value: s} }
	m := func(d decimal.Decimal) any { return excelize.Cell{StyleID: st.money, Value: money(d)} }
	limit := run.rowsPerSheet()
	for ci, c := range cands {
		offers := c.Offers
		if len(offers) > maxCandidateOffers {
			offers = offers[:maxCandidateOffers]
		}
		hasGap := false
		for _, i := range offers {
			hasGap = hasGap || len(run.Analyses[i].ComparatorGap) > 0
		}
		block := 11 + h + wb.afterTaxCandidateRowCount()
		if hasGap {
			block += h
		}
		if w.row+block > limit {
			w.add(excelize.Cell{StyleID: st.note, Value: fmt.Sprintf(
				"%d more candidates are not shown: the sheet would pass Excel's row limit. results.csv has every offer.", len(cands)-ci)})
			break
		}
		w.skip()
		w.add(excelize.Cell{StyleID: st.section, Value: c.Name})
		header := []any{excelize.Cell{StyleID: st.header, Value: "Offer"}}
		for _, i := range offers {
			o := run.Analyses[i].Offer
			l := offerLabel(i, o)
			cell := excelize.Cell{StyleID: st.headerRight, Value: l}
			if s := wb.offerSheets[i]; s != "" && len(l) <= maxFormulaText {
				cell.Formula = hyperlinkFormula(s, "A1", l)
			}
			header = append(header, cell)
		}
		header = append(header, excelize.Cell{StyleID: st.header, Value: "Winner"})
		w.header(header...)
		row := func(name string, get func(a *analyzer.Analysis) any, winner string) {
			cells := []any{label(name)}
			for _, i := range offers {
				cells = append(cells, get(&run.Analyses[i]))
			}
			cells = append(cells, indented(st, winner))
			w.add(cells...)
		}
		text := func(get func(o *analyzer.Offer) string) func(a *analyzer.Analysis) any {
			return func(a *analyzer.Analysis) any {
				return excelize.Cell{StyleID: st.textRight, Value: get(a.Offer)}
			}
		}
		winner := func(k int) string {
			if k < 0 || k >= len(c.Offers) {
				return ""
			}
			return offerLabel(c.Offers[k], run.Analyses[c.Offers[k]].Offer)
		}
		row("Company", text(func(o *analyzer.Offer) string { return o.Company }), "")
		row("Level", text(func(o *analyzer.Offer) string { return o.Level }), "")
		row("Location", text(func(o *analyzer.Offer) string { return o.Location }), "")
		for t := range h {
			win := ""
			if t < len(c.YearWinners) {
				win = winner(c.YearWinners[t])
			}
			row(fmt.Sprintf("Year %d total", t+1), func(a *analyzer.Analysis) any {
				if t < len(a.Years) {
					return m(a.Years[t].Total)
				}
				return nil
			}, win)
		}
		row(fmt.Sprintf("Total (%d years)", h), func(a *analyzer.Analysis) any {
			return excelize.Cell{StyleID: st.moneyTotal, Value: money(a.Total)}
		}, winner(c.TotalWinner))
		row("Average per year", func(a *analyzer.Analysis) any { return m(a.Average) }, "")
		wb.afterTaxCandidateRows(row, c, winner)
		if run.Options.Bands != nil {
			row("Headline percentile", func(a *analyzer.Analysis) any {
				if f := a.Market.HeadlineFigure(); f != nil {
					return excelize.Cell{StyleID: st.pctl, Value: f.Percentile.RoundBank(1).InexactFloat64()}
				}
				return nil
			}, "")
		}
		if hasGap {
			for t := range h {
				row(fmt.Sprintf("Gap to comparator, year %d", t+1), func(a *analyzer.Analysis) any {
					if t < len(a.ComparatorGap) {
						return m(a.ComparatorGap[t])
					}
					return nil
				}, "")
			}
		}
		if len(c.Offers) > len(offers) {
			w.add(excelize.Cell{StyleID: st.note, Value: fmt.Sprintf("%d more offers of %s are not shown; winners are over all of them.",
				len(c.Offers)-len(offers), c.Name)})
		}
	}
	if w.err != nil {
		return w.err
	}
	return sw.Flush()
}
