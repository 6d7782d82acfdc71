package exporters

import (
	"archive/zip"
	"io"
	"os"
	"sort"
	"time"
)

// dosEpochDate is 1980-01-01 as an MS-DOS date, the modification date
// written on every workbook part (the earliest a zip header can hold), so
// the bytes never depend on the clock.
const dosEpochDate = 1<<5 | 1

// writeStable saves f through a temporary file and copies its parts to w in
// a fixed order ([Content_Types].xml first, then by name) with fixed
// timestamps. excelize writes the parts of several streamed sheets in map
// order, so without this the same run gives different bytes each time; with
// it, the same inputs give a byte-identical workbook (SOURCE_DATE_EPOCH).
// The parts' compressed data are copied as they are, not recompressed.
func writeStable(w io.Writer, save func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp("", "offerbook-*.xlsx")
	if err != nil {
		return err
	}
	defer func() {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
	}()
	if err := save(tmp); err != nil {
		return err
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(tmp, size)
	if err != nil {
		return err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.SliceStable(files, func(i, j int) bool {
		a, b := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	zw := zip.NewWriter(w)
	for _, zf := range files {
		h := zf.FileHeader
		h.Modified = time.Time{}
		h.ModifiedDate, h.ModifiedTime = dosEpochDate, 0
		h.Extra = nil
		h.Comment = ""
		raw, err := zf.OpenRaw()
		if err != nil {
			return err
		}
		out, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}
