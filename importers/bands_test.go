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
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// sameBands reports the first difference between two band lists, comparing
// amounts with Equal.
func sameBands(t *testing.T, got, want []analyzer.Band) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d bands, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Key != w.Key || g.Component != w.Component || g.Source != w.Source || !g.Min.Equal(w.Min) || !g.Max.Equal(w.Max) {
			t.Fatalf("band %d:\n got %+v\nwant %+v", i+1, g, w)
		}
	}
}

func readBandsString(t *testing.T, text, name string) ([]analyzer.Band, []*importers.RowError) {
	t.Helper()
	bands, rerrs, err := importers.ReadBandsCSV(context.Background(), strings.NewReader(text), name)
	if err != nil {
		t.Fatalf("ReadBandsCSV: %v", err)
	}
	return bands, rerrs
}

func TestDefaultBands(t *testing.T) {
	bands, err := importers.DefaultBands()
	if err != nil {
		t.Fatal(err)
	}
	if len(bands) != 120 {
		t.Fatalf("got %d bands, want the 120 rows of market-bands.csv", len(bands))
	}
	// Sources are document titles, shown to users as they are: never a
	// path or a file name.
	for i, b := range bands {
		if b.Source != "Amazon L6/L7 Compensation Negotiation Masterclass (2024-2025 ranges)" &&
			b.Source != "Amazon L6/L7 Compensation & Negotiation Guide (market estimates)" {
			t.Errorf("band %d: source %q, want a guide's title", i+1, b.Source)
		}
	}
	want := analyzer.Band{
		Key:       analyzer.BandKey{CompanyType: "FAANG", Company: "Amazon", Track: "SDE", Level: "L6", Location: "Seattle"},
		Component: analyzer.ComponentBase, Min: decimal.NewFromInt(180000), Max: decimal.NewFromInt(220000),
		Source: "Amazon L6/L7 Compensation Negotiation Masterclass (2024-2025 ranges)",
	}
	sameBands(t, bands[:1], []analyzer.Band{want})
	if _, err := analyzer.NewBandTable(bands); err != nil {
		t.Fatalf("NewBandTable(DefaultBands()): %v", err)
	}
	again, _ := importers.DefaultBands()
	again[0].Source = "changed"
	if bands[0].Source == "changed" {
		t.Error("DefaultBands shares its slice between calls")
	}
	// No path into the project's data and no seed file name is shown.
	for _, src := range []string{importers.DefaultBandSource, importers.DefaultPremiumSource, importers.DefaultLevelSource} {
		if strings.Contains(src, "shared") || strings.Contains(src, ".csv") || strings.Contains(src, ".txt") {
			t.Errorf("built-in source %q names a file", src)
		}
	}
}

const bandHeader = "source,company_type,company,track,level,location,component,min,max\n"

func TestReadBandsCSV(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []analyzer.Band
	}{
		{
			name: "aliases canonicalised and source defaulted",
			text: bandHeader + ",FAANG,Amazon,SWE,SDE III,SF,base,\"$180,000\",220K\n",
			want: []analyzer.Band{{
				Key:       analyzer.BandKey{CompanyType: "FAANG", Company: "Amazon", Track: "SDE", Level: "L6", Location: "Bay Area"},
				Component: analyzer.ComponentBase, Min: decimal.NewFromInt(180000), Max: decimal.NewFromInt(220000),
				Source: "my-bands.csv",
			}},
		},
		{
			name: "pattern row with blank keys stays blank",
			text: bandHeader + "doc,Tier 1 Tech,,,L6,,total_comp,250000,350000\n",
			want: []analyzer.Band{{
				Key:       analyzer.BandKey{CompanyType: "Tier 1 Tech", Level: "L6"},
				Component: analyzer.ComponentTotalComp, Min: decimal.NewFromInt(250000), Max: decimal.NewFromInt(350000),
				Source: "doc",
			}},
		},
		{
			name: "semicolons, BOM, CRLF, title line, header spellings, blank and total rows",
			text: "\ufeffMy bands\r\nLevel;Location;Component;Min ($);Max (USD)\r\nL5;Seattle;Sign-on Total;10.000;20.000,50\r\n;;;;\r\nTotal;;;;\r\n",
			want: []analyzer.Band{{
				Key:       analyzer.BandKey{Level: "L5", Location: "Seattle"},
				Component: analyzer.ComponentSignOnTotal, Min: decimal.NewFromInt(10000), Max: decimal.RequireFromString("20000.5"),
				Source: "my-bands.csv",
			}},
		},
		{
			name: "no optional columns",
			text: "component,min,max\nrsu_4yr,1,2\n",
			want: []analyzer.Band{{Component: analyzer.ComponentRSU4yr, Min: decimal.NewFromInt(1), Max: decimal.NewFromInt(2), Source: "my-bands.csv"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bands, rerrs := readBandsString(t, tc.text, "data/my-bands.csv")
			for _, e := range rerrs {
				t.Errorf("unexpected %v", e)
			}
			sameBands(t, bands, tc.want)
		})
	}
}

func TestReadBandsCSVRowErrors(t *testing.T) {
	text := bandHeader +
		"d,FAANG,Amazon,SDE,L6,Seattle,base,180000,220000\n" + // row 2: good
		"d,FAANG,Amazon,SDE,L6,Seattle,rsu_4yr,12.5.0,500000\n" + // row 3: bad amount
		"d,FAANG,Amazon,SDE,L6,Seattle,bonus,1,2\n" + // row 4: unknown component
		"d,FAANG,Amazon,SDE,L6,Seattle,total_y1,320000,230000\n" + // row 5: min > max
		"d,FAANG,Amazon,SDE,L6,Seattle,total_comp,,2\n" + // row 6: blank min
		"d,FAANG,Amazon,SDE,L6,Seattle,sign_on_y1,-5,2\n" + // row 7: negative
		"d,FAANG,Amazon,SDE,L6,Seattle,sign_on_y2,5,€6\n" + // row 8: currency
		"d,FAANG,Amazon,SDE,L6,Seattle,base_equity_avg,1,2\n" + // row 9: good
		"d,Big Tech,Amazon,SDE,L6,Seattle,base,1,2\n" + // row 10: unknown company type
		"d,FAANG,Amazon,SDE,L6,Seattle,base,1,2,extra\n" + // row 11: a value past the header
		"d,faang,,SDE,L6,,total_4yr_avg,1,2,\n" // row 12: good (the old name, a blank extra cell)
	bands, rerrs := readBandsString(t, text, "bands.csv")
	if len(bands) != 3 || bands[0].Component != analyzer.ComponentBase || bands[1].Component != analyzer.ComponentBaseEquityAvg ||
		bands[2].Component != analyzer.ComponentBaseEquityAvg || bands[2].Key.CompanyType != "FAANG" {
		t.Errorf("got bands %+v, want rows 2, 9 and 12", bands)
	}
	want := []struct {
		row    int
		column string
		value  string
		is     error
	}{
		{3, "min", "12.5.0", importers.ErrInvalidAmount},
		{4, "component", "bonus", analyzer.ErrUnknownComponent},
		{5, "min", "320000", analyzer.ErrBandRange},
		{6, "min", "", importers.ErrMissingValue},
		{7, "min", "-5", analyzer.ErrBandRange},
		{8, "max", "€6", importers.ErrCurrency},
		{10, "company_type", "Big Tech", importers.ErrUnknownCompanyType},
		{11, "column 10", "extra", importers.ErrExtraColumn},
	}
	if len(rerrs) != len(want) {
		t.Fatalf("got %d row errors %v, want %d", len(rerrs), rerrs, len(want))
	}
	for i, w := range want {
		e := rerrs[i]
		if e.File != "bands.csv" || e.Sheet != "" || e.Row != w.row || e.Column != w.column || e.Value != w.value || !errors.Is(e, w.is) {
			t.Errorf("error %d = %#v (%v), want row %d column %q value %q wrapping %v", i, e, e, w.row, w.column, w.value, w.is)
		}
	}
	if got, want := rerrs[0].Error(), `bands.csv:3: column "min": invalid amount "12.5.0"`; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

func TestReadBandsUnknownColumn(t *testing.T) {
	// A column the format does not have is an error on each row that puts
	// a value in it, so a misspelt header never drops a figure silently.
	text := "source,company_type,company,track,level,location,component,min,max,notes\n" +
		"d,FAANG,Amazon,SDE,L6,Seattle,base,180000,220000,\n" +
		"d,FAANG,Amazon,SDE,L6,Seattle,rsu_4yr,300000,500000,check this\n"
	bands, rerrs := readBandsString(t, text, "bands.csv")
	if len(bands) != 1 || len(rerrs) != 1 {
		t.Fatalf("got %d bands and %v, want 1 band and 1 row error", len(bands), rerrs)
	}
	if e := rerrs[0]; e.Row != 3 || e.Column != "notes" || e.Value != "check this" || !errors.Is(e, importers.ErrExtraColumn) {
		t.Errorf("error %#v (%v)", e, e)
	}
}

func TestDefaultLevels(t *testing.T) {
	levels, err := importers.DefaultLevels()
	if err != nil {
		t.Fatal(err)
	}
	if len(levels) != 27 {
		t.Fatalf("got %d levels, want the 27 rows of level-equivalence.csv", len(levels))
	}
	tbl, err := analyzer.NewLevelTable(levels)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ track, company, level, want string }{
		{"EM", "Google", "L5", "L6"}, {"SDM", "google", "l5", "L6"}, {"SDE", "Meta", "E5", "L6"},
		{"TPM", "Microsoft", "65", "L7"}, {"EM", "Netflix", "Senior EM", "L6"}, {"SDE", "Apple", "ICT3", "L5"},
	} {
		eq, ok := tbl.Map(tc.track, tc.company, tc.level)
		if !ok || eq.Level != tc.want || eq.Source == "" || strings.Contains(eq.Source, ".") && strings.Contains(eq.Source, "txt") {
			t.Errorf("%s %s %s → %+v %v, want %s", tc.track, tc.company, tc.level, eq, ok, tc.want)
		}
	}
	if _, ok := tbl.Map("SDE", "Google", "L9"); ok {
		t.Error("an unlisted level must not map")
	}
}

func TestReadLevelsRowErrors(t *testing.T) {
	text := "source,track,company,company_level,level\n" +
		"mine,SDE,Stripe,L3,L6\n" + // row 2: good
		"mine,SDE,Stripe,,L6\n" + // row 3: blank company level
		"mine,SDE,Stripe,L4,L7,x\n" // row 4: a value past the header
	path := filepath.Join(t.TempDir(), "levels.csv")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	levels, rerrs, err := importers.ReadLevels(context.Background(), path, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(levels) != 1 || levels[0] != (analyzer.LevelEquivalence{Track: "SDE", Company: "Stripe", CompanyLevel: "L3", Level: "L6", Source: "mine"}) {
		t.Errorf("levels %+v", levels)
	}
	if len(rerrs) != 2 || rerrs[0].Row != 3 || rerrs[0].Column != "company_level" || !errors.Is(rerrs[0], importers.ErrMissingValue) ||
		rerrs[1].Row != 4 || !errors.Is(rerrs[1], importers.ErrExtraColumn) {
		t.Errorf("row errors %v", rerrs)
	}
	if _, _, err := importers.ReadLevels(context.Background(), writeTemp(t, "levels.csv", "source,track,company,level\nx,SDE,Stripe,L6\n"), importers.Options{}); !errors.Is(err, importers.ErrMissingColumn) {
		t.Errorf("missing company_level column: %v", err)
	}
}

func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadBandsFileErrors(t *testing.T) {
	tests := []struct {
		name, text string
		is         error
		column     string
	}{
		{"missing max", "source,level,component,min\nd,L6,base,1\n", importers.ErrMissingColumn, "max"},
		{"missing component and min", "level,location,max\nL6,Seattle,1\n", importers.ErrMissingColumn, "component"},
		{"no header", "a,b,c\n1,2,3\n", importers.ErrNoHeader, ""},
		{"empty", "", importers.ErrNoHeader, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bands, rerrs, err := importers.ReadBandsCSV(context.Background(), strings.NewReader(tc.text), "b.csv")
			if !errors.Is(err, tc.is) || len(bands) != 0 || len(rerrs) != 0 {
				t.Fatalf("got %v, %v, %v; want a file-level error wrapping %v", bands, rerrs, err, tc.is)
			}
			var re *importers.RowError
			if !errors.As(err, &re) || re.File != "b.csv" || re.Column != tc.column {
				t.Errorf("error %#v, want a RowError for b.csv column %q", err, tc.column)
			}
		})
	}
	if _, _, err := importers.ReadBands(context.Background(), "bands.json", importers.Options{}); !errors.Is(err, importers.ErrUnknownFormat) {
		t.Errorf("ReadBands(bands.json) error %v, want ErrUnknownFormat", err)
	}
	if _, _, err := importers.ReadBands(context.Background(), filepath.Join(t.TempDir(), "none.csv"), importers.Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadBands(missing file) error %v, want not exist", err)
	}
}

func TestReadBandsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := importers.ReadBandsCSV(ctx, bytes.NewReader([]byte(bandHeader+"d,,,,,,base,1,2\n")), "b.csv")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// writeXLSX saves rows to a workbook with one sheet; cells that are
// float64 become numeric cells.
func writeXLSX(t *testing.T, path, sheet string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestReadBandsXLSXMatchesCSV(t *testing.T) {
	want, err := importers.DefaultBands()
	if err != nil {
		t.Fatal(err)
	}
	// The built-in CSV as a workbook with a title row above the header,
	// amounts as numbers and the key cells as text.
	records, err := csv.NewReader(bytes.NewReader(mustRead(t, "defaults/market-bands.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{{"Market bands"}}
	for i, rec := range records {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
			if i > 0 && j >= 7 {
				row[j] = decimal.RequireFromString(v).InexactFloat64()
			}
		}
		rows = append(rows, row)
	}
	path := filepath.Join(t.TempDir(), "bands.xlsx")
	writeXLSX(t, path, "Market", rows)

	got, rerrs, err := importers.ReadBands(context.Background(), path, importers.Options{})
	if err != nil || len(rerrs) != 0 {
		t.Fatalf("ReadBands: %v %v", rerrs, err)
	}
	sameBands(t, got, want)

	// A bad cell is reported with the sheet and the sheet's own row.
	rows[5][7] = "lots"
	writeXLSX(t, path, "Market", rows)
	got, rerrs, err = importers.ReadBands(context.Background(), path, importers.Options{Sheet: "market"})
	if err != nil || len(got) != 119 || len(rerrs) != 1 {
		t.Fatalf("got %d bands, %v, %v; want 119 and one row error", len(got), rerrs, err)
	}
	if e := rerrs[0]; e.File != path || e.Sheet != "Market" || e.Row != 6 || e.Column != "min" || e.Value != "lots" || !errors.Is(e, importers.ErrInvalidAmount) {
		t.Errorf("row error %#v", e)
	}
	if _, _, err := importers.ReadBands(context.Background(), path, importers.Options{Sheet: "Nope"}); !errors.Is(err, importers.ErrSheetNotFound) {
		t.Errorf("missing sheet: error %v, want ErrSheetNotFound", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func FuzzReadBandsCSV(f *testing.F) {
	f.Add([]byte(bandHeader+"d,FAANG,Amazon,SDE,L6,Seattle,base,180000,220000\n"), "base", "1", "2", "L6")
	f.Add([]byte("\ufefflevel;component;min;max\r\nL5;rsu_4yr;1.000;2.000,5\r\n"), "rsu_4yr", "2", "1", "Senior")
	f.Add([]byte("component,min,max\n\"x\ny\",1,2\nbad\"quote,1,2\n"), "", "", "-1", "")
	f.Add([]byte(""), "total_comp", "1e5", "1E6", "SDE III")
	f.Fuzz(func(t *testing.T, data []byte, component, min, max, level string) {
		ctx := context.Background()
		// Any input: no panic; what loads is valid; errors carry positions.
		bands, rerrs, err := importers.ReadBandsCSV(ctx, bytes.NewReader(data), "f.csv")
		if err == nil {
			checkBands(t, bands)
			for _, e := range rerrs {
				if e.File != "f.csv" || e.Row < 2 || e.Err == nil {
					t.Fatalf("row error without a position: %#v", e)
				}
			}
		}
		// A well-formed file of fuzzed cells: every data row is a band or
		// a RowError.
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		records := [][]string{
			strings.Split(strings.TrimSpace(bandHeader), ","),
			{"d", "", "", "", level, "", component, min, max},
			{"d", "", "", "", "L6", "", "base", min, max},
			{"d", "", "", "", level, "", component, "1", "2"},
		}
		_ = w.WriteAll(records)
		bands, rerrs, err = importers.ReadBandsCSV(ctx, &buf, "g.csv")
		if err != nil {
			t.Fatalf("well-formed file: %v", err)
		}
		if n := len(bands) + len(rerrs); n != len(records)-1 {
			t.Fatalf("%d bands + %d row errors for %d data rows", len(bands), len(rerrs), len(records)-1)
		}
		checkBands(t, bands)
	})
}

func checkBands(t *testing.T, bands []analyzer.Band) {
	t.Helper()
	for _, b := range bands {
		if err := b.Validate(); err != nil {
			t.Fatalf("loaded an invalid band %+v: %v", b, err)
		}
		if _, err := analyzer.ParseComponent(string(b.Component)); err != nil || b.Source == "" {
			t.Fatalf("loaded band %+v: %v", b, err)
		}
	}
	if _, err := analyzer.NewBandTable(bands); err != nil {
		t.Fatalf("NewBandTable: %v", err)
	}
}
