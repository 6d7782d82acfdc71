package exporters

import (
	"encoding/json"
	"testing"
)

// jsonStringCases are texts results.json meets, and every kind encoding/json
// escapes.
var jsonStringCases = []string{
	"", "plain", "Candidate 000017", "Hi Sam — thanks for the offer: $325,000 a year.",
	`a "quote"`, `back\slash`, "line\nfeed", "tab\t", "cr\r", "\b\f", "\x00nul", "\x1f", "\x7f del",
	"<b>", "AT&T", "->", "é ü 😀", "\u2028 and \u2029", "bad \xff utf8", "\xe2\x80", "Δ total −5%",
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
