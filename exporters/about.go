package exporters

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// flagMeanings explains each flag code on the About sheet.
var flagMeanings = map[analyzer.FlagCode]string{
	analyzer.FlagCliffY3:              "Year 3 pays less than year 1: the sign-on ending, front-loaded vesting tapering, or both (the message says which).",
	analyzer.FlagYoYDrop:              "Some year pays more than 10% less than the year before.",
	analyzer.FlagBelowMedian:          "The headline figure is below the market median: significant negotiation room.",
	analyzer.FlagFarBelowMarket:       "More than 20% below the band midpoint: a walk-away signal.",
	analyzer.FlagNoSignOnWithUnvested: "No sign-on although the candidate walks away from unvested equity.",
	analyzer.FlagBaseAboveCap:         "Base is above the level's usual cap.",
	analyzer.FlagAboveBand:            "The headline figure is above its market band's max.",
	analyzer.FlagComponentAboveBand:   "A component (base, RSU, a sign-on year…) is above its own band's max; the headline decides the market position.",
	analyzer.FlagUnknownLocation:      "The location is not a name offerbook knows (the nearest known name is suggested), or is outside the United States (no US band, no US tax estimate).",
	analyzer.FlagUnknownTrack:         "The track is not a name offerbook knows; the nearest known name is suggested.",
	analyzer.FlagBelowFloor:           "Below the candidate's walk-away number.",
	analyzer.FlagBelowComparator:      "Below the competing offer.",
	analyzer.FlagNoBand:               "No market band matches the offer; percentiles are left blank.",
	analyzer.FlagRSUValueMismatch:     "rsu_value and rsu_shares × stock_price differ by more than 1%; rsu_value is used.",
}

// flagOrder lists every flag code, for the About sheet.
var flagOrder = []analyzer.FlagCode{analyzer.FlagCliffY3, analyzer.FlagYoYDrop, analyzer.FlagBelowMedian,
	analyzer.FlagFarBelowMarket, analyzer.FlagNoSignOnWithUnvested, analyzer.FlagBaseAboveCap, analyzer.FlagAboveBand,
	analyzer.FlagComponentAboveBand, analyzer.FlagBelowFloor, analyzer.FlagBelowComparator, analyzer.FlagNoBand,
	analyzer.FlagUnknownLocation, analyzer.FlagUnknownTrack, analyzer.FlagRSUValueMismatch}

// assumptions are the arithmetic in plain words, as the About sheet states
// them (see "The arithmetic" in docs/METHOD.md).
var assumptions = [][2]string{
	{"Offer years", "Year 1 starts on the start date (or the first day of the job). Each year's figures are for that offer year; the horizon H is the Years option."},
	{"Base", "Year t base = base × (1 + raise)^(t − 1). The raise is a run option (0% unless given)."},
	{"Sign-on", "Sign-on year 1 is paid in year 1 and sign-on year 2 in year 2; nothing after."},
	{"RSU grant", "The grant value G is rsu_value, or rsu_shares × stock price. When both are given and differ by more than 1%, rsu_value is used and the offer is flagged RSU_VALUE_MISMATCH."},
	{"Vesting", "Year t RSU = G × v_t × (1 + stock growth)^t, valued at the end of each year. Presets: amazon 5/15/40/40 (5% and 15% at the first two anniversaries, then 20% every six months in years 3–4); even 25/25/25/25 (once a year); google 33/33/22/12 (monthly); front-loaded 38/32/20/10 (once a year); meta 25/25/25/25 (quarterly). An explicit list such as 10/20/30/40 vests once at each anniversary. The yearly percentages must add up to exactly 100, else the row is rejected."},
	{"Refresher", "From year 2 a new refresher grant of the given dollar value is made every year and vests on the same schedule: year t refresh = Σ over grants k = 2..t of refresher × v_(t−k+1) × (1 + stock growth)^t."},
	{"Bonus", "Year t bonus = year t base × target bonus %."},
	{"Relocation", "One-time cash, shown beside year 1 and not included in any yearly or multi-year total."},
	{"Totals", "Year t total = base + sign-on + RSU + refresh + bonus. Total = the sum over the H years; Average = Total / H; Two-year average = (year 1 total + year 2 total) / 2, the \"2-year cliff risk\" figure of the Amazon L6/L7 Compensation & Negotiation Guide."},
	{"Calendar years", "With a start date, each offer year's cash is also split by calendar year: base and bonus pro rata by day, sign-on on the start date and the first anniversary, each vest on its vest date."},
	{"Scenarios", "Each scenario is the H-year total at another stock-growth rate, everything else unchanged."},
	{"Rounding", "All arithmetic is exact decimal arithmetic; figures are rounded half-even (banker's rounding) to cents only when written. Money cells hold cents and are shown as whole dollars."},
	{"Formulas", "On each offer sheet the year table is live formulas over the inputs block above it, with the computed values stored too: every reader sees the numbers, and Excel recomputes when you edit an input. Summary values are fixed numbers."},
	{"Input text", "Text from the input is always kept as text; a value beginning with = + - or @ is never run as a formula."},
	{"Defaults", "A blank optional input takes a default: id = the file name and row (\"offers.csv:4\"), company Amazon, track SDE, vesting the amazon schedule (5/15/40/40), " +
		"company type inferred for Amazon, Apple, Google, Meta (Facebook) and Netflix as FAANG; RSU shares without a stock price use the run's default stock price. " +
		"Bonus, refresher, relocation and sign-on default to 0. On the offer sheet each defaulted input says \"(default)\" and carries a note saying what was assumed."},
	{"Names", "Location, level and track go through one alias table before bands are looked up: SF, San Francisco, Bay_Area, Sunnyvale, Palo Alto → Bay Area; NYC, NY → New York; " +
		"Bellevue → Seattle; \"SDE II\" → L5; \"SDE III\", \"Senior\", \"SDM II\" → L6; \"Principal\", \"Senior Principal\", \"SDM III\" → L7; Director → L8; " +
		"SWE, Engineer → SDE; SDM, Manager → EM; TPM, Product Manager → PM. Other names are kept as given."},
}

// writeAbout writes the About sheet, in normal mode: what the run did,
// its inputs and options, the assumptions and rules in plain words, the
// flags raised and what each sheet holds.
func (wb *workbook) writeAbout() error {
	f := wb.f
	w := cellRows(f, sheetAbout)
	wb.aboutRun(w)
	wb.aboutInputs(w)
	wb.aboutOptions(w)
	wb.aboutRules(w)
	if err := wb.aboutFlags(w); err != nil {
		return err
	}
	wb.aboutSheets(w)
	if w.err != nil {
		return w.err
	}
	if err := fitToPage(f, sheetAbout); err != nil {
		return err
	}
	if err := printNarrow(f, sheetAbout, "landscape"); err != nil {
		return err
	}
	if err := f.SetColWidth(sheetAbout, "A", "A", 30); err != nil {
		return err
	}
	if err := f.SetColWidth(sheetAbout, "B", "B", aboutTextWidth); err != nil {
		return err
	}
	return f.SetColWidth(sheetAbout, "C", "C", 60)
}

// aboutLabel is a label in the About sheet's first column.
func (wb *workbook) aboutLabel(l string) excelize.Cell {
	return excelize.Cell{StyleID: wb.st.label, Value: l}
}

// aboutSection leaves a row empty and writes a section title.
func (wb *workbook) aboutSection(w *rowWriter, title string) {
	w.skip()
	w.add(excelize.Cell{StyleID: wb.st.section, Value: title})
}

// aboutText writes a label and a text that wraps in the text column, the
// row tall enough for it.
func (wb *workbook) aboutText(w *rowWriter, l, text string) {
	w.tall(wrapHeight(text, aboutTextWidth), wb.aboutLabel(l), excelize.Cell{StyleID: wb.st.wrap, Value: text})
}

// aboutCount is a whole number, left-aligned under the text.
func (wb *workbook) aboutCount(n int) excelize.Cell {
	return excelize.Cell{StyleID: wb.st.integer, Value: n}
}

// aboutRun writes the title, what offerbook did, when and which version.
func (wb *workbook) aboutRun(w *rowWriter) {
	run := wb.run
	w.add(excelize.Cell{StyleID: wb.st.title, Value: "offerbook: job offer analysis"})
	wb.aboutText(w, "What it did", "offerbook read the offers below, worked out each offer's year-by-year compensation "+
		"under the assumptions on this sheet, and wrote one row per offer on Summary, the rejected input rows "+
		"on Errors, and a sheet per offer with its inputs, a live year table and its chart, calendar years, scenarios and flags. "+
		"It placed each offer in its market bands, priced the negotiation levers and built a counter-offer (Levers), "+
		"charted the batch (Dashboard), grouped it in pivot tables (Pivots), "+
		"compared each candidate's offers (Candidates) and listed the bands used (Bands).")
	w.add(wb.aboutLabel("Generated"), run.Generated.UTC().Format(time.RFC3339))
	if run.Version != "" {
		w.add(wb.aboutLabel("offerbook version"), run.Version)
	}
}

// aboutInputs writes the input files, the counts of offers, rejected rows
// and offer sheets, and the market data the run used.
func (wb *workbook) aboutInputs(w *rowWriter) {
	run := wb.run
	label := wb.aboutLabel
	wb.aboutSection(w, "Inputs")
	if len(run.Inputs) == 0 {
		w.add(label("Files"), "(none given)")
	}
	for i, in := range run.Inputs {
		l := ""
		if i == 0 {
			l = "Files"
		}
		w.add(label(l), in)
	}
	w.add(label("Offers analysed"), wb.aboutCount(run.count()))
	w.add(label("Rejected rows"), wb.aboutCount(run.rejectedRows()))
	sheets := 0
	for _, n := range wb.offerSheets {
		if n != "" {
			sheets++
		}
	}
	note := "" // an empty text cell, as it has always been written
	if sheets < run.count() {
		note = fmt.Sprintf("Only the first %d %s their own sheet (the offer-sheets option); all are on Summary.", sheets, plural(sheets, "offer has", "offers have"))
	}
	w.add(label("Offer sheets"), wb.aboutCount(sheets), note)
	if len(wb.summaryPages) > 1 {
		w.add(label("Summary sheets"), strings.Join(wb.summaryPages, ", "),
			"Summary continues on further sheets past Excel's 1,048,576 rows per sheet.")
	}
	band := run.BandSource
	if band == "" {
		band = run.Options.BandSource
	}
	if band == "" {
		band = "(no market bands in this run)"
	}
	w.add(label("Market bands"), band)
	if run.Options.Bands == nil {
		return
	}
	if src := run.Options.LevelSource; src != "" {
		w.add(label("Level equivalences"), src)
	}
	if src := run.Options.DifferentialSource; src != "" {
		w.add(label("Company differentials"), src,
			"An offer measured on another company's band (the reference band) is compared with that band's annual total comp × the company's differential (the midpoint of its range).")
	}
	w.add(label("Today's money"), "Market position at grant value",
		"Percentiles, flags, levers and the counter-offer measure the offer with no stock growth and no raises; growth, raises and scenarios change only the year tables, totals and after-tax figures.")
	if stats, err := run.stats(); err != nil {
		w.fail(err)
	} else {
		wb.aboutText(w, "Band match", matchCounts(stats.byMatch, run.count()))
	}
}

// aboutOptions writes the run's options.
func (wb *workbook) aboutOptions(w *rowWriter) {
	st, label := wb.st, wb.aboutLabel
	o := wb.run.Options
	wb.aboutSection(w, "Options")
	w.add(label("Years (H)"), wb.aboutCount(wb.run.years()))
	w.add(label("Stock growth per year"), excelize.Cell{StyleID: st.leftPercent, Value: fraction(o.StockGrowth)})
	w.add(label("Base raise per year"), excelize.Cell{StyleID: st.leftPercent, Value: fraction(o.Raise)})
	if o.StockPrice.Valid {
		w.add(label("Default stock price"), excelize.Cell{StyleID: st.leftMoneyCents, Value: money(o.StockPrice.Decimal)},
			"Used for offers that give RSU shares without a stock price.")
	} else {
		w.add(label("Default stock price"), "(none)")
	}
	if len(o.Scenarios) == 0 {
		w.add(label("Scenarios"), "(none)")
		return
	}
	parts := make([]string, len(o.Scenarios))
	for i, g := range o.Scenarios {
		parts[i] = percentLabel(g)
	}
	w.add(label("Scenarios (stock growth)"), strings.Join(parts, ", "))
}

// aboutRules writes the assumptions, the market rules and the after-tax
// rules in plain words.
func (wb *workbook) aboutRules(w *rowWriter) {
	wb.aboutSection(w, "Assumptions")
	for _, a := range assumptions {
		wb.aboutText(w, a[0], a[1])
	}
	wb.aboutSection(w, "Market, levers and counter-offer")
	for _, a := range wb.marketAssumptions() {
		wb.aboutText(w, a[0], a[1])
	}
	if items := wb.afterTaxAssumptions(); len(items) > 0 {
		wb.aboutSection(w, "After tax (estimate)")
		for _, a := range items {
			wb.aboutText(w, a[0], a[1])
		}
	}
}

// aboutFlags writes how many offers carry each flag and what it means, then
// the flags no offer carries.
func (wb *workbook) aboutFlags(w *rowWriter) error {
	wb.aboutSection(w, "Flags in this run")
	counts := map[analyzer.FlagCode]int{}
	stats, err := wb.run.stats()
	if err != nil {
		return err
	}
	for codes, n := range stats.byFlagCodes {
		for _, c := range strings.Split(codes, ";") {
			counts[analyzer.FlagCode(c)] += n
		}
	}
	if len(counts) == 0 {
		w.add(wb.aboutLabel("None"), "No offer carries a flag.")
	}
	codes := make([]string, 0, len(counts))
	for c := range counts {
		codes = append(codes, string(c))
	}
	sort.Strings(codes)
	for _, c := range codes {
		wb.aboutText(w, c, fmt.Sprintf("%d offer(s). %s", counts[analyzer.FlagCode(c)], flagMeanings[analyzer.FlagCode(c)]))
	}
	var unused []string
	for _, c := range flagOrder {
		if counts[c] == 0 {
			unused = append(unused, string(c)+": "+flagMeanings[c])
		}
	}
	if len(unused) > 0 {
		wb.aboutText(w, "Not raised", "Flags no offer carries in this run: "+strings.Join(unused, " "))
	}
	return nil
}

// aboutSheets says what each sheet holds.
func (wb *workbook) aboutSheets(w *rowWriter) {
	wb.aboutSection(w, "Sheets")
	for _, s := range [][2]string{
		{"Summary", fmt.Sprintf("One row per offer in input order; click an ID to open the offer's sheet. "+
			"A flagged offer's Flags cell carries a note with each flag's message (for the first %d flagged offers).", MaxFlagNotes)},
		{"Dashboard", fmt.Sprintf("Charts across the batch, each beside the small table it reads: the headline figure "+
			"(average per year) of the first %d offers, the average H-year total by level × location, and how many offers fall in each "+
			"10-point band of headline percentile.", dashboardOffers)},
		{"Levers", "One row per offer: each lever's change to the H-year total at its high ask (blank when the lever does not apply), the best lever and the counter-offer package. Click an ID to open the offer's sheet."},
		{"Candidates", "Each named candidate's offers side by side: year totals, H-year total, average, headline percentile and gap to a competing offer, with the offer that wins each year and overall; for 2–10 offers, a chart of their year totals side by side."},
		{"Pivots", "Pivot tables over Summary (level × location, track × level and, with market bands, band level × level, " +
			"the Amazon-ladder level each offer was measured at beside its own: offers and average H-year total), " +
			"which Excel and LibreOffice rebuild on opening; beside each, the same figures as a static table with P25/P50/P75 (PERCENTILE.INC formulas over " +
			"the hidden Pivot data sheet, values stored)."},
		{"Bands", "Every market band row of the run with its P25/P50/P75 and how many offers used it, the AI/ML premiums, and the band source."},
		{"Errors", "Input rows that were rejected: file, sheet, row, column, value and reason."},
		{"Offer sheets", "First the verdict: the headline percentile and its band, the counter-offer (Δ, approval, the percentile it reaches), the best lever and the flags in words. Then the inputs (a defaulted input carries a note), the year table as live formulas with a stacked column chart over it, calendar years, scenarios and flags (each with a note); the market position, peers, levers, counter-offer and its email; a link back to Summary."},
	} {
		wb.aboutText(w, s[0], s[1])
	}
}

// marketAssumptions are the market and advice rules in plain words (see
// "Market position" and "Advice" in docs/METHOD.md), with the run's band
// span, target and playbook filled in.
func (wb *workbook) marketAssumptions() [][2]string {
	run := wb.run
	o := run.Options
	pb := o.Playbook
	if pb == nil {
		pb = analyzer.DefaultPlaybook()
	}
	m := run.percentileModel()
	target := o.Target
	if target.IsZero() {
		target = analyzer.DefaultOptions().Target
	}
	d := func(x decimal.Decimal) string { return x.String() }
	caps := make([]string, 0, len(pb.BaseCaps))
	for level, c := range pb.BaseCaps {
		caps = append(caps, fmt.Sprintf("%s %s", level, analyzer.Dollars(c)))
	}
	sort.Strings(caps)
	levels := make([]string, 0, len(pb.Priority))
	for level := range pb.Priority {
		levels = append(levels, level)
	}
	sort.Strings(levels)
	var prio []string
	for _, level := range levels {
		names := make([]string, len(pb.Priority[level]))
		for i, l := range pb.Priority[level] {
			names[i] = leverTitle(l)
		}
		prio = append(prio, level+": "+strings.Join(names, ", "))
	}
	peers := "Peer percentiles are off for groups smaller than the minimum."
	if o.MinPeers > 0 {
		peers = fmt.Sprintf("Offers with the same company, track, level and location form a peer group; in groups of %d or more, "+
			"the headline figure's PERCENTRANK.INC × 100 and the group's PERCENTILE.INC P25/P50/P75 (Excel's own definitions).", o.MinPeers)
	}
	return [][2]string{
		{"Market bands", "A band row is a pattern (company type, company, track, level, location) → min and max for one component, with its source. " +
			"Blank key fields match any offer. Per component the fallback chain is: exact (the offer's company and location) → the company's row without location → " +
			"the company-type table (no company, no location) → the reference company's row of the same track, level and location (Amazon, for an offer at any other company; " +
			"marked \"reference band: Amazon\") → none (NO_BAND, percentiles left blank, never zero); within a step the row with the most filled fields wins, the later row on a tie. " +
			"Company type is inferred as FAANG for Amazon, Apple, Google, Meta and Netflix."},
		{"Levels at other companies", "The bands use Amazon's ladder. The level-equivalence table maps a company's level on a track to it " +
			"(Google L5 EM → L6; Meta E5 SDE → L6; …): the EM rows are the guide's comparison table; the SDE rows are common industry leveling, an assumption not in the guides. " +
			"PM and TPM use the SDE rows. The offer keeps its own level; the bands are looked up at the mapped one (\"Google L5 → L6 band\" on the offer sheet)."},
		{"Like with like", "Each band component is compared with the offer figure of the same definition: base ↔ base; rsu_4yr ↔ the grant G; " +
			"sign-on y1, y2, total ↔ the sign-on of that year or both; total_y1 ↔ the year-1 total; base_equity_avg ↔ base + G / 4, no sign-on (the guide's \"Total 4-yr Avg\" column); " +
			"total_comp ↔ annual total comp. The offer sheet shows each band's definition beside it."},
		{"Percentile model", fmt.Sprintf("Band min = P%s and max = P%s (the band span), linear in between; outside the band the line is extended "+
			"and clamped to 1 and 99, with a below-band or above-band mark. P25/P50/P75 = min + (p − %s)/(%s − %s) × (max − min). "+
			"Range penetration = (x − min)/(max − min) × 100; compa-ratio = x / band midpoint.", m.Low, m.High, m.Low, m.High, m.Low)},
		{"Headline percentile", "Annual total comp, the average of the first four offer years' totals (sign-on, bonus and refresh included; the H-year average when H is below 4), " +
			"against a band composed from the components: base + rsu_4yr / 4 + sign-on / 4 (min from the mins, max from the maxes) when base and rsu_4yr both match, " +
			"unless a total_comp row matches at least as specifically, which then measures it directly. So an Amazon offer is measured on its own company's components, " +
			"and a Google offer on the company-type table's total_comp. Else base_equity_avg; else total_y1; else none."},
		{"AI/ML premiums", "With a specialization, every band except base is scaled to [min × (1 + min %), max × (1 + max %)]: " +
			"the specialization's own row for the level, else the AI/ML location premium, else the company-type premium."},
		{"Peers", peers},
		{"Levers", fmt.Sprintf("Each lever is a change to the offer, re-run through the same year table; its value is changed − offer, year by year. "+
			"RSU: +%s%% to +%s%% of G, capped at the band max rsu_4yr. Sign-on: +%s%% to +%s%% of y1 + y2 (no sign-on: the band's P%s to P%s), capped at the band max. "+
			"Base: +%s%% to +%s%%, capped at the band max and, for Amazon offers, Amazon's level cap (%s). Level: the next level's band P%s package. "+
			"Start date: the leverage class by weeks to start and the cash a %d-week later start moves out of the first calendar year. "+
			"Remote: %s%% to %s%% of annual comp (relocation %s–%s one-time, not in totals). Perf bonus: a guaranteed first-year bonus of %s%% to %s%% of base. "+
			"An offer measured on another company's band (a reference band or the company-type table) asks from its own figures: no band caps, and without a sign-on a bridge of %s%% to %s%% of its annual total comp. "+
			"Levers are ranked by their Δ total at the high ask. The best lever is the counter-offer's first ask (else the first lever in the priority order that can move and that a recruiter or hiring manager can approve); "+
			"base is the weakest lever; the level lever is shown on its own (\"if levelled up\"), never as the best lever.",
			d(pb.RSU.Low), d(pb.RSU.High), d(pb.SignOn.Low), d(pb.SignOn.High), d(pb.SignOnNone.Low), d(pb.SignOnNone.High),
			d(pb.Base.Low), d(pb.Base.High), strings.Join(caps, ", "), d(pb.LevelPercentile), pb.StartDateDelayWeeks,
			d(pb.Remote.Low), d(pb.Remote.High), analyzer.Dollars(pb.Relocation.Low), analyzer.Dollars(pb.Relocation.High),
			d(pb.PerfBonus.Low), d(pb.PerfBonus.High), d(pb.SignOnBridge.Low), d(pb.SignOnBridge.High))},
		{"Approval tiers", "By Δ as a share of the H-year total: " + wb.tierWords() + "."},
		{"Counter-offer", fmt.Sprintf("Asks taken in the level's priority order (the Amazon-ladder level), base after RSU and sign-on, each between its low and high ask and within its cap, "+
			"until the headline percentile reaches P%s (the target); at most three levers in a first round, one in a later round. Every figure asked is clean (base a multiple of $1,000; the RSU grant and each sign-on year of $5,000): "+
			"rounded up, or where a cap binds the largest clean figure within it; a sign-on runs to its cap before the next lever is asked. The package may pass the target: the percentile it reaches is reported. "+
			"Status: target already met, reachable, not reachable within the playbook, or no market band, when the counter is the playbook's round-one asks (the low asks of the first two levers, never base; expect 10–20%%). "+
			"The email follows the round and the market: round one asks for the counter's figures, one line an ask, each with a reason true of the offer; round two thanks the recruiter for the movement and asks once more; "+
			"round three makes one final ask; a met target gets the acceptance listing the package, or, when a real offer pays more, one ask that closes the gap. "+
			"Leverage is only a real offer: the candidate's best other offer in the batch, or the row's competing columns, when it pays more annual total comp at grant value. "+
			"\"My first choice\" only for the offer marked preferred, or a candidate's only offer with no comparator. Every asking email asks for an answer within 3 to 5 business days, or before the comparator's deadline when that is sooner. "+
			"Priority: %s.", target, strings.Join(prio, "; "))},
		{"Decision", "For a candidate with two or more offers: the offers ranked by their after-tax total over the horizon when every one has a tax estimate, else before tax; " +
			"the line names the winner, the gap to the next offer, the offer that pays more before tax when the order differs, who leads if the candidate leaves after year 1 and after year 2, " +
			"and what a preferred offer that is not the winner costs."},
		{"Negotiation rounds", "Rows with the same id and different rounds are one offer's history: the highest round is the offer analyzed, and its sheet shows each round's package and change " +
			"against the protocol's expectation (+10–20% from the first counter, +5–10% from the second, 15–35% in all)."},
		{"Scores", "Risk (Amazon L6/L7 Compensation & Negotiation Guide): six 1–10 scores weighted 20/25/20/15/10/10, out of 10: 8–10 low risk, 6–8 moderate, below 6 high. " +
			"48-hour decision: six 1–5 scores weighted 4/3/3/2/2/1, out of 75: 60–75 strong accept, 45–59 accept with reservations, 30–44 negotiate or decline, below 30 decline. " +
			"Shown only when every input of a score is given."},
	}
}

// matchCounts says how the run's offers found their market band (see "Bands
// and the headline" in docs/METHOD.md): "3 exact, 2 company-type table, 1
// reference band (Amazon); 4 of 10 offers have no market band".
func matchCounts(counts map[string]int, offers int) string {
	var parts []string
	for _, m := range analyzer.BandMatches {
		if m != analyzer.MatchNone && counts[string(m)] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[string(m)], matchWords[m]))
		}
	}
	s := strings.Join(parts, ", ")
	if s == "" {
		s = "no offer matched a band"
	}
	if none := counts[string(analyzer.MatchNone)]; none > 0 {
		s += fmt.Sprintf("; %d of %d offers have no market band (no percentile; their counter-offer is the round-one asks)", none, offers)
	} else {
		s += "; every offer has a market band"
	}
	return s
}

// aboutTextWidth is the width of the About sheet's text column, in
// characters.
const aboutTextWidth = 100

// wrappedLines estimates how many lines text takes when wrapped in a column
// of the given width, so the row can be made tall enough: readers such as
// LibreOffice do not grow rows for wrapped text on their own.
func wrappedLines(text string, width int) int {
	perLine := width * 11 / 10 // proportional text is narrower than the width unit "0"
	lines, n := 1, 0
	for _, word := range strings.Fields(text) {
		w := utf8.RuneCountInString(word)
		if n > 0 && n+1+w > perLine {
			lines++
			n = 0
		}
		if n > 0 {
			n++
		}
		n += w
	}
	return lines
}
