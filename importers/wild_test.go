package importers_test

import (
	"context"
	"fmt"
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

// TestNumberConvention: a file's number convention is decided once, by its
// first number with a separator; a value that only the other convention
// reads is rejected, and an ambiguous one that the floors find implausible
// is rejected rather than read as $300.
func TestNumberConvention(t *testing.T) {
	for _, tc := range []struct {
		name   string
		text   string
		rsu    []string // the offers' grants, in order
		errors []string // "row column value sentinel-text"
	}{
		{
			name: "semicolon file with US thousands",
			text: "level;location;base;rsu_value;sign_on_y1;rsu_shares;stock_price\n" +
				"L5;Seattle;180000;300,000;80,000;;\n" +
				"L5;Austin;170000;;;1900;185.500\n",
			errors: []string{`2 rsu_value "300,000" did you mean 300K?`, `2 sign_on_y1 "80,000" did you mean 80K?`,
				`3 stock_price "185.500" above $100,000`},
		},
		{
			name: "semicolon file whose first number shows the US way",
			text: "level;location;base;rsu_value;sign_on_y1;rsu_shares;stock_price\n" +
				"L5;Seattle;180,000.00;300,000;80,000;;\n" +
				"L5;Austin;170000;;;1900;185.500\n",
			rsu: []string{"300000", ""},
		},
		{
			name: "comma file with a European grant",
			text: "level,location,base,rsu_value\n" +
				"L5,Seattle,180000,\"300.000\"\n",
			errors: []string{`2 rsu_value "300.000" did you mean 300K?`},
		},
		{
			name: "European file with one US number",
			text: "level;location;base;rsu_value\n" +
				"L5;Seattle;175.000,00;300.000\n" +
				"L5;Austin;\"$200,000.00\";300.000\n",
			rsu:    []string{"300000"},
			errors: []string{`3 base "$200,000.00" writes numbers the European way (1.234,56), as its first such number shows (row 2, column "base": "175.000,00")`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, _ := readCSVText(t, tc.text)
			if res.err != nil {
				t.Fatal(res.err)
			}
			checkInvariant(t, res)
			var got []string
			for _, o := range res.offers {
				got = append(got, o.RSUValue.Decimal.String())
				if !o.RSUValue.Valid {
					got[len(got)-1] = ""
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.rsu, ",") {
				t.Errorf("grants %q, want %q (errors %v)", got, tc.rsu, res.errs)
			}
			if len(res.errs) != len(tc.errors) {
				t.Fatalf("errors %v, want %d", res.errs, len(tc.errors))
			}
			for i, want := range tc.errors {
				e := res.errs[i]
				head := fmt.Sprintf("%d %s %q ", e.Row, e.Column, e.Value)
				rest := strings.TrimPrefix(want, head)
				if rest == want || !strings.Contains(e.Error(), rest) {
					t.Errorf("error %d: %s (%s), want %s", i, e, head, want)
				}
			}
		})
	}
}

// TestTruncatedCSV: a CSV cut short mid-row (no line end, fewer cells than
// the header) rejects that row; cut inside the last cell, the amount left
// ("11" of 1100000) is under the grant floor and rejected too.
func TestTruncatedCSV(t *testing.T) {
	const header = "level,location,base,rsu_value,notes\n"
	full := header + "L5,Seattle,180000,300000,a\nL6,Austin,200000,1100000,b\n"
	for _, tc := range []struct {
		name   string
		text   string
		offers int
		err    string
	}{
		{"whole", full, 2, ""},
		{"cut mid-row", full[:len(full)-len(",1100000,b\n")+len(",11")], 1, "the file ends in the middle of this row: it has 4 of the header's 5 cells"},
		{"cut in the last cell", "level,location,base,rsu_value\nL5,Seattle,180000,300000\nL6,Austin,200000,11", 1, `column "rsu_value": invalid amount "11" (an RSU grant below $1,000 is not plausible; did you mean 11K?)`},
		{"cut before the last cells", full[:len(full)-len("1100000,b\n")], 1, "the file ends in the middle of this row: it has 4 of the header's 5 cells"},
		{"no last line end, whole row", strings.TrimSuffix(full, "\n"), 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, warns := readCSVText(t, tc.text)
			if res.err != nil {
				t.Fatal(res.err)
			}
			checkInvariant(t, res)
			if len(res.offers) != tc.offers {
				t.Errorf("%d offers, want %d (errors %v)", len(res.offers), tc.offers, res.errs)
			}
			if tc.err == "" && len(res.errs) > 0 || tc.err != "" && (len(res.errs) == 0 || !strings.Contains(res.errs[0].Error(), tc.err) || res.errs[0].Row != 3) {
				t.Errorf("errors %v, want one at row 3 saying %q", res.errs, tc.err)
			}
			if strings.HasPrefix(tc.name, "no last line end") && (len(warns) != 1 || !strings.Contains(warns[0], "does not end with a line end")) {
				t.Errorf("warnings %q, want one about the missing line end", warns)
			}
		})
	}
}

// TestFloorsEdges: the floors and the price ceiling at their edges, in the
// exponents amounts are written with.
func TestFloorsEdges(t *testing.T) {
	for _, tc := range []struct {
		rsu, price string
		ok         bool
	}{
		{"1000", "", true}, {"999.99", "", false}, {"1000.00", "", true}, {"0", "", true}, {"1E3", "", true}, {"9.99E2", "", false},
		{"99E1", "", false}, {"100E1", "", true}, {"0.5K", "", false}, {"1K", "", true}, {"11", "", false},
		{"", "100000", true}, {"", "100000.01", false}, {"", "1E2", true}, {"", "1E6", false}, {"", "185.50", true},
	} {
		text := "level,location,base,rsu_value,rsu_shares,stock_price\nL5,Seattle,180000," + tc.rsu + ","
		if tc.price != "" {
			text += "100," + tc.price + "\n"
		} else {
			text += ",\n"
		}
		res, _ := readCSVText(t, text)
		if got := len(res.offers) == 1; got != tc.ok {
			t.Errorf("rsu %q price %q: accepted %v, want %v (errors %v)", tc.rsu, tc.price, got, tc.ok, res.errs)
		}
	}
}
