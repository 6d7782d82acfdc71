package importers_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/xuri/excelize/v2"
)

// sheetRows are the rows of one test sheet by row number; a row that is
// not in the map is absent from the sheet XML.
type sheetRows map[int][]any

// buildWorkbook writes sheets (in order) with excelize's StreamWriter, which
// stores formula cells together with their cached values, and merges each
// sheet's merge ranges.
func buildWorkbook(t testing.TB, names []string, sheets []sheetRows, merges map[string][2]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range names {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			t.Fatal(err)
		}
		if m, ok := merges[name]; ok {
			if err := sw.MergeCell(m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
		max := 0
		for r := range sheets[i] {
			if r > max {
				max = r
			}
		}
		for r := 1; r <= max; r++ {
			row, ok := sheets[i][r]
			if !ok {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, row); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readXLSX(t *testing.T, data []byte, name string, opts importers.Options) result {
	t.Helper()
	var res result
	emit, reject := collector(&res)
	res.stats, res.err = importers.ReadXLSX(context.Background(), bytes.NewReader(data), name, opts, emit, reject)
	if res.err == nil {
		checkInvariant(t, res)
	}
	return res
}

// offersWorkbook is a realistic input: a merged title above the header,
// a note row, blank rows, numbers as numbers and as text, a formula with a
// cached value, a bad cell, a float artefact and a Total row; a second sheet
// "Q2" holds other offers.
func offersWorkbook(t testing.TB) []byte {
	offers := sheetRows{
		1: {"Offer book 2026"},
		2: {"Prepared for the Tuesday review"},
		4: {"Offer ID", "Level", "Location", "Base ($)", "RSU grant", "Bonus", "Start date", "Recruiter"},
		5: {"o1", "L5", "Seattle", 175000, 300000, 0.15, 46082, "Jo"},
		// row 6 is absent: a blank row
		7:  {"o2", "SDE III", "Austin", "175,000", "300000", "15%", "2026-03-01", nil},
		8:  {"o3", "L7", "NYC", excelize.Cell{Formula: "D5*2", Value: 350000}, 500000, nil, nil, "Al"},
		9:  {"o4", "L5", "Seattle", "12,5k", 300000},
		10: {"o5", "L5", "Remote", 175000.00000000003, 300000, 0.15000000000000002, 46082.5},
		11: {nil, nil, nil, nil, nil},
		12: {"Total", nil, nil, excelize.Cell{Formula: "SUM(D5:D10)", Value: 875000}, 1400000},
	}
	q2 := sheetRows{
		1: {"level", "location", "base", "rsu_shares", "stock_price"},
		2: {"L6", "Bay Area", 200000, 1000, 180.5},
	}
	return buildWorkbook(t, []string{"Offers", "Q2"}, []sheetRows{offers, q2}, map[string][2]string{"Offers": {"A1", "H1"}})
}

func TestReadXLSX(t *testing.T) {
	data := offersWorkbook(t)
	res := readXLSX(t, data, "offers.xlsx", importers.Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got, want := res.stats, (importers.Stats{Rows: 5, Offers: 4, Rejected: 1, Skipped: 3, Totals: 1}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	wantSources := []analyzer.Source{
		{File: "offers.xlsx", Sheet: "Offers", Row: 5},
		{File: "offers.xlsx", Sheet: "Offers", Row: 7},
		{File: "offers.xlsx", Sheet: "Offers", Row: 8},
		{File: "offers.xlsx", Sheet: "Offers", Row: 10},
	}
	if got := sources(res.offers); !reflect.DeepEqual(got, wantSources) {
		t.Fatalf("sources = %v, want %v", got, wantSources)
	}
	march1 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	wants := []struct {
		id, level, location, base, rsu, bonus string
		start                                 time.Time
		other                                 []analyzer.Field
	}{
		{"o1", "L5", "Seattle", "175000", "300000", "0.15", march1, []analyzer.Field{{Name: "Recruiter", Value: "Jo"}}},
		{"o2", "L6", "Austin", "175000", "300000", "0.15", march1, nil},
		{"o3", "L7", "New York", "350000", "500000", "0", time.Time{}, []analyzer.Field{{Name: "Recruiter", Value: "Al"}}},
		{"o5", "L5", "Remote", "175000", "300000", "0.15", march1, nil},
	}
	for i, w := range wants {
		o := res.offers[i]
		if o.ID != w.id || o.Level != w.level || o.Location != w.location || !o.Base.Equal(dec(w.base)) ||
			!o.RSUValue.Decimal.Equal(dec(w.rsu)) || !o.BonusPct.Equal(dec(w.bonus)) || !o.StartDate.Equal(w.start) ||
			!reflect.DeepEqual(o.Other, w.other) {
			t.Errorf("offer %d = id %q level %q location %q base %s rsu %s bonus %s start %v other %v; want %+v",
				i+1, o.ID, o.Level, o.Location, o.Base, o.RSUValue.Decimal, o.BonusPct, o.StartDate, o.Other, w)
		}
	}
	if len(res.errs) != 1 {
		t.Fatalf("errors = %v, want 1", res.errs)
	}
	e := res.errs[0]
	if e.File != "offers.xlsx" || e.Sheet != "Offers" || e.Row != 9 || e.Column != "Base ($)" || e.Value != "12,5k" || !errors.Is(e, importers.ErrInvalidAmount) {
		t.Errorf("error = %+v", *e)
	}
	if got, want := e.Error(), `offers.xlsx[Offers]:9: column "Base ($)": invalid amount "12,5k"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestReadXLSXSheet(t *testing.T) {
	data := offersWorkbook(t)
	for _, sheet := range []string{"Q2", "q2"} {
		res := readXLSX(t, data, "offers.xlsx", importers.Options{Sheet: sheet})
		if res.err != nil {
			t.Fatal(res.err)
		}
		if len(res.offers) != 1 {
			t.Fatalf("sheet %q: %d offers, errors %v", sheet, len(res.offers), res.errs)
		}
		o := res.offers[0]
		if o.Source != (analyzer.Source{File: "offers.xlsx", Sheet: "Q2", Row: 2}) || !o.RSUShares.Decimal.Equal(dec("1000")) ||
			!o.StockPrice.Decimal.Equal(dec("180.5")) || o.RSUValue.Valid || o.ID != "offers row 2" {
			t.Errorf("sheet %q offer = %+v", sheet, *o)
		}
	}
	res := readXLSX(t, data, "offers.xlsx", importers.Options{Sheet: "Nope"})
	if !errors.Is(res.err, importers.ErrSheetNotFound) || !strings.Contains(res.err.Error(), `"Offers", "Q2"`) {
		t.Errorf("missing sheet: error = %v, want ErrSheetNotFound naming the sheets", res.err)
	}
}

func TestReadXLSXFileErrors(t *testing.T) {
	noHeader := buildWorkbook(t, []string{"S"}, []sheetRows{{1: {"just", "a", "title"}}}, nil)
	if res := readXLSX(t, noHeader, "n.xlsx", importers.Options{}); !errors.Is(res.err, importers.ErrNoHeader) {
		t.Errorf("no header: error = %v", res.err)
	}
	missing := buildWorkbook(t, []string{"S"}, []sheetRows{{3: {"level", "location", "rsu_value"}, 4: {"L5", "Seattle", 1}}}, nil)
	res := readXLSX(t, missing, "m.xlsx", importers.Options{})
	var re *importers.RowError
	if !errors.Is(res.err, importers.ErrMissingColumn) || !errors.As(res.err, &re) || re.Row != 3 || re.Sheet != "S" || re.Column != "base" {
		t.Errorf("missing column: error = %#v", res.err)
	}
	if res := readXLSX(t, []byte("not a zip"), "x.xlsx", importers.Options{}); res.err == nil {
		t.Error("garbage workbook: no error")
	}
}

func TestReadFileAndForPath(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "a.csv")
	xlsxPath := filepath.Join(dir, "b.xlsx")
	if err := os.WriteFile(csvPath, []byte("level,location,base,rsu_value\nL5,Seattle,175000,300000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(xlsxPath, offersWorkbook(t), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path   string
		offers int
	}{{csvPath, 1}, {xlsxPath, 4}} {
		var res result
		emit, reject := collector(&res)
		res.stats, res.err = importers.ReadFile(context.Background(), tc.path, importers.Options{}, emit, reject)
		if res.err != nil || len(res.offers) != tc.offers {
			t.Errorf("ReadFile(%s): %d offers, err %v; want %d", tc.path, len(res.offers), res.err, tc.offers)
			continue
		}
		checkInvariant(t, res)
		if res.offers[0].Source.File != tc.path {
			t.Errorf("Source.File = %q, want %q", res.offers[0].Source.File, tc.path)
		}
		if want := strings.TrimSuffix(filepath.Base(tc.path), filepath.Ext(tc.path)) + " row "; tc.offers == 1 && !strings.HasPrefix(res.offers[0].ID, want) {
			t.Errorf("default id %q, want prefix %q", res.offers[0].ID, want)
		}
	}
	for _, p := range []string{"x.json", "x", "x.xls"} {
		if _, err := importers.ForPath(p, importers.Options{}); !errors.Is(err, importers.ErrUnknownFormat) {
			t.Errorf("ForPath(%q) error = %v, want ErrUnknownFormat", p, err)
		}
	}
	for _, p := range []string{"x.csv", "X.CSV", "x.txt", "x.xlsx", "x.XLSM"} {
		if _, err := importers.ForPath(p, importers.Options{}); err != nil {
			t.Errorf("ForPath(%q): %v", p, err)
		}
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.csv", "a.xlsx", "c.XLSM", "~$a.xlsx", ".hidden.csv", "notes.md", "sub/d.csv"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := func(names ...string) []string {
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = filepath.Join(dir, n)
		}
		return out
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"folder", []string{dir}, j("a.xlsx", "b.csv", "c.XLSM")},
		{"glob", []string{filepath.Join(dir, "*.csv")}, j("b.csv")},
		{"files and dup", []string{filepath.Join(dir, "notes.md"), filepath.Join(dir, "sub", "d.csv"), filepath.Join(dir, "b.csv"), dir}, j("a.xlsx", "b.csv", "c.XLSM", "notes.md", "sub/d.csv")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := importers.Expand(tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Expand = %v, want %v", got, tc.want)
			}
		})
	}
	if _, err := importers.Expand([]string{filepath.Join(dir, "missing.csv")}); err == nil {
		t.Error("missing file: no error")
	}
	if _, err := importers.Expand([]string{filepath.Join(dir, "*.json")}); err == nil {
		t.Error("glob without match: no error")
	}
}

func TestReadXLSXOtherColumnsAndHiddenSheet(t *testing.T) {
	data := buildWorkbook(t, []string{"Hidden", "Offers"}, []sheetRows{
		{1: {"level", "location", "base", "rsu_value"}, 2: {"L9", "Nowhere", 1, 1}},
		{
			1: {"level", nil, "location", "base", "rsu_value", "Recruiter"},
			2: {"L5", "side note", "Seattle", 175000, 300000, "Jo", nil, "stray"},
			3: {"L6", nil, "Austin", 200000, 400000},
		},
	}, nil)
	// Hide the first sheet: the default is the first visible one.
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	f.SetActiveSheet(1) // excelize will not hide the active sheet
	if err := f.SetSheetVisible("Hidden", false); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()

	res := readXLSX(t, buf.Bytes(), "h.xlsx", importers.Options{})
	if res.err != nil || len(res.offers) != 2 {
		t.Fatalf("err %v, %d offers, errors %v", res.err, len(res.offers), res.errs)
	}
	want := [][]analyzer.Field{
		{{Name: "column B", Value: "side note"}, {Name: "Recruiter", Value: "Jo"}, {Name: "column H", Value: "stray"}},
		nil, // blank unknown cells are not kept
	}
	for i, o := range res.offers {
		if o.Source.Sheet != "Offers" || !reflect.DeepEqual(o.Other, want[i]) {
			t.Errorf("offer %d sheet %q Other = %#v, want %#v", i+1, o.Source.Sheet, o.Other, want[i])
		}
	}
}
