//! `secpa budget` through the binary: each year's total, envelope and share, the 14 M€
//! envelope split pro rata (and said so), the unknown 2025–2026 envelope left unknown, and no
//! colour when stdout is not a terminal.

use insta::assert_snapshot;

use crate::run;

#[test]
fn examples_table_and_bar_chart() {
    let out = run(&["budget", "examples/candidatures.csv"]);
    assert!(!out.contains('\x1b'), "no colour outside a terminal");
    // Issue 21: 30 M€ for 2022–2023 together, set against the two years' total
    // (8 250 793,32 + 9 331 280,00 €), never split into a yearly part.
    assert!(
        out.contains("│ 2022–2023 (2022-01-01 → 2023-12-31) ┆ 24 (2022, 2023)"),
        "{out}"
    );
    assert!(
        out.contains("17 582 073,32 € ┆ 30 000 000,00 € ┆        58,6 %"),
        "{out}"
    );
    assert!(out.contains("30 000 000,00 € pour 2022–2023 ensemble ┆ voir 2022–2023"));
    assert!(!out.contains("10 500 000,00 €"), "no prorated part: {out}");
    assert!(out.contains("enveloppe inconnue"), "{out}");
    assert_snapshot!("examples_table", out);
}

/// `--lang en`: the table, the bars and the notes in English, figures the English way; the
/// JSON holds figures only, the same in both languages.
#[test]
fn examples_table_en() {
    let out = run(&["--lang", "en", "budget", "examples/candidatures.csv"]);
    assert!(
        out.contains("€30,000,000.00 for 2022–2023 together"),
        "{out}"
    );
    assert!(out.contains("2024–2025 [####################################....] 88.9 %"));
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

/// Issue 21, item 4: an envelope for several years (30 M€ for 2022–2023, the ministry's
/// announcement of 31 January 2022) is set against the total due over its whole period, the
/// years together, in every format; the rows of its years point to it, no yearly split.
#[test]
fn an_envelope_of_several_years_is_compared_with_the_years_together_in_every_format() {
    // JSON: the period, its months, its total = the sum of its two years' totals.
    let json = crate::secpa()
        .args(["budget", "examples/candidatures.csv", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let year = |y: i64| {
        doc["years"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["year"] == y)
            .unwrap()
            .clone()
    };
    let total =
        |y: i64| -> rust_decimal::Decimal { year(y)["total"].as_str().unwrap().parse().unwrap() };
    let period = &doc["periods"][0];
    assert_eq!(period["years"], "2022–2023");
    assert_eq!(period["amount"], "30000000.00");
    assert_eq!(period["source"], "communique-ministere-2022-01-31");
    assert_eq!(period["provisional"], true);
    assert_eq!(period["month_count"], 24);
    let sum = total(2022) + total(2023);
    assert_eq!(period["total"].as_str().unwrap(), sum.to_string());
    assert_eq!(period["share_pct"], "58.6");
    assert_eq!(period["replaced_parts"][0]["amount"], "12000000.00");
    for y in [2022, 2023] {
        assert_eq!(year(y)["envelope"], serde_json::Value::Null, "{y}");
        assert_eq!(year(y)["share_pct"], serde_json::Value::Null, "{y}");
        assert_eq!(year(y)["together_parts"][0]["years"], "2022–2023", "{y}");
        assert_eq!(year(y)["together_months"].as_array().unwrap().len(), 12);
    }

    // Over the envelope of the two years (15 M€ in a fixture): said by the table's bar,
    // stderr, the JSON and the page, once for the period, never for a year.
    let rules = crate::fixture("budget/multi-year-over.toml");
    let table = crate::run(&["budget", "examples/candidatures.csv", "--rules", &rules]);
    assert!(
        table.contains("2022–2023 [########################################] 117,2 % DÉPASSEMENT"),
        "{table}"
    );
    assert!(
        table.contains("2022–2023 : le total du lot (17 582 073,32 €) dépasse l'enveloppe de ces années ensemble (15 000 000,00 €) de 2 582 073,32 €"),
        "{table}"
    );
    assert!(!table.contains("2022 [#"), "no bar for 2022 alone: {table}");
    let html = crate::run(&[
        "budget",
        "examples/candidatures.csv",
        "--format",
        "html",
        "--rules",
        &rules,
    ]);
    assert_eq!(html.matches("class=\"total over\"").count(), 1, "{html}");
    assert!(html.contains("DÉPASSEMENT : le total dépasse l&#x27;enveloppe de 2 582 073,32 €."));
    let json = crate::secpa()
        .args([
            "budget",
            "examples/candidatures.csv",
            "--format",
            "json",
            "--rules",
            &rules,
        ])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["periods"][0]["over"], true);
    assert!(doc["years"]
        .as_array()
        .unwrap()
        .iter()
        .all(|y| y["over"] == false));
}
