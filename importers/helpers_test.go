package importers_test

import (
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
)

// result is everything one import produced.
type result struct {
	offers []*analyzer.Offer
	errs   []*importers.RowError
	stats  importers.Stats
	err    error
}

// collector returns emit and reject callbacks that append to res.
func collector(res *result) (func(*analyzer.Offer) error, func(*importers.RowError)) {
	return func(o *analyzer.Offer) error {
			res.offers = append(res.offers, o)
			return nil
		}, func(e *importers.RowError) {
			res.errs = append(res.errs, e)
		}
}

// checkInvariant fails the test unless every data row became exactly one
// offer or a rejected row: Rows = Offers + Rejected, one emit per offer,
// and the RowErrors (one per bad cell) name exactly Rejected distinct rows.
func checkInvariant(t *testing.T, res result) {
	t.Helper()
	st := res.stats
	if st.Rows != st.Offers+st.Rejected || st.Offers != len(res.offers) || st.Rejected != rejectedRows(res.errs) {
		t.Errorf("stats %+v with %d offers and %d errors on %d rows: want Rows = Offers + Rejected = callbacks",
			st, len(res.offers), len(res.errs), rejectedRows(res.errs))
	}
}

// rejectedRows counts the distinct rows a list of RowErrors names.
func rejectedRows(errs []*importers.RowError) int {
	rows := map[int]bool{}
	for _, e := range errs {
		rows[e.Row] = true
	}
	return len(rows)
}

func sources(offers []*analyzer.Offer) []analyzer.Source {
	out := make([]analyzer.Source, len(offers))
	for i, o := range offers {
		out[i] = o.Source
	}
	return out
}
