package analyzer_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// seriesC is the Series C offer: 40,000 options at a $4.10 strike,
// last preferred $18.50, 409A $6.20, 200,000,000 shares fully diluted,
// vesting on the startup schedule (25% at the cliff, then monthly).
func seriesC() *analyzer.Offer {
	return &analyzer.Offer{ID: "series-c", Company: "Series C AI", Level: "L6", Location: "Seattle",
		Base: d("180000"), Schedule: analyzer.MustSchedule("startup"),
		Equity: &analyzer.PrivateEquity{Type: analyzer.EquityOptions, OptionShares: nd("40000"),
			StrikePrice: nd("4.10"), PreferredPrice: nd("18.50"), FMV409A: nd("6.20"),
			FullyDilutedShares: nd("200000000"), Acceleration: analyzer.AccelerationDouble}}
}

func analyzePrivate(t *testing.T, o *analyzer.Offer, edit func(*analyzer.Options)) analyzer.Analysis {
	t.Helper()
	opts := analyzer.DefaultOptions()
	opts.Levers = false
	if edit != nil {
		edit(&opts)
	}
	a, err := analyzer.Analyze(o, opts)
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	return a
}

func eq(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(d(want)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

// TestSeriesCOptions checks every figure of the Series C example, worked by
// hand: 10,000 options vest each year (25% of 40,000);
//
//	409A, net of strike: (6.20 − 4.10) × 10,000 = 21,000 a year, 84,000 in all
//	preferred (paper):   18.50 × 10,000 = 185,000 a year, 740,000 in all
//	exit 0×:             0
//	exit 1×:             (18.50 − 4.10) × 10,000 = 144,000 a year, 576,000
//	exit 3×:             (55.50 − 4.10) × 10,000 = 514,000 a year, 2,056,000
//	exercise cost:       40,000 × 4.10 = 164,000
//	spread at 409A:      40,000 × 2.10 = 84,000
//	ownership:           40,000 / 200,000,000 = 0.0002 = 0.02%
//
// The year table counts the preferred value by default: 180,000 + 185,000 =
// 365,000 a year, 1,460,000 over four years.
func TestSeriesCOptions(t *testing.T) {
	a := analyzePrivate(t, seriesC(), nil)
	v := a.Equity
	if v == nil {
		t.Fatal("no equity values for an options offer")
	}
	for i, y := range v.Years {
		eq(t, "vested shares", y.VestedShares, "10000")
		eq(t, "409A value", y.At409A, "21000")
		eq(t, "preferred value", y.AtPreferred, "185000")
		eq(t, "exit 0x", y.Exits[0], "0")
		eq(t, "exit 1x", y.Exits[1], "144000")
		eq(t, "exit 3x", y.Exits[2], "514000")
		eq(t, "year table equity", a.Years[i].RSU, "185000")
		eq(t, "year total", a.Years[i].Total, "365000")
	}
	eq(t, "Total409A", v.Total409A, "84000")
	eq(t, "TotalPreferred", v.TotalPreferred, "740000")
	eq(t, "exit 0x total", v.Exits[0].EquityTotal, "0")
	eq(t, "exit 1x total", v.Exits[1].EquityTotal, "576000")
	eq(t, "exit 3x total", v.Exits[2].EquityTotal, "2056000")
	eq(t, "exit 3x price", v.Exits[2].PricePerShare, "55.50")
	eq(t, "exercise cost", v.ExerciseCost.Decimal, "164000")
	eq(t, "spread", v.SpreadAt409A.Decimal, "84000")
	eq(t, "ownership %", v.Ownership.Decimal, "0.02")
	eq(t, "grant", a.Grant, "740000")
	eq(t, "H-year total", a.Total, "1460000")
	// The offer at 0× is its base alone, 4 × 180,000 = 720,000; at 1× it
	// adds 576,000: 1,296,000.
	for _, c := range []struct{ m, want string }{{"0", "720000"}, {"1", "1296000"}, {"2", "720000"}} {
		got, ok := a.TotalAtExit(d(c.m))
		if !ok {
			t.Fatal("TotalAtExit not ok for a private offer")
		}
		if c.m == "2" {
			// 2 × 18.50 = 37 − 4.10 = 32.90 × 40,000 = 1,316,000.
			c.want = "2036000"
		}
		eq(t, "TotalAtExit("+c.m+")", got, c.want)
	}
}

// TestSeriesCStatedValue: --private-equity-value 409a counts 21,000 a year,
// zero counts nothing; the values beside the table do not change.
func TestSeriesCStatedValue(t *testing.T) {
	for _, c := range []struct {
		value analyzer.PrivateValue
		year  string
	}{{analyzer.PrivateValue409A, "21000"}, {analyzer.PrivateValueZero, "0"}} {
		a := analyzePrivate(t, seriesC(), func(o *analyzer.Options) { o.PrivateEquityValue = c.value })
		eq(t, string(c.value)+" year 1 equity", a.Years[0].RSU, c.year)
		eq(t, string(c.value)+" TotalPreferred", a.Equity.TotalPreferred, "740000")
		if a.Equity.Basis != c.value {
			t.Errorf("basis = %q, want %q", a.Equity.Basis, c.value)
		}
	}
}

// TestSeriesCDilution: 20% dilution over two rounds keeps 0.8 × 0.8 = 0.64
// of the price: a 1× exit is 18.50 × 0.64 = 11.84 a share, (11.84 − 4.10) ×
// 40,000 = 309,600.
func TestSeriesCDilution(t *testing.T) {
	a := analyzePrivate(t, seriesC(), func(o *analyzer.Options) { o.Dilution, o.RoundsToExit = d("0.2"), 2 })
	eq(t, "1x price", a.Equity.Exits[1].PricePerShare, "11.84")
	eq(t, "1x total", a.Equity.Exits[1].EquityTotal, "309600")
}

// TestPrivateRSU: 8,000 private RSUs at preferred 18.50 and 409A 6.20 have
// no strike: 2,000 a year are 12,400 at 409A and 37,000 at preferred; no
// exercise cost.
func TestPrivateRSU(t *testing.T) {
	o := seriesC()
	o.RSUShares = nd("8000")
	o.Equity.Type, o.Equity.OptionShares, o.Equity.StrikePrice = analyzer.EquityPrivateRSU, decimal.NullDecimal{}, decimal.NullDecimal{}
	a := analyzePrivate(t, o, nil)
	eq(t, "409A year", a.Equity.Years[0].At409A, "12400")
	eq(t, "preferred year", a.Equity.Years[0].AtPreferred, "37000")
	eq(t, "ownership", a.Equity.Ownership.Decimal, "0.004")
	if a.Equity.ExerciseCost.Valid {
		t.Error("private RSUs have an exercise cost")
	}
}

// TestStartupSchedule: 25% at month 12, then 25/12% a month.
func TestStartupSchedule(t *testing.T) {
	s := analyzer.MustSchedule("startup")
	if got := s.String(); got != "25/25/25/25" {
		t.Errorf("yearly = %s", got)
	}
	if len(s.Vests) != 37 || s.Vests[0].Month != 12 || s.Vests[1].Month != 13 || s.Vests[36].Month != 48 {
		t.Errorf("vests = %d, first months %v", len(s.Vests), s.Vests[:2])
	}
}

func TestHostileEquity(t *testing.T) {
	for _, c := range []struct {
		name, column string
		edit         func(*analyzer.Offer)
		want         error
	}{
		{"negative strike", "strike_price", func(o *analyzer.Offer) { o.Equity.StrikePrice = nd("-1") }, analyzer.ErrNegative},
		{"strike above preferred", "strike_price", func(o *analyzer.Offer) { o.Equity.StrikePrice = nd("19") }, analyzer.ErrStrikeAbove},
		{"zero shares", "option_shares", func(o *analyzer.Offer) { o.Equity.OptionShares = nd("0") }, analyzer.ErrNotPositive},
		{"no shares", "option_shares", func(o *analyzer.Offer) { o.Equity.OptionShares = decimal.NullDecimal{} }, analyzer.ErrNeedsValue},
		{"no preferred", "preferred_price", func(o *analyzer.Offer) { o.Equity.PreferredPrice = decimal.NullDecimal{} }, analyzer.ErrNeedsValue},
		{"zero 409A", "fmv_409a", func(o *analyzer.Offer) { o.Equity.FMV409A = nd("0") }, analyzer.ErrNotPositive},
		{"fully diluted below grant", "fully_diluted_shares", func(o *analyzer.Offer) { o.Equity.FullyDilutedShares = nd("100") }, analyzer.ErrFullyDiluted},
		{"rsu_value beside options", "rsu_value", func(o *analyzer.Offer) { o.RSUValue = nd("740000") }, analyzer.ErrPublicGrant},
		{"option columns on public RSUs", "option_shares", func(o *analyzer.Offer) {
			o.Equity.Type = analyzer.EquityRSU
			o.RSUValue = nd("100000")
		}, analyzer.ErrNeedsPrivate},
		{"private RSUs without shares", "rsu_shares", func(o *analyzer.Offer) {
			o.Equity.Type, o.Equity.OptionShares, o.Equity.StrikePrice = analyzer.EquityPrivateRSU, decimal.NullDecimal{}, decimal.NullDecimal{}
		}, analyzer.ErrNeedsValue},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := seriesC()
			c.edit(o)
			_, err := analyzer.Analyze(o, analyzer.DefaultOptions())
			var fe *analyzer.FieldError
			if !errors.As(err, &fe) || fe.Column != c.column || !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want column %q and %v", err, c.column, c.want)
			}
		})
	}
}

// TestTotalRewards: a 50% match on 6% of a $200,000 base is 0.5 × 12,000 =
// $6,000 a year; a 15% ESPP on a $21,250 contribution buys 21,250 / 0.85 =
// 25,000 of stock, a gain of $3,750; with $2,000 of benefits each year's
// total rewards is total comp + 11,750. A $30,000 contribution would buy
// 35,294.12 of stock but the law caps it at 25,000: still $3,750.
func TestTotalRewards(t *testing.T) {
	lim := &analyzer.RetirementLimits{ElectiveDeferral: nd("24500"), CompensationLimit: nd("360000"), ESPPMarketValue: nd("25000")}
	o := &analyzer.Offer{ID: "rewards", Level: "L6", Location: "Seattle", Base: d("200000"), RSUValue: nd("400000"),
		Schedule: analyzer.MustSchedule("even"),
		Rewards: &analyzer.RewardsInputs{K401MatchPct: d("0.5"), K401MatchLimitPct: d("0.06"),
			ESPPDiscountPct: d("0.15"), ESPPContribution: d("21250"), BenefitsValue: d("2000")}}
	a := analyzePrivate(t, o, func(opts *analyzer.Options) { opts.Retirement = lim })
	for _, y := range a.Rewards.Years {
		eq(t, "401(k) match", y.K401Match, "6000")
		eq(t, "ESPP gain", y.ESPPGain, "3750")
		// 200,000 + 100,000 + 11,750.
		eq(t, "total rewards", y.TotalRewards, "311750")
	}
	eq(t, "average", a.Rewards.Average, "311750")
	eq(t, "total comp untouched", a.Years[0].Total, "300000")
	eq(t, "capped ESPP", analyzer.ESPPGain(d("30000"), d("0.15"), lim), "3750")
	// 10% of a $300,000 base is 30,000, capped at the 24,500 deferral
	// limit: a 100% match is 24,500. A $400,000 base counts as 360,000:
	// 5% is 18,000, half of it 9,000.
	eq(t, "deferral cap", analyzer.K401Match(d("300000"), d("1"), d("0.10"), lim), "24500")
	eq(t, "compensation cap", analyzer.K401Match(d("400000"), d("0.5"), d("0.05"), lim), "9000")
}

// TestStartupLevers prices the startup playbook's levers for the Series C
// offer (base 180,000) with a FAANG EM L6 Seattle base band of 170,000 –
// 200,000 (P10–P90, so its median is 185,000):
//
//	ownership:    +50% of the 740,000 grant = 370,000 over four years;
//	              +20,000 shares, ownership 0.02% → 0.03%
//	acceleration: Δ 0; after year 1 the 30,000 unvested options are worth
//	              30,000 × (18.50 − 4.10) = 432,000 at the preferred price
//	base match:   low 185,000 − 180,000 = 5,000; high 200,000 − 180,000 =
//	              20,000 a year, 80,000 over four years
//
// Each lever's Δ is the difference of two analyses: the changed offer's
// total less the offer's.
func TestStartupLevers(t *testing.T) {
	tbl, err := analyzer.NewBandTable([]analyzer.Band{{Key: analyzer.BandKey{CompanyType: "FAANG", Track: "EM", Level: "L6", Location: "Seattle"},
		Component: analyzer.ComponentBase, Min: d("170000"), Max: d("200000"), Source: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	o := seriesC()
	o.Track, o.CompanyType = "EM", "AI-First Startup"
	opts := analyzer.DefaultOptions()
	opts.Bands = tbl
	a, err := analyzer.Analyze(o, opts)
	if err != nil {
		t.Fatal(err)
	}
	own, acc, base := a.Lever(analyzer.LeverOwnership), a.Lever(analyzer.LeverAcceleration), a.Lever(analyzer.LeverBaseMatch)
	if own == nil || acc == nil || base == nil {
		t.Fatalf("startup levers missing: %+v", a.Levers)
	}
	eq(t, "ownership Δ", own.High.DeltaTotal, "370000")
	eq(t, "acceleration Δ", acc.High.DeltaTotal, "0")
	eq(t, "base match low", base.Low.Ask, "5000")
	eq(t, "base match high", base.High.Ask, "20000")
	eq(t, "base match Δ", base.High.DeltaTotal, "80000")
	for _, c := range []struct {
		l    *analyzer.LeverResult
		want string
	}{{own, "percentage ownership"}, {own, "20000 more"}, {own, "0.02% to 0.03%"}, {acc, "single-trigger acceleration for acquisition"},
		{acc, "$432,000"}, {base, "match or exceed FAANG"}} {
		if !strings.Contains(c.l.Note, c.want) {
			t.Errorf("%s note %q lacks %q", c.l.Lever, c.l.Note, c.want)
		}
	}
	// The lever is a change to the offer: analyzing the changed offer gives
	// the same Δ.
	changed := *o
	changed.Base = o.Base.Add(base.High.Change.Base)
	b, err := analyzer.Analyze(&changed, opts)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "base match as two analyses", b.Total.Sub(a.Total), "80000")
	// The ownership lever as a change to the offer: 50% more shares,
	// 60,000 options, analyzed again, adds the same 370,000.
	more := own.High.Change.Apply(o, a.Grant)
	eq(t, "shares asked", more.Equity.OptionShares.Decimal, "60000")
	m, err := analyzer.Analyze(&more, opts)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "ownership as two analyses", m.Total.Sub(a.Total), "370000")
	// A public offer gets no startup levers.
	pub := &analyzer.Offer{ID: "pub", Level: "L6", Location: "Seattle", Track: "EM", Base: d("180000"), RSUValue: nd("400000"), Schedule: analyzer.MustSchedule("even")}
	p, err := analyzer.Analyze(pub, opts)
	if err != nil {
		t.Fatal(err)
	}
	if p.Lever(analyzer.LeverOwnership) != nil {
		t.Error("a public offer got the ownership lever")
	}
}

// TestExitWords: the decision line's words for the Series C offer (0×:
// 4 × 180,000 = 720,000; 1×: 720,000 + 576,000 = 1,296,000), none for a
// public offer.
func TestExitWords(t *testing.T) {
	a := analyzePrivate(t, seriesC(), nil)
	r := analyzer.Reduce(&a)
	if got, want := analyzer.ExitWords(&r), "$720,000 if its equity is worth nothing (0×), $1,296,000 at an exit at the last preferred price (1×)"; got != want {
		t.Errorf("ExitWords = %q, want %q", got, want)
	}
	pub := analyzePrivate(t, &analyzer.Offer{ID: "p", Level: "L6", Location: "Seattle", Base: d("180000"), RSUValue: nd("1"), Schedule: analyzer.MustSchedule("even")}, nil)
	pr := analyzer.Reduce(&pub)
	if got := analyzer.ExitWords(&pr); got != "" {
		t.Errorf("public ExitWords = %q", got)
	}
}
