package analyzer

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// FlagCode is a stable, machine-readable flag name (see "Flags" in docs/METHOD.md).
type FlagCode string

// The flag codes (see "Flags" in docs/METHOD.md).
const (
	FlagCliffY3              FlagCode = "CLIFF_Y3"
	FlagYoYDrop              FlagCode = "YOY_DROP"
	FlagBelowMedian          FlagCode = "BELOW_MEDIAN"
	FlagFarBelowMarket       FlagCode = "FAR_BELOW_MARKET"
	FlagNoSignOnWithUnvested FlagCode = "NO_SIGN_ON_WITH_UNVESTED"
	FlagBaseAboveCap         FlagCode = "BASE_ABOVE_CAP"
	FlagAboveBand            FlagCode = "ABOVE_BAND"
	FlagComponentAboveBand   FlagCode = "COMPONENT_ABOVE_BAND"
	FlagBelowFloor           FlagCode = "BELOW_FLOOR"
	FlagBelowComparator      FlagCode = "BELOW_COMPARATOR"
	FlagNoBand               FlagCode = "NO_BAND"
	FlagRSUValueMismatch     FlagCode = "RSU_VALUE_MISMATCH"
	FlagUnknownLocation      FlagCode = "UNKNOWN_LOCATION"
	FlagUnknownTrack         FlagCode = "UNKNOWN_TRACK"
)

// Severity says how much a flag matters.
type Severity string

// Flag severities, mildest first.
const (
	SeverityInfo     Severity = "info"
	SeverityWarning  Severity = "warning"
	SeverityCritical Severity = "critical"
)

// Flag is one finding about an offer: a code, a severity and a one-line
// message a person can read in a cell note.
type Flag struct {
	Code     FlagCode
	Severity Severity
	Message  string
}

// FlagCodes joins the flags' codes with ";" as results.csv writes them.
func FlagCodes(flags []Flag) string {
	codes := make([]string, len(flags))
	for i, f := range flags {
		codes[i] = string(f.Code)
	}
	return strings.Join(codes, ";")
}

// yearFlags finds the flags that come from the year table alone: CLIFF_Y3
// (year 3 pays less than year 1) and YOY_DROP (some year pays more than 10%
// less than the year before).
func yearFlags(a *Analysis, p *Playbook) []Flag {
	if !a.decimalOnly {
		if flags, ok := yearFlagsMoney(a, p); ok {
			return flags
		}
	}
	yoyDropLimit := one.Sub(p.YoYDropPct.Shift(-2))
	var flags []Flag
	ys := a.Years
	if len(ys) >= 3 && ys[2].Total.LessThan(ys[0].Total) {
		flags = append(flags, Flag{FlagCliffY3, SeverityWarning, fmt.Sprintf(
			"Year 3 pays %s less than year 1: %s.", Dollars(ys[0].Total.Sub(ys[2].Total)), cliffCause(ys[0], ys[2]))})
	}
	var drops []string
	for t := 1; t < len(ys); t++ {
		if ys[t].Total.LessThan(ys[t-1].Total.Mul(yoyDropLimit)) {
			fall := ys[t-1].Total.Sub(ys[t].Total)
			pct := fall.Mul(hundred).DivRound(ys[t-1].Total, 1)
			drops = append(drops, fmt.Sprintf("year %d falls %s%% (%s)", t+1, pct.StringFixed(1), Dollars(fall)))
		}
	}
	if len(drops) > 0 {
		flags = append(flags, Flag{FlagYoYDrop, SeverityWarning,
			"Pay drops more than " + p.YoYDropPct.String() + "% year over year: " + strings.Join(drops, "; ") + "."})
	}
	return flags
}

// cliffCause names why year 3 pays less than year 1: the sign-on ending,
// front-loaded vesting tapering (year 3 vests less than year 1), or both.
func cliffCause(y1, y3 YearTotals) string {
	signOn := y1.SignOn.GreaterThan(y3.SignOn)
	vest1, vest3 := y1.RSU.Add(y1.Refresh), y3.RSU.Add(y3.Refresh)
	tapers := vest3.LessThan(vest1)
	switch {
	case signOn && tapers:
		return fmt.Sprintf("the sign-on ends (%s in year 1) and the front-loaded vesting tapers (%s vested in year 1, %s in year 3)",
			Dollars(y1.SignOn), Dollars(vest1), Dollars(vest3))
	case signOn && vest3.GreaterThan(vest1):
		return fmt.Sprintf("the sign-on (%s in year 1) ends before the back-loaded vesting makes up for it", Dollars(y1.SignOn))
	case signOn:
		return fmt.Sprintf("the sign-on (%s in year 1) ends", Dollars(y1.SignOn))
	case tapers:
		return fmt.Sprintf("the front-loaded vesting tapers (%s vested in year 1, %s in year 3)", Dollars(vest1), Dollars(vest3))
	}
	return "a first-year payment ends"
}

// rsuMismatch flags a grant whose rsu_value and shares × price differ by more
// than 1% of rsu_value; the analysis then uses rsu_value.
func rsuMismatch(value, fromShares, limitPct decimal.Decimal) (Flag, bool) {
	diff := value.Sub(fromShares).Abs()
	if diff.LessThanOrEqual(value.Abs().Mul(limitPct).Shift(-2)) {
		return Flag{}, false
	}
	return Flag{FlagRSUValueMismatch, SeverityWarning, fmt.Sprintf(
		"rsu_value %s and rsu_shares × stock_price %s differ by more than %s%%; rsu_value is used.",
		Dollars(value), Dollars(fromShares), limitPct)}, true
}

// appendDollarsOf appends Dollars(d) to buf, without allocating when d
// is exact in Money.
func appendDollarsOf(buf []byte, d decimal.Decimal) []byte {
	var x exact
	if m := x.moneyOf(d); x.ok() {
		return appendDollars(buf, m)
	}
	return append(buf, Dollars(d)...)
}

// cmpAt compares d with v × 10^-places: −1, 0 or +1, without allocating
// when d's coefficient and the scaled figures fit an int64.
func cmpAt(d decimal.Decimal, v int64, places int32) int {
	if d.NumDigits() <= 18 {
		c, e := d.CoefficientInt64(), d.Exponent()
		// Bring both to the smaller exponent.
		switch lo := min(e, -places); {
		case e-lo > 18 || -places-lo > 18:
		default:
			var x exact
			a := x.mulInt(Money(c), pow10i[e-lo])
			b := x.mulInt(Money(v), pow10i[-places-lo])
			if x.ok() {
				return cmp.Compare(a, b)
			}
		}
	}
	return d.Cmp(decimal.New(v, -places))
}

// Dollars formats an amount as whole dollars (half-even) with thousands
// separators, "$1,140,000" or "-$5,000", for messages and notes.
func Dollars(d decimal.Decimal) string {
	var x exact
	if m := x.moneyOf(d); x.ok() {
		return string(appendDollars(make([]byte, 0, 16), m))
	}
	s := d.RoundBank(0).StringFixed(0)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-$" + b.String()
	}
	return "$" + b.String()
}
