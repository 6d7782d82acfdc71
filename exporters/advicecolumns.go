package exporters

import (
	"strconv"
	"time"

	"github.com/offerbook/offerbook/analyzer"
)

// adviceColumns are the results columns of the advice: the best lever, the
// email's kind, the comparator, the candidate's decision, and the offer's
// negotiation round.
func adviceColumns() []resultColumn {
	return []resultColumn{
		{"best_lever", str(func(r *analyzer.Record) string { return r.BestLever })},
		{"email_kind", str(func(r *analyzer.Record) string { return string(r.EmailKind()) })},
		{"comparator_id", str(func(r *analyzer.Record) string {
			if c := r.Comparator(); c != nil {
				return c.ID
			}
			return ""
		})},
		{"comparator_company", str(func(r *analyzer.Record) string {
			if c := r.Comparator(); c != nil {
				return c.Company
			}
			return ""
		})},
		{"decision", str(func(r *analyzer.Record) string {
			if d := r.Context.Decision; d != nil {
				return d.WinnerID
			}
			return ""
		})},
		{"rank", func(r *analyzer.Record) value {
			if r.Context.Rank == 0 {
				return blank
			}
			return value{kind: kindNumber, s: strconv.Itoa(r.Context.Rank)}
		}},
		{"leave_after_y1", leaveAfter(1)},
		{"leave_after_y2", leaveAfter(2)},
		{"round", func(r *analyzer.Record) value {
			return value{kind: kindNumber, s: strconv.FormatInt(max(r.Round, 1), 10)}
		}},
		{"round_change_pct", pctl(func(r *analyzer.Record) analyzer.Fixed { return r.RoundChangePct })},
		{"total_change_pct", pctl(func(r *analyzer.Record) analyzer.Fixed { return r.TotalChangePct })},
	}
}

// emailColumns are results.json's email fields: each offer's email subject
// and body, composed from the record's draft in its candidate's context.
// The email is composed once per record: the subject's column composes it
// and the body's, which comes right after it in every row, takes it (the
// columns are made for one writer, which reads the records one at a time).
func emailColumns(today time.Time) []resultColumn {
	var (
		composed *analyzer.Record // the record the subject was composed for, until the body takes it
		m        analyzer.Email
		ok       bool
	)
	email := func(r *analyzer.Record) (analyzer.Email, bool) {
		d := r.Draft()
		if d == nil {
			return analyzer.Email{}, false
		}
		return analyzer.ComposeEmail(d, analyzer.EmailContext{Other: r.Context.Other, Offers: r.Context.Offers, Today: today}), true
	}
	return []resultColumn{
		{"email_subject", func(r *analyzer.Record) value {
			m, ok = email(r)
			composed = r
			if ok {
				return text(m.Subject)
			}
			return blank
		}},
		{"email_body", func(r *analyzer.Record) value {
			if composed != r {
				m, ok = email(r)
			}
			composed = nil
			if ok {
				return text(m.Body)
			}
			return blank
		}},
	}
}

// leaveAfter is the offer's cumulative total after year 1 or 2 on its
// decision's basis (after tax when the decision is); for an offer outside
// any decision, after tax when it has an estimate, else before.
func leaveAfter(year int) func(r *analyzer.Record) value {
	return func(r *analyzer.Record) value {
		if r.Context.Known {
			if year == 1 {
				return moneyValue(r.Context.LeaveAfterY1)
			}
			return moneyValue(r.Context.LeaveAfterY2)
		}
		sum := analyzer.Fixed(0)
		for t := 0; t < year; t++ {
			switch {
			case r.TaxKnown && t < len(r.TakeHome):
				sum += r.TakeHome[t]
			case !r.TaxKnown && t < len(r.Years):
				sum += r.Years[t].Total
			}
		}
		return moneyValue(sum)
	}
}
