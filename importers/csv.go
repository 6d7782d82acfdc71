package importers

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/offerbook/offerbook/analyzer"
)

// csvFile is the Reader for a CSV file on disk.
type csvFile struct{ path string }

// Read opens the file and reads it with ReadCSV.
func (c csvFile) Read(ctx context.Context, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	f, err := os.Open(c.path)
	if err != nil {
		return Stats{}, err
	}
	defer f.Close()
	return ReadCSV(ctx, f, c.path, emit, reject)
}

// sniffSize is how much of a CSV file is looked at to choose the delimiter.
const sniffSize = 64 << 10

// utf8BOM is the byte order mark some tools write at the start of UTF-8 files.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadCSV reads offers from CSV text; name is the file name used in
// positions and default ids. The delimiter is comma, semicolon or tab,
// chosen from the header line; a semicolon file reads money with European
// separators ("175.000,00"). A UTF-8 BOM is dropped; CRLF and LF line ends
// and quoted multi-line fields are accepted. Row numbers are line numbers of
// each record's first line (the header line is 1 in a plain file). Title
// lines above the header are skipped. See Reader for emit and reject.
func ReadCSV(ctx context.Context, r io.Reader, name string, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return Stats{}, err
	}
	delim := sniffDelimiter(head)

	cr := csv.NewReader(br)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	src := &csvSource{r: cr}

	l, err := findHeader(src, name, "", delim == ';', false)
	if err != nil {
		return Stats{}, err
	}
	return run(ctx, src, l, emit, reject)
}

// sniffDelimiter picks the delimiter of the first line (outside quotes) with
// at least two commas, semicolons or tabs: the most frequent of the three
// wins, comma on a tie. Title lines with fewer are passed over.
func sniffDelimiter(head []byte) rune {
	var counts [3]int // , ; \t
	inQuote := false
	lines := 0
	for _, c := range head {
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == ',':
			counts[0]++
		case c == ';':
			counts[1]++
		case c == '\t':
			counts[2]++
		case c == '\n':
			if best := pick(counts); best != 0 {
				return best
			}
			counts = [3]int{}
			if lines++; lines > 50 {
				return ','
			}
		}
	}
	if best := pick(counts); best != 0 {
		return best
	}
	return ','
}

func pick(counts [3]int) rune {
	c, s, t := counts[0], counts[1], counts[2]
	switch {
	case c < 2 && s < 2 && t < 2:
		return 0
	case s > c && s >= t:
		return ';'
	case t > c && t > s:
		return '\t'
	}
	return ','
}

// csvSource streams the records of an encoding/csv reader with the line
// number each starts on.
type csvSource struct{ r *csv.Reader }

func (s *csvSource) next() ([]string, int, error) {
	rec, err := s.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) && (errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote)) {
			return nil, 0, &recordError{row: pe.StartLine,
				err: fmt.Errorf("%v (line %d, byte %d)", pe.Err, pe.Line, pe.Column)}
		}
		return nil, 0, err
	}
	line, _ := s.r.FieldPos(0)
	return rec, line, nil
}
