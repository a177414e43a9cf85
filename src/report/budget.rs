//! What `budget` shows: per year, the batch's total against the envelope, the share used and
//! a bar chart (plain characters; colour only when the caller says the terminal wants it).

#[cfg(feature = "cli")]
use std::fmt::Write as _;

#[cfg(feature = "cli")]
use comfy_table::{presets, CellAlignment, Table};
#[cfg(feature = "cli")]
use rust_decimal::prelude::ToPrimitive;
#[cfg(feature = "cli")]
use rust_decimal::Decimal;
use serde::Serialize;

use super::{money, number_plain};
use crate::budget::{Budget, YearBudget};
#[cfg(feature = "cli")]
use crate::compute::rounding::round_figure;
use crate::report::html::labels::month;
use crate::Lang;

#[cfg(feature = "cli")]
const BAR: usize = 40;

/// "janvier–avril", or "mai" for one month; months are consecutive in practice.
pub fn months_named(months: &[u32], lang: Lang) -> String {
    match (months.first(), months.last()) {
        (Some(a), Some(b)) if a == b => month(*a, lang).to_owned(),
        (Some(a), Some(b)) => format!("{}–{}", month(*a, lang), month(*b, lang)),
        _ => String::new(),
    }
}

fn share_text(y: &YearBudget, lang: Lang) -> String {
    let point = match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    };
    match y.share {
        Some(s) => format!(
            "{} %",
            super::number(s, lang)
                .trim_end_matches('0')
                .trim_end_matches(point)
        ),
        None => "—".to_owned(),
    }
}

/// The "Enveloppe" cell: the amount, the months it covers when not all, or unknown.
pub fn envelope_cell(y: &YearBudget, lang: Lang) -> String {
    match (y.envelope, y.unknown_months.is_empty(), lang) {
        (None, _, Lang::Fr) => "enveloppe inconnue".to_owned(),
        (None, _, Lang::En) => "unknown envelope".to_owned(),
        (Some(e), true, _) => money(e, lang),
        (Some(e), false, _) => format!(
            "{} ({})",
            money(e, lang),
            months_named(&y.known_months, lang)
        ),
    }
}

/// The "Part utilisée" cell: the share, over how many months when not all.
pub fn share_cell(y: &YearBudget, lang: Lang) -> String {
    if y.known_months.len() < y.months.len() && y.share.is_some() {
        match lang {
            Lang::Fr => format!(
                "{} (sur {} mois)",
                share_text(y, lang),
                y.known_months.len()
            ),
            Lang::En => format!(
                "{} (over {} months)",
                share_text(y, lang),
                y.known_months.len()
            ),
        }
    } else {
        share_text(y, lang)
    }
}

/// The notes under the figures: envelopes split pro rata of their months, months without an
/// envelope, structures without a dotation.
pub fn notes(b: &Budget, lang: Lang) -> Vec<String> {
    let fr = lang == Lang::Fr;
    let mut notes = Vec::new();
    for y in &b.years {
        for p in y.parts.iter().filter(|p| p.prorated) {
            notes.push(if fr {
                format!(
                    "{} : l'enveloppe de {} couvre {} → {} ({} mois) ; elle est répartie au prorata des mois : {}/{} = {} pour {} (source {}, règles {}{}).",
                    y.year,
                    money(p.amount, lang),
                    p.from,
                    p.until,
                    p.months_total,
                    p.months_in_year,
                    p.months_total,
                    money(p.in_year, lang),
                    y.year,
                    p.source,
                    p.version,
                    if p.provisional { ", provisoire" } else { "" }
                )
            } else {
                format!(
                    "{}: the envelope of {} covers {} → {} ({} months); it is split pro rata of the months: {}/{} = {} for {} (source {}, rules {}{}).",
                    y.year,
                    money(p.amount, lang),
                    p.from,
                    p.until,
                    p.months_total,
                    p.months_in_year,
                    p.months_total,
                    money(p.in_year, lang),
                    y.year,
                    p.source,
                    p.version,
                    if p.provisional { ", provisional" } else { "" }
                )
            });
        }
        let unknown = months_named(&y.unknown_months, lang);
        if y.envelope.is_none() {
            notes.push(if fr {
                format!("{} : enveloppe inconnue pour {unknown} : aucun fichier de règles n'en déclare ; aucune part n'est calculée.", y.year)
            } else {
                format!("{}: unknown envelope for {unknown}: no rule file declares one; no share is computed.", y.year)
            });
        } else if !y.unknown_months.is_empty() {
            let known = months_named(&y.known_months, lang);
            let compared = money(y.compared_total, lang);
            notes.push(if fr {
                format!("{} : enveloppe inconnue pour {unknown} ; la part compare le total dû pour {known} ({compared}) à l'enveloppe de ces mois.", y.year)
            } else {
                format!("{}: unknown envelope for {unknown}; the share sets the total due for {known} ({compared}) against the envelope of those months.", y.year)
            });
        }
    }
    if !b.not_eligible.is_empty() {
        let rows: Vec<String> = b.not_eligible.iter().map(u64::to_string).collect();
        notes.push(if fr {
            format!(
                "structures non éligibles (aucune dotation), lignes : {}",
                rows.join(", ")
            )
        } else {
            format!(
                "structures not eligible (no dotation), rows: {}",
                rows.join(", ")
            )
        });
    }
    notes
}

#[cfg(feature = "cli")]
fn bar(y: &YearBudget, colour: bool, lang: Lang) -> String {
    let Some(share) = y.share else {
        // A declared envelope without a share (0 €, or a few cents a share cannot divide)
        // is known: shown as the table and the page show it, full when the total is over.
        if y.envelope.is_some() {
            let fill = if y.over { "#" } else { "." };
            let marker = match (y.over, lang) {
                (false, _) => "",
                (true, Lang::Fr) => " DÉPASSEMENT",
                (true, Lang::En) => " OVER",
            };
            return format!("[{}] —{marker}", fill.repeat(BAR));
        }
        let unknown = match lang {
            Lang::Fr => "enveloppe inconnue",
            Lang::En => "unknown envelope",
        };
        return format!("[{unknown:^BAR$}]");
    };
    let filled = round_figure(
        share.min(Decimal::ONE_HUNDRED) * Decimal::from(BAR as u32) / Decimal::ONE_HUNDRED,
        0,
    )
    .to_usize()
    .unwrap_or(0)
    .min(BAR);
    let body = format!("{}{}", "#".repeat(filled), ".".repeat(BAR - filled));
    let marker = match (y.over, lang) {
        (false, _) => "",
        (true, Lang::Fr) => " DÉPASSEMENT",
        (true, Lang::En) => " OVER",
    };
    if colour {
        let code = if y.over { "31" } else { "32" };
        format!(
            "[\x1b[{code}m{body}\x1b[0m] {}{marker}",
            share_text(y, lang)
        )
    } else {
        format!("[{body}] {}{marker}", share_text(y, lang))
    }
}

/// Renders the budget for people in `lang`; `colour` only when stdout is a terminal
/// without NO_COLOR.
#[cfg(feature = "cli")]
pub fn render_table(b: &Budget, file: &str, colour: bool, lang: Lang) -> Vec<u8> {
    let mut out = String::new();
    let structures = b.structures;
    let _ = writeln!(
        out,
        "{}\n",
        match lang {
            Lang::Fr => format!("Budget du lot {file} : {structures} structure(s), montants dus par année civile (arithmétique de compute --year)"),
            Lang::En => format!("Budget of the batch {file}: {structures} structure(s), amounts due per calendar year (the arithmetic of compute --year)"),
        }
    );
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.set_header(match lang {
        Lang::Fr => [
            "Année",
            "Mois",
            "Total du lot",
            "Enveloppe",
            "Part utilisée",
        ],
        Lang::En => ["Year", "Months", "Batch total", "Envelope", "Share used"],
    });
    for y in &b.years {
        let envelope = envelope_cell(y, lang);
        let share = share_cell(y, lang);
        t.add_row([
            y.year.to_string(),
            y.months.len().to_string(),
            money(y.total, lang),
            envelope,
            share,
        ]);
    }
    for i in 2..5 {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    let _ = writeln!(out, "{t}\n");
    for y in &b.years {
        let _ = writeln!(out, "{} {}", y.year, bar(y, colour, lang));
    }
    let notes = notes(b, lang);
    if !notes.is_empty() {
        out.push_str(match lang {
            Lang::Fr => "\nNotes :\n",
            Lang::En => "\nNotes:\n",
        });
        for n in notes {
            let _ = writeln!(out, "- {n}");
        }
    }
    // Names, cells and file names come from the input: shown, never run by the terminal.
    crate::terminal::safe(&out, true).into_owned().into_bytes()
}

#[derive(Serialize)]
struct Json<'a> {
    file: &'a str,
    structures: usize,
    not_eligible: &'a [u64],
    years: Vec<YearJson<'a>>,
}

#[derive(Serialize)]
struct YearJson<'a> {
    year: i32,
    months: &'a [u32],
    total: String,
    known_months: &'a [u32],
    unknown_months: &'a [u32],
    compared_total: String,
    envelope: Option<String>,
    envelope_parts: Vec<PartJson<'a>>,
    share_pct: Option<String>,
    over: bool,
}

#[derive(Serialize)]
struct PartJson<'a> {
    from: String,
    until: String,
    amount: String,
    months_total: u32,
    months_in_year: u32,
    in_year: String,
    prorated: bool,
    source: &'a str,
    version: &'a str,
    provisional: bool,
}

/// JSON for programs: amounts as strings with two decimals; no envelope is `null`.
pub fn render_json(b: &Budget, file: &str) -> Vec<u8> {
    let json = Json {
        file,
        structures: b.structures,
        not_eligible: &b.not_eligible,
        years: b
            .years
            .iter()
            .map(|y| YearJson {
                year: y.year,
                months: &y.months,
                total: number_plain(y.total),
                known_months: &y.known_months,
                unknown_months: &y.unknown_months,
                compared_total: number_plain(y.compared_total),
                envelope: y.envelope.map(number_plain),
                envelope_parts: y
                    .parts
                    .iter()
                    .map(|p| PartJson {
                        from: p.from.to_string(),
                        until: p.until.to_string(),
                        amount: number_plain(p.amount),
                        months_total: p.months_total,
                        months_in_year: p.months_in_year,
                        in_year: number_plain(p.in_year),
                        prorated: p.prorated,
                        source: &p.source,
                        version: &p.version,
                        provisional: p.provisional,
                    })
                    .collect(),
                share_pct: y.share.map(|s| s.to_string()),
                over: y.over,
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&json).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
