package analyzer

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// PremiumKind says what an AI/ML premium row is keyed on.
type PremiumKind string

// The premium kinds of ../shared/data/ai-ml-premiums.csv.
const (
	PremiumSpecialization PremiumKind = "specialization"     // level + specialization category
	PremiumLocation       PremiumKind = "ai_ml_location"     // level + location
	PremiumCompanyType    PremiumKind = "ai_ml_company_type" // level + company type (in Category)
)

// ErrUnknownPremiumKind means a premium row's kind is not one of the three.
var ErrUnknownPremiumKind = errors.New("unknown premium kind")

// Premium is one AI/ML premium row: bands of an offer with a specialization
// scale to [min × (1+MinPct/100), max × (1+MaxPct/100)], base excepted.
type Premium struct {
	Kind     PremiumKind
	Level    string
	Location string
	// Category is the specialization for PremiumSpecialization rows and the
	// company type for PremiumCompanyType rows.
	Category       string
	MinPct, MaxPct decimal.Decimal
	Source         string
}

// Validate checks the kind and that the percentages are not negative and
// in order.
func (p Premium) Validate() error {
	switch p.Kind {
	case PremiumSpecialization, PremiumLocation, PremiumCompanyType:
	default:
		return fmt.Errorf("%w %q (want specialization, ai_ml_location or ai_ml_company_type)", ErrUnknownPremiumKind, p.Kind)
	}
	if p.MinPct.IsNegative() || p.MaxPct.LessThan(p.MinPct) {
		return fmt.Errorf("%w (min_pct %s, max_pct %s)", ErrBandRange, p.MinPct, p.MaxPct)
	}
	return nil
}

// String describes the premium as "Generative AI/LLMs L6 +30–50%".
func (p Premium) String() string {
	what := p.Category
	if p.Kind == PremiumLocation {
		what = p.Location
	}
	return fmt.Sprintf("%s %s +%s–%s%%", what, p.Level, p.MinPct, p.MaxPct)
}

// Scale applies the premium to a band range.
func (p Premium) Scale(min, max decimal.Decimal) (decimal.Decimal, decimal.Decimal) {
	return min.Mul(one.Add(p.MinPct.Shift(-2))), max.Mul(one.Add(p.MaxPct.Shift(-2)))
}

// ChoosePremium picks the AI/ML premium for an offer with a specialization:
// the specialization's own row for the offer's level, else the location
// premium for level and location, else the company-type premium; a later row
// wins a tie. Offers without a specialization get none.
func ChoosePremium(premiums []Premium, o *Offer, key BandKey) (Premium, bool) {
	if o.Specialization == "" {
		return Premium{}, false
	}
	level := fold(CanonicalLevel(key.Level))
	order := []struct {
		kind PremiumKind
		want string
		of   func(Premium) string
	}{
		{PremiumSpecialization, fold(o.Specialization), func(p Premium) string { return p.Category }},
		{PremiumLocation, fold(CanonicalLocation(key.Location)), func(p Premium) string { return CanonicalLocation(p.Location) }},
		{PremiumCompanyType, fold(key.CompanyType), func(p Premium) string { return p.Category }},
	}
	for _, o := range order {
		found, ok := Premium{}, false
		for _, p := range premiums {
			if p.Kind == o.kind && fold(CanonicalLevel(p.Level)) == level && o.want != "" && fold(o.of(p)) == o.want {
				found, ok = p, true
			}
		}
		if ok {
			return found, true
		}
	}
	return Premium{}, false
}
