//! Issue 21, item 5: the arrêté's conditions « une activité majoritaire de médecine générale,
//! mais aussi une activité paramédicale », two optional yes/no columns. Present: « non » is
//! E225 / E226 citing the source, an empty cell unchecked on its row (I228); absent: said « non contrôlé » once per
//! file (I227) by check (its summary too), compute (its notice) and the JSON.

use insta::assert_snapshot;

use crate::{fixture, run};

/// E225 and E226 on the rows that say « non », I228 on the empty cells (not checked there);
/// the rows that say « oui » to both or leave both empty are eligible; never an I227 when the columns are there.
#[test]
fn e225_e226_conditions_present_are_checked() {
    let f = fixture("activite/conditions.csv");
    let out = run(&["check", &f]);
    assert!(out.starts_with("exit: 1"), "{out}");
    assert!(out.contains("conditions.csv:3: erreur E225 : colonne AB « Activité majoritaire de médecine générale » : activité majoritaire de médecine générale « non » : l'arrêté demande « une activité majoritaire de médecine générale »"), "{out}");
    assert!(
        out.contains("conditions.csv:4: erreur E226 : colonne AC « Activités paramédicales » :"),
        "{out}"
    );
    assert!(
        out.contains("conditions.csv:5: info I228 : colonne AB « Activité majoritaire de médecine générale » : cellule vide"),
        "{out}"
    );
    assert!(
        out.contains(
            "conditions.csv:5: info I228 : colonne AC « Activités paramédicales » : cellule vide"
        ),
        "{out}"
    );
    assert!(
        out.contains("4 structures contrôlées, 2 éligibles"),
        "{out}"
    );
    assert!(!out.contains("I227"), "{out}");
    assert_snapshot!("activite_check", out);
    // The workbook, headers as people write them (« Activités paramédicales »): the same.
    let xlsx = run(&["check", &fixture("activite/conditions.xlsx")]);
    let codes = |s: &str| -> Vec<String> {
        s.lines()
            .filter_map(|l| l.split(": erreur ").nth(1))
            .map(|r| r[..4].to_owned())
            .collect()
    };
    assert_eq!(codes(&xlsx), codes(&out), "{xlsx}");
    // compute pays the one row that says « oui » to both, never a row refused.
    let compute = run(&["compute", &f, "--format", "csv"]);
    assert!(compute.starts_with("exit: 1"), "{compute}");
    let paid = compute
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .count();
    assert_eq!(paid, 2, "{compute}");
    // The provisional conditions judged the paid row: the computation says so.
    let table = run(&["compute", &f]);
    assert!(
        table.contains("éligibilité, activité majoritaire de médecine générale"),
        "{table}"
    );
}

/// I227: the same rows without the two columns are eligible and paid, and every output says
/// the conditions were not checked, once for the file.
#[test]
fn i227_conditions_absent_are_said_not_checked_once_per_file() {
    let f = fixture("activite/sans-colonnes.csv");
    let check = run(&["check", &f]);
    assert!(check.starts_with("exit: 0"), "{check}");
    assert_eq!(check.matches("info I227").count(), 1, "{check}");
    assert!(check.contains("sans-colonnes.csv: info I227 : non contrôlé : le fichier n'a pas les colonnes « Activité majoritaire de médecine générale » et « Activité paramédicale »"), "{check}");
    assert!(
        check.contains("; conditions d'activité (médecine générale majoritaire, paramédicale) non contrôlées : colonnes absentes (I227)"),
        "{check}"
    );
    assert_snapshot!("activite_absent_check", check);
    let compute = run(&["compute", &f]);
    assert_eq!(compute.matches("I227").count(), 1, "{compute}");
    assert!(
        compute.contains("Éligibilité NON contrôlée : colonnes absentes : Activité majoritaire de médecine générale, Activité paramédicale"),
        "{compute}"
    );
    let json = run(&["compute", &f, "--format", "json"]);
    assert!(json.contains("\"activite_paramedicale\""), "{json}");
    let en = run(&["--lang", "en", "check", &f]);
    assert!(
        en.contains("info I227: not checked: the file lacks the columns"),
        "{en}"
    );
    // One column given, the other absent: only the absent one is said.
    let text = std::fs::read_to_string(fixture("activite/conditions.csv")).unwrap();
    let one: String = text
        .lines()
        .map(|l| l.rsplit_once(',').map_or(l, |(a, _)| a).to_owned() + "\n")
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("une-colonne.csv");
    std::fs::write(&path, one).unwrap();
    let out = run(&["check", path.to_str().unwrap()]);
    assert!(
        out.contains("info I227 : non contrôlé : le fichier n'a pas la colonne « Activité paramédicale » : la condition « une activité paramédicale »"),
        "{out}"
    );
}

/// I228: the template's workbook carries the two optional columns; a row that leaves them
/// empty is not refused: each condition is said unchecked on that row, and the row is paid
/// as without the columns.
#[test]
fn i228_an_empty_condition_cell_is_unchecked_on_its_row() {
    let f = fixture("activite/conditions.csv");
    let out = run(&["--lang", "en", "check", &f]);
    assert!(
        out.contains("conditions.csv:5: info I228: column AC \"Activités paramédicales\": empty cell: the condition \"a paramedical activity\" of the specifications is not checked on this row"),
        "{out}"
    );
    assert!(!out.contains("E106"), "{out}");
    let compute = run(&["compute", &f, "--format", "csv"]);
    assert!(
        compute.lines().any(|l| l.starts_with("5,")),
        "the row with empty cells is paid: {compute}"
    );
}
