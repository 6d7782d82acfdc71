package analyzer

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Comparator is the real offer an offer is compared with (docs/METHOD.md,
// "Leverage"): the best of the candidate's other offers in the batch and
// the row's own competing_* columns, counted only when it pays more
// annual total comp at grant value than the offer itself.
type Comparator struct {
	// ID is the other offer's id, or ComparatorCompeting for the row's own
	// competing_* columns.
	ID       string
	Company  string
	Level    string
	AnnualTC decimal.Decimal
	// Deadline is when the comparator closes; zero when unknown.
	Deadline time.Time
}

// ComparatorCompeting is the Comparator.ID of a comparator taken from the
// row's own competing_* columns.
const ComparatorCompeting = "competing"

// Who names the comparator in a sentence: "Google L5", "Google", or
// "another company".
func (c *Comparator) Who() string {
	who := strings.TrimSpace(c.Company)
	if who == "" {
		who = "another company"
	}
	if l := strings.TrimSpace(c.Level); l != "" {
		who += " " + l
	}
	return who
}

// competingComparator is the row's own competing_* columns as a comparator,
// nil without a competing_tc.
func competingComparator(o *Offer) *Comparator {
	if !o.CompetingTC.Valid {
		return nil
	}
	return &Comparator{ID: ComparatorCompeting, Company: o.CompetingCompany, Level: o.CompetingLevel,
		AnnualTC: o.CompetingTC.Decimal, Deadline: o.CompetingDeadline}
}

// pickComparator returns the better of two comparators that pays more
// than annual: the one paying more, the first on a tie; nil when neither
// pays more than annual.
func pickComparator(annual decimal.Decimal, a, b *Comparator) *Comparator {
	if a != nil && !a.AnnualTC.GreaterThan(annual) {
		a = nil
	}
	if b != nil && !b.AnnualTC.GreaterThan(annual) {
		b = nil
	}
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case b.AnnualTC.GreaterThan(a.AnnualTC):
		return b
	}
	return a
}

// OfferContext is what an offer's advice takes from the rest of its
// candidate's offers: set on the Offer (Offer.Context) before a full
// analysis, and kept beside each record for the batch-wide outputs.
type OfferContext struct {
	// Other is the best of the candidate's other offers that pays more
	// than this one; nil when none does.
	Other *Comparator
	// Offers is how many offers the candidate has in the batch (1 for an
	// offer without a candidate name in a batch of one).
	Offers int
	// Decision is the candidate's decision, nil with fewer than two offers.
	Decision *Decision
	// Rank is the offer's place in the decision (1 the winner); 0 without one.
	Rank int
	// LeaveAfterY1, LeaveAfterY2 are the offer's cumulative totals after
	// one and two years, on the decision's basis (after tax when it is).
	LeaveAfterY1, LeaveAfterY2 decimal.NullDecimal
}

// Decision is a candidate's choice among two or more offers (docs/METHOD.md,
// "The decision").
type Decision struct {
	// WinnerID is the winning offer's id.
	WinnerID string
	// AfterTax is true when the offers are ranked by their after-tax
	// totals (every one has a tax estimate).
	AfterTax bool
	// Line is the decision in one paragraph, for the Candidates sheet and
	// the candidate's offer sheets.
	Line string
}

// bookEntry is what the book keeps of one offer: the few figures the
// decision and the comparators need.
type bookEntry struct {
	cand                    int32
	id, company, level      string
	annual, total, afterTax decimal.Decimal
	hasTax                  bool
	y1, y2, tax1, tax2      decimal.Decimal
	preferred               Preference
	residence               Residence
}

// CandidateBook gathers a batch's offers by candidate as they stream past,
// in input order, and works out each offer's context: the comparator among
// the candidate's other offers and the candidate's decision. It keeps a
// few figures per offer, not the analyses.
type CandidateBook struct {
	// years is the horizon H of the analyses filed.
	years   int
	byName  map[string]int32
	names   []string
	entries []bookEntry
	// resolved per candidate: the decision and each member's rank.
	decisions []*Decision
	members   [][]int
	ranks     []int
	// others[i] is offer i's best other offer that pays more, nil for none.
	others []*Comparator
}

// NewCandidateBook returns an empty book.
func NewCandidateBook() *CandidateBook { return &CandidateBook{byName: map[string]int32{}} }

// Add files the analysis of the next offer in input order.
func (b *CandidateBook) Add(a *Analysis) {
	o := a.Offer
	b.years = len(a.Years)
	e := bookEntry{cand: -1, id: o.ID, company: o.Company, level: o.Level, annual: a.AnnualAtGrant, total: a.Total,
		preferred: o.Preferred}
	if len(a.Years) > 0 {
		e.y1 = a.Years[0].Total
		e.y2 = e.y1
		if len(a.Years) > 1 {
			e.y2 = e.y1.Add(a.Years[1].Total)
		}
	}
	if at := a.AfterTax; at.Known() {
		e.hasTax, e.afterTax, e.residence = true, at.Total, at.Residence
		e.tax1 = at.Years[0].TakeHome
		e.tax2 = e.tax1
		if len(at.Years) > 1 {
			e.tax2 = e.tax1.Add(at.Years[1].TakeHome)
		}
	}
	if name := fold(o.Candidate); name != "" {
		j, ok := b.byName[name]
		if !ok {
			j = int32(len(b.names))
			b.byName[name] = j
			b.names = append(b.names, o.Candidate)
		}
		e.cand = j
	}
	b.entries = append(b.entries, e)
}

// Len is the number of offers filed.
func (b *CandidateBook) Len() int { return len(b.entries) }

// Resolve works out every candidate's decision; call it once, after the
// last Add and before Context.
func (b *CandidateBook) Resolve() {
	b.members = make([][]int, len(b.names))
	for i, e := range b.entries {
		if e.cand >= 0 {
			b.members[e.cand] = append(b.members[e.cand], i)
		}
	}
	b.decisions = make([]*Decision, len(b.names))
	b.ranks = make([]int, len(b.entries))
	b.others = make([]*Comparator, len(b.entries))
	for c, idx := range b.members {
		if len(idx) < 2 {
			continue
		}
		b.decisions[c] = b.decide(idx)
		// Each offer's best other offer that pays more is the candidate's
		// best (the first of equals); the best itself has none.
		first := idx[0]
		for _, i := range idx[1:] {
			if b.entries[i].annual.GreaterThan(b.entries[first].annual) {
				first = i
			}
		}
		comparator := func(j int) *Comparator {
			o := &b.entries[j]
			return &Comparator{ID: o.id, Company: o.company, Level: o.level, AnnualTC: o.annual}
		}
		best := comparator(first)
		for _, i := range idx {
			if i != first && b.entries[first].annual.GreaterThan(b.entries[i].annual) {
				b.others[i] = best
			}
		}
	}
}

// afterTaxBasis reports whether every offer of idx has a tax estimate.
func (b *CandidateBook) afterTaxBasis(idx []int) bool {
	for _, i := range idx {
		if !b.entries[i].hasTax {
			return false
		}
	}
	return true
}

// basis returns an entry's total, year-1 and two-year figures on the
// decision's basis.
func (e *bookEntry) basis(afterTax bool) (total, y1, y2 decimal.Decimal) {
	if afterTax {
		return e.afterTax, e.tax1, e.tax2
	}
	return e.total, e.y1, e.y2
}

// name is how a decision line names an offer: its company, with its level
// when two of the candidate's offers share the company.
func (b *CandidateBook) name(i int, idx []int) string {
	e := &b.entries[i]
	company := strings.TrimSpace(e.company)
	if company == "" {
		company = "offer " + e.id
	}
	for _, j := range idx {
		if j != i && strings.EqualFold(strings.TrimSpace(b.entries[j].company), company) {
			return company + " " + e.level + " (" + e.id + ")"
		}
	}
	return company
}

// residenceWords names the taxes of a residence in a sentence.
var residenceWords = map[Residence]string{
	ResidenceCA:  "California's income tax",
	ResidenceNY:  "New York State's income tax",
	ResidenceNYC: "New York State and City income taxes",
}

// decide ranks one candidate's offers and writes the decision line.
func (b *CandidateBook) decide(idx []int) *Decision {
	afterTax := b.afterTaxBasis(idx)
	order := append([]int(nil), idx...)
	sort.SliceStable(order, func(x, y int) bool {
		tx, _, _ := b.entries[order[x]].basis(afterTax)
		ty, _, _ := b.entries[order[y]].basis(afterTax)
		return tx.GreaterThan(ty)
	})
	for r, i := range order {
		b.ranks[i] = r + 1
	}
	win, second := order[0], order[1]
	wt, _, _ := b.entries[win].basis(afterTax)
	st, _, _ := b.entries[second].basis(afterTax)
	d := &Decision{WinnerID: b.entries[win].id, AfterTax: afterTax}
	var line strings.Builder
	how := "before tax"
	if afterTax {
		how = "after tax"
	}
	fmt.Fprintf(&line, "%s: %s %s over %d years, %s more than %s", b.name(win, idx), Dollars(wt), how, b.years,
		Dollars(wt.Sub(st)), b.name(second, idx))
	if afterTax {
		// The order before tax, when it differs: which offer pays more
		// gross, and why it nets less.
		gross := win
		for _, i := range idx {
			if b.entries[i].total.GreaterThan(b.entries[gross].total) {
				gross = i
			}
		}
		if gross != win {
			more := b.entries[gross].total.Sub(b.entries[win].total)
			taxes := "its taxes take"
			if w, ok := residenceWords[b.entries[gross].residence]; ok {
				taxes = w + " takes"
				if strings.HasSuffix(w, "taxes") {
					taxes = w + " take"
				}
			}
			if gross == second {
				fmt.Fprintf(&line, ", which pays %s more before tax: %s more than the difference", Dollars(more), taxes)
			} else {
				fmt.Fprintf(&line, "; %s pays %s more before tax, but %s more than the difference", b.name(gross, idx), Dollars(more), taxes)
			}
		}
	}
	line.WriteString(".")
	// Who leads if the candidate leaves early (cumulative totals).
	lead := func(year int) (int, decimal.Decimal) {
		best, bestV := -1, decimal.Zero
		for _, i := range idx {
			_, y1, y2 := b.entries[i].basis(afterTax)
			v := y1
			if year == 2 {
				v = y2
			}
			if best < 0 || v.GreaterThan(bestV) {
				best, bestV = i, v
			}
		}
		return best, bestV
	}
	l1, v1 := lead(1)
	l2, v2 := lead(2)
	fmt.Fprintf(&line, " If you leave after year 1, %s leads (%s %s); after year 2, %s leads (%s).", b.name(l1, idx), Dollars(v1), how, b.name(l2, idx), Dollars(v2))
	for _, i := range idx {
		if b.entries[i].preferred == PreferenceYes && i != win {
			pt, _, _ := b.entries[i].basis(afterTax)
			fmt.Fprintf(&line, " Your preferred offer, %s, costs %s %s over %d years against %s.", b.name(i, idx), Dollars(wt.Sub(pt)), how, b.years, b.name(win, idx))
			break
		}
	}
	d.Line = line.String()
	return d
}

// Context returns offer i's context (see OfferContext); Resolve first.
func (b *CandidateBook) Context(i int) OfferContext {
	e := &b.entries[i]
	ctx := OfferContext{Offers: 1}
	if e.cand < 0 {
		if len(b.entries) == 1 {
			ctx.Offers = 1
		} else {
			ctx.Offers = 0 // unknown: no candidate name in a larger batch
		}
	} else {
		ctx.Offers = len(b.members[e.cand])
		ctx.Other = b.others[i]
		if d := b.decisions[e.cand]; d != nil {
			ctx.Decision, ctx.Rank = d, b.ranks[i]
		}
	}
	afterTax := e.hasTax
	if ctx.Decision != nil {
		afterTax = ctx.Decision.AfterTax
	}
	_, y1, y2 := e.basis(afterTax)
	ctx.LeaveAfterY1, ctx.LeaveAfterY2 = decimal.NewNullDecimal(y1), decimal.NewNullDecimal(y2)
	return ctx
}
