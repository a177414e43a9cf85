//! Issue 20, item 6: her words in every message. A diagnostic about a column names it by
//! the header she wrote and the letter her spreadsheet shows (« colonne H « Année de la
//! file active » »), in French and in English (the header stays as written), in the
//! terminal, the JSON (`column` keeps the key; `header` and `letter` are added) and the
//! HTML page. Fixtures: `scripts/make_words_fixtures.py` (openpyxl, then LibreOffice's CSV
//! export of the same workbook), columns in an order of her own.

use insta::assert_snapshot;
use serde_json::Value;

use crate::{fixture, run, secpa};

const AS_OF: &str = "2021-10-15";

/// The workbook and LibreOffice's CSV export of it: the same letters in both.
const FILES: [&str; 2] = ["words/ordre-libre.xlsx", "words/ordre-libre.csv"];

fn stderr(args: &[&str]) -> String {
    let out = secpa().args(args).output().expect("secpa runs");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_terminal_names_her_header_and_its_letter_in_french_and_english() {
    for file in FILES {
        let path = fixture(file);
        let fr = stderr(&["check", &path, "--as-of", AS_OF]);
        for line in [
            ":1: attention W006 : colonne A « Commentaires » inconnue, ignorée\n",
            ":2: erreur E107 : colonne H « Année de la file active » : « 1850 » hors limites",
            ":3: erreur E101 : colonne AA « File active (nombre de patients) » : « deux mille » n'est pas un nombre\n",
            ":2: attention W210 : colonne K « Pratique du tiers payant » : ",
        ] {
            assert!(fr.contains(line), "{file}: {line}\n{fr}");
        }
        // No internal key where she reads: the keys are neither in the location nor in
        // the message.
        for key in ["annee_file_active", "file_active_mg", "tiers_payant"] {
            assert!(!fr.contains(key), "{file}: {key}\n{fr}");
        }
        let en = stderr(&["--lang", "en", "check", &path, "--as-of", AS_OF]);
        for line in [
            ":1: warning W006: unknown column A \"Commentaires\" ignored\n",
            ":2: error E107: column H \"Année de la file active\": \"1850\" out of range",
            ":3: error E101: column AA \"File active (nombre de patients)\": \"deux mille\" is not a number\n",
        ] {
            assert!(en.contains(line), "{file}: {line}\n{en}");
        }
        // compute says the same on its standard error.
        let compute = stderr(&["compute", &path, "--as-of", AS_OF]);
        assert!(
            compute.contains(
                ":3: erreur E101 : colonne AA « File active (nombre de patients) » : « deux mille »"
            ),
            "{file}\n{compute}"
        );
    }
    assert_snapshot!(run(&["check", &fixture(FILES[0]), "--as-of", AS_OF]));
}

/// The diagnostics of `check --format json`, by code.
fn json(args: &[&str]) -> Vec<Value> {
    let out = secpa().args(args).output().expect("secpa runs");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    doc["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .clone()
}

fn find<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("{code} in {diagnostics:?}"))
}

#[test]
fn json_keeps_the_key_and_adds_her_header_and_its_letter() {
    for file in FILES {
        for lang in ["fr", "en"] {
            let path = fixture(file);
            let d = json(&[
                "--lang", lang, "check", &path, "--as-of", AS_OF, "--format", "json",
            ]);
            let fields = |code: &str| {
                let d = find(&d, code);
                (
                    d["column"].clone(),
                    d["header"].clone(),
                    d["letter"].clone(),
                )
            };
            assert_eq!(
                fields("E107"),
                (
                    "annee_file_active".into(),
                    "Année de la file active".into(),
                    "H".into()
                ),
                "{file} {lang}"
            );
            assert_eq!(
                fields("E101"),
                (
                    "file_active_mg".into(),
                    "File active (nombre de patients)".into(),
                    "AA".into()
                ),
                "{file} {lang}"
            );
            // An unknown header is hers already: the letter is added.
            assert_eq!(
                fields("W006"),
                ("Commentaires".into(), "Commentaires".into(), "A".into()),
                "{file} {lang}"
            );
        }
    }
}

/// A column the file lacks has no letter: it is named by the label secpa recognises first
/// for it (the template's); a diagnostic about no column has `header` and `letter` null.
#[test]
fn an_absent_column_is_named_by_its_label_and_a_file_has_no_column() {
    let d = json(&[
        "check",
        &fixture("check/E005-W006-E007-header.csv"),
        "--format",
        "json",
    ]);
    let absent = d
        .iter()
        .find(|d| d["code"] == "E005" && d["column"] == "annee_file_active")
        .expect("E005 for annee_file_active");
    assert_eq!(absent["header"], "Année de la file active");
    assert_eq!(absent["letter"], Value::Null);
    assert_eq!(
        absent["message"],
        "colonne obligatoire « Année de la file active » absente"
    );
    let twice = find(&d, "E007");
    assert_eq!(
        (&twice["header"], &twice["letter"]),
        (&"Nom".into(), &"D".into())
    );
    let d = json(&["check", &fixture("bad/header-only.csv"), "--format", "json"]);
    let file = find(&d, "E003");
    assert_eq!(
        (&file["column"], &file["header"], &file["letter"]),
        (&Value::Null, &Value::Null, &Value::Null)
    );
}

/// The HTML page of `compute` names the column as the terminal does, without the key.
#[test]
fn the_html_page_names_her_header_and_its_letter() {
    let out = secpa()
        .args([
            "compute",
            &fixture(FILES[0]),
            "--as-of",
            AS_OF,
            "--format",
            "html",
        ])
        .output()
        .expect("secpa runs");
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(
        html.contains("<td>AA « File active (nombre de patients) »</td><td>E101</td>"),
        "{html}"
    );
}
