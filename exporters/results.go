package exporters

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
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
	cw := csv.NewWriter(w)
	record := make([]string, len(cols))
	for i, c := range cols {
		record[i] = c.name
	}
	if err := cw.Write(record); err != nil {
		return err
	}
	n := run.count()
	defer run.progress("", 0, 0)
	err := run.records().Each(func(i int, r *analyzer.Record) error {
		if i%progressEvery == 0 {
			run.progress("results.csv", i, n)
		}
		for j, c := range cols {
			v := c.get(r)
			switch v.kind {
			case kindText, kindList:
				record[j] = safeText(v.s)
			default:
				record[j] = v.s
			}
		}
		return cw.Write(record)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// WriteResultsJSON writes results.json: an array with one object per
// analysis in input order, with the keys of results.csv in the same order.
// Money is a JSON number with two places, text a string, and a figure that
// does not apply is null. The document is streamed, one object at a time.
func WriteResultsJSON(w io.Writer, run *Run) error {
	cols := append(resultColumns(run.years(), run.Options.Scenarios), emailColumns(run.Options.AsOf)...)
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
			case kindNumber:
				buf = append(buf, v.s...)
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
