package console

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
)

// TestTextAndJSON: in text, a written path goes to stdout and events to
// stderr as "offerbook: MESSAGE (key: value)"; quiet keeps warnings only;
// in JSON, every event is a JSON line on stderr.
func TestTextAndJSON(t *testing.T) {
	for _, tc := range []struct {
		name        string
		quiet, json bool
		stdout      string
		stderr      []string
	}{
		{"text", false, false, "out/a.xlsx\n", []string{"offerbook: cleaned (dir: out; files: 2)\n", "offerbook: waiting (dir: out)\n", "done line\n", "a.csv:2: column \"base\": bad\n"}},
		{"quiet", true, false, "", []string{"offerbook: waiting (dir: out)\n", "a.csv:2: column \"base\": bad\n"}},
		{"json", false, true, "", []string{`"msg":"cleaned","dir":"out","files":2}`, `"level":"WARN","msg":"waiting"`, `"msg":"wrote","file":"out/a.xlsx"`, `"msg":"done","offers":3}`, `"msg":"rejected row"`, `"level":"ERROR","msg":"boom","exit_code":1}`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			c := New(&stdout, &stderr, tc.quiet, tc.json)
			c.Log.Info("cleaned", "dir", "out", "files", 2)
			c.Log.Warn("waiting", "dir", "out")
			c.Wrote("out/a.xlsx")
			c.Done("done line", "offers", 3)
			c.Rejections([]analyzer.Rejection{{File: "a.csv", Row: 2, Column: "base", Reason: "bad"}})
			if tc.json {
				c.Fail(errors.New("boom"), 1)
			}
			if stdout.String() != tc.stdout {
				t.Errorf("stdout %q, want %q", stdout.String(), tc.stdout)
			}
			got := stderr.String()
			for _, want := range tc.stderr {
				if !strings.Contains(got, want) {
					t.Errorf("stderr lacks %q:\n%s", want, got)
				}
			}
			if tc.quiet && strings.Contains(got, "cleaned") {
				t.Errorf("quiet printed an info event:\n%s", got)
			}
		})
	}
}

// TestListRejectionsCaps: at most MaxListedRejections rows are listed,
// then how many more there are.
func TestListRejectionsCaps(t *testing.T) {
	rows := make([]analyzer.Rejection, MaxListedRejections+2)
	for i := range rows {
		rows[i] = analyzer.Rejection{File: "a.csv", Row: i + 2, Reason: "bad"}
	}
	var w bytes.Buffer
	ListRejections(&w, rows)
	lines := strings.Split(strings.TrimSuffix(w.String(), "\n"), "\n")
	if len(lines) != MaxListedRejections+1 || lines[len(lines)-1] != "… and 2 more rejected rows (all are on the Errors sheet and in errors.csv)" {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
}
