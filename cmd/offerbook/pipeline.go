package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sort"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
	"github.com/urfave/cli/v2"
)

// keep says what a run keeps of each analysis besides the counts.
type keep int

const (
	keepNothing  keep = iota // validate: counts and rejections only
	keepRecords              // analyze: a record per offer, full analyses for the first ones
	keepAnalyses             // --split-by: every brief analysis (one workbook per candidate)
)

// importResult is what reading and analysing every input produced.
type importResult struct {
	engine   *analyzer.Engine
	inputs   []string
	offers   int // offers analysed
	rejected []analyzer.Rejection
	stats    importers.Stats
	// filesRejected counts inputs rejected whole (one entry each in rejected).
	filesRejected int
	// earlier counts the rows that were earlier rounds of an analyzed
	// offer (rows in = offers + earlier + rowsRejected).
	earlier int
	// book holds each offer's place among its candidate's offers.
	book *analyzer.CandidateBook
	// rowsRejected counts rejected rows; a row with several bad cells has
	// one entry per cell in rejected but counts once here.
	rowsRejected int
	// warnings are printed after the import (the template's example row).
	warnings []string

	// records (keepRecords) are every offer's record with its peer
	// percentile; details the full analyses of the first offers.
	records *exporters.Records
	// matches counts the offers by how their market band was found.
	matches map[analyzer.BandMatch]int
	// unknown are the offers' location and track names offerbook does not know.
	unknown unknownNames
	details []analyzer.Analysis
	// analyses (keepAnalyses) are every brief analysis with its peers.
	analyses []analyzer.Analysis
}

// importAndAnalyze streams every input through the analysis: the importer
// yields offers, the engine analyzes them on all cores and reduces each to
// a record as it arrives, the records go to a store that spills to disk
// past its memory budget, and the peer groups keep one (group, headline)
// pair per offer. Only the first detailed offers are analysed in full.
// Rejections from the importer and from the engine are gathered in file
// and row order.
func importAndAnalyze(ctx context.Context, c *cli.Context, opts analyzer.Options, inputs []string, stderr io.Writer, what keep, detailed int) (*importResult, error) {
	engine, err := analyzer.NewEngine(opts)
	if err != nil {
		return nil, usageError{err}
	}
	res := &importResult{engine: engine, inputs: inputs, matches: map[analyzer.BandMatch]int{}, book: analyzer.NewCandidateBook()}
	var rounds roundGroups
	roundRejected := 0
	prog := newProgress(stderr, c.Bool("quiet"))
	peers := analyzer.NewPeerGroups()
	var (
		first    []*analyzer.Offer
		failures []analyzer.Failure
		storeErr error
		reduce   func(*analyzer.Analysis) analyzer.Record
	)
	if what == keepRecords {
		res.records = exporters.NewRecords(0, "")
		reduce = analyzer.Reduce
	}
	stream := analyzer.NewStream(engine, runtime.GOMAXPROCS(0), reduce, func(r *analyzer.Result[analyzer.Record]) {
		if r.Err != nil {
			failures = append(failures, analyzer.Failure{Offer: r.Offer, Err: r.Err})
			return
		}
		if res.offers < detailed {
			first = append(first, r.Offer)
		}
		res.offers++
		switch what {
		case keepRecords:
			res.book.AddFigures(r.Value.Book)
		case keepAnalyses:
			res.book.Add(&r.Analysis)
		}
		if m := r.Analysis.Market; m != nil {
			res.matches[m.Match]++
		}
		res.unknown.add(&r.Analysis)
		prog.analysed()
		switch what {
		case keepRecords:
			peers.Add(&r.Analysis)
			if err := res.records.Add(r.Value); err != nil && storeErr == nil {
				storeErr = err
			}
		case keepAnalyses:
			peers.Add(&r.Analysis)
			res.analyses = append(res.analyses, r.Analysis)
		}
	})
	fileIndex := map[string]int{}
	for i, path := range inputs {
		fileIndex[filepath.Base(path)] = i
		reader, err := importers.ForPath(path, importers.Options{Sheet: c.String("sheet"), Password: c.String("password"), TmpDir: scratchDir(ctx),
			Warn: func(msg string) { logFor(c).warn("warning: " + msg) }})
		var fileErr *importers.RowError
		if errors.As(err, &fileErr) {
			res.rejected = append(res.rejected, fileErr.Rejection())
			res.filesRejected++
			continue
		}
		if err != nil {
			stream.Close()
			return nil, err
		}
		prog.start(path)
		stats, err := reader.Read(ctx,
			func(o *analyzer.Offer) error {
				if isTemplateExample(o) {
					res.warnings = append(res.warnings, exampleWarning(o))
				}
				if !rounds.hold(o) {
					stream.Add(o)
				}
				prog.row()
				return nil
			},
			func(e *importers.RowError) { res.rejected = append(res.rejected, e.Rejection()); prog.row() })
		res.earlier += rounds.flush(stream.Add, func(r analyzer.Rejection) {
			res.rejected = append(res.rejected, r)
			roundRejected++
		})
		// A file the importer cannot read as a table at all (no header row, a
		// required column missing, a sheet not found, a damaged workbook) is
		// rejected whole, once, with its position, and the other files go on.
		// Rows read before a workbook turned out damaged stay counted, and
		// such a file is not counted as rejected whole.
		if errors.As(err, &fileErr) {
			res.rejected = append(res.rejected, fileErr.Rejection())
			if stats.Rows+stats.Skipped == 0 {
				res.filesRejected++
			}
			res.stats = res.stats.Add(stats)
			continue
		}
		if err != nil {
			stream.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		res.stats.Rows += stats.Rows
		res.stats.Offers += stats.Offers
		res.stats.Rejected += stats.Rejected
		res.stats.Skipped += stats.Skipped
		res.stats.Totals += stats.Totals
	}
	prog.phase("analysing the last offers")
	stream.Close()
	res.rowsRejected = res.stats.Rejected + len(failures) + roundRejected
	if !c.Bool("quiet") {
		for _, w := range res.warnings {
			fmt.Fprintln(stderr, w)
		}
	}
	if storeErr != nil {
		return nil, storeErr
	}
	prog.phase("placing offers among their peers")
	places := peers.Compute(opts.MinPeers)
	res.book.Resolve(res.offerLabel)
	switch what {
	case keepRecords:
		res.records.SetPeers(places)
		res.records.SetContexts(res.book.Context)
		if len(first) > 0 {
			prog.phase(fmt.Sprintf("analysing the first %d offers in full for their sheets", len(first)))
		}
		res.details = detail(engine, peers, res.book, first)
	case keepAnalyses:
		for i := range res.analyses {
			res.analyses[i].Peer = peers.Place(i)
			setContext(res.analyses[i].Offer, res.book, i)
		}
	}
	prog.done()
	for _, f := range failures {
		res.rejected = append(res.rejected, engineRejection(f))
	}
	sort.SliceStable(res.rejected, func(i, j int) bool {
		a, b := res.rejected[i], res.rejected[j]
		if fa, fb := fileIndex[a.File], fileIndex[b.File]; fa != fb {
			return fa < fb
		}
		return a.Row < b.Row
	})
	logFor(c).rejections(res.rejected)
	return res, nil
}

// detail analyzes in full the first offers, the ones that get their own
// sheet (the lever table, calendar view and email), with their peer places
// from the whole batch.
func detail(engine *analyzer.Engine, peers *analyzer.PeerGroups, book *analyzer.CandidateBook, offers []*analyzer.Offer) []analyzer.Analysis {
	out := make([]analyzer.Analysis, 0, len(offers))
	for i, o := range offers {
		setContext(o, book, i) // before the full analysis writes its email
		full, err := engine.Analyze(o)
		if err != nil {
			continue // cannot happen: the brief analysis of the same offer succeeded
		}
		full.Peer = peers.Place(i)
		out = append(out, full)
	}
	return out
}

// offerLabel names offer i of the batch (its id, company and level) for the
// candidate book, from the records or the analyses the run keeps.
func (res *importResult) offerLabel(i int) analyzer.OfferLabel {
	if res.records != nil {
		var r analyzer.Record
		if res.records.At(i, &r) == nil {
			return analyzer.OfferLabel{ID: r.ID, Company: r.Company, Level: r.Level, Exit: analyzer.ExitWords(&r)}
		}
		return analyzer.OfferLabel{}
	}
	if i < len(res.analyses) {
		o := res.analyses[i].Offer
		r := analyzer.Reduce(&res.analyses[i])
		return analyzer.OfferLabel{ID: o.ID, Company: o.Company, Level: o.Level, Exit: analyzer.ExitWords(&r)}
	}
	return analyzer.OfferLabel{}
}

// setContext gives offer i of the batch its place among its candidate's
// offers (the comparator among them, the decision).
func setContext(o *analyzer.Offer, book *analyzer.CandidateBook, i int) {
	if i >= book.Len() {
		return
	}
	ctx := book.Context(i)
	o.Context = &ctx
	o.SoleOffer = ctx.Offers == 1
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
