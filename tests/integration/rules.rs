//! `secpa rules` and invalid rule files through the binary.

use insta::assert_snapshot;

use crate::{fixture, run};

#[test]
fn list_shows_every_embedded_version() {
    let out = run(&["rules", "list"]);
    // Issue 15, item 9: the count is of values declared, each named for people.
    assert!(out.contains("11 déclarées"), "{out}");
    assert!(out.contains("D1, palier 1 000–1 999 patients"), "{out}");
    assert!(!out.contains("dotations.participative"), "{out}");
    assert_snapshot!("rules_list", out);
    assert_snapshot!("rules_list_en", run(&["--lang", "en", "rules", "list"]));
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

/// Issue 15, item 6: the same files rejected with `--lang en`: every problem in English,
/// the loader's refusals included.
#[test]
fn invalid_rule_files_in_english() {
    let mut all = String::new();
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
        let out = run(&[
            "--lang",
            "en",
            "compute",
            &fixture("compute/reference.csv"),
            "--rules",
            &f,
        ]);
        assert!(out.starts_with("exit: 2"), "{name}: {out}");
        crate::lint::assert_english(name, &out);
        all.push_str(&format!("=== {name}\n{out}"));
    }
    assert_snapshot!("invalid_rules_en", all);
}
