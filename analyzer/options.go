package analyzer

import "github.com/shopspring/decimal"

// Options are the run-wide assumptions of an analysis (SPEC §3–4). The zero
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

	// Bands are the market bands; nil skips the market analysis (the
	// command line always loads the embedded default or --bands).
	Bands *BandTable
	// BandSource says where the bands came from, for the workbook.
	BandSource string
	// Premiums are the AI/ML premiums applied to offers with a specialization.
	Premiums []Premium
	// BandSpan is the pair of percentiles the band min and max stand for
	// (10 and 90 by default).
	BandSpan [2]decimal.Decimal
	// BaseCaps is the most base a level pays (seed 000: L6 220,000, L7
	// 350,000); a base above it is flagged BASE_ABOVE_CAP.
	BaseCaps map[string]decimal.Decimal
	// MinPeers is the smallest peer group that gets peer percentiles.
	MinPeers int
}

// DefaultOptions returns the one set of defaults the command line and the
// tests start from: four years, no stock growth, no raises, no scenarios,
// bands read as P10–P90, seed 000's base caps, peer groups of five or more.
func DefaultOptions() Options {
	return Options{
		Years:    4,
		BandSpan: [2]decimal.Decimal{decimal.NewFromInt(10), decimal.NewFromInt(90)},
		BaseCaps: map[string]decimal.Decimal{"L6": decimal.NewFromInt(220000), "L7": decimal.NewFromInt(350000)},
		MinPeers: 5,
	}
}
