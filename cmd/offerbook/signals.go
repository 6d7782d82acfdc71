package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"
)

// forceAfter is how long a run has, after SIGINT or SIGTERM, to stop by
// itself (it checks between steps) before the signal handler removes the
// temporaries and ends the process: building a large workbook does not
// stop half-way.
const forceAfter = 2 * time.Second

// commitMu is held while an output set is being committed, so a forced stop
// waits for the renames to finish: a set is never left half in place.
var commitMu sync.Mutex

// liveSets are the output sets being written, for a forced stop to clean.
var liveSets = struct {
	sync.Mutex
	m map[*outputSet]bool
}{m: map[*outputSet]bool{}}

func registerSet(s *outputSet) {
	liveSets.Lock()
	liveSets.m[s] = true
	liveSets.Unlock()
}

func unregisterSet(s *outputSet) {
	liveSets.Lock()
	delete(liveSets.m, s)
	liveSets.Unlock()
}

// signalCause is the cause of a context cancelled by a signal.
type signalCause struct{ sig os.Signal }

func (s signalCause) Error() string { return "stopped by " + signalName(s.sig) }

func signalName(sig os.Signal) string {
	switch sig {
	case syscall.SIGTERM:
		return "SIGTERM"
	case os.Interrupt:
		return "SIGINT (Ctrl-C)"
	}
	return sig.String()
}

// notifySignals returns a context cancelled on SIGINT or SIGTERM. If the
// run has not returned forceAfter later, or on a second signal, the
// handler stops it itself: it waits for a commit in progress, removes every
// live set's temporaries, reports on stderr what was not written and calls
// exit(1). stop ends the watch once run has returned.
func notifySignals(parent context.Context, stderr io.Writer, exit func(int)) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	var (
		mu      sync.Mutex
		stopped bool
	)
	quit := make(chan struct{})
	go func() {
		var first os.Signal
		var force <-chan time.Time
		for {
			select {
			case <-quit:
				return
			case sig := <-ch:
				if first == nil {
					first = sig
					cancel(signalCause{sig})
					force = time.After(forceAfter)
					continue
				}
			case <-force:
			}
			mu.Lock()
			if stopped {
				mu.Unlock()
				return
			}
			forceStop(first, stderr)
			exit(exitFailed)
			mu.Unlock()
			return
		}
	}()
	return ctx, func() {
		mu.Lock()
		stopped = true
		mu.Unlock()
		signal.Stop(ch)
		close(quit)
		cancel(nil)
	}
}

// forceStop removes the temporaries of every live set and says what was
// not written.
func forceStop(sig os.Signal, stderr io.Writer) {
	commitMu.Lock()
	defer commitMu.Unlock()
	liveSets.Lock()
	defer liveSets.Unlock()
	var lost, dirs []string
	for s := range liveSets.m {
		lost = append(lost, s.abort()...)
		dirs = append(dirs, s.dir)
	}
	e := &interruptedError{cause: signalCause{sig}, notWritten: lost, dirs: dirs}
	fmt.Fprintln(stderr, "offerbook:", e.Error())
}

// interruptedError is a run stopped by a signal (or a cancelled context)
// before its outputs were put in place: nothing was written, and it says
// which outputs those were.
type interruptedError struct {
	cause      error
	notWritten []string
	dirs       []string
}

func (e *interruptedError) Error() string {
	what := "interrupted"
	if e.cause != nil {
		what = e.cause.Error()
	}
	if len(e.notWritten) == 0 {
		return what + " before writing any output; nothing was changed"
	}
	return fmt.Sprintf("%s: nothing was written; not written: %s (their temporary files were removed; files of those names from an earlier run are unchanged)",
		what, strings.Join(e.notWritten, ", "))
}

func (e *interruptedError) Unwrap() error { return context.Canceled }

// interrupted builds the error of a run stopped before its outputs were
// committed; planned are the outputs it would have written.
func interrupted(ctx context.Context, planned []string) error {
	cause := context.Cause(ctx)
	var sc signalCause
	if !errors.As(cause, &sc) {
		cause = nil
	}
	return &interruptedError{cause: cause, notWritten: planned}
}
