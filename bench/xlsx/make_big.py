#!/usr/bin/python3
"""Writes the benchmark workbook: one sheet, a header and 200,000 rows x 10 columns of tracker-like
data (numbers, shared strings, unique text, mmm-yy dates, percentages), with python3-xlsxwriter.

    /usr/bin/python3 make_big.py OUT.xlsx [ROWS]
"""
import datetime
import random
import sys

import xlsxwriter

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
random.seed(42)
themes = ["Healthy lives", "Safer communities", "Good jobs", "Resilient communities",
          "Reduce health inequalities"]
leads = ["Anna Brook", "Frances Potter", "Maureen Hemmingway", "Matthew Teale", "Viv Wright"]
statuses = ["Red", "Amber", "Green", "Blue"]

wb = xlsxwriter.Workbook(out)
ws = wb.add_worksheet("Tracker")
month = wb.add_format({"num_format": "mmm-yy"})
percent = wb.add_format({"num_format": "0%"})
ws.write_row(0, 0, ["Id", "Ref", "Theme", "Action", "Lead", "By when", "Status", "Done",
                    "Progress", "Budget"])
start = datetime.date(2012, 1, 1)
for r in range(1, rows + 1):
    ws.write_number(r, 0, r)
    ws.write_string(r, 1, f"P{r % 97}-{r}")
    ws.write_string(r, 2, themes[r % len(themes)])
    ws.write_string(r, 3, f"Action {r}: support key services to tackle poverty")
    ws.write_string(r, 4, leads[r % len(leads)])
    ws.write_datetime(r, 5, start + datetime.timedelta(days=(r * 7) % 1500), month)
    ws.write_string(r, 6, statuses[r % len(statuses)])
    ws.write_number(r, 7, random.random(), percent)
    ws.write_string(r, 8, f"Update {r}: on track")
    ws.write_number(r, 9, round(random.uniform(0, 100000), 2))
wb.close()
