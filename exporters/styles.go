package exporters

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// Number formats used across the workbook.
const (
	fmtMoney = "$#,##0"
	// fmtThousands shows money in thousands ("$250K"), for chart axes
	// too narrow for whole dollars.
	fmtThousands  = `$#,##0,"K"`
	fmtMoneyCents = "$#,##0.00"
	fmtPercent    = "0.0%"
	fmtDate       = "yyyy-mm-dd"
	fmtCount      = "#,##0.####"
	fmtPctl       = "0.0"
	fmtRatio      = "0.00"
)

// fontFamily is the workbook's font, named on every style so that readers
// without the default theme font do not fall back to a serif face.
const fontFamily = "Calibri"

// styles holds the workbook's style ids, created once per workbook.
type styles struct {
	title, section, header, headerRight, label, note, wrap, link int
	money, moneyBold, moneyCents, percent, date, count, integer  int
	leftPercent, leftMoneyCents                                  int
	pctl, ratio, textRight, bold, moneyTotal, textIndent, rank   int
	// wrapIndent wraps text, indented from a number on its left (the
	// verdict's words, long table notes); like the numbers beside it, it
	// sits at the bottom of a tall row.
	wrapIndent int
	// headerIndent is a header over indented text (the Winner column), so
	// it does not run into a right-aligned header on its left.
	headerIndent int
	// noteWrap is a note that wraps within merged cells (wrappedNote).
	noteWrap int
	// bad is the conditional (dxf) style of a red flag cell.
	bad int
}

func newStyles(f *excelize.File) (*styles, error) {
	fmtp := func(s string) *string { return &s }
	headerFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
	bottom := []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}}
	top := []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	st := &styles{}
	font := func(fn excelize.Font) *excelize.Font {
		fn.Family = fontFamily
		if fn.Size == 0 {
			fn.Size = 11
		}
		return &fn
	}
	plain := font(excelize.Font{})
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&st.title, excelize.Style{Font: font(excelize.Font{Bold: true, Size: 14})}},
		{&st.section, excelize.Style{Font: font(excelize.Font{Bold: true, Size: 12, Color: "1F4E78"})}},
		{&st.header, excelize.Style{Font: font(excelize.Font{Bold: true}), Fill: headerFill, Border: bottom,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.headerRight, excelize.Style{Font: font(excelize.Font{Bold: true}), Fill: headerFill, Border: bottom,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center", WrapText: true}}},
		{&st.headerIndent, excelize.Style{Font: font(excelize.Font{Bold: true}), Fill: headerFill, Border: bottom,
			Alignment: &excelize.Alignment{Horizontal: "left", Indent: 1, Vertical: "center", WrapText: true}}},
		{&st.label, excelize.Style{Font: font(excelize.Font{Bold: true}), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.note, excelize.Style{Font: font(excelize.Font{Italic: true, Color: "595959"})}},
		{&st.wrapIndent, excelize.Style{Font: plain, Alignment: &excelize.Alignment{Horizontal: "left", Indent: 1, WrapText: true}}},
		{&st.noteWrap, excelize.Style{Font: font(excelize.Font{Italic: true, Color: "595959"}),
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.wrap, excelize.Style{Font: plain, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.link, excelize.Style{Font: font(excelize.Font{Color: "0563C1", Underline: "single"})}},
		{&st.money, excelize.Style{Font: plain, CustomNumFmt: fmtp(fmtMoney)}},
		{&st.moneyBold, excelize.Style{CustomNumFmt: fmtp(fmtMoney), Font: font(excelize.Font{Bold: true}), Border: top}},
		{&st.moneyCents, excelize.Style{Font: plain, CustomNumFmt: fmtp(fmtMoneyCents)}},
		{&st.percent, excelize.Style{Font: plain, CustomNumFmt: fmtp(fmtPercent)}},
		{&st.date, excelize.Style{Font: plain, CustomNumFmt: fmtp(fmtDate)}},
		{&st.count, excelize.Style{Font: plain, CustomNumFmt: fmtp(fmtCount)}},
		{&st.leftPercent, excelize.Style{Font: plain, CustomNumFmt: fmtp(fmtPercent), Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&st.leftMoneyCents, excelize.Style{Font: plain, CustomNumFmt: fmtp(fmtMoneyCents), Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&st.integer, excelize.Style{Font: plain, NumFmt: 1, Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&st.pctl, excelize.Style{Font: plain, CustomNumFmt: fmtp(fmtPctl)}},
		{&st.ratio, excelize.Style{Font: plain, CustomNumFmt: fmtp(fmtRatio)}},
		{&st.textRight, excelize.Style{Font: plain, Alignment: &excelize.Alignment{Horizontal: "right"}}},
		{&st.bold, excelize.Style{Font: font(excelize.Font{Bold: true})}},
		{&st.textIndent, excelize.Style{Font: plain, Alignment: &excelize.Alignment{Horizontal: "left", Indent: 1}}},
		{&st.rank, excelize.Style{Font: plain, NumFmt: 1, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&st.moneyTotal, excelize.Style{Font: font(excelize.Font{Bold: true}), CustomNumFmt: fmtp(fmtMoney)}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	bad, err := f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	if err != nil {
		return nil, err
	}
	st.bad = bad
	return st, nil
}

// fitToPage turns on a sheet's fit-to-page print option, which narrow
// sheets (printNarrow) need. On a streamed sheet call it before
// NewStreamWriter: the stream writer keeps the sheet properties it finds,
// and drops ones set later.
func fitToPage(f *excelize.File, sheet string) error {
	fit := true
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// printNarrow makes a sheet print one page wide and as many pages tall as
// it needs (with fitToPage), in the given orientation: for sheets a reader
// reads top down (About, Dashboard, an offer sheet). On a streamed sheet
// call it after NewStreamWriter and before the first SetRow, or excelize
// drops it.
func printNarrow(f *excelize.File, sheet, orientation string) error {
	return printPagesWide(f, sheet, orientation, 1)
}

// printPagesWide makes a sheet print pagesWide pages wide and as many pages
// tall as it needs (with fitToPage), in the given orientation.
func printPagesWide(f *excelize.File, sheet, orientation string, pagesWide int) error {
	wide, tall := pagesWide, 0
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall})
}

// printSetup is printNarrow in landscape: one page wide, as many tall as
// needed. Sheets that are not listed as wide in workbook.write get
// fitToPage, which this needs.
func printSetup(f *excelize.File, sheet string) error {
	return printNarrow(f, sheet, "landscape")
}

// printWide makes a wide table print landscape at full size across as many
// pages as it needs, left to right and then down, repeating the title
// columns (e.g. "$A:$B", the ids) and title rows (e.g. "$1:$1", the
// header) on every page; either may be empty. It is for sheets too wide to
// shrink onto one page and stay readable (Summary, Levers, Candidates,
// Bands, Errors); such a sheet must not have fitToPage set. On a streamed
// sheet call it after NewStreamWriter and before the first SetRow.
func printWide(f *excelize.File, sheet, cols, rows string) error {
	landscape, full, order := "landscape", uint(100), "overThenDown"
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, AdjustTo: &full, PageOrder: &order}); err != nil {
		return err
	}
	return setPrintTitles(f, sheet, cols, rows)
}

// setPrintTitles sets a sheet's print titles: the columns and rows repeated
// on every printed page, as Excel writes them ("'S'!$A:$B,'S'!$1:$1").
func setPrintTitles(f *excelize.File, sheet, cols, rows string) error {
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	var parts []string
	for _, r := range []string{cols, rows} {
		if r != "" {
			parts = append(parts, q+r)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: strings.Join(parts, ","), Scope: sheet})
}
