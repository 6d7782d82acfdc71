package analyzer_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		text   string
		name   string
		yearly string
		events int
		err    error
	}{
		{text: "amazon", name: "amazon", yearly: "5/15/40/40", events: 6},
		{text: " Amazon ", name: "amazon", yearly: "5/15/40/40", events: 6},
		{text: "even", name: "even", yearly: "25/25/25/25", events: 4},
		{text: "google", name: "google", yearly: "33/33/22/12", events: 48},
		{text: "Front Loaded", name: "front-loaded", yearly: "38/32/20/10", events: 4},
		{text: "meta", name: "meta", yearly: "25/25/25/25", events: 16},
		{text: "5/15/40/40", name: "5/15/40/40", yearly: "5/15/40/40", events: 4},
		{text: "10% / 20% / 30% / 40%", name: "10/20/30/40", yearly: "10/20/30/40", events: 4},
		{text: "50/50", name: "50/50", yearly: "50/50", events: 2},
		{text: "33.4/33.3/33.3", name: "33.4/33.3/33.3", yearly: "33.4/33.3/33.3", events: 3},
		{text: "5/15/40/41", err: analyzer.ErrScheduleSum},
		{text: "25/25/25", err: analyzer.ErrScheduleSum},
		{text: "monthly", err: analyzer.ErrUnknownSchedule},
		{text: "a/b", err: analyzer.ErrUnknownSchedule},
		{text: "", err: analyzer.ErrUnknownSchedule},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			s, err := analyzer.ParseSchedule(tc.text)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Name != tc.name || s.String() != tc.yearly || len(s.Vests) != tc.events {
				t.Errorf("got name %q yearly %q events %d, want %q %q %d", s.Name, s.String(), len(s.Vests), tc.name, tc.yearly, tc.events)
			}
			// The events of each year add up to that year's percentage exactly.
			for year := 1; year <= len(s.Yearly); year++ {
				sum := decimal.Zero
				for _, v := range s.Vests {
					if (v.Month+11)/12 == year {
						sum = sum.Add(v.Percent)
					}
				}
				if !sum.Equal(s.Percent(year)) {
					t.Errorf("year %d events sum to %s, want %s", year, sum, s.Percent(year))
				}
			}
		})
	}
}

func TestAmazonVestDates(t *testing.T) {
	s := analyzer.MustSchedule("amazon")
	want := []struct {
		month int
		pct   string
	}{{12, "5"}, {24, "15"}, {30, "20"}, {36, "20"}, {42, "20"}, {48, "20"}}
	for i, w := range want {
		if s.Vests[i].Month != w.month || !s.Vests[i].Percent.Equal(d(w.pct)) {
			t.Errorf("vest %d = %d months %s%%, want %d months %s%%", i, s.Vests[i].Month, s.Vests[i].Percent, w.month, w.pct)
		}
	}
}

func TestCanonicalNames(t *testing.T) {
	tests := []struct {
		fn       func(string) string
		in, want string
	}{
		{analyzer.CanonicalLocation, "SF", "Bay Area"},
		{analyzer.CanonicalLocation, "San Francisco", "Bay Area"},
		{analyzer.CanonicalLocation, "Bay_Area", "Bay Area"},
		{analyzer.CanonicalLocation, "NYC", "New York"},
		{analyzer.CanonicalLocation, "ny", "New York"},
		{analyzer.CanonicalLocation, " seattle ", "Seattle"},
		{analyzer.CanonicalLocation, "Lisbon", "Lisbon"},
		{analyzer.CanonicalLevel, "SDE III", "L6"},
		{analyzer.CanonicalLevel, "Senior", "L6"},
		{analyzer.CanonicalLevel, "SDM II", "L6"},
		{analyzer.CanonicalLevel, "Principal", "L7"},
		{analyzer.CanonicalLevel, "Senior Principal", "L7"},
		{analyzer.CanonicalLevel, "l5", "L5"},
		{analyzer.CanonicalTrack, "SDM", "EM"},
		{analyzer.CanonicalTrack, "SWE", "SDE"},
		{analyzer.CanonicalTrack, "tpm", "PM"},
		{analyzer.InferCompanyType, "Facebook", "FAANG"},
		{analyzer.InferCompanyType, "Netflix", "FAANG"},
		{analyzer.InferCompanyType, "Stripe", ""},
	}
	for _, tc := range tests {
		if got := tc.fn(tc.in); got != tc.want {
			t.Errorf("%q → %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzParseSchedule: any vesting text either fails with ErrScheduleSum or
// ErrUnknownSchedule, or gives a schedule whose years sum to exactly 100 and
// whose vest events add up to each year.
func FuzzParseSchedule(f *testing.F) {
	for _, seed := range []string{"amazon", "Google", "5/15/40/40", "10% / 20% / 30% / 40%", "50/50", "33.4/33.3/33.3", "", "/", "1e2", "-5/105", "100/0/0", "40/-20/80", "- 5/15/40/40", "5/15/40/40-", "25%/25 %/ 25/25"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := analyzer.ParseSchedule(text)
		if err != nil {
			if !errors.Is(err, analyzer.ErrScheduleSum) && !errors.Is(err, analyzer.ErrUnknownSchedule) {
				t.Fatalf("%q: unexpected error %v", text, err)
			}
			return
		}
		sum := decimal.Zero
		for y := 1; y <= len(s.Yearly); y++ {
			sum = sum.Add(s.Percent(y))
			events := decimal.Zero
			for _, v := range s.Vests {
				if (v.Month+11)/12 == y {
					events = events.Add(v.Percent)
				}
			}
			if !events.Equal(s.Percent(y)) {
				t.Fatalf("%q: year %d events %s, year %s", text, y, events, s.Percent(y))
			}
		}
		if !sum.Equal(decimal.NewFromInt(100)) {
			t.Fatalf("%q: parsed schedule sums to %s", text, sum)
		}
		// Signs are kept: no entry is negative, and each entry of an
		// explicit list is the number written ("40/-20/80" is never
		// read as 40/20/40).
		for _, p := range s.Yearly {
			if p.IsNegative() {
				t.Fatalf("%q: negative entry %s accepted", text, p)
			}
		}
		if strings.Contains(text, "/") {
			parts := strings.Split(text, "/")
			if len(parts) != len(s.Yearly) {
				t.Fatalf("%q: %d parts read as %d years", text, len(parts), len(s.Yearly))
			}
			for i, part := range parts {
				d, err := decimal.NewFromString(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), "%")))
				if err == nil && !d.Equal(s.Yearly[i]) {
					t.Fatalf("%q: entry %q read as %s", text, part, s.Yearly[i])
				}
			}
		}
	})
}
