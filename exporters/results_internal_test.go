package exporters

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// jsonStringCases are texts results.json meets, and every kind encoding/json
// escapes.
var jsonStringCases = []string{
	"", "plain", "Candidate 000017", "Hi Sam — thanks for the offer: $325,000 a year.",
	`a "quote"`, `back\slash`, "line\nfeed", "tab\t", "cr\r", "\b\f", "\x00nul", "\x1f", "\x7f del",
	"<b>", "AT&T", "->", "é ü 😀", "\u2028 and \u2029", "bad \xff utf8", "\xe2\x80", "Δ total −5%",
	`"quoted" \ back`, "<b>&amp;</b>", "line\nbreak\r\ttab\b\f", "\x00\x01\x1f\x7f", "café – naïve €",
	"bad \xff utf-8 \xe2\x82", "Dear [Recruiter Name],\n\nThank you — $250,000.",
}

// TestAppendJSONString: every text comes out byte for byte as json.Marshal
// writes it, after what was in the buffer.
func TestAppendJSONString(t *testing.T) {
	for _, s := range jsonStringCases {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(appendJSONString([]byte("x"), s)); got != "x"+string(want) {
			t.Errorf("appendJSONString(%q) = %s, want x%s", s, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStringCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

// csvFieldCases are fields results.csv meets, and every kind encoding/csv
// quotes.
var csvFieldCases = []string{"", "plain", "270000.00", "-59450.00", "a,b", `say "hi"`, "line\nfeed", "cr\r", "crlf\r\n",
	" lead", "\tlead", "\u00a0nbsp lead", "\u2003em space", `\.`, `\.x`, "'=1+1", "é ü 😀", "bad \xff", "\xa0", "trail "}

// csvRecord is what encoding/csv writes for fields, and what
// appendCSVField writes joined by commas, each ending in a line feed.
func csvRecord(t testing.TB, fields []string) (want, got string) {
	var b strings.Builder
	cw := csv.NewWriter(&b)
	if err := cw.Write(fields); err != nil {
		t.Fatal(err)
	}
	cw.Flush()
	var buf []byte
	for i, f := range fields {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendCSVField(buf, f)
	}
	return b.String(), string(append(buf, '\n'))
}

// TestAppendCSVField: each field, and all of them in one record, come out
// byte for byte as encoding/csv writes them.
func TestAppendCSVField(t *testing.T) {
	for _, f := range csvFieldCases {
		if want, got := csvRecord(t, []string{f}); got != want {
			t.Errorf("field %q: %q, want %q", f, got, want)
		}
	}
	if want, got := csvRecord(t, csvFieldCases); got != want {
		t.Errorf("record: %q, want %q", got, want)
	}
}

func FuzzAppendCSVField(f *testing.F) {
	for _, s := range csvFieldCases {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if want, got := csvRecord(t, []string{a, b}); got != want {
			t.Fatalf("record %q: %q, want %q", []string{a, b}, got, want)
		}
	})
}
