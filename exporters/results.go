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
	err := run.records().Each(func(i int, r *analyzer.Record) error {
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

// appendJSONString appends s as a JSON string literal, byte for byte as
// encoding/json writes it: text that needs no escape is copied as it is,
// anything else (quotes, backslashes, control characters, <, > and &,
// invalid UTF-8, U+2028 and U+2029) goes through json.Marshal.
func appendJSONString(buf []byte, s string) []byte {
	if jsonPlain(s) {
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"')
	}
	b, err := json.Marshal(s)
	if err != nil {
		// json.Marshal of a string cannot fail; invalid UTF-8 is replaced.
		return strconv.AppendQuote(buf, s)
	}
	return append(buf, b...)
}

// jsonPlain reports whether encoding/json writes s between quotes as it is.
func jsonPlain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
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
