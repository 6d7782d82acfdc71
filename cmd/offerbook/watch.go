package main

import (
	"os"
	"strings"
	"time"

	"github.com/offerbook/offerbook/cmd/internal/batch"
	"github.com/offerbook/offerbook/cmd/internal/watch"
	"github.com/urfave/cli/v2"
)

// defaultSettle is how long a dropped file must stay unchanged before it
// is analyzed (see watch.Config.Settle).
const defaultSettle = 2 * time.Second

// watchCommand is `offerbook watch IN_DIR --out-dir OUT_DIR`: a drop folder.
func watchCommand() *cli.Command {
	var flags []cli.Flag
	for _, f := range analyzeFlags() {
		switch f.Names()[0] {
		case "output", "split-by", "strict":
			continue // one workbook per input, named after it
		}
		flags = append(flags, f)
	}
	flags = append(flags,
		&cli.DurationFlag{Name: "poll", Usage: "look for changes every `INTERVAL` (such as 5s) instead of waiting for file-system events: for network drives, where events do not arrive"},
		&cli.DurationFlag{Name: "settle", Value: defaultSettle, Usage: "analyze a file once it has not changed for `DURATION`"},
	)
	return &cli.Command{
		Name:      "watch",
		Usage:     "analyze each CSV or XLSX file dropped into a folder, into another folder, until stopped",
		ArgsUsage: "IN_DIR --out-dir OUT_DIR",
		Description: "Each new or changed CSV/XLSX file in IN_DIR, once it has stopped changing, is analyzed into\n" +
			"OUT_DIR as NAME.xlsx (and NAME.results.csv / NAME.results.json with --format), with its rejected\n" +
			"rows in NAME.errors.csv. A file that cannot be read gets NAME.errors.csv and the watch goes on.\n" +
			"Files already analyzed with the same contents are skipped, also after a restart.\n" +
			"Two inputs with one NAME (acme.csv and acme.xlsx) get outputs named after the whole file name\n" +
			"(acme.csv.xlsx, acme.xlsx.xlsx), so neither replaces the other's.\n" +
			"Stop with Ctrl-C or SIGTERM.",
		Flags:  flags,
		Action: watchAction,
	}
}

// watchAction is watch: the drop folder runs the batch run analyze would,
// for each settled file.
func watchAction(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("watch needs one IN_DIR, the folder to watch (got %d arguments)", c.NArg())
	}
	in := c.Args().First()
	if st, err := os.Stat(in); err != nil || !st.IsDir() {
		return usagef("watch %s: not a folder", in)
	}
	out := c.String("out-dir")
	if batch.SamePath(in, out) {
		return usagef("--out-dir %s is the watched folder: choose another, or every output would be read back as an input", out)
	}
	fmts, err := parseFormats(c.String("format"))
	if err != nil {
		return err
	}
	run, err := batchConfig(c)
	if err != nil {
		return err
	}
	settle := c.Duration("settle")
	if settle <= 0 {
		return usagef("--settle %s: want a duration above zero, such as 2s", settle)
	}
	return watch.Run(c.Context, watch.Config{In: in, Out: out,
		Workbook: fmts["xlsx"], Results: fmts["csv"], ResultsJSON: fmts["json"],
		Settle: settle, Poll: c.Duration("poll"),
		Batch: run, Now: generatedAt, Ran: func(s batch.Summary) { report(logFor(c), s) }})
}

// parseFormats reads --format; at least one of xlsx, csv, json.
func parseFormats(s string) (map[string]bool, error) {
	formats := map[string]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "xlsx", "csv", "json":
			formats[f] = true
		case "":
		default:
			return nil, usagef("--format %q: want xlsx, csv and/or json", f)
		}
	}
	if len(formats) == 0 {
		return nil, usagef("--format: nothing to write")
	}
	return formats, nil
}
