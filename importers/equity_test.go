package importers_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
)

// startupHeader is every startup equity and total rewards column.
var startupHeader = []string{"id", "level", "location", "base", "vesting", "equity_type", "option_shares", "strike_price",
	"preferred_price", "fmv_409a", "fully_diluted_shares", "acceleration", "k401_match_pct", "k401_match_limit_pct",
	"espp_discount_pct", "espp_contribution", "benefits_value"}

// seriesCRow is the Series C offer with a 50%-of-6% match and a 15% ESPP.
var seriesCRow = []string{"series-c", "L6", "Seattle", "180000", "startup", "options", "40,000", "$4.10",
	"$18.50", "$6.20", "200,000,000", "single-trigger", "50%", "6%", "15%", "$21,250", "2000"}

func checkSeriesC(t *testing.T, o *analyzer.Offer) {
	t.Helper()
	pe := o.Equity
	if pe == nil || o.Rewards == nil {
		t.Fatalf("offer has no private equity or rewards: %+v", o)
	}
	for _, c := range []struct {
		name string
		got  string
		want string
	}{
		{"equity_type", string(pe.Type), "options"},
		{"option_shares", pe.OptionShares.Decimal.String(), "40000"},
		{"strike_price", pe.StrikePrice.Decimal.String(), "4.1"},
		{"preferred_price", pe.PreferredPrice.Decimal.String(), "18.5"},
		{"fmv_409a", pe.FMV409A.Decimal.String(), "6.2"},
		{"fully_diluted_shares", pe.FullyDilutedShares.Decimal.String(), "200000000"},
		{"acceleration", string(pe.Acceleration), "single"},
		{"k401_match_pct", o.Rewards.K401MatchPct.String(), "0.5"},
		{"k401_match_limit_pct", o.Rewards.K401MatchLimitPct.String(), "0.06"},
		{"espp_discount_pct", o.Rewards.ESPPDiscountPct.String(), "0.15"},
		{"espp_contribution", o.Rewards.ESPPContribution.String(), "21250"},
		{"benefits_value", o.Rewards.BenefitsValue.String(), "2000"},
		{"vesting", o.Schedule.Name, "startup"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}

func csvText(rows ...[]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(quoteAll(r), ",") + "\n")
	}
	return b.String()
}

func quoteAll(r []string) []string {
	out := make([]string, len(r))
	for i, s := range r {
		out[i] = `"` + s + `"`
	}
	return out
}

// TestStartupColumnsRoundTrip reads the Series C offer from CSV and XLSX:
// the same offer both ways, with no rsu_value or rsu_shares column.
func TestStartupColumnsRoundTrip(t *testing.T) {
	res := readCSV(t, "startup.csv", csvText(startupHeader, seriesCRow))
	if res.err != nil || len(res.offers) != 1 {
		t.Fatalf("CSV: err %v, %d offers, errors %v", res.err, len(res.offers), res.errs)
	}
	checkSeriesC(t, res.offers[0])

	path := filepath.Join(t.TempDir(), "startup.xlsx")
	rows := [][]any{toAny(startupHeader), toAny(seriesCRow)}
	writeXLSX(t, path, "Offers", rows)
	x := readXLSX(t, mustRead(t, path), "startup.xlsx", importers.Options{})
	if x.err != nil || len(x.offers) != 1 {
		t.Fatalf("XLSX: err %v, %d offers, errors %v", x.err, len(x.offers), x.errs)
	}
	checkSeriesC(t, x.offers[0])
	if !reflect.DeepEqual(res.offers[0].Equity, x.offers[0].Equity) || !reflect.DeepEqual(res.offers[0].Rewards, x.offers[0].Rewards) {
		t.Errorf("CSV and XLSX differ: %+v / %+v", res.offers[0].Equity, x.offers[0].Equity)
	}
}

func toAny(r []string) []any {
	out := make([]any, len(r))
	for i, s := range r {
		out[i] = s
	}
	return out
}

// TestPublicOffersCarryNoStartupInputs: an offer without the new columns
// has no Equity or Rewards (and so costs nothing extra to analyze).
func TestPublicOffersCarryNoStartupInputs(t *testing.T) {
	res := readCSV(t, "o.csv", "level,location,base,rsu_value,equity_type\nL6,Seattle,180000,400000,\n")
	if len(res.offers) != 1 || res.offers[0].Equity != nil || res.offers[0].Rewards != nil {
		t.Fatalf("offers %+v errors %v", res.offers, res.errs)
	}
}

// TestHostileStartupValues: a negative strike, zero shares and unknown
// kinds are rejected naming the column; rows in = offers out + rejected.
func TestHostileStartupValues(t *testing.T) {
	for _, c := range []struct {
		name, column, value string
		want                error
	}{
		{"negative strike", "strike_price", "-4.10", importers.ErrInvalidAmount},
		{"zero shares", "option_shares", "0", importers.ErrInvalidNumber},
		{"negative shares", "option_shares", "-40000", importers.ErrInvalidNumber},
		{"zero fully diluted", "fully_diluted_shares", "0", importers.ErrInvalidNumber},
		{"unknown kind", "equity_type", "warrants", importers.ErrInvalidKind},
		{"unknown acceleration", "acceleration", "triple", importers.ErrInvalidKind},
		{"negative ESPP", "espp_contribution", "-100", importers.ErrInvalidAmount},
		{"negative match", "k401_match_pct", "-50%", importers.ErrInvalidPercent},
	} {
		t.Run(c.name, func(t *testing.T) {
			row := append([]string(nil), seriesCRow...)
			for i, h := range startupHeader {
				if h == c.column {
					row[i] = c.value
				}
			}
			res := readCSV(t, "hostile.csv", csvText(startupHeader, seriesCRow, row))
			if res.stats.Rows != 2 || res.stats.Offers != 1 || res.stats.Rejected != 1 || len(res.errs) != 1 {
				t.Fatalf("stats %+v, errors %v", res.stats, res.errs)
			}
			e := res.errs[0]
			if e.Column != c.column || !errors.Is(e, c.want) {
				t.Errorf("error %v: column %q, want %q wrapping %v", e, e.Column, c.column, c.want)
			}
		})
	}
}

func TestDefaultRetirementLimits(t *testing.T) {
	lim, err := importers.DefaultRetirementLimits()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, got, want string }{
		{"elective deferral (IRS Notice 2025-67)", lim.ElectiveDeferral.Decimal.String(), "24500"},
		{"compensation limit", lim.CompensationLimit.Decimal.String(), "360000"},
		{"ESPP market value", lim.ESPPMarketValue.Decimal.String(), "25000"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
	if _, err := importers.ReadRetirementLimits([]byte("source,kind,year,amount,note\nx,bogus,2026,1,\n")); err == nil {
		t.Error("an unknown kind was accepted")
	}
}
