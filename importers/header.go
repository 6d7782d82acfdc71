package importers

import (
	"strings"
	"unicode"
)

// Canonical column names (see "Columns and defaults" in docs/METHOD.md).
const (
	colID                  = "id"
	colCandidate           = "candidate"
	colCompany             = "company"
	colCompanyType         = "company_type"
	colTrack               = "track"
	colLevel               = "level"
	colLocation            = "location"
	colSpecialization      = "specialization"
	colBase                = "base"
	colSignOnY1            = "sign_on_y1"
	colSignOnY2            = "sign_on_y2"
	colRSUValue            = "rsu_value"
	colRSUShares           = "rsu_shares"
	colStockPrice          = "stock_price"
	colVesting             = "vesting"
	colBonusPct            = "bonus_pct"
	colRefresher           = "refresher"
	colRelocation          = "relocation"
	colStartDate           = "start_date"
	colCurrentTC           = "current_tc"
	colUnvestedEquity      = "unvested_equity"
	colFloor               = "floor"
	colColAdjustment       = "col_adjustment"
	colRiskPremium         = "risk_premium"
	colGrowthValue         = "growth_value"
	colCompetingCompany    = "competing_company"
	colCompetingLevel      = "competing_level"
	colCompetingTC         = "competing_tc"
	colCompetingDeadline   = "competing_deadline"
	colPreferred           = "preferred"
	colTeamStability       = "team_stability"
	colManagerQuality      = "manager_quality"
	colGrowthPotential     = "growth_potential"
	colWorkLifeBalance     = "work_life_balance"
	colTechStackInterest   = "tech_stack_interest"
	colLocationFlexibility = "location_flexibility"
	colCompMeetsNeeds      = "comp_meets_needs"
	colTeamExcitement      = "team_excitement"
	colGrowthOpportunities = "growth_opportunities"
	colManagerRapport      = "manager_rapport"
	colWLBAcceptable       = "wlb_acceptable"
	colLocationOptions     = "location_options"
	colNotes               = "notes"
	colTaxResidence        = "tax_residence"
	colFilingStatus        = "filing_status"
	colRound               = "round"

	colEquityType        = "equity_type"
	colOptionShares      = "option_shares"
	colStrikePrice       = "strike_price"
	colPreferredPrice    = "preferred_price"
	colFMV409A           = "fmv_409a"
	colFullyDiluted      = "fully_diluted_shares"
	colAcceleration      = "acceleration"
	colK401MatchPct      = "k401_match_pct"
	colK401MatchLimitPct = "k401_match_limit_pct"
	colESPPDiscountPct   = "espp_discount_pct"
	colESPPContribution  = "espp_contribution"
	colBenefitsValue     = "benefits_value"
)

// columnAliases lists, per canonical column, the folded header spellings that
// mean it (see foldHeader). The canonical name itself is always accepted.
var columnAliases = map[string][]string{
	colID:             {"offerid", "offer", "offerno", "offernumber", "offernum", "no", "number", "ref", "reference"},
	colCandidate:      {"name", "candidatename", "candidate", "person", "client", "clientname", "fullname"},
	colCompany:        {"employer", "companyname", "org", "organization", "organisation", "firm"},
	colCompanyType:    {"type", "companytier", "tier", "category", "companycategory", "employertype"},
	colTrack:          {"role", "family", "jobfamily", "rolefamily", "roletype", "function", "discipline"},
	colLevel:          {"joblevel", "grade", "title", "leveltitle", "band"},
	colLocation:       {"city", "office", "loc", "site", "worklocation", "metro"},
	colSpecialization: {"specialisation", "specialty", "speciality", "domain", "focus", "focusarea"},
	colBase:           {"basesalary", "salary", "basepay", "annualbase", "annualbasesalary", "basecomp"},
	colSignOnY1: {"signony1", "signonyear1", "signon1", "signonbonus", "signingbonus", "signon",
		"signonbonusyear1", "signonbonusy1", "signingbonusyear1", "signingbonusy1", "signing",
		"signingbonus1", "signonbonus1", "signony1bonus", "year1signon", "y1signon"},
	colSignOnY2: {"signony2", "signonyear2", "signon2", "signonbonusyear2", "signonbonusy2",
		"signingbonusyear2", "signingbonusy2", "signingbonus2", "signonbonus2", "year2signon", "y2signon"},
	colRSUValue: {"rsugrant", "rsu", "rsus", "equity", "equity4yr", "equity4year", "equityvalue",
		"rsugrantvalue", "stockgrant", "rsu4yr", "equitygrant", "grantvalue", "rsuvalue4yr",
		"totalequity", "equity4years", "rsutotal", "stock", "stockvalue"},
	colRSUShares:  {"rsucount", "shares", "numshares", "sharecount", "units", "rsuunits", "numberofshares", "rsunumber", "rsuqty"},
	colStockPrice: {"grantprice", "shareprice", "price", "stockpriceatgrant", "pricepershare"},
	colVesting:    {"schedule", "vestingschedule", "vest", "vestschedule"},
	colBonusPct: {"bonus", "targetbonus", "bonuspercent", "bonuspercentage", "performancebonus",
		"targetperformancebonus", "bonustarget", "targetbonuspct", "targetbonuspercent", "annualbonus"},
	colRefresher:  {"refresh", "refreshers", "refreshgrant", "annualrefresh", "annualrefresher", "refreshergrant", "expectedrefresh", "expectedrefresher"},
	colRelocation: {"relo", "relocationpackage", "relocationbonus", "relocationassistance", "relocationallowance"},
	colStartDate:  {"start", "date", "startdt", "startingdate", "startson"},
	colCurrentTC:  {"currenttotalcomp", "currentcomp", "currenttotalcompensation", "currentpackage", "currenttotal", "tc"},
	colUnvestedEquity: {"unvested", "unvestedstock", "unvestedrsu", "unvestedrsus", "equitywalkedawayfrom",
		"equityleftbehind", "forfeitedequity"},
	colFloor: {"walkaway", "walkawaynumber", "walkawaypoint", "minimum", "minimumacceptable",
		"reservationprice", "bottomline"},
	colColAdjustment: {"costofliving", "costoflivingadjustment", "coladj", "colaadjustment",
		"costoflivingadj", "coladjust"},
	colRiskPremium:         {"riskpremiumforjobchange", "jobchangepremium", "changepremium"},
	colGrowthValue:         {"growthopportunityvalue", "growthopportunity", "growthvalueadd"},
	colCompetingCompany:    {"competitor", "competingoffercompany", "competingoffer", "othercompany"},
	colCompetingLevel:      {"competingofferlevel", "competitorlevel", "otherlevel"},
	colCompetingTC:         {"competingoffertc", "competitortc", "competingtotalcomp", "competingoffertotal", "othertc"},
	colCompetingDeadline:   {"competingofferdeadline", "competitordeadline", "deadline", "otherdeadline"},
	colPreferred:           {"firstchoice", "preferredoffer", "favourite", "favorite", "topchoice", "ispreferred"},
	colTeamStability:       {},
	colManagerQuality:      {},
	colGrowthPotential:     {},
	colWorkLifeBalance:     {"worklife", "worklifebalancerisk"},
	colTechStackInterest:   {"techstack"},
	colLocationFlexibility: {},
	colCompMeetsNeeds:      {"compmeetsneed", "compensationmeetsneeds"},
	colTeamExcitement:      {},
	colGrowthOpportunities: {},
	colManagerRapport:      {},
	colWLBAcceptable:       {"worklifebalanceacceptable"},
	colLocationOptions:     {},
	colNotes:               {"note", "comments", "comment", "remarks", "remark"},
	colTaxResidence:        {"residence", "taxstate", "statetaxresidence", "taxlocation", "residencestate", "stateofresidence"},
	colFilingStatus:        {"filing", "taxfilingstatus", "filingas", "taxstatus"},
	colRound:               {"negotiationround", "offerround", "roundno", "roundnumber", "version", "offerversion"},

	colEquityType:        {"equitykind", "grantkind", "granttype", "stocktype"},
	colOptionShares:      {"options", "numoptions", "optioncount", "optionsgranted", "stockoptions", "optiongrant"},
	colStrikePrice:       {"strike", "exerciseprice", "optionstrike", "strikeprice"},
	colPreferredPrice:    {"preferredshareprice", "lastpreferred", "lastpreferredprice", "lastroundprice", "roundprice", "pps"},
	colFMV409A:           {"409a", "409aprice", "409avaluation", "fmv", "commonprice", "commonstockprice"},
	colFullyDiluted:      {"fullydiluted", "fdshares", "sharesoutstanding", "totalshares", "fullydilutedsharecount"},
	colAcceleration:      {"vestingacceleration", "accel", "trigger"},
	colK401MatchPct:      {"401kmatch", "401kmatchpct", "k401match", "401kmatchpercent", "retirementmatch"},
	colK401MatchLimitPct: {"401kmatchlimit", "401kmatchlimitpct", "k401matchlimit", "401kmatchupto", "matchupto"},
	colESPPDiscountPct:   {"espp", "esppdiscount", "esppdiscountpercent"},
	colESPPContribution:  {"esppcontrib", "esppamount", "esppcontributions", "esppyearly"},
	colBenefitsValue:     {"benefits", "benefitsvalue", "otherbenefits", "perks"},
}

// headerIndex maps a folded header to its canonical column.
var headerIndex = func() map[string]string {
	m := make(map[string]string)
	for col, aliases := range columnAliases {
		m[foldKey(col)] = col
		for _, a := range aliases {
			if prev, dup := m[a]; dup && prev != col {
				panic("importers: header alias " + a + " used for " + prev + " and " + col)
			}
			m[a] = col
		}
	}
	return m
}()

// unitWords are bracketed or trailing header words that only state a unit,
// as in "Base ($)", "Base (USD)", "Bonus (%)", "Start (YYYY-MM-DD)".
var unitWords = map[string]bool{
	"": true, "usd": true, "us": true, "dollars": true, "pct": true, "percent": true,
	"percentage": true, "ofbase": true, "ofbasesalary": true, "yyyymmdd": true,
	"mmddyyyy": true, "date": true, "110": true, "15": true, "annual": true,
	"peryear": true, "yearly": true, "total": true, "k": true, "text": true,
	"optional": true, "required": true, "number": true, "count": true, "usdk": true,
	"inusd": true,
}

// foldHeader normalises a header for matching: letters are lowercased and
// everything but letters and digits is removed, so "Base Salary",
// "base_salary" and "BASE" fold to the same key. Bracketed text that only
// states a unit ("($)", "(USD)", "[%]") is dropped from full; bare drops all
// bracketed text, so "RSU Grant ($, 4yr)" still folds to "rsugrant".
func foldHeader(h string) (full, bare string) {
	var f, b, inner strings.Builder
	f.Grow(len(h))
	b.Grow(len(h))
	depth := 0
	for _, r := range h {
		switch r {
		case '(', '[', '{':
			if depth == 0 {
				inner.Reset()
			}
			depth++
			continue
		case ')', ']', '}':
			if depth > 0 {
				if depth--; depth == 0 {
					if !unitWords[inner.String()] {
						f.WriteString(inner.String())
					}
				}
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			if depth > 0 {
				inner.WriteRune(r)
			} else {
				f.WriteRune(r)
				b.WriteRune(r)
			}
		}
	}
	if depth > 0 { // unclosed bracket: keep what it held
		f.WriteString(inner.String())
		b.WriteString(inner.String())
	}
	return f.String(), b.String()
}

// foldKey is foldHeader's full key, used to index the alias table.
func foldKey(h string) string {
	full, _ := foldHeader(h)
	return full
}

// unitSuffixes are unit words a header may end with outside brackets:
// "Base USD", "Bonus pct", "Equity 4yr".
var unitSuffixes = []string{"inusd", "usd", "dollars", "percent", "pct", "amount", "value",
	"4yr", "4year", "4years", "fouryear", "total"}

// CanonicalColumn maps a header cell as written ("Base Salary", "Equity 4yr
// ($)", "Sign-on Year 1", "#") to its canonical column name ("base",
// "rsu_value", "sign_on_y1", "id"). Matching ignores case, spaces,
// punctuation and unit markers such as "($)", "(USD)", "%" or a trailing
// "USD". It returns false for a header offerbook does not know.
func CanonicalColumn(header string) (string, bool) {
	h := trim(header)
	if h == "#" || h == "№" {
		return colID, true
	}
	full, bare := foldHeader(h)
	suffixes := unitSuffixes
	if cur := headerCurrency(h); len(cur) == 3 {
		// "Base GBP": matched as base, and its amounts rejected as GBP.
		suffixes = append([]string{strings.ToLower(cur)}, unitSuffixes...)
	}
	for _, key := range []string{full, bare} {
		if key == "" {
			continue
		}
		if col, ok := headerIndex[key]; ok {
			return col, true
		}
		for _, suffix := range suffixes {
			if k := strings.TrimSuffix(key, suffix); k != key && k != "" {
				if col, ok := headerIndex[k]; ok {
					return col, true
				}
			}
		}
	}
	return "", false
}

// headerCurrency returns the foreign currency a header names, such as "EUR"
// for "Base (EUR)" or "€" for "Base €", or "" when it names none or USD.
// A currency code counts in any case as a word of its own.
func headerCurrency(h string) string {
	for _, r := range h {
		if r != '$' && unicode.Is(unicode.Sc, r) {
			return string(r)
		}
	}
	word := make([]rune, 0, 8)
	flush := func() string {
		defer func() { word = word[:0] }()
		if len(word) != 3 {
			return ""
		}
		w := string(word)
		up := strings.ToUpper(w)
		if isoCurrencies[up] {
			return up
		}
		return ""
	}
	for _, r := range h {
		if unicode.IsLetter(r) {
			word = append(word, r)
			continue
		}
		if c := flush(); c != "" {
			return c
		}
	}
	return flush()
}
