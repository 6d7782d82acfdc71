package exporters

import (
	"encoding/csv"
	"io"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// OfferColumns are the input columns OffersCSVWriter writes, under their
// canonical names (see "Columns and defaults" in docs/METHOD.md), so the file
// reads back through the importers unchanged.
var OfferColumns = []string{"id", "candidate", "company", "company_type", "track", "level", "location",
	"specialization", "base", "sign_on_y1", "sign_on_y2", "rsu_value", "rsu_shares", "stock_price", "vesting",
	"bonus_pct", "refresher", "relocation", "start_date"}

// OffersCSVWriter writes offers as an input CSV file, one row at a time, for
// `offerbook generate`.
type OffersCSVWriter struct {
	w      *csv.Writer
	header bool
	record []string
}

// NewOffersCSVWriter returns a writer that starts with the header row.
func NewOffersCSVWriter(w io.Writer) *OffersCSVWriter {
	return &OffersCSVWriter{w: csv.NewWriter(w), record: make([]string, len(OfferColumns))}
}

// plainAmount writes money without grouping or currency: "175000" or
// "185.5".
func plainAmount(d decimal.Decimal) string { return d.String() }

func nullAmount(d decimal.NullDecimal) string {
	if !d.Valid {
		return ""
	}
	return plainAmount(d.Decimal)
}

// Write writes one offer; text is protected against formula injection.
func (c *OffersCSVWriter) Write(o *analyzer.Offer) error {
	if !c.header {
		c.header = true
		if err := c.w.Write(OfferColumns); err != nil {
			return err
		}
	}
	r := c.record
	r[0], r[1], r[2], r[3] = safeText(o.ID), safeText(o.Candidate), safeText(o.Company), safeText(o.CompanyType)
	r[4], r[5], r[6], r[7] = safeText(o.Track), safeText(o.Level), safeText(o.Location), safeText(o.Specialization)
	r[8], r[9], r[10] = plainAmount(o.Base), plainAmount(o.SignOnY1), plainAmount(o.SignOnY2)
	r[11], r[12], r[13] = nullAmount(o.RSUValue), nullAmount(o.RSUShares), nullAmount(o.StockPrice)
	r[14] = o.Schedule.Name
	r[15] = ""
	if !o.BonusPct.IsZero() {
		// Percent points ("15"), which the importers and a pandas script both read.
		r[15] = o.BonusPct.Mul(decimal.NewFromInt(100)).String()
	}
	r[16], r[17] = plainAmount(o.Refresher), plainAmount(o.Relocation)
	r[18] = ""
	if !o.StartDate.IsZero() {
		r[18] = o.StartDate.Format(time.DateOnly)
	}
	return c.w.Write(r)
}

// Flush writes any buffered rows and reports a write error.
func (c *OffersCSVWriter) Flush() error {
	if !c.header {
		c.header = true
		if err := c.w.Write(OfferColumns); err != nil {
			return err
		}
	}
	c.w.Flush()
	return c.w.Error()
}
