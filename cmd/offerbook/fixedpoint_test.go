package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestFixedPointWorkbooksMatchDecimal runs the same batches twice, once on
// the fast fixed-point path and once with OFFERBOOK_DECIMAL=1 (every figure
// in decimal), and requires every output file to be the same bytes: the
// generator's batch and the banded one (most offers with a band and a
// counter), with and without growth, raises and scenarios, with offer sheets.
func TestFixedPointWorkbooksMatchDecimal(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	root := t.TempDir()
	n := "3000"
	if testing.Short() {
		n = "600"
	}
	inputs := map[string][]string{"plain": nil, "banded": {"--banded"}}
	runs := map[string][]string{
		"defaults": nil,
		"growth":   {"--stock-growth", "8", "--raise", "3", "--scenarios", "-20,0,15", "--years", "5"},
	}
	for input, genArgs := range inputs {
		in := filepath.Join(root, input+".csv")
		runOK(t, append([]string{"generate", "-n", n, "--seed", "11", "-o", in}, genArgs...)...)
		for run, args := range runs {
			out := map[string]string{}
			for _, mode := range []string{"0", "1"} {
				t.Setenv("OFFERBOOK_DECIMAL", mode)
				dir := filepath.Join(root, input+"-"+run+"-"+mode)
				out[mode] = dir
				runOK(t, append([]string{"analyze", in, "--format", "xlsx,csv,json", "--offer-sheets", "40", "--out-dir", dir, "-q"}, args...)...)
			}
			for _, name := range []string{input + ".xlsx", "results.csv", "results.json", "errors.csv"} {
				fixed, err := os.ReadFile(filepath.Join(out["0"], name))
				if err != nil {
					t.Fatal(err)
				}
				dec, err := os.ReadFile(filepath.Join(out["1"], name))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(fixed, dec) {
					t.Errorf("%s, %s: %s differs between the fixed-point and the decimal path", input, run, name)
				}
			}
		}
	}
}
