package exporters_test

import (
	"strings"
	"testing"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/shopspring/decimal"
)

// fixedTime stands in for SOURCE_DATE_EPOCH=1700000000.
var fixedTime = time.Unix(1700000000, 0).UTC()

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func nd(s string) decimal.NullDecimal { return decimal.NewNullDecimal(dec(s)) }

// workedOffer is the guide's worked offer (see "The worked check" in
// docs/METHOD.md): Y1 270,000 … total 1,140,000.
func workedOffer() *analyzer.Offer {
	return &analyzer.Offer{ID: "O-001", Candidate: "Alice", Company: "Amazon", CompanyType: "FAANG",
		Track: "SDE", Level: "L6", Location: "Seattle",
		Base: dec("175000"), SignOnY1: dec("80000"), SignOnY2: dec("60000"),
		RSUValue: nd("300000"), Schedule: analyzer.MustSchedule("amazon"),
		Defaulted: []string{"vesting"},
		Source:    analyzer.Source{File: "offers.csv", Row: 2}}
}

// richOffer has shares × price, a bonus, a refresher, relocation, a start
// date, other inputs and hostile text.
func richOffer() *analyzer.Offer {
	return &analyzer.Offer{ID: "O-002", Candidate: "=HYPERLINK(\"http://evil\",\"x\")", Company: "Google",
		Track: "SDE", Level: "L5", Location: "Bay Area", Specialization: "Generative AI/LLMs",
		Base: dec("190000.55"), SignOnY1: dec("25000"),
		RSUShares: nd("1234"), StockPrice: nd("171.37"), Schedule: analyzer.MustSchedule("google"),
		BonusPct: dec("0.15"), Refresher: dec("50000"), Relocation: dec("15000"),
		StartDate:        time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC),
		CurrentTC:        nd("210000"),
		Notes:            "+1 recruiter said @Friday; -flexible",
		Other:            []analyzer.Field{{Name: "Recruiter", Value: "Bob"}, {Name: "Formula", Value: "=1+1"}},
		Source:           analyzer.Source{File: "offers.xlsx", Sheet: "Offers", Row: 5},
		CompetingCompany: "Meta", CompetingTC: nd("400000")}
}

// cliffOffer is a long name with forbidden sheet-name characters, an
// explicit schedule and a CLIFF_Y3 flag.
func cliffOffer() *analyzer.Offer {
	return &analyzer.Offer{ID: "O-003", Candidate: "Carol [contractor]: a/b?*", Company: "Very Long Company Name Incorporated",
		Track: "EM", Level: "L7", Location: "New York",
		Base: dec("250000"), SignOnY1: dec("150000"), SignOnY2: dec("100000"),
		RSUValue: nd("400000"), Schedule: analyzer.MustSchedule("10/20/30/40")}
}

func analyze(t testing.TB, opts analyzer.Options, offers ...*analyzer.Offer) []analyzer.Analysis {
	t.Helper()
	out := make([]analyzer.Analysis, len(offers))
	for i, o := range offers {
		a, err := analyzer.Analyze(o, opts)
		if err != nil {
			t.Fatalf("analyze %s: %v", o.ID, err)
		}
		out[i] = a
	}
	return out
}

// newRun wraps analyses of the offers under opts in a Run with a fixed time.
func newRun(t testing.TB, opts analyzer.Options, offers ...*analyzer.Offer) *exporters.Run {
	t.Helper()
	return &exporters.Run{
		Inputs:      []string{"offers.csv", "offers.xlsx"},
		Options:     opts,
		Analyses:    analyze(t, opts, offers...),
		OfferSheets: 500,
		Generated:   fixedTime,
		Version:     "test",
	}
}

// sampleRun is the golden run: the worked check, a rich offer, a cliff
// offer, default options plus three scenarios, and one rejected row.
func sampleRun(t testing.TB) *exporters.Run {
	opts := analyzer.DefaultOptions()
	opts.Scenarios = []decimal.Decimal{dec("-0.20"), dec("0"), dec("0.15")}
	run := newRun(t, opts, workedOffer(), richOffer(), cliffOffer())
	run.Rejected = []analyzer.Rejection{{File: "offers.csv", Row: 7, Column: "base", Value: "=12,5k",
		Reason: `invalid amount "=12,5k"`}}
	return run
}

// growthRun has stock growth, raises and scenarios, so every formula of the
// year table does real work.
func growthRun(t testing.TB) *exporters.Run {
	opts := analyzer.DefaultOptions()
	opts.StockGrowth = dec("0.10")
	opts.Raise = dec("0.035")
	opts.Years = 5
	opts.Scenarios = []decimal.Decimal{dec("-0.2"), dec("0.15")}
	return newRun(t, opts, workedOffer(), richOffer(), cliffOffer())
}

// band builds one band row from a "company_type|company|track|level|location" key.
func band(key, component, min, max string) analyzer.Band {
	f := strings.Split(key, "|")
	return analyzer.Band{Key: analyzer.BandKey{CompanyType: f[0], Company: f[1], Track: f[2], Level: f[3], Location: f[4]},
		Component: analyzer.Component(component), Min: dec(min), Max: dec(max), Source: "test-bands.csv"}
}

// seattleEM is the L6 EM Seattle band set of the Amazon L6/L7 Compensation &
// Negotiation Guide (as in analyzer's tests), the FAANG L6 EM company-type
// rows, and an L7 row nobody uses.
func seattleEM(t testing.TB) *analyzer.BandTable {
	t.Helper()
	tbl, err := analyzer.NewBandTable([]analyzer.Band{
		band("FAANG|Amazon|EM|L6|Seattle", "base", "170000", "190000"),
		band("FAANG|Amazon|EM|L6|Seattle", "rsu_4yr", "250000", "400000"),
		band("FAANG|Amazon|EM|L6|Seattle", "sign_on_y1", "75000", "125000"),
		band("FAANG|Amazon|EM|L6|Seattle", "sign_on_y2", "50000", "100000"),
		band("FAANG|Amazon|EM|L6|Seattle", "total_y1", "280000", "350000"),
		band("FAANG|Amazon|EM|L6|Seattle", "base_equity_avg", "225000", "290000"),
		band("FAANG||EM|L6|", "base", "170000", "200000"),
		band("FAANG||EM|L6|", "rsu_4yr", "250000", "450000"),
		band("FAANG||EM|L6|", "total_comp", "280000", "380000"),
		band("FAANG||EM|L7|", "total_comp", "400000", "550000"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

// bandOptions are the default options with the Seattle EM bands, one AI/ML
// premium and a source line.
func bandOptions(t testing.TB) analyzer.Options {
	opts := analyzer.DefaultOptions()
	opts.Bands = seattleEM(t)
	opts.BandSource = "test-bands.csv (the guide's L6 EM Seattle)"
	opts.Premiums = []analyzer.Premium{{Kind: analyzer.PremiumSpecialization, Level: "L6",
		Category: "Generative AI/LLMs", MinPct: dec("30"), MaxPct: dec("50"), Source: "test-premiums.csv"}}
	return opts
}

// emOffer is an Amazon L6 EM offer in Seattle on the amazon schedule.
func emOffer(id, candidate, base, rsu, s1, s2 string) *analyzer.Offer {
	return &analyzer.Offer{ID: id, Candidate: candidate, Company: "Amazon", Track: "EM", Level: "L6", Location: "Seattle",
		Base: dec(base), RSUValue: nd(rsu), SignOnY1: dec(s1), SignOnY2: dec(s2), Schedule: analyzer.MustSchedule("amazon")}
}

// marketRun has the guide's offer, the lower offer (both Priya's), an offer
// at base 180,000 with a specialization, and an offer with no band (Bob),
// under the Seattle EM bands, with peers assigned in groups of two or more.
func marketRun(t testing.TB) *exporters.Run {
	opts := bandOptions(t)
	opts.MinPeers = 2
	mid := emOffer("M-3", "Priya", "180000", "300000", "0", "0")
	mid.Specialization = "Generative AI/LLMs"
	noBand := emOffer("M-4", "Bob", "150000", "100000", "0", "0")
	noBand.Company, noBand.CompanyType, noBand.Level = "Tiny Co", "Startup", "L5"
	noBand.Risk = analyzer.RiskScores{TeamStability: nd("8"), ManagerQuality: nd("7"), GrowthPotential: nd("9"),
		WorkLifeBalance: nd("6"), TechStackInterest: nd("8"), LocationFlexibility: nd("5")}
	noBand.Floor = nd("300000")
	seed := emOffer("M-1", "Priya", "175000", "300000", "80000", "60000")
	seed.CompetingCompany, seed.CompetingTC = "Google", nd("290000")
	run := newRun(t, opts, seed, emOffer("M-2", "Priya", "170000", "250000", "75000", "50000"), mid, noBand)
	run.BandSource = opts.BandSource
	analyzer.AssignPeers(run.Analyses, opts.MinPeers)
	return run
}
