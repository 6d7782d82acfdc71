package ooxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// MaxRows is the number of rows one worksheet holds (Excel's limit).
const MaxRows = 1_048_576

// rowsMemory is how many bytes of compressed rows a Rows keeps in memory
// before it moves them to a temporary file.
var rowsMemory = 1 << 20

// Rows encodes a streamed sheet's rows itself, byte for byte as
// excelize's StreamWriter.SetRow would (TestSheetRowsMatchExcelize and
// FuzzSheetRowsMatchExcelize compare the two), at a fraction of the cost:
// no cell-name parsing per cell, no allocation per string, no regular
// expression unless a text holds "_x". The rows are compressed as they come,
// a chunk at a time on the deflate workers, and wait compressed in memory,
// then in a temporary file; Write splices them into the sheet's part just
// before </sheetData>, after the rows excelize's writer holds (a header,
// say), copying the compressed bytes as they are. It
// is for sheets of a row or more per record; a sheet whose columns carry a
// style must not be written this way (excelize would give a cell without a
// style its column's style).
type Rows struct {
	part    string // the worksheet's part name, "xl/worksheets/sheet3.xml"
	dir     string
	buf     []byte         // row XML not yet handed to the compressor
	z       *deflateStream // the rows compressed, into out
	out     spool
	lastRow int
	cols    []string // column names by number, "A" at 1, as far as used
}

// NewRows returns the rows of the sheet sw writes, after row after (the
// rows sw holds, 0 for none), spilling to a temporary file in dir ("" for
// the system's). Close removes the file once the workbook is written.
func NewRows(sw *excelize.StreamWriter, dir string, after int) *Rows {
	// excelize names a new sheet's part after its sheet id (File.NewSheet);
	// Write fails the workbook if no part of this name comes.
	return &Rows{part: fmt.Sprintf("xl/worksheets/sheet%d.xml", sw.SheetID), dir: dir, lastRow: max(after, 0)}
}

// SetRow writes a row as excelize's StreamWriter.SetRow does.
func (s *Rows) SetRow(cell string, values []any, opts ...excelize.RowOpts) error {
	col, row, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		return err
	}
	return s.setRow(col, row, values, opts)
}

// SetRowFromA is SetRow with the first value in column A of row, without a
// cell name to parse.
func (s *Rows) SetRowFromA(row int, values []any, opts ...excelize.RowOpts) error {
	if row < 1 || row > excelize.TotalRows {
		return excelize.ErrMaxRows
	}
	return s.setRow(1, row, values, opts)
}

func (s *Rows) setRow(col, row int, values []any, opts []excelize.RowOpts) error {
	var err error
	if row <= s.lastRow {
		return fmt.Errorf("row %d has already been written", row)
	}
	var o excelize.RowOpts
	if len(opts) > 0 {
		o = opts[len(opts)-1]
	}
	if o.Height > excelize.MaxRowHeight {
		return excelize.ErrMaxRowHeight
	}
	if o.OutlineLevel > 7 {
		return excelize.ErrOutlineLevel
	}
	s.lastRow = row
	if s.buf == nil {
		s.buf = newChunk()
	}
	b := append(s.buf, `<row r="`...)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	if o.StyleID > 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(o.StyleID), 10)
		b = append(b, `" customFormat="1"`...)
	}
	if o.Height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, o.Height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	if o.OutlineLevel > 0 {
		b = append(b, ` outlineLevel="`...)
		b = strconv.AppendInt(b, int64(o.OutlineLevel), 10)
		b = append(b, '"')
	}
	if o.Hidden {
		b = append(b, ` hidden="1"`...)
	}
	b = append(b, '>')
	for i, v := range values {
		if v == nil {
			continue
		}
		if col+i > excelize.MaxColumns {
			s.buf = append(b, `</row>`...)
			return excelize.ErrColumnNumber
		}
		if b, err = s.cell(b, col+i, row, o.StyleID, v); err != nil {
			s.buf = append(b, `</row>`...)
			return err
		}
	}
	s.buf = append(b, `</row>`...)
	if len(s.buf) >= chunkSize {
		return s.compress()
	}
	return nil
}

// cellXML is one cell as excelize's writeCell sees it.
type cellXML struct {
	style   int
	t       string
	formula string
	hasF    bool
	v       string
	space   bool // xml:space="preserve" on <c> (a formula's text)
	inline  bool
	is      string
	isSpace bool // xml:space="preserve" on <t>
}

// cell appends one cell; nil values are skipped by the caller.
func (s *Rows) cell(b []byte, col, row, rowStyle int, v any) ([]byte, error) {
	c := cellXML{style: rowStyle}
	if p, ok := v.(*excelize.Cell); ok && p != nil {
		v = *p // a nil *Cell is written as excelize writes it, "<nil>"
	}
	if x, ok := v.(excelize.Cell); ok {
		if x.StyleID > 0 {
			c.style = x.StyleID
		}
		if x.Formula != "" {
			c.t, c.formula, c.hasF = "str", x.Formula, true
		}
		v = x.Value
	}
	if f, ok := v.(float64); ok && !c.hasF && !math.IsNaN(f) && !math.IsInf(f, 0) {
		// A number, the most common cell, straight into the row.
		b = s.cellStart(b, col, row, c.style)
		b = append(b, `><v>`...)
		b = appendCellFloat(b, f, 64)
		return append(b, `</v></c>`...), nil
	}
	if err := c.setValue(v); err != nil {
		return b, err
	}
	b = append(b, `<c`...)
	if c.space {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = s.cellRef(b, col, row, c.style)
	if c.t != "" {
		b = append(b, ` t="`...)
		b = append(b, c.t...)
		b = append(b, '"')
	}
	b = append(b, '>')
	if c.hasF {
		b = append(b, `<f>`...)
		b = appendEscaped(b, c.formula)
		b = append(b, `</f>`...)
	}
	if c.v != "" {
		b = append(b, `<v>`...)
		b = appendEscaped(b, c.v)
		b = append(b, `</v>`...)
	}
	if c.inline {
		b = append(b, `<is><t`...)
		if c.isSpace {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = append(b, c.is...)
		b = append(b, `</t></is>`...)
	}
	return append(b, `</c>`...), nil
}

// cellStart appends a cell's start without its closing '>': <c r="B7" s="3".
func (s *Rows) cellStart(b []byte, col, row, style int) []byte {
	return s.cellRef(append(b, `<c`...), col, row, style)
}

// cellRef appends a cell's r attribute, and its s attribute unless style
// is 0.
func (s *Rows) cellRef(b []byte, col, row, style int) []byte {
	b = append(b, ` r="`...)
	b = append(b, s.column(col)...)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	return b
}

// setValue is excelize's StreamWriter.setCellValFunc for every value type
// but times, durations and rich text, which are refused.
func (c *cellXML) setValue(v any) error {
	switch x := v.(type) {
	case nil:
		return nil
	case int, int8, int16, int32, int64:
		c.t, c.v = "", strconv.FormatInt(reflect.ValueOf(x).Int(), 10)
	case uint, uint8, uint16, uint32, uint64:
		c.t, c.v = "", strconv.FormatUint(reflect.ValueOf(x).Uint(), 10)
	case float64:
		c.setFloat(x, 64)
	case float32:
		c.setFloat(float64(x), 32)
	case string:
		c.setText(x)
	case []byte:
		c.setText(string(x))
	case bool:
		c.t, c.v = "b", "0"
		if x {
			c.v = "1"
		}
	case time.Time, time.Duration, []excelize.RichTextRun:
		// excelize gives these a style or rich text of its own.
		return fmt.Errorf("sheet rows: cannot write a %T value", v)
	default:
		c.setText(fmt.Sprint(v))
	}
	return nil
}

// setFloat is excelize's xlsxC.setCellFloat with automatic precision.
func (c *cellXML) setFloat(v float64, bitSize int) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		c.setInline(fmt.Sprint(v))
		return
	}
	c.t, c.v, c.inline = "", formatCellFloat(v, bitSize), false
}

// setText is excelize's xlsxC.setCellValue: a formula's text, or an
// inline string.
func (c *cellXML) setText(v string) {
	if c.hasF {
		c.t, c.inline = "str", false
		c.v, c.space = trimCellValue(v, false)
		return
	}
	c.setInline(v)
}

// setInline is excelize's xlsxC.setInlineStr.
func (c *cellXML) setInline(v string) {
	c.t, c.v, c.inline = "inlineStr", "", true
	c.is, c.isSpace = trimCellValue(v, true)
}

// column returns a column's name, "A" for 1.
func (s *Rows) column(col int) string {
	for len(s.cols) <= col {
		name, _ := excelize.ColumnNumberToName(max(len(s.cols), 1))
		s.cols = append(s.cols, name)
	}
	return s.cols[col]
}

// compress hands the rows in memory to the compressor.
func (s *Rows) compress() error {
	if s.z == nil {
		s.out.dir, s.out.memory, s.out.name = s.dir, rowsMemory, "offerbook-rows-*.deflate"
		s.z = newDeflateStream(&s.out, max(1, runtime.GOMAXPROCS(0)))
	}
	err := s.z.take(s.buf)
	s.buf = newChunk()
	if err == nil {
		err = s.out.err
	}
	if err != nil {
		return fmt.Errorf("sheet rows: %w", err)
	}
	return nil
}

// compressed finishes the compression and returns the rows compressed.
func (s *Rows) compressed() (compressed, error) {
	if len(s.buf) > 0 {
		if err := s.compress(); err != nil {
			return compressed{}, err
		}
	}
	if s.z == nil {
		return compressed{}, nil
	}
	if err := s.z.sync(); err != nil {
		return compressed{}, fmt.Errorf("sheet rows: %w", err)
	}
	src, err := s.out.reader()
	if err != nil {
		return compressed{}, fmt.Errorf("sheet rows: %w", err)
	}
	n := s.out.size()
	return compressed{size: s.z.size, crc: s.z.crc, tail: s.z.tail, src: src, n: n, copyTo: func(w io.Writer) error {
		if _, err := io.Copy(w, io.NewSectionReader(src, 0, n)); err != nil {
			return fmt.Errorf("sheet rows: %w", err)
		}
		return nil
	}}, nil
}

// writeTo writes the rows to w: compressed when w is a part of the
// package, otherwise as XML.
func (s *Rows) writeTo(w io.Writer) error {
	c, err := s.compressed()
	if err != nil {
		return err
	}
	if p, ok := w.(*partWriter); ok {
		return p.writeCompressed(c)
	}
	if c.size == 0 {
		return nil
	}
	var stream bytes.Buffer
	if err := c.copyTo(&stream); err != nil {
		return err
	}
	if _, err := io.Copy(w, flate.NewReader(&stream)); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("sheet rows: %w", err)
	}
	return nil
}

// Close waits for the compressor and removes the temporary file, if any.
func (s *Rows) Close() error {
	if s.z != nil {
		s.z.abandon()
	}
	releaseChunk(s.buf)
	s.buf = nil
	return s.out.remove()
}

// The helpers below are excelize v2.11.1's own (cell.go and lib.go,
// BSD-3-Clause), with fast paths for text that needs no escaping; the
// differential tests hold them to excelize's output.

// formatCellFloat formats a float with Excel's 15 significant digits.
func formatCellFloat(value float64, bitSize int) string {
	str := strconv.FormatFloat(value, 'f', -1, bitSize)
	if math.Abs(value) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}

// appendCellFloat appends formatCellFloat(value, bitSize) to b.
func appendCellFloat(b []byte, value float64, bitSize int) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, value, 'f', -1, bitSize)
	if math.Abs(value) == math.MaxFloat64 {
		return b
	}
	const maxPrec = 15
	str := b[start:]
	decimal := bytes.IndexByte(str, '.')
	significant := 0
	for idx, ch := range str {
		if ch < '0' || ch > '9' || significant == 0 && ch == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			b = b[:start+idx]
			if b[len(b)-1] == '.' {
				b = b[:len(b)-1]
			}
			return b
		}
		if decimal < 0 {
			decimal = len(str)
		}
		for ; idx < decimal; idx++ {
			str[idx] = '0'
		}
		return b[:start+decimal]
	}
	return b
}

// trimCellValue cuts a text to Excel's 32,767 characters, says whether it
// needs xml:space="preserve", escapes it for XML when escape is set (line
// feeds stay as they are) and escapes "_xHHHH_" sequences.
func trimCellValue(value string, escape bool) (string, bool) {
	if len(value) > excelize.TotalCellChars && countUTF16(value) > excelize.TotalCellChars {
		value = truncateUTF16(value, excelize.TotalCellChars)
	}
	space := false
	if value != "" {
		switch value[0] {
		case 9, 10, 13, 32:
			space = true
		}
		switch value[len(value)-1] {
		case 9, 10, 13, 32:
			space = true
		}
		if escape && needsEscape(value) {
			var buf strings.Builder
			_ = xml.EscapeText(&buf, []byte(value))
			value = strings.ReplaceAll(buf.String(), "&#xA;", "\n")
		}
	}
	if strings.Contains(value, "_x") {
		value = bstrMarshal(value)
	}
	return value, space
}

// needsEscape reports whether xml.EscapeText would change s: any byte
// outside printable ASCII, or one of " ' & < >.
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f:
			return true
		case c == '"' || c == '\'' || c == '&' || c == '<' || c == '>':
			return true
		}
	}
	return false
}

// appendEscaped appends s as xml.EscapeText writes it.
func appendEscaped(b []byte, s string) []byte {
	if !needsEscape(s) {
		return append(b, s...)
	}
	w := appendWriter{b}
	_ = xml.EscapeText(&w, []byte(s))
	return w.b
}

// appendWriter is an io.Writer appending to a byte slice.
type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

func countUTF16(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func truncateUTF16(s string, length int) string {
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > length {
			return s[:i]
		}
	}
	return s
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal escapes "_xHHHH_" sequences, which a reader would otherwise
// decode as the character HHHH.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}
