package batch

import (
	"strings"
	"testing"
)

// TestFileSlug: a candidate's name becomes a safe file name.
func TestFileSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Priya Shah": "Priya-Shah", "  O'Brien, Mary ": "O-Brien-Mary", "../../etc": "etc",
		"": "candidate", "José Núñez": "José-Núñez", strings.Repeat("x", 80): strings.Repeat("x", 60),
	} {
		if got := fileSlug(in); got != want {
			t.Errorf("fileSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFileSlugIsSafeOnWindows: candidate names that are Windows device
// names, with or without an extension, get a file name Windows accepts.
func TestFileSlugIsSafeOnWindows(t *testing.T) {
	for in, want := range map[string]string{
		"CON": "CON_", "prn": "prn_", "Aux": "Aux_", "nul": "nul_", "COM1": "COM1_", "lpt9": "lpt9_",
		"Con.Ltd": "Con_.Ltd", "Connie": "Connie", "COM10": "COM10",
		"trailing dot.": "trailing-dot", "space ": "space", "NUL ...": "NUL_",
	} {
		if got := fileSlug(in); got != want {
			t.Errorf("fileSlug(%q) = %q, want %q", in, got, want)
		}
	}
}
