package analyzer_test

import (
	"testing"

	"github.com/offerbook/offerbook/analyzer"
)

func TestCandidates(t *testing.T) {
	mk := func(name, base, rsu, s1 string) analyzer.Analysis {
		o := &analyzer.Offer{ID: name + base, Candidate: name, Base: d(base), RSUValue: nd(rsu), SignOnY1: d(s1),
			Schedule: analyzer.MustSchedule("amazon")}
		a, err := analyzer.Analyze(o, analyzer.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	analyses := []analyzer.Analysis{
		// Year totals: 200,000 + 100,000 + 5,000 = 305,000; 215,000; 240,000; 240,000 (total 1,000,000).
		mk("Ana", "200000", "100000", "100000"),
		mk("Ben", "150000", "0", "0"),
		// 230,000 + 10,000 = 240,000; 260,000; 310,000; 310,000 (total 1,120,000).
		mk("ana", "230000", "200000", "0"),
		mk("", "100000", "0", "0"),
	}
	cands := analyzer.Candidates(analyses)
	if len(cands) != 2 || cands[0].Name != "Ana" || len(cands[0].Offers) != 2 || cands[1].Name != "Ben" {
		t.Fatalf("candidates = %+v", cands)
	}
	ana := cands[0]
	// Year 1 goes to the sign-on offer (305,000 > 240,000); years 2–4 and
	// the total to the second.
	want := []int{0, 1, 1, 1}
	for i, w := range want {
		if ana.YearWinners[i] != w {
			t.Errorf("year %d winner %d, want %d", i+1, ana.YearWinners[i], w)
		}
	}
	if ana.TotalWinner != 1 {
		t.Errorf("total winner %d, want 1", ana.TotalWinner)
	}
}

func TestSoleOffersInTheBook(t *testing.T) {
	tests := []struct {
		names []string
		sole  []bool
	}{
		// "Ana" and "ana" are one candidate with two offers; Ben has one.
		{[]string{"Ana", "Ben", "ana"}, []bool{false, true, false}},
		// An offer without a name is sole only in a batch of one.
		{[]string{""}, []bool{true}},
		{[]string{"", "Ben"}, []bool{false, true}},
	}
	for _, tc := range tests {
		book := analyzer.NewCandidateBook()
		for _, n := range tc.names {
			book.Add(&analyzer.Analysis{Offer: &analyzer.Offer{Candidate: n}})
		}
		book.Resolve(func(int) analyzer.OfferLabel { return analyzer.OfferLabel{} })
		for i := range tc.names {
			if got := book.Context(i).Offers == 1; got != tc.sole[i] {
				t.Errorf("%q: offer %d sole %v, want %v", tc.names, i, got, tc.sole[i])
			}
		}
	}
}
