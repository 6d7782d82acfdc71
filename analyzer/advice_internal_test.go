package analyzer

import (
	"math"
	"testing"
)

// TestBookPlaceFigures: a resolved offer's figures come back as filed,
// whether they fit the place's int32 cents or are kept wide.
func TestBookPlaceFigures(t *testing.T) {
	tests := []struct {
		name string
		f    [4]Fixed
	}{
		{"small", [4]Fixed{1, 2, 3, 4}},
		{"zero and negative", [4]Fixed{0, -5, math.MinInt32 + 1, math.MaxInt32}},
		{"one past int32", [4]Fixed{1, 2, math.MaxInt32 + 1, 4}},
		{"int32's minimum marks wide itself", [4]Fixed{math.MinInt32, 2, 3, 4}},
		{"past int32 below", [4]Fixed{1, math.MinInt32 - 1, 3, 4}},
		{"the largest", [4]Fixed{math.MaxInt64, math.MinInt64 + 1, 0, 1}},
	}
	b := &CandidateBook{places: make([]bookPlace, 2)}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b.setFigures(1, tc.f)
			for k, want := range tc.f {
				if got := b.figure(1, k); got != want {
					t.Errorf("figure %d = %d, want %d", k, got, want)
				}
			}
			// Filed again small, it is no longer wide.
			b.setFigures(1, [4]Fixed{7, 8, 9, 10})
			if got := b.figure(1, placeAfterTax); got != 10 || len(b.wide) != 0 {
				t.Errorf("refiled: figure %d, %d wide; want 10, 0", got, len(b.wide))
			}
		})
	}
}
