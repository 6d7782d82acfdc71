package exporters

import (
	"math"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// TestAverageAndQuartileOfCents: the static tables' average and quartiles
// of totals kept in cents equal Excel's AVERAGE and PERCENTILE.INC worked
// by hand, and a sum past int64 stays exact.
func TestAverageAndQuartileOfCents(t *testing.T) {
	dollars := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	cents := []analyzer.Fixed{10000, 25050, 30000, 100001} // $100, $250.50, $300, $1,000.01
	cases := []struct {
		name string
		got  decimal.Decimal
		want decimal.Decimal
	}{
		// (100 + 250.50 + 300 + 1000.01) / 4 = 412.6275
		{"average", average(cents), dollars("412.6275")},
		// rank 0.25×3 = 0.75: 100 + 0.75×150.50 = 212.875
		{"P25", quartile(cents, 25), dollars("212.875")},
		// rank 1.5: 250.50 + 0.5×49.50 = 275.25
		{"P50", quartile(cents, 50), dollars("275.25")},
		// rank 2.25: 300 + 0.25×700.01 = 475.0025
		{"P75", quartile(cents, 75), dollars("475.0025")},
		{"P100", quartile(cents, 100), dollars("1000.01")},
		{"empty", average(nil), decimal.Zero},
		// 2 × (2^63 − 1) + 2 cents = 2^64 cents, past int64.
		{"sum past int64", sumCents([]analyzer.Fixed{math.MaxInt64, 2, math.MaxInt64}), dollars("18446744073709551616")},
		{"negative sum past int64", sumCents([]analyzer.Fixed{math.MinInt64, -1, math.MinInt64 + 1}), dollars("-18446744073709551616")},
	}
	for _, c := range cases {
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
}

// TestExactTotalGreater: the candidates' after-tax totals compare exactly,
// across exponents and past int64.
func TestExactTotalGreater(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		a, b string
		want bool
	}{
		{"1.5", "1.49", true},
		{"1.49", "1.5", false},
		{"1.50", "1.5", false},
		{"-1.5", "-1.49", false},
		{"100", "99.999999999999999999", true},
		{"123456789012345678.9", "123456789012345678.8", true},
		{"99999999999999999999999", "99999999999999999999998", true},
		{"1e-30", "0", true},
		{"9223372036854775807", "9223372036854775806.5", true},
		{"0.000000000000000001", "92233720368547758.07", false},
	}
	for _, tc := range tests {
		a, b := exactOf(d(tc.a)), exactOf(d(tc.b))
		if got := a.greater(b); got != tc.want {
			t.Errorf("%s > %s = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got, want := a.decimal().Equal(d(tc.a)), true; got != want {
			t.Errorf("%s kept as %s", tc.a, a.decimal())
		}
	}
}
