package analyzer_test

import (
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

func TestCounterOfferWorkedCheck(t *testing.T) {
	// Lower offer: 170,000 / 250,000 / 75,000 / 50,000 → years 257,500,
	// 257,500, 270,000, 270,000; average 263,750; P57.7. P75 is an average
	// of 277,812.50: Δ total 56,250, all from RSU (high ask 125,000).
	a := analyzeWith(t, emOffer("170000", "250000", "75000", "50000"), seattleEM(t), nil)
	equalAll(t, "years", column(a.Years, func(y analyzer.YearTotals) decimal.Decimal { return y.Total }),
		"257500", "257500", "270000", "270000")
	c := a.Counter
	if c == nil || c.Status != analyzer.CounterReachable {
		t.Fatalf("counter = %+v", c)
	}
	if !c.Grant.Equal(d("306250")) || !c.Base.Equal(d("170000")) || !c.SignOnY1.Equal(d("75000")) || !c.SignOnY2.Equal(d("50000")) {
		t.Errorf("counter package base %s grant %s sign-on %s/%s, want 170000 306250 75000/50000", c.Base, c.Grant, c.SignOnY1, c.SignOnY2)
	}
	if !c.DeltaTotal.Equal(d("56250")) || c.Tier != "recruiter" || !c.TierPct.Round(1).Equal(d("5.3")) {
		t.Errorf("Δ total %s (%s%%) tier %q, want 56250, 5.3%%, recruiter", c.DeltaTotal, c.TierPct, c.Tier)
	}
	if !c.Percentile.Valid || !c.Percentile.Decimal.Equal(d("75")) {
		t.Errorf("counter percentile %v, want 75", c.Percentile)
	}
	if len(c.Asks) != 1 || c.Asks[0].Lever != analyzer.LeverRSU {
		t.Errorf("asks = %+v, want RSU alone", c.Asks)
	}
	for _, want := range []string{"$250,000", "$306,250", "Equity Component", "Dear [Recruiter Name]"} {
		if !strings.Contains(c.Email, want) {
			t.Errorf("email lacks %q:\n%s", want, c.Email)
		}
	}
}

func TestCounterOfferStatuses(t *testing.T) {
	t.Run("target already met", func(t *testing.T) {
		// Average 175,000 + 440,000/4 = 285,000: P83.8 ≥ P75.
		a := analyzeWith(t, emOffer("175000", "300000", "80000", "60000"), seattleEM(t), nil)
		if a.Counter.Status != analyzer.CounterMet || !a.Counter.DeltaTotal.IsZero() || len(a.Counter.Asks) != 0 {
			t.Errorf("counter = %s Δ %s asks %d", a.Counter.Status, a.Counter.DeltaTotal, len(a.Counter.Asks))
		}
	})
	t.Run("not reachable", func(t *testing.T) {
		// Average 150,000 + 25,000 = 175,000. Target P99 is an average of
		// 225,000 + 89/80 × 65,000 = 297,312.50. Every lever at its high
		// ask: RSU +50,000 (+12,500 a year), sign-on at the P90s 125,000 +
		// 100,000 (+56,250), base +22,500 → 266,250: short of the target.
		a := analyzeWith(t, emOffer("150000", "100000", "0", "0"), seattleEM(t), func(o *analyzer.Options) {
			o.Target = d("99")
		})
		c := a.Counter
		if c.Status != analyzer.CounterUnreachable || len(c.Asks) != 3 {
			t.Fatalf("counter = %s with %d asks", c.Status, len(c.Asks))
		}
		// Every lever at its full high ask.
		for _, ask := range c.Asks {
			if l := leverOf(t, a, ask.Lever); ask.Change != l.High.Change {
				t.Errorf("%s: counter took %+v, high ask is %+v", ask.Lever, ask.Change, l.High.Change)
			}
		}
	})
	t.Run("no band", func(t *testing.T) {
		o := emOffer("150000", "100000", "0", "0")
		o.Track, o.Level, o.Location = "PM", "L5", "Austin"
		a := analyzeWith(t, o, seattleEM(t), nil)
		if a.Counter.Status != analyzer.CounterNoBand {
			t.Errorf("status %q", a.Counter.Status)
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
	})
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

func TestL7CounterTakesBaseBeforeSignOn(t *testing.T) {
	// L7 priority is rsu, base, sign_on: with the RSU at its band max the
	// counter's first ask is base.
	bands := []analyzer.Band{
		band("FAANG|Amazon|EM|L7|Seattle", "base", "220000", "260000"),
		band("FAANG|Amazon|EM|L7|Seattle", "rsu_4yr", "550000", "900000"),
		band("FAANG|Amazon|EM|L7|Seattle", "sign_on_y1", "140000", "200000"),
		band("FAANG|Amazon|EM|L7|Seattle", "sign_on_y2", "100000", "160000"),
		band("FAANG|Amazon|EM|L7|Seattle", "base_equity_avg", "357000", "485000"),
	}
	tbl, err := analyzer.NewBandTable(bands)
	if err != nil {
		t.Fatal(err)
	}
	o := emOffer("220000", "900000", "100000", "60000")
	o.Level = "L7"
	// Average 220,000 + 1,060,000/4 = 485,000; P99 is 357,000 + 89/80 ×
	// 128,000 = 499,400: 14,400 short. RSU has no room; base +15% = 33,000
	// (under the 260,000 band max) covers it, so sign-on is not needed.
	a := analyzeWith(t, o, tbl, func(opt *analyzer.Options) { opt.Target = d("99") })
	if len(a.Counter.Asks) != 1 || a.Counter.Asks[0].Lever != analyzer.LeverBase {
		t.Fatalf("asks = %+v, want base alone (RSU is at its cap)", a.Counter.Asks)
	}
	// 14,400 a year of average is 14,400 of base: 234,400.
	if !a.Counter.Base.Equal(d("234400")) || a.Counter.Status != analyzer.CounterReachable {
		t.Errorf("counter base %s status %s, want 234400 reachable", a.Counter.Base, a.Counter.Status)
	}
}

func TestLeverImpactIsDifferenceOfAnalyses(t *testing.T) {
	// For every lever and ask, the engine's year table of the change alone
	// equals Analyze(changed offer) − Analyze(offer), year by year, with
	// growth, raises, bonus and refreshers all in play.
	gen := analyzer.NewSynthetic(3)
	opts := analyzer.DefaultOptions()
	opts.Bands = seattleEM(t)
	opts.StockGrowth, opts.Raise = d("0.08"), d("0.03")
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
	if !start.Available || !start.High.DeltaTotal.IsZero() || !strings.Contains(start.Note, "8 weeks to start: 6–8 weeks") {
		t.Errorf("start date: %+v", start)
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
