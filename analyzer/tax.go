package analyzer

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// Residence is where an offer's wages are taxed: a state, or New York City
// (New York State plus the city tax). The empty Residence means none is
// known (a Remote offer without a tax_residence), and no after-tax figure.
type Residence string

// The residences the tax tables cover (see "After tax" in docs/METHOD.md).
const (
	ResidenceWA  Residence = "WA"
	ResidenceCA  Residence = "CA"
	ResidenceNY  Residence = "NY"
	ResidenceNYC Residence = "NYC"
	ResidenceTX  Residence = "TX"
)

// Residences lists every supported residence, in the order the workbook shows them.
var Residences = []Residence{ResidenceWA, ResidenceCA, ResidenceNY, ResidenceNYC, ResidenceTX}

// FilingStatus is the federal and state filing status of the offer's wages.
type FilingStatus string

// The filing statuses the tax tables cover.
const (
	FilingSingle FilingStatus = "single"
	FilingMFJ    FilingStatus = "mfj"
)

// FilingStatuses lists every supported filing status.
var FilingStatuses = []FilingStatus{FilingSingle, FilingMFJ}

// Sentinel errors of the after-tax estimate.
var (
	ErrUnknownResidence    = errors.New("unknown tax residence: want WA, CA, NY (New York State outside New York City), NYC or TX")
	ErrUnknownFilingStatus = errors.New("unknown filing status: want single or mfj (married filing jointly)")
	ErrTaxTable            = errors.New("incomplete tax table")
)

// residenceAliases maps folded spellings to a residence.
var residenceAliases = map[string]Residence{
	"wa": ResidenceWA, "washington": ResidenceWA, "washingtonstate": ResidenceWA, "seattle": ResidenceWA,
	"ca": ResidenceCA, "california": ResidenceCA, "bayarea": ResidenceCA, "sf": ResidenceCA, "sanfrancisco": ResidenceCA,
	"ny": ResidenceNY, "nys": ResidenceNY, "newyorkstate": ResidenceNY, "nystate": ResidenceNY,
	"nyc": ResidenceNYC, "newyorkcity": ResidenceNYC, "newyork": ResidenceNYC, "manhattan": ResidenceNYC, "brooklyn": ResidenceNYC,
	"tx": ResidenceTX, "texas": ResidenceTX, "austin": ResidenceTX,
}

// ParseResidence reads a tax_residence cell: WA, CA, NY, NYC or TX, also
// spelled out ("Washington", "New York City"; "New York" alone means the
// city, as the location does). Anything else wraps ErrUnknownResidence.
func ParseResidence(s string) (Residence, error) {
	if r, ok := residenceAliases[fold(s)]; ok {
		return r, nil
	}
	return "", fmt.Errorf("%w (got %q)", ErrUnknownResidence, strings.TrimSpace(s))
}

// ParseFilingStatus reads a filing_status cell: single, or mfj (also
// "married filing jointly", "joint", "married"). Anything else wraps
// ErrUnknownFilingStatus.
func ParseFilingStatus(s string) (FilingStatus, error) {
	switch fold(s) {
	case "single", "s", "individual":
		return FilingSingle, nil
	case "mfj", "married", "marriedfilingjointly", "joint", "jointly", "marriedjoint":
		return FilingMFJ, nil
	}
	return "", fmt.Errorf("%w (got %q)", ErrUnknownFilingStatus, strings.TrimSpace(s))
}

// ResidenceForLocation is the residence a canonical location implies:
// Seattle → WA, Bay Area → CA, New York → NYC, Austin → TX. Remote and
// unknown locations have none (ok false).
func ResidenceForLocation(location string) (Residence, bool) {
	switch location {
	case "Seattle":
		return ResidenceWA, true
	case "Bay Area":
		return ResidenceCA, true
	case "New York":
		return ResidenceNYC, true
	case "Austin":
		return ResidenceTX, true
	}
	return "", false
}

// TaxRow is one row of a tax table file (tax-2026.csv): a bracket, a
// deduction, a payroll rate, a threshold, a credit or a surcharge of one
// jurisdiction and filing status ("all" for both), with its source.
type TaxRow struct {
	Source       string
	Confidence   string
	Jurisdiction string // US, US-FICA, CA, NY, NYC, WA, TX
	Status       string // single, mfj, all
	Kind         string // see TaxKinds
	Lower        decimal.NullDecimal
	Upper        decimal.NullDecimal
	Rate         decimal.NullDecimal
	Amount       decimal.NullDecimal
	Note         string
}

// TaxJurisdictions, TaxStatuses and TaxKinds are the values a tax row's
// jurisdiction, filing_status and kind columns accept.
var (
	TaxJurisdictions = []string{"US", "US-FICA", "CA", "NY", "NYC", "WA", "TX"}
	TaxStatuses      = []string{"single", "mfj", "all"}
	TaxKinds         = []string{"bracket", "standard_deduction", "threshold", "payroll_rate", "wage_base", "surcharge", "credit"}
)

// TaxBracket is one bracket of a schedule with the tax on all income below
// its lower bound, so the tax on x in it is Below + Rate × (x − Lower).
type TaxBracket struct {
	Lower, Rate, Below decimal.Decimal
	// Recapture is NY's R_j = rate_j × L_j − tax(L_j), the full benefit of
	// the brackets below this one (meaningful for New York only).
	Recapture decimal.Decimal
	// intercept is Below − Rate × Lower, so the tax on x in this bracket
	// is Rate × x + intercept: one multiplication and one addition.
	intercept decimal.Decimal
}

// TaxSchedule is a progressive rate schedule, brackets in ascending order.
type TaxSchedule []TaxBracket

// newSchedule sorts the bracket rows and accumulates each bracket's tax below.
func newSchedule(rows []TaxRow) (TaxSchedule, error) {
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Lower.Decimal.LessThan(rows[j].Lower.Decimal) })
	s := make(TaxSchedule, len(rows))
	below := decimal.Zero
	for i, r := range rows {
		if !r.Lower.Valid || !r.Rate.Valid {
			return nil, fmt.Errorf("%w: a %s %s bracket needs lower and rate", ErrTaxTable, r.Jurisdiction, r.Status)
		}
		if i == 0 && !r.Lower.Decimal.IsZero() {
			return nil, fmt.Errorf("%w: the %s %s brackets must start at 0", ErrTaxTable, r.Jurisdiction, r.Status)
		}
		if i > 0 {
			prev := s[i-1]
			below = below.Add(prev.Rate.Mul(r.Lower.Decimal.Sub(prev.Lower)))
		}
		s[i] = TaxBracket{Lower: r.Lower.Decimal, Rate: r.Rate.Decimal, Below: below}
		s[i].Recapture = s[i].Rate.Mul(s[i].Lower).Sub(below)
		s[i].intercept = below.Sub(s[i].Rate.Mul(s[i].Lower))
	}
	return s, nil
}

// find returns the index of the bracket holding x (x ≥ 0).
// A binary search: a comparison of decimals with different exponents
// allocates, so fewer comparisons keep the hot path cheap.
func (s TaxSchedule) find(x decimal.Decimal) int {
	// The first bracket whose lower bound is above x, less one.
	i := sort.Search(len(s), func(i int) bool { return s[i].Lower.GreaterThan(x) })
	return max(i-1, 0)
}

// PayrollRate is one payroll contribution: Rate × min(wages, Cap), at most Max.
type PayrollRate struct {
	Rate     decimal.Decimal
	Cap, Max decimal.NullDecimal
	// full is the contribution at or above the cap (with a cap).
	full decimal.Decimal
}

// Surcharge is Rate × (x − Lower) on x above Lower.
type Surcharge struct{ Lower, Rate decimal.Decimal }

// TaxRules are the tables of one filing status, ready to compute with.
// Maps are keyed by jurisdiction (CA, NY, NYC, WA, TX). The workbook's
// formulas are built from the same fields, so they follow the same rules.
type TaxRules struct {
	Status FilingStatus

	Federal        TaxSchedule
	FederalStd     decimal.Decimal
	SALTCap        decimal.Decimal
	SALTPhaseStart decimal.Decimal
	SALTPhaseRate  decimal.Decimal
	SALTFloor      decimal.Decimal

	FICA        []PayrollRate
	FICAAbove   []Surcharge // Additional Medicare
	Payroll     map[string][]PayrollRate
	Schedules   map[string]TaxSchedule
	StateStd    map[string]decimal.Decimal
	StateAbove  map[string][]Surcharge // CA: Behavioral Health Services Tax
	hasSchedule map[string]bool

	// California's personal exemption credit, its phase-out start, the
	// reduction per filer per step and the number of filers.
	CACredit, CACreditStart, CACreditStep decimal.Decimal
	CAFilers                              decimal.Decimal

	// New York's supplemental tax: NY AGI threshold and the index of the
	// bracket j0 holding the taxable income at that AGI (−1 without one).
	NYSuppThreshold decimal.Decimal
	NYSuppJ0        int

	// NYC school tax credit: the rate-reduction part (base + rate above the
	// threshold, while taxable income ≤ max TI) and the fixed part.
	NYCCreditBase, NYCCreditRate, NYCCreditThreshold, NYCCreditMaxTI decimal.Decimal
	NYCCreditFixed                                                   decimal.Decimal
}

// TaxTables are the tax rules of one year for every residence and filing
// status, built from the rows of a tax table file.
type TaxTables struct {
	// Rows are the file's rows as read, for the workbook's Tax sheet.
	Rows []TaxRow
	// CACaveat is "California: 2025 schedules, 2026 not yet published"
	// when the California rows say their year's schedules are not yet
	// published, else "".
	CACaveat string
	rules    map[FilingStatus]*TaxRules
}

// Constants of the rules that the table file does not carry as figures:
// each is stated in words in the rows' notes and in TAX-NOTES.
var (
	// NYSuppPhaseIn is the width of NY AGI over which each recapture phases in.
	NYSuppPhaseIn = decimal.NewFromInt(50000)
	// CACreditStepWidth is the $2,500 of AGI (or part) per exemption-credit reduction.
	CACreditStepWidth = decimal.NewFromInt(2500)
	// NYCFixedCreditMaxIncome is the income up to which the fixed NYC school credit is given.
	NYCFixedCreditMaxIncome = decimal.NewFromInt(250000)
	// NYCLowCreditRate is the school credit's 0.171% of taxable income up to
	// its threshold.
	NYCLowCreditRate = decimal.RequireFromString("0.00171")
)

// caCaveat is what the workbook says beside California figures when the
// table's California schedules are the previous year's.
const caCaveat = "California: 2025 schedules, 2026 not yet published"

// NewTaxTables checks the rows and builds the rules of each filing status.
// A table that lacks what a rule needs (federal brackets or standard
// deduction, a state's brackets) is an error wrapping ErrTaxTable.
func NewTaxTables(rows []TaxRow) (*TaxTables, error) {
	t := &TaxTables{Rows: rows, rules: map[FilingStatus]*TaxRules{}}
	for _, r := range rows {
		if r.Jurisdiction == "CA" && r.Kind == "bracket" &&
			(strings.Contains(r.Source, "not yet published") || strings.Contains(r.Note, "not yet published")) {
			t.CACaveat = caCaveat
		}
	}
	for _, fs := range FilingStatuses {
		r, err := buildRules(rows, fs)
		if err != nil {
			return nil, err
		}
		t.rules[fs] = r
	}
	return t, nil
}

func buildRules(rows []TaxRow, fs FilingStatus) (*TaxRules, error) {
	r := &TaxRules{Status: fs, Payroll: map[string][]PayrollRate{}, Schedules: map[string]TaxSchedule{},
		StateStd: map[string]decimal.Decimal{}, StateAbove: map[string][]Surcharge{}, hasSchedule: map[string]bool{},
		CAFilers: decimal.NewFromInt(1), NYSuppJ0: -1}
	if fs == FilingMFJ {
		r.CAFilers = decimal.NewFromInt(2)
	}
	brackets := map[string][]TaxRow{}
	haveFedStd := false
	amount := func(x TaxRow) decimal.Decimal { return x.Amount.Decimal }
	for _, x := range rows {
		if x.Status != string(fs) && x.Status != "all" {
			continue
		}
		j := x.Jurisdiction
		switch x.Kind {
		case "bracket":
			brackets[j] = append(brackets[j], x)
		case "standard_deduction":
			if j == "US" {
				r.FederalStd, haveFedStd = amount(x), true
			} else {
				r.StateStd[j] = amount(x)
			}
		case "payroll_rate":
			p := PayrollRate{Rate: x.Rate.Decimal, Cap: x.Upper, Max: x.Amount}
			if p.Cap.Valid {
				p.full = p.Rate.Mul(p.Cap.Decimal)
				if p.Max.Valid && p.full.GreaterThan(p.Max.Decimal) {
					p.full = p.Max.Decimal
				}
			}
			if j == "US-FICA" {
				r.FICA = append(r.FICA, p)
			} else {
				r.Payroll[j] = append(r.Payroll[j], p)
			}
		case "surcharge":
			switch j {
			case "US-FICA":
				r.FICAAbove = append(r.FICAAbove, Surcharge{x.Lower.Decimal, x.Rate.Decimal})
			case "CA":
				if x.Rate.Valid && !x.Rate.Decimal.IsZero() {
					r.StateAbove[j] = append(r.StateAbove[j], Surcharge{x.Lower.Decimal, x.Rate.Decimal})
				}
			}
			// NY's surcharge rows are the statute's rounded recapture
			// amounts; the rules compute R_j from the brackets instead.
		case "threshold":
			switch j {
			case "US":
				if x.Lower.Valid {
					r.SALTPhaseStart, r.SALTPhaseRate, r.SALTFloor = x.Lower.Decimal, x.Rate.Decimal, amount(x)
				} else {
					r.SALTCap = amount(x)
				}
			case "CA":
				r.CACreditStart, r.CACreditStep = x.Lower.Decimal, amount(x)
			case "NY":
				r.NYSuppThreshold = x.Lower.Decimal
			}
		case "credit":
			switch j {
			case "CA":
				r.CACredit = amount(x)
			case "NYC":
				if x.Rate.Valid {
					r.NYCCreditThreshold, r.NYCCreditMaxTI, r.NYCCreditRate = x.Lower.Decimal, x.Upper.Decimal, x.Rate.Decimal
					if x.Amount.Valid {
						r.NYCCreditBase = x.Amount.Decimal
					} else {
						r.NYCCreditBase = NYCLowCreditRate.Mul(x.Lower.Decimal)
					}
				} else {
					r.NYCCreditFixed = amount(x)
				}
			}
		}
	}
	var err error
	if len(brackets["US"]) == 0 || !haveFedStd {
		return nil, fmt.Errorf("%w: no federal (US) brackets or standard deduction for %s", ErrTaxTable, fs)
	}
	if r.Federal, err = newSchedule(brackets["US"]); err != nil {
		return nil, err
	}
	for _, j := range []string{"CA", "NY", "NYC", "WA", "TX"} {
		if len(brackets[j]) == 0 {
			continue
		}
		if r.Schedules[j], err = newSchedule(brackets[j]); err != nil {
			return nil, err
		}
		r.hasSchedule[j] = true
	}
	if ny, ok := r.Schedules["NY"]; ok && r.NYSuppThreshold.IsPositive() {
		r.NYSuppJ0 = ny.find(nonNeg(r.NYSuppThreshold.Sub(r.StateStd["NY"])))
	}
	return r, nil
}

// Rules returns the rules of one filing status, nil for an unknown one.
// They are shared: do not change them.
func (t *TaxTables) Rules(fs FilingStatus) *TaxRules { return t.rules[fs] }

// Has reports whether the tables can compute the residence: its state
// schedule (and New York's for NYC) is present.
func (t *TaxTables) Has(res Residence, fs FilingStatus) bool {
	r := t.rules[fs]
	if r == nil {
		return false
	}
	switch res {
	case ResidenceNYC:
		return r.hasSchedule["NY"] && r.hasSchedule["NYC"]
	case "":
		return false
	}
	return r.hasSchedule[string(res)]
}

func nonNeg(d decimal.Decimal) decimal.Decimal {
	if d.IsNegative() {
		return decimal.Zero
	}
	return d
}
