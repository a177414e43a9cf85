//! Identifiers of a row: FINESS (form, check digit), SIRET/SIREN, commune code, and the
//! FINESS department against the commune's (E301–W305).

use super::{report_cell, CheckProblem};
use crate::candidature::{Candidature, Cells, Column};
use crate::reference::identifier::{self, Finess, Invalid};
use crate::reference::Reference;

pub fn check(c: &Candidature, reference: &Reference, cells: &mut Cells<'_, '_>) {
    let commune_ok = match &c.code_commune {
        Some(code) if !reference.commune_exists(code) => {
            let lost_zero = code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit());
            let problem = CheckProblem::UnknownCommune { lost_zero };
            report_cell(cells, Column::CodeCommune, problem);
            false
        }
        Some(_) => true,
        None => false,
    };
    if let Some(finess) = &c.finess {
        match Finess::read(finess).and_then(|f| f.check().map(|()| f)) {
            Err(Invalid::Form) => report_cell(
                cells,
                Column::Finess,
                CheckProblem::FinessForm {
                    length: identifier::compact(finess).chars().count(),
                },
            ),
            Err(Invalid::CheckDigit) => {
                report_cell(cells, Column::Finess, CheckProblem::FinessCheckDigit)
            }
            Ok(number) => {
                let commune = c
                    .code_commune
                    .as_deref()
                    .filter(|_| commune_ok)
                    .and_then(identifier::commune_department);
                if let (Some(f), Some(commune)) = (number.department(), commune) {
                    if f != commune {
                        let problem = CheckProblem::FinessDepartment {
                            finess: f,
                            commune: commune.to_owned(),
                        };
                        report_cell(cells, Column::Finess, problem);
                    }
                }
            }
        }
    }
    if let Some(siret) = &c.siret {
        if let Err(e) = identifier::siret(siret) {
            let problem = CheckProblem::SiretInvalid {
                check_digit: e == Invalid::CheckDigit,
            };
            report_cell(cells, Column::Siret, problem);
        }
    }
}
