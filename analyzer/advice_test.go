package analyzer_test

import (
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
)

// capBands are an Amazon EM L6 Seattle band whose sign-on is capped on its
// total: base 160,000–220,000, RSU 200,000–500,000, sign-on 100,000–250,000.
func capBands(t *testing.T) *analyzer.BandTable {
	t.Helper()
	tbl, err := analyzer.NewBandTable([]analyzer.Band{
		band("FAANG|Amazon|EM|L6|Seattle", "base", "160000", "220000"),
		band("FAANG|Amazon|EM|L6|Seattle", "rsu_4yr", "200000", "500000"),
		band("FAANG|Amazon|EM|L6|Seattle", "sign_on_total", "100000", "250000"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

func TestSignOnCapSplitsIntoCleanYears(t *testing.T) {
	// Composed band: 160,000 + 50,000 + 25,000 = 235,000 to 220,000 +
	// 125,000 + 62,500 = 407,500; target P90 is its max. The offer:
	// 175,000 + 300,000/4 + 180,000/4 = 295,000, 112,500 short.
	// RSU +50% = 150,000 (room to 500,000: 200,000) → 450,000, +37,500.
	// Sign-on +200% is 200,000 / 160,000, capped at 250,000 in all (room
	// 70,000): 38,888.89 / 31,111.11, rounded 140,000 / 115,000 = 75,000
	// over the cap, so year 2 (rounded up the most) comes down: 140,000 /
	// 110,000, exactly the cap; +17,500. Base +15% = 26,250 → 201,250, the
	// largest clean figure within it 201,000. Still short: unreachable.
	o := emOffer("175000", "300000", "100000", "80000")
	a := analyzeWith(t, o, capBands(t), func(opt *analyzer.Options) { opt.Target = d("90") })
	c := a.Counter
	if len(c.Asks) != 3 || c.Asks[0].Lever != analyzer.LeverRSU || c.Asks[1].Lever != analyzer.LeverSignOn || c.Asks[2].Lever != analyzer.LeverBase {
		t.Fatalf("asks %+v, want rsu, sign_on, base", c.Asks)
	}
	for _, tc := range []struct {
		name      string
		got, want decimal.Decimal
	}{
		{"grant", c.Grant, d("450000")}, {"sign-on y1", c.SignOnY1, d("140000")},
		{"sign-on y2", c.SignOnY2, d("110000")}, {"base", c.Base, d("201000")},
	} {
		if !tc.got.Equal(tc.want) {
			t.Errorf("%s = %s, want %s", tc.name, tc.got, tc.want)
		}
	}
	if c.Status != analyzer.CounterUnreachable {
		t.Errorf("status %q, want unreachable", c.Status)
	}
}

func TestSignOnAloneWhenItReachesTheTarget(t *testing.T) {
	// The same band at target P60: 235,000 + 50/80 × 172,500 = 342,812.50,
	// 47,812.50 short. RSU's high ask adds 37,500 (10,312.50 short); the
	// sign-on needs 41,250 of its 70,000, but its low ask (+50% of 180,000
	// = 90,000, capped at the same 70,000) is the least it asks: 140,000 /
	// 110,000, +17,500, which passes the target, so base is not asked.
	o := emOffer("175000", "300000", "100000", "80000")
	a := analyzeWith(t, o, capBands(t), func(opt *analyzer.Options) { opt.Target = d("60") })
	c := a.Counter
	if len(c.Asks) != 2 || c.Asks[1].Lever != analyzer.LeverSignOn {
		t.Fatalf("asks %+v, want rsu then sign_on only", c.Asks)
	}
	if !c.SignOnY1.Equal(d("140000")) || !c.SignOnY2.Equal(d("110000")) || !c.Base.Equal(d("175000")) || c.Status != analyzer.CounterReachable {
		t.Errorf("package %s / %s base %s (%s), want 140000 / 110000, base unchanged, reachable", c.SignOnY1, c.SignOnY2, c.Base, c.Status)
	}
}

// defaultEngine is an engine on the embedded bands, levels and playbook.
func defaultEngine(t testing.TB) *analyzer.Engine {
	t.Helper()
	bands, err := importers.DefaultBands()
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := analyzer.NewBandTable(bands)
	if err != nil {
		t.Fatal(err)
	}
	opts := analyzer.DefaultOptions()
	opts.Bands = tbl
	lv, err := importers.DefaultLevels()
	if err != nil {
		t.Fatal(err)
	}
	if opts.Levels, err = analyzer.NewLevelTable(lv); err != nil {
		t.Fatal(err)
	}
	e, err := analyzer.NewEngine(opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestCounterFiguresAreCleanOverABatch runs 10,000 generated offers on the
// embedded bands: every figure the counter asks for is a multiple of $1,000
// (base) or $5,000 (grant, each sign-on year), and a sign-on is never left
// below its cap while a later lever is asked.
func TestCounterFiguresAreCleanOverABatch(t *testing.T) {
	e := defaultEngine(t)
	gen := analyzer.NewSynthetic(7)
	k1, k5 := decimal.NewFromInt(1000), decimal.NewFromInt(5000)
	clean := func(x, step decimal.Decimal) bool { return x.Mod(step).IsZero() }
	asked, signOnThenMore := 0, 0
	for i := 0; i < 10000; i++ {
		o := gen.Next()
		a, err := e.Analyze(&o)
		if err != nil {
			continue
		}
		c := a.Counter
		for k, ask := range c.Asks {
			asked++
			ch := ask.Change
			if !ch.Base.IsZero() && !clean(c.Base, k1) {
				t.Errorf("%s: base %s", o.ID, c.Base)
			}
			if !ch.Grant.IsZero() && !clean(c.Grant, k5) {
				t.Errorf("%s: grant %s", o.ID, c.Grant)
			}
			if !ch.SignOnY1.IsZero() && !clean(c.SignOnY1, k5) {
				t.Errorf("%s: sign-on y1 %s", o.ID, c.SignOnY1)
			}
			if !ch.SignOnY2.IsZero() && !clean(c.SignOnY2, k5) {
				t.Errorf("%s: sign-on y2 %s", o.ID, c.SignOnY2)
			}
			if ask.Lever != analyzer.LeverSignOn || k == len(c.Asks)-1 {
				continue
			}
			// A later lever is asked: the sign-on is at its cap, no
			// further $5,000 fits within its high ask.
			signOnThenMore++
			l := a.Lever(analyzer.LeverSignOn)
			room := l.High.Change.SignOnY1.Add(l.High.Change.SignOnY2)
			if got := ch.SignOnY1.Add(ch.SignOnY2); got.Add(k5).LessThanOrEqual(room) {
				t.Errorf("%s: sign-on asks %s of its %s while %s is asked after it", o.ID, got, room, c.Asks[k+1].Lever)
			}
		}
		if len(c.Asks) > 3 {
			t.Errorf("%s: %d levers asked in round one", o.ID, len(c.Asks))
		}
		if len(c.Asks) > 0 && a.Best != c.Asks[0].Lever {
			t.Errorf("%s: best lever %s, counter asks %s first", o.ID, a.Best, c.Asks[0].Lever)
		}
	}
	if asked < 5000 || signOnThenMore == 0 {
		t.Errorf("only %d asks, %d sign-ons followed by another lever: the batch does not exercise the rules", asked, signOnThenMore)
	}
}

// seed001 is the worked L6 EM offer of the compensation guide (docs/METHOD.md): Amazon EM L6 Seattle, base 175,000,
// RSU 300,000 on Amazon's schedule, sign-on 80,000 / 60,000.
func seed001(round int) *analyzer.Offer {
	o := emOffer("175000", "300000", "80000", "60000")
	o.ID, o.Candidate, o.Round = "A-01", "Priya", round
	return o
}

func TestRoundsAreOneOffersHistory(t *testing.T) {
	// Round 1 as written (4-year total 1,140,000), round 2 the negotiated
	// package 185,000 / 380,000 / 110,000 / 85,000: 740,000 + 380,000 +
	// 195,000 = 1,315,000, +175,000 = +15.35% against the protocol's
	// +10–20% for a first round. Annual total comp 328,750 in the seed's
	// composed band 263,750–346,250: 10 + 80 × 65,000 / 82,500 = P73.0.
	o := emOffer("185000", "380000", "110000", "85000")
	o.ID, o.Candidate, o.Round = "A-01", "Priya", 2
	o.Earlier = []analyzer.Offer{*seed001(1)}
	a := analyzeWith(t, o, seattleEM(t), nil)
	if len(a.Rounds) != 2 {
		t.Fatalf("%d rounds, want 2", len(a.Rounds))
	}
	r := a.Rounds[1]
	if !a.Rounds[0].Total.Equal(d("1140000")) || !r.Total.Equal(d("1315000")) || !r.Change.Decimal.Equal(d("175000")) {
		t.Errorf("totals %s → %s (Δ %s), want 1,140,000 → 1,315,000 (+175,000)", a.Rounds[0].Total, r.Total, r.Change.Decimal)
	}
	if got := r.ChangePct.Decimal.RoundBank(1); !got.Equal(d("15.4")) || !analyzer.RoundExpectation(2).Contains(r.ChangePct.Decimal) {
		t.Errorf("round change %s%%, want +15.4%% within +10–20%%", got)
	}
	if h := a.Market.HeadlineFigure(); h == nil || !h.Percentile.RoundBank(1).Equal(d("73")) {
		t.Errorf("headline %+v, want P73.0", h)
	}
	c := a.Counter
	if len(c.Asks) > 1 {
		t.Errorf("round 2 asks %d levers, want at most one", len(c.Asks))
	}
	m := c.Email
	if c.Status != analyzer.CounterMet && m.Kind != analyzer.EmailRound2 {
		t.Errorf("email kind %s, want round2", m.Kind)
	}
	if c.Status != analyzer.CounterMet {
		for _, want := range []string{"Thank you for coming back with a revised offer: the base from $175,000 to $185,000, the RSU grant from $300,000 to $380,000 and the signing bonus from $80,000 / $60,000 to $110,000 / $85,000, $175,000 more over 4 years.",
			"I have one more ask:\n- "} {
			if !strings.Contains(m.Body, want) {
				t.Errorf("round-2 email lacks %q:\n%s", want, m.Text())
			}
		}
		if strings.Count(m.Body, "\n- ") != 1 {
			t.Errorf("round-2 email asks more than once:\n%s", m.Text())
		}
	}
}

func TestEmailKinds(t *testing.T) {
	base := &analyzer.EmailDraft{Name: "Sam", Company: "Amazon", Level: "L6", Role: "a software engineer (L6) in Seattle",
		Round: 1, Status: analyzer.CounterReachable, Asks: []string{"- RSU grant: $500,000 instead of $400,000."},
		Single: "raise the RSU grant to $500,000", AnnualTC: d("330000"), Grant: d("400000"), NewAverage: d("355000"), Years: 4,
		Package: []string{"- Base salary: $185,000"}}
	google := &analyzer.Comparator{ID: "S2", Company: "Google", Level: "L5", AnnualTC: d("341500")}
	tests := []struct {
		name    string
		edit    func(d *analyzer.EmailDraft)
		ctx     analyzer.EmailContext
		kind    analyzer.EmailKind
		want    []string
		wantNot []string
	}{
		{"round 1 cites the candidate's better offer", nil, analyzer.EmailContext{Other: google, Offers: 3}, analyzer.EmailRound1,
			[]string{"I have one real competing offer: Google L5 at $341,500 a year in total compensation.", "Before I sign, I'd like to ask for:\n- RSU grant: $500,000",
				"average of $355,000 a year over 4 years", "within the next 3 to 5 business days"},
			[]string{"first choice", "opportunities"}},
		{"round 2: one more ask", func(d *analyzer.EmailDraft) {
			d.Round, d.Movement, d.MovementTotal = 2, "the RSU grant from $300,000 to $400,000", decimal.NewFromInt(100000)
		}, analyzer.EmailContext{Offers: 1}, analyzer.EmailRound2,
			[]string{"Thank you for coming back with a revised offer: the RSU grant from $300,000 to $400,000, $100,000 more over 4 years.",
				"I have one more ask:\n- RSU grant: $500,000", "Amazon is my first choice."}, []string{"Before I sign"}},
		{"round 3: the final ask", func(d *analyzer.EmailDraft) { d.Round = 3 }, analyzer.EmailContext{Offers: 1}, analyzer.EmailRound3,
			[]string{"If you can raise the RSU grant to $500,000, I'm ready to sign today."}, []string{"Before I sign"}},
		{"target met, a better offer: close the gap", func(d *analyzer.EmailDraft) { d.Status = analyzer.CounterMet }, analyzer.EmailContext{Other: google, Offers: 2},
			analyzer.EmailComparator,
			// 11,500 a year × 4 = 46,000, rounded up to 50,000 on the grant.
			[]string{"Your offer comes to $330,000 a year, $11,500 a year less.", "Could you raise the RSU grant to $450,000? That closes the gap."},
			[]string{"Ready to Accept"}},
		{"target met, nothing pays more: accept", func(d *analyzer.EmailDraft) { d.Status = analyzer.CounterMet }, analyzer.EmailContext{Offers: 2},
			analyzer.EmailAccept, []string{"Ready to Accept", "- Base salary: $185,000"}, []string{"competing", "first choice"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dr := *base
			if tc.edit != nil {
				tc.edit(&dr)
			}
			m := analyzer.ComposeEmail(&dr, tc.ctx)
			if m.Kind != tc.kind {
				t.Errorf("kind %s, want %s", m.Kind, tc.kind)
			}
			for _, w := range tc.want {
				if !strings.Contains(m.Text(), w) {
					t.Errorf("email lacks %q:\n%s", w, m.Text())
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(m.Text(), w) {
					t.Errorf("email has %q:\n%s", w, m.Text())
				}
			}
		})
	}
}

func TestDecisionAndComparators(t *testing.T) {
	// Three offers of one candidate, no tax tables, so ranked before tax:
	// Amazon 305,000 + 325,000 + 345,000 + 345,000 = 1,320,000 (annual
	// 330,000; 305,000 after year 1, 630,000 after year 2); Google 373,500
	// + 373,500 + 329,500 + 289,500 = 1,366,000 (annual 341,500; 373,500
	// and 747,000); Meta 325,000 a year, 1,300,000.
	offers := []*analyzer.Offer{
		{ID: "S1", Candidate: "Sam", Company: "Amazon", Track: "SDE", Level: "L6", Location: "Seattle", Base: d("185000"),
			SignOnY1: d("100000"), SignOnY2: d("80000"), RSUValue: nd("400000"), Schedule: mustSchedule(t, "amazon")},
		{ID: "S2", Candidate: "Sam", Company: "Google", Track: "SDE", Level: "L5", Location: "Bay Area", Base: d("210000"),
			RSUValue: nd("400000"), Schedule: mustSchedule(t, "google"), BonusPct: d("0.15"), Preferred: analyzer.PreferenceNo},
		{ID: "S3", Candidate: "Sam", Company: "Meta", Track: "SDE", Level: "E5", Location: "New York", Base: d("200000"),
			RSUValue: nd("420000"), Schedule: mustSchedule(t, "meta"), BonusPct: d("0.10"), Preferred: analyzer.PreferenceYes},
	}
	e, err := analyzer.NewEngine(analyzer.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	book := analyzer.NewCandidateBook()
	var records []analyzer.Record
	for _, o := range offers {
		a, err := e.AnalyzeBrief(o)
		if err != nil {
			t.Fatal(err)
		}
		book.Add(&a)
		records = append(records, analyzer.Reduce(&a))
	}
	book.Resolve(func(i int) analyzer.OfferLabel { return analyzer.LabelOf(&records[i]) })
	ctx := []analyzer.OfferContext{book.Context(0), book.Context(1), book.Context(2)}
	if ctx[0].Other == nil || ctx[0].Other.ID != "S2" || ctx[2].Other == nil || ctx[2].Other.ID != "S2" || ctx[1].Other != nil {
		t.Errorf("comparators %+v %+v %+v: want S2, none, S2", ctx[0].Other, ctx[1].Other, ctx[2].Other)
	}
	dec := ctx[0].Decision
	if dec == nil || dec.WinnerID != "S2" || dec.AfterTax || ctx[1].Rank != 1 || ctx[0].Rank != 2 || ctx[2].Rank != 3 {
		t.Fatalf("decision %+v, ranks %d %d %d: want S2 first before tax, then S1, S3", dec, ctx[0].Rank, ctx[1].Rank, ctx[2].Rank)
	}
	for _, want := range []string{"Google: $1,366,000 before tax over 4 years, $46,000 more than Amazon.",
		"If you leave after year 1, Google leads ($373,500 before tax); after year 2, Google leads ($747,000).",
		"Your preferred offer, Meta, costs $66,000 before tax over 4 years against Google."} {
		if !strings.Contains(dec.Line(), want) {
			t.Errorf("decision line lacks %q:\n%s", want, dec.Line())
		}
	}
	if ctx[0].LeaveAfterY1 != 305000_00 || ctx[0].LeaveAfterY2 != 630000_00 {
		t.Errorf("Amazon leave after y1/y2 %d / %d cents, want 305,000 / 630,000", ctx[0].LeaveAfterY1, ctx[0].LeaveAfterY2)
	}
}

func mustSchedule(t *testing.T, name string) analyzer.Schedule {
	t.Helper()
	s, err := analyzer.ParseSchedule(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTinySignOnIsNotAsked(t *testing.T) {
	// A $1,000 sign-on: +200% is $2,000, and no multiple of $5,000 lies
	// between $1,000 and $3,000, so the sign-on is not asked; RSU and base
	// are (the target P90 is out of reach).
	o := emOffer("175000", "300000", "1000", "0")
	a := analyzeWith(t, o, capBands(t), func(opt *analyzer.Options) { opt.Target = d("90") })
	for _, ask := range a.Counter.Asks {
		if ask.Lever == analyzer.LeverSignOn {
			t.Errorf("sign-on asked: %+v", ask.Change)
		}
	}
	if !a.Counter.SignOnY1.Equal(d("1000")) || len(a.Counter.Asks) != 2 {
		t.Errorf("asks %+v, sign-on %s: want RSU and base, the sign-on as offered", a.Counter.Asks, a.Counter.SignOnY1)
	}
}

func TestOtherCompanysBandAsksFromTheOffersOwnFigures(t *testing.T) {
	// Google L5 SWE Bay Area, 210,000 / 400,000 RSU / 15% bonus, no
	// sign-on, is measured on Amazon's L6 Bay Area band (a reference band):
	// its sign-on ask is a bridge of 8–16% of its own annual total comp
	// (341,500: 27,320 … 54,640), never Amazon's sign-on band, and its
	// level lever keeps the sign-on as offered.
	e := defaultEngine(t)
	o := &analyzer.Offer{ID: "G", Company: "Google", Track: "SDE", Level: "L5", Location: "Bay Area", Base: d("210000"),
		RSUValue: nd("400000"), Schedule: mustSchedule(t, "google"), BonusPct: d("0.15")}
	a, err := e.Analyze(o)
	if err != nil {
		t.Fatal(err)
	}
	if a.Market.OwnBand() || a.Market.Match != analyzer.MatchReference {
		t.Fatalf("match %s, want a reference band", a.Market.Match)
	}
	s := a.Lever(analyzer.LeverSignOn)
	if got := s.High.Change.SignOnY1.Add(s.High.Change.SignOnY2); !got.Equal(d("54640")) {
		t.Errorf("sign-on high ask %s, want 16%% of 341,500 = 54,640", got)
	}
	if got := s.Low.Change.SignOnY1.Add(s.Low.Change.SignOnY2); !got.Equal(d("27320")) {
		t.Errorf("sign-on low ask %s, want 8%% of 341,500 = 27,320", got)
	}
	if l := a.Lever(analyzer.LeverLevel); l.Available && !(l.High.Change.SignOnY1.IsZero() && l.High.Change.SignOnY2.IsZero()) {
		t.Errorf("level lever asks a sign-on: %+v", l.High.Change)
	}
	c := a.Counter
	if c.SignOnY1.Add(c.SignOnY2).GreaterThan(d("54640")) {
		t.Errorf("counter sign-on %s / %s passes the bridge", c.SignOnY1, c.SignOnY2)
	}
}
