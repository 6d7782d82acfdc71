package batch

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
)

// Config is everything one run needs: what to read, how to analyse it,
// what to write, and whom to tell on the way.
type Config struct {
	// Inputs are the files to read, in order (folders and globs expanded).
	Inputs []string
	// Options are the analysis options of every offer.
	Options analyzer.Options
	// Sheet and Password open XLSX inputs (see importers.Options).
	Sheet, Password string
	// Outputs are the files to write. A run with none only reads and
	// analyses: it takes no lock and keeps nothing but the counts.
	Outputs Outputs
	// OfferSheets caps the workbook's per-offer sheets.
	OfferSheets int
	// Wait makes a run wait while another run holds the output folder's
	// lock; without it the run fails at once with ErrLocked.
	Wait bool
	// Protected are the files the command reads (its inputs, bands,
	// playbook and the like): no candidate workbook may overwrite one.
	Protected []string
	// Generated is the time stamped into the outputs; Version is
	// offerbook's, recorded in the workbook.
	Generated time.Time
	Version   string

	// Log receives what a run does besides its results: a wait for the
	// lock, the cleanup after a killed run, the importers' warnings. Nil
	// logs nothing.
	Log *slog.Logger
	// Progress, when set, is told where the run is.
	Progress Progress
	// Warn, when set, receives warnings a person should read about the
	// inputs (the input template's example row left in), once all are read.
	Warn func(msg string)
	// Rejected, when set, receives the rejected rows in file and row order,
	// once all inputs are read and before anything is written.
	Rejected func([]analyzer.Rejection)
	// Register, when set, is told of the output set while it is open: stop
	// removes the set's temporaries (waiting for a commit in progress) and
	// returns the outputs that will not be written. A signal handler calls
	// it when a run does not stop in time; unregister is called once the
	// set is closed.
	Register func(stop func() (notWritten []string)) (unregister func())
}

// Outputs are the files a run writes; a blank path is not written.
type Outputs struct {
	// Dir is the output folder: it holds the lock, the journal and the
	// run's temporaries. Blank means the folder of the first output.
	Dir                                    string
	Workbook, Results, ResultsJSON, Errors string
	// SplitByCandidate writes one workbook per candidate into Dir instead
	// of Workbook, and Errors (Dir/errors.csv when blank) with every
	// rejected row.
	SplitByCandidate bool
	// ErrorsOnFailure writes Errors even when no input could be read (the
	// watch: a dropped file that is not a table gets its errors file).
	ErrorsOnFailure bool
}

// Summary is what a run read, analysed and wrote.
type Summary struct {
	// Offers are the offers analysed; Earlier the rows that were earlier
	// rounds of one of them; RejectedRows the rows rejected (a row with
	// several bad cells once). Every row read is one of the three.
	Offers, Earlier, RejectedRows int
	// FilesRejected counts the inputs rejected whole.
	FilesRejected int
	// Skipped counts the blank and totals rows left out; Totals those of
	// them that were totals rows.
	Skipped, Totals int
	// Rejected are the rejected rows in file and row order: one entry per
	// bad cell, one per file rejected whole.
	Rejected []analyzer.Rejection
	// Matches counts the offers by how their market band was found.
	Matches map[analyzer.BandMatch]int
	// Unknown are the location and track names offerbook does not know.
	Unknown UnknownNames
	// Written are the outputs put in place, in the order they are reported.
	Written []string
	// Elapsed is the run's time, from taking the lock to the commit.
	Elapsed time.Duration
}

// Rows is every row read: offers, earlier rounds and rejected rows.
func (s Summary) Rows() int { return s.Offers + s.Earlier + s.RejectedRows }

// Progress is told where a run is, for a progress line. Row, Analysed and
// Step may be called from several goroutines.
type Progress interface {
	// Reading names the input being read; Row counts one of its rows.
	Reading(file string)
	Row()
	// Analysed counts one offer through the analysis.
	Analysed()
	// Phase is a step between reading and writing.
	Phase(what string)
	// Step is one writing step: a sheet or file with rows done of total
	// (total 0 when not counted), "" when a file is done.
	Step(what string, done, total int)
	// Done ends the reading phase.
	Done()
}

// ErrNothingReadable ends a run where no input was a table of offers.
var ErrNothingReadable = errors.New("no input could be read as a table of offers (see above); nothing written")

// ConfigError is a Config the run cannot carry out: a mistake in what was
// asked for, not in the inputs.
type ConfigError struct{ Err error }

func (e ConfigError) Error() string { return e.Err.Error() }
func (e ConfigError) Unwrap() error { return e.Err }

// Run reads cfg.Inputs, analyses every offer and writes cfg.Outputs as one
// output set, committed together or not at all. A run stopped through ctx
// before its commit returns an *InterruptedError and changes no output.
func Run(ctx context.Context, cfg Config) (Summary, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Progress == nil {
		cfg.Progress = silent{}
	}
	if planned(cfg.Outputs, nil) == nil {
		res, err := read(ctx, &cfg, "", keepNothing)
		if err != nil {
			return Summary{}, err
		}
		return res.summary(), nil
	}
	return runInto(ctx, &cfg)
}

// runInto is a run with outputs: the folder locked first, so a second run
// waits before reading anything and a killed run's leftovers go at once.
func runInto(ctx context.Context, cfg *Config) (Summary, error) {
	started := time.Now()
	outs := cfg.Outputs
	set, err := openOutputSet(ctx, outs.dir(), cfg)
	if err != nil {
		if ctx.Err() != nil {
			return Summary{}, interrupted(ctx, planned(outs, nil))
		}
		return Summary{}, err
	}
	defer set.close()
	set.plan(planned(outs, nil))
	what := keepRecords
	if outs.SplitByCandidate {
		what = keepAnalyses
	}
	res, err := read(ctx, cfg, set.tmpDir(), what)
	if ctx.Err() != nil {
		return Summary{}, interrupted(ctx, planned(outs, nil))
	}
	if err != nil {
		return Summary{}, err
	}
	if res.records != nil {
		defer func() { _ = res.records.Close() }()
	}
	if res.filesRejected == len(cfg.Inputs) {
		if outs.ErrorsOnFailure && outs.Errors != "" {
			if _, err := writeSet(ctx, set, Outputs{Errors: outs.Errors}, nil, &exporters.Run{Rejected: res.rejected}); err != nil {
				return Summary{}, err
			}
		}
		return Summary{}, ErrNothingReadable
	}
	run := &exporters.Run{
		Inputs:       cfg.Inputs,
		Options:      cfg.Options,
		Records:      res.records,
		Details:      res.details,
		Analyses:     res.analyses,
		Rejected:     res.rejected,
		RejectedRows: res.rowsRejected,
		OfferSheets:  cfg.OfferSheets,
		Generated:    cfg.Generated,
		Version:      cfg.Version,
		BandSource:   cfg.Options.BandSource,
		Progress:     cfg.Progress.Step,
	}
	var books []candidateWorkbook
	if outs.SplitByCandidate {
		if books, err = splitByCandidate(outs.Dir, run, cfg.Protected); err != nil {
			return Summary{}, err
		}
		outs.Workbook = ""
		set.plan(planned(outs, books))
		// Rejected rows belong to no candidate's workbook alone: errors.csv
		// lists them all, whatever the format.
		if outs.Errors == "" {
			outs.Errors = filepath.Join(outs.Dir, "errors.csv")
		}
		for _, b := range books {
			detailInPlace(res.engine, b.run.Analyses, cfg.OfferSheets)
		}
	}
	written, err := writeSet(ctx, set, outs, books, run)
	if err != nil {
		return Summary{}, err
	}
	s := res.summary()
	s.Written, s.Elapsed = written, time.Since(started)
	return s, nil
}

// WriteRejections writes cfg.Outputs.Errors alone, listing rejected, as an
// output set of its own in cfg.Outputs.Dir: the watch's record of a
// dropped file it could not analyse at all.
func WriteRejections(ctx context.Context, cfg Config, rejected []analyzer.Rejection) error {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	outs := Outputs{Dir: cfg.Outputs.Dir, Errors: cfg.Outputs.Errors}
	if ctx.Err() != nil {
		return interrupted(ctx, planned(outs, nil))
	}
	set, err := openOutputSet(ctx, outs.dir(), &cfg)
	if err != nil {
		if ctx.Err() != nil {
			return interrupted(ctx, planned(outs, nil))
		}
		return err
	}
	defer set.close()
	_, err = writeSet(ctx, set, outs, nil, &exporters.Run{Rejected: rejected})
	return err
}

// writeSet writes every output of outs, and the candidate workbooks, into
// set and commits it: the workbook on one goroutine and the results files
// beside it on another, both streaming the same records into the set's
// temporaries. Stopped before the commit, it writes nothing.
func writeSet(ctx context.Context, set *outputSet, outs Outputs, books []candidateWorkbook, run *exporters.Run) ([]string, error) {
	stopped := func() error { return interrupted(ctx, planned(outs, books)) }
	if ctx.Err() != nil {
		return nil, stopped()
	}
	run.TmpDir = set.tmpDir()
	steps := []struct {
		path string
		fn   func(io.Writer) error
		err  error
	}{
		{path: outs.Workbook, fn: func(w io.Writer) error { return exporters.WriteWorkbook(w, run) }},
		{path: outs.Results, fn: func(w io.Writer) error { return exporters.WriteResultsCSV(w, run) }},
		{path: outs.Errors, fn: func(w io.Writer) error { return exporters.WriteErrorsCSV(w, run.Rejected) }},
		{path: outs.ResultsJSON, fn: func(w io.Writer) error { return exporters.WriteResultsJSON(w, run) }},
	}
	lane := func(from, to int) {
		for i := from; i < to; i++ {
			if steps[i].path == "" {
				continue
			}
			if steps[i].err = ctx.Err(); steps[i].err != nil {
				return
			}
			if steps[i].err = set.write(steps[i].path, steps[i].fn); steps[i].err != nil {
				return
			}
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() { lane(1, len(steps)) })
	lane(0, 1)
	wg.Wait()
	for _, s := range steps {
		if s.err != nil {
			if ctx.Err() != nil {
				return nil, stopped()
			}
			return nil, s.err
		}
	}
	if err := writeCandidateWorkbooks(ctx, set, books); err != nil {
		if ctx.Err() != nil {
			return nil, stopped()
		}
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, stopped()
	}
	if _, err := set.commit(); err != nil {
		return nil, err
	}
	return planned(outs, books), nil
}

// dir is the folder that holds the lock and the temporaries: Dir, or the
// folder of the first output.
func (o Outputs) dir() string {
	if o.Dir != "" {
		return o.Dir
	}
	for _, p := range planned(o, nil) {
		return filepath.Dir(p)
	}
	return "."
}

// planned lists the outputs of o and the candidate workbooks, in the order
// they are reported.
func planned(o Outputs, books []candidateWorkbook) []string {
	var paths []string
	for _, p := range []string{o.Workbook, o.Results, o.Errors, o.ResultsJSON} {
		if p != "" {
			paths = append(paths, p)
		}
	}
	for _, b := range books {
		paths = append(paths, b.path)
	}
	return paths
}

// silent is the Progress of a run that shows none.
type silent struct{}

func (silent) Reading(string)        {}
func (silent) Row()                  {}
func (silent) Analysed()             {}
func (silent) Phase(string)          {}
func (silent) Step(string, int, int) {}
func (silent) Done()                 {}
