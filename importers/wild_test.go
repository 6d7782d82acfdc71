package importers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/importers"
)

// readCSVText reads CSV text through ReadFile's CSV path with warnings kept.
func readCSVText(t *testing.T, text string) (result, []string) {
	t.Helper()
	var res result
	var warns []string
	emit, reject := collector(&res)
	path := writeTemp(t, "offers.csv", text)
	res.stats, res.err = importers.ReadFile(context.Background(), path,
		importers.Options{Warn: func(s string) { warns = append(warns, s) }}, emit, reject)
	return res, warns
}

// TestTotalsRows: a row starting "Total" is skipped only when the rest of
// it is numbers; a company named Total (level, location written) is an
// offer; each skipped totals row is named in a warning and counted.
func TestTotalsRows(t *testing.T) {
	const header = "company,level,location,base,rsu_value\n"
	for _, tc := range []struct {
		name        string
		rows        string
		offers      int
		totals      int
		warnHasRows string
	}{
		{"company named Total", "Total,L5,Seattle,180000,300000\nAcme,L5,Austin,170000,200000\n", 2, 0, ""},
		{"Sum as a company", "Sum,L4,Austin,150000,100000\n", 1, 0, ""},
		{"Subtotal with numbers only", "Acme,L5,Austin,170000,200000\nSubtotal,,,170000,200000\n", 1, 1, "row 3"},
		{"Total: with money text", "Acme,L5,Austin,170000,200000\nTotal:,,,\"$170,000\",200000\nGrand total,,,,\n", 1, 2, "row 3, 4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, warns := readCSVText(t, header+tc.rows)
			if res.err != nil {
				t.Fatal(res.err)
			}
			checkInvariant(t, res)
			if len(res.offers) != tc.offers || res.stats.Totals != tc.totals || res.stats.Skipped != tc.totals {
				t.Errorf("offers %d, totals %d, skipped %d; want %d, %d, %d", len(res.offers), res.stats.Totals, res.stats.Skipped, tc.offers, tc.totals, tc.totals)
			}
			if tc.totals == 0 && len(warns) > 0 {
				t.Errorf("warned %q", warns)
			}
			if tc.totals > 0 && (len(warns) != 1 || !strings.Contains(warns[0], tc.warnHasRows) || !strings.Contains(warns[0], "offers.csv")) {
				t.Errorf("warnings %q, want one naming offers.csv and %s", warns, tc.warnHasRows)
			}
		})
	}
}
