//! The columns of a candidature file, their canonical names, the other names people give
//! them (one declarative table), and header matching that ignores case, accents, spaces,
//! hyphens, apostrophes, "N°", "(%)" and the small words "de", "d'", "du", "la"…

use crate::model::{fold, Mission};

macro_rules! columns {
    ($($variant:ident => $name:literal
        $([$($synonym:literal),* $(,)?])?
        $({$($word:literal),* $(,)?})?),+ $(,)?) => {
        /// A known column of the candidature file.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Column { $($variant),+ }

        impl Column {
            /// Every column, in the documented order.
            pub const ALL: &'static [Column] = &[$(Column::$variant),+];

            /// The canonical name, used in headers, messages and outputs.
            pub fn name(self) -> &'static str {
                match self { $(Column::$variant => $name),+ }
            }

            /// The other names of the column, beyond what [`key`] already folds away
            /// ("Taux de pauvreté (%)" is `taux_pauvrete` without being listed).
            pub fn synonyms(self) -> &'static [&'static str] {
                match self { $(Column::$variant => &[$($($synonym),*)?]),+ }
            }

            /// The words of the column's vocabulary: an unrecognised header holding one
            /// of them, while the column is absent, is taken for it (E016), whatever its
            /// resemblance ([`Column::lookalike`]).
            pub fn vocabulary(self) -> &'static [&'static str] {
                match self { $(Column::$variant => &[$($($word),*)?]),+ }
            }
        }
    };
}

// The table of names: canonical name, then the other names a coordinator may write, then
// (in braces) the words of the column's vocabulary. Case, accents, spaces, hyphens,
// apostrophes, "N°", "(%)", "(€)" and "de/d'/du/la/le/les/des/en" are ignored by [`key`],
// so "Date d'entrée", "N° FINESS", "Taux de pauvreté (%)" and "Année de la file active"
// need no line here. Names quoted from a public source say which (seeds of the project:
// 000 = the call for candidatures, 004 = the opinion of the Comité technique on the
// specifications); "issue 20" names are those coordinators typed in the trial of issue 20;
// the others are the usual wordings of ARS and FINESS forms.
// Vocabulary words are matched whole, after [`stem`] (no plural, no feminine "e"), and only
// for columns that change an amount or the eligibility ([`Column::decides`]); generic words
// ("date", "type", "code", "nombre") are left out, so that « Commentaires » or « Date de
// naissance » stay unknown (W006) and never take a column's place.
columns! {
    Finess => "finess" [
        "finess géographique", "finess et", "numéro finess", "code finess",
        "identifiant finess", "finess établissement", "finess de l'établissement",
        "finess structure",
    ] {"finess"},
    Siret => "siret" ["numéro siret", "siren", "numéro siren", "siret structure"] {"siret", "siren"},
    Nom => "nom" [
        "nom structure", "nom de la structure", "raison sociale", "structure",
        "dénomination", "nom du centre", "structure candidate", "nom de la structure candidate",
    ],
    TypeStructure => "type_structure" [
        "type", "type de la structure", "catégorie de structure", "nature de la structure",
        "cds ou msp", "cds / msp", "centre ou maison de santé",
    ] {"cds", "msp", "categorie"},
    CodeCommune => "code_commune" [
        "code insee", "code insee commune", "commune code insee", "code commune insee",
        "code insee de la commune", "insee commune", "code géographique",
        "code officiel géographique", "cog", "commune (code insee)",
    ] {"commune", "insee", "cog", "geographique"},
    Implantation => "implantation" [
        "type d'implantation",
        // 000: « Quartier Prioritaire de la politique de la Ville (QPV) ou à proximité
        // (Quartier Vécu) ».
        "qpv ou quartier vécu", "implantation qpv", "implantation (qpv / quartier vécu)",
        "zone d'implantation",
    ] {"implantation", "localisation", "vecu"},
    CodeQpv => "code_qpv" [
        "qpv", "code quartier prioritaire", "identifiant qpv", "code du quartier prioritaire",
        "code quartier", "identifiant du quartier prioritaire",
    ] {"qpv", "quartier", "prioritaire"},
    FileActiveMg => "file_active_mg" [
        // 000 and 004: « file active en médecine générale ».
        "file active", "file active médecine générale", "file active en médecine générale",
        "file active médecins généralistes", "nombre de patients file active",
        "patients file active", "nombre de patients (file active mg)", "patientèle mg",
        "file active (nombre de patients)",
    ] {"file", "active", "patient", "patientele", "medecine"},
    AnneeFileActive => "annee_file_active" [
        "année file active mg", "année de référence file active", "année de la file active mg",
        "file active année", "année de référence",
    ] {"annee"},
    TauxPauvrete => "taux_pauvrete" [
        // 004: « taux de pauvreté du territoire dans lequel est implantée la structure ».
        "taux de pauvreté du territoire", "taux pauvreté territoire",
        "taux de pauvreté de la commune", "taux de pauvreté communal", "taux pauvreté insee",
        "taux de pauvreté filosofi", "pauvreté",
    ] {"pauvrete", "precarite", "taux", "filosofi"},
    TiersPayant => "tiers_payant" ["pratique du tiers payant", "tiers payant pratiqué"] {"tiers"},
    TarifsOpposables => "tarifs_opposables" [
        "secteur 1", "tarifs secteur 1", "pratique des tarifs opposables",
    ] {"tarif", "opposable"},
    OuvertATous => "ouvert_a_tous" ["ouverte à tous", "ouvert à tous les publics"] {"ouvert", "ouverte"},
    // Optional (issue 21): the arrêté asks for « une activité majoritaire de médecine
    // générale, mais aussi une activité paramédicale » (Le Quotidien du médecin, 26/08/2021).
    // No vocabulary: an optional column is never taken for an unknown header (E016).
    ActiviteMg => "activite_majoritaire_medecine_generale" [
        "activité majoritaire de médecine générale", "activité majoritaire médecine générale",
        "médecine générale majoritaire", "activité principale de médecine générale",
        "activité principalement de médecine générale", "majorité médecine générale",
        "activité mg majoritaire",
    ],
    ActiviteParamedicale => "activite_paramedicale" [
        "activité paramédicale", "activités paramédicales", "activité para-médicale",
        "paramédical", "paramédicaux", "présence de paramédicaux",
        "professionnels paramédicaux",
    ],
    MissionProximite => "mission_proximite" [] {"proximite"},
    MissionAccueilVulnerables => "mission_accueil_vulnerables" [
        "accueil des publics vulnérables",
    ] {"vulnerable"},
    MissionSoutienPsychologique => "mission_soutien_psychologique" [] {"soutien", "psychologique", "psy"},
    // 000: « Médiation en santé ».
    MissionMediationSante => "mission_mediation_sante" ["médiation en santé"] {"mediation"},
    MissionDemarcheParticipative => "mission_demarche_participative" [
        "démarche participative",
    ] {"participative", "participation"},
    MissionAccompagnementSocial => "mission_accompagnement_social" [
        "accompagnement social",
    ] {"accompagnement"},
    // 000 and 004: « interprétariat professionnel ».
    MissionInterpretariat => "mission_interpretariat" [
        "interprétariat", "interprétariat professionnel",
    ] {"interpretariat", "interprete"},
    MissionPrevention => "mission_prevention" ["prévention"] {"prevention"},
    MissionFormationEvaluation => "mission_formation_evaluation" [
        "formation et évaluation",
    ] {"formation", "evaluation"},
    AccordArsPsy => "accord_ars_psy" [
        "accord ars soutien psychologique", "accord ars", "accord de l'ars", "accord ars psy",
        "accord ars soutien psy", "accord de l'ars pour le soutien psychologique",
    ] {"accord", "ars", "agrement"},
    MontantPsyDemande => "montant_psy_demande" [
        "montant psy", "montant soutien psychologique demandé",
        "montant demandé soutien psychologique",
        // Issue 20: what coordinators typed.
        "demande psy", "budget psy", "montant sollicité soutien psy",
        "soutien psychologique : montant", "d4 demandée", "soutien psy demandé",
        // 004: « Dotation de soutien psychologique ».
        "dotation soutien psychologique demandée", "dotation de soutien psychologique",
        "montant d4", "dotation d4 demandée", "montant demandé psy",
    ] {"psy", "psychologique", "psychologue", "soutien", "d4", "montant", "demande", "sollicite", "budget"},
    DateEntree => "date_entree" [
        "date d'entrée dans l'expérimentation", "date entrée expérimentation",
        "entrée dans l'expérimentation", "date d'entrée dans le dispositif",
        "date d'entrée secpa", "entrée",
    ] {"entree", "debut", "experimentation"},
    DateDepot => "date_depot" [
        "date de dépôt de la candidature", "date dépôt candidature", "date de candidature",
        "date du dépôt", "dépôt", "date de dépôt du dossier", "date de réception",
        "candidature déposée le",
    ] {"depot", "candidature", "depose", "reception"},
    StructureFondatrice => "structure_fondatrice" [
        "fondatrice", "structure fondatrice (oui/non)", "fondateur", "membre fondateur",
        "structure préfiguratrice", "préfiguratrice",
    ] {"fondatrice", "fondateur", "prefiguratrice"},
}

/// What a column's cells hold, for the template workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// An identifier written with digits whose leading zeros count (FINESS, SIRET, codes):
    /// text, never a number.
    Code,
    /// Free text.
    Text,
    /// One of a closed list, as people write it (`Spellings::offered`).
    Choice(Vec<&'static str>),
    /// oui or non (`model::YES_NO`).
    YesNo,
    /// A whole number of patients.
    Count,
    /// A year.
    Year,
    /// A rate in percent.
    Percent,
    /// An amount in euros.
    Amount,
    /// A date.
    Date,
}

/// Small words a header may carry around a column's name.
const SMALL_WORDS: [&str; 12] = [
    "de", "d", "du", "la", "le", "l", "les", "des", "en", "n", "no", "numero",
];

/// What a header is matched on: folded (case, accents), "(%)" and every character that is
/// not a letter or digit dropped, small words ([`SMALL_WORDS`]) left out:
/// "N° FINESS" → "finess", "Taux de pauvreté (%)" → "tauxpauvrete".
pub fn key(header: &str) -> String {
    header
        .split(|c: char| !c.is_alphanumeric())
        .map(fold)
        .filter(|w| !w.is_empty() && !SMALL_WORDS.contains(&w.as_str()))
        .collect()
}

/// A header's words as the vocabulary is matched on: folded, small words left out, each
/// [`stem`]med ("Soutien psy demandé (€)" → soutien, psy, demand).
pub fn words(header: &str) -> Vec<String> {
    header
        .split(|c: char| !c.is_alphanumeric())
        .map(fold)
        .filter(|w| !w.is_empty() && !SMALL_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w).to_owned())
        .collect()
}

/// A folded word without its plural and feminine endings, so that "patients", "demandée"
/// and "précarité" meet "patient", "demande" and "precarite".
pub fn stem(word: &str) -> &str {
    let word = word
        .strip_suffix('s')
        .filter(|w| !w.is_empty())
        .unwrap_or(word);
    let stemmed = word.trim_end_matches('e');
    if stemmed.is_empty() {
        word
    } else {
        stemmed
    }
}

/// A header mapped to a column by hand: `--column montant_psy_demande="Demande psy (€)"`,
/// or the page's choice for an unrecognised header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub column: Column,
    /// The header as written in the file.
    pub header: String,
}

impl Mapping {
    /// `KEY=HEADER`: KEY a column's canonical name, HEADER as written (trimmed). The error
    /// says what is wrong in French and English.
    pub fn parse(text: &str) -> Result<Mapping, (String, String)> {
        let Some((key, header)) = text.split_once('=') else {
            return Err((
                format!(
                    "« {text} » : COLONNE=EN-TÊTE attendu (ex. montant_psy_demande=Demande psy)"
                ),
                format!("\"{text}\": KEY=HEADER expected (e.g. montant_psy_demande=Demande psy)"),
            ));
        };
        let key = key.trim();
        let Some(column) = Column::ALL.iter().copied().find(|c| c.name() == key) else {
            let names = Column::names(Column::ALL);
            return Err((
                format!("« {key} » n'est pas une colonne ; colonnes : {names}"),
                format!("\"{key}\" is not a column; columns: {names}"),
            ));
        };
        let header = header.trim();
        if header.is_empty() {
            return Err((
                format!("« {text} » : l'en-tête après « = » est vide"),
                format!("\"{text}\": the header after \"=\" is empty"),
            ));
        }
        Ok(Mapping {
            column,
            header: header.to_owned(),
        })
    }

    /// Where the header is in a header row: the cell written so (spaces around ignored),
    /// else the one [`key`] reads the same ("demande psy" for « Demande PSY (€) »).
    pub fn position(&self, raw: &[String]) -> Option<usize> {
        raw.iter()
            .position(|cell| cell.trim() == self.header)
            .or_else(|| {
                let wanted = key(&self.header);
                (!wanted.is_empty())
                    .then(|| raw.iter().position(|cell| key(cell) == wanted))
                    .flatten()
            })
    }

    /// A column or a header given twice: which, in French and English.
    pub fn conflict(mappings: &[Mapping]) -> Option<(String, String)> {
        for (i, m) in mappings.iter().enumerate() {
            for other in &mappings[..i] {
                if other.column == m.column {
                    let c = m.column.name();
                    return Some((
                        format!("--column : la colonne {c} est donnée deux fois"),
                        format!("--column: column {c} is given twice"),
                    ));
                }
                if key(&other.header) == key(&m.header) {
                    let h = &m.header;
                    return Some((
                        format!("--column : l'en-tête « {h} » est donné pour deux colonnes"),
                        format!("--column: header \"{h}\" is given for two columns"),
                    ));
                }
            }
        }
        None
    }
}

/// How a header was read (`secpa columns`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    /// The column's canonical name, as [`key`] reads it.
    Exact,
    /// One of the column's other names.
    Synonym,
    /// Mapped by hand (`--column KEY=HEADER`).
    Mapped,
    /// No column: not read (W006, or an empty header).
    Ignored,
    /// Taken for a column the file lacks (E016): the file is not used until it is renamed
    /// or mapped.
    Lookalike,
    /// A second header of a column already read (E007): not read.
    Duplicate,
}

impl How {
    /// The word `secpa columns` shows and its JSON gives.
    pub fn name(self) -> &'static str {
        match self {
            How::Exact => "exact",
            How::Synonym => "synonym",
            How::Mapped => "mapped",
            How::Ignored => "ignored",
            How::Lookalike => "lookalike",
            How::Duplicate => "duplicate",
        }
    }
}

impl Column {
    /// Number of known columns.
    pub const COUNT: usize = Column::ALL.len();

    /// The column a header names, if any: its canonical name or one of its synonyms, as
    /// [`key`] reads them.
    pub fn from_header(header: &str) -> Option<Column> {
        Column::matching(header).map(|(c, _)| c)
    }

    /// [`Column::from_header`], and whether by the canonical name or a synonym.
    pub fn matching(header: &str) -> Option<(Column, How)> {
        let wanted = key(header);
        if wanted.is_empty() {
            return None;
        }
        Column::ALL.iter().find_map(|c| {
            if key(c.name()) == wanted {
                Some((*c, How::Exact))
            } else if c.synonyms().iter().any(|s| key(s) == wanted) {
                Some((*c, How::Synonym))
            } else {
                None
            }
        })
    }

    /// The column of `absent` an unrecognised header is taken for (E016): one that changes
    /// an amount or the eligibility ([`Column::decides`]) and whose vocabulary shares a word
    /// with the header, whatever the resemblance (the most words shared, then the closest
    /// name, then the first in the table); else a typo of any absent column's name
    /// ([`Column::resembling`]). `None`: the header is only unknown (W006).
    pub fn lookalike(header: &str, absent: &[Column]) -> Option<Column> {
        let words = words(header);
        let mut best: Option<(usize, f64, Column)> = None;
        for c in absent.iter().copied().filter(|c| c.decides()) {
            let shared = c
                .vocabulary()
                .iter()
                .filter(|v| words.iter().any(|w| w == stem(v)))
                .count();
            if shared == 0 {
                continue;
            }
            let score = c.similarity(header);
            if best.is_none_or(|(n, s, _)| shared > n || (shared == n && score > s)) {
                best = Some((shared, score, c));
            }
        }
        best.map(|(_, _, c)| c)
            .or_else(|| Column::resembling(header, absent))
    }

    /// How close a header is to the column's closest name (Jaro-Winkler on [`key`]s).
    fn similarity(self, header: &str) -> f64 {
        let wanted = key(header);
        std::iter::once(self.name())
            .chain(self.synonyms().iter().copied())
            .map(|n| strsim::jaro_winkler(&wanted, &key(n)))
            .fold(0.0, f64::max)
    }

    /// How many rows from the top of a file may hold its header (title and blank rows
    /// above it are skipped).
    pub const HEADER_SEARCH: usize = 20;

    /// How many columns a row must name to be the header: one or two could be a title
    /// ("Structure", "Nom"), three make a table.
    pub const HEADER_MIN: usize = 3;

    /// How many different known columns a row's cells name.
    pub fn recognised<'a>(cells: impl IntoIterator<Item = &'a str>) -> usize {
        let mut seen = [false; Column::COUNT];
        for cell in cells {
            if let Some(c) = Column::from_header(cell) {
                seen[c.index()] = true;
            }
        }
        seen.iter().filter(|s| **s).count()
    }

    /// Whether a row's cells read as a header ([`Column::HEADER_MIN`] known columns).
    pub fn is_header<'a>(cells: impl IntoIterator<Item = &'a str>) -> bool {
        Column::recognised(cells) >= Column::HEADER_MIN
    }

    /// The closest known name to an unknown header, when close enough to be a typo.
    pub fn suggest(header: &str) -> Option<&'static str> {
        Column::resembling(header, Column::ALL).map(Column::name)
    }

    /// The column of `among` an unknown header most resembles: a typo of its name or of a
    /// synonym (Jaro-Winkler ≥ 0.85 on [`key`]s), or a header that contains its name or is
    /// contained in it ("Taux pauvreté INSEE", "Date").
    pub fn resembling(header: &str, among: &[Column]) -> Option<Column> {
        let wanted = key(header);
        if wanted.len() < 3 {
            return None;
        }
        among
            .iter()
            .flat_map(|c| {
                let names = std::iter::once(c.name()).chain(c.synonyms().iter().copied());
                names.map(move |n| (*c, key(n)))
            })
            .filter_map(|(c, name)| {
                let score = strsim::jaro_winkler(&wanted, &name);
                let contains =
                    name.len() >= 4 && (wanted.contains(&name) || name.contains(&wanted));
                (score >= 0.85 || contains).then_some((score + f64::from(u8::from(contains)), c))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c)
    }

    /// Whether the column changes an amount or the eligibility: every one but the name,
    /// which only labels the row.
    pub fn decides(self) -> bool {
        self != Column::Nom
    }

    /// Column labels, as the template writes them, for what a person reads: "Type de
    /// structure, Code QPV".
    pub fn labels(columns: &[Column]) -> String {
        columns
            .iter()
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The column of a canonical name (`annee_file_active`).
    pub fn from_name(name: &str) -> Option<Column> {
        Column::ALL.iter().copied().find(|c| c.name() == name)
    }

    /// Column names, for notices: "a, b, c".
    pub fn names(columns: &[Column]) -> String {
        columns
            .iter()
            .map(|c| c.name())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The column of a mission.
    pub fn of_mission(mission: Mission) -> Column {
        match mission {
            Mission::Proximite => Column::MissionProximite,
            Mission::AccueilVulnerables => Column::MissionAccueilVulnerables,
            Mission::SoutienPsychologique => Column::MissionSoutienPsychologique,
            Mission::MediationSante => Column::MissionMediationSante,
            Mission::DemarcheParticipative => Column::MissionDemarcheParticipative,
            Mission::AccompagnementSocial => Column::MissionAccompagnementSocial,
            Mission::Interpretariat => Column::MissionInterpretariat,
            Mission::Prevention => Column::MissionPrevention,
            Mission::FormationEvaluation => Column::MissionFormationEvaluation,
        }
    }

    /// The header a person reads in the template workbook (`secpa template`): French
    /// words that [`Column::from_header`] recognises as this column (a test checks it).
    pub fn label(self) -> &'static str {
        match self {
            Column::Finess => "N° FINESS",
            Column::Siret => "SIRET",
            Column::Nom => "Nom de la structure",
            Column::TypeStructure => "Type de structure",
            Column::CodeCommune => "Code commune INSEE",
            Column::Implantation => "Implantation",
            Column::CodeQpv => "Code QPV",
            Column::FileActiveMg => "File active MG",
            Column::AnneeFileActive => "Année de la file active",
            Column::TauxPauvrete => "Taux de pauvreté (%)",
            Column::TiersPayant => "Tiers payant",
            Column::TarifsOpposables => "Tarifs opposables",
            Column::OuvertATous => "Ouvert à tous",
            Column::ActiviteMg => "Activité majoritaire de médecine générale",
            Column::ActiviteParamedicale => "Activité paramédicale",
            Column::MissionProximite => "Mission proximité",
            Column::MissionAccueilVulnerables => "Mission accueil des vulnérables",
            Column::MissionSoutienPsychologique => "Mission soutien psychologique",
            Column::MissionMediationSante => "Mission médiation en santé",
            Column::MissionDemarcheParticipative => "Mission démarche participative",
            Column::MissionAccompagnementSocial => "Mission accompagnement social",
            Column::MissionInterpretariat => "Mission interprétariat",
            Column::MissionPrevention => "Mission prévention",
            Column::MissionFormationEvaluation => "Mission formation-évaluation",
            Column::AccordArsPsy => "Accord ARS soutien psychologique",
            Column::MontantPsyDemande => "Montant psy demandé (€)",
            Column::DateEntree => "Date d'entrée",
            Column::DateDepot => "Date de dépôt",
            Column::StructureFondatrice => "Structure fondatrice",
        }
    }

    /// What a cell of the column holds, as [`crate::candidature::Candidature::read`] types
    /// it: the template formats and validates each column by it.
    pub fn input(self) -> Input {
        use crate::model::{Implantation, TiersPayant, TypeStructure};
        match self {
            Column::Finess | Column::Siret | Column::CodeCommune | Column::CodeQpv => Input::Code,
            Column::Nom => Input::Text,
            // Offered as people write them; the canonical tokens stay readable.
            Column::TypeStructure => Input::Choice(TypeStructure::SPELLINGS.offered()),
            Column::Implantation => Input::Choice(Implantation::SPELLINGS.offered()),
            Column::TiersPayant => Input::Choice(TiersPayant::SPELLINGS.offered()),
            Column::FileActiveMg => Input::Count,
            Column::AnneeFileActive => Input::Year,
            Column::TauxPauvrete => Input::Percent,
            Column::MontantPsyDemande => Input::Amount,
            Column::DateEntree | Column::DateDepot => Input::Date,
            Column::TarifsOpposables
            | Column::OuvertATous
            | Column::ActiviteMg
            | Column::ActiviteParamedicale
            | Column::MissionProximite
            | Column::MissionAccueilVulnerables
            | Column::MissionSoutienPsychologique
            | Column::MissionMediationSante
            | Column::MissionDemarcheParticipative
            | Column::MissionAccompagnementSocial
            | Column::MissionInterpretariat
            | Column::MissionPrevention
            | Column::MissionFormationEvaluation
            | Column::AccordArsPsy
            | Column::StructureFondatrice => Input::YesNo,
        }
    }

    /// The optional columns of eligibility conditions (issue 21): checked when the file has
    /// them, said « non contrôlé » (I227) when it does not; never taken for an unknown
    /// header (E016), since a file without them is complete.
    pub fn is_optional_condition(self) -> bool {
        matches!(self, Column::ActiviteMg | Column::ActiviteParamedicale)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_ignoring_case_accents_spaces_and_hyphens() {
        assert_eq!(
            Column::from_header("File active MG"),
            Some(Column::FileActiveMg)
        );
        assert_eq!(
            Column::from_header(" Taux pauvreté "),
            Some(Column::TauxPauvrete)
        );
        assert_eq!(Column::from_header("date-entrée"), Some(Column::DateEntree));
        assert_eq!(Column::from_header("FINESS"), Some(Column::Finess));
        assert_eq!(Column::from_header("commentaire"), None);
    }

    #[test]
    fn a_header_names_three_columns() {
        assert!(Column::is_header(["N° FINESS", "Nom", "File active MG"]));
        assert!(!Column::is_header(["Candidatures SecPa 2021", "", ""]));
        assert!(!Column::is_header(["Nom", "nom", "structure", "Total"]));
        assert_eq!(Column::recognised(["Nom", "Date de dépôt", "x"]), 2);
    }

    #[test]
    fn mission_columns_are_named_after_the_mission() {
        for m in Mission::ALL {
            assert_eq!(Column::of_mission(*m).name(), m.label());
        }
    }

    #[test]
    fn suggestion_for_typos_only() {
        assert_eq!(Column::suggest("file_activ_mg"), Some("file_active_mg"));
        assert_eq!(Column::suggest("taux_pauvrte"), Some("taux_pauvrete"));
        assert_eq!(Column::suggest("commentaire libre"), None);
    }

    #[test]
    fn natural_french_headers() {
        for (header, column) in [
            ("Taux de pauvreté", Column::TauxPauvrete),
            ("Taux de pauvreté (%)", Column::TauxPauvrete),
            ("TAUX DE PAUVRETE %", Column::TauxPauvrete),
            ("Date d'entrée", Column::DateEntree),
            ("Date d’entrée", Column::DateEntree),
            ("Date de dépôt", Column::DateDepot),
            ("N° FINESS", Column::Finess),
            ("n° FINESS", Column::Finess),
            ("Type de structure", Column::TypeStructure),
            ("Année de la file active", Column::AnneeFileActive),
            ("Nom de la structure", Column::Nom),
            ("Code commune", Column::CodeCommune),
            ("File active MG", Column::FileActiveMg),
            ("Ouvert à tous", Column::OuvertATous),
            (
                "Mission accueil des vulnérables",
                Column::MissionAccueilVulnerables,
            ),
            ("Montant psy demandé (€)", Column::MontantPsyDemande),
        ] {
            assert_eq!(Column::from_header(header), Some(column), "{header}");
        }
        assert_eq!(Column::from_header("(%)"), None);
        assert_eq!(Column::from_header("de la"), None);
    }

    #[test]
    fn every_label_reads_back_as_its_column() {
        for c in Column::ALL {
            assert_eq!(Column::from_header(c.label()), Some(*c), "{}", c.label());
        }
    }

    #[test]
    fn every_name_is_one_column_only() {
        let mut seen = std::collections::HashMap::new();
        for c in Column::ALL {
            for name in std::iter::once(c.name()).chain(c.synonyms().iter().copied()) {
                if let Some(other) = seen.insert(key(name), *c) {
                    assert_eq!(other, *c, "{name} names two columns");
                }
            }
        }
    }

    #[test]
    fn lookalikes_of_a_missing_column() {
        let absent = [Column::TauxPauvrete, Column::DateDepot];
        assert_eq!(
            Column::resembling("Taux de précarité", &absent),
            Some(Column::TauxPauvrete)
        );
        assert_eq!(
            Column::resembling("Taux pauvreté INSEE 2019", &absent),
            Some(Column::TauxPauvrete)
        );
        assert_eq!(Column::resembling("Date", &absent), Some(Column::DateDepot));
        assert_eq!(Column::resembling("commentaire", &absent), None);
    }

    /// Headers as coordinators write them: every one quoted in issue 20, the wordings of the
    /// public sources (seeds 000 and 004) and of usual ARS forms. Each is read as its column,
    /// or, when the table does not name it, taken for that column while it is absent
    /// (E016): never ignored while its column is absent.
    const CORPUS: &[(&str, Column)] = &[
        // Issue 20.
        ("Demande psy (€)", Column::MontantPsyDemande),
        ("Budget psy", Column::MontantPsyDemande),
        ("Montant sollicité soutien psy", Column::MontantPsyDemande),
        ("Soutien psychologique : montant", Column::MontantPsyDemande),
        ("D4 demandée", Column::MontantPsyDemande),
        ("Soutien psy demandé (€)", Column::MontantPsyDemande),
        ("Identifiant QPV", Column::CodeQpv),
        ("Année de la file active", Column::AnneeFileActive),
        // Seeds 000 and 004 (call for candidatures, opinion of the Comité technique).
        ("File active en médecine générale", Column::FileActiveMg),
        ("Taux de pauvreté du territoire", Column::TauxPauvrete),
        (
            "Dotation de soutien psychologique",
            Column::MontantPsyDemande,
        ),
        (
            "Interprétariat professionnel",
            Column::MissionInterpretariat,
        ),
        ("Médiation en santé", Column::MissionMediationSante),
        ("QPV ou Quartier vécu", Column::Implantation),
        (
            "Quartier Prioritaire de la politique de la Ville",
            Column::CodeQpv,
        ),
        ("Patientèle précaire", Column::FileActiveMg),
        // Read by the table.
        ("N° FINESS géographique", Column::Finess),
        ("Code FINESS", Column::Finess),
        ("FINESS établissement", Column::Finess),
        ("N° SIRET", Column::Siret),
        ("SIREN", Column::Siret),
        ("Raison sociale", Column::Nom),
        ("Nom du centre", Column::Nom),
        ("Type de structure", Column::TypeStructure),
        ("CDS / MSP", Column::TypeStructure),
        ("Code INSEE de la commune", Column::CodeCommune),
        ("Code commune (INSEE)", Column::CodeCommune),
        ("COG", Column::CodeCommune),
        ("Type d'implantation", Column::Implantation),
        ("Zone d'implantation", Column::Implantation),
        ("Code QPV", Column::CodeQpv),
        ("Code du quartier prioritaire", Column::CodeQpv),
        ("File active MG", Column::FileActiveMg),
        ("Nombre de patients (file active MG)", Column::FileActiveMg),
        ("Patientèle MG", Column::FileActiveMg),
        ("Année de référence", Column::AnneeFileActive),
        ("Taux de pauvreté (%)", Column::TauxPauvrete),
        ("Taux de pauvreté de la commune", Column::TauxPauvrete),
        ("Taux pauvreté INSEE", Column::TauxPauvrete),
        ("Pratique du tiers payant", Column::TiersPayant),
        ("Secteur 1", Column::TarifsOpposables),
        ("Ouverte à tous", Column::OuvertATous),
        (
            "Activité majoritaire de médecine générale",
            Column::ActiviteMg,
        ),
        ("Médecine générale majoritaire", Column::ActiviteMg),
        ("Activité MG majoritaire (oui/non)", Column::ActiviteMg),
        ("Activité paramédicale", Column::ActiviteParamedicale),
        ("Activités paramédicales", Column::ActiviteParamedicale),
        ("Professionnels paramédicaux", Column::ActiviteParamedicale),
        (
            "Accueil des publics vulnérables",
            Column::MissionAccueilVulnerables,
        ),
        (
            "Démarche participative",
            Column::MissionDemarcheParticipative,
        ),
        ("Accompagnement social", Column::MissionAccompagnementSocial),
        ("Prévention", Column::MissionPrevention),
        (
            "Formation et évaluation",
            Column::MissionFormationEvaluation,
        ),
        ("Accord ARS", Column::AccordArsPsy),
        ("Accord de l'ARS", Column::AccordArsPsy),
        ("Accord ARS soutien psy", Column::AccordArsPsy),
        ("Montant D4", Column::MontantPsyDemande),
        ("Montant demandé psy", Column::MontantPsyDemande),
        ("Date d'entrée dans l'expérimentation", Column::DateEntree),
        ("Entrée", Column::DateEntree),
        ("Date de candidature", Column::DateDepot),
        ("Dépôt", Column::DateDepot),
        ("Date de dépôt du dossier", Column::DateDepot),
        ("Candidature déposée le", Column::DateDepot),
        (
            "Structure fondatrice (oui/non)",
            Column::StructureFondatrice,
        ),
        ("Structure préfiguratrice", Column::StructureFondatrice),
        ("Membre fondateur", Column::StructureFondatrice),
        // Not in the table: E016 while the column is absent.
        ("Psychologue : montant sollicité", Column::MontantPsyDemande),
        ("Montant total demandé", Column::MontantPsyDemande),
        (
            "Soutien psychologique (heures)",
            Column::MissionSoutienPsychologique,
        ),
        ("Quartier", Column::CodeQpv),
        ("Nom du QPV", Column::CodeQpv),
        ("Commune", Column::CodeCommune),
        ("Commune d'implantation", Column::CodeCommune),
        ("Code INSEE commune d'implantation", Column::CodeCommune),
        ("Taux de précarité", Column::TauxPauvrete),
        ("Taux de pauvreté 2019 (Filosofi)", Column::TauxPauvrete),
        ("Nombre de patients", Column::FileActiveMg),
        ("Patients médecin traitant", Column::FileActiveMg),
        ("Année", Column::AnneeFileActive),
        ("Date de début dans l'expérimentation", Column::DateEntree),
        ("Date de dépôt ARS", Column::DateDepot),
        ("Candidature reçue le", Column::DateDepot),
        ("Fondatrice ?", Column::StructureFondatrice),
        ("Accord ARS reçu le", Column::AccordArsPsy),
        ("Agrément ARS psychologue", Column::AccordArsPsy),
        ("Tiers-payant intégral", Column::TiersPayant),
        ("Tarifs opposables (secteur 1)", Column::TarifsOpposables),
        ("Interprète professionnel", Column::MissionInterpretariat),
        ("Actions de prévention", Column::MissionPrevention),
        ("Localisation", Column::Implantation),
    ];

    #[test]
    fn header_corpus_is_read_or_refused_never_ignored() {
        assert!(CORPUS.len() >= 60, "{} headers", CORPUS.len());
        let decisive: Vec<Column> = Column::ALL
            .iter()
            .copied()
            .filter(|c| c.decides())
            .collect();
        let (mut read, mut refused) = (0, 0);
        for (header, column) in CORPUS {
            match Column::from_header(header) {
                Some(c) => {
                    assert_eq!(c, *column, "{header} read as {}", c.name());
                    read += 1;
                }
                None => {
                    // Alone absent, it is the one taken; with every column absent, some
                    // column is: never W006.
                    assert_eq!(
                        Column::lookalike(header, &[*column]),
                        Some(*column),
                        "{header} ignored while {} is absent",
                        column.name()
                    );
                    assert!(Column::lookalike(header, &decisive).is_some(), "{header}");
                    refused += 1;
                }
            }
        }
        assert!(read > 0 && refused > 0, "{read} read, {refused} refused");
    }

    #[test]
    fn a_header_sharing_no_word_stays_unknown() {
        let decisive: Vec<Column> = Column::ALL
            .iter()
            .copied()
            .filter(|c| c.decides())
            .collect();
        for header in [
            "Commentaires",
            "Observations",
            "Adresse",
            "Téléphone",
            "Contact",
            "Remarques",
        ] {
            assert_eq!(Column::lookalike(header, &decisive), None, "{header}");
        }
    }

    #[test]
    fn the_psy_amount_wins_over_the_mission_on_more_words() {
        let both = [
            Column::MissionSoutienPsychologique,
            Column::MontantPsyDemande,
        ];
        assert_eq!(
            Column::lookalike("Psychologue : montant sollicité", &both),
            Some(Column::MontantPsyDemande)
        );
    }

    #[test]
    fn mappings_are_parsed_and_found() {
        let m = Mapping::parse("montant_psy_demande= Demande psy (€) ").unwrap();
        assert_eq!(m.column, Column::MontantPsyDemande);
        assert_eq!(m.header, "Demande psy (€)");
        assert!(Mapping::parse("montant=Demande psy").is_err());
        assert!(Mapping::parse("montant_psy_demande").is_err());
        assert!(Mapping::parse("montant_psy_demande=").is_err());
        let raw: Vec<String> = ["FINESS", " Demande PSY (€)"].map(String::from).to_vec();
        assert_eq!(m.position(&raw), Some(1));
        let twice = [m.clone(), m];
        assert!(Mapping::conflict(&twice).is_some());
    }
}
