package analyzer

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Source is where an offer came from: the file, the sheet (blank for CSV)
// and the spreadsheet row, counting the header row as 1 for CSV and the
// sheet's own row number for XLSX.
type Source struct {
	File  string
	Sheet string
	Row   int
}

// Field is one input column kept by name, such as an unknown column carried
// through to the workbook as "Other inputs".
type Field struct {
	Name  string
	Value string
}

// RiskScores are the risk matrix's inputs (see "The risk matrix" in docs/METHOD.md), each 1–10; a field that was
// not given is invalid (Valid false).
type RiskScores struct {
	TeamStability       decimal.NullDecimal
	ManagerQuality      decimal.NullDecimal
	GrowthPotential     decimal.NullDecimal
	WorkLifeBalance     decimal.NullDecimal
	TechStackInterest   decimal.NullDecimal
	LocationFlexibility decimal.NullDecimal
}

// DecisionScores are the 48-hour decision matrix's inputs, each 1–5
// (see "The 48-hour decision matrix" in docs/METHOD.md).
type DecisionScores struct {
	CompMeetsNeeds      decimal.NullDecimal
	TeamExcitement      decimal.NullDecimal
	GrowthOpportunities decimal.NullDecimal
	ManagerRapport      decimal.NullDecimal
	WLBAcceptable       decimal.NullDecimal
	LocationOptions     decimal.NullDecimal
}

// Offer is one job offer as read from the input, with names already
// canonical (see CanonicalLevel, CanonicalLocation, CanonicalTrack) and
// money already parsed. Optional money is a NullDecimal; money that defaults
// to zero is a plain Decimal.
type Offer struct {
	ID          string
	Candidate   string
	Company     string
	CompanyType string
	Track       string
	Level       string
	// AmazonTitle is true when the level was written as an Amazon title
	// ("SDE III", "SDM II"): it names the Amazon ladder level at any
	// company, so the level-equivalence table does not map it.
	AmazonTitle    bool
	Location       string
	Specialization string

	Base     decimal.Decimal
	SignOnY1 decimal.Decimal
	SignOnY2 decimal.Decimal

	// RSUValue is the grant's dollar value over the whole schedule; RSUShares
	// and StockPrice give it another way. At least one way must be present.
	RSUValue   decimal.NullDecimal
	RSUShares  decimal.NullDecimal
	StockPrice decimal.NullDecimal

	Schedule Schedule

	// BonusPct is the target performance bonus as a fraction of base (0.15).
	BonusPct   decimal.Decimal
	Refresher  decimal.Decimal
	Relocation decimal.Decimal

	// StartDate is the zero time when not given.
	StartDate time.Time

	// BonusY1TopUp is extra first-year bonus cash on top of the target
	// bonus; only the perf_bonus lever sets it (a guaranteed first-year bonus).
	BonusY1TopUp decimal.Decimal

	CurrentTC      decimal.NullDecimal
	UnvestedEquity decimal.NullDecimal
	// Floor is the walk-away number. When blank it is computed (see "The walk-away floor" in docs/METHOD.md)
	// as CurrentTC + ColAdjustment + RiskPremium + GrowthValue.
	Floor         decimal.NullDecimal
	ColAdjustment decimal.Decimal
	RiskPremium   decimal.Decimal
	GrowthValue   decimal.Decimal

	CompetingCompany  string
	CompetingLevel    string
	CompetingTC       decimal.NullDecimal
	CompetingDeadline time.Time

	// Preferred is whether the candidate marked this offer as their first
	// choice (column preferred); the counter-offer email says "my first
	// choice" only for it, or for a candidate's only offer (SoleOffer).
	Preferred Preference
	// SoleOffer is true when the offer is its candidate's only one in the
	// batch (set with Context, from the CandidateBook).
	SoleOffer bool
	// Context is what the offer's advice takes from the candidate's other
	// offers (the comparator among them, the decision); nil until the
	// batch has seen them all (see CandidateBook).
	Context *OfferContext

	// Round is which version of the offer the row is (column round): 1 the
	// first written offer, 2 the offer after the first counter, …; 0 when
	// not given (round 1). Earlier holds the offer's earlier rounds, oldest
	// first, when rows of the same id gave them.
	Round   int
	Earlier []Offer

	Risk     RiskScores
	Decision DecisionScores

	Notes string

	// TaxResidence is where the wages are taxed (tax_residence); empty
	// means "from the location". FilingStatus is empty for the run's
	// default (Options.FilingStatus).
	TaxResidence Residence
	FilingStatus FilingStatus

	// Other holds the input columns offerbook does not know, in input order.
	Other []Field

	// Defaulted names the inputs that were not given and took a default
	// ("company", "track", "vesting", "id"), so the workbook can say so.
	Defaulted []string

	Source Source

	// Equity is the private-company equity (equity_type options or
	// private_rsu); nil for public RSUs, the default.
	Equity *PrivateEquity
	// Rewards are the 401(k) match, ESPP and other benefits; nil when none
	// is given.
	Rewards *RewardsInputs
}

// Preference is a yes/no input that may be blank.
type Preference int8

// Preference values.
const (
	PreferenceUnset Preference = iota
	PreferenceYes
	PreferenceNo
)

// FirstChoice reports whether the counter-offer email may call the offer
// the candidate's first choice: it is marked preferred, or it is the
// candidate's only offer and not marked otherwise.
func (o *Offer) FirstChoice() bool {
	return o.Preferred == PreferenceYes || (o.Preferred == PreferenceUnset && o.SoleOffer)
}

// RoundNumber is the offer's negotiation round, 1 when not given.
func (o *Offer) RoundNumber() int { return max(o.Round, 1) }

// IsDefaulted reports whether the named input took its default value.
func (o *Offer) IsDefaulted(name string) bool {
	for _, d := range o.Defaulted {
		if d == name {
			return true
		}
	}
	return false
}

// Rejection is an input row that did not become an analyzed offer: where it
// was, which column, the raw value and a one-line reason. Importers and the
// engine both produce them; exporters list them on the Errors sheet and in
// errors.csv.
type Rejection struct {
	File   string
	Sheet  string
	Row    int
	Column string
	Value  string
	Reason string
	// Candidate is the row's candidate column as written, when it had one:
	// --split-by candidate lists the row in that candidate's workbook.
	Candidate string
}

// SameCandidate reports whether two candidate names name the same person,
// as Candidates groups them (case, spaces and punctuation aside).
func SameCandidate(a, b string) bool { return fold(a) == fold(b) }

// String formats the rejection as one line, `offers.csv:4: column "base":
// invalid amount "12,5k"`, with the sheet in brackets for workbooks.
func (r Rejection) String() string {
	where := r.File
	if r.Sheet != "" {
		where += "[" + r.Sheet + "]"
	}
	if r.Row > 0 {
		where += ":" + strconv.Itoa(r.Row)
	}
	if r.Column == "" {
		return where + ": " + r.Reason
	}
	msg := where + ": column " + strconv.Quote(r.Column) + ": " + r.Reason
	if r.Value != "" && !strings.Contains(r.Reason, r.Value) {
		msg += " (value " + strconv.Quote(r.Value) + ")"
	}
	return msg
}
