package exporters

import (
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/xuri/excelize/v2"
)

// fmtGap shows a take-home gap with a red minus: "-$21,800".
const fmtGap = `$#,##0;[Red]-$#,##0`

// afterTaxSummaryHeader adds Summary's after-tax columns (runs with tax
// tables only): the residence, each year's take-home, the H-year
// take-home and the years in which the offer takes home the most among its
// candidate's offers.
func (wb *workbook) afterTaxSummaryHeader(names []string, widths []float64) ([]string, []float64) {
	if wb.run.Options.Tax == nil {
		return names, widths
	}
	h := wb.run.years()
	names = append(names, "Tax residence")
	widths = append(widths, 13)
	for t := 1; t <= h; t++ {
		names = append(names, fmt.Sprintf("Y%d after tax", t))
		widths = append(widths, 12)
	}
	names = append(names, fmt.Sprintf("After tax (%d yr)", h), "Takes home the most")
	return names, append(widths, 13, 14)
}

// afterTaxSummaryCells are record i's cells under afterTaxSummaryHeader;
// figures are blank, never zero, without a residence.
func (wb *workbook) afterTaxSummaryCells(cells []any, i int, r *analyzer.Record) []any {
	if wb.run.Options.Tax == nil {
		return cells
	}
	st, h := wb.st, wb.run.years()
	if !r.TaxKnown {
		cells = append(cells, indented(st, "none"))
		for range h + 2 {
			cells = append(cells, nil)
		}
		return cells
	}
	res := r.TaxResidence
	if res == string(analyzer.ResidenceCA) && wb.run.Options.Tax.CACaveat != "" {
		res += " (2025 schedules)"
	}
	cells = append(cells, indented(st, res))
	for t := range h {
		if t < len(r.TakeHome) {
			cells = append(cells, wb.moneyCell(r.TakeHome[t]))
		} else {
			cells = append(cells, nil)
		}
	}
	best := ""
	if stats, err := wb.run.stats(); err == nil {
		best = stats.candidates.bestYears(i)
	}
	return append(cells, fixedCell(st.moneyTotal, r.TakeHomeTotal, analyzer.MoneyPlaces), indented(st, best))
}

// afterTaxCandidateRows are the Candidates sheet's after-tax rows for the
// candidate of table t, written with the table's row function: the
// residence, each year's take-home with the offer taking home the most, the
// H-year take-home, how far each offer is behind the best, tax and payroll
// paid over the horizon and their share of pay. Runs without tax tables get
// none.
func (wb *workbook) afterTaxCandidateRows(t *candidateTable) {
	run := wb.run
	if run.Options.Tax == nil {
		return
	}
	x, c, row := t.cands, t.b.cand, t.row
	st, h := wb.st, run.years()
	gapStyle := wb.gapStyle()
	known := func(get func(r *analyzer.Record) any) func(r *analyzer.Record) any {
		return func(r *analyzer.Record) any {
			if !r.TaxKnown {
				return nil
			}
			return get(r)
		}
	}
	caveat := false
	row("Tax residence", func(r *analyzer.Record) any {
		v := "none: give tax_residence"
		if r.TaxKnown {
			v = r.TaxResidence + ", " + r.TaxFiling
			if r.TaxResidence == string(analyzer.ResidenceCA) && run.Options.Tax.CACaveat != "" {
				v += " *"
				caveat = true
			}
		}
		return excelize.Cell{StyleID: st.textRight, Value: v}
	}, "")
	for y := range h {
		row(fmt.Sprintf("Year %d take-home", y+1), known(func(r *analyzer.Record) any {
			if y < len(r.TakeHome) {
				return wb.moneyCell(r.TakeHome[y])
			}
			return nil
		}), t.winner(x.winner(c, x.takeHomeSlot(c, y))))
	}
	bestPos := x.winner(c, x.takeHomeTotalSlot(c))
	row(fmt.Sprintf("Take-home (%d years)", h), known(func(r *analyzer.Record) any {
		return fixedCell(st.moneyTotal, r.TakeHomeTotal, analyzer.MoneyPlaces)
	}), t.winner(bestPos))
	if best, ok := t.takeHomeExact(bestPos); ok {
		row("Take-home vs the best", known(func(r *analyzer.Record) any {
			return excelize.Cell{StyleID: gapStyle, Value: money(r.TakeHomeExact.Sub(best))}
		}), "")
	}
	row(fmt.Sprintf("Tax and payroll (%d years)", h), known(func(r *analyzer.Record) any { return wb.moneyCell(r.TaxPaid) }), "")
	row("Share of pay to tax", known(func(r *analyzer.Record) any { return fixedCell(st.percent, r.TaxShare, 6) }), "")
	if caveat {
		row("* "+run.Options.Tax.CACaveat, func(*analyzer.Record) any { return nil }, "")
	}
}

// afterTaxCandidateRowCount is how many rows afterTaxCandidateRows writes
// at most, for the sheet's row budget.
func (wb *workbook) afterTaxCandidateRowCount() int {
	if wb.run.Options.Tax == nil {
		return 0
	}
	return wb.run.years() + 6
}

// gapStyle is the money style with a red minus, created once.
func (wb *workbook) gapStyle() int {
	if wb.gapStyleID == 0 {
		id, err := wb.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 11, Bold: true}, CustomNumFmt: ptr(fmtGap)})
		if err != nil {
			return wb.st.money
		}
		wb.gapStyleID = id
	}
	return wb.gapStyleID
}

// afterTaxAssumptions are the After tax section of the About sheet: the
// tax year, the assumptions in words and every source of the tax tables as
// written, with its confidence. Runs without tax tables get none.
func (wb *workbook) afterTaxAssumptions() [][2]string {
	o := wb.run.Options
	if o.Tax == nil {
		return nil
	}
	source := o.TaxSource
	if source == "" {
		source = "tax tables given to the run"
	}
	fs := o.FilingStatus
	if fs == "" {
		fs = analyzer.FilingSingle
	}
	out := [][2]string{
		{"Tax year", "2026: the 2026 federal brackets, standard deduction, SALT cap, Social Security wage base and state tables (" + source +
			"). 2026 law is applied to every offer year; brackets are not projected."},
	}
	if o.Tax.CACaveat != "" {
		out = append(out, [2]string{"California", o.Tax.CACaveat + ": California's brackets, standard deduction and exemption credit " +
			"are the 2025 ones (the 2026 withholding tables reuse them); every California figure says so."})
	}
	out = append(out,
		[2]string{"What is taxed", "Each offer year's total (base, sign-on, RSU vests, refreshers, bonus) as W-2 wages of that year. " +
			"Assumed: no other income, no pre-tax deductions (401k, HSA), no credits for children; relocation is left out."},
		[2]string{"Residence", "From tax_residence (WA, CA, NY outside New York City, NYC, TX), else the location: Seattle → WA, " +
			"Bay Area → CA (San Francisco has no personal income tax), New York → NYC, Austin → TX. A Remote offer without a " +
			"tax_residence has no after-tax figure (blank, never zero)."},
		[2]string{"Filing status", "From filing_status (single, or mfj: married filing jointly, the offer's wages as the couple's only income), " +
			"else the run's filing status: " + filingName(fs) + "."},
		[2]string{"Order", "FICA (Social Security to the wage base, Medicare, Additional Medicare); then state and city income tax " +
			"(CA with its 1% Behavioral Health Services Tax and exemption-credit phase-out; NY with its supplemental tax; NYC less the " +
			"school tax credit); state payroll (CA SDI, NY PFL and disability, WA PFML and WA Cares); then federal, on wages less the " +
			"larger of the standard deduction and state + city income tax up to the SALT cap. Take-home = wages − all of these."},
		[2]string{"Owed, not withheld", "The figures are the tax owed for the year, not what the paycheck withholds: RSU vests " +
			"are withheld at a flat 22% federal supplemental rate, lower than the tax owed at these incomes, so expect to pay the " +
			"difference when filing."},
		[2]string{"Tax sheet", "The tables used, as numbers the offer sheets' After tax tables refer to by formula (edit one and they follow), " +
			"and every row of the tax tables with its source and confidence."},
	)
	seen := map[string]bool{}
	for _, r := range o.Tax.Rows {
		k := r.Source + "\x00" + r.Confidence
		if seen[k] {
			continue
		}
		seen[k] = true
		l := ""
		if len(seen) == 1 {
			l = "Sources"
		}
		text := r.Source
		if r.Confidence != "" {
			text += " (" + r.Confidence + ")"
		}
		out = append(out, [2]string{l, text})
	}
	return out
}
