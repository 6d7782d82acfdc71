package analyzer

import "sync"

// Failure is an offer the engine could not analyze, with the reason (a
// *FieldError).
type Failure struct {
	Offer *Offer
	Err   error
}

// BatchResult is the outcome of a Batch: the analyses in the order the
// offers were added, and the offers that failed.
type BatchResult struct {
	Analyses []Analysis
	Failures []Failure
}

// batchChunk is the unit of work handed to a worker: consecutive offers
// starting at sequence number seq.
type batchChunk struct {
	seq      int
	offers   []*Offer
	analyses []Analysis
	failures []Failure
}

const batchChunkSize = 512

// Batch analyzes a stream of offers on several goroutines while they are
// still being read, and hands back brief analyses (Engine.AnalyzeBrief) in
// input order, so a million offers fit in memory; analyze the few offers
// that get their own sheet again with Engine.Analyze. Add is called
// from one goroutine; Close waits for the workers and returns the result.
type Batch struct {
	engine  *Engine
	pending *batchChunk
	seq     int
	work    chan *batchChunk
	done    chan *batchChunk
	wg      sync.WaitGroup
	collect sync.WaitGroup
	chunks  []*batchChunk
}

// NewBatch starts workers goroutines (at least one) analyzing with engine.
func NewBatch(engine *Engine, workers int) *Batch {
	if workers < 1 {
		workers = 1
	}
	b := &Batch{engine: engine, work: make(chan *batchChunk, workers*2), done: make(chan *batchChunk, workers*2)}
	for i := 0; i < workers; i++ {
		b.wg.Add(1)
		go b.worker()
	}
	b.collect.Add(1)
	go func() {
		defer b.collect.Done()
		for c := range b.done {
			for len(b.chunks) <= c.seq {
				b.chunks = append(b.chunks, nil)
			}
			b.chunks[c.seq] = c
		}
	}()
	return b
}

func (b *Batch) worker() {
	defer b.wg.Done()
	for c := range b.work {
		c.analyses = make([]Analysis, 0, len(c.offers))
		for _, o := range c.offers {
			a, err := b.engine.AnalyzeBrief(o)
			if err != nil {
				c.failures = append(c.failures, Failure{Offer: o, Err: err})
				continue
			}
			c.analyses = append(c.analyses, a)
		}
		c.offers = nil
		b.done <- c
	}
}

// Add queues one offer for analysis.
func (b *Batch) Add(o *Offer) {
	if b.pending == nil {
		b.pending = &batchChunk{seq: b.seq, offers: make([]*Offer, 0, batchChunkSize)}
		b.seq++
	}
	b.pending.offers = append(b.pending.offers, o)
	if len(b.pending.offers) == batchChunkSize {
		b.work <- b.pending
		b.pending = nil
	}
}

// Close analyzes what is left, stops the workers and returns every analysis
// in input order together with the failures.
func (b *Batch) Close() BatchResult {
	if b.pending != nil {
		b.work <- b.pending
		b.pending = nil
	}
	close(b.work)
	b.wg.Wait()
	close(b.done)
	b.collect.Wait()
	var r BatchResult
	n := 0
	for _, c := range b.chunks {
		n += len(c.analyses)
	}
	r.Analyses = make([]Analysis, 0, n)
	for _, c := range b.chunks {
		r.Analyses = append(r.Analyses, c.analyses...)
		r.Failures = append(r.Failures, c.failures...)
	}
	return r
}
