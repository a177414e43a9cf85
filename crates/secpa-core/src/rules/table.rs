//! The one table of rule values: for each [`RuleKey`], its path in the rule file, what it
//! feeds (eligibility, a dotation, the rounding, an assumption), and how to read its typed
//! value and its provenance (source, reference, provisional) from a version. Everything
//! else — `Version::keys`, `provenance`, `is_provisional`, `RuleKey::path`, `secpa diff`'s
//! flattening, the traces of `explain` — is derived from it, so that a new rule value is a
//! variant of `RuleKey`, a row here, and its label in the catalogue of words
//! (`report::rule_labels`, whose match is exhaustive). No words here: the values are typed, people's text is
//! made by the renderers. [`RuleKey`] is declared here too, above the table: a new value is
//! its variant and its row, side by side (the enum keeps its own order, by which lists of
//! keys are sorted; the table is in file order).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::schema::{
    self, D2Calcul, D3Calcul, D4SansMontant, Fondatrice, Prorata, SourceTaux, Variant,
};
use super::{Hypothesis, RoundingMode, Source, Version};
use crate::model::{Dotation, Implantation, Mission, QpvList, TypeStructure};

/// A handle on one value of a rule version, cheap to keep per structure. New values come
/// last, so that the order of lists sorted by it stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleKey {
    Rounding,
    CoutEtp,
    Etp(usize),
    MontantParPatient(usize),
    Interpretariat,
    PlafondPsy,
    FileActiveMin,
    FileActiveMax,
    TypesStructure,
    Implantations,
    QpvList,
    TauxQuartierVecu,
    TiersPayantObligatoire,
    TiersPayantIntegral,
    TarifsOpposables,
    OuvertureATous,
    Missions,
    DateLimite,
    Fondatrices,
    /// « une activité majoritaire de médecine générale ».
    ActiviteMg,
    /// « une activité paramédicale ».
    ActiviteParamedicale,
    AccordArsRequis,
    Hypothesis(Hypothesis),
}

/// A band of a scale: `min` inclusive, `below` exclusive (none: no upper bound). D1's are
/// whole patients, D2's poverty rates in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub min: Decimal,
    pub below: Option<Decimal>,
}

impl Band {
    fn of<K: Copy + Into<Decimal>>(s: &schema::Step<K>) -> Band {
        Band {
            min: s.min.into(),
            below: s.below.map(Into::into),
        }
    }
}

/// What a rule value says, typed as the file types it; the renderers put it in words.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Rounding {
        decimals: u32,
        mode: RoundingMode,
    },
    /// An amount in euros (D1's cost of an FTE, D3's amount, D4's cap).
    Euros(Decimal),
    /// A number of patients (file active thresholds).
    Patients(u32),
    /// A poverty rate in percent.
    Percent(Decimal),
    /// A step of a scale and the value it gives (ETP for D1, € per patient for D2).
    Step {
        band: Band,
        value: Decimal,
    },
    Flag(bool),
    Date(NaiveDate),
    Types(Vec<TypeStructure>),
    Implantations(Vec<Implantation>),
    Missions(Vec<Mission>),
    Qpv(QpvList),
    Fondatrices(Vec<Fondatrice>),
    Assumption(Assumed),
}

/// What an assumption (`[hypotheses]`) says, as the file spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assumed {
    D4SansMontant(Variant<D4SansMontant>),
    D2Calcul(Variant<D2Calcul>),
    D3Calcul(Variant<D3Calcul>),
    Prorata(Variant<Prorata>),
    Fondatrices(bool),
    /// Offset of the file active's year from the entry year.
    AnneeFileActive(i32),
    SourcesTaux(Vec<Variant<SourceTaux>>),
}

/// What a value is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Rounding,
    Eligibility,
    /// An amount or scale of one dotation (or a condition of its payment).
    Dotation(Dotation),
    Assumption,
}

/// A value and where it comes from.
#[derive(Debug, Clone)]
pub struct Provenance<'a> {
    pub key: RuleKey,
    /// Key path in the rule file ("dotations.participative.cout_etp").
    pub path: String,
    pub value: Value,
    pub source_id: String,
    pub source: Option<&'a Source>,
    pub provisional: bool,
    pub reference: Option<String>,
}

/// The provenance fields every kind of entry of a rule file has.
trait Sourcing {
    fn source(&self) -> &str;
    fn provisional(&self) -> bool;
    fn reference(&self) -> Option<&str>;
}

macro_rules! sourcing {
    ($($t:ty),*) => {$(
        impl<T> Sourcing for $t {
            fn source(&self) -> &str {
                self.source.get_ref()
            }
            fn provisional(&self) -> bool {
                self.provisional
            }
            fn reference(&self) -> Option<&str> {
                self.reference.as_deref()
            }
        }
    )*};
}
sourcing!(schema::Sourced<T>, schema::Step<T>, schema::Assumption<T>);

impl Sourcing for schema::Rounding {
    fn source(&self) -> &str {
        self.source.get_ref()
    }
    fn provisional(&self) -> bool {
        self.provisional
    }
    fn reference(&self) -> Option<&str> {
        self.reference.as_deref()
    }
}

/// Expands the table: each row is `Variant`, `Variant[i]` (one key per element while the
/// entry exists) or `Variant(constant)`, then its path, its group, the entry of the file it
/// reads (`None` where the version lacks it) and the typed value of that entry.
macro_rules! rule_table {
    (@keys $v:expr, $keys:ident, $name:ident [$i:ident], |$r:ident| $entry:expr) => {
        let $r = &$v.rules;
        for $i in 0.. {
            if ($entry).is_none() {
                break;
            }
            $keys.push(RuleKey::$name($i));
        }
    };
    (@keys $v:expr, $keys:ident, $name:ident $( ( $($c:tt)+ ) )?, |$r:ident| $entry:expr) => {
        let $r = &$v.rules;
        if ($entry).is_some() {
            $keys.push(RuleKey::$name $( ( $($c)+ ) )?);
        }
    };
    ($(
        $name:ident $( ( $($c:tt)+ ) )? $( [$i:ident] )? => $path:expr, $group:expr,
            |$r:ident| $entry:expr, |$e:ident| $value:expr;
    )*) => {
        impl RuleKey {
            /// The key path in the rule file ("dotations.participative.etp[1]").
            pub fn path(self) -> String {
                match self {
                    $( RuleKey::$name $( ( $($c)+ ) )? $( ($i) )? => String::from($path), )*
                }
            }

            /// What the value is used for.
            #[allow(unused_variables)]
            pub fn group(self) -> Group {
                match self {
                    $( RuleKey::$name $( ( $($c)+ ) )? $( ($i) )? => $group, )*
                }
            }
        }

        impl Version {
            /// Every value of the version, in file order: rounding, eligibility, the four
            /// dotations, then the assumptions. The one list behind `rules list`, `rules
            /// show`, `rules lint`, `diff` and every output's provisional notice.
            pub fn keys(&self) -> Vec<RuleKey> {
                let mut keys = Vec::new();
                $( rule_table!(@keys self, keys, $name $( ( $($c)+ ) )? $( [$i] )?, |$r| $entry); )*
                keys
            }

            /// Whether a value is provisional (cheap: no allocation, used per structure).
            pub fn is_provisional(&self, key: RuleKey) -> bool {
                match key {
                    $( RuleKey::$name $( ( $($c)+ ) )? $( ($i) )? => {
                        let $r = &self.rules;
                        ($entry).is_some_and(Sourcing::provisional)
                    } )*
                }
            }

            /// A value, typed, and where it comes from; `None` for a key the version lacks
            /// (an optional entry, a step past the scale).
            pub fn provenance(&self, key: RuleKey) -> Option<Provenance<'_>> {
                match key {
                    $( RuleKey::$name $( ( $($c)+ ) )? $( ($i) )? => {
                        let $r = &self.rules;
                        ($entry).map(|$e| self.provenance_of(key, $e, $value))
                    } )*
                }
            }
        }
    };
}

// The table, in file order (the order of `Version::keys`).
rule_table! {
    Rounding => "rounding", Group::Rounding,
        |r| Some(&r.rounding),
        |e| Value::Rounding { decimals: *e.decimals.get_ref(), mode: e.mode };
    TypesStructure => "eligibility.types_structure", Group::Eligibility,
        |r| Some(&r.eligibility.types_structure), |e| Value::Types(e.value.clone());
    Implantations => "eligibility.implantations", Group::Eligibility,
        |r| Some(&r.eligibility.implantations), |e| Value::Implantations(e.value.clone());
    QpvList => "eligibility.qpv_list", Group::Eligibility,
        |r| Some(&r.eligibility.qpv_list), |e| Value::Qpv(e.value);
    TauxQuartierVecu => "eligibility.taux_pauvrete_quartier_vecu", Group::Eligibility,
        |r| Some(&r.eligibility.taux_pauvrete_quartier_vecu), |e| Value::Percent(e.value.0);
    FileActiveMin => "eligibility.file_active_min", Group::Eligibility,
        |r| Some(&r.eligibility.file_active_min), |e| Value::Patients(e.value);
    TiersPayantObligatoire => "eligibility.tiers_payant_obligatoire", Group::Eligibility,
        |r| Some(&r.eligibility.tiers_payant_obligatoire), |e| Value::Flag(e.value);
    TiersPayantIntegral => "eligibility.tiers_payant_integral_recommande", Group::Eligibility,
        |r| Some(&r.eligibility.tiers_payant_integral_recommande), |e| Value::Flag(e.value);
    TarifsOpposables => "eligibility.tarifs_opposables_obligatoires", Group::Eligibility,
        |r| Some(&r.eligibility.tarifs_opposables_obligatoires), |e| Value::Flag(e.value);
    OuvertureATous => "eligibility.ouverture_a_tous_obligatoire", Group::Eligibility,
        |r| Some(&r.eligibility.ouverture_a_tous_obligatoire), |e| Value::Flag(e.value);
    Missions => "eligibility.missions_obligatoires", Group::Eligibility,
        |r| Some(&r.eligibility.missions_obligatoires), |e| Value::Missions(e.value.clone());
    DateLimite => "eligibility.date_limite_candidature", Group::Eligibility,
        |r| Some(&r.eligibility.date_limite_candidature), |e| Value::Date(e.value);
    Fondatrices => "eligibility.fondatrices", Group::Eligibility,
        |r| r.eligibility.fondatrices.as_ref(), |e| Value::Fondatrices(e.value.clone());
    ActiviteMg => "eligibility.activite_majoritaire_medecine_generale", Group::Eligibility,
        |r| r.eligibility.activite_majoritaire_medecine_generale.as_ref(),
        |e| Value::Flag(e.value);
    ActiviteParamedicale => "eligibility.activite_paramedicale", Group::Eligibility,
        |r| r.eligibility.activite_paramedicale.as_ref(), |e| Value::Flag(e.value);
    CoutEtp => "dotations.participative.cout_etp", Group::Dotation(Dotation::Participative),
        |r| Some(&r.dotations.participative.cout_etp), |e| Value::Euros(e.value.0);
    FileActiveMax => "dotations.participative.file_active_max",
        Group::Dotation(Dotation::Participative),
        |r| Some(&r.dotations.participative.file_active_max), |e| Value::Patients(e.value);
    Etp[i] => format!("dotations.participative.etp[{i}]"),
        Group::Dotation(Dotation::Participative),
        |r| r.dotations.participative.etp.get(i).map(|s| s.get_ref()),
        |e| Value::Step { band: Band::of(e), value: e.value.0 };
    MontantParPatient[i] => format!("dotations.precarite.montant_par_patient[{i}]"),
        Group::Dotation(Dotation::Precarite),
        |r| r.dotations.precarite.montant_par_patient.get(i).map(|s| s.get_ref()),
        |e| Value::Step {
            band: Band { min: e.min.0, below: e.below.map(|b| b.0) },
            value: e.value.0,
        };
    Interpretariat => "dotations.interpretariat.montant_pour_1000_patients",
        Group::Dotation(Dotation::Interpretariat),
        |r| Some(&r.dotations.interpretariat.montant_pour_1000_patients),
        |e| Value::Euros(e.value.0);
    PlafondPsy => "dotations.psychologique.plafond", Group::Dotation(Dotation::Psychologique),
        |r| Some(&r.dotations.psychologique.plafond), |e| Value::Euros(e.value.0);
    AccordArsRequis => "dotations.psychologique.accord_ars_requis",
        Group::Dotation(Dotation::Psychologique),
        |r| Some(&r.dotations.psychologique.accord_ars_requis), |e| Value::Flag(e.value);
    Hypothesis(Hypothesis::D4SansMontant) => "hypotheses.d4_accord_sans_montant",
        Group::Assumption,
        |r| Some(&r.hypotheses.d4_accord_sans_montant),
        |e| Value::Assumption(Assumed::D4SansMontant(e.value.get_ref().clone()));
    Hypothesis(Hypothesis::D2Calcul) => "hypotheses.d2_calcul", Group::Assumption,
        |r| Some(&r.hypotheses.d2_calcul),
        |e| Value::Assumption(Assumed::D2Calcul(e.value.get_ref().clone()));
    Hypothesis(Hypothesis::D3Calcul) => "hypotheses.d3_calcul", Group::Assumption,
        |r| Some(&r.hypotheses.d3_calcul),
        |e| Value::Assumption(Assumed::D3Calcul(e.value.get_ref().clone()));
    Hypothesis(Hypothesis::Prorata) => "hypotheses.prorata", Group::Assumption,
        |r| Some(&r.hypotheses.prorata),
        |e| Value::Assumption(Assumed::Prorata(e.value.get_ref().clone()));
    Hypothesis(Hypothesis::Fondatrices) => "hypotheses.fondatrices_dispensees_de_depot",
        Group::Assumption,
        |r| Some(&r.hypotheses.fondatrices_dispensees_de_depot),
        |e| Value::Assumption(Assumed::Fondatrices(*e.value.get_ref()));
    Hypothesis(Hypothesis::AnneeFileActive) => "hypotheses.annee_file_active",
        Group::Assumption,
        |r| Some(&r.hypotheses.annee_file_active),
        |e| Value::Assumption(Assumed::AnneeFileActive(*e.value.get_ref()));
    Hypothesis(Hypothesis::SourcesTaux) => "hypotheses.sources_taux_pauvrete",
        Group::Assumption,
        |r| Some(&r.hypotheses.sources_taux_pauvrete),
        |e| Value::Assumption(Assumed::SourcesTaux(e.value.get_ref().clone()));
}

impl Version {
    fn provenance_of(&self, key: RuleKey, entry: &impl Sourcing, value: Value) -> Provenance<'_> {
        Provenance {
            key,
            path: key.path(),
            value,
            source: self.source(entry.source()),
            source_id: entry.source().to_owned(),
            provisional: entry.provisional(),
            reference: entry.reference().map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn every_key_listed_has_a_value_and_its_path_is_unique() {
        let set = RuleSet::embedded().unwrap();
        for v in set.versions() {
            let keys = v.keys();
            let mut paths: Vec<String> = keys.iter().map(|k| k.path()).collect();
            for &k in &keys {
                let p = v.provenance(k).expect("a listed key has a value");
                assert_eq!(p.path, k.path());
                assert_eq!(p.provisional, v.is_provisional(k));
            }
            let n = paths.len();
            paths.sort();
            paths.dedup();
            assert_eq!(paths.len(), n, "paths of {}", v.rules.id);
            let steps = v.rules.dotations.participative.etp.len();
            assert!(keys.contains(&RuleKey::Etp(steps - 1)));
            assert!(!keys.contains(&RuleKey::Etp(steps)));
            assert!(v.provenance(RuleKey::Etp(steps)).is_none());
        }
    }

    #[test]
    fn steps_are_typed_bands() {
        let set = RuleSet::embedded().unwrap();
        let v = set.get("2022-02-03").unwrap();
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(
            v.provenance(RuleKey::Etp(1)).unwrap().value,
            Value::Step {
                band: Band {
                    min: d("2000"),
                    below: Some(d("3000"))
                },
                value: d("3")
            }
        );
        assert_eq!(
            v.provenance(RuleKey::CoutEtp).unwrap().value,
            Value::Euros(d("50000"))
        );
        assert_eq!(
            RuleKey::MontantParPatient(2).group(),
            Group::Dotation(Dotation::Precarite)
        );
        assert_eq!(RuleKey::FileActiveMin.group(), Group::Eligibility);
    }
}
