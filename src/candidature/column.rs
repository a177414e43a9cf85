//! The columns of a candidature file, their canonical names, the other names people give
//! them (one declarative table), and header matching that ignores case, accents, spaces,
//! hyphens, apostrophes, "N°", "(%)" and the small words "de", "d'", "du", "la"…

use crate::model::{fold, Mission};

macro_rules! columns {
    ($($variant:ident => $name:literal $([$($synonym:literal),* $(,)?])?),+ $(,)?) => {
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
        }
    };
}

// The table of names: canonical name, then the other names a coordinator may write. Case,
// accents, spaces, hyphens, apostrophes, "N°", "(%)" and "de/d'/du/la/le/les/des/en" are
// ignored by [`key`], so "Date d'entrée", "N° FINESS", "Taux de pauvreté (%)" and
// "Année de la file active" need no line here.
columns! {
    Finess => "finess" ["finess géographique", "finess et", "numéro finess"],
    Siret => "siret" ["numéro siret", "siren"],
    Nom => "nom" ["nom structure", "nom de la structure", "raison sociale", "structure"],
    TypeStructure => "type_structure" ["type"],
    CodeCommune => "code_commune" ["code insee", "code insee commune", "commune code insee", "code commune insee"],
    Implantation => "implantation" ["type d'implantation"],
    CodeQpv => "code_qpv" ["qpv", "code quartier prioritaire"],
    FileActiveMg => "file_active_mg" ["file active", "file active médecine générale", "file active en médecine générale"],
    AnneeFileActive => "annee_file_active" ["année file active mg"],
    TauxPauvrete => "taux_pauvrete" ["taux de pauvreté du territoire", "taux pauvreté territoire"],
    TiersPayant => "tiers_payant" [],
    TarifsOpposables => "tarifs_opposables" [],
    OuvertATous => "ouvert_a_tous" [],
    MissionProximite => "mission_proximite" [],
    MissionAccueilVulnerables => "mission_accueil_vulnerables" [],
    MissionSoutienPsychologique => "mission_soutien_psychologique" [],
    MissionMediationSante => "mission_mediation_sante" [],
    MissionDemarcheParticipative => "mission_demarche_participative" [],
    MissionAccompagnementSocial => "mission_accompagnement_social" [],
    MissionInterpretariat => "mission_interpretariat" [],
    MissionPrevention => "mission_prevention" [],
    MissionFormationEvaluation => "mission_formation_evaluation" [],
    AccordArsPsy => "accord_ars_psy" ["accord ars soutien psychologique"],
    MontantPsyDemande => "montant_psy_demande" ["montant psy", "montant soutien psychologique demandé", "montant demandé soutien psychologique"],
    DateEntree => "date_entree" ["date d'entrée dans l'expérimentation", "date entrée expérimentation"],
    DateDepot => "date_depot" ["date de dépôt de la candidature", "date dépôt candidature"],
    StructureFondatrice => "structure_fondatrice" ["fondatrice"],
}

/// What a column's cells hold, for the template workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// An identifier written with digits whose leading zeros count (FINESS, SIRET, codes):
    /// text, never a number.
    Code,
    /// Free text.
    Text,
    /// One of a closed list, spelled as the file writes it.
    Choice(Vec<&'static str>),
    /// oui or non.
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

impl Column {
    /// Number of known columns.
    pub const COUNT: usize = Column::ALL.len();

    /// The column a header names, if any: its canonical name or one of its synonyms, as
    /// [`key`] reads them.
    pub fn from_header(header: &str) -> Option<Column> {
        let wanted = key(header);
        if wanted.is_empty() {
            return None;
        }
        Column::ALL
            .iter()
            .copied()
            .find(|c| key(c.name()) == wanted || c.synonyms().iter().any(|s| key(s) == wanted))
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
        fn labels<T: Copy>(all: &'static [T], label: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|v| label(*v)).collect()
        }
        match self {
            Column::Finess | Column::Siret | Column::CodeCommune | Column::CodeQpv => Input::Code,
            Column::Nom => Input::Text,
            Column::TypeStructure => {
                Input::Choice(labels(TypeStructure::ALL, TypeStructure::label))
            }
            Column::Implantation => Input::Choice(labels(Implantation::ALL, Implantation::label)),
            Column::TiersPayant => Input::Choice(labels(TiersPayant::ALL, TiersPayant::label)),
            Column::FileActiveMg => Input::Count,
            Column::AnneeFileActive => Input::Year,
            Column::TauxPauvrete => Input::Percent,
            Column::MontantPsyDemande => Input::Amount,
            Column::DateEntree | Column::DateDepot => Input::Date,
            Column::TarifsOpposables
            | Column::OuvertATous
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
}
