//! What makes secpa install and behave like a command-line tool: completions, man page,
//! help with examples, version naming the embedded rule versions.

use crate::{run, secpa};

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
