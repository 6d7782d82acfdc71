package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/importers"
)

// readCSV reads a results or bands file as maps by column name.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, name := range recs[0] {
			m[name] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// excelPercentileInc is Excel's PERCENTILE.INC, worked here in exact rationals
// apart from the code under test: rank p(n−1), linear between neighbours,
// rounded half-even to cents as the bands file writes it.
func excelPercentileInc(values []int64, p int64) *big.Rat {
	slices.Sort(values)
	n := int64(len(values))
	rank := big.NewRat(p*(n-1), 100)
	lo := new(big.Int).Quo(rank.Num(), rank.Denom()).Int64()
	v := new(big.Rat).SetInt64(values[lo])
	if lo < n-1 {
		frac := new(big.Rat).Sub(rank, new(big.Rat).SetInt64(lo))
		step := new(big.Rat).SetInt64(values[lo+1] - values[lo])
		v.Add(v, frac.Mul(frac, step))
	}
	// Half-even to cents.
	cents := new(big.Rat).Mul(v, big.NewRat(100, 1))
	q, r := new(big.Int).QuoRem(cents.Num(), cents.Denom(), new(big.Int))
	twice := new(big.Int).Mul(r, big.NewInt(2))
	if c := twice.Cmp(cents.Denom()); c > 0 || (c == 0 && q.Bit(0) == 1) {
		q.Add(q, big.NewInt(1))
	}
	return new(big.Rat).SetFrac(q, big.NewInt(100))
}

// TestBandsFromOffers builds bands from a generated batch of 100,000
// offers, checks two groups' P10/P90 against PERCENTILE.INC worked
// independently from the same file, and feeds the bands back with --bands.
func TestBandsFromOffers(t *testing.T) {
	dir := t.TempDir()
	gen := filepath.Join(dir, "batch.csv")
	runOK(t, "generate", "-n", "100000", "--seed", "3", "-o", gen)
	bandsFile := filepath.Join(dir, "built.csv")
	_, stderr := runOK(t, "bands", "--from", gen, "--min-group", "5", "--export", bandsFile)
	if !strings.Contains(stderr, "100000 offers read from batch.csv, 0 rejected") {
		t.Errorf("summary: %s", stderr)
	}
	// --bands reads the file back, every row.
	bands, bad, err := importers.ReadBands(context.Background(), bandsFile, importers.Options{})
	if err != nil || len(bad) > 0 || len(bands) == 0 {
		t.Fatalf("read back: %d bands, %d bad rows, %v", len(bands), len(bad), err)
	}
	// The generator's Amazon rows (no level mapping) by group, from the
	// offers file itself.
	type group struct{ company, track, level, location string }
	base, grant := map[group][]int64{}, map[group][]int64{}
	for _, r := range readCSV(t, gen) {
		if r["company"] != "Amazon" || r["rsu_value"] == "" {
			continue
		}
		g := group{r["company"], r["track"], r["level"], r["location"]}
		var b, v big.Int
		b.SetString(r["base"], 10)
		v.SetString(r["rsu_value"], 10)
		base[g] = append(base[g], b.Int64())
		grant[g] = append(grant[g], v.Int64())
	}
	rows := readCSV(t, bandsFile)
	checked := 0
	for _, g := range []group{{"Amazon", "EM", "L6", "Seattle"}, {"Amazon", "SDE", "L5", "Austin"}} {
		if len(base[g]) < 5 {
			t.Fatalf("group %v has %d offers in the generated batch", g, len(base[g]))
		}
		for _, row := range rows {
			if row["company"] != g.company || row["track"] != g.track || row["level"] != g.level || row["location"] != g.location {
				continue
			}
			var values []int64
			switch row["component"] {
			case "base":
				values = slices.Clone(base[g])
			case "rsu_4yr":
				values = slices.Clone(grant[g])
			default:
				continue
			}
			for _, c := range []struct {
				col string
				p   int64
			}{{"min", 10}, {"max", 90}} {
				got, ok := new(big.Rat).SetString(row[c.col])
				if want := excelPercentileInc(values, c.p); !ok || got.Cmp(want) != 0 {
					t.Errorf("%v %s %s %s, want PERCENTILE.INC P%d %s", g, row["component"], c.col, row[c.col], c.p, want.FloatString(2))
				}
			}
			checked++
		}
	}
	if checked != 4 {
		t.Fatalf("checked %d band rows, want base and rsu_4yr of two groups", checked)
	}
	// The first 300 offers analyzed on the built bands all find one.
	head, err := os.ReadFile(gen)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfterN(string(head), "\n", 302)
	small := filepath.Join(dir, "small.csv")
	if err := os.WriteFile(small, []byte(strings.Join(lines[:301], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	_, stderr = runOK(t, "analyze", small, "--bands", bandsFile, "--format", "csv", "--out-dir", out)
	if !strings.Contains(stderr, "every offer has a market band") {
		t.Errorf("analyze on built bands: %s", stderr)
	}
	for _, r := range readCSV(t, filepath.Join(out, "results.csv")) {
		if r["band_match"] != "exact" || r["band_confidence"] != "high" || r["headline_percentile"] == "" {
			t.Fatalf("%s: match %q confidence %q percentile %q, want an exact band of its own", r["id"], r["band_match"], r["band_confidence"], r["headline_percentile"])
		}
	}
}

// TestUnknownNames: a typo, a city abroad and a job title as a track each
// give a warning naming file, row and value (and the nearest known name);
// validate lists them; --strict exits 3.
func TestUnknownNames(t *testing.T) {
	dir := t.TempDir()
	offers := filepath.Join(dir, "offers.csv")
	text := "id,company,track,level,location,base,sign_on_y1,sign_on_y2,rsu_value,vesting\n" +
		"S1,Amazon,EM,L6,Seatle,175000,80000,60000,300000,amazon\n" +
		"S2,Amazon,EM,L6,London,175000,80000,60000,300000,amazon\n" +
		"S3,Amazon,Sr. Software Engineer,L6,Seattle,175000,80000,60000,300000,amazon\n" +
		"S4,Amazon,EM,L6,Seattle,175000,80000,60000,300000,amazon\n"
	if err := os.WriteFile(offers, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`offers.csv:2: column "location": location "Seatle" is not a known name (did you mean Seattle?)`,
		`offers.csv:3: column "location": "London" is outside the United States`,
		`offers.csv:4: column "track": track "Sr. Software Engineer" is not a known name (did you mean SDE?)`,
		"3 unknown location or track names",
	}
	for _, args := range [][]string{{"validate", offers}, {"analyze", offers, "--format", "csv", "--out-dir", filepath.Join(dir, "out")}} {
		_, stderr := runOK(t, args...)
		for _, w := range want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", args[0], w, stderr)
			}
		}
		var strictErr bytes.Buffer
		err := run(context.Background(), append(append([]string{"offerbook"}, args...), "--strict", "--no-wait"), io.Discard, &strictErr)
		if args[0] == "validate" {
			err = run(context.Background(), []string{"offerbook", "validate", "--strict", offers}, io.Discard, &strictErr)
		}
		if !errors.Is(err, errRejected) || exitCode(err, io.Discard) != exitRejected {
			t.Errorf("%s --strict: err %v, want exit 3", args[0], err)
		}
	}
	// None silently gets a company-type band: Seatle's is flagged and low
	// confidence, London and the title get none.
	got := map[string][3]string{}
	for _, r := range readCSV(t, filepath.Join(dir, "out", "results.csv")) {
		got[r["id"]] = [3]string{r["band_match"], r["band_confidence"], r["flags"]}
	}
	for id, w := range map[string][3]string{
		"S1": {"company_type", "low", "UNKNOWN_LOCATION;BELOW_MEDIAN"},
		"S2": {"none", "", "UNKNOWN_LOCATION;NO_BAND"},
		"S3": {"none", "", "UNKNOWN_TRACK;NO_BAND"},
		"S4": {"exact", "high", "BELOW_MEDIAN"},
	} {
		if got[id] != w {
			t.Errorf("%s: match, confidence, flags = %q, want %q", id, got[id], w)
		}
	}
}

// TestGrowthLeavesMarketPositionAlone runs the sample with and without
// --stock-growth 5 --raise 3: the totals move, the headline percentiles,
// flags and counters do not.
func TestGrowthLeavesMarketPositionAlone(t *testing.T) {
	dir := t.TempDir()
	sample := filepath.Join("..", "..", "samples", "offers.csv")
	runOK(t, "analyze", sample, "--format", "csv", "--out-dir", filepath.Join(dir, "flat"))
	runOK(t, "analyze", sample, "--format", "csv", "--out-dir", filepath.Join(dir, "grown"), "--stock-growth", "5", "--raise", "3")
	flat, grown := readCSV(t, filepath.Join(dir, "flat", "results.csv")), readCSV(t, filepath.Join(dir, "grown", "results.csv"))
	if len(flat) != len(grown) || len(flat) == 0 {
		t.Fatalf("%d and %d rows", len(flat), len(grown))
	}
	same := []string{"headline_percentile", "base_percentile", "rsu_percentile", "compa_ratio", "range_penetration",
		"peer_percentile", "flags", "counter_base", "counter_rsu", "counter_sign_on_y1", "counter_sign_on_y2",
		"counter_delta_total", "counter_approval", "counter_percentile", "counter_status", "band_match", "band_confidence"}
	moved := 0
	for i := range flat {
		for _, col := range same {
			if flat[i][col] != grown[i][col] {
				t.Errorf("%s %s: %q without growth, %q with", flat[i]["id"], col, flat[i][col], grown[i][col])
			}
		}
		if flat[i]["total"] != grown[i]["total"] {
			moved++
		}
	}
	if moved != len(flat) {
		t.Errorf("growth moved %d of %d totals: the run did not assume it", moved, len(flat))
	}
}

// TestDifferentialsFlag: the Google L5 SWE Bay Area offer is
// measured on Amazon's L6 SDE Bay Area band (307,500–452,500) × 1.125 =
// 345,937.5–509,062.5: 341,500 a year is P7.8, medium confidence. A
// --differentials file with Google at 1.00 measures it unadjusted:
// 10 + 34,000 × 80 / 145,000 = P28.8.
func TestDifferentialsFlag(t *testing.T) {
	dir := t.TempDir()
	offers := filepath.Join(dir, "offers.csv")
	if err := os.WriteFile(offers, []byte("id,company,track,level,location,base,rsu_value,vesting,bonus_pct\n"+
		"G1,Google,SWE,L5,Bay Area,210000,400000,google,15%\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	flat := filepath.Join(dir, "flat.csv")
	if err := os.WriteFile(flat, []byte("source,company,reference_company,factor_min,factor_max,note\n"+
		"my notes,Google,Amazon,1.00,1.00,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name             string
		args             []string
		pctl, confidence string
	}{
		{"built-in", nil, "7.8", "medium"},
		{"--differentials", []string{"--differentials", flat}, "28.8", "medium"},
	} {
		out := filepath.Join(dir, tc.name)
		runOK(t, append([]string{"analyze", offers, "--format", "csv", "--out-dir", out}, tc.args...)...)
		r := readCSV(t, filepath.Join(out, "results.csv"))[0]
		if r["headline_percentile"] != tc.pctl || r["band_match"] != "reference" || r["band_confidence"] != tc.confidence ||
			strings.Contains(r["flags"], "ABOVE_BAND;") || strings.HasSuffix(r["flags"], ";ABOVE_BAND") {
			t.Errorf("%s: percentile %s match %s confidence %s flags %s; want P%s reference %s, no ABOVE_BAND",
				tc.name, r["headline_percentile"], r["band_match"], r["band_confidence"], r["flags"], tc.pctl, tc.confidence)
		}
	}
}
