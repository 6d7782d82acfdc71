// Command offerbook analyzes job offers from CSV and XLSX files and writes an
// annotated Excel workbook (and, on request, CSV and JSON results).
package main

import (
	"context"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
)

func main() {
	limitMemory()
	ctx, stop := notifySignals(context.Background(), os.Stderr, os.Exit)
	// OFFERBOOK_CPUPROFILE=file writes a CPU profile of the run (see BENCHMARKS.md).
	if path := os.Getenv("OFFERBOOK_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil && pprof.StartCPUProfile(f) == nil {
			defer f.Close()
			defer pprof.StopCPUProfile()
		}
	}
	err := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	code := exitCode(err, os.Stderr)
	pprof.StopCPUProfile()
	os.Exit(code)
}

// limitMemory tunes the garbage collector for batches that keep every
// analysis: unless GOGC is set, collect when the heap grows 200% rather than
// 100% (each collection scans every kept analysis: 8% faster at 100,000
// offers, see BENCHMARKS.md), and unless GOMEMLIMIT is set, a soft limit of
// half the machine's memory, so a million-offer batch has the collector work
// harder near the limit instead of growing the heap further.
func limitMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
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
