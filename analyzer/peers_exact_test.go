package analyzer

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/shopspring/decimal"
)

// TestPeerGroupsExactAgreesWithDecimal: the peer percentiles worked out in
// integers equal PERCENTRANK.INC over the group's decimals (truncated to
// three places, times 100, in tenths), and every full placement equals the
// one made from the decimals, for groups of one, two and many offers with
// ties; a value with more places than a Money holds switches the whole
// batch to decimals with the same results.
func TestPeerGroupsExactAgreesWithDecimal(t *testing.T) {
	for _, tc := range []struct {
		name    string
		inexact bool // one value of eleven places
	}{{"exact values", false}, {"one value of eleven places", true}} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, 11))
			groups := []string{"Amazon", "Google", "Meta", "Stripe", "Solo", "Pair"}
			var analyses []Analysis
			for i := range 3000 {
				company := groups[rng.IntN(4)]
				switch {
				case i == 5:
					company = "Solo" // a group of one
				case i == 9 || i == 2999:
					company = "Pair" // a group of two
				}
				// Cents over four years averaged: up to four places; few
				// distinct values, so ties are common.
				v := decimal.New(int64(15_000_000+rng.IntN(40)*250_013), -4)
				if tc.inexact && i == 1234 {
					v = decimal.New(31_000_000_000_001, -11)
				}
				analyses = append(analyses, Analysis{Offer: &Offer{Company: company, Track: "SDE", Level: "L6", Location: "Seattle"}, TodayTotalComp: v})
			}
			p := NewPeerGroups()
			for i := range analyses {
				p.Add(&analyses[i])
			}
			if got := p.decs != nil; got != tc.inexact {
				t.Fatalf("kept as decimals: %v, want %v", got, tc.inexact)
			}
			places := p.Compute(1)
			byGroup := map[string][]decimal.Decimal{}
			for _, a := range analyses {
				byGroup[a.Offer.Company] = append(byGroup[a.Offer.Company], a.TodayTotalComp)
			}
			for _, vs := range byGroup {
				sort.Slice(vs, func(i, j int) bool { return vs[i].LessThan(vs[j]) })
			}
			for i, a := range analyses {
				sorted := byGroup[a.Offer.Company]
				rank, err := PercentRankInc(sorted, a.TodayTotalComp, 3)
				if err != nil {
					t.Fatal(err)
				}
				want := FixedOf(rank.Mul(decimal.NewFromInt(100)), PercentilePlaces)
				if places[i] != want {
					t.Fatalf("offer %d (%s, %s of %d): percentile %d tenths, want %d", i, a.Offer.Company, a.TodayTotalComp, len(sorted), places[i], want)
				}
				if i%97 != 0 && len(sorted) > 2 {
					continue
				}
				got := p.Place(i)
				if got == nil || got.Size != len(sorted) || !got.PercentRank.Equal(rank) || !got.Value.Equal(a.TodayTotalComp) {
					t.Fatalf("offer %d: place %+v, want rank %s of %d", i, got, rank, len(sorted))
				}
				p50, _ := PercentileInc(sorted, decimal.NewFromInt(50))
				if !got.P50.Equal(p50) {
					t.Fatalf("offer %d: P50 %s, want %s", i, got.P50, p50)
				}
			}
			if fmt.Sprint(places[5]) != "1000" {
				t.Errorf("a group of one: %v tenths, want 1000 (100.0)", places[5])
			}
		})
	}
}
