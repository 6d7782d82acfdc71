package importers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/xuri/excelize/v2"
)

// Limits applied when opening a workbook, against zip bombs: the whole
// unzipped package and the part of a worksheet's XML kept in memory (larger
// worksheets spill to a temporary file and still stream).
const (
	unzipSizeLimit    = 1 << 30 // 1 GiB
	unzipXMLSizeLimit = 16 << 20
)

func openOptions(tmpDir string) excelize.Options {
	return excelize.Options{
		TmpDir:            tmpDir,
		RawCellValue:      true,
		UnzipSizeLimit:    unzipSizeLimit,
		UnzipXMLSizeLimit: unzipXMLSizeLimit,
	}
}

// xlsxFile is the Reader for an XLSX workbook on disk.
type xlsxFile struct {
	path string
	opts Options
}

// Read checks and opens the workbook and reads its sheet. Every problem with
// the file as a whole is a file-level *RowError.
func (x xlsxFile) Read(ctx context.Context, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	f, w, err := openChecked(x.path, x.opts.Password, x.opts.TmpDir)
	if err != nil {
		return Stats{}, err
	}
	defer f.Close()
	return readWorkbook(ctx, f, w, x.path, x.opts, emit, reject)
}

// openChecked checks a workbook file as ReadFile does and opens it, and
// returns the checked package with what its scan found about each sheet;
// any problem is a file-level *RowError.
func openChecked(path, password, tmpDir string) (*excelize.File, *checkedWorkbook, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, openError(path, err)
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, nil, openError(path, err)
	}
	w, err := checkWorkbook(fh, info.Size(), path, password)
	if err != nil {
		return nil, nil, &RowError{File: path, Err: err}
	}
	w.tmpDir = tmpDir
	f, err := w.open()
	if err != nil {
		return nil, nil, &RowError{File: path, Err: err}
	}
	return f, w, nil
}

// ReadXLSX reads offers from an XLSX workbook given as a stream (read fully
// into memory; prefer ReadFile for large files); name is the file name used
// in positions and default ids. The sheet is Options.Sheet or the first
// visible one. The header row is the first row with at least three known
// column names, so title rows and merged title cells above it are skipped;
// blank rows and a "Total" row are skipped and counted in Stats.Skipped.
// Cells are read as raw values (full precision, dates as serials) and
// formula cells through their cached values. Row numbers are the sheet's own.
//
// The workbook is checked first: an encrypted workbook is opened with
// Options.Password or refused as password-protected; an old .xls file, a
// damaged or cut-short package, a part whose checksum or size is wrong, a
// part larger than the file's size can honestly hold (a decompression bomb),
// sheet XML that stops parsing part-way, and a sheet past Excel's 1,048,576
// rows are each a file-level *RowError naming the file, the sheet and the
// row where reading stopped. Rows read before a sheet turned out damaged
// have already been emitted and are counted in the returned Stats. See
// Reader for emit and reject.
func ReadXLSX(ctx context.Context, r io.Reader, name string, opts Options, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Stats{}, &RowError{File: name, Err: fmt.Errorf("cannot read the file: %w", err)}
	}
	w, err := checkWorkbook(bytes.NewReader(data), int64(len(data)), "", opts.Password)
	if err != nil {
		return Stats{}, &RowError{File: name, Err: err}
	}
	return readChecked(ctx, w, name, opts, emit, reject)
}

func readChecked(ctx context.Context, w *checkedWorkbook, name string, opts Options, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	f, err := w.open()
	if err != nil {
		return Stats{}, &RowError{File: name, Err: err}
	}
	defer f.Close()
	return readWorkbook(ctx, f, w, name, opts, emit, reject)
}

func readWorkbook(ctx context.Context, f *excelize.File, w *checkedWorkbook, name string, opts Options, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	sheets, err := chooseSheets(f, w, name, opts)
	var re *RowError
	if errors.As(err, &re) {
		return Stats{}, err
	}
	if err != nil {
		return Stats{}, &RowError{File: name, Err: err}
	}
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	var total Stats
	for _, sheet := range sheets {
		st, err := readSheet(ctx, f, w, name, sheet, date1904, opts, emit, reject)
		total = total.Add(st)
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// readSheet reads the offers of one sheet.
func readSheet(ctx context.Context, f *excelize.File, w *checkedWorkbook, name, sheet string, date1904 bool, opts Options, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	src, err := openSource(f, w, name, sheet, w.sheetFacts(sheet))
	if err != nil {
		return Stats{}, err
	}
	defer src.close()
	l, err := findHeader(src, name, sheet, false, true)
	if err != nil {
		return Stats{}, err
	}
	l.warn = opts.Warn
	l.date1904 = date1904
	return run(ctx, src, l, emit, reject)
}

// SheetAll is the Options.Sheet value that reads every sheet that holds
// offers (unless the workbook has a sheet of that very name).
const SheetAll = "all"

// maxScoredSheets bounds how many visible sheets are looked at when
// choosing the sheet to read, so a workbook of thousands of sheets costs
// little.
const maxScoredSheets = 64

// sheetScore is how well a sheet's header matches the offer columns.
type sheetScore struct {
	name   string
	known  int  // known column names in its header row (0: no header row)
	offers bool // the header has every required column
}

// chooseSheets returns the sheets to read: the one Options.Sheet names;
// every sheet with offers for "all"; or, by default, the visible sheet whose
// header row names the most offer columns (having every required column
// first, then the most known names, then the first in the workbook). With
// more than one visible sheet, Options.Warn is told which sheet was read
// and which other sheets also hold offers.
func chooseSheets(f *excelize.File, w *checkedWorkbook, name string, opts Options) ([]string, error) {
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%w: the workbook has no sheets", ErrSheetNotFound)
	}
	want := opts.Sheet
	if want != "" && !(strings.EqualFold(want, SheetAll) && !hasSheet(sheets, want)) {
		s, err := namedSheet(sheets, want)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	}
	// Visibility from the workbook part, once (excelize's GetSheetVisible
	// scans every sheet for each call).
	var visible []string
	if f.WorkBook != nil {
		for _, s := range f.WorkBook.Sheets.Sheet {
			if s.State == "" || s.State == "visible" {
				visible = append(visible, s.Name)
			}
		}
	}
	if len(visible) == 0 {
		visible = sheets[:1]
	}
	if len(visible) == 1 && want == "" {
		return visible, nil // nothing to choose
	}
	scored := visible
	if len(scored) > maxScoredSheets {
		scored = scored[:maxScoredSheets]
	}
	scores := make([]sheetScore, len(scored))
	best := 0
	for i, s := range scored {
		var err error
		if scores[i], err = scoreSheet(f, w, name, s); err != nil {
			return nil, err // a damaged sheet is never passed over for another
		}
		b := scores[best]
		if sc := scores[i]; sc.offers && !b.offers || sc.offers == b.offers && sc.known > b.known {
			best = i
		}
	}
	if want != "" { // all
		var out []string
		for _, sc := range scores {
			if sc.offers {
				out = append(out, sc.name)
			}
		}
		if len(out) == 0 {
			out = []string{scores[best].name} // its error says what is missing
		}
		if opts.Warn != nil && len(visible) > 1 {
			opts.Warn(fmt.Sprintf("%s: reading %s", name, sheetList(out)))
		}
		return out, nil
	}
	if opts.Warn != nil && len(visible) > 1 {
		var others []string
		for i, sc := range scores {
			if i != best && sc.offers {
				others = append(others, sc.name)
			}
		}
		msg := fmt.Sprintf("%s: read sheet %q, whose header matches the offer columns best (%d of them)", name, scores[best].name, scores[best].known)
		if len(others) > 0 {
			msg += fmt.Sprintf("; %s also %s offers and %s not read: give --sheet all to read every such sheet, or --sheet NAME",
				sheetList(others), plural(len(others), "holds", "hold"), plural(len(others), "was", "were"))
		}
		if len(visible) > maxScoredSheets {
			msg += fmt.Sprintf("; only the first %d of its %d visible sheets were looked at", maxScoredSheets, len(visible))
		}
		opts.Warn(msg)
	}
	return []string{scores[best].name}, nil
}

// sheetList names sheets: `sheet "A"` or `sheets "A", "B"`.
func sheetList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return plural(len(names), "sheet ", "sheets ") + strings.Join(q, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func hasSheet(sheets []string, name string) bool {
	for _, s := range sheets {
		if s == name {
			return true
		}
	}
	return false
}

// scoreSheet finds a sheet's header row, as reading it would, and says how
// many offer columns it names. A sheet damaged above its header is an error.
func scoreSheet(f *excelize.File, w *checkedWorkbook, name, sheet string) (sheetScore, error) {
	sc := sheetScore{name: sheet}
	src, err := openSource(f, w, name, sheet, w.sheetFacts(sheet))
	if err != nil {
		return sc, err
	}
	defer src.close()
	rec, row, err := seekHeader(src, func(h string) bool { _, ok := CanonicalColumn(h); return ok })
	if err == errHeaderNotFound {
		return sc, nil
	}
	if err != nil {
		return sc, err
	}
	for _, h := range rec {
		if _, ok := CanonicalColumn(h); ok {
			sc.known++
		}
	}
	_, err = newLayout(rec, row, name, sheet, false, true)
	sc.offers = err == nil
	return sc, nil
}

// pickSheet returns the sheet named want, or the first visible sheet (for
// bands, premiums and other one-table files).
func pickSheet(f *excelize.File, want string) (string, error) {
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return "", fmt.Errorf("%w: the workbook has no sheets", ErrSheetNotFound)
	}
	if want != "" {
		return namedSheet(sheets, want)
	}
	if f.WorkBook != nil {
		for _, s := range f.WorkBook.Sheets.Sheet {
			if s.State == "" || s.State == "visible" {
				return s.Name, nil
			}
		}
	}
	return sheets[0], nil
}

// namedSheet returns the sheet named want: exact name first, then
// case-insensitively.
func namedSheet(sheets []string, want string) (string, error) {
	for _, s := range sheets {
		if s == want {
			return s, nil
		}
	}
	for _, s := range sheets {
		if strings.EqualFold(s, want) {
			return s, nil
		}
	}
	quoted := make([]string, len(sheets))
	for i, s := range sheets {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return "", fmt.Errorf("%w: %q (the workbook has %s)", ErrSheetNotFound, want, strings.Join(quoted, ", "))
}

// xlsxSource streams a sheet's rows with their row numbers. excelize's
// iterator yields every row number in turn, including rows absent from the
// XML (as empty rows), so counting Next calls gives the sheet row.
//
// excelize's Rows.Next ends quietly when the sheet's XML stops parsing (an
// undefined entity, a bad tag), and Rows.Error stays nil, so a damaged sheet
// would look like a short one. xlsxSource therefore keeps one row in hand:
// a row is handed on only once the iterator has moved past it, and when the
// iterator ends, our own parse of the sheet's XML (check) says whether the
// sheet is whole. A row cut short by damage is never handed on.
type xlsxSource struct {
	rows        *excelize.Rows
	check       *sheetCheck // our own parse of this sheet's part, or nil
	file, sheet string
	row         int
	started     bool
	// cur is the row in hand and curRow its number; ended is set once the
	// iterator has nothing after it.
	cur    []string
	curRow int
	ended  bool
	err    error
	// last is the row number last handed on.
	last int
	// facts, when known, say which cells to read differently and where
	// the sheet stores a row or cell twice or out of order; merges walks
	// its merged ranges.
	facts  *sheetFacts
	merges mergeState
	// heldWhole is set when reading stopped at a row or cell stored twice
	// or out of order: the row in hand came before it and is whole.
	heldWhole bool
}

var rawCells = excelize.Options{RawCellValue: true}

func (s *xlsxSource) next() ([]string, int, error) {
	if !s.started {
		s.started = true
		s.advance()
	}
	if s.ended {
		if s.err != nil {
			return nil, 0, s.err
		}
		return nil, 0, io.EOF
	}
	rec, row := s.cur, s.curRow
	s.advance()
	if s.ended && s.err != nil && !s.heldWhole {
		return nil, 0, s.err // rec may be cut short by the damage
	}
	s.last = row
	return rec, row, nil
}

// advance reads the next row into cur, or sets ended (and err when the
// sheet did not end cleanly).
func (s *xlsxSource) advance() {
	if !s.rows.Next() {
		s.ended = true
		s.err = s.endError()
		return
	}
	s.row++
	if p := s.facts.damage(); p != nil && s.row >= p.stopRow() {
		// The row in hand was read whole: it is handed on, then the error.
		s.ended, s.heldWhole = true, true
		s.err = p.error(s.file, s.sheet, s.curRow)
		return
	}
	if s.row > ExcelMaxRows {
		s.ended = true
		s.err = &RowError{File: s.file, Sheet: s.sheet, Row: s.row - 1,
			Err: fmt.Errorf("%w: the sheet goes on past row 1,048,576, the most a spreadsheet has; "+
				"the file is damaged or was not written by a spreadsheet program (rows up to 1,048,576 were read)", ErrTooLarge)}
		return
	}
	cols, err := s.rows.Columns(rawCells)
	if err != nil {
		s.ended = true
		s.err = s.stopped(err)
		return
	}
	if s.facts != nil {
		cols = s.facts.apply(s.row, cols, &s.merges)
	}
	s.cur, s.curRow = cols, s.row
}

// endError says whether the sheet ended cleanly: nil, or the file-level
// error for the damage that stopped the iterator.
func (s *xlsxSource) endError() error {
	if err := s.rows.Error(); err != nil {
		return s.stopped(err)
	}
	if err := s.check.result(); err != nil {
		return s.stopped(err)
	}
	return nil
}

// stopped is the file-level error for reading that stopped after the rows
// handed on so far.
func (s *xlsxSource) stopped(err error) error {
	where := "before its first row"
	if s.last > 0 {
		where = fmt.Sprintf("after row %d", s.last)
	}
	if errors.Is(err, excelize.ErrMaxRows) {
		return &RowError{File: s.file, Sheet: s.sheet, Row: s.last,
			Err: fmt.Errorf("%w: the sheet names a row past 1,048,576, the most a spreadsheet has; reading stopped %s", ErrTooLarge, where)}
	}
	return &RowError{File: s.file, Sheet: s.sheet, Row: s.last,
		Err: fmt.Errorf("%w: the sheet is damaged and reading stopped %s (%v); the rows after it were not read; "+
			"open the file in a spreadsheet program and save it again", ErrDamagedWorkbook, where, err)}
}

// openSource opens a sheet's row iterator and starts our own parse of the
// sheet's part beside it; facts may be nil. The caller closes the source.
func openSource(f *excelize.File, w *checkedWorkbook, file, sheet string, facts *sheetFacts) (*xlsxSource, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, &RowError{File: file, Sheet: sheet, Err: fmt.Errorf("%w: %v", ErrDamagedWorkbook, err)}
	}
	return &xlsxSource{rows: rows, check: w.checkSheet(f, sheet), file: file, sheet: sheet, facts: facts}, nil
}

// close closes the row iterator and stops the parse if it still runs.
func (s *xlsxSource) close() {
	s.check.cancel()
	_ = s.rows.Close()
}
