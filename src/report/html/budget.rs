//! `secpa budget --format html`: the batch against the yearly envelopes as one page. Every
//! figure comes from the typed [`Budget`] (`budget::compute`), the same the table and JSON
//! show: one [`Gauge`] per year (drawn by the `gauge` macro of `envelope.html`), the notes
//! of the table renderer, a table with the same cells, the rule versions and the rows not
//! computed. An unknown envelope stays unknown: no figure, no share.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    code_views, error_views, render_template, rule_views, svg, CodeView, ErrorView, Gauge,
    GaugeView, RuleView,
};
use crate::budget::{Budget, EnvelopePart, PeriodBudget, YearBudget};
use crate::compute::envelope::{EnvelopeShare, YearEnvelope};
use crate::diagnostic::Diagnostic;
use crate::report::budget::{
    envelope_cell, months_named, notes, period_cell, period_months_cell, period_share_cell,
    share_cell,
};
use crate::report::money;
use crate::report::{provisional_items, ProvisionalItem};
use crate::rules::RuleSet;
use crate::{Error, Lang};

#[derive(Serialize)]
struct BudgetPage<'a> {
    lang: &'static str,
    version: &'static str,
    t: BTreeMap<&'static str, &'static str>,
    title: &'static str,
    file: &'a str,
    structures: usize,
    years: String,
    years_over: String,
    problems: usize,
    gauges: Vec<GaugeView>,
    notes: Vec<String>,
    rows: Vec<RowView>,
    rules: Vec<RuleView<'a>>,
    provisional: Vec<ProvisionalItem>,
    errors: Vec<ErrorView<'a>>,
    /// Diagnostics beyond those the page lists.
    more_errors: usize,
    codes: Vec<CodeView>,
}

/// A line of the table: the cells of `secpa budget`'s table, plus the status in words.
#[derive(Serialize)]
struct RowView {
    /// The year, or the years of an envelope of several years ("2022–2023").
    year: String,
    months: String,
    total: String,
    envelope: String,
    share: String,
    status: &'static str,
    over: bool,
}

/// The envelope of a year as the gauge wants it, built from the budget's own parts so that
/// the gauge and the table can never disagree.
fn year_envelope(y: &YearBudget) -> YearEnvelope {
    let share = |p: &EnvelopePart| EnvelopeShare {
        from: p.from,
        until: p.until,
        declared: p.amount,
        months_total: p.months_total,
        months_in_year: p.months_in_year,
        amount: p.amount,
        versions: vec![p.version_index],
        source: p.source.clone(),
        reference: p.reference.clone(),
        provisional: p.provisional,
    };
    YearEnvelope {
        year: y.year,
        shares: y.parts.iter().map(share).collect(),
        together: y.together.iter().map(share).collect(),
        superseded: Vec::new(),
        uncovered: y.unknown_months.clone(),
    }
}

/// "2021 (août–décembre)" when the experiment runs part of the year only.
fn year_heading(y: &YearBudget, lang: Lang) -> String {
    if y.months.len() == 12 {
        y.year.to_string()
    } else {
        format!("{} ({})", y.year, months_named(&y.months, lang))
    }
}

fn gauge(b: &Budget, y: &YearBudget, lang: Lang) -> Gauge {
    let fr = lang == Lang::Fr;
    let n = match b.structures {
        1 => "1 structure".to_owned(),
        n => format!("{n} structures"),
    };
    let total_label = if fr {
        format!("Total dû pour {} ({n})", y.year)
    } else {
        format!("Total due for {} ({n})", y.year)
    };
    let mut notes = Vec::new();
    if let (true, Some(e)) = (y.over, y.envelope) {
        let by = money(y.compared_total - e, lang);
        notes.push(if fr {
            format!("DÉPASSEMENT : le total dépasse l'enveloppe de {by}.")
        } else {
            format!("OVER THE ENVELOPE: the total exceeds it by {by}.")
        });
    }
    Gauge {
        id: format!("budget-{}", y.year),
        heading: year_heading(y, lang),
        total_label,
        total: y.total,
        envelope: year_envelope(y),
        notes,
        known_total: Some(y.compared_total),
    }
}

fn row(y: &YearBudget, t: &BTreeMap<&'static str, &'static str>, lang: Lang) -> RowView {
    let months = if y.months.len() == 12 {
        "12".to_owned()
    } else {
        format!("{} ({})", y.months.len(), months_named(&y.months, lang))
    };
    let status = match (y.share.is_some(), y.over) {
        (false, _) if y.envelope.is_none() && !y.together.is_empty() => "status_together",
        (false, _) => "status_unknown",
        (true, true) => "status_over",
        (true, false) => "status_within",
    };
    RowView {
        year: y.year.to_string(),
        months,
        total: money(y.total, lang),
        envelope: envelope_cell(y, lang),
        share: share_cell(y, lang),
        status: t.get(status).copied().unwrap_or(status),
        over: y.over,
    }
}

/// The gauge of an envelope of several years: the batch's total due over its whole period
/// against it, the years together.
fn period_gauge(b: &Budget, p: &PeriodBudget, lang: Lang) -> GaugeView {
    let fr = lang == Lang::Fr;
    let e = &p.envelope;
    let years = e.years();
    let n = match b.structures {
        1 => "1 structure".to_owned(),
        n => format!("{n} structures"),
    };
    let months = period_months_cell(p, lang);
    let total_label = match fr {
        true => format!("Total dû pour {years} ensemble ({n} ; mois : {months})"),
        false => format!("Total due for {years} together ({n}; months: {months})"),
    };
    let envelope_label = match fr {
        true => format!("Enveloppe {years} (ensemble)"),
        false => format!("Envelope {years} (together)"),
    };
    let total = money(p.total, lang);
    let envelope = money(e.amount, lang);
    let percent = p.share.map(|share| crate::report::percent(share, lang));
    let scale = e.amount.max(p.total);
    let track = svg::length(e.amount, scale, svg::GAUGE_WIDTH);
    let mut lines = vec![notes_of_period(b, p, lang)];
    if e.provisional {
        lines.push(if fr {
            "Enveloppe PROVISOIRE : au moins un montant n'est pas confirmé dans le texte officiel."
                .to_owned()
        } else {
            "PROVISIONAL envelope: at least one amount is not confirmed in the official text."
                .to_owned()
        });
    }
    if p.over {
        let by = money(p.total - e.amount, lang);
        lines.push(if fr {
            format!("DÉPASSEMENT : le total dépasse l'enveloppe de {by}.")
        } else {
            format!("OVER THE ENVELOPE: the total exceeds it by {by}.")
        });
    }
    let svg_title = match (fr, &percent) {
        (true, Some(pc)) => {
            format!("{total_label} : {total}, soit {pc} de l'enveloppe {years} ({envelope})")
        }
        (false, Some(pc)) => {
            format!("{total_label}: {total}, {pc} of the {years} envelope ({envelope})")
        }
        (true, None) => format!("{total_label} : {total} ; {envelope_label} : {envelope}"),
        (false, None) => format!("{total_label}: {total}; {envelope_label}: {envelope}"),
    };
    GaugeView {
        id: format!("budget-{}-{}", e.from, e.until),
        heading: format!("{years} ({} → {})", e.from, e.until),
        total_label,
        total,
        envelope_label,
        envelope,
        percent,
        svg_title,
        svg_desc: match fr {
            true => {
                "Barre pleine : le total ; fond gris et trait vertical : l'enveloppe.".to_owned()
            }
            false => {
                "Solid bar: the total; grey background and vertical line: the envelope.".to_owned()
            }
        },
        bar: svg::length(p.total, scale, svg::GAUGE_WIDTH),
        bar_class: if p.over { "total over" } else { "total" },
        marker: Some(track.clone()),
        track: Some(track),
        complete: true,
        unknown: false,
        frame: String::new(),
        lines,
    }
}

/// The note of `notes` that speaks of the period `p` (the same sentence as the table's).
fn notes_of_period(b: &Budget, p: &PeriodBudget, lang: Lang) -> String {
    let index = b.periods.iter().position(|q| q == p).unwrap_or(0);
    notes(b, lang).into_iter().nth(index).unwrap_or_default()
}

fn period_row(p: &PeriodBudget, t: &BTreeMap<&'static str, &'static str>, lang: Lang) -> RowView {
    let status = match (p.share.is_some(), p.over) {
        (_, true) => "status_over",
        (true, false) => "status_within",
        (false, false) => "status_unknown",
    };
    RowView {
        year: period_cell(p),
        months: period_months_cell(p, lang),
        total: money(p.total, lang),
        envelope: money(p.envelope.amount, lang),
        share: period_share_cell(p, lang),
        status: t.get(status).copied().unwrap_or(status),
        over: p.over,
    }
}

/// Renders the budget of the batch `file` as one HTML page. `errors` are the rows not
/// computed and the file's problems, sorted.
pub fn render_budget(
    b: &Budget,
    set: &RuleSet,
    file: &str,
    errors: &[Diagnostic],
    lang: Lang,
) -> Result<Vec<u8>, Error> {
    let fr = lang == Lang::Fr;
    let t = super::labels::labels(lang);
    let listed = &errors[..errors.len().min(crate::pipeline::Tally::KEPT)];
    let versions = || b.versions.iter().map(|&i| set.version(i));
    let (provisional, _) = provisional_items(versions(), &b.provisional, lang);
    let years = match (b.years.first(), b.years.last()) {
        (Some(a), Some(z)) if a.year == z.year => a.year.to_string(),
        (Some(a), Some(z)) => format!("{}–{}", a.year, z.year),
        _ => "—".to_owned(),
    };
    let over: Vec<String> = b
        .years
        .iter()
        .filter(|y| y.over)
        .map(|y| y.year.to_string())
        .chain(
            b.periods
                .iter()
                .filter(|p| p.over)
                .map(|p| p.envelope.years()),
        )
        .collect();
    let page = BudgetPage {
        lang: if fr { "fr" } else { "en" },
        version: env!("CARGO_PKG_VERSION"),
        title: t.get("budget_title").copied().unwrap_or("secpa"),
        file,
        structures: b.structures,
        years,
        years_over: if over.is_empty() {
            t.get("none").copied().unwrap_or("—").to_owned()
        } else {
            over.join(", ")
        },
        problems: errors.len(),
        gauges: b
            .years
            .iter()
            .map(|y| gauge(b, y, lang).view(set, lang))
            .chain(b.periods.iter().map(|p| period_gauge(b, p, lang)))
            .collect(),
        notes: notes(b, lang),
        rows: b
            .years
            .iter()
            .map(|y| row(y, &t, lang))
            .chain(b.periods.iter().map(|p| period_row(p, &t, lang)))
            .collect(),
        rules: rule_views(versions()),
        provisional,
        // The first ones, as the compute page (a file of a million bad rows is not read
        // on a page); the others are counted, and all are on the standard error.
        errors: error_views(listed, lang),
        codes: code_views(listed, lang),
        more_errors: errors.len() - listed.len(),
        t,
    };
    render_template("budget.html", &page)
}
