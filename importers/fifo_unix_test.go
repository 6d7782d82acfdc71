//go:build unix

package importers_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/offerbook/offerbook/importers"
)

// TestFIFOInput: a named pipe called x.csv is refused at once, never opened
// (opening a pipe with no writer waits forever).
func TestFIFOInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.csv")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("cannot make a FIFO here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := importers.ReadFile(context.Background(), path, importers.Options{}, nil, nil)
		done <- err
	}()
	select {
	case err := <-done:
		var re *importers.RowError
		if !errors.As(err, &re) || re.File != path || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("error %v, want a file-level error saying it is a named pipe", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO hangs")
	}
}
