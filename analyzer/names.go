package analyzer

import (
	"strings"
	"unicode"
)

// fold lowercases s and drops everything but letters and digits, so
// "San Francisco", "san_francisco" and "SAN-FRANCISCO" compare equal.
func fold(s string) string {
	if folded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// folded reports whether fold(s) is s: lowercase ASCII letters and
// digits only.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// appendFold appends fold(s) to buf for an ASCII s (false for any other,
// buf then unusable): a map can be looked up with string(buf) without
// allocating.
func appendFold(buf []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80:
			return buf, false
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			buf = append(buf, c)
		case 'A' <= c && c <= 'Z':
			buf = append(buf, c+'a'-'A')
		}
	}
	return buf, true
}

// The alias tables map a folded name to its canonical spelling (see "Known names" in docs/METHOD.md).
var (
	locationAliases = map[string]string{
		"seattle": "Seattle", "sea": "Seattle", "seattlewa": "Seattle", "bellevue": "Seattle",
		"bayarea": "Bay Area", "sf": "Bay Area", "sanfrancisco": "Bay Area", "sfbayarea": "Bay Area",
		"sanfranciscobayarea": "Bay Area", "siliconvalley": "Bay Area", "sunnyvale": "Bay Area",
		"paloalto": "Bay Area", "mountainview": "Bay Area", "sanjose": "Bay Area",
		"newyork": "New York", "nyc": "New York", "ny": "New York", "newyorkcity": "New York",
		"manhattan": "New York", "brooklyn": "New York", "newyorkny": "New York",
		"redmond": "Seattle", "kirkland": "Seattle", "seattlewashington": "Seattle",
		"sanfranciscoca": "Bay Area", "sanjoseca": "Bay Area", "mountainviewca": "Bay Area",
		"austin": "Austin", "atx": "Austin", "austintx": "Austin",
		"remote": "Remote", "remoteus": "Remote", "usremote": "Remote", "wfh": "Remote",
	}
	levelAliases = map[string]string{
		"l4": "L4", "sde2": "L5", "sdeii": "L5",
		"l5": "L5", "sde": "L5", "mid": "L5",
		"l6": "L6", "sde3": "L6", "sdeiii": "L6", "senior": "L6", "seniorsde": "L6",
		"senioreng": "L6", "seniorengineer": "L6", "sdm": "L6", "sdm2": "L6", "sdmii": "L6",
		"seniorem": "L6", "seniorpm": "L6", "seniortpm": "L6",
		"l7": "L7", "principal": "L7", "seniorprincipal": "L7", "principalsde": "L7",
		"principalengineer": "L7", "sdm3": "L7", "sdmiii": "L7", "seniormanager": "L7",
		"l8": "L8", "director": "L8",
	}
	trackAliases = map[string]string{
		"sde": "SDE", "swe": "SDE", "engineer": "SDE", "softwareengineer": "SDE",
		"softwaredevelopmentengineer": "SDE", "developer": "SDE", "ic": "SDE",
		"em": "EM", "sdm": "EM", "manager": "EM", "engineeringmanager": "EM",
		"softwaredevelopmentmanager": "EM",
		"pm":                         "PM", "tpm": "PM", "productmanager": "PM", "technicalprogrammanager": "PM",
		"programmanager": "PM", "pmt": "PM",
	}
	companyTypeByCompany = map[string]string{
		"amazon": "FAANG", "aws": "FAANG", "apple": "FAANG", "google": "FAANG", "alphabet": "FAANG",
		"meta": "FAANG", "facebook": "FAANG", "netflix": "FAANG",
	}
)

// CompanyTypes are the company types of the market bands (the Amazon L6/L7 Compensation & Negotiation Guide's
// company-type table), in its order.
var CompanyTypes = []string{"FAANG", "Tier 1 Tech", "AI-First Startup", "Traditional Enterprise",
	"Financial Services", "Healthcare Tech"}

// CanonicalCompanyType returns a company type's spelling in CompanyTypes,
// compared case- and punctuation-insensitively; ok is false for any other.
func CanonicalCompanyType(s string) (string, bool) {
	f := fold(s)
	for _, t := range CompanyTypes {
		if fold(t) == f {
			return t, true
		}
	}
	return strings.TrimSpace(s), false
}

// canonical looks s up in an alias table; unknown names come back trimmed
// but otherwise as given.
func canonical(table map[string]string, s string) string {
	s = strings.TrimSpace(s)
	var tmp [64]byte
	if b, ok := appendFold(tmp[:0], s); ok {
		if c, ok := table[string(b)]; ok {
			return c
		}
		return s
	}
	if c, ok := table[fold(s)]; ok {
		return c
	}
	return s
}

// CanonicalLocation maps a location alias ("SF", "San Francisco",
// "Bay_Area", "NYC") to the name the bands use ("Bay Area", "New York").
// An unknown location is returned trimmed, as given.
func CanonicalLocation(s string) string { return canonical(locationAliases, s) }

// CanonicalLevel maps a level alias ("SDE III", "Senior", "SDM II",
// "Principal") to L4–L8. An unknown level is returned trimmed, as given.
func CanonicalLevel(s string) string { return canonical(levelAliases, s) }

// CanonicalTrack maps a role family alias ("SWE", "SDM", "TPM") to SDE, EM or
// PM. An unknown track is returned trimmed, as given.
func CanonicalTrack(s string) string { return canonical(trackAliases, s) }

// InferCompanyType returns "FAANG" for Amazon, Apple, Google, Meta
// (Facebook) and Netflix, and "" for any other company.
func InferCompanyType(company string) string {
	return companyTypeByCompany[fold(company)]
}

// IsAmazonTitle reports whether a level is written as an Amazon title, SDE
// or SDM with a grade ("SDE III", "SDM II", "Principal SDE"), which names a
// level of the Amazon ladder whatever the company.
func IsAmazonTitle(level string) bool {
	f := fold(level)
	if _, ok := levelAliases[f]; !ok {
		return false
	}
	return strings.HasPrefix(f, "sde") || strings.HasPrefix(f, "sdm") || strings.HasSuffix(f, "sde")
}
