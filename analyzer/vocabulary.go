package analyzer

import (
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Vocabulary is the names offerbook knows (docs/METHOD.md, "Market
// position"): the locations and tracks of the bands in use, the tax
// residences and the alias table with the metro spellings people write.
// A name it does not know is flagged with the nearest known name, never
// silently read as "any". Checks are cached per distinct spelling, so a
// batch of a million offers folds and compares each spelling once. A
// Vocabulary is safe for concurrent use.
type Vocabulary struct {
	// locations and tracks map a folded known spelling to the name shown
	// when it is suggested; keys are their folded keys in sorted order, so
	// the nearest name is the same on every run.
	locations, tracks       map[string]string
	locationKeys, trackKeys []string

	mu         sync.RWMutex
	locChecks  map[string]NameCheck
	trackCheck map[string]NameCheck
}

// NameCheck is what the vocabulary says about one spelling.
type NameCheck struct {
	// Known is true for a known name (or a blank one, which means the
	// default).
	Known bool
	// NonUS is true for a location outside the United States.
	NonUS bool
	// Nearest is the nearest known name, "" when none is close.
	Nearest string
}

// nonUSPlaces are folded names of places outside the United States people
// write as a location: cities and countries.
var nonUSPlaces = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`london uk unitedkingdom england britain greatbritain scotland edinburgh
		manchester cambridgeuk dublin ireland toronto vancouver montreal ottawa waterloo canada bangalore
		bengaluru hyderabad pune chennai delhi newdelhi mumbai gurgaon gurugram noida india berlin munich
		hamburg germany amsterdam netherlands paris france zurich switzerland geneva telaviv israel
		singapore sydney melbourne australia auckland newzealand tokyo japan seoul korea southkorea
		beijing shanghai shenzhen china hongkong taipei taiwan mexicocity guadalajara mexico saopaulo
		brazil buenosaires argentina warsaw krakow poland madrid barcelona spain lisbon portugal stockholm
		sweden copenhagen denmark oslo norway helsinki finland prague czechia vienna austria brussels
		belgium milan italy rome bucharest romania kyiv ukraine dubai uae cairo egypt lagos nigeria
		nairobi kenya capetown southafrica manila philippines jakarta indonesia kualalumpur malaysia
		bangkok thailand hanoi vietnam luxembourg cyprus athens greece istanbul turkey budapest hungary
		emea apac latam europe asia`) {
		nonUSPlaces[s] = true
	}
}

// usStates are folded US state codes and names: a location naming one
// ("Dublin, CA", "Paris, TX") is in the United States whatever its city.
var usStates = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt
		ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy usa us unitedstates alabama alaska
		arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa
		kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
		nebraska nevada newhampshire newjersey newmexico newyork northcarolina northdakota ohio oklahoma oregon
		pennsylvania rhodeisland southcarolina southdakota tennessee texas utah vermont virginia washington
		westvirginia wisconsin wyoming`) {
		usStates[s] = true
	}
}

// NewVocabulary gathers the known names from the alias tables, the tax
// residences and the bands in use (nil for none).
func NewVocabulary(bands *BandTable) *Vocabulary {
	v := &Vocabulary{locations: map[string]string{}, tracks: map[string]string{},
		locChecks: map[string]NameCheck{}, trackCheck: map[string]NameCheck{}}
	for k, c := range locationAliases {
		v.locations[k] = c
		v.locations[fold(c)] = c
	}
	for k, r := range residenceAliases {
		if _, ok := v.locations[k]; !ok {
			v.locations[k] = string(r)
		}
	}
	for k, c := range trackAliases {
		v.tracks[k] = c
		v.tracks[fold(c)] = c
	}
	if bands != nil {
		for _, b := range bands.Bands() {
			if l := CanonicalLocation(b.Key.Location); l != "" {
				if _, ok := v.locations[fold(l)]; !ok {
					v.locations[fold(l)] = l
				}
			}
			if t := CanonicalTrack(b.Key.Track); t != "" {
				if _, ok := v.tracks[fold(t)]; !ok {
					v.tracks[fold(t)] = t
				}
			}
		}
	}
	delete(v.locations, "")
	delete(v.tracks, "")
	for k := range v.locations {
		v.locationKeys = append(v.locationKeys, k)
	}
	for k := range v.tracks {
		v.trackKeys = append(v.trackKeys, k)
	}
	slices.Sort(v.locationKeys)
	slices.Sort(v.trackKeys)
	return v
}

// Location checks a location as an offer gives it.
func (v *Vocabulary) Location(s string) NameCheck {
	return v.check(s, v.locChecks, func(f string) NameCheck {
		if _, ok := v.locations[f]; ok {
			return NameCheck{Known: true}
		}
		if isNonUS(s) {
			return NameCheck{NonUS: true}
		}
		return NameCheck{Nearest: nearest(f, v.locationKeys, v.locations)}
	})
}

// Track checks a track as an offer gives it.
func (v *Vocabulary) Track(s string) NameCheck {
	return v.check(s, v.trackCheck, func(f string) NameCheck {
		if _, ok := v.tracks[f]; ok {
			return NameCheck{Known: true}
		}
		return NameCheck{Nearest: nearest(f, v.trackKeys, v.tracks)}
	})
}

func (v *Vocabulary) check(s string, cache map[string]NameCheck, work func(folded string) NameCheck) NameCheck {
	if v == nil {
		return NameCheck{Known: true}
	}
	v.mu.RLock()
	c, ok := cache[s]
	v.mu.RUnlock()
	if ok {
		return c
	}
	f := fold(s)
	if f == "" {
		c = NameCheck{Known: true}
	} else {
		c = work(f)
	}
	v.mu.Lock()
	cache[s] = c
	v.mu.Unlock()
	return c
}

// isNonUS reports whether a location names a place outside the United
// States: the whole name, or any comma-separated part or word of it
// ("London", "London, UK", "Toronto ON"), unless it also names a US state
// ("Dublin, CA").
func isNonUS(s string) bool {
	parts := strings.Split(s, ",")
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(parts) > 1 || len(words) > 1 {
		for _, p := range append(parts, words...) {
			if usStates[fold(p)] {
				return false // "Dublin, CA", "Paris TX"
			}
		}
	}
	if nonUSPlaces[fold(s)] {
		return true
	}
	for _, part := range parts {
		if nonUSPlaces[fold(part)] {
			return true
		}
	}
	for _, w := range words {
		if len(w) > 2 && nonUSPlaces[fold(w)] {
			return true
		}
	}
	return false
}

// nearest is the known name whose folded spelling is the fewest edits
// (Levenshtein) from f, among keys in order, shown as names[key]; "" when
// even the nearest needs more edits than a third of f's letters (or one,
// for names under six letters).
func nearest(f string, keys []string, names map[string]string) string {
	limit := max(1, len([]rune(f))/3)
	best, bestD := "", limit+1
	for _, k := range keys {
		if d := EditDistance(f, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return names[best]
}

// EditDistance is the Levenshtein distance between two strings, by runes:
// the measure behind every "did you mean" suggestion.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
