package analyzer_test

import (
	"math/rand/v2"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

func TestFixedOfRoundsHalfEven(t *testing.T) {
	tests := []struct {
		in     string
		places int32
		want   analyzer.Fixed
	}{
		{"0", 2, 0},
		{"270000", 2, 27000000},
		{"1.005", 2, 100},   // tie, 0 is even
		{"1.015", 2, 102},   // tie, 2 is even
		{"1.0051", 2, 101},  // past the tie
		{"-1.005", 2, -100}, // tie, negative
		{"-1.015", 2, -102},
		{"-2.5", 0, -2},
		{"3.5", 0, 4},
		{"12.34", 1, 123},
		{"12.35", 1, 124},
		{"99.95", 1, 1000},
		{"0.004999999999999999999999", 2, 0},
		{"123456789012345678901234.565", 2, 0}, // slow path: checked below against decimal
	}
	for _, tc := range tests {
		d := decimal.RequireFromString(tc.in)
		want := analyzer.Fixed(d.RoundBank(tc.places).Shift(tc.places).IntPart())
		if tc.want != 0 || tc.in == "0" || tc.in == "0.004999999999999999999999" {
			if want != tc.want {
				t.Fatalf("test table wrong for %s: decimal gives %d", tc.in, want)
			}
		}
		if got := analyzer.FixedOf(d, tc.places); got != want {
			t.Errorf("FixedOf(%s, %d) = %d, want %d", tc.in, tc.places, got, want)
		}
	}
}

// TestFixedOfAgreesWithDecimal compares FixedOf with decimal's RoundBank
// on random amounts of every scale, as the engine makes them.
func TestFixedOfAgreesWithDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200_000; i++ {
		coef := r.Int64N(1_000_000_000_000) - 500_000_000_000
		if i%7 == 0 {
			coef = coef/1000*1000 + 500 // ties
		}
		d := decimal.New(coef, -int32(r.IntN(14)))
		places := int32(r.IntN(4))
		want := analyzer.Fixed(d.RoundBank(places).Shift(places).IntPart())
		got := analyzer.FixedOf(d, places)
		if got != want {
			t.Fatalf("FixedOf(%s, %d) = %d, want %d", d, places, got, want)
		}
		if f, w := got.Float(places), d.RoundBank(places).InexactFloat64(); f != w {
			t.Fatalf("Float of %s at %d places = %v, decimal gives %v", d, places, f, w)
		}
	}
}

func TestFixedText(t *testing.T) {
	for _, tc := range []struct {
		f      analyzer.Fixed
		places int32
		want   string
	}{{27000000, 2, "270000.00"}, {-5, 2, "-0.05"}, {0, 2, "0.00"}, {123, 1, "12.3"}, {-1000, 1, "-100.0"}, {7, 0, "7"}} {
		if got := string(tc.f.AppendText(nil, tc.places)); got != tc.want {
			t.Errorf("AppendText(%d, %d) = %q, want %q", tc.f, tc.places, got, tc.want)
		}
		if got := decimal.New(int64(tc.f), -tc.places).StringFixed(tc.places); got != tc.want {
			t.Errorf("decimal writes %d,%d as %q, want %q", tc.f, tc.places, got, tc.want)
		}
	}
}
