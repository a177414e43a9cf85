//! What the web page (`target/web/secpa.html`, built by `scripts/build-web.sh`) asks of
//! secpa: a file's bytes in, a short answer out (totals, counts, lists cut to what the page
//! shows: [`Session::brief`]), then each document when she downloads it
//! ([`Session::document`]). No I/O and no clock: the page reads the file the user dropped
//! and gives today's date; the page runs all this in a Web Worker.
//!
//! Nothing here reads a row: the file goes through [`pipeline::run`] twice, as
//! `secpa check` (every column required) and as `secpa compute` (the columns of the
//! computation), and the results are rendered by the renderers of the command line
//! (`report::json`, `report::csv`, `report::html`). The documents the page shows and
//! downloads are therefore those of
//! `secpa check --format json`, `secpa compute --format json|csv|html` on the same bytes
//! (the tests compare them). The functions are plain Rust, tested natively; the `web`
//! feature adds the `wasm-bindgen` exports ([`bindings`]).

use crate::diagnostic::prelude::*;
use secpa_core::Error as CoreError;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::candidature::column::Mapping;
use crate::candidature::{open_bytes_with, HeaderReading, Opened, Options};
use crate::compute::{envelope, years, Period};
use crate::diagnostic::{Diagnostic, Problem, Severity};
use crate::pipeline::{self, Accepted, Collect, Context, FileSummary, Sink};
use crate::report::check_json::CheckJson;
use crate::report::{self, money, ComputeReport, StructureResult};
use crate::rules::RuleSet;
use crate::{Error, Lang};

/// What the page asks: the options of `secpa compute` / `secpa check` it offers.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The file's name, as diagnostics and reports name it.
    pub name: &'a str,
    pub bytes: Vec<u8>,
    /// `--sheet`.
    pub sheet: Option<String>,
    /// `--column KEY=HEADER`: the page's choices for unrecognised headers.
    pub columns: Vec<Mapping>,
    /// `--year`: amounts due in that calendar year.
    pub year: Option<i32>,
    /// `--as-of`: the rules in force that day, and the filing date of rows without one.
    pub as_of: Option<NaiveDate>,
    /// The browser's date: what the command line reads from the clock.
    pub today: NaiveDate,
    pub lang: Lang,
}

/// The page's answer.
#[derive(Debug, Serialize)]
pub struct Answer {
    /// `secpa check --format json` on the file.
    pub check: serde_json::Value,
    /// `secpa compute --format json` as written to stdout: `null` when the file's header
    /// already makes it unusable (a file found unusable later, with no row, has a document
    /// that says why, as on stdout; the command exits 2 and never writes `--output` then).
    pub compute: Option<serde_json::Value>,
    /// `secpa compute --format csv` (same condition).
    pub csv: Option<String>,
    /// `secpa compute --format html`, `null` when the file cannot be used.
    pub html: Option<String>,
    /// `secpa compute --format xlsx`, in base64 (JSON carries text), same condition.
    pub xlsx: Option<String>,
    /// What the page displays, formatted for people.
    pub view: View,
}

/// The results as the page shows them, numbers as the page's language writes them.
#[derive(Debug, Serialize)]
pub struct View {
    /// The file could be computed (`compute` exits 2 otherwise); `check`, which requires
    /// every column, may still refuse it: see `check`.
    pub usable: bool,
    /// The version(s) used, joined ("2024-07-01").
    pub rules: String,
    pub year: Option<i32>,
    pub structures: Vec<StructureLine>,
    pub total: String,
    /// Provisional rule values the amounts rest on (key paths).
    pub provisional: Vec<String>,
    /// The same values by their labels, with their value and version: « D1, palier
    /// 1 000–1 999 patients : 2 ETP (règles 2026-11-01) ».
    pub provisional_labels: Vec<String>,
    /// Rows the computation does not pay (an error on the row): the check may find more
    /// errors (every column required) than the computation refuses rows.
    pub unpaid: Vec<u64>,
    /// Each code the diagnostics show, with its text (`secpa code`): title, what it
    /// reports, what to do.
    pub codes: std::collections::BTreeMap<&'static str, CodeText>,
    /// Candidature columns absent from the file: eligibility not fully checked.
    pub unchecked: Vec<&'static str>,
    /// The check's diagnostics, errors then warnings (then notes), each in file order.
    pub errors: Vec<serde_json::Value>,
    pub warnings: Vec<serde_json::Value>,
    pub infos: Vec<serde_json::Value>,
    /// Rows checked, and rows without error.
    pub checked: u64,
    pub eligible: u64,
    /// The years a `--year` can ask for, for the page's selector.
    pub years: Vec<i32>,
    /// Why nothing could be computed (an error of the run, not of the data: no version
    /// in force on the date asked for, a year the rules do not cover).
    pub failure: Option<String>,
    /// A workbook of several sheets: the one read and the others, for the page's choice
    /// (the default is the command line's: the sheet shown on opening, I027).
    pub sheets: Option<Sheets>,
    /// How each header was read, as `secpa columns --format json` gives it (the same
    /// function: [`crate::candidature::Header::read_as`]); empty when the file has none.
    pub columns: Vec<HeaderReading>,
    /// The columns the header does not give: what the page offers for an unrecognised
    /// header (`--column`).
    pub absent: Vec<&'static str>,
    /// How many structures and diagnostics there are, listed or not.
    pub counts: Counts,
    /// The most items a list above holds (`structures`, `errors`, `warnings`, `infos`,
    /// `unpaid`), `null` when they hold everything: the page says when a list is cut.
    pub shown: Option<usize>,
}

/// The sheets of a workbook, the one read first.
#[derive(Debug, Serialize)]
pub struct Sheets {
    pub read: String,
    pub all: Vec<SheetOption>,
}

/// One sheet the page offers.
#[derive(Debug, Serialize)]
pub struct SheetOption {
    pub name: String,
    pub hidden: bool,
}

impl Sheets {
    /// From what the run said of the sheet read (I027) or of a workbook without header
    /// (E028).
    fn of(diagnostics: &[Diagnostic]) -> Option<Sheets> {
        diagnostics.iter().find_map(|d| match &d.problem {
            Problem::SheetRead(choice) => {
                let read = SheetOption {
                    name: choice.read.clone(),
                    hidden: false,
                };
                let others = choice.others.iter().map(|s| SheetOption {
                    name: s.name.clone(),
                    hidden: s.hidden,
                });
                Some(Sheets {
                    read: choice.read.clone(),
                    all: std::iter::once(read).chain(others).collect(),
                })
            }
            Problem::NoSheetHeader { sheets } => Some(Sheets {
                read: sheets.first()?.clone(),
                all: sheets
                    .iter()
                    .map(|name| SheetOption {
                        name: name.clone(),
                        hidden: false,
                    })
                    .collect(),
            }),
            _ => None,
        })
    }
}

/// A code's text, as `secpa code` writes it.
#[derive(Debug, Serialize)]
pub struct CodeText {
    pub title: &'static str,
    pub what: &'static str,
    pub fix: &'static str,
}

/// One structure's line: amounts as the page's language writes them.
#[derive(Debug, Serialize)]
pub struct StructureLine {
    pub row: u64,
    pub finess: Option<String>,
    pub nom: Option<String>,
    pub months: Option<u32>,
    pub participative: String,
    pub precarite: String,
    pub interpretariat: String,
    pub psychologique: String,
    pub total: String,
    pub rules: String,
    pub provisional: bool,
}

/// Checks and computes the file of `request` with the embedded rules.
pub fn run(request: Request) -> Result<Answer, Error> {
    let set = RuleSet::embedded()?;
    Ok(answer(&set, request))
}

/// [`run`] with a given rule set: every document at once (what the tests compare with the
/// command line). The page itself keeps a [`Session`] and asks for one document at a time.
pub fn answer(set: &RuleSet, request: Request) -> Answer {
    let mut session = Session::run(set, request, &mut |_| {});
    let mut view = session.view(None);
    let mut xlsx = None;
    if let Some(result) = session.xlsx() {
        match result {
            // The W032 warnings are those `Session::view` foresaw: not said twice.
            Ok(workbook) => xlsx = Some(base64(&workbook.bytes)),
            Err(e) => view.failure = Some(e.render(session.lang)),
        }
    }
    let html = match session.html() {
        Some(Ok(page)) => Some(text(page)),
        Some(Err(e)) => {
            view.failure = Some(e.render(session.lang));
            None
        }
        None => None,
    };
    Answer {
        check: session.check_json(),
        compute: session.compute_json(),
        csv: session.csv().map(text),
        html,
        xlsx,
        view,
    }
}

/// Standard base64 with padding (RFC 4648), for the workbook's bytes in the JSON answer.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// [`answer`] as the JSON text the page parses.
pub fn answer_json(set: &RuleSet, request: Request) -> String {
    serde_json::to_string(&answer(set, request)).unwrap_or_default()
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
}

fn json_value(value: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

fn line(s: &StructureResult, set: &RuleSet, lang: Lang) -> StructureLine {
    let d = &s.amounts.dotations;
    let amount = |i: usize| money(d.iter().nth(i).map(|(_, a)| *a).unwrap_or_default(), lang);
    StructureLine {
        row: s.row,
        finess: s.finess.clone(),
        nom: s.nom.clone(),
        months: s.months,
        participative: amount(0),
        precarite: amount(1),
        interpretariat: amount(2),
        psychologique: amount(3),
        total: money(s.amounts.total, lang),
        rules: report::version_ids(&s.versions, set),
        provisional: !s.provisional.is_empty(),
    }
}

/// How the page's file is opened: its `--sheet` and `--column`.
fn open(request: &Request, bytes: Vec<u8>) -> Opened {
    let options = Options {
        sheet: request.sheet.as_deref(),
        columns: &request.columns,
    };
    open_bytes_with(request.name, bytes, &options)
}

/// How the header was read, and the columns it lacks (`secpa columns`).
type HeaderView = (Vec<HeaderReading>, Vec<&'static str>);

/// Which of the two passes over the file a [`Progress`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// As `secpa check` (every column required).
    Check,
    /// As `secpa compute`.
    Compute,
}

/// How far a pass has read: the last row seen (numbered as the spreadsheet shows it), and
/// the rows the file has, when known (a CSV's lines; a workbook's rows once the check has
/// read them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub row: u64,
    pub total: Option<u64>,
}

/// Rows between two [`Progress`] reports.
const PROGRESS_EVERY: u64 = 2000;

/// A sink that passes everything on and reports how far the rows went.
struct Counting<'p, S> {
    inner: S,
    phase: Phase,
    total: Option<u64>,
    report: &'p mut dyn FnMut(Progress),
    row: u64,
    next: u64,
}

impl<'p, S: Sink> Counting<'p, S> {
    fn new(
        inner: S,
        phase: Phase,
        total: Option<u64>,
        report: &'p mut dyn FnMut(Progress),
    ) -> Self {
        Counting {
            inner,
            phase,
            total,
            report,
            row: 0,
            next: 0,
        }
    }

    fn seen(&mut self, row: u64) {
        self.row = self.row.max(row);
        if self.row >= self.next {
            self.next = self.row + PROGRESS_EVERY;
            (self.report)(Progress {
                phase: self.phase,
                row: self.row,
                total: self.total,
            });
        }
    }
}

impl<S: Sink> Sink for Counting<'_, S> {
    fn begin(&mut self) -> Result<(), CoreError> {
        self.inner.begin()
    }

    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), CoreError> {
        if let Some(row) = d.row {
            self.seen(row);
        }
        self.inner.diagnostic(d)
    }

    fn accepted(&mut self, row: Accepted<'_>) -> Result<(), CoreError> {
        self.seen(row.row.number);
        self.inner.accepted(row)
    }
}

/// The rows of a text file, counted by its line feeds (a workbook's are not known before
/// it is read): the progress bar's end.
fn lines(bytes: &[u8]) -> Option<u64> {
    if bytes.starts_with(b"PK") {
        return None;
    }
    Some(bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1)
}

/// The most structures and diagnostics of each kind the page lists: past that, the list is
/// cut (the page says so) and the downloads have everything.
pub const SHOWN: usize = 1000;

/// What the page receives after a run: totals, counts, the lists cut to [`SHOWN`], and the
/// names of the documents it can ask for ([`Session::document`]); never the documents.
#[derive(Debug, Serialize)]
pub struct Brief {
    /// `secpa check`'s summary: structures, rows without error, errors, warnings.
    pub check: CheckCounts,
    pub view: View,
    /// The documents the page offers, among "csv", "xlsx", "html", "json", "check".
    pub documents: Vec<&'static str>,
    /// The HTML report, for its chart, when it lists every structure of the page (else
    /// `null`: the chart of more structures than the page shows is not drawn).
    pub chart: Option<String>,
}

/// `secpa check`'s figures.
#[derive(Debug, Serialize)]
pub struct CheckCounts {
    pub structures: u64,
    pub eligible: u64,
    pub errors: u64,
    pub warnings: u64,
}

/// The numbers of structures and diagnostics, whether or not the view lists them all.
#[derive(Debug, Default, Serialize)]
pub struct Counts {
    pub structures: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// A file checked and computed once, kept for the page: each document is rendered from
/// it when asked ([`Session::document`]), one at a time, so that the page never holds
/// them all (issue 23: 266 000 rows made one answer longer than a JavaScript string).
pub struct Session<'a> {
    set: &'a RuleSet,
    name: String,
    bytes: Vec<u8>,
    sheet: Option<String>,
    columns: Vec<Mapping>,
    year: Option<i32>,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
    lang: Lang,
    checked: FileSummary,
    diagnostics: Vec<Diagnostic>,
    header: Option<HeaderView>,
    computed: Result<Option<Computed<'a>>, Error>,
}

struct Computed<'a> {
    report: ComputeReport<'a>,
    usable: bool,
    period: Period,
    as_of: NaiveDate,
}

impl<'a> Session<'a> {
    /// Checks (as `secpa check`) and computes (as `secpa compute`) the file of
    /// `request`, telling `progress` how far each pass has read.
    pub fn run(
        set: &'a RuleSet,
        request: Request,
        progress: &mut dyn FnMut(Progress),
    ) -> Session<'a> {
        let as_of = request.as_of.unwrap_or(request.today);
        let total = lines(&request.bytes);
        let (checked, diagnostics, header, last) = check(set, &request, as_of, total, progress);
        let computed = compute(set, &request, as_of, total.or(last), progress);
        let Request {
            name,
            bytes,
            sheet,
            columns,
            year,
            as_of,
            today,
            lang,
        } = request;
        Session {
            set,
            name: name.to_owned(),
            bytes,
            sheet,
            columns,
            year,
            as_of,
            today,
            lang,
            checked,
            diagnostics,
            header,
            computed,
        }
    }

    /// The request again, for `explain`.
    fn request(&self) -> Request<'_> {
        Request {
            name: &self.name,
            bytes: self.bytes.clone(),
            sheet: self.sheet.clone(),
            columns: self.columns.clone(),
            year: self.year,
            as_of: self.as_of,
            today: self.today,
            lang: self.lang,
        }
    }

    /// What the page shows, every list cut to `shown` items (all of them with `None`).
    /// The workbook's W032 warnings are foreseen without writing the workbook.
    pub fn view(&self, shown: Option<usize>) -> View {
        let lang = self.lang;
        let keep = shown.unwrap_or(usize::MAX);
        let (columns, absent) = self.header.clone().unwrap_or_default();
        let mut view = View {
            usable: false,
            rules: String::new(),
            year: self.year,
            structures: Vec::new(),
            total: money(Decimal::ZERO, lang),
            provisional: Vec::new(),
            provisional_labels: Vec::new(),
            unpaid: Vec::new(),
            codes: std::collections::BTreeMap::new(),
            unchecked: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            infos: Vec::new(),
            checked: self.checked.structures,
            eligible: self.checked.accepted(),
            years: years(self.set),
            failure: None,
            sheets: Sheets::of(&self.diagnostics),
            columns,
            absent,
            counts: Counts::default(),
            shown,
        };
        let cuts = match &self.computed {
            Ok(Some(c)) if c.usable => cuts(&c.report, &self.name),
            _ => Vec::new(),
        };
        for d in self.diagnostics.iter().chain(&cuts) {
            let code = d.code();
            let (what, fix) = code.doc(lang);
            view.codes.entry(code.as_str()).or_insert(CodeText {
                title: code.title(lang),
                what,
                fix,
            });
            let (list, count) = match d.severity {
                Severity::Error => (&mut view.errors, &mut view.counts.errors),
                Severity::Warning => (&mut view.warnings, &mut view.counts.warnings),
                Severity::Info => (&mut view.infos, &mut view.counts.infos),
            };
            *count += 1;
            if list.len() < keep {
                list.push(json_value(&d.json(lang)));
            }
        }
        match &self.computed {
            Ok(Some(computed)) => {
                let report = &computed.report;
                view.usable = computed.usable;
                view.rules = report::version_ids(&report.used, self.set);
                view.total = money(report.total, lang);
                view.provisional = report.provisional_used();
                let (items, _) =
                    report::provisional_items(report.versions(), &report.provisional_keys(), lang);
                view.provisional_labels = items
                    .into_iter()
                    .map(|i| match lang {
                        Lang::Fr => format!("{} : {} (règles {})", i.label, i.value, i.version),
                        Lang::En => format!("{}: {} (rules {})", i.label, i.value, i.version),
                    })
                    .collect();
                let mut unpaid: Vec<u64> = report
                    .errors
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .filter_map(|d| d.row)
                    .collect();
                unpaid.sort_unstable();
                unpaid.dedup();
                unpaid.truncate(keep);
                view.unpaid = unpaid;
                // What she reads: the labels of the absent columns (the JSON keeps their keys).
                view.unchecked = report.unchecked.iter().map(|c| c.label()).collect();
                view.counts.structures = report.structures.len();
                view.structures = report
                    .structures
                    .iter()
                    .take(keep)
                    .map(|s| line(s, self.set, lang))
                    .collect();
            }
            Ok(None) => {}
            Err(e) => view.failure = Some(e.render(lang)),
        }
        view
    }

    /// The page's answer: the view cut to [`SHOWN`], and the documents it may ask for.
    pub fn brief(&mut self) -> Brief {
        let view = self.view(Some(SHOWN));
        let mut documents = vec!["check"];
        if let Ok(Some(computed)) = &self.computed {
            documents.extend(["csv", "json"]);
            if computed.usable {
                documents.extend(["xlsx", "html"]);
            }
        }
        let small = matches!(&self.computed, Ok(Some(c)) if c.report.structures.len() <= SHOWN);
        let chart = match small {
            true => self.html().and_then(Result::ok).map(text),
            false => None,
        };
        Brief {
            check: CheckCounts {
                structures: self.checked.structures,
                eligible: self.checked.accepted(),
                errors: self.checked.counts.errors,
                warnings: self.checked.counts.warnings,
            },
            view,
            documents,
            chart,
        }
    }

    /// One document, as its download holds it: "check" (`secpa check --format json`),
    /// "json", "csv", "html", "xlsx" (`secpa compute --format …`). `None` when the run
    /// has none (a file that cannot be used); an error when it cannot be written.
    pub fn document(&mut self, kind: &str) -> Option<Result<Vec<u8>, Error>> {
        match kind {
            "check" => Some(Ok(self.check_document())),
            "json" => self.compute_document().map(Ok),
            "csv" => self.csv().map(Ok),
            "html" => self.html(),
            "xlsx" => self.xlsx().map(|r| r.map(|w| w.bytes)),
            _ => None,
        }
    }

    /// `secpa check --format json FILE`, byte for byte: the command line's own writer.
    pub fn check_document(&self) -> Vec<u8> {
        let write = || -> std::io::Result<Vec<u8>> {
            let mut doc = CheckJson::begin(Vec::new(), self.lang)?;
            doc.file(&self.name)?;
            for d in &self.diagnostics {
                doc.diagnostic(d)?;
            }
            doc.end_file(&self.checked)?;
            doc.end(self.checked.counts.errors, self.checked.counts.warnings)
        };
        // Writing to a Vec cannot fail.
        write().unwrap_or_default()
    }

    /// [`Session::check_document`] as a value, for the answer.
    pub fn check_json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.check_document()).unwrap_or_default()
    }

    /// `secpa compute --format json FILE`, byte for byte (the command line's writer, its
    /// key order): `None` when the file's header already makes it unusable.
    pub fn compute_document(&self) -> Option<Vec<u8>> {
        let computed = self.computed.as_ref().ok()?.as_ref()?;
        Some(report::json::render(&computed.report))
    }

    /// [`Session::compute_document`] as a value, for the answer.
    pub fn compute_json(&self) -> Option<serde_json::Value> {
        Some(serde_json::from_slice(&self.compute_document()?).unwrap_or_default())
    }

    /// `secpa compute --format csv` (same condition).
    pub fn csv(&self) -> Option<Vec<u8>> {
        let computed = self.computed.as_ref().ok()?.as_ref()?;
        Some(report::csv::render(&computed.report, false))
    }

    /// `secpa compute --format html`, `None` when the file cannot be used.
    pub fn html(&mut self) -> Option<Result<Vec<u8>, Error>> {
        let computed = self.computed.as_mut().ok()?.as_mut()?;
        computed.usable.then(|| {
            html(
                &mut computed.report,
                &self.name,
                &computed.period,
                computed.as_of,
            )
        })
    }

    /// `secpa compute --format xlsx` (same condition).
    pub fn xlsx(&self) -> Option<Result<report::xlsx::Workbook, Error>> {
        let computed = self.computed.as_ref().ok()?.as_ref()?;
        computed
            .usable
            .then(|| report::xlsx::render(&computed.report))
    }

    /// `secpa explain FILE --row ROW` on the same file and options.
    pub fn explain(&self, row: u64) -> Result<String, Error> {
        explain(self.set, self.request(), row)
    }
}

/// The W032 warnings the workbook will give (a name or FINESS cut in its cell), foreseen
/// from the structures without writing the workbook.
fn cuts(report: &ComputeReport, file: &str) -> Vec<Diagnostic> {
    let mut cut = Vec::new();
    for s in &report.structures {
        for (column, value) in [("finess", &s.finess), ("nom", &s.nom)] {
            let value = value.as_deref().unwrap_or_default();
            if let std::borrow::Cow::Owned(_) = report::xlsx::cell_text(value) {
                cut.push(report::xlsx::Cut {
                    row: s.row,
                    column,
                    chars: value.chars().count() as u64,
                });
            }
        }
    }
    report::xlsx::Workbook {
        bytes: Vec::new(),
        cut,
    }
    .warnings(file)
}

/// `secpa check --format json FILE`: the summary, the diagnostics, how the header was
/// read, and the last row seen.
fn check(
    set: &RuleSet,
    request: &Request,
    as_of: NaiveDate,
    total: Option<u64>,
    progress: &mut dyn FnMut(Progress),
) -> (
    FileSummary,
    Vec<Diagnostic>,
    Option<HeaderView>,
    Option<u64>,
) {
    let ctx = Context::check(set, as_of);
    let opened = open(request, request.bytes.clone());
    let header = match &opened {
        Opened::File(file) => Some((
            file.header.read_as(),
            file.header.absent().into_iter().map(|c| c.name()).collect(),
        )),
        Opened::Unreadable(_) => None,
    };
    let mut sink = Counting::new(Collect::default(), Phase::Check, total, progress);
    // The sink never fails: nothing is written.
    let summary = pipeline::run(opened, &ctx, &mut sink).unwrap_or_default();
    let last = (sink.row > 0).then_some(sink.row);
    (summary, sink.inner.diagnostics, header, last)
}

/// What the page keeps of a compute run: the structures it lists, and the run's tally
/// (the command line's too).
struct Kept {
    tally: pipeline::Tally,
    structures: Vec<StructureResult>,
    /// The file was usable when the rows began.
    begun: bool,
}

impl Sink for Kept {
    fn begin(&mut self) -> Result<(), CoreError> {
        self.begun = true;
        Ok(())
    }

    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), CoreError> {
        self.tally.diagnostic(d);
        Ok(())
    }

    fn accepted(&mut self, a: Accepted<'_>) -> Result<(), CoreError> {
        if let Some(s) = a.computed {
            self.tally.structure(&s, a.judged_by);
            self.structures.push(s.to_owned());
        }
        Ok(())
    }
}

/// Diagnostics the HTML report lists, as `secpa compute --format html` (the rest counted).
const KEPT: usize = pipeline::Tally::KEPT;

/// `secpa compute FILE [--year Y] [--as-of D]`: the report, or `None` when the file cannot
/// be used.
fn compute<'a>(
    set: &'a RuleSet,
    request: &Request,
    as_of: NaiveDate,
    total: Option<u64>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Option<Computed<'a>>, Error> {
    let (period, _) = Period::choose(set, request.year, request.as_of, request.today)?;
    let ctx = Context::compute(set, &period, as_of);
    // Every diagnostic kept: the page's JSON lists them all, its HTML report the first
    // [`KEPT`] ([`html`]).
    let kept = Kept {
        tally: pipeline::Tally::new(&period, usize::MAX),
        structures: Vec::new(),
        begun: false,
    };
    let mut sink = Counting::new(kept, Phase::Compute, total, progress);
    let opened = open(request, request.bytes.clone());
    let summary = pipeline::run(opened, &ctx, &mut sink)?;
    let mut kept = sink.inner;
    if !kept.begun {
        return Ok(None);
    }
    let structures = std::mem::take(&mut kept.structures);
    let report = ComputeReport::of(
        &mut kept.tally,
        request.lang,
        set,
        request.year,
        structures,
        &summary,
    )?;
    Ok(Some(Computed {
        report,
        usable: summary.usable,
        period,
        as_of,
    }))
}

/// The HTML report, as `compute --format html` renders it: the batch against the envelope
/// of the year asked for, else of the year of the reference date (within the version's
/// validity); the first [`KEPT`] diagnostics listed, the others counted.
fn html(
    report: &mut ComputeReport,
    file: &str,
    period: &Period,
    as_of: NaiveDate,
) -> Result<Vec<u8>, Error> {
    let (envelope, reference) = envelope::for_period(report.set, period, as_of);
    let all = std::mem::take(&mut report.errors);
    let more = all.len().saturating_sub(KEPT);
    report.errors = all.iter().take(KEPT).cloned().collect();
    report.more_errors = more as u64;
    let gauge = report::html::batch_gauge(report, envelope, reference);
    let page = report::html::render(report, file, &gauge);
    report.errors = all;
    report.more_errors = 0;
    page
}

/// `secpa explain FILE --row ROW [--year Y] [--as-of D]` as text: the trace of one
/// structure, shown when the page's user clicks it.
pub fn explain(set: &RuleSet, request: Request, row: u64) -> Result<String, Error> {
    let as_of = request.as_of.unwrap_or(request.today);
    let (period, _) = Period::choose(set, request.year, request.as_of, request.today)?;
    let opened = open(&request, request.bytes.clone());
    let batch = crate::batch::read(opened, set, period.plan().is_some(), as_of)?;
    let explained = crate::report::explain::explain(
        &batch,
        request.name,
        set,
        &period,
        request.lang,
        Some(row),
        None,
    )?;
    Ok(text(explained.text))
}

/// `secpa template --output modèle.xlsx|.ods`: the empty candidature workbook, stating
/// the deadline of the version that judges a candidature filed `today`.
pub fn template(
    set: &RuleSet,
    format: crate::template::Format,
    lang: Lang,
    today: NaiveDate,
) -> Result<Vec<u8>, Error> {
    crate::template::write(format, lang, &deadline(set, today)?)
}

/// The deadline the template states: that of the version judging a candidature filed
/// `today`.
fn deadline(set: &RuleSet, today: NaiveDate) -> Result<crate::template::Deadline, Error> {
    set.judging(today)
        .map(|i| set.version(i))
        .map(crate::template::Deadline::of)
        .ok_or_else(|| Error::Said {
            fr: "aucune version des règles".into(),
            en: "no rule version".into(),
        })
}

/// The page's one-structure form as a one-row candidature workbook (.xlsx): the template
/// of [`template`] with `fields` (a column's name, as [`columns`] gives it, and the text
/// typed) on row 2 of « Candidatures ». A name that is no column is refused.
pub fn filled(
    set: &RuleSet,
    fields: &[(String, String)],
    lang: Lang,
    today: NaiveDate,
) -> Result<Vec<u8>, Error> {
    use crate::candidature::column::Column;
    let row = fields
        .iter()
        .map(|(name, text)| {
            Column::from_name(name)
                .map(|c| (c, text.clone()))
                .ok_or_else(|| Error::Said {
                    fr: format!("{name} : pas une colonne de candidature"),
                    en: format!("{name}: not a candidature column"),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    crate::template::filled(lang, &deadline(set, today)?, &row)
}

/// The columns of a candidature as the page's one-structure form asks for them, from the
/// reader's own table ([`Column::ALL`]): name (the CSV header the form writes), label,
/// note (what to enter, where to find it), kind, closed list, and whether the four
/// dotations read it or the date that chooses the judging rules (the others are for the
/// full check).
pub fn columns(lang: Lang) -> serde_json::Value {
    use crate::candidature::column::{Column, Input};
    let dotation = |c: Column| {
        matches!(
            c,
            Column::FileActiveMg
                | Column::AnneeFileActive
                | Column::TauxPauvrete
                | Column::Implantation
                | Column::CodeQpv
                | Column::CodeCommune
                | Column::AccordArsPsy
                | Column::MontantPsyDemande
                | Column::DateEntree
                // The filing date (for a founder, the entry date) chooses the rules that
                // judge the row, hence whether its code QPV is in their list.
                | Column::DateDepot
                | Column::StructureFondatrice
        )
    };
    let fields: Vec<serde_json::Value> = Column::ALL
        .iter()
        .map(|c| {
            let (kind, choices): (&str, Vec<&str>) = match c.input() {
                Input::Code | Input::Text => ("text", Vec::new()),
                Input::Choice(values) => ("choice", values),
                Input::YesNo => ("yesno", crate::model::YES_NO.offered()),
                Input::Count | Input::Year => ("integer", Vec::new()),
                Input::Percent | Input::Amount => ("decimal", Vec::new()),
                Input::Date => ("date", Vec::new()),
            };
            serde_json::json!({
                "name": c.name(),
                "label": c.label(),
                "note": crate::template::note(*c, lang),
                "kind": kind,
                "choices": choices,
                "dotation": dotation(*c),
            })
        })
        .collect();
    serde_json::Value::Array(fields)
}

#[cfg(feature = "web")]
pub mod bindings {
    //! The exports the page calls. A file: `start(name, bytes, options)` → the short
    //! answer ([`super::Brief`]) as JSON, the run kept in this instance; then
    //! `download(kind)` → one document's bytes, `explain_row(row)` → one trace. The
    //! one-structure form: `run` (every document at once: one row), `explain`, `filled`,
    //! `columns`, `template`.
    use std::cell::RefCell;

    use wasm_bindgen::prelude::wasm_bindgen;

    use super::{answer_json, Mapping, Phase, Request, Session};
    use crate::rules::RuleSet;
    use crate::Lang;

    #[wasm_bindgen]
    extern "C" {
        /// The Worker's `self.secpaProgress(phase, row, total)`: phase 0 check, 1 compute;
        /// total 0 when not known.
        #[wasm_bindgen(js_name = secpaProgress)]
        fn secpa_progress(phase: u32, row: f64, total: f64);
        /// The Worker's `self.secpaPanic(message)`: what a panic said, before the abort
        /// (`panic = "abort"`) traps the instance.
        #[wasm_bindgen(js_name = secpaPanic)]
        fn secpa_panic(message: &str);
    }

    thread_local! {
        /// The rules, read once per instance and kept for its life (the session borrows them).
        static RULES: RefCell<Option<&'static RuleSet>> = const { RefCell::new(None) };
        /// The last file's run, for its downloads.
        static SESSION: RefCell<Option<Session<'static>>> = const { RefCell::new(None) };
    }

    fn rules(lang: Lang) -> Result<&'static RuleSet, String> {
        RULES.with(|cell| {
            if let Some(set) = *cell.borrow() {
                return Ok(set);
            }
            let set: &'static RuleSet = Box::leak(Box::new(
                RuleSet::embedded().map_err(|e| crate::say::error::render(&e, lang))?,
            ));
            *cell.borrow_mut() = Some(set);
            Ok(set)
        })
    }

    /// Sends a panic's message to the page before the abort: the page then says what
    /// happened instead of a bare « unreachable ».
    #[wasm_bindgen]
    pub fn hook() {
        std::panic::set_hook(Box::new(|info| {
            // What the panic said, without its place in the source: the page quotes it.
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("panic");
            secpa_panic(message)
        }));
    }

    /// Checks and computes a file and keeps the run for [`document`]: returns the
    /// [`super::Brief`] as JSON, or `{"fatal": "…"}`. `options` as for [`run`], and, for
    /// the browser test only, `"panic_at_row": N`: a panic when the run reaches row N,
    /// where a reader's panic would happen (no known file makes the reader panic any more).
    #[wasm_bindgen]
    pub fn start(name: &str, bytes: Vec<u8>, options: &str) -> String {
        // The last run's memory is given back before this one takes its own.
        SESSION.with(|s| s.borrow_mut().take());
        #[derive(serde::Deserialize)]
        struct Test {
            panic_at_row: Option<u64>,
        }
        let panic_at = serde_json::from_str::<Test>(options)
            .ok()
            .and_then(|t| t.panic_at_row);
        let started = request(name, bytes, options).and_then(|(_, r)| {
            let set = rules(r.lang)?;
            Ok((set, r))
        });
        let (set, request) = match started {
            Ok(started) => started,
            Err(message) => return serde_json::json!({ "fatal": message }).to_string(),
        };
        let mut progress = |p: super::Progress| {
            if panic_at.is_some_and(|n| p.row >= n) {
                panic!("panic_at_row: row {} reached (browser test)", p.row);
            }
            let phase = match p.phase {
                Phase::Check => 0,
                Phase::Compute => 1,
            };
            secpa_progress(phase, p.row as f64, p.total.unwrap_or(0) as f64);
        };
        let mut session = Session::run(set, request, &mut progress);
        let brief = serde_json::to_string(&session.brief()).unwrap_or_default();
        // The kept run names its file with its own copy of the name.
        SESSION.with(|s| *s.borrow_mut() = Some(session));
        brief
    }

    /// One document of the last run ([`Session::document`]): its bytes, or `failed`
    /// saying why it cannot be written; no bytes when there is no such document. (Not
    /// named `document`: the bindings would shadow the page's `document`.)
    #[wasm_bindgen]
    pub fn download(kind: &str) -> Document {
        let result = SESSION.with(|s| {
            s.borrow_mut().as_mut().and_then(|s| {
                let lang = s.lang;
                s.document(kind).map(|r| r.map_err(|e| e.render(lang)))
            })
        });
        match result {
            Some(Ok(bytes)) => Document {
                bytes,
                failed: None,
            },
            Some(Err(message)) => Document {
                bytes: Vec::new(),
                failed: Some(message),
            },
            None => Document {
                bytes: Vec::new(),
                failed: None,
            },
        }
    }

    /// A document's bytes, or why it could not be written.
    #[wasm_bindgen(getter_with_clone)]
    pub struct Document {
        pub bytes: Vec<u8>,
        pub failed: Option<String>,
    }

    /// The trace of the structure on `row` of the last run: JSON `{"text": "…"}`, or
    /// `{"fatal": "…"}`.
    #[wasm_bindgen]
    pub fn explain_row(row: u32) -> String {
        let text = SESSION.with(|s| match s.borrow().as_ref() {
            Some(s) => s.explain(u64::from(row)).map_err(|e| e.render(s.lang)),
            None => Err("aucun fichier".to_owned()),
        });
        match text {
            Ok(text) => serde_json::json!({ "text": text }).to_string(),
            Err(message) => serde_json::json!({ "fatal": message }).to_string(),
        }
    }

    /// `options`: JSON `{"sheet": …, "columns": [["KEY", "HEADER"], …], "year": …, "as_of": "AAAA-MM-JJ", "today":
    /// "AAAA-MM-JJ", "lang": "fr"|"en"}`. Returns the [`super::Answer`] as JSON, or
    /// `{"fatal": "…"}` when the run cannot start. Every document at once: for the
    /// one-structure form (one row); a file goes through [`start`].
    #[wasm_bindgen]
    pub fn run(name: &str, bytes: Vec<u8>, options: &str) -> String {
        match request(name, bytes, options) {
            Ok((set, request)) => answer_json(&set, request),
            Err(message) => serde_json::json!({ "fatal": message }).to_string(),
        }
    }

    /// The trace of the structure on `row` (`secpa explain --row`), same options: JSON
    /// `{"text": "…"}`, or `{"fatal": "…"}`.
    #[wasm_bindgen]
    pub fn explain(name: &str, bytes: Vec<u8>, options: &str, row: u32) -> String {
        let text = request(name, bytes, options).and_then(|(set, request)| {
            let lang = request.lang;
            super::explain(&set, request, u64::from(row)).map_err(|e| e.render(lang))
        });
        match text {
            Ok(text) => serde_json::json!({ "text": text }).to_string(),
            Err(message) => serde_json::json!({ "fatal": message }).to_string(),
        }
    }

    /// The empty candidature workbook (`secpa template`): `format` "xlsx" or "ods",
    /// `options` as for [`run`] (`today`, `lang`). Its bytes; none when it cannot be
    /// written (the page then says so).
    #[wasm_bindgen]
    pub fn template(format: &str, options: &str) -> Vec<u8> {
        let format = match format {
            "ods" => crate::template::Format::Ods,
            _ => crate::template::Format::Xlsx,
        };
        request("", Vec::new(), options)
            .ok()
            .and_then(|(set, r)| super::template(&set, format, r.lang, r.today).ok())
            .unwrap_or_default()
    }

    /// The one-structure form as a one-row .xlsx candidature ([`super::filled`]):
    /// `fields` JSON `[["name", "typed text"], …]`, `options` as for [`run`]. Its bytes;
    /// none when it cannot be written (the page then says so).
    #[wasm_bindgen]
    pub fn filled(fields: &str, options: &str) -> Vec<u8> {
        let Ok(fields) = serde_json::from_str::<Vec<(String, String)>>(fields) else {
            return Vec::new();
        };
        request("", Vec::new(), options)
            .ok()
            .and_then(|(set, r)| super::filled(&set, &fields, r.lang, r.today).ok())
            .unwrap_or_default()
    }

    /// The columns of the one-structure form ([`super::columns`]), as JSON.
    #[wasm_bindgen]
    pub fn columns(lang: &str) -> String {
        let lang = if lang == "en" { Lang::En } else { Lang::Fr };
        super::columns(lang).to_string()
    }

    fn request<'a>(
        name: &'a str,
        bytes: Vec<u8>,
        options: &str,
    ) -> Result<(RuleSet, Request<'a>), String> {
        #[derive(serde::Deserialize)]
        struct Options {
            sheet: Option<String>,
            #[serde(default)]
            columns: Vec<(String, String)>,
            year: Option<i32>,
            as_of: Option<String>,
            today: String,
            lang: Option<String>,
        }
        let o: Options = serde_json::from_str(options).map_err(|e| e.to_string())?;
        let lang = match o.lang.as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Fr,
        };
        let date = |text: &str| {
            text.parse()
                .map_err(|_| format!("{text} : date attendue AAAA-MM-JJ"))
        };
        let today = date(&o.today)?;
        let as_of = o.as_of.as_deref().map(date).transpose()?;
        let pick = |(fr, en): (String, String)| match lang {
            Lang::Fr => fr,
            Lang::En => en,
        };
        let columns = o
            .columns
            .iter()
            .map(|(key, header)| Mapping::parse(&format!("{key}={header}")))
            .collect::<Result<Vec<_>, _>>()
            .map_err(pick)?;
        if let Some(conflict) = Mapping::conflict(&columns) {
            return Err(pick(conflict));
        }
        let set = RuleSet::embedded().map_err(|e| crate::say::error::render(&e, lang))?;
        Ok((
            set,
            Request {
                name,
                bytes,
                sheet: o.sheet.filter(|s| !s.is_empty()),
                columns,
                year: o.year,
                as_of,
                today,
                lang,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CSV of `rows` structures (the generator of `scripts/bench.sh`), and `long` names
    /// past a workbook cell from the 11th row. The rows whose `i % 500` is under 10 have a
    /// taux de pauvreté under 1 % and are refused (E110): [`refused`].
    fn valid_csv(rows: usize, long: usize) -> Vec<u8> {
        fn luhn(digits: &str) -> u32 {
            let total: u32 = digits
                .chars()
                .rev()
                .enumerate()
                .map(|(i, c)| {
                    let d = c.to_digit(10).unwrap_or(0) * if i % 2 == 0 { 2 } else { 1 };
                    if d > 9 {
                        d - 9
                    } else {
                        d
                    }
                })
                .sum();
            (10 - total % 10) % 10
        }
        let mut out = String::from(
            "finess,siret,nom,type_structure,code_commune,implantation,code_qpv,file_active_mg,\
             annee_file_active,taux_pauvrete,tiers_payant,tarifs_opposables,ouvert_a_tous,\
             mission_proximite,mission_accueil_vulnerables,mission_soutien_psychologique,\
             mission_mediation_sante,mission_demarche_participative,\
             mission_accompagnement_social,mission_interpretariat,mission_prevention,\
             mission_formation_evaluation,accord_ars_psy,montant_psy_demande,date_entree,\
             date_depot,structure_fondatrice\n",
        );
        for i in 0..rows {
            let finess = format!("93{i:06}");
            let siret = format!("{:013}", 123_456_789_000u64 + i as u64);
            let name = match (10..10 + long).contains(&i) {
                true => "n".repeat(report::xlsx::CELL_CHARS + 10),
                false => format!("Centre de santé {i}"),
            };
            out += &format!(
                "{finess}{},{siret}{},{name},centre_de_sante,93066,qpv,QP093040,{},2021,\
                 \"{},{}\",integral,oui,oui,oui,oui,oui,oui,oui,oui,oui,oui,oui,non,0,\
                 2022-03-01,2021-10-01,non\n",
                luhn(&finess),
                luhn(&siret),
                1000 + (i * 7919) % 5000,
                (i % 500) / 10,
                i % 10,
            );
        }
        out.into_bytes()
    }

    fn refused(rows: usize) -> usize {
        (0..rows).filter(|i| i % 500 < 10).count()
    }

    /// A workbook's members but its creation time (docProps/core.xml).
    fn members(xlsx: &[u8]) -> Vec<(String, Vec<u8>)> {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
        let mut out = Vec::new();
        for i in 0..zip.len() {
            let mut member = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            member.read_to_end(&mut bytes).unwrap();
            if member.name() != "docProps/core.xml" {
                out.push((member.name().to_owned(), bytes));
            }
        }
        out
    }

    fn request(name: &str, bytes: Vec<u8>) -> Request<'_> {
        Request {
            name,
            bytes,
            sheet: None,
            columns: Vec::new(),
            year: None,
            as_of: None,
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            lang: Lang::Fr,
        }
    }

    #[test]
    fn the_page_lists_up_to_shown_and_counts_everything() {
        let set = RuleSet::embedded().unwrap();
        let rows = SHOWN + 37;
        let mut seen = Vec::new();
        let mut session = Session::run(&set, request("lot.csv", valid_csv(rows, 0)), &mut |p| {
            seen.push(p)
        });
        // Diagnostics are cut too: one E110 per refused row, more than the page lists.
        let errors = Session::run(&set, request("lot.csv", valid_csv(60_000, 0)), &mut |_| {})
            .view(Some(SHOWN));
        assert_eq!(errors.counts.errors, refused(60_000));
        assert_eq!(errors.errors.len(), SHOWN);
        assert_eq!(errors.unpaid.len(), SHOWN);
        let brief = session.brief();
        let paid = rows - refused(rows);
        assert!(paid > SHOWN);
        assert_eq!(brief.view.counts.structures, paid);
        assert_eq!(brief.view.structures.len(), SHOWN);
        assert_eq!(brief.view.shown, Some(SHOWN));
        assert_eq!(brief.check.structures, rows as u64);
        assert_eq!(brief.check.eligible, paid as u64);
        assert_eq!(brief.view.counts.errors, refused(rows));
        // More structures than the page lists: no chart (the report has it).
        assert!(brief.chart.is_none());
        assert_eq!(brief.documents, ["check", "csv", "json", "xlsx", "html"]);
        // The progress: the check then the computation, rows rising to the last one (the
        // header is row 1), of a total known from the CSV's lines.
        let phases: Vec<Phase> = seen.iter().map(|p| p.phase).collect();
        let turn = phases.iter().position(|p| *p == Phase::Compute).unwrap();
        assert!(turn > 0 && phases[turn..].iter().all(|p| *p == Phase::Compute));
        assert!(seen[..turn].windows(2).all(|w| w[0].row < w[1].row));
        assert_eq!(seen[0].row, 2);
        assert!(seen.iter().all(|p| p.total == Some(rows as u64 + 2)));
        // Whole, the same view lists everything.
        let whole = session.view(None);
        assert_eq!(whole.structures.len(), paid);
        assert_eq!(whole.shown, None);
    }

    #[test]
    fn each_document_is_what_the_whole_answer_holds() {
        let set = RuleSet::embedded().unwrap();
        let bytes = valid_csv(30, 2);
        let answer = answer(&set, request("lot.csv", bytes.clone()));
        let mut session = Session::run(&set, request("lot.csv", bytes), &mut |_| {});
        let brief = session.brief();
        let doc = |s: &mut Session, kind| s.document(kind).unwrap().unwrap();
        assert_eq!(doc(&mut session, "csv"), answer.csv.unwrap().into_bytes());
        assert_eq!(doc(&mut session, "html"), answer.html.unwrap().into_bytes());
        // The workbook: the same but for its creation time, as two runs of the command.
        let xlsx = doc(&mut session, "xlsx");
        let before = answer.xlsx.unwrap();
        assert_eq!(base64(&xlsx).len(), before.len());
        let whole = session.xlsx().unwrap().unwrap().bytes;
        assert_eq!(members(&xlsx), members(&whole));
        assert!(members(&xlsx).len() > 5);
        // The JSON download: the bytes of `compute --format json` (its writer, its key
        // order; tests/integration/web.rs compares them with the binary's).
        let json = doc(&mut session, "json");
        assert_eq!(json, session.compute_document().unwrap());
        let compute: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(compute, answer.compute.unwrap());
        let check: serde_json::Value = serde_json::from_slice(&doc(&mut session, "check")).unwrap();
        assert_eq!(check, answer.check);
        assert!(session.document("nothing").is_none());
        // The two names too long for a workbook cell: W032 foreseen by the view as the
        // written workbook gives them.
        let workbook = session.xlsx().unwrap().unwrap();
        let written: Vec<serde_json::Value> = workbook
            .warnings("lot.csv")
            .iter()
            .map(|d| json_value(&d.json(Lang::Fr)))
            .collect();
        assert_eq!(written.len(), 2);
        let foreseen: Vec<&serde_json::Value> = brief
            .view
            .warnings
            .iter()
            .filter(|w| w["code"] == "W032")
            .collect();
        assert_eq!(foreseen, written.iter().collect::<Vec<_>>());
        assert_eq!(answer.view.warnings, brief.view.warnings);
        // Few structures: the chart comes with the answer.
        assert!(brief.chart.is_some_and(|h| h.contains("chart-h")));
    }

    #[test]
    fn an_unusable_file_offers_its_check_only() {
        let set = RuleSet::embedded().unwrap();
        let mut session = Session::run(&set, request("vide.csv", Vec::new()), &mut |_| {});
        let brief = session.brief();
        assert_eq!(brief.documents, ["check"]);
        assert!(!brief.view.usable);
        assert!(session.document("csv").is_none() && session.document("xlsx").is_none());
    }

    #[test]
    fn base64_as_rfc_4648_writes_it() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }
}
