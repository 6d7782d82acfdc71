package exporters

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// candidateIndex groups a batch's records by candidate as they stream past,
// in order of first appearance (offers without a candidate are left out),
// and finds each candidate's winners: the offer paying the most in each
// year and over the horizon, compared in cents as the sheets show them, and
// the offer taking home the most in each year (in cents) and over the
// horizon (exactly), among those with an after-tax figure. Ties go to the
// earlier offer. It keeps flat arrays of int32, two per offer and 2H+3 per
// candidate, not values per candidate: a million offers of three per
// candidate keep 23 MB.
type candidateIndex struct {
	h int
	// decideByCount: the records are read before their places (a batch
	// whose candidate book is still resolving), so a candidate has a
	// decision when it has two or more offers, as the book decides,
	// rather than when a record says so.
	decideByCount bool
	// of is each offer's candidate, −1 for none.
	of []int32
	// byBook maps the candidate book's numbers (OfferContext.Candidate)
	// to the index's, −1 when not seen yet; byName keys, by folded name,
	// the candidates of records without a book number.
	byBook []int32
	byName map[string]int32
	n      int32 // candidates
	// win holds, per candidate, slots of the offers winning: each year
	// before tax, the horizon before tax, each year after tax, the
	// horizon after tax (see yearSlot); −1 for none.
	win []int32
	// best are the winning figures while the records stream past, slot
	// by slot; bestTotal the exact after-tax total of the horizon's
	// winner. Both go once the index is finished.
	best      []analyzer.Fixed
	bestTotal []exactTotal
	// flags are per candidate: candidateGap, candidateDecision.
	flags []uint8
	// start and members are each candidate's offers once finished,
	// members[start[c]:start[c+1]] in input order; while the records
	// stream past, start counts the offers of each candidate.
	start, members []int32
}

// Candidate flags.
const (
	// candidateGap: one of the offers the Candidates sheet shows has a gap
	// to its comparator.
	candidateGap = 1 << iota
	// candidateDecision: the candidate has a decision.
	candidateDecision
)

// newCandidateIndex returns an empty index for n records of h years.
func newCandidateIndex(h, n int) *candidateIndex {
	return &candidateIndex{h: h, of: make([]int32, 0, n), byName: map[string]int32{}}
}

// stride is the number of winner slots per candidate.
func (x *candidateIndex) stride() int { return 2*x.h + 2 }

// yearSlot, totalSlot, takeHomeSlot and takeHomeTotalSlot are the slots
// of candidate c's winners in win: before tax each year t and the horizon,
// then after tax the same.
func (x *candidateIndex) yearSlot(c int32, t int) int     { return int(c)*x.stride() + t }
func (x *candidateIndex) totalSlot(c int32) int           { return int(c)*x.stride() + x.h }
func (x *candidateIndex) takeHomeSlot(c int32, t int) int { return int(c)*x.stride() + x.h + 1 + t }
func (x *candidateIndex) takeHomeTotalSlot(c int32) int   { return int(c)*x.stride() + 2*x.h + 1 }

// count is the number of candidates.
func (x *candidateIndex) count() int { return int(x.n) }

// offers returns candidate c's offers, in input order (once finished).
func (x *candidateIndex) offers(c int32) []int32 { return x.members[x.start[c]:x.start[c+1]] }

// offerCount is the number of candidate c's offers (once finished).
func (x *candidateIndex) offerCount(c int32) int { return int(x.start[c+1] - x.start[c]) }

// has reports whether candidate c has a flag.
func (x *candidateIndex) has(c int32, flag uint8) bool { return x.flags[c]&flag != 0 }

// winner returns where the offer winning slot s stands among candidate c's
// offers, −1 for none.
func (x *candidateIndex) winner(c int32, s int) int { return x.position(c, x.win[s]) }

// candidate returns record i's candidate, numbering a new one.
func (x *candidateIndex) candidate(r *analyzer.Record) (c int32, isNew bool) {
	if r.Candidate == "" {
		return -1, false
	}
	if ctx := &r.Context; ctx.Known && ctx.Candidate >= 0 {
		for len(x.byBook) <= ctx.Candidate {
			x.byBook = append(x.byBook, -1)
		}
		if c = x.byBook[ctx.Candidate]; c >= 0 {
			return c, false
		}
		x.byBook[ctx.Candidate] = x.n
	} else {
		k := analyzer.CandidateKey(r.Candidate)
		if c, ok := x.byName[k]; ok {
			return c, false
		}
		x.byName[k] = x.n
	}
	x.n++
	return x.n - 1, true
}

// add files record i (records are added in input order).
func (x *candidateIndex) add(i int, r *analyzer.Record) {
	c, isNew := x.candidate(r)
	x.of = append(x.of, c)
	if c < 0 {
		return
	}
	if isNew {
		for range x.stride() {
			x.win = append(x.win, -1)
			x.best = append(x.best, 0)
		}
		x.bestTotal = append(x.bestTotal, exactTotal{})
		x.flags = append(x.flags, 0)
		x.start = append(x.start, 0)
	}
	pos := x.start[c]
	x.start[c]++
	if pos < maxCandidateOffers && len(r.ComparatorGap) > 0 {
		x.flags[c] |= candidateGap
	}
	if r.Context.Decision != nil {
		x.flags[c] |= candidateDecision
	}
	// better files v in slot s when it beats the slot's winner.
	better := func(s int, v analyzer.Fixed) {
		if x.win[s] < 0 || v > x.best[s] {
			x.win[s], x.best[s] = int32(i), v
		}
	}
	for t := range x.h {
		v := analyzer.Fixed(0)
		if t < len(r.Years) {
			v = r.Years[t].Total
		}
		better(x.yearSlot(c, t), v)
	}
	better(x.totalSlot(c), r.Total)
	if !r.TaxKnown {
		return
	}
	for t := range x.h {
		if t < len(r.TakeHome) {
			better(x.takeHomeSlot(c, t), r.TakeHome[t])
		}
	}
	s, total := x.takeHomeTotalSlot(c), exactOf(r.TakeHomeExact)
	if x.win[s] < 0 || total.greater(x.bestTotal[c]) {
		x.win[s], x.bestTotal[c] = int32(i), total
	}
}

// finish lists each candidate's offers and lets go of what only the
// gathering needed (and of the room append left).
func (x *candidateIndex) finish() {
	x.byBook, x.byName, x.best, x.bestTotal = nil, nil, nil, nil
	x.win, x.flags = slices.Clone(x.win), slices.Clone(x.flags)
	start := make([]int32, x.n+1)
	for c := range x.n {
		start[c+1] = start[c] + x.start[c]
		if x.decideByCount && x.start[c] >= 2 {
			x.flags[c] |= candidateDecision
		}
	}
	x.start = start
	x.members = make([]int32, start[x.n])
	next := append([]int32(nil), start[:x.n]...)
	for i, c := range x.of {
		if c >= 0 {
			x.members[next[c]] = int32(i)
			next[c]++
		}
	}
}

// position returns where offer i stands among candidate c's offers, −1 for
// none.
func (x *candidateIndex) position(c int32, i int32) int {
	if i < 0 {
		return -1
	}
	m := x.offers(c)
	k := sort.Search(len(m), func(k int) bool { return m[k] >= i })
	if k < len(m) && m[k] == i {
		return k
	}
	return -1
}

// bestYears writes the years offer i takes home the most among its
// candidate's offers ("Y1–Y4", "Y3, Y4"), "" when none or when the
// candidate has a single offer.
func (x *candidateIndex) bestYears(i int) string {
	if i >= len(x.of) || x.of[i] < 0 || x.offerCount(x.of[i]) < 2 {
		return ""
	}
	c := x.of[i]
	var ts []int
	for t := range x.h {
		if x.win[x.takeHomeSlot(c, t)] == int32(i) {
			ts = append(ts, t+1)
		}
	}
	if len(ts) == 0 {
		return ""
	}
	return yearList(ts, x.h)
}

// yearList writes offer years: "Y1–Y4" for a run of all years, else "Y1, Y3".
func yearList(ts []int, h int) string {
	if len(ts) == h && h > 1 {
		return fmt.Sprintf("Y1–Y%d", h)
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("Y%d", t)
	}
	return strings.Join(parts, ", ")
}

// exactTotal is an exact decimal without the allocation of one: coef ×
// 10^exp when the coefficient fits an int64, else wide.
type exactTotal struct {
	coef int64
	exp  int32
	wide *decimal.Decimal
}

// exactOf keeps d.
func exactOf(d decimal.Decimal) exactTotal {
	if d.NumDigits() <= 18 {
		return exactTotal{coef: d.CoefficientInt64(), exp: d.Exponent()}
	}
	return exactTotal{wide: &d}
}

// decimal returns the value kept.
func (e exactTotal) decimal() decimal.Decimal {
	if e.wide != nil {
		return *e.wide
	}
	return decimal.New(e.coef, e.exp)
}

// greater reports whether e > o, exactly.
func (e exactTotal) greater(o exactTotal) bool {
	if e.wide == nil && o.wide == nil {
		if e.exp == o.exp {
			return e.coef > o.coef
		}
		// Scale the one with the larger exponent to the other's, when it
		// fits an int64.
		a, b, flip := e, o, false
		if a.exp < b.exp {
			a, b, flip = o, e, true
		}
		if d := a.exp - b.exp; d <= 18 {
			p := pow10int64(d)
			if a.coef <= math.MaxInt64/p && a.coef >= math.MinInt64/p {
				if flip {
					return b.coef > a.coef*p
				}
				return a.coef*p > b.coef
			}
		}
	}
	return e.decimal().GreaterThan(o.decimal())
}

// pow10int64 is 10^d for d in 0..18.
func pow10int64(d int32) int64 {
	p := int64(1)
	for range d {
		p *= 10
	}
	return p
}
