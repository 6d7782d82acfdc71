package exporters

// SetPivotLimit sets the most Summary rows that get real pivot tables, for
// a test, and returns a function that restores it.
func SetPivotLimit(n int) (restore func()) {
	old := pivotLimit
	pivotLimit = n
	return func() { pivotLimit = old }
}
