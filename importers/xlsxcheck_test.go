package importers

import (
	"errors"
	"strings"
	"testing"
)

// TestXMLScan checks the row count and depth of the streaming scan on XML
// with the shapes that could fool it, fed one byte at a time and whole.
func TestXMLScan(t *testing.T) {
	tests := []struct {
		name, xml   string
		rows, depth int
		err         error
	}{
		{"rows", `<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row/><row>` +
			`</row><rowBreaks count="1"/></sheetData></worksheet>`, 3, 0, nil},
		{"prefixed", `<x:worksheet><x:sheetData><x:row r="1"/><x:row></x:row></x:sheetData></x:worksheet>`, 2, 0, nil},
		{"quoted >", `<numFmt formatCode="[>=100]0/" a='x>'/><row a="/"></row>`, 1, 0, nil},
		{"comment and cdata", `<a><!-- <row> </a> ---><![CDATA[ <row> ]]]><row/></a>`, 1, 0, nil},
		{"deep", strings.Repeat("<a>", maxDepth+1), 0, 0, errDeep},
		{"long text", "<t>" + strings.Repeat("x", maxTextRun+1) + "</t>", 0, 0, errLongText},
		{"long tag", `<c r="` + strings.Repeat("x", maxTextRun+1) + `"/>`, 0, 0, errLongText},
		{"long comment", "<!--" + strings.Repeat("x", maxTextRun+1) + "-->", 0, 0, errLongText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, bytewise := range []bool{false, true} {
				var s xmlScan
				var err error
				if bytewise {
					for i := 0; i < len(tc.xml) && err == nil; i++ {
						_, err = s.Write([]byte{tc.xml[i]})
					}
				} else {
					_, err = s.Write([]byte(tc.xml))
				}
				if !errors.Is(err, tc.err) || (tc.err == nil && (s.rows != tc.rows || s.depth != tc.depth)) {
					t.Errorf("bytewise %v: rows %d depth %d err %v; want rows %d depth %d err %v",
						bytewise, s.rows, s.depth, err, tc.rows, tc.depth, tc.err)
				}
			}
		})
	}
}
