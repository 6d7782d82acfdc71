package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/offerbook/offerbook/cmd/internal/batch"
)

// forceAfter is how long a run has, after SIGINT or SIGTERM, to stop by
// itself (it checks between steps) before the signal handler removes the
// temporaries and ends the process: building a large workbook does not
// stop half-way.
const forceAfter = 2 * time.Second

// liveSets are the stop functions of the output sets being written (see
// batch.Config.Register), for a forced stop.
var liveSets = struct {
	sync.Mutex
	next int
	m    map[int]func() []string
}{m: map[int]func() []string{}}

// registerSet is batch.Config.Register: it keeps an open set's stop
// function until the set is closed.
func registerSet(stop func() []string) (unregister func()) {
	liveSets.Lock()
	defer liveSets.Unlock()
	id := liveSets.next
	liveSets.next++
	liveSets.m[id] = stop
	return func() {
		liveSets.Lock()
		delete(liveSets.m, id)
		liveSets.Unlock()
	}
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

// forceStop removes the temporaries of every live set (each waits for its
// commit in progress) and says what was not written.
func forceStop(sig os.Signal, stderr io.Writer) {
	liveSets.Lock()
	defer liveSets.Unlock()
	var lost []string
	for _, stop := range liveSets.m {
		lost = append(lost, stop()...)
	}
	e := &batch.InterruptedError{Cause: signalCause{sig}, NotWritten: lost}
	fmt.Fprintln(stderr, "offerbook:", e.Error())
}
