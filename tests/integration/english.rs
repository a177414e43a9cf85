//! `--lang en` writes numbers the English way (issue 22, item 5): €150,000.00, 1,000, 14.6 %,
//! bands `[4,000; 5,000)`. Every English output for people is scanned for a French-formatted
//! number; what is quoted from the rule files' French texts (notes, references, source
//! titles, the TOML that `rules show` prints) is French on purpose and left out.

use insta::assert_snapshot;

use super::{fixture, run, secpa};

const EXAMPLES: &str = "examples/candidatures.csv";

/// The French-formatted numbers of `text`: a digit, a space (regular, no-break or narrow
/// no-break) and a group of exactly three digits ("150 000"); a decimal comma ("14,6",
/// "0,00": a comma followed by other than three digits); a number followed by « € »
/// ("66 000 €", "10 €").
fn french_numbers(text: &str) -> Vec<String> {
    let c: Vec<char> = text.chars().collect();
    let digit = |i: usize| c.get(i).is_some_and(|x| x.is_ascii_digit());
    let space = |i: usize| matches!(c.get(i), Some(' ' | '\u{a0}' | '\u{202f}'));
    let mut found = Vec::new();
    let around = |i: usize| {
        let (a, b) = (i.saturating_sub(12), (i + 12).min(c.len()));
        c[a..b].iter().collect::<String>()
    };
    for i in 0..c.len() {
        if !digit(i) {
            continue;
        }
        let grouped = space(i + 1) && digit(i + 2) && digit(i + 3) && digit(i + 4) && !digit(i + 5);
        let comma = c.get(i + 1) == Some(&',') && digit(i + 2) && {
            let run = (i + 2..c.len()).take_while(|&j| digit(j)).count();
            run != 3
        };
        let euro = c.get(i + 1) == Some(&'€') || (space(i + 1) && c.get(i + 2) == Some(&'€'));
        if grouped || comma || euro {
            found.push(around(i));
        }
    }
    found
}

#[test]
fn the_scanner_finds_french_numbers_and_not_english_ones() {
    for french in [
        "150 000,00 €",
        "1\u{202f}000",
        "14,6 %",
        "10 €",
        "[4000 ; 5000[ → 0,5",
    ] {
        assert!(!french_numbers(french).is_empty(), "{french}");
    }
    for english in [
        "€150,000.00",
        "1,000 patients",
        "14.6 %",
        "€10 per patient",
        "[4,000; 5,000) → 5",
        "row 2, column H",
        "2021-08-01",
        "+€1,234,567.89",
    ] {
        assert_eq!(french_numbers(english), Vec::<String>::new(), "{english}");
    }
}

/// What a command writes for people, less the French texts it quotes from the rule files.
fn english_output(args: &[&str]) -> String {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    let out = secpa().args(&all).output().expect("secpa runs");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{args:?}: {}",
        super::render(&out)
    );
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let quoted = |l: &str| {
        let l = l.trim_start();
        // References and source titles quote the French texts; rule-file notes likewise.
        l.starts_with("reference:")
            || l.starts_with("source:")
            || l.starts_with("\"reference\"")
            || l.starts_with("\"source\"")
            || l.starts_with("\"note\"")
            || l.starts_with("missing source (in French):")
            || l.starts_with("#     missing source (in French):")
    };
    let text: Vec<&str> = if args.first() == Some(&"rules") && args.get(1) == Some(&"show") {
        // The TOML file itself, after its comment header, is the rule file as written.
        text.lines().take_while(|l| l.starts_with('#')).collect()
    } else {
        text.lines().filter(|l| !quoted(l)).collect()
    };
    let mut text = text.join("\n");
    if args.contains(&"html") {
        // Attributes (viewBox="0 0 480 24") are not numbers for people.
        let mut plain = String::new();
        let mut inside = false;
        for ch in text.chars() {
            match ch {
                // A tag parts two cells: a line end, which no number spans.
                '<' => {
                    inside = true;
                    plain.push('\n');
                }
                '>' => inside = false,
                _ if !inside => plain.push(ch),
                _ => {}
            }
        }
        text = plain;
    }
    text
}

#[test]
fn english_outputs_write_no_french_number() {
    let band = fixture("diff/d2-band-2.toml");
    let mut commands: Vec<Vec<&str>> = vec![
        vec![
            "check",
            EXAMPLES,
            "tests/fixtures/check/eligibility-E2xx.csv",
        ],
        vec!["check", "--format", "json", EXAMPLES],
        vec!["compute", EXAMPLES],
        vec!["compute", "--format", "json", EXAMPLES],
        vec!["compute", "--format", "html", EXAMPLES],
        vec!["compute", "--year", "2023", EXAMPLES],
        vec!["explain", EXAMPLES],
        vec!["explain", EXAMPLES, "--year", "2022", "--row", "3"],
        vec!["diff", "2022-02-03", "2024-01-01", EXAMPLES],
        vec!["diff", "2022-02-03", &band, EXAMPLES],
        vec!["diff", "2022-02-03", &band, EXAMPLES, "--format", "json"],
        vec!["diff", "2022-02-03", &band, EXAMPLES, "--year", "2022"],
        vec!["budget", EXAMPLES],
        vec!["rules", "list"],
        vec!["rules", "lint"],
        vec!["test", "tests/cases"],
        vec!["test", "tests/fixtures/cases/wrong.toml"],
    ];
    let versions = [
        "2021-08-01",
        "2022-02-03",
        "2024-01-01",
        "2025-05-01",
        "2026-05-01",
        "2026-11-01",
    ];
    for v in &versions {
        commands.push(vec!["rules", "show", v]);
    }
    let mut wrong = Vec::new();
    for args in &commands {
        let text = english_output(args);
        assert!(text.len() > 10, "{args:?} wrote almost nothing: {text}");
        for found in french_numbers(&text) {
            wrong.push(format!("{args:?}: …{found}…"));
        }
    }
    assert!(
        wrong.is_empty(),
        "French numbers in English output:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn english_diff_rules_show_and_explain_bands() {
    let band = fixture("diff/d2-band-2.toml");
    assert_snapshot!(
        "diff_band_en_json",
        run(&[
            "--lang",
            "en",
            "diff",
            "2022-02-03",
            &band,
            EXAMPLES,
            "--format",
            "json"
        ])
    );
    let show = run(&["--lang", "en", "rules", "show", "2026-11-01"]);
    let header: Vec<&str> = show
        .lines()
        .take_while(|l| !l.starts_with("# Assumptions"))
        .collect();
    assert_snapshot!("rules_show_provisional_en", header.join("\n"));
    let explain = run(&["--lang", "en", "explain", EXAMPLES, "--row", "2"]);
    let bands: Vec<&str> = explain
        .lines()
        .filter(|l| l.contains("band") || l.contains(" = ") || l.starts_with("  D"))
        .collect();
    assert_snapshot!("explain_bands_en", bands.join("\n"));
}
