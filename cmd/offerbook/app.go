package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"
)

// version is the release this binary reports; set with -ldflags at build time.
var version = "0.1.0-dev"

// Exit codes of SPEC §7.
const (
	exitOK       = 0
	exitFailed   = 1
	exitUsage    = 2
	exitRejected = 3
)

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errRejected ends a run with exit code 3: rows were rejected under
// --strict, or validate found rejected rows.
var errRejected = errors.New("rows were rejected")

// exitCode maps the error run returned to SPEC §7's exit codes and prints
// it: the one place the program decides how it ends.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var usage usageError
	switch {
	case errors.Is(err, errRejected):
		fmt.Fprintln(stderr, "offerbook:", err)
		return exitRejected
	case errors.As(err, &usage):
		fmt.Fprintln(stderr, "offerbook: usage:", err)
		fmt.Fprintln(stderr, "Run 'offerbook help' for the commands and flags.")
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "offerbook: interrupted; no output was left half-written")
		return exitFailed
	}
	fmt.Fprintln(stderr, "offerbook:", err)
	return exitFailed
}

// run is the whole program behind main, callable in-process by tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	app := newApp(stdout, stderr)
	return app.RunContext(ctx, args)
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:    "offerbook",
		Usage:   "analyze job offers: year-by-year totals, vesting, market bands, negotiation levers",
		Version: version,
		Description: "offerbook reads offers from CSV or XLSX files and writes an annotated Excel workbook.\n" +
			"Start with: offerbook analyze samples/offers.csv",
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: false,
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err}
		},
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(stderr, "offerbook: no command %q\n", name)
		},
		ExitErrHandler: func(*cli.Context, error) {}, // exitCode decides
		Commands: []*cli.Command{
			analyzeCommand(),
			validateCommand(),
			generateCommand(),
		},
	}
}
