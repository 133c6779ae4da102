"""Fills review workbooks with openpyxl, as a second spreadsheet library
would: the reviewer's name and date on « Synthèse », every decision
following the recommendation (« Vérifier » kept with a justification).

usage: python3 openpyxl_fill.py REVIEWER IN.xlsx OUT.xlsx [IN OUT ...]
Used by jobs/review_cells_test.go.
"""
import datetime
import sys

import openpyxl


def fill(reviewer, src, dst):
    wb = openpyxl.load_workbook(src)
    summary = wb["Synthèse"]
    for row in summary.iter_rows():
        label = row[0].value
        if label == "Nom et fonction du relecteur":
            summary.cell(row=row[0].row, column=4, value=reviewer)
        elif label == "Date de la revue":
            summary.cell(row=row[0].row, column=4, value=datetime.datetime(2026, 12, 2))
    rows = wb["Habilitations"]
    for r in range(2, rows.max_row + 1):
        verdict = rows.cell(row=r, column=13).value
        if rows.cell(row=r, column=19).value in (None, ""):
            continue
        if verdict == "Supprimer":
            rows.cell(row=r, column=15, value="Supprimer")
        else:
            rows.cell(row=r, column=15, value="Maintenir")
            if verdict == "Vérifier":
                rows.cell(row=r, column=17, value="Vérifié avec le service.")
    wb.save(dst)


if __name__ == "__main__":
    args = sys.argv[1:]
    reviewer, pairs = args[0], args[1:]
    for i in range(0, len(pairs), 2):
        fill(reviewer, pairs[i], pairs[i + 1])
