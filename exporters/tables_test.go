package exporters_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The band and playbook writers produce the files --bands and --playbook
// read, so these tests read them back with the importers.

func defaultBands(t *testing.T) []analyzer.Band {
	t.Helper()
	bands, err := importers.DefaultBands()
	if err != nil {
		t.Fatal(err)
	}
	// A band with cents, blank keys and text a spreadsheet would take for a
	// formula, beside the built-in rows.
	return append(bands, analyzer.Band{Key: analyzer.BandKey{Company: "Acme, Inc.", Level: "L5"},
		Component: analyzer.ComponentSignOnY1, Min: dec("1000.25"), Max: dec("2000.5"), Source: "user notes"})
}

func sameBandRows(t *testing.T, got, want []analyzer.Band) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read back %d bands, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Key != w.Key || g.Component != w.Component || g.Source != w.Source || !g.Min.Equal(w.Min) || !g.Max.Equal(w.Max) {
			t.Fatalf("band %d:\n got %+v\nwant %+v", i+1, g, w)
		}
	}
}

func TestWriteBandsCSVRoundTrip(t *testing.T) {
	bands := defaultBands(t)
	var buf bytes.Buffer
	if err := exporters.WriteBandsCSV(&buf, bands); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if !strings.HasPrefix(text, "source,company_type,company,track,level,location,component,min,max\r\n"+
		"Amazon L6/L7 Compensation Negotiation Masterclass (2024-2025 ranges),FAANG,Amazon,SDE,L6,Seattle,base,180000,220000\r\n") {
		t.Errorf("CSV starts\n%s", text[:200])
	}
	got, rerrs, err := importers.ReadBandsCSV(context.Background(), strings.NewReader(text), "bands.csv")
	if err != nil || len(rerrs) != 0 {
		t.Fatalf("ReadBandsCSV: %v %v", rerrs, err)
	}
	sameBandRows(t, got, bands)

	// The built-in rows come out as the shipped file, byte for byte.
	shipped, err := os.ReadFile("../importers/defaults/market-bands.csv")
	if err != nil {
		t.Fatal(err)
	}
	// (The shipped file is a byte copy of the project data, LF line ends.)
	if !strings.HasPrefix(strings.ReplaceAll(text, "\r\n", "\n"), strings.ReplaceAll(string(shipped), "\r\n", "\n")) {
		t.Error("WriteBandsCSV(DefaultBands()) differs from importers/defaults/market-bands.csv")
	}
}

func TestWriteBandsCSVFormulaText(t *testing.T) {
	var buf bytes.Buffer
	bands := []analyzer.Band{{Key: analyzer.BandKey{Company: "=HYPERLINK(1)"}, Component: analyzer.ComponentBase, Min: dec("1.005"), Max: dec("2"), Source: "@x"}}
	if err := exporters.WriteBandsCSV(&buf, bands); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1]; got[0] != "'@x" || got[2] != "'=HYPERLINK(1)" || got[7] != "1" || got[8] != "2" {
		t.Errorf("row %q, want quoted text and 1.005 rounded half-even to 1", got)
	}
}

func TestWriteBandsXLSXRoundTrip(t *testing.T) {
	bands := defaultBands(t)
	path := filepath.Join(t.TempDir(), "bands.xlsx")
	if err := exporters.WriteFileAtomic(path, func(w io.Writer) error { return exporters.WriteBandsXLSX(w, bands) }); err != nil {
		t.Fatal(err)
	}
	got, rerrs, err := importers.ReadBands(context.Background(), path, importers.Options{})
	if err != nil || len(rerrs) != 0 {
		t.Fatalf("ReadBands: %v %v", rerrs, err)
	}
	sameBandRows(t, got, bands)

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 1 || sheets[0] != "Bands" {
		t.Errorf("sheets %v, want [Bands]", sheets)
	}
	tests := []struct {
		cell, value, format string
		typ                 excelize.CellType
	}{
		{"A1", "source", "", excelize.CellTypeSharedString},
		{"I1", "max", "", excelize.CellTypeSharedString},
		{"B2", "FAANG", "", excelize.CellTypeSharedString},
		{"H2", "180000", "$#,##0", excelize.CellTypeNumber},
		{"I2", "220000", "$#,##0", excelize.CellTypeNumber},
		{"H122", "1000.25", "$#,##0", excelize.CellTypeNumber},
	}
	for _, tc := range tests {
		t.Run(tc.cell, func(t *testing.T) {
			v, err := f.GetCellValue("Bands", tc.cell, excelize.Options{RawCellValue: true})
			if err != nil || v != tc.value {
				t.Errorf("value %q, %v; want %q", v, err, tc.value)
			}
			typ, _ := f.GetCellType("Bands", tc.cell)
			switch {
			case typ == tc.typ:
			case tc.typ == excelize.CellTypeSharedString && typ == excelize.CellTypeInlineString:
			case tc.typ == excelize.CellTypeNumber && typ == excelize.CellTypeUnset: // no t attribute: a number
			default:
				t.Errorf("type %v, want %v", typ, tc.typ)
			}
			if tc.format == "" {
				return
			}
			id, _ := f.GetCellStyle("Bands", tc.cell)
			st, err := f.GetStyle(id)
			if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != tc.format {
				t.Errorf("number format %v, %v; want %q", st, err, tc.format)
			}
		})
	}
	if v, _ := f.GetCellValue("Bands", "C122"); v != "Acme, Inc." {
		t.Errorf("C122 = %q", v)
	}
	if v, _ := f.GetCellValue("Bands", "B122"); v != "" {
		t.Errorf("blank company type written as %q", v)
	}
}

func TestWritePlaybookYAMLRoundTrip(t *testing.T) {
	// Every field differs from the default, so a key the writer left out
	// would read back as the default and fail the comparison.
	changed := analyzer.DefaultPlaybook()
	changed.RSU = analyzer.AskRange{Low: dec("21.5"), High: dec("51")}
	changed.SignOn = analyzer.AskRange{Low: dec("40"), High: dec("150")}
	changed.SignOnNone = analyzer.AskRange{Low: dec("55"), High: dec("85")}
	changed.SignOnSplitY1 = dec("50")
	changed.Base = analyzer.AskRange{Low: dec("4"), High: dec("12.25")}
	changed.BaseCaps = map[string]decimal.Decimal{"L5": dec("180000"), "L6": dec("230000.50")}
	changed.NextLevel = map[string]string{"L5": "L6", "6": "7"}
	changed.LevelPercentile = dec("60")
	changed.StartDateClasses = []analyzer.StartDateClass{{MinWeeks: 0, Name: "now"}, {MinWeeks: 3, Name: "3: soon"}}
	changed.StartDateDelayWeeks = 6
	changed.Remote = analyzer.AskRange{Low: dec("-12"), High: dec("-0.5")}
	changed.Relocation = analyzer.AskRange{Low: dec("5000"), High: dec("1e5")}
	changed.PerfBonus = analyzer.AskRange{Low: dec("6"), High: dec("16")}
	changed.ApprovalTiers = []analyzer.ApprovalTier{{MaxPct: nd("12.5"), Name: "recruiter"}, {Name: "true"}}
	changed.Priority = map[string][]analyzer.LeverName{"default": {analyzer.LeverBase, analyzer.LeverRemote}}
	changed.YoYDropPct = dec("11")
	changed.FarBelowMarketPct = dec("21")
	changed.RSUMismatchPct = dec("2")

	for name, p := range map[string]*analyzer.Playbook{"default": analyzer.DefaultPlaybook(), "changed": changed} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := exporters.WritePlaybookYAML(&buf, p); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			for _, line := range strings.Split(text, "\n") {
				if !strings.HasPrefix(line, "#") && strings.ContainsAny(line, `"`) && name == "default" {
					t.Errorf("quoted value in line %q", line)
				}
			}
			got, err := importers.ParsePlaybook(buf.Bytes(), "written.yaml")
			if err != nil {
				t.Fatalf("%v in\n%s", err, text)
			}
			want := p
			if name == "changed" {
				// Maps merge over the defaults' entries.
				want.BaseCaps["L7"] = dec("350000")
				for k, v := range analyzer.DefaultPlaybook().NextLevel {
					if _, ok := want.NextLevel[k]; !ok {
						want.NextLevel[k] = v
					}
				}
				for k, v := range analyzer.DefaultPlaybook().Priority {
					if _, ok := want.Priority[k]; !ok {
						want.Priority[k] = v
					}
				}
			}
			samePlaybookYAML(t, got, want)
		})
	}
	var buf bytes.Buffer
	_ = exporters.WritePlaybookYAML(&buf, analyzer.DefaultPlaybook())
	for _, line := range []string{"  low: 20\n", "  L6: 220000\n", "  L6: [rsu, sign_on, base, start_date]\n", "  - name: VP / comp committee\n"} {
		if !strings.Contains(buf.String(), line) {
			t.Errorf("default playbook YAML has no line %q:\n%s", line, buf.String())
		}
	}
}

// samePlaybookYAML compares two playbooks field by field, decimals by value.
func samePlaybookYAML(t *testing.T, got, want *analyzer.Playbook) {
	t.Helper()
	if d := valueDiff("Playbook", reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()); d != "" {
		t.Error(d)
	}
}

// valueDiff returns where got and want differ, or "". Decimals compare with
// Equal, since 20 and 20.0 are equal but not DeepEqual.
func valueDiff(path string, got, want reflect.Value) string {
	switch g := got.Interface().(type) {
	case decimal.Decimal:
		if w := want.Interface().(decimal.Decimal); !g.Equal(w) {
			return fmt.Sprintf("%s: got %s, want %s", path, g, w)
		}
		return ""
	case decimal.NullDecimal:
		if w := want.Interface().(decimal.NullDecimal); g.Valid != w.Valid || !g.Decimal.Equal(w.Decimal) {
			return fmt.Sprintf("%s: got %v, want %v", path, g, w)
		}
		return ""
	}
	switch got.Kind() {
	case reflect.Struct:
		for i := range got.NumField() {
			if d := valueDiff(path+"."+got.Type().Field(i).Name, got.Field(i), want.Field(i)); d != "" {
				return d
			}
		}
	case reflect.Slice:
		if got.Len() != want.Len() {
			return fmt.Sprintf("%s: got %d items, want %d", path, got.Len(), want.Len())
		}
		for i := range got.Len() {
			if d := valueDiff(fmt.Sprintf("%s[%d]", path, i), got.Index(i), want.Index(i)); d != "" {
				return d
			}
		}
	case reflect.Map:
		if got.Len() != want.Len() {
			return fmt.Sprintf("%s: got keys %v, want %v", path, got.MapKeys(), want.MapKeys())
		}
		for _, k := range want.MapKeys() {
			if !got.MapIndex(k).IsValid() {
				return fmt.Sprintf("%s: no key %v", path, k)
			}
			if d := valueDiff(fmt.Sprintf("%s[%v]", path, k), got.MapIndex(k), want.MapIndex(k)); d != "" {
				return d
			}
		}
	default:
		if !reflect.DeepEqual(got.Interface(), want.Interface()) {
			return fmt.Sprintf("%s: got %v, want %v", path, got, want)
		}
	}
	return ""
}
