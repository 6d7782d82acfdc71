package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMethodPointersExist holds the code's comments to docs/METHOD.md: every
// comment that points to a section by its title in docs/METHOD.md
// names a heading the document has, and no comment cites the spec or the
// seed files a person who clones the project does not have.
func TestMethodPointersExist(t *testing.T) {
	root := filepath.Join("..", "..")
	method, err := os.ReadFile(filepath.Join(root, "docs", "METHOD.md"))
	if err != nil {
		t.Fatal(err)
	}
	headings := map[string]bool{}
	for _, line := range strings.Split(string(method), "\n") {
		if strings.HasPrefix(line, "#") {
			headings[strings.TrimSpace(strings.TrimLeft(line, "#"))] = true
		}
	}
	pointer := regexp.MustCompile(`"([^"]+)"(?:\s+and\s+"([^"]+)")?\s+in\s+docs/METHOD\.md`)
	citation := regexp.MustCompile(`SPEC ` + "\u00a7" + `|\bseeds? 00\d`) // the spec's section sign, spelled out so this file is no citation itself
	pointers := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		// Comments only, joined across lines, so a title that wraps is read whole.
		var text strings.Builder
		for _, line := range strings.Split(string(src), "\n") {
			if i := strings.Index(line, "//"); i >= 0 {
				text.WriteString(strings.TrimSpace(line[i+2:]))
				text.WriteByte(' ')
			}
		}
		comments := text.String()
		if m := citation.FindString(comments); m != "" && !strings.HasSuffix(path, "method_test.go") {
			t.Errorf("%s: a comment cites %q; point to docs/METHOD.md instead", path, m)
		}
		for _, m := range pointer.FindAllStringSubmatch(comments, -1) {
			for _, title := range m[1:] {
				if title == "" {
					continue
				}
				pointers++
				if !headings[title] {
					t.Errorf("%s: points to %q, which docs/METHOD.md has no heading for", path, title)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pointers < 50 {
		t.Errorf("found only %d pointers to docs/METHOD.md: the scan is not reading the comments", pointers)
	}
}
