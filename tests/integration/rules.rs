//! `secpa rules` and invalid rule files through the binary.

use insta::assert_snapshot;

use crate::{fixture, run};

#[test]
fn list_shows_every_embedded_version() {
    assert_snapshot!("rules_list", run(&["rules", "list"]));
}

#[test]
fn show_prints_the_file_and_its_hash() {
    let out = run(&["rules", "show", "2021-08-01"]);
    assert!(
        out.starts_with("exit: 0\n--- stdout\n# rules/2021-08-01.toml — sha256 "),
        "{out}"
    );
    assert!(out.contains("nor = \"SSAH2121501A\""));
    assert_snapshot!("show_unknown", run(&["rules", "show", "1999-01-01"]));
}

#[test]
fn invalid_rule_files_are_rejected_with_file_line_and_key() {
    for name in [
        "unknown-key",
        "float-amount",
        "missing-source",
        "unknown-source",
        "gap",
        "overlap",
        "closed-last-band",
    ] {
        let f = fixture(&format!("rules/{name}.toml"));
        let out = run(&["compute", &fixture("compute/reference.csv"), "--rules", &f]);
        assert!(out.starts_with("exit: 2"), "{name}: {out}");
        assert_snapshot!(format!("invalid_rules_{name}"), out);
    }
}
