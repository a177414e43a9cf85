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
        ("R012", "lint/unsupported-assumption.toml"),
        ("R013", "lint/overlapping-envelopes.toml"),
        ("R013", "lint/multi-year-envelope-overlap.toml"),
        ("R014", "lint/decimals-above-cents.toml"),
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
