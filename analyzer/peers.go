package analyzer

import (
	"slices"
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
func peerGroup(o *Offer) [4]string {
	return [4]string{fold(o.Company), fold(o.Track), fold(o.Level), fold(o.Location)}
}

// PeerGroups places offers among their peers from (group, headline value)
// pairs alone: Add each offer in input order as it is analyzed, then
// Compute once the batch is complete. It keeps two small values per offer,
// never the analyses: the group's number and the headline value as an
// exact Money (12 bytes an offer). Should a value not fit a Money exactly,
// every value is kept as a decimal from then on.
type PeerGroups struct {
	index map[[4]string]int32
	names []string
	group []int32
	value []Money
	// decs holds every value instead of value once one is not exact.
	decs   []decimal.Decimal
	stats  []peerStats
	places []Fixed
}

// peerStats are one group's sorted headline values and quartiles.
type peerStats struct {
	sorted        []Money           // the values, while every one is exact
	decs          []decimal.Decimal // the values as decimals (made when needed)
	p25, p50, p75 decimal.Decimal
	ok            bool // the group has at least minPeers offers
}

// NewPeerGroups returns an empty set of peer groups.
func NewPeerGroups() *PeerGroups { return &PeerGroups{index: map[[4]string]int32{}} }

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
	v := a.HeadlineValue()
	if p.decs == nil {
		var x exact
		if m := x.moneyOf(v); x.ok() {
			p.value = append(p.value, m)
			return
		}
		p.decs = make([]decimal.Decimal, len(p.value), cap(p.group))
		for i, m := range p.value {
			p.decs[i] = m.Decimal()
		}
		p.value = nil
	}
	p.decs = append(p.decs, v)
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
	exactValues := p.decs == nil
	for g, n := range counts {
		if n < minPeers {
			continue
		}
		p.stats[g].ok = true
		if exactValues {
			p.stats[g].sorted = make([]Money, 0, n)
		} else {
			p.stats[g].decs = make([]decimal.Decimal, 0, n)
		}
	}
	for i, g := range p.group {
		if s := &p.stats[g]; s.ok {
			if exactValues {
				s.sorted = append(s.sorted, p.value[i])
			} else {
				s.decs = append(s.decs, p.decs[i])
			}
		}
	}
	for g := range p.stats {
		s := &p.stats[g]
		if !s.ok {
			continue
		}
		if exactValues {
			slices.Sort(s.sorted)
		} else {
			SortDecimals(s.decs)
		}
		s.p25, _ = PercentileIncOf(s.size(), s.at, p25)
		s.p50, _ = PercentileIncOf(s.size(), s.at, p50)
		s.p75, _ = PercentileIncOf(s.size(), s.at, p75)
	}
	p.places = make([]Fixed, len(p.group))
	for i, g := range p.group {
		p.places[i] = Blank
		s := &p.stats[g]
		switch {
		case !s.ok:
		case exactValues:
			p.places[i] = s.percentile(p.value[i])
		default:
			rank, _ := PercentRankInc(s.decs, p.decs[i], 3)
			p.places[i] = FixedOf(rank.Mul(hundred), PercentilePlaces)
		}
	}
	return p.places
}

// size is the number of values in the group.
func (s *peerStats) size() int {
	if s.decs != nil {
		return len(s.decs)
	}
	return len(s.sorted)
}

// at returns the group's i-th smallest value as a decimal.
func (s *peerStats) at(i int) decimal.Decimal {
	if s.decs != nil {
		return s.decs[i]
	}
	return s.sorted[i].Decimal()
}

// percentile is PercentRankInc of v, one of the group's values, truncated
// to three places and times 100, in tenths: the values below v over the
// group's size less one, worked out in integers. (PercentRankInc rounds
// the ratio to 16 places before it truncates it to 3; for a ratio of two
// integers under 10¹³ that rounding never crosses a thousandth, so the
// truncated figures agree.)
func (s *peerStats) percentile(v Money) Fixed {
	n := len(s.sorted)
	if n == 1 {
		return 1000 // a single value ranks 1 against itself: 100.0
	}
	below, _ := slices.BinarySearch(s.sorted, v)
	return Fixed(int64(below) * 1000 / int64(n-1))
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
	if s.decs == nil {
		s.decs = make([]decimal.Decimal, len(s.sorted))
		for k, m := range s.sorted {
			s.decs[k] = m.Decimal()
		}
	}
	var v decimal.Decimal
	if p.decs != nil {
		v = p.decs[i]
	} else {
		v = p.value[i].Decimal()
	}
	rank, _ := PercentRankInc(s.decs, v, 3)
	return &Peer{Group: p.names[g], Size: len(s.decs), Value: v,
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
