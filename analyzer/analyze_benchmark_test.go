package analyzer_test

import (
	"runtime"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
)

func syntheticOffers(n int) []analyzer.Offer {
	gen := analyzer.NewSynthetic(1)
	offers := make([]analyzer.Offer, n)
	for i := range offers {
		offers[i] = gen.Next()
	}
	return offers
}

// benchOptions are the command line's defaults: the built-in bands,
// premiums and tax tables, levers on or off.
func benchOptions(b testing.TB, levers bool) analyzer.Options {
	opts := analyzer.DefaultOptions()
	bands, err := importers.DefaultBands()
	if err != nil {
		b.Fatal(err)
	}
	if opts.Bands, err = analyzer.NewBandTable(bands); err != nil {
		b.Fatal(err)
	}
	if opts.Premiums, err = importers.DefaultPremiums(); err != nil {
		b.Fatal(err)
	}
	if opts.Tax, err = importers.DefaultTax(); err != nil {
		b.Fatal(err)
	}
	opts.Levers = levers
	return opts
}

func benchAnalyze(b *testing.B, levers, brief bool) {
	benchAnalyzeOffers(b, syntheticOffers(1000), levers, brief)
}

func benchAnalyzeOffers(b *testing.B, offers []analyzer.Offer, levers, brief bool) {
	engine, err := analyzer.NewEngine(benchOptions(b, levers))
	if err != nil {
		b.Fatal(err)
	}
	analyze := engine.Analyze
	if brief {
		analyze = engine.AnalyzeBrief
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := analyze(&offers[i%len(offers)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyze is one offer, in full, through the engine with bands,
// premiums, levers and the counter-offer.
func BenchmarkAnalyze(b *testing.B) { benchAnalyze(b, true, false) }

// BenchmarkAnalyzeBrief is what a batch does per offer.
func BenchmarkAnalyzeBrief(b *testing.B) { benchAnalyze(b, true, true) }

// BenchmarkAnalyzeBriefBanded is BenchmarkAnalyzeBrief on the banded
// batch (SyntheticOptions.Banded): most offers have a market band and a
// counter-offer, the harder case.
func BenchmarkAnalyzeBriefBanded(b *testing.B) {
	gen := analyzer.NewSyntheticWith(1, analyzer.SyntheticOptions{Banded: true})
	offers := make([]analyzer.Offer, 1000)
	for i := range offers {
		offers[i] = gen.Next()
	}
	benchAnalyzeOffers(b, offers, true, true)
}

// BenchmarkAnalyzeBriefWithoutLevers is the same with levers and the
// counter-offer off: the ratio to BenchmarkAnalyzeBrief is what the levers cost.
func BenchmarkAnalyzeBriefWithoutLevers(b *testing.B) { benchAnalyze(b, false, true) }

func benchBatch(b *testing.B, levers bool) {
	offers := syntheticOffers(100000)
	engine, err := analyzer.NewEngine(benchOptions(b, levers))
	if err != nil {
		b.Fatal(err)
	}
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

// BenchmarkBatch100k analyzes 100,000 offers on every core, as analyze does.
func BenchmarkBatch100k(b *testing.B) { benchBatch(b, true) }

// BenchmarkBatch100kWithoutLevers is BenchmarkBatch100k with levers off.
func BenchmarkBatch100kWithoutLevers(b *testing.B) { benchBatch(b, false) }

// BenchmarkReduce is one brief analysis reduced to the record the batch
// sheets read.
func BenchmarkReduce(b *testing.B) {
	offers := syntheticOffers(1000)
	engine, err := analyzer.NewEngine(benchOptions(b, true))
	if err != nil {
		b.Fatal(err)
	}
	as := make([]analyzer.Analysis, len(offers))
	for i := range offers {
		if as[i], err = engine.AnalyzeBrief(&offers[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = analyzer.Reduce(&as[i%len(as)])
	}
}

// BenchmarkStream100k is the analyze command's analysis stage: 100,000
// offers analysed on every core, reduced to records and handed over in
// input order with their peer pairs, keeping nothing else.
func BenchmarkStream100k(b *testing.B) {
	offers := syntheticOffers(100000)
	engine, err := analyzer.NewEngine(benchOptions(b, true))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		peers := analyzer.NewPeerGroups()
		n := 0
		s := analyzer.NewStream(engine, runtime.GOMAXPROCS(0), analyzer.Reduce, func(r *analyzer.Result[analyzer.Record]) {
			if r.Err == nil {
				peers.Add(&r.Analysis)
				n++
			}
		})
		for j := range offers {
			s.Add(&offers[j])
		}
		s.Close()
		if n != len(offers) {
			b.Fatalf("got %d records", n)
		}
		peers.Compute(5)
	}
}
