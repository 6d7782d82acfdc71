package analyzer

import "github.com/shopspring/decimal"

// RewardsInputs are the benefits an offer letter lists beside pay. The
// percentages are fractions (0.5 for a 50% match).
type RewardsInputs struct {
	// K401MatchPct is the share of the employee's contributions the employer
	// matches, up to K401MatchLimitPct of base.
	K401MatchPct, K401MatchLimitPct decimal.Decimal
	// ESPPDiscountPct is the plan's discount d on the purchase price;
	// ESPPContribution what the employee puts in a year.
	ESPPDiscountPct  decimal.Decimal
	ESPPContribution decimal.Decimal
	// BenefitsValue is any other yearly benefit the candidate values in
	// dollars (health, meals, stipends).
	BenefitsValue decimal.Decimal
}

// RetirementLimits are the yearly legal limits total rewards apply, read
// from the embedded data table (see importers.DefaultRetirementLimits).
// An invalid limit is not applied.
type RetirementLimits struct {
	// ElectiveDeferral is the employee's 401(k) elective deferral limit.
	ElectiveDeferral decimal.NullDecimal
	// CompensationLimit is the most pay a plan may count.
	CompensationLimit decimal.NullDecimal
	// ESPPMarketValue is the most stock (at market value) an employee may
	// buy through an ESPP in a year.
	ESPPMarketValue decimal.NullDecimal
	Source          string
}

// RewardsYear is one offer year of total rewards.
type RewardsYear struct {
	Year      int
	K401Match decimal.Decimal
	ESPPGain  decimal.Decimal
	Benefits  decimal.Decimal
	// TotalRewards is the year's total comp plus the three above.
	TotalRewards decimal.Decimal
}

// TotalRewards is what an offer is worth beyond total comp, year by year.
// It is shown beside total comp, never inside the market comparison (bands
// are cash and equity).
type TotalRewards struct {
	Years   []RewardsYear
	Total   decimal.Decimal
	Average decimal.Decimal
}

// K401Match is the employer's yearly 401(k) match on a base salary:
//
//	match = match_pct × min(min(base, compensation limit) × limit_pct, elective deferral limit)
//
// the employee contributing enough to get all of it.
func K401Match(base, matchPct, limitPct decimal.Decimal, lim *RetirementLimits) decimal.Decimal {
	if matchPct.IsZero() || limitPct.IsZero() {
		return decimal.Zero
	}
	if lim != nil && lim.CompensationLimit.Valid {
		base = minDecimal(base, lim.CompensationLimit.Decimal)
	}
	contribution := base.Mul(limitPct)
	if lim != nil && lim.ElectiveDeferral.Valid {
		contribution = minDecimal(contribution, lim.ElectiveDeferral.Decimal)
	}
	return contribution.Mul(matchPct)
}

// ESPPGain is the yearly gain of an ESPP bought at a discount d: the stock
// bought is worth contribution / (1 − d) at market, capped at the yearly
// market-value limit, and the gain is that value × d (contribution × d /
// (1 − d) below the cap). Zero without a discount, or with d of 100% or
// more.
func ESPPGain(contribution, discount decimal.Decimal, lim *RetirementLimits) decimal.Decimal {
	if contribution.IsZero() || discount.IsZero() || !discount.LessThan(one) {
		return decimal.Zero
	}
	market := contribution.DivRound(one.Sub(discount), 12)
	if lim != nil && lim.ESPPMarketValue.Valid {
		market = minDecimal(market, lim.ESPPMarketValue.Decimal)
	}
	return market.Mul(discount)
}

// totalRewards works out total rewards for an offer with rewards inputs;
// nil otherwise, so offers without them cost nothing.
func (e *Engine) totalRewards(a *Analysis) *TotalRewards {
	r := a.Offer.Rewards
	if r == nil {
		return nil
	}
	lim := e.opts.Retirement
	espp := ESPPGain(r.ESPPContribution, r.ESPPDiscountPct, lim)
	tr := &TotalRewards{Years: make([]RewardsYear, len(a.Years))}
	for i, y := range a.Years {
		ry := RewardsYear{Year: y.Year, K401Match: K401Match(y.Base, r.K401MatchPct, r.K401MatchLimitPct, lim),
			ESPPGain: espp, Benefits: r.BenefitsValue}
		ry.TotalRewards = y.Total.Add(ry.K401Match).Add(ry.ESPPGain).Add(ry.Benefits)
		tr.Total = tr.Total.Add(ry.TotalRewards)
		tr.Years[i] = ry
	}
	tr.Average = tr.Total.DivRound(decimal.NewFromInt(int64(len(a.Years))), 12)
	return tr
}

// validateRewards rejects rewards inputs no analysis can use.
func validateRewards(o *Offer) error {
	r := o.Rewards
	if r == nil {
		return nil
	}
	for _, c := range []struct {
		name string
		v    decimal.Decimal
	}{{"k401_match_pct", r.K401MatchPct}, {"k401_match_limit_pct", r.K401MatchLimitPct},
		{"espp_discount_pct", r.ESPPDiscountPct}, {"espp_contribution", r.ESPPContribution}, {"benefits_value", r.BenefitsValue}} {
		if c.v.IsNegative() {
			return &FieldError{o.ID, c.name, c.v.String(), ErrNegative}
		}
	}
	if !r.ESPPDiscountPct.LessThan(one) {
		return &FieldError{o.ID, "espp_discount_pct", r.ESPPDiscountPct.String(), errESPPDiscount}
	}
	return nil
}

var errESPPDiscount = errorString("an ESPP discount must be below 100%")

type errorString string

func (e errorString) Error() string { return string(e) }
