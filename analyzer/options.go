package analyzer

import (
	"time"

	"github.com/shopspring/decimal"
)

// Options are the run-wide assumptions of an analysis (see "The arithmetic"
// and "Market position" in docs/METHOD.md). The zero
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
	// Levels map levels at other companies to the Amazon ladder the bands
	// use (see "Levels" in docs/METHOD.md); nil looks every offer up at its own level.
	Levels *LevelTable
	// LevelSource says where the level equivalences came from.
	LevelSource string
	// Differentials scale a reference band's annual total comp for a
	// company paying more or less than the reference company (see
	// docs/METHOD.md, "Market position"); nil compares unadjusted.
	// DifferentialSource says where they came from.
	Differentials      *DifferentialTable
	DifferentialSource string
	// Premiums are the AI/ML premiums applied to offers with a specialization.
	Premiums []Premium
	// BandSpan is the pair of percentiles the band min and max stand for
	// (10 and 90 by default).
	BandSpan [2]decimal.Decimal
	// MinPeers is the smallest peer group that gets peer percentiles.
	MinPeers int

	// Playbook holds the lever defaults, base caps and flag thresholds.
	Playbook *Playbook
	// Target is the headline percentile the counter-offer aims for.
	Target decimal.Decimal
	// AsOf is the date the offers are judged on (weeks to start for the
	// start-date lever); the command line sets today. Zero leaves the
	// leverage class unknown.
	AsOf time.Time
	// Levers turns on the lever table and the counter-offer.
	Levers bool
	// EmailDrafts keeps each brief analysis's email draft (Analysis.Draft),
	// for outputs that write every offer's email (results.json).
	EmailDrafts bool

	// Tax are the tax tables of the after-tax estimate; nil skips it (the
	// command line always loads the embedded default or --tax). TaxSource
	// says where they came from; FilingStatus is the filing status of
	// offers that give none (single by default).
	Tax          *TaxTables
	TaxSource    string
	FilingStatus FilingStatus

	// PrivateEquityValue is the price a private grant counts at in the year
	// tables, the headline and the market comparison (preferred when blank).
	PrivateEquityValue PrivateValue
	// ExitMultiples are the exit prices, as multiples of the preferred
	// price, a private grant is valued at beside the year table; Dilution
	// (a fraction) is the ownership lost per future round, RoundsToExit the
	// rounds before the exit.
	ExitMultiples []decimal.Decimal
	Dilution      decimal.Decimal
	RoundsToExit  int
	// Retirement are the legal limits total rewards apply; nil applies none.
	Retirement *RetirementLimits

	// DecimalOnly works every figure out in decimal, never on the
	// fixed-point path of brief analyses (see Money): the two give the
	// same figures, and this is how to compare their outputs.
	DecimalOnly bool
}

// DefaultOptions returns the one set of defaults the command line and the
// tests start from: four years, no stock growth, no raises, no scenarios,
// bands read as P10–P90, peer groups of five or more, the guides' playbook,
// levers on and a counter-offer aiming at P75.
func DefaultOptions() Options {
	return Options{
		Years:    4,
		BandSpan: [2]decimal.Decimal{decimal.NewFromInt(10), decimal.NewFromInt(90)},
		MinPeers: 5,
		Playbook: DefaultPlaybook(),
		Target:   decimal.NewFromInt(75),
		Levers:   true,

		FilingStatus: FilingSingle,

		PrivateEquityValue: PrivateValuePreferred,
		ExitMultiples:      []decimal.Decimal{decimal.Zero, one, decimal.NewFromInt(3)},
	}
}
