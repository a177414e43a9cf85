//! The HTML report: one self-contained page (inline CSS and SVG, no script, no network),
//! rendered by minijinja from the templates in `templates/`, embedded in the binary.
//! Every value reaches the page through the template engine, which escapes it: a structure
//! named `<script>` is shown, never run.
//!
//! Two pages: `compute.html` ([`render`]) and `budget.html` ([`render_budget`]), built from
//! shared pieces: `base.html` (page, CSS, footer),
//! `envelope.html` (macro `gauge`, model [`Gauge`]), `rules.html`, `diagnostics.html`,
//! and [`render_template`].

mod budget;
mod gauge;
pub mod labels;
pub mod svg;

use crate::diagnostic::prelude::*;
use crate::titles::Title;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::syntax::SyntaxConfig;
use minijinja::{Environment, UndefinedBehavior};
use rust_decimal::Decimal;
use serde::Serialize;

pub use budget::render_budget;
pub use gauge::{Gauge, GaugeView};

use super::{money, provisional_items, ComputeReport, ProvisionalItem, StructureResult};
use crate::compute::envelope::YearEnvelope;
use crate::diagnostic::Diagnostic;
use crate::model::Dotation;
use crate::rules::Version;
use crate::{Error, Lang};

/// (name, source) of every template, embedded so that the binary runs from anywhere.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../templates/base.html")),
    ("style.css", include_str!("../../../templates/style.css")),
    (
        "envelope.html",
        include_str!("../../../templates/envelope.html"),
    ),
    ("rules.html", include_str!("../../../templates/rules.html")),
    (
        "diagnostics.html",
        include_str!("../../../templates/diagnostics.html"),
    ),
    (
        "compute.html",
        include_str!("../../../templates/compute.html"),
    ),
    (
        "budget.html",
        include_str!("../../../templates/budget.html"),
    ),
];

/// The template environment: HTML auto-escaping (by the `.html` names), strict undefined
/// variables so that a typo in a template fails the tests instead of printing nothing.
fn environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()?,
    );
    for (name, source) in TEMPLATES {
        env.add_template(name, source)?;
    }
    Ok(env)
}

/// Renders one of the embedded templates with `context`.
pub fn render_template(name: &str, context: impl Serialize) -> Result<Vec<u8>, Error> {
    let failed = |e: minijinja::Error| Error::Template {
        name: name.to_owned(),
        message: e.to_string(),
    };
    let env = environment().map_err(failed)?;
    let mut text = env
        .get_template(name)
        .and_then(|t| t.render(minijinja::value::Serde(context)))
        .map_err(failed)?;
    text.push('\n');
    Ok(text.into_bytes())
}

#[derive(Serialize)]
struct ComputePage<'a> {
    lang: &'static str,
    version: &'static str,
    t: BTreeMap<&'static str, &'static str>,
    title: &'static str,
    file: &'a str,
    basis: String,
    computed: u64,
    problems: u64,
    total: String,
    envelope: GaugeView,
    dotations: Vec<DotationView>,
    has_months: bool,
    /// The chart's bars: one per structure, or one for the whole batch past [`LISTED`].
    bars: Vec<StructureView>,
    structures: Vec<StructureView>,
    /// Past [`LISTED`] structures, what the page says instead of listing them ("" else).
    not_listed: String,
    totals: Vec<String>,
    rules: Vec<RuleView<'a>>,
    provisional: Vec<ProvisionalItem>,
    errors: Vec<ErrorView<'a>>,
    codes: Vec<CodeView>,
    /// Candidature columns absent from the file: eligibility not checked ("" when checked).
    unchecked: String,
    /// Diagnostics beyond those the page lists.
    more_errors: u64,
}

#[derive(Serialize)]
struct DotationView {
    key: &'static str,
    title: &'static str,
}

#[derive(Serialize, Clone)]
struct StructureView {
    /// The bar's id: its row, or `total`.
    id: String,
    row: u64,
    finess: String,
    nom: String,
    /// Name shown beside the bar: the name, else the FINESS, else the row.
    label: String,
    months: Option<u32>,
    amounts: Vec<String>,
    total: String,
    bar_title: String,
    segments: Vec<SegmentView>,
}

#[derive(Serialize, Clone)]
struct SegmentView {
    key: &'static str,
    x: String,
    width: String,
    text_x: String,
    title: String,
    label: Option<String>,
}

#[derive(Serialize)]
struct RuleView<'a> {
    id: &'a str,
    title: &'a str,
    from: String,
    until: String,
    origin: &'a str,
    sha256: &'a str,
}

/// A code present in the page and what it means (the page's legend of codes).
#[derive(Serialize)]
struct CodeView {
    code: &'static str,
    title: &'static str,
}

#[derive(Serialize)]
struct ErrorView<'a> {
    location: String,
    /// The column as she sees it: « H « Année de la file active » ».
    column: String,
    code: &'a str,
    severity: &'static str,
    message: String,
    help: Option<&'static str>,
}

/// The gauge of a `compute` batch: its total against the envelope of `envelope.year`.
/// `reference` is the date that chose the version of a run without `--year`: annual
/// amounts are then set against that date's year, and the page says so.
pub fn batch_gauge(
    report: &ComputeReport,
    envelope: YearEnvelope,
    reference: Option<NaiveDate>,
) -> Gauge {
    let fr = report.lang == Lang::Fr;
    let year = envelope.year;
    // "structure" is the same word in both languages.
    let n = match report.computed() {
        1 => "1 structure".to_owned(),
        n => format!("{n} structures"),
    };
    let ids: Vec<&str> = report.versions().map(|v| v.rules.id.as_str()).collect();
    let ids = ids.join(", ");
    let (heading, total_label) = match (fr, report.year) {
        (true, Some(_)) => (
            format!("Total du lot et enveloppe {year}"),
            format!("Total dû pour {year} ({n})"),
        ),
        (false, Some(_)) => (
            format!("Batch total and {year} envelope"),
            format!("Total due for {year} ({n})"),
        ),
        (true, None) => (
            format!("Total du lot et enveloppe {year}"),
            format!("Total annuel ({n}, règles {ids})"),
        ),
        (false, None) => (
            format!("Batch total and {year} envelope"),
            format!("Annual total ({n}, rules {ids})"),
        ),
    };
    let notes = match (fr, reference) {
        (_, None) => Vec::new(),
        (true, Some(date)) => vec![format!("Montants annuels (douze mois) selon les règles {ids}, rapportés à l'enveloppe de {year}, année de la date de référence {date} (--as-of, sinon aujourd'hui, ramenée dans la validité de la version) ; pour les montants dus dans une année, utilisez --year.")],
        (false, Some(date)) => vec![format!("Annual amounts (twelve months) under the rules {ids}, set against the envelope of {year}, the year of the reference date {date} (--as-of, else today, brought within the version's validity); for the amounts due in a year, use --year.")],
    };
    Gauge {
        id: format!("envelope-{year}"),
        heading,
        total_label,
        total: report.total,
        envelope,
        notes,
        known_total: None,
    }
}

/// The most structures a page lists one by one (bars and table). A report is for reading:
/// past this, the page shows the batch's totals, one bar of its four dotations, the
/// envelope and the refused rows (bounded too: `pipeline::Tally::KEPT`), and says that the
/// full list is in the CSV or the workbook; memory and the page's weight stay bounded
/// (a million structures made a page of 1.2 GB, built in 6 GiB).
pub const LISTED: usize = 1000;

/// Renders the compute report as one HTML page. `file` is the input as the user named it.
pub fn render(report: &ComputeReport, file: &str, gauge: &Gauge) -> Result<Vec<u8>, Error> {
    render_listing(report, file, gauge, LISTED)
}

/// [`render`], listing the structures one by one up to `listed` of them.
pub fn render_listing(
    report: &ComputeReport,
    file: &str,
    gauge: &Gauge,
    listed: usize,
) -> Result<Vec<u8>, Error> {
    let lang = report.lang;
    let fr = lang == Lang::Fr;
    let all = report.lists_all() && report.structures.len() <= listed;
    let scale = report
        .structures
        .iter()
        .map(|s| s.amounts.total)
        .max()
        .unwrap_or(Decimal::ZERO);
    let structures: Vec<StructureView> = match all {
        true => report
            .structures
            .iter()
            .map(|s| {
                let label = match (s.nom.as_deref(), s.finess.as_deref(), fr) {
                    (Some(nom), ..) if !nom.is_empty() => nom.to_owned(),
                    (_, Some(finess), _) if !finess.is_empty() => finess.to_owned(),
                    (.., true) => format!("Ligne {}", s.row),
                    (.., false) => format!("Row {}", s.row),
                };
                structure_view(s, label, scale, lang)
            })
            .collect(),
        false => Vec::new(),
    };
    let (bars, not_listed) = match all {
        true => (structures, String::new()),
        false => {
            // One bar: the batch's four sums, against its own total.
            let sums = report.dotation_sums();
            let sum = |i: usize| sums.get(i).copied().unwrap_or_default();
            let dotations = crate::compute::PerDotation {
                participative: sum(0),
                precarite: sum(1),
                interpretariat: sum(2),
                psychologique: sum(3),
            };
            let batch = StructureResult {
                row: 0,
                finess: None,
                nom: None,
                months: None,
                amounts: crate::compute::Amounts {
                    dotations,
                    total: report.total,
                },
                versions: Vec::new(),
                provisional: Vec::new(),
            };
            let mut bar = structure_view(
                &batch,
                labels::total_bar(lang).to_owned(),
                report.total,
                lang,
            );
            bar.id = "total".to_owned();
            (
                vec![bar],
                labels::not_listed(report.computed(), listed, lang),
            )
        }
    };
    let structures = match all {
        true => bars.iter().map(StructureView::clone).collect(),
        false => Vec::new(),
    };
    let totals = report
        .dotation_sums()
        .into_iter()
        .map(|a| money(a, lang))
        .collect();

    let (provisional, _) = provisional_items(
        report.provisional_versions(),
        &report.provisional_keys(),
        lang,
    );

    let basis = match (fr, report.year) {
        (true, Some(y)) => format!("dus pour {y}, proratisés au mois"),
        (false, Some(y)) => format!("due for {y}, prorated by month"),
        (true, None) => "annuels".to_owned(),
        (false, None) => "annual".to_owned(),
    };
    let page = ComputePage {
        lang: if fr { "fr" } else { "en" },
        version: env!("CARGO_PKG_VERSION"),
        t: labels::labels(lang),
        title: labels::labels(lang)
            .get("title")
            .copied()
            .unwrap_or("secpa"),
        file,
        basis,
        computed: report.computed(),
        problems: report.errors.len() as u64 + report.more_errors,
        total: money(report.total, lang),
        envelope: gauge.view(report.set, lang),
        dotations: Dotation::ALL
            .iter()
            .map(|d| DotationView {
                key: d.label(),
                title: d.title(lang),
            })
            .collect(),
        has_months: report.year.is_some(),
        bars,
        structures,
        not_listed,
        totals,
        rules: rule_views(report.versions()),
        provisional,
        errors: error_views(&report.errors, lang),
        codes: code_views(&report.errors, lang),
        unchecked: crate::candidature::Column::labels(&report.unchecked),
        more_errors: report.more_errors,
    };
    render_template("compute.html", &page)
}

/// The rule versions for `rules.html`.
fn rule_views<'a>(versions: impl Iterator<Item = &'a Version>) -> Vec<RuleView<'a>> {
    versions
        .map(|v| RuleView {
            id: &v.rules.id,
            title: &v.rules.title,
            from: v.rules.valid_from.get_ref().to_string(),
            until: v.rules.valid_until.get_ref().to_string(),
            origin: &v.origin,
            sha256: v.sha256(),
        })
        .collect()
}

/// The codes of `errors`, once each, by number, with what they mean.
fn code_views(errors: &[Diagnostic], lang: Lang) -> Vec<CodeView> {
    let mut codes: Vec<crate::diagnostic::Code> = errors.iter().map(|d| d.code()).collect();
    codes.sort_by_key(|c| c.as_str());
    codes.dedup();
    codes
        .into_iter()
        .map(|c| CodeView {
            code: c.as_str(),
            title: c.title(lang),
        })
        .collect()
}

/// The diagnostics for `diagnostics.html`.
fn error_views(errors: &[Diagnostic], lang: Lang) -> Vec<ErrorView<'_>> {
    errors
        .iter()
        .map(|d| ErrorView {
            location: match d.row {
                Some(row) => format!("{}:{row}", d.file),
                None => d.file.clone(),
            },
            column: d.named().map(|n| n.short(lang)).unwrap_or_default(),
            code: d.code().as_str(),
            severity: d.severity.label(lang),
            message: d.message(lang),
            help: d.problem.help(lang),
        })
        .collect()
}

/// One structure's bar and row of the table, its bar at `scale`.
fn structure_view(s: &StructureResult, label: String, scale: Decimal, lang: Lang) -> StructureView {
    let fr = lang == Lang::Fr;
    let amounts: Vec<Decimal> = s.amounts.dotations.iter().map(|(_, a)| *a).collect();
    let stacked = svg::stack(&amounts, scale, svg::BAR_WIDTH);
    let segments = s
        .amounts
        .dotations
        .iter()
        .zip(&stacked)
        .map(|((d, amount), seg)| {
            let shown = money(*amount, lang);
            SegmentView {
                key: d.label(),
                x: svg::format_length(seg.x),
                width: svg::format_length(seg.width),
                text_x: svg::format_length(seg.x + seg.width / Decimal::TWO),
                title: format!("{} : {shown}", d.title(lang)),
                label: (seg.width >= Decimal::from(svg::LABEL_MIN_WIDTH)).then_some(shown),
            }
        })
        .collect();
    let parts: Vec<String> = s
        .amounts
        .dotations
        .iter()
        .map(|(d, a)| format!("{} {}", d.title(lang), money(*a, lang)))
        .collect();
    let bar_title = format!(
        "{label}{} {} ({})",
        if fr { " : total" } else { ": total" },
        money(s.amounts.total, lang),
        parts.join(", ")
    );
    StructureView {
        id: s.row.to_string(),
        row: s.row,
        finess: s.finess.clone().unwrap_or_default(),
        nom: s.nom.clone().unwrap_or_default(),
        label,
        months: s.months,
        amounts: amounts.iter().map(|a| money(*a, lang)).collect(),
        total: money(s.amounts.total, lang),
        bar_title,
        segments,
    }
}
