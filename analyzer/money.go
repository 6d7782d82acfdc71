package analyzer

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Money is an exact amount (dollars, a rate, a growth factor) kept as an
// integer count of 10^-10: eight bytes, no allocation. It is the
// fixed-point twin of decimal.Decimal on the engine's hot paths (the year
// table, the levers' Δ totals, the after-tax estimate), and it is exact
// or nothing: every operation that cannot give the exact result the
// decimal code gives (a product with more than ten places, an overflow
// of ±922,337,203.6854775807) marks its exact as lost, and the engine
// then works that figure out with decimal instead. So the two paths never
// disagree (TestFixedAgreesWithDecimal runs both over generated batches).
//
// The rounding rules of the engine, written once (see "Percentages and
// money as written" in docs/METHOD.md):
//
//   - Nothing is rounded while computing: sums and products are exact.
//   - A division that cannot be exact is decimal's DivRound: rounded to a
//     stated number of places, half away from zero (divRound).
//   - Round(places) is half away from zero (round), as decimal's Round.
//   - Figures are written rounded half-even (Fixed, as FixedOf).
//
// Ten places hold every product the batches meet exactly: whole-percent
// vesting shares (2 places) of cents (2), growth and raise factors of a
// few years (1.1^4 has 4 places), bonus percentages (2) and tax rates (up
// to 5) on cents.
type Money int64

// moneyPlaces are the decimal places of a Money.
const moneyPlaces = 10

// moneyUnit is one (1.0) as a Money.
const moneyUnit Money = 1e10

// exact records whether a chain of Money operations stayed exact; the
// zero value is exact. Once lost it stays lost, and the values computed
// since mean nothing.
type exact struct{ lost bool }

// ok reports whether every operation so far was exact.
func (x *exact) ok() bool { return !x.lost }

// moneyOf converts d exactly; it marks x lost when d has more than ten
// places or does not fit. No allocation for a coefficient of up to 18
// digits.
func (x *exact) moneyOf(d decimal.Decimal) Money {
	if d.IsZero() {
		return 0
	}
	if d.NumDigits() > 18 {
		x.lost = true
		return 0
	}
	c, shift := d.CoefficientInt64(), int(d.Exponent())+moneyPlaces
	switch {
	case shift >= 0:
		if shift > 18 {
			x.lost = true
			return 0
		}
		return x.mulInt(Money(c), pow10i[shift])
	case -shift > 18:
		x.lost = true
		return 0
	}
	unit := pow10i[-shift]
	if c%unit != 0 {
		x.lost = true
		return 0
	}
	return Money(c / unit)
}

// Decimal returns the exact value of m as a decimal, without trailing
// zeros (one allocation).
func (m Money) Decimal() decimal.Decimal {
	if m == 0 {
		return decimal.Zero
	}
	v, exp := int64(m), int32(-moneyPlaces)
	for exp < 0 && v%10 == 0 {
		v /= 10
		exp++
	}
	return decimal.New(v, exp)
}

// Fixed rounds m half-even to places (0..10) as a Fixed: what FixedOf
// gives for the same value.
func (m Money) Fixed(places int32) Fixed {
	unit := pow10i[moneyPlaces-places]
	c := int64(m)
	q, rem := c/unit, c%unit
	if rem < 0 {
		rem = -rem
	}
	if 2*rem > unit || (2*rem == unit && q%2 != 0) {
		if c < 0 {
			q--
		} else {
			q++
		}
	}
	return Fixed(q)
}

// add is a + b.
func (x *exact) add(a, b Money) Money {
	s := a + b
	if (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0) {
		x.lost = true
	}
	return s
}

// sub is a − b.
func (x *exact) sub(a, b Money) Money {
	if b == math.MinInt64 {
		x.lost = true
		return 0
	}
	return x.add(a, -b)
}

// mulInt is a × n.
func (x *exact) mulInt(a Money, n int64) Money {
	if a == 0 || n == 0 {
		return 0
	}
	p := int64(a) * n
	if p/n != int64(a) || (a == -1 && n == math.MinInt64) || (n == -1 && a == math.MinInt64) {
		x.lost = true
		return 0
	}
	return Money(p)
}

// abs splits v into sign and magnitude.
func abs(v int64) (uint64, bool) {
	if v < 0 {
		return uint64(-v), true
	}
	return uint64(v), false
}

// signed applies a sign to a magnitude, marking x lost on overflow.
func (x *exact) signed(u uint64, neg bool) Money {
	if u > math.MaxInt64 {
		x.lost = true
		return 0
	}
	if neg {
		return Money(-int64(u))
	}
	return Money(u)
}

// mul is a × b, exact: the product's places beyond ten must be zeros.
func (x *exact) mul(a, b Money) Money {
	if a == 0 || b == 0 {
		return 0
	}
	ua, na := abs(int64(a))
	ub, nb := abs(int64(b))
	hi, lo := bits.Mul64(ua, ub)
	if hi >= uint64(moneyUnit) {
		x.lost = true
		return 0
	}
	q, r := bits.Div64(hi, lo, uint64(moneyUnit))
	if r != 0 {
		x.lost = true
		return 0
	}
	return x.signed(q, na != nb)
}

// mulShift is a × b × 10^-shift (shift ≥ 0), exact: the product of a
// Money and a figure with shift more places than a Money (a 16-place
// ratio, see divRound).
func (x *exact) mulShift(a Money, b int64, shift int) Money {
	if a == 0 || b == 0 {
		return 0
	}
	if shift > 19 {
		x.lost = true
		return 0
	}
	ua, na := abs(int64(a))
	ub, nb := abs(b)
	hi, lo := bits.Mul64(ua, ub)
	d := uint64(1)
	for i := 0; i < shift; i++ {
		d *= 10
	}
	if hi >= d {
		x.lost = true
		return 0
	}
	q, r := bits.Div64(hi, lo, d)
	if r != 0 {
		x.lost = true
		return 0
	}
	return x.signed(q, na != nb)
}

// divRound is decimal's a.DivRound(b, places): a / b rounded to places
// (0..19) half away from zero, returned as an integer count of
// 10^-places (not a Money). It marks x lost when b is zero or the result
// does not fit.
func (x *exact) divRound(a, b Money, places int) int64 {
	if b == 0 || places > 19 {
		x.lost = true
		return 0
	}
	if a == 0 {
		return 0
	}
	ua, na := abs(int64(a))
	ub, nb := abs(int64(b))
	scale := uint64(1)
	for i := 0; i < places; i++ {
		scale *= 10
	}
	hi, lo := bits.Mul64(ua, scale)
	if hi >= ub {
		x.lost = true
		return 0
	}
	q, r := bits.Div64(hi, lo, ub)
	// Half away from zero: up when 2r ≥ b.
	if r >= ub-r {
		q++
	}
	return int64(x.signed(q, na != nb))
}

// atPlaces turns an integer count of 10^-places (places ≤ 10) into a Money.
func (x *exact) atPlaces(v int64, places int) Money {
	return x.mulInt(Money(v), pow10i[moneyPlaces-places])
}

// round is decimal's Round(places) (half away from zero), 0 ≤ places ≤ 10.
func (m Money) round(places int) Money {
	unit := pow10i[moneyPlaces-places]
	c := int64(m)
	q, rem := c/unit, c%unit
	if rem < 0 {
		rem = -rem
	}
	if 2*rem >= unit {
		if c < 0 {
			q--
		} else {
			q++
		}
	}
	return Money(q * unit)
}

// ceil is decimal's Ceil: the smallest whole number not below m.
func (m Money) ceil() Money {
	q, rem := int64(m)/int64(moneyUnit), int64(m)%int64(moneyUnit)
	if rem > 0 {
		q++
	}
	return Money(q) * moneyUnit
}

// nonNegMoney is max(m, 0).
func nonNegMoney(m Money) Money { return max(m, 0) }
