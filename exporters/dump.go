package exporters

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// DumpWorkbook renders the workbook read from r as stable text for golden
// tests: the document properties, then per sheet whether it is hidden, its
// print titles, frozen pane, autofilter and column widths, and per
// non-empty cell one line
//
//	Sheet!A1 <type> <value> fmt=<number format> f=<formula> note=<comment>
//
// where type is n (number), s (text), str (formula text), b (boolean) or e
// (error), value is the stored (cached) value, and the fmt, f and note parts
// appear only when the cell has them. Values are quoted Go strings.
func DumpWorkbook(r io.Reader) (string, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }()
	var b strings.Builder
	if p, err := f.GetDocProps(); err == nil {
		fmt.Fprintf(&b, "docprops created=%s title=%q creator=%q\n", p.Created, p.Title, p.Creator)
	}
	if c, err := f.GetCalcProps(); err == nil && c.FullCalcOnLoad != nil {
		fmt.Fprintf(&b, "calcprops fullCalcOnLoad=%t\n", *c.FullCalcOnLoad)
	}
	filters, titles, areas := map[string]string{}, map[string]string{}, map[string]string{}
	sheets := f.GetSheetList()
	for _, d := range f.GetDefinedName() {
		switch d.Name {
		case "_xlnm._FilterDatabase":
			filters[d.Scope] = d.RefersTo
		case "_xlnm.Print_Titles":
			titles[d.Scope] = d.RefersTo
		case "_xlnm.Print_Area":
			areas[d.Scope] = d.RefersTo
		}
	}
	for _, sheet := range sheets {
		if visible, err := f.GetSheetVisible(sheet); err == nil && !visible {
			fmt.Fprintf(&b, "\nhidden %q", sheet)
		}
		if titles[sheet] != "" {
			fmt.Fprintf(&b, "\nprint titles %q %s", sheet, titles[sheet])
		}
		if areas[sheet] != "" {
			fmt.Fprintf(&b, "\nprint area %q %s", sheet, areas[sheet])
		}
		if pl, err := f.GetPageLayout(sheet); err == nil && pl.AdjustTo != nil && *pl.AdjustTo != 100 {
			fmt.Fprintf(&b, "\nprint scale %q %d%%", sheet, *pl.AdjustTo)
		}
		if err := dumpSheet(&b, f, sheet, filters[sheet]); err != nil {
			return "", fmt.Errorf("sheet %q: %w", sheet, err)
		}
	}
	return b.String(), nil
}

// DumpWorkbookFile is DumpWorkbook for a workbook file.
func DumpWorkbookFile(path string) (string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer func() { _ = fh.Close() }()
	return DumpWorkbook(fh)
}

func dumpSheet(b *strings.Builder, f *excelize.File, sheet, filter string) error {
	fmt.Fprintf(b, "\nsheet %q\n", sheet)
	if p, err := f.GetPanes(sheet); err == nil && p.Freeze {
		fmt.Fprintf(b, "  panes freeze x=%d y=%d topLeft=%s\n", p.XSplit, p.YSplit, p.TopLeftCell)
	}
	if filter != "" {
		fmt.Fprintf(b, "  autofilter %s\n", filter)
	}
	if formats, err := f.GetConditionalFormats(sheet); err == nil {
		refs := make([]string, 0, len(formats))
		for ref := range formats {
			refs = append(refs, ref)
		}
		sort.Strings(refs)
		for _, ref := range refs {
			for _, c := range formats[ref] {
				fmt.Fprintf(b, "  condfmt %s type=%s criteria=%q", ref, c.Type, c.Criteria)
				if c.MinColor != "" {
					fmt.Fprintf(b, " min=%s:%s:%s mid=%s:%s:%s max=%s:%s:%s", c.MinType, c.MinValue, c.MinColor,
						c.MidType, c.MidValue, c.MidColor, c.MaxType, c.MaxValue, c.MaxColor)
				}
				if c.Format != nil {
					if s, err := f.GetConditionalStyle(*c.Format); err == nil && len(s.Fill.Color) > 0 {
						fmt.Fprintf(b, " fill=%s", s.Fill.Color[0])
					}
				}
				b.WriteByte('\n')
			}
		}
	}
	notes := map[string]string{}
	if comments, err := f.GetComments(sheet); err == nil {
		for _, c := range comments {
			text := c.Text
			if text == "" {
				for _, p := range c.Paragraph {
					text += p.Text
				}
			}
			notes[c.Cell] = text
		}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	maxCol := 0
	for r := 1; rows.Next(); r++ {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return err
		}
		maxCol = max(maxCol, len(cols))
		for c := range cols {
			ref := cellRef(c+1, r)
			formula, err := f.GetCellFormula(sheet, ref)
			if err != nil {
				return err
			}
			if cols[c] == "" && formula == "" {
				continue
			}
			if err := dumpCell(b, f, sheet, ref, cols[c], formula, notes[ref]); err != nil {
				return err
			}
		}
	}
	if err := rows.Error(); err != nil {
		return err
	}
	var widths []string
	for c := 1; c <= maxCol; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		w, err := f.GetColWidth(sheet, name)
		if err != nil {
			return err
		}
		widths = append(widths, fmt.Sprintf("%s=%g", name, w))
	}
	if len(widths) > 0 {
		fmt.Fprintf(b, "  widths %s\n", strings.Join(widths, " "))
	}
	// Notes on cells without a value.
	var rest []string
	for ref := range notes {
		rest = append(rest, ref)
	}
	sort.Strings(rest)
	for _, ref := range rest {
		if v, _ := f.GetCellValue(sheet, ref); v == "" {
			fmt.Fprintf(b, "%s!%s note=%q\n", sheet, ref, notes[ref])
		}
	}
	return nil
}

func dumpCell(b *strings.Builder, f *excelize.File, sheet, ref, value, formula, note string) error {
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		return err
	}
	fmt.Fprintf(b, "%s!%s %s %q", sheet, ref, cellTypeName(typ), value)
	if style, err := f.GetCellStyle(sheet, ref); err == nil && style != 0 {
		if s, err := f.GetStyle(style); err == nil {
			switch {
			case s.CustomNumFmt != nil && *s.CustomNumFmt != "":
				fmt.Fprintf(b, " fmt=%s", *s.CustomNumFmt)
			case s.NumFmt != 0:
				fmt.Fprintf(b, " fmt=#%d", s.NumFmt)
			}
		}
	}
	if formula != "" {
		fmt.Fprintf(b, " f=%s", formula)
	}
	if note != "" {
		fmt.Fprintf(b, " note=%q", note)
	}
	b.WriteByte('\n')
	return nil
}

func cellTypeName(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return "s"
	case excelize.CellTypeFormula:
		return "str"
	case excelize.CellTypeBool:
		return "b"
	case excelize.CellTypeError:
		return "e"
	case excelize.CellTypeDate:
		return "d"
	default:
		return "n"
	}
}
