//! `secpa budget` through the binary: each year's total, envelope and share, the 14 M€
//! envelope split pro rata (and said so), the unknown 2025–2026 envelope left unknown, and no
//! colour when stdout is not a terminal.

use insta::assert_snapshot;

use crate::run;

#[test]
fn examples_table_and_bar_chart() {
    let out = run(&["budget", "examples/candidatures.csv"]);
    assert!(!out.contains('\x1b'), "no colour outside a terminal");
    assert!(out.contains("12/16 = 10 500 000,00 €"), "{out}");
    assert!(out.contains("enveloppe inconnue"), "{out}");
    assert_snapshot!("examples_table", out);
}

/// `--lang en`: the table, the bars and the notes in English, figures the English way; the
/// JSON holds figures only, the same in both languages.
#[test]
fn examples_table_en() {
    let out = run(&["--lang", "en", "budget", "examples/candidatures.csv"]);
    assert!(out.contains("12/16 = €10,500,000.00 for 2024"), "{out}");
    assert!(out.contains("103.7 % OVER"), "{out}");
    assert_snapshot!("examples_table_en", out);
    let json = |lang: &str| {
        crate::secpa()
            .args([
                "--lang",
                lang,
                "budget",
                "examples/candidatures.csv",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(json("en"), json("fr"));
}

#[test]
fn examples_json() {
    assert_snapshot!(
        "examples_json",
        run(&["budget", "examples/candidatures.csv", "--format", "json"])
    );
}

#[test]
fn a_structure_below_the_minimum_fails_the_run_in_every_format() {
    for format in ["table", "json", "html"] {
        let out = run(&[
            "budget",
            "tests/fixtures/budget/not-eligible.csv",
            "--format",
            format,
        ]);
        assert!(out.starts_with("exit: 1"), "{format}: {out}");
        assert!(
            out.contains("not-eligible.csv:3: erreur E201 : colonne C « file_active_mg » : "),
            "{format}: {out}"
        );
    }
}

#[test]
fn budget_and_the_compute_page_use_one_envelope_model() {
    // Two versions in force in 2023 declare 3,5 M€ and 5 M€ for the whole year: the newer
    // supersedes the older in both commands (the budget once added them up: 8,5 M€).
    let rules = [
        "--rules",
        "tests/fixtures/budget/overlap-a.toml",
        "--rules",
        "tests/fixtures/budget/overlap-b.toml",
        "--only-rules",
    ];
    let mut args = vec!["budget", "examples/candidatures.csv", "--format", "json"];
    args.extend(rules);
    let out = crate::secpa().args(&args).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let y2023 = doc["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2023)
        .unwrap();
    assert_eq!(y2023["envelope"], "5000000.00");
    let mut args = vec![
        "compute",
        "examples/candidatures.csv",
        "--year",
        "2023",
        "--format",
        "html",
    ];
    args.extend(rules);
    let html = crate::run(&args);
    assert!(html.contains("5 000 000,00 €"), "{html}");
    assert!(!html.contains("8 500 000,00 €"));
}

#[test]
fn amounts_at_the_largest_rule_values_never_panic() {
    // Every amount of the rules at 10⁹ (the most a rule file may hold), an envelope of
    // 0,000001 €, 1 000 structures at 100 000 patients (the most a file active may be): the share would be past a Decimal's
    // range (it once panicked with "Division overflowed"); it is then none, and "over".
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.csv");
    let mut text = String::from(
        "finess,nom,file_active_mg,taux_pauvrete,accord_ars_psy,montant_psy_demande,date_entree\n",
    );
    for i in 0..1000 {
        // Valid FINESS numbers: 5900xxxx and their Luhn key.
        let base = format!("5900{i:04}");
        let key = (0..10)
            .find(|d| {
                let digits = format!("{base}{d}");
                let sum: u32 = digits
                    .bytes()
                    .rev()
                    .enumerate()
                    .map(|(j, b)| {
                        let x = u32::from(b - b'0') * if j % 2 == 1 { 2 } else { 1 };
                        if x > 9 {
                            x - 9
                        } else {
                            x
                        }
                    })
                    .sum();
                sum % 10 == 0
            })
            .unwrap();
        text.push_str(&format!(
            "{base}{key},S{i},100000,50,oui,600000,2022-03-01\n"
        ));
    }
    std::fs::write(&file, text).unwrap();
    let out = crate::secpa()
        .args(["budget", "--format", "json", "--only-rules", "--rules"])
        .arg("tests/fixtures/budget/hostile-amounts.toml")
        .arg(&file)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let y2023 = doc["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2023)
        .unwrap();
    assert_eq!(y2023["over"], true);
    assert!(y2023["share"].is_null(), "{y2023}");
    assert_eq!(doc["structures"], 1000);
    // compute on the same batch, every format: no panic either.
    for format in ["table", "csv", "json", "html"] {
        let out = crate::secpa()
            .args([
                "compute",
                "--year",
                "2023",
                "--format",
                format,
                "--only-rules",
                "--rules",
            ])
            .arg("tests/fixtures/budget/hostile-amounts.toml")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{format}: {out:?}"
        );
    }
}

/// Issue 21, item 4: an envelope declared at 0 € is a known envelope, shown as such by the
/// table, its bar and the pages (never « enveloppe inconnue »), and any total is over it.
#[test]
fn an_envelope_of_zero_is_shown_the_same_way_everywhere() {
    let rules = crate::fixture("budget/zero-2023.toml");
    let table = crate::run(&["budget", "examples/candidatures.csv", "--rules", &rules]);
    let row = table
        .lines()
        .find(|l| l.starts_with("│ 2023"))
        .unwrap_or_default();
    assert!(row.contains("0,00 €") && row.contains("—"), "{table}");
    let bar = table
        .lines()
        .find(|l| l.starts_with("2023 ["))
        .unwrap_or_default();
    assert!(bar.ends_with("] — DÉPASSEMENT"), "{table}");
    assert!(!bar.contains("inconnue"), "{table}");
    for args in [
        vec!["budget", "examples/candidatures.csv", "--format", "html"],
        vec![
            "compute",
            "examples/candidatures.csv",
            "--year",
            "2023",
            "--format",
            "html",
        ],
    ] {
        let mut args = args;
        args.extend(["--rules", &rules]);
        let page = crate::run(&args);
        assert!(page.contains("Enveloppe 2023 : 0,00 €"), "{args:?}: {page}");
    }
    let json = crate::run(&[
        "budget",
        "examples/candidatures.csv",
        "--format",
        "json",
        "--rules",
        &rules,
    ]);
    let doc: serde_json::Value = serde_json::from_str(
        json.split("--- stdout\n")
            .nth(1)
            .unwrap()
            .split("--- stderr")
            .next()
            .unwrap(),
    )
    .unwrap();
    let y2023 = doc["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2023)
        .unwrap();
    assert_eq!(y2023["envelope"], "0.00");
    assert_eq!(y2023["over"], true);
}
