#!/usr/bin/env python3
"""Fixtures of issue 20, item 6 (her words in every message): a candidature workbook whose
columns are in an order of its author's own, under the headers people write, so that a
diagnostic names a column by her header and the letter her spreadsheet shows.

- tests/fixtures/words/ordre-libre.xlsx (openpyxl): three structures of
  examples/candidatures.csv; « Commentaires » first (A, W006), « Année de la file active »
  in H (the issue's example), « File active (nombre de patients) » in AA (two letters).
  Row 2: année « 1850 » (E107 in H); row 3: file active « deux mille » (E101 in AA); row 4
  is clean.
- tests/fixtures/words/ordre-libre.csv: the same workbook saved as CSV by LibreOffice
  (soffice --headless --convert-to csv): the letters are those she sees when she opens it.

Run once from the repository root; the files are committed (CI has no LibreOffice).
"""
import csv
import datetime
import os
import shutil
import subprocess
import tempfile

import openpyxl

OUT = "tests/fixtures/words"

# (key, header as written), in the workbook's order: A, B, C…
COLUMNS = [
    ("commentaires", "Commentaires"),                                 # A
    ("nom", "Raison sociale"),                                        # B
    ("date_depot", "Date de dépôt de la candidature"),                # C
    ("type_structure", "CDS ou MSP"),                                 # D
    ("finess", "N° FINESS"),                                          # E
    ("code_commune", "Code INSEE"),                                   # F
    ("taux_pauvrete", "Taux de pauvreté du territoire"),              # G
    ("annee_file_active", "Année de la file active"),                 # H
    ("implantation", "Implantation"),                                 # I
    ("code_qpv", "Code quartier prioritaire"),                        # J
    ("tiers_payant", "Pratique du tiers payant"),                     # K
    ("tarifs_opposables", "Secteur 1"),                               # L
    ("ouvert_a_tous", "Ouvert à tous les publics"),                   # M
    ("mission_proximite", "Mission proximité"),                       # N
    ("mission_accueil_vulnerables", "Accueil des publics vulnérables"),  # O
    ("mission_soutien_psychologique", "Mission soutien psychologique"),  # P
    ("mission_mediation_sante", "Médiation en santé"),                # Q
    ("mission_demarche_participative", "Démarche participative"),     # R
    ("mission_accompagnement_social", "Accompagnement social"),       # S
    ("mission_interpretariat", "Interprétariat professionnel"),       # T
    ("mission_prevention", "Prévention"),                             # U
    ("mission_formation_evaluation", "Formation et évaluation"),      # V
    ("accord_ars_psy", "Accord de l'ARS"),                            # W
    ("montant_psy_demande", "Budget psy"),                            # X
    ("date_entree", "Date d'entrée dans l'expérimentation"),          # Y
    ("structure_fondatrice", "Fondatrice"),                           # Z
    ("file_active_mg", "File active (nombre de patients)"),           # AA
    ("siret", "Numéro SIRET"),                                        # AB
]

# Row (as the sheet numbers it) → {key: the value she typed instead}.
MISTAKES = {2: {"annee_file_active": "1850"}, 3: {"file_active_mg": "deux mille"}}


def rows():
    with open("examples/candidatures.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))[:3]


def cell(key, value):
    """Numbers as numbers and dates as dates, as a person types them in a sheet."""
    if value == "":
        return None
    if key in ("file_active_mg", "annee_file_active", "montant_psy_demande"):
        return int(value) if value.isdigit() else value
    if key == "taux_pauvrete":
        return float(value)
    if key in ("date_entree", "date_depot"):
        return datetime.date.fromisoformat(value)
    return value


def main():
    os.makedirs(OUT, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Candidatures"
    ws.append([header for _, header in COLUMNS])
    for number, r in enumerate(rows(), start=2):
        r = dict(r, commentaires="à relancer" if number == 3 else None)
        r.update(MISTAKES.get(number, {}))
        ws.append([cell(key, r.get(key) or "") for key, _ in COLUMNS])
        for c, (key, _) in zip(ws[ws.max_row], COLUMNS):
            if isinstance(c.value, datetime.date):
                c.number_format = "DD/MM/YYYY"
            elif key in ("finess", "siret", "code_commune"):
                c.number_format = "@"
    xlsx = os.path.join(OUT, "ordre-libre.xlsx")
    wb.save(xlsx)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
             "--outdir", tmp, xlsx],
            check=True, capture_output=True,
        )
        shutil.copy(os.path.join(tmp, "ordre-libre.csv"), os.path.join(OUT, "ordre-libre.csv"))


if __name__ == "__main__":
    main()
