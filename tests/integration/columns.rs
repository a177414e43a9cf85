//! Issue 20, items 1-3: headers as coordinators write them (« Demande psy (€) »,
//! « Identifiant QPV »…) are read as their columns; a header no table names, while a
//! column that changes an amount is absent, refuses the file (E016) until `--column` maps
//! it; `secpa columns` shows how each header was read. Fixtures:
//! `scripts/make_header_fixtures.py` (openpyxl, LibreOffice).

use insta::assert_snapshot;

use crate::{fixture, run, secpa};

const AS_OF: &str = "01/03/2022";

/// `compute --format csv` on a file: exit code and stdout.
fn amounts(file: &str, extra: &[&str]) -> (i32, String) {
    let out = secpa()
        .args(["compute", file, "--as-of", AS_OF, "--format", "csv"])
        .args(extra)
        .output()
        .expect("secpa runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The example: with « Demande psy (€) » and « Identifiant QPV », every amount is
/// the one of the same rows under canonical headers (before: 66 000 € instead of 60 000 €
/// and 45 000 € asked), in the workbook and in its CSV export by LibreOffice.
#[test]
fn headers_as_written_give_the_amounts_of_the_canonical_file() {
    let (code, clean) = amounts("examples/candidatures.csv", &[]);
    assert_eq!(code, 0);
    assert!(
        clean.contains("60000.00") && clean.contains("45000.00"),
        "{clean}"
    );
    for file in ["headers/psy-demande.xlsx", "headers/psy-demande.csv"] {
        let (code, written) = amounts(&fixture(file), &[]);
        assert_eq!(code, 0, "{file}");
        assert_eq!(written, clean, "{file}");
    }
}

#[test]
fn columns_shows_how_each_header_was_read() {
    assert_snapshot!(run(&["columns", &fixture("headers/psy-demande.xlsx")]));
}

/// A header no table names, while `montant_psy_demande` is absent: E016 naming both, the
/// file is not computed (exit 2); « Commentaires » shares no word and stays W006.
#[test]
fn e016_an_unknown_header_sharing_a_word_of_an_absent_amount_column() {
    let file = fixture("headers/psy-sollicite.xlsx");
    let output = run(&["compute", &file, "--as-of", AS_OF, "--format", "csv"]);
    let header: String = output
        .lines()
        .filter(|l| !l.contains("W210"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_snapshot!(header);
    assert_snapshot!(run(&["columns", &file]));
}

/// `--column` maps the header by hand: the amounts are those of the canonical file.
#[test]
fn column_maps_a_header_by_hand() {
    let (_, clean) = amounts("examples/candidatures.csv", &[]);
    let file = fixture("headers/psy-sollicite.xlsx");
    let mapping = "montant_psy_demande=Psychologue : montant sollicité";
    let (code, mapped) = amounts(&file, &["--column", mapping]);
    assert_eq!(code, 0);
    assert_eq!(mapped, clean);
    let check = secpa()
        .args(["check", &file, "--as-of", AS_OF, "--column", mapping])
        .output()
        .expect("secpa runs");
    assert!(!String::from_utf8_lossy(&check.stderr).contains("E016"));
}

/// JSON: an array of objects with exactly `letter`, `header`, `key` (null when ignored),
/// `how`.
#[test]
fn columns_json_gives_letter_header_key_and_how() {
    let file = fixture("headers/psy-sollicite.xlsx");
    let mapping = "montant_psy_demande=Psychologue : montant sollicité";
    let out = secpa()
        .args(["columns", &file, "--format", "json", "--column", mapping])
        .output()
        .expect("secpa runs");
    assert_eq!(out.status.code(), Some(0));
    let rows: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(&out.stdout).expect("JSON array");
    assert_eq!(rows.len(), 28);
    for row in &rows {
        let mut fields: Vec<&str> = row.keys().map(String::as_str).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["header", "how", "key", "letter"]);
    }
    let find = |header: &str| {
        rows.iter()
            .find(|r| r["header"] == header)
            .unwrap_or_else(|| panic!("{header}"))
    };
    let psy = find("Psychologue : montant sollicité");
    assert_eq!(psy["key"], "montant_psy_demande");
    assert_eq!(psy["how"], "mapped");
    assert_eq!(psy["letter"], "X");
    assert_eq!(find("Commentaires")["key"], serde_json::Value::Null);
    assert_eq!(find("Commentaires")["how"], "ignored");
    assert_eq!(find("N° FINESS")["how"], "exact");
    assert_eq!(find("Identifiant QPV")["key"], "code_qpv");
    assert_eq!(find("Identifiant QPV")["how"], "synonym");
}

/// A header `--column` names that the file does not hold: E050, exit 2, nothing computed.
#[test]
fn e050_a_mapped_header_absent_from_the_file() {
    let file = fixture("headers/psy-sollicite.xlsx");
    let output = run(&[
        "compute",
        &file,
        "--as-of",
        AS_OF,
        "--column",
        "montant_psy_demande=Montant psy sollicité",
    ]);
    let header: String = output
        .lines()
        .filter(|l| !l.contains("W210"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_snapshot!(header);
}

/// A KEY that is no column, a missing `=`, a column given twice: usage errors, exit 2.
#[test]
fn column_usage_errors() {
    let file = fixture("headers/psy-sollicite.xlsx");
    assert_snapshot!(run(&["columns", &file, "--column", "montant=Psychologue"]));
    assert_snapshot!(run(&["columns", &file, "--column", "montant_psy_demande"]));
    assert_snapshot!(run(&[
        "--lang",
        "en",
        "columns",
        &file,
        "--column",
        "montant_psy_demande=Psychologue : montant sollicité",
        "--column",
        "montant_psy_demande=Commentaires",
    ]));
}

/// The web page shows the same readings as `secpa columns --format json` (one function),
/// with the page's choice passed as `--column`, and offers the absent columns.
#[test]
fn the_page_shows_the_columns_as_the_command_line() {
    let file = fixture("headers/psy-sollicite.xlsx");
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&file))
        .expect("fixture");
    let set = secpa::rules::RuleSet::embedded().expect("rules");
    let mapping = "montant_psy_demande=Psychologue : montant sollicité";
    for columns in [vec![], vec![mapping]] {
        let mut args = vec!["columns", file.as_str(), "--format", "json"];
        for m in &columns {
            args.extend(["--column", m]);
        }
        let cli: serde_json::Value =
            serde_json::from_slice(&secpa().args(&args).output().expect("secpa runs").stdout)
                .expect("JSON");
        let answer = secpa::web::answer(
            &set,
            secpa::web::Request {
                name: &file,
                bytes: bytes.clone(),
                sheet: None,
                columns: columns
                    .iter()
                    .map(|m| secpa::candidature::column::Mapping::parse(m).expect("mapping"))
                    .collect(),
                year: None,
                as_of: Some("2022-03-01".parse().expect("date")),
                today: "2026-11-25".parse().expect("date"),
                lang: secpa::Lang::Fr,
            },
        );
        let page = serde_json::to_value(&answer.view.columns).expect("JSON");
        assert_eq!(page, cli);
        // The optional activity columns (issue 21) are absent from this file either way.
        let absent: &[&str] = if columns.is_empty() {
            &[
                "activite_majoritaire_medecine_generale",
                "activite_paramedicale",
                "montant_psy_demande",
            ]
        } else {
            &[
                "activite_majoritaire_medecine_generale",
                "activite_paramedicale",
            ]
        };
        assert_eq!(answer.view.absent, absent);
        assert_eq!(answer.view.usable, !columns.is_empty());
    }
}
