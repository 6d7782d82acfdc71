package exporters

import (
	"strconv"
	"strings"
	"unicode/utf16"
)

// maxSheetName is Excel's limit on a sheet name, in UTF-16 code units.
const maxSheetName = 31

// sheetNamer hands out sheet names that Excel and excelize accept: at most
// 31 UTF-16 units, none of : \ / ? * [ ], no leading or trailing
// apostrophe, never the reserved "History", and unique without regard to
// case (excelize looks sheets up case-insensitively).
type sheetNamer struct {
	used map[string]bool
}

func newSheetNamer() *sheetNamer {
	return &sheetNamer{used: map[string]bool{"history": true}}
}

// reserve claims a name exactly as given (a fixed sheet such as "Summary").
func (n *sheetNamer) reserve(name string) {
	n.used[strings.ToLower(name)] = true
}

// name returns a clean, unused name built from want (fallback when want
// cleans to nothing) and claims it. A taken name gets a " (2)", " (3)", …
// suffix, cutting the name to make room.
func (n *sheetNamer) name(want, fallback string) string {
	base := cleanSheetName(want)
	if base == "" {
		base = cleanSheetName(fallback)
	}
	if base == "" {
		base = "Sheet"
	}
	candidate := cutWords(base, maxSheetName)
	for i := 2; n.used[strings.ToLower(candidate)]; i++ {
		suffix := " (" + strconv.Itoa(i) + ")"
		candidate = cutWords(base, maxSheetName-len(suffix)) + suffix
	}
	n.used[strings.ToLower(candidate)] = true
	return candidate
}

// cleanSheetName replaces the characters a sheet name may not hold (and
// control characters) with spaces, collapses runs of spaces and trims
// spaces and apostrophes from the edges.
func cleanSheetName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case strings.ContainsRune(`:\/?*[]`, r), r < 0x20, r == 0x7f, r == ' ', r == '\u00a0':
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteRune(r)
			space = false
		}
	}
	return cutWords(trimSheetEdges(b.String()), maxSheetName)
}

// cutWords cuts s to at most n UTF-16 code units at a word boundary, so a
// long name loses its last words whole ("O-1 Candidate 000001 Google" →
// "O-1 Candidate 000001") rather than ending mid-word. A first word longer
// than n is cut where it must be.
func cutWords(s string, n int) string {
	if units(s) <= n {
		return s
	}
	cut := cutUTF16(s, n)
	if i := strings.LastIndexByte(cut, ' '); i > 0 && (len(cut) == len(s) || s[len(cut)] != ' ') {
		cut = cut[:i]
	}
	return trimSheetEdges(cut)
}

// units counts s in UTF-16 code units, the way Excel measures names.
func units(s string) int {
	n := 0
	for _, r := range s {
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

// trimSheetEdges drops spaces and apostrophes from both ends.
func trimSheetEdges(s string) string {
	return strings.Trim(s, " '")
}

// cutUTF16 cuts s to at most n UTF-16 code units without splitting a rune.
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		w := len(utf16.Encode([]rune{r}))
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}

// offerSheetName is the wanted name of an offer's sheet: its id, candidate
// and company, e.g. "O-001 Alice Amazon".
func offerSheetName(id, candidate, company string) string {
	parts := make([]string, 0, 3)
	for _, p := range []string{id, candidate, company} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}
