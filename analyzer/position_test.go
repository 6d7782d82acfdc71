package analyzer_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
)

// guideSource is the document the differentials come from.
const guideSource = "Amazon L6/L7 Compensation & Negotiation Guide (market estimates)"

// bayAreaSDE are Amazon's L6 SDE Bay Area rows (the built-in table's),
// with the Google SDE L5 → L6 equivalence and the guide's differentials.
func bayAreaSDE(t *testing.T) func(*analyzer.Options) {
	t.Helper()
	bands, err := analyzer.NewBandTable([]analyzer.Band{
		band("FAANG|Amazon|SDE|L6|Bay Area", "base", "190000", "240000"),
		band("FAANG|Amazon|SDE|L6|Bay Area", "rsu_4yr", "350000", "600000"),
		band("FAANG|Amazon|SDE|L6|Bay Area", "sign_on_total", "120000", "250000"),
		band("FAANG|Amazon|SDE|L6|Bay Area", "total_y1", "250000", "365000"),
	})
	if err != nil {
		t.Fatal(err)
	}
	levels, err := analyzer.NewLevelTable([]analyzer.LevelEquivalence{{Track: "SDE", Company: "Google", CompanyLevel: "L5", Level: "L6", Source: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	diffs, err := analyzer.NewDifferentialTable([]analyzer.Differential{
		{Company: "Google", ReferenceCompany: "Amazon", FactorMin: d("1.10"), FactorMax: d("1.15"), Source: guideSource},
		{Company: "Meta", ReferenceCompany: "Amazon", FactorMin: d("1.00"), FactorMax: d("1.00"), Source: guideSource},
	})
	if err != nil {
		t.Fatal(err)
	}
	return func(o *analyzer.Options) {
		o.Bands, o.Levels, o.Differentials = bands, levels, diffs
	}
}

// googleL5 is the Google L5 SWE Bay Area offer: 210,000 base,
// 400,000 RSU on Google's 33/33/22/12 schedule, 15% bonus, no sign-on.
func googleL5() *analyzer.Offer {
	return &analyzer.Offer{ID: "g", Company: "Google", Track: "SDE", Level: "L5", Location: "Bay Area",
		Base: d("210000"), BonusPct: d("0.15"), RSUValue: nd("400000"), Schedule: analyzer.MustSchedule("google")}
}

func TestCompanyDifferentialAndConfidence(t *testing.T) {
	tests := []struct {
		name, company, level string
		// min and max of the headline band, its percentile to one place,
		// the match, the confidence and the verdict's words.
		min, max, pctl string
		match          analyzer.BandMatch
		confidence     analyzer.BandConfidence
		words          string
	}{
		// Composed: 190,000 + 350,000/4 + 120,000/4 = 307,500 to 240,000
		// + 600,000/4 + 250,000/4 = 452,500; × 1.125 (the midpoint of
		// 1.10–1.15) = 345,937.5 to 509,062.5. Annual total comp 210,000 +
		// 31,500 + 100,000 = 341,500: 10 + (341,500 − 345,937.5) × 80 /
		// 163,125 = 7.82.
		{"Google on Amazon's band × 1.125", "Google", "L5", "345937.5", "509062.5", "7.8", analyzer.MatchReference,
			analyzer.ConfidenceMedium, "medium confidence: Amazon's band, Google +10–15% per the guide"},
		// Meta × 1.00: 10 + (341,500 − 307,500) × 80 / 145,000 = 28.76.
		{"Meta similar", "Meta", "L6", "307500", "452500", "28.8", analyzer.MatchReference,
			analyzer.ConfidenceMedium, "medium confidence: Amazon's band, Meta +0% per the guide"},
		// Netflix has no row: unadjusted, low confidence.
		{"Netflix without a differential", "Netflix", "L6", "307500", "452500", "28.8", analyzer.MatchReference,
			analyzer.ConfidenceLow, "low confidence: Amazon's band, unadjusted: no company differential for Netflix"},
		// Amazon's own band: high.
		{"Amazon's own band", "Amazon", "L6", "307500", "452500", "28.8", analyzer.MatchExact,
			analyzer.ConfidenceHigh, "high confidence: Amazon's own band for Bay Area"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := googleL5()
			o.Company, o.Level = tc.company, tc.level
			a := analyzeWith(t, o, nil, bayAreaSDE(t))
			m := a.Market
			h := m.HeadlineFigure()
			if h == nil || !h.Band.Min.Equal(d(tc.min)) || !h.Band.Max.Equal(d(tc.max)) {
				t.Fatalf("headline band %+v, want %s–%s", h, tc.min, tc.max)
			}
			if got := h.Percentile.Round(1).StringFixed(1); got != tc.pctl {
				t.Errorf("percentile %s, want %s", got, tc.pctl)
			}
			if m.Match != tc.match || m.Confidence != tc.confidence {
				t.Errorf("match %q confidence %q, want %q %q", m.Match, m.Confidence, tc.match, tc.confidence)
			}
			if got := m.ConfidenceWords(); got != tc.words {
				t.Errorf("words %q, want %q", got, tc.words)
			}
			if own := m.OwnBand(); own != (tc.match == analyzer.MatchExact) {
				t.Errorf("OwnBand %v", own)
			}
			if r := analyzer.Reduce(&a); r.BandConfidence != string(tc.confidence) {
				t.Errorf("record confidence %q", r.BandConfidence)
			}
		})
	}
}

func TestFlagsAgree(t *testing.T) {
	// The Google offer: the headline 341,500 is below its band, but year 1
	// (373,500 > 365,000) is above the total_y1 band: that is
	// COMPONENT_ABOVE_BAND, never ABOVE_BAND beside BELOW_MEDIAN. Its
	// midpoint 427,500 × 0.8 = 342,000 > 341,500: FAR_BELOW_MARKET. Year 3
	// (329,500) < year 1 with no sign-on: the front-loaded vesting tapers.
	a := analyzeWith(t, googleL5(), nil, bayAreaSDE(t))
	if got, want := analyzer.FlagCodes(a.Flags), "CLIFF_Y3;YOY_DROP;BELOW_MEDIAN;FAR_BELOW_MARKET;COMPONENT_ABOVE_BAND"; got != want {
		t.Errorf("flags %s, want %s", got, want)
	}
	for _, f := range a.Flags {
		switch f.Code {
		case analyzer.FlagCliffY3:
			if want := "Year 3 pays $44,000 less than year 1: the front-loaded vesting tapers ($132,000 vested in year 1, $88,000 in year 3)."; f.Message != want {
				t.Errorf("CLIFF_Y3 %q, want %q", f.Message, want)
			}
		case analyzer.FlagComponentAboveBand:
			if !strings.Contains(f.Message, "Year 1 total $373,500 > $365,000") {
				t.Errorf("COMPONENT_ABOVE_BAND %q", f.Message)
			}
		}
	}
	// Across many offers, ABOVE_BAND and BELOW_MEDIAN never meet.
	gen := analyzer.NewSynthetic(7)
	above := 0
	for i := 0; i < 3000; i++ {
		o := gen.Next()
		o.Company, o.Track, o.Level, o.Location = "Amazon", "EM", "L6", "Seattle"
		if i%3 == 0 {
			o.Company = "Google"
		}
		a := analyzeWith(t, &o, seattleEM(t), nil)
		if a.HasFlag(analyzer.FlagAboveBand) {
			above++
			if a.HasFlag(analyzer.FlagBelowMedian) {
				t.Fatalf("%s: ABOVE_BAND with BELOW_MEDIAN: %s", o.ID, analyzer.FlagCodes(a.Flags))
			}
		}
	}
	if above == 0 {
		t.Fatal("no synthetic offer was above its band: the check above proves nothing")
	}
}

func TestCliffNamesItsCause(t *testing.T) {
	tests := []struct {
		name, schedule, s1, s2, want string
	}{
		// Amazon 5/15/40/40 with 80,000 / 60,000: year 1 270,000, year 3
		// 175,000 + 120,000 = 295,000: no cliff at 300,000. With 150,000
		// / 0: year 1 340,000 > 295,000, and vesting grows.
		{"sign-on ends, back-loaded vesting", "amazon", "150000", "0",
			"Year 3 pays $45,000 less than year 1: the sign-on ($150,000 in year 1) ends before the back-loaded vesting makes up for it."},
		// Google 33/33/22/12 with 50,000: year 1 175,000 + 50,000 + 99,000
		// = 324,000; year 3 175,000 + 66,000 = 241,000.
		{"both", "google", "50000", "0",
			"Year 3 pays $83,000 less than year 1: the sign-on ends ($50,000 in year 1) and the front-loaded vesting tapers ($99,000 vested in year 1, $66,000 in year 3)."},
		// Even 25/25/25/25 with 30,000: year 1 280,000, year 3 250,000.
		{"sign-on alone", "even", "30000", "0",
			"Year 3 pays $30,000 less than year 1: the sign-on ($30,000 in year 1) ends."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := emOffer("175000", "300000", tc.s1, tc.s2)
			o.Schedule = analyzer.MustSchedule(tc.schedule)
			a := analyzeWith(t, o, seattleEM(t), nil)
			for _, f := range a.Flags {
				if f.Code == analyzer.FlagCliffY3 {
					if f.Message != tc.want {
						t.Errorf("CLIFF_Y3 %q, want %q", f.Message, tc.want)
					}
					return
				}
			}
			t.Errorf("no CLIFF_Y3 in %s", analyzer.FlagCodes(a.Flags))
		})
	}
}

func TestTodaysMoney(t *testing.T) {
	// The same offers with and without 5% stock growth and 3% raises: the
	// year tables differ, the market position, flags, levers and counter
	// do not (docs/METHOD.md, "Market position").
	offers := []*analyzer.Offer{
		emOffer("175000", "300000", "80000", "60000"), // the guide's worked L6 EM offer: P30.6
		emOffer("185000", "380000", "110000", "85000"),
		googleL5(),
	}
	for _, o := range offers {
		flat := analyzeWith(t, o, seattleEM(t), bayAreaSDEIfGoogle(t, o))
		grown := analyzeWith(t, o, seattleEM(t), func(opt *analyzer.Options) {
			bayAreaSDEIfGoogle(t, o)(opt)
			opt.StockGrowth, opt.Raise = d("0.05"), d("0.03")
		})
		if grown.Total.Equal(flat.Total) {
			t.Fatalf("%s: growth did not change the year table", o.Company)
		}
		if !grown.TodayTotalComp.Equal(flat.AnnualTotalComp) {
			t.Errorf("%s: today's total comp %s, want %s", o.Company, grown.TodayTotalComp, flat.AnnualTotalComp)
		}
		if !reflect.DeepEqual(grown.Market, flat.Market) {
			t.Errorf("%s: market position differs with growth:\n%+v\n%+v", o.Company, grown.Market.HeadlineFigure(), flat.Market.HeadlineFigure())
		}
		if !reflect.DeepEqual(grown.Flags, flat.Flags) {
			t.Errorf("%s: flags %s, want %s", o.Company, analyzer.FlagCodes(grown.Flags), analyzer.FlagCodes(flat.Flags))
		}
		if !reflect.DeepEqual(grown.Counter, flat.Counter) || grown.Best != flat.Best {
			t.Errorf("%s: counter-offer differs with growth", o.Company)
		}
	}
	// Seed 001's offer stays at P30.6 whatever the growth.
	a := analyzeWith(t, offers[0], seattleEM(t), func(opt *analyzer.Options) { opt.StockGrowth, opt.Raise = d("0.05"), d("0.03") })
	if got := a.Market.HeadlineFigure().Percentile.Round(1).StringFixed(1); got != "30.6" {
		t.Errorf("the worked L6 EM offer with growth at P%s, want P30.6", got)
	}
}

func bayAreaSDEIfGoogle(t *testing.T, o *analyzer.Offer) func(*analyzer.Options) {
	if o.Company == "Google" {
		return bayAreaSDE(t)
	}
	return func(*analyzer.Options) {}
}

func TestFallbackHeadlineInResults(t *testing.T) {
	// The repro: a bands file with only a base_equity_avg row for
	// Amazon EM L5 Seattle and a total_y1 row for Amazon SDE L5 Austin.
	bands, err := analyzer.NewBandTable([]analyzer.Band{
		band("FAANG|Amazon|EM|L5|Seattle", "base_equity_avg", "190000", "245000"),
		band("FAANG|Amazon|SDE|L5|Austin", "total_y1", "190000", "270000"),
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, track, location        string
		pctl, compa, penetration, fl string
	}{
		// 200,000 + 100,000 / 4 = 225,000 in 190,000–245,000: 10 +
		// 35,000 × 80 / 55,000 = 60.9; midpoint 217,500 → 1.03;
		// penetration 35,000 / 55,000 = 63.6%.
		{"base_equity_avg", "EM", "Seattle", "60.9", "1.03", "63.6", ""},
		// Year 1: 200,000 + 5% of 100,000 = 205,000 in 190,000–270,000:
		// 10 + 15,000 × 80 / 80,000 = 25.0; midpoint 230,000 → 0.89;
		// penetration 18.75 → 18.8 (half-even).
		{"total_y1", "SDE", "Austin", "25.0", "0.89", "18.8", "BELOW_MEDIAN"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := &analyzer.Offer{ID: "E1", Company: "Amazon", Track: tc.track, Level: "L5", Location: tc.location,
				Base: d("200000"), RSUValue: nd("100000"), Schedule: analyzer.MustSchedule("amazon")}
			opts := analyzer.DefaultOptions()
			opts.Bands = bands
			e, err := analyzer.NewEngine(opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, brief := range []bool{true, false} {
				analyze := e.Analyze
				if brief {
					analyze = e.AnalyzeBrief
				}
				a, err := analyze(o)
				if err != nil {
					t.Fatal(err)
				}
				r := analyzer.Reduce(&a)
				got := []string{r.HeadlinePctl.Decimal(1).StringFixed(1), r.CompaRatio.Decimal(2).StringFixed(2),
					r.Penetration.Decimal(1).StringFixed(1), r.FlagCodes}
				if want := []string{tc.pctl, tc.compa, tc.penetration, tc.fl}; !reflect.DeepEqual(got, want) {
					t.Errorf("brief %v: percentile, compa-ratio, penetration, flags = %q, want %q", brief, got, want)
				}
			}
		})
	}
}

func TestSettledReadings(t *testing.T) {
	// Seed 001's offer without a band: the peer figure is annual total
	// comp, the 4-year average 285,000, also with --years 5 (whose 5-year
	// average is (1,140,000 + 175,000) / 5 = 263,000).
	o := emOffer("175000", "300000", "80000", "60000")
	for _, years := range []int{4, 5} {
		opts := analyzer.DefaultOptions()
		opts.Years = years
		a, err := analyzer.Analyze(o, opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.HeadlineValue(); !got.Equal(d("285000")) {
			t.Errorf("years %d: peer figure %s, want 285000 (average %s)", years, got, a.Average)
		}
	}
	// With --years 1 there is no two-year average: blank in results.
	opts := analyzer.DefaultOptions()
	opts.Years = 1
	a, err := analyzer.Analyze(o, opts)
	if err != nil {
		t.Fatal(err)
	}
	if r := analyzer.Reduce(&a); r.TwoYearAverage != analyzer.Blank {
		t.Errorf("years 1: two_year_average %v, want blank", r.TwoYearAverage.Decimal(2))
	}
	opts.Years = 2
	if a, err = analyzer.Analyze(o, opts); err != nil {
		t.Fatal(err)
	}
	if r := analyzer.Reduce(&a); r.TwoYearAverage.Decimal(2).String() != "275000" {
		t.Errorf("years 2: two_year_average %s, want 275000", r.TwoYearAverage.Decimal(2))
	}
}

func TestKnownNames(t *testing.T) {
	tests := []struct {
		name, location, track string
		// flags the offer carries and words its messages hold.
		flags string
		words []string
		band  bool
	}{
		{"typo in the location", "Seatle", "EM", "UNKNOWN_LOCATION;BELOW_MEDIAN",
			[]string{`location "Seatle" is not a known name (did you mean Seattle?)`, "company_type match"}, true},
		{"abroad", "London", "EM", "UNKNOWN_LOCATION;NO_BAND",
			[]string{`"London" is outside the United States`, "no after-tax estimate"}, false},
		{"abroad with a country", "Toronto, ON, Canada", "EM", "UNKNOWN_LOCATION;NO_BAND", []string{"outside the United States"}, false},
		{"a title for a track", "Seattle", "Sr. Software Engineer", "UNKNOWN_TRACK;NO_BAND",
			[]string{`track "Sr. Software Engineer" is not a known name (did you mean SDE?)`}, false},
		{"metro spelling", "Seattle WA", "EM", "BELOW_MEDIAN", nil, true},
		// A US Dublin is not abroad: unknown, but given a band.
		{"a US town named like one abroad", "Dublin, CA", "EM", "UNKNOWN_LOCATION;BELOW_MEDIAN",
			[]string{`location "Dublin, CA" is not a known name`}, true},
		{"Dublin abroad", "Dublin", "EM", "UNKNOWN_LOCATION;NO_BAND", []string{"outside the United States"}, false},
		{"a band's own location", "Brooklyn", "EM", "BELOW_MEDIAN", nil, true},
		{"nothing near", "Xq", "EM", "UNKNOWN_LOCATION;BELOW_MEDIAN", []string{`location "Xq" is not a known name: the band`}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := emOffer("175000", "300000", "80000", "60000")
			o.Location, o.Track = analyzer.CanonicalLocation(tc.location), analyzer.CanonicalTrack(tc.track)
			a := analyzeWith(t, o, seattleEM(t), nil)
			if got := analyzer.FlagCodes(a.Flags); got != tc.flags {
				t.Errorf("flags %s, want %s", got, tc.flags)
			}
			var msgs []string
			for _, f := range a.Flags {
				msgs = append(msgs, f.Message)
			}
			all := strings.Join(msgs, "\n")
			for _, w := range tc.words {
				if !strings.Contains(all, w) {
					t.Errorf("messages lack %q:\n%s", w, all)
				}
			}
			if got := a.Market.HeadlineFigure() != nil; got != tc.band {
				t.Errorf("has a band: %v, want %v", got, tc.band)
			}
		})
	}
	// London gets no tax estimate either.
	o := emOffer("175000", "300000", "80000", "60000")
	o.Location = "London"
	opts := taxOptions(t, 4)
	a, err := analyzer.Analyze(o, opts)
	if err != nil {
		t.Fatal(err)
	}
	if a.AfterTax == nil || a.AfterTax.Known() {
		t.Errorf("London: after tax %+v, want no US tax estimate", a.AfterTax)
	}
}

func TestAmazonTitleAtAnyCompany(t *testing.T) {
	levels, err := analyzer.NewLevelTable([]analyzer.LevelEquivalence{
		{Track: "SDE", Company: "Google", CompanyLevel: "L6", Level: "L7", Source: "test"},
		{Track: "EM", Company: "Google", CompanyLevel: "L6", Level: "L7", Source: "test"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ level, track, want string }{
		{"SDE III", "SDE", "L6"}, // Amazon's title: L6 on the Amazon ladder
		{"SDM II", "EM", "L6"},
		{"L6", "SDE", "L7"}, // Google's own L6 maps to the Amazon L7 band
	}
	for _, tc := range tests {
		o := googleL5()
		o.Track, o.Level, o.AmazonTitle = tc.track, analyzer.CanonicalLevel(tc.level), analyzer.IsAmazonTitle(tc.level)
		a := analyzeWith(t, o, seattleEM(t), func(opt *analyzer.Options) { opt.Levels = levels })
		if a.Market.BandLevel != tc.want {
			t.Errorf("Google %s %s: band level %s, want %s", tc.track, tc.level, a.Market.BandLevel, tc.want)
		}
	}
}
