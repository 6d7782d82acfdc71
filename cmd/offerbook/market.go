package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/cmd/internal/batch"
	"github.com/offerbook/offerbook/cmd/internal/console"
	"github.com/offerbook/offerbook/cmd/internal/tables"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

// marketFlags are the flags that choose the bands, premiums and playbook.
func marketFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "bands", Usage: "market bands from `FILE.csv|xlsx` instead of the built-in ones"},
		&cli.StringFlag{Name: "premiums", Usage: "AI/ML premiums from `FILE.csv|xlsx` instead of the built-in ones"},
		&cli.StringFlag{Name: "levels", Usage: "level equivalences (other companies' levels → the Amazon ladder) from `FILE.csv|xlsx` instead of the built-in ones"},
		&cli.StringFlag{Name: "playbook", Usage: "lever defaults from `FILE.yaml` (see 'offerbook playbook')"},
		&cli.StringFlag{Name: "differentials", Usage: "company differentials (another company's pay relative to the reference band's) from `FILE.csv|xlsx` instead of the built-in ones"},
	}
}

// loadMarket fills the market tables of opts from the flags (or the
// built-in ones); a file's bad rows are listed on stderr.
func loadMarket(c *cli.Context, opts *analyzer.Options) error {
	files := tables.MarketFiles{Bands: c.String("bands"), Premiums: c.String("premiums"), Levels: c.String("levels"),
		Differentials: c.String("differentials"), Playbook: c.String("playbook")}
	return listBadRows(c, tables.Market(c.Context, files, opts))
}

// listBadRows lists on stderr the bad rows of a table file that stopped
// the run, and returns err.
func listBadRows(c *cli.Context, err error) error {
	var bad *tables.BadRowsError
	if errors.As(err, &bad) {
		for _, e := range bad.Rows {
			fmt.Fprintln(c.App.ErrWriter, e.Rejection().String())
		}
	}
	return err
}

// matchSummary says how the offers found their market band (see "Bands
// and the headline" in docs/METHOD.md), so a batch where most offers have
// no market band never looks complete:
// "market bands: 2 exact, 1 company_type, 1 reference; 1 of 5 offers have
// no market band". It is "" when the run has no bands.
func matchSummary(counts map[analyzer.BandMatch]int, offers int) string {
	banded := 0
	for _, n := range counts {
		banded += n
	}
	if banded == 0 {
		return ""
	}
	var parts []string
	for _, m := range analyzer.BandMatches {
		if m != analyzer.MatchNone && counts[m] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[m], m))
		}
	}
	s := "market bands: " + strings.Join(parts, ", ")
	if len(parts) == 0 {
		s = "market bands: none matched"
	}
	switch none := counts[analyzer.MatchNone]; {
	case none == 0:
		s += "; every offer has a market band"
	case none == 1 && offers == 1:
		s += "; the offer has no market band"
	default:
		s += fmt.Sprintf("; %d of %d offers have no market band", none, offers)
	}
	return s
}

// bandSpanFlag reads "10-90" as the two percentiles band min and max stand for.
func bandSpanFlag(s string) ([2]decimal.Decimal, error) {
	var span [2]decimal.Decimal
	lo, hi, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return span, usagef("--band-span %q: want two percentiles such as 10-90", s)
	}
	var err1, err2 error
	span[0], err1 = decimal.NewFromString(strings.TrimSpace(lo))
	span[1], err2 = decimal.NewFromString(strings.TrimSpace(hi))
	if err1 != nil || err2 != nil || span[0].IsNegative() || !span[0].LessThan(span[1]) || span[1].GreaterThan(decimal.NewFromInt(100)) {
		return span, usagef("--band-span %q: want two percentiles 0 ≤ low < high ≤ 100, such as 10-90", s)
	}
	return span, nil
}

func bandsCommand() *cli.Command {
	return &cli.Command{
		Name:      "bands",
		Usage:     "show the market bands in use, or export them to edit and feed back with --bands",
		ArgsUsage: "[--from OFFERS... [--min-group N]] [--export FILE]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "bands", Usage: "read bands from `FILE.csv|xlsx` instead of the built-in ones"},
			&cli.StringFlag{Name: "export", Usage: "write the bands to `FILE.csv|xlsx` in the --bands format"},
			&cli.StringSliceFlag{Name: "from", Usage: "build the bands from these offer `FILES` (CSV or XLSX, as analyze reads them; more may follow as arguments): per company, track, level and location, each component's P10–P90"},
			&cli.IntFlag{Name: "min-group", Value: 5, Usage: "with --from, the fewest offers a group needs to give a band (`N`)"},
			&cli.StringFlag{Name: "stock-price", Usage: "with --from, the grant price of rows with rsu_shares and no stock_price (`USD`)"},
			&cli.StringFlag{Name: "levels", Usage: "level equivalences from `FILE.csv|xlsx` instead of the built-in ones (with --from, the band level of each offer)"},
		},
		Action: func(c *cli.Context) error {
			opts := analyzer.DefaultOptions()
			if err := loadMarket(c, &opts); err != nil {
				return err
			}
			bands := opts.Bands.Bands()
			source := opts.BandSource
			if from := append(c.StringSlice("from"), c.Args().Slice()...); len(from) > 0 {
				var err error
				if opts.StockPrice, err = stockPriceFlag(c); err != nil {
					return err
				}
				if bands, source, err = bandsFrom(c, opts, from); err != nil {
					return err
				}
			} else if c.NArg() > 0 {
				return usagef("bands takes no arguments without --from (got %s)", strings.Join(c.Args().Slice(), " "))
			}
			if path := c.String("export"); path != "" {
				if err := refuseOverwrite(c, path, nil); err != nil {
					return err
				}
				write := exporters.WriteBandsCSV
				switch strings.ToLower(filepath.Ext(path)) {
				case ".csv":
				case ".xlsx":
					write = exporters.WriteBandsXLSX
				default:
					return usagef("--export %q: want a .csv or .xlsx file", path)
				}
				if err := exporters.WriteFileAtomic(path, func(w io.Writer) error { return write(w, bands) }); err != nil {
					return err
				}
				fmt.Fprintf(c.App.ErrWriter, "offerbook: wrote %d bands to %s\n", len(bands), path)
				return nil
			}
			tw := tabwriter.NewWriter(c.App.Writer, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "COMPANY TYPE\tCOMPANY\tTRACK\tLEVEL\tLOCATION\tCOMPONENT\tMIN\tMAX\tSOURCE")
			blank := func(s string) string {
				if s == "" {
					return "·"
				}
				return s
			}
			for _, b := range bands {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", blank(b.Key.CompanyType), blank(b.Key.Company),
					blank(b.Key.Track), blank(b.Key.Level), blank(b.Key.Location), b.Component,
					b.Min.StringFixed(0), b.Max.StringFixed(0), b.Source)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "%d bands from %s (· matches any value)\n", len(bands), source)
			return nil
		},
	}
}

func playbookCommand() *cli.Command {
	return &cli.Command{
		Name:  "playbook",
		Usage: "print the lever defaults as YAML, to edit and feed back with --playbook",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "playbook", Usage: "show this `FILE.yaml` merged over the defaults"},
			&cli.StringFlag{Name: "export", Usage: "write to `FILE.yaml` instead of standard output"},
		},
		Action: func(c *cli.Context) error {
			if c.String("playbook") == "" && c.String("export") == "" {
				_, err := c.App.Writer.Write(importers.DefaultPlaybookYAML())
				return err
			}
			if err := refuseOverwrite(c, c.String("export"), nil); err != nil {
				return err
			}
			p := analyzer.DefaultPlaybook()
			if path := c.String("playbook"); path != "" {
				var err error
				if p, err = importers.ReadPlaybook(path); err != nil {
					return fmt.Errorf("--playbook: %w", err)
				}
			}
			if path := c.String("export"); path != "" {
				if c.String("playbook") == "" {
					return exporters.WriteFileAtomic(path, func(w io.Writer) error {
						_, err := w.Write(importers.DefaultPlaybookYAML())
						return err
					})
				}
				return exporters.WriteFileAtomic(path, func(w io.Writer) error { return exporters.WritePlaybookYAML(w, p) })
			}
			return exporters.WritePlaybookYAML(c.App.Writer, p)
		},
	}
}

// bandsFrom builds bands from offer files (bands --from, see
// batch.BandsFrom); rejected rows are listed and left out.
func bandsFrom(c *cli.Context, opts analyzer.Options, from []string) ([]analyzer.Band, string, error) {
	stderr := c.App.ErrWriter
	inputs, err := importers.ExpandWarn(from, func(msg string) { fmt.Fprintln(stderr, "offerbook: warning:", msg) })
	if err != nil {
		return nil, "", err
	}
	if len(inputs) == 0 {
		return nil, "", usagef("--from: no CSV or XLSX files in %s", strings.Join(from, " "))
	}
	minGroup := c.Int("min-group")
	if minGroup < 1 {
		return nil, "", usagef("--min-group %d: want 1 or more offers", minGroup)
	}
	names := make([]string, len(inputs))
	for i, path := range inputs {
		names[i] = filepath.Base(path)
	}
	if len(names) > 3 {
		names = append(names[:3:3], fmt.Sprintf("%d more files", len(names)-3))
	}
	what := strings.Join(names, ", ")
	s, err := batch.BandsFrom(c.Context, opts, inputs, minGroup, what)
	if err != nil {
		return nil, "", err
	}
	console.ListRejections(stderr, s.Rejected)
	fmt.Fprintf(stderr, "offerbook: %s read from %s, %d rejected; %s of %d or more offers give %s",
		counted(s.Offers, "offer", ""), what, len(s.Rejected), counted(s.Groups-s.Skipped, "group", ""), minGroup, counted(len(s.Bands), "band", ""))
	if s.Skipped > 0 {
		fmt.Fprintf(stderr, "; %s smaller than %d left out", counted(s.Skipped, "group", ""), minGroup)
	}
	fmt.Fprintln(stderr)
	return s.Bands, "offers in " + what, nil
}
