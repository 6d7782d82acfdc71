package analyzer

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Peer places an offer among the offers of its peer group in the same
// batch: same company, track, level and location (see "Peer percentiles" in docs/METHOD.md).
type Peer struct {
	// Group names the peer group, "Amazon / EM / L6 / Seattle".
	Group string
	// Size is the number of offers in the group.
	Size int
	// Value is the offer's headline figure compared within the group.
	Value decimal.Decimal
	// PercentRank is PERCENTRANK.INC of Value in the group (0..1, three
	// decimals truncated); Percentile is the same × 100.
	PercentRank decimal.Decimal
	Percentile  decimal.Decimal
	// P25, P50, P75 are PERCENTILE.INC of the group's headline figures.
	P25, P50, P75 decimal.Decimal
}

// HeadlineValue is the figure peer percentiles compare: the value of the
// headline band figure, or without a band annual total comp at grant
// value: the average of the first four offer years, or of all H when the
// horizon is shorter (see "Today's money" in docs/METHOD.md).
func (a *Analysis) HeadlineValue() decimal.Decimal {
	if h := a.Market.HeadlineFigure(); h != nil {
		return h.Value
	}
	return a.TodayTotalComp
}

// peerGroup is the folded (company, track, level, location) of an offer.
func peerGroup(o *Offer) string {
	return fold(o.Company) + "\x00" + fold(o.Track) + "\x00" + fold(o.Level) + "\x00" + fold(o.Location)
}

// PeerGroups places offers among their peers from (group, headline value)
// pairs alone: Add each offer in input order as it is analyzed, then
// Compute once the batch is complete. It keeps two small values per offer,
// never the analyses.
type PeerGroups struct {
	index  map[string]int32
	names  []string
	group  []int32
	value  []decimal.Decimal
	stats  []peerStats
	places []Fixed
}

// peerStats are one group's sorted headline values and quartiles.
type peerStats struct {
	sorted        []decimal.Decimal
	p25, p50, p75 decimal.Decimal
	ok            bool // the group has at least minPeers offers
}

// NewPeerGroups returns an empty set of peer groups.
func NewPeerGroups() *PeerGroups { return &PeerGroups{index: map[string]int32{}} }

// Add records the next offer's peer group and headline value.
func (p *PeerGroups) Add(a *Analysis) {
	o := a.Offer
	if o == nil {
		o = &Offer{}
	}
	k := peerGroup(o)
	g, ok := p.index[k]
	if !ok {
		g = int32(len(p.names))
		p.index[k] = g
		p.names = append(p.names, strings.Join([]string{o.Company, o.Track, o.Level, o.Location}, " / "))
	}
	p.group = append(p.group, g)
	p.value = append(p.value, a.HeadlineValue())
}

// Len returns the number of offers added.
func (p *PeerGroups) Len() int { return len(p.group) }

// Compute works out every group of at least minPeers offers and returns
// each offer's peer percentile in tenths (Blank for an offer whose group
// is smaller), in the order the offers were added.
func (p *PeerGroups) Compute(minPeers int) []Fixed {
	if minPeers < 1 {
		minPeers = 1
	}
	counts := make([]int, len(p.names))
	for _, g := range p.group {
		counts[g]++
	}
	p.stats = make([]peerStats, len(p.names))
	for g, n := range counts {
		if n >= minPeers {
			p.stats[g].sorted = make([]decimal.Decimal, 0, n)
			p.stats[g].ok = true
		}
	}
	for i, g := range p.group {
		if s := &p.stats[g]; s.ok {
			s.sorted = append(s.sorted, p.value[i])
		}
	}
	for g := range p.stats {
		s := &p.stats[g]
		if !s.ok {
			continue
		}
		SortDecimals(s.sorted)
		s.p25, _ = PercentileInc(s.sorted, p25)
		s.p50, _ = PercentileInc(s.sorted, p50)
		s.p75, _ = PercentileInc(s.sorted, p75)
	}
	p.places = make([]Fixed, len(p.group))
	for i, g := range p.group {
		p.places[i] = Blank
		if s := &p.stats[g]; s.ok {
			rank, _ := PercentRankInc(s.sorted, p.value[i], 3)
			p.places[i] = FixedOf(rank.Mul(hundred), PercentilePlaces)
		}
	}
	return p.places
}

// Place returns offer i's full peer placement after Compute, or nil when
// its group is smaller than minPeers.
func (p *PeerGroups) Place(i int) *Peer {
	if i < 0 || i >= len(p.group) || p.stats == nil {
		return nil
	}
	g := p.group[i]
	s := &p.stats[g]
	if !s.ok {
		return nil
	}
	v := p.value[i]
	rank, _ := PercentRankInc(s.sorted, v, 3)
	return &Peer{Group: p.names[g], Size: len(s.sorted), Value: v,
		PercentRank: rank, Percentile: rank.Mul(hundred), P25: s.p25, P50: s.p50, P75: s.p75}
}

// AssignPeers fills Analysis.Peer for every offer whose peer group has at
// least minPeers offers in the batch, and leaves it nil for the rest. It
// runs after the whole batch is analyzed.
func AssignPeers(analyses []Analysis, minPeers int) {
	p := NewPeerGroups()
	for i := range analyses {
		p.Add(&analyses[i])
	}
	p.Compute(minPeers)
	for i := range analyses {
		analyses[i].Peer = p.Place(i)
	}
}
