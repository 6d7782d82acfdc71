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

// seattleEM are the guide's L6 EM Seattle bands plus the FAANG company-type
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

func TestHeadlineWorkedChecks(t *testing.T) {
	// Seed 001 (L6 EM Seattle): the composed band is 170,000 + 250,000/4 +
	// (75,000 + 50,000)/4 = 263,750 to 190,000 + 400,000/4 + (125,000 +
	// 100,000)/4 = 346,250.
	tests := []struct {
		name                     string
		offer                    *analyzer.Offer
		value, percentile, flags string
		status                   string
	}{
		// 1,140,000 / 4 = 285,000: 10 + 21,250 × 80 / 82,500 = P30.6.
		{"initial offer", emOffer("175000", "300000", "80000", "60000"), "285000", "30.6", "BELOW_MEDIAN", analyzer.CounterReachable},
		// 4 × 185,000 + 380,000 + 195,000 = 1,315,000 / 4 = 328,750:
		// 10 + 65,000 × 80 / 82,500 = P73.0.
		{"negotiated package", emOffer("185000", "380000", "110000", "85000"), "328750", "73.0", "", analyzer.CounterReachable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := analyzeWith(t, tc.offer, seattleEM(t), nil)
			h := a.Market.HeadlineFigure()
			if h == nil || h.Component != analyzer.ComponentComposed {
				t.Fatalf("headline %+v, want the composed band", h)
			}
			if !h.Band.Min.Equal(d("263750")) || !h.Band.Max.Equal(d("346250")) || !h.Value.Equal(d(tc.value)) {
				t.Errorf("band %s–%s value %s, want 263750–346250 and %s", h.Band.Min, h.Band.Max, h.Value, tc.value)
			}
			if !h.Percentile.Round(1).Equal(d(tc.percentile)) {
				t.Errorf("percentile %s, want %s", h.Percentile, tc.percentile)
			}
			if got := analyzer.FlagCodes(a.Flags); got != tc.flags {
				t.Errorf("flags %q, want %q", got, tc.flags)
			}
			if a.Counter.Status != tc.status || a.Market.Match != analyzer.MatchExact || a.Market.BandLevel != "L6" {
				t.Errorf("counter %q match %q band level %q", a.Counter.Status, a.Market.Match, a.Market.BandLevel)
			}
			// Like with like: the same money is never measured against
			// the company-type total_comp band as well.
			if a.Market.Figure(analyzer.ComponentTotalComp) != nil {
				t.Error("total_comp figure beside a composed headline")
			}
			// base_equity_avg is base + grant / 4 without sign-on.
			if f := a.Market.Figure(analyzer.ComponentBaseEquityAvg); f == nil || !f.Value.Equal(tc.offer.Base.Add(tc.offer.RSUValue.Decimal.Div(d("4")))) {
				t.Errorf("base_equity_avg figure %+v", f)
			}
		})
	}
}

func TestComposedHeadlinePercentiles(t *testing.T) {
	// No sign-on and RSU 300,000: annual total comp is base + 75,000.
	tests := []struct {
		name, base  string
		percentile  string
		position    analyzer.Position
		penetration string
	}{
		{"band min is P10", "188750", "10", analyzer.InBand, "0"},
		{"band max is P90", "271250", "90", analyzer.InBand, "100"},
		// 375,000: 10 + 111,250 × 80 / 82,500 = 117.9 → clamped to 99.
		{"above band clamps to 99", "300000", "99", analyzer.AboveBand, "134.848484848485"},
		// 125,000: 10 − 138,750 × 80 / 82,500 = −124.5 → clamped to 1.
		{"far below clamps to 1", "50000", "1", analyzer.BelowBand, "-168.181818181818"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := analyzeWith(t, emOffer(tc.base, "300000", "0", "0"), seattleEM(t), nil)
			h := a.Market.HeadlineFigure()
			if h == nil || h.Component != analyzer.ComponentComposed {
				t.Fatalf("headline = %+v, want the composed band", h)
			}
			if !near(h.Percentile, tc.percentile) || h.Position != tc.position || !near(h.Penetration, tc.penetration) {
				t.Errorf("percentile %s position %q penetration %s, want %s %q %s",
					h.Percentile, h.Position, h.Penetration, tc.percentile, tc.position, tc.penetration)
			}
			// P25 = 263,750 + 15/80 × 82,500; P75 = 263,750 + 65/80 × 82,500.
			if !h.P25.Equal(d("279218.75")) || !h.P50.Equal(d("305000")) || !h.P75.Equal(d("330781.25")) {
				t.Errorf("P25 %s P50 %s P75 %s", h.P25, h.P50, h.P75)
			}
		})
	}
}

func TestBandSpan(t *testing.T) {
	// With min = P25 and max = P75, the band min is P25 and P75 the max.
	a := analyzeWith(t, emOffer("188750", "300000", "0", "0"), seattleEM(t), func(o *analyzer.Options) {
		o.BandSpan = [2]decimal.Decimal{d("25"), d("75")}
	})
	h := a.Market.HeadlineFigure()
	if !near(h.Percentile, "25") || !h.P75.Equal(d("346250")) || !h.P50.Equal(d("305000")) {
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
	// The composed band from the scaled components: 170,000 + 325,000/4 +
	// (97,500 + 65,000)/4 = 291,875 to 190,000 + 600,000/4 + (187,500 +
	// 150,000)/4 = 424,375.
	if h := a.Market.HeadlineFigure(); !h.Band.Min.Equal(d("291875")) || !h.Band.Max.Equal(d("424375")) {
		t.Errorf("composed band with premium %s–%s, want 291875–424375", h.Band.Min, h.Band.Max)
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
	seed := func() *analyzer.Offer { return emOffer("180000", "300000", "80000", "60000") } // 290,000 a year
	noLocation := []analyzer.Band{band("FAANG|Amazon|EM|L6|", "base", "160000", "200000"),
		band("FAANG|Amazon|EM|L6|", "rsu_4yr", "200000", "400000")}
	tests := []struct {
		name     string
		offer    func() *analyzer.Offer
		extra    []analyzer.Band
		headline analyzer.Component
		min      string
		match    analyzer.BandMatch
		flags    string
	}{
		// 290,000 in 263,750–346,250: 10 + 26,250 × 80 / 82,500 = P35.5.
		{"exact key", seed, nil, analyzer.ComponentComposed, "263750", analyzer.MatchExact, "BELOW_MEDIAN"},
		// Denver: the company's rows without a location, 160,000 + 50,000
		// = 210,000 to 300,000; 290,000 is P81.1. Denver is no known name
		// (no band, residence or alias has it), so it is flagged.
		{"same key without location", func() *analyzer.Offer {
			o := seed()
			o.Location = "Denver"
			return o
		}, noLocation, analyzer.ComponentComposed, "210000", analyzer.MatchNoLocation, "UNKNOWN_LOCATION"},
		// Google: the FAANG table's total_comp (as specific as its base and
		// RSU rows) measures 4 × 190,000 + 450,000 = 1,210,000 / 4 =
		// 302,500 in 280,000–380,000: P28.
		{"company-type table", func() *analyzer.Offer {
			o := emOffer("190000", "400000", "50000", "0")
			o.Company, o.Location = "Google", "Bay Area"
			return o
		}, nil, analyzer.ComponentTotalComp, "280000", analyzer.MatchCompanyType, "BELOW_MEDIAN"},
		{"company type inferred from Facebook", func() *analyzer.Offer {
			o := emOffer("190000", "400000", "50000", "0")
			o.Company, o.Location = "Facebook", "New York"
			return o
		}, nil, analyzer.ComponentTotalComp, "280000", analyzer.MatchCompanyType, "BELOW_MEDIAN"},
		// A Tier 1 Tech company has no rows here: Amazon's are the reference.
		{"reference company", func() *analyzer.Offer {
			o := seed()
			o.Company, o.CompanyType = "Stripe", "Tier 1 Tech"
			return o
		}, nil, analyzer.ComponentComposed, "263750", analyzer.MatchReference, "BELOW_MEDIAN"},
		{"no band", func() *analyzer.Offer {
			o := emOffer("150000", "100000", "0", "0")
			o.Track, o.Level, o.Location = "PM", "L5", "Austin"
			return o
		}, nil, "", "", analyzer.MatchNone, "NO_BAND"},
		{"aliases reach the band", func() *analyzer.Offer {
			o := seed()
			o.Company, o.Track, o.Level = "amazon", "SDM", "SDM II"
			return o
		}, nil, analyzer.ComponentComposed, "263750", analyzer.MatchExact, "BELOW_MEDIAN"},
		// 175,000 + 62,500 + 31,250 = 268,750.
		{"a later row wins a tie", seed, []analyzer.Band{band("FAANG|Amazon|EM|L6|Seattle", "base", "175000", "195000")},
			analyzer.ComponentComposed, "268750", analyzer.MatchExact, "BELOW_MEDIAN"},
		// A total_comp row as specific as the components measures the
		// headline: 290,000 in 300,000–400,000 → P2.
		{"total_comp as specific as the components", seed, []analyzer.Band{band("FAANG|Amazon|EM|L6|Seattle", "total_comp", "300000", "400000")},
			analyzer.ComponentTotalComp, "300000", analyzer.MatchExact, "BELOW_MEDIAN"},
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
			if a.Market.Match != tc.match {
				t.Errorf("match %q, want %q", a.Market.Match, tc.match)
			}
			if got := analyzer.FlagCodes(a.Flags); got != tc.flags {
				t.Errorf("flags = %q, want %q", got, tc.flags)
			}
		})
	}
	// Without base and RSU bands the headline falls back to base_equity_avg:
	// 180,000 + 75,000 = 255,000 in 225,000–290,000, P46.9.
	tbl, err := analyzer.NewBandTable([]analyzer.Band{
		band("FAANG|Amazon|EM|L6|Seattle", "base_equity_avg", "225000", "290000"),
		band("FAANG|Amazon|EM|L6|Seattle", "total_y1", "280000", "350000")})
	if err != nil {
		t.Fatal(err)
	}
	a := analyzeWith(t, seed(), tbl, nil)
	if h := a.Market.HeadlineFigure(); h == nil || h.Component != analyzer.ComponentBaseEquityAvg || !h.Percentile.Round(1).Equal(d("46.9")) {
		t.Errorf("headline %+v, want base_equity_avg at P46.9", h)
	}
}

func TestLevelEquivalence(t *testing.T) {
	levels, err := analyzer.NewLevelTable([]analyzer.LevelEquivalence{
		{Track: "EM", Company: "Google", CompanyLevel: "L5", Level: "L6", Source: "guide"},
		{Track: "SDE", Company: "Meta", CompanyLevel: "E5", Level: "L6", Source: "leveling"},
	})
	if err != nil {
		t.Fatal(err)
	}
	sde := seattleEM(t, band("FAANG|Amazon|SDE|L6|Seattle", "base", "180000", "220000"),
		band("FAANG|Amazon|SDE|L6|Seattle", "rsu_4yr", "300000", "500000"),
		band("FAANG|Amazon|SDE|L6|Seattle", "sign_on_total", "100000", "200000"))
	tests := []struct {
		name, company, track, level, label string
		match                              analyzer.BandMatch
		headline                           analyzer.Component
	}{
		// Google L5 EM looks the L6 FAANG company-type table up.
		{"EM row", "Google", "EM", "L5", "Google L5 → L6 band", analyzer.MatchCompanyType, analyzer.ComponentTotalComp},
		// Meta E5 SDE: no SDE company-type rows, so Amazon's L6 SDE
		// Seattle rows are the reference: 180,000 + 75,000 + 25,000 =
		// 280,000 to 220,000 + 125,000 + 50,000 = 395,000.
		{"SDE row", "Meta", "SDE", "E5", "Meta E5 → L6 band", analyzer.MatchReference, analyzer.ComponentComposed},
		// PM and TPM use the SDE rows (and find no PM bands).
		{"PM uses SDE rows", "Meta", "PM", "E5", "Meta E5 → L6 band", analyzer.MatchNone, ""},
		// Amazon's own levels are never mapped.
		{"Amazon keeps its level", "Amazon", "EM", "L6", "L6 band", analyzer.MatchExact, analyzer.ComponentComposed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := emOffer("180000", "300000", "80000", "60000")
			o.Company, o.Track, o.Level = tc.company, tc.track, tc.level
			a := analyzeWith(t, o, sde, func(opt *analyzer.Options) { opt.Levels = levels })
			m := a.Market
			if m.BandLevel != "L6" || m.LevelLabel() != tc.label || m.Match != tc.match || o.Level != tc.level {
				t.Errorf("band level %q label %q match %q offer level %q, want L6 %q %q %q", m.BandLevel, m.LevelLabel(), m.Match, o.Level, tc.label, tc.match, tc.level)
			}
			h := m.HeadlineFigure()
			switch {
			case tc.headline == "" && h != nil, tc.headline != "" && (h == nil || h.Component != tc.headline):
				t.Errorf("headline %+v, want %q", h, tc.headline)
			}
			if tc.name == "SDE row" && (!h.Band.Min.Equal(d("280000")) || !h.Band.Max.Equal(d("395000"))) {
				t.Errorf("reference band %s–%s, want 280000–395000", h.Band.Min, h.Band.Max)
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
		// 190,000 + 100,000 + 45,000 = 335,000: P79.1, every figure in band.
		{"in band above median", emOffer("190000", "400000", "100000", "80000"), ""},
		// 150,000 + 50,000 = 200,000: below P10 → percentile 1; the
		// midpoint 305,000 × 0.8 = 244,000 > 200,000.
		{"far below market", emOffer("150000", "200000", "0", "0"), "BELOW_MEDIAN;FAR_BELOW_MARKET"},
		// Base 230,000 > L6 cap 220,000 and > band max 190,000; 340,000 is
		// P83.9, in band: the base alone is a component above its band.
		{"base above cap and band", emOffer("230000", "300000", "80000", "60000"), "BASE_ABOVE_CAP;COMPONENT_ABOVE_BAND"},
		// 260,000 + 500,000 / 4 + 160,000 / 4 = 425,000 > the composed max
		// 346,250: the headline is above its band (P99), so ABOVE_BAND and
		// no BELOW_MEDIAN; base, RSU, year 1 (375,000 > 350,000) and base +
		// grant / 4 (385,000 > 290,000) are above theirs too.
		{"headline above band", emOffer("260000", "500000", "90000", "70000"), "BASE_ABOVE_CAP;ABOVE_BAND;COMPONENT_ABOVE_BAND"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := analyzeWith(t, tc.offer, seattleEM(t), nil)
			if got := analyzer.FlagCodes(a.Flags); got != tc.flags {
				t.Errorf("flags = %q, want %q", got, tc.flags)
			}
		})
	}
	// Netflix: the cap is Amazon's, so only COMPONENT_ABOVE_BAND (base
	// 230,000 over the FAANG table's 200,000; 340,000 in total_comp
	// 280,000–380,000 is P58, in band).
	o := emOffer("230000", "300000", "80000", "60000")
	o.Company = "Netflix"
	a := analyzeWith(t, o, seattleEM(t), nil)
	if got := analyzer.FlagCodes(a.Flags); got != "COMPONENT_ABOVE_BAND" {
		t.Errorf("Netflix flags = %q, want COMPONENT_ABOVE_BAND", got)
	}
	if h := a.Market.HeadlineFigure(); !h.Percentile.Round(1).Equal(d("58")) {
		t.Errorf("Netflix headline percentile %s, want 58", h.Percentile)
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
