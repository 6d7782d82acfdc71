package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/cmd/internal/batch"
	"github.com/offerbook/offerbook/cmd/internal/progress"
	"github.com/offerbook/offerbook/cmd/internal/signals"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

// defaultOutDir is where analyze writes when neither -o nor --out-dir is given.
const defaultOutDir = "out"

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
		Action:    analyzeAction,
	}
}

// batchConfig turns a command's flags into the one batch.Config that
// analyze, watch and validate run; the caller adds the inputs and the
// outputs. Each group of options is read when the command has its flags:
// the analysis (analyze, watch), the market data (all three), the tax
// tables (analyze, watch). A command without the analysis flags (validate)
// analyses with the defaults and no levers.
func batchConfig(c *cli.Context) (batch.Config, error) {
	log, quiet := logFor(c), c.Bool("quiet")
	opts := analyzer.DefaultOptions()
	var err error
	if hasFlag(c, "years") {
		opts, err = optionsFromFlags(c)
	} else {
		opts.StockPrice, err = stockPriceFlag(c)
		opts.Levers = false
	}
	if err != nil {
		return batch.Config{}, err
	}
	if err := loadMarket(c, &opts); err != nil {
		return batch.Config{}, err
	}
	// OFFERBOOK_DECIMAL=1 works every figure out in decimal, the exact
	// arithmetic the fast fixed-point path is held to, so the two runs'
	// outputs can be compared byte for byte.
	opts.DecimalOnly = os.Getenv("OFFERBOOK_DECIMAL") == "1"
	if hasFlag(c, "tax") {
		if err := loadTax(c, &opts); err != nil {
			return batch.Config{}, err
		}
	}
	return batch.Config{
		Options:     opts,
		Sheet:       c.String("sheet"),
		Password:    c.String("password"),
		OfferSheets: c.Int("offer-sheets"),
		Wait:        !c.Bool("no-wait"),
		Generated:   generatedAt(),
		Version:     version,
		Log:         log.Log,
		Progress:    progress.New(c.App.ErrWriter, quiet),
		Warn: func(msg string) {
			if !quiet {
				fmt.Fprintln(c.App.ErrWriter, "offerbook: warning: "+msg)
			}
		},
		Rejected: log.Rejections,
		Register: signals.Register,
	}, nil
}

// hasFlag reports whether c's command has the flag name.
func hasFlag(c *cli.Context, name string) bool {
	return slices.ContainsFunc(c.Command.Flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), name) })
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

// resolveOutputs turns -o, --out-dir, --format and --split-by into the
// run's outputs and refuses any output that would overwrite an input.
func resolveOutputs(c *cli.Context, inputs []string) (batch.Outputs, error) {
	var out batch.Outputs
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
		out.Workbook = o
		if !c.IsSet("out-dir") {
			dir = filepath.Dir(o)
		}
	} else if formats["xlsx"] {
		out.Workbook = filepath.Join(dir, workbookStem(c.Args().Slice(), inputs)+".xlsx")
	}
	if formats["csv"] {
		out.Results = filepath.Join(dir, "results.csv")
		out.Errors = filepath.Join(dir, "errors.csv")
	}
	if formats["json"] {
		out.ResultsJSON = filepath.Join(dir, "results.json")
	}
	out.Dir = dir
	for _, o := range []string{out.Workbook, out.Results, out.ResultsJSON, out.Errors} {
		if err := refuseOverwrite(c, o, inputs); err != nil {
			return out, err
		}
	}
	switch split := c.String("split-by"); {
	case split != "" && split != "candidate":
		return out, usagef("--split-by %q: only candidate is supported", split)
	case split != "" && c.IsSet("output"):
		return out, usagef("--split-by writes one workbook per candidate into --out-dir; drop -o")
	case split != "":
		out.SplitByCandidate = true
	}
	return out, nil
}

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
	inputs = batch.WithoutOwnOutputs(c.Args().Slice(), inputs)
	if len(inputs) == 0 {
		return nil, usagef("no CSV or XLSX files in %s", strings.Join(c.Args().Slice(), " "))
	}
	return inputs, nil
}

// analyzeAction is analyze: one batch run of the inputs into the outputs.
func analyzeAction(c *cli.Context) error {
	cfg, err := batchConfig(c)
	if err != nil {
		return err
	}
	if cfg.Inputs, err = expandInputs(c); err != nil {
		return err
	}
	if cfg.Outputs, err = resolveOutputs(c, cfg.Inputs); err != nil {
		return err
	}
	cfg.Protected = fileInputs(c, cfg.Inputs)
	s, err := batch.Run(c.Context, cfg)
	if err != nil {
		return err
	}
	report(logFor(c), s)
	if !c.Bool("strict") {
		return nil
	}
	return rejectedError("--strict: ", s, true)
}

// rejectedError ends a run with rejected rows, or, when strict, unknown
// names: exit code 3. It is nil when there are none.
func rejectedError(prefix string, s batch.Summary, strict bool) error {
	if len(s.Rejected) > 0 {
		return fmt.Errorf("%s%w: %d of %s%s", prefix, errRejected, s.RejectedRows, counted(s.Rows(), "row", ""), filesNote(s.FilesRejected))
	}
	if strict && s.Unknown.Count > 0 {
		return unknownNameError{unknownSummary(s.Unknown)}
	}
	return nil
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
		Action: validateAction,
	}
}

// validateAction is validate: a batch run without outputs, reporting what
// was read and rejected.
func validateAction(c *cli.Context) error {
	inputs, err := expandInputs(c)
	if err != nil {
		return err
	}
	cfg, err := batchConfig(c)
	if err != nil {
		return err
	}
	cfg.Inputs = inputs
	s, err := batch.Run(c.Context, cfg)
	if err != nil {
		return err
	}
	// The summary goes to stderr, as analyze's does: stdout carries only
	// what a script would read (for validate, nothing).
	fmt.Fprintf(c.App.ErrWriter, "offerbook: %s read → %s%s, %d rejected, %s skipped%s\n",
		counted(s.Rows(), "row", ""), counted(s.Offers, "valid offer", ""), earlierNote(s.Earlier), s.RejectedRows,
		counted(s.Skipped, "blank or total row", "blank or total rows"), filesNote(s.FilesRejected))
	notes(logFor(c), s)
	return rejectedError("", s, c.Bool("strict"))
}

// passwordFlag opens password-protected XLSX inputs.
func passwordFlag() cli.Flag {
	return &cli.StringFlag{Name: "password", Usage: "open password-protected XLSX inputs with `PASSWORD` (or set it in --config)"}
}
