package analyzer

import "github.com/shopspring/decimal"

// The levers of a brief analysis priced in Money: the same asks as the
// lever functions in levers.go, worked out without a decimal (a brief
// analysis reads of its lever table only the Δ totals, ranks and tiers
// and, in the counter-offer, the changes). Each returns false when a
// figure could not be exact; the lever is then priced in decimal. Notes
// and caps, which a brief analysis never reads, are left out.

// leversInMoney reports whether p's levers can be priced in Money: a
// brief analysis of at most four years on a fast engine.
func (e *Engine) leversInMoney(p *pricing) bool {
	return p.brief && e.fast && e.growthM != nil && len(p.a.Years) <= 4
}

// inMoney prices a lever with its Money twin, else in decimal.
func (e *Engine) inMoney(p *pricing, m func(*Engine, *pricing) (LeverResult, bool), d func(*Engine, *pricing) LeverResult) LeverResult {
	if r, ok := m(e, p); ok {
		return r
	}
	return d(e, p)
}

// pctM is pct in Money: p percent of v, exact or x lost.
func (x *exact) pctM(v Money, p decimal.Decimal) Money {
	r := x.mul(v, x.moneyOf(p))
	if r%100 != 0 {
		x.lost = true
	}
	return r / 100
}

// pricedM is priced for a brief analysis whose changes are in Money: the
// high ask's Δs in Money (lazy, see LeverImpact), its tier, and both
// changes kept in Money until read (see LeverImpact.materialize).
func (e *Engine) pricedM(x *exact, p *pricing, name LeverName, low, high changeM) LeverResult {
	imp := LeverImpact{chM: high, chOK: true, deltaOK: true, lazy: true}
	imp.deltaM, imp.d1M, imp.d4M = e.deltaOfM(x, p.a, high)
	total := x.moneyOf(p.a.Total)
	if !x.ok() {
		return LeverResult{}
	}
	imp.Tier = e.tierOfM(imp.deltaM, total)
	return LeverResult{Lever: name, Available: true, High: imp, Low: LeverImpact{chM: low, chOK: true}}
}

func (e *Engine) rsuLeverM(pr *pricing) (LeverResult, bool) {
	a := pr.a
	p := e.playbook.RSU
	var x exact
	g := x.moneyOf(a.Grant)
	if g == 0 {
		return LeverResult{}, false
	}
	high, low := x.pctM(g, p.High), x.pctM(g, p.Low)
	capped := false
	if b, ok := a.band(ComponentRSU4yr); ok && a.Market.OwnBand() {
		room := max(0, x.sub(x.moneyOf(b.Max), g))
		capped = high > room
		low, high = min(low, room), min(high, room)
	}
	if !x.ok() {
		return LeverResult{}, false
	}
	r := e.pricedM(&x, pr, LeverRSU, changeM{inGrant: low}, changeM{inGrant: high})
	r.Capped = capped
	return r, x.ok()
}

func (e *Engine) baseLeverM(pr *pricing) (LeverResult, bool) {
	a := pr.a
	o := a.Offer
	p := e.playbook
	var x exact
	base := x.moneyOf(o.Base)
	high, low := x.pctM(base, p.Base.High), x.pctM(base, p.Base.Low)
	capped := false
	if c, _ := e.baseCeiling(a); c.Valid {
		room := max(0, x.sub(x.moneyOf(c.Decimal), base))
		capped = high > room
		low, high = min(low, room), min(high, room)
	}
	if !x.ok() {
		return LeverResult{}, false
	}
	r := e.pricedM(&x, pr, LeverBase, changeM{inBase: low}, changeM{inBase: high})
	r.Capped = capped
	return r, x.ok()
}

func (e *Engine) perfBonusLeverM(pr *pricing) (LeverResult, bool) {
	a := pr.a
	p := e.playbook
	var x exact
	y := &a.Years[0]
	base := y.m[0]
	if !y.mOK {
		base = x.moneyOf(y.Base)
	}
	target := x.mul(base, x.moneyOf(a.Offer.BonusPct))
	topUp := func(q decimal.Decimal) Money { return max(0, x.sub(x.pctM(base, q), target)) }
	high := topUp(p.PerfBonus.High)
	low := topUp(p.PerfBonus.Low)
	if !x.ok() {
		return LeverResult{}, false
	}
	r := e.pricedM(&x, pr, LeverPerfBonus, changeM{inTopUp: low}, changeM{inTopUp: high})
	return r, x.ok()
}

func (e *Engine) signOnLeverM(pr *pricing) (LeverResult, bool) {
	a := pr.a
	o := a.Offer
	p := e.playbook
	var x exact
	s1, s2 := x.moneyOf(o.SignOnY1), x.moneyOf(o.SignOnY2)
	total := x.add(s1, s2)
	b1, b2, bt, has1, has2, hasTotal := a.signOnBands()
	perYear := has1 && has2
	split := func(t Money) changeM {
		y1 := x.pctM(t, p.SignOnSplitY1)
		return changeM{inSignOnY1: y1, inSignOnY2: x.sub(t, y1)}
	}
	var low, high changeM
	switch {
	case total == 0 && a.Market != nil && a.Market.HeadlineFigure() != nil && !a.Market.OwnBand():
		atc := x.moneyOf(a.AnnualTotalComp)
		high, low = split(x.pctM(atc, p.SignOnBridge.High)), split(x.pctM(atc, p.SignOnBridge.Low))
	case total == 0:
		if !perYear && !hasTotal {
			return LeverResult{Lever: LeverSignOn, Note: "no sign-on and no market band to price one"}, true
		}
		at := func(q decimal.Decimal) changeM {
			if perYear {
				return changeM{inSignOnY1: e.pointM(&x, q, b1.Min, b1.Max), inSignOnY2: e.pointM(&x, q, b2.Min, b2.Max)}
			}
			return split(e.pointM(&x, q, bt.Min, bt.Max))
		}
		high, low = at(p.SignOnNone.High), at(p.SignOnNone.Low)
	default:
		high = changeM{inSignOnY1: x.pctM(s1, p.SignOn.High), inSignOnY2: x.pctM(s2, p.SignOn.High)}
		low = changeM{inSignOnY1: x.pctM(s1, p.SignOn.Low), inSignOnY2: x.pctM(s2, p.SignOn.Low)}
	}
	// capChange caps a change; f is not zero when a cap on the total
	// scales it by f × 10^-16 and the scaled years are not exact in Money
	// (c then is the change before scaling).
	capChange := func(c changeM) (_ changeM, f int64, cut bool) {
		switch {
		case perYear:
			room1 := max(0, x.sub(x.moneyOf(b1.Max), s1))
			room2 := max(0, x.sub(x.moneyOf(b2.Max), s2))
			cut = c[inSignOnY1] > room1 || c[inSignOnY2] > room2
			c[inSignOnY1], c[inSignOnY2] = min(c[inSignOnY1], room1), min(c[inSignOnY2], room2)
		case hasTotal:
			room := max(0, x.sub(x.moneyOf(bt.Max), total))
			if ask := x.add(c[inSignOnY1], c[inSignOnY2]); ask > room {
				// c.Scale(room.DivRound(ask, 16)).
				cut = true
				f := x.divRound(room, ask, 16)
				var y exact
				if v1, v2 := y.mulShift(c[inSignOnY1], f, 16), y.mulShift(c[inSignOnY2], f, 16); y.ok() {
					c[inSignOnY1], c[inSignOnY2] = v1, v2
				} else {
					return c, f, cut
				}
			}
		}
		return c, 0, cut
	}
	high, fh, cut := capChange(high)
	low, fl, _ := capChange(low)
	if !x.ok() {
		return LeverResult{}, false
	}
	if fh == 0 && fl == 0 {
		r := e.pricedM(&x, pr, LeverSignOn, low, high)
		r.Capped = cut
		return r, x.ok()
	}
	// Asks scaled past ten places: priced in decimal, as signOnLever
	// prices them, each kept unscaled in Money too for the counter-offer.
	scaled := func(c changeM, f int64) Change {
		if f == 0 {
			return c.decimal()
		}
		fd := decimal.New(f, -16)
		d := func(m Money) decimal.Decimal {
			if m == 0 {
				return decimal.Zero
			}
			return m.Decimal().Mul(fd)
		}
		return Change{SignOnY1: d(c[inSignOnY1]), SignOnY2: d(c[inSignOnY2])}
	}
	r := e.priced(pr, LeverSignOn, scaled(low, fl), scaled(high, fh), decimal.Zero, decimal.Zero)
	r.Capped = cut
	if fh != 0 {
		r.High.chM, r.High.capF = high, fh
	}
	if fl != 0 {
		r.Low.chM, r.Low.capF = low, fl
	}
	return r, true
}

func (e *Engine) levelLeverM(pr *pricing) (LeverResult, bool) {
	a := pr.a
	o := a.Offer
	p := e.playbook
	if a.Market == nil {
		return LeverResult{}, false
	}
	next, ok := p.NextLevel[a.Market.BandLevel]
	if !ok {
		return LeverResult{Lever: LeverLevel}, true
	}
	key := a.Market.Key
	key.Level = next
	var premium Premium
	if a.Market.Premium != nil {
		premium = *a.Market.Premium
	}
	pkg := e.levelPackageFor(key, premium)
	if !pkg.own && a.Market.Differential != nil {
		return LeverResult{}, false
	}
	var x exact
	var c changeM
	found := false
	raise := func(cur decimal.Decimal, point decimal.NullDecimal) Money {
		if !point.Valid {
			return 0
		}
		found = true
		return max(0, x.sub(x.moneyOf(point.Decimal), x.moneyOf(cur)))
	}
	c[inBase] = raise(o.Base, pkg.base)
	c[inGrant] = raise(a.Grant, pkg.grant)
	switch {
	case !pkg.own:
	case pkg.signOnY1.Valid:
		c[inSignOnY1] = raise(o.SignOnY1, pkg.signOnY1)
		c[inSignOnY2] = raise(o.SignOnY2, pkg.signOnY2)
	case pkg.signOnTotal.Valid:
		found = true
		if extra := x.sub(x.moneyOf(pkg.signOnTotal.Decimal), x.add(x.moneyOf(o.SignOnY1), x.moneyOf(o.SignOnY2))); extra > 0 {
			c[inSignOnY1] = x.pctM(extra, p.SignOnSplitY1)
			c[inSignOnY2] = x.sub(extra, c[inSignOnY1])
		}
	}
	if !found {
		return LeverResult{Lever: LeverLevel}, true
	}
	if !x.ok() {
		return LeverResult{}, false
	}
	r := e.pricedM(&x, pr, LeverLevel, c, c)
	return r, x.ok()
}
