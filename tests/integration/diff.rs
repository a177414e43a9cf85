//! `secpa diff` through the binary: the embedded 2022 → 2024 change (QPV list, envelopes) and
//! a hand-made file with one changed value, which must move exactly the structures it touches.

use insta::assert_snapshot;

use crate::{fixture, run};

const EXAMPLES: &str = "examples/candidatures.csv";

#[test]
fn embedded_2022_to_2024_changes_rule_values_not_amounts() {
    let out = run(&["diff", "2022-02-03", "2024-01-01", EXAMPLES]);
    assert!(out.starts_with("exit: 0"), "{out}");
    assert!(out.contains("eligibility.qpv_list"), "{out}");
    assert!(out.contains("2015 [source arrete-2021-07-09]"), "{out}");
    assert!(
        out.contains("2024 [source decret-2023-1314, provisoire]"),
        "{out}"
    );
    assert_snapshot!("embedded_2022_2024_table", out);
}

#[test]
fn one_changed_value_moves_exactly_the_structures_in_that_band() {
    let f = fixture("diff/d2-band-2.toml");
    let out = run(&["diff", "2022-02-03", &f, EXAMPLES, "--fail-on-change"]);
    assert!(out.starts_with("exit: 1"), "{out}");
    assert_snapshot!("one_value_table", out);
    let en = run(&[
        "--lang",
        "en",
        "diff",
        "2022-02-03",
        &f,
        EXAMPLES,
        "--fail-on-change",
    ]);
    assert_snapshot!("one_value_table_en", en);
    assert_snapshot!(
        "one_value_csv",
        run(&["diff", "2022-02-03", &f, EXAMPLES, "--format", "csv"])
    );
    assert_snapshot!(
        "one_value_year_2022_json",
        run(&[
            "diff",
            "2022-02-03",
            &f,
            EXAMPLES,
            "--year",
            "2022",
            "--format",
            "json"
        ])
    );
}

#[test]
fn unknown_version_lists_the_versions() {
    assert_snapshot!(
        "unknown_version",
        run(&["diff", "2019-01-01", "2024-01-01", EXAMPLES])
    );
}
