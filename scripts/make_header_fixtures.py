#!/usr/bin/env python3
"""Fixtures of issue 20, items 1-3: candidature files whose headers are written as
coordinators write them, by the programs they use.

- tests/fixtures/headers/psy-demande.xlsx (openpyxl): examples/candidatures.csv with French
  headers, « Demande psy (€) » for the requested psychological support amount and
  « Identifiant QPV » for the QPV code (both quoted in issue 20).
- tests/fixtures/headers/psy-demande.csv: the same workbook saved as CSV by LibreOffice
  (soffice --headless --convert-to csv).
- tests/fixtures/headers/psy-sollicite.xlsx (openpyxl): the same rows, the amount under
  « Psychologue : montant sollicité », a header no table names (E016 unless --column),
  and « Commentaires » (W006).

Run once from the repository root; the files are committed (CI has no LibreOffice).
"""
import csv
import datetime
import os
import shutil
import subprocess
import tempfile

import openpyxl

OUT = "tests/fixtures/headers"

HEADERS = {
    "finess": "N° FINESS",
    "siret": "N° SIRET",
    "nom": "Nom de la structure",
    "type_structure": "Type de structure",
    "code_commune": "Code INSEE de la commune",
    "implantation": "Implantation",
    "code_qpv": "Identifiant QPV",
    "file_active_mg": "File active en médecine générale",
    "annee_file_active": "Année de la file active",
    "taux_pauvrete": "Taux de pauvreté (%)",
    "tiers_payant": "Tiers payant",
    "tarifs_opposables": "Tarifs opposables",
    "ouvert_a_tous": "Ouvert à tous",
    "accord_ars_psy": "Accord ARS soutien psychologique",
    "montant_psy_demande": "Demande psy (€)",
    "date_entree": "Date d'entrée",
    "date_depot": "Date de dépôt",
    "structure_fondatrice": "Structure fondatrice",
}


def rows():
    with open("examples/candidatures.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def cell(key, value):
    """Numbers as numbers and dates as dates, as a person types them in a sheet."""
    if value == "":
        return None
    if key in ("file_active_mg", "annee_file_active", "montant_psy_demande"):
        return int(value)
    if key == "taux_pauvrete":
        return float(value)
    if key in ("date_entree", "date_depot"):
        return datetime.date.fromisoformat(value)
    return value


def workbook(path, headers, extra=None):
    data = rows()
    keys = list(data[0].keys())
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Candidatures"
    titles = [headers.get(k, k) for k in keys] + ([extra] if extra else [])
    ws.append(titles)
    for r in data:
        values = [cell(k, r[k]) for k in keys] + (["à relancer"] if extra else [])
        ws.append(values)
        for c in ws[ws.max_row]:
            if isinstance(c.value, datetime.date):
                c.number_format = "DD/MM/YYYY"
            elif keys[c.column - 1 if c.column - 1 < len(keys) else 0] in ("finess", "siret", "code_commune"):
                c.number_format = "@"
    wb.save(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    xlsx = os.path.join(OUT, "psy-demande.xlsx")
    workbook(xlsx, HEADERS)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
             "--outdir", tmp, xlsx],
            check=True, capture_output=True,
        )
        shutil.copy(os.path.join(tmp, "psy-demande.csv"), os.path.join(OUT, "psy-demande.csv"))
    other = dict(HEADERS, montant_psy_demande="Psychologue : montant sollicité")
    workbook(os.path.join(OUT, "psy-sollicite.xlsx"), other, extra="Commentaires")


if __name__ == "__main__":
    main()
