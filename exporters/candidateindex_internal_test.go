package exporters

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// TestCandidateIndexAgrees: the exporters' index groups offers and finds
// the winners as analyzer.CandidateIndex does, with the book's candidate
// numbers or by name, and finds the take-home winners (ties to the
// earlier offer, the horizon exactly) as a plain search over the offers.
func TestCandidateIndexAgrees(t *testing.T) {
	const h = 4
	names := []string{"", "Ana Pérez", "ana perez", "Bo", "---", "Cy", "BO"}
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 7))
		n := 1 + rng.IntN(60)
		recs := make([]analyzer.Record, n)
		book := map[string]int{} // folded name → the book's number
		for i := range recs {
			r := &recs[i]
			r.ID, r.Candidate = string(rune('A'+i%26)), names[rng.IntN(len(names))]
			r.Years = make([]analyzer.YearCents, h)
			for t := range r.Years {
				r.Years[t].Total = analyzer.Fixed(rng.IntN(4) * 100)
			}
			r.Total = analyzer.Fixed(rng.IntN(4) * 100)
			if rng.IntN(3) > 0 {
				r.TaxKnown = true
				r.TakeHome = make([]analyzer.Fixed, h-rng.IntN(2))
				for t := range r.TakeHome {
					r.TakeHome[t] = analyzer.Fixed(rng.IntN(3) * 100)
				}
				r.TakeHomeExact = decimal.New(int64(rng.IntN(3)), -int32(rng.IntN(3)))
			}
			if seed%2 == 1 { // the batch's records have the book's numbers
				k := analyzer.CandidateKey(r.Candidate)
				r.Context.Known, r.Context.Candidate = true, -1
				if k != "" {
					if _, ok := book[k]; !ok {
						book[k] = len(book)
					}
					r.Context.Candidate = book[k]
				}
			}
		}
		want := analyzer.NewCandidateIndex()
		x := newCandidateIndex(h, n)
		for i := range recs {
			want.Add(i, &recs[i])
			x.add(i, &recs[i])
		}
		x.finish()
		cands := want.Candidates()
		if x.count() != len(cands) {
			t.Fatalf("seed %d: %d candidates, want %d", seed, x.count(), len(cands))
		}
		for c, wc := range cands {
			c := int32(c)
			var offers []int
			for _, i := range x.offers(c) {
				offers = append(offers, int(i))
			}
			if !slices.Equal(offers, wc.Offers) {
				t.Fatalf("seed %d candidate %d: offers %v, want %v", seed, c, offers, wc.Offers)
			}
			for y := range h {
				if got := x.winner(c, x.yearSlot(c, y)); got != wc.YearWinners[y] {
					t.Errorf("seed %d candidate %d: year %d winner %d, want %d", seed, c, y+1, got, wc.YearWinners[y])
				}
				// The take-home winner: the first offer with the most.
				best := -1
				for k, i := range wc.Offers {
					r := &recs[i]
					if r.TaxKnown && y < len(r.TakeHome) && (best < 0 || r.TakeHome[y] > recs[wc.Offers[best]].TakeHome[y]) {
						best = k
					}
				}
				if got := x.winner(c, x.takeHomeSlot(c, y)); got != best {
					t.Errorf("seed %d candidate %d: year %d take-home winner %d, want %d", seed, c, y+1, got, best)
				}
			}
			if got := x.winner(c, x.totalSlot(c)); got != wc.TotalWinner {
				t.Errorf("seed %d candidate %d: total winner %d, want %d", seed, c, got, wc.TotalWinner)
			}
			best := -1
			for k, i := range wc.Offers {
				if r := &recs[i]; r.TaxKnown && (best < 0 || r.TakeHomeExact.GreaterThan(recs[wc.Offers[best]].TakeHomeExact)) {
					best = k
				}
			}
			if got := x.winner(c, x.takeHomeTotalSlot(c)); got != best {
				t.Errorf("seed %d candidate %d: take-home winner %d, want %d", seed, c, got, best)
			}
		}
	}
}
