//! What makes secpa install and behave like a command-line tool: completions, man page,
//! help with examples, version naming the embedded rule versions.

use crate::{code, run, secpa};

fn stdout(args: &[&str]) -> String {
    let out = secpa().args(args).output().expect("secpa runs");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn completions_generate_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout(&["completions", shell]);
        assert!(script.len() > 500, "{shell}: {} bytes", script.len());
        for word in ["compute", "rules", "completions", "man", "as-of", "format"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
        // PowerShell's generator completes option names, not their values.
        if shell != "powershell" {
            assert!(
                script.contains("html"),
                "{shell} completion lacks --format html"
            );
        }
    }
    let out = run(&["completions", "tcsh"]);
    assert!(out.starts_with("exit: 2"), "{out}");
}

#[test]
fn man_page_is_roff_and_lists_the_subcommands() {
    let page = stdout(&["man"]);
    assert!(page.contains(".TH secpa 1"), "{page}");
    for sub in [
        "secpa\\-compute(1)",
        "secpa\\-rules(1)",
        "secpa\\-completions(1)",
        "secpa\\-man(1)",
    ] {
        assert!(page.contains(sub), "man page lacks {sub}");
    }
    let compute = stdout(&["man", "compute"]);
    assert!(compute.contains(".TH secpa-compute 1"), "{compute}");
    assert!(compute.contains("\\-\\-format"), "{compute}");
    assert!(run(&["man", "nope"]).starts_with("exit: 2"));
}

#[test]
fn version_lists_the_embedded_rule_versions() {
    let ids: Vec<String> = secpa::rules::RuleSet::embedded()
        .unwrap()
        .versions()
        .iter()
        .map(|v| v.rules.id.clone())
        .collect();
    let expected = format!(
        "secpa {} (règles : {})\n",
        env!("CARGO_PKG_VERSION"),
        ids.join(", ")
    );
    assert_eq!(stdout(&["--version"]), expected);
    assert_eq!(
        expected,
        "secpa 0.1.0 (règles : 2021-08-01, 2022-02-03, 2024-01-01, 2025-05-01, 2026-05-01, 2026-11-01)\n"
    );
}

#[test]
fn every_help_shows_an_example() {
    for args in [
        &["--help"][..],
        &["compute", "--help"],
        &["rules", "--help"],
        &["rules", "list", "--help"],
        &["rules", "show", "--help"],
        &["completions", "--help"],
        &["man", "--help"],
    ] {
        let help = stdout(args);
        assert!(help.contains("Exemple"), "{args:?}:\n{help}");
    }
}

/// Every command path of the definition: [], ["compute"], ["rules", "lint"]…
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            let mut p = path.clone();
            p.push(sub.get_name().to_owned());
            walk(sub, p, out);
        }
        out.push(path);
    }
    let mut out = Vec::new();
    walk(&secpa::cli::command(), Vec::new(), &mut out);
    out.sort();
    out
}

/// `secpa [--lang en] man PATH…` for every command and subcommand: a page with EXAMPLES and
/// EXIT STATUS, whose every `secpa…(1)` reference is a page that `secpa man` writes (no
/// `secpa-help(1)`).
#[test]
fn a_man_page_for_every_command_and_no_page_that_does_not_exist() {
    let paths = command_paths();
    assert!(paths.len() >= 13, "{paths:?}");
    assert!(paths.contains(&vec!["rules".to_owned(), "lint".to_owned()]));
    let pages: Vec<String> = paths
        .iter()
        .map(|p| {
            let mut name = vec!["secpa"];
            name.extend(p.iter().map(String::as_str));
            name.join("-")
        })
        .collect();
    for lang in ["fr", "en"] {
        for (path, page) in paths.iter().zip(&pages) {
            let mut args = vec!["--lang", lang, "man"];
            args.extend(path.iter().map(String::as_str));
            let roff = stdout(&args);
            assert!(roff.contains(&format!(".TH {page} 1")), "{args:?}:\n{roff}");
            for section in [
                ".SH NAME",
                ".SH EXAMPLES",
                ".SH \"EXIT STATUS\"",
                ".SH OPTIONS",
            ] {
                assert!(roff.contains(section), "{args:?} lacks {section}:\n{roff}");
            }
            assert!(
                roff.contains("\n.TP\n2\n"),
                "{args:?}: exit status 2 not said"
            );
            // Every page named in it exists.
            let text = roff.replace("\\-", "-");
            for (at, _) in text.match_indices("(1)") {
                let start = text[..at]
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .map_or(0, |i| i + 1);
                let named = &text[start..at];
                assert!(
                    pages.iter().any(|p| p == named),
                    "{args:?} names {named}(1)"
                );
            }
            assert!(!text.contains("secpa-help"), "{args:?}");
        }
    }
    insta::assert_snapshot!("man_rules_lint", stdout(&["man", "rules", "lint"]));
    insta::assert_snapshot!("man_rules_en", stdout(&["--lang", "en", "man", "rules"]));
    let out = run(&["man", "rules", "nope"]);
    assert!(out.starts_with("exit: 2\n"), "{out}");
    assert!(out.contains("au choix : list, show, new, lint"), "{out}");
}

/// The help of every command in French without a word of clap's English, and in English
/// with `--lang en` without a French heading; headings, flags, possible and default values
/// included.
#[test]
fn help_in_french_and_in_english() {
    let english = [
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "Print help",
        "Print version",
        "possible values",
        "[default",
        "Examples",
    ];
    let french = [
        "Utilisation",
        "Commandes",
        "Exemples",
        "valeurs",
        "par défaut",
        "Affiche",
        "Fichier",
        "fichier",
        "règles",
    ];
    for path in command_paths() {
        for flag in ["-h", "--help"] {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push(flag);
            let fr = stdout(&args);
            for word in english {
                assert!(!fr.contains(word), "{args:?} says {word}:\n{fr}");
            }
            assert!(fr.contains("Exemples :"), "{args:?}:\n{fr}");
            let mut en_args = vec!["--lang", "en"];
            en_args.extend(&args);
            let en = stdout(&en_args);
            for word in french {
                assert!(!en.contains(word), "{en_args:?} says {word}:\n{en}");
            }
            assert!(en.contains("Usage: secpa"), "{en_args:?}:\n{en}");
            if flag == "--help" {
                assert!(fr.contains("Codes de sortie :"), "{args:?}:\n{fr}");
                assert!(en.contains("Exit status:"), "{en_args:?}:\n{en}");
            }
        }
    }
    insta::assert_snapshot!("help_compute", stdout(&["compute", "--help"]));
    insta::assert_snapshot!(
        "help_compute_en",
        stdout(&["--lang", "en", "compute", "--help"])
    );
    insta::assert_snapshot!("help_root_short", stdout(&["-h"]));
    insta::assert_snapshot!("help_root_short_en", stdout(&["--lang=en", "-h"]));
    assert!(stdout(&["--lang", "en", "--version"]).contains("(rules: 2021-08-01"));
}

/// Usage errors: French sentences built from what clap found (the argument, the value, the
/// valid values, a suggestion, the usage line), English ones with `--lang en`; exit 2.
#[test]
fn usage_errors_in_french_and_in_english() {
    let cases: [&[&str]; 11] = [
        &["compute", "examples/candidatures.csv", "--foramt", "json"],
        &["compute", "examples/candidatures.csv", "--format", "jsn"],
        &["compute"],
        &["comptue"],
        &[
            "compute",
            "examples/candidatures.csv",
            "--as-of",
            "32/10/2021",
        ],
        &["compute", "examples/candidatures.csv", "--year", "20x2"],
        &[
            "compute",
            "examples/candidatures.csv",
            "--year",
            "2022",
            "--as-of",
            "2021-10-15",
        ],
        &[
            "compute",
            "examples/candidatures.csv",
            "--excel",
            "--format",
            "json",
        ],
        &["rules", "show", "2022-02-03", "--as-of", "01/01/2022"],
        &["rules", "list", "--as-of", "2022-01-01"],
        &["compute", "examples/candidatures.csv", "extra.csv"],
    ];
    for lang in ["fr", "en"] {
        let mut all = String::new();
        for args in cases {
            let mut full = vec!["--lang", lang];
            full.extend(args);
            let out = secpa().args(&full).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{full:?}: {out:?}");
            assert!(out.stdout.is_empty(), "{full:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!err.contains("error:"), "{full:?}: {err}");
            all.push_str(&format!("$ secpa {}\n{err}\n", full.join(" ")));
        }
        insta::assert_snapshot!(format!("usage_errors_{lang}"), all);
    }
}

/// `--as-of` and `--year` take what a cell takes: 15/10/2021 is 2021-10-15, " 2022" is 2022.
#[test]
fn dates_and_years_as_in_the_cells() {
    let csv = |as_of: &str| {
        stdout(&[
            "compute",
            "examples/candidatures.csv",
            "--as-of",
            as_of,
            "--format",
            "csv",
        ])
    };
    let iso = csv("2021-10-15");
    assert_eq!(csv("15/10/2021"), iso);
    assert_eq!(csv("15/10/21"), iso);
    let year = |y: &str| {
        stdout(&[
            "compute",
            "examples/candidatures.csv",
            "--year",
            y,
            "--format",
            "csv",
        ])
    };
    assert_eq!(year(" 2022 "), year("2022"));
    assert!(
        code(&[
            "check",
            "examples/candidatures.csv",
            "--as-of",
            "15/10/2021"
        ]) == 0
    );
    assert!(code(&["rules", "show", "--as-of", "01/03/2022"]) == 0);
}

/// `-o -` is standard output for every command that has `--output`: nothing named `-`.
#[test]
fn dash_output_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/candidatures.csv");
    for args in [
        &["compute", "--format", "csv", "-o", "-"][..],
        &["compute", "--format", "json", "--output", "-"],
        &["budget", "-o", "-"],
    ] {
        let out = secpa()
            .current_dir(dir.path())
            .args(args)
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert!(out.stdout.len() > 100, "{args:?}");
        assert!(
            !dir.path().join("-").exists(),
            "{args:?} wrote a file named -"
        );
    }
}
