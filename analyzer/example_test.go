package analyzer_test

import (
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// ExampleAnalyze runs the guide's worked offer (base 175,000, RSU 300,000 on
// Amazon's 5/15/40/40, sign-on 80,000 / 60,000) through the engine.
func ExampleAnalyze() {
	offer := &analyzer.Offer{
		ID:       "seed-001",
		Base:     decimal.NewFromInt(175000),
		RSUValue: decimal.NewNullDecimal(decimal.NewFromInt(300000)),
		SignOnY1: decimal.NewFromInt(80000),
		SignOnY2: decimal.NewFromInt(60000),
		Schedule: analyzer.MustSchedule("amazon"),
	}
	a, err := analyzer.Analyze(offer, analyzer.DefaultOptions())
	if err != nil {
		panic(err)
	}
	for _, y := range a.Years {
		fmt.Printf("Y%d base %s sign-on %s rsu %s total %s\n", y.Year,
			y.Base.StringFixed(0), y.SignOn.StringFixed(0), y.RSU.StringFixed(0), y.Total.StringFixed(0))
	}
	fmt.Println("4-year total", a.Total.StringFixed(0))
	fmt.Println("average", a.Average.StringFixed(0), "two-year average", a.TwoYearAverage.StringFixed(0))
	// Output:
	// Y1 base 175000 sign-on 80000 rsu 15000 total 270000
	// Y2 base 175000 sign-on 60000 rsu 45000 total 280000
	// Y3 base 175000 sign-on 0 rsu 120000 total 295000
	// Y4 base 175000 sign-on 0 rsu 120000 total 295000
	// 4-year total 1140000
	// average 285000 two-year average 275000
}
