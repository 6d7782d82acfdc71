package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/urfave/cli/v2"
)

// runLog is where a command reports what it did. In the default text
// format, written paths go to stdout and everything else to stderr, as a
// person reads them; with --log-format json, every event is one JSON line on
// stderr (log/slog), for schedulers that collect logs. --quiet keeps only
// warnings, rejected rows and errors: a clean run prints nothing.
type runLog struct {
	stdout, stderr io.Writer
	quiet          bool
	json           *slog.Logger
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
	l := &runLog{stdout: c.App.Writer, stderr: c.App.ErrWriter, quiet: c.Bool("quiet")}
	if c.String("log-format") == "json" {
		l.json = slog.New(slog.NewJSONHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: slog.LevelInfo}))
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

// info reports progress a person may want (cleanup done, files finished);
// --quiet drops it.
func (l *runLog) info(msg string, kv ...any) {
	if l == nil || l.quiet {
		return
	}
	if l.json != nil {
		l.json.Info(msg, kv...)
		return
	}
	fmt.Fprintln(l.stderr, "offerbook: "+msg+textAttrs(kv))
}

// warn reports something the user should know even under --quiet.
func (l *runLog) warn(msg string, kv ...any) {
	if l == nil {
		return
	}
	if l.json != nil {
		l.json.Warn(msg, kv...)
		return
	}
	fmt.Fprintln(l.stderr, "offerbook: "+msg+textAttrs(kv))
}

// wrote reports one output file in place.
func (l *runLog) wrote(path string) {
	if l == nil || l.quiet {
		return
	}
	if l.json != nil {
		l.json.Info("wrote", "file", path)
		return
	}
	fmt.Fprintln(l.stdout, path)
}

// rejections lists rejected rows: always, quiet or not.
func (l *runLog) rejections(rejected []analyzer.Rejection) {
	if l == nil {
		return
	}
	if l.json == nil {
		listRejections(l.stderr, rejected)
		return
	}
	for _, r := range rejected {
		l.json.Warn("rejected row", "file", r.File, "sheet", r.Sheet, "row", r.Row, "column", r.Column, "value", r.Value, "reason", r.Reason)
	}
}

// done reports the run's summary; text is the line a person reads.
func (l *runLog) done(text string, kv ...any) {
	if l == nil || l.quiet {
		return
	}
	if l.json != nil {
		l.json.Info("done", kv...)
		return
	}
	fmt.Fprintln(l.stderr, text)
}

// fail logs the error that ends the run (JSON format only: the text format
// prints it in exitCode).
func (l *runLog) fail(err error, code int) {
	l.json.Error(err.Error(), "exit_code", code)
}

// textAttrs renders key-value pairs for the text format: " (dir: out; files: a, b)".
func textAttrs(kv []any) string {
	if len(kv) < 2 {
		return ""
	}
	parts := make([]string, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		parts = append(parts, fmt.Sprintf("%v: %v", kv[i], kv[i+1]))
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// loggedError is an error already logged in JSON: exitCode maps it to its
// exit code without printing it again.
type loggedError struct{ err error }

func (e loggedError) Error() string { return e.err.Error() }
func (e loggedError) Unwrap() error { return e.err }
