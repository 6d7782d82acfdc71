// Package console is where offerbook's commands speak. In the text
// format, written paths go to stdout and everything else to stderr, as a
// person reads them; in JSON, every event is one JSON line on stderr
// (log/slog), for schedulers that collect logs. Quiet keeps only warnings,
// rejected rows and errors: a clean run prints nothing.
package console

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
)

// MaxListedRejections caps how many rejected rows are listed; all of them
// are always on the Errors sheet and in errors.csv.
const MaxListedRejections = 100

// Console is one command's voice.
type Console struct {
	stdout, stderr io.Writer
	quiet, json    bool
	// Log is the events' logger, in the chosen format: info is dropped
	// when quiet. A batch run and the watch log through it too.
	Log *slog.Logger
}

// New returns the console of a command writing to stdout and stderr, in
// JSON or text, quiet or not.
func New(stdout, stderr io.Writer, quiet, json bool) *Console {
	c := &Console{stdout: stdout, stderr: stderr, quiet: quiet, json: json}
	level := slog.LevelInfo
	if quiet {
		level = slog.LevelWarn
	}
	if json {
		c.Log = slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	} else {
		c.Log = slog.New(textHandler{w: stderr, level: level})
	}
	return c
}

// JSON reports whether the console writes JSON.
func (c *Console) JSON() bool { return c.json }

// Wrote reports one output file in place.
func (c *Console) Wrote(path string) {
	if c.quiet {
		return
	}
	if c.json {
		c.Log.Info("wrote", "file", path)
		return
	}
	fmt.Fprintln(c.stdout, path)
}

// Rejections lists rejected rows: always, quiet or not.
func (c *Console) Rejections(rejected []analyzer.Rejection) {
	if !c.json {
		ListRejections(c.stderr, rejected)
		return
	}
	for _, r := range rejected {
		c.Log.Warn("rejected row", "file", r.File, "sheet", r.Sheet, "row", r.Row, "column", r.Column, "value", r.Value, "reason", r.Reason)
	}
}

// Done reports a run's summary: text is the line a person reads, kv the
// figures of the JSON event.
func (c *Console) Done(text string, kv ...any) {
	if c.quiet {
		return
	}
	if c.json {
		c.Log.Info("done", kv...)
		return
	}
	fmt.Fprintln(c.stderr, text)
}

// Fail logs the error that ends the run with its exit code (JSON only: in
// text, the command prints it itself).
func (c *Console) Fail(err error, code int) {
	c.Log.Error(err.Error(), "exit_code", code)
}

// ListRejections writes rejected rows to w, one a line, at most
// MaxListedRejections of them, then how many more there are.
func ListRejections(w io.Writer, rejected []analyzer.Rejection) {
	for i, r := range rejected {
		if i == MaxListedRejections {
			more, rows := len(rejected)-i, "rows"
			if more == 1 {
				rows = "row"
			}
			fmt.Fprintf(w, "… and %d more rejected %s (all are on the Errors sheet and in errors.csv)\n", more, rows)
			break
		}
		fmt.Fprintln(w, r.String())
	}
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
