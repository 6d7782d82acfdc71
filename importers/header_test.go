package importers_test

import (
	"testing"

	"github.com/offerbook/offerbook/importers"
)

func TestCanonicalColumn(t *testing.T) {
	tests := []struct {
		header string
		want   string // "" for unknown
	}{
		{"base", "base"}, {"Base Salary", "base"}, {"base_salary", "base"}, {"Base ($)", "base"},
		{"BASE", "base"}, {"Base (USD)", "base"}, {"Base USD", "base"}, {" base ", "base"},
		{"Base [$]", "base"}, {"base-salary", "base"},
		{"RSU grant", "rsu_value"}, {"Equity 4yr ($)", "rsu_value"}, {"RSU value", "rsu_value"},
		{"rsu_value", "rsu_value"}, {"RSU Grant ($, 4yr)", "rsu_value"}, {"RSU Grant (4 yr, USD)", "rsu_value"},
		{"Offer #", "id"}, {"Base Salary ($)", "base"}, {"Annual Refresher", "refresher"},
		{"RSU count", "rsu_shares"}, {"Shares", "rsu_shares"}, {"rsu_shares", "rsu_shares"},
		{"Sign-on Year 1", "sign_on_y1"}, {"Signing bonus", "sign_on_y1"}, {"sign_on_y1", "sign_on_y1"},
		{"Sign-on Year 2", "sign_on_y2"}, {"Sign On (Year 2)", "sign_on_y2"}, {"sign_on_y2", "sign_on_y2"},
		{"Offer ID", "id"}, {"#", "id"}, {"id", "id"},
		{"Name", "candidate"}, {"Candidate name", "candidate"}, {"candidate", "candidate"},
		{"Employer", "company"}, {"Company", "company"},
		{"Company type", "company_type"}, {"company_type", "company_type"},
		{"Role", "track"}, {"Family", "track"}, {"Track", "track"},
		{"Level", "level"}, {"Location", "location"}, {"City", "location"},
		{"Specialization", "specialization"}, {"Specialisation", "specialization"},
		{"Stock price", "stock_price"}, {"Grant price ($)", "stock_price"},
		{"Schedule", "vesting"}, {"Vesting", "vesting"}, {"Vesting schedule", "vesting"},
		{"Target bonus %", "bonus_pct"}, {"bonus_pct", "bonus_pct"}, {"Bonus (%)", "bonus_pct"},
		{"Refresher", "refresher"}, {"Annual refresh ($)", "refresher"},
		{"Relocation", "relocation"}, {"Relocation package", "relocation"},
		{"Start date", "start_date"}, {"Start Date (YYYY-MM-DD)", "start_date"},
		{"Current TC", "current_tc"}, {"Current total comp", "current_tc"},
		{"Unvested equity", "unvested_equity"},
		{"Walk-away", "floor"}, {"Floor", "floor"},
		{"Cost of Living Adjustment", "col_adjustment"}, {"COL adjustment", "col_adjustment"},
		{"Risk Premium (for job change)", "risk_premium"}, {"risk_premium", "risk_premium"},
		{"Growth Opportunity Value", "growth_value"}, {"growth_value", "growth_value"},
		{"Competing company", "competing_company"}, {"Competing level", "competing_level"},
		{"Competing TC", "competing_tc"}, {"Competing deadline", "competing_deadline"},
		{"Team stability (1-10)", "team_stability"}, {"Manager quality", "manager_quality"},
		{"Growth potential", "growth_potential"}, {"Work-life balance", "work_life_balance"},
		{"Tech stack interest", "tech_stack_interest"}, {"Location flexibility", "location_flexibility"},
		{"Comp meets needs (1–5)", "comp_meets_needs"}, {"Team excitement", "team_excitement"},
		{"Growth opportunities", "growth_opportunities"}, {"Manager rapport", "manager_rapport"},
		{"WLB acceptable", "wlb_acceptable"}, {"Location options", "location_options"},
		{"Notes", "notes"}, {"Comments", "notes"},
		{"Favourite colour", ""}, {"", ""}, {"()", ""}, {"Base (EUR)", "base"}, {"base gbp", "base"}, {"Base CAD", "base"}, {"Recruiter", ""},
	}
	for _, tc := range tests {
		t.Run(tc.header, func(t *testing.T) {
			got, ok := importers.CanonicalColumn(tc.header)
			if ok != (tc.want != "") || got != tc.want {
				t.Errorf("CanonicalColumn(%q) = %q, %v; want %q", tc.header, got, ok, tc.want)
			}
		})
	}
}
