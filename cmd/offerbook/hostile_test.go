package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// hostileWorkbook writes a one-offer workbook, encrypted when password is
// set.
func hostileWorkbook(t *testing.T, path, password string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range [][]any{{"id", "level", "location", "base", "rsu_value"}, {"x-1", "L5", "Seattle", 175000, 300000}} {
		if err := f.SetSheetRow("Sheet1", "A"+string(rune('1'+i)), &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
	if path != "" {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// damageSheet rewrites a workbook with an undefined XML entity in its
// sheet's second row.
func damageSheet(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		if f.Name == "xl/worksheets/sheet1.xml" {
			b = bytes.Replace(b, []byte("<v>175000</v>"), []byte("<v>&bogus;</v>"), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}

// TestHostileInputs runs analyze on broken and hostile inputs beside a good
// one: each unreadable file is one rejection in words, the others go on.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("offers.csv", []byte("id,level,location,base,rsu_value\ng-1,L5,Seattle,175000,300000\n"))
	wb := hostileWorkbook(t, "", "")
	truncated := write("truncated.xlsx", wb[:len(wb)/2])
	notZip := write("notzip.xlsx", []byte("hello, I am not a workbook\n"))
	xls := write("old.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...))
	goodX := filepath.Join(dir, "goodx.xlsx")
	hostileWorkbook(t, goodX, "")
	locked := filepath.Join(dir, "locked.xlsx")
	hostileWorkbook(t, locked, "pw")
	damaged := write("damaged.xlsx", damageSheet(t, wb))
	cp1252 := write("latin.csv", []byte("id,candidate,level,location,base,rsu_value\nl-1,Jos\xe9 M\xfcller,L5,Seattle,175000,300000\n"))
	v2 := write("v2.csv", []byte("level,location,base,rsu_value,vesting,bonus_pct\n,Seattle,175000,300000,4 years,15% target\nL5,Seattle,175000,300000,,\n"))
	if err := os.Symlink(good, filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		args   []string
		exit   int
		stderr []string // each must appear
	}{
		{"broken files beside a good one", []string{good, truncated, notZip, xls, locked, damaged}, 0, []string{
			"truncated.xlsx: damaged workbook: the file is cut short or damaged",
			"notzip.xlsx: not an XLSX workbook: it does not start like an XLSX workbook",
			"old.xls: unknown input format: an old Excel 97–2003 workbook (.xls); open it in Excel and save it as \"Excel Workbook (.xlsx)\"",
			"locked.xlsx: password-protected workbook: the workbook is protected with a password; give it with --password",
			"damaged.xlsx[Sheet1]:1: damaged workbook: the sheet is damaged and reading stopped after row 1 (XML syntax error on line 2: invalid character entity &bogus;); the rows after it were not read",
			"1 row read → 1 offer analyzed, 0 rejected; 5 files rejected whole",
		}},
		{"strict", []string{good, notZip, "--strict"}, 3, []string{"1 file rejected whole"}},
		{"sheet not found, named once", []string{goodX, "--sheet", "Nope"}, 1, []string{
			"\n" + goodX + `: sheet not found: "Nope" (the workbook has "Sheet1")` + "\n"}},
		{"every problem in a row", []string{v2}, 0, []string{
			v2 + `:2: column "level": missing required value`,
			v2 + `:2: column "vesting": unknown vesting schedule "4 years"`,
			v2 + `:2: column "bonus_pct": invalid percent "15% target"`,
			"2 rows read → 1 offer analyzed, 1 rejected"}},
		{"nothing readable", []string{notZip, truncated}, 1, []string{"no input could be read"}},
		{"password", []string{locked, "--password", "pw"}, 0, []string{"1 row read → 1 offer analyzed, 0 rejected"}},
		{"wrong password", []string{locked, "--password", "nope"}, 1, []string{"locked.xlsx: password-protected workbook: the password given does not open this workbook"}},
		{"Windows-1252", []string{cp1252}, 0, []string{"offerbook: warning: " + cp1252 + ": the file is not UTF-8 text; it was read as Windows-1252", `"José Müller"`}},
		{"same file twice", []string{good, filepath.Join(dir, "link.csv")}, 0, []string{
			"csv is the same file as " + dir,
			".csv; it is read once",
			"1 row read → 1 offer analyzed"}},
		{"growth 1e300", []string{good, "--stock-growth", "1e300"}, 2, []string{`--stock-growth "1e300": want a yearly rate above -100% and at most 100%`}},
		{"raise 150", []string{good, "--raise", "150"}, 2, []string{`--raise "150"`}},
		{"scenario -100", []string{good, "--scenarios", "0,-100"}, 2, []string{`--scenarios "-100"`}},
		{"2M scenarios", []string{good, "--scenarios", strings.Repeat("1,", 2_000_000) + "1"}, 2, []string{"--scenarios: 2000001 values; at most 20 growth rates"}},
		{"20 scenarios", []string{good, "--scenarios", strings.Repeat("1,", 19) + "1", "--format", "csv"}, 0, []string{"1 row read → 1 offer analyzed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"offerbook", "analyze", "--out-dir", t.TempDir()}, tc.args...)
			code := exitCode(run(context.Background(), args, &stdout, &stderr), &stderr)
			out := "\n" + stderr.String() + "\n" // so a want may anchor on whole lines
			if code != tc.exit {
				t.Errorf("exit %d, want %d\n%s", code, tc.exit, stderr.String())
			}
			for _, want := range tc.stderr {
				if !strings.Contains(out, want) {
					t.Errorf("stderr lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

// TestInputsNeverOverwritten checks that no output may replace any file the
// run reads: offers, bands, premiums, playbook, config.
func TestInputsNeverOverwritten(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "offers.csv")
	os.WriteFile(good, []byte("id,level,location,base,rsu_value\ng-1,L5,Seattle,175000,300000\n"), 0o644)
	bandsX := filepath.Join(dir, "b.xlsx")
	var bb bytes.Buffer
	if err := run(context.Background(), []string{"offerbook", "bands", "--export", bandsX}, &bb, &bb); err != nil {
		t.Fatal(err, bb.String())
	}
	premiums := filepath.Join(dir, "results.csv")
	os.WriteFile(premiums, []byte("source,kind,level,location,category,min_pct,max_pct\nmine,ai_ml_location,L6,Seattle,,15,25\n"), 0o644)
	errorsCSV := filepath.Join(dir, "errors.csv")
	os.WriteFile(errorsCSV, []byte("out-dir: "+dir+"\n"), 0o644)
	playbook := filepath.Join(dir, "results.json")
	os.WriteFile(playbook, []byte("{}\n"), 0o644)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"bands", []string{"analyze", good, "--bands", bandsX, "-o", bandsX}, "output " + bandsX + " is the input " + bandsX},
		{"premiums", []string{"analyze", good, "--premiums", premiums, "--format", "csv", "--out-dir", dir}, "is the input " + premiums},
		{"config", []string{"analyze", good, "--config", errorsCSV, "--format", "csv", "--out-dir", dir}, "is the input " + errorsCSV},
		{"playbook", []string{"analyze", good, "--playbook", playbook, "--format", "json", "--out-dir", dir}, "is the input " + playbook},
		{"bands export", []string{"bands", "--bands", bandsX, "--export", bandsX}, "is the input " + bandsX},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadFile(tc.args[len(tc.args)-1])
			var out bytes.Buffer
			code := exitCode(run(context.Background(), append([]string{"offerbook"}, tc.args...), &out, &out), &out)
			if code != 2 || !strings.Contains(out.String(), tc.want) {
				t.Errorf("exit %d, output:\n%s\nwant exit 2 saying %q", code, out.String(), tc.want)
			}
			for _, p := range []string{bandsX, premiums, errorsCSV, playbook} {
				if info, err := os.Stat(p); err != nil || info.Size() == 0 {
					t.Errorf("%s was damaged: %v", p, err)
				}
			}
			_ = before
		})
	}
}
