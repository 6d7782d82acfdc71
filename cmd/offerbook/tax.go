package main

import (
	"context"
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/urfave/cli/v2"
)

// taxFlags are the flags of the after-tax estimate.
func taxFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "tax", Usage: "tax tables from `FILE.csv|xlsx` (the columns of the built-in 2026 tables) instead of the built-in ones"},
		&cli.StringFlag{Name: "filing-status", Usage: "filing status of offers without a filing_status: `single` or mfj (married filing jointly)",
			Value: string(analyzer.DefaultOptions().FilingStatus)},
	}
}

// loadTax fills the tax tables and the default filing status of opts from
// the flags (or the built-in 2026 tables). Bad rows in a --tax file are
// listed and stop the run, as bad rows in --bands do.
func loadTax(ctx context.Context, c *cli.Context, opts *analyzer.Options) error {
	fs, err := analyzer.ParseFilingStatus(c.String("filing-status"))
	if err != nil {
		return usagef("--filing-status %q: want single or mfj (married filing jointly)", c.String("filing-status"))
	}
	opts.FilingStatus = fs
	if path := c.String("tax"); path != "" {
		tax, bad, err := importers.ReadTax(ctx, path, importers.Options{})
		if err != nil {
			return fmt.Errorf("--tax %s: %w", path, err)
		}
		if len(bad) > 0 {
			for _, e := range bad {
				fmt.Fprintln(c.App.ErrWriter, e.Rejection().String())
			}
			return fmt.Errorf("--tax %s: %d bad rows in the tax tables (listed above); nothing was analyzed", path, len(bad))
		}
		opts.Tax, opts.TaxSource = tax, path
		return nil
	}
	if opts.Tax, err = importers.DefaultTax(); err != nil {
		return err
	}
	opts.TaxSource = importers.DefaultTaxSource
	return nil
}
