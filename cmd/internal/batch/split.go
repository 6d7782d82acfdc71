package batch

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
)

// unassignedName is the workbook of offers that name no candidate.
const unassignedName = "unassigned"

// candidateWorkbook is one workbook of a --split-by candidate run.
type candidateWorkbook struct {
	path string
	run  *exporters.Run
}

// splitByCandidate plans one workbook per candidate in dir, named after the
// candidate (unique ignoring case), plus "unassigned.xlsx" for offers with no
// candidate. Each gets its own Summary, Levers, Candidates and offer sheets;
// peer percentiles stay those of the whole batch. Each workbook's Errors
// sheet lists the rejected rows that name its candidate (rows naming none go
// to "unassigned.xlsx" when it exists); errors.csv lists them all. A
// workbook that would overwrite one of protected is a ConfigError.
func splitByCandidate(dir string, batch *exporters.Run, protected []string) ([]candidateWorkbook, error) {
	var books []candidateWorkbook
	used := map[string]bool{}
	add := func(name string, idx []int, unassigned bool) error {
		slug := fileSlug(name)
		for n := 2; used[strings.ToLower(slug)]; n++ {
			slug = fmt.Sprintf("%s-%d", fileSlug(name), n)
		}
		used[strings.ToLower(slug)] = true
		path := filepath.Join(dir, slug+".xlsx")
		for _, in := range protected {
			if SamePath(path, in) {
				return ConfigError{fmt.Errorf("output %s is the input %s: refusing to overwrite an input; choose another --out-dir", path, in)}
			}
		}
		run := *batch
		run.Analyses = make([]analyzer.Analysis, len(idx))
		for i, j := range idx {
			run.Analyses[i] = batch.Analyses[j]
		}
		run.Rejected, run.RejectedRows = nil, 0
		rows := map[[3]string]bool{}
		for _, r := range batch.Rejected {
			if (unassigned && r.Candidate == "") || (!unassigned && r.Candidate != "" && analyzer.SameCandidate(r.Candidate, name)) {
				run.Rejected = append(run.Rejected, r)
				rows[[3]string{r.File, r.Sheet, strconv.Itoa(r.Row)}] = true
			}
		}
		run.RejectedRows = len(rows)
		books = append(books, candidateWorkbook{path: path, run: &run})
		return nil
	}
	var unassigned []int
	for i := range batch.Analyses {
		if batch.Analyses[i].Offer.Candidate == "" {
			unassigned = append(unassigned, i)
		}
	}
	for _, c := range analyzer.Candidates(batch.Analyses) {
		if err := add(c.Name, c.Offers, false); err != nil {
			return nil, err
		}
	}
	if len(unassigned) > 0 {
		if err := add(unassignedName, unassigned, true); err != nil {
			return nil, err
		}
	}
	return books, nil
}

// fileSlug turns a candidate's name into a safe file name: letters, digits,
// dashes and dots, at most 60 characters.
func fileSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-.")
	if r := []rune(s); len(r) > 60 {
		s = strings.Trim(string(r[:60]), "-.")
	}
	if s == "" {
		s = "candidate"
	}
	// Windows refuses these device names as a file name, with any
	// extension ("CON.xlsx", "com1.a.xlsx"): add "_" to the first part.
	first, rest, _ := strings.Cut(s, ".")
	if windowsReserved[strings.ToUpper(first)] {
		s = first + "_"
		if rest != "" {
			s += "." + rest
		}
	}
	return s
}

// windowsReserved are the device names Windows keeps for itself.
var windowsReserved = func() map[string]bool {
	m := map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true}
	for _, d := range []string{"COM", "LPT"} {
		for _, n := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"} {
			m[d+n] = true
		}
	}
	return m
}()
