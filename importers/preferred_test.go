package importers_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
)

func TestReadCSVPreferred(t *testing.T) {
	text := "level,location,base,rsu_value,First choice?\n" +
		"L6,Seattle,175000,300000,Yes\n" +
		"L6,Seattle,175000,300000,no\n" +
		"L6,Seattle,175000,300000,\n" +
		"L6,Seattle,175000,300000,maybe\n"
	res := readCSV(t, "p.csv", text)
	if len(res.offers) != 3 || len(res.errs) != 1 {
		t.Fatalf("got %d offers and %v", len(res.offers), res.errs)
	}
	for i, want := range []analyzer.Preference{analyzer.PreferenceYes, analyzer.PreferenceNo, analyzer.PreferenceUnset} {
		if got := res.offers[i].Preferred; got != want {
			t.Errorf("offer %d preferred %v, want %v", i+1, got, want)
		}
	}
	if e := res.errs[0]; e.Row != 5 || e.Column != "First choice?" || e.Value != "maybe" || !errors.Is(e, importers.ErrInvalidChoice) {
		t.Errorf("row error %#v (%v)", e, e)
	}
}

// TestReadCSVRoundRange holds the round column to 1–20 and its error to
// naming that range.
func TestReadCSVRoundRange(t *testing.T) {
	text := "id,level,location,base,rsu_value,round\n" +
		"A,L6,Seattle,175000,300000,20\n" +
		"B,L6,Seattle,175000,300000,21\n" +
		"C,L6,Seattle,175000,300000,0\n"
	res := readCSV(t, "r.csv", text)
	if len(res.offers) != 1 || res.offers[0].Round != 20 || len(res.errs) != 2 {
		t.Fatalf("got %d offers and %v", len(res.offers), res.errs)
	}
	for _, e := range res.errs {
		if e.Column != "round" || !errors.Is(e, importers.ErrInvalidNumber) || !strings.Contains(e.Error(), "from 1 to 20") {
			t.Errorf("row %d: %v, want the range 1 to 20 named", e.Row, e)
		}
	}
}
