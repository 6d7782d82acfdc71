package main

import (
	"fmt"

	"github.com/offerbook/offerbook/cmd/internal/batch"
)

// unknownLines are the warnings for the location and track names
// offerbook does not know: one per listed name, then how many more there
// are.
func unknownLines(u batch.UnknownNames) []string {
	var out []string
	for _, r := range u.Listed {
		out = append(out, "warning: "+r.String())
	}
	if more := u.Count - len(u.Listed); more > 0 {
		out = append(out, fmt.Sprintf("warning: … and %d more unknown %s (each offer's flags name them)", more, noun(more, "name", "names")))
	}
	return out
}

// unknownSummary is the summary line's clause, "" when every name is known.
func unknownSummary(u batch.UnknownNames) string {
	if u.Count == 0 {
		return ""
	}
	return fmt.Sprintf("%d unknown location or track %s (listed above): check the spelling", u.Count, noun(u.Count, "name", "names"))
}

// unknownNameError ends a --strict run that met unknown names: exit code 3,
// as for rejected rows.
type unknownNameError struct{ summary string }

func (e unknownNameError) Error() string        { return "--strict: " + e.summary }
func (e unknownNameError) Is(target error) bool { return target == errRejected }
