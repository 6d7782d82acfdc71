package importers

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
)

// sheetFacts is what the importer needs to know about a worksheet that
// excelize's row iterator does not say: where the sheet is damaged in a way
// that would lose or shift rows and cells silently, which cells hold a
// formula without a saved value or a TRUE/FALSE, and which cells are merged.
// sheetScan gathers them in one pass over the sheet's bytes while the
// package is verified.
type sheetFacts struct {
	// problem is the row or cell stored twice or out of order that comes
	// first in the sheet: reading stops above it, since which copy a reader
	// shows, or where a cell belongs, cannot be told.
	problem *sheetProblem
	// fixes lists, per sheet row, cells whose value must not be read as
	// excelize gives it.
	fixes map[int][]cellFix
	// merges are the merged ranges spanning more than one row.
	merges []cellRange
}

// sheetProblem is a row or cell stored twice or out of order.
type sheetProblem struct {
	row, col   int // the row (and cell column, 0 for a whole row) met again
	after      int // the row or column that came before it
	duplicated bool
}

// Kinds of cellFix.
const (
	fixNoValue = iota + 1 // a formula whose value was never computed and saved
	fixTrue               // a TRUE/FALSE cell: read as the word, not as 1 or 0
	fixFalse
)

// cellFix is one cell to read differently; col is 1-based.
type cellFix struct {
	col, kind int
}

// cellRange is a merged range, 1-based and inclusive.
type cellRange struct {
	top, left, bottom, right int
}

// Bounds on what one sheet's facts hold, so that a sheet shaped to exhaust
// memory is refused rather than remembered.
const (
	maxCellFixes = 100000
	maxMerges    = 100000
	// maxMergedCells bounds the cells all multi-row merges cover together.
	maxMergedCells = 1 << 24
	maxTagBytes    = 512 // longer tags are not row, cell or merge tags worth reading
)

// noValueMarker replaces the text of a formula cell without a saved value;
// the converter rejects it. It cannot come from a sheet (XML has no NUL).
const noValueMarker = "\x00formula without a value"

// sheetScan is an io.Writer fed a worksheet part's bytes. It reads the
// tags it needs (row, c, f, v, mergeCell) with their attributes, skipping
// the rest, in linear time and constant memory besides the facts.
type sheetScan struct {
	facts sheetFacts
	err   error

	inTag, inQuote bool
	quote          byte
	skip           bool // a comment, processing instruction or declaration
	tag            []byte
	tagLong        bool

	row, col        int // the current row and the last cell column in it
	inCell, inV     bool
	cellCol         int
	hasF, hasV      bool
	vFirst          byte
	boolCell        bool
	textCell        bool
	fixes, mergeCnt int
	mergedCells     int
	// cells counts the sheet's cells, against which the shared text is
	// weighed.
	cells int
}

func (s *sheetScan) Write(p []byte) (int, error) {
	if s.err != nil {
		return len(p), nil // the problem is known; let the part be read to its end
	}
	for _, b := range p {
		if s.inTag {
			if s.inQuote {
				if b == s.quote {
					s.inQuote = false
				}
				s.add(b)
				continue
			}
			switch b {
			case '"', '\'':
				s.inQuote, s.quote = true, b
				s.add(b)
			case '>':
				s.inTag = false
				if !s.skip && !s.tagLong {
					s.element(s.tag)
				}
			default:
				s.add(b)
			}
			continue
		}
		if b == '<' {
			s.inTag, s.skip, s.tagLong = true, false, false
			s.tag = s.tag[:0]
			continue
		}
		if s.inV && !s.hasV && b != ' ' && b != '\t' && b != '\r' && b != '\n' {
			s.hasV, s.vFirst = true, b
		}
	}
	return len(p), nil
}

func (s *sheetScan) add(b byte) {
	if len(s.tag) == 0 && (b == '!' || b == '?') {
		s.skip = true
	}
	if len(s.tag) < maxTagBytes {
		s.tag = append(s.tag, b)
	} else {
		s.tagLong = true
	}
}

// element handles one tag's text (without "<" and ">").
func (s *sheetScan) element(t []byte) {
	end := len(t) > 0 && t[0] == '/'
	if end {
		t = t[1:]
	}
	selfClosing := len(t) > 0 && t[len(t)-1] == '/'
	n := 0
	for n < len(t) && t[n] != ' ' && t[n] != '\t' && t[n] != '\r' && t[n] != '\n' && t[n] != '/' {
		n++
	}
	name := t[:n]
	if i := lastByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	attrs := t[n:]
	switch string(name) {
	case "row":
		if end {
			return
		}
		r := parseInt(attr(attrs, "r"))
		if r <= 0 {
			r = s.row + 1
		}
		if r <= s.row {
			s.note(&sheetProblem{row: r, after: s.row, duplicated: r == s.row})
		}
		s.row, s.col = max(r, s.row), 0
	case "c":
		if end {
			s.endCell()
			return
		}
		s.cells++
		col := 0
		if ref := attr(attrs, "r"); len(ref) > 0 {
			col, _ = splitRef(ref)
		}
		if col <= 0 {
			col = s.col + 1
		}
		if col <= s.col {
			s.note(&sheetProblem{row: s.row, col: col, after: s.col, duplicated: col == s.col})
		}
		s.col = max(col, s.col)
		s.inCell, s.cellCol, s.hasF, s.hasV, s.inV = true, col, false, false, false
		typ := string(attr(attrs, "t"))
		s.boolCell = typ == "b"
		// A text formula whose result is empty text saves an empty value.
		s.textCell = typ == "str" || typ == "inlineStr" || typ == "s"
		if selfClosing {
			s.endCell()
		}
	case "f":
		if s.inCell && !end {
			s.hasF = true
		}
	case "v":
		if s.inCell {
			s.inV = !end && !selfClosing
		}
	case "mergeCell":
		if end {
			return
		}
		ref := string(attr(attrs, "ref"))
		a, b, ok := strings.Cut(ref, ":")
		if !ok {
			return
		}
		l, t := splitRef([]byte(a))
		r, bot := splitRef([]byte(b))
		if t <= 0 || bot <= t || l <= 0 || r < l {
			return // one row only, or unreadable: the top-left cell is the value
		}
		if s.mergeCnt++; s.mergeCnt > maxMerges {
			s.err = fmt.Errorf("%w: the sheet merges more than %d ranges of cells", ErrTooLarge, maxMerges)
			return
		}
		if s.mergedCells += (bot - t + 1) * (r - l + 1); s.mergedCells > maxMergedCells {
			s.err = fmt.Errorf("%w: the sheet's merged ranges cover more than %d cells", ErrTooLarge, maxMergedCells)
			return
		}
		s.facts.merges = append(s.facts.merges, cellRange{top: t, left: l, bottom: bot, right: r})
	}
}

// note keeps, of the rows and cells stored twice or out of order, the one
// that stops reading earliest: every row it involves, in any copy, is then
// below the rows read.
func (s *sheetScan) note(p *sheetProblem) {
	if s.facts.problem == nil || p.stopRow() < s.facts.problem.stopRow() {
		s.facts.problem = p
	}
}

// endCell notes a formula cell without a saved value and a TRUE/FALSE cell.
func (s *sheetScan) endCell() {
	if !s.inCell {
		return
	}
	s.inCell, s.inV = false, false
	kind := 0
	switch {
	case s.hasF && !s.hasV && !s.textCell:
		kind = fixNoValue
	case s.boolCell && s.hasV && s.vFirst == '1':
		kind = fixTrue
	case s.boolCell && s.hasV:
		kind = fixFalse
	}
	if kind == 0 {
		return
	}
	if s.fixes++; s.fixes > maxCellFixes {
		s.err = fmt.Errorf("%w: the sheet has more than %d formulas without saved values or TRUE/FALSE cells", ErrTooLarge, maxCellFixes)
		return
	}
	if s.facts.fixes == nil {
		s.facts.fixes = map[int][]cellFix{}
	}
	s.facts.fixes[s.row] = append(s.facts.fixes[s.row], cellFix{col: s.cellCol, kind: kind})
}

// attr returns the value of attribute name in a tag's attribute text, or nil.
func attr(attrs []byte, name string) []byte {
	for i := 0; i+len(name)+1 < len(attrs); i++ {
		if attrs[i] != ' ' && attrs[i] != '\t' && attrs[i] != '\r' && attrs[i] != '\n' {
			continue
		}
		j := i + 1
		if string(attrs[j:min(j+len(name), len(attrs))]) != name {
			continue
		}
		j += len(name)
		for j < len(attrs) && (attrs[j] == ' ' || attrs[j] == '\t') {
			j++
		}
		if j >= len(attrs) || attrs[j] != '=' {
			continue
		}
		j++
		for j < len(attrs) && (attrs[j] == ' ' || attrs[j] == '\t') {
			j++
		}
		if j >= len(attrs) || (attrs[j] != '"' && attrs[j] != '\'') {
			return nil
		}
		q := attrs[j]
		k := j + 1
		for k < len(attrs) && attrs[k] != q {
			k++
		}
		return attrs[j+1 : k]
	}
	return nil
}

// splitRef reads a cell reference such as "AB12" (or "$AB$12") into its
// 1-based column and row; 0 for a part that is missing or too large.
func splitRef(ref []byte) (col, row int) {
	i := 0
	for i < len(ref) && ref[i] == '$' {
		i++
	}
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		if col > 1<<14 {
			return 0, 0
		}
	}
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	return col, parseInt(ref[i:])
}

// parseInt reads unsigned decimal digits, or returns 0 (also past 10^9).
func parseInt(b []byte) int {
	if len(b) == 0 || len(b) > 9 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func lastByte(b []byte, c byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// sheetParts maps each sheet's name to its worksheet part, from the
// workbook part and its relationships; nil when they cannot be read.
func sheetParts(zr *zip.Reader) map[string]string {
	read := func(name string) []byte {
		for _, f := range zr.File {
			if strings.EqualFold(f.Name, name) {
				rc, err := f.Open()
				if err != nil {
					return nil
				}
				defer rc.Close()
				b, _ := io.ReadAll(io.LimitReader(rc, 64<<20))
				return b
			}
		}
		return nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(read("xl/workbook.xml"), &wb) != nil || xml.Unmarshal(read("xl/_rels/workbook.xml.rels"), &rels) != nil {
		return nil
	}
	targets := make(map[string]string, len(rels.Rels))
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := make(map[string]string, len(wb.Sheets))
	for _, s := range wb.Sheets {
		if t, ok := targets[s.ID]; ok {
			out[s.Name] = strings.ToLower(t)
		}
	}
	return out
}

// damage returns the sheet's first row or cell stored twice or out of
// order, or nil (also for nil facts).
func (f *sheetFacts) damage() *sheetProblem {
	if f == nil {
		return nil
	}
	return f.problem
}

// stopRow is the first row not handed on: the rows above the first one the
// damage involves are read as they are.
func (p *sheetProblem) stopRow() int {
	if p.col == 0 {
		return min(p.row, p.after)
	}
	return p.row
}

// error is the file-level error for a sheet stored with a row or cell twice
// or out of order; last is the last row handed on.
func (p *sheetProblem) error(file, sheet string, last int) error {
	what := "stored out of order"
	if p.duplicated {
		what = "stored twice"
	}
	where := "before its first row"
	if last > 0 {
		where = fmt.Sprintf("after row %d", last)
	}
	if p.col == 0 {
		return &RowError{File: file, Sheet: sheet, Row: p.row,
			Err: fmt.Errorf("%w: row %d is %s (it comes after row %d), so rows would be lost or mixed up; "+
				"reading stopped %s: open the file in a spreadsheet program and save it again", ErrDamagedWorkbook, p.row, what, p.after, where)}
	}
	col := columnLetters(p.col)
	return &RowError{File: file, Sheet: sheet, Row: p.row, Column: "column " + col,
		Err: fmt.Errorf("%w: cell %s%d is %s (it comes after column %s), so values would shift into the wrong columns; "+
			"reading stopped %s: open the file in a spreadsheet program and save it again", ErrDamagedWorkbook, col, p.row, what, columnLetters(p.after), where)}
}

// mergeState walks the merged ranges down the sheet: merges sorted by top
// row, next the first not yet reached, and active those covering the
// current row with their top-left values.
type mergeState struct {
	sorted bool
	next   int
	active []activeMerge
}

type activeMerge struct {
	m   cellRange
	val string
}

// apply reads row r's cells as a spreadsheet program shows them: a formula
// without a saved value becomes noValueMarker, a TRUE/FALSE cell the word,
// and each cell inside a merged range spanning several rows the value of
// its top-left cell. Rows come in increasing order. The work is bounded by
// the cells the merges cover, which the scan bounds.
func (f *sheetFacts) apply(r int, cols []string, st *mergeState) []string {
	for _, fx := range f.fixes[r] {
		for len(cols) < fx.col {
			cols = append(cols, "")
		}
		switch fx.kind {
		case fixNoValue:
			cols[fx.col-1] = noValueMarker
		case fixTrue:
			cols[fx.col-1] = "TRUE"
		case fixFalse:
			cols[fx.col-1] = "FALSE"
		}
	}
	if len(f.merges) == 0 {
		return cols
	}
	if !st.sorted {
		st.sorted = true
		slices.SortStableFunc(f.merges, func(a, b cellRange) int { return a.top - b.top })
	}
	keep := st.active[:0]
	for _, a := range st.active {
		if a.m.bottom >= r {
			keep = append(keep, a)
		}
	}
	st.active = keep
	for st.next < len(f.merges) && f.merges[st.next].top <= r {
		m := f.merges[st.next]
		st.next++
		if m.bottom < r {
			continue
		}
		v := ""
		if m.top == r && m.left <= len(cols) {
			v = cols[m.left-1]
		}
		st.active = append(st.active, activeMerge{m, v})
	}
	for _, a := range st.active {
		if a.val == "" {
			continue
		}
		for len(cols) < a.m.right {
			cols = append(cols, "")
		}
		for c := a.m.left; c <= a.m.right; c++ {
			cols[c-1] = a.val
		}
	}
	return cols
}

// tagCounter is an io.Writer that counts the start tags of one element
// (such as "si", the shared-text items), with or without a namespace prefix.
type tagCounter struct {
	name  string
	n     int
	carry []byte
	buf   []byte
}

func (c *tagCounter) Write(p []byte) (int, error) {
	c.buf = append(append(c.buf[:0], c.carry...), p...)
	b := c.buf
	stop := len(b)
	for i := 0; i < len(b); i++ {
		if b[i] != '<' && b[i] != ':' {
			continue
		}
		j := i + 1
		if j+len(c.name) >= len(b) {
			stop = i // cannot be seen whole yet: looked at again next time
			break
		}
		if string(b[j:j+len(c.name)]) == c.name {
			switch b[j+len(c.name)] {
			case '>', ' ', '\t', '\r', '\n', '/':
				c.n++
			}
		}
	}
	c.carry = append(c.carry[:0], b[stop:]...)
	return len(p), nil
}
