//! What serde cannot check in a rule file: sources that resolve, scales without gap or
//! overlap, coherent dates. Every problem carries the file, line and key.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use toml::Spanned;

use super::fault::Fault;
use super::line_col;
use super::schema::{
    Bound, Hypotheses, RuleFile, SourceTaux, Sourced, Step, Variant, SCHEMA_VERSION,
};
use crate::error::RuleProblem;

struct Checker<'a> {
    text: &'a str,
    origin: &'a str,
    sources: BTreeSet<&'a str>,
    problems: Vec<RuleProblem>,
}

impl Checker<'_> {
    fn problem(&mut self, span: std::ops::Range<usize>, key: &str, fault: Fault) {
        let (line, column) = line_col(self.text, span.start);
        self.problems.push(RuleProblem {
            origin: self.origin.to_owned(),
            line,
            column,
            key: Some(key.to_owned()),
            fault,
        });
    }

    fn source(&mut self, key: &str, source: &Spanned<String>) {
        if !self.sources.contains(source.get_ref().as_str()) {
            let known = self.sources.iter().map(|s| (*s).to_owned()).collect();
            self.problem(
                source.span(),
                key,
                Fault::UnknownSource {
                    id: source.get_ref().clone(),
                    known,
                },
            );
        }
    }

    fn sourced<T>(&mut self, key: &str, value: &Sourced<T>) {
        self.source(key, &value.source);
    }

    fn non_negative(&mut self, key: &str, span: std::ops::Range<usize>, value: Decimal) {
        if value.is_sign_negative() && !value.is_zero() {
            self.problem(span, key, Fault::Negative { value });
        }
    }

    /// A scale must start at `start`, each band ending where the next begins, the last open.
    fn scale<K: Bound>(&mut self, key: &str, steps: &[Spanned<Step<K>>], start: K) {
        if steps.is_empty() {
            self.problem(0..0, key, Fault::EmptyScale);
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
                    Fault::ScaleStart {
                        expected: start.to_string(),
                        found: s.min.to_string(),
                    },
                );
            }
            match (&s.below, steps.get(i + 1)) {
                (Some(below), _) if *below <= s.min => {
                    self.problem(
                        step.span(),
                        &k,
                        Fault::EmptyBand {
                            min: s.min.to_string(),
                            below: below.to_string(),
                        },
                    );
                }
                (Some(below), Some(next)) if next.get_ref().min > *below => self.problem(
                    next.span(),
                    &format!("{key}[{}]", i + 1),
                    Fault::Gap {
                        from: below.to_string(),
                        to: next.get_ref().min.to_string(),
                    },
                ),
                (Some(below), Some(next)) if next.get_ref().min < *below => self.problem(
                    next.span(),
                    &format!("{key}[{}]", i + 1),
                    Fault::Overlap {
                        min: next.get_ref().min.to_string(),
                        previous_below: below.to_string(),
                    },
                ),
                (Some(below), None) => self.problem(
                    step.span(),
                    &k,
                    Fault::LastBandClosed {
                        below: below.to_string(),
                    },
                ),
                (None, Some(_)) => self.problem(step.span(), &k, Fault::OpenBandNotLast),
                _ => {}
            }
        }
    }
}

/// All the problems of a parsed rule file; empty when it is valid.
pub fn validate(rules: &RuleFile, text: &str, origin: &str) -> Vec<RuleProblem> {
    let mut c = Checker {
        text,
        origin,
        sources: BTreeSet::new(),
        problems: Vec::new(),
    };
    if *rules.schema_version.get_ref() != SCHEMA_VERSION {
        c.problem(
            rules.schema_version.span(),
            "schema_version",
            Fault::UnknownSchema {
                found: *rules.schema_version.get_ref(),
            },
        );
    }
    if rules.id.trim().is_empty() {
        c.problem(0..0, "id", Fault::EmptyId);
    }
    if rules.valid_until.get_ref() < rules.valid_from.get_ref() {
        c.problem(
            rules.valid_until.span(),
            "valid_until",
            Fault::ValidityInverted {
                from: *rules.valid_from.get_ref(),
                until: *rules.valid_until.get_ref(),
            },
        );
    }
    if rules.sources.is_empty() {
        c.problem(0..0, "sources", Fault::NoSource);
    }
    for (i, s) in rules.sources.iter().enumerate() {
        if s.get_ref().text.trim().is_empty() {
            c.problem(
                s.span(),
                &format!("sources[{i}].text"),
                Fault::EmptySourceText,
            );
        }
        if !c.sources.insert(&s.get_ref().id) {
            c.problem(
                s.span(),
                &format!("sources[{i}].id"),
                Fault::DuplicateSource {
                    id: s.get_ref().id.clone(),
                },
            );
        }
    }

    c.source("rounding", &rules.rounding.source);
    // Every renderer writes cents: a third decimal would be computed and not shown.
    if *rules.rounding.decimals.get_ref() > 2 {
        c.problem(
            rules.rounding.decimals.span(),
            "rounding.decimals",
            Fault::DecimalsAboveCents {
                decimals: *rules.rounding.decimals.get_ref(),
            },
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
            Fault::PovertyRate {
                value: threshold.value.0,
            },
        );
    }
    c.sourced("eligibility.file_active_min", &e.file_active_min);
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
    if let Some(v) = &e.activite_majoritaire_medecine_generale {
        c.sourced("eligibility.activite_majoritaire_medecine_generale", v);
    }
    if let Some(v) = &e.activite_paramedicale {
        c.sourced("eligibility.activite_paramedicale", v);
    }
    let max = &rules.dotations.participative.file_active_max;
    c.sourced("dotations.participative.file_active_max", max);
    if max.value < e.file_active_min.value {
        c.problem(
            max.source.span(),
            "dotations.participative.file_active_max",
            Fault::FileActiveMaxBelowMin,
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

    hypotheses(&mut c, &rules.hypotheses);
    if let Some(f) = &e.fondatrices {
        c.sourced("eligibility.fondatrices", f);
    }

    for (i, env) in rules.budget.iter().enumerate() {
        let key = format!("budget[{i}]");
        c.source(&key, &env.get_ref().source);
        c.non_negative(&key, env.span(), env.get_ref().amount.0);
        if env.get_ref().until < env.get_ref().from {
            c.problem(
                env.span(),
                &key,
                Fault::PeriodInverted {
                    from: env.get_ref().from,
                    until: env.get_ref().until,
                },
            );
        }
    }
    // Envelopes sorted by start: one that starts before the previous ends overlaps it.
    let mut envelopes: Vec<_> = rules.budget.iter().enumerate().collect();
    envelopes.sort_by_key(|(_, e)| e.get_ref().from);
    for pair in envelopes.windows(2) {
        let ((_, a), (j, b)) = (pair[0], pair[1]);
        let (a, b_ref) = (a.get_ref(), b.get_ref());
        if b_ref.from <= a.until && a.from <= a.until && b_ref.from <= b_ref.until {
            c.problem(
                b.span(),
                &format!("budget[{j}]"),
                Fault::EnvelopesOverlap {
                    first: (a.from, a.until),
                    second: (b_ref.from, b_ref.until),
                },
            );
        }
    }
    c.problems
}

/// Each assumption cites a source and names a behaviour this build applies (R012).
fn hypotheses(c: &mut Checker<'_>, h: &Hypotheses) {
    fn known<T>(
        c: &mut Checker<'_>,
        key: &str,
        span: std::ops::Range<usize>,
        v: &Variant<T>,
        supported: &str,
    ) {
        if let Variant::Unsupported(found) = v {
            c.problem(
                span,
                key,
                Fault::Unsupported {
                    found: found.clone(),
                    supported: supported.to_owned(),
                },
            );
        }
    }
    c.source(
        "hypotheses.d4_accord_sans_montant",
        &h.d4_accord_sans_montant.source,
    );
    known(
        c,
        "hypotheses.d4_accord_sans_montant",
        h.d4_accord_sans_montant.value.span(),
        h.d4_accord_sans_montant.value.get_ref(),
        "plafond, zero",
    );
    c.source("hypotheses.d2_calcul", &h.d2_calcul.source);
    known(
        c,
        "hypotheses.d2_calcul",
        h.d2_calcul.value.span(),
        h.d2_calcul.value.get_ref(),
        "par_patient_file_active",
    );
    c.source("hypotheses.d3_calcul", &h.d3_calcul.source);
    known(
        c,
        "hypotheses.d3_calcul",
        h.d3_calcul.value.span(),
        h.d3_calcul.value.get_ref(),
        "proportionnel, par_mille_entame",
    );
    c.source("hypotheses.prorata", &h.prorata.source);
    known(
        c,
        "hypotheses.prorata",
        h.prorata.value.span(),
        h.prorata.value.get_ref(),
        "mois_entiers_du_1er",
    );
    c.source(
        "hypotheses.fondatrices_dispensees_de_depot",
        &h.fondatrices_dispensees_de_depot.source,
    );
    c.source("hypotheses.annee_file_active", &h.annee_file_active.source);
    let offset = *h.annee_file_active.value.get_ref();
    if !(-5..=0).contains(&offset) {
        c.problem(
            h.annee_file_active.value.span(),
            "hypotheses.annee_file_active",
            Fault::Unsupported {
                found: offset.to_string(),
                supported: "-5 … 0".to_owned(),
            },
        );
    }
    let key = "hypotheses.sources_taux_pauvrete";
    c.source(key, &h.sources_taux_pauvrete.source);
    let order = h.sources_taux_pauvrete.value.get_ref();
    let span = h.sources_taux_pauvrete.value.span();
    for v in order {
        known(c, key, span.clone(), v, "qpv_2015, commune");
    }
    let repeated = order
        .iter()
        .enumerate()
        .any(|(i, v)| order[..i].contains(v));
    if order.is_empty() || repeated {
        let found = order
            .iter()
            .map(|v| match v {
                Variant::Known(SourceTaux::Qpv2015) => "qpv_2015".to_owned(),
                Variant::Known(SourceTaux::Commune) => "commune".to_owned(),
                Variant::Unsupported(s) => s.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        c.problem(
            span,
            key,
            Fault::Unsupported {
                found: format!("[{found}]"),
                supported:
                    "qpv_2015 et/ou commune, chacune une fois / qpv_2015 and/or commune, each once"
                        .to_owned(),
            },
        );
    }
}
