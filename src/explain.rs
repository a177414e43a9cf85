//! `secpa explain` without the command line: each euro of the structures of a batch
//! followed back to the cells read and to the rule values and legal texts used, ending on
//! the amount `compute` gives. The command and the web page both call [`explain`].

use crate::batch::{Batch, Structure};
use crate::candidature::Column;
use crate::compute::trace::{self, Trace};
use crate::compute::{NotEligible, Period};
use crate::diagnostic::{self, Diagnostic};
use crate::pipeline::not_eligible;
use crate::report::explain::{
    exact, render_json, render_text, Cell, ExplainReport, Explained, Judged,
};
use crate::report::money;
use crate::rules::RuleSet;
use crate::{Error, Lang};

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
            Some(m) => (m.normalize().to_string(), money(m, lang)),
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

/// Explains the structures of `batch` (read from the file `name`) for `period`: the one on
/// `row`, the one with FINESS `finess`, or all of them. Asking for a structure the file
/// does not have, without a diagnostic to say why, is a usage error.
pub fn explain(
    batch: &Batch,
    name: &str,
    set: &RuleSet,
    period: &Period,
    lang: Lang,
    row: Option<u64>,
    finess: Option<&str>,
) -> Result<Explanation, Error> {
    let wanted = |s: &Structure| {
        row.is_none_or(|r| s.row == r)
            && finess.is_none_or(|f| s.finess.as_deref() == Some(f.trim()))
    };
    let selected: Vec<&Structure> = batch.structures.iter().filter(|s| wanted(s)).collect();
    // With a row asked for, only that row's problems matter; file-level ones always do.
    let mut diagnostics: Vec<_> = batch
        .diagnostics
        .iter()
        .filter(|d| row.is_none_or(|r| d.row.is_none_or(|dr| dr == r || dr == 1)))
        .cloned()
        .collect();
    // Nothing to explain and nothing said of the structure asked for: a file-level
    // diagnostic (an unknown column, the sheet read) does not make a row exist.
    let said = diagnostics
        .iter()
        .any(|d| row.is_some_and(|r| d.row == Some(r) && !d.code().file_level()));
    if selected.is_empty() && (row.is_some() || finess.is_some()) && !said {
        // Rows are numbered as in the spreadsheet: row 1 holds the column names.
        let rows = match (batch.structures.first(), batch.structures.last(), lang) {
            (Some(a), Some(z), Lang::Fr) => {
                format!(" (structures des lignes {} à {})", a.row, z.row)
            }
            (Some(a), Some(z), Lang::En) => format!(" (structures on rows {} to {})", a.row, z.row),
            _ => String::new(),
        };
        let what = match (&row, &finess, lang) {
            (Some(1), _, Lang::Fr) => format!("la ligne 1 de {name} est la ligne d'en-tête (les noms des colonnes), pas une structure ; les lignes sont numérotées comme dans le tableur{rows}"),
            (Some(1), _, Lang::En) => format!("row 1 of {name} is the header row (the column names), not a structure; rows are numbered as in the spreadsheet{rows}"),
            (Some(r), _, Lang::Fr) => format!("aucune structure à la ligne {r} de {name}{rows}"),
            (Some(r), _, Lang::En) => format!("no structure on row {r} of {name}{rows}"),
            (None, Some(f), Lang::Fr) => format!("aucune structure de FINESS {f} dans {name}"),
            (None, Some(f), Lang::En) => format!("no structure with FINESS {f} in {name}"),
            _ => String::new(),
        };
        return Err(Error::Usage(what));
    }

    // Exactly what `compute` calls: `compute_year` with a year, else `compute_annual`.
    let results: Vec<(&Structure, Result<Trace, NotEligible>)> = selected
        .iter()
        .filter_map(|s| {
            let result = match (period, s.entree) {
                (Period::Year(plan), Some(entree)) => trace::year(&s.inputs, entree, plan, set),
                (Period::Annual { version }, _) => {
                    trace::annual(&s.inputs, &set.versions()[*version])
                }
                // `batch` requires date_entree with a year.
                (Period::Year(_), None) => return None,
            };
            Some((*s, result))
        })
        .collect();
    for (s, r) in &results {
        if let Err(e) = r {
            diagnostics.push(not_eligible(name, s.row, e, set));
        }
    }
    diagnostic::sort(&mut diagnostics);

    let structures = results
        .iter()
        .map(|(s, r)| Explained {
            row: s.row,
            finess: s.finess.as_deref(),
            nom: s.nom.as_deref(),
            judged: Judged {
                version: &set.versions()[s.judged_by].rules.id,
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
        errors: &diagnostics,
    };
    let provisional = results
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .flat_map(|t| t.provisional())
        .count();
    Ok(Explanation {
        text: render_text(&report),
        json: render_json(&report),
        diagnostics: diagnostics.clone(),
        provisional,
    })
}
