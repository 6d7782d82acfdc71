package batch

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// SamePath reports whether two paths name the same file, existing or not.
func SamePath(a, b string) bool {
	if sa, err := os.Stat(a); err == nil {
		if sb, err := os.Stat(b); err == nil {
			return os.SameFile(sa, sb)
		}
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// WithoutOwnOutputs drops from inputs the files that an earlier run wrote
// into a folder given as an input (args), as its set's manifest lists
// them: with the input folder as the output folder, the second run reads
// the same inputs as the first, not the first one's results.
func WithoutOwnOutputs(args, inputs []string) []string {
	own := map[string]bool{}
	for _, a := range args {
		if st, err := os.Stat(a); err != nil || !st.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(a, manifestName))
		if err != nil {
			continue
		}
		var rec setRecord
		if json.Unmarshal(b, &rec) != nil {
			continue
		}
		for _, f := range rec.Files {
			p := f.Final
			if !filepath.IsAbs(p) {
				p = filepath.Join(a, filepath.FromSlash(p))
			}
			if abs, err := filepath.Abs(p); err == nil {
				own[abs] = true
			}
		}
	}
	if len(own) == 0 {
		return inputs
	}
	kept := inputs[:0:0]
	for _, in := range inputs {
		if abs, err := filepath.Abs(in); err == nil && own[abs] {
			continue
		}
		kept = append(kept, in)
	}
	return kept
}
