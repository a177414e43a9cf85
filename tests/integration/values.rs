//! What a row's values leave to an assumption, and founders taken at their word only where
//! the call names them (issue 20, items 4, 7 and 10); values as people write them (item 5:
//! « Maison de santé », « CDS », « Quartier prioritaire », « Total », « X », « ✓ »…), on
//! `tests/fixtures/values/` (scripts/make_value_fixtures.py).

use insta::assert_snapshot;

use crate::{fixture, render, secpa};

const FILE: &str = "tests/fixtures/values/assumptions-founders.csv";

fn stderr(args: &[&str]) -> (i32, String, String) {
    let output = secpa().args(args).output().expect("secpa runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The codes said on `row`.
fn codes(stderr: &str, row: u64) -> Vec<String> {
    let prefix = format!("{FILE}:{row}:");
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter_map(|l| {
            l.split_whitespace()
                .find(|w| w.len() == 4 && w[1..].chars().all(|c| c.is_ascii_digit()))
                .map(str::to_owned)
        })
        .collect()
}

#[test]
fn w221_i222_e223_w224_said_on_their_rows() {
    let output = secpa()
        .args(["check", FILE, "--as-of", "2021-10-15"])
        .output()
        .expect("secpa runs");
    assert_snapshot!("values_check", render(&output));
    let (exit, _, err) = stderr(&["check", FILE, "--as-of", "2021-10-15"]);
    assert_eq!(exit, 1);
    assert_eq!(codes(&err, 2), ["W221"]);
    assert_eq!(codes(&err, 3), ["I222"]);
    assert_eq!(codes(&err, 4), ["E223"]);
    assert!(codes(&err, 5).contains(&"W224".to_owned()), "{err}");
}

/// compute pays the assumed cap only with W221 on the row, and never the refused founder.
#[test]
fn the_assumed_cap_is_said_where_it_is_paid() {
    let (exit, out, err) = stderr(&["compute", FILE, "--format", "csv"]);
    assert_eq!(exit, 1);
    let paid: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(paid, ["2", "3", "5"], "{out}");
    let row2 = out
        .lines()
        .find(|l| l.starts_with("2,"))
        .expect("row 2 paid");
    assert!(
        row2.contains(",66000.00,"),
        "the cap is what is assumed: {row2}"
    );
    assert!(codes(&err, 2).contains(&"W221".to_owned()), "{err}");
}

/// An unreadable filing date is one error: no E206 from a version that cannot be known
/// (judged today, the 2024 QPV list would refuse the 2015 code).
#[test]
fn an_unreadable_filing_date_is_one_message() {
    let (_, _, err) = stderr(&["check", FILE]);
    assert_eq!(codes(&err, 6), ["E102"], "{err}");
}

/// The example's rows typed in the template by openpyxl with each closed-list and yes/no
/// cell as coordinators write it, and that workbook saved by LibreOffice, give exactly the
/// amounts of the same rows in canonical tokens; none of their values is refused.
#[test]
fn values_as_people_write_them_give_the_canonical_amounts() {
    let canonical = fixture("values/canonical.csv");
    let (exit, expected, _) = stderr(&["compute", &canonical, "--format", "csv"]);
    assert_eq!(exit, 0);
    assert_eq!(
        expected.lines().count(),
        27,
        "26 structures paid: {expected}"
    );
    // The canonical tokens read as before: the example's own amounts.
    let (_, example, _) = stderr(&["compute", "examples/candidatures.csv", "--format", "csv"]);
    assert_eq!(expected, example);
    for people in [
        "values/people-openpyxl.xlsx",
        "values/people-libreoffice.ods",
    ] {
        let path = fixture(people);
        let (exit, out, err) = stderr(&["compute", &path, "--format", "csv"]);
        assert_eq!(exit, 0, "{people}: {err}");
        assert_eq!(out, expected, "{people}");
        let (exit, _, err) = stderr(&["check", &path]);
        assert_eq!(exit, 0, "{people}: {err}");
        assert!(!err.contains("E103") && !err.contains("E104"), "{err}");
    }
}

/// A value that is none of the accepted spellings is refused (E104, E103) with the
/// accepted values as people write them, in French and in English (the values stay French:
/// they are what is typed in a French file), the cell as written; never a token.
#[test]
fn e103_e104_name_the_values_as_people_write_them() {
    let refused = fixture("values/refused.csv");
    for lang in ["fr", "en"] {
        let output = secpa()
            .args(["check", &refused, "--lang", lang])
            .output()
            .expect("secpa runs");
        let text = render(&output);
        assert_eq!(output.status.code(), Some(1));
        for token in ["centre_de_sante", "quartier_vecu", "integral,", "msp,"] {
            assert!(!text.contains(token), "{token} in {text}");
        }
        assert_snapshot!(format!("values_refused_{lang}"), text);
    }
}
