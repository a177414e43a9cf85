//! Eligibility of a row under one rule version: every threshold, list and date comes from
//! the version (its `[eligibility]` and D4 cap), never from this code; each message cites
//! the version and the source of the value (E201–E220).

use chrono::Datelike;
use rust_decimal::Decimal;

use super::{cite, is_blank, report_cell, CheckProblem, Cite};
use crate::candidature::{Candidature, Cells, Column};
use crate::diagnostic::Problem;
use crate::model::{Implantation, QpvList, TiersPayant};
use crate::reference::identifier::{self, Finess};
use crate::reference::{Reference, QPV_2015_MISSING};
use crate::rules::Version;

pub fn check(c: &Candidature, version: &Version, reference: &Reference, cells: &mut Cells<'_, '_>) {
    let e = &version.rules.eligibility;
    if let Some(t) = c.type_structure {
        if !e.types_structure.value.contains(&t) {
            let allowed = e
                .types_structure
                .value
                .iter()
                .map(|t| t.written())
                .collect();
            let cite = cite(version, &e.types_structure);
            report_cell(
                cells,
                Column::TypeStructure,
                CheckProblem::TypeNotAllowed { allowed, cite },
            );
        }
    }
    if let Some(i) = c.implantation {
        if !e.implantations.value.contains(&i) {
            let allowed = e.implantations.value.iter().map(|i| i.written()).collect();
            let cite = cite(version, &e.implantations);
            report_cell(
                cells,
                Column::Implantation,
                CheckProblem::ImplantationNotAllowed { allowed, cite },
            );
        }
    }
    qpv(c, version, reference, cells);
    poverty_threshold(c, version, cells);
    file_active(c, version, cells);

    match c.tiers_payant {
        Some(TiersPayant::Non) if e.tiers_payant_obligatoire.value => {
            let cite = cite(version, &e.tiers_payant_obligatoire);
            report_cell(
                cells,
                Column::TiersPayant,
                CheckProblem::TiersPayantNon { cite },
            );
        }
        Some(TiersPayant::Partiel) if e.tiers_payant_integral_recommande.value => {
            let cite = cite(version, &e.tiers_payant_integral_recommande);
            report_cell(
                cells,
                Column::TiersPayant,
                CheckProblem::TiersPayantPartiel { cite },
            );
        }
        _ => {}
    }
    if c.tarifs_opposables == Some(false) && e.tarifs_opposables_obligatoires.value {
        let cite = cite(version, &e.tarifs_opposables_obligatoires);
        report_cell(
            cells,
            Column::TarifsOpposables,
            CheckProblem::TarifsOpposablesNon { cite },
        );
    }
    if c.ouvert_a_tous == Some(false) && e.ouverture_a_tous_obligatoire.value {
        let cite = cite(version, &e.ouverture_a_tous_obligatoire);
        report_cell(
            cells,
            Column::OuvertATous,
            CheckProblem::OuvertATousNon { cite },
        );
    }
    activity(c, version, cells);
    for (mission, done) in c.missions() {
        if done == Some(false) && e.missions_obligatoires.value.contains(&mission) {
            let cite = cite(version, &e.missions_obligatoires);
            let column = Column::of_mission(mission);
            let problem = CheckProblem::MissionNon { mission, cite };
            report_cell(cells, column, problem);
        }
    }

    deadline(c, version, cells);
    founder(c, version, reference, cells);
    psychological_support(c, version, cells);
}

/// The two optional columns of the arrêté's conditions (« une activité majoritaire de
/// médecine générale, mais aussi une activité paramédicale »), each judged only when the
/// file has it and the version declares the condition (`eligibility`): « non » is E225 /
/// E226; an empty cell leaves the condition unchecked on that row, and says so (I228): the
/// template and the form carry these optional columns, which many leave empty. An absent column is said once per file
/// (I227, by the pipeline).
fn activity(c: &Candidature, version: &Version, cells: &mut Cells<'_, '_>) {
    let e = &version.rules.eligibility;
    let conditions = [
        (
            Column::ActiviteMg,
            c.activite_mg,
            &e.activite_majoritaire_medecine_generale,
        ),
        (
            Column::ActiviteParamedicale,
            c.activite_paramedicale,
            &e.activite_paramedicale,
        ),
    ];
    for (column, value, rule) in conditions {
        let Some(rule) = rule.as_ref().filter(|r| r.value) else {
            continue;
        };
        if is_blank(cells.row, column) {
            let paramedical = column == Column::ActiviteParamedicale;
            report_cell(cells, column, CheckProblem::ConditionBlank { paramedical });
        } else if value == Some(false) {
            let cite = cite(version, rule);
            let problem = match column {
                Column::ActiviteMg => CheckProblem::ActiviteMgNon { cite },
                _ => CheckProblem::ActiviteParamedicaleNon { cite },
            };
            report_cell(cells, column, problem);
        }
    }
}

/// A row that says it is a founder is taken at its word only where the call names one: the
/// version's `eligibility.fondatrices` (the six structures of the 2021 call, each with its
/// department). Outside those departments it is an error (a founder is exempt from the
/// deadline and the filing date, so a wrong « oui » would pay a late candidature); in one of
/// them, a name that does not resemble the founder's is a warning.
fn founder(c: &Candidature, version: &Version, reference: &Reference, cells: &mut Cells<'_, '_>) {
    if c.structure_fondatrice != Some(true) {
        return;
    }
    let Some(list) = &version.rules.eligibility.fondatrices else {
        return;
    };
    // Only from a code that is right: a FINESS or commune code already refused has its own
    // error, and its first digits name no department.
    let department = c
        .code_commune
        .as_deref()
        .filter(|code| reference.commune_exists(code))
        .and_then(identifier::commune_department)
        .map(str::to_owned)
        .or_else(|| {
            let number = Finess::read(c.finess.as_deref()?).ok()?;
            number.check().ok()?;
            number.department()
        });
    let Some(department) = department else { return };
    let cite = cite(version, list);
    let Some(expected) = list.value.iter().find(|f| f.departement == department) else {
        let departments = list
            .value
            .iter()
            .map(|f| f.departement.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        report_cell(
            cells,
            Column::StructureFondatrice,
            CheckProblem::FounderOutside {
                department,
                departments,
                cite,
            },
        );
        return;
    };
    if let Some(nom) = c.nom.as_deref().filter(|n| !n.trim().is_empty()) {
        if !resembles(nom, &expected.nom) {
            report_cell(
                cells,
                Column::Nom,
                CheckProblem::FounderName {
                    expected: expected.nom.clone(),
                    cite,
                },
            );
        }
    }
}

/// Whether a structure's name is the founder's as people write it: one contains the other
/// once folded (« La Place Santé » in « ACSBE La Place Santé »), or they are close
/// (Jaro-Winkler ≥ 0.85: a typo, an accent), or they share two words of four letters or more
/// besides « santé », « maison », « centre ».
fn resembles(name: &str, founder: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .map(crate::model::fold)
            .filter(|w| w.len() >= 4 && !["sante", "maison", "centre"].contains(&w.as_str()))
            .collect()
    };
    let (a, b) = (words(name), words(founder));
    let (joined_a, joined_b) = (a.join(" "), b.join(" "));
    if joined_a.is_empty() || joined_b.is_empty() {
        return crate::model::fold(name) == crate::model::fold(founder);
    }
    joined_a.contains(&joined_b)
        || joined_b.contains(&joined_a)
        || strsim::jaro_winkler(&joined_a, &joined_b) >= 0.85
        || a.iter().filter(|w| b.contains(w)).count() >= 2
}

/// The QPV code exists in the version's list, in the commune's department.
fn qpv(c: &Candidature, version: &Version, reference: &Reference, cells: &mut Cells<'_, '_>) {
    let Some(code) = &c.code_qpv else { return };
    let code = code.to_ascii_uppercase();
    let list = version.rules.eligibility.qpv_list.value;
    let Some(found) = reference.qpv(list, &code) else {
        let department = qpv2015_department(&code);
        if list == QpvList::Qpv2015 && department.is_some_and(|d| QPV_2015_MISSING.contains(&d)) {
            let department = department.unwrap_or_default().to_owned();
            report_cell(
                cells,
                Column::CodeQpv,
                CheckProblem::QpvNotInPartialList { department },
            );
            return;
        }
        let other_list = QpvList::ALL
            .iter()
            .copied()
            .find(|other| *other != list && reference.qpv(*other, &code).is_some());
        // Judged by the nearest version when none covers the filing date: say so, it is
        // why a right code is refused (a --rules file whose period starts later).
        let filed = match (c.date_depot, c.structure_fondatrice, c.date_entree) {
            (Some(d), _, _) | (None, Some(true), Some(d)) => Some(d),
            _ => None,
        };
        let problem = CheckProblem::UnknownQpv {
            list,
            other_list,
            cite: cite(version, &version.rules.eligibility.qpv_list),
            uncovered: filed.filter(|d| !version.covers(*d)),
        };
        report_cell(cells, Column::CodeQpv, problem);
        return;
    };
    let commune = c
        .code_commune
        .as_deref()
        .filter(|code| reference.commune_exists(code))
        .and_then(identifier::commune_department);
    if let Some(commune) = commune {
        if commune != found.department {
            let problem = CheckProblem::QpvDepartment {
                qpv: found.department.clone(),
                commune: commune.to_owned(),
            };
            report_cell(cells, Column::CodeQpv, problem);
        }
    }
}

/// A quartier vécu (a structure outside a QPV) must be in a territory poorer than the
/// national metropolitan average: its poverty rate strictly above the version's
/// `taux_pauvrete_quartier_vecu` (appel à candidatures 2021 : « a minima supérieur à la
/// moyenne nationale métropolitaine »). A QPV has no threshold. An empty rate is judged by
/// the rate `check` looks up for it (I218); an invalid or unpublished one is already an error.
fn poverty_threshold(c: &Candidature, version: &Version, cells: &mut Cells<'_, '_>) {
    if c.implantation != Some(Implantation::QuartierVecu) {
        return;
    }
    // An empty cell was filled from the shipped rates by the pipeline (I218) before the
    // checks: say so in the message.
    let Some(rate) = c.taux_pauvrete else { return };
    let looked_up = cells.text(Column::TauxPauvrete).is_none();
    let limit = &version.rules.eligibility.taux_pauvrete_quartier_vecu;
    let threshold = limit.value.0;
    if rate <= threshold {
        let cite = cite(version, limit);
        let problem = CheckProblem::PovertyNotAboveThreshold {
            rate,
            looked_up,
            threshold,
            cite,
        };
        report_cell(cells, Column::TauxPauvrete, problem);
    }
}

/// The department of a code of the 2015 form (`QP` + 3-character department + 3 digits:
/// `QP093001`, `QP02A001`, `QP976001`), as the lists write it (`93`, `2A`, `976`).
fn qpv2015_department(code: &str) -> Option<&str> {
    let rest = code.strip_prefix("QP")?;
    if rest.len() != 6 || !rest.is_ascii() || !rest[3..].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let department = &rest[..3];
    Some(department.strip_prefix('0').unwrap_or(department))
}

/// File active between the version's minimum (error) and the top of the D1 scale
/// (warning), and of the year before entry.
fn file_active(c: &Candidature, version: &Version, cells: &mut Cells<'_, '_>) {
    let e = &version.rules.eligibility;
    if let Some(value) = c.file_active_mg {
        let min = e.file_active_min.value;
        let top = &version.rules.dotations.participative.file_active_max;
        let max = top.value;
        if value < min {
            let rule = cite(version, &e.file_active_min);
            let problem = Problem::FileActiveBelowMin { value, min, rule };
            let raw = cells.row.get(Column::FileActiveMg).map(|c| c.into_owned());
            cells.problem(Column::FileActiveMg, raw.as_deref(), problem);
        } else if value > max {
            let cite = cite(version, top);
            let problem = CheckProblem::FileActiveAboveMax { value, max, cite };
            report_cell(cells, Column::FileActiveMg, problem);
        }
    }
    if let (Some(year), Some(entree)) = (c.annee_file_active, c.date_entree) {
        // The year before entry, as the file assumes (`hypotheses.annee_file_active`).
        let offset = *version.rules.hypotheses.annee_file_active.value.get_ref();
        let expected = entree.year() + offset;
        if year != expected {
            report_cell(
                cells,
                Column::AnneeFileActive,
                CheckProblem::AnneeFileActive { year, expected },
            );
        }
    }
}

/// Filed no later than the version's deadline, unless a founder (who entered by right) and
/// the version assumes founders exempt (`hypotheses.fondatrices_dispensees_de_depot`).
fn deadline(c: &Candidature, version: &Version, cells: &mut Cells<'_, '_>) {
    let exempt = *version
        .rules
        .hypotheses
        .fondatrices_dispensees_de_depot
        .value
        .get_ref();
    let held = match c.structure_fondatrice {
        Some(false) => true,
        Some(true) => !exempt,
        // Unknown (invalid cell or absent column, already reported).
        None => false,
    };
    if !held || cells.row.get(Column::DateDepot).is_none() {
        return;
    }
    let limit = &version.rules.eligibility.date_limite_candidature;
    let deadline = limit.value;
    match c.date_depot {
        Some(date) if date > deadline => {
            let cite = cite(version, limit);
            let problem = CheckProblem::LateDepot {
                date,
                deadline,
                cite,
            };
            report_cell(cells, Column::DateDepot, problem);
        }
        None if is_blank(cells.row, Column::DateDepot) => {
            let cite = cite(version, limit);
            report_cell(
                cells,
                Column::DateDepot,
                CheckProblem::NoDepot { deadline, cite },
            );
        }
        _ => {}
    }
}

/// D4: the amount requested against the version's cap and the ARS agreement it needs.
fn psychological_support(c: &Candidature, version: &Version, cells: &mut Cells<'_, '_>) {
    let psy = &version.rules.dotations.psychologique;
    let empty = |column| {
        cells
            .row
            .get(column)
            .is_none_or(|cell| crate::candidature::value::trim(&cell).is_empty())
    };
    if psy.accord_ars_requis.value
        && cells.row.get(Column::AccordArsPsy).is_some()
        && empty(Column::AccordArsPsy)
    {
        cells.problem(
            Column::AccordArsPsy,
            None,
            Problem::Check(CheckProblem::AgreementEmpty),
        );
    }
    // No amount asked with the agreement: D4 rests on an assumption of the version,
    // said on the row (an unreadable amount has its own error).
    if c.accord_ars_psy == Some(true) && empty(Column::MontantPsyDemande) {
        use crate::rules::schema::D4SansMontant;
        let h = &version.rules.hypotheses.d4_accord_sans_montant;
        let assumed = match h.value.get_ref().or(D4SansMontant::Plafond) {
            D4SansMontant::Plafond => psy.plafond.value.0,
            D4SansMontant::Zero => Decimal::ZERO,
        };
        let cite = Cite {
            version: version.rules.id.clone(),
            source: version
                .source(h.source.get_ref())
                .map_or_else(|| h.source.get_ref().clone(), |s| s.text.clone()),
            provisional: h.provisional,
        };
        cells.problem(
            Column::AccordArsPsy,
            Some("oui"),
            Problem::Check(CheckProblem::CapAssumed { assumed, cite }),
        );
    }
    let Some(amount) = c.montant_psy_demande.filter(|a| *a > Decimal::ZERO) else {
        return;
    };
    let cap = psy.plafond.value.0;
    let factor = crate::candidature::value::PLAUSIBLE.psy_cap_factor;
    if amount > cap * Decimal::from(factor) {
        let value = cells.text(Column::MontantPsyDemande);
        let bound = crate::candidature::value::Bound::PsyRequest { cap, factor };
        cells.problem(
            Column::MontantPsyDemande,
            value.as_deref(),
            Problem::Implausible(bound),
        );
        return;
    }
    if amount > cap {
        let cite = cite(version, &psy.plafond);
        report_cell(
            cells,
            Column::MontantPsyDemande,
            CheckProblem::PsyAboveCap { amount, cap, cite },
        );
    }
    if psy.accord_ars_requis.value && c.accord_ars_psy == Some(false) {
        let cite = cite(version, &psy.accord_ars_requis);
        report_cell(
            cells,
            Column::MontantPsyDemande,
            CheckProblem::PsyWithoutAgreement { amount, cite },
        );
    }
}
