package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var flags = []Flag{
	{Name: "out-dir", Path: true}, {Name: "format", List: true}, {Name: "years", Kind: Int}, {Name: "quiet", Kind: Bool}, {Name: "target"},
}

// TestRead: each setting reaches set, in file order, as its command-line
// text: a list joined with commas, a relative path against the file's
// folder, a number as written.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "offerbook.yaml")
	if err := os.WriteFile(path, []byte("out-dir: out\nformat: [xlsx, csv]\nyears: 5\nquiet: true\ntarget: 75\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := Read(path, flags, func(name, value string) error { got = append(got, name+"="+value); return nil }); err != nil {
		t.Fatal(err)
	}
	want := "out-dir=" + filepath.Join(dir, "out") + " format=xlsx,csv years=5 quiet=true target=75"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// TestReadMistakes: every mistake names the file, the line and the key.
func TestReadMistakes(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"outdir: x\n", `line 1: unknown setting "outdir" (did you mean "out-dir"?)`},
		{"years: 5\nyears: 6\n", `line 2: "years" is set twice (first on line 1)`},
		{"years: five\n", `line 1: years wants a whole number, not "five"`},
		{"target: [1, 2]\n", "line 1: target takes one value, not a list"},
		{"quiet: true\ntarget: 75\n", "line 2: target: refused"},
	} {
		path := filepath.Join(t.TempDir(), "c.yaml")
		if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		err := Read(path, flags, func(name, _ string) error {
			if name == "target" {
				return errors.New("refused")
			}
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), "config "+path+" "+tc.want) {
			t.Errorf("%q: got %v, want %q", tc.text, err, tc.want)
		}
	}
}
