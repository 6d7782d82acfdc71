package main

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/offerbook/offerbook/analyzer"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
	"gopkg.in/yaml.v3"
)

// pathFlags are the flags whose value is a file or folder: in a config file
// a relative one is read against the config file's folder, so a scheduled
// run finds the same files whatever its working directory.
var pathFlags = map[string]bool{
	"output": true, "out-dir": true, "bands": true, "premiums": true, "playbook": true, "tax": true, "levels": true,
}

// listFlags are the comma-separated flags a config file may also give as a
// YAML list (`format: [xlsx, csv]`).
var listFlags = map[string]bool{"format": true, "scenarios": true, "exit-multiples": true}

// withConfig adds --config, --log-format and --no-wait to a command that
// writes outputs, and reads the config file before the command runs.
//
// The config file is ours, not urfave/cli's altsrc: altsrc maps a YAML value
// by the flag's Go type (so `target: 75` is refused for a text flag), takes
// no lists, and ignores misspelt keys, which on a scheduled run silently
// writes somewhere else.
func withConfig(cmd *cli.Command) *cli.Command {
	cmd.Flags = append(cmd.Flags,
		&cli.StringFlag{Name: "config", Usage: "read flags from `FILE.yaml` (for scheduled runs; see README, Running unattended)"},
		logFormatFlag(),
		&cli.BoolFlag{Name: "no-wait", Usage: "if another run is writing into the same output folder, stop at once instead of waiting for it"},
	)
	next := cmd.Before
	cmd.Before = func(c *cli.Context) error {
		err := loadConfig(c)
		if ferr := checkLogFormat(c); ferr != nil {
			return ferr
		}
		logFor(c) // from here on, even a failure is logged in the chosen format
		if err != nil {
			return err
		}
		if next != nil {
			return next(c)
		}
		return nil
	}
	return cmd
}

// maxConfigSize bounds a config file, so parsing it costs little whatever
// it holds (a list of two million scenarios took 430 MB to parse).
const maxConfigSize = 256 << 10

// loadConfig sets every flag named in the --config file that the command
// line did not set. Keys are the flags' names; values have their natural
// YAML type (numbers, true/false, a list for format). An unknown key, a
// value of the wrong kind or a file that cannot be read is a usage error
// (exit 2) naming the file, the line and the key.
func loadConfig(c *cli.Context) error {
	path := c.String("config")
	if path == "" {
		return nil
	}
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
		return usagef("--config %s: cannot read the config file: %s", path, reason)
	}
	if len(b) > maxConfigSize {
		return usagef("config %s: %d bytes; a config file is a few lines (at most %d KB): is it the right file?", path, len(b), maxConfigSize>>10)
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		return usagef("config %s: not valid YAML: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	// A second document ("---" and more settings) would be ignored: refused.
	var more yaml.Node
	if err := dec.Decode(&more); err != io.EOF {
		line := more.Line
		if err != nil {
			return usagef("config %s: not valid YAML after its first document: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		return usagef("config %s: line %d starts a second YAML document (after \"---\"); a config is one document: merge its settings into the first", path, line)
	}
	if len(doc.Content) == 0 {
		return nil // an empty file sets nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return usagef("config %s line %d: want one `flag-name: value` per line", path, root.Line)
	}
	flags := map[string]cli.Flag{}
	var names []string
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		if name == "config" || name == "help" {
			continue
		}
		flags[name] = f
		names = append(names, name)
	}
	sort.Strings(names)
	base := filepath.Dir(path)
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		where := fmt.Sprintf("config %s line %d", path, key.Line)
		name := key.Value
		f, ok := flags[name]
		if !ok {
			return usagef("%s: unknown setting %q%s", where, name, suggest(name, names))
		}
		if first, dup := seen[name]; dup {
			return usagef("%s: %q is set twice (first on line %d)", where, name, first)
		}
		seen[name] = key.Line
		value, err := configValue(name, f, val, base)
		if err != nil {
			return usagef("%s: %s", where, err)
		}
		if c.IsSet(name) {
			continue // the command line wins
		}
		if err := c.Set(name, value); err != nil {
			return usagef("%s: %s: %v", where, name, err)
		}
	}
	return nil
}

// configValue turns one YAML value into the flag's command-line text.
func configValue(name string, f cli.Flag, val *yaml.Node, base string) (string, error) {
	if val.Kind == yaml.AliasNode {
		val = val.Alias
	}
	switch f.(type) {
	case *cli.BoolFlag:
		if val.Kind != yaml.ScalarNode || val.Tag != "!!bool" {
			return "", fmt.Errorf("%s wants true or false, not %q", name, nodeText(val))
		}
		return val.Value, nil
	case *cli.IntFlag:
		if val.Kind != yaml.ScalarNode || val.Tag != "!!int" {
			return "", fmt.Errorf("%s wants a whole number, not %q", name, nodeText(val))
		}
		if _, err := strconv.Atoi(val.Value); err != nil {
			return "", fmt.Errorf("%s wants a whole number, not %q", name, val.Value)
		}
		return val.Value, nil
	}
	if val.Kind == yaml.SequenceNode {
		if !listFlags[name] {
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
	if pathFlags[name] && v != "" && !filepath.IsAbs(v) {
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
