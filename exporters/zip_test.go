package exporters_test

import (
	"archive/zip"
	"bytes"
	"github.com/offerbook/offerbook/exporters"
	"io"
	"strings"
	"testing"
)

// unzipped returns one part of an .xlsx package.
func unzipped(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = rc.Close() }()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// TestWorkbookBytesStable writes a workbook with many streamed sheets (three
// Summary and Levers pages, Candidates, Pivot data, Errors, offer sheets)
// three times: excelize hands their parts over in map order, and the bytes
// must still be the same every time, with parts in a fixed order and fixed
// timestamps.
func TestWorkbookBytesStable(t *testing.T) {
	run := benchRun(t, 300)
	run.RowsPerSheet = 101
	run.OfferSheets = 5
	var first []byte
	for i := range 3 {
		var buf bytes.Buffer
		if err := exporters.WriteWorkbook(&buf, run); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
			continue
		}
		if !bytes.Equal(buf.Bytes(), first) {
			t.Fatalf("write %d differs from the first", i+1)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	sheets := 0
	for i, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			sheets++
		}
		if i == 0 && f.Name != "[Content_Types].xml" {
			t.Errorf("first part %s, want [Content_Types].xml", f.Name)
		}
		if i > 1 && f.Name < zr.File[i-1].Name {
			t.Errorf("part %s after %s", f.Name, zr.File[i-1].Name)
		}
		if f.ModifiedDate != 1<<5|1 || f.ModifiedTime != 0 {
			t.Errorf("%s: modified %v, want 1980-01-01 00:00", f.Name, f.Modified)
		}
	}
	if sheets < 12 {
		t.Errorf("%d worksheets, want at least 12 (several streamed)", sheets)
	}
}

// TestTemplateThroughPackageWriter: the input template is written through
// the same package writer: parts in the fixed order with fixed times, and
// the same bytes every time.
func TestTemplateThroughPackageWriter(t *testing.T) {
	var a, b bytes.Buffer
	if err := exporters.WriteTemplate(&a); err != nil {
		t.Fatal(err)
	}
	if err := exporters.WriteTemplate(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("two templates differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part %s, want [Content_Types].xml", zr.File[0].Name)
	}
	for _, f := range zr.File {
		if f.ModifiedDate != 1<<5|1 || f.ModifiedTime != 0 {
			t.Errorf("%s: modified %v, want 1980-01-01 00:00", f.Name, f.Modified)
		}
	}
}
