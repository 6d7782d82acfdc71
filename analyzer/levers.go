package analyzer

import (
	"cmp"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// LeverImpact is what one ask of a lever is worth: the change to the offer's
// inputs, its effect year by year and in total, and where it puts the offer.
type LeverImpact struct {
	// Ask is the size of the ask in dollars of the input it changes (grant
	// dollars for rsu, yearly dollars for base, y1+y2 dollars for sign_on,
	// the package's Δ total for level).
	Ask decimal.Decimal
	// Change is the change to the offer's money inputs.
	Change Change
	// Delta is Δ total_t for t = 1..H; DeltaTotal their sum. In a brief
	// analysis with H ≤ 4, worked out in Money, only Δ year 1 is kept
	// (the rest read zero): the headline reads no other.
	Delta      []decimal.Decimal
	DeltaTotal decimal.Decimal
	// deltaM is DeltaTotal in Money when deltaOK (worked out in Money),
	// d1M Δ year 1 and d4M the Δ of the first four years. When lazy (a
	// brief analysis, H ≤ 4) Delta and DeltaTotal are left unset: read
	// them through total and materialize.
	deltaM, d1M, d4M Money
	deltaOK, lazy    bool
	// chM is Change in Money when chOK (a brief analysis's lever priced
	// in Money): Change is then unset until materialize.
	chM  changeM
	chOK bool
	// capF, when not zero, is the 16-place factor a sign-on cap scaled
	// this ask by (see signOnLever): Change then holds the scaled
	// change and chM the change before scaling, so the counter-offer
	// works it out in Money (see partsOfImpact).
	capF int64
	// HeadlinePercentile is the headline percentile after the change,
	// measured in the offer's own band; invalid without a band.
	HeadlinePercentile decimal.NullDecimal
	// TierPct is DeltaTotal as a percentage of the H-year total, and Tier
	// who approves it (see "The levers and who approves them" in docs/METHOD.md).
	TierPct decimal.Decimal
	Tier    string
}

// total is DeltaTotal, worked out from Money when lazy.
func (imp *LeverImpact) total() decimal.Decimal {
	if imp.lazy {
		return imp.deltaM.Decimal()
	}
	return imp.DeltaTotal
}

// deltaSign is the sign of DeltaTotal.
func (imp *LeverImpact) deltaSign() int {
	if imp.deltaOK {
		switch {
		case imp.deltaM > 0:
			return 1
		case imp.deltaM < 0:
			return -1
		}
		return 0
	}
	return imp.DeltaTotal.Sign()
}

// cmpDelta compares two impacts' Δ totals, in Money when both have it.
func cmpDelta(a, b *LeverImpact) int {
	if a.deltaOK && b.deltaOK {
		return cmp.Compare(a.deltaM, b.deltaM)
	}
	return a.total().Cmp(b.total())
}

// materialize sets a lazy impact's Delta (H years, Δ year 1 and zeros:
// H ≤ 4) and DeltaTotal, as a brief analysis keeps them.
func (imp *LeverImpact) materialize(h int) {
	if imp.chOK {
		imp.Change, imp.chOK = imp.chM.decimal(), false
	}
	if !imp.lazy {
		return
	}
	imp.lazy = false
	imp.Delta = make([]decimal.Decimal, h)
	imp.Delta[0] = imp.d1M.Decimal()
	imp.DeltaTotal = imp.deltaM.Decimal()
}

// Change is a change to an offer's money inputs, each a difference (new −
// old). Every year component is linear in these inputs (with the offer's
// schedule, bonus percentage, growth and raises held), so the engine's year
// table of the change alone is exactly analyze(changed) − analyze(offer);
// TestLeverImpactIsDifferenceOfAnalyses proves it for every lever.
type Change struct {
	Base, SignOnY1, SignOnY2, Grant, Refresher, BonusY1TopUp decimal.Decimal
}

// Scale multiplies every part of the change by f.
func (c Change) Scale(f decimal.Decimal) Change {
	return c.each(func(d decimal.Decimal) decimal.Decimal { return d.Mul(f) })
}

// each applies fn to every non-zero part of the change (a decimal
// operation on zero still allocates, and most parts of a change are zero).
func (c Change) each(fn func(decimal.Decimal) decimal.Decimal) Change {
	apply := func(d decimal.Decimal) decimal.Decimal {
		if d.IsZero() {
			return d
		}
		return fn(d)
	}
	return Change{apply(c.Base), apply(c.SignOnY1), apply(c.SignOnY2), apply(c.Grant), apply(c.Refresher), apply(c.BonusY1TopUp)}
}

// Add returns the sum of two changes.
func (c Change) Add(o Change) Change {
	return Change{addNonZero(c.Base, o.Base), addNonZero(c.SignOnY1, o.SignOnY1), addNonZero(c.SignOnY2, o.SignOnY2),
		addNonZero(c.Grant, o.Grant), addNonZero(c.Refresher, o.Refresher), addNonZero(c.BonusY1TopUp, o.BonusY1TopUp)}
}

// IsZero reports whether the change changes nothing.
func (c Change) IsZero() bool {
	return c.Base.IsZero() && c.SignOnY1.IsZero() && c.SignOnY2.IsZero() && c.Grant.IsZero() &&
		c.Refresher.IsZero() && c.BonusY1TopUp.IsZero()
}

// Apply returns the offer with the change made: the lever as "a change to
// the offer". The grant becomes an rsu_value.
func (c Change) Apply(o *Offer, grant decimal.Decimal) Offer {
	changed := *o
	changed.Base = o.Base.Add(c.Base)
	changed.SignOnY1 = o.SignOnY1.Add(c.SignOnY1)
	changed.SignOnY2 = o.SignOnY2.Add(c.SignOnY2)
	changed.RSUValue = decimal.NewNullDecimal(grant.Add(c.Grant))
	changed.RSUShares = decimal.NullDecimal{}
	changed.Refresher = o.Refresher.Add(c.Refresher)
	changed.BonusY1TopUp = o.BonusY1TopUp.Add(c.BonusY1TopUp)
	applyPrivateGrant(&changed, o, grant, c.Grant)
	return changed
}

// LeverResult is one lever for one offer: its low and high ask after caps,
// their impact, and the lever's rank among the offer's levers.
type LeverResult struct {
	Lever LeverName
	// Available is false when the lever cannot be priced for this offer;
	// Note then says why ("needs a market band", "already remote").
	Available bool
	Note      string
	// Capped is true when a cap cut the high ask; Cap is the capped
	// figure's ceiling (e.g. the band max grant).
	Capped    bool
	Cap       decimal.NullDecimal
	Low, High LeverImpact
	// Rank is 1 for the lever worth the most at its high ask; 0 when unavailable.
	Rank int
}

// Counter is the counter-offer (see "The counter-offer" in docs/METHOD.md): the asks, in the level's
// priority order, that bring the headline percentile to the target, or
// without a market band the playbook's round-one asks.
type Counter struct {
	// Status is CounterMet, CounterReachable, CounterUnreachable or
	// CounterNoBand.
	Status string
	Target decimal.Decimal
	// Asks are the levers used, in priority order, with their asks (each
	// rounded up to a clean figure).
	Asks []CounterAsk
	// The counter package. A brief analysis that worked the counter out
	// in Money leaves Base … TierPct and Percentile unset: Figures reads
	// them either way.
	Base, Grant, SignOnY1, SignOnY2 decimal.Decimal
	// Change is the package's change to the offer (empty in a brief
	// analysis).
	Change     Change
	Delta      []decimal.Decimal
	DeltaTotal decimal.Decimal
	// Percentile is the headline percentile the package reaches, measured
	// in the offer's own headline band (it may pass the target, the asks
	// being rounded up); invalid without a band.
	Percentile decimal.NullDecimal
	TierPct    decimal.Decimal
	Tier       string
	// First is the lever of the first ask, "" when nothing is asked: the
	// best lever.
	First LeverName
	// Email is the email to send; empty in a brief analysis.
	Email Email
	// m is the package in Money when the counter was worked out in Money.
	m counterM
}

// CounterAsk is one lever's part of the counter-offer.
type CounterAsk struct {
	Lever  LeverName
	Change Change
}

// Counter statuses.
const (
	CounterMet         = "target already met"
	CounterReachable   = "reachable"
	CounterUnreachable = "not reachable within the playbook"
	CounterNoBand      = "no market band"
)

// pricing holds what every lever of one analysis shares, worked out once:
// the headline figure and the reciprocals that turn a Δ into a percentile
// and a share of the total without a division per ask.
type pricing struct {
	a *Analysis
	h *BandFigure
	// slope is (span high − span low) / band width; zero for a zero-width band.
	slope decimal.Decimal
	// pctOfTotal is 100 / the H-year total.
	pctOfTotal decimal.Decimal
	// scratch is the year table impacts are computed in (made on first
	// use: the Money path needs none), reused; deltas is
	// backing store the impacts' Delta slices are cut from.
	scratch []YearTotals
	deltas  []decimal.Decimal
	// brief skips the low asks (see Engine.AnalyzeBrief).
	brief bool
	// placed is set once slope and pctOfTotal are worked out.
	placed bool
	// The same in Money and 24-place u128 magnitudes (see reciprocalsM),
	// set once mPlaced; mOK when they could be exact.
	mTotal, mValue, mMin Money
	mSlope, mPct         u128
	mSlopeNeg, mPctNeg   bool
	mPlaced, mOK         bool
}

// reciprocalPlaces is the precision of the precomputed reciprocals; results
// built on them are rounded to 10 places, far below the cent and the 0.1
// percentile the outputs show.
const reciprocalPlaces = 24

func (e *Engine) newPricing(a *Analysis) *pricing {
	return &pricing{a: a, h: a.Market.HeadlineFigure()}
}

// lowOr returns the low ask. A brief analysis prices only the high ask,
// but its counter-offer still starts from the low asks, so they are always
// worked out (a multiplication, not a year table).
func (p *pricing) lowOr(_ decimal.Decimal, low func() decimal.Decimal) decimal.Decimal {
	return low()
}

// reciprocals works out slope and pctOfTotal on first use: a brief
// analysis places only its counter-offer.
func (e *Engine) reciprocals(p *pricing) {
	if p.placed {
		return
	}
	p.placed = true
	a := p.a
	if !a.Total.IsZero() {
		p.pctOfTotal = hundred.DivRound(a.Total, reciprocalPlaces)
	}
	if p.h != nil {
		if width := p.h.Band.Max.Sub(p.h.Band.Min); !width.IsZero() {
			p.slope = e.model.High.Sub(e.model.Low).DivRound(width, reciprocalPlaces)
		}
	}
}

// impact runs a change through the engine's year table and places the
// result: Δ per year, Δ total, new headline percentile, approval tier.
func (e *Engine) impact(p *pricing, c Change) LeverImpact {
	imp := e.delta(p, c)
	e.place(p, &imp)
	return imp
}

// delta runs a change through the engine's year table: Δ per year and Δ total.
func (e *Engine) delta(p *pricing, c Change) LeverImpact { return e.deltaOf(p, c, false) }

// deltaOf is delta; with lazy, in a brief analysis with H ≤ 4, worked
// out in Money, it leaves Delta and DeltaTotal unset (see LeverImpact).
func (e *Engine) deltaOf(p *pricing, c Change, lazy bool) LeverImpact {
	a := p.a
	h := len(a.Years)
	imp := LeverImpact{Change: c}
	if lazy && p.brief && h <= 4 && e.growthM != nil {
		if c.IsZero() {
			imp.deltaOK, imp.lazy = true, true
			return imp
		}
		if e.deltaMoney(p, c, &imp) {
			return imp
		}
	}
	if len(p.deltas) < h {
		p.deltas = make([]decimal.Decimal, 16*h)
	}
	imp.Delta = p.deltas[:h:h]
	p.deltas = p.deltas[h:]
	if e.growthM != nil && h <= maxMoneyYears && !c.IsZero() && e.deltaMoney(p, c, &imp) {
		return imp
	}
	if !c.IsZero() {
		diff := yearInputs{Base: c.Base, SignOnY1: c.SignOnY1, SignOnY2: c.SignOnY2, Refresher: c.Refresher,
			BonusY1TopUp: c.BonusY1TopUp, BonusPct: a.Offer.BonusPct, Schedule: &a.Offer.Schedule}
		if p.scratch == nil {
			p.scratch = make([]YearTotals, h)
		}
		for i, y := range e.yearTable(diff, c.Grant, e.growth, p.scratch) {
			imp.Delta[i] = y.Total
			imp.DeltaTotal = addNonZero(imp.DeltaTotal, y.Total)
		}
	} else {
		for i := range imp.Delta {
			imp.Delta[i] = decimal.Zero
		}
	}
	return imp
}

// maxMoneyYears is the longest horizon deltaMoney works out on the stack.
const maxMoneyYears = 16

// deltaMoney is delta's year table in Money (see Money); false, with imp
// untouched, when a figure could not be exact.
func (e *Engine) deltaMoney(p *pricing, c Change, imp *LeverImpact) bool {
	a := p.a
	var x exact
	var buf [maxMoneyYears]Money
	years := buf[:len(a.Years)]
	diff := yearInputs{Base: c.Base, SignOnY1: c.SignOnY1, SignOnY2: c.SignOnY2, Refresher: c.Refresher,
		BonusY1TopUp: c.BonusY1TopUp, BonusPct: a.Offer.BonusPct, Schedule: &a.Offer.Schedule}
	e.yearTotalsMoney(&x, diff, c.Grant, e.growthM, years)
	var total, d4 Money
	for i, y := range years {
		total = x.add(total, y)
		if i < 4 {
			d4 = total
		}
	}
	if !x.ok() {
		return false
	}
	imp.deltaM, imp.d1M, imp.d4M, imp.deltaOK = total, years[0], d4, true
	if imp.Delta == nil {
		// A brief analysis with H ≤ 4 reads Δ per year only through
		// headlineDelta, which reads no year but the first (materialize).
		imp.lazy = true
		return true
	}
	for i, y := range years {
		imp.Delta[i] = y.Decimal()
	}
	imp.DeltaTotal = total.Decimal()
	return true
}

// place works out where a change leaves the offer: the new headline
// percentile, the Δ as a share of the H-year total and the approval tier.
func (e *Engine) place(p *pricing, imp *LeverImpact) {
	e.reciprocals(p)
	a := p.a
	if h := p.h; h != nil {
		v := h.Value.Add(e.headlineDelta(h.Component, *imp))
		if p.slope.IsZero() {
			pc, _ := e.model.Percentile(v, h.Band.Min, h.Band.Max)
			imp.HeadlinePercentile = decimal.NewNullDecimal(pc)
		} else {
			imp.HeadlinePercentile = decimal.NewNullDecimal(e.model.clamp(
				e.model.Low.Add(v.Sub(h.Band.Min).Mul(p.slope)).Round(10)))
		}
	}
	imp.TierPct = imp.DeltaTotal.Mul(p.pctOfTotal).Round(10)
	imp.Tier = e.tierOf(imp.DeltaTotal, a.Total)
}

// headlineDelta is how much a change moves the headline figure: Δ year 1
// for a total_y1 headline, Δ base + Δ grant / 4 for base_equity_avg, else
// the Δ of annual total comp (the first four years' Δ over four, or the
// H-year Δ over H when H is below four).
func (e *Engine) headlineDelta(c Component, imp LeverImpact) decimal.Decimal {
	switch c {
	case ComponentTotalY1:
		return imp.Delta[0]
	case ComponentBaseEquityAvg:
		return addNonZero(imp.Change.Base, imp.Change.Grant.Mul(quarter))
	}
	n := annualYears(len(imp.Delta))
	if n == 4 {
		if len(imp.Delta) == 4 {
			return imp.DeltaTotal.Mul(quarter)
		}
		return sumDecimals(imp.Delta[:4]).Mul(quarter)
	}
	return imp.DeltaTotal.DivRound(decimal.NewFromInt(int64(n)), 12)
}

func sumDecimals(ds []decimal.Decimal) decimal.Decimal {
	sum := decimal.Zero
	for _, d := range ds {
		sum = addNonZero(sum, d)
	}
	return sum
}

var quarter = decimal.RequireFromString("0.25")

// band returns the offer's band for a component, premium applied.
func (a *Analysis) band(c Component) (Band, bool) {
	if f := a.Market.Figure(c); f != nil {
		return f.Band, true
	}
	return Band{}, false
}

func pct(x, p decimal.Decimal) decimal.Decimal { return x.Mul(p).Shift(-2) }

func maxDecimal(a, b decimal.Decimal) decimal.Decimal {
	if a.GreaterThan(b) {
		return a
	}
	return b
}

func minDecimal(a, b decimal.Decimal) decimal.Decimal {
	if a.LessThan(b) {
		return a
	}
	return b
}

// leverPool holds the backing arrays of brief analyses' lever tables.
var leverPool sync.Pool

// levers prices every lever (see "The levers and who approves them" in docs/METHOD.md) for one analysis.
// It appends to buf's backing array when buf is not nil.
func (e *Engine) levers(a *Analysis, brief bool, buf *[]LeverResult) []LeverResult {
	p := e.newPricing(a)
	p.brief = brief
	var out []LeverResult
	if buf != nil {
		out = (*buf)[:0]
	}
	if e.leversInMoney(p) {
		out = append(out, e.inMoney(p, (*Engine).rsuLeverM, (*Engine).rsuLever), e.inMoney(p, (*Engine).signOnLeverM, (*Engine).signOnLever),
			e.inMoney(p, (*Engine).baseLeverM, (*Engine).baseLever), e.inMoney(p, (*Engine).levelLeverM, (*Engine).levelLever))
	} else {
		out = append(out, e.rsuLever(p), e.signOnLever(p), e.baseLever(p), e.levelLever(p))
	}
	out = append(out, e.startDateLever(p), e.remoteLever(p))
	if e.leversInMoney(p) {
		out = append(out, e.inMoney(p, (*Engine).perfBonusLeverM, (*Engine).perfBonusLever))
	} else {
		out = append(out, e.perfBonusLever(p))
	}
	out = append(out, e.startupLevers(p)...)
	// Rank by Δ total at the high ask; ties keep lever order.
	for i := range out {
		if !out[i].Available {
			continue
		}
		out[i].Rank = 1
		for j := range out {
			if j == i || !out[j].Available {
				continue
			}
			if c := cmpDelta(&out[j].High, &out[i].High); c > 0 || (c == 0 && j < i) {
				out[i].Rank++
			}
		}
	}
	return out
}

// approvableTiers is how many of the playbook's approval tiers, from the
// first, a best lever may need: the recruiter and the hiring manager.
const approvableTiers = 2

// bestLever picks the best lever (docs/METHOD.md, "The best lever"): the
// counter's first ask when it asks anything, so the verdict and the counter
// agree; otherwise the first lever in the ask order that can move (Δ > 0 at
// its high ask) among those a recruiter or hiring manager can approve,
// never the level lever. "" when none can move.
func (e *Engine) bestLever(a *Analysis, levers []LeverResult, c *Counter) LeverName {
	if c != nil && c.First != "" {
		return c.First
	}
	level := a.Offer.Level
	if a.Market != nil && a.Market.BandLevel != "" {
		level = a.Market.BandLevel
	}
	for _, name := range e.askOrder(level) {
		l, ok := findLever(levers, name)
		if !ok || !canMove(l) || e.tierIndexOf(&l.High, a.Total) >= approvableTiers {
			continue
		}
		return name
	}
	return ""
}

// priced builds an available lever from its low and high changes.
func (e *Engine) priced(p *pricing, name LeverName, low, high Change, lowAsk, highAsk decimal.Decimal) LeverResult {
	// A brief analysis keeps only the high ask's Δ total (LeverTotals).
	if p.brief {
		imp := e.deltaOf(p, high, true)
		imp.Tier = e.tierOfImpact(&imp, p.a.Total)
		return LeverResult{Lever: name, Available: true, High: imp, Low: LeverImpact{Change: low}}
	}
	r := LeverResult{Lever: name, Available: true, High: e.impact(p, high), Low: e.impact(p, low)}
	r.Low.Ask, r.High.Ask = lowAsk, highAsk
	return r
}

func (e *Engine) rsuLever(pr *pricing) LeverResult {
	a := pr.a
	p := e.playbook.RSU
	if a.Grant.IsZero() {
		return LeverResult{Lever: LeverRSU, Note: "no RSU grant to grow"}
	}
	high := e.pct(a.Grant, p.High)
	low := pr.lowOr(high, func() decimal.Decimal { return e.pct(a.Grant, p.Low) })
	capped := false
	var capValue decimal.NullDecimal
	if b, ok := a.band(ComponentRSU4yr); ok && a.Market.OwnBand() {
		room := maxDecimal(decimal.Zero, b.Max.Sub(a.Grant))
		capValue = decimal.NewNullDecimal(b.Max)
		if high.GreaterThan(room) {
			capped = true
		}
		low, high = minDecimal(low, room), minDecimal(high, room)
	}
	r := e.priced(pr, LeverRSU, Change{Grant: low}, Change{Grant: high}, low, high)
	r.Capped, r.Cap = capped, capValue
	if !pr.brief {
		r.Note = fmt.Sprintf("+%s%% to +%s%% of the %s grant", p.Low, p.High, Dollars(a.Grant))
		if capValue.Valid {
			r.Note += ", capped at the band max " + Dollars(capValue.Decimal)
		}
	}
	return r
}

func (e *Engine) signOnLever(pr *pricing) LeverResult {
	a := pr.a
	o := a.Offer
	p := e.playbook
	total := o.SignOnY1.Add(o.SignOnY2)
	b1, b2, bt, has1, has2, hasTotal := a.signOnBands()
	perYear := has1 && has2
	r := LeverResult{Lever: LeverSignOn}
	var low, high Change
	if total.IsZero() && a.Market != nil && a.Market.HeadlineFigure() != nil && !a.Market.OwnBand() {
		// No sign-on, measured on another company's band: a bridge of a
		// share of the offer's own annual total comp, split like a new
		// sign-on.
		at := func(q decimal.Decimal) Change {
			t := e.pct(a.AnnualTotalComp, q)
			y1 := e.pct(t, p.SignOnSplitY1)
			return Change{SignOnY1: y1, SignOnY2: t.Sub(y1)}
		}
		high, low = at(p.SignOnBridge.High), at(p.SignOnBridge.Low)
		if !pr.brief {
			r.Note = fmt.Sprintf("no sign-on offered: a bridge of %s%%–%s%% of the offer's annual total comp", p.SignOnBridge.Low, p.SignOnBridge.High)
		}
	} else if total.IsZero() {
		// No sign-on: ask for the band's P50 (low) and P90 (high).
		at := func(q decimal.Decimal) Change {
			switch {
			case perYear:
				return Change{SignOnY1: e.point(q, b1.Min, b1.Max), SignOnY2: e.point(q, b2.Min, b2.Max)}
			case hasTotal:
				t := e.point(q, bt.Min, bt.Max)
				y1 := e.pct(t, p.SignOnSplitY1)
				return Change{SignOnY1: y1, SignOnY2: t.Sub(y1)}
			}
			return Change{}
		}
		if !perYear && !hasTotal {
			r.Note = "no sign-on and no market band to price one"
			return r
		}
		high = at(p.SignOnNone.High)
		low = at(p.SignOnNone.Low)
		if !pr.brief {
			r.Note = fmt.Sprintf("no sign-on offered: ask for the band's P%s–P%s", p.SignOnNone.Low, p.SignOnNone.High)
		}
	} else {
		high = Change{SignOnY1: e.pct(o.SignOnY1, p.SignOn.High), SignOnY2: e.pct(o.SignOnY2, p.SignOn.High)}
		low = Change{SignOnY1: e.pct(o.SignOnY1, p.SignOn.Low), SignOnY2: e.pct(o.SignOnY2, p.SignOn.Low)}
		if !pr.brief {
			r.Note = fmt.Sprintf("+%s%% to +%s%% of the %s sign-on", p.SignOn.Low, p.SignOn.High, Dollars(total))
		}
	}
	// Caps: each year at its band max, or the total at the total band max.
	capChange := func(c Change) (Change, bool) {
		cut := false
		switch {
		case perYear:
			room1 := maxDecimal(decimal.Zero, b1.Max.Sub(o.SignOnY1))
			room2 := maxDecimal(decimal.Zero, b2.Max.Sub(o.SignOnY2))
			if c.SignOnY1.GreaterThan(room1) || c.SignOnY2.GreaterThan(room2) {
				cut = true
			}
			c.SignOnY1, c.SignOnY2 = minDecimal(c.SignOnY1, room1), minDecimal(c.SignOnY2, room2)
		case hasTotal:
			room := maxDecimal(decimal.Zero, bt.Max.Sub(total))
			if ask := c.SignOnY1.Add(c.SignOnY2); ask.GreaterThan(room) {
				cut = true
				c = c.Scale(room.DivRound(ask, 16))
			}
		}
		return c, cut
	}
	high, cut := capChange(high)
	low, _ = capChange(low)
	lowAsk := low.SignOnY1.Add(low.SignOnY2)
	priced := e.priced(pr, LeverSignOn, low, high, lowAsk, high.SignOnY1.Add(high.SignOnY2))
	priced.Note, priced.Capped = r.Note, cut
	switch {
	case perYear:
		priced.Cap = decimal.NewNullDecimal(b1.Max.Add(b2.Max))
	case hasTotal:
		priced.Cap = decimal.NewNullDecimal(bt.Max)
	}
	if priced.Cap.Valid && !pr.brief {
		priced.Note += ", capped at the band max " + Dollars(priced.Cap.Decimal)
	}
	return priced
}

// baseCeiling is the most the base lever may raise the base to: the base
// band's max when the offer has its own company's band, or the level's
// base cap at the reference company when that is lower (levelCap).
func (e *Engine) baseCeiling(a *Analysis) (ceiling decimal.NullDecimal, levelCap bool) {
	o := a.Offer
	if b, ok := a.band(ComponentBase); ok && a.Market.OwnBand() {
		ceiling = decimal.NewNullDecimal(b.Max)
	}
	if c, ok := e.playbook.BaseCaps[CanonicalLevel(o.Level)]; ok && IsReferenceCompany(o.Company) && (!ceiling.Valid || c.LessThan(ceiling.Decimal)) {
		ceiling, levelCap = decimal.NewNullDecimal(c), true
	}
	return ceiling, levelCap
}

// signOnBands are the sign-on bands the sign-on lever reads: none when the
// offer is measured on another company's band, whose sign-ons say nothing
// about this company's (Amazon's exist to offset its back-loaded vesting),
// so the asks come from the offer's own figures.
func (a *Analysis) signOnBands() (b1, b2, bt Band, has1, has2, hasTotal bool) {
	if a.Market != nil && !a.Market.OwnBand() {
		return
	}
	b1, has1 = a.band(ComponentSignOnY1)
	b2, has2 = a.band(ComponentSignOnY2)
	bt, hasTotal = a.band(ComponentSignOnTotal)
	return
}

func (e *Engine) baseLever(pr *pricing) LeverResult {
	a := pr.a
	o := a.Offer
	p := e.playbook
	high := e.pct(o.Base, p.Base.High)
	low := pr.lowOr(high, func() decimal.Decimal { return e.pct(o.Base, p.Base.Low) })
	ceiling, levelCap := e.baseCeiling(a)
	capped := false
	if ceiling.Valid {
		room := maxDecimal(decimal.Zero, ceiling.Decimal.Sub(o.Base))
		capped = high.GreaterThan(room)
		low, high = minDecimal(low, room), minDecimal(high, room)
	}
	r := e.priced(pr, LeverBase, Change{Base: low}, Change{Base: high}, low, high)
	r.Capped, r.Cap = capped, ceiling
	if pr.brief {
		return r
	}
	r.Note = fmt.Sprintf("+%s%% to +%s%% of the %s base", p.Base.Low, p.Base.High, Dollars(o.Base))
	if ceiling.Valid {
		why := "the band max"
		if levelCap {
			why = "Amazon's " + CanonicalLevel(o.Level) + " base cap"
		}
		r.Note += ", capped at " + Dollars(ceiling.Decimal) + " (" + why + ")"
		if high.IsZero() {
			r.Note = "base is already at its cap of " + Dollars(ceiling.Decimal)
		}
	}
	return r
}

func (e *Engine) levelLever(pr *pricing) LeverResult {
	a := pr.a
	o := a.Offer
	p := e.playbook
	if a.Market == nil {
		return LeverResult{Lever: LeverLevel, Note: "needs market bands"}
	}
	next, ok := p.NextLevel[a.Market.BandLevel]
	if !ok {
		return LeverResult{Lever: LeverLevel, Note: "no next level after " + a.Market.BandLevel}
	}
	key := a.Market.Key
	key.Level = next
	var premium Premium
	if a.Market != nil && a.Market.Premium != nil {
		premium = *a.Market.Premium
	}
	pkg := e.levelPackageFor(key, premium)
	var c Change
	found := false
	raise := func(cur decimal.Decimal, point decimal.NullDecimal) decimal.Decimal {
		if !point.Valid {
			return decimal.Zero
		}
		found = true
		return maxDecimal(decimal.Zero, point.Decimal.Sub(cur))
	}
	own := pkg.own
	if d := a.Market.Differential; !own && d != nil {
		// Another company's band: its points scaled by the company's
		// differential, as its headline band is.
		for _, pt := range []*decimal.NullDecimal{&pkg.base, &pkg.grant} {
			if pt.Valid {
				pt.Decimal, _ = d.scale(pt.Decimal, pt.Decimal)
			}
		}
	}
	c.Base = raise(o.Base, pkg.base)
	c.Grant = raise(a.Grant, pkg.grant)
	switch {
	case !own:
		// Another company's sign-on band says nothing about this
		// company's sign-ons: the offer keeps its own.
	case pkg.signOnY1.Valid:
		c.SignOnY1 = raise(o.SignOnY1, pkg.signOnY1)
		c.SignOnY2 = raise(o.SignOnY2, pkg.signOnY2)
	case pkg.signOnTotal.Valid:
		found = true
		if extra := pkg.signOnTotal.Decimal.Sub(o.SignOnY1.Add(o.SignOnY2)); extra.IsPositive() {
			c.SignOnY1 = e.pct(extra, p.SignOnSplitY1)
			c.SignOnY2 = extra.Sub(c.SignOnY1)
		}
	}
	if !found {
		return LeverResult{Lever: LeverLevel, Note: fmt.Sprintf("needs a market band for %s (%s)", next, key)}
	}
	r := e.priced(pr, LeverLevel, c, c, decimal.Zero, decimal.Zero)
	r.Low.Ask, r.High.Ask = r.High.DeltaTotal, r.High.DeltaTotal
	if !pr.brief {
		r.Note = fmt.Sprintf("%s at the %s band's P%s package (no component lowered)", next, next, p.LevelPercentile)
		if !own {
			r.Note = fmt.Sprintf("%s at the %s band's P%s base and RSU (another company's band; the sign-on as offered; no component lowered)", next, next, p.LevelPercentile)
		}
	}
	return r
}

// levelPackage is a level's band points the level lever asks for: the
// LevelPercentile point of each component's band (invalid without a band).
type levelPackage struct {
	base, grant, signOnY1, signOnY2, signOnTotal decimal.NullDecimal
	// own is true when the next level's bands are the offer's own
	// company's (an exact or any-location match).
	own bool
}

// levelCacheKey identifies a level package: the band key at the next level
// and the premium that scales its bands.
type levelCacheKey struct {
	key     BandKey
	premium Premium
}

// levelPackageFor returns the level package for a band key and premium,
// worked out once per engine: it depends on neither the offer's figures nor
// anything but the bands, premium, span and playbook.
func (e *Engine) levelPackageFor(key BandKey, premium Premium) levelPackage {
	ck := levelCacheKey{key, premium}
	e.levelMu.RLock()
	pkg, ok := e.levelCache[ck]
	e.levelMu.RUnlock()
	if ok {
		return pkg
	}
	set := e.opts.Bands.LookupAll(key)
	point := func(c Component) decimal.NullDecimal {
		b, ok := set.Band(c)
		if !ok {
			return decimal.NullDecimal{}
		}
		if premium.Kind != "" && c != ComponentBase {
			b.Min, b.Max = premium.Scale(b.Min, b.Max)
		}
		return decimal.NewNullDecimal(e.point(e.playbook.LevelPercentile, b.Min, b.Max))
	}
	pkg = levelPackage{base: point(ComponentBase), grant: point(ComponentRSU4yr)}
	if m := set.Match(ComponentBase); m == MatchExact || m == MatchNoLocation {
		pkg.own = true
	}
	if y1 := point(ComponentSignOnY1); y1.Valid {
		pkg.signOnY1, pkg.signOnY2 = y1, point(ComponentSignOnY2)
	} else {
		pkg.signOnTotal = point(ComponentSignOnTotal)
	}
	e.levelMu.Lock()
	e.levelCache[ck] = pkg
	e.levelMu.Unlock()
	return pkg
}

func (e *Engine) startDateLever(pr *pricing) LeverResult {
	a := pr.a
	o := a.Offer
	p := e.playbook
	if o.StartDate.IsZero() {
		return LeverResult{Lever: LeverStartDate, Note: "needs a start_date"}
	}
	r := e.priced(pr, LeverStartDate, Change{}, Change{}, decimal.Zero, decimal.Zero)
	if pr.brief {
		return r
	}
	class := "leverage class unknown (no as-of date)"
	if !e.opts.AsOf.IsZero() {
		weeks := int(o.StartDate.Sub(e.opts.AsOf).Hours() / (24 * 7))
		class = fmt.Sprintf("%d weeks to start", weeks)
		for _, c := range p.StartDateClasses {
			if weeks >= c.MinWeeks {
				class = fmt.Sprintf("%d weeks to start: %s", weeks, classWords(c.Name))
			}
		}
		if o.StartDate.Before(e.opts.AsOf) {
			class = "the start date has passed: no start-date leverage left"
		}
	}
	// The calendar-year shift of a later start: cash that moves out of the
	// first calendar year.
	later := *o
	later.StartDate = o.StartDate.AddDate(0, 0, 7*p.StartDateDelayWeeks)
	shift := decimal.Zero
	if cal := e.calendar(&later, a.Grant); len(cal) > 0 && len(a.Calendar) > 0 && cal[0].Year == a.Calendar[0].Year {
		shift = a.Calendar[0].Total.Sub(cal[0].Total)
	} else if len(a.Calendar) > 0 {
		shift = a.Calendar[0].Total
	}
	r.Note = fmt.Sprintf("%s; starting %d weeks later (%s) moves %s out of calendar %d; offer-year totals unchanged",
		class, p.StartDateDelayWeeks, later.StartDate.Format(time.DateOnly), Dollars(shift), o.StartDate.Year())
	return r
}

// classWords is a leverage class's description without its own label:
// "4 weeks: some flexibility shown" reads "some flexibility shown", so a
// note says the weeks once.
func classWords(name string) string {
	if _, rest, ok := strings.Cut(name, ": "); ok && rest != "" {
		return rest
	}
	return name
}

func (e *Engine) remoteLever(pr *pricing) LeverResult {
	a := pr.a
	o := a.Offer
	p := e.playbook
	if CanonicalLocation(o.Location) == "Remote" {
		return LeverResult{Lever: LeverRemote, Note: "the offer is already remote"}
	}
	if pr.brief {
		// The change scales every money input by the same factor, and every
		// year component is linear in them, so its Δ total is the factor
		// times the offer's own total (TestBriefAgreesWithFull checks it
		// against the full lever table, which runs the year table).
		if e.fast {
			var x exact
			if d := x.mul(x.moneyOf(a.Total), x.moneyOf(p.Remote.High)); x.ok() && d%100 == 0 {
				return LeverResult{Lever: LeverRemote, Available: true,
					High: LeverImpact{deltaM: d / 100, deltaOK: true, lazy: true}}
			}
		}
		return LeverResult{Lever: LeverRemote, Available: true,
			High: LeverImpact{DeltaTotal: a.Total.Mul(p.Remote.High.Shift(-2))}}
	}
	whole := Change{Base: o.Base, SignOnY1: o.SignOnY1, SignOnY2: o.SignOnY2, Grant: a.Grant,
		Refresher: o.Refresher, BonusY1TopUp: o.BonusY1TopUp}
	scale := func(q decimal.Decimal) Change { return whole.Scale(q.Shift(-2)) }
	low, high := scale(p.Remote.Low), scale(p.Remote.High)
	r := e.priced(pr, LeverRemote, low, high, low.Base, high.Base)
	r.Low.Ask, r.High.Ask = r.Low.DeltaTotal, r.High.DeltaTotal
	r.Note = fmt.Sprintf("full remote trades %s%% to %s%% of annual comp; staying on site, a relocation package of %s–%s one-time is typical (not in the totals)",
		p.Remote.Low.Abs(), p.Remote.High.Abs(), Dollars(p.Relocation.Low), Dollars(p.Relocation.High))
	return r
}

func (e *Engine) perfBonusLever(pr *pricing) LeverResult {
	a := pr.a
	o := a.Offer
	p := e.playbook
	target := a.Years[0].Base.Mul(o.BonusPct)
	topUp := func(q decimal.Decimal) decimal.Decimal {
		return maxDecimal(decimal.Zero, e.pct(a.Years[0].Base, q).Sub(target))
	}
	high := topUp(p.PerfBonus.High)
	low := pr.lowOr(high, func() decimal.Decimal { return topUp(p.PerfBonus.Low) })
	r := e.priced(pr, LeverPerfBonus, Change{BonusY1TopUp: low}, Change{BonusY1TopUp: high}, low, high)
	if pr.brief {
		return r
	}
	r.Note = fmt.Sprintf("guaranteed first-year bonus of %s%%–%s%% of base", p.PerfBonus.Low, p.PerfBonus.High)
	if !o.BonusPct.IsZero() {
		r.Note += fmt.Sprintf(", above the %s%% target bonus", o.BonusPct.Mul(hundred).String())
	}
	return r
}
