//! `secpa check` without the I/O: a candidature file already opened, one rule version and
//! the shipped reference data in; every problem of every row out, as diagnostics. The
//! structure of the file (required columns, duplicates) is checked here, each row's
//! identifiers in `identity`, its eligibility in `eligibility`.

mod eligibility;
mod identity;

use rust_decimal::Decimal;

use crate::candidature::{value, Candidature, Cells, Column, Row};
use crate::diagnostic::Problem;
pub use crate::diagnostic::{CheckProblem, Cite};
use crate::reference::{self, Reference};
use crate::rules::schema::Sourced;
use crate::rules::{RuleKey, Version};

impl From<CheckProblem> for Problem {
    fn from(p: CheckProblem) -> Problem {
        Problem::Check(p)
    }
}

/// Columns a candidature must have to be checked. An empty `taux_pauvrete` cell is looked
/// up from `code_qpv` or `code_commune`, but the column must be there (issue #11: a file
/// whose rate column is named otherwise must not be paid on a looked-up rate).
pub const REQUIRED: &[Column] = &[
    Column::Finess,
    Column::TypeStructure,
    Column::CodeCommune,
    Column::Implantation,
    Column::CodeQpv,
    Column::FileActiveMg,
    Column::AnneeFileActive,
    Column::TauxPauvrete,
    Column::TiersPayant,
    Column::TarifsOpposables,
    Column::OuvertATous,
    Column::MissionProximite,
    Column::MissionAccueilVulnerables,
    Column::MissionSoutienPsychologique,
    Column::MissionMediationSante,
    Column::MissionDemarcheParticipative,
    Column::MissionAccompagnementSocial,
    Column::MissionInterpretariat,
    Column::MissionPrevention,
    Column::MissionFormationEvaluation,
    Column::AccordArsPsy,
    Column::DateEntree,
    Column::DateDepot,
    Column::StructureFondatrice,
];

/// Required columns whose empty cell means "missing" (an empty yes/no cell means no, an
/// empty `date_depot` is judged by the deadline rule).
const NOT_EMPTY: &[Column] = &[
    Column::Finess,
    Column::TypeStructure,
    Column::CodeCommune,
    Column::Implantation,
    Column::CodeQpv,
    Column::FileActiveMg,
    Column::AnneeFileActive,
    Column::TiersPayant,
    Column::DateEntree,
];

/// Every check of one typed row; the cells' own format problems are already reported.
pub fn check_row(
    c: &Candidature,
    version: &Version,
    reference: &Reference,
    cells: &mut Cells<'_, '_>,
) {
    for column in NOT_EMPTY {
        if is_blank(cells.row, *column) {
            cells.problem(*column, None, Problem::MissingValue);
        }
    }
    identity::check(c, reference, cells);
    // One problem, one message: a filing date that cannot be read (its own error) leaves
    // the version that judges the row unknown, so none of its eligibility checks is said
    // (an E206 would otherwise tell her to change a right QPV code).
    let unread = |column, value: bool| !value && cells.text(column).is_some();
    let filing_unread = unread(Column::DateDepot, c.date_depot.is_some())
        || (c.structure_fondatrice == Some(true)
            && unread(Column::DateEntree, c.date_entree.is_some()));
    if !filing_unread {
        eligibility::check(c, version, reference, cells);
    }
}

/// Whether the column is present and its cell empty (absent columns are reported once, as
/// missing columns; an invalid cell already has its diagnostic).
fn is_blank(row: &Row<'_>, column: Column) -> bool {
    row.get(column)
        .is_some_and(|cell| value::trim(&cell).is_empty())
}

/// Reports a problem on a cell, quoting its raw text.
fn report_cell(cells: &mut Cells<'_, '_>, column: Column, problem: CheckProblem) {
    let raw = cells.row.get(column).map(|c| c.into_owned());
    let raw = raw.as_deref().filter(|r| !value::trim(r).is_empty());
    cells.problem(column, raw, Problem::Check(problem));
}

/// The citation of a rule value: its version, its source's title, whether provisional.
fn cite<T>(version: &Version, value: &Sourced<T>) -> Cite {
    let id = value.source.get_ref();
    Cite {
        version: version.rules.id.clone(),
        source: version
            .source(id)
            .map_or_else(|| id.clone(), |s| s.text.clone()),
        provisional: value.provisional,
    }
}

/// The poverty rate of a row whose `taux_pauvrete` is empty: the shipped rate of the first
/// source of the version's `hypotheses.sources_taux_pauvrete` that has one (its 2015 QPV,
/// its commune). `Ok` carries the I218 information to report, `Err` the E219.
pub fn poverty(
    version: &Version,
    code_qpv: Option<&str>,
    code_commune: Option<&str>,
) -> Result<(Decimal, CheckProblem), CheckProblem> {
    let order: Vec<_> = version
        .rules
        .hypotheses
        .sources_taux_pauvrete
        .value
        .get_ref()
        .iter()
        .filter_map(|s| match s {
            crate::rules::schema::Variant::Known(s) => Some(*s),
            crate::rules::schema::Variant::Unsupported(_) => None,
        })
        .collect();
    let found = reference::get()
        .poverty_in(&order, code_qpv, code_commune)
        .ok_or(CheckProblem::NoPovertyRate)?;
    Ok((
        found.rate,
        CheckProblem::PovertyLookedUp {
            rate: found.rate,
            source: found.source,
            code: found.code,
        },
    ))
}

/// `poverty` for a row being read: reports I218 or E219 on `taux_pauvrete` and gives the rate.
pub fn look_up_poverty(version: &Version, cells: &mut Cells<'_, '_>) -> Option<Decimal> {
    let code_qpv = cells.text(Column::CodeQpv);
    let code_commune = cells.text(Column::CodeCommune);
    match poverty(version, code_qpv.as_deref(), code_commune.as_deref()) {
        Ok((rate, info)) => {
            cells.problem(Column::TauxPauvrete, None, info.into());
            Some(rate)
        }
        Err(problem) => {
            cells.problem(Column::TauxPauvrete, None, problem.into());
            None
        }
    }
}

/// The eligibility values and assumptions of `version` that judged this row (a quartier
/// vécu's threshold only for a quartier vécu, the deadline only for a structure held to
/// it…), for the provisional notice of its amounts. Kept beside the checks that use them.
pub fn judged_with(c: &Candidature, version: &Version, looked_up: bool, out: &mut Vec<RuleKey>) {
    use crate::model::Implantation;
    use crate::rules::Hypothesis as H;
    out.extend([
        RuleKey::TypesStructure,
        RuleKey::Implantations,
        RuleKey::FileActiveMin,
        RuleKey::TiersPayantObligatoire,
        RuleKey::TiersPayantIntegral,
        RuleKey::TarifsOpposables,
        RuleKey::OuvertureATous,
        RuleKey::Missions,
    ]);
    if c.code_qpv.is_some() {
        out.push(RuleKey::QpvList);
    }
    // The optional conditions judged this row only when its file has their column.
    let e = &version.rules.eligibility;
    if c.activite_mg.is_some() && e.activite_majoritaire_medecine_generale.is_some() {
        out.push(RuleKey::ActiviteMg);
    }
    if c.activite_paramedicale.is_some() && e.activite_paramedicale.is_some() {
        out.push(RuleKey::ActiviteParamedicale);
    }
    if c.implantation == Some(Implantation::QuartierVecu) {
        out.push(RuleKey::TauxQuartierVecu);
    }
    let exempt = *version
        .rules
        .hypotheses
        .fondatrices_dispensees_de_depot
        .value
        .get_ref();
    if c.structure_fondatrice == Some(true) {
        out.push(RuleKey::Hypothesis(H::Fondatrices));
    }
    if c.structure_fondatrice != Some(true) || !exempt {
        out.push(RuleKey::DateLimite);
    }
    if c.annee_file_active.is_some() && c.date_entree.is_some() {
        out.push(RuleKey::Hypothesis(H::AnneeFileActive));
    }
    if looked_up {
        out.push(RuleKey::Hypothesis(H::SourcesTaux));
    }
}

#[cfg(test)]
mod tests {
    use crate::candidature::open::workbook;
    use crate::candidature::{sheet::Kind, CandidatureFile};
    use crate::pipeline::check_file;
    use crate::rules::RuleSet;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    /// Parsed once: the property tests run hundreds of cases.
    fn set() -> &'static RuleSet {
        static SET: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| RuleSet::embedded().expect("embedded rules load"))
    }

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, 10, 15).expect("a date")
    }

    /// A header every check reads, so random rows reach the eligibility code too.
    const HEADER: &str = "finess,siret,type_structure,code_commune,implantation,code_qpv,file_active_mg,annee_file_active,taux_pauvrete,tiers_payant,mission_proximite,montant_psy_demande,accord_ars_psy,date_entree,date_depot,structure_fondatrice\n";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_bytes_give_diagnostics_or_success_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let opened = CandidatureFile::from_reader("p.csv", std::io::Cursor::new(bytes.clone()));
            if let Ok(opened) = opened {
                let report = check_file(opened, set(), as_of());
                prop_assert!(report.eligible() <= report.structures);
            }
            // The same bytes taken for a workbook, and behind a zip signature.
            let _ = check_file(workbook("p.xlsx", Kind::Xlsx, bytes.clone(), None, &[]), set(), as_of());
            let _ = check_file(workbook("p.ods", Kind::Ods, bytes.clone(), None, &[]), set(), as_of());
            let mut zipped = b"PK\x03\x04".to_vec();
            zipped.extend(bytes);
            let _ = check_file(workbook("p.xlsx", Kind::Xlsx, zipped, Some("x"), &[]), set(), as_of());
        }

        #[test]
        fn any_cells_under_a_full_header_never_panic(cells in proptest::collection::vec("[ -~éÉ€\u{a0}]{0,12}", 16)) {
            let mut text = HEADER.to_owned();
            let row: Vec<String> = cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
            text.push_str(&row.join(","));
            let opened = CandidatureFile::from_reader("p.csv", std::io::Cursor::new(text.into_bytes()))
                .expect("in-memory read");
            let report = check_file(opened, set(), as_of());
            prop_assert_eq!(report.structures, 1);
        }
    }
}
