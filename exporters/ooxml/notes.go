package ooxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Notes are the cell notes (comments) of one sheet, written as excelize's
// AddComment writes them but at a constant cost per note. excelize's
// AddComment scans every shape of the sheet's drawing on every call, so n
// notes cost n²: 10,000 notes take over a second and 10 MB. NewNotes adds
// the first note through AddComment, which creates everything a sheet's
// notes need besides the notes themselves (the comments part, the VML
// drawing part, the sheet's relationships and <legacyDrawing>, the content
// types); Add keeps the others, and Write splices them into those two parts
// after the first: the bytes are the ones AddComment would have made for
// every note.
//
// Only what AddComment does with a plain-text note is supported: every note
// has the first note's author and a Text (no Paragraph), and they come in
// order of row, then column. A note's box is measured against the sheet's
// column widths and row heights as excelize reports them (GetColWidth,
// GetRowHeight, GetSheetProps); a column or row set to exactly the size
// excelize reports for an unset one is measured as an unset one.
type Notes struct {
	f     *excelize.File
	sheet string
	// commentsPart and vmlPart are the parts the first note created.
	commentsPart, vmlPart string
	author                string
	// firstShape is the first note's shape id.
	firstShape int
	notes      []note
	// last is the position of the last note, first included.
	lastCol, lastRow int
	// Column widths and row heights in pixels, as excelize measures a
	// note's box (positionObjectPixels); defaultCol and defaultRow stand
	// for an unset one, reportedCol and reportedRow are what GetColWidth
	// and GetRowHeight report for one.
	colPx                    map[int]int
	defaultCol, defaultRow   int
	reportedCol, reportedRow float64
}

// note is one note after the first: where it is, its text, and where its
// box ends (the column and row, 0-based, and the pixels into them).
type note struct {
	ref            string
	text           string
	col, row       int // 1-based
	colEnd, rowEnd int
	x2, y2         int
}

// NewNotes adds first to sheet with f.AddComment and returns the notes
// that follow it. The sheet must have no notes or form controls yet.
func NewNotes(f *excelize.File, sheet string, first excelize.Comment) (*Notes, error) {
	if err := checkNote(first); err != nil {
		return nil, err
	}
	if c, err := f.GetComments(sheet); err != nil || len(c) > 0 {
		return nil, errors.Join(err, fmt.Errorf("notes: sheet %q already has notes", sheet))
	}
	if c, err := f.GetFormControls(sheet); err != nil || len(c) > 0 {
		return nil, errors.Join(err, fmt.Errorf("notes: sheet %q has form controls", sheet))
	}
	sheetID := -1
	for id, name := range f.GetSheetMap() {
		if strings.EqualFold(name, sheet) {
			sheetID = id
		}
	}
	comments, vml := keySet(f.Comments), keySet(f.VMLDrawing)
	if err := f.AddComment(sheet, first); err != nil {
		return nil, err
	}
	// The parts the first note made are the ones that were not there
	// before it.
	n := &Notes{f: f, sheet: sheet, author: noteAuthor(first.Author), firstShape: sheetID*1024 + 1,
		colPx: map[int]int{}}
	var err error
	if n.commentsPart, err = newKey(f.Comments, comments); err != nil {
		return nil, fmt.Errorf("notes: sheet %q: the comments part: %w", sheet, err)
	}
	if n.vmlPart, err = newKey(f.VMLDrawing, vml); err != nil {
		return nil, fmt.Errorf("notes: sheet %q: the VML drawing part: %w", sheet, err)
	}
	if n.lastCol, n.lastRow, err = excelize.CellNameToCoordinates(first.Cell); err != nil {
		return nil, err
	}
	if err := n.measureDefaults(); err != nil {
		return nil, err
	}
	return n, nil
}

// keySet returns the keys of m.
func keySet[V any](m map[string]V) map[string]bool {
	s := make(map[string]bool, len(m))
	for k := range m {
		s[k] = true
	}
	return s
}

// newKey returns the one key of m that is not in old.
func newKey[V any](m map[string]V, old map[string]bool) (string, error) {
	var found []string
	for k := range m {
		if !old[k] {
			found = append(found, k)
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("%d new parts, want 1", len(found))
	}
	return found[0], nil
}

// checkNote reports a note Notes cannot write as AddComment would.
func checkNote(c excelize.Comment) error {
	if len(c.Paragraph) > 0 {
		return fmt.Errorf("notes: %s: a note with rich text is not supported", c.Cell)
	}
	return nil
}

// noteAuthor is the author AddComment writes for author.
func noteAuthor(author string) string {
	if author == "" {
		author = "Author"
	}
	return truncateUTF16(author, excelize.MaxFieldLength)
}

// Add adds a note after the ones already added.
func (n *Notes) Add(c excelize.Comment) error {
	if err := checkNote(c); err != nil {
		return err
	}
	if a := noteAuthor(c.Author); a != n.author {
		return fmt.Errorf("notes: %s: author %q, want the first note's %q", c.Cell, a, n.author)
	}
	col, row, err := excelize.CellNameToCoordinates(c.Cell)
	if err != nil {
		return err
	}
	if row < n.lastRow || row == n.lastRow && col <= n.lastCol {
		return fmt.Errorf("notes: %s: after %s, not in order of row and column", c.Cell, cellName(n.lastCol, n.lastRow))
	}
	// The box is measured now, against the sheet as it is, as AddComment
	// measures it; its defaults are prepareFormCtrlOptions's.
	nt := note{ref: c.Cell, text: truncateUTF16(c.Text, excelize.TotalCellChars), col: col, row: row}
	w, h := int(c.Width), int(c.Height)
	if w == 0 {
		w = 140
	}
	if h == 0 {
		h = 60
	}
	if err := n.measure(&nt, w, h); err != nil {
		return err
	}
	n.lastCol, n.lastRow = col, row
	n.notes = append(n.notes, nt)
	return nil
}

// Len is the number of notes, the first included.
func (n *Notes) Len() int { return 1 + len(n.notes) }

// measureDefaults finds the size of an unset column and row, in pixels
// and as excelize reports them (getColWidth, getRowHeight, GetColWidth,
// GetRowHeight).
func (n *Notes) measureDefaults() error {
	p, err := n.f.GetSheetProps(n.sheet)
	if err != nil {
		return err
	}
	n.defaultCol, n.defaultRow = 64, 20
	n.reportedCol, n.reportedRow = 9.140625, 15
	if p.DefaultRowHeight == nil {
		return nil // no <sheetFormatPr>
	}
	switch {
	case *p.DefaultColWidth > 0:
		n.defaultCol, n.reportedCol = colPixels(*p.DefaultColWidth), *p.DefaultColWidth
	case *p.BaseColWidth > 0:
		n.defaultCol, n.reportedCol = colPixels(float64(*p.BaseColWidth))+5, float64(*p.BaseColWidth)
	}
	if *p.DefaultRowHeight > 0 {
		n.defaultRow = rowPixels(*p.DefaultRowHeight)
	}
	if *p.CustomHeight {
		n.reportedRow = *p.DefaultRowHeight
	}
	return nil
}

// colPixels is a column width in pixels as excelize converts it.
func colPixels(width float64) int {
	if width == 0 {
		return 0
	}
	return int(width*8 + 0.5)
}

// rowPixels is a row height in pixels as excelize converts it.
func rowPixels(height float64) int {
	if height == 0 {
		return 0
	}
	return int(math.Ceil(4.0 / 3.4 * height))
}

// colWidth returns the width of column col in pixels.
func (n *Notes) colWidth(col int) (int, error) {
	if px, ok := n.colPx[col]; ok {
		return px, nil
	}
	px := n.defaultCol
	if col <= excelize.MaxColumns {
		name, err := excelize.ColumnNumberToName(col)
		if err != nil {
			return 0, err
		}
		w, err := n.f.GetColWidth(n.sheet, name)
		if err != nil {
			return 0, err
		}
		if w != n.reportedCol {
			px = colPixels(w)
		}
	}
	n.colPx[col] = px
	return px, nil
}

// rowHeight returns the height of row row in pixels.
func (n *Notes) rowHeight(row int) (int, error) {
	if row > excelize.TotalRows {
		return n.defaultRow, nil
	}
	h, err := n.f.GetRowHeight(n.sheet, row)
	if err != nil {
		return 0, err
	}
	if h == n.reportedRow {
		return n.defaultRow, nil
	}
	return rowPixels(h), nil
}

// measure finds where a box of w by h pixels from the note's cell ends, as
// excelize's positionObjectPixels does for a note (no offset into the
// cell): column by column, then row by row, while what is left reaches
// across the next one.
func (n *Notes) measure(nt *note, w, h int) error {
	nt.colEnd, nt.rowEnd, nt.x2, nt.y2 = nt.col-1, nt.row-1, w, h
	for {
		px, err := n.colWidth(nt.colEnd + 1)
		if err != nil {
			return err
		}
		if nt.x2 < px {
			break
		}
		nt.colEnd++
		nt.x2 -= px
	}
	for {
		px, err := n.rowHeight(nt.rowEnd + 1)
		if err != nil {
			return err
		}
		if nt.y2 < px {
			break
		}
		nt.rowEnd++
		nt.y2 -= px
	}
	return nil
}

// appendAnchor appends a note's <x:Anchor> value as addDrawingVML formats
// it: the start column and row (23 pixels into the column), then the end.
func appendAnchor(b []byte, nt *note) []byte {
	for i, v := range [...]int{nt.col - 1, 23, nt.row - 1, 0, nt.colEnd, nt.x2, nt.rowEnd, nt.y2} {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendInt(b, int64(v), 10)
	}
	return b
}

var (
	commentListClose = []byte("</commentList>")
	vmlClose         = []byte("</xml>")
)

// splices are the notes' content in the comments and the VML part.
func (n *Notes) splices() []*splice {
	return []*splice{
		{part: n.commentsPart, before: commentListClose, what: "the notes", write: n.writeComments},
		{part: n.vmlPart, before: vmlClose, what: "the note shapes", write: n.writeShapes},
	}
}

// noteFlush is how many bytes of notes are encoded before they are written.
const noteFlush = 64 << 10

// writeComments writes the notes' <comment> elements as encoding/xml
// marshals excelize's xlsxComment: the reference and the author's index
// (0: the one author) as attributes, the text in <t>, escaped.
func (n *Notes) writeComments(w io.Writer) error {
	var b bytes.Buffer
	for i := range n.notes {
		nt := &n.notes[i]
		b.WriteString(`<comment ref="`)
		_ = xml.EscapeText(&b, []byte(nt.ref))
		b.WriteString(`" authorId="0"><text>`)
		if nt.text != "" {
			b.WriteString(`<t>`)
			_ = xml.EscapeText(&b, []byte(nt.text))
			b.WriteString(`</t>`)
		}
		b.WriteString(`</text></comment>`)
		if b.Len() >= noteFlush || i == len(n.notes)-1 {
			if _, err := w.Write(b.Bytes()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	return nil
}

// Parts of a note's <v:shape> as excelize's addDrawingVML and
// addFormCtrlShape make it for a comment (the Note preset).
const (
	shapeOpen   = `<v:shape id="_x0000_s`
	shapeAttrs  = `" type="#_x0000_t202" style="position:absolute;73.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#FBF6D6" strokecolor="#EDEAA1">`
	shapeBody   = `<v:fill angle="-180" color2="#FBFE82" type="gradient"><o:fill v:ext="view" type="gradientUnscaled"></o:fill></v:fill><v:shadow on="t" color="black" obscured="t"></v:shadow><v:path o:connecttype="none"></v:path><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells></x:MoveWithCells><x:SizeWithCells></x:SizeWithCells><x:Anchor>`
	shapeAfter  = `</x:Anchor><x:AutoFill>True</x:AutoFill><x:Row>`
	shapeColumn = `</x:Row><x:Column>`
	shapeClose  = `</x:Column></x:ClientData></v:shape>`
)

// writeShapes writes the notes' <v:shape> elements, numbered on from the
// first note's shape.
func (n *Notes) writeShapes(w io.Writer) error {
	b := make([]byte, 0, noteFlush+1024)
	for i := range n.notes {
		nt := &n.notes[i]
		b = append(b, shapeOpen...)
		b = strconv.AppendInt(b, int64(n.firstShape+1+i), 10)
		b = append(b, shapeAttrs...)
		b = append(b, shapeBody...)
		b = appendAnchor(b, nt)
		b = append(b, shapeAfter...)
		b = strconv.AppendInt(b, int64(nt.row-1), 10)
		b = append(b, shapeColumn...)
		b = strconv.AppendInt(b, int64(nt.col-1), 10)
		b = append(b, shapeClose...)
		if len(b) >= noteFlush || i == len(n.notes)-1 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	return nil
}
