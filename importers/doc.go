// Package importers reads job offers from CSV and XLSX spreadsheets and turns
// each data row into an analyzer.Offer or a RowError that says where the row
// was (file, sheet, row, column), what the raw value was and why it was
// rejected.
//
// Both formats go through one path: a reader adapter hands gocsv a canonical
// header followed by the records (from encoding/csv or from excelize's
// streaming row iterator), gocsv fills a private row struct whose fields keep
// the raw text, and this package parses and validates every cell itself, so
// positions are exact and nothing is silently lost. Offers are emitted through
// a callback as they are read; a file is never held in memory as a slice of
// rows.
//
// Input is treated as hostile: CSV text is decoded from UTF-16 or
// Windows-1252 when it is not UTF-8, and any line end ends a row; a workbook
// is checked before excelize reads it (encryption, part sizes budgeted to the
// file's size, every part's checksum, XML shaped to exhaust memory), and a
// sheet whose XML stops parsing is reported at the row where reading
// stopped, never read as a shorter sheet. See ReadCSV and ReadXLSX.
//
// Headers are matched case-, space-, punctuation- and unit-insensitively (see
// CanonicalColumn). Money, percentages, dates and numbers are parsed by
// ParseMoney, ParsePercent, ParseDate and ParseNumber, which never use
// float64.
//
// The package also reads the run's reference data, with the same header
// matching, value parsing and RowError positions: market bands (ReadBands,
// or the embedded DefaultBands transcribed from the negotiation guides), AI/ML
// premiums (ReadPremiums, DefaultPremiums) and the negotiation playbook, a
// YAML file laid over analyzer.DefaultPlaybook (ReadPlaybook; the embedded
// DefaultPlaybookYAML documents every key). The embedded defaults live in
// defaults/ beside this package.
package importers
