"""Fills a verification workbook with openpyxl, as a second spreadsheet
library would: who checked and when, then « Valeur vérifiée » (column H) of
the rows whose hidden field (column J) is given.

usage: python3 openpyxl_verify_fill.py IN.xlsx OUT.xlsx FIELD=VALUE...
Used by jobs/verification_resave_test.go.
"""
import datetime
import sys

import openpyxl


def main(src, dst, pairs):
    typed = dict(p.split("=", 1) for p in pairs)
    wb = openpyxl.load_workbook(src)
    sheet = wb["À vérifier"]
    sheet["C8"] = "Agent de la Caf, gestionnaire"
    sheet["C9"] = datetime.datetime(2026, 12, 2)
    for r in range(13, sheet.max_row + 1):
        field = sheet.cell(row=r, column=10).value
        if field in typed:
            sheet.cell(row=r, column=8, value=typed[field])
    wb.save(dst)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
