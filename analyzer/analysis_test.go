package analyzer_test

import (
	"errors"
	"testing"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func nd(s string) decimal.NullDecimal { return decimal.NewNullDecimal(d(s)) }

// workedOffer is the Amazon L6/L7 Compensation & Negotiation Guide's example: base 175,000, RSU 300,000 on Amazon's
// 5/15/40/40, sign-on 80,000 / 60,000.
func workedOffer() *analyzer.Offer {
	return &analyzer.Offer{ID: "worked", Base: d("175000"), RSUValue: nd("300000"),
		SignOnY1: d("80000"), SignOnY2: d("60000"), Schedule: analyzer.MustSchedule("amazon")}
}

// column picks one component of every year, for compact expectations.
func column(years []analyzer.YearTotals, pick func(analyzer.YearTotals) decimal.Decimal) []decimal.Decimal {
	out := make([]decimal.Decimal, len(years))
	for i, y := range years {
		out[i] = pick(y)
	}
	return out
}

func equalAll(t *testing.T, what string, got []decimal.Decimal, want ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values %v, want %d", what, len(got), got, len(want))
	}
	for i := range want {
		if !got[i].Equal(d(want[i])) {
			t.Errorf("%s[%d] = %s, want %s", what, i+1, got[i], want[i])
		}
	}
}

func TestAnalyzeYearTable(t *testing.T) {
	total := func(y analyzer.YearTotals) decimal.Decimal { return y.Total }
	rsu := func(y analyzer.YearTotals) decimal.Decimal { return y.RSU }
	refresh := func(y analyzer.YearTotals) decimal.Decimal { return y.Refresh }
	base := func(y analyzer.YearTotals) decimal.Decimal { return y.Base }
	bonus := func(y analyzer.YearTotals) decimal.Decimal { return y.Bonus }

	tests := []struct {
		name   string
		offer  func() *analyzer.Offer
		opts   func(*analyzer.Options)
		pick   func(analyzer.YearTotals) decimal.Decimal
		want   []string
		total  string
		avg    string
		twoAvg string
	}{
		{
			// The worked check (see "The worked check" in docs/METHOD.md).
			name: "seed worked check", offer: workedOffer, pick: total,
			want:  []string{"270000", "280000", "295000", "295000"},
			total: "1140000", avg: "285000", twoAvg: "275000",
		},
		{
			// 1,000 shares × $185.50 = 185,500 on 25/25/25/25: 46,375 a year.
			name: "grant from shares times price",
			offer: func() *analyzer.Offer {
				return &analyzer.Offer{ID: "s", Base: d("150000"), RSUShares: nd("1000"), StockPrice: nd("185.50"),
					Schedule: analyzer.MustSchedule("even")}
			},
			pick: total, want: []string{"196375", "196375", "196375", "196375"}, total: "785500",
		},
		{
			// Default price from --stock-price: 2,000 × 100 = 200,000 on 10/20/30/40.
			name: "shares with the run's default price and a custom schedule",
			offer: func() *analyzer.Offer {
				return &analyzer.Offer{ID: "c", Base: d("100000"), RSUShares: nd("2000"),
					Schedule: analyzer.MustSchedule("10/20/30/40")}
			},
			opts: func(o *analyzer.Options) { o.StockPrice = nd("100") },
			pick: rsu, want: []string{"20000", "40000", "60000", "80000"}, total: "600000",
		},
		{
			// 25,000 a year grown 10%: ×1.1, ×1.21, ×1.331, ×1.4641.
			name: "stock growth values each year's vest at year end",
			offer: func() *analyzer.Offer {
				return &analyzer.Offer{ID: "g", Base: d("100000"), RSUValue: nd("100000"),
					Schedule: analyzer.MustSchedule("even")}
			},
			opts: func(o *analyzer.Options) { o.StockGrowth = d("0.10") },
			pick: rsu, want: []string{"27500", "30250", "33275", "36602.5"}, total: "527627.5",
		},
		{
			// Refresh 40,000 a year on amazon: grants from year 2 vest
			// 5% → 2,000; then 15%+5% → 8,000; then 40%+15%+5% → 24,000.
			name: "refreshers stack from year 2",
			offer: func() *analyzer.Offer {
				o := workedOffer()
				o.Refresher = d("40000")
				return o
			},
			pick: refresh, want: []string{"0", "2000", "8000", "24000"}, total: "1174000",
		},
		{
			// Same refreshers grown 10%: 2,000×1.21, 8,000×1.331, 24,000×1.4641.
			name: "refreshers grow with the stock",
			offer: func() *analyzer.Offer {
				o := workedOffer()
				o.Refresher = d("40000")
				return o
			},
			opts: func(o *analyzer.Options) { o.StockGrowth = d("0.10") },
			pick: refresh, want: []string{"0", "2420", "10648", "35138.4"},
		},
		{
			// 3% raises: 200,000, 206,000, 212,180, 218,545.40.
			name: "raises compound on base",
			offer: func() *analyzer.Offer {
				return &analyzer.Offer{ID: "r", Base: d("200000"), RSUValue: nd("0"), BonusPct: d("0.15"),
					Schedule: analyzer.MustSchedule("amazon")}
			},
			opts: func(o *analyzer.Options) { o.Raise = d("0.03") },
			pick: base, want: []string{"200000", "206000", "212180", "218545.4"},
		},
		{
			// 15% of each year's raised base.
			name: "bonus follows the raised base",
			offer: func() *analyzer.Offer {
				return &analyzer.Offer{ID: "b", Base: d("200000"), RSUValue: nd("0"), BonusPct: d("0.15"),
					Schedule: analyzer.MustSchedule("amazon")}
			},
			opts: func(o *analyzer.Options) { o.Raise = d("0.03") },
			pick: bonus, want: []string{"30000", "30900", "31827", "32781.81"},
		},
		{
			// Five years: year 5 vests nothing of the grant; its refresh is
			// grants 2..5 at v4+v3+v2+v1 = 100% of 40,000.
			name: "five-year horizon",
			offer: func() *analyzer.Offer {
				o := workedOffer()
				o.Refresher = d("40000")
				return o
			},
			opts: func(o *analyzer.Options) { o.Years = 5 },
			pick: total, want: []string{"270000", "282000", "303000", "319000", "215000"},
			total: "1389000", avg: "277800", twoAvg: "276000",
		},
		{
			name: "three-year horizon", offer: workedOffer,
			opts: func(o *analyzer.Options) { o.Years = 3 },
			pick: total, want: []string{"270000", "280000", "295000"}, total: "845000",
			avg: "281666.666666666667",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := analyzer.DefaultOptions()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			a, err := analyzer.Analyze(tc.offer(), opts)
			if err != nil {
				t.Fatalf("Analyze: %v", err)
			}
			equalAll(t, "years", column(a.Years, tc.pick), tc.want...)
			if tc.total != "" && !a.Total.Equal(d(tc.total)) {
				t.Errorf("total = %s, want %s", a.Total, tc.total)
			}
			if tc.avg != "" && a.Average.Sub(d(tc.avg)).Abs().GreaterThan(d("0.000000001")) {
				t.Errorf("average = %s, want %s", a.Average, tc.avg)
			}
			if tc.twoAvg != "" && !a.TwoYearAverage.Equal(d(tc.twoAvg)) {
				t.Errorf("two-year average = %s, want %s", a.TwoYearAverage, tc.twoAvg)
			}
			for _, y := range a.Years {
				sum := y.Base.Add(y.SignOn).Add(y.RSU).Add(y.Refresh).Add(y.Bonus)
				if !sum.Equal(y.Total) {
					t.Errorf("year %d: components add to %s, total %s", y.Year, sum, y.Total)
				}
			}
		})
	}
}

func TestAnalyzeRelocationBesideYearOne(t *testing.T) {
	o := workedOffer()
	o.Relocation = d("25000")
	a, err := analyzer.Analyze(o, analyzer.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !a.Relocation.Equal(d("25000")) || !a.Years[0].Total.Equal(d("270000")) || !a.Total.Equal(d("1140000")) {
		t.Errorf("relocation %s, year 1 %s, total %s: relocation must stay out of the totals",
			a.Relocation, a.Years[0].Total, a.Total)
	}
}

func TestAnalyzeScenarios(t *testing.T) {
	opts := analyzer.DefaultOptions()
	opts.Scenarios = []decimal.Decimal{d("-0.20"), d("0"), d("0.15")}
	a, err := analyzer.Analyze(workedOffer(), opts)
	if err != nil {
		t.Fatal(err)
	}
	// −20%: vests 15,000×0.8 + 45,000×0.64 + 120,000×0.512 + 120,000×0.4096
	// = 151,392; with base 700,000 and sign-on 140,000 → 991,392.
	// +15%: 15,000×1.15 + 45,000×1.3225 + 120,000×1.520875 + 120,000×1.74900625
	// = 17,250 + 59,512.5 + 182,505 + 209,880.75 = 469,148.25 → 1,309,148.25.
	want := []string{"991392", "1140000", "1309148.25"}
	if len(a.Scenarios) != 3 {
		t.Fatalf("got %d scenarios", len(a.Scenarios))
	}
	for i, w := range want {
		if !a.Scenarios[i].Total.Equal(d(w)) || !a.Scenarios[i].Growth.Equal(opts.Scenarios[i]) {
			t.Errorf("scenario %s: total %s, want %s", a.Scenarios[i].Growth, a.Scenarios[i].Total, w)
		}
	}
	if !a.Total.Equal(d("1140000")) {
		t.Errorf("scenarios must not change the main total, got %s", a.Total)
	}
}

func TestAnalyzeCalendarYears(t *testing.T) {
	t.Run("start on January 1: vests land on the anniversaries", func(t *testing.T) {
		o := workedOffer()
		o.StartDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		a, err := analyzer.Analyze(o, analyzer.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		// Vests: 2027-01-01 15,000; 2028-01-01 45,000; 2028-07-01 60,000;
		// 2029-01-01 60,000; 2029-07-01 60,000; 2030-01-01 60,000.
		// Sign-on 80,000 on 2026-01-01 and 60,000 on 2027-01-01.
		years := make([]decimal.Decimal, len(a.Calendar))
		for i, c := range a.Calendar {
			years[i] = decimal.NewFromInt(int64(c.Year))
		}
		equalAll(t, "calendar years", years, "2026", "2027", "2028", "2029", "2030")
		equalAll(t, "calendar totals", column(a.Calendar, func(y analyzer.YearTotals) decimal.Decimal { return y.Total }),
			"255000", "250000", "280000", "295000", "60000")
		equalAll(t, "calendar rsu", column(a.Calendar, func(y analyzer.YearTotals) decimal.Decimal { return y.RSU }),
			"0", "15000", "105000", "120000", "60000")
	})
	t.Run("mid-year start splits base by day", func(t *testing.T) {
		// 365,000 base = 1,000 a day in a 365-day year: 2026-07-01 to
		// 2027-01-01 is 184 days.
		o := &analyzer.Offer{ID: "m", Base: d("365000"), RSUValue: nd("0"), BonusPct: d("0.1"),
			Schedule: analyzer.MustSchedule("amazon"), StartDate: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
		a, err := analyzer.Analyze(o, analyzer.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if first := a.Calendar[0]; first.Year != 2026 || !first.Base.Equal(d("184000")) || !first.Bonus.Equal(d("18400")) {
			t.Errorf("2026: base %s bonus %s, want 184000 and 18400", first.Base, first.Bonus)
		}
		sum := decimal.Zero
		for _, c := range a.Calendar {
			sum = sum.Add(c.Total)
		}
		if !sum.Equal(a.Total) {
			t.Errorf("calendar years add to %s, offer years to %s", sum, a.Total)
		}
		if last := a.Calendar[len(a.Calendar)-1]; last.Year != 2030 {
			t.Errorf("last calendar year %d, want 2030", last.Year)
		}
	})
	t.Run("no start date, no calendar", func(t *testing.T) {
		a, _ := analyzer.Analyze(workedOffer(), analyzer.DefaultOptions())
		if len(a.Calendar) != 0 {
			t.Errorf("calendar without a start date: %v", a.Calendar)
		}
	})
}

func TestAnalyzeFlags(t *testing.T) {
	tests := []struct {
		name  string
		offer func() *analyzer.Offer
		want  string
	}{
		{"worked check has none", workedOffer, ""},
		{
			// Y1 150+100+5 = 255k; Y2 150+50+15 = 215k (−15.7%); Y3 190k < Y1.
			name: "sign-on heavy offer falls off a cliff",
			offer: func() *analyzer.Offer {
				return &analyzer.Offer{ID: "c", Base: d("150000"), RSUValue: nd("100000"), SignOnY1: d("100000"),
					SignOnY2: d("50000"), Schedule: analyzer.MustSchedule("amazon")}
			},
			want: "CLIFF_Y3;YOY_DROP",
		},
		{
			// 500 × 190 = 95,000 is 5% off 100,000.
			name: "rsu value and shares disagree",
			offer: func() *analyzer.Offer {
				o := workedOffer()
				o.RSUValue, o.RSUShares, o.StockPrice = nd("300000"), nd("1500"), nd("190")
				return o
			},
			want: "RSU_VALUE_MISMATCH",
		},
		{
			// 1,500 × 199.50 = 299,250 is within 1% of 300,000.
			name: "rsu value and shares within one percent",
			offer: func() *analyzer.Offer {
				o := workedOffer()
				o.RSUValue, o.RSUShares, o.StockPrice = nd("300000"), nd("1500"), nd("199.50")
				return o
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := analyzer.Analyze(tc.offer(), analyzer.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if got := analyzer.FlagCodes(a.Flags); got != tc.want {
				t.Errorf("flags = %q, want %q", got, tc.want)
			}
			for _, f := range a.Flags {
				if f.Message == "" || f.Severity == "" {
					t.Errorf("flag %s lacks a message or severity", f.Code)
				}
			}
			if tc.want == "RSU_VALUE_MISMATCH" && !a.Grant.Equal(d("300000")) {
				t.Errorf("grant = %s, want rsu_value 300000", a.Grant)
			}
		})
	}
}

func TestAnalyzeRejects(t *testing.T) {
	tests := []struct {
		name   string
		change func(*analyzer.Offer)
		column string
		err    error
	}{
		{"zero base", func(o *analyzer.Offer) { o.Base = decimal.Zero }, "base", analyzer.ErrNotPositive},
		{"negative sign-on", func(o *analyzer.Offer) { o.SignOnY2 = d("-1") }, "sign_on_y2", analyzer.ErrNegative},
		{"no grant", func(o *analyzer.Offer) { o.RSUValue = decimal.NullDecimal{} }, "rsu_value", analyzer.ErrNoGrant},
		{"shares without a price", func(o *analyzer.Offer) {
			o.RSUValue, o.RSUShares = decimal.NullDecimal{}, nd("100")
		}, "stock_price", analyzer.ErrNoStockPrice},
		{"no schedule", func(o *analyzer.Offer) { o.Schedule = analyzer.Schedule{} }, "vesting", analyzer.ErrUnknownSchedule},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := workedOffer()
			tc.change(o)
			_, err := analyzer.Analyze(o, analyzer.DefaultOptions())
			var fe *analyzer.FieldError
			if !errors.As(err, &fe) || !errors.Is(err, tc.err) || fe.Column != tc.column || fe.OfferID != "worked" {
				t.Errorf("err = %v, want a FieldError on %q wrapping %v", err, tc.column, tc.err)
			}
		})
	}
	if _, err := analyzer.Analyze(workedOffer(), analyzer.Options{Years: 0}); !errors.Is(err, analyzer.ErrBadYears) {
		t.Errorf("years 0: err = %v", err)
	}
}
