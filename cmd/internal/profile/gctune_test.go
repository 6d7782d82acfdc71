package profile

import "testing"

// TestGrowthFor: the next collection comes at HeapBudget (176 MiB) while
// the live heap is well under it, at minGrowth (60%) over the live heap
// past it, and the percentage stays within its bounds.
func TestGrowthFor(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		live uint64
		want int
	}{
		{0, 60},         // nothing measured yet: the cautious figure
		{1 * mb, 5000},  // (176-1)/1 = 17500%, capped at 5000%
		{16 * mb, 1000}, // (176-16)/16 = 10 times over
		{88 * mb, 100},  // (176-88)/88: the default GOGC
		{100 * mb, 76},  // (176-100)/100
		{110 * mb, 60},  // (176-110)/110 = 60%
		{120 * mb, 60},  // (176-120)/120 = 46%, raised to 60%
		{176 * mb, 60},  // at the budget
		{600 * mb, 60},  // far past it
	} {
		if got := growthFor(tc.live); got != tc.want {
			t.Errorf("growthFor(%d MiB) = %d, want %d", tc.live/mb, got, tc.want)
		}
	}
}
