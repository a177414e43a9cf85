#!/usr/bin/env python3
"""Fixtures of issue 21, item 5: the two optional columns of the arrêté's conditions
(« une activité majoritaire de médecine générale, mais aussi une activité paramédicale »),
written under the French headers a coordinator would type. Four rows of the examples
(rows 8–11 of examples/candidatures.csv, filed in 2021): present and « oui », present and
« non » (each column), present and empty. The workbook is written by openpyxl.

Run once from the repository root: python3 scripts/make_activite_fixtures.py
"""
import csv

import openpyxl

with open("examples/candidatures.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[7:11]

MG = "Activité majoritaire de médecine générale"
PARA = "Activités paramédicales"
values = [("oui", "oui"), ("non", "oui"), ("oui", "non"), ("", "")]
out_header = header + [MG, PARA]
out_rows = [r + list(v) for r, v in zip(body, values)]

with open("tests/fixtures/activite/conditions.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(out_header)
    w.writerows(out_rows)

# The same rows without the two columns: their conditions are not checked (I227).
with open("tests/fixtures/activite/sans-colonnes.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    w.writerows(body)

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Candidatures"
ws.append(out_header)
for r in out_rows:
    ws.append(r)
for row in ws.iter_rows(min_row=2):
    for cell in row:
        cell.number_format = "@"
wb.save("tests/fixtures/activite/conditions.xlsx")
