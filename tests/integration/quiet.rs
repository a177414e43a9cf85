//! The terminal stays readable: each code in full for its first 20 occurrences in a file,
//! then counted; `--quiet` keeps the errors and the summary; JSON keeps every diagnostic.

use insta::assert_snapshot;

use super::{fixture, run, secpa};

#[test]
fn w216_past_20_is_counted_on_the_terminal() {
    let file = fixture("check/cap-W216.csv");
    let out = run(&["check", &file]);
    assert_eq!(out.matches(" W216 : ").count(), 20, "{out}");
    assert_snapshot!("cap_W216", out);
    assert_snapshot!("cap_W216_en", run(&["--lang", "en", "check", &file]));
}

#[test]
fn quiet_keeps_errors_and_the_summary() {
    let file = fixture("check/cap-W216.csv");
    assert_snapshot!("quiet_check", run(&["check", &file, "--quiet"]));
    let compute = secpa()
        .args(["compute", &file, "--quiet", "--format", "csv"])
        .output()
        .expect("secpa runs");
    let stderr = String::from_utf8_lossy(&compute.stderr);
    assert_eq!(stderr.matches(" E110 : ").count(), 2, "{stderr}");
    assert!(!stderr.contains(" W216 : "), "{stderr}");
}

#[test]
fn json_keeps_every_diagnostic() {
    let file = fixture("check/cap-W216.csv");
    let out = secpa()
        .args(["check", &file, "--quiet", "--format", "json"])
        .output()
        .expect("secpa runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let diagnostics = json["files"][0]["diagnostics"].as_array().expect("array");
    let w216 = diagnostics.iter().filter(|d| d["code"] == "W216").count();
    // With the file's I227 (the optional activity columns are absent).
    assert_eq!((w216, diagnostics.len()), (27, 30));
}
