package analyzer

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Peer places an offer among the offers of its peer group in the same
// batch: same company, track, level and location (SPEC §4).
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
// headline band figure, or the H-year average when the offer has no band.
func (a *Analysis) HeadlineValue() decimal.Decimal {
	if h := a.Market.HeadlineFigure(); h != nil {
		return h.Value
	}
	return a.Average
}

// peerGroup is the folded (company, track, level, location) of an offer.
func peerGroup(o *Offer) string {
	return fold(o.Company) + "\x00" + fold(o.Track) + "\x00" + fold(o.Level) + "\x00" + fold(o.Location)
}

// AssignPeers fills Analysis.Peer for every offer whose peer group has at
// least minPeers offers in the batch, and leaves it nil for the rest. It
// runs after the whole batch is analyzed.
func AssignPeers(analyses []Analysis, minPeers int) {
	if minPeers < 1 {
		minPeers = 1
	}
	groups := map[string][]int{}
	for i := range analyses {
		k := peerGroup(analyses[i].Offer)
		groups[k] = append(groups[k], i)
	}
	for _, members := range groups {
		if len(members) < minPeers {
			continue
		}
		values := make([]decimal.Decimal, len(members))
		for j, i := range members {
			values[j] = analyses[i].HeadlineValue()
		}
		SortDecimals(values)
		q25, _ := PercentileInc(values, p25)
		q50, _ := PercentileInc(values, p50)
		q75, _ := PercentileInc(values, p75)
		first := analyses[members[0]].Offer
		name := strings.Join([]string{first.Company, first.Track, first.Level, first.Location}, " / ")
		for _, i := range members {
			v := analyses[i].HeadlineValue()
			rank, _ := PercentRankInc(values, v, 3)
			analyses[i].Peer = &Peer{Group: name, Size: len(members), Value: v,
				PercentRank: rank, Percentile: rank.Mul(hundred), P25: q25, P50: q50, P75: q75}
		}
	}
}
