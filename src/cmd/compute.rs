//! `secpa compute`: the four dotations of every structure of a file, annual or for a year.
//! CSV and JSON are written row by row as computed (memory flat in the number of rows);
//! the table needs every row first.

pub mod stream;

use std::collections::BTreeSet;
use std::io::{Seek, Write};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{plan_or_version, rule_set, warn};
use crate::candidature::{value, CandidatureFile, Cells, Column};
use crate::cli::{ComputeArgs, Format};
use crate::compute::{envelope, Inputs, NotEligible, YearPlan};
use crate::diagnostic::{Diagnostic, Problem, Severity};
use crate::output::Destination;
use crate::report::{self, ComputeReport, StructureResult, StructureView};
use crate::rules::{RuleKey, RuleSet, Version};
use crate::{Error, Lang, Outcome};
use stream::Sink;

/// What a row must give for `compute`; `date_entree` only with `--year`.
pub fn required_columns(year: bool) -> Vec<Column> {
    let mut columns = vec![
        Column::FileActiveMg,
        Column::TauxPauvrete,
        Column::AccordArsPsy,
    ];
    if year {
        columns.push(Column::DateEntree);
    }
    columns
}

/// The inputs of the computation read from a row, or `None` when a needed cell is wrong
/// (the problems are in `cells.diagnostics`).
pub fn read_inputs(cells: &mut Cells<'_, '_>, year: bool) -> Option<(Inputs, Option<NaiveDate>)> {
    let before = cells.diagnostics.len();
    let file_active = cells.required(Column::FileActiveMg, value::count);
    // An empty rate is looked up from the QPV or commune, as `secpa check` does (I218/E219).
    let taux_pauvrete = if cells.text(Column::TauxPauvrete).is_none() && can_look_up(cells.row) {
        crate::check::look_up_poverty(cells)
    } else {
        cells.required(Column::TauxPauvrete, value::percent)
    };
    let accord_ars_psy = cells.flag(Column::AccordArsPsy).unwrap_or(false);
    let montant_psy_demande = cells.parse(Column::MontantPsyDemande, value::amount);
    let date_entree = if year {
        cells.required(Column::DateEntree, value::date)
    } else {
        None
    };
    // Information (a looked-up rate) does not stop the row; an error does.
    if cells.diagnostics[before..]
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        return None;
    }
    let inputs = Inputs {
        file_active: file_active?,
        taux_pauvrete: taux_pauvrete?,
        accord_ars_psy,
        montant_psy_demande,
    };
    Some((inputs, date_entree))
}

/// Whether the file has a column to look an empty poverty rate up from.
fn can_look_up(row: &crate::candidature::Row<'_>) -> bool {
    row.get(Column::CodeQpv).is_some() || row.get(Column::CodeCommune).is_some()
}

/// Whether a missing required column really stops the file: no rate column is fine when
/// there is a QPV or commune to look the rate up from.
pub fn missing_column(header: &crate::candidature::Header, column: Column) -> bool {
    !header.has(column)
        && (column != Column::TauxPauvrete
            || !(header.has(Column::CodeQpv) || header.has(Column::CodeCommune)))
}

/// The diagnostic for a structure below the minimum file active.
pub fn not_eligible(file: &str, row: u64, e: &NotEligible, set: &RuleSet) -> Diagnostic {
    let version = set.get(&e.version);
    let rule = version.map_or_else(
        || format!("règles {}", e.version),
        |v| {
            let p = v.provenance(RuleKey::FileActiveMin);
            let source = p.source.map_or(p.source_id.clone(), |s| s.text.clone());
            format!("règles {}, {}", e.version, source)
        },
    );
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

pub fn run(args: &ComputeArgs, lang: Lang) -> Result<Outcome, Error> {
    let set = rule_set(&args.rules)?;
    let (plan, fixed) = plan_or_version(&set, args.year, &args.rules, lang)?;

    let name = args.file.display().to_string();
    let opened = CandidatureFile::open(&args.file).map_err(|source| Error::Read {
        path: name.clone(),
        source,
    })?;
    let mut out = Destination::create(args.output.as_deref(), &[args.file.as_path()])?;
    let target = args
        .output
        .as_ref()
        .map_or("<stdout>".to_owned(), |p| p.display().to_string());
    let write_error = |source| Error::Write {
        path: target.clone(),
        source,
    };
    let ctx = stream::Context {
        name: &name,
        set: &set,
        plan: plan.as_ref(),
        fixed,
    };
    let format = if args.excel { Format::Csv } else { args.format };
    let mut tally = Tally::new(lang, fixed.map(|(index, _)| index));
    match format {
        Format::Table => {
            let mut sink = Collect {
                tally: &mut tally,
                structures: Vec::new(),
            };
            stream::each_row(opened, &ctx, &mut sink)?;
            let structures = sink.structures;
            let report = tally.report(&set, args.year, structures);
            out.write_all(&report::table::render(&report))
                .map_err(write_error)?;
        }
        Format::Html => {
            tally.keep_diagnostics = true;
            let mut sink = Collect {
                tally: &mut tally,
                structures: Vec::new(),
            };
            stream::each_row(opened, &ctx, &mut sink)?;
            let structures = sink.structures;
            let report = tally.report(&set, args.year, structures);
            let page = html(&report, &name, args, plan.as_ref(), fixed)?;
            out.write_all(&page).map_err(write_error)?;
        }
        Format::Csv => {
            let writer = report::csv::Writer::new(&mut out, plan.is_some(), args.excel)
                .map_err(write_error)?;
            let mut sink = CsvSink {
                tally: &mut tally,
                writer,
                set: &set,
                write_error: &write_error,
            };
            stream::each_row(opened, &ctx, &mut sink)?;
            sink.writer.finish().map_err(write_error)?;
        }
        Format::Json => {
            tally.keep_diagnostics = true;
            // The versions head the document: known now without --year; with it, they
            // depend on the rows, so the structures wait in an unnamed temporary file.
            let spill = if plan.is_none() {
                let used: Vec<usize> = tally.used.iter().copied().collect();
                out.write_all(&report::json::head(&set, &used, args.year))
                    .map_err(write_error)?;
                None
            } else {
                let spill = tempfile::tempfile().map_err(write_error)?;
                Some(std::io::BufWriter::with_capacity(64 * 1024, spill))
            };
            let mut sink = JsonSink {
                tally: &mut tally,
                set: &set,
                writer: report::json::Writer::new(),
                out: &mut out,
                spill,
                write_error: &write_error,
            };
            stream::each_row(opened, &ctx, &mut sink)?;
            sink.finish(args.year)?;
        }
    }
    out.commit()?;
    tally.finish(&set)
}

/// `--format table`: the table needs every row (column widths, total row).
struct Collect<'t> {
    tally: &'t mut Tally,
    structures: Vec<StructureResult>,
}

impl Sink for Collect<'_> {
    fn structure(&mut self, s: StructureView<'_>) -> Result<(), Error> {
        self.tally.structure(&s);
        self.structures.push(s.to_owned());
        Ok(())
    }

    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), Error> {
        self.tally.diagnostic(d);
        Ok(())
    }
}

/// `--format csv`: each structure written as soon as computed.
struct CsvSink<'t, W: Write, E: Fn(std::io::Error) -> Error> {
    tally: &'t mut Tally,
    writer: report::csv::Writer<W>,
    set: &'t RuleSet,
    write_error: &'t E,
}

impl<W: Write, E: Fn(std::io::Error) -> Error> Sink for CsvSink<'_, W, E> {
    fn structure(&mut self, s: StructureView<'_>) -> Result<(), Error> {
        self.tally.structure(&s);
        self.writer.write(&s, self.set).map_err(self.write_error)
    }

    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), Error> {
        self.tally.diagnostic(d);
        Ok(())
    }
}

/// `--format json`: each structure written as soon as computed, to the output or, when
/// the versions are not known yet, to a spill file copied after the head.
struct JsonSink<'t, E: Fn(std::io::Error) -> Error> {
    tally: &'t mut Tally,
    set: &'t RuleSet,
    writer: report::json::Writer,
    out: &'t mut Destination,
    spill: Option<std::io::BufWriter<std::fs::File>>,
    write_error: &'t E,
}

impl<E: Fn(std::io::Error) -> Error> JsonSink<'_, E> {
    fn finish(mut self, year: Option<i32>) -> Result<(), Error> {
        let err = self.write_error;
        let out = self.out;
        if let Some(spill) = self.spill.take() {
            let used: Vec<usize> = self.tally.used.iter().copied().collect();
            out.write_all(&report::json::head(self.set, &used, year))
                .map_err(err)?;
            let mut spill = spill.into_inner().map_err(|e| err(e.into_error()))?;
            spill.seek(std::io::SeekFrom::Start(0)).map_err(err)?;
            std::io::copy(&mut spill, out).map_err(err)?;
        }
        let provisional = !self.tally.provisional.is_empty();
        let tail = self.writer.tail(
            self.tally.total.value(),
            provisional,
            &self.tally.diagnostics,
            self.tally.lang,
        );
        out.write_all(&tail).map_err(err)
    }
}

impl<E: Fn(std::io::Error) -> Error> Sink for JsonSink<'_, E> {
    fn structure(&mut self, s: StructureView<'_>) -> Result<(), Error> {
        self.tally.structure(&s);
        match &mut self.spill {
            Some(spill) => self.writer.write(spill, &s, self.set),
            None => self.writer.write(self.out, &s, self.set),
        }
        .map_err(self.write_error)
    }

    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), Error> {
        self.tally.diagnostic(d);
        Ok(())
    }
}

/// What every format needs to know of the results seen so far, without keeping them:
/// diagnostics go to stderr as they come.
struct Tally {
    lang: Lang,
    stderr: std::io::BufWriter<std::io::Stderr>,
    errors: bool,
    used: BTreeSet<usize>,
    provisional: BTreeSet<RuleKey>,
    /// The versions and provisional values of the last structure, already in the sets.
    last: (Vec<usize>, Vec<RuleKey>),
    total: Total,
    /// JSON lists the diagnostics after the structures: only it keeps them.
    keep_diagnostics: bool,
    diagnostics: Vec<Diagnostic>,
}

impl Tally {
    fn new(lang: Lang, fixed: Option<usize>) -> Tally {
        Tally {
            lang,
            stderr: std::io::BufWriter::new(std::io::stderr()),
            errors: false,
            used: fixed.into_iter().collect(),
            provisional: BTreeSet::new(),
            last: (Vec::new(), Vec::new()),
            total: Total::default(),
            keep_diagnostics: false,
            diagnostics: Vec::new(),
        }
    }

    fn structure(&mut self, s: &StructureView) {
        // Rows share a handful of combinations: the sets are updated only when one changes.
        if self.last.0 != s.versions || self.last.1 != s.provisional {
            self.used.extend(s.versions.iter().copied());
            self.provisional.extend(s.provisional.iter().copied());
            self.last = (s.versions.to_vec(), s.provisional.to_vec());
        }
        self.total.add(s.amounts.total);
    }

    fn diagnostic(&mut self, d: Diagnostic) {
        self.errors |= d.severity == Severity::Error;
        // A closed stderr must not stop the results.
        let _ = writeln!(self.stderr, "{}", d.render(self.lang));
        if self.keep_diagnostics {
            self.diagnostics.push(d);
        }
    }

    fn report<'a>(
        &mut self,
        set: &'a RuleSet,
        year: Option<i32>,
        structures: Vec<StructureResult>,
    ) -> ComputeReport<'a> {
        ComputeReport {
            lang: self.lang,
            set,
            used: self.used.iter().copied().collect(),
            year,
            structures,
            total: self.total.value(),
            errors: std::mem::take(&mut self.diagnostics),
        }
    }

    /// The provisional notice, and the outcome.
    fn finish(mut self, set: &RuleSet) -> Result<Outcome, Error> {
        let _ = self.stderr.flush();
        let provisional = self.provisional.len();
        if provisional > 0 {
            let ids: Vec<&str> = self
                .used
                .iter()
                .map(|&i| set.versions()[i].rules.id.as_str())
                .collect();
            let ids = ids.join(", ");
            warn(
                self.lang,
                &format!("montants PROVISOIRES : ils reposent sur {provisional} valeur(s) non confirmée(s) dans le texte officiel (liste dans le résultat ; détail : secpa rules show {ids})"),
                &format!("PROVISIONAL amounts: they rest on {provisional} value(s) not confirmed in the official text (listed in the output; details: secpa rules show {ids})"),
            );
        }
        Ok(if self.errors {
            Outcome::Problems
        } else {
            Outcome::Success
        })
    }
}

/// The sum of the structures' totals, exact. Totals in whole cents (all of them under the
/// embedded rules) are added as integer cents — a `Decimal` addition per row cost as much
/// as a dotation — and anything else as `Decimal`; the sum has the value and the scale that
/// adding every total as `Decimal` gives.
#[derive(Default)]
struct Total {
    cents: i128,
    any_cents: bool,
    other: Decimal,
}

impl Total {
    /// Past this, the cents are moved into `other`: far from i128's and `Decimal`'s limits.
    const FLUSH: u128 = 1 << 90;

    fn add(&mut self, amount: Decimal) {
        if amount.scale() != 2 {
            self.other += amount;
            return;
        }
        self.any_cents = true;
        self.cents += amount.mantissa();
        if self.cents.unsigned_abs() > Self::FLUSH {
            self.other += Decimal::from_i128_with_scale(self.cents, 2);
            self.cents = 0;
        }
    }

    fn value(&self) -> Decimal {
        if self.any_cents {
            self.other + Decimal::from_i128_with_scale(self.cents, 2)
        } else {
            self.other
        }
    }
}

/// The HTML page: the batch against the envelope of the year asked for (`--year`), else of
/// the year of the date that chose the version (`--as-of` or today, within its validity).
fn html(
    report: &ComputeReport,
    file: &str,
    args: &ComputeArgs,
    plan: Option<&YearPlan>,
    fixed: Option<(usize, &Version)>,
) -> Result<Vec<u8>, Error> {
    let (envelope, reference) = match (plan, fixed) {
        (Some(plan), _) => {
            let used: Vec<usize> = plan.periods.iter().map(|(i, _)| *i).collect();
            (envelope::for_year(report.set, &used, plan.year), None)
        }
        (None, Some((index, version))) => {
            let date = args.rules.as_of.map_or_else(crate::today, Ok)?.clamp(
                *version.rules.valid_from.get_ref(),
                *version.rules.valid_until.get_ref(),
            );
            let envelope = envelope::for_year(report.set, &[index], date.year());
            (envelope, Some(date))
        }
        // `run` always has a plan or a fixed version; say so rather than panic.
        (None, None) => {
            return Err(Error::Usage(
                "aucune version des règles choisie pour le rapport HTML".into(),
            ))
        }
    };
    let gauge = report::html::batch_gauge(report, envelope, reference);
    report::html::render(report, file, &gauge)
}
