package analyzer

import "testing"

// TestFoldASCII holds the ASCII fast paths to fold.
func TestFoldASCII(t *testing.T) {
	for _, s := range []string{"", "Amazon", "amazon", "AWS", "Amazon Web Services", "San_Francisco", "L6", "sde-3", "Zürich", "  Bay Area ", "a1B2-c3", "ÅMAZON"} {
		b, ok := appendFold(nil, s)
		if ok && string(b) != fold(s) {
			t.Errorf("appendFold(%q) = %q, fold %q", s, b, fold(s))
		}
		if folded(s) && fold(s) != s {
			t.Errorf("folded(%q) but fold gives %q", s, fold(s))
		}
	}
	for s, want := range map[string]bool{"Amazon": true, "AWS": true, "amazon web services": true, "": true, "Google": false, "Amazonia": false} {
		if got := IsReferenceCompany(s); got != want {
			t.Errorf("IsReferenceCompany(%q) = %v", s, got)
		}
	}
}
