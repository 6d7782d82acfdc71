package analyzer

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// ErrScheduleSum means a vesting schedule's yearly percentages do not add up
// to exactly 100.
var ErrScheduleSum = errors.New("vesting percentages must sum to exactly 100")

// ErrUnknownSchedule means a vesting text is neither a preset nor a list of
// percentages.
var ErrUnknownSchedule = errors.New("unknown vesting schedule")

// Vest is one vesting event: Percent of the grant vests Month months after
// the grant date.
type Vest struct {
	Month   int
	Percent decimal.Decimal
}

// Schedule is a vesting schedule: the percentage of a grant that vests in
// each year after the grant, and the individual vest events that make up
// those years (used for the calendar-year view).
type Schedule struct {
	// Name is the preset name ("amazon") or the explicit list ("10/20/30/40").
	Name string
	// Yearly holds the percentage vesting in year 1, 2, …; it sums to 100.
	Yearly []decimal.Decimal
	// Vests lists the vest events in date order.
	Vests []Vest

	// fractions[t-1] is Yearly[t-1]/100 and vested[m] the fraction vested
	// by the end of year m (vested[0] = 0), precomputed by the constructors
	// so the engine divides nothing per offer. Schedules are shared between
	// offers and never changed after construction.
	fractions, vested []decimal.Decimal
	// fractionsM and vestedM are the same in Money, nil when one is not
	// exact in Money.
	fractionsM, vestedM []Money
}

// withFractions precomputes the per-year and cumulative vest fractions.
func (s Schedule) withFractions() Schedule {
	s.fractions = make([]decimal.Decimal, len(s.Yearly))
	s.vested = make([]decimal.Decimal, len(s.Yearly)+1)
	s.vested[0] = decimal.Zero
	for i, p := range s.Yearly {
		s.fractions[i] = p.Shift(-2)
		s.vested[i+1] = s.vested[i].Add(s.fractions[i])
	}
	var x exact
	fm, vm := make([]Money, len(s.fractions)), make([]Money, len(s.vested))
	for i, f := range s.fractions {
		fm[i] = x.moneyOf(f)
	}
	for i, v := range s.vested {
		vm[i] = x.moneyOf(v)
	}
	if x.ok() {
		s.fractionsM, s.vestedM = fm, vm
	}
	return s
}

// fractionM is fraction in Money (x lost when it is not exact).
func (s *Schedule) fractionM(x *exact, year int) Money {
	if year < 1 || year > len(s.Yearly) {
		return 0
	}
	if s.fractionsM != nil {
		return s.fractionsM[year-1]
	}
	return x.moneyOf(s.fraction(year))
}

// vestedByM is vestedBy in Money (x lost when it is not exact).
func (s *Schedule) vestedByM(x *exact, m int) Money {
	if s.vestedM != nil {
		return s.vestedM[min(max(m, 0), len(s.Yearly))]
	}
	return x.moneyOf(s.vestedBy(m))
}

// fraction returns the share (not the percent) of the grant vesting in the
// 1-based year, zero outside the schedule.
func (s Schedule) fraction(year int) decimal.Decimal {
	if year < 1 || year > len(s.Yearly) {
		return decimal.Zero
	}
	if s.fractions != nil {
		return s.fractions[year-1]
	}
	return s.Yearly[year-1].Shift(-2)
}

// vestedBy returns the share of a grant vested by the end of year m (all
// of it past the schedule's end).
func (s Schedule) vestedBy(m int) decimal.Decimal {
	if m > len(s.Yearly) {
		m = len(s.Yearly)
	}
	if m < 1 {
		return decimal.Zero
	}
	if s.vested != nil {
		return s.vested[m]
	}
	sum := decimal.Zero
	for y := 1; y <= m; y++ {
		sum = sum.Add(s.fraction(y))
	}
	return sum
}

// DefaultScheduleName is the schedule an offer gets when none is given.
const DefaultScheduleName = "amazon"

// Percent returns the percentage vesting in the given 1-based year, zero
// outside the schedule.
func (s Schedule) Percent(year int) decimal.Decimal {
	if year < 1 || year > len(s.Yearly) {
		return decimal.Zero
	}
	return s.Yearly[year-1]
}

// String returns the schedule as a slash-separated list of yearly
// percentages, e.g. "5/15/40/40".
func (s Schedule) String() string {
	parts := make([]string, len(s.Yearly))
	for i, p := range s.Yearly {
		parts[i] = p.String()
	}
	return strings.Join(parts, "/")
}

// vestingPattern says how a preset spreads each year's percentage over
// events: once at the year's end, or in equal parts every few months.
type vestingPattern struct {
	yearly []int64
	// eventsPerYear per schedule year (1 = annual, 2 = semi-annual,
	// 4 = quarterly, 12 = monthly).
	eventsPerYear []int
}

// schedulePresets are the named schedules (see "Vesting schedules" in docs/METHOD.md). Amazon vests 5% and
// 15% at the first two anniversaries, then 20% every six months; Google's
// 33/33/22/12 vests monthly; Meta's 25/25/25/25 vests quarterly; "even" and
// "front-loaded" vest once a year; "startup" vests 25% at a one-year cliff,
// then the rest monthly over the next three years.
var schedulePresets = map[string]vestingPattern{
	"amazon":       {[]int64{5, 15, 40, 40}, []int{1, 1, 2, 2}},
	"even":         {[]int64{25, 25, 25, 25}, []int{1, 1, 1, 1}},
	"google":       {[]int64{33, 33, 22, 12}, []int{12, 12, 12, 12}},
	"front-loaded": {[]int64{38, 32, 20, 10}, []int{1, 1, 1, 1}},
	"meta":         {[]int64{25, 25, 25, 25}, []int{4, 4, 4, 4}},
	"startup":      {[]int64{25, 25, 25, 25}, []int{1, 12, 12, 12}},
}

// SchedulePresetNames lists the preset names in the order they are documented.
var SchedulePresetNames = []string{"amazon", "even", "google", "front-loaded", "meta", "startup"}

var hundred = decimal.NewFromInt(100)

// ParseSchedule reads a vesting text: a preset name (amazon, even, google,
// front-loaded, meta, startup; case- and space-insensitive, "frontloaded" and
// "front loaded" too) or an explicit list of yearly percentages separated by
// "/" such as "5/15/40/40" or "10% / 20% / 30% / 40%". An explicit list vests
// once at each anniversary. The percentages must be non-negative and sum to
// exactly 100, else the error wraps ErrScheduleSum.
func ParseSchedule(text string) (Schedule, error) {
	key := strings.ToLower(strings.TrimSpace(text))
	key = strings.NewReplacer(" ", "-", "_", "-").Replace(key)
	if key == "frontloaded" {
		key = "front-loaded"
	}
	if p, ok := schedulePresets[key]; ok {
		return p.build(key), nil
	}
	if !strings.Contains(key, "/") {
		return Schedule{}, fmt.Errorf("%w %q (want one of %s, or a list like 5/15/40/40)",
			ErrUnknownSchedule, text, strings.Join(SchedulePresetNames, ", "))
	}
	parts := strings.Split(strings.TrimSpace(text), "/")
	yearly := make([]decimal.Decimal, len(parts))
	sum := decimal.Zero
	for i, part := range parts {
		part = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), "%"))
		d, err := decimal.NewFromString(part)
		if err != nil {
			return Schedule{}, fmt.Errorf("%w %q: %q is not a percentage", ErrUnknownSchedule, text, strings.TrimSpace(parts[i]))
		}
		if d.IsNegative() {
			return Schedule{}, fmt.Errorf("%w %q: %q is negative; a vesting percentage is 0 or more", ErrUnknownSchedule, text, strings.TrimSpace(parts[i]))
		}
		yearly[i] = d
		sum = sum.Add(d)
	}
	if !sum.Equal(hundred) {
		return Schedule{}, fmt.Errorf("%w: %q sums to %s", ErrScheduleSum, text, sum.String())
	}
	s := Schedule{Name: strings.Join(trimAll(parts), "/"), Yearly: yearly}
	for i, p := range yearly {
		if !p.IsZero() {
			s.Vests = append(s.Vests, Vest{Month: 12 * (i + 1), Percent: p})
		}
	}
	return s.withFractions(), nil
}

// MustSchedule is ParseSchedule for texts known to be valid, such as presets
// in tests; it panics on an error.
func MustSchedule(text string) Schedule {
	s, err := ParseSchedule(text)
	if err != nil {
		panic(err)
	}
	return s
}

func trimAll(parts []string) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p), "%"))
	}
	return out
}

// build expands a preset into yearly percentages and vest events. A year
// split into n events gets n−1 equal parts rounded to 10 places and a last
// part that takes the remainder, so each year sums exactly.
func (p vestingPattern) build(name string) Schedule {
	s := Schedule{Name: name, Yearly: make([]decimal.Decimal, len(p.yearly))}
	for i, pct := range p.yearly {
		year := decimal.NewFromInt(pct)
		s.Yearly[i] = year
		n := p.eventsPerYear[i]
		part := year.DivRound(decimal.NewFromInt(int64(n)), 10)
		left := year
		for e := 1; e <= n; e++ {
			v := part
			if e == n {
				v = left
			}
			left = left.Sub(v)
			s.Vests = append(s.Vests, Vest{Month: 12*i + e*12/n, Percent: v})
		}
	}
	return s.withFractions()
}
