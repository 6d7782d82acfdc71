package analyzer

import (
	"math"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// divHalfEven is c / unit (unit a positive power of ten) rounded half to
// even, the one rounding every written figure gets.
func divHalfEven(c, unit int64) int64 {
	q, rem := c/unit, c%unit
	if rem < 0 {
		rem = -rem
	}
	if 2*rem > unit || (2*rem == unit && q%2 != 0) {
		if c < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// Fixed is a figure rounded half-even to a fixed number of decimal places
// and kept as an integer count of that unit (cents for money, tenths for a
// percentile): exactly the value a batch sheet writes, in eight bytes and
// without the allocation of a decimal. Blank is "no value".
type Fixed int64

// Blank marks a Fixed with no value (a percentile without a band, a lever
// that is not available).
const Blank Fixed = math.MinInt64

// Places of the figures a Record keeps.
const (
	MoneyPlaces      = 2 // money, compa-ratios
	PercentilePlaces = 1 // percentiles, penetration, scores
)

var pow10 = [...]float64{1, 10, 100, 1000, 1e4, 1e5, 1e6}

// pow10i are the powers of ten an int64 holds.
var pow10i = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// FixedOf rounds d half-even to places (0..6) and keeps it as a Fixed:
// d.RoundBank(places) × 10^places. A coefficient of up to 18 digits is
// rounded in int64 arithmetic, without allocating; larger ones go through
// decimal.
func FixedOf(d decimal.Decimal, places int32) Fixed {
	if d.IsZero() {
		return 0
	}
	if n := d.NumDigits(); n <= 18 {
		c, shift := d.CoefficientInt64(), int(d.Exponent()+places)
		switch {
		case shift >= 0 && n+shift <= 18:
			return Fixed(c * pow10i[shift])
		case shift < 0 && -shift <= 18:
			return Fixed(divHalfEven(c, pow10i[-shift]))
		}
	}
	return Fixed(d.RoundBank(places).Shift(places).IntPart())
}

// Float returns the value of a Fixed with places decimals as the float64 a
// numeric cell holds: the nearest float64, as decimal's InexactFloat64 of
// the rounded value gives.
func (f Fixed) Float(places int32) float64 {
	return float64(f) / pow10[places]
}

// Decimal returns the exact value of a Fixed with places decimals.
func (f Fixed) Decimal(places int32) decimal.Decimal { return decimal.New(int64(f), -places) }

// AppendText appends f with exactly places decimals ("270000.00"), as
// decimal's StringFixed writes it.
func (f Fixed) AppendText(buf []byte, places int32) []byte {
	v := int64(f)
	if v < 0 {
		buf = append(buf, '-')
		v = -v
	}
	unit := int64(pow10[places])
	buf = appendInt(buf, v/unit)
	if places > 0 {
		buf = append(buf, '.')
		frac := v % unit
		for d := unit / 10; d > 0; d /= 10 {
			buf = append(buf, byte('0'+frac/d%10))
		}
	}
	return buf
}

func appendInt(buf []byte, v int64) []byte {
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return append(buf, tmp[i:]...)
}

// YearCents is one offer year of a Record, each component in cents.
type YearCents struct {
	Base, SignOn, RSU, Refresh, Bonus, Total Fixed
}

// Record is the compact form of an Analysis that the batch-wide outputs
// (Summary, Levers, Candidates, Dashboard, Pivots, Bands and About counts,
// results.csv and results.json) read: every figure rounded as it is
// written, every text as it is shown. A batch of any size keeps records,
// not analyses, and may spill them to disk; only offers that get their own
// sheet keep a full Analysis.
//
// To add a field: declare it here, set it in Reduce, and name it in
// Visit (the one list the record's storage reads and writes).
type Record struct {
	// Text of the offer. Company … BandPosition repeat across a batch and
	// are interned by the store; ID, Candidate and Note are not.
	ID, Candidate, Company, Track, Level, Location, Vesting string

	Base, SignOnY1, SignOnY2, Grant Fixed // cents
	Years                           []YearCents
	Total, Average, TwoYearAverage  Fixed // cents
	Relocation                      Fixed // cents
	Scenarios                       []Fixed
	ComparatorGap                   []Fixed
	// ComparatorGapTotal is ComparatorGap summed before rounding (cents),
	// Blank without a competing total comp.
	ComparatorGapTotal Fixed

	// Market: HasMarket is false when the run had no bands. BandPosition
	// is "in band", "below band", "above band" or "no band".
	HasMarket    bool
	BandPosition string
	HeadlinePctl Fixed // tenths; Blank without a headline figure
	// HeadlineBucket is the ten-point bucket (0..9) of the exact headline
	// percentile, −1 without one.
	HeadlineBucket    int64
	CompaRatio        Fixed // hundredths
	Penetration       Fixed // tenths
	BasePctl, RSUPctl Fixed // tenths
	BandKey, Premium  string
	Risk, Decision    Fixed // tenths
	// PeerPctl is the peer percentile in tenths, Blank when the group is
	// too small; it is known only for the whole batch, so the store sets
	// it (see PeerGroups) and Visit leaves it out.
	PeerPctl  Fixed
	FlagCodes string
	// Note is the flag note text ("CODE (severity): message" per line);
	// the store keeps it for the first flagged offers only.
	Note string

	// Levers: LeverDeltas[k] is LeverNames[k]'s Δ total, Blank when the
	// lever is unavailable or levers were not run. BestLever is the
	// first-ranked lever's name.
	LeverDeltas    []Fixed
	BestLever      string
	BestLeverDelta Fixed
	// After tax (runs with tax tables): HasTax when the analysis has an
	// estimate (TaxFiling is then set), TaxKnown when it has figures.
	// TakeHomeExact is the exact H-year take-home, for the Candidates
	// sheet's winner and gaps; TaxPaid is Total − take-home in cents and
	// TaxShare the same over Total in millionths (Blank when Total ≤ 0).
	HasTax, TaxKnown               bool
	TaxResidence, TaxFiling        string
	TakeHome                       []Fixed
	TakeHomeTotal, TakeHomeAverage Fixed
	TakeHomeExact                  decimal.Decimal
	TaxPaid, TaxShare              Fixed

	HasCounter                                                                bool // a counter-offer (levers run; without a band it is round one)
	CounterStatus                                                             string
	CounterTier                                                               string
	CounterBase, CounterGrant, CounterSignOnY1, CounterSignOnY2, CounterDelta Fixed
	// CounterPctl is the headline percentile the counter reaches (tenths),
	// Blank without a band.
	CounterPctl Fixed
	// BandMatch is how the headline band was found (Market.Match) and
	// BandLevel the Amazon-ladder level looked up; HeadlineComponent the
	// headline band's component ("total_comp", "composed_total_comp", …).
	BandMatch, BandLevel, HeadlineComponent string
	// BandConfidence is the headline band's confidence (high, medium,
	// low), "" without a headline band.
	BandConfidence string

	// ComparableTC is Analysis.ComparableTC in cents, the figure
	// comparators are measured by (cents).
	ComparableTC Fixed
	// Round is the offer's round (1 when not given); RoundChangePct and
	// TotalChangePct its change against the previous round and the first
	// (tenths of a percent), Blank without earlier rounds.
	Round                          int64
	RoundChangePct, TotalChangePct Fixed
	// The email's draft (see EmailDraft), kept when the run writes every
	// offer's email (Options.EmailDrafts); HasDraft false otherwise. Its
	// lines are joined with newlines.
	HasDraft                            bool
	DraftRole, DraftAsks, DraftSingle   string
	DraftMovement, DraftPackage         string
	DraftMovementTotal, DraftNewAverage Fixed
	CompetingCompany, CompetingLevel    string
	CompetingTC                         Fixed
	CompetingDeadline, Preferred        int64

	// Context is the offer's place among its candidate's offers; the
	// store sets it (see CandidateBook) and Visit leaves it out.
	Context OfferContext
	// Book is what the candidate book files of the offer, worked out with
	// the record; Visit leaves it out (the book keeps it).
	Book BookFigures

	// Startup equity and total rewards (see ReduceStartup): blank (Blank,
	// "", nil) for offers without them.
	StartupRecord
}

// RecordVisitor reads or writes each field of a Record in one fixed order.
type RecordVisitor interface {
	// Text is a per-offer string; Symbol a string that repeats across a
	// batch (worth interning); DraftText a per-offer string only the email
	// draft reads (Record.Draft), which a reader may leave out.
	Text(s *string)
	Symbol(s *string)
	DraftText(s *string)
	Fixed(f *Fixed)
	Int(i *int64)
	Bool(b *bool)
	Fixeds(f *[]Fixed)
	Years(y *[]YearCents)
	Decimal(d *decimal.Decimal)
}

// Visit hands every field of r to v, in one fixed order.
func (r *Record) Visit(v RecordVisitor) {
	v.Text(&r.ID)
	v.Text(&r.Candidate)
	v.Symbol(&r.Company)
	v.Symbol(&r.Track)
	v.Symbol(&r.Level)
	v.Symbol(&r.Location)
	v.Symbol(&r.Vesting)
	v.Fixed(&r.Base)
	v.Fixed(&r.SignOnY1)
	v.Fixed(&r.SignOnY2)
	v.Fixed(&r.Grant)
	v.Years(&r.Years)
	v.Fixed(&r.Total)
	v.Fixed(&r.Average)
	v.Fixed(&r.TwoYearAverage)
	v.Fixed(&r.Relocation)
	v.Fixeds(&r.Scenarios)
	v.Fixeds(&r.ComparatorGap)
	v.Fixed(&r.ComparatorGapTotal)
	v.Bool(&r.HasMarket)
	v.Symbol(&r.BandPosition)
	v.Fixed(&r.HeadlinePctl)
	v.Int(&r.HeadlineBucket)
	v.Fixed(&r.CompaRatio)
	v.Fixed(&r.Penetration)
	v.Fixed(&r.BasePctl)
	v.Fixed(&r.RSUPctl)
	v.Symbol(&r.BandKey)
	v.Symbol(&r.Premium)
	v.Fixed(&r.Risk)
	v.Fixed(&r.Decision)
	v.Symbol(&r.FlagCodes)
	v.Text(&r.Note)
	v.Bool(&r.HasTax)
	v.Bool(&r.TaxKnown)
	v.Symbol(&r.TaxResidence)
	v.Symbol(&r.TaxFiling)
	v.Fixeds(&r.TakeHome)
	v.Fixed(&r.TakeHomeTotal)
	v.Fixed(&r.TakeHomeAverage)
	v.Decimal(&r.TakeHomeExact)
	v.Fixed(&r.TaxPaid)
	v.Fixed(&r.TaxShare)
	v.Fixeds(&r.LeverDeltas)
	v.Symbol(&r.BestLever)
	v.Fixed(&r.BestLeverDelta)
	v.Bool(&r.HasCounter)
	v.Symbol(&r.CounterStatus)
	v.Symbol(&r.CounterTier)
	v.Fixed(&r.CounterBase)
	v.Fixed(&r.CounterGrant)
	v.Fixed(&r.CounterSignOnY1)
	v.Fixed(&r.CounterSignOnY2)
	v.Fixed(&r.CounterDelta)
	v.Fixed(&r.CounterPctl)
	v.Symbol(&r.BandMatch)
	v.Symbol(&r.BandLevel)
	v.Symbol(&r.HeadlineComponent)
	v.Symbol(&r.BandConfidence)
	v.Fixed(&r.ComparableTC)
	v.Int(&r.Round)
	v.Fixed(&r.RoundChangePct)
	v.Fixed(&r.TotalChangePct)
	v.Symbol(&r.CompetingCompany)
	v.Symbol(&r.CompetingLevel)
	v.Fixed(&r.CompetingTC)
	v.Int(&r.CompetingDeadline)
	v.Int(&r.Preferred)
	r.StartupRecord.visit(v)
	v.Bool(&r.HasDraft)
	if r.HasDraft {
		v.Symbol(&r.DraftRole)
		v.DraftText(&r.DraftAsks)
		v.DraftText(&r.DraftSingle)
		v.DraftText(&r.DraftMovement)
		v.DraftText(&r.DraftPackage)
		v.Fixed(&r.DraftMovementTotal)
		v.Fixed(&r.DraftNewAverage)
	}
}

// Draft rebuilds the email draft the record keeps (nil without one).
func (r *Record) Draft() *EmailDraft {
	if !r.HasDraft {
		return nil
	}
	d := &EmailDraft{Company: r.Company, Level: strings.TrimSpace(r.Level), Name: r.Candidate, Role: r.DraftRole,
		Status: r.CounterStatus, Round: int(max(r.Round, 1)), Single: r.DraftSingle, Movement: r.DraftMovement,
		MovementTotal: r.DraftMovementTotal.Decimal(MoneyPlaces), AnnualTC: r.ComparableTC.Decimal(MoneyPlaces),
		Grant: r.Grant.Decimal(MoneyPlaces), NewAverage: r.DraftNewAverage.Decimal(MoneyPlaces), Years: len(r.Years),
		Preferred: Preference(r.Preferred)}
	d.normalize()
	d.Competing = r.Competing()
	if r.DraftAsks != "" {
		d.Asks = strings.Split(r.DraftAsks, "\n")
	}
	if r.DraftPackage != "" {
		d.Package = strings.Split(r.DraftPackage, "\n")
	}
	return d
}

// Competing is the row's own competing_* columns as a comparator, nil
// without a competing_tc.
func (r *Record) Competing() *Comparator {
	if r.CompetingTC == Blank {
		return nil
	}
	c := &Comparator{ID: ComparatorCompeting, Company: r.CompetingCompany, Level: r.CompetingLevel,
		AnnualTC: r.CompetingTC.Decimal(MoneyPlaces)}
	if r.CompetingDeadline != 0 {
		c.Deadline = time.Unix(r.CompetingDeadline, 0).UTC()
	}
	return c
}

// Comparator is the offer's comparator: the better of the candidate's
// other offers (Context) and the row's competing_* columns, when it pays
// more (see Comparator).
func (r *Record) Comparator() *Comparator {
	return pickComparator(r.ComparableTC.Decimal(MoneyPlaces), r.Context.Other, r.Competing())
}

// EmailKind is the kind of the offer's email, "" without a counter.
func (r *Record) EmailKind() EmailKind {
	if !r.HasCounter {
		return ""
	}
	return KindOf(r.CounterStatus, int(max(r.Round, 1)), r.Comparator() != nil)
}

// Reduce returns the record of an analysis. It reads every figure the
// batch-wide outputs show and nothing else; the analysis can then go.
func Reduce(a *Analysis) Record {
	o := a.Offer
	if o == nil {
		o = &Offer{}
	}
	c := func(d decimal.Decimal) Fixed { return FixedOf(d, MoneyPlaces) }
	r := Record{ID: o.ID, Candidate: o.Candidate, Company: o.Company, Track: o.Track, Level: o.Level,
		Location: o.Location, Vesting: o.Schedule.Name,
		Base: c(o.Base), SignOnY1: c(o.SignOnY1), SignOnY2: c(o.SignOnY2), Grant: c(a.Grant),
		Total: c(a.Total), Average: c(a.Average), TwoYearAverage: c(a.TwoYearAverage), Relocation: c(a.Relocation),
		HeadlinePctl: Blank, HeadlineBucket: -1, CompaRatio: Blank, Penetration: Blank, BasePctl: Blank, RSUPctl: Blank,
		Risk: Blank, Decision: Blank, PeerPctl: Blank, FlagCodes: FlagCodes(a.Flags),
		BestLeverDelta: Blank, CounterBase: Blank, CounterGrant: Blank, CounterSignOnY1: Blank, CounterSignOnY2: Blank, CounterDelta: Blank, CounterPctl: Blank,
	}
	if len(a.Years) < 2 {
		r.TwoYearAverage = Blank // no second year to average
	}
	r.Years = make([]YearCents, len(a.Years))
	for i := range a.Years {
		r.Years[i] = a.Years[i].cents()
	}
	if len(a.Scenarios) > 0 {
		r.Scenarios = make([]Fixed, len(a.Scenarios))
		for i, s := range a.Scenarios {
			r.Scenarios[i] = c(s.Total)
		}
	}
	r.ComparatorGapTotal = Blank
	if len(a.ComparatorGap) > 0 {
		r.ComparatorGap = make([]Fixed, len(a.ComparatorGap))
		total := decimal.Zero
		for i, g := range a.ComparatorGap {
			r.ComparatorGap[i] = c(g)
			total = total.Add(g)
		}
		r.ComparatorGapTotal = c(total)
	}
	if m := a.Market; m != nil {
		r.HasMarket = true
		r.BandPosition = "no band"
		r.BandKey = strings.Join([]string{m.Key.CompanyType, m.Key.Company, m.Key.Track, m.Key.Level, m.Key.Location}, "\x00")
		if m.Premium != nil {
			r.Premium = PremiumKey(*m.Premium)
		}
		r.BandMatch, r.BandLevel, r.BandConfidence = string(m.Match), m.BandLevel, string(m.Confidence)
		if h := m.HeadlineFigure(); h != nil {
			r.HeadlineComponent = string(h.Component)
			r.BandPosition = string(h.Position)
			if h.Position == InBand {
				r.BandPosition = "in band"
			}
			r.HeadlinePctl = FixedOf(h.Percentile, PercentilePlaces)
			r.HeadlineBucket = headlineBucket(a, h.Percentile)
			r.CompaRatio = FixedOf(h.CompaRatio, 2)
			r.Penetration = FixedOf(h.Penetration, PercentilePlaces)
		}
		if f := m.Figure(ComponentBase); f != nil {
			r.BasePctl = FixedOf(f.Percentile, PercentilePlaces)
		}
		if f := m.Figure(ComponentRSU4yr); f != nil {
			r.RSUPctl = FixedOf(f.Percentile, PercentilePlaces)
		}
	}
	if a.Risk != nil {
		r.Risk = FixedOf(a.Risk.Value, PercentilePlaces)
	}
	if a.Decision != nil {
		r.Decision = FixedOf(a.Decision.Value, PercentilePlaces)
	}
	if len(a.Flags) > 0 {
		var b strings.Builder
		for i, fl := range a.Flags {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(string(fl.Code))
			b.WriteString(" (")
			b.WriteString(string(fl.Severity))
			b.WriteString("): ")
			b.WriteString(fl.Message)
		}
		r.Note = b.String()
	}
	r.TakeHomeTotal, r.TakeHomeAverage, r.TaxPaid, r.TaxShare = Blank, Blank, Blank, Blank
	if at := a.AfterTax; at != nil {
		r.HasTax, r.TaxFiling = true, string(at.Filing)
		if at.Known() {
			r.TaxKnown, r.TaxResidence = true, string(at.Residence)
			r.TakeHome = make([]Fixed, len(at.Years))
			for i := range at.Years {
				r.TakeHome[i] = at.Years[i].takeHomeCents()
			}
			r.TakeHomeTotal, r.TakeHomeAverage, r.TakeHomeExact = at.totalCents(), c(at.Average), at.Total
			r.TaxPaid, r.TaxShare = taxPaid(a, at)
		}
	}
	if len(a.LeverTotals) > 0 {
		r.LeverDeltas = make([]Fixed, len(LeverNames))
		for k, name := range LeverNames {
			r.LeverDeltas[k] = Blank
			if l := a.LeverTotal(name); l != nil && l.Available {
				r.LeverDeltas[k] = l.deltaFixed()
			}
		}
		if l := a.BestLever(); l != nil {
			r.BestLever, r.BestLeverDelta = string(l.Lever), l.deltaFixed()
		}
	}
	r.ComparableTC, r.Round = c(a.ComparableTC()), int64(o.RoundNumber())
	r.RoundChangePct, r.TotalChangePct = Blank, Blank
	if n := len(a.Rounds); n >= 2 {
		last := a.Rounds[n-1]
		if last.ChangePct.Valid {
			r.RoundChangePct = FixedOf(last.ChangePct.Decimal, PercentilePlaces)
		}
		if last.TotalChangePct.Valid {
			r.TotalChangePct = FixedOf(last.TotalChangePct.Decimal, PercentilePlaces)
		}
	}
	r.CompetingTC, r.Preferred = Blank, int64(o.Preferred)
	if cm := competingComparator(o); cm != nil {
		r.CompetingCompany, r.CompetingLevel, r.CompetingTC = cm.Company, cm.Level, c(cm.AnnualTC)
		if !cm.Deadline.IsZero() {
			r.CompetingDeadline = cm.Deadline.Unix()
		}
	}
	if d := a.Draft; d != nil {
		r.HasDraft = true
		r.DraftRole, r.DraftAsks, r.DraftSingle = d.Role, strings.Join(d.Asks, "\n"), d.Single
		r.DraftMovement, r.DraftPackage = d.Movement, strings.Join(d.Package, "\n")
		r.DraftMovementTotal, r.DraftNewAverage = c(d.MovementTotal), c(d.NewAverage)
	}
	r.StartupRecord = reduceStartup(a)
	r.Book = bookFiguresOf(a, &r)
	if ct := a.Counter; ct != nil {
		r.CounterStatus = ct.Status
		r.HasCounter = true
		r.CounterTier = ct.Tier
		if m := &ct.m; m.ok {
			r.CounterBase, r.CounterGrant = m.base.Fixed(MoneyPlaces), m.grant.Fixed(MoneyPlaces)
			r.CounterSignOnY1, r.CounterSignOnY2 = m.signOnY1.Fixed(MoneyPlaces), m.signOnY2.Fixed(MoneyPlaces)
			r.CounterDelta = m.delta.Fixed(MoneyPlaces)
		} else {
			r.CounterBase, r.CounterGrant = c(ct.Base), c(ct.Grant)
			r.CounterSignOnY1, r.CounterSignOnY2, r.CounterDelta = c(ct.SignOnY1), c(ct.SignOnY2), c(ct.DeltaTotal)
		}
		switch {
		case ct.m.ok:
			if ct.m.hasPctl {
				r.CounterPctl = ct.m.pctl.Fixed(PercentilePlaces)
			}
		case ct.Percentile.Valid:
			r.CounterPctl = FixedOf(ct.Percentile.Decimal, PercentilePlaces)
		}
	}
	return r
}

// PremiumKey identifies a premium row: its kind, description and source.
func PremiumKey(p Premium) string {
	return string(p.Kind) + "\x00" + p.String() + "\x00" + p.Source
}

// ParseBandKey is the inverse of the BandKey a Record keeps.
func ParseBandKey(s string) BandKey {
	f := strings.SplitN(s, "\x00", 5)
	for len(f) < 5 {
		f = append(f, "")
	}
	return BandKey{CompanyType: f[0], Company: f[1], Track: f[2], Level: f[3], Location: f[4]}
}

// CandidateIndex groups records by candidate as they stream past, in
// order of first appearance, and finds each candidate's winners. It is
// Candidates for records: amounts are compared in cents, as the sheets
// show them, so offers that differ by less than a cent tie and the
// earlier one wins.
type CandidateIndex struct {
	byName map[string]int
	list   []Candidate
	best   [][]Fixed // per candidate: best year totals, then best total
}

// NewCandidateIndex returns an empty index.
func NewCandidateIndex() *CandidateIndex { return &CandidateIndex{byName: map[string]int{}} }

// Add files record i (records are added in input order) and returns the
// position of its candidate in Candidates, −1 for none.
func (c *CandidateIndex) Add(i int, r *Record) int {
	if r.Candidate == "" {
		return -1
	}
	k := fold(r.Candidate)
	j, ok := c.byName[k]
	if !ok {
		j = len(c.list)
		c.byName[k] = j
		years := len(r.Years)
		c.list = append(c.list, Candidate{Name: r.Candidate, YearWinners: make([]int, years)})
		best := make([]Fixed, years+1)
		for t := range best {
			best[t] = Blank
		}
		c.best = append(c.best, best)
	}
	cand, best := &c.list[j], c.best[j]
	pos := len(cand.Offers)
	cand.Offers = append(cand.Offers, i)
	years := len(best) - 1
	for t := 0; t < years; t++ {
		v := Fixed(0)
		if t < len(r.Years) {
			v = r.Years[t].Total
		}
		if best[t] == Blank || v > best[t] {
			best[t], cand.YearWinners[t] = v, pos
		}
	}
	if best[years] == Blank || r.Total > best[years] {
		best[years], cand.TotalWinner = r.Total, pos
	}
	return j
}

// Candidates returns the candidates found, in order of first appearance.
func (c *CandidateIndex) Candidates() []Candidate { return c.list }

// headlineBucket is min(max(⌊p / 10⌋, 0), 9) (p.Div(10).IntPart()): in
// Money, p cut to ten places (a percentile is 1..99, and ten divides on
// the grid), else in decimal.
func headlineBucket(a *Analysis, p decimal.Decimal) int64 {
	if !a.decimalOnly && p.IsPositive() {
		var x exact
		if m := x.truncOf(p); x.ok() {
			return min(max(int64(m/(10*moneyUnit)), 0), 9)
		}
	}
	return min(max(p.Div(decimal.NewFromInt(10)).IntPart(), 0), 9)
}

// taxPaid is Total − the after-tax total in cents, and that over Total
// rounded (DivRound) to millionths, Blank when Total ≤ 0: in Money when
// both are exact, else in decimal.
func taxPaid(a *Analysis, at *AfterTax) (paid, share Fixed) {
	share = Blank
	if !a.decimalOnly {
		var x exact
		total := x.moneyOf(a.Total)
		p := x.sub(total, x.moneyOf(at.Total))
		var q int64
		if total > 0 {
			q = x.divRound(p, total, 6)
		}
		if x.ok() {
			if total > 0 {
				share = Fixed(q)
			}
			return p.Fixed(MoneyPlaces), share
		}
	}
	d := a.Total.Sub(at.Total)
	if a.Total.IsPositive() {
		share = FixedOf(d.DivRound(a.Total, 6), 6)
	}
	return FixedOf(d, MoneyPlaces), share
}
