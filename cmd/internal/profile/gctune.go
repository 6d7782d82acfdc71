package profile

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// HeapBudget is the heap a batch may fill before the collector runs: below
// it the collector waits for the heap to reach it, however little of it is
// live, rather than run each time the heap doubles (Go's default, GOGC
// 100), which, while the live heap is small, means a collection every few
// megabytes. Above it the collector keeps the heap at most minGrowth
// percent over what is live.
const HeapBudget = 160 << 20

// minGrowth and maxGrowth bound the GOGC the tuner sets.
const (
	minGrowth = 60
	maxGrowth = 5000
)

// TuneGC, unless GOGC is set, retunes the collector after every collection
// so that the next one comes when the heap reaches HeapBudget, or
// minGrowth percent over the live heap when that is more. The batch
// allocates gigabytes over its run but keeps little live (records are
// encoded, spilled past a budget), so this trades no peak memory for
// most of the collector's work (BENCHMARKS.md).
func TuneGC() {
	if os.Getenv("GOGC") != "" {
		return
	}
	t := &gcTuner{sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.tune()
	runtime.SetFinalizer(&gcSentinel{t: t}, rearm)
}

// gcSentinel is garbage from birth: its finalizer runs after each
// collection, retunes the collector and makes the next sentinel.
type gcSentinel struct{ t *gcTuner }

func rearm(s *gcSentinel) {
	s.t.tune()
	runtime.SetFinalizer(&gcSentinel{t: s.t}, rearm)
}

type gcTuner struct {
	sample  []metrics.Sample
	percent int
}

// tune sets GOGC from the live heap of the last collection.
func (t *gcTuner) tune() {
	metrics.Read(t.sample)
	live := uint64(0)
	if t.sample[0].Value.Kind() == metrics.KindUint64 {
		live = t.sample[0].Value.Uint64()
	}
	p := growthFor(live)
	if p != t.percent {
		t.percent = p
		debug.SetGCPercent(p)
	}
}

// growthFor is the GOGC that puts the next collection at HeapBudget, or
// minGrowth percent over live when that is more.
func growthFor(live uint64) int {
	if live == 0 || live >= HeapBudget {
		return minGrowth
	}
	p := int((HeapBudget - live) * 100 / live)
	return min(max(p, minGrowth), maxGrowth)
}
