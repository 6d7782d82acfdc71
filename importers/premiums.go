package importers

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// DefaultPremiumSource names the built-in AI/ML premiums in reports; each
// row names the guide it comes from.
const DefaultPremiumSource = "built-in AI/ML premiums (each row names the guide it comes from)"

//go:embed defaults/ai-ml-premiums.csv
var premiumsCSV []byte

// defaultPremiumsName is the file name positions in the built-in premiums use.
const defaultPremiumsName = "ai-ml-premiums.csv"

// DefaultPremiums returns the built-in AI/ML premiums (see "Bands and the headline" in docs/METHOD.md), the
// embedded copy of the project's ai-ml-premiums.csv, in file order. Every
// call returns a new slice.
func DefaultPremiums() ([]analyzer.Premium, error) {
	var c premiumConverter
	rerrs, err := readTableCSV(context.Background(), bytes.NewReader(premiumsCSV), defaultPremiumsName, premiumTable, c.convert)
	if err != nil {
		return nil, err
	}
	if len(rerrs) > 0 {
		return nil, joinRowErrors(rerrs)
	}
	return c.premiums, nil
}

// Premium file columns.
const (
	premSource = iota
	premKind
	premLevel
	premLocation
	premCategory
	premMinPct
	premMaxPct
)

// premiumTable describes a premium file: the columns of ai-ml-premiums.csv.
var premiumTable = newTableSpec("source, kind, level, location, category, min_pct, max_pct", []tableColumn{
	premSource:   {name: "source", aliases: sourceAliases},
	premKind:     {name: "kind", aliases: []string{"type", "premiumkind", "premiumtype"}, required: true},
	premLevel:    {name: colLevel, aliases: columnAliases[colLevel], required: true},
	premLocation: {name: colLocation, aliases: columnAliases[colLocation]},
	premCategory: {name: "category", aliases: []string{"specialization", "specialisation", "specialty", "speciality", "companytype"}},
	premMinPct:   {name: "min_pct", aliases: []string{"min", "minimum", "low", "minpremium"}, required: true, numeric: true},
	premMaxPct:   {name: "max_pct", aliases: []string{"max", "maximum", "high", "maxpremium"}, required: true, numeric: true},
})

// maxPremiumPoints bounds a premium, as ParsePercent bounds a bonus: 1000%.
var maxPremiumPoints = decimal.NewFromInt(1000)

// ReadPremiums reads an AI/ML premium file, CSV or XLSX as ReadBands does,
// in the columns of the built-in premiums: source, kind, level, location,
// category, min_pct, max_pct. kind, level, min_pct and max_pct are required
// columns. kind is specialization (category is the specialization),
// ai_ml_location (location is required) or ai_ml_company_type (category is
// the company type).
//
// min_pct and max_pct are percent points, as in the shipped file: "15" and
// "15%" both mean 15%. Unlike ParsePercent, a value of 1 or less is not
// taken as a fraction, so "0.5" is half a percent. Values must be between 0
// and 1000; errors wrap ErrInvalidPercent.
//
// Each bad row gives a *RowError (an unknown kind wraps
// analyzer.ErrUnknownPremiumKind, min_pct above max_pct wraps
// analyzer.ErrBandRange on the min_pct column) and the good rows are
// returned all the same, as ReadBandsCSV does.
func ReadPremiums(ctx context.Context, path string, opts Options) ([]analyzer.Premium, []*RowError, error) {
	var c premiumConverter
	rerrs, err := readTableFile(ctx, path, opts, premiumTable, c.convert)
	return c.premiums, rerrs, err
}

// premiumConverter collects the premiums of one file.
type premiumConverter struct{ premiums []analyzer.Premium }

func (c *premiumConverter) convert(r *tableRow) *RowError {
	kind := r.text(premKind)
	if kind == "" {
		return r.fail(premKind, ErrMissingValue)
	}
	p := analyzer.Premium{
		Kind:     analyzer.PremiumKind(componentName(kind)),
		Level:    analyzer.CanonicalLevel(r.text(premLevel)),
		Location: analyzer.CanonicalLocation(r.text(premLocation)),
		Category: r.text(premCategory),
		Source:   r.source(premSource),
	}
	if err := (analyzer.Premium{Kind: p.Kind}).Validate(); err != nil {
		return r.fail(premKind, err)
	}
	if p.Level == "" {
		return r.fail(premLevel, ErrMissingValue)
	}
	switch {
	case p.Kind == analyzer.PremiumLocation && p.Location == "":
		return r.fail(premLocation, fmt.Errorf("%w (an %s row needs a location)", ErrMissingValue, p.Kind))
	case p.Kind != analyzer.PremiumLocation && p.Category == "":
		return r.fail(premCategory, fmt.Errorf("%w (a %s row needs a category)", ErrMissingValue, p.Kind))
	}
	var rerr *RowError
	if p.MinPct, rerr = r.points(premMinPct); rerr != nil {
		return rerr
	}
	if p.MaxPct, rerr = r.points(premMaxPct); rerr != nil {
		return rerr
	}
	if err := p.Validate(); err != nil {
		return r.fail(premMinPct, err)
	}
	c.premiums = append(c.premiums, p)
	return nil
}

// points reads numeric column i as percent points: "15", "15%", "12,5 %"
// in a semicolon file. A value of 1 or less is not a fraction here.
func (r *tableRow) points(i int) (decimal.Decimal, *RowError) {
	t, rerr := r.number(i)
	if rerr != nil {
		return decimal.Zero, rerr
	}
	lower := strings.ToLower(t)
	for _, suffix := range []string{"%", "pct", "percent"} {
		if strings.HasSuffix(lower, suffix) {
			t = trim(t[:len(t)-len(suffix)])
			break
		}
	}
	d, err := ParseNumber(t, r.l.european)
	switch {
	case err != nil || t == "":
		return decimal.Zero, r.fail(i, fmt.Errorf("%w %q (percent points, as 15 or 15%%)", ErrInvalidPercent, r.text(i)))
	case d.IsNegative():
		return decimal.Zero, r.fail(i, fmt.Errorf("%w %q (negative)", ErrInvalidPercent, r.text(i)))
	case d.GreaterThan(maxPremiumPoints):
		return decimal.Zero, r.fail(i, fmt.Errorf("%w %q (out of range)", ErrInvalidPercent, r.text(i)))
	}
	return d, nil
}
