package exporters_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
	"github.com/xuri/excelize/v2"
)

// writeTemplateFile writes the template to a temporary .xlsx and returns its
// path.
func writeTemplateFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "offers-template.xlsx")
	if err := exporters.WriteFileAtomic(path, exporters.WriteTemplate); err != nil {
		t.Fatal(err)
	}
	return path
}

func openTemplate(t *testing.T) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := exporters.WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// TestTemplateReadsBackAsTheExampleOffer reads the template through the
// importer: exactly one offer, the guide's worked example, which analyzes to
// the worked check (see "The worked check" in docs/METHOD.md).
func TestTemplateReadsBackAsTheExampleOffer(t *testing.T) {
	path := writeTemplateFile(t)
	var offers []*analyzer.Offer
	var rejected []*importers.RowError
	stats, err := importers.ReadFile(context.Background(), path, importers.Options{},
		func(o *analyzer.Offer) error { offers = append(offers, o); return nil },
		func(e *importers.RowError) { rejected = append(rejected, e) })
	if err != nil {
		t.Fatal(err)
	}
	if len(rejected) > 0 {
		t.Fatalf("rejected rows: %v", rejected)
	}
	if len(offers) != 1 || stats.Offers != 1 || stats.Rows != 1 {
		t.Fatalf("got %d offers, stats %+v; want exactly the example", len(offers), stats)
	}
	o := offers[0]
	for _, c := range []struct{ field, got, want string }{
		{"id", o.ID, "EX-1"},
		{"company", o.Company, "Amazon"},
		{"company_type", o.CompanyType, "FAANG"},
		{"track", o.Track, "EM"},
		{"level", o.Level, "L6"},
		{"location", o.Location, "Seattle"},
		{"base", o.Base.String(), "175000"},
		{"sign_on_y1", o.SignOnY1.String(), "80000"},
		{"sign_on_y2", o.SignOnY2.String(), "60000"},
		{"rsu_value", o.RSUValue.Decimal.String(), "300000"},
		{"vesting", o.Schedule.Name, "amazon"},
		{"bonus_pct", o.BonusPct.String(), "0"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	a, err := analyzer.Analyze(o, analyzer.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	wantYears := []string{"270000", "280000", "295000", "295000"}
	for i, y := range a.Years {
		if got := y.Total.StringFixed(0); got != wantYears[i] {
			t.Errorf("year %d total = %s, want %s", i+1, got, wantYears[i])
		}
	}
	if got := a.Total.StringFixed(0); got != "1140000" {
		t.Errorf("4-year total = %s, want 1140000", got)
	}
}

// TestTemplateHeaders checks that every header is a canonical column name
// the importer maps to itself, that every input column is there, and
// that the required ones are marked.
func TestTemplateHeaders(t *testing.T) {
	f := openTemplate(t)
	rows, err := f.GetRows(exporters.TemplateSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 3 || rows[0][0] != exporters.TemplateTitle {
		t.Fatalf("want a title row, a header row and an example row; got %d rows", len(rows))
	}
	header := rows[exporters.TemplateHeaderRow-1]
	if !slices.Equal(header, exporters.TemplateColumns()) {
		t.Fatalf("header row %v\nwant %v", header, exporters.TemplateColumns())
	}
	for _, h := range header {
		col, ok := importers.CanonicalColumn(h)
		if !ok || col != h {
			t.Errorf("header %q maps to %q (%v), want itself", h, col, ok)
		}
	}
	for _, want := range []string{"id", "candidate", "company", "company_type", "track", "level", "location",
		"specialization", "base", "sign_on_y1", "sign_on_y2", "rsu_value", "rsu_shares", "stock_price", "vesting",
		"bonus_pct", "refresher", "relocation", "start_date", "current_tc", "unvested_equity", "floor",
		"competing_company", "competing_level", "competing_tc", "competing_deadline",
		"team_stability", "manager_quality", "growth_potential", "work_life_balance", "tech_stack_interest",
		"location_flexibility", "comp_meets_needs", "team_excitement", "growth_opportunities",
		"manager_rapport", "wlb_acceptable", "location_options", "notes"} {
		if !slices.Contains(header, want) {
			t.Errorf("input column %q is missing", want)
		}
	}
	required := map[string]bool{"level": true, "location": true, "base": true, "rsu_value": true}
	plainStyle, _ := f.GetCellStyle(exporters.TemplateSheet, "A2")
	for i, h := range header {
		if got := exporters.TemplateRequired(h); got != required[h] {
			t.Errorf("TemplateRequired(%q) = %v, want %v", h, got, required[h])
		}
		cell, _ := excelize.CoordinatesToCellName(i+1, exporters.TemplateHeaderRow)
		style, err := f.GetCellStyle(exporters.TemplateSheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		if (style != plainStyle) != required[h] {
			t.Errorf("%s (%s): style %d; required columns alone should stand out", h, cell, style)
		}
	}
	panes, err := f.GetPanes(exporters.TemplateSheet)
	if err != nil || !panes.Freeze || panes.YSplit != exporters.TemplateHeaderRow {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
}

// TestTemplateNotes checks that each header has a note, that required
// columns say so, and that the notes give the accepted input forms.
func TestTemplateNotes(t *testing.T) {
	f := openTemplate(t)
	comments, err := f.GetComments(exporters.TemplateSheet)
	if err != nil {
		t.Fatal(err)
	}
	text := map[string]string{}
	for _, c := range comments {
		var b strings.Builder
		b.WriteString(c.Text)
		for _, r := range c.Paragraph {
			b.WriteString(r.Text)
		}
		text[c.Cell] = b.String()
	}
	byName := map[string]string{}
	for i, h := range exporters.TemplateColumns() {
		cell, _ := excelize.CoordinatesToCellName(i+1, exporters.TemplateHeaderRow)
		if text[cell] == "" {
			t.Errorf("header %s (%s) has no note", h, cell)
		}
		byName[h] = text[cell]
		if exporters.TemplateRequired(h) && !strings.Contains(text[cell], "Required") {
			t.Errorf("note of required %s does not say so: %q", h, text[cell])
		}
	}
	for _, c := range []struct{ column, want string }{
		{"base", "$175K"},
		{"base", "175,000"},
		{"bonus_pct", "15%"},
		{"start_date", "2026-03-02"},
		{"start_date", "3/2/2026"},
		{"team_stability", "1–10"},
		{"comp_meets_needs", "1–5"},
		{"vesting", "10/20/30/40"},
		{"location", "NYC"},
	} {
		if !strings.Contains(byName[c.column], c.want) {
			t.Errorf("note of %s lacks %q: %q", c.column, c.want, byName[c.column])
		}
	}
}

// TestTemplateValidations checks the drop-down lists: each comes from a
// range on the hidden Lists sheet holding the expected values, covers rows
// 3..1000, and the vesting list allows custom schedules.
func TestTemplateValidations(t *testing.T) {
	f := openTemplate(t)
	dvs, err := f.GetDataValidations(exporters.TemplateSheet)
	if err != nil {
		t.Fatal(err)
	}
	header := exporters.TemplateColumns()
	colOf := func(name string) string {
		i := slices.Index(header, name)
		col, _ := excelize.ColumnNumberToName(i + 1)
		return col
	}
	find := func(name string) *excelize.DataValidation {
		c := colOf(name)
		want := c + "3:" + c + "1000"
		for _, dv := range dvs {
			if slices.Contains(strings.Fields(dv.Sqref), want) {
				return dv
			}
		}
		return nil
	}
	visible, err := f.GetSheetVisible(exporters.TemplateListsSheet)
	if err != nil || visible {
		t.Errorf("Lists sheet visible = %v (%v), want hidden", visible, err)
	}
	for _, c := range []struct {
		column string
		values []string
		style  string // the error style: only vesting and friends let anything through silently
	}{
		{"level", []string{"L4", "L5", "L6", "L7", "L8"}, "warning"},
		{"location", []string{"Seattle", "Bay Area", "New York", "Austin", "Remote"}, "warning"},
		{"track", []string{"SDE", "EM", "PM"}, "warning"},
		{"vesting", analyzer.SchedulePresetNames, "information"},
		{"company_type", exporters.TemplateCompanyTypes, "information"},
		{"competing_level", []string{"L4", "L5", "L6", "L7", "L8"}, "warning"},
	} {
		t.Run(c.column, func(t *testing.T) {
			dv := find(c.column)
			if dv == nil {
				t.Fatalf("no validation over %s3:%s1000", colOf(c.column), colOf(c.column))
			}
			if dv.Type != "list" {
				t.Errorf("type %q, want list", dv.Type)
			}
			if dv.ErrorStyle == nil || *dv.ErrorStyle != c.style {
				t.Errorf("error style %v, want %s", dv.ErrorStyle, c.style)
			}
			ref := strings.TrimPrefix(dv.Formula1, "=")
			sheet, rng, ok := strings.Cut(ref, "!")
			if !ok || strings.Trim(sheet, "'") != exporters.TemplateListsSheet {
				t.Fatalf("list source %q is not a range on the Lists sheet", dv.Formula1)
			}
			from, to, _ := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
			var got []string
			c1, r1, err1 := excelize.CellNameToCoordinates(from)
			_, r2, err2 := excelize.CellNameToCoordinates(to)
			if err1 != nil || err2 != nil {
				t.Fatalf("bad range %q", rng)
			}
			for r := r1; r <= r2; r++ {
				cell, _ := excelize.CoordinatesToCellName(c1, r)
				v, _ := f.GetCellValue(exporters.TemplateListsSheet, cell)
				got = append(got, v)
			}
			if !slices.Equal(got, c.values) {
				t.Errorf("list %v, want %v", got, c.values)
			}
		})
	}
	for _, c := range []struct {
		column string
		top    string
	}{{"team_stability", "10"}, {"location_options", "5"}} {
		dv := find(c.column)
		if dv == nil || dv.Type != "decimal" || dv.Formula1 != "1" || dv.Formula2 != c.top {
			t.Errorf("%s: want a 1–%s range validation, got %+v", c.column, c.top, dv)
		}
	}
}

// TestTemplateListsAreCanonical checks that the list values are the names
// the analyzer maps its aliases to, so a picked value needs no mapping.
func TestTemplateListsAreCanonical(t *testing.T) {
	for _, c := range []struct {
		name   string
		values []string
		canon  func(string) string
	}{
		{"level", exporters.TemplateLevels, analyzer.CanonicalLevel},
		{"location", exporters.TemplateLocations, analyzer.CanonicalLocation},
		{"track", exporters.TemplateTracks, analyzer.CanonicalTrack},
	} {
		for _, v := range c.values {
			if got := c.canon(v); got != v {
				t.Errorf("%s %q canonicalizes to %q", c.name, v, got)
			}
		}
	}
	for _, v := range analyzer.SchedulePresetNames {
		if _, err := analyzer.ParseSchedule(v); err != nil {
			t.Errorf("vesting %q: %v", v, err)
		}
	}
}

// TestTemplateFormats checks the number formats of the data rows.
func TestTemplateFormats(t *testing.T) {
	path := writeTemplateFile(t)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	header := exporters.TemplateColumns()
	for _, c := range []struct{ column, format string }{
		{"base", "$#,##0"},
		{"rsu_value", "$#,##0"},
		{"bonus_pct", "0%"},
		{"start_date", "yyyy-mm-dd"},
	} {
		col, _ := excelize.ColumnNumberToName(slices.Index(header, c.column) + 1)
		id, err := f.GetColStyle(exporters.TemplateSheet, col)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.CustomNumFmt == nil || *st.CustomNumFmt != c.format {
			t.Errorf("%s: number format %v, want %s", c.column, st.CustomNumFmt, c.format)
		}
	}
	if info, err := os.Stat(path); err != nil || info.Size() > 64<<10 {
		t.Errorf("template is %v bytes (%v); want a small file", info.Size(), err)
	}
}
