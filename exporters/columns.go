package exporters

import (
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// valueKind says how a result value is written: left blank, as text, or as
// a number.
type valueKind uint8

const (
	kindBlank valueKind = iota
	kindText
	kindNumber
	// kindList is a list of named figures: its text in CSV ("912000.00 at
	// -20%; 1140000.00 at 0%", the amount first so the cell never starts
	// with a sign), the JSON object in json ({"-20%": 912000.00, …}).
	kindList
	// kindFixed is a number kept as a Fixed with its places, written as its
	// plain decimal text ("270000.00") straight into the output.
	kindFixed
)

// value is one result field: a number is its plain decimal text
// ("270000.00"), ready for CSV and JSON alike, or a Fixed written as that
// text.
type value struct {
	kind   valueKind
	s      string
	json   string // kindList only
	fixed  analyzer.Fixed
	places int32 // kindFixed only
}

// appendNumber appends a number value's text.
func (v value) appendNumber(buf []byte) []byte {
	if v.kind == kindFixed {
		return v.fixed.AppendText(buf, v.places)
	}
	return append(buf, v.s...)
}

var blank = value{}

func text(s string) value {
	if s == "" {
		return blank
	}
	return value{kind: kindText, s: s}
}

// fixedText formats a figure with places decimals; blank stays blank.
func fixedText(f analyzer.Fixed, places int32) value {
	if f == analyzer.Blank {
		return blank
	}
	return value{kind: kindFixed, fixed: f, places: places}
}

// moneyValue formats cents with two places.
func moneyValue(f analyzer.Fixed) value { return fixedText(f, analyzer.MoneyPlaces) }

// resultColumn is one column of results.csv and key of results.json.
type resultColumn struct {
	name string
	get  func(r *analyzer.Record) value
}

// leverNames are the levers (see "The levers and who approves them" in
// docs/METHOD.md) in results.csv order; each has a lever_<name>_delta_total
// column.
var leverNames = analyzer.LeverNames

// pctl reads a percentile (tenths) of a record.
func pctl(get func(r *analyzer.Record) analyzer.Fixed) func(r *analyzer.Record) value {
	return func(r *analyzer.Record) value { return fixedText(get(r), analyzer.PercentilePlaces) }
}

// cents reads an amount of a record.
func cents(get func(r *analyzer.Record) analyzer.Fixed) func(r *analyzer.Record) value {
	return func(r *analyzer.Record) value { return moneyValue(get(r)) }
}

// leverDelta is lever k's Δ H-year total at its high ask, blank when the
// lever was not run or is unavailable for the offer.
func leverDelta(k int) func(r *analyzer.Record) value {
	return func(r *analyzer.Record) value {
		if k >= len(r.LeverDeltas) {
			return blank
		}
		return moneyValue(r.LeverDeltas[k])
	}
}

// counterValue reads a counter-offer figure, blank when none applies.
func counterValue(get func(r *analyzer.Record) value) func(r *analyzer.Record) value {
	return func(r *analyzer.Record) value {
		if !r.HasCounter {
			return blank
		}
		return get(r)
	}
}

// str reads a text of a record.
func str(get func(r *analyzer.Record) string) func(r *analyzer.Record) value {
	return func(r *analyzer.Record) value { return text(get(r)) }
}

// moneyList is a list of amounts named by labels, in order; blank when
// there are none.
func moneyList(labels []string, amounts []analyzer.Fixed) value {
	if len(amounts) == 0 {
		return blank
	}
	var csv, js []byte
	js = append(js, '{')
	var buf [24]byte
	for i, a := range amounts {
		label := ""
		if i < len(labels) {
			label = labels[i]
		}
		n := a.AppendText(buf[:0], analyzer.MoneyPlaces)
		if i > 0 {
			csv = append(csv, "; "...)
			js = append(js, ", "...)
		}
		csv = append(append(append(csv, n...), " at "...), label...)
		js = append(append(appendJSONString(js, label), ": "...), n...)
	}
	return value{kind: kindList, s: string(csv), json: string(append(js, '}'))}
}

// resultColumns returns the results columns for a horizon of h years, in
// order, with the scenario growth rates of the run (they name the figures
// of scenario_totals). It is the single source of both results.csv and
// results.json.
func resultColumns(h int, scenarios []decimal.Decimal) []resultColumn {
	str := func(get func(r *analyzer.Record) string) func(r *analyzer.Record) value {
		return func(r *analyzer.Record) value { return text(get(r)) }
	}
	cols := []resultColumn{
		{"id", str(func(r *analyzer.Record) string { return r.ID })},
		{"candidate", str(func(r *analyzer.Record) string { return r.Candidate })},
		{"company", str(func(r *analyzer.Record) string { return r.Company })},
		{"track", str(func(r *analyzer.Record) string { return r.Track })},
		{"level", str(func(r *analyzer.Record) string { return r.Level })},
		{"location", str(func(r *analyzer.Record) string { return r.Location })},
		{"base", cents(func(r *analyzer.Record) analyzer.Fixed { return r.Base })},
		{"sign_on_y1", cents(func(r *analyzer.Record) analyzer.Fixed { return r.SignOnY1 })},
		{"sign_on_y2", cents(func(r *analyzer.Record) analyzer.Fixed { return r.SignOnY2 })},
		{"rsu_grant", cents(func(r *analyzer.Record) analyzer.Fixed { return r.Grant })},
		{"vesting", str(func(r *analyzer.Record) string { return r.Vesting })},
	}
	for t := 1; t <= h; t++ {
		i := t - 1
		year := func(f func(y *analyzer.YearCents) analyzer.Fixed) func(r *analyzer.Record) value {
			return func(r *analyzer.Record) value {
				if i >= len(r.Years) {
					return blank
				}
				return moneyValue(f(&r.Years[i]))
			}
		}
		p := fmt.Sprintf("y%d_", t)
		cols = append(cols,
			resultColumn{p + "base", year(func(y *analyzer.YearCents) analyzer.Fixed { return y.Base })},
			resultColumn{p + "sign_on", year(func(y *analyzer.YearCents) analyzer.Fixed { return y.SignOn })},
			resultColumn{p + "rsu", year(func(y *analyzer.YearCents) analyzer.Fixed { return y.RSU })},
			resultColumn{p + "refresh", year(func(y *analyzer.YearCents) analyzer.Fixed { return y.Refresh })},
			resultColumn{p + "bonus", year(func(y *analyzer.YearCents) analyzer.Fixed { return y.Bonus })},
			resultColumn{p + "total", year(func(y *analyzer.YearCents) analyzer.Fixed { return y.Total })},
		)
	}
	cols = append(cols,
		resultColumn{"total", cents(func(r *analyzer.Record) analyzer.Fixed { return r.Total })},
		resultColumn{"average", cents(func(r *analyzer.Record) analyzer.Fixed { return r.Average })},
		resultColumn{"two_year_average", cents(func(r *analyzer.Record) analyzer.Fixed { return r.TwoYearAverage })},
		// Market position (see "Percentiles and penetration" in
		// docs/METHOD.md): percentiles and penetration with one place, the
		// compa-ratio with two; blank without a band.
		resultColumn{"headline_percentile", pctl(func(r *analyzer.Record) analyzer.Fixed { return r.HeadlinePctl })},
		resultColumn{"base_percentile", pctl(func(r *analyzer.Record) analyzer.Fixed { return r.BasePctl })},
		resultColumn{"rsu_percentile", pctl(func(r *analyzer.Record) analyzer.Fixed { return r.RSUPctl })},
		resultColumn{"compa_ratio", func(r *analyzer.Record) value { return fixedText(r.CompaRatio, 2) }},
		resultColumn{"range_penetration", pctl(func(r *analyzer.Record) analyzer.Fixed { return r.Penetration })},
		resultColumn{"peer_percentile", pctl(func(r *analyzer.Record) analyzer.Fixed { return r.PeerPctl })},
		resultColumn{"flags", str(func(r *analyzer.Record) string { return r.FlagCodes })},
	)
	// Levers at their high ask and the counter-offer (see "The levers and who
	// approves them" and "The counter-offer" in docs/METHOD.md).
	for k, l := range leverNames {
		cols = append(cols, resultColumn{"lever_" + string(l) + "_delta_total", leverDelta(k)})
	}
	cols = append(cols,
		resultColumn{"counter_base", counterValue(cents(func(r *analyzer.Record) analyzer.Fixed { return r.CounterBase }))},
		resultColumn{"counter_rsu", counterValue(cents(func(r *analyzer.Record) analyzer.Fixed { return r.CounterGrant }))},
		resultColumn{"counter_sign_on_y1", counterValue(cents(func(r *analyzer.Record) analyzer.Fixed { return r.CounterSignOnY1 }))},
		resultColumn{"counter_sign_on_y2", counterValue(cents(func(r *analyzer.Record) analyzer.Fixed { return r.CounterSignOnY2 }))},
		resultColumn{"counter_delta_total", counterValue(cents(func(r *analyzer.Record) analyzer.Fixed { return r.CounterDelta }))},
		resultColumn{"counter_approval", counterValue(str(func(r *analyzer.Record) string { return r.CounterTier }))},
		resultColumn{"counter_percentile", counterValue(pctl(func(r *analyzer.Record) analyzer.Fixed { return r.CounterPctl }))},
		resultColumn{"counter_status", counterValue(str(func(r *analyzer.Record) string { return r.CounterStatus }))},
		// How the bands were found (the fallback chain of "Bands and the
		// headline" in docs/METHOD.md); blank when the run had no bands.
		resultColumn{"band_match", str(func(r *analyzer.Record) string { return r.BandMatch })},
		resultColumn{"band_level", str(func(r *analyzer.Record) string { return r.BandLevel })},
		// How far the headline band speaks for the offer: high, medium or low
		// (see "Company differentials and band confidence" in
		// docs/METHOD.md); blank without a band.
		resultColumn{"band_confidence", str(func(r *analyzer.Record) string { return r.BandConfidence })},
	)
	cols = append(cols, afterTaxColumns(h)...)
	cols = append(cols, adviceColumns()...)
	cols = append(cols, startupColumns(h)...)
	// What the offer sheet shows besides: the H-year total at each
	// scenario growth rate, and the comparator gap summed over the years.
	rates := make([]string, len(scenarios))
	for i, g := range scenarios {
		rates[i] = percentLabel(g)
	}
	cols = append(cols,
		resultColumn{"scenario_totals", func(r *analyzer.Record) value { return moneyList(rates, r.Scenarios) }},
		resultColumn{"comparator_gap_total", comparatorGapTotal},
	)
	return cols
}

// comparatorGapTotal is the gap to the competing offer summed over the
// offer years (the Total of the offer sheet's "Gap to comparator" row),
// blank without a competing total comp.
func comparatorGapTotal(r *analyzer.Record) value { return moneyValue(r.ComparatorGapTotal) }

// ResultColumns returns the column names of results.csv (and the keys of
// each results.json object) for a horizon of years, in order.
func ResultColumns(years int) []string {
	cols := resultColumns(years, nil)
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return names
}
