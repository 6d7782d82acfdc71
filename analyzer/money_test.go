package analyzer

import (
	"testing"

	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestMoneyAgreesWithDecimal holds each Money operation to the decimal
// operation it stands for: the same value when exact, lost otherwise.
func TestMoneyAgreesWithDecimal(t *testing.T) {
	tests := []struct {
		name, a, b string
		op         string // add, sub, mul, div12, div16, round0, round6, ceil, fixed2, trunc
		lost       bool
	}{
		{name: "cents", a: "270000.25", b: "1234.5", op: "add"},
		{name: "negative sum", a: "-5.5", b: "2.25", op: "add"},
		{name: "difference", a: "100", b: "100.0000000001", op: "sub"},
		{name: "grant × vest", a: "380000", b: "0.15", op: "mul"},
		{name: "growth factor", a: "95000.25", b: "1.4641", op: "mul"},
		{name: "tax rate", a: "187654.32", b: "0.0685", op: "mul"},
		{name: "eleven places", a: "0.00001", b: "0.000001", op: "mul", lost: true},
		{name: "overflow", a: "900000000", b: "900000000", op: "mul", lost: true},
		{name: "negative product", a: "-12.5", b: "0.04", op: "mul"},
		{name: "average of three", a: "1000000", b: "3", op: "div12"},
		{name: "tie away from zero", a: "0.0000000005", b: "1000", op: "div12"},
		{name: "negative tie", a: "-0.0000000005", b: "1000", op: "div12"},
		{name: "phase-in", a: "12345.67", b: "50000", op: "div16"},
		{name: "divide by zero", a: "1", b: "0", op: "div12", lost: true},
		{name: "school credit tie", a: "62.5", op: "round0"},
		{name: "school credit below", a: "62.4999999999", op: "round0"},
		{name: "negative round", a: "-2.5", op: "round0"},
		{name: "six places", a: "1234.5678905", op: "round6"},
		{name: "ceil", a: "12.0000000001", op: "ceil"},
		{name: "ceil negative", a: "-12.5", op: "ceil"},
		{name: "ceil whole", a: "12", op: "ceil"},
		{name: "half-even cents", a: "1.005", op: "fixed2"},
		{name: "half-even odd", a: "1.015", op: "fixed2"},
		{name: "half-even negative", a: "-1.015", op: "fixed2"},
		{name: "trunc long share", a: "12345.678901234567891234", op: "trunc"},
		{name: "trunc exact", a: "12345.67", op: "trunc"},
		{name: "from a DivRound", a: "0.18750000000000000000", op: "trunc"},
		{name: "too many places", a: "0.00000000001", op: "add", b: "0", lost: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var x exact
			a := dec(tc.a)
			var b decimal.Decimal
			if tc.b != "" {
				b = dec(tc.b)
			}
			ma, mb := x.moneyOf(a), x.moneyOf(b)
			var got, want decimal.Decimal
			switch tc.op {
			case "add":
				got, want = x.add(ma, mb).Decimal(), a.Add(b)
			case "sub":
				got, want = x.sub(ma, mb).Decimal(), a.Sub(b)
			case "mul":
				got, want = x.mul(ma, mb).Decimal(), a.Mul(b)
			case "div12":
				got = decimal.New(x.divRound(ma, mb, 12), -12)
				if !b.IsZero() {
					want = a.DivRound(b, 12)
				}
			case "div16":
				got, want = decimal.New(x.divRound(ma, mb, 16), -16), a.DivRound(b, 16)
			case "round0":
				got, want = ma.round(0).Decimal(), a.Round(0)
			case "round6":
				got, want = ma.round(6).Decimal(), a.Round(6)
			case "ceil":
				got, want = ma.ceil().Decimal(), a.Ceil()
			case "fixed2":
				if f, w := ma.Fixed(2), FixedOf(a, 2); f != w {
					t.Fatalf("Fixed(2) of %s = %d, FixedOf %d", tc.a, f, w)
				}
				return
			case "trunc":
				x = exact{}
				got, want = x.truncOf(a).Decimal(), a.Truncate(moneyPlaces)
			}
			if x.ok() == tc.lost {
				t.Fatalf("exact = %v, want %v", x.ok(), !tc.lost)
			}
			if !tc.lost && !got.Equal(want) {
				t.Fatalf("got %s, decimal %s", got, want)
			}
		})
	}
}

// TestAppendDollars holds appendDollars to Dollars.
func TestAppendDollars(t *testing.T) {
	for _, s := range []string{"0", "0.5", "1.5", "-0.4", "999.5", "1000", "1140000", "-5000", "123456789.49"} {
		var x exact
		m := x.moneyOf(dec(s))
		if got, want := string(appendDollars(nil, m)), Dollars(dec(s)); got != want {
			t.Errorf("%s: got %q, want %q", s, got, want)
		}
	}
}
