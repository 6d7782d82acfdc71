package importers_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/importers"
)

// shapedBook writes a workbook by hand, as a damaged or unusual writer
// would: sheet XML from rows given as they are stored, merges, and the
// 1904 date system when asked.
func shapedBook(t testing.TB, rows, merges string, date1904 bool) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, s string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(s))
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook `+ns+`>`+pr+`<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	m := ""
	if merges != "" {
		m = "<mergeCells>" + merges + "</mergeCells>"
	}
	put("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet `+ns+`><sheetData>`+rows+`</sheetData>`+m+`</worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzXLSXShapes builds sheets from fuzzed row orders, cell orders, merged
// ranges, formulas without values, TRUE/FALSE cells and the 1904 date
// system. Whatever the shape: no panic; a failure is one file-level
// *RowError; every row handed on is an offer, a rejected row or a reported
// skip (rows in = offers + rejected + skipped); and a cell whose formula has
// no saved value never becomes an offer.
func FuzzXLSXShapes(f *testing.F) {
	f.Add([]byte{2, 3, 4, 5}, []byte{}, []byte{}, false)
	f.Add([]byte{2, 2, 4, 3}, []byte{1, 0, 2}, []byte{2, 3, 4}, true)
	f.Add([]byte{5, 4, 3, 2}, []byte{3, 1, 1}, []byte{1, 2, 9}, false)
	f.Add([]byte{2, 3, 3, 9}, []byte{2, 2, 2, 0, 5}, []byte{}, true)
	f.Fuzz(func(t *testing.T, order, cellOps, mergeOps []byte, date1904 bool) {
		if len(order) > 30 || len(cellOps) > 60 || len(mergeOps) > 30 {
			return
		}
		var sb strings.Builder
		sb.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>level</t></is></c><c r="B1" t="inlineStr"><is><t>location</t></is></c>` +
			`<c r="C1" t="inlineStr"><is><t>base</t></is></c><c r="D1" t="inlineStr"><is><t>rsu_value</t></is></c><c r="E1" t="inlineStr"><is><t>start_date</t></is></c></row>`)
		noValue := map[int]bool{}
		maxRow := 1
		for i, b := range order {
			r := int(b)%40 + 2
			maxRow = max(maxRow, r)
			op := byte(0)
			if i < len(cellOps) {
				op = cellOps[i]
			}
			cells := []string{
				fmt.Sprintf(`<c r="A%d" t="inlineStr"><is><t>L5</t></is></c>`, r),
				fmt.Sprintf(`<c r="B%d" t="inlineStr"><is><t>Seattle</t></is></c>`, r),
				fmt.Sprintf(`<c r="C%d"><v>180000</v></c>`, r),
				fmt.Sprintf(`<c r="D%d"><v>300000</v></c>`, r),
				fmt.Sprintf(`<c r="E%d"><v>%d</v></c>`, r, 44929),
			}
			switch op % 6 {
			case 1: // a formula without a saved value in the grant
				cells[3] = fmt.Sprintf(`<c r="D%d"><f>C%d*2</f><v></v></c>`, r, r)
				noValue[r] = true
			case 2: // TRUE in the grant
				cells[3] = fmt.Sprintf(`<c r="D%d" t="b"><v>1</v></c>`, r)
			case 3: // a duplicated cell reference
				cells[2] = fmt.Sprintf(`<c r="B%d"><v>180000</v></c>`, r)
			case 4: // cells out of order
				cells[0], cells[1] = cells[1], cells[0]
			case 5: // blank location, perhaps filled by a merge
				cells[1] = ""
			}
			fmt.Fprintf(&sb, `<row r="%d">%s</row>`, r, strings.Join(cells, ""))
		}
		var merges strings.Builder
		for i := 0; i+2 < len(mergeOps); i += 3 {
			top := int(mergeOps[i])%40 + 1
			left, right, bottom := int(mergeOps[i+1]%5), int(mergeOps[i+1]%5+mergeOps[i+2]%2), top+int(mergeOps[i+2])%5
			fmt.Fprintf(&merges, `<mergeCell ref="%s%d:%s%d"/>`, string(rune('A'+left)), top, string(rune('A'+right)), bottom)
			// A merged range over several rows shows its top-left value in
			// every cell it covers: D hidden under it is not read.
			for r := top; r <= bottom && bottom > top; r++ {
				if left <= 3 && 3 <= right && (r > top || left < 3) {
					delete(noValue, r)
				}
			}
		}
		book := shapedBook(t, sb.String(), merges.String(), date1904)
		var res result
		emit, reject := collector(&res)
		res.stats, res.err = importers.ReadXLSX(context.Background(), bytes.NewReader(book), "s.xlsx", importers.Options{}, emit, reject)
		st := res.stats
		if st.Rows != st.Offers+st.Rejected || st.Offers != len(res.offers) || st.Rejected != rejectedRows(res.errs) {
			t.Fatalf("stats %+v with %d offers and %d rejected rows", st, len(res.offers), rejectedRows(res.errs))
		}
		if res.err != nil {
			var fe *importers.RowError
			if !errors.As(res.err, &fe) || fe.File != "s.xlsx" {
				t.Fatalf("error %v is not a file-level *RowError", res.err)
			}
			if st.Rows+st.Skipped > maxRow-1 {
				t.Fatalf("stopped by %v yet handed on %d rows of %d", res.err, st.Rows+st.Skipped, maxRow-1)
			}
		} else if st.Rows+st.Skipped != maxRow-1 {
			t.Fatalf("rows 2..%d: %d read + %d skipped, want every one accounted for", maxRow, st.Rows, st.Skipped)
		}
		for _, o := range res.offers {
			if noValue[o.Source.Row] {
				t.Fatalf("row %d's grant is a formula without a value, yet it became an offer (grant %s)", o.Source.Row, o.RSUValue.Decimal)
			}
			if o.StartDate.Year() != 2027 && o.StartDate.Year() != 2023 {
				t.Fatalf("row %d start %s", o.Source.Row, o.StartDate)
			}
			if date1904 != (o.StartDate.Year() == 2027) {
				t.Fatalf("row %d start %s with date1904 %v", o.Source.Row, o.StartDate, date1904)
			}
		}
	})
}
