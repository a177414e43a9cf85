//! What can be wrong in a rule file, and what `rules lint` finds beyond it, as typed data
//! (keys, ids, dates, the numbers as written), with what is said about each in French and
//! in English side by side. The sentence is chosen when it is shown, so `--lang en` gets
//! every word in English; the matches are exhaustive, so a new problem does not build until
//! both its messages are written.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::schema::SCHEMA_VERSION;
use crate::error::toml_reason;
use crate::Lang;

/// The French or the English text; only the one asked for is built.
macro_rules! say {
    ($lang:expr, $fr:expr, $en:expr $(,)?) => {
        match $lang {
            Lang::Fr => $fr,
            Lang::En => $en,
        }
    };
}

/// A problem that makes a rule file unusable: its loader's refusal or a failed check.
/// Scale bounds are kept as the file writes them (`3000`, `22.5`): they are the author's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The TOML reader's or serde's refusal, in its own (English) words.
    Toml {
        message: String,
    },
    UnknownSchema {
        found: u32,
    },
    EmptyId,
    ValidityInverted {
        from: NaiveDate,
        until: NaiveDate,
    },
    NoSource,
    EmptySourceText,
    DuplicateSource {
        id: String,
    },
    UnknownSource {
        id: String,
        known: Vec<String>,
    },
    PovertyRate {
        value: Decimal,
    },
    FileActiveMaxBelowMin,
    Negative {
        value: Decimal,
    },
    EmptyScale,
    ScaleStart {
        expected: String,
        found: String,
    },
    EmptyBand {
        min: String,
        below: String,
    },
    Gap {
        from: String,
        to: String,
    },
    Overlap {
        min: String,
        previous_below: String,
    },
    LastBandClosed {
        below: String,
    },
    OpenBandNotLast,
    PeriodInverted {
        from: NaiveDate,
        until: NaiveDate,
    },
    /// R012: an assumption names a behaviour this build does not have.
    Unsupported {
        found: String,
        supported: String,
    },
    /// R013: two envelopes cover the same day.
    EnvelopesOverlap {
        first: (NaiveDate, NaiveDate),
        second: (NaiveDate, NaiveDate),
    },
    /// R014: more than 2 decimals, which no renderer writes.
    DecimalsAboveCents {
        decimals: u32,
    },
}

impl Fault {
    /// What is wrong, in plain words.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Fault::Toml { message } => toml_reason(message, lang),
            Fault::UnknownSchema { found } => say!(
                lang,
                format!("format {found} inconnu : cette version de secpa lit le format {SCHEMA_VERSION}"),
                format!("unknown format {found}: this version of secpa reads format {SCHEMA_VERSION}"),
            ),
            Fault::EmptyId => say!(lang, "identifiant vide", "empty id").to_owned(),
            Fault::ValidityInverted { from, until } => say!(
                lang,
                format!("fin de validité {until} avant le début {from}"),
                format!("end of validity {until} before its start {from}"),
            ),
            Fault::NoSource => say!(
                lang,
                "aucune source déclarée : chaque valeur doit citer sa source",
                "no source declared: every value must cite its source",
            )
            .to_owned(),
            Fault::EmptySourceText => {
                say!(lang, "texte de la source vide", "empty source text").to_owned()
            }
            Fault::DuplicateSource { id } => say!(
                lang,
                format!("source \"{id}\" déclarée deux fois"),
                format!("source \"{id}\" declared twice"),
            ),
            Fault::UnknownSource { id, known } => say!(
                lang,
                format!(
                    "source \"{id}\" inconnue (sources déclarées : {})",
                    known.join(", ")
                ),
                format!(
                    "unknown source \"{id}\" (declared sources: {})",
                    known.join(", ")
                ),
            ),
            Fault::PovertyRate { value } => say!(
                lang,
                format!("taux de pauvreté {value} : un pourcentage entre 0 et 100"),
                format!("poverty rate {value}: a percentage between 0 and 100"),
            ),
            Fault::FileActiveMaxBelowMin => say!(
                lang,
                "dotations.participative.file_active_max inférieur à eligibility.file_active_min",
                "dotations.participative.file_active_max below eligibility.file_active_min",
            )
            .to_owned(),
            Fault::Negative { value } => say!(
                lang,
                format!("valeur négative : {value}"),
                format!("negative value: {value}"),
            ),
            Fault::EmptyScale => say!(lang, "barème vide", "empty scale").to_owned(),
            Fault::ScaleStart { expected, found } => say!(
                lang,
                format!("le barème doit commencer à {expected}, il commence à {found}"),
                format!("the scale must start at {expected}, it starts at {found}"),
            ),
            Fault::EmptyBand { min, below } => say!(
                lang,
                format!("tranche vide ou inversée : min = {min}, below = {below}"),
                format!("empty or inverted band: min = {min}, below = {below}"),
            ),
            // [a ; b[ in French, [a, b) in English: each language's own half-open interval.
            Fault::Gap { from, to } => say!(
                lang,
                format!("trou dans le barème : rien ne couvre [{from} ; {to}["),
                format!("gap in the scale: nothing covers [{from}, {to})"),
            ),
            Fault::Overlap {
                min,
                previous_below,
            } => say!(
                lang,
                format!("chevauchement : la tranche commence à {min} avant la fin de la précédente ({previous_below})"),
                format!("overlap: the band starts at {min}, before the end of the previous one ({previous_below})"),
            ),
            Fault::LastBandClosed { below } => say!(
                lang,
                format!("la dernière tranche doit être ouverte (sans below) : rien ne couvre ≥ {below}"),
                format!("the last band must be open (no below): nothing covers ≥ {below}"),
            ),
            Fault::OpenBandNotLast => say!(
                lang,
                "seule la dernière tranche peut être ouverte (sans below)",
                "only the last band may be open (no below)",
            )
            .to_owned(),
            Fault::PeriodInverted { from, until } => say!(
                lang,
                format!("période inversée : {from} → {until}"),
                format!("inverted period: {from} → {until}"),
            ),
            Fault::Unsupported { found, supported } => say!(
                lang,
                format!("« {found} » n'est pas un comportement que cette version de secpa sait appliquer (possibles : {supported})"),
                format!("\"{found}\" is not a behaviour this version of secpa can apply (possible: {supported})"),
            ),
            Fault::EnvelopesOverlap { first, second } => say!(
                lang,
                format!("l'enveloppe {} → {} chevauche celle du {} → {} : une dépense serait comparée à deux enveloppes ; en faire une seule (elle peut couvrir plusieurs années)", second.0, second.1, first.0, first.1),
                format!("the envelope {} → {} overlaps the one of {} → {}: spending would be compared with two envelopes; make them one (it may span several years)", second.0, second.1, first.0, first.1),
            ),
            Fault::DecimalsAboveCents { decimals } => say!(
                lang,
                format!("{decimals} décimales : les montants sont des euros, écrits au centime (2 au plus)"),
                format!("{decimals} decimals: amounts are euros, written to the cent (2 at most)"),
            ),
        }
    }
}

/// A provisional value as `rules lint` names it: its label in each language (from the
/// version, so a new band gets its own) and its key, which the file's author edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub key: String,
    pub fr: String,
    pub en: String,
}

/// What `rules lint` found; its code (R001–R014) follows from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lint {
    /// R001: not TOML at all; the parser's (English) detail.
    Unreadable { detail: String },
    /// R001: a number where a decimal string is expected, as written in the file.
    Float { value: String },
    /// R001: the loader's refusal, in the TOML reader's (English) words.
    Rejected { message: String },
    /// R002–R005: a check of the loaded file.
    Rule(Fault),
    /// R005: a value without `source`, found before loading.
    MissingSource,
    /// R006.
    Decreasing { value: Decimal, previous: Decimal },
    /// R007.
    VersionsOverlap {
        id: String,
        from: NaiveDate,
        previous: String,
        until: NaiveDate,
    },
    /// R008.
    VersionsGap {
        previous: String,
        until: NaiveDate,
        id: String,
        from: NaiveDate,
    },
    /// R009.
    Ended {
        id: String,
        until: NaiveDate,
        today: NaiveDate,
    },
    /// R010.
    Provisional { values: Vec<Labelled> },
    /// R011.
    TooLarge { limit: u64 },
}

impl Lint {
    /// Its stable code (`docs/codes.md`).
    pub fn code(&self) -> &'static str {
        match self {
            Lint::Unreadable { .. } | Lint::Float { .. } | Lint::Rejected { .. } => "R001",
            Lint::Rule(Fault::Gap { .. }) => "R002",
            Lint::Rule(Fault::Overlap { .. }) => "R003",
            Lint::Rule(Fault::UnknownSource { .. }) | Lint::MissingSource => "R005",
            Lint::Rule(Fault::Unsupported { .. }) => "R012",
            Lint::Rule(Fault::EnvelopesOverlap { .. }) => "R013",
            Lint::Rule(Fault::DecimalsAboveCents { .. }) => "R014",
            Lint::Rule(_) => "R004",
            Lint::Decreasing { .. } => "R006",
            Lint::VersionsOverlap { .. } => "R007",
            Lint::VersionsGap { .. } => "R008",
            Lint::Ended { .. } => "R009",
            Lint::Provisional { .. } => "R010",
            Lint::TooLarge { .. } => "R011",
        }
    }

    /// What was found, in plain words.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Lint::Unreadable { detail } => say!(
                lang,
                format!("TOML illisible : {detail}"),
                format!("unreadable TOML: {detail}"),
            ),
            Lint::Float { value: v } => say!(
                lang,
                format!("valeur {v} refusée par le chargeur : un décimal s'écrit entre guillemets (\"{v}\"), un nombre TOML non entre guillemets est un flottant binaire, inexact pour des euros ; lu comme \"{v}\" pour vérifier le reste du fichier"),
                format!("value {v} refused by the loader: a decimal is written in quotes (\"{v}\"), an unquoted TOML number is a binary float, inexact for euros; read as \"{v}\" to check the rest of the file"),
            ),
            Lint::Rejected { message } => say!(
                lang,
                format!("fichier rejeté par le chargeur : {}", toml_reason(message, lang)),
                format!("file rejected by the loader: {}", toml_reason(message, lang)),
            ),
            Lint::Rule(fault) => fault.message(lang),
            Lint::MissingSource => say!(
                lang,
                "valeur sans source : ajoutez source = \"<id d'une [[sources]]>\"",
                "value without a source: add source = \"<id of a [[sources]]>\"",
            )
            .to_owned(),
            Lint::Decreasing { value, previous } => say!(
                lang,
                format!("barème décroissant : {value} après {previous} ; une tranche plus haute ne peut pas donner moins"),
                format!("decreasing scale: {value} after {previous}; a higher band cannot give less"),
            ),
            Lint::VersionsOverlap {
                id,
                from,
                previous,
                until,
            } => say!(
                lang,
                format!("la version {id} commence le {from}, avant la fin de {previous} ({until}) : deux versions en vigueur le même jour"),
                format!("version {id} starts on {from}, before the end of {previous} ({until}): two versions in force on the same day"),
            ),
            Lint::VersionsGap {
                previous,
                until,
                id,
                from,
            } => say!(
                lang,
                format!("trou entre les versions : {previous} finit le {until}, {id} commence le {from} ; aucune règle entre les deux"),
                format!("gap between versions: {previous} ends on {until}, {id} starts on {from}; no rules in between"),
            ),
            Lint::Ended { id, until, today } => say!(
                lang,
                format!("la version {id} a pris fin le {until} : aucune version n'est en vigueur aujourd'hui ({today})"),
                format!("version {id} ended on {until}: no version is in force today ({today})"),
            ),
            // Labels hold commas (« D1, palier … »): the list is separated by semicolons.
            // Each key in brackets, as at the end of a finding: the author edits by it.
            Lint::Provisional { values } => {
                let list = values
                    .iter()
                    .map(|v| format!("{} [{}]", say!(lang, &v.fr, &v.en), v.key))
                    .collect::<Vec<_>>()
                    .join(say!(lang, " ; ", "; "));
                say!(
                    lang,
                    format!("{} valeur(s) provisoire(s) : {list}", values.len()),
                    format!("{} provisional value(s): {list}", values.len()),
                )
            }
            Lint::TooLarge { limit } => say!(
                lang,
                format!("fichier de plus de {limit} octets : un fichier de règles en fait quelques Kio ; il n'est pas lu"),
                format!("file over {limit} bytes: a rule file is a few KiB; it is not read"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each, so that a message added in French only shows here: the English of every
    /// fault and finding has none of the French signs, and differs from the French.
    #[test]
    fn every_message_in_both_languages() {
        let day = |s: &str| s.parse::<NaiveDate>().expect("date");
        let s = |t: &str| t.to_owned();
        let faults = vec![
            Fault::Toml {
                message: s("missing field `source`"),
            },
            Fault::UnknownSchema { found: 2 },
            Fault::EmptyId,
            Fault::ValidityInverted {
                from: day("2022-01-01"),
                until: day("2021-01-01"),
            },
            Fault::NoSource,
            Fault::EmptySourceText,
            Fault::DuplicateSource { id: s("a") },
            Fault::UnknownSource {
                id: s("b"),
                known: vec![s("a")],
            },
            Fault::PovertyRate {
                value: Decimal::from(148),
            },
            Fault::FileActiveMaxBelowMin,
            Fault::Negative {
                value: Decimal::from(-1),
            },
            Fault::EmptyScale,
            Fault::ScaleStart {
                expected: s("1000"),
                found: s("900"),
            },
            Fault::EmptyBand {
                min: s("3"),
                below: s("2"),
            },
            Fault::Gap {
                from: s("3000"),
                to: s("3100"),
            },
            Fault::Overlap {
                min: s("12"),
                previous_below: s("15"),
            },
            Fault::LastBandClosed { below: s("100") },
            Fault::OpenBandNotLast,
            Fault::PeriodInverted {
                from: day("2022-01-01"),
                until: day("2021-01-01"),
            },
            Fault::Unsupported {
                found: s("par_trimestre"),
                supported: s("mois_entiers_du_1er"),
            },
            Fault::EnvelopesOverlap {
                first: (day("2022-01-01"), day("2022-12-31")),
                second: (day("2022-06-01"), day("2023-12-31")),
            },
            Fault::DecimalsAboveCents { decimals: 3 },
        ];
        let mut lints: Vec<Lint> = faults.into_iter().map(Lint::Rule).collect();
        lints.extend([
            Lint::Unreadable { detail: s("x") },
            Lint::Float { value: s("1.5") },
            Lint::Rejected {
                message: s("unknown field `x`, expected `a`"),
            },
            Lint::MissingSource,
            Lint::Decreasing {
                value: Decimal::from(2),
                previous: Decimal::from(3),
            },
            Lint::VersionsOverlap {
                id: s("b"),
                from: day("2022-01-01"),
                previous: s("a"),
                until: day("2022-02-01"),
            },
            Lint::VersionsGap {
                previous: s("a"),
                until: day("2022-01-01"),
                id: s("b"),
                from: day("2022-03-01"),
            },
            Lint::Ended {
                id: s("a"),
                until: day("2022-01-01"),
                today: day("2026-11-25"),
            },
            Lint::Provisional {
                values: vec![Labelled {
                    key: s("dotations.participative.etp[0]"),
                    fr: s("D1, palier 1 000–1 999 patients"),
                    en: s("D1, step 1 000–1 999 patients"),
                }],
            },
            Lint::TooLarge { limit: 1 },
        ]);
        for lint in &lints {
            let (fr, en) = (lint.message(Lang::Fr), lint.message(Lang::En));
            assert_ne!(fr, en, "{lint:?}");
            for marker in ["«", "»", " : ", " ; ", "é", "è", "valeur", "tranche"] {
                assert!(!en.contains(marker), "{lint:?}: {en}");
            }
        }
    }
}
