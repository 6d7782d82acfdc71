package analyzer_test

import (
	"errors"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// band builds one band row: "FAANG|Amazon|EM|L6|Seattle".
func band(key, comp, min, max string) analyzer.Band {
	f := [5]string{}
	i := 0
	for _, part := range splitBar(key) {
		f[i] = part
		i++
	}
	return analyzer.Band{Key: analyzer.BandKey{CompanyType: f[0], Company: f[1], Track: f[2], Level: f[3], Location: f[4]},
		Component: analyzer.Component(comp), Min: d(min), Max: d(max), Source: "test"}
}

func splitBar(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '|' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

// seattleEM are the seed 001 L6 EM Seattle bands plus the FAANG company-type
// table rows, as in ../shared/data/market-bands.csv.
func seattleEM(t *testing.T, extra ...analyzer.Band) *analyzer.BandTable {
	t.Helper()
	rows := []analyzer.Band{
		band("FAANG|Amazon|EM|L6|Seattle", "base", "170000", "190000"),
		band("FAANG|Amazon|EM|L6|Seattle", "rsu_4yr", "250000", "400000"),
		band("FAANG|Amazon|EM|L6|Seattle", "sign_on_y1", "75000", "125000"),
		band("FAANG|Amazon|EM|L6|Seattle", "sign_on_y2", "50000", "100000"),
		band("FAANG|Amazon|EM|L6|Seattle", "total_y1", "280000", "350000"),
		band("FAANG|Amazon|EM|L6|Seattle", "base_equity_avg", "225000", "290000"),
		band("FAANG||EM|L6|", "base", "170000", "200000"),
		band("FAANG||EM|L6|", "rsu_4yr", "250000", "450000"),
		band("FAANG||EM|L6|", "total_comp", "280000", "380000"),
	}
	tbl, err := analyzer.NewBandTable(append(rows, extra...))
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

func emOffer(base, rsu, s1, s2 string) *analyzer.Offer {
	return &analyzer.Offer{ID: "em", Company: "Amazon", Track: "EM", Level: "L6", Location: "Seattle",
		Base: d(base), RSUValue: nd(rsu), SignOnY1: d(s1), SignOnY2: d(s2), Schedule: analyzer.MustSchedule("amazon")}
}

func analyzeWith(t *testing.T, o *analyzer.Offer, tbl *analyzer.BandTable, change func(*analyzer.Options)) analyzer.Analysis {
	t.Helper()
	opts := analyzer.DefaultOptions()
	opts.Bands = tbl
	if change != nil {
		change(&opts)
	}
	a, err := analyzer.Analyze(o, opts)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func near(got decimal.Decimal, want string) bool {
	return got.Sub(d(want)).Abs().LessThan(d("0.000001"))
}

func TestBaseInBandWorkedCheck(t *testing.T) {
	// Base 180,000 in 170,000–190,000: penetration 50%, compa 1.00, P50.
	a := analyzeWith(t, emOffer("180000", "300000", "80000", "60000"), seattleEM(t), nil)
	f := a.Market.Figure(analyzer.ComponentBase)
	if f == nil {
		t.Fatal("no base figure")
	}
	if !near(f.Penetration, "50") || !near(f.CompaRatio, "1") || !near(f.Percentile, "50") || f.Position != analyzer.InBand {
		t.Errorf("base: penetration %s compa %s percentile %s position %q", f.Penetration, f.CompaRatio, f.Percentile, f.Position)
	}
}

func TestFourYearAveragePercentiles(t *testing.T) {
	// The 4-year average is base + (sign-on + RSU)/4 with no growth; choose
	// inputs giving averages 225,000, 290,000 and 300,000.
	tests := []struct {
		name, base   string
		percentile   string
		position     analyzer.Position
		penetration  string
		wantHeadline bool
	}{
		{"band min is P10", "150000", "10", analyzer.InBand, "0", true},
		{"band max is P90", "215000", "90", analyzer.InBand, "100", true},
		// 10 + 75/65 × 80 = 102.3 → clamped to 99.
		{"above band clamps to 99", "225000", "99", analyzer.AboveBand, "115.384615384615", true},
		// 10 + (−100,000/65,000) × 80 = −113 → clamped to 1.
		{"far below clamps to 1", "50000", "1", analyzer.BelowBand, "-153.846153846154", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// RSU 300,000 → 75,000 a year on average; no sign-on.
			a := analyzeWith(t, emOffer(tc.base, "300000", "0", "0"), seattleEM(t), nil)
			h := a.Market.HeadlineFigure()
			if h == nil || h.Component != analyzer.ComponentBaseEquityAvg {
				t.Fatalf("headline = %+v, want the base_equity_avg figure", h)
			}
			if !near(h.Percentile, tc.percentile) || h.Position != tc.position || !near(h.Penetration, tc.penetration) {
				t.Errorf("percentile %s position %q penetration %s, want %s %q %s",
					h.Percentile, h.Position, h.Penetration, tc.percentile, tc.position, tc.penetration)
			}
			// P75 = 225,000 + 65/80 × 65,000 = 277,812.50; P25 = 225,000 + 15/80 × 65,000.
			if !h.P75.Equal(d("277812.5")) || !h.P50.Equal(d("257500")) || !h.P25.Equal(d("237187.5")) {
				t.Errorf("P25 %s P50 %s P75 %s", h.P25, h.P50, h.P75)
			}
		})
	}
}

func TestBandSpan(t *testing.T) {
	// With min = P25 and max = P75, the midpoint is still P50 and the band
	// min is P25; P75 is then the max itself.
	a := analyzeWith(t, emOffer("150000", "300000", "0", "0"), seattleEM(t), func(o *analyzer.Options) {
		o.BandSpan = [2]decimal.Decimal{d("25"), d("75")}
	})
	h := a.Market.HeadlineFigure()
	if !near(h.Percentile, "25") || !h.P75.Equal(d("290000")) || !h.P50.Equal(d("257500")) {
		t.Errorf("span 25-75: percentile %s P50 %s P75 %s", h.Percentile, h.P50, h.P75)
	}
	opts := analyzer.DefaultOptions()
	opts.BandSpan = [2]decimal.Decimal{d("90"), d("10")}
	if _, err := analyzer.NewEngine(opts); !errors.Is(err, analyzer.ErrBandSpan) {
		t.Errorf("span 90-10: err = %v", err)
	}
}

func TestSpecializationPremium(t *testing.T) {
	premiums := []analyzer.Premium{
		{Kind: analyzer.PremiumLocation, Level: "L6", Location: "Seattle", MinPct: d("15"), MaxPct: d("25")},
		{Kind: analyzer.PremiumSpecialization, Level: "L6", Category: "Generative AI/LLMs", MinPct: d("30"), MaxPct: d("50")},
		{Kind: analyzer.PremiumSpecialization, Level: "L7", Category: "Generative AI/LLMs", MinPct: d("40"), MaxPct: d("60")},
	}
	o := emOffer("180000", "300000", "80000", "60000")
	o.Specialization = "generative ai / LLMs"
	a := analyzeWith(t, o, seattleEM(t), func(opt *analyzer.Options) { opt.Premiums = premiums })
	// 225,000 × 1.3 = 292,500 and 290,000 × 1.5 = 435,000; base unscaled.
	avg := a.Market.Figure(analyzer.ComponentBaseEquityAvg)
	if !avg.Band.Min.Equal(d("292500")) || !avg.Band.Max.Equal(d("435000")) {
		t.Errorf("4-year-average band %s–%s, want 292500–435000", avg.Band.Min, avg.Band.Max)
	}
	base := a.Market.Figure(analyzer.ComponentBase)
	if !base.Band.Min.Equal(d("170000")) || !base.Band.Max.Equal(d("190000")) {
		t.Errorf("base band %s–%s must not be scaled", base.Band.Min, base.Band.Max)
	}
	if a.Market.Premium == nil || a.Market.Premium.Kind != analyzer.PremiumSpecialization {
		t.Errorf("premium = %+v, want the specialization row", a.Market.Premium)
	}

	// An unlisted specialization falls back to the location premium.
	o.Specialization = "Robotics"
	a = analyzeWith(t, o, seattleEM(t), func(opt *analyzer.Options) { opt.Premiums = premiums })
	if avg := a.Market.Figure(analyzer.ComponentBaseEquityAvg); !avg.Band.Min.Equal(d("258750")) || !avg.Band.Max.Equal(d("362500")) {
		t.Errorf("location premium band %s–%s, want 258750–362500", avg.Band.Min, avg.Band.Max)
	}
	// No specialization, no premium.
	o.Specialization = ""
	a = analyzeWith(t, o, seattleEM(t), func(opt *analyzer.Options) { opt.Premiums = premiums })
	if a.Market.Premium != nil {
		t.Errorf("premium without a specialization: %+v", a.Market.Premium)
	}
}

func TestBandFallbackChain(t *testing.T) {
	noLocation := band("FAANG|Amazon|EM|L6|", "base_equity_avg", "200000", "280000")
	tests := []struct {
		name     string
		offer    func() *analyzer.Offer
		extra    []analyzer.Band
		headline analyzer.Component
		min      string
		flags    string
	}{
		{"exact key", func() *analyzer.Offer { return emOffer("180000", "300000", "80000", "60000") }, nil,
			analyzer.ComponentBaseEquityAvg, "225000", ""},
		{"same key without location", func() *analyzer.Offer {
			o := emOffer("180000", "300000", "80000", "60000")
			o.Location = "Denver"
			return o
			// Average 180,000 + 440,000/4 = 290,000 is above 200,000–280,000.
		}, []analyzer.Band{noLocation}, analyzer.ComponentBaseEquityAvg, "200000", "ABOVE_BAND"},
		{"company-type table", func() *analyzer.Offer {
			o := emOffer("190000", "400000", "50000", "0")
			o.Company, o.Location = "Google", "Bay Area"
			return o
		}, nil, analyzer.ComponentTotalComp, "280000", "BELOW_MEDIAN"},
		{"company type inferred from Facebook", func() *analyzer.Offer {
			o := emOffer("190000", "400000", "50000", "0")
			o.Company, o.Location = "Facebook", "New York"
			return o
		}, nil, analyzer.ComponentTotalComp, "280000", "BELOW_MEDIAN"},
		{"no band", func() *analyzer.Offer {
			o := emOffer("150000", "100000", "0", "0")
			o.Track, o.Level, o.Location = "PM", "L5", "Austin"
			return o
		}, nil, "", "", "NO_BAND"},
		{"aliases reach the band", func() *analyzer.Offer {
			o := emOffer("180000", "300000", "80000", "60000")
			o.Company, o.Track, o.Level = "amazon", "SDM", "SDM II"
			return o
		}, nil, analyzer.ComponentBaseEquityAvg, "225000", ""},
		{"a later row wins a tie", func() *analyzer.Offer { return emOffer("180000", "300000", "80000", "60000") },
			[]analyzer.Band{band("FAANG|Amazon|EM|L6|Seattle", "base_equity_avg", "230000", "300000")},
			analyzer.ComponentBaseEquityAvg, "230000", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := analyzeWith(t, tc.offer(), seattleEM(t, tc.extra...), nil)
			h := a.Market.HeadlineFigure()
			if tc.headline == "" {
				if h != nil || len(a.Market.Figures) != 0 {
					t.Fatalf("want no band, got %+v", a.Market.Figures)
				}
			} else if h == nil || h.Component != tc.headline || !h.Band.Min.Equal(d(tc.min)) {
				t.Fatalf("headline = %+v, want %s with min %s", h, tc.headline, tc.min)
			}
			if got := analyzer.FlagCodes(a.Flags); got != tc.flags {
				t.Errorf("flags = %q, want %q", got, tc.flags)
			}
		})
	}
}

func TestMarketFlags(t *testing.T) {
	tests := []struct {
		name  string
		offer *analyzer.Offer
		flags string
	}{
		// Average 170,000 + 250,000/4 + 125,000/4 = 263,750: P57.7.
		{"in band above median", emOffer("170000", "250000", "75000", "50000"), ""},
		// Average 150,000 + 50,000 = 200,000: below P10 → percentile 1;
		// midpoint 257,500 × 0.8 = 206,000 > 200,000.
		{"far below market", emOffer("150000", "200000", "0", "0"), "BELOW_MEDIAN;FAR_BELOW_MARKET"},
		// Base 230,000 > L6 cap 220,000 and > band max 190,000.
		{"base above cap and band", emOffer("230000", "300000", "80000", "60000"), "BASE_ABOVE_CAP;ABOVE_BAND"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := analyzeWith(t, tc.offer, seattleEM(t), nil)
			if got := analyzer.FlagCodes(a.Flags); got != tc.flags {
				t.Errorf("flags = %q, want %q", got, tc.flags)
			}
		})
	}
	a := analyzeWith(t, emOffer("170000", "250000", "75000", "50000"), seattleEM(t), nil)
	if h := a.Market.HeadlineFigure(); !h.Percentile.Round(1).Equal(d("57.7")) {
		t.Errorf("lower offer headline percentile %s, want 57.7", h.Percentile)
	}
}

func TestBandTableRejectsBadRows(t *testing.T) {
	if _, err := analyzer.NewBandTable([]analyzer.Band{band("|||L6|", "base", "200000", "100000")}); !errors.Is(err, analyzer.ErrBandRange) {
		t.Errorf("min above max: err = %v", err)
	}
	if _, err := analyzer.NewBandTable([]analyzer.Band{band("|||L6|", "bonus", "1", "2")}); !errors.Is(err, analyzer.ErrUnknownComponent) {
		t.Errorf("unknown component: err = %v", err)
	}
}
