package batch

import (
	"fmt"
	"sync"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
)

// keep says what a run keeps of each analysis besides the counts.
type keep int

const (
	keepNothing  keep = iota // no outputs (validate): counts and rejections only
	keepRecords              // a record per offer, full analyses for the first ones
	keepAnalyses             // --split-by: every brief analysis (one workbook per candidate)
)

// collector files each analysed offer as the stream yields it, in input
// order, on the stream's one collecting goroutine; once the stream is
// closed, finish works out what needs the whole batch. In the order a
// reader meets them:
//
//  1. file: an offer the engine refused becomes a failure (a rejected row
//     later); every other is counted, then placed.
//  2. count: the run's summary (offers, how each found its market band,
//     unknown names) and the first offers, which get their own sheet.
//  3. place: the offer's place in the batch-wide figures: its candidate's
//     book, its peer group, and its compact record (or, for --split-by,
//     its whole brief analysis).
//  4. finish: peer percentiles and each candidate's comparator and decision
//     for every offer, then the first offers analysed again in full, each
//     knowing its place among its candidate's offers (which its email and
//     decision read).
type collector struct {
	what     keep
	detailed int // how many first offers get their own sheet
	progress Progress

	offers   int // offers analysed
	failures []analyzer.Failure
	first    []*analyzer.Offer
	matches  map[analyzer.BandMatch]int
	unknown  UnknownNames

	peers    *analyzer.PeerGroups
	book     *analyzer.CandidateBook
	records  *exporters.Records  // keepRecords: every offer's record, spilled to disk past a budget
	storeErr error               // the records store's first error
	analyses []analyzer.Analysis // keepAnalyses: every brief analysis

	// details are the full analyses of the first offers (keepRecords).
	details []analyzer.Analysis
}

func newCollector(what keep, detailed int, progress Progress) *collector {
	c := &collector{what: what, detailed: detailed, progress: progress,
		matches: map[analyzer.BandMatch]int{}, peers: analyzer.NewPeerGroups(), book: analyzer.NewCandidateBook()}
	if what == keepRecords {
		c.records = exporters.NewRecords(0, "")
	}
	return c
}

// reduce is what the stream's workers make of each analysis for the
// collector: its record when the run keeps records, else nothing.
func (c *collector) reduce() func(*analyzer.Analysis) analyzer.Record {
	if c.what == keepRecords {
		return analyzer.Reduce
	}
	return nil
}

// file is the stream's emit: one offer's result.
func (c *collector) file(r *analyzer.Result[analyzer.Record]) {
	if r.Err != nil {
		c.failures = append(c.failures, analyzer.Failure{Offer: r.Offer, Err: r.Err})
		return
	}
	c.count(r)
	c.place(r)
}

// count notes an analysed offer for the summary, and the first ones for
// their own sheets.
func (c *collector) count(r *analyzer.Result[analyzer.Record]) {
	if c.offers < c.detailed {
		c.first = append(c.first, r.Offer)
	}
	c.offers++
	if m := r.Analysis.Market; m != nil {
		c.matches[m.Match]++
	}
	c.unknown.add(&r.Analysis)
	c.progress.Analysed()
}

// place files an analysed offer where the batch-wide figures find it.
func (c *collector) place(r *analyzer.Result[analyzer.Record]) {
	switch c.what {
	case keepRecords:
		c.book.AddFigures(r.Value.Book)
		c.peers.Add(&r.Analysis)
		if err := c.records.Add(r.Value); err != nil && c.storeErr == nil {
			c.storeErr = err
		}
	case keepAnalyses:
		c.book.Add(&r.Analysis)
		c.peers.Add(&r.Analysis)
		c.analyses = append(c.analyses, r.Analysis)
	}
}

// finish works out, once every offer is filed, the figures that need the
// whole batch, and gives them to the records or the analyses kept.
func (c *collector) finish(engine *analyzer.Engine, minPeers int) {
	c.progress.Phase("placing offers among their peers")
	// The peer groups and the candidates' books share nothing: they are
	// worked out side by side.
	var places []analyzer.Fixed
	var wg sync.WaitGroup
	wg.Go(func() { places = c.peers.Compute(minPeers) })
	c.book.Resolve(labels(c.records, c.analyses))
	wg.Wait()
	switch c.what {
	case keepRecords:
		c.records.Place(places, c.book.Context)
		if len(c.first) > 0 {
			c.progress.Phase(fmt.Sprintf("analysing the first %d offers in full for their sheets", len(c.first)))
		}
		c.details = c.detail(engine)
	case keepAnalyses:
		for i := range c.analyses {
			c.analyses[i].Peer = c.peers.Place(i)
			c.placeAmongOwn(c.analyses[i].Offer, i)
		}
	}
}

// detail analyses in full the first offers, the ones that get their own
// sheet (the lever table, calendar view and email), with their peer places
// from the whole batch.
func (c *collector) detail(engine *analyzer.Engine) []analyzer.Analysis {
	out := make([]analyzer.Analysis, 0, len(c.first))
	for i, o := range c.first {
		c.placeAmongOwn(o, i)
		full, err := engine.Analyze(o)
		if err != nil {
			continue // cannot happen: the brief analysis of the same offer succeeded
		}
		full.Peer = c.peers.Place(i)
		out = append(out, full)
	}
	return out
}

// placeAmongOwn gives offer i of the batch its place among its candidate's
// offers (the comparator among them, the decision), which its full
// analysis reads when it writes the email.
func (c *collector) placeAmongOwn(o *analyzer.Offer, i int) {
	if i >= c.book.Len() {
		return
	}
	ctx := c.book.Context(i)
	o.Context = &ctx
	o.SoleOffer = ctx.Offers == 1
}

// labels names offer i of the batch (its id, company and level, and the
// figures a decision line quotes) for the candidate book, from the records
// or the analyses kept. The book keeps it for the whole run, so it holds
// those alone, not the collector (whose peer groups would otherwise
// outlive the reading).
func labels(records *exporters.Records, analyses []analyzer.Analysis) func(i int) analyzer.OfferLabel {
	return func(i int) analyzer.OfferLabel {
		if records != nil {
			var r analyzer.Record
			if records.AtUnplaced(i, &r) == nil {
				return analyzer.LabelOf(&r)
			}
			return analyzer.OfferLabel{}
		}
		if i < len(analyses) {
			r := analyzer.Reduce(&analyses[i])
			return analyzer.LabelOf(&r)
		}
		return analyzer.OfferLabel{}
	}
}

// detailInPlace replaces the first n brief analyses with full ones, keeping
// their peer places (one workbook per candidate holds brief analyses).
func detailInPlace(engine *analyzer.Engine, analyses []analyzer.Analysis, n int) {
	for i := 0; i < n && i < len(analyses); i++ {
		if !analyses[i].Brief {
			continue
		}
		full, err := engine.Analyze(analyses[i].Offer)
		if err != nil {
			continue
		}
		full.Peer = analyses[i].Peer
		analyses[i] = full
	}
}
