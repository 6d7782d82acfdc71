package importers_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
)

func TestDefaultTax(t *testing.T) {
	tax, err := importers.DefaultTax()
	if err != nil {
		t.Fatal(err)
	}
	if len(tax.Rows) != 97 {
		t.Errorf("got %d rows, want the 96 rows of tax-2026.csv plus the NYC mfj fixed credit", len(tax.Rows))
	}
	if tax.CACaveat == "" {
		t.Error("the California rows are 2025 schedules: want the caveat")
	}
	for _, res := range analyzer.Residences {
		for _, fs := range analyzer.FilingStatuses {
			if !tax.Has(res, fs) {
				t.Errorf("built-in tables lack %s %s", res, fs)
			}
		}
	}
}

// TestReadTaxRowErrors: a tax file is read like a band file, each bad row a
// RowError with its position, column and value, listing what is known.
func TestReadTaxRowErrors(t *testing.T) {
	text := "source,confidence,jurisdiction,filing_status,kind,lower,upper,rate,amount,note\n" +
		"x,confirmed,US,single,bracket,0,,0.1,,\n" +
		"x,confirmed,OR,single,bracket,0,,0.05,,\n" +
		"x,confirmed,US,widowed,bracket,0,,0.1,,\n" +
		"x,confirmed,US,single,deduction,,,,100,\n" +
		"x,confirmed,US,single,bracket,0,,ten percent,,\n" +
		"x,confirmed,US,single,bracket,,,0.1,,\n" +
		"x,confirmed,US,single,bracket,0,,6.2,,\n"
	rows, rerrs, err := importers.ReadTaxCSV(context.Background(), strings.NewReader(text), "tax.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Errorf("got %d good rows, want 1", len(rows))
	}
	want := []struct {
		row    int
		column string
		has    string
	}{
		{3, "jurisdiction", "want one of US, US-FICA, CA, NY, NYC, WA, TX"},
		{4, "filing_status", "want one of single, mfj, all"},
		{5, "kind", "want one of bracket"},
		{6, "rate", "invalid number"},
		{7, "lower", "needs lower and rate"},
		{8, "rate", "above 1"},
	}
	if len(rerrs) != len(want) {
		t.Fatalf("got %d row errors, want %d: %v", len(rerrs), len(want), rerrs)
	}
	for i, w := range want {
		e := rerrs[i]
		if e.File != "tax.csv" || e.Row != w.row || e.Column != w.column || !strings.Contains(e.Error(), w.has) {
			t.Errorf("error %d = %q (row %d, column %q), want row %d column %q saying %q", i, e.Error(), e.Row, e.Column, w.row, w.column, w.has)
		}
	}
}

// TestReadTaxFile: a file with the built-in rows reads into the same rules;
// one missing the federal brackets is refused as a whole.
func TestReadTaxFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "tax.csv")
	b, err := os.ReadFile("defaults/tax-2026.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, b, 0o644); err != nil {
		t.Fatal(err)
	}
	tax, rerrs, err := importers.ReadTax(context.Background(), good, importers.Options{})
	if err != nil || len(rerrs) > 0 || len(tax.Rows) != 97 {
		t.Fatalf("ReadTax: %v %v", err, rerrs)
	}
	bad := filepath.Join(dir, "bad.csv")
	var keep []string
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.Contains(line, ",US,single,bracket,") {
			keep = append(keep, line)
		}
	}
	if err := os.WriteFile(bad, []byte(strings.Join(keep, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := importers.ReadTax(context.Background(), bad, importers.Options{}); !errors.Is(err, analyzer.ErrTaxTable) {
		t.Errorf("no federal single brackets: %v, want ErrTaxTable", err)
	}
}

// TestReadOffersTaxColumns: tax_residence and filing_status are read by
// their aliases; an unknown value rejects the row, naming what is supported.
func TestReadOffersTaxColumns(t *testing.T) {
	text := "level,location,base,rsu_value,Tax Residence,Filing Status\n" +
		"L6,Remote,200000,100000,ny,Married filing jointly\n" +
		"L6,Seattle,200000,100000,,\n" +
		"L6,Seattle,200000,100000,Oregon,single\n" +
		"L6,Seattle,200000,100000,WA,head of household\n"
	res := readCSV(t, "offers.csv", text)
	if len(res.offers) != 2 {
		t.Fatalf("got %d offers, want 2 (errors %v)", len(res.offers), res.errs)
	}
	if o := res.offers[0]; o.TaxResidence != analyzer.ResidenceNY || o.FilingStatus != analyzer.FilingMFJ {
		t.Errorf("offer 1: %q %q", o.TaxResidence, o.FilingStatus)
	}
	if o := res.offers[1]; o.TaxResidence != "" || o.FilingStatus != "" {
		t.Errorf("offer 2: %q %q, want blank (from the location and the run)", o.TaxResidence, o.FilingStatus)
	}
	if len(res.errs) != 2 {
		t.Fatalf("errors: %v", res.errs)
	}
	if e := res.errs[0]; e.Row != 4 || e.Column != "Tax Residence" || !errors.Is(e, analyzer.ErrUnknownResidence) || !strings.Contains(e.Error(), "WA, CA, NY") {
		t.Errorf("row 4: %v", e)
	}
	if e := res.errs[1]; e.Row != 5 || e.Column != "Filing Status" || !errors.Is(e, analyzer.ErrUnknownFilingStatus) || !strings.Contains(e.Error(), "single or mfj") {
		t.Errorf("row 5: %v", e)
	}
}

// FuzzReadTaxCSV: any input reads without a panic, every row error has a
// position, and in a well-formed file of fuzzed cells every data row is a
// tax row or a RowError; tables built from the good rows never panic.
func FuzzReadTaxCSV(f *testing.F) {
	const header = "source,confidence,jurisdiction,filing_status,kind,lower,upper,rate,amount,note\n"
	f.Add([]byte(header+"x,confirmed,US,single,bracket,0,12400,0.1,,n\n"), "US", "bracket", "0", "0.1", "100")
	f.Add([]byte("\ufeffjurisdiction;filing_status;kind;lower;rate\r\nCA;mfj;bracket;1.000;0,01\r\n"), "CA", "credit", "", "", "306")
	f.Add([]byte(""), "NYC", "payroll_rate", "-5", "7", "$1.2M")
	f.Fuzz(func(t *testing.T, data []byte, juris, kind, lower, rate, amount string) {
		ctx := context.Background()
		rows, rerrs, err := importers.ReadTaxCSV(ctx, bytes.NewReader(data), "f.csv")
		if err == nil {
			for _, e := range rerrs {
				if e.File != "f.csv" || e.Row < 2 || e.Err == nil {
					t.Fatalf("row error without a position: %#v", e)
				}
			}
			_, _ = analyzer.NewTaxTables(rows)
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.WriteAll([][]string{
			strings.Split(strings.TrimSpace(header), ","),
			{"s", "c", juris, "single", kind, lower, "", rate, amount, ""},
			{"s", "c", "US", "all", kind, lower, "", rate, amount, ""},
		})
		rows, rerrs, err = importers.ReadTaxCSV(ctx, &buf, "g.csv")
		if err != nil {
			t.Fatalf("well-formed file: %v", err)
		}
		if len(rows)+len(rerrs) != 2 {
			t.Fatalf("2 data rows gave %d rows and %d errors", len(rows), len(rerrs))
		}
		if tables, err := analyzer.NewTaxTables(rows); err == nil && tables == nil {
			t.Fatal("nil tables without an error")
		}
	})
}
