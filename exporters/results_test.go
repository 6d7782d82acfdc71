package exporters_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
)

const workedHeader = "id,candidate,company,track,level,location,base,sign_on_y1,sign_on_y2,rsu_grant,vesting," +
	"y1_base,y1_sign_on,y1_rsu,y1_refresh,y1_bonus,y1_total," +
	"y2_base,y2_sign_on,y2_rsu,y2_refresh,y2_bonus,y2_total," +
	"y3_base,y3_sign_on,y3_rsu,y3_refresh,y3_bonus,y3_total," +
	"y4_base,y4_sign_on,y4_rsu,y4_refresh,y4_bonus,y4_total," +
	"total,average,two_year_average,headline_percentile,base_percentile,rsu_percentile,compa_ratio," +
	"range_penetration,peer_percentile,flags," +
	"lever_rsu_delta_total,lever_sign_on_delta_total,lever_base_delta_total,lever_level_delta_total," +
	"lever_start_date_delta_total,lever_remote_delta_total,lever_perf_bonus_delta_total," +
	"counter_base,counter_rsu,counter_sign_on_y1,counter_sign_on_y2,counter_delta_total,counter_approval," +
	"counter_percentile,counter_status,band_match,band_level,band_confidence," +
	"tax_residence,filing_status,y1_after_tax,y2_after_tax,y3_after_tax,y4_after_tax,after_tax_total,after_tax_average," +
	"best_lever,email_kind,comparator_id,comparator_company,decision,rank,leave_after_y1,leave_after_y2,round,round_change_pct,total_change_pct," +
	"equity_type,private_equity_value,equity_value_409a_total,equity_value_preferred_total,ownership_pct,exercise_cost," +
	"total_at_exit_0x,total_at_exit_1x,y1_total_rewards,y2_total_rewards,y3_total_rewards,y4_total_rewards,total_rewards_average," +
	"scenario_totals,comparator_gap_total\n"

func TestResultsCSVWorkedCheck(t *testing.T) {
	run := newRun(t, analyzer.DefaultOptions(), workedOffer())
	var buf bytes.Buffer
	if err := exporters.WriteResultsCSV(&buf, run); err != nil {
		t.Fatal(err)
	}
	want := workedHeader +
		"O-001,Alice,Amazon,SDE,L6,Seattle,175000.00,80000.00,60000.00,300000.00,amazon," +
		"175000.00,80000.00,15000.00,0.00,0.00,270000.00," +
		"175000.00,60000.00,45000.00,0.00,0.00,280000.00," +
		"175000.00,0.00,120000.00,0.00,0.00,295000.00," +
		"175000.00,0.00,120000.00,0.00,0.00,295000.00," +
		"1140000.00,285000.00,275000.00,,,,,,,," +
		// No bands: no percentiles, but the levers that need no band are
		// priced: RSU +50% of 300,000; sign-on +200% of 140,000; base +15%
		// (26,250 a year, under the L6 cap of 220,000); remote at −5% of
		// 1,140,000; a guaranteed 15% bonus.
		"150000.00,280000.00,105000.00,,,-57000.00,26250.00," +
		// The counter is round one without a band: the low asks of the
		// first two levers, never base: RSU +20% = 360,000; sign-on +50% =
		// 120,000 / 90,000. Δ 60,000 + 70,000 = 130,000 (11.4%).
		"175000.00,360000.00,120000.00,90000.00,130000.00,hiring manager,,no market band,,,," +
		// No tax tables: no after-tax figures (blank, never zero).
		",,,,,,,," +
		// The best lever is the counter's first ask; the email is round
		// one's; a sole offer without a candidate has no comparator and no
		// decision; leaving after year 1 and 2: 270,000 and 550,000.
		"rsu,round1,,,,,270000.00,550000.00,1,,," +
		// Public RSUs and no rewards inputs: no startup or rewards figures.
		",,,,,,,,,,,,," +
		// No scenarios, no competing offer.
		",\n"
	if got := buf.String(); got != want {
		t.Errorf("results.csv =\n%s\nwant\n%s", got, want)
	}
	if got := strings.Join(exporters.ResultColumns(4), ",") + "\n"; got != workedHeader {
		t.Errorf("ResultColumns(4) = %s", got)
	}
}

// resultsByID writes results.csv and reads it back as id → column → value.
func resultsByID(t *testing.T, run *exporters.Run) map[string]map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := exporters.WriteResultsCSV(&buf, run); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, r := range recs[1:] {
		row := map[string]string{}
		for j, name := range recs[0] {
			row[name] = r[j]
		}
		out[r[0]] = row
	}
	return out
}

// TestResultsCSVMarketLeversCounter checks the worked checks under
// the L6 EM Seattle bands (base 170,000–190,000, rsu_4yr 250,000–400,000,
// sign-on 75,000–125,000 / 50,000–100,000, base_equity_avg 225,000–290,000).
func TestResultsCSVMarketLeversCounter(t *testing.T) {
	got := resultsByID(t, marketRun(t))
	tests := []struct{ id, column, want string }{
		// Base 180,000 is the middle of 170,000–190,000: P10 + 0.5 × 80 = P50.
		{"M-3", "base_percentile", "50.0"},
		// The guide's offer: RSU +50% = 450,000 capped at 400,000; base +15%
		// capped at 190,000 (+15,000 × 4); sign-on +200% capped at 125,000 /
		// 100,000.
		{"M-1", "lever_rsu_delta_total", "100000.00"},
		{"M-1", "lever_base_delta_total", "60000.00"},
		{"M-1", "lever_sign_on_delta_total", "85000.00"},
		// Annual total comp 285,000 in the composed band 263,750–346,250:
		// P10 + 21,250/82,500 × 80 = P30.6, compa-ratio 285,000 / 305,000 =
		// 0.93, penetration 25.8.
		{"M-1", "headline_percentile", "30.6"},
		{"M-1", "compa_ratio", "0.93"},
		{"M-1", "range_penetration", "25.8"},
		{"M-1", "base_percentile", "30.0"},
		{"M-1", "rsu_percentile", "36.7"},
		{"M-1", "band_match", "exact"},
		{"M-1", "band_level", "L6"},
		// The counter: RSU to its 400,000 cap, then sign-on rounded up to
		// 125,000 / 100,000; 331,250 is P75.5.
		{"M-1", "counter_base", "175000.00"},
		{"M-1", "counter_rsu", "400000.00"},
		{"M-1", "counter_sign_on_y1", "125000.00"},
		{"M-1", "counter_sign_on_y2", "100000.00"},
		{"M-1", "counter_delta_total", "185000.00"},
		{"M-1", "counter_approval", "hiring manager"},
		{"M-1", "counter_percentile", "75.5"},
		{"M-1", "counter_status", "reachable"},
		// Lower offer: 263,750 is P10; RSU, sign-on, then base rounded up
		// to 181,000: 331,000 is P75.2.
		{"M-2", "headline_percentile", "10.0"},
		{"M-2", "counter_base", "181000.00"},
		{"M-2", "counter_rsu", "375000.00"},
		{"M-2", "counter_sign_on_y1", "125000.00"},
		{"M-2", "counter_sign_on_y2", "100000.00"},
		{"M-2", "counter_delta_total", "269000.00"},
		{"M-2", "counter_approval", "director"},
		{"M-2", "counter_percentile", "75.2"},
		// No band: every market figure and the counter are blank, never 0.
		{"M-4", "headline_percentile", ""},
		{"M-4", "base_percentile", ""},
		{"M-4", "rsu_percentile", ""},
		{"M-4", "compa_ratio", ""},
		{"M-4", "range_penetration", ""},
		{"M-4", "peer_percentile", ""},
		{"M-4", "band_match", "none"},
		{"M-4", "band_level", "L5"},
		// ... but the counter is round one: RSU +20% = 120,000 and base +5%
		// = 157,500 rounded up to 158,000 (Δ 52,000), with no percentile.
		{"M-4", "counter_base", "150000.00"},
		{"M-4", "counter_rsu", "120000.00"},
		{"M-4", "counter_delta_total", "20000.00"},
		{"M-4", "counter_approval", "recruiter"},
		{"M-4", "counter_percentile", ""},
		{"M-4", "counter_status", "no market band"},
		// Unavailable levers are blank: no start date anywhere.
		{"M-1", "lever_start_date_delta_total", ""},
		// Peers: M-1, M-2 and M-3 share Amazon / EM / L6 / Seattle. Their
		// headline figures (averages 285,000, 263,750 and 255,000) rank the
		// guide's offer at PERCENTRANK.INC 1.000.
		{"M-1", "peer_percentile", "100.0"},
		{"M-2", "peer_percentile", "50.0"},
		{"M-3", "peer_percentile", "0.0"},
	}
	for _, tc := range tests {
		row, ok := got[tc.id]
		if !ok {
			t.Fatalf("no row %s", tc.id)
		}
		if v, ok := row[tc.column]; !ok || v != tc.want {
			t.Errorf("%s %s = %q, want %q", tc.id, tc.column, v, tc.want)
		}
	}
	if !strings.Contains(got["M-4"]["flags"], "NO_BAND") {
		t.Errorf("M-4 flags = %q, want NO_BAND", got["M-4"]["flags"])
	}
}

func TestResultsCSVFormulaSafeAndQuoted(t *testing.T) {
	o := workedOffer()
	o.ID = "=1+1"
	o.Candidate = `Smith, "Jr"`
	o.Company = "@corp"
	o.Location = "-Remote"
	o.Track = "+SDE"
	run := newRun(t, analyzer.DefaultOptions(), o)
	var buf bytes.Buffer
	if err := exporters.WriteResultsCSV(&buf, run); err != nil {
		t.Fatal(err)
	}
	line := strings.Split(buf.String(), "\n")[1]
	if !strings.HasPrefix(line, `'=1+1,"Smith, ""Jr""",'@corp,'+SDE,L6,'-Remote,175000.00,`) {
		t.Errorf("row = %s", line)
	}
	recs, err := csv.NewReader(strings.NewReader(buf.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[1][1] != `Smith, "Jr"` {
		t.Errorf("candidate read back = %q", recs[1][1])
	}
}

func TestResultsJSONMatchesCSV(t *testing.T) {
	run := growthRun(t)
	run.Analyses[1].Offer.Candidate = "=cmd|' /C calc'!A0"
	var csvBuf, jsonBuf bytes.Buffer
	if err := exporters.WriteResultsCSV(&csvBuf, run); err != nil {
		t.Fatal(err)
	}
	if err := exporters.WriteResultsJSON(&jsonBuf, run); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&csvBuf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(jsonBuf.Bytes()))
	dec.UseNumber()
	var objs []map[string]any
	if err := dec.Decode(&objs); err != nil {
		t.Fatalf("results.json does not parse: %v\n%s", err, jsonBuf.String())
	}
	if len(objs) != len(recs)-1 {
		t.Fatalf("%d JSON objects, %d CSV rows", len(objs), len(recs)-1)
	}
	header := recs[0]
	if !strings.Contains(strings.Join(header, ","), "counter_approval,counter_percentile,counter_status,band_match,band_level,band_confidence,tax_residence") ||
		header[len(header)-3] != "total_rewards_average" || header[len(header)-1] != "comparator_gap_total" || header[11+6*5] != "total" {
		t.Errorf("header for 5 years = %v", header)
	}
	for i, obj := range objs {
		// results.json also carries each offer's email subject and body.
		if len(obj) != len(header)+2 {
			t.Errorf("object %d has %d keys, want %d", i, len(obj), len(header)+2)
		}
		for j, key := range header {
			c := recs[i+1][j]
			switch v := obj[key].(type) {
			case nil:
				if c != "" {
					t.Errorf("row %d %s: JSON null, CSV %q", i, key, c)
				}
			case json.Number:
				if v.String() != c {
					t.Errorf("row %d %s: JSON %s, CSV %q", i, key, v, c)
				}
			case string:
				if v != c && "'"+v != c {
					t.Errorf("row %d %s: JSON %q, CSV %q", i, key, v, c)
				}
			case map[string]any: // scenario_totals: {"-20%": 912000.00, …} and "912000.00 at -20%; …"
				var parts []string
				for _, p := range strings.Split(c, "; ") {
					amount, rate, _ := strings.Cut(p, " at ")
					if n, ok := v[rate].(json.Number); !ok || n.String() != amount {
						t.Errorf("row %d %s: JSON %v, CSV %q", i, key, v, c)
					}
					parts = append(parts, rate)
				}
				if len(parts) != len(v) {
					t.Errorf("row %d %s: JSON %v, CSV %q", i, key, v, c)
				}
			default:
				t.Errorf("row %d %s: unexpected JSON %T", i, key, v)
			}
		}
	}
	// Keys come in column order, and money is unquoted with two places.
	first := jsonBuf.String()[:200]
	if !strings.HasPrefix(first, `[`+"\n"+`  {"id": "O-001", "candidate": "Alice", "company": "Amazon", "track": "SDE", "level": "L6", "location": "Seattle", "base": 175000.00, `) {
		t.Errorf("results.json starts %s", first)
	}
	if !strings.Contains(jsonBuf.String(), `"headline_percentile": null`) {
		t.Errorf("blank figures are not null")
	}
}

func TestResultsJSONEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := exporters.WriteResultsJSON(&buf, &exporters.Run{Options: analyzer.DefaultOptions()}); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "[]\n" {
		t.Errorf("empty results.json = %q", buf.String())
	}
}

func TestErrorsCSV(t *testing.T) {
	var buf bytes.Buffer
	err := exporters.WriteErrorsCSV(&buf, []analyzer.Rejection{
		{File: "offers.csv", Row: 4, Column: "base", Value: "12,5k", Reason: `invalid amount "12,5k"`},
		{File: "book.xlsx", Sheet: "Offers", Row: 9, Column: "level", Value: "=SUM(A1)", Reason: "missing level"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "file,sheet,row,column,value,reason\n" +
		`offers.csv,,4,base,"12,5k","invalid amount ""12,5k"""` + "\n" +
		"book.xlsx,Offers,9,level,'=SUM(A1),missing level\n"
	if buf.String() != want {
		t.Errorf("errors.csv =\n%s\nwant\n%s", buf.String(), want)
	}
}

// TestErrorsCSVInjection checks every character OWASP lists as starting a
// formula, in every text column of errors.csv.
func TestErrorsCSVInjection(t *testing.T) {
	for _, lead := range []string{"=", "+", "-", "@", "\t", "\r"} {
		v := lead + "cmd|' /C calc'!A0"
		var buf bytes.Buffer
		if err := exporters.WriteErrorsCSV(&buf, []analyzer.Rejection{{File: v, Sheet: v, Row: 2, Column: v, Value: v, Reason: v}}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range recs[1] {
			if i != 2 && f != "'"+v {
				t.Errorf("lead %q: field %d = %q, want it quoted with a leading '", lead, i, f)
			}
		}
	}
}

// TestResultsAfterTax: the worked offer in Seattle, single, with the
// built-in tables. By hand (TAX-NOTES rules): WA payroll = PFML 1,489.208355
// (capped) + WA Cares 0.58% of W.
//
//	Y1 270,000: FICA 11,439 + 3,915 + 630 = 15,984; payroll 3,055.208355;
//	  federal on 253,900: 41,024 + 0.32 × 52,125 = 57,704 → 193,256.791645
//	Y2 280,000: FICA 16,219; payroll 3,113.208355; federal on 263,900:
//	  58,448 + 0.35 × 7,675 = 61,134.25 → 199,533.541645
//	Y3, Y4 295,000: FICA 16,571.50; payroll 3,200.208355; federal on
//	  278,900: 58,448 + 0.35 × 22,675 = 66,384.25 → 208,844.041645
//
// Total 810,478.41658, average 202,619.604145.
func TestResultsAfterTax(t *testing.T) {
	opts := analyzer.DefaultOptions()
	tax, err := importers.DefaultTax()
	if err != nil {
		t.Fatal(err)
	}
	opts.Tax = tax
	remote := workedOffer()
	remote.ID, remote.Location = "O-R", "Remote"
	got := resultsByID(t, newRun(t, opts, workedOffer(), remote))
	for k, want := range map[string]string{"tax_residence": "WA", "filing_status": "single", "y1_after_tax": "193256.79",
		"y2_after_tax": "199533.54", "y3_after_tax": "208844.04", "y4_after_tax": "208844.04",
		"after_tax_total": "810478.42", "after_tax_average": "202619.60"} {
		if got["O-001"][k] != want {
			t.Errorf("O-001 %s = %q, want %s", k, got["O-001"][k], want)
		}
		if k != "filing_status" && got["O-R"][k] != "" {
			t.Errorf("Remote %s = %q, want blank", k, got["O-R"][k])
		}
	}
}

// TestResultsScenarioTotalsAndComparatorGap: scenario_totals lists the
// H-year total at each growth rate of the run, as the offer sheet's
// scenario table does, and comparator_gap_total is the offer sheet's "Gap
// to comparator" total; both blank when they do not apply.
func TestResultsScenarioTotalsAndComparatorGap(t *testing.T) {
	run := sampleRun(t)
	o := richOffer() // competing total comp 400,000
	run.Analyses = analyze(t, run.Options, workedOffer(), o)
	rows := resultsByID(t, run)
	a := run.Analyses[1]
	var want []string
	for _, s := range a.Scenarios {
		label := s.Growth.Mul(dec("100")).RoundBank(2).String() + "%"
		if s.Growth.IsPositive() {
			label = "+" + label
		}
		want = append(want, s.Total.RoundBank(2).StringFixed(2)+" at "+label)
	}
	if got := rows["O-002"]["scenario_totals"]; got != strings.Join(want, "; ") || len(want) != 3 {
		t.Errorf("scenario_totals = %q, want %q", got, strings.Join(want, "; "))
	}
	gap := decimal.Zero
	for _, g := range a.ComparatorGap {
		gap = gap.Add(g)
	}
	if got := rows["O-002"]["comparator_gap_total"]; got != gap.RoundBank(2).StringFixed(2) || len(a.ComparatorGap) == 0 {
		t.Errorf("comparator_gap_total = %q, want %s", got, gap.StringFixed(2))
	}
	if got := rows["O-001"]["comparator_gap_total"]; got != "" {
		t.Errorf("no competing offer: comparator_gap_total = %q, want blank", got)
	}
}
