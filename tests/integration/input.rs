//! What secpa accepts and refuses in the way people really write candidature files (issue
//! #11, `docs/input.md`): every file of `tests/fixtures/input/` through `compute` and
//! `check`, exit code, stdout and stderr pinned in a snapshot. Each one is read as its
//! author meant it, or refused with a reason: never a silently different amount.

use std::path::Path;

use insta::assert_snapshot;

use crate::bad::{check, compute};
use crate::secpa;

#[test]
fn every_file_of_the_input_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(root.join("tests/fixtures/input"))
        .expect("input corpus directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".md"))
        .collect();
    names.sort();
    for name in names {
        let path = format!("tests/fixtures/input/{name}");
        assert_snapshot!(format!("input_compute_{name}"), compute(root, &path));
        assert_snapshot!(format!("input_check_{name}"), check(root, &path));
    }
}

/// The example's first rows, with French headers, in a workbook written by openpyxl (rates
/// as percentages, ISO date cells, a number stored as text) or saved by LibreOffice, give
/// the CSV's amounts to the cent.
#[test]
fn french_headers_and_workbooks_give_the_same_amounts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let example = std::fs::read_to_string(root.join("examples/candidatures.csv")).unwrap();
    let head: Vec<&str> = example.lines().take(4).collect();
    let canonical = dir.path().join("canonical.csv");
    std::fs::write(&canonical, head.join("\n") + "\n").unwrap();
    let expected = compute(dir.path(), "canonical.csv");
    let amounts = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .map(|l| l.split(',').skip(1).collect::<Vec<_>>().join(","))
            .collect()
    };
    assert!(!amounts(&expected).is_empty(), "{expected}");
    for file in [
        "headers-french.csv",
        "workbook-cells.xlsx",
        "workbook-libreoffice-fr.xlsx",
        "numbers-thousands-settled.csv",
    ] {
        let got = compute(root, &format!("tests/fixtures/input/{file}"));
        assert_eq!(amounts(&got), amounts(&expected), "{file}");
    }
}

/// `--sheet` names a sheet; a CSV file has none. The option is not silently dropped: each
/// CSV file of the run says it was ignored (W018), a workbook of the same batch still reads
/// the sheet, and `--strict` fails the run like any warning (exit 1, rows still checked).
#[test]
fn a_sheet_asked_of_a_csv_file_is_said_ignored() {
    let run = |args: &[&str]| {
        let out = secpa().args(args).output().expect("secpa runs");
        format!(
            "$ secpa {}\nexit: {}\n{}",
            args.join(" "),
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .filter(|l| l.contains("W018") || l.starts_with("secpa"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    };
    let all = [
        run(&[
            "check",
            "examples/candidatures.csv",
            "examples/a-corriger.xlsx",
            "--sheet",
            "Candidatures",
        ]),
        run(&[
            "check",
            "examples/candidatures.csv",
            "--sheet",
            "Candidatures",
            "--strict",
        ]),
        run(&[
            "--lang",
            "en",
            "compute",
            "examples/candidatures.csv",
            "--sheet",
            "Candidatures",
            "--format",
            "csv",
        ]),
    ]
    .join("\n\n");
    assert_snapshot!(all);
}
