package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sampleEmails analyzes the sample and returns each offer sheet's
// counter-offer email, keyed by the sheet's offer id.
func sampleEmails(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	runOK(t, "analyze", filepath.Join("..", "..", "samples", "offers.csv"), "--format", "xlsx", "--out-dir", dir, "--quiet")
	f, err := excelize.OpenFile(filepath.Join(dir, "offers.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	emails := map[string]string{}
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		in := false
		for _, r := range rows {
			switch {
			case len(r) > 0 && r[0] == "Counter-offer email":
				in = true
			case in && len(r) > 0 && (r[0] == "Walk-away floor and comparator" || r[0] == "Scores"):
				in = false
			case in:
				b.WriteString(strings.Join(r, " ") + "\n")
			}
		}
		if b.Len() > 0 {
			id, _, _ := strings.Cut(s, " ")
			emails[id] = b.String()
		}
	}
	return emails
}

// TestSampleEmails checks the sample's emails read as SPEC §5 says: the
// comparator cited wherever one is given, "first choice" only for the
// preferred offer or a candidate's only one, the acceptance confirmation
// and the gap email for met targets, and the no-band note.
func TestSampleEmails(t *testing.T) {
	emails := sampleEmails(t)
	if len(emails) != 17 {
		t.Fatalf("%d emails, want one per sample offer (17)", len(emails))
	}
	tests := []struct {
		id      string
		want    []string
		wantNot []string
	}{
		// Seed 001's offer: preferred, with Google's real offer and deadline.
		{"A-01", []string{"closing on January 8, 2027: Google, L6, at $330,000 a year", "increasing this to $400,000",
			"$125,000 in year 1 and $100,000 in year 2", "Amazon is my first choice"}, nil},
		// Target met, no comparator: the acceptance confirmation.
		{"A-02", []string{"Ready to Accept", "- Base Salary: $205,000", "- RSU Grant: $420,000"}, []string{"first choice"}},
		// Not the preferred one of Priya's three offers.
		{"A-03", nil, []string{"first choice"}},
		// No market band: round one, with the note.
		{"B-02", []string{"no market percentile was available", "software engineer (level 63), remote"}, []string{"first choice"}},
		// preferred = no.
		{"D-01", []string{"Stripe, L6, at $300,000 a year"}, []string{"first choice"}},
		// Target met below Meta's 375,000: close the gap; the only offer is the first choice.
		{"H-01", []string{"Meta, E6, at $375,000 a year", "$15,000 a year less", "About $60,000 more over 4 years",
			"Amazon is my first choice: if you can do that before January 22, 2027, I'm ready to sign."}, []string{"Ready to Accept"}},
	}
	for _, tc := range tests {
		e := emails[tc.id]
		for _, w := range tc.want {
			if !strings.Contains(e, w) {
				t.Errorf("%s email lacks %q:\n%s", tc.id, w, e)
			}
		}
		for _, w := range tc.wantNot {
			if strings.Contains(e, w) {
				t.Errorf("%s email has %q:\n%s", tc.id, w, e)
			}
		}
	}
	// Every figure asked for is clean: base to $1,000, the grant and each
	// sign-on year to $5,000.
	asks := []struct {
		re   *regexp.Regexp
		step int
	}{
		{regexp.MustCompile(`align closer to \$([\d,]+)`), 1000},
		{regexp.MustCompile(`increasing this to \$([\d,]+)`), 5000},
		{regexp.MustCompile(`signing bonus (?:to|of) \$([\d,]+) in year 1(?: and \$([\d,]+) in year 2)?`), 5000},
	}
	n := 0
	for id, e := range emails {
		for _, a := range asks {
			for _, m := range a.re.FindAllStringSubmatch(e, -1) {
				for _, fig := range m[1:] {
					if fig == "" {
						continue
					}
					n++
					if v, err := strconv.Atoi(strings.ReplaceAll(fig, ",", "")); err != nil || v%a.step != 0 {
						t.Errorf("%s asks $%s, not a multiple of $%d", id, fig, a.step)
					}
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("found only %d asks in the sample's emails", n)
	}
}
