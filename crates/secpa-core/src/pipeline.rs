//! The one road every command takes through a candidature file:
//!
//! opened file → rows → typed [`Candidature`] → checks (cell values, identifiers,
//! duplicates, eligibility under the rules in force on the filing date) → [`Inputs`] →
//! amounts for the period, when one is given.
//!
//! `check`, `compute`, `explain`, `diff`, `test`, `budget` and the library entry points
//! all read rows here, so a row means the same thing to every command, and nothing is
//! paid that `check` refuses. Rows are handed to a [`Sink`] one at a time, each after its
//! own diagnostics (sorted), so that nothing held grows with the rows but the FINESS
//! numbers of the duplicate check.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::candidature::{value, Candidature, CandidatureFile, Cells, Column, Opened, Row};
use crate::check::{self, CheckProblem};
use crate::compute::{self, Inputs, NotEligible, Period};
use crate::diagnostic::{self, Diagnostic, Problem, Severity};
use crate::reference;
use crate::reference::identifier::{self, Finess};
use crate::rules::{RuleKey, RuleSet, VersionId};
use crate::Error;

mod checked;
mod structure;
mod tally;
mod totals;

pub use checked::{check_bytes, check_file, FileReport};
pub use structure::{StructureResult, StructureView};
pub use tally::{Tally, Total};

/// What a command reads the rows for: it decides which columns a file must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `secpa check`: every column of a candidature is required.
    Check,
    /// The commands that compute: the columns of the computation are required
    /// (`date_entree` too for a calendar year); every check whose columns are present runs,
    /// and the absent ones are named once ([`FileSummary::unchecked`]).
    Compute { entree: bool },
}

impl Purpose {
    /// The columns without which the file cannot be used at all (E005).
    fn required(self) -> Vec<Column> {
        match self {
            Purpose::Check => check::REQUIRED.to_vec(),
            Purpose::Compute { entree } => computed_from(entree)
                .filter(|(_, need)| *need != Need::Optional)
                .map(|(column, _)| column)
                .collect(),
        }
    }
}

/// Whether a file read to compute must have a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Without it nothing is computed (E005).
    Required,
    /// Read when there (an absent amount asked for D4 follows the rule file's assumption).
    Optional,
    /// Required with a year only: the months are counted from the date of entry.
    WithYear,
}

/// The columns the computation reads, each declared once: what the file must have
/// ([`Purpose::required`]) and what `explain` shows as the cells used (`batch`). An empty
/// `taux_pauvrete` cell may be looked up from `code_qpv` or `code_commune`, but the column
/// itself must be there.
pub const COMPUTED_FROM: [(Column, Need); 5] = [
    (Column::FileActiveMg, Need::Required),
    (Column::TauxPauvrete, Need::Required),
    (Column::AccordArsPsy, Need::Required),
    (Column::MontantPsyDemande, Need::Optional),
    (Column::DateEntree, Need::WithYear),
];

/// [`COMPUTED_FROM`], with a year's columns when `year` (required then).
pub fn computed_from(year: bool) -> impl Iterator<Item = (Column, Need)> {
    COMPUTED_FROM
        .into_iter()
        .filter(move |(_, need)| year || *need != Need::WithYear)
        .map(|(column, need)| match need {
            Need::WithYear => (column, Need::Required),
            other => (column, other),
        })
}

/// What the rows are read with.
pub struct Context<'a> {
    pub set: &'a RuleSet,
    pub purpose: Purpose,
    /// The period amounts are computed for; `None`: rows are checked and typed, and the
    /// command computes itself (explain, diff, budget, test).
    pub period: Option<&'a Period>,
    /// The filing date of a row that gives none (`--as-of`, else today).
    pub as_of: NaiveDate,
    /// Warnings count as errors (`check --strict`): such a row is refused.
    pub strict: bool,
}

impl<'a> Context<'a> {
    /// What `secpa check` reads with: every column required, nothing computed.
    pub fn check(set: &'a RuleSet, as_of: NaiveDate) -> Context<'a> {
        Context {
            set,
            purpose: Purpose::Check,
            period: None,
            as_of,
            strict: false,
        }
    }

    /// What `secpa compute` reads with: the computation's columns (`date_entree` for a
    /// year), amounts for `period`.
    pub fn compute(set: &'a RuleSet, period: &'a Period, as_of: NaiveDate) -> Context<'a> {
        Context {
            set,
            purpose: Purpose::Compute {
                entree: period.plan().is_some(),
            },
            period: Some(period),
            as_of,
            strict: false,
        }
    }
}

/// The date a candidature is judged on, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filing {
    /// `date_depot`.
    Depot(NaiveDate),
    /// A founding structure without `date_depot`: its `date_entree`.
    Entree(NaiveDate),
    /// Neither: `--as-of`, else today.
    AsOf(NaiveDate),
}

impl Filing {
    pub fn date(self) -> NaiveDate {
        match self {
            Filing::Depot(d) | Filing::Entree(d) | Filing::AsOf(d) => d,
        }
    }

    fn of(c: &Candidature, as_of: NaiveDate) -> Filing {
        match (c.date_depot, c.structure_fondatrice, c.date_entree) {
            (Some(d), _, _) => Filing::Depot(d),
            (None, Some(true), Some(d)) => Filing::Entree(d),
            _ => Filing::AsOf(as_of),
        }
    }
}

/// A row with no error: checked, typed and, with a period, computed.
pub struct Accepted<'a> {
    pub row: &'a Row<'a>,
    pub candidature: &'a Candidature<'a>,
    /// What the computation reads (with [`Purpose::Compute`]).
    pub inputs: Option<&'a Inputs>,
    /// When the candidature was filed, and the version (index in the set) whose
    /// eligibility rules judged it.
    pub filing: Filing,
    pub judged_by: VersionId,
    /// The provisional values and assumptions of that version that judged it (with
    /// [`Purpose::Compute`]).
    pub judged: &'a [RuleKey],
    /// The amounts for the period, when one is given.
    pub computed: Option<StructureView<'a>>,
}

/// Where rows and diagnostics go, in row order.
pub trait Sink {
    /// The file is usable (readable, with the columns needed): rows follow. Not called
    /// for a file that cannot be used, so that nothing is written for it.
    fn begin(&mut self) -> Result<(), Error> {
        Ok(())
    }
    /// A diagnostic; a row's come sorted, before the row itself.
    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), Error>;
    /// A row with no error.
    fn accepted(&mut self, row: Accepted<'_>) -> Result<(), Error>;
}

/// A sink that keeps everything, for the library entry points, `secpa test` and the web
/// page (the commands stream instead).
#[derive(Debug, Default)]
pub struct Collect {
    pub diagnostics: Vec<Diagnostic>,
    /// The computed structures (with a period).
    pub structures: Vec<StructureResult>,
    /// The file was usable when the rows began.
    pub begun: bool,
    /// The versions whose eligibility rules judged the computed structures.
    pub judged: std::collections::BTreeSet<VersionId>,
}

impl Sink for Collect {
    fn begin(&mut self) -> Result<(), Error> {
        self.begun = true;
        Ok(())
    }

    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), Error> {
        self.diagnostics.push(d);
        Ok(())
    }

    fn accepted(&mut self, a: Accepted<'_>) -> Result<(), Error> {
        if let Some(s) = a.computed {
            self.judged.insert(a.judged_by);
            self.structures.push(s.to_owned());
        }
        Ok(())
    }
}

/// What reading one file gave, beyond what went to the sink.
#[derive(Debug, Clone, Default)]
pub struct FileSummary {
    /// The file's name in diagnostics.
    pub name: String,
    /// Whether the file could be used: readable, not empty, with the required columns
    /// and no column twice. When not, the run exits 2 and writes no output file.
    pub usable: bool,
    /// Structure rows read, unreadable rows included.
    pub structures: u64,
    /// Rows with an error: not paid.
    pub refused: u64,
    /// Columns of the candidature absent from a file read to compute: the checks that
    /// need them did not run, and every output says so.
    pub unchecked: Vec<Column>,
    /// The optional columns of eligibility conditions the file lacks (I227): those
    /// conditions were not checked, for any row; the check summary says so.
    pub conditions_unchecked: Vec<Column>,
    /// Every diagnostic counted by severity (after `--strict`), with the rows refused and
    /// the total rows skipped: the run's one count, for the exit code, the summaries and
    /// the Provenance sheet of `compute --format xlsx`, CLI and web page.
    pub counts: diagnostic::Counts,
}

impl FileSummary {
    /// Rows with no error (none when the file cannot be used).
    pub fn accepted(&self) -> u64 {
        if self.usable {
            self.structures - self.refused
        } else {
            0
        }
    }
}

/// Reads every row of an opened file into `sink`.
pub fn run(opened: Opened, ctx: &Context, sink: &mut impl Sink) -> Result<FileSummary, Error> {
    run_batch(opened, ctx, sink, &mut Batch::default())
}

/// Reads every row of one file of a batch (`check A B C`) into `sink`: a FINESS already
/// seen in an earlier file of `batch` is E009 too, naming that file and row.
pub fn run_batch(
    opened: Opened,
    ctx: &Context,
    sink: &mut impl Sink,
    batch: &mut Batch,
) -> Result<FileSummary, Error> {
    let mut out = Out {
        sink,
        strict: ctx.strict,
        summary: FileSummary::default(),
        header: None,
    };
    let mut file = match opened {
        Opened::Unreadable(d) => {
            out.summary.name = d.file.clone();
            out.emit(d)?;
            return Ok(out.summary);
        }
        Opened::File(file) => file,
    };
    out.summary.name = file.name.clone();
    out.header = Some(file.header.clone());
    let mut header = std::mem::take(&mut file.header_diagnostics);
    let missing = missing_columns(&file, &header, ctx.purpose);
    header.extend(missing);
    out.summary.conditions_unchecked = conditions_unchecked(&file, ctx.set);
    if !out.summary.conditions_unchecked.is_empty() {
        header.push(Diagnostic::new(
            &file.name,
            None,
            None,
            None,
            Problem::Check(check::CheckProblem::ConditionsUnchecked {
                columns: out
                    .summary
                    .conditions_unchecked
                    .iter()
                    .map(|c| c.name())
                    .collect(),
            }),
        ));
    }
    let header_errors = header.iter().any(|d| d.severity == Severity::Error);
    out.summary.usable = !header_errors;
    if let Purpose::Compute { .. } = ctx.purpose {
        // With the optional columns of conditions the file lacks (I227): every output of
        // the computation says those conditions were not checked either.
        out.summary.unchecked = check::REQUIRED
            .iter()
            .copied()
            .filter(|c| !file.header.has(*c))
            .chain(out.summary.conditions_unchecked.iter().copied())
            .collect();
        if header_errors {
            // Nothing can be computed from this file: its header says why.
            diagnostic::sort(&mut header);
            out.emit_all(&mut header)?;
            return Ok(out.summary);
        }
    }
    if out.summary.usable {
        out.sink.begin()?;
    }
    let mut reader = Rows {
        ctx,
        name: file.name.clone(),
        finesses: &mut batch.finesses,
        cache: Cache::default(),
        batch: Vec::new(),
        totals: totals::Totals::default(),
    };
    // Held back until the first row: a file without rows adds E003, which sorts first.
    reader.finesses.begin_file(&file.name);
    let mut pending = Some(header);
    while let Some(row) = file.next_row() {
        if let Some(mut header) = pending.take() {
            diagnostic::sort(&mut header);
            out.emit_all(&mut header)?;
        }
        reader.row(row, &mut out)?;
    }
    if file.rows_read() == 0 {
        let mut header = pending.take().unwrap_or_default();
        // A file whose header could not be found has no rows to speak of: E005 says why.
        if file.header.found {
            header.push(Diagnostic::new(
                &file.name,
                None,
                None,
                None,
                Problem::NoRows,
            ));
        }
        out.summary.usable = false;
        diagnostic::sort(&mut header);
        out.emit_all(&mut header)?;
    }
    batch.finesses.end_file();
    Ok(out.summary)
}

/// What the files of one run share: the FINESS numbers seen so far, so that a structure
/// on two files of a batch is refused like one on two rows of a file (E009).
#[derive(Default)]
pub struct Batch {
    finesses: Finesses,
}

/// The sink, with the counts of the summary and `--strict` applied on the way.
struct Out<'s, S: Sink> {
    sink: &'s mut S,
    strict: bool,
    summary: FileSummary,
    /// The file's header, which names every diagnostic's column in her words
    /// ([`crate::candidature::Header::name`]); `None` for a file that could not be opened.
    header: Option<crate::candidature::Header>,
}

impl<S: Sink> Out<'_, S> {
    fn emit(&mut self, mut d: Diagnostic) -> Result<(), Error> {
        if let Some(header) = &self.header {
            header.name(&mut d);
        }
        // Only a real error leaves the file unusable: a file-level warning raised by
        // --strict (W018) fails the run like a row's, with exit 1, its rows still read.
        let unusable = d.severity == Severity::Error && d.row.is_none();
        if self.strict && d.severity == Severity::Warning {
            d.severity = Severity::Error;
        }
        if unusable {
            self.summary.usable = false;
        }
        self.summary.counts.add(&d);
        self.sink.diagnostic(d)
    }

    fn emit_all(&mut self, diagnostics: &mut Vec<Diagnostic>) -> Result<(), Error> {
        for d in diagnostics.drain(..) {
            self.emit(d)?;
        }
        Ok(())
    }
}

/// One diagnostic per required column the header lacks, unless a header was taken for it
/// (E016 names it already). `taux_pauvrete` is required like the others: only an empty
/// cell of an existing column has its rate looked up (I218), so that a column the file
/// names otherwise never makes secpa use a rate nobody wrote.
fn missing_columns(
    file: &CandidatureFile,
    said: &[Diagnostic],
    purpose: Purpose,
) -> Vec<Diagnostic> {
    let header = &file.header;
    let named = |c: Column| {
        said.iter()
            .any(|d| d.problem == Problem::LookalikeColumn { column: c.name() })
    };
    // Which row was taken for the header is said once, on the first of the list as it
    // is shown (by column name).
    let first = purpose
        .required()
        .iter()
        .filter(|c| !header.has(**c) && !named(**c))
        .map(|c| c.name())
        .min();
    purpose
        .required()
        .iter()
        .copied()
        .filter(|c| !header.has(*c) && !named(*c))
        .map(|column| {
            let guess = file.guess.filter(|_| first == Some(column.name()));
            Diagnostic::new(
                &file.name,
                Some(header.row),
                Some(column.name()),
                None,
                Problem::MissingColumn { guess },
            )
        })
        .collect()
}

/// I227: the optional columns of eligibility conditions (`activite_…`) that the file lacks
/// while a loaded version declares their condition: one info for the file, naming them, so
/// that every output says the conditions were not checked, never once per row.
fn conditions_unchecked(file: &CandidatureFile, set: &RuleSet) -> Vec<Column> {
    let declared = |c: Column| {
        set.versions().iter().any(|v| {
            let e = &v.rules.eligibility;
            match c {
                Column::ActiviteMg => e.activite_majoritaire_medecine_generale.is_some(),
                _ => e.activite_paramedicale.is_some(),
            }
        })
    };
    let absent: Vec<Column> = Column::ALL
        .iter()
        .copied()
        .filter(|c| c.is_optional_condition() && !file.header.has(*c) && declared(*c))
        .collect();
    match file.header.found {
        true => absent,
        false => Vec::new(),
    }
}

/// The state of the row loop.
struct Rows<'c> {
    ctx: &'c Context<'c>,
    name: String,
    finesses: &'c mut Finesses,
    cache: Cache,
    /// The diagnostics of the row being read, reused from row to row.
    batch: Vec<Diagnostic>,
    /// The sums of the rows above, to tell a total row from a structure.
    totals: totals::Totals,
}

impl Rows<'_> {
    fn row<S: Sink>(
        &mut self,
        row: Result<Row<'_>, Diagnostic>,
        out: &mut Out<'_, S>,
    ) -> Result<(), Error> {
        let row = match row {
            Ok(row) => row,
            Err(d) => {
                out.summary.structures += u64::from(d.row.is_some());
                out.summary.refused += u64::from(d.row.is_some());
                return out.emit(d);
            }
        };
        // A total row is never paid, and said once: none of a structure's checks apply.
        if let Some(column) = self.totals.said(&row) {
            let cell = row.get(column);
            let label = cell.as_deref().map(value::trim);
            let problem = Problem::TotalRow;
            let d = Diagnostic::new(
                &self.name,
                Some(row.number),
                Some(column.name()),
                label,
                problem,
            );
            return out.emit(d);
        }
        out.summary.structures += 1;
        let ctx = self.ctx;
        let mut cells = Cells {
            row: &row,
            file: &self.name,
            diagnostics: &mut self.batch,
        };
        let mut c = Candidature::read(&mut cells);
        // A sum of the rows above that does not say so: refused, for that alone.
        if let Some(problem) = self.totals.summed(&row, &c) {
            cells.diagnostics.clear();
            let cell = row.get(Column::FileActiveMg);
            cells.problem(Column::FileActiveMg, cell.as_deref(), problem);
            out.summary.refused += 1;
            return out.emit_all(&mut self.batch);
        }
        let filing = Filing::of(&c, ctx.as_of);
        let judged_by = ctx.set.judging(filing.date()).unwrap_or_default();
        let judge = ctx.set.version(judged_by);
        // An empty rate is looked up where the judging version assumes (its order of sources).
        let looked_up = c.taux_pauvrete.is_none() && cells.text(Column::TauxPauvrete).is_none();
        if looked_up {
            c.taux_pauvrete = poverty(judge, &mut cells);
        }
        let reference = reference::get();
        check::check_row(&c, judge, reference, &mut cells);
        if let Some(finess) = &c.finess {
            if let Some((first_row, first_file)) = self.finesses.add(finess, row.number) {
                let problem = Problem::Check(CheckProblem::DuplicateFiness {
                    first_row,
                    first_file,
                });
                cells.problem(Column::Finess, Some(finess), problem);
            }
        }
        let inputs = match ctx.purpose {
            Purpose::Compute { entree } => inputs(&c, entree, &mut cells),
            Purpose::Check => None,
        };
        // Under --strict a warning refuses the row too ([`Out::emit`] raises it to an error).
        let refused = self.batch.iter().any(|d| {
            d.severity == Severity::Error || (ctx.strict && d.severity == Severity::Warning)
        });
        // The provisional values and assumptions that judged the row are said with its
        // amounts, as those the amounts rest on (compute here, budget through `Accepted`).
        self.cache.judged.clear();
        if inputs.is_some() {
            check::judged_with(&c, judge, looked_up, &mut self.cache.judged);
            self.cache.judged.retain(|k| judge.is_provisional(*k));
        }
        let computed = match (&inputs, ctx.period, refused) {
            (Some(inputs), Some(period), false) => {
                match compute_row(&c, inputs, period, ctx.set, &mut self.cache) {
                    Ok(computed) => Some(computed),
                    Err(e) => {
                        let d = not_eligible(&self.name, row.number, &e, ctx.set);
                        self.batch.push(d);
                        None
                    }
                }
            }
            _ => None,
        };
        let refused = refused || (ctx.period.is_some() && inputs.is_some() && computed.is_none());
        out.summary.refused += u64::from(refused);
        diagnostic::sort(&mut self.batch);
        out.emit_all(&mut self.batch)?;
        if refused {
            return Ok(());
        }
        let computed = computed.map(|(amounts, months, provisional)| StructureView {
            row: row.number,
            finess: c.finess.as_deref().map(Cow::Borrowed),
            nom: c.nom.as_deref().map(Cow::Borrowed),
            months,
            amounts,
            versions: &self.cache.versions,
            provisional: &self.cache.provisional[provisional].2,
        });
        out.sink.accepted(Accepted {
            row: &row,
            candidature: &c,
            inputs: inputs.as_ref(),
            filing,
            judged_by,
            judged: &self.cache.judged,
            computed,
        })
    }
}

/// What `compute` finds in a candidature file given as bytes, without any I/O: the
/// structures and the diagnostics, in output order. With `year`, amounts due for that year;
/// otherwise annual amounts under the version in force on `as_of` (also the filing date of
/// a row without one). For the library, property tests and fuzzing, which must reach the
/// same code as the binary.
pub fn compute_bytes(
    bytes: &[u8],
    set: &RuleSet,
    year: Option<i32>,
    as_of: NaiveDate,
) -> Result<(Vec<StructureResult>, Vec<Diagnostic>), Error> {
    let (period, _) = Period::choose(set, year, Some(as_of), as_of)?;
    let ctx = Context::compute(set, &period, as_of);
    let opened = crate::candidature::open_bytes("input.csv", bytes.to_vec(), None);
    let mut sink = Collect::default();
    run(opened, &ctx, &mut sink)?;
    Ok((sink.structures, sink.diagnostics))
}

/// The poverty rate of a row whose `taux_pauvrete` cell is empty: looked up from its QPV
/// or commune (I218, or E219 when no rate is shipped for them). Without a column to look it
/// up from, an empty cell is a missing value (E106). Never when the column is absent.
fn poverty(
    version: &crate::rules::Version,
    cells: &mut Cells<'_, '_>,
) -> Option<rust_decimal::Decimal> {
    cells.row.get(Column::TauxPauvrete)?;
    let can_look_up =
        cells.row.get(Column::CodeQpv).is_some() || cells.row.get(Column::CodeCommune).is_some();
    if can_look_up {
        check::look_up_poverty(version, cells)
    } else {
        cells.problem(Column::TauxPauvrete, None, Problem::MissingValue);
        None
    }
}

/// What the computation reads from a checked row; `None` when a value it needs is missing
/// (reported: E106 unless the cell already has its diagnostic).
fn inputs(c: &Candidature, entree: bool, cells: &mut Cells<'_, '_>) -> Option<Inputs> {
    let missing = |cells: &mut Cells<'_, '_>, column: Column| {
        let blank = cells
            .row
            .get(column)
            .is_none_or(|cell| value::trim(&cell).is_empty());
        // E106 for an empty cell, unless the checks already said so.
        let said = cells
            .diagnostics
            .iter()
            .any(|d| d.column.as_deref() == Some(column.name()));
        if blank && !said {
            cells.problem(column, None, Problem::MissingValue);
        }
    };
    if c.file_active_mg.is_none() {
        missing(cells, Column::FileActiveMg);
    }
    if c.taux_pauvrete.is_none() {
        missing(cells, Column::TauxPauvrete);
    }
    if entree && c.date_entree.is_none() {
        missing(cells, Column::DateEntree);
    }
    Some(Inputs {
        file_active: c.file_active_mg?,
        taux_pauvrete: c.taux_pauvrete?,
        accord_ars_psy: c.accord_ars_psy.unwrap_or(false),
        montant_psy_demande: c.montant_psy_demande,
    })
}

/// The diagnostic for a structure below the minimum file active of a version used by the
/// period (its eligibility was judged by the filing date's version, which may differ).
pub fn not_eligible(file: &str, row: u64, e: &NotEligible, set: &RuleSet) -> Diagnostic {
    let rule = crate::diagnostic::Cite::of(set, &e.version, RuleKey::FileActiveMin);
    let problem = Problem::FileActiveBelowMin {
        value: e.file_active,
        min: e.min,
        rule,
    };
    Diagnostic::new(
        file,
        Some(row),
        Some(Column::FileActiveMg.name()),
        Some(&e.file_active.to_string()),
        problem,
    )
}

/// A row's amounts: (amounts, months counted with a year, where its provisional values
/// are in the cache).
type Computed = (compute::Amounts, Option<u32>, usize);

fn compute_row(
    c: &Candidature,
    inputs: &Inputs,
    period: &Period,
    set: &RuleSet,
    cache: &mut Cache,
) -> Result<Computed, NotEligible> {
    // With a year, `inputs` checked that `date_entree` is there.
    let evaluation = period.evaluate(inputs, c.date_entree, set)?;
    cache.versions.clear();
    cache
        .versions
        .extend(evaluation.lines().map(|(version, _)| version));
    let provisional = cache.provisional(set, &evaluation);
    Ok((*evaluation.amounts(), evaluation.months(), provisional))
}

/// A version used by a structure (index in the set), its D1 step, D2 band and whether D4
/// was assumed.
type Used = (VersionId, usize, usize, bool);

/// What rows share, kept from row to row: the provisional values behind a structure's
/// amounts depend only on the versions used and, under each, the D1 step and D2 band, the
/// D4 assumption, and the provisional values that judged the row, so they are listed once
/// per combination.
#[derive(Default)]
struct Cache {
    /// (version, D1 step, D2 band, D4 assumed) of each version used, and the judging
    /// values → provisional values.
    provisional: Vec<(Vec<Used>, Vec<RuleKey>, Vec<RuleKey>)>,
    /// The combination of the row being computed, reused.
    key: Vec<Used>,
    /// The versions of the row being computed, reused.
    versions: Vec<VersionId>,
    /// The provisional values that judged the row being computed.
    judged: Vec<RuleKey>,
}

impl Cache {
    /// Where the provisional values of `lines` and of the row's judging are, listed on
    /// first sight.
    fn provisional(&mut self, set: &RuleSet, evaluation: &compute::Evaluation) -> usize {
        self.key.clear();
        self.key.extend(
            evaluation
                .lines()
                .map(|(index, l)| (index, step(l), band(l), assumed(l))),
        );
        if let Some(i) = self
            .provisional
            .iter()
            .position(|(k, j, _)| *k == self.key && *j == self.judged)
        {
            return i;
        }
        // Bounded: with a year the combinations are still a few hundred at most.
        if self.provisional.len() == 256 {
            self.provisional.clear();
        }
        let mut keys = evaluation.provisional_keys(set);
        keys.extend(self.judged.iter().copied());
        keys.sort();
        keys.dedup();
        self.provisional
            .push((self.key.clone(), self.judged.clone(), keys));
        self.provisional.len() - 1
    }
}

/// Whether D4 came from the assumption (agreement, no amount asked).
fn assumed(lines: &compute::PerDotation<compute::Line>) -> bool {
    matches!(
        lines.psychologique.detail,
        compute::Detail::Psychologique {
            accord: true,
            demande: None,
            ..
        }
    )
}

fn step(lines: &compute::PerDotation<compute::Line>) -> usize {
    match lines.participative.detail {
        compute::Detail::Participative { step, .. } => step,
        _ => usize::MAX,
    }
}

fn band(lines: &compute::PerDotation<compute::Line>) -> usize {
    match lines.precarite.detail {
        compute::Detail::Precarite { band, .. } => band,
        _ => usize::MAX,
    }
}

/// The FINESS numbers of a batch, for E009 (a number repeated, naming its first row and,
/// when it was another file's, that file), found as the rows come so that a repeat is
/// refused before anything is paid for it. A well-formed number (9 characters, digits but
/// Corsica's `2A`/`2B`) is a 32-bit key with a 32-bit position: ≈ 9 bytes a row in the
/// table; anything else (rare) stays text. A position is a row number plus the base of its
/// file (the positions of the files before it), so that files share the table at no cost
/// per row.
#[derive(Default)]
struct Finesses {
    keyed: HashMap<u32, u32, BuildKeyHasher>,
    /// Keys first seen past position 4 294 967 295.
    wide: HashMap<u32, u64>,
    other: HashMap<String, u64>,
    /// The files read so far: (base of its positions, name), by base.
    files: Vec<(u64, String)>,
    /// The highest position given so far.
    top: u64,
}

impl Finesses {
    /// The rows that follow are the file `name`'s.
    fn begin_file(&mut self, name: &str) {
        let base = if self.files.is_empty() {
            0
        } else {
            self.top + 1
        };
        self.top = base;
        self.files.push((base, name.to_owned()));
    }

    /// The file ends: a file without rows takes no room.
    fn end_file(&mut self) {
        if self.files.last().is_some_and(|(base, _)| *base == self.top) {
            self.files.pop();
            self.top = self.top.saturating_sub(1);
        }
    }

    fn base(&self) -> u64 {
        self.files.last().map_or(0, |(base, _)| *base)
    }

    /// Notes the number of a row; `Some((first row, its file when another))` when it was
    /// seen before.
    fn add(&mut self, finess: &str, row: u64) -> Option<(u64, Option<String>)> {
        let at = self.base().saturating_add(row);
        self.top = self.top.max(at);
        let first = self.first(finess, at)?;
        // The file holding a position: the last whose base is not above it.
        let i = self.files.partition_point(|(base, _)| *base <= first);
        let Some((base, name)) = i.checked_sub(1).and_then(|i| self.files.get(i)) else {
            return Some((first, None));
        };
        let other = (i != self.files.len()).then(|| name.clone());
        Some((first - base, other))
    }

    /// The position where `finess` was first seen, when before `at`; notes it otherwise.
    fn first(&mut self, finess: &str, at: u64) -> Option<u64> {
        let key = match Finess::read(finess) {
            Ok(number) => number.key(),
            Err(_) => {
                let text = identifier::compact(finess).to_ascii_uppercase();
                let first = *self.other.entry(text).or_insert(at);
                return (first != at).then_some(first);
            }
        };
        if let Some(&first) = self.wide.get(&key) {
            return Some(first);
        }
        match self.keyed.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Some(u64::from(*e.get())),
            std::collections::hash_map::Entry::Vacant(e) => {
                match u32::try_from(at) {
                    Ok(small) => {
                        e.insert(small);
                    }
                    Err(_) => {
                        self.wide.insert(key, at);
                    }
                }
                None
            }
        }
    }
}

/// The keys are FINESS numbers, already spread out: a multiplicative hash (Knuth's) is
/// enough, and several times cheaper than the default SipHash on a million rows.
#[derive(Default, Clone, Copy)]
struct BuildKeyHasher;

impl std::hash::BuildHasher for BuildKeyHasher {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_name_the_first_row_however_written() {
        let mut f = Finesses::default();
        f.begin_file("a.csv");
        let rows = [
            (2, "930000011"),
            (3, "2a0000001"),
            (4, "93 000 0011"),
            (5, "2A0000001"),
            (6, "X1"),
            (7, "x1"),
            (8, "930000011"),
        ];
        let got: Vec<_> = rows
            .iter()
            .map(|(r, t)| f.add(t, *r).map(|(row, file)| (row, file.is_some())))
            .collect();
        let same = |row| Some((row, false));
        assert_eq!(got, [None, None, same(2), same(3), None, same(6), same(2)]);
    }

    #[test]
    fn repeats_across_files_name_the_file_and_row() {
        let mut f = Finesses::default();
        f.begin_file("a.csv");
        assert_eq!(f.add("930000011", 2), None);
        assert_eq!(f.add("X1", 5), None);
        f.end_file();
        // A file without rows between them changes nothing.
        f.begin_file("empty.csv");
        f.end_file();
        f.begin_file("b.csv");
        assert_eq!(f.add("750000001", 2), None);
        assert_eq!(f.add("930000011", 3), Some((2, Some("a.csv".into()))));
        assert_eq!(f.add("x1", 4), Some((5, Some("a.csv".into()))));
        assert_eq!(f.add("750000001", 9), Some((2, None)));
        f.end_file();
        f.begin_file("c.csv");
        assert_eq!(f.add("750000001", 2), Some((2, Some("b.csv".into()))));
    }

    #[test]
    fn filing_date_is_depot_else_a_founders_entry_else_as_of() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let as_of = d("2026-11-30");
        let mut c = Candidature {
            date_depot: Some(d("2021-10-01")),
            date_entree: Some(d("2022-03-01")),
            structure_fondatrice: Some(true),
            ..Candidature::default()
        };
        assert_eq!(Filing::of(&c, as_of), Filing::Depot(d("2021-10-01")));
        c.date_depot = None;
        assert_eq!(Filing::of(&c, as_of), Filing::Entree(d("2022-03-01")));
        c.structure_fondatrice = Some(false);
        assert_eq!(Filing::of(&c, as_of), Filing::AsOf(as_of));
    }
}
