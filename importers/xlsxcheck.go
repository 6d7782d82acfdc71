package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"sync/atomic"

	"github.com/xuri/excelize/v2"
)

// Budgets for the parts of a workbook, against decompression bombs. excelize
// reads styles.xml and (up to 16 MB) sharedStrings.xml whole into memory and
// parses them into structures many times their size; a 0.6 MB file whose
// styles.xml inflated to 250 MB once cost 5.6 GB. Each budget is a floor plus
// a multiple of the file's own size, so a workbook as large as the data in it
// always fits, and a few MB of zip can never cost gigabytes. Real workbooks
// compress 5–20 times; these allow 8 to 256 times.
const (
	stylesFloor, stylesRatio   = 4 << 20, 8
	stringsFloor, stringsRatio = 16 << 20, 64
	sheetFloor, sheetRatio     = 16 << 20, 100
	partFloor, partRatio       = 16 << 20, 100
	totalFloor, totalRatio     = 64 << 20, 256
)

// budget is the most bytes a part of this kind may inflate to in a workbook
// of fileSize bytes.
func budget(part string, fileSize int64) (limit int64, kind string) {
	p := strings.ToLower(part)
	switch {
	case p == "xl/styles.xml":
		return stylesFloor + stylesRatio*fileSize, "its styles"
	case p == "xl/sharedstrings.xml":
		return stringsFloor + stringsRatio*fileSize, "its shared text"
	case strings.HasPrefix(p, "xl/worksheets/"):
		return sheetFloor + sheetRatio*fileSize, "a worksheet"
	}
	return partFloor + partRatio*fileSize, "a part"
}

// ExcelMaxRows is the most rows an Excel worksheet has; a sheet claiming more
// is damaged or was not written by a spreadsheet program.
const ExcelMaxRows = 1 << 20

// oleMagic starts an OLE compound file: an encrypted (password-protected)
// XLSX, or an old Excel 97–2003 .xls workbook.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// encryptionInfo is the stream name an encrypted OOXML package carries, as
// it is written (UTF-16LE) in the compound file's directory.
var encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")

// checkedWorkbook is a workbook package that passed the size checks, ready
// for excelize, with its parts' checksums being verified.
type checkedWorkbook struct {
	// facts are what each worksheet part's scan found, by lower-case part
	// name, and parts maps each sheet to its part; both set before verified
	// receives nil.
	facts map[string]*sheetFacts
	parts map[string]string
	// tmpDir is where excelize unpacks large parts (blank: the system's).
	tmpDir string
	// data is the package, decrypted if it was encrypted.
	data io.ReaderAt
	size int64
	// path is the file excelize opens itself, when the package is a file
	// on disk as it stands (not decrypted).
	path string
	// verified receives the result of reading every part through
	// archive/zip's checksum reader: nil, or the first damaged part.
	verified chan error
}

// checkWorkbook looks at a workbook's bytes before excelize does: it tells a
// password-protected workbook, an old .xls file and a file that is not a
// zip apart, decrypts with password, checks each part's declared size
// against its budget, and starts reading every part through archive/zip's
// checksum reader (which reports a CRC or size mismatch at the end of the
// part) on another goroutine. Errors wrap ErrNotXLSX, ErrPassword,
// ErrDamagedWorkbook or ErrTooLarge.
func checkWorkbook(r io.ReaderAt, size int64, path, password string) (*checkedWorkbook, error) {
	head := make([]byte, len(oleMagic))
	if n, _ := r.ReadAt(head, 0); n < 4 {
		return nil, fmt.Errorf("%w: the file is empty or too short to be a workbook", ErrNotXLSX)
	}
	if bytes.Equal(head, oleMagic) {
		if !contains(r, size, encryptionInfo) {
			return nil, fmt.Errorf("%w: it is an old Excel 97–2003 workbook (.xls) or another Office file; "+
				"open it in Excel and save it as \"Excel Workbook (.xlsx)\"", ErrNotXLSX)
		}
		if password == "" {
			return nil, fmt.Errorf("%w: the workbook is protected with a password; give it with --password, "+
				"or save a copy without one", ErrPassword)
		}
		raw := make([]byte, size)
		if _, err := r.ReadAt(raw, 0); err != nil && err != io.EOF {
			return nil, fmt.Errorf("%w: %v", ErrDamagedWorkbook, err)
		}
		dec, err := excelize.Decrypt(raw, &excelize.Options{Password: password})
		if err != nil {
			return nil, fmt.Errorf("%w: the password given does not open this workbook", ErrPassword)
		}
		r, size, path = bytes.NewReader(dec), int64(len(dec)), ""
	} else if !bytes.HasPrefix(head, []byte("PK")) {
		return nil, fmt.Errorf("%w: it does not start like an XLSX workbook (a zip package); "+
			"it may be another kind of file renamed .xlsx", ErrNotXLSX)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && path == "" && password != "" {
		return nil, fmt.Errorf("%w: the password given does not open this workbook", ErrPassword)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: the file is cut short or damaged (%v); "+
			"save it again from the spreadsheet program", ErrDamagedWorkbook, err)
	}
	var total uint64
	for _, f := range zr.File {
		limit, kind := budget(f.Name, size)
		if f.UncompressedSize64 > uint64(limit) {
			return nil, fmt.Errorf("%w: %s (%s) would take %s unpacked, more than a %s file can hold (at most %s); "+
				"the file is damaged or built to exhaust memory", ErrTooLarge, kind, f.Name,
				byteSize(f.UncompressedSize64), byteSize(uint64(size)), byteSize(uint64(limit)))
		}
		total += f.UncompressedSize64
	}
	if limit := uint64(totalFloor + totalRatio*size); total > limit {
		return nil, fmt.Errorf("%w: its parts would take %s unpacked, more than a %s file can hold (at most %s); "+
			"the file is damaged or built to exhaust memory", ErrTooLarge, byteSize(total), byteSize(uint64(size)), byteSize(limit))
	}
	if n := countSheets(zr); n > maxSheets {
		return nil, fmt.Errorf("%w: the workbook has %d sheets; at most %d are read (a workbook of offers has a few)", ErrTooLarge, n, maxSheets)
	}
	w := &checkedWorkbook{data: r, size: size, path: path, verified: make(chan error, 1)}
	go func() {
		facts, err := verifyParts(zr)
		if err == nil {
			w.facts, w.parts = facts, sheetParts(zr)
		}
		w.verified <- err
	}()
	return w, nil
}

// contains reports whether the first size bytes of r hold pattern, reading
// 1 MB at a time (an old .xls file may be large).
func contains(r io.ReaderAt, size int64, pattern []byte) bool {
	buf := make([]byte, 1<<20+len(pattern))
	for off := int64(0); off < size; off += 1 << 20 {
		n, _ := r.ReadAt(buf, off)
		if bytes.Contains(buf[:n], pattern) {
			return true
		}
	}
	return false
}

// verifyParts reads every part of the package to its end: archive/zip checks
// each part's CRC-32 and size there (excelize reads parts without looking at
// those errors), and never yields more than the declared size. On the way it
// counts each worksheet's rows, so a sheet past Excel's 1,048,576 rows is
// refused before any row is read.
func verifyParts(zr *zip.Reader) (map[string]*sheetFacts, error) {
	buf := make([]byte, 64<<10)
	facts := map[string]*sheetFacts{}
	texts := tagCounter{name: "si"}
	cells := 0
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		var scan xmlScan
		dst := io.Discard
		lower := strings.ToLower(f.Name)
		if strings.HasSuffix(lower, ".xml") || strings.HasSuffix(lower, ".rels") {
			dst = &scan
		}
		var sheet *sheetScan
		if strings.HasPrefix(lower, "xl/worksheets/") && strings.HasSuffix(lower, ".xml") {
			sheet = &sheetScan{}
			dst = io.MultiWriter(&scan, sheet)
		}
		if lower == "xl/sharedstrings.xml" {
			dst = io.MultiWriter(&scan, &texts)
		}
		rc, err := f.Open()
		if err == nil {
			_, err = io.CopyBuffer(dst, rc, buf)
			if cerr := rc.Close(); err == nil {
				err = cerr
			}
		}
		if errors.Is(err, errTooManyRows) {
			return nil, fmt.Errorf("%w: a sheet (%s) has more than 1,048,576 rows, the most a spreadsheet has; "+
				"the file is damaged or was not written by a spreadsheet program", ErrTooLarge, f.Name)
		}
		switch {
		case errors.Is(err, errLongText):
			return nil, fmt.Errorf("%w: a cell in %s holds more than 1 MB of text, and a spreadsheet cell holds at most 32,767 characters; "+
				"the file is damaged or built to exhaust memory", ErrTooLarge, f.Name)
		case errors.Is(err, errDeep):
			return nil, fmt.Errorf("%w: %s nests its elements more than 1,000 deep; "+
				"the file is damaged or built to exhaust memory", ErrTooLarge, f.Name)
		}
		if err != nil {
			why := err.Error()
			switch {
			case errors.Is(err, zip.ErrChecksum):
				why = "its checksum does not match its content"
			case errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF):
				why = "its size does not match the size recorded for it"
			}
			return nil, fmt.Errorf("%w: the part %s is corrupt (%s); save the workbook again from the spreadsheet program",
				ErrDamagedWorkbook, f.Name, why)
		}
		if sheet != nil {
			if sheet.err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, sheet.err)
			}
			facts[lower] = &sheet.facts
			cells += sheet.cells
		}
	}
	// Every piece of shared text is there for a cell; text far beyond the
	// cells would cost memory out of all proportion when it is loaded.
	if texts.n > cells+sharedTextSlack {
		return nil, fmt.Errorf("%w: its shared text holds %d pieces of text but its sheets have only %d cells; "+
			"the file is damaged or built to exhaust memory", ErrTooLarge, texts.n, cells)
	}
	return facts, nil
}

// open hands the checked package to excelize, with limits matching the
// budgets, and waits for the checksums: a workbook with a damaged part
// yields no rows at all.
// sheetFacts returns what the scan found about a sheet, or nil.
func (w *checkedWorkbook) sheetFacts(sheet string) *sheetFacts {
	if w == nil || w.parts == nil {
		return nil
	}
	return w.facts[w.parts[sheet]]
}

func (w *checkedWorkbook) open() (*excelize.File, error) {
	opts := openOptions(w.tmpDir)
	opts.UnzipSizeLimit = totalFloor + totalRatio*w.size
	var f *excelize.File
	var err error
	if w.path != "" {
		f, err = excelize.OpenFile(w.path, opts)
	} else {
		f, err = excelize.OpenReader(io.NewSectionReader(w.data, 0, w.size), opts)
	}
	verr := <-w.verified
	if verr != nil {
		if f != nil {
			_ = f.Close()
		}
		return nil, verr
	}
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		return nil, fmt.Errorf("%w: %v", ErrDamagedWorkbook, err)
	}
	return f, nil
}

// byteSize writes a size for people: "250 MB".
func byteSize(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// maxTextRun is the longest run of text between two tags, or the longest
// tag, accepted in a part. A cell holds at most 32,767 characters, at most
// about 330 KB even written as character references; excelize takes seconds
// and hundreds of MB over a 100 MB one.
const maxTextRun = 1 << 20

// maxDepth is the deepest element nesting accepted in a part. A worksheet
// nests about ten deep; Go's XML decoder keeps a record per open element,
// so a few MB of "<a><a><a>…" would cost gigabytes.
const maxDepth = 1000

// Errors that stop verifyParts at XML shaped to exhaust memory.
var (
	errLongText    = errors.New("text run too long")
	errTooManyRows = errors.New("too many rows")
	errDeep        = errors.New("nested too deep")
)

// xmlScan is an io.Writer that looks at a part's XML as it streams past,
// without parsing it: it counts <row> elements (with or without a namespace
// prefix), tracks the nesting depth, and fails with errLongText at a text
// run or tag longer than maxTextRun, with errDeep past maxDepth and with
// errTooManyRows past ExcelMaxRows rows.
// Comments, CDATA sections and processing instructions are skipped, and a
// ">" inside a quoted attribute value does not end a tag.
type xmlScan struct {
	rows, depth int
	state       int
	run         int
	name        [32]byte
	nlen        int
	nameDone    bool
	endTag      bool
	quote, prev byte
	term        string
	match       int
}

const (
	scanText = iota
	scanOpen // just after "<"
	scanBang // just after "<!"
	scanTag
	scanSkip // inside a comment, CDATA section or processing instruction
)

func (c *xmlScan) Write(p []byte) (int, error) {
	for _, b := range p {
		if c.run++; c.run > maxTextRun {
			return 0, errLongText
		}
		switch c.state {
		case scanText:
			if b == '<' {
				c.state, c.run = scanOpen, 0
			}
		case scanOpen:
			c.state, c.quote, c.prev, c.nlen = scanTag, 0, 0, 0
			switch b {
			case '/':
				c.endTag, c.nameDone = true, true
			case '!':
				c.state = scanBang
			case '?':
				c.state, c.term, c.match = scanSkip, "?>", 0
			default:
				c.endTag, c.nameDone = false, false
				c.name[0], c.nlen = b, 1
			}
		case scanBang:
			c.state, c.match = scanSkip, 0
			switch b {
			case '-':
				c.term = "-->"
			case '[':
				c.term = "]]>"
			default:
				c.term = ">"
			}
		case scanSkip:
			switch {
			case b == c.term[c.match]:
				if c.match++; c.match == len(c.term) {
					c.state, c.run = scanText, 0
				}
			case c.match == 2 && b == c.term[0] && c.term[1] == c.term[0]:
				// "--->" or "]]]>": still two matched
			case b == c.term[0]:
				c.match = 1
			default:
				c.match = 0
			}
		case scanTag:
			if c.quote != 0 {
				if b == c.quote {
					c.quote = 0
				}
				continue
			}
			if !c.nameDone {
				if b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '/' || b == '>' {
					c.nameDone = true
					name := c.name[:c.nlen]
					if string(name) == "row" || (len(name) > 4 && string(name[len(name)-4:]) == ":row") {
						if c.rows++; c.rows > ExcelMaxRows {
							return 0, errTooManyRows
						}
					}
				} else if c.nlen < len(c.name) {
					c.name[c.nlen] = b
					c.nlen++
				} else {
					c.nameDone = true // too long to be "row"
				}
			}
			switch b {
			case '"', '\'':
				c.quote = b
			case '>':
				switch {
				case c.endTag:
					c.depth--
				case c.prev != '/':
					if c.depth++; c.depth > maxDepth {
						return 0, errDeep
					}
				}
				c.state, c.run = scanText, 0
			}
			c.prev = b
		}
	}
	return len(p), nil
}

// sharedTextSlack is how many more pieces of shared text than cells a
// workbook may hold (programs keep some text no cell uses any more).
const sharedTextSlack = 100000

// maxSheets is the most sheets a workbook may have: opening one costs time
// in the square of its sheets (excelize matches each sheet to its part by
// a scan of them all), and 200,000 hidden sheets would take minutes.
const maxSheets = 10000

// countSheets counts the sheet entries of the workbook part, before the
// workbook is opened.
func countSheets(zr *zip.Reader) int {
	for _, f := range zr.File {
		if !strings.EqualFold(f.Name, "xl/workbook.xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return 0
		}
		defer rc.Close()
		n := 0
		buf := make([]byte, 64<<10)
		var carry []byte
		for {
			m, err := rc.Read(buf)
			chunk := append(carry, buf[:m]...)
			for _, tag := range [][]byte{[]byte("<sheet "), []byte(":sheet "), []byte("<sheet\n"), []byte("<sheet\t"), []byte("<sheet\r")} {
				n += bytes.Count(chunk, tag)
			}
			// Keep the last bytes, a tag cut between reads; not counted twice
			// since a whole tag cannot fit in fewer than its own length.
			if len(chunk) >= 6 {
				carry = append(carry[:0], chunk[len(chunk)-6:]...)
			} else {
				carry = append(carry[:0], chunk...)
			}
			if err != nil {
				return n
			}
		}
	}
	return 0
}

// sheetCheck is our own parse of a worksheet part with encoding/xml, run on
// its own goroutine while excelize reads the rows: excelize's row iterator
// ends quietly where the XML stops parsing, and this says why. It reads the
// part as it streams out of the package, so it holds no more than the
// decoder's few open elements (the scan in verifyParts has already refused
// deep nesting and long runs of text). A nil *sheetCheck knows nothing.
type sheetCheck struct {
	stop   atomic.Bool
	done   chan error
	err    error
	waited bool
}

// checkSheet starts the parse of sheet's part, decoding other character
// sets as excelize does (with its File.CharsetReader). The part is the one
// the scan mapped the sheet to, or else the target of the sheet's
// relationship as excelize read it from the workbook (a Strict workbook
// names it in another namespace). It returns nil when neither is known.
func (w *checkedWorkbook) checkSheet(f *excelize.File, sheet string) *sheetCheck {
	if w == nil {
		return nil
	}
	part, rel := w.parts[sheet], ""
	if part == "" && f.WorkBook != nil {
		for _, s := range f.WorkBook.Sheets.Sheet {
			if s.Name == sheet {
				rel = s.ID
			}
		}
		if rel == "" {
			return nil
		}
	}
	c := &sheetCheck{done: make(chan error, 1)}
	go func() { c.done <- w.parseSheet(part, rel, f.CharsetReader, &c.stop) }()
	return c
}

// result waits for the parse to end and returns its first error, or nil
// for a sheet that parses to its end.
func (c *sheetCheck) result() error {
	if c == nil {
		return nil
	}
	if !c.waited {
		c.err, c.waited = <-c.done, true
	}
	return c.err
}

// cancel stops the parse at its next token, when reading ends early.
func (c *sheetCheck) cancel() {
	if c != nil {
		c.stop.Store(true)
	}
}

// parseSheet reads the package's part named part (lower case, the last of
// that name, as verifyParts takes it), or else the target of the workbook's
// relationship rel, through encoding/xml to its end, and returns the
// decoder's first error. A package that can no longer be opened says
// nothing (excelize has it open already); an empty part is refused as
// excelize's reader refuses it, with os.ErrInvalid.
func (w *checkedWorkbook) parseSheet(part, rel string, charset func(string, io.Reader) (io.Reader, error), stop *atomic.Bool) error {
	data, size := w.data, w.size
	if w.path != "" {
		fh, err := os.Open(w.path)
		if err != nil {
			return nil
		}
		defer fh.Close()
		info, err := fh.Stat()
		if err != nil {
			return nil
		}
		data, size = fh, info.Size()
	}
	zr, err := zip.NewReader(data, size)
	if err != nil {
		return nil
	}
	if part == "" {
		if part = relTarget(zr, rel); part == "" {
			return nil
		}
	}
	var zf *zip.File
	for _, f := range zr.File {
		if strings.ToLower(f.Name) == part {
			zf = f
		}
	}
	if zf == nil {
		return nil
	}
	if zf.UncompressedSize64 == 0 {
		return os.ErrInvalid
	}
	rc, err := zf.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	dec.CharsetReader = charset
	for !stop.Load() {
		if _, err := dec.Token(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
	return nil
}

// relTarget is the lower-case part name the workbook's relationship id
// points to, as sheetParts resolves it, or "".
func relTarget(zr *zip.Reader, id string) string {
	for _, f := range zr.File {
		if !strings.EqualFold(f.Name, "xl/_rels/workbook.xml.rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return ""
		}
		defer rc.Close()
		var rels struct {
			Rels []struct {
				ID     string `xml:"Id,attr"`
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		if xml.NewDecoder(io.LimitReader(rc, 64<<20)).Decode(&rels) != nil {
			return ""
		}
		for _, r := range rels.Rels {
			if r.ID == id {
				if t, ok := strings.CutPrefix(r.Target, "/"); ok {
					return strings.ToLower(t)
				}
				return strings.ToLower(path.Join("xl", r.Target))
			}
		}
		return ""
	}
	return ""
}
