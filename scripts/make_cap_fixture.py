#!/usr/bin/env python3
"""Writes tests/fixtures/check/cap-W216.csv: 25 valid structures whose psychological
support request is above the D4 cap (W216 on each row), and 2 rows whose poverty rate is
implausible (E110): the terminal writes the first 20 W216 in full and counts the other 5,
--quiet keeps the 2 errors and the summary, JSON keeps all 27 diagnostics.
Run from the repository root: python3 scripts/make_cap_fixture.py
"""

HEADER = ("finess,siret,nom,type_structure,code_commune,implantation,code_qpv,file_active_mg,"
          "annee_file_active,taux_pauvrete,tiers_payant,tarifs_opposables,ouvert_a_tous,"
          "mission_proximite,mission_accueil_vulnerables,mission_soutien_psychologique,"
          "mission_mediation_sante,mission_demarche_participative,"
          "mission_accompagnement_social,mission_interpretariat,mission_prevention,"
          "mission_formation_evaluation,accord_ars_psy,montant_psy_demande,date_entree,"
          "date_depot,structure_fondatrice\n")


def luhn_key(digits):
    """The digit that makes digits + key pass the Luhn check."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def main():
    with open("tests/fixtures/check/cap-W216.csv", "w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        for i in range(27):
            finess = f"93{i:06d}"
            siret = f"{123456789000 + i:013d}"
            rate = "0.5" if i >= 25 else "46.3"
            f.write(f"{finess}{luhn_key(finess)},{siret}{luhn_key(siret)},Centre de santé {i},"
                    f"centre_de_sante,93066,qpv,QP093040,2500,2021,{rate},integral,"
                    + "oui," * 11 + "oui,80000,2022-03-01,2021-10-01,non\n")


if __name__ == "__main__":
    main()
