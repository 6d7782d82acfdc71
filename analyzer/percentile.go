package analyzer

import (
	"errors"
	"sort"

	"github.com/shopspring/decimal"
)

// ErrEmpty means a percentile was asked of no values.
var ErrEmpty = errors.New("no values")

// ErrPercentRange means p is outside 0..100.
var ErrPercentRange = errors.New("percentile must be between 0 and 100")

// SortDecimals sorts values ascending in place.
func SortDecimals(values []decimal.Decimal) {
	sort.Slice(values, func(i, j int) bool { return values[i].LessThan(values[j]) })
}

// PercentileInc is Excel's PERCENTILE.INC on values sorted ascending, with p
// in percent (25 for the first quartile): the rank r = (p/100)(n−1) counted
// from 0, interpolated linearly between the values at floor(r) and
// ceil(r). One value is every percentile of itself; no values is ErrEmpty.
func PercentileInc(sorted []decimal.Decimal, p decimal.Decimal) (decimal.Decimal, error) {
	return PercentileIncOf(len(sorted), func(i int) decimal.Decimal { return sorted[i] }, p)
}

// PercentileIncOf is PercentileInc over n sorted values read through at,
// which it calls for at most two of them (values kept in another form,
// such as cents, need no decimal copy of them all).
func PercentileIncOf(n int, at func(i int) decimal.Decimal, p decimal.Decimal) (decimal.Decimal, error) {
	if n == 0 {
		return decimal.Zero, ErrEmpty
	}
	if p.IsNegative() || p.GreaterThan(hundred) {
		return decimal.Zero, ErrPercentRange
	}
	rank := p.Mul(decimal.NewFromInt(int64(n - 1))).Shift(-2)
	lo := int(rank.IntPart())
	if lo >= n-1 {
		return at(n - 1), nil
	}
	frac := rank.Sub(decimal.NewFromInt(int64(lo)))
	a, b := at(lo), at(lo+1)
	return a.Add(frac.Mul(b.Sub(a))), nil
}

// PercentRankInc is Excel's PERCENTRANK.INC on values sorted ascending: for
// x equal to a value, the count of values below x divided by n−1; for x
// between two values, linear interpolation between their ranks. The result
// is truncated (not rounded) to significance decimal places, as Excel does
// with its default of 3, so 1/3 gives 0.333. A single value ranks 1 against
// itself. x outside the values, or no values, is ErrEmpty / ErrPercentRange.
func PercentRankInc(sorted []decimal.Decimal, x decimal.Decimal, significance int32) (decimal.Decimal, error) {
	n := len(sorted)
	if n == 0 {
		return decimal.Zero, ErrEmpty
	}
	if x.LessThan(sorted[0]) || x.GreaterThan(sorted[n-1]) {
		return decimal.Zero, ErrPercentRange
	}
	if n == 1 {
		return one, nil
	}
	below := sort.Search(n, func(i int) bool { return !sorted[i].LessThan(x) })
	denom := decimal.NewFromInt(int64(n - 1))
	var rank decimal.Decimal
	if sorted[below].Equal(x) {
		rank = decimal.NewFromInt(int64(below)).DivRound(denom, 16)
	} else {
		// sorted[below-1] < x < sorted[below]
		lo, hi := sorted[below-1], sorted[below]
		frac := x.Sub(lo).DivRound(hi.Sub(lo), 16)
		rank = decimal.NewFromInt(int64(below-1)).Add(frac).DivRound(denom, 16)
	}
	return rank.Truncate(significance), nil
}
