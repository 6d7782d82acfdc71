package importers

import (
	"errors"
	"fmt"
	"os"

	"github.com/offerbook/offerbook/analyzer"
)

// Sentinel errors. A RowError or a file-level error wraps one of them, so
// callers and tests use errors.Is.
var (
	// ErrInvalidAmount means a money cell is not an amount.
	ErrInvalidAmount = errors.New("invalid amount")
	// ErrTooLong means a money, number, date or schedule cell is longer
	// than any such value: rejected before it is parsed.
	ErrTooLong = errors.New("value too long")
	// ErrNumberConvention means a number is written with the other
	// convention (1.234,56 against 1,234.56) than the file's first numbers.
	ErrNumberConvention = errors.New("number written the other way")
	// ErrInvalidPercent means a percentage cell is not a percentage.
	ErrInvalidPercent = errors.New("invalid percent")
	// ErrInvalidDate means a date cell is not a date.
	ErrInvalidDate = errors.New("invalid date")
	// ErrInvalidNumber means a number cell (shares, scores) is not a number
	// or is out of range.
	ErrInvalidNumber = errors.New("invalid number")
	// ErrExtraColumn means a row of a bands or levels file has a value in
	// a column the file format does not have.
	ErrExtraColumn = errors.New("a value in a column the file does not have")
	// ErrUnknownCompanyType means a band row names a company type offerbook
	// does not know.
	ErrUnknownCompanyType = errors.New("unknown company type")
	// ErrInvalidChoice means a yes/no cell holds something else.
	ErrInvalidChoice = errors.New("invalid yes/no")
	// ErrCurrency means a money cell names a currency other than USD;
	// offerbook never converts currencies silently.
	ErrCurrency = errors.New("currency is not USD")
	// ErrMissingColumn means a required column (level, location, base, and
	// one of rsu_value or rsu_shares) is absent from the header. It is a
	// file-level error: no rows are read.
	ErrMissingColumn = errors.New("missing required column")
	// ErrMissingValue means a required cell is blank.
	ErrMissingValue = errors.New("missing required value")
	// ErrNoHeader means no header row was found: no row within the first
	// rows of the file has at least three known column names.
	ErrNoHeader = errors.New("no header row found")
	// ErrUnknownFormat means a file's extension is neither CSV nor XLSX.
	ErrUnknownFormat = errors.New("unknown input format")
	// ErrMalformedRow means a CSV record could not be read at all (a
	// misplaced quote); the row is rejected and reading goes on.
	ErrMalformedRow = errors.New("malformed row")
	// ErrExtraFields means a CSV row has more cells than the header: the
	// row does not line up with the columns, so it is rejected.
	ErrExtraFields = errors.New("more values than columns")
	// ErrDuplicateColumn means two header cells name the same column (after
	// aliases are folded); the file is rejected whole.
	ErrDuplicateColumn = errors.New("duplicate column")
	// ErrNotXLSX means a file named .xlsx is not an XLSX workbook: an old
	// .xls file, or another kind of file renamed.
	ErrNotXLSX = errors.New("not an XLSX workbook")
	// ErrPassword means a workbook is password-protected and no password,
	// or a wrong one, was given.
	ErrPassword = errors.New("password-protected workbook")
	// ErrDamagedWorkbook means a workbook is cut short or corrupt: a part
	// whose checksum or size is wrong, or sheet XML that does not parse.
	ErrDamagedWorkbook = errors.New("damaged workbook")
	// ErrFormulaNoValue means a workbook cell holds a formula whose value
	// was never computed and saved (a file written by a program, such as
	// openpyxl, that does not calculate): it is rejected, never read as 0.
	ErrFormulaNoValue = errors.New("formula without a saved value: open the file in a spreadsheet program and save it, so its values are computed")
	// ErrTooLarge means a workbook would unpack to far more than its file
	// size can honestly hold (a decompression bomb), or a sheet has more
	// rows than Excel allows.
	ErrTooLarge = errors.New("workbook too large")
	// ErrSheetNotFound means the sheet asked for with Options.Sheet is not
	// in the workbook.
	ErrSheetNotFound = errors.New("sheet not found")
)

// RowError is an input row that did not become an offer: where it was, the
// first column found wrong, its raw value and why. Row is the spreadsheet row
// (the header row of a CSV file is row 1; an XLSX row is the sheet's own row
// number); Sheet is blank for CSV; Column is the header as written in the
// file.
type RowError struct {
	File   string
	Sheet  string
	Row    int
	Column string
	Value  string
	Err    error
	// Candidate is the row's candidate column, when it had one.
	Candidate string
}

// Error returns a one-line message such as
// `offers.csv:4: column "base": invalid amount "12,5k"`, or for a workbook
// `offers.xlsx[Offers]:4: ...`.
func (e *RowError) Error() string {
	pos := e.File
	if e.Sheet != "" {
		pos += "[" + e.Sheet + "]"
	}
	if e.Row > 0 {
		pos += ":" + itoa(e.Row)
	}
	if e.Column == "" {
		return fmt.Sprintf("%s: %v", pos, e.Err)
	}
	return fmt.Sprintf("%s: column %q: %v", pos, e.Column, e.Err)
}

// Unwrap returns the underlying error, usually wrapping one of the package's
// sentinels or analyzer.ErrScheduleSum.
func (e *RowError) Unwrap() error { return e.Err }

// Rejection returns the error as an analyzer.Rejection for the Errors sheet
// and errors.csv; Reason is the message of Err alone, without the position.
func (e *RowError) Rejection() analyzer.Rejection {
	reason := ""
	if e.Err != nil {
		reason = e.Err.Error()
	}
	return analyzer.Rejection{
		File:   e.File,
		Sheet:  e.Sheet,
		Row:    e.Row,
		Column: e.Column,
		Value:  e.Value,
		Reason: reason,

		Candidate: e.Candidate,
	}
}

// openError is the file-level error for a file that cannot be opened.
func openError(path string, err error) *RowError {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is already in the message
	}
	return &RowError{File: path, Err: fmt.Errorf("cannot open the file: %w", err)}
}
