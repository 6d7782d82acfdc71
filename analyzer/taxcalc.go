package analyzer

import (
	"github.com/shopspring/decimal"
)

// YearTax is the after-tax estimate of one offer year: the year's total as
// W-2 wages, each tax on it and what is left. Nothing is rounded but the
// NYC school credit (whole dollars, as the form has it).
type YearTax struct {
	Year  int
	Wages decimal.Decimal
	// FederalDeduction is the larger of the standard deduction and the
	// capped SALT itemized deduction; Itemized says which won.
	FederalDeduction decimal.Decimal
	Itemized         bool
	Federal          decimal.Decimal
	FICA             decimal.Decimal
	// State is the state income tax (New York State's for NYC); City is
	// New York City's, after the school tax credit.
	State decimal.Decimal
	City  decimal.Decimal
	// StatePayroll is SDI, Paid Family Leave, disability, PFML, WA Cares.
	StatePayroll decimal.Decimal
	TakeHome     decimal.Decimal
	// takeM is TakeHome in Money when mOK (the estimate worked out in
	// Money).
	takeM Money
	mOK   bool
}

// AfterTax is an offer's after-tax estimate over the horizon. With no
// residence (a Remote offer without tax_residence) Years is empty and Note
// says why; the figures are blank, never zero.
type AfterTax struct {
	Residence Residence
	Filing    FilingStatus
	// FromLocation is true when the residence was taken from the location.
	FromLocation bool
	Years        []YearTax
	// Total is Σ take-home; Average is Total / H.
	Total, Average decimal.Decimal
	// totalM is Total in Money when totalOK.
	totalM  Money
	totalOK bool
	Note    string
}

// Known reports whether the estimate has figures.
func (t *AfterTax) Known() bool { return t != nil && len(t.Years) > 0 }

// taxCalc computes the taxes of one residence and filing status.
type taxCalc struct {
	res Residence
	r   *TaxRules
	// m are the rules in Money (see taxfast.go), nil when a figure does
	// not fit one.
	m *mTaxRules
}

// yearTax computes one year's taxes on wages w in the order of TAX-NOTES:
// FICA, then state and city (the federal SALT deduction depends on them),
// then federal.
func (c *taxCalc) yearTax(year int, w decimal.Decimal) YearTax {
	r := c.r
	y := YearTax{Year: year, Wages: w}
	y.FICA = ficaTax(r, w)
	switch c.res {
	case ResidenceCA:
		y.State = caIncomeTax(r, w)
		y.StatePayroll = payrollTax(r.Payroll["CA"], w)
	case ResidenceNY:
		y.State = nyIncomeTax(r, w)
		y.StatePayroll = payrollTax(r.Payroll["NY"], w)
	case ResidenceNYC:
		y.State = nyIncomeTax(r, w)
		y.City = nycIncomeTax(r, w)
		y.StatePayroll = payrollTax(r.Payroll["NY"], w)
	case ResidenceWA, ResidenceTX:
		j := string(c.res)
		y.State = scheduleTax(r.Schedules[j], nonNeg(w.Sub(r.StateStd[j])))
		y.StatePayroll = payrollTax(r.Payroll[j], w)
	}
	y.FederalDeduction, y.Itemized = federalDeduction(r, w, addNonZero(y.State, y.City))
	y.Federal = scheduleTax(r.Federal, nonNeg(w.Sub(y.FederalDeduction)))
	y.TakeHome = w.Sub(addNonZero(addNonZero(addNonZero(addNonZero(y.FICA, y.State), y.City), y.StatePayroll), y.Federal))
	return y
}

// scheduleTax is the tax on taxable income x (≥ 0) by a bracket schedule.
func scheduleTax(s TaxSchedule, x decimal.Decimal) decimal.Decimal {
	if len(s) == 0 {
		return decimal.Zero
	}
	b := s[s.find(x)]
	if b.Rate.IsZero() {
		return b.Below
	}
	return b.Rate.Mul(x).Add(b.intercept)
}

// payrollTax is Σ rate × min(w, cap), each at most its max.
func payrollTax(rates []PayrollRate, w decimal.Decimal) decimal.Decimal {
	sum := decimal.Zero
	for _, p := range rates {
		if p.Cap.Valid && !w.LessThan(p.Cap.Decimal) {
			sum = addNonZero(sum, p.full)
			continue
		}
		t := p.Rate.Mul(w)
		if p.Max.Valid && t.GreaterThan(p.Max.Decimal) {
			t = p.Max.Decimal
		}
		sum = addNonZero(sum, t)
	}
	return sum
}

// aboveTax is Σ rate × (x − lower) over the surcharges x exceeds.
func aboveTax(list []Surcharge, x decimal.Decimal) decimal.Decimal {
	sum := decimal.Zero
	for _, a := range list {
		if x.GreaterThan(a.Lower) {
			sum = addNonZero(sum, a.Rate.Mul(x.Sub(a.Lower)))
		}
	}
	return sum
}

// ficaTax is Social Security (6.2% up to the wage base), Medicare (1.45%)
// and Additional Medicare (0.9% above $200,000 single / $250,000 mfj).
func ficaTax(r *TaxRules, w decimal.Decimal) decimal.Decimal {
	return addNonZero(payrollTax(r.FICA, w), aboveTax(r.FICAAbove, w))
}

// caIncomeTax is California's tax: the brackets on W − standard deduction,
// plus the Behavioral Health Services Tax (1% of taxable income above
// $1,000,000), minus the personal exemption credit (never below 0 in all).
func caIncomeTax(r *TaxRules, w decimal.Decimal) decimal.Decimal {
	ti := nonNeg(w.Sub(r.StateStd["CA"]))
	tax := addNonZero(scheduleTax(r.Schedules["CA"], ti), aboveTax(r.StateAbove["CA"], ti))
	return nonNeg(tax.Sub(caExemptionCredit(r, w)))
}

// caExemptionCredit is the personal exemption credit ($153 per filer),
// less $6 per filer for each $2,500 or part of AGI (= W) above the
// threshold, never below 0.
func caExemptionCredit(r *TaxRules, w decimal.Decimal) decimal.Decimal {
	if !w.GreaterThan(r.CACreditStart) || r.CACreditStart.IsZero() {
		return r.CACredit
	}
	steps := w.Sub(r.CACreditStart).DivRound(CACreditStepWidth, 12).Ceil()
	return nonNeg(r.CACredit.Sub(steps.Mul(r.CACreditStep).Mul(r.CAFilers)))
}

// nyIncomeTax is New York State's tax: the brackets on W − standard
// deduction plus the supplemental tax.
func nyIncomeTax(r *TaxRules, w decimal.Decimal) decimal.Decimal {
	ti := nonNeg(w.Sub(r.StateStd["NY"]))
	return scheduleTax(r.Schedules["NY"], ti).Add(nySupplementalTax(r, w, ti))
}

// nySupplementalTax takes back the benefit of the lower brackets when NY
// AGI (= W) exceeds $107,650, exactly as TAX-NOTES states it. With k the
// bracket of the taxable income TI, L_k its lower bound and R_j = rate_j ×
// L_j − tax(L_j):
//
//	k = j0:  (rate_k × TI − tax(TI)) × min(1, (W − 107,650) / 50,000)
//	k > j0:  R_(k−1) + (R_k − R_(k−1)) × min(1, (W − L_k) / 50,000)
//
// Within bracket k, rate_k × TI − tax(TI) equals R_k.
func nySupplementalTax(r *TaxRules, w, ti decimal.Decimal) decimal.Decimal {
	s := r.Schedules["NY"]
	if r.NYSuppJ0 < 0 || !w.GreaterThan(r.NYSuppThreshold) {
		return decimal.Zero
	}
	k := s.find(ti)
	switch {
	case k < r.NYSuppJ0:
		return decimal.Zero
	case k == r.NYSuppJ0:
		return s[k].Recapture.Mul(phaseIn(w.Sub(r.NYSuppThreshold)))
	}
	prev := s[k-1].Recapture
	return prev.Add(s[k].Recapture.Sub(prev).Mul(phaseIn(w.Sub(s[k].Lower))))
}

// phaseIn is min(1, x / 50,000), at least 0.
func phaseIn(x decimal.Decimal) decimal.Decimal {
	if !x.IsPositive() {
		return decimal.Zero
	}
	if x.GreaterThanOrEqual(NYSuppPhaseIn) {
		return one
	}
	return x.DivRound(NYSuppPhaseIn, 16)
}

// nycIncomeTax is New York City's tax on the NY taxable income by the city
// brackets, minus the school tax credit (the city tax does not go below 0).
func nycIncomeTax(r *TaxRules, w decimal.Decimal) decimal.Decimal {
	ti := nonNeg(w.Sub(r.StateStd["NY"]))
	return nonNeg(scheduleTax(r.Schedules["NYC"], ti).Sub(nycSchoolCredit(r, w, ti)))
}

// nycSchoolCredit is the NYC school tax credit, rounded to whole dollars:
// $21 ($37 mfj) + 0.228% of the taxable income above $12,000 ($21,600 mfj)
// while the taxable income is at most $500,000 (0.171% of it up to the
// threshold), plus a fixed $63 ($125 mfj) while W is at most $250,000.
func nycSchoolCredit(r *TaxRules, w, ti decimal.Decimal) decimal.Decimal {
	credit := decimal.Zero
	if !ti.GreaterThan(r.NYCCreditMaxTI) {
		if ti.GreaterThan(r.NYCCreditThreshold) {
			credit = r.NYCCreditBase.Add(r.NYCCreditRate.Mul(ti.Sub(r.NYCCreditThreshold)))
		} else {
			credit = NYCLowCreditRate.Mul(ti)
		}
	}
	if !w.GreaterThan(NYCFixedCreditMaxIncome) {
		credit = credit.Add(r.NYCCreditFixed)
	}
	return credit.Round(0)
}

// saltCap is the SALT deduction cap: $40,400 less 30% of W above $505,000,
// never below $10,000.
func saltCap(r *TaxRules, w decimal.Decimal) decimal.Decimal {
	c := r.SALTCap
	if w.GreaterThan(r.SALTPhaseStart) && r.SALTPhaseStart.IsPositive() {
		c = c.Sub(r.SALTPhaseRate.Mul(w.Sub(r.SALTPhaseStart)))
		if c.LessThan(r.SALTFloor) {
			c = r.SALTFloor
		}
	}
	return c
}

// federalDeduction is the larger of the standard deduction and the SALT
// itemized deduction (state + city income tax, at most the cap).
func federalDeduction(r *TaxRules, w, salt decimal.Decimal) (decimal.Decimal, bool) {
	if !salt.GreaterThan(r.FederalStd) {
		return r.FederalStd, false
	}
	if c := saltCap(r, w); salt.GreaterThan(c) {
		salt = c
	}
	if salt.GreaterThan(r.FederalStd) {
		return salt, true
	}
	return r.FederalStd, false
}

// taxKey picks the rules of one residence and filing status.
type taxKey struct {
	res Residence
	fs  FilingStatus
}

// newTaxCalcs builds the calculator of every residence and filing status
// the tables cover, once per engine; nil tables give none.
func newTaxCalcs(t *TaxTables) map[taxKey]*taxCalc {
	if t == nil {
		return nil
	}
	m := map[taxKey]*taxCalc{}
	for _, fs := range FilingStatuses {
		for _, res := range Residences {
			if t.Has(res, fs) {
				m[taxKey{res, fs}] = &taxCalc{res: res, r: t.rules[fs], m: newMTaxRules(res, t.rules[fs])}
			}
		}
	}
	return m
}

// validateTaxInputs rejects a residence or filing status the rules do not know.
func validateTaxInputs(o *Offer) error {
	if o.TaxResidence != "" {
		known := false
		for _, r := range Residences {
			known = known || r == o.TaxResidence
		}
		if !known {
			return &FieldError{o.ID, "tax_residence", string(o.TaxResidence), ErrUnknownResidence}
		}
	}
	if o.FilingStatus != "" && o.FilingStatus != FilingSingle && o.FilingStatus != FilingMFJ {
		return &FieldError{o.ID, "filing_status", string(o.FilingStatus), ErrUnknownFilingStatus}
	}
	return nil
}

// afterTax estimates the take-home of each offer year (nil without tax
// tables). The residence is the offer's tax_residence, else its
// location's; the filing status the offer's, else the run's.
//
// A brief analysis keeps of each year only the wages and the take-home,
// which is all the batch-wide outputs show: the other figures are
// computed and dropped, so a large batch does not hold them.
func (e *Engine) afterTax(o *Offer, years []YearTotals, brief bool) *AfterTax {
	if e.taxCalcs == nil {
		return nil
	}
	at := &AfterTax{Residence: o.TaxResidence, Filing: o.FilingStatus}
	if at.Filing == "" {
		at.Filing = e.opts.FilingStatus
		if at.Filing == "" {
			at.Filing = FilingSingle
		}
	}
	if at.Residence == "" {
		res, ok := ResidenceForLocation(o.Location)
		if !ok {
			where := o.Location
			if where == "" {
				where = "this location"
			}
			at.Note = "No after-tax estimate: " + where + " does not say which state taxes the wages; give a tax_residence (WA, CA, NY, NYC or TX)."
			return at
		}
		at.Residence, at.FromLocation = res, true
	}
	calc := e.taxCalcs[taxKey{at.Residence, at.Filing}]
	if calc == nil {
		at.Note = "No after-tax estimate: the tax tables have no " + string(at.Residence) + " schedule for " + string(at.Filing) + "."
		return at
	}
	if brief && calc.m != nil && !e.opts.DecimalOnly && e.afterTaxMoney(calc, at, years) {
		return at
	}
	at.Years = make([]YearTax, len(years))
	at.Total = decimal.Zero
	for i, y := range years {
		at.Years[i] = calc.yearTax(y.Year, y.Total)
		if brief {
			at.Years[i] = YearTax{Year: y.Year, Wages: y.Total, TakeHome: at.Years[i].TakeHome}
		}
		at.Total = addNonZero(at.Total, at.Years[i].TakeHome)
	}
	at.Average = at.Total.DivRound(e.years, 12)
	return at
}

// TaxSteps are the figures between an offer year's wages and its taxes, as
// the workbook shows them beside the after-tax table so a reader can follow
// each tax: the federal taxable income; the state taxable income and the
// tax by its brackets; California's surcharge and personal exemption
// credit; New York's bracket k, phase-in fraction and supplemental tax; New
// York City's tax by its brackets and school tax credit. Figures a
// residence does not use are zero.
type TaxSteps struct {
	FederalTaxable                decimal.Decimal
	StateTaxable, StateByBrackets decimal.Decimal
	CASurcharge, CACredit         decimal.Decimal
	// NYBracket is k, 1-based as the workbook's MATCH counts; 0 without
	// New York's supplemental tax.
	NYBracket                    int
	NYPhaseIn, NYSupplemental    decimal.Decimal
	CityByBrackets, CitySchoolCr decimal.Decimal
}

// Steps returns the intermediate figures of one year's taxes y, computed by
// the same rules as the year's figures (so they add up to them).
func (r *TaxRules) Steps(res Residence, y YearTax) TaxSteps {
	w := y.Wages
	st := TaxSteps{FederalTaxable: nonNeg(w.Sub(y.FederalDeduction))}
	switch res {
	case ResidenceCA:
		st.StateTaxable = nonNeg(w.Sub(r.StateStd["CA"]))
		st.StateByBrackets = scheduleTax(r.Schedules["CA"], st.StateTaxable)
		st.CASurcharge = aboveTax(r.StateAbove["CA"], st.StateTaxable)
		st.CACredit = caExemptionCredit(r, w)
	case ResidenceNY, ResidenceNYC:
		ti := nonNeg(w.Sub(r.StateStd["NY"]))
		s := r.Schedules["NY"]
		st.StateTaxable = ti
		st.StateByBrackets = scheduleTax(s, ti)
		if r.NYSuppJ0 >= 0 && len(s) > 0 {
			k := s.find(ti)
			st.NYBracket = k + 1
			if k == r.NYSuppJ0 {
				st.NYPhaseIn = phaseIn(w.Sub(r.NYSuppThreshold))
			} else {
				st.NYPhaseIn = phaseIn(w.Sub(s[k].Lower))
			}
			st.NYSupplemental = nySupplementalTax(r, w, ti)
		}
		if res == ResidenceNYC {
			st.CityByBrackets = scheduleTax(r.Schedules["NYC"], ti)
			st.CitySchoolCr = nycSchoolCredit(r, w, ti)
		}
	}
	return st
}

// takeHomeCents is the year's take-home rounded to cents, from Money when
// it has it.
func (y *YearTax) takeHomeCents() Fixed {
	if y.mOK {
		return y.takeM.Fixed(MoneyPlaces)
	}
	return FixedOf(y.TakeHome, MoneyPlaces)
}

// totalCents is Total rounded to cents, from Money when it has it.
func (at *AfterTax) totalCents() Fixed {
	if at.totalOK {
		return at.totalM.Fixed(MoneyPlaces)
	}
	return FixedOf(at.Total, MoneyPlaces)
}

// afterTaxMoney is the brief after-tax estimate worked out in Money (see
// taxfast.go); false, with at untouched, when a figure could not be exact.
func (e *Engine) afterTaxMoney(calc *taxCalc, at *AfterTax, years []YearTotals) bool {
	var x exact
	var buf [8]Money
	take := buf[:0]
	var total Money
	for _, y := range years {
		th := calc.takeHome(&x, x.moneyOf(y.Total))
		take = append(take, th)
		total = x.add(total, th)
	}
	avg := x.divRound(total, x.mulInt(moneyUnit, int64(len(years))), 12)
	if !x.ok() {
		return false
	}
	at.Years = make([]YearTax, len(years))
	for i, y := range years {
		at.Years[i] = YearTax{Year: y.Year, Wages: y.Total, TakeHome: take[i].Decimal(), takeM: take[i], mOK: true}
	}
	at.Total, at.Average = total.Decimal(), decimal.New(avg, -12)
	at.totalM, at.totalOK = total, true
	return true
}
