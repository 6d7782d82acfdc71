package importers_test

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/offerbook/offerbook/analyzer"
	"github.com/offerbook/offerbook/importers"
	"github.com/xuri/excelize/v2"
)

var benchHeader = []string{"Offer ID", "Candidate", "Company", "Track", "Level", "Location", "Base ($)",
	"Sign-on Year 1", "Sign-on Year 2", "RSU grant", "Vesting", "Target bonus %", "Refresher",
	"Start date", "Current TC", "Team stability", "Comp meets needs", "Recruiter", "Notes"}

// benchRow generates the i-th synthetic offer as cells (strings, with money
// written the way spreadsheets export it).
func benchRow(i int) []string {
	levels := []string{"L5", "L6", "L7", "SDE III", "Principal"}
	locations := []string{"Seattle", "SF", "New York", "Austin", "Remote"}
	companies := []string{"Amazon", "Google", "Meta", "Acme AI", ""}
	vesting := []string{"amazon", "even", "google", "5/15/40/40", ""}
	base := 150000 + (i%100)*1000
	return []string{
		"O-" + strconv.Itoa(i), "Candidate " + strconv.Itoa(i%997), companies[i%5], "SDE",
		levels[i%5], locations[(i/5)%5], fmt.Sprintf("$%d,%03d.00", base/1000, base%1000),
		"80,000", "60000", strconv.Itoa(200000 + (i%50)*10000), vesting[i%5], "15%", "50K",
		"2026-03-01", "250000", strconv.Itoa(1 + i%10), strconv.Itoa(1 + i%5), "Jo", "note " + strconv.Itoa(i),
	}
}

// generateCSV writes n generated offers as CSV text.
func generateCSV(n int) []byte {
	var b bytes.Buffer
	writeLine := func(cells []string) {
		for j, c := range cells {
			if j > 0 {
				b.WriteByte(',')
			}
			if bytes.ContainsAny([]byte(c), ",\"\n") {
				b.WriteString(strconv.Quote(c))
			} else {
				b.WriteString(c)
			}
		}
		b.WriteString("\r\n")
	}
	writeLine(benchHeader)
	for i := 0; i < n; i++ {
		writeLine(benchRow(i))
	}
	return b.Bytes()
}

// generateXLSX writes n generated offers as a workbook with a title row, money
// and dates as numbers, through excelize's StreamWriter.
func generateXLSX(b *testing.B, n int) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"Offers"}); err != nil {
		b.Fatal(err)
	}
	header := make([]any, len(benchHeader))
	for i, h := range benchHeader {
		header[i] = h
	}
	if err := sw.SetRow("A2", header); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		cells := benchRow(i)
		row := make([]any, len(cells))
		for j, c := range cells {
			row[j] = c
		}
		row[6] = 150000 + (i%100)*1000
		row[13] = 46082
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchImport(b *testing.B, n int, read func(emit func(*analyzer.Offer) error) (importers.Stats, error)) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		offers := 0
		st, err := read(func(*analyzer.Offer) error { offers++; return nil })
		if err != nil {
			b.Fatal(err)
		}
		if st.Offers != n || offers != n {
			b.Fatalf("stats %+v, %d offers; want %d offers", st, offers, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
}

// BenchmarkImportCSV reads 100,000 generated offers from CSV in memory.
func BenchmarkImportCSV(b *testing.B) {
	const n = 100_000
	data := generateCSV(n)
	b.SetBytes(int64(len(data)))
	benchImport(b, n, func(emit func(*analyzer.Offer) error) (importers.Stats, error) {
		return importers.ReadCSV(context.Background(), bytes.NewReader(data), "bench.csv", emit, nil)
	})
}

// BenchmarkImportXLSX reads 10,000 generated offers from a workbook in memory.
func BenchmarkImportXLSX(b *testing.B) {
	const n = 10_000
	data := generateXLSX(b, n)
	b.SetBytes(int64(len(data)))
	benchImport(b, n, func(emit func(*analyzer.Offer) error) (importers.Stats, error) {
		return importers.ReadXLSX(context.Background(), bytes.NewReader(data), "bench.xlsx", importers.Options{}, emit, nil)
	})
}
