package analyzer

import (
	"math"
	"testing"
)

// TestBookEntryFigures: an offer's figures come back as filed, whether
// they fit the entry's int32 cents or are kept wide.
func TestBookEntryFigures(t *testing.T) {
	tests := []struct {
		name string
		f    [figCount]Fixed
	}{
		{"small", [figCount]Fixed{1, 2, 3, 4, 5, 6, 7}},
		{"zero and negative", [figCount]Fixed{0, -5, math.MinInt32 + 1, math.MaxInt32}},
		{"one past int32", [figCount]Fixed{1, 2, math.MaxInt32 + 1, 4}},
		{"int32's minimum marks wide itself", [figCount]Fixed{math.MinInt32, 2, 3, 4}},
		{"past int32 below", [figCount]Fixed{1, math.MinInt32 - 1, 3, 4}},
		{"the largest", [figCount]Fixed{6: math.MaxInt64, 5: math.MinInt64 + 1}},
	}
	b := NewCandidateBook()
	for _, tc := range tests {
		// A small offer on either side: the wide one's figures are its own.
		b.AddFigures(BookFigures{f: offerFigures{fig: [figCount]Fixed{9, 9, 9, 9, 9, 9, 9}}})
		b.AddFigures(BookFigures{f: offerFigures{fig: tc.f}})
		b.AddFigures(BookFigures{f: offerFigures{fig: [figCount]Fixed{8, 8, 8, 8, 8, 8, 8}}})
	}
	for n, tc := range tests {
		i := int32(3*n + 1)
		for k, want := range tc.f {
			if got := b.figure(i, k); got != want {
				t.Errorf("%s: figure %d = %d, want %d", tc.name, k, got, want)
			}
		}
		if b.figure(i-1, figTotal) != 9 || b.figure(i+1, figTax2) != 8 {
			t.Errorf("%s: the offers beside it have %d and %d, want 9 and 8", tc.name, b.figure(i-1, figTotal), b.figure(i+1, figTax2))
		}
	}
	if len(b.wide) != 4 {
		t.Errorf("%d offers kept wide, want 4", len(b.wide))
	}
}
