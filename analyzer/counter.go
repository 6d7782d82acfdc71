package analyzer

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// counterLevers are the levers a counter-offer can take a part of: the ones
// whose ask can be any amount up to the high ask.
var counterLevers = map[LeverName]bool{LeverRSU: true, LeverSignOn: true, LeverBase: true}

// round1Levers is how many levers the no-band counter asks for: seed 000's
// round one, "negotiate 2-3 levers maximum", expecting 10–20%.
const round1Levers = 3

// Clean-figure steps the counter-offer rounds its asks up to (SPEC §5).
var (
	baseStep   = decimal.NewFromInt(1000)
	grantStep  = decimal.NewFromInt(5000)
	signOnStep = decimal.NewFromInt(5000)
)

// counter builds the counter-offer (SPEC §5). With a market band: in the
// level's priority order, each lever asks the part of its high ask that
// closes the rest of the gap between the headline figure and the target
// percentile's value in the same band, raised to at least its low ask and
// rounded up to a clean figure, until the target is reached. Without a
// band: the low asks of the first round1Levers levers (round one).
func (e *Engine) counter(a *Analysis, levers []LeverResult, brief bool) *Counter {
	o := a.Offer
	pr := e.newPricing(a)
	c := &Counter{Target: e.opts.Target, Base: o.Base, Grant: a.Grant, SignOnY1: o.SignOnY1, SignOnY2: o.SignOnY2}
	level := o.Level
	if a.Market != nil && a.Market.BandLevel != "" {
		level = a.Market.BandLevel
	}
	// usable finds a lever by name (the last of that name, as a map from
	// name to lever would; a scan of the few levers allocates nothing).
	usable := func(name LeverName) (LeverResult, bool) {
		for i := len(levers) - 1; i >= 0; i-- {
			if l := levers[i]; l.Lever == name {
				return l, l.Available && counterLevers[name]
			}
		}
		return LeverResult{}, false
	}
	h := a.Market.HeadlineFigure()
	var goal, need decimal.Decimal
	if h == nil {
		for _, name := range e.playbook.PriorityFor(level) {
			l, ok := usable(name)
			if !ok || len(c.Asks) == round1Levers {
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
		goal = e.model.Point(e.opts.Target, h.Band.Min, h.Band.Max)
		need = goal.Sub(h.Value)
		for _, name := range e.playbook.PriorityFor(level) {
			l, ok := usable(name)
			if !ok || !need.IsPositive() {
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
		c.Tier = e.playbook.TierOf(decimal.Zero, a.Total)
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
	if brief {
		c.Asks, c.Delta = nil, nil
	} else {
		c.Email = CounterEmail(a, c, o.FirstChoice())
	}
	return c
}

// cleanAsk turns a lever's part into the ask the counter makes: each input
// at least its low ask and at most its high ask, then rounded up so the
// figure asked for is clean (base to $1,000; the grant and each sign-on
// year to $5,000). When rounding up would pass the high ask (which carries
// the cap), the figure is rounded down instead, or kept as it is when that
// would fall below a low ask the cap left below the high ask. A sign-on
// year outside the horizon is not asked.
func (e *Engine) cleanAsk(a *Analysis, part, low, high Change) Change {
	o := a.Offer
	out := Change{
		Base:     cleanFigure(o.Base, part.Base, low.Base, high.Base, baseStep),
		Grant:    cleanFigure(a.Grant, part.Grant, low.Grant, high.Grant, grantStep),
		SignOnY1: cleanFigure(o.SignOnY1, part.SignOnY1, low.SignOnY1, high.SignOnY1, signOnStep),
		SignOnY2: cleanFigure(o.SignOnY2, part.SignOnY2, low.SignOnY2, high.SignOnY2, signOnStep),
	}
	if len(a.Years) < 2 {
		out.SignOnY2 = decimal.Zero
	}
	return out
}

// cleanFigure is one input's ask (see cleanAsk): cur is the offer's figure,
// ask the part wanted, low and high the lever's asks, step the clean-figure
// step. Zero stays zero.
func cleanFigure(cur, ask, low, high, step decimal.Decimal) decimal.Decimal {
	if !ask.IsPositive() || !high.IsPositive() {
		return decimal.Zero
	}
	ask = minDecimal(maxDecimal(ask, low), high)
	target := cur.Add(ask).Round(6)
	if up := target.Div(step).Ceil().Mul(step).Sub(cur); up.LessThanOrEqual(high) {
		return up
	}
	// Rounding up passes the high ask: round down instead, unless that
	// falls below a low ask the cap did not already cut to the high ask.
	if down := target.Div(step).Floor().Mul(step).Sub(cur); down.IsPositive() && (!down.LessThan(low) || !low.LessThan(high)) {
		return down
	}
	return ask
}

// CounterEmail writes the counter-offer email (SPEC §5) from seed 000's
// templates and the counter's numbers: the round-one response asking for
// the counter's figures (prefaced, without a market band, by a note that
// no market percentile was available), or with the target already met the
// acceptance confirmation listing the package, unless the offer is below a
// real comparator, when it asks to close that gap (seed 002). The
// comparator is cited whenever one is given; "my first choice" is said
// only when firstChoice is true.
func CounterEmail(a *Analysis, c *Counter, firstChoice bool) string {
	o := a.Offer
	name := o.Candidate
	if name == "" {
		name = "[Your Name]"
	}
	company := o.Company
	if company == "" {
		company = "the company"
	}
	role := roleWords(o)
	var b strings.Builder
	comparator := comparatorSentence(o)
	if c.Status == CounterMet {
		if a.HasFlag(FlagBelowComparator) {
			gapEmail(&b, a, company, role, name, comparator, firstChoice)
		} else {
			acceptanceEmail(&b, a, company, role, name, comparator)
		}
		return b.String()
	}
	if c.Status == CounterNoBand {
		b.WriteString("[Note for you, to delete before sending: no market percentile was available for this offer (no market band matched it), " +
			"so these are the playbook's round-one asks, the low end of each lever; expect 10–20% from a first round.]\n\n")
	}
	fmt.Fprintf(&b, "Subject: Re: %s %s Offer - %s\n\n", company, o.Level, name)
	b.WriteString("Dear [Recruiter Name],\n\n")
	fmt.Fprintf(&b, "Thank you so much for extending the offer to join %s as %s. I'm genuinely excited about the opportunity and the team.\n\n",
		company, role)
	if comparator != "" {
		if a.Average.LessThan(o.CompetingTC.Decimal) {
			fmt.Fprintf(&b, "%s, and I need the package to be competitive on four-year value.\n\n", comparator)
		} else {
			fmt.Fprintf(&b, "%s, and I'm weighing the two carefully.\n\n", comparator)
		}
	}
	if len(c.Asks) == 0 {
		b.WriteString("I've reviewed the offer details carefully. I'd like to understand what flexibility exists in the package before I decide.\n\n")
	} else {
		b.WriteString("I've reviewed the offer details carefully and have a few questions:\n\n")
	}
	for i, ask := range c.Asks {
		item := i + 1
		switch ask.Lever {
		case LeverBase:
			if f := a.Market.Figure(ComponentBase); f != nil {
				fmt.Fprintf(&b, "%d. Base Salary: While I appreciate the offer of %s, my research indicates that similar roles typically range from %s to %s. Would it be possible to align closer to %s?\n\n",
					item, Dollars(o.Base), Dollars(f.Band.Min), Dollars(f.Band.Max), Dollars(c.Base))
			} else {
				fmt.Fprintf(&b, "%d. Base Salary: While I appreciate the offer of %s, would it be possible to align closer to %s?\n\n",
					item, Dollars(o.Base), Dollars(c.Base))
			}
		case LeverRSU:
			fmt.Fprintf(&b, "%d. Equity Component: The RSU grant of %s over 4 years averages to %s annually. Considering the long-term value I plan to create and competing opportunities, could we explore increasing this to %s?\n\n",
				item, Dollars(a.Grant), Dollars(a.Grant.Mul(quarter)), Dollars(c.Grant))
		case LeverSignOn:
			amounts := fmt.Sprintf("%s in year 1 and %s in year 2", Dollars(c.SignOnY1), Dollars(c.SignOnY2))
			if c.SignOnY2.IsZero() {
				amounts = Dollars(c.SignOnY1) + " in year 1"
			}
			ask := "raise the signing bonus to " + amounts
			if o.SignOnY1.Add(o.SignOnY2).IsZero() {
				ask = "add a signing bonus of " + amounts
			}
			if o.UnvestedEquity.Valid && o.UnvestedEquity.Decimal.IsPositive() {
				fmt.Fprintf(&b, "%d. Signing Bonus: I'll be walking away from approximately %s in unvested equity and bonuses. Could we %s to better offset these losses?\n\n",
					item, Dollars(o.UnvestedEquity.Decimal), ask)
				continue
			}
			fmt.Fprintf(&b, "%d. Signing Bonus: Could we %s, to bridge the first years of the vesting schedule?\n\n", item, ask)
		}
	}
	if len(c.Asks) > 0 {
		years := len(a.Years)
		fmt.Fprintf(&b, "Together these bring the package to an average of %s a year over %d years.\n\n",
			Dollars(a.Average.Add(c.DeltaTotal.DivRound(decimal.NewFromInt(int64(years)), 12))), years)
	}
	if firstChoice {
		fmt.Fprintf(&b, "I want to emphasize that %s is my first choice, and I'm confident we can find a package that works for both of us. ", company)
	} else {
		b.WriteString("I'm confident we can find a package that works for both of us. ")
	}
	b.WriteString("I'm happy to discuss these points over a call if that would be helpful.\n\n")
	b.WriteString("Could you let me know what flexibility exists around these components?\n\n")
	fmt.Fprintf(&b, "Best regards,\n%s\n", name)
	return b.String()
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

// comparatorSentence cites a real competing offer, seed 002's way: "I have
// one real competing offer closing on January 8, 2027: Google, L6, at
// $330,000 a year". It is "" without a competing_tc.
func comparatorSentence(o *Offer) string {
	if !o.CompetingTC.Valid {
		return ""
	}
	var b strings.Builder
	b.WriteString("I have one real competing offer")
	if !o.CompetingDeadline.IsZero() {
		b.WriteString(" closing on " + o.CompetingDeadline.Format("January 2, 2006"))
	}
	who := o.CompetingCompany
	if who == "" {
		who = "another company"
	}
	b.WriteString(": " + who)
	if o.CompetingLevel != "" {
		b.WriteString(", " + o.CompetingLevel + ",")
	}
	b.WriteString(" at " + Dollars(o.CompetingTC.Decimal) + " a year in total compensation")
	return b.String()
}

// acceptanceEmail is seed 000's Final Acceptance Template with the package.
func acceptanceEmail(b *strings.Builder, a *Analysis, company, role, name, comparator string) {
	o := a.Offer
	fmt.Fprintf(b, "Subject: Re: %s %s Offer - Ready to Accept\n\n", company, o.Level)
	b.WriteString("Dear [Recruiter Name],\n\n")
	fmt.Fprintf(b, "Thank you for the offer to join %s as %s. I've reviewed it carefully, and it is competitive with the market for this role.", company, role)
	if comparator != "" {
		fmt.Fprintf(b, " %s, and this package compares well with it.", strings.Replace(comparator, "I have", "I also had", 1))
	}
	b.WriteString("\n\nI'm excited to accept the offer with the following understanding:\n")
	packageLines(b, a)
	fmt.Fprintf(b, "\nPlease send the formal offer letter for my signature. I'm looking forward to contributing to %s's continued innovation and growth.\n\n", company)
	fmt.Fprintf(b, "Best regards,\n%s\n", name)
}

// gapEmail asks to close the gap to a real competing offer that pays more,
// with its company, level, total and deadline (seed 002: "use a number,
// not a mood").
func gapEmail(b *strings.Builder, a *Analysis, company, role, name, comparator string, firstChoice bool) {
	o := a.Offer
	years := len(a.Years)
	gap := o.CompetingTC.Decimal.Sub(a.Average)
	total := gap.Mul(decimal.NewFromInt(int64(years))).Div(grantStep).Ceil().Mul(grantStep)
	fmt.Fprintf(b, "Subject: Re: %s %s Offer - %s\n\n", company, o.Level, name)
	b.WriteString("Dear [Recruiter Name],\n\n")
	fmt.Fprintf(b, "Thank you so much for extending the offer to join %s as %s. I'm genuinely excited about the opportunity and the team, and the offer is competitive with the market for this role.\n\n",
		company, role)
	fmt.Fprintf(b, "%s. Your offer averages %s a year over %d years, %s a year less.\n\n",
		comparator, Dollars(a.Average), years, Dollars(gap))
	fmt.Fprintf(b, "Could we close that gap? About %s more over %d years, in the RSU grant or the sign-on, would make the two offers even.", Dollars(total), years)
	if firstChoice {
		fmt.Fprintf(b, " %s is my first choice:", company)
	}
	if !o.CompetingDeadline.IsZero() {
		fmt.Fprintf(b, " if you can do that before %s, I'm ready to sign.", o.CompetingDeadline.Format("January 2, 2006"))
	} else {
		b.WriteString(" if you can do that, I'm ready to sign.")
	}
	b.WriteString("\n\nThe package as offered:\n")
	packageLines(b, a)
	fmt.Fprintf(b, "\nBest regards,\n%s\n", name)
}

// packageLines lists the package as the acceptance template does.
func packageLines(b *strings.Builder, a *Analysis) {
	o := a.Offer
	fmt.Fprintf(b, "- Base Salary: %s\n", Dollars(o.Base))
	switch {
	case o.SignOnY2.IsZero() && !o.SignOnY1.IsZero():
		fmt.Fprintf(b, "- Sign-on Bonus: %s in year 1\n", Dollars(o.SignOnY1))
	case !o.SignOnY1.Add(o.SignOnY2).IsZero():
		fmt.Fprintf(b, "- Sign-on Bonus: %s / %s\n", Dollars(o.SignOnY1), Dollars(o.SignOnY2))
	}
	fmt.Fprintf(b, "- RSU Grant: %s", Dollars(a.Grant))
	if len(o.Schedule.Yearly) > 0 {
		parts := make([]string, len(o.Schedule.Yearly))
		for i, v := range o.Schedule.Yearly {
			parts[i] = v.String()
		}
		fmt.Fprintf(b, ", vesting %s%% over %d years", strings.Join(parts, "/"), len(parts))
	}
	b.WriteString("\n")
	if !o.BonusPct.IsZero() {
		fmt.Fprintf(b, "- Target Bonus: %s%% of base\n", o.BonusPct.Mul(hundred).String())
	}
	if !o.Relocation.IsZero() {
		fmt.Fprintf(b, "- Relocation: %s\n", Dollars(o.Relocation))
	}
	if !o.StartDate.IsZero() {
		fmt.Fprintf(b, "- Start Date: %s\n", o.StartDate.Format("January 2, 2006"))
	}
}
