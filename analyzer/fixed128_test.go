package analyzer

import (
	"math"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

// big128 is n as a big.Int, for messages and comparisons.
func big128(n u128) *big.Int {
	b := new(big.Int).SetUint64(n.hi)
	b.Lsh(b, 64)
	return b.Or(b, new(big.Int).SetUint64(n.lo))
}

// u128Of parses a decimal integer written by hand.
func u128Of(t *testing.T, s string) u128 {
	t.Helper()
	b, ok := new(big.Int).SetString(s, 10)
	if !ok || b.Sign() < 0 || b.BitLen() > 128 {
		t.Fatalf("bad u128 %q", s)
	}
	lo := new(big.Int).And(b, new(big.Int).SetUint64(math.MaxUint64))
	return u128{new(big.Int).Rsh(b, 64).Uint64(), lo.Uint64()}
}

func TestU128Mul(t *testing.T) {
	max := uint64(math.MaxUint64)
	if got := mul64(1<<63, 4); got != (u128{2, 0}) {
		t.Errorf("2^63 × 4 = %v, want 2^65", big128(got))
	}
	// (2^64 − 1)² = 2^128 − 2^65 + 1: hi 2^64 − 2, lo 1.
	if got := mul64(max, max); got != (u128{max - 1, 1}) {
		t.Errorf("(2^64−1)² = %v", big128(got))
	}
	if got, ok := (u128{0, max}).mul(max); !ok || got != (u128{max - 1, 1}) {
		t.Errorf("(2^64−1)² as u128 × u64 = %v, %v", big128(got), ok)
	}
	if _, ok := (u128{1 << 63, 0}).mul(2); ok {
		t.Error("2^127 × 2 fits in 128 bits?")
	}
	if _, ok := (u128{1, 0}).mul(max); !ok {
		t.Error("2^64 × (2^64 − 1) does not fit?")
	}
	if _, ok := (u128{max, max}).mul(2); ok {
		t.Error("(2^128 − 1) × 2 fits?")
	}
	if got := pow10u128(24); big128(got).String() != "1000000000000000000000000" {
		t.Errorf("10^24 = %v", big128(got))
	}
}

func TestU128Rounding(t *testing.T) {
	tests := []struct {
		n    string
		d    uint64
		want string
	}{
		{"7", 2, "4"}, // 3.5 → 4
		{"5", 2, "3"}, // 2.5 → 3: half away from zero, not to even
		{"4", 3, "1"}, // 1.33 → 1
		{"5", 3, "2"}, // 1.67 → 2
		{"0", 7, "0"},
		{"340282366920938463463374607431768211455", 10, "34028236692093846346337460743176821146"}, // (2^128−1)/10, …45.5 → …46
	}
	for _, tc := range tests {
		if got := u128Of(t, tc.n).divRound(tc.d); big128(got).String() != tc.want {
			t.Errorf("%s / %d = %v, want %s", tc.n, tc.d, big128(got), tc.want)
		}
	}
	pow := []struct {
		n    string
		k    int
		want string
	}{
		{"15", 1, "2"},
		{"25", 1, "3"}, // 2.5 → 3
		{"24", 1, "2"},
		{"123", 0, "123"},
		{"499999999999999999999999", 24, "0"},  // just under a half
		{"500000000000000000000000", 24, "1"},  // exactly a half
		{"1499999999999999999999999", 24, "1"}, // 1.4999…
		{"1500000000000000000000000", 24, "2"}, // 1.5
		{"1000000000000500000000000000000000000", 24, "1000000000001"}, // 10^12 + 0.5
		{"999999999999999999", 18, "1"},                                // one step: 0.999… → 1
		{"4999999999999999999", 19, "0"},                               // two steps, remainder just under half
		{"5000000000000000000", 19, "1"},
	}
	for _, tc := range pow {
		if got := u128Of(t, tc.n).roundPow10(tc.k); big128(got).String() != tc.want {
			t.Errorf("%s / 10^%d = %v, want %s", tc.n, tc.k, big128(got), tc.want)
		}
	}
}

func TestAddSigned(t *testing.T) {
	n := func(v uint64) u128 { return u128{0, v} }
	tests := []struct {
		a          uint64
		aneg       bool
		b          uint64
		bneg       bool
		want       uint64
		wantNeg    bool
		wantFitted bool
	}{
		{5, false, 3, true, 2, false, true},
		{3, false, 5, true, 2, true, true},
		{5, true, 5, false, 0, false, true}, // zero is not negative
		{5, true, 3, true, 8, true, true},
		{math.MaxUint64, false, 1, false, 0, false, true}, // carries into hi
	}
	for _, tc := range tests {
		got, neg, ok := addSigned(n(tc.a), tc.aneg, n(tc.b), tc.bneg)
		want := n(tc.want)
		if tc.a == math.MaxUint64 {
			want = u128{1, 0}
		}
		if got != want || neg != tc.wantNeg || ok != tc.wantFitted {
			t.Errorf("%d(%v) + %d(%v) = %v(%v) %v", tc.a, tc.aneg, tc.b, tc.bneg, big128(got), neg, ok)
		}
	}
	if _, _, ok := addSigned(u128{math.MaxUint64, math.MaxUint64}, false, u128{0, 1}, false); ok {
		t.Error("2^128 − 1 + 1 fits?")
	}
}

func TestRecip24(t *testing.T) {
	tests := []struct {
		num, d  Money
		want    string
		wantNeg bool
	}{
		{100 * moneyUnit, 3 * moneyUnit, "33333333333333333333333333", false}, // 33.333…3 (24 places)
		{2 * moneyUnit, 3 * moneyUnit, "666666666666666666666667", false},     // 0.666…67: the last place rounds up
		{moneyUnit, 8 * moneyUnit, "125000000000000000000000", false},         // 0.125 exactly
		{-100 * moneyUnit, 3 * moneyUnit, "33333333333333333333333333", true},
		{100 * moneyUnit, -8 * moneyUnit, "12500000000000000000000000", true},
		{100 * moneyUnit, 1, "1000000000000000000000000000000000000", false}, // 100 / 10^-10 = 10^12
	}
	for _, tc := range tests {
		var x exact
		got, neg := x.recip24(tc.num, tc.d)
		if !x.ok() || big128(got).String() != tc.want || neg != tc.wantNeg {
			t.Errorf("recip24(%d, %d) = %v (neg %v, ok %v), want %s", tc.num, tc.d, big128(got), neg, x.ok(), tc.want)
		}
	}
	var x exact
	if x.recip24(moneyUnit, 0); x.ok() {
		t.Error("a division by zero stayed exact")
	}
	var y exact
	if y.recip24(math.MaxInt64, 1); y.ok() {
		t.Error("an overflowing numerator stayed exact")
	}
}

func TestMulRecip24(t *testing.T) {
	half, tenth := u128Of(t, "500000000000000000000000"), u128Of(t, "100000000000000000000000")
	tests := []struct {
		m    Money
		r    u128
		rneg bool
		want Money
	}{
		{3, half, false, 2},   // 1.5 × 10^-10 → 2 × 10^-10, half away from zero
		{-3, half, false, -2}, // −1.5 → −2
		{3, half, true, -2},
		{5, tenth, false, 1}, // 0.5 → 1
		{4, tenth, false, 0}, // 0.4 → 0
		{-5, tenth, true, 1},
		{25 * moneyUnit, u128Of(t, "4000000000000000000000000"), false, 100 * moneyUnit}, // 25 × 4 = 100
	}
	for _, tc := range tests {
		var x exact
		if got := x.mulRecip24(tc.m, tc.r, tc.rneg); !x.ok() || got != tc.want {
			t.Errorf("%d × %v = %d (ok %v), want %d", tc.m, big128(tc.r), got, x.ok(), tc.want)
		}
	}
	var x exact
	if x.mulRecip24(math.MaxInt64, u128Of(t, "1000000000000000000000000000000"), false); x.ok() {
		t.Error("an overflowing product stayed exact")
	}
	var y exact
	// 10^24 × 10^12 / 10^24 = 10^12 counts… fine; 10^24 × 10^20 / 10^24 = 10^20 does not fit an int64.
	if y.mulRecip24(Money(pow10i[18]), u128Of(t, "100000000000000000000000000"), false); y.ok() {
		t.Error("a result past int64 stayed exact")
	}
}

func TestScalePart(t *testing.T) {
	var x exact
	// 1.0 × 0.3333333333333333 = 0.3333333333333333, cut to 0.3333333333.
	p := x.scalePart(partOfMoney(moneyUnit), 3333333333333333)
	if p.v != 3333333333 || !p.pos || p.exact || !x.ok() {
		t.Errorf("1 × 0.333… = %+v", p)
	}
	// 7 × 10^-10 × 0.5 = 3.5 × 10^-10, cut to 3 × 10^-10.
	if p := x.scalePart(partOfMoney(7), 5e15); p.v != 3 || p.exact {
		t.Errorf("7 × 0.5 = %+v", p)
	}
	// 10,000 × 0.25 = 2,500 exactly.
	if p := x.scalePart(partOfMoney(10000*moneyUnit), 25e14); p.v != 2500*moneyUnit || !p.exact || !p.pos {
		t.Errorf("10,000 × 0.25 = %+v", p)
	}
	// A zero ratio asks nothing.
	if p := x.scalePart(partOfMoney(moneyUnit), 0); p.pos || p.v != 0 {
		t.Errorf("1 × 0 = %+v", p)
	}
	if !x.ok() {
		t.Error("exact scaling lost")
	}
	var y exact
	if y.scalePart(askPart{v: 5, pos: true}, 5e15); y.ok() {
		t.Error("scaling an inexact part stayed exact")
	}
}

func TestHeadlineDeltaM(t *testing.T) {
	tests := []struct {
		name                       string
		c                          Component
		base, grant, total, d1, d4 Money
		h                          int
		want                       Money
		exact                      bool
	}{
		{"first year", ComponentTotalY1, 0, 0, 40, 7, 40, 4, 7, true},
		{"base plus a quarter of the grant", ComponentBaseEquityAvg, 100, 40, 0, 0, 0, 4, 110, true},
		{"a quarter of four years", ComponentTotalComp, 0, 0, 40, 0, 40, 4, 10, true},
		{"a quarter of the first four of five", ComponentTotalComp, 0, 0, 50, 0, 40, 5, 10, true},
		{"a quarter that is not exact", ComponentTotalComp, 0, 0, 42, 0, 42, 4, 0, false},
		{"a third of three years", ComponentTotalComp, 0, 0, 9 * moneyUnit, 0, 9 * moneyUnit, 3, 3 * moneyUnit, true},
		{"a third that is not exact", ComponentTotalComp, 0, 0, 10 * moneyUnit, 0, 10 * moneyUnit, 3, 0, false},
		{"one year", ComponentTotalComp, 0, 0, 7, 7, 7, 1, 7, true},
	}
	for _, tc := range tests {
		var x exact
		got := x.headlineDeltaM(tc.c, tc.base, tc.grant, tc.total, tc.d1, tc.d4, tc.h)
		if x.ok() != tc.exact || (tc.exact && got != tc.want) {
			t.Errorf("%s: got %d (exact %v), want %d (exact %v)", tc.name, got, x.ok(), tc.want, tc.exact)
		}
	}
}

func TestCmpAt(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		d      string
		v      int64
		places int32
		want   int
	}{
		{"49.999999999999", 50, 0, -1},
		{"50", 50, 0, 0},
		{"50.000000000001", 50, 0, 1},
		{"0.8", 8000000000, 10, 0},
		{"0.799999999999", 8000000000, 10, -1},
		{"-1", 0, 0, -1},
		{"123456789012345678901234567890", 1, 0, 1}, // past an int64: decimal compares
		{"1e30", 1, 0, 1},
	}
	for _, tc := range tests {
		if got := cmpAt(d(tc.d), tc.v, tc.places); got != tc.want {
			t.Errorf("cmpAt(%s, %d, %d) = %d, want %d", tc.d, tc.v, tc.places, got, tc.want)
		}
	}
}

func TestDivRound16(t *testing.T) {
	g := func(s string) u128 { return u128Of(t, s) }
	tests := []struct {
		n    Money
		g    u128
		want int64
	}{
		{1, g("3000000000000000000"), 3333333333333333},                                // 1/3
		{2, g("3000000000000000000"), 6666666666666667},                                // 2/3: the last place rounds up
		{1, g("2000000000000000000"), 5000000000000000},                                // 1/2 exactly
		{2469135780246913, g("20000000000000000000000000000000000"), 1234567890123457}, // …456.5 exactly: half away from zero
		{2469135780246911, g("20000000000000000000000000000000000"), 1234567890123456}, // …455.5 → …456
		{100000000000000000, g("300000000000000000000000000000000000"), 3333333333333333},
		{0, g("7"), 0},
	}
	for _, tc := range tests {
		var x exact
		if got := x.divRound16(tc.n, tc.g); !x.ok() || got != tc.want {
			t.Errorf("divRound16(%d, %v) = %d (ok %v), want %d", tc.n, big128(tc.g), got, x.ok(), tc.want)
		}
	}
	for _, tc := range []struct {
		n Money
		g u128
	}{{moneyUnit, u128{0, 1}}, {-1, g("3")}, {1, u128{}}} {
		var x exact
		if x.divRound16(tc.n, tc.g); x.ok() {
			t.Errorf("divRound16(%d, %v) stayed exact", tc.n, big128(tc.g))
		}
	}
}

func TestScaledByRatio(t *testing.T) {
	tests := []struct {
		m       Money
		f, r    int64
		want    Money
		wantPos bool
	}{
		{moneyUnit, 5e15, 5e15, 25e8, true},                        // 1 × 0.5 × 0.5 = 0.25
		{3, 5e15, 5e15, 0, true},                                   // 0.75 × 10^-10: cut to zero, still asked
		{7 * moneyUnit, 3333333333333333, 1e16, 23333333333, true}, // 2.3333333333333331 cut to 2.3333333333
		{0, 5e15, 5e15, 0, false},
		{moneyUnit, 5e15, 0, 0, false},
	}
	for _, tc := range tests {
		var x exact
		if got := x.scaledByRatio(tc.m, tc.f, tc.r); !x.ok() || got.v != tc.want || got.pos != tc.wantPos {
			t.Errorf("scaledByRatio(%d, %d, %d) = %+v, want %d (pos %v)", tc.m, tc.f, tc.r, got, tc.want, tc.wantPos)
		}
	}
	var x exact
	if x.scaledByRatio(-1, 1, 1); x.ok() {
		t.Error("a negative part stayed exact")
	}
}

func TestCappedGain(t *testing.T) {
	y := func(y1, y2 Money) changeM { return changeM{inSignOnY1: y1, inSignOnY2: y2} }
	tests := []struct {
		name  string
		c     Component
		ch    changeM
		f     int64
		years int
		want  string // counts of 10^-28
	}{
		{"first year: y1·f", ComponentTotalY1, y(moneyUnit, moneyUnit), 5e15, 4, "5000000000000000000000000000"},          // 0.5
		{"a quarter of four years", ComponentTotalComp, y(moneyUnit, moneyUnit), 5e15, 4, "2500000000000000000000000000"}, // (1 + 1) × 0.5 / 4
		{"a quarter of the first four of five", ComponentTotalComp, y(moneyUnit, moneyUnit), 5e15, 5, "2500000000000000000000000000"},
		{"a third of three years, to 12 places", ComponentTotalComp, y(moneyUnit, moneyUnit), 5e15, 3, "3333333333330000000000000000"}, // 0.333333333333
		{"one year leaves y2 out", ComponentTotalComp, y(moneyUnit, moneyUnit), 5e15, 1, "5000000000000000000000000000"},
		{"base + grant / 4 moves nothing", ComponentBaseEquityAvg, y(moneyUnit, moneyUnit), 5e15, 4, "0"},
	}
	for _, tc := range tests {
		var x exact
		if got := x.cappedGain(tc.c, tc.ch, tc.f, tc.years); !x.ok() || big128(got).String() != tc.want {
			t.Errorf("%s: %v (ok %v), want %s", tc.name, big128(got), x.ok(), tc.want)
		}
	}
	var x exact
	if x.cappedGain(ComponentTotalComp, changeM{inBase: 1, inSignOnY1: 1}, 5e15, 4); x.ok() {
		t.Error("a capped change with a base part stayed exact")
	}
}

func TestSignOnRoom(t *testing.T) {
	var x exact
	// (1 + 3 × 10^-10) × 0.5 = 0.50000000015 → 0.500000.
	if got := x.signOnRoom(askParts{}, &highAsk{f: 5e15, y1: moneyUnit, y2: 3}); got != 5e9 {
		t.Errorf("room = %d, want 5e9", got)
	}
	// 10^-6 × 0.5 = 5 × 10^-7 exactly, half away from zero → 10^-6.
	if got := x.signOnRoom(askParts{}, &highAsk{f: 5e15, y1: 1e4}); got != 1e4 {
		t.Errorf("room = %d, want 1e4", got)
	}
	// Exact parts: summed and rounded in Money.
	if got := x.signOnRoom(askParts{inSignOnY1: partOfMoney(12345678), inSignOnY2: partOfMoney(5e3)}, &highAsk{}); got != 12350000 {
		t.Errorf("room = %d, want 12350000", got)
	}
	if !x.ok() {
		t.Error("room lost")
	}
}

func TestMaxPart(t *testing.T) {
	var x exact
	if v, ok := x.maxPart(askPart{v: 5, exact: true}, askPart{v: 5}); v != 5 || ok {
		t.Errorf("a tie with a cut part = %d, exact %v", v, ok)
	}
	if v, ok := x.maxPart(askPart{v: 6, exact: true}, askPart{v: 5}); v != 6 || !ok {
		t.Errorf("max = %d, exact %v", v, ok)
	}
	if x.maxPart(askPart{neg: true}, askPart{}); x.ok() {
		t.Error("a negative ask stayed exact")
	}
}
