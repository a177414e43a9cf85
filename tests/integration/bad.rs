//! The bad-input corpus (`tests/fixtures/bad/`, written by `scripts/make_bad_fixtures.py`)
//! and the large malformed files generated here: `compute` and `check` on each one, exit
//! code, stdout and stderr pinned in a snapshot. Whatever the input: exit 0, 1 or 2 and the
//! same in every format, never a panic or a signal, and every diagnostic about a row says
//! which row.

use std::path::Path;

use insta::assert_snapshot;
use secpa::diagnostic::Code;

use crate::{render, secpa};

/// Whether the code of a JSON diagnostic is about the whole file (encoding, emptiness,
/// header, the workbook as a whole), which may have no row: the type says which.
fn file_level(code: &str) -> bool {
    code.parse::<Code>().is_ok_and(Code::file_level)
}

/// Runs `compute` on `file` (relative to `dir`) as the snapshot shows it, and checks the
/// invariants on its JSON output.
pub(crate) fn compute(dir: &Path, file: &str) -> String {
    let args = ["compute", file, "--year", "2022", "--format", "csv"];
    let output = secpa()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("secpa runs");
    let code = output.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "{file}: exit {code:?} (a panic is 101, a signal none)\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = secpa()
        .current_dir(dir)
        .args(["compute", file, "--year", "2022", "--format", "json"])
        .output()
        .expect("secpa runs");
    assert_eq!(json.status.code(), code, "{file}: same exit code in JSON");
    if code != Some(2) {
        let doc: serde_json::Value =
            serde_json::from_slice(&json.stdout).expect("JSON output parses");
        let arrays = ["errors", "warnings", "notes"];
        for e in arrays.iter().flat_map(|a| {
            doc[a]
                .as_array()
                .expect("errors, warnings and notes arrays")
        }) {
            let code = e["code"].as_str().unwrap_or_default();
            assert!(
                e["row"].is_u64() || file_level(code),
                "{file}: diagnostic without a row: {e}"
            );
        }
    }
    render(&output)
}

/// Runs `check` on `file` (relative to `dir`) as the snapshot shows it (human format), and
/// checks the invariants on its JSON output: same exit code, every diagnostic located.
pub(crate) fn check(dir: &Path, file: &str) -> String {
    let args = ["check", file, "--as-of", "2021-10-15"];
    let output = secpa()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("secpa runs");
    let code = output.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "check {file}: exit {code:?} (a panic is 101, a signal none)\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = secpa()
        .current_dir(dir)
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("secpa runs");
    assert_eq!(
        json.status.code(),
        code,
        "check {file}: same exit code in JSON"
    );
    if code != Some(2) {
        let doc: serde_json::Value =
            serde_json::from_slice(&json.stdout).expect("JSON output parses");
        let files = doc["files"].as_array().expect("files array");
        assert_eq!(files.len(), 1, "check {file}: one file");
        for d in files[0]["diagnostics"]
            .as_array()
            .expect("diagnostics array")
        {
            let c = d["code"].as_str().unwrap_or_default();
            assert!(
                d["row"].is_u64() || file_level(c),
                "check {file}: diagnostic without a row: {d}"
            );
        }
        let errors = doc["errors"].as_u64().expect("errors count");
        assert_eq!(
            code == Some(1),
            errors > 0,
            "check {file}: exit 1 exactly when there is an error"
        );
    }
    render(&output)
}

#[test]
fn every_file_of_the_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(root.join("tests/fixtures/bad"))
        .expect("corpus directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 30, "the corpus has {} files", names.len());
    for name in names {
        let path = format!("tests/fixtures/bad/{name}");
        assert_snapshot!(format!("bad_{name}"), compute(root, &path));
        assert_snapshot!(format!("check_{name}"), check(root, &path));
    }
}

/// Files too large to commit, built in a temporary directory and run from there so the
/// snapshot shows only their name.
#[test]
fn generated_large_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let header =
        "finess,nom,file_active_mg,taux_pauvrete,accord_ars_psy,montant_psy_demande,date_entree\n";
    let good = "590000154,Bonne,2500,20,oui,70000,2022-03-01\n";
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("field-10mb.csv", {
            let mut b = format!("{header}{good}1,").into_bytes();
            b.extend(std::iter::repeat_n(b'x', 10 << 20));
            b.extend(format!(",2500,20,oui,,2022-03-01\n{good}").bytes());
            b
        }),
        ("field-60kb-under-limit.csv", {
            let mut b = format!("{header}1,A,").into_bytes();
            b.extend(std::iter::repeat_n(b'9', 60_000));
            b.extend(format!(",20,oui,,2022-03-01\n{good}").bytes());
            b
        }),
        ("columns-100000.csv", {
            let mut b = header.trim_end().as_bytes().to_vec();
            b.extend(",extra".repeat(100_000).bytes());
            b.push(b'\n');
            b.extend(good.trim_end().bytes());
            b.extend(",".repeat(100_000).bytes());
            b.push(b'\n');
            b
        }),
        ("cells-1001-in-a-row.csv", {
            let mut b = format!("{header}{}", good.trim_end()).into_bytes();
            b.extend(",".repeat(1001 - 7).bytes());
            b.extend(format!("\n{good}").bytes());
            b
        }),
        ("row-2mb.csv", {
            let mut b = format!("{header}{}", good.trim_end()).into_bytes();
            for _ in 0..1000 {
                b.push(b',');
                b.extend(std::iter::repeat_n(b'y', 2048));
            }
            b.extend(format!("\n{good}").bytes());
            b
        }),
        ("quote-open-over-1mb.csv", {
            let mut b =
                format!("{header}{good}2,\"Sans fin,2500,20,oui,,2022-03-01\n").into_bytes();
            for _ in 0..30_000 {
                b.extend(good.bytes());
            }
            b
        }),
    ];
    for (name, bytes) in cases {
        std::fs::write(dir.path().join(name), bytes).expect("write");
        assert_snapshot!(format!("bad_generated_{name}"), compute(dir.path(), name));
        assert_snapshot!(format!("check_generated_{name}"), check(dir.path(), name));
    }
    // A 250 MiB file that starts as a workbook (sparse: nothing is written). It used to be
    // read whole into memory before any zip check; now its size alone refuses it (E022).
    let name = "workbook-250mb.xlsx";
    let workbook = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/candidatures.xlsx");
    std::fs::copy(workbook, dir.path().join(name)).expect("copy");
    std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join(name))
        .and_then(|f| f.set_len(250 << 20))
        .expect("extend");
    assert_snapshot!(format!("bad_generated_{name}"), compute(dir.path(), name));
    assert_snapshot!(format!("check_generated_{name}"), check(dir.path(), name));
}
