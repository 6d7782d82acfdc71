package exporters

import (
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
)

// afterTaxColumns are results.csv's after-tax columns (see "results.csv and
// results.json" in docs/METHOD.md): tax_residence, filing_status,
// y1_after_tax … yH_after_tax, after_tax_total and after_tax_average. The
// figures are blank, never zero, for an offer without a residence (Remote) or
// a run without tax tables.
func afterTaxColumns(h int) []resultColumn {
	known := func(f func(r *analyzer.Record) value) func(r *analyzer.Record) value {
		return func(r *analyzer.Record) value {
			if !r.TaxKnown {
				return blank
			}
			return f(r)
		}
	}
	cols := []resultColumn{
		{"tax_residence", known(func(r *analyzer.Record) value { return text(r.TaxResidence) })},
		{"filing_status", func(r *analyzer.Record) value {
			if !r.HasTax {
				return blank
			}
			return text(r.TaxFiling)
		}},
	}
	for t := 1; t <= h; t++ {
		i := t - 1
		cols = append(cols, resultColumn{fmt.Sprintf("y%d_after_tax", t), known(func(r *analyzer.Record) value {
			if i >= len(r.TakeHome) {
				return blank
			}
			return moneyValue(r.TakeHome[i])
		})})
	}
	return append(cols,
		resultColumn{"after_tax_total", known(func(r *analyzer.Record) value { return moneyValue(r.TakeHomeTotal) })},
		resultColumn{"after_tax_average", known(func(r *analyzer.Record) value { return moneyValue(r.TakeHomeAverage) })},
	)
}
