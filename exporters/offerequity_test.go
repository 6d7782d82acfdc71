package exporters_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
	"github.com/xuri/excelize/v2"
)

// seriesCOffer is the Series C options offer with a 50%-of-6% 401(k) match
// and a 15% ESPP on $21,250 a year.
func seriesCOffer() *analyzer.Offer {
	return &analyzer.Offer{ID: "S-C", Candidate: "Dana", Company: "Series C AI", CompanyType: "AI-First Startup",
		Track: "EM", Level: "L6", Location: "Seattle", Base: dec("200000"), Schedule: analyzer.MustSchedule("startup"),
		Equity: &analyzer.PrivateEquity{Type: analyzer.EquityOptions, OptionShares: nd("40000"), StrikePrice: nd("4.10"),
			PreferredPrice: nd("18.50"), FMV409A: nd("6.20"), FullyDilutedShares: nd("200000000")},
		Rewards: &analyzer.RewardsInputs{K401MatchPct: dec("0.5"), K401MatchLimitPct: dec("0.06"),
			ESPPDiscountPct: dec("0.15"), ESPPContribution: dec("21250")},
		Source: analyzer.Source{File: "offers.csv", Row: 3}}
}

// TestResultsStartupColumns: the Series C offer's results, worked by hand.
// Over four years: 409A value (6.20 − 4.10) × 40,000 = 84,000; preferred
// 18.50 × 40,000 = 740,000; ownership 40,000 / 200,000,000 = 0.02%;
// exercise cost 40,000 × 4.10 = 164,000. The base alone is 4 × 200,000 =
// 800,000 (the offer at 0×); at 1× the options add (18.50 − 4.10) × 40,000
// = 576,000: 1,376,000. Each year's total comp is 200,000 + 185,000 =
// 385,000, and total rewards add 6,000 + 3,750: 394,750.
func TestResultsStartupColumns(t *testing.T) {
	opts := analyzer.DefaultOptions()
	opts.Retirement = &analyzer.RetirementLimits{ElectiveDeferral: nd("24500"), CompensationLimit: nd("360000"), ESPPMarketValue: nd("25000")}
	run := newRun(t, opts, seriesCOffer(), workedOffer())
	var buf bytes.Buffer
	if err := exporters.WriteResultsCSV(&buf, run); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	want := map[string][2]string{ // Series C, then the public offer (blank)
		"equity_type":                  {"options", ""},
		"private_equity_value":         {"preferred", ""},
		"equity_value_409a_total":      {"84000.00", ""},
		"equity_value_preferred_total": {"740000.00", ""},
		"ownership_pct":                {"0.020000", ""},
		"exercise_cost":                {"164000.00", ""},
		"total_at_exit_0x":             {"800000.00", ""},
		"total_at_exit_1x":             {"1376000.00", ""},
		"y1_total":                     {"385000.00", "270000.00"},
		"y1_rsu":                       {"185000.00", "15000.00"},
		"y1_total_rewards":             {"394750.00", ""},
		"y4_total_rewards":             {"394750.00", ""},
		"total_rewards_average":        {"394750.00", ""},
		"rsu_grant":                    {"740000.00", "300000.00"},
	}
	for name, w := range want {
		i, ok := col[name]
		if !ok {
			t.Errorf("no column %q", name)
			continue
		}
		for r := 0; r < 2; r++ {
			if got := recs[r+1][i]; got != w[r] {
				t.Errorf("row %d %s = %q, want %q", r+1, name, got, w[r])
			}
		}
	}
}

// startupRun is the Series C offer beside the worked Amazon offer, for one
// candidate, with the built-in tax tables and 2026 limits.
func startupRun(t *testing.T) *exporters.Run {
	t.Helper()
	opts := taxOptions(t)
	var err error
	if opts.Retirement, err = importers.DefaultRetirementLimits(); err != nil {
		t.Fatal(err)
	}
	o := seriesCOffer()
	o.Candidate = "Alice"
	return newRun(t, opts, workedOffer(), o)
}

func TestStartupWorkbookGolden(t *testing.T) {
	checkGolden(t, startupRun(t), "startup.golden")
}

// TestStartupOfferSheet: the Series C sheet says which value counts and
// what the offer is worth at 0× (800,000) and 1× (1,376,000), shows the
// exercise cost (164,000) and ownership (0.02%), and its after-tax wages
// leave the unexercised options out: each year's wages are the base,
// 200,000, though the year's total is 385,000.
func TestStartupOfferSheet(t *testing.T) {
	f, _ := writeBook(t, startupRun(t))
	sheets := f.GetSheetList()
	sheet := sheets[len(sheets)-1]
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, r := range rows {
		all.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, want := range []string{"$800,000 if the equity is worth nothing", "$1,376,000 at an exit",
		"Cost to exercise|164000", "Ownership|0.02%", "AMT", "Total rewards (beside total comp", "394750"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("sheet lacks %q:\n%s", want, all.String())
		}
	}
	wagesRow := 0
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Offer year" && len(r) > 1 && strings.HasPrefix(r[1], "Wages") {
			wagesRow = i + 2
		}
	}
	if wagesRow == 0 {
		t.Fatal("no after-tax table")
	}
	got, err := f.CalcCellValue(sheet, fmt.Sprintf("B%d", wagesRow), excelize.Options{RawCellValue: true})
	if err != nil || got != "200000" {
		t.Errorf("year 1 wages = %q (%v), want 200000", got, err)
	}
}

// TestTemplateStartupColumnsRoundTrip fills the template's example row with
// the Series C offer, as a person would (numbers as numbers, percentages
// as fractions in percent-formatted cells), and reads it back: every new
// column arrives, and the analysis gives 0.02% ownership and 164,000 to
// exercise.
func TestTemplateStartupColumnsRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := exporters.WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range exporters.TemplateColumns() {
		col[name] = i + 1
	}
	row := exporters.TemplateHeaderRow + 1
	set := func(name string, v any) {
		t.Helper()
		i, ok := col[name]
		if !ok {
			t.Fatalf("the template has no column %q", name)
		}
		ref, _ := excelize.CoordinatesToCellName(i, row)
		if err := f.SetCellValue(exporters.TemplateSheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	set("rsu_value", nil)
	set("vesting", "startup")
	set("equity_type", "options")
	set("option_shares", 40000)
	set("strike_price", 4.10)
	set("preferred_price", 18.50)
	set("fmv_409a", 6.20)
	set("fully_diluted_shares", 200000000)
	set("acceleration", "double")
	set("k401_match_pct", 0.5)
	set("k401_match_limit_pct", 0.06)
	set("espp_discount_pct", 0.15)
	set("espp_contribution", 21250)
	set("benefits_value", 1200)
	path := t.TempDir() + "/filled.xlsx"
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	var offers []*analyzer.Offer
	var rejected []*importers.RowError
	if _, err := importers.ReadFile(t.Context(), path, importers.Options{},
		func(o *analyzer.Offer) error { offers = append(offers, o); return nil },
		func(e *importers.RowError) { rejected = append(rejected, e) }); err != nil {
		t.Fatal(err)
	}
	if len(offers) != 1 || len(rejected) > 0 {
		t.Fatalf("offers %d, rejected %v", len(offers), rejected)
	}
	o := offers[0]
	pe, r := o.Equity, o.Rewards
	if pe == nil || r == nil {
		t.Fatal("no startup inputs read back")
	}
	for _, c := range []struct{ name, got, want string }{
		{"equity_type", string(pe.Type), "options"},
		{"option_shares", pe.OptionShares.Decimal.String(), "40000"},
		{"strike_price", pe.StrikePrice.Decimal.String(), "4.1"},
		{"preferred_price", pe.PreferredPrice.Decimal.String(), "18.5"},
		{"fmv_409a", pe.FMV409A.Decimal.String(), "6.2"},
		{"fully_diluted_shares", pe.FullyDilutedShares.Decimal.String(), "200000000"},
		{"acceleration", string(pe.Acceleration), "double"},
		{"k401_match_pct", r.K401MatchPct.String(), "0.5"},
		{"k401_match_limit_pct", r.K401MatchLimitPct.String(), "0.06"},
		{"espp_discount_pct", r.ESPPDiscountPct.String(), "0.15"},
		{"espp_contribution", r.ESPPContribution.String(), "21250"},
		{"benefits_value", r.BenefitsValue.String(), "1200"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	a, err := analyzer.Analyze(o, analyzer.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Equity.Ownership.Decimal.String(); got != "0.02" {
		t.Errorf("ownership = %s%%, want 0.02%%", got)
	}
	if got := a.Equity.ExerciseCost.Decimal.String(); got != "164000" {
		t.Errorf("exercise cost = %s, want 164000", got)
	}
}

// TestStartupRecordsRoundTrip: the startup figures survive the record
// store, in memory and spilled to disk, for a private offer with rewards
// and a public one without.
func TestStartupRecordsRoundTrip(t *testing.T) {
	run := startupRun(t)
	for _, budget := range []int64{-1, 1} {
		s := exporters.NewRecords(budget, t.TempDir())
		var want []analyzer.Record
		for i := range run.Analyses {
			r := analyzer.Reduce(&run.Analyses[i])
			r.Note = ""
			want = append(want, r)
			if err := s.Add(analyzer.Reduce(&run.Analyses[i])); err != nil {
				t.Fatal(err)
			}
		}
		for i := range want {
			var got analyzer.Record
			if err := s.At(i, &got); err != nil {
				t.Fatal(err)
			}
			got.Note = ""
			if !reflect.DeepEqual(got.StartupRecord, want[i].StartupRecord) {
				t.Errorf("budget %d, record %d: got %+v, want %+v", budget, i, got.StartupRecord, want[i].StartupRecord)
			}
		}
		if want[1].TotalAtOne != analyzer.FixedOf(dec("1376000"), 2) || want[0].TotalAtOne != analyzer.Blank {
			t.Errorf("totals at 1x: %d, %d", want[1].TotalAtOne, want[0].TotalAtOne)
		}
		_ = s.Close()
	}
}
