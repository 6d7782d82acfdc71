package analyzer

import (
	"math"
	"math/bits"
)

// u128 is an unsigned 128-bit integer: the magnitude of a product of a
// Money and a 24-place reciprocal (see pricing), which an int64 cannot
// hold. Signs are kept beside it.
type u128 struct{ hi, lo uint64 }

// mul64 is a × b, exact.
func mul64(a, b uint64) u128 {
	hi, lo := bits.Mul64(a, b)
	return u128{hi, lo}
}

// mul is n × b; false when the product passes 128 bits.
func (n u128) mul(b uint64) (u128, bool) {
	h1, l1 := bits.Mul64(b, n.lo)
	h2, l2 := bits.Mul64(b, n.hi)
	if h2 != 0 {
		return u128{}, false
	}
	hi, carry := bits.Add64(h1, l2, 0)
	if carry != 0 {
		return u128{}, false
	}
	return u128{hi, l1}, true
}

// inc is n + 1 (n below the maximum).
func (n u128) inc() u128 {
	lo, carry := bits.Add64(n.lo, 1, 0)
	return u128{n.hi + carry, lo}
}

// divRem is n / d and n mod d (d > 0).
func (n u128) divRem(d uint64) (u128, uint64) {
	qhi, r := bits.Div64(0, n.hi, d)
	qlo, r := bits.Div64(r, n.lo, d)
	return u128{qhi, qlo}, r
}

// divRound is n / d rounded half away from zero (d > 0), decimal's
// DivRound on magnitudes.
func (n u128) divRound(d uint64) u128 {
	q, r := n.divRem(d)
	if r >= d-r {
		q = q.inc()
	}
	return q
}

// roundPow10 is n / 10^k rounded half away from zero (0 ≤ k ≤ 36): the
// division in two steps of at most 10^18, rounding up when the remainder
// is at least half of 10^k. With n = q·10^k + r, r = r2·10^a + r1 (the
// remainders of the steps by 10^a, then 10^b, a + b = k, b ≥ 1) and
// r1 < 10^a, r ≥ 10^k / 2 = 5·10^(b−1)·10^a exactly when r2 ≥ 5·10^(b−1).
func (n u128) roundPow10(k int) u128 {
	if k == 0 {
		return n
	}
	b := min(k, 18)
	a := k - b
	q := n
	if a > 0 {
		q, _ = q.divRem(uint64(pow10i[a]))
	}
	q, r2 := q.divRem(uint64(pow10i[b]))
	if r2 >= uint64(pow10i[b]/2) {
		q = q.inc()
	}
	return q
}

// money128 is n as a Money with the sign applied; x lost when
// it does not fit.
func (x *exact) money128(n u128, neg bool) Money {
	if n.hi != 0 {
		x.lost = true
		return 0
	}
	return x.signed(n.lo, neg)
}

// pow10u128 is 10^k (k ≤ 38) as a u128.
func pow10u128(k int) u128 {
	n := u128{0, 1}
	for ; k > 0; k-- {
		n, _ = n.mul(10)
	}
	return n
}

// recip24 is num.DivRound(d, 24) for a Money num (|num| ≤ 10^4 as a
// value) and d ≠ 0: the 24-place quotient as a signed count of 10^-24,
// magnitude in a u128; x lost when d is zero or it does not fit.
func (x *exact) recip24(num, d Money) (u128, bool) {
	if d == 0 {
		x.lost = true
		return u128{}, false
	}
	un, nn := abs(int64(num))
	ud, nd := abs(int64(d))
	// num × 10^24 counts of 10^-10 over d counts of 10^-10.
	p, ok := pow10u128(24).mul(un)
	if !ok {
		x.lost = true
		return u128{}, false
	}
	return p.divRound(ud), nn != nd
}

// mulRecip24 is (m × r).Round(10) for a Money m and a 24-place figure r
// (magnitude ur, negative rneg): decimal's exact product rounded half
// away from zero to ten places, as a Money; x lost when it does not fit.
func (x *exact) mulRecip24(m Money, ur u128, rneg bool) Money {
	um, mneg := abs(int64(m))
	p, ok := ur.mul(um)
	if !ok {
		x.lost = true
		return 0
	}
	return x.money128(p.roundPow10(24), mneg != rneg)
}

// mulTrunc16 is a × r × 10^-16 cut to ten places toward zero, for a ≥ 0
// and r ≥ 0 (a 16-place ratio, see divRound): the Money truncOf gives for
// the exact product.
func (x *exact) mulTrunc16(a Money, r int64) Money {
	if a < 0 || r < 0 {
		x.lost = true
		return 0
	}
	p := mul64(uint64(a), uint64(r))
	q, _ := p.divRem(uint64(pow10i[16]))
	return x.money128(q, false)
}

// cmp compares two magnitudes: −1, 0 or +1.
func (n u128) cmp(o u128) int {
	switch {
	case n.hi != o.hi:
		if n.hi < o.hi {
			return -1
		}
		return 1
	case n.lo != o.lo:
		if n.lo < o.lo {
			return -1
		}
		return 1
	}
	return 0
}

// addSigned is (a, aneg) + (b, bneg) on signed magnitudes; false when the
// sum passes 128 bits.
func addSigned(a u128, aneg bool, b u128, bneg bool) (u128, bool, bool) {
	if aneg == bneg {
		lo, carry := bits.Add64(a.lo, b.lo, 0)
		hi, carry := bits.Add64(a.hi, b.hi, carry)
		return u128{hi, lo}, aneg, carry == 0
	}
	if a.cmp(b) < 0 {
		a, b, aneg = b, a, bneg
	}
	lo, borrow := bits.Sub64(a.lo, b.lo, 0)
	hi, _ := bits.Sub64(a.hi, b.hi, borrow)
	return u128{hi, lo}, aneg && (hi|lo) != 0, true
}

// u192 is an unsigned 192-bit integer, three limbs from the least
// significant: the product of a u128 and a uint64.
type u192 [3]uint64

// mul192 is a × b, exact.
func mul192(a u128, b uint64) u192 {
	h0, l0 := bits.Mul64(a.lo, b)
	h1, l1 := bits.Mul64(a.hi, b)
	m, carry := bits.Add64(h0, l1, 0)
	return u192{l0, m, h1 + carry}
}

// cmp compares two u192: −1, 0 or +1.
func (n u192) cmp(o u192) int {
	for i := 2; i >= 0; i-- {
		switch {
		case n[i] < o[i]:
			return -1
		case n[i] > o[i]:
			return 1
		}
	}
	return 0
}

// sub is n − o (n ≥ o).
func (n u192) sub(o u192) u192 {
	var b uint64
	n[0], b = bits.Sub64(n[0], o[0], 0)
	n[1], b = bits.Sub64(n[1], o[1], b)
	n[2], _ = bits.Sub64(n[2], o[2], b)
	return n
}

// divRem is n / d and n mod d (d > 0).
func (n u192) divRem(d uint64) (u192, uint64) {
	var q u192
	var r uint64
	for i := 2; i >= 0; i-- {
		q[i], r = bits.Div64(r, n[i], d)
	}
	return q, r
}

// float is n as the nearest float64 (an estimate).
func (n u128) float() float64 { return float64(n.hi)*0x1p64 + float64(n.lo) }

// divRound16 is decimal's n.DivRound(g, 16) for a Money n ≥ 0 and a
// figure g > n counted in 10^-28 (a u128): the quotient in counts of
// 10^-16, rounded half away from zero. The dividend n × 10^34 needs 192
// bits: the quotient is estimated in floating point and corrected until
// the remainder lies in [0, g). x lost when it does not converge.
func (x *exact) divRound16(n Money, g u128) int64 {
	if n < 0 || g == (u128{}) {
		x.lost = true
		return 0
	}
	num := mul192(pow10u128(34), uint64(n))
	est := float64(n) * 1e34 / g.float()
	if !(est >= 0 && est < 1e17) {
		x.lost = true
		return 0
	}
	q := uint64(est)
	prod := mul192(g, q)
	gg := u192{g.lo, g.hi, 0}
	for i := 0; prod.cmp(num) > 0; i++ {
		if i == 64 || q == 0 {
			x.lost = true
			return 0
		}
		q--
		prod = prod.sub(gg)
	}
	rem := num.sub(prod)
	for i := 0; rem.cmp(gg) >= 0; i++ {
		if i == 64 {
			x.lost = true
			return 0
		}
		q++
		rem = rem.sub(gg)
	}
	// Half away from zero: up when rem ≥ g − rem.
	r := u128{rem[1], rem[0]}
	if d, _, _ := addSigned(g, false, r, true); r.cmp(d) >= 0 {
		q++
	}
	if q > math.MaxInt64 {
		x.lost = true
		return 0
	}
	return int64(q)
}
