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
func benchRun(b testing.TB, n int) *exporters.Run {
	return benchRunWith(b, n, analyzer.DefaultOptions())
}

// benchRunWith is benchRun under the given base options.
func benchRunWith(b testing.TB, n int, opts analyzer.Options) *exporters.Run {
	b.Helper()
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

// marketBenchRun is benchRun with a band for every level (so every offer
// has percentiles, capped levers and a counter-offer) and peer groups.
func marketBenchRun(b testing.TB, n int) *exporters.Run {
	b.Helper()
	var rows []analyzer.Band
	for i, level := range []string{"L5", "L6", "L7"} {
		k := int64(i + 1)
		rows = append(rows,
			analyzer.Band{Key: analyzer.BandKey{Level: level}, Component: analyzer.ComponentBase,
				Min: decimal.NewFromInt(120000 + 40000*k), Max: decimal.NewFromInt(160000 + 50000*k)},
			analyzer.Band{Key: analyzer.BandKey{Level: level}, Component: analyzer.ComponentRSU4yr,
				Min: decimal.NewFromInt(100000 * k), Max: decimal.NewFromInt(250000 * k)},
			analyzer.Band{Key: analyzer.BandKey{Level: level}, Component: analyzer.ComponentBaseEquityAvg,
				Min: decimal.NewFromInt(150000 + 80000*k), Max: decimal.NewFromInt(250000 + 120000*k)})
	}
	tbl, err := analyzer.NewBandTable(rows)
	if err != nil {
		b.Fatal(err)
	}
	opts := analyzer.DefaultOptions()
	opts.Bands, opts.BandSource = tbl, "bench"
	run := benchRunWith(b, n, opts)
	analyzer.AssignPeers(run.Analyses, 5)
	return run
}

func BenchmarkWriteWorkbookMarket(b *testing.B) {
	run := marketBenchRun(b, 10_000)
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

// BenchmarkWriteOfferSheets500 writes a workbook of 500 offers, each with
// its own sheet (bands, levers, counter-offer, chart and flag notes), and
// reports the time per offer sheet. Charts and notes cost more the more
// sheets a workbook has, so this is the default --offer-sheets case.
func BenchmarkWriteOfferSheets500(b *testing.B) {
	run := marketBenchRun(b, 500)
	run.OfferSheets = 500
	flagged := 0
	for i := range run.Analyses {
		if len(run.Analyses[i].Flags) > 0 {
			flagged++
		}
	}
	if flagged == 0 {
		b.Fatal("no flagged offers: the benchmark would write no notes")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := exporters.WriteWorkbook(io.Discard, run); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N)/500, "ms/sheet")
}

// benchRecords stores n records in a store with the given budget.
func benchRecords(b *testing.B, n int, budget int64) *exporters.Records {
	run := marketBenchRun(b, 1000)
	s := exporters.NewRecords(budget, b.TempDir())
	b.Cleanup(func() { _ = s.Close() })
	for i := range n {
		if err := s.Add(analyzer.Reduce(&run.Analyses[i%len(run.Analyses)])); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func benchEach(b *testing.B, budget int64) {
	s := benchRecords(b, 100_000, budget)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := s.Each(func(int, *analyzer.Record) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecordsEachInMemory reads 100,000 records back from memory, as
// each batch sheet does once.
func BenchmarkRecordsEachInMemory(b *testing.B) { benchEach(b, -1) }

// BenchmarkRecordsEachSpilled reads 100,000 records back from the
// temporary file.
func BenchmarkRecordsEachSpilled(b *testing.B) { benchEach(b, 1) }
