package importers

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// ErrInvalidTaxRow means a tax table row has an unknown jurisdiction,
// filing status or kind, or an impossible figure.
var ErrInvalidTaxRow = errors.New("invalid tax table row")

// DefaultTaxSource names the built-in tax tables in reports.
const DefaultTaxSource = "built-in 2026 tax tables (federal, FICA, CA, NY, NYC, WA, TX)"

// TaxYear is the tax year of the built-in tables.
const TaxYear = 2026

//go:embed defaults/tax-2026.csv
var taxCSV []byte

// defaultTaxName is the file name positions in the built-in tax tables use.
const defaultTaxName = "tax-2026.csv"

// DefaultTax returns the built-in 2026 tax tables (see "After tax" in docs/METHOD.md):
// the embedded copy of the shared tax-2026.csv, plus the NYC school credit's
// fixed married-filing-jointly amount ($125) that the shared table gives
// only in a note.
func DefaultTax() (*analyzer.TaxTables, error) {
	rows, rerrs, err := ReadTaxCSV(context.Background(), bytes.NewReader(taxCSV), defaultTaxName)
	if err != nil {
		return nil, err
	}
	if len(rerrs) > 0 {
		return nil, joinRowErrors(rerrs)
	}
	return analyzer.NewTaxTables(rows)
}

// Tax file columns.
const (
	taxSource = iota
	taxConfidence
	taxJurisdiction
	taxStatus
	taxKind
	taxLower
	taxUpper
	taxRate
	taxAmount
	taxNote
)

// taxTable describes a tax file: the columns of tax-2026.csv.
var taxTable = newTableSpec("source, confidence, jurisdiction, filing_status, kind, lower, upper, rate, amount, note", []tableColumn{
	taxSource:       {name: "source", aliases: sourceAliases},
	taxConfidence:   {name: "confidence", aliases: []string{"certainty", "quality"}},
	taxJurisdiction: {name: "jurisdiction", aliases: []string{"state", "authority", "juris"}, required: true},
	taxStatus:       {name: "filing_status", aliases: []string{"status", "filing", "filingstatus"}, required: true},
	taxKind:         {name: "kind", aliases: []string{"type", "rule", "item"}, required: true},
	taxLower:        {name: "lower", aliases: []string{"lowerbound", "over", "min", "bracketfrom"}, numeric: true},
	taxUpper:        {name: "upper", aliases: []string{"to", "upperbound", "upto", "max", "cap"}, numeric: true},
	taxRate:         {name: "rate", aliases: []string{"taxrate", "pct"}, numeric: true},
	taxAmount:       {name: "amount", aliases: []string{"value", "dollars"}, numeric: true},
	taxNote:         {name: "note", aliases: []string{"notes", "comment", "comments"}},
})

// ReadTax reads a tax table file, CSV or XLSX as ReadBands does, in the
// columns of the built-in tables: source, confidence, jurisdiction,
// filing_status, kind, lower, upper, rate, amount, note; and builds the
// rules from its good rows. Bad rows are returned as *RowError, as
// ReadBandsCSV does; the caller decides whether to go on.
func ReadTax(ctx context.Context, path string, opts Options) (*analyzer.TaxTables, []*RowError, error) {
	var c taxConverter
	rerrs, err := readTableFile(ctx, path, opts, taxTable, c.convert)
	if err != nil || len(rerrs) > 0 {
		return nil, rerrs, err
	}
	t, err := analyzer.NewTaxTables(c.rows)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil, nil
}

// ReadTaxCSV reads tax table rows from CSV text; name is the file name used
// in positions. jurisdiction, filing_status and kind are required columns
// and must hold a known value (US, US-FICA, CA, NY, NYC, WA, TX; single,
// mfj, all; bracket, standard_deduction, threshold, payroll_rate,
// wage_base, surcharge, credit): another value is a *RowError listing the
// known ones. lower, upper and amount are read by ParseMoney and rate by
// ParseNumber (a fraction: 0.062); each may be blank.
func ReadTaxCSV(ctx context.Context, r io.Reader, name string) ([]analyzer.TaxRow, []*RowError, error) {
	var c taxConverter
	rerrs, err := readTableCSV(ctx, r, name, taxTable, c.convert)
	return c.rows, rerrs, err
}

// taxConverter collects the rows of one tax file.
type taxConverter struct{ rows []analyzer.TaxRow }

func (c *taxConverter) convert(r *tableRow) *RowError {
	x := analyzer.TaxRow{Source: r.source(taxSource), Confidence: r.text(taxConfidence), Note: r.text(taxNote)}
	for _, f := range []struct {
		col   int
		dst   *string
		known []string
		what  string
	}{
		{taxJurisdiction, &x.Jurisdiction, analyzer.TaxJurisdictions, "jurisdiction"},
		{taxStatus, &x.Status, analyzer.TaxStatuses, "filing status"},
		{taxKind, &x.Kind, analyzer.TaxKinds, "kind"},
	} {
		v := r.text(f.col)
		if v == "" {
			return r.fail(f.col, ErrMissingValue)
		}
		match := ""
		for _, k := range f.known {
			if strings.EqualFold(k, v) {
				match = k
			}
		}
		if match == "" {
			return r.fail(f.col, fmt.Errorf("%w: unknown %s %q (want one of %s)", ErrInvalidTaxRow, f.what, v, strings.Join(f.known, ", ")))
		}
		*f.dst = match
	}
	for _, f := range []struct {
		col  int
		dst  *decimal.NullDecimal
		rate bool
	}{{taxLower, &x.Lower, false}, {taxUpper, &x.Upper, false}, {taxRate, &x.Rate, true}, {taxAmount, &x.Amount, false}} {
		if r.text(f.col) == "" {
			continue
		}
		t, rerr := r.number(f.col)
		if rerr != nil {
			return rerr
		}
		var d decimal.Decimal
		var err error
		if f.rate {
			d, err = ParseNumber(t, r.l.european)
		} else {
			d, err = ParseMoney(t, r.l.european)
		}
		if err != nil {
			return r.fail(f.col, err)
		}
		if d.IsNegative() {
			return r.fail(f.col, fmt.Errorf("%w: %q is negative", ErrInvalidTaxRow, t))
		}
		*f.dst = decimal.NewNullDecimal(d)
	}
	if x.Kind == "bracket" && (!x.Lower.Valid || !x.Rate.Valid) {
		col := taxLower
		if x.Lower.Valid {
			col = taxRate
		}
		return r.fail(col, fmt.Errorf("%w: a bracket needs lower and rate", ErrMissingValue))
	}
	if x.Rate.Valid && x.Rate.Decimal.GreaterThan(decimal.NewFromInt(1)) {
		return r.fail(taxRate, fmt.Errorf("%w: rate %s is above 1 (write 6.2%% as 0.062)", ErrInvalidTaxRow, x.Rate.Decimal))
	}
	c.rows = append(c.rows, x)
	return nil
}

// taxResidence parses the tax_residence column (WA, CA, NY, NYC, TX).
func taxResidence(o *analyzer.Offer, v string, _ bool) error {
	r, err := analyzer.ParseResidence(v)
	o.TaxResidence = r
	return err
}

// filingStatus parses the filing_status column (single, mfj).
func filingStatus(o *analyzer.Offer, v string, _ bool) error {
	fs, err := analyzer.ParseFilingStatus(v)
	o.FilingStatus = fs
	return err
}

func init() {
	textColumn[columnIndex[colTaxResidence]] = true
	textColumn[columnIndex[colFilingStatus]] = true
}
