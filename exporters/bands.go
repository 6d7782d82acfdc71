package exporters

import (
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// bandRowKey identifies a band row by its key and component: of two rows
// with the same pair the later one always wins the lookup.
type bandRowKey struct {
	key       analyzer.BandKey
	component analyzer.Component
}

// percentileModel is the run's band span as a percentile model (P10–P90
// when the options leave it unset).
func (r *Run) percentileModel() analyzer.PercentileModel {
	span := r.Options.BandSpan
	if !span[0].LessThan(span[1]) {
		span = analyzer.DefaultOptions().BandSpan
	}
	return analyzer.NewPercentileModel(span[0], span[1])
}

// bandUsage counts, per band row and per premium, the offers that used it.
// The rows are looked up again from each offer's band key (the fallback
// chain included), so brief
// analyses (which keep only a few figures) count every component; the
// table caches lookups per key.
func (r *Run) bandUsage(rows []analyzer.Band) (byRow []int, byPremium map[string]int, err error) {
	index := make(map[bandRowKey]int, len(rows))
	for i, b := range rows {
		index[bandRowKey{b.Key, b.Component}] = i
	}
	byRow = make([]int, len(rows))
	stats, err := r.stats()
	if err != nil {
		return nil, nil, err
	}
	byPremium = stats.byPremium
	if r.Options.Bands == nil {
		return byRow, byPremium, nil
	}
	for key, n := range stats.byBandKey {
		k := analyzer.ParseBandKey(key)
		for _, c := range analyzer.Components {
			// A total_comp row is used only by the offers whose headline it
			// measures (a composed band is used instead when it matches
			// more specifically).
			count := n
			if c == analyzer.ComponentTotalComp {
				count = stats.byBandKeyTotalComp[key]
			}
			if b, ok := r.Options.Bands.Lookup(k, c); ok && count > 0 {
				if j, ok := index[bandRowKey{b.Key, b.Component}]; ok {
					byRow[j] += count
				}
			}
		}
	}
	return byRow, byPremium, nil
}

// premiumID identifies a premium row for counting.
func premiumID(p analyzer.Premium) string { return analyzer.PremiumKey(p) }

// writeBands writes the Bands sheet: the band source, every band row of the
// run with its P25/P50/P75 under the band span and how many offers used it,
// and below them the AI/ML premiums with the same count.
func (wb *workbook) writeBands() error {
	run, st := wb.run, wb.st
	sw, err := wb.f.NewStreamWriter(sheetBands)
	if err != nil {
		return err
	}
	if err := printWide(wb.f, sheetBands, "", ""); err != nil {
		return err
	}
	// Every band row of the run fills pages nobody reads on paper: only the
	// title, the band source and the span print; clearing the print area
	// prints the whole table.
	if err := printArea(wb.f, sheetBands, "$A$1:$H$3"); err != nil {
		return err
	}
	for i, width := range []float64{26, 18, 20, 8, 10, 13, 15, 12, 12, 12, 12, 12, 10} {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	w := streamRows(sw)
	label := func(s string) any { return excelize.Cell{StyleID: st.label, Value: s} }
	note := func(s string) any { return excelize.Cell{StyleID: st.note, Value: s} }
	w.add(excelize.Cell{StyleID: st.title, Value: "Market bands"})
	bands := run.Options.Bands
	source := run.Options.BandSource
	if source == "" {
		source = run.BandSource
	}
	if bands == nil {
		w.add(note("No market bands in this run: percentiles, levers that need a band and the counter-offer are left blank."))
		if w.err != nil {
			return w.err
		}
		return sw.Flush()
	}
	if source == "" {
		source = "(not named)"
	}
	w.add(label("Band source"), source)
	model := run.percentileModel()
	w.add(label("Band span"), fmt.Sprintf("min = %s, max = %s; P25/P50/P75 = min + (p − %s)/(%s − %s) × (max − min)",
		"P"+model.Low.String(), "P"+model.High.String(), model.Low, model.High, model.Low))
	wb.wrappedNote(w, "Each row is a pattern: blank key fields match any offer; per component the matching row with the most filled fields wins, the later row on a tie.", 6, 90)
	w.skip()
	rows := bands.Bands()
	used, byPremium, err := run.bandUsage(rows)
	if err != nil {
		return err
	}
	hdr := w.header(wb.headerCells([]string{"Source", "Company type", "Company", "Track", "Level", "Location", "Component",
		"Min", "P25", "P50", "P75", "Max", "Used by (offers)"}, 7)...)
	// The band table's header repeats on every printed page.
	if err := setPrintTitles(wb.f, sheetBands, "", fmt.Sprintf("$%d:$%d", hdr, hdr)); err != nil {
		return err
	}
	m := func(d decimal.Decimal) any { return excelize.Cell{StyleID: st.money, Value: money(d)} }
	p25, p50, p75 := decimal.NewFromInt(25), decimal.NewFromInt(50), decimal.NewFromInt(75)
	limit := run.rowsPerSheet()
	for i, b := range rows {
		if w.row+3 >= limit {
			w.add(note(fmt.Sprintf("%d more %s not shown (Excel's row limit).", len(rows)-i, plural(len(rows)-i, "band row is", "band rows are"))))
			break
		}
		w.add(textCell(b.Source), textCell(b.Key.CompanyType), textCell(b.Key.Company), textCell(b.Key.Track),
			textCell(b.Key.Level), textCell(b.Key.Location), string(b.Component),
			m(b.Min), m(model.Point(p25, b.Min, b.Max)), m(model.Point(p50, b.Min, b.Max)), m(model.Point(p75, b.Min, b.Max)),
			m(b.Max), excelize.Cell{StyleID: st.count, Value: used[i]})
	}
	w.skip()
	w.add(excelize.Cell{StyleID: st.section, Value: "AI/ML premiums"})
	premiums := run.Options.Premiums
	if len(premiums) == 0 {
		w.add(note("No AI/ML premiums in this run."))
	} else {
		wb.wrappedNote(w, "With a specialization, every band except base is scaled to [min × (1 + min %), max × (1 + max %)]; the specialization's own row beats the location premium, which beats the company-type premium.", 6, 90)
		w.header(wb.headerCells([]string{"Source", "Kind", "Category", "Level", "Location", "Min %", "Max %", "Used by (offers)"}, 5)...)
		for i, p := range premiums {
			if w.row+1 >= limit {
				w.add(note(fmt.Sprintf("%d more %s not shown (Excel's row limit).", len(premiums)-i, plural(len(premiums)-i, "premium is", "premiums are"))))
				break
			}
			w.add(textCell(p.Source), string(p.Kind), textCell(p.Category), textCell(p.Level), textCell(p.Location),
				p.MinPct.InexactFloat64(), p.MaxPct.InexactFloat64(),
				excelize.Cell{StyleID: st.count, Value: byPremium[premiumID(p)]})
		}
	}
	if w.err != nil {
		return w.err
	}
	return sw.Flush()
}
