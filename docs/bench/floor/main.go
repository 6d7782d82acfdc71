// Command floor writes the practical floor of offerbook's batch workbook:
// for every offer of an input CSV, the same number of cells of the same
// kinds (text, money, percentile) as offerbook's Summary and Levers rows,
// through a bare excelize StreamWriter, with no analysis at all. Timing it
// beside offerbook in one run (docs/bench/compare.sh) shows how close the
// analysis pipeline comes to the cost of writing the cells.
//
// usage: floor OFFERS.csv OUT.xlsx
package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// The Candidates sheet shows about 20 cells per offer (a block of rows per
// candidate, one column per offer) and the hidden Pivot data sheet two.
const candidateRows = 5

// Cells per row, as offerbook writes them with its defaults (four offer
// years, no scenarios, levers on): Summary has 6 text cells, 4 offer
// amounts, the vesting, 4 year totals, 4 totals, 10 market, lever and
// counter columns (2 of them money) and the flags; Levers has 3 text
// cells, a percentile, 7 lever deltas, the best lever, 5 counter amounts,
// the approval tier and the status.
const (
	summaryMoney = 4 + 4 + 4 + 2
	leverMoney   = 7 + 5
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor OFFERS.csv OUT.xlsx")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	src, err := os.Open(in)
	if err != nil {
		return err
	}
	defer src.Close()
	r := csv.NewReader(src)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return err
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	f := excelize.NewFile()
	defer f.Close()
	money, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("#,##0.00")})
	if err != nil {
		return err
	}
	pctl, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0")})
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Summary"); err != nil {
		return err
	}
	for _, name := range []string{"Levers", "Candidates", "Pivot data"} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	cands, err := f.NewStreamWriter("Candidates")
	if err != nil {
		return err
	}
	pivot, err := f.NewStreamWriter("Pivot data")
	if err != nil {
		return err
	}
	candRow := 1
	summary, err := f.NewStreamWriter("Summary")
	if err != nil {
		return err
	}
	levers, err := f.NewStreamWriter("Levers")
	if err != nil {
		return err
	}
	text := func(rec []string, name string) any {
		if i, ok := col[name]; ok && rec[i] != "" {
			return rec[i]
		}
		return nil
	}
	var sRow, lRow []any
	for row := 2; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		base, _ := strconv.ParseFloat(rec[col["base"]], 64)
		sRow = sRow[:0]
		for _, c := range []string{"id", "candidate", "company", "track", "level", "location"} {
			sRow = append(sRow, text(rec, c))
		}
		for k := range summaryMoney {
			sRow = append(sRow, excelize.Cell{StyleID: money, Value: base + float64(k)})
		}
		sRow = append(sRow, text(rec, "vesting"), excelize.Cell{StyleID: pctl, Value: 50.5}, "in band",
			excelize.Cell{StyleID: pctl, Value: 1.02}, excelize.Cell{StyleID: pctl, Value: 40.0}, "RSU",
			"VP", excelize.Cell{StyleID: pctl, Value: 7.5}, "YOY_DROP")
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := summary.SetRow(cell, sRow); err != nil {
			return err
		}
		lRow = lRow[:0]
		lRow = append(lRow, text(rec, "id"), text(rec, "candidate"), text(rec, "level"), excelize.Cell{StyleID: pctl, Value: 50.5})
		for k := range leverMoney {
			lRow = append(lRow, excelize.Cell{StyleID: money, Value: base / float64(k+1)})
		}
		lRow = append(lRow, "RSU", "VP", "reachable")
		if err := levers.SetRow(cell, lRow); err != nil {
			return err
		}
		for k := range candidateRows {
			ref, _ := excelize.CoordinatesToCellName(1, candRow)
			candRow++
			if err := cands.SetRow(ref, []any{"Year total", excelize.Cell{StyleID: money, Value: base + float64(k)},
				excelize.Cell{StyleID: money, Value: base * 1.1}, text(rec, "company")}); err != nil {
				return err
			}
		}
		if err := pivot.SetRow(cell, []any{excelize.Cell{StyleID: money, Value: base * 4}, excelize.Cell{StyleID: money, Value: base * 4}}); err != nil {
			return err
		}
	}
	if err := cands.Flush(); err != nil {
		return err
	}
	if err := pivot.Flush(); err != nil {
		return err
	}
	if err := summary.Flush(); err != nil {
		return err
	}
	if err := levers.Flush(); err != nil {
		return err
	}
	return f.SaveAs(out)
}

func ptr[T any](v T) *T { return &v }
