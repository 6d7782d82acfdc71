package exporters

import (
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
)

// afterTaxColumns are results.csv's after-tax columns (SPEC §7):
// tax_residence, filing_status, y1_after_tax … yH_after_tax,
// after_tax_total and after_tax_average. The figures are blank, never zero,
// for an offer without a residence (Remote) or a run without tax tables.
func afterTaxColumns(h int) []resultColumn {
	known := func(f func(t *analyzer.AfterTax) value) func(a *analyzer.Analysis) value {
		return func(a *analyzer.Analysis) value {
			if !a.AfterTax.Known() {
				return blank
			}
			return f(a.AfterTax)
		}
	}
	cols := []resultColumn{
		{"tax_residence", known(func(t *analyzer.AfterTax) value { return text(string(t.Residence)) })},
		{"filing_status", func(a *analyzer.Analysis) value {
			if a.AfterTax == nil {
				return blank
			}
			return text(string(a.AfterTax.Filing))
		}},
	}
	for t := 1; t <= h; t++ {
		i := t - 1
		cols = append(cols, resultColumn{fmt.Sprintf("y%d_after_tax", t), known(func(at *analyzer.AfterTax) value {
			if i >= len(at.Years) {
				return blank
			}
			return moneyValue(at.Years[i].TakeHome)
		})})
	}
	return append(cols,
		resultColumn{"after_tax_total", known(func(t *analyzer.AfterTax) value { return moneyValue(t.Total) })},
		resultColumn{"after_tax_average", known(func(t *analyzer.AfterTax) value { return moneyValue(t.Average) })},
	)
}
