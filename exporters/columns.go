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

// resultColumn is one column of results.csv and key of results.json.
type resultColumn struct {
	name string
	get  func(a *analyzer.Analysis) value
}

// leverNames are the levers of SPEC §5 in results.csv order; each has a
// lever_<name>_delta_total column.
var leverNames = analyzer.LeverNames

// fixedValue formats a figure with the given number of places, rounded
// half-even.
func fixedValue(d decimal.Decimal, places int32) value {
	return value{kindNumber, d.RoundBank(places).StringFixed(places)}
}

// bandValue reads one figure of a band placement; it is blank without a
// band, never zero (SPEC §4: NO_BAND leaves percentiles blank).
func bandValue(pick func(m *analyzer.Market) *analyzer.BandFigure, get func(f *analyzer.BandFigure) value) func(a *analyzer.Analysis) value {
	return func(a *analyzer.Analysis) value {
		f := pick(a.Market)
		if f == nil {
			return blank
		}
		return get(f)
	}
}

func headlineFigure(m *analyzer.Market) *analyzer.BandFigure { return m.HeadlineFigure() }

func componentFigure(c analyzer.Component) func(m *analyzer.Market) *analyzer.BandFigure {
	return func(m *analyzer.Market) *analyzer.BandFigure { return m.Figure(c) }
}

func percentileOf(f *analyzer.BandFigure) value { return fixedValue(f.Percentile, 1) }

// leverDelta is lever name's Δ H-year total at its high ask, blank when the
// lever was not run or is unavailable for the offer.
func leverDelta(name analyzer.LeverName) func(a *analyzer.Analysis) value {
	return func(a *analyzer.Analysis) value {
		l := a.LeverTotal(name)
		if l == nil || !l.Available {
			return blank
		}
		return moneyValue(l.DeltaTotal)
	}
}

// counterOf returns the counter-offer when it applies: levers were run and
// the offer has a market band to aim in.
func counterOf(a *analyzer.Analysis) *analyzer.Counter {
	if a.Counter == nil || a.Counter.Status == analyzer.CounterNoBand {
		return nil
	}
	return a.Counter
}

func counterValue(get func(c *analyzer.Counter) value) func(a *analyzer.Analysis) value {
	return func(a *analyzer.Analysis) value {
		c := counterOf(a)
		if c == nil {
			return blank
		}
		return get(c)
	}
}

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
		// Market position (SPEC §4): percentiles and penetration with one
		// place, the compa-ratio with two; blank without a band.
		resultColumn{"headline_percentile", bandValue(headlineFigure, percentileOf)},
		resultColumn{"base_percentile", bandValue(componentFigure(analyzer.ComponentBase), percentileOf)},
		resultColumn{"rsu_percentile", bandValue(componentFigure(analyzer.ComponentRSU4yr), percentileOf)},
		resultColumn{"compa_ratio", bandValue(headlineFigure, func(f *analyzer.BandFigure) value { return fixedValue(f.CompaRatio, 2) })},
		resultColumn{"range_penetration", bandValue(headlineFigure, func(f *analyzer.BandFigure) value { return fixedValue(f.Penetration, 1) })},
		resultColumn{"peer_percentile", func(a *analyzer.Analysis) value {
			if a.Peer == nil {
				return blank
			}
			return fixedValue(a.Peer.Percentile, 1)
		}},
		resultColumn{"flags", func(a *analyzer.Analysis) value { return text(analyzer.FlagCodes(a.Flags)) }},
	)
	// Levers at their high ask and the counter-offer (SPEC §5).
	for _, l := range leverNames {
		cols = append(cols, resultColumn{"lever_" + string(l) + "_delta_total", leverDelta(l)})
	}
	cols = append(cols,
		resultColumn{"counter_base", counterValue(func(c *analyzer.Counter) value { return moneyValue(c.Base) })},
		resultColumn{"counter_rsu", counterValue(func(c *analyzer.Counter) value { return moneyValue(c.Grant) })},
		resultColumn{"counter_sign_on_y1", counterValue(func(c *analyzer.Counter) value { return moneyValue(c.SignOnY1) })},
		resultColumn{"counter_sign_on_y2", counterValue(func(c *analyzer.Counter) value { return moneyValue(c.SignOnY2) })},
		resultColumn{"counter_delta_total", counterValue(func(c *analyzer.Counter) value { return moneyValue(c.DeltaTotal) })},
		resultColumn{"counter_approval", counterValue(func(c *analyzer.Counter) value { return text(c.Tier) })},
	)
	cols = append(cols, afterTaxColumns(h)...)
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
