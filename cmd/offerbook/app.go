package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/offerbook/offerbook/cmd/internal/batch"
	"github.com/offerbook/offerbook/cmd/internal/console"
	"github.com/urfave/cli/v2"
)

// version is the release this binary reports; set with -ldflags at build time.
var version = "0.1.0-dev"

// Exit codes (see "Exit codes" in docs/METHOD.md).
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

// exitCode maps the error run returned to its exit code and prints it:
// the one place the program decides how it ends.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var logged loggedError
	if errors.As(err, &logged) {
		// Already logged in JSON by run; only the code is left to decide.
		return exitCode(logged.err, io.Discard)
	}
	var usage usageError
	var stopped *batch.InterruptedError
	switch {
	case errors.Is(err, errRejected):
		fmt.Fprintln(stderr, "offerbook:", err)
		return exitRejected
	case errors.As(err, &usage) || errors.As(err, new(batch.ConfigError)):
		fmt.Fprintln(stderr, "offerbook: usage:", err)
		fmt.Fprintln(stderr, "Run 'offerbook help' for the commands and flags.")
		return exitUsage
	case errors.As(err, &stopped):
		fmt.Fprintln(stderr, "offerbook:", err)
		return exitFailed
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "offerbook: interrupted before writing any output; nothing was changed")
		return exitFailed
	}
	fmt.Fprintln(stderr, "offerbook:", err)
	return exitFailed
}

// run is the whole program behind main, callable in-process by tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	app := newApp(stdout, stderr)
	err := app.RunContext(ctx, hoistFlags(app, args))
	if l, ok := app.Metadata[logKey].(*console.Console); ok && l.JSON() && err != nil {
		l.Fail(err, exitCode(err, io.Discard))
		return loggedError{err}
	}
	return err
}

// hoistFlags moves a command's flags in front of its arguments, so
// `offerbook analyze offers.csv --format csv` works as users expect:
// urfave/cli v2 stops reading flags at the first argument. Flags that take a
// value carry it along; everything after "--" stays an argument.
func hoistFlags(app *cli.App, args []string) []string {
	if len(args) < 3 {
		return args
	}
	cmd := app.Command(args[1])
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		doc, ok := f.(cli.DocGenerationFlag)
		for _, name := range f.Names() {
			takesValue[name] = ok && doc.TakesValue()
		}
	}
	flags, positional := []string{}, []string{}
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			positional = append(positional, rest[i+1:]...)
			break
		}
		name := strings.TrimLeft(a, "-")
		if len(a) < 2 || a[0] != '-' || name == "" {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		if eq := strings.IndexByte(name, '='); eq < 0 && takesValue[name] && i+1 < len(rest) {
			flags = append(flags, rest[i+1])
			i++
		}
	}
	out := append([]string{args[0], args[1]}, flags...)
	if len(positional) > 0 {
		out = append(append(out, "--"), positional...)
	}
	return out
}

func newApp(stdout, stderr io.Writer) *cli.App {
	onUsage := func(_ *cli.Context, err error, _ bool) error { return usageError{err} }
	app := &cli.App{
		Name:    "offerbook",
		Usage:   "analyze job offers: year-by-year totals, vesting, market bands, negotiation levers",
		Version: version,
		Description: "offerbook reads offers from CSV or XLSX files and writes an annotated Excel workbook.\n" +
			"Start with: offerbook analyze samples/offers.csv",
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: false,
		OnUsageError:    onUsage,
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(stderr, "offerbook: no command %q\n", name)
		},
		ExitErrHandler: func(*cli.Context, error) {}, // exitCode decides
		Commands: []*cli.Command{
			withConfig(analyzeCommand()),
			withConfig(watchCommand()),
			validateCommand(),
			generateCommand(),
			bandsCommand(),
			playbookCommand(),
			templateCommand(),
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsage
	}
	return app
}
