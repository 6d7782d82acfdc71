package analyzer

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Score is a weighted score out of Max with its reading (see "Scores" in docs/METHOD.md).
type Score struct {
	Value          decimal.Decimal
	Max            decimal.Decimal
	Interpretation string
}

// riskWeights are the risk matrix's weights in percent: team
// stability 20, manager quality 25, growth potential 20, work-life balance
// 15, tech stack interest 10, location flexibility 10.
var riskWeights = []int64{20, 25, 20, 15, 10, 10}

// decisionWeights are the 48-hour decision matrix's weights: comp
// meets needs 4, team excitement 3, growth opportunities 3, manager rapport
// 2, work-life balance acceptable 2, location options 1.
var decisionWeights = []int64{4, 3, 3, 2, 2, 1}

func (r RiskScores) values() []decimal.NullDecimal {
	return []decimal.NullDecimal{r.TeamStability, r.ManagerQuality, r.GrowthPotential, r.WorkLifeBalance,
		r.TechStackInterest, r.LocationFlexibility}
}

func (d DecisionScores) values() []decimal.NullDecimal {
	return []decimal.NullDecimal{d.CompMeetsNeeds, d.TeamExcitement, d.GrowthOpportunities, d.ManagerRapport,
		d.WLBAcceptable, d.LocationOptions}
}

// weighted sums weight × value; ok is false unless every value is present.
func weighted(values []decimal.NullDecimal, weights []int64) (decimal.Decimal, bool) {
	sum := decimal.Zero
	for i, v := range values {
		if !v.Valid {
			return decimal.Zero, false
		}
		sum = sum.Add(v.Decimal.Mul(decimal.NewFromInt(weights[i])))
	}
	return sum, true
}

// RiskScore is the risk matrix (see "The risk matrix" in docs/METHOD.md): the six 1–10 scores weighted
// 20/25/20/15/10/10 percent, out of 10: 8–10 low risk, 6–8 moderate, below
// 6 high. ok is false unless all six scores are given.
func RiskScore(r RiskScores) (Score, bool) {
	sum, ok := weighted(r.values(), riskWeights)
	if !ok {
		return Score{}, false
	}
	v := sum.Shift(-2)
	s := Score{Value: v, Max: decimal.NewFromInt(10)}
	switch {
	case v.GreaterThanOrEqual(decimal.NewFromInt(8)):
		s.Interpretation = "low risk, strong offer"
	case v.GreaterThanOrEqual(decimal.NewFromInt(6)):
		s.Interpretation = "moderate risk, negotiate for higher comp"
	default:
		s.Interpretation = "high risk: consider walking away or a significant premium"
	}
	return s, true
}

// DecisionScore is the 48-hour decision matrix (see "The 48-hour decision
// matrix" in docs/METHOD.md): the six 1–5 scores
// weighted 4/3/3/2/2/1, out of 75: 60–75 strong accept, 45–59 accept with
// reservations, 30–44 negotiate or decline, below 30 decline.
func DecisionScore(d DecisionScores) (Score, bool) {
	v, ok := weighted(d.values(), decisionWeights)
	if !ok {
		return Score{}, false
	}
	s := Score{Value: v, Max: decimal.NewFromInt(75)}
	switch {
	case v.GreaterThanOrEqual(decimal.NewFromInt(60)):
		s.Interpretation = "strong accept"
	case v.GreaterThanOrEqual(decimal.NewFromInt(45)):
		s.Interpretation = "accept with reservations"
	case v.GreaterThanOrEqual(decimal.NewFromInt(30)):
		s.Interpretation = "negotiate or decline"
	default:
		s.Interpretation = "decline"
	}
	return s, true
}

// WalkAway returns the offer's walk-away floor: the floor column, else
// current_tc + col_adjustment + risk_premium + growth_value (the minimum
// acceptable package; see "The walk-away floor" in docs/METHOD.md), else none.
func WalkAway(o *Offer) decimal.NullDecimal {
	if o.Floor.Valid {
		return o.Floor
	}
	if !o.CurrentTC.Valid {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(o.CurrentTC.Decimal.Add(o.ColAdjustment).Add(o.RiskPremium).Add(o.GrowthValue))
}

// comparisonFlags finds BELOW_FLOOR, BELOW_COMPARATOR and
// NO_SIGN_ON_WITH_UNVESTED, and fills the comparator gap per year.
func comparisonFlags(a *Analysis) []Flag {
	var flags []Flag
	o := a.Offer
	if a.Floor.Valid && a.Average.LessThan(a.Floor.Decimal) {
		flags = append(flags, Flag{FlagBelowFloor, SeverityCritical, fmt.Sprintf(
			"The %d-year average %s is below your walk-away floor of %s.", len(a.Years), Dollars(a.Average), Dollars(a.Floor.Decimal))})
	}
	if o.CompetingTC.Valid {
		a.ComparatorGap = comparatorGap(a)
		if a.Average.LessThan(o.CompetingTC.Decimal) {
			who := o.CompetingCompany
			if who == "" {
				who = "the competing offer"
			}
			flags = append(flags, Flag{FlagBelowComparator, SeverityWarning, fmt.Sprintf(
				"The %d-year average %s is %s below %s (%s a year).", len(a.Years), Dollars(a.Average),
				Dollars(o.CompetingTC.Decimal.Sub(a.Average)), who, Dollars(o.CompetingTC.Decimal))})
		}
	}
	if o.UnvestedEquity.Valid && o.UnvestedEquity.Decimal.IsPositive() && o.SignOnY1.Add(o.SignOnY2).IsZero() {
		flags = append(flags, Flag{FlagNoSignOnWithUnvested, SeverityWarning, fmt.Sprintf(
			"No sign-on despite %s of unvested equity left behind: ask for a sign-on to offset it.", Dollars(o.UnvestedEquity.Decimal))})
	}
	return flags
}

// comparatorGap is total_t − competing_tc per year, nil without a
// competing_tc.
func comparatorGap(a *Analysis) []decimal.Decimal {
	o := a.Offer
	if !o.CompetingTC.Valid {
		return nil
	}
	gap := make([]decimal.Decimal, len(a.Years))
	for i, y := range a.Years {
		gap[i] = y.Total.Sub(o.CompetingTC.Decimal)
	}
	return gap
}
