package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/exporters"
)

var update = flag.Bool("update", false, "rewrite the CLI golden files")

// elapsed matches the run time in analyze's summary line.
var elapsed = regexp.MustCompile(`\(\d+(\.\d+)?(ms|s|µs)\)`)

// TestCases runs every testdata/cases/<case>: args (one argument a line;
// $REPO is the repository root and $OUT a fresh output folder) through
// run() in-process, and compares stdout, stderr, the exit code and every
// output file (a workbook as its text dump) with the case's goldens.
func TestCases(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600") // 2026-01-01T00:00:00Z
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := filepath.Glob("testdata/cases/*")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := t.TempDir()
			raw, err := os.ReadFile(filepath.Join(dir, "args"))
			if err != nil {
				t.Fatal(err)
			}
			args := []string{"offerbook"}
			for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
				line = strings.ReplaceAll(strings.ReplaceAll(line, "$REPO", repo), "$OUT", out)
				args = append(args, line)
			}
			var stdout, stderr bytes.Buffer
			code := exitCode(run(context.Background(), args, &stdout, &stderr), &stderr)
			clean := func(s string) string {
				s = strings.ReplaceAll(s, out, "$OUT")
				s = strings.ReplaceAll(s, repo, "$REPO")
				return elapsed.ReplaceAllString(s, "(…)")
			}
			got := map[string]string{
				"stdout": clean(stdout.String()),
				"stderr": clean(stderr.String()),
				"exit":   strconv.Itoa(code) + "\n",
			}
			files, _ := os.ReadDir(out)
			for _, f := range files {
				if strings.HasPrefix(f.Name(), ".") {
					continue // the lock and the set's manifest: see outputs_test.go
				}
				path := filepath.Join(out, f.Name())
				if strings.HasSuffix(f.Name(), ".xlsx") {
					dump, err := exporters.DumpWorkbookFile(path)
					if err != nil {
						t.Fatalf("%s: %v", f.Name(), err)
					}
					got[f.Name()+".golden"] = clean(dump)
					continue
				}
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				got[f.Name()+".golden"] = clean(string(b))
			}
			names := make([]string, 0, len(got))
			for name := range got {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				golden := filepath.Join(dir, name)
				if *update {
					if err := os.WriteFile(golden, []byte(got[name]), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Errorf("%s: output has no golden (run go test ./cmd/offerbook -update): %v", name, err)
					continue
				}
				if got[name] != string(want) {
					t.Errorf("%s differs from %s:\n%s", name, golden, firstDiff(string(want), got[name]))
				}
			}
			// A golden with no output is an output that went missing.
			goldens, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
			for _, g := range goldens {
				if _, ok := got[filepath.Base(g)]; !ok && !*update {
					t.Errorf("%s: expected output was not written", filepath.Base(g))
				}
			}
		})
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return "(no line differs)"
}
