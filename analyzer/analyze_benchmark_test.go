package analyzer_test

import (
	"runtime"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
)

func syntheticOffers(n int) []analyzer.Offer {
	gen := analyzer.NewSynthetic(1)
	offers := make([]analyzer.Offer, n)
	for i := range offers {
		offers[i] = gen.Next()
	}
	return offers
}

// BenchmarkAnalyze measures one offer through the engine of SPEC §3.
func BenchmarkAnalyze(b *testing.B) {
	offers := syntheticOffers(1000)
	engine, _ := analyzer.NewEngine(analyzer.DefaultOptions())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := engine.Analyze(&offers[i%len(offers)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBatch100k analyzes 100,000 offers on every core, as analyze does.
func BenchmarkBatch100k(b *testing.B) {
	offers := syntheticOffers(100000)
	engine, _ := analyzer.NewEngine(analyzer.DefaultOptions())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		batch := analyzer.NewBatch(engine, runtime.GOMAXPROCS(0))
		for j := range offers {
			batch.Add(&offers[j])
		}
		if r := batch.Close(); len(r.Analyses) != len(offers) {
			b.Fatalf("got %d analyses", len(r.Analyses))
		}
	}
}

// BenchmarkAnalyzeWithoutLevers is BenchmarkAnalyze with levers and the
// counter-offer off: the ratio of the two is the cost of the levers.
func BenchmarkAnalyzeWithoutLevers(b *testing.B) {
	offers := syntheticOffers(1000)
	opts := analyzer.DefaultOptions()
	opts.Levers = false
	engine, _ := analyzer.NewEngine(opts)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := engine.Analyze(&offers[i%len(offers)]); err != nil {
			b.Fatal(err)
		}
	}
}
