package analyzer

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestCleanFigure(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		name                            string
		cur, ask, low, high, step, want string
	}{
		{"base rounds up to $1,000", "175000", "10781.25", "8750", "26250", "1000", "11000"},
		{"past the high ask rounds down", "175000", "30000", "8750", "26250", "1000", "26000"},
		{"below the low ask is raised to it", "300000", "1000", "60000", "150000", "5000", "60000"},
		{"a capped low ask may round down", "70000", "30800", "30800", "30800", "5000", "30000"},
		{"a figure not itself clean", "76563", "10000", "5000", "20000", "5000", "13437"},
		{"the largest clean figure within the high ask, below the low ask", "171000", "1500", "1200", "1800", "1000", "1000"},
		{"no clean figure above the current one within the high ask", "171500", "300", "200", "400", "1000", "0"},
		{"a cap that binds: the largest clean figure within it", "100000", "38889", "0", "38889", "5000", "35000"},
		{"nothing asked", "175000", "0", "8750", "26250", "1000", "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := cleanFigure(d(tc.cur), d(tc.ask), d(tc.low), d(tc.high), d(tc.step))
			if !got.Equal(d(tc.want)) {
				t.Errorf("cleanFigure = %s, want %s", got, tc.want)
			}
		})
	}
}
