package exporters

import (
	"encoding/json"
	"testing"
)

// jsonStrings are texts with every kind of byte appendJSONString escapes.
var jsonStrings = []string{"", "plain", `"quoted" \ back`, "<b>&amp;</b>", "line\nbreak\r\ttab\b\f", "\x00\x01\x1f\x7f",
	"café – naïve €", "\u2028 and \u2029", "bad \xff utf-8 \xe2\x82", "Dear [Recruiter Name],\n\nThank you — $250,000."}

// TestAppendJSONString: every text is written as json.Marshal writes it.
func TestAppendJSONString(t *testing.T) {
	for _, s := range jsonStrings {
		want, _ := json.Marshal(s)
		if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("%q: got %s, want %s", s, got[1:], want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
}
