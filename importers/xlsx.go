package importers

import (
	"context"
	"fmt"
	"io"
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

func openOptions() excelize.Options {
	return excelize.Options{
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

// Read opens the workbook and reads its sheet.
func (x xlsxFile) Read(ctx context.Context, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	o := openOptions()
	o.TmpDir = x.opts.TmpDir
	f, err := excelize.OpenFile(x.path, o)
	if err != nil {
		return Stats{}, fmt.Errorf("%s: %w", x.path, err)
	}
	defer f.Close()
	return readWorkbook(ctx, f, x.path, x.opts, emit, reject)
}

// ReadXLSX reads offers from an XLSX workbook given as a stream (read fully
// into memory by excelize; prefer ReadFile for large files); name is the file
// name used in positions and default ids. The sheet is Options.Sheet or the
// first visible one. The header row is the first row with at least three
// known column names, so title rows and merged title cells above it are
// skipped; blank rows and a "Total" row are skipped and counted in
// Stats.Skipped. Cells are read as raw values (full precision, dates as
// serials) and formula cells through their cached values. Row numbers are
// the sheet's own. See Reader for emit and reject.
func ReadXLSX(ctx context.Context, r io.Reader, name string, opts Options, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	f, err := excelize.OpenReader(r, openOptions())
	if err != nil {
		return Stats{}, fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	return readWorkbook(ctx, f, name, opts, emit, reject)
}

func readWorkbook(ctx context.Context, f *excelize.File, name string, opts Options, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	sheet, err := pickSheet(f, opts.Sheet)
	if err != nil {
		return Stats{}, fmt.Errorf("%s: %w", name, err)
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return Stats{}, fmt.Errorf("%s[%s]: %w", name, sheet, err)
	}
	defer rows.Close()
	src := &xlsxSource{rows: rows}
	l, err := findHeader(src, name, sheet, false, true)
	if err != nil {
		return Stats{}, err
	}
	return run(ctx, src, l, emit, reject)
}

// pickSheet returns the sheet to read: the one asked for (exact name first,
// then case-insensitively), or the first visible sheet.
func pickSheet(f *excelize.File, want string) (string, error) {
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return "", fmt.Errorf("%w: the workbook has no sheets", ErrSheetNotFound)
	}
	if want == "" {
		for _, s := range sheets {
			if visible, err := f.GetSheetVisible(s); err == nil && visible {
				return s, nil
			}
		}
		return sheets[0], nil
	}
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
type xlsxSource struct {
	rows *excelize.Rows
	row  int
}

var rawCells = excelize.Options{RawCellValue: true}

func (s *xlsxSource) next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, 0, err
		}
		return nil, 0, io.EOF
	}
	s.row++
	cols, err := s.rows.Columns(rawCells)
	if err != nil {
		return nil, 0, err
	}
	return cols, s.row, nil
}
