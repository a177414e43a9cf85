//! `secpa explain` through the binary: the trace of the reference structure, and the proof
//! that explain ends on exactly the amounts `compute` gives, for every example structure.

use insta::assert_snapshot;
use serde_json::Value;

use crate::{run, secpa};

const EXAMPLES: &str = "examples/candidatures.csv";

fn json(args: &[&str]) -> Value {
    let out = secpa().args(args).output().expect("secpa runs");
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn abej_structure_annual_text() {
    let out = run(&["explain", EXAMPLES, "--row", "16", "--as-of", "2022-03-01"]);
    // Issue 5: D3 shows 22 800 € with its source and the 2,5 factor.
    assert!(out.contains("facteur : file active / 1 000 = 2,5"), "{out}");
    assert!(out.contains("2,5 × 22 800 € pour 1 000 patients = 57 000 € par an"));
    assert!(out.contains("« sur la base de 22 800 € par an pour 1000 patients »"));
    assert!(out.contains("= 373 000,00 €"));
    assert_snapshot!("abej_annual_text", out);
}

/// `--lang en`: the whole trace in English, figures and sources as in French.
#[test]
fn abej_structure_annual_text_en() {
    let out = run(&[
        "--lang",
        "en",
        "explain",
        EXAMPLES,
        "--row",
        "16",
        "--as-of",
        "2022-03-01",
    ]);
    assert!(out.contains("factor: file active / 1,000 = 2.5"), "{out}");
    assert!(out.contains("= €373,000.00"));
    assert_snapshot!("abej_annual_text_en", out);
}

/// A year across two versions, in English: the months of each version and the pro rata.
#[test]
fn a_year_across_versions_text_en() {
    let out = run(&[
        "--lang", "en", "explain", EXAMPLES, "--row", "3", "--year", "2022",
    ]);
    assert!(out.contains("rules 2021-08-01, 2 months of 12:"), "{out}");
    assert!(out.contains("rules 2022-02-03, 10 months of 12:"), "{out}");
    assert_snapshot!("village_year_2022_text_en", out);
}

#[test]
fn abej_structure_year_json() {
    assert_snapshot!(
        "abej_year_2022_json",
        run(&[
            "explain",
            EXAMPLES,
            "--finess",
            "590000154",
            "--year",
            "2022",
            "--format",
            "json"
        ])
    );
}

#[test]
fn explain_ends_on_compute_amounts_for_every_structure() {
    for extra in [
        ["--as-of", "2022-03-01"],
        ["--year", "2022"],
        ["--year", "2024"],
    ] {
        let mut c = vec!["compute", EXAMPLES, "--format", "json"];
        c.extend(extra);
        let mut e = vec!["explain", EXAMPLES, "--format", "json"];
        e.extend(extra);
        let (computed, explained) = (json(&c), json(&e));
        let computed = computed["structures"].as_array().expect("structures");
        let explained = explained["structures"].as_array().expect("structures");
        assert_eq!(computed.len(), 26);
        assert_eq!(computed.len(), explained.len());
        for (c, e) in computed.iter().zip(explained) {
            assert_eq!(c["row"], e["row"]);
            assert_eq!(c["total"], e["total"], "row {}", c["row"]);
            for d in e["dotations"].as_array().expect("dotations") {
                let name = d["dotation"].as_str().expect("name");
                assert_eq!(
                    c["dotations"][name], d["amount"],
                    "row {} {name} {extra:?}",
                    c["row"]
                );
            }
        }
    }
}

#[test]
fn a_row_that_is_not_in_the_file() {
    assert_snapshot!(
        "row_not_found",
        run(&["explain", EXAMPLES, "--row", "99", "--as-of", "2022-03-01"])
    );
}

/// Issue 15, item 9: the header row is named as such, not "no structure".
#[test]
fn row_1_is_the_header() {
    let out = run(&["explain", EXAMPLES, "--row", "1"]);
    assert!(out.starts_with("exit: 2"), "{out}");
    assert!(out.contains("ligne d'en-tête"), "{out}");
    assert_snapshot!("row_1_is_the_header", out);
}

/// Issue 15, items 9 and 6: an amount before rounding is shown with the rule's decimals + 2
/// at most (« ≈ » when digits are cut, said on the line), and the rounding mode in words,
/// in French and in English.
#[test]
fn unrounded_amounts_and_rounding_mode_in_words() {
    let out = run(&["explain", EXAMPLES, "--row", "16", "--year", "2022"]);
    assert!(
        out.contains("100 000 € × 10/12 ≈ 83 333,3333 € avant arrondi (affiché à 4 décimales"),
        "{out}"
    );
    assert!(!out.contains("83 333,33333"), "{out}");
    assert!(!out.contains("HalfAwayFromZero"), "{out}");
    assert!(
        out.contains("au plus proche, le demi s'éloignant de zéro"),
        "{out}"
    );
    assert_snapshot!("abej_year_2022_text_fr", out);
    let en = run(&[
        "--lang", "en", "explain", EXAMPLES, "--row", "16", "--year", "2022",
    ]);
    assert!(
        en.contains("≈ €83,333.3333 before rounding (shown with 4 decimals"),
        "{en}"
    );
    assert!(en.contains("to the nearest, half away from zero"), "{en}");
    assert!(
        !en.contains("HalfAwayFromZero") && !en.contains("décimales"),
        "{en}"
    );
}
