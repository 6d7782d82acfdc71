package analyzer_test

import (
	"testing"

	"github.com/offerbook/offerbook/analyzer"
)

// BenchmarkAnalyzeBriefWithoutTax is BenchmarkAnalyzeBriefWithoutLevers
// without the tax tables: the difference between the two is the after-tax
// estimate's cost per offer (H = 4 years).
func BenchmarkAnalyzeBriefWithoutTax(b *testing.B) {
	offers := syntheticOffers(1000)
	opts := benchOptions(b, false)
	opts.Tax = nil
	engine, err := analyzer.NewEngine(opts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := engine.AnalyzeBrief(&offers[i%len(offers)]); err != nil {
			b.Fatal(err)
		}
	}
}
