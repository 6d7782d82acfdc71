package analyzer

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// RoundResult is one round of an offer's negotiation: its package, its
// H-year total under the run's assumptions, and its change against the
// previous round and the first (docs/METHOD.md, "Negotiation rounds").
type RoundResult struct {
	Round                           int
	Base, Grant, SignOnY1, SignOnY2 decimal.Decimal
	Total                           decimal.Decimal
	// Change is Total − the previous round's total; ChangePct the same in
	// percent of the previous total, TotalChangePct against the first
	// round's. All invalid for the first round.
	Change, ChangePct, TotalChangePct decimal.NullDecimal
}

// Expectation is the protocol's expected gain of a negotiation step, in
// percent of the 4-year total.
type Expectation struct{ Low, High int }

// String writes the expectation as "+10–20%".
func (x Expectation) String() string { return fmt.Sprintf("+%d–%d%%", x.Low, x.High) }

// Contains reports whether a change in percent falls within the expectation.
func (x Expectation) Contains(pct decimal.Decimal) bool {
	return !pct.LessThan(decimal.NewFromInt(int64(x.Low))) && !pct.GreaterThan(decimal.NewFromInt(int64(x.High)))
}

// RoundExpectation is what the protocol expects a round to have gained
// over the one before: round 2 (after the first counter) +10–20%, round 3
// and later +5–10%.
func RoundExpectation(round int) Expectation {
	if round <= 2 {
		return Expectation{10, 20}
	}
	return Expectation{5, 10}
}

// AllRoundsExpectation is what the protocol expects the rounds to gain in all.
var AllRoundsExpectation = Expectation{15, 35}

// rounds analyzes an offer's earlier rounds and the offer itself as its
// history; nil for an offer without earlier rounds.
func (e *Engine) rounds(a *Analysis) []RoundResult {
	o := a.Offer
	if len(o.Earlier) == 0 {
		return nil
	}
	out := make([]RoundResult, 0, len(o.Earlier)+1)
	for i := range o.Earlier {
		r := &o.Earlier[i]
		g, _, _, err := e.grant(r)
		if err != nil {
			g = decimal.Zero
		}
		total := sumTotals(e.yearTable(inputsOf(r), g, e.growth, nil))
		out = append(out, RoundResult{Round: r.RoundNumber(), Base: r.Base, Grant: g, SignOnY1: r.SignOnY1, SignOnY2: r.SignOnY2, Total: total})
	}
	out = append(out, RoundResult{Round: o.RoundNumber(), Base: o.Base, Grant: a.Grant, SignOnY1: o.SignOnY1, SignOnY2: o.SignOnY2, Total: a.Total})
	first := out[0].Total
	for i := 1; i < len(out); i++ {
		prev := out[i-1].Total
		out[i].Change = decimal.NewNullDecimal(out[i].Total.Sub(prev))
		if prev.IsPositive() {
			out[i].ChangePct = decimal.NewNullDecimal(out[i].Total.Sub(prev).Mul(hundred).DivRound(prev, 12))
		}
		if first.IsPositive() {
			out[i].TotalChangePct = decimal.NewNullDecimal(out[i].Total.Sub(first).Mul(hundred).DivRound(first, 12))
		}
	}
	return out
}

// movement describes what changed from one round's package to the next:
// "the base from $175,000 to $185,000, the RSU grant from $300,000 to
// $380,000 and the signing bonus from $80,000 / $60,000 to $110,000 /
// $85,000"; "" when nothing in the package changed.
func movement(prev, cur RoundResult) string {
	var parts []string
	if !cur.Base.Equal(prev.Base) {
		parts = append(parts, "the base from "+Dollars(prev.Base)+" to "+Dollars(cur.Base))
	}
	if !cur.Grant.Equal(prev.Grant) {
		parts = append(parts, "the RSU grant from "+Dollars(prev.Grant)+" to "+Dollars(cur.Grant))
	}
	if !cur.SignOnY1.Equal(prev.SignOnY1) || !cur.SignOnY2.Equal(prev.SignOnY2) {
		parts = append(parts, "the signing bonus from "+signOnWords(prev.SignOnY1, prev.SignOnY2)+" to "+signOnWords(cur.SignOnY1, cur.SignOnY2))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// signOnWords writes a sign-on as "$80,000 / $60,000", "$80,000" (year 1
// only) or "none".
func signOnWords(y1, y2 decimal.Decimal) string {
	switch {
	case y1.IsZero() && y2.IsZero():
		return "none"
	case y2.IsZero():
		return Dollars(y1)
	}
	return Dollars(y1) + " / " + Dollars(y2)
}
