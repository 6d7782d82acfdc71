package analyzer

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// LeverName names one negotiation lever (see "The levers and who approves them" in docs/METHOD.md).
type LeverName string

// The seven levers, in the order the workbook lists them.
const (
	LeverRSU       LeverName = "rsu"
	LeverSignOn    LeverName = "sign_on"
	LeverBase      LeverName = "base"
	LeverLevel     LeverName = "level"
	LeverStartDate LeverName = "start_date"
	LeverRemote    LeverName = "remote"
	LeverPerfBonus LeverName = "perf_bonus"
)

// LeverNames lists every lever in workbook order.
var LeverNames = []LeverName{LeverRSU, LeverSignOn, LeverBase, LeverLevel, LeverStartDate, LeverRemote, LeverPerfBonus}

// AskRange is a low and a high ask, in the unit the lever states (percent
// of a figure, a percentile, or dollars).
type AskRange struct {
	Low  decimal.Decimal `yaml:"low"`
	High decimal.Decimal `yaml:"high"`
}

// ApprovalTier is who must approve a change up to MaxPct percent of the
// H-year total; the last tier has no MaxPct (it takes everything above).
type ApprovalTier struct {
	MaxPct decimal.NullDecimal `yaml:"max_pct"`
	Name   string              `yaml:"name"`
}

// StartDateClass is the Masterclass's leverage class for a start at least
// MinWeeks after the offer date.
type StartDateClass struct {
	MinWeeks int    `yaml:"min_weeks"`
	Name     string `yaml:"name"`
}

// Playbook holds every default of the negotiation levers, counter-offer and
// flags (see "Advice" in docs/METHOD.md), from the three negotiation guides. DefaultPlaybook is the one source of
// the defaults; `offerbook playbook` prints it as YAML and `--playbook FILE`
// replaces it.
type Playbook struct {
	// RSU asks are percent of the grant G; capped at the band max rsu_4yr.
	RSU AskRange `yaml:"rsu_pct_of_grant"`
	// SignOn asks are percent of sign-on y1+y2; capped at the band max
	// sign-on (per year when the bands have y1/y2, else the total).
	SignOn AskRange `yaml:"sign_on_pct_of_sign_on"`
	// SignOnNone asks are band percentiles, for offers with no sign-on.
	SignOnNone AskRange `yaml:"sign_on_percentile_without_sign_on"`
	// SignOnSplitY1 is the year-1 share (percent) of a new sign-on when the
	// offer has none and the bands give only a total.
	SignOnSplitY1 decimal.Decimal `yaml:"sign_on_split_y1_pct"`
	// SignOnBridge asks are percent of the offer's annual total comp, for
	// an offer with no sign-on that is measured on another company's band
	// (whose sign-on band says nothing about this company's sign-ons).
	SignOnBridge AskRange `yaml:"sign_on_bridge_pct_of_comp"`
	// Base asks are percent of base; capped at the band max and, for
	// Amazon offers, the level cap.
	Base AskRange `yaml:"base_pct"`
	// BaseCaps is the most base Amazon pays a level; an Amazon offer above
	// it gets BASE_ABOVE_CAP (the caps are Amazon's; see "Flags" in docs/METHOD.md).
	BaseCaps map[string]decimal.Decimal `yaml:"base_caps"`
	// NextLevel maps a level to the one the level lever asks for.
	NextLevel map[string]string `yaml:"next_level"`
	// LevelPercentile is the next level's band percentile the level lever
	// prices the package at.
	LevelPercentile decimal.Decimal `yaml:"level_percentile"`
	// StartDateClasses are the leverage classes by weeks to start, shortest first.
	StartDateClasses []StartDateClass `yaml:"start_date_classes"`
	// StartDateDelayWeeks is the delay the start-date lever prices.
	StartDateDelayWeeks int `yaml:"start_date_delay_weeks"`
	// Remote asks are percent of annual comp given up for full remote (negative).
	Remote AskRange `yaml:"remote_pct_of_comp"`
	// Relocation is the one-time relocation package range, in dollars.
	Relocation AskRange `yaml:"relocation"`
	// PerfBonus asks are a guaranteed first-year bonus, percent of base.
	PerfBonus AskRange `yaml:"perf_bonus_pct_of_base"`
	// ApprovalTiers by Δ as percent of the H-year total, smallest first.
	ApprovalTiers []ApprovalTier `yaml:"approval_tiers"`
	// Priority is the order levers are asked for, by level; "default" for
	// levels without their own list.
	Priority map[string][]LeverName `yaml:"priority"`
	// YoYDropPct is the year-over-year fall that raises YOY_DROP.
	YoYDropPct decimal.Decimal `yaml:"yoy_drop_pct"`
	// FarBelowMarketPct is how far below the band midpoint raises FAR_BELOW_MARKET.
	FarBelowMarketPct decimal.Decimal `yaml:"far_below_market_pct"`
	// RSUMismatchPct is the rsu_value vs shares × price gap that raises RSU_VALUE_MISMATCH.
	RSUMismatchPct decimal.Decimal `yaml:"rsu_mismatch_pct"`
}

func n(v int64) decimal.Decimal { return decimal.NewFromInt(v) }

// DefaultPlaybook returns the guides' lever defaults (see "The levers and who
// approves them" in docs/METHOD.md).
func DefaultPlaybook() *Playbook {
	return &Playbook{
		RSU:             AskRange{n(20), n(50)},
		SignOn:          AskRange{n(50), n(200)},
		SignOnNone:      AskRange{n(50), n(90)},
		SignOnSplitY1:   n(60),
		SignOnBridge:    AskRange{n(8), n(16)},
		Base:            AskRange{n(5), n(15)},
		BaseCaps:        map[string]decimal.Decimal{"L6": n(220000), "L7": n(350000)},
		NextLevel:       map[string]string{"L4": "L5", "L5": "L6", "L6": "L7", "L7": "L8"},
		LevelPercentile: n(50),
		StartDateClasses: []StartDateClass{
			{0, "immediate start: weakest position"},
			{2, "2 weeks: standard, no leverage"},
			{4, "4 weeks: some flexibility shown"},
			{6, "6–8 weeks: strong position for negotiation"},
			{12, "3 months: maximum leverage"},
		},
		StartDateDelayWeeks: 4,
		Remote:              AskRange{n(-10), n(-5)},
		Relocation:          AskRange{n(10000), n(50000)},
		PerfBonus:           AskRange{n(5), n(15)},
		ApprovalTiers: []ApprovalTier{
			{decimal.NewNullDecimal(n(10)), "recruiter"},
			{decimal.NewNullDecimal(n(20)), "hiring manager"},
			{decimal.NewNullDecimal(n(30)), "director"},
			{decimal.NullDecimal{}, "VP / comp committee"},
		},
		Priority: map[string][]LeverName{
			"L5":      {LeverRSU, LeverSignOn, LeverBase},
			"L6":      {LeverRSU, LeverSignOn, LeverBase, LeverStartDate},
			"L7":      {LeverRSU, LeverBase, LeverSignOn, LeverLevel},
			"default": {LeverRSU, LeverSignOn, LeverBase},
		},
		YoYDropPct:        n(10),
		FarBelowMarketPct: n(20),
		RSUMismatchPct:    n(1),
	}
}

// ErrPlaybook means a playbook file is inconsistent.
var ErrPlaybook = errors.New("invalid playbook")

// Validate checks that asks are ordered, tiers ascend and end open, and
// priorities name known levers.
func (p *Playbook) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrPlaybook}, args...)...)
	}
	for name, r := range map[string]AskRange{"rsu_pct_of_grant": p.RSU, "sign_on_pct_of_sign_on": p.SignOn,
		"sign_on_percentile_without_sign_on": p.SignOnNone, "sign_on_bridge_pct_of_comp": p.SignOnBridge, "base_pct": p.Base, "remote_pct_of_comp": p.Remote,
		"relocation": p.Relocation, "perf_bonus_pct_of_base": p.PerfBonus} {
		if r.High.LessThan(r.Low) {
			return bad("%s: high %s is below low %s", name, r.High, r.Low)
		}
	}
	if len(p.ApprovalTiers) == 0 || p.ApprovalTiers[len(p.ApprovalTiers)-1].MaxPct.Valid {
		return bad("approval_tiers must end with a tier without max_pct")
	}
	for i := 1; i < len(p.ApprovalTiers)-1; i++ {
		if !p.ApprovalTiers[i].MaxPct.Valid || !p.ApprovalTiers[i-1].MaxPct.Decimal.LessThan(p.ApprovalTiers[i].MaxPct.Decimal) {
			return bad("approval_tiers must ascend")
		}
	}
	known := map[LeverName]bool{}
	for _, l := range LeverNames {
		known[l] = true
	}
	for level, list := range p.Priority {
		for _, l := range list {
			if !known[l] {
				return bad("priority %s: unknown lever %q", level, l)
			}
		}
	}
	if _, ok := p.Priority["default"]; !ok {
		return bad("priority needs a default list")
	}
	for i := 1; i < len(p.StartDateClasses); i++ {
		if p.StartDateClasses[i].MinWeeks <= p.StartDateClasses[i-1].MinWeeks {
			return bad("start_date_classes must ascend by min_weeks")
		}
	}
	return nil
}

// PriorityFor returns the lever order for a level.
func (p *Playbook) PriorityFor(level string) []LeverName {
	if list, ok := p.Priority[level]; ok {
		return list
	}
	return p.Priority["default"]
}

// TierOf returns the approval tier for a change of delta on an H-year total,
// comparing delta × 100 with max_pct × total exactly (no division), so a
// change of exactly 10% is still the recruiter's.
func (p *Playbook) TierOf(delta, total decimal.Decimal) string {
	scaled := delta.Mul(hundred)
	for _, t := range p.ApprovalTiers {
		if !t.MaxPct.Valid || scaled.LessThanOrEqual(t.MaxPct.Decimal.Mul(total)) {
			return t.Name
		}
	}
	return ""
}

// TierIndex returns the position in ApprovalTiers of the tier TierOf
// names: 0 for the first (recruiter).
func (p *Playbook) TierIndex(delta, total decimal.Decimal) int {
	scaled := delta.Mul(hundred)
	for i, t := range p.ApprovalTiers {
		if !t.MaxPct.Valid || scaled.LessThanOrEqual(t.MaxPct.Decimal.Mul(total)) {
			return i
		}
	}
	return len(p.ApprovalTiers)
}

// Tier returns the approval tier for a change of pct percent of the total.
func (p *Playbook) Tier(pct decimal.Decimal) string {
	for _, t := range p.ApprovalTiers {
		if !t.MaxPct.Valid || pct.LessThanOrEqual(t.MaxPct.Decimal) {
			return t.Name
		}
	}
	return ""
}
