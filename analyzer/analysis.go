package analyzer

import (
	"errors"
	"fmt"
	"sync"

	"github.com/shopspring/decimal"
)

// Sentinel errors for offers the engine cannot analyze. Analyze wraps them
// in a *FieldError naming the offer and the input column at fault.
var (
	ErrNoGrant      = errors.New("no RSU grant: give rsu_value, or rsu_shares with a stock_price")
	ErrNoStockPrice = errors.New("rsu_shares needs a stock_price (column or --stock-price)")
	ErrNotPositive  = errors.New("must be greater than zero")
	ErrNegative     = errors.New("must not be negative")
	ErrBadYears     = errors.New("years must be between 1 and 50")
	ErrBandSpan     = errors.New("band span must be two percentiles 0 ≤ low < high ≤ 100")
)

// FieldError is an offer the engine rejected: which offer, which input
// column, its value and why.
type FieldError struct {
	OfferID string
	Column  string
	Value   string
	Err     error
}

// Error returns a one-line message naming the offer and column.
func (e *FieldError) Error() string {
	return fmt.Sprintf("offer %s: column %q: %v", e.OfferID, e.Column, e.Err)
}

// Unwrap returns the underlying sentinel.
func (e *FieldError) Unwrap() error { return e.Err }

// YearTotals is one year's compensation by component. For the offer-year
// table Year is 1..H; for the calendar view it is the calendar year.
type YearTotals struct {
	Year    int
	Base    decimal.Decimal
	SignOn  decimal.Decimal
	RSU     decimal.Decimal
	Refresh decimal.Decimal
	Bonus   decimal.Decimal
	Total   decimal.Decimal
	// m is the year in Money (base, sign-on, RSU, refresh, bonus, total)
	// when mOK: the year table worked out in Money.
	m   [6]Money
	mOK bool
}

// cents is the year rounded to cents, from Money when it has it.
func (y *YearTotals) cents() YearCents {
	if y.mOK {
		return YearCents{y.m[0].Fixed(MoneyPlaces), y.m[1].Fixed(MoneyPlaces), y.m[2].Fixed(MoneyPlaces),
			y.m[3].Fixed(MoneyPlaces), y.m[4].Fixed(MoneyPlaces), y.m[5].Fixed(MoneyPlaces)}
	}
	c := func(d decimal.Decimal) Fixed { return FixedOf(d, MoneyPlaces) }
	return YearCents{c(y.Base), c(y.SignOn), c(y.RSU), c(y.Refresh), c(y.Bonus), c(y.Total)}
}

// Scenario is the H-year total at one stock-growth rate.
type Scenario struct {
	Growth decimal.Decimal
	Total  decimal.Decimal
}

// Analysis is everything the engine computes for one offer.
type Analysis struct {
	Offer *Offer
	// Grant is the grant value G (rsu_value, or rsu_shares × stock_price).
	Grant decimal.Decimal
	// GrantFromShares is true when G was computed from shares × price.
	GrantFromShares bool
	// StockPrice is the price used for shares (the offer's or the default).
	StockPrice decimal.NullDecimal
	// Years are the offer years 1..H.
	Years []YearTotals
	// Total is Σ total_t; Average is Total / H; TwoYearAverage is
	// (total_1 + total_2) / 2, the guide's "2-year cliff risk" figure
	// (total_1 when H is 1; results leave it blank then).
	Total          decimal.Decimal
	Average        decimal.Decimal
	TwoYearAverage decimal.Decimal
	// AnnualTotalComp is the headline figure: the average of the first
	// four offer years' totals (sign-on, bonus and refresh included), the
	// H-year average when H is below four.
	AnnualTotalComp decimal.Decimal
	// TodayTotalComp is AnnualTotalComp at grant value (stock growth 0,
	// raise 0): the figure the market position measures and comparators
	// are measured by (docs/METHOD.md, "Market position"). It equals
	// AnnualTotalComp when the run assumes no growth and no raises.
	TodayTotalComp decimal.Decimal
	// Rounds are the offer's negotiation rounds, oldest first, the offer
	// itself last; nil without earlier rounds.
	Rounds []RoundResult
	// Draft is the email's draft (see ComposeEmail); nil in a brief
	// analysis unless Options.EmailDrafts.
	Draft *EmailDraft
	// Relocation is one-time cash shown beside year 1, not inside any total.
	Relocation decimal.Decimal
	// Calendar splits the same cash by calendar year; empty without a start date.
	Calendar []YearTotals
	// Scenarios are the H-year totals at each Options.Scenarios growth rate.
	Scenarios []Scenario
	// Market places the offer in its bands; nil when the run has no bands.
	Market *Market
	// Peer places the offer among its peers in the batch; nil when its
	// group is smaller than Options.MinPeers (see AssignPeers).
	Peer *Peer
	// LeverTotals are each lever's Δ total at its high ask and its rank;
	// Levers is the full lever table (nil in a brief analysis); Counter is
	// the counter-offer. All are empty when Options.Levers is off.
	LeverTotals []LeverTotal
	Levers      []LeverResult
	Counter     *Counter
	// Best is the lever BestLever returns, "" for none.
	Best LeverName
	// Brief is true for an analysis from AnalyzeBrief.
	Brief bool
	// decimalOnly is set by a DecimalOnly engine: Reduce then works every
	// figure out in decimal too.
	decimalOnly bool
	// Floor is the walk-away number (given or computed, see WalkAway).
	Floor decimal.NullDecimal
	// ComparatorGap is total_t − competing_tc per year, with a competing_tc.
	ComparatorGap []decimal.Decimal
	// Risk and Decision are the scores of "Scores" in docs/METHOD.md, when all their inputs are given.
	Risk, Decision *Score
	Flags          []Flag
	// AfterTax is the take-home estimate per year; nil when the run has no
	// tax tables (see Options.Tax). A brief analysis keeps of each year only
	// the wages and the take-home.
	AfterTax *AfterTax
	// Equity is what a private grant is worth at 409A, at the preferred
	// price and at each exit multiple; nil for public RSUs.
	Equity *EquityValues
	// Rewards is total rewards per year (401(k) match, ESPP, benefits);
	// nil when the offer gives none.
	Rewards *TotalRewards
}

// LeverTotal is one lever's Δ total at its high ask, as the batch-wide
// sheets and results.csv show it.
type LeverTotal struct {
	Lever     LeverName
	Available bool
	// DeltaTotal is the Δ total; a brief analysis that worked it out in
	// Money leaves it unset (Delta reads it either way).
	DeltaTotal decimal.Decimal
	// deltaM is DeltaTotal in Money when deltaOK.
	deltaM  Money
	deltaOK bool
	// Rank is 1 for the lever worth the most; 0 when unavailable.
	Rank int
	// Tier is who approves the lever's high ask (see "The levers and who approves them" in docs/METHOD.md).
	Tier string
}

// Delta is the lever's Δ total at its high ask (DeltaTotal, or its Money).
func (l *LeverTotal) Delta() decimal.Decimal {
	if l.deltaOK {
		return l.deltaM.Decimal()
	}
	return l.DeltaTotal
}

// deltaFixed is DeltaTotal rounded to cents, from Money when it has it.
func (l *LeverTotal) deltaFixed() Fixed {
	if l.deltaOK {
		return l.deltaM.Fixed(MoneyPlaces)
	}
	return FixedOf(l.DeltaTotal, MoneyPlaces)
}

// LeverTotal returns one lever's total, or nil when levers were not run.
func (a *Analysis) LeverTotal(name LeverName) *LeverTotal {
	for i := range a.LeverTotals {
		if a.LeverTotals[i].Lever == name {
			return &a.LeverTotals[i]
		}
	}
	return nil
}

// BestLever returns the best lever (see "The best lever" in docs/METHOD.md): the one worth the most (Δ
// H-year total at its high ask) among those a recruiter or hiring manager
// can approve, the level lever never; nil when none gains anything.
func (a *Analysis) BestLever() *LeverTotal {
	if a.Best == "" {
		return nil
	}
	return a.LeverTotal(a.Best)
}

// LevelLever returns the level lever ("if levelled up: +$X, VP approval"),
// shown on its own rather than as the best lever; nil when it is not
// available.
func (a *Analysis) LevelLever() *LeverTotal {
	if l := a.LeverTotal(LeverLevel); l != nil && l.Available {
		return l
	}
	return nil
}

// Lever returns the full result of one lever, or nil when levers were not
// run or the analysis is brief.
func (a *Analysis) Lever(name LeverName) *LeverResult {
	for i := range a.Levers {
		if a.Levers[i].Lever == name {
			return &a.Levers[i]
		}
	}
	return nil
}

// HasFlag reports whether the analysis carries the flag code.
func (a *Analysis) HasFlag(code FlagCode) bool {
	for _, f := range a.Flags {
		if f.Code == code {
			return true
		}
	}
	return false
}

// Engine analyzes offers under one set of Options. It precomputes the
// growth and raise factors once, so analyzing many offers (and the same
// offer under many levers) repeats no work. An Engine is safe for
// concurrent use.
type Engine struct {
	opts Options
	// growth[t] = (1+g)^t and raise[t] = (1+raise)^(t−1), for t = 1..H.
	growth, raise  []decimal.Decimal
	scenarioGrowth [][]decimal.Decimal
	// growthM and raiseM are growth and raise in Money, nil when a factor
	// has more places than a Money holds or the run is DecimalOnly.
	growthM, raiseM []Money
	scenarioGrowthM [][]Money
	// fast is true unless the run is DecimalOnly: figures are worked out
	// in Money where they can be exact.
	fast bool
	// modelM is the percentile model in Money, nil when not fast.
	modelM   *moneyModel
	years    decimal.Decimal
	model    PercentileModel
	playbook *Playbook
	// levelCache memoizes the level lever's band points per band key.
	levelMu    sync.RWMutex
	levelCache map[levelCacheKey]levelPackage
	// composedCache memoizes the composed headline band per band key and
	// premium.
	composedMu    sync.RWMutex
	composedCache map[levelCacheKey]Band
	// scratch holds reusable year tables (*[]YearTotals of H years).
	scratch sync.Pool
	// taxCalcs are the after-tax rules per residence and filing status,
	// built once (see newTaxCalcs).
	taxCalcs map[taxKey]*taxCalc
	// today is the engine at grant value (stock growth 0, raise 0, no
	// scenarios) that measures the market position, flags, levers and
	// counter-offer; e itself when the run assumes no growth and no raises.
	today *Engine
	// names are the known names of locations and tracks.
	names *Vocabulary
	// askOrders memoizes askOrder per level.
	askOrders sync.Map
	// tierPctM are the approval tiers' MaxPct in Money (0 where a tier
	// has none), nil when one is not exact in Money.
	tierPctM []Money
}

// NewEngine checks the options and returns an engine for them.
func NewEngine(opts Options) (*Engine, error) {
	e, err := newEngine(opts, NewVocabulary(opts.Bands))
	if err != nil {
		return nil, err
	}
	if !opts.StockGrowth.IsZero() || !opts.Raise.IsZero() {
		flat := opts
		flat.StockGrowth, flat.Raise, flat.Scenarios, flat.Tax = decimal.Zero, decimal.Zero, nil, nil
		if e.today, err = newEngine(flat, e.names); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// Names returns the engine's known names.
func (e *Engine) Names() *Vocabulary { return e.names }

func newEngine(opts Options, names *Vocabulary) (*Engine, error) {
	if opts.Years < 1 || opts.Years > 50 {
		return nil, fmt.Errorf("%w (got %d)", ErrBadYears, opts.Years)
	}
	if !opts.BandSpan[0].LessThan(opts.BandSpan[1]) || opts.BandSpan[0].IsNegative() || opts.BandSpan[1].GreaterThan(hundred) {
		return nil, fmt.Errorf("%w (got %s-%s)", ErrBandSpan, opts.BandSpan[0], opts.BandSpan[1])
	}
	e := &Engine{opts: opts, years: decimal.NewFromInt(int64(opts.Years)),
		model: NewPercentileModel(opts.BandSpan[0], opts.BandSpan[1]), playbook: opts.Playbook, names: names}
	e.today = e
	if e.playbook == nil {
		e.playbook = DefaultPlaybook()
	}
	e.levelCache = map[levelCacheKey]levelPackage{}
	e.composedCache = map[levelCacheKey]Band{}
	if err := e.playbook.Validate(); err != nil {
		return nil, err
	}
	e.growth = powers(opts.StockGrowth, opts.Years, 1)
	e.raise = powers(opts.Raise, opts.Years, 0)
	for _, g := range opts.Scenarios {
		e.scenarioGrowth = append(e.scenarioGrowth, powers(g, opts.Years, 1))
	}
	e.fast = !opts.DecimalOnly
	if e.fast {
		e.modelM = newMoneyModel(e.model)
		e.growthM, e.raiseM = moneyPowers(e.growth), moneyPowers(e.raise)
		for _, g := range e.scenarioGrowth {
			e.scenarioGrowthM = append(e.scenarioGrowthM, moneyPowers(g))
		}
		if e.raiseM == nil {
			e.growthM = nil
		}
	}
	e.taxCalcs = newTaxCalcs(opts.Tax)
	var x exact
	tiers := make([]Money, len(e.playbook.ApprovalTiers))
	for i, t := range e.playbook.ApprovalTiers {
		if t.MaxPct.Valid {
			tiers[i] = x.moneyOf(t.MaxPct.Decimal)
		}
	}
	if x.ok() {
		e.tierPctM = tiers
	}
	return e, nil
}

// Options returns the options the engine was built with.
func (e *Engine) Options() Options { return e.opts }

// powers returns p[t] = (1+rate)^(t−1+shift) for t = 1..n (index 0 unused),
// exact in decimal.
func powers(rate decimal.Decimal, n, shift int) []decimal.Decimal {
	p := make([]decimal.Decimal, n+1)
	factor := decimal.NewFromInt(1).Add(rate)
	cur := decimal.NewFromInt(1)
	if shift == 1 {
		cur = factor
	}
	for t := 1; t <= n; t++ {
		p[t] = cur
		cur = cur.Mul(factor)
	}
	return p
}

// Analyze runs one offer through the engine (see "The arithmetic" in docs/METHOD.md) with the given
// options. It is NewEngine(opts) followed by Engine.Analyze.
func Analyze(o *Offer, opts Options) (Analysis, error) {
	e, err := NewEngine(opts)
	if err != nil {
		return Analysis{}, err
	}
	return e.Analyze(o)
}

var one = decimal.NewFromInt(1)

// grant works out G and the price used, or a FieldError.
func (e *Engine) grant(o *Offer) (g decimal.Decimal, fromShares bool, price decimal.NullDecimal, err error) {
	price = o.StockPrice
	if !price.Valid {
		price = e.opts.StockPrice
	}
	switch {
	case o.RSUValue.Valid:
		if o.RSUValue.Decimal.IsNegative() {
			return g, false, price, &FieldError{o.ID, "rsu_value", o.RSUValue.Decimal.String(), ErrNegative}
		}
		return o.RSUValue.Decimal, false, price, nil
	case o.RSUShares.Valid:
		if o.RSUShares.Decimal.IsNegative() {
			return g, false, price, &FieldError{o.ID, "rsu_shares", o.RSUShares.Decimal.String(), ErrNegative}
		}
		if !price.Valid {
			return g, false, price, &FieldError{o.ID, "stock_price", "", ErrNoStockPrice}
		}
		if price.Decimal.Sign() <= 0 {
			return g, false, price, &FieldError{o.ID, "stock_price", price.Decimal.String(), ErrNotPositive}
		}
		return o.RSUShares.Decimal.Mul(price.Decimal), true, price, nil
	}
	return g, false, price, &FieldError{o.ID, "rsu_value", "", ErrNoGrant}
}

// validate rejects inputs no analysis can use.
func validate(o *Offer) error {
	if o.Base.Sign() <= 0 {
		return &FieldError{o.ID, "base", o.Base.String(), ErrNotPositive}
	}
	for _, c := range []struct {
		name string
		v    decimal.Decimal
	}{{"sign_on_y1", o.SignOnY1}, {"sign_on_y2", o.SignOnY2}, {"bonus_pct", o.BonusPct},
		{"refresher", o.Refresher}, {"relocation", o.Relocation}} {
		if c.v.IsNegative() {
			return &FieldError{o.ID, c.name, c.v.String(), ErrNegative}
		}
	}
	if len(o.Schedule.Yearly) == 0 {
		return &FieldError{o.ID, "vesting", "", ErrUnknownSchedule}
	}
	if err := validateEquity(o); err != nil {
		return err
	}
	if err := validateRewards(o); err != nil {
		return err
	}
	return validateTaxInputs(o)
}

// Analyze computes the year-by-year totals, averages, calendar view,
// scenarios and flags of one offer (see "Year by year and the headline" in docs/METHOD.md):
//
//	base_t    = base × (1 + raise)^(t−1)
//	sign_on_t = sign_on_y1 (t=1), sign_on_y2 (t=2), else 0
//	rsu_t     = G × v_t × (1 + g)^t
//	refresh_t = Σ_{k=2..t} refresher × v_(t−k+1) × (1 + g)^t
//	bonus_t   = base_t × bonus_pct
//	total_t   = base_t + sign_on_t + rsu_t + refresh_t + bonus_t
//
// Percentages v_t are whole percents, so v_t enters as v_t/100. Nothing is
// rounded; exporters round half-even to cents when they write.
func (e *Engine) Analyze(o *Offer) (Analysis, error) { return e.analyze(o, false) }

// AnalyzeBrief is Analyze keeping only what batch-wide outputs need, for
// batches of any size: the year table, totals, scenarios, flags, scores,
// the headline, base and RSU band figures, every lever's Δ total and rank
// (LeverTotals), the counter-offer package and each year's after-tax
// take-home. It leaves out the calendar
// view, the other band figures, the lever table (Levers: low asks, Δ per
// year, notes) and the counter-offer email, asks, change and per-year Δ.
// Every figure it keeps is the one Analyze computes
// (TestBriefAgreesWithFull).
func (e *Engine) AnalyzeBrief(o *Offer) (Analysis, error) { return e.analyze(o, true) }

func (e *Engine) analyze(o *Offer, brief bool) (Analysis, error) {
	if err := validate(o); err != nil {
		return Analysis{}, err
	}
	var g decimal.Decimal
	var fromShares bool
	var price decimal.NullDecimal
	if o.IsPrivate() {
		g = e.privateGrant(o)
	} else {
		var err error
		if g, fromShares, price, err = e.grant(o); err != nil {
			return Analysis{}, err
		}
	}
	a := Analysis{Offer: o, Grant: g, GrantFromShares: fromShares, StockPrice: price, Relocation: o.Relocation, Brief: brief, decimalOnly: !e.fast}
	a.Years = e.yearTable(inputsOf(o), g, e.growth, nil)
	e.totals(&a)
	if len(e.scenarioGrowth) > 0 {
		// A scenario needs only its total: one scratch table serves them all.
		scratch, _ := e.scratch.Get().(*[]YearTotals)
		if scratch == nil {
			t := make([]YearTotals, e.opts.Years)
			scratch = &t
		}
		a.Scenarios = make([]Scenario, len(e.scenarioGrowth))
		for i, growth := range e.scenarioGrowth {
			if total, ok := e.scenarioTotalMoney(o, g, i); ok {
				a.Scenarios[i] = Scenario{Growth: e.opts.Scenarios[i], Total: total}
				continue
			}
			a.Scenarios[i] = Scenario{Growth: e.opts.Scenarios[i], Total: sumTotals(e.yearTable(inputsOf(o), g, growth, *scratch))}
		}
		e.scratch.Put(scratch)
	}
	if !o.StartDate.IsZero() && !brief {
		a.Calendar = e.calendar(o, g)
	}
	a.Rounds = e.rounds(&a)
	if o.IsPrivate() {
		a.Equity = e.equityValues(&a)
	}
	a.Rewards = e.totalRewards(&a)
	a.AfterTax = e.afterTax(o, taxYears(&a), brief)
	// The market position, the flags, the levers and the counter-offer
	// measure the offer at grant value (docs/METHOD.md, "Market
	// position"): with growth or raises assumed, on a year table of its
	// own, so growth and raises change only the year tables, totals and
	// after-tax figures.
	m, te := &a, e.today
	if te != e {
		m = &Analysis{Offer: o, Grant: g, GrantFromShares: fromShares, StockPrice: price, Relocation: o.Relocation, Brief: brief, decimalOnly: !e.fast}
		m.Years = te.yearTable(inputsOf(o), g, te.growth, nil)
		m.Rounds, m.Equity = a.Rounds, a.Equity
		te.totals(m)
		if !o.StartDate.IsZero() && !brief {
			m.Calendar = te.calendar(o, g)
		}
	}
	a.TodayTotalComp = m.AnnualTotalComp
	m.TodayTotalComp = a.TodayTotalComp
	a.Market = e.market(m)
	m.Market = a.Market
	a.Flags = append(make([]Flag, 0, 6), e.nameFlags(o, a.Market)...)
	a.Flags = append(a.Flags, yearFlags(m, e.playbook)...)
	a.Flags = append(a.Flags, e.marketFlags(m)...)
	a.Floor = WalkAway(o)
	m.Floor = a.Floor
	a.Flags = append(a.Flags, comparisonFlags(m)...)
	if m != &a {
		a.ComparatorGap = comparatorGap(&a)
	}
	if s, ok := RiskScore(o.Risk); ok {
		a.Risk = &s
	}
	if s, ok := DecisionScore(o.Decision); ok {
		a.Decision = &s
	}
	if e.opts.Levers {
		var buf *[]LeverResult
		if brief {
			// A brief analysis keeps nothing of the lever table: its
			// backing array (a few kilobytes) goes back to the pool.
			buf, _ = leverPool.Get().(*[]LeverResult)
			if buf == nil {
				buf = new([]LeverResult)
			}
		}
		levers := te.levers(m, brief, buf)
		a.LeverTotals = make([]LeverTotal, len(levers))
		for i, l := range levers {
			a.LeverTotals[i] = LeverTotal{Lever: l.Lever, Available: l.Available, DeltaTotal: l.High.DeltaTotal, deltaM: l.High.deltaM, deltaOK: l.High.deltaOK, Rank: l.Rank, Tier: l.High.Tier}
		}
		a.Counter = te.counter(m, levers, brief)
		a.Best = te.bestLever(m, levers, a.Counter)
		m.Best, a.Draft = a.Best, m.Draft
		if !brief {
			a.Levers = levers
		} else {
			clear(levers)
			*buf = levers[:0]
			leverPool.Put(buf)
		}
	}
	if o.RSUValue.Valid && o.RSUShares.Valid && price.Valid {
		if f, ok := rsuMismatch(o.RSUValue.Decimal, o.RSUShares.Decimal.Mul(price.Decimal), e.playbook.RSUMismatchPct); ok {
			a.Flags = append(a.Flags, f)
		}
	}
	if brief && a.Market != nil {
		a.Market.keepOnly(ComponentBase, ComponentRSU4yr)
	}
	if len(a.Flags) == 0 {
		a.Flags = nil // as without the room made for them above
	}
	return a, nil
}

// totals works out the year table's totals and averages.
func (e *Engine) totals(a *Analysis) {
	if e.fast && e.totalsMoney(a) {
		return
	}
	a.Total = sumTotals(a.Years)
	a.Average = a.Total.DivRound(e.years, 12)
	if n := annualYears(len(a.Years)); n == len(a.Years) {
		a.AnnualTotalComp = a.Average
	} else {
		a.AnnualTotalComp = sumTotals(a.Years[:n]).DivRound(decimal.NewFromInt(int64(n)), 12)
	}
	if len(a.Years) >= 2 {
		a.TwoYearAverage = a.Years[0].Total.Add(a.Years[1].Total).DivRound(two, 12)
	} else {
		a.TwoYearAverage = a.Years[0].Total
	}
}

// yearInputs are the offer inputs the year table reads: an offer's own, or
// a lever's change to them (see Change).
type yearInputs struct {
	Base, SignOnY1, SignOnY2, Refresher, BonusPct, BonusY1TopUp decimal.Decimal
	Schedule                                                    *Schedule
}

func inputsOf(o *Offer) yearInputs {
	return yearInputs{o.Base, o.SignOnY1, o.SignOnY2, o.Refresher, o.BonusPct, o.BonusY1TopUp, &o.Schedule}
}

// yearTable computes the offer-year table at the given growth factors into
// out (allocated when nil) and returns it. Zero terms are skipped (a decimal
// Add of zero still allocates), which keeps the year table of a lever's
// change, mostly zeros, cheap.
func (e *Engine) yearTable(o yearInputs, g decimal.Decimal, growth []decimal.Decimal, out []YearTotals) []YearTotals {
	h := e.opts.Years
	if out == nil {
		out = make([]YearTotals, h)
	}
	if gm := e.growthMoney(growth); gm != nil && e.yearTableMoney(o, g, gm, out) {
		return out
	}
	hasBonus := !o.BonusPct.IsZero()
	hasRefresh := !o.Refresher.IsZero()
	hasRaise := !e.opts.Raise.IsZero()
	hasGrowth := !growth[h].Equal(one)
	for t := 1; t <= h; t++ {
		y := &out[t-1]
		*y = YearTotals{Year: t, Base: o.Base}
		if t > 1 && hasRaise && !o.Base.IsZero() {
			y.Base = o.Base.Mul(e.raise[t])
		}
		switch t {
		case 1:
			y.SignOn = o.SignOnY1
		case 2:
			y.SignOn = o.SignOnY2
		}
		if v := o.Schedule.fraction(t); !v.IsZero() && !g.IsZero() {
			y.RSU = g.Mul(v)
			if hasGrowth {
				y.RSU = y.RSU.Mul(growth[t])
			}
		}
		if hasRefresh {
			// Grants k = 2..t have vested v_1..v_(t−1) this year between them.
			if share := o.Schedule.vestedBy(t - 1); !share.IsZero() {
				y.Refresh = o.Refresher.Mul(share)
				if hasGrowth {
					y.Refresh = y.Refresh.Mul(growth[t])
				}
			}
		}
		if hasBonus && !y.Base.IsZero() {
			y.Bonus = y.Base.Mul(o.BonusPct)
		}
		if t == 1 && !o.BonusY1TopUp.IsZero() {
			y.Bonus = addNonZero(y.Bonus, o.BonusY1TopUp)
		}
		y.Total = addNonZero(addNonZero(addNonZero(addNonZero(y.Base, y.SignOn), y.RSU), y.Refresh), y.Bonus)
	}
	return out
}

// addNonZero is a + b without the allocation when either is zero.
func addNonZero(a, b decimal.Decimal) decimal.Decimal {
	switch {
	case b.IsZero():
		return a
	case a.IsZero():
		return b
	}
	return a.Add(b)
}

func sumTotals(years []YearTotals) decimal.Decimal {
	sum := decimal.Zero
	for _, y := range years {
		sum = addNonZero(sum, y.Total)
	}
	return sum
}
