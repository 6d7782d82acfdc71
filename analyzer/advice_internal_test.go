package analyzer

import (
	"fmt"
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

// TestResolveHalvesAgree: a book past resolveSplit candidates, resolved in
// two halves side by side, gives every offer the rank and comparator, and
// every candidate the decision, that resolving it in one pass gives (run
// it with -race: the halves share the book).
func TestResolveHalvesAgree(t *testing.T) {
	build := func() *CandidateBook {
		b := NewCandidateBook()
		for c := range 3*resolveSplit + 7 {
			for k := range 1 + c%4 {
				v := Fixed(100_000_00 + (c*7919+k*104729)%50_000_00)
				b.AddFigures(BookFigures{key: fmt.Sprintf("candidate %d", c), years: 4,
					f: offerFigures{fig: [figCount]Fixed{v, 4 * v, v, v / 2, 3 * v, v, v / 2}, hasTax: k%3 != 2}})
			}
		}
		return b
	}
	label := func(i int) OfferLabel { return OfferLabel{ID: fmt.Sprintf("O-%d", i), Company: "Co", Level: "L6"} }
	split, whole := build(), build()
	split.Resolve(label)
	whole.label = label
	whole.byName = nil
	// The same set-up as Resolve, then one pass over every candidate.
	whole.memberStart, whole.memberList = split.memberStart, split.memberList
	whole.decisions = make([]Decision, whole.candidates)
	whole.comparators = make([]bookComparator, whole.candidates)
	whole.resolveRange(0, whole.candidates, label)
	if split.candidates/2 < resolveSplit {
		t.Fatalf("%d candidates: not split", split.candidates)
	}
	for i := int32(0); i < split.n; i++ {
		if split.entry(i).rank != whole.entry(i).rank {
			t.Fatalf("offer %d: rank %d, in one pass %d", i, split.entry(i).rank, whole.entry(i).rank)
		}
	}
	for c := range split.candidates {
		s, w := split.decisions[c], whole.decisions[c]
		if s.WinnerID != w.WinnerID || s.AfterTax != w.AfterTax || split.comparators[c] != whole.comparators[c] {
			t.Fatalf("candidate %d: %+v %+v, in one pass %+v %+v", c, s, split.comparators[c], w, whole.comparators[c])
		}
	}
}
