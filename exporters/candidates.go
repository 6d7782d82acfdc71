package exporters

import (
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
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
	recs := run.records()
	stats, err := run.stats()
	if err != nil {
		return err
	}
	cands := stats.candidates
	var shown []analyzer.Record
	if len(cands) == 0 {
		w.add(excelize.Cell{StyleID: st.note, Value: "No offer names a candidate, so there is nothing to compare side by side."})
	}
	h := run.years()
	label := func(s string) any { return excelize.Cell{StyleID: st.label, Value: s} }
	m := func(f analyzer.Fixed) any { return fixedCell(st.money, f, analyzer.MoneyPlaces) }
	limit := run.rowsPerSheet()
	for ci, c := range cands {
		offers := c.Offers
		if len(offers) > maxCandidateOffers {
			offers = offers[:maxCandidateOffers]
		}
		shown = shown[:0]
		hasGap := false
		for _, i := range offers {
			var r analyzer.Record
			if err := recs.At(i, &r); err != nil {
				return err
			}
			shown = append(shown, r)
			hasGap = hasGap || len(r.ComparatorGap) > 0
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
		for k, i := range offers {
			l := offerLabel(i, shown[k].ID, shown[k].Company)
			cell := excelize.Cell{StyleID: st.headerRight, Value: l}
			if s := wb.sheetOf(i); s != "" && len(l) <= maxFormulaText {
				cell.Formula = hyperlinkFormula(s, "A1", l)
			}
			header = append(header, cell)
		}
		header = append(header, excelize.Cell{StyleID: st.header, Value: "Winner"})
		w.header(header...)
		row := func(name string, get func(r *analyzer.Record) any, winner string) {
			cells := []any{label(name)}
			for k := range shown {
				cells = append(cells, get(&shown[k]))
			}
			cells = append(cells, indented(st, winner))
			w.add(cells...)
		}
		text := func(get func(r *analyzer.Record) string) func(r *analyzer.Record) any {
			return func(r *analyzer.Record) any {
				return excelize.Cell{StyleID: st.textRight, Value: get(r)}
			}
		}
		winner := func(k int) string {
			if k < 0 || k >= len(c.Offers) {
				return ""
			}
			if k < len(shown) {
				return offerLabel(c.Offers[k], shown[k].ID, shown[k].Company)
			}
			var r analyzer.Record
			if recs.At(c.Offers[k], &r) != nil {
				return ""
			}
			return offerLabel(c.Offers[k], r.ID, r.Company)
		}
		row("Company", text(func(r *analyzer.Record) string { return r.Company }), "")
		row("Level", text(func(r *analyzer.Record) string { return r.Level }), "")
		row("Location", text(func(r *analyzer.Record) string { return r.Location }), "")
		for t := range h {
			win := ""
			if t < len(c.YearWinners) {
				win = winner(c.YearWinners[t])
			}
			row(fmt.Sprintf("Year %d total", t+1), func(r *analyzer.Record) any {
				if t < len(r.Years) {
					return m(r.Years[t].Total)
				}
				return nil
			}, win)
		}
		row(fmt.Sprintf("Total (%d years)", h), func(r *analyzer.Record) any {
			return fixedCell(st.moneyTotal, r.Total, analyzer.MoneyPlaces)
		}, winner(c.TotalWinner))
		row("Average per year", func(r *analyzer.Record) any { return m(r.Average) }, "")
		wb.afterTaxCandidateRows(row, ci, c, winner)
		if run.Options.Bands != nil {
			row("Headline percentile", func(r *analyzer.Record) any { return fixedCell(st.pctl, r.HeadlinePctl, 1) }, "")
		}
		if hasGap {
			for t := range h {
				row(fmt.Sprintf("Gap to comparator, year %d", t+1), func(r *analyzer.Record) any {
					if t < len(r.ComparatorGap) {
						return m(r.ComparatorGap[t])
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
