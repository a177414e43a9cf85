//! `secpa explain` without the command line nor words: each euro of the structures of a
//! batch followed back to the cells read and to the rule values and legal texts used,
//! ending on the amount `compute` gives, as typed traces. The renderers
//! (`report::explain`, for the command and the web page) put them in words.

use crate::batch::{Batch, Structure};
use crate::compute::trace::{self, Trace};
use crate::compute::{NotEligible, Period};
use crate::diagnostic::{self, Diagnostic};
use crate::pipeline::not_eligible;
use crate::rules::RuleSet;

/// A structure asked for that the file does not have, and nothing said of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotFound {
    /// Row 1 holds the column names; `rows`: the first and last rows of a structure.
    HeaderRow { rows: Option<(u64, u64)> },
    /// No structure on that row.
    Row { row: u64, rows: Option<(u64, u64)> },
    /// No structure with that FINESS (as asked for).
    Finess { finess: String },
}

/// The traces of the structures asked for.
#[derive(Debug)]
pub struct Traced<'a> {
    /// Each structure asked for, with its trace or why it gets nothing, in file order.
    pub structures: Vec<(&'a Structure, Result<Trace, NotEligible>)>,
    /// The problems of the rows asked for (all rows without `row`) and of the file, sorted;
    /// a structure not eligible under the period's rules among them.
    pub diagnostics: Vec<Diagnostic>,
    /// Provisional rule values the traced amounts rest on.
    pub provisional: usize,
}

/// Traces the structures of `batch` (read from the file `name`) for `period`: the one on
/// `row`, the one with FINESS `finess`, or all of them. Asking for a structure the file
/// does not have, without a diagnostic to say why, is [`NotFound`].
pub fn explain<'a>(
    batch: &'a Batch,
    name: &str,
    set: &RuleSet,
    period: &Period,
    row: Option<u64>,
    finess: Option<&str>,
) -> Result<Traced<'a>, NotFound> {
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
    if selected.is_empty() && !said {
        // Rows are numbered as in the spreadsheet: row 1 holds the column names.
        let rows = batch
            .structures
            .first()
            .zip(batch.structures.last())
            .map(|(a, z)| (a.row, z.row));
        match (row, finess) {
            (Some(1), _) => return Err(NotFound::HeaderRow { rows }),
            (Some(row), _) => return Err(NotFound::Row { row, rows }),
            (None, Some(f)) => {
                return Err(NotFound::Finess {
                    finess: f.to_owned(),
                })
            }
            (None, None) => {}
        }
    }

    // Exactly what `compute` runs: the period's one evaluation, traced.
    let structures: Vec<(&Structure, Result<Trace, NotEligible>)> = selected
        .into_iter()
        .filter_map(|s| {
            // `batch` requires date_entree with a year.
            if period.year().is_some() && s.entree.is_none() {
                return None;
            }
            let result = period
                .evaluate(&s.inputs, s.entree, set)
                .map(|evaluation| trace::of(&evaluation, period, set));
            Some((s, result))
        })
        .collect();
    for (s, r) in &structures {
        if let Err(e) = r {
            diagnostics.push(not_eligible(name, s.row, e, set));
        }
    }
    diagnostic::sort(&mut diagnostics);
    let provisional = structures
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .flat_map(|t| t.provisional())
        .count();
    Ok(Traced {
        structures,
        diagnostics,
        provisional,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidature::open::open_bytes;

    fn batch(set: &RuleSet) -> Batch {
        let csv = b"finess,nom,file_active_mg,taux_pauvrete,accord_ars_psy,montant_psy_demande,date_entree\n\
590000014,Petite,999,10,non,,2021-08-01\n\
590000022,Grande,2500,37.5,oui,70000,2021-08-01\n";
        let opened = open_bytes("t.csv", csv.to_vec(), None);
        crate::batch::read(opened, set, false, "2022-06-01".parse().unwrap()).unwrap()
    }

    #[test]
    fn a_structure_the_file_lacks_is_not_found() {
        let set = RuleSet::embedded().unwrap();
        let b = batch(&set);
        let period = Period::Annual {
            version: crate::rules::VersionId(1),
        };
        let err = |row, finess| explain(&b, "t.csv", &set, &period, row, finess).unwrap_err();
        // Row 2 is refused by check (999 patients): the structures are those of row 3.
        let rows = Some((3, 3));
        assert_eq!(err(Some(1), None), NotFound::HeaderRow { rows });
        assert_eq!(err(Some(9), None), NotFound::Row { row: 9, rows });
        assert_eq!(
            err(None, Some("123")),
            NotFound::Finess {
                finess: "123".into()
            }
        );
    }

    #[test]
    fn the_structures_are_traced_and_the_refused_rows_said() {
        let set = RuleSet::embedded().unwrap();
        let b = batch(&set);
        let t = explain(
            &b,
            "t.csv",
            &set,
            &Period::Annual {
                version: crate::rules::VersionId(1),
            },
            None,
            None,
        )
        .unwrap();
        assert_eq!(t.structures.len(), 1);
        let trace = t.structures[0].1.as_ref().unwrap();
        assert_eq!(trace.total.to_string(), "373000.00");
        assert!(t.diagnostics.iter().any(|d| d.row == Some(2)));
        // A row with a diagnostic but no structure is said, not an error.
        let refused = explain(
            &b,
            "t.csv",
            &set,
            &Period::Annual {
                version: crate::rules::VersionId(1),
            },
            Some(2),
            None,
        );
        let refused = refused.unwrap();
        assert!(refused.structures.is_empty());
        assert!(refused.diagnostics.iter().all(|d| d.row != Some(3)));
    }
}
