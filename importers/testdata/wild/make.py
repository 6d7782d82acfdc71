#!/usr/bin/python3
"""Builds the workbooks of TestWildWorkbooks the way openpyxl writes them.

Run with the system python3 that has openpyxl (python3-openpyxl):
    /usr/bin/python3 make.py
Each file is committed; re-run only to change one.
"""
import datetime
import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HEAD = ["Offer ID", "Candidate", "Company", "Level", "Location", "Base salary", "RSU grant",
        "Sign-on bonus", "Vesting", "Start date"]


def offer(i, company="Acme", base=180000, rsu=300000, sign=20000, start=datetime.date(2027, 1, 4)):
    return [f"o{i}", f"Client {i}", company, "L5", "Seattle", base, rsu, sign, "25/25/25/25", start]


def save(wb, name):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, (datetime.date, datetime.datetime)):
                    c.number_format = "yyyy-mm-dd"
    wb.save(name)


# A small summary first (three known headers, two rows), the offers second.
wb = openpyxl.Workbook()
s = wb.active
s.title = "Summary"
s.append(["Level", "Location", "Base", "RSU"])
s.append(["L5", "Seattle", 180000, 300000])
s.append(["L6", "Austin", 200000, 400000])
o = wb.create_sheet("Offers")
o.append(HEAD)
for i in range(1, 6):
    o.append(offer(i))
save(wb, "summary-first.xlsx")

# Offers on two sheets: 3 on Q1, 4 on Q2.
wb = openpyxl.Workbook()
q1 = wb.active
q1.title = "Q1"
q1.append(HEAD)
for i in range(1, 4):
    q1.append(offer(i))
q2 = wb.create_sheet("Q2")
q2.append(HEAD)
for i in range(4, 8):
    q2.append(offer(i))
save(wb, "two-sheets.xlsx")

# The 1904 date system (older Mac Excel): start 2027-01-04.
wb = openpyxl.Workbook()
wb.epoch = CALENDAR_MAC_1904
w = wb.active
w.append(HEAD)
w.append(offer(1))
save(wb, "date1904.xlsx")

# Formulas openpyxl writes without a cached value.
wb = openpyxl.Workbook()
w = wb.active
w.append(HEAD)
w.append(offer(1))
r = offer(2)
r[6] = "=G2*2"
w.append(r)
save(wb, "formula-no-value.xlsx")

# Company and vesting merged down rows 2-4; candidate merged across rows 3-4.
wb = openpyxl.Workbook()
w = wb.active
w.append(HEAD)
for i in range(1, 4):
    w.append(offer(i, company="Stripe" if i == 1 else None))
for row in w.iter_rows(min_row=3, max_row=4):
    row[8].value = None
    row[1].value = None if row[0].row == 4 else row[1].value
w["I2"] = "40/30/20/10"
w.merge_cells("C2:C4")
w.merge_cells("I2:I4")
w.merge_cells("B3:B4")
save(wb, "merged.xlsx")

# TRUE typed into a money column; a company named Total.
wb = openpyxl.Workbook()
w = wb.active
w.append(HEAD)
w.append(offer(1))
r = offer(2)
r[7] = True
w.append(r)
w.append(offer(3, company="Total"))
w.append(["Total", None, None, None, None, 540000, 900000, 60000])
save(wb, "bool-and-total.xlsx")

# The lo-*.xlsx files are the same workbooks saved again by LibreOffice
# (which computes the formulas and keeps the 1904 date system):
#   soffice --headless --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir out lo-NAME.xlsx
# from copies named lo-NAME.xlsx of merged, date1904, bool-and-total,
# two-sheets and formula-no-value.
