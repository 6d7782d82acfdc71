package analyzer_test

import (
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// diffOptionSets are the option sets of the benchmarks and the byte-identical
// runs: the command line's defaults (bands, premiums, tax tables, levers),
// growth with raises and scenarios, and both without tax.
func diffOptionSets(t testing.TB) map[string]analyzer.Options {
	plain := benchOptions(t, true)
	growth := plain
	growth.StockGrowth, growth.Raise = d("0.10"), d("0.03")
	growth.Scenarios = []decimal.Decimal{d("-0.20"), d("0"), d("0.15")}
	noTax, growthNoTax := plain, growth
	noTax.Tax, growthNoTax.Tax = nil, nil
	fiveYears := growth
	fiveYears.Years = 5
	drafts := plain
	drafts.EmailDrafts = true
	return map[string]analyzer.Options{"plain": plain, "growth": growth, "no-tax": noTax, "growth-no-tax": growthNoTax,
		"five-years": fiveYears, "drafts": drafts}
}

// diffOffers is how many generated offers TestFixedAgreesWithDecimal runs
// through both paths over all option sets: 50,000 by default, 10,000
// with -short, OFFERBOOK_DIFF_OFFERS when set. The million of issue 23:
//
//	OFFERBOOK_DIFF_OFFERS=1000000 go test ./analyzer -run TestFixedAgreesWithDecimal -timeout 30m
func diffOffers(t *testing.T) int {
	if s := os.Getenv("OFFERBOOK_DIFF_OFFERS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("OFFERBOOK_DIFF_OFFERS=%q: %v", s, err)
		}
		return n
	}
	if testing.Short() {
		return 10000
	}
	return 50000
}

// recordDiff describes how two records differ, "" when they agree.
// TakeHomeExact is compared by value (its exponent may differ).
func recordDiff(fast, dec analyzer.Record) string {
	if !fast.TakeHomeExact.Equal(dec.TakeHomeExact) {
		return fmt.Sprintf("TakeHomeExact %s, decimal %s", fast.TakeHomeExact, dec.TakeHomeExact)
	}
	fast.TakeHomeExact, dec.TakeHomeExact = decimal.Zero, decimal.Zero
	if reflect.DeepEqual(fast, dec) {
		return ""
	}
	fv, dv := reflect.ValueOf(fast), reflect.ValueOf(dec)
	for i := 0; i < fv.NumField(); i++ {
		if f := fv.Type().Field(i); f.IsExported() && !reflect.DeepEqual(fv.Field(i).Interface(), dv.Field(i).Interface()) {
			return fmt.Sprintf("%s: %v, decimal %v", f.Name, fv.Field(i).Interface(), dv.Field(i).Interface())
		}
	}
	return "unexported fields differ"
}

// bothPaths analyzes o on the fixed-point and the decimal engine and
// reports how the records differ, "" when they agree.
func bothPaths(fast, dec *analyzer.Engine, o *analyzer.Offer) string {
	fo, do := *o, *o
	fa, ferr := fast.AnalyzeBrief(&fo)
	da, derr := dec.AnalyzeBrief(&do)
	if (ferr == nil) != (derr == nil) || (ferr != nil && ferr.Error() != derr.Error()) {
		return fmt.Sprintf("errors differ: %v, decimal %v", ferr, derr)
	}
	if ferr != nil {
		return ""
	}
	if diff := recordDiff(analyzer.Reduce(&fa), analyzer.Reduce(&da)); diff != "" {
		return diff
	}
	if fa.HeadlineValue().Cmp(da.HeadlineValue()) != 0 || analyzer.FlagCodes(fa.Flags) != analyzer.FlagCodes(da.Flags) {
		return "headline value or flags differ"
	}
	return exactDiff(&fa, &da)
}

// exactDiff compares the figures of two analyses that the fixed-point
// path works out but a Record keeps only rounded, or not at all: the
// counter-offer's exact package, Δ, percentile, share of the total and
// change, and each lever's exact Δ total and tier.
func exactDiff(fa, da *analyzer.Analysis) string {
	if len(fa.LeverTotals) != len(da.LeverTotals) {
		return "lever totals differ in number"
	}
	for i, f := range fa.LeverTotals {
		d := da.LeverTotals[i]
		if f.Lever != d.Lever || f.Available != d.Available || f.Rank != d.Rank || f.Tier != d.Tier || !f.Delta().Equal(d.Delta()) {
			return fmt.Sprintf("lever total %+v, decimal %+v", f, d)
		}
	}
	fco, dco := fa.Counter, da.Counter
	if (fco == nil) != (dco == nil) {
		return "a counter-offer in one path only"
	}
	if fco == nil {
		return ""
	}
	if fco.Status != dco.Status || fco.Tier != dco.Tier || fco.First != dco.First {
		return fmt.Sprintf("counter status, tier or first ask: %q %q %q, decimal %q %q %q", fco.Status, fco.Tier, fco.First, dco.Status, dco.Tier, dco.First)
	}
	fc, dc := fco.Figures(), dco.Figures()
	eq := func(a, b decimal.Decimal) bool { return a.Equal(b) }
	switch {
	case !eq(fc.Base, dc.Base) || !eq(fc.Grant, dc.Grant) || !eq(fc.SignOnY1, dc.SignOnY1) || !eq(fc.SignOnY2, dc.SignOnY2):
		return fmt.Sprintf("counter package %s %s %s %s, decimal %s %s %s %s", fc.Base, fc.Grant, fc.SignOnY1, fc.SignOnY2, dc.Base, dc.Grant, dc.SignOnY1, dc.SignOnY2)
	case !eq(fc.DeltaTotal, dc.DeltaTotal) || !eq(fc.TierPct, dc.TierPct):
		return fmt.Sprintf("counter Δ %s (%s%%), decimal %s (%s%%)", fc.DeltaTotal, fc.TierPct, dc.DeltaTotal, dc.TierPct)
	case fc.Percentile.Valid != dc.Percentile.Valid || !eq(fc.Percentile.Decimal, dc.Percentile.Decimal):
		return fmt.Sprintf("counter percentile %v, decimal %v", fc.Percentile, dc.Percentile)
	}
	fch, dch := fco.Change, dco.Change
	for i, pair := range [][2]decimal.Decimal{{fch.Base, dch.Base}, {fch.SignOnY1, dch.SignOnY1}, {fch.SignOnY2, dch.SignOnY2},
		{fch.Grant, dch.Grant}, {fch.Refresher, dch.Refresher}, {fch.BonusY1TopUp, dch.BonusY1TopUp}} {
		if !eq(pair[0], pair[1]) {
			return fmt.Sprintf("counter change input %d: %s, decimal %s", i, pair[0], pair[1])
		}
	}
	return ""
}

// TestFixedAgreesWithDecimal runs generated offers through the
// fixed-point path and the decimal path (Options.DecimalOnly) under every
// option set the benchmarks use, and wants the same Record from both.
// Half the offers are the generator's; the other half are the banded
// batch (SyntheticOptions.Banded), where most offers have a market band
// and a counter.
func TestFixedAgreesWithDecimal(t *testing.T) {
	n := diffOffers(t)
	sets := diffOptionSets(t)
	names := []string{"plain", "growth", "no-tax", "growth-no-tax", "five-years", "drafts"}
	per := max((n+len(names)-1)/len(names), 1) // at least n in all
	start := time.Now()
	for si, name := range names {
		opts := sets[name]
		fast, err := analyzer.NewEngine(opts)
		if err != nil {
			t.Fatal(err)
		}
		opts.DecimalOnly = true
		dec, err := analyzer.NewEngine(opts)
		if err != nil {
			t.Fatal(err)
		}
		workers := runtime.GOMAXPROCS(0)
		var wg sync.WaitGroup
		var mu sync.Mutex
		var fails []string
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				gen := analyzer.NewSyntheticWith(uint64(1000*si+w), analyzer.SyntheticOptions{Banded: w%2 == 1})
				for i := w; i < per; i += workers {
					o := gen.Next()
					if diff := bothPaths(fast, dec, &o); diff != "" {
						mu.Lock()
						fails = append(fails, fmt.Sprintf("%s: offer %s (%+v): %s", name, o.ID, o, diff))
						mu.Unlock()
						return
					}
				}
			}(w)
		}
		wg.Wait()
		for _, f := range fails {
			t.Error(f)
		}
	}
	t.Logf("%d offers through both paths in %s", per*len(names), time.Since(start).Round(time.Millisecond))
}

// FuzzFixedAgreesWithDecimal holds the two paths together on offers the
// fuzzer varies: pay in cents, bonus, refresher, vesting, company, level,
// location and residence, under the growth options (the harder one).
func FuzzFixedAgreesWithDecimal(f *testing.F) {
	f.Add(int64(18500000), int64(38000000), int64(2500000), int64(1000000), uint8(15), int64(0), uint8(0), uint8(1), uint8(0), uint8(0), true)
	f.Add(int64(25000012), int64(90000001), int64(0), int64(0), uint8(0), int64(5000000), uint8(2), uint8(3), uint8(2), uint8(3), false)
	f.Add(int64(100), int64(0), int64(1), int64(0), uint8(99), int64(1), uint8(5), uint8(2), uint8(4), uint8(5), true)
	sets := diffOptionSets(f)
	engines := map[bool][2]*analyzer.Engine{}
	for _, growth := range []bool{false, true} {
		opts := sets["plain"]
		if growth {
			opts = sets["growth"]
		}
		fast, err := analyzer.NewEngine(opts)
		if err != nil {
			f.Fatal(err)
		}
		opts.DecimalOnly = true
		dec, err := analyzer.NewEngine(opts)
		if err != nil {
			f.Fatal(err)
		}
		engines[growth] = [2]*analyzer.Engine{fast, dec}
	}
	companies := []string{"Amazon", "Google", "Meta", "Microsoft", "Stripe", "Acme"}
	vestings := []string{"amazon", "even", "google", "front-loaded", "meta", "startup", "10/20/30/40", "33.3/33.3/33.4"}
	levels := []string{"L5", "L6", "L7", "L4", "L8"}
	locations := []string{"Seattle", "Bay Area", "New York", "Austin", "Remote", "Chicago"}
	residences := []analyzer.Residence{"", analyzer.ResidenceCA, analyzer.ResidenceNY, analyzer.ResidenceNYC, analyzer.ResidenceWA, analyzer.ResidenceTX}
	f.Fuzz(func(t *testing.T, base, grant, signOn, refresher int64, bonus uint8, signOn2 int64, company, level, location, residence uint8, growth bool) {
		cents := func(v int64) decimal.Decimal { return decimal.New(v%1e12, -2).Abs() }
		o := analyzer.Offer{ID: "F-1", Candidate: "F", Company: companies[int(company)%len(companies)], CompanyType: "FAANG",
			Track: "SDE", Level: levels[int(level)%len(levels)], Location: locations[int(location)%len(locations)],
			Base: cents(base), SignOnY1: cents(signOn), SignOnY2: cents(signOn2), RSUValue: decimal.NewNullDecimal(cents(grant)),
			Refresher: cents(refresher), BonusPct: decimal.New(int64(bonus%100), -2),
			Schedule: analyzer.MustSchedule(vestings[int(company+level)%len(vestings)]), TaxResidence: residences[int(residence)%len(residences)]}
		if o.Base.IsZero() {
			o.Base = decimal.NewFromInt(1)
		}
		e := engines[growth]
		if diff := bothPaths(e[0], e[1], &o); diff != "" {
			t.Fatalf("%+v: %s", o, diff)
		}
	})
}
