package exporters

import (
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
)

// startupColumns are the results columns of private equity and total
// rewards, after every other column; blank for offers without them.
func startupColumns(h int) []resultColumn {
	fixed := func(get func(r *analyzer.Record) analyzer.Fixed, places int32) func(r *analyzer.Record) value {
		return func(r *analyzer.Record) value { return fixedText(get(r), places) }
	}
	cols := []resultColumn{
		{"equity_type", func(r *analyzer.Record) value { return text(r.EquityType) }},
		{"private_equity_value", func(r *analyzer.Record) value { return text(r.EquityBasis) }},
		{"equity_value_409a_total", cents(func(r *analyzer.Record) analyzer.Fixed { return r.Equity409A })},
		{"equity_value_preferred_total", cents(func(r *analyzer.Record) analyzer.Fixed { return r.EquityPreferred })},
		{"ownership_pct", fixed(func(r *analyzer.Record) analyzer.Fixed { return r.Ownership }, analyzer.OwnershipPlaces)},
		{"exercise_cost", cents(func(r *analyzer.Record) analyzer.Fixed { return r.ExerciseCost })},
		{"total_at_exit_0x", cents(func(r *analyzer.Record) analyzer.Fixed { return r.TotalAtZero })},
		{"total_at_exit_1x", cents(func(r *analyzer.Record) analyzer.Fixed { return r.TotalAtOne })},
	}
	for t := 1; t <= h; t++ {
		i := t - 1
		cols = append(cols, resultColumn{fmt.Sprintf("y%d_total_rewards", t), func(r *analyzer.Record) value {
			if i >= len(r.TotalRewards) {
				return blank
			}
			return moneyValue(r.TotalRewards[i])
		}})
	}
	return append(cols, resultColumn{"total_rewards_average", cents(func(r *analyzer.Record) analyzer.Fixed { return r.TotalRewardsAverage })})
}
