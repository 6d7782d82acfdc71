// Package progress draws where a batch run is on one terminal line (a
// batch.Progress), or, with OFFERBOOK_PHASES=1, prints each phase once with
// its time, for the benchmarks.
package progress

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Line shows on stderr where a run is, phase by phase (reading and
// analysing the inputs, then writing each sheet and file), only when
// stderr is a terminal and the run is not quiet: never in the logs of a
// scheduled run. It redraws one line at most ten times a second.
type Line struct {
	w  io.Writer
	on bool
	// timed (OFFERBOOK_PHASES=1, for BENCHMARKS.md) prints each phase and
	// writing step once, on its own line, with the seconds since the start
	// of the run, instead of redrawing a line.
	timed     bool
	lastPhase string

	mu        sync.Mutex
	rows      int
	nAnalysed int
	file      string
	last      time.Time
	drawn     bool
}

// New returns the progress line of a run writing to w: drawn when w is a
// terminal and the run is not quiet, timed when OFFERBOOK_PHASES=1.
func New(w io.Writer, quiet bool) *Line {
	if os.Getenv("OFFERBOOK_PHASES") == "1" {
		return &Line{w: w, on: true, timed: true}
	}
	return &Line{w: w, on: !quiet && isTerminal(w)}
}

// runStarted is when the process started, for OFFERBOOK_PHASES.
var runStarted = time.Now()

// timedLocked prints phase once, with the time since the run started.
func (p *Line) timedLocked(phase string) {
	if phase == p.lastPhase {
		return
	}
	p.lastPhase = phase
	fmt.Fprintf(p.w, "%7.2fs %s\n", time.Since(runStarted).Seconds(), phase)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Reading names the file being read.
func (p *Line) Reading(path string) {
	if !p.on {
		return
	}
	p.mu.Lock()
	p.file = filepath.Base(path)
	p.mu.Unlock()
}

// Row counts one row read.
func (p *Line) Row() {
	if !p.on {
		return
	}
	p.mu.Lock()
	p.rows++
	if p.timed {
		p.timedLocked("reading " + p.file)
	} else if p.rows%1024 == 0 {
		p.drawLocked(fmt.Sprintf("reading %s: %s rows, %s offers analysed", p.file, thousandsOf(p.rows), thousandsOf(p.nAnalysed)))
	}
	p.mu.Unlock()
}

// Analysed counts one offer through the analysis (from the analysis's
// collecting goroutine).
func (p *Line) Analysed() {
	if !p.on {
		return
	}
	p.mu.Lock()
	p.nAnalysed++
	p.mu.Unlock()
}

// Phase shows a step between reading and writing, drawn at once.
func (p *Line) Phase(what string) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last = time.Time{}
	if p.timed {
		p.timedLocked(what)
		return
	}
	p.drawLocked(fmt.Sprintf("%s (%s offers analysed)", what, thousandsOf(p.nAnalysed)))
}

// Step shows one writing step: a sheet or a file, with rows done of total
// when total is known; "" (a file done) clears the line.
func (p *Line) Step(what string, done, total int) {
	if !p.on {
		return
	}
	if what == "" {
		p.Done()
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timed {
		p.timedLocked("writing " + what)
		return
	}
	if total > 0 {
		p.drawLocked(fmt.Sprintf("writing %s: %s of %s", what, thousandsOf(done), thousandsOf(total)))
		return
	}
	p.drawLocked("writing " + what)
}

// drawLocked redraws the line, at most ten times a second.
func (p *Line) drawLocked(line string) {
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.drawn = now, true
	fmt.Fprintf(p.w, "\r\033[K%s…", line)
}

// Done clears the progress line, and the counts for the next run (watch
// runs one per file).
func (p *Line) Done() {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rows, p.nAnalysed = 0, 0
	if p.timed {
		p.timedLocked("done")
		return
	}
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// thousandsOf writes n with comma separators.
func thousandsOf(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
