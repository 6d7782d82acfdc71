package batch

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
)

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
	if pathsOf(cfg.Outputs, nil) == nil {
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
	set, err := openOutputSet(ctx, outs.dir(), cfg.Wait, cfg.Log, cfg.Register)
	if err != nil {
		if ctx.Err() != nil {
			return Summary{}, interrupted(ctx, pathsOf(outs, nil))
		}
		return Summary{}, err
	}
	defer set.close()
	set.plan(pathsOf(outs, nil))
	what := keepRecords
	if outs.SplitByCandidate {
		what = keepAnalyses
	}
	res, err := read(ctx, cfg, set.tmpDir(), what)
	if ctx.Err() != nil {
		return Summary{}, interrupted(ctx, pathsOf(outs, nil))
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
	if res.place != nil {
		// The records' places are worked out while the writing starts; the
		// run waits for them before it closes the records.
		ready := make(chan struct{})
		run.Ready = ready
		go func() {
			run.Details = res.place()
			close(ready)
		}()
		defer func() { <-ready }()
	}
	var books []candidateWorkbook
	if outs.SplitByCandidate {
		if books, err = splitByCandidate(outs.Dir, run, cfg.Protected); err != nil {
			return Summary{}, err
		}
		outs.Workbook = ""
		set.plan(pathsOf(outs, books))
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
		return interrupted(ctx, pathsOf(outs, nil))
	}
	set, err := openOutputSet(ctx, outs.dir(), cfg.Wait, cfg.Log, cfg.Register)
	if err != nil {
		if ctx.Err() != nil {
			return interrupted(ctx, pathsOf(outs, nil))
		}
		return err
	}
	defer set.close()
	_, err = writeSet(ctx, set, outs, nil, &exporters.Run{Rejected: rejected})
	return err
}

// writeSet writes every output of outs, and the candidate workbooks, into
// set and commits it: the workbook and each results file on a goroutine of
// its own, all streaming the same records into the set's temporaries.
// Stopped before the commit, it writes nothing.
func writeSet(ctx context.Context, set *outputSet, outs Outputs, books []candidateWorkbook, run *exporters.Run) ([]string, error) {
	stopped := func() error { return interrupted(ctx, pathsOf(outs, books)) }
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
	for i := 1; i < len(steps); i++ {
		wg.Go(func() { lane(i, i+1) })
	}
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
	return pathsOf(outs, books), nil
}

// dir is the folder that holds the lock and the temporaries: Dir, or the
// folder of the first output.
func (o Outputs) dir() string {
	if o.Dir != "" {
		return o.Dir
	}
	for _, p := range pathsOf(o, nil) {
		return filepath.Dir(p)
	}
	return "."
}

// pathsOf lists the outputs of o and the candidate workbooks, in the order
// they are reported.
func pathsOf(o Outputs, books []candidateWorkbook) []string {
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

// writeCandidateWorkbooks writes the planned workbooks into set on every
// core; set.commit puts them in place with the run's other outputs.
func writeCandidateWorkbooks(ctx context.Context, set *outputSet, books []candidateWorkbook) error {
	if len(books) == 0 {
		return nil
	}
	errs := make([]error, len(books))
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if err := ctx.Err(); err != nil {
					errs[i] = err
					continue
				}
				b := books[i]
				b.run.TmpDir = set.tmpDir()
				errs[i] = set.write(b.path, func(w io.Writer) error { return exporters.WriteWorkbook(w, b.run) })
			}
		}()
	}
	for i := range books {
		work <- i
	}
	close(work)
	wg.Wait()
	for i, b := range books {
		if errs[i] != nil {
			return fmt.Errorf("writing %s: %w", b.path, errs[i])
		}
	}
	return nil
}
