//go:build unix

package main

// The workbook on paper, printed by LibreOffice: a candidate with three
// offers (Amazon L6 Seattle, Google L5 Bay Area, Meta E5 New York) prints
// on at most 30 pages, each offer sheet on at most 3, and no page of an
// offer sheet holds fewer than 4 lines of text. Each page's header names
// its sheet, so the pages are counted per sheet from the PDF's text.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// threeOffersCSV is one candidate with three offers, at realistic figures.
const threeOffersCSV = `id,candidate,company,track,level,location,base,sign_on_y1,sign_on_y2,rsu_value,vesting,bonus_pct,refresher,relocation,start_date,current_tc,unvested_equity,competing_company,competing_level,competing_tc,competing_deadline,notes
C-01,Dana Ortiz,Amazon,SDE,L6,Seattle,200000,90000,70000,380000,amazon,,,15000,2027-02-01,260000,90000,Google,L5,380000,2027-01-20,Amazon SDE L6 (Senior SDE) after the loop
C-02,Dana Ortiz,Google,SDE,L5,Bay Area,215000,60000,0,400000,google,15%,50000,20000,2027-02-08,260000,90000,,,,,Google L5 senior SWE in Mountain View
C-03,Dana Ortiz,Meta,SDE,E5,New York,210000,50000,0,360000,meta,15%,60000,10000,2027-02-15,260000,90000,,,,,Meta E5 SWE in New York; quarterly vesting
`

func TestLibreOfficePrintsThreeOffers(t *testing.T) {
	soffice := requireSoffice(t)
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (apt-get install poppler-utils): the print proof did NOT run", tool)
		}
	}
	dir := t.TempDir()
	input := filepath.Join(dir, "three.csv")
	if err := os.WriteFile(input, []byte(threeOffersCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	args := []string{"offerbook", "analyze", input, "--format", "xlsx", "--out-dir", filepath.Join(dir, "out"), "--quiet"}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("analyze: %v\n%s", err, stderr.String())
	}
	xlsx := filepath.Join(dir, "out", "three.xlsx")
	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	pdfDir := filepath.Join(dir, "pdf")
	_, took := runSoffice(t, soffice, profile, "pdf", pdfDir, xlsx, loTimeout)
	t.Logf("LibreOffice printed three.xlsx in %s", took.Round(1e6))
	pdf := filepath.Join(pdfDir, "three.pdf")

	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	perSheet := map[string]int{}
	for p := 1; p <= pages; p++ {
		text, err := exec.Command("pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext page %d: %v", p, err)
		}
		var lines []string
		for _, l := range strings.Split(string(text), "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, strings.TrimSpace(l))
			}
		}
		if len(lines) == 0 {
			t.Errorf("page %d is empty", p)
			continue
		}
		// The header: the sheet's name, then the generated date.
		sheet, _, _ := strings.Cut(lines[0], "  ")
		perSheet[sheet]++
		// Text lines besides the header and the "Page X of Y" footer.
		if body := len(lines) - 2; strings.HasPrefix(sheet, "C-0") && body < 4 {
			t.Errorf("page %d of %s holds %d lines of text, want at least 4:\n%s", p, sheet, body, strings.Join(lines, "\n"))
		}
		if !strings.Contains(string(text), fmt.Sprintf("Page %d of %d", p, pages)) {
			t.Errorf("page %d has no \"Page %d of %d\" footer", p, p, pages)
		}
	}
	t.Logf("%d pages: %v", pages, perSheet)
	if pages > 30 {
		t.Errorf("the workbook prints on %d pages, want at most 30", pages)
	}
	offers := 0
	for sheet, n := range perSheet {
		if strings.HasPrefix(sheet, "C-0") {
			offers++
			if n > 3 {
				t.Errorf("%s prints on %d pages, want at most 3", sheet, n)
			}
		}
	}
	if offers != 3 {
		t.Errorf("found %d offer sheets in the printout, want 3: %v", offers, perSheet)
	}
	if n := perSheet["Bands"]; n != 1 {
		t.Errorf("Bands prints on %d pages, want its heading on 1", n)
	}
}
