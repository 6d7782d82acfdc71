package batch

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
)

// result is what reading and analysing every input produced, and what the
// writing needs of it: the records (or analyses), the details, the counts
// and the rows that did not become offers. The collector's working state
// (peer groups, failures, the first offers) is left behind, so the writing
// does not carry it.
type result struct {
	engine *analyzer.Engine
	// records, details and analyses are the collector's (see collector).
	records  *exporters.Records
	details  []analyzer.Analysis
	analyses []analyzer.Analysis
	// place, when set, works out the records' places (peer percentiles,
	// each candidate's decision) and the first offers' full analyses, which
	// it returns: read leaves it to the writing, which starts on what does
	// not need them while it runs (see exporters.Records.PlaceLater).
	place   func() []analyzer.Analysis
	offers  int
	matches map[analyzer.BandMatch]int
	unknown UnknownNames
	// rejected are the rejected rows, in file and row order.
	rejected []analyzer.Rejection
	stats    importers.Stats
	// filesRejected counts inputs rejected whole (one entry each in rejected).
	filesRejected int
	// earlier counts the rows that were earlier rounds of an analysed
	// offer (rows in = offers + earlier + rowsRejected).
	earlier int
	// rowsRejected counts rejected rows; a row with several bad cells has
	// one entry per cell in rejected but counts once here.
	rowsRejected int
}

// summary is the run's Summary before anything is written.
func (r *result) summary() Summary {
	return Summary{Offers: r.offers, Earlier: r.earlier, RejectedRows: r.rowsRejected, FilesRejected: r.filesRejected,
		Skipped: r.stats.Skipped, Totals: r.stats.Totals, Rejected: r.rejected, Matches: r.matches, Unknown: r.unknown}
}

// read streams every input through the analysis: the importer yields
// offers, the engine analyses them on all cores, and the collector files
// each one as it arrives (see collector). Rejections from the importer and
// from the engine are gathered in file and row order. tmpDir is where a
// large input workbook is unpacked.
func read(ctx context.Context, cfg *Config, tmpDir string, what keep) (*result, error) {
	engine, err := analyzer.NewEngine(cfg.Options)
	if err != nil {
		return nil, ConfigError{err}
	}
	detailed := 0
	if what != keepNothing {
		detailed = max(cfg.OfferSheets, 0)
	}
	col := newCollector(what, detailed, cfg.Progress)
	res := &result{engine: engine}
	w := &offerWalk{cfg: cfg, tmpDir: tmpDir, res: res,
		stream: analyzer.NewStream(engine, runtime.GOMAXPROCS(0), col.reduce(), col.file)}
	for _, path := range cfg.Inputs {
		if err := w.readFile(ctx, path); err != nil {
			w.stream.Close()
			return nil, err
		}
	}
	cfg.Progress.Phase("analysing the last offers")
	w.stream.Close()
	res.rowsRejected = res.stats.Rejected + len(col.failures) + w.roundRejected
	if cfg.Warn != nil {
		for _, msg := range w.examples {
			cfg.Warn(msg)
		}
	}
	if col.storeErr != nil {
		_ = col.records.Close()
		return nil, col.storeErr
	}
	if what == keepRecords {
		col.records.PlaceLater()
		res.place = func() []analyzer.Analysis {
			col.finish(engine, cfg.Options.MinPeers)
			return col.details
		}
	} else {
		col.finish(engine, cfg.Options.MinPeers)
	}
	cfg.Progress.Done()
	res.records, res.details, res.analyses = col.records, col.details, col.analyses
	res.offers, res.matches, res.unknown = col.offers, col.matches, col.unknown
	for _, f := range col.failures {
		res.rejected = append(res.rejected, engineRejection(f))
	}
	fileIndex := map[string]int{}
	for i, path := range cfg.Inputs {
		fileIndex[filepath.Base(path)] = i
	}
	sort.SliceStable(res.rejected, func(i, j int) bool {
		a, b := res.rejected[i], res.rejected[j]
		if fa, fb := fileIndex[a.File], fileIndex[b.File]; fa != fb {
			return fa < fb
		}
		return a.Row < b.Row
	})
	if cfg.Rejected != nil {
		cfg.Rejected(res.rejected)
	}
	return res, nil
}

// offerWalk takes each input's rows to the analysis: a row becomes an
// offer on the stream (a row giving a round waits for the end of its file,
// to be folded with its offer's other rounds) or a rejection.
type offerWalk struct {
	cfg    *Config
	tmpDir string
	res    *result
	stream *analyzer.Stream[analyzer.Record]
	rounds roundGroups
	// roundRejected counts the rows rejected as a second row of one round.
	roundRejected int
	// examples warn of the input template's example row left in.
	examples []string
}

// readFile reads one input into the stream. A file the importer cannot
// read as a table at all (no header row, a required column missing, a
// sheet not found, a damaged workbook) is rejected whole, once, with its
// position, and the other files go on; rows read before a workbook turned
// out damaged stay counted, and such a file is not counted as rejected
// whole. Any other error ends the run.
func (w *offerWalk) readFile(ctx context.Context, path string) error {
	res := w.res
	reader, err := importers.ForPath(path, importers.Options{Sheet: w.cfg.Sheet, Password: w.cfg.Password, TmpDir: w.tmpDir,
		Warn: func(msg string) { w.cfg.Log.Warn("warning: " + msg) }})
	var fileErr *importers.RowError
	if errors.As(err, &fileErr) {
		res.rejected = append(res.rejected, fileErr.Rejection())
		res.filesRejected++
		return nil
	}
	if err != nil {
		return err
	}
	w.cfg.Progress.Reading(path)
	stats, err := reader.Read(ctx, w.offer, w.reject)
	res.earlier += w.rounds.flush(w.stream.Add, func(r analyzer.Rejection) {
		res.rejected = append(res.rejected, r)
		w.roundRejected++
	})
	if errors.As(err, &fileErr) {
		res.rejected = append(res.rejected, fileErr.Rejection())
		if stats.Rows+stats.Skipped == 0 {
			res.filesRejected++
		}
	} else if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	res.stats = res.stats.Add(stats)
	return nil
}

// offer takes one offer the importer read: to the stream, or held until
// the end of its file when it gives a round.
func (w *offerWalk) offer(o *analyzer.Offer) error {
	if isTemplateExample(o) {
		w.examples = append(w.examples, exampleWarning(o))
	}
	if !w.rounds.hold(o) {
		w.stream.Add(o)
	}
	w.cfg.Progress.Row()
	return nil
}

// reject takes one row the importer rejected.
func (w *offerWalk) reject(e *importers.RowError) {
	w.res.rejected = append(w.res.rejected, e.Rejection())
	w.cfg.Progress.Row()
}

// engineRejection turns an offer the engine refused into a rejected row at
// the offer's own position.
func engineRejection(f analyzer.Failure) analyzer.Rejection {
	r := analyzer.Rejection{File: f.Offer.Source.File, Sheet: f.Offer.Source.Sheet, Row: f.Offer.Source.Row, Reason: f.Err.Error(), Candidate: f.Offer.Candidate}
	var fe *analyzer.FieldError
	if errors.As(f.Err, &fe) {
		r.Column, r.Value, r.Reason = fe.Column, fe.Value, fe.Err.Error()
	}
	return r
}

// isTemplateExample reports whether an offer is the input template's
// example row left as it came.
func isTemplateExample(o *analyzer.Offer) bool {
	return o.ID == exporters.TemplateExampleID && o.Candidate == exporters.TemplateExampleCandidate
}

// exampleWarning is the warning for an offer that is the template's
// untouched example row.
func exampleWarning(o *analyzer.Offer) string {
	where := o.Source.File
	if o.Source.Row > 0 {
		where += fmt.Sprintf(", row %d", o.Source.Row)
	}
	return fmt.Sprintf("%s is the template's example offer (id %s, candidate %q), still as it came; "+
		"delete that row or write a real offer over it. It is analyzed like the others.", where, o.ID, o.Candidate)
}
