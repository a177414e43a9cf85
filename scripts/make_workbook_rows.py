#!/usr/bin/env python3
"""Writes the fixtures of tests/fixtures/workbook/ for total rows, date-times and the
Provenance sheet (issue 19, items 6, 8 and 9), as openpyxl and LibreOffice really store them,
each beside the plain CSV of what the person sees (the reference, which must give the same
amounts, or a refusal with a named code and exit 1):

Total rows (the reference: total_compute.csv, a compute-only table of six structures):
- total_compute.xlsx (openpyxl): the six rows and a « TOTAL » row under them, its figures
  typed (sums, and the average rate): skipped (W030), never paid;
- total_compute_libreoffice.xlsx / .ods: the same with the TOTAL row as formulas (=SUM,
  =AVERAGE), computed and saved by LibreOffice (headless);
- total_labels.csv: the six rows with « Sous-total : », « sous total » and « TOTAL GÉNÉRAL »
  rows between and under them: each skipped (W030);
- total_unsaid.csv / .xlsx (openpyxl): a row without a name whose file active and requested
  amount are the sums of the rows above: refused (E031), exit 1;
- total_coincidence.csv: a named structure whose file active happens to be the sum of the
  two rows above, not its requested amount: a structure, paid;
- total_full.xlsx (openpyxl), reference total_full.csv: a full candidature file with a
  sub-total labelled in its FINESS cell and a TOTAL row in its nom cell: W030 only, where
  22 errors came before.

Date-times (the reference: datetime.csv, the same rows with plain dates):
- datetime_text.csv: dates written with a time of day, as Google Forms, spreadsheets and
  ISO 8601 write them (15/10/2021 23:59:00, 2021-10-15 23:59, 2021-10-14T13:00:00Z…);
- datetime_cells.xlsx (openpyxl): date-time cells (a time of day in the serial number);
- datetime_cells_libreoffice.xlsx / .ods: the same saved by LibreOffice.

Provenance sheet:
- provenance_rows.csv: refused rows, warnings, a note and a total row, for the counts of
  `compute --format xlsx` against its JSON and the web page's workbook.

Needs openpyxl (pip install openpyxl) and LibreOffice (soffice).
Run from the repository root: python3 scripts/make_workbook_rows.py
"""
import csv
import datetime
import os
import shutil
import subprocess
import tempfile

import openpyxl

OUT = "tests/fixtures/workbook/"
COMPUTE = ["nom", "file_active_mg", "taux_pauvrete", "accord_ars_psy", "montant_psy_demande"]


def example(n=6):
    with open("examples/candidatures.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return list(rows[0].keys()), rows[:n]


def typed(column, value):
    """A cell as a coordinator's spreadsheet types it: numbers as numbers, dates as dates."""
    if value == "" or value is None:
        return None
    if column in ("file_active_mg", "annee_file_active", "montant_psy_demande"):
        return int(value)
    if column == "taux_pauvrete":
        return float(value)
    if column.startswith("date_") and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


def write_csv(name, header, rows):
    with open(OUT + name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        for row in rows:
            w.writerow(["" if row.get(c) is None else row.get(c) for c in header])


def fill(ws, header, rows):
    ws.append(header)
    for row in rows:
        ws.append([typed(c, row.get(c)) for c in header])
    # Identifiers as text, as the template formats them.
    for col in ("finess", "siret", "code_commune", "code_qpv"):
        if col in header:
            j = header.index(col) + 1
            for r in range(2, len(rows) + 2):
                ws.cell(r, j).number_format = "@"


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


def compute_rows():
    _, rows = example()
    return [{c: r[c] for c in COMPUTE} for r in rows]


def sums(rows):
    fa = sum(int(r["file_active_mg"]) for r in rows)
    psy = sum(int(r["montant_psy_demande"] or 0) for r in rows)
    rate = round(sum(float(r["taux_pauvrete"]) for r in rows) / len(rows), 1)
    return fa, psy, rate


def totals():
    rows = compute_rows()
    write_csv("total_compute.csv", COMPUTE, rows)
    fa, psy, rate = sums(rows)
    total = {"nom": "TOTAL", "file_active_mg": str(fa), "taux_pauvrete": str(rate),
             "accord_ars_psy": "oui", "montant_psy_demande": str(psy)}

    wb = openpyxl.Workbook()
    fill(wb.active, COMPUTE, rows + [total])
    wb.save(OUT + "total_compute.xlsx")

    # The TOTAL row as a person writes it in a spreadsheet: formulas, which LibreOffice
    # computes and stores when it saves.
    with tempfile.TemporaryDirectory() as tmp:
        wb = openpyxl.Workbook()
        ws = wb.active
        fill(ws, COMPUTE, rows)
        last = len(rows) + 1
        ws.append(["TOTAL", f"=SUM(B2:B{last})", f"=ROUND(AVERAGE(C2:C{last}),1)", "oui",
                   f"=SUM(E2:E{last})"])
        source = os.path.join(tmp, "total_compute_libreoffice.xlsx")
        wb.save(source)
        libreoffice(source, "total_compute_libreoffice.xlsx", "xlsx")
        libreoffice(source, "total_compute_libreoffice.ods", "ods")

    # Labels of every kind, with sub-totals between the structures.
    first, second = rows[:3], rows[3:]
    sub = lambda label, part: dict(zip(COMPUTE, [label, str(sums(part)[0]), "",
                                                 "", str(sums(part)[1])]))
    labelled = (first + [sub("Sous-total :", first)] + second + [sub("  sous total  ", second)]
                + [sub("TOTAL GÉNÉRAL", rows)])
    write_csv("total_labels.csv", COMPUTE, labelled)

    # A sum that does not say so: no name, the sums of the rows above.
    unsaid = dict(total, nom="")
    write_csv("total_unsaid.csv", COMPUTE, rows + [unsaid])
    wb = openpyxl.Workbook()
    fill(wb.active, COMPUTE, rows + [unsaid])
    wb.save(OUT + "total_unsaid.xlsx")

    # A structure whose file active is, by chance, the sum of the two rows above.
    chance = [
        {"nom": "Centre de santé A", "file_active_mg": "1200", "taux_pauvrete": "40.1",
         "accord_ars_psy": "oui", "montant_psy_demande": "10000"},
        {"nom": "Centre de santé B", "file_active_mg": "1300", "taux_pauvrete": "38.2",
         "accord_ars_psy": "oui", "montant_psy_demande": "20000"},
        {"nom": "Maison de santé C", "file_active_mg": "2500", "taux_pauvrete": "45.0",
         "accord_ars_psy": "oui", "montant_psy_demande": "15000"},
    ]
    write_csv("total_coincidence.csv", COMPUTE, chance)

    # A full candidature file: a sub-total said in the FINESS cell, a total in nom.
    header, full = example()
    write_csv("total_full.csv", header, full)
    def total_row(label_column, label, part):
        fa, psy, _ = sums(part)
        row = {c: "" for c in header}
        row.update({label_column: label, "file_active_mg": str(fa),
                    "montant_psy_demande": str(psy)})
        return row
    rows_full = (full[:3] + [total_row("finess", "Sous-total :", full[:3])] + full[3:]
                 + [total_row("nom", "TOTAL", full)])
    wb = openpyxl.Workbook()
    fill(wb.active, header, rows_full)
    wb.save(OUT + "total_full.xlsx")


def datetimes():
    header, rows = example()
    # Non-founders filed on or before the deadline (2021-10-15), some entering in 2022.
    depot = ["2021-10-15", "2021-10-15", "2021-10-14", "2021-10-15", "2021-10-01", "2021-10-15"]
    entree = ["2021-08-01", "2022-03-01", "2021-08-01", "2022-03-01", "2021-08-01", "2022-03-01"]
    plain = []
    for r, d, e in zip(rows, depot, entree):
        plain.append(dict(r, structure_fondatrice="non", date_depot=d, date_entree=e))
    write_csv("datetime.csv", header, plain)

    # The same dates with a time of day, as forms, spreadsheets and ISO 8601 write them.
    text_depot = ["15/10/2021 23:59:00", "2021-10-15 23:59", "2021-10-14T13:00:00Z",
                  "2021-10-15T23:30:00-05:00", "01/10/2021 08:05", "2021-10-15T23:59:59.999"]
    text_entree = ["2021-08-01 00:00:00", "01/03/2022 08:30", "2021-08-01T09:00:00",
                   "2022-03-01T00:00:00+01:00", "1/8/2021 0:00", "2022-03-01 12:00:00"]
    text = [dict(r, date_depot=d, date_entree=e)
            for r, d, e in zip(plain, text_depot, text_entree)]
    write_csv("datetime_text.csv", header, text)

    # Date-time cells: the serial number holds the time of day.
    times = [datetime.time(23, 59), datetime.time(23, 59, 59), datetime.time(13, 0),
             datetime.time(0, 0, 1), datetime.time(8, 5), datetime.time(12, 0)]
    with tempfile.TemporaryDirectory() as tmp:
        wb = openpyxl.Workbook()
        ws = wb.active
        fill(ws, header, plain)
        for i, (r, t) in enumerate(zip(plain, times), start=2):
            for name in ("date_depot", "date_entree"):
                cell = ws.cell(i, header.index(name) + 1)
                cell.value = datetime.datetime.combine(
                    datetime.date.fromisoformat(r[name]), t)
                cell.number_format = "DD/MM/YYYY HH:MM:SS"
        wb.save(OUT + "datetime_cells.xlsx")
        source = os.path.join(tmp, "datetime_cells_libreoffice.xlsx")
        wb.save(source)
        libreoffice(source, "datetime_cells_libreoffice.xlsx", "xlsx")
        libreoffice(source, "datetime_cells_libreoffice.ods", "ods")


def provenance():
    header, rows = example()
    bad = [dict(r) for r in rows]
    bad[1]["taux_pauvrete"] = "abc"  # E101
    bad[2]["file_active_mg"] = "800"  # E201: below the minimum
    bad[3]["montant_psy_demande"] = "90000"  # W216: above the cap
    bad[4]["taux_pauvrete"] = ""  # I218: looked up from its QPV
    bad[5]["tarifs_opposables"] = "non"  # E211
    fa, psy, _ = sums(rows)
    total = {c: "" for c in header}
    total.update({"nom": "Total", "file_active_mg": str(fa), "montant_psy_demande": str(psy)})
    write_csv("provenance_rows.csv", header, bad + [total])


def main():
    os.makedirs(OUT, exist_ok=True)
    totals()
    datetimes()
    provenance()


if __name__ == "__main__":
    main()
