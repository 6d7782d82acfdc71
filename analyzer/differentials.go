package analyzer

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// Differential is one row of the company-differentials table: what a
// company pays in annual total comp relative to a reference company, as a
// factor range, with the document it comes from (docs/METHOD.md, "Market
// position").
type Differential struct {
	Company          string
	ReferenceCompany string
	FactorMin        decimal.Decimal
	FactorMax        decimal.Decimal
	Source           string
	Note             string
}

// ErrDifferentialRow means a differential row lacks a company or has a
// factor range that is not 0 < min ≤ max.
var ErrDifferentialRow = errors.New("a company differential needs a company, a reference company and factors 0 < factor_min ≤ factor_max")

// Validate checks the row's names and factor range.
func (d Differential) Validate() error {
	if strings.TrimSpace(d.Company) == "" || strings.TrimSpace(d.ReferenceCompany) == "" ||
		!d.FactorMin.IsPositive() || d.FactorMin.GreaterThan(d.FactorMax) {
		return ErrDifferentialRow
	}
	return nil
}

// Factor is the midpoint of the factor range, the figure a reference band's
// annual total comp is scaled by (Google 1.10–1.15 → 1.125).
func (d Differential) Factor() decimal.Decimal { return d.FactorMin.Add(d.FactorMax).Div(two) }

// Range says the factor range as a change: "+10–15%", "+0%", "−5–0%".
func (d Differential) Range() string {
	pctOf := func(f decimal.Decimal) decimal.Decimal { return f.Sub(one).Mul(hundred) }
	lo, hi := pctOf(d.FactorMin), pctOf(d.FactorMax)
	sign := func(x decimal.Decimal) string {
		if x.IsNegative() {
			return "−" + x.Neg().String()
		}
		return x.String()
	}
	if lo.Equal(hi) {
		if lo.IsNegative() {
			return sign(lo) + "%"
		}
		return "+" + lo.String() + "%"
	}
	prefix := "+"
	if lo.IsNegative() {
		prefix = ""
	}
	return prefix + sign(lo) + "–" + sign(hi) + "%"
}

// Words describe the differential for a verdict: "Google +10–15% per the
// guide" (a source that is a guide is called "the guide").
func (d Differential) Words() string {
	per := d.Source
	if strings.Contains(strings.ToLower(per), "guide") {
		per = "the guide"
	}
	s := d.Company + " " + d.Range()
	if per != "" {
		s += " per " + per
	}
	return s
}

// DifferentialTable finds a company's differential. It is read-only after
// NewDifferentialTable and safe for concurrent use.
type DifferentialTable struct {
	rows  []Differential
	index map[string]int
	// byName caches For by the company as written (−1 for none), so a
	// batch folds each spelling once.
	mu     sync.RWMutex
	byName map[string]int
}

// NewDifferentialTable checks the rows and returns a table of them; when
// two rows name the same company and reference company the later one wins,
// so rows a user appends override.
func NewDifferentialTable(rows []Differential) (*DifferentialTable, error) {
	t := &DifferentialTable{rows: rows, index: map[string]int{}, byName: map[string]int{}}
	for i, r := range rows {
		if err := r.Validate(); err != nil {
			return nil, fmt.Errorf("differential row %d: %w", i+1, err)
		}
		t.index[fold(r.Company)+"\x00"+fold(r.ReferenceCompany)] = i
	}
	return t, nil
}

// Rows returns the table's rows in order.
func (t *DifferentialTable) Rows() []Differential {
	if t == nil {
		return nil
	}
	return t.rows
}

// For returns the differential of a company against the ReferenceCompany;
// ok is false when the table has none.
func (t *DifferentialTable) For(company string) (Differential, bool) {
	if d := t.lookup(company); d != nil {
		return *d, true
	}
	return Differential{}, false
}

// lookup is For as a pointer into the table, nil for none.
func (t *DifferentialTable) lookup(company string) *Differential {
	if t == nil {
		return nil
	}
	t.mu.RLock()
	i, ok := t.byName[company]
	t.mu.RUnlock()
	if !ok {
		i = -1
		if j, found := t.index[fold(company)+"\x00"+referenceFolded[1]]; found {
			i = j
		}
		t.mu.Lock()
		t.byName[company] = i
		t.mu.Unlock()
	}
	if i < 0 {
		return nil
	}
	return &t.rows[i]
}

// scale multiplies a band's min and max by the factor.
func (d *Differential) scale(min, max decimal.Decimal) (decimal.Decimal, decimal.Decimal) {
	f := d.Factor()
	return min.Mul(f), max.Mul(f)
}
