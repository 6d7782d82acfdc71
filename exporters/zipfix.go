package exporters

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path"
	"regexp"
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
func writeStable(w io.Writer, save func(io.Writer) error) error {
	return writeStableIn(w, "", save)
}

// writeStableIn is writeStable with its temporary file in dir (the
// system's temporary folder when empty).
func writeStableIn(w io.Writer, dir string, save func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(dir, "offerbook-*.xlsx")
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
		if zf.Name == "[Content_Types].xml" {
			if err := copyContentTypes(zw, zf, h); err != nil {
				return err
			}
			continue
		}
		if needsCompat(zr, zf.Name) {
			if err := copyCompat(zw, zf, h); err != nil {
				return err
			}
			continue
		}
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

// needsCompat reports whether a part must go through compatPart: core.xml
// always; a worksheet only when its relationships include one it refers to
// by attribute (a drawing, a comment drawing, a hyperlink, …), so the large
// Summary and Levers sheets, whose only relationships are tables, are
// copied without being recompressed.
func needsCompat(zr *zip.Reader, name string) bool {
	if compatPart(name, io.Discard) == io.Discard {
		return false
	}
	if !isWorksheetPart(name) {
		return true
	}
	dir, file := path.Split(name)
	rels, err := zr.Open(dir + "_rels/" + file + ".rels")
	if err != nil {
		return false // no relationships: nothing to refer to
	}
	data, err := io.ReadAll(rels)
	_ = rels.Close()
	if err != nil {
		return true
	}
	for _, m := range relTypeRE.FindAllSubmatch(data, -1) {
		switch string(m[1]) {
		case "table", "pivotTable", "comments":
		default:
			return true
		}
	}
	return false
}

// relTypeRE picks the last segment of a relationship Type.
var relTypeRE = regexp.MustCompile(`Type="[^"]*/([^"/]+)"`)

// copyCompat decompresses one part, passes it through compatPart and
// compresses it again.
func copyCompat(zw *zip.Writer, zf *zip.File, h zip.FileHeader) error {
	r, err := zf.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	h.Method = zip.Deflate
	h.CompressedSize64, h.UncompressedSize64, h.CRC32 = 0, 0, 0
	w, err := zw.CreateHeader(&h)
	if err != nil {
		return err
	}
	cw := compatPart(zf.Name, w)
	if _, err := io.Copy(cw, r); err != nil {
		return err
	}
	if c, ok := cw.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// defaultTypeRE matches one <Default …> element of [Content_Types].xml.
var defaultTypeRE = regexp.MustCompile(`<Default [^>]*>(</Default>)?`)

// copyContentTypes writes [Content_Types].xml with its <Default> elements
// sorted: excelize adds the image extensions with a chart in map order.
func copyContentTypes(zw *zip.Writer, zf *zip.File, h zip.FileHeader) error {
	r, err := zf.Open()
	if err != nil {
		return err
	}
	data, err := io.ReadAll(r)
	_ = r.Close()
	if err != nil {
		return err
	}
	locs := defaultTypeRE.FindAllIndex(data, -1)
	elems := make([][]byte, len(locs))
	for i, l := range locs {
		elems[i] = data[l[0]:l[1]]
	}
	sort.SliceStable(elems, func(i, j int) bool { return bytes.Compare(elems[i], elems[j]) < 0 })
	var out bytes.Buffer
	prev := 0
	for i, l := range locs {
		out.Write(data[prev:l[0]])
		out.Write(elems[i])
		prev = l[1]
	}
	out.Write(data[prev:])
	h.Method = zip.Deflate
	h.CompressedSize64, h.UncompressedSize64, h.CRC32 = 0, 0, 0
	w, err := zw.CreateHeader(&h)
	if err != nil {
		return err
	}
	_, err = w.Write(out.Bytes())
	return err
}
