package analyzer

import (
	"fmt"
	"math"
	"sort"
	"strings"
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
	// AfterTax is true when the offers are ranked by their after-tax
	// totals (every one has a tax estimate).
	AfterTax bool
	book     *CandidateBook
	cand     int32
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

// bookEntry is what the book keeps of one offer while the batch is filed:
// the few figures the decision and the comparators need, in cents.
type bookEntry struct {
	cand      int32
	preferred Preference
	hasTax    bool
	// private is true for a private company's equity, which the after-tax
	// estimate leaves out until it is exercised or vests as stock.
	private bool
	// resIdx is the residence (see bookPlace).
	resIdx                  uint8
	annual, total, afterTax Fixed
	y1, y2, tax1, tax2      Fixed
}

// bookPlace is what the book keeps of one offer once resolved, for its
// context and its candidate's decision line: 28 bytes, where the entry
// filed took 64. Its figures are cents in an int32 (to $21 million);
// one that does not fit is wide and kept in CandidateBook.wide.
type bookPlace struct {
	// cand is the offer's candidate, −1 for none.
	cand int32
	// rank is the offer's place in its candidate's decision (1 the
	// winner, 0 without one), with placeOther set when the candidate's
	// comparator pays more than the offer.
	rank int32
	// fig are the cumulative totals after one and two years on the
	// decision's basis (see OfferContext), the H-year total before tax
	// and after it (see placeFigure).
	fig       [4]int32
	resIdx    uint8 // 0 for none, else 1 + the residence's index in Residences
	preferred Preference
}

// placeOther marks a bookPlace whose candidate's comparator pays more.
const placeOther = 1 << 30

// The figures of a bookPlace; placeWide marks one kept in CandidateBook.wide.
const (
	placeY1 = iota
	placeY2
	placeTotal
	placeAfterTax
	placeWide = math.MinInt32
)

// figure returns offer i's figure k (see bookPlace).
func (b *CandidateBook) figure(i int32, k int) Fixed {
	if v := b.places[i].fig[k]; v != placeWide {
		return Fixed(v)
	}
	return b.wide[i][k]
}

// setFigures sets offer i's figures.
func (b *CandidateBook) setFigures(i int32, f [4]Fixed) {
	p := &b.places[i]
	for k, v := range f {
		if v <= placeWide || v > math.MaxInt32 {
			if b.wide == nil {
				b.wide = map[int32][4]Fixed{}
			}
			b.wide[i] = f
			for k := range p.fig {
				p.fig[k] = placeWide
			}
			return
		}
		p.fig[k] = int32(v)
	}
	delete(b.wide, i)
}

// residence is offer i's residence, "" for none.
func (b *CandidateBook) residence(i int32) Residence {
	if r := b.places[i].resIdx; r > 0 {
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
// few figures per offer, not the analyses, and fewer once resolved.
type CandidateBook struct {
	// years is the horizon H of the analyses filed.
	years      int
	byName     map[string]int32 // while filing
	candidates int32            // how many candidates have an offer
	// entries are the offers' figures while filing, in chunks of
	// bookChunk, so the book grows without copying; n is how many.
	entries [][]bookEntry
	n       int32
	// label names offer i (from wherever the batch keeps its offers: the
	// book keeps figures, not text).
	label func(i int) OfferLabel
	// resolved: each offer's place; each candidate's offers
	// (memberList[memberStart[c]:memberStart[c+1]]), decision (book nil for
	// none) and comparator, the best of its offers by annual total comp
	// (which pays more than the offers whose place says so).
	places                  []bookPlace
	wide                    map[int32][4]Fixed
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

// entry returns offer i's figures (while filing).
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
	key   string
	entry bookEntry
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
	var e bookEntry
	if r != nil {
		e = bookEntry{cand: -1, annual: r.ComparableTC, total: r.Total, preferred: o.Preferred, private: o.IsPrivate()}
	} else {
		e = bookEntry{cand: -1, annual: c(a.ComparableTC()), total: c(a.Total), preferred: o.Preferred, private: o.IsPrivate()}
	}
	if len(a.Years) > 0 {
		if r != nil {
			e.y1 = r.Years[0].Total
		} else {
			e.y1 = c(a.Years[0].Total)
		}
		e.y2 = e.y1
		if len(a.Years) > 1 {
			e.y2 = sumFixed(a, a.Years[0].Total, a.Years[1].Total)
		}
	}
	if at := a.AfterTax; at.Known() {
		if r != nil {
			e.hasTax, e.afterTax, e.resIdx = true, r.TakeHomeTotal, residenceIndex(at.Residence)
			e.tax1 = r.TakeHome[0]
		} else {
			e.hasTax, e.afterTax, e.resIdx = true, c(at.Total), residenceIndex(at.Residence)
			e.tax1 = c(at.Years[0].TakeHome)
		}
		e.tax2 = e.tax1
		if len(at.Years) > 1 {
			// The exact two-year take-home, rounded once.
			e.tax2 = sumFixed(a, at.Years[0].TakeHome, at.Years[1].TakeHome)
		}
	}
	return BookFigures{key: fold(o.Candidate), entry: e, years: int32(len(a.Years))}
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
	e := f.entry
	b.years = int(f.years)
	if f.key != "" {
		j, ok := b.byName[f.key]
		if !ok {
			j = b.candidates
			b.byName[f.key] = j
			b.candidates++
		}
		e.cand = j
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
// names offer i (its id, company and level); the book keeps it
// to write decision lines when they are asked for. The figures filed are
// let go: the book keeps each offer's place.
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
	b.places = make([]bookPlace, b.n)
	for i := int32(0); i < b.n; i++ {
		e := b.entry(i)
		if c := e.cand; c >= 0 {
			b.memberList[next[c]] = i
			next[c]++
		}
		// Outside a decision, the basis is after tax when the offer has an
		// estimate; a decision's basis replaces it below.
		_, y1, y2 := e.basis(e.hasTax)
		b.places[i] = bookPlace{cand: e.cand, resIdx: e.resIdx, preferred: e.preferred}
		b.setFigures(i, [4]Fixed{y1, y2, e.total, e.afterTax})
	}
	next = nil
	b.decisions = make([]Decision, b.candidates)
	b.comparators = make([]bookComparator, b.candidates)
	var order []int32
	for c := int32(0); c < b.candidates; c++ {
		idx := b.membersOf(c)
		if len(idx) < 2 {
			continue
		}
		afterTax := b.afterTaxBasis(idx)
		order = b.order(order[:0], idx, afterTax)
		for r, i := range order {
			e := b.entry(i)
			_, y1, y2 := e.basis(afterTax)
			b.setFigures(i, [4]Fixed{y1, y2, e.total, e.afterTax})
			b.places[i].rank = int32(r + 1)
		}
		win := label(int(order[0]))
		b.decisions[c] = Decision{WinnerID: win.ID, AfterTax: afterTax, book: b, cand: c}
		// Each offer's best other offer that pays more is the candidate's
		// best (the first of equals); the best itself has none.
		first := idx[0]
		for _, i := range idx[1:] {
			if b.entry(i).annual > b.entry(first).annual {
				first = i
			}
		}
		beaten := false
		for _, i := range idx {
			if i != first && b.entry(first).annual > b.entry(i).annual {
				b.places[i].rank |= placeOther
				beaten = true
			}
		}
		if beaten {
			l := win
			if first != order[0] {
				l = label(int(first))
			}
			b.comparators[c] = bookComparator{id: l.ID, company: l.Company, level: l.Level, annual: b.entry(first).annual}
		}
	}
	b.entries = nil
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
// the earlier first on a tie (while filing).
func (b *CandidateBook) order(dst, idx []int32, afterTax bool) []int32 {
	return orderBy(dst, idx, func(i int32) Fixed {
		t, _, _ := b.entry(i).basis(afterTax)
		return t
	})
}

// orderBy appends idx to dst from the largest total to the smallest, the
// earlier first on a tie.
func orderBy(dst, idx []int32, total func(i int32) Fixed) []int32 {
	order := append(dst, idx...)
	sort.SliceStable(order, func(x, y int) bool { return total(order[x]) > total(order[y]) })
	return order
}

// basis returns an entry's total, year-1 and two-year figures on the
// decision's basis.
func (e *bookEntry) basis(afterTax bool) (total, y1, y2 Fixed) {
	if afterTax {
		return e.afterTax, e.tax1, e.tax2
	}
	return e.total, e.y1, e.y2
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
	labels := make([]OfferLabel, len(idx))
	for k, i := range idx {
		labels[k] = label(int(i))
	}
	// basis is an offer's total on the decision's basis.
	basis := func(i int32) Fixed {
		if afterTax {
			return b.figure(i, placeAfterTax)
		}
		return b.figure(i, placeTotal)
	}
	order := orderBy(nil, idx, basis)
	win, second := order[0], order[1]
	names := b.names(idx, labels)
	dollars := func(f Fixed) string { return Dollars(f.Decimal(MoneyPlaces)) }
	wt, st := basis(win), basis(second)
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
			if b.figure(i, placeTotal) > b.figure(gross, placeTotal) {
				gross = i
			}
		}
		if gross != win {
			more := b.figure(gross, placeTotal) - b.figure(win, placeTotal)
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
			v := b.figure(i, placeY1)
			if year == 2 {
				v = b.figure(i, placeY2)
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
		if b.places[i].preferred == PreferenceYes && i != win {
			fmt.Fprintf(&line, " Your preferred offer, %s, costs %s %s over %d years against %s.", names[i], dollars(wt-basis(i)), how, b.years, names[win])
			break
		}
	}
	return line.String()
}

// Context returns offer i's context (see OfferContext); Resolve first.
func (b *CandidateBook) Context(i int) OfferContext {
	p := &b.places[i]
	ctx := OfferContext{Candidate: int(p.cand), Known: true,
		LeaveAfterY1: b.figure(int32(i), placeY1), LeaveAfterY2: b.figure(int32(i), placeY2)}
	switch {
	case p.cand >= 0:
		ctx.Offers = int(b.memberStart[p.cand+1] - b.memberStart[p.cand])
		if p.rank&placeOther != 0 {
			ctx.Other = b.comparator(p.cand)
		}
		if d := &b.decisions[p.cand]; d.book != nil {
			ctx.Decision, ctx.Rank = d, int(p.rank&^placeOther)
		}
	case b.n == 1:
		ctx.Offers = 1 // no candidate name, but a batch of one
	}
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
