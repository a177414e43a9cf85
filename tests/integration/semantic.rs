//! Semantic fuzzing (issue #23, item 1): a valid file, one mutation of the kind people's
//! spreadsheets make, and every paid amount compared with the clean file's. Each structure
//! keeps exactly its amounts, or is named by a diagnostic of its row (an error or a
//! warning) or by an error of the file; never another amount in silence. Crash fuzzing
//! (`generated.rs`, `fuzz/`) cannot see a wrong amount: this test can. What a spreadsheet
//! hides or computes must moreover be said (W024, E023, W025, W035, W030, I029).
//!
//! The mutations are in `tests/mutate/`, shared with the cargo-fuzz target
//! `fuzz/fuzz_targets/semantic.rs`. The mutations and what each found are listed in
//! docs/robustness.md (« Fuzzing sémantique »). `SECPA_SEMANTIC_CASES=…` runs more cases.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};

use secpa::compute::Amounts;
use secpa::diagnostic::Severity;

use crate::mutate::{clean, faults, run, write, Encoding, Mutation, Rename, Target, FLAVOURS};

fn targets() -> impl Strategy<Value = Target> {
    prop_oneof![
        (0..FLAVOURS.len()).prop_map(|i| Target::Csv(FLAVOURS[i])),
        Just(Target::Xlsx),
    ]
}

fn mutations() -> impl Strategy<Value = Mutation> {
    let cell = || (0..40usize, 0..40usize);
    let rename = prop_oneof![
        (0..8usize).prop_map(Rename::Synonym),
        Just(Rename::Shouted),
        Just(Rename::Unrelated),
        Just(Rename::Typo),
    ];
    prop_oneof![
        (0..40usize, rename).prop_map(|(column, to)| Mutation::HeaderRenamed { column, to }),
        (0..40usize, 0..40usize).prop_map(|(from, to)| Mutation::ColumnMoved { from, to }),
        (0..40usize).prop_map(|column| Mutation::ColumnDropped { column }),
        (0..40usize).prop_map(|row| Mutation::RowDuplicated { row }),
        (0..40usize).prop_map(|row| Mutation::BlankRow { row }),
        cell().prop_map(|(row, column)| Mutation::Spaces { row, column }),
        (cell(), 0..40usize).prop_map(|((row, column), at)| Mutation::QuoteInserted {
            row,
            column,
            at
        }),
        (cell(), any::<bool>()).prop_map(|((row, column), last)| Mutation::QuoteRemoved {
            row,
            column,
            last
        }),
        (cell(), 0..40usize).prop_map(|((row, column), at)| Mutation::SeparatorInserted {
            row,
            column,
            at
        }),
        cell().prop_map(|(row, column)| Mutation::DecimalMarkSwapped { row, column }),
        (
            cell(),
            prop::sample::select(vec![' ', '\u{a0}', '\u{202f}', '.', ',', '\''])
        )
            .prop_map(|((row, column), mark)| Mutation::ThousandsSeparator {
                row,
                column,
                mark
            }),
        prop_oneof![
            Just(Encoding::Windows1252),
            Just(Encoding::Utf8Bom),
            Just(Encoding::Utf16)
        ]
        .prop_map(Mutation::Encoded),
        Just(Mutation::BomToggled),
        (
            prop::sample::select(vec!["\n", "\r\n", "\r"]),
            prop::option::of(0..40usize)
        )
            .prop_map(|(end, one_row)| Mutation::LineEnding { end, one_row }),
        (0..40usize).prop_map(|row| Mutation::HiddenRow { row }),
        (0..40usize).prop_map(|column| Mutation::HiddenColumn { column }),
        (cell(), any::<bool>()).prop_map(|((row, column), trusted)| Mutation::Formula {
            row,
            column,
            trusted
        }),
        (0..3usize).prop_map(|count| Mutation::TitleRows { count }),
        any::<bool>().prop_map(|labelled| Mutation::TotalRow { labelled }),
        cell().prop_map(|(row, column)| Mutation::Merged { row, column }),
        cell().prop_map(|(row, column)| Mutation::NumberAsText { row, column }),
        (0..40usize).prop_map(|row| Mutation::PercentCell { row }),
        any::<bool>().prop_map(|hidden| Mutation::OtherSheetFirst { hidden }),
    ]
}

fn cases() -> u32 {
    std::env::var("SECPA_SEMANTIC_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100)
}

/// Every flavour and the workbook, unmutated, pay exactly the clean amounts without error:
/// the mutations below start from files that are right.
#[test]
fn every_base_file_pays_the_clean_amounts() {
    let targets = FLAVOURS
        .iter()
        .map(|&f| Target::Csv(f))
        .chain([Target::Xlsx]);
    for target in targets {
        let (_, bytes) = write(target, &Mutation::Unchanged);
        let (got, diagnostics) = run(&bytes);
        let errors: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{target:?}: {errors:?}");
        let amounts: Vec<Amounts> = got.into_iter().map(|s| s.amounts).collect();
        assert_eq!(&amounts, clean(), "{target:?}");
    }
}

proptest! {
    #![proptest_config(Config { cases: cases(), ..Config::default() })]

    /// One mutation of one file: each structure keeps its amounts or is named.
    #[test]
    fn a_mutation_never_moves_an_amount_in_silence(target in targets(), m in mutations()) {
        prop_assume!(m.fits(target));
        let (table, bytes) = write(target, &m);
        let found = faults(&table, &m, &bytes);
        if !found.is_empty() {
            return Err(TestCaseError::fail(format!(
                "{} ({m:?}) on {target:?}:\n  {}",
                m.family(),
                found.join("\n  ")
            )));
        }
    }
}

/// What one mutation did to the file's structures.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    files: usize,
    /// Files whose every structure kept exactly its amounts.
    kept: usize,
    /// Files where at least one structure was refused or paid otherwise, and named.
    named: usize,
    /// Files with a structure paid otherwise, or gone, in silence.
    wrong: usize,
}

/// A seeded sweep over every family and every target, tallied: the table printed by
/// `cargo test semantic_sweep -- --nocapture` is the one in docs/robustness.md. Each family
/// must be tried, and the corpus must make secpa refuse or name something (a sweep whose
/// every file stays clean would test nothing).
#[test]
fn semantic_sweep() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::BTreeMap;

    let mut runner = TestRunner::deterministic();
    let strategy = mutations();
    let mut tally: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    let targets: Vec<Target> = FLAVOURS
        .iter()
        .map(|&f| Target::Csv(f))
        .chain([Target::Xlsx])
        .collect();
    let per_target = (cases() as usize / 5).max(20);
    for &target in &targets {
        // The workbook has its own families besides the table's: three times the files.
        let files = match target {
            Target::Xlsx => 3 * per_target,
            Target::Csv(_) => per_target,
        };
        let mut tried = 0;
        while tried < files {
            let m = strategy.new_tree(&mut runner).expect("tree").current();
            if !m.fits(target) {
                continue;
            }
            tried += 1;
            let (table, bytes) = write(target, &m);
            let (got, _) = run(&bytes);
            let found = faults(&table, &m, &bytes);
            let t = tally.entry(m.family()).or_default();
            t.files += 1;
            let all_kept = got.len() == clean().len()
                && got.iter().all(|s| {
                    table
                        .structure(s.row)
                        .is_some_and(|i| clean()[i] == s.amounts)
                });
            if !found.is_empty() {
                t.wrong += 1;
                failures.push(format!(
                    "{} ({m:?}) on {target:?}:\n  {}",
                    m.family(),
                    found.join("\n  ")
                ));
            } else if all_kept {
                t.kept += 1;
            } else {
                t.named += 1;
            }
        }
    }
    println!("| mutation | files | amounts kept | refused or changed, named | wrong in silence |");
    println!("|---|---:|---:|---:|---:|");
    for (family, t) in &tally {
        println!(
            "| {family} | {} | {} | {} | {} |",
            t.files, t.kept, t.named, t.wrong
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(tally.len() >= 20, "every family tried: {:?}", tally.keys());
    let named: usize = tally.values().map(|t| t.named).sum();
    assert!(
        named >= 20,
        "the corpus makes secpa refuse or name rows ({named} files)"
    );
}

/// W035, found by this fuzzer: a hidden column of a known header was read in silence. The
/// files written by openpyxl and LibreOffice (`scripts/make_hidden_column_fixtures.py`),
/// whose `montant_psy_demande` column E is hidden, pay exactly the CSV of the same rows, and
/// say the hidden column once; the hidden unknown column F is neither read nor said hidden.
#[test]
fn w035_hidden_columns_are_read_and_said() {
    let amounts = |name: &str| {
        let out = crate::secpa()
            .args([
                "compute",
                &format!("tests/fixtures/workbook/{name}"),
                "--format",
                "csv",
            ])
            .output()
            .expect("secpa runs");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        // The amounts: every column up to the total.
        let table: Vec<String> = stdout
            .lines()
            .map(|l| l.split(',').take(8).collect::<Vec<_>>().join(","))
            .collect();
        (out.status.code(), table, stderr)
    };
    let (code, reference, said) = amounts("hidden_column.csv");
    assert_eq!(code, Some(0));
    assert_eq!(reference.len(), 7, "six structures paid: {reference:?}");
    assert!(!said.contains("W035"));
    for name in [
        "hidden_column.xlsx",
        "hidden_column_libreoffice.xlsx",
        "hidden_column_libreoffice.ods",
    ] {
        let (code, table, said) = amounts(name);
        assert_eq!(code, Some(0), "{name}");
        assert_eq!(table, reference, "{name}: the hidden amounts are read");
        assert_eq!(said.matches("W035").count(), 1, "{name}: said once\n{said}");
        assert!(
            said.contains("1 colonne masquée (E « montant_psy_demande »)"),
            "{name}: {said}"
        );
    }
    insta::assert_snapshot!(
        "w035_en",
        crate::run(&[
            "compute",
            "tests/fixtures/workbook/hidden_column_libreoffice.ods",
            "--lang",
            "en",
            "--format",
            "csv",
        ])
    );
}
