//! The rule-file format: what a TOML rule version may say, strictly (unknown keys are
//! rejected, decimals are strings, every value names its source and says if it is provisional).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::model::{Implantation, Mission, QpvList, TypeStructure};

/// The only rule-file format this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// One version of the rules, as written in `rules/<id>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub schema_version: Spanned<u32>,
    /// Stable identifier, by convention the first day of validity ("2021-08-01").
    pub id: String,
    pub title: String,
    pub valid_from: Spanned<NaiveDate>,
    pub valid_until: Spanned<NaiveDate>,
    pub sources: Vec<Spanned<Source>>,
    pub rounding: Rounding,
    pub eligibility: Eligibility,
    pub dotations: Dotations,
    #[serde(default)]
    pub budget: Vec<Spanned<Envelope>>,
    /// What secpa assumes where no source says how to compute or judge: declared here,
    /// read by the code, announced in every output like a provisional value.
    pub hypotheses: Hypotheses,
    /// How the file's encoding of its texts was corrected after release (the sha256
    /// changes): date, what, why. Never a change of the texts themselves.
    #[serde(default)]
    pub corrections: Vec<Correction>,
}

/// A correction of a released file: it encodes the same texts better.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub date: NaiveDate,
    pub what: String,
    pub why: String,
}

/// An assumption: what the code does where no source says, with the source that is
/// missing. `value` names one of the behaviours this build supports (R012 otherwise).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumption<T> {
    pub value: Spanned<T>,
    pub source: Spanned<String>,
    pub provisional: bool,
    pub reference: Option<String>,
    pub note: String,
    /// The source that would settle it, not found.
    pub missing: String,
}

/// A behaviour named in a rule file: one this build knows, or anything else (kept as
/// written, so that `rules lint` can name it; a loaded version never holds one).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Variant<T> {
    Known(T),
    Unsupported(String),
}

impl<T: Copy> Variant<T> {
    /// The behaviour; `fallback` only for an unsupported one, which validation refuses.
    pub fn or(&self, fallback: T) -> T {
        match self {
            Variant::Known(t) => *t,
            Variant::Unsupported(_) => fallback,
        }
    }
}

/// The assumptions every version declares (none may be dropped silently).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hypotheses {
    /// D4 when the ARS agreed and no amount is asked.
    pub d4_accord_sans_montant: Assumption<Variant<D4SansMontant>>,
    /// D2 from the band's amount.
    pub d2_calcul: Assumption<Variant<D2Calcul>>,
    /// D3 from the amount for 1000 patients.
    pub d3_calcul: Assumption<Variant<D3Calcul>>,
    /// How a year's amounts are prorated.
    pub prorata: Assumption<Variant<Prorata>>,
    /// Founders (entered without applying) are not held to the deadline nor to a filing date.
    pub fondatrices_dispensees_de_depot: Assumption<bool>,
    /// The file active year expected: entry year + this (−1: the year before entry).
    pub annee_file_active: Assumption<i32>,
    /// Where an empty poverty rate is looked up, in order.
    pub sources_taux_pauvrete: Assumption<Vec<Variant<SourceTaux>>>,
}

/// D4 with the ARS's agreement and no amount asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum D4SansMontant {
    /// The cap is paid.
    Plafond,
    /// Nothing is paid.
    Zero,
}

/// How D2 is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum D2Calcul {
    /// The band's € per patient × file active.
    ParPatientFileActive,
}

/// How D3 is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum D3Calcul {
    /// (file active / 1000) × the amount for 1000 patients.
    Proportionnel,
    /// Per 1000 patients started: ⌈file active / 1000⌉ × the amount.
    ParMilleEntame,
}

/// How a year's amounts are prorated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prorata {
    /// 1/12 per whole month, counted from the 1st on or after entry.
    #[serde(rename = "mois_entiers_du_1er")]
    MoisEntiersDu1er,
}

/// Where an empty poverty rate is looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceTaux {
    /// The 2015 QPV's INSEE rate (newest release, else revenus 2017).
    #[serde(rename = "qpv_2015")]
    Qpv2015,
    /// The commune's Filosofi 2019 rate.
    Commune,
}

/// A legal or official text the values rest on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub text: String,
    pub date: NaiveDate,
    pub nor: Option<String>,
    pub journal: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
}

/// A rule value with its provenance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Spanned<String>,
    /// True when the value could not be confirmed against the official text.
    pub provisional: bool,
    /// Article or section of the source.
    pub reference: Option<String>,
    pub note: Option<String>,
}

/// How every amount is rounded, once, at the end.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    pub decimals: Spanned<u32>,
    pub mode: RoundingMode,
    pub source: Spanned<String>,
    pub provisional: bool,
    pub reference: Option<String>,
    pub note: Option<String>,
}

/// Rounding strategies a rule file may declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// 0,005 → 0,01 and −0,005 → −0,01 (arrondi commercial).
    HalfAwayFromZero,
    /// Banker's rounding: 0,005 → 0,00, 0,015 → 0,02.
    HalfEven,
    /// Truncation toward zero.
    TowardZero,
}

/// Who may enter the experiment. A candidature is judged once, by the `[eligibility]` of
/// the version in force on its filing date (`date_depot`; a founder without one: its
/// `date_entree`; neither: `--as-of` or today), whatever period its amounts are computed
/// for (see `pipeline::Filing`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    pub types_structure: Sourced<Vec<TypeStructure>>,
    pub implantations: Sourced<Vec<Implantation>>,
    pub qpv_list: Sourced<QpvList>,
    /// The national metropolitan poverty rate (%, INSEE): a structure in a quartier vécu (not
    /// in a QPV) must be in a territory whose poverty rate is strictly above it. Required in
    /// every version, so that no version silently drops the rule.
    pub taux_pauvrete_quartier_vecu: Sourced<Dec>,
    /// Minimum file active in general medicine, previous year.
    pub file_active_min: Sourced<u32>,
    pub tiers_payant_obligatoire: Sourced<bool>,
    pub tiers_payant_integral_recommande: Sourced<bool>,
    pub tarifs_opposables_obligatoires: Sourced<bool>,
    pub ouverture_a_tous_obligatoire: Sourced<bool>,
    pub missions_obligatoires: Sourced<Vec<Mission>>,
    pub date_limite_candidature: Sourced<NaiveDate>,
    /// The structures that entered without applying, named by the call.
    #[serde(default)]
    pub fondatrices: Option<Sourced<Vec<Fondatrice>>>,
    /// « une activité majoritaire de médecine générale » (the arrêté): checked on the
    /// optional column `activite_majoritaire_medecine_generale` when the file has it.
    #[serde(default)]
    pub activite_majoritaire_medecine_generale: Option<Sourced<bool>>,
    /// « mais aussi une activité paramédicale » (the arrêté): checked on the optional
    /// column `activite_paramedicale` when the file has it.
    #[serde(default)]
    pub activite_paramedicale: Option<Sourced<bool>>,
}

/// A founding structure, as the call names it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fondatrice {
    pub nom: String,
    pub commune: String,
    pub departement: String,
}

/// The four dotations' parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dotations {
    pub participative: Participative,
    pub precarite: Precarite,
    pub interpretariat: Interpretariat,
    pub psychologique: Psychologique,
}

/// D1: ETP by step of file active, times a cost per ETP.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participative {
    pub cout_etp: Sourced<Dec>,
    /// Where the D1 scale stops: more patients give no more ETP (not an eligibility
    /// ceiling: a structure of 10 000 patients takes part).
    pub file_active_max: Sourced<u32>,
    pub etp: Vec<Spanned<Step<u32>>>,
}

/// D2: euros per patient of file active, by band of poverty rate (percent).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Precarite {
    pub montant_par_patient: Vec<Spanned<Step<Dec>>>,
}

/// D3: euros per year for every 1000 patients, proportionally.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interpretariat {
    pub montant_pour_1000_patients: Sourced<Dec>,
}

/// D4: the requested amount, capped, only with the ARS's agreement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Psychologique {
    pub plafond: Sourced<Dec>,
    pub accord_ars_requis: Sourced<bool>,
}

/// One band of a scale: `min` inclusive, `below` exclusive (absent on the last, open band).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step<K> {
    pub min: K,
    pub below: Option<K>,
    pub value: Dec,
    pub source: Spanned<String>,
    pub provisional: bool,
    pub reference: Option<String>,
    pub note: Option<String>,
}

/// A budget envelope for a period (FISS, arrêté).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub amount: Dec,
    pub source: Spanned<String>,
    pub provisional: bool,
    pub reference: Option<String>,
    pub note: Option<String>,
}

/// What the loader expects of a decimal; `rules lint` finds its refusals by it.
pub const DECIMAL_EXPECTED: &str = "a decimal written as a string";

/// The loader's own refusals of a decimal string, in serde's (English) words; the parts are
/// named so that `say::error::toml_reason` can say them in French.
pub const NOT_A_DECIMAL: &str = " is not a decimal number";
pub const TOO_LARGE: &str = " is too large: at most ";
pub const IN_ABSOLUTE_VALUE: &str = " in absolute value";

/// A decimal written as a TOML string ("50000", "22.8"): a TOML float is a binary float, and
/// money must not pass through one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dec(pub Decimal);

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Dec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "{DECIMAL_EXPECTED}, such as \"22800\" or \"37.5\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Dec, E> {
                let d = v
                    .parse::<Decimal>()
                    .map_err(|_| E::custom(format!("\"{v}\"{NOT_A_DECIMAL}")))?;
                // Bounded so that no batch can overflow a Decimal (≈ 7.9 × 10²⁸): one row is
                // at most ETP × cost (10¹⁸) + per-patient amount × file active (10⁹ × 2³²
                // ≈ 4.3 × 10¹⁸) + D3 and D4 (< 10¹⁶), ≈ 5.4 × 10¹⁸ €; a batch would need
                // over 10¹⁰ such rows. No legal amount comes near 10⁹ €.
                if d.abs() > Decimal::from(MAX_RULE_VALUE) {
                    return Err(E::custom(format!(
                        "\"{v}\"{TOO_LARGE}{MAX_RULE_VALUE}{IN_ABSOLUTE_VALUE}"
                    )));
                }
                Ok(Dec(d))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// The largest decimal a rule file may hold, in absolute value.
pub const MAX_RULE_VALUE: u64 = 1_000_000_000;

/// Rule keys like `u32` and `Dec` used as band bounds.
pub trait Bound: Copy + PartialOrd + std::fmt::Display {}
impl Bound for u32 {}
impl Bound for Dec {}

impl std::fmt::Display for Dec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
