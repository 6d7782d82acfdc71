package progress

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// TestProgressPhasesTimed: with OFFERBOOK_PHASES=1 every phase and writing
// step is printed once, on its own line, with the seconds since the start,
// even when stderr is not a terminal and the run is --quiet; without it, a
// writer that is not a terminal gets nothing.
func TestProgressPhasesTimed(t *testing.T) {
	t.Setenv("OFFERBOOK_PHASES", "1")
	var out bytes.Buffer
	p := New(&out, true)
	p.Reading("offers.csv")
	for range 3 {
		p.Row()
		p.Analysed()
	}
	p.Phase("placing offers among their peers")
	p.Step("Summary", 16384, 100000)
	p.Step("Summary", 32768, 100000)
	p.Step("Levers", 0, 0)
	p.Done()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	want := []string{"reading offers.csv", "placing offers among their peers", "writing Summary", "writing Levers", "done"}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), out.String())
	}
	timed := regexp.MustCompile(`^ *\d+\.\d\ds (.*)$`)
	for i, l := range lines {
		m := timed.FindStringSubmatch(l)
		if m == nil || m[1] != want[i] {
			t.Errorf("line %d = %q, want seconds then %q", i+1, l, want[i])
		}
	}

	t.Setenv("OFFERBOOK_PHASES", "")
	out.Reset()
	p = New(&out, false)
	p.Phase("placing offers among their peers")
	p.Step("Summary", 1, 2)
	p.Done()
	if out.Len() != 0 {
		t.Fatalf("progress written to a non-terminal: %q", out.String())
	}
}
