package analyzer

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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
	// Candidate is the candidate's number in the book (in order of first
	// appearance), −1 for an offer without a candidate name; set when
	// Known.
	Candidate int
	// Known is true for a context the book worked out. LeaveAfterY1 and
	// LeaveAfterY2 are then the offer's cumulative totals after one and two
	// years (cents), on the decision's basis (after tax when it is).
	Known                      bool
	LeaveAfterY1, LeaveAfterY2 Fixed
}

// Decision is a candidate's choice among two or more offers (docs/METHOD.md,
// "The decision").
type Decision struct {
	// WinnerID is the winning offer's id.
	WinnerID string
	book     *CandidateBook
	cand     int32
	// AfterTax is true when the offers are ranked by their after-tax
	// totals (every one has a tax estimate).
	AfterTax bool
}

// Line is the decision in one paragraph, for the Candidates sheet and the
// candidate's offer sheets. It is written when asked for: a batch keeps
// the few figures, not a paragraph per candidate.
func (d *Decision) Line() string { return d.book.line(d.cand, d.AfterTax, d.book.label) }

// LineWith is Line with the offers named by label (batch index → label),
// for a caller that holds the candidate's offers already.
func (d *Decision) LineWith(label func(i int) OfferLabel) string {
	return d.book.line(d.cand, d.AfterTax, label)
}

// The figures the book keeps of an offer, in cents: its annual total comp
// (the comparators' measure), its H-year total before and after tax, and
// its cumulative totals after one and two years before and after tax.
const (
	figAnnual = iota
	figTotal
	figAfterTax
	figY1
	figY2
	figTax1
	figTax2
	figCount
)

// offerFigures are an offer's figures as worked out for the book.
type offerFigures struct {
	fig       [figCount]Fixed
	preferred Preference
	hasTax    bool
	// private is true for a private company's equity, which the after-tax
	// estimate leaves out until it is exercised or vests as stock.
	private bool
	resIdx  uint8 // 0 for none, else 1 + the residence's index in Residences
}

// bookEntry is what the book keeps of one offer: its candidate, its place
// in the candidate's decision and its figures, in 40 bytes. A figure is
// cents in an int32 (to $21 million); an offer with one that does not fit
// is wide, its figures kept in CandidateBook.wide.
type bookEntry struct {
	// cand is the offer's candidate, −1 for none.
	cand int32
	// rank is the offer's place in its candidate's decision (1 the
	// winner, 0 without one), with rankOther set when the candidate's
	// comparator pays more than the offer.
	rank      int32
	fig       [figCount]int32
	preferred Preference
	hasTax    bool
	private   bool
	resIdx    uint8
}

// rankOther marks a bookEntry whose candidate's comparator pays more.
const rankOther = 1 << 30

// figWide marks a bookEntry whose figures are in CandidateBook.wide.
const figWide = math.MinInt32

// figure returns offer i's figure k.
func (b *CandidateBook) figure(i int32, k int) Fixed {
	if v := b.entry(i).fig[k]; v != figWide {
		return Fixed(v)
	}
	return b.wide[i][k]
}

// basis returns offer i's total, year-1 and two-year figures, after tax or
// before.
func (b *CandidateBook) basis(i int32, afterTax bool) (total, y1, y2 Fixed) {
	if afterTax {
		return b.figure(i, figAfterTax), b.figure(i, figTax1), b.figure(i, figTax2)
	}
	return b.figure(i, figTotal), b.figure(i, figY1), b.figure(i, figY2)
}

// residence is offer i's residence, "" for none.
func (b *CandidateBook) residence(i int32) Residence {
	if r := b.entry(i).resIdx; r > 0 {
		return Residences[r-1]
	}
	return ""
}

// residenceIndex is the 1-based index of a residence in Residences; 0 for
// one Residences does not list (the after-tax estimate has none).
func residenceIndex(r Residence) uint8 {
	for i, x := range Residences {
		if x == r {
			return uint8(i + 1)
		}
	}
	return 0
}

// OfferLabel names an offer in a decision line or as a comparator. Exit,
// for a private company's offer, says what it is worth at 0× and 1× (see
// ExitWords); "" for a public one.
type OfferLabel struct{ ID, Company, Level, Exit string }

// LabelOf is the OfferLabel of a record.
func LabelOf(r *Record) OfferLabel {
	return OfferLabel{ID: r.ID, Company: r.Company, Level: r.Level, Exit: ExitWords(r)}
}

// CandidateBook gathers a batch's offers by candidate as they stream past,
// in input order, and works out each offer's context: the comparator among
// the candidate's other offers and the candidate's decision. It keeps a
// few figures per offer (40 bytes), not the analyses, and a few more per
// candidate.
type CandidateBook struct {
	// years is the horizon H of the analyses filed.
	years      int
	byName     map[string]int32 // while filing
	candidates int32            // how many candidates have an offer
	// entries are the offers in chunks of bookChunk, so the book grows
	// without copying; n is how many. wide are the figures of the offers
	// whose figures do not fit an entry.
	entries [][]bookEntry
	n       int32
	wide    map[int32][figCount]Fixed
	// label names offer i (from wherever the batch keeps its offers: the
	// book keeps figures, not text).
	label func(i int) OfferLabel
	// resolved: each candidate's offers
	// (memberList[memberStart[c]:memberStart[c+1]]), decision (book nil for
	// none) and comparator, the best of its offers by annual total comp
	// (which pays more than the offers whose rank says so).
	memberStart, memberList []int32
	decisions               []Decision
	comparators             []bookComparator
	// made are the comparators Context made last, one slot per candidate
	// modulo their number: a batch read in input order meets a
	// candidate's offers together, so it makes each comparator about once
	// per reading, and the book keeps 56 bytes per candidate, not a
	// Comparator with its decimal.
	made [1024]atomic.Pointer[madeComparator]
}

// bookComparator is a candidate's comparator as the book keeps it.
type bookComparator struct {
	id, company, level string
	annual             Fixed
}

// madeComparator is a comparator Context made, for candidate cand.
type madeComparator struct {
	cand int32
	c    Comparator
}

// comparator returns candidate c's comparator. It may run on several
// goroutines at once (the writers read the records together); a
// Comparator it returns is never changed.
func (b *CandidateBook) comparator(c int32) *Comparator {
	slot := &b.made[int(c)%len(b.made)]
	if m := slot.Load(); m != nil && m.cand == c {
		return &m.c
	}
	bc := &b.comparators[c]
	m := &madeComparator{cand: c, c: Comparator{ID: bc.id, Company: bc.company, Level: bc.level, AnnualTC: bc.annual.Decimal(MoneyPlaces)}}
	slot.Store(m)
	return &m.c
}

// bookChunk is how many entries one chunk of the book holds.
const bookChunk = 1 << 16

// entry returns offer i's entry.
func (b *CandidateBook) entry(i int32) *bookEntry { return &b.entries[i/bookChunk][i%bookChunk] }

// membersOf returns candidate c's offers, in input order.
func (b *CandidateBook) membersOf(c int32) []int32 {
	return b.memberList[b.memberStart[c]:b.memberStart[c+1]]
}

// NewCandidateBook returns an empty book.
func NewCandidateBook() *CandidateBook {
	return &CandidateBook{byName: map[string]int32{}}
}

// BookFigures is what the candidate book keeps of one offer, worked out
// where the offer is analyzed (Reduce runs on every core), so that filing it
// in input order costs a map lookup.
type BookFigures struct {
	// key is the folded candidate name, "" for none.
	key string
	f   offerFigures
	// years is the horizon H.
	years int32
}

// BookFiguresOf works out an analysis's figures for the book.
func BookFiguresOf(a *Analysis) BookFigures { return bookFiguresOf(a, nil) }

// bookFiguresOf is BookFiguresOf reading the figures r (Reduce's record of
// a, when not nil) already rounded.
func bookFiguresOf(a *Analysis, r *Record) BookFigures {
	o := a.Offer
	c := func(d decimal.Decimal) Fixed { return FixedOf(d, MoneyPlaces) }
	f := offerFigures{preferred: o.Preferred, private: o.IsPrivate()}
	if r != nil {
		f.fig[figAnnual], f.fig[figTotal] = r.ComparableTC, r.Total
	} else {
		f.fig[figAnnual], f.fig[figTotal] = c(a.ComparableTC()), c(a.Total)
	}
	if len(a.Years) > 0 {
		if r != nil {
			f.fig[figY1] = r.Years[0].Total
		} else {
			f.fig[figY1] = c(a.Years[0].Total)
		}
		f.fig[figY2] = f.fig[figY1]
		if len(a.Years) > 1 {
			f.fig[figY2] = sumFixed(a, a.Years[0].Total, a.Years[1].Total)
		}
	}
	if at := a.AfterTax; at.Known() {
		f.hasTax, f.resIdx = true, residenceIndex(at.Residence)
		if r != nil {
			f.fig[figAfterTax], f.fig[figTax1] = r.TakeHomeTotal, r.TakeHome[0]
		} else {
			f.fig[figAfterTax], f.fig[figTax1] = c(at.Total), c(at.Years[0].TakeHome)
		}
		f.fig[figTax2] = f.fig[figTax1]
		if len(at.Years) > 1 {
			// The exact two-year take-home, rounded once.
			f.fig[figTax2] = sumFixed(a, at.Years[0].TakeHome, at.Years[1].TakeHome)
		}
	}
	return BookFigures{key: fold(o.Candidate), f: f, years: int32(len(a.Years))}
}

// CandidateKey is the key offers are grouped by candidate under: the name
// folded (letters and digits, lower case), so "Ana Pérez" and "ana perez"
// are one candidate.
func CandidateKey(name string) string { return fold(name) }

// Add files the analysis of the next offer in input order.
func (b *CandidateBook) Add(a *Analysis) { b.AddFigures(BookFiguresOf(a)) }

// AddFigures files the next offer's figures (see BookFiguresOf), in input
// order.
func (b *CandidateBook) AddFigures(f BookFigures) {
	b.years = int(f.years)
	e := bookEntry{cand: -1, preferred: f.f.preferred, hasTax: f.f.hasTax, private: f.f.private, resIdx: f.f.resIdx}
	if f.key != "" {
		j, ok := b.byName[f.key]
		if !ok {
			j = b.candidates
			b.byName[f.key] = j
			b.candidates++
		}
		e.cand = j
	}
	for k, v := range f.f.fig {
		if v <= figWide || v > math.MaxInt32 {
			if b.wide == nil {
				b.wide = map[int32][figCount]Fixed{}
			}
			b.wide[b.n] = f.f.fig
			for k := range e.fig {
				e.fig[k] = figWide
			}
			break
		}
		e.fig[k] = int32(v)
	}
	if b.n%bookChunk == 0 {
		b.entries = append(b.entries, make([]bookEntry, 0, bookChunk))
	}
	last := len(b.entries) - 1
	b.entries[last] = append(b.entries[last], e)
	b.n++
}

// Len is the number of offers filed.
func (b *CandidateBook) Len() int { return int(b.n) }

// Resolve works out every candidate's decision and every offer's
// comparator; call it once, after the last Add and before Context. label
// names offer i (its id, company and level); the book keeps it to write
// decision lines when they are asked for.
func (b *CandidateBook) Resolve(label func(i int) OfferLabel) {
	b.label = label
	b.byName = nil
	// Each candidate's offers, by counting: a start per candidate, then
	// the offers in input order.
	b.memberStart = make([]int32, b.candidates+1)
	for i := int32(0); i < b.n; i++ {
		if c := b.entry(i).cand; c >= 0 {
			b.memberStart[c+1]++
		}
	}
	for c := int32(1); c <= b.candidates; c++ {
		b.memberStart[c] += b.memberStart[c-1]
	}
	b.memberList = make([]int32, b.memberStart[b.candidates])
	next := append([]int32(nil), b.memberStart[:b.candidates]...)
	for i := int32(0); i < b.n; i++ {
		if c := b.entry(i).cand; c >= 0 {
			b.memberList[next[c]] = i
			next[c]++
		}
	}
	next = nil
	b.decisions = make([]Decision, b.candidates)
	b.comparators = make([]bookComparator, b.candidates)
	// Candidates share nothing: a large book is resolved in two halves
	// side by side (label must then be safe to call from two goroutines).
	if mid := b.candidates / 2; mid >= resolveSplit {
		var wg sync.WaitGroup
		wg.Go(func() { b.resolveRange(0, mid, label) })
		b.resolveRange(mid, b.candidates, label)
		wg.Wait()
		return
	}
	b.resolveRange(0, b.candidates, label)
}

// resolveSplit is the number of candidates from which each half of a book
// is resolved on a goroutine of its own.
const resolveSplit = 4096

// resolveRange works out the decisions and comparators of candidates
// from..to-1, and their offers' ranks.
func (b *CandidateBook) resolveRange(from, to int32, label func(i int) OfferLabel) {
	var order []int32
	for c := from; c < to; c++ {
		idx := b.membersOf(c)
		if len(idx) < 2 {
			continue
		}
		afterTax := b.afterTaxBasis(idx)
		order = b.order(order[:0], idx, afterTax)
		for r, i := range order {
			b.entry(i).rank = int32(r + 1)
		}
		win := label(int(order[0]))
		b.decisions[c] = Decision{WinnerID: win.ID, AfterTax: afterTax, book: b, cand: c}
		// Each offer's best other offer that pays more is the candidate's
		// best (the first of equals); the best itself has none.
		first := idx[0]
		for _, i := range idx[1:] {
			if b.figure(i, figAnnual) > b.figure(first, figAnnual) {
				first = i
			}
		}
		beaten := false
		for _, i := range idx {
			if i != first && b.figure(first, figAnnual) > b.figure(i, figAnnual) {
				b.entry(i).rank |= rankOther
				beaten = true
			}
		}
		if beaten {
			l := win
			if first != order[0] {
				l = label(int(first))
			}
			b.comparators[c] = bookComparator{id: l.ID, company: l.Company, level: l.Level, annual: b.figure(first, figAnnual)}
		}
	}
}

// afterTaxBasis reports whether every offer of idx has a tax estimate and
// none is a private company's (whose equity the estimate leaves out, so its
// take-home would not compare with the others').
func (b *CandidateBook) afterTaxBasis(idx []int32) bool {
	for _, i := range idx {
		if !b.entry(i).hasTax || b.entry(i).private {
			return false
		}
	}
	return true
}

// order appends idx to dst from the best offer to the worst on the basis,
// the earlier first on a tie.
func (b *CandidateBook) order(dst, idx []int32, afterTax bool) []int32 {
	order := append(dst, idx...)
	sort.SliceStable(order, func(x, y int) bool {
		tx, _, _ := b.basis(order[x], afterTax)
		ty, _, _ := b.basis(order[y], afterTax)
		return tx > ty
	})
	return order
}

// names are how a decision line names the offers idx: each by its
// company, with its level and id when two of them share the company.
func (b *CandidateBook) names(idx []int32, labels []OfferLabel) map[int32]string {
	out := make(map[int32]string, len(idx))
	for k, i := range idx {
		l := labels[k]
		company := strings.TrimSpace(l.Company)
		name := company
		if company == "" {
			name = "offer " + l.ID
		}
		for m := range labels {
			if m != k && company != "" && strings.EqualFold(strings.TrimSpace(labels[m].Company), company) {
				name = company + " " + l.Level + " (" + l.ID + ")"
			}
		}
		out[i] = name
	}
	return out
}

// residenceWords names the taxes of a residence in a sentence.
var residenceWords = map[Residence]string{
	ResidenceCA:  "California's income tax takes",
	ResidenceNY:  "New York State's income tax takes",
	ResidenceNYC: "New York State and City income taxes take",
}

// line writes candidate c's decision line.
func (b *CandidateBook) line(c int32, afterTax bool, label func(i int) OfferLabel) string {
	idx := b.membersOf(c)
	order := b.order(nil, idx, afterTax)
	win, second := order[0], order[1]
	labels := make([]OfferLabel, len(idx))
	for k, i := range idx {
		labels[k] = label(int(i))
	}
	names := b.names(idx, labels)
	dollars := func(f Fixed) string { return Dollars(f.Decimal(MoneyPlaces)) }
	wt, _, _ := b.basis(win, afterTax)
	st, _, _ := b.basis(second, afterTax)
	var line strings.Builder
	how := "before tax"
	if afterTax {
		how = "after tax"
	}
	fmt.Fprintf(&line, "%s: %s %s over %d years, %s more than %s", names[win], dollars(wt), how, b.years,
		dollars(wt-st), names[second])
	if afterTax {
		// The order before tax, when it differs: which offer pays more
		// gross, and why it nets less.
		gross := win
		for _, i := range idx {
			if b.figure(i, figTotal) > b.figure(gross, figTotal) {
				gross = i
			}
		}
		if gross != win {
			more := b.figure(gross, figTotal) - b.figure(win, figTotal)
			taxes, ok := residenceWords[b.residence(gross)]
			if !ok {
				taxes = "its taxes take"
			}
			if gross == second {
				fmt.Fprintf(&line, ", which pays %s more before tax: %s more than the difference", dollars(more), taxes)
			} else {
				fmt.Fprintf(&line, "; %s pays %s more before tax, but %s more than the difference", names[gross], dollars(more), taxes)
			}
		}
	}
	line.WriteString(".")
	// Who leads if the candidate leaves early (cumulative totals).
	lead := func(year int) (int32, Fixed) {
		best, bestV := int32(-1), Fixed(0)
		for _, i := range idx {
			_, y1, y2 := b.basis(i, afterTax)
			v := y1
			if year == 2 {
				v = y2
			}
			if best < 0 || v > bestV {
				best, bestV = i, v
			}
		}
		return best, bestV
	}
	l1, v1 := lead(1)
	l2, v2 := lead(2)
	fmt.Fprintf(&line, " If you leave after year 1, %s leads (%s %s); after year 2, %s leads (%s).", names[l1], dollars(v1), how, names[l2], dollars(v2))
	// A startup offer beside the others: what it is worth if its equity
	// is worth nothing and at its last preferred price.
	for k, i := range idx {
		if l := labels[k]; l.Exit != "" {
			fmt.Fprintf(&line, " %s: %s.", names[i], l.Exit)
		}
	}
	for _, i := range idx {
		if b.entry(i).preferred == PreferenceYes && i != win {
			pt, _, _ := b.basis(i, afterTax)
			fmt.Fprintf(&line, " Your preferred offer, %s, costs %s %s over %d years against %s.", names[i], dollars(wt-pt), how, b.years, names[win])
			break
		}
	}
	return line.String()
}

// Context returns offer i's context (see OfferContext); Resolve first.
func (b *CandidateBook) Context(i int) OfferContext {
	e := b.entry(int32(i))
	ctx := OfferContext{Candidate: int(e.cand), Known: true}
	switch {
	case e.cand >= 0:
		ctx.Offers = int(b.memberStart[e.cand+1] - b.memberStart[e.cand])
		if e.rank&rankOther != 0 {
			ctx.Other = b.comparator(e.cand)
		}
		if d := &b.decisions[e.cand]; d.book != nil {
			ctx.Decision, ctx.Rank = d, int(e.rank&^rankOther)
		}
	case b.n == 1:
		ctx.Offers = 1 // no candidate name, but a batch of one
	}
	afterTax := e.hasTax
	if ctx.Decision != nil {
		afterTax = ctx.Decision.AfterTax
	}
	_, ctx.LeaveAfterY1, ctx.LeaveAfterY2 = b.basis(int32(i), afterTax)
	return ctx
}

// ComparableTC is the yearly figure an offer is compared with other offers
// by, for leverage (docs/METHOD.md, "Leverage"): annual total comp at grant
// value, with a private company's equity at its 409A value (what it is worth
// today), not the paper value a recruiter quotes, so a startup's preferred
// price is never cited as pay.
func (a *Analysis) ComparableTC() decimal.Decimal {
	v := a.Equity
	if v == nil || len(v.Years) == 0 {
		return a.TodayTotalComp
	}
	n := annualYears(len(v.Years))
	diff := decimal.Zero
	for _, y := range v.Years[:n] {
		counted := decimal.Zero
		switch v.Basis {
		case PrivateValue409A:
			counted = y.At409A
		case PrivateValueZero:
		default:
			counted = y.AtPreferred
		}
		diff = diff.Add(y.At409A).Sub(counted)
	}
	return a.TodayTotalComp.Add(diff.DivRound(decimal.NewFromInt(int64(n)), 12))
}

// sumFixed is x + y in cents (rounded once, half-even): in Money when
// both are exact, else in decimal.
func sumFixed(a *Analysis, x, y decimal.Decimal) Fixed {
	if !a.decimalOnly {
		var m exact
		if s := m.add(m.moneyOf(x), m.moneyOf(y)); m.ok() {
			return s.Fixed(MoneyPlaces)
		}
	}
	return FixedOf(x.Add(y), MoneyPlaces)
}
