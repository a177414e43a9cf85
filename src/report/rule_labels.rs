//! Rule values named for people: « D1, palier 1 000–1 999 patients » rather than the key
//! path `dotations.participative.etp[0]`, and rounding modes in words rather than the
//! rule file's identifier. The catalogue of the words of rule values: the core gives each
//! value typed (`rules::Value`, from the one table of `rules::table`), this module writes
//! it for people — its label, its value in words, and its value as the file gives it in
//! French or English digits. A band's label is built from the band itself, so a new band
//! gets its label.

use rust_decimal::Decimal;

use super::{as_in_rule_file, exact, money_exact};
use crate::rules::values::FlatValue;
use crate::rules::{Assumed, Band, RoundingMode, RuleKey, Value, Version};
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

/// What a rule value of `version` is, for people: « D1, palier 1 000–1 999 patients ».
pub fn label(version: &Version, key: RuleKey, lang: Lang) -> String {
    let band = version.provenance(key).and_then(|p| match p.value {
        Value::Step { band, .. } => Some(band),
        _ => None,
    });
    label_of(key, band, lang)
}

/// What a rule value is, for people; a step's label names its band (`band`, the value's own).
pub fn label_of(key: RuleKey, band: Option<Band>, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
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
        RuleKey::Etp(_) => match band {
            // Bands of whole patients: [1000 ; 2000[ is 1 000 to 1 999.
            Some(s) => {
                let min = exact(s.min, lang);
                match s.below {
                    Some(b) => {
                        let last = exact(b - Decimal::ONE, lang);
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
        RuleKey::MontantParPatient(_) => match band {
            Some(s) => {
                let min = exact(s.min, lang);
                match s.below {
                    Some(b) if fr => format!(
                        "D2, taux de pauvreté de {min} % à moins de {} %",
                        exact(b, lang)
                    ),
                    Some(b) => format!(
                        "D2, poverty rate from {min} % to under {} %",
                        exact(b, lang)
                    ),
                    None if fr => format!("D2, taux de pauvreté de {min} % et plus"),
                    None => format!("D2, poverty rate of {min} % and more"),
                }
            }
            None => key.path(),
        },
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

/// A rule value of `version` as people read it ([`shown`]); empty for a value the
/// version lacks.
pub fn value(version: &Version, key: RuleKey, lang: Lang) -> String {
    version
        .provenance(key)
        .map(|p| shown(key, &p.value, lang))
        .unwrap_or_default()
}

/// A rule value as people read it: the rounding and the assumptions in words, amounts with
/// their unit (« 50 000 € », « 2 ETP », « 14,6 % »), any other value as the file gives it.
pub fn shown(key: RuleKey, value: &Value, lang: Lang) -> String {
    let euros = |v: Decimal| money_exact(v, lang);
    let patients = |n: u32| format!("{} patients", exact(Decimal::from(n), lang));
    match (key, value) {
        (_, Value::Rounding { decimals, mode }) => rounding(*decimals, *mode, lang),
        (_, Value::Euros(v)) => euros(*v),
        (RuleKey::Etp(_), Value::Step { value, .. }) => format!("{} ETP", exact(*value, lang)),
        (RuleKey::MontantParPatient(_), Value::Step { value, .. }) => {
            let per = if lang == Lang::Fr {
                "par patient"
            } else {
                "per patient"
            };
            format!("{} {per}", euros(*value))
        }
        (_, Value::Patients(n)) => patients(*n),
        (_, Value::Percent(v)) => format!("{} %", exact(*v, lang)),
        (_, Value::Assumption(a)) => assumption(a, lang),
        _ => raw(value, Lang::Fr),
    }
}

/// A rule value as the rule file gives it, for the value lines of `explain` and `diff`: in
/// French as it has always been printed (`[1000 ; 2000[ → 2`, `50000`, `14.6`), in English
/// with English digits and the interval notation of every English output:
/// `[1,000; 2,000) → 2`, `≥ 5,000 → 6`, `50,000`, `2 decimals, HalfAwayFromZero`.
pub fn raw(value: &Value, lang: Lang) -> String {
    use crate::rules::variant_text;
    let en = lang == Lang::En;
    let n = |v: Decimal| as_in_rule_file(v, lang);
    let list = |items: Vec<String>| items.join(", ");
    match value {
        Value::Rounding { decimals, mode } if en => format!("{decimals} decimals, {mode:?}"),
        Value::Rounding { decimals, mode } => format!("{decimals} décimales, {mode:?}"),
        Value::Euros(v) | Value::Percent(v) => n(*v),
        Value::Patients(p) => n(Decimal::from(*p)),
        Value::Step { band, value } if en => match band.below {
            Some(below) => format!("[{}; {}) → {}", n(band.min), n(below), n(*value)),
            None => format!("≥ {} → {}", n(band.min), n(*value)),
        },
        Value::Step { band, value } => match band.below {
            Some(below) => format!("[{} ; {}[ → {}", band.min, below, value),
            None => format!("≥ {} → {}", band.min, value),
        },
        Value::Flag(b) => b.to_string(),
        Value::Date(d) => d.to_string(),
        Value::Types(t) => list(t.iter().map(ToString::to_string).collect()),
        Value::Implantations(t) => list(t.iter().map(ToString::to_string).collect()),
        Value::Missions(t) => list(t.iter().map(ToString::to_string).collect()),
        Value::Qpv(q) => q.to_string(),
        Value::Fondatrices(f) => list(
            f.iter()
                .map(|f| format!("{} ({}, {})", f.nom, f.commune, f.departement))
                .collect(),
        ),
        Value::Assumption(a) => match a {
            Assumed::D4SansMontant(v) => variant_text(v),
            Assumed::D2Calcul(v) => variant_text(v),
            Assumed::D3Calcul(v) => variant_text(v),
            Assumed::Prorata(v) => variant_text(v),
            Assumed::Fondatrices(b) => b.to_string(),
            Assumed::AnneeFileActive(y) => y.to_string(),
            Assumed::SourcesTaux(v) => list(v.iter().map(variant_text).collect()),
        },
    }
}

/// A value compared by `secpa diff`, as `lang` writes numbers ([`raw`]; French: as the
/// file's values print).
pub fn flat(value: &FlatValue, lang: Lang) -> String {
    match value {
        FlatValue::Rule(v) => raw(v, lang),
        FlatValue::Date(d) => d.to_string(),
        FlatValue::Amount(a) => as_in_rule_file(*a, lang),
        FlatValue::Source { text, nor: None } => text.clone(),
        FlatValue::Source {
            text,
            nor: Some(nor),
        } => format!("{text} (NOR {nor})"),
    }
}

/// An assumption's behaviour in words: « le plafond est payé ».
fn assumption(a: &Assumed, lang: Lang) -> String {
    use crate::rules::schema::{D2Calcul, D3Calcul, D4SansMontant, Prorata, SourceTaux, Variant};
    let fr = lang == Lang::Fr;
    let pick = |f: &str, e: &str| if fr { f.to_owned() } else { e.to_owned() };
    match a {
        Assumed::D4SansMontant(v) => match v {
            Variant::Known(D4SansMontant::Plafond) => {
                pick("le plafond est payé", "the cap is paid")
            }
            Variant::Known(D4SansMontant::Zero) => pick("rien n'est payé", "nothing is paid"),
            Variant::Unsupported(s) => s.clone(),
        },
        Assumed::D2Calcul(v) => match v {
            Variant::Known(D2Calcul::ParPatientFileActive) => pick(
                "€ par patient de la tranche × file active",
                "€ per patient of the band × file active",
            ),
            Variant::Unsupported(s) => s.clone(),
        },
        Assumed::D3Calcul(v) => match v {
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
        Assumed::Prorata(v) => match v {
            Variant::Known(Prorata::MoisEntiersDu1er) => pick(
                "1/12 par mois entier, compté du 1er qui suit ou est l'entrée",
                "1/12 per whole month, counted from the 1st on or after entry",
            ),
            Variant::Unsupported(s) => s.clone(),
        },
        Assumed::Fondatrices(b) => match (*b, fr) {
            (true, true) => "oui".to_owned(),
            (true, false) => "yes".to_owned(),
            (false, true) => "non".to_owned(),
            (false, false) => "no".to_owned(),
        },
        Assumed::AnneeFileActive(offset) => match (*offset, fr) {
            (0, true) => "l'année d'entrée".to_owned(),
            (0, false) => "the entry year".to_owned(),
            (n, true) if n < 0 => format!("l'année d'entrée − {}", n.unsigned_abs()),
            (n, false) if n < 0 => format!("the entry year − {}", n.unsigned_abs()),
            (n, true) => format!("l'année d'entrée + {n}"),
            (n, false) => format!("the entry year + {n}"),
        },
        Assumed::SourcesTaux(v) => v
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
        let v = set.version(crate::rules::VersionId::FIRST);
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
        assert_eq!(
            raw(&v.provenance(RuleKey::Etp(3)).unwrap().value, Lang::Fr),
            "[4000 ; 5000[ → 5"
        );
        assert_eq!(
            raw(&v.provenance(RuleKey::Etp(3)).unwrap().value, Lang::En),
            "[4,000; 5,000) → 5"
        );
        assert_eq!(
            raw(&v.provenance(RuleKey::Etp(4)).unwrap().value, Lang::En),
            "≥ 5,000 → 6"
        );
        assert_eq!(
            raw(&v.provenance(RuleKey::CoutEtp).unwrap().value, Lang::Fr),
            "50000"
        );
        assert_eq!(
            raw(&v.provenance(RuleKey::CoutEtp).unwrap().value, Lang::En),
            "50,000"
        );
        let m = "14000000".parse().unwrap();
        assert_eq!(as_in_rule_file(m, Lang::En), "14,000,000");
        assert_eq!(as_in_rule_file(m, Lang::Fr), "14000000");
        // As the rule file writes them (what `diff` and the JSON trace print).
        let raw_fr = |k| raw(&v.provenance(k).unwrap().value, Lang::Fr);
        assert_eq!(raw_fr(RuleKey::TypesStructure), "centre_de_sante, msp");
        assert_eq!(raw_fr(RuleKey::DateLimite), "2021-10-15");
        assert_eq!(raw_fr(RuleKey::TiersPayantObligatoire), "true");
        assert_eq!(raw_fr(RuleKey::QpvList), "2015");
        assert_eq!(raw_fr(RuleKey::Rounding), "2 décimales, HalfAwayFromZero");
        assert_eq!(raw_fr(RuleKey::MontantParPatient(0)), "[0 ; 15[ → 10");
        let h = |h| raw_fr(RuleKey::Hypothesis(h));
        use crate::rules::Hypothesis as H;
        assert_eq!(h(H::D3Calcul), "proportionnel");
        assert_eq!(h(H::SourcesTaux), "qpv_2015, commune");
        assert_eq!(h(H::AnneeFileActive), "-1");
        let en = |k| raw(&v.provenance(k).unwrap().value, Lang::En);
        assert_eq!(en(RuleKey::Rounding), "2 decimals, HalfAwayFromZero");
        assert_eq!(en(RuleKey::FileActiveMin), "1,000");
        assert_eq!(en(RuleKey::MontantParPatient(3)), "≥ 35 → 40");
        let late = set.versions().last().unwrap();
        let founders = raw(
            &late.provenance(RuleKey::Fondatrices).unwrap().value,
            Lang::Fr,
        );
        assert!(
            founders.starts_with("ACSBE La Place Santé (Saint-Denis, 93), Village 2 Santé"),
            "{founders}"
        );
        assert_eq!(
            shown(
                RuleKey::Hypothesis(H::D3Calcul),
                &v.provenance(RuleKey::Hypothesis(H::D3Calcul))
                    .unwrap()
                    .value,
                Lang::En
            ),
            "proportional: file active / 1,000 × the amount"
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
