package analyzer

import (
	"errors"
	"fmt"
	"sync"

	"github.com/shopspring/decimal"
)

// Component names a compensation figure a band describes (see "Bands and the headline" in docs/METHOD.md).
type Component string

// The band components and the offer figure each is compared with.
const (
	ComponentBase          Component = "base"            // base
	ComponentRSU4yr        Component = "rsu_4yr"         // grant value G
	ComponentSignOnY1      Component = "sign_on_y1"      // sign-on year 1
	ComponentSignOnY2      Component = "sign_on_y2"      // sign-on year 2
	ComponentSignOnTotal   Component = "sign_on_total"   // sign-on y1 + y2
	ComponentTotalY1       Component = "total_y1"        // total_1
	ComponentBaseEquityAvg Component = "base_equity_avg" // base + G / 4, no sign-on
	ComponentTotalComp     Component = "total_comp"      // annual total comp

	// ComponentComposed is not a band-file component: it is the headline
	// band composed from the base, rsu_4yr and sign-on bands (see "Bands and the headline" in docs/METHOD.md),
	// compared with annual total comp.
	ComponentComposed Component = "composed_total_comp"
)

// Components lists every band-file component in the order the workbook
// shows them.
var Components = []Component{ComponentBase, ComponentRSU4yr, ComponentSignOnY1, ComponentSignOnY2,
	ComponentSignOnTotal, ComponentTotalY1, ComponentBaseEquityAvg, ComponentTotalComp}

// componentCount is the number of components, for per-component arrays.
const componentCount = 8

// componentDefinitions say what each band measures, and so which offer
// figure it is compared with (see "Bands and the headline" in docs/METHOD.md).
var componentDefinitions = map[Component]string{
	ComponentBase:          "annual base",
	ComponentRSU4yr:        "grant value over four years",
	ComponentSignOnY1:      "sign-on paid in year 1",
	ComponentSignOnY2:      "sign-on paid in year 2",
	ComponentSignOnTotal:   "sign-on, both years",
	ComponentTotalY1:       "first-year total (base, sign-on, vests, bonus)",
	ComponentBaseEquityAvg: "base + grant / 4, no sign-on",
	ComponentTotalComp:     "annual total comp: 4-year average with sign-on, bonus and refresh",
	ComponentComposed:      "annual total comp: base + grant / 4 + sign-on / 4, composed from the component bands",
}

// componentTitles name the components for people.
var componentTitles = map[Component]string{
	ComponentBase:          "Base",
	ComponentRSU4yr:        "RSU grant (4 yr)",
	ComponentSignOnY1:      "Sign-on year 1",
	ComponentSignOnY2:      "Sign-on year 2",
	ComponentSignOnTotal:   "Sign-on total",
	ComponentTotalY1:       "Year 1 total",
	ComponentBaseEquityAvg: "Base + grant / 4",
	ComponentTotalComp:     "Annual total comp",
	ComponentComposed:      "Annual total comp",
}

// Title names a component for people: "Annual total comp", "Base + grant / 4".
func (c Component) Title() string {
	if t, ok := componentTitles[c]; ok {
		return t
	}
	return string(c)
}

// Definition says in words what a component's band measures, such as
// "base + grant / 4, no sign-on".
func (c Component) Definition() string { return componentDefinitions[c] }

// BandMatch says how an offer's band was found along the fallback chain
// (see "Bands and the headline" in docs/METHOD.md).
type BandMatch string

// The steps of the fallback chain, most specific first.
const (
	MatchExact       BandMatch = "exact"        // the offer's company and location
	MatchNoLocation  BandMatch = "no_location"  // the offer's company, any location
	MatchCompanyType BandMatch = "company_type" // the company-type table (no company)
	MatchReference   BandMatch = "reference"    // the reference company's row
	MatchNone        BandMatch = "none"         // no band
)

// BandMatches lists the match kinds in fallback order.
var BandMatches = []BandMatch{MatchExact, MatchNoLocation, MatchCompanyType, MatchReference, MatchNone}

// rank orders match kinds, most specific first.
func (m BandMatch) rank() int {
	for i, x := range BandMatches {
		if x == m {
			return i
		}
	}
	return len(BandMatches)
}

// ReferenceCompany is the company whose rows stand in for an offer at any
// other company that has no band of its own (see "Bands and the headline" in docs/METHOD.md).
const ReferenceCompany = "Amazon"

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
	return "", fmt.Errorf("%w %q (want one of base, rsu_4yr, sign_on_y1, sign_on_y2, sign_on_total, total_y1, base_equity_avg, total_comp)", ErrUnknownComponent, s)
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

// matchKind is the step of the fallback chain a row of this pattern
// stands for: company and location given → exact; company only →
// no_location; no company → company_type.
func (k BandKey) matchKind() BandMatch {
	switch {
	case k.Company != "" && k.Location != "":
		return MatchExact
	case k.Company != "":
		return MatchNoLocation
	}
	return MatchCompanyType
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
	cache  map[foldedKey]*lookup
	// raw caches the same lookups per key as given, so a repeated key
	// is found without folding it (folding allocates).
	raw map[BandKey]*lookup
}

// lookup is one key's winning row per component (−1 for none) and the step
// of the fallback chain it was found at.
type lookup struct {
	idx   [componentCount]int
	match [componentCount]BandMatch
}

// NewBandTable checks every band and returns a table of them, in order: on a
// tie the later row wins, so rows a user appends override.
func NewBandTable(bands []Band) (*BandTable, error) {
	t := &BandTable{bands: bands, folded: make([]foldedKey, len(bands)), cache: map[foldedKey]*lookup{}, raw: map[BandKey]*lookup{}}
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
// location. The level is the offer's own; Engine lookups replace it with
// the Amazon-ladder level of the level-equivalence table.
func OfferKey(o *Offer) BandKey {
	ct := o.CompanyType
	if ct == "" {
		ct = InferCompanyType(o.Company)
	}
	return BandKey{CompanyType: ct, Company: o.Company, Track: o.Track, Level: o.Level, Location: o.Location}
}

// Lookup returns the band for the offer key and component along the
// fallback chain (see LookupAll). ok is false when none matches.
func (t *BandTable) Lookup(key BandKey, c Component) (Band, bool) {
	return t.LookupAll(key).Band(c)
}

// BandSet is every component's band for one key, from LookupAll.
type BandSet struct {
	t *BandTable
	l *lookup
}

// Band returns the set's band for a component; ok is false when none matched.
func (s BandSet) Band(c Component) (Band, bool) {
	i := componentIndex(c)
	if i < 0 || s.l.idx[i] < 0 {
		return Band{}, false
	}
	return s.t.bands[s.l.idx[i]], true
}

// Match returns how a component's band was found, MatchNone without one.
func (s BandSet) Match(c Component) BandMatch {
	i := componentIndex(c)
	if i < 0 || s.l.idx[i] < 0 {
		return MatchNone
	}
	return s.l.match[i]
}

// LookupAll looks a key up once for every component, along the fallback
// chain (see "Bands and the headline" in docs/METHOD.md): among the rows whose non-blank fields all equal the
// key's, a row naming the company and location (exact) beats one naming
// the company only (no_location), which beats a company-type row (no
// company); within a step the row with the most non-blank fields wins, the
// later row on a tie. A component no row matches, at an offer of another
// company than ReferenceCompany, takes the reference company's row of the
// same track, level and location (reference).
func (t *BandTable) LookupAll(key BandKey) BandSet {
	t.mu.RLock()
	l, ok := t.raw[key]
	t.mu.RUnlock()
	if !ok {
		l = t.indexes(foldKey(key))
		t.mu.Lock()
		t.raw[key] = l
		t.mu.Unlock()
	}
	return BandSet{t: t, l: l}
}

func componentIndex(c Component) int {
	for i, x := range Components {
		if x == c {
			return i
		}
	}
	return -1
}

// referenceFolded is ReferenceCompany and its company type, folded.
var referenceFolded = [2]string{fold(InferCompanyType(ReferenceCompany)), fold(ReferenceCompany)}

// indexes returns, per component, the winning row index (−1 for none) and
// its match kind.
func (t *BandTable) indexes(k foldedKey) *lookup {
	t.mu.RLock()
	l, ok := t.cache[k]
	t.mu.RUnlock()
	if ok {
		return l
	}
	l = new(lookup)
	t.pick(k, l, false)
	if k[1] != referenceFolded[1] {
		ref := k
		ref[0], ref[1] = referenceFolded[0], referenceFolded[1]
		t.pick(ref, l, true)
	}
	for i := range l.idx {
		if l.match[i] == "" {
			l.idx[i], l.match[i] = -1, MatchNone
		}
	}
	t.mu.Lock()
	t.cache[k] = l
	t.mu.Unlock()
	return l
}

// pick fills the components of l that have no row yet with the best rows
// matching k. As a reference lookup it takes only rows that name a company
// (the reference company's own rows) and marks them MatchReference.
func (t *BandTable) pick(k foldedKey, l *lookup, reference bool) {
	var best [componentCount]struct {
		idx, rank, spec int
	}
	for i := range best {
		best[i].idx = -1
	}
	for i, b := range t.bands {
		if !t.folded[i].matches(k) {
			continue
		}
		c := componentIndex(b.Component)
		if l.match[c] != "" {
			continue
		}
		kind := b.Key.matchKind()
		if reference && kind == MatchCompanyType {
			continue
		}
		rank, spec := kind.rank(), b.Key.specificity()
		cur := &best[c]
		if cur.idx < 0 || rank < cur.rank || (rank == cur.rank && spec >= cur.spec) {
			cur.idx, cur.rank, cur.spec = i, rank, spec
		}
	}
	for c, b := range best {
		if b.idx < 0 {
			continue
		}
		l.idx[c] = b.idx
		l.match[c] = BandMatches[b.rank]
		if reference {
			l.match[c] = MatchReference
		}
	}
}
