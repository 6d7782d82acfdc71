package exporters_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/offerbook/offerbook/exporters"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	for _, tc := range []struct {
		name    string
		write   func(io.Writer) error
		wantErr error
		want    string
	}{
		{"failure keeps the old file", func(w io.Writer) error {
			_, _ = io.WriteString(w, "half a fi")
			return boom
		}, boom, "old"},
		{"success replaces it", func(w io.Writer) error {
			_, err := io.WriteString(w, "new")
			return err
		}, nil, "new"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := exporters.WriteFileAtomic(path, tc.write)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			got, _ := os.ReadFile(path)
			if string(got) != tc.want {
				t.Errorf("file = %q, want %q", got, tc.want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("directory holds %d entries, want only out.csv (temp file left behind?)", len(entries))
			}
		})
	}
	if err := exporters.WriteFileAtomic(filepath.Join(dir, "missing", "x"), func(io.Writer) error { return nil }); err == nil {
		t.Errorf("writing into a missing directory succeeded")
	}
}
