//! What `budget` shows: per year, the batch's total against the envelope, the share used and
//! a bar chart (plain characters; colour only when the caller says the terminal wants it).

#[cfg(feature = "cli")]
use std::fmt::Write as _;

#[cfg(feature = "cli")]
use comfy_table::{presets, CellAlignment, Table};
#[cfg(feature = "cli")]
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

use serde::Serialize;

use super::{money, number_plain};
use crate::budget::{Budget, EnvelopePart, PeriodBudget, YearBudget};
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

/// A share of an envelope as the core rounded it (one decimal), its trailing zero dropped:
/// "68,8 %", "100 %".
fn share_text(share: Option<Decimal>, lang: Lang) -> String {
    match share {
        Some(s) => format!("{} %", super::exact(s, lang)),
        None => "—".to_owned(),
    }
}

/// "30 000 000,00 € pour 2022–2023 ensemble": an envelope of several years, never split.
pub fn together_text(p: &EnvelopePart, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{} pour {} ensemble", money(p.amount, lang), p.years()),
        Lang::En => format!("{} for {} together", money(p.amount, lang), p.years()),
    }
}

/// The "Enveloppe" cell: the envelope of the year alone (with its months when not all),
/// the envelopes of several years its months fall in, or unknown.
pub fn envelope_cell(y: &YearBudget, lang: Lang) -> String {
    let mut cells = Vec::new();
    if let Some(e) = y.envelope {
        cells.push(match y.known_months.len() == y.months.len() {
            true => money(e, lang),
            false => format!(
                "{} ({})",
                money(e, lang),
                months_named(&y.known_months, lang)
            ),
        });
    }
    let partly = y.together_months.len() < y.months.len();
    cells.extend(y.together.iter().map(|p| match partly {
        true => format!(
            "{} ({})",
            together_text(p, lang),
            months_named(&y.together_months, lang)
        ),
        false => together_text(p, lang),
    }));
    match (cells.is_empty(), lang) {
        (true, Lang::Fr) => "enveloppe inconnue".to_owned(),
        (true, Lang::En) => "unknown envelope".to_owned(),
        (false, _) => cells.join(" ; "),
    }
}

/// The "Part utilisée" cell: the share, over how many months when not all; for months under
/// an envelope of several years, where to read their share.
pub fn share_cell(y: &YearBudget, lang: Lang) -> String {
    let mut cells = Vec::new();
    if y.share.is_some() && y.known_months.len() < y.months.len() {
        cells.push(match lang {
            Lang::Fr => format!(
                "{} (sur {} mois)",
                share_text(y.share, lang),
                y.known_months.len()
            ),
            Lang::En => format!(
                "{} (over {} months)",
                share_text(y.share, lang),
                y.known_months.len()
            ),
        });
    } else if y.share.is_some() || y.together.is_empty() {
        cells.push(share_text(y.share, lang));
    }
    cells.extend(y.together.iter().map(|p| match lang {
        Lang::Fr => format!("voir {}", p.years()),
        Lang::En => format!("see {}", p.years()),
    }));
    cells.join(" ; ")
}

/// The "Période" cell of an envelope of several years.
pub fn period_cell(p: &PeriodBudget) -> String {
    format!(
        "{} ({} → {})",
        p.envelope.years(),
        p.envelope.from,
        p.envelope.until
    )
}

/// The "Mois" cell of a period: the experiment months it counts, per year.
pub fn period_months_cell(p: &PeriodBudget, lang: Lang) -> String {
    let per_year: Vec<String> = p
        .months
        .iter()
        .map(|(year, m)| match m.len() {
            12 => year.to_string(),
            _ => format!("{year} {}", months_named(m, lang)),
        })
        .collect();
    format!("{} ({})", p.month_count(), per_year.join(", "))
}

pub fn period_share_cell(p: &PeriodBudget, lang: Lang) -> String {
    share_text(p.share, lang)
}

fn part_origin(p: &EnvelopePart, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(
            "source {}, règles {}{}",
            p.source,
            p.version,
            if p.provisional { ", provisoire" } else { "" }
        ),
        Lang::En => format!(
            "source {}, rules {}{}",
            p.source,
            p.version,
            if p.provisional { ", provisional" } else { "" }
        ),
    }
}

fn replaced_text(r: &EnvelopePart, by: &EnvelopePart, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(
            "elle remplace l'enveloppe de {} du {} au {} ({}) : la version {} est plus récente.",
            money(r.amount, lang),
            r.from,
            r.until,
            part_origin(r, lang),
            by.version
        ),
        Lang::En => format!(
            "it replaces the envelope of {} from {} to {} ({}): version {} is the later one.",
            money(r.amount, lang),
            r.from,
            r.until,
            part_origin(r, lang),
            by.version
        ),
    }
}

/// The notes under the figures: envelopes of several years set against their period,
/// envelopes replaced by a later version's, months without an envelope, structures without
/// a dotation.
pub fn notes(b: &Budget, lang: Lang) -> Vec<String> {
    let fr = lang == Lang::Fr;
    let mut notes = Vec::new();
    for p in &b.periods {
        let e = &p.envelope;
        let reference = e
            .reference
            .as_deref()
            .map(|r| match fr {
                true => format!(" ; {r}"),
                false => format!("; {r}"),
            })
            .unwrap_or_default();
        let mut note = if fr {
            format!(
                "{} : l'enveloppe de {} ({} → {}, {}{reference}) est déclarée pour ces années ensemble ; sa répartition par année n'est pas connue : elle est comparée au total dû pour ses {} mois d'expérimentation ({}), aucune part annuelle n'est calculée.",
                e.years(),
                money(e.amount, lang),
                e.from,
                e.until,
                part_origin(e, lang),
                p.month_count(),
                money(p.total, lang)
            )
        } else {
            format!(
                "{}: the envelope of {} ({} → {}, {}{reference}) is declared for those years together; its yearly split is not known: it is set against the total due for its {} months of experiment ({}), no yearly share is computed.",
                e.years(),
                money(e.amount, lang),
                e.from,
                e.until,
                part_origin(e, lang),
                p.month_count(),
                money(p.total, lang)
            )
        };
        for r in &p.replaced {
            note.push(' ');
            let text = replaced_text(r, e, lang);
            let mut c = text.chars();
            if let Some(first) = c.next() {
                note.extend(first.to_uppercase());
                note.push_str(c.as_str());
            }
        }
        notes.push(note);
    }
    for y in &b.years {
        // Replaced envelopes not already said with the period that replaces them.
        for r in y
            .replaced
            .iter()
            .filter(|r| !b.periods.iter().any(|p| p.replaced.contains(r)))
        {
            if let Some(by) = y.parts.first() {
                notes.push(format!("{} : {}", y.year, replaced_text(r, by, lang)));
            }
        }
        if y.unknown_months.is_empty() {
            continue;
        }
        let unknown = months_named(&y.unknown_months, lang);
        if y.envelope.is_none() && y.together.is_empty() {
            notes.push(if fr {
                format!("{} : enveloppe inconnue pour {unknown} : aucun fichier de règles n'en déclare ; aucune part n'est calculée.", y.year)
            } else {
                format!("{}: unknown envelope for {unknown}: no rule file declares one; no share is computed.", y.year)
            });
        } else if y.envelope.is_none() {
            let together = months_named(&y.together_months, lang);
            notes.push(if fr {
                format!("{} : enveloppe inconnue pour {unknown} : aucun fichier de règles n'en déclare ; {together} sont comptés avec l'enveloppe de plusieurs années qui les couvre.", y.year)
            } else {
                format!("{}: unknown envelope for {unknown}: no rule file declares one; {together} are counted with the envelope of several years that covers them.", y.year)
            });
        } else {
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

/// The bar of a share; `envelope`: whether an envelope is declared (a share of none is
/// then an envelope of 0 €, or of a few cents a share cannot divide).
#[cfg(feature = "cli")]
fn bar(share: Option<Decimal>, over: bool, envelope: bool, colour: bool, lang: Lang) -> String {
    let marker = match (over, lang) {
        (false, _) => "",
        (true, Lang::Fr) => " DÉPASSEMENT",
        (true, Lang::En) => " OVER",
    };
    let Some(share) = share else {
        // A declared envelope without a share is known: shown as the table and the page
        // show it, full when the total is over.
        if envelope {
            let fill = if over { "#" } else { "." };
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
    if colour {
        let code = if over { "31" } else { "32" };
        format!(
            "[\x1b[{code}m{body}\x1b[0m] {}{marker}",
            share_text(Some(share), lang)
        )
    } else {
        format!("[{body}] {}{marker}", share_text(Some(share), lang))
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
    let t = amounts_table(
        match lang {
            Lang::Fr => [
                "Année",
                "Mois",
                "Total du lot",
                "Enveloppe",
                "Part utilisée",
            ],
            Lang::En => ["Year", "Months", "Batch total", "Envelope", "Share used"],
        },
        b.years.iter().map(|y| {
            [
                y.year.to_string(),
                y.months.len().to_string(),
                money(y.total, lang),
                envelope_cell(y, lang),
                share_cell(y, lang),
            ]
        }),
    );
    let _ = writeln!(out, "{t}\n");
    if !b.periods.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            match lang {
                Lang::Fr => "Enveloppes de plusieurs années, comparées au total dû sur toute leur période :",
                Lang::En => "Envelopes over several years, set against the total due over their whole period:",
            }
        );
        let t = amounts_table(
            match lang {
                Lang::Fr => [
                    "Période",
                    "Mois",
                    "Total du lot",
                    "Enveloppe",
                    "Part utilisée",
                ],
                Lang::En => ["Period", "Months", "Batch total", "Envelope", "Share used"],
            },
            b.periods.iter().map(|p| {
                [
                    period_cell(p),
                    period_months_cell(p, lang),
                    money(p.total, lang),
                    money(p.envelope.amount, lang),
                    period_share_cell(p, lang),
                ]
            }),
        );
        let _ = writeln!(out, "{t}\n");
    }
    for y in &b.years {
        if y.envelope.is_none() && !y.together.is_empty() {
            // Its months are compared with the period's bar below.
            let years: Vec<String> = y.together.iter().map(|p| p.years()).collect();
            let _ = writeln!(
                out,
                "{} [{:^BAR$}]",
                y.year,
                match lang {
                    Lang::Fr => format!("voir {}", years.join(", ")),
                    Lang::En => format!("see {}", years.join(", ")),
                }
            );
            continue;
        }
        let _ = writeln!(
            out,
            "{} {}",
            y.year,
            bar(y.share, y.over, y.envelope.is_some(), colour, lang)
        );
    }
    for p in &b.periods {
        let _ = writeln!(
            out,
            "{} {}",
            p.envelope.years(),
            bar(p.share, p.over, true, colour, lang)
        );
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
    /// Envelopes over several years, each against its whole period.
    periods: Vec<PeriodJson<'a>>,
}

#[derive(Serialize)]
struct YearJson<'a> {
    year: i32,
    months: &'a [u32],
    total: String,
    known_months: &'a [u32],
    together_months: &'a [u32],
    unknown_months: &'a [u32],
    compared_total: String,
    envelope: Option<String>,
    envelope_parts: Vec<PartJson<'a>>,
    /// Envelopes of several years covering `together_months`: compared in `periods`.
    together_parts: Vec<PartJson<'a>>,
    replaced_parts: Vec<PartJson<'a>>,
    share_pct: Option<String>,
    over: bool,
}

#[derive(Serialize)]
struct PartJson<'a> {
    from: String,
    until: String,
    years: String,
    amount: String,
    months_total: u32,
    months_in_year: u32,
    spans_years: bool,
    source: &'a str,
    version: &'a str,
    provisional: bool,
}

#[derive(Serialize)]
struct PeriodJson<'a> {
    from: String,
    until: String,
    years: String,
    amount: String,
    source: &'a str,
    version: &'a str,
    provisional: bool,
    /// Experiment months of the period, by year ("2022": [1, …, 12]).
    months: BTreeMap<String, &'a [u32]>,
    month_count: usize,
    total: String,
    share_pct: Option<String>,
    over: bool,
    replaced_parts: Vec<PartJson<'a>>,
}

fn part_json(p: &EnvelopePart) -> PartJson<'_> {
    PartJson {
        from: p.from.to_string(),
        until: p.until.to_string(),
        years: p.years(),
        amount: number_plain(p.amount),
        months_total: p.months_total,
        months_in_year: p.months_in_year,
        spans_years: p.spans_years(),
        source: &p.source,
        version: &p.version,
        provisional: p.provisional,
    }
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
                together_months: &y.together_months,
                unknown_months: &y.unknown_months,
                compared_total: number_plain(y.compared_total),
                envelope: y.envelope.map(number_plain),
                envelope_parts: y.parts.iter().map(part_json).collect(),
                together_parts: y.together.iter().map(part_json).collect(),
                replaced_parts: y.replaced.iter().map(part_json).collect(),
                share_pct: y.share.map(|s| s.to_string()),
                over: y.over,
            })
            .collect(),
        periods: b
            .periods
            .iter()
            .map(|p| PeriodJson {
                from: p.envelope.from.to_string(),
                until: p.envelope.until.to_string(),
                years: p.envelope.years(),
                amount: number_plain(p.envelope.amount),
                source: &p.envelope.source,
                version: &p.envelope.version,
                provisional: p.envelope.provisional,
                months: p
                    .months
                    .iter()
                    .map(|(y, m)| (y.to_string(), m.as_slice()))
                    .collect(),
                month_count: p.month_count(),
                total: number_plain(p.total),
                share_pct: p.share.map(|s| s.to_string()),
                over: p.over,
                replaced_parts: p.replaced.iter().map(part_json).collect(),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&json).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(feature = "cli")]
/// A table of the budget: a label, months, then three amounts aligned right (the years'
/// table and the periods' table have this one shape).
fn amounts_table(header: [&str; 5], rows: impl IntoIterator<Item = [String; 5]>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.set_header(header);
    for row in rows {
        t.add_row(row);
    }
    for i in 2..5 {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}
