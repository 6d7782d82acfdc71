package ooxml

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"runtime"
	"sort"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// deflateLevel is the compression level of every part. klauspost's level 6
// compresses the large sheet XML about five times faster than the standard
// library's default level, into parts about 4% larger (BENCHMARKS.md).
const deflateLevel = 6

// spoolMemory is how many compressed bytes a package keeps in memory before
// it moves them to a temporary file.
var spoolMemory = 8 << 20

// Options are what Write adds to the workbook excelize saves.
type Options struct {
	// TmpDir is where compressed parts past 8 MiB wait ("" for the
	// system's temporary directory).
	TmpDir string
	// Rows are the rows encoded with NewRows, each spliced into its
	// worksheet's part just before </sheetData>.
	Rows []*Rows
	// Names are defined names appended to the workbook's <definedNames>,
	// which must exist (one name set through excelize makes it).
	Names []DefinedName
	// Notes are sheets' cell notes after the first, each spliced into
	// its sheet's comments and VML drawing parts (NewNotes).
	Notes []*Notes
}

// Write saves f to w: one compression pass, the parts in a fixed order with
// fixed timestamps, so the same inputs give a byte-identical workbook
// whatever order excelize hands the parts over in, with the reader fixes of
// compatPart, opt's rows spliced into their sheets, opt's names into the
// workbook part and opt's notes into their comments and drawing parts.
// Write fails, rather than drop them, if some rows, names or notes find no
// place.
func Write(w io.Writer, f *excelize.File, opt Options) error {
	pw := newPackageWriter(w)
	pw.spool.dir = opt.TmpDir
	defer pw.cleanup()
	splices := make([]*splice, 0, len(opt.Rows)+1)
	for _, r := range opt.Rows {
		splices = append(splices, &splice{part: r.part, before: sheetDataClose, what: "the rows", write: r.writeTo})
	}
	if len(opt.Names) > 0 {
		names := opt.Names
		splices = append(splices, &splice{part: workbookPart, before: definedNamesClose, what: "the defined names",
			write: func(w io.Writer) error { return writeDefinedNames(w, names) }})
	}
	for _, n := range opt.Notes {
		splices = append(splices, n.splices()...)
	}
	pw.splices = map[string]*splice{}
	for _, s := range splices {
		if pw.splices[s.part] != nil {
			return fmt.Errorf("workbook package: two splices into %s", s.part)
		}
		pw.splices[s.part] = s
	}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return pw })
	// excelize hands WriteToBuffer's buffer to the zip writer; this one
	// writes to w instead, so the buffer stays empty and the package is
	// never held in memory whole.
	if _, err := f.WriteToBuffer(); err != nil {
		return err
	}
	if !pw.closed {
		return errors.New("workbook package was not finished")
	}
	for _, s := range splices {
		if !s.done {
			return fmt.Errorf("workbook package: %s of %s were not written", s.what, s.part)
		}
	}
	return nil
}

// workbookPart is the part excelize writes a new workbook's sheet list and
// defined names to.
const workbookPart = "xl/workbook.xml"

// packageWriter is the zip writer excelize saves a workbook through
// (File.SetZipWriter). excelize writes the parts of several streamed sheets
// in map order, so the order it creates parts in changes from run to run.
// packageWriter compresses each part once as it comes (klauspost deflate),
// spools the compressed bytes (in memory, then a temporary file), and on
// Close writes the parts to the destination in a fixed order
// ([Content_Types].xml first, then by name) with fixed timestamps, copying
// the compressed bytes as they are. Every part passes through compatPart on
// its way in.
type packageWriter struct {
	dst    io.Writer
	spool  spool
	parts  []*spooledPart
	open   *partWriter
	fw     *flate.Writer
	err    error
	closed bool
	// splices are what goes into a part besides excelize's bytes, by part
	// name.
	splices map[string]*splice
}

// spooledPart is one compressed part waiting in the spool.
type spooledPart struct {
	name         string
	crc          uint32
	size         uint64 // uncompressed
	offset, clen int64  // where its compressed bytes are in the spool
	// pieces, when set, are where its compressed bytes are instead, in
	// order: stretches of the spool and the spools of rows compressed as
	// they were written, which are not copied twice.
	pieces []piece
}

// piece is a stretch of compressed bytes: n bytes of src from off.
type piece struct {
	src    io.ReaderAt // nil for the package's own spool
	off, n int64
}

func newPackageWriter(dst io.Writer) *packageWriter {
	return &packageWriter{dst: dst}
}

// Create starts a part; the part before it is finished.
func (pw *packageWriter) Create(name string) (io.Writer, error) {
	if err := pw.finish(); err != nil {
		return nil, err
	}
	if pw.closed {
		return nil, errors.New("workbook package already closed")
	}
	p := &partWriter{pw: pw, part: &spooledPart{name: name, offset: pw.spool.size()},
		z: newDeflateStream(&pw.spool, 2*max(1, runtime.GOMAXPROCS(0)))}
	if name == contentTypesPart {
		p.raw = &bytes.Buffer{}
	}
	// excelize's bytes → the reader fixes → the splice → compression.
	var in io.Writer = p
	if s := pw.splices[name]; s != nil {
		in = s.writer(in)
	}
	p.in = compatPart(name, in)
	pw.open = p
	return p.in, nil
}

// AddFS is not used by excelize when it saves; packageWriter does not
// support it.
func (pw *packageWriter) AddFS(fs.FS) error {
	return errors.New("workbook package: AddFS is not supported")
}

// deflater returns the package's one deflate writer, reset to write to w.
func (pw *packageWriter) deflater(w io.Writer) *flate.Writer {
	if pw.fw == nil {
		pw.fw, _ = flate.NewWriter(w, deflateLevel) // the level is valid
	} else {
		pw.fw.Reset(w)
	}
	return pw.fw
}

// finish closes the open part: its reader fixes and splice, its
// compressor, and records where its bytes are.
func (pw *packageWriter) finish() error {
	p := pw.open
	if p == nil || pw.err != nil {
		return pw.err
	}
	pw.open = nil
	if c, ok := p.in.(io.Closer); ok && p.in != io.Writer(p) {
		if err := c.Close(); err != nil {
			return pw.fail(err)
		}
	}
	if p.raw != nil {
		data := sortDefaultTypes(p.raw.Bytes())
		p.z.count(data)
		p.z.chunk = data
	}
	if !p.z.dispatched {
		// A part of one chunk is compressed here, in one stream.
		fw := pw.deflater(&pw.spool)
		if _, err := fw.Write(p.z.chunk); err != nil {
			return pw.fail(err)
		}
		if err := fw.Close(); err != nil {
			return pw.fail(err)
		}
		if p.raw == nil {
			releaseChunk(p.z.chunk)
		}
		p.z.chunk = nil
	} else if err := p.z.close(); err != nil {
		return pw.fail(err)
	}
	if pw.spool.err != nil {
		return pw.fail(pw.spool.err)
	}
	p.part.crc, p.part.size = p.z.crc, p.z.size
	p.part.clen = pw.spool.size() - p.part.offset
	if p.part.pieces != nil {
		p.part.pieces = append(p.part.pieces, piece{off: p.from, n: pw.spool.size() - p.from})
		p.part.clen = 0
		for _, c := range p.part.pieces {
			p.part.clen += c.n
		}
	}
	pw.parts = append(pw.parts, p.part)
	return nil
}

func (pw *packageWriter) fail(err error) error {
	if pw.err == nil {
		pw.err = err
	}
	return pw.err
}

// Close finishes the last part and writes the package to the destination.
func (pw *packageWriter) Close() error {
	if pw.closed {
		return pw.err
	}
	if err := pw.finish(); err != nil {
		return err
	}
	pw.closed = true
	parts := pw.parts
	sort.SliceStable(parts, func(i, j int) bool {
		a, b := parts[i].name, parts[j].name
		if (a == contentTypesPart) != (b == contentTypesPart) {
			return a == contentTypesPart
		}
		return a < b
	})
	src, err := pw.spool.reader()
	if err != nil {
		return pw.fail(err)
	}
	zw := zip.NewWriter(pw.dst)
	for _, p := range parts {
		h, err := partHeader(p)
		if err != nil {
			return pw.fail(err)
		}
		out, err := zw.CreateRaw(h)
		if err != nil {
			return pw.fail(err)
		}
		pieces := p.pieces
		if pieces == nil {
			pieces = []piece{{off: p.offset, n: p.clen}}
		}
		for _, c := range pieces {
			from := c.src
			if from == nil {
				from = src
			}
			if _, err := io.Copy(out, io.NewSectionReader(from, c.off, c.n)); err != nil {
				return pw.fail(err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		return pw.fail(err)
	}
	return nil
}

// partModified is the modification time written on every part:
// 1980-01-01, the earliest an MS-DOS date holds, so the bytes never depend
// on the clock.
var partModified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// partHeader is the zip header of a compressed part: deflated, dated
// partModified in the MS-DOS date and time fields only (no extended
// timestamp), no file mode. zip.Writer.CreateRaw writes a header as given
// and ignores FileHeader.Modified; zip.FileInfoHeader is the one
// non-deprecated way to fill the MS-DOS fields, so the header starts from
// it and drops the mode it sets.
func partHeader(p *spooledPart) (*zip.FileHeader, error) {
	h, err := zip.FileInfoHeader(epochFile{})
	if err != nil {
		return nil, err
	}
	h.CreatorVersion, h.ExternalAttrs = 0, 0
	h.Modified = time.Time{}
	h.Name = p.name
	h.Method = zip.Deflate
	h.CRC32 = p.crc
	h.CompressedSize64, h.UncompressedSize64 = uint64(p.clen), p.size
	return h, nil
}

// epochFile is a file modified at partModified, for zip.FileInfoHeader.
type epochFile struct{}

func (epochFile) Name() string       { return "" }
func (epochFile) Size() int64        { return 0 }
func (epochFile) Mode() fs.FileMode  { return 0 }
func (epochFile) ModTime() time.Time { return partModified }
func (epochFile) IsDir() bool        { return false }
func (epochFile) Sys() any           { return nil }

// cleanup waits for the open part's deflate jobs, if any, and removes the
// spool's temporary file, if any.
func (pw *packageWriter) cleanup() {
	if pw.open != nil {
		pw.open.z.abandon()
	}
	_ = pw.spool.remove()
}

// partWriter takes one part's bytes (after compatPart): it counts them,
// sums their CRC-32 and compresses them into the spool, a large part in
// chunks on all cores; [Content_Types].xml it keeps to sort before
// compressing.
type partWriter struct {
	pw   *packageWriter
	part *spooledPart
	in   io.Writer
	raw  *bytes.Buffer
	z    *deflateStream
	from int64 // where the part's current piece of the spool starts
}

func (p *partWriter) Write(b []byte) (int, error) {
	if p.pw.err != nil {
		return 0, p.pw.err
	}
	if p.pw.open != p {
		return 0, errors.New("workbook package: write to a finished part " + p.part.name)
	}
	if p.raw != nil {
		return p.raw.Write(b)
	}
	n, err := p.z.Write(b)
	if err != nil {
		return 0, p.pw.fail(err)
	}
	return n, nil
}

// writeCompressed continues the part with c's compressed fragments: the
// part's compressed bytes so far end a piece of the spool, c's are the
// next piece where they are, and the spool takes the rest.
func (p *partWriter) writeCompressed(c compressed) error {
	if p.pw.err != nil {
		return p.pw.err
	}
	if p.raw != nil {
		return errors.New("workbook package: compressed content in " + p.part.name)
	}
	if c.size == 0 {
		return nil
	}
	if err := p.z.sync(); err != nil {
		return p.pw.fail(err)
	}
	if c.src == nil {
		return p.pw.fail(p.z.appendCompressed(c))
	}
	if p.part.pieces == nil {
		p.from = p.part.offset
	}
	end := p.pw.spool.size()
	p.part.pieces = append(p.part.pieces, piece{off: p.from, n: end - p.from}, piece{src: c.src, n: c.n})
	p.from = end
	p.z.account(c)
	return nil
}

// spool holds compressed bytes: in memory up to memory bytes (spoolMemory
// when 0), then in a temporary file named after name ("offerbook-package-*"
// when empty) in dir.
type spool struct {
	dir    string
	memory int
	name   string
	mem    bytes.Buffer
	file   *os.File
	n      int64
	err    error
}

func (s *spool) size() int64 { return s.n }

func (s *spool) Write(b []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	limit := s.memory
	if limit == 0 {
		limit = spoolMemory
	}
	if s.file == nil && s.mem.Len()+len(b) > limit {
		name := s.name
		if name == "" {
			name = "offerbook-package-*"
		}
		f, err := os.CreateTemp(s.dir, name)
		if err != nil {
			s.err = err
			return 0, err
		}
		s.file = f
		if _, err := f.Write(s.mem.Bytes()); err != nil {
			s.err = err
			return 0, err
		}
		s.mem = bytes.Buffer{}
	}
	var n int
	if s.file != nil {
		n, s.err = s.file.Write(b)
	} else {
		n, _ = s.mem.Write(b)
	}
	s.n += int64(n)
	return n, s.err
}

// reader returns the spooled bytes to read back.
func (s *spool) reader() (io.ReaderAt, error) {
	if s.err != nil {
		return nil, s.err
	}
	if s.file != nil {
		return s.file, nil
	}
	return bytes.NewReader(s.mem.Bytes()), nil
}

// remove removes the temporary file, if any.
func (s *spool) remove() error {
	s.mem = bytes.Buffer{}
	if s.file == nil {
		return nil
	}
	name := s.file.Name()
	err := s.file.Close()
	s.file = nil
	return errors.Join(err, os.Remove(name))
}

// contentTypesPart is the package's content-type list.
const contentTypesPart = "[Content_Types].xml"

// defaultTypeRE matches one <Default …> element of [Content_Types].xml.
var defaultTypeRE = regexp.MustCompile(`<Default [^>]*>(</Default>)?`)

// sortDefaultTypes returns [Content_Types].xml with its <Default> elements
// sorted: excelize adds the image extensions with a chart in map order.
func sortDefaultTypes(data []byte) []byte {
	locs := defaultTypeRE.FindAllIndex(data, -1)
	elems := make([][]byte, len(locs))
	for i, l := range locs {
		elems[i] = data[l[0]:l[1]]
	}
	sort.SliceStable(elems, func(i, j int) bool { return bytes.Compare(elems[i], elems[j]) < 0 })
	var out bytes.Buffer
	prev := 0
	for i, l := range locs {
		out.Write(data[prev:l[0]])
		out.Write(elems[i])
		prev = l[1]
	}
	out.Write(data[prev:])
	return out.Bytes()
}
