package analyzer

// The after-tax estimate in Money: the rules of taxcalc.go, step for step,
// for the brief analyses of a batch (see Money). Each function mirrors the
// decimal one of the same name without "m"; a step that cannot be exact
// marks the exact lost, and the year is then worked out in decimal.

// mBracket is a TaxBracket in Money.
type mBracket struct{ lower, rate, below, recapture, intercept Money }

type mSchedule []mBracket

// mPayroll is a PayrollRate in Money.
type mPayroll struct {
	rate, cap, max, full Money
	hasCap, hasMax       bool
}

type mSurcharge struct{ lower, rate Money }

// mTaxRules are the TaxRules one calculator reads, in Money.
type mTaxRules struct {
	federal                                  mSchedule
	federalStd, saltCap, saltStart, saltRate Money
	saltFloor                                Money
	fica                                     []mPayroll
	ficaAbove                                []mSurcharge
	statePay                                 []mPayroll // the residence's
	state                                    mSchedule  // the residence's (NY for NYC)
	city                                     mSchedule  // NYC's
	stateStd                                 Money
	stateAbove                               []mSurcharge
	caCredit, caStart, caStep, caFilers      Money
	nySuppThreshold                          Money
	nySuppJ0                                 int
	nycBase, nycRate, nycThreshold, nycMaxTI Money
	nycFixed                                 Money
	phaseIn, caStepWidth, nycFixedMax        Money
	nycLowRate                               Money
}

// newMTaxRules converts the rules of one residence; nil when a figure has
// more places than a Money holds.
func newMTaxRules(res Residence, r *TaxRules) *mTaxRules {
	var x exact
	sched := func(s TaxSchedule) mSchedule {
		out := make(mSchedule, len(s))
		for i, b := range s {
			out[i] = mBracket{x.moneyOf(b.Lower), x.moneyOf(b.Rate), x.moneyOf(b.Below), x.moneyOf(b.Recapture), x.moneyOf(b.intercept)}
		}
		return out
	}
	payroll := func(ps []PayrollRate) []mPayroll {
		out := make([]mPayroll, len(ps))
		for i, p := range ps {
			out[i] = mPayroll{rate: x.moneyOf(p.Rate), full: x.moneyOf(p.full), hasCap: p.Cap.Valid, hasMax: p.Max.Valid}
			if p.Cap.Valid {
				out[i].cap = x.moneyOf(p.Cap.Decimal)
			}
			if p.Max.Valid {
				out[i].max = x.moneyOf(p.Max.Decimal)
			}
		}
		return out
	}
	above := func(ss []Surcharge) []mSurcharge {
		out := make([]mSurcharge, len(ss))
		for i, s := range ss {
			out[i] = mSurcharge{x.moneyOf(s.Lower), x.moneyOf(s.Rate)}
		}
		return out
	}
	j := string(res)
	if res == ResidenceNYC {
		j = "NY"
	}
	m := &mTaxRules{federal: sched(r.Federal), federalStd: x.moneyOf(r.FederalStd), saltCap: x.moneyOf(r.SALTCap),
		saltStart: x.moneyOf(r.SALTPhaseStart), saltRate: x.moneyOf(r.SALTPhaseRate), saltFloor: x.moneyOf(r.SALTFloor),
		fica: payroll(r.FICA), ficaAbove: above(r.FICAAbove), statePay: payroll(r.Payroll[j]), state: sched(r.Schedules[j]),
		city: sched(r.Schedules["NYC"]), stateStd: x.moneyOf(r.StateStd[j]), stateAbove: above(r.StateAbove[j]),
		caCredit: x.moneyOf(r.CACredit), caStart: x.moneyOf(r.CACreditStart), caStep: x.moneyOf(r.CACreditStep),
		caFilers: x.moneyOf(r.CAFilers), nySuppThreshold: x.moneyOf(r.NYSuppThreshold), nySuppJ0: r.NYSuppJ0,
		nycBase: x.moneyOf(r.NYCCreditBase), nycRate: x.moneyOf(r.NYCCreditRate), nycThreshold: x.moneyOf(r.NYCCreditThreshold),
		nycMaxTI: x.moneyOf(r.NYCCreditMaxTI), nycFixed: x.moneyOf(r.NYCCreditFixed),
		phaseIn: x.moneyOf(NYSuppPhaseIn), caStepWidth: x.moneyOf(CACreditStepWidth), nycFixedMax: x.moneyOf(NYCFixedCreditMaxIncome),
		nycLowRate: x.moneyOf(NYCLowCreditRate)}
	if !x.ok() {
		return nil
	}
	return m
}

// takeHome is yearTax(w).TakeHome.
func (c *taxCalc) takeHome(x *exact, w Money) Money {
	r := c.m
	fica := x.add(r.payroll(x, r.fica, w), r.above(x, r.ficaAbove, w))
	var state, city Money
	switch c.res {
	case ResidenceCA:
		state = r.caIncomeTax(x, w)
	case ResidenceNY:
		state = r.nyIncomeTax(x, w)
	case ResidenceNYC:
		state = r.nyIncomeTax(x, w)
		city = r.nycIncomeTax(x, w)
	case ResidenceWA, ResidenceTX:
		state = r.state.tax(x, nonNegMoney(x.sub(w, r.stateStd)))
	}
	statePayroll := r.payroll(x, r.statePay, w)
	ded := r.federalDeduction(x, w, x.add(state, city))
	federal := r.federal.tax(x, nonNegMoney(x.sub(w, ded)))
	taxes := x.add(x.add(x.add(x.add(fica, state), city), statePayroll), federal)
	return x.sub(w, taxes)
}

// find is TaxSchedule.find.
func (s mSchedule) find(v Money) int {
	i := 0
	for i < len(s) && s[i].lower <= v {
		i++
	}
	return max(i-1, 0)
}

// tax is scheduleTax.
func (s mSchedule) tax(x *exact, v Money) Money {
	if len(s) == 0 {
		return 0
	}
	b := s[s.find(v)]
	if b.rate == 0 {
		return b.below
	}
	return x.add(x.mul(b.rate, v), b.intercept)
}

// payroll is payrollTax.
func (r *mTaxRules) payroll(x *exact, ps []mPayroll, w Money) Money {
	var sum Money
	for _, p := range ps {
		if p.hasCap && w >= p.cap {
			sum = x.add(sum, p.full)
			continue
		}
		t := x.mul(p.rate, w)
		if p.hasMax && t > p.max {
			t = p.max
		}
		sum = x.add(sum, t)
	}
	return sum
}

// above is aboveTax.
func (r *mTaxRules) above(x *exact, ss []mSurcharge, v Money) Money {
	var sum Money
	for _, s := range ss {
		if v > s.lower {
			sum = x.add(sum, x.mul(s.rate, x.sub(v, s.lower)))
		}
	}
	return sum
}

// caIncomeTax is caIncomeTax.
func (r *mTaxRules) caIncomeTax(x *exact, w Money) Money {
	ti := nonNegMoney(x.sub(w, r.stateStd))
	tax := x.add(r.state.tax(x, ti), r.above(x, r.stateAbove, ti))
	return nonNegMoney(x.sub(tax, r.caExemptionCredit(x, w)))
}

// caExemptionCredit is caExemptionCredit: the steps are DivRound(…, 12)
// then Ceil, as there.
func (r *mTaxRules) caExemptionCredit(x *exact, w Money) Money {
	if w <= r.caStart || r.caStart == 0 {
		return r.caCredit
	}
	q := x.divRound(x.sub(w, r.caStart), r.caStepWidth, 12)
	steps := q / 1e12
	if q%1e12 > 0 {
		steps++
	}
	return nonNegMoney(x.sub(r.caCredit, x.mul(x.mulInt(r.caStep, steps), r.caFilers)))
}

// nyIncomeTax is nyIncomeTax.
func (r *mTaxRules) nyIncomeTax(x *exact, w Money) Money {
	ti := nonNegMoney(x.sub(w, r.stateStd))
	return x.add(r.state.tax(x, ti), r.nySupplementalTax(x, w, ti))
}

// nySupplementalTax is nySupplementalTax; the phase-in is a 16-place
// ratio, as phaseIn's DivRound gives it.
func (r *mTaxRules) nySupplementalTax(x *exact, w, ti Money) Money {
	s := r.state
	if r.nySuppJ0 < 0 || w <= r.nySuppThreshold {
		return 0
	}
	k := s.find(ti)
	switch {
	case k < r.nySuppJ0:
		return 0
	case k == r.nySuppJ0:
		return r.phased(x, s[k].recapture, x.sub(w, r.nySuppThreshold))
	}
	prev := s[k-1].recapture
	return x.add(prev, r.phased(x, x.sub(s[k].recapture, prev), x.sub(w, s[k].lower)))
}

// phased is v × phaseIn(d).
func (r *mTaxRules) phased(x *exact, v, d Money) Money {
	switch {
	case d <= 0:
		return 0
	case d >= r.phaseIn:
		return v
	}
	return x.mulShift(v, x.divRound(d, r.phaseIn, 16), 16)
}

// nycIncomeTax is nycIncomeTax.
func (r *mTaxRules) nycIncomeTax(x *exact, w Money) Money {
	ti := nonNegMoney(x.sub(w, r.stateStd))
	return nonNegMoney(x.sub(r.city.tax(x, ti), r.nycSchoolCredit(x, w, ti)))
}

// nycSchoolCredit is nycSchoolCredit, rounded to whole dollars half away
// from zero (decimal's Round(0)).
func (r *mTaxRules) nycSchoolCredit(x *exact, w, ti Money) Money {
	var credit Money
	if ti <= r.nycMaxTI {
		if ti > r.nycThreshold {
			credit = x.add(r.nycBase, x.mul(r.nycRate, x.sub(ti, r.nycThreshold)))
		} else {
			credit = x.mul(r.nycLowRate, ti)
		}
	}
	if w <= r.nycFixedMax {
		credit = x.add(credit, r.nycFixed)
	}
	return credit.round(0)
}

// federalDeduction is federalDeduction.
func (r *mTaxRules) federalDeduction(x *exact, w, salt Money) Money {
	if salt <= r.federalStd {
		return r.federalStd
	}
	c := r.saltCap
	if w > r.saltStart && r.saltStart > 0 {
		c = x.sub(c, x.mul(r.saltRate, x.sub(w, r.saltStart)))
		if c < r.saltFloor {
			c = r.saltFloor
		}
	}
	if salt > c {
		salt = c
	}
	if salt > r.federalStd {
		return salt
	}
	return r.federalStd
}
