//! `--output` through the binary: atomic (a failed or killed run leaves the previous file
//! or none, and no temporary file after a failure), never over an input, and CSV formulas
//! neutralised while JSON stays exact.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::{fixture, secpa};

/// The binary as a `std::process::Command`, to redirect stdout and to spawn and kill it.
fn process() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("secpa"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SECPA_TODAY", "2026-11-25");
    cmd
}

const HEADER: &str =
    "finess,nom,file_active_mg,taux_pauvrete,accord_ars_psy,montant_psy_demande,date_entree\n";

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_rename_leaves_the_directory_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a directory: the temporary file is written, the rename fails.
    std::fs::create_dir(dir.path().join("out.csv")).unwrap();
    let input = std::fs::canonicalize(fixture("compute/reference.csv")).unwrap();
    let out = secpa()
        .current_dir(dir.path())
        .args([
            "compute",
            input.to_str().unwrap(),
            "--format",
            "csv",
            "--output",
            "out.csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(names(dir.path()), ["out.csv"], "no temporary file left");
    assert!(dir.path().join("out.csv").is_dir());
}

#[test]
fn a_missing_directory_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("absent").join("out.csv");
    let out = secpa()
        .args(["compute", &fixture("compute/reference.csv"), "--output"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(names(dir.path()).is_empty());
}

#[test]
fn a_full_disk_on_stdout_is_an_error_not_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not on this system
    };
    let out = process()
        .args([
            "compute",
            &fixture("compute/reference.csv"),
            "--format",
            "csv",
        ])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdout>"));
}

#[test]
fn the_input_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    let bytes = std::fs::read(fixture("compute/reference.csv")).unwrap();
    std::fs::write(&input, &bytes).unwrap();
    for target in [input.clone(), dir.path().join(".").join("in.csv")] {
        let out = secpa()
            .arg("compute")
            .arg(&input)
            .arg("--output")
            .arg(&target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("fichier d'entrée"));
    }
    assert_eq!(std::fs::read(&input).unwrap(), bytes);
    assert_eq!(names(dir.path()), ["in.csv"]);
}

/// A run killed while writing a large output leaves the previous file whole (or none):
/// the output is renamed into place only once complete.
#[test]
fn a_killed_run_leaves_the_previous_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.csv");
    let mut text = String::from(HEADER);
    for i in 0..300_000 {
        text.push_str(&format!(
            "{i},Structure {i},{},\"37,5\",oui,70000,2022-03-01\n",
            1000 + i % 6000
        ));
    }
    std::fs::write(&input, text).unwrap();
    let target = dir.path().join("out.csv");
    std::fs::write(&target, b"previous complete file\n").unwrap();
    let mut killed_midway = 0;
    for delay in [20, 80, 200] {
        let mut child = process()
            .arg("compute")
            .arg(&input)
            .args(["--as-of", "2022-03-01", "--format", "csv", "--output"])
            .arg(&target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL: no handler runs, the worst case
        let _ = child.wait();
        let now = std::fs::read(&target).unwrap();
        let previous = now == b"previous complete file\n";
        let complete = now.ends_with(b"\n") && now.split(|&b| b == b'\n').count() == 300_002;
        assert!(previous || complete, "partial output after {delay} ms");
        killed_midway += usize::from(previous);
        // A SIGKILL can leave the hidden temporary file: never under the target's name.
        for name in names(dir.path()) {
            assert!(
                ["big.csv", "out.csv"].contains(&name.as_str())
                    || (name.starts_with(".secpa-") && name.ends_with(".tmp")),
                "{name}"
            );
        }
    }
    assert!(
        killed_midway > 0,
        "no run was killed before its end: the test proves nothing"
    );
}

#[test]
fn csv_neutralises_formulas_json_stays_exact() {
    let f = fixture("bad/formula-injection.csv");
    let csv = secpa()
        .args(["compute", &f, "--as-of", "2022-03-01", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    for cell in [
        "'=1+1",
        "\"'=HYPERLINK(",
        "'+SUM(A1)",
        "'-2+3",
        "'@SUM(A1:A9)",
    ] {
        assert!(csv.contains(cell), "{cell} in\n{csv}");
    }
    let excel = secpa()
        .args(["compute", &f, "--as-of", "2022-03-01", "--excel"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&excel.stdout).contains(";'@SUM(A1:A9);"));
    let json = secpa()
        .args(["compute", &f, "--as-of", "2022-03-01", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let noms: Vec<&str> = doc["structures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["nom"].as_str().unwrap())
        .collect();
    assert_eq!(
        noms[..5],
        [
            "=1+1",
            "=HYPERLINK(\"http://exemple.invalid\",\"clic\")",
            "+SUM(A1)",
            "-2+3",
            "@SUM(A1:A9)"
        ]
    );
}
