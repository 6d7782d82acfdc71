package ooxml

import (
	"bytes"
	"io"
	"testing"
)

// TestCompatPart: the parts readers trip over are rewritten, split at any
// byte between two writes; every other part goes straight to w.
func TestCompatPart(t *testing.T) {
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	cases := []struct {
		name, part, in, want string
	}{
		{
			name: "core properties get cp:",
			part: "docProps/core.xml",
			in: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<coreProperties xmlns="` + nsCoreProperties + `" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">` +
				`<dc:title>A &gt; B</dc:title><lastModifiedBy>offerbook</lastModifiedBy><keywords/>` +
				`<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created></coreProperties>`,
			want: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<cp:coreProperties xmlns:cp="` + nsCoreProperties + `" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">` +
				`<dc:title>A &gt; B</dc:title><cp:lastModifiedBy>offerbook</cp:lastModifiedBy><cp:keywords/>` +
				`<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created></cp:coreProperties>`,
		},
		{
			name: "worksheet drawing and comments use r:id",
			part: "xl/worksheets/sheet12.xml",
			in: `<worksheet xmlns:r="` + rel + `"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>relationships:id &lt;x&gt;</t></is></c></row></sheetData>` +
				`<drawing xmlns:relationships="` + rel + `" relationships:id="rId1"></drawing>` +
				`<legacyDrawing xmlns:relationships="` + rel + `" relationships:id="rId2"></legacyDrawing></worksheet>`,
			want: `<worksheet xmlns:r="` + rel + `"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>relationships:id &lt;x&gt;</t></is></c></row></sheetData>` +
				`<drawing xmlns:r="` + rel + `" r:id="rId1"></drawing>` +
				`<legacyDrawing xmlns:r="` + rel + `" r:id="rId2"></legacyDrawing></worksheet>`,
		},
		{
			name: "rows pass through, and the tags after them are still rewritten",
			part: "xl/worksheets/sheet3.xml",
			in: `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;/sheetData&gt;</t></is></c></row>` +
				`<row r="2"><c r="B2" s="4"><v>12</v></c><c r="C2"><is><t>a</t></is></c></row></sheetData>` +
				`<legacyDrawing xmlns:relationships="` + rel + `" relationships:id="rId2"/></worksheet>`,
			want: `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;/sheetData&gt;</t></is></c></row>` +
				`<row r="2"><c r="B2" s="4"><v>12</v></c><c r="C2"><is><t>a</t></is></c></row></sheetData>` +
				`<legacyDrawing xmlns:r="` + rel + `" r:id="rId2"/></worksheet>`,
		},
		{
			name: "an empty sheetData element does not start rows",
			part: "xl/worksheets/sheet4.xml",
			in:   `<worksheet><sheetData/><drawing xmlns:relationships="` + rel + `" relationships:id="rId1"/></worksheet>`,
			want: `<worksheet><sheetData/><drawing xmlns:r="` + rel + `" r:id="rId1"/></worksheet>`,
		},
		{
			name: "a tag that already declares r keeps one declaration",
			part: "xl/worksheets/sheet1.xml",
			in:   `<drawing xmlns:r="` + rel + `" xmlns:relationships="` + rel + `" relationships:id="rId1"/>`,
			want: `<drawing xmlns:r="` + rel + `" r:id="rId1"/>`,
		},
		{
			name: "a quoted > inside an attribute does not end the tag",
			part: "xl/worksheets/sheet1.xml",
			in:   `<c f="a>b" xmlns:relationships="` + rel + `" relationships:id="rId3"/>text`,
			want: `<c f="a>b" xmlns:r="` + rel + `" r:id="rId3"/>text`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for chunk := 1; chunk <= len(tc.in); chunk++ {
				var got bytes.Buffer
				w := compatPart(tc.part, &got)
				for i := 0; i < len(tc.in); i += chunk {
					end := min(i+chunk, len(tc.in))
					if n, err := w.Write([]byte(tc.in[i:end])); err != nil || n != end-i {
						t.Fatalf("Write = %d, %v", n, err)
					}
				}
				if got.String() != tc.want {
					t.Fatalf("in writes of %d bytes:\ngot  %s\nwant %s", chunk, got.String(), tc.want)
				}
			}
		})
	}
}

// TestCompatPartLeavesOtherPartsAlone: parts needing no change get w itself.
func TestCompatPartLeavesOtherPartsAlone(t *testing.T) {
	var sink bytes.Buffer
	for _, name := range []string{"xl/workbook.xml", "xl/styles.xml", "xl/worksheets/_rels/sheet1.xml.rels", "xl/drawings/drawing1.xml", "docProps/app.xml", "[Content_Types].xml"} {
		if w := compatPart(name, &sink); w != io.Writer(&sink) {
			t.Errorf("%s: got a rewriting writer, want w itself", name)
		}
	}
	for _, name := range []string{"docProps/core.xml", "xl/worksheets/sheet1.xml", "xl/chartsheets/sheet1.xml"} {
		if w := compatPart(name, &sink); w == io.Writer(&sink) {
			t.Errorf("%s: got w itself, want a rewriting writer", name)
		}
	}
}

// TestCompatPartCloseFlushesACutPart: a part cut inside a tag is written
// as it is on Close.
func TestCompatPartCloseFlushesACutPart(t *testing.T) {
	var got bytes.Buffer
	w := compatPart("xl/worksheets/sheet1.xml", &got)
	_, _ = w.Write([]byte(`<a/><b attr="x`))
	if got.String() != `<a/>` {
		t.Fatalf("before Close: %q", got.String())
	}
	if err := w.(io.Closer).Close(); err != nil || got.String() != `<a/><b attr="x` {
		t.Fatalf("after Close: %q, %v", got.String(), err)
	}
}
