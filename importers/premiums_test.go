package importers_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
)

func TestDefaultPremiums(t *testing.T) {
	premiums, err := importers.DefaultPremiums()
	if err != nil {
		t.Fatal(err)
	}
	if len(premiums) != 34 {
		t.Fatalf("got %d premiums, want the 34 rows of ai-ml-premiums.csv", len(premiums))
	}
	kinds := map[analyzer.PremiumKind]int{}
	for i, p := range premiums {
		if err := p.Validate(); err != nil || p.Source != "Amazon L6/L7 Compensation & Negotiation Guide (market estimates)" {
			t.Errorf("premium %d %+v: %v", i+1, p, err)
		}
		kinds[p.Kind]++
	}
	if kinds[analyzer.PremiumLocation] != 10 || kinds[analyzer.PremiumSpecialization] != 12 || kinds[analyzer.PremiumCompanyType] != 12 {
		t.Errorf("kinds %v, want 10 location, 12 specialization, 12 company type", kinds)
	}
	first := premiums[0]
	if first.Kind != analyzer.PremiumLocation || first.Level != "L6" || first.Location != "Seattle" ||
		!first.MinPct.Equal(decimal.NewFromInt(15)) || !first.MaxPct.Equal(decimal.NewFromInt(25)) {
		t.Errorf("first premium %+v, want Seattle L6 15–25 points", first)
	}
}

func readPremiumsString(t *testing.T, text string) ([]analyzer.Premium, []*importers.RowError) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "premiums.csv")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	premiums, rerrs, err := importers.ReadPremiums(context.Background(), path, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rerrs {
		if e.File != path {
			t.Errorf("row error file %q, want %q", e.File, path)
		}
	}
	return premiums, rerrs
}

func TestReadPremiumsPercentPoints(t *testing.T) {
	tests := []struct {
		name, min, max string
		wantMin        string
		wantMax        string
	}{
		{"plain points", "15", "25", "15", "25"},
		{"with percent signs", "15%", "25 %", "15", "25"},
		{"one or less is not a fraction", "0.5", "1", "0.5", "1"},
		{"decimals", "12.5", "40", "12.5", "40"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := "source,kind,level,location,category,min_pct,max_pct\n" +
				"s,specialization,Senior,,Generative AI/LLMs," + tc.min + "," + tc.max + "\n"
			premiums, rerrs := readPremiumsString(t, text)
			if len(rerrs) != 0 || len(premiums) != 1 {
				t.Fatalf("got %v, %v", premiums, rerrs)
			}
			p := premiums[0]
			if p.Level != "L6" || p.Category != "Generative AI/LLMs" || p.Source != "s" ||
				!p.MinPct.Equal(decimal.RequireFromString(tc.wantMin)) || !p.MaxPct.Equal(decimal.RequireFromString(tc.wantMax)) {
				t.Errorf("got %+v, want L6 %s–%s", p, tc.wantMin, tc.wantMax)
			}
		})
	}
}

func TestReadPremiumsRowErrors(t *testing.T) {
	text := "Kind;Level;Location;Category;Min %;Max %\n" + // semicolons: decimal commas
		"ai_ml_location;L6;NYC;;12,5;25\n" + // row 2: good, New York
		"bonus;L6;;X;1;2\n" + // row 3: unknown kind
		"specialization;L6;;;1;2\n" + // row 4: no category
		"ai_ml_location;L7;;;1;2\n" + // row 5: no location
		"ai_ml_company_type;L6;;FAANG;30;20\n" + // row 6: min > max
		"ai_ml_company_type;L6;;FAANG;ten;20\n" + // row 7: bad percent
		"ai_ml_company_type;;;FAANG;1;2\n" + // row 8: no level
		"ai_ml_company_type;L7;;FAANG;1;2000\n" // row 9: out of range
	premiums, rerrs := readPremiumsString(t, text)
	if len(premiums) != 1 || premiums[0].Location != "New York" || !premiums[0].MinPct.Equal(decimal.RequireFromString("12.5")) {
		t.Errorf("got premiums %+v, want row 2 (New York, 12.5)", premiums)
	}
	want := []struct {
		row    int
		column string
		is     error
	}{
		{3, "Kind", analyzer.ErrUnknownPremiumKind},
		{4, "Category", importers.ErrMissingValue},
		{5, "Location", importers.ErrMissingValue},
		{6, "Min %", analyzer.ErrBandRange},
		{7, "Min %", importers.ErrInvalidPercent},
		{8, "Level", importers.ErrMissingValue},
		{9, "Max %", importers.ErrInvalidPercent},
	}
	if len(rerrs) != len(want) {
		t.Fatalf("got %d row errors %v, want %d", len(rerrs), rerrs, len(want))
	}
	for i, w := range want {
		if e := rerrs[i]; e.Row != w.row || e.Column != w.column || !errors.Is(e, w.is) {
			t.Errorf("error %d = %v, want row %d column %q wrapping %v", i, e, w.row, w.column, w.is)
		}
	}
}
