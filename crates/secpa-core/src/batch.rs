//! Reading a candidature file into computable structures for the commands built on `compute`
//! (explain, diff, test, budget): the same required columns, cell parsers and diagnostics as
//! `compute`, so a row means the same thing to every command.

use std::path::Path;

use chrono::NaiveDate;

use crate::candidature::{self, Column, Opened};
use crate::compute::Inputs;
use crate::diagnostic::Diagnostic;
use crate::pipeline::{self, Accepted, Context, FileSummary, Filing, Purpose, Sink};
use crate::rules::{RuleSet, VersionId};
use crate::Error;

/// One raw cell the computation read, located as the spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellUsed {
    pub column: Column,
    /// Spreadsheet column letter ("H").
    pub letter: String,
    /// The header as she wrote it ("File active en médecine générale").
    pub header: String,
    /// The cell as written, trimmed.
    pub raw: String,
}

/// A row that passed every check, with what the computation reads.
#[derive(Debug, Clone)]
pub struct Structure {
    pub row: u64,
    pub finess: Option<String>,
    pub nom: Option<String>,
    pub inputs: Inputs,
    /// `date_entree`, read only when a year is asked for.
    pub entree: Option<NaiveDate>,
    /// The cells behind `inputs`, in column order.
    pub cells: Vec<CellUsed>,
    /// When it was filed, and the version (index in the set) whose eligibility rules
    /// judged it.
    pub filing: Filing,
    pub judged_by: VersionId,
    /// The provisional values and assumptions of that version that judged it.
    pub judged: Vec<crate::rules::RuleKey>,
}

/// Every accepted structure of a file and the problems of the others.
#[derive(Debug, Default)]
pub struct Batch {
    pub structures: Vec<Structure>,
    pub diagnostics: Vec<Diagnostic>,
    pub summary: FileSummary,
}

/// Reads a file (`-`: standard input) through the pipeline; with `year`, `date_entree` is
/// required too. Eligibility is judged with `set`, on each row's filing date (`as_of` for
/// a row without one).
pub fn read_path(
    path: &Path,
    options: &candidature::Options,
    set: &RuleSet,
    year: bool,
    as_of: NaiveDate,
) -> Result<Batch, Error> {
    read(candidature::open_with(path, options), set, year, as_of)
}

/// Reads every row of an opened file.
pub fn read(opened: Opened, set: &RuleSet, year: bool, as_of: NaiveDate) -> Result<Batch, Error> {
    let mut batch = Batch::default();
    batch.summary = stream(opened, set, year, as_of, true, &mut batch)?;
    Ok(batch)
}

/// What [`stream`] hands over, row by row: a command that needs only some structures, or
/// only sums of them, keeps what it needs (memory flat in the number of rows).
pub trait Each {
    /// A structure that passed every check.
    fn structure(&mut self, s: Structure) -> Result<(), Error>;
    /// A problem of a row or of the file.
    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), Error>;
}

impl Each for Batch {
    fn structure(&mut self, s: Structure) -> Result<(), Error> {
        self.structures.push(s);
        Ok(())
    }
    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), Error> {
        self.diagnostics.push(d);
        Ok(())
    }
}

/// Reads every row of an opened file like [`read`], handing each structure and diagnostic
/// to `each` as it comes; `cells`: whether [`Structure::cells`] is filled (only `explain`
/// shows them: several strings per row).
pub fn stream(
    opened: Opened,
    set: &RuleSet,
    year: bool,
    as_of: NaiveDate,
    cells: bool,
    each: &mut impl Each,
) -> Result<FileSummary, Error> {
    struct Collect<'e, E> {
        each: &'e mut E,
        year: bool,
        cells: bool,
    }
    impl<E: Each> Sink for Collect<'_, E> {
        fn diagnostic(&mut self, d: Diagnostic) -> Result<(), Error> {
            self.each.diagnostic(d)
        }
        fn accepted(&mut self, a: Accepted<'_>) -> Result<(), Error> {
            let Some(inputs) = a.inputs else {
                return Ok(());
            };
            let c = a.candidature;
            let cells = match self.cells {
                false => Vec::new(),
                true => crate::pipeline::computed_from(self.year)
                    .filter_map(|(column, _)| {
                        let position = a.row.position(column)?;
                        let raw = a.row.get(column).unwrap_or_default();
                        Some(CellUsed {
                            column,
                            letter: letter(position),
                            header: a.row.header_at(position).to_owned(),
                            raw: candidature::value::trim(&raw).to_owned(),
                        })
                    })
                    .collect(),
            };
            self.each.structure(Structure {
                row: a.row.number,
                finess: c.finess.as_deref().map(str::to_owned),
                nom: c.nom.as_deref().map(str::to_owned),
                inputs: inputs.clone(),
                entree: if self.year { c.date_entree } else { None },
                cells,
                filing: a.filing,
                judged_by: a.judged_by,
                judged: a.judged.to_vec(),
            })
        }
    }
    let ctx = Context {
        set,
        purpose: Purpose::Compute { entree: year },
        period: None,
        as_of,
        strict: false,
    };
    let mut sink = Collect { each, year, cells };
    pipeline::run(opened, &ctx, &mut sink)
}

/// Spreadsheet letter of a 0-based column position (the one place: `letter`).
pub use crate::letter::letter;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(7), "H");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }

    #[test]
    fn reads_like_compute_and_reports_bad_rows() {
        let text = b"nom,file_active_mg,taux_pauvrete,accord_ars_psy\nA,2 500,\"37,5 %\",oui\nB,deux,10,non\n";
        let opened = candidature::open_bytes("t.csv", text.to_vec(), None);
        let set = RuleSet::embedded().expect("embedded rules");
        let as_of = NaiveDate::from_ymd_opt(2022, 1, 1).expect("a date");
        let batch = read(opened, &set, false, as_of).expect("in memory");
        assert_eq!(batch.structures.len(), 1);
        let s = &batch.structures[0];
        assert_eq!((s.row, s.inputs.file_active), (2, 2500));
        assert_eq!(s.inputs.taux_pauvrete.to_string(), "37.5");
        assert_eq!(s.cells[0].letter, "B");
        // The optional conditions' columns are absent (I227, the file), row 2's agreement
        // without an amount rests on an assumption (W221), row 3 is E101.
        let codes: Vec<_> = batch.diagnostics.iter().map(|d| d.code()).collect();
        use crate::diagnostic::Code;
        assert_eq!(codes, [Code::I227, Code::W221, Code::E101]);
        assert!(batch.summary.usable);
    }
}
