//! The row loop of `compute`: each row is read, computed and handed to a [`Sink`] as it
//! comes, with its diagnostics in the order they are printed, so that nothing held grows
//! with the number of rows.

use super::{missing_column, read_inputs, required_columns};
use crate::candidature::{CandidatureFile, Cells, Column, Opened, Row};
use crate::compute::{self, YearPlan};
use crate::diagnostic::{self, Diagnostic, Problem};
use crate::report::{StructureResult, StructureView};
use crate::rules::{RuleKey, RuleSet, Version};
use crate::Error;

/// Where computed structures and diagnostics go, in row order.
pub trait Sink {
    /// A computed structure, borrowed from the row and the loop's cache.
    fn structure(&mut self, s: StructureView<'_>) -> Result<(), Error>;
    /// A diagnostic; diagnostics arrive in the order of [`diagnostic::sort`].
    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), Error>;
}

/// What the rows are computed with.
pub struct Context<'a> {
    /// The file's name in diagnostics.
    pub name: &'a str,
    pub set: &'a RuleSet,
    /// With `--year`: the months of the year and their versions.
    pub plan: Option<&'a YearPlan>,
    /// Without `--year`: the one version used, and its index in the set.
    pub fixed: Option<(usize, &'a Version)>,
}

/// Computes every row of an opened file into `sink`.
pub fn each_row(opened: Opened, ctx: &Context, sink: &mut impl Sink) -> Result<(), Error> {
    let mut file = match opened {
        Opened::Unreadable(d) => return sink.diagnostic(d),
        Opened::File(file) => file,
    };
    // Held back until the first row: a file without rows adds E003, which sorts first.
    let mut pending = std::mem::take(&mut file.header_diagnostics);
    let missing: Vec<Column> = required_columns(ctx.plan.is_some())
        .into_iter()
        .filter(|c| missing_column(&file.header, *c))
        .collect();
    for column in &missing {
        pending.push(Diagnostic::new(
            ctx.name,
            Some(1),
            Some(column.name()),
            None,
            Problem::MissingColumn,
        ));
    }
    if missing.is_empty() {
        rows(&mut file, ctx, &mut pending, sink)?;
        if file.rows_read() == 0 {
            pending.push(Diagnostic::new(ctx.name, None, None, None, Problem::NoRows));
        }
    }
    flush(&mut pending, sink)
}

fn rows(
    file: &mut CandidatureFile,
    ctx: &Context,
    pending: &mut Vec<Diagnostic>,
    sink: &mut impl Sink,
) -> Result<(), Error> {
    // One buffer for the diagnostics of a row, reused from row to row.
    let mut batch = Vec::new();
    let mut cache = Cache::default();
    while let Some(row) = file.next_row() {
        flush(pending, sink)?;
        match row {
            Ok(row) => {
                let structure = compute_row(&row, ctx, &mut cache, &mut batch);
                // The row's diagnostics come before its structure, as they always have.
                flush(&mut batch, sink)?;
                if let Some(s) = structure {
                    sink.structure(s)?;
                }
            }
            Err(d) => {
                batch.push(d);
                flush(&mut batch, sink)?;
            }
        }
    }
    Ok(())
}

/// What rows share, kept from row to row: the provisional values behind a structure's
/// amounts depend only on the versions used and, under each, the D1 step and D2 band (the
/// other rule values do not vary with the row), so they are listed once per combination.
/// A version used by a structure (index in the set), its D1 step and D2 band.
type Used = (usize, usize, usize);

#[derive(Default)]
pub struct Cache {
    /// (version, D1 step, D2 band) of each version used → provisional values.
    provisional: Vec<(Vec<Used>, Vec<RuleKey>)>,
    /// The combination of the row being computed, reused.
    key: Vec<Used>,
    /// The versions of the row being computed, reused.
    versions: Vec<usize>,
}

impl Cache {
    /// Where the provisional values of `lines` are, listed on first sight.
    fn provisional(
        &mut self,
        set: &RuleSet,
        lines: &[(usize, &compute::PerDotation<compute::Line>)],
    ) -> usize {
        self.key.clear();
        self.key
            .extend(lines.iter().map(|(index, l)| (*index, step(l), band(l))));
        if let Some(i) = self.provisional.iter().position(|(k, _)| *k == self.key) {
            return i;
        }
        // Bounded: with --year the combinations are still a few hundred at most.
        if self.provisional.len() == 256 {
            self.provisional.clear();
        }
        let keys = compute::provisional_keys(set, lines);
        self.provisional.push((self.key.clone(), keys));
        self.provisional.len() - 1
    }
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

/// One row's amounts, or `None` with its problems in `batch`.
pub fn compute_row<'a>(
    row: &'a Row<'_>,
    ctx: &Context,
    cache: &'a mut Cache,
    batch: &mut Vec<Diagnostic>,
) -> Option<StructureView<'a>> {
    let mut cells = Cells {
        row,
        file: ctx.name,
        diagnostics: batch,
    };
    let (inputs, entree) = read_inputs(&mut cells, ctx.plan.is_some())?;
    let set = ctx.set;
    let computed = match (ctx.plan, ctx.fixed, entree) {
        (Some(plan), _, Some(entree)) => {
            compute::compute_year(&inputs, entree, plan, set).map(|p| {
                let lines: Vec<_> = p.shares.iter().map(|s| (s.version, &s.lines)).collect();
                cache.versions.clear();
                cache.versions.extend(p.shares.iter().map(|s| s.version));
                (p.amounts, Some(p.months), cache.provisional(set, &lines))
            })
        }
        (None, Some((index, version)), _) => compute::compute_annual(&inputs, version).map(|a| {
            cache.versions.clear();
            cache.versions.push(index);
            (
                a.amounts,
                None,
                cache.provisional(set, &[(index, &a.lines)]),
            )
        }),
        _ => return None,
    };
    match computed {
        Ok((amounts, months, provisional)) => Some(StructureView {
            row: row.number,
            finess: text(row, Column::Finess),
            nom: text(row, Column::Nom),
            months,
            amounts,
            versions: &cache.versions,
            provisional: &cache.provisional[provisional].1,
        }),
        Err(e) => {
            batch.push(super::not_eligible(ctx.name, row.number, &e, set));
            None
        }
    }
}

/// The trimmed text of a cell, borrowed from the row when it can be; `None` when the
/// column is absent or the cell empty (as [`Cells::text`]).
fn text<'a>(row: &'a Row<'_>, column: Column) -> Option<std::borrow::Cow<'a, str>> {
    use std::borrow::Cow;
    let trimmed = match row.get(column)? {
        Cow::Borrowed(cell) => Cow::Borrowed(crate::candidature::value::trim(cell)),
        Cow::Owned(cell) => Cow::Owned(crate::candidature::value::trim(&cell).to_owned()),
    };
    (!trimmed.is_empty()).then_some(trimmed)
}

/// Hands the diagnostics over, sorted, and empties the buffer.
fn flush(diagnostics: &mut Vec<Diagnostic>, sink: &mut impl Sink) -> Result<(), Error> {
    diagnostic::sort(diagnostics);
    for d in diagnostics.drain(..) {
        sink.diagnostic(d)?;
    }
    Ok(())
}

/// What `compute` finds in a candidature file given as bytes, without any I/O: the
/// structures and the diagnostics, in output order. With `year`, amounts due for that year;
/// otherwise annual amounts under the version in force on `as_of`. For property tests and
/// fuzzing, which must reach the same code as the binary.
pub fn compute_bytes(
    bytes: &[u8],
    set: &RuleSet,
    year: Option<i32>,
    as_of: chrono::NaiveDate,
) -> Result<(Vec<StructureResult>, Vec<Diagnostic>), Error> {
    struct Collect(Vec<StructureResult>, Vec<Diagnostic>);
    impl Sink for Collect {
        fn structure(&mut self, s: StructureView<'_>) -> Result<(), Error> {
            self.0.push(s.to_owned());
            Ok(())
        }
        fn diagnostic(&mut self, d: Diagnostic) -> Result<(), Error> {
            self.1.push(d);
            Ok(())
        }
    }
    let plan = match year {
        Some(year) => Some(
            YearPlan::new(set, year).ok_or_else(|| Error::NoVersionInYear {
                year,
                versions: set.summary(),
            })?,
        ),
        None => None,
    };
    let fixed = match plan {
        Some(_) => None,
        None => {
            let (version, _) = set.choose(Some(as_of), as_of)?;
            let index = set
                .versions()
                .iter()
                .position(|v| std::ptr::eq(v, version))
                .unwrap_or(0);
            Some((index, version))
        }
    };
    let name = "input.csv";
    let opened = CandidatureFile::from_reader(name, std::io::Cursor::new(bytes.to_vec())).map_err(
        |source| Error::Read {
            path: name.into(),
            source,
        },
    )?;
    let ctx = Context {
        name,
        set,
        plan: plan.as_ref(),
        fixed,
    };
    let mut sink = Collect(Vec::new(), Vec::new());
    each_row(opened, &ctx, &mut sink)?;
    Ok((sink.0, sink.1))
}
