package ooxml

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSplicer: the content goes just before the first closing tag, however
// the part is cut into writes; a part without the tag passes through whole
// and the splice stays undone.
func TestSplicer(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"rows", `<sheetData><row r="1"/></sheetData><sheetData></sheetData>`,
			`<sheetData><row r="1"/>[+]</sheetData><sheetData></sheetData>`},
		{"a near miss first", `<sheetData></sheetDat></sheetData>`, `<sheetData></sheetDat>[+]</sheetData>`},
		{"at the very start", `</sheetData>x`, `[+]</sheetData>x`},
		{"no tag", `<sheetData/></sheetDat`, `<sheetData/></sheetDat`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for chunk := 1; chunk <= len(tc.in); chunk++ {
				var got bytes.Buffer
				s := &splice{before: sheetDataClose, write: func(w io.Writer) error {
					_, err := io.WriteString(w, "[+]")
					return err
				}}
				w := s.writer(&got)
				for i := 0; i < len(tc.in); i += chunk {
					end := min(i+chunk, len(tc.in))
					if n, err := w.Write([]byte(tc.in[i:end])); err != nil || n != end-i {
						t.Fatalf("Write = %d, %v", n, err)
					}
				}
				if err := w.(io.Closer).Close(); err != nil {
					t.Fatal(err)
				}
				if got.String() != tc.want {
					t.Fatalf("in writes of %d bytes: got %s, want %s", chunk, got.String(), tc.want)
				}
				if s.done != strings.Contains(tc.want, "[+]") {
					t.Fatalf("in writes of %d bytes: done = %v", chunk, s.done)
				}
			}
		})
	}
}

// workbookXML writes f through Write and returns its workbook part.
func workbookXML(t *testing.T, f *excelize.File, names []DefinedName) string {
	t.Helper()
	var out bytes.Buffer
	if err := Write(&out, f, Options{TmpDir: t.TempDir(), Names: names}); err != nil {
		t.Fatal(err)
	}
	back, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	_ = back.Close()
	return string(unzipPart(t, out.Bytes(), workbookPart))
}

// TestDefinedNamesMatchExcelize: names appended by Write give the same
// workbook part as excelize's SetDefinedName, for awkward sheet names too,
// and read back; names with no <definedNames> to go in fail the workbook.
func TestDefinedNamesMatchExcelize(t *testing.T) {
	sheets := []string{"O-1", "O'2", "A & B <c>", "Δ “quotes” \"x\"", "tab\there", "last"}
	newFile := func() *excelize.File {
		f := excelize.NewFile()
		for _, s := range sheets {
			if _, err := f.NewSheet(s); err != nil {
				t.Fatal(err)
			}
		}
		return f
	}
	ref := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'!$A$1:$M$10" }

	slow := newFile()
	defer func() { _ = slow.Close() }()
	for _, s := range sheets {
		if err := slow.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: ref(s), Scope: s}); err != nil {
			t.Fatal(err)
		}
	}
	want := workbookXML(t, slow, nil)

	fast := newFile()
	defer func() { _ = fast.Close() }()
	if err := fast.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: ref(sheets[0]), Scope: sheets[0]}); err != nil {
		t.Fatal(err)
	}
	var names []DefinedName
	for _, s := range sheets[1:] {
		idx, err := fast.GetSheetIndex(s)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, DefinedName{Name: "_xlnm.Print_Area", RefersTo: ref(s), Sheet: idx})
	}
	if got := workbookXML(t, fast, names); got != want {
		t.Fatalf("workbook part differs:\n got %s\nwant %s", got, want)
	}

	none := newFile()
	defer func() { _ = none.Close() }()
	if err := Write(io.Discard, none, Options{Names: names}); err == nil || !strings.Contains(err.Error(), "defined names") {
		t.Fatalf("names without <definedNames>: err = %v, want them named", err)
	}
}

// unzipPart returns one part of a package.
func unzipPart(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zipReader(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	t.Fatalf("no part %s", name)
	return nil
}
