//go:build unix

package main

// Proof in a real spreadsheet engine: the workbook's formulas, recomputed by
// LibreOffice, give the analyzer's figures to the cent, also after an input
// is edited. And the input template, filled in, analyzes as expected.
//
// Recalculation is forced through LibreOffice's own setting, not the
// workbook: every conversion runs with a fresh user profile whose
// registrymodifications.xcu sets
// org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode to 0 ("always
// recalculate"). Measured with LibreOffice 7.4.7 headless: with the default
// profile, or with the mode set to 1 ("never"), it shows a workbook's cached
// values, stale ones included, although the workbook says fullCalcOnLoad.
// TestLibreOfficeRecalculatesAnEditedInput proves both sides: an edited
// input with stale cached results shows the stale figures under "never" and
// the right ones under "always".

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// loTimeout bounds one LibreOffice conversion.
const loTimeout = 90 * time.Second

// loCSVFilter exports every sheet (the last token, -1; LibreOffice ≥ 7.2) as
// UTF-8 CSV (44 comma, 34 quote, 76 UTF-8) with raw, unformatted values
// (token 9, "save cell contents as shown", false), to FILE-SheetName.csv.
const loCSVFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

// Values of OOXMLRecalcMode.
const (
	recalcAlways = 0
	recalcNever  = 1
)

// requireSoffice returns the soffice path, or skips the test loudly when
// LibreOffice is missing; under CI=true a missing soffice fails instead, so
// the proof can never silently disappear from CI.
func requireSoffice(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err == nil {
		return path
	}
	banner := strings.Repeat("!", 72)
	msg := "LibreOffice (soffice) is not installed: the spreadsheet-engine proof did NOT run.\n" +
		"Install it with: apt-get install -y libreoffice-calc-nogui"
	if os.Getenv("CI") == "true" {
		t.Fatalf("\n%s\n%s\n(CI=true: failing instead of skipping; .ci/run installs it)\n%s", banner, msg, banner)
	}
	t.Logf("\n%s\n%s\n%s", banner, msg, banner)
	t.Skip("soffice not installed")
	return ""
}

var loRuns atomic.Int64

// loSheets is a converted workbook: each sheet's rows as LibreOffice
// computed and exported them.
type loSheets map[string][][]string

// convertWithLibreOffice converts xlsx to one CSV per sheet with LibreOffice,
// in a fresh user profile (no lock clashes with other runs) whose formula
// recalculation mode on load is mode. It fails the test unless soffice exits
// 0 within loTimeout and writes a non-empty CSV for every sheet of the
// workbook.
func convertWithLibreOffice(t *testing.T, soffice, xlsx string, mode int) loSheets {
	t.Helper()
	work := t.TempDir()
	profile := filepath.Join(work, fmt.Sprintf("lo-%d-%d", os.Getpid(), loRuns.Add(1)))
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	xcu := `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>` + strconv.Itoa(mode) + `</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>` + strconv.Itoa(mode) + `</value></prop></item>
</oor:items>
`
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(xcu), 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(work, "csv")
	out, took := runSoffice(t, soffice, profile, loCSVFilter, outDir, xlsx, loTimeout)
	t.Logf("LibreOffice converted %s in %s (recalc mode %d)", filepath.Base(xlsx), took.Round(time.Millisecond), mode)

	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	names := f.GetSheetList()
	_ = f.Close()
	stem := strings.TrimSuffix(filepath.Base(xlsx), filepath.Ext(xlsx))
	sheets := loSheets{}
	for _, name := range names {
		path := filepath.Join(outDir, stem+"-"+name+".csv")
		b, err := os.ReadFile(path)
		if err != nil || len(b) == 0 {
			t.Fatalf("sheet %q was not exported (%v); LibreOffice said:\n%s", name, err, out)
		}
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("sheet %q: %v", name, err)
		}
		sheets[name] = rows
	}
	return sheets
}

// yearTable is an offer sheet's "Year by year" table as exported: per row
// label ("Year 1", "Total (4 years)", "Average per year", "Two-year
// average"), per column header ("Base", …, "Total"), the cell text.
type yearTable struct {
	rows   []string // labels in order
	cells  map[string]map[string]string
	header []string
}

func (y *yearTable) get(row, col string) (string, bool) {
	v, ok := y.cells[row][col]
	return v, ok
}

// cell returns the text in column col (0-based) of a row, or "".
func cell(row []string, col int) string {
	if col < len(row) {
		return strings.TrimSpace(row[col])
	}
	return ""
}

// parseOfferSheet finds an offer sheet's id (the ID row of its inputs
// block) and its year table; ok is false for a sheet that is not an offer
// sheet.
func parseOfferSheet(rows [][]string) (id string, yt *yearTable, ok bool) {
	start := -1
	for i, r := range rows {
		switch cell(r, 0) {
		case "ID":
			if id == "" {
				id = cell(r, 1)
			}
		case "Year by year":
			if start < 0 {
				start = i
			}
		}
	}
	if id == "" || start < 0 || start+1 >= len(rows) {
		return "", nil, false
	}
	yt = &yearTable{cells: map[string]map[string]string{}}
	yt.header = rows[start+1]
	for _, r := range rows[start+2:] {
		label := cell(r, 0)
		if label == "" {
			break
		}
		m := map[string]string{}
		for j := range yt.header {
			if j > 0 && cell(yt.header, j) != "" {
				m[cell(yt.header, j)] = cell(r, j)
			}
		}
		yt.rows = append(yt.rows, label)
		yt.cells[label] = m
		if label == "Two-year average" {
			break
		}
	}
	return id, yt, true
}

// readResults reads results.csv into one map per offer, keyed by column.
func readResults(t *testing.T, path string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("%s: %d records, %v", path, len(recs), err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for j, h := range recs[0] {
			m[h] = rec[j]
		}
		out = append(out, m)
	}
	return out
}

// sameCents reports whether a LibreOffice figure equals want to the cent:
// within half a cent, which also absorbs binary floating point.
func sameCents(got string, want decimal.Decimal) bool {
	g, err := decimal.NewFromString(strings.TrimSpace(got))
	if err != nil {
		return false
	}
	return g.Sub(want).Abs().LessThanOrEqual(decimal.New(5, -3))
}

// analyzeSample runs `offerbook analyze samples/offers.csv --format
// xlsx,csv` in-process and returns the workbook and results.csv paths.
func analyzeSample(t *testing.T, extra ...string) (xlsx, results string) {
	t.Helper()
	dir := t.TempDir()
	args := append([]string{"offerbook", "analyze", "../../samples/offers.csv", "--format", "xlsx,csv", "--out-dir", dir, "--quiet"}, extra...)
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("analyze: %v\n%s", err, stderr.String())
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if len(matches) != 1 {
		t.Fatalf("want one workbook in %s, got %v", dir, matches)
	}
	return matches[0], filepath.Join(dir, "results.csv")
}

// yearColumns pairs the year table's headers with results.csv's per-year
// field names.
var yearColumns = []struct{ header, field string }{
	{"Base", "base"}, {"Sign-on", "sign_on"}, {"RSU", "rsu"}, {"Refresh", "refresh"}, {"Bonus", "bonus"}, {"Total", "total"},
}

// TestLibreOfficeComputesTheAnalyzersFigures converts the analyzed sample
// with recalculation forced and checks every offer sheet's year table, as
// LibreOffice computed it from the formulas, against results.csv to the
// cent; and that Summary's figures are numbers that agree too.
func TestLibreOfficeComputesTheAnalyzersFigures(t *testing.T) {
	soffice := requireSoffice(t)
	xlsx, resultsPath := analyzeSample(t)
	results := readResults(t, resultsPath)
	sheets := convertWithLibreOffice(t, soffice, xlsx, recalcAlways)

	byID := map[string]map[string]string{}
	for _, r := range results {
		byID[r["id"]] = r
	}
	seen := map[string]bool{}
	for name, rows := range sheets {
		id, yt, ok := parseOfferSheet(rows)
		if !ok {
			continue
		}
		want, ok := byID[id]
		if !ok {
			t.Errorf("sheet %q: offer %q is not in results.csv", name, id)
			continue
		}
		seen[id] = true
		h := 0
		for _, label := range yt.rows {
			if strings.HasPrefix(label, "Year ") {
				h++
			}
		}
		if h != 4 {
			t.Errorf("sheet %q: %d year rows, want 4", name, h)
		}
		check := func(row, col string, exp decimal.Decimal) {
			got, ok := yt.get(row, col)
			if !ok {
				t.Errorf("sheet %q: no cell %s / %s", name, row, col)
				return
			}
			if !sameCents(got, exp) {
				t.Errorf("sheet %q: %s %s = %q as LibreOffice computed it, want %s", name, row, col, got, exp.StringFixed(2))
			}
		}
		for _, c := range yearColumns {
			sum := decimal.Zero
			for y := 1; y <= h; y++ {
				exp := decimal.RequireFromString(want[fmt.Sprintf("y%d_%s", y, c.field)])
				sum = sum.Add(exp)
				check(fmt.Sprintf("Year %d", y), c.header, exp)
			}
			check(fmt.Sprintf("Total (%d years)", h), c.header, sum)
		}
		check(fmt.Sprintf("Total (%d years)", h), "Total", decimal.RequireFromString(want["total"]))
		check("Average per year", "Total", decimal.RequireFromString(want["average"]))
		check("Two-year average", "Total", decimal.RequireFromString(want["two_year_average"]))
	}
	if len(seen) != len(results) {
		t.Errorf("checked %d offer sheets, results.csv has %d offers", len(seen), len(results))
	}

	summary, ok := sheets["Summary"]
	if !ok || len(summary) < 2 {
		t.Fatalf("no Summary sheet in the export")
	}
	col := func(name string) int { return slices.Index(summary[0], name) }
	idCol := col("ID")
	if idCol < 0 {
		t.Fatalf("Summary header has no ID: %v", summary[0])
	}
	numeric := []struct{ header, field string }{
		{"Base", "base"}, {"Y1 total", "y1_total"}, {"Y2 total", "y2_total"}, {"Y3 total", "y3_total"},
		{"Y4 total", "y4_total"}, {"Total (4 yr)", "total"}, {"Average / yr", "average"}, {"Two-year average", "two_year_average"},
	}
	rows := 0
	for _, r := range summary[1:] {
		want, ok := byID[cell(r, idCol)]
		if !ok {
			continue
		}
		rows++
		for _, n := range numeric {
			j := col(n.header)
			if j < 0 {
				continue // a renamed column is not this test's business
			}
			got := cell(r, j)
			if _, err := strconv.ParseFloat(got, 64); err != nil {
				t.Errorf("Summary %s %s = %q: not a number", want["id"], n.header, got)
				continue
			}
			if !sameCents(got, decimal.RequireFromString(want[n.field])) {
				t.Errorf("Summary %s %s = %s, want %s", want["id"], n.header, got, want[n.field])
			}
		}
	}
	if rows != len(results) {
		t.Errorf("Summary has %d offer rows, want %d", rows, len(results))
	}
}

// TestLibreOfficeRecalculatesAnEditedInput edits one offer's base salary in
// the workbook with excelize, leaving every dependent formula's cached value
// stale, and checks that LibreOffice, with recalculation forced, computes
// the analyzer's figures for the new base; the same file converted with
// recalculation off still shows the stale ones, so the pass is LibreOffice
// recomputing, not a cached value.
func TestLibreOfficeRecalculatesAnEditedInput(t *testing.T) {
	soffice := requireSoffice(t)
	xlsx, resultsPath := analyzeSample(t)
	results := readResults(t, resultsPath)

	// An offer with a bonus, so the edit moves base, bonus and total.
	var target map[string]string
	for _, r := range results {
		if r["y1_bonus"] != "0.00" && r["y1_bonus"] != "" {
			target = r
			break
		}
	}
	if target == nil {
		t.Fatal("the sample has no offer with a bonus")
	}
	id := target["id"]
	oldBase := decimal.RequireFromString(target["base"])
	newBase := oldBase.Add(decimal.RequireFromString("12345.67"))

	// The analyzer's figures for the same offer with the new base.
	var offer *analyzer.Offer
	if _, err := importers.ReadFile(context.Background(), "../../samples/offers.csv", importers.Options{},
		func(o *analyzer.Offer) error {
			if o.ID == id {
				offer = o
			}
			return nil
		}, nil); err != nil {
		t.Fatal(err)
	}
	if offer == nil {
		t.Fatalf("offer %s not in the sample", id)
	}
	offer.Base = newBase
	want, err := analyzer.Analyze(offer, analyzer.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}

	// Edit a copy of the workbook: find the offer's sheet and its base cell
	// by their labels.
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	sheet, baseCell, totalCell := "", "", ""
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		if got, _, ok := parseOfferSheet(rows); !ok || got != id {
			continue
		}
		sheet = name
		for i, r := range rows {
			switch cell(r, 0) {
			case "Base salary":
				if baseCell == "" {
					baseCell = fmt.Sprintf("B%d", i+1)
				}
			case "Year 1":
				if totalCell == "" {
					totalCell = fmt.Sprintf("G%d", i+1)
				}
			}
		}
	}
	if sheet == "" || baseCell == "" || totalCell == "" {
		t.Fatalf("offer %s: sheet %q, base cell %q, year 1 total %q not found", id, sheet, baseCell, totalCell)
	}
	if err := f.SetCellFloat(sheet, baseCell, newBase.InexactFloat64(), 2, 64); err != nil {
		t.Fatal(err)
	}
	if formula, _ := f.GetCellFormula(sheet, totalCell); formula == "" {
		t.Fatalf("%s!%s has no formula", sheet, totalCell)
	}
	stale, _ := f.GetCellValue(sheet, totalCell, excelize.Options{RawCellValue: true})
	if !sameCents(stale, decimal.RequireFromString(target["y1_total"])) {
		t.Fatalf("%s!%s cached %q, want the old (now stale) %s", sheet, totalCell, stale, target["y1_total"])
	}
	edited := filepath.Join(t.TempDir(), "edited.xlsx")
	if err := f.SaveAs(edited); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()

	t.Run("recalculated", func(t *testing.T) {
		_, yt, ok := parseOfferSheet(convertWithLibreOffice(t, soffice, edited, recalcAlways)[sheet])
		if !ok {
			t.Fatalf("sheet %q lost its year table", sheet)
		}
		total := decimal.Zero
		for i, y := range want.Years {
			row := fmt.Sprintf("Year %d", i+1)
			for _, c := range []struct {
				col string
				exp decimal.Decimal
			}{{"Base", y.Base}, {"Bonus", y.Bonus}, {"Total", y.Total}} {
				got, _ := yt.get(row, c.col)
				if !sameCents(got, c.exp) {
					t.Errorf("%s %s = %q after the edit, want %s", row, c.col, got, c.exp.StringFixed(2))
				}
			}
			total = total.Add(y.Total)
		}
		if !total.Equal(want.Total) {
			t.Fatalf("analyzer: years add to %s, total %s", total, want.Total)
		}
		got, _ := yt.get(fmt.Sprintf("Total (%d years)", len(want.Years)), "Total")
		if !sameCents(got, want.Total) {
			t.Errorf("H-year total = %q after the edit, want %s", got, want.Total.StringFixed(2))
		}
		got, _ = yt.get("Average per year", "Total")
		if !sameCents(got, want.Average) {
			t.Errorf("average = %q after the edit, want %s", got, want.Average.StringFixed(2))
		}
	})
	t.Run("control: recalculation off shows the stale cache", func(t *testing.T) {
		_, yt, ok := parseOfferSheet(convertWithLibreOffice(t, soffice, edited, recalcNever)[sheet])
		if !ok {
			t.Fatalf("sheet %q lost its year table", sheet)
		}
		got, _ := yt.get("Year 1", "Total")
		if !sameCents(got, decimal.RequireFromString(target["y1_total"])) {
			t.Errorf("Year 1 Total = %q with recalculation off, want the stale %s: the edit no longer leaves a stale cache, "+
				"so the recalculated case proves nothing", got, target["y1_total"])
		}
	})
}

// TestLibreOfficePivots checks the Pivots sheet, when the workbook has one,
// as LibreOffice shows it: every level × location table on it (the pivot
// table, whose level column is blank under its first row, and the static
// table beside it) gives each group's offer count and average H-year total
// as results.csv does; a static table's P25/P50/P75 are PERCENTILE.INC of
// the group's totals; and no cell on the sheet is a formula error.
func TestLibreOfficePivots(t *testing.T) {
	soffice := requireSoffice(t)
	xlsx, resultsPath := analyzeSample(t)
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	has := slices.Contains(f.GetSheetList(), "Pivots")
	_ = f.Close()
	if !has {
		t.Fatal("the workbook has no Pivots sheet")
	}
	groups := map[[2]string][]decimal.Decimal{}
	for _, r := range readResults(t, resultsPath) {
		k := [2]string{r["level"], r["location"]}
		groups[k] = append(groups[k], decimal.RequireFromString(r["total"]))
	}
	rows := convertWithLibreOffice(t, soffice, xlsx, recalcAlways)["Pivots"]
	for i, r := range rows {
		for j := range r {
			if v := cell(r, j); strings.HasPrefix(v, "#") || strings.HasPrefix(v, "Err:") {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				t.Errorf("Pivots!%s shows %s in LibreOffice", ref, v)
			}
		}
	}

	tables := 0
	for i, r := range rows {
		for j := 0; j+3 < len(r); j++ {
			if !strings.EqualFold(cell(r, j), "level") || !strings.EqualFold(cell(r, j+1), "location") {
				continue
			}
			countHead, avgHead := strings.ToLower(cell(r, j+2)), strings.ToLower(cell(r, j+3))
			if !(strings.Contains(countHead, "offers") || strings.Contains(countHead, "count")) || !strings.Contains(avgHead, "average") {
				continue
			}
			tables++
			pct := map[string]int{} // P25/P50/P75 columns, when the table has them
			for k := j + 4; k < len(r); k++ {
				if h := cell(r, k); h == "P25" || h == "P50" || h == "P75" {
					pct[h] = k
				}
			}
			found, level := 0, ""
			for _, d := range rows[i+1:] {
				if cell(d, j) == "" && cell(d, j+1) == "" {
					break
				}
				if v := cell(d, j); v != "" {
					level = v // a pivot table names the level on its first row only
				}
				vals, ok := groups[[2]string{level, cell(d, j+1)}]
				if !ok {
					continue // subtotal and total rows
				}
				found++
				name := level + " × " + cell(d, j+1)
				if got := cell(d, j+2); got != strconv.Itoa(len(vals)) {
					t.Errorf("Pivots table %d, %s: %q offers, want %d", tables, name, got, len(vals))
				}
				sum := decimal.Zero
				for _, v := range vals {
					sum = sum.Add(v)
				}
				if exp := sum.Div(decimal.NewFromInt(int64(len(vals)))); !sameCents(cell(d, j+3), exp) {
					t.Errorf("Pivots table %d, %s: average %q, want %s", tables, name, cell(d, j+3), exp.StringFixed(2))
				}
				for h, k := range pct {
					p := map[string]float64{"P25": 0.25, "P50": 0.5, "P75": 0.75}[h]
					if exp := percentileInc(vals, p); !sameCents(cell(d, k), exp) {
						t.Errorf("Pivots table %d, %s: %s %q, want PERCENTILE.INC %s", tables, name, h, cell(d, k), exp.StringFixed(2))
					}
				}
			}
			if found != len(groups) {
				t.Errorf("Pivots table %d (row %d): %d of %d level × location groups", tables, i+1, found, len(groups))
			}
		}
	}
	if tables == 0 {
		t.Errorf("Pivots has no table headed level, location, offers, average:\n%v", rows)
	}
}

// percentileInc is Excel's PERCENTILE.INC: the value at rank p × (n − 1)
// of the sorted values, interpolated linearly.
func percentileInc(vals []decimal.Decimal, p float64) decimal.Decimal {
	s := slices.Clone(vals)
	slices.SortFunc(s, func(a, b decimal.Decimal) int { return a.Cmp(b) })
	rank := decimal.NewFromFloat(p).Mul(decimal.NewFromInt(int64(len(s) - 1)))
	lo := int(rank.IntPart())
	if lo+1 >= len(s) {
		return s[len(s)-1]
	}
	frac := rank.Sub(decimal.NewFromInt(int64(lo)))
	return s[lo].Add(s[lo+1].Sub(s[lo]).Mul(frac))
}

// TestTemplateCommand checks that template writes the workbook, refuses to
// overwrite a file without --force, and rejects stray arguments.
func TestTemplateCommand(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.xlsx")
	for _, c := range []struct {
		name      string
		args      []string
		exit      int
		preexists bool
		written   bool // the output is a template afterwards
	}{
		{"new file", []string{"-o", filepath.Join(dir, "new.xlsx")}, exitOK, false, true},
		{"existing file", []string{"-o", existing}, exitFailed, true, false},
		{"existing file with --force", []string{"-o", existing, "--force"}, exitOK, true, true},
		{"an argument", []string{"-o", filepath.Join(dir, "arg.xlsx"), "offers.csv"}, exitUsage, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := c.args[1]
			if c.preexists {
				if err := os.WriteFile(out, []byte("keep me"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			code := exitCode(run(context.Background(), append([]string{"offerbook", "template"}, c.args...), &stdout, &stderr), &stderr)
			if code != c.exit {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, c.exit, stderr.String())
			}
			b, err := os.ReadFile(out)
			switch {
			case c.written:
				if err != nil {
					t.Fatal(err)
				}
				if _, err := excelize.OpenReader(bytes.NewReader(b)); err != nil {
					t.Errorf("%s is not a workbook: %v", out, err)
				}
			case c.preexists:
				if string(b) != "keep me" {
					t.Errorf("%s was overwritten without --force", out)
				}
			default:
				if err == nil {
					t.Errorf("%s was written", out)
				}
			}
		})
	}
}

// TestTemplateFilledInAnalyzes fills the template the way a user would (the
// example row overwritten, three offers, inputs in several accepted forms,
// one custom vesting schedule) and analyzes it through run().
func TestTemplateFilledInAnalyzes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "offers.xlsx")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"offerbook", "template", "-o", path}, &stdout, &stderr); err != nil {
		t.Fatalf("template: %v\n%s", err, stderr.String())
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	header := exporters.TemplateColumns()
	offers := []map[string]any{
		// L5 Austin SDE, even 25/25/25/25, 10% bonus: RSU 50,000 and bonus
		// 15,000 a year. Y1 = 150,000 + 20,000 + 50,000 + 15,000 = 235,000;
		// Y2 = 150,000 + 10,000 + 50,000 + 15,000 = 225,000; Y3 = Y4 =
		// 215,000. Total 890,000.
		{"id": "T-1", "company": "Amazon", "track": "SDE", "level": "L5", "location": "Austin",
			"base": 150000, "sign_on_y1": 20000, "sign_on_y2": 10000, "rsu_value": 200000,
			"vesting": "even", "bonus_pct": 0.10},
		// L7 Bay Area EM, amazon 5/15/40/40, no bonus: RSU 30,000, 90,000,
		// 240,000, 240,000. Y1 = 280,000; Y2 = 340,000; Y3 = Y4 = 490,000.
		// Total 1,600,000.
		{"id": "T-2", "company": "Amazon", "track": "EM", "level": "L7", "location": "Bay Area",
			"base": "$250K", "rsu_value": "600,000", "vesting": "amazon"},
		// L6 New York PM, custom 10/20/30/40, 40,000 refresher a year from
		// year 2: RSU 40,000, 80,000, 120,000, 160,000; refresh 0, 4,000
		// (40,000 × 10%), 12,000 (× 30%), 24,000 (× 60%).
		// Y1 = 200,000 + 50,000 + 40,000 = 290,000; Y2 = 200,000 + 80,000 +
		// 4,000 = 284,000; Y3 = 200,000 + 120,000 + 12,000 = 332,000;
		// Y4 = 200,000 + 160,000 + 24,000 = 384,000. Total 1,290,000.
		{"id": "T-3", "company": "Amazon", "track": "PM", "level": "L6", "location": "NYC",
			"base": 200000, "sign_on_y1": "$50,000", "rsu_value": 400000, "vesting": "10/20/30/40",
			"refresher": 40000},
	}
	for i, o := range offers {
		row := exporters.TemplateHeaderRow + 1 + i
		for j, name := range header {
			ref, _ := excelize.CoordinatesToCellName(j+1, row)
			var err error
			if v, ok := o[name]; ok {
				err = f.SetCellValue(exporters.TemplateSheet, ref, v)
			} else {
				err = f.SetCellValue(exporters.TemplateSheet, ref, nil) // clear the example's cells
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()

	out := filepath.Join(dir, "out")
	stdout.Reset()
	stderr.Reset()
	if err := run(context.Background(), []string{"offerbook", "analyze", path, "--format", "csv", "--out-dir", out, "--strict"}, &stdout, &stderr); err != nil {
		t.Fatalf("analyze: %v\n%s", err, stderr.String())
	}
	results := readResults(t, filepath.Join(out, "results.csv"))
	want := []struct {
		id, level, location, vesting string
		years                        [4]string
		total                        string
	}{
		{"T-1", "L5", "Austin", "even", [4]string{"235000.00", "225000.00", "215000.00", "215000.00"}, "890000.00"},
		{"T-2", "L7", "Bay Area", "amazon", [4]string{"280000.00", "340000.00", "490000.00", "490000.00"}, "1600000.00"},
		{"T-3", "L6", "New York", "10/20/30/40", [4]string{"290000.00", "284000.00", "332000.00", "384000.00"}, "1290000.00"},
	}
	if len(results) != len(want) {
		t.Fatalf("results.csv has %d offers, want %d", len(results), len(want))
	}
	for i, w := range want {
		r := results[i]
		for _, c := range []struct{ field, got, want string }{
			{"id", r["id"], w.id}, {"level", r["level"], w.level}, {"location", r["location"], w.location},
			{"vesting", r["vesting"], w.vesting}, {"total", r["total"], w.total},
			{"y1_total", r["y1_total"], w.years[0]}, {"y2_total", r["y2_total"], w.years[1]},
			{"y3_total", r["y3_total"], w.years[2]}, {"y4_total", r["y4_total"], w.years[3]},
		} {
			if c.got != c.want {
				t.Errorf("%s %s = %q, want %q", w.id, c.field, c.got, c.want)
			}
		}
	}
}

// runSoffice converts xlsx with LibreOffice headless under the given user
// profile and filter into outDir, failing the test on an error or after
// timeout (ending soffice and its soffice.bin child as a group). It returns
// what LibreOffice printed and how long the conversion took.
func runSoffice(t *testing.T, soffice, profile, filter, outDir, xlsx string, timeout time.Duration) (string, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "--nolockcheck",
		"-env:UserInstallation="+(&url.URL{Scheme: "file", Path: profile}).String(),
		"--convert-to", filter, "--outdir", outDir, xlsx)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("LibreOffice conversion of %s timed out after %s:\n%s", xlsx, timeout, out.String())
	}
	if err != nil {
		t.Fatalf("LibreOffice conversion of %s failed: %v\n%s", xlsx, err, out.String())
	}
	return out.String(), time.Since(start)
}
