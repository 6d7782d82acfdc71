package exporters

import (
	"encoding/csv"
	"io"
	"reflect"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"gopkg.in/yaml.v3"
)

// bandColumns are the columns of a band file, as the built-in
// market-bands.csv and --bands read them.
var bandColumns = []string{"source", "company_type", "company", "track", "level", "location", "component", "min", "max"}

// bandCells returns a band's text cells in bandColumns order (min and max
// excepted).
func bandCells(b analyzer.Band) [7]string {
	return [7]string{b.Source, b.Key.CompanyType, b.Key.Company, b.Key.Track, b.Key.Level, b.Key.Location, string(b.Component)}
}

// WriteBandsCSV writes bands in the columns --bands reads (source,
// company_type, company, track, level, location, component, min, max), one
// row per band in order, so the file reads back as the same bands. Lines
// end in CRLF, as in RFC 4180 and the shipped market-bands.csv, which
// WriteBandsCSV(DefaultBands()) reproduces byte for byte. Amounts
// are plain numbers rounded half-even to cents ("180000", "1250.5"); blank
// key fields stay blank (they match anything), and text starting with
// = + - or @ is prefixed with a single quote.
func WriteBandsCSV(w io.Writer, bands []analyzer.Band) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(bandColumns); err != nil {
		return err
	}
	record := make([]string, len(bandColumns))
	for _, b := range bands {
		cells := bandCells(b)
		for i, s := range cells {
			record[i] = safeText(s)
		}
		record[7] = b.Min.RoundBank(2).String()
		record[8] = b.Max.RoundBank(2).String()
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// sheetBandTable is the one sheet of WriteBandsXLSX.
const sheetBandTable = "Bands"

// WriteBandsXLSX writes bands as a workbook that --bands reads back: one
// sheet "Bands" with the header of WriteBandsCSV in row 1 (frozen) and one
// row per band below it. Key cells are text (blank ones left empty); min and
// max are numeric cells, rounded half-even to cents, formatted $#,##0.
func WriteBandsXLSX(w io.Writer, bands []analyzer.Band) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetBandTable); err != nil {
		return err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: fontFamily, Size: 11}})
	if err != nil {
		return err
	}
	format := fmtMoney
	money, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 11}, CustomNumFmt: &format})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheetBandTable)
	if err != nil {
		return err
	}
	for i, width := range []float64{26, 22, 14, 8, 8, 12, 15, 12, 12} {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	rows := streamRows(sw)
	row := make([]any, len(bandColumns))
	for i, name := range bandColumns {
		row[i] = excelize.Cell{StyleID: header, Value: name}
	}
	rows.add(row...)
	for _, b := range bands {
		for i, s := range bandCells(b) {
			row[i] = nil
			if s != "" {
				row[i] = s
			}
		}
		row[7] = excelize.Cell{StyleID: money, Value: b.Min.RoundBank(2).InexactFloat64()}
		row[8] = excelize.Cell{StyleID: money, Value: b.Max.RoundBank(2).InexactFloat64()}
		if rows.add(row...); rows.err != nil {
			return rows.err
		}
	}
	if rows.err != nil {
		return rows.err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// playbookHeader opens a written playbook.
const playbookHeader = `# offerbook negotiation playbook, for --playbook FILE.
# A file overrides only the keys it gives; "offerbook playbook" with no
# options prints the defaults with a comment on every key.
`

// WritePlaybookYAML writes a playbook as YAML in the keys --playbook reads,
// every key given, so the file reads back as the same playbook. Numbers are
// plain YAML numbers with the decimals' exact digits; the last approval
// tier has no max_pct. Map keys are sorted, so the output is stable.
func WritePlaybookYAML(w io.Writer, p *analyzer.Playbook) error {
	var doc yaml.Node
	if err := doc.Encode(p); err != nil {
		return err
	}
	plainDecimals(&doc, reflect.ValueOf(p))
	flowScalarLists(&doc)
	if _, err := io.WriteString(w, playbookHeader); err != nil {
		return err
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	return enc.Close()
}

// flowScalarLists writes lists of plain values on one line, as in
// "L6: [rsu, sign_on, base, start_date]".
func flowScalarLists(n *yaml.Node) {
	if n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
		flow := true
		for _, c := range n.Content {
			flow = flow && c.Kind == yaml.ScalarNode
		}
		if flow {
			n.Style = yaml.FlowStyle
		}
	}
	for _, c := range n.Content {
		flowScalarLists(c)
	}
}

var (
	decimalType     = reflect.TypeOf(decimal.Decimal{})
	nullDecimalType = reflect.TypeOf(decimal.NullDecimal{})
)

// plainDecimals walks an encoded node beside the value it came from. yaml.v3
// encodes a decimal through MarshalText as a string, quoted because it
// looks like a number ("20"); this makes those scalars plain numbers again,
// and drops the keys of NullDecimal values that are not set.
func plainDecimals(n *yaml.Node, v reflect.Value) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch {
	case v.Type() == decimalType || v.Type() == nullDecimalType:
		if n.Kind == yaml.ScalarNode {
			n.Style, n.Tag = 0, ""
		}
		return
	case n.Kind == yaml.MappingNode && v.Kind() == reflect.Struct:
		fields := map[string]reflect.Value{}
		for i := range v.NumField() {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
			if name == "" {
				name = strings.ToLower(v.Type().Field(i).Name)
			}
			fields[name] = v.Field(i)
		}
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			fv, ok := fields[k.Value]
			if ok && fv.Type() == nullDecimalType && !fv.Interface().(decimal.NullDecimal).Valid {
				continue
			}
			if ok {
				plainDecimals(val, fv)
			}
			kept = append(kept, k, val)
		}
		n.Content = kept
	case n.Kind == yaml.MappingNode && v.Kind() == reflect.Map:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := reflect.New(v.Type().Key()).Elem()
			if key.Kind() != reflect.String {
				continue
			}
			key.SetString(n.Content[i].Value)
			if mv := v.MapIndex(key); mv.IsValid() {
				plainDecimals(n.Content[i+1], mv)
			}
		}
	case n.Kind == yaml.SequenceNode && (v.Kind() == reflect.Slice || v.Kind() == reflect.Array):
		for i, c := range n.Content {
			if i < v.Len() {
				plainDecimals(c, v.Index(i))
			}
		}
	case n.Kind == yaml.DocumentNode:
		for _, c := range n.Content {
			plainDecimals(c, v)
		}
	}
}
