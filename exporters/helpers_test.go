package exporters_test

import (
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

// workedOffer is SPEC §3's worked check: Y1 270,000 … total 1,140,000.
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
