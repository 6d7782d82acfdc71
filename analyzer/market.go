package analyzer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Position marks a figure outside its band.
type Position string

// Positions of a figure relative to its band.
const (
	InBand    Position = ""
	BelowBand Position = "below band"
	AboveBand Position = "above band"
)

// BandFigure places one offer figure in its band (see "Percentiles and penetration" in docs/METHOD.md).
type BandFigure struct {
	Component Component
	// Value is the offer's figure for the component, of the same definition
	// as the band (Component.Definition).
	Value decimal.Decimal
	// Band is the band used, with Min and Max already scaled by any premium.
	// A composed headline band has Component ComponentComposed and the key
	// and source of its base row.
	Band Band
	// Match is how the band was found along the fallback chain; for a
	// composed band, the least specific step of its base and rsu_4yr rows.
	Match BandMatch
	// Percentile is the estimated market percentile, clamped to 1..99.
	Percentile decimal.Decimal
	Position   Position
	// Penetration is (x − min)/(max − min) × 100.
	Penetration decimal.Decimal
	// CompaRatio is x / midpoint.
	CompaRatio decimal.Decimal
	// P25, P50, P75 are the band's points under the percentile model.
	P25, P50, P75 decimal.Decimal
}

// Market is where an offer sits in its market bands.
type Market struct {
	// Key is the band key the offer was looked up with; its Level is
	// BandLevel, not the offer's own.
	Key BandKey
	// BandLevel is the Amazon-ladder level the bands were looked up at: the
	// offer's level, or the level-equivalence table's mapping of it.
	BandLevel string
	// Equivalence is the level-equivalence row that mapped the offer's
	// level ("Google L5 → L6 band"); nil when the level was used as given.
	Equivalence *LevelEquivalence
	// Match is how the headline band was found along the fallback chain
	// (exact, no_location, company_type, reference), MatchNone without one.
	Match BandMatch
	// Figures hold one entry per component that has a band, in Components
	// order, then the headline figure when it is a composed band.
	Figures []BandFigure
	// Headline is the index in Figures of the headline figure, −1 for none.
	Headline int
	// Premium is the AI/ML premium applied, if any.
	Premium *Premium
	// Differential is the company differential that scaled a reference
	// headline band (Google × 1.125 on Amazon's band); nil when the
	// headline band is not a reference band or the company has no row.
	Differential *Differential
	// Confidence is how far the headline band can be trusted for this
	// offer: high, medium or low; "" without a headline band.
	Confidence BandConfidence
	// NonUS is true for a location outside the United States: no US band
	// is looked up.
	NonUS bool
}

// BandConfidence says how far an offer's headline band speaks for it
// (docs/METHOD.md, "Market position").
type BandConfidence string

// The band confidences: high for the offer's own company and location,
// medium for its own company in any location or a reference band scaled
// by a company differential, low for the company-type table or a reference
// band without a differential.
const (
	ConfidenceHigh   BandConfidence = "high"
	ConfidenceMedium BandConfidence = "medium"
	ConfidenceLow    BandConfidence = "low"
)

// OwnBand reports whether the offer is measured on its own company's band
// (an exact or no_location match), rather than another company's
// (reference) or the company-type table. Counter-offer component asks for
// an offer not on its own band come from its own figures, never from the
// band's sign-on or RSU range.
func (m *Market) OwnBand() bool {
	return m != nil && (m.Match == MatchExact || m.Match == MatchNoLocation)
}

// confidenceOf is the confidence of a headline band found at match, with
// or without a company differential.
func confidenceOf(match BandMatch, diff bool) BandConfidence {
	switch match {
	case MatchExact:
		return ConfidenceHigh
	case MatchNoLocation:
		return ConfidenceMedium
	case MatchReference:
		if diff {
			return ConfidenceMedium
		}
		return ConfidenceLow
	case MatchCompanyType:
		return ConfidenceLow
	}
	return ""
}

// ConfidenceWords say the confidence and why, for a verdict: "high
// confidence: Amazon's own band", "medium confidence: Amazon's band,
// Google +10–15% per the guide", "low confidence: the FAANG company-type
// band". "" without a headline band.
func (m *Market) ConfidenceWords() string {
	h := m.HeadlineFigure()
	if h == nil {
		return ""
	}
	who := h.Band.Key.Company
	var why string
	switch m.Match {
	case MatchExact:
		why = who + "'s own band for " + h.Band.Key.Location
	case MatchNoLocation:
		why = who + "'s own band for any location"
	case MatchReference:
		why = who + "'s band"
		if m.Differential != nil {
			why += ", " + m.Differential.Words()
		} else {
			why += ", unadjusted: no company differential for " + m.Key.Company
		}
	case MatchCompanyType:
		ct := h.Band.Key.CompanyType
		if ct == "" {
			ct = "any"
		}
		why = "the " + ct + " company-type band"
	}
	return string(m.Confidence) + " confidence: " + why
}

// LevelLabel describes the level lookup: "Google L5 → L6 band" when the
// level was mapped, else "L6 band".
func (m *Market) LevelLabel() string {
	if m == nil {
		return ""
	}
	if m.Equivalence != nil {
		return m.Equivalence.String()
	}
	return m.BandLevel + " band"
}

// HeadlineFigure returns the headline band figure, or nil without a band.
func (m *Market) HeadlineFigure() *BandFigure {
	if m == nil || m.Headline < 0 {
		return nil
	}
	return &m.Figures[m.Headline]
}

// Figure returns the figure for a component, or nil when it has no band.
func (m *Market) Figure(c Component) *BandFigure {
	if m == nil {
		return nil
	}
	for i := range m.Figures {
		if m.Figures[i].Component == c {
			return &m.Figures[i]
		}
	}
	return nil
}

// keepOnly drops every figure but the headline and the given components,
// for brief analyses; of the given components it keeps the value, band and
// percentile (what results.csv reports), not the derived band points.
func (m *Market) keepOnly(components ...Component) {
	kept := m.Figures[:0] // in place: a figure is copied before its slot is written
	headline := -1
	for i, f := range m.Figures {
		keep := i == m.Headline
		if keep {
			headline = len(kept)
		}
		for _, c := range components {
			if f.Component == c && !keep {
				keep = true
				f.Penetration, f.CompaRatio = decimal.Zero, decimal.Zero
				f.P25, f.P50, f.P75 = decimal.Zero, decimal.Zero, decimal.Zero
			}
		}
		if keep {
			kept = append(kept, f)
		}
	}
	if len(kept) == 0 {
		kept = nil
	}
	m.Figures, m.Headline = kept, headline
}

// componentValue is the offer figure compared with a component's band.
func componentValue(a *Analysis, c Component) decimal.Decimal {
	o := a.Offer
	switch c {
	case ComponentBase:
		return o.Base
	case ComponentRSU4yr:
		return a.Grant
	case ComponentSignOnY1:
		return o.SignOnY1
	case ComponentSignOnY2:
		return o.SignOnY2
	case ComponentSignOnTotal:
		return o.SignOnY1.Add(o.SignOnY2)
	case ComponentTotalY1:
		return a.Years[0].Total
	case ComponentBaseEquityAvg:
		return o.Base.Add(a.Grant.Mul(quarter))
	default: // total_comp, composed
		return a.AnnualTotalComp
	}
}

// annualYears is how many offer years annual total comp averages: four,
// or H when the horizon is shorter.
func annualYears(h int) int { return min(h, 4) }

// PercentileModel reads a band's min and max as two percentiles (the band
// span, P10 and P90 by default) and interpolates linearly between them.
// The zero-cost literal PercentileModel{Low, High} works; NewPercentileModel
// also precomputes the interpolation fractions of whole percentiles.
type PercentileModel struct {
	Low, High decimal.Decimal
	// fractions[p] is (p − Low)/(High − Low) for whole p in 0..100.
	fractions *[101]decimal.Decimal
}

// NewPercentileModel returns the model for a span, with the fraction of
// every whole percentile worked out once, so Point divides nothing.
func NewPercentileModel(low, high decimal.Decimal) PercentileModel {
	fractions := new([101]decimal.Decimal)
	m := PercentileModel{Low: low, High: high}
	for p := range fractions {
		fractions[p] = m.fraction(decimal.NewFromInt(int64(p)))
	}
	m.fractions = fractions
	return m
}

// fraction is (p − Low)/(High − Low), to 20 places.
func (m PercentileModel) fraction(p decimal.Decimal) decimal.Decimal {
	if m.fractions != nil && p.IsInteger() && !p.IsNegative() && p.LessThanOrEqual(hundred) {
		return m.fractions[p.IntPart()]
	}
	return p.Sub(m.Low).DivRound(m.High.Sub(m.Low), 20)
}

var (
	percentileFloor = decimal.NewFromInt(1)
	percentileCeil  = decimal.NewFromInt(99)
)

// Percentile estimates x's percentile in [min, max]: Low + (x − min)/(max −
// min) × (High − Low), extrapolated linearly outside the band and clamped
// to 1..99, with the position outside the band marked. A band of zero width
// puts x at the middle of the span when equal, else at the clamp.
func (m PercentileModel) Percentile(x, min, max decimal.Decimal) (decimal.Decimal, Position) {
	pos := InBand
	switch {
	case x.LessThan(min):
		pos = BelowBand
	case x.GreaterThan(max):
		pos = AboveBand
	}
	width := max.Sub(min)
	var p decimal.Decimal
	switch {
	case !width.IsZero():
		p = m.Low.Add(x.Sub(min).Mul(m.High.Sub(m.Low)).DivRound(width, 12))
	case pos == BelowBand:
		p = percentileFloor
	case pos == AboveBand:
		p = percentileCeil
	default:
		p = m.Low.Add(m.High).Div(decimal.NewFromInt(2))
	}
	return m.clamp(p), pos
}

// clamp keeps an estimated percentile within 1..99.
func (m PercentileModel) clamp(p decimal.Decimal) decimal.Decimal {
	if p.LessThan(percentileFloor) {
		return percentileFloor
	}
	if p.GreaterThan(percentileCeil) {
		return percentileCeil
	}
	return p
}

// Point is the band value at percentile p: min + (p − Low)/(High − Low) ×
// (max − min).
func (m PercentileModel) Point(p, min, max decimal.Decimal) decimal.Decimal {
	return min.Add(m.fraction(p).Mul(max.Sub(min)).Round(12))
}

var (
	p25 = decimal.NewFromInt(25)
	p50 = decimal.NewFromInt(50)
	p75 = decimal.NewFromInt(75)
	two = decimal.NewFromInt(2)
)

// placeIn is PlaceInBand; with percentileOnly the position and
// percentile alone.
func (m PercentileModel) placeIn(c Component, x decimal.Decimal, b Band, percentileOnly bool) BandFigure {
	if !percentileOnly {
		return m.PlaceInBand(c, x, b)
	}
	f := BandFigure{Component: c, Value: x, Band: b}
	f.Percentile, f.Position = m.Percentile(x, b.Min, b.Max)
	return f
}

// PlaceInBand computes every figure of one component against a band.
func (m PercentileModel) PlaceInBand(c Component, x decimal.Decimal, b Band) BandFigure {
	f := BandFigure{Component: c, Value: x, Band: b}
	f.Percentile, f.Position = m.Percentile(x, b.Min, b.Max)
	if width := b.Max.Sub(b.Min); !width.IsZero() {
		f.Penetration = x.Sub(b.Min).Mul(hundred).DivRound(width, 12)
	}
	if mid := b.Min.Add(b.Max).Div(two); !mid.IsZero() {
		f.CompaRatio = x.DivRound(mid, 12)
	}
	f.P25, f.P50, f.P75 = m.Point(p25, b.Min, b.Max), m.Point(p50, b.Min, b.Max), m.Point(p75, b.Min, b.Max)
	return f
}

// bandKey is the key an offer's bands are looked up with: OfferKey with
// the level mapped to the Amazon ladder, and the mapping used.
func (e *Engine) bandKey(o *Offer) (BandKey, *LevelEquivalence) {
	key := OfferKey(o)
	key.Level = CanonicalLevel(key.Level)
	if o.AmazonTitle {
		return key, nil // an Amazon title names the Amazon ladder level
	}
	if eq, ok := e.opts.Levels.Map(o.Track, o.Company, o.Level); ok {
		key.Level = eq.Level
		return key, &eq
	}
	return key, nil
}

// market places the analysis in its bands (see "Bands and the headline" in docs/METHOD.md); it needs Years, Grant
// and AnnualTotalComp.
func (e *Engine) market(a *Analysis) *Market {
	if e.opts.Bands == nil {
		return nil
	}
	key, eq := e.bandKey(a.Offer)
	mk := &Market{Key: key, BandLevel: key.Level, Equivalence: eq, Headline: -1, Match: MatchNone}
	if e.names.Location(a.Offer.Location).NonUS {
		// The bands are US bands: a location abroad gets none.
		mk.NonUS = true
		return mk
	}
	if p, ok := ChoosePremium(e.opts.Premiums, a.Offer, key); ok {
		mk.Premium = &p
	}
	set := e.opts.Bands.LookupAll(key)
	// The bands found, premium applied (one array, not a pointer per band).
	var bands [componentCount]Band
	var scaled [componentCount]*Band
	for i, c := range Components {
		b, ok := set.Band(c)
		if !ok {
			continue
		}
		if mk.Premium != nil && c != ComponentBase {
			b.Min, b.Max = mk.Premium.Scale(b.Min, b.Max)
		}
		bands[i] = b
		scaled[i] = &bands[i]
		if mk.Figures == nil {
			// Room for every figure and the headline, in one allocation.
			mk.Figures = make([]BandFigure, 0, len(Components)+1)
		}
		if c == ComponentTotalComp {
			continue // placed below, only when it measures the headline
		}
		var f BandFigure
		if a.Brief && c != ComponentBase && c != ComponentRSU4yr {
			// A brief analysis keeps only the headline, base and RSU
			// figures; the others need just their band (for the lever
			// caps) and position (for ABOVE_BAND).
			f = BandFigure{Component: c, Value: componentValue(a, c), Band: b}
			switch {
			case f.Value.LessThan(b.Min):
				f.Position = BelowBand
			case f.Value.GreaterThan(b.Max):
				f.Position = AboveBand
			}
		} else {
			// A brief analysis reads of the base and RSU figures only
			// their position and percentile.
			f = e.placeIn(c, componentValue(a, c), b, a.Brief)
		}
		f.Match = set.Match(c)
		mk.Figures = append(mk.Figures, f)
	}
	band := func(c Component) *Band { return scaled[componentIndex(c)] }
	base, rsu, total := band(ComponentBase), band(ComponentRSU4yr), band(ComponentTotalComp)
	composed := base != nil && rsu != nil
	useTotal := total != nil && (!composed ||
		total.Key.specificity() >= max(base.Key.specificity(), rsu.Key.specificity()))
	switch {
	case useTotal:
		f := e.placeInBand(ComponentTotalComp, componentValue(a, ComponentTotalComp), *total)
		f.Match = set.Match(ComponentTotalComp)
		mk.Figures = append(mk.Figures, f)
		mk.Headline = len(mk.Figures) - 1
	case composed:
		match := set.Match(ComponentBase)
		if m := set.Match(ComponentRSU4yr); m.rank() > match.rank() {
			match = m
		}
		if match == MatchReference {
			mk.Differential = e.differential(a.Offer.Company)
		}
		f := e.placeInBand(ComponentComposed, componentValue(a, ComponentComposed), e.composedBand(key, mk.Premium, mk.Differential, &scaled))
		f.Match = match
		mk.Figures = append(mk.Figures, f)
		mk.Headline = len(mk.Figures) - 1
	default:
		for _, c := range []Component{ComponentBaseEquityAvg, ComponentTotalY1} {
			for i := range mk.Figures {
				if mk.Figures[i].Component == c && mk.Headline < 0 {
					mk.Headline = i
				}
			}
		}
		if h := mk.HeadlineFigure(); h != nil && a.Brief {
			// A brief analysis placed this figure only roughly above;
			// as the headline it needs every figure.
			match := h.Match
			*h = e.placeInBand(h.Component, h.Value, h.Band)
			h.Match = match
		}
	}
	if h := mk.HeadlineFigure(); h != nil {
		mk.Match = h.Match
		if h.Match == MatchReference && h.Component != ComponentComposed {
			// A reference headline measured on annual total comp is
			// scaled by the company's differential; a base + grant / 4
			// or first-year figure has no differential to scale by.
			if h.Component == ComponentTotalComp {
				if mk.Differential = e.differential(a.Offer.Company); mk.Differential != nil {
					b := h.Band
					b.Min, b.Max = mk.Differential.scale(b.Min, b.Max)
					match := h.Match
					*h = e.placeInBand(h.Component, h.Value, b)
					h.Match = match
				}
			}
		}
		mk.Confidence = confidenceOf(h.Match, mk.Differential != nil)
	}
	return mk
}

// differential returns the company's differential against the reference
// company, nil without one.
func (e *Engine) differential(company string) *Differential {
	return e.opts.Differentials.lookup(company)
}

// composedBand returns composeBand for a band key and premium, worked out
// once per engine: it depends on nothing but the bands and the premium.
// A reference band is scaled by the company's differential d, if any (the
// key names the company, so the cache holds the scaled band).
func (e *Engine) composedBand(key BandKey, p *Premium, d *Differential, bands *[componentCount]*Band) Band {
	ck := levelCacheKey{key: key}
	if p != nil {
		ck.premium = *p
	}
	e.composedMu.RLock()
	b, ok := e.composedCache[ck]
	e.composedMu.RUnlock()
	if ok {
		return b
	}
	b = composeBand(bands)
	if d != nil {
		b.Min, b.Max = d.scale(b.Min, b.Max)
	}
	e.composedMu.Lock()
	e.composedCache[ck] = b
	e.composedMu.Unlock()
	return b
}

// composeBand is the headline band composed from the component bands
// (see "Bands and the headline" in docs/METHOD.md): base + rsu_4yr / 4 + sign-on / 4, the sign-on from
// sign_on_total, else sign_on_y1 + sign_on_y2 (either alone when only one
// has a band), zero without a sign-on band; min from the mins, max from
// the maxes. It carries the base row's key and the sources of its parts.
func composeBand(bands *[componentCount]*Band) Band {
	band := func(c Component) *Band { return bands[componentIndex(c)] }
	base, rsu := band(ComponentBase), band(ComponentRSU4yr)
	out := Band{Key: base.Key, Component: ComponentComposed,
		Min: base.Min.Add(rsu.Min.Mul(quarter)), Max: base.Max.Add(rsu.Max.Mul(quarter))}
	sources := []string{base.Source, rsu.Source}
	signOn := func(b *Band) {
		out.Min, out.Max = out.Min.Add(b.Min.Mul(quarter)), out.Max.Add(b.Max.Mul(quarter))
		sources = append(sources, b.Source)
	}
	if t := band(ComponentSignOnTotal); t != nil {
		signOn(t)
	} else {
		for _, c := range []Component{ComponentSignOnY1, ComponentSignOnY2} {
			if b := band(c); b != nil {
				signOn(b)
			}
		}
	}
	var uniq []string
	for _, s := range sources {
		if s != "" && !slices.Contains(uniq, s) {
			uniq = append(uniq, s)
		}
	}
	out.Source = strings.Join(uniq, "; ")
	return out
}

// IsReferenceCompany reports whether a company is the ReferenceCompany
// (Amazon, AWS), whose level caps apply; a blank company is the offers'
// default, Amazon.
func IsReferenceCompany(company string) bool {
	var tmp [64]byte
	b, ok := appendFold(tmp[:0], company)
	if !ok {
		switch fold(company) {
		case "", "amazon", "aws", "amazonwebservices":
			return true
		}
		return false
	}
	return len(b) == 0 || string(b) == "amazon" || string(b) == "aws" || string(b) == "amazonwebservices"
}

// nameFlags finds UNKNOWN_LOCATION (a location that is not a known name,
// or one outside the United States) and UNKNOWN_TRACK, each naming the
// nearest known name when one is close.
func (e *Engine) nameFlags(o *Offer, mk *Market) []Flag {
	var flags []Flag
	switch c := e.names.Location(o.Location); {
	case c.NonUS && o.TaxResidence != "":
		flags = append(flags, Flag{FlagUnknownLocation, SeverityWarning, fmt.Sprintf(
			"%q is outside the United States: the market bands are US bands, so no percentile; the tax estimate is for the tax_residence given, %s.", o.Location, o.TaxResidence)})
	case c.NonUS:
		flags = append(flags, Flag{FlagUnknownLocation, SeverityWarning, fmt.Sprintf(
			"%q is outside the United States: the market bands and tax tables are US ones, so no percentile and no after-tax estimate.", o.Location)})
	case !c.Known:
		flags = append(flags, Flag{FlagUnknownLocation, SeverityWarning, unknownMessage("location", o.Location, c.Nearest, mk)})
	}
	if c := e.names.Track(o.Track); !c.Known {
		flags = append(flags, Flag{FlagUnknownTrack, SeverityWarning, unknownMessage("track", o.Track, c.Nearest, mk)})
	}
	return flags
}

// unknownMessage says that a name is unknown, the nearest known one and
// what band the offer got without it.
func unknownMessage(what, value, nearest string, mk *Market) string {
	s := fmt.Sprintf("%s %q is not a known name", what, value)
	if nearest != "" {
		s += fmt.Sprintf(" (did you mean %s?)", nearest)
	}
	switch {
	case mk == nil:
		return s + "."
	case mk.HeadlineFigure() == nil:
		return s + ": no market band matches it."
	}
	return s + fmt.Sprintf(": the band found without it is %s (%s match), a weaker measure.", mk.HeadlineFigure().Band.Key, mk.Match)
}

// farBelow reports whether a headline's compa-ratio is below 1 −
// FarBelowMarketPct/100 (FAR_BELOW_MARKET), compared without a decimal
// when the threshold is exact in Money.
func (e *Engine) farBelow(compa decimal.Decimal) bool {
	var x exact
	pct := x.moneyOf(e.playbook.FarBelowMarketPct)
	if t := x.sub(moneyUnit, pct/100); x.ok() && pct%100 == 0 {
		return cmpAt(compa, int64(t), moneyPlaces) < 0
	}
	return compa.LessThan(one.Sub(e.playbook.FarBelowMarketPct.Shift(-2)))
}

// marketFlags finds NO_BAND, BELOW_MEDIAN, FAR_BELOW_MARKET, ABOVE_BAND,
// COMPONENT_ABOVE_BAND and BASE_ABOVE_CAP. ABOVE_BAND is the headline's
// alone (above its band's max, so never with BELOW_MEDIAN); a component
// above its own band is COMPONENT_ABOVE_BAND, for information.
func (e *Engine) marketFlags(a *Analysis) []Flag {
	var flags []Flag
	o := a.Offer
	if cap, ok := e.playbook.BaseCaps[CanonicalLevel(o.Level)]; ok && IsReferenceCompany(o.Company) && o.Base.GreaterThan(cap) {
		flags = append(flags, Flag{FlagBaseAboveCap, SeverityWarning, fmt.Sprintf(
			"Base %s is above the %s base cap of %s: expect the excess to be moved into RSUs or sign-on.",
			Dollars(o.Base), o.Level, Dollars(cap))})
	}
	if a.Market == nil {
		return flags
	}
	h := a.Market.HeadlineFigure()
	if h == nil {
		msg := "No market band for " + a.Market.Key.String() + ": percentiles are left blank."
		if a.Market.NonUS {
			msg = "No market band (the location is outside the United States): percentiles are left blank."
		}
		flags = append(flags, Flag{FlagNoBand, SeverityInfo, msg})
		return flags
	}
	var buf [160]byte
	if cmpAt(h.Percentile, 50, 0) < 0 {
		b := append(buf[:0], h.Component.Title()...)
		b = append(b, ' ')
		b = appendDollarsOf(b, h.Value)
		b = append(b, " at P"...)
		b = FixedOf(h.Percentile, 1).AppendText(b, 1)
		b = append(b, ", below the band median "...)
		b = appendDollarsOf(b, h.P50)
		b = append(b, ": significant negotiation room."...)
		flags = append(flags, Flag{FlagBelowMedian, SeverityWarning, string(b)})
	}
	if e.farBelow(h.CompaRatio) {
		flags = append(flags, Flag{FlagFarBelowMarket, SeverityCritical, fmt.Sprintf(
			"%s %s is %s%% below the band midpoint: a walk-away signal.",
			h.Component.Title(), Dollars(h.Value), one.Sub(h.CompaRatio).Mul(hundred).StringFixed(0))})
	}
	aboveBand := func(f *BandFigure) []byte {
		b := append(buf[:0], f.Component.Title()...)
		b = append(b, ' ')
		b = appendDollarsOf(b, f.Value)
		b = append(b, " > "...)
		return appendDollarsOf(b, f.Band.Max)
	}
	if h.Position == AboveBand {
		flags = append(flags, Flag{FlagAboveBand, SeverityInfo, "Above the market band: " + string(aboveBand(h)) + "."})
	}
	var above []string
	for i := range a.Market.Figures {
		if f := &a.Market.Figures[i]; i != a.Market.Headline && f.Position == AboveBand {
			above = append(above, string(aboveBand(f)))
		}
	}
	if len(above) > 0 {
		flags = append(flags, Flag{FlagComponentAboveBand, SeverityInfo,
			"A component above its own band (the headline decides the market position): " + strings.Join(above, "; ") + "."})
	}
	return flags
}
