// Package config reads offerbook's config file: one YAML mapping of flag
// names to values, for scheduled runs. The file is ours, not urfave/cli's
// altsrc: altsrc maps a YAML value by the flag's Go type (so `target: 75`
// is refused for a text flag), takes no lists, and ignores misspelt keys,
// which on a scheduled run silently writes somewhere else.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"gopkg.in/yaml.v3"
)

// Kind is the YAML type a flag's value takes.
type Kind int

const (
	Text Kind = iota // a string or number, written as the command line takes it
	Bool             // true or false
	Int              // a whole number
)

// Flag is a setting the file may give: a flag of the command.
type Flag struct {
	Name string
	Kind Kind
	// List flags are comma-separated: the file may give a YAML list.
	List bool
	// Path flags name a file or folder: a relative one is read against the
	// config file's folder, so a scheduled run finds the same files
	// whatever its working directory.
	Path bool
}

// maxConfigSize bounds a config file, so parsing it costs little whatever
// it holds (a list of two million scenarios took 430 MB to parse).
const maxConfigSize = 256 << 10

// Read reads the config file at path (given by --config) and hands each
// setting to set, in file order, as the flag's command-line text. Keys are
// the names of flags; values have their natural YAML type (numbers,
// true/false, a list for a List flag). An unknown key, a key given twice,
// a value of the wrong kind, a file that cannot be read or set's error is
// an error naming the file, the line and the key.
func Read(path string, flags []Flag, set func(name, value string) error) error {
	b, err := os.ReadFile(path)
	if err != nil {
		reason := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			reason = pe.Err.Error()
		}
		if errors.Is(err, fs.ErrNotExist) {
			reason = "there is no such file"
		}
		return fmt.Errorf("--config %s: cannot read the config file: %s", path, reason)
	}
	if len(b) > maxConfigSize {
		return fmt.Errorf("config %s: %d bytes; a config file is a few lines (at most %d KB): is it the right file?", path, len(b), maxConfigSize>>10)
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		return fmt.Errorf("config %s: not valid YAML: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	// A second document ("---" and more settings) would be ignored: refused.
	var more yaml.Node
	if err := dec.Decode(&more); err != io.EOF {
		line := more.Line
		if err != nil {
			return fmt.Errorf("config %s: not valid YAML after its first document: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		return fmt.Errorf("config %s: line %d starts a second YAML document (after \"---\"); a config is one document: merge its settings into the first", path, line)
	}
	if len(doc.Content) == 0 {
		return nil // an empty file sets nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("config %s line %d: want one `flag-name: value` per line", path, root.Line)
	}
	byName := map[string]Flag{}
	var names []string
	for _, f := range flags {
		byName[f.Name] = f
		names = append(names, f.Name)
	}
	sort.Strings(names)
	base := filepath.Dir(path)
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		where := fmt.Sprintf("config %s line %d", path, key.Line)
		name := key.Value
		f, ok := byName[name]
		if !ok {
			return fmt.Errorf("%s: unknown setting %q%s", where, name, suggest(name, names))
		}
		if first, dup := seen[name]; dup {
			return fmt.Errorf("%s: %q is set twice (first on line %d)", where, name, first)
		}
		seen[name] = key.Line
		value, err := f.value(val, base)
		if err != nil {
			return fmt.Errorf("%s: %s", where, err)
		}
		if err := set(name, value); err != nil {
			return fmt.Errorf("%s: %s: %v", where, name, err)
		}
	}
	return nil
}

// value turns one YAML value into the flag's command-line text; base is
// the config file's folder.
func (f Flag) value(val *yaml.Node, base string) (string, error) {
	name := f.Name
	if val.Kind == yaml.AliasNode {
		val = val.Alias
	}
	switch f.Kind {
	case Bool:
		if val.Kind != yaml.ScalarNode || val.Tag != "!!bool" {
			return "", fmt.Errorf("%s wants true or false, not %q", name, nodeText(val))
		}
		return val.Value, nil
	case Int:
		if val.Kind != yaml.ScalarNode || val.Tag != "!!int" {
			return "", fmt.Errorf("%s wants a whole number, not %q", name, nodeText(val))
		}
		if _, err := strconv.Atoi(val.Value); err != nil {
			return "", fmt.Errorf("%s wants a whole number, not %q", name, val.Value)
		}
		return val.Value, nil
	}
	if val.Kind == yaml.SequenceNode {
		if !f.List {
			return "", fmt.Errorf("%s takes one value, not a list", name)
		}
		parts := make([]string, 0, len(val.Content))
		for _, item := range val.Content {
			if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
				return "", fmt.Errorf("%s: each item of the list must be a single value, not %q", name, nodeText(item))
			}
			parts = append(parts, item.Value)
		}
		return strings.Join(parts, ","), nil
	}
	if val.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("%s wants a single value", name)
	}
	switch val.Tag {
	case "!!null":
		return "", fmt.Errorf("%s has no value", name)
	case "!!bool":
		return "", fmt.Errorf("%s wants a value such as a number or a name, not %s", name, val.Value)
	}
	v := val.Value
	if f.Path && v != "" && !filepath.IsAbs(v) {
		v = filepath.Join(base, v)
	}
	return v, nil
}

// nodeText shows a YAML value in an error message.
func nodeText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	b, _ := yaml.Marshal(n)
	return strings.TrimSpace(string(b))
}

// suggest names the closest known setting to a misspelt one.
func suggest(name string, names []string) string {
	best, bestD := "", 3
	norm := func(s string) string { return strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(s)) }
	for _, n := range names {
		d := analyzer.EditDistance(norm(name), norm(n))
		if d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" {
		return "; the settings are the flag names of 'offerbook help analyze', such as out-dir, format, quiet"
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
