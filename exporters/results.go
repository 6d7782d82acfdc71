package exporters

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/offerbook/offerbook/analyzer"
)

// safeText makes a text value safe for spreadsheets that open CSV files: a
// value starting with = + - @, a tab or a carriage return gets a leading
// single quote so it is never read as a formula (OWASP CSV injection lists
// all six). Numbers are never passed here.
func safeText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// WriteResultsCSV writes results.csv (see "results.csv and results.json" in
// docs/METHOD.md): a header of ResultColumns, then one row per analysis in
// input order. Money has two places rounded half-even, figures that do not
// apply are blank, and text starting with = + - @, a tab or a carriage return
// is prefixed with a single quote.
func WriteResultsCSV(w io.Writer, run *Run) error {
	cols := resultColumns(run.years(), run.Options.Scenarios)
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf []byte
	for i, c := range cols {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendCSVField(buf, c.name)
	}
	buf = append(buf, '\n')
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	n := run.count()
	defer run.progress("", 0, 0)
	err := run.records().EachWithoutDrafts(func(i int, r *analyzer.Record) error {
		if i%progressEvery == 0 {
			run.progress("results.csv", i, n)
		}
		buf = buf[:0]
		for j, c := range cols {
			if j > 0 {
				buf = append(buf, ',')
			}
			switch v := c.get(r); v.kind {
			case kindText, kindList:
				buf = appendCSVField(buf, safeText(v.s))
			case kindFixed:
				// Digits, a sign and a point: never quoted.
				buf = v.appendNumber(buf)
			default:
				buf = appendCSVField(buf, v.s)
			}
		}
		buf = append(buf, '\n')
		_, err := bw.Write(buf)
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// appendCSVField appends a field as encoding/csv's Writer writes it with
// its defaults (a comma, no CRLF): quoted when it holds a comma, a quote,
// a carriage return or a line feed, starts with a space, or is `\.`, with
// quotes doubled inside.
func appendCSVField(buf []byte, field string) []byte {
	if !csvNeedsQuotes(field) {
		return append(buf, field...)
	}
	buf = append(buf, '"')
	for i := 0; i < len(field); i++ {
		if field[i] == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, field[i])
	}
	return append(buf, '"')
}

// csvNeedsQuotes is encoding/csv's Writer.fieldNeedsQuotes for a comma.
func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` {
		return true
	}
	for i := 0; i < len(field); i++ {
		switch field[i] {
		case '\n', '\r', '"', ',':
			return true
		}
	}
	r1, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r1)
}

// WriteResultsJSON writes results.json: an array with one object per
// analysis in input order, with the keys of results.csv in the same order.
// Money is a JSON number with two places, text a string, and a figure that
// does not apply is null. The document is streamed, one object at a time.
func WriteResultsJSON(w io.Writer, run *Run) error {
	emails, nextRecord := emailColumns(run.Options.AsOf)
	cols := append(resultColumns(run.years(), run.Options.Scenarios), emails...)
	keys := make([][]byte, len(cols))
	for i, c := range cols {
		k, err := json.Marshal(c.name)
		if err != nil {
			return err
		}
		keys[i] = k
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	recs := run.records()
	if recs.Len() == 0 {
		_, _ = bw.WriteString("[]\n")
		return bw.Flush()
	}
	_, _ = bw.WriteString("[\n")
	var buf []byte
	defer run.progress("", 0, 0)
	err := recs.Each(func(i int, r *analyzer.Record) error {
		if i%progressEvery == 0 {
			run.progress("results.json", i, recs.Len())
		}
		nextRecord()
		buf = buf[:0]
		buf = append(buf, "  {"...)
		for j, c := range cols {
			if j > 0 {
				buf = append(buf, ", "...)
			}
			buf = append(buf, keys[j]...)
			buf = append(buf, ": "...)
			v := c.get(r)
			switch v.kind {
			case kindBlank:
				buf = append(buf, "null"...)
			case kindNumber, kindFixed:
				buf = v.appendNumber(buf)
			case kindText:
				buf = appendJSONString(buf, v.s)
			case kindList:
				buf = append(buf, v.json...)
			}
		}
		buf = append(buf, '}')
		if i < recs.Len()-1 {
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
		_, err := bw.Write(buf)
		return err
	})
	if err != nil {
		return err
	}
	_, _ = bw.WriteString("]\n")
	return bw.Flush()
}

// jsonSafe are the ASCII bytes json.Marshal writes as they are.
var jsonSafe = func() (safe [utf8.RuneSelf]bool) {
	for b := range safe {
		safe[b] = b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return safe
}()

// appendJSONString appends s as a JSON string literal, byte for byte as
// json.Marshal writes it (HTML characters, U+2028 and U+2029 escaped,
// invalid UTF-8 replaced), without json.Marshal's allocations.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if jsonSafe[b] {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch b {
			case '\\', '"':
				buf = append(buf, '\\', b)
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// ErrorColumns are the columns of errors.csv, in order.
var ErrorColumns = []string{"file", "sheet", "row", "column", "value", "reason"}

// WriteErrorsCSV writes errors.csv: a header of ErrorColumns and one row per
// rejected input row, text made formula-safe as in WriteResultsCSV.
func WriteErrorsCSV(w io.Writer, rejected []analyzer.Rejection) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ErrorColumns); err != nil {
		return err
	}
	for _, r := range rejected {
		row := ""
		if r.Row > 0 {
			row = strconv.Itoa(r.Row)
		}
		if err := cw.Write([]string{safeText(r.File), safeText(r.Sheet), row,
			safeText(r.Column), safeText(r.Value), safeText(r.Reason)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
