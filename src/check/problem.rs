//! The problems `secpa check` finds beyond the format of a cell: duplicates (E009),
//! eligibility (E2xx, thresholds and dates from the rule version) and identifiers (E3xx).
//! Each variant's doc says what it reports; the table of every code is `docs/codes.md`.
//! A code never changes meaning: a new check gets a new code.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::diagnostic::Code;
use crate::model::{Mission, QpvList};
use crate::reference::PovertySource;
use crate::report::money_fr;
use crate::Lang;

/// Which rule requires something: the rule version, the text the value comes from, and
/// whether that value is still provisional. Quoted at the end of eligibility messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    pub version: String,
    pub source: String,
    pub provisional: bool,
}

impl Cite {
    fn text(&self, lang: Lang) -> String {
        let (rules, provisional) = match lang {
            Lang::Fr => ("règles", ", valeur provisoire"),
            Lang::En => ("rules", ", provisional value"),
        };
        let mut out = format!("{rules} {}, {}", self.version, self.source);
        if self.provisional {
            out.push_str(provisional);
        }
        out
    }
}

/// A problem found by the checks of `secpa check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckProblem {
    /// E009: the same FINESS on two rows of a file (a structure counted twice).
    DuplicateFiness { first_row: u64 },
    /// W202: file active above the top of the D1 scale (more patients give no more ETP).
    FileActiveAboveMax { value: u32, max: u32, cite: Cite },
    /// W203: `annee_file_active` is not the year before entry (the file active that counts
    /// is the previous year's).
    AnneeFileActive { year: i32, expected: i32 },
    /// E204: a kind of structure the rule version does not admit.
    TypeNotAllowed { allowed: String, cite: Cite },
    /// E205: an implantation the rule version does not admit.
    ImplantationNotAllowed { allowed: String, cite: Cite },
    /// E206: `code_qpv` is not in the QPV list of the rule version.
    UnknownQpv {
        list: QpvList,
        /// The other list holds the code (a 2015 code checked against 2024, or back).
        other_list: Option<QpvList>,
        cite: Cite,
    },
    /// W207: a 2015 QPV code of the right form in a department the shipped 2015 list lacks
    /// (Mayotte, Saint-Martin, Polynésie française): it cannot be checked.
    QpvNotInPartialList { department: String },
    /// W208: the QPV is in another department than the structure's commune.
    QpvDepartment { qpv: String, commune: String },
    /// E209: no tiers payant, which the rule version requires.
    TiersPayantNon { cite: Cite },
    /// W210: partial tiers payant; integral is preferred.
    TiersPayantPartiel { cite: Cite },
    /// E211: the structure does not apply tarifs opposables.
    TarifsOpposablesNon { cite: Cite },
    /// E212: the structure is not open to all.
    OuvertATousNon { cite: Cite },
    /// E213: a compulsory mission is not carried out (one diagnostic per mission).
    MissionNon { mission: Mission, cite: Cite },
    /// E214: candidature filed after the deadline by a structure that is not a founder.
    LateDepot {
        date: NaiveDate,
        deadline: NaiveDate,
        cite: Cite,
    },
    /// E215: a structure that is not a founder has no filing date.
    NoDepot { deadline: NaiveDate, cite: Cite },
    /// W216: the amount requested for psychological support is above the cap: it will be capped.
    PsyAboveCap {
        amount: Decimal,
        cap: Decimal,
        cite: Cite,
    },
    /// W217: an amount requested for psychological support without the ARS's agreement: D4 will be 0.
    PsyWithoutAgreement { amount: Decimal, cite: Cite },
    /// I218: `taux_pauvrete` was empty; the shipped rate of the QPV or commune is used.
    PovertyLookedUp {
        rate: Decimal,
        source: PovertySource,
        code: String,
    },
    /// E219: `taux_pauvrete` is empty and no shipped rate exists for the QPV or commune.
    NoPovertyRate,
    /// E220: a quartier vécu (outside a QPV) whose territory's poverty rate, given or looked
    /// up, is not above the national metropolitan rate of the rule version.
    PovertyNotAboveThreshold {
        rate: Decimal,
        /// The rate is the shipped one (I218), not the cell's.
        looked_up: bool,
        threshold: Decimal,
        cite: Cite,
    },
    /// E301: a FINESS that is not 9 characters (digits, 2A/2B in Corsica).
    FinessForm { length: usize },
    /// E302: a FINESS whose check digit does not match.
    FinessCheckDigit,
    /// E303: a SIREN/SIRET of the wrong length or with a wrong check digit.
    SiretInvalid { check_digit: bool },
    /// E304: a commune code that is not in the official list.
    UnknownCommune,
    /// W305: the FINESS number's department differs from the commune's.
    FinessDepartment { finess: String, commune: String },
}

impl CheckProblem {
    /// The stable code.
    pub fn code(&self) -> Code {
        use CheckProblem::*;
        match self {
            DuplicateFiness { .. } => Code::E009,
            FileActiveAboveMax { .. } => Code::W202,
            AnneeFileActive { .. } => Code::W203,
            TypeNotAllowed { .. } => Code::E204,
            ImplantationNotAllowed { .. } => Code::E205,
            UnknownQpv { .. } => Code::E206,
            QpvNotInPartialList { .. } => Code::W207,
            QpvDepartment { .. } => Code::W208,
            TiersPayantNon { .. } => Code::E209,
            TiersPayantPartiel { .. } => Code::W210,
            TarifsOpposablesNon { .. } => Code::E211,
            OuvertATousNon { .. } => Code::E212,
            MissionNon { .. } => Code::E213,
            LateDepot { .. } => Code::E214,
            NoDepot { .. } => Code::E215,
            PsyAboveCap { .. } => Code::W216,
            PsyWithoutAgreement { .. } => Code::W217,
            PovertyLookedUp { .. } => Code::I218,
            NoPovertyRate => Code::E219,
            PovertyNotAboveThreshold { .. } => Code::E220,
            FinessForm { .. } => Code::E301,
            FinessCheckDigit => Code::E302,
            SiretInvalid { .. } => Code::E303,
            UnknownCommune => Code::E304,
            FinessDepartment { .. } => Code::W305,
        }
    }

    /// What was found, what is expected and which rule says so; `v` is the raw cell.
    pub fn message(&self, v: &str, lang: Lang) -> String {
        use CheckProblem::*;
        match lang {
            Lang::Fr => match self {
                DuplicateFiness { first_row } => {
                    format!("FINESS {v} déjà utilisé ligne {first_row} : une structure par ligne")
                }
                FileActiveAboveMax { value, max, cite } => format!(
                    "file active {value} : au-delà de {max}, le barème D1 ne donne pas plus d'ETP ({})",
                    cite.text(lang)
                ),
                AnneeFileActive { year, expected } => format!(
                    "file active de l'année {year} : attendu {expected}, l'année précédant l'entrée"
                ),
                TypeNotAllowed { allowed, cite } => format!(
                    "type de structure « {v} » non admis (admis : {allowed} ; {})",
                    cite.text(lang)
                ),
                ImplantationNotAllowed { allowed, cite } => format!(
                    "implantation « {v} » non admise (admises : {allowed} ; {})",
                    cite.text(lang)
                ),
                UnknownQpv {
                    list,
                    other_list,
                    cite,
                } => {
                    let other = other_list
                        .map(|o| format!(" ; c'est un code de la liste {o}"))
                        .unwrap_or_default();
                    format!(
                        "code QPV « {v} » absent de la liste des QPV {list}{other} ({})",
                        cite.text(lang)
                    )
                }
                QpvNotInPartialList { department } => format!(
                    "code QPV « {v} » non vérifiable : la liste 2015 fournie n'a pas les QPV du département {department} (Mayotte, Saint-Martin, Polynésie française manquent)"
                ),
                QpvDepartment { qpv, commune } => format!(
                    "le QPV « {v} » est dans le département {qpv}, la commune dans le {commune} : un quartier vécu jouxte son QPV"
                ),
                TiersPayantNon { cite } => format!(
                    "tiers payant « {v} » : le tiers payant est obligatoire ({})",
                    cite.text(lang)
                ),
                TiersPayantPartiel { cite } => format!(
                    "tiers payant partiel : le tiers payant intégral est recommandé ({})",
                    cite.text(lang)
                ),
                TarifsOpposablesNon { cite } => format!(
                    "tarifs opposables « {v} » : les tarifs opposables sont obligatoires ({})",
                    cite.text(lang)
                ),
                OuvertATousNon { cite } => format!(
                    "ouverture à tous « {v} » : la structure doit être ouverte à tous ({})",
                    cite.text(lang)
                ),
                MissionNon { mission, cite } => format!(
                    "mission « {} » non assurée : les neuf missions sont obligatoires ({})",
                    mission.title(lang),
                    cite.text(lang)
                ),
                LateDepot {
                    date,
                    deadline,
                    cite,
                } => format!(
                    "candidature déposée le {date}, après la date limite du {deadline} ; seules les structures fondatrices en sont dispensées ({})",
                    cite.text(lang)
                ),
                NoDepot { deadline, cite } => format!(
                    "date de dépôt manquante : une structure non fondatrice doit avoir déposé sa candidature au plus tard le {deadline} ({})",
                    cite.text(lang)
                ),
                PsyAboveCap { amount, cap, cite } => format!(
                    "montant demandé {} au-dessus du plafond de {} : la dotation D4 sera plafonnée ({})",
                    money_fr(*amount),
                    money_fr(*cap),
                    cite.text(lang)
                ),
                PsyWithoutAgreement { amount, cite } => format!(
                    "montant demandé {} sans accord de l'ARS : la dotation D4 sera nulle ({})",
                    money_fr(*amount),
                    cite.text(lang)
                ),
                PovertyLookedUp { rate, source, code } => format!(
                    "taux de pauvreté non renseigné : {} % utilisé, {}",
                    percent_fr(*rate),
                    source_text(*source, code, lang)
                ),
                NoPovertyRate => "taux de pauvreté non renseigné et aucun taux publié pour le QPV ni la commune : il faut le renseigner (D2 en dépend)".into(),
                PovertyNotAboveThreshold {
                    rate,
                    looked_up,
                    threshold,
                    cite,
                } => format!(
                    "taux de pauvreté du territoire {} %{} : hors QPV, un quartier vécu doit dépasser le taux national métropolitain de {} % ({})",
                    percent_fr(*rate),
                    if *looked_up { " (taux publié, voir I218)" } else { "" },
                    percent_fr(*threshold),
                    cite.text(lang)
                ),
                FinessForm { length } => format!(
                    "FINESS « {v} » mal formé : {length} caractères, attendu 9 chiffres (2A/2B en Corse)"
                ),
                FinessCheckDigit => {
                    format!("FINESS « {v} » invalide : la clé de contrôle (Luhn) ne correspond pas")
                }
                SiretInvalid { check_digit: true } => {
                    format!("SIRET/SIREN « {v} » invalide : la clé de contrôle (Luhn) ne correspond pas")
                }
                SiretInvalid { check_digit: false } => format!(
                    "SIRET/SIREN « {v} » mal formé : attendu 14 chiffres (SIRET) ou 9 (SIREN)"
                ),
                UnknownCommune => {
                    format!("code commune « {v} » inconnu du code officiel géographique (INSEE)")
                }
                FinessDepartment { finess, commune } => format!(
                    "FINESS du département {finess}, commune du département {commune} : l'un des deux est-il faux ?"
                ),
            },
            Lang::En => match self {
                DuplicateFiness { first_row } => {
                    format!("FINESS {v} already used on row {first_row}: one structure per row")
                }
                FileActiveAboveMax { value, max, cite } => format!(
                    "file active {value}: above {max}, the D1 scale gives no more ETP ({})",
                    cite.text(lang)
                ),
                AnneeFileActive { year, expected } => format!(
                    "file active of year {year}: expected {expected}, the year before entry"
                ),
                TypeNotAllowed { allowed, cite } => format!(
                    "kind of structure \"{v}\" not admitted (admitted: {allowed}; {})",
                    cite.text(lang)
                ),
                ImplantationNotAllowed { allowed, cite } => format!(
                    "implantation \"{v}\" not admitted (admitted: {allowed}; {})",
                    cite.text(lang)
                ),
                UnknownQpv {
                    list,
                    other_list,
                    cite,
                } => {
                    let other = other_list
                        .map(|o| format!("; it is a code of the {o} list"))
                        .unwrap_or_default();
                    format!(
                        "QPV code \"{v}\" is not in the {list} QPV list{other} ({})",
                        cite.text(lang)
                    )
                }
                QpvNotInPartialList { department } => format!(
                    "QPV code \"{v}\" cannot be checked: the shipped 2015 list lacks the QPV of department {department} (Mayotte, Saint-Martin, French Polynesia are missing)"
                ),
                QpvDepartment { qpv, commune } => format!(
                    "QPV \"{v}\" is in department {qpv}, the commune in {commune}: a quartier vécu borders its QPV"
                ),
                TiersPayantNon { cite } => format!(
                    "tiers payant \"{v}\": tiers payant is compulsory ({})",
                    cite.text(lang)
                ),
                TiersPayantPartiel { cite } => format!(
                    "partial tiers payant: integral tiers payant is recommended ({})",
                    cite.text(lang)
                ),
                TarifsOpposablesNon { cite } => format!(
                    "tarifs opposables \"{v}\": regulated fees are compulsory ({})",
                    cite.text(lang)
                ),
                OuvertATousNon { cite } => format!(
                    "open to all \"{v}\": the structure must be open to all ({})",
                    cite.text(lang)
                ),
                MissionNon { mission, cite } => format!(
                    "mission \"{}\" not carried out: the nine missions are compulsory ({})",
                    mission.title(lang),
                    cite.text(lang)
                ),
                LateDepot {
                    date,
                    deadline,
                    cite,
                } => format!(
                    "candidature filed on {date}, after the deadline of {deadline}; only founding structures are exempt ({})",
                    cite.text(lang)
                ),
                NoDepot { deadline, cite } => format!(
                    "filing date missing: a structure that is not a founder must have filed by {deadline} ({})",
                    cite.text(lang)
                ),
                PsyAboveCap { amount, cap, cite } => format!(
                    "requested amount €{amount:.2} above the cap of €{cap:.2}: D4 will be capped ({})",
                    cite.text(lang)
                ),
                PsyWithoutAgreement { amount, cite } => format!(
                    "requested amount €{amount:.2} without the ARS's agreement: D4 will be 0 ({})",
                    cite.text(lang)
                ),
                PovertyLookedUp { rate, source, code } => format!(
                    "no poverty rate given: {rate} % used, {}",
                    source_text(*source, code, lang)
                ),
                NoPovertyRate => "no poverty rate given and no published rate for the QPV or the commune: it must be given (D2 depends on it)".into(),
                PovertyNotAboveThreshold {
                    rate,
                    looked_up,
                    threshold,
                    cite,
                } => format!(
                    "territory poverty rate {rate} %{}: outside a QPV, a quartier vécu must be above the national metropolitan rate of {threshold} % ({})",
                    if *looked_up { " (published rate, see I218)" } else { "" },
                    cite.text(lang)
                ),
                FinessForm { length } => format!(
                    "malformed FINESS \"{v}\": {length} characters, expected 9 digits (2A/2B in Corsica)"
                ),
                FinessCheckDigit => {
                    format!("invalid FINESS \"{v}\": the check digit (Luhn) does not match")
                }
                SiretInvalid { check_digit: true } => {
                    format!("invalid SIRET/SIREN \"{v}\": the check digit (Luhn) does not match")
                }
                SiretInvalid { check_digit: false } => format!(
                    "malformed SIRET/SIREN \"{v}\": expected 14 digits (SIRET) or 9 (SIREN)"
                ),
                UnknownCommune => {
                    format!("commune code \"{v}\" is not in the official geographic code (INSEE)")
                }
                FinessDepartment { finess, commune } => format!(
                    "FINESS of department {finess}, commune in department {commune}: is one of them wrong?"
                ),
            },
        }
    }

    /// What to do about it, when there is something useful to say.
    pub fn help(&self, lang: Lang) -> Option<&'static str> {
        use CheckProblem::*;
        match (self, lang) {
            (FinessForm { length: 8 }, Lang::Fr) => Some(
                "le tableur a peut-être supprimé le zéro initial : formatez la colonne en texte",
            ),
            (FinessForm { length: 8 }, Lang::En) => Some(
                "the spreadsheet may have dropped the leading zero: format the column as text",
            ),
            (UnknownQpv { .. }, Lang::Fr) => Some(
                "vérifiez le code sur sig.ville.gouv.fr ; --as-of choisit la version des règles (et sa liste)",
            ),
            (UnknownQpv { .. }, Lang::En) => Some(
                "check the code on sig.ville.gouv.fr; --as-of chooses the rule version (and its list)",
            ),
            (NoPovertyRate, Lang::Fr) => Some("indiquez le taux de pauvreté du territoire, en %"),
            (NoPovertyRate, Lang::En) => Some("give the territory's poverty rate, in %"),
            (PovertyNotAboveThreshold { .. }, Lang::Fr) => Some(
                "vérifiez le taux du territoire ; une structure située dans un QPV a l'implantation qpv, sans seuil",
            ),
            (PovertyNotAboveThreshold { .. }, Lang::En) => Some(
                "check the territory's rate; a structure inside a QPV has implantation qpv, with no threshold",
            ),
            _ => None,
        }
    }
}

/// A rate as French writes it: decimal comma, no trailing zero added ("14,8").
fn percent_fr(rate: Decimal) -> String {
    rate.to_string().replace('.', ",")
}

/// Where a looked-up poverty rate comes from, in words.
fn source_text(source: PovertySource, code: &str, lang: Lang) -> String {
    match (source, lang) {
        (PovertySource::Qpv2015Recent, Lang::Fr) => {
            format!("taux INSEE du QPV {code} (liste 2015, fichier REVN_2022)")
        }
        (PovertySource::Qpv2015Recent, Lang::En) => {
            format!("INSEE rate of QPV {code} (2015 list, file REVN_2022)")
        }
        (PovertySource::Qpv2015Revenus2017, Lang::Fr) => {
            format!("taux INSEE du QPV {code} (liste 2015, revenus 2017)")
        }
        (PovertySource::Qpv2015Revenus2017, Lang::En) => {
            format!("INSEE rate of QPV {code} (2015 list, income 2017)")
        }
        (PovertySource::Commune2019, Lang::Fr) => {
            format!("taux INSEE Filosofi 2019 de la commune {code}")
        }
        (PovertySource::Commune2019, Lang::En) => {
            format!("INSEE Filosofi 2019 rate of commune {code}")
        }
    }
}
