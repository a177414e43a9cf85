//! `secpa budget` through the binary: each year's total, envelope and share, the 14 M€
//! envelope split pro rata (and said so), the unknown 2025–2026 envelope left unknown, and no
//! colour when stdout is not a terminal.

use insta::assert_snapshot;

use crate::run;

#[test]
fn examples_table_and_bar_chart() {
    let out = run(&["budget", "examples/candidatures.csv"]);
    assert!(!out.contains('\x1b'), "no colour outside a terminal");
    assert!(out.contains("12/16 = 10 500 000,00 €"), "{out}");
    assert!(out.contains("enveloppe inconnue"), "{out}");
    assert_snapshot!("examples_table", out);
}

#[test]
fn examples_json() {
    assert_snapshot!(
        "examples_json",
        run(&["budget", "examples/candidatures.csv", "--format", "json"])
    );
}

#[test]
fn a_structure_below_the_minimum_fails_the_run_in_every_format() {
    for format in ["table", "json", "html"] {
        let out = run(&[
            "budget",
            "tests/fixtures/budget/not-eligible.csv",
            "--format",
            format,
        ]);
        assert!(out.starts_with("exit: 1"), "{format}: {out}");
        assert!(
            out.contains("not-eligible.csv:3:file_active_mg: erreur E201"),
            "{format}: {out}"
        );
    }
}
