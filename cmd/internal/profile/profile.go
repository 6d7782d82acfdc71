// Package profile tunes and measures the offerbook process: a soft memory
// limit, and, on request, a CPU profile and a profile of the heap at its
// largest (see BENCHMARKS.md).
package profile

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Start starts the profiles the environment asks for:
// OFFERBOOK_CPUPROFILE=file writes a CPU profile of the run,
// OFFERBOOK_MEMPROFILE=file a heap profile taken when the heap was largest
// (sampled twice a second). stop ends them and writes the files.
func Start() (stop func()) {
	stopCPU, stopHeap := func() {}, func() {}
	if path := os.Getenv("OFFERBOOK_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil && pprof.StartCPUProfile(f) == nil {
			stopCPU = func() { pprof.StopCPUProfile(); _ = f.Close() }
		}
	}
	if path := os.Getenv("OFFERBOOK_MEMPROFILE"); path != "" {
		stopHeap = peakHeapProfile(path)
	}
	return func() { stopHeap(); stopCPU() }
}

// peakHeapProfile samples the heap twice a second and keeps a profile of
// the largest; the returned function stops and writes it to path.
func peakHeapProfile(path string) func() {
	done := make(chan struct{})
	var best []byte
	var peak uint64
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak {
					peak = m.HeapInuse
					var b bytes.Buffer
					if pprof.Lookup("heap").WriteTo(&b, 0) == nil {
						best = b.Bytes()
					}
				}
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
		_ = os.WriteFile(path, best, 0o644)
	}
}

// LimitMemory sets, unless GOMEMLIMIT is set, a soft memory limit of half
// the machine's memory, so a batch near it has the collector work harder
// instead of growing the heap further. The batch streams records rather
// than keeping analyses, so Go's default GOGC (100) keeps the heap small
// (GOGC 200 measured 503 MB peak against 346 MB at 100,000 offers, see
// BENCHMARKS.md).
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return
	}
	var kb int64
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
			kb, _ = strconv.ParseInt(f[1], 10, 64)
		}
	}
	if kb > 0 {
		debug.SetMemoryLimit(kb * 1024 / 2)
	}
}
