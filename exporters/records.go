package exporters

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/offerbook/offerbook/analyzer"
)

// DefaultRecordBudget is how many bytes of records a Records store keeps
// in memory before it spills the rest to a temporary file: about 130,000
// offers of five years.
const DefaultRecordBudget = 128 << 20

// Records holds a batch's records (analyzer.Reduce) in input order for the
// writers, which read them once per output: in memory up to a budget, then
// appended to a temporary file. Strings that repeat across a batch
// (company, level, flags, …) are interned; the flag notes Summary shows
// (the first MaxFlagNotes flagged offers) and the peer percentiles, which
// are known only once the batch is complete, are kept beside the records.
// Add is called from one goroutine, and every Add comes before any read.
type Records struct {
	budget int64
	dir    string

	mem      []analyzer.Record
	memBytes int64

	file    *os.File
	w       *bufio.Writer
	offsets []int64 // start of each spilled record, and the file's end
	enc     encoder

	syms    map[string]uint32
	symList []string

	notes   map[int]string
	flagged int
	peers   []analyzer.Fixed
	n       int
	atBuf   []byte
}

// NewRecords returns an empty store that keeps up to budget bytes of
// records in memory (DefaultRecordBudget when budget is 0; no limit when
// negative) and spills the rest to a temporary file in dir ("" for the
// system's temporary directory). Close removes the file.
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
func (s *Records) Spilled() int { return s.n - len(s.mem) }

// SetPeers gives each record its peer percentile in tenths (Blank for
// none), in input order; see analyzer.PeerGroups.
func (s *Records) SetPeers(p []analyzer.Fixed) { s.peers = p }

// intern returns the store's copy of a repeated string.
func (s *Records) intern(v string) (string, uint32) {
	if id, ok := s.syms[v]; ok {
		return s.symList[id], id
	}
	id := uint32(len(s.symList))
	s.syms[v] = id
	s.symList = append(s.symList, v)
	return v, id
}

// interner replaces each Symbol of a record with the store's copy.
type interner struct{ s *Records }

func (v interner) Text(*string)                {}
func (v interner) Symbol(p *string)            { *p, _ = v.s.intern(*p) }
func (v interner) Fixed(*analyzer.Fixed)       {}
func (v interner) Int(*int64)                  {}
func (v interner) Bool(*bool)                  {}
func (v interner) Fixeds(*[]analyzer.Fixed)    {}
func (v interner) Years(*[]analyzer.YearCents) {}

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
	if s.file == nil && (s.budget < 0 || s.memBytes < s.budget) {
		r.Visit(interner{s})
		s.memBytes += recordSize(&r)
		s.mem = append(s.mem, r)
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
	s.enc.buf = s.enc.buf[:0]
	s.enc.s = s
	r.Visit(&s.enc)
	if _, err := s.w.Write(s.enc.buf); err != nil {
		return fmt.Errorf("spilling records: %w", err)
	}
	s.offsets = append(s.offsets, s.offsets[len(s.offsets)-1]+int64(len(s.enc.buf)))
	return nil
}

// recordSize estimates the memory one record holds.
func recordSize(r *analyzer.Record) int64 {
	const fixed = 640 // the struct itself, headers of its strings and slices
	return fixed + int64(len(r.ID)+len(r.Candidate)+48*len(r.Years)+8*(len(r.Scenarios)+len(r.ComparatorGap)+len(r.LeverDeltas)))
}

// finish flushes the spill file before the first read.
func (s *Records) finish() error {
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

// fill adds what is kept beside record i.
func (s *Records) fill(i int, r *analyzer.Record) {
	r.Note = s.notes[i]
	r.PeerPctl = analyzer.Blank
	if i < len(s.peers) {
		r.PeerPctl = s.peers[i]
	}
}

// Each calls fn with every record in input order. The record is only
// valid during the call (a spilled one is decoded into one reused value).
func (s *Records) Each(fn func(i int, r *analyzer.Record) error) error {
	var r analyzer.Record
	for i := range s.mem {
		r = s.mem[i]
		s.fill(i, &r)
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
	r = analyzer.Record{} // its slices belong to the last record in memory
	br := bufio.NewReaderSize(io.NewSectionReader(s.file, 0, s.offsets[len(s.offsets)-1]), 256<<10)
	dec := decoder{s: s, r: br}
	for i := len(s.mem); i < s.n; i++ {
		r.Visit(&dec)
		if dec.err != nil {
			return fmt.Errorf("reading spilled records: %w", dec.err)
		}
		s.fill(i, &r)
		if err := fn(i, &r); err != nil {
			return err
		}
	}
	return nil
}

// At reads record i into r.
func (s *Records) At(i int, r *analyzer.Record) error {
	if i < 0 || i >= s.n {
		return fmt.Errorf("record %d of %d", i, s.n)
	}
	if i < len(s.mem) {
		*r = s.mem[i]
		s.fill(i, r)
		return nil
	}
	*r = analyzer.Record{} // r's slices may belong to a record in memory
	if err := s.finish(); err != nil {
		return err
	}
	k := i - len(s.mem)
	from, to := s.offsets[k], s.offsets[k+1]
	if int64(cap(s.atBuf)) < to-from {
		s.atBuf = make([]byte, to-from)
	}
	s.atBuf = s.atBuf[:to-from]
	if _, err := s.file.ReadAt(s.atBuf, from); err != nil {
		return fmt.Errorf("reading spilled record %d: %w", i, err)
	}
	dec := decoder{s: s, r: bytes.NewReader(s.atBuf)}
	r.Visit(&dec)
	if dec.err != nil {
		return fmt.Errorf("reading spilled record %d: %w", i, dec.err)
	}
	s.fill(i, r)
	return nil
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

func (e *encoder) Text(p *string) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(*p)))
	e.buf = append(e.buf, *p...)
}
func (e *encoder) Symbol(p *string) {
	_, id := e.s.intern(*p)
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
func (e *encoder) Years(y *[]analyzer.YearCents) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(*y)))
	for _, v := range *y {
		for _, c := range [...]analyzer.Fixed{v.Base, v.SignOn, v.RSU, v.Refresh, v.Bonus, v.Total} {
			e.buf = binary.AppendVarint(e.buf, int64(c))
		}
	}
}

type byteReader interface {
	io.Reader
	io.ByteReader
}

// decoder reads what encoder wrote into a reused record: slices keep their
// capacity, symbols come from the table without allocating.
type decoder struct {
	s   *Records
	r   byteReader
	err error
	tmp []byte
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.err = err
	}
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(d.r)
	if err != nil {
		d.err = err
	}
	return v
}

func (d *decoder) Text(p *string) {
	n := int(d.uvarint())
	if d.err != nil {
		return
	}
	if cap(d.tmp) < n {
		d.tmp = make([]byte, n)
	}
	d.tmp = d.tmp[:n]
	if _, err := io.ReadFull(d.r, d.tmp); err != nil {
		d.err = err
		return
	}
	*p = string(d.tmp)
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
	if d.err != nil {
		return
	}
	c, err := d.r.ReadByte()
	d.err = err
	*b = c == 1
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
