package analyzer

import "math/bits"

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
