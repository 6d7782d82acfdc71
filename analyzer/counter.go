package analyzer

import (
	"strings"

	"github.com/shopspring/decimal"
)

// counterLevers are the levers a counter-offer can take a part of: the ones
// whose ask can be any amount up to the high ask.
var counterLevers = map[LeverName]bool{LeverRSU: true, LeverSignOn: true, LeverBase: true}

// Round-one limits (docs/METHOD.md, "The counter-offer"): at most three
// levers with a market band, the low asks of the first two without one; a
// later round asks one lever.
const (
	round1Levers       = 3
	round1LeversNoBand = 2
)

// Clean-figure steps every asked figure is a multiple of.
var (
	baseStep   = decimal.NewFromInt(1000)
	grantStep  = decimal.NewFromInt(5000)
	signOnStep = decimal.NewFromInt(5000)
)

// askOrder is the order the levers are asked in: the level's priority
// order without the level lever, base after RSU and sign-on (base is the
// weakest lever: it is asked only when RSU and sign-on at their high asks
// cannot reach the target).
func (e *Engine) askOrder(level string) []LeverName {
	if o, ok := e.askOrders.Load(level); ok {
		return o.([]LeverName)
	}
	o := e.newAskOrder(level)
	e.askOrders.Store(level, o)
	return o
}

// newAskOrder works out askOrder, which the engine keeps per level
// (callers do not change it).
func (e *Engine) newAskOrder(level string) []LeverName {
	prio := e.playbook.PriorityFor(level)
	out := make([]LeverName, 0, len(prio))
	hasBase := false
	for _, name := range prio {
		switch name {
		case LeverLevel:
		case LeverBase:
			hasBase = true
		default:
			out = append(out, name)
		}
	}
	if hasBase {
		// After sign-on (or RSU when the order has no sign-on), before the rest.
		at := 0
		for i, name := range out {
			if name == LeverRSU || name == LeverSignOn {
				at = i + 1
			}
		}
		out = append(out[:at], append([]LeverName{LeverBase}, out[at:]...)...)
	}
	return out
}

// findLever finds a lever by name (a scan of the few levers allocates nothing).
func findLever(levers []LeverResult, name LeverName) (*LeverResult, bool) {
	for i := len(levers) - 1; i >= 0; i-- {
		if levers[i].Lever == name {
			return &levers[i], true
		}
	}
	return nil, false
}

// canMove reports whether a lever gains anything at its high ask.
func canMove(l *LeverResult) bool { return l.Available && l.High.deltaSign() > 0 }

// counterOrder is the order the counter takes its levers in. Round one:
// the ask order. A later round asks one lever, the one still open that is
// worth the most at its high ask (one a recruiter or hiring manager can
// approve when there is one).
func (e *Engine) counterOrder(a *Analysis, levers []LeverResult, level string) []LeverName {
	order := e.askOrder(level)
	if a.Offer.RoundNumber() < 2 {
		return order
	}
	var best LeverName
	var bestDelta *LeverImpact
	bestApprovable := false
	for _, name := range order {
		l, ok := findLever(levers, name)
		if !ok || !counterLevers[name] || !canMove(l) {
			continue
		}
		approvable := e.tierIndexOf(&l.High, a.Total) < approvableTiers
		if best == "" || (approvable && !bestApprovable) || (approvable == bestApprovable && cmpDelta(&l.High, bestDelta) > 0) {
			best, bestDelta, bestApprovable = name, &l.High, approvable
		}
	}
	if best == "" {
		return nil
	}
	return []LeverName{best}
}

// counter builds the counter-offer (docs/METHOD.md, "The counter-offer").
// With a market band: in the ask order, each lever asks the part of its
// high ask that closes the rest of the gap between the headline figure and
// the target percentile's value in the same band, raised to at least its
// low ask and rounded up to a clean figure (the largest clean figure within
// its cap where a cap binds), until the target is reached or the round's
// lever limit. Without a band: the low asks of the first two levers.
func (e *Engine) counter(a *Analysis, levers []LeverResult, brief bool) *Counter {
	o := a.Offer
	pr := e.newPricing(a)
	pr.brief = brief
	c := &Counter{Target: e.opts.Target, Base: o.Base, Grant: a.Grant, SignOnY1: o.SignOnY1, SignOnY2: o.SignOnY2}
	level := o.Level
	if a.Market != nil && a.Market.BandLevel != "" {
		level = a.Market.BandLevel
	}
	usable := func(name LeverName) (*LeverResult, bool) {
		l, ok := findLever(levers, name)
		return l, ok && counterLevers[name] && canMove(l)
	}
	order := e.counterOrder(a, levers, level)
	limit := round1Levers
	if o.RoundNumber() >= 2 {
		limit = 1
	}
	h := a.Market.HeadlineFigure()
	if brief && e.fast {
		if e.counterMoney(a, pr, levers, order, limit, c) {
			if e.opts.EmailDrafts {
				// The asks, kept as decimals for the draft alone.
				a.Draft = e.draftEmail(a, c)
				c.Asks = nil
			}
			return c
		}
		*c = Counter{Target: e.opts.Target, Base: o.Base, Grant: a.Grant, SignOnY1: o.SignOnY1, SignOnY2: o.SignOnY2}
	}
	for i := range levers {
		levers[i].Low.materialize(len(a.Years))
		levers[i].High.materialize(len(a.Years))
	}
	var goal, need decimal.Decimal
	if h == nil {
		if limit > round1LeversNoBand {
			limit = round1LeversNoBand
		}
		for _, name := range order {
			l, ok := usable(name)
			if !ok || len(c.Asks) == limit || (name == LeverBase && o.RoundNumber() < 2) {
				continue
			}
			part := e.cleanAsk(a, l.Low.Change, l.Low.Change, l.High.Change)
			if part.IsZero() {
				continue
			}
			c.Asks = append(c.Asks, CounterAsk{Lever: name, Change: part})
			c.Change = c.Change.Add(part)
		}
	} else {
		goal = e.point(e.opts.Target, h.Band.Min, h.Band.Max)
		need = goal.Sub(h.Value)
		for _, name := range order {
			l, ok := usable(name)
			if !ok || !need.IsPositive() || len(c.Asks) == limit {
				continue
			}
			gain := e.headlineDelta(h.Component, l.High)
			if !gain.IsPositive() {
				continue
			}
			part := l.High.Change
			if gain.GreaterThan(need) {
				part = l.High.Change.Scale(need.DivRound(gain, 16))
			}
			part = e.cleanAsk(a, part, l.Low.Change, l.High.Change)
			if part.IsZero() {
				continue
			}
			c.Asks = append(c.Asks, CounterAsk{Lever: name, Change: part})
			c.Change = c.Change.Add(part)
			need = need.Sub(e.headlineDelta(h.Component, e.delta(pr, part)))
		}
	}
	if c.Change.IsZero() {
		// Nothing asked: the offer stays where it is.
		c.DeltaTotal, c.TierPct = decimal.Zero, decimal.Zero
		if h != nil {
			c.Percentile = decimal.NewNullDecimal(h.Percentile)
		}
		c.Tier = e.tierOf(decimal.Zero, a.Total)
		if !brief {
			c.Delta = e.delta(pr, Change{}).Delta
		}
	} else {
		imp := e.impact(pr, c.Change)
		c.Delta, c.DeltaTotal, c.Percentile, c.TierPct, c.Tier = imp.Delta, imp.DeltaTotal, imp.HeadlinePercentile, imp.TierPct, imp.Tier
		c.Base, c.Grant = addNonZero(o.Base, c.Change.Base), addNonZero(a.Grant, c.Change.Grant)
		c.SignOnY1, c.SignOnY2 = addNonZero(o.SignOnY1, c.Change.SignOnY1), addNonZero(o.SignOnY2, c.Change.SignOnY2)
	}
	switch {
	case h == nil:
		c.Status = CounterNoBand
	case len(c.Asks) == 0 && !h.Value.LessThan(goal):
		c.Status = CounterMet
	case need.IsPositive():
		c.Status = CounterUnreachable
	default:
		c.Status = CounterReachable
	}
	if len(c.Asks) > 0 {
		c.First = c.Asks[0].Lever
	}
	if !brief || e.opts.EmailDrafts {
		a.Draft = e.draftEmail(a, c)
		if !brief {
			c.Email = ComposeEmail(a.Draft, e.emailContext(o))
		}
	}
	if brief {
		c.Asks, c.Delta, c.Change = nil, nil, Change{}
	}
	return c
}

// emailContext is the context an offer's email is composed in: the
// candidate's other offers as the batch found them (Offer.Context), else
// what the offer alone tells.
func (e *Engine) emailContext(o *Offer) EmailContext {
	ctx := EmailContext{Today: e.opts.AsOf}
	switch {
	case o.Context != nil:
		ctx.Other, ctx.Offers = o.Context.Other, o.Context.Offers
	case o.SoleOffer:
		ctx.Offers = 1
	}
	return ctx
}

// cleanAsk turns a lever's part into the ask the counter makes: each input
// at least its low ask and at most its high ask (which carries the cap),
// then rounded up to a clean figure (base to $1,000; the grant and each
// sign-on year to $5,000). Where rounding up would pass the high ask, the
// ask is the largest clean figure within it. A sign-on takes the same
// fraction of each year's own increase to its high ask, each year then
// rounded; a year with no clean figure between its current value and its
// high ask is not asked, and where the rounded years together pass the cap
// on their sum the year rounded up the most comes down a step. A sign-on
// year outside the horizon is not asked.
func (e *Engine) cleanAsk(a *Analysis, part, low, high Change) Change {
	if e.fast {
		var x exact
		if c, ok := e.cleanAskMoney(&x, a, x.partsOf(part), x.partsOf(low), x.partsOf(high), &highAsk{dec: &high}); ok {
			return c.decimal()
		}
	}
	o := a.Offer
	out := Change{
		Base:  cleanFigure(o.Base, part.Base, low.Base, high.Base, baseStep),
		Grant: cleanFigure(a.Grant, part.Grant, low.Grant, high.Grant, grantStep),
	}
	out.SignOnY1, out.SignOnY2 = e.cleanSignOn(a, part, low, high)
	return out
}

// cleanSignOn is the sign-on part of cleanAsk. Each year is rounded up to a
// clean figure; with a cap per year (the offer's own per-year bands) no
// year passes its own high ask, else only the two years together are held
// to the high ask's sum (the cap on the total), the year rounded up the
// most coming down a step until they fit: a $250,000 cap on 100,000 /
// 80,000 asks 140,000 / 110,000. A year with no clean figure above its
// current value within its own high ask is not asked, nor a year outside
// the horizon.
func (e *Engine) cleanSignOn(a *Analysis, part, low, high Change) (y1, y2 decimal.Decimal) {
	o := a.Offer
	perYear := false
	if _, ok := a.band(ComponentSignOnY1); ok && a.Market.OwnBand() {
		_, perYear = a.band(ComponentSignOnY2)
	}
	room := high.SignOnY1.Add(high.SignOnY2).Round(6)
	year := func(cur, ask, lo, hi decimal.Decimal) decimal.Decimal {
		if !ask.IsPositive() || !hi.IsPositive() {
			return decimal.Zero
		}
		if perYear {
			return cleanFigure(cur, ask, lo, hi, signOnStep)
		}
		// No clean figure above the current one within the year's high ask.
		if !cur.Add(hi).Round(6).Div(signOnStep).Floor().Mul(signOnStep).GreaterThan(cur) {
			return decimal.Zero
		}
		return cleanFigure(cur, ask, lo, room, signOnStep)
	}
	y1 = year(o.SignOnY1, part.SignOnY1, low.SignOnY1, high.SignOnY1)
	y2 = year(o.SignOnY2, part.SignOnY2, low.SignOnY2, high.SignOnY2)
	if len(a.Years) < 2 {
		y2 = decimal.Zero
	}
	for y1.Add(y2).GreaterThan(room) {
		over1 := y1.Sub(maxDecimal(part.SignOnY1, low.SignOnY1))
		over2 := y2.Sub(maxDecimal(part.SignOnY2, low.SignOnY2))
		switch {
		case y2.IsPositive() && (over2.GreaterThanOrEqual(over1) || !y1.IsPositive()):
			y2 = y2.Sub(signOnStep)
		default:
			y1 = y1.Sub(signOnStep)
		}
	}
	return maxDecimal(y1, decimal.Zero), maxDecimal(y2, decimal.Zero)
}

// cleanFigure is one input's ask (see cleanAsk): cur is the offer's figure,
// ask the part wanted, low and high the lever's asks, step the clean-figure
// step. The result leaves cur + ask a multiple of step: rounded up, or the
// largest multiple within cur + high when rounding up passes it; zero when
// nothing is wanted or no multiple lies above cur within the high ask.
func cleanFigure(cur, ask, low, high, step decimal.Decimal) decimal.Decimal {
	if !ask.IsPositive() || !high.IsPositive() {
		return decimal.Zero
	}
	ask = minDecimal(maxDecimal(ask, low), high)
	target := cur.Add(ask).Round(6)
	if up := target.Div(step).Ceil().Mul(step).Sub(cur); up.LessThanOrEqual(high) {
		return up
	}
	// Rounding up passes the high ask (the cap): the largest clean figure
	// within it, or nothing when there is none above the current figure.
	if down := cur.Add(high).Round(6).Div(step).Floor().Mul(step).Sub(cur); down.IsPositive() {
		return down
	}
	return decimal.Zero
}

// trackWords name the tracks in an email.
var trackWords = map[string]string{"EM": "engineering manager", "SDE": "software engineer", "PM": "PM"}

// roleWords describes the role for an email: "an engineering manager (L6)
// in Seattle", "a software engineer (level 63), remote", "an engineering
// manager (L7) in the Bay Area".
func roleWords(o *Offer) string {
	track := CanonicalTrack(o.Track)
	what, ok := trackWords[track]
	if !ok {
		what = strings.TrimSpace(o.Track)
	}
	if what == "" {
		what = "software engineer"
	}
	level := strings.TrimSpace(o.Level)
	if level != "" && strings.IndexFunc(level, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		level = "level " + level
	}
	article := "a"
	if strings.ContainsRune("aeiouAEIOU", rune(what[0])) {
		article = "an"
	}
	s := article + " " + what
	if level != "" {
		s += " (" + level + ")"
	}
	switch loc := CanonicalLocation(o.Location); loc {
	case "":
	case "Remote":
		s += ", remote"
	case "Bay Area":
		s += " in the Bay Area"
	default:
		s += " in " + loc
	}
	return s
}
