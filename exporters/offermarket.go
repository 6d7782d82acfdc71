package exporters

import (
	"fmt"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// emailWidth is the width, in characters, of the merged A:H area that holds
// the counter-offer email on an offer sheet.
const emailWidth = 140

// marketSections writes the offer sheet's market and advice blocks (see
// "Market position" and "Advice" in docs/METHOD.md) below its existing
// content: the band table, the peer line, the lever table, the counter-offer
// and its email, the walk-away floor and comparator gap, and the risk and
// decision scores.
func (wb *workbook) marketSections(w *rowWriter, a *analyzer.Analysis) {
	w.skip()
	w.blockStart()
	wb.bandTable(w, a)
	wb.peerLine(w, a)
	wb.leverTable(w, a)
	wb.counterBlock(w, a)
	wb.floorAndGap(w, a)
	wb.scoreBlock(w, a)
}

// section writes a section title; a printed page may break before it.
func (wb *workbook) section(w *rowWriter, title string) {
	w.sectionStart()
	w.add(excelize.Cell{StyleID: wb.st.section, Value: title})
}

func (wb *workbook) noteRow(w *rowWriter, s string) {
	w.add(excelize.Cell{StyleID: wb.st.note, Value: s})
}

func (wb *workbook) moneyOf(d decimal.Decimal) any {
	return excelize.Cell{StyleID: wb.st.money, Value: money(d)}
}

func (wb *workbook) pctlOf(d decimal.Decimal) any {
	return excelize.Cell{StyleID: wb.st.pctl, Value: d.RoundBank(1).InexactFloat64()}
}

func (wb *workbook) nullPctl(d decimal.NullDecimal) any {
	if !d.Valid {
		return nil
	}
	return wb.pctlOf(d.Decimal)
}

// componentTitle names a band component in the band table.
func componentTitle(c analyzer.Component) string { return c.Title() }

// matchWords say in words how a band was found along the fallback chain.
var matchWords = map[analyzer.BandMatch]string{
	analyzer.MatchExact:       "exact",
	analyzer.MatchNoLocation:  "any location",
	analyzer.MatchCompanyType: "company-type table",
	analyzer.MatchReference:   "reference band: " + analyzer.ReferenceCompany,
}

// bandTable places each figure in its band: the component, its definition
// (the offer figure compared has the same definition), the offer figure,
// the band's min, P25, P50, P75 and max, the percentile with its
// below/above mark, compa-ratio, range penetration, how the band was found
// and the band row used.
func (wb *workbook) bandTable(w *rowWriter, a *analyzer.Analysis) {
	st := wb.st
	wb.section(w, "Market position")
	m := a.Market
	if m == nil {
		wb.noteRow(w, "No market bands in this run.")
		w.skip()
		return
	}
	label := func(s string) any { return excelize.Cell{StyleID: st.label, Value: s} }
	w.add(label("Looked up as"), m.Key.String())
	w.add(label("Band level"), levelWords(a))
	if m.NonUS {
		wb.noteRow(w, fmt.Sprintf("%s is outside the United States: the market bands are US bands, so none is used and percentiles are left blank.",
			a.Offer.Location))
		w.skip()
		return
	}
	if len(m.Figures) == 0 {
		wb.noteRow(w, fmt.Sprintf("No market band for %s (none for the company, its company type or %s): percentiles are left blank.",
			m.Key, analyzer.ReferenceCompany))
		w.skip()
		return
	}
	hdr := wb.headerCells([]string{"Component", "Definition", "Offer", "Band min", "P25", "P50", "P75", "Band max",
		"Percentile", "Position", "Compa-ratio", "Penetration %", "Band found", "Band row (source)"}, 2)
	hdr[1] = excelize.Cell{StyleID: st.header, Value: "Definition"}
	hdr[len(hdr)-2] = excelize.Cell{StyleID: st.header, Value: "Band found"}
	hdr[len(hdr)-1] = excelize.Cell{StyleID: st.header, Value: "Band row (source)"}
	w.header(hdr...)
	for i, f := range m.Figures {
		title := componentTitle(f.Component)
		if i == m.Headline {
			title += " (headline)"
		}
		pos := string(f.Position)
		if pos == "" {
			pos = "in band"
		}
		w.add(excelize.Cell{StyleID: st.label, Value: title}, excelize.Cell{StyleID: st.textIndent, Value: f.Component.Definition()},
			wb.moneyOf(f.Value), wb.moneyOf(f.Band.Min),
			wb.moneyOf(f.P25), wb.moneyOf(f.P50), wb.moneyOf(f.P75), wb.moneyOf(f.Band.Max),
			wb.pctlOf(f.Percentile), excelize.Cell{StyleID: st.textRight, Value: pos},
			excelize.Cell{StyleID: st.ratio, Value: f.CompaRatio.RoundBank(2).InexactFloat64()},
			wb.pctlOf(f.Penetration), excelize.Cell{StyleID: st.textIndent, Value: matchWords[f.Match]},
			excelize.Cell{StyleID: st.textIndent, Value: bandRowLabel(f.Band)})
	}
	if h := m.HeadlineFigure(); h != nil {
		wb.noteRow(w, fmt.Sprintf("Headline: annual total comp %s against the %s band: P%s; %s.", analyzer.Dollars(h.Value),
			headlineBandWords(h), h.Percentile.RoundBank(1).StringFixed(1), m.ConfidenceWords()))
		if d := m.Differential; d != nil {
			wb.noteRow(w, fmt.Sprintf("The headline band is %s's annual total comp × %s, the midpoint of %s's %s (%s).",
				analyzer.ReferenceCompany, d.Factor().String(), d.Company, d.Range(), d.Source))
		}
	} else {
		wb.noteRow(w, "No annual-total-comp band (total_comp, or base and RSU bands to compose one), base_equity_avg or total_y1 band: the headline percentile is blank.")
	}
	if p := m.Premium; p != nil {
		w.add(label("AI/ML premium applied"),
			fmt.Sprintf("%s (%s), every band except base scaled", p.String(), p.Kind))
	}
	wb.noteRow(w, fmt.Sprintf("Band min = P%s and max = P%s, linear between, extrapolated outside and clamped to 1–99. "+
		"Compa-ratio = offer ÷ band midpoint; penetration = (offer − min) ÷ (max − min) × 100.",
		wb.run.percentileModel().Low, wb.run.percentileModel().High))
	w.skip()
}

// levelWords says which level the bands were looked up at: "Google L5 →
// L6 band (Amazon L6/L7 Compensation & Negotiation Guide (market
// estimates))" or "L6 band".
func levelWords(a *analyzer.Analysis) string {
	m := a.Market
	if eq := m.Equivalence; eq != nil {
		s := eq.String()
		if eq.Source != "" {
			s += " (" + eq.Source + ")"
		}
		return s
	}
	return m.LevelLabel()
}

// headlineBandWords names the headline band: "composed (base + grant / 4 +
// sign-on / 4)" or "total_comp".
func headlineBandWords(h *analyzer.BandFigure) string {
	words := "total_comp"
	if h.Component == analyzer.ComponentComposed {
		words = "composed (base + grant / 4 + sign-on / 4)"
	} else if h.Component != analyzer.ComponentTotalComp {
		words = string(h.Component) + " (" + h.Component.Definition() + ")"
	}
	if h.Match == analyzer.MatchReference {
		words += ", reference band: " + analyzer.ReferenceCompany
	}
	return words
}

// bandRowLabel names a band row and its source: "FAANG / Amazon / EM / L6
// / Seattle (Amazon L6/L7 Compensation & Negotiation Guide …)".
func bandRowLabel(b analyzer.Band) string {
	if b.Source == "" {
		return b.Key.String()
	}
	return b.Key.String() + " (" + b.Source + ")"
}

// peerLine places the offer among its peers in the batch.
func (wb *workbook) peerLine(w *rowWriter, a *analyzer.Analysis) {
	st := wb.st
	wb.section(w, "Peers in this batch")
	p := a.Peer
	if p == nil {
		wb.noteRow(w, fmt.Sprintf("Fewer than %d offers share this company, track, level and location: no peer percentile.",
			max(wb.run.Options.MinPeers, 1)))
		w.skip()
		return
	}
	w.header(wb.headerCells([]string{"Peer group", "Offers", "Headline figure", "Percentile", "P25", "P50", "P75"}, 1)...)
	w.add(excelize.Cell{StyleID: st.label, Value: p.Group}, excelize.Cell{StyleID: st.count, Value: p.Size},
		wb.moneyOf(p.Value), wb.pctlOf(p.Percentile), wb.moneyOf(p.P25), wb.moneyOf(p.P50), wb.moneyOf(p.P75))
	wb.noteRow(w, "Percentile is Excel's PERCENTRANK.INC of the headline figure in the group × 100; P25–P75 are PERCENTILE.INC.")
	w.skip()
}

// leverTable prices every lever: low and high ask, whether a cap cut it,
// Δ per year and in total at the high ask, the new headline percentile,
// the approval tier, the rank and the note.
func (wb *workbook) leverTable(w *rowWriter, a *analyzer.Analysis) {
	st := wb.st
	wb.section(w, "Negotiation levers (at the high ask)")
	if len(a.Levers) == 0 {
		wb.noteRow(w, "Levers were not run.")
		w.skip()
		return
	}
	h := len(a.Years)
	names := []string{"Lever", "Low ask", "High ask", "Capped?"}
	for t := 1; t <= h; t++ {
		names = append(names, fmt.Sprintf("Δ year %d", t))
	}
	names = append(names, fmt.Sprintf("Δ total (%d yr)", h), "New headline pctl", "Approval", "Rank", "Note")
	hdr := wb.headerCells(names, 1)
	hdr[len(hdr)-1] = excelize.Cell{StyleID: st.header, Value: "Note"}
	w.header(hdr...)
	for _, l := range a.Levers {
		cells := []any{excelize.Cell{StyleID: st.bold, Value: leverTitle(l.Lever)}}
		if !l.Available {
			cells = append(cells, nil, nil, nil)
			for range h {
				cells = append(cells, nil)
			}
			cells = append(cells, nil, nil, nil, nil, excelize.Cell{StyleID: st.note, Value: "not available: " + l.Note})
			w.add(cells...)
			continue
		}
		capped := "no"
		if l.Capped {
			capped = "yes"
		}
		cells = append(cells, wb.moneyOf(l.Low.Ask), wb.moneyOf(l.High.Ask), excelize.Cell{StyleID: st.textRight, Value: capped})
		for t := range h {
			if t < len(l.High.Delta) {
				cells = append(cells, wb.moneyOf(l.High.Delta[t]))
			} else {
				cells = append(cells, nil)
			}
		}
		cells = append(cells, excelize.Cell{StyleID: st.moneyTotal, Value: money(l.High.DeltaTotal)},
			wb.nullPctl(l.High.HeadlinePercentile), excelize.Cell{StyleID: st.textRight, Value: l.High.Tier},
			excelize.Cell{StyleID: st.rank, Value: l.Rank}, excelize.Cell{StyleID: st.wrapIndent, Value: l.Note})
		w.tall(wrapHeight(l.Note, offerSheetWidth(len(cells))), cells...)
	}
	label := func(s string) any { return excelize.Cell{StyleID: st.label, Value: s} }
	if b := a.BestLever(); b != nil {
		w.add(label("Best lever"), fmt.Sprintf("%s: +%s over %d years at its high ask, %s approval (the first thing to ask for: the counter-offer's first ask)",
			leverTitle(b.Lever), analyzer.Dollars(b.DeltaTotal), h, b.Tier))
	} else {
		w.add(label("Best lever"), "none: no lever a recruiter or hiring manager can approve adds anything")
	}
	if l := a.LevelLever(); l != nil {
		w.add(label("If levelled up"), fmt.Sprintf("+%s over %d years, %s approval", analyzer.Dollars(l.DeltaTotal), h, l.Tier))
	}
	tiers := wb.tierWords()
	wb.noteRow(w, "Each lever is the offer re-run with that one change; Δ = changed − offer, year by year. Approval by Δ as a share of the total: "+tiers+".")
	w.skip()
}

// tierWords lists the playbook's approval tiers: "≤10% recruiter, …".
func (wb *workbook) tierWords() string {
	pb := wb.run.Options.Playbook
	if pb == nil {
		pb = analyzer.DefaultPlaybook()
	}
	parts := make([]string, 0, len(pb.ApprovalTiers))
	for i, t := range pb.ApprovalTiers {
		switch {
		case t.MaxPct.Valid:
			parts = append(parts, "≤"+t.MaxPct.Decimal.String()+"% "+t.Name)
		case i > 0:
			parts = append(parts, ">"+pb.ApprovalTiers[i-1].MaxPct.Decimal.String()+"% "+t.Name)
		default:
			parts = append(parts, t.Name)
		}
	}
	return strings.Join(parts, ", ")
}

// counterBlock writes the counter-offer: status, target, the package beside
// the offer, Δ total and tier, then the email one paragraph per merged row.
func (wb *workbook) counterBlock(w *rowWriter, a *analyzer.Analysis) {
	st := wb.st
	c := a.Counter
	wb.roundsBlock(w, a)
	wb.section(w, "Counter-offer")
	if c == nil {
		wb.noteRow(w, "Levers were not run: no counter-offer.")
		w.skip()
		return
	}
	label := func(s string) any { return excelize.Cell{StyleID: st.label, Value: s} }
	w.add(label("Status"), c.Status)
	if c.Status == analyzer.CounterNoBand {
		wb.noteRow(w, "No market band, so no market percentile to aim at: the counter is the playbook's round-one asks (the low ask of the first levers in priority order; expect 10–20%).")
	} else {
		w.add(label("Target headline percentile"), wb.pctlOf(c.Target))
	}
	o := a.Offer
	w.header(wb.headerCells([]string{"Package", "Offer", "Counter", "Change"}, 1)...)
	pkg := func(name string, was, now decimal.Decimal) {
		w.add(label(name), wb.moneyOf(was), excelize.Cell{StyleID: st.moneyTotal, Value: money(now)}, wb.moneyOf(now.Sub(was)))
	}
	pkg("Base", o.Base, c.Base)
	pkg("RSU grant", a.Grant, c.Grant)
	pkg("Sign-on year 1", o.SignOnY1, c.SignOnY1)
	pkg("Sign-on year 2", o.SignOnY2, c.SignOnY2)
	asks := make([]string, len(c.Asks))
	for i, ask := range c.Asks {
		asks[i] = leverTitle(ask.Lever)
	}
	if len(asks) > 0 {
		w.add(label("Levers asked, in order"), strings.Join(asks, ", "))
	}
	w.add(label(fmt.Sprintf("Δ total (%d yr)", len(a.Years))), excelize.Cell{StyleID: st.moneyTotal, Value: money(c.DeltaTotal)})
	if c.Percentile.Valid {
		w.add(label("Headline percentile reached"), wb.nullPctl(c.Percentile))
	}
	w.add(label("Approval"), fmt.Sprintf("%s (%s%% of the total)", c.Tier, c.TierPct.RoundBank(1).StringFixed(1)))
	if c.Email.Body != "" {
		w.skip()
		w.blockStart()
		wb.section(w, emailSection[c.Email.Kind])
		wb.emailRows(w, c.Email.Text())
	}
	w.skip()
}

// roundsBlock writes an offer's negotiation rounds, when it has earlier
// ones: each round's package and H-year total, its change against the
// round before and the first, beside what the protocol expects.
func (wb *workbook) roundsBlock(w *rowWriter, a *analyzer.Analysis) {
	if len(a.Rounds) < 2 {
		return
	}
	st := wb.st
	wb.section(w, "Negotiation rounds")
	w.header(wb.headerCells([]string{"Round", "Base", "RSU grant", "Sign-on Y1", "Sign-on Y2",
		fmt.Sprintf("Total (%d yr)", len(a.Years)), "Change", "Change %", "Since round 1", "Protocol expects"}, 0)...)
	pct := func(d decimal.NullDecimal) any {
		if !d.Valid {
			return nil
		}
		return excelize.Cell{StyleID: st.percent, Value: fraction(d.Decimal.Shift(-2))}
	}
	for i, r := range a.Rounds {
		cells := []any{excelize.Cell{StyleID: st.label, Value: fmt.Sprintf("Round %d", r.Round)}, wb.moneyOf(r.Base), wb.moneyOf(r.Grant),
			wb.moneyOf(r.SignOnY1), wb.moneyOf(r.SignOnY2), excelize.Cell{StyleID: st.moneyTotal, Value: money(r.Total)}}
		if i == 0 {
			cells = append(cells, nil, nil, nil, "the first written offer")
		} else {
			expect := analyzer.RoundExpectation(r.Round)
			verdict := "within"
			if r.ChangePct.Valid && !expect.Contains(r.ChangePct.Decimal) {
				verdict = "outside"
				if r.ChangePct.Decimal.LessThan(decimal.NewFromInt(int64(expect.Low))) {
					verdict = "below"
				} else {
					verdict = "above"
				}
			}
			cells = append(cells, wb.moneyOf(r.Change.Decimal), pct(r.ChangePct), pct(r.TotalChangePct),
				fmt.Sprintf("%s: %s", expect, verdict))
		}
		w.add(cells...)
	}
	last := a.Rounds[len(a.Rounds)-1]
	if last.TotalChangePct.Valid {
		wb.noteRow(w, fmt.Sprintf("In all the rounds moved the offer %s%% against the protocol's %s for a whole negotiation; the next email is round %d's.",
			last.TotalChangePct.Decimal.RoundBank(1).StringFixed(1), analyzer.AllRoundsExpectation, min(last.Round, 3)))
	}
	w.skip()
}

// emailSection titles the email block by the email's kind.
var emailSection = map[analyzer.EmailKind]string{
	analyzer.EmailRound1:     "Counter-offer email (round 1)",
	analyzer.EmailRound2:     "Follow-up email (round 2: one more ask)",
	analyzer.EmailRound3:     "Final ask email (round 3)",
	analyzer.EmailComparator: "Email: close the gap to your other offer",
	analyzer.EmailAccept:     "Acceptance email",
}

// emailRows writes text one paragraph per row, each merged across A:H with
// wrapping and a height that fits it; an empty line leaves a row empty.
func (wb *workbook) emailRows(w *rowWriter, text string) {
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			w.skip()
			continue
		}
		lines := wrappedLines(line, emailWidth)
		r := w.tall(float64(15*lines+2), excelize.Cell{StyleID: wb.st.wrap, Value: line})
		w.merge(cellRef(1, r), cellRef(8, r))
	}
}

// floorAndGap writes the walk-away floor against the average and the gap to
// the competing offer year by year.
func (wb *workbook) floorAndGap(w *rowWriter, a *analyzer.Analysis) {
	if !a.Floor.Valid && len(a.ComparatorGap) == 0 {
		return
	}
	st := wb.st
	label := func(s string) any { return excelize.Cell{StyleID: st.label, Value: s} }
	wb.section(w, "Walk-away floor and comparator")
	if a.Floor.Valid {
		gap := a.Average.Sub(a.Floor.Decimal)
		w.add(label("Walk-away floor"), wb.moneyOf(a.Floor.Decimal), excelize.Cell{StyleID: st.note, Value: "a year"})
		w.add(label("Average per year − floor"), wb.moneyOf(gap))
	}
	if len(a.ComparatorGap) > 0 {
		names := []string{"Gap to comparator"}
		cells := []any{label(a.Offer.CompetingCompany)}
		total := decimal.Zero
		for t, g := range a.ComparatorGap {
			names = append(names, fmt.Sprintf("Year %d", t+1))
			cells = append(cells, wb.moneyOf(g))
			total = total.Add(g)
		}
		names = append(names, "Total")
		cells = append(cells, excelize.Cell{StyleID: st.moneyTotal, Value: money(total)})
		if cells[0].(excelize.Cell).Value == "" {
			cells[0] = label("Competing offer")
		}
		w.header(wb.headerCells(names, 1)...)
		w.add(cells...)
		wb.noteRow(w, "Year total − competing total comp; negative means the competing offer pays more that year.")
	}
	w.skip()
}

// scoreBlock writes the risk and decision scores with their reading.
func (wb *workbook) scoreBlock(w *rowWriter, a *analyzer.Analysis) {
	if a.Risk == nil && a.Decision == nil {
		return
	}
	st := wb.st
	wb.section(w, "Scores")
	hdr := wb.headerCells([]string{"Score", "Value", "Out of", "Reading"}, 1)
	hdr[3] = excelize.Cell{StyleID: st.header, Value: "Reading"}
	w.header(hdr...)
	for _, s := range []struct {
		name  string
		score *analyzer.Score
	}{{"Risk", a.Risk}, {"48-hour decision", a.Decision}} {
		if s.score == nil {
			continue
		}
		w.add(excelize.Cell{StyleID: st.label, Value: s.name}, wb.pctlOf(s.score.Value),
			s.score.Max.InexactFloat64(), excelize.Cell{StyleID: st.textIndent, Value: s.score.Interpretation})
	}
	w.skip()
}
