package exporters

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestAddPrintAreasFastPath: excelize's workbook still has the shape
// addPrintAreas appends to, so 500 offer sheets do not fall back to
// SetDefinedName's cost per name; and the names it appends read back.
func TestAddPrintAreasFastPath(t *testing.T) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	for _, s := range []string{"O-1", "O'2", "O-3"} {
		if _, err := f.NewSheet(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := addPrintAreas(f, [][2]string{{"O-1", "$A$1:$M$10"}, {"O'2", "$A$1:$M$20"}, {"O-3", "$A$1:$M$30"}}); err != nil {
		t.Fatal(err)
	}
	if _, ok := definedNameList(f); !ok {
		t.Fatal("excelize's defined names changed shape: addPrintAreas falls back to SetDefinedName (slow for many sheets)")
	}
	got := map[string]string{}
	for _, d := range f.GetDefinedName() {
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
}
