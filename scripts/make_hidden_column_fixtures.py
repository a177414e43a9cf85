#!/usr/bin/env python3
"""Writes tests/fixtures/workbook/hidden_column.{xlsx,ods} and hidden_column_libreoffice.xlsx
(issue 23, item 1: found by the semantic fuzzer): six structures of the example whose
`montant_psy_demande` column (E) is hidden, as a coordinator hides a column she does not
want to look at, and an unknown column « Notes » (F) hidden as well. The hidden amounts are
read, exactly as the CSV of the same rows (hidden_column.csv), and said (W035, only for E:
an unknown column is not read).

openpyxl writes the .xlsx (`column_dimensions[...].hidden`); LibreOffice headless opens it
and saves it as .xlsx and .ods, as users' machines do.

Needs openpyxl (pip install openpyxl) and LibreOffice (soffice).
Run from the repository root: python3 scripts/make_hidden_column_fixtures.py
"""
import csv
import os
import shutil
import subprocess
import tempfile

import openpyxl

OUT = "tests/fixtures/workbook/"
COLUMNS = ["nom", "file_active_mg", "taux_pauvrete", "accord_ars_psy", "montant_psy_demande"]


def rows():
    with open("examples/candidatures.csv", encoding="utf-8", newline="") as f:
        return [{c: r[c] for c in COLUMNS} for r in list(csv.DictReader(f))[:6]]


def typed(column, value):
    if value == "":
        return None
    if column in ("file_active_mg", "montant_psy_demande"):
        return int(value)
    if column == "taux_pauvrete":
        return float(value)
    return value


def libreoffice(source, target, kind):
    """`source` opened and saved by LibreOffice headless as `target` (.xlsx or .ods)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed")
    filters = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods:calc8"}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--calc", "--convert-to", filters[kind], "--outdir", tmp, source],
            check=True, capture_output=True)
        produced = os.path.join(tmp, os.path.splitext(os.path.basename(source))[0] + "." + kind)
        shutil.move(produced, OUT + target)


def main():
    data = rows()
    with open(OUT + "hidden_column.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in data:
            w.writerow([r[c] for c in COLUMNS])
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Candidatures"
    ws.append(COLUMNS + ["Notes"])
    for i, r in enumerate(data):
        ws.append([typed(c, r[c]) for c in COLUMNS] + [f"note {i + 1}"])
    ws.column_dimensions["E"].hidden = True
    ws.column_dimensions["F"].hidden = True
    book.save(OUT + "hidden_column.xlsx")
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "hidden_column_libreoffice.xlsx")
        shutil.copy(OUT + "hidden_column.xlsx", source)
        libreoffice(source, "hidden_column_libreoffice.xlsx", "xlsx")
        libreoffice(source, "hidden_column_libreoffice.ods", "ods")


if __name__ == "__main__":
    main()
