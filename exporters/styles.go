package exporters

import "github.com/xuri/excelize/v2"

// Number formats used across the workbook.
const (
	fmtMoney      = "$#,##0"
	fmtMoneyCents = "$#,##0.00"
	fmtPercent    = "0.0%"
	fmtDate       = "yyyy-mm-dd"
	fmtCount      = "#,##0.####"
)

// styles holds the workbook's style ids, created once per workbook.
type styles struct {
	title, section, header, headerRight, label, note, wrap, link int
	money, moneyBold, moneyCents, percent, date, count, integer  int
}

func newStyles(f *excelize.File) (*styles, error) {
	fmtp := func(s string) *string { return &s }
	headerFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
	bottom := []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}}
	top := []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	st := &styles{}
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.section, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F4E78"}}},
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: headerFill, Border: bottom,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.headerRight, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: headerFill, Border: bottom,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center", WrapText: true}}},
		{&st.label, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&st.note, excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}}},
		{&st.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.link, excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}}},
		{&st.money, excelize.Style{CustomNumFmt: fmtp(fmtMoney)}},
		{&st.moneyBold, excelize.Style{CustomNumFmt: fmtp(fmtMoney), Font: &excelize.Font{Bold: true}, Border: top}},
		{&st.moneyCents, excelize.Style{CustomNumFmt: fmtp(fmtMoneyCents)}},
		{&st.percent, excelize.Style{CustomNumFmt: fmtp(fmtPercent)}},
		{&st.date, excelize.Style{CustomNumFmt: fmtp(fmtDate)}},
		{&st.count, excelize.Style{CustomNumFmt: fmtp(fmtCount)}},
		{&st.integer, excelize.Style{NumFmt: 1}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	return st, nil
}
