package ooxml

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// testParts are package parts as excelize might hand them over, with
// [Content_Types].xml's <Default> elements in map order.
var testParts = []struct{ name, body string }{
	{"xl/worksheets/sheet2.xml", strings.Repeat(`<row r="1"><c r="A1"><v>1</v></c></row>`, 5000)},
	{"xl/worksheets/sheet1.xml", "<worksheet/>"},
	{"xl/worksheets/sheet10.xml", strings.Repeat("<row/>", 3000)},
	{"docProps/core.xml", "<cp:coreProperties/>"}, // already prefixed: compatPart leaves it as it is
	{contentTypesPart, `<Types><Default Extension="xml" ContentType="a"></Default><Default Extension="png" ContentType="b"></Default><Override PartName="/x"/></Types>`},
	{"_rels/.rels", "<Relationships/>"},
	{"xl/empty.xml", ""},
}

// writeParts writes testParts through a packageWriter in the order given.
func writeParts(t *testing.T, order []int) []byte {
	t.Helper()
	var out bytes.Buffer
	pw := newPackageWriter(&out)
	defer pw.cleanup()
	for _, i := range order {
		w, err := pw.Create(testParts[i].name)
		if err != nil {
			t.Fatal(err)
		}
		// Write in pieces, as io.Copy does.
		body := testParts[i].body
		for len(body) > 0 {
			n := min(len(body), 1000)
			if _, err := io.WriteString(w, body[:n]); err != nil {
				t.Fatal(err)
			}
			body = body[n:]
		}
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestPackageWriterFixedOrder(t *testing.T) {
	for _, mem := range []int{8 << 20, 64} { // in memory; spilled to a file
		old := spoolMemory
		spoolMemory = mem
		a := writeParts(t, []int{0, 1, 2, 3, 4, 5, 6})
		b := writeParts(t, []int{2, 6, 0, 5, 1, 4, 3})
		spoolMemory = old
		if !bytes.Equal(a, b) {
			t.Fatalf("spool %d: the same parts in another order give other bytes", mem)
		}
		zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
			if f.Method != zip.Deflate {
				t.Errorf("%s: method %d, want deflate", f.Name, f.Method)
			}
			if want := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC); !f.Modified.Equal(want) {
				t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, want)
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(rc) // checks the CRC-32 and size too
			_ = rc.Close()
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			want := ""
			for _, p := range testParts {
				if p.name == f.Name {
					want = p.body
				}
			}
			if f.Name == contentTypesPart {
				want = `<Types><Default Extension="png" ContentType="b"></Default><Default Extension="xml" ContentType="a"></Default><Override PartName="/x"/></Types>`
			}
			if string(got) != want {
				t.Errorf("%s = %.80q, want %.80q", f.Name, got, want)
			}
		}
		wantNames := []string{contentTypesPart, "_rels/.rels", "docProps/core.xml", "xl/empty.xml",
			"xl/worksheets/sheet1.xml", "xl/worksheets/sheet10.xml", "xl/worksheets/sheet2.xml"}
		if strings.Join(names, " ") != strings.Join(wantNames, " ") {
			t.Errorf("parts %q, want %q", names, wantNames)
		}
	}
}

func TestPackageWriterRemovesSpool(t *testing.T) {
	dir := t.TempDir()
	old := spoolMemory
	spoolMemory = 64
	defer func() { spoolMemory = old }()
	var out bytes.Buffer
	pw := newPackageWriter(&out)
	pw.spool.dir = dir
	w, err := pw.Create("xl/a.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, strings.Repeat("spill me ", 10000)); err != nil {
		t.Fatal(err)
	}
	if _, err := pw.Create("xl/b.xml"); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 1 {
		t.Fatalf("spool files %q before Close, want one", left)
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	pw.cleanup()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind %v", left)
	}
	if _, err := pw.Create("xl/c.xml"); err == nil {
		t.Errorf("Create after Close succeeded")
	}
}

// TestPackageWriterLargePart: a part of several chunks is compressed on
// several cores into one deflate stream that reads back whole, and into the
// same bytes whatever the number of workers and however it is written.
func TestPackageWriterLargePart(t *testing.T) {
	var body strings.Builder
	for i := 0; body.Len() < 3*chunkSize+12345; i++ {
		fmt.Fprintf(&body, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d"><v>%d.%02d</v></c></row>`, i, i, i*7919%1000, i, i*104729%900000, i%100)
	}
	data := body.String()
	write := func(procs, piece int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var out bytes.Buffer
		pw := newPackageWriter(&out)
		defer pw.cleanup()
		for _, name := range []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} {
			w, err := pw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			for rest := data; len(rest) > 0; {
				n := min(len(rest), piece)
				if _, err := io.WriteString(w, rest[:n]); err != nil {
					t.Fatal(err)
				}
				rest = rest[n:]
			}
		}
		if err := pw.Close(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	one := write(1, 4096)
	for _, c := range []struct{ procs, piece int }{{1, 4096}, {2, 4096}, {2, 32 << 10}, {4, chunkSize}, {3, 3*chunkSize + 1}, {1, 4096}} {
		if !bytes.Equal(write(c.procs, c.piece), one) {
			t.Errorf("%d workers, writes of %d bytes: other bytes than one worker", c.procs, c.piece)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(one), int64(len(one)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // checks the CRC-32 and size
		_ = rc.Close()
		if err != nil || string(got) != data {
			t.Errorf("%s: %d bytes back of %d (%v)", f.Name, len(got), len(data), err)
		}
		if f.CompressedSize64 > f.UncompressedSize64/3 {
			t.Errorf("%s: %d bytes compressed to %d", f.Name, f.UncompressedSize64, f.CompressedSize64)
		}
	}
}

// TestWriteSplicesRows: rows encoded by Rows land in their
// sheet's part just before </sheetData>, after excelize's header row, and
// the workbook reads back with every row; rows for a part that never comes
// fail the workbook rather than vanish.
func TestWriteSplicesRows(t *testing.T) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"header"}); err != nil {
		t.Fatal(err)
	}
	rows := NewRows(sw, t.TempDir(), 1)
	defer func() { _ = rows.Close() }()
	for r := 2; r <= 4; r++ {
		if err := rows.SetRow(fmt.Sprintf("A%d", r), []any{fmt.Sprintf("row %d", r), float64(r)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.SetRow("A1", []any{"again"}); err == nil {
		t.Fatal("Rows took row 1, which excelize's writer holds")
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Write(&out, f, Options{TmpDir: t.TempDir(), Rows: []*Rows{rows}}); err != nil {
		t.Fatal(err)
	}
	back, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := back.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"header"}, {"row 2", "2"}, {"row 3", "3"}, {"row 4", "4"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("rows read back %q, want %q", got, want)
	}

	lost := &Rows{part: "xl/worksheets/sheet99.xml", dir: t.TempDir()}
	if err := Write(io.Discard, f, Options{TmpDir: t.TempDir(), Rows: []*Rows{lost}}); err == nil || !strings.Contains(err.Error(), "sheet99") {
		t.Fatalf("rows for a missing part: err = %v, want it named", err)
	}
}

// TestPartHeaders: every local and central header carries the MS-DOS date
// 1980-01-01 00:00, no extra field (no extended timestamp) and no file
// mode, as the zip headers have always been written.
func TestPartHeaders(t *testing.T) {
	data := writeParts(t, []int{0, 1, 2, 3, 4, 5, 6})
	le := func(b []byte) int { return int(b[0]) | int(b[1])<<8 }
	le32 := func(b []byte) int { return le(b) | le(b[2:])<<16 }
	locals, central := 0, 0
	for i := 0; i+4 <= len(data); {
		switch string(data[i : i+4]) {
		case "PK\x03\x04": // local file header
			if tm, dt, extra := le(data[i+10:]), le(data[i+12:]), le(data[i+28:]); tm != 0 || dt != 1<<5|1 || extra != 0 {
				t.Errorf("local header %d: time %#x date %#x extra %d, want 0, 0x21, 0", locals, tm, dt, extra)
			}
			locals++
			i += 30 + le(data[i+26:]) + le(data[i+28:]) + le32(data[i+18:])
		case "PK\x01\x02": // central directory header
			if made, tm, dt, extra, attrs := le(data[i+4:]), le(data[i+12:]), le(data[i+14:]), le(data[i+30:]), le32(data[i+38:]); made != 0 || tm != 0 || dt != 1<<5|1 || extra != 0 || attrs != 0 {
				t.Errorf("central header %d: made by %#x time %#x date %#x extra %d attrs %#x", central, made, tm, dt, extra, attrs)
			}
			central++
			i += 46 + le(data[i+28:]) + le(data[i+30:]) + le(data[i+32:])
		default:
			i = len(data)
		}
	}
	if locals != len(testParts) || central != len(testParts) {
		t.Errorf("%d local and %d central headers, want %d each", locals, central, len(testParts))
	}
}

func zipReader(data []byte) (*zip.Reader, error) {
	return zip.NewReader(bytes.NewReader(data), int64(len(data)))
}
