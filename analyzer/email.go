package analyzer

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// EmailKind is which email an offer's advice writes (docs/METHOD.md, "The
// email").
type EmailKind string

// Email kinds: the round-one counter (two or three asks), the round-two
// follow-up (thanks for the movement, one more ask), the final ask, closing
// the gap to a real comparator that pays more, and accepting.
const (
	EmailRound1     EmailKind = "round1"
	EmailRound2     EmailKind = "round2"
	EmailRound3     EmailKind = "round3"
	EmailComparator EmailKind = "comparator"
	EmailAccept     EmailKind = "accept"
)

// Email is the email to send: its kind, subject line and body.
type Email struct {
	Kind    EmailKind
	Subject string
	Body    string
}

// Text is the email as one text: the subject line, a blank line, the body.
func (m Email) Text() string {
	if m.Subject == "" {
		return m.Body
	}
	return "Subject: " + m.Subject + "\n\n" + m.Body
}

// EmailDraft is what an offer's email takes from the offer alone, worked
// out when the offer is analyzed; ComposeEmail adds what depends on the
// candidate's other offers (the comparator, "my first choice"). Its asks
// are written out already, one line each with its reason.
type EmailDraft struct {
	Name, Company, Level, Role string
	// Status is the counter's status; Round the offer's round (1 when not given).
	Status string
	Round  int
	// Asks are the counter's asks, one line each ("- RSU grant: …").
	Asks []string
	// Single is the first ask as a phrase ("raise the RSU grant to
	// $390,000"), for the final-round and comparator emails.
	Single string
	// Movement is the change from the previous round ("the base from … to
	// …"), MovementTotal its H-year value; empty in round one.
	Movement      string
	MovementTotal decimal.Decimal
	// Package lists the package as offered, for the accept and comparator emails.
	Package []string
	// AnnualTC is the offer's annual total comp at grant value; Grant its
	// grant; Years the horizon; NewAverage the yearly average with the asks.
	AnnualTC, Grant, NewAverage decimal.Decimal
	Years                       int
	// Competing is the row's own competing_* columns, nil without them.
	Competing *Comparator
	// Preferred is the offer's preferred column; Sole whether it is the
	// candidate's only offer as far as the offer alone tells.
	Preferred Preference
}

// EmailContext is what the email takes from the rest of the batch.
type EmailContext struct {
	// Other is the best of the candidate's other offers that pays more;
	// Offers how many offers the candidate has (0 when unknown).
	Other  *Comparator
	Offers int
	// Today is the day the email is written on, for the answer window;
	// zero when unknown.
	Today time.Time
}

// KindOf is the email kind for a counter status, round and comparator.
func KindOf(status string, round int, hasComparator bool) EmailKind {
	if status == CounterMet {
		if hasComparator {
			return EmailComparator
		}
		return EmailAccept
	}
	switch {
	case round >= 3:
		return EmailRound3
	case round == 2:
		return EmailRound2
	}
	return EmailRound1
}

// draftEmail works out the email draft of an analysis with its counter.
func (e *Engine) draftEmail(a *Analysis, c *Counter) *EmailDraft {
	o := a.Offer
	d := &EmailDraft{Name: o.Candidate, Company: o.Company, Level: strings.TrimSpace(o.Level), Role: roleWords(o),
		Status: c.Status, Round: o.RoundNumber(), AnnualTC: a.ComparableTC(), Grant: a.Grant, Years: len(a.Years),
		Competing: competingComparator(o), Preferred: o.Preferred}
	d.normalize()
	d.NewAverage = a.Average
	if dt := c.Figures().DeltaTotal; !dt.IsZero() && len(a.Years) > 0 {
		d.NewAverage = a.Average.Add(dt.DivRound(decimal.NewFromInt(int64(len(a.Years))), 12))
	}
	for i, ask := range c.Asks {
		line, phrase := e.askLine(a, c, ask)
		d.Asks = append(d.Asks, line)
		if i == 0 {
			d.Single = phrase
		}
	}
	if n := len(a.Rounds); n >= 2 {
		d.Movement = movement(a.Rounds[n-2], a.Rounds[n-1])
		d.MovementTotal = a.Rounds[n-1].Change.Decimal
	}
	d.Package = packageLines(a)
	return d
}

// normalize puts placeholders where the offer gives no name or company.
func (d *EmailDraft) normalize() {
	if strings.TrimSpace(d.Name) == "" {
		d.Name = "[Your Name]"
	}
	if strings.TrimSpace(d.Company) == "" {
		d.Company = "the company"
	}
}

// ordinal writes a whole percentile as "75th", "31st", "42nd", "3rd".
func ordinal(p decimal.Decimal) string {
	n := p.RoundBank(0).IntPart()
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// askLine writes one ask as a line of the email, with a reason that is true
// of this offer, and as a phrase ("raise the RSU grant to $390,000").
func (e *Engine) askLine(a *Analysis, c *Counter, ask CounterAsk) (line, phrase string) {
	o := a.Offer
	h := a.Market.HeadlineFigure()
	switch ask.Lever {
	case LeverRSU:
		to := a.Grant.Add(ask.Change.Grant)
		if o.IsPrivate() && a.Grant.IsPositive() {
			return privateEquityAsk(a, to)
		}
		phrase = "raise the RSU grant to " + Dollars(to)
		line = fmt.Sprintf("- RSU grant: %s instead of %s", Dollars(to), Dollars(a.Grant))
		if h != nil {
			line += fmt.Sprintf(". The package sits around the %s percentile of the market for this role; this brings it closer to the %s", ordinal(h.Percentile), ordinal(c.Target))
		} else if a.Grant.IsPositive() {
			line += fmt.Sprintf(", %s%% more", ask.Change.Grant.Mul(hundred).DivRound(a.Grant, 0))
		}
	case LeverSignOn:
		y1, y2 := o.SignOnY1.Add(ask.Change.SignOnY1), o.SignOnY2.Add(ask.Change.SignOnY2)
		to := signOnWords(y1, y2)
		if !y2.IsZero() {
			to = Dollars(y1) + " in year 1 and " + Dollars(y2) + " in year 2"
		} else {
			to += " in year 1"
		}
		phrase = "raise the signing bonus to " + to
		line = "- Signing bonus: " + to
		if o.SignOnY1.IsZero() && o.SignOnY2.IsZero() {
			phrase = "add a signing bonus of " + to
		} else {
			line += " instead of " + signOnWords(o.SignOnY1, o.SignOnY2)
		}
		asked := ask.Change.SignOnY1.Add(ask.Change.SignOnY2)
		switch {
		case o.UnvestedEquity.Valid && o.UnvestedEquity.Decimal.GreaterThan(y1.Add(y2)):
			line += fmt.Sprintf(", to offset part of the %s in unvested equity I'd leave behind", Dollars(o.UnvestedEquity.Decimal))
		case lightEarlyYears(a) != "":
			line += ", to bridge " + lightEarlyYears(a)
		default:
			line += fmt.Sprintf(": a one-time %s that leaves the salary as offered", Dollars(asked))
		}
	case LeverBase:
		to := o.Base.Add(ask.Change.Base)
		phrase = "raise the base salary to " + Dollars(to)
		line = fmt.Sprintf("- Base salary: %s instead of %s", Dollars(to), Dollars(o.Base))
		if f := a.Market.Figure(ComponentBase); f != nil && to.LessThanOrEqual(f.Band.Max) {
			line += fmt.Sprintf(", within the %s–%s range for this role%s", Dollars(f.Band.Min), Dollars(f.Band.Max), placeWords(o.Location))
		} else if o.Base.IsPositive() {
			line += fmt.Sprintf(", %s%% more", ask.Change.Base.Mul(hundred).DivRound(o.Base, 0))
		}
	}
	return line + ".", phrase
}

// privateEquityAsk writes a private company's equity ask in shares, the way
// such a grant is negotiated: the share count the counter's grant value
// needs, rounded up to a clean count (a multiple of 1,000, or of 100 under
// 10,000 shares), with the ownership it gives when the fully diluted share
// count is known.
func privateEquityAsk(a *Analysis, grant decimal.Decimal) (line, phrase string) {
	o := a.Offer
	shares := o.privateShares().Decimal
	what := "RSUs"
	if o.Equity.Type == EquityOptions {
		what = "stock options"
	}
	step := decimal.NewFromInt(1000)
	if shares.LessThan(decimal.NewFromInt(10000)) {
		step = decimal.NewFromInt(100)
	}
	want := shares.Mul(grant).DivRound(a.Grant, 6).Div(step).Ceil().Mul(step)
	count := func(d decimal.Decimal) string { return strings.TrimPrefix(Dollars(d), "$") }
	phrase = fmt.Sprintf("raise the grant to %s %s", count(want), what)
	line = fmt.Sprintf("- Equity: %s %s instead of %s", count(want), what, count(shares))
	if fd := o.Equity.FullyDilutedShares; fd.Valid && fd.Decimal.IsPositive() {
		own := func(n decimal.Decimal) string { return n.Mul(hundred).DivRound(fd.Decimal, 3).String() + "%" }
		line += fmt.Sprintf(", %s of the company instead of %s", own(want), own(shares))
	}
	return line + ". Ownership is the figure I'm weighing, more than the paper value.", phrase
}

// placeWords writes where a role is, for a sentence: " in Seattle", " in
// the Bay Area", "" for remote or no location.
func placeWords(location string) string {
	switch loc := CanonicalLocation(location); loc {
	case "", "Remote":
		return ""
	case "Bay Area":
		return " in the Bay Area"
	default:
		return " in " + loc
	}
}

// lightEarlyYears names the early years that pay less than year 3, as
// back-loaded vesting makes them, the case a sign-on bridges: "years 1 and
// 2, which pay less than year 3 under this vesting schedule"; "" when
// neither does.
func lightEarlyYears(a *Analysis) string {
	if len(a.Years) < 3 {
		return ""
	}
	y3 := a.Years[2].Total
	low1, low2 := a.Years[0].Total.LessThan(y3), a.Years[1].Total.LessThan(y3)
	switch {
	case low1 && low2:
		return "years 1 and 2, which pay less than year 3 under this vesting schedule"
	case low1:
		return "year 1, which pays less than year 3 under this vesting schedule"
	case low2:
		return "year 2, which pays less than year 3 under this vesting schedule"
	}
	return ""
}

// packageLines lists the package as offered, as the acceptance template does.
func packageLines(a *Analysis) []string {
	o := a.Offer
	out := []string{"- Base salary: " + Dollars(o.Base)}
	switch {
	case o.SignOnY2.IsZero() && !o.SignOnY1.IsZero():
		out = append(out, "- Signing bonus: "+Dollars(o.SignOnY1)+" in year 1")
	case !o.SignOnY1.Add(o.SignOnY2).IsZero():
		out = append(out, "- Signing bonus: "+Dollars(o.SignOnY1)+" in year 1 and "+Dollars(o.SignOnY2)+" in year 2")
	}
	if a.Grant.IsPositive() {
		line := "- RSU grant: " + Dollars(a.Grant)
		if len(o.Schedule.Yearly) > 0 {
			parts := make([]string, len(o.Schedule.Yearly))
			for i, v := range o.Schedule.Yearly {
				parts[i] = v.String()
			}
			line += fmt.Sprintf(", vesting %s%% over %d years", strings.Join(parts, "/"), len(parts))
		}
		out = append(out, line)
	}
	if !o.BonusPct.IsZero() {
		out = append(out, "- Target bonus: "+o.BonusPct.Mul(hundred).String()+"% of base")
	}
	if !o.Relocation.IsZero() {
		out = append(out, "- Relocation: "+Dollars(o.Relocation))
	}
	if !o.StartDate.IsZero() {
		out = append(out, "- Start date: "+o.StartDate.Format("January 2, 2006"))
	}
	return out
}

// answerWindow asks for an answer within 3 to 5 business days, or before the
// comparator's deadline when that is sooner.
func answerWindow(cmp *Comparator, today time.Time) string {
	if cmp != nil && !cmp.Deadline.IsZero() {
		soon := today.IsZero() || (!cmp.Deadline.Before(today) && cmp.Deadline.Before(today.AddDate(0, 0, 8)))
		if soon {
			return "Could you let me know before " + cmp.Deadline.Format("January 2, 2006") + ", when my other offer closes?"
		}
	}
	return "Could you let me know within the next 3 to 5 business days?"
}

// citation cites a real comparator: "I have one real competing offer:
// Google L5 at $368,000 a year in total compensation, closing on January
// 8, 2027."
func citation(cmp *Comparator) string {
	s := "I have one real competing offer: " + cmp.Who() + " at " + Dollars(cmp.AnnualTC) + " a year in total compensation"
	if !cmp.Deadline.IsZero() {
		s += ", closing on " + cmp.Deadline.Format("January 2, 2006")
	}
	return s + "."
}

// ComposeEmail writes the email of a draft in its context: the kind by the
// counter's status, the round and the comparator; the comparator cited
// with company, level, annual total comp and deadline when there is one;
// "my first choice" only for the preferred offer or a candidate's only
// offer with no comparator; an answer window in every asking email.
func ComposeEmail(d *EmailDraft, ctx EmailContext) Email {
	cmp := pickComparator(d.AnnualTC, ctx.Other, d.Competing)
	kind := KindOf(d.Status, d.Round, cmp != nil)
	sole := ctx.Offers == 1
	firstChoice := d.Preferred == PreferenceYes || (d.Preferred == PreferenceUnset && sole && cmp == nil)
	m := Email{Kind: kind, Subject: "Re: " + d.Company + " " + d.Level + " Offer - " + d.Name}
	var b strings.Builder
	if kind == EmailRound1 && d.Status == CounterNoBand {
		b.WriteString("[A note for you, to delete before sending: no market percentile was available for this offer (no market band matched it), so these are the playbook's round-one asks, the low end of each lever. A first round usually moves an offer 10–20%.]\n\n")
	}
	b.WriteString("Dear [Recruiter Name],\n\n")
	para := func(s string) {
		if s != "" {
			b.WriteString(s)
			b.WriteString("\n\n")
		}
	}
	cite := ""
	if cmp != nil {
		cite = citation(cmp)
	}
	choice := ""
	if firstChoice {
		choice = d.Company + " is my first choice. "
	}
	switch kind {
	case EmailAccept:
		m.Subject = "Re: " + d.Company + " " + d.Level + " Offer - Ready to Accept"
		para(fmt.Sprintf("Thank you for the offer to join %s as %s. I've reviewed it carefully, and I'm excited to accept it with the following understanding:", d.Company, d.Role))
		para(strings.Join(d.Package, "\n"))
		para(fmt.Sprintf("Please send the formal offer letter for my signature. I'm looking forward to joining the team at %s.", d.Company))
	case EmailComparator:
		// The gap over four years (the horizon below four), asked as one
		// clean figure: the grant (or an all-cash offer's sign-on) raised
		// to the next multiple of $5,000 that covers it.
		gap := cmp.AnnualTC.Sub(d.AnnualTC)
		total := gap.Mul(decimal.NewFromInt(int64(min(max(d.Years, 1), 4))))
		para(fmt.Sprintf("Thank you for the offer to join %s as %s. I'm excited about the role and the team.", d.Company, d.Role))
		para(fmt.Sprintf("%s Your offer comes to %s a year, %s a year less.", cite, Dollars(d.AnnualTC), Dollars(gap)))
		ask := "Could you raise the RSU grant to " + Dollars(d.Grant.Add(total).Div(grantStep).Ceil().Mul(grantStep)) + "? That closes the gap."
		if !d.Grant.IsPositive() {
			ask = "Could you add " + Dollars(total.Div(signOnStep).Ceil().Mul(signOnStep)) + " to the signing bonus? That closes the gap."
		}
		para(ask + " " + choice + "If you can do that, I'm ready to sign. " + answerWindow(cmp, ctx.Today))
		para("The package as offered:\n" + strings.Join(d.Package, "\n"))
	case EmailRound2:
		thanks := "Thank you for coming back with a revised offer"
		if d.Movement != "" {
			thanks += ": " + d.Movement
			if d.MovementTotal.IsPositive() {
				thanks += fmt.Sprintf(", %s more over %d years", Dollars(d.MovementTotal), d.Years)
			}
		}
		para(thanks + ". I appreciate the movement.")
		para(cite)
		if len(d.Asks) > 0 {
			para("I have one more ask:\n" + d.Asks[0])
		}
		para(choice + "With that, I'd be ready to move forward. " + answerWindow(cmp, ctx.Today))
	case EmailRound3:
		thanks := "Thank you for the revised offer"
		if d.Movement != "" {
			thanks += ": " + d.Movement
		}
		para(thanks + ".")
		para(cite)
		if d.Single != "" {
			para(choice + "If you can " + d.Single + ", I'm ready to sign today. " + answerWindow(cmp, ctx.Today))
		} else {
			para(choice + "I'm ready to sign. " + answerWindow(cmp, ctx.Today))
		}
	default:
		para(fmt.Sprintf("Thank you for the offer to join %s as %s. I'm excited about the role and the team.", d.Company, d.Role))
		para(cite)
		if len(d.Asks) > 0 {
			para("Before I sign, I'd like to ask for:\n" + strings.Join(d.Asks, "\n"))
			brings := "Together these bring"
			if len(d.Asks) == 1 {
				brings = "That brings"
			}
			para(fmt.Sprintf("%s the package to an average of %s a year over %d years.", brings, Dollars(d.NewAverage), d.Years))
		} else {
			para("Before I sign, I'd like to understand what flexibility there is in the package.")
		}
		para(choice + "I'm happy to talk it through on a call. " + answerWindow(cmp, ctx.Today))
	}
	fmt.Fprintf(&b, "Best regards,\n%s\n", d.Name)
	m.Body = b.String()
	return m
}
