package exporters

import (
	"sync"

	"github.com/offerbook/offerbook/analyzer"
)

// batchStats are the batch-wide figures several sheets show, gathered in
// one pass over the records: About's flag counts, the Dashboard's
// percentile buckets, the Bands sheet's usage counts, the Candidates
// sheet's groups and winners, and the Pivots sheet's groupings.
type batchStats struct {
	byFlagCodes map[string]int // offers per FlagCodes string
	buckets     [10]int        // offers per ten-point headline bucket
	noHeadline  int
	byBandKey   map[string]int // offers with a market per band key
	// byBandKeyTotalComp counts, per band key, the offers whose headline
	// is measured by a total_comp row.
	byBandKeyTotalComp map[string]int
	// byMatch counts the offers with a market by how their band was found.
	byMatch   map[string]int
	byPremium map[string]int
	// candidates groups the offers by candidate, with each one's winners
	// before and after tax.
	candidates       *candidateIndex
	byLevel, byTrack *grouping
	// byBand groups the offers by the band level they were measured at
	// (the Amazon-ladder level) and their own level: Google L5, Meta E5
	// and Amazon L6 all under L6.
	byBand *grouping
}

// statsMu guards the stats a run gathers once for all its writers.
var statsMu sync.Mutex

// stats returns the run's batch-wide figures, gathered on first use.
func (r *Run) stats() (*batchStats, error) {
	statsMu.Lock()
	defer statsMu.Unlock()
	if r.gathered != nil {
		return r.gathered, nil
	}
	st := &batchStats{byFlagCodes: map[string]int{}, byBandKey: map[string]int{}, byPremium: map[string]int{},
		byBandKeyTotalComp: map[string]int{}, byMatch: map[string]int{}}
	n := r.count()
	cands := newCandidateIndex(r.years(), n)
	totals := newTotals(n)
	byLevel := newGrouping("Level × location", [2]string{"Level", "Location"}, totals)
	byTrack := newGrouping("Track × level", [2]string{"Track", "Level"}, totals)
	byBand := newGrouping("Band level × level", [2]string{"Band level", "Level"}, totals)
	// Records whose places are still being worked out are read without
	// them: the candidate index groups offers by name as the book does,
	// and counts the offers that make a decision.
	recs := r.records()
	each := recs.Each
	if recs.PlacedLater() {
		each, cands.decideByCount = recs.EachUnplaced, true
	}
	err := each(func(i int, rec *analyzer.Record) error {
		if rec.FlagCodes != "" {
			st.byFlagCodes[rec.FlagCodes]++
		}
		if rec.HeadlineBucket < 0 {
			st.noHeadline++
		} else {
			st.buckets[rec.HeadlineBucket]++
		}
		if rec.HasMarket {
			st.byBandKey[rec.BandKey]++
			st.byMatch[rec.BandMatch]++
			if rec.HeadlineComponent == string(analyzer.ComponentTotalComp) {
				st.byBandKeyTotalComp[rec.BandKey]++
			}
			if rec.Premium != "" {
				st.byPremium[rec.Premium]++
			}
		}
		cands.add(i, rec)
		totals.add(rec.Total)
		byLevel.add([2]string{rec.Level, rec.Location})
		byTrack.add([2]string{rec.Track, rec.Level})
		byBand.add([2]string{rec.BandLevel, rec.Level})
		return nil
	})
	if err != nil {
		return nil, err
	}
	cands.finish()
	st.candidates = cands
	st.byLevel, st.byTrack, st.byBand = byLevel.finish(), byTrack.finish(), byBand.finish()
	totals.finish()
	r.gathered = st
	return st, nil
}
