package exporters

import (
	"fmt"
	"math"
	"strings"

	"github.com/offerbook/offerbook/exporters/ooxml"
	"github.com/xuri/excelize/v2"
)

// The workbook on paper. Every sheet prints with its name and the date the
// workbook was generated at the top and "Page X of Y" at the bottom. An
// offer sheet prints one landscape page wide at a scale computed from its
// printed columns, and its page breaks are computed from the rows actually
// written: a block (the verdict and inputs; the year table and after tax;
// the market, levers and counter-offer; the email) starts a new page when
// it does not fit in what is left of the current one and less than a
// quarter of the page is left; otherwise it flows on and the page breaks
// before the last section title that fits (see "The workbook on paper" in
// docs/METHOD.md).

// Letter paper, in points, and the margins every sheet prints with (in
// inches, as the sheet's page margins store them).
const (
	paperLong, paperShort = 11 * 72.0, 8.5 * 72.0
	marginSide            = 0.3
	marginTopBottom       = 0.6
	marginHeaderFooter    = 0.25
	defaultRowHeight      = 15.0
	letterPaper           = 1
)

// headerFooter prints the sheet's name and the generated date at the top of
// every page and "Page X of Y" at the bottom.
func headerFooter(f *excelize.File, sheet, generated string) error {
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&8&A&R&8Generated " + strings.ReplaceAll(generated, "&", "&&"),
		OddFooter: "&C&8Page &P of &N",
	})
}

// pageMargins sets the margins every printed sheet shares.
func pageMargins(f *excelize.File, sheet string) error {
	side, tb, hf := marginSide, marginTopBottom, marginHeaderFooter
	return f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &tb, Bottom: &tb,
		Header: &hf, Footer: &hf})
}

// printArea sets the cells a sheet prints, e.g. "$A:$Q" or "$A$1:$M$150";
// the rest of the sheet stays on screen.
func printArea(f *excelize.File, sheet, ref string) error {
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: q + ref, Scope: sheet})
}

// printAreaNames returns the print areas of many sheets (sheet, ref as
// printArea takes them) as defined names for the engine to append to the
// workbook part: excelize's SetDefinedName checks a new name against every
// name already there, listing every sheet for each one, which for 500
// offer sheets is 2.4 GB of lists. The first is set through excelize, so
// the workbook has its list of defined names.
func printAreaNames(f *excelize.File, areas [][2]string) ([]ooxml.DefinedName, error) {
	if len(areas) == 0 {
		return nil, nil
	}
	if err := printArea(f, areas[0][0], areas[0][1]); err != nil {
		return nil, err
	}
	names := make([]ooxml.DefinedName, 0, len(areas)-1)
	for _, a := range areas[1:] {
		idx, err := f.GetSheetIndex(a[0])
		if err != nil || idx < 0 {
			return nil, fmt.Errorf("print area of %q: no such sheet", a[0])
		}
		names = append(names, ooxml.DefinedName{Name: "_xlnm.Print_Area",
			RefersTo: "'" + strings.ReplaceAll(a[0], "'", "''") + "'!" + a[1], Sheet: idx})
	}
	return names, nil
}

// printColumns makes a wide table print the columns a person reads, first
// to lastCol, landscape and fitted one page wide (the sheet needs
// fitToPage), its header row repeated on every page.
func printColumns(f *excelize.File, sheet string, lastCol int, titleRows string) error {
	col, err := excelize.ColumnNumberToName(lastCol)
	if err != nil {
		return err
	}
	if err := printNarrow(f, sheet, "landscape"); err != nil {
		return err
	}
	if err := printArea(f, sheet, "$A:$"+col); err != nil {
		return err
	}
	return setPrintTitles(f, sheet, "", titleRows)
}

// columnPoints is the printed width, in points, of a column width chars
// wide (Excel's rule is 7 pixels a character plus 5 of padding, at 96 dpi;
// where Calibri is missing LibreOffice falls back to a wider face, measured
// at 9.5 pixels a character, and that is what is counted, so the columns
// fit the page in both).
func columnPoints(chars float64) float64 { return (math.Floor(chars*9.5) + 5) * 0.75 }

// pageScale is the whole-percent scale at which columns of the given widths
// print one landscape Letter page wide, at most 100.
func pageScale(widths []float64) int {
	total := 0.0
	for _, w := range widths {
		total += columnPoints(w)
	}
	printable := paperLong - 2*marginSide*72
	return min(100, int(math.Floor(100*printable/total))-1)
}

// pageHeight is the height, in sheet points, that one landscape Letter page
// holds at scale percent, with a little kept back for the renderer's
// rounding.
func pageHeight(scale int) float64 {
	printable := paperShort - 2*marginTopBottom*72
	return printable / (float64(scale) / 100) * 0.96
}

// landscapeAt prints a sheet landscape on Letter at a fixed scale.
func landscapeAt(f *excelize.File, sheet string, scale int) error {
	orientation, size, adjust := "landscape", letterPaper, uint(scale)
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orientation, Size: &size, AdjustTo: &adjust})
}

// pageMark is where a page may break: before row, at a block's start
// (block) or a section title's.
type pageMark struct {
	row   int
	block bool
}

// blockStart marks the next row as the first of a block: a page starts
// there when the block does not fit in what is left and little is left.
func (w *rowWriter) blockStart() {
	w.marks = append(w.marks, pageMark{row: w.row + 1, block: true})
}

// sectionStart marks the next row as a section title a tall block may break
// before.
func (w *rowWriter) sectionStart() {
	w.marks = append(w.marks, pageMark{row: w.row + 1})
}

// keepTogether keeps rows from to to on one page (a chart's rows).
func (w *rowWriter) keepTogether(from, to int) {
	w.keeps = append(w.keeps, [2]int{from, to})
}

// rowHeights returns the height of every row 1..w.row as written (kept
// rows only: a sheet must be buffered).
func (w *rowWriter) rowHeights() []float64 {
	h := make([]float64, w.row+1)
	for i := range h {
		h[i] = defaultRowHeight
	}
	for _, r := range w.rows {
		if r.height > 0 {
			h[r.row] = r.height
		}
	}
	return h
}

// pageBreaks returns the rows that start a new printed page, for a sheet
// whose pages hold capacity points of rows. A block starts a page when it
// does not fit in what is left of the current one and less than a quarter
// of the page is left; otherwise a full page breaks before its last section
// title (or block start) that fits, else before the row that does not fit;
// no break falls inside a keepTogether range.
func (w *rowWriter) pageBreaks(capacity float64) []int {
	heights := w.rowHeights()
	last := w.row
	isBlock := map[int]bool{}
	isMark := map[int]bool{}
	for _, m := range w.marks {
		if m.row > 1 && m.row <= last {
			isMark[m.row] = true
			if m.block {
				isBlock[m.row] = true
			}
		}
	}
	// blockHeight is the height of the block starting at row from.
	blockHeight := func(from int) float64 {
		sum := 0.0
		for r := from; r <= last; r++ {
			if r > from && isBlock[r] {
				break
			}
			sum += heights[r]
		}
		return sum
	}
	inKeep := func(r int) int { // the start of a keep range r falls inside, or 0
		for _, k := range w.keeps {
			if r > k[0] && r <= k[1] {
				return k[0]
			}
		}
		return 0
	}
	var breaks []int
	start, used := 1, 0.0
	for r := 1; r <= last; r++ {
		// A block that does not fit in what is left starts a page when
		// little is left (a quarter of a page); else it flows on and
		// breaks before a section title.
		if r > start && isBlock[r] && used+blockHeight(r) > capacity && capacity-used < capacity/4 {
			breaks = append(breaks, r)
			start, used = r, 0
		}
		if used+heights[r] > capacity && r > start {
			b := r
			for m := r; m > start; m-- {
				if isMark[m] && inKeep(m) == 0 {
					b = m
					break
				}
			}
			if b == r {
				if k := inKeep(r); k > start {
					b = k
				}
			}
			breaks = append(breaks, b)
			start, used = b, 0
			for x := b; x < r; x++ {
				used += heights[x]
			}
		}
		used += heights[r]
	}
	return breaks
}

// printOfferSheet sets up an offer sheet's printing: landscape, one page
// wide over columns A to offerPrintCols at the scale they need, the rows
// written as the print area, and page breaks from pageBreaks. On a streamed
// sheet call it after NewStreamWriter and before the first SetRow.
func (wb *workbook) printOfferSheet(sheet string, w *rowWriter) error {
	widths := make([]float64, offerPrintCols)
	for c := range widths {
		widths[c] = float64(offerSheetWidth(c + 1))
	}
	// The largest scale that fits the width and prints the sheet on
	// offerMaxPages pages, down to offerMinScale.
	scale := pageScale(widths)
	breaks := w.pageBreaks(pageHeight(scale))
	for s := scale - 1; len(breaks) >= offerMaxPages && s >= offerMinScale; s-- {
		scale, breaks = s, w.pageBreaks(pageHeight(s))
	}
	if err := landscapeAt(wb.f, sheet, scale); err != nil {
		return err
	}
	// Every row at least the 15 points the page breaks count (LibreOffice
	// would draw unsized rows shorter than Excel).
	height, custom := defaultRowHeight, true
	if err := wb.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{DefaultRowHeight: &height, CustomHeight: &custom}); err != nil {
		return err
	}
	wb.printAreas = append(wb.printAreas, [2]string{sheet, fmt.Sprintf("$A$1:$%s$%d", columnName(offerPrintCols), max(w.row, 1))})
	for _, r := range breaks {
		if err := wb.f.InsertPageBreak(sheet, cellRef(1, r)); err != nil {
			return err
		}
	}
	return nil
}

// offerMaxPages is the most pages an offer sheet prints on, and
// offerMinScale the smallest scale it shrinks to for that.
const (
	offerMaxPages = 3
	offerMinScale = 40
)

// offerPrintCols is how many columns of an offer sheet print (A to M): the
// verdict's words, the tables and the lever notes. The market table's band
// row and what lies further right stay on screen.
const offerPrintCols = 13

// columnName is the letter name of a 1-based column.
func columnName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err) // col comes from this package and is in range
	}
	return name
}
