package exporters

import (
	"fmt"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// verdictTextWidth is the width, in characters, of the merged C:M area that
// holds the verdict's words.
const verdictTextWidth = 150

// verdictBlock writes the short answer at the top of an offer sheet: where
// the offer stands against the market (headline percentile and the band it
// was measured against), what to ask for (the counter-offer's package, Δ,
// approval, the percentile it reaches and its status), the best single
// lever, and the flags in words. Each row is a label in A, the key figure
// in B and a sentence in C:M, so the sheet reads top down without
// scrolling past the inputs.
func (wb *workbook) verdictBlock(w *rowWriter, a *analyzer.Analysis) {
	st := wb.st
	wb.section(w, "Verdict")
	row := func(name string, figure any, words string) {
		height := wrapHeight(words, verdictTextWidth)
		var label any
		if name != "" {
			label = excelize.Cell{StyleID: st.bold, Value: name}
		}
		r := w.tall(height, label, figure,
			excelize.Cell{StyleID: st.wrapIndent, Value: words})
		if words != "" {
			w.merge(cellRef(3, r), cellRef(13, r))
		}
	}
	text := func(s string) any { return excelize.Cell{StyleID: st.textRight, Value: s} }

	// Where the offer stands.
	switch m := a.Market; {
	case m == nil:
		row("Market percentile", text("—"), "No market bands in this run.")
	case m.NonUS:
		row("Market percentile", text("—"), fmt.Sprintf("%s is outside the United States: the market bands are US bands, so no headline percentile.", a.Offer.Location))
	case m.HeadlineFigure() == nil:
		row("Market percentile", text("—"), fmt.Sprintf("No total-compensation band for %s: no headline percentile.", m.Key))
	default:
		f := m.HeadlineFigure()
		what := verdictFigures[f.Component]
		if what == "" {
			what = string(f.Component)
		}
		pos := string(f.Position)
		if pos == "" {
			pos = "in band"
		}
		match := ""
		if wd := matchWords[f.Match]; wd != "" {
			match = " (" + wd + " match)"
		}
		row("Market percentile", wb.pctlOf(f.Percentile), fmt.Sprintf(
			"%s, %s, against the band %s%s (P25 %s, P50 %s, P75 %s): %s; %s.",
			what, dollars(f.Value), f.Band.Key, match, dollars(f.P25), dollars(f.P50), dollars(f.P75), pos, m.ConfidenceWords()))
	}

	// What to ask for.
	h := len(a.Years)
	switch c := a.Counter; {
	case c == nil:
		row("Counter-offer", text("—"), "Levers were not run: no counter-offer.")
	default:
		o := a.Offer
		var asks []string
		add := func(name string, was, now decimal.Decimal) {
			if !now.Equal(was) {
				asks = append(asks, fmt.Sprintf("%s %s (%s)", name, dollars(now), signedDollars(now.Sub(was))))
			}
		}
		add("base", o.Base, c.Base)
		add("RSU grant", a.Grant, c.Grant)
		add("sign-on year 1", o.SignOnY1, c.SignOnY1)
		add("sign-on year 2", o.SignOnY2, c.SignOnY2)
		target := "P" + c.Target.RoundBank(1).String()
		if len(asks) == 0 {
			row("Counter-offer", excelize.Cell{StyleID: st.moneyTotal, Value: money(c.DeltaTotal)},
				fmt.Sprintf("Nothing to ask for: the offer already reaches the target %s.", target))
			break
		}
		row("Counter-offer Δ", excelize.Cell{StyleID: st.moneyTotal, Value: money(c.DeltaTotal)},
			"Ask for "+strings.Join(asks, ", ")+fmt.Sprintf(": %s over %d %s.", signedDollars(c.DeltaTotal), h, plural(h, "year", "years")))
		row("Approval", text(c.Tier), fmt.Sprintf("The Δ is %s%% of the %d-year total.", c.TierPct.RoundBank(1).StringFixed(1), h))
		if c.Status == analyzer.CounterNoBand {
			row("Counter percentile", text("—"), "No market percentile was available (no market band matched this offer): these are the playbook's round-one asks, the low end of the first two levers. A first round usually moves an offer 10–20%.")
		} else {
			row("Counter percentile", wb.nullPctl(c.Percentile), fmt.Sprintf("Target %s: %s.", target, c.Status))
		}
	}

	// The best lever: the counter's first ask.
	if best := a.BestLever(); best != nil {
		words := leverTitle(best.Lever) + ": the first thing to ask for"
		if c := a.Counter; c == nil || len(c.Asks) == 0 || c.Asks[0].Lever != best.Lever {
			words = leverTitle(best.Lever) + ": the first lever that can move"
		}
		if l := a.Lever(best.Lever); l != nil && l.High.Tier != "" {
			words += "; worth this at its high ask, approval: " + l.High.Tier
			if l.High.HeadlinePercentile.Valid {
				words += fmt.Sprintf("; reaches P%s", l.High.HeadlinePercentile.Decimal.RoundBank(1).StringFixed(1))
			}
		}
		row("Best lever, asked first", excelize.Cell{StyleID: st.money, Value: money(best.DeltaTotal)}, words+".")
	} else if len(a.LeverTotals) > 0 || len(a.Levers) > 0 {
		row("Best lever, asked first", text("—"), "No lever can move for this offer.")
	}

	// The flags in words.
	if len(a.Flags) == 0 {
		row("Flags", text("none"), "Nothing to worry about in the figures.")
	}
	for i, fl := range a.Flags {
		name := ""
		if i == 0 {
			name = "Flags"
		}
		row(name, text(string(fl.Severity)), fl.Message)
	}
	w.skip()
}

// verdictFigures name the headline figure in the verdict's sentence.
var verdictFigures = map[analyzer.Component]string{
	analyzer.ComponentBaseEquityAvg: "Base + RSU per year (no sign-on)",
	analyzer.ComponentTotalComp:     "Total comp (average per year)",
	analyzer.ComponentComposed:      "Total comp (composed from the component bands)",
	analyzer.ComponentTotalY1:       "The year 1 total",
}

// wrappedNote writes a note merged across columns A to cols, wrapping in
// their width (width characters in all), so a long note neither runs off
// the printed page nor hides behind what stands to its right.
func (wb *workbook) wrappedNote(w *rowWriter, text string, cols, width int) {
	r := w.tall(wrapHeight(text, width), excelize.Cell{StyleID: wb.st.noteWrap, Value: text})
	w.merge(cellRef(1, r), cellRef(cols, r))
}

// wrapHeight is the row height that shows text wrapped in width
// characters, or 0 (the default height) when it fits on one line.
func wrapHeight(text string, width int) float64 {
	if n := wrappedLines(text, width); n > 1 {
		return float64(15*n + 2)
	}
	return 0
}

// dollars formats money in whole dollars with thousands separators:
// "$1,234,567", "-$5,000" (analyzer.Dollars, the one formatter).
func dollars(d decimal.Decimal) string { return analyzer.Dollars(d) }

// signedDollars is dollars with a leading "+" on a positive amount.
func signedDollars(d decimal.Decimal) string {
	if d.IsPositive() {
		return "+" + dollars(d)
	}
	return dollars(d)
}

// plural picks the singular or the plural word for a count.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
