package analyzer

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Money is an exact amount (dollars, a rate, a growth factor) kept as an
// integer count of 10^-10: eight bytes, no allocation. It is the
// fixed-point twin of decimal.Decimal on the engine's hot paths (the year
// table, the levers' Δ totals, the after-tax estimate), and it is exact
// or nothing: every operation that cannot give the exact result the
// decimal code gives (a product with more than ten places, an overflow
// of ±922,337,203.6854775807) marks its exact as lost, and the engine
// then works that figure out with decimal instead. So the two paths never
// disagree (TestFixedAgreesWithDecimal runs both over generated batches).
//
// The rounding rules of the engine, written once (see "Percentages and
// money as written" in docs/METHOD.md):
//
//   - Nothing is rounded while computing: sums and products are exact.
//   - A division that cannot be exact is decimal's DivRound: rounded to a
//     stated number of places, half away from zero (divRound).
//   - Round(places) is half away from zero (round), as decimal's Round.
//   - Figures are written rounded half-even (Fixed, as FixedOf).
//
// Figures past an int64 (a 24-place reciprocal of the pricing, a sign-on
// scaled by a 16-place cap factor) are worked out as u128 and u192
// magnitudes with their sign beside them (fixed128.go), under the same
// rules: u128.divRound and roundPow10 are DivRound and Round.
//
// Ten places hold every product the batches meet exactly: whole-percent
// vesting shares (2 places) of cents (2), growth and raise factors of a
// few years (1.1^4 has 4 places), bonus percentages (2) and tax rates (up
// to 5) on cents.
type Money int64

// moneyPlaces are the decimal places of a Money.
const moneyPlaces = 10

// moneyUnit is one (1.0) as a Money.
const moneyUnit Money = 1e10

// exact records whether a chain of Money operations stayed exact; the
// zero value is exact. Once lost it stays lost, and the values computed
// since mean nothing.
type exact struct{ lost bool }

// ok reports whether every operation so far was exact.
func (x *exact) ok() bool { return !x.lost }

// moneyOf converts d exactly; it marks x lost when d has more than ten
// places or does not fit. No allocation for a coefficient of up to 18
// digits.
func (x *exact) moneyOf(d decimal.Decimal) Money {
	if d.IsZero() {
		return 0
	}
	if d.NumDigits() > 18 {
		// A long coefficient (trailing zeros of a DivRound, a big
		// amount): the slow way, allocating.
		v := d.Shift(moneyPlaces)
		if !v.IsInteger() {
			x.lost = true
			return 0
		}
		b := v.BigInt()
		if !b.IsInt64() {
			x.lost = true
			return 0
		}
		return Money(b.Int64())
	}
	c, shift := d.CoefficientInt64(), int(d.Exponent())+moneyPlaces
	switch {
	case shift >= 0:
		if shift > 18 {
			x.lost = true
			return 0
		}
		return x.mulInt(Money(c), pow10i[shift])
	case -shift > 18:
		x.lost = true
		return 0
	}
	unit := pow10i[-shift]
	if c%unit != 0 {
		x.lost = true
		return 0
	}
	return Money(c / unit)
}

// Decimal returns the exact value of m as a decimal, without trailing
// zeros (one allocation).
func (m Money) Decimal() decimal.Decimal {
	if m == 0 {
		return decimal.Zero
	}
	v, exp := int64(m), int32(-moneyPlaces)
	for exp < 0 && v%10 == 0 {
		v /= 10
		exp++
	}
	return decimal.New(v, exp)
}

// Fixed rounds m half-even to places (0..10) as a Fixed: what FixedOf
// gives for the same value.
func (m Money) Fixed(places int32) Fixed {
	return Fixed(divHalfEven(int64(m), pow10i[moneyPlaces-places]))
}

// add is a + b.
func (x *exact) add(a, b Money) Money {
	s := a + b
	if (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0) {
		x.lost = true
	}
	return s
}

// sub is a − b.
func (x *exact) sub(a, b Money) Money {
	if b == math.MinInt64 {
		x.lost = true
		return 0
	}
	return x.add(a, -b)
}

// mulInt is a × n.
func (x *exact) mulInt(a Money, n int64) Money {
	if a == 0 || n == 0 {
		return 0
	}
	p := int64(a) * n
	if p/n != int64(a) || (a == -1 && n == math.MinInt64) || (n == -1 && a == math.MinInt64) {
		x.lost = true
		return 0
	}
	return Money(p)
}

// abs splits v into sign and magnitude.
func abs(v int64) (uint64, bool) {
	if v < 0 {
		return uint64(-v), true
	}
	return uint64(v), false
}

// signed applies a sign to a magnitude, marking x lost on overflow.
func (x *exact) signed(u uint64, neg bool) Money {
	if u > math.MaxInt64 {
		x.lost = true
		return 0
	}
	if neg {
		return Money(-int64(u))
	}
	return Money(u)
}

// mul is a × b, exact: the product's places beyond ten must be zeros.
func (x *exact) mul(a, b Money) Money {
	if a == 0 || b == 0 {
		return 0
	}
	ua, na := abs(int64(a))
	ub, nb := abs(int64(b))
	hi, lo := bits.Mul64(ua, ub)
	if hi >= uint64(moneyUnit) {
		x.lost = true
		return 0
	}
	q, r := bits.Div64(hi, lo, uint64(moneyUnit))
	if r != 0 {
		x.lost = true
		return 0
	}
	return x.signed(q, na != nb)
}

// mulShift is a × b × 10^-shift (shift ≥ 0), exact: the product of a
// Money and a figure with shift more places than a Money (a 16-place
// ratio, see divRound).
func (x *exact) mulShift(a Money, b int64, shift int) Money {
	if a == 0 || b == 0 {
		return 0
	}
	if shift > 19 {
		x.lost = true
		return 0
	}
	ua, na := abs(int64(a))
	ub, nb := abs(b)
	hi, lo := bits.Mul64(ua, ub)
	d := uint64(1)
	for i := 0; i < shift; i++ {
		d *= 10
	}
	if hi >= d {
		x.lost = true
		return 0
	}
	q, r := bits.Div64(hi, lo, d)
	if r != 0 {
		x.lost = true
		return 0
	}
	return x.signed(q, na != nb)
}

// divRound is decimal's a.DivRound(b, places): a / b rounded to places
// (0..19) half away from zero, returned as an integer count of
// 10^-places (not a Money). It marks x lost when b is zero or the result
// does not fit.
func (x *exact) divRound(a, b Money, places int) int64 {
	if b == 0 || places > 19 {
		x.lost = true
		return 0
	}
	if a == 0 {
		return 0
	}
	ua, na := abs(int64(a))
	ub, nb := abs(int64(b))
	scale := uint64(1)
	for i := 0; i < places; i++ {
		scale *= 10
	}
	hi, lo := bits.Mul64(ua, scale)
	if hi >= ub {
		x.lost = true
		return 0
	}
	q, r := bits.Div64(hi, lo, ub)
	// Half away from zero: up when 2r ≥ b.
	if r >= ub-r {
		q++
	}
	return int64(x.signed(q, na != nb))
}

// round is decimal's Round(places) (half away from zero), 0 ≤ places ≤ 10.
func (m Money) round(places int) Money {
	unit := pow10i[moneyPlaces-places]
	c := int64(m)
	q, rem := c/unit, c%unit
	if rem < 0 {
		rem = -rem
	}
	if 2*rem >= unit {
		if c < 0 {
			q--
		} else {
			q++
		}
	}
	return Money(q * unit)
}

// ceil is decimal's Ceil: the smallest whole number not below m.
func (m Money) ceil() Money {
	q, rem := int64(m)/int64(moneyUnit), int64(m)%int64(moneyUnit)
	if rem > 0 {
		q++
	}
	return Money(q) * moneyUnit
}

// nonNegMoney is max(m, 0).
func nonNegMoney(m Money) Money { return max(m, 0) }

// moneyPowers converts the growth or raise factors of an engine (see
// powers); nil when one has more places than a Money holds.
func moneyPowers(p []decimal.Decimal) []Money {
	var x exact
	out := make([]Money, len(p))
	for i, d := range p {
		out[i] = x.moneyOf(d)
	}
	if !x.ok() {
		return nil
	}
	return out
}

// yearTotalsMoney is yearTable's totals in Money: total_t of the inputs
// into out (len H, at most maxMoneyYears), step for step as yearTable
// computes them, or x lost.
func (e *Engine) yearTotalsMoney(x *exact, in yearInputs, grant decimal.Decimal, growth []Money, out []Money) {
	var ys [maxMoneyYears][5]Money
	e.yearPartsMoney(x, in, grant, growth, &ys)
	for t := range out {
		out[t] = ys[t][4]
	}
}

// yearPartsMoney works yearTable's figures out in Money into ys, one row
// per year: base, RSU, refresh, bonus (with the first year's top-up) and
// total; it returns the base and the two sign-on years as read. A figure
// that could not be exact leaves x lost.
func (e *Engine) yearPartsMoney(x *exact, in yearInputs, grant decimal.Decimal, growth []Money, ys *[maxMoneyYears][5]Money) (base, y1, y2 Money) {
	c := changeM{inBase: x.moneyOf(in.Base), inSignOnY1: x.moneyOf(in.SignOnY1), inSignOnY2: x.moneyOf(in.SignOnY2),
		inGrant: x.moneyOf(grant), inRefresher: x.moneyOf(in.Refresher), inTopUp: x.moneyOf(in.BonusY1TopUp)}
	e.yearPartsM(x, c, x.moneyOf(in.BonusPct), in.Schedule, growth, ys)
	return c[inBase], c[inSignOnY1], c[inSignOnY2]
}

// yearPartsM is yearPartsMoney of inputs already in Money: a change's (or
// an offer's) base, sign-ons, grant, refresher and top-up, with the bonus
// percentage and the schedule.
func (e *Engine) yearPartsM(x *exact, in changeM, bonusPct Money, s *Schedule, growth []Money, ys *[maxMoneyYears][5]Money) {
	h := e.opts.Years
	base, y1, y2 := in[inBase], in[inSignOnY1], in[inSignOnY2]
	refresher, topUp, g := in[inRefresher], in[inTopUp], in[inGrant]
	hasRaise := e.raiseM != nil && !e.opts.Raise.IsZero()
	hasGrowth := growth[h] != moneyUnit
	for t := 1; t <= h; t++ {
		y := &ys[t-1]
		y[0] = base
		if t > 1 && hasRaise && base != 0 {
			y[0] = x.mul(base, e.raiseM[t])
		}
		total := y[0]
		switch t {
		case 1:
			total = x.add(total, y1)
		case 2:
			total = x.add(total, y2)
		}
		if g != 0 {
			if v := s.fractionM(x, t); v != 0 {
				y[1] = x.mul(g, v)
				if hasGrowth {
					y[1] = x.mul(y[1], growth[t])
				}
			}
		}
		if refresher != 0 {
			if share := s.vestedByM(x, t-1); share != 0 {
				y[2] = x.mul(refresher, share)
				if hasGrowth {
					y[2] = x.mul(y[2], growth[t])
				}
			}
		}
		if bonusPct != 0 && y[0] != 0 {
			y[3] = x.mul(y[0], bonusPct)
		}
		if t == 1 {
			y[3] = x.add(y[3], topUp)
		}
		y[4] = x.add(x.add(x.add(total, y[1]), y[2]), y[3])
	}
}

// tierIndex is the playbook's TierIndex, compared in Money when the
// figures allow (no allocation), else in decimal.
func (e *Engine) tierIndex(delta, total decimal.Decimal) int {
	if !e.fast {
		return e.playbook.TierIndex(delta, total)
	}
	var x exact
	if i, ok := e.tierIndexM(x.moneyOf(delta), x.moneyOf(total)); ok && x.ok() {
		return i
	}
	return e.playbook.TierIndex(delta, total)
}

// tierIndexM is TierIndex of a Δ and a total in Money; false when a
// product could not be exact.
func (e *Engine) tierIndexM(delta, total Money) (int, bool) {
	var x exact
	scaled := x.mulInt(delta, 100)
	if e.tierPctM == nil {
		return 0, false
	}
	for i, tier := range e.playbook.ApprovalTiers {
		if !tier.MaxPct.Valid {
			return i, x.ok()
		}
		limit := x.mul(e.tierPctM[i], total)
		if !x.ok() {
			return 0, false
		}
		if scaled <= limit {
			return i, true
		}
	}
	return len(e.playbook.ApprovalTiers), x.ok()
}

// tierIndexOf is tierIndex of a lever's Δ total, in Money when it has it.
func (e *Engine) tierIndexOf(imp *LeverImpact, total decimal.Decimal) int {
	if e.fast && imp.deltaOK {
		var x exact
		if i, ok := e.tierIndexM(imp.deltaM, x.moneyOf(total)); ok && x.ok() {
			return i
		}
	}
	return e.tierIndex(imp.total(), total)
}

// tierOfImpact is tierOf of a lever's Δ total (see tierIndexOf).
func (e *Engine) tierOfImpact(imp *LeverImpact, total decimal.Decimal) string {
	if i := e.tierIndexOf(imp, total); i < len(e.playbook.ApprovalTiers) {
		return e.playbook.ApprovalTiers[i].Name
	}
	return ""
}

// tierOfM is tierOf of a Δ and a total in Money, in decimal when they
// cannot be compared in Money.
func (e *Engine) tierOfM(delta, total Money) string {
	i, ok := e.tierIndexM(delta, total)
	if !ok {
		i = e.playbook.TierIndex(delta.Decimal(), total.Decimal())
	}
	if i < len(e.playbook.ApprovalTiers) {
		return e.playbook.ApprovalTiers[i].Name
	}
	return ""
}

// tierOf is the playbook's TierOf (see tierIndex).
func (e *Engine) tierOf(delta, total decimal.Decimal) string {
	if i := e.tierIndex(delta, total); i < len(e.playbook.ApprovalTiers) {
		return e.playbook.ApprovalTiers[i].Name
	}
	return ""
}

// moneyModel is the percentile model's span and whole-percentile fractions
// in Money; nil when one has more places than a Money holds.
type moneyModel struct {
	low, span Money
	fractions [101]Money
}

func newMoneyModel(m PercentileModel) *moneyModel {
	var x exact
	mm := &moneyModel{low: x.moneyOf(m.Low), span: x.moneyOf(m.High.Sub(m.Low))}
	if m.fractions == nil {
		return nil
	}
	for p, f := range m.fractions {
		mm.fractions[p] = x.moneyOf(f)
	}
	if !x.ok() {
		return nil
	}
	return mm
}

// fixed12 is a count of 10^-12 as a decimal.
func fixed12(v int64) decimal.Decimal { return decimal.New(v, -12) }

// placeInBand is the model's PlaceInBand, worked out in Money when the
// figures allow (six allocations, for the six decimals it returns).
func (e *Engine) placeInBand(c Component, v decimal.Decimal, b Band) BandFigure {
	return e.placeIn(c, v, b, false)
}

// placeIn is placeInBand; with percentileOnly it works out only the
// position and percentile (a brief analysis's base and RSU figures),
// leaving the other figures zero.
func (e *Engine) placeIn(c Component, v decimal.Decimal, b Band, percentileOnly bool) BandFigure {
	mm := e.modelM
	if mm == nil {
		return e.model.placeIn(c, v, b, percentileOnly)
	}
	var x exact
	xv, lo, hi := x.moneyOf(v), x.moneyOf(b.Min), x.moneyOf(b.Max)
	width, sum := x.sub(hi, lo), x.add(lo, hi)
	if !x.ok() || width == 0 || sum%2 != 0 {
		return e.model.placeIn(c, v, b, percentileOnly)
	}
	f := BandFigure{Component: c, Value: v, Band: b}
	switch {
	case xv < lo:
		f.Position = BelowBand
	case xv > hi:
		f.Position = AboveBand
	}
	above := x.sub(xv, lo)
	// Percentile: Low + (x − min)(High − Low) / width at 12 places, clamped.
	q := x.divRound(x.mul(above, mm.span), width, 12)
	low12 := int64(x.mulInt(mm.low, 100))
	p := low12 + q
	if percentileOnly {
		if !x.ok() || (q > 0 && p < low12) {
			return e.model.placeIn(c, v, b, percentileOnly)
		}
		f.Percentile = percentileAt12(p)
		return f
	}
	pen := x.divRound(x.mulInt(above, 100), width, 12)
	var compa int64
	mid := sum / 2
	if mid != 0 {
		compa = x.divRound(xv, mid, 12)
	}
	p25, p50, p75 := x.add(lo, x.mul(mm.fractions[25], width)), x.add(lo, x.mul(mm.fractions[50], width)), x.add(lo, x.mul(mm.fractions[75], width))
	if !x.ok() || (q > 0 && p < low12) {
		return e.model.PlaceInBand(c, v, b)
	}
	f.Percentile = percentileAt12(p)
	f.Penetration = fixed12(pen)
	if mid != 0 {
		f.CompaRatio = fixed12(compa)
	}
	f.P25, f.P50, f.P75 = p25.Decimal(), p50.Decimal(), p75.Decimal()
	return f
}

// percentileAt12 is a percentile counted in 10^-12, clamped to 1..99.
func percentileAt12(p int64) decimal.Decimal {
	switch {
	case p < 1e12:
		return percentileFloor
	case p > 99e12:
		return percentileCeil
	}
	return fixed12(p)
}

// decimalAt returns v × 10^-places as a decimal without trailing zeros,
// so that moneyOf can read it back (a coefficient of 19 digits cannot).
func decimalAt(v int64, places int32) decimal.Decimal {
	if v == 0 {
		return decimal.Zero
	}
	for places > 0 && v%10 == 0 {
		v /= 10
		places--
	}
	return decimal.New(v, -places)
}

// point is the model's Point, worked out in Money when the figures allow.
func (e *Engine) point(p, lo, hi decimal.Decimal) decimal.Decimal {
	var x exact
	if v := e.pointM(&x, p, lo, hi); x.ok() {
		return v.Decimal()
	}
	return e.model.Point(p, lo, hi)
}

// pointM is the model's Point in Money, for a whole percentile p in
// 0..100; x lost otherwise or when it could not be exact.
func (e *Engine) pointM(x *exact, p, lo, hi decimal.Decimal) Money {
	mm := e.modelM
	if mm == nil || !p.IsInteger() || p.IsNegative() || p.GreaterThan(hundred) {
		x.lost = true
		return 0
	}
	l := x.moneyOf(lo)
	return x.add(l, x.mul(mm.fractions[p.IntPart()], x.sub(x.moneyOf(hi), l)))
}

// totalsMoney is totals in Money when the figures allow; false, with a
// untouched, when one could not be exact.
func (e *Engine) totalsMoney(a *Analysis) bool {
	var x exact
	n := annualYears(len(a.Years))
	var total, annual, two Money
	for i, y := range a.Years {
		t := x.moneyOf(y.Total)
		total = x.add(total, t)
		if i < n {
			annual = x.add(annual, t)
		}
		if i < 2 {
			two = x.add(two, t)
		}
	}
	avg := x.divRound(total, x.mulInt(moneyUnit, int64(len(a.Years))), 12)
	ann := x.divRound(annual, x.mulInt(moneyUnit, int64(n)), 12)
	twoAvg := x.divRound(two, x.mulInt(moneyUnit, 2), 12)
	if !x.ok() {
		return false
	}
	a.Total, a.Average = total.Decimal(), decimalAt(avg, 12)
	a.AnnualTotalComp = a.Average
	if n != len(a.Years) {
		a.AnnualTotalComp = decimalAt(ann, 12)
	}
	if len(a.Years) >= 2 {
		a.TwoYearAverage = decimalAt(twoAvg, 12)
	} else {
		a.TwoYearAverage = a.Years[0].Total
	}
	return true
}

// truncOf is d (≥ 0) cut to ten places (toward zero) as a Money. A
// clean-figure rule that rounds to six places and compares with figures
// on the ten-place grid gives the same answer for d and for truncOf(d)
// (see cleanFigureMoney), so a 16-place share of an ask need not be exact.
func (x *exact) truncOf(d decimal.Decimal) Money {
	if d.Sign() <= 0 {
		if d.IsNegative() {
			x.lost = true
		}
		return 0
	}
	if d.NumDigits() > 18 {
		return x.moneyOf(d.Truncate(moneyPlaces))
	}
	c, shift := d.CoefficientInt64(), int(d.Exponent())+moneyPlaces
	if shift >= 0 {
		return x.moneyOf(d)
	}
	if -shift > 18 {
		return 0
	}
	return Money(c / pow10i[-shift])
}

// ceilDiv and floorDiv are ⌈a/b⌉ and ⌊a/b⌋ of amounts a ≥ 0, b > 0.
func ceilDiv(a, b Money) int64 {
	q := int64(a / b)
	if a%b != 0 {
		q++
	}
	return q
}

func floorDiv(a, b Money) int64 { return int64(a / b) }

// askPart is one input of a lever's change as the clean-figure rule
// reads it: cut to ten places (v, toward zero) with its sign, and whether
// the cut lost nothing (exact).
type askPart struct {
	v        Money
	pos, neg bool
	exact    bool
}

// partOf reads d as an askPart (no allocation).
func (x *exact) partOf(d decimal.Decimal) askPart {
	switch d.Sign() {
	case 0:
		return askPart{exact: true}
	case -1:
		return askPart{neg: true}
	}
	var y exact
	v := y.moneyOf(d)
	if y.ok() {
		return askPart{v: v, pos: true, exact: true}
	}
	return askPart{v: x.truncOf(d), pos: true}
}

// partOfMoney is an exact Money as an askPart.
func partOfMoney(m Money) askPart { return askPart{v: m, pos: m > 0, neg: m < 0, exact: true} }

// askParts are a change's inputs as askParts, in Change's field order.
type askParts [6]askPart

// partsOf reads a change as askParts.
func (x *exact) partsOf(c Change) askParts {
	return askParts{x.partOf(c.Base), x.partOf(c.SignOnY1), x.partOf(c.SignOnY2), x.partOf(c.Grant),
		x.partOf(c.Refresher), x.partOf(c.BonusY1TopUp)}
}

// Indexes of the inputs in a Change, an askParts and a changeM.
const (
	inBase = iota
	inSignOnY1
	inSignOnY2
	inGrant
	inRefresher
	inTopUp
)

// low is the cut value of a lever's low ask, which the rule reads only
// when it reads it (a negative one cannot be cut: x lost).
func (x *exact) low(p askPart) Money {
	if p.neg {
		x.lost = true
	}
	return p.v
}

// cleanFigureMoney is cleanFigure in Money. The offer's figure cur and
// the step are exact; ask, low and high may have more than ten places and
// are cut to ten: min and max commute with the cut, a figure on the
// ten-place grid (every clean figure) compares with a cut value as with
// the value itself, and rounding a sum of non-negative figures half up
// to six places reads no digit the cut dropped but as "more than
// nothing", which half-up rounding at the seventh place never needs.
func (x *exact) cleanFigureMoney(c Money, ask, low, high askPart, step Money) Money {
	if !ask.pos || !high.pos {
		return 0
	}
	a, l, h := ask.v, x.low(low), high.v
	if c < 0 {
		x.lost = true
	}
	a = min(max(a, l), h)
	target := x.add(c, a).round(6)
	if up := x.sub(x.mulInt(step, ceilDiv(target, step)), c); up <= h {
		return up
	}
	if down := x.sub(x.mulInt(step, floorDiv(x.add(c, h).round(6), step)), c); down > 0 {
		return down
	}
	return 0
}

// Clean-figure steps in Money.
const (
	baseStepM   = 1000 * moneyUnit
	grantStepM  = 5000 * moneyUnit
	signOnStepM = 5000 * moneyUnit
)

// highAsk is a lever's high ask as the sign-on cap reads it: unscaled
// sign-on years y1, y2 in Money scaled by f × 10^-16 when f is not zero
// (see LeverImpact.capF), else the decimal change dec, read when its
// askParts are not exact.
type highAsk struct {
	f      int64
	y1, y2 Money
	dec    *Change
}

// signOnRoom is the cap on the sum of the sign-on years a high ask sets:
// high.SignOnY1.Add(high.SignOnY2).Round(6), half away from zero.
func (x *exact) signOnRoom(high askParts, hc *highAsk) Money {
	switch h1, h2 := high[inSignOnY1], high[inSignOnY2]; {
	case hc.f != 0:
		s := x.add(hc.y1, hc.y2)
		if s < 0 || hc.f < 0 {
			x.lost = true
			return 0
		}
		// (y1 + y2) × f counts 10^-26; rounded to 10^-6, then × 10^4.
		return x.mulInt(x.money128(mul64(uint64(s), uint64(hc.f)).roundPow10(20), false), 10000)
	case h1.exact && h2.exact:
		return x.add(h1.v, h2.v).round(6)
	}
	return x.moneyOf(hc.dec.SignOnY1.Add(hc.dec.SignOnY2).Round(6))
}

// maxPart is max(p, q) of two asks as cut values, and whether it is
// exact; x lost for a negative ask.
func (x *exact) maxPart(p, q askPart) (Money, bool) {
	if p.neg || q.neg {
		x.lost = true
		return 0, false
	}
	switch {
	case p.v > q.v:
		return p.v, p.exact
	case q.v > p.v:
		return q.v, q.exact
	}
	return p.v, p.exact && q.exact
}

// changeM is a Change in Money, in Change's field order.
type changeM [6]Money

// decimal is the change as a Change (an allocation per non-zero input).
func (c changeM) decimal() Change {
	return Change{Base: c[inBase].Decimal(), SignOnY1: c[inSignOnY1].Decimal(), SignOnY2: c[inSignOnY2].Decimal(),
		Grant: c[inGrant].Decimal(), Refresher: c[inRefresher].Decimal(), BonusY1TopUp: c[inTopUp].Decimal()}
}

// isZero reports whether the change changes nothing.
func (c changeM) isZero() bool { return c == changeM{} }

// add is c + o.
func (x *exact) addChange(c, o changeM) changeM {
	for i := range c {
		c[i] = x.add(c[i], o[i])
	}
	return c
}

// cleanAskMoney is cleanAsk in Money; false when a figure could not be
// exact. hc is the high ask as the sign-on cap reads it.
func (e *Engine) cleanAskMoney(x *exact, a *Analysis, part, low, high askParts, hc *highAsk) (changeM, bool) {
	o := a.Offer
	var out changeM
	base := x.cleanFigureMoney(x.moneyOf(o.Base), part[inBase], low[inBase], high[inBase], baseStepM)
	grant := x.cleanFigureMoney(x.moneyOf(a.Grant), part[inGrant], low[inGrant], high[inGrant], grantStepM)
	perYear := false
	if _, ok := a.band(ComponentSignOnY1); ok && a.Market.OwnBand() {
		_, perYear = a.band(ComponentSignOnY2)
	}
	var room Money
	roomKnown := false
	roomOf := func() Money {
		if !roomKnown {
			roomKnown = true
			room = x.signOnRoom(high, hc)
		}
		return room
	}
	year := func(cur decimal.Decimal, ask, lo, hi askPart) Money {
		if !ask.pos || !hi.pos {
			return 0
		}
		c := x.moneyOf(cur)
		if perYear {
			return x.cleanFigureMoney(c, ask, lo, hi, signOnStepM)
		}
		if x.mulInt(signOnStepM, floorDiv(x.add(c, hi.v).round(6), signOnStepM)) <= c {
			return 0
		}
		return x.cleanFigureMoney(c, ask, lo, partOfMoney(roomOf()), signOnStepM)
	}
	y1 := year(o.SignOnY1, part[inSignOnY1], low[inSignOnY1], high[inSignOnY1])
	y2 := year(o.SignOnY2, part[inSignOnY2], low[inSignOnY2], high[inSignOnY2])
	if len(a.Years) < 2 {
		y2 = 0
	}
	if !x.ok() || base < 0 || grant < 0 || y1 < 0 || y2 < 0 {
		return out, false
	}
	if y1+y2 > 0 {
		// Where the rounded years pass the cap on their sum, the year
		// rounded up the most (over its part or low ask, whichever is
		// larger) comes down a step, as cleanSignOn does.
		r := roomOf()
		for i := 0; x.ok() && y1+y2 > r; i++ {
			m1, exact1 := x.maxPart(part[inSignOnY1], low[inSignOnY1])
			m2, exact2 := x.maxPart(part[inSignOnY2], low[inSignOnY2])
			over1, over2 := x.sub(y1, m1), x.sub(y2, m2)
			if i == 1000 || (y1 > 0 && y2 > 0 && over1 == over2 && !(exact1 && exact2)) {
				// A tie the cut parts cannot settle: decimal settles it.
				x.lost = true
				break
			}
			if y2 > 0 && (over2 >= over1 || y1 <= 0) {
				y2 = x.sub(y2, signOnStepM)
			} else {
				y1 = x.sub(y1, signOnStepM)
			}
		}
		y1, y2 = max(y1, 0), max(y2, 0)
		if !x.ok() {
			return out, false
		}
	}
	out[inBase], out[inGrant], out[inSignOnY1], out[inSignOnY2] = base, grant, y1, y2
	return out, true
}

// growthMoney is the Money twin of one of the engine's growth tables
// (e.growth or a scenario's), nil for none.
func (e *Engine) growthMoney(growth []decimal.Decimal) []Money {
	if e.growthM == nil || len(growth) == 0 {
		return nil
	}
	if &growth[0] == &e.growth[0] {
		return e.growthM
	}
	for i, g := range e.scenarioGrowth {
		if &growth[0] == &g[0] {
			return e.scenarioGrowthM[i]
		}
	}
	return nil
}

// yearTableMoney is yearTable worked out in Money, each figure then
// turned into a decimal once (the inputs themselves where a figure is an
// input); false, with out untouched, when one could not be exact.
func (e *Engine) yearTableMoney(in yearInputs, grant decimal.Decimal, growth []Money, out []YearTotals) bool {
	h := e.opts.Years
	if h > maxMoneyYears {
		return false
	}
	var x exact
	var ys [maxMoneyYears][5]Money // base, RSU, refresh, bonus, total
	base, y1, y2 := e.yearPartsMoney(&x, in, grant, growth, &ys)
	if !x.ok() {
		return false
	}
	for t := 1; t <= h; t++ {
		y := &ys[t-1]
		o := YearTotals{Year: t, Base: in.Base, RSU: y[1].Decimal(), Refresh: y[2].Decimal(), Bonus: y[3].Decimal(), Total: y[4].Decimal(),
			m: [6]Money{y[0], 0, y[1], y[2], y[3], y[4]}, mOK: true}
		if y[0] != base {
			o.Base = y[0].Decimal()
		}
		switch t {
		case 1:
			o.SignOn, o.m[1] = in.SignOnY1, y1
		case 2:
			o.SignOn, o.m[1] = in.SignOnY2, y2
		}
		out[t-1] = o
	}
	return true
}

// scenarioTotalMoney is scenario i's H-year total worked out in Money.
func (e *Engine) scenarioTotalMoney(o *Offer, g decimal.Decimal, i int) (decimal.Decimal, bool) {
	if e.growthM == nil || e.scenarioGrowthM[i] == nil || e.opts.Years > maxMoneyYears {
		return decimal.Decimal{}, false
	}
	var x exact
	var buf [maxMoneyYears]Money
	years := buf[:e.opts.Years]
	e.yearTotalsMoney(&x, inputsOf(o), g, e.scenarioGrowthM[i], years)
	var total Money
	for _, y := range years {
		total = x.add(total, y)
	}
	if !x.ok() {
		return decimal.Decimal{}, false
	}
	return total.Decimal(), true
}

// appendDollars appends m as Dollars writes it: whole dollars (half-even)
// with thousands separators, "$1,140,000" or "-$5,000".
func appendDollars(buf []byte, m Money) []byte {
	v := int64(m.Fixed(0))
	if v < 0 {
		buf = append(buf, '-')
		v = -v
	}
	buf = append(buf, '$')
	var digits [20]byte
	s := appendInt(digits[:0], v)
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, c)
	}
	return buf
}

// yearFlagsMoney is yearFlags worked out in Money: the same flags and the
// same messages; false when a figure could not be exact.
func yearFlagsMoney(a *Analysis, p *Playbook) ([]Flag, bool) {
	var x exact
	ys := a.Years
	if len(ys) > maxMoneyYears {
		return nil, false
	}
	var tot [maxMoneyYears]Money
	for i := range ys {
		tot[i] = x.moneyOf(ys[i].Total)
	}
	limit := x.sub(moneyUnit, x.moneyOf(p.YoYDropPct)/100)
	if x.moneyOf(p.YoYDropPct)%100 != 0 {
		x.lost = true
	}
	if !x.ok() {
		return nil, false
	}
	var flags []Flag
	if len(ys) >= 3 && tot[2] < tot[0] {
		cause, ok := cliffCauseMoney(&x, ys[0], ys[2])
		if !ok {
			return nil, false
		}
		msg := append([]byte("Year 3 pays "), nil...)
		msg = appendDollars(msg, x.sub(tot[0], tot[2]))
		msg = append(msg, " less than year 1: "...)
		msg = append(msg, cause...)
		msg = append(msg, '.')
		flags = append(flags, Flag{FlagCliffY3, SeverityWarning, string(msg)})
	}
	var drops []byte
	for t := 1; t < len(ys); t++ {
		if tot[t] < x.mul(tot[t-1], limit) {
			fall := x.sub(tot[t-1], tot[t])
			q := x.divRound(x.mulInt(fall, 100), tot[t-1], 1)
			if !x.ok() || q < 0 {
				return nil, false
			}
			if len(drops) > 0 {
				drops = append(drops, "; "...)
			}
			drops = append(drops, "year "...)
			drops = appendInt(drops, int64(t+1))
			drops = append(drops, " falls "...)
			drops = appendInt(drops, q/10)
			drops = append(drops, '.', byte('0'+q%10))
			drops = append(drops, "% ("...)
			drops = appendDollars(drops, fall)
			drops = append(drops, ')')
		}
	}
	if !x.ok() {
		return nil, false
	}
	if len(drops) > 0 {
		flags = append(flags, Flag{FlagYoYDrop, SeverityWarning,
			"Pay drops more than " + p.YoYDropPct.String() + "% year over year: " + string(drops) + "."})
	}
	return flags, true
}

// cliffCauseMoney is cliffCause worked out in Money.
func cliffCauseMoney(x *exact, y1, y3 YearTotals) (string, bool) {
	s1, s3 := x.moneyOf(y1.SignOn), x.moneyOf(y3.SignOn)
	vest1 := x.add(x.moneyOf(y1.RSU), x.moneyOf(y1.Refresh))
	vest3 := x.add(x.moneyOf(y3.RSU), x.moneyOf(y3.Refresh))
	if !x.ok() {
		return "", false
	}
	signOn, tapers := s1 > s3, vest3 < vest1
	d := func(m Money) string { return string(appendDollars(nil, m)) }
	switch {
	case signOn && tapers:
		return "the sign-on ends (" + d(s1) + " in year 1) and the front-loaded vesting tapers (" + d(vest1) + " vested in year 1, " + d(vest3) + " in year 3)", true
	case signOn && vest3 > vest1:
		return "the sign-on (" + d(s1) + " in year 1) ends before the back-loaded vesting makes up for it", true
	case signOn:
		return "the sign-on (" + d(s1) + " in year 1) ends", true
	case tapers:
		return "the front-loaded vesting tapers (" + d(vest1) + " vested in year 1, " + d(vest3) + " in year 3)", true
	}
	return "a first-year payment ends", true
}

// pct is pct(v, p), p percent of v, worked out in Money when exact.
func (e *Engine) pct(v, p decimal.Decimal) decimal.Decimal {
	if e.fast {
		var x exact
		m, q := x.moneyOf(v), x.moneyOf(p)
		if r := x.mul(m, q); x.ok() && r%100 == 0 {
			return (r / 100).Decimal()
		}
	}
	return pct(v, p)
}
