//! What the web page (`target/web/secpa.html`, built by `scripts/build-web.sh`) asks of
//! secpa: a file's bytes in, one JSON document out. No I/O and no clock: the page reads the
//! file the user dropped and gives today's date.
//!
//! Nothing here reads a row: the file goes through [`pipeline::run`] twice, as
//! `secpa check` (every column required) and as `secpa compute` (the columns of the
//! computation), and the results are rendered by the renderers of the command line
//! (`report::json`, `report::csv`, `report::html`). The documents the page shows and
//! downloads are therefore those of
//! `secpa check --format json`, `secpa compute --format json|csv|html` on the same bytes
//! (the tests compare them). The functions are plain Rust, tested natively; the `web`
//! feature adds the `wasm-bindgen` export [`bindings::run`].

use crate::diagnostic::prelude::*;
use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::candidature::column::Mapping;
use crate::candidature::{open_bytes_with, HeaderReading, Opened, Options};
use crate::compute::{envelope, years, Period};
use crate::diagnostic::{Diagnostic, Problem, Severity};
use crate::pipeline::{self, Collect, Context, FileSummary};
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

/// [`run`] with a given rule set.
pub fn answer(set: &RuleSet, request: Request) -> Answer {
    let as_of = request.as_of.unwrap_or(request.today);
    let (check, summary, diagnostics, header) = check(set, &request, as_of);
    let (columns, absent) = header.unwrap_or_default();
    let mut view = View {
        usable: false,
        rules: String::new(),
        year: request.year,
        structures: Vec::new(),
        total: money(Decimal::ZERO, request.lang),
        provisional: Vec::new(),
        provisional_labels: Vec::new(),
        unpaid: Vec::new(),
        codes: std::collections::BTreeMap::new(),
        unchecked: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
        infos: Vec::new(),
        checked: summary.structures,
        eligible: summary.accepted(),
        years: years(set),
        failure: None,
        sheets: Sheets::of(&diagnostics),
        columns,
        absent,
    };
    for d in &diagnostics {
        let code = d.code();
        let (what, fix) = code.doc(request.lang);
        view.codes.entry(code.as_str()).or_insert(CodeText {
            title: code.title(request.lang),
            what,
            fix,
        });
        let json = json_value(&d.json(request.lang));
        match d.severity {
            Severity::Error => view.errors.push(json),
            Severity::Warning => view.warnings.push(json),
            Severity::Info => view.infos.push(json),
        }
    }
    let mut answer = Answer {
        check,
        compute: None,
        csv: None,
        html: None,
        xlsx: None,
        view,
    };
    match compute(set, &request, as_of) {
        Ok(Some(computed)) => {
            let view = &mut answer.view;
            view.usable = computed.html.is_some();
            view.rules = report::version_ids(&computed.report.used, set);
            view.total = money(computed.report.total, request.lang);
            view.provisional = computed.report.provisional_used();
            let (items, _) = report::provisional_items(
                computed.report.versions(),
                &computed.report.provisional_keys(),
                request.lang,
            );
            view.provisional_labels = items
                .into_iter()
                .map(|i| match request.lang {
                    Lang::Fr => format!("{} : {} (règles {})", i.label, i.value, i.version),
                    Lang::En => format!("{}: {} (rules {})", i.label, i.value, i.version),
                })
                .collect();
            let mut unpaid: Vec<u64> = computed
                .report
                .errors
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .filter_map(|d| d.row)
                .collect();
            unpaid.sort_unstable();
            unpaid.dedup();
            view.unpaid = unpaid;
            // What she reads: the labels of the absent columns (the JSON keeps their keys).
            view.unchecked = computed
                .report
                .unchecked
                .iter()
                .map(|c| c.label())
                .collect();
            view.structures = computed
                .report
                .structures
                .iter()
                .map(|s| line(s, set, request.lang))
                .collect();
            answer.compute = Some(
                serde_json::from_slice(&report::json::render(&computed.report)).unwrap_or_default(),
            );
            answer.csv = Some(text(report::csv::render(&computed.report, false)));
            if computed.html.is_some() {
                // A text too long for a cell is cut in the workbook and said (W032), as by
                // `compute --format xlsx`; a workbook that still cannot be written is said.
                match report::xlsx::render(&computed.report) {
                    Ok(workbook) => {
                        for d in workbook.warnings(request.name) {
                            let code = d.code();
                            let (what, fix) = code.doc(request.lang);
                            view.codes.entry(code.as_str()).or_insert(CodeText {
                                title: code.title(request.lang),
                                what,
                                fix,
                            });
                            view.warnings.push(json_value(&d.json(request.lang)));
                        }
                        answer.xlsx = Some(base64(&workbook.bytes));
                    }
                    Err(e) => view.failure = Some(e.render(request.lang)),
                }
            }
            answer.html = computed.html.map(text);
        }
        Ok(None) => {}
        Err(e) => answer.view.failure = Some(e.render(request.lang)),
    }
    answer
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

/// `secpa check --format json FILE`: the document, the summary, the diagnostics, and how
/// the header was read.
fn check(
    set: &RuleSet,
    request: &Request,
    as_of: NaiveDate,
) -> (
    serde_json::Value,
    FileSummary,
    Vec<Diagnostic>,
    Option<HeaderView>,
) {
    let ctx = Context::check(set, as_of);
    let mut keep = Collect::default();
    let opened = open(request, request.bytes.clone());
    let header = match &opened {
        Opened::File(file) => Some((
            file.header.read_as(),
            file.header.absent().into_iter().map(|c| c.name()).collect(),
        )),
        Opened::Unreadable(_) => None,
    };
    // The sink never fails: nothing is written.
    let summary = pipeline::run(opened, &ctx, &mut keep).unwrap_or_default();
    let diagnostics: Vec<serde_json::Value> = keep
        .diagnostics
        .iter()
        .map(|d| json_value(&d.json(request.lang)))
        .collect();
    let document = serde_json::json!({
        "files": [{
            "path": request.name,
            "diagnostics": diagnostics,
            "usable": summary.usable,
            "structures": summary.structures,
            "eligible": summary.accepted(),
        }],
        "errors": summary.errors,
        "warnings": summary.warnings,
    });
    (document, summary, keep.diagnostics, header)
}

struct Computed<'a> {
    report: ComputeReport<'a>,
    html: Option<Vec<u8>>,
}

/// Diagnostics the HTML report lists, as `secpa compute --format html` (the rest counted).
const KEPT: usize = 1000;

/// `secpa compute FILE [--year Y] [--as-of D]`: the report of every format, or `None` when
/// the file cannot be used.
fn compute<'a>(
    set: &'a RuleSet,
    request: &Request,
    as_of: NaiveDate,
) -> Result<Option<Computed<'a>>, Error> {
    let (period, _) = Period::choose(set, request.year, request.as_of, request.today)?;
    let ctx = Context::compute(set, &period, as_of);
    let mut keep = Collect::default();
    let opened = open(request, request.bytes.clone());
    let summary = pipeline::run(opened, &ctx, &mut keep)?;
    if !keep.begun {
        return Ok(None);
    }
    // The versions used: the one of annual amounts, and every one a structure used.
    let mut used: BTreeSet<usize> = period.annual().into_iter().collect();
    used.extend(
        keep.structures
            .iter()
            .flat_map(|s| s.versions.iter().copied()),
    );
    let total = keep.structures.iter().map(|s| s.amounts.total).sum();
    let mut report = ComputeReport {
        lang: request.lang,
        set,
        used: used.into_iter().collect(),
        judged: keep.judged.iter().copied().collect(),
        year: request.year,
        structures: keep.structures,
        total,
        errors: keep.diagnostics,
        unchecked: summary.unchecked.clone(),
        more_errors: 0,
        counts: summary.counts.clone(),
    };
    let html = match summary.usable {
        true => Some(html(&mut report, request.name, &period, as_of)?),
        false => None,
    };
    Ok(Some(Computed { report, html }))
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
        .and_then(|i| set.versions().get(i))
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
    //! The export the page calls: `run(name, bytes, options)` → JSON text.
    use wasm_bindgen::prelude::wasm_bindgen;

    use super::{answer_json, Mapping, Request};
    use crate::rules::RuleSet;
    use crate::Lang;

    /// `options`: JSON `{"sheet": …, "columns": [["KEY", "HEADER"], …], "year": …, "as_of": "AAAA-MM-JJ", "today":
    /// "AAAA-MM-JJ", "lang": "fr"|"en"}`. Returns the [`super::Answer`] as JSON, or
    /// `{"fatal": "…"}` when the run cannot start.
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
        let set = RuleSet::embedded().map_err(|e| e.render(lang))?;
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
    use super::base64;

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
