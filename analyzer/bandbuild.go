package analyzer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// BandBuilder builds market bands from a batch of offers (docs/METHOD.md,
// "Market position", bands from your own offers): per (company, track,
// level, location) group of at least a minimum number of offers, each
// component's P10 and P90 (PERCENTILE.INC) as the band's min and max. It
// streams: Add takes one offer at a time and keeps, per group, only each
// component's figure in cents (eight integers an offer), never the offers.
// The figures are at grant value (no growth, no raises), as the market
// position measures them; the level is the band level (the level-
// equivalence table's mapping), so --bands reads the rows back for the
// same offers. A BandBuilder is not safe for concurrent use.
type BandBuilder struct {
	e      *Engine
	groups []*bandGroup
	// byKey finds a group by the offer's key as given; byFolded by the
	// key compared case- and punctuation-insensitively.
	byKey    map[BandKey]*bandGroup
	byFolded map[foldedKey]*bandGroup
	offers   int
}

// bandGroup is one group's key and its offers' figures, in cents, per
// component.
type bandGroup struct {
	key    BandKey
	values [componentCount][]int64
}

// NewBandBuilder returns an empty builder. Of opts it uses the horizon
// (annual total comp averages the first four years, or H below four), the
// default stock price and the level equivalences; growth, raises, bands,
// levers and taxes play no part.
func NewBandBuilder(opts Options) (*BandBuilder, error) {
	opts.StockGrowth, opts.Raise, opts.Scenarios = decimal.Zero, decimal.Zero, nil
	opts.Bands, opts.Tax, opts.Levers, opts.Premiums = nil, nil, false, nil
	e, err := newEngine(opts, nil)
	if err != nil {
		return nil, err
	}
	return &BandBuilder{e: e, byKey: map[BandKey]*bandGroup{}, byFolded: map[foldedKey]*bandGroup{}}, nil
}

// Add puts one offer's figures in its group. An offer the engine cannot
// analyze (no grant, a zero base) is an error, a *FieldError, and is left out.
func (b *BandBuilder) Add(o *Offer) error {
	if err := validate(o); err != nil {
		return err
	}
	g, _, _, err := b.e.grant(o)
	if err != nil {
		return err
	}
	a := Analysis{Offer: o, Grant: g}
	var years [4]YearTotals
	h := b.e.opts.Years
	if h <= len(years) {
		a.Years = b.e.yearTable(inputsOf(o), g, b.e.growth, years[:h])
	} else {
		a.Years = b.e.yearTable(inputsOf(o), g, b.e.growth, nil)
	}
	n := annualYears(len(a.Years))
	a.AnnualTotalComp = sumTotals(a.Years[:n]).DivRound(decimal.NewFromInt(int64(n)), 12)
	raw := OfferKey(o)
	grp := b.byKey[raw]
	if grp == nil {
		key, _ := b.e.bandKey(o)
		key.Track = CanonicalTrack(key.Track)
		if key.Track == "" {
			key.Track = "SDE" // the offers' default track
		}
		f := foldKey(key)
		if grp = b.byFolded[f]; grp == nil {
			grp = &bandGroup{key: key}
			b.byFolded[f] = grp
			b.groups = append(b.groups, grp)
		}
		b.byKey[raw] = grp
	}
	for i, c := range Components {
		grp.values[i] = append(grp.values[i], componentValue(&a, c).Shift(2).RoundBank(0).IntPart())
	}
	b.offers++
	return nil
}

// Offers returns how many offers were added.
func (b *BandBuilder) Offers() int { return b.offers }

// Groups returns how many groups the offers fell in.
func (b *BandBuilder) Groups() int { return len(b.groups) }

var (
	p10 = decimal.NewFromInt(10)
	p90 = decimal.NewFromInt(90)
)

// Bands returns the bands of every group of at least minGroup offers, in
// order of company, track, level and location, each group's components in
// Components order, each with the source "built from FROM, N offers".
// Groups below minGroup are counted in skipped.
func (b *BandBuilder) Bands(minGroup int, from string) (bands []Band, skipped int) {
	groups := slices.Clone(b.groups)
	slices.SortStableFunc(groups, func(x, y *bandGroup) int {
		for _, p := range [][2]string{{x.key.Company, y.key.Company}, {x.key.Track, y.key.Track},
			{x.key.Level, y.key.Level}, {x.key.Location, y.key.Location}} {
			if c := cmp.Compare(strings.ToLower(p[0]), strings.ToLower(p[1])); c != 0 {
				return c
			}
		}
		return 0
	})
	for _, g := range groups {
		n := len(g.values[0])
		if n < max(minGroup, 1) {
			skipped++
			continue
		}
		source := fmt.Sprintf("built from %s, %d offers", from, n)
		for i, c := range Components {
			v := g.values[i]
			slices.Sort(v)
			at := func(k int) decimal.Decimal { return decimal.New(v[k], -2) }
			lo, _ := PercentileIncOf(n, at, p10)
			hi, _ := PercentileIncOf(n, at, p90)
			bands = append(bands, Band{Key: g.key, Component: c, Min: lo, Max: hi, Source: source})
		}
	}
	return bands, skipped
}
