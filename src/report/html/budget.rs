//! `secpa budget --format html`: the batch against the yearly envelopes as one page. Every
//! figure comes from the typed [`Budget`] (`budget::compute`), the same the table and JSON
//! show: one [`Gauge`] per year (drawn by the `gauge` macro of `envelope.html`), the notes
//! of the table renderer, a table with the same cells, the rule versions and the rows not
//! computed. An unknown envelope stays unknown: no figure, no share.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    code_views, error_views, render_template, rule_views, CodeView, ErrorView, Gauge, GaugeView,
    RuleView,
};
use crate::budget::{Budget, EnvelopePart, YearBudget};
use crate::compute::envelope::{EnvelopeShare, YearEnvelope};
use crate::diagnostic::Diagnostic;
use crate::report::budget::{envelope_cell, months_named, notes, share_cell};
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
    codes: Vec<CodeView>,
}

/// A line of the table: the cells of `secpa budget`'s table, plus the status in words.
#[derive(Serialize)]
struct RowView {
    year: i32,
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
        amount: p.in_year,
        versions: vec![p.version_index],
        source: p.source.clone(),
        reference: p.reference.clone(),
        provisional: p.provisional,
    };
    YearEnvelope {
        year: y.year,
        shares: y.parts.iter().map(share).collect(),
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
        (false, _) => "status_unknown",
        (true, true) => "status_over",
        (true, false) => "status_within",
    };
    RowView {
        year: y.year,
        months,
        total: money(y.total, lang),
        envelope: envelope_cell(y, lang),
        share: share_cell(y, lang),
        status: t.get(status).copied().unwrap_or(status),
        over: y.over,
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
    let versions = || b.versions.iter().filter_map(|&i| set.versions().get(i));
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
            .collect(),
        notes: notes(b, lang),
        rows: b.years.iter().map(|y| row(y, &t, lang)).collect(),
        rules: rule_views(versions()),
        provisional,
        errors: error_views(errors, lang),
        codes: code_views(errors, lang),
        t,
    };
    render_template("budget.html", &page)
}
