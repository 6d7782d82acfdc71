package analyzer

import (
	"errors"
	"fmt"
	"sync"

	"github.com/shopspring/decimal"
)

// Component names a compensation figure a band describes (SPEC §4).
type Component string

// The band components and the offer figure each is compared with.
const (
	ComponentBase        Component = "base"          // base
	ComponentRSU4yr      Component = "rsu_4yr"       // grant value G
	ComponentSignOnY1    Component = "sign_on_y1"    // sign-on year 1
	ComponentSignOnY2    Component = "sign_on_y2"    // sign-on year 2
	ComponentSignOnTotal Component = "sign_on_total" // sign-on y1 + y2
	ComponentTotalY1     Component = "total_y1"      // total_1
	ComponentTotal4yrAvg Component = "total_4yr_avg" // the H-year average
	ComponentTotalComp   Component = "total_comp"    // the H-year average

)

// Components lists every component in the order the workbook shows them.
var Components = []Component{ComponentBase, ComponentRSU4yr, ComponentSignOnY1, ComponentSignOnY2,
	ComponentSignOnTotal, ComponentTotalY1, ComponentTotal4yrAvg, ComponentTotalComp}

// componentCount is the number of components, for per-component arrays.
const componentCount = 8

// headlineOrder is the fallback order of the headline percentile: the
// four-year-average band, else total comp, else year-one total.
var headlineOrder = []Component{ComponentTotal4yrAvg, ComponentTotalComp, ComponentTotalY1}

// ErrBandRange means a band's min exceeds its max (or either is negative).
var ErrBandRange = errors.New("band min must be ≥ 0 and not above max")

// ErrUnknownComponent means a band row names a component offerbook does not know.
var ErrUnknownComponent = errors.New("unknown band component")

// ParseComponent checks a component name.
func ParseComponent(s string) (Component, error) {
	for _, c := range Components {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("%w %q (want one of base, rsu_4yr, sign_on_y1, sign_on_y2, sign_on_total, total_y1, total_4yr_avg, total_comp)", ErrUnknownComponent, s)
}

// BandKey is the pattern part of a band row. A blank field matches any
// offer; a filled one must equal the offer's (compared case- and
// punctuation-insensitively, after the alias table).
type BandKey struct {
	CompanyType string
	Company     string
	Track       string
	Level       string
	Location    string
}

// specificity counts the non-blank key fields.
func (k BandKey) specificity() int {
	n := 0
	for _, f := range []string{k.CompanyType, k.Company, k.Track, k.Level, k.Location} {
		if f != "" {
			n++
		}
	}
	return n
}

// String describes the key as "FAANG / Amazon / EM / L6 / Seattle", with
// "any" for blank fields.
func (k BandKey) String() string {
	part := func(s string) string {
		if s == "" {
			return "any"
		}
		return s
	}
	return part(k.CompanyType) + " / " + part(k.Company) + " / " + part(k.Track) + " / " + part(k.Level) + " / " + part(k.Location)
}

// Band is one market-band row: a key pattern, a component and its range,
// with the document it was transcribed from.
type Band struct {
	Key       BandKey
	Component Component
	Min, Max  decimal.Decimal
	Source    string
}

// Validate checks min ≤ max and that neither is negative.
func (b Band) Validate() error {
	if b.Min.IsNegative() || b.Max.IsNegative() || b.Min.GreaterThan(b.Max) {
		return fmt.Errorf("%w (min %s, max %s)", ErrBandRange, b.Min, b.Max)
	}
	return nil
}

// foldedKey is a BandKey with every field folded for comparison.
type foldedKey [5]string

func foldKey(k BandKey) foldedKey {
	return foldedKey{fold(k.CompanyType), fold(k.Company), fold(CanonicalTrack(k.Track)),
		fold(CanonicalLevel(k.Level)), fold(CanonicalLocation(k.Location))}
}

// matches reports whether every non-blank field of pattern equals the offer's.
func (pattern foldedKey) matches(offer foldedKey) bool {
	for i, p := range pattern {
		if p != "" && p != offer[i] {
			return false
		}
	}
	return true
}

// BandTable holds the bands in use and answers lookups. Lookups are cached
// per offer key, so a batch of a million offers scans the table once per
// distinct (company type, company, track, level, location). A BandTable is
// safe for concurrent use.
type BandTable struct {
	bands  []Band
	folded []foldedKey
	mu     sync.RWMutex
	cache  map[foldedKey]*[componentCount]int
}

// NewBandTable checks every band and returns a table of them, in order: on a
// tie the later row wins, so rows a user appends override.
func NewBandTable(bands []Band) (*BandTable, error) {
	t := &BandTable{bands: bands, folded: make([]foldedKey, len(bands)), cache: map[foldedKey]*[componentCount]int{}}
	for i, b := range bands {
		if err := b.Validate(); err != nil {
			return nil, fmt.Errorf("band %d (%s %s): %w", i+1, b.Key, b.Component, err)
		}
		if _, err := ParseComponent(string(b.Component)); err != nil {
			return nil, fmt.Errorf("band %d: %w", i+1, err)
		}
		t.folded[i] = foldKey(b.Key)
	}
	return t, nil
}

// Bands returns the table's rows in order.
func (t *BandTable) Bands() []Band { return t.bands }

// OfferKey is the band key an offer is looked up with: its company type
// (inferred for FAANG companies when blank), company, track, level and
// location.
func OfferKey(o *Offer) BandKey {
	ct := o.CompanyType
	if ct == "" {
		ct = InferCompanyType(o.Company)
	}
	return BandKey{CompanyType: ct, Company: o.Company, Track: o.Track, Level: o.Level, Location: o.Location}
}

// Lookup returns the band for the offer key and component: among the rows
// whose non-blank fields all equal the key's, the one with the most
// non-blank fields, the later row on a tie. ok is false when none matches.
func (t *BandTable) Lookup(key BandKey, c Component) (Band, bool) {
	return t.LookupAll(key).Band(c)
}

// BandSet is every component's band for one key, from LookupAll.
type BandSet struct {
	t   *BandTable
	idx *[componentCount]int
}

// Band returns the set's band for a component; ok is false when none matched.
func (s BandSet) Band(c Component) (Band, bool) {
	i := s.idx[componentIndex(c)]
	if i < 0 {
		return Band{}, false
	}
	return s.t.bands[i], true
}

// LookupAll looks a key up once for every component (the key is folded
// once, not once per component).
func (t *BandTable) LookupAll(key BandKey) BandSet {
	return BandSet{t: t, idx: t.indexes(foldKey(key))}
}

func componentIndex(c Component) int {
	for i, x := range Components {
		if x == c {
			return i
		}
	}
	return -1
}

// indexes returns, per component, the winning row index (−1 for none).
func (t *BandTable) indexes(k foldedKey) *[componentCount]int {
	t.mu.RLock()
	idx, ok := t.cache[k]
	t.mu.RUnlock()
	if ok {
		return idx
	}
	idx = new([componentCount]int)
	best := [componentCount]int{}
	for i := range idx {
		idx[i], best[i] = -1, -1
	}
	for i, b := range t.bands {
		if !t.folded[i].matches(k) {
			continue
		}
		c := componentIndex(b.Component)
		if s := b.Key.specificity(); s >= best[c] {
			best[c], idx[c] = s, i
		}
	}
	t.mu.Lock()
	t.cache[k] = idx
	t.mu.Unlock()
	return idx
}
