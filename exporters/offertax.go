package exporters

import (
	"fmt"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// afterTaxHeaders are the columns of the offer sheet's after-tax table.
var afterTaxHeaders = []string{"Offer year", "Wages (year total)", "Federal", "FICA", "State", "City", "State payroll",
	"Take-home", "Federal deduction"}

// taxFormulas builds the after-tax formulas of one residence and filing
// status over the Tax sheet. Each mirrors one rule function of the
// analyzer, term for term, so Excel and LibreOffice compute the analyzer's
// figures and follow an edited base.
type taxFormulas struct {
	p   *taxPlan
	fs  analyzer.FilingStatus
	res analyzer.Residence
	r   *analyzer.TaxRules
}

// scheduleTax is the tax on x by a bracket table, as a sum of rate steps:
// Σ (x > L_i) × (x − L_i) × (rate_i − rate_(i−1)).
func (f taxFormulas) scheduleTax(j, x string) string {
	l, d := f.p.col(f.fs, j, "A"), f.p.col(f.fs, j, "C")
	return fmt.Sprintf("SUMPRODUCT((%s>%s)*(%s-%s)*%s)", x, l, x, l, d)
}

// payroll sums a jurisdiction's payroll rates: rate × MIN(W, cap), at most max.
func (f taxFormulas) payroll(j, w string) string {
	var list []analyzer.PayrollRate
	if j == "US-FICA" {
		list = f.r.FICA
	} else {
		list = f.r.Payroll[j]
	}
	var terms []string
	for i, pr := range list {
		row := f.p.payroll[f.fs][j][i]
		base := w
		if pr.Cap.Valid {
			base = fmt.Sprintf("MIN(%s,%s)", w, taxRef("D", row))
		}
		term := fmt.Sprintf("%s*%s", taxRef("C", row), base)
		if pr.Max.Valid {
			term = fmt.Sprintf("MIN(%s,%s)", term, taxRef("E", row))
		}
		terms = append(terms, term)
	}
	return sumTerms(terms)
}

// surcharges sums rate × MAX(0, x − lower) over a jurisdiction's surcharges.
func (f taxFormulas) surcharges(j, x string) string {
	var terms []string
	for _, row := range f.p.above[f.fs][j] {
		terms = append(terms, fmt.Sprintf("%s*MAX(0,%s-%s)", taxRef("C", row), x, taxRef("D", row)))
	}
	return sumTerms(terms)
}

func sumTerms(terms []string) string {
	if len(terms) == 0 {
		return "0"
	}
	return strings.Join(terms, "+")
}

// fica is Social Security, Medicare and Additional Medicare.
func (f taxFormulas) fica(w string) string {
	s := f.payroll("US-FICA", w)
	if a := f.surcharges("US-FICA", w); a != "0" {
		s += "+" + a
	}
	return s
}

// state is the state income tax (New York State's for NYC).
func (f taxFormulas) state(w string) string {
	p := func(k string) string { return f.p.p(k, f.fs) }
	switch f.res {
	case analyzer.ResidenceCA:
		ti := fmt.Sprintf("MAX(0,%s-%s)", w, p("ca_std"))
		credit := fmt.Sprintf("IF(%[1]s>%[2]s,MAX(0,%[3]s-ROUNDUP((%[1]s-%[2]s)/%[4]s,0)*%[5]s*%[6]s),%[3]s)",
			w, p("ca_credit_start"), p("ca_credit"), p("ca_step"), p("ca_credit_step"), p("ca_filers"))
		return fmt.Sprintf("MAX(0,%s+%s-%s)", f.scheduleTax("CA", ti), f.surcharges("CA", ti), credit)
	case analyzer.ResidenceNY, analyzer.ResidenceNYC:
		ti := fmt.Sprintf("MAX(0,%s-%s)", w, p("ny_std"))
		s := f.scheduleTax("NY", ti)
		if _, ok := f.p.param["ny_j0"]; ok && f.r.NYSuppJ0 >= 0 {
			l, r := f.p.col(f.fs, "NY", "A"), f.p.col(f.fs, "NY", "E")
			k := fmt.Sprintf("MATCH(%s,%s,1)", ti, l)
			j0 := p("ny_j0")
			phase := func(x string) string { return fmt.Sprintf("MIN(1,MAX(0,%s)/%s)", x, p("ny_phase")) }
			s += fmt.Sprintf("+IF(%[1]s<=%[2]s,0,IF(%[3]s<%[4]s,0,IF(%[3]s=%[4]s,INDEX(%[5]s,%[3]s)*%[6]s,"+
				"INDEX(%[5]s,%[3]s-1)+(INDEX(%[5]s,%[3]s)-INDEX(%[5]s,%[3]s-1))*%[7]s)))",
				w, p("ny_thr"), k, j0, r, phase(w+"-"+p("ny_thr")), phase(fmt.Sprintf("%s-INDEX(%s,%s)", w, l, k)))
		}
		return s
	}
	return f.scheduleTax(string(f.res), w)
}

// statePayroll is the residence's payroll contributions (New York's for NYC).
func (f taxFormulas) statePayroll(w string) string {
	j := string(f.res)
	if f.res == analyzer.ResidenceNYC {
		j = "NY"
	}
	return f.payroll(j, w)
}

// deduction is the larger of the standard deduction and the capped SALT
// deduction (state + city income tax).
func (f taxFormulas) deduction(w, salt string) string {
	p := func(k string) string { return f.p.p(k, f.fs) }
	capF := fmt.Sprintf("IF(%[1]s>%[2]s,MAX(%[3]s,%[4]s-%[5]s*(%[1]s-%[2]s)),%[4]s)", w, p("salt_start"), p("salt_floor"), p("salt_cap"), p("salt_rate"))
	return fmt.Sprintf("MAX(%s,MIN(%s,%s))", p("fed_std"), salt, capF)
}

// afterTaxTable writes an offer's "After tax (estimate)" table below its
// year table: one row per offer year with wages (the year's total, by
// reference), federal, FICA, state, city, state payroll, take-home and the
// federal deduction, all live formulas over the Tax sheet with the
// analyzer's figures cached; then the H-year total and the average.
func (wb *workbook) afterTaxTable(w *rowWriter, a *analyzer.Analysis, years yearRows) {
	at := a.AfterTax
	if at == nil || len(a.Years) == 0 || a.Brief {
		return // a brief analysis keeps only the take-home (see analyzer.Engine.AnalyzeBrief)
	}
	p, err := wb.taxSheetPlan()
	if err != nil {
		if w.err == nil {
			w.err = err
		}
		return
	}
	if p == nil {
		return
	}
	st := wb.st
	wb.section(w, "After tax (estimate)")
	if !at.Known() {
		w.add(excelize.Cell{StyleID: st.note, Value: at.Note})
		w.skip()
		return
	}
	where := residenceName(at.Residence)
	if at.FromLocation {
		where += ", from the location " + a.Offer.Location
	}
	w.add(excelize.Cell{StyleID: st.note, Value: fmt.Sprintf("Residence: %s. Filing: %s. Each year's total above is taken as W-2 wages.",
		where, filingName(at.Filing)) + optionsWagesNote(a)})
	if at.Residence == analyzer.ResidenceCA && p.tables.CACaveat != "" {
		w.add(excelize.Cell{StyleID: st.note, Value: p.tables.CACaveat + "."})
	}
	w.header(wb.headerCells(afterTaxHeaders, 1)...)
	f := taxFormulas{p: p, fs: at.Filing, res: at.Residence, r: p.tables.Rules(at.Filing)}
	cell := func(v decimal.Decimal, formula string) excelize.Cell {
		return excelize.Cell{StyleID: st.money, Formula: formula, Value: money(v)}
	}
	first := w.row + 1
	// The steps table sits below this one, at a fixed offset: the year
	// rows, the total, the average, two notes, an empty row, its title and
	// its header.
	h := len(at.Years)
	steps := taxStepColumns(f)
	stepFirst := first + h + 7
	for i, y := range at.Years {
		r, s := w.row+1, stepFirst+i
		wages := fmt.Sprintf("$B$%d", r)
		ref := func(name string) string { return stepRef(steps, name, s) }
		city := any(excelize.Cell{StyleID: st.money, Value: 0})
		if at.Residence == analyzer.ResidenceNYC {
			city = cell(y.City, fmt.Sprintf("MAX(0,%s-%s)", ref(stepCityBrackets), ref(stepSchoolCredit)))
		}
		state := f.state(wages)
		switch {
		case at.Residence == analyzer.ResidenceCA:
			state = fmt.Sprintf("MAX(0,%s+%s-%s)", ref(stepStateBrackets), ref(stepCASurcharge), ref(stepCACredit))
		case stepRef(steps, stepSupplemental, s) != "":
			state = fmt.Sprintf("%s+%s", ref(stepStateBrackets), ref(stepSupplemental))
		case stepRef(steps, stepStateBrackets, s) != "":
			state = ref(stepStateBrackets)
		}
		w.add(fmt.Sprintf("Year %d", y.Year),
			cell(y.Wages, wagesFormula(a, years.first+i)),
			cell(y.Federal, f.scheduleTax("US", ref(stepFederalTaxable))),
			cell(y.FICA, f.fica(wages)),
			cell(y.State, state),
			city,
			cell(y.StatePayroll, f.statePayroll(wages)),
			excelize.Cell{StyleID: st.moneyTotal, Formula: fmt.Sprintf("B%d-C%d-D%d-E%d-F%d-G%d", r, r, r, r, r, r), Value: money(y.TakeHome)},
			cell(y.FederalDeduction, f.deduction(wages, fmt.Sprintf("E%d+F%d", r, r))))
	}
	last := w.row
	sum := func(col string, pick func(y *analyzer.YearTax) decimal.Decimal) excelize.Cell {
		total := decimal.Zero
		for i := range at.Years {
			total = total.Add(pick(&at.Years[i]))
		}
		return excelize.Cell{StyleID: st.moneyBold, Formula: fmt.Sprintf("SUM(%s%d:%s%d)", col, first, col, last), Value: money(total)}
	}
	totalRow := w.add(excelize.Cell{StyleID: st.label, Value: fmt.Sprintf("Total (%d years)", len(at.Years))},
		sum("B", func(y *analyzer.YearTax) decimal.Decimal { return y.Wages }),
		sum("C", func(y *analyzer.YearTax) decimal.Decimal { return y.Federal }),
		sum("D", func(y *analyzer.YearTax) decimal.Decimal { return y.FICA }),
		sum("E", func(y *analyzer.YearTax) decimal.Decimal { return y.State }),
		sum("F", func(y *analyzer.YearTax) decimal.Decimal { return y.City }),
		sum("G", func(y *analyzer.YearTax) decimal.Decimal { return y.StatePayroll }),
		sum("H", func(y *analyzer.YearTax) decimal.Decimal { return y.TakeHome }))
	w.add(excelize.Cell{StyleID: st.label, Value: "Average take-home per year"}, nil, nil, nil, nil, nil, nil,
		excelize.Cell{StyleID: st.moneyTotal, Formula: fmt.Sprintf("H%d/%d", totalRow, len(at.Years)), Value: money(at.Average)})
	w.add(excelize.Cell{StyleID: st.note, Value: "An estimate of the tax owed, not withheld: 2026 law every year, no other income, " +
		"no pre-tax deductions (401k, HSA)."})
	w.add(excelize.Cell{StyleID: st.note, Value: "RSU vests are withheld at a flat 22% federal, less than the tax owed at these incomes. " +
		"Formulas over the Tax sheet."})
	w.skip()
	wb.taxStepsTable(w, f, at, steps, first)
	if w.err == nil && w.row != stepFirst+h-1 {
		w.err = fmt.Errorf("after-tax steps: rows %d–%d, planned from %d", stepFirst, w.row, stepFirst)
	}
	w.add(excelize.Cell{StyleID: st.note, Value: "Each tax above reads its figures here: federal tax = the federal brackets on the federal taxable income; " +
		"state and city taxes = their brackets on the state taxable income, plus or minus the columns beside them."})
	w.skip()
}

// residenceName spells a residence out for the workbook.
func residenceName(r analyzer.Residence) string {
	switch r {
	case analyzer.ResidenceWA:
		return "Washington (WA)"
	case analyzer.ResidenceCA:
		return "California (CA)"
	case analyzer.ResidenceNY:
		return "New York State outside NYC (NY)"
	case analyzer.ResidenceNYC:
		return "New York City (NYC)"
	case analyzer.ResidenceTX:
		return "Texas (TX)"
	}
	return string(r)
}

// filingName spells a filing status out for the workbook.
func filingName(fs analyzer.FilingStatus) string {
	if fs == analyzer.FilingMFJ {
		return "married filing jointly"
	}
	return "single"
}

// The columns of the after-tax steps table.
const (
	stepFederalTaxable = "Federal taxable income"
	stepStateTaxable   = "State taxable income"
	stepStateBrackets  = "State tax by the brackets"
	stepCASurcharge    = "Surcharge above $1M"
	stepCACredit       = "Exemption credit"
	stepNYBracket      = "Bracket k"
	stepNYPhaseIn      = "Phase-in"
	stepSupplemental   = "Supplemental tax"
	stepCityBrackets   = "City tax by the brackets"
	stepSchoolCredit   = "School tax credit"
)

// taxStepColumns are the steps table's columns for a residence, after
// "Offer year" in A: the federal taxable income always; the state taxable
// income and its bracket tax where there is a state income tax; then
// California's surcharge and credit, New York's supplemental tax (bracket,
// phase-in, tax) and New York City's tax and school credit.
func taxStepColumns(f taxFormulas) []string {
	cols := []string{stepFederalTaxable}
	switch f.res {
	case analyzer.ResidenceCA:
		cols = append(cols, stepStateTaxable, stepStateBrackets, stepCASurcharge, stepCACredit)
	case analyzer.ResidenceNY, analyzer.ResidenceNYC:
		cols = append(cols, stepStateTaxable, stepStateBrackets)
		if f.nySupplemental() {
			cols = append(cols, stepNYBracket, stepNYPhaseIn, stepSupplemental)
		}
		if f.res == analyzer.ResidenceNYC {
			cols = append(cols, stepCityBrackets, stepSchoolCredit)
		}
	}
	return cols
}

// stepRef is the cell of a steps column in row, "" when the residence has
// no such column.
func stepRef(cols []string, name string, row int) string {
	for i, c := range cols {
		if c == name {
			return cellRef(i+2, row)
		}
	}
	return ""
}

// nySupplemental tells whether the tables give New York's supplemental tax.
func (f taxFormulas) nySupplemental() bool {
	_, ok := f.p.param["ny_j0"]
	return ok && f.r.NYSuppJ0 >= 0
}

// taxStepsTable writes the figures between each year's wages and its taxes,
// one row per offer year, each a short formula over the after-tax table
// (whose year rows start at first) and the Tax sheet, its cached value from
// analyzer.TaxRules.Steps.
func (wb *workbook) taxStepsTable(w *rowWriter, f taxFormulas, at *analyzer.AfterTax, cols []string, first int) {
	st := wb.st
	wb.section(w, "After tax, step by step")
	w.header(wb.headerCells(append([]string{"Offer year"}, cols...), 1)...)
	p := func(k string) string { return f.p.p(k, f.fs) }
	for i, y := range at.Years {
		r, s := first+i, w.row+1
		wages := fmt.Sprintf("$B$%d", r)
		ref := func(name string) string { return stepRef(cols, name, s) }
		v := f.r.Steps(at.Residence, y)
		cells := []any{fmt.Sprintf("Year %d", y.Year)}
		for _, c := range cols {
			var formula string
			var value decimal.Decimal
			style := st.money
			switch c {
			case stepFederalTaxable:
				formula, value = fmt.Sprintf("MAX(0,%s-I%d)", wages, r), v.FederalTaxable
			case stepStateTaxable:
				std := "ca_std"
				if f.res != analyzer.ResidenceCA {
					std = "ny_std"
				}
				formula, value = fmt.Sprintf("MAX(0,%s-%s)", wages, p(std)), v.StateTaxable
			case stepStateBrackets:
				j := "CA"
				if f.res != analyzer.ResidenceCA {
					j = "NY"
				}
				formula, value = f.scheduleTax(j, ref(stepStateTaxable)), v.StateByBrackets
			case stepCASurcharge:
				formula, value = f.surcharges("CA", ref(stepStateTaxable)), v.CASurcharge
			case stepCACredit:
				formula = fmt.Sprintf("IF(%[1]s>%[2]s,MAX(0,%[3]s-ROUNDUP((%[1]s-%[2]s)/%[4]s,0)*%[5]s*%[6]s),%[3]s)",
					wages, p("ca_credit_start"), p("ca_credit"), p("ca_step"), p("ca_credit_step"), p("ca_filers"))
				value = v.CACredit
			case stepNYBracket:
				cells = append(cells, excelize.Cell{StyleID: st.rank, Value: v.NYBracket,
					Formula: fmt.Sprintf("MATCH(%s,%s,1)", ref(stepStateTaxable), f.p.col(f.fs, "NY", "A"))})
				continue
			case stepNYPhaseIn:
				k := ref(stepNYBracket)
				cells = append(cells, excelize.Cell{StyleID: st.percent, Value: v.NYPhaseIn.InexactFloat64(),
					Formula: fmt.Sprintf("MIN(1,MAX(0,%s-IF(%s=%s,%s,INDEX(%s,%s)))/%s)", wages, k, p("ny_j0"), p("ny_thr"),
						f.p.col(f.fs, "NY", "A"), k, p("ny_phase"))})
				continue
			case stepSupplemental:
				k, ph, rr := ref(stepNYBracket), ref(stepNYPhaseIn), f.p.col(f.fs, "NY", "E")
				formula = fmt.Sprintf("IF(OR(%[1]s<=%[2]s,%[3]s<%[4]s),0,INDEX(%[5]s,%[3]s)*%[6]s+IF(%[3]s>%[4]s,INDEX(%[5]s,%[3]s-1)*(1-%[6]s),0))",
					wages, p("ny_thr"), k, p("ny_j0"), rr, ph)
				value = v.NYSupplemental
			case stepCityBrackets:
				formula, value = f.scheduleTax("NYC", ref(stepStateTaxable)), v.CityByBrackets
			case stepSchoolCredit:
				ti := ref(stepStateTaxable)
				formula = fmt.Sprintf("ROUND(IF(%[1]s<=%[2]s,IF(%[1]s>%[3]s,%[4]s+%[5]s*(%[1]s-%[3]s),%[6]s*%[1]s),0)+IF(%[7]s<=%[8]s,%[9]s,0),0)",
					ti, p("nyc_max"), p("nyc_thr"), p("nyc_base"), p("nyc_rate"), p("nyc_low"), wages, p("nyc_fixed_max"), p("nyc_fixed"))
				value = v.CitySchoolCr
			}
			cells = append(cells, excelize.Cell{StyleID: style, Formula: formula, Value: money(value)})
		}
		w.add(cells...)
	}
}
