package profile

import "testing"

// TestGrowthFor: the next collection comes at HeapBudget (160 MiB) while
// the live heap is well under it, at minGrowth (60%) over the live heap
// past it, and the percentage stays within its bounds.
func TestGrowthFor(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		live uint64
		want int
	}{
		{0, 60},        // nothing measured yet: the cautious figure
		{1 * mb, 5000}, // (160-1)/1 = 15900%, capped at 5000%
		{16 * mb, 900}, // (160-16)/16 = 9 times over
		{80 * mb, 100}, // (160-80)/80: the default GOGC
		{90 * mb, 77},  // (160-90)/90 = 77.7%, truncated
		{100 * mb, 60}, // (160-100)/100 = 60%
		{120 * mb, 60}, // (160-120)/120 = 33%, raised to 60%
		{160 * mb, 60}, // at the budget
		{600 * mb, 60}, // far past it
	} {
		if got := growthFor(tc.live); got != tc.want {
			t.Errorf("growthFor(%d MiB) = %d, want %d", tc.live/mb, got, tc.want)
		}
	}
}
