package exporters

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"iter"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
)

// A pivot table over a streamed sheet. excelize's AddPivotTable makes the
// plumbing (relationships, content types, the workbook's pivot cache list)
// and skeleton parts; it cannot read a streamed sheet back, so the cache
// definition and pivot table parts are replaced by ones written here from
// the offers themselves: the cache holds no records and is marked
// refreshOnLoad, so Excel and LibreOffice rebuild it from the data range
// when they open the file, at any number of rows; and everything it does
// state (the row fields' items, the total's range, the table's rows and
// size) is what the data gives, so the parts agree with each other and with
// the sheet before any refresh.

// pivotParts is where excelize put one pivot table's parts.
type pivotParts struct {
	cache, table string // part names
}

// pivotSource is what a pivot table's parts are written from.
type pivotSource struct {
	name      string   // the pivot table's name
	sheet     string   // the data sheet
	header    []string // the data range's header row
	records   int      // data rows under the header
	rows      [2]int   // header indexes of the two row fields
	data      int      // header index of the total both data fields summarise
	dataNames [2]string
	// keys yields the two row fields' values, one pair per data row.
	keys iter.Seq[[2]string]
	// min and max are the data field's smallest and largest values, and
	// integers whether all of them are whole numbers.
	min, max float64
	integers bool
	// firstRow and firstCol place the table's top-left cell on its sheet.
	firstRow, firstCol int
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
func (s *pivotSource) cacheXML(l *pivotLayout) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<pivotCacheDefinition xmlns="%s" saveData="0" refreshOnLoad="1" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="%d">`,
		nsMain, s.records)
	lastCol := cellRef(len(s.header), s.records+1)
	fmt.Fprintf(&b, `<cacheSource type="worksheet"><worksheetSource ref="A1:%s" sheet="%s"/></cacheSource>`, lastCol, attr(s.sheet))
	fmt.Fprintf(&b, `<cacheFields count="%d">`, len(s.header))
	for i, name := range s.header {
		fmt.Fprintf(&b, `<cacheField name="%s" numFmtId="0">`, attr(name))
		switch {
		case i == s.rows[0] || i == s.rows[1]:
			a := l.axes[0]
			if i == s.rows[1] {
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
		case i == s.data:
			b.WriteString(`<sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1"`)
			if s.integers {
				b.WriteString(` containsInteger="1"`)
			}
			fmt.Fprintf(&b, ` minValue="%s" maxValue="%s"/>`, number(s.min), number(s.max))
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
func (s *pivotSource) tableXML(l *pivotLayout, cacheID int) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<pivotTableDefinition xmlns="%s" name="%s" cacheId="%d" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" updatedVersion="6" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="6" indent="0" compact="0" compactData="0" gridDropZones="0" multipleFieldFilters="0">`,
		nsMain, attr(s.name), cacheID)
	fmt.Fprintf(&b, `<location ref="%s:%s" firstHeaderRow="1" firstDataRow="2" firstDataCol="2"/>`,
		cellRef(s.firstCol, s.firstRow), cellRef(s.firstCol+3, s.firstRow+l.height()-1))
	fmt.Fprintf(&b, `<pivotFields count="%d">`, len(s.header))
	for i := range s.header {
		switch {
		case i == s.rows[0] || i == s.rows[1]:
			f := 0
			if i == s.rows[1] {
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
		case i == s.data:
			b.WriteString(`<pivotField dataField="1" compact="0" outline="0" showAll="0"/>`)
		default:
			b.WriteString(`<pivotField compact="0" outline="0" showAll="0"/>`)
		}
	}
	b.WriteString(`</pivotFields>`)
	fmt.Fprintf(&b, `<rowFields count="2"><field x="%d"/><field x="%d"/></rowFields>`, s.rows[0], s.rows[1])
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
		attr(s.dataNames[0]), s.data)
	fmt.Fprintf(&b, `<dataField name="%s" fld="%d" subtotal="average" baseField="0" baseItem="0" numFmtId="3"/></dataFields>`,
		attr(s.dataNames[1]), s.data)
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

// recordField returns the record field under a Summary header the pivot
// tables group by.
func recordField(r *analyzer.Record, header string) string {
	switch header {
	case "Level":
		return r.Level
	case "Location":
		return r.Location
	case "Track":
		return r.Track
	}
	return ""
}

// errPivotRows stops reading records past the pivot tables' rows.
var errPivotRows = errors.New("past the pivot rows")

// finishPivots replaces the skeleton parts excelize wrote for the Pivots
// sheet's pivot tables with complete ones, from the offers on Summary's
// first page: the groupings' keys and totals when that page holds every
// offer, else the first page's records read again.
func (wb *workbook) finishPivots() error {
	p := wb.pivots
	if !p.pivots {
		return nil
	}
	header, _, _ := wb.summaryHeader()
	total := slices.Index(header, fmt.Sprintf("Total (%d yr)", wb.run.years()))
	keys := make([]map[[2]string]bool, len(p.groupings))
	for i := range keys {
		keys[i] = map[[2]string]bool{}
	}
	lo, hi, integers := math.Inf(1), math.Inf(-1), true
	if p.pivotRows == wb.run.count() {
		for i, g := range p.groupings {
			for _, gr := range g.groups {
				keys[i][[2]string{gr.key[0], gr.key[1]}] = true
			}
		}
		for _, t := range p.groupings[0].all {
			v := t.Float(analyzer.MoneyPlaces)
			lo, hi = min(lo, v), max(hi, v)
			integers = integers && t%100 == 0 // whole dollars
		}
	} else {
		err := wb.run.records().Each(func(k int, r *analyzer.Record) error {
			if k >= p.pivotRows {
				return errPivotRows
			}
			for i, g := range p.groupings {
				keys[i][[2]string{recordField(r, g.fields[0]), recordField(r, g.fields[1])}] = true
			}
			v := r.Total.Float(analyzer.MoneyPlaces)
			lo, hi = min(lo, v), max(hi, v)
			integers = integers && v == math.Trunc(v)
			return nil
		})
		if err != nil && !errors.Is(err, errPivotRows) {
			return err
		}
	}
	for i, g := range p.groupings {
		parts := p.parts[i]
		s := &pivotSource{
			name: fmt.Sprintf("Pivot%d", i+1), sheet: wb.summaryPages[0], header: header, records: p.pivotRows,
			rows:      [2]int{slices.Index(header, g.fields[0]), slices.Index(header, g.fields[1])},
			data:      total,
			dataNames: [2]string{"Offers", fmt.Sprintf("Average total (%d yr)", wb.run.years())},
			min:       lo, max: hi, integers: integers,
			firstRow: p.tableStart[i], firstCol: 1,
		}
		if s.rows[0] < 0 || s.rows[1] < 0 || s.data < 0 {
			return fmt.Errorf("pivot table %s: Summary has no %s, %s or total column", g.title, g.fields[0], g.fields[1])
		}
		// In a fixed order, so the spelling kept for values that differ only
		// in case is the same every run.
		set := make([][2]string, 0, len(keys[i]))
		for k := range keys[i] {
			set = append(set, k)
		}
		slices.SortFunc(set, func(a, b [2]string) int {
			if c := strings.Compare(a[0], b[0]); c != 0 {
				return c
			}
			return strings.Compare(a[1], b[1])
		})
		s.keys = func(yield func([2]string) bool) {
			for _, k := range set {
				if !yield(k) {
					return
				}
			}
		}
		old, ok := wb.f.Pkg.Load(parts.table)
		if !ok {
			return fmt.Errorf("pivot table %s: no part %s", g.title, parts.table)
		}
		m := cacheIDRE.FindSubmatch(old.([]byte))
		if m == nil {
			return fmt.Errorf("pivot table %s: no cache id in %s", g.title, parts.table)
		}
		cacheID, _ := strconv.Atoi(string(m[1]))
		l := newPivotLayout(s.keys)
		wb.f.Pkg.Store(parts.cache, s.cacheXML(l))
		wb.f.Pkg.Store(parts.table, s.tableXML(l, cacheID))
	}
	return nil
}
