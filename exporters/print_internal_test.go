package exporters

import (
	"bytes"
	"testing"

	"github.com/offerbook/offerbook/exporters/ooxml"
	"github.com/xuri/excelize/v2"
)

// TestPrintAreaNames: the print areas of many sheets, set through excelize
// for the first and appended by the engine for the rest, read back as each
// sheet's print area.
func TestPrintAreaNames(t *testing.T) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	for _, s := range []string{"O-1", "O'2", "O-3"} {
		if _, err := f.NewSheet(s); err != nil {
			t.Fatal(err)
		}
	}
	names, err := printAreaNames(f, [][2]string{{"O-1", "$A$1:$M$10"}, {"O'2", "$A$1:$M$20"}, {"O-3", "$A$1:$M$30"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2 {
		t.Fatalf("%d names for the engine, want 2 (the first goes through excelize)", len(names))
	}
	var out bytes.Buffer
	if err := ooxml.Write(&out, f, ooxml.Options{TmpDir: t.TempDir(), Names: names}); err != nil {
		t.Fatal(err)
	}
	back, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = back.Close() }()
	got := map[string]string{}
	for _, d := range back.GetDefinedName() {
		if d.Name == "_xlnm.Print_Area" {
			got[d.Scope] = d.RefersTo
		}
	}
	want := map[string]string{"O-1": "'O-1'!$A$1:$M$10", "O'2": "'O''2'!$A$1:$M$20", "O-3": "'O-3'!$A$1:$M$30"}
	for s, ref := range want {
		if got[s] != ref {
			t.Errorf("print area of %s = %q, want %q", s, got[s], ref)
		}
	}
	other := excelize.NewFile()
	defer func() { _ = other.Close() }()
	if _, err := printAreaNames(other, [][2]string{{"Sheet1", "$A$1"}, {"missing", "$A$1"}}); err == nil {
		t.Error("a print area of a missing sheet was accepted")
	}
}
