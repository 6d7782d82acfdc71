package ooxml

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCRC32Combine: the CRC-32 of two pieces combined equals the CRC-32 of
// the whole, for empty, tiny, odd and chunk-sized pieces.
func TestCRC32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := []int{0, 1, 2, 3, 7, 31, 32 << 10, chunkSize + 3}
	for _, na := range sizes {
		for _, nb := range sizes {
			a, b := make([]byte, na), make([]byte, nb)
			for i := range a {
				a[i] = byte(rng.Uint32())
			}
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			want := crc32.ChecksumIEEE(append(append([]byte(nil), a...), b...))
			got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(nb))
			if got != want {
				t.Errorf("%d + %d bytes: combined %08x, want %08x", na, nb, got, want)
			}
		}
	}
}

func FuzzCRC32Combine(f *testing.F) {
	f.Add([]byte("abc"), []byte("defg"))
	f.Add([]byte{}, []byte{0})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		want := crc32.ChecksumIEEE(append(append([]byte(nil), a...), b...))
		if got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b))); got != want {
			t.Fatalf("combined %08x, want %08x", got, want)
		}
	})
}

// sheetRowsXML returns n rows of varied sheet XML starting at row from.
func sheetRowsXML(from, n int) string {
	var b strings.Builder
	for i := from; i < from+n; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>Candidate %06d</t></is></c><c r="B%d" s="12"><v>%d.%02d</v></c></row>`,
			i, i, i*7919%100000, i, i*104729%900000, i%100)
	}
	return b.String()
}

// TestRowsCompressedIntoPart: rows compressed while they are written, then
// spliced into their part between excelize's bytes, read back whole with
// the right CRC-32 and size, for empty, small and multi-chunk rows and
// prefixes, in memory and spilled, and give the same bytes every time.
func TestRowsCompressedIntoPart(t *testing.T) {
	const part = "xl/worksheets/sheet1.xml"
	cases := []struct {
		name         string
		prefix, rows int // rows of XML before the splice, and spliced
	}{
		{"no rows", 3, 0},
		{"one row", 3, 1},
		{"rows under a chunk", 3, 200},
		{"rows over three chunks", 3, 40000},
		{"long prefix, many rows", 20000, 30000},
		{"long prefix, no rows", 20000, 0},
	}
	for _, tc := range cases {
		for _, mem := range []int{1 << 20, 100} {
			t.Run(fmt.Sprintf("%s, %d bytes in memory", tc.name, mem), func(t *testing.T) {
				old := rowsMemory
				rowsMemory = mem
				defer func() { rowsMemory = old }()
				prefix := `<worksheet><sheetData>` + sheetRowsXML(1, tc.prefix)
				suffix := `</sheetData><pageMargins left="0.7"/></worksheet>`
				write := func() []byte {
					rows := &Rows{part: part, dir: t.TempDir(), lastRow: tc.prefix}
					defer func() { _ = rows.Close() }()
					for i := tc.prefix + 1; i <= tc.prefix+tc.rows; i++ {
						ref := fmt.Sprintf("A%d", i)
						if err := rows.SetRow(ref, []any{fmt.Sprintf("Candidate %06d", i*7919%100000), float64(i*104729%900000) + float64(i%100)/100}); err != nil {
							t.Fatal(err)
						}
					}
					var out bytes.Buffer
					pw := newPackageWriter(&out)
					defer pw.cleanup()
					s := &splice{part: part, before: sheetDataClose, what: "the rows", write: rows.writeTo}
					pw.splices = map[string]*splice{part: s}
					w, err := pw.Create(part)
					if err != nil {
						t.Fatal(err)
					}
					if _, err := io.WriteString(w, prefix+suffix); err != nil {
						t.Fatal(err)
					}
					if err := pw.Close(); err != nil {
						t.Fatal(err)
					}
					if !s.done {
						t.Fatal("the rows were not spliced")
					}
					return out.Bytes()
				}
				first := write()
				if again := write(); !bytes.Equal(first, again) {
					t.Fatal("the same rows gave other bytes")
				}
				var want strings.Builder
				want.WriteString(prefix)
				own := &Rows{dir: t.TempDir(), lastRow: tc.prefix}
				for i := tc.prefix + 1; i <= tc.prefix+tc.rows; i++ {
					if err := own.SetRow(fmt.Sprintf("A%d", i), []any{fmt.Sprintf("Candidate %06d", i*7919%100000), float64(i*104729%900000) + float64(i%100)/100}); err != nil {
						t.Fatal(err)
					}
				}
				if err := own.writeTo(&want); err != nil {
					t.Fatal(err)
				}
				_ = own.Close()
				want.WriteString(suffix)
				zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
				if err != nil {
					t.Fatal(err)
				}
				rc, err := zr.File[0].Open()
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(rc) // checks the CRC-32 and size
				_ = rc.Close()
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != want.String() {
					t.Fatalf("part read back: %d bytes, want %d", len(got), want.Len())
				}
				if tc.rows > 0 && !strings.Contains(string(got), fmt.Sprintf(`<row r="%d">`, tc.prefix+tc.rows)) {
					t.Fatal("the last row is missing")
				}
			})
		}
	}
}
