package importers_test

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/shopspring/decimal"
)

func readCSV(t *testing.T, name, text string) result {
	t.Helper()
	var res result
	emit, reject := collector(&res)
	res.stats, res.err = importers.ReadCSV(context.Background(), strings.NewReader(text), name, emit, reject)
	if res.err == nil {
		checkInvariant(t, res)
	}
	return res
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestReadCSVCommaFile(t *testing.T) {
	// BOM, CRLF, aliases, a quoted multi-line note, then a bad row: its row
	// number must be its first line (5), not its record index (3).
	text := "\ufeffOffer ID,Name,Employer,Level,Location,Base Salary,RSU grant,Sign-on Year 1,Sign-on Year 2,Target bonus %,Start date,Notes\r\n" +
		"O-1,Ann,Amazon,SDE III,SF,\"$175,000\",300K,\"80,000\",\"60,000\",15%,2026-03-01,\"line one\r\nline two\r\nline three\"\r\n" +
		"O-2,Bob,Google,L5,NYC,lots,200000,,,,,\r\n" +
		"O-3,Cy,,Principal,Remote,250000,500000,,,0.1,46082,\r\n"
	res := readCSV(t, "offers.csv", text)
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got, want := res.stats, (importers.Stats{Rows: 3, Offers: 2, Rejected: 1}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	if len(res.errs) != 1 {
		t.Fatalf("got %d row errors, want 1", len(res.errs))
	}
	e := res.errs[0]
	wantErr := importers.RowError{File: "offers.csv", Row: 5, Column: "Base Salary", Value: "lots"}
	if e.File != wantErr.File || e.Sheet != "" || e.Row != wantErr.Row || e.Column != wantErr.Column || e.Value != wantErr.Value {
		t.Errorf("row error = %+v, want %+v", *e, wantErr)
	}
	if !errors.Is(e, importers.ErrInvalidAmount) {
		t.Errorf("row error %v does not wrap ErrInvalidAmount", e)
	}
	if got, want := e.Error(), `offers.csv:5: column "Base Salary": invalid amount "lots"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := e.Rejection(), (analyzer.Rejection{File: "offers.csv", Row: 5, Column: "Base Salary",
		Value: "lots", Reason: `invalid amount "lots"`, Candidate: "Bob"}); got != want {
		t.Errorf("Rejection() = %+v, want %+v", got, want)
	}

	if got, want := sources(res.offers), []analyzer.Source{{File: "offers.csv", Row: 2}, {File: "offers.csv", Row: 6}}; !reflect.DeepEqual(got, want) {
		t.Errorf("sources = %v, want %v", got, want)
	}
	o := res.offers[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"ID", o.ID, "O-1"},
		{"Candidate", o.Candidate, "Ann"},
		{"Company", o.Company, "Amazon"},
		{"CompanyType", o.CompanyType, "FAANG"},
		{"Track", o.Track, "SDE"},
		{"Level", o.Level, "L6"},
		{"Location", o.Location, "Bay Area"},
		{"Base", o.Base.String(), "175000"},
		{"RSUValue", o.RSUValue.Decimal.String(), "300000"},
		{"SignOnY1", o.SignOnY1.String(), "80000"},
		{"SignOnY2", o.SignOnY2.String(), "60000"},
		{"BonusPct", o.BonusPct.String(), "0.15"},
		{"StartDate", o.StartDate, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"Schedule", o.Schedule.String(), "5/15/40/40"},
		{"Notes", o.Notes, "line one\nline two\nline three"},
		{"Defaulted", o.Defaulted, []string{"track", "vesting", "company_type"}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("offer 1 %s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	o3 := res.offers[1]
	if o3.Level != "L7" || o3.Company != "Amazon" || !o3.StartDate.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) || !o3.BonusPct.Equal(dec("0.1")) {
		t.Errorf("offer 3 = %+v", *o3)
	}
	if want := []string{"company", "track", "vesting", "company_type"}; !reflect.DeepEqual(o3.Defaulted, want) {
		t.Errorf("offer 3 Defaulted = %v, want %v", o3.Defaulted, want)
	}
}

func TestReadCSVSemicolonEuropean(t *testing.T) {
	text := "id;level;location;base;rsu_value;sign_on_y1;bonus_pct;start_date\n" +
		"e1;L5;Austin;175.000,00;\"1.234,5\";80000;12,5%;01.03.2026\n" +
		"e2;L6;Seattle;\"$200.000,00\";300.000;;;\n"
	res := readCSV(t, "eu.csv", text)
	if res.err != nil {
		t.Fatal(res.err)
	}
	if len(res.offers) != 2 || len(res.errs) != 0 {
		t.Fatalf("got %d offers, %v errors; want 2 offers", len(res.offers), res.errs)
	}
	for i, want := range []struct{ base, rsu string }{{"175000", "1234.5"}, {"200000", "300000"}} {
		o := res.offers[i]
		if !o.Base.Equal(dec(want.base)) || !o.RSUValue.Decimal.Equal(dec(want.rsu)) {
			t.Errorf("offer %d base, rsu = %s, %s; want %s, %s", i+1, o.Base, o.RSUValue.Decimal, want.base, want.rsu)
		}
	}
	if o := res.offers[0]; !o.BonusPct.Equal(dec("0.125")) || !o.StartDate.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("offer 1 bonus, start = %s, %v", o.BonusPct, o.StartDate)
	}
}

func TestReadCSVLineEndingsAndBOM(t *testing.T) {
	body := "level,location,base,rsu_value\nL5,Seattle,175000,300000\nL6,Austin,200000,400000\n"
	for _, tc := range []struct{ name, text string }{
		{"LF", body},
		{"CRLF", strings.ReplaceAll(body, "\n", "\r\n")},
		{"BOM", "\ufeff" + body},
		{"BOM CRLF", "\ufeff" + strings.ReplaceAll(body, "\n", "\r\n")},
		{"no final newline", strings.TrimSuffix(body, "\n")},
		{"tab", strings.ReplaceAll(body, ",", "\t")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := readCSV(t, "f.csv", tc.text)
			if res.err != nil {
				t.Fatal(res.err)
			}
			if got, want := sources(res.offers), []analyzer.Source{{File: "f.csv", Row: 2}, {File: "f.csv", Row: 3}}; !reflect.DeepEqual(got, want) {
				t.Errorf("sources = %v, want %v", got, want)
			}
			if len(res.offers) == 2 && (res.offers[0].Level != "L5" || !res.offers[1].RSUValue.Decimal.Equal(dec("400000"))) {
				t.Errorf("offers = %+v, %+v", *res.offers[0], *res.offers[1])
			}
		})
	}
}

func TestReadCSVRowErrors(t *testing.T) {
	header := "id,level,location,base,rsu_value,rsu_shares,vesting,team_stability,start_date\n"
	tests := []struct {
		name   string
		row    string
		column string
		value  string
		err    error
	}{
		{"blank level", "a,,Seattle,175000,300000,,,,", "level", "", importers.ErrMissingValue},
		{"blank base", "a,L5,Seattle,  ,300000,,,,", "base", "  ", importers.ErrMissingValue},
		{"no rsu", "a,L5,Seattle,175000,,,,,", "rsu_value", "", importers.ErrMissingValue},
		{"bad base", "a,L5,Seattle,lots,300000,,,,", "base", "lots", importers.ErrInvalidAmount},
		{"zero base", "a,L5,Seattle,0,300000,,,,", "base", "0", importers.ErrInvalidAmount},
		{"negative rsu", "a,L5,Seattle,175000,(5),,,,", "rsu_value", "(5)", importers.ErrInvalidAmount},
		{"euro base", "a,L5,Seattle,€100,300000,,,,", "base", "€100", importers.ErrCurrency},
		{"bad shares", "a,L5,Seattle,175000,,many,,,", "rsu_shares", "many", importers.ErrInvalidNumber},
		{"vesting sum", "a,L5,Seattle,175000,300000,,5/15/40/30,,", "vesting", "5/15/40/30", analyzer.ErrScheduleSum},
		{"vesting unknown", "a,L5,Seattle,175000,300000,,weekly,,", "vesting", "weekly", analyzer.ErrUnknownSchedule},
		{"score range", "a,L5,Seattle,175000,300000,,,11,", "team_stability", "11", importers.ErrInvalidNumber},
		{"bad date", "a,L5,Seattle,175000,300000,,,,soon", "start_date", "soon", importers.ErrInvalidDate},
		{"small base", "a,L5,Seattle,175,300000,,,,", "base", "175", importers.ErrInvalidAmount},
		{"sum base", "a,L5,Seattle,\"$90,000 + $70,000\",300000,,,,", "base", "$90,000 + $70,000", importers.ErrInvalidAmount},
		{"negative vesting", "a,L5,Seattle,175000,300000,,40/-20/80,,", "vesting", "40/-20/80", analyzer.ErrUnknownSchedule},
		{"year 9999", "a,L5,Seattle,175000,300000,,,,9999-01-01", "start_date", "9999-01-01", importers.ErrInvalidDate},
		{"year 1850", "a,L5,Seattle,175000,300000,,,,1850-01-01", "start_date", "1850-01-01", importers.ErrInvalidDate},
		{"small rsu grant", "a,L5,Seattle,175000,11,,,,", "rsu_value", "11", importers.ErrInvalidAmount},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readCSV(t, "bad.csv", header+tc.row+"\n")
			if res.err != nil {
				t.Fatal(res.err)
			}
			if len(res.errs) != 1 {
				t.Fatalf("got %d errors (%v) and %d offers, want 1 error", len(res.errs), res.errs, len(res.offers))
			}
			e := res.errs[0]
			if e.File != "bad.csv" || e.Row != 2 || e.Column != tc.column || e.Value != tc.value || !errors.Is(e, tc.err) {
				t.Errorf("got %+v (%v), want row 2 column %q value %q wrapping %v", *e, e, tc.column, tc.value, tc.err)
			}
		})
	}
}

func TestReadCSVFileErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		err  error
	}{
		{"empty", "", importers.ErrNoHeader},
		{"no known header", "a,b,c\n1,2,3\n", importers.ErrNoHeader},
		{"missing base", "level,location,rsu_value\nL5,Seattle,1\n", importers.ErrMissingColumn},
		{"missing rsu", "level,location,base\nL5,Seattle,1\n", importers.ErrMissingColumn},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readCSV(t, "f.csv", tc.text)
			if !errors.Is(res.err, tc.err) {
				t.Fatalf("error = %v, want %v", res.err, tc.err)
			}
			if res.stats.Rows != 0 || len(res.offers)+len(res.errs) != 0 {
				t.Errorf("rows were read: %+v", res.stats)
			}
		})
	}
	res := readCSV(t, "f.csv", "level,location,rsu_value\nL5,Seattle,1\n")
	if got, want := res.err.Error(), `f.csv:1: column "base": missing required column "base"`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestReadCSVOtherColumns(t *testing.T) {
	text := "Recruiter,level,location,base,Referrer,rsu_value,=cmd,,Notes\n" +
		"Jo,L5,Seattle,175000,L9,300000,x,,\"=HYPERLINK(\"\"http://x\"\")\"\n" +
		"Al,L5,Seattle,175000,,300000\n" +
		"Mo,L5,Seattle,175000,L4,300000,y,,\n"
	res := readCSV(t, "o.csv", text)
	if res.err != nil || len(res.offers) != 3 {
		t.Fatalf("err %v, %d offers, errors %v", res.err, len(res.offers), res.errs)
	}
	want := [][]analyzer.Field{
		{{Name: "Recruiter", Value: "Jo"}, {Name: "Referrer", Value: "L9"}, {Name: "=cmd", Value: "x"}},
		{{Name: "Recruiter", Value: "Al"}}, // blank unknown cells are not kept
		{{Name: "Recruiter", Value: "Mo"}, {Name: "Referrer", Value: "L4"}, {Name: "=cmd", Value: "y"}},
	}
	for i, o := range res.offers {
		if !reflect.DeepEqual(o.Other, want[i]) {
			t.Errorf("offer %d Other = %#v, want %#v", i+1, o.Other, want[i])
		}
	}
	if got := res.offers[0].Notes; got != `=HYPERLINK("http://x")` {
		t.Errorf("Notes = %q, want the formula text verbatim", got)
	}
}

func TestReadCSVTextVerbatim(t *testing.T) {
	text := "id,candidate,company,level,location,base,rsu_value\n" +
		"=1+1,+SUM(A1),@cmd,L5,Seattle,175000,300000\n" +
		"-x,\"  Ann  \",Acme,L5,Seattle,175000,300000\n"
	res := readCSV(t, "v.csv", text)
	if len(res.offers) != 2 {
		t.Fatalf("got %d offers, errors %v", len(res.offers), res.errs)
	}
	o := res.offers[0]
	if o.ID != "=1+1" || o.Candidate != "+SUM(A1)" || o.Company != "@cmd" {
		t.Errorf("offer 1 = %q %q %q, want the text as written", o.ID, o.Candidate, o.Company)
	}
	if o := res.offers[1]; o.ID != "-x" || o.Candidate != "Ann" || o.CompanyType != "" || o.IsDefaulted("company_type") {
		t.Errorf("offer 2 = %q %q type %q defaulted %v", o.ID, o.Candidate, o.CompanyType, o.Defaulted)
	}
}

func TestReadCSVSkippedRowsAndTitles(t *testing.T) {
	text := "Offers export 2026\n" +
		"\n" +
		"level,location,base,rsu_value\n" +
		"L5,Seattle,175000,300000\n" +
		",,,\n" +
		"L6,Austin,200000,400000\n" +
		"Total,,375000,700000\n"
	res := readCSV(t, "t.csv", text)
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got, want := res.stats, (importers.Stats{Rows: 2, Offers: 2, Skipped: 2, Totals: 1}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	if got, want := sources(res.offers), []analyzer.Source{{File: "t.csv", Row: 4}, {File: "t.csv", Row: 6}}; !reflect.DeepEqual(got, want) {
		t.Errorf("sources = %v, want %v", got, want)
	}
	if id := res.offers[0].ID; id != "t row 4" {
		t.Errorf("default id = %q, want \"t row 4\"", id)
	}
}

func TestReadCSVMalformedRow(t *testing.T) {
	text := "level,location,base,rsu_value\n" +
		"L5,Seattle,175000,300000\n" +
		"L5,Sea\"ttle,175000,300000\n" +
		"L6,Austin,200000,400000\n"
	res := readCSV(t, "m.csv", text)
	if res.err != nil {
		t.Fatal(res.err)
	}
	if len(res.offers) != 2 || len(res.errs) != 1 {
		t.Fatalf("got %d offers, errors %v; want 2 offers and 1 error", len(res.offers), res.errs)
	}
	if e := res.errs[0]; e.Row != 3 || !errors.Is(e, importers.ErrMalformedRow) {
		t.Errorf("error = %+v (%v), want row 3 wrapping ErrMalformedRow", *e, e)
	}
}

func TestReadCSVStops(t *testing.T) {
	var b strings.Builder
	b.WriteString("level,location,base,rsu_value\n")
	for i := 0; i < 100; i++ {
		b.WriteString("L5,Seattle,175000,300000\n")
	}
	stop := errors.New("stop")
	n := 0
	st, err := importers.ReadCSV(context.Background(), strings.NewReader(b.String()), "s.csv",
		func(*analyzer.Offer) error {
			if n++; n == 10 {
				return stop
			}
			return nil
		}, nil)
	if !errors.Is(err, stop) || n != 10 || st.Offers != 10 {
		t.Errorf("emit error: err %v, %d emits, stats %+v; want stop after 10", err, n, st)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	st, err = importers.ReadCSV(ctx, strings.NewReader(b.String()), "s.csv",
		func(*analyzer.Offer) error {
			if n++; n == 5 {
				cancel()
			}
			return nil
		}, nil)
	if !errors.Is(err, context.Canceled) || n != 5 || st.Rows != 5 {
		t.Errorf("cancel: err %v, %d emits, stats %+v; want context.Canceled after 5", err, n, st)
	}
}

func TestReadCSVWalkAwayInputs(t *testing.T) {
	text := "level,location,base,rsu_value,current_tc,Cost of living adjustment,Risk premium,Growth opportunity value,floor\n" +
		"L6,Seattle,175000,300000,240000,(10000),20000,15000,\n" +
		"L6,Seattle,175000,300000,240000,,,,300000\n"
	res := readCSV(t, "w.csv", text)
	if len(res.offers) != 2 {
		t.Fatalf("got %d offers, errors %v", len(res.offers), res.errs)
	}
	o := res.offers[0]
	if !o.ColAdjustment.Equal(dec("-10000")) || !o.RiskPremium.Equal(dec("20000")) || !o.GrowthValue.Equal(dec("15000")) || o.Floor.Valid {
		t.Errorf("offer 1 col %s risk %s growth %s floor %v", o.ColAdjustment, o.RiskPremium, o.GrowthValue, o.Floor)
	}
	if got := analyzer.WalkAway(o); !got.Valid || !got.Decimal.Equal(dec("265000")) {
		t.Errorf("WalkAway = %v, want 265000", got)
	}
	if o := res.offers[1]; !o.Floor.Valid || !o.Floor.Decimal.Equal(dec("300000")) || !o.CurrentTC.Decimal.Equal(dec("240000")) {
		t.Errorf("offer 2 floor %v current %v", o.Floor, o.CurrentTC)
	}
}

func TestReadCSVForeignCurrencyHeader(t *testing.T) {
	tests := []struct {
		header   string
		rejected bool
	}{
		{"Base (EUR)", true},
		{"Base €", true},
		{"Base GBP", true},
		{"Base (USD)", false},
		{"Base ($)", false},
		{"Base salary", false},
	}
	for _, tc := range tests {
		t.Run(tc.header, func(t *testing.T) {
			res := readCSV(t, "c.csv", "level,location,"+tc.header+",rsu_value\nL5,Seattle,175000,300000\n")
			if res.err != nil {
				t.Fatal(res.err)
			}
			if tc.rejected {
				if len(res.errs) != 1 || !errors.Is(res.errs[0], importers.ErrCurrency) || res.errs[0].Column != tc.header {
					t.Errorf("errors = %v, want one ErrCurrency on column %q", res.errs, tc.header)
				}
				return
			}
			if len(res.offers) != 1 || !res.offers[0].Base.Equal(dec("175000")) {
				t.Errorf("offers = %v, errors = %v; want base 175000", res.offers, res.errs)
			}
		})
	}
}

// failingReader returns its text, then an error instead of EOF.
type failingReader struct {
	r   *strings.Reader
	err error
}

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err != nil {
		return n, f.err
	}
	return n, nil
}

func TestReadCSVReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	var b strings.Builder
	b.WriteString("level,location,base,rsu_value\n")
	for i := 0; i < 5000; i++ { // more than the sniffed head
		b.WriteString("L5,Seattle,175000,300000\n")
	}
	var res result
	emit, reject := collector(&res)
	res.stats, res.err = importers.ReadCSV(context.Background(), &failingReader{strings.NewReader(b.String()), boom}, "e.csv", emit, reject)
	if !errors.Is(res.err, boom) {
		t.Fatalf("error = %v, want %v", res.err, boom)
	}
	checkInvariant(t, res)
}

// TestReadCSVRowDataTravelsWithRow checks that each offer carries its own
// row number and unknown-column values although gocsv decodes ahead of the
// conversion on another goroutine.
func TestReadCSVRowDataTravelsWithRow(t *testing.T) {
	var b strings.Builder
	b.WriteString("level,location,base,rsu_value,line\n")
	line := 2
	for i := 0; i < 3000; i++ {
		if i%7 == 0 { // a two-line record now and then
			b.WriteString("L5,Seattle,175000,300000,\"" + itoa(line) + "\n\"\n")
			line += 2
			continue
		}
		if i%11 == 0 {
			b.WriteString("L5,Seattle,bad,300000," + itoa(line) + "\n")
		} else {
			b.WriteString("L5,Seattle,175000,300000," + itoa(line) + "\n")
		}
		line++
	}
	res := readCSV(t, "big.csv", b.String())
	if res.err != nil {
		t.Fatal(res.err)
	}
	for _, o := range res.offers {
		if len(o.Other) != 1 || strings.TrimSpace(o.Other[0].Value) != itoa(o.Source.Row) {
			t.Fatalf("offer at row %d carries Other %v", o.Source.Row, o.Other)
		}
	}
	prev := 0
	for _, e := range res.errs {
		if e.Row <= prev {
			t.Fatalf("row errors out of order: %d after %d", e.Row, prev)
		}
		prev = e.Row
	}
	if res.stats.Rows != 3000 || res.stats.Rejected == 0 {
		t.Errorf("stats = %+v", res.stats)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestAmazonTitleLevels(t *testing.T) {
	res := readCSV(t, "t.csv", "company,track,level,location,base,rsu_value\n"+
		"Google,SDE,SDE III,Seattle,200000,100000\n"+
		"Google,EM,SDM II,Seattle,200000,100000\n"+
		"Google,SDE,L6,Seattle,200000,100000\n"+
		"Stripe,PM,Senior,Seattle,200000,100000\n")
	want := []struct {
		level string
		title bool
	}{{"L6", true}, {"L6", true}, {"L6", false}, {"L6", false}}
	if len(res.offers) != len(want) {
		t.Fatalf("%d offers, errors %v", len(res.offers), res.errs)
	}
	for i, w := range want {
		if o := res.offers[i]; o.Level != w.level || o.AmazonTitle != w.title {
			t.Errorf("row %d: level %q Amazon title %v, want %q %v", i+2, o.Level, o.AmazonTitle, w.level, w.title)
		}
	}
}
