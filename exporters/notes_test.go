package exporters_test

import (
	"bytes"
	"testing"

	"github.com/offerbook/offerbook/exporters"
)

// TestSummaryNotesAsAddComment writes a batch with more flagged offers
// than MaxFlagNotes, its Summary over three pages, twice: with the
// engine's notes and with excelize's AddComment for every note. The
// workbooks are byte-identical, and Summary carries MaxFlagNotes notes.
func TestSummaryNotesAsAddComment(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 12,000 offers twice")
	}
	base := marketBenchRun(t, 12_000)
	base.OfferSheets = 2
	base.RowsPerSheet = 5001 // three Summary pages
	flagged := 0
	for i := range base.Analyses {
		if len(base.Analyses[i].Flags) > 0 {
			flagged++
		}
	}
	if flagged <= exporters.MaxFlagNotes {
		t.Fatalf("%d flagged offers, want more than %d", flagged, exporters.MaxFlagNotes)
	}
	run := storeOf(t, base, -1)
	write := func(byExcelize bool) []byte {
		t.Helper()
		defer exporters.SetNotesByExcelize(byExcelize)()
		var out bytes.Buffer
		if err := exporters.WriteWorkbook(&out, run); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	got, want := write(false), write(true)
	if !bytes.Equal(got, want) {
		for _, p := range parts(t, want) {
			if g, w := unzipped(t, got, p), unzipped(t, want, p); !bytes.Equal(g, w) {
				i := 0
				for i < min(len(g), len(w)) && g[i] == w[i] {
					i++
				}
				t.Fatalf("part %s differs at byte %d:\ngot  %q\nwant %q", p, i,
					g[max(0, i-80):min(len(g), i+160)], w[max(0, i-80):min(len(w), i+160)])
			}
		}
		t.Fatal("the workbooks differ")
	}
	notes := 0
	for _, page := range []string{"Summary", "Summary (2)", "Summary (3)"} {
		comments := relTargets(t, got, sheetPart(t, got, page), "comments")
		if len(comments) != 1 {
			t.Fatalf("%s: %d comments parts, want 1", page, len(comments))
		}
		n := bytes.Count(unzipped(t, got, comments[0]), []byte("<comment "))
		if n == 0 {
			t.Errorf("%s: no notes", page)
		}
		notes += n
	}
	if notes != exporters.MaxFlagNotes {
		t.Fatalf("Summary has %d notes, want %d", notes, exporters.MaxFlagNotes)
	}
}
