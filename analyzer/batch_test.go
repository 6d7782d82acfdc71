package analyzer_test

import (
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

func TestBatchKeepsOrderAndCountsEveryOffer(t *testing.T) {
	engine, err := analyzer.NewEngine(analyzer.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	gen := analyzer.NewSynthetic(7)
	b := analyzer.NewBatch(engine, 3)
	const n = 2000
	var ids []string
	for i := 0; i < n; i++ {
		o := gen.Next()
		if i%97 == 0 {
			o.Base = decimal.Zero // rejected by the engine
		}
		ids = append(ids, o.ID)
		b.Add(&o)
	}
	r := b.Close()
	if len(r.Analyses)+len(r.Failures) != n {
		t.Fatalf("analyses %d + failures %d != offers %d", len(r.Analyses), len(r.Failures), n)
	}
	if len(r.Failures) != (n+96)/97 {
		t.Errorf("failures = %d, want %d", len(r.Failures), (n+96)/97)
	}
	j := 0
	for i, id := range ids {
		if i%97 == 0 {
			continue
		}
		if r.Analyses[j].Offer.ID != id {
			t.Fatalf("analysis %d is %s, want %s: input order lost", j, r.Analyses[j].Offer.ID, id)
		}
		j++
	}
}

func TestSyntheticIsReproducible(t *testing.T) {
	a, b := analyzer.NewSynthetic(42), analyzer.NewSynthetic(42)
	for i := 0; i < 50; i++ {
		x, y := a.Next(), b.Next()
		if x.ID != y.ID || !x.Base.Equal(y.Base) || !x.RSUValue.Decimal.Equal(y.RSUValue.Decimal) || x.Location != y.Location {
			t.Fatalf("offer %d differs between two generators with one seed", i)
		}
		if _, err := analyzer.Analyze(&x, analyzer.DefaultOptions()); err != nil {
			t.Fatalf("synthetic offer %s does not analyze: %v", x.ID, err)
		}
	}
}
