package exporters

// SetPivotLimit sets the most Summary rows that get real pivot tables, for
// a test, and returns a function that restores it.
func SetPivotLimit(n int) (restore func()) {
	old := pivotLimit
	pivotLimit = n
	return func() { pivotLimit = old }
}

// SetCandidateChartLimit sets the most candidate charts a workbook carries,
// for a test, and returns a function that restores it.
func SetCandidateChartLimit(n int) (restore func()) {
	old := maxCandidateCharts
	maxCandidateCharts = n
	return func() { maxCandidateCharts = old }
}
