#!/usr/bin/env python3
"""Writes the .ods fixtures of issue 19 (tests/fixtures/workbook/ods_*), read by
tests/integration/workbook_ods.rs against the plain CSV of the same data (ods_data.csv).

Each workbook is written here as a flat OpenDocument file (.fods, the XML LibreOffice itself
writes), then opened and saved as .ods by LibreOffice headless: the committed .ods is
LibreOffice's own file (its styles, its repeats, its stored formula results). The data are the
first seven structures of examples/candidatures.csv, typed as a coordinator types them:
identifiers as text, counts as numbers, the poverty rate as a percentage cell shown
« 46,3 % », dates as date cells.

- ods_cells.ods: that sheet alone (percentage, number and date cells).
- ods_datetime.ods: date cells with a time of day (2021-08-01 13:00, 2021-10-07 23:59) and
  one at midnight.
- ods_formula-stored.ods: montant_psy_demande of Santé Commune typed =30000, whose result
  LibreOffice stores (W024).
- ods_formula-missing.ods: the same file, as a script writes formulas (odfpy, pandas):
  the formula cell's stored value taken out of LibreOffice's content.xml and the archive
  zipped again here, since LibreOffice always stores a result (E023).
- ods_formula-error.ods: that cell typed =1/0, which LibreOffice stores as an error
  (an empty string value, « #DIV/0! » shown): never read as an empty amount.
- ods_hidden-sheet.ods: a hidden sheet first, with other amounts; the data on sheet 2.
- ods_readme.ods: a « Lisez-moi » sheet before the data.
- ods_hidden-rows.ods: one row hidden by hand, one hidden by a filter (W025).
- ods_merged.ods: accord_ars_psy merged over the first two structures (W026).
- ods_title.ods: a title and a blank row above the header (I029).

Needs LibreOffice (Debian: libreoffice-calc-nogui); CI uses the committed files.
Run from the repository root: python3 scripts/make_ods_fixtures.py
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape, quoteattr

OUT = "tests/fixtures/workbook/"
ROWS = 7
TEXT = {"finess", "siret", "code_commune", "code_qpv"}
NUMBERS = {"file_active_mg", "annee_file_active", "montant_psy_demande"}
DATES = {"date_entree", "date_depot"}

NS = " ".join(f'xmlns:{p}="{u}"' for p, u in [
    ("office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
    ("style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
    ("text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
    ("table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
    ("number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"),
    ("fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
    ("of", "urn:oasis:names:tc:opendocument:xmlns:of:1.2"),
])

STYLES = """
<number:percentage-style style:name="Npct" number:language="fr" number:country="FR">
 <number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/>
 <number:text> %</number:text></number:percentage-style>
<number:date-style style:name="Ndate" number:language="fr" number:country="FR">
 <number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/>
 <number:text>/</number:text><number:year number:style="long"/></number:date-style>
<number:date-style style:name="Ndt" number:language="fr" number:country="FR">
 <number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/>
 <number:text>/</number:text><number:year number:style="long"/><number:text> </number:text>
 <number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/>
</number:date-style>
<style:style style:name="cepct" style:family="table-cell" style:data-style-name="Npct"/>
<style:style style:name="cedate" style:family="table-cell" style:data-style-name="Ndate"/>
<style:style style:name="cedt" style:family="table-cell" style:data-style-name="Ndt"/>
<style:style style:name="tashown" style:family="table"><style:table-properties table:display="true"/></style:style>
<style:style style:name="tahidden" style:family="table"><style:table-properties table:display="false"/></style:style>
"""


def french(value):
    """A number as LibreOffice shows it in French: decimal comma."""
    return str(value).replace(".", ",")


def cell(column, value, attrs=""):
    """One table cell, typed as a coordinator types it."""
    if value == "":
        return f"<table:table-cell{attrs}/>"
    if column == "taux_pauvrete":
        fraction = round(float(value) / 100, 6)
        return (f'<table:table-cell table:style-name="cepct" office:value-type="percentage" '
                f'office:value="{fraction}"{attrs}><text:p>{french(float(value))} %</text:p>'
                f"</table:table-cell>")
    if column in NUMBERS:
        return (f'<table:table-cell office:value-type="float" office:value="{value}"{attrs}>'
                f"<text:p>{value}</text:p></table:table-cell>")
    if column in DATES:
        date = value if "T" in value else value + "T00:00:00"
        style = "cedate" if date.endswith("T00:00:00") else "cedt"
        shown = "/".join(reversed(value[:10].split("-")))
        return (f'<table:table-cell table:style-name="{style}" office:value-type="date" '
                f'office:date-value="{value}"{attrs}><text:p>{shown}</text:p></table:table-cell>')
    return (f'<table:table-cell office:value-type="string"{attrs}><text:p>{escape(value)}</text:p>'
            f"</table:table-cell>")


def row(cells, attrs=""):
    return f"<table:table-row{attrs}>{''.join(cells)}</table:table-row>"


def text_row(*texts):
    return row(cell("nom", t) for t in texts)


def data_rows(header, rows, *, override=None, merged=None, row_attrs=None):
    """The header row and one row per structure. `override(i, column)` gives a cell's XML
    instead of the typed value; `merged` = (column, first, count) merges that column down
    `count` rows from structure `first`; `row_attrs[i]` are a structure row's attributes."""
    out = [row(cell("nom", h) for h in header)]
    for i, values in enumerate(rows):
        cells = []
        for column in header:
            custom = override(i, column) if override else None
            if custom is not None:
                cells.append(custom)
            elif merged and column == merged[0] and i == merged[1]:
                spans = f' table:number-rows-spanned="{merged[2]}" table:number-columns-spanned="1"'
                cells.append(cell(column, values[column], spans))
            elif merged and column == merged[0] and merged[1] < i < merged[1] + merged[2]:
                cells.append("<table:covered-table-cell/>")
            else:
                cells.append(cell(column, values[column]))
        out.append(row(cells, (row_attrs or {}).get(i, "")))
    return out


def table(name, rows, hidden=False):
    style = "tahidden" if hidden else "tashown"
    return (f'<table:table table:name={quoteattr(name)} table:style-name="{style}">'
            f"{''.join(rows)}</table:table>")


def document(tables):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
            f'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
            f"<office:automatic-styles>{STYLES}</office:automatic-styles>"
            f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
            f"</office:document>\n")


def convert(soffice, fods_dir, out_dir):
    """Every .fods of `fods_dir` opened and saved as .ods by LibreOffice, into `out_dir`."""
    files = sorted(os.path.join(fods_dir, f) for f in os.listdir(fods_dir))
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "ods", "--outdir", out_dir, *files],
            check=True, stdout=subprocess.DEVNULL)


def strip_formula_value(source, target, formula):
    """`source` with the stored result of the cell holding `formula` taken out of its
    content.xml (as a script writes a formula), zipped again member by member, the
    `mimetype` first and stored as the format wants it."""
    with zipfile.ZipFile(source) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    done = 0
    with zipfile.ZipFile(target, "w") as out:
        for info, data in members:
            if info.filename == "content.xml":
                xml = data.decode("utf-8")
                pattern = re.compile(
                    r'<table:table-cell([^>]*table:formula="' + re.escape(formula) +
                    r'"[^>]*?)(/>|>.*?</table:table-cell>)')

                def bare(m):
                    attrs = re.sub(r'\s(office|calcext):value(-type)?="[^"]*"', "", m.group(1))
                    return f"<table:table-cell{attrs}/>"
                xml, done = pattern.subn(bare, xml)
                data = xml.encode("utf-8")
            kind = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            out.writestr(info.filename, data, compress_type=kind)
    assert done == 1, f"one formula cell {formula} in {source}, found {done}"


def main():
    with open("examples/candidatures.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = [r for _, r in zip(range(ROWS), reader)]
    os.makedirs(OUT, exist_ok=True)
    with open(OUT + "ods_data.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    def montant(i, column, formula):
        if column == "montant_psy_demande" and rows[i]["nom"] == "Santé Commune":
            value = rows[i][column]
            if formula == "of:=1/0":
                # No value: LibreOffice computes it on opening, and stores the error.
                return f'<table:table-cell table:formula="{formula}"/>'
            return (f'<table:table-cell table:formula="{formula}" office:value-type="float" '
                    f'office:value="{value}"><text:p>{value}</text:p></table:table-cell>')
        return None

    def datetimes(i, column):
        # Same dates as the CSV, typed with a time of day (midnight for the third).
        times = {(0, "date_entree"): "T13:00:00", (2, "date_entree"): "T00:00:00",
                 (6, "date_depot"): "T23:59:00"}
        if (i, column) in times:
            return cell(column, rows[i][column] + times[(i, column)])
        return None

    # Another version of the data, in the hidden sheet: other amounts, never read.
    stale = [dict(r, montant_psy_demande="66000", file_active_mg="9000") for r in rows]
    readme = [text_row("Lisez-moi"), text_row("Remplissez l'onglet Candidatures, une ligne par structure."),
              text_row("Les taux sont en pourcentage, les dates au format JJ/MM/AAAA.")]
    books = {
        "ods_cells": [table("Candidatures", data_rows(header, rows))],
        "ods_datetime": [table("Candidatures", data_rows(header, rows, override=datetimes))],
        "ods_formula-stored": [table("Candidatures", data_rows(
            header, rows, override=lambda i, c: montant(i, c, "of:=30000")))],
        "ods_formula-error": [table("Candidatures", data_rows(
            header, rows, override=lambda i, c: montant(i, c, "of:=1/0")))],
        "ods_hidden-sheet": [table("Ancienne version", data_rows(header, stale), hidden=True),
                             table("Candidatures", data_rows(header, rows))],
        "ods_readme": [table("Lisez-moi", readme), table("Candidatures", data_rows(header, rows))],
        "ods_hidden-rows": [table("Candidatures", data_rows(header, rows, row_attrs={
            2: ' table:visibility="collapse"', 4: ' table:visibility="filter"'}))],
        "ods_merged": [table("Candidatures", data_rows(
            header, rows, merged=("accord_ars_psy", 0, 2)))],
        "ods_title": [table("Candidatures", [text_row("Candidatures SecPa 2021 — ARS"), row(["<table:table-cell/>"])]
                            + data_rows(header, rows))],
    }
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is needed (Debian: libreoffice-calc-nogui)")
    with tempfile.TemporaryDirectory() as work:
        fods = os.path.join(work, "fods")
        os.makedirs(fods)
        for name, tables in books.items():
            with open(os.path.join(fods, name + ".fods"), "w", encoding="utf-8") as f:
                f.write(document(tables))
        convert(soffice, fods, OUT)
    strip_formula_value(OUT + "ods_formula-stored.ods", OUT + "ods_formula-missing.ods",
                        "of:=30000")


if __name__ == "__main__":
    main()
