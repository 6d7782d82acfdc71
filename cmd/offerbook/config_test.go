package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCode runs the program in-process in dir and returns its exit code,
// stdout and stderr.
func runCode(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := exitCode(run(context.Background(), append([]string{"offerbook"}, args...), &stdout, &stderr), &stderr)
	return code, stdout.String(), stderr.String()
}

// sampleCSV is the repository's sample input, as an absolute path.
func sampleCSV(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "samples", "offers.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func writeConfig(t *testing.T, dir, text string) string {
	t.Helper()
	path := filepath.Join(dir, "offerbook.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestConfigNaturalTypes: numbers unquoted, booleans, and a list for
// format are taken as a person writes them (the first bullet of issue 11).
func TestConfigNaturalTypes(t *testing.T) {
	dir := t.TempDir()
	config := writeConfig(t, dir, "target: 75\nraise: 3\nstock-growth: 10\nyears: 4\nquiet: true\nformat: [xlsx, csv]\nout-dir: "+filepath.Join(dir, "out")+"\nscenarios: [-20, 0, 15]\n")
	code, stdout, stderr := runCode(t, "analyze", sampleCSV(t), "--config", config)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if stdout != "" || stderr != "" {
		t.Errorf("quiet: true: want no output, got stdout %q stderr %q", stdout, stderr)
	}
	for _, name := range []string{"offers.xlsx", "results.csv", "errors.csv"} {
		if _, err := os.Stat(filepath.Join(dir, "out", name)); err != nil {
			t.Errorf("format [xlsx, csv]: %v", err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "out", "results.csv"))
	if h := strings.SplitN(string(b), "\n", 2)[0]; !strings.Contains(h, "y4_total") || strings.Contains(h, "y5_total") {
		t.Errorf("years: 4 not applied: %s", h)
	}
}

// TestConfigMistakes: a misspelt key, a value of the wrong kind or a
// missing file stops the run with exit 2 and a message naming the file,
// the line and the key; nothing is written.
func TestConfigMistakes(t *testing.T) {
	cases := []struct {
		name, yaml string
		want       []string
	}{
		{"misspelt out-dir", "format: csv\noutdir: elsewhere\n", []string{"line 2", `unknown setting "outdir"`, `did you mean "out-dir"`}},
		{"misspelt quiet", "quite: true\n", []string{"line 1", `unknown setting "quite"`, `did you mean "quiet"`}},
		{"bool for a number", "years: yes please\n", []string{"line 1", "years wants a whole number"}},
		{"number for a bool", "strict: 1\n", []string{"line 1", "strict wants true or false"}},
		{"list for a single value", "target: [75, 90]\n", []string{"line 1", "target takes one value"}},
		{"twice", "years: 3\nyears: 4\n", []string{"line 2", `"years" is set twice (first on line 1)`}},
		{"bad value", "target: 175\n", []string{"--target"}},
		{"not a mapping", "- format\n", []string{"line 1", "flag-name: value"}},
		{"bad yaml", "format: [csv\n", []string{"not valid YAML"}},
		{"no such format", "format: [xlsx, pdf]\n", []string{`--format "pdf"`}},
		{"huge list", "scenarios: [" + strings.Repeat("1,", 200000) + "1]\n", []string{"400015 bytes; a config file is a few lines (at most 256 KB)"}},
		{"second document", "format: csv\n---\nformat: xlsx\nyears: 3\n", []string{"line 2 starts a second YAML document"}},
	}
	sample := sampleCSV(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			config := writeConfig(t, dir, tc.yaml)
			t.Chdir(dir)
			code, _, stderr := runCode(t, "analyze", sample, "--config", config)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not contain %q", stderr, w)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, defaultOutDir)); err == nil {
				t.Error("a run with a bad config wrote into out/")
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "nope.yaml")
		code, _, stderr := runCode(t, "analyze", sampleCSV(t), "--config", missing)
		if code != 2 || !strings.Contains(stderr, missing) || !strings.Contains(stderr, "no such file") {
			t.Errorf("exit %d, stderr %q; want 2 and a message naming the file", code, stderr)
		}
		if strings.Contains(stderr, "inner error") || strings.Contains(stderr, "input source") {
			t.Errorf("urfave's internal wording leaked: %q", stderr)
		}
	})
	t.Run("unreadable file", func(t *testing.T) {
		dir := t.TempDir() // a folder is not readable as a file
		code, _, stderr := runCode(t, "analyze", sampleCSV(t), "--config", dir)
		if code != 2 || !strings.Contains(stderr, "cannot read the config file") {
			t.Errorf("exit %d, stderr %q; want 2", code, stderr)
		}
	})
}

// TestConfigRelativePaths: relative paths in a config file are read against
// the config file's folder, not the working directory.
func TestConfigRelativePaths(t *testing.T) {
	root := t.TempDir()
	confDir := filepath.Join(root, "conf")
	if err := os.MkdirAll(confDir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "importers", "defaults", "market-bands.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(confDir, "bands.csv"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	config := writeConfig(t, confDir, "out-dir: results\nbands: bands.csv\nformat: csv\n")
	sample := sampleCSV(t)
	work := filepath.Join(root, "elsewhere")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	code, _, stderr := runCode(t, "analyze", sample, "--config", config, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(confDir, "results", "results.csv")); err != nil {
		t.Errorf("out-dir: results should be beside the config file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(work, "results")); err == nil {
		t.Error("out-dir was read against the working directory")
	}
}
