//! The workbook as the person sees it (issue 19): formulas, hidden sheets and rows, merged
//! cells, title rows, in files written by openpyxl, XlsxWriter and LibreOffice
//! (`scripts/make_workbook_fixtures.py`). Each workbook is computed beside the plain CSV of
//! what the person sees in it: the same structures get the same amounts, or are refused by
//! a named code on their row with exit 1. Never another amount with exit 0.

use std::collections::BTreeMap;

use insta::assert_snapshot;
use serde_json::Value;

use crate::{render, secpa};

/// What `compute --format json` paid, by FINESS: the four dotations and the total, and the
/// row each came from; the exit code; the codes of the errors, by row (stderr).
struct Paid {
    exit: i32,
    amounts: BTreeMap<String, (u64, Vec<String>)>,
    errors: BTreeMap<u64, Vec<String>>,
    file_errors: Vec<String>,
}

fn paid(file: &str) -> Paid {
    let output = secpa()
        .args(["compute", file, "--format", "json"])
        .output()
        .expect("secpa runs");
    let exit = output.status.code().expect("an exit code, not a signal");
    assert!((0..=2).contains(&exit), "{file}: exit {exit}");
    let mut amounts = BTreeMap::new();
    if !output.stdout.is_empty() {
        let json: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
        for s in json["structures"].as_array().expect("structures") {
            let finess = s["finess"].as_str().expect("finess").to_owned();
            let row = s["row"].as_u64().expect("row");
            let mut figures: Vec<String> = [
                "participative",
                "precarite",
                "interpretariat",
                "psychologique",
            ]
            .iter()
            .map(|d| s["dotations"][d].to_string())
            .collect();
            figures.push(s["total"].to_string());
            let previous = amounts.insert(finess.clone(), (row, figures));
            assert!(previous.is_none(), "{file}: {finess} paid twice");
        }
    }
    let (mut errors, mut file_errors) = (BTreeMap::<u64, Vec<String>>::new(), Vec::new());
    for line in String::from_utf8_lossy(&output.stderr).lines() {
        let Some((place, rest)) = line.split_once(": erreur ") else {
            continue;
        };
        let code = rest
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned();
        let row = place
            .strip_prefix(file)
            .and_then(|p| p.strip_prefix(':'))
            .and_then(|p| p.split(':').next())
            .and_then(|r| r.parse::<u64>().ok());
        match row {
            Some(row) => errors.entry(row).or_default().push(code),
            None => file_errors.push(code),
        }
    }
    Paid {
        exit,
        amounts,
        errors,
        file_errors,
    }
}

/// The workbook pays what its CSV pays, structure by structure, except the structures its
/// rows refuse with one of `refused` codes; those make the exit 1.
fn same_amounts(workbook: &str, csv: &str, refused: &[&str]) {
    let expected = paid(csv);
    assert_eq!(expected.exit, 0, "{csv}: the reference pays every row");
    assert!(!expected.amounts.is_empty(), "{csv}: nothing paid");
    let got = paid(workbook);
    for (finess, (_, figures)) in &got.amounts {
        let want = expected.amounts.get(finess);
        assert_eq!(
            want.map(|(_, f)| f),
            Some(figures),
            "{workbook}: {finess} paid otherwise than in {csv}"
        );
    }
    let missing: Vec<&String> = expected
        .amounts
        .keys()
        .filter(|f| !got.amounts.contains_key(*f))
        .collect();
    for finess in &missing {
        // The structure's row in the workbook: same order, so same place after the header.
        let (csv_row, _) = expected.amounts[*finess];
        let named = got
            .errors
            .values()
            .flatten()
            .any(|c| refused.contains(&c.as_str()));
        assert!(
            named,
            "{workbook}: {finess} (CSV row {csv_row}) not paid and no {refused:?} said"
        );
    }
    if missing.is_empty() {
        assert_eq!(got.exit, 0, "{workbook}: every structure paid, exit 0");
    } else {
        assert_eq!(got.exit, 1, "{workbook}: refused rows, exit 1");
        assert_eq!(
            got.errors.len(),
            missing.len(),
            "{workbook}: one refused row per missing structure: {:?}",
            got.errors
        );
    }
    assert!(
        got.file_errors.is_empty(),
        "{workbook}: {:?}",
        got.file_errors
    );
}

const DIR: &str = "tests/fixtures/workbook";

#[test]
fn formulas_are_read_by_their_stored_result_or_refused() {
    for name in ["xlsx_formulas_openpyxl", "xlsx_formulas_xlsxwriter"] {
        let (xlsx, csv) = (format!("{DIR}/{name}.xlsx"), format!("{DIR}/{name}.csv"));
        same_amounts(&xlsx, &csv, &["E023"]);
        let got = paid(&xlsx);
        assert_eq!(
            got.errors.keys().copied().collect::<Vec<_>>(),
            [2, 3, 7],
            "{name}"
        );
        assert!(
            got.errors.values().all(|c| c == &["E023"]),
            "{name}: {:?}",
            got.errors
        );
    }
    let name = "xlsx_formulas_libreoffice";
    same_amounts(
        &format!("{DIR}/{name}.xlsx"),
        &format!("{DIR}/{name}.csv"),
        &[],
    );
}

#[test]
fn the_sheet_the_person_sees_is_read() {
    for name in [
        "xlsx_hidden_first_sheet",
        "xlsx_hidden_first_sheet_libreoffice",
        "xlsx_readme_first",
    ] {
        same_amounts(
            &format!("{DIR}/{name}.xlsx"),
            &format!("{DIR}/{name}.csv"),
            &[],
        );
    }
}

#[test]
fn hidden_rows_merged_cells_and_title_rows_as_shown() {
    for name in [
        "xlsx_hidden_rows",
        "xlsx_hidden_rows_libreoffice",
        "xlsx_merged",
        "xlsx_merged_libreoffice",
        "xlsx_title_rows",
        "xlsx_title_rows_libreoffice",
    ] {
        same_amounts(
            &format!("{DIR}/{name}.xlsx"),
            &format!("{DIR}/{name}.csv"),
            &[],
        );
    }
    // Excel's French CSV export of the titled table: title, a row of separators, header.
    same_amounts(
        &format!("{DIR}/csv_title_rows.csv"),
        &format!("{DIR}/xlsx_title_rows.csv"),
        &[],
    );
}

/// What the person is told, pinned: exit code and stderr of `check` on each workbook.
#[test]
fn what_each_workbook_says() {
    for name in [
        "xlsx_formulas_openpyxl",
        "xlsx_formulas_xlsxwriter",
        "xlsx_formulas_libreoffice",
        "xlsx_hidden_first_sheet",
        "xlsx_readme_first",
        "xlsx_no_header",
        "xlsx_hidden_rows",
        "xlsx_merged",
        "xlsx_title_rows",
    ] {
        let output = secpa()
            .args([
                "check",
                &format!("{DIR}/{name}.xlsx"),
                "--as-of",
                "2021-10-15",
            ])
            .output()
            .expect("secpa runs");
        assert_snapshot!(format!("workbook_check_{name}"), render(&output));
    }
    let output = secpa()
        .args([
            "check",
            &format!("{DIR}/csv_title_rows.csv"),
            "--as-of",
            "2021-10-15",
        ])
        .output()
        .expect("secpa runs");
    assert_snapshot!("workbook_check_csv_title_rows", render(&output));
}

/// A workbook whose sheets have no header: refused as a file (exit 2), the sheets named.
#[test]
fn no_sheet_with_a_header_names_the_sheets() {
    let got = paid(&format!("{DIR}/xlsx_no_header.xlsx"));
    assert_eq!(got.exit, 2);
    assert!(got.amounts.is_empty());
    assert!(
        got.file_errors.contains(&"E028".to_owned()),
        "{:?}",
        got.file_errors
    );
    let output = secpa()
        .args([
            "compute",
            &format!("{DIR}/xlsx_no_header.xlsx"),
            "--sheet",
            "Feuil2",
        ])
        .output()
        .expect("secpa runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("E028"),
        "a sheet asked for is read: {stderr}"
    );
    assert!(stderr.contains("I027"), "{stderr}");
}

/// The hidden first sheet holds other figures: reading it would pay them. It is read only
/// when asked for by name.
#[test]
fn a_hidden_sheet_is_read_only_when_asked_for() {
    let file = format!("{DIR}/xlsx_hidden_first_sheet.xlsx");
    let shown = paid(&file);
    let output = secpa()
        .args([
            "compute",
            &file,
            "--format",
            "json",
            "--sheet",
            "Ancienne version",
        ])
        .output()
        .expect("secpa runs");
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let hidden_total: Vec<String> = json["structures"]
        .as_array()
        .expect("structures")
        .iter()
        .map(|s| s["total"].to_string())
        .collect();
    let shown_total: Vec<String> = shown.amounts.values().map(|(_, f)| f[4].clone()).collect();
    assert_ne!(
        hidden_total, shown_total,
        "the two sheets differ, so the test can fail"
    );
}
