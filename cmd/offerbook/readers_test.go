package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Reader scripts: each prints the workbook's sheet names, one a line, then
// "A1=" and the first sheet's A1 text. They exit non-zero if the reader
// refuses the file.
const (
	exceljsScript = `const ExcelJS = require('exceljs');
const wb = new ExcelJS.Workbook();
wb.xlsx.readFile(process.argv[1]).then(() => {
  for (const ws of wb.worksheets) console.log(ws.name);
  const v = wb.worksheets[0].getCell('A1').value;
  console.log('A1=' + (v && typeof v === 'object' ? (v.richText ? v.richText.map(r => r.text).join('') : (v.result ?? v.text ?? '')) : (v ?? '')));
  console.log('creator=' + (wb.creator || ''));
}).catch(e => { console.error(String(e)); process.exit(1); });`
	sheetjsScript = `const XLSX = require('xlsx');
const wb = XLSX.readFile(process.argv[1]);
for (const n of wb.SheetNames) console.log(n);
const c = wb.Sheets[wb.SheetNames[0]]['A1'];
console.log('A1=' + (c ? String(c.v) : ''));`
	openpyxlScript = `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for n in wb.sheetnames: print(n)
v = wb.worksheets[0]["A1"].value
print("A1=" + ("" if v is None else str(v)))
print("creator=" + (wb.properties.creator or ""))`
)

// TestReadersOpenTheWorkbookAndTemplate: the analysis workbook and the input
// template open in ExcelJS, SheetJS, openpyxl and LibreOffice, each seeing
// every sheet and the first sheet's title. A reader that is not installed
// is skipped loudly (under CI=true it fails: .ci/run installs them all).
func TestReadersOpenTheWorkbookAndTemplate(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "offers.xlsx")
	tmpl := filepath.Join(dir, "template.xlsx")
	if code, _, stderr := runCode(t, "analyze", sampleCSV(t), "-o", book, "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runCode(t, "template", "-o", tmpl); code != 0 {
		t.Fatal(stderr)
	}
	repo, _ := filepath.Abs(filepath.Join("..", ".."))
	nodeModules := filepath.Join(repo, ".ci", "readers", "node_modules")
	for _, file := range []string{book, tmpl} {
		want := expectedView(t, file)
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Run("ExcelJS", func(t *testing.T) {
				node := requireNodeModule(t, nodeModules, "exceljs")
				checkReader(t, want, exec.Command(node, "-e", exceljsScript, file), "NODE_PATH="+nodeModules)
			})
			t.Run("SheetJS", func(t *testing.T) {
				node := requireNodeModule(t, nodeModules, "xlsx")
				checkReader(t, want, exec.Command(node, "-e", sheetjsScript, file), "NODE_PATH="+nodeModules)
			})
			t.Run("openpyxl", func(t *testing.T) {
				py := requirePythonModule(t, "openpyxl")
				checkReader(t, want, exec.Command(py, "-c", openpyxlScript, file))
			})
			t.Run("LibreOffice", func(t *testing.T) {
				sheets := convertWithLibreOffice(t, requireSoffice(t), file, recalcNever)
				if len(sheets) != len(want.sheets) {
					t.Errorf("LibreOffice exported %d sheets, want %d", len(sheets), len(want.sheets))
				}
			})
		})
	}
}

// readerView is what a reader should see of a workbook.
type readerView struct {
	sheets []string
	a1     string
}

func expectedView(t *testing.T, path string) readerView {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v := readerView{sheets: f.GetSheetList()}
	v.a1, _ = f.GetCellValue(v.sheets[0], "A1")
	if v.a1 == "" {
		t.Fatalf("%s: A1 of the first sheet is empty; the check would prove nothing", path)
	}
	return v
}

// checkReader runs a reader script and compares what it saw with want.
func checkReader(t *testing.T, want readerView, cmd *exec.Cmd, env ...string) {
	t.Helper()
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("the reader refused the file: %v\n%s", err, stderr.String())
	}
	var sheets []string
	a1 := ""
	for _, line := range strings.Split(strings.TrimRight(stdout.String(), "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "A1="):
			a1 = strings.TrimPrefix(line, "A1=")
		case strings.HasPrefix(line, "creator="):
			if !strings.Contains(line, "offerbook") {
				t.Errorf("document properties not read: %q", line)
			}
		default:
			sheets = append(sheets, line)
		}
	}
	if strings.Join(sheets, "|") != strings.Join(want.sheets, "|") {
		t.Errorf("sheets\ngot  %q\nwant %q", sheets, want.sheets)
	}
	if a1 != want.a1 {
		t.Errorf("A1 of the first sheet: got %q, want %q", a1, want.a1)
	}
}

// skipReader skips loudly, or fails under CI=true, when a reader is missing.
func skipReader(t *testing.T, msg string) {
	t.Helper()
	banner := strings.Repeat("!", 72)
	if os.Getenv("CI") == "true" {
		t.Fatalf("\n%s\n%s\n(CI=true: failing instead of skipping; .ci/run installs it)\n%s", banner, msg, banner)
	}
	t.Logf("\n%s\n%s\n%s", banner, msg, banner)
	t.Skip(msg)
}

// requireNodeModule returns node's path if node and the npm package mod
// (installed by .ci/run into .ci/readers) are there.
func requireNodeModule(t *testing.T, nodeModules, mod string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		skipReader(t, "Node.js is not installed: the "+mod+" reader check did NOT run. Install nodejs and npm, then run .ci/run.")
	}
	if _, err := os.Stat(filepath.Join(nodeModules, mod, "package.json")); err != nil {
		skipReader(t, "npm package "+mod+" is not installed: the reader check did NOT run. Run: (cd .ci/readers && npm ci)")
	}
	return node
}

// requirePythonModule returns a Python that can import mod: python3 on the
// PATH, else the system's /usr/bin/python3 (Debian's python3-openpyxl).
func requirePythonModule(t *testing.T, mod string) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(py)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import "+mod).Run() == nil {
			return path
		}
	}
	skipReader(t, "Python module "+mod+" is not installed: the reader check did NOT run. Install it with: apt-get install -y python3-"+mod+" (or pip install "+mod+")")
	return ""
}

// TestInputFolderAsOutDir: the input folder given as --out-dir works on
// every run, not only the first: the files a run wrote there are not read
// as inputs by the next.
func TestInputFolderAsOutDir(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(sampleCSV(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "clients.csv"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	var first string
	for run := 1; run <= 3; run++ {
		code, _, stderr := runCode(t, "analyze", dir, "--out-dir", dir, "--format", "xlsx,csv")
		if code != 0 {
			t.Fatalf("run %d: exit %d, stderr %q", run, code, stderr)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "results.csv"))
		if run == 1 {
			first = string(got)
		} else if string(got) != first {
			t.Errorf("run %d read other inputs than run 1: results.csv differs", run)
		}
	}
}
