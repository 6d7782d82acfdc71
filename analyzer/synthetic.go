package analyzer

import (
	"fmt"
	"math/rand/v2"

	"github.com/shopspring/decimal"
)

// Synthetic makes realistic, reproducible offers for trials and benchmarks
// (`offerbook generate`). The same seed gives the same offers. Candidates get
// three offers each, from Amazon and its usual competitors, at L5–L7 across
// the five band locations and the three tracks, with pay drawn around the
// negotiation guides' bands.
type Synthetic struct {
	rng  *rand.Rand
	next int
	opts SyntheticOptions
}

// SyntheticOptions change what the generator makes.
type SyntheticOptions struct {
	// Banded makes the harder batch: tracks and levels the built-in
	// bands cover (SDE and EM at L6–L7) and pay drawn a tenth lower, so
	// most offers have a market band and a counter-offer that asks.
	Banded bool
}

// NewSynthetic returns a generator seeded with seed.
func NewSynthetic(seed uint64) *Synthetic { return NewSyntheticWith(seed, SyntheticOptions{}) }

// NewSyntheticWith returns a generator seeded with seed making offers as
// opts say. The same seed and options give the same offers.
func NewSyntheticWith(seed uint64, opts SyntheticOptions) *Synthetic {
	return &Synthetic{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), opts: opts}
}

var (
	syntheticBandedTracks = []string{"SDE", "SDE", "EM"}
	syntheticBandedLevels = []string{"L6", "L6", "L7"}
)

var (
	syntheticLocations = []string{"Seattle", "Bay Area", "New York", "Austin", "Remote"}
	syntheticTracks    = []string{"SDE", "SDE", "EM", "PM"}
	syntheticLevels    = []string{"L5", "L6", "L6", "L7"}
	syntheticCompanies = []struct{ name, kind, vesting string }{
		{"Amazon", "FAANG", "amazon"}, {"Amazon", "FAANG", "amazon"}, {"Amazon", "FAANG", "amazon"},
		{"Google", "FAANG", "google"}, {"Meta", "FAANG", "meta"}, {"Microsoft", "Tier 1 Tech", "even"},
		{"Stripe", "Tier 1 Tech", "even"},
	}
	// syntheticPay is the base and four-year grant at the middle of each
	// level's range, in thousands.
	syntheticPay = map[string][2]int64{"L5": {150, 160}, "L6": {185, 380}, "L7": {250, 900}}
)

// Next returns the next synthetic offer.
func (s *Synthetic) Next() Offer {
	s.next++
	r := s.rng
	company := syntheticCompanies[r.IntN(len(syntheticCompanies))]
	tracks, levels := syntheticTracks, syntheticLevels
	if s.opts.Banded {
		tracks, levels = syntheticBandedTracks, syntheticBandedLevels
	}
	level := levels[r.IntN(len(levels))]
	pay := syntheticPay[level]
	if s.opts.Banded {
		pay = [2]int64{pay[0] * 9 / 10, pay[1] * 9 / 10}
	}
	spread := func(mid int64, pct int) decimal.Decimal { // mid ± pct%, whole thousands
		lo := mid * int64(100-pct) / 100
		hi := mid * int64(100+pct) / 100
		return decimal.NewFromInt((lo + r.Int64N(hi-lo+1)) * 1000)
	}
	o := Offer{
		ID:          fmt.Sprintf("G-%07d", s.next),
		Candidate:   fmt.Sprintf("Candidate %06d", (s.next-1)/3+1),
		Company:     company.name,
		CompanyType: company.kind,
		Track:       tracks[r.IntN(len(tracks))],
		Level:       level,
		Location:    syntheticLocations[r.IntN(len(syntheticLocations))],
		Base:        spread(pay[0], 12),
		RSUValue:    decimal.NewNullDecimal(spread(pay[1], 35)),
		Schedule:    MustSchedule(company.vesting),
	}
	if company.name == "Amazon" {
		o.SignOnY1 = spread(pay[1]/4, 30)
		o.SignOnY2 = spread(pay[1]/5, 30)
	} else {
		o.SignOnY1 = spread(pay[1]/10, 50)
		o.BonusPct = decimal.NewFromInt(int64(10 + r.IntN(3)*5)).Shift(-2)
	}
	return o
}
