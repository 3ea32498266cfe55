#!/usr/bin/env python3
# Reads an XLSX file with openpyxl (Debian's python3-openpyxl, an independent reader) and prints
# it as JSON: each sheet's name and rows, each cell as [value, data_type] ("s" string, "n"
# number, "f" formula), so a test can check what a spreadsheet program would see.
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        rows.append([[c.value, c.data_type] for c in row])
    out.append({"name": ws.title, "rows": rows})
json.dump(out, sys.stdout, ensure_ascii=False)
