package exporters_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/offerbook/offerbook/exporters"
)

func TestSmoke(t *testing.T) {
	var buf bytes.Buffer
	if err := exporters.WriteWorkbook(&buf, sampleRun(t)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/smoke.xlsx", buf.Bytes(), 0o644)
	s, err := exporters.DumpWorkbook(&buf)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/smoke.txt", []byte(s), 0o644)
}
