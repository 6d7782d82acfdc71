// Command offerbook analyzes job offers from CSV and XLSX files and writes an
// annotated Excel workbook (and, on request, CSV and JSON results).
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
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
