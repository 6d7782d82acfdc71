package batch

import "github.com/offerbook/offerbook/analyzer"

// MaxListedUnknown is how many unknown names a run lists one by one.
const MaxListedUnknown = 20

// UnknownNames are the offers' location and track names offerbook does not
// know (flags UNKNOWN_LOCATION and UNKNOWN_TRACK), with file, row and
// value: a count and the first few, never every offer.
type UnknownNames struct {
	Count int
	// Listed are the first MaxListedUnknown, as rows with the name as Value.
	Listed []analyzer.Rejection
}

// add notes an analysis's unknown names.
func (u *UnknownNames) add(a *analyzer.Analysis) {
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
		u.Count++
		if len(u.Listed) < MaxListedUnknown {
			src := a.Offer.Source
			u.Listed = append(u.Listed, analyzer.Rejection{File: src.File, Sheet: src.Sheet, Row: src.Row,
				Column: column, Value: value, Reason: f.Message})
		}
	}
}
