package importers

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// DefaultDifferentialSource names the built-in company differentials in
// reports; each row names the document it comes from.
const DefaultDifferentialSource = "built-in company differentials (each row names its source)"

//go:embed defaults/company-differentials.csv
var differentialsCSV []byte

// defaultDifferentialsName is the file name positions in the built-in
// differentials use.
const defaultDifferentialsName = "company-differentials.csv"

// Company-differential file columns.
const (
	diffSource = iota
	diffCompany
	diffReference
	diffFactorMin
	diffFactorMax
	diffNote
)

// differentialTable describes a company-differentials file: the columns of
// company-differentials.csv.
var differentialTable = newStrictTableSpec("source, company, reference_company, factor_min, factor_max, note", []tableColumn{
	diffSource:    {name: "source", aliases: sourceAliases},
	diffCompany:   {name: colCompany, aliases: []string{"employer", "companyname"}, required: true},
	diffReference: {name: "reference_company", aliases: []string{"referencecompany", "relativeto", "versus", "vs"}, required: true},
	diffFactorMin: {name: "factor_min", aliases: []string{"min", "minfactor", "low"}, required: true},
	diffFactorMax: {name: "factor_max", aliases: []string{"max", "maxfactor", "high"}, required: true},
	diffNote:      {name: "note", aliases: []string{"notes", "comment", "quote"}},
})

// DefaultDifferentials returns the built-in company differentials, the
// embedded copy of the project's company-differentials.csv, in file order.
// Every call returns a new slice.
func DefaultDifferentials() ([]analyzer.Differential, error) {
	rows, rerrs, err := ReadDifferentialsCSV(context.Background(), bytes.NewReader(differentialsCSV), defaultDifferentialsName)
	if err != nil {
		return nil, err
	}
	if len(rerrs) > 0 {
		return nil, joinRowErrors(rerrs)
	}
	return rows, nil
}

// ReadDifferentials reads a company-differentials file, CSV or XLSX as
// ReadBands does, in the columns of the built-in table: source, company,
// reference_company, factor_min, factor_max, note. A factor is annual total
// comp relative to the reference company (1.10 = 10% more). Each bad row
// gives a *RowError and the good rows are returned all the same.
func ReadDifferentials(ctx context.Context, path string, opts Options) ([]analyzer.Differential, []*RowError, error) {
	var c differentialConverter
	rerrs, err := readTableFile(ctx, path, opts, differentialTable, c.convert)
	return c.rows, rerrs, err
}

// ReadDifferentialsCSV reads company differentials from CSV text; name is
// the file name used in positions and as the source of rows without one.
func ReadDifferentialsCSV(ctx context.Context, r io.Reader, name string) ([]analyzer.Differential, []*RowError, error) {
	var c differentialConverter
	rerrs, err := readTableCSV(ctx, r, name, differentialTable, c.convert)
	return c.rows, rerrs, err
}

// differentialConverter collects the differentials of one file.
type differentialConverter struct{ rows []analyzer.Differential }

func (c *differentialConverter) convert(r *tableRow) *RowError {
	for _, i := range []int{diffCompany, diffReference} {
		if r.text(i) == "" {
			return r.fail(i, ErrMissingValue)
		}
	}
	var f [2]decimal.Decimal
	for k, i := range []int{diffFactorMin, diffFactorMax} {
		t, rerr := r.number(i)
		if rerr != nil {
			return rerr
		}
		d, err := decimal.NewFromString(t)
		if err != nil || !d.IsPositive() {
			return r.fail(i, fmt.Errorf("%w: want a positive factor such as 1.10", ErrInvalidAmount))
		}
		f[k] = d
	}
	d := analyzer.Differential{Company: r.text(diffCompany), ReferenceCompany: r.text(diffReference),
		FactorMin: f[0], FactorMax: f[1], Source: r.source(diffSource), Note: r.text(diffNote)}
	if err := d.Validate(); err != nil {
		return r.fail(diffFactorMax, err)
	}
	c.rows = append(c.rows, d)
	return nil
}
