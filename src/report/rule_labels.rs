//! Rule values named for people: « D1, palier 1 000–1 999 patients » rather than the key
//! path `dotations.participative.etp[0]`, and rounding modes in words rather than the
//! rule file's identifier. Built from the version itself, so a new band gets its label.

use rust_decimal::Decimal;

use super::explain::exact;
use crate::rules::{RoundingMode, RuleKey, Step, Version};
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
                let min = exact(Decimal::from(s.min), lang);
                match s.below {
                    Some(b) => {
                        let last = exact(Decimal::from(b.saturating_sub(1)), lang);
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
                    let min = exact(s.min.0, lang);
                    match &s.below {
                        Some(b) if fr => format!(
                            "D2, taux de pauvreté de {min} % à moins de {} %",
                            exact(b.0, lang)
                        ),
                        Some(b) => format!(
                            "D2, poverty rate from {min} % to under {} %",
                            exact(b.0, lang)
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
            "D3, yearly amount per 1,000 patients"
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
            "D1, file active où s'arrête le barème"
        } else {
            "D1, file active where the scale stops"
        }
        .to_owned(),
        other => fixed_label(other, fr).to_owned(),
    }
}

/// The labels that do not depend on the version's bands.
fn fixed_label(key: RuleKey, fr: bool) -> &'static str {
    use crate::rules::Hypothesis as H;
    let (f, e) = match key {
        RuleKey::TypesStructure => (
            "éligibilité, types de structure admis",
            "eligibility, types of structure admitted",
        ),
        RuleKey::Implantations => (
            "éligibilité, implantations admises",
            "eligibility, locations admitted",
        ),
        RuleKey::QpvList => ("éligibilité, liste des QPV", "eligibility, QPV list"),
        RuleKey::TauxQuartierVecu => (
            "éligibilité, seuil du taux de pauvreté d'un quartier vécu",
            "eligibility, poverty-rate threshold outside a QPV (quartier vecu)",
        ),
        RuleKey::TiersPayantObligatoire => (
            "éligibilité, tiers payant obligatoire",
            "eligibility, tiers payant required",
        ),
        RuleKey::TiersPayantIntegral => (
            "éligibilité, tiers payant intégral recommandé",
            "eligibility, full tiers payant recommended",
        ),
        RuleKey::TarifsOpposables => (
            "éligibilité, tarifs opposables obligatoires",
            "eligibility, regulated fees required",
        ),
        RuleKey::OuvertureATous => (
            "éligibilité, ouverture à tous obligatoire",
            "eligibility, open to all required",
        ),
        RuleKey::Missions => (
            "éligibilité, missions obligatoires",
            "eligibility, required missions",
        ),
        RuleKey::DateLimite => (
            "éligibilité, date limite de candidature",
            "eligibility, application deadline",
        ),
        RuleKey::Fondatrices => (
            "éligibilité, structures fondatrices",
            "eligibility, founding structures",
        ),
        RuleKey::ActiviteMg => (
            "éligibilité, activité majoritaire de médecine générale",
            "eligibility, mostly general medicine",
        ),
        RuleKey::ActiviteParamedicale => (
            "éligibilité, activité paramédicale",
            "eligibility, paramedical activity",
        ),
        RuleKey::AccordArsRequis => ("D4, accord de l'ARS requis", "D4, ARS agreement required"),
        RuleKey::Hypothesis(H::D4SansMontant) => (
            "hypothèse, D4 avec accord de l'ARS sans montant demandé",
            "assumption, D4 with the ARS agreement and no amount asked",
        ),
        RuleKey::Hypothesis(H::D2Calcul) => (
            "hypothèse, D2 = montant par patient × file active",
            "assumption, D2 = amount per patient × file active",
        ),
        RuleKey::Hypothesis(H::D3Calcul) => (
            "hypothèse, D3 selon la file active",
            "assumption, D3 from the file active",
        ),
        RuleKey::Hypothesis(H::Prorata) => (
            "hypothèse, prorata d'une année",
            "assumption, proration of a year",
        ),
        RuleKey::Hypothesis(H::Fondatrices) => (
            "hypothèse, fondatrices dispensées de date limite et de date de dépôt",
            "assumption, founders exempt from the deadline and the filing date",
        ),
        RuleKey::Hypothesis(H::AnneeFileActive) => (
            "hypothèse, année de la file active",
            "assumption, year of the file active",
        ),
        RuleKey::Hypothesis(H::SourcesTaux) => (
            "hypothèse, ordre des sources d'un taux de pauvreté manquant",
            "assumption, order of the sources of a missing poverty rate",
        ),
        // Labelled by `label` itself.
        RuleKey::Rounding
        | RuleKey::CoutEtp
        | RuleKey::Etp(_)
        | RuleKey::MontantParPatient(_)
        | RuleKey::Interpretariat
        | RuleKey::PlafondPsy
        | RuleKey::FileActiveMin
        | RuleKey::FileActiveMax => ("valeur", "value"),
    };
    if fr {
        f
    } else {
        e
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
            let euros = |v: Decimal| match lang {
                Lang::Fr => format!("{} €", exact(v, lang)),
                Lang::En => format!("€{}", exact(v, lang)),
            };
            let patients = |n: u32| format!("{} patients", exact(Decimal::from(n), lang));
            let shown = match key {
                RuleKey::CoutEtp => Some(euros(d.participative.cout_etp.value.0)),
                RuleKey::Etp(i) => d
                    .participative
                    .etp
                    .get(i)
                    .map(|s| format!("{} ETP", exact(s.get_ref().value.0, lang))),
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
                RuleKey::FileActiveMax => Some(patients(d.participative.file_active_max.value)),
                RuleKey::TauxQuartierVecu => Some(format!(
                    "{} %",
                    exact(r.eligibility.taux_pauvrete_quartier_vecu.value.0, lang)
                )),
                RuleKey::Hypothesis(h) => Some(hypothesis_value(version, h, lang)),
                _ => None,
            };
            shown.unwrap_or_else(|| version.provenance(key).value)
        }
    }
}

/// A rule value as the rule file gives it, for the value lines of `explain` and `diff`: in
/// French as it has always been printed (`[1000 ; 2000[ → 2`, `50000`, `14.6`), in English
/// with English digits and the interval notation of every English output:
/// `[1,000; 2,000) → 2`, `≥ 5,000 → 6`, `50,000`, `2 decimals, HalfAwayFromZero`.
pub fn raw(version: &Version, key: RuleKey, lang: Lang) -> String {
    let p = version.provenance(key);
    if lang == Lang::Fr {
        return p.value;
    }
    let r = &version.rules;
    let d = &r.dotations;
    let n = |v: Decimal| exact(v, lang);
    let shown = match key {
        RuleKey::Rounding => Some(format!(
            "{} decimals, {:?}",
            r.rounding.decimals.get_ref(),
            r.rounding.mode
        )),
        RuleKey::Etp(i) => d
            .participative
            .etp
            .get(i)
            .map(|s| step(s.get_ref(), |k| n(Decimal::from(*k)))),
        RuleKey::MontantParPatient(i) => d
            .precarite
            .montant_par_patient
            .get(i)
            .map(|s| step(s.get_ref(), |k| n(k.0))),
        RuleKey::CoutEtp => Some(n(d.participative.cout_etp.value.0)),
        RuleKey::Interpretariat => Some(n(d.interpretariat.montant_pour_1000_patients.value.0)),
        RuleKey::PlafondPsy => Some(n(d.psychologique.plafond.value.0)),
        RuleKey::FileActiveMin => Some(n(Decimal::from(r.eligibility.file_active_min.value))),
        RuleKey::FileActiveMax => Some(n(Decimal::from(d.participative.file_active_max.value))),
        RuleKey::TauxQuartierVecu => Some(n(r.eligibility.taux_pauvrete_quartier_vecu.value.0)),
        _ => None,
    };
    shown.unwrap_or(p.value)
}

/// A step of a scale in English interval notation: `[1,000; 2,000) → 2`, `≥ 5,000 → 6`.
pub fn step<K>(s: &Step<K>, bound: impl Fn(&K) -> String) -> String {
    let value = exact(s.value.0, Lang::En);
    match &s.below {
        Some(below) => format!("[{}; {}) → {value}", bound(&s.min), bound(below)),
        None => format!("≥ {} → {value}", bound(&s.min)),
    }
}

/// An amount of the rule file in English digits (`budget` envelopes in `diff`): "14,000,000".
pub fn number(raw: &str, lang: Lang) -> String {
    match (lang, raw.parse::<Decimal>()) {
        (Lang::En, Ok(v)) => exact(v, lang),
        _ => raw.to_owned(),
    }
}

/// An assumption's behaviour in words: « le plafond est payé ».
fn hypothesis_value(version: &Version, h: crate::rules::Hypothesis, lang: Lang) -> String {
    use crate::rules::schema::{D2Calcul, D3Calcul, D4SansMontant, Prorata, SourceTaux, Variant};
    use crate::rules::Hypothesis as H;
    let x = &version.rules.hypotheses;
    let fr = lang == Lang::Fr;
    let pick = |f: &str, e: &str| if fr { f.to_owned() } else { e.to_owned() };
    match h {
        H::D4SansMontant => match x.d4_accord_sans_montant.value.get_ref() {
            Variant::Known(D4SansMontant::Plafond) => {
                pick("le plafond est payé", "the cap is paid")
            }
            Variant::Known(D4SansMontant::Zero) => pick("rien n'est payé", "nothing is paid"),
            Variant::Unsupported(s) => s.clone(),
        },
        H::D2Calcul => match x.d2_calcul.value.get_ref() {
            Variant::Known(D2Calcul::ParPatientFileActive) => pick(
                "€ par patient de la tranche × file active",
                "€ per patient of the band × file active",
            ),
            Variant::Unsupported(s) => s.clone(),
        },
        H::D3Calcul => match x.d3_calcul.value.get_ref() {
            Variant::Known(D3Calcul::Proportionnel) => pick(
                "proportionnelle : file active / 1 000 × le montant",
                "proportional: file active / 1,000 × the amount",
            ),
            Variant::Known(D3Calcul::ParMilleEntame) => pick(
                "par tranche de 1 000 patients entamée",
                "per 1,000 patients started",
            ),
            Variant::Unsupported(s) => s.clone(),
        },
        H::Prorata => match x.prorata.value.get_ref() {
            Variant::Known(Prorata::MoisEntiersDu1er) => pick(
                "1/12 par mois entier, compté du 1er qui suit ou est l'entrée",
                "1/12 per whole month, counted from the 1st on or after entry",
            ),
            Variant::Unsupported(s) => s.clone(),
        },
        H::Fondatrices => match (*x.fondatrices_dispensees_de_depot.value.get_ref(), fr) {
            (true, true) => "oui".to_owned(),
            (true, false) => "yes".to_owned(),
            (false, true) => "non".to_owned(),
            (false, false) => "no".to_owned(),
        },
        H::AnneeFileActive => {
            let offset = *x.annee_file_active.value.get_ref();
            match (offset, fr) {
                (0, true) => "l'année d'entrée".to_owned(),
                (0, false) => "the entry year".to_owned(),
                (n, true) if n < 0 => format!("l'année d'entrée − {}", n.unsigned_abs()),
                (n, false) if n < 0 => format!("the entry year − {}", n.unsigned_abs()),
                (n, true) => format!("l'année d'entrée + {n}"),
                (n, false) => format!("the entry year + {n}"),
            }
        }
        H::SourcesTaux => x
            .sources_taux_pauvrete
            .value
            .get_ref()
            .iter()
            .map(|s| match s {
                Variant::Known(SourceTaux::Qpv2015) => pick("le QPV 2015", "the 2015 QPV"),
                Variant::Known(SourceTaux::Commune) => pick("la commune", "the commune"),
                Variant::Unsupported(s) => s.clone(),
            })
            .collect::<Vec<_>>()
            .join(if fr { ", puis " } else { ", then " }),
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
            "D1, step 1,000–1,999 patients"
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
            "€10 per patient"
        );
        assert_eq!(value(v, RuleKey::CoutEtp, Lang::En), "€50,000");
        assert_eq!(value(v, RuleKey::TauxQuartierVecu, Lang::Fr), "14,6 %");
        assert_eq!(value(v, RuleKey::TauxQuartierVecu, Lang::En), "14.6 %");
        assert_eq!(raw(v, RuleKey::Etp(3), Lang::Fr), "[4000 ; 5000[ → 5");
        assert_eq!(raw(v, RuleKey::Etp(3), Lang::En), "[4,000; 5,000) → 5");
        assert_eq!(raw(v, RuleKey::Etp(4), Lang::En), "≥ 5,000 → 6");
        assert_eq!(raw(v, RuleKey::CoutEtp, Lang::Fr), "50000");
        assert_eq!(raw(v, RuleKey::CoutEtp, Lang::En), "50,000");
        assert_eq!(number("14000000", Lang::En), "14,000,000");
        assert_eq!(number("14000000", Lang::Fr), "14000000");
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
