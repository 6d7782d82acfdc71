package importers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
)

// Options tune how a file is read.
type Options struct {
	// Sheet names the worksheet to read from an XLSX workbook (matched
	// case-insensitively); blank means the first visible sheet. It is
	// ignored for CSV.
	Sheet string
	// Password opens a password-protected (encrypted) XLSX workbook. It is
	// ignored for CSV.
	Password string
	// Warn, when set, receives warnings about a file that was read but not
	// as written: a CSV file that is not UTF-8 and was decoded as
	// Windows-1252. Each message names the file.
	Warn func(string)
	// TmpDir is where a large workbook's parts are unpacked while it is
	// read (blank: the system's temporary folder). A folder the caller
	// cleans after a killed run keeps a kill -9 from leaving them behind.
	TmpDir string
}

// Stats counts what a read saw. Rows is the number of data rows read, and
// Rows == Offers + Rejected always holds (Rejected counts rows, not their
// RowErrors); Skipped counts blank rows and
// totals rows, which are neither, and Totals the totals rows among them
// (each also named in a warning).
type Stats struct {
	Rows     int
	Offers   int
	Rejected int
	Skipped  int
	Totals   int
}

// Add returns the sum of two Stats, for totals over several files.
func (s Stats) Add(t Stats) Stats {
	return Stats{s.Rows + t.Rows, s.Offers + t.Offers, s.Rejected + t.Rejected, s.Skipped + t.Skipped, s.Totals + t.Totals}
}

// Reader reads the offers of one input file. Read calls emit for each offer
// and reject for each problem of a rejected row (one RowError per bad cell,
// so a row may be rejected with several; Stats.Rejected counts it once), in
// input order and on the calling goroutine, without holding the file's rows
// in memory. An error from emit or a cancelled ctx stops the read and is
// returned. A file-level problem (a file that cannot be opened, no header, a
// missing or duplicated column, a damaged, encrypted or oversized workbook)
// is returned as a *RowError and no rows are read; a read that fails part-way
// (a sheet whose XML stops parsing) returns a *RowError naming the row where
// it stopped, with the Stats of the rows before it. emit and reject may be
// nil.
type Reader interface {
	Read(ctx context.Context, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error)
}

// ForPath returns the Reader for a file by its extension: .csv and .txt are
// CSV, .xlsx and .xlsm are XLSX. Any other extension gives a file-level
// *RowError wrapping ErrUnknownFormat. The file is opened when Read is called.
func ForPath(path string, opts Options) (Reader, error) {
	// A named pipe, device or socket is refused before it is opened: opening
	// a pipe with no writer waits forever.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		what := "a folder"
		switch {
		case st.Mode()&os.ModeNamedPipe != 0:
			what = "a named pipe (FIFO)"
		case st.Mode()&os.ModeSocket != 0:
			what = "a socket"
		case st.Mode()&os.ModeDevice != 0:
			what = "a device"
		}
		return nil, &RowError{File: path, Err: fmt.Errorf("%w: it is %s, not a regular file", ErrUnknownFormat, what)}
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		return csvFile{path: path, opts: opts}, nil
	case ".xlsx", ".xlsm":
		return xlsxFile{path: path, opts: opts}, nil
	case ".xls":
		return nil, &RowError{File: path, Err: fmt.Errorf("%w: an old Excel 97–2003 workbook (.xls); open it in Excel and save it as \"Excel Workbook (.xlsx)\"", ErrUnknownFormat)}
	}
	return nil, &RowError{File: path, Err: fmt.Errorf("%w (want .csv or .xlsx)", ErrUnknownFormat)}
}

// ReadFile reads the offers of one CSV or XLSX file; see ForPath and Reader.
func ReadFile(ctx context.Context, path string, opts Options, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	r, err := ForPath(path, opts)
	if err != nil {
		return Stats{}, err
	}
	return r.Read(ctx, emit, reject)
}

// inputExtensions are the extensions Expand picks from a folder.
var inputExtensions = map[string]bool{".csv": true, ".xlsx": true, ".xlsm": true}

// Expand turns command-line inputs into a sorted list of files without
// duplicates. A file is kept as given (ForPath judges its extension later);
// a folder contributes its .csv, .xlsx and .xlsm files (not recursively),
// skipping hidden files and Office lock files ("~$offers.xlsx"); a pattern
// with *, ? or [ is expanded with filepath.Glob and must match something.
func Expand(args []string) ([]string, error) {
	return ExpandWarn(args, nil)
}

// ExpandWarn is Expand that also drops a file named twice under different
// paths (a symlink, a hard link, "./a.csv" and "a.csv"): each file is read
// once, and warn (when set) is told which name was dropped.
func ExpandWarn(args []string, warn func(string)) ([]string, error) {
	seen := make(map[string]bool)
	var kept []os.FileInfo
	var keptPath []string
	var out []string
	add := func(p string) {
		key := filepath.Clean(p)
		if seen[key] {
			return
		}
		seen[key] = true
		if info, err := os.Stat(p); err == nil {
			for i, k := range kept {
				if os.SameFile(info, k) {
					if warn != nil {
						warn(fmt.Sprintf("%s is the same file as %s; it is read once", p, keptPath[i]))
					}
					return
				}
			}
			kept, keptPath = append(kept, info), append(keptPath, p)
		}
		out = append(out, p)
	}
	addPath := func(p string, fromPattern bool) error {
		info, err := os.Stat(p)
		if err != nil {
			return err
		}
		if !info.IsDir() {
			if fromPattern && skipName(filepath.Base(p)) {
				return nil
			}
			add(p)
			return nil
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || skipName(name) || !inputExtensions[strings.ToLower(filepath.Ext(name))] {
				continue
			}
			add(filepath.Join(p, name))
		}
		return nil
	}
	for _, arg := range args {
		if strings.ContainsAny(arg, "*?[") {
			if _, err := os.Stat(arg); err != nil { // not a real file with such a name
				matches, err := filepath.Glob(arg)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", arg, err)
				}
				if len(matches) == 0 {
					return nil, fmt.Errorf("%s: no files match", arg)
				}
				for _, m := range matches {
					if err := addPath(m, true); err != nil {
						return nil, err
					}
				}
				continue
			}
		}
		if err := addPath(arg, false); err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// skipName reports whether a file name is hidden or an Office lock file.
func skipName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}
