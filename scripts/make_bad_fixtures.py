#!/usr/bin/env python3
"""Writes tests/fixtures/bad/: malformed candidature files, one problem each, as people's
spreadsheets, editors and accidents produce them. Every file is snapshotted by
tests/integration/bad.rs (exit code, stdout, stderr of `secpa compute`).

The large ones (a 10 MB cell, 100 000 columns, a 2 MB row, 1001 cells, a 60 KB cell under the
limit) are generated at test time by tests/integration/bad.rs instead of being committed.
The .xlsx files are kept for `secpa check`, which reads workbooks; for `compute` they are bytes.
`zip-bomb.xlsx` is a real bomb: see zip_bomb().
Run from the repository root: python3 scripts/make_bad_fixtures.py
"""
import io
import os
import random
import zipfile

OUT = "tests/fixtures/bad"
HEADER = "finess,nom,file_active_mg,taux_pauvrete,accord_ars_psy,montant_psy_demande,date_entree\n"
GOOD = "590000154,Bonne,2500,\"37,5\",oui,70000,2022-03-01\n"


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(6)  # fixed seed: the bytes never change
    write("empty.csv", b"")
    write("whitespace-only.csv", "  \n\n \t \n")
    write("separators-only.csv", ";;;;\r\n;;;;\r\n")
    write("header-only.csv", HEADER)
    write("header-only-no-newline.csv", HEADER.rstrip("\n"))
    write("binary-garbage.bin", bytes(rng.randrange(256) for _ in range(4096)))
    write("binary-no-nul.csv", bytes(rng.randrange(1, 256) for _ in range(2048)))
    write("truncated-utf8.csv", (HEADER + GOOD.replace("Bonne", "Santé") + "590000155,Santé").encode()[:-1])
    write("utf8-then-windows-1252.csv",
          (HEADER + GOOD.replace("Bonne", "Santé")).encode() + "1,Été,2500,20,non,,2022-03-01\n".encode("cp1252"))
    write("utf16-le-bom.csv", "\ufeff".encode("utf-16-le") + (HEADER + GOOD).encode("utf-16-le"))
    write("utf16-le-no-bom.csv", (HEADER + GOOD).encode("utf-16-le"))
    write("mixed-separators.csv", HEADER.replace(",", ";") + GOOD + GOOD.replace(",", ";").replace(";\"37;5\"", ";37,5"))
    write("ragged-rows.csv", HEADER + GOOD + "1,Courte,2500\n" + GOOD.rstrip("\n") + ",en trop,encore\n" + GOOD)
    plain = "590000154,Sans guillemet,2500,20,oui,,2022-03-01\n"
    write("quote-left-open.csv", HEADER + GOOD + "2,\"Sans fin,2500,20,oui,,2022-03-01\n" + plain + plain)
    # The quote closes on the next line's first quote: two lines become one row.
    write("quote-closed-on-next-line.csv", HEADER + GOOD + "2,\"Sans fin,2500,20,oui,,2022-03-01\n" + GOOD + GOOD)
    write("quote-inside-unquoted-cell.csv", HEADER + "3,Maison \"du\" Lac,2500,20,oui,,2022-03-01\n")
    write("numbers-exponent.csv", HEADER + "4,Exposant,1e400,20,oui,,2022-03-01\n5,Exposant2,2500,1e2,oui,1E5,2022-03-01\n")
    write("numbers-nan-inf.csv", HEADER + "6,NaN,NaN,20,oui,,2022-03-01\n7,Inf,2500,inf,oui,,2022-03-01\n8,Infinity,2500,20,oui,-Infinity,2022-03-01\n")
    write("numbers-negative-zero.csv", HEADER + "9,Zero,-0,-0,oui,-0,2022-03-01\n10,Moins,-2500,-5,oui,-1,2022-03-01\n")
    write("numbers-huge.csv", HEADER
          + "11,Mille milliards,1 000 000 000 000,20,oui,,2022-03-01\n"
          + "12,Montant géant,2500,20,oui,99999999999999999999999999999999,2022-03-01\n"
          + "13,Taux géant,2500,100000000000000000000000000000000000,oui,,2022-03-01\n"
          + "14,Presque max,4294967295,20,oui,\"1 000 000 000,00\",2022-03-01\n")
    write("numbers-odd-grouping.csv", HEADER + "15,Groupes,25 00,20,oui,,2022-03-01\n16,Points,1.2.3,\"1,2,3\",oui,,2022-03-01\n17,Hex,0x10,20,oui,,2022-03-01\n")
    write("dates-impossible.csv", HEADER
          + "18,Février,2500,20,oui,,31/02/2021\n19,Bissextile,2500,20,oui,,2021-02-29\n"
          + "20,Mois 13,2500,20,oui,,2022-13-01\n21,Zéro,2500,20,oui,,00/01/2022\n"
          + "22,An 1,2500,20,oui,,0001-01-01\n23,Texte,2500,20,oui,,hier\n24,Excel,2500,20,oui,,44621\n")
    # Valid FINESS numbers (compute refuses a malformed one), formulas in the names.
    write("formula-injection.csv", HEADER
          + "590000014,=1+1,2500,20,oui,,2022-03-01\n"
          + "590000022,\"=HYPERLINK(\"\"http://exemple.invalid\"\",\"\"clic\"\")\",2500,20,oui,,2022-03-01\n"
          + "590000030,+SUM(A1),2500,20,oui,,2022-03-01\n"
          + "590000048,-2+3,2500,20,oui,,2022-03-01\n"
          + "590000055,@SUM(A1:A9),2500,20,oui,,2022-03-01\n"
          + "590000063,\"\tcmd\",2500,20,oui,,2022-03-01\n"
          + "590000071,\"\rcmd\",2500,20,oui,,2022-03-01\n")
    # Escape sequences in a header, a name and a formula, for every human output (issue 12).
    write("escape-sequences.csv",
          "finess,nom,file_active_mg,taux_pauvrete,accord_ars_psy,montant_psy_demande,date_entree,\x1b[31mrouge\n"
          + "590000014,\x1b[2JEfface\x1b]0;titre\x07,2500,37.5,oui,,2022-03-01,x\n"
          + "590000022,\"=HYPERLINK(\"\"http://exemple.invalid\"\")\",2500,\"30,5\",oui,,2022-03-01,y\n")
    write("formula-in-number-cell.csv", HEADER + "25,Formule,=2000+500,=20,=VRAI,,2022-03-01\n")
    write("control-characters.csv", HEADER + "26,Echap,\x1b[2J\x1b[31m2500,20,oui,,2022-03-01\n27,Cloche\x07,2500,20,oui,,2022-03-01\n")
    write("duplicate-headers.csv", "finess,nom,file_active_mg,File Active MG,taux_pauvrete,accord_ars_psy,date_entree\n1,A,2500,3000,20,oui,2022-03-01\n")
    write("unknown-headers.csv", "finess,nom,file_activ_mg,taux_pauvrte,accord_ars_psy,date_entree,commentaire\n1,A,2500,20,oui,2022-03-01,rien\n")
    write("header-in-second-row.csv", "Candidatures SecPa 2022,,,,,,\n" + HEADER + GOOD)
    write("empty-header-cells.csv", HEADER.rstrip("\n") + ",,,\n" + GOOD.rstrip("\n") + ",,,\n")
    write("bom-in-middle.csv", ("\ufeff" + HEADER + GOOD + "\ufeff" + HEADER + GOOD).encode())
    write("bom-twice-at-start.csv", ("\ufeff\ufeff" + HEADER + GOOD).encode())
    write("bom-in-cell.csv", (HEADER + "28,Zéro largeur,\ufeff2500,20,oui,,2022-03-01\n").encode())
    write("nul-in-cell.csv", HEADER + GOOD + "29,Nul\x00,2500,20,oui,,2022-03-01\n" + GOOD)
    write("cr-only-line-ends.csv", (HEADER + GOOD + GOOD).replace("\n", "\r"))
    write("mixed-line-ends.csv", HEADER.replace("\n", "\r\n") + GOOD + GOOD.replace("\n", "\r") + GOOD.replace("\n", "\r\n"))
    write("blank-lines-between.csv", HEADER + "\n\n" + GOOD + "\r\n\r\n,,,,,,\n" + GOOD + "\n\n\n")
    write("multiline-cell.csv", HEADER + "30,\"Maison\nsur deux lignes\",2500,20,oui,,2022-03-01\n" + GOOD)
    write("tab-separated.tsv", (HEADER + GOOD.replace("\"37,5\"", "37,5")).replace(",", "\t").replace("37\t5", "37,5"))
    write("windows-1252-semicolon.csv", (HEADER.replace(",", ";") + "31;Santé Été;2 500;37,5 %;oui;70 000 €;01/03/2022\r\n").encode("cp1252"))
    write("percent-and-booleans-odd.csv", HEADER + "32,Pourcent,2500,150 %,oui,,2022-03-01\n33,Rien,2500,%,oui,,2022-03-01\n34,Peut-être,2500,20,peut-être,,2022-03-01\n35,Espaces,2500,\" 20 \",\" OUI \",,2022-03-01\n")
    write("missing-required-cells.csv", HEADER + ",,,,,,\n36,Vide,,,,,\n")
    write("missing-columns.csv", "finess,nom,taux_pauvrete\n1,A,20\n")
    write("emoji-and-bidi.csv", HEADER + "37,Santé 🏥 \u202eélbissopmi\u202c,2500,20,oui,,2022-03-01\n")
    write("renamed-csv.xlsx", HEADER + GOOD)
    write("zip-bomb.xlsx", zip_bomb())
    # Issue 12: small workbooks whose XML makes calamine reserve terabytes (it aborted).
    write("hostile-shared-strings.xlsx", hostile_workbook(shared_strings=True))
    write("hostile-far-cell.xlsx", hostile_workbook(far_cell=True))


# A workbook complete enough for calamine (content types, relationships, workbook, one sheet)
# whose sheet is one inline-string cell of 1 GiB of "A": deflate turns it into ~1 MB, and a
# reader that inflates it blindly holds the whole cell in memory. `secpa check` must refuse
# it from the zip central directory alone (E022); for `compute`, it is ~1 MB of binary bytes.
BOMB_CELL = 1 << 30


def hostile_workbook(shared_strings=False, far_cell=False):
    """examples/candidatures.xlsx with a sharedStrings.xml declaring 10^12 strings, or a
    cell at XFD1048576 (the last cell a spreadsheet has) besides A1."""
    import zipfile
    source = zipfile.ZipFile("examples/candidatures.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info.filename)
            if far_cell and info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
            z.writestr(info, data)
        if shared_strings:
            z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1000000000000"><si><t>a</t></si></sst>')
    return out.getvalue()


def zip_bomb():
    xmlns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    members = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>'),
        ("xl/workbook.xml",
         f'<?xml version="1.0" encoding="UTF-8"?><workbook {xmlns} xmlns:r="{rel}">'
         '<sheets><sheet name="Candidatures" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
         '</Relationships>'),
    ]
    head = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {xmlns}><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>').encode()
    tail = b"</t></is></c></row></sheetData></worksheet>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in members:
            z.writestr(member(name, len(text.encode())), text)
        info = member("xl/worksheets/sheet1.xml", len(head) + BOMB_CELL + len(tail))
        with z.open(info, "w") as sheet:  # streamed: the 1 GiB is never in memory
            sheet.write(head)
            chunk = b"A" * (1 << 20)
            for _ in range(BOMB_CELL // len(chunk)):
                sheet.write(chunk)
            sheet.write(tail)
    return buf.getvalue()


def member(name, size):
    info = zipfile.ZipInfo(name, date_time=(2021, 8, 1, 0, 0, 0))  # fixed: reproducible bytes
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = 9
    info.file_size = size
    return info


if __name__ == "__main__":
    main()
