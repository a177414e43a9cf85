//! What `explain` shows: the trace of each structure as text for people or JSON for programs
//! (`"trace_version": 1`, documented in `docs/explain.md`). Nothing here computes an amount:
//! every figure printed comes from the trace, which comes from `compute`.

use crate::diagnostic::prelude::*;
use crate::titles::Title;
use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Serialize;

use super::rule_labels::{label_of, raw, shown};
use super::{exact, money_exact as euros, number_plain};
use crate::batch::{Batch, Structure};
use crate::candidature::Column;
use crate::compute::trace::{DotationTrace, Part, RuleValue, Trace, TRACE_VERSION};
use crate::compute::Period;
use crate::compute::{Detail, NotEligible};
use crate::diagnostic::Diagnostic;
use crate::explain::NotFound;
use crate::rules::{RoundingMode, RuleSet, Value};
use crate::{Error, Lang};

/// A cell the computation read.
#[derive(Debug, Clone)]
pub struct Cell<'a> {
    pub column: &'a str,
    /// Spreadsheet letter of the column.
    pub letter: &'a str,
    /// Its header, as she wrote it.
    pub header: &'a str,
    /// As written in the file.
    pub raw: &'a str,
    /// As understood, plain ("2500", "37.5", "true", "2022-03-01").
    pub plain: String,
    /// As understood, for people ("2 500 patients", "37,5 %", "oui").
    pub shown: String,
}

/// One structure and its trace, or why it gets nothing.
#[derive(Debug, Clone)]
pub struct Explained<'a> {
    pub row: u64,
    pub finess: Option<&'a str>,
    pub nom: Option<&'a str>,
    /// Which version's eligibility rules judged the candidature, and the date they were
    /// chosen by.
    pub judged: Judged<'a>,
    pub cells: Vec<Cell<'a>>,
    pub result: Result<&'a Trace, &'a NotEligible>,
}

/// How a candidature's eligibility was judged: once, by the rules in force on its filing
/// date (QPV list, thresholds, deadline), whatever the period of the amounts.
#[derive(Debug, Clone, Copy)]
pub struct Judged<'a> {
    pub version: &'a str,
    pub filing: crate::pipeline::Filing,
}

impl Judged<'_> {
    /// "règles 2021-08-01, en vigueur le 2021-10-01 (date_depot)".
    fn text(&self, lang: Lang) -> String {
        use crate::pipeline::Filing;
        let date = self.filing.date();
        let why = match (self.filing, lang) {
            (Filing::Depot(_), Lang::Fr) => "date de dépôt de la candidature (date_depot)",
            (Filing::Entree(_), Lang::Fr) => {
                "structure fondatrice sans date de dépôt : sa date d'entrée (date_entree)"
            }
            (Filing::AsOf(_), Lang::Fr) => {
                "ni date de dépôt ni date d'entrée de fondatrice : --as-of ou aujourd'hui"
            }
            (Filing::Depot(_), Lang::En) => "filing date of the candidature (date_depot)",
            (Filing::Entree(_), Lang::En) => {
                "founding structure without a filing date: its entry date (date_entree)"
            }
            (Filing::AsOf(_), Lang::En) => {
                "no filing date nor founder's entry date: --as-of or today"
            }
        };
        match lang {
            Lang::Fr => format!(
                "Éligibilité jugée une fois, selon les règles {} en vigueur le {date} : {why}",
                self.version
            ),
            Lang::En => format!(
                "Eligibility judged once, under the rules {} in force on {date}: {why}",
                self.version
            ),
        }
    }

    fn source(&self) -> &'static str {
        use crate::pipeline::Filing;
        match self.filing {
            Filing::Depot(_) => "date_depot",
            Filing::Entree(_) => "date_entree",
            Filing::AsOf(_) => "as_of",
        }
    }
}

/// Everything `explain` reports.
#[derive(Debug)]
pub struct ExplainReport<'a> {
    pub lang: Lang,
    pub file: &'a str,
    pub year: Option<i32>,
    pub structures: Vec<Explained<'a>>,
    pub errors: &'a [Diagnostic],
}

/// The trace of the structures asked for, in both formats.
pub struct Explanation {
    /// `--format text`.
    pub text: Vec<u8>,
    /// `--format json`.
    pub json: Vec<u8>,
    /// The problems of the rows asked for (all rows without `row`) and of the file, sorted;
    /// a structure not eligible under the period's rules among them.
    pub diagnostics: Vec<Diagnostic>,
    /// Provisional rule values the traced amounts rest on.
    pub provisional: usize,
}

/// Explains the structures of `batch` (read from the file `name`) for `period`, in `lang`:
/// the one on `row`, the one with FINESS `finess`, or all of them ([`crate::explain`]
/// traces them). Asking for a structure the file does not have, without a diagnostic to
/// say why, is a usage error. The command and the web page both call it.
pub fn explain(
    batch: &Batch,
    name: &str,
    set: &RuleSet,
    period: &Period,
    lang: Lang,
    row: Option<u64>,
    finess: Option<&str>,
) -> Result<Explanation, Error> {
    let traced = crate::explain::explain(batch, name, set, period, row, finess)
        .map_err(|n| Error::Usage(not_found(&n, name, lang)))?;
    let structures = traced
        .structures
        .iter()
        .map(|(s, r)| Explained {
            row: s.row,
            finess: s.finess.as_deref(),
            nom: s.nom.as_deref(),
            judged: Judged {
                version: &set.version(s.judged_by).rules.id,
                filing: s.filing,
            },
            cells: s
                .cells
                .iter()
                .map(|c| {
                    let (plain, shown) = understood(s, c.column, lang);
                    Cell {
                        column: c.column.name(),
                        letter: &c.letter,
                        header: &c.header,
                        raw: &c.raw,
                        plain,
                        shown,
                    }
                })
                .collect(),
            result: r.as_ref(),
        })
        .collect();
    let report = ExplainReport {
        lang,
        file: name,
        year: period.year(),
        structures,
        errors: &traced.diagnostics,
    };
    Ok(Explanation {
        text: render_text(&report),
        json: render_json(&report),
        diagnostics: traced.diagnostics.clone(),
        provisional: traced.provisional,
    })
}

/// Why a structure asked for cannot be explained, in `lang`.
fn not_found(n: &NotFound, name: &str, lang: Lang) -> String {
    let rows = |rows: &Option<(u64, u64)>| match (rows, lang) {
        (Some((a, z)), Lang::Fr) => format!(" (structures des lignes {a} à {z})"),
        (Some((a, z)), Lang::En) => format!(" (structures on rows {a} to {z})"),
        (None, _) => String::new(),
    };
    match (n, lang) {
        (NotFound::HeaderRow { rows: r }, Lang::Fr) => format!("la ligne 1 de {name} est la ligne d'en-tête (les noms des colonnes), pas une structure ; les lignes sont numérotées comme dans le tableur{}", rows(r)),
        (NotFound::HeaderRow { rows: r }, Lang::En) => format!("row 1 of {name} is the header row (the column names), not a structure; rows are numbered as in the spreadsheet{}", rows(r)),
        (NotFound::Row { row, rows: r }, Lang::Fr) => format!("aucune structure à la ligne {row} de {name}{}", rows(r)),
        (NotFound::Row { row, rows: r }, Lang::En) => format!("no structure on row {row} of {name}{}", rows(r)),
        (NotFound::Finess { finess }, Lang::Fr) => format!("aucune structure de FINESS {finess} dans {name}"),
        (NotFound::Finess { finess }, Lang::En) => format!("no structure with FINESS {finess} in {name}"),
    }
}

/// The value a cell was read as: plain (for JSON) and for people, in their language.
fn understood(s: &Structure, column: Column, lang: Lang) -> (String, String) {
    let i = &s.inputs;
    let yes_no = |b: bool| match (b, lang) {
        (true, Lang::Fr) => "oui",
        (false, Lang::Fr) => "non",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    };
    match column {
        Column::FileActiveMg => (
            i.file_active.to_string(),
            format!("{} patients", exact(i.file_active.into(), lang)),
        ),
        Column::TauxPauvrete => (
            i.taux_pauvrete.normalize().to_string(),
            format!("{} %", exact(i.taux_pauvrete, lang)),
        ),
        Column::AccordArsPsy => (
            i.accord_ars_psy.to_string(),
            yes_no(i.accord_ars_psy).to_owned(),
        ),
        Column::MontantPsyDemande => match i.montant_psy_demande {
            Some(m) => (m.normalize().to_string(), super::money(m, lang)),
            None => (
                String::new(),
                match lang {
                    Lang::Fr => "non renseigné",
                    Lang::En => "not given",
                }
                .to_owned(),
            ),
        },
        Column::DateEntree => s
            .entree
            .map(|d| (d.to_string(), d.to_string()))
            .unwrap_or_default(),
        _ => (String::new(), String::new()),
    }
}

/// A decimal in French notation with every significant digit: "2,5", "22 800", "83 333,3333".
pub fn decimal_fr(value: Decimal) -> String {
    exact(value, Lang::Fr)
}

/// A band of a scale: « [1 000 ; 2 000[ » in French, "[1,000; 2,000)" in English (the
/// interval notation of every English output, `rule_labels::step`).
fn band_text(part: &Part, lang: Lang) -> String {
    match (&part.band, lang) {
        (Some(b), Lang::Fr) => match b.below {
            Some(below) => format!("[{} ; {}[", exact(b.min, lang), exact(below, lang)),
            None => format!("[{} ; →[", exact(b.min, lang)),
        },
        (Some(b), Lang::En) => match b.below {
            Some(below) => format!("[{}; {})", exact(b.min, lang), exact(below, lang)),
            None => format!("[{}; →)", exact(b.min, lang)),
        },
        (None, _) => String::new(),
    }
}

/// The band of a step's value, which its label names.
fn band_of(value: &Value) -> Option<crate::rules::Band> {
    match value {
        Value::Step { band, .. } => Some(*band),
        _ => None,
    }
}

fn mode_text(mode: RoundingMode, lang: Lang) -> &'static str {
    super::rule_labels::rounding_mode(mode, lang)
}

/// An amount before the rounding, shown with at most the rule's decimals + 2: the exact
/// value (100 000 × 10/12 has 28 digits) is kept for the JSON and the computation; when the
/// display cuts digits, the relation says « ≈ » and the line says so.
fn unrounded(value: Decimal, decimals: u32, lang: Lang) -> String {
    let shown_dp = decimals.saturating_add(2);
    let shown = crate::compute::rounding::before_rounding_shown(value, decimals);
    let before = say!(lang, "avant arrondi", "before rounding");
    if shown == value {
        format!("= {} {before}", euros(value, lang))
    } else {
        say!(
            lang,
            format!("≈ {} {before} (affiché à {shown_dp} décimales ; le calcul garde la valeur exacte)", euros(shown, lang)),
            format!("≈ {} {before} (shown with {shown_dp} decimals; the computation keeps the exact value)", euros(shown, lang)),
        )
    }
}

fn flag(v: &RuleValue, lang: Lang) -> &'static str {
    match (v.provisional, lang) {
        (false, _) => "",
        (true, Lang::Fr) => "  [PROVISOIRE]",
        (true, Lang::En) => "  [PROVISIONAL]",
    }
}

/// A rule value, its version and where it comes from; `value` as the reader is shown it.
fn value_lines(out: &mut String, v: &RuleValue, value: &str, indent: &str, lang: Lang) {
    let rules = say!(lang, "règles", "rules");
    let colon = say!(lang, " :", ":");
    let _ = writeln!(
        out,
        "{indent}{} = {value} ({rules} {}){}",
        v.path(),
        v.version,
        flag(v, lang)
    );
    match &v.source {
        Some(s) => {
            let _ = writeln!(
                out,
                "{indent}  source{colon} {} ({}, {})",
                s.text, s.id, s.date
            );
            if let Some(nor) = &s.nor {
                let _ = writeln!(out, "{indent}  NOR{colon} {nor}");
            }
            if let Some(journal) = &s.journal {
                let _ = writeln!(out, "{indent}  publication{colon} {journal}");
            }
            if let Some(url) = &s.url {
                let _ = writeln!(out, "{indent}  URL{colon} {url}");
            }
        }
        None => {
            let _ = writeln!(out, "{indent}  source{colon} {}", v.source_id);
        }
    }
    if let Some(r) = &v.reference {
        let label = say!(lang, "référence :", "reference:");
        let _ = writeln!(out, "{indent}  {label} {r}");
    }
}

/// The rule values a part used, each with its source.
fn values_lines(out: &mut String, values: &[RuleValue], indent: &str, lang: Lang) {
    for v in values {
        value_lines(out, v, &raw(&v.value, lang), indent, lang);
    }
}

fn part_text(out: &mut String, part: &Part, indent: &str, lang: Lang) {
    let (choice, computation, per_year) = say!(
        lang,
        ("choix :", "calcul :", "par an"),
        ("choice:", "computation:", "per year"),
    );
    match &part.detail {
        Detail::Participative { etp, cout_etp, .. } => {
            let band = band_text(part, lang);
            let etp_text = exact(*etp, lang);
            let _ = writeln!(
                out,
                "{indent}{choice} {}",
                say!(
                    lang,
                    format!("file active dans la tranche {band} → {etp_text} ETP"),
                    format!("file active in the band {band} → {etp_text} ETP"),
                )
            );
            let _ = writeln!(
                out,
                "{indent}{computation} {etp_text} ETP × {} = {} {per_year}",
                euros(*cout_etp, lang),
                euros(part.annual, lang)
            );
        }
        Detail::Precarite {
            par_patient,
            file_active,
            ..
        } => {
            let band = band_text(part, lang);
            let per_patient = euros(*par_patient, lang);
            let _ = writeln!(
                out,
                "{indent}{choice} {}",
                say!(
                    lang,
                    format!(
                        "taux de pauvreté dans la tranche {band} % → {per_patient} par patient"
                    ),
                    format!("poverty rate in the band {band} % → {per_patient} per patient"),
                )
            );
            let _ = writeln!(
                out,
                "{indent}{computation} {per_patient} × {} patients = {} {per_year}",
                exact(Decimal::from(*file_active), lang),
                euros(part.annual, lang)
            );
        }
        Detail::Interpretariat { facteur, pour_1000 } => {
            let _ = writeln!(
                out,
                "{indent}{} = {}",
                say!(
                    lang,
                    "facteur : file active / 1 000",
                    "factor: file active / 1,000"
                ),
                exact(*facteur, lang)
            );
            let _ = writeln!(
                out,
                "{indent}{computation} {} × {} {} = {} {per_year}",
                exact(*facteur, lang),
                euros(*pour_1000, lang),
                say!(lang, "pour 1 000 patients", "per 1,000 patients"),
                euros(part.annual, lang)
            );
        }
        Detail::Psychologique {
            accord,
            demande,
            plafond,
            plafonne,
        } => {
            let cap = euros(*plafond, lang);
            let why = match (accord, demande) {
                (false, _) => say!(
                    lang,
                    "sans accord de l'ARS : aucune dotation",
                    "without the ARS's agreement: no dotation"
                )
                .to_owned(),
                (true, None) => say!(
                    lang,
                    format!("accord de l'ARS, aucun montant demandé : le plafond, {cap}"),
                    format!("the ARS agreed, no amount requested: the cap, {cap}"),
                ),
                (true, Some(d)) if *plafonne => say!(
                    lang,
                    format!(
                        "accord de l'ARS, {} demandés > plafond {cap} : plafonné",
                        euros(*d, lang)
                    ),
                    format!(
                        "the ARS agreed, {} requested > cap {cap}: capped",
                        euros(*d, lang)
                    ),
                ),
                (true, Some(d)) => say!(
                    lang,
                    format!(
                        "accord de l'ARS, {} demandés ≤ plafond {cap} : le montant demandé",
                        euros(*d, lang)
                    ),
                    format!(
                        "the ARS agreed, {} requested ≤ cap {cap}: the amount requested",
                        euros(*d, lang)
                    ),
                ),
            };
            let _ = writeln!(out, "{indent}{choice} {why}");
            let _ = writeln!(
                out,
                "{indent}{computation} {} {per_year}",
                euros(part.annual, lang)
            );
        }
    }
    values_lines(out, &part.values, &format!("{indent}  "), lang);
}

fn dotation_text(out: &mut String, d: &DotationTrace, lang: Lang) {
    let _ = writeln!(out, "\n{} ({})", d.dotation.title(lang), d.dotation.label());
    match d.parts.as_slice() {
        [] => {
            let _ = writeln!(
                out,
                "  {}",
                say!(
                    lang,
                    "aucun mois compté dans l'année : 0",
                    "no month counted in the year: 0"
                )
            );
        }
        [one] if one.months.is_none() => part_text(out, one, "  ", lang),
        parts => {
            for p in parts {
                let months = p.months.unwrap_or(0);
                let _ = writeln!(
                    out,
                    "  {}",
                    say!(
                        lang,
                        format!("règles {}, {months} mois sur 12 :", p.version),
                        format!("rules {}, {months} months of 12:", p.version),
                    )
                );
                part_text(out, p, "    ", lang);
            }
            let terms: Vec<String> = parts
                .iter()
                .map(|p| format!("{} × {}/12", euros(p.annual, lang), p.months.unwrap_or(0)))
                .collect();
            let _ = writeln!(
                out,
                "  {} {} {}",
                say!(lang, "proratisation :", "pro rata:"),
                terms.join(" + "),
                unrounded(d.unrounded, d.decimals, lang),
            );
        }
    }
    let _ = writeln!(
        out,
        "  {}{}",
        say!(
            lang,
            format!(
                "arrondi : {} décimales, {}, une fois",
                d.decimals,
                mode_text(d.mode, lang)
            ),
            format!(
                "rounding: {} decimals, {}, once",
                d.decimals,
                mode_text(d.mode, lang)
            ),
        ),
        flag(&d.rounding, lang)
    );
    // The rule file's value in words ("2 décimales, au plus proche, …"), not its identifier.
    let rounding = shown(d.rounding.key, &d.rounding.value, lang);
    value_lines(out, &d.rounding, &rounding, "    ", lang);
    let _ = writeln!(out, "  = {}", super::money(d.amount, lang));
}

/// Renders the explanations for people, in the report's language.
pub fn render_text(report: &ExplainReport) -> Vec<u8> {
    let lang = report.lang;
    let mut out = String::new();
    for (i, s) in report.structures.iter().enumerate() {
        if i > 0 {
            out.push_str("\n────────────────────────────────────────\n\n");
        }
        let _ = writeln!(
            out,
            "{} — {}, {} {}{}",
            s.nom.unwrap_or(say!(lang, "(sans nom)", "(no name)")),
            report.file,
            say!(lang, "ligne", "row"),
            s.row,
            s.finess
                .map(|f| format!(" (FINESS {f})"))
                .unwrap_or_default()
        );
        let _ = writeln!(out, "{}", s.judged.text(lang));
        match (report.year, s.result) {
            (Some(year), Ok(t)) => {
                let months = t.months.unwrap_or(0);
                let _ = writeln!(
                    out,
                    "{}",
                    say!(
                        lang,
                        format!("Montants dus pour {year} : {months} mois dans l'expérimentation, 1/12 du montant annuel par mois selon la version en vigueur le 1er du mois"),
                        format!("Amounts due for {year}: {months} months in the experiment, 1/12 of the annual amount per month under the version in force on the 1st of the month"),
                    )
                );
            }
            (None, Ok(t)) => {
                let ids: Vec<&str> = t.eligibility.iter().map(|v| v.version.as_str()).collect();
                let ids = ids.join(", ");
                let _ = writeln!(
                    out,
                    "{}",
                    say!(
                        lang,
                        format!("Montants annuels selon les règles {ids}"),
                        format!("Annual amounts under the rules {ids}"),
                    )
                );
            }
            _ => {}
        }
        let _ = writeln!(out, "\n{}", say!(lang, "Données lues :", "Cells read:"));
        for c in &s.cells {
            let _ = writeln!(
                out,
                "  {}",
                say!(
                    lang,
                    format!(
                        "ligne {}, colonne {} « {} » : « {} » → {}",
                        s.row, c.letter, c.header, c.raw, c.shown
                    ),
                    format!(
                        "row {}, column {} \"{}\": \"{}\" → {}",
                        s.row, c.letter, c.header, c.raw, c.shown
                    ),
                )
            );
        }
        let t = match s.result {
            Ok(t) => t,
            Err(e) => {
                let (value, min) = (
                    exact(Decimal::from(e.file_active), lang),
                    exact(Decimal::from(e.min), lang),
                );
                let _ = writeln!(
                    out,
                    "\n{}",
                    say!(
                        lang,
                        format!("Non éligible : file active {value} < minimum {min} (eligibility.file_active_min, règles {}) : aucune dotation", e.version),
                        format!("Not eligible: file active {value} < minimum {min} (eligibility.file_active_min, rules {}): no dotation", e.version),
                    )
                );
                continue;
            }
        };
        let _ = writeln!(out, "\n{}", say!(lang, "Éligibilité :", "Eligibility:"));
        for v in &t.eligibility {
            let min = match v.value {
                Value::Patients(n) => exact(n.into(), lang),
                _ => raw(&v.value, lang),
            };
            let _ = writeln!(
                out,
                "  {}",
                say!(
                    lang,
                    format!("file active ≥ {min} : oui"),
                    format!("file active ≥ {min}: yes"),
                )
            );
            value_lines(&mut out, v, &raw(&v.value, lang), "    ", lang);
        }
        for d in &t.dotations {
            dotation_text(&mut out, d, lang);
        }
        let terms: Vec<String> = t
            .dotations
            .iter()
            .map(|d| super::money(d.amount, lang))
            .collect();
        let _ = writeln!(
            out,
            "\nTotal = {} = {} {}",
            terms.join(" + "),
            super::money(t.total, lang),
            say!(
                lang,
                "(somme des dotations arrondies)",
                "(sum of the rounded dotations)"
            )
        );
        let provisional = t.provisional();
        if !provisional.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                say!(
                    lang,
                    "Valeurs PROVISOIRES utilisées (non confirmées dans le texte officiel) :",
                    "PROVISIONAL values used (not confirmed in the official text):"
                )
            );
            for v in provisional {
                let rules = say!(lang, "règles", "rules");
                let _ = writeln!(
                    out,
                    "  {} ({rules} {}, {})",
                    label_of(v.key, band_of(&v.value), lang),
                    v.version,
                    v.path()
                );
            }
        }
    }
    if report.structures.is_empty() {
        out.push_str(say!(
            lang,
            "Aucune structure à expliquer.\n",
            "No structure to explain.\n"
        ));
    }
    // Names, cells and file names come from the input: shown, never run by the terminal.
    crate::terminal::safe(&out, true).into_owned().into_bytes()
}

#[derive(Serialize)]
struct Json<'a> {
    trace_version: u32,
    file: &'a str,
    year: Option<i32>,
    structures: Vec<StructureJson<'a>>,
    errors: Vec<crate::diagnostic::DiagnosticJson<'a>>,
}

/// Which rules judged the eligibility, and the date that chose them.
#[derive(Serialize)]
struct JudgedJson<'a> {
    version: &'a str,
    date: String,
    /// `date_depot`, `date_entree` (a founder without a filing date) or `as_of`.
    date_from: &'static str,
}

#[derive(Serialize)]
struct StructureJson<'a> {
    row: u64,
    finess: Option<&'a str>,
    nom: Option<&'a str>,
    judged: JudgedJson<'a>,
    inputs: Vec<InputJson<'a>>,
    eligible: bool,
    not_eligible: Option<NotEligibleJson<'a>>,
    months: Option<u32>,
    eligibility: Vec<ValueJson<'a>>,
    dotations: Vec<DotationJson<'a>>,
    total: Option<String>,
    provisional: Vec<ValueRef<'a>>,
}

#[derive(Serialize)]
struct InputJson<'a> {
    column: &'a str,
    /// The header as she wrote it.
    header: &'a str,
    letter: &'a str,
    row: u64,
    raw: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct NotEligibleJson<'a> {
    file_active: u32,
    min: u32,
    version: &'a str,
}

#[derive(Serialize)]
struct ValueJson<'a> {
    version: &'a str,
    path: String,
    /// As the rule file writes it, French digits (`docs/explain.md`).
    value: String,
    provisional: bool,
    source: SourceJson<'a>,
    reference: Option<&'a str>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    id: &'a str,
    text: Option<&'a str>,
    date: Option<String>,
    nor: Option<&'a str>,
    journal: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct ValueRef<'a> {
    version: &'a str,
    path: String,
}

#[derive(Serialize)]
struct DotationJson<'a> {
    dotation: &'a str,
    parts: Vec<PartJson<'a>>,
    unrounded: String,
    rounding: RoundingJson<'a>,
    amount: String,
}

#[derive(Serialize)]
struct PartJson<'a> {
    version: &'a str,
    months: Option<u32>,
    annual: String,
    band: Option<BandJson>,
    detail: serde_json::Value,
    values: Vec<ValueJson<'a>>,
}

#[derive(Serialize)]
struct BandJson {
    min: String,
    below: Option<String>,
}

#[derive(Serialize)]
struct RoundingJson<'a> {
    decimals: u32,
    mode: &'static str,
    value: ValueJson<'a>,
}

fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

fn value_json(v: &RuleValue) -> ValueJson<'_> {
    ValueJson {
        version: &v.version,
        path: v.path(),
        value: raw(&v.value, Lang::Fr),
        provisional: v.provisional,
        source: SourceJson {
            id: &v.source_id,
            text: v.source.as_ref().map(|s| s.text.as_str()),
            date: v.source.as_ref().map(|s| s.date.to_string()),
            nor: v.source.as_ref().and_then(|s| s.nor.as_deref()),
            journal: v.source.as_ref().and_then(|s| s.journal.as_deref()),
            url: v.source.as_ref().and_then(|s| s.url.as_deref()),
        },
        reference: v.reference.as_deref(),
    }
}

fn detail_json(detail: &Detail) -> serde_json::Value {
    match detail {
        Detail::Participative {
            step,
            etp,
            cout_etp,
        } => serde_json::json!({"step": step, "etp": plain(*etp), "cout_etp": plain(*cout_etp)}),
        Detail::Precarite {
            band,
            par_patient,
            file_active,
        } => {
            serde_json::json!({"band": band, "par_patient": plain(*par_patient), "file_active": file_active})
        }
        Detail::Interpretariat { facteur, pour_1000 } => {
            serde_json::json!({"facteur": plain(*facteur), "pour_1000": plain(*pour_1000)})
        }
        Detail::Psychologique {
            accord,
            demande,
            plafond,
            plafonne,
        } => {
            serde_json::json!({"accord": accord, "demande": demande.map(plain), "plafond": plain(*plafond), "plafonne": plafonne})
        }
    }
}

fn mode_id(mode: RoundingMode) -> &'static str {
    match mode {
        RoundingMode::HalfAwayFromZero => "half_away_from_zero",
        RoundingMode::HalfEven => "half_even",
        RoundingMode::TowardZero => "toward_zero",
    }
}

/// Renders the explanations as pretty JSON with a final newline.
pub fn render_json(report: &ExplainReport) -> Vec<u8> {
    let structures = report
        .structures
        .iter()
        .map(|s| {
            let inputs = s
                .cells
                .iter()
                .map(|c| InputJson {
                    column: c.column,
                    header: c.header,
                    letter: c.letter,
                    row: s.row,
                    raw: c.raw,
                    value: &c.plain,
                })
                .collect();
            let (trace, not_eligible) = match s.result {
                Ok(t) => (Some(t), None),
                Err(e) => (
                    None,
                    Some(NotEligibleJson {
                        file_active: e.file_active,
                        min: e.min,
                        version: &e.version,
                    }),
                ),
            };
            StructureJson {
                row: s.row,
                finess: s.finess,
                nom: s.nom,
                judged: JudgedJson {
                    version: s.judged.version,
                    date: s.judged.filing.date().to_string(),
                    date_from: s.judged.source(),
                },
                inputs,
                eligible: trace.is_some(),
                not_eligible,
                months: trace.and_then(|t| t.months),
                eligibility: trace
                    .map(|t| t.eligibility.iter().map(value_json).collect())
                    .unwrap_or_default(),
                dotations: trace
                    .map(|t| {
                        t.dotations
                            .iter()
                            .map(|d| DotationJson {
                                dotation: d.dotation.label(),
                                parts: d
                                    .parts
                                    .iter()
                                    .map(|p| PartJson {
                                        version: &p.version,
                                        months: p.months,
                                        annual: plain(p.annual),
                                        band: p.band.map(|b| BandJson {
                                            min: b.min.to_string(),
                                            below: b.below.map(|b| b.to_string()),
                                        }),
                                        detail: detail_json(&p.detail),
                                        values: p.values.iter().map(value_json).collect(),
                                    })
                                    .collect(),
                                unrounded: plain(d.unrounded),
                                rounding: RoundingJson {
                                    decimals: d.decimals,
                                    mode: mode_id(d.mode),
                                    value: value_json(&d.rounding),
                                },
                                amount: number_plain(d.amount),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                total: trace.map(|t| number_plain(t.total)),
                provisional: trace
                    .map(|t| {
                        t.provisional()
                            .into_iter()
                            .map(|v| ValueRef {
                                version: &v.version,
                                path: v.path(),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let json = Json {
        trace_version: TRACE_VERSION,
        file: report.file,
        year: report.year,
        structures,
        errors: report.errors.iter().map(|d| d.json(report.lang)).collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&json).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_decimals_keep_every_digit() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(exact(d("2.5"), Lang::Fr), "2,5");
        assert_eq!(exact(d("22800"), Lang::Fr), "22 800");
        assert_eq!(exact(d("150000.00"), Lang::Fr), "150 000");
        assert_eq!(exact(d("-1234.50"), Lang::Fr), "-1 234,5");
        assert_eq!(exact(d("83333.3333"), Lang::En), "83,333.3333");
        assert_eq!(euros(d("-1234.5"), Lang::En), "-€1,234.5");
    }
}
