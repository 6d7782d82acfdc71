package analyzer

import "github.com/shopspring/decimal"

// Candidate gathers one candidate's offers side by side (SPEC §5).
type Candidate struct {
	Name string
	// Offers index into the analyses given to Candidates, in input order.
	Offers []int
	// YearWinners[t] is the index (into Offers) of the offer paying the most
	// in year t+1; TotalWinner the one with the largest H-year total. Ties
	// go to the earlier offer.
	YearWinners []int
	TotalWinner int
}

// Candidates groups analyses by candidate name, in order of first
// appearance; offers without a candidate are left out.
func Candidates(analyses []Analysis) []Candidate {
	var out []Candidate
	byName := map[string]int{}
	for i := range analyses {
		name := analyses[i].Offer.Candidate
		if name == "" {
			continue
		}
		k := fold(name)
		j, ok := byName[k]
		if !ok {
			j = len(out)
			byName[k] = j
			out = append(out, Candidate{Name: name})
		}
		out[j].Offers = append(out[j].Offers, i)
	}
	for c := range out {
		cand := &out[c]
		years := len(analyses[cand.Offers[0]].Years)
		cand.YearWinners = make([]int, years)
		for t := 0; t < years; t++ {
			cand.YearWinners[t] = argmax(cand.Offers, func(i int) decimal.Decimal {
				if t < len(analyses[i].Years) {
					return analyses[i].Years[t].Total
				}
				return decimal.Zero
			})
		}
		cand.TotalWinner = argmax(cand.Offers, func(i int) decimal.Decimal { return analyses[i].Total })
	}
	return out
}

// argmax returns the position in idx of the largest value, the first on a tie.
func argmax(idx []int, value func(int) decimal.Decimal) int {
	best := 0
	for k := 1; k < len(idx); k++ {
		if value(idx[k]).GreaterThan(value(idx[best])) {
			best = k
		}
	}
	return best
}

// SoleOffers counts a batch's offers per candidate as they stream by, so
// the offers analysed in full afterwards can be marked (Offer.SoleOffer)
// when they are their candidate's only one: the counter-offer email may
// then call the offer the candidate's first choice.
type SoleOffers struct {
	count map[string]int
	total int
}

// NewSoleOffers returns an empty count.
func NewSoleOffers() *SoleOffers { return &SoleOffers{count: map[string]int{}} }

// Add counts one offer.
func (s *SoleOffers) Add(o *Offer) {
	s.count[fold(o.Candidate)]++
	s.total++
}

// Mark sets o.SoleOffer: its candidate has no other offer in the batch (an
// offer without a candidate name is sole only in a batch of one).
func (s *SoleOffers) Mark(o *Offer) {
	if name := fold(o.Candidate); name == "" {
		o.SoleOffer = s.total == 1
	} else {
		o.SoleOffer = s.count[name] == 1
	}
}

// MarkSoleOffers sets Offer.SoleOffer on every offer of analyses (see
// SoleOffers).
func MarkSoleOffers(analyses []Analysis) {
	s := NewSoleOffers()
	for i := range analyses {
		s.Add(analyses[i].Offer)
	}
	for i := range analyses {
		s.Mark(analyses[i].Offer)
	}
}
