package exporters

import (
	"sync"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters/ooxml"
	"github.com/shopspring/decimal"
)

// DefaultOfferSheets is how many per-offer sheets a workbook gets unless
// --offer-sheets says otherwise (see "Sheets" in docs/METHOD.md).
const DefaultOfferSheets = 500

// Run describes one analysis run: what went in, with which options, and
// what came out. The exporters render a Run; they never analyze.
type Run struct {
	// Inputs are the input paths as the user gave them.
	Inputs []string
	// Options are the run-wide assumptions every analysis used.
	Options analyzer.Options
	// Records are the batch's records (analyzer.Reduce) in input order, with
	// their peer percentiles: what every batch-wide sheet and results file
	// reads. When nil, they are reduced from Analyses.
	Records *Records
	// Details are the full analyses of the first offers in input order, the
	// ones that get their own sheet (at least OfferSheets of them, or all
	// when fewer). When nil, they are the first Analyses.
	Details []analyzer.Analysis
	// Ready, when set, is closed once Details and the records' places are
	// set (see Records.PlaceLater): writing starts before, and what needs
	// them waits.
	Ready <-chan struct{}
	// Analyses are the analysed offers in input order, for runs small
	// enough to hold them (tests, one workbook per candidate); a streamed
	// run leaves it nil and sets Records and Details.
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
	// RowsPerSheet caps the rows (header included) of the Summary, Levers
	// and Errors sheets before they continue on a numbered sheet ("Summary
	// (2)", …). Zero means Excel's limit, ooxml.MaxRows; tests set a small
	// value.
	RowsPerSheet int
	// TmpDir is where the workbook writer keeps its temporary files
	// (excelize's stream spills, the package being reordered); empty means
	// the system's. The command points it inside the output folder, so a
	// killed run's leftovers are found and removed by the next one.
	TmpDir string
	// Progress, when set, is told each step of writing: a sheet or file
	// name with rows done of total (total 0 when not counted), and "" when
	// a file is done.
	Progress func(step string, done, total int)

	reduced  *Records    // Records reduced from Analyses
	gathered *batchStats // see stats
}

// reducing guards the records a run reduces from its analyses, which the
// workbook and the results files may ask for at once.
var reducing sync.Mutex

// records returns the run's records.
func (r *Run) records() *Records {
	if r.Records != nil {
		return r.Records
	}
	reducing.Lock()
	defer reducing.Unlock()
	if r.reduced == nil {
		r.reduced = recordsOf(r.Analyses)
	}
	return r.reduced
}

// progress reports a writing step, if anyone listens.
func (r *Run) progress(step string, done, total int) {
	if r.Progress != nil {
		r.Progress(step, done, total)
	}
}

// progressEvery is how many rows pass between two progress reports.
const progressEvery = 1 << 14

// count returns the number of analysed offers.
// waitReady returns once Details are set.
func (r *Run) waitReady() {
	if r.Ready != nil {
		<-r.Ready
	}
}

func (r *Run) count() int { return r.records().Len() }

// detail returns the full analysis of offer i, one of the first ones.
func (r *Run) detail(i int) *analyzer.Analysis {
	r.waitReady()
	if r.Details != nil {
		return &r.Details[i]
	}
	return &r.Analyses[i]
}

// details returns how many offers have a full analysis.
func (r *Run) details() int {
	r.waitReady()
	if r.Details != nil {
		return len(r.Details)
	}
	return len(r.Analyses)
}

// years returns the horizon H of the run's analyses.
func (r *Run) years() int {
	if r.Options.Years > 0 {
		return r.Options.Years
	}
	var years int
	if r.records().Len() > 0 {
		var rec analyzer.Record
		if r.records().AtUnplaced(0, &rec) == nil {
			years = len(rec.Years)
		}
	}
	if years > 0 {
		return years
	}
	return analyzer.DefaultOptions().Years
}

// rowsPerSheet returns the effective row cap of a paged sheet.
func (r *Run) rowsPerSheet() int {
	if r.RowsPerSheet >= 2 && r.RowsPerSheet <= ooxml.MaxRows {
		return r.RowsPerSheet
	}
	return ooxml.MaxRows
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
