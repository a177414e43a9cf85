//! "A yearly total against its envelope": the typed model that `compute --format html` fills
//! for its batch and that `budget` can fill once per year, and its view for the
//! `envelope.html` template partial (figures in French format, SVG geometry, sentences that
//! say how the envelope was found — pro-rated, partly or not known at all).

use rust_decimal::Decimal;
use serde::Serialize;

use super::labels::month_ranges;
use super::svg;
use crate::compute::envelope::{years_named, EnvelopeShare, YearEnvelope};
use crate::report::money;
use crate::rules::{RuleSet, VersionId};
use crate::Lang;

/// A total set against the envelope of a year.
#[derive(Debug, Clone)]
pub struct Gauge {
    /// Unique within the page: used for element ids ("g2022").
    pub id: String,
    pub heading: String,
    /// What the total is ("Total dû pour 2022 (26 structures)").
    pub total_label: String,
    pub total: Decimal,
    pub envelope: YearEnvelope,
    /// Sentences added under the envelope's own (e.g. annual amounts vs a year).
    pub notes: Vec<String>,
    /// The total due for the months with an envelope only, when the caller computed it
    /// (`budget`): a partly known year is then set against the known part of its envelope,
    /// like with like, and says so. `None`: a partly known year gets no share.
    pub known_total: Option<Decimal>,
}

/// What the template draws.
#[derive(Debug, Serialize)]
pub struct GaugeView {
    pub id: String,
    pub heading: String,
    pub total_label: String,
    pub total: String,
    pub envelope_label: String,
    /// The envelope in French format, or "enveloppe inconnue".
    pub envelope: String,
    /// Total / envelope, only when the envelope of the whole year is known.
    pub percent: Option<String>,
    pub svg_title: String,
    pub svg_desc: String,
    /// SVG geometry, in user units of a `svg::GAUGE_WIDTH` wide drawing.
    pub bar: String,
    pub bar_class: &'static str,
    pub track: Option<String>,
    pub marker: Option<String>,
    pub complete: bool,
    /// No envelope of the year alone is known: the gauge draws a hatched, empty frame
    /// that says why (`frame`), never a bar (a full-width bar read as 100 %).
    pub unknown: bool,
    /// The words in the empty frame: unknown envelope, or an envelope of several years.
    pub frame: String,
    pub lines: Vec<String>,
}

impl Gauge {
    /// The view of the gauge, with the ids of `set` for the versions named.
    pub fn view(&self, set: &RuleSet, lang: Lang) -> GaugeView {
        let e = &self.envelope;
        let year = e.year;
        let fr = lang == Lang::Fr;
        let complete = e.amount();
        let known = e.is_known().then(|| e.known());

        let envelope_label = match (fr, complete.is_some(), known.is_some()) {
            (true, false, true) => format!("Enveloppe {year} (partie connue)"),
            (false, false, true) => format!("Envelope {year} (known part)"),
            (true, ..) => format!("Enveloppe {year}"),
            (false, ..) => format!("Envelope {year}"),
        };
        let together: Vec<String> = e
            .together
            .iter()
            .map(|s| {
                let years = years_named(s.from, s.until);
                match fr {
                    true => format!("{} pour {years} ensemble", money(s.declared, lang)),
                    false => format!("{} for {years} together", money(s.declared, lang)),
                }
            })
            .collect();
        let envelope = match known {
            Some(k) => std::iter::once(money(k, lang))
                .chain(together.iter().cloned())
                .collect::<Vec<_>>()
                .join(" ; "),
            None if !together.is_empty() => together.join(" ; "),
            None if fr => "enveloppe inconnue".to_owned(),
            None => "unknown envelope".to_owned(),
        };
        // What is set against what: the whole total against the whole envelope, or the
        // total of the known months against their envelope (partly known, `known_total`).
        let partial = match (complete, known, self.known_total) {
            (None, Some(k), Some(t)) => Some((t, k)),
            _ => None,
        };
        let drawn = partial.map_or(self.total, |(t, _)| t);
        let compared = complete.map(|env| (self.total, env)).or(partial);
        let known_months = e.known_months();
        let percent = compared
            .filter(|(_, env)| !env.is_zero())
            .map(|(t, env)| match crate::compute::rounding::share(t, env) {
                Some(share) => crate::report::percent(share, lang),
                None if fr => "hors échelle".to_owned(),
                None => "off scale".to_owned(),
            })
            .map(|p| match (partial.is_some(), fr) {
                (false, _) => p,
                (true, true) => format!("{p} (sur {} mois)", known_months.len()),
                (true, false) => format!("{p} (over {} months)", known_months.len()),
            });

        // Scale: the larger of the total drawn and the known envelope fills the drawing.
        let scale = known.map_or(drawn, |k| k.max(drawn));
        let bar = svg::length(drawn, scale, svg::GAUGE_WIDTH);
        let track = known.map(|k| svg::length(k, scale, svg::GAUGE_WIDTH));
        let over = compared.is_some_and(|(t, env)| t > env);

        let mut lines: Vec<String> = e
            .shares
            .iter()
            .chain(&e.together)
            .map(|s| share_line(s, set, year, lang))
            .collect();
        let used_ids = ids(
            set,
            &e.shares
                .iter()
                .chain(&e.together)
                .flat_map(|s| s.versions.clone())
                .collect::<Vec<_>>(),
        );
        if !e.uncovered.is_empty() {
            let months = month_ranges(&e.uncovered, lang);
            let covered = month_ranges(&known_months, lang);
            let drawn_money = money(drawn, lang);
            lines.push(match (fr, known.is_some()) {
                (true, true) if partial.is_some() => format!("Aucune enveloppe n'est déclarée pour {months} {year} : enveloppe inconnue pour ces mois. La part compare le total dû pour {covered} ({drawn_money}) à l'enveloppe de ces mois ; la barre aussi."),
                (false, true) if partial.is_some() => format!("No envelope is declared for {months} {year}: the envelope of those months is unknown. The share sets the total due for {covered} ({drawn_money}) against the envelope of those months; so does the bar."),
                (true, true) => format!("Aucune enveloppe n'est déclarée pour {months} {year} : enveloppe inconnue pour ces mois, le total n'est donc pas rapporté à une enveloppe."),
                (false, true) => format!("No envelope is declared for {months} {year}: the envelope of those months is unknown, so the total is not set against an envelope."),
                (true, false) => format!("Enveloppe inconnue : les règles utilisées ne déclarent aucune enveloppe pour {months} {year}."),
                (false, false) => format!("Unknown envelope: the rules used declare no envelope for {months} {year}."),
            });
        } else if known.is_none() && e.together.is_empty() {
            lines.push(if fr {
                format!("Enveloppe inconnue : aucune enveloppe n'est déclarée pour {year}.")
            } else {
                format!("Unknown envelope: no envelope is declared for {year}.")
            });
        }
        for s in &e.superseded {
            let by = ids(set, &s.versions);
            lines.push(if fr {
                format!("L'enveloppe de {} du {} au {} (règles {by}) est remplacée par celle d'une version plus récente ({used_ids}).", money(s.declared, lang), s.from, s.until)
            } else {
                format!("The envelope of {} from {} to {} (rules {by}) is replaced by that of a later version ({used_ids}).", money(s.declared, lang), s.from, s.until)
            });
        }
        if e.is_provisional() {
            lines.push(if fr {
                "Enveloppe PROVISOIRE : au moins un montant n'est pas confirmé dans le texte officiel.".to_owned()
            } else {
                "PROVISIONAL envelope: at least one amount is not confirmed in the official text.".to_owned()
            });
        }
        lines.extend(self.notes.iter().cloned());

        let total = money(self.total, lang);
        let covered = month_ranges(&known_months, lang);
        let svg_title = match (fr, &percent, partial) {
            (true, Some(p), Some((t, _))) => format!(
                "Total dû pour {covered} {year} : {}, soit {p} de l'enveloppe de ces mois ({envelope})",
                money(t, lang)
            ),
            (false, Some(p), Some((t, _))) => format!(
                "Total due for {covered} {year}: {}, {p} of the envelope of those months ({envelope})",
                money(t, lang)
            ),
            (true, Some(p), None) => format!(
                "{} : {total}, soit {p} de l'enveloppe {year} ({envelope})",
                self.total_label
            ),
            (false, Some(p), None) => format!(
                "{}: {total}, {p} of the {year} envelope ({envelope})",
                self.total_label
            ),
            (true, None, _) => format!(
                "{} : {total} ; {envelope_label} : {envelope}",
                self.total_label
            ),
            (false, None, _) => format!(
                "{}: {total}; {envelope_label}: {envelope}",
                self.total_label
            ),
        };
        let unknown = known.is_none();
        let frame = match (fr, together.is_empty()) {
            (true, true) => "enveloppe inconnue".to_owned(),
            (false, true) => "unknown envelope".to_owned(),
            (true, false) => "enveloppe de plusieurs années ensemble".to_owned(),
            (false, false) => "envelope of several years together".to_owned(),
        };
        let svg_desc = match (fr, unknown) {
            (true, true) if !together.is_empty() => {
                "Cadre hachuré vide : l'enveloppe couvre plusieurs années ensemble, le total d'une année n'y est pas rapporté.".to_owned()
            }
            (false, true) if !together.is_empty() => {
                "Empty hatched frame: the envelope covers several years together, the total of one year is not set against it.".to_owned()
            }
            (true, false) => {
                "Barre pleine : le total ; fond gris et trait vertical : l'enveloppe.".to_owned()
            }
            (false, false) => {
                "Solid bar: the total; grey background and vertical line: the envelope.".to_owned()
            }
            (true, true) => {
                "Cadre hachuré vide : enveloppe inconnue, le total n'y est pas rapporté.".to_owned()
            }
            (false, true) => {
                "Empty hatched frame: unknown envelope, the total is not set against it.".to_owned()
            }
        };
        GaugeView {
            id: self.id.clone(),
            heading: self.heading.clone(),
            total_label: self.total_label.clone(),
            total,
            envelope_label,
            envelope,
            percent,
            svg_title,
            svg_desc,
            bar,
            bar_class: if over { "total over" } else { "total" },
            marker: track.clone(),
            track,
            complete: complete.is_some(),
            unknown,
            frame,
            lines,
        }
    }
}

/// One declared envelope, saying when it is for several years together.
fn share_line(s: &EnvelopeShare, set: &RuleSet, year: i32, lang: Lang) -> String {
    let by = ids(set, &s.versions);
    let reference = s
        .reference
        .as_deref()
        .map(|r| format!(" ; {r}"))
        .unwrap_or_default();
    let declared = money(s.declared, lang);
    let years = years_named(s.from, s.until);
    match (lang, s.spans_years()) {
        (Lang::Fr, false) => format!("{declared} déclarés du {} au {} (règles {by}{reference}).", s.from, s.until),
        (Lang::En, false) => format!("{declared} declared from {} to {} (rules {by}{reference}).", s.from, s.until),
        (Lang::Fr, true) => format!(
            "{declared} déclarés du {} au {} (règles {by}{reference}) : une enveloppe pour {years} ensemble, dont la répartition par année n'est pas connue ; aucune part n'en est comptée pour {year} ({} mois sur {}) : « secpa budget » la compare au total dû sur toute sa période.",
            s.from, s.until, s.months_in_year, s.months_total
        ),
        (Lang::En, true) => format!(
            "{declared} declared from {} to {} (rules {by}{reference}): an envelope for {years} together, whose yearly split is not known; no part of it is counted for {year} ({} of {} months): 'secpa budget' sets it against the total due over its whole period.",
            s.from, s.until, s.months_in_year, s.months_total
        ),
    }
}

/// "2021-08-01, 2022-02-03" for version indexes.
fn ids(set: &RuleSet, versions: &[VersionId]) -> String {
    let mut v: Vec<VersionId> = versions.to_vec();
    v.sort_unstable();
    v.dedup();
    v.iter()
        .map(|&i| set.version(i))
        .map(|v| v.rules.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
