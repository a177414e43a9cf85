#!/usr/bin/env python3
"""Writes examples/candidatures.csv and examples/candidatures-excel.csv.

The 26 structures, their cities and entry dates are those of the ministry's press release
(../shared/seeds/001); QPV codes are real 2015 QPV of their commune (qpv2015.csv) and the
poverty rate is that QPV's INSEE rate (pauvrete_qpv2015.csv, revn2022). Every other figure
(FINESS, SIRET, file active, requests, dates of filing) is ILLUSTRATIVE: FINESS and SIRET
numbers are made up with a valid check digit, they identify nobody.
Run from the repository root: python3 scripts/make_examples.py
"""
import csv
import io

# name, type, commune, implantation, qpv, file active, accord ARS psy, requested psy, entry, founder
STRUCTURES = [
    ("ACSBE La Place Santé", "centre_de_sante", "93066", "qpv", "QP093040", 4200, True, "60000", "2021-08-01", True),
    ("Village 2 Santé", "centre_de_sante", "38151", "qpv", "QP038004", 3100, True, "45000", "2021-08-01", True),
    ("La Case de Santé", "centre_de_sante", "31555", "quartier_vecu", "QP031009", 2800, False, "", "2021-08-01", True),
    ("Le Château en santé", "centre_de_sante", "13055", "qpv", "QP013055", 2300, True, "", "2021-08-01", True),
    ("La Maison urbaine de santé du Neuhof", "msp", "67482", "qpv", "QP067016", 5200, True, "66000", "2021-08-01", True),
    ("Santé Commune", "centre_de_sante", "69256", "qpv", "QP069018", 3600, True, "30000", "2021-08-01", True),
    ("Diaconat Protestant", "centre_de_sante", "26362", "qpv", "QP026008", 1800, False, "", "2022-03-01", False),
    ("Pôle Santé Chambéry", "msp", "73065", "qpv", "QP073002", 2100, True, "25000", "2022-03-01", False),
    ("Pôle de Santé Interprofessionnel de St Martin d'Hères", "msp", "38421", "qpv", "QP038011", 2600, True, "40000", "2022-03-01", False),
    ("Agir Ensemble Pour Notre Santé – Centre de santé Léon Blum", "centre_de_sante", "90010", "qpv", "QP090003", 1500, False, "", "2022-03-01", False),
    ("Centre de santé Stétho'Scop", "centre_de_sante", "56083", "qpv", "QP056002", 1300, True, "20000", "2022-03-01", False),
    ("Centre de santé du Blosne", "centre_de_sante", "35238", "qpv", "QP035005", 2900, True, "50000", "2022-03-01", False),
    ("Avenir Santé Villejean Beauregard – MSP Rennes Nord-Ouest", "msp", "35238", "qpv", "QP035002", 4700, False, "", "2022-03-01", False),
    ("Maison de Santé de Hautepierre", "msp", "67482", "qpv", "QP067011", 3900, True, "35000", "2022-03-01", False),
    ("Centre de Santé Abej Solidarité", "centre_de_sante", "59350", "quartier_vecu", "QP059075", 2500, True, "70000", "2022-03-01", False),
    ("Maison de santé pluriprofessionnelle du Kruysbellaert", "msp", "59183", "qpv", "QP059063", 2200, False, "", "2022-03-01", False),
    ("Maison de santé pluriprofessionnelle SISA Montsoleil", "msp", "62643", "qpv", "QP062053", 1700, True, "15000", "2022-03-01", False),
    ("Centre municipal de santé La Fabrique de Santé", "centre_de_sante", "93001", "qpv", "QP093028", 3300, True, "55000", "2022-03-01", False),
    ("Maison de Santé pluriprofessionnelle Mathagon", "msp", "75056", "qpv", "QP075012", 2700, True, "", "2022-03-01", False),
    ("Maison de Santé Pyrénées-Belleville – SISA des Envierges", "msp", "75056", "quartier_vecu", "QP075020", 3000, False, "", "2022-03-01", False),
    ("Association de gestion du Centre de santé des 3 Cités", "centre_de_sante", "86194", "qpv", "QP086004", 2400, True, "30000", "2022-03-01", False),
    ("Pôle Santé Libéral et Ambulatoire de la Grâce de Dieu", "msp", "14118", "qpv", "QP014002", 1900, False, "", "2022-03-01", False),
    ("Human Santé", "centre_de_sante", "34172", "qpv", "QP034005", 3400, True, "45000", "2022-03-01", False),
    ("SISA Maison de Santé de l'Olivier", "msp", "06149", "quartier_vecu", "QP006014", 1600, True, "20000", "2022-03-01", False),
    ("Maison de Santé pluriprofessionnelle Peyssonnel", "msp", "13055", "qpv", "QP013032", 2000, True, "", "2022-03-01", False),
    ("Maison de Santé pluriprofessionnelle des Hauts de Saint-Aubin", "msp", "49007", "qpv", "QP049006", 1400, False, "", "2022-03-01", False),
]

MISSIONS = ["mission_proximite", "mission_accueil_vulnerables", "mission_soutien_psychologique",
            "mission_mediation_sante", "mission_demarche_participative", "mission_accompagnement_social",
            "mission_interpretariat", "mission_prevention", "mission_formation_evaluation"]
HEADER = ["finess", "siret", "nom", "type_structure", "code_commune", "implantation", "code_qpv",
          "file_active_mg", "annee_file_active", "taux_pauvrete", "tiers_payant", "tarifs_opposables",
          "ouvert_a_tous", *MISSIONS, "accord_ars_psy", "montant_psy_demande", "date_entree",
          "date_depot", "structure_fondatrice"]
# The same columns as a person would title them in a French spreadsheet.
EXCEL_HEADER = ["FINESS", "SIRET", "Nom", "Type structure", "Code commune", "Implantation", "Code QPV",
                "File active MG", "Année file active", "Taux pauvreté", "Tiers payant", "Tarifs opposables",
                "Ouvert à tous", "Mission proximité", "Mission accueil vulnérables",
                "Mission soutien psychologique", "Mission médiation santé", "Mission démarche participative",
                "Mission accompagnement social", "Mission interprétariat", "Mission prévention",
                "Mission formation évaluation", "Accord ARS psy", "Montant psy demandé", "Date entrée",
                "Date dépôt", "Structure fondatrice"]


def luhn_digit(digits: str) -> str:
    """The digit that makes digits + it pass the Luhn check."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def poverty_rates():
    with open("data/pauvrete_qpv2015.csv", encoding="utf-8") as f:
        return {r["code_qpv"]: r["taux_pauvrete_revn2022"] for r in csv.DictReader(f)}


def rows():
    rates = poverty_rates()
    out = []
    for i, (nom, typ, commune, impl, qpv, fa, accord, psy, entry, founder) in enumerate(STRUCTURES):
        dept = commune[:2]
        body = f"{dept}00{i + 1:04d}0"[:8]
        finess = body + luhn_digit(body)
        siren8 = f"9{i + 1:02d}{int(commune) % 100000:05d}"
        siren = siren8 + luhn_digit(siren8)
        nic4 = "0001"
        siret = siren + nic4 + luhn_digit(siren + nic4)
        rate = rates[qpv]
        depot = "" if founder else f"2021-10-{1 + i % 14:02d}"
        out.append({
            "finess": finess, "siret": siret, "nom": nom, "type_structure": typ,
            "code_commune": commune, "implantation": impl, "code_qpv": qpv, "file_active_mg": str(fa),
            "annee_file_active": str(int(entry[:4]) - 1), "taux_pauvrete": rate,
            "tiers_payant": "integral" if i % 5 else "partiel", "tarifs_opposables": "oui",
            "ouvert_a_tous": "oui", **{m: "oui" for m in MISSIONS},
            "accord_ars_psy": "oui" if accord else "non", "montant_psy_demande": psy,
            "date_entree": entry, "date_depot": depot,
            "structure_fondatrice": "oui" if founder else "non",
        })
    # The reference structure of issue #3: 2500 patients, 37,5 %, ARS agreement, 70 000 € asked.
    abej = next(r for r in out if r["nom"].startswith("Centre de Santé Abej"))
    abej["taux_pauvrete"] = "37.5"
    return out


def french(row):
    """The row as French Excel writes it: decimal comma, thousands with NBSP, dd/mm/yyyy."""
    def amount(v):
        if not v:
            return v
        n = int(v)
        return f"{n:,}".replace(",", "\u00a0")
    def date(v):
        return f"{v[8:10]}/{v[5:7]}/{v[0:4]}" if v else v
    r = dict(row)
    r["file_active_mg"] = amount(r["file_active_mg"])
    r["taux_pauvrete"] = r["taux_pauvrete"].replace(".", ",")
    r["montant_psy_demande"] = amount(r["montant_psy_demande"])
    r["date_entree"] = date(r["date_entree"])
    r["date_depot"] = date(r["date_depot"])
    r["type_structure"] = {"centre_de_sante": "Centre de santé", "msp": "MSP"}[r["type_structure"]]
    r["implantation"] = {"qpv": "QPV", "quartier_vecu": "Quartier vécu"}[r["implantation"]]
    r["tiers_payant"] = {"integral": "Intégral", "partiel": "Partiel"}[r["tiers_payant"]]
    for k in ["tarifs_opposables", "ouvert_a_tous", "accord_ars_psy", "structure_fondatrice", *MISSIONS]:
        r[k] = "Oui" if r[k] == "oui" else "Non"
    return [r[k] for k in HEADER]


def main():
    data = rows()
    with open("examples/candidatures.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(data)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(EXCEL_HEADER)
    for r in data:
        w.writerow(french(r))
    with open("examples/candidatures-excel.csv", "wb") as f:
        f.write(buf.getvalue().encode("cp1252"))


if __name__ == "__main__":
    main()
