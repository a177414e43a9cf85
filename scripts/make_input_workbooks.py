#!/usr/bin/env python3
"""Writes the workbook fixtures of tests/fixtures/input/ (issue #11, item 2), as openpyxl
and LibreOffice really store cells:

- workbook-cells.xlsx (openpyxl): a poverty rate formatted as a percentage (stored 0.463,
  shown 46.3 %), ISO date cells (t="d"), a file active stored as text, and FINESS and
  commune codes stored as numbers (their leading zero lost);
- workbook-libreoffice-fr.xlsx: the first rows of the example with rates formatted as
  percentages and dates as date cells, saved by LibreOffice (headless) in .xlsx.

- libreoffice-en-us.csv: the example's rows 2, 3 and 14 typed as dates with the locale's
  short format, exported to CSV by LibreOffice in English (3/1/2022 for 1 March; only
  10/13/2021 shows the order): refused with E108, never read day first.

Each must give the CSV's amounts to the cent, or a refusal naming the cell and the fix.
Needs openpyxl (pip install openpyxl) and, for the second file, LibreOffice (soffice).
Run from the repository root: python3 scripts/make_input_workbooks.py
"""
import csv
import datetime
import os
import shutil
import subprocess
import tempfile

import openpyxl

OUT = "tests/fixtures/input/"


def example(n):
    with open("examples/candidatures.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return list(rows[0].keys()), rows[:n]


def typed(column, value):
    """A cell as a coordinator's spreadsheet types it: numbers as numbers, dates as dates."""
    if value == "":
        return None
    if column in ("file_active_mg", "annee_file_active", "montant_psy_demande"):
        return int(value)
    if column == "taux_pauvrete":
        return float(value) / 100
    if column.startswith("date_"):
        return datetime.date.fromisoformat(value)
    return value


def workbook_cells():
    header, rows = example(3)
    wb = openpyxl.Workbook(iso_dates=True)
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append([typed(c, row[c]) for c in header])
    rate = header.index("taux_pauvrete") + 1
    for r in range(2, len(rows) + 2):
        ws.cell(r, rate).number_format = "0.0%"
    # A number stored as text.
    ws.cell(3, header.index("file_active_mg") + 1).value = "3100"
    # A fourth structure whose FINESS and commune code lost their leading zero.
    last = [typed(c, rows[0][c]) for c in header]
    last[header.index("finess")] = 60000247
    last[header.index("code_commune")] = 1004
    ws.append(last)
    ws.cell(5, rate).number_format = "0.0%"
    wb.save(OUT + "workbook-cells.xlsx")


def libreoffice():
    header, rows = example(3)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice absent: workbook-libreoffice-fr.xlsx not regenerated")
        return
    with tempfile.TemporaryDirectory() as tmp:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(header)
        for row in rows:
            ws.append([typed(c, row[c]) for c in header])
        rate = header.index("taux_pauvrete") + 1
        for r in range(2, len(rows) + 2):
            ws.cell(r, rate).number_format = "0.0%"
            for c in ("date_entree", "date_depot"):
                ws.cell(r, header.index(c) + 1).number_format = "DD/MM/YY"
        source = os.path.join(tmp, "workbook-libreoffice-fr.xlsx")
        wb.save(source)
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", OUT, source],
            check=True, stdout=subprocess.DEVNULL)


def libreoffice_en_us():
    header, rows = example(26)
    rows = [rows[0], rows[1], rows[12]]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice absent: libreoffice-en-us.csv not regenerated")
        return
    with tempfile.TemporaryDirectory() as tmp:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(header)
        for row in rows:
            ws.append([typed(c, row[c]) for c in header])
        rate = header.index("taux_pauvrete") + 1
        for r in range(2, len(rows) + 2):
            ws.cell(r, rate).number_format = "0.0%"
            for c in ("date_entree", "date_depot"):
                # Format 14, "the locale's short date": 3/1/2022 in English.
                ws.cell(r, header.index(c) + 1).number_format = "mm-dd-yy"
        source = os.path.join(tmp, "libreoffice-en-us.xlsx")
        wb.save(source)
        # A fresh profile is en-US: the export writes dates as that locale shows them.
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", tmp,
             source],
            check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "libreoffice-en-us.csv"), OUT)


if __name__ == "__main__":
    workbook_cells()
    libreoffice()
    libreoffice_en_us()
