//! `secpa test` through the binary: the shipped cases pass, a wrong expectation fails with a
//! readable report, a bad case file is refused with its location (exit 2).

use insta::assert_snapshot;

use crate::{fixture, run};

#[test]
fn shipped_cases_pass() {
    let out = run(&["test", "tests/cases"]);
    assert!(out.starts_with("exit: 0\n"), "{out}");
    assert!(out.contains("\n61 passed, 0 failed\n"), "{out}");
}

#[test]
fn a_wrong_expectation_fails_readably() {
    assert_snapshot!("wrong", run(&["test", &fixture("cases/wrong.toml")]));
}

#[test]
fn bad_case_files_are_refused_with_their_location() {
    for name in [
        "unknown-key",
        "unknown-column",
        "bad-toml",
        "float",
        "unknown-code",
    ] {
        let out = run(&["test", &fixture(&format!("cases/{name}.toml"))]);
        assert!(out.starts_with("exit: 2"), "{name}: {out}");
        assert_snapshot!(format!("bad_{name}"), out);
    }
}

/// `--lang en`: the report of failed cases and the refusal of a case file in English; the
/// last line, which scripts read, is the same in both languages.
#[test]
fn reports_in_english() {
    let out = run(&["--lang", "en", "test", &fixture("cases/wrong.toml")]);
    assert!(out.contains("\n1 passed, 2 failed\n"), "{out}");
    assert_snapshot!("wrong_en", out);
    assert_snapshot!(
        "bad_unknown-column_en",
        run(&[
            "--lang",
            "en",
            "test",
            &fixture("cases/unknown-column.toml")
        ])
    );
}

/// A path that holds no case (an empty or wrong directory, a path that does not exist)
/// stops the run with exit 2 naming each one, instead of "0 passed, 0 failed" and exit 0.
#[test]
fn a_path_without_cases_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    let empty = empty.path().to_str().unwrap().to_owned();
    let out = run(&["test", &empty, "src/report", "tests/cases/absent"]);
    assert!(out.starts_with("exit: 2\n"), "{out}");
    assert!(!out.contains("passed"), "{out}");
    assert_snapshot!("no_case", out.replace(&empty, "[VIDE]"));
    let en = run(&["--lang", "en", "test", "tests/cases/absent"]);
    assert!(en.starts_with("exit: 2\n"), "{en}");
    assert_snapshot!("no_case_en", en);
}
