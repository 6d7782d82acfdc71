package main

import (
	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/cmd/internal/tables"
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
func loadTax(c *cli.Context, opts *analyzer.Options) error {
	fs, err := analyzer.ParseFilingStatus(c.String("filing-status"))
	if err != nil {
		return usagef("--filing-status %q: want single or mfj (married filing jointly)", c.String("filing-status"))
	}
	opts.FilingStatus = fs
	return listBadRows(c, tables.Tax(c.Context, c.String("tax"), opts))
}
