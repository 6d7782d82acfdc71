package batch

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// InterruptedError is a run stopped (its context cancelled, as by a
// signal) before its outputs were put in place: nothing was written, and
// it names the outputs that were not.
type InterruptedError struct {
	// Cause is why the run stopped (the context's cause); nil when none
	// was given.
	Cause      error
	NotWritten []string
}

func (e *InterruptedError) Error() string {
	what := "interrupted"
	if e.Cause != nil {
		what = e.Cause.Error()
	}
	if len(e.NotWritten) == 0 {
		return what + " before writing any output; nothing was changed"
	}
	return fmt.Sprintf("%s: nothing was written; not written: %s (their temporary files were removed; files of those names from an earlier run are unchanged)",
		what, strings.Join(e.NotWritten, ", "))
}

func (e *InterruptedError) Unwrap() error { return context.Canceled }

// interrupted is the error of a run stopped before its outputs were
// committed; planned are the outputs it would have written. The cause is
// the one the context was cancelled with, if it was given one.
func interrupted(ctx context.Context, planned []string) error {
	cause := context.Cause(ctx)
	if errors.Is(cause, context.Canceled) || errors.Is(cause, context.DeadlineExceeded) {
		cause = nil
	}
	return &InterruptedError{Cause: cause, NotWritten: planned}
}
