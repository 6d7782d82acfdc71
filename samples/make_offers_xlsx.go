//go:build ignore

// make_offers_xlsx writes samples/offers.xlsx: the offers of
// samples/offers.csv kept the way a person keeps a spreadsheet, with a
// merged title row, a note row, formatted money and percentages, real date
// cells, a blank row and a Total row. Run: go run samples/make_offers_xlsx.go
package main

import (
	"encoding/csv"
	"log"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	in, err := os.Open("samples/offers.csv")
	if err != nil {
		log.Fatal(err)
	}
	rows, err := csv.NewReader(in).ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	headers := map[string]string{
		"id": "Offer #", "candidate": "Candidate Name", "company": "Employer", "company_type": "Company Type",
		"track": "Role", "level": "Level", "location": "Location", "specialization": "Specialization",
		"base": "Base Salary ($)", "sign_on_y1": "Sign-on Year 1", "sign_on_y2": "Sign-on Year 2",
		"rsu_value": "RSU Grant ($, 4yr)", "rsu_shares": "RSU Shares", "stock_price": "Grant Price",
		"vesting": "Vesting Schedule", "bonus_pct": "Target Bonus %", "refresher": "Annual Refresher",
		"relocation": "Relocation", "start_date": "Start Date", "current_tc": "Current TC",
		"unvested_equity": "Unvested Equity", "competing_company": "Competing Company",
		"competing_level": "Competing Level", "competing_tc": "Competing TC",
		"competing_deadline": "Competing Deadline", "preferred": "First Choice?", "notes": "Notes",
		"tax_residence": "Tax Residence", "filing_status": "Filing Status",
	}
	money := map[string]bool{"base": true, "sign_on_y1": true, "sign_on_y2": true, "rsu_value": true,
		"stock_price": true, "refresher": true, "relocation": true, "current_tc": true,
		"unvested_equity": true, "competing_tc": true}

	f := excelize.NewFile()
	const sheet = "My Offers"
	f.SetSheetName("Sheet1", sheet)
	last, _ := excelize.ColumnNumberToName(len(rows[0]))
	f.SetCellStr(sheet, "A1", "Job offers — spring 2026 search")
	f.MergeCell(sheet, "A1", last+"1")
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}})
	f.SetCellStyle(sheet, "A1", "A1", title)
	f.SetCellStr(sheet, "A2", "Figures from the written offer letters; RSU values at grant price.")
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1}})
	dollars, _ := f.NewStyle(&excelize.Style{NumFmt: 5}) // $#,##0_);($#,##0)
	cents, _ := f.NewStyle(&excelize.Style{NumFmt: 7})   // $#,##0.00_);($#,##0.00)
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 9})     // 0%
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})   // m/d/yyyy
	for c, name := range rows[0] {
		cell, _ := excelize.CoordinatesToCellName(c+1, 4)
		f.SetCellStr(sheet, cell, headers[name])
		f.SetCellStyle(sheet, cell, cell, head)
	}
	r := 5
	for i, row := range rows[1:] {
		if i == 6 {
			r++ // a blank row between candidates, as people leave them
		}
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r)
			name := rows[0][c]
			switch {
			case v == "":
			case money[name]:
				n, _ := strconv.ParseFloat(v, 64)
				f.SetCellFloat(sheet, cell, n, 2, 64)
				style := dollars
				if name == "stock_price" {
					style = cents
				}
				f.SetCellStyle(sheet, cell, cell, style)
			case name == "bonus_pct":
				n, _ := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
				f.SetCellFloat(sheet, cell, n/100, 4, 64)
				f.SetCellStyle(sheet, cell, cell, pct)
			case name == "rsu_shares":
				n, _ := strconv.Atoi(v)
				f.SetCellInt(sheet, cell, int64(n))
			case name == "start_date" || name == "competing_deadline":
				t, _ := time.Parse("2006-01-02", v)
				f.SetCellValue(sheet, cell, t)
				f.SetCellStyle(sheet, cell, cell, date)
			default:
				f.SetCellStr(sheet, cell, v)
			}
		}
		r++
	}
	f.SetCellStr(sheet, "A"+strconv.Itoa(r), "Total")
	f.SetCellFormula(sheet, "I"+strconv.Itoa(r), "SUM(I5:I"+strconv.Itoa(r-1)+")")
	f.SetColWidth(sheet, "A", "A", 9)
	f.SetColWidth(sheet, "B", "H", 16)
	f.SetColWidth(sheet, "I", "Z", 14)
	f.SetColWidth(sheet, "AA", "AA", 40)
	f.SetColWidth(sheet, "AB", "AC", 12)
	if err := f.SaveAs("samples/offers.xlsx"); err != nil {
		log.Fatal(err)
	}
}
