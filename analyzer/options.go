package analyzer

import "github.com/shopspring/decimal"

// Options are the run-wide assumptions of an analysis (SPEC §3). The zero
// value is not useful; start from DefaultOptions.
type Options struct {
	// Years is the horizon H, the number of offer years totalled.
	Years int
	// StockGrowth is the yearly stock-price growth g as a fraction (0.10).
	StockGrowth decimal.Decimal
	// Raise is the yearly base raise as a fraction.
	Raise decimal.Decimal
	// StockPrice is the grant price used for offers that give rsu_shares
	// without a stock_price.
	StockPrice decimal.NullDecimal
	// Scenarios are extra growth rates (fractions) at which the H-year total
	// is reported beside the main one.
	Scenarios []decimal.Decimal
}

// DefaultOptions returns the one set of defaults the command line and the
// tests start from: four years, no stock growth, no raises, no scenarios.
func DefaultOptions() Options {
	return Options{Years: 4}
}
