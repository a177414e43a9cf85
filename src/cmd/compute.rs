//! `secpa compute`: the four dotations of every structure of a file, annual or for a year.
//! Memory is flat in the number of rows in every format: CSV, JSON and the workbook are
//! written row by row as computed (the workbook in rust_xlsxwriter's constant-memory
//! mode); the table's structures wait in a temporary file (it needs the widths of all of
//! them first); the HTML page lists at most `report::html::LISTED` of them.

use std::collections::BTreeSet;
use std::io::{Seek, Write};

use super::{as_of, period, rule_set, warn};
use crate::candidature::{self, Column};
use crate::cli::{ComputeArgs, Format};
use crate::compute::{envelope, Period};
use crate::diagnostic::{Diagnostic, Severity};
use crate::output::Destination;
use crate::pipeline::{self, Accepted, Context, FileSummary, Sink};
use crate::report::{self, ComputeReport, StructureResult, StructureView};
use crate::rules::{RuleSet, VersionId};
use crate::{Error, Lang, Outcome};
use secpa_core::Error as CoreError;

pub fn run(args: &ComputeArgs, lang: Lang) -> Result<Outcome, Error> {
    // Before anything is read or written: --excel is a kind of CSV, and nothing else.
    let format = match (args.excel, args.format) {
        (false, format) => format.unwrap_or(Format::Table),
        (true, None | Some(Format::Csv)) => Format::Csv,
        (true, Some(other)) => {
            let name = clap::ValueEnum::to_possible_value(&other)
                .map(|v| v.get_name().to_owned())
                .unwrap_or_default();
            return Err(Error::Said {
                fr: format!("--excel écrit du CSV pour Excel : il ne va pas avec --format {name} (--excel seul, ou --format {name} sans --excel)"),
                en: format!("--excel writes CSV for Excel: it cannot be used with --format {name} (--excel alone, or --format {name} without --excel)"),
            });
        }
    };
    let set = rule_set(&args.rules, lang)?;
    let period = period(&set, args.year, &args.rules, lang)?;
    let opened = candidature::open_with(&args.file, &super::options(&args.sheet, &args.columns)?);
    // Neither the candidature file nor a rule file may be replaced by the results.
    let mut inputs = vec![args.file.as_path()];
    inputs.extend(args.rules.files.iter().map(|p| p.as_path()));
    super::warn_stale(args.output.as_deref(), lang);
    let mut out = Destination::create(args.output.as_deref(), &inputs)?;
    let target = args
        .output
        .as_ref()
        .map_or("<stdout>".to_owned(), |p| p.display().to_string());
    let output_error = write_error(&target);
    let ctx = Context::compute(&set, &period, as_of(&args.rules)?);
    if format == Format::Xlsx
        && args.output.as_ref().is_none_or(|p| p.as_os_str() == "-")
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        return Err(Error::Said {
            fr: "--format xlsx écrit un classeur, pas du texte : ajoutez --output dotations.xlsx"
                .into(),
            en: "--format xlsx writes a workbook, not text: add --output allocations.xlsx".into(),
        });
    }
    let keep = if format == Format::Html {
        pipeline::Tally::KEPT
    } else {
        0
    };
    let mut tally = Tally::new(lang, &period, args.quiet, keep);
    let summary = match format {
        Format::Xlsx => {
            // Each structure goes to the workbook as it is computed (constant memory).
            let writer = report::xlsx::Writer::new(
                lang,
                args.year,
                report::xlsx::Layout {
                    rows: report::xlsx::SHEET_ROWS,
                },
                true,
            )?;
            let mut sink = XlsxSink {
                tally: &mut tally,
                writer,
                failed: None,
            };
            let summary = pipeline::run(opened, &ctx, &mut sink)?;
            if let Some(e) = sink.failed {
                return Err(e);
            }
            let writer = sink.writer;
            let report = tally.report(&set, args.year, Vec::new(), &summary)?;
            let (mut workbook, cut) = writer.finish(&report)?;
            // A text too long for a cell is cut there and said (W032).
            for d in report::xlsx::warnings(&cut, &summary.name) {
                tally.diagnostic(d);
            }
            if summary.usable {
                // Zipped into an unnamed temporary file (the zip writer seeks), then copied.
                let mut file = tempfile::tempfile().map_err(&output_error)?;
                workbook
                    .save_to_writer(&mut file)
                    .map_err(|e| Error::Workbook {
                        message: e.to_string(),
                    })?;
                file.seek(std::io::SeekFrom::Start(0))
                    .map_err(&output_error)?;
                std::io::copy(&mut file, &mut out).map_err(&output_error)?;
            }
            summary
        }
        Format::Table => {
            // Each structure to an unnamed temporary file as computed; the table reads them
            // back a chunk at a time (its widths, then its lines).
            let file = tempfile::tempfile().map_err(&output_error)?;
            let mut sink = TableSink {
                tally: &mut tally,
                spill: std::io::BufWriter::with_capacity(64 * 1024, file),
                count: 0,
                failed: None,
            };
            let summary = pipeline::run(opened, &ctx, &mut sink)?;
            if let Some(e) = sink.failed.take() {
                return Err(output_error(e).into());
            }
            let count = sink.count;
            let file = sink
                .spill
                .into_inner()
                .map_err(|e| output_error(e.into_error()))?;
            let report = tally.report(&set, args.year, Vec::new(), &summary)?;
            if summary.usable {
                let mut rows = Spilled { file, count };
                let width =
                    report::table::width(args.output.as_ref().is_none_or(|p| p.as_os_str() == "-"));
                report::table::write(&report, &mut rows, width, &mut out).map_err(&output_error)?;
            }
            summary
        }
        Format::Html => {
            // The page lists at most `LISTED` structures, else none (the totals).
            let mut sink = Collect {
                tally: &mut tally,
                structures: Vec::new(),
                limit: report::html::LISTED,
                over: false,
            };
            let summary = pipeline::run(opened, &ctx, &mut sink)?;
            let structures = sink.structures;
            let report = tally.report(&set, args.year, structures, &summary)?;
            let bytes = html(&report, &summary.name, args, &period)?;
            if summary.usable {
                out.write_all(&bytes).map_err(&output_error)?;
            }
            summary
        }
        Format::Csv => {
            let mut sink = CsvSink {
                tally: &mut tally,
                writer: None,
                out: Some(&mut out),
                target: &target,
                year: period.plan().is_some(),
                excel: args.excel,
                set: &set,
            };
            let summary = pipeline::run(opened, &ctx, &mut sink)?;
            if let Some(writer) = sink.writer {
                writer.finish().map_err(&output_error)?;
            }
            summary
        }
        Format::Json => {
            let mut sink = JsonSink {
                tally: &mut tally,
                set: &set,
                writer: report::json::Writer::new(),
                out: &mut out,
                spill: None,
                diagnostics: [None, None, None],
                counts: [0; 3],
                begun: false,
                target: &target,
                period: &period,
            };
            let summary = pipeline::run(opened, &ctx, &mut sink)?;
            if sink.begun {
                sink.finish(args.year, &summary.unchecked)?;
            }
            summary
        }
    };
    tally.finish(&set, &summary, out)
}

/// A failed write of the results to `target` (the `--output` path, or `<stdout>`).
fn write_error(target: &str) -> impl Fn(std::io::Error) -> CoreError + '_ {
    move |source| CoreError::Write {
        path: target.to_owned(),
        source,
    }
}

/// `--format html`: the structures the page lists, up to `limit` of them, else none.
struct Collect<'t> {
    tally: &'t mut Tally,
    structures: Vec<StructureResult>,
    /// The most structures kept: past it, none is.
    limit: usize,
    over: bool,
}

impl Sink for Collect<'_> {
    fn accepted(&mut self, a: Accepted<'_>) -> Result<(), CoreError> {
        if let Some(s) = a.computed {
            self.tally.structure(&s, a.judged_by);
            if self.structures.len() >= self.limit {
                self.over = true;
                self.structures = Vec::new();
            }
            if !self.over {
                self.structures.push(s.to_owned());
            }
        }
        Ok(())
    }

    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), CoreError> {
        self.tally.diagnostic(d);
        Ok(())
    }
}

/// `--format xlsx`: each structure written to the workbook (constant memory) as computed.
struct XlsxSink<'t> {
    tally: &'t mut Tally,
    writer: report::xlsx::Writer,
    /// A workbook error (not a core one): said once the run is over.
    failed: Option<Error>,
}

impl Sink for XlsxSink<'_> {
    fn accepted(&mut self, a: Accepted<'_>) -> Result<(), CoreError> {
        if let Some(s) = a.computed {
            self.tally.structure(&s, a.judged_by);
            if self.failed.is_none() {
                if let Err(e) = self.writer.push(&s) {
                    self.failed = Some(e);
                }
            }
        }
        Ok(())
    }

    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), CoreError> {
        self.tally.diagnostic(d);
        Ok(())
    }
}

/// `--format table`: each structure written to a temporary file as computed ([`Spilled`]).
struct TableSink<'t> {
    tally: &'t mut Tally,
    spill: std::io::BufWriter<std::fs::File>,
    count: usize,
    /// A failed write to the temporary file: said once the run is over.
    failed: Option<std::io::Error>,
}

impl Sink for TableSink<'_> {
    fn accepted(&mut self, a: Accepted<'_>) -> Result<(), CoreError> {
        let Some(s) = a.computed else { return Ok(()) };
        self.tally.structure(&s, a.judged_by);
        if self.failed.is_none() {
            match encode(&s, &mut self.spill) {
                Ok(()) => self.count += 1,
                Err(e) => self.failed = Some(e),
            }
        }
        Ok(())
    }

    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), CoreError> {
        self.tally.diagnostic(d);
        Ok(())
    }
}

/// What the table shows of a structure, in a temporary file: its row, FINESS, name,
/// months and amounts (exact: a `Decimal`'s 16 bytes).
fn encode(s: &StructureView, out: &mut impl Write) -> std::io::Result<()> {
    fn text(t: Option<&str>, out: &mut impl Write) -> std::io::Result<()> {
        match t {
            None => out.write_all(&[0]),
            Some(t) => {
                out.write_all(&[1])?;
                out.write_all(&(t.len() as u64).to_le_bytes())?;
                out.write_all(t.as_bytes())
            }
        }
    }
    out.write_all(&s.row.to_le_bytes())?;
    text(s.finess.as_deref(), out)?;
    text(s.nom.as_deref(), out)?;
    match s.months {
        None => out.write_all(&[0])?,
        Some(m) => {
            out.write_all(&[1])?;
            out.write_all(&m.to_le_bytes())?;
        }
    }
    for (_, amount) in s.amounts.dotations.iter() {
        out.write_all(&amount.serialize())?;
    }
    out.write_all(&s.amounts.total.serialize())
}

/// A structure written by [`encode`]; its versions and provisional values are not kept (the
/// table shows those of the batch).
fn decode(input: &mut impl std::io::Read) -> std::io::Result<StructureResult> {
    fn bytes<const N: usize>(input: &mut impl std::io::Read) -> std::io::Result<[u8; N]> {
        let mut b = [0; N];
        input.read_exact(&mut b)?;
        Ok(b)
    }
    fn text(input: &mut impl std::io::Read) -> std::io::Result<Option<String>> {
        if bytes::<1>(input)? == [0] {
            return Ok(None);
        }
        let len = u64::from_le_bytes(bytes(input)?) as usize;
        let mut t = vec![0; len];
        input.read_exact(&mut t)?;
        String::from_utf8(t)
            .map(Some)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
    let row = u64::from_le_bytes(bytes(input)?);
    let finess = text(input)?;
    let nom = text(input)?;
    let months = match bytes::<1>(input)? {
        [0] => None,
        _ => Some(u32::from_le_bytes(bytes(input)?)),
    };
    let mut amount = || bytes::<16>(input).map(rust_decimal::Decimal::deserialize);
    let dotations = crate::compute::PerDotation {
        participative: amount()?,
        precarite: amount()?,
        interpretariat: amount()?,
        psychologique: amount()?,
    };
    let total = amount()?;
    Ok(StructureResult {
        row,
        finess,
        nom,
        months,
        amounts: crate::compute::Amounts { dotations, total },
        versions: Vec::new(),
        provisional: Vec::new(),
    })
}

/// The structures of [`TableSink`], read back from the start of their file at each pass.
struct Spilled {
    file: std::fs::File,
    count: usize,
}

impl report::table::Rows for Spilled {
    fn count(&self) -> usize {
        self.count
    }

    fn each(
        &mut self,
        chunk: usize,
        f: &mut dyn FnMut(usize, &[StructureResult]),
    ) -> std::io::Result<()> {
        self.file.seek(std::io::SeekFrom::Start(0))?;
        let mut input = std::io::BufReader::with_capacity(64 * 1024, &self.file);
        let chunk = chunk.max(1).min(self.count.max(1));
        let mut rows = Vec::with_capacity(chunk);
        let (mut read, mut i) = (0, 0);
        while read < self.count {
            rows.push(decode(&mut input)?);
            read += 1;
            if rows.len() == chunk || read == self.count {
                f(i, &rows);
                rows.clear();
                i += 1;
            }
        }
        Ok(())
    }
}

/// `--format csv`: each structure written as soon as computed, once the file is known
/// to be usable (an unusable file writes nothing).
struct CsvSink<'t> {
    tally: &'t mut Tally,
    writer: Option<report::csv::Writer<&'t mut Destination>>,
    /// Lent to the writer when the rows begin.
    out: Option<&'t mut Destination>,
    year: bool,
    excel: bool,
    set: &'t RuleSet,
    target: &'t str,
}

impl<'t> Sink for CsvSink<'t> {
    fn begin(&mut self) -> Result<(), CoreError> {
        if let Some(out) = self.out.take() {
            let writer = report::csv::Writer::new(out, self.year, self.excel);
            self.writer = Some(writer.map_err(write_error(self.target))?);
        }
        Ok(())
    }

    fn accepted(&mut self, a: Accepted<'_>) -> Result<(), CoreError> {
        let (Some(s), Some(writer)) = (a.computed, self.writer.as_mut()) else {
            return Ok(());
        };
        self.tally.structure(&s, a.judged_by);
        writer.write(&s, self.set).map_err(write_error(self.target))
    }

    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), CoreError> {
        self.tally.diagnostic(d);
        Ok(())
    }
}
/// `--format json`: each structure written as soon as computed, to the output or, when
/// the versions are not known yet (a year), to a spill file copied after the head.
struct JsonSink<'t> {
    tally: &'t mut Tally,
    set: &'t RuleSet,
    writer: report::json::Writer,
    out: &'t mut Destination,
    spill: Option<std::io::BufWriter<std::fs::File>>,
    /// The diagnostics, which the document lists after the structures, errors, warnings
    /// and notes apart: written as they come to unnamed temporary files, one per
    /// severity, so that memory stays flat however many there are.
    diagnostics: [Option<std::io::BufWriter<std::fs::File>>; 3],
    counts: [usize; 3],
    /// The head (or the spill file) is written once the file is known to be usable.
    begun: bool,
    period: &'t Period,
    target: &'t str,
}

impl JsonSink<'_> {
    fn finish(mut self, year: Option<i32>, unchecked: &[Column]) -> Result<(), Error> {
        let output_error = write_error(self.target);
        let out = self.out;
        if let Some(spill) = self.spill.take() {
            let used: Vec<VersionId> = self.tally.batch.used.iter().copied().collect();
            out.write_all(&report::json::head(self.set, &used, year))
                .map_err(&output_error)?;
            let mut spill = spill
                .into_inner()
                .map_err(|e| output_error(e.into_error()))?;
            spill
                .seek(std::io::SeekFrom::Start(0))
                .map_err(&output_error)?;
            std::io::copy(&mut spill, out).map_err(&output_error)?;
        }
        let provisional = !self.tally.batch.provisional.is_empty();
        let head = self
            .writer
            .tail_open(self.tally.batch.sum(), provisional, unchecked);
        out.write_all(&head).map_err(&output_error)?;
        // Errors, warnings and notes apart, as `check --format json` lists them.
        let mut previous = None;
        for (i, severity) in Severity::ALL.into_iter().enumerate() {
            if let Some(count) = previous {
                out.write_all(&report::json::next_array(count, severity))
                    .map_err(&output_error)?;
            }
            if let Some(spill) = self.diagnostics[i].take() {
                let mut spill = spill
                    .into_inner()
                    .map_err(|e| output_error(e.into_error()))?;
                spill
                    .seek(std::io::SeekFrom::Start(0))
                    .map_err(&output_error)?;
                std::io::copy(&mut spill, out).map_err(&output_error)?;
            }
            previous = Some(self.counts[i]);
        }
        out.write_all(report::json::tail_close(previous.unwrap_or(0)))
            .map_err(|e| output_error(e).into())
    }
}

impl Sink for JsonSink<'_> {
    fn begin(&mut self) -> Result<(), CoreError> {
        self.begun = true;
        let output_error = write_error(self.target);
        match self.period.annual() {
            // The versions head the document: known now for annual amounts; for a year
            // they depend on the rows, so the structures wait in an unnamed temporary file.
            Some(_) => {
                let used: Vec<VersionId> = self.tally.batch.used.iter().copied().collect();
                self.out
                    .write_all(&report::json::head(self.set, &used, None))
                    .map_err(output_error)
            }
            None => {
                let spill = tempfile::tempfile().map_err(&output_error)?;
                self.spill = Some(std::io::BufWriter::with_capacity(64 * 1024, spill));
                Ok(())
            }
        }
    }

    fn accepted(&mut self, a: Accepted<'_>) -> Result<(), CoreError> {
        let Some(s) = a.computed else { return Ok(()) };
        self.tally.structure(&s, a.judged_by);
        match &mut self.spill {
            Some(spill) => self.writer.write(spill, &s, self.set),
            None => self.writer.write(self.out, &s, self.set),
        }
        .map_err(write_error(self.target))
    }

    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), CoreError> {
        let output_error = write_error(self.target);
        let i = Severity::ALL
            .iter()
            .position(|s| *s == d.severity)
            .unwrap_or(0);
        let entry = report::json::error_entry(&d, self.tally.lang, self.counts[i] == 0);
        self.tally.diagnostic(d);
        if self.diagnostics[i].is_none() {
            let file = tempfile::tempfile().map_err(&output_error)?;
            self.diagnostics[i] = Some(std::io::BufWriter::with_capacity(64 * 1024, file));
        }
        if let Some(spill) = &mut self.diagnostics[i] {
            spill.write_all(&entry).map_err(output_error)?;
        }
        self.counts[i] += 1;
        Ok(())
    }
}

/// The run's tally (the core's, which the web page uses too) and the terminal: diagnostics
/// go to stderr as they come, and only the HTML page keeps the first ones.
struct Tally {
    lang: Lang,
    stderr: std::io::BufWriter<std::io::Stderr>,
    /// What of the diagnostics stderr shows (the first of each code, errors only with
    /// `--quiet`).
    screen: super::Screen,
    batch: pipeline::Tally,
}

impl Tally {
    /// `keep`: how many diagnostics the output lists (the HTML page's first ones).
    fn new(lang: Lang, period: &Period, quiet: bool, keep: usize) -> Tally {
        Tally {
            lang,
            stderr: std::io::BufWriter::new(std::io::stderr()),
            screen: super::Screen::new(quiet, lang),
            batch: pipeline::Tally::new(period, keep),
        }
    }

    fn structure(&mut self, s: &StructureView, judged_by: VersionId) {
        self.batch.structure(s, judged_by);
    }

    fn diagnostic(&mut self, d: Diagnostic) {
        // A closed stderr must not stop the results.
        let _ = write!(self.stderr, "{}", self.screen.show(&d));
        self.batch.diagnostic(d);
    }

    fn report<'a>(
        &mut self,
        set: &'a RuleSet,
        year: Option<i32>,
        structures: Vec<StructureResult>,
        summary: &FileSummary,
    ) -> Result<ComputeReport<'a>, Error> {
        ComputeReport::of(&mut self.batch, self.lang, set, year, structures, summary)
    }

    /// The notices (eligibility not checked, provisional values), the output committed
    /// when the file was usable, and the outcome.
    fn finish(
        mut self,
        set: &RuleSet,
        summary: &FileSummary,
        out: Destination,
    ) -> Result<Outcome, Error> {
        let _ = write!(self.stderr, "{}", self.screen.finish());
        let _ = self.stderr.flush();
        // The streamed results were written; an --output file is not committed.
        self.batch.total()?;
        if !summary.usable {
            // Dropped without commit: an `--output` file is neither created nor replaced.
            drop(out);
            return Ok(Outcome::Unusable);
        }
        out.commit()?;
        // The optional columns of conditions are said on stderr by I227 already.
        let required: Vec<Column> = summary
            .unchecked
            .iter()
            .copied()
            .filter(|c| !c.is_optional_condition())
            .collect();
        if !required.is_empty() {
            let columns = Column::labels(&required);
            warn(
                self.lang,
                &format!("éligibilité NON contrôlée : colonnes absentes du fichier : {columns} ; les montants supposent la structure éligible (secpa check pour le contrôle complet)"),
                &format!("eligibility NOT checked: columns absent from the file: {columns}; the amounts assume the structure is eligible (secpa check for the full check)"),
            );
        }
        let provisional = self.batch.provisional.len();
        if provisional > 0 {
            // The versions of the amounts and those that judged eligibility.
            let versions: BTreeSet<VersionId> =
                self.batch.used.union(&self.batch.judged).copied().collect();
            let ids: Vec<&str> = versions
                .iter()
                .map(|&i| set.version(i).rules.id.as_str())
                .collect();
            let ids = ids.join(", ");
            // Used and declared both: `rules list` counts what the versions declare, a run
            // uses only the bands its structures fall in.
            let declared = versions
                .iter()
                .flat_map(|&i| set.version(i).provisional_keys())
                .collect::<BTreeSet<_>>()
                .len();
            warn(
                self.lang,
                &format!("montants PROVISOIRES : ils reposent sur {provisional} valeur(s) non confirmée(s) dans le texte officiel, sur {declared} déclarée(s) provisoire(s) par les règles utilisées (liste dans le résultat ; détail : secpa rules show {ids})"),
                &format!("PROVISIONAL amounts: they rest on {provisional} value(s) not confirmed in the official text, out of {declared} declared provisional by the rules used (listed in the output; details: secpa rules show {ids})"),
            );
        }
        Ok(if summary.counts.errors > 0 {
            Outcome::Problems
        } else {
            Outcome::Success
        })
    }
}

/// The HTML page: the batch against the envelope of the year asked for (`--year`), else of
/// the year of the date that chose the version (`--as-of` or today, within its validity).
fn html(
    report: &ComputeReport,
    file: &str,
    args: &ComputeArgs,
    period: &Period,
) -> Result<Vec<u8>, Error> {
    let (envelope, reference) = envelope::for_period(report.set, period, as_of(&args.rules)?);
    let gauge = report::html::batch_gauge(report, envelope, reference);
    report::html::render(report, file, &gauge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use report::table::Rows;
    use rust_decimal::Decimal;

    #[test]
    fn the_table_reads_back_from_its_file_what_it_would_have_kept() {
        let structures: Vec<StructureResult> = (0..10u64)
            .map(|i| {
                let a = Decimal::new(i as i64 * 12_345 + 7, (i % 3) as u32);
                StructureResult {
                    row: i + 2,
                    finess: (i % 4 != 0).then(|| format!("93{i:07}")),
                    nom: (i % 5 != 0).then(|| format!("Centre « {i} »\nbis")),
                    months: (i % 2 == 0).then_some(i as u32),
                    amounts: crate::compute::Amounts {
                        dotations: crate::compute::PerDotation {
                            participative: a,
                            precarite: -a,
                            interpretariat: Decimal::ZERO,
                            psychologique: Decimal::MAX,
                        },
                        total: a * Decimal::TWO,
                    },
                    versions: Vec::new(),
                    provisional: Vec::new(),
                }
            })
            .collect();
        let mut spill = std::io::BufWriter::new(tempfile::tempfile().unwrap());
        for s in &structures {
            encode(&s.view(), &mut spill).unwrap();
        }
        let file = spill.into_inner().unwrap();
        let mut spilled = Spilled { file, count: 10 };
        let shown = |s: &StructureResult| {
            format!(
                "{} {:?} {:?} {:?} {:?}",
                s.row, s.finess, s.nom, s.months, s.amounts
            )
        };
        for chunk in [1, 3, 10, 4096] {
            // Twice, as the table reads it (its widths, then its lines).
            for _ in 0..2 {
                let mut got: Vec<(usize, Vec<String>)> = Vec::new();
                spilled
                    .each(chunk, &mut |i, rows| {
                        got.push((i, rows.iter().map(shown).collect()))
                    })
                    .unwrap();
                let mut expected: Vec<(usize, Vec<String>)> = Vec::new();
                structures
                    .as_slice()
                    .each(chunk, &mut |i, rows| {
                        expected.push((i, rows.iter().map(shown).collect()))
                    })
                    .unwrap();
                assert_eq!(got, expected, "chunks of {chunk}");
            }
        }
        assert_eq!(spilled.count(), 10);
    }
}
