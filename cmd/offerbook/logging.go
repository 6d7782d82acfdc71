package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/cmd/internal/batch"
	"github.com/urfave/cli/v2"
)

// runLog is where a command reports what it did. In the default text
// format, written paths go to stdout and everything else to stderr, as a
// person reads them; with --log-format json, every event is one JSON line on
// stderr (log/slog), for schedulers that collect logs. --quiet keeps only
// warnings, rejected rows and errors: a clean run prints nothing.
type runLog struct {
	stdout, stderr io.Writer
	quiet, json    bool
	// slog is the events' logger, in the chosen format; the batch run and
	// the watch log through it too.
	slog *slog.Logger
}

// logKey is where the command's runLog is kept in the app's Metadata, so
// run can log the final error in the chosen format.
const logKey = "offerbook.log"

// logFor returns the runLog of c's command, made from --quiet and
// --log-format on first use.
func logFor(c *cli.Context) *runLog {
	if l, ok := c.App.Metadata[logKey].(*runLog); ok {
		return l
	}
	l := &runLog{stdout: c.App.Writer, stderr: c.App.ErrWriter, quiet: c.Bool("quiet"), json: c.String("log-format") == "json"}
	level := slog.LevelInfo
	if l.quiet {
		level = slog.LevelWarn
	}
	if l.json {
		l.slog = slog.New(slog.NewJSONHandler(l.stderr, &slog.HandlerOptions{Level: level}))
	} else {
		l.slog = slog.New(textHandler{w: l.stderr, level: level})
	}
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

// report prints a run's outcome: each output written, the summary line, how
// the offers found their market band, and the unknown names.
func (l *runLog) report(s batch.Summary) {
	for _, w := range s.Written {
		l.wrote(w)
	}
	took := s.Elapsed.Round(time.Millisecond)
	l.done(fmt.Sprintf("offerbook: %s read → %s%s analyzed, %d rejected%s%s (%s)",
		counted(s.Rows(), "row", ""), counted(s.Offers, "offer", ""), earlierNote(s.Earlier), s.RejectedRows,
		totalsNote(s.Totals), filesNote(s.FilesRejected), took),
		"rows", s.Rows(), "offers", s.Offers, "earlier_rounds", s.Earlier, "rejected", s.RejectedRows,
		"files_rejected", s.FilesRejected, "seconds", took.Seconds())
	if m := matchSummary(s.Matches, s.Offers); m != "" {
		if l.json {
			l.slog.Info("market bands", "summary", m)
		} else {
			l.slog.Info(m)
		}
	}
	for _, line := range unknownLines(s.Unknown) {
		l.slog.Warn(line)
	}
	if u := unknownSummary(s.Unknown); u != "" {
		l.slog.Warn(u)
	}
}

// wrote reports one output file in place.
func (l *runLog) wrote(path string) {
	if l.quiet {
		return
	}
	if l.json {
		l.slog.Info("wrote", "file", path)
		return
	}
	fmt.Fprintln(l.stdout, path)
}

// rejections lists rejected rows: always, quiet or not.
func (l *runLog) rejections(rejected []analyzer.Rejection) {
	if !l.json {
		listRejections(l.stderr, rejected)
		return
	}
	for _, r := range rejected {
		l.slog.Warn("rejected row", "file", r.File, "sheet", r.Sheet, "row", r.Row, "column", r.Column, "value", r.Value, "reason", r.Reason)
	}
}

// done reports the run's summary; text is the line a person reads.
func (l *runLog) done(text string, kv ...any) {
	if l.quiet {
		return
	}
	if l.json {
		l.slog.Info("done", kv...)
		return
	}
	fmt.Fprintln(l.stderr, text)
}

// fail logs the error that ends the run (JSON format only: the text format
// prints it in exitCode).
func (l *runLog) fail(err error, code int) {
	l.slog.Error(err.Error(), "exit_code", code)
}

// textHandler writes the text format's events: "offerbook: MESSAGE (key:
// value; key: value)", one a line. The program logs no shared attributes
// or groups, so WithAttrs and WithGroup keep none.
type textHandler struct {
	w     io.Writer
	level slog.Level
}

func (h textHandler) Enabled(_ context.Context, level slog.Level) bool { return level >= h.level }
func (h textHandler) WithAttrs([]slog.Attr) slog.Handler               { return h }
func (h textHandler) WithGroup(string) slog.Handler                    { return h }

func (h textHandler) Handle(_ context.Context, r slog.Record) error {
	var attrs []string
	r.Attrs(func(a slog.Attr) bool {
		attrs = append(attrs, a.Key+": "+a.Value.String())
		return true
	})
	line := "offerbook: " + r.Message
	if len(attrs) > 0 {
		line += " (" + strings.Join(attrs, "; ") + ")"
	}
	_, err := fmt.Fprintln(h.w, line)
	return err
}

// loggedError is an error already logged in JSON: exitCode maps it to its
// exit code without printing it again.
type loggedError struct{ err error }

func (e loggedError) Error() string { return e.err.Error() }
func (e loggedError) Unwrap() error { return e.err }
