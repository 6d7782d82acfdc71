package analyzer

import "github.com/shopspring/decimal"

// quarterM is 0.25 as a Money.
const quarterM = moneyUnit / 4

// exactOf is the value of an askPart that must be exact; x lost when it
// is not.
func (x *exact) exactOf(p askPart) Money {
	if !p.exact {
		x.lost = true
	}
	return p.v
}

// scalePart is decimal's d.Mul(r × 10^-16) of one input of a change as
// an askPart: the exact product of a non-negative exact input and the
// 16-place ratio r ≥ 0, cut to ten places.
func (x *exact) scalePart(p askPart, r int64) askPart {
	switch {
	case !p.pos:
		if p.neg {
			x.lost = true
		}
		return askPart{exact: true}
	case !p.exact:
		x.lost = true
		return askPart{}
	}
	v := x.mulTrunc16(p.v, r)
	// Exact when the cut dropped nothing: v × 10^16 = p.v × r.
	return askPart{v: v, pos: r > 0, exact: mul64(uint64(v), uint64(pow10i[16])) == mul64(uint64(p.v), uint64(r))}
}

// headlineDeltaM is headlineDelta in Money: how much a change moves the
// headline figure, from the change's base and grant, its Δ total, Δ year
// 1 and Δ of the first four years, over h years; x lost when it could not
// be exact (the Δ of annual total comp over fewer than four years, a
// 12-place division, mostly is not).
func (x *exact) headlineDeltaM(c Component, base, grant, total, d1, d4 Money, h int) Money {
	switch c {
	case ComponentTotalY1:
		return d1
	case ComponentBaseEquityAvg:
		return x.add(base, x.mul(grant, quarterM))
	}
	n := annualYears(h)
	if n == 4 {
		if h == 4 {
			return x.mul(total, quarterM)
		}
		return x.mul(d4, quarterM)
	}
	q := x.divRound(total, x.mulInt(moneyUnit, int64(n)), 12)
	if q%100 != 0 {
		x.lost = true
	}
	return Money(q / 100)
}

// deltaOfM is a change's Δ total, Δ year 1 and Δ of the first four years
// in Money (the year table of the change alone, see Change).
func (e *Engine) deltaOfM(x *exact, a *Analysis, c changeM) (total, d1, d4 Money) {
	var ys [maxMoneyYears][5]Money
	e.yearPartsM(x, c, x.moneyOf(a.Offer.BonusPct), &a.Offer.Schedule, e.growthM, &ys)
	for t := range a.Years {
		total = x.add(total, ys[t][4])
		if t < 4 {
			d4 = total
		}
	}
	return total, ys[0][4], d4
}

// reciprocalsM works out pricing's figures in Money once: the total, the
// headline value and band min, and the 24-place reciprocals (slope,
// pctOfTotal) as decimal's DivRound gives them; x lost when one could not
// be exact or the slope is zero (the decimal rule then places the offer).
func (e *Engine) reciprocalsM(x *exact, p *pricing) {
	if !p.mPlaced {
		p.mPlaced = true
		var y exact
		p.mTotal = y.moneyOf(p.a.Total)
		if p.mTotal != 0 {
			p.mPct, p.mPctNeg = y.recip24(100*moneyUnit, p.mTotal)
		}
		if h := p.h; h != nil {
			if e.modelM == nil {
				y.lost = true
			} else {
				p.mValue, p.mMin = y.moneyOf(h.Value), y.moneyOf(h.Band.Min)
				if width := y.sub(y.moneyOf(h.Band.Max), p.mMin); width != 0 {
					p.mSlope, p.mSlopeNeg = y.recip24(e.modelM.span, width)
				}
				if p.mSlope == (u128{}) {
					y.lost = true
				}
			}
		}
		p.mOK = y.ok()
	}
	if !p.mOK {
		x.lost = true
	}
}

// placeM is place in Money for a change c with the given Δs: the headline
// percentile after it (when the offer has a headline band) and its Δ total
// as a percentage of the H-year total, each rounded to ten places half
// away from zero as decimal's Round(10) of the exact product.
func (e *Engine) placeM(x *exact, p *pricing, c changeM, dt, d1, d4 Money) (pctl, tierPct Money) {
	e.reciprocalsM(x, p)
	if !x.ok() {
		return 0, 0
	}
	if h := p.h; h != nil {
		v := x.add(p.mValue, x.headlineDeltaM(h.Component, c[inBase], c[inGrant], dt, d1, d4, len(p.a.Years)))
		ud, dneg := abs(int64(x.sub(v, p.mMin)))
		prod, ok := p.mSlope.mul(ud)
		// Low + (v − min) × slope, in counts of 10^-34.
		ul, lneg := abs(int64(e.modelM.low))
		low, ok2 := mul64(ul, uint64(pow10i[12])).mul(uint64(pow10i[12]))
		sum, neg, ok3 := addSigned(low, lneg, prod, dneg != p.mSlopeNeg)
		if !ok || !ok2 || !ok3 {
			x.lost = true
			return 0, 0
		}
		pctl = min(max(x.money128(sum.roundPow10(24), neg), 1*moneyUnit), 99*moneyUnit)
	}
	return pctl, x.mulRecip24(dt, p.mPct, p.mPctNeg)
}

// counterMoney is the counter-offer of a brief analysis worked out in
// Money (see counter): the same asks, package, percentile, tier and
// status, into c; false, with c to be built again, when a figure could
// not be exact.
func (e *Engine) counterMoney(a *Analysis, pr *pricing, levers []LeverResult, order []LeverName, limit int, c *Counter) bool {
	if e.growthM == nil || len(a.Years) > maxMoneyYears {
		return false
	}
	var x exact
	o := a.Offer
	years := len(a.Years)
	h := pr.h
	var sum changeM
	var first LeverName
	asks := 0
	var kept []CounterAsk // the asks as decimals, for an email draft
	ask := func(name LeverName, part changeM) {
		if asks == 0 {
			first = name
		}
		asks++
		sum = x.addChange(sum, part)
		if e.opts.EmailDrafts {
			kept = append(kept, CounterAsk{Lever: name, Change: part.change()})
		}
	}
	var goal, need, value Money
	if h == nil {
		limit = min(limit, round1LeversNoBand)
		for _, name := range order {
			l, ok := findLever(levers, name)
			if !ok || !counterLevers[name] || !canMove(l) || asks == limit || (name == LeverBase && o.RoundNumber() < 2) {
				continue
			}
			low, high := x.partsOfImpact(&l.Low), x.partsOfImpact(&l.High)
			hc := highAskOf(&l.High)
			part, ok := e.cleanAskMoney(&x, a, low, low, high, &hc)
			if !ok {
				return false
			}
			if !part.isZero() {
				ask(name, part)
			}
		}
	} else {
		goal = e.pointM(&x, e.opts.Target, h.Band.Min, h.Band.Max)
		value = x.moneyOf(h.Value)
		need = x.sub(goal, value)
		for _, name := range order {
			l, ok := findLever(levers, name)
			if !ok || !counterLevers[name] || !canMove(l) || need <= 0 || asks == limit {
				continue
			}
			if !l.High.deltaOK && l.High.capF == 0 {
				return false
			}
			low, high := x.partsOfImpact(&l.Low), x.partsOfImpact(&l.High)
			part := high
			if f := l.High.capF; f != 0 {
				// A capped sign-on: the gain in counts of 10^-28.
				gain := x.cappedGain(h.Component, l.High.chM, f, years)
				if !x.ok() {
					return false
				}
				if gain == (u128{}) {
					continue
				}
				if gain.cmp(mul64(uint64(need), uint64(pow10i[18]))) > 0 {
					r := x.divRound16(need, gain)
					for i := range part {
						part[i] = x.scaledByRatio(l.High.chM[i], f, r)
					}
				}
			} else {
				var base, grant Money
				if h.Component == ComponentBaseEquityAvg {
					base, grant = x.exactOf(high[inBase]), x.exactOf(high[inGrant])
				}
				gain := x.headlineDeltaM(h.Component, base, grant, l.High.deltaM, l.High.d1M, l.High.d4M, years)
				if !x.ok() {
					return false
				}
				if gain <= 0 {
					continue
				}
				if gain > need {
					r := x.divRound(need, gain, 16)
					for i := range part {
						part[i] = x.scalePart(high[i], r)
					}
				}
			}
			hc := highAskOf(&l.High)
			clean, ok := e.cleanAskMoney(&x, a, part, low, high, &hc)
			if !ok {
				return false
			}
			if clean.isZero() {
				continue
			}
			ask(name, clean)
			dt, d1, d4 := e.deltaOfM(&x, a, clean)
			need = x.sub(need, x.headlineDeltaM(h.Component, clean[inBase], clean[inGrant], dt, d1, d4, years))
		}
	}
	if !x.ok() {
		return false
	}
	if sum.isZero() {
		c.DeltaTotal, c.TierPct = decimal.Zero, decimal.Zero
		if h != nil {
			c.Percentile = decimal.NewNullDecimal(h.Percentile)
		}
		c.Tier = e.tierOf(decimal.Zero, a.Total)
	} else {
		dt, d1, d4 := e.deltaOfM(&x, a, sum)
		pctl, tierPct := e.placeM(&x, pr, sum, dt, d1, d4)
		base, grant := x.add(x.moneyOf(o.Base), sum[inBase]), x.add(x.moneyOf(a.Grant), sum[inGrant])
		y1, y2 := x.add(x.moneyOf(o.SignOnY1), sum[inSignOnY1]), x.add(x.moneyOf(o.SignOnY2), sum[inSignOnY2])
		if !x.ok() {
			return false
		}
		// The figures stay in Money (see Counter.Figures).
		c.Tier = e.tierOfM(dt, pr.mTotal)
		c.Base, c.Grant, c.SignOnY1, c.SignOnY2 = decimal.Decimal{}, decimal.Decimal{}, decimal.Decimal{}, decimal.Decimal{}
		c.m = counterM{base: base, grant: grant, signOnY1: y1, signOnY2: y2, delta: dt, tierPct: tierPct, pctl: pctl,
			hasPctl: h != nil, ok: true}
	}
	switch {
	case h == nil:
		c.Status = CounterNoBand
	case asks == 0 && value >= goal:
		c.Status = CounterMet
	case need > 0:
		c.Status = CounterUnreachable
	default:
		c.Status = CounterReachable
	}
	c.First = first
	c.Asks = kept
	return true
}

// change is c as a Change of exact decimals.
func (c changeM) change() Change {
	return Change{Base: c[inBase].Decimal(), SignOnY1: c[inSignOnY1].Decimal(), SignOnY2: c[inSignOnY2].Decimal(),
		Grant: c[inGrant].Decimal(), Refresher: c[inRefresher].Decimal(), BonusY1TopUp: c[inTopUp].Decimal()}
}

// partsOfImpact is the change of a lever's ask as askParts, from Money
// when the lever was priced in Money, scaled by capF when it has one.
func (x *exact) partsOfImpact(imp *LeverImpact) askParts {
	var p askParts
	switch {
	case imp.capF != 0:
		for i, m := range imp.chM {
			p[i] = x.scaledPart(m, imp.capF)
		}
	case imp.chOK:
		for i, m := range imp.chM {
			p[i] = partOfMoney(m)
		}
	default:
		p = x.partsOf(imp.Change)
	}
	return p
}

// scaledPart is m × f × 10^-16 (m, f ≥ 0) as an askPart: cut to ten
// places, exact when the cut dropped nothing.
func (x *exact) scaledPart(m Money, f int64) askPart {
	if m < 0 || f < 0 {
		x.lost = true
		return askPart{}
	}
	q, r := mul64(uint64(m), uint64(f)).divRem(uint64(pow10i[16]))
	return askPart{v: x.money128(q, false), pos: m > 0 && f > 0, exact: r == 0}
}

// highAskOf is a lever's high ask as the sign-on cap reads it.
func highAskOf(imp *LeverImpact) highAsk {
	if imp.capF != 0 {
		return highAsk{f: imp.capF, y1: imp.chM[inSignOnY1], y2: imp.chM[inSignOnY2]}
	}
	return highAsk{dec: &imp.Change}
}

// cappedGain is headlineDelta of a sign-on ask scaled by a cap (capF,
// see LeverImpact) in counts of 10^-28: the sign-on years y1, y2 times
// f × 10^-16 enter the years' totals as they are, so Δ year 1 is y1·f, Δ
// of the first four years and the H-year Δ are (y1 + y2)·f (y1·f for one
// year), and the Δ of annual total comp their quarter, or the H-year Δ
// over H rounded to 12 places when H is below four.
func (x *exact) cappedGain(c Component, y changeM, f int64, years int) u128 {
	y1, y2 := y[inSignOnY1], y[inSignOnY2]
	if y1 < 0 || y2 < 0 || f < 0 || y[inBase] != 0 || y[inGrant] != 0 || y[inRefresher] != 0 || y[inTopUp] != 0 {
		x.lost = true
		return u128{}
	}
	t := y1
	if years >= 2 {
		t = x.add(y1, y2)
	}
	var g u128
	ok := true
	switch c {
	case ComponentTotalY1:
		g, ok = mul64(uint64(y1), uint64(f)).mul(100)
	case ComponentBaseEquityAvg:
	default:
		if n := annualYears(years); n == 4 {
			g, ok = mul64(uint64(t), uint64(f)).mul(25)
		} else {
			// DivRound(n, 12): counts of 10^-26 over n·10^14, then × 10^16.
			g, ok = mul64(uint64(t), uint64(f)).divRound(uint64(n) * uint64(pow10i[14])).mul(uint64(pow10i[16]))
		}
	}
	if !ok {
		x.lost = true
	}
	return g
}

// scaledByRatio is m × f × 10^-16 × r × 10^-16 (m, f, r ≥ 0) cut to ten
// places as an askPart: a capped sign-on year's part of the gap.
func (x *exact) scaledByRatio(m Money, f, r int64) askPart {
	if m < 0 || f < 0 || r < 0 {
		x.lost = true
		return askPart{}
	}
	p := mul192(mul64(uint64(m), uint64(f)), uint64(r))
	q, _ := p.divRem(uint64(pow10i[16]))
	q, _ = q.divRem(uint64(pow10i[16]))
	if q[1] != 0 || q[2] != 0 {
		x.lost = true
		return askPart{}
	}
	return askPart{v: x.signed(q[0], false), pos: m > 0 && f > 0 && r > 0}
}

// counterM is a counter-offer's package, Δ total and percentile in Money
// when ok (a counter worked out in Money): what Reduce reads.
type counterM struct {
	base, grant, signOnY1, signOnY2, delta, tierPct, pctl Money
	hasPctl, ok                                           bool
}

// CounterFigures are a counter-offer's package, its Δ total, the
// percentile it reaches and its share of the H-year total.
type CounterFigures struct {
	Base, Grant, SignOnY1, SignOnY2, DeltaTotal, TierPct decimal.Decimal
	Percentile                                           decimal.NullDecimal
}

// Figures returns the counter-offer's figures: its fields, or their Money
// when a brief analysis worked them out in Money and left the fields
// unset.
func (c *Counter) Figures() CounterFigures {
	if m := &c.m; m.ok {
		f := CounterFigures{Base: m.base.Decimal(), Grant: m.grant.Decimal(), SignOnY1: m.signOnY1.Decimal(),
			SignOnY2: m.signOnY2.Decimal(), DeltaTotal: m.delta.Decimal(), TierPct: m.tierPct.Decimal()}
		if m.hasPctl {
			f.Percentile = decimal.NewNullDecimal(m.pctl.Decimal())
		}
		return f
	}
	return CounterFigures{Base: c.Base, Grant: c.Grant, SignOnY1: c.SignOnY1, SignOnY2: c.SignOnY2,
		DeltaTotal: c.DeltaTotal, TierPct: c.TierPct, Percentile: c.Percentile}
}
