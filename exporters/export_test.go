package exporters

// SetCandidateChartLimit sets the most candidate charts a workbook carries,
// for a test, and returns a function that restores it.
func SetCandidateChartLimit(n int) (restore func()) {
	old := maxCandidateCharts
	maxCandidateCharts = n
	return func() { maxCandidateCharts = old }
}
