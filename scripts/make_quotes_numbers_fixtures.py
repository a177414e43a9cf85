#!/usr/bin/env python3
"""Writes tests/fixtures/quotes_numbers/ (issue #20, items 8 and 9): the example's first rows
typed into a workbook (openpyxl) as a coordinator types them, then exported to CSV by
LibreOffice (headless) with the French filter (`;`, UTF-8), as people send them:

- column-mark.csv: ACSBE's poverty rate typed `46.3` (a point), Village 2 Santé's request
  typed `30.000` (a French 30 000 €, with a point for thousands). The rate's point used to
  decide the whole file's mark, and the request was paid 30 €; it must be E109.
- too-many-digits.csv: a file active `999.99999999999999999999999999999` (read 1 000, so
  eligible), a rate `34.999…9` (read 35), a file active of 19 digits past 2^63 (read
  negative): each must be refused, never rounded nor wrapped.
- quote-merges-rows.csv: the same export, then edited by hand in a text editor as the issue
  found it: ACSBE's name lost its closing quote (`"ACSBE La Place Santé;…`) and the next
  row's name was quoted (`"Village 2 Santé"`). The two rows used to make one record with
  ACSBE's FINESS and Village's figures; it must be E017 naming the lines.
- quote-two-lines.csv: a name really written on two lines inside its quotes (an export of a
  cell holding a line break): read, not refused.

Run from the repository root: python3 scripts/make_quotes_numbers_fixtures.py
"""
import csv
import os
import shutil
import subprocess
import tempfile

import openpyxl

OUT = "tests/fixtures/quotes_numbers/"
# LibreOffice's CSV export: `;` (59), `"` (34), UTF-8 (76).
FRENCH = 'csv:Text - txt - csv (StarCalc):59,34,76'


def example(n):
    with open("examples/candidatures.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return list(rows[0].keys()), rows[:n]


def typed(column, value):
    """Numbers as numbers, the rest as text (dates stay ISO text)."""
    if value == "":
        return None
    if column in ("file_active_mg", "annee_file_active", "montant_psy_demande"):
        return int(value)
    if column == "taux_pauvrete":
        return float(value)
    return value


def export(name, header, rows, edit=None):
    """Types `rows` (dicts, a str value is kept as typed text) into a workbook and has
    LibreOffice export it to OUT/name; `edit` then changes the text as a person would."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed")
    with tempfile.TemporaryDirectory() as tmp:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(header)
        for row in rows:
            ws.append([row[c] for c in header])
        source = os.path.join(tmp, name.replace(".csv", ".xlsx"))
        wb.save(source)
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", FRENCH, "--outdir", tmp, source],
            check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(tmp, name), encoding="utf-8", newline="") as f:
            text = f.read()
    if edit:
        text = edit(text)
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def typed_rows(n):
    header, rows = example(n)
    return header, [{c: typed(c, r[c]) for c in header} for r in rows]


def main():
    os.makedirs(OUT, exist_ok=True)

    header, rows = typed_rows(3)
    rows[0]["taux_pauvrete"] = "46.3"
    rows[1]["montant_psy_demande"] = "30.000"
    export("column-mark.csv", header, rows)

    header, rows = typed_rows(4)
    rows[0]["file_active_mg"] = "999.99999999999999999999999999999"
    rows[1]["taux_pauvrete"] = "34." + "9" * 30
    rows[2]["file_active_mg"] = "9223372036854775808"
    export("too-many-digits.csv", header, rows)

    header, rows = typed_rows(3)

    def lose_quotes(text):
        lines = text.split("\n")
        lines[1] = lines[1].replace("ACSBE La Place Santé", '"ACSBE La Place Santé', 1)
        lines[2] = lines[2].replace("Village 2 Santé", '"Village 2 Santé"', 1)
        return "\n".join(lines)

    export("quote-merges-rows.csv", header, rows, lose_quotes)

    header, rows = typed_rows(3)
    rows[1]["nom"] = "Village 2 Santé\nÉchirolles"
    export("quote-two-lines.csv", header, rows)


if __name__ == "__main__":
    main()
