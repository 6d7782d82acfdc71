package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// progress prints a running row count on stderr while inputs are read, only
// when stderr is a terminal (never into logs of scheduled runs).
type progress struct {
	w    io.Writer
	on   bool
	rows int
	file string
}

// progressEvery is how many rows pass between two updates.
const progressEvery = 8192

func newProgress(w io.Writer, quiet bool) *progress {
	return &progress{w: w, on: !quiet && isTerminal(w)}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// start names the file being read.
func (p *progress) start(path string) { p.file = filepath.Base(path) }

// row counts one row and redraws the line now and then.
func (p *progress) row() {
	p.rows++
	if p.on && p.rows%progressEvery == 0 {
		fmt.Fprintf(p.w, "\rreading %s: %d rows…", p.file, p.rows)
	}
}

// done clears the progress line.
func (p *progress) done() {
	if p.on && p.rows >= progressEvery {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
