package analyzer_test

import (
	"errors"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
)

// taxOptions are the default options with the built-in tax tables.
func taxOptions(t *testing.T, years int) analyzer.Options {
	t.Helper()
	tax, err := importers.DefaultTax()
	if err != nil {
		t.Fatal(err)
	}
	opts := analyzer.DefaultOptions()
	opts.Years = years
	opts.Tax = tax
	opts.Levers = false
	return opts
}

// wagesOffer is an offer whose only pay is its base, so each year's wages
// are the base.
func wagesOffer(w, location string, res analyzer.Residence, fs analyzer.FilingStatus) *analyzer.Offer {
	return &analyzer.Offer{ID: "t", Location: location, Base: decimal.RequireFromString(w),
		RSUValue: decimal.NewNullDecimal(decimal.Zero), Schedule: analyzer.MustSchedule("even"),
		TaxResidence: res, FilingStatus: fs}
}

// want is one year's expected taxes, as written in the comments (exact
// decimals, compared to the cent as the workbook shows them).
type want struct {
	federal, fica, state, city, payroll, takeHome string
	itemized                                      bool
}

func checkYear(t *testing.T, got analyzer.YearTax, w want) {
	t.Helper()
	for _, c := range []struct {
		name string
		got  decimal.Decimal
		want string
	}{{"federal", got.Federal, w.federal}, {"FICA", got.FICA, w.fica}, {"state", got.State, w.state},
		{"city", got.City, w.city}, {"state payroll", got.StatePayroll, w.payroll}, {"take-home", got.TakeHome, w.takeHome}} {
		if g := c.got.RoundBank(2); !g.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("year %d %s = %s, want %s", got.Year, c.name, g.StringFixed(2), c.want)
		}
	}
	if got.Itemized != w.itemized {
		t.Errorf("year %d itemized = %v, want %v", got.Year, got.Itemized, w.itemized)
	}
}

// TestAfterTaxWorkedChecks are TAX-NOTES' worked checks (single, $300,000)
// and hand-computed cases of each rule. Bracket arithmetic is written out
// in the comments; T(x) is the tax on x by the schedule named.
func TestAfterTaxWorkedChecks(t *testing.T) {
	cases := []struct {
		name     string
		w        string
		location string
		res      analyzer.Residence
		fs       analyzer.FilingStatus
		want     want
	}{
		// Federal on 300,000 − 16,100 = 283,900: 1,240 + 4,560 + 12,166 +
		// 23,058 + 17,424 + 0.35 × 27,675 = 68,134.25. FICA: 11,439 + 4,350 +
		// 0.009 × 100,000 = 16,689. WA: PFML 0.00807159 × 184,500 =
		// 1,489.208355, WA Cares 0.0058 × 300,000 = 1,740.
		{"WA single 300k (TAX-NOTES)", "300000", "Seattle", "", "",
			want{"68134.25", "16689.00", "0.00", "0.00", "3229.21", "211947.54", false}},
		// CA: taxable 294,294: 110.79 + 303.70 + 607.52 + 965.40 + 1,214.56
		// + 0.093 × 221,570 = 23,807.98; credit 153 − 6 × ⌈47,797 / 2,500⌉
		// = 153 − 120 = 33 → 23,774.98. SDI 3,900. Federal: itemized
		// 23,774.98 > 16,100, taxable 276,225.02 → 58,448 + 0.35 ×
		// 20,000.02 = 65,448.007.
		{"CA single 300k (TAX-NOTES)", "300000", "Bay Area", "", "",
			want{"65448.01", "16689.00", "23774.98", "0.00", "3900.00", "190188.01", true}},
		// NY: taxable 292,000 in the 6.85% bracket, W − 215,400 ≥ 50,000:
		// fully recaptured, 0.0685 × 292,000 = 20,002. NYC: 369.36 + 489.06
		// + 954.75 + 0.03876 × 242,000 = 11,193.09, school credit 21 +
		// 0.00228 × 280,000 = 659.40 → 659, no fixed part → 10,534.09.
		// Payroll: PFL 411.91 (cap) + DBL 31.20 (cap). Federal: itemized
		// 30,536.09, taxable 269,463.91 → 58,448 + 0.35 × 13,238.91 =
		// 63,081.6185.
		{"NYC single 300k (TAX-NOTES)", "300000", "New York", "", "",
			want{"63081.62", "16689.00", "20002.00", "10534.09", "443.11", "189250.18", true}},
		{"TX single 300k (TAX-NOTES)", "300000", "Austin", "", "",
			want{"68134.25", "16689.00", "0.00", "0.00", "0.00", "215176.75", false}},
		// mfj, CA, 400,000. FICA 11,439 + 5,800 + 0.009 × 150,000 = 18,589.
		// CA mfj taxable 388,588: 221.58 + 607.40 + 1,215.04 + 1,930.80 +
		// 2,429.12 + 0.093 × 243,140 = 29,015.96; W ≤ 504,411: full credit
		// 306 → 28,709.96. SDI 5,200. Itemized 28,709.96 < 32,200: standard;
		// federal mfj on 367,800: 2,480 + 9,120 + 24,332 + 0.24 × 156,400 =
		// 73,468. Take-home 400,000 − 18,589 − 28,709.96 − 5,200 − 73,468.
		{"CA mfj 400k", "400000", "Bay Area", "", analyzer.FilingMFJ,
			want{"73468.00", "18589.00", "28709.96", "0.00", "5200.00", "274033.04", false}},
		// NY (outside NYC) single 130,000, inside the first phase-in band:
		// taxable 122,000 (k = j0, the 5.9% bracket). Regular: T(80,650) =
		// 331.50 + 140.80 + 113.30 + 3,604.50 = 4,190.10, + 0.059 × 41,350 =
		// 6,629.75. R_j0 = 0.059 × 80,650 − 4,190.10 = 568.25; phase-in
		// (130,000 − 107,650) / 50,000 = 0.447 → 254.00775. NY 6,883.75775.
		// FICA 8,060 + 1,885 = 9,945. Payroll 411.91 + 31.20. Federal: std
		// 16,100, taxable 113,900: 1,240 + 4,560 + 12,166 + 0.24 × 8,200 =
		// 19,934. Take-home 130,000 − 9,945 − 6,883.75775 − 443.11 − 19,934.
		{"NY single 130k, recapture phasing in (k = j0)", "130000", "Remote", analyzer.ResidenceNY, "",
			want{"19934.00", "9945.00", "6883.76", "0.00", "443.11", "92794.13", false}},
		// NYC mfj 200,000, inside the second band (k > j0): taxable 183,950
		// in the 5.9% bracket (L_k 161,550). T(161,550) = 668.85 + 283.80 +
		// 221.45 + 7,217.10 = 8,391.20, + 0.059 × 22,400 = 9,712.80. R_(k−1)
		// = 0.054 × 27,900 − 1,174.10 = 332.50; R_k = 0.059 × 161,550 −
		// 8,391.20 = 1,140.25; phase-in (200,000 − 161,550) / 50,000 = 0.769
		// → 332.50 + 807.75 × 0.769 = 953.65975. NY 10,666.45975.
		// NYC mfj: 664.848 + 880.308 + 1,718.55 + 0.03876 × 93,950 =
		// 6,905.208; school credit 0.00171 × 21,600 = 36.936 + 0.00228 ×
		// 162,350 = 370.158, + fixed 125 (W ≤ 250,000) = 532.094 → 532 →
		// 6,373.208. FICA 11,439 + 2,900 = 14,339. Federal: SALT 17,039.67
		// < 32,200, mfj on 167,800: 2,480 + 9,120 + 0.22 × 67,000 = 26,340.
		{"NYC mfj 200k, recapture phasing in (k > j0), school credit", "200000", "New York", "", analyzer.FilingMFJ,
			want{"26340.00", "14339.00", "10666.46", "6373.21", "443.11", "141838.22", false}},
		// CA single 270,000: exemption credit partly phased out. Taxable
		// 264,294: T(72,724) = 3,201.97, + 0.093 × 191,570 = 17,816.01 →
		// 21,017.98; ⌈17,797 / 2,500⌉ = ⌈7.1188⌉ = 8 steps → 153 − 48 = 105
		// → 20,912.98. FICA 11,439 + 3,915 + 0.009 × 70,000 = 15,984. SDI
		// 3,510. Federal: itemized 20,912.98, taxable 249,087.02 → 41,024 +
		// 0.32 × 47,312.02 = 56,163.8464.
		{"CA single 270k, exemption credit partly phased out", "270000", "Bay Area", "", "",
			want{"56163.85", "15984.00", "20912.98", "0.00", "3510.00", "173429.17", true}},
		// CA single 1,200,000: taxable 1,194,294: T(742,953) = 72,219.827,
		// + 0.123 × 451,341 = 55,514.943 → 127,734.77; BHST 0.01 × 194,294 =
		// 1,942.94; credit gone (380 steps) → 129,677.71. SALT cap 40,400 −
		// 0.3 × 695,000 < 10,000 → 10,000 < 16,100: standard. Federal on
		// 1,183,900: 192,979.25 + 0.37 × 543,300 = 394,000.25. FICA 11,439 +
		// 17,400 + 9,000 = 37,839. SDI 15,600.
		{"CA single 1.2M, BHST and SALT cap floor", "1200000", "Bay Area", "", "",
			want{"394000.25", "37839.00", "129677.71", "0.00", "15600.00", "622883.04", false}},
		// NYC single 560,000: the SALT cap phases down and the school credit
		// is gone. FICA 11,439 + 8,120 + 0.009 × 360,000 = 22,799. NY
		// taxable 552,000, fully recaptured: 0.0685 × 552,000 = 37,812. NYC:
		// 369.36 + 489.06 + 954.75 + 0.03876 × 502,000 = 21,270.69, no
		// credit (taxable > 500,000, W > 250,000). SALT 59,082.69 capped at
		// 40,400 − 0.3 × 55,000 = 23,900 (itemized). Federal on 536,100:
		// 58,448 + 0.35 × 279,875 = 156,404.25.
		{"NYC single 560k, SALT cap phasing down, no school credit", "560000", "New York", "", "",
			want{"156404.25", "22799.00", "37812.00", "21270.69", "443.11", "321270.95", true}},
		// NY single 100,000: below the supplemental threshold. Taxable
		// 92,000: 4,190.10 + 0.059 × 11,350 = 4,859.75. FICA 7,650. Federal
		// on 83,900: 1,240 + 4,560 + 0.22 × 33,500 = 13,170.
		{"NY single 100k, below the supplemental threshold", "100000", "Remote", analyzer.ResidenceNY, "",
			want{"13170.00", "7650.00", "4859.75", "0.00", "443.11", "73877.14", false}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := analyzer.Analyze(wagesOffer(tc.w, tc.location, tc.res, tc.fs), taxOptions(t, 1))
			if err != nil {
				t.Fatal(err)
			}
			if !a.AfterTax.Known() {
				t.Fatalf("no after-tax figures: %+v", a.AfterTax)
			}
			checkYear(t, a.AfterTax.Years[0], tc.want)
		})
	}
}

// TestAfterTaxWageBaseAcrossYears: an offer above the Social Security wage
// base in year 1 (sign-on) and below it in year 2, Texas, single.
func TestAfterTaxWageBaseAcrossYears(t *testing.T) {
	o := wagesOffer("150000", "Austin", "", "")
	o.SignOnY1 = decimal.NewFromInt(100000)
	a, err := analyzer.Analyze(o, taxOptions(t, 2))
	if err != nil {
		t.Fatal(err)
	}
	// Y1 250,000: FICA 11,439 (capped) + 3,625 + 0.009 × 50,000 = 15,514;
	// federal on 233,900: 41,024 + 0.32 × 32,125 = 51,304.
	checkYear(t, a.AfterTax.Years[0], want{"51304.00", "15514.00", "0.00", "0.00", "0.00", "183182.00", false})
	// Y2 150,000: FICA 0.062 × 150,000 = 9,300 + 2,175 = 11,475; federal on
	// 133,900: 17,966 + 0.24 × 28,200 = 24,734.
	checkYear(t, a.AfterTax.Years[1], want{"24734.00", "11475.00", "0.00", "0.00", "0.00", "113791.00", false})
	if !a.AfterTax.Total.Equal(decimal.NewFromInt(183182 + 113791)) {
		t.Errorf("total = %s, want 296973", a.AfterTax.Total)
	}
	if !a.AfterTax.Average.Equal(decimal.RequireFromString("148486.5")) {
		t.Errorf("average = %s, want 148486.5", a.AfterTax.Average)
	}
}

// TestAfterTaxResidence: the residence comes from tax_residence, else the
// location; Remote without one has no figures (never zeros) and a note;
// the run's filing status applies when the offer gives none.
func TestAfterTaxResidence(t *testing.T) {
	opts := taxOptions(t, 1)
	for _, tc := range []struct {
		location string
		res      analyzer.Residence
		want     analyzer.Residence
		fromLoc  bool
	}{
		{"Seattle", "", analyzer.ResidenceWA, true},
		{"Bay Area", "", analyzer.ResidenceCA, true},
		{"New York", "", analyzer.ResidenceNYC, true},
		{"Austin", "", analyzer.ResidenceTX, true},
		{"Seattle", analyzer.ResidenceTX, analyzer.ResidenceTX, false},
		{"Remote", analyzer.ResidenceNY, analyzer.ResidenceNY, false},
	} {
		a, err := analyzer.Analyze(wagesOffer("200000", tc.location, tc.res, ""), opts)
		if err != nil {
			t.Fatal(err)
		}
		if a.AfterTax.Residence != tc.want || a.AfterTax.FromLocation != tc.fromLoc || !a.AfterTax.Known() {
			t.Errorf("%s/%q: residence %q from location %v, want %q %v", tc.location, tc.res, a.AfterTax.Residence, a.AfterTax.FromLocation, tc.want, tc.fromLoc)
		}
	}
	a, err := analyzer.Analyze(wagesOffer("200000", "Remote", "", ""), opts)
	if err != nil {
		t.Fatal(err)
	}
	if a.AfterTax.Known() || a.AfterTax.Note == "" || !a.AfterTax.Total.IsZero() {
		t.Errorf("Remote: %+v, want no figures and a note", a.AfterTax)
	}
	opts.FilingStatus = analyzer.FilingMFJ
	if a, _ = analyzer.Analyze(wagesOffer("200000", "Austin", "", ""), opts); a.AfterTax.Filing != analyzer.FilingMFJ {
		t.Errorf("filing = %q, want the run's mfj", a.AfterTax.Filing)
	}
	if a, _ = analyzer.Analyze(wagesOffer("200000", "Austin", "", analyzer.FilingSingle), opts); a.AfterTax.Filing != analyzer.FilingSingle {
		t.Errorf("filing = %q, want the offer's single", a.AfterTax.Filing)
	}
	if a, _ = analyzer.Analyze(wagesOffer("200000", "Austin", "", ""), analyzer.DefaultOptions()); a.AfterTax != nil {
		t.Errorf("without tax tables: %+v, want nil", a.AfterTax)
	}
}

func TestParseResidenceAndFilingStatus(t *testing.T) {
	for in, want := range map[string]analyzer.Residence{"wa": "WA", "California": "CA", "NY": "NY", "New York City": "NYC", " tx ": "TX"} {
		if got, err := analyzer.ParseResidence(in); err != nil || got != want {
			t.Errorf("ParseResidence(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := analyzer.ParseResidence("Oregon"); !errors.Is(err, analyzer.ErrUnknownResidence) {
		t.Errorf("Oregon: %v", err)
	}
	for in, want := range map[string]analyzer.FilingStatus{"single": "single", "MFJ": "mfj", "Married filing jointly": "mfj"} {
		if got, err := analyzer.ParseFilingStatus(in); err != nil || got != want {
			t.Errorf("ParseFilingStatus(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := analyzer.ParseFilingStatus("hoh"); !errors.Is(err, analyzer.ErrUnknownFilingStatus) {
		t.Errorf("hoh: %v", err)
	}
	o := wagesOffer("100000", "Seattle", "OR", "")
	if _, err := analyzer.Analyze(o, analyzer.DefaultOptions()); !errors.Is(err, analyzer.ErrUnknownResidence) {
		t.Errorf("offer with residence OR: %v", err)
	}
}

// TestAfterTaxBriefKeepsTakeHome: a brief analysis keeps each year's wages
// and take-home, equal to the full analysis's, and the same totals.
func TestAfterTaxBriefKeepsTakeHome(t *testing.T) {
	engine, err := analyzer.NewEngine(taxOptions(t, 4))
	if err != nil {
		t.Fatal(err)
	}
	o := wagesOffer("250000", "New York", "", "")
	o.SignOnY1 = decimal.NewFromInt(100000)
	full, err := engine.Analyze(o)
	if err != nil {
		t.Fatal(err)
	}
	brief, err := engine.AnalyzeBrief(o)
	if err != nil {
		t.Fatal(err)
	}
	for i, y := range full.AfterTax.Years {
		b := brief.AfterTax.Years[i]
		if !b.TakeHome.Equal(y.TakeHome) || !b.Wages.Equal(y.Wages) || b.Year != y.Year {
			t.Errorf("year %d: brief %v / %v, full %v / %v", y.Year, b.Wages, b.TakeHome, y.Wages, y.TakeHome)
		}
	}
	if !brief.AfterTax.Total.Equal(full.AfterTax.Total) || !brief.AfterTax.Average.Equal(full.AfterTax.Average) ||
		brief.AfterTax.Residence != full.AfterTax.Residence || brief.AfterTax.Filing != full.AfterTax.Filing {
		t.Errorf("brief %+v, full %+v", brief.AfterTax, full.AfterTax)
	}
}
