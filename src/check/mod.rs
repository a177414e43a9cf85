//! `secpa check` without the I/O: a candidature file already opened, one rule version and
//! the shipped reference data in; every problem of every row out, as diagnostics. The
//! structure of the file (required columns, duplicates) is checked here, each row's
//! identifiers in `identity`, its eligibility in `eligibility`.

mod eligibility;
mod identity;
pub mod problem;

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::candidature::{value, Candidature, CandidatureFile, Cells, Column, Opened, Row};
use crate::diagnostic::{Diagnostic, Problem, Severity};
use crate::reference::{self, Reference};
use crate::rules::schema::Sourced;
use crate::rules::Version;
pub use problem::{CheckProblem, Cite};

impl From<CheckProblem> for Problem {
    fn from(p: CheckProblem) -> Problem {
        Problem::Check(p)
    }
}

/// Columns a candidature must have to be checked. `taux_pauvrete` is not among them: when
/// empty it is looked up from `code_qpv` or `code_commune`, which are.
pub const REQUIRED: &[Column] = &[
    Column::Finess,
    Column::TypeStructure,
    Column::CodeCommune,
    Column::Implantation,
    Column::CodeQpv,
    Column::FileActiveMg,
    Column::AnneeFileActive,
    Column::TiersPayant,
    Column::TarifsOpposables,
    Column::OuvertATous,
    Column::MissionProximite,
    Column::MissionAccueilVulnerables,
    Column::MissionSoutienPsychologique,
    Column::MissionMediationSante,
    Column::MissionDemarcheParticipative,
    Column::MissionAccompagnementSocial,
    Column::MissionInterpretariat,
    Column::MissionPrevention,
    Column::MissionFormationEvaluation,
    Column::AccordArsPsy,
    Column::DateEntree,
    Column::DateDepot,
    Column::StructureFondatrice,
];

/// Required columns whose empty cell means "missing" (an empty yes/no cell means no, an
/// empty `date_depot` is judged by the deadline rule).
const NOT_EMPTY: &[Column] = &[
    Column::Finess,
    Column::TypeStructure,
    Column::CodeCommune,
    Column::Implantation,
    Column::CodeQpv,
    Column::FileActiveMg,
    Column::AnneeFileActive,
    Column::TiersPayant,
    Column::DateEntree,
];

/// What checking one file found.
#[derive(Debug, Clone, Default)]
pub struct FileReport {
    pub path: String,
    /// Structures read (unreadable rows included). A count, not their row numbers: nothing
    /// kept grows with the rows but the FINESS keys of the duplicate check.
    pub structures: usize,
    /// Sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// Structures with no error: none when the file itself has one (a missing column
    /// leaves every row unjudged).
    pub fn eligible(&self) -> usize {
        // One pass over the diagnostics: a search per row was quadratic on large files.
        let errors: std::collections::HashSet<Option<u64>> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.row)
            .collect();
        if errors.contains(&None) || errors.contains(&Some(1)) {
            return 0;
        }
        // Every diagnostic below the header is on a structure's row (read or unreadable).
        self.structures.saturating_sub(errors.len())
    }
}

/// `secpa check` on one file's bytes, without I/O: what the command reports for a file
/// named `name` (CSV, or a workbook by its name or zip content, `sheet` or the first one).
/// The entry point of the property tests and the `check` fuzz target.
pub fn check_bytes(
    name: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    version: &Version,
) -> FileReport {
    check_file(crate::candidature::open_bytes(name, bytes, sheet), version)
}

/// Checks every row of an opened file against one rule version.
pub fn check_file(opened: Opened, version: &Version) -> FileReport {
    let mut file = match opened {
        Opened::Unreadable(d) => {
            return FileReport {
                path: d.file.clone(),
                structures: 0,
                diagnostics: vec![d],
            }
        }
        Opened::File(file) => file,
    };
    let mut report = FileReport {
        path: file.name.clone(),
        ..FileReport::default()
    };
    let diagnostics = &mut report.diagnostics;
    diagnostics.append(&mut file.header_diagnostics);
    missing_columns(&file, diagnostics);
    let reference = reference::get();
    let mut finesses = Finesses::default();
    while let Some(row) = file.next_row() {
        let row = match row {
            Ok(row) => row,
            Err(d) => {
                report.structures += usize::from(d.row.is_some());
                diagnostics.push(d);
                continue;
            }
        };
        report.structures += 1;
        let mut cells = Cells {
            row: &row,
            file: &report.path,
            diagnostics,
        };
        let candidature = Candidature::read(&mut cells);
        check_row(&candidature, version, reference, &mut cells);
        if let Some(finess) = &candidature.finess {
            if let Some(first_row) = finesses.add(finess, row.number) {
                report_cell(
                    &mut cells,
                    Column::Finess,
                    CheckProblem::DuplicateFiness { first_row },
                );
            }
        }
    }
    finesses.report_repeats(&report.path, diagnostics);
    if file.rows_read() == 0 {
        diagnostics.push(Diagnostic::new(
            &report.path,
            None,
            None,
            None,
            Problem::NoRows,
        ));
    }
    crate::diagnostic::sort(diagnostics);
    report
}

/// The FINESS numbers of a file, for E009 (a number repeated, naming its first row).
/// A well-formed number (9 characters, digits but Corsica's `2A`/`2B`) is kept as a 32-bit
/// key packed with its row, 8 bytes a row: a `String` in a map cost ≈ 70 and was most of
/// `check`'s memory on large files. Its repeats are found by sorting, once the file is read,
/// and reported with the same diagnostic as before (the diagnostics are sorted anyway).
/// Anything else (rare) stays text and is found as it comes.
#[derive(Default)]
struct Finesses {
    /// `key << 32 | row`, while every row fits in 32 bits.
    packed: Vec<u64>,
    /// `(key, row)`, once a row does not (a file of over 4 billion rows): `packed` moves here.
    wide: Vec<(u32, u64)>,
    /// The trimmed cell of a keyed number not written as its key reads back (spaces,
    /// lower-case `2a`), to quote if it is a repeat; by row, in row order.
    written: Vec<(u64, Box<str>)>,
    /// Numbers that have no key, by compact upper-case text: their first row.
    other: HashMap<String, u64>,
}

impl Finesses {
    /// Notes the number of a row; `Some(first row)` when it is a repeat found right away.
    fn add(&mut self, finess: &str, row: u64) -> Option<u64> {
        let key = match finess_key(finess) {
            Some(key) => key,
            None => {
                let text = reference::identifier::compact(finess).to_ascii_uppercase();
                let Some(key) = finess_key(&text) else {
                    let first = *self.other.entry(text).or_insert(row);
                    return (first != row).then_some(first);
                };
                self.written.push((row, finess.into()));
                key
            }
        };
        match u32::try_from(row) {
            Ok(small) if self.wide.is_empty() => {
                self.packed.push(u64::from(key) << 32 | u64::from(small))
            }
            _ => {
                let packed = std::mem::take(&mut self.packed);
                self.wide.extend(
                    packed
                        .into_iter()
                        .map(|p| ((p >> 32) as u32, p & 0xffff_ffff)),
                );
                self.wide.push((key, row));
            }
        }
        None
    }

    /// One E009 per repeat of a keyed number, on its row, naming the first row.
    fn report_repeats(mut self, file: &str, diagnostics: &mut Vec<Diagnostic>) {
        self.packed.sort_unstable();
        self.wide.sort_unstable();
        let packed = self
            .packed
            .iter()
            .map(|p| ((p >> 32) as u32, p & 0xffff_ffff));
        let mut first: Option<(u32, u64)> = None;
        for (key, row) in packed.chain(self.wide.iter().copied()) {
            match first {
                Some((k, first_row)) if k == key => {
                    let written = self
                        .written
                        .binary_search_by_key(&row, |(r, _)| *r)
                        .ok()
                        .map(|i| self.written[i].1.to_string());
                    let value = written.unwrap_or_else(|| finess_text(key));
                    diagnostics.push(Diagnostic::new(
                        file,
                        Some(row),
                        Some(Column::Finess.name()),
                        Some(&value),
                        Problem::Check(CheckProblem::DuplicateFiness { first_row }),
                    ));
                }
                _ => first = Some((key, row)),
            }
        }
    }
}

/// The key of a FINESS number written as 9 characters, digits but the second, which may be
/// `A` or `B` (Corsica): mixed radix 10·12·10⁷, so below 1.2·10⁹ and one number per text.
fn finess_key(text: &str) -> Option<u32> {
    let b: &[u8; 9] = text.as_bytes().try_into().ok()?;
    let digit = |c: u8| c.is_ascii_digit().then(|| u32::from(c - b'0'));
    let second = match b[1] {
        b'A' => 10,
        b'B' => 11,
        c => digit(c)?,
    };
    let mut key = digit(b[0])? * 12 + second;
    for &c in &b[2..] {
        key = key * 10 + digit(c)?;
    }
    Some(key)
}

/// The text a key stands for: `finess_key` backwards.
fn finess_text(mut key: u32) -> String {
    let mut b = [0u8; 9];
    for i in (2..9).rev() {
        b[i] = b'0' + (key % 10) as u8;
        key /= 10;
    }
    b[1] = match key % 12 {
        10 => b'A',
        11 => b'B',
        d => b'0' + d as u8,
    };
    b[0] = b'0' + (key / 12) as u8;
    String::from_utf8_lossy(&b).into_owned()
}

/// One diagnostic per required column the header lacks, not one per row.
fn missing_columns(file: &CandidatureFile, diagnostics: &mut Vec<Diagnostic>) {
    let header = &file.header;
    let mut missing: Vec<Column> = REQUIRED
        .iter()
        .copied()
        .filter(|c| !header.has(*c))
        .collect();
    if !header.has(Column::CodeQpv) && !header.has(Column::CodeCommune) {
        missing.push(Column::TauxPauvrete);
    }
    for column in missing {
        diagnostics.push(Diagnostic::new(
            &file.name,
            Some(1),
            Some(column.name()),
            None,
            Problem::MissingColumn,
        ));
    }
}

/// Every check of one typed row; the cells' own format problems are already reported.
pub fn check_row(
    c: &Candidature,
    version: &Version,
    reference: &Reference,
    cells: &mut Cells<'_, '_>,
) {
    for column in NOT_EMPTY {
        if is_blank(cells.row, *column) {
            cells.problem(*column, None, Problem::MissingValue);
        }
    }
    identity::check(c, reference, cells);
    eligibility::check(c, version, reference, cells);
}

/// Whether the column is present and its cell empty (absent columns are reported once, as
/// missing columns; an invalid cell already has its diagnostic).
fn is_blank(row: &Row<'_>, column: Column) -> bool {
    row.get(column)
        .is_some_and(|cell| value::trim(&cell).is_empty())
}

/// Reports a problem on a cell, quoting its raw text.
fn report_cell(cells: &mut Cells<'_, '_>, column: Column, problem: CheckProblem) {
    let raw = cells.row.get(column).map(|c| c.into_owned());
    let raw = raw.as_deref().filter(|r| !value::trim(r).is_empty());
    cells.problem(column, raw, Problem::Check(problem));
}

/// The citation of a rule value: its version, its source's title, whether provisional.
fn cite<T>(version: &Version, value: &Sourced<T>) -> Cite {
    let id = value.source.get_ref();
    Cite {
        version: version.rules.id.clone(),
        source: version
            .source(id)
            .map_or_else(|| id.clone(), |s| s.text.clone()),
        provisional: value.provisional,
    }
}

/// The poverty rate of a row whose `taux_pauvrete` is empty: the shipped rate of its 2015
/// QPV, else of its commune. `Ok` carries the I218 information to report, `Err` the E219.
pub fn poverty(
    code_qpv: Option<&str>,
    code_commune: Option<&str>,
) -> Result<(Decimal, CheckProblem), CheckProblem> {
    let found = reference::get()
        .poverty(code_qpv, code_commune)
        .ok_or(CheckProblem::NoPovertyRate)?;
    Ok((
        found.rate,
        CheckProblem::PovertyLookedUp {
            rate: found.rate,
            source: found.source,
            code: found.code,
        },
    ))
}

/// `poverty` for a row being read: reports I218 or E219 on `taux_pauvrete` and gives the rate.
pub fn look_up_poverty(cells: &mut Cells<'_, '_>) -> Option<Decimal> {
    let code_qpv = cells.text(Column::CodeQpv);
    let code_commune = cells.text(Column::CodeCommune);
    match poverty(code_qpv.as_deref(), code_commune.as_deref()) {
        Ok((rate, info)) => {
            cells.problem(Column::TauxPauvrete, None, info.into());
            Some(rate)
        }
        Err(problem) => {
            cells.problem(Column::TauxPauvrete, None, problem.into());
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidature::sheet;
    use crate::rules::RuleSet;
    use proptest::prelude::*;

    /// Parsed once: the property tests run hundreds of cases.
    fn version() -> &'static Version {
        static VERSION: std::sync::OnceLock<Version> = std::sync::OnceLock::new();
        VERSION
            .get_or_init(|| RuleSet::embedded().expect("embedded rules load").versions()[0].clone())
    }

    /// A header every check reads, so random rows reach the eligibility code too.
    const HEADER: &str = "finess,siret,type_structure,code_commune,implantation,code_qpv,file_active_mg,annee_file_active,taux_pauvrete,tiers_payant,mission_proximite,montant_psy_demande,accord_ars_psy,date_entree,date_depot,structure_fondatrice\n";

    #[test]
    fn finess_keys_read_back_and_never_collide() {
        for text in [
            "000000000",
            "999999999",
            "2A0000000",
            "2B9999999",
            "930000011",
            "9B1234567",
        ] {
            let key = finess_key(text).expect("keyed");
            assert_eq!(finess_text(key), text);
        }
        assert_ne!(finess_key("210000000"), finess_key("2A0000000"));
        assert_ne!(finess_key("220000000"), finess_key("2B0000000"));
        for text in [
            "2a0000000",
            "93000001",
            "9300000111",
            "93 000 0011",
            "2C0000000",
            "A30000000",
        ] {
            assert_eq!(finess_key(text), None, "{text}");
        }
    }

    #[test]
    fn repeats_name_the_first_row_and_quote_the_cell_as_written() {
        let mut f = Finesses::default();
        let rows = [
            (2, "930000011"),
            (3, "2a0000001"),
            (4, "93 000 0011"),
            (5, "2A0000001"),
            (6, "X1"),
            (7, "x1"),
            (8, "930000011"),
        ];
        let inline: Vec<_> = rows.iter().map(|(r, t)| f.add(t, *r)).collect();
        assert_eq!(inline, [None, None, None, None, None, Some(6), None]);
        let mut d = Vec::new();
        f.report_repeats("f.csv", &mut d);
        let found: Vec<_> = d
            .iter()
            .map(|d| {
                (
                    d.row,
                    d.value.clone().unwrap_or_default(),
                    d.problem.clone(),
                )
            })
            .collect();
        let dup = |first_row| Problem::Check(CheckProblem::DuplicateFiness { first_row });
        assert_eq!(
            found,
            [
                (Some(5), "2A0000001".to_owned(), dup(3)),
                (Some(4), "93 000 0011".to_owned(), dup(2)),
                (Some(8), "930000011".to_owned(), dup(2)),
            ]
        );
    }

    #[test]
    fn rows_beyond_32_bits_keep_their_first_row() {
        let mut f = Finesses::default();
        let big = u64::from(u32::MAX) + 10;
        assert_eq!(f.add("930000011", 2), None);
        assert_eq!(f.add("930000011", big), None);
        assert_eq!(f.add("2A0000001", big + 1), None);
        assert_eq!(f.add("2A0000001", big + 2), None);
        let mut d = Vec::new();
        f.report_repeats("f.csv", &mut d);
        let found: Vec<_> = d.iter().map(|d| (d.row, d.problem.clone())).collect();
        let dup = |first_row| Problem::Check(CheckProblem::DuplicateFiness { first_row });
        assert_eq!(found, [(Some(big + 2), dup(big + 1)), (Some(big), dup(2))]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_bytes_give_diagnostics_or_success_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let v = version();
            let opened = CandidatureFile::from_reader("p.csv", std::io::Cursor::new(bytes.clone()));
            if let Ok(opened) = opened {
                let report = check_file(opened, v);
                prop_assert!(report.eligible() <= report.structures);
            }
            // The same bytes taken for a workbook, and behind a zip signature.
            let _ = check_file(sheet::open("p.xlsx", bytes.clone(), None), v);
            let mut zipped = b"PK\x03\x04".to_vec();
            zipped.extend(bytes);
            let _ = check_file(sheet::open("p.xlsx", zipped, Some("x")), v);
        }

        #[test]
        fn any_cells_under_a_full_header_never_panic(cells in proptest::collection::vec("[ -~éÉ€\u{a0}]{0,12}", 16)) {
            let v = version();
            let mut text = HEADER.to_owned();
            let row: Vec<String> = cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
            text.push_str(&row.join(","));
            let opened = CandidatureFile::from_reader("p.csv", std::io::Cursor::new(text.into_bytes()))
                .expect("in-memory read");
            let report = check_file(opened, v);
            prop_assert_eq!(report.structures, 1);
        }
    }
}
