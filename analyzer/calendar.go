package analyzer

import (
	"sort"
	"time"

	"github.com/shopspring/decimal"
)

// calendar splits the offer-year cash by calendar year (see "Calendar years" in docs/METHOD.md): base and
// bonus pro rata by day across each offer year, sign-on on the start date
// and the first anniversary, each vest on its vest date (grant k of the
// refresher is granted at anniversary k−1). Only cash of offer years 1..H is
// counted, so the calendar totals add up to the H-year total exactly.
func (e *Engine) calendar(o *Offer, g decimal.Decimal) []YearTotals {
	h := e.opts.Years
	start := time.Date(o.StartDate.Year(), o.StartDate.Month(), o.StartDate.Day(), 0, 0, 0, 0, time.UTC)
	byYear := map[int]*YearTotals{}
	at := func(year int) *YearTotals {
		y, ok := byYear[year]
		if !ok {
			y = &YearTotals{Year: year}
			byYear[year] = y
		}
		return y
	}
	years := e.yearTable(inputsOf(o), g, e.growth, nil)
	for t := 1; t <= h; t++ {
		from := start.AddDate(t-1, 0, 0)
		to := start.AddDate(t, 0, 0)
		splitByDays(from, to, years[t-1].Base, func(year int, part decimal.Decimal) { c := at(year); c.Base = c.Base.Add(part) })
		splitByDays(from, to, years[t-1].Bonus, func(year int, part decimal.Decimal) { c := at(year); c.Bonus = c.Bonus.Add(part) })
		if !years[t-1].SignOn.IsZero() {
			c := at(from.Year())
			c.SignOn = c.SignOn.Add(years[t-1].SignOn)
		}
	}
	// Vests of the initial grant and of each refresher grant k = 2..H.
	vest := func(grantValue decimal.Decimal, grantYear int, add func(*YearTotals, decimal.Decimal)) {
		for _, v := range o.Schedule.Vests {
			t := grantYear - 1 + (v.Month+11)/12
			if t > h || v.Percent.IsZero() {
				continue
			}
			when := start.AddDate(0, 12*(grantYear-1)+v.Month, 0)
			add(at(when.Year()), grantValue.Mul(v.Percent).Shift(-2).Mul(e.growth[t]))
		}
	}
	if !g.IsZero() {
		vest(g, 1, func(c *YearTotals, d decimal.Decimal) { c.RSU = c.RSU.Add(d) })
	}
	if !o.Refresher.IsZero() {
		for k := 2; k <= h; k++ {
			vest(o.Refresher, k, func(c *YearTotals, d decimal.Decimal) { c.Refresh = c.Refresh.Add(d) })
		}
	}
	out := make([]YearTotals, 0, len(byYear))
	for _, c := range byYear {
		c.Total = c.Base.Add(c.SignOn).Add(c.RSU).Add(c.Refresh).Add(c.Bonus)
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out
}

// splitByDays spreads amount over [from, to) by the share of days falling in
// each calendar year; the last year takes the remainder so the parts add up
// to amount exactly.
func splitByDays(from, to time.Time, amount decimal.Decimal, add func(year int, part decimal.Decimal)) {
	if amount.IsZero() {
		return
	}
	total := decimal.NewFromInt(int64(days(from, to)))
	left := amount
	for cur := from; cur.Before(to); {
		next := time.Date(cur.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
		if !next.Before(to) {
			add(cur.Year(), left)
			return
		}
		part := amount.Mul(decimal.NewFromInt(int64(days(cur, next)))).DivRound(total, 16)
		add(cur.Year(), part)
		left = left.Sub(part)
		cur = next
	}
}

func days(from, to time.Time) int { return int(to.Sub(from).Hours()/24 + 0.5) }
