package ooxml

import (
	"encoding/xml"
	"slices"
	"strings"
	"testing"
)

func seq(keys ...[2]string) func(func([2]string) bool) {
	return func(yield func([2]string) bool) {
		for _, k := range keys {
			if !yield(k) {
				return
			}
		}
	}
}

func TestPivotLayout(t *testing.T) {
	tests := []struct {
		name     string
		keys     [][2]string
		axes     [2][]string
		pairs    [][2]int
		rowItems string
	}{
		{
			name:     "one group",
			keys:     [][2]string{{"L5", "Seattle"}, {"L5", "Seattle"}},
			axes:     [2][]string{{"L5"}, {"Seattle"}},
			pairs:    [][2]int{{0, 0}},
			rowItems: `<rowItems count="3"><i><x/><x/></i><i t="default"><x/></i><i t="grand"><x/></i></rowItems>`,
		},
		{
			// Case folds to the first spelling; blanks sort last.
			name:  "case and blanks",
			keys:  [][2]string{{"l6", "Seattle"}, {"L5", "seattle"}, {"", "NYC"}, {"L6", ""}, {"L5", "NYC"}},
			axes:  [2][]string{{"L5", "l6", ""}, {"NYC", "Seattle", ""}},
			pairs: [][2]int{{0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 0}},
			rowItems: `<rowItems count="9">` +
				`<i><x/><x/></i><i r="1"><x v="1"/></i><i t="default"><x/></i>` +
				`<i><x v="1"/><x v="1"/></i><i r="1"><x v="2"/></i><i t="default"><x v="1"/></i>` +
				`<i><x v="2"/><x/></i><i t="default"><x v="2"/></i>` +
				`<i t="grand"><x/></i></rowItems>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newPivotLayout(seq(tt.keys...))
			for f := range 2 {
				if !slices.Equal(l.axes[f].items, tt.axes[f]) {
					t.Errorf("field %d items %q, want %q", f, l.axes[f].items, tt.axes[f])
				}
			}
			if !slices.Equal(l.pairs, tt.pairs) {
				t.Errorf("pairs %v, want %v", l.pairs, tt.pairs)
			}
			s := &Pivot{Name: "P", Sheet: "Summary", Header: []string{"ID", "Level", "Location", "Total (4 yr)"},
				Records: len(tt.keys), Rows: [2]int{1, 2}, Data: 3, DataNames: [2]string{"Offers", "Average"},
				Min: 1, Max: 2.5, FirstRow: 7, FirstCol: 1}
			table := string(s.tableXML(l, 9))
			if !strings.Contains(table, tt.rowItems) {
				t.Errorf("table has not %s:\n%s", tt.rowItems, table)
			}
			if want := 2 + strings.Count(tt.rowItems, "<i"); l.height() != want {
				t.Errorf("height %d, want %d", l.height(), want)
			}
			for _, part := range [][]byte{[]byte(table), s.cacheXML(l)} {
				if err := xml.Unmarshal(part, new(struct{})); err != nil {
					t.Errorf("not XML: %v\n%s", err, part)
				}
			}
		})
	}
}

func TestPivotParts(t *testing.T) {
	s := &Pivot{Name: "Pivot1", Sheet: "Summary & more", Header: []string{"ID", "Level", "Location", "Total (4 yr)"},
		Records: 3, Rows: [2]int{1, 2}, Data: 3, DataNames: [2]string{"Offers", "Average total (4 yr)"},
		Min: 700000, Max: 1071666.67, FirstRow: 7, FirstCol: 1}
	l := newPivotLayout(seq([2]string{"L5", "A&B"}, [2]string{"L6", ""}, [2]string{"L6", "A&B"}))
	cache := string(s.cacheXML(l))
	for _, want := range []string{
		`saveData="0" refreshOnLoad="1"`, `recordCount="3"`,
		`<worksheetSource ref="A1:D4" sheet="Summary &amp; more"/>`,
		`<cacheField name="ID" numFmtId="0"><sharedItems/></cacheField>`,
		`<cacheField name="Level" numFmtId="0"><sharedItems count="2"><s v="L5"/><s v="L6"/></sharedItems></cacheField>`,
		`<cacheField name="Location" numFmtId="0"><sharedItems containsBlank="1" count="2"><s v="A&amp;B"/><m/></sharedItems></cacheField>`,
		`<sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" minValue="700000" maxValue="1071666.67"/>`,
	} {
		if !strings.Contains(cache, want) {
			t.Errorf("cache has not %s:\n%s", want, cache)
		}
	}
	table := string(s.tableXML(l, 4))
	for _, want := range []string{
		`name="Pivot1" cacheId="4"`,
		`<location ref="A7:D14" firstHeaderRow="1" firstDataRow="2" firstDataCol="2"/>`,
		`<pivotField axis="axisRow" compact="0" outline="0" showAll="0" sortType="ascending"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items></pivotField>`,
		`<pivotField axis="axisRow" compact="0" outline="0" showAll="0" sortType="ascending" defaultSubtotal="0"><items count="2"><item x="0"/><item x="1"/></items></pivotField>`,
		`<pivotField dataField="1" compact="0" outline="0" showAll="0"/>`,
		`<rowFields count="2"><field x="1"/><field x="2"/></rowFields>`,
		`<dataField name="Offers" fld="3" subtotal="count" baseField="0" baseItem="0"/>`,
		`<dataField name="Average total (4 yr)" fld="3" subtotal="average" baseField="0" baseItem="0" numFmtId="3"/>`,
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table has not %s:\n%s", want, table)
		}
	}
}
