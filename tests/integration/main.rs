//! Integration tests: the real binary on files in `tests/fixtures/`, with exit code, stdout
//! and stderr pinned together in one insta snapshot (reviewed, not blindly accepted).

mod activite;
mod bad;
mod budget;
mod check;
mod cli;
mod code_tests;
mod codes;
mod columns;
mod compute;
mod diff;
mod english;
mod explain;
mod generated;
mod html;
mod input;
mod lint;
#[path = "../mutate/mod.rs"]
mod mutate;
mod output;
mod pipeline;
mod quiet;
mod quotes_numbers;
mod readme;
mod robustness;
mod rules;
mod semantic;
mod template;
mod test_cmd;
mod values;
mod web;
mod words;
mod workbook;
mod workbook_ods;
mod workbook_rows;

use std::path::Path;

use assert_cmd::Command;

/// The binary, run from the repository root on a fixed "today" so outputs never flap.
pub fn secpa() -> Command {
    let mut cmd = Command::cargo_bin("secpa").expect("binary built by cargo");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SECPA_TODAY", "2026-11-25")
        .env_remove("NO_COLOR")
        .env_remove("SECPA_COLUMNS");
    cmd
}

/// Runs `secpa args…` and renders what a user sees: exit code, stdout, stderr.
pub fn run(args: &[&str]) -> String {
    let output = secpa().args(args).output().expect("secpa runs");
    render(&output)
}

/// Exit code, stdout and stderr in one text, for snapshots.
pub fn render(output: &std::process::Output) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".to_owned(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The exit code of `secpa args…`.
pub fn code(args: &[&str]) -> i32 {
    secpa()
        .args(args)
        .output()
        .expect("secpa runs")
        .status
        .code()
        .unwrap_or(-1)
}

/// Path of a fixture, relative to the repository root.
pub fn fixture(name: &str) -> String {
    let path = Path::new("tests/fixtures").join(name);
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(&path).exists(),
        "missing fixture {name}"
    );
    path.display().to_string()
}

/// The embedded rule files, as paths from the crate's root, oldest first.
pub fn rules_files() -> Vec<String> {
    let mut files: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
            .expect("rules/")
            .map(|e| format!("rules/{}", e.expect("entry").file_name().to_string_lossy()))
            .filter(|n| n.ends_with(".toml"))
            .collect();
    files.sort();
    files
}
