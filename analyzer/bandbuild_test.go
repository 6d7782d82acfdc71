package analyzer_test

import (
	"testing"

	"github.com/offerbook/offerbook/analyzer"
)

func TestBandBuilder(t *testing.T) {
	levels, err := analyzer.NewLevelTable([]analyzer.LevelEquivalence{{Track: "SDE", Company: "Google", CompanyLevel: "L5", Level: "L6", Source: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	opts := analyzer.DefaultOptions()
	opts.Levels = levels
	opts.StockGrowth = d("0.10") // plays no part: bands are at grant value
	b, err := analyzer.NewBandBuilder(opts)
	if err != nil {
		t.Fatal(err)
	}
	// Five Google L5 SDE offers in Bay Area (spelled two ways), even
	// vesting, no sign-on or bonus: base 100,000 … 150,000, grant 4 × base.
	for i, base := range []string{"100000", "110000", "120000", "130000", "150000"} {
		loc := "Bay Area"
		if i%2 == 1 {
			loc = "SF"
		}
		o := &analyzer.Offer{ID: "g", Company: "Google", Track: "SWE", Level: "L5", Location: analyzer.CanonicalLocation(loc),
			Base: d(base), RSUValue: nd(d(base).Mul(d("4")).String()), Schedule: analyzer.MustSchedule("even")}
		if err := b.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	// Two Amazon offers: a group below the minimum.
	for _, base := range []string{"150000", "160000"} {
		o := &analyzer.Offer{ID: "a", Company: "Amazon", Track: "EM", Level: "L6", Location: "Seattle",
			Base: d(base), RSUValue: nd("100000"), Schedule: analyzer.MustSchedule("amazon")}
		if err := b.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	// A bad offer is an error and counts nowhere.
	if err := b.Add(&analyzer.Offer{ID: "x", Base: d("0"), Schedule: analyzer.MustSchedule("even")}); err == nil {
		t.Error("a zero base was added")
	}
	bands, skipped := b.Bands(5, "offers.csv")
	if skipped != 1 || b.Offers() != 7 || b.Groups() != 2 {
		t.Errorf("skipped %d, offers %d, groups %d; want 1, 7, 2", skipped, b.Offers(), b.Groups())
	}
	if len(bands) != len(analyzer.Components) {
		t.Fatalf("%d bands, want one per component", len(bands))
	}
	// PERCENTILE.INC of n = 5 values: P10 at rank 0.4 and P90 at rank 3.6.
	// Base: 100,000 + 0.4 × 10,000 = 104,000; 130,000 + 0.6 × 20,000 =
	// 142,000. Grant: four times those. Total comp = base + grant / 4 =
	// 2 × base: 208,000 to 284,000. Sign-ons: 0 to 0.
	want := map[analyzer.Component][2]string{
		analyzer.ComponentBase:          {"104000", "142000"},
		analyzer.ComponentRSU4yr:        {"416000", "568000"},
		analyzer.ComponentSignOnY1:      {"0", "0"},
		analyzer.ComponentSignOnTotal:   {"0", "0"},
		analyzer.ComponentTotalY1:       {"208000", "284000"},
		analyzer.ComponentBaseEquityAvg: {"208000", "284000"},
		analyzer.ComponentTotalComp:     {"208000", "284000"},
	}
	for _, bd := range bands {
		if bd.Key != (analyzer.BandKey{CompanyType: "FAANG", Company: "Google", Track: "SDE", Level: "L6", Location: "Bay Area"}) {
			t.Errorf("key %+v, want Google SDE at the L6 band level in Bay Area", bd.Key)
		}
		if bd.Source != "built from offers.csv, 5 offers" {
			t.Errorf("source %q", bd.Source)
		}
		if w, ok := want[bd.Component]; ok && (!bd.Min.Equal(d(w[0])) || !bd.Max.Equal(d(w[1]))) {
			t.Errorf("%s: %s–%s, want %s–%s", bd.Component, bd.Min, bd.Max, w[0], w[1])
		}
	}
	// Read back as a band table, the bands place a Google L5 offer exactly.
	tbl, err := analyzer.NewBandTable(bands)
	if err != nil {
		t.Fatal(err)
	}
	o := &analyzer.Offer{ID: "g", Company: "Google", Track: "SDE", Level: "L5", Location: "Bay Area",
		Base: d("120000"), RSUValue: nd("480000"), Schedule: analyzer.MustSchedule("even")}
	a := analyzeWith(t, o, tbl, func(opt *analyzer.Options) { opt.Levels = levels })
	// 240,000 in 208,000–284,000: 10 + 32,000 × 80 / 76,000 = 43.7.
	h := a.Market.HeadlineFigure()
	if a.Market.Match != analyzer.MatchExact || h.Component != analyzer.ComponentTotalComp || h.Percentile.Round(1).String() != "43.7" {
		t.Errorf("read back: match %s, headline %s at P%s; want exact total_comp at P43.7", a.Market.Match, h.Component, h.Percentile.Round(1))
	}
}
