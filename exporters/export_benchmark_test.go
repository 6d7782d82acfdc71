package exporters_test

import (
	"io"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters"
	"github.com/shopspring/decimal"
)

// benchRun analyses n reproducible synthetic offers under growth, raise and
// three scenarios, with one rejected row per hundred offers.
func benchRun(b *testing.B, n int) *exporters.Run {
	b.Helper()
	opts := analyzer.DefaultOptions()
	opts.StockGrowth = decimal.RequireFromString("0.08")
	opts.Raise = decimal.RequireFromString("0.03")
	opts.Scenarios = []decimal.Decimal{dec("-0.2"), dec("0"), dec("0.15")}
	e, err := analyzer.NewEngine(opts)
	if err != nil {
		b.Fatal(err)
	}
	gen := analyzer.NewSynthetic(1)
	run := &exporters.Run{Inputs: []string{"synthetic"}, Options: opts, OfferSheets: 500,
		Generated: fixedTime, Version: "bench"}
	run.Analyses = make([]analyzer.Analysis, 0, n)
	for i := range n {
		o := gen.Next()
		a, err := e.Analyze(&o)
		if err != nil {
			b.Fatal(err)
		}
		run.Analyses = append(run.Analyses, a)
		if i%100 == 0 {
			run.Rejected = append(run.Rejected, analyzer.Rejection{File: "synthetic.csv", Row: i + 2,
				Column: "base", Value: "12,5k", Reason: "invalid amount"})
		}
	}
	return run
}

func BenchmarkWriteWorkbook(b *testing.B) {
	run := benchRun(b, 10_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := exporters.WriteWorkbook(io.Discard, run); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteResultsCSV(b *testing.B) {
	run := benchRun(b, 100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := exporters.WriteResultsCSV(io.Discard, run); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteResultsJSON(b *testing.B) {
	run := benchRun(b, 100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := exporters.WriteResultsJSON(io.Discard, run); err != nil {
			b.Fatal(err)
		}
	}
}
