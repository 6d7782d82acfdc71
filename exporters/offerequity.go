package exporters

import (
	"fmt"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
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

// privateEquityVerdict writes, under the verdict, which value a private
// grant counts at in the year table, the headline and the market
// comparison, and what the offer is worth at 0× and 1× of the preferred
// price; nothing for public RSUs.
func (wb *workbook) privateEquityVerdict(w *rowWriter, a *analyzer.Analysis) {
	v := a.Equity
	if v == nil {
		return
	}
	st := wb.st
	at0, _ := a.TotalAtExit(decimal.Zero)
	at1, _ := a.TotalAtExit(decimal.NewFromInt(1))
	w.add(excelize.Cell{StyleID: st.bold, Value: "Private equity"}, excelize.Cell{StyleID: st.textRight, Value: string(v.Basis)},
		excelize.Cell{StyleID: st.note, Value: fmt.Sprintf(
			"Startup %s count at %s in the year table, the headline and the market comparison. Over %d years the offer is worth %s if the equity is worth nothing (0×) and %s at an exit at the last preferred price (1×).",
			equityNoun(v.Type), v.Basis.Label(), len(a.Years), analyzer.Dollars(at0), analyzer.Dollars(at1))})
	w.skip()
}

func equityNoun(t analyzer.EquityType) string {
	if t == analyzer.EquityOptions {
		return "options"
	}
	return "private RSUs"
}

// startupTables writes the private grant's values side by side (409A,
// preferred, each exit multiple) year by year, its cost to exercise and
// ownership, and total rewards beside total comp; nothing for offers
// without them.
func (wb *workbook) startupTables(w *rowWriter, a *analyzer.Analysis) {
	st := wb.st
	m := func(d decimal.Decimal) any { return excelize.Cell{StyleID: st.money, Value: money(d)} }
	label := func(s string) any { return excelize.Cell{StyleID: st.label, Value: s} }
	if v := a.Equity; v != nil {
		wb.section(w, "Startup equity: what it is worth, side by side")
		strike := ""
		if v.Type == analyzer.EquityOptions {
			strike = fmt.Sprintf(", strike %s", centsText(v.Strike))
		}
		wb.noteRow(w, fmt.Sprintf("%s %s%s; last preferred price %s, 409A %s. No one number is certain: the 409A value is what the shares are worth today%s, the preferred value is the paper value a recruiter quotes, and the exits are what they would pay at a multiple of the preferred price%s.",
			groupDigits(v.Shares), equityNoun(v.Type), strike, centsText(v.Preferred), centsText(v.FMV409A),
			map[bool]string{true: " net of the strike", false: ""}[v.Type == analyzer.EquityOptions],
			map[bool]string{true: " net of the strike", false: ""}[v.Type == analyzer.EquityOptions]))
		names := []string{"Offer year", "Shares vesting", "At 409A", "At preferred (paper)"}
		for _, x := range v.Exits {
			names = append(names, "Exit "+x.Multiple.String()+"×")
		}
		w.header(wb.headerCells(names, 1)...)
		for _, y := range v.Years {
			cells := []any{fmt.Sprintf("Year %d", y.Year), excelize.Cell{StyleID: st.count, Value: y.VestedShares.InexactFloat64()},
				m(y.At409A), m(y.AtPreferred)}
			for _, e := range y.Exits {
				cells = append(cells, m(e))
			}
			w.add(cells...)
		}
		total := []any{label(fmt.Sprintf("Total (%d years)", len(v.Years))), nil, m(v.Total409A), m(v.TotalPreferred)}
		for _, x := range v.Exits {
			total = append(total, m(x.EquityTotal))
		}
		w.add(total...)
		offer := []any{label("Offer total with it"), nil, nil, nil}
		for _, x := range v.Exits {
			offer = append(offer, m(x.OfferTotal))
		}
		w.add(offer...)
		if v.Ownership.Valid {
			w.add(label("Ownership"), excelize.Cell{StyleID: st.textRight, Value: v.Ownership.Decimal.Round(6).String() + "%"},
				excelize.Cell{StyleID: st.note, Value: "shares ÷ fully diluted shares; ask in shares and for this percentage, not a dollar value"})
		}
		if v.ExerciseCost.Valid {
			w.add(label("Cost to exercise"), m(v.ExerciseCost.Decimal), excelize.Cell{StyleID: st.note, Value: "shares × strike"})
			w.add(label("Spread at exercise (409A)"), m(v.SpreadAt409A.Decimal), excelize.Cell{StyleID: st.note, Value: "shares × (409A − strike): what exercising today would be taxed on"})
			wb.noteRow(w, "Tax at exercise is not estimated: ISOs can trigger the alternative minimum tax (AMT) on the spread, and NSOs are taxed as income on the spread when exercised. Unexercised options are left out of the wages in the after-tax estimate.")
		} else {
			wb.noteRow(w, "Private RSUs are taxed like public RSUs, as wages when they vest (double-trigger RSUs at the liquidity event).")
		}
		if v.Acceleration != analyzer.AccelerationUnset {
			wb.noteRow(w, "Acceleration on acquisition: "+string(v.Acceleration)+"-trigger.")
		}
		w.skip()
	}
	if r := a.Rewards; r != nil {
		wb.section(w, "Total rewards (beside total comp, never in the market comparison)")
		w.header(wb.headerCells([]string{"Offer year", "Total comp", "401(k) match", "ESPP gain", "Benefits", "Total rewards"}, 1)...)
		for i, y := range r.Years {
			w.add(fmt.Sprintf("Year %d", y.Year), m(a.Years[i].Total), m(y.K401Match), m(y.ESPPGain), m(y.Benefits), m(y.TotalRewards))
		}
		w.add(label("Average"), nil, nil, nil, nil, m(r.Average))
		src := "no legal limits applied"
		if lim := wb.run.Options.Retirement; lim != nil {
			src = lim.Source
		}
		wb.noteRow(w, "401(k) match = match % × contributions up to the limit % of base; ESPP gain = contribution × d ÷ (1 − d), the stock bought capped at its yearly market-value limit. Limits: "+src+".")
		w.skip()
	}
}

// optionsWagesNote is what the after-tax table adds to its note for an
// options offer: the options are left out of the wages.
func optionsWagesNote(a *analyzer.Analysis) string {
	if a.Equity != nil && a.Equity.Type == analyzer.EquityOptions {
		return " Options are not wages until exercised: each year's wages are its total less the options vesting (RSU column)."
	}
	return ""
}

// groupDigits writes a share count with thousands separators, 40,000.
func groupDigits(d decimal.Decimal) string {
	s := d.String()
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + frac
}

// wagesFormula is the after-tax table's wages for one offer year: the
// year's total (column G of the year table), less the equity (column D)
// for options, which are not wages until exercised.
func wagesFormula(a *analyzer.Analysis, row int) string {
	if a.Equity != nil && a.Equity.Type == analyzer.EquityOptions {
		return fmt.Sprintf("G%d-D%d", row, row)
	}
	return fmt.Sprintf("G%d", row)
}

func init() {
	leverTitles[analyzer.LeverOwnership] = "Ownership (shares)"
	leverTitles[analyzer.LeverAcceleration] = "Single-trigger acceleration"
	leverTitles[analyzer.LeverBaseMatch] = "Base matched to FAANG"
}
