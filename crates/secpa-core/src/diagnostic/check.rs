//! The problems `secpa check` finds beyond the format of a cell: duplicates (E009),
//! eligibility (E2xx, thresholds and dates from the rule version) and identifiers (E3xx).
//! Each variant's doc says what it reports; the table of every code is `docs/codes.md`.
//! A code never changes meaning: a new check gets a new code.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Code;
use crate::model::{Mission, QpvList};
use crate::reference::PovertySource;
use crate::rules::{RuleKey, RuleSet};

/// Which rule requires something: the rule version, the text the value comes from (empty
/// when unknown), and whether that value is still provisional. Quoted at the end of
/// eligibility messages, in the reader's language ([`Cite::text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    pub version: String,
    pub source: String,
    pub provisional: bool,
}

impl Cite {
    /// The rule `key` of the version `version` in `set`: the title of its source (its id
    /// when the source is not listed), and whether it is provisional. A version the set
    /// lacks is cited by its id alone.
    pub fn of(set: &RuleSet, version: &str, key: RuleKey) -> Cite {
        let Some(v) = set.get(version) else {
            return Cite {
                version: version.to_owned(),
                source: String::new(),
                provisional: false,
            };
        };
        let Some(p) = v.provenance(key) else {
            return Cite {
                version: version.to_owned(),
                source: String::new(),
                provisional: false,
            };
        };
        Cite {
            version: version.to_owned(),
            source: p.source.map_or(p.source_id, |s| s.text.clone()),
            provisional: p.provisional,
        }
    }
}

/// A problem found by the checks of `secpa check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckProblem {
    /// E009: the same FINESS on two rows of a file, or on two files of a batch (a
    /// structure counted twice); `first_file` is the earlier file, when another.
    DuplicateFiness {
        first_row: u64,
        first_file: Option<String>,
    },
    /// W202: file active above the top of the D1 scale (more patients give no more ETP).
    FileActiveAboveMax { value: u32, max: u32, cite: Cite },
    /// W203: `annee_file_active` is not the year before entry (the file active that counts
    /// is the previous year's).
    AnneeFileActive { year: i32, expected: i32 },
    /// E204: a kind of structure the rule version does not admit.
    TypeNotAllowed {
        allowed: Vec<&'static str>,
        cite: Cite,
    },
    /// E205: an implantation the rule version does not admit.
    ImplantationNotAllowed {
        allowed: Vec<&'static str>,
        cite: Cite,
    },
    /// E206: `code_qpv` is not in the QPV list of the rule version.
    UnknownQpv {
        list: QpvList,
        /// The other list holds the code (a 2015 code checked against 2024, or back).
        other_list: Option<QpvList>,
        cite: Cite,
        /// The filing date when no loaded version covers it (the nearest one judged it).
        uncovered: Option<chrono::NaiveDate>,
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
    /// E225: `activite_majoritaire_medecine_generale` = non, which the version requires.
    ActiviteMgNon { cite: Cite },
    /// E226: `activite_paramedicale` = non, which the version requires.
    ActiviteParamedicaleNon { cite: Cite },
    /// I227: the file lacks the optional column(s) of these conditions: not checked.
    ConditionsUnchecked { columns: Vec<&'static str> },
    /// I228: the file has the optional column of a condition but this row's cell is empty:
    /// the condition is not checked on this row (a filled template leaves it empty).
    ConditionBlank { paramedical: bool },
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
    /// W221: the ARS agreed and no amount was asked: D4 is what the version assumes
    /// (`hypotheses.d4_accord_sans_montant`): `assumed`, the cap or 0.
    CapAssumed { assumed: Decimal, cite: Cite },
    /// I222: the `accord_ars_psy` cell is empty: read as no agreement, so no D4.
    AgreementEmpty,
    /// E223: a row says it is a founder, in a department where the call names none.
    FounderOutside {
        department: String,
        departments: String,
        cite: Cite,
    },
    /// W224: a founder whose name does not resemble the founder the call names in its
    /// department.
    FounderName { expected: String, cite: Cite },
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
    /// `lost_zero`: four digits, as a spreadsheet leaves "01004" read as a number.
    UnknownCommune { lost_zero: bool },
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
            ActiviteMgNon { .. } => Code::E225,
            ActiviteParamedicaleNon { .. } => Code::E226,
            ConditionsUnchecked { .. } => Code::I227,
            ConditionBlank { .. } => Code::I228,
            MissionNon { .. } => Code::E213,
            LateDepot { .. } => Code::E214,
            NoDepot { .. } => Code::E215,
            PsyAboveCap { .. } => Code::W216,
            PsyWithoutAgreement { .. } => Code::W217,
            PovertyLookedUp { .. } => Code::I218,
            CapAssumed { .. } => Code::W221,
            AgreementEmpty => Code::I222,
            FounderOutside { .. } => Code::E223,
            FounderName { .. } => Code::W224,
            NoPovertyRate => Code::E219,
            PovertyNotAboveThreshold { .. } => Code::E220,
            FinessForm { .. } => Code::E301,
            FinessCheckDigit => Code::E302,
            SiretInvalid { .. } => Code::E303,
            UnknownCommune { .. } => Code::E304,
            FinessDepartment { .. } => Code::W305,
        }
    }
}
