//! `secpa compute` through the binary.

use insta::assert_snapshot;

use crate::{code, fixture, run, secpa};

#[test]
fn reference_structure_annual_in_three_formats() {
    let f = fixture("compute/reference.csv");
    assert_snapshot!(
        "reference_table",
        run(&["compute", &f, "--as-of", "2022-03-01"])
    );
    assert_snapshot!(
        "reference_csv",
        run(&["compute", &f, "--as-of", "2022-03-01", "--format", "csv"])
    );
    assert_snapshot!(
        "reference_json",
        run(&["compute", &f, "--as-of", "2022-03-01", "--format", "json"])
    );
}

#[test]
fn reference_structure_prorated_2022() {
    let f = fixture("compute/reference.csv");
    let out = run(&["compute", &f, "--year", "2022", "--format", "csv"]);
    assert!(
        out.contains(",10,125000.00,83333.33,47500.00,55000.00,310833.33,"),
        "{out}"
    );
    assert_snapshot!(
        "reference_year_2022_json",
        run(&["compute", &f, "--year", "2022", "--format", "json"])
    );
}

#[test]
fn every_band_edge() {
    let f = fixture("compute/edges.csv");
    assert_snapshot!(
        "edges_csv",
        run(&["compute", &f, "--as-of", "2022-03-01", "--format", "csv"])
    );
}

#[test]
fn bad_rows_are_reported_and_skipped_the_good_one_computed() {
    let f = fixture("compute/bad-rows.csv");
    assert_snapshot!(
        "bad_rows",
        run(&["compute", &f, "--year", "2022", "--format", "csv"])
    );
    assert_snapshot!(
        "bad_rows_json_en",
        run(&["--lang", "en", "compute", &f, "--year", "2022", "--format", "json"])
    );
}

#[test]
fn missing_columns_one_diagnostic_each() {
    assert_snapshot!(
        "missing_columns",
        run(&[
            "compute",
            &fixture("compute/missing-columns.csv"),
            "--as-of",
            "2022-03-01"
        ])
    );
}

#[test]
fn empty_and_header_only_files() {
    assert_snapshot!(
        "empty",
        run(&[
            "compute",
            &fixture("compute/empty.csv"),
            "--as-of",
            "2022-03-01",
            "--format",
            "csv"
        ])
    );
    assert_snapshot!(
        "header_only",
        run(&[
            "compute",
            &fixture("compute/header-only.csv"),
            "--as-of",
            "2022-03-01",
            "--format",
            "csv"
        ])
    );
}

#[test]
fn french_excel_and_bom_files_give_the_same_amounts() {
    let args = |f: &str| {
        run(&[
            "compute",
            &fixture(f),
            "--as-of",
            "2022-03-01",
            "--format",
            "csv",
        ])
    };
    let plain = args("compute/reference.csv");
    assert!(
        plain.contains("150000.00,100000.00,57000.00,66000.00,373000.00"),
        "{plain}"
    );
    // The diagnostics name their file and the headers as each file writes them ("Montant
    // psy demandé", "montant_psy_demande"), at the same letters: the rest is byte for byte
    // the same.
    let same = |f: &str| without_headers(&args(f).replace(f, "compute/reference.csv"));
    let plain = without_headers(&plain);
    assert_eq!(same("compute/excel-fr.csv"), plain);
    assert_eq!(same("compute/bom-utf8.csv"), plain);
}

#[test]
fn examples_excel_file_equals_the_utf8_one() {
    // Same structures, amounts, rules and diagnostics; only the raw cells quoted in the
    // diagnostics differ ("Partiel" / "partiel", "70 000" / "70000"), as written.
    let json = |f: &str| {
        let out = secpa()
            .args(["compute", f, "--year", "2023", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let mut doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for array in ["errors", "warnings", "notes"] {
            for e in doc[array].as_array_mut().unwrap() {
                e["file"] = serde_json::Value::Null;
                e["value"] = serde_json::Value::Null;
                // Each file's headers, as written: the same columns at the same letters.
                assert!(e["letter"].is_string() || e["column"].is_null(), "{e}");
                e["header"] = serde_json::Value::Null;
            }
        }
        doc
    };
    let excel = json("examples/candidatures-excel.csv");
    assert_eq!(excel, json("examples/candidatures.csv"));
    assert_eq!(excel["structures"].as_array().unwrap().len(), 26);
}

#[test]
fn examples_table_default_version_is_the_one_in_force_today() {
    // On 2026-11-25 (the harness's today), 2026-11-01 is in force: no warning about it.
    assert_snapshot!(
        "examples_table",
        run(&["compute", "examples/candidatures.csv"])
    );
}

#[test]
fn on_2026_11_30_a_version_is_in_force_without_a_warning_about_it() {
    let output = secpa()
        .env("SECPA_TODAY", "2026-11-30")
        .args(["compute", "examples/candidatures.csv", "--format", "csv"])
        .output()
        .expect("secpa runs");
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("aucune version en vigueur"), "{stderr}");
    // The provisional notice stays.
    assert!(stderr.contains("montants PROVISOIRES"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.lines().skip(1).all(|l| l.contains(",2026-11-01,")),
        "{stdout}"
    );
}

#[test]
fn after_the_last_version_the_latest_is_used_with_a_warning() {
    let output = secpa()
        .env("SECPA_TODAY", "2027-01-15")
        .args(["compute", "examples/candidatures.csv", "--format", "csv"])
        .output()
        .expect("secpa runs");
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("aucune version en vigueur aujourd'hui : la dernière, 2026-11-01, a pris fin le 2026-12-31"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.lines().skip(1).all(|l| l.contains(",2026-11-01,")),
        "{stdout}"
    );
}

#[test]
fn excel_output_is_french_excel_csv() {
    let out = secpa()
        .args([
            "compute",
            &fixture("compute/reference.csv"),
            "--as-of",
            "2022-03-01",
            "--excel",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("\u{feff}row;finess;nom;participative;"),
        "{text}"
    );
    assert!(
        text.contains(";150000,00;100000,00;57000,00;66000,00;373000,00;"),
        "{text}"
    );
    assert!(text.ends_with("\r\n"));
}

#[test]
fn output_file_is_written_and_inputs_are_protected() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let out_s = out.to_str().unwrap();
    let f = fixture("compute/reference.csv");
    assert_eq!(
        code(&[
            "compute",
            &f,
            "--as-of",
            "2022-03-01",
            "--format",
            "json",
            "--output",
            out_s
        ]),
        0
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(json["total"], "373000.00");

    let input = dir.path().join("in.csv");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&f),
        &input,
    )
    .unwrap();
    let before = std::fs::read(&input).unwrap();
    let input_s = input.to_str().unwrap();
    let shown = run(&[
        "compute",
        input_s,
        "--as-of",
        "2022-03-01",
        "--output",
        input_s,
    ]);
    assert!(shown.starts_with("exit: 2"), "{shown}");
    assert!(shown.contains("est un fichier d'entrée"), "{shown}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn rule_choice_errors_exit_2() {
    let f = fixture("compute/reference.csv");
    assert_snapshot!(
        "as_of_outside_every_version",
        run(&["compute", &f, "--as-of", "2020-01-01"])
    );
    assert_snapshot!(
        "year_outside_every_version",
        run(&["compute", &f, "--year", "2030"])
    );
    assert_eq!(code(&["compute", "tests/fixtures/absent.csv"]), 2);
    assert_eq!(
        code(&["compute", &f, "--year", "2022", "--as-of", "2022-01-01"]),
        2
    );
}

#[test]
fn a_rule_file_given_with_rules_is_used() {
    let f = fixture("compute/reference.csv");
    let out = run(&[
        "compute",
        &f,
        "--rules",
        "rules/2021-08-01.toml",
        "--only-rules",
        "--format",
        "csv",
    ]);
    assert!(out.starts_with("exit: 0"), "{out}");
    assert!(out.contains(",2021-08-01,02b5af53"), "{out}");
}

#[test]
fn empty_poverty_rate_is_looked_up_from_qpv_then_commune_absent_column_is_refused() {
    // I218 says which source was used; E219 when none is published; a given rate wins.
    assert_snapshot!(
        "poverty_lookup",
        run(&[
            "compute",
            &fixture("compute/poverty-lookup.csv"),
            "--as-of",
            "2022-03-01",
            "--format",
            "csv"
        ])
    );
    // Without a taux_pauvrete column at all, nothing is looked up: the column is required
    // (E005), so that a rate column named otherwise is never replaced by a looked-up rate.
    assert_snapshot!(
        "poverty_no_column",
        run(&[
            "compute",
            &fixture("compute/poverty-no-column.csv"),
            "--as-of",
            "2022-03-01",
            "--format",
            "csv"
        ])
    );
}

#[test]
fn excel_csv_keeps_the_leading_zero_of_a_finess() {
    // ="010000016": read back as text by Excel and LibreOffice (issue #11, item 7); a
    // FINESS without a leading zero has nothing to lose and stays a plain cell.
    assert_snapshot!(
        "excel_finess_leading_zero",
        run(&[
            "compute",
            &fixture("compute/finess-leading-zero.csv"),
            "--as-of",
            "2022-03-01",
            "--excel"
        ])
    );
}

/// Issue 15, item 2: fitted to a terminal's width (`SECPA_COLUMNS` stands for it), no line
/// is longer than the width and every amount of the whole table is still there, whole;
/// only the FINESS and the name give way. Piped (no width), the table stays whole.
#[test]
fn the_table_fits_the_terminal_width_with_every_amount_whole() {
    let amounts = |text: &str| -> Vec<String> {
        // "3 708 333,32 €": digits grouped by spaces, a comma, two decimals, the euro sign.
        let mut found = Vec::new();
        for line in text.lines() {
            for cell in line.split(['│', '┆']) {
                let cell = cell.trim();
                if cell.ends_with(" €") && cell.contains(',') {
                    found.push(cell.to_owned());
                }
            }
        }
        found.sort();
        found
    };
    for extra in [&[][..], &["--year", "2022"][..]] {
        let mut args = vec!["compute", "examples/candidatures.csv"];
        args.extend(extra);
        let whole = secpa().args(&args).output().expect("secpa runs");
        let whole = String::from_utf8(whole.stdout).expect("utf-8");
        assert!(
            whole.lines().any(|l| l.chars().count() > 200),
            "piped: whole"
        );
        for width in [160usize, 100, 80] {
            let out = secpa()
                .env("SECPA_COLUMNS", width.to_string())
                .args(&args)
                .output()
                .expect("secpa runs");
            let text = String::from_utf8(out.stdout).expect("utf-8");
            let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(
                longest <= width,
                "{extra:?} at {width}: a line of {longest}\n{text}"
            );
            assert_eq!(
                amounts(&text),
                amounts(&whole),
                "{extra:?} at {width}: amounts"
            );
            if width < 160 {
                let year = if extra.is_empty() { "" } else { "_year_2022" };
                assert_snapshot!(format!("table_{width}{year}"), text);
            }
        }
    }
}

/// The text without the headers that diagnostics quote, « colonne F « … » » becoming
/// « colonne F », so that files that name their columns differently compare equal.
fn without_headers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("colonne ") {
        let (before, after) = rest.split_at(start + "colonne ".len());
        out.push_str(before);
        let letters = after.bytes().take_while(u8::is_ascii_uppercase).count();
        out.push_str(&after[..letters]);
        rest = &after[letters..];
        if let Some(quoted) = rest.strip_prefix(" « ") {
            if let Some(end) = quoted.find(" »") {
                rest = &quoted[end + " »".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}
