package batch

import (
	"errors"
	"log/slog"
	"time"

	"github.com/offerbook/offerbook/analyzer"
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

// silent is the Progress of a run that shows none.
type silent struct{}

func (silent) Reading(string)        {}
func (silent) Row()                  {}
func (silent) Analysed()             {}
func (silent) Phase(string)          {}
func (silent) Step(string, int, int) {}
func (silent) Done()                 {}
