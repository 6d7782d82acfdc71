package batch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
)

// TestRunWithoutOutputs: a run with no outputs (validate) reads and
// analyses, counts every row once, and takes no lock and writes nothing.
func TestRunWithoutOutputs(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "samples", "offers.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	if err := os.WriteFile(bad, []byte(lines[0]+"X-1,,,nonsense\n"+strings.Join(lines[1:4], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	var rejected []analyzer.Rejection
	s, err := Run(context.Background(), Config{Inputs: []string{bad}, Options: analyzer.DefaultOptions(),
		Rejected: func(r []analyzer.Rejection) { rejected = r }})
	if err != nil {
		t.Fatal(err)
	}
	if s.Offers != 3 || s.RejectedRows != 1 || s.Rows() != 4 || len(s.Written) != 0 {
		t.Errorf("summary %+v: want 3 offers, 1 rejected row of 4, nothing written", s)
	}
	if len(rejected) == 0 || rejected[0].Row != 2 || !slices.Equal(rejected, s.Rejected) {
		t.Errorf("Rejected hook got %v, summary %v: want the row 2 rejections, the same", rejected, s.Rejected)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a run without outputs left %d files in the folder, want only the input", len(entries))
	}
}

// TestConfigError: options the engine refuses are a ConfigError, before
// anything is read or written.
func TestConfigError(t *testing.T) {
	out := t.TempDir()
	cfg := sampleConfig(t, out)
	cfg.Options.Years = 0
	_, err := Run(context.Background(), cfg)
	if !errors.As(err, new(ConfigError)) {
		t.Fatalf("got %v, want a ConfigError", err)
	}
	if _, err := os.Stat(cfg.Outputs.Workbook); err == nil {
		t.Error("workbook written although the options were refused")
	}
}

// TestInterruptedRun: a run whose context ends before its commit writes
// nothing and names each output it did not write, with the context's cause
// when one was given.
func TestInterruptedRun(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cause error
		want  string
	}{
		{"cause", errors.New("stopped by SIGTERM"), "stopped by SIGTERM: nothing was written; not written: "},
		{"no cause", nil, "interrupted: nothing was written; not written: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			ctx, cancel := context.WithCancelCause(context.Background())
			cancel(tc.cause)
			cfg := sampleConfig(t, out)
			_, err := Run(ctx, cfg)
			var stopped *InterruptedError
			if !errors.As(err, &stopped) || !errors.Is(err, context.Canceled) {
				t.Fatalf("got %v, want an InterruptedError", err)
			}
			want := tc.want + cfg.Outputs.Workbook + ", " + cfg.Outputs.Results
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("got %q, want it to start %q", err, want)
			}
			if _, err := os.Stat(cfg.Outputs.Workbook); err == nil {
				t.Error("workbook written after the context ended")
			}
			assertNoTemporaries(t, out)
		})
	}
}

// TestCollectorDetailsFirstOffers: the first OfferSheets offers are
// analysed again in full, each knowing its place among its candidate's
// offers before its email is written; the others keep only their record.
func TestCollectorDetailsFirstOffers(t *testing.T) {
	cfg := sampleConfig(t, t.TempDir())
	cfg.OfferSheets, cfg.Progress = 2, silent{}
	res, err := read(context.Background(), &cfg, "", keepRecords)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.records.Close() }()
	if res.place == nil {
		t.Fatal("the records' places were worked out before the writing could start")
	}
	res.details = res.place()
	if res.records.Len() != res.offers || len(res.details) != 2 {
		t.Fatalf("%d records of %d offers, %d details; want every offer's record and 2 details", res.records.Len(), res.offers, len(res.details))
	}
	for i, d := range res.details {
		if d.Brief || d.Offer.Context == nil || d.Draft == nil {
			t.Errorf("detail %d (%s): brief %v, context %v, draft %v; want a full analysis with its context and email", i, d.Offer.ID, d.Brief, d.Offer.Context, d.Draft)
		}
	}
}
