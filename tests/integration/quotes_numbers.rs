//! Stray quotes and numbers (issue #20, items 8 and 9): a quote left in a cell never hands
//! one structure's figures to another, and a number is read with its own column's decimal
//! mark and every one of its digits, or refused.
//!
//! The mutation test writes the example file in every CSV flavour secpa accepts, inserts
//! one quote in one cell and another in the same column one or two rows below, and compares
//! every paid amount with the clean file's: each structure keeps exactly its amounts, or is
//! named by an error of its row (or of the file). Never another amount in silence.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use insta::assert_snapshot;

use secpa::compute::Amounts;
use secpa::diagnostic::{Diagnostic, Problem, Severity};

use crate::bad::{check, compute};
use crate::mutate::{bytes, raw_rows, set, Flavour, FLAVOURS};

/// A deterministic generator (xorshift64*), so that every run tries the same files.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

/// Inserts a quote into a raw cell at a character position: its start, its end, or inside.
fn insert_quote(cell: &mut String, rng: &mut Rng) {
    let chars = cell.chars().count();
    let at = match rng.below(3) {
        0 => 0,
        1 => chars,
        _ => rng.below(chars + 1),
    };
    let byte = cell.char_indices().nth(at).map_or(cell.len(), |(i, _)| i);
    cell.insert(byte, '"');
}

/// One mutated file: its description and bytes.
struct Mutant {
    what: String,
    bytes: Vec<u8>,
}

/// Every mutated file, from a fixed seed.
fn mutants(per_flavour: usize) -> Vec<(Flavour, Vec<u8>, Vec<Mutant>)> {
    let mut rng = Rng(0x5EC9_A020_0000_0001);
    FLAVOURS
        .iter()
        .map(|&flavour| {
            let clean = raw_rows(flavour);
            let structures = clean.len() - 1;
            let mutants = (0..per_flavour)
                .map(|_| {
                    let mut rows = clean.clone();
                    let first = 1 + rng.below(structures - 1);
                    let below = 1 + rng.below(2);
                    let second = (first + below).min(structures);
                    let column = rng.below(rows[0].len());
                    insert_quote(&mut rows[first][column], &mut rng);
                    insert_quote(&mut rows[second][column], &mut rng);
                    Mutant {
                        what: format!(
                            "{}: rows {} and {}, column {}: {:?} / {:?}",
                            flavour.name,
                            first + 1,
                            second + 1,
                            rows[0][column],
                            rows[first][column],
                            rows[second][column]
                        ),
                        bytes: bytes(&rows, flavour),
                    }
                })
                .collect();
            (flavour, bytes(&clean, flavour), mutants)
        })
        .collect()
}

/// What went wrong in one mutated file: a structure paid another amount than its own, or
/// a structure gone without a word on its row; and whether rows were said merged (E017).
fn faults(clean: &[u8], mutant: &[u8]) -> (Vec<String>, bool) {
    let as_of = NaiveDate::from_ymd_opt(2022, 3, 1).expect("date");
    let run = |bytes: &[u8]| secpa::compute_bytes(bytes, set(), None, as_of).expect("compute");
    let (expected, _) = run(clean);
    let expected: HashMap<Option<String>, (u64, Amounts)> = expected
        .into_iter()
        .map(|s| (s.finess, (s.row, s.amounts)))
        .collect();
    assert!(expected.len() > 10, "the clean file pays most structures");
    let (got, diagnostics) = run(mutant);
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let named = |row: u64| {
        errors.iter().any(|d| match (&d.problem, d.row) {
            (Problem::SwallowedLines { first, last }, _) => (*first..=*last).contains(&row),
            // « the rest of the file ended up in one cell »: every row from there on.
            (Problem::UnclosedQuote, Some(r)) => r <= row,
            (_, Some(r)) => r == row,
            (_, None) => true,
        })
    };
    let mut out = Vec::new();
    let mut paid = Vec::new();
    for s in &got {
        match expected.get(&s.finess) {
            Some((_, amounts)) if *amounts == s.amounts => {}
            Some((row, amounts)) => out.push(format!(
                "row {} (FINESS {:?}, clean row {row}) paid {} instead of {}",
                s.row, s.finess, s.amounts.total, amounts.total
            )),
            None => out.push(format!(
                "row {} paid {} under an unknown FINESS {:?}",
                s.row, s.amounts.total, s.finess
            )),
        }
        paid.push(s.finess.clone());
    }
    for (finess, (row, _)) in &expected {
        if !paid.contains(finess) && !named(*row) {
            out.push(format!(
                "row {row} ({finess:?}) gone without an error on its row"
            ));
        }
    }
    out.sort();
    let merged = errors
        .iter()
        .any(|d| matches!(d.problem, Problem::SwallowedLines { .. }));
    (out, merged)
}

/// 240 files (8 flavours × 30), each with two quotes in one column: none pays a structure
/// another amount than its own, none loses one in silence.
#[test]
fn stray_quotes_never_move_an_amount() {
    let corpus = mutants(30);
    let mut files = 0;
    let mut wrong = Vec::new();
    let mut merged = 0;
    for (_, clean, mutants) in &corpus {
        for mutant in mutants {
            files += 1;
            let (found, said) = faults(clean, &mutant.bytes);
            merged += usize::from(said);
            if !found.is_empty() {
                wrong.push(format!("{}\n    {}", mutant.what, found.join("\n    ")));
            }
        }
    }
    assert!(files >= 200);
    let misattributed = wrong.iter().filter(|w| w.contains(" paid ")).count();
    assert!(
        wrong.is_empty(),
        "{} of {files} files go wrong ({misattributed} pay a structure another amount):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    // The corpus does merge rows: the test is not passed by files that never do.
    assert!(merged >= 40, "only {merged} files with rows merged (E017)");
}

/// The files of `tests/fixtures/quotes_numbers/` (LibreOffice's French CSV export, written by
/// `scripts/make_quotes_numbers_fixtures.py`), through `compute` and `check`.
#[test]
fn the_issues_files_as_libreoffice_writes_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in [
        "column-mark.csv",
        "too-many-digits.csv",
        "quote-merges-rows.csv",
        "quote-two-lines.csv",
    ] {
        let path = format!("tests/fixtures/quotes_numbers/{name}");
        assert_snapshot!(format!("compute_{name}"), compute(root, &path));
        assert_snapshot!(format!("check_{name}"), check(root, &path));
    }
}
