package importers

import (
	"fmt"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// applyFunc parses the trimmed, non-blank text of one cell into the offer.
type applyFunc func(o *analyzer.Offer, v string, european bool) error

// column describes one canonical input column: its name, whether a blank
// cell rejects the row, and how its text is parsed into an Offer.
type column struct {
	name     string
	required bool
	apply    applyFunc
	money    bool // set for money columns, see init
}

// columns is the canonical column table in the order of "Columns and defaults" in docs/METHOD.md. offerRow has one
// field per entry, in the same order, tagged with the same name.
var columns = []column{
	{name: colID, apply: text(func(o *analyzer.Offer) *string { return &o.ID })},
	{name: colCandidate, apply: text(func(o *analyzer.Offer) *string { return &o.Candidate })},
	{name: colCompany, apply: text(func(o *analyzer.Offer) *string { return &o.Company })},
	{name: colCompanyType, apply: text(func(o *analyzer.Offer) *string { return &o.CompanyType })},
	{name: colTrack, apply: canon(analyzer.CanonicalTrack, func(o *analyzer.Offer) *string { return &o.Track })},
	{name: colLevel, required: true, apply: level},
	{name: colLocation, required: true, apply: canon(analyzer.CanonicalLocation, func(o *analyzer.Offer) *string { return &o.Location })},
	{name: colSpecialization, apply: text(func(o *analyzer.Offer) *string { return &o.Specialization })},
	{name: colBase, required: true, apply: money(plausibleBase, func(o *analyzer.Offer) *decimal.Decimal { return &o.Base })},
	{name: colSignOnY1, apply: money(plausible("a sign-on bonus"), func(o *analyzer.Offer) *decimal.Decimal { return &o.SignOnY1 })},
	{name: colSignOnY2, apply: money(plausible("a sign-on bonus"), func(o *analyzer.Offer) *decimal.Decimal { return &o.SignOnY2 })},
	{name: colRSUValue, apply: nullMoney(plausible("an RSU grant"), func(o *analyzer.Offer) *decimal.NullDecimal { return &o.RSUValue })},
	{name: colRSUShares, apply: nullNumber(nonNegative, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.RSUShares })},
	{name: colStockPrice, apply: nullMoney(plausiblePrice, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.StockPrice })},
	{name: colVesting, apply: nil}, // parsed through converter.schedule
	{name: colBonusPct, apply: percent(func(o *analyzer.Offer) *decimal.Decimal { return &o.BonusPct })},
	{name: colRefresher, apply: money(plausible("a refresher grant"), func(o *analyzer.Offer) *decimal.Decimal { return &o.Refresher })},
	{name: colRelocation, apply: money(plausible("a relocation package"), func(o *analyzer.Offer) *decimal.Decimal { return &o.Relocation })},
	{name: colStartDate, apply: date(func(o *analyzer.Offer) *time.Time { return &o.StartDate })},
	{name: colCurrentTC, apply: nullMoney(plausible("a current total compensation"), func(o *analyzer.Offer) *decimal.NullDecimal { return &o.CurrentTC })},
	{name: colUnvestedEquity, apply: nullMoney(plausible("unvested equity"), func(o *analyzer.Offer) *decimal.NullDecimal { return &o.UnvestedEquity })},
	{name: colFloor, apply: nullMoney(nonNegative, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Floor })},
	{name: colColAdjustment, apply: money(anySign, func(o *analyzer.Offer) *decimal.Decimal { return &o.ColAdjustment })},
	{name: colRiskPremium, apply: money(anySign, func(o *analyzer.Offer) *decimal.Decimal { return &o.RiskPremium })},
	{name: colGrowthValue, apply: money(anySign, func(o *analyzer.Offer) *decimal.Decimal { return &o.GrowthValue })},
	{name: colCompetingCompany, apply: text(func(o *analyzer.Offer) *string { return &o.CompetingCompany })},
	{name: colCompetingLevel, apply: canon(analyzer.CanonicalLevel, func(o *analyzer.Offer) *string { return &o.CompetingLevel })},
	{name: colCompetingTC, apply: nullMoney(plausible("a competing offer's total compensation"), func(o *analyzer.Offer) *decimal.NullDecimal { return &o.CompetingTC })},
	{name: colCompetingDeadline, apply: date(func(o *analyzer.Offer) *time.Time { return &o.CompetingDeadline })},
	{name: colPreferred, apply: preference},
	{name: colTeamStability, apply: score(10, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Risk.TeamStability })},
	{name: colManagerQuality, apply: score(10, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Risk.ManagerQuality })},
	{name: colGrowthPotential, apply: score(10, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Risk.GrowthPotential })},
	{name: colWorkLifeBalance, apply: score(10, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Risk.WorkLifeBalance })},
	{name: colTechStackInterest, apply: score(10, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Risk.TechStackInterest })},
	{name: colLocationFlexibility, apply: score(10, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Risk.LocationFlexibility })},
	{name: colCompMeetsNeeds, apply: score(5, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Decision.CompMeetsNeeds })},
	{name: colTeamExcitement, apply: score(5, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Decision.TeamExcitement })},
	{name: colGrowthOpportunities, apply: score(5, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Decision.GrowthOpportunities })},
	{name: colManagerRapport, apply: score(5, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Decision.ManagerRapport })},
	{name: colWLBAcceptable, apply: score(5, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Decision.WLBAcceptable })},
	{name: colLocationOptions, apply: score(5, func(o *analyzer.Offer) *decimal.NullDecimal { return &o.Decision.LocationOptions })},
	{name: colNotes, apply: nil}, // kept verbatim, see convert
	{name: colTaxResidence, apply: taxResidence},
	{name: colFilingStatus, apply: filingStatus},
	{name: colRound, apply: round},
	{name: colEquityType, apply: equityType},
	{name: colOptionShares, apply: equityNumber(func(p *analyzer.PrivateEquity) *decimal.NullDecimal { return &p.OptionShares })},
	{name: colStrikePrice, apply: equityMoney(func(p *analyzer.PrivateEquity) *decimal.NullDecimal { return &p.StrikePrice })},
	{name: colPreferredPrice, apply: equityMoney(func(p *analyzer.PrivateEquity) *decimal.NullDecimal { return &p.PreferredPrice })},
	{name: colFMV409A, apply: equityMoney(func(p *analyzer.PrivateEquity) *decimal.NullDecimal { return &p.FMV409A })},
	{name: colFullyDiluted, apply: equityNumber(func(p *analyzer.PrivateEquity) *decimal.NullDecimal { return &p.FullyDilutedShares })},
	{name: colAcceleration, apply: acceleration},
	{name: colK401MatchPct, apply: rewardsPercent(func(r *analyzer.RewardsInputs) *decimal.Decimal { return &r.K401MatchPct })},
	{name: colK401MatchLimitPct, apply: rewardsPercent(func(r *analyzer.RewardsInputs) *decimal.Decimal { return &r.K401MatchLimitPct })},
	{name: colESPPDiscountPct, apply: rewardsPercent(func(r *analyzer.RewardsInputs) *decimal.Decimal { return &r.ESPPDiscountPct })},
	{name: colESPPContribution, apply: rewardsMoney(func(r *analyzer.RewardsInputs) *decimal.Decimal { return &r.ESPPContribution })},
	{name: colBenefitsValue, apply: rewardsMoney(func(r *analyzer.RewardsInputs) *decimal.Decimal { return &r.BenefitsValue })},
}

// columnIndex maps a canonical column name to its index in columns.
var columnIndex = func() map[string]int {
	m := make(map[string]int, len(columns))
	for i, c := range columns {
		m[c.name] = i
	}
	return m
}()

var (
	idxNotes     = columnIndex[colNotes]
	idxVesting   = columnIndex[colVesting]
	idxRSUValue  = columnIndex[colRSUValue]
	idxRSUShares = columnIndex[colRSUShares]
)

// requiredColumns are the columns a header must have (see "Columns and defaults" in docs/METHOD.md); rsu is
// satisfied by either rsu_value or rsu_shares.
var requiredColumns = []string{colLevel, colLocation, colBase}

// check validates a parsed amount; it returns a short reason or "".
type check func(d decimal.Decimal) string

func positive(d decimal.Decimal) string {
	if !d.IsPositive() {
		return "must be positive"
	}
	return ""
}

// minBase is the smallest yearly base salary taken at face value; below it
// the amount was almost certainly written in thousands or is a typo.
var minBase = decimal.NewFromInt(1000)

// plausibleBase accepts a yearly base salary of at least $1,000. "175" is
// answered with "did you mean 175K?", never read as $175 a year.
func plausibleBase(d decimal.Decimal) string {
	if reason := positive(d); reason != "" {
		return reason
	}
	if d.LessThan(minBase) {
		if d.GreaterThanOrEqual(one) {
			return fmt.Sprintf("a yearly base salary below $1,000 is not plausible; did you mean %sK?", d.String())
		}
		return "a yearly base salary below $1,000 is not plausible; write it in dollars, such as 175000 or 175K"
	}
	return ""
}

func nonNegative(d decimal.Decimal) string {
	if d.IsNegative() {
		return "negative"
	}
	return ""
}

// anySign accepts negative amounts, as for a cost-of-living adjustment when
// moving somewhere cheaper.
func anySign(decimal.Decimal) string { return "" }

func text(field func(*analyzer.Offer) *string) applyFunc {
	return func(o *analyzer.Offer, v string, _ bool) error {
		*field(o) = v
		return nil
	}
}

func canon(c func(string) string, field func(*analyzer.Offer) *string) applyFunc {
	return func(o *analyzer.Offer, v string, _ bool) error {
		*field(o) = c(v)
		return nil
	}
}

// level reads the level through the alias table, noting when it was
// written as an Amazon title (which the level-equivalence table never maps).
func level(o *analyzer.Offer, v string, _ bool) error {
	o.Level, o.AmazonTitle = analyzer.CanonicalLevel(v), analyzer.IsAmazonTitle(v)
	return nil
}

func parseCheckedMoney(v string, european bool, ok check) (decimal.Decimal, error) {
	d, err := ParseMoney(v, european)
	if err != nil {
		return d, err
	}
	if reason := ok(d); reason != "" {
		return d, fmt.Errorf("%w %q (%s)", ErrInvalidAmount, v, reason)
	}
	return d, nil
}

func money(ok check, field func(*analyzer.Offer) *decimal.Decimal) applyFunc {
	return func(o *analyzer.Offer, v string, european bool) error {
		d, err := parseCheckedMoney(v, european, ok)
		if err != nil {
			return err
		}
		*field(o) = d
		return nil
	}
}

func nullMoney(ok check, field func(*analyzer.Offer) *decimal.NullDecimal) applyFunc {
	return func(o *analyzer.Offer, v string, european bool) error {
		d, err := parseCheckedMoney(v, european, ok)
		if err != nil {
			return err
		}
		*field(o) = decimal.NewNullDecimal(d)
		return nil
	}
}

func nullNumber(ok check, field func(*analyzer.Offer) *decimal.NullDecimal) applyFunc {
	return func(o *analyzer.Offer, v string, european bool) error {
		d, err := ParseNumber(v, european)
		if err != nil {
			return err
		}
		if reason := ok(d); reason != "" {
			return fmt.Errorf("%w %q (%s)", ErrInvalidNumber, v, reason)
		}
		*field(o) = decimal.NewNullDecimal(d)
		return nil
	}
}

// score reads a 1–max rating (risk scores 1–10, decision scores 1–5).
func score(max int64, field func(*analyzer.Offer) *decimal.NullDecimal) applyFunc {
	lo, hi := decimal.NewFromInt(1), decimal.NewFromInt(max)
	return func(o *analyzer.Offer, v string, european bool) error {
		d, err := ParseNumber(v, european)
		if err != nil {
			return err
		}
		if d.LessThan(lo) || d.GreaterThan(hi) {
			return fmt.Errorf("%w %q (out of range 1–%d)", ErrInvalidNumber, v, max)
		}
		*field(o) = decimal.NewNullDecimal(d)
		return nil
	}
}

func percent(field func(*analyzer.Offer) *decimal.Decimal) applyFunc {
	return func(o *analyzer.Offer, v string, _ bool) error {
		d, err := ParsePercent(v)
		if err != nil {
			return err
		}
		*field(o) = d
		return nil
	}
}

// round reads the round column: a whole number from 1 (the first written
// offer) to 20.
func round(o *analyzer.Offer, v string, _ bool) error {
	d, err := decimal.NewFromString(v)
	if err != nil || !d.IsInteger() || d.LessThan(decimal.NewFromInt(1)) || d.GreaterThan(decimal.NewFromInt(20)) {
		return fmt.Errorf("%w %q (want a whole number from 1 to 20: 1 the first written offer, 2 after your first counter)", ErrInvalidNumber, v)
	}
	o.Round = int(d.IntPart())
	return nil
}

// preference reads the preferred column: yes/no, y/n, true/false, 1/0, x
// (a tick) for yes.
func preference(o *analyzer.Offer, v string, _ bool) error {
	switch foldKey(v) {
	case "yes", "y", "true", "1", "x", "preferred", "firstchoice":
		o.Preferred = analyzer.PreferenceYes
	case "no", "n", "false", "0":
		o.Preferred = analyzer.PreferenceNo
	default:
		return fmt.Errorf("%w %q (want yes or no)", ErrInvalidChoice, v)
	}
	return nil
}

func date(field func(*analyzer.Offer) *time.Time) applyFunc {
	return func(o *analyzer.Offer, v string, _ bool) error {
		d, err := ParseDate(v)
		if err != nil {
			return err
		}
		*field(o) = d
		return nil
	}
}

// Defaults applied to blank optional inputs (see "Columns and defaults" in docs/METHOD.md).
const (
	defaultCompany = "Amazon"
	defaultTrack   = "SDE"
)

// defaultSchedule is parsed once; offers share its read-only slices.
var defaultSchedule = analyzer.MustSchedule(analyzer.DefaultScheduleName)

// applyDefaults fills the blank optional inputs that have defaults and
// records each one in Offer.Defaulted. idBase is the file's base name
// without its extension; a default id reads "offers row 2".
func applyDefaults(o *analyzer.Offer, idBase string, row int, haveVesting bool) {
	if o.ID == "" {
		o.ID = idBase + " row " + itoa(row)
		o.Defaulted = append(o.Defaulted, "id")
	}
	if o.Company == "" {
		o.Company = defaultCompany
		o.Defaulted = append(o.Defaulted, "company")
	}
	if o.Track == "" {
		o.Track = defaultTrack
		o.Defaulted = append(o.Defaulted, "track")
	}
	if !haveVesting {
		o.Schedule = defaultSchedule
		o.Defaulted = append(o.Defaulted, "vesting")
	}
	if o.CompanyType == "" {
		if t := analyzer.InferCompanyType(o.Company); t != "" {
			o.CompanyType = t
			o.Defaulted = append(o.Defaulted, "company_type")
		}
	}
}

func init() {
	for _, name := range []string{colBase, colSignOnY1, colSignOnY2, colRSUValue, colStockPrice, colRefresher,
		colRelocation, colCurrentTC, colUnvestedEquity, colFloor, colColAdjustment, colRiskPremium,
		colGrowthValue, colCompetingTC} {
		columns[columnIndex[name]].money = true
	}
}

// textColumn marks the columns whose cells are text, kept as written; all
// others are parsed as money, numbers, percentages or dates.
var textColumn = func() []bool {
	m := make([]bool, len(columns))
	for _, name := range []string{colID, colCandidate, colCompany, colCompanyType, colTrack, colLevel,
		colLocation, colSpecialization, colVesting, colCompetingCompany, colCompetingLevel, colNotes} {
		m[columnIndex[name]] = true
	}
	return m
}()

// excelSignificant is the precision Excel shows of a number it stores as a
// binary double.
const excelSignificant = 15

// excelPrecision rounds a raw XLSX number to the 15 significant digits Excel
// itself shows, so a stored double such as "175000.00000000003" or
// "0.15000000000000002" reads as 175000 and 0.15. Other text is returned
// unchanged. The rounding is done in decimal, never float64.
func excelPrecision(t string) string {
	if len(t) <= excelSignificant+1 {
		return t
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return t
		}
	}
	d, err := decimal.NewFromString(t)
	if err != nil || d.NumDigits() <= excelSignificant {
		return t
	}
	intDigits := d.NumDigits() + int(d.Exponent())
	if intDigits > excelSignificant || intDigits < -maxExponent {
		return t
	}
	return d.Round(int32(excelSignificant - intDigits)).String()
}
