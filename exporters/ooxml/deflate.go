package ooxml

import (
	"bytes"
	"hash/crc32"
	"io"
	"runtime"
	"sync"

	"github.com/klauspost/compress/flate"
)

// chunkSize is how much of a large part one deflate job compresses.
const chunkSize = 256 << 10

// chunkSlack is the room a row buffer has past chunkSize: Rows hands its
// buffer over at the first row end past chunkSize.
const chunkSlack = 16 << 10

// dictSize is how much of the chunk before a job sees as its dictionary:
// deflate's whole window, so matches reach back across chunk boundaries as
// in one stream.
const dictSize = 32 << 10

// deflateJob is one chunk of a stream, compressed by a worker into a
// deflate stream fragment: it starts with the previous chunk's tail as
// dictionary and ends byte-aligned (a sync flush), or with the final block
// for the stream's last chunk, so the fragments in order are one deflate
// stream. The chunking depends only on the bytes, so the result is the same
// whatever the number of workers.
type deflateJob struct {
	in, dict []byte
	final    bool
	out      *bytes.Buffer
	err      error
	done     chan struct{}
}

// deflateJobs feeds the deflate workers, one per core, which every
// workbook the process writes shares: a sheet's rows are compressed while
// they are written, its package's other parts when it is saved.
var deflateJobs = sync.OnceValue(func() chan<- *deflateJob {
	jobs := make(chan *deflateJob)
	for range max(1, runtime.GOMAXPROCS(0)) {
		go deflateWorker(jobs)
	}
	return jobs
})

func deflateWorker(jobs <-chan *deflateJob) {
	var fw *flate.Writer
	for job := range jobs {
		if fw == nil {
			fw, _ = flate.NewWriterDict(job.out, deflateLevel, job.dict) // the level is valid
		} else {
			fw.ResetDict(job.out, job.dict)
		}
		_, job.err = fw.Write(job.in)
		if job.err == nil {
			if job.final {
				job.err = fw.Close()
			} else {
				job.err = fw.Flush()
			}
		}
		close(job.done)
	}
}

// chunkBufs and outBufs hold chunk and compressed-output buffers for reuse,
// so a workbook of many small parts or a few huge ones makes little
// garbage.
var (
	chunkBufs = sync.Pool{New: func() any { b := make([]byte, 0, chunkSize+chunkSlack); return &b }}
	outBufs   = sync.Pool{New: func() any { return new(bytes.Buffer) }}
)

// newChunk returns an empty chunk buffer.
func newChunk() []byte { return (*chunkBufs.Get().(*[]byte))[:0] }

// releaseChunk returns a chunk buffer for reuse.
func releaseChunk(b []byte) {
	if cap(b) == chunkSize+chunkSlack {
		chunkBufs.Put(&b)
	}
}

// deflateStream compresses one stream of bytes in chunks on the deflate
// workers and writes the fragments, in order, to sink, counting the bytes
// and summing their CRC-32 as they come.
type deflateStream struct {
	sink io.Writer
	// chunk is the input not yet handed to a job; pending are the jobs
	// whose output is not yet in sink, in order; tail is the end of the
	// input handed over, the next job's dictionary.
	chunk   []byte
	pending []*deflateJob
	tail    []byte
	crc     uint32
	size    uint64
	// dispatched: a job was handed over, so the stream is in fragments.
	dispatched bool
	// keep is how many jobs may stay pending while more input comes.
	keep int
}

func newDeflateStream(sink io.Writer, keep int) *deflateStream {
	return &deflateStream{sink: sink, keep: keep}
}

// Write takes input, handing each full chunk (exactly chunkSize bytes) to
// the workers.
func (z *deflateStream) Write(b []byte) (int, error) {
	z.count(b)
	n := len(b)
	for len(b) > 0 {
		if z.chunk == nil {
			z.chunk = newChunk()
		}
		k := min(len(b), chunkSize-len(z.chunk))
		z.chunk = append(z.chunk, b[:k]...)
		b = b[k:]
		if len(z.chunk) == chunkSize {
			if err := z.dispatch(false); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// count adds b to the stream's size and CRC-32.
func (z *deflateStream) count(b []byte) {
	z.crc = crc32.Update(z.crc, crc32.IEEETable, b)
	z.size += uint64(len(b))
}

// take hands a whole chunk of input (a buffer from newChunk, of any length)
// to the workers; the stream owns it from then on.
func (z *deflateStream) take(chunk []byte) error {
	if len(z.chunk) > 0 {
		if err := z.dispatch(false); err != nil {
			return err
		}
	}
	z.count(chunk)
	z.chunk = chunk
	return z.dispatch(false)
}

// dispatch hands the pending chunk to the workers, the final one or one
// ending in a sync flush, then writes what is done to sink while more than
// keep jobs are pending.
func (z *deflateStream) dispatch(final bool) error {
	data := z.chunk
	if data == nil {
		data = newChunk()
	}
	z.chunk = nil
	out := outBufs.Get().(*bytes.Buffer)
	out.Reset()
	job := &deflateJob{in: data, dict: z.tail, final: final, out: out, done: make(chan struct{})}
	z.dispatched = true
	// The next job's dictionary is a copy: this chunk's buffer is reused
	// as soon as its job is done.
	z.tail = lastBytes(z.tail, data, dictSize)
	deflateJobs() <- job
	z.pending = append(z.pending, job)
	return z.drain(z.keep)
}

// lastBytes returns a new slice of the last n bytes of prev followed by
// data.
func lastBytes(prev, data []byte, n int) []byte {
	if len(data) >= n {
		return append([]byte(nil), data[len(data)-n:]...)
	}
	keep := min(len(prev), n-len(data))
	out := make([]byte, 0, keep+len(data))
	out = append(out, prev[len(prev)-keep:]...)
	return append(out, data...)
}

// drain writes the compressed chunks to sink in order, waiting for them
// while more than keep are still pending.
func (z *deflateStream) drain(keep int) error {
	for len(z.pending) > 0 {
		job := z.pending[0]
		if len(z.pending) <= keep {
			select {
			case <-job.done:
			default:
				return nil
			}
		}
		<-job.done
		z.pending[0] = nil
		z.pending = z.pending[1:]
		releaseChunk(job.in)
		err := job.err
		if err == nil {
			_, err = z.sink.Write(job.out.Bytes())
		}
		outBufs.Put(job.out)
		if err != nil {
			z.abandon()
			return err
		}
	}
	return nil
}

// abandon waits for the jobs still pending and drops their output, so no
// worker writes to a buffer after the stream is gone.
func (z *deflateStream) abandon() {
	for _, job := range z.pending {
		<-job.done
		releaseChunk(job.in)
		outBufs.Put(job.out)
	}
	z.pending = nil
}

// sync ends the stream so far on a byte boundary without ending it: the
// input not yet handed over goes in a job ending in a sync flush, and every
// fragment is written to sink. A stream that has had no input stays
// empty.
func (z *deflateStream) sync() error {
	if len(z.chunk) > 0 {
		if err := z.dispatch(false); err != nil {
			return err
		}
	}
	return z.drain(0)
}

// close ends the stream with the final block and writes every fragment to
// sink.
func (z *deflateStream) close() error {
	if err := z.dispatch(true); err != nil {
		return err
	}
	return z.drain(0)
}

// appendCompressed continues a synced stream with c's fragments, as if c's
// input had come through Write: c's bytes go to sink as they are, and the
// size, CRC-32 and dictionary take c's in.
func (z *deflateStream) appendCompressed(c compressed) error {
	if c.size == 0 {
		return nil
	}
	if len(z.chunk) > 0 || len(z.pending) > 0 {
		if err := z.sync(); err != nil {
			return err
		}
	}
	if err := c.copyTo(z.sink); err != nil {
		return err
	}
	z.account(c)
	return nil
}

// account counts c's input in the stream (its size, CRC-32 and
// dictionary) as if it had come through Write; c's bytes are the
// caller's to place.
func (z *deflateStream) account(c compressed) {
	z.crc = crc32Combine(z.crc, c.crc, int64(c.size))
	z.size += c.size
	z.tail = lastBytes(z.tail, c.tail, dictSize)
	z.dispatched = true
}

// compressed is a run of deflate fragments made by a synced deflateStream:
// byte-aligned, not final, with the size, CRC-32 and last dictSize bytes of
// the input they hold.
type compressed struct {
	size   uint64
	crc    uint32
	tail   []byte
	copyTo func(w io.Writer) error
	// src and n, when src is set, are where the compressed bytes are: the
	// first n bytes of src, which stays readable until the package is
	// written.
	src io.ReaderAt
	n   int64
}

// crc32Combine returns the CRC-32 (IEEE) of a followed by b from a's CRC,
// b's CRC and b's length, as zlib's crc32_combine does: the CRC of a is
// carried through len(b) zero bytes by repeated squaring of the operator
// that appends one zero bit, then added to b's.
func crc32Combine(crcA, crcB uint32, lenB int64) uint32 {
	if lenB <= 0 {
		return crcA
	}
	var even, odd [32]uint32 // operators for 2^k zero bits
	odd[0] = 0xedb88320      // the IEEE polynomial, reversed
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four zero bits
	for {
		gf2Square(&even, &odd)
		if lenB&1 != 0 {
			crcA = gf2Times(&even, crcA)
		}
		if lenB >>= 1; lenB == 0 {
			break
		}
		gf2Square(&odd, &even)
		if lenB&1 != 0 {
			crcA = gf2Times(&odd, crcA)
		}
		if lenB >>= 1; lenB == 0 {
			break
		}
	}
	return crcA ^ crcB
}

// gf2Times multiplies the 32×32 bit matrix mat by the vector vec over
// GF(2).
func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

// gf2Square sets square to mat times mat.
func gf2Square(square, mat *[32]uint32) {
	for n := range 32 {
		square[n] = gf2Times(mat, mat[n])
	}
}
