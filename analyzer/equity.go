package analyzer

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// EquityType is the kind of equity an offer grants.
type EquityType string

// Equity types. EquityRSU, the default, is public RSUs: a dollar value (or
// shares at a market price) that vests.
const (
	EquityRSU        EquityType = "rsu"
	EquityOptions    EquityType = "options"
	EquityPrivateRSU EquityType = "private_rsu"
)

// ParseEquityType reads an equity_type cell: rsu, options or private_rsu
// (case, spaces and hyphens aside; "iso", "nso" and "stock options" read as
// options, "private rsu" and "double-trigger rsu" as private_rsu).
func ParseEquityType(s string) (EquityType, error) {
	switch strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.ToLower(strings.TrimSpace(s))) {
	case "rsu", "rsus", "public", "publicrsu":
		return EquityRSU, nil
	case "options", "option", "stockoptions", "iso", "isos", "nso", "nsos":
		return EquityOptions, nil
	case "privatersu", "privatersus", "doubletriggerrsu":
		return EquityPrivateRSU, nil
	}
	return "", fmt.Errorf("%w %q (want rsu, options or private_rsu)", ErrUnknownEquity, s)
}

// Acceleration is what vests early when the company is acquired.
type Acceleration string

// Acceleration values; AccelerationUnset is a blank cell.
const (
	AccelerationUnset  Acceleration = ""
	AccelerationNone   Acceleration = "none"
	AccelerationSingle Acceleration = "single"
	AccelerationDouble Acceleration = "double"
)

// ParseAcceleration reads an acceleration cell: none, single or double
// ("single-trigger", "double trigger" too).
func ParseAcceleration(s string) (Acceleration, error) {
	k := strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	k = strings.TrimSuffix(k, "trigger")
	switch k {
	case "none", "no", "":
		return AccelerationNone, nil
	case "single":
		return AccelerationSingle, nil
	case "double":
		return AccelerationDouble, nil
	}
	return "", fmt.Errorf("%w %q (want none, single or double)", ErrUnknownEquity, s)
}

// Errors of private equity inputs; Analyze wraps them in a *FieldError
// naming the column.
var (
	ErrUnknownEquity    = errors.New("unknown value")
	ErrNeedsPrivate     = errors.New("is for private equity: set equity_type to options or private_rsu")
	ErrNeedsValue       = errors.New("is required for this equity_type")
	ErrStrikeAbove      = errors.New("strike price above the preferred price: the options are worth nothing at the last round's price")
	ErrFullyDiluted     = errors.New("fully diluted shares must be at least the shares granted")
	ErrPrivateEquityArg = errors.New("unknown private equity value (want 409a, preferred or zero)")
	ErrPublicGrant      = errors.New("is for public RSUs: a private grant is valued from its shares and prices (leave rsu_value blank)")
)

// PrivateEquity is the private-company equity of an offer (equity_type
// options or private_rsu). Shares are option_shares for options and
// rsu_shares for private RSUs.
type PrivateEquity struct {
	Type               EquityType
	OptionShares       decimal.NullDecimal
	StrikePrice        decimal.NullDecimal
	PreferredPrice     decimal.NullDecimal
	FMV409A            decimal.NullDecimal
	FullyDilutedShares decimal.NullDecimal
	Acceleration       Acceleration
}

// PrivateValue is which price per share the year tables, the headline and
// the market comparison count a private offer's equity at.
type PrivateValue string

// Private equity values. The zero value counts at the preferred price.
const (
	PrivateValuePreferred PrivateValue = "preferred"
	PrivateValue409A      PrivateValue = "409a"
	PrivateValueZero      PrivateValue = "zero"
)

// ParsePrivateValue reads --private-equity-value.
func ParsePrivateValue(s string) (PrivateValue, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "preferred", "pref":
		return PrivateValuePreferred, nil
	case "409a", "fmv":
		return PrivateValue409A, nil
	case "zero", "0", "none":
		return PrivateValueZero, nil
	}
	return "", fmt.Errorf("%w: %q", ErrPrivateEquityArg, s)
}

// Label is how the workbook names the value counted.
func (v PrivateValue) Label() string {
	switch v {
	case PrivateValue409A:
		return "the 409A price, net of the strike for options"
	case PrivateValueZero:
		return "zero (private equity left out)"
	}
	return "the last preferred price (the paper value quoted)"
}

// EquityYear is one offer year of a private grant: the shares vesting that
// year and what they are worth at each price.
type EquityYear struct {
	Year         int
	VestedShares decimal.Decimal
	// At409A is net of the strike for options; AtPreferred is the paper
	// value (shares × preferred price) for both kinds.
	At409A, AtPreferred decimal.Decimal
	// Exits are the values under Options.ExitMultiples, net of the strike.
	Exits []decimal.Decimal
}

// ExitScenario is the grant's value over the H years at one exit multiple
// of the preferred price, and the offer's H-year total with it.
type ExitScenario struct {
	Multiple decimal.Decimal
	// PricePerShare is multiple × preferred × (1 − dilution)^rounds.
	PricePerShare decimal.Decimal
	EquityTotal   decimal.Decimal
	OfferTotal    decimal.Decimal
}

// EquityValues is what a private grant is worth, side by side: never one
// number pretending to be certain.
type EquityValues struct {
	Type         EquityType
	Shares       decimal.Decimal
	Strike       decimal.Decimal // zero for private RSUs
	Preferred    decimal.Decimal
	FMV409A      decimal.Decimal
	Acceleration Acceleration
	// Basis is the value the year table counts (Options.PrivateEquityValue).
	Basis PrivateValue
	Years []EquityYear
	// Total409A and TotalPreferred are the H-year sums of the years' values.
	Total409A, TotalPreferred decimal.Decimal
	Exits                     []ExitScenario
	// Ownership is shares / fully diluted shares in percent; invalid when
	// the share count is not known.
	Ownership decimal.NullDecimal
	// ExerciseCost is shares × strike, and SpreadAt409A shares × (409A −
	// strike) (what exercising today would be taxed on); both invalid for
	// private RSUs.
	ExerciseCost, SpreadAt409A decimal.NullDecimal
	// nonEquity is the H-year total without the private grant.
	nonEquity decimal.Decimal
	dilution  decimal.Decimal
}

// IsPrivate reports whether the offer grants private equity.
func (o *Offer) IsPrivate() bool {
	return o.Equity != nil && (o.Equity.Type == EquityOptions || o.Equity.Type == EquityPrivateRSU)
}

// privateShares returns the grant's share count.
func (o *Offer) privateShares() decimal.NullDecimal {
	if o.Equity.Type == EquityOptions {
		return o.Equity.OptionShares
	}
	return o.RSUShares
}

// validateEquity rejects private equity inputs no analysis can use; each
// error names the column at fault.
func validateEquity(o *Offer) error {
	pe := o.Equity
	if pe == nil {
		return nil
	}
	bad := func(col string, v decimal.NullDecimal, err error) error {
		val := ""
		if v.Valid {
			val = v.Decimal.String()
		}
		return &FieldError{o.ID, col, val, err}
	}
	if !o.IsPrivate() {
		for _, c := range []struct {
			name string
			v    decimal.NullDecimal
		}{{"option_shares", pe.OptionShares}, {"strike_price", pe.StrikePrice}, {"preferred_price", pe.PreferredPrice},
			{"fmv_409a", pe.FMV409A}, {"fully_diluted_shares", pe.FullyDilutedShares}} {
			if c.v.Valid {
				return bad(c.name, c.v, ErrNeedsPrivate)
			}
		}
		return nil
	}
	if o.RSUValue.Valid {
		return bad("rsu_value", o.RSUValue, ErrPublicGrant)
	}
	if pe.Type == EquityOptions && o.RSUShares.Valid {
		return bad("rsu_shares", o.RSUShares, errors.New("is for RSUs: an options grant gives its count in option_shares"))
	}
	sharesCol := "option_shares"
	if pe.Type == EquityPrivateRSU {
		sharesCol = "rsu_shares"
		if pe.OptionShares.Valid {
			return bad("option_shares", pe.OptionShares, errors.New("is for options: a private_rsu grant gives its shares in rsu_shares"))
		}
		if pe.StrikePrice.Valid {
			return bad("strike_price", pe.StrikePrice, errors.New("is for options: RSUs have no strike price"))
		}
	}
	shares := o.privateShares()
	switch {
	case !shares.Valid:
		return bad(sharesCol, shares, ErrNeedsValue)
	case !shares.Decimal.IsPositive():
		return bad(sharesCol, shares, ErrNotPositive)
	}
	for _, c := range []struct {
		name string
		v    decimal.NullDecimal
	}{{"preferred_price", pe.PreferredPrice}, {"fmv_409a", pe.FMV409A}} {
		if !c.v.Valid {
			return bad(c.name, c.v, ErrNeedsValue)
		}
		if !c.v.Decimal.IsPositive() {
			return bad(c.name, c.v, ErrNotPositive)
		}
	}
	if pe.Type == EquityOptions {
		switch {
		case !pe.StrikePrice.Valid:
			return bad("strike_price", pe.StrikePrice, ErrNeedsValue)
		case pe.StrikePrice.Decimal.IsNegative():
			return bad("strike_price", pe.StrikePrice, ErrNegative)
		case pe.StrikePrice.Decimal.GreaterThan(pe.PreferredPrice.Decimal):
			return bad("strike_price", pe.StrikePrice, ErrStrikeAbove)
		}
	}
	if fd := pe.FullyDilutedShares; fd.Valid {
		if !fd.Decimal.IsPositive() {
			return bad("fully_diluted_shares", fd, ErrNotPositive)
		}
		if fd.Decimal.LessThan(shares.Decimal) {
			return bad("fully_diluted_shares", fd, ErrFullyDiluted)
		}
	}
	return nil
}

// privateGrant is the grant G of a private offer at the run's stated value:
// shares × preferred (paper value), shares × (409A − strike) or zero.
func (e *Engine) privateGrant(o *Offer) decimal.Decimal {
	pe := o.Equity
	shares := o.privateShares().Decimal
	switch e.opts.PrivateEquityValue {
	case PrivateValue409A:
		return shares.Mul(net(pe.FMV409A.Decimal, strikeOf(pe)))
	case PrivateValueZero:
		return decimal.Zero
	}
	return shares.Mul(pe.PreferredPrice.Decimal)
}

func strikeOf(pe *PrivateEquity) decimal.Decimal {
	if pe.Type == EquityOptions && pe.StrikePrice.Valid {
		return pe.StrikePrice.Decimal
	}
	return decimal.Zero
}

// net is an option's worth per share at a price: price − strike, never
// below zero (an option under water is not exercised).
func net(price, strike decimal.Decimal) decimal.Decimal {
	if strike.IsZero() {
		return price
	}
	return maxDecimal(decimal.Zero, price.Sub(strike))
}

// applyPrivateGrant makes a lever's change to the grant of a private offer
// in shares, the way such a grant is negotiated: the share count grows by
// the change's share of the grant. Other offers are left as Apply made them.
func applyPrivateGrant(changed, o *Offer, grant, delta decimal.Decimal) {
	if !o.IsPrivate() {
		return
	}
	changed.RSUValue, changed.RSUShares = o.RSUValue, o.RSUShares
	if delta.IsZero() || grant.IsZero() {
		return
	}
	factor := grant.Add(delta).DivRound(grant, 16)
	pe := *o.Equity
	if pe.Type == EquityOptions {
		pe.OptionShares = decimal.NewNullDecimal(pe.OptionShares.Decimal.Mul(factor))
	} else {
		changed.RSUShares = decimal.NewNullDecimal(o.RSUShares.Decimal.Mul(factor))
	}
	changed.Equity = &pe
}

// dilutionFactor is (1 − dilution)^rounds.
func (e *Engine) dilutionFactor() decimal.Decimal {
	f := one
	keep := one.Sub(e.opts.Dilution)
	for i := 0; i < e.opts.RoundsToExit; i++ {
		f = f.Mul(keep)
	}
	return f
}

// equityValues works out a private grant's values for an analysis whose
// year table is already made.
func (e *Engine) equityValues(a *Analysis) *EquityValues {
	o := a.Offer
	pe := o.Equity
	shares := o.privateShares().Decimal
	strike := strikeOf(pe)
	v := &EquityValues{Type: pe.Type, Shares: shares, Strike: strike, Preferred: pe.PreferredPrice.Decimal,
		FMV409A: pe.FMV409A.Decimal, Acceleration: pe.Acceleration, Basis: e.opts.PrivateEquityValue,
		dilution: e.dilutionFactor()}
	if v.Basis == "" {
		v.Basis = PrivateValuePreferred
	}
	v.nonEquity = a.Total
	for _, y := range a.Years {
		v.nonEquity = v.nonEquity.Sub(y.RSU)
	}
	at409A := net(v.FMV409A, strike)
	v.Exits = make([]ExitScenario, len(e.opts.ExitMultiples))
	for i, m := range e.opts.ExitMultiples {
		v.Exits[i] = ExitScenario{Multiple: m, PricePerShare: v.exitPrice(m)}
	}
	v.Years = make([]EquityYear, len(a.Years))
	for i := range a.Years {
		t := i + 1
		vested := shares.Mul(o.Schedule.fraction(t))
		y := EquityYear{Year: t, VestedShares: vested, At409A: vested.Mul(at409A), AtPreferred: vested.Mul(v.Preferred),
			Exits: make([]decimal.Decimal, len(v.Exits))}
		for j := range v.Exits {
			y.Exits[j] = vested.Mul(net(v.Exits[j].PricePerShare, strike))
			v.Exits[j].EquityTotal = v.Exits[j].EquityTotal.Add(y.Exits[j])
		}
		v.Total409A = v.Total409A.Add(y.At409A)
		v.TotalPreferred = v.TotalPreferred.Add(y.AtPreferred)
		v.Years[i] = y
	}
	for j := range v.Exits {
		v.Exits[j].OfferTotal = v.nonEquity.Add(v.Exits[j].EquityTotal)
	}
	if fd := pe.FullyDilutedShares; fd.Valid && fd.Decimal.IsPositive() {
		v.Ownership = decimal.NewNullDecimal(shares.Shift(2).DivRound(fd.Decimal, 12))
	}
	if pe.Type == EquityOptions {
		v.ExerciseCost = decimal.NewNullDecimal(shares.Mul(strike))
		v.SpreadAt409A = decimal.NewNullDecimal(shares.Mul(at409A))
	}
	return v
}

// exitPrice is the price per share at an exit of multiple × the preferred
// price, after the run's dilution per future round.
func (v *EquityValues) exitPrice(multiple decimal.Decimal) decimal.Decimal {
	p := v.Preferred.Mul(multiple)
	if !v.dilution.Equal(one) {
		p = p.Mul(v.dilution)
	}
	return p
}

// TotalAtExit is the offer's H-year total with its private equity worth
// multiple × the preferred price at exit (net of the strike for options,
// after the run's dilution) instead of the value the year table counts:
// TotalAtExit(0) is the offer if the equity is worth nothing, TotalAtExit(1)
// if the company exits at its last round's price. ok is false for an offer
// without private equity, whose total is a.Total at any multiple.
func (a *Analysis) TotalAtExit(multiple decimal.Decimal) (total decimal.Decimal, ok bool) {
	v := a.Equity
	if v == nil {
		return a.Total, false
	}
	for _, x := range v.Exits {
		if x.Multiple.Equal(multiple) {
			return x.OfferTotal, true
		}
	}
	perShare := net(v.exitPrice(multiple), v.Strike)
	equity := decimal.Zero
	for _, y := range v.Years {
		equity = equity.Add(y.VestedShares.Mul(perShare))
	}
	return v.nonEquity.Add(equity), true
}

// taxYears are the years the after-tax estimate treats as wages: for
// options the year table's equity is left out (unexercised options are not
// wages); private RSUs are taxed as they vest, like public RSUs.
func taxYears(a *Analysis) []YearTotals {
	if a.Equity == nil || a.Equity.Type != EquityOptions {
		return a.Years
	}
	out := make([]YearTotals, len(a.Years))
	for i, y := range a.Years {
		out[i] = y
		if !y.RSU.IsZero() {
			out[i].Total = y.Total.Sub(y.RSU)
			out[i].RSU = decimal.Zero
			out[i].mOK = false
		}
	}
	return out
}

// OwnershipPlaces are the decimal places of an ownership percentage in a
// Record (millionths of a percent: 0.000200% of a company shows).
const OwnershipPlaces = 6

// StartupRecord is the part of a Record about private equity and total
// rewards. Every figure is Blank for an offer without them.
type StartupRecord struct {
	// EquityType is "options" or "private_rsu", "" for public RSUs;
	// EquityBasis the value the year table counts ("preferred", "409a",
	// "zero").
	EquityType, EquityBasis string
	// Equity409A and EquityPreferred are the H-year values in cents;
	// Ownership is in percent with OwnershipPlaces; ExerciseCost in cents.
	Equity409A, EquityPreferred, Ownership, ExerciseCost Fixed
	// TotalAtZero and TotalAtOne are the H-year totals with the private
	// equity worth nothing and worth 1× the preferred price at exit (net
	// of the strike): what the decision line names beside public offers.
	TotalAtZero, TotalAtOne Fixed
	// TotalRewards is each year's total rewards in cents (nil without
	// rewards inputs); TotalRewardsAverage their average.
	TotalRewards        []Fixed
	TotalRewardsAverage Fixed
}

// visit hands the fields to v behind one presence flag, so a record
// without private equity or rewards stores one byte more, not ten figures.
func (s *StartupRecord) visit(v RecordVisitor) {
	has := s.EquityType != "" || s.TotalRewards != nil || s.TotalRewardsAverage != Blank
	v.Bool(&has)
	if !has {
		*s = blankStartup()
		return
	}
	v.Symbol(&s.EquityType)
	v.Symbol(&s.EquityBasis)
	v.Fixed(&s.Equity409A)
	v.Fixed(&s.EquityPreferred)
	v.Fixed(&s.Ownership)
	v.Fixed(&s.ExerciseCost)
	v.Fixed(&s.TotalAtZero)
	v.Fixed(&s.TotalAtOne)
	v.Fixeds(&s.TotalRewards)
	v.Fixed(&s.TotalRewardsAverage)
}

// blankStartup is the StartupRecord of an offer without private equity or
// rewards: every figure Blank.
func blankStartup() StartupRecord {
	return StartupRecord{Equity409A: Blank, EquityPreferred: Blank, Ownership: Blank, ExerciseCost: Blank,
		TotalAtZero: Blank, TotalAtOne: Blank, TotalRewardsAverage: Blank}
}

// reduceStartup is the StartupRecord of an analysis.
func reduceStartup(a *Analysis) StartupRecord {
	s := blankStartup()
	c := func(d decimal.Decimal) Fixed { return FixedOf(d, MoneyPlaces) }
	if v := a.Equity; v != nil {
		s.EquityType, s.EquityBasis = string(v.Type), string(v.Basis)
		s.Equity409A, s.EquityPreferred = c(v.Total409A), c(v.TotalPreferred)
		if v.Ownership.Valid {
			s.Ownership = FixedOf(v.Ownership.Decimal, OwnershipPlaces)
		}
		if v.ExerciseCost.Valid {
			s.ExerciseCost = c(v.ExerciseCost.Decimal)
		}
		zero, _ := a.TotalAtExit(decimal.Zero)
		at1, _ := a.TotalAtExit(one)
		s.TotalAtZero, s.TotalAtOne = c(zero), c(at1)
	}
	if r := a.Rewards; r != nil {
		s.TotalRewards = make([]Fixed, len(r.Years))
		for i, y := range r.Years {
			s.TotalRewards[i] = c(y.TotalRewards)
		}
		s.TotalRewardsAverage = c(r.Average)
	}
	return s
}

// ExitWords is what a decision line says of an offer with private equity:
// "$720,000 if its equity is worth nothing (0×), $1,296,000 at an exit at
// the last preferred price (1×)", from the record's H-year totals; "" for
// an offer without private equity, whose total does not depend on an exit.
func ExitWords(r *Record) string {
	if r.EquityType == "" || r.TotalAtZero == Blank || r.TotalAtOne == Blank {
		return ""
	}
	return Dollars(r.TotalAtZero.Decimal(MoneyPlaces)) + " if its equity is worth nothing (0×), " +
		Dollars(r.TotalAtOne.Decimal(MoneyPlaces)) + " at an exit at the last preferred price (1×)"
}
