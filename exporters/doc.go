// Package exporters turns offerbook's analyses into files: the analysed
// Excel workbook (WriteWorkbook: About, Summary, Levers, Candidates, Bands,
// Errors and one sheet per offer), the machine-readable results.csv and
// results.json (WriteResultsCSV, WriteResultsJSON) and errors.csv
// (WriteErrorsCSV). Market figures that do not apply (no band, no peer
// group, an unavailable lever) are left blank, never written as zero.
//
// Money stays decimal.Decimal until the moment a value is written; it is
// then rounded half-even to cents. Workbook money cells are numeric cells
// with a currency number format, never text, and the per-offer year tables
// are live formulas over the offer's inputs with cached values taken from
// the analyzer, so every reader sees numbers and Excel recomputes when a user
// edits an input.
//
// Text that came from the input is always written as text: in the workbook
// it is a string cell, in CSV a value starting with = + - or @ is prefixed
// with a single quote so no spreadsheet reads it as a formula.
//
// The sheets are written here; how the .xlsx package is saved (one pass,
// fixed bytes), the rows of the large sheets encoded, the pivot tables'
// parts and the print areas appended is the engine's, package
// exporters/ooxml, which knows nothing of offers.
//
// WriteFileAtomic writes any of these outputs to a temporary file and renames
// it into place, and DumpWorkbook renders a workbook as stable text for
// golden tests.
package exporters
