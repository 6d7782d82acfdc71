package analyzer_test

import (
	"errors"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

func decimals(ss ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = d(s)
	}
	return out
}

func TestPercentileInc(t *testing.T) {
	tests := []struct {
		name   string
		values []decimal.Decimal
		p      string
		want   string
		err    error
	}{
		{"no values", nil, "50", "", analyzer.ErrEmpty},
		{"one value is every percentile", decimals("7"), "25", "7", nil},
		{"two values p0", decimals("10", "20"), "0", "10", nil},
		{"two values p100", decimals("10", "20"), "100", "20", nil},
		{"two values p25", decimals("10", "20"), "25", "12.5", nil},
		// Rank 0.25 × 4 = 1 → 200; 0.75 × 4 = 3 → 400.
		{"quartile on five", decimals("100", "200", "300", "400", "500"), "25", "200", nil},
		{"third quartile on five", decimals("100", "200", "300", "400", "500"), "75", "400", nil},
		// Rank 0.25 × 3 = 0.75 → 1 + 0.75 × (2 − 1).
		{"interpolated on four", decimals("1", "2", "3", "4"), "25", "1.75", nil},
		{"p above 100", decimals("1"), "101", "", analyzer.ErrPercentRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := analyzer.PercentileInc(tc.values, d(tc.p))
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil || !got.Equal(d(tc.want)) {
				t.Errorf("got %s, %v; want %s", got, err, tc.want)
			}
		})
	}
}

func TestPercentRankInc(t *testing.T) {
	tests := []struct {
		name   string
		values []decimal.Decimal
		x      string
		want   string
		err    error
	}{
		{"no values", nil, "1", "", analyzer.ErrEmpty},
		{"one value ranks 1", decimals("5"), "5", "1", nil},
		{"two values, the lower", decimals("5", "9"), "5", "0", nil},
		{"two values, the upper", decimals("5", "9"), "9", "1", nil},
		{"middle of five", decimals("100", "200", "300", "400", "500"), "300", "0.5", nil},
		// 1/3 truncated to three places, as Excel does.
		{"thirds truncate", decimals("1", "2", "3", "4"), "2", "0.333", nil},
		{"two thirds truncate, not round", decimals("1", "2", "3", "4"), "3", "0.666", nil},
		{"ties count the values below", decimals("1", "2", "2", "3"), "2", "0.333", nil},
		{"between values interpolates", decimals("10", "20", "30"), "15", "0.25", nil},
		{"outside the values", decimals("10", "20"), "25", "", analyzer.ErrPercentRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := analyzer.PercentRankInc(tc.values, d(tc.x), 3)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil || !got.Equal(d(tc.want)) {
				t.Errorf("got %s, %v; want %s", got, err, tc.want)
			}
		})
	}
}

func TestAssignPeers(t *testing.T) {
	// Five L6 EM Seattle offers whose 4-year averages are 100k … 500k (no
	// bands: the headline figure is the average), and a group of two.
	var analyses []analyzer.Analysis
	for i, base := range []string{"100000", "200000", "300000", "400000", "500000"} {
		o := &analyzer.Offer{ID: string(rune('a' + i)), Company: "Amazon", Track: "EM", Level: "L6", Location: "Seattle",
			Base: d(base), RSUValue: nd("0"), Schedule: analyzer.MustSchedule("amazon")}
		a, err := analyzer.Analyze(o, analyzer.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		analyses = append(analyses, a)
	}
	for _, base := range []string{"150000", "160000"} {
		o := &analyzer.Offer{ID: "x", Company: "Google", Track: "EM", Level: "L6", Location: "Seattle",
			Base: d(base), RSUValue: nd("0"), Schedule: analyzer.MustSchedule("even")}
		a, _ := analyzer.Analyze(o, analyzer.DefaultOptions())
		analyses = append(analyses, a)
	}
	analyzer.AssignPeers(analyses, 5)
	mid := analyses[2].Peer
	if mid == nil || mid.Size != 5 || !mid.Percentile.Equal(d("50")) || !mid.P25.Equal(d("200000")) ||
		!mid.P50.Equal(d("300000")) || !mid.P75.Equal(d("400000")) {
		t.Errorf("middle offer peer = %+v, want size 5, percentile 50, P25 200000, P75 400000", mid)
	}
	if top := analyses[4].Peer; !top.Percentile.Equal(d("100")) {
		t.Errorf("top offer peer percentile %s, want 100", top.Percentile)
	}
	if analyses[5].Peer != nil || analyses[6].Peer != nil {
		t.Error("a group of two must get no peer percentiles with --min-peers 5")
	}
	analyzer.AssignPeers(analyses, 2)
	if p := analyses[6].Peer; p == nil || !p.Percentile.Equal(d("100")) || !p.P50.Equal(d("155000")) {
		t.Errorf("min-peers 2: peer = %+v", p)
	}
}
