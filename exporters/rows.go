package exporters

import (
	"fmt"
	"slices"

	"github.com/offerbook/offerbook/exporters/ooxml"
	"github.com/xuri/excelize/v2"
)

// Every sheet of the workbook is written the same way: a rowWriter takes
// its rows one after another, top down, and keeps the first error, which
// the sheet checks once at the end. Where the rows go is the writer's
// sink: a sheet's stream writer; the engine's row encoder (ooxml.Rows) for
// the sheets of a row or more per offer; the cells of a sheet in normal
// mode (About, and the header row a pivot table is built over); or no sink
// at all, when the rows are kept until the sheet's layout is known and then
// replayed into its stream writer (a chart or note on a streamed sheet must
// be added before its first row).

// rowSink takes a sheet's rows: excelize's StreamWriter, the engine's own
// encoder (ooxml.Rows), or a sheet's cells (cellSink).
type rowSink interface {
	SetRow(cell string, values []any, opts ...excelize.RowOpts) error
}

// mergeSink merges ranges of cells: a StreamWriter, or a sheet's cells.
type mergeSink interface {
	MergeCell(from, to string) error
}

// rowWriter writes a sheet's rows one after another, keeping the first
// error. With a sink it writes each row at once; without one it keeps the
// rows (and merges) until replay.
type rowWriter struct {
	sink   rowSink   // nil keeps the rows for replay
	merges mergeSink // where merges go when the rows are not kept
	row    int       // the last row written or skipped
	err    error

	rows   []bufferedRow
	merged [][2]string
	// marks and keeps are where a printed page may break and the rows
	// that must print on one page (print.go).
	marks []pageMark
	keeps [][2]int
}

// streamRows returns a writer of rows to a sheet's stream writer.
func streamRows(sw *excelize.StreamWriter) *rowWriter {
	return &rowWriter{sink: sw, merges: sw}
}

// keptRows returns a writer that keeps the rows until replay.
func keptRows() *rowWriter { return &rowWriter{} }

// cellRows returns a writer of rows into the cells of a sheet in normal
// mode.
func cellRows(f *excelize.File, sheet string) *rowWriter {
	c := &cellSink{f: f, sheet: sheet}
	return &rowWriter{sink: c, merges: c}
}

// bufferedRow is one row kept for replay.
type bufferedRow struct {
	row    int
	cells  []any
	height float64
}

// put writes or keeps one row.
func (w *rowWriter) put(cells []any, height float64) {
	if w.sink == nil {
		w.rows = append(w.rows, bufferedRow{row: w.row, cells: cells, height: height})
		return
	}
	if w.err == nil {
		w.err = setRow(w.sink, w.row, cells, height)
	}
}

// setRow writes cells on row, with a height when it is not 0.
func setRow(sink rowSink, row int, cells []any, height float64) error {
	if r, ok := sink.(*ooxml.Rows); ok {
		if height > 0 {
			return r.SetRowFromA(row, cells, excelize.RowOpts{Height: height})
		}
		return r.SetRowFromA(row, cells)
	}
	if height > 0 {
		return sink.SetRow(cellRef(1, row), cells, excelize.RowOpts{Height: height})
	}
	return sink.SetRow(cellRef(1, row), cells)
}

// add writes cells on the next row and returns that row's number.
func (w *rowWriter) add(cells ...any) int {
	w.row++
	w.put(cells, 0)
	return w.row
}

// header writes a table header row tall enough for two lines of wrapped
// header text, and returns its row number.
func (w *rowWriter) header(cells ...any) int {
	w.row++
	w.put(cells, 30)
	return w.row
}

// tall writes cells on the next row with the given height (0 for the
// default) and returns that row's number.
func (w *rowWriter) tall(height float64, cells ...any) int {
	w.row++
	w.put(cells, height)
	return w.row
}

// fail keeps err as the writer's error, unless it has one already.
func (w *rowWriter) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// skip leaves the next row empty.
func (w *rowWriter) skip() { w.row++ }

// fill puts cells on a row already skipped, for a row whose cells are
// known only further down (the rows must be kept).
func (w *rowWriter) fill(row int, cells ...any) {
	i, _ := slices.BinarySearchFunc(w.rows, row, func(r bufferedRow, row int) int { return r.row - row })
	w.rows = slices.Insert(w.rows, i, bufferedRow{row: row, cells: cells})
}

// merge merges a range of cells.
func (w *rowWriter) merge(from, to string) {
	if w.sink == nil {
		w.merged = append(w.merged, [2]string{from, to})
		return
	}
	if w.err == nil {
		w.err = w.merges.MergeCell(from, to)
	}
}

// replay writes the kept rows and merges to sw.
func (w *rowWriter) replay(sw *excelize.StreamWriter) error {
	if w.err != nil {
		return w.err
	}
	for _, r := range w.rows {
		if err := setRow(sw, r.row, r.cells, r.height); err != nil {
			return err
		}
	}
	for _, m := range w.merged {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	return nil
}

// cellSink writes rows into the cells of a sheet in normal mode: each
// value with SetCellValue (an excelize.Cell's value, then its style), the
// height with SetRowHeight.
type cellSink struct {
	f     *excelize.File
	sheet string
}

func (c *cellSink) SetRow(cell string, values []any, opts ...excelize.RowOpts) error {
	col, row, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		return err
	}
	for i, v := range values {
		if v == nil {
			continue
		}
		ref := cellRef(col+i, row)
		x, ok := v.(excelize.Cell)
		if !ok {
			x = excelize.Cell{Value: v}
		}
		if x.Formula != "" {
			return fmt.Errorf("cell %s: a formula in a sheet written in normal mode", ref)
		}
		if err := c.f.SetCellValue(c.sheet, ref, x.Value); err != nil {
			return err
		}
		if x.StyleID != 0 {
			if err := c.f.SetCellStyle(c.sheet, ref, ref, x.StyleID); err != nil {
				return err
			}
		}
	}
	for _, o := range opts {
		if o.Height > 0 {
			if err := c.f.SetRowHeight(c.sheet, row, o.Height); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *cellSink) MergeCell(from, to string) error { return c.f.MergeCell(c.sheet, from, to) }
