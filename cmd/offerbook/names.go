package main

import (
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
)

// maxListedUnknown is how many unknown names a run lists one by one.
const maxListedUnknown = 20

// unknownNames gathers the offers whose location or track is not a name
// offerbook knows (flags UNKNOWN_LOCATION and UNKNOWN_TRACK): the run's
// summary and validate list them with file, row and value, and --strict
// exits 3 for them. It keeps a count and the first few, never every offer.
type unknownNames struct {
	count  int
	listed []analyzer.Rejection
}

// add notes an analysis's unknown names.
func (u *unknownNames) add(a *analyzer.Analysis) {
	for _, f := range a.Flags {
		var column, value string
		switch f.Code {
		case analyzer.FlagUnknownLocation:
			column, value = "location", a.Offer.Location
		case analyzer.FlagUnknownTrack:
			column, value = "track", a.Offer.Track
		default:
			continue
		}
		u.count++
		if len(u.listed) < maxListedUnknown {
			src := a.Offer.Source
			u.listed = append(u.listed, analyzer.Rejection{File: src.File, Sheet: src.Sheet, Row: src.Row,
				Column: column, Value: value, Reason: f.Message})
		}
	}
}

// lines are the warnings to print: one per listed name, then how many
// more there are.
func (u *unknownNames) lines() []string {
	var out []string
	for _, r := range u.listed {
		out = append(out, "warning: "+r.String())
	}
	if more := u.count - len(u.listed); more > 0 {
		out = append(out, fmt.Sprintf("warning: … and %d more unknown %s (each offer's flags name them)", more, noun(more, "name", "names")))
	}
	return out
}

// summary is the summary line's clause, "" when every name is known.
func (u *unknownNames) summary() string {
	if u.count == 0 {
		return ""
	}
	return fmt.Sprintf("%d unknown location or track %s (listed above): check the spelling", u.count, noun(u.count, "name", "names"))
}

// unknownNameError ends a --strict run that met unknown names: exit code 3,
// as for rejected rows.
type unknownNameError struct{ summary string }

func (e unknownNameError) Error() string        { return "--strict: " + e.summary }
func (e unknownNameError) Is(target error) bool { return target == errRejected }
