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
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/offerbook/offerbook/analyzer"
)

// csvFile is the Reader for a CSV file on disk.
type csvFile struct {
	path string
	opts Options
}

// Read opens the file and reads it as ReadCSV does, passing warnings to
// Options.Warn. A file that cannot be opened is a file-level *RowError.
func (c csvFile) Read(ctx context.Context, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	f, err := os.Open(c.path)
	if err != nil {
		return Stats{}, openError(c.path, err)
	}
	defer f.Close()
	return readCSV(ctx, f, c.path, c.opts, emit, reject)
}

// sniffSize is how much of a CSV file is looked at to choose the delimiter.
const sniffSize = 64 << 10

// utf8BOM is the byte order mark some tools write at the start of UTF-8 files.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadCSV reads offers from CSV text; name is the file name used in
// positions and default ids. The delimiter is comma, semicolon or tab,
// chosen from the header line; a semicolon file reads money with European
// separators ("175.000,00"). Text may be UTF-8 (a BOM is dropped), UTF-16
// with a BOM (Excel's "Unicode text"), or, when it is not valid UTF-8,
// Windows-1252 (Excel's CSV on Windows): such cells are decoded from
// Windows-1252, never replaced by U+FFFD; ReadFile reports that through
// Options.Warn. CRLF, LF and bare CR line ends (old Mac exports), mixed in
// one file, and quoted multi-line fields are accepted. Row numbers are line
// numbers of each record's first line (the header line is 1 in a plain
// file). Title lines above the header are skipped. See Reader for emit and
// reject.
func ReadCSV(ctx context.Context, r io.Reader, name string, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	return readCSV(ctx, r, name, Options{}, emit, reject)
}

func readCSV(ctx context.Context, r io.Reader, name string, opts Options, emit func(*analyzer.Offer) error, reject func(*RowError)) (Stats, error) {
	src, delim, err := openCSV(r, name, opts)
	if err != nil {
		return Stats{}, err
	}
	l, err := findHeader(src, name, "", delim == ';', false)
	if err != nil {
		return Stats{}, err
	}
	l.warn = opts.Warn
	src.width = len(l.header)
	return run(ctx, src, l, emit, reject)
}

// openCSV prepares CSV text for reading, for offers and reference tables
// alike: UTF-16 and a UTF-8 BOM decoded, every line end made LF, and the
// delimiter sniffed from the first lines. Records are reused between reads.
func openCSV(r io.Reader, name string, opts Options) (*csvSource, rune, error) {
	br := bufio.NewReaderSize(decodeUTF16(bufio.NewReaderSize(r, sniffSize)), sniffSize)
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	le := &lineEnds{r: br}
	br = bufio.NewReaderSize(le, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, 0, &RowError{File: name, Err: fmt.Errorf("cannot read the file: %w", err)}
	}
	delim := sniffDelimiter(head)
	cr := csv.NewReader(br)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvSource{r: cr, le: le, file: name, warn: opts.Warn}, delim, nil
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
// number each starts on. Cells that are not valid UTF-8 are decoded as
// Windows-1252, with one warning per file.
type csvSource struct {
	r  *csv.Reader
	le *lineEnds
	// width is the header's number of cells, once it is known: a last row
	// with fewer cells and no line end was cut short.
	width  int
	file   string
	warn   func(string)
	warned bool
	// cp1252 decodes cells that are not UTF-8; made on first use.
	cp1252 *encoding.Decoder
}

func (s *csvSource) next() ([]string, int, error) {
	rec, line, err := s.read()
	if err != nil {
		return rec, line, err
	}
	for i, f := range rec {
		if utf8.ValidString(f) {
			continue
		}
		if s.cp1252 == nil {
			s.cp1252 = charmap.Windows1252.NewDecoder()
		}
		rec[i], _ = s.cp1252.String(f)
		if !s.warned && s.warn != nil {
			s.warned = true
			s.warn(fmt.Sprintf("%s: the file is not UTF-8 text; it was read as Windows-1252 (Western European), "+
				"the encoding Excel uses on Windows: row %d reads %q; if letters look wrong, save the file as \"CSV UTF-8\"",
				s.file, line, rec[i]))
		}
	}
	return rec, line, nil
}

func (s *csvSource) read() ([]string, int, error) {
	rec, err := s.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) && (errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote)) {
			return nil, 0, &recordError{row: pe.StartLine,
				err: fmt.Errorf("%v (line %d, byte %d)", pe.Err, pe.Line, pe.Column)}
		}
		if err == io.EOF {
			return nil, 0, err
		}
		line, _ := s.r.FieldPos(0)
		return nil, 0, &RowError{File: s.file, Err: fmt.Errorf("reading stopped after line %d: %w", line, err)}
	}
	line, _ := s.r.FieldPos(0)
	if s.le.eof && s.le.last != '\n' && s.r.InputOffset() == s.le.n && s.width > 0 {
		// The last row, without a line end: a file cut short, or still
		// being written, ends like this.
		if len(rec) < s.width {
			return nil, 0, &recordError{row: line, err: fmt.Errorf("the file ends in the middle of this row: it has %d of the header's %d cells and no line end; "+
				"the file was cut short or was still being written: save or copy it again", len(rec), s.width)}
		}
		if s.warn != nil {
			s.warn(fmt.Sprintf("%s: the file does not end with a line end; its last row (row %d) was read as it stands: "+
				"if the file was still being written, save or drop it again", s.file, line))
		}
	}
	return rec, line, nil
}

// decodeUTF16 returns r decoded to UTF-8 when it starts with a UTF-16 byte
// order mark, or when it has no BOM but its first bytes are ASCII text in
// UTF-16 (every other byte zero); otherwise r itself.
func decodeUTF16(r *bufio.Reader) io.Reader {
	head, _ := r.Peek(512)
	var enc encoding.Encoding
	switch {
	case len(head) >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF):
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case zeroShare(head, 1) && !zeroShare(head, 0):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case zeroShare(head, 0) && !zeroShare(head, 1):
		enc = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	default:
		return r
	}
	return transform.NewReader(r, enc.NewDecoder())
}

// zeroShare reports whether at least 3/4 of the bytes at offsets
// odd (1) or even (0) in head are zero, over at least 8 such bytes.
func zeroShare(head []byte, odd int) bool {
	n, zero := 0, 0
	for i := odd; i < len(head); i += 2 {
		n++
		if head[i] == 0 {
			zero++
		}
	}
	return n >= 8 && zero*4 >= n*3
}

// lineEnds turns every line end (CRLF, LF, or a bare CR as old Mac
// exports write) into LF, so encoding/csv sees each row on its own line.
type lineEnds struct {
	r io.Reader
	// n counts the bytes handed on, last is the last of them, and eof is
	// set once the input has ended.
	n    int64
	last byte
	eof  bool
	// lastCR is set when the previous Read ended with a CR, so an LF
	// starting this one belongs to it.
	lastCR bool
}

func (l *lineEnds) Read(p []byte) (int, error) {
	for {
		n, err := l.r.Read(p)
		w := 0
		for i := 0; i < n; i++ {
			c := p[i]
			if c == '\n' && l.lastCR {
				l.lastCR = false
				continue
			}
			l.lastCR = c == '\r'
			if c == '\r' {
				c = '\n'
			}
			p[w] = c
			w++
		}
		if w > 0 {
			l.n += int64(w)
			l.last = p[w-1]
		}
		if err == io.EOF {
			l.eof = true
		}
		if w > 0 || err != nil || n == 0 {
			return w, err
		}
	}
}
