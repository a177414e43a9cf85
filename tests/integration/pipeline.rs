//! One pipeline (issue 10): every command reads a row the same way from every format,
//! compute pays nothing check refuses, an unusable file exits 2 and writes nothing, and a
//! closed or full stderr never panics.

use std::io::Write;
use std::process::Stdio;

use insta::assert_snapshot;
use serde_json::Value;

use crate::{fixture, run, secpa};

/// The examples in every format a coordinator's spreadsheet saves; `-` is the CSV on stdin.
const FORMATS: [&str; 5] = [
    "examples/candidatures.csv",
    "examples/candidatures-excel.csv",
    "examples/candidatures.xlsx",
    "examples/candidatures.ods",
    "-",
];

/// A command's JSON on one input, with what legitimately differs between formats removed:
/// the file's name and the raw cells quoted in diagnostics ("Partiel" / "partiel").
fn json(args: &[&str], input: &str) -> Value {
    let args: Vec<&str> = args
        .iter()
        .map(|a| if *a == "FILE" { input } else { a })
        .collect();
    let mut cmd = secpa();
    cmd.args(&args);
    if input == "-" {
        let csv = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/candidatures.csv"),
        )
        .unwrap();
        cmd.write_stdin(csv);
    }
    let out = cmd.output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut doc: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {:?}", out.stdout));
    scrub(&mut doc);
    doc
}

fn scrub(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                // Headers as written differ from one format to another (keys in the CSV,
                // French labels in the workbooks): same columns, same letters.
                if matches!(key.as_str(), "file" | "path" | "value" | "raw" | "header") {
                    *value = Value::Null;
                } else {
                    scrub(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(scrub),
        _ => {}
    }
}

#[test]
fn every_command_gives_the_same_result_from_every_format() {
    let commands: [&[&str]; 6] = [
        &["check", "FILE", "--format", "json"],
        &["compute", "FILE", "--format", "json"],
        &["compute", "FILE", "--year", "2022", "--format", "json"],
        &["explain", "FILE", "--row", "16", "--format", "json"],
        &[
            "diff",
            "2022-02-03",
            "2024-01-01",
            "FILE",
            "--format",
            "json",
        ],
        &["budget", "FILE", "--format", "json"],
    ];
    for args in commands {
        let csv = json(args, FORMATS[0]);
        for input in &FORMATS[1..] {
            assert_eq!(json(args, input), csv, "{args:?} on {input}");
        }
    }
    // Not vacuous: the 26 structures are there, and computed.
    let compute = json(commands[1], FORMATS[3]);
    assert_eq!(compute["structures"].as_array().unwrap().len(), 26);
    assert_eq!(compute["total"], "9331280.00");
}

#[test]
fn compute_never_pays_what_check_refuses() {
    let f = fixture("pipeline/refused.csv");
    // A Pharmacie without tiers payant, a FINESS that lost its leading zero, the same
    // FINESS twice: only the first, valid row is paid; the others are listed; exit 1.
    assert_snapshot!(
        "refused_compute",
        run(&["compute", &f, "--as-of", "2022-03-01", "--format", "csv"])
    );
    let check = run(&["check", &f]);
    for (row, code) in [(3, "E104"), (3, "E209"), (4, "E301"), (5, "E009")] {
        assert!(check.contains(&format!("refused.csv:{row}:")), "{check}");
        assert!(check.contains(code), "{code}: {check}");
    }
    assert!(check.starts_with("exit: 1"), "{check}");
    // budget counts the one structure paid, not four.
    let budget = secpa()
        .args(["budget", &f, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(budget.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&budget.stdout).unwrap();
    assert_eq!(doc["structures"], 1, "{doc}");
}

#[test]
fn a_quick_simulation_file_is_computed_and_says_eligibility_was_not_checked() {
    let f = fixture("compute/reference.csv");
    let table = run(&["compute", &f, "--as-of", "2022-03-01"]);
    assert!(table.starts_with("exit: 0"), "{table}");
    assert!(table.contains(
        "Éligibilité NON contrôlée : colonnes absentes : Type de structure, Code commune INSEE"
    ));
    assert!(table.contains("secpa: attention : éligibilité NON contrôlée"));
    let en = run(&["--lang", "en", "compute", &f, "--as-of", "2022-03-01"]);
    assert!(en.contains(
        "Eligibility NOT checked: absent columns: Type de structure, Code commune INSEE"
    ));
    let out = secpa()
        .args(["compute", &f, "--as-of", "2022-03-01", "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let unchecked = doc["eligibility_unchecked"].as_array().unwrap();
    // 19 required columns, and the two optional columns of the activity conditions.
    assert_eq!(unchecked.len(), 21, "{unchecked:?}");
    let html = run(&["compute", &f, "--as-of", "2022-03-01", "--format", "html"]);
    assert!(html.contains("Éligibilité non contrôlée :"), "{html}");
    // A full candidature file says nothing of the kind (its optional activity columns
    // included: issue 21).
    let full = run(&[
        "compute",
        &fixture("activite/conditions.csv"),
        "--format",
        "json",
    ]);
    assert!(full.contains("\"eligibility_unchecked\": []"), "{full}");
    assert!(!full.contains("NON contrôlée"));
    // Without them, only they are said.
    let examples = run(&["compute", "examples/candidatures.csv", "--format", "json"]);
    assert!(
        examples.contains("\"eligibility_unchecked\": [\n    \"activite_majoritaire_medecine_generale\",\n    \"activite_paramedicale\"\n  ]"),
        "{examples}"
    );
}

#[test]
fn unusable_files_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("kept.csv");
    for (input, code) in [
        ("bad/empty.csv", "E002"),
        ("bad/utf16-le-bom.csv", "E001"),
        ("bad/header-only.csv", "E003"),
        ("bad/missing-columns.csv", "E005"),
        ("bad/duplicate-headers.csv", "E007"),
        ("bad/absent.csv", "E015"),
    ] {
        let path = std::path::Path::new("tests/fixtures").join(input);
        let input = path.to_str().unwrap();
        for format in ["csv", "json", "table", "html"] {
            let fresh = dir.path().join(format!("out.{format}"));
            let out = secpa()
                .args(["compute", input, "--format", format, "-o"])
                .arg(&fresh)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{input} {format}");
            assert!(
                String::from_utf8_lossy(&out.stderr).contains(code),
                "{input}"
            );
            assert!(!fresh.exists(), "{input} {format}: an output was written");
            // An existing output is left as it was.
            std::fs::write(&kept, "avant").unwrap();
            let out = secpa()
                .args(["compute", input, "--format", format, "-o"])
                .arg(&kept)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2));
            assert_eq!(std::fs::read_to_string(&kept).unwrap(), "avant");
        }
        for command in [
            &["check", input][..],
            &["explain", input],
            &["budget", input],
            &["diff", "2022-02-03", "2024-01-01", input],
        ] {
            let out = secpa().args(command).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{command:?}");
        }
    }
    // Rows with errors are not "unusable": exit 1.
    let out = secpa()
        .args([
            "compute",
            &fixture("compute/bad-rows.csv"),
            "--year",
            "2022",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

/// Many diagnostics, so that stderr is written long after a reader went away.
fn many_errors() -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    writeln!(f, "finess,nom,file_active_mg,taux_pauvrete,accord_ars_psy").unwrap();
    for i in 0..20_000 {
        writeln!(f, "{i},Structure {i},deux mille,cent,peut-être").unwrap();
    }
    f
}

#[test]
fn a_closed_stderr_is_a_quiet_stop_never_a_panic() {
    let input = many_errors();
    for command in [&["check"][..], &["compute", "--format", "csv"]] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("secpa"))
            .args(command)
            .arg(input.path())
            .env("SECPA_TODAY", "2026-11-25")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // `secpa check big.csv 2>&1 | head`: the reader stops after a few bytes.
        let mut stderr = child.stderr.take().unwrap();
        let mut head = [0u8; 16];
        let _ = std::io::Read::read(&mut stderr, &mut head);
        drop(stderr);
        let status = child.wait().unwrap();
        assert_ne!(status.code(), Some(101), "{command:?} panicked");
        assert!(status.code().is_some(), "{command:?} killed by a signal");
    }
}

#[test]
fn a_full_stderr_is_not_a_panic() {
    let input = many_errors();
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no /dev/full on this system: nothing to test
    };
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin!("secpa"))
        .arg("check")
        .arg(input.path())
        .env("SECPA_TODAY", "2026-11-25")
        .stdout(Stdio::null())
        .stderr(full)
        .status()
        .unwrap();
    // The file lacks check's columns (exit 2), and every row has errors: thousands of
    // lines to a device that takes none, and still an exit code, not a panic (101).
    assert_eq!(status.code(), Some(2));
}

#[test]
fn the_examples_check_clean_today_judged_on_their_filing_dates() {
    // 2015 QPV codes, filed in 2021: judged by the rules of 2021, not today's 2024 list.
    let out = run(&["check", "examples/candidatures.csv"]);
    assert!(out.starts_with("exit: 0"), "{out}");
    assert!(out.contains("26 éligibles, 0 erreur"), "{out}");
    assert!(!out.contains("E206"), "{out}");
}

#[test]
fn the_html_page_lists_the_first_thousand_diagnostics_and_counts_the_rest() {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    writeln!(f, "file_active_mg,taux_pauvrete,accord_ars_psy").unwrap();
    for _ in 0..1500 {
        writeln!(f, "deux mille,20,non").unwrap();
    }
    let out = secpa()
        .args(["compute", "--format", "html"])
        .arg(f.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let html = String::from_utf8(out.stdout).unwrap();
    // The file's I227 (optional activity columns absent) first, then 999 of the E101.
    assert_eq!(html.matches("<td>I227</td>").count(), 1);
    assert_eq!(html.matches("<td>E101</td>").count(), 999);
    assert!(html.contains("… et 501 autres diagnostics"), "{html}");
    // stderr writes the first 20 in full and counts the others.
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches(" E101 : ").count(), 20);
    assert!(stderr.contains(": … et 1 480 autres E101\n"), "{stderr}");
}

#[test]
fn an_input_that_never_ends_is_cut_with_an_error() {
    // /dev/zero cannot be read twice: it is copied aside up to 1 GiB, then refused (E015).
    let out = secpa()
        .args(["check", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("E015") && stderr.contains("1 Gio"),
        "{stderr}"
    );
}
