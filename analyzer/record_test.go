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

func TestCandidateIndexWinners(t *testing.T) {
	rec := func(name string, y1, y2 analyzer.Fixed) *analyzer.Record {
		return &analyzer.Record{Candidate: name, Years: []analyzer.YearCents{{Total: y1}, {Total: y2}}, Total: y1 + y2}
	}
	idx := analyzer.NewCandidateIndex()
	idx.Add(0, rec("Priya", 100_00, 50_00))
	idx.Add(1, rec("", 999_00, 999_00)) // no candidate: left out
	idx.Add(2, rec("Bob", 10_00, 10_00))
	idx.Add(3, rec("priya", 100_00, 60_00)) // same candidate, case folded; ties year 1
	idx.Add(4, rec("Priya", 90_00, 50_01))
	got := idx.Candidates()
	if len(got) != 2 || got[0].Name != "Priya" || got[1].Name != "Bob" {
		t.Fatalf("candidates = %+v, want Priya then Bob", got)
	}
	p := got[0]
	if want := []int{0, 3, 4}; !equalInts(p.Offers, want) {
		t.Errorf("Priya's offers = %v, want %v", p.Offers, want)
	}
	if want := []int{0, 1}; !equalInts(p.YearWinners, want) {
		t.Errorf("year winners = %v, want %v (a tie goes to the earlier offer)", p.YearWinners, want)
	}
	if p.TotalWinner != 1 {
		t.Errorf("total winner = %d, want 1 (160.00 against 150.00 and 140.01)", p.TotalWinner)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
