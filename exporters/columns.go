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
)

// value is one result field, already formatted: a number is its plain
// decimal text ("270000.00"), ready for CSV and JSON alike.
type value struct {
	kind valueKind
	s    string
}

var blank = value{}

func text(s string) value {
	if s == "" {
		return blank
	}
	return value{kindText, s}
}

// moneyValue formats an amount with two places, rounded half-even.
func moneyValue(d decimal.Decimal) value {
	return value{kindNumber, d.RoundBank(2).StringFixed(2)}
}

// percentileValue formats a percentile (or other percent figure) with one
// place, rounded half-even; an invalid value is blank.
func percentileValue(d decimal.NullDecimal) value {
	if !d.Valid {
		return blank
	}
	return value{kindNumber, d.Decimal.RoundBank(1).StringFixed(1)}
}

// resultColumn is one column of results.csv and key of results.json.
type resultColumn struct {
	name string
	get  func(a *analyzer.Analysis) value
}

// leverNames are the levers of SPEC §5 in results.csv order; each has a
// lever_<name>_delta_total column.
var leverNames = []string{"rsu", "sign_on", "base", "level", "start_date", "remote", "perf_bonus"}

// notYet is the getter of a column whose figure the analyzer does not
// compute yet (percentiles, levers, counter-offer): always blank. When
// Analysis grows the field, replace notYet with a getter that reads it, for
// example percentileValue(a.HeadlinePercentile).
func notYet(*analyzer.Analysis) value { return blank }

// resultColumns returns the columns of SPEC §7 for a horizon of h years, in
// order. It is the single source of both results.csv and results.json.
func resultColumns(h int) []resultColumn {
	offer := func(f func(o *analyzer.Offer) value) func(a *analyzer.Analysis) value {
		return func(a *analyzer.Analysis) value {
			if a.Offer == nil {
				return blank
			}
			return f(a.Offer)
		}
	}
	cols := []resultColumn{
		{"id", offer(func(o *analyzer.Offer) value { return text(o.ID) })},
		{"candidate", offer(func(o *analyzer.Offer) value { return text(o.Candidate) })},
		{"company", offer(func(o *analyzer.Offer) value { return text(o.Company) })},
		{"track", offer(func(o *analyzer.Offer) value { return text(o.Track) })},
		{"level", offer(func(o *analyzer.Offer) value { return text(o.Level) })},
		{"location", offer(func(o *analyzer.Offer) value { return text(o.Location) })},
		{"base", offer(func(o *analyzer.Offer) value { return moneyValue(o.Base) })},
		{"sign_on_y1", offer(func(o *analyzer.Offer) value { return moneyValue(o.SignOnY1) })},
		{"sign_on_y2", offer(func(o *analyzer.Offer) value { return moneyValue(o.SignOnY2) })},
		{"rsu_grant", func(a *analyzer.Analysis) value { return moneyValue(a.Grant) }},
		{"vesting", offer(func(o *analyzer.Offer) value { return text(o.Schedule.Name) })},
	}
	for t := 1; t <= h; t++ {
		i := t - 1
		year := func(f func(y *analyzer.YearTotals) decimal.Decimal) func(a *analyzer.Analysis) value {
			return func(a *analyzer.Analysis) value {
				if i >= len(a.Years) {
					return blank
				}
				return moneyValue(f(&a.Years[i]))
			}
		}
		p := fmt.Sprintf("y%d_", t)
		cols = append(cols,
			resultColumn{p + "base", year(func(y *analyzer.YearTotals) decimal.Decimal { return y.Base })},
			resultColumn{p + "sign_on", year(func(y *analyzer.YearTotals) decimal.Decimal { return y.SignOn })},
			resultColumn{p + "rsu", year(func(y *analyzer.YearTotals) decimal.Decimal { return y.RSU })},
			resultColumn{p + "refresh", year(func(y *analyzer.YearTotals) decimal.Decimal { return y.Refresh })},
			resultColumn{p + "bonus", year(func(y *analyzer.YearTotals) decimal.Decimal { return y.Bonus })},
			resultColumn{p + "total", year(func(y *analyzer.YearTotals) decimal.Decimal { return y.Total })},
		)
	}
	cols = append(cols,
		resultColumn{"total", func(a *analyzer.Analysis) value { return moneyValue(a.Total) }},
		resultColumn{"average", func(a *analyzer.Analysis) value { return moneyValue(a.Average) }},
		resultColumn{"two_year_average", func(a *analyzer.Analysis) value { return moneyValue(a.TwoYearAverage) }},
		// Market position (SPEC §4): not computed by the analyzer yet.
		resultColumn{"headline_percentile", notYet},
		resultColumn{"base_percentile", notYet},
		resultColumn{"rsu_percentile", notYet},
		resultColumn{"compa_ratio", notYet},
		resultColumn{"range_penetration", notYet},
		resultColumn{"peer_percentile", notYet},
		resultColumn{"flags", func(a *analyzer.Analysis) value { return text(analyzer.FlagCodes(a.Flags)) }},
	)
	// Levers and the counter-offer (SPEC §5): not computed by the analyzer yet.
	for _, l := range leverNames {
		cols = append(cols, resultColumn{"lever_" + l + "_delta_total", notYet})
	}
	for _, name := range []string{"counter_base", "counter_rsu", "counter_sign_on_y1",
		"counter_sign_on_y2", "counter_delta_total", "counter_approval"} {
		cols = append(cols, resultColumn{name, notYet})
	}
	return cols
}

// ResultColumns returns the column names of results.csv (and the keys of
// each results.json object) for a horizon of years, in order.
func ResultColumns(years int) []string {
	cols := resultColumns(years)
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return names
}
