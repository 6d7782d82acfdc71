package analyzer

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// counterLevers are the levers a counter-offer can take a part of: the ones
// whose ask can be any amount up to the high ask.
var counterLevers = map[LeverName]bool{LeverRSU: true, LeverSignOn: true, LeverBase: true}

// counter builds the counter-offer (SPEC §5): in the level's priority order,
// each lever gives the smallest part of its high ask (whole dollars, rounded
// up) that closes the rest of the gap between the headline figure and the
// target percentile's value in the same band.
func (e *Engine) counter(a *Analysis, levers []LeverResult, brief bool) *Counter {
	o := a.Offer
	pr := e.newPricing(a)
	c := &Counter{Target: e.opts.Target, Base: o.Base, Grant: a.Grant, SignOnY1: o.SignOnY1, SignOnY2: o.SignOnY2}
	h := a.Market.HeadlineFigure()
	if h == nil {
		c.Status = CounterNoBand
		if !brief {
			c.Delta = e.delta(pr, Change{}).Delta
		}
		c.Tier = e.playbook.TierOf(decimal.Zero, a.Total)
		return c
	}
	goal := e.model.Point(e.opts.Target, h.Band.Min, h.Band.Max)
	need := goal.Sub(h.Value)
	byName := map[LeverName]LeverResult{}
	for _, l := range levers {
		byName[l.Lever] = l
	}
	if need.IsPositive() {
		for _, name := range e.playbook.PriorityFor(o.Level) {
			l, ok := byName[name]
			if !ok || !l.Available || !counterLevers[name] || !need.IsPositive() {
				continue
			}
			gain := e.headlineDelta(h.Component, l.High)
			if !gain.IsPositive() {
				continue
			}
			part, moved := l.High.Change, gain
			if gain.GreaterThan(need) {
				part = roundUpChange(l.High.Change.Scale(need.DivRound(gain, 16)))
				moved = e.headlineDelta(h.Component, e.delta(pr, part))
			}
			c.Asks = append(c.Asks, CounterAsk{Lever: name, Change: part})
			c.Change = c.Change.Add(part)
			need = need.Sub(moved)
		}
	}
	if c.Change.IsZero() {
		// Nothing asked: the offer stays where it is.
		c.DeltaTotal, c.TierPct = decimal.Zero, decimal.Zero
		c.HeadlinePercentile = decimal.NewNullDecimal(h.Percentile)
		c.Tier = e.playbook.TierOf(decimal.Zero, a.Total)
		if !brief {
			c.Delta = e.delta(pr, Change{}).Delta
		}
	} else {
		imp := e.impact(pr, c.Change)
		c.Delta, c.DeltaTotal, c.HeadlinePercentile, c.TierPct, c.Tier = imp.Delta, imp.DeltaTotal, imp.HeadlinePercentile, imp.TierPct, imp.Tier
		c.Base, c.Grant = addNonZero(o.Base, c.Change.Base), addNonZero(a.Grant, c.Change.Grant)
		c.SignOnY1, c.SignOnY2 = addNonZero(o.SignOnY1, c.Change.SignOnY1), addNonZero(o.SignOnY2, c.Change.SignOnY2)
	}
	switch {
	case len(c.Asks) == 0 && !h.Value.LessThan(goal):
		c.Status = CounterMet
	case need.IsPositive():
		c.Status = CounterUnreachable
	default:
		c.Status = CounterReachable
	}
	if brief {
		c.Asks, c.Delta = nil, nil
	} else {
		c.Email = counterEmail(a, c)
	}
	return c
}

// roundUpChange rounds every part of a change up to whole dollars, so the
// counter reaches its target rather than falling a cent short. Parts are
// first rounded to micro-dollars, so division noise in the 16th digit does
// not add a dollar.
func roundUpChange(c Change) Change {
	return c.each(func(d decimal.Decimal) decimal.Decimal { return d.Round(6).Ceil() })
}

// counterEmail fills seed 000's round-one response template with the
// counter-offer's numbers.
func counterEmail(a *Analysis, c *Counter) string {
	o := a.Offer
	name := o.Candidate
	if name == "" {
		name = "[Your Name]"
	}
	company := o.Company
	if company == "" {
		company = "the company"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Subject: Re: %s %s Offer - %s\n\n", company, o.Level, name)
	b.WriteString("Dear [Recruiter Name],\n\n")
	fmt.Fprintf(&b, "Thank you so much for extending the offer to join %s as %s %s in %s. I'm genuinely excited about the opportunity and the team.\n\n",
		company, o.Level, o.Track, o.Location)
	if c.Status == CounterMet {
		b.WriteString("I've reviewed the offer carefully, and it is competitive with the market for this role. ")
		b.WriteString("I'd like to confirm the details below before I accept.\n\n")
	} else {
		b.WriteString("I've reviewed the offer details carefully and have a few questions:\n\n")
	}
	item := 0
	for _, ask := range c.Asks {
		item++
		switch ask.Lever {
		case LeverBase:
			line := fmt.Sprintf("%d. Base Salary: While I appreciate the offer of %s", item, Dollars(o.Base))
			if f := a.Market.Figure(ComponentBase); f != nil {
				line += fmt.Sprintf(", my research indicates that similar %s roles in %s typically range from %s to %s", o.Level, o.Location,
					Dollars(f.Band.Min), Dollars(f.Band.Max))
			}
			fmt.Fprintf(&b, "%s. Would it be possible to align closer to %s?\n\n", line, Dollars(c.Base))
		case LeverRSU:
			years := decimal.NewFromInt(int64(len(a.Years)))
			fmt.Fprintf(&b, "%d. Equity Component: The RSU grant of %s over %d years averages to %s annually. Considering the long-term value I plan to create and competing opportunities, could we explore increasing this to %s?\n\n",
				item, Dollars(a.Grant), len(a.Years), Dollars(a.Grant.DivRound(years, 2)), Dollars(c.Grant))
		case LeverSignOn:
			reason := "to bridge the first two years of the vesting schedule"
			if o.UnvestedEquity.Valid && o.UnvestedEquity.Decimal.IsPositive() {
				reason = fmt.Sprintf("I'll be walking away from approximately %s in unvested equity and bonuses", Dollars(o.UnvestedEquity.Decimal))
				fmt.Fprintf(&b, "%d. Signing Bonus: %s. Could we structure the signing bonus to better offset these losses, at %s in year 1 and %s in year 2?\n\n",
					item, reason, Dollars(c.SignOnY1), Dollars(c.SignOnY2))
				continue
			}
			fmt.Fprintf(&b, "%d. Signing Bonus: Could we structure the signing bonus %s, at %s in year 1 and %s in year 2?\n\n",
				item, reason, Dollars(c.SignOnY1), Dollars(c.SignOnY2))
		}
	}
	if c.Status != CounterMet {
		fmt.Fprintf(&b, "Together these bring the package to an average of %s a year over %d years.\n\n",
			Dollars(a.Average.Add(c.DeltaTotal.DivRound(decimal.NewFromInt(int64(len(a.Years))), 12))), len(a.Years))
	}
	fmt.Fprintf(&b, "I want to emphasize that %s is my first choice, and I'm confident we can find a package that works for both of us. I'm happy to discuss these points over a call if that would be helpful.\n\n", company)
	b.WriteString("Could you let me know what flexibility exists around these components?\n\n")
	fmt.Fprintf(&b, "Best regards,\n%s\n", name)
	return b.String()
}
