package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

// defaultOutDir is where analyze writes when neither -o nor --out-dir is given.
const defaultOutDir = "out"

// maxListedRejections caps how many rejected rows are listed on stderr; all
// of them are always on the Errors sheet and in errors.csv.
const maxListedRejections = 100

func analyzeFlags() []cli.Flag {
	d := analyzer.DefaultOptions()
	return append(append(marketFlags(),
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the workbook to `FILE.xlsx`"},
		&cli.StringFlag{Name: "out-dir", Usage: "write every output into `DIR` (workbook named after the first input)", Value: defaultOutDir},
		&cli.StringFlag{Name: "format", Usage: "outputs to write, comma-separated: `xlsx,csv,json`", Value: "xlsx"},
		&cli.StringFlag{Name: "sheet", Usage: "read this `SHEET` of XLSX inputs, or \"all\" for every sheet that holds offers (default: the sheet whose header matches the offer columns best)"},
		passwordFlag(),
		&cli.StringFlag{Name: "stock-price", Usage: "grant price for offers that give rsu_shares without stock_price (`USD`)"},
		&cli.StringFlag{Name: "stock-growth", Usage: "yearly stock growth in `PERCENT` (10 means 10%)", Value: "0"},
		&cli.StringFlag{Name: "raise", Usage: "yearly base raise in `PERCENT`", Value: "0"},
		&cli.IntFlag{Name: "years", Usage: "horizon `H` in years", Value: d.Years},
		&cli.StringFlag{Name: "scenarios", Usage: "extra stock-growth rates in percent for the H-year total, e.g. `-20,0,15`"},
		&cli.IntFlag{Name: "offer-sheets", Usage: "write at most `N` per-offer sheets", Value: exporters.DefaultOfferSheets},
		&cli.StringFlag{Name: "target", Usage: "headline `PERCENTILE` the counter-offer aims for", Value: d.Target.String()},
		&cli.StringFlag{Name: "band-span", Usage: "the percentiles band min and max stand for, `LOW-HIGH`", Value: d.BandSpan[0].String() + "-" + d.BandSpan[1].String()},
		&cli.IntFlag{Name: "min-peers", Usage: "smallest peer group (company, track, level, location) that gets peer percentiles, `N`", Value: d.MinPeers},
		&cli.BoolFlag{Name: "no-levers", Usage: "skip the negotiation levers and the counter-offer (faster for totals and bands only)"},
		&cli.StringFlag{Name: "split-by", Usage: "write one workbook per `candidate` into --out-dir"},
		&cli.BoolFlag{Name: "strict", Usage: "exit with code 3 if any row is rejected or names an unknown location or track"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing but rejected rows and errors"},
	), append(taxFlags(), startupFlags()...)...)
}

func analyzeCommand() *cli.Command {
	return &cli.Command{
		Name:      "analyze",
		Usage:     "analyze offers and write the workbook (and CSV/JSON results)",
		ArgsUsage: "INPUT...  (CSV or XLSX files, folders, globs)",
		Flags:     analyzeFlags(),
		Action: func(c *cli.Context) error {
			opts, err := optionsFromFlags(c)
			if err != nil {
				return err
			}
			if err := loadMarket(c.Context, c, &opts); err != nil {
				return err
			}
			if err := loadTax(c.Context, c, &opts); err != nil {
				return err
			}
			return analyze(c.Context, c, opts)
		},
	}
}

// optionsFromFlags builds the analysis options from DefaultOptions and the
// flags; a malformed value is a usage error.
func optionsFromFlags(c *cli.Context) (analyzer.Options, error) {
	opts := analyzer.DefaultOptions()
	opts.Years = c.Int("years")
	if opts.Years < 1 || opts.Years > 50 {
		return opts, usagef("--years %d: want 1 to 50", opts.Years)
	}
	var err error
	if opts.StockGrowth, err = percentFlag("stock-growth", c.String("stock-growth")); err != nil {
		return opts, err
	}
	if opts.Raise, err = percentFlag("raise", c.String("raise")); err != nil {
		return opts, err
	}
	if opts.StockPrice, err = stockPriceFlag(c); err != nil {
		return opts, err
	}
	if opts.BandSpan, err = bandSpanFlag(c.String("band-span")); err != nil {
		return opts, err
	}
	target, err := decimal.NewFromString(strings.TrimSpace(c.String("target")))
	if err != nil || target.Sign() <= 0 || !target.LessThan(decimal.NewFromInt(100)) {
		return opts, usagef("--target %q: want a percentile between 0 and 100, such as 75", c.String("target"))
	}
	opts.Target = target
	if opts.MinPeers = c.Int("min-peers"); opts.MinPeers < 1 {
		return opts, usagef("--min-peers %d: want 1 or more", opts.MinPeers)
	}
	opts.AsOf = generatedAt()
	opts.Levers = !c.Bool("no-levers")
	if formats, err := parseFormats(c.String("format")); err == nil {
		// results.json writes every offer's email: keep each one's draft.
		opts.EmailDrafts = formats["json"]
	}
	if s := strings.TrimSpace(c.String("scenarios")); s != "" {
		// Counted before anything is parsed, so two million values cost
		// nothing: each scenario is a column of every sheet that shows them.
		if n := strings.Count(s, ",") + 1; n > maxScenarios {
			return opts, usagef("--scenarios: %d values; at most %d growth rates, such as -20,0,15", n, maxScenarios)
		}
		for _, part := range strings.Split(s, ",") {
			g, err := percentFlag("scenarios", part)
			if err != nil {
				return opts, err
			}
			opts.Scenarios = append(opts.Scenarios, g)
		}
	}
	if err := startupOptions(c, &opts); err != nil {
		return opts, err
	}
	return opts, nil
}

// maxScenarios is how many --scenarios values a run takes.
const maxScenarios = 20

// stockPriceFlag reads --stock-price, the default grant price: invalid when
// not given, a usage error unless a positive amount.
func stockPriceFlag(c *cli.Context) (decimal.NullDecimal, error) {
	s := c.String("stock-price")
	if s == "" {
		return decimal.NullDecimal{}, nil
	}
	price, err := importers.ParseMoney(s, false)
	if err != nil || price.Sign() <= 0 {
		return decimal.NullDecimal{}, usagef("--stock-price %q: want a positive amount such as 185.50", s)
	}
	return decimal.NewNullDecimal(price), nil
}

// percentFlag reads a flag given in percent ("10", "10%", "-20") as a
// fraction (0.10). A yearly rate outside (-100%, 100%] is a usage error:
// beyond it the compounded figures stop meaning anything ("1e300" once
// wrote +Inf and 14,000-digit numbers).
func percentFlag(name, s string) (decimal.Decimal, error) {
	v, err := decimal.NewFromString(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if err != nil {
		return decimal.Zero, usagef("--%s %q: want a percentage such as 10 or -20", name, s)
	}
	if v.LessThanOrEqual(decimal.NewFromInt(-100)) || v.GreaterThan(decimal.NewFromInt(100)) {
		return decimal.Zero, usagef("--%s %q: want a yearly rate above -100%% and at most 100%%, such as 10 or -20", name, s)
	}
	return v.Div(decimal.NewFromInt(100)), nil
}

// outputPaths are the files one analyze run writes; empty means not asked for.
type outputPaths struct {
	workbook, results, resultsJSON, errors string
	// dir is the output folder: it holds the lock and the temporaries.
	dir string
	// books are the workbooks of --split-by candidate, written in the same set.
	books []candidateWorkbook
	// noWait fails at once when another run holds dir's lock.
	noWait bool
	// log receives lock waits and cleanup notes.
	log *runLog
	// errorsOnFailure writes errors alone when no input could be read
	// (watch: a dropped file that is not a table gets its errors file).
	errorsOnFailure bool
	// set, when not nil, is the output set opened (and the folder locked)
	// at the start of the run; writeOutputs writes into it.
	set *outputSet
}

// resolveOutputs turns -o, --out-dir and --format into file paths and
// refuses any output that would overwrite an input.
func resolveOutputs(c *cli.Context, inputs []string) (outputPaths, error) {
	out := outputPaths{noWait: c.Bool("no-wait"), log: logFor(c)}
	formats, err := parseFormats(c.String("format"))
	if err != nil {
		return out, err
	}
	dir := c.String("out-dir")
	if o := c.String("output"); o != "" {
		if !strings.EqualFold(filepath.Ext(o), ".xlsx") {
			return out, usagef("-o %q: the workbook must end in .xlsx", o)
		}
		formats["xlsx"] = true
		out.workbook = o
		if !c.IsSet("out-dir") {
			dir = filepath.Dir(o)
		}
	} else if formats["xlsx"] {
		out.workbook = filepath.Join(dir, workbookStem(c.Args().Slice(), inputs)+".xlsx")
	}
	if formats["csv"] {
		out.results = filepath.Join(dir, "results.csv")
		out.errors = filepath.Join(dir, "errors.csv")
	}
	if formats["json"] {
		out.resultsJSON = filepath.Join(dir, "results.json")
	}
	out.dir = dir
	for _, o := range []string{out.workbook, out.results, out.resultsJSON, out.errors} {
		if err := refuseOverwrite(c, o, inputs); err != nil {
			return out, err
		}
	}
	return out, nil
}

// samePath reports whether two paths name the same file, existing or not.
func samePath(a, b string) bool {
	if sa, err := os.Stat(a); err == nil {
		if sb, err := os.Stat(b); err == nil {
			return os.SameFile(sa, sb)
		}
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// errNothingReadable ends a run where no input was a table of offers.
var errNothingReadable = errors.New("no input could be read as a table of offers (see above); nothing written")

// totalsNote is the summary line's mention of totals rows skipped (each
// file's are named in a warning).
func totalsNote(n int) string {
	if n == 0 {
		return ""
	}
	return ", " + counted(n, "totals row", "") + " skipped"
}

// filesNote is the summary line's mention of files rejected whole.
func filesNote(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "; 1 file rejected whole"
	}
	return fmt.Sprintf("; %d files rejected whole", n)
}

// engineRejection turns an offer the engine refused into a rejected row at
// the offer's own position.
func engineRejection(f analyzer.Failure) analyzer.Rejection {
	r := analyzer.Rejection{File: f.Offer.Source.File, Sheet: f.Offer.Source.Sheet, Row: f.Offer.Source.Row, Reason: f.Err.Error(), Candidate: f.Offer.Candidate}
	var fe *analyzer.FieldError
	if errors.As(f.Err, &fe) {
		r.Column, r.Value, r.Reason = fe.Column, fe.Value, fe.Err.Error()
	}
	return r
}

func listRejections(stderr io.Writer, rejected []analyzer.Rejection) {
	for i, r := range rejected {
		if i == maxListedRejections {
			fmt.Fprintf(stderr, "… and %d more rejected %s (all are on the Errors sheet and in errors.csv)\n", len(rejected)-i, noun(len(rejected)-i, "row", "rows"))
			break
		}
		fmt.Fprintln(stderr, r.String())
	}
}

// expandInputs turns the arguments into input files; none is a usage error.
func expandInputs(c *cli.Context) ([]string, error) {
	if c.NArg() == 0 {
		return nil, usagef("%s needs at least one INPUT file, folder or glob", c.Command.Name)
	}
	inputs, err := importers.ExpandWarn(c.Args().Slice(), func(msg string) {
		fmt.Fprintln(c.App.ErrWriter, "offerbook: warning:", msg)
	})
	if err != nil {
		return nil, err
	}
	inputs = withoutOwnOutputs(c.Args().Slice(), inputs)
	if len(inputs) == 0 {
		return nil, usagef("no CSV or XLSX files in %s", strings.Join(c.Args().Slice(), " "))
	}
	return inputs, nil
}

func analyze(ctx context.Context, c *cli.Context, opts analyzer.Options) error {
	inputs, err := expandInputs(c)
	if err != nil {
		return err
	}
	outs, err := resolveOutputs(c, inputs)
	if err != nil {
		return err
	}
	return analyzeInto(ctx, c, opts, inputs, outs)
}

// analyzeInto is the analyze pipeline from read inputs to the written
// outputs outs; analyze and watch both run it.
func analyzeInto(ctx context.Context, c *cli.Context, opts analyzer.Options, inputs []string, outs outputPaths) error {
	stderr := c.App.ErrWriter
	log := logFor(c)
	split := c.String("split-by")
	if split != "" && split != "candidate" {
		return usagef("--split-by %q: only candidate is supported", split)
	}
	if split != "" && c.IsSet("output") {
		return usagef("--split-by writes one workbook per candidate into --out-dir; drop -o")
	}
	started := time.Now()
	// Lock the output folder first: a second run waits before reading
	// anything, and a killed run's leftovers go at once.
	set, err := openOutputSet(ctx, outs.outDir(), !outs.noWait, log)
	if err != nil {
		if ctx.Err() != nil {
			return interrupted(ctx, outs.all())
		}
		return err
	}
	defer set.close()
	outs.set = set
	set.plan(outs.all())
	ctx = withScratch(ctx, set.TmpDir()) // a large workbook unpacks here, cleaned after a kill
	sheets := c.Int("offer-sheets")
	what := keepRecords
	if split != "" {
		what = keepAnalyses
	}
	res, err := importAndAnalyze(ctx, c, opts, inputs, stderr, what, max(sheets, 0))
	if ctx.Err() != nil {
		return interrupted(ctx, outs.all())
	}
	if err != nil {
		return err
	}
	if res.records != nil {
		defer func() { _ = res.records.Close() }()
	}
	if res.filesRejected == len(inputs) {
		if outs.errorsOnFailure && outs.errors != "" {
			run := &exporters.Run{Rejected: res.rejected}
			if _, err := writeOutputs(ctx, outputPaths{errors: outs.errors, set: set}, run); err != nil {
				return err
			}
		}
		return errNothingReadable
	}
	run := &exporters.Run{
		Inputs:       inputs,
		Options:      opts,
		Records:      res.records,
		Details:      res.details,
		Analyses:     res.analyses,
		Rejected:     res.rejected,
		RejectedRows: res.rowsRejected,
		OfferSheets:  sheets,
		Generated:    generatedAt(),
		Version:      version,
		BandSource:   opts.BandSource,
		Progress:     newWriteProgress(stderr, c.Bool("quiet")),
	}
	var books []candidateWorkbook
	if split != "" {
		if books, err = splitByCandidate(c.String("out-dir"), run, fileInputs(c, inputs)); err != nil {
			return err
		}
		outs.workbook = ""
		outs.books = books
		set.plan(outs.all())
		// Rejected rows belong to no candidate's workbook alone: errors.csv
		// lists them all, whatever the format.
		if outs.errors == "" {
			outs.errors = filepath.Join(c.String("out-dir"), "errors.csv")
		}
		for _, b := range books {
			detailInPlace(res.engine, b.run.Analyses, sheets)
		}
	}
	written, err := writeOutputs(ctx, outs, run)
	if err != nil {
		return err
	}
	for _, w := range written {
		log.wrote(w)
	}
	{
		rows := res.rowsRejected
		took := time.Since(started).Round(time.Millisecond)
		log.done(fmt.Sprintf("offerbook: %s read → %s%s analyzed, %d rejected%s%s (%s)",
			counted(res.offers+res.earlier+rows, "row", ""), counted(res.offers, "offer", ""), earlierNote(res.earlier), rows,
			totalsNote(res.stats.Totals), filesNote(res.filesRejected), took),
			"rows", res.offers+res.earlier+rows, "offers", res.offers, "earlier_rounds", res.earlier, "rejected", rows,
			"files_rejected", res.filesRejected, "seconds", took.Seconds())
		if s := matchSummary(res.matches, res.offers); s != "" {
			if log.json != nil {
				log.info("market bands", "summary", s)
			} else {
				log.info(s)
			}
		}
		for _, l := range res.unknown.lines() {
			log.warn(l)
		}
		if s := res.unknown.summary(); s != "" {
			log.warn(s)
		}
	}
	if c.Bool("strict") && len(res.rejected) > 0 {
		rows := res.rowsRejected
		return fmt.Errorf("--strict: %w: %d of %s%s", errRejected, rows, counted(res.offers+res.earlier+rows, "row", ""), filesNote(res.filesRejected))
	}
	if c.Bool("strict") && res.unknown.count > 0 {
		return unknownNameError{res.unknown.summary()}
	}
	return nil
}

// writeOutputs writes every asked-for file, and the candidate workbooks of
// outs.books, as one output set (outputs.go): all are written under
// temporary names in their folder, then put in place together; interrupted
// before that, it removes the temporaries and writes nothing.
func writeOutputs(ctx context.Context, outs outputPaths, run *exporters.Run) ([]string, error) {
	if ctx.Err() != nil {
		return nil, interrupted(ctx, outs.all())
	}
	set := outs.set
	if set == nil {
		var err error
		if set, err = openOutputSet(ctx, outs.outDir(), !outs.noWait, outs.log); err != nil {
			if ctx.Err() != nil {
				return nil, interrupted(ctx, outs.all())
			}
			return nil, err
		}
		defer set.close()
	}
	run.TmpDir = set.TmpDir()
	// The workbook on one goroutine and the results files beside it on
	// another, both streaming the same records into the set's temporaries.
	write := func(path string, fn func(io.Writer) error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return set.write(path, fn)
	}
	steps := []struct {
		path string
		fn   func(io.Writer) error
		err  error
		done bool
	}{
		{path: outs.workbook, fn: func(w io.Writer) error { return exporters.WriteWorkbook(w, run) }},
		{path: outs.results, fn: func(w io.Writer) error { return exporters.WriteResultsCSV(w, run) }},
		{path: outs.errors, fn: func(w io.Writer) error { return exporters.WriteErrorsCSV(w, run.Rejected) }},
		{path: outs.resultsJSON, fn: func(w io.Writer) error { return exporters.WriteResultsJSON(w, run) }},
	}
	lane := func(from, to int) {
		for i := from; i < to; i++ {
			if steps[i].path == "" {
				continue
			}
			if steps[i].err = write(steps[i].path, steps[i].fn); steps[i].err != nil {
				return
			}
			steps[i].done = true
		}
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); lane(1, len(steps)) }()
	lane(0, 1)
	wg.Wait()
	for _, s := range steps {
		if s.err != nil {
			if ctx.Err() != nil {
				return nil, interrupted(ctx, outs.all())
			}
			return nil, s.err
		}
	}
	if err := writeCandidateWorkbooks(ctx, set, outs.books); err != nil {
		if ctx.Err() != nil {
			return nil, interrupted(ctx, outs.all())
		}
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, interrupted(ctx, outs.all())
	}
	written, err := set.commit()
	if err != nil {
		return written, err
	}
	return outs.all(), nil
}

// outDir is the folder that holds the lock and the temporaries: --out-dir,
// or the folder of the first output.
func (outs outputPaths) outDir() string {
	if outs.dir != "" {
		return outs.dir
	}
	for _, p := range outs.all() {
		return filepath.Dir(p)
	}
	return "."
}

// all lists every output of outs in the order they are reported.
func (outs outputPaths) all() []string {
	var paths []string
	for _, p := range []string{outs.workbook, outs.results, outs.errors, outs.resultsJSON} {
		if p != "" {
			paths = append(paths, p)
		}
	}
	for _, b := range outs.books {
		paths = append(paths, b.path)
	}
	return paths
}

// generatedAt is the time stamped into outputs: SOURCE_DATE_EPOCH when set
// (reproducible builds), else now.
func generatedAt() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Now().UTC().Truncate(time.Second)
}

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "import only: report rejected rows (exit 3 if any)",
		ArgsUsage: "INPUT...",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "sheet", Usage: "read this `SHEET` of XLSX inputs, or \"all\" for every sheet that holds offers (default: the sheet whose header matches the offer columns best)"},
			passwordFlag(),
			&cli.StringFlag{Name: "stock-price", Usage: "default grant price, as for analyze (`USD`)"},
			&cli.BoolFlag{Name: "strict", Usage: "exit with code 3 for unknown location or track names too"},
		}, marketFlags()...),
		Action: func(c *cli.Context) error {
			inputs, err := expandInputs(c)
			if err != nil {
				return err
			}
			opts := analyzer.DefaultOptions()
			if opts.StockPrice, err = stockPriceFlag(c); err != nil {
				return err
			}
			if err := loadMarket(c.Context, c, &opts); err != nil {
				return err
			}
			opts.Levers = false
			res, err := importAndAnalyze(c.Context, c, opts, inputs, c.App.ErrWriter, keepNothing, 0)
			if err != nil {
				return err
			}
			// The summary goes to stderr, as analyze's does: stdout carries
			// only what a script would read (for validate, nothing).
			rows := res.rowsRejected
			fmt.Fprintf(c.App.ErrWriter, "offerbook: %s read → %s%s, %d rejected, %s skipped%s\n",
				counted(res.offers+res.earlier+rows, "row", ""), counted(res.offers, "valid offer", ""), earlierNote(res.earlier), rows,
				counted(res.stats.Skipped, "blank or total row", "blank or total rows"), filesNote(res.filesRejected))
			if s := matchSummary(res.matches, res.offers); s != "" {
				fmt.Fprintln(c.App.ErrWriter, "offerbook: "+s)
			}
			for _, l := range res.unknown.lines() {
				fmt.Fprintln(c.App.ErrWriter, "offerbook: "+l)
			}
			if s := res.unknown.summary(); s != "" {
				fmt.Fprintln(c.App.ErrWriter, "offerbook: "+s)
			}
			if len(res.rejected) > 0 {
				return fmt.Errorf("%w: %d of %s%s", errRejected, rows, counted(res.offers+res.earlier+rows, "row", ""), filesNote(res.filesRejected))
			}
			if c.Bool("strict") && res.unknown.count > 0 {
				return unknownNameError{res.unknown.summary()}
			}
			return nil
		},
	}
}

// passwordFlag opens password-protected XLSX inputs.
func passwordFlag() cli.Flag {
	return &cli.StringFlag{Name: "password", Usage: "open password-protected XLSX inputs with `PASSWORD` (or set it in --config)"}
}
