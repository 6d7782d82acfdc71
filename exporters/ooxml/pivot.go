package ooxml

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A pivot table over a streamed sheet. excelize's AddPivotTable makes the
// plumbing (relationships, content types, the workbook's pivot cache list)
// and skeleton parts; it cannot read a streamed sheet back, so FinishPivot
// replaces the cache definition and pivot table parts by ones written from
// the data itself: the cache holds no records and is marked refreshOnLoad,
// so Excel and LibreOffice rebuild it from the data range when they open
// the file, at any number of rows; and everything it does state (the row
// fields' items, the total's range, the table's rows and size) is what the
// data gives, so the parts agree with each other and with the sheet before
// any refresh. The table has two row fields (the first with subtotals) and
// two data fields over one column: a count and an average.

// PivotParts is where excelize put one pivot table's parts.
type PivotParts struct {
	Cache, Table string // part names
}

// Pivot is what a pivot table's parts are written from.
type Pivot struct {
	Name      string   // the pivot table's name
	Sheet     string   // the data sheet
	Header    []string // the data range's header row
	Records   int      // data rows under the header
	Rows      [2]int   // header indexes of the two row fields
	Data      int      // header index of the column both data fields summarise
	DataNames [2]string
	// Keys yields the two row fields' values, each pair that occurs at
	// least once, in a fixed order (where values differ only in case, the
	// spelling seen first is the one shown).
	Keys iter.Seq[[2]string]
	// Min and Max are the data column's smallest and largest values, and
	// Integers whether all of them are whole numbers.
	Min, Max float64
	Integers bool
	// FirstRow and FirstCol place the table's top-left cell on its sheet.
	FirstRow, FirstCol int
}

// AddPivotTable adds a pivot table through excelize (see its
// AddPivotTable) and returns the parts it wrote, for FinishPivot.
func AddPivotTable(f *excelize.File, opts *excelize.PivotTableOptions) (PivotParts, error) {
	before := partNames(f, "xl/pivot")
	if err := f.AddPivotTable(opts); err != nil {
		return PivotParts{}, err
	}
	var parts PivotParts
	for _, name := range partNames(f, "xl/pivot") {
		switch {
		case slices.Contains(before, name):
		case strings.HasPrefix(name, "xl/pivotCache/pivotCacheDefinition"):
			parts.Cache = name
		case strings.HasPrefix(name, "xl/pivotTables/pivotTable"):
			parts.Table = name
		}
	}
	if parts.Cache == "" || parts.Table == "" {
		return PivotParts{}, fmt.Errorf("pivot table %s: excelize wrote no cache or table part", opts.Name)
	}
	return parts, nil
}

// partNames lists the workbook's parts whose names start with prefix.
func partNames(f *excelize.File, prefix string) []string {
	var out []string
	f.Pkg.Range(func(k, _ any) bool {
		if name := k.(string); strings.HasPrefix(name, prefix) {
			out = append(out, name)
		}
		return true
	})
	return out
}

// FinishPivot replaces the skeleton parts AddPivotTable wrote with the
// complete parts of p, keeping the cache id excelize gave the table.
func FinishPivot(f *excelize.File, parts PivotParts, p *Pivot) error {
	if p.Rows[0] < 0 || p.Rows[1] < 0 || p.Data < 0 ||
		p.Rows[0] >= len(p.Header) || p.Rows[1] >= len(p.Header) || p.Data >= len(p.Header) {
		return fmt.Errorf("pivot table %s: a row or data field is not in the header", p.Name)
	}
	old, ok := f.Pkg.Load(parts.Table)
	if !ok {
		return fmt.Errorf("pivot table %s: no part %s", p.Name, parts.Table)
	}
	m := cacheIDRE.FindSubmatch(old.([]byte))
	if m == nil {
		return fmt.Errorf("pivot table %s: no cache id in %s", p.Name, parts.Table)
	}
	cacheID, _ := strconv.Atoi(string(m[1]))
	l := newPivotLayout(p.Keys)
	f.Pkg.Store(parts.Cache, p.cacheXML(l))
	f.Pkg.Store(parts.Table, p.tableXML(l, cacheID))
	return nil
}

// pivotAxis is one row field's items as a pivot table shows them: values
// that differ only in case are one item (spelled as first seen), sorted
// ascending without regard to case, the blank item last.
type pivotAxis struct {
	items []string // "" is the blank item
	index map[string]int
	// exact maps values as spelled to their item, so the common case needs
	// no case folding.
	exact map[string]int
}

func newPivotAxis(values iter.Seq[string]) *pivotAxis {
	a := &pivotAxis{index: map[string]int{}, exact: map[string]int{}}
	seen, spelled := map[string]bool{}, map[string]bool{}
	for v := range values {
		if spelled[v] {
			continue
		}
		spelled[v] = true
		if k := strings.ToLower(v); !seen[k] {
			seen[k] = true
			a.items = append(a.items, v)
		}
	}
	slices.SortFunc(a.items, func(x, y string) int {
		if (x == "") != (y == "") {
			if x == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(strings.ToLower(x), strings.ToLower(y))
	})
	for i, v := range a.items {
		a.index[strings.ToLower(v)] = i
	}
	for v := range spelled {
		a.exact[v] = a.index[strings.ToLower(v)]
	}
	return a
}

func (a *pivotAxis) of(v string) int {
	if i, ok := a.exact[v]; ok {
		return i
	}
	return a.index[strings.ToLower(v)]
}

// pivotLayout is a pivot table's rows: for each item of the first row
// field, its pairs with the second field's items, then its subtotal; then
// the grand total.
type pivotLayout struct {
	axes  [2]*pivotAxis
	pairs [][2]int // sorted item index pairs
}

func newPivotLayout(keys iter.Seq[[2]string]) *pivotLayout {
	l := &pivotLayout{}
	for f := range 2 {
		l.axes[f] = newPivotAxis(func(yield func(string) bool) {
			for k := range keys {
				if !yield(k[f]) {
					return
				}
			}
		})
	}
	set := map[[2]int]bool{}
	for k := range keys {
		p := [2]int{l.axes[0].of(k[0]), l.axes[1].of(k[1])}
		if !set[p] {
			set[p] = true
			l.pairs = append(l.pairs, p)
		}
	}
	slices.SortFunc(l.pairs, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	return l
}

// rowItems is the number of data, subtotal and grand-total rows.
func (l *pivotLayout) rowItems() int {
	firsts := 0
	for i, p := range l.pairs {
		if i == 0 || p[0] != l.pairs[i-1][0] {
			firsts++
		}
	}
	return len(l.pairs) + firsts + 1
}

// height is the rows the table takes in tabular form with two data fields:
// the "Values" caption row, the field-name row, and its row items.
func (l *pivotLayout) height() int { return 2 + l.rowItems() }

// cacheXML is the pivot cache definition: no records, refreshOnLoad, the
// row fields' items, the data field's range.
func (s *Pivot) cacheXML(l *pivotLayout) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<pivotCacheDefinition xmlns="%s" saveData="0" refreshOnLoad="1" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="%d">`,
		nsMain, s.Records)
	lastCol := cellName(len(s.Header), s.Records+1)
	fmt.Fprintf(&b, `<cacheSource type="worksheet"><worksheetSource ref="A1:%s" sheet="%s"/></cacheSource>`, lastCol, attr(s.Sheet))
	fmt.Fprintf(&b, `<cacheFields count="%d">`, len(s.Header))
	for i, name := range s.Header {
		fmt.Fprintf(&b, `<cacheField name="%s" numFmtId="0">`, attr(name))
		switch {
		case i == s.Rows[0] || i == s.Rows[1]:
			a := l.axes[0]
			if i == s.Rows[1] {
				a = l.axes[1]
			}
			b.WriteString(`<sharedItems`)
			if slices.Contains(a.items, "") {
				b.WriteString(` containsBlank="1"`)
			}
			fmt.Fprintf(&b, ` count="%d">`, len(a.items))
			for _, v := range a.items {
				if v == "" {
					b.WriteString(`<m/>`)
				} else {
					fmt.Fprintf(&b, `<s v="%s"/>`, attr(v))
				}
			}
			b.WriteString(`</sharedItems>`)
		case i == s.Data:
			b.WriteString(`<sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1"`)
			if s.Integers {
				b.WriteString(` containsInteger="1"`)
			}
			fmt.Fprintf(&b, ` minValue="%s" maxValue="%s"/>`, number(s.Min), number(s.Max))
		default:
			b.WriteString(`<sharedItems/>`)
		}
		b.WriteString(`</cacheField>`)
	}
	b.WriteString(`</cacheFields></pivotCacheDefinition>`)
	return b.Bytes()
}

// tableXML is the pivot table definition in tabular form: the two row
// fields (the first with subtotals), the data fields across, every row item
// and the location those rows fill.
func (s *Pivot) tableXML(l *pivotLayout, cacheID int) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<pivotTableDefinition xmlns="%s" name="%s" cacheId="%d" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" updatedVersion="6" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="6" indent="0" compact="0" compactData="0" gridDropZones="0" multipleFieldFilters="0">`,
		nsMain, attr(s.Name), cacheID)
	fmt.Fprintf(&b, `<location ref="%s:%s" firstHeaderRow="1" firstDataRow="2" firstDataCol="2"/>`,
		cellName(s.FirstCol, s.FirstRow), cellName(s.FirstCol+3, s.FirstRow+l.height()-1))
	fmt.Fprintf(&b, `<pivotFields count="%d">`, len(s.Header))
	for i := range s.Header {
		switch {
		case i == s.Rows[0] || i == s.Rows[1]:
			f := 0
			if i == s.Rows[1] {
				f = 1
			}
			items := len(l.axes[f].items)
			fmt.Fprintf(&b, `<pivotField axis="axisRow" compact="0" outline="0" showAll="0" sortType="ascending"`)
			if f == 1 {
				b.WriteString(` defaultSubtotal="0"`)
				fmt.Fprintf(&b, `><items count="%d">`, items)
			} else {
				fmt.Fprintf(&b, `><items count="%d">`, items+1)
			}
			for k := range items {
				fmt.Fprintf(&b, `<item x="%d"/>`, k)
			}
			if f == 0 {
				b.WriteString(`<item t="default"/>`)
			}
			b.WriteString(`</items></pivotField>`)
		case i == s.Data:
			b.WriteString(`<pivotField dataField="1" compact="0" outline="0" showAll="0"/>`)
		default:
			b.WriteString(`<pivotField compact="0" outline="0" showAll="0"/>`)
		}
	}
	b.WriteString(`</pivotFields>`)
	fmt.Fprintf(&b, `<rowFields count="2"><field x="%d"/><field x="%d"/></rowFields>`, s.Rows[0], s.Rows[1])
	fmt.Fprintf(&b, `<rowItems count="%d">`, l.rowItems())
	for i, p := range l.pairs {
		if i == 0 || p[0] != l.pairs[i-1][0] {
			fmt.Fprintf(&b, `<i>%s%s</i>`, xItem(p[0]), xItem(p[1]))
		} else {
			fmt.Fprintf(&b, `<i r="1">%s</i>`, xItem(p[1]))
		}
		if i == len(l.pairs)-1 || l.pairs[i+1][0] != p[0] {
			fmt.Fprintf(&b, `<i t="default">%s</i>`, xItem(p[0]))
		}
	}
	b.WriteString(`<i t="grand"><x/></i></rowItems>`)
	b.WriteString(`<colFields count="1"><field x="-2"/></colFields>`)
	b.WriteString(`<colItems count="2"><i><x/></i><i i="1"><x v="1"/></i></colItems>`)
	fmt.Fprintf(&b, `<dataFields count="2"><dataField name="%s" fld="%d" subtotal="count" baseField="0" baseItem="0"/>`,
		attr(s.DataNames[0]), s.Data)
	fmt.Fprintf(&b, `<dataField name="%s" fld="%d" subtotal="average" baseField="0" baseItem="0" numFmtId="3"/></dataFields>`,
		attr(s.DataNames[1]), s.Data)
	b.WriteString(`<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/>`)
	b.WriteString(`</pivotTableDefinition>`)
	return b.Bytes()
}

// nsMain is SpreadsheetML's main namespace.
const nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

// xItem is a row item's index: <x/> for 0, as Excel writes it.
func xItem(v int) string {
	if v == 0 {
		return "<x/>"
	}
	return fmt.Sprintf(`<x v="%d"/>`, v)
}

// attr escapes s for an XML attribute value.
func attr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// number writes a float as an XML number, without exponent.
func number(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// cacheIDRE finds the cache id excelize gave a pivot table.
var cacheIDRE = regexp.MustCompile(`cacheId="(\d+)"`)

// cellName returns the A1 reference of a column and row, both 1-based and
// in range.
func cellName(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}
