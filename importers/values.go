package importers

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// maxAmount bounds every parsed amount and number: nothing in an offer comes
// near a quadrillion, and an unbounded exponent ("1e999999") would make later
// decimal arithmetic arbitrarily slow.
var maxAmount = decimal.New(1, 15)

// maxExponent bounds the exponent of scientific notation ("1.75E5").
const maxExponent = 30

// isSpace reports whether r is a space that may surround a value or group its
// digits: ASCII space and tab, no-break space, narrow no-break space, thin
// space, figure space.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u202f', '\u2009', '\u2007', '\u2002', '\u2003':
		return true
	}
	return unicode.IsSpace(r)
}

// trim removes leading and trailing spaces as defined by isSpace.
func trim(s string) string {
	if s == "" || (s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf) {
		return s // the common case: nothing to trim
	}
	return strings.TrimFunc(s, isSpace)
}

// isoCurrencies are currency codes recognised in a money cell so that, for
// example, "175000 EUR" is reported as a foreign currency rather than as an
// unreadable amount.
var isoCurrencies = map[string]bool{
	"EUR": true, "GBP": true, "CAD": true, "AUD": true, "JPY": true, "CHF": true,
	"CNY": true, "RMB": true, "INR": true, "NZD": true, "SEK": true, "NOK": true,
	"DKK": true, "PLN": true, "MXN": true, "BRL": true, "HKD": true, "SGD": true,
	"KRW": true, "ZAR": true, "ILS": true, "RUB": true, "TRY": true, "CZK": true,
	"HUF": true, "TWD": true, "AED": true, "SAR": true, "ARS": true, "CLP": true,
	"COP": true, "PHP": true, "THB": true, "IDR": true, "MYR": true, "VND": true,
	"EGP": true, "NGN": true, "KES": true, "PKR": true, "BGN": true, "RON": true,
	"UAH": true, "ISK": true,
}

// numericError says why numeric text could not be read.
type numericError struct {
	currency string // non-empty: a foreign currency was named
	detail   string // optional short explanation
}

// parseNumeric reads an amount or a plain number. With money set it accepts
// USD markers ("$", "US$", "USD") and reports any other currency; it always
// accepts a sign, accounting parentheses, a k/m/b multiplier, digit groups and
// scientific notation. european selects "." as the group separator and ","
// as the decimal separator when the text alone does not decide.
func parseNumeric(s string, european, money bool) (decimal.Decimal, *numericError) {
	t := trim(s)
	if t == "" {
		return decimal.Zero, &numericError{detail: "empty"}
	}
	if d, ok := plainNumber(t, european); ok {
		return d, nil
	}
	neg := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg = true
		t = trim(t[1 : len(t)-1])
	}
	signed := false
	takeSign := func() {
		if signed {
			return
		}
		switch {
		case strings.HasPrefix(t, "-"):
			t, neg, signed = trim(t[1:]), !neg, true
		case strings.HasPrefix(t, "\u2212"): // minus sign
			t, neg, signed = trim(t[len("\u2212"):]), !neg, true
		case strings.HasPrefix(t, "+"):
			t, signed = trim(t[1:]), true
		}
	}
	takeSign()

	// Currency before the number: "$", "US$", "USD 175,000", "€", "C$".
	if cur, rest, ok := leadingCurrency(t); ok {
		if !money {
			return decimal.Zero, &numericError{detail: "unexpected currency"}
		}
		if cur != "USD" {
			return decimal.Zero, &numericError{currency: cur}
		}
		t = trim(rest)
		takeSign()
	}
	// Currency after the number: "175000 USD", "175 000 €", "175000$".
	if cur, rest, ok := trailingCurrency(t); ok {
		if !money {
			return decimal.Zero, &numericError{detail: "unexpected currency"}
		}
		if cur != "USD" {
			return decimal.Zero, &numericError{currency: cur}
		}
		t = trim(rest)
	}

	// A sum such as "$90,000 + $70,000" is not one amount.
	if isSum(t) {
		return decimal.Zero, &numericError{detail: "a sum of several amounts is not accepted; write the total, such as 160000, or put each part in its own column"}
	}

	// Multiplier: 175K, 1.2M, 1.2mm, 2B, 2bn.
	shift := int32(0)
	for _, m := range multipliers {
		if hasSuffixFold(t, m.suffix) {
			shift = m.shift
			t = trim(t[:len(t)-len(m.suffix)])
			break
		}
	}
	if t == "" {
		return decimal.Zero, &numericError{}
	}

	d, nerr := parseDigits(t, european, shift == 0)
	if nerr != nil {
		return decimal.Zero, nerr
	}
	if shift != 0 {
		d = d.Shift(shift)
	}
	if d.Cmp(maxAmount) >= 0 || d.Cmp(minAmount) <= 0 {
		return decimal.Zero, &numericError{detail: "out of range"}
	}
	if neg {
		d = d.Neg()
	}
	return d, nil
}

// isSum reports whether t (its leading sign already taken) adds amounts:
// a "+" that is not the sign of a scientific exponent ("1.2E+5").
func isSum(t string) bool {
	for i := 1; i < len(t); i++ {
		if t[i] == '+' && t[i-1] != 'e' && t[i-1] != 'E' {
			return true
		}
	}
	return false
}

// multipliers are the amount suffixes, longest first.
var multipliers = []struct {
	suffix string
	shift  int32
}{{"mm", 6}, {"bn", 9}, {"k", 3}, {"m", 6}, {"b", 9}}

// minAmount is -maxAmount.
var minAmount = maxAmount.Neg()

// hasSuffixFold reports whether s ends with the lower-case ASCII suffix,
// ignoring case.
func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// plainNumber is the fast path for the common case: up to 15 integer digits
// with an optional fraction (not in european mode, where "." groups digits),
// nothing else.
func plainNumber(t string, european bool) (decimal.Decimal, bool) {
	dot := -1
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && dot < 0 && !european:
			dot = i
		default:
			return decimal.Zero, false
		}
	}
	intLen := len(t)
	if dot >= 0 {
		intLen = dot
	}
	if intLen == 0 || intLen > 15 || dot == len(t)-1 {
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(t)
	return d, err == nil
}

// leadingCurrency recognises a currency marker at the start of t and returns
// its code ("USD" for "$", "US$" and "USD"; the code or symbol otherwise).
func leadingCurrency(t string) (code, rest string, ok bool) {
	r, size := utf8.DecodeRuneInString(t)
	if r == '$' {
		return "USD", t[size:], true
	}
	if unicode.Is(unicode.Sc, r) {
		return string(r), t[size:], true
	}
	// A run of ASCII letters: "USD", "EUR", "US$", "C$", "CA$".
	n := 0
	for n < len(t) && isASCIILetter(t[n]) {
		n++
	}
	if n == 0 {
		return "", t, false
	}
	word := strings.ToUpper(t[:n])
	rest = t[n:]
	if strings.HasPrefix(rest, "$") {
		if word == "US" {
			return "USD", rest[1:], true
		}
		return word + "$", rest[1:], true
	}
	if word == "USD" || isoCurrencies[word] {
		return word, rest, true
	}
	return "", t, false
}

// trailingCurrency recognises a currency marker at the end of t.
func trailingCurrency(t string) (code, rest string, ok bool) {
	r, size := utf8.DecodeLastRuneInString(t)
	if r == '$' {
		return "USD", t[:len(t)-size], true
	}
	if unicode.Is(unicode.Sc, r) {
		return string(r), t[:len(t)-size], true
	}
	n := len(t)
	for n > 0 && isASCIILetter(t[n-1]) {
		n--
	}
	word := strings.ToUpper(t[n:])
	if word == "USD" || isoCurrencies[word] {
		return word, t[:n], true
	}
	return "", t, false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseDigits reads the number itself: digits with optional group and decimal
// separators, or (when allowExp) scientific notation without groups.
func parseDigits(t string, european, allowExp bool) (decimal.Decimal, *numericError) {
	// Spaces of any kind group digits: "1 200 000", "1\u202f200\u202f000".
	spaced := strings.IndexFunc(t, isSpace) >= 0
	if spaced {
		t = strings.Map(func(r rune) rune {
			if isSpace(r) {
				return ' '
			}
			return r
		}, t)
	}
	if e := strings.IndexAny(t, "eE"); e >= 0 {
		if !allowExp || spaced || strings.ContainsAny(t, ",") {
			return decimal.Zero, &numericError{}
		}
		mant, exp := t[:e], t[e+1:]
		expDigits := strings.TrimLeft(exp, "+-")
		if len(exp)-len(expDigits) > 1 || !isDigits(expDigits) || len(expDigits) > 3 {
			return decimal.Zero, &numericError{}
		}
		if !validPlain(mant) {
			return decimal.Zero, &numericError{}
		}
		d, err := decimal.NewFromString(mant)
		if err != nil {
			return decimal.Zero, &numericError{}
		}
		var x int32
		for _, c := range expDigits {
			x = x*10 + (c - '0')
		}
		if x > maxExponent {
			return decimal.Zero, &numericError{detail: "out of range"}
		}
		if strings.HasPrefix(exp, "-") {
			x = -x
		}
		return d.Shift(x), nil
	}

	dot, comma := strings.Count(t, "."), strings.Count(t, ",")
	var group, dec byte // 0 = none
	switch {
	case dot > 0 && comma > 0:
		// Both present: the last one is the decimal separator.
		if strings.LastIndexByte(t, '.') > strings.LastIndexByte(t, ',') {
			group, dec = ',', '.'
		} else {
			group, dec = '.', ','
		}
	case comma > 0:
		if european {
			dec = ','
		} else {
			group = ','
		}
	case dot > 0:
		if european && (dot > 1 || validGroups(t, '.')) {
			group = '.'
		} else {
			dec = '.'
		}
	}
	intPart, frac := t, ""
	if dec != 0 {
		i := strings.IndexByte(t, dec)
		if strings.IndexByte(t[i+1:], dec) >= 0 {
			return decimal.Zero, &numericError{}
		}
		intPart, frac = t[:i], t[i+1:]
		if frac != "" && !isDigits(frac) {
			return decimal.Zero, &numericError{}
		}
		if intPart == "" && frac == "" {
			return decimal.Zero, &numericError{}
		}
	}
	if spaced {
		if group != 0 {
			return decimal.Zero, &numericError{detail: "mixed digit grouping"}
		}
		group = ' '
	}
	if group != 0 && strings.IndexByte(intPart, group) >= 0 {
		if !validGroups(intPart, group) {
			return decimal.Zero, &numericError{}
		}
		intPart = strings.ReplaceAll(intPart, string(group), "")
	}
	if intPart != "" && !isDigits(intPart) {
		return decimal.Zero, &numericError{}
	}
	if intPart == "" {
		intPart = "0"
	}
	text := intPart
	if frac != "" {
		text += "." + frac
	}
	d, err := decimal.NewFromString(text)
	if err != nil {
		return decimal.Zero, &numericError{}
	}
	return d, nil
}

// validPlain reports whether s is digits with at most one '.', as in the
// mantissa of scientific notation.
func validPlain(s string) bool {
	i := strings.IndexByte(s, '.')
	if i < 0 {
		return isDigits(s)
	}
	a, b := s[:i], s[i+1:]
	return (a == "" || isDigits(a)) && (b == "" || isDigits(b)) && (a != "" || b != "")
}

// validGroups reports whether s is digits grouped by sep in threes: 1–3
// digits, then one or more groups of exactly three ("1,234,567").
func validGroups(s string, sep byte) bool {
	parts := strings.Split(s, string(sep))
	if len(parts) < 2 {
		return false
	}
	if len(parts[0]) < 1 || len(parts[0]) > 3 || !isDigits(parts[0]) {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || !isDigits(p) {
			return false
		}
	}
	return true
}

// ParseMoney reads a US dollar amount: "175000", "175,000", "$175,000.00",
// "175K", "$1.2M", "1 200 000" (also with no-break or narrow spaces),
// "(5,000)" or "-5000" as negative, "USD 175,000", "175000 USD" and
// scientific notation such as "1.75E5" (a raw XLSX value). With european
// set, "." groups digits and "," is the decimal separator ("175.000,00",
// "1.234,5"); a text with both separators is read by which comes last in
// either mode. A currency other than USD ("€", "£", "EUR", "GBP", "CAD", …)
// gives an error wrapping ErrCurrency; anything else unreadable wraps
// ErrInvalidAmount. Amounts are exact decimals, never float64.
func ParseMoney(s string, european bool) (decimal.Decimal, error) {
	d, nerr := parseNumeric(s, european, true)
	if nerr != nil {
		if nerr.currency != "" {
			return decimal.Zero, fmt.Errorf("%w: %s in %q", ErrCurrency, nerr.currency, s)
		}
		return decimal.Zero, wrapDetail(ErrInvalidAmount, s, nerr.detail)
	}
	return d, nil
}

// ParseNumber reads a plain number such as a share count or a score: digits
// with optional digit groups, decimals, sign, a k/m/b multiplier or
// scientific notation; european as in ParseMoney. A currency marker or any
// other text gives an error wrapping ErrInvalidNumber.
func ParseNumber(s string, european bool) (decimal.Decimal, error) {
	d, nerr := parseNumeric(s, european, false)
	if nerr != nil {
		return decimal.Zero, wrapDetail(ErrInvalidNumber, s, nerr.detail)
	}
	return d, nil
}

func wrapDetail(sentinel error, s, detail string) error {
	if detail == "" || detail == "empty" {
		return fmt.Errorf("%w %q", sentinel, s)
	}
	return fmt.Errorf("%w %q (%s)", sentinel, s, detail)
}

var (
	one        = decimal.NewFromInt(1)
	hundredDec = decimal.NewFromInt(100)
	// maxPercent is 1000%, far above any bonus target.
	maxPercent = decimal.NewFromInt(10)
)

// ParsePercent reads a percentage and returns it as a fraction: "15%" and
// "15" give 0.15, and so does "0.15", because a value without a % sign that
// is at most 1 is taken as a fraction already (see "Percentages and money as written" in docs/METHOD.md). So "1" means 100%,
// and "1%" means 0.01. "12,5%" is read with a decimal comma. Negative values
// and values above 1000% give an error wrapping ErrInvalidPercent.
func ParsePercent(s string) (decimal.Decimal, error) {
	t := trim(s)
	pct := false
	lower := strings.ToLower(t)
	for _, suffix := range []string{"%", "pct", "percent"} {
		if strings.HasSuffix(lower, suffix) {
			pct = true
			t = trim(t[:len(t)-len(suffix)])
			break
		}
	}
	european := strings.Contains(t, ",") && !strings.Contains(t, ".")
	d, nerr := parseNumeric(t, european, false)
	if nerr != nil || t == "" {
		return decimal.Zero, fmt.Errorf("%w %q", ErrInvalidPercent, s)
	}
	if d.IsNegative() {
		return decimal.Zero, fmt.Errorf("%w %q (negative)", ErrInvalidPercent, s)
	}
	if pct || d.GreaterThan(one) {
		d = d.Div(hundredDec)
	}
	if d.GreaterThan(maxPercent) {
		return decimal.Zero, fmt.Errorf("%w %q (out of range)", ErrInvalidPercent, s)
	}
	return d, nil
}

// dateLayouts are the textual date forms ParseDate accepts, tried in order.
// Slashes are read month first (US); dots day first (European).
var dateLayouts = []string{
	"2006-1-2",
	"2006/1/2",
	"1/2/2006",
	"1/2/06",
	"Jan 2, 2006",
	"Jan 2 2006",
	"January 2, 2006",
	"January 2 2006",
	"Jan. 2, 2006",
	"2 Jan 2006",
	"2 January 2006",
	"2-Jan-2006",
	"2-Jan-06",
	"2 Jan, 2006",
	"2. January 2006",
	"2.1.2006",
	"20060102",
	"Mon, Jan 2, 2006",
	"Monday, January 2, 2006",
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"1/2/2006 15:04:05",
	"1/2/2006 15:04",
}

// minYear and maxYear bound the dates ParseDate accepts: an offer's dates
// fall in this range, and a year such as 9999 is a typo that would otherwise
// turn into calendar years past 10000.
const minYear, maxYear = 1900, 2200

func yearDetail(y int) string {
	return fmt.Sprintf("the year %d is outside 1900–2200; check the date", y)
}

// maxSerial is the Excel serial of 9999-12-31, the last date Excel knows.
const maxSerial = 2958465

// ParseDate reads a date: ISO "2026-03-01", US "3/1/2026" and "03/01/26"
// (month first), "Mar 1, 2026", "1 March 2026", "1-Mar-2026", European
// "01.03.2026" (day first), or an Excel serial day number such as "46082" or
// "46082.0" in the 1900 date system (serial 1 is 1900-01-01; Excel's
// fictitious 1900-02-29, serial 60, is rejected; a fraction is a time of day
// and is dropped). The result is midnight UTC in the years 1900–2200.
// Errors wrap ErrInvalidDate.
func ParseDate(s string) (time.Time, error) {
	t := trim(s)
	bad := func(detail string) (time.Time, error) {
		if detail != "" {
			return time.Time{}, fmt.Errorf("%w %q (%s)", ErrInvalidDate, s, detail)
		}
		return time.Time{}, fmt.Errorf("%w %q", ErrInvalidDate, s)
	}
	if t == "" {
		return bad("")
	}
	if isSerial(t) {
		d, err := decimal.NewFromString(t)
		if err != nil {
			return bad("")
		}
		if !d.LessThan(decimal.NewFromInt(maxSerial + 1)) {
			return bad("serial out of range")
		}
		n := d.IntPart()
		switch {
		case n < 1:
			return bad("serial out of range")
		case n < 60:
			return time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n)), nil
		case n == 60:
			return bad("1900-02-29 does not exist")
		}
		day := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n))
		if day.Year() > maxYear {
			return bad(yearDetail(day.Year()))
		}
		return day, nil
	}
	for _, layout := range dateLayouts {
		if d, err := time.Parse(layout, t); err == nil {
			if d.Year() < minYear || d.Year() > maxYear {
				return bad(yearDetail(d.Year()))
			}
			y, m, day := d.Date()
			return time.Date(y, m, day, 0, 0, 0, 0, time.UTC), nil
		}
	}
	return bad("")
}

// days1904 is how many days the 1904 date system's serials start after the
// 1900 system's: serial 0 is 1904-01-01 there, serial 1462 here.
const days1904 = 1462

// serialFrom1904 turns a date serial of a workbook in the 1904 date system
// into the 1900 system's serial that ParseDate reads; any other text is
// returned as it is.
func serialFrom1904(t string) string {
	if !isSerial(t) {
		return t
	}
	d, err := decimal.NewFromString(t)
	if err != nil || d.IsNegative() || !d.LessThan(decimal.NewFromInt(maxSerial)) {
		return t
	}
	return strconv.FormatInt(d.IntPart()+days1904, 10)
}

// isSerial reports whether t looks like an Excel serial: up to 7 digits,
// optionally with a fraction or a scientific exponent as XLSX stores it.
func isSerial(t string) bool {
	mant, exp := t, ""
	if e := strings.IndexAny(t, "eE"); e >= 0 {
		mant, exp = t[:e], t[e+1:]
		exp = strings.TrimPrefix(strings.TrimPrefix(exp, "+"), "-")
		if !isDigits(exp) || len(exp) > 2 {
			return false
		}
	}
	intPart := mant
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart = mant[:i]
		if f := mant[i+1:]; f != "" && !isDigits(f) {
			return false
		}
	}
	return isDigits(intPart) && (len(intPart) <= 7 || exp != "")
}

// minAmount is the smallest non-zero amount a yearly or one-time money
// column takes at face value (base has its own check): below it the amount
// was written in thousands, or cut short.
var minPlausible = decimal.NewFromInt(1000)

// plausible accepts zero or an amount of at least $1,000 for the money
// column that what names ("an RSU grant"): "11" is answered with "did you
// mean 11K?", never read as $11.
func plausible(what string) check {
	return func(d decimal.Decimal) string {
		if d.IsNegative() {
			return "negative"
		}
		if d.IsZero() || !belowThousand(d) {
			return ""
		}
		if d.GreaterThanOrEqual(one) {
			return fmt.Sprintf("%s below $1,000 is not plausible; did you mean %sK?", what, d.String())
		}
		return fmt.Sprintf("%s below $1,000 is not plausible; write it in dollars, such as 50000 or 50K", what)
	}
}

// belowThousand reports whether a positive d is under $1,000, without the
// allocation a comparison of decimals with different exponents costs.
func belowThousand(d decimal.Decimal) bool {
	switch e := d.Exponent(); {
	case e <= 0:
		return d.IntPart() < 1000
	case e >= 3: // "300K": at least one thousand
		return false
	case d.NumDigits() > 18:
		return false
	default:
		c := d.CoefficientInt64()
		if e == 1 {
			return c < 100
		}
		return c < 10
	}
}

// maxStockPrice is the highest price per share taken at face value.
var maxStockPrice = decimal.NewFromInt(100000)

// plausiblePrice accepts a positive price per share up to $100,000: a
// larger one is almost always a number written with the other convention
// ("185.500" for 185.50) and would multiply a grant a thousandfold.
func plausiblePrice(d decimal.Decimal) string {
	if reason := positive(d); reason != "" {
		return reason
	}
	// IntPart first: it allocates nothing for an amount as written, where
	// a comparison of decimals with different exponents does.
	if (d.Exponent() > 0 || d.IntPart() >= 100000) && d.GreaterThan(maxStockPrice) {
		return "a price per share above $100,000 is not plausible; check the decimal point, or give the grant as rsu_value"
	}
	return ""
}

// Number conventions of a file: how it writes 1,234.56.
const (
	styleUnknown  = iota
	styleUS       // 1,234.56
	styleEuropean // 1.234,56
	styleEither   // "300,000" or "185.500": one separator and three digits after it
)

// numberStyle says which convention a number's separators show: US or
// European when only one reading makes sense, styleEither when both do,
// styleUnknown when it has no separator. It reads the text once and
// allocates nothing.
func numberStyle(t string) int {
	dots, commas := 0, 0
	last := byte(0)
	lastAt := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '.':
			dots++
			last, lastAt = '.', i
		case ',':
			commas++
			last, lastAt = ',', i
		}
	}
	switch {
	case dots == 0 && commas == 0:
		return styleUnknown
	case dots > 0 && commas > 0:
		if last == '.' {
			return styleUS
		}
		return styleEuropean
	case commas > 1:
		return styleUS // thousands groups
	case dots > 1:
		return styleEuropean
	}
	digits := 0
	for i := lastAt + 1; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
		digits++
	}
	if digits == 3 && lastAt > 0 && t[lastAt-1] >= '0' && t[lastAt-1] <= '9' {
		return styleEither
	}
	if last == '.' {
		return styleUS
	}
	return styleEuropean
}
