//! What `diff` shows: the amounts that move between two rule versions (per structure and
//! dotation, then totals) and the rule values that differ. Table, CSV or JSON, as bytes.

use super::csv::{CsvOut, Dialect};
use crate::diagnostic::prelude::*;
use std::fmt::Write as _;

use comfy_table::{presets, CellAlignment, ContentArrangement, Table};
use rust_decimal::Decimal;
use serde::Serialize;

use super::{money, number, number_plain};
use crate::diagnostic::Diagnostic;
use crate::model::Dotation;
use crate::rules::values::{Change, Flat};
use crate::Lang;

/// One of the two versions compared.
#[derive(Debug, Clone)]
pub struct Side {
    pub id: String,
    /// `rules/<id>.toml` for an embedded version, else the path given.
    pub origin: String,
    pub sha256: String,
}

/// A dotation of a structure whose amount moves.
#[derive(Debug, Clone)]
pub struct Line {
    pub row: u64,
    pub finess: Option<String>,
    pub nom: Option<String>,
    pub dotation: Dotation,
    pub old: Decimal,
    pub new: Decimal,
    /// Eligible under (old, new).
    pub eligible: (bool, bool),
}

/// Everything `diff` reports.
#[derive(Debug)]
pub struct DiffReport<'a> {
    pub lang: Lang,
    pub old: Side,
    pub new: Side,
    pub year: Option<i32>,
    /// Structures compared.
    pub structures: usize,
    /// Only the amounts that move, by row then dotation.
    pub lines: Vec<Line>,
    /// (old, new) sums for the four dotations in order, then the total.
    pub totals: Vec<(Decimal, Decimal)>,
    pub rules: Vec<Change>,
    pub errors: &'a [Diagnostic],
}

/// Δ % of the old amount, as the core rounds it (two decimals); `None` when the old
/// amount is zero.
pub use crate::compute::rounding::change_percent as percent;

/// A move in euros as `lang` writes it, with its sign: "+5 400,00 €", "+€5,400.00".
fn signed_money(d: Decimal, lang: Lang) -> String {
    if d.is_sign_positive() && !d.is_zero() {
        format!("+{}", money(d, lang))
    } else {
        money(d, lang)
    }
}

/// Δ % as `lang` writes it: "+6,67 %", "+6.67 %".
fn percent_text(old: Decimal, new: Decimal, lang: Lang) -> String {
    match percent(old, new) {
        Some(p) if p.is_sign_positive() && !p.is_zero() => format!("+{} %", number(p, lang)),
        Some(p) => format!("{} %", number(p, lang)),
        None => "—".to_owned(),
    }
}

fn flat_text(f: &Option<Flat>, lang: Lang) -> String {
    let provisional = say!(lang, "provisoire", "provisional");
    match f {
        None => say!(lang, "(absente)", "(absent)").to_owned(),
        Some(f) => {
            let value = super::rule_labels::flat(&f.value, lang);
            let mut out = value.clone();
            if !f.source.is_empty() && !value.contains(&f.source) {
                let _ = write!(out, " [source {}", f.source);
                if f.provisional {
                    let _ = write!(out, ", {provisional}");
                }
                out.push(']');
            } else if f.provisional {
                let _ = write!(out, " [{provisional}]");
            }
            out
        }
    }
}

fn titles() -> Vec<&'static str> {
    Dotation::ALL
        .iter()
        .map(|d| d.label())
        .chain(["total"])
        .collect()
}

/// Renders the comparison for people, in the report's language.
pub fn render_table(r: &DiffReport) -> Vec<u8> {
    let lang = r.lang;
    let mut out = String::new();
    let period = match (r.year, lang) {
        (Some(y), Lang::Fr) => {
            format!("montants dus pour {y}, chaque version appliquée à toute l'année")
        }
        (Some(y), Lang::En) => {
            format!("amounts due for {y}, each version applied to the whole year")
        }
        (None, Lang::Fr) => "montants annuels".to_owned(),
        (None, Lang::En) => "annual amounts".to_owned(),
    };
    let (old, new, n) = (&r.old, &r.new, r.structures);
    let _ = writeln!(
        out,
        "{}",
        say!(
            lang,
            format!(
                "Règles {} ({}) → {} ({}) ; {period} ; {n} structure(s) comparée(s)",
                old.id, old.origin, new.id, new.origin
            ),
            format!(
                "Rules {} ({}) → {} ({}); {period}; {n} structure(s) compared",
                old.id, old.origin, new.id, new.origin
            ),
        )
    );
    let (old_label, new_label) = say!(lang, ("Ancien", "Nouveau"), ("Old", "New"));
    if r.lines.is_empty() {
        out.push_str(say!(
            lang,
            "\nAucun montant ne change.\n",
            "\nNo amount changes.\n"
        ));
    } else {
        let count = r.lines.len();
        let _ = writeln!(
            out,
            "\n{}",
            say!(
                lang,
                format!("Montants qui changent ({count}) :"),
                format!("Amounts that change ({count}):"),
            )
        );
        let mut t = Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED);
        let (row, name) = say!(lang, ("Ligne", "Nom"), ("Row", "Name"));
        t.set_header([
            row, "FINESS", name, "Dotation", old_label, new_label, "Δ €", "Δ %",
        ]);
        for l in &r.lines {
            let note = match (l.eligible, lang) {
                ((true, false), Lang::Fr) => " (devient non éligible)",
                ((false, true), Lang::Fr) => " (devient éligible)",
                ((true, false), Lang::En) => " (becomes not eligible)",
                ((false, true), Lang::En) => " (becomes eligible)",
                _ => "",
            };
            t.add_row([
                l.row.to_string(),
                crate::terminal::safe(l.finess.as_deref().unwrap_or_default(), true).into_owned(),
                format!(
                    "{}{note}",
                    crate::terminal::safe(l.nom.as_deref().unwrap_or_default(), true)
                ),
                l.dotation.label().to_owned(),
                money(l.old, lang),
                money(l.new, lang),
                signed_money(l.new - l.old, lang),
                percent_text(l.old, l.new, lang),
            ]);
        }
        right_align(&mut t, 4..8);
        let _ = writeln!(out, "{t}");
    }
    out.push_str(say!(lang, "\nTotaux :\n", "\nTotals:\n"));
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.set_header(["Dotation", old_label, new_label, "Δ €", "Δ %"]);
    for (name, (o, n)) in titles().into_iter().zip(&r.totals) {
        t.add_row([
            name.to_owned(),
            money(*o, lang),
            money(*n, lang),
            signed_money(*n - *o, lang),
            percent_text(*o, *n, lang),
        ]);
    }
    right_align(&mut t, 1..5);
    let _ = writeln!(out, "{t}");
    if r.rules.is_empty() {
        out.push_str(say!(
            lang,
            "\nAucune valeur des règles ne diffère.\n",
            "\nNo rule value differs.\n"
        ));
    } else {
        let count = r.rules.len();
        let _ = writeln!(
            out,
            "\n{}",
            say!(
                lang,
                format!("Valeurs des règles qui diffèrent ({count}) :"),
                format!("Rule values that differ ({count}):"),
            )
        );
        let mut t = Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED);
        // Source titles are long: wrap them rather than print 200-column lines.
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_width(160);
        t.set_header([
            say!(lang, "Clé", "Key"),
            r.old.id.as_str(),
            r.new.id.as_str(),
        ]);
        for c in &r.rules {
            t.add_row([
                c.path.clone(),
                flat_text(&c.old, lang),
                flat_text(&c.new, lang),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    // Names, cells and file names come from the input: shown, never run by the terminal.
    crate::terminal::safe(&out, true).into_owned().into_bytes()
}

fn right_align(t: &mut Table, columns: std::ops::Range<usize>) {
    for i in columns {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// CSV for spreadsheets and scripts: the moving amounts, then one total row per dotation.
pub fn render_csv(r: &DiffReport) -> Vec<u8> {
    // Writing to a Vec cannot fail.
    let Ok(mut w) = CsvOut::new(Vec::new(), Dialect::PLAIN) else {
        return Vec::new();
    };
    let _ = w.record([
        "row",
        "finess",
        "nom",
        "dotation",
        "old",
        "new",
        "delta",
        "delta_pct",
    ]);
    let pct = |o: Decimal, n: Decimal| percent(o, n).map(number_plain).unwrap_or_default();
    // Amounts (maybe negative) are numbers, not text: written as they are.
    let amounts = |w: &mut CsvOut<Vec<u8>>, o: Decimal, n: Decimal| {
        for cell in [
            number_plain(o),
            number_plain(n),
            number_plain(n - o),
            pct(o, n),
        ] {
            w.number(cell.as_bytes());
        }
        w.end_row()
    };
    for l in &r.lines {
        w.number(l.row.to_string().as_bytes());
        w.text(l.finess.as_deref().unwrap_or_default());
        w.text(l.nom.as_deref().unwrap_or_default());
        w.text(l.dotation.label());
        let _ = amounts(&mut w, l.old, l.new);
    }
    for (name, (o, n)) in titles().into_iter().zip(&r.totals) {
        for cell in ["", "", "TOTAL", name] {
            w.text(cell);
        }
        let _ = amounts(&mut w, *o, *n);
    }
    w.finish().unwrap_or_default()
}

#[derive(Serialize)]
struct Json<'a> {
    old: SideJson<'a>,
    new: SideJson<'a>,
    year: Option<i32>,
    structures: usize,
    changes: Vec<LineJson<'a>>,
    totals: Vec<TotalJson>,
    rules: Vec<RuleJson<'a>>,
    errors: Vec<crate::diagnostic::DiagnosticJson<'a>>,
}

#[derive(Serialize)]
struct SideJson<'a> {
    id: &'a str,
    origin: &'a str,
    sha256: &'a str,
}

#[derive(Serialize)]
struct LineJson<'a> {
    row: u64,
    finess: Option<&'a str>,
    nom: Option<&'a str>,
    dotation: &'a str,
    old: String,
    new: String,
    delta: String,
    delta_pct: Option<String>,
    eligible_old: bool,
    eligible_new: bool,
}

#[derive(Serialize)]
struct TotalJson {
    dotation: &'static str,
    old: String,
    new: String,
    delta: String,
    delta_pct: Option<String>,
}

#[derive(Serialize)]
struct RuleJson<'a> {
    path: &'a str,
    old: Option<FlatJson<'a>>,
    new: Option<FlatJson<'a>>,
}

#[derive(Serialize)]
struct FlatJson<'a> {
    value: String,
    source: &'a str,
    provisional: bool,
    reference: Option<&'a str>,
}

fn side_json(s: &Side) -> SideJson<'_> {
    SideJson {
        id: &s.id,
        origin: &s.origin,
        sha256: &s.sha256,
    }
}

fn flat_json(f: &Option<Flat>, lang: Lang) -> Option<FlatJson<'_>> {
    f.as_ref().map(|f| FlatJson {
        value: super::rule_labels::flat(&f.value, lang),
        source: &f.source,
        provisional: f.provisional,
        reference: f.reference.as_deref(),
    })
}

/// JSON for programs: amounts as strings with two decimals.
pub fn render_json(r: &DiffReport) -> Vec<u8> {
    let json = Json {
        old: side_json(&r.old),
        new: side_json(&r.new),
        year: r.year,
        structures: r.structures,
        changes: r
            .lines
            .iter()
            .map(|l| LineJson {
                row: l.row,
                finess: l.finess.as_deref(),
                nom: l.nom.as_deref(),
                dotation: l.dotation.label(),
                old: number_plain(l.old),
                new: number_plain(l.new),
                delta: number_plain(l.new - l.old),
                delta_pct: percent(l.old, l.new).map(number_plain),
                eligible_old: l.eligible.0,
                eligible_new: l.eligible.1,
            })
            .collect(),
        totals: titles()
            .into_iter()
            .zip(&r.totals)
            .map(|(name, (o, n))| TotalJson {
                dotation: name,
                old: number_plain(*o),
                new: number_plain(*n),
                delta: number_plain(*n - *o),
                delta_pct: percent(*o, *n).map(number_plain),
            })
            .collect(),
        rules: r
            .rules
            .iter()
            .map(|c| RuleJson {
                path: &c.path,
                old: flat_json(&c.old, r.lang),
                new: flat_json(&c.new, r.lang),
            })
            .collect(),
        errors: r.errors.iter().map(|d| d.json(r.lang)).collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&json).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_of_the_old_amount() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(percent(d("100000"), d("112500")), Some(d("12.50")));
        assert_eq!(percent(d("3"), d("2")), Some(d("-33.33")));
        assert_eq!(percent(d("0"), d("2")), None);
    }
}
