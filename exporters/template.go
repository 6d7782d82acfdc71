package exporters

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/exporters/ooxml"
	"github.com/xuri/excelize/v2"
)

// Sheet names and layout of the input template.
const (
	TemplateSheet      = "Offers"
	TemplateListsSheet = "Lists"
	// TemplateHeaderRow is the row of the column names; the example offer is
	// on the row below it.
	TemplateHeaderRow = 2
	// TemplateLastRow is the last row the template's data validations and
	// number formats cover.
	TemplateLastRow = 1000
	// TemplateTitle is the text of the template's first row.
	TemplateTitle = "offerbook input — one row per offer; delete the example row"
	// TemplateExampleID and TemplateExampleCandidate are the example
	// offer's id and candidate: analyze warns when it meets them, since a
	// row left as it came is not a real offer.
	TemplateExampleID        = "EX-1"
	TemplateExampleCandidate = "Example candidate"
)

// The template's list values. They are the canonical spellings the analyzer
// maps its aliases to (analyzer.CanonicalLevel, CanonicalLocation,
// CanonicalTrack), the vesting presets, and the company types and AI/ML
// specializations of the Amazon L6/L7 Compensation & Negotiation Guide that
// the shipped bands and premiums use.
var (
	TemplateLevels          = []string{"L4", "L5", "L6", "L7", "L8"}
	TemplateLocations       = []string{"Seattle", "Bay Area", "New York", "Austin", "Remote"}
	TemplateTracks          = []string{"SDE", "EM", "PM"}
	TemplateCompanyTypes    = []string{"FAANG", "Tier 1 Tech", "AI-First Startup", "Traditional Enterprise", "Financial Services", "Healthcare Tech"}
	TemplateSpecializations = []string{"Generative AI/LLMs", "Computer Vision", "NLP/Speech", "ML Infrastructure", "Autonomous Systems", "AI/ML Platform"}
)

// templateKind says how a template column's cells are formatted and checked.
type templateKind int

const (
	tkText templateKind = iota
	tkMoney
	tkPercent
	tkDate
	tkNumber
	tkScore10
	tkScore5
)

// templateList is a drop-down list on the hidden Lists sheet. strict lists
// warn on a value outside the list (the user may still keep an alias such as
// "SDE III"); the others only inform, since any value is valid there.
type templateList struct {
	name   string
	values []string
	strict bool
}

var (
	listLevel          = &templateList{"level", TemplateLevels, true}
	listLocation       = &templateList{"location", TemplateLocations, true}
	listTrack          = &templateList{"track", TemplateTracks, true}
	listVesting        = &templateList{"vesting", analyzer.SchedulePresetNames, false}
	listCompanyType    = &templateList{"company_type", TemplateCompanyTypes, false}
	listSpecialization = &templateList{"specialization", TemplateSpecializations, false}
	listResidence      = &templateList{"tax_residence", []string{"WA", "CA", "NY", "NYC", "TX"}, true}
	listFiling         = &templateList{"filing_status", []string{"single", "mfj"}, true}
	listPreferred      = &templateList{"preferred", []string{"yes", "no"}, true}
	listEquityType     = &templateList{"equity_type", []string{"rsu", "options", "private_rsu"}, true}
	listAcceleration   = &templateList{"acceleration", []string{"none", "single", "double"}, true}
	templateLists      = []*templateList{listLevel, listLocation, listTrack, listVesting, listCompanyType, listSpecialization, listResidence, listFiling,
		listPreferred, listEquityType, listAcceleration}
)

// templateColumn is one input column of the template: its canonical name (see
// "Columns and defaults" in docs/METHOD.md), the hint shown as the header's
// note, and the example offer's value.
type templateColumn struct {
	name     string
	kind     templateKind
	required bool
	list     *templateList
	hint     string
	example  any
}

// Hints shared by several columns.
const (
	hintMoney = "Money in US dollars: 175000, 175,000, $175,000.00, $175K, $1.2M; (5,000) is negative. Another currency is an error."
	hintDate  = "A date: ISO 2026-03-02, US 3/2/2026, or an Excel date."
	hint10    = "Risk score 1–10 (10 = best). With all six, offerbook computes the risk matrix of the Amazon L6/L7 Compensation & Negotiation Guide."
	hint5     = "Decision score 1–5 (5 = best). With all six, offerbook computes the 48-hour decision matrix of the Amazon L6/L7 Compensation & Negotiation Guide."
)

// templateColumns lists every input column in the order of "Columns and
// defaults" in docs/METHOD.md, with the guide's worked offer (Amazon EM L6
// Seattle) as the example.
var templateColumns = []templateColumn{
	{name: "id", hint: "Offer id, any text. Blank: file name and row number.", example: TemplateExampleID},
	{name: "candidate", hint: "Candidate's name; offers of one candidate are compared side by side.", example: TemplateExampleCandidate},
	{name: "company", hint: "Employer. Blank: Amazon.", example: "Amazon"},
	{name: "company_type", list: listCompanyType, hint: "Company type for the market bands: FAANG, Tier 1 Tech, AI-First Startup, Traditional Enterprise, Financial Services, Healthcare Tech. Blank: FAANG for Amazon, Apple, Google, Meta and Netflix.", example: "FAANG"},
	{name: "track", list: listTrack, hint: "Role family: SDE (SWE), EM (SDM) or PM (TPM). Blank: SDE.", example: "EM"},
	{name: "level", required: true, list: listLevel, hint: "Required. L4–L8; aliases such as SDE III, Senior, SDM II (L6) or Principal (L7) are accepted.", example: "L6"},
	{name: "location", required: true, list: listLocation, hint: "Required. Seattle, Bay Area (SF, San Francisco), New York (NYC), Austin or Remote.", example: "Seattle"},
	{name: "specialization", list: listSpecialization, hint: "AI/ML specialization, such as Generative AI/LLMs or Computer Vision; it scales the market bands. Blank: none."},
	{name: "base", kind: tkMoney, required: true, hint: "Required. Annual base salary. " + hintMoney, example: 175000},
	{name: "sign_on_y1", kind: tkMoney, hint: "Sign-on bonus paid in year 1. Blank: 0. " + hintMoney, example: 80000},
	{name: "sign_on_y2", kind: tkMoney, hint: "Sign-on bonus paid in year 2. Blank: 0. " + hintMoney, example: 60000},
	{name: "rsu_value", kind: tkMoney, required: true, hint: "Required (or rsu_shares with stock_price, or option_shares with equity_type options). Dollar value of the whole RSU grant over its schedule. " + hintMoney, example: 300000},
	{name: "rsu_shares", kind: tkNumber, hint: "Number of RSUs granted, instead of rsu_value; needs stock_price (or --stock-price)."},
	{name: "stock_price", kind: tkMoney, hint: "Share price at grant, with rsu_shares. " + hintMoney},
	{name: "vesting", list: listVesting, hint: "Vesting schedule: amazon (5/15/40/40), even, google, front-loaded, meta, startup (one-year cliff, then monthly), or your own yearly percentages such as 10/20/30/40 (they must sum to 100). Blank: amazon.", example: "amazon"},
	{name: "bonus_pct", kind: tkPercent, hint: "Target performance bonus as a percent of base: 15%, 15 or 0.15 (a value up to 1 is a fraction). Blank: 0."},
	{name: "refresher", kind: tkMoney, hint: "Expected refresh grant per year, from year 2. Blank: 0. " + hintMoney},
	{name: "relocation", kind: tkMoney, hint: "One-time relocation package, shown beside year 1, outside the totals. Blank: 0. " + hintMoney},
	{name: "start_date", kind: tkDate, hint: "Start date; gives the calendar-year view. " + hintDate},
	{name: "current_tc", kind: tkMoney, hint: "Your current total compensation per year. " + hintMoney},
	{name: "unvested_equity", kind: tkMoney, hint: "Unvested equity you walk away from. " + hintMoney},
	{name: "floor", kind: tkMoney, hint: "Walk-away number. Blank: current_tc + col_adjustment + risk_premium + growth_value. " + hintMoney},
	{name: "col_adjustment", kind: tkMoney, hint: "Cost-of-living adjustment for the floor; negative when moving somewhere cheaper. " + hintMoney},
	{name: "risk_premium", kind: tkMoney, hint: "Premium you want for the risk of changing jobs, for the floor. " + hintMoney},
	{name: "growth_value", kind: tkMoney, hint: "Value you put on the growth opportunity, for the floor (may be negative). " + hintMoney},
	{name: "competing_company", hint: "Company of a real competing offer."},
	{name: "competing_level", list: listLevel, hint: "Level of the competing offer: L4–L8 or an alias."},
	{name: "competing_tc", kind: tkMoney, hint: "Total compensation per year of the competing offer. " + hintMoney},
	{name: "competing_deadline", kind: tkDate, hint: "Deadline of the competing offer. " + hintDate},
	{name: "preferred", list: listPreferred, hint: "yes for the offer you would take at equal pay (your first choice among your offers): only its email says so, and the decision says what the preference costs. Blank: not said.", example: "yes"},
	{name: "round", kind: tkNumber, hint: "Which version of the offer this row is: 1 the first written offer, 2 the offer after your first counter, 3 after the second. Give each version its own row under the same id: they are analyzed as one offer's history. Blank: 1.", example: "1"},
	{name: "team_stability", kind: tkScore10, hint: hint10},
	{name: "manager_quality", kind: tkScore10, hint: hint10},
	{name: "growth_potential", kind: tkScore10, hint: hint10},
	{name: "work_life_balance", kind: tkScore10, hint: hint10},
	{name: "tech_stack_interest", kind: tkScore10, hint: hint10},
	{name: "location_flexibility", kind: tkScore10, hint: hint10},
	{name: "comp_meets_needs", kind: tkScore5, hint: hint5},
	{name: "team_excitement", kind: tkScore5, hint: hint5},
	{name: "growth_opportunities", kind: tkScore5, hint: hint5},
	{name: "manager_rapport", kind: tkScore5, hint: hint5},
	{name: "wlb_acceptable", kind: tkScore5, hint: hint5},
	{name: "location_options", kind: tkScore5, hint: hint5},
	{name: "notes", hint: "Free text, kept as text (a leading = never becomes a formula).", example: "Worked example of the Amazon L6/L7 Compensation & Negotiation Guide: Y1 270,000; Y2 280,000; Y3 295,000; Y4 295,000; 4-year total 1,140,000."},
	{name: "tax_residence", list: listResidence, hint: "Where the wages are taxed, for the after-tax estimate: WA, CA, NY (outside New York City), NYC or TX. Blank: from the location (Remote: no after-tax figure)."},
	{name: "filing_status", list: listFiling, hint: "single, or mfj (married filing jointly, the offer's wages as the couple's only income). Blank: the run's --filing-status (single)."},
	{name: "equity_type", list: listEquityType, hint: "Kind of equity: rsu (public RSUs, as rsu_value), options (stock options: option_shares, strike_price) or private_rsu (RSUs of a private company: rsu_shares). Both private kinds need preferred_price and fmv_409a. Blank: rsu."},
	{name: "option_shares", kind: tkNumber, hint: "Number of stock options granted, with equity_type options (instead of rsu_value). Must be positive."},
	{name: "strike_price", kind: tkMoney, hint: "Exercise (strike) price per option; 0 or more, and not above preferred_price. " + hintMoney},
	{name: "preferred_price", kind: tkMoney, hint: "Price per share of the last funding round (preferred stock): the paper value a recruiter quotes. " + hintMoney},
	{name: "fmv_409a", kind: tkMoney, hint: "409A fair market value per common share: what a share is worth today. " + hintMoney},
	{name: "fully_diluted_shares", kind: tkNumber, hint: "Fully diluted share count of the company; gives your ownership percentage. Ask the company for it."},
	{name: "acceleration", list: listAcceleration, hint: "Vesting acceleration on an acquisition: none, single (single-trigger) or double (double-trigger)."},
	{name: "k401_match_pct", kind: tkPercent, hint: "401(k) employer match as a percent of your contributions: 50% (half of what you put in). Blank: no match."},
	{name: "k401_match_limit_pct", kind: tkPercent, hint: "The match applies to contributions up to this percent of base: 6%. The 2026 IRS employee limit ($24,500) applies."},
	{name: "espp_discount_pct", kind: tkPercent, hint: "ESPP purchase discount: 15%. The gain counts in total rewards, never in total comp."},
	{name: "espp_contribution", kind: tkMoney, hint: "What you put into the ESPP a year; the stock bought is capped at $25,000 of market value a year. " + hintMoney},
	{name: "benefits_value", kind: tkMoney, hint: "Yearly value of other benefits you count (health, meals, stipends), for total rewards. " + hintMoney},
}

// TemplateColumns returns the template's column names in order: every input
// column under its canonical name (see "Columns and defaults" in
// docs/METHOD.md).
func TemplateColumns() []string {
	names := make([]string, len(templateColumns))
	for i, c := range templateColumns {
		names[i] = c.name
	}
	return names
}

// TemplateRequired reports whether the template marks a column as required.
func TemplateRequired(name string) bool {
	for _, c := range templateColumns {
		if c.name == name {
			return c.required
		}
	}
	return false
}

// WriteTemplate writes an empty offerbook input workbook to w: an Offers
// sheet with a title row, a header row of every input column (required ones
// highlighted, each with a note on what it means and the forms it accepts),
// drop-down lists for level, location, track, vesting, company type and
// specialization drawn from a hidden Lists sheet, number formats, column
// widths, a frozen header, and one example offer to overwrite or delete.
// It says nothing about which levels have market bands; see
// TemplateWithBands.
func WriteTemplate(w io.Writer) error {
	return writeTemplate(w, nil)
}

// TemplateWithBands returns a template writer that also marks the levels
// with market bands (bandLevels, canonical spellings such as "L6"): in the
// level column's note, in the prompt shown when a level cell is selected,
// and in a "has bands" column beside the level list. An offer at another
// level is analyzed without a market percentile.
func TemplateWithBands(bandLevels []string) func(w io.Writer) error {
	if bandLevels == nil {
		bandLevels = []string{}
	}
	return func(w io.Writer) error { return writeTemplate(w, bandLevels) }
}

// writeTemplate writes the template; bandLevels nil leaves the band
// marks out.
func writeTemplate(w io.Writer, bandLevels []string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := buildTemplate(f, bandLevels); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	if err := ooxml.Write(w, f, ooxml.Options{}); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return nil
}

// templateStyles are the style ids of the template.
type templateStyles struct {
	title, header, required, note, text, money, percent, date, number, score int
}

func newTemplateStyles(f *excelize.File) (*templateStyles, error) {
	font := func(fn excelize.Font) *excelize.Font {
		fn.Family = fontFamily
		if fn.Size == 0 {
			fn.Size = 11
		}
		return &fn
	}
	fmtp := func(s string) *string { return &s }
	border := []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}}
	headerAlign := &excelize.Alignment{Vertical: "center", WrapText: true}
	st := &templateStyles{}
	for _, d := range []struct {
		id *int
		s  excelize.Style
	}{
		{&st.title, excelize.Style{Font: font(excelize.Font{Bold: true, Size: 14})}},
		{&st.header, excelize.Style{Font: font(excelize.Font{Bold: true}), Border: border, Alignment: headerAlign,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}},
		{&st.required, excelize.Style{Font: font(excelize.Font{Bold: true, Color: "FFFFFF"}), Border: border, Alignment: headerAlign,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}}}},
		{&st.note, excelize.Style{Font: font(excelize.Font{Italic: true, Color: "595959"})}},
		{&st.text, excelize.Style{Font: font(excelize.Font{}), NumFmt: 49}}, // "@": typed text stays text
		{&st.money, excelize.Style{Font: font(excelize.Font{}), CustomNumFmt: fmtp(fmtMoney)}},
		{&st.percent, excelize.Style{Font: font(excelize.Font{}), CustomNumFmt: fmtp("0%")}},
		{&st.date, excelize.Style{Font: font(excelize.Font{}), CustomNumFmt: fmtp(fmtDate)}},
		{&st.number, excelize.Style{Font: font(excelize.Font{}), CustomNumFmt: fmtp("#,##0")}},
		{&st.score, excelize.Style{Font: font(excelize.Font{}), NumFmt: 1, Alignment: &excelize.Alignment{Horizontal: "center"}}},
	} {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	return st, nil
}

// style returns the cell style of a column's data cells.
func (st *templateStyles) style(k templateKind) int {
	switch k {
	case tkMoney:
		return st.money
	case tkPercent:
		return st.percent
	case tkDate:
		return st.date
	case tkNumber:
		return st.number
	case tkScore10, tkScore5:
		return st.score
	}
	return st.text
}

// buildTemplate lays the template out in f.
func buildTemplate(f *excelize.File, bandLevels []string) error {
	sheet := TemplateSheet
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	st, err := newTemplateStyles(f)
	if err != nil {
		return err
	}
	listRef, err := writeTemplateLists(f, st, bandLevels)
	if err != nil {
		return err
	}
	bandWords := bandLevelWords(bandLevels)
	// Column styles first: SetColStyle restyles the cells already written.
	for i, c := range templateColumns {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, templateWidth(c)); err != nil {
			return err
		}
		if err := f.SetColStyle(sheet, col, st.style(c.kind)); err != nil {
			return err
		}
	}
	if err := f.SetCellValue(sheet, "A1", TemplateTitle); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 22); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, TemplateHeaderRow, 30); err != nil {
		return err
	}
	first, last := TemplateHeaderRow+1, TemplateLastRow
	for i, c := range templateColumns {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		head := fmt.Sprintf("%s%d", col, TemplateHeaderRow)
		if err := f.SetCellStr(sheet, head, c.name); err != nil {
			return err
		}
		hs := st.header
		if c.required {
			hs = st.required
		}
		if err := f.SetCellStyle(sheet, head, head, hs); err != nil {
			return err
		}
		hint := c.hint
		if c.list == listLevel && bandWords != "" {
			hint += " " + bandWords
		}
		if err := f.AddComment(sheet, excelize.Comment{Cell: head, Author: "offerbook", Width: 320, Height: 110,
			Paragraph: []excelize.RichTextRun{{Text: hint, Font: &excelize.Font{Size: 9, Family: fontFamily}}}}); err != nil {
			return err
		}
		prompt := ""
		if c.name == "level" {
			prompt = bandWords
		}
		if err := addTemplateValidation(f, sheet, c, fmt.Sprintf("%s%d:%s%d", col, first, col, last), listRef, prompt); err != nil {
			return fmt.Errorf("column %s: %w", c.name, err)
		}
		if c.example != nil {
			if err := f.SetCellValue(sheet, fmt.Sprintf("%s%d", col, first), c.example); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: TemplateHeaderRow,
		TopLeftCell: fmt.Sprintf("A%d", first), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: fmt.Sprintf("A%d", first), ActiveCell: fmt.Sprintf("A%d", first), Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.SetDocProps(&excelize.DocProperties{
		Title:       "offerbook input",
		Description: "One row per offer; read by offerbook analyze.",
		Creator:     "offerbook",
		Created:     "2026-01-01T00:00:00Z",
		Modified:    "2026-01-01T00:00:00Z",
	})
}

// bandLevelWords says which template levels have market bands, or "" when
// the template is written without that knowledge (bandLevels nil).
func bandLevelWords(bandLevels []string) string {
	if bandLevels == nil {
		return ""
	}
	var with, without []string
	for _, l := range TemplateLevels {
		if slices.Contains(bandLevels, l) {
			with = append(with, l)
		} else {
			without = append(without, l)
		}
	}
	switch {
	case len(without) == 0:
		return "Every level has built-in market bands."
	case len(with) == 0:
		return "No level has built-in market bands: give --bands for market percentiles."
	}
	return fmt.Sprintf("Built-in market bands: %s. %s %s analyzed without a market percentile unless --bands covers %s.",
		strings.Join(with, ", "), strings.Join(without, ", "), plural(len(without), "is", "are"), plural(len(without), "it", "them"))
}

// templateWidth is a column's width: room for its name and typical values.
func templateWidth(c templateColumn) float64 {
	w := float64(len(c.name)) + 3
	switch {
	case c.name == "notes":
		w = 60
	case c.name == "company_type" || c.name == "specialization":
		w = 22
	case c.name == "candidate" || c.name == "company" || c.name == "competing_company":
		w = max(w, 20)
	case c.kind == tkMoney || c.kind == tkDate:
		w = max(w, 13)
	case c.list != nil:
		w = max(w, 13)
	}
	return max(w, 10)
}

// writeTemplateLists writes every list as a column of the hidden Lists
// sheet and returns, per list, its range reference such as
// "Lists!$A$2:$A$6". A range source has no length limit, unlike an inline
// list (255 characters).
func writeTemplateLists(f *excelize.File, st *templateStyles, bandLevels []string) (map[*templateList]string, error) {
	if _, err := f.NewSheet(TemplateListsSheet); err != nil {
		return nil, err
	}
	refs := make(map[*templateList]string, len(templateLists))
	for i, l := range templateLists {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return nil, err
		}
		if err := f.SetCellStr(TemplateListsSheet, col+"1", l.name); err != nil {
			return nil, err
		}
		if err := f.SetCellStyle(TemplateListsSheet, col+"1", col+"1", st.header); err != nil {
			return nil, err
		}
		for j, v := range l.values {
			if err := f.SetCellStr(TemplateListsSheet, fmt.Sprintf("%s%d", col, j+2), v); err != nil {
				return nil, err
			}
		}
		if err := f.SetColWidth(TemplateListsSheet, col, col, 22); err != nil {
			return nil, err
		}
		refs[l] = fmt.Sprintf("%s!$%s$2:$%s$%d", TemplateListsSheet, col, col, len(l.values)+1)
	}
	if bandLevels != nil {
		// A helper column: which levels of the drop-down have bands.
		col, err := excelize.ColumnNumberToName(len(templateLists) + 1)
		if err != nil {
			return nil, err
		}
		if err := f.SetCellStr(TemplateListsSheet, col+"1", "level has market bands"); err != nil {
			return nil, err
		}
		if err := f.SetCellStyle(TemplateListsSheet, col+"1", col+"1", st.header); err != nil {
			return nil, err
		}
		for j, v := range listLevel.values {
			mark := "no"
			if slices.Contains(bandLevels, v) {
				mark = "yes"
			}
			if err := f.SetCellStr(TemplateListsSheet, fmt.Sprintf("%s%d", col, j+2), mark); err != nil {
				return nil, err
			}
		}
		if err := f.SetColWidth(TemplateListsSheet, col, col, 24); err != nil {
			return nil, err
		}
	}
	return refs, f.SetSheetVisible(TemplateListsSheet, false)
}

// addTemplateValidation adds a column's data validation over sqref: a
// drop-down list for list columns and a 1–10 or 1–5 range for scores.
func addTemplateValidation(f *excelize.File, sheet string, c templateColumn, sqref string, listRef map[*templateList]string, prompt string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	if prompt != "" {
		dv.SetInput(c.name, prompt)
	}
	switch {
	case c.list != nil:
		dv.SetSqrefDropList(listRef[c.list])
		if c.list.strict {
			dv.SetError(excelize.DataValidationErrorStyleWarning, c.name,
				fmt.Sprintf("Not one of %s. offerbook also accepts aliases (see the header's note): choose Yes to keep it.",
					strings.Join(c.list.values, ", ")))
		} else {
			dv.SetError(excelize.DataValidationErrorStyleInformation, c.name,
				"Not in the list; offerbook accepts it if it is valid (see the header's note).")
		}
	case c.kind == tkScore10 || c.kind == tkScore5:
		top := 10
		if c.kind == tkScore5 {
			top = 5
		}
		if err := dv.SetRange(1, top, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.name, fmt.Sprintf("A score from 1 to %d.", top))
	default:
		return nil
	}
	return f.AddDataValidation(sheet, dv)
}
