package ooxml

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sheetRow is one row for the differential tests.
type sheetRow struct {
	cell   string
	values []any
	opts   []excelize.RowOpts
}

// excelizeRows writes rows through excelize's StreamWriter and returns
// what it put between <sheetData> and </sheetData>.
func excelizeRows(t testing.TB, rows []sheetRow) (string, error) {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := sw.SetRow(r.cell, r.values, r.opts...); err != nil {
			return "", err
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		from := strings.Index(s, "<sheetData>") + len("<sheetData>")
		to := strings.Index(s, "</sheetData>")
		if from < len("<sheetData>") || to < from {
			t.Fatalf("no sheetData in %s", s)
		}
		return s[from:to], nil
	}
	t.Fatal("no sheet1.xml")
	return "", nil
}

// ownRows writes rows through Rows and returns its XML.
func ownRows(t testing.TB, rows []sheetRow) (string, error) {
	t.Helper()
	s := &Rows{dir: t.TempDir()}
	defer func() { _ = s.Close() }()
	for _, r := range rows {
		if err := s.SetRow(r.cell, r.values, r.opts...); err != nil {
			return "", err
		}
	}
	var out bytes.Buffer
	if err := s.writeTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.String(), nil
}

// TestSheetRowsMatchExcelize: every kind of cell the batch sheets write,
// and the awkward texts, come out byte for byte as excelize writes them.
func TestSheetRowsMatchExcelize(t *testing.T) {
	long := strings.Repeat("é", excelize.TotalCellChars+5)
	texts := []string{"", "plain", " lead", "trail ", "\ttab", "line\nfeed", "cr\r", `q"uote's & <b>`,
		"_x0041_ stays", "_x005F_x0041_", "_x005F_", "_xZZZZ_", "\x00nul", "bad \xff utf8", "emoji 😀", "\u2028sep",
		"=1+1", "@cmd", long, strings.Repeat("😀", excelize.TotalCellChars/2+3), "Δ total −5%"}
	floats := []float64{0, -0.5, 1234567.89, 0.1 + 0.2, 1e21, 123456789012345678, -1e-7, math.MaxFloat64,
		math.Inf(1), math.NaN(), 99.95, 1.0 / 3}
	var rows []sheetRow
	r := 1
	next := func(values []any, opts ...excelize.RowOpts) {
		ref, _ := excelize.CoordinatesToCellName(1, r)
		rows = append(rows, sheetRow{cell: ref, values: values, opts: opts})
		r++
	}
	for _, s := range texts {
		next([]any{s, excelize.Cell{StyleID: 4, Value: s}, nil,
			excelize.Cell{StyleID: 2, Formula: `HYPERLINK("#'Offer 1'!A1","` + s + `")`, Value: s},
			&excelize.Cell{Value: s}})
	}
	for _, x := range floats {
		next([]any{x, excelize.Cell{StyleID: 7, Value: x}, float32(x), excelize.Cell{Formula: "SUM(A1:A2)", Value: x}})
	}
	next([]any{1, int64(-7), int32(3), uint64(1 << 63), int8(-8), int16(16), uint(1), uint8(8), uint16(16), uint32(32),
		true, false, []byte("bytes"), excelize.Cell{StyleID: 3}, struct{ A int }{4}, [2]string{"x", "y"}},
		excelize.RowOpts{Height: 30})
	next([]any{"styled row", nil, 5}, excelize.RowOpts{StyleID: 6, Height: 12.75, OutlineLevel: 2, Hidden: true})
	next([]any{excelize.Cell{Formula: "A1"}, (*excelize.Cell)(nil)})
	r += 3 // a gap, as the Candidates sheet leaves
	next([]any{nil, nil, "from column C"})
	ref, _ := excelize.CoordinatesToCellName(5, r)
	rows = append(rows, sheetRow{cell: ref, values: []any{"starts at E", 2.5}})
	r++
	wide := make([]any, 60) // past column Z
	for i := range wide {
		wide[i] = float64(i) / 4
	}
	next(wide)

	want, err := excelizeRows(t, rows)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ownRows(t, rows)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		for i := 0; i < min(len(got), len(want)); i++ {
			if got[i] != want[i] {
				t.Fatalf("differs at byte %d:\n got %q\nwant %q", i, got[max(0, i-80):min(len(got), i+120)], want[max(0, i-80):min(len(want), i+120)])
			}
		}
		t.Fatalf("lengths differ: got %d bytes, want %d", len(got), len(want))
	}
}

// TestSheetRowsRefuseWhatExcelizeRefuses: a row written twice, a row too
// tall and an outline too deep are errors, as they are for excelize.
func TestSheetRowsRefuseWhatExcelizeRefuses(t *testing.T) {
	cases := map[string][]sheetRow{
		"row again":     {{cell: "A2", values: []any{1}}, {cell: "A2", values: []any{2}}},
		"row before":    {{cell: "A3", values: []any{1}}, {cell: "A1", values: []any{2}}},
		"too tall":      {{cell: "A1", values: []any{1}, opts: []excelize.RowOpts{{Height: 410}}}},
		"outline":       {{cell: "A1", values: []any{1}, opts: []excelize.RowOpts{{OutlineLevel: 8}}}},
		"bad reference": {{cell: "1A", values: []any{1}}},
	}
	for name, rows := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := excelizeRows(t, rows); err == nil {
				t.Fatal("excelize accepted the rows: the case is wrong")
			}
			if _, err := ownRows(t, rows); err == nil {
				t.Fatal("Rows accepted the rows")
			}
		})
	}
}

// TestSheetRowsSpill: compressed rows past the memory budget go to a
// temporary file and come back whole and in order; Close removes the file.
func TestSheetRowsSpill(t *testing.T) {
	old := rowsMemory
	rowsMemory = 1024
	defer func() { rowsMemory = old }()
	dir := t.TempDir()
	s := &Rows{dir: dir}
	var want strings.Builder
	for r := 1; r <= 60000; r++ {
		ref, _ := excelize.CoordinatesToCellName(1, r)
		if err := s.SetRow(ref, []any{"a fairly long text to fill the buffer quickly", float64(r) / 100}); err != nil {
			t.Fatal(err)
		}
		want.WriteString(`<row r="` + strings.TrimPrefix(ref, "A") + `"><c r="` + ref + `" t="inlineStr"><is><t>a fairly long text to fill the buffer quickly</t></is></c>`)
		b, _ := excelize.CoordinatesToCellName(2, r)
		want.WriteString(`<c r="` + b + `"><v>` + formatCellFloat(float64(r)/100, 64) + `</v></c></row>`)
	}
	if s.out.file == nil {
		t.Fatal("rows past the budget stayed in memory")
	}
	var got bytes.Buffer
	if err := s.writeTo(&got); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Fatalf("spilled rows differ (%d bytes, want %d)", got.Len(), want.Len())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Fatalf("temporary files left: %v (%v)", entries, err)
	}
}

// FuzzSheetRowsMatchExcelize: any text, number and height give the same
// row XML as excelize's StreamWriter.
func FuzzSheetRowsMatchExcelize(f *testing.F) {
	f.Add("plain", 1234.5, "SUM(A1)", 0.0, 3)
	f.Add(" _x0041_\n", math.Inf(-1), `HYPERLINK("#'a'!A1","x")`, 30.0, 0)
	f.Add("\xff\x00<&>", 1e300, "", 409.0, 1)
	f.Fuzz(func(t *testing.T, text string, x float64, formula string, height float64, style int) {
		if height < 0 || height > excelize.MaxRowHeight || style < 0 {
			t.Skip()
		}
		rows := []sheetRow{{cell: "A1", values: []any{text, x, excelize.Cell{StyleID: style, Value: text},
			excelize.Cell{StyleID: style, Formula: formula, Value: text}, excelize.Cell{Formula: formula, Value: x}, nil, len(text)},
			opts: []excelize.RowOpts{{Height: height}}}}
		want, werr := excelizeRows(t, rows)
		got, gerr := ownRows(t, rows)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("excelize error %v, Rows error %v", werr, gerr)
		}
		if got != want {
			t.Fatalf("row XML differs:\n got %q\nwant %q", got, want)
		}
	})
}

// cellFloats are numbers around every edge formatCellFloat has: whole,
// cents, beyond 15 significant digits before and after the point, tiny,
// huge and negative.
var cellFloats = []float64{0, 1, -1, 0.1, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 99.95, 207385.4, 178062.95, 1234567.89,
	123456789012345678, 1234567890123456.7, 12345678901234.567, -9876543210987654321, 1e21, 1e-7, -1e-7,
	5e-324, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 0.000123456789012345678}

// TestAppendCellFloat: appending a number writes what formatCellFloat
// returns, after what was in the buffer.
func TestAppendCellFloat(t *testing.T) {
	for _, v := range cellFloats {
		for _, bits := range []int{32, 64} {
			want := formatCellFloat(v, bits)
			if got := string(appendCellFloat([]byte("<v>"), v, bits)); got != "<v>"+want {
				t.Errorf("appendCellFloat(%v, %d) = %q, want <v>%q", v, bits, got, want)
			}
		}
	}
}

func FuzzAppendCellFloat(f *testing.F) {
	for _, v := range cellFloats {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		if want, got := formatCellFloat(v, 64), string(appendCellFloat(nil, v, 64)); got != want {
			t.Fatalf("appendCellFloat(%v) = %q, want %q", v, got, want)
		}
	})
}
