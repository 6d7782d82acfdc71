package ooxml

import (
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// BenchmarkSheetRows encodes and compresses rows like Summary's: ids and
// names as text, a dozen money amounts with a style, a percentile, a
// status and an empty cell.
func BenchmarkSheetRows(b *testing.B) {
	cells := []any{"G-0000024", "Candidate 000008", "Meta", "EM", "L6", "Seattle",
		excelize.Cell{StyleID: 12, Value: 156000.0}, excelize.Cell{StyleID: 12, Value: 46000.0},
		excelize.Cell{StyleID: 12, Value: 0.0}, excelize.Cell{StyleID: 12, Value: 269000.0},
		excelize.Cell{StyleID: 25, Value: "meta"}, excelize.Cell{StyleID: 12, Value: 292650.0},
		excelize.Cell{StyleID: 12, Value: 246650.0}, excelize.Cell{StyleID: 12, Value: 1032600.0},
		excelize.Cell{StyleID: 12, Value: 207385.4}, excelize.Cell{StyleID: 12, Value: 178062.95},
		excelize.Cell{StyleID: 27, Value: 741574.24}, nil, excelize.Cell{StyleID: 21, Value: 1.0},
		excelize.Cell{StyleID: 25, Value: "below band"}, excelize.Cell{StyleID: 22, Value: 0.78},
		excelize.Cell{StyleID: 21, Value: 12.4}, excelize.Cell{StyleID: 25, Value: "VP / comp committee"},
		excelize.Cell{StyleID: 10, Value: "CLIFF_Y3; YOY_DROP; BELOW_MEDIAN; FAR_BELOW_MARKET"}}
	b.ReportAllocs()
	for b.Loop() {
		s := &Rows{dir: b.TempDir()}
		for r := 2; r < 10002; r++ {
			if err := s.SetRow("A"+strconv.Itoa(r), cells); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := s.compressed(); err != nil {
			b.Fatal(err)
		}
		_ = s.Close()
	}
}
