#!/usr/bin/env python3
"""Writes the fixtures of tests/fixtures/values/ for issue #20, item 5 (values as people write
them), from examples/candidatures.csv:

- canonical.csv: the example's rows, values in the canonical tokens (msp, qpv, integral,
  oui/non), as the CSV has them;
- people-openpyxl.xlsx: the same rows typed in the template of `secpa template` by openpyxl
  (numbers as numbers, dates as date cells), each closed-list and yes/no cell written as
  coordinators write it (« Maison de santé », « CDS », « Quartier prioritaire », « Total »,
  « X », « ✓ », a boolean cell…), cycling through the spellings so that every one is used;
- people-libreoffice.ods: that workbook opened and saved by LibreOffice (headless
  `soffice --convert-to ods`);
- refused.csv: four rows whose values are none of the accepted spellings (« Pôle de santé »,
  « QV », « Généralisé », « peut-être »): refused with E104/E103 and the accepted values.

The two workbooks must give exactly the amounts of canonical.csv (tests/integration/values.rs).
Needs openpyxl (pip install openpyxl) and LibreOffice (Debian: libreoffice-calc-nogui). CI
uses the committed files. Run from the repository root, after `cargo build`:
python3 scripts/make_value_fixtures.py
"""
import csv
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

OUT = "tests/fixtures/values"
SECPA = os.environ.get("SECPA", "target/debug/secpa")
TODAY = "2026-12-03"

# What coordinators type for each canonical token (each spelling is one secpa reads).
SPELLINGS = {
    "type_structure": {
        "centre_de_sante": ["Centre de santé", "CDS", "Centre de santé polyvalent",
                            "centre de sante", "CENTRE DE SANTÉ", "Centre de santé médical"],
        "msp": ["Maison de santé pluriprofessionnelle (MSP)",
                "Maison de santé pluriprofessionnelle", "Maison de santé", "MSP", "MSPU",
                "maison de santé pluri-professionnelle", "Maison de Santé Pluriprofessionnelle"],
    },
    "implantation": {
        "qpv": ["Quartier prioritaire (QPV)", "QPV", "Quartier prioritaire",
                "Quartier prioritaire de la politique de la ville", "En QPV", "qpv"],
        "quartier_vecu": ["Quartier vécu", "Quartier Vécu", "quartier vecu", "En quartier vécu"],
    },
    "tiers_payant": {
        "integral": ["Intégral", "Total", "intégral", "INTEGRAL", "Intégrale"],
        "partiel": ["Partiel", "partiel", "Partielle"],
        "non": ["Non", "Aucun"],
    },
}
# True and False are boolean cells (Excel's TRUE/FALSE).
YES = ["Oui", "O", "X", "x", "✓", "✔", "☑", "oui", "OUI", True]
NO = ["Non", "N", "✗", "non", "NON", False]
NUMBERS = {"file_active_mg", "annee_file_active", "montant_psy_demande"}
DATES = {"date_entree", "date_depot"}


def example():
    with open("examples/candidatures.csv", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, list(reader)


def spelled(column, value, used):
    """The next way people write `value` of `column` (`used` counts what each list has
    given, so that every spelling comes in turn); other cells as they are."""
    if column in SPELLINGS:
        ways = SPELLINGS[column][value]
    elif value in ("oui", "non"):
        ways = YES if value == "oui" else NO
    else:
        return value
    key = (column if column in SPELLINGS else "yes/no", value)
    n = used.get(key, 0)
    used[key] = n + 1
    return ways[n % len(ways)]


def typed(column, value):
    if value == "":
        return None
    if column in NUMBERS:
        return int(value)
    if column in DATES:
        return datetime.date.fromisoformat(value)
    if column == "taux_pauvrete":
        return float(value)
    return value


def write_people(tmp, header, data):
    env = dict(os.environ, SECPA_TODAY=TODAY)
    template = f"{tmp}/modele.xlsx"
    subprocess.run([SECPA, "template", "--output", template], check=True, env=env)
    wb = openpyxl.load_workbook(template)
    ws = wb["Candidatures"]
    assert ws.max_column == len(header), "the template has the CSV's columns"
    used = {}
    for i, row in enumerate(data, start=2):
        for j, (column, value) in enumerate(zip(header, row), start=1):
            cell = ws.cell(row=i, column=j)
            letter = openpyxl.utils.get_column_letter(j)
            cell.number_format = ws.column_dimensions[letter].number_format
            cell.value = typed(column, spelled(column, value, used))
    for (column, value), n in used.items():
        ways = SPELLINGS[column][value] if column in SPELLINGS else YES if value == "oui" else NO
        assert n >= len(ways) or column == "tiers_payant" and value == "non", (column, value, n)
    out = f"{OUT}/people-openpyxl.xlsx"
    wb.save(out)
    return out


def convert_ods(tmp, xlsx):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is needed (Debian: libreoffice-calc-nogui)")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                    "--convert-to", "ods", "--outdir", tmp, xlsx], check=True,
                   stdout=subprocess.DEVNULL)
    shutil.move(f"{tmp}/people-openpyxl.ods", f"{OUT}/people-libreoffice.ods")


def write_refused(header, data):
    rows = [list(r) for r in data[:4]]
    col = header.index
    rows[0][col("type_structure")] = "Pôle de santé"
    rows[1][col("implantation")] = "QV"
    rows[2][col("tiers_payant")] = "Généralisé"
    rows[3][col("accord_ars_psy")] = "peut-être"
    with open(f"{OUT}/refused.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    os.makedirs(OUT, exist_ok=True)
    header, data = example()
    with open(f"{OUT}/canonical.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(data)
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = write_people(tmp, header, data)
        convert_ods(tmp, os.path.abspath(xlsx))
    write_refused(header, data)


if __name__ == "__main__":
    main()
