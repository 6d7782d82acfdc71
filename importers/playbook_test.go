package importers_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
)

var (
	decimalType     = reflect.TypeOf(decimal.Decimal{})
	nullDecimalType = reflect.TypeOf(decimal.NullDecimal{})
)

// diff returns where got and want differ, comparing decimals by value
// (decimal.Decimal's own fields differ for 20 and 20.0), or "".
func diff(path string, got, want reflect.Value) string {
	switch got.Type() {
	case decimalType:
		if g, w := got.Interface().(decimal.Decimal), want.Interface().(decimal.Decimal); !g.Equal(w) {
			return fmt.Sprintf("%s: got %s, want %s", path, g, w)
		}
		return ""
	case nullDecimalType:
		g, w := got.Interface().(decimal.NullDecimal), want.Interface().(decimal.NullDecimal)
		if g.Valid != w.Valid || g.Valid && !g.Decimal.Equal(w.Decimal) {
			return fmt.Sprintf("%s: got %v, want %v", path, g, w)
		}
		return ""
	}
	switch got.Kind() {
	case reflect.Pointer:
		return diff(path, got.Elem(), want.Elem())
	case reflect.Struct:
		for i := range got.NumField() {
			if d := diff(path+"."+got.Type().Field(i).Name, got.Field(i), want.Field(i)); d != "" {
				return d
			}
		}
	case reflect.Slice:
		if got.Len() != want.Len() {
			return fmt.Sprintf("%s: got %d items, want %d", path, got.Len(), want.Len())
		}
		for i := range got.Len() {
			if d := diff(fmt.Sprintf("%s[%d]", path, i), got.Index(i), want.Index(i)); d != "" {
				return d
			}
		}
	case reflect.Map:
		if got.Len() != want.Len() {
			return fmt.Sprintf("%s: got keys %v, want %v", path, got.MapKeys(), want.MapKeys())
		}
		for _, k := range want.MapKeys() {
			g := got.MapIndex(k)
			if !g.IsValid() {
				return fmt.Sprintf("%s: no key %v", path, k)
			}
			if d := diff(fmt.Sprintf("%s[%v]", path, k), g, want.MapIndex(k)); d != "" {
				return d
			}
		}
	default:
		if !reflect.DeepEqual(got.Interface(), want.Interface()) {
			return fmt.Sprintf("%s: got %v, want %v", path, got, want)
		}
	}
	return ""
}

func samePlaybook(t *testing.T, got, want *analyzer.Playbook) {
	t.Helper()
	if d := diff("Playbook", reflect.ValueOf(got), reflect.ValueOf(want)); d != "" {
		t.Error(d)
	}
}

// TestDefaultPlaybookYAML keeps defaults/playbook.yaml and
// analyzer.DefaultPlaybook from drifting apart.
func TestDefaultPlaybookYAML(t *testing.T) {
	p, err := importers.ParsePlaybook(importers.DefaultPlaybookYAML(), "playbook.yaml")
	if err != nil {
		t.Fatal(err)
	}
	samePlaybook(t, p, analyzer.DefaultPlaybook())

	// Parsing starts from the defaults, so also check that the file itself
	// gives every top-level key and documents it rather than inheriting it.
	text := string(importers.DefaultPlaybookYAML())
	pt := reflect.TypeOf(analyzer.Playbook{})
	for i := range pt.NumField() {
		key := pt.Field(i).Tag.Get("yaml")
		if !strings.Contains(text, "\n"+key+":") {
			t.Errorf("defaults/playbook.yaml has no key %q", key)
		}
	}
}

func TestParsePlaybook(t *testing.T) {
	d := analyzer.DefaultPlaybook
	tests := []struct {
		name string
		yaml string
		want func() *analyzer.Playbook
	}{
		{"empty file", "", d},
		{"comments only", "# nothing\n", d},
		{
			name: "partial override keeps the other keys",
			yaml: "rsu_pct_of_grant:\n  high: 60.5\nbase_caps:\n  L5: 180000\n",
			want: func() *analyzer.Playbook {
				p := d()
				p.RSU.High = decimal.RequireFromString("60.5")
				p.BaseCaps["L5"] = decimal.NewFromInt(180000)
				return p
			},
		},
		{
			name: "a list is replaced whole",
			yaml: "approval_tiers:\n  - max_pct: 15\n    name: recruiter\n  - name: anyone else\npriority:\n  L6: [base]\n",
			want: func() *analyzer.Playbook {
				p := d()
				p.ApprovalTiers = []analyzer.ApprovalTier{
					{MaxPct: decimal.NewNullDecimal(decimal.NewFromInt(15)), Name: "recruiter"},
					{Name: "anyone else"},
				}
				p.Priority["L6"] = []analyzer.LeverName{analyzer.LeverBase}
				return p
			},
		},
		{
			name: "null max_pct",
			yaml: "approval_tiers:\n  - {max_pct: 5, name: a}\n  - {max_pct: null, name: b}\n",
			want: func() *analyzer.Playbook {
				p := d()
				p.ApprovalTiers = []analyzer.ApprovalTier{{MaxPct: decimal.NewNullDecimal(decimal.NewFromInt(5)), Name: "a"}, {Name: "b"}}
				return p
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := importers.ParsePlaybook([]byte(tc.yaml), "p.yaml")
			if err != nil {
				t.Fatal(err)
			}
			samePlaybook(t, got, tc.want())
		})
	}
}

func TestParsePlaybookErrors(t *testing.T) {
	tests := []struct {
		name, yaml, contains string
	}{
		{"unknown key", "rsu_pct_of_grant:\n  low: 20\nbonus: 5\n", "field bonus not found"},
		{"unknown nested key", "rsu_pct_of_grant:\n  middle: 30\n", "field middle not found"},
		{"high below low", "base_pct:\n  high: 2\n", "base_pct: high 2 is below low 5"},
		{"not a number", "yoy_drop_pct: ten\n", "ten"},
		{"last tier limited", "approval_tiers:\n  - {max_pct: 5, name: a}\n", "approval_tiers"},
		{"unknown lever", "priority:\n  L5: [rsu, stock]\n", `unknown lever "stock"`},
		{"two documents", "yoy_drop_pct: 5\n---\nyoy_drop_pct: 6\n", "second YAML document"},
		{"not a mapping", "- 1\n", "cannot unmarshal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := importers.ParsePlaybook([]byte(tc.yaml), "p.yaml")
			if err == nil {
				t.Fatalf("got %+v, want an error", p)
			}
			if !errors.Is(err, analyzer.ErrPlaybook) || !strings.HasPrefix(err.Error(), "p.yaml: ") || !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("error %q, want p.yaml: … %q wrapping ErrPlaybook", err, tc.contains)
			}
		})
	}
}

func TestReadPlaybook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "playbook.yaml")
	if err := os.WriteFile(path, []byte("level_percentile: 60\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := importers.ReadPlaybook(path)
	if err != nil || !p.LevelPercentile.Equal(decimal.NewFromInt(60)) {
		t.Fatalf("got %v, %v", p, err)
	}
	if _, err := importers.ReadPlaybook(path + ".missing"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
