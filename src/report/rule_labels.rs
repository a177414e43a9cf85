//! Rule values named for people: « D1, palier 1 000–1 999 patients » rather than the key
//! path `dotations.participative.etp[0]`, and rounding modes in words rather than the
//! rule file's identifier. Built from the version itself, so a new band gets its label.

use rust_decimal::Decimal;

use super::explain::decimal_fr;
use crate::rules::{RoundingMode, RuleKey, Version};
use crate::Lang;

/// The rounding mode in words: « au plus proche, le demi s'éloignant de zéro ».
pub fn rounding_mode(mode: RoundingMode, lang: Lang) -> &'static str {
    match (mode, lang) {
        (RoundingMode::HalfAwayFromZero, Lang::Fr) => {
            "au plus proche, le demi s'éloignant de zéro (0,005 → 0,01)"
        }
        (RoundingMode::HalfAwayFromZero, Lang::En) => {
            "to the nearest, half away from zero (0.005 → 0.01)"
        }
        (RoundingMode::HalfEven, Lang::Fr) => {
            "au plus proche, le demi vers le chiffre pair (0,005 → 0,00 ; 0,015 → 0,02)"
        }
        (RoundingMode::HalfEven, Lang::En) => {
            "to the nearest, half to even (0.005 → 0.00; 0.015 → 0.02)"
        }
        (RoundingMode::TowardZero, Lang::Fr) => "vers zéro, par troncature (0,019 → 0,01)",
        (RoundingMode::TowardZero, Lang::En) => "toward zero, by truncation (0.019 → 0.01)",
    }
}

/// The rounding rule of a version in words: « 2 décimales, au plus proche, … ».
pub fn rounding(decimals: u32, mode: RoundingMode, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{decimals} décimales, {}", rounding_mode(mode, lang)),
        Lang::En => format!("{decimals} decimals, {}", rounding_mode(mode, lang)),
    }
}

/// What a rule value is, for people: « D1, palier 1 000–1 999 patients ».
pub fn label(version: &Version, key: RuleKey, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let d = &version.rules.dotations;
    match key {
        RuleKey::Rounding => if fr {
            "arrondi des dotations"
        } else {
            "rounding of the dotations"
        }
        .to_owned(),
        RuleKey::CoutEtp => if fr {
            "D1, coût annuel d'un ETP"
        } else {
            "D1, yearly cost of one FTE"
        }
        .to_owned(),
        RuleKey::Etp(i) => match d.participative.etp.get(i).map(|s| s.get_ref()) {
            // Bands of whole patients: [1000 ; 2000[ is 1 000 to 1 999.
            Some(s) => {
                let min = decimal_fr(Decimal::from(s.min));
                match s.below {
                    Some(b) => {
                        let last = decimal_fr(Decimal::from(b.saturating_sub(1)));
                        if fr {
                            format!("D1, palier {min}–{last} patients")
                        } else {
                            format!("D1, step {min}–{last} patients")
                        }
                    }
                    None if fr => format!("D1, palier {min} patients et plus"),
                    None => format!("D1, step {min} patients and more"),
                }
            }
            None => key.path(),
        },
        RuleKey::MontantParPatient(i) => {
            match d.precarite.montant_par_patient.get(i).map(|s| s.get_ref()) {
                Some(s) => {
                    let min = decimal_fr(s.min.0);
                    match &s.below {
                        Some(b) if fr => format!(
                            "D2, taux de pauvreté de {min} % à moins de {} %",
                            decimal_fr(b.0)
                        ),
                        Some(b) => format!(
                            "D2, poverty rate from {min} % to under {} %",
                            decimal_fr(b.0)
                        ),
                        None if fr => format!("D2, taux de pauvreté de {min} % et plus"),
                        None => format!("D2, poverty rate of {min} % and more"),
                    }
                }
                None => key.path(),
            }
        }
        RuleKey::Interpretariat => if fr {
            "D3, montant annuel pour 1 000 patients"
        } else {
            "D3, yearly amount per 1 000 patients"
        }
        .to_owned(),
        RuleKey::PlafondPsy => if fr {
            "D4, plafond du soutien psychologique"
        } else {
            "D4, cap of the psychological support"
        }
        .to_owned(),
        RuleKey::FileActiveMin => if fr {
            "éligibilité, file active minimale"
        } else {
            "eligibility, minimum file active"
        }
        .to_owned(),
        RuleKey::FileActiveMax => if fr {
            "éligibilité, file active maximale"
        } else {
            "eligibility, maximum file active"
        }
        .to_owned(),
    }
}

/// A rule value as people read it: the rounding in words, any other value as the version
/// gives it ("[1000 ; 2000[ → 2").
pub fn value(version: &Version, key: RuleKey, lang: Lang) -> String {
    match key {
        RuleKey::Rounding => rounding(
            *version.rules.rounding.decimals.get_ref(),
            version.rules.rounding.mode,
            lang,
        ),
        _ => {
            let r = &version.rules;
            let d = &r.dotations;
            let euros = |v: Decimal| format!("{} €", decimal_fr(v));
            let patients = |n: u32| format!("{} patients", decimal_fr(Decimal::from(n)));
            let shown = match key {
                RuleKey::CoutEtp => Some(euros(d.participative.cout_etp.value.0)),
                RuleKey::Etp(i) => d
                    .participative
                    .etp
                    .get(i)
                    .map(|s| format!("{} ETP", decimal_fr(s.get_ref().value.0))),
                RuleKey::MontantParPatient(i) => d.precarite.montant_par_patient.get(i).map(|s| {
                    let per = if lang == Lang::Fr {
                        "par patient"
                    } else {
                        "per patient"
                    };
                    format!("{} {per}", euros(s.get_ref().value.0))
                }),
                RuleKey::Interpretariat => {
                    Some(euros(d.interpretariat.montant_pour_1000_patients.value.0))
                }
                RuleKey::PlafondPsy => Some(euros(d.psychologique.plafond.value.0)),
                RuleKey::FileActiveMin => Some(patients(r.eligibility.file_active_min.value)),
                RuleKey::FileActiveMax => Some(patients(r.eligibility.file_active_max.value)),
                RuleKey::Rounding => None,
            };
            shown.unwrap_or_else(|| version.provenance(key).value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_of_the_shipped_rules_has_a_label_in_both_languages() {
        let set = crate::rules::RuleSet::embedded().expect("embedded rules");
        let v = &set.versions()[0];
        assert_eq!(
            label(v, RuleKey::Etp(0), Lang::Fr),
            "D1, palier 1 000–1 999 patients"
        );
        assert_eq!(
            label(v, RuleKey::Etp(4), Lang::Fr),
            "D1, palier 5 000 patients et plus"
        );
        assert_eq!(
            label(v, RuleKey::Etp(0), Lang::En),
            "D1, step 1 000–1 999 patients"
        );
        assert_eq!(
            label(v, RuleKey::MontantParPatient(1), Lang::Fr),
            "D2, taux de pauvreté de 15 % à moins de 25 %"
        );
        assert_eq!(
            value(v, RuleKey::Rounding, Lang::Fr),
            "2 décimales, au plus proche, le demi s'éloignant de zéro (0,005 → 0,01)"
        );
        assert_eq!(value(v, RuleKey::Etp(0), Lang::Fr), "2 ETP");
        assert_eq!(value(v, RuleKey::CoutEtp, Lang::Fr), "50 000 €");
        assert_eq!(
            value(v, RuleKey::MontantParPatient(0), Lang::En),
            "10 € per patient"
        );
        for version in set.versions() {
            for p in version.keys() {
                for lang in [Lang::Fr, Lang::En] {
                    let l = label(version, p, lang);
                    assert!(!l.contains("dotations."), "{l}");
                }
            }
        }
    }
}
