#!/usr/bin/env python3
"""Writes the fixtures of `secpa check` in tests/fixtures/check/.

The done-when batch of issue 4 in three forms: batch.csv (UTF-8), batch-excel.csv (as French
Excel saves it: `;`, Windows-1252, decimal comma, CRLF, dd/mm/yyyy) and batch.xlsx (a real
workbook built with the standard library only: numbers as numbers, dates as date serials);
plus one fixture per family of codes, named after them. Every FINESS/SIRET is made up with
a valid check digit unless the row is about a bad one; they identify nobody.
Run from the repository root: python3 scripts/make_check_fixtures.py
"""
import csv
import datetime
import io
import zipfile
from xml.sax.saxutils import escape

OUT = "tests/fixtures/check/"
MISSIONS = ["mission_proximite", "mission_accueil_vulnerables", "mission_soutien_psychologique",
            "mission_mediation_sante", "mission_demarche_participative", "mission_accompagnement_social",
            "mission_interpretariat", "mission_prevention", "mission_formation_evaluation"]
HEADER = ["finess", "siret", "nom", "type_structure", "code_commune", "implantation", "code_qpv",
          "file_active_mg", "annee_file_active", "taux_pauvrete", "tiers_payant", "tarifs_opposables",
          "ouvert_a_tous", *MISSIONS, "accord_ars_psy", "montant_psy_demande", "date_entree",
          "date_depot", "structure_fondatrice"]
FRENCH = {"finess": "FINESS", "siret": "SIRET", "nom": "Nom", "type_structure": "Type structure",
          "code_commune": "Code commune", "implantation": "Implantation", "code_qpv": "Code QPV",
          "file_active_mg": "File active MG", "annee_file_active": "Année file active",
          "taux_pauvrete": "Taux pauvreté", "tiers_payant": "Tiers payant",
          "tarifs_opposables": "Tarifs opposables", "ouvert_a_tous": "Ouvert à tous",
          "accord_ars_psy": "Accord ARS psy", "montant_psy_demande": "Montant psy demandé",
          "date_entree": "Date entrée", "date_depot": "Date dépôt",
          "structure_fondatrice": "Structure fondatrice"}
NUMBERS = {"file_active_mg", "annee_file_active", "taux_pauvrete", "montant_psy_demande"}
DATES = {"date_entree", "date_depot"}


def luhn_digit(digits):
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def finess(dept, n):
    body = f"{dept}{n:06d}"
    return body + luhn_digit(body)


def siret(n):
    siren8 = f"8{n:07d}"
    siren = siren8 + luhn_digit(siren8)
    return siren + "0001" + luhn_digit(siren + "0001")


def base(n, **changes):
    """A structure that passes every check under the 2021-08-01 rules."""
    row = {"finess": finess("93", n), "siret": siret(n), "nom": f"Structure {n}",
           "type_structure": "centre_de_sante", "code_commune": "93066", "implantation": "qpv",
           "code_qpv": "QP093040", "file_active_mg": "2500", "annee_file_active": "2021",
           "taux_pauvrete": "37.5", "tiers_payant": "integral", "tarifs_opposables": "oui",
           "ouvert_a_tous": "oui", **{m: "oui" for m in MISSIONS}, "accord_ars_psy": "oui",
           "montant_psy_demande": "30000", "date_entree": "2022-03-01", "date_depot": "2021-10-05",
           "structure_fondatrice": "non"}
    row.update(changes)
    return row


def batch():
    bad = finess("93", 2)
    bad = bad[:-1] + str((int(bad[-1]) + 1) % 10)
    return [
        base(1, nom="FINESS à la clé fausse", finess=bad),
        base(2, nom="File active 999", file_active_mg="999"),
        base(3, nom="Sans tiers payant", tiers_payant="non"),
        base(4, nom="QPV inconnu", code_qpv="QP093999"),
        base(5, nom="Dépôt tardif", date_depot="2021-11-02"),
        base(6, nom="Fondatrice tardive", date_depot="2021-11-02", structure_fondatrice="oui",
             date_entree="2021-08-01", annee_file_active="2020"),
    ]


def write_csv(name, rows, header=HEADER):
    with open(OUT + name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(k, "") for k in header] if isinstance(r, dict) else r)


def french_cell(key, v):
    if not v:
        return v
    if key in DATES:
        return f"{v[8:10]}/{v[5:7]}/{v[0:4]}"
    if key in NUMBERS and key != "annee_file_active":
        whole, _, frac = v.partition(".")
        whole = f"{int(whole):,}".replace(",", "\u00a0")
        return whole + ("," + frac if frac else "")
    if v in ("oui", "non"):
        return v.capitalize()
    return {"centre_de_sante": "Centre de santé", "integral": "Intégral", "qpv": "QPV"}.get(v, v)


def write_excel_csv(name, rows):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([FRENCH.get(k, k) for k in HEADER])
    for r in rows:
        w.writerow([french_cell(k, r[k]) for k in HEADER])
    with open(OUT + name, "wb") as f:
        f.write(buf.getvalue().encode("cp1252"))


def column_letter(i):
    s = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        s = chr(65 + rem) + s
    return s


def xlsx_cell(ref, key, v):
    if v == "":
        return ""
    if key in DATES:
        serial = (datetime.date.fromisoformat(v) - datetime.date(1899, 12, 30)).days
        return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
    if key in NUMBERS:
        # A computed 37,5 as a spreadsheet may store it: binary noise in the last digits.
        stored = "37.499999999999993" if v == "37.5" else v
        return f'<c r="{ref}"><v>{stored}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'


def write_xlsx(name, rows, out=None):
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    lines = []
    header = "".join(xlsx_cell(f"{column_letter(i)}1", "", FRENCH.get(k, k)) for i, k in enumerate(HEADER))
    lines.append(f'<row r="1">{header}</row>')
    for n, r in enumerate(rows, start=2):
        cells = "".join(xlsx_cell(f"{column_letter(i)}{n}", k, r[k]) for i, k in enumerate(HEADER))
        lines.append(f'<row r="{n}">{cells}</row>')
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {ns} xmlns:r="{rel}">'
            '<sheets><sheet name="Candidatures" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            '</Relationships>'),
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet {ns}>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '</styleSheet>'),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {ns}>'
            f'<sheetData>{"".join(lines)}</sheetData></worksheet>'),
    }
    with zipfile.ZipFile((out or OUT) + name, "w", zipfile.ZIP_DEFLATED) as z:
        for path, text in parts.items():
            # A fixed date keeps the bytes identical from one run to the next.
            info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


def main():
    rows = batch()
    write_csv("batch.csv", rows)
    write_excel_csv("batch-excel.csv", rows)
    write_xlsx("batch.xlsx", rows)

    # A founder and a non-founder of the same FINESS.
    write_csv("E009-duplicate-finess.csv", [base(1), base(2, finess=finess("93", 1))])

    write_csv("eligibility-E2xx.csv", [
        base(1, nom="W202", file_active_mg="7000"),
        base(2, nom="W203", annee_file_active="2019"),
        base(3, nom="E206 code 2024", code_qpv="QN09302M"),
        base(4, nom="W207 Mayotte", code_qpv="QP976001"),
        base(5, nom="W208", code_commune="75056", code_qpv="QP093040", finess=finess("75", 5)),
        base(6, nom="W210", tiers_payant="partiel"),
        base(7, nom="E211", tarifs_opposables="non"),
        base(8, nom="E212", ouvert_a_tous="non"),
        base(9, nom="E213 x2", mission_interpretariat="non", mission_prevention=""),
        base(10, nom="E215", date_depot=""),
        base(11, nom="W216", montant_psy_demande="80000"),
        base(12, nom="W217", accord_ars_psy="non"),
        base(13, nom="I218 QPV", taux_pauvrete="", code_qpv="QP001001", code_commune="01053",
             finess=finess("01", 13)),
        base(14, nom="I218 commune", taux_pauvrete="", code_qpv="QP001002", code_commune="01004",
             finess=finess("01", 14)),
        # Neither the QPV nor the commune has a published rate (secret statistique).
        base(15, nom="E219", taux_pauvrete="", code_qpv="QP078016", code_commune="78003",
             implantation="quartier_vecu", finess=finess("78", 15)),
        base(16, nom="E106", type_structure="", file_active_mg=""),
        base(17, nom="Fondatrice sans dépôt", date_depot="", structure_fondatrice="oui",
             date_entree="2021-08-01", annee_file_active="2020"),
    ])

    # The quartier vécu threshold (14,6 % under 2021-08-01): just above, equal, below, a QPV
    # (no threshold), and rates looked up (I218) below and above it.
    vecu = {"implantation": "quartier_vecu"}
    write_csv("E220-quartier-vecu.csv", [
        base(1, nom="Quartier vécu 14,7 : éligible", taux_pauvrete="14.7", **vecu),
        base(2, nom="E220 égal au seuil", taux_pauvrete="14.6", **vecu),
        base(3, nom="E220 sous le seuil", taux_pauvrete="10", **vecu),
        base(4, nom="QPV 10 : pas de seuil", taux_pauvrete="10"),
        # QP078016 has no published rate: the commune's (Sartrouville, 13 %) is used.
        base(5, nom="E220 taux publié de la commune", taux_pauvrete="", code_qpv="QP078016",
             code_commune="78586", finess=finess("78", 5), **vecu),
        # QP075005 has no published rate: the commune's (Paris 13e, 16 %) is used.
        base(6, nom="Taux publié au-dessus : éligible", taux_pauvrete="", code_qpv="QP075005",
             code_commune="75113", finess=finess("75", 6), **vecu),
    ])

    # With tests/fixtures/check/rules-E204-E205-msp-qpv-only.toml (only MSP, only QPV).
    write_csv("E204-E205.csv", [
        base(1, nom="E204 centre de santé"),
        base(2, nom="E205 quartier vécu", type_structure="msp", implantation="quartier_vecu"),
    ])

    write_csv("identifiers-E3xx.csv", [
        base(1, nom="E301 zéro perdu", finess=finess("01", 1)[1:]),
        base(2, nom="E301 lettres", finess="93ABC0012"),
        base(3, nom="E302", finess=finess("93", 3)[:-1] + str((int(finess("93", 3)[-1]) + 5) % 10)),
        base(4, nom="E303 clé", siret=siret(4)[:-1] + str((int(siret(4)[-1]) + 1) % 10)),
        base(5, nom="E303 longueur", siret="1234567"),
        base(6, nom="E304", code_commune="93999"),
        base(7, nom="W305", finess=finess("59", 7)),
        base(8, nom="SIREN et Corse valides", siret="260100045", finess="2A0000287",
             code_commune="2A004", code_qpv="QP02A001"),
    ])

    write_csv("values-E1xx.csv", [
        base(1, nom="E101", file_active_mg="deux mille"),
        base(2, nom="E102", date_depot="31/09/2021"),
        base(3, nom="E103", tarifs_opposables="peut-être"),
        base(4, nom="E104", type_structure="pharmacie", tiers_payant="parfois"),
        base(5, nom="E105", taux_pauvrete="120 %"),
        base(6, nom="E107", file_active_mg="2500,5", annee_file_active="1850"),
    ])

    # Header problems: unknown (with a suggestion), duplicate, and missing columns.
    header = ["finess", "nom", "file_activ_mg", "Nom", "type_structure", "code_commune",
              "code_qpv", "commentaire"]
    write_csv("E005-W006-E007-header.csv",
              [["930000013", "A", "2500", "A bis", "msp", "93066", "QP093040", "x"]], header)

    r = base(1)
    write_csv("E004-ragged.csv", [r, [r["finess"], r["nom"]], base(3)])
    with open(OUT + "E002-empty.csv", "wb"):
        pass
    with open(OUT + "E003-header-only.csv", "w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\n")
    with open(OUT + "E001-utf16.csv", "wb") as f:
        f.write(("\ufeff" + ",".join(HEADER) + "\n").encode("utf-16-le"))
    # A zip signature and then nothing of a zip: taken for a workbook (by its content, not
    # its name: a CSV named .xlsx is read as CSV), and refused by calamine (E020).
    with open(OUT + "E020-not-a-workbook.xlsx", "wb") as f:
        f.write(b"PK\x03\x04ceci n est pas un classeur, seulement le debut d une archive zip\n")


if __name__ == "__main__":
    main()
