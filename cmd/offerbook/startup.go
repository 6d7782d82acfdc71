package main

import (
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"
)

// startupFlags are the flags of private (startup) equity valuation.
func startupFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "private-equity-value", Usage: "price private equity counts at in the year tables and the market comparison: `409a|preferred|zero`", Value: string(analyzer.PrivateValuePreferred)},
		&cli.StringFlag{Name: "exit-multiples", Usage: "exit prices as multiples of the last preferred price, e.g. `0,1,3`", Value: "0,1,3"},
		&cli.StringFlag{Name: "dilution", Usage: "ownership lost per future funding round in `PERCENT`", Value: "0"},
		&cli.IntFlag{Name: "rounds-to-exit", Usage: "funding rounds before the exit, `N`", Value: 0},
	}
}

// startupOptions reads the startup equity flags into opts and loads the
// built-in retirement limits total rewards apply.
func startupOptions(c *cli.Context, opts *analyzer.Options) error {
	v, err := analyzer.ParsePrivateValue(c.String("private-equity-value"))
	if err != nil {
		return usagef("--private-equity-value %q: want 409a, preferred or zero", c.String("private-equity-value"))
	}
	opts.PrivateEquityValue = v
	opts.ExitMultiples = nil
	for _, part := range strings.Split(c.String("exit-multiples"), ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		m, err := decimal.NewFromString(strings.TrimSuffix(strings.TrimSpace(strings.ToLower(part)), "x"))
		if err != nil || m.IsNegative() || m.GreaterThan(decimal.NewFromInt(1000)) {
			return usagef("--exit-multiples %q: want multiples of the preferred price from 0 to 1000, such as 0,1,3", part)
		}
		opts.ExitMultiples = append(opts.ExitMultiples, m)
	}
	if opts.Dilution, err = percentFlag("dilution", c.String("dilution")); err != nil {
		return err
	}
	if opts.Dilution.IsNegative() || !opts.Dilution.LessThan(decimal.NewFromInt(1)) {
		return usagef("--dilution %q: want a percentage from 0 to below 100, such as 20", c.String("dilution"))
	}
	if opts.RoundsToExit = c.Int("rounds-to-exit"); opts.RoundsToExit < 0 || opts.RoundsToExit > 20 {
		return usagef("--rounds-to-exit %d: want 0 to 20", opts.RoundsToExit)
	}
	opts.Retirement, err = importers.DefaultRetirementLimits()
	return err
}
