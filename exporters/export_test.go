package exporters

// SetCandidateChartLimit sets the most candidate charts a workbook carries,
// for a test, and returns a function that restores it.
func SetCandidateChartLimit(n int) (restore func()) {
	old := maxCandidateCharts
	maxCandidateCharts = n
	return func() { maxCandidateCharts = old }
}

// SetNotesByExcelize has excelize's AddComment write every Summary note, for
// a test, and returns a function that restores the engine's notes.
func SetNotesByExcelize(on bool) (restore func()) {
	old := notesByExcelize
	notesByExcelize = on
	return func() { notesByExcelize = old }
}
