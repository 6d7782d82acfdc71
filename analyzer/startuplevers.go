package analyzer

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// The startup levers, priced for offers with private equity only. They are
// not in LeverNames (the results columns of every offer), and no level's
// counter-offer priority names them: they are advice with a price.
const (
	LeverOwnership    LeverName = "ownership"
	LeverAcceleration LeverName = "acceleration"
	LeverBaseMatch    LeverName = "base_match"
)

// StartupLeverNames are the startup levers in the order they are priced.
var StartupLeverNames = []LeverName{LeverOwnership, LeverAcceleration, LeverBaseMatch}

// startupLevers prices the startup playbook's levers for a private offer;
// nil for any other offer.
func (e *Engine) startupLevers(pr *pricing) []LeverResult {
	if pr.a.Equity == nil {
		return nil
	}
	return []LeverResult{e.ownershipLever(pr), e.accelerationLever(pr), e.baseMatchLever(pr)}
}

// ownershipLever asks for more shares, the playbook's RSU asks (+20% to
// +50% by default) applied to the share count, priced at the stated value.
func (e *Engine) ownershipLever(pr *pricing) LeverResult {
	a := pr.a
	v := a.Equity
	p := e.playbook.RSU
	if a.Grant.IsZero() {
		r := LeverResult{Lever: LeverOwnership}
		if !pr.brief {
			r.Note = "the equity counts at zero in this run (--private-equity-value zero): ask in shares all the same"
		}
		return r
	}
	low, high := pct(a.Grant, p.Low), pct(a.Grant, p.High)
	r := e.priced(pr, LeverOwnership, Change{Grant: low}, Change{Grant: high}, low, high)
	if pr.brief {
		return r
	}
	more := pct(v.Shares, p.High).Ceil()
	r.Note = fmt.Sprintf("Equity: focus on percentage ownership, not just dollar valuation. Ask in shares: +%s%% to +%s%% is up to %s more",
		p.Low, p.High, more.StringFixed(0))
	if v.Ownership.Valid {
		r.Note += fmt.Sprintf(", ownership from %s%% to %s%%", v.Ownership.Decimal.Round(4).String(),
			v.Ownership.Decimal.Add(pct(v.Ownership.Decimal, p.High)).Round(4).String())
	} else {
		r.Note += "; ask for the fully diluted share count to know the percentage"
	}
	return r
}

// accelerationLever asks for single-trigger acceleration. It changes no
// year of the H-year table (no acquisition is assumed), so its Δ is zero;
// the note says what it is worth if the company is acquired after the
// first year.
func (e *Engine) accelerationLever(pr *pricing) LeverResult {
	a := pr.a
	v := a.Equity
	if v.Acceleration == AccelerationSingle {
		r := LeverResult{Lever: LeverAcceleration}
		if !pr.brief {
			r.Note = "already single-trigger"
		}
		return r
	}
	r := e.priced(pr, LeverAcceleration, Change{}, Change{}, decimal.Zero, decimal.Zero)
	if pr.brief {
		return r
	}
	unvested := v.Shares.Sub(v.Shares.Mul(a.Offer.Schedule.vestedBy(1)))
	r.Note = fmt.Sprintf("Acceleration: negotiate single-trigger acceleration for acquisition. Not in the totals (no acquisition is assumed): "+
		"acquired after year 1, the %s unvested shares would vest at once, %s at the preferred price",
		unvested.StringFixed(0), Dollars(unvested.Mul(net(v.Preferred, v.Strike))))
	return r
}

// baseMatchLever asks for base matched to FAANG: the FAANG base band's
// median (low ask) and its top (high ask) for the offer's track, level and
// location, less the offer's base.
func (e *Engine) baseMatchLever(pr *pricing) LeverResult {
	a := pr.a
	r := LeverResult{Lever: LeverBaseMatch}
	if e.opts.Bands == nil || a.Market == nil {
		if !pr.brief {
			r.Note = "needs market bands for the FAANG base"
		}
		return r
	}
	key := a.Market.Key
	key.CompanyType, key.Company = "FAANG", ""
	b, ok := e.opts.Bands.Lookup(key, ComponentBase)
	if !ok {
		if !pr.brief {
			r.Note = "no FAANG base band for " + key.Track + " " + key.Level + " " + key.Location
		}
		return r
	}
	base := a.Offer.Base
	low := maxDecimal(decimal.Zero, e.point(decimal.NewFromInt(50), b.Min, b.Max).Sub(base))
	high := maxDecimal(decimal.Zero, b.Max.Sub(base))
	if high.IsZero() {
		if !pr.brief {
			r.Note = "base already at or above the FAANG band's top, " + Dollars(b.Max)
		}
		return r
	}
	r = e.priced(pr, LeverBaseMatch, Change{Base: low}, Change{Base: high}, low, high)
	if !pr.brief {
		r.Note = fmt.Sprintf("Base salary: match or exceed FAANG to reduce personal risk. FAANG base %s–%s; ask for the median to the top",
			Dollars(b.Min), Dollars(b.Max))
	}
	return r
}
