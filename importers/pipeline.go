package importers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/gocarina/gocsv"
	"github.com/offerbook/offerbook/analyzer"
)

// Synthetic columns the adapter adds after the mapped ones. They carry, in
// the record itself, what gocsv cannot: the spreadsheet row number, the
// unknown columns' values and a record-level read error. gocsv reads one
// record ahead of the callback on another goroutine, so nothing about a row
// may live in adapter state.
const (
	synthRow   = "__row"
	synthOther = "__other"
	synthError = "__error"
)

// cell is a gocsv field that keeps the raw text of a cell. Every record
// passes gocsv unchanged; this package parses and reports each cell itself,
// with its exact position.
type cell string

// UnmarshalCSV stores the raw text.
func (c *cell) UnmarshalCSV(s string) error {
	*c = cell(s)
	return nil
}

// offerRow is the gocsv row struct: one raw cell per canonical column, in the
// order of the columns table, plus the adapter's synthetic columns.
type offerRow struct {
	ID                  cell `csv:"id"`
	Candidate           cell `csv:"candidate"`
	Company             cell `csv:"company"`
	CompanyType         cell `csv:"company_type"`
	Track               cell `csv:"track"`
	Level               cell `csv:"level"`
	Location            cell `csv:"location"`
	Specialization      cell `csv:"specialization"`
	Base                cell `csv:"base"`
	SignOnY1            cell `csv:"sign_on_y1"`
	SignOnY2            cell `csv:"sign_on_y2"`
	RSUValue            cell `csv:"rsu_value"`
	RSUShares           cell `csv:"rsu_shares"`
	StockPrice          cell `csv:"stock_price"`
	Vesting             cell `csv:"vesting"`
	BonusPct            cell `csv:"bonus_pct"`
	Refresher           cell `csv:"refresher"`
	Relocation          cell `csv:"relocation"`
	StartDate           cell `csv:"start_date"`
	CurrentTC           cell `csv:"current_tc"`
	UnvestedEquity      cell `csv:"unvested_equity"`
	Floor               cell `csv:"floor"`
	ColAdjustment       cell `csv:"col_adjustment"`
	RiskPremium         cell `csv:"risk_premium"`
	GrowthValue         cell `csv:"growth_value"`
	CompetingCompany    cell `csv:"competing_company"`
	CompetingLevel      cell `csv:"competing_level"`
	CompetingTC         cell `csv:"competing_tc"`
	CompetingDeadline   cell `csv:"competing_deadline"`
	Preferred           cell `csv:"preferred"`
	TeamStability       cell `csv:"team_stability"`
	ManagerQuality      cell `csv:"manager_quality"`
	GrowthPotential     cell `csv:"growth_potential"`
	WorkLifeBalance     cell `csv:"work_life_balance"`
	TechStackInterest   cell `csv:"tech_stack_interest"`
	LocationFlexibility cell `csv:"location_flexibility"`
	CompMeetsNeeds      cell `csv:"comp_meets_needs"`
	TeamExcitement      cell `csv:"team_excitement"`
	GrowthOpportunities cell `csv:"growth_opportunities"`
	ManagerRapport      cell `csv:"manager_rapport"`
	WLBAcceptable       cell `csv:"wlb_acceptable"`
	LocationOptions     cell `csv:"location_options"`
	Notes               cell `csv:"notes"`
	TaxResidence        cell `csv:"tax_residence"`
	FilingStatus        cell `csv:"filing_status"`
	Round               cell `csv:"round"`
	EquityType          cell `csv:"equity_type"`
	OptionShares        cell `csv:"option_shares"`
	StrikePrice         cell `csv:"strike_price"`
	PreferredPrice      cell `csv:"preferred_price"`
	FMV409A             cell `csv:"fmv_409a"`
	FullyDilutedShares  cell `csv:"fully_diluted_shares"`
	Acceleration        cell `csv:"acceleration"`
	K401MatchPct        cell `csv:"k401_match_pct"`
	K401MatchLimitPct   cell `csv:"k401_match_limit_pct"`
	ESPPDiscountPct     cell `csv:"espp_discount_pct"`
	ESPPContribution    cell `csv:"espp_contribution"`
	BenefitsValue       cell `csv:"benefits_value"`

	Row   cell `csv:"__row"`
	Other cell `csv:"__other"`
	Error cell `csv:"__error"`
}

// rawCell returns the raw text of canonical column i (an index into columns)
// from v, a reflect.Value of an offerRow. offerRow's fields are declared in
// the columns table's order, which init verifies, so field i is column i.
func rawCell(v reflect.Value, i int) string {
	return v.Field(i).String()
}

func init() {
	t := reflect.TypeOf(offerRow{})
	for i, c := range columns {
		if tag := t.Field(i).Tag.Get("csv"); tag != c.name {
			panic(fmt.Sprintf("importers: offerRow field %d is tagged %q, want %q", i, tag, c.name))
		}
	}
}

// source is one stream of spreadsheet rows: CSV records or a sheet's rows.
// next returns io.EOF after the last row. A *recordError is a bad record
// that the stream can read past.
type source interface {
	next() (rec []string, row int, err error)
}

// recordError is a record a source could not read (a malformed CSV quote);
// it becomes a rejected row, and reading continues.
type recordError struct {
	row int
	err error
}

func (e *recordError) Error() string { return e.err.Error() }

// layout is a file's header mapped to canonical columns.
type layout struct {
	file, sheet string
	idBase      string
	european    bool
	xlsx        bool
	// date1904 is set for a workbook in the 1904 date system (older Mac
	// Excel): its date serials count days from 1904-01-01.
	date1904 bool
	header   []string // as written, trimmed
	// colOf maps a source column to a canonical column index, or -1 for a
	// column kept in Offer.Other (unknown, or a duplicate).
	colOf []int
	// srcOf maps a canonical column index to its source column, or -1.
	srcOf []int
	// order lists the present canonical columns in input order.
	order []int
	// warn receives warnings about rows read but not analyzed (Options.Warn).
	warn func(string)
	// canonical is the header handed to gocsv.
	canonical []string
	// currency holds, per canonical column, a foreign currency its header
	// names ("Base (EUR)"); its amounts are rejected, never converted.
	currency []string
}

// minKnownColumns is how many known column names make a row the header.
const minKnownColumns = 3

// maxHeaderSearch is how many rows are searched for the header.
const maxHeaderSearch = 100

// findHeader reads rows until one has at least minKnownColumns known column
// names and maps it; the rows above it (titles) are skipped.
func findHeader(src source, file, sheet string, european, xlsx bool) (*layout, error) {
	rec, row, err := seekHeader(src, func(h string) bool { _, ok := CanonicalColumn(h); return ok })
	if err == errHeaderNotFound {
		return nil, &RowError{File: file, Sheet: sheet, Err: fmt.Errorf("%w (want a row naming columns such as level, location, base, rsu_value)", ErrNoHeader)}
	}
	if err != nil {
		return nil, err
	}
	return newLayout(rec, row, file, sheet, european, xlsx)
}

// errHeaderNotFound is seekHeader's "no row looked like a header".
var errHeaderNotFound = errors.New("no header row")

// seekHeader reads rows (skipping malformed ones) until one has at least
// minKnownColumns cells that known accepts, within maxHeaderSearch rows: the
// header of an offers, bands or premiums file, below any title rows. It
// returns errHeaderNotFound when none does.
func seekHeader(src source, known func(string) bool) ([]string, int, error) {
	for n := 0; n < maxHeaderSearch; n++ {
		rec, row, err := src.next()
		if err != nil {
			var re *recordError
			if errors.As(err, &re) {
				continue
			}
			if err == io.EOF {
				break
			}
			return nil, 0, err
		}
		count := 0
		for _, h := range rec {
			if known(h) {
				count++
			}
		}
		if count >= minKnownColumns {
			return rec, row, nil
		}
	}
	return nil, 0, errHeaderNotFound
}

// newLayout maps a header row. Two columns that mean the same canonical
// column ("Base Salary" and "base") are a file-level *RowError wrapping
// ErrDuplicateColumn, since either could be the one meant; a missing
// required column is a file-level *RowError wrapping ErrMissingColumn.
func newLayout(rec []string, row int, file, sheet string, european, xlsx bool) (*layout, error) {
	l := &layout{
		file: file, sheet: sheet, idBase: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)),
		european: european, xlsx: xlsx,
		header:   make([]string, len(rec)),
		colOf:    make([]int, len(rec)),
		srcOf:    make([]int, len(columns)),
		currency: make([]string, len(columns)),
	}
	for i := range l.srcOf {
		l.srcOf[i] = -1
	}
	for j, h := range rec {
		l.header[j] = trim(h)
		l.colOf[j] = -1
		if name, ok := CanonicalColumn(h); ok {
			ci := columnIndex[name]
			if k := l.srcOf[ci]; k >= 0 {
				return nil, &RowError{File: file, Sheet: sheet, Row: row, Column: l.header[j],
					Err: fmt.Errorf("%w: %q (%s) and %q (%s) both mean %s; delete or rename one of them",
						ErrDuplicateColumn, l.header[k], l.position(k), l.header[j], l.position(j), name)}
			}
			{
				l.srcOf[ci] = j
				l.colOf[j] = ci
				l.order = append(l.order, ci)
				l.canonical = append(l.canonical, name)
				if columns[ci].money {
					l.currency[ci] = headerCurrency(h)
				}
			}
		}
	}
	l.canonical = append(l.canonical, synthRow, synthOther, synthError)

	var first string
	var missing []string
	for _, name := range requiredColumns {
		if l.srcOf[columnIndex[name]] < 0 {
			if first == "" {
				first = name
			}
			missing = append(missing, strconv.Quote(name))
		}
	}
	if l.srcOf[idxRSUValue] < 0 && l.srcOf[idxRSUShares] < 0 && l.srcOf[idxOptionShares] < 0 {
		if first == "" {
			first = colRSUValue
		}
		missing = append(missing, `"rsu_value" or "rsu_shares"`)
	}
	if len(missing) > 0 {
		return nil, &RowError{File: file, Sheet: sheet, Row: row, Column: first,
			Err: fmt.Errorf("%w %s", ErrMissingColumn, strings.Join(missing, ", "))}
	}
	return l, nil
}

// columnName names source column j for Offer.Other when its header is blank
// or the row is longer than the header.
func (l *layout) columnName(j int) string {
	if j < len(l.header) && l.header[j] != "" {
		return l.header[j]
	}
	return l.position(j)
}

// position names source column j by its place: "column 3" in a CSV file,
// "column C" in a workbook.
func (l *layout) position(j int) string {
	if l.xlsx {
		return "column " + columnLetters(j+1)
	}
	return "column " + strconv.Itoa(j+1)
}

// columnLetters returns the spreadsheet letters of 1-based column n.
func columnLetters(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// adapter is the gocsv.CSVReader handed to gocsv: its first record is the
// layout's canonical header, then one record per data row with the mapped
// cells and the synthetic columns. Blank rows and total rows are skipped
// here and never reach gocsv.
type adapter struct {
	src        source
	l          *layout
	headerSent bool
	out        []string
	buf        []byte
	stop       atomic.Bool
	// skipped, totals and totalRows are written on gocsv's goroutine and
	// read only after gocsv has returned: rows skipped (blank or totals),
	// totals rows, and the first totals rows' numbers.
	skipped   int
	totals    int
	totalRows []int
}

// errStopped ends gocsv's read loop when the caller stops early.
var errStopped = errors.New("importers: stopped")

// Read returns the next record for gocsv.
func (a *adapter) Read() ([]string, error) {
	if !a.headerSent {
		a.headerSent = true
		return a.l.canonical, nil
	}
	for {
		if a.stop.Load() {
			return nil, errStopped
		}
		rec, row, err := a.src.next()
		if err != nil {
			var re *recordError
			if errors.As(err, &re) {
				return a.errorRecord(re), nil
			}
			return nil, err
		}
		switch rowKind(rec) {
		case blankRow:
			a.skipped++
			continue
		case totalRow:
			a.skipped++
			if a.totals++; len(a.totalRows) < maxNamedRows {
				a.totalRows = append(a.totalRows, row)
			}
			continue
		}
		return a.record(rec, row), nil
	}
}

// ReadAll reads every remaining record. gocsv's streaming decoder does not
// call it; it completes the gocsv.CSVReader interface.
func (a *adapter) ReadAll() ([][]string, error) {
	var all [][]string
	for {
		rec, err := a.Read()
		if err == io.EOF {
			return all, nil
		}
		if err != nil {
			return all, err
		}
		all = append(all, append([]string(nil), rec...))
	}
}

// record maps one source row onto the canonical header. The returned slice
// is reused: gocsv copies the strings out before it reads again.
func (a *adapter) record(rec []string, row int) []string {
	n := len(a.l.order)
	if a.out == nil {
		a.out = make([]string, n+3)
	}
	out := a.out
	for k, ci := range a.l.order {
		if j := a.l.srcOf[ci]; j < len(rec) {
			out[k] = rec[j]
		} else {
			out[k] = ""
		}
	}
	out[n] = strconv.Itoa(row)
	out[n+1] = a.encodeOther(rec)
	out[n+2] = ""
	return out
}

// errorRecord turns an unreadable record into a record whose __error column
// carries the reason, so it is rejected in its place in the input order.
func (a *adapter) errorRecord(re *recordError) []string {
	n := len(a.l.order)
	out := make([]string, n+3)
	out[n] = strconv.Itoa(re.row)
	out[n+2] = re.err.Error()
	return out
}

// encodeOther packs the non-blank cells of the unknown columns (and of
// cells past the header's width) as "col:len:value" items, in input order.
// Blank ones are not kept, so a header of thousands of unknown columns costs
// nothing per row.
func (a *adapter) encodeOther(rec []string) string {
	b := a.buf[:0]
	for j, v := range rec {
		if j < len(a.l.colOf) && a.l.colOf[j] >= 0 || trim(v) == "" {
			continue
		}
		b = strconv.AppendInt(b, int64(j), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(len(v)), 10)
		b = append(b, ':')
		b = append(b, v...)
	}
	a.buf = b
	if len(b) == 0 {
		return ""
	}
	return string(b)
}

// decodeOther unpacks encodeOther's text into named fields. In a CSV file,
// non-blank cells beyond the header's width are returned apart as extra:
// they mean the row does not line up with the header (a line break or a
// comma that lost its quotes), and the row is rejected rather than read
// askew. In a workbook they are kept like unknown columns.
func (l *layout) decodeOther(s string) (other, extra []analyzer.Field) {
	for s != "" {
		i := strings.IndexByte(s, ':')
		j, _ := strconv.Atoi(s[:i])
		s = s[i+1:]
		i = strings.IndexByte(s, ':')
		n, _ := strconv.Atoi(s[:i])
		s = s[i+1:]
		f := analyzer.Field{Name: l.columnName(j), Value: s[:n]}
		if !l.xlsx && j >= len(l.header) {
			extra = append(extra, f)
		} else {
			other = append(other, f)
		}
		s = s[n:]
	}
	return other, extra
}

// extraError is the RowError for a CSV row with more cells than the header.
func (l *layout) extraError(row int, extra []analyzer.Field) *RowError {
	const listed = 5
	vals := make([]string, 0, listed+1)
	for i, f := range extra {
		if i == listed {
			vals = append(vals, fmt.Sprintf("and %d more", len(extra)-listed))
			break
		}
		vals = append(vals, strconv.Quote(clip(f.Value)))
	}
	what := "an extra value"
	if len(extra) > 1 {
		what = strconv.Itoa(len(extra)) + " extra values"
	}
	return &RowError{File: l.file, Sheet: l.sheet, Row: row, Column: clip(extra[0].Name), Value: clip(strings.Join(vals, ", ")),
		Err: fmt.Errorf("%w: the row has %s beyond the header's %d columns: %s (a comma or line break inside a value that is not in quotes?)",
			ErrExtraFields, what, len(l.header), strings.Join(vals, ", "))}
}

// skipRow reports whether a row is blank or a totals row (see rowKind).
func skipRow(rec []string) bool { return rowKind(rec) != dataRow }

// Kinds of row, for skipping.
const (
	dataRow  = iota
	blankRow // every cell blank
	totalRow // a totals row: see rowKind
)

// rowKind says whether a row is blank, a totals row or data. A totals row
// starts with "Total", "Totals", "Sum", "Grand total" or "Subtotal" as its
// first non-blank cell and has nothing but numbers in its other cells: a row
// whose first cell says "Total" but that names a level, a location or any
// other text (an offer from a company named Total) is data.
func rowKind(rec []string) int {
	for i, v := range rec {
		v = trim(v)
		if v == "" {
			continue
		}
		switch strings.ToLower(strings.TrimRight(v, ":")) {
		case "total", "totals", "sum", "grand total", "grand totals", "subtotal", "sub-total":
			for _, w := range rec[i+1:] {
				if hasLetter(w) {
					return dataRow
				}
			}
			return totalRow
		}
		return dataRow
	}
	return blankRow
}

// hasLetter reports whether s holds a letter.
func hasLetter(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r|0x20 && r|0x20 <= 'z' {
				return true
			}
			continue
		}
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// maxNamedRows is how many row numbers a warning names.
const maxNamedRows = 10

// totalsWarning names the totals rows a file skipped.
func (l *layout) totalsWarning(rows []int, n int) string {
	where := l.file
	if l.sheet != "" {
		where += ", sheet " + strconv.Quote(l.sheet)
	}
	nums := make([]string, len(rows))
	for i, r := range rows {
		nums[i] = strconv.Itoa(r)
	}
	list := strings.Join(nums, ", ")
	if n > len(rows) {
		list += fmt.Sprintf(" and %d more", n-len(rows))
	}
	what := "a totals row"
	if n > 1 {
		what = strconv.Itoa(n) + " totals rows"
	}
	return fmt.Sprintf("%s: %s skipped (row %s): the first cell says Total or Sum and the others hold only numbers; "+
		"an offer there needs its level or location written out", where, what, list)
}

// readAhead is how many decoded rows gocsv may queue ahead of conversion,
// so decoding and conversion overlap on two cores.
const readAhead = 64

// run decodes the data rows of a mapped source through gocsv and converts
// each into an offer or a RowError. gocsv decodes on its own goroutine into
// a channel; emit and reject are called on the caller's goroutine, in input
// order. On a stop the channel is drained, so gocsv's goroutine always ends.
func run(ctx context.Context, src source, l *layout, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	var st Stats
	a := &adapter{src: src, l: l}
	rows := make(chan *offerRow, readAhead)
	done := make(chan error, 1)
	go func() {
		done <- gocsv.UnmarshalDecoderToChan(gocsv.NewSimpleDecoderFromCSVReader(a), rows)
	}()
	var stopErr error
	c := newConverter(l)
	for r := range rows {
		if stopErr != nil {
			continue // drain what gocsv read ahead; never reported
		}
		if err := ctx.Err(); err != nil {
			stopErr = err
			a.stop.Store(true)
			continue
		}
		st.Rows++
		o, rerrs := c.convert(r)
		if len(rerrs) > 0 {
			for _, e := range rerrs {
				e.Candidate = strings.TrimSpace(string(r.Candidate))
			}
			st.Rejected++
			if reject != nil {
				for _, e := range rerrs {
					reject(e)
				}
			}
			continue
		}
		st.Offers++
		if emit != nil {
			if err := emit(o); err != nil {
				stopErr = err
				a.stop.Store(true)
			}
		}
	}
	err := <-done
	st.Skipped, st.Totals = a.skipped, a.totals
	if a.totals > 0 && l.warn != nil {
		l.warn(l.totalsWarning(a.totalRows, a.totals))
	}
	if stopErr != nil {
		return st, stopErr
	}
	if err != nil && err != io.EOF {
		return st, err
	}
	return st, nil
}

// maxCachedSchedules bounds the per-file cache of parsed vesting texts.
const maxCachedSchedules = 256

// scheduleResult is a cached analyzer.ParseSchedule result.
type scheduleResult struct {
	s   analyzer.Schedule
	err error
}

// converter turns decoded rows of one file into offers. It runs on the
// caller's goroutine only.
type converter struct {
	l         *layout
	schedules map[string]scheduleResult
	// style is the file's number convention (styleUS or styleEuropean)
	// once a number has decided it, and styleAt the cell that did.
	style   int
	styleAt string
}

// styledColumn marks the columns whose numbers follow the file's number
// convention: money, counts, percentages and scores (not dates or words).
var styledColumn = func() []bool {
	m := make([]bool, len(columns))
	for ci, c := range columns {
		switch c.name {
		case colStartDate, colCompetingDeadline, colPreferred, colTaxResidence, colFilingStatus:
			continue
		}
		m[ci] = !textColumn[ci] && c.apply != nil
	}
	return m
}()

// convention returns whether number text t is read the European way. A
// CSV file's number convention is decided once, by its first number with a
// separator: one whose separators allow one reading only (1,234.56 or
// 175000.5 is US; 1.234,56 or 12,5 is European) decides it; one that allows
// both (300,000 or 185.500) is read the way the file's delimiter suggests
// (European for semicolons, US otherwise) and decides it too. A later
// number that only the other convention can read is rejected, never read
// the other way.
func (c *converter) convention(t string, row, ci int) (bool, error) {
	st := numberStyle(t)
	if st == styleUnknown {
		return c.l.european, nil
	}
	if c.style == styleUnknown {
		c.style = st
		if st == styleEither {
			c.style = styleUS
			if c.l.european {
				c.style = styleEuropean
			}
		}
		c.styleAt = fmt.Sprintf("row %d, column %q: %q", row, c.l.fail(row, ci, "", nil).Column, clip(t))
		return c.style == styleEuropean, nil
	}
	if st != styleEither && st != c.style {
		way, other := "the US way (1,234.56)", "the European way (1.234,56)"
		if c.style == styleEuropean {
			way, other = other, way
		}
		return false, fmt.Errorf("%w: the file writes numbers %s, as its first such number shows (%s), and this one %s; "+
			"write every number of the file one way", ErrNumberConvention, way, c.styleAt, other)
	}
	return c.style == styleEuropean, nil
}

func newConverter(l *layout) *converter {
	return &converter{l: l, schedules: make(map[string]scheduleResult)}
}

// schedule parses a vesting text, caching the few distinct texts a file
// has. Offers share the cached Schedule's slices, which are read-only.
func (c *converter) schedule(v string) (analyzer.Schedule, error) {
	if r, ok := c.schedules[v]; ok {
		return r.s, r.err
	}
	s, err := analyzer.ParseSchedule(v)
	if len(c.schedules) < maxCachedSchedules {
		c.schedules[v] = scheduleResult{s, err}
	}
	return s, err
}

// fail builds the RowError for canonical column ci of a row; the value
// kept is at most maxQuoted characters.
func (l *layout) fail(row, ci int, raw string, err error) *RowError {
	name := columns[ci].name
	if j := l.srcOf[ci]; j >= 0 && l.header[j] != "" {
		name = clip(l.header[j])
	}
	return &RowError{File: l.file, Sheet: l.sheet, Row: row, Column: name, Value: clip(raw), Err: err}
}

// maxParsedCell is the longest text a cell of a parsed column (money,
// number, percentage, date, schedule) may hold: longer is rejected at once,
// before any parsing, so a million-digit number costs no more than a short one.
const maxParsedCell = 80

// maxQuoted is how many characters of a value a message quotes.
const maxQuoted = 80

// clip returns s cut to maxQuoted characters (whole UTF-8 characters),
// marked with "…" when cut.
func clip(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	n := 0
	for i := range s {
		if n == maxQuoted {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// convert turns one decoded row into an offer, or into one RowError per bad
// cell (in input order), so a row with three problems shows all three.
func (c *converter) convert(r *offerRow) (*analyzer.Offer, []*RowError) {
	l := c.l
	row, _ := strconv.Atoi(string(r.Row))
	if r.Error != "" {
		return nil, []*RowError{{File: l.file, Sheet: l.sheet, Row: row, Err: fmt.Errorf("%w: %s", ErrMalformedRow, r.Error)}}
	}

	o := &analyzer.Offer{Source: analyzer.Source{File: l.file, Sheet: l.sheet, Row: row}}
	v := reflect.ValueOf(r).Elem()
	haveVesting := false
	var errs []*RowError
	for _, ci := range l.order {
		raw := rawCell(v, ci)
		if l.xlsx && len(raw) > 0 && raw[0] == 0 && raw == noValueMarker {
			errs = append(errs, l.fail(row, ci, "", ErrFormulaNoValue))
			continue
		}
		if ci == idxNotes {
			o.Notes = raw
			continue
		}
		t := trim(raw)
		if t == "" {
			if columns[ci].required {
				errs = append(errs, l.fail(row, ci, raw, ErrMissingValue))
			}
			continue
		}
		if len(t) > maxParsedCell && !textColumn[ci] || ci == idxVesting && len(t) > maxParsedCell {
			errs = append(errs, l.fail(row, ci, raw, fmt.Errorf("%w: %d characters, longer than any amount, date or schedule (it starts %q)",
				ErrTooLong, len(t), clip(t))))
			continue
		}
		if l.xlsx && !textColumn[ci] {
			t = excelPrecision(t)
			if l.date1904 && (columns[ci].name == colStartDate || columns[ci].name == colCompetingDeadline) {
				t = serialFrom1904(t)
			}
		}
		if cur := l.currency[ci]; cur != "" {
			errs = append(errs, l.fail(row, ci, raw, fmt.Errorf("%w: the column is in %s", ErrCurrency, cur)))
			continue
		}
		if ci == idxVesting {
			s, err := c.schedule(t)
			if err != nil {
				errs = append(errs, l.fail(row, ci, raw, err))
				continue
			}
			o.Schedule, haveVesting = s, true
			continue
		}
		european := l.european
		if !l.xlsx && styledColumn[ci] {
			var err error
			if european, err = c.convention(t, row, ci); err != nil {
				errs = append(errs, l.fail(row, ci, raw, err))
				continue
			}
		}
		if err := columns[ci].apply(o, t, european); err != nil {
			errs = append(errs, l.fail(row, ci, raw, err))
		}
	}
	if !o.RSUValue.Valid && !o.RSUShares.Valid && !grantElsewhere(o) && !c.rsuFailed(errs) {
		ci := idxRSUValue
		if l.srcOf[ci] < 0 {
			ci = idxRSUShares
		}
		errs = append(errs, l.fail(row, ci, "", fmt.Errorf("%w (rsu_value or rsu_shares)", ErrMissingValue)))
	}
	if r.Other != "" {
		other, extra := l.decodeOther(string(r.Other))
		if len(extra) > 0 {
			errs = append(errs, l.extraError(row, extra))
		}
		o.Other = other
	}
	if len(errs) > 0 {
		return nil, errs
	}
	applyDefaults(o, l.idBase, row, haveVesting)
	return o, nil
}

// rsuFailed reports whether errs already names the rsu_value or rsu_shares
// cell, so a bad grant is not also reported as a missing one.
func (c *converter) rsuFailed(errs []*RowError) bool {
	for _, e := range errs {
		for _, ci := range []int{idxRSUValue, idxRSUShares} {
			if j := c.l.srcOf[ci]; j >= 0 && e.Column == c.l.columnName(j) || e.Column == columns[ci].name {
				return true
			}
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
