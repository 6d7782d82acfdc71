package importers

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

//go:embed defaults/retirement-2026.csv
var retirementCSV []byte

// DefaultRetirementSource names the built-in retirement limits in reports.
const DefaultRetirementSource = "built-in 2026 limits: 401(k) elective deferral and compensation limit (IRS Notice 2025-67), ESPP $25,000 (IRC 423(b)(8))"

// DefaultRetirementLimits returns the built-in 2026 limits total rewards
// apply: the 401(k) employee elective deferral limit and compensation
// limit, and the ESPP's yearly market-value cap, each row citing its source.
func DefaultRetirementLimits() (*analyzer.RetirementLimits, error) {
	return ReadRetirementLimits(retirementCSV)
}

// ReadRetirementLimits parses a retirement limits table: columns source,
// kind (elective_deferral, compensation_limit, espp_market_value), year,
// amount, note.
func ReadRetirementLimits(data []byte) (*analyzer.RetirementLimits, error) {
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, err
	}
	lim := &analyzer.RetirementLimits{Source: DefaultRetirementSource}
	for i, rec := range recs {
		if i == 0 {
			continue
		}
		if len(rec) < 4 {
			return nil, fmt.Errorf("retirement limits row %d: want source, kind, year, amount, note", i+1)
		}
		amount, err := decimal.NewFromString(strings.TrimSpace(rec[3]))
		if err != nil || amount.IsNegative() {
			return nil, fmt.Errorf("retirement limits row %d: column \"amount\": invalid amount %q", i+1, rec[3])
		}
		switch strings.TrimSpace(rec[1]) {
		case "elective_deferral":
			lim.ElectiveDeferral = decimal.NewNullDecimal(amount)
		case "compensation_limit":
			lim.CompensationLimit = decimal.NewNullDecimal(amount)
		case "espp_market_value":
			lim.ESPPMarketValue = decimal.NewNullDecimal(amount)
		default:
			return nil, fmt.Errorf("retirement limits row %d: column \"kind\": unknown kind %q", i+1, rec[1])
		}
	}
	return lim, nil
}
