// Package analyzer holds offerbook's domain types and its pure calculation:
// an Offer goes in, an Analysis comes out. Year-by-year totals under a
// vesting Schedule, calendar-year splits, growth scenarios and flags are all
// computed here with shopspring/decimal, never float64.
//
// The package does no file, network or clock access; importers turn files
// into Offers and exporters turn Analyses into workbooks and CSV/JSON.
package analyzer
