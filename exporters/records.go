package exporters

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"unsafe"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/shopspring/decimal"
)

// DefaultRecordBudget is how many bytes of encoded records a Records store
// keeps in memory before it spills the rest to a temporary file: about
// 90,000 offers of four years with the tax estimate. At a million offers
// 64 MB left the peak RSS at 550–620 MB, 32 MB at 490 MB, for a second or
// so more reading back (BENCHMARKS.md).
const DefaultRecordBudget = 32 << 20

// arenaChunk is the size of one chunk of records in memory.
const arenaChunk = 1 << 20

// Records holds a batch's records (analyzer.Reduce) in input order for the
// writers, which read them once per output. Each record is encoded in a
// compact binary form (varints; strings that repeat across a batch, such as
// company, level or flags, as numbers in an interned table), about 300
// bytes an offer: in memory up to a budget, then appended to a temporary
// file. The flag notes Summary shows (the first MaxFlagNotes flagged
// offers) and the peer percentiles, known only once the batch is complete,
// are kept beside the records. Add is called from one goroutine, and every
// Add comes before any read.
type Records struct {
	budget int64
	dir    string

	// arena holds the records kept in memory in chunks of arenaChunk bytes
	// (a record never straddles two), so the store grows without copying;
	// arenaOff[i] is record i's chunk (high 32 bits) and start in it.
	arena     [][]byte
	arenaOff  []uint64
	arenaSize int64
	nArena    int

	file    *os.File
	w       *bufio.Writer
	offsets []int64 // start of each spilled record, and the file's end
	// windows are the stretches of the spill file At read last, so that
	// reading the records of one candidate, which sit together, takes one
	// read of the file rather than one each (guarded by mu).
	windows [spillWindows]spillWindow
	nextWin int
	enc     encoder

	syms    map[string]uint32
	symList []string

	notes   map[int]string
	flagged int
	peers   []analyzer.Fixed
	// contexts gives record i its place among its candidate's offers.
	contexts func(i int) analyzer.OfferContext
	// placed is closed by Place when PlaceLater made it; nil, the places
	// need no wait.
	placed chan struct{}
	n      int
	mu     sync.Mutex
}

// NewRecords returns an empty store that keeps up to budget bytes of
// encoded records in memory (DefaultRecordBudget when budget is 0; no
// limit when negative) and spills the rest to a temporary file in dir (""
// for the system's temporary directory). Close removes the file.
func NewRecords(budget int64, dir string) *Records {
	if budget == 0 {
		budget = DefaultRecordBudget
	}
	return &Records{budget: budget, dir: dir, syms: map[string]uint32{}, notes: map[int]string{}}
}

// recordsOf builds an in-memory store from full analyses (with their peer
// places), for runs that hold analyses rather than records.
func recordsOf(as []analyzer.Analysis) *Records {
	s := NewRecords(-1, "")
	s.peers = make([]analyzer.Fixed, len(as))
	s.contexts = func(i int) analyzer.OfferContext {
		if c := as[i].Offer.Context; c != nil {
			return *c
		}
		return analyzer.OfferContext{}
	}
	for i := range as {
		_ = s.Add(analyzer.Reduce(&as[i]))
		s.peers[i] = analyzer.Blank
		if p := as[i].Peer; p != nil {
			s.peers[i] = analyzer.FixedOf(p.Percentile, analyzer.PercentilePlaces)
		}
	}
	return s
}

// Len returns the number of records.
func (s *Records) Len() int { return s.n }

// Spilled returns how many records are in the temporary file.
func (s *Records) Spilled() int { return s.n - s.nArena }

// PlaceLater marks the records' places as still being worked out (the
// peer percentiles and each offer's place among its candidate's offers,
// which need the whole batch): Each and At wait for Place, while
// EachUnplaced and AtUnplaced read the records without them, so the
// writers of what does not depend on them start at once.
func (s *Records) PlaceLater() { s.placed = make(chan struct{}) }

// Place gives each record its peer percentile in tenths (Blank for none),
// in input order (see analyzer.PeerGroups), and its place among its
// candidate's offers, and lets the readers waiting for them go on.
func (s *Records) Place(peers []analyzer.Fixed, contexts func(i int) analyzer.OfferContext) {
	s.peers, s.contexts = peers, contexts
	if s.placed != nil {
		close(s.placed)
	}
}

// PlacedLater reports whether the records' places come by Place
// (PlaceLater was called).
func (s *Records) PlacedLater() bool { return s.placed != nil }

// waitPlaced returns once the records' places are set.
func (s *Records) waitPlaced() {
	if s.placed != nil {
		<-s.placed
	}
}

// intern returns the number of a repeated string in the store's table.
func (s *Records) intern(v string) uint32 {
	if id, ok := s.syms[v]; ok {
		return id
	}
	id := uint32(len(s.symList))
	s.syms[v] = id
	s.symList = append(s.symList, v)
	return id
}

// Add appends the next record.
func (s *Records) Add(r analyzer.Record) error {
	i := s.n
	if r.Note != "" {
		if s.flagged++; s.flagged <= MaxFlagNotes {
			s.notes[i] = r.Note
		}
		r.Note = ""
	}
	s.n++
	s.enc.buf = s.enc.buf[:0]
	s.enc.s = s
	r.Visit(&s.enc)
	if s.file == nil && (s.budget < 0 || s.arenaSize < s.budget) {
		n := len(s.enc.buf)
		if k := len(s.arena); k == 0 || len(s.arena[k-1])+n > cap(s.arena[k-1]) {
			s.arena = append(s.arena, make([]byte, 0, max(arenaChunk, n)))
		}
		k := len(s.arena) - 1
		s.arenaOff = append(s.arenaOff, uint64(k)<<32|uint64(len(s.arena[k])))
		s.arena[k] = append(s.arena[k], s.enc.buf...)
		s.arenaSize += int64(n)
		s.nArena++
		return nil
	}
	if s.file == nil {
		f, err := os.CreateTemp(s.dir, "offerbook-records-*.bin")
		if err != nil {
			return fmt.Errorf("spilling records to a temporary file: %w", err)
		}
		s.file, s.w = f, bufio.NewWriterSize(f, 256<<10)
		s.offsets = []int64{0}
	}
	if _, err := s.w.Write(s.enc.buf); err != nil {
		return fmt.Errorf("spilling records: %w", err)
	}
	s.offsets = append(s.offsets, s.offsets[len(s.offsets)-1]+int64(len(s.enc.buf)))
	return nil
}

// finish flushes the spill file before the first read. Reads may run on
// several goroutines at once (each Each has its own reader, each At its own
// buffer).
func (s *Records) finish() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w != nil {
		if err := s.w.Flush(); err != nil {
			return fmt.Errorf("spilling records: %w", err)
		}
	}
	return nil
}

// note returns record i's flag note, kept for the first MaxFlagNotes
// flagged records.
func (s *Records) note(i int) string { return s.notes[i] }

// fill adds what is kept beside record i: its note, and its places when
// placed is set (otherwise none: a Blank peer percentile, no context).
func (s *Records) fill(i int, r *analyzer.Record, placed bool) {
	r.Note = s.notes[i]
	r.PeerPctl = analyzer.Blank
	r.Context = analyzer.OfferContext{}
	if !placed {
		return
	}
	if i < len(s.peers) {
		r.PeerPctl = s.peers[i]
	}
	if s.contexts != nil {
		r.Context = s.contexts(i)
	}
}

// arenaRecord returns the bytes of record i, one of those in memory.
func (s *Records) arenaRecord(i int) []byte {
	k, start := s.arenaOff[i]>>32, uint32(s.arenaOff[i])
	chunk := s.arena[k]
	end := len(chunk)
	if i+1 < s.nArena && s.arenaOff[i+1]>>32 == k {
		end = int(uint32(s.arenaOff[i+1]))
	}
	return chunk[start:end]
}

// Each calls fn with every record in input order, places included (it
// waits for them). The record is only valid during the call: it is decoded
// into one reused value.
func (s *Records) Each(fn func(i int, r *analyzer.Record) error) error {
	s.waitPlaced()
	return s.each(true, true, fn)
}

// EachWithoutDrafts is Each for a reader that writes no email: the email
// draft's texts are left empty (Record.Draft is then of no use), which
// spares copying them out of every spilled record.
func (s *Records) EachWithoutDrafts(fn func(i int, r *analyzer.Record) error) error {
	s.waitPlaced()
	return s.each(true, false, fn)
}

// EachUnplaced is Each for a reader that needs no places and writes no
// email: it does not wait for the places, and gives every record none and
// no email draft's texts.
func (s *Records) EachUnplaced(fn func(i int, r *analyzer.Record) error) error {
	return s.each(false, false, fn)
}

func (s *Records) each(placed, drafts bool, fn func(i int, r *analyzer.Record) error) error {
	var r analyzer.Record
	dec := decoder{s: s, stable: true, noDrafts: !drafts}
	for i := range s.nArena {
		dec.b = s.arenaRecord(i)
		r.Visit(&dec)
		if dec.err != nil {
			return fmt.Errorf("reading records: %w", dec.err)
		}
		s.fill(i, &r, placed)
		if err := fn(i, &r); err != nil {
			return err
		}
	}
	if s.file == nil {
		return nil
	}
	if err := s.finish(); err != nil {
		return err
	}
	br := bufio.NewReaderSize(io.NewSectionReader(s.file, 0, s.offsets[len(s.offsets)-1]), 256<<10)
	var buf []byte
	for i := s.nArena; i < s.n; i++ {
		k := i - s.nArena
		size := int(s.offsets[k+1] - s.offsets[k])
		if cap(buf) < size {
			buf = make([]byte, size)
		}
		buf = buf[:size]
		if _, err := io.ReadFull(br, buf); err != nil {
			return fmt.Errorf("reading spilled records: %w", err)
		}
		dec.b, dec.stable = buf, false
		r.Visit(&dec)
		if dec.err != nil {
			return fmt.Errorf("reading spilled records: %w", dec.err)
		}
		s.fill(i, &r, placed)
		if err := fn(i, &r); err != nil {
			return err
		}
	}
	return nil
}

// At reads record i into r (a new value: r's slices are not reused),
// places included (it waits for them).
func (s *Records) At(i int, r *analyzer.Record) error {
	s.waitPlaced()
	return s.at(i, r, true, true)
}

// AtUnplaced is At for a reader that needs no places and writes no email:
// it does not wait for the places, and gives the record none and no email
// draft's texts.
func (s *Records) AtUnplaced(i int, r *analyzer.Record) error {
	return s.at(i, r, false, false)
}

// AtWithoutDrafts is At for a reader that writes no email: the email
// draft's texts are left empty.
func (s *Records) AtWithoutDrafts(i int, r *analyzer.Record) error {
	s.waitPlaced()
	return s.at(i, r, true, false)
}

func (s *Records) at(i int, r *analyzer.Record, placed, drafts bool) error {
	if i < 0 || i >= s.n {
		return fmt.Errorf("record %d of %d", i, s.n)
	}
	*r = analyzer.Record{}
	var data []byte
	if i < s.nArena {
		data = s.arenaRecord(i)
	} else {
		if err := s.finish(); err != nil {
			return err
		}
		k := i - s.nArena
		var err error
		if data, err = s.spilled(s.offsets[k], s.offsets[k+1]); err != nil {
			return fmt.Errorf("reading spilled record %d: %w", i, err)
		}
	}
	// Texts are read in place from the arena, copied from the spill
	// file's windows (which a text kept for long would keep whole).
	dec := decoder{s: s, b: data, stable: i < s.nArena, noDrafts: !drafts}
	r.Visit(&dec)
	if dec.err != nil {
		return fmt.Errorf("reading record %d: %w", i, dec.err)
	}
	s.fill(i, r, placed)
	return nil
}

// spillWindows is how many stretches of the spill file At keeps, and
// spillWindowSize how long each is.
const (
	spillWindows    = 4
	spillWindowSize = 256 << 10
)

// spillWindow is a stretch of the spill file from start.
type spillWindow struct {
	start int64
	data  []byte
}

// spilled returns the spill file's bytes from..to, from a window read
// earlier or from a new one starting at from. A window is never written
// once read (a new one takes its place), so the bytes stay as they are.
func (s *Records) spilled(from, to int64) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, w := range s.windows {
		if w.data != nil && from >= w.start && to <= w.start+int64(len(w.data)) {
			return w.data[from-w.start : to-w.start], nil
		}
	}
	end := min(max(to, from+spillWindowSize), s.offsets[len(s.offsets)-1])
	data := make([]byte, end-from)
	if _, err := s.file.ReadAt(data, from); err != nil {
		return nil, err
	}
	s.windows[s.nextWin] = spillWindow{start: from, data: data}
	s.nextWin = (s.nextWin + 1) % spillWindows
	return data[:to-from], nil
}

// Close removes the temporary file, if any.
func (s *Records) Close() error {
	if s.file == nil {
		return nil
	}
	name := s.file.Name()
	err := s.file.Close()
	s.file, s.w = nil, nil
	return errors.Join(err, os.Remove(name))
}

// encoder writes a record as varints; a Symbol is its number in the
// store's table.
type encoder struct {
	s   *Records
	buf []byte
}

func (e *encoder) DraftText(p *string) { e.Text(p) }
func (e *encoder) Text(p *string) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(*p)))
	e.buf = append(e.buf, *p...)
}
func (e *encoder) Symbol(p *string) {
	id := e.s.intern(*p)
	e.buf = binary.AppendUvarint(e.buf, uint64(id))
}
func (e *encoder) Fixed(f *analyzer.Fixed) { e.buf = binary.AppendVarint(e.buf, int64(*f)) }
func (e *encoder) Int(i *int64)            { e.buf = binary.AppendVarint(e.buf, *i) }
func (e *encoder) Bool(b *bool) {
	if *b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}
func (e *encoder) Fixeds(f *[]analyzer.Fixed) {
	if *f == nil {
		e.buf = append(e.buf, 0)
		return
	}
	e.buf = binary.AppendUvarint(e.buf, uint64(len(*f))+1)
	for _, v := range *f {
		e.buf = binary.AppendVarint(e.buf, int64(v))
	}
}

// Decimal writes 0 for zero; 1, the coefficient and the exponent when the
// coefficient has at most 18 digits (it fits an int64); otherwise the
// text's length plus 2, then the text.
func (e *encoder) Decimal(d *decimal.Decimal) {
	if d.IsZero() {
		e.buf = append(e.buf, 0)
		return
	}
	if d.NumDigits() <= 18 {
		e.buf = append(e.buf, 1)
		e.buf = binary.AppendVarint(e.buf, d.CoefficientInt64())
		e.buf = binary.AppendVarint(e.buf, int64(d.Exponent()))
		return
	}
	t := d.String()
	e.buf = binary.AppendUvarint(e.buf, uint64(len(t))+2)
	e.buf = append(e.buf, t...)
}
func (e *encoder) Years(y *[]analyzer.YearCents) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(*y)))
	for _, v := range *y {
		for _, c := range [...]analyzer.Fixed{v.Base, v.SignOn, v.RSU, v.Refresh, v.Bonus, v.Total} {
			e.buf = binary.AppendVarint(e.buf, int64(c))
		}
	}
}

// decoder reads what encoder wrote, from one record's bytes, into a
// reused record: slices keep their capacity, symbols come from the table
// without allocating.
type decoder struct {
	s   *Records
	b   []byte
	err error
	// stable: b is in the arena, whose bytes never change or move, so a
	// text can be read in place instead of copied.
	stable bool
	// noDrafts: the email draft's texts are skipped (left empty).
	noDrafts bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if !d.advance(n) {
		return 0
	}
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if !d.advance(n) {
		return 0
	}
	return v
}

// advance moves past a varint of n bytes; n ≤ 0 (none could be read) sets
// the error.
func (d *decoder) advance(n int) bool {
	if n <= 0 {
		if d.err == nil {
			d.err = io.ErrUnexpectedEOF
		}
		return false
	}
	d.b = d.b[n:]
	return true
}

// DraftText reads a text of the email draft, or skips it when the reader
// leaves the draft out.
func (d *decoder) DraftText(p *string) {
	if !d.noDrafts {
		d.Text(p)
		return
	}
	n := int(d.uvarint())
	if d.err != nil || n > len(d.b) {
		d.err = io.ErrUnexpectedEOF
		return
	}
	*p = ""
	d.b = d.b[n:]
}

func (d *decoder) Text(p *string) {
	n := int(d.uvarint())
	if d.err != nil || n > len(d.b) {
		d.err = io.ErrUnexpectedEOF
		return
	}
	switch {
	case n == 0:
		*p = ""
	case d.stable:
		*p = unsafe.String(&d.b[0], n)
	default:
		*p = string(d.b[:n])
	}
	d.b = d.b[n:]
}
func (d *decoder) Symbol(p *string) {
	id := d.uvarint()
	if d.err == nil && id < uint64(len(d.s.symList)) {
		*p = d.s.symList[id]
	} else if d.err == nil {
		d.err = fmt.Errorf("unknown string %d", id)
	}
}
func (d *decoder) Fixed(f *analyzer.Fixed) { *f = analyzer.Fixed(d.varint()) }
func (d *decoder) Int(i *int64)            { *i = d.varint() }
func (d *decoder) Bool(b *bool) {
	if len(d.b) == 0 {
		d.err = io.ErrUnexpectedEOF
		return
	}
	*b = d.b[0] == 1
	d.b = d.b[1:]
}
func (d *decoder) Fixeds(f *[]analyzer.Fixed) {
	n := d.uvarint()
	if n == 0 || d.err != nil {
		*f = nil
		return
	}
	out := (*f)[:0]
	for range n - 1 {
		out = append(out, analyzer.Fixed(d.varint()))
	}
	*f = out
}
func (d *decoder) Decimal(p *decimal.Decimal) {
	n := int(d.uvarint())
	switch {
	case n == 0 || d.err != nil:
		*p = decimal.Zero
		return
	case n == 1:
		coef, exp := d.varint(), d.varint()
		if d.err == nil && (exp < math.MinInt32 || exp > math.MaxInt32) {
			d.err = fmt.Errorf("decimal exponent %d", exp)
		}
		*p = decimal.New(coef, int32(exp))
		return
	}
	if n-2 > len(d.b) {
		d.err = io.ErrUnexpectedEOF
		return
	}
	v, err := decimal.NewFromString(string(d.b[:n-2]))
	if err != nil {
		d.err = err
		return
	}
	*p = v
	d.b = d.b[n-2:]
}
func (d *decoder) Years(y *[]analyzer.YearCents) {
	n := d.uvarint()
	out := (*y)[:0]
	for range n {
		if d.err != nil {
			break
		}
		out = append(out, analyzer.YearCents{Base: analyzer.Fixed(d.varint()), SignOn: analyzer.Fixed(d.varint()),
			RSU: analyzer.Fixed(d.varint()), Refresh: analyzer.Fixed(d.varint()), Bonus: analyzer.Fixed(d.varint()),
			Total: analyzer.Fixed(d.varint())})
	}
	*y = out
}
