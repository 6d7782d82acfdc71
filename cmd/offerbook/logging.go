package main

import (
	"fmt"
	"time"

	"github.com/offerbook/offerbook/cmd/internal/batch"
	"github.com/offerbook/offerbook/cmd/internal/console"
	"github.com/urfave/cli/v2"
)

// logKey is where the command's console is kept in the app's Metadata, so
// run can log the final error in the chosen format.
const logKey = "offerbook.log"

// logFor returns the console of c's command, made from --quiet and
// --log-format on first use.
func logFor(c *cli.Context) *console.Console {
	if l, ok := c.App.Metadata[logKey].(*console.Console); ok {
		return l
	}
	l := console.New(c.App.Writer, c.App.ErrWriter, c.Bool("quiet"), c.String("log-format") == "json")
	if c.App.Metadata == nil {
		c.App.Metadata = map[string]any{}
	}
	c.App.Metadata[logKey] = l
	return l
}

// logFormatFlag chooses the log format.
func logFormatFlag() cli.Flag {
	return &cli.StringFlag{Name: "log-format", Value: "text", Usage: "`text` for people, or json: one JSON object a line on stderr, for log collectors"}
}

// checkLogFormat refuses an unknown --log-format.
func checkLogFormat(c *cli.Context) error {
	switch c.String("log-format") {
	case "", "text", "json":
		return nil
	}
	return usagef("--log-format %q: want text or json", c.String("log-format"))
}

// report prints a run's outcome: each output written, the summary line,
// then its notes (see notes).
func report(l *console.Console, s batch.Summary) {
	for _, w := range s.Written {
		l.Wrote(w)
	}
	took := s.Elapsed.Round(time.Millisecond)
	l.Done(fmt.Sprintf("offerbook: %s read → %s%s analyzed, %d rejected%s%s (%s)",
		counted(s.Rows(), "row", ""), counted(s.Offers, "offer", ""), earlierNote(s.Earlier), s.RejectedRows,
		totalsNote(s.Totals), filesNote(s.FilesRejected), took),
		"rows", s.Rows(), "offers", s.Offers, "earlier_rounds", s.Earlier, "rejected", s.RejectedRows,
		"files_rejected", s.FilesRejected, "seconds", took.Seconds())
	notes(l, s)
}

// notes prints how the offers found their market band and the names
// offerbook does not know.
func notes(l *console.Console, s batch.Summary) {
	if m := matchSummary(s.Matches, s.Offers); m != "" {
		if l.JSON() {
			l.Log.Info("market bands", "summary", m)
		} else {
			l.Log.Info(m)
		}
	}
	for _, line := range unknownLines(s.Unknown) {
		l.Log.Warn(line)
	}
	if u := unknownSummary(s.Unknown); u != "" {
		l.Log.Warn(u)
	}
}

// loggedError is an error already logged in JSON: exitCode maps it to its
// exit code without printing it again.
type loggedError struct{ err error }

func (e loggedError) Error() string { return e.err.Error() }
func (e loggedError) Unwrap() error { return e.err }
