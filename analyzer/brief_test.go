package analyzer_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/offerbook/offerbook/analyzer"
)

// TestBriefAgreesWithFull checks that every figure a brief analysis keeps
// is the one the full analysis computes, and that it drops the detail.
func TestBriefAgreesWithFull(t *testing.T) {
	opts := analyzer.DefaultOptions()
	opts.Bands = seattleEM(t)
	opts.StockGrowth = d("0.05")
	engine, err := analyzer.NewEngine(opts)
	if err != nil {
		t.Fatal(err)
	}
	gen := analyzer.NewSynthetic(5)
	for i := 0; i < 200; i++ {
		o := gen.Next()
		if i%2 == 0 {
			o.Company, o.Track, o.Level, o.Location = "Amazon", "EM", "L6", "Seattle"
			o.StartDate = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
		}
		full, err := engine.Analyze(&o)
		if err != nil {
			t.Fatal(err)
		}
		brief, err := engine.AnalyzeBrief(&o)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(full.Years, brief.Years) || !full.Total.Equal(brief.Total) || !full.Average.Equal(brief.Average) {
			t.Fatalf("%s: year tables differ", o.ID)
		}
		if len(full.LeverTotals) != len(brief.LeverTotals) {
			t.Fatalf("%s: %d lever totals in full, %d in brief", o.ID, len(full.LeverTotals), len(brief.LeverTotals))
		}
		for j, f := range full.LeverTotals {
			b := brief.LeverTotals[j]
			if f.Lever != b.Lever || f.Available != b.Available || f.Rank != b.Rank || !f.Delta().Equal(b.Delta()) {
				t.Fatalf("%s: lever totals differ:\n%+v\n%+v", o.ID, f, b)
			}
		}
		if analyzer.FlagCodes(full.Flags) != analyzer.FlagCodes(brief.Flags) {
			t.Fatalf("%s: flags differ", o.ID)
		}
		for j, l := range full.Levers {
			if lt := full.LeverTotals[j]; lt.Lever != l.Lever || lt.Rank != l.Rank || !lt.Delta().Equal(l.High.DeltaTotal) {
				t.Fatalf("%s: lever total %+v does not match the lever table's %s", o.ID, lt, l.Lever)
			}
		}
		fc, bc := full.Counter.Figures(), brief.Counter.Figures()
		if full.Counter.Status != brief.Counter.Status || !fc.Base.Equal(bc.Base) || !fc.Grant.Equal(bc.Grant) || !fc.SignOnY1.Equal(bc.SignOnY1) ||
			!fc.SignOnY2.Equal(bc.SignOnY2) || !fc.DeltaTotal.Equal(bc.DeltaTotal) || full.Counter.Tier != brief.Counter.Tier ||
			!fc.TierPct.Equal(bc.TierPct) || fc.Percentile.Valid != bc.Percentile.Valid || !fc.Percentile.Decimal.Equal(bc.Percentile.Decimal) {
			t.Fatalf("%s: counter-offers differ", o.ID)
		}
		if fh, bh := full.Market.HeadlineFigure(), brief.Market.HeadlineFigure(); (fh == nil) != (bh == nil) || (fh != nil && !reflect.DeepEqual(*fh, *bh)) {
			t.Fatalf("%s: headline figures differ", o.ID)
		}
		for _, c := range []analyzer.Component{analyzer.ComponentBase, analyzer.ComponentRSU4yr} {
			ff, bf := full.Market.Figure(c), brief.Market.Figure(c)
			if (ff == nil) != (bf == nil) {
				t.Fatalf("%s: %s figure kept in one analysis only", o.ID, c)
			}
			if ff != nil && (!ff.Percentile.Equal(bf.Percentile) || ff.Position != bf.Position || !ff.Value.Equal(bf.Value) ||
				!reflect.DeepEqual(ff.Band, bf.Band)) {
				t.Fatalf("%s: %s figures differ", o.ID, c)
			}
		}
		if !brief.Brief || brief.Levers != nil || brief.Calendar != nil || brief.Counter.Email.Body != "" {
			t.Fatalf("%s: brief analysis kept detail", o.ID)
		}
		if full.Brief || len(full.Levers) != 7 || (i%2 == 0 && full.Calendar == nil) {
			t.Fatalf("%s: full analysis lacks detail", o.ID)
		}
	}
}
