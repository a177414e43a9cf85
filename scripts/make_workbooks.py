#!/usr/bin/env python3
"""Writes the examples as workbooks, as coordinators' spreadsheets save them:

- examples/candidatures.xlsx: the 26 structures of examples/candidatures.csv in a real
  workbook (numbers as numbers, dates as date serials, French headers), with the same
  standard-library writer as the check fixtures;
- examples/candidatures.ods: that workbook opened and saved by LibreOffice Calc (headless),
  the format French administrations use.

Every command must give the same result from the CSV, the Excel CSV, the .xlsx, the .ods
and standard input (tests/integration/pipeline.rs). Needs LibreOffice
(Debian: libreoffice-calc-nogui) for the .ods only; CI uses the committed files.
Run from the repository root: python3 scripts/make_workbooks.py
"""
import csv
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import make_check_fixtures as fixtures  # noqa: E402


def main():
    with open("examples/candidatures.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0].keys()) == fixtures.HEADER, "examples and fixtures share one header"
    fixtures.write_xlsx("candidatures.xlsx", rows, out="examples/")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is needed for the .ods (Debian: libreoffice-calc-nogui)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "ods", "--outdir", "examples", "examples/candidatures.xlsx"],
            check=True, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
