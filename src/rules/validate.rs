//! What serde cannot check in a rule file: sources that resolve, scales without gap or
//! overlap, coherent dates. Every problem carries the file, line and key.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use toml::Spanned;

use super::line_col;
use super::schema::{Bound, RuleFile, Sourced, Step, SCHEMA_VERSION};
use crate::error::RuleProblem;

/// What kind of check a problem comes from, so `rules lint` can give each its own code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Gap,
    Overlap,
    Source,
    Other,
}

struct Checker<'a> {
    text: &'a str,
    origin: &'a str,
    sources: BTreeSet<&'a str>,
    problems: Vec<RuleProblem>,
    /// Parallel to `problems`.
    checks: Vec<Check>,
}

impl Checker<'_> {
    fn problem(&mut self, span: std::ops::Range<usize>, key: &str, message: String) {
        self.checked(Check::Other, span, key, message);
    }

    fn checked(&mut self, check: Check, span: std::ops::Range<usize>, key: &str, message: String) {
        let (line, column) = line_col(self.text, span.start);
        self.checks.push(check);
        self.problems.push(RuleProblem {
            origin: self.origin.to_owned(),
            line,
            column,
            key: Some(key.to_owned()),
            message,
            from_toml: false,
        });
    }

    fn source(&mut self, key: &str, source: &Spanned<String>) {
        if !self.sources.contains(source.get_ref().as_str()) {
            let known = self.sources.iter().copied().collect::<Vec<_>>().join(", ");
            self.checked(
                Check::Source,
                source.span(),
                key,
                format!(
                    "source \"{}\" inconnue (sources déclarées : {known})",
                    source.get_ref()
                ),
            );
        }
    }

    fn sourced<T>(&mut self, key: &str, value: &Sourced<T>) {
        self.source(key, &value.source);
    }

    fn non_negative(&mut self, key: &str, span: std::ops::Range<usize>, value: Decimal) {
        if value.is_sign_negative() && !value.is_zero() {
            self.problem(span, key, format!("valeur négative : {value}"));
        }
    }

    /// A scale must start at `start`, each band ending where the next begins, the last open.
    fn scale<K: Bound>(&mut self, key: &str, steps: &[Spanned<Step<K>>], start: K) {
        if steps.is_empty() {
            self.problem(0..0, key, "barème vide".to_owned());
            return;
        }
        for (i, step) in steps.iter().enumerate() {
            let k = format!("{key}[{i}]");
            let s = step.get_ref();
            self.source(&k, &s.source);
            self.non_negative(&k, step.span(), s.value.0);
            if i == 0 && s.min != start {
                self.problem(
                    step.span(),
                    &k,
                    format!(
                        "le barème doit commencer à {start}, il commence à {}",
                        s.min
                    ),
                );
            }
            match (&s.below, steps.get(i + 1)) {
                (Some(below), _) if *below <= s.min => {
                    self.problem(step.span(), &k, format!("tranche vide ou inversée : min = {}, below = {below}", s.min));
                }
                (Some(below), Some(next)) if next.get_ref().min > *below => self.checked(
                    Check::Gap,
                    next.span(),
                    &format!("{key}[{}]", i + 1),
                    format!("trou dans le barème : rien ne couvre [{below} ; {}[", next.get_ref().min),
                ),
                (Some(below), Some(next)) if next.get_ref().min < *below => self.checked(
                    Check::Overlap,
                    next.span(),
                    &format!("{key}[{}]", i + 1),
                    format!("chevauchement : la tranche commence à {} avant la fin de la précédente ({below})", next.get_ref().min),
                ),
                (Some(below), None) => {
                    self.problem(step.span(), &k, format!("la dernière tranche doit être ouverte (sans below) : rien ne couvre ≥ {below}"))
                }
                (None, Some(_)) => self.problem(step.span(), &k, "seule la dernière tranche peut être ouverte (sans below)".to_owned()),
                _ => {}
            }
        }
    }
}

/// All the problems of a parsed rule file; empty when it is valid.
pub fn validate(rules: &RuleFile, text: &str, origin: &str) -> Vec<RuleProblem> {
    checked(rules, text, origin)
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}

/// The problems with the kind of check each comes from.
pub fn checked(rules: &RuleFile, text: &str, origin: &str) -> Vec<(Check, RuleProblem)> {
    let mut c = Checker {
        text,
        origin,
        sources: BTreeSet::new(),
        problems: Vec::new(),
        checks: Vec::new(),
    };
    if *rules.schema_version.get_ref() != SCHEMA_VERSION {
        c.problem(
            rules.schema_version.span(),
            "schema_version",
            format!(
                "format {} inconnu : cette version de secpa lit le format {SCHEMA_VERSION}",
                rules.schema_version.get_ref()
            ),
        );
    }
    if rules.id.trim().is_empty() {
        c.problem(0..0, "id", "identifiant vide".to_owned());
    }
    if rules.valid_until.get_ref() < rules.valid_from.get_ref() {
        c.problem(
            rules.valid_until.span(),
            "valid_until",
            format!(
                "fin de validité {} avant le début {}",
                rules.valid_until.get_ref(),
                rules.valid_from.get_ref()
            ),
        );
    }
    if rules.sources.is_empty() {
        c.problem(
            0..0,
            "sources",
            "aucune source déclarée : chaque valeur doit citer sa source".to_owned(),
        );
    }
    for (i, s) in rules.sources.iter().enumerate() {
        if s.get_ref().text.trim().is_empty() {
            c.problem(
                s.span(),
                &format!("sources[{i}].text"),
                "texte de la source vide".to_owned(),
            );
        }
        if !c.sources.insert(&s.get_ref().id) {
            c.problem(
                s.span(),
                &format!("sources[{i}].id"),
                format!("source \"{}\" déclarée deux fois", s.get_ref().id),
            );
        }
    }

    c.source("rounding", &rules.rounding.source);
    if *rules.rounding.decimals.get_ref() > 6 {
        c.problem(
            rules.rounding.decimals.span(),
            "rounding.decimals",
            format!(
                "{} décimales : 6 au plus",
                rules.rounding.decimals.get_ref()
            ),
        );
    }

    let e = &rules.eligibility;
    c.sourced("eligibility.types_structure", &e.types_structure);
    c.sourced("eligibility.implantations", &e.implantations);
    c.sourced("eligibility.qpv_list", &e.qpv_list);
    let threshold = &e.taux_pauvrete_quartier_vecu;
    c.sourced("eligibility.taux_pauvrete_quartier_vecu", threshold);
    if threshold.value.0 < Decimal::ZERO || threshold.value.0 > Decimal::ONE_HUNDRED {
        c.problem(
            threshold.source.span(),
            "eligibility.taux_pauvrete_quartier_vecu",
            format!(
                "taux de pauvreté {} : un pourcentage entre 0 et 100",
                threshold.value
            ),
        );
    }
    c.sourced("eligibility.file_active_min", &e.file_active_min);
    c.sourced("eligibility.file_active_max", &e.file_active_max);
    c.sourced(
        "eligibility.tiers_payant_obligatoire",
        &e.tiers_payant_obligatoire,
    );
    c.sourced(
        "eligibility.tiers_payant_integral_recommande",
        &e.tiers_payant_integral_recommande,
    );
    c.sourced(
        "eligibility.tarifs_opposables_obligatoires",
        &e.tarifs_opposables_obligatoires,
    );
    c.sourced(
        "eligibility.ouverture_a_tous_obligatoire",
        &e.ouverture_a_tous_obligatoire,
    );
    c.sourced(
        "eligibility.missions_obligatoires",
        &e.missions_obligatoires,
    );
    c.sourced(
        "eligibility.date_limite_candidature",
        &e.date_limite_candidature,
    );
    if e.file_active_max.value < e.file_active_min.value {
        c.problem(
            e.file_active_max.source.span(),
            "eligibility.file_active_max",
            "file_active_max inférieur à file_active_min".to_owned(),
        );
    }

    let d = &rules.dotations;
    c.sourced(
        "dotations.participative.cout_etp",
        &d.participative.cout_etp,
    );
    c.non_negative(
        "dotations.participative.cout_etp",
        d.participative.cout_etp.source.span(),
        d.participative.cout_etp.value.0,
    );
    c.scale(
        "dotations.participative.etp",
        &d.participative.etp,
        e.file_active_min.value,
    );
    c.scale(
        "dotations.precarite.montant_par_patient",
        &d.precarite.montant_par_patient,
        super::Dec(Decimal::ZERO),
    );
    let rate = &d.interpretariat.montant_pour_1000_patients;
    c.sourced("dotations.interpretariat.montant_pour_1000_patients", rate);
    c.non_negative(
        "dotations.interpretariat.montant_pour_1000_patients",
        rate.source.span(),
        rate.value.0,
    );
    c.sourced("dotations.psychologique.plafond", &d.psychologique.plafond);
    c.non_negative(
        "dotations.psychologique.plafond",
        d.psychologique.plafond.source.span(),
        d.psychologique.plafond.value.0,
    );
    c.sourced(
        "dotations.psychologique.accord_ars_requis",
        &d.psychologique.accord_ars_requis,
    );

    for (i, env) in rules.budget.iter().enumerate() {
        let key = format!("budget[{i}]");
        c.source(&key, &env.get_ref().source);
        c.non_negative(&key, env.span(), env.get_ref().amount.0);
        if env.get_ref().until < env.get_ref().from {
            c.problem(
                env.span(),
                &key,
                format!(
                    "période inversée : {} → {}",
                    env.get_ref().from,
                    env.get_ref().until
                ),
            );
        }
    }
    c.checks.into_iter().zip(c.problems).collect()
}
