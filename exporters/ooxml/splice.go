package ooxml

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
)

var (
	sheetDataOpen     = []byte("<sheetData>")
	sheetDataClose    = []byte("</sheetData>")
	definedNamesClose = []byte("</definedNames>")
)

// splice is content written into a part just before the first occurrence
// of a closing tag: a worksheet's own rows before </sheetData>, defined
// names before </definedNames>.
type splice struct {
	part   string // the part's name
	before []byte // the closing tag the content goes before
	what   string // what it is, for an error
	write  func(io.Writer) error
	done   bool // written
}

// writer returns the writer of s's part: the part's bytes go to w, with
// s's content before the first s.before.
func (s *splice) writer(w io.Writer) io.Writer { return &splicer{w: w, s: s} }

// splicer passes a part through to w until the splice's closing tag, writes
// the splice there, then passes the rest through unscanned. In well-formed
// XML a closing tag's bytes cannot occur inside text or an attribute ('<'
// is always escaped there), so the first occurrence is the element's end.
// Between two writes it holds back at most the start of the tag.
type splicer struct {
	w    io.Writer
	s    *splice
	held []byte // the end of the last write, which may begin the tag
}

func (sp *splicer) Write(p []byte) (int, error) {
	if sp.s.done {
		return sp.w.Write(p)
	}
	data := p
	if len(sp.held) > 0 {
		data = append(sp.held, p...)
		sp.held = sp.held[:0]
	}
	tag := sp.s.before
	if i := bytes.Index(data, tag); i >= 0 {
		if err := sp.pass(data[:i]); err != nil {
			return 0, err
		}
		sp.s.done = true
		if err := sp.s.write(sp.w); err != nil {
			return 0, err
		}
		if err := sp.pass(data[i:]); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	// Hold back the longest end of data that begins the tag.
	k := min(len(data), len(tag)-1)
	for ; k > 0 && !bytes.HasPrefix(tag, data[len(data)-k:]); k-- {
	}
	if err := sp.pass(data[:len(data)-k]); err != nil {
		return 0, err
	}
	sp.held = append(sp.held, data[len(data)-k:]...)
	return len(p), nil
}

func (sp *splicer) pass(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	_, err := sp.w.Write(b)
	return err
}

// Close writes what is held back (a part without the tag ends as it was;
// Write then reports the splice missing) and closes w if it is a Closer.
func (sp *splicer) Close() error {
	if len(sp.held) > 0 {
		if err := sp.pass(sp.held); err != nil {
			return err
		}
		sp.held = sp.held[:0]
	}
	return closeWriter(sp.w)
}

// closeWriter closes w if it is a Closer: each writer of a part's chain
// closes the next.
func closeWriter(w io.Writer) error {
	if c, ok := w.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// DefinedName is a name defined for one sheet, as Write appends it to the
// workbook part: what excelize's SetDefinedName with a Scope writes, without
// its check of every name already there against every sheet (for 500
// offer sheets' print areas that is 2.4 GB of lists).
type DefinedName struct {
	Name     string // "_xlnm.Print_Area"
	RefersTo string // "'Offer 1'!$A$1:$M$150"
	Sheet    int    // the sheet's index (excelize's GetSheetIndex)
}

// writeDefinedNames writes names as encoding/xml marshals excelize's
// xlsxDefinedName: localSheetId before name, both escaped as text.
func writeDefinedNames(w io.Writer, names []DefinedName) error {
	var b bytes.Buffer
	for _, n := range names {
		b.WriteString(`<definedName localSheetId="`)
		b.WriteString(strconv.Itoa(n.Sheet))
		b.WriteString(`"`)
		if n.Name != "" {
			b.WriteString(` name="`)
			_ = xml.EscapeText(&b, []byte(n.Name))
			b.WriteString(`"`)
		}
		b.WriteString(`>`)
		_ = xml.EscapeText(&b, []byte(n.RefersTo))
		b.WriteString(`</definedName>`)
	}
	_, err := w.Write(b.Bytes())
	return err
}
