package importers_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/offerbook/offerbook/importers"
)

// TestReadCSVEveryProblemInARow checks that a row with several bad cells
// reports each of them and counts as one rejected row.
func TestReadCSVEveryProblemInARow(t *testing.T) {
	text := "level,location,base,rsu_value,vesting,bonus_pct\n" +
		",Seattle,175000,300000,4 years,15% target\n" +
		"L5,Seattle,175000,300000,,\n"
	res := readCSV(t, "v2.csv", text)
	if res.err != nil {
		t.Fatal(res.err)
	}
	checkInvariant(t, res)
	if res.stats != (importers.Stats{Rows: 2, Offers: 1, Rejected: 1}) {
		t.Errorf("stats = %+v, want 2 rows, 1 offer, 1 rejected", res.stats)
	}
	want := []struct {
		column string
		err    error
	}{{"level", importers.ErrMissingValue}, {"vesting", nil}, {"bonus_pct", importers.ErrInvalidPercent}}
	if len(res.errs) != len(want) {
		t.Fatalf("got %d errors %v, want %d", len(res.errs), res.errs, len(want))
	}
	for i, w := range want {
		e := res.errs[i]
		if e.Row != 2 || e.Column != w.column || (w.err != nil && !errors.Is(e, w.err)) {
			t.Errorf("error %d = %v, want row 2 column %q", i, e, w.column)
		}
	}
	if id := res.offers[0].ID; id != "v2 row 3" {
		t.Errorf("default id = %q, want %q", id, "v2 row 3")
	}
}

// TestReadCSVHostileValues checks the messages a person sees for values
// that are readable but cannot be meant.
func TestReadCSVHostileValues(t *testing.T) {
	header := "level,location,base,rsu_value,vesting,start_date\n"
	tests := []struct {
		name, row, column, message string
		err                        error
	}{
		{"base in thousands", "L5,Seattle,175,300000,,", "base",
			`bad.csv:2: column "base": invalid amount "175" (a yearly base salary below $1,000 is not plausible; did you mean 175K?)`, importers.ErrInvalidAmount},
		{"base of a fraction of a cent", "L5,Seattle,0.004,300000,,", "base",
			`bad.csv:2: column "base": invalid amount "0.004" (a yearly base salary below $1,000 is not plausible; write it in dollars, such as 175000 or 175K)`, importers.ErrInvalidAmount},
		{"a sum", `L5,Seattle,"$90,000 + $70,000",300000,,`, "base",
			`bad.csv:2: column "base": invalid amount "$90,000 + $70,000" (a sum of several amounts is not accepted; write the total, such as 160000, or put each part in its own column)`, importers.ErrInvalidAmount},
		{"negative vesting", "L5,Seattle,175000,300000,40/-20/80,", "vesting",
			`bad.csv:2: column "vesting": unknown vesting schedule "40/-20/80": "-20" is negative; a vesting percentage is 0 or more`, nil},
		{"the issue's vesting", "L5,Seattle,175000,300000,40/-20/40,", "vesting",
			`bad.csv:2: column "vesting": unknown vesting schedule "40/-20/40": "-20" is negative; a vesting percentage is 0 or more`, nil},
		{"year 9999", "L5,Seattle,175000,300000,,9999-03-01", "start_date",
			`bad.csv:2: column "start_date": invalid date "9999-03-01" (the year 9999 is outside 1900–2200; check the date)`, importers.ErrInvalidDate},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readCSV(t, "bad.csv", header+tc.row+"\n")
			checkInvariant(t, res)
			if len(res.errs) != 1 {
				t.Fatalf("got %d errors %v, want 1", len(res.errs), res.errs)
			}
			e := res.errs[0]
			if e.Column != tc.column || e.Error() != tc.message || (tc.err != nil && !errors.Is(e, tc.err)) {
				t.Errorf("error = %q\nwant    %q", e.Error(), tc.message)
			}
		})
	}
}

// TestReadCSVExtraFields checks that a row longer than the header is
// rejected with the extra values named, never read askew.
func TestReadCSVExtraFields(t *testing.T) {
	text := "level,location,base,rsu_value\n" +
		"L5,Seattle,175000,300000,L6,Austin\n" +
		"L5,Seattle,175000,300000,,\n"
	res := readCSV(t, "x.csv", text)
	checkInvariant(t, res)
	if len(res.offers) != 1 || len(res.errs) != 1 {
		t.Fatalf("got %d offers, errors %v; want 1 offer (trailing blank cells are fine) and 1 error", len(res.offers), res.errs)
	}
	e := res.errs[0]
	want := `x.csv:2: column "column 5": more values than columns: the row has 2 extra values beyond the header's 4 columns: "L6", "Austin" (a comma or line break inside a value that is not in quotes?)`
	if !errors.Is(e, importers.ErrExtraFields) || e.Error() != want {
		t.Errorf("error = %q\nwant    %q", e.Error(), want)
	}
}

// TestReadDuplicateColumns checks that two headers meaning the same column
// reject the file, naming both.
func TestReadDuplicateColumns(t *testing.T) {
	tests := []struct{ name, header, want string }{
		{"same name", "level,location,base,base,rsu_value",
			`d.csv:1: column "base": duplicate column: "base" (column 3) and "base" (column 4) both mean base; delete or rename one of them`},
		{"alias", "Base Salary,level,location,rsu_value,base",
			`d.csv:1: column "base": duplicate column: "Base Salary" (column 1) and "base" (column 5) both mean base; delete or rename one of them`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readCSV(t, "d.csv", tc.header+"\nL5,Seattle,175000,175000,300000\n")
			if !errors.Is(res.err, importers.ErrDuplicateColumn) || res.err.Error() != tc.want {
				t.Fatalf("error = %v\nwant    %s", res.err, tc.want)
			}
			if res.stats.Rows != 0 || len(res.offers) != 0 {
				t.Errorf("rows were read: %+v", res.stats)
			}
		})
	}
}

// TestReadCSVLineEndsMixed checks that bare CR (old Mac exports) and mixed
// line ends each end a row, so no row is merged into the one before it.
func TestReadCSVLineEndsMixed(t *testing.T) {
	rows := []string{"level,location,base,rsu_value", "L5,Seattle,175000,300000", "L6,Austin,200000,400000", "L7,Remote,300000,900000"}
	for _, tc := range []struct{ name, text string }{
		{"bare CR", strings.Join(rows, "\r") + "\r"},
		{"mixed", rows[0] + "\r\n" + rows[1] + "\r" + rows[2] + "\n" + rows[3]},
		{"CR then blank line", rows[0] + "\r\r" + rows[1] + "\r" + rows[2] + "\r\n" + rows[3] + "\r"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := readCSV(t, "cr.csv", tc.text)
			if res.err != nil {
				t.Fatal(res.err)
			}
			checkInvariant(t, res)
			if len(res.offers) != 3 || len(res.errs) != 0 {
				t.Fatalf("got %d offers, errors %v; want 3 offers", len(res.offers), res.errs)
			}
			if res.offers[2].Level != "L7" {
				t.Errorf("third offer level %q", res.offers[2].Level)
			}
		})
	}
}

// utf16 encodes s as UTF-16 with the given byte order and an optional BOM.
func utf16(s string, bigEndian, bom bool) []byte {
	var out []byte
	put := func(u uint16) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	if bom {
		put(0xFEFF)
	}
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			put(uint16(0xD800 + r>>10))
			put(uint16(0xDC00 + r&0x3FF))
			continue
		}
		put(uint16(r))
	}
	return out
}

// TestReadCSVEncodings checks Excel's "Unicode text" (UTF-16 with a BOM,
// tab separated) and a Windows-1252 file: names come out as written, and
// the Windows-1252 file is reported through Options.Warn.
func TestReadCSVEncodings(t *testing.T) {
	text := "candidate\tlevel\tlocation\tbase\trsu_value\r\nJosé Müller\tL5\tSeattle\t175000\t300000\r\n"
	cp1252 := []byte("candidate,level,location,base,rsu_value\nJos\xe9 M\xfcller \x80,L5,Seattle,175000,300000\n")
	for _, tc := range []struct {
		name string
		data []byte
		want string
		warn bool
	}{
		{"UTF-16LE BOM", utf16(text, false, true), "José Müller", false},
		{"UTF-16BE BOM", utf16(text, true, true), "José Müller", false},
		{"UTF-16LE no BOM", utf16(text, false, false), "José Müller", false},
		{"UTF-8 BOM", append([]byte("\ufeff"), strings.ReplaceAll(text, "\t", ",")...), "José Müller", false},
		{"Windows-1252", cp1252, "José Müller €", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "enc.csv")
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			var warnings []string
			var res result
			emit, reject := collector(&res)
			res.stats, res.err = importers.ReadFile(context.Background(), path,
				importers.Options{Warn: func(s string) { warnings = append(warnings, s) }}, emit, reject)
			if res.err != nil {
				t.Fatal(res.err)
			}
			if len(res.offers) != 1 || len(res.errs) != 0 {
				t.Fatalf("got %d offers, errors %v", len(res.offers), res.errs)
			}
			if got := res.offers[0].Candidate; got != tc.want {
				t.Errorf("candidate = %q, want %q", got, tc.want)
			}
			if tc.warn != (len(warnings) == 1) {
				t.Fatalf("warnings = %q, want warn=%v", warnings, tc.warn)
			}
			if tc.warn && !strings.Contains(warnings[0], "enc.csv: the file is not UTF-8 text; it was read as Windows-1252") {
				t.Errorf("warning = %q", warnings[0])
			}
		})
	}
}

// TestReadCSVReadFailure checks that a file that fails part-way (a disk or
// network error) is a file-level *RowError after the rows before it.
func TestReadCSVReadFailure(t *testing.T) {
	r := io.MultiReader(strings.NewReader("level,location,base,rsu_value\nL5,Seattle,175000,300000\n"), iotest.ErrReader(errors.New("disk gone")))
	var res result
	emit, reject := collector(&res)
	res.stats, res.err = importers.ReadCSV(context.Background(), r, "f.csv", emit, reject)
	var fe *importers.RowError
	if !errors.As(res.err, &fe) || !strings.Contains(res.err.Error(), "disk gone") {
		t.Fatalf("error = %v, want a file-level *RowError", res.err)
	}
	checkInvariant(t, res)
}

// TestReadBandsHostile checks that a bands file goes through the same
// decoding and workbook checks as an offers file.
func TestReadBandsHostile(t *testing.T) {
	text, err := os.ReadFile("defaults/market-bands.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, err := importers.DefaultBands()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	utf16CR := filepath.Join(dir, "bands.csv")
	if err := os.WriteFile(utf16CR, utf16(strings.ReplaceAll(string(text), "\n", "\r"), false, true), 0o644); err != nil {
		t.Fatal(err)
	}
	bands, bad, err := importers.ReadBands(context.Background(), utf16CR, importers.Options{})
	if err != nil || len(bad) != 0 || len(bands) != len(want) {
		t.Errorf("UTF-16 bands with CR line ends: %d bands (want %d), bad %v, err %v", len(bands), len(want), bad, err)
	}
	notZip := filepath.Join(dir, "bands.xlsx")
	if err := os.WriteFile(notZip, text, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = importers.ReadBands(context.Background(), notZip, importers.Options{})
	if !errors.Is(err, importers.ErrNotXLSX) || strings.Count(err.Error(), "bands.xlsx") != 1 {
		t.Errorf("a CSV named .xlsx: error %v, want ErrNotXLSX naming the file once", err)
	}
}
