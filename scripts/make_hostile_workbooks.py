#!/usr/bin/env python3
"""Hostile workbooks (issue 12): valid zips whose XML asks a reader for much more than the
file's size. Two uses:

  python3 scripts/make_hostile_workbooks.py --fixtures
      the small ones, committed in tests/fixtures/bad/ (snapshotted by tests/integration/bad.rs);
  python3 scripts/make_hostile_workbooks.py DIR [--small]
      all of them (or the small ones), for scripts/bench.sh (peak memory and time).

Every file is deterministic (fixed dates, fixed seeds). Run from the repository root.
"""
import io
import os
import random
import sys
import zipfile

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = ["finess", "nom", "file_active_mg", "taux_pauvrete", "accord_ars_psy",
          "montant_psy_demande", "date_entree"]


def info(name):
    i = zipfile.ZipInfo(name, date_time=(2021, 8, 1, 0, 0, 0))
    i.compress_type = zipfile.ZIP_DEFLATED
    return i


def col(n):
    """0 -> A, 26 -> AA."""
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx(path, rows, shared=None, styles=None):
    """An .xlsx whose only sheet is written from `rows`, an iterable of XML chunks (the
    sheet is streamed into the zip: never whole in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(info("[Content_Types].xml"),
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '</Types>')
        z.writestr(info("_rels/.rels"),
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr(info("xl/workbook.xml"),
                   f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} xmlns:r="{REL}">'
                   '<sheets><sheet name="Candidatures" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rels = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared is not None:
            rels += f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        if styles is not None:
            rels += f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>'
        z.writestr(info("xl/_rels/workbook.xml.rels"),
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'{rels}</Relationships>')
        if shared is not None:
            with z.open(info("xl/sharedStrings.xml"), "w", force_zip64=True) as f:
                f.write(f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{len(shared)}" uniqueCount="{len(shared)}">'.encode())
                for s in shared:
                    f.write(b"<si><t>")
                    f.write(s if isinstance(s, bytes) else s.encode())
                    f.write(b"</t></si>")
                f.write(b"</sst>")
        if styles is not None:
            z.writestr(info("xl/styles.xml"), styles)
        with z.open(info("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>'.encode())
            for chunk in rows:
                f.write(chunk.encode())
            f.write(b"</sheetData></worksheet>")


def header_row():
    cells = "".join(f'<c r="{col(i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADER))
    return f'<row r="1">{cells}</row>'


def reused_shared_string(path, rows=3400, per_row=15):
    """One 64 KiB shared string (at the cell limit, so every cell is kept) used by 51 000
    cells: 3.2 GB of text once each cell holds its own copy, from a 9 KB file."""
    def body():
        yield header_row()
        for r in range(2, rows + 2):
            yield f'<row r="{r}">' + '<c t="s"><v>0</v></c>' * per_row + "</row>"
    xlsx(path, body(), shared=["x" * (64 * 1024)])


def row_past_the_end(path):
    """A header without references, then one cell at row 11 004 160 in a row without a
    number: the only cell with a reference, so its rectangle is 1 × 1. Found by the
    workbook fuzz target (12 s a run under libFuzzer: every empty row up to it walked)."""
    header = "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEADER)
    xlsx(path, [f"<row>{header}</row>", '<row><c r="A11004160"><v>0</v></c></row>'])


def many_cells(path, rows=100_000, cols=49):
    """4.9 M number cells, under the 5 M cells of E022: the case that took 925 MB."""
    def body():
        yield header_row()
        for r in range(2, rows + 2):
            yield "<row>" + "".join(f"<c><v>{(r * 7919 + c * 104729) % 100000}</v></c>" for c in range(cols)) + "</row>"
    xlsx(path, body())


def long_rows(path, rows=300, cols=16384):
    """Rows as long as a sheet allows (16 384 cells, to XFD): 4.9 M cells in 300 rows."""
    def body():
        yield header_row()
        for r in range(2, rows + 2):
            yield "<row>" + "".join(f"<c><v>{(r + c) % 1000}</v></c>" for c in range(cols)) + "</row>"
    xlsx(path, body())


def huge_shared_string(path, size=60 << 20):
    """One shared string of 60 MiB that does not compress (so the ratio guard lets it in),
    used by the cells of a few rows."""
    rng = random.Random(12)
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    text = bytes(rng.choice(alphabet) for _ in range(1 << 16)) * (size >> 16)

    def body():
        yield header_row()
        for r in range(2, 12):
            yield "<row>" + '<c t="s"><v>0</v></c>' * 7 + "</row>"
    xlsx(path, body(), shared=[text])


def many_styles(path, count=1_000_000, rows=10_000):
    """A million cell styles, all percentages, each used once: the style table and the
    per-cell style lookup."""
    rng = random.Random(12)
    # Random attributes, so the table does not compress past the ratio guard.
    xfs = "".join(f'<xf numFmtId="9" fontId="{rng.randrange(10**6)}" fillId="{rng.randrange(10**6)}"/>' for _ in range(count))
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}><numFmts count="1"><numFmt numFmtId="200" formatCode="0.0%"/></numFmts>'
              f'<cellXfs count="{count}">{xfs}</cellXfs></styleSheet>')

    def body():
        yield header_row()
        for r in range(2, rows + 2):
            yield f'<row r="{r}">' + "".join(f'<c r="{col(c)}{r}" s="{(r * 7 + c) % count}"><v>0.{r % 1000:03d}</v></c>' for c in range(7)) + "</row>"
    xlsx(path, body(), styles=styles)


def ods(path, table):
    """An .ods whose only table is `table` (XML)."""
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Candidatures">'
               f'{table}</table:table></office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as z:
        mimetype = zipfile.ZipInfo("mimetype", date_time=(2021, 8, 1, 0, 0, 0))
        z.writestr(mimetype, "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr(info("META-INF/manifest.xml"),
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                   '</manifest:manifest>')
        z.writestr(info("content.xml"), content)


def ods_row(values):
    cells = ""
    for v in values:
        if isinstance(v, (int, float)):
            cells += f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        else:
            cells += f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
    return f"<table:table-row>{cells}<table:table-cell table:number-columns-repeated=\"{1024 - len(values)}\"/></table:table-row>"


def ods_repeat_bomb(path):
    """One cell repeated across 16 384 columns, that row repeated 6 000 times: 98 M cells,
    under calamine's own cap of 100 M (which it then allocates, twice). 1 KB."""
    ods(path, ods_row(HEADER)
        + '<table:table-row table:number-rows-repeated="6000"><table:table-cell office:value-type="float" '
          'office:value="1" table:number-columns-repeated="16384"><text:p>1</text:p></table:table-cell></table:table-row>')


def ods_many_cells(path, rows=35_000, cols=49):
    """1.7 M number cells in an .ods: its content.xml (≈ 170 MB) is just under the 200 MiB
    a workbook may inflate to (E022), and calamine reads the whole table into memory, so
    this is about the largest .ods secpa lets it read."""
    cell = '<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    body = [ods_row(HEADER)]
    for r in range(2, rows + 2):
        body.append("<table:table-row>" + "".join(cell.format(v=(r * 7919 + c * 104729) % 100000) for c in range(cols)) + "</table:table-row>")
    ods(path, "".join(body))


def ods_libreoffice_trailing(path):
    """What LibreOffice writes for a small sheet: each row padded with 1 024 - n empty cells,
    then the 1 048 574 empty rows left, repeated. Must be read, not refused."""
    ods(path, ods_row(HEADER)
        + ods_row([590000154, "Bonne", 2500, 20, "oui", 70000, "2022-03-01"])
        + '<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')


SMALL = {
    "hostile-shared-string-reused.xlsx": reused_shared_string,
    "hostile-ods-repeats.ods": ods_repeat_bomb,
    "libreoffice-trailing-repeats.ods": ods_libreoffice_trailing,
    "hostile-row-past-the-end.xlsx": row_past_the_end,
}
LARGE = {
    "many-cells.xlsx": many_cells,
    "long-rows.xlsx": long_rows,
    "huge-shared-string.xlsx": huge_shared_string,
    "many-styles.xlsx": many_styles,
    "many-cells.ods": ods_many_cells,
}


def main():
    if sys.argv[1:] == ["--fixtures"]:
        out, cases = "tests/fixtures/bad", SMALL
    elif len(sys.argv) == 3 and sys.argv[2] == "--small":
        out, cases = sys.argv[1], SMALL
    elif len(sys.argv) == 2:
        out, cases = sys.argv[1], {**SMALL, **LARGE}
    else:
        sys.exit(__doc__)
    os.makedirs(out, exist_ok=True)
    for name, make in cases.items():
        path = os.path.join(out, name)
        if not os.path.exists(path) or out == "tests/fixtures/bad":
            make(path)


if __name__ == "__main__":
    main()
