package exporters

import "testing"

func TestCutWords(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"fits", "O-1 Alice Amazon", 31, "O-1 Alice Amazon"},
		{"exactly", "abcd efgh", 9, "abcd efgh"},
		{"drops the cut word", "G-0000001 Candidate 000001 Google", 31, "G-0000001 Candidate 000001"},
		{"cut falls on a space", "abcd efgh ijkl", 9, "abcd efgh"},
		{"cut falls before a space", "abcd efgh ijkl", 10, "abcd efgh"},
		{"one long word is cut", "Bartholomew-Alexander-Montgomery", 10, "Bartholome"},
		{"room for a suffix", "O-2 Bartholomew-Alexander Montgomery", 27, "O-2 Bartholomew-Alexander"},
		{"surrogate pairs count twice", "🙂🙂 🙂🙂", 7, "🙂🙂"},
		{"apostrophe at the new edge", "ab 'cd' efgh", 8, "ab 'cd"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := cutWords(tc.in, tc.n); got != tc.want {
				t.Errorf("cutWords(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
			}
		})
	}
}
