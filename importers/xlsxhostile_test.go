package importers_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"hash/crc32"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/offerbook/offerbook/importers"
	"github.com/xuri/excelize/v2"
)

// plainWorkbook is a one-sheet workbook with a header and n offers (rows 2
// to n+1), written in normal mode so the sheet XML has one <row> per line.
func plainWorkbook(t testing.TB, n int) []byte {
	t.Helper()
	rows := sheetRows{1: {"level", "location", "base", "rsu_value"}}
	for i := 0; i < n; i++ {
		rows[i+2] = []any{"L5", "Seattle", 175000 + i, 300000}
	}
	return buildWorkbook(t, []string{"Offers"}, []sheetRows{rows}, nil)
}

// zipPart is one entry of a package being rebuilt. raw, when set, is
// written as-is with the header's sizes and CRC (to forge a damaged part).
type zipPart struct {
	hdr  zip.FileHeader
	data []byte
	raw  []byte
}

// readParts returns the entries of a zip package in order.
func readParts(t testing.TB, data []byte) []zipPart {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var parts []zipPart
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, zipPart{hdr: zip.FileHeader{Name: f.Name, Method: zip.Deflate}, data: b})
	}
	return parts
}

// writeParts writes a zip package.
func writeParts(t testing.TB, parts []zipPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		hdr := p.hdr
		if p.raw != nil {
			w, err := zw.CreateRaw(&hdr)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write(p.raw); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.CreateHeader(&hdr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(p.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// patch rewrites the named part of a package.
func patch(t testing.TB, data []byte, name string, fn func(zipPart) zipPart) []byte {
	t.Helper()
	parts := readParts(t, data)
	found := false
	for i, p := range parts {
		if p.hdr.Name == name {
			parts[i], found = fn(p), true
		}
	}
	if !found {
		t.Fatalf("no part %s", name)
	}
	return writeParts(t, parts)
}

func deflate(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	if _, err := fw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// replaceIn returns a patch that replaces the first old with new in a part.
func replaceIn(t testing.TB, old, new string) func(zipPart) zipPart {
	return func(p zipPart) zipPart {
		if !bytes.Contains(p.data, []byte(old)) {
			t.Fatalf("%s has no %q", p.hdr.Name, old)
		}
		p.data = bytes.Replace(p.data, []byte(old), []byte(new), 1)
		return p
	}
}

const sheetPart = "xl/worksheets/sheet1.xml"

// TestReadXLSXDamaged covers workbooks that excelize alone reads as shorter
// than they are, or refuses with a message no person understands. Each is
// one file-level rejection naming the file (and the sheet and row when the
// damage is inside the sheet), in words.
func TestReadXLSXDamaged(t *testing.T) {
	good := plainWorkbook(t, 10) // rows 2–11
	sheetXML := string(readPartData(t, good, sheetPart))

	// A part whose recorded size is half its real size.
	shortSize := patch(t, plainWorkbook(t, 1000), sheetPart, func(p zipPart) zipPart {
		comp := deflate(t, p.data)
		p.hdr.CRC32 = crc32.ChecksumIEEE(p.data)
		p.hdr.CompressedSize64 = uint64(len(comp))
		p.hdr.UncompressedSize64 = uint64(len(p.data) / 2)
		p.raw = comp
		return p
	})
	// A part whose checksum is wrong.
	badCRC := patch(t, good, sheetPart, func(p zipPart) zipPart {
		comp := deflate(t, p.data)
		p.hdr.CRC32 = crc32.ChecksumIEEE(p.data) ^ 1
		p.hdr.CompressedSize64 = uint64(len(comp))
		p.hdr.UncompressedSize64 = uint64(len(p.data))
		p.raw = comp
		return p
	})
	// Old Excel 97–2003: an OLE compound file without an EncryptionInfo stream.
	xls := append(append([]byte{}, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), make([]byte, 1024)...)
	copy(xls[600:], "W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00")

	tests := []struct {
		name    string
		data    []byte
		err     error
		message string
		offers  int // rows read before the damage
	}{
		{"undefined entity at row 5", []byte(nil), importers.ErrDamagedWorkbook,
			`in.xlsx[Offers]:4: damaged workbook: the sheet is damaged and reading stopped after row 4 (XML syntax error on line 2: invalid character entity &bogus;); the rows after it were not read; open the file in a spreadsheet program and save it again`, 3},
		{"bad tag at row 5", []byte(nil), importers.ErrDamagedWorkbook, "", 3},
		{"size smaller than data", shortSize, importers.ErrDamagedWorkbook,
			`in.xlsx: damaged workbook: the part xl/worksheets/sheet1.xml is corrupt (its size does not match the size recorded for it); save the workbook again from the spreadsheet program`, 0},
		{"bad checksum", badCRC, importers.ErrDamagedWorkbook,
			`in.xlsx: damaged workbook: the part xl/worksheets/sheet1.xml is corrupt (its checksum does not match its content); save the workbook again from the spreadsheet program`, 0},
		{"truncated", good[:len(good)/2], importers.ErrDamagedWorkbook,
			`in.xlsx: damaged workbook: the file is cut short or damaged (zip: not a valid zip file); save it again from the spreadsheet program`, 0},
		{"not a zip", []byte("level,location,base,rsu_value\nL5,Seattle,175000,300000\n"), importers.ErrNotXLSX,
			`in.xlsx: not an XLSX workbook: it does not start like an XLSX workbook (a zip package); it may be another kind of file renamed .xlsx`, 0},
		{"empty", nil, importers.ErrNotXLSX, `in.xlsx: not an XLSX workbook: the file is empty or too short to be a workbook`, 0},
		{"old xls", xls, importers.ErrNotXLSX,
			`in.xlsx: not an XLSX workbook: it is an old Excel 97–2003 workbook (.xls) or another Office file; open it in Excel and save it as "Excel Workbook (.xlsx)"`, 0},
		{"sheet not found", good, importers.ErrSheetNotFound, `in.xlsx: sheet not found: "Nope" (the workbook has "Offers")`, 0},
	}
	tests[0].data = patch(t, good, sheetPart, replaceIn(t, `<c r="A5" t="inlineStr"><is><t>L5`, `<c r="A5" t="inlineStr"><is><t>&bogus;L5`))
	tests[1].data = patch(t, good, sheetPart, replaceIn(t, `<row r="5"`, `<row r="5"><c></row`))
	_ = sheetXML
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := importers.Options{}
			if tc.name == "sheet not found" {
				opts.Sheet = "Nope"
			}
			var res result
			emit, reject := collector(&res)
			res.stats, res.err = importers.ReadXLSX(t.Context(), bytes.NewReader(tc.data), "in.xlsx", opts, emit, reject)
			var fe *importers.RowError
			if !errors.As(res.err, &fe) || !errors.Is(res.err, tc.err) {
				t.Fatalf("error = %v, want a file-level *RowError wrapping %v", res.err, tc.err)
			}
			if tc.message != "" && res.err.Error() != tc.message {
				t.Errorf("message = %q\nwant      %q", res.err.Error(), tc.message)
			}
			if len(res.offers) != tc.offers || res.stats.Offers != tc.offers || res.stats.Rows != res.stats.Offers+res.stats.Rejected {
				t.Errorf("%d offers, stats %+v; want %d offers read before the damage", len(res.offers), res.stats, tc.offers)
			}
		})
	}
}

// TestReadXLSXDamagedStrict checks that damage is found in a sheet of a
// Strict workbook too, whose workbook part names the sheets' relationships
// in the Strict namespace.
func TestReadXLSXDamagedStrict(t *testing.T) {
	data := patch(t, plainWorkbook(t, 10), "xl/workbook.xml", replaceIn(t,
		`"http://schemas.openxmlformats.org/officeDocument/2006/relationships"`,
		`"http://purl.oclc.org/ooxml/officeDocument/relationships"`))
	data = patch(t, data, sheetPart, replaceIn(t, `<c r="A5" t="inlineStr"><is><t>L5`, `<c r="A5" t="inlineStr"><is><t>&bogus;L5`))
	var res result
	emit, reject := collector(&res)
	res.stats, res.err = importers.ReadXLSX(t.Context(), bytes.NewReader(data), "in.xlsx", importers.Options{}, emit, reject)
	want := `in.xlsx[Offers]:4: damaged workbook: the sheet is damaged and reading stopped after row 4 (XML syntax error on line 2: invalid character entity &bogus;); the rows after it were not read; open the file in a spreadsheet program and save it again`
	if res.err == nil || res.err.Error() != want {
		t.Errorf("error = %v\nwant    %s", res.err, want)
	}
	if len(res.offers) != 3 {
		t.Errorf("%d offers, want the 3 before the damage", len(res.offers))
	}
}

func readPartData(t testing.TB, data []byte, name string) []byte {
	for _, p := range readParts(t, data) {
		if p.hdr.Name == name {
			return p.data
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// TestNoReachIntoExcelize keeps the importer on excelize's public API: no
// file of the package (tests aside) imports unsafe, and none that imports
// reflect uses it in a file that also imports excelize. Damaged-sheet
// detection is our own parse of the sheet (sheetCheck), not excelize's
// unexported decoder.
func TestNoReachIntoExcelize(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		imports := map[string]bool{}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			imports[p] = true
		}
		if imports["unsafe"] {
			t.Errorf("%s imports unsafe", name)
		}
		if imports["reflect"] && imports["github.com/xuri/excelize/v2"] {
			t.Errorf("%s imports both reflect and excelize: read excelize through its public API only", name)
		}
	}
}

// TestReadXLSXPassword checks an encrypted workbook: refused as
// password-protected without a password, refused with a wrong one, read
// with the right one.
func TestReadXLSXPassword(t *testing.T) {
	f := excelize.NewFile()
	for i, row := range [][]any{{"level", "location", "base", "rsu_value"}, {"L5", "Seattle", 175000, 300000}} {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, excelize.Options{Password: "s3cret"}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	for _, tc := range []struct {
		password, message string
		offers            int
	}{
		{"", "locked.xlsx: password-protected workbook: the workbook is protected with a password; give it with --password, or save a copy without one", 0},
		{"wrong", "locked.xlsx: password-protected workbook: the password given does not open this workbook", 0},
		{"s3cret", "", 1},
	} {
		res := readXLSX(t, data, "locked.xlsx", importers.Options{Password: tc.password})
		if tc.message == "" {
			if res.err != nil || len(res.offers) != tc.offers {
				t.Errorf("password %q: err %v, %d offers", tc.password, res.err, len(res.offers))
			}
			continue
		}
		if !errors.Is(res.err, importers.ErrPassword) || res.err.Error() != tc.message {
			t.Errorf("password %q: error = %v\nwant %s", tc.password, res.err, tc.message)
		}
	}
}

// bombPart returns a zip part holding about size bytes: head, then unit
// repeated, then tail. A 1 MB run of units is deflated once at best
// compression (about 1,000 to 1) and its blocks repeated, so even a 1 GB
// part is built in a moment.
func bombPart(t testing.TB, name string, head, unit, tail string, size int) zipPart {
	t.Helper()
	flush := func(fw *flate.Writer, buf *bytes.Buffer, s []byte) []byte {
		buf.Reset()
		fw.Reset(buf)
		fw.Write(s)
		fw.Flush() // byte-aligned, non-final blocks that refer only to s
		return append([]byte(nil), buf.Bytes()...)
	}
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	chunk := []byte(strings.Repeat(unit, (1<<20)/len(unit)))
	crc := crc32.NewIEEE()
	var comp []byte
	comp = append(comp, flush(fw, &buf, []byte(head))...)
	crc.Write([]byte(head))
	n := len(head)
	cchunk := flush(fw, &buf, chunk)
	for n+len(chunk)+len(tail) <= size {
		comp = append(comp, cchunk...)
		crc.Write(chunk)
		n += len(chunk)
	}
	comp = append(comp, flush(fw, &buf, []byte(tail))...)
	crc.Write([]byte(tail))
	n += len(tail)
	comp = append(comp, 0x03, 0x00) // an empty final block
	return zipPart{hdr: zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(len(comp)), UncompressedSize64: uint64(n)}, raw: comp}
}

// withPart replaces (or adds) a part of a package.
func withPart(t testing.TB, data []byte, part zipPart) []byte {
	parts := readParts(t, data)
	for i, p := range parts {
		if p.hdr.Name == part.hdr.Name {
			parts[i] = part
			return writeParts(t, parts)
		}
	}
	return writeParts(t, append(parts, part))
}

// TestReadXLSXBombs checks that parts inflating far beyond what the file
// could honestly hold are refused at once, before they are unpacked.
func TestReadXLSXBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 100 MB–1 GB parts")
	}
	good := plainWorkbook(t, 3)
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">`
	for _, tc := range []struct {
		name string
		part zipPart
		want string
	}{
		{"250 MB styles", bombPart(t, "xl/styles.xml", styles, `<numFmt numFmtId="164" formatCode="0"/>`, `</numFmts></styleSheet>`, 250<<20),
			"its styles (xl/styles.xml) would take 250 MB unpacked"},
		{"1 GB styles", bombPart(t, "xl/styles.xml", styles, `<numFmt numFmtId="164" formatCode="0"/>`, `</numFmts></styleSheet>`, 1<<30),
			"its styles (xl/styles.xml) would take 1024 MB unpacked"},
		{"100 MB shared strings", bombPart(t, "xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, `<si><t>x</t></si>`, `</sst>`, 100<<20),
			"its shared text (xl/sharedStrings.xml) would take 100 MB unpacked"},
		{"100 MB sheet", bombPart(t, sheetPart, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`, `<row/>`, `</sheetData></worksheet>`, 100<<20),
			"a worksheet (xl/worksheets/sheet1.xml) would take 100 MB unpacked"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := withPart(t, good, tc.part)
			keep(t, strings.ReplaceAll(tc.name, " ", "-")+".xlsx", data)
			start := time.Now()
			res := readXLSX(t, data, "bomb.xlsx", importers.Options{})
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refusing took %v", d)
			}
			if !errors.Is(res.err, importers.ErrTooLarge) || !strings.Contains(res.err.Error(), tc.want) {
				t.Fatalf("error = %v, want ErrTooLarge saying %q", res.err, tc.want)
			}
			t.Logf("%d KB file: %v", len(data)>>10, res.err)
		})
	}
}

// TestReadXLSXInBudgetBombs checks 1.1 MB files, padded with an
// incompressible picture so their 100 MB sheets are within budget, whose
// XML is shaped to exhaust memory: one cell of 100 MB of text (excelize
// alone took 15 s and 590 MB to read it), and elements nested 30 million
// deep. Each is refused, in seconds.
func TestReadXLSXInBudgetBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 100 MB sheets")
	}
	head := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>level</t></is></c><c r="B1" t="inlineStr"><is><t>location</t></is></c><c r="C1" t="inlineStr"><is><t>base</t></is></c><c r="D1" t="inlineStr"><is><t>rsu_value</t></is></c><c r="E1" t="inlineStr"><is><t>notes</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>L5</t></is></c><c r="B2" t="inlineStr"><is><t>Seattle</t></is></c><c r="C2"><v>175000</v></c><c r="D2"><v>300000</v></c><c r="E2" t="inlineStr"><is><t>`
	noise := make([]byte, 1<<20)
	rand.New(rand.NewSource(1)).Read(noise)
	for _, tc := range []struct {
		name, unit, want string
	}{
		{"cell-100MB", "x", "holds more than 1 MB of text"},
		{"nested-100MB", "<a>", "nests its elements more than 1,000 deep"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sheet := bombPart(t, sheetPart, head, tc.unit, `</t></is></c></row></sheetData></worksheet>`, 100<<20)
			data := withPart(t, withPart(t, plainWorkbook(t, 0), zipPart{hdr: zip.FileHeader{Name: "xl/media/image1.bin", Method: zip.Store}, data: noise}), sheet)
			keep(t, tc.name+".xlsx", data)
			start := time.Now()
			res := readXLSX(t, data, "bomb.xlsx", importers.Options{})
			t.Logf("%d KB file: %v in %v", len(data)>>10, res.err, time.Since(start))
			if !errors.Is(res.err, importers.ErrTooLarge) || len(res.offers) != 0 || !strings.Contains(res.err.Error(), tc.want) {
				t.Fatalf("err %v, %d offers; want the file refused: %q", res.err, len(res.offers), tc.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("refusing took %v", d)
			}
		})
	}
}

// keep writes a generated file into $OFFERBOOK_KEEP_DIR when it is set,
// to measure the command on it (see BENCHMARKS.md).
func keep(t *testing.T, name string, data []byte) {
	if dir := os.Getenv("OFFERBOOK_KEEP_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReadXLSXRowLimit checks a 1.1 MB file whose sheet inflates to 100 MB:
// 17 million rows without row numbers, padded with an incompressible
// picture so it is within budget. Reading stops at Excel's 1,048,576 rows
// with a file-level error, in seconds and without holding the sheet in
// memory.
func TestReadXLSXRowLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a million rows")
	}
	header := `<row><c t="inlineStr"><is><t>level</t></is></c><c t="inlineStr"><is><t>location</t></is></c><c t="inlineStr"><is><t>base</t></is></c><c t="inlineStr"><is><t>rsu_value</t></is></c></row>`
	sheet := bombPart(t, sheetPart, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+header, `<row/>`, `</sheetData></worksheet>`, 100<<20)
	noise := make([]byte, 1<<20)
	rand.New(rand.NewSource(1)).Read(noise)
	data := withPart(t, withPart(t, plainWorkbook(t, 0), zipPart{hdr: zip.FileHeader{Name: "xl/media/image1.bin", Method: zip.Store}, data: noise}), sheet)
	keep(t, "rows-100MB.xlsx", data)
	start := time.Now()
	res := readXLSX(t, data, "long.xlsx", importers.Options{})
	t.Logf("%d KB file: %v in %v", len(data)>>10, res.err, time.Since(start))
	if !errors.Is(res.err, importers.ErrTooLarge) || !strings.Contains(res.err.Error(), "more than 1,048,576 rows") {
		t.Fatalf("error = %v, want ErrTooLarge at the row limit", res.err)
	}
}
