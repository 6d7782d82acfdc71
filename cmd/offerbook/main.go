// Command offerbook analyzes job offers from CSV and XLSX files and writes an
// annotated Excel workbook (and, on request, CSV and JSON results).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/offerbook/offerbook/cmd/internal/batch"
	"github.com/offerbook/offerbook/cmd/internal/profile"
	"github.com/offerbook/offerbook/cmd/internal/signals"
)

func main() {
	profile.LimitMemory()
	profile.TuneGC()
	ctx, stop := signals.Notify(context.Background(), func(e *batch.InterruptedError) {
		fmt.Fprintln(os.Stderr, "offerbook:", e.Error())
		os.Exit(exitFailed)
	})
	stopProfiles := profile.Start()
	err := run(ctx, os.Args, os.Stdout, os.Stderr)
	stopProfiles()
	stop()
	os.Exit(exitCode(err, os.Stderr))
}
