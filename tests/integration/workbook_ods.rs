//! `.ods` workbooks saved by LibreOffice (tests/fixtures/workbook/ods_*, written by
//! scripts/make_ods_fixtures.py) read as the person sees them (issue 19, item 7): each one
//! gives, through `compute --format json`, the structures and amounts of the plain CSV of
//! the same data (ods_data.csv), except rows refused with a named code, and then exit 1.
//! Never a different amount. What each file says on stderr is pinned in a snapshot.

use insta::assert_snapshot;
use serde_json::Value;

use crate::secpa;

const DIR: &str = "tests/fixtures/workbook";

/// What `compute --format json` gave: exit code, structures (their sheet row left out,
/// since a title row moves them down), stderr.
struct Computed {
    exit: i32,
    structures: Vec<Value>,
    stderr: String,
}

fn compute(file: &str, extra: &[&str]) -> Computed {
    let path = format!("{DIR}/{file}");
    let output = secpa()
        .args(["compute", &path, "--format", "json"])
        .args(extra)
        .output()
        .expect("secpa runs");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{file}: JSON expected ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let structures = json["structures"]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: no structures: {json}"))
        .iter()
        .cloned()
        .map(|mut s| {
            s.as_object_mut().expect("object").remove("row");
            s
        })
        .collect();
    Computed {
        exit: output.status.code().unwrap_or(-1),
        structures,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn finess(s: &Value) -> &str {
    s["finess"].as_str().expect("finess")
}

/// One fixture: the codes it must say, and the rows it refuses, (FINESS, sheet row, code).
struct Case {
    file: &'static str,
    said: &'static [&'static str],
    refused: &'static [(&'static str, u64, &'static str)],
}

const CASES: &[Case] = &[
    // « 46,3 % » read 46.3 %, dates as dates.
    Case {
        file: "ods_cells.ods",
        said: &[],
        refused: &[],
    },
    // A date cell with a time of day gives its date (and its time, which the date parser
    // reads past).
    Case {
        file: "ods_datetime.ods",
        said: &[],
        refused: &[],
    },
    // =30000 with the result LibreOffice stored: read, and said (W024).
    Case {
        file: "ods_formula-stored.ods",
        said: &["W024"],
        refused: &[],
    },
    // =30000 without a stored result: the row is refused (E023), never read as empty.
    Case {
        file: "ods_formula-missing.ods",
        said: &[],
        refused: &[("690000062", 7, "E023")],
    },
    // =1/0, stored by LibreOffice as an empty string showing « #DIV/0! »: refused on
    // what it shows (E101), never read as an empty amount (which pays the cap).
    Case {
        file: "ods_formula-error.ods",
        said: &["W024"],
        refused: &[("690000062", 7, "E101")],
    },
    // The hidden first sheet is not read; the one the person sees is, and said (I027).
    Case {
        file: "ods_hidden-sheet.ods",
        said: &["I027"],
        refused: &[],
    },
    // The data behind a « Lisez-moi » sheet are found (I027).
    Case {
        file: "ods_readme.ods",
        said: &["I027"],
        refused: &[],
    },
    // A row hidden by hand and one by a filter are computed, and said (W025).
    Case {
        file: "ods_hidden-rows.ods",
        said: &["W025"],
        refused: &[],
    },
    // accord_ars_psy merged over two rows: « oui » in both (W026).
    Case {
        file: "ods_merged.ods",
        said: &["W026"],
        refused: &[],
    },
    // A title and a blank row above the header (I029).
    Case {
        file: "ods_title.ods",
        said: &["I029"],
        refused: &[],
    },
];

#[test]
fn libreoffice_workbooks_give_the_amounts_of_the_same_data_in_csv() {
    let csv = compute("ods_data.csv", &[]);
    assert_eq!(csv.exit, 0, "{}", csv.stderr);
    assert_eq!(csv.structures.len(), 7);
    for case in CASES {
        let ods = compute(case.file, &[]);
        let name = case.file;
        let mut refused = 0;
        for expected in &csv.structures {
            let id = finess(expected);
            match ods.structures.iter().find(|s| finess(s) == id) {
                Some(got) => assert_eq!(got, expected, "{name}: structure {id}"),
                None => {
                    let Some((_, row, code)) = case.refused.iter().find(|r| r.0 == id) else {
                        panic!("{name}: {id} missing without a refusal\n{}", ods.stderr);
                    };
                    let at = format!("{DIR}/{name}:{row}:");
                    assert!(
                        ods.stderr
                            .lines()
                            .any(|l| l.starts_with(&at) && l.contains(&format!(" {code} "))),
                        "{name}: {id} refused without {code} on row {row}\n{}",
                        ods.stderr
                    );
                    refused += 1;
                }
            }
        }
        assert_eq!(
            ods.structures.len() + refused,
            csv.structures.len(),
            "{name}"
        );
        assert_eq!(refused, case.refused.len(), "{name}\n{}", ods.stderr);
        assert_eq!(ods.exit, i32::from(refused > 0), "{name}\n{}", ods.stderr);
        for code in case.said {
            assert!(
                ods.stderr.contains(&format!(" {code} ")),
                "{name} says {code}\n{}",
                ods.stderr
            );
        }
        assert_snapshot!(name.trim_end_matches(".ods"), ods.stderr);
    }
}

/// The hidden sheet holds other amounts: asked by name it is read, so the default did
/// not read it by chance.
#[test]
fn the_hidden_sheet_is_read_only_when_asked() {
    let shown = compute("ods_hidden-sheet.ods", &[]);
    let hidden = compute("ods_hidden-sheet.ods", &["--sheet", "Ancienne version"]);
    assert_eq!(hidden.exit, 0, "{}", hidden.stderr);
    assert_eq!(hidden.structures.len(), shown.structures.len());
    assert_ne!(hidden.structures, shown.structures);
}
