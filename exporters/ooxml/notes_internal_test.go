package ooxml

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// noteSheets are the sheets the notes tests write to: the new workbook's
// own sheet (it has a <sheetFormatPr>), a streamed sheet with column
// widths, as Summary is, a sheet with set row heights, column widths and a
// default row height and column width of its own, and one with a custom
// default row height and a base column width.
var noteSheets = []string{"Sheet1", "Streamed", "Sized", "Custom"}

// notesBook makes a workbook of noteSheets with the given notes on each,
// added through add, and returns it written by Write.
func notesBook(t testing.TB, notes map[string][]excelize.Comment,
	add func(f *excelize.File, sheet string, notes []excelize.Comment) (*Notes, error)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	for _, s := range noteSheets[1:] {
		if _, err := f.NewSheet(s); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetColWidth("Sheet1", "B", "C", 30))
	sw, err := f.NewStreamWriter("Streamed")
	must(err)
	for i, w := range []float64{16, 20, 16, 8, 7, 13, 12, 30, 0.5, 255} {
		must(sw.SetColWidth(i+1, i+1, w))
	}
	must(sw.SetColWidth(40, 50, 3))
	rowHeight, colWidth := 21.5, 11.0
	must(f.SetSheetProps("Sized", &excelize.SheetPropsOptions{DefaultRowHeight: &rowHeight, DefaultColWidth: &colWidth}))
	must(f.SetColWidth("Sized", "A", "A", 4))
	must(f.SetColWidth("Sized", "D", "F", 22))
	for r, h := range map[int]float64{3: 40, 4: 2, 7: 100, 12: 9} {
		must(f.SetRowHeight("Sized", r, h))
	}
	custom, base := true, uint8(10)
	rowHeight = 18
	must(f.SetSheetProps("Custom", &excelize.SheetPropsOptions{DefaultRowHeight: &rowHeight, CustomHeight: &custom,
		BaseColWidth: &base}))
	must(f.SetColWidth("Custom", "C", "C", 2))
	for r, h := range map[int]float64{5: 15, 8: 30} {
		must(f.SetRowHeight("Custom", r, h))
	}
	var all []*Notes
	for _, s := range noteSheets {
		if len(notes[s]) == 0 {
			continue
		}
		n, err := add(f, s, notes[s])
		must(err)
		if n != nil {
			all = append(all, n)
		}
	}
	must(sw.SetRow("A1", []any{"head"}))
	must(sw.Flush())
	var out bytes.Buffer
	must(Write(&out, f, Options{TmpDir: t.TempDir(), Notes: all}))
	return out.Bytes()
}

// byExcelize adds every note with AddComment: the reference.
func byExcelize(f *excelize.File, sheet string, notes []excelize.Comment) (*Notes, error) {
	for _, c := range notes {
		if err := f.AddComment(sheet, c); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// byNotes adds the first note with NewNotes and the rest with Add.
func byNotes(f *excelize.File, sheet string, notes []excelize.Comment) (*Notes, error) {
	n, err := NewNotes(f, sheet, notes[0])
	if err != nil {
		return nil, err
	}
	for _, c := range notes[1:] {
		if err := n.Add(c); err != nil {
			return nil, err
		}
	}
	if n.Len() != len(notes) {
		return nil, fmt.Errorf("Len = %d, want %d", n.Len(), len(notes))
	}
	return n, nil
}

// packageParts returns every part of a package by name.
func packageParts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		out[zf.Name] = b
	}
	return out
}

// samePackages fails unless two packages have the same bytes, naming the
// first part that differs and where.
func samePackages(t testing.TB, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	g, w := packageParts(t, got), packageParts(t, want)
	for name, wb := range w {
		gb, ok := g[name]
		if !ok {
			t.Fatalf("part %s missing", name)
		}
		if !bytes.Equal(gb, wb) {
			i := 0
			for i < min(len(gb), len(wb)) && gb[i] == wb[i] {
				i++
			}
			t.Fatalf("part %s differs at byte %d:\ngot  %q\nwant %q", name, i,
				gb[max(0, i-80):min(len(gb), i+160)], wb[max(0, i-80):min(len(wb), i+160)])
		}
	}
	t.Fatalf("the packages differ (%d parts, want %d)", len(g), len(w))
}

// noteTexts are texts a note may carry: markup characters, quotes, line
// breaks, other scripts, a character outside the BMP, characters XML
// cannot hold, nothing, and more than a note holds.
var noteTexts = []string{
	"FAR_BELOW_MARKET (error): base is 31% under the band's minimum",
	`a & b < c > d "quoted" 'single'`,
	"line one\nline two\r\nline three\ttabbed",
	"Zürich, São Paulo, 東京, Москва, €100",
	"emoji 😀 and ⌘",
	"control \x01\x1f and invalid \xff\xfe utf-8",
	"",
	"]]> <![CDATA[ &amp; &#34;",
	strings.Repeat("long note, ", 3500) + "😀 end",
	strings.Repeat("x", excelize.TotalCellChars-1) + "😀",
}

// testNotes returns n notes per sheet, in order of row and column, at
// cells spread over columns and rows (the last ones in the last rows and
// columns), with the texts above and several box sizes.
func testNotes(n int) map[string][]excelize.Comment {
	out := map[string][]excelize.Comment{}
	sizes := [][2]uint{{360, 80}, {0, 0}, {300, 60}, {1, 1}, {5000, 3000}, {64, 20}}
	for s, sheet := range noteSheets {
		var notes []excelize.Comment
		for i := range n {
			col, row := 1+(i*7+s)%60, 1+i*3
			switch {
			case i == n-1 && n > 1:
				col, row = excelize.MaxColumns, excelize.TotalRows
			case i == n-2 && n > 2:
				col, row = 2, excelize.TotalRows-5
			}
			ref, _ := excelize.CoordinatesToCellName(col, row)
			sz := sizes[(i+s)%len(sizes)]
			notes = append(notes, excelize.Comment{Author: "offerbook", Cell: ref,
				Text: fmt.Sprintf("%d: %s", i, noteTexts[(i+s)%len(noteTexts)]), Width: sz[0], Height: sz[1]})
		}
		out[sheet] = notes
	}
	return out
}

// TestNotesAsAddComment: the notes written through Notes give the same
// package, byte for byte, as AddComment for every note.
func TestNotesAsAddComment(t *testing.T) {
	for _, n := range []int{1, 2, 3, 50, 1500} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			notes := testNotes(n)
			want := notesBook(t, notes, byExcelize)
			got := notesBook(t, notes, byNotes)
			samePackages(t, got, want)
		})
	}
	t.Run("one sheet of three", func(t *testing.T) {
		notes := map[string][]excelize.Comment{"Streamed": testNotes(20)["Streamed"]}
		samePackages(t, notesBook(t, notes, byNotes), notesBook(t, notes, byExcelize))
	})
	t.Run("no author", func(t *testing.T) {
		notes := testNotes(5)
		for _, s := range notes {
			for i := range s {
				s[i].Author = ""
			}
		}
		samePackages(t, notesBook(t, notes, byNotes), notesBook(t, notes, byExcelize))
	})
}

// TestNotesRefuse: what Notes cannot write as AddComment does is an error.
func TestNotesRefuse(t *testing.T) {
	first := excelize.Comment{Author: "offerbook", Cell: "B5", Text: "first"}
	cases := []struct {
		name string
		add  excelize.Comment
		want string
	}{
		{"another author", excelize.Comment{Author: "someone", Cell: "B6", Text: "x"}, "author"},
		{"the same cell", excelize.Comment{Author: "offerbook", Cell: "B5", Text: "x"}, "not in order"},
		{"an earlier row", excelize.Comment{Author: "offerbook", Cell: "Z4", Text: "x"}, "not in order"},
		{"an earlier column", excelize.Comment{Author: "offerbook", Cell: "A5", Text: "x"}, "not in order"},
		{"rich text", excelize.Comment{Author: "offerbook", Cell: "B6",
			Paragraph: []excelize.RichTextRun{{Text: "x"}}}, "rich text"},
		{"a bad cell", excelize.Comment{Author: "offerbook", Cell: "B0", Text: "x"}, "B0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := excelize.NewFile()
			n, err := NewNotes(f, "Sheet1", first)
			if err != nil {
				t.Fatal(err)
			}
			if err := n.Add(tc.add); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Add = %v, want an error with %q", err, tc.want)
			}
		})
	}
	t.Run("a sheet with notes", func(t *testing.T) {
		f := excelize.NewFile()
		if err := f.AddComment("Sheet1", first); err != nil {
			t.Fatal(err)
		}
		if _, err := NewNotes(f, "Sheet1", excelize.Comment{Cell: "C9", Text: "x"}); err == nil {
			t.Fatal("NewNotes on a sheet with notes: no error")
		}
	})
	t.Run("no such sheet", func(t *testing.T) {
		if _, err := NewNotes(excelize.NewFile(), "Nope", first); err == nil {
			t.Fatal("NewNotes on a missing sheet: no error")
		}
	})
}

// FuzzNotes: a note of any text, at any cell after the first note and of
// any size, is written as AddComment writes it.
func FuzzNotes(f *testing.F) {
	for i, s := range noteTexts[:8] {
		f.Add(s, uint16(i*3), uint32(i*1000), uint16(360), uint16(80), uint8(i))
	}
	f.Add("far", uint16(excelize.MaxColumns), uint32(excelize.TotalRows), uint16(0), uint16(0), uint8(1))
	f.Fuzz(func(t *testing.T, text string, col uint16, row uint32, w, h uint16, sheet uint8) {
		c := 1 + int(col)%excelize.MaxColumns
		r := 2 + int(row)%(excelize.TotalRows-2)
		ref, _ := excelize.CoordinatesToCellName(c, r)
		next, _ := excelize.CoordinatesToCellName(1, r+1)
		s := noteSheets[int(sheet)%len(noteSheets)]
		notes := map[string][]excelize.Comment{s: {
			{Author: "offerbook", Cell: "A1", Text: "first"},
			{Author: "offerbook", Cell: ref, Text: text, Width: uint(w), Height: uint(h)},
			{Author: "offerbook", Cell: next, Text: text + "\n" + text},
		}}
		samePackages(t, notesBook(t, notes, byNotes), notesBook(t, notes, byExcelize))
	})
}
