//! `secpa rules lint` through the binary: clean on the shipped rules (a warning and the
//! provisional counts only), and one fixture per error code, each reported with its file,
//! line and key rather than a crash — even for files the loader rejects.

use insta::assert_snapshot;
use secpa::diagnostic::prelude::*;

use secpa::diagnostic::Severity;
use secpa::rules::lint::LintCode;
use secpa::Lang;

use crate::{fixture, run};

#[test]
fn shipped_rules_are_clean() {
    let out = run(&["rules", "lint"]);
    assert!(out.starts_with("exit: 0"), "{out}");
    assert_snapshot!("shipped", out);
}

/// `rules lint` on `files` (SECPA_TODAY 2026-11-25 unless `today`): the finding of `code`
/// is there, with its severity, in French, and in English with `--lang en`; the exit code
/// follows the severity. Returns the French output.
fn finds(code: LintCode, files: &[&str], today: Option<&str>) -> String {
    let run_in = |lang: &str| {
        let mut cmd = crate::secpa();
        cmd.args(["--lang", lang, "rules", "lint"]).args(files);
        if let Some(day) = today {
            cmd.env("SECPA_TODAY", day);
        }
        crate::render(&cmd.output().expect("secpa runs"))
    };
    let (fr, en) = (run_in("fr"), run_in("en"));
    let exit = if code.severity() == Severity::Error {
        "exit: 1"
    } else {
        "exit: 0"
    };
    assert!(fr.starts_with(exit), "{files:?}: {fr}");
    let severity = code.severity();
    assert!(
        fr.contains(&format!("{} {code} :", severity.label(Lang::Fr))),
        "{files:?}: {fr}"
    );
    assert!(
        en.contains(&format!("{} {code}:", severity.label(Lang::En))),
        "{files:?}: {en}"
    );
    assert_english(&format!("{code} {files:?}"), &en);
    fr
}

/// One fixture: `rules lint FIXTURE`, pinned as `{code}_{fixture}`.
fn fixture_finds(code: LintCode, name: &str) {
    let out = finds(code, &[&fixture(name)], None);
    assert_snapshot!(format!("{code}_{}", name.replace('/', "_")), out);
}

#[test]
fn r001_unreadable_or_rejected_file() {
    fixture_finds(LintCode::R001, "rules/unknown-key.toml");
}

#[test]
fn r002_gap_in_a_scale() {
    fixture_finds(LintCode::R002, "rules/gap.toml");
}

#[test]
fn r003_overlap_in_a_scale() {
    fixture_finds(LintCode::R003, "rules/overlap.toml");
}

#[test]
fn r004_other_inconsistency() {
    fixture_finds(LintCode::R004, "rules/closed-last-band.toml");
}

#[test]
fn r005_value_without_a_source() {
    fixture_finds(LintCode::R005, "rules/missing-source.toml");
    fixture_finds(LintCode::R005, "lint/rounding-without-source.toml");
}

#[test]
fn r006_decreasing_scale() {
    fixture_finds(LintCode::R006, "lint/decreasing.toml");
}

/// The fixture starts before the end of the shipped 2021-08-01.
#[test]
fn r007_versions_that_overlap() {
    let out = finds(
        LintCode::R007,
        &[
            "rules/2021-08-01.toml",
            &fixture("lint/overlapping-version.toml"),
        ],
        None,
    );
    assert!(!out.contains("R008"), "{out}");
    assert_snapshot!("R007_lint_overlapping-version.toml", out);
}

/// The fixture ends on 2023-12-31, the shipped 2025-05-01 starts 16 months later.
#[test]
fn r008_gap_between_versions() {
    let out = finds(
        LintCode::R008,
        &[
            &fixture("lint/overlapping-version.toml"),
            "rules/2025-05-01.toml",
        ],
        None,
    );
    assert!(!out.contains("R007"), "{out}");
    assert_snapshot!("R008_lint_overlapping-version.toml", out);
}

/// The fixture ends on 2023-12-31: on 2024-01-01 no version is in force.
#[test]
fn r009_the_last_version_has_ended() {
    let out = finds(
        LintCode::R009,
        &[&fixture("lint/overlapping-version.toml")],
        Some("2024-01-01"),
    );
    assert_snapshot!("R009_lint_overlapping-version.toml", out);
    let before = finds(
        LintCode::R010,
        &[&fixture("lint/overlapping-version.toml")],
        Some("2023-12-31"),
    );
    assert!(!before.contains("R009"), "{before}");
}

#[test]
fn r010_provisional_values() {
    fixture_finds(LintCode::R010, "lint/overlapping-version.toml");
}

#[test]
fn r012_unsupported_assumption() {
    fixture_finds(LintCode::R012, "lint/unsupported-assumption.toml");
}

#[test]
fn r013_envelopes_that_overlap() {
    fixture_finds(LintCode::R013, "lint/overlapping-envelopes.toml");
    fixture_finds(LintCode::R013, "lint/multi-year-envelope-overlap.toml");
}

#[test]
fn r014_decimals_above_cents() {
    fixture_finds(LintCode::R014, "lint/decimals-above-cents.toml");
}

/// Each code of `LintCode` has a test of this file named after it (`fn r004_…`), and
/// shows in one of its snapshots.
#[test]
fn every_lint_code_has_its_test_and_snapshot() {
    let source = include_str!("lint.rs");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration/snapshots");
    let snapshots: String = std::fs::read_dir(&dir)
        .expect("snapshots")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("integration__lint__"))
        })
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    for code in LintCode::ALL {
        let name = format!("fn {}_", code.as_str().to_ascii_lowercase());
        assert!(source.contains(&name), "no test {name}… for {code}");
        assert!(
            snapshots.contains(&format!(" {code} :")) || snapshots.contains(&format!(" {code}:")),
            "{code} in no snapshot of rules lint"
        );
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

#[test]
fn r011_inputs_that_never_end_are_cut_at_one_mebibyte() {
    // /dev/zero: rules lint reports R011 among its findings, --rules stops with exit 2.
    let lint = crate::secpa()
        .args(["rules", "lint", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(lint.status.code(), Some(1));
    let text = String::from_utf8_lossy(&lint.stdout);
    assert!(
        text.contains("R011") && text.contains("1 fichier(s) : 1 erreur(s)"),
        "{text}"
    );
    assert_snapshot!("R011_dev_zero", crate::render(&lint));
    let compute = crate::secpa()
        .args([
            "compute",
            "examples/candidatures.csv",
            "--rules",
            "/dev/zero",
        ])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(compute.status.code(), Some(2));
    assert!(compute.stdout.is_empty());
    assert!(String::from_utf8_lossy(&compute.stderr).contains("R011"));
    // A real file just over the limit too.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    let mut text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/2022-02-03.toml"),
    )
    .unwrap();
    while text.len() <= 1024 * 1024 {
        text.push_str("# commentaire de remplissage pour dépasser la limite\n");
    }
    std::fs::write(&big, text).unwrap();
    let lint = crate::secpa()
        .args(["rules", "lint"])
        .arg(&big)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&lint.stdout).contains("R011"));
}

/// A value the loader rejects (a TOML float where a decimal string is expected) hides no
/// other problem: both floats and the gap in the D1 scale are reported in one run.
#[test]
fn a_rejected_value_hides_no_other_problem() {
    let out = run(&["rules", "lint", &fixture("lint/float-and-gap.toml")]);
    assert!(out.starts_with("exit: 1"), "{out}");
    assert_eq!(out.matches("erreur R001 :").count(), 2, "{out}");
    assert!(out.contains("erreur R002 :"), "{out}");
    assert_snapshot!("float_and_gap", out);
}

/// Every rule-file fixture `rules lint` is tried on: the linter's own and the loader's.
fn rule_fixtures() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = ["lint", "rules"]
        .iter()
        .flat_map(|dir| {
            std::fs::read_dir(root.join("tests/fixtures").join(dir))
                .expect("fixture directory")
                .map(|e| format!("{dir}/{}", e.expect("entry").file_name().to_string_lossy()))
                .collect::<Vec<_>>()
        })
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

/// Words and signs only a French text has: French punctuation (« », a space before a colon)
/// and words of the French messages (not "provisoire" alone: a source id of the fixtures,
/// `secpa-provisoire`, is the file's own text and is quoted as is).
pub(crate) const FRENCH_MARKERS: [&str; 13] = [
    "«",
    "»",
    " : ",
    "valeur",
    "barème",
    "trou",
    "tranche",
    "fichier",
    "erreur",
    "chargeur",
    "provisoire(s)",
    "palier",
    "é",
];

pub(crate) fn assert_english(what: &str, out: &str) {
    for marker in FRENCH_MARKERS {
        assert!(
            !out.contains(marker),
            "{what}: French « {marker} » in\n{out}"
        );
    }
}

/// Issue 15, item 6: with `--lang en` every finding, every provisional value's label and the
/// summary line are English, on every fixture; without it they stay French.
#[test]
fn english_with_lang_en_french_without() {
    let mut all = String::new();
    for name in rule_fixtures() {
        let f = fixture(&name);
        let en = run(&["--lang", "en", "rules", "lint", &f]);
        assert_english(&name, &en);
        assert!(en.contains("1 file(s): "), "{name}: {en}");
        all.push_str(&format!("=== {name}\n{en}"));
        let fr = run(&["rules", "lint", &f]);
        assert!(fr.contains("1 fichier(s) : "), "{name}: {fr}");
        assert!(
            !fr.contains("file(s)") && !fr.contains(" error"),
            "{name}: {fr}"
        );
    }
    let chain = run(&[
        "--lang",
        "en",
        "rules",
        "lint",
        "rules/2021-08-01.toml",
        &fixture("lint/overlapping-version.toml"),
        "rules/2025-05-01.toml",
    ]);
    assert_english("chain", &chain);
    assert!(chain.contains("error R007:") && chain.contains("error R008:"));
    assert!(chain.contains("warning R009:"), "{chain}");
    all.push_str(&format!("=== chain\n{chain}"));
    let endless = run(&["--lang", "en", "rules", "lint", "/dev/zero"]);
    assert_english("/dev/zero", &endless);
    assert!(
        endless.contains("error R011: file over 1048576 bytes"),
        "{endless}"
    );
    let shipped = run(&["--lang", "en", "rules", "lint"]);
    assert_english("shipped", &shipped);
    assert!(shipped.contains("D1, step 1,000–1,999 patients [dotations.participative.etp[0]]"));
    assert!(
        !shipped.contains("provisional value(s): rounding,"),
        "{shipped}"
    );
    all.push_str(&format!("=== shipped\n{shipped}"));
    assert_snapshot!("english", all);
}
