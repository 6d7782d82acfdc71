package importers

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// DefaultBandSource names the built-in market bands in reports; each row
// names the document it was transcribed from.
const DefaultBandSource = "built-in market bands (each row names the guide it comes from)"

//go:embed defaults/market-bands.csv
var marketBandsCSV []byte

// defaultBandsName is the file name positions in the built-in bands use.
const defaultBandsName = "market-bands.csv"

// DefaultBands returns the built-in market bands (see "Bands and the headline" in docs/METHOD.md), the embedded
// copy of the project's market-bands.csv, in file order, each with its
// source document's title. Every call returns a new slice.
func DefaultBands() ([]analyzer.Band, error) {
	bands, rerrs, err := ReadBandsCSV(context.Background(), bytes.NewReader(marketBandsCSV), defaultBandsName)
	if err != nil {
		return nil, err
	}
	if len(rerrs) > 0 {
		return nil, joinRowErrors(rerrs)
	}
	return bands, nil
}

// Band file columns (see "Bands and the headline" in docs/METHOD.md).
const (
	bandSource = iota
	bandCompanyType
	bandCompany
	bandTrack
	bandLevel
	bandLocation
	bandComponent
	bandMin
	bandMax
)

// bandTable describes a band file: the columns of market-bands.csv. The key
// columns accept the same header spellings as the offer columns of the same
// name.
var bandTable = newStrictTableSpec("source, company_type, company, track, level, location, component, min, max", []tableColumn{
	bandSource:      {name: "source", aliases: sourceAliases},
	bandCompanyType: {name: colCompanyType, aliases: columnAliases[colCompanyType]},
	bandCompany:     {name: colCompany, aliases: columnAliases[colCompany]},
	bandTrack:       {name: colTrack, aliases: columnAliases[colTrack]},
	bandLevel:       {name: colLevel, aliases: columnAliases[colLevel]},
	bandLocation:    {name: colLocation, aliases: columnAliases[colLocation]},
	bandComponent:   {name: "component", aliases: []string{"figure", "metric", "compcomponent", "bandcomponent"}, required: true},
	bandMin:         {name: "min", aliases: []string{"minimum", "low", "bandmin", "bandlow", "p10"}, required: true, numeric: true},
	bandMax:         {name: "max", aliases: []string{"maximum", "high", "bandmax", "bandhigh", "p90"}, required: true, numeric: true},
})

// sourceAliases are the header spellings of a table's source column.
var sourceAliases = []string{"sourcefile", "sourcedocument", "seed", "reference", "ref", "from", "origin"}

// ReadBands reads a market-band file, CSV (.csv, .txt) or XLSX (.xlsx,
// .xlsm; the sheet is opts.Sheet or the first visible one), in the columns
// of the built-in bands: source, company_type, company, track, level,
// location, component, min, max. See ReadBandsCSV for how rows are read.
// Another extension gives an error wrapping ErrUnknownFormat.
func ReadBands(ctx context.Context, path string, opts Options) ([]analyzer.Band, []*RowError, error) {
	var c bandConverter
	rerrs, err := readTableFile(ctx, path, opts, bandTable, c.convert)
	return c.bands, rerrs, err
}

// ReadBandsCSV reads market bands from CSV text; name is the file name used
// in positions and as the source of rows without one.
//
// The file is read like an offers file: comma or semicolon (then amounts
// use European separators), an optional UTF-8 BOM, CRLF or LF; the header is
// the first row naming at least three band columns, matched case-, space-,
// punctuation- and unit-insensitively ("Company Type", "Min ($)"), and rows
// above it are skipped, as are blank rows and "Total" rows. component, min
// and max are required columns: a header without one is a file-level
// *RowError wrapping ErrMissingColumn, and no rows are read. source is
// optional; a blank source is the file's base name. Track, level and
// location go through analyzer's alias tables (blank stays blank, meaning
// "any"); min and max are read by ParseMoney.
//
// Each bad row gives a *RowError with its position, column and raw value:
// an unreadable or blank amount (ErrInvalidAmount, ErrCurrency,
// ErrMissingValue), an unknown component (analyzer.ErrUnknownComponent), or
// min above max or a negative amount (analyzer.ErrBandRange, reported on
// the min column). The good rows are returned all the same, in file order;
// the caller decides whether a file with rejected rows is usable. A read
// error part-way through is returned with the rows read before it.
func ReadBandsCSV(ctx context.Context, r io.Reader, name string) ([]analyzer.Band, []*RowError, error) {
	var c bandConverter
	rerrs, err := readTableCSV(ctx, r, name, bandTable, c.convert)
	return c.bands, rerrs, err
}

// bandConverter collects the bands of one file.
type bandConverter struct{ bands []analyzer.Band }

func (c *bandConverter) convert(r *tableRow) *RowError {
	comp := r.text(bandComponent)
	if comp == "" {
		return r.fail(bandComponent, ErrMissingValue)
	}
	component, err := analyzer.ParseComponent(componentName(comp))
	if err != nil {
		return r.fail(bandComponent, err)
	}
	companyType := r.text(bandCompanyType)
	if companyType != "" {
		known, ok := analyzer.CanonicalCompanyType(companyType)
		if !ok {
			return r.fail(bandCompanyType, fmt.Errorf("%w %q (want one of %s, or blank for any)",
				ErrUnknownCompanyType, companyType, strings.Join(analyzer.CompanyTypes, ", ")))
		}
		companyType = known
	}
	min, rerr := r.money(bandMin)
	if rerr != nil {
		return rerr
	}
	max, rerr := r.money(bandMax)
	if rerr != nil {
		return rerr
	}
	b := analyzer.Band{
		Key: analyzer.BandKey{
			CompanyType: companyType,
			Company:     r.text(bandCompany),
			Track:       analyzer.CanonicalTrack(r.text(bandTrack)),
			Level:       analyzer.CanonicalLevel(r.text(bandLevel)),
			Location:    analyzer.CanonicalLocation(r.text(bandLocation)),
		},
		Component: component,
		Min:       min,
		Max:       max,
		Source:    r.source(bandSource),
	}
	if err := b.Validate(); err != nil {
		col := bandMin
		if !min.IsNegative() && max.IsNegative() {
			col = bandMax
		}
		return r.fail(col, err)
	}
	c.bands = append(c.bands, b)
	return nil
}

// componentName normalises a component as written ("Sign-on Total",
// "RSU 4yr") to its canonical spelling's form ("sign_on_total", "rsu_4yr").
// The former name of base_equity_avg, total_4yr_avg (the same column of
// Amazon L6/L7 Compensation & Negotiation Guide, base + grant / 4 without sign-on), is read as base_equity_avg.
func componentName(s string) string {
	name := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, strings.ToLower(s))
	if name == "total_4yr_avg" {
		return string(analyzer.ComponentBaseEquityAvg)
	}
	return name
}

// joinRowErrors is the error for built-in data with rejected rows, which
// would be a bug in this package.
func joinRowErrors(rerrs []*RowError) error {
	errs := make([]error, len(rerrs))
	for i, e := range rerrs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// The rest of this file is the reader of reference tables (bands,
// premiums): small files read with the offers' sources, header folding,
// value parsers and RowError positions, but without gocsv, since a table
// row is a handful of cells converted on the spot.

// tableColumn is one column of a reference table.
type tableColumn struct {
	name     string
	aliases  []string // folded header spellings besides the name itself
	required bool     // a header without it is a file-level error
	numeric  bool     // an amount or number: XLSX raw values get Excel's precision
}

// tableSpec describes a reference table's columns.
type tableSpec struct {
	names   string // the columns, for messages
	columns []tableColumn
	index   map[string]int // folded header → column
	// strict makes a value in a column the table does not have (an unknown
	// header, or a cell past the header) a RowError, so a typo in a
	// header never silently drops a value.
	strict bool
}

// newStrictTableSpec is newTableSpec for a table whose rows must not carry
// values in other columns.
func newStrictTableSpec(names string, cols []tableColumn) *tableSpec {
	s := newTableSpec(names, cols)
	s.strict = true
	return s
}

func newTableSpec(names string, cols []tableColumn) *tableSpec {
	s := &tableSpec{names: names, columns: cols, index: map[string]int{}}
	for i, c := range cols {
		for _, a := range append([]string{foldKey(c.name)}, c.aliases...) {
			if prev, dup := s.index[a]; dup && prev != i {
				panic("importers: table header alias " + a + " used for " + cols[prev].name + " and " + c.name)
			}
			s.index[a] = i
		}
	}
	return s
}

// column maps a header cell to a column of the table, with the folding of
// CanonicalColumn: case, spaces, punctuation, bracketed units and a
// trailing unit word are ignored.
func (s *tableSpec) column(h string) (int, bool) {
	full, bare := foldHeader(trim(h))
	for _, key := range []string{full, bare} {
		if key == "" {
			continue
		}
		if i, ok := s.index[key]; ok {
			return i, true
		}
		for _, suffix := range unitSuffixes {
			if k := strings.TrimSuffix(key, suffix); k != key && k != "" {
				if i, ok := s.index[k]; ok {
					return i, true
				}
			}
		}
	}
	return -1, false
}

// tableLayout is a table file's header mapped to the table's columns.
type tableLayout struct {
	spec        *tableSpec
	file, sheet string
	european    bool
	xlsx        bool
	header      []string // as written, trimmed
	known       []bool   // per header column, whether it maps to a table column
	srcOf       []int    // per table column, its source column or -1
	currency    []string // per numeric column, a foreign currency its header names
}

// findTableHeader reads rows until one names at least minKnownColumns of
// the table's columns and maps it; the first occurrence of a column wins.
func findTableHeader(src source, spec *tableSpec, file, sheet string, european, xlsx bool) (*tableLayout, error) {
	rec, row, err := seekHeader(src, func(h string) bool { _, ok := spec.column(h); return ok })
	if err == errHeaderNotFound {
		return nil, &RowError{File: file, Sheet: sheet, Err: fmt.Errorf("%w (want a row naming the columns %s)", ErrNoHeader, spec.names)}
	}
	if err != nil {
		return nil, err
	}
	l := &tableLayout{spec: spec, file: file, sheet: sheet, european: european, xlsx: xlsx,
		header: make([]string, len(rec)), known: make([]bool, len(rec)), srcOf: make([]int, len(spec.columns)), currency: make([]string, len(spec.columns))}
	for i := range l.srcOf {
		l.srcOf[i] = -1
	}
	for j, h := range rec {
		l.header[j] = trim(h)
		if i, ok := spec.column(h); ok && l.srcOf[i] < 0 {
			l.known[j] = true
			l.srcOf[i] = j
			if spec.columns[i].numeric {
				l.currency[i] = headerCurrency(h)
			}
		}
	}
	var first string
	var missing []string
	for i, c := range spec.columns {
		if c.required && l.srcOf[i] < 0 {
			if first == "" {
				first = c.name
			}
			missing = append(missing, strconv.Quote(c.name))
		}
	}
	if len(missing) > 0 {
		return nil, &RowError{File: file, Sheet: sheet, Row: row, Column: first,
			Err: fmt.Errorf("%w %s", ErrMissingColumn, strings.Join(missing, ", "))}
	}
	return l, nil
}

// tableRow is one data row of a table file.
type tableRow struct {
	l   *tableLayout
	row int
	rec []string
}

// raw returns the cell of table column i as written, "" when the column or
// the cell is absent.
func (r *tableRow) raw(i int) string {
	if j := r.l.srcOf[i]; j >= 0 && j < len(r.rec) {
		return r.rec[j]
	}
	return ""
}

// text returns the trimmed cell of table column i.
func (r *tableRow) text(i int) string { return trim(r.raw(i)) }

// extraColumn is the RowError of a strict table's row with a value in a
// column the table does not have; nil otherwise.
func (r *tableRow) extraColumn() *RowError {
	if !r.l.spec.strict {
		return nil
	}
	for j, v := range r.rec {
		if trim(v) == "" || (j < len(r.l.header) && r.l.known[j]) {
			continue
		}
		name := fmt.Sprintf("column %d", j+1)
		if j < len(r.l.header) && r.l.header[j] != "" {
			name = r.l.header[j]
		}
		return &RowError{File: r.l.file, Sheet: r.l.sheet, Row: r.row, Column: name, Value: v,
			Err: fmt.Errorf("%w (the columns are %s)", ErrExtraColumn, r.l.spec.names)}
	}
	return nil
}

// source returns the row's source, or the file's base name when blank.
func (r *tableRow) source(i int) string {
	if s := r.text(i); s != "" {
		return s
	}
	return filepath.Base(r.l.file)
}

// fail builds the RowError for table column i, named as the header writes it.
func (r *tableRow) fail(i int, err error) *RowError {
	name := r.l.spec.columns[i].name
	if j := r.l.srcOf[i]; j >= 0 && r.l.header[j] != "" {
		name = r.l.header[j]
	}
	return &RowError{File: r.l.file, Sheet: r.l.sheet, Row: r.row, Column: name, Value: r.raw(i), Err: err}
}

// number returns the trimmed text of numeric column i, with XLSX raw values
// cut to Excel's precision; a blank cell or a foreign-currency header is a
// RowError.
func (r *tableRow) number(i int) (string, *RowError) {
	t := r.text(i)
	if t == "" {
		return "", r.fail(i, ErrMissingValue)
	}
	if cur := r.l.currency[i]; cur != "" {
		return "", r.fail(i, fmt.Errorf("%w: the column is in %s", ErrCurrency, cur))
	}
	if r.l.xlsx {
		t = excelPrecision(t)
	}
	return t, nil
}

// money reads numeric column i with ParseMoney.
func (r *tableRow) money(i int) (decimal.Decimal, *RowError) {
	t, rerr := r.number(i)
	if rerr != nil {
		return decimal.Zero, rerr
	}
	d, err := ParseMoney(t, r.l.european)
	if err != nil {
		return decimal.Zero, r.fail(i, err)
	}
	return d, nil
}

// readTableFile reads a table from a CSV or XLSX file, chosen by extension
// as ForPath does.
func readTableFile(ctx context.Context, path string, opts Options, spec *tableSpec, convert func(*tableRow) *RowError) ([]*RowError, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readTableCSV(ctx, f, path, spec, convert)
	case ".xlsx", ".xlsm":
		f, err := openCheckedFile(path, opts.Password)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		sheet, err := pickSheet(f, opts.Sheet)
		if err != nil {
			return nil, &RowError{File: path, Err: err}
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			return nil, &RowError{File: path, Sheet: sheet, Err: fmt.Errorf("%w: %v", ErrDamagedWorkbook, err)}
		}
		defer rows.Close()
		return readTable(ctx, &xlsxSource{rows: rows, dec: sheetDecoder(rows), file: path, sheet: sheet}, path, sheet, false, true, spec, convert)
	}
	return nil, fmt.Errorf("%s: %w (want .csv or .xlsx)", path, ErrUnknownFormat)
}

// readTableCSV reads a table from CSV text with ReadCSV's decoding, line
// ends and delimiter sniffing.
func readTableCSV(ctx context.Context, r io.Reader, name string, spec *tableSpec, convert func(*tableRow) *RowError) ([]*RowError, error) {
	src, delim, err := openCSV(r, name, Options{})
	if err != nil {
		return nil, err
	}
	src.r.ReuseRecord = false // rows are kept by the converters
	return readTable(ctx, src, name, "", delim == ';', false, spec, convert)
}

// readTable finds the header of src and converts every data row; blank and
// total rows are skipped, and an unreadable record is a RowError wrapping
// ErrMalformedRow.
func readTable(ctx context.Context, src source, file, sheet string, european, xlsx bool, spec *tableSpec, convert func(*tableRow) *RowError) ([]*RowError, error) {
	l, err := findTableHeader(src, spec, file, sheet, european, xlsx)
	if err != nil {
		return nil, err
	}
	var rerrs []*RowError
	for {
		if err := ctx.Err(); err != nil {
			return rerrs, err
		}
		rec, row, err := src.next()
		if err != nil {
			var re *recordError
			if errors.As(err, &re) {
				rerrs = append(rerrs, &RowError{File: file, Sheet: sheet, Row: re.row, Err: fmt.Errorf("%w: %v", ErrMalformedRow, re.err)})
				continue
			}
			if err == io.EOF {
				return rerrs, nil
			}
			return rerrs, err
		}
		if skipRow(rec) {
			continue
		}
		r := &tableRow{l: l, row: row, rec: rec}
		if rerr := r.extraColumn(); rerr != nil {
			rerrs = append(rerrs, rerr)
			continue
		}
		if rerr := convert(r); rerr != nil {
			rerrs = append(rerrs, rerr)
		}
	}
}
