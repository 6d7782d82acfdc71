package analyzer

import "github.com/shopspring/decimal"

// Candidate gathers one candidate's offers side by side (see "The decision" in docs/METHOD.md).
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
