#!/usr/bin/env python3
"""Writes the .xlsx fixtures of tests/fixtures/workbook/ (issue 19: the workbook as the person
sees it), as the real programs store them, each beside the plain CSV of what the person sees
in it (`<name>.csv`), which must give the same amounts:

- xlsx_formulas_openpyxl.xlsx (openpyxl): formulas without a stored result (=30000 in
  montant_psy_demande, ="oui" in accord_ars_psy, =46.8 in taux_pauvrete): those rows are
  refused (E023), never read as empty cells;
- xlsx_formulas_libreoffice.xlsx: the same file opened and saved by LibreOffice (headless),
  which computes and stores the results: read as the person sees them, formulas said (W024);
- xlsx_formulas_xlsxwriter.xlsx (XlsxWriter, pandas' writer): the formulas' stored result is
  a placeholder 0 and the workbook asks to be recalculated on opening: refused (E023);
- xlsx_hidden_first_sheet.xlsx (openpyxl): a hidden first sheet holding other figures, the
  person's sheet second and active: the visible one is read (I027);
- xlsx_readme_first.xlsx (openpyxl): a « Lisez-moi » sheet shown on opening, the table on
  the second sheet: that one is read (I027);
- xlsx_no_header.xlsx (openpyxl): two sheets, neither with a header: E028 names them;
- xlsx_hidden_rows.xlsx (openpyxl): a row hidden by hand and one hidden by a filter: read
  like the others, said (W025);
- xlsx_merged.xlsx (openpyxl): accord_ars_psy « oui » merged over two rows: both read « oui »
  (W026), as the person sees them;
- xlsx_title_rows.xlsx (openpyxl): a title and a blank row above the header (I029);
- *_libreoffice.xlsx: the last four saved again by LibreOffice.
- csv_title_rows.csv: a title line and a line of separators above the header, as Excel
  exports them in French.

Needs openpyxl and XlsxWriter (pip install openpyxl xlsxwriter) and LibreOffice (soffice).
Run from the repository root: python3 scripts/make_workbook_fixtures.py
"""
import csv
import datetime
import os
import shutil
import subprocess
import tempfile

import openpyxl
import xlsxwriter

OUT = "tests/fixtures/workbook/"
ROWS = 6


def example(n=ROWS):
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
        return float(value)
    if column.startswith("date_"):
        return datetime.date.fromisoformat(value)
    return value


def write_csv(name, header, rows, before=()):
    with open(OUT + name, "w", encoding="utf-8", newline="") as f:
        for line in before:
            f.write(line + "\r\n")
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        for row in rows:
            w.writerow([row[c] for c in header])


def fill(ws, header, rows):
    ws.append(header)
    for row in rows:
        ws.append([typed(c, row[c]) for c in header])
    # Identifiers as text, as the template formats them.
    for col in ("finess", "siret", "code_commune", "code_qpv"):
        j = header.index(col) + 1
        for r in range(2, len(rows) + 2):
            ws.cell(r, j).number_format = "@"


def column(header, name):
    return header.index(name) + 1


def formulas():
    header, rows = example()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Candidatures"
    fill(ws, header, rows)
    # Rows 2, 3 and 7 (the first, second and sixth structures).
    ws.cell(2, column(header, "montant_psy_demande")).value = "=30000"
    ws.cell(3, column(header, "accord_ars_psy")).value = '="oui"'
    ws.cell(7, column(header, "taux_pauvrete")).value = "=46.8"
    wb.save(OUT + "xlsx_formulas_openpyxl.xlsx")
    # What the person sees once a spreadsheet has computed them.
    seen = [dict(r) for r in rows]
    seen[0]["montant_psy_demande"] = "30000"
    seen[1]["accord_ars_psy"] = "oui"
    seen[5]["taux_pauvrete"] = "46.8"
    write_csv("xlsx_formulas_openpyxl.csv", header, seen)
    write_csv("xlsx_formulas_libreoffice.csv", header, seen)
    write_csv("xlsx_formulas_xlsxwriter.csv", header, seen)
    libreoffice("xlsx_formulas_openpyxl.xlsx", "xlsx_formulas_libreoffice.xlsx")

    wb = xlsxwriter.Workbook(OUT + "xlsx_formulas_xlsxwriter.xlsx")
    ws = wb.add_worksheet("Candidatures")
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, header)
    for i, row in enumerate(rows, start=1):
        for j, c in enumerate(header):
            value = typed(c, row[c])
            if value is None:
                continue
            if isinstance(value, datetime.date):
                ws.write_datetime(i, j, datetime.datetime.combine(value, datetime.time()), date)
            elif isinstance(value, str):
                ws.write_string(i, j, value)
            else:
                ws.write_number(i, j, value)
    ws.write_formula(1, column(header, "montant_psy_demande") - 1, "=30000")
    ws.write_formula(2, column(header, "accord_ars_psy") - 1, '="oui"')
    ws.write_formula(6, column(header, "taux_pauvrete") - 1, "=46.8")
    wb.close()


def hidden_first_sheet():
    header, rows = example()
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "Ancienne version"
    stale = [dict(r) for r in rows]
    for r in stale:
        r["file_active_mg"] = "6000"
        r["montant_psy_demande"] = "66000"
    fill(old, header, stale)
    old.sheet_state = "hidden"
    ws = wb.create_sheet("Candidatures")
    fill(ws, header, rows)
    wb.active = 1
    wb.save(OUT + "xlsx_hidden_first_sheet.xlsx")
    write_csv("xlsx_hidden_first_sheet.csv", header, rows)


def readme_first():
    header, rows = example()
    wb = openpyxl.Workbook()
    readme = wb.active
    readme.title = "Lisez-moi"
    readme["A1"] = "Candidature SecPa : remplir la feuille « Candidatures »"
    readme["A3"] = "Date limite : 15 octobre 2021"
    ws = wb.create_sheet("Candidatures")
    fill(ws, header, rows)
    wb.active = 0
    wb.save(OUT + "xlsx_readme_first.xlsx")
    write_csv("xlsx_readme_first.csv", header, rows)


def no_header():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Feuil1"
    ws["A1"] = "Liste des structures"
    ws.append(["ACSBE La Place Santé", 4200, 46.3])
    other = wb.create_sheet("Feuil2")
    other["A1"] = "Notes"
    wb.save(OUT + "xlsx_no_header.xlsx")


def hidden_rows():
    header, rows = example()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Candidatures"
    fill(ws, header, rows)
    ws.row_dimensions[3].hidden = True
    # A filter on type_structure that hides the MSP (row 6), as a filter leaves it.
    last = openpyxl.utils.get_column_letter(len(header))
    ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    ws.auto_filter.add_filter_column(column(header, "type_structure") - 1, ["centre_de_sante"])
    ws.row_dimensions[6].hidden = True
    wb.save(OUT + "xlsx_hidden_rows.xlsx")
    write_csv("xlsx_hidden_rows.csv", header, rows)


def merged():
    header, rows = example()
    rows = [dict(r) for r in rows]
    # The third structure (row 4) says « non »; merged under row 3's « oui » it shows « oui ».
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Candidatures"
    fill(ws, header, rows)
    j = column(header, "accord_ars_psy")
    letter = openpyxl.utils.get_column_letter(j)
    ws.merge_cells(f"{letter}3:{letter}4")
    wb.save(OUT + "xlsx_merged.xlsx")
    seen = [dict(r) for r in rows]
    seen[2]["accord_ars_psy"] = "oui"
    write_csv("xlsx_merged.csv", header, seen)


def title_rows():
    header, rows = example()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Candidatures"
    ws["A1"] = "Candidatures SecPa 2021 — ARS Île-de-France"
    ws.merge_cells("A1:H1")
    ws.append([])
    fill(ws, header, rows)
    wb.save(OUT + "xlsx_title_rows.xlsx")
    write_csv("xlsx_title_rows.csv", header, rows)
    # The same table exported to CSV by Excel in French: the title, an empty row of
    # separators, then the header.
    sep = ";" * (len(header) - 1)
    with open(OUT + "csv_title_rows.csv", "w", encoding="utf-8", newline="") as f:
        f.write("Candidatures SecPa 2021" + sep + "\r\n")
        f.write(sep + "\r\n")
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(header)
        for row in rows:
            w.writerow([row[c].replace(".", ",") if c == "taux_pauvrete" else row[c] for c in header])


def libreoffice(source, target):
    """`source` opened and saved as .xlsx by LibreOffice headless, as `target`."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp,
             OUT + source],
            check=True, capture_output=True)
        produced = os.path.join(tmp, os.path.splitext(os.path.basename(source))[0] + ".xlsx")
        shutil.move(produced, OUT + target)


def main():
    os.makedirs(OUT, exist_ok=True)
    formulas()
    hidden_first_sheet()
    readme_first()
    no_header()
    hidden_rows()
    merged()
    title_rows()
    for name in ("hidden_first_sheet", "hidden_rows", "merged", "title_rows"):
        libreoffice(f"xlsx_{name}.xlsx", f"xlsx_{name}_libreoffice.xlsx")
        shutil.copy(OUT + f"xlsx_{name}.csv", OUT + f"xlsx_{name}_libreoffice.csv")


if __name__ == "__main__":
    main()
