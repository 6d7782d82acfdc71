package analyzer_test

import (
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestWorkedCheck(t *testing.T) {
	o := &analyzer.Offer{ID: "w", Base: d("175000"), RSUValue: decimal.NewNullDecimal(d("300000")),
		SignOnY1: d("80000"), SignOnY2: d("60000"), Schedule: analyzer.MustSchedule("amazon")}
	a, err := analyzer.Analyze(o, analyzer.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"270000", "280000", "295000", "295000"} {
		if !a.Years[i].Total.Equal(d(want)) {
			t.Errorf("year %d total = %s, want %s", i+1, a.Years[i].Total, want)
		}
	}
	if !a.Total.Equal(d("1140000")) {
		t.Errorf("total = %s", a.Total)
	}
}
