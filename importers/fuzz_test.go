package importers_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

var fuzzLimit = decimal.New(1, 15)

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"175000", "175,000", "$175,000.00", "175K", "$1.2M", "1 200 000", "(5,000)",
		"-5000", "USD 175,000", "175000 USD", "1.75E5", "175.000,00", "1.234,5", "€175", "12,5k", "1e999",
		"1\u202f200", "C$5", "--5", "(", ")", "$", ".", ",", "e", "1e", "0.", ".5e3"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, european bool) {
		d, err := importers.ParseMoney(s, european)
		if err != nil {
			if !errors.Is(err, importers.ErrInvalidAmount) && !errors.Is(err, importers.ErrCurrency) {
				t.Fatalf("ParseMoney(%q) error %v wraps neither ErrInvalidAmount nor ErrCurrency", s, err)
			}
			return
		}
		if d.Abs().GreaterThanOrEqual(fuzzLimit) {
			t.Fatalf("ParseMoney(%q) = %s, beyond the limit", s, d)
		}
		// The canonical text of any accepted amount reads back the same.
		back, err := importers.ParseMoney(d.String(), false)
		if err != nil || !back.Equal(d) {
			t.Fatalf("ParseMoney(%q) = %s, but ParseMoney(%q) = %s, %v", s, d, d.String(), back, err)
		}
	})
}

func FuzzParsePercent(f *testing.F) {
	for _, s := range []string{"15%", "15", "0.15", "1", "1%", "12,5%", "150%", "-1", "1e-1", "%", "pct"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := importers.ParsePercent(s)
		if err != nil {
			if !errors.Is(err, importers.ErrInvalidPercent) {
				t.Fatalf("ParsePercent(%q) error %v does not wrap ErrInvalidPercent", s, err)
			}
			return
		}
		if d.IsNegative() || d.GreaterThan(decimal.NewFromInt(10)) {
			t.Fatalf("ParsePercent(%q) = %s, outside [0, 10]", s, d)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-01", "3/1/2026", "03/01/26", "Mar 1, 2026", "1 March 2026", "46082",
		"46082.0", "60", "0", "2958465", "01.03.2026", "20260301", "4.6082E4", "1e2", "2026-02-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := importers.ParseDate(s)
		if err != nil {
			if !errors.Is(err, importers.ErrInvalidDate) {
				t.Fatalf("ParseDate(%q) error %v does not wrap ErrInvalidDate", s, err)
			}
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("ParseDate(%q) = %v, not midnight UTC", s, d)
		}
		if d.Year() < 1900 || d.Year() > 2200 {
			t.Fatalf("ParseDate(%q) = %v, year out of range", s, d)
		}
		// An accepted date reads back from its ISO form.
		if back, err := importers.ParseDate(d.Format("2006-01-02")); err != nil || !back.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v, but its ISO form reads %v, %v", s, d, back, err)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func FuzzHeader(f *testing.F) {
	for _, s := range []string{"Base Salary", "base_salary", "Base ($)", "BASE", "Base (USD)", "RSU grant",
		"Equity 4yr ($)", "#", "Sign-on Year 1", "Team stability (1-10)", "((", ")(", "[base]", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		col, ok := importers.CanonicalColumn(h)
		if !ok {
			if col != "" {
				t.Fatalf("CanonicalColumn(%q) = %q, false", h, col)
			}
			return
		}
		if back, ok := importers.CanonicalColumn(col); !ok || back != col {
			t.Fatalf("CanonicalColumn(%q) = %q, but the canonical name maps to %q, %v", h, col, back, ok)
		}
		if isASCII(h) {
			for _, v := range []string{strings.ToUpper(h), strings.ToLower(h), " " + h + " "} {
				if got, ok := importers.CanonicalColumn(v); !ok || got != col {
					t.Fatalf("CanonicalColumn(%q) = %q but CanonicalColumn(%q) = %q, %v", h, col, v, got, ok)
				}
			}
		}
	})
}

// checkImport runs the invariants every import must keep: every data row
// is exactly one offer or one RowError, and both are well formed.
func checkImport(t *testing.T, res result, file string) {
	t.Helper()
	if res.err != nil {
		if res.stats.Rows != 0 || len(res.offers)+len(res.errs) != 0 {
			t.Fatalf("file-level error %v after rows were reported: %+v", res.err, res.stats)
		}
		return
	}
	checkInvariant(t, res)
	for _, o := range res.offers {
		if o.Source.File != file || o.Source.Row < 1 || o.Level == "" || o.Location == "" || !o.Base.IsPositive() ||
			(!o.RSUValue.Valid && !o.RSUShares.Valid) || len(o.Schedule.Yearly) == 0 || o.ID == "" {
			t.Fatalf("malformed offer %+v", *o)
		}
	}
	for _, e := range res.errs {
		if e.File != file || e.Row < 1 || e.Err == nil || e.Rejection().Reason == "" {
			t.Fatalf("malformed row error %+v", *e)
		}
	}
}

func FuzzCSVImport(f *testing.F) {
	f.Add("level,location,base,rsu_value\nL5,Seattle,175000,300000\n")
	f.Add("\ufeffOffer ID;Level;Location;Base;RSU grant\r\n1;L5;SF;175.000,00;\"300.000\"\r\n2;L6;NYC;12,5k;1\r\n")
	f.Add("title\n\nlevel,location,base,rsu_shares,x\nL5,Austin,1,\"a\nb\",y,z\nTotal,,,\n,,,\n")
	f.Add("level,location,base,rsu_value,vesting,start_date,bonus_pct\nL5,Remote,$1.2M,(5),5/15/40/30,60,150%\n")
	f.Add("level,location,base,rsu_value\nL5,Sea\"ttle,1,1\n\"L5,x,1,1\n")
	f.Add("level;location;base;rsu_value;sign_on_y1;rsu_shares;stock_price\nL5;Seattle;180000;300,000;80,000;;\nL5;Austin;170000;;;1900;185.500\n")
	f.Add("level;location;base;rsu_value\nL5;Seattle;175.000,00;300.000\nL5;Austin;\"$200,000.00\";300.000\n")
	f.Add("level,location,base,rsu_value,notes\nL5,Seattle,180000,300000,a\nL6,Austin,200000,11")
	f.Add("company,level,location,base,rsu_value\nTotal,L5,Seattle,180000,300000\nTotal,,,180000,300000\n")
	f.Fuzz(func(t *testing.T, text string) {
		var res result
		emit, reject := collector(&res)
		res.stats, res.err = importers.ReadCSV(context.Background(), strings.NewReader(text), "fuzz.csv", emit, reject)
		checkImport(t, res, "fuzz.csv")
	})
}

func FuzzXLSXImport(f *testing.F) {
	f.Add("L5", "Seattle", "175,000", "300000", "Jo", 175000.0)
	f.Add("", "SF", "12,5k", "", "=1+1", 1e300)
	f.Add("Total", "", "", "", "", 0.0)
	f.Fuzz(func(t *testing.T, level, location, base, rsu, other string, num float64) {
		file := excelize.NewFile()
		defer file.Close()
		rows := [][]any{
			{"Title"},
			{"Level", "Location", "Base", "RSU value", "Other", "Start date"},
			{level, location, base, rsu, other, num},
			{level, location, num, num, num, base},
		}
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := file.SetSheetRow("Sheet1", cell, &row); err != nil {
				t.Skip(err) // a value excelize will not store
			}
		}
		var buf bytes.Buffer
		if _, err := file.WriteTo(&buf); err != nil {
			t.Skip(err)
		}
		var res result
		emit, reject := collector(&res)
		res.stats, res.err = importers.ReadXLSX(context.Background(), &buf, "fuzz.xlsx", importers.Options{}, emit, reject)
		checkImport(t, res, "fuzz.xlsx")
		for _, o := range res.offers {
			if o.Source.Sheet != "Sheet1" {
				t.Fatalf("offer sheet = %q", o.Source.Sheet)
			}
		}
	})
}

// Compile-time check that the test helpers fit the API.
var _ func(*analyzer.Offer) error = func(*analyzer.Offer) error { return nil }
