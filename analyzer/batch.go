package analyzer

import "sync"

// Failure is an offer the engine could not analyze, with the reason (a
// *FieldError).
type Failure struct {
	Offer *Offer
	Err   error
}

// Result is one offer through a Stream: its brief analysis (or the error
// that refused it) and the value the stream's reduce function made of the
// analysis on the worker that ran it.
type Result[T any] struct {
	Offer    *Offer
	Analysis Analysis
	Err      error
	Value    T
}

// streamChunk is the unit of work handed to a worker: consecutive offers
// starting at sequence number seq.
type streamChunk[T any] struct {
	seq     int
	offers  []*Offer
	results []Result[T]
}

const batchChunkSize = 512

// Stream analyzes a stream of offers on several goroutines while they are
// still being read (Engine.AnalyzeBrief), reduces each analysis on the
// same goroutine, and hands every result to emit in input order, on one
// goroutine, as soon as the offers before it are done. Nothing is kept
// once emit returns, so a batch of any size streams through. Add is called
// from one goroutine; Close waits for the last emit.
type Stream[T any] struct {
	engine  *Engine
	reduce  func(*Analysis) T
	pending *streamChunk[T]
	seq     int
	work    chan *streamChunk[T]
	done    chan *streamChunk[T]
	wg      sync.WaitGroup
	collect sync.WaitGroup
	free    sync.Pool
}

// NewStream starts workers goroutines (at least one) analyzing with engine;
// reduce (may be nil) runs on the worker for each analysis, emit on the
// collecting goroutine for each result in input order.
func NewStream[T any](engine *Engine, workers int, reduce func(*Analysis) T, emit func(*Result[T])) *Stream[T] {
	if workers < 1 {
		workers = 1
	}
	s := &Stream[T]{engine: engine, reduce: reduce,
		work: make(chan *streamChunk[T], workers*2), done: make(chan *streamChunk[T], workers*2)}
	for i := 0; i < workers; i++ {
		s.wg.Add(1)
		go s.worker()
	}
	s.collect.Add(1)
	go func() {
		defer s.collect.Done()
		waiting := map[int]*streamChunk[T]{}
		next := 0
		for c := range s.done {
			waiting[c.seq] = c
			for {
				c, ok := waiting[next]
				if !ok {
					break
				}
				delete(waiting, next)
				next++
				for i := range c.results {
					emit(&c.results[i])
					c.results[i] = Result[T]{}
				}
				c.results = c.results[:0]
				s.free.Put(c)
			}
		}
	}()
	return s
}

func (s *Stream[T]) worker() {
	defer s.wg.Done()
	for c := range s.work {
		for _, o := range c.offers {
			c.results = append(c.results, Result[T]{Offer: o})
			r := &c.results[len(c.results)-1]
			r.Analysis, r.Err = s.engine.AnalyzeBrief(o)
			if r.Err == nil && s.reduce != nil {
				r.Value = s.reduce(&r.Analysis)
			}
		}
		clear(c.offers)
		c.offers = c.offers[:0]
		s.done <- c
	}
}

// Add queues one offer for analysis.
func (s *Stream[T]) Add(o *Offer) {
	if s.pending == nil {
		c, _ := s.free.Get().(*streamChunk[T])
		if c == nil {
			c = &streamChunk[T]{offers: make([]*Offer, 0, batchChunkSize), results: make([]Result[T], 0, batchChunkSize)}
		}
		c.seq = s.seq
		s.pending = c
		s.seq++
	}
	s.pending.offers = append(s.pending.offers, o)
	if len(s.pending.offers) == batchChunkSize {
		s.work <- s.pending
		s.pending = nil
	}
}

// Close analyzes what is left, stops the workers and returns once every
// result has been emitted.
func (s *Stream[T]) Close() {
	if s.pending != nil {
		s.work <- s.pending
		s.pending = nil
	}
	close(s.work)
	s.wg.Wait()
	close(s.done)
	s.collect.Wait()
}

// BatchResult is the outcome of a Batch: the analyses in the order the
// offers were added, and the offers that failed.
type BatchResult struct {
	Analyses []Analysis
	Failures []Failure
}

// Batch is a Stream that keeps every brief analysis, for batches small
// enough to hold (a workbook per candidate, tests); analyze the few offers
// that get their own sheet again with Engine.Analyze.
type Batch struct {
	s *Stream[struct{}]
	r BatchResult
}

// NewBatch starts workers goroutines (at least one) analyzing with engine.
func NewBatch(engine *Engine, workers int) *Batch {
	b := &Batch{}
	b.s = NewStream(engine, workers, nil, func(r *Result[struct{}]) {
		if r.Err != nil {
			b.r.Failures = append(b.r.Failures, Failure{Offer: r.Offer, Err: r.Err})
			return
		}
		b.r.Analyses = append(b.r.Analyses, r.Analysis)
	})
	return b
}

// Add queues one offer for analysis.
func (b *Batch) Add(o *Offer) { b.s.Add(o) }

// Close analyzes what is left, stops the workers and returns every analysis
// in input order together with the failures.
func (b *Batch) Close() BatchResult {
	b.s.Close()
	return b.r
}
