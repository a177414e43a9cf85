//! `secpa rules lint` through the binary: clean on the shipped rules (a warning and the
//! provisional counts only), and one fixture per error code, each reported with its file,
//! line and key rather than a crash — even for files the loader rejects.

use insta::assert_snapshot;

use crate::{fixture, run};

#[test]
fn shipped_rules_are_clean() {
    let out = run(&["rules", "lint"]);
    assert!(out.starts_with("exit: 0"), "{out}");
    assert_snapshot!("shipped", out);
}

#[test]
fn each_error_code_has_a_fixture() {
    for (code, name) in [
        ("R001", "rules/unknown-key.toml"),
        ("R002", "rules/gap.toml"),
        ("R003", "rules/overlap.toml"),
        ("R005", "rules/missing-source.toml"),
        ("R005", "lint/rounding-without-source.toml"),
        ("R006", "lint/decreasing.toml"),
    ] {
        let out = run(&["rules", "lint", &fixture(name)]);
        assert!(out.starts_with("exit: 1"), "{name}: {out}");
        assert!(out.contains(&format!("erreur {code} :")), "{name}: {out}");
        assert_snapshot!(format!("{code}_{}", name.replace('/', "_")), out);
    }
}

#[test]
fn versions_that_overlap_or_leave_a_gap() {
    let out = run(&[
        "rules",
        "lint",
        "rules/2021-08-01.toml",
        &fixture("lint/overlapping-version.toml"),
        "rules/2025-05-01.toml",
    ]);
    assert!(
        out.contains("erreur R007 :") && out.contains("erreur R008 :"),
        "{out}"
    );
    assert_snapshot!("R007_R008_chain", out);
}
