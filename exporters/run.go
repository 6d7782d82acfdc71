package exporters

import (
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// ExcelMaxRows is the number of rows one Excel worksheet holds; Summary and
// Errors continue on "Summary (2)", "Errors (2)", … past it.
const ExcelMaxRows = 1_048_576

// DefaultOfferSheets is how many per-offer sheets a workbook gets unless
// --offer-sheets says otherwise (SPEC §6).
const DefaultOfferSheets = 500

// Run describes one analysis run: what went in, with which options, and
// what came out. The exporters render a Run; they never analyze.
type Run struct {
	// Inputs are the input paths as the user gave them.
	Inputs []string
	// Options are the run-wide assumptions every analysis used.
	Options analyzer.Options
	// Analyses are the analysed offers in input order.
	Analyses []analyzer.Analysis
	// Rejected are the input rows that did not become analyses: one entry
	// per bad cell, and one per file rejected whole.
	Rejected []analyzer.Rejection
	// RejectedRows counts the rejected input rows (a row with several bad
	// cells once); zero means len(Rejected).
	RejectedRows int
	// OfferSheets caps the number of per-offer sheets; the first OfferSheets
	// analyses get one, in input order. Zero means none.
	OfferSheets int
	// Generated is the run's time (SOURCE_DATE_EPOCH when set); it becomes
	// the workbook's creation date.
	Generated time.Time
	// Version is offerbook's version, recorded in the workbook.
	Version string
	// BandSource names the market bands used; it may be empty.
	BandSource string
	// RowsPerSheet caps the rows (header included) of the Summary and Errors
	// sheets before they continue on a numbered sheet. Zero means Excel's
	// limit, ExcelMaxRows; tests set a small value.
	RowsPerSheet int
	// TmpDir is where the workbook writer keeps its temporary files
	// (excelize's stream spills, the package being reordered); empty means
	// the system's. The command points it inside the output folder, so a
	// killed run's leftovers are found and removed by the next one.
	TmpDir string
}

// years returns the horizon H of the run's analyses.
func (r *Run) years() int {
	if r.Options.Years > 0 {
		return r.Options.Years
	}
	for _, a := range r.Analyses {
		return len(a.Years)
	}
	return analyzer.DefaultOptions().Years
}

// rowsPerSheet returns the effective row cap of a paged sheet.
func (r *Run) rowsPerSheet() int {
	if r.RowsPerSheet >= 2 && r.RowsPerSheet <= ExcelMaxRows {
		return r.RowsPerSheet
	}
	return ExcelMaxRows
}

// money returns an amount rounded half-even to cents as the float64 a
// numeric cell holds. It is the one place money becomes a float64.
func money(d decimal.Decimal) float64 {
	return d.RoundBank(2).InexactFloat64()
}

// fraction returns a rate (0.15 for 15%) as the float64 a percent-formatted
// cell holds, rounded half-even to 10 places.
func fraction(d decimal.Decimal) float64 {
	return d.RoundBank(10).InexactFloat64()
}

// percentLabel writes a growth rate as a signed whole-percent label,
// "-20%", "0%", "+15%", for headers.
func percentLabel(rate decimal.Decimal) string {
	p := rate.Mul(decimal.NewFromInt(100)).RoundBank(2)
	s := p.String() + "%"
	if p.Sign() > 0 {
		s = "+" + s
	}
	return s
}

// rejectedRows is the number of rejected input rows.
func (r *Run) rejectedRows() int {
	if r.RejectedRows > 0 {
		return r.RejectedRows
	}
	return len(r.Rejected)
}
