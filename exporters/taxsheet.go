package exporters

import (
	"fmt"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// sheetTax is the sheet holding the tax tables the after-tax formulas use.
const sheetTax = "Tax"

// fmtRate shows a tax rate with as many places as it has (6.2%, 0.807159%).
const fmtRate = "0.0#####%"

// taxPlan is where the Tax sheet puts each figure the offer sheets'
// after-tax formulas refer to. It is planned once per workbook from the
// run's tax tables, and the Tax sheet is written from the same plan.
type taxPlan struct {
	tables *analyzer.TaxTables
	// w keeps the sheet's rows until writeTax replays them.
	w *rowWriter
	// param[key] is the row of a rule figure; column B is single, C mfj.
	param map[string]int
	// payroll[status][jurisdiction] are the rows of each payroll rate (in
	// the rules' order): C rate, D cap, E max. above is the same for
	// surcharges: C rate, D lower.
	payroll, above map[analyzer.FilingStatus]map[string][]int
	// sched[status][jurisdiction] is a bracket table's first and last row:
	// A lower, B rate, C rate step, D tax below, E recapture.
	sched map[analyzer.FilingStatus]map[string][2]int
	// rateStyle and centsStyle are the sheet's own number formats.
	rateStyle, centsStyle int
}

// statusCol is the column of a filing status in the rules block.
func statusCol(fs analyzer.FilingStatus) string {
	if fs == analyzer.FilingMFJ {
		return "C"
	}
	return "B"
}

// taxRef returns an absolute reference to a cell of the Tax sheet.
func taxRef(col string, row int) string { return fmt.Sprintf("Tax!$%s$%d", col, row) }

// p returns the reference of a rule figure for a filing status.
func (p *taxPlan) p(key string, fs analyzer.FilingStatus) string {
	return taxRef(statusCol(fs), p.param[key])
}

// cents and rate are the Tax sheet's money and rate cells; nullCents and
// nullRate leave a missing figure blank.
func (p *taxPlan) cents(d decimal.Decimal) any {
	return excelize.Cell{StyleID: p.centsStyle, Value: d.InexactFloat64()}
}

func (p *taxPlan) rate(d decimal.Decimal) any {
	return excelize.Cell{StyleID: p.rateStyle, Value: d.InexactFloat64()}
}

func (p *taxPlan) nullCents(d decimal.NullDecimal) any {
	if !d.Valid {
		return nil
	}
	return p.cents(d.Decimal)
}

func (p *taxPlan) nullRate(d decimal.NullDecimal) any {
	if !d.Valid {
		return nil
	}
	return p.rate(d.Decimal)
}

// has reports whether either filing status has a bracket table for
// jurisdiction j.
func (p *taxPlan) has(j string) bool {
	_, a := p.tables.Rules(analyzer.FilingSingle).Schedules[j]
	_, b := p.tables.Rules(analyzer.FilingMFJ).Schedules[j]
	return a || b
}

// taxSheetPlan plans the Tax sheet, or returns nil when the run has no tax
// tables. The plan is built once and kept.
func (wb *workbook) taxSheetPlan() (*taxPlan, error) {
	if wb.run.Options.Tax == nil {
		return nil, nil
	}
	if wb.tax != nil {
		return wb.tax, nil
	}
	p := &taxPlan{tables: wb.run.Options.Tax, w: keptRows(), param: map[string]int{},
		payroll: map[analyzer.FilingStatus]map[string][]int{}, above: map[analyzer.FilingStatus]map[string][]int{},
		sched: map[analyzer.FilingStatus]map[string][2]int{}}
	var err error
	if p.rateStyle, err = wb.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 11}, CustomNumFmt: ptr(fmtRate)}); err != nil {
		return nil, err
	}
	if p.centsStyle, err = wb.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 11}, CustomNumFmt: ptr(fmtMoneyCents)}); err != nil {
		return nil, err
	}
	wb.taxHeading(p)
	nyJ0Row := wb.taxRules(p)
	wb.taxPayroll(p)
	wb.taxBrackets(p)
	if nyJ0Row > 0 {
		wb.taxNYJ0(p, nyJ0Row)
	}
	wb.taxSources(p)
	wb.tax = p
	return p, nil
}

// taxHeading writes the Tax sheet's title and where its tables come from.
func (wb *workbook) taxHeading(p *taxPlan) {
	st, w, t := wb.st, p.w, p.tables
	note := func(s string) { w.add(excelize.Cell{StyleID: st.note, Value: s}) }
	w.add(excelize.Cell{StyleID: st.title, Value: "Tax tables used for the after-tax estimate"})
	source := wb.run.Options.TaxSource
	if source == "" {
		source = "tax tables given to the run"
	}
	note("Tables: " + source + ". Tax law of 2026 is applied to every offer year.")
	if t.CACaveat != "" {
		note(t.CACaveat + ": every California figure below is from the 2025 schedules.")
	}
	note("The after-tax tables on the offer sheets are formulas over this sheet: edit a figure here, or an offer's base, and they follow.")
	w.skip()
}

// taxRule is one figure of the rules block: its key in taxPlan.param, its
// label, how it is used, how it is read from a filing status's rules and
// whether it is a rate.
type taxRule struct {
	key, label, use string
	get             func(r *analyzer.TaxRules) decimal.Decimal
	isRate          bool
}

// taxRules writes the rules block, one figure per row, single in B and mfj
// in C, and returns the row kept for New York's j0 (0 for none): a MATCH
// over the bracket tables, filled once their rows are known (taxNYJ0).
func (wb *workbook) taxRules(p *taxPlan) (nyJ0Row int) {
	st, w, t := wb.st, p.w, p.tables
	single, mfj := t.Rules(analyzer.FilingSingle), t.Rules(analyzer.FilingMFJ)
	w.add(excelize.Cell{StyleID: st.section, Value: "Rules"})
	w.add(wb.headerCells([]string{"Rule", "Single", "Married filing jointly", "How it is used"}, 1)...)
	for _, rr := range p.ruleRows() {
		cell := p.cents
		switch {
		case rr.isRate:
			cell = p.rate
		case rr.key == "ca_filers":
			cell = func(d decimal.Decimal) any { return excelize.Cell{StyleID: st.count, Value: d.InexactFloat64()} }
		}
		p.param[rr.key] = w.add(excelize.Cell{StyleID: st.label, Value: rr.label}, cell(rr.get(single)), cell(rr.get(mfj)), textCell(rr.use))
	}
	if p.has("NY") && (single.NYSuppJ0 >= 0 || mfj.NYSuppJ0 >= 0) {
		w.skip()
		nyJ0Row = w.row
		p.param["ny_j0"] = nyJ0Row
	}
	w.skip()
	return nyJ0Row
}

// ruleRows are the rules block's figures: federal and SALT always, then
// California's and New York's when the tables have their brackets.
func (p *taxPlan) ruleRows() []taxRule {
	t := p.tables
	std := func(j string) func(r *analyzer.TaxRules) decimal.Decimal {
		return func(r *analyzer.TaxRules) decimal.Decimal { return r.StateStd[j] }
	}
	konst := func(d decimal.Decimal) func(*analyzer.TaxRules) decimal.Decimal {
		return func(*analyzer.TaxRules) decimal.Decimal { return d }
	}
	rules := []taxRule{
		{"fed_std", "Federal standard deduction", "deduction = the larger of this and the SALT itemized deduction",
			func(r *analyzer.TaxRules) decimal.Decimal { return r.FederalStd }, false},
		{"salt_cap", "SALT deduction cap", "state + city income tax deductible up to this",
			func(r *analyzer.TaxRules) decimal.Decimal { return r.SALTCap }, false},
		{"salt_start", "SALT cap phase-down starts at wages of", "",
			func(r *analyzer.TaxRules) decimal.Decimal { return r.SALTPhaseStart }, false},
		{"salt_rate", "SALT cap falls by this share of wages above it", "",
			func(r *analyzer.TaxRules) decimal.Decimal { return r.SALTPhaseRate }, true},
		{"salt_floor", "SALT cap never below", "",
			func(r *analyzer.TaxRules) decimal.Decimal { return r.SALTFloor }, false},
	}
	if p.has("CA") {
		rules = append(rules,
			taxRule{"ca_std", "California standard deduction", t.CACaveat, std("CA"), false},
			taxRule{"ca_credit", "California personal exemption credit", "subtracted from the tax",
				func(r *analyzer.TaxRules) decimal.Decimal { return r.CACredit }, false},
			taxRule{"ca_credit_start", "Credit phase-out starts at wages of", "",
				func(r *analyzer.TaxRules) decimal.Decimal { return r.CACreditStart }, false},
			taxRule{"ca_credit_step", "Credit falls per filer, per step", "",
				func(r *analyzer.TaxRules) decimal.Decimal { return r.CACreditStep }, false},
			taxRule{"ca_step", "Step: each part of this much wages above the start", "",
				konst(analyzer.CACreditStepWidth), false},
			taxRule{"ca_filers", "Filers", "", func(r *analyzer.TaxRules) decimal.Decimal { return r.CAFilers }, false})
	}
	if p.has("NY") {
		rules = append(rules,
			taxRule{"ny_std", "New York standard deduction", "also the NYC taxable income", std("NY"), false},
			taxRule{"ny_thr", "NY supplemental tax above NY AGI of", "",
				func(r *analyzer.TaxRules) decimal.Decimal { return r.NYSuppThreshold }, false},
			taxRule{"ny_phase", "Each recapture phases in over", "", konst(analyzer.NYSuppPhaseIn), false},
			taxRule{"nyc_base", "NYC school credit: base", "rounded to whole dollars with the rest of the credit",
				func(r *analyzer.TaxRules) decimal.Decimal { return r.NYCCreditBase }, false},
			taxRule{"nyc_rate", "NYC school credit: rate above the threshold", "",
				func(r *analyzer.TaxRules) decimal.Decimal { return r.NYCCreditRate }, true},
			taxRule{"nyc_thr", "NYC school credit: threshold", "",
				func(r *analyzer.TaxRules) decimal.Decimal { return r.NYCCreditThreshold }, false},
			taxRule{"nyc_low", "NYC school credit: rate up to the threshold", "", konst(analyzer.NYCLowCreditRate), true},
			taxRule{"nyc_max", "NYC school credit: only while taxable income is at most", "",
				func(r *analyzer.TaxRules) decimal.Decimal { return r.NYCCreditMaxTI }, false},
			taxRule{"nyc_fixed", "NYC school credit: fixed part", "",
				func(r *analyzer.TaxRules) decimal.Decimal { return r.NYCCreditFixed }, false},
			taxRule{"nyc_fixed_max", "Fixed part only while wages are at most", "", konst(analyzer.NYCFixedCreditMaxIncome), false})
	}
	return rules
}

// taxPayroll writes the payroll contributions and surcharges, per filing
// status and jurisdiction.
func (wb *workbook) taxPayroll(p *taxPlan) {
	w := p.w
	w.add(excelize.Cell{StyleID: wb.st.section, Value: "Payroll contributions and surcharges"})
	w.add(wb.headerCells([]string{"Filing status", "Jurisdiction", "Rate", "Wage cap / above", "Most per year"}, 2)...)
	for _, fs := range analyzer.FilingStatuses {
		r := p.tables.Rules(fs)
		p.payroll[fs], p.above[fs] = map[string][]int{}, map[string][]int{}
		for _, j := range []string{"US-FICA", "CA", "NY", "NYC", "WA", "TX"} {
			list := r.Payroll[j]
			if j == "US-FICA" {
				list = r.FICA
			}
			for _, pr := range list {
				p.payroll[fs][j] = append(p.payroll[fs][j],
					w.add(string(fs), j+" payroll", p.rate(pr.Rate), p.nullCents(pr.Cap), p.nullCents(pr.Max)))
			}
			ab := r.StateAbove[j]
			if j == "US-FICA" {
				ab = r.FICAAbove
			}
			for _, s := range ab {
				p.above[fs][j] = append(p.above[fs][j], w.add(string(fs), j+" surcharge", p.rate(s.Rate), p.cents(s.Lower)))
			}
		}
	}
	w.skip()
}

// taxJurisdictionNames name the bracket tables.
var taxJurisdictionNames = map[string]string{"US": "Federal", "CA": "California", "NY": "New York State", "NYC": "New York City",
	"WA": "Washington", "TX": "Texas"}

// taxBrackets writes a bracket table per filing status and jurisdiction:
// lower, rate, the step in rate (for SUMPRODUCT), the tax below the lower
// bound and New York's recapture R_j.
func (wb *workbook) taxBrackets(p *taxPlan) {
	w, t := p.w, p.tables
	for _, fs := range analyzer.FilingStatuses {
		r := t.Rules(fs)
		p.sched[fs] = map[string][2]int{}
		for _, j := range []string{"US", "CA", "NY", "NYC", "WA", "TX"} {
			s, ok := r.Schedules[j]
			if j == "US" {
				s, ok = r.Federal, true
			}
			if !ok || len(s) == 0 {
				continue
			}
			title := fmt.Sprintf("%s brackets, %s", taxJurisdictionNames[j], fs)
			if j == "CA" && t.CACaveat != "" {
				title += " (" + t.CACaveat + ")"
			}
			w.add(excelize.Cell{StyleID: wb.st.section, Value: title})
			w.add(wb.headerCells([]string{"Taxable income from", "Rate", "Rate step", "Tax below", "NY recapture R"}, 0)...)
			first := w.row + 1
			for i, b := range s {
				row := first + i
				step := excelize.Cell{StyleID: p.rateStyle, Formula: fmt.Sprintf("B%d", row), Value: b.Rate.InexactFloat64()}
				below := any(excelize.Cell{StyleID: p.centsStyle, Value: 0})
				if i > 0 {
					step = excelize.Cell{StyleID: p.rateStyle, Formula: fmt.Sprintf("B%d-B%d", row, row-1), Value: b.Rate.Sub(s[i-1].Rate).InexactFloat64()}
					below = excelize.Cell{StyleID: p.centsStyle, Formula: fmt.Sprintf("D%d+B%d*(A%d-A%d)", row-1, row-1, row, row-1),
						Value: b.Below.InexactFloat64()}
				}
				var recapture any
				if j == "NY" {
					recapture = excelize.Cell{StyleID: p.centsStyle, Formula: fmt.Sprintf("B%d*A%d-D%d", row, row, row), Value: b.Recapture.InexactFloat64()}
				}
				w.add(p.cents(b.Lower), p.rate(b.Rate), step, below, recapture)
			}
			p.sched[fs][j] = [2]int{first, w.row}
			w.skip()
		}
	}
}

// taxNYJ0 fills the row taxRules kept for New York's j0: the bracket of the
// NY taxable income at the supplemental threshold, a MATCH over the NY
// bracket table.
func (wb *workbook) taxNYJ0(p *taxPlan, row int) {
	cells := []any{excelize.Cell{StyleID: wb.st.label, Value: "NY supplemental tax: bracket number j0 at the threshold"}}
	for _, fs := range analyzer.FilingStatuses {
		if _, ok := p.sched[fs]["NY"]; !ok {
			cells = append(cells, nil)
			continue
		}
		cells = append(cells, excelize.Cell{Formula: fmt.Sprintf("MATCH(MAX(0,%s-%s),%s,1)",
			taxRef(statusCol(fs), p.param["ny_thr"]), taxRef(statusCol(fs), p.param["ny_std"]), p.col(fs, "NY", "A")),
			Value: p.tables.Rules(fs).NYSuppJ0 + 1})
	}
	cells = append(cells, "the bracket of the NY taxable income at that AGI (1 = the first)")
	p.w.fill(row, cells...)
}

// taxSources lists every row of the tax tables as read, each source as
// written.
func (wb *workbook) taxSources(p *taxPlan) {
	w := p.w
	w.add(excelize.Cell{StyleID: wb.st.section, Value: "Sources: every row of the tax tables as read"})
	w.add(wb.headerCells([]string{"Source", "Confidence", "Jurisdiction", "Filing status", "Kind", "Lower", "Upper", "Rate", "Amount", "Note"}, -1)...)
	for _, x := range p.tables.Rows {
		w.add(textCell(x.Source), textCell(x.Confidence), x.Jurisdiction, x.Status, x.Kind,
			p.nullCents(x.Lower), p.nullCents(x.Upper), p.nullRate(x.Rate), p.nullCents(x.Amount), textCell(x.Note))
	}
}

// col returns the absolute range of one column of a bracket table.
func (p *taxPlan) col(fs analyzer.FilingStatus, j, col string) string {
	r := p.sched[fs][j]
	return fmt.Sprintf("Tax!$%s$%d:$%s$%d", col, r[0], col, r[1])
}

// writeTax writes the Tax sheet from the plan; a run without tax tables has none.
func (wb *workbook) writeTax() error {
	p, err := wb.taxSheetPlan()
	if p == nil || err != nil {
		return err
	}
	sw, err := wb.f.NewStreamWriter(sheetTax)
	if err != nil {
		return err
	}
	for i, width := range []float64{44, 16, 16, 16, 16, 12, 12, 10, 12, 60} {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := printSetup(wb.f, sheetTax); err != nil {
		return err
	}
	// Its ten columns, not the notes that run on past them: one page wide.
	if err := printArea(wb.f, sheetTax, "$A:$J"); err != nil {
		return err
	}
	if err := p.w.replay(sw); err != nil {
		return err
	}
	return sw.Flush()
}
