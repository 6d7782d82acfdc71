package importers_test

import (
	"errors"
	"testing"
	"time"

	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in       string
		european bool
		want     string // decimal text; "" when an error is wanted
		err      error
	}{
		{in: "175000", want: "175000"},
		{in: "175,000", want: "175000"},
		{in: "$175,000.00", want: "175000"},
		{in: "$175,000.99", want: "175000.99"},
		{in: "175K", want: "175000"},
		{in: "175k", want: "175000"},
		{in: "$1.2M", want: "1200000"},
		{in: "1.2mm", want: "1200000"},
		{in: "2B", want: "2000000000"},
		{in: "1 200 000", want: "1200000"},
		{in: "1\u00a0200\u00a0000", want: "1200000"},
		{in: "1\u202f200\u202f000", want: "1200000"},
		{in: "  175000  ", want: "175000"},
		{in: "(5,000)", want: "-5000"},
		{in: "($5,000.50)", want: "-5000.5"},
		{in: "-5000", want: "-5000"},
		{in: "-$5,000", want: "-5000"},
		{in: "$-5,000", want: "-5000"},
		{in: "\u22125000", want: "-5000"},
		{in: "+5000", want: "5000"},
		{in: "USD 175,000", want: "175000"},
		{in: "usd175000", want: "175000"},
		{in: "175000 USD", want: "175000"},
		{in: "US$175,000", want: "175000"},
		{in: "175000$", want: "175000"},
		{in: "$175k USD", want: "175000"},
		{in: "1.75E5", want: "175000"},
		{in: "1.75e+05", want: "175000"},
		{in: "175000.00000000003", want: "175000.00000000003"},
		{in: "0.5", want: "0.5"},
		{in: ".5", want: "0.5"},
		{in: "1,234,567.89", want: "1234567.89"},
		{in: "1.234,56", want: "1234.56"}, // both separators: the last is decimal
		{in: "175.000,00", european: true, want: "175000"},
		{in: "1.234,5", european: true, want: "1234.5"},
		{in: "175.000", european: true, want: "175000"},
		{in: "175000,50", european: true, want: "175000.5"},
		{in: "1.5", european: true, want: "1.5"},
		{in: "€175.000", european: true, err: importers.ErrCurrency},
		{in: "$175,000.00", european: true, want: "175000"},
		{in: "1 234,5 USD", european: true, want: "1234.5"},
		{in: "€175,000", err: importers.ErrCurrency},
		{in: "175,000 €", err: importers.ErrCurrency},
		{in: "£175,000", err: importers.ErrCurrency},
		{in: "¥175000", err: importers.ErrCurrency},
		{in: "EUR 175,000", err: importers.ErrCurrency},
		{in: "175000 GBP", err: importers.ErrCurrency},
		{in: "CAD 175000", err: importers.ErrCurrency},
		{in: "C$175,000", err: importers.ErrCurrency},
		{in: "175000cad", err: importers.ErrCurrency},
		{in: "12,5k", err: importers.ErrInvalidAmount},
		{in: "1,23,000", err: importers.ErrInvalidAmount},
		{in: "", err: importers.ErrInvalidAmount},
		{in: "   ", err: importers.ErrInvalidAmount},
		{in: "abc", err: importers.ErrInvalidAmount},
		{in: "$", err: importers.ErrInvalidAmount},
		{in: "USD", err: importers.ErrInvalidAmount},
		{in: "K", err: importers.ErrInvalidAmount},
		{in: "1.2.3", err: importers.ErrInvalidAmount},
		{in: "--5", err: importers.ErrInvalidAmount},
		{in: "1e999999", err: importers.ErrInvalidAmount},
		{in: "1e5k", err: importers.ErrInvalidAmount},
		{in: "1,000 000", err: importers.ErrInvalidAmount},
		{in: "9999999999999999", err: importers.ErrInvalidAmount},
		{in: "175000 dollars", err: importers.ErrInvalidAmount},
		{in: "=1+1", err: importers.ErrInvalidAmount},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := importers.ParseMoney(tc.in, tc.european)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("ParseMoney(%q, %v) = %v, %v; want error %v", tc.in, tc.european, got, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseMoney(%q, %v): %v", tc.in, tc.european, err)
			}
			if want := decimal.RequireFromString(tc.want); !got.Equal(want) {
				t.Errorf("ParseMoney(%q, %v) = %s, want %s", tc.in, tc.european, got, want)
			}
		})
	}
}

func TestParseMoneyErrorMessage(t *testing.T) {
	_, err := importers.ParseMoney("12,5k", false)
	if got, want := err.Error(), `invalid amount "12,5k"`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	_, err = importers.ParseMoney("€175,000", false)
	if got, want := err.Error(), `currency is not USD: € in "€175,000"`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in       string
		european bool
		want     string
		wantErr  bool
	}{
		{in: "1000", want: "1000"},
		{in: "1,000", want: "1000"},
		{in: "1.000", european: true, want: "1000"},
		{in: "7.5", want: "7.5"},
		{in: "7,5", european: true, want: "7.5"},
		{in: "2k", want: "2000"},
		{in: "1.5E3", want: "1500"},
		{in: "010", want: "10"}, // never octal
		{in: "$1000", wantErr: true},
		{in: "1000 USD", wantErr: true},
		{in: "ten", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := importers.ParseNumber(tc.in, tc.european)
			if tc.wantErr {
				if !errors.Is(err, importers.ErrInvalidNumber) {
					t.Fatalf("ParseNumber(%q) = %v, %v; want ErrInvalidNumber", tc.in, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseNumber(%q): %v", tc.in, err)
			}
			if want := decimal.RequireFromString(tc.want); !got.Equal(want) {
				t.Errorf("ParseNumber(%q) = %s, want %s", tc.in, got, want)
			}
		})
	}
}

func TestParsePercent(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{in: "15%", want: "0.15"},
		{in: "15 %", want: "0.15"},
		{in: "15", want: "0.15"},
		{in: "0.15", want: "0.15"},
		{in: "1", want: "1"}, // ≤ 1 is a fraction: 100%
		{in: "1%", want: "0.01"},
		{in: "0", want: "0"},
		{in: "0%", want: "0"},
		{in: "12.5%", want: "0.125"},
		{in: "12,5%", want: "0.125"},
		{in: "12.5", want: "0.125"},
		{in: "150%", want: "1.5"},
		{in: "15pct", want: "0.15"},
		{in: "1.5E-1", want: "0.15"},
		{in: "-5%", wantErr: true},
		{in: "5000%", wantErr: true},
		{in: "%", wantErr: true},
		{in: "", wantErr: true},
		{in: "fifteen", wantErr: true},
		{in: "$15", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := importers.ParsePercent(tc.in)
			if tc.wantErr {
				if !errors.Is(err, importers.ErrInvalidPercent) {
					t.Fatalf("ParsePercent(%q) = %v, %v; want ErrInvalidPercent", tc.in, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParsePercent(%q): %v", tc.in, err)
			}
			if want := decimal.RequireFromString(tc.want); !got.Equal(want) {
				t.Errorf("ParsePercent(%q) = %s, want %s", tc.in, got, want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	march1 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{in: "2026-03-01", want: march1},
		{in: "2026-3-1", want: march1},
		{in: "2026/03/01", want: march1},
		{in: "3/1/2026", want: march1},
		{in: "03/01/2026", want: march1},
		{in: "03/01/26", want: march1},
		{in: "3/1/26", want: march1},
		{in: "Mar 1, 2026", want: march1},
		{in: "mar 1 2026", want: march1},
		{in: "March 1, 2026", want: march1},
		{in: "1 March 2026", want: march1},
		{in: "1 Mar 2026", want: march1},
		{in: "1-Mar-2026", want: march1},
		{in: "01-Mar-26", want: march1},
		{in: "01.03.2026", want: march1},
		{in: "20260301", want: march1},
		{in: "2026-03-01T09:30:00Z", want: march1},
		{in: "2026-03-01 09:30:00", want: march1},
		{in: "2026-03-01T00:00:00", want: march1},
		{in: "2026-03-01T23:59:59.999", want: march1},
		{in: "2026-03-01T09:30:00-08:00", want: march1},
		{in: "46082", want: march1},
		{in: "46082.0", want: march1},
		{in: "46082.75", want: march1},
		{in: "4.6082E4", want: march1},
		{in: " 46082 ", want: march1},
		{in: "1", want: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)},
		{in: "59", want: time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC)},
		{in: "61", want: time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)},
		{in: "109939", want: time.Date(2200, 12, 31, 0, 0, 0, 0, time.UTC)},
		{in: "109940", wantErr: true}, // 2201-01-01
		{in: "9999-12-31", wantErr: true},
		{in: "2958465", wantErr: true},
		{in: "60", wantErr: true}, // Lotus 1-2-3's 1900-02-29
		{in: "0", wantErr: true},
		{in: "2958466", wantErr: true},
		{in: "2026-02-30", wantErr: true},
		{in: "13/1/2026", wantErr: true},
		{in: "yesterday", wantErr: true},
		{in: "", wantErr: true},
		{in: "-5", wantErr: true},
		{in: "0001-01-01", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := importers.ParseDate(tc.in)
			if tc.wantErr {
				if !errors.Is(err, importers.ErrInvalidDate) {
					t.Fatalf("ParseDate(%q) = %v, %v; want ErrInvalidDate", tc.in, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tc.in, err)
			}
			if !got.Equal(tc.want) || got.Location() != time.UTC {
				t.Errorf("ParseDate(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
