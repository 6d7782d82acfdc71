package importers

import (
	"errors"
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// idxOptionShares is the option_shares column: a file may give its grants
// as options alone, without rsu_value or rsu_shares.
var idxOptionShares = columnIndex[colOptionShares]

// ErrInvalidKind means an equity_type or acceleration cell names no known
// kind.
var ErrInvalidKind = errors.New("invalid kind")

// grantElsewhere reports whether the offer's grant is private equity (or
// meant to be, with option_shares given), so rsu_value and rsu_shares are
// not required.
func grantElsewhere(o *analyzer.Offer) bool {
	return o.Equity != nil && (o.IsPrivate() || o.Equity.OptionShares.Valid)
}

// privateOf returns the offer's private equity, made on first use so an
// offer without the columns carries none.
func privateOf(o *analyzer.Offer) *analyzer.PrivateEquity {
	if o.Equity == nil {
		o.Equity = &analyzer.PrivateEquity{Type: analyzer.EquityRSU}
	}
	return o.Equity
}

// rewardsOf returns the offer's total rewards inputs, made on first use.
func rewardsOf(o *analyzer.Offer) *analyzer.RewardsInputs {
	if o.Rewards == nil {
		o.Rewards = &analyzer.RewardsInputs{}
	}
	return o.Rewards
}

// equityType parses equity_type (rsu, options, private_rsu).
func equityType(o *analyzer.Offer, v string, _ bool) error {
	t, err := analyzer.ParseEquityType(v)
	if err != nil {
		return fmt.Errorf("%w %q (want rsu, options or private_rsu)", ErrInvalidKind, v)
	}
	privateOf(o).Type = t
	return nil
}

// acceleration parses acceleration (none, single, double).
func acceleration(o *analyzer.Offer, v string, _ bool) error {
	a, err := analyzer.ParseAcceleration(v)
	if err != nil {
		return fmt.Errorf("%w %q (want none, single or double)", ErrInvalidKind, v)
	}
	privateOf(o).Acceleration = a
	return nil
}

// equityMoney reads a price per share of the private grant; a negative
// price is rejected here, the rest (strike above preferred, zero prices)
// by the analyzer, which sees the whole row.
func equityMoney(field func(*analyzer.PrivateEquity) *decimal.NullDecimal) applyFunc {
	return func(o *analyzer.Offer, v string, european bool) error {
		d, err := parseCheckedMoney(v, european, nonNegative)
		if err != nil {
			return err
		}
		*field(privateOf(o)) = decimal.NewNullDecimal(d)
		return nil
	}
}

// equityNumber reads a share count of the private grant; it must be a
// whole, positive number of shares.
func equityNumber(field func(*analyzer.PrivateEquity) *decimal.NullDecimal) applyFunc {
	return func(o *analyzer.Offer, v string, european bool) error {
		d, err := ParseNumber(v, european)
		if err != nil {
			return err
		}
		if !d.IsPositive() {
			return fmt.Errorf("%w %q (a share count must be positive)", ErrInvalidNumber, v)
		}
		*field(privateOf(o)) = decimal.NewNullDecimal(d)
		return nil
	}
}

func rewardsPercent(field func(*analyzer.RewardsInputs) *decimal.Decimal) applyFunc {
	return func(o *analyzer.Offer, v string, _ bool) error {
		d, err := ParsePercent(v)
		if err != nil {
			return err
		}
		*field(rewardsOf(o)) = d
		return nil
	}
}

func rewardsMoney(field func(*analyzer.RewardsInputs) *decimal.Decimal) applyFunc {
	return func(o *analyzer.Offer, v string, european bool) error {
		d, err := parseCheckedMoney(v, european, nonNegative)
		if err != nil {
			return err
		}
		*field(rewardsOf(o)) = d
		return nil
	}
}

func init() {
	for _, name := range []string{colStrikePrice, colPreferredPrice, colFMV409A, colESPPContribution, colBenefitsValue} {
		columns[columnIndex[name]].money = true
	}
	textColumn[columnIndex[colEquityType]] = true
	textColumn[columnIndex[colAcceleration]] = true
}
