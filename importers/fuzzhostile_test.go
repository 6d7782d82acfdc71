package importers_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"

	"strings"
	"sync"
	"testing"

	"github.com/offerbook/offerbook/importers"
)

// choices reads fuzz bytes as a stream of small decisions; past the end
// every decision is 0.
type choices struct{ b []byte }

func (c *choices) pick(n int) int {
	if len(c.b) == 0 {
		return 0
	}
	v := int(c.b[0]) % n
	c.b = c.b[1:]
	return v
}

// FuzzCSVRows builds CSV files row by row from the fuzz bytes, with random
// line ends (LF, CRLF, bare CR), quoted fields holding commas, quotes and
// line breaks, bad values and extra fields, and checks that nothing is lost:
// every row written is exactly one offer or one rejected row, at the line it
// starts on, and a row with a non-blank extra field is never an offer.
func FuzzCSVRows(f *testing.F) {
	f.Add([]byte{3, 0, 0, 0, 0, 0, 0, 0, 2, 1, 1, 1, 1, 1, 1, 2})
	f.Add([]byte{5, 1, 2, 3, 4, 1, 2, 0, 2, 2, 3, 4, 0, 1, 1, 1, 4, 3, 2, 1, 0, 1, 2, 1})
	f.Add([]byte("\x09\x02\x03\x04\x05\x06\x07\x08\x01\x02\x03\x04\x05\x06\x07\x08"))
	levels := []string{"L5", "", "SDE III", `"L6"`, `"L5 ""senior"""`}
	locations := []string{"Seattle", "Austin", `"Bay Area, SF"`, "NYC"}
	bases := []string{"175000", `"175,000"`, "12,5k", "$1.2M", "", `"$90,000 + $70,000"`, "175"}
	rsus := []string{"300000", "", "(5)", `"300,000"`}
	notes := []string{"", "plain", "\"two\nlines\"", "\"a,b\"", `"say ""hi"""`, "\"x\r\ny\""}
	extras := []string{"", "x", `"y,z"`, ""}
	ends := []string{"\n", "\r\n", "\r"}
	f.Fuzz(func(t *testing.T, data []byte) {
		c := &choices{data}
		n := 1 + c.pick(12)
		var b strings.Builder
		b.WriteString("level,location,base,rsu_value,notes" + ends[c.pick(3)])
		line := 2
		type want struct {
			line     int
			mustFail bool
		}
		var rows []want
		for i := 0; i < n; i++ {
			note := notes[c.pick(len(notes))]
			fields := []string{levels[c.pick(len(levels))], locations[c.pick(len(locations))],
				bases[c.pick(len(bases))], rsus[c.pick(len(rsus))], note}
			w := want{line: line}
			for k := c.pick(3); k > 0; k-- {
				e := extras[c.pick(len(extras))]
				fields = append(fields, e)
				if e != "" {
					w.mustFail = true
				}
			}
			rows = append(rows, w)
			b.WriteString(strings.Join(fields, ","))
			b.WriteString(ends[c.pick(3)])
			line += 1 + strings.Count(strings.ReplaceAll(note, "\r\n", "\n"), "\n")
		}
		var res result
		emit, reject := collector(&res)
		res.stats, res.err = importers.ReadCSV(context.Background(), strings.NewReader(b.String()), "rows.csv", emit, reject)
		if res.err != nil {
			t.Fatalf("%q: %v", b.String(), res.err)
		}
		checkImport(t, res, "rows.csv")
		if res.stats.Rows != n || res.stats.Offers+res.stats.Rejected != n {
			t.Fatalf("%q: %d rows written, stats %+v", b.String(), n, res.stats)
		}
		at := map[int]bool{}
		for _, o := range res.offers {
			at[o.Source.Row] = true
		}
		for _, e := range res.errs {
			at[e.Row] = true
		}
		for _, w := range rows {
			if !at[w.line] {
				t.Fatalf("%q: the row starting on line %d became neither an offer nor a rejection (offers %v, errors %v)",
					b.String(), w.line, sources(res.offers), res.errs)
			}
			if w.mustFail {
				for _, o := range res.offers {
					if o.Source.Row == w.line {
						t.Fatalf("%q: row %d has an extra value but became an offer", b.String(), w.line)
					}
				}
			}
		}
	})
}

var (
	fuzzBookOnce sync.Once
	fuzzBook     []byte
	fuzzBookWant []string
)

// fuzzWorkbook is a small valid workbook and the ids of its offers.
func fuzzWorkbook(t *testing.T) ([]byte, []string) {
	fuzzBookOnce.Do(func() {
		fuzzBook = offersWorkbook(t)
		res := readXLSX(t, fuzzBook, "f.xlsx", importers.Options{})
		for _, o := range res.offers {
			fuzzBookWant = append(fuzzBookWant, o.ID+"="+o.Base.String())
		}
	})
	return fuzzBook, fuzzBookWant
}

// wellFormed reports whether an XML document parses to its end.
func wellFormed(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err != nil {
			return err == io.EOF
		}
	}
}

// FuzzXLSXCorrupt damages a valid workbook and checks that the damage is
// never silent. Mode 0 overwrites bytes of a part's XML and re-zips it: when
// the sheet's XML no longer parses, the file must be rejected, never read
// as a shorter sheet. Mode 1 overwrites bytes of the zip file itself: a
// read that succeeds must then give exactly the original offers (a changed
// part is caught by its checksum). Mode 2 cuts the file short. In every
// mode a failure is one file-level *RowError and rows in = offers +
// rejected.
func FuzzXLSXCorrupt(f *testing.F) {
	f.Add(uint8(0), uint8(2), uint32(400), []byte("&bogus;"))
	f.Add(uint8(0), uint8(2), uint32(900), []byte("<"))
	f.Add(uint8(0), uint8(2), uint32(300), []byte(`<row r="9999999">`))
	f.Add(uint8(1), uint8(0), uint32(1200), []byte{0xFF})
	f.Add(uint8(1), uint8(0), uint32(60), []byte{0, 0, 0, 0})
	f.Add(uint8(2), uint8(0), uint32(3000), []byte{})
	f.Fuzz(func(t *testing.T, mode, part uint8, offset uint32, patch []byte) {
		book, want := fuzzWorkbook(t)
		data := append([]byte(nil), book...)
		sheetDamaged := false
		switch mode % 3 {
		case 0:
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			target := int(part) % len(zr.File)
			for i, zf := range zr.File {
				rc, _ := zf.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				if i == target && len(b) > 0 {
					at := int(offset) % len(b)
					b = append(b[:at:at], append(append([]byte(nil), patch...), b[min(len(b), at+len(patch)):]...)...)
					if zf.Name == sheetPart && !wellFormed(b) {
						sheetDamaged = true
					}
				}
				w, _ := zw.Create(zf.Name)
				w.Write(b)
			}
			zw.Close()
			data = buf.Bytes()
		case 1:
			at := int(offset) % len(data)
			copy(data[at:], patch)
		case 2:
			data = data[:int(offset)%len(data)]
		}
		var res result
		emit, reject := collector(&res)
		res.stats, res.err = importers.ReadXLSX(context.Background(), bytes.NewReader(data), "f.xlsx", importers.Options{}, emit, reject)
		if res.stats.Rows != res.stats.Offers+res.stats.Rejected || res.stats.Offers != len(res.offers) {
			t.Fatalf("stats %+v with %d offers", res.stats, len(res.offers))
		}
		if res.err != nil {
			var fe *importers.RowError
			if !errors.As(res.err, &fe) || fe.File != "f.xlsx" || fe.Err == nil {
				t.Fatalf("error %v is not a file-level *RowError", res.err)
			}
			return
		}
		if sheetDamaged {
			t.Fatalf("the sheet's XML no longer parses, yet the read succeeded with %d offers", len(res.offers))
		}
		checkInvariant(t, res)
		if mode%3 == 1 {
			var got []string
			for _, o := range res.offers {
				got = append(got, o.ID+"="+o.Base.String())
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Fatalf("a changed zip read without error as different offers: %v, want %v", got, want)
			}
		}
	})
}
