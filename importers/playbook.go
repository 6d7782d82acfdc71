package importers

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/offerbook/offerbook/analyzer"
	"gopkg.in/yaml.v3"
)

//go:embed defaults/playbook.yaml
var playbookYAML []byte

// DefaultPlaybookYAML returns the documented default playbook, a YAML file
// with a comment on every key. It parses to analyzer.DefaultPlaybook(); a
// test keeps the two equal. Every call returns a new copy.
func DefaultPlaybookYAML() []byte { return bytes.Clone(playbookYAML) }

// ReadPlaybook reads a playbook file (--playbook FILE); see ParsePlaybook.
func ReadPlaybook(path string) (*analyzer.Playbook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParsePlaybook(data, path)
}

// ParsePlaybook reads a playbook from YAML in the keys of analyzer.Playbook's
// yaml tags (DefaultPlaybookYAML is the documented example); name is used
// in error messages.
//
// The file is decoded on top of analyzer.DefaultPlaybook(), so it overrides
// only the keys it gives: inside a section (rsu_pct_of_grant: {high: 60})
// only the keys given change, a map (base_caps, next_level, priority)
// changes only the entries given (an entry cannot be removed), and a list
// (start_date_classes, approval_tiers, one level's priority) is replaced as
// a whole. An empty file gives the defaults. Numbers are read as exact
// decimals; a decimal key given as null reads as 0, except an approval
// tier's max_pct, where null or absent means "no limit".
//
// Unknown keys, values of the wrong type, more than one YAML document and a
// result that fails Playbook.Validate are errors; all wrap
// analyzer.ErrPlaybook.
func ParsePlaybook(data []byte, name string) (*analyzer.Playbook, error) {
	p := analyzer.DefaultPlaybook()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(p); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w: %w", name, analyzer.ErrPlaybook, err)
	}
	var more yaml.Node
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		if err == nil {
			err = fmt.Errorf("line %d: a second YAML document", more.Line)
		}
		return nil, fmt.Errorf("%s: %w: %w", name, analyzer.ErrPlaybook, err)
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}
