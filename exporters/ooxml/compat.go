package ooxml

import (
	"bytes"
	"io"
	"path"
	"strings"
)

// Reader compatibility. excelize writes two things that Excel and
// LibreOffice accept but other readers do not (ExcelJS refuses the file,
// exceljs issue 2603):
//
//   - docProps/core.xml puts coreProperties and its cp: children
//     (lastModifiedBy, keywords, revision, …) in the default namespace
//     instead of under the cp: prefix every other writer uses;
//   - a worksheet references its drawing and comment drawing as
//     `xmlns:relationships="…" relationships:id="rId1"` instead of `r:id`.
//
// compatPart fixes both while the part is being written, tag by tag, so
// the package writer needs no second pass over the file. It only fixes
// tags: what goes into a part besides excelize's bytes is a splice.

// Namespace of the core-properties part.
const nsCoreProperties = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

// compatPart returns the writer a package part named name is written
// through: w itself when the part needs no change, else a writer that
// rewrites the part's XML as it streams to w. The rewriting writer holds back
// at most one unfinished tag between two writes; a well-formed part ends
// with '>', so nothing is held back once the part is written.
func compatPart(name string, w io.Writer) io.Writer {
	switch {
	case name == "docProps/core.xml":
		return &tagRewriter{w: w, rewrite: corePropertiesTag}
	case isWorksheetPart(name):
		return &tagRewriter{w: w, rewrite: relationshipsTag, skipSheetData: true}
	}
	return w
}

// isWorksheetPart reports whether name is a worksheet or chartsheet part.
func isWorksheetPart(name string) bool {
	dir, file := path.Split(name)
	return (dir == "xl/worksheets/" || dir == "xl/chartsheets/") && strings.HasSuffix(file, ".xml")
}

// tagRewriter passes text through and hands each complete tag, from '<' to
// its closing '>' (quotes respected), to rewrite. With skipSheetData, a
// worksheet's rows (everything between <sheetData> and </sheetData>, nearly
// all of a large sheet) pass straight through unscanned: excelize writes
// no relationship reference there, and in a row '<' only begins a tag.
type tagRewriter struct {
	w             io.Writer
	rewrite       func(tag []byte) []byte
	skipSheetData bool
	tag           []byte // the unfinished tag, from '<'
	inTag         bool
	quote         byte // the open quote inside a tag, or 0
	inSheetData   bool // between <sheetData> and </sheetData>
	out           []byte
}

func (t *tagRewriter) Write(p []byte) (int, error) {
	t.out = t.out[:0]
	i := 0
	for i < len(p) {
		if t.inSheetData && !t.inTag {
			// Rows: find </sheetData>, or a '<' at the end of p that may
			// begin it (the tag scanner below then finishes that tag).
			k := bytes.Index(p[i:], sheetDataClose)
			if k < 0 {
				k = len(p) - i
				if tail := bytes.LastIndexByte(p[max(i, len(p)-len(sheetDataClose)+1):], '<'); tail >= 0 {
					at := max(i, len(p)-len(sheetDataClose)+1) + tail
					if bytes.HasPrefix(sheetDataClose, p[at:]) {
						k = at - i
					}
				}
			}
			if err := t.flush(p[i : i+k]); err != nil {
				return 0, err
			}
			i += k
			if i == len(p) {
				break
			}
			t.inSheetData = false
			if len(p)-i < len(sheetDataClose) {
				t.inSheetData = true // the tag scanner decides, once it is whole
			}
		}
		if !t.inTag {
			j := bytes.IndexByte(p[i:], '<')
			if j < 0 {
				t.out = append(t.out, p[i:]...)
				break
			}
			t.out = append(t.out, p[i:i+j]...)
			i += j
			t.inTag, t.quote, t.tag = true, 0, t.tag[:0]
		}
		// Inside a tag: copy up to and including its closing '>'.
		start := i
		for ; i < len(p); i++ {
			c := p[i]
			switch {
			case t.quote != 0:
				if c == t.quote {
					t.quote = 0
				}
			case c == '"' || c == '\'':
				t.quote = c
			case c == '>':
				t.tag = append(t.tag, p[start:i+1]...)
				t.out = append(t.out, t.rewrite(t.tag)...)
				t.inTag = false
				if t.skipSheetData {
					t.inSheetData = bytes.Equal(t.tag, sheetDataOpen) || (t.inSheetData && !bytes.Equal(t.tag, sheetDataClose))
				}
				i++
				goto next
			}
		}
		t.tag = append(t.tag, p[start:]...)
	next:
	}
	if err := t.flush(nil); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes what is gathered in out, then b.
func (t *tagRewriter) flush(b []byte) error {
	if len(t.out) > 0 {
		if _, err := t.w.Write(t.out); err != nil {
			return err
		}
		t.out = t.out[:0]
	}
	if len(b) > 0 {
		if _, err := t.w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// Close writes an unfinished tag as it is (a part cut short stays as
// short; a well-formed part has none), then closes w if it is a Closer.
func (t *tagRewriter) Close() error {
	if t.inTag && len(t.tag) > 0 {
		_, err := t.w.Write(t.tag)
		t.tag, t.inTag = t.tag[:0], false
		if err != nil {
			return err
		}
	}
	return closeWriter(t.w)
}

// corePropertiesTag puts unprefixed elements of docProps/core.xml under
// cp:, declaring cp: where the default namespace was.
func corePropertiesTag(tag []byte) []byte {
	if len(tag) < 3 || tag[1] == '?' || tag[1] == '!' {
		return tag
	}
	nameAt := 1
	if tag[1] == '/' {
		nameAt = 2
	}
	end := nameAt
	for end < len(tag) && !isTagNameEnd(tag[end]) {
		end++
	}
	if bytes.IndexByte(tag[nameAt:end], ':') >= 0 {
		return tag
	}
	out := make([]byte, 0, len(tag)+32)
	out = append(out, tag[:nameAt]...)
	out = append(out, "cp:"...)
	out = append(out, tag[nameAt:]...)
	return bytes.Replace(out, []byte(` xmlns="`+nsCoreProperties+`"`), []byte(` xmlns:cp="`+nsCoreProperties+`"`), 1)
}

func isTagNameEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '>'
}

var (
	relsPrefixDecl = []byte(`xmlns:relationships="`)
	relsPrefixAttr = []byte(` relationships:`)
)

// relationshipsTag writes the relationships prefix as r, the one readers
// expect: `xmlns:relationships="…" relationships:id=` becomes
// `xmlns:r="…" r:id=` (the same namespace, so the meaning is unchanged).
func relationshipsTag(tag []byte) []byte {
	if !bytes.Contains(tag, relsPrefixDecl) && !bytes.Contains(tag, relsPrefixAttr) {
		return tag
	}
	if bytes.Contains(tag, []byte(`xmlns:r="`)) {
		// r is already declared here: drop the second declaration.
		if i := bytes.Index(tag, relsPrefixDecl); i >= 0 {
			if j := bytes.IndexByte(tag[i+len(relsPrefixDecl):], '"'); j >= 0 {
				cut := i + len(relsPrefixDecl) + j + 1
				if i > 0 && tag[i-1] == ' ' {
					i--
				}
				tag = append(tag[:i:i], tag[cut:]...)
			}
		}
	} else {
		tag = bytes.ReplaceAll(tag, relsPrefixDecl, []byte(`xmlns:r="`))
	}
	return bytes.ReplaceAll(tag, relsPrefixAttr, []byte(` r:`))
}
