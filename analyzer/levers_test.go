package analyzer_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

func leverOf(t *testing.T, a analyzer.Analysis, name analyzer.LeverName) *analyzer.LeverResult {
	t.Helper()
	l := a.Lever(name)
	if l == nil {
		t.Fatalf("no %s lever", name)
	}
	return l
}

func TestLeverWorkedChecks(t *testing.T) {
	// Seed 001 offer, L6 EM Seattle: base 175,000; RSU 300,000; sign-on
	// 80,000 / 60,000; total 1,140,000.
	a := analyzeWith(t, emOffer("175000", "300000", "80000", "60000"), seattleEM(t), nil)
	tests := []struct {
		lever  analyzer.LeverName
		ask    string
		delta  []string
		total  string
		capped bool
	}{
		// +50% = 450,000, capped at band max 400,000 → +100,000.
		{analyzer.LeverRSU, "100000", []string{"5000", "15000", "40000", "40000"}, "100000", true},
		// +15% = 201,250, capped at min(190,000, 220,000) → +15,000 a year.
		{analyzer.LeverBase, "15000", []string{"15000", "15000", "15000", "15000"}, "60000", true},
		// +200% of each year, capped at 125,000 and 100,000 → +45,000, +40,000.
		{analyzer.LeverSignOn, "85000", []string{"45000", "40000", "0", "0"}, "85000", true},
	}
	for _, tc := range tests {
		t.Run(string(tc.lever), func(t *testing.T) {
			l := leverOf(t, a, tc.lever)
			if !l.Available || l.Capped != tc.capped {
				t.Fatalf("available %v capped %v (note %q)", l.Available, l.Capped, l.Note)
			}
			if !l.High.Ask.Equal(d(tc.ask)) {
				t.Errorf("high ask %s, want %s", l.High.Ask, tc.ask)
			}
			equalAll(t, "Δ per year", l.High.Delta, tc.delta...)
			if !l.High.DeltaTotal.Equal(d(tc.total)) {
				t.Errorf("Δ total %s, want %s", l.High.DeltaTotal, tc.total)
			}
		})
	}
	// Low asks: RSU +20% = 60,000; base +5% = 8,750; sign-on +50% = 70,000.
	for lever, want := range map[analyzer.LeverName]string{analyzer.LeverRSU: "60000", analyzer.LeverBase: "8750", analyzer.LeverSignOn: "70000"} {
		if got := leverOf(t, a, lever).Low.Ask; !got.Equal(d(want)) {
			t.Errorf("%s low ask %s, want %s", lever, got, want)
		}
	}
	// Ranks by Δ total at the high ask: rsu 100,000 > sign_on 85,000 > base 60,000.
	if r, s, b := leverOf(t, a, analyzer.LeverRSU).Rank, leverOf(t, a, analyzer.LeverSignOn).Rank, leverOf(t, a, analyzer.LeverBase).Rank; !(r < s && s < b) {
		t.Errorf("ranks rsu %d sign_on %d base %d", r, s, b)
	}
}

func TestCounterOfferWorkedChecks(t *testing.T) {
	// The composed L6 EM Seattle band is 263,750–346,250; P75 is
	// 263,750 + 65/80 × 82,500 = 330,781.25 of annual total comp.
	tests := []struct {
		name                        string
		offer                       *analyzer.Offer
		base, grant, signY1, signY2 string
		asks                        []analyzer.LeverName
		delta, percentile, tier     string
	}{
		// Seed 001's initial offer, 285,000: 45,781.25 short. RSU at its
		// high ask, capped at the band max 400,000 (+25,000 a year); then
		// sign-on: 20,781.25 of the 21,250 its capped high ask (+45,000 /
		// +40,000) adds, 44,007.35 / 39,117.65, rounded up to clean
		// figures: 125,000 / 100,000. Δ 185,000 (16.2%); 331,250 → P75.5.
		{"the guide's initial offer", emOffer("175000", "300000", "80000", "60000"),
			"175000", "400000", "125000", "100000", []analyzer.LeverName{analyzer.LeverRSU, analyzer.LeverSignOn},
			"185000", "75.5", "hiring manager"},
		// 263,750 (P10): 67,031.25 short. RSU +125,000 (31,250), sign-on
		// capped +50,000 / +50,000 (25,000), then base 10,781.25 of its
		// capped 20,000, rounded up to 181,000. Δ 269,000 (25.5%);
		// 331,000 → 10 + 67,250 × 80 / 82,500 = P75.2.
		{"lower offer", emOffer("170000", "250000", "75000", "50000"),
			"181000", "375000", "125000", "100000", []analyzer.LeverName{analyzer.LeverRSU, analyzer.LeverSignOn, analyzer.LeverBase},
			"269000", "75.2", "director"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := analyzeWith(t, tc.offer, seattleEM(t), nil)
			c := a.Counter
			if c == nil || c.Status != analyzer.CounterReachable {
				t.Fatalf("counter = %+v", c)
			}
			if !c.Base.Equal(d(tc.base)) || !c.Grant.Equal(d(tc.grant)) || !c.SignOnY1.Equal(d(tc.signY1)) || !c.SignOnY2.Equal(d(tc.signY2)) {
				t.Errorf("package %s / %s / %s / %s, want %s / %s / %s / %s", c.Base, c.Grant, c.SignOnY1, c.SignOnY2,
					tc.base, tc.grant, tc.signY1, tc.signY2)
			}
			var asks []analyzer.LeverName
			for _, ask := range c.Asks {
				asks = append(asks, ask.Lever)
			}
			if fmt.Sprint(asks) != fmt.Sprint(tc.asks) {
				t.Errorf("asks %v, want %v", asks, tc.asks)
			}
			if !c.DeltaTotal.Equal(d(tc.delta)) || c.Tier != tc.tier {
				t.Errorf("Δ %s tier %q, want %s %q", c.DeltaTotal, c.Tier, tc.delta, tc.tier)
			}
			if !c.Percentile.Valid || !c.Percentile.Decimal.Round(1).Equal(d(tc.percentile)) {
				t.Errorf("percentile reached %v, want %s", c.Percentile, tc.percentile)
			}
		})
	}
}

func TestCounterOfferStatuses(t *testing.T) {
	t.Run("target already met", func(t *testing.T) {
		// 190,000 + 400,000/4 + 180,000/4 = 335,000 ≥ 330,781.25.
		a := analyzeWith(t, emOffer("190000", "400000", "100000", "80000"), seattleEM(t), nil)
		c := a.Counter
		if c.Status != analyzer.CounterMet || !c.DeltaTotal.IsZero() || len(c.Asks) != 0 {
			t.Errorf("counter = %s Δ %s asks %d", c.Status, c.DeltaTotal, len(c.Asks))
		}
		// 10 + 71,250 × 80 / 82,500 = P79.1.
		if !c.Percentile.Decimal.Round(1).Equal(d("79.1")) {
			t.Errorf("percentile %v, want 79.1", c.Percentile)
		}
	})
	t.Run("not reachable", func(t *testing.T) {
		// 150,000 + 25,000 = 175,000. Target P99 is 263,750 + 89/80 ×
		// 82,500 = 355,531.25. RSU +50,000 (+12,500), sign-on at the P90s
		// 125,000 + 100,000 (+56,250), base +22,500 rounded down to the
		// clean 172,000 (+22,000): 265,750, short of the target.
		a := analyzeWith(t, emOffer("150000", "100000", "0", "0"), seattleEM(t), func(o *analyzer.Options) {
			o.Target = d("99")
		})
		c := a.Counter
		if c.Status != analyzer.CounterUnreachable || len(c.Asks) != 3 {
			t.Fatalf("counter = %s with %d asks", c.Status, len(c.Asks))
		}
		if !c.Grant.Equal(d("150000")) || !c.SignOnY1.Equal(d("125000")) || !c.SignOnY2.Equal(d("100000")) || !c.Base.Equal(d("172000")) {
			t.Errorf("package %s / %s / %s / %s, want 172000 / 150000 / 125000 / 100000", c.Base, c.Grant, c.SignOnY1, c.SignOnY2)
		}
		// 10 + 2,000 × 80 / 82,500 = P11.9.
		if !c.Percentile.Decimal.Round(1).Equal(d("11.9")) {
			t.Errorf("percentile %v, want 11.9", c.Percentile)
		}
	})
	t.Run("no band", func(t *testing.T) {
		o := emOffer("150000", "100000", "0", "0")
		o.Track, o.Level, o.Location = "PM", "L5", "Austin"
		a := analyzeWith(t, o, seattleEM(t), nil)
		c := a.Counter
		if c.Status != analyzer.CounterNoBand || c.Percentile.Valid {
			t.Errorf("status %q percentile %v", c.Status, c.Percentile)
		}
		if l := leverOf(t, a, analyzer.LeverSignOn); l.Available || !strings.Contains(l.Note, "band") {
			t.Errorf("sign-on without sign-on or band: available %v note %q", l.Available, l.Note)
		}
		if l := leverOf(t, a, analyzer.LeverLevel); l.Available || !strings.Contains(l.Note, "band") {
			t.Errorf("level without band: available %v note %q", l.Available, l.Note)
		}
		if l := leverOf(t, a, analyzer.LeverRSU); !l.Available || l.Capped || l.Cap.Valid {
			t.Errorf("rsu without band must be uncapped: %+v", l)
		}
		// Round one without a band (L5: rsu, sign_on, base; sign-on
		// unavailable, base never in a no-band round one): the low ask of
		// RSU alone, +20% = 120,000. Δ 20,000.
		if len(c.Asks) != 1 || c.Asks[0].Lever != analyzer.LeverRSU {
			t.Fatalf("asks %+v, want rsu alone", c.Asks)
		}
		if !c.Grant.Equal(d("120000")) || !c.Base.Equal(d("150000")) || !c.DeltaTotal.Equal(d("20000")) {
			t.Errorf("package base %s grant %s Δ %s, want 150000 120000 20000", c.Base, c.Grant, c.DeltaTotal)
		}
		for _, want := range []string{"no market percentile was available", "$120,000 instead of $100,000"} {
			if !strings.Contains(c.Email.Text(), want) {
				t.Errorf("email lacks %q:\n%s", want, c.Email)
			}
		}
	})
}

func TestCounterEmails(t *testing.T) {
	deadline := time.Date(2027, 1, 8, 0, 0, 0, 0, time.UTC)
	met := func() *analyzer.Offer { return emOffer("190000", "400000", "100000", "80000") } // 335,000: target met
	tests := []struct {
		name    string
		offer   func() *analyzer.Offer
		want    []string
		wantNot []string
	}{
		{"acceptance lists the package", met,
			[]string{"Ready to Accept", "join Amazon as an engineering manager (L6) in Seattle", "excited to accept", "- Base salary: $190,000",
				"- Signing bonus: $100,000 in year 1 and $80,000 in year 2", "- RSU grant: $400,000, vesting 5/15/40/40% over 4 years"},
			[]string{"first choice", "competing", "Could you"}},
		{"a competing offer that pays less is no comparator", func() *analyzer.Offer {
			o := met()
			o.CompetingCompany, o.CompetingLevel, o.CompetingTC, o.CompetingDeadline = "Google", "L6", nd("300000"), deadline
			return o
		}, []string{"Ready to Accept"}, []string{"Google", "competing"}},
		// Annual 335,000 against Google's 360,000: 25,000 a year, 100,000
		// over four years, asked as one figure: the grant 400,000 → 500,000.
		{"met target below a real comparator asks once to close the gap", func() *analyzer.Offer {
			o := met()
			o.CompetingCompany, o.CompetingLevel, o.CompetingTC, o.CompetingDeadline = "Google", "L6", nd("360000"), deadline
			return o
		}, []string{"I have one real competing offer: Google L6 at $360,000 a year in total compensation, closing on January 8, 2027.",
			"Your offer comes to $335,000 a year, $25,000 a year less.", "Could you raise the RSU grant to $500,000? That closes the gap.",
			"If you can do that, I'm ready to sign.", "Could you let me know before January 8, 2027, when my other offer closes?",
			"- Base salary: $190,000"},
			[]string{"Ready to Accept", "first choice"}},
		{"an offer above the competing offer cites nobody", func() *analyzer.Offer {
			o := emOffer("175000", "300000", "80000", "60000")
			o.CompetingCompany, o.CompetingTC = "Netflix", nd("250000")
			return o
		}, []string{"- RSU grant: $400,000 instead of $300,000", "within the next 3 to 5 business days"}, []string{"Netflix", "competing"}},
		{"a no-band round one asks RSU, never base", func() *analyzer.Offer {
			o := emOffer("150000", "100000", "0", "0")
			o.Company, o.Track, o.Level, o.Location = "Microsoft", "SWE", "63", "Remote"
			return o
		}, []string{"as a software engineer (level 63), remote", "- RSU grant: $120,000 instead of $100,000, 20% more."}, []string{"Base salary"}},
		{"a counter cites the comparator", func() *analyzer.Offer {
			o := emOffer("175000", "300000", "80000", "60000")
			o.CompetingCompany, o.CompetingLevel, o.CompetingTC = "Google", "L6", nd("330000")
			return o
		}, []string{"I have one real competing offer: Google L6 at $330,000 a year in total compensation.",
			"- RSU grant: $400,000 instead of $300,000.",
			"- Signing bonus: $125,000 in year 1 and $100,000 in year 2 instead of $80,000 / $60,000, to bridge years 1 and 2, which pay less than year 3 under this vesting schedule."},
			[]string{"first choice", "opportunities", "other options"}},
		{"unvested equity larger than the sign-on asked", func() *analyzer.Offer {
			o := emOffer("175000", "300000", "80000", "60000")
			o.UnvestedEquity = nd("400000")
			return o
		}, []string{"to offset part of the $400,000 in unvested equity I'd leave behind"}, []string{"bridge"}},
		{"unvested equity the sign-on already covers is not a reason", func() *analyzer.Offer {
			o := emOffer("175000", "300000", "80000", "60000")
			o.UnvestedEquity = nd("100000")
			return o
		}, []string{"to bridge years 1 and 2"}, []string{"unvested"}},
		{"first choice only when preferred", func() *analyzer.Offer {
			o := emOffer("175000", "300000", "80000", "60000")
			o.Preferred = analyzer.PreferenceYes
			return o
		}, []string{"Amazon is my first choice."}, nil},
		{"a candidate's only offer is the first choice", func() *analyzer.Offer {
			o := emOffer("175000", "300000", "80000", "60000")
			o.SoleOffer = true
			return o
		}, []string{"Amazon is my first choice."}, nil},
		{"but not while it names a comparator that pays more", func() *analyzer.Offer {
			o := emOffer("175000", "300000", "80000", "60000")
			o.SoleOffer = true
			o.CompetingCompany, o.CompetingTC = "Google", nd("330000")
			return o
		}, []string{"I have one real competing offer: Google at $330,000"}, []string{"first choice"}},
		{"unless marked not preferred", func() *analyzer.Offer {
			o := emOffer("175000", "300000", "80000", "60000")
			o.SoleOffer, o.Preferred = true, analyzer.PreferenceNo
			return o
		}, nil, []string{"first choice"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := analyzeWith(t, tc.offer(), seattleEM(t), nil)
			for _, w := range tc.want {
				if !strings.Contains(a.Counter.Email.Text(), w) {
					t.Errorf("email lacks %q:\n%s", w, a.Counter.Email)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(a.Counter.Email.Text(), w) {
					t.Errorf("email has %q:\n%s", w, a.Counter.Email)
				}
			}
		})
	}
}

func TestBestLeverWithinHiringManagerApproval(t *testing.T) {
	// Seed 001 offer: rsu +100,000 (8.8%, recruiter) is the best lever; the
	// level lever (+845,000 with L7 bands, VP) is shown on its own.
	tbl := seattleEM(t,
		band("FAANG|Amazon|EM|L7|Seattle", "base", "220000", "260000"),
		band("FAANG|Amazon|EM|L7|Seattle", "rsu_4yr", "550000", "900000"),
		band("FAANG|Amazon|EM|L7|Seattle", "sign_on_y1", "140000", "200000"),
		band("FAANG|Amazon|EM|L7|Seattle", "sign_on_y2", "100000", "160000"),
	)
	a := analyzeWith(t, emOffer("175000", "300000", "80000", "60000"), tbl, nil)
	if b := a.BestLever(); b == nil || b.Lever != analyzer.LeverRSU || b.Tier != "recruiter" {
		t.Errorf("best lever %+v, want rsu (recruiter)", b)
	}
	if l := a.LevelLever(); l == nil || !l.DeltaTotal.Equal(d("845000")) || l.Tier != "VP / comp committee" || l.Rank != 1 {
		t.Errorf("level lever %+v, want +845,000, VP, ranked first", l)
	}
	// Without bands, base 100,000 and a 1,000,000 grant (total 1,400,000):
	// RSU +500,000 at its high ask is 35.7% (VP), but the round-one
	// counter asks its low ask (+200,000, 14.3%, hiring manager) first, and
	// the best lever is the counter's first ask.
	o := emOffer("100000", "1000000", "0", "0")
	b, err := analyzer.Analyze(o, analyzer.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if best := b.BestLever(); best == nil || best.Lever != analyzer.LeverRSU || b.Counter.Asks[0].Lever != analyzer.LeverRSU ||
		!b.Counter.DeltaTotal.Equal(d("200000")) {
		t.Errorf("best lever %+v, counter %+v: want rsu, asked first at +200,000", best, b.Counter.Asks)
	}
	if l := b.LeverTotal(analyzer.LeverRSU); l.Rank != 1 || l.Tier != "VP / comp committee" {
		t.Errorf("rsu %+v: ranked first but VP", l)
	}
}

func TestBaseCapIsAmazons(t *testing.T) {
	// A 200,000–260,000 base band at each company: Amazon's L6 cap of
	// 220,000 cuts the base lever to +5,000 and flags 230,000; Netflix
	// pays by its own band: +15% of 215,000 = 32,250, no BASE_ABOVE_CAP.
	tbl := seattleEM(t, band("FAANG|Amazon|EM|L6|Seattle", "base", "200000", "260000"),
		band("FAANG|Netflix|EM|L6|Seattle", "base", "200000", "260000"))
	for _, tc := range []struct {
		company, high string
		capped        bool
	}{{"Amazon", "5000", true}, {"Netflix", "32250", false}} {
		o := emOffer("215000", "300000", "80000", "60000")
		o.Company = tc.company
		a := analyzeWith(t, o, tbl, nil)
		if l := leverOf(t, a, analyzer.LeverBase); !l.High.Ask.Equal(d(tc.high)) || l.Capped != tc.capped {
			t.Errorf("%s base lever high %s capped %v, want %s %v (%s)", tc.company, l.High.Ask, l.Capped, tc.high, tc.capped, l.Note)
		}
		o.Base = d("230000")
		a = analyzeWith(t, o, tbl, nil)
		if got := a.HasFlag(analyzer.FlagBaseAboveCap); got != (tc.company == "Amazon") {
			t.Errorf("%s base 230,000: BASE_ABOVE_CAP %v (%s)", tc.company, got, analyzer.FlagCodes(a.Flags))
		}
	}
}

func TestApprovalTiers(t *testing.T) {
	p := analyzer.DefaultPlaybook()
	for _, tc := range []struct{ pct, tier string }{
		{"0", "recruiter"}, {"10", "recruiter"}, {"10.0001", "hiring manager"}, {"20", "hiring manager"},
		{"20.5", "director"}, {"30", "director"}, {"30.01", "VP / comp committee"}, {"250", "VP / comp committee"},
	} {
		if got := p.Tier(d(tc.pct)); got != tc.tier {
			t.Errorf("tier(%s%%) = %q, want %q", tc.pct, got, tc.tier)
		}
	}
}

func TestPriorityOrders(t *testing.T) {
	p := analyzer.DefaultPlaybook()
	for level, want := range map[string]string{
		"L5": "rsu,sign_on,base", "L6": "rsu,sign_on,base,start_date", "L7": "rsu,base,sign_on,level", "L4": "rsu,sign_on,base",
	} {
		var names []string
		for _, l := range p.PriorityFor(level) {
			names = append(names, string(l))
		}
		if got := strings.Join(names, ","); got != want {
			t.Errorf("%s priority %s, want %s", level, got, want)
		}
	}
}

func TestL7CounterAsksBaseLast(t *testing.T) {
	// L7 priority is rsu, base, sign_on, but base is the weakest lever: it
	// is asked only when RSU and sign-on at their high asks cannot reach
	// the target. The composed L7 band is 220,000 + 550,000/4 + 240,000/4
	// = 417,500 to 260,000 + 225,000 + 90,000 = 575,000; P80 = 417,500 +
	// 70/80 × 157,500 = 555,312.50.
	bands := []analyzer.Band{
		band("FAANG|Amazon|EM|L7|Seattle", "base", "220000", "260000"),
		band("FAANG|Amazon|EM|L7|Seattle", "rsu_4yr", "550000", "900000"),
		band("FAANG|Amazon|EM|L7|Seattle", "sign_on_y1", "140000", "200000"),
		band("FAANG|Amazon|EM|L7|Seattle", "sign_on_y2", "100000", "160000"),
	}
	tbl, err := analyzer.NewBandTable(bands)
	if err != nil {
		t.Fatal(err)
	}
	o := emOffer("220000", "900000", "100000", "60000")
	o.Level = "L7"
	// 220,000 + 225,000 + 40,000 = 485,000: 70,312.50 short. RSU is at
	// its band max. Sign-on +200% is capped at each year's band max:
	// +100,000 / +100,000 (200,000 / 160,000), +50,000 a year: 20,312.50
	// short. Base then asks 20,312.50 of its 33,000, rounded up to 21,000:
	// 241,000. 556,000 → 10 + 80 × 138,500 / 157,500 = P80.3.
	a := analyzeWith(t, o, tbl, func(opt *analyzer.Options) { opt.Target = d("80") })
	c := a.Counter
	if len(c.Asks) != 2 || c.Asks[0].Lever != analyzer.LeverSignOn || c.Asks[1].Lever != analyzer.LeverBase {
		t.Fatalf("asks = %+v, want sign-on then base (RSU is at its cap)", c.Asks)
	}
	if !c.Base.Equal(d("241000")) || !c.SignOnY1.Equal(d("200000")) || !c.SignOnY2.Equal(d("160000")) || c.Status != analyzer.CounterReachable {
		t.Errorf("counter %s / %s / %s status %s, want 241000 / 200000 / 160000 reachable", c.Base, c.SignOnY1, c.SignOnY2, c.Status)
	}
	if !c.Percentile.Decimal.Round(1).Equal(d("80.3")) {
		t.Errorf("percentile %v, want 80.3", c.Percentile)
	}
	if b := a.BestLever(); b == nil || b.Lever != analyzer.LeverSignOn {
		t.Errorf("best lever %+v, want sign_on (the counter's first ask)", b)
	}
}

func TestLeverImpactIsDifferenceOfAnalyses(t *testing.T) {
	// For every lever and ask, the engine's year table of the change alone
	// equals Analyze(changed offer) − Analyze(offer), year by year, with
	// bonus and refreshers in play. Levers are priced at grant value
	// (docs/METHOD.md, "Market position"): a run assuming growth and
	// raises prices them as the same run without them does.
	gen := analyzer.NewSynthetic(3)
	opts := analyzer.DefaultOptions()
	opts.Bands = seattleEM(t)
	grown := opts
	grown.StockGrowth, grown.Raise = d("0.08"), d("0.03")
	for i := 0; i < 60; i++ {
		o := gen.Next()
		o.Refresher = d("25000")
		o.StartDate = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		if i%2 == 0 {
			o.Company, o.Track, o.Level, o.Location = "Amazon", "EM", "L6", "Seattle"
		}
		a, err := analyzer.Analyze(&o, opts)
		if err != nil {
			t.Fatal(err)
		}
		g, err := analyzer.Analyze(&o, grown)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g.Levers, a.Levers) || !reflect.DeepEqual(g.Counter, a.Counter) {
			t.Fatalf("%s: levers or counter-offer differ with growth and raises assumed", o.ID)
		}
		for _, l := range a.Levers {
			if !l.Available {
				continue
			}
			for _, imp := range []analyzer.LeverImpact{l.Low, l.High} {
				changed := imp.Change.Apply(&o, a.Grant)
				b, err := analyzer.Analyze(&changed, opts)
				if err != nil {
					t.Fatalf("%s %s: %v", o.ID, l.Lever, err)
				}
				for y := range a.Years {
					if want := b.Years[y].Total.Sub(a.Years[y].Total); !want.Equal(imp.Delta[y]) {
						t.Fatalf("%s %s year %d: lever Δ %s, analyses differ by %s", o.ID, l.Lever, y+1, imp.Delta[y], want)
					}
				}
				if want := b.Total.Sub(a.Total); !want.Equal(imp.DeltaTotal) {
					t.Fatalf("%s %s: Δ total %s, analyses differ by %s", o.ID, l.Lever, imp.DeltaTotal, want)
				}
			}
		}
	}
}

func TestOtherLevers(t *testing.T) {
	o := emOffer("175000", "300000", "80000", "60000")
	o.StartDate = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	a := analyzeWith(t, o, seattleEM(t), func(opt *analyzer.Options) {
		opt.AsOf = time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC) // 8 weeks before
	})
	// Remote: −10% / −5% of every year: −114,000 / −57,000.
	remote := leverOf(t, a, analyzer.LeverRemote)
	if !remote.Low.DeltaTotal.Equal(d("-114000")) || !remote.High.DeltaTotal.Equal(d("-57000")) {
		t.Errorf("remote Δ %s / %s, want -114000 / -57000", remote.Low.DeltaTotal, remote.High.DeltaTotal)
	}
	// Perf bonus: no target bonus, so 5% / 15% of 175,000 in year 1.
	perf := leverOf(t, a, analyzer.LeverPerfBonus)
	equalAll(t, "perf bonus high Δ", perf.High.Delta, "26250", "0", "0", "0")
	if !perf.Low.DeltaTotal.Equal(d("8750")) {
		t.Errorf("perf bonus low Δ %s, want 8750", perf.Low.DeltaTotal)
	}
	// Start date: 8 weeks → the 6–8 weeks class; no Δ in offer years.
	start := leverOf(t, a, analyzer.LeverStartDate)
	if !start.Available || !start.High.DeltaTotal.IsZero() || !strings.Contains(start.Note, "8 weeks to start: strong position") {
		t.Errorf("start date: %+v", start)
	}
	// A class's own label is not repeated: 4 weeks reads "4 weeks to
	// start: some flexibility shown", not "…: 4 weeks: some flexibility shown".
	four := analyzeWith(t, o, seattleEM(t), func(opt *analyzer.Options) {
		opt.AsOf = time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC) // 4 weeks before
	})
	if l := leverOf(t, four, analyzer.LeverStartDate); !strings.HasPrefix(l.Note, "4 weeks to start: some flexibility shown;") {
		t.Errorf("4-week note %q", l.Note)
	}
	// A start date already past has no leverage left.
	past := analyzeWith(t, o, seattleEM(t), func(opt *analyzer.Options) {
		opt.AsOf = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	})
	if l := leverOf(t, past, analyzer.LeverStartDate); !strings.Contains(l.Note, "has passed") {
		t.Errorf("past start date note %q", l.Note)
	}
	// Level: L7 has no band in this table → needs a band.
	if l := leverOf(t, a, analyzer.LeverLevel); l.Available {
		t.Errorf("level lever without L7 bands: %+v", l)
	}

	// With a guaranteed bonus above a 10% target only the top-up counts.
	o2 := emOffer("200000", "300000", "0", "0")
	o2.BonusPct = d("0.10")
	a2 := analyzeWith(t, o2, seattleEM(t), nil)
	if p := leverOf(t, a2, analyzer.LeverPerfBonus); !p.High.DeltaTotal.Equal(d("10000")) || !p.Low.DeltaTotal.IsZero() {
		t.Errorf("perf bonus over a 10%% target: low %s high %s, want 0 and 10000", p.Low.DeltaTotal, p.High.DeltaTotal)
	}
}

func TestLevelLever(t *testing.T) {
	tbl := seattleEM(t,
		band("FAANG|Amazon|EM|L7|Seattle", "base", "220000", "260000"),
		band("FAANG|Amazon|EM|L7|Seattle", "rsu_4yr", "550000", "900000"),
		band("FAANG|Amazon|EM|L7|Seattle", "sign_on_y1", "140000", "200000"),
		band("FAANG|Amazon|EM|L7|Seattle", "sign_on_y2", "100000", "160000"),
	)
	a := analyzeWith(t, emOffer("175000", "300000", "80000", "60000"), tbl, nil)
	l := leverOf(t, a, analyzer.LeverLevel)
	// L7 P50s: base 240,000 (+65,000 a year), grant 725,000 (+425,000),
	// sign-on 170,000 / 130,000 (+90,000 / +70,000).
	// Δ total = 4 × 65,000 + 425,000 + 160,000 = 845,000.
	if !l.Available || !l.High.DeltaTotal.Equal(d("845000")) {
		t.Errorf("level lever: available %v Δ %s (note %q), want 845000", l.Available, l.High.DeltaTotal, l.Note)
	}
}

func TestFloorComparatorAndSignOnFlags(t *testing.T) {
	o := emOffer("170000", "250000", "0", "0")
	o.CurrentTC, o.ColAdjustment, o.RiskPremium = nd("230000"), d("10000"), d("15000")
	o.CompetingTC, o.CompetingCompany = nd("300000"), "Google"
	o.UnvestedEquity = nd("120000")
	a := analyzeWith(t, o, seattleEM(t), nil)
	// Average 170,000 + 62,500 = 232,500 < floor 255,000 < Google's 300,000.
	if !a.Floor.Valid || !a.Floor.Decimal.Equal(d("255000")) {
		t.Errorf("floor %v, want 255000", a.Floor)
	}
	for _, code := range []analyzer.FlagCode{analyzer.FlagBelowFloor, analyzer.FlagBelowComparator, analyzer.FlagNoSignOnWithUnvested} {
		if !a.HasFlag(code) {
			t.Errorf("missing %s in %s", code, analyzer.FlagCodes(a.Flags))
		}
	}
	// Year 1: 170,000 + 12,500 = 182,500 → −117,500 against 300,000.
	if !a.ComparatorGap[0].Equal(d("-117500")) {
		t.Errorf("comparator gap year 1 %s, want -117500", a.ComparatorGap[0])
	}
	o.Floor = nd("200000")
	if a = analyzeWith(t, o, seattleEM(t), nil); a.HasFlag(analyzer.FlagBelowFloor) {
		t.Error("a given floor of 200,000 is below the average 232,500: no BELOW_FLOOR")
	}
}

func TestScores(t *testing.T) {
	v := func(s string) decimal.NullDecimal { return nd(s) }
	// Risk: 8×20 + 9×25 + 7×20 + 6×15 + 8×10 + 5×10 = 745 → 7.45, moderate.
	r, ok := analyzer.RiskScore(analyzer.RiskScores{v("8"), v("9"), v("7"), v("6"), v("8"), v("5")})
	if !ok || !r.Value.Equal(d("7.45")) || !strings.HasPrefix(r.Interpretation, "moderate") {
		t.Errorf("risk = %+v", r)
	}
	// Decision: 5×4 + 4×3 + 4×3 + 3×2 + 3×2 + 2×1 = 58 → accept with reservations.
	s, ok := analyzer.DecisionScore(analyzer.DecisionScores{v("5"), v("4"), v("4"), v("3"), v("3"), v("2")})
	if !ok || !s.Value.Equal(d("58")) || s.Interpretation != "accept with reservations" {
		t.Errorf("decision = %+v", s)
	}
	if s, _ := analyzer.DecisionScore(analyzer.DecisionScores{v("5"), v("5"), v("5"), v("5"), v("5"), v("5")}); s.Interpretation != "strong accept" {
		t.Errorf("all 5s: %q", s.Interpretation)
	}
	if s, _ := analyzer.DecisionScore(analyzer.DecisionScores{v("2"), v("2"), v("2"), v("2"), v("2"), v("2")}); !s.Value.Equal(d("30")) || s.Interpretation != "negotiate or decline" {
		t.Errorf("all 2s: %+v", s)
	}
	if s, _ := analyzer.DecisionScore(analyzer.DecisionScores{v("1"), v("1"), v("1"), v("1"), v("1"), v("1")}); s.Interpretation != "decline" {
		t.Errorf("all 1s: %q", s.Interpretation)
	}
	if _, ok := analyzer.RiskScore(analyzer.RiskScores{TeamStability: v("8")}); ok {
		t.Error("a partial risk matrix must give no score")
	}
}
