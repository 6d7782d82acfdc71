// Package signals stops offerbook cleanly on SIGINT or SIGTERM: the run's
// context is cancelled, so it stops between steps and writes nothing; one
// that does not stop in time, or a second signal, is stopped by force,
// its open output sets' temporaries removed first.
package signals

import (
	"context"
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
// Register), for a forced stop.
var liveSets = struct {
	sync.Mutex
	next int
	m    map[int]func() []string
}{m: map[int]func() []string{}}

// Register is a batch.Config.Register: it keeps an open output set's stop
// function, for a forced stop, until the set is closed.
func Register(stop func() []string) (unregister func()) {
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

// Cause is the cause of a context cancelled by a signal.
type Cause struct{ Signal os.Signal }

func (s Cause) Error() string { return "stopped by " + signalName(s.Signal) }

func signalName(sig os.Signal) string {
	switch sig {
	case syscall.SIGTERM:
		return "SIGTERM"
	case os.Interrupt:
		return "SIGINT (Ctrl-C)"
	}
	return sig.String()
}

// Notify returns a context cancelled on SIGINT or SIGTERM, with a Cause.
// If the run has not returned forceAfter later, or on a second signal, the
// handler stops it itself: it waits for a commit in progress, removes every
// registered set's temporaries and calls forced, which says what was not
// written and ends the process. stop ends the watch once the run has
// returned.
func Notify(parent context.Context, forced func(*batch.InterruptedError)) (ctx context.Context, stop func()) {
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
					cancel(Cause{sig})
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
			forced(forceStop(first))
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
// commit in progress) and returns what was not written.
func forceStop(sig os.Signal) *batch.InterruptedError {
	liveSets.Lock()
	defer liveSets.Unlock()
	var lost []string
	for _, stop := range liveSets.m {
		lost = append(lost, stop()...)
	}
	return &batch.InterruptedError{Cause: Cause{sig}, NotWritten: lost}
}
