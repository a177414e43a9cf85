//! The columns of a candidature file, their canonical names, and header matching that
//! ignores case, accents, spaces and hyphens.

use crate::model::{fold, Mission};

macro_rules! columns {
    ($($variant:ident => $name:literal),+ $(,)?) => {
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
        }
    };
}

columns! {
    Finess => "finess",
    Siret => "siret",
    Nom => "nom",
    TypeStructure => "type_structure",
    CodeCommune => "code_commune",
    Implantation => "implantation",
    CodeQpv => "code_qpv",
    FileActiveMg => "file_active_mg",
    AnneeFileActive => "annee_file_active",
    TauxPauvrete => "taux_pauvrete",
    TiersPayant => "tiers_payant",
    TarifsOpposables => "tarifs_opposables",
    OuvertATous => "ouvert_a_tous",
    MissionProximite => "mission_proximite",
    MissionAccueilVulnerables => "mission_accueil_vulnerables",
    MissionSoutienPsychologique => "mission_soutien_psychologique",
    MissionMediationSante => "mission_mediation_sante",
    MissionDemarcheParticipative => "mission_demarche_participative",
    MissionAccompagnementSocial => "mission_accompagnement_social",
    MissionInterpretariat => "mission_interpretariat",
    MissionPrevention => "mission_prevention",
    MissionFormationEvaluation => "mission_formation_evaluation",
    AccordArsPsy => "accord_ars_psy",
    MontantPsyDemande => "montant_psy_demande",
    DateEntree => "date_entree",
    DateDepot => "date_depot",
    StructureFondatrice => "structure_fondatrice",
}

impl Column {
    /// Number of known columns.
    pub const COUNT: usize = Column::ALL.len();

    /// The column a header names, if any (case, accents, spaces, hyphens ignored).
    pub fn from_header(header: &str) -> Option<Column> {
        let folded = fold(header.trim());
        Column::ALL
            .iter()
            .copied()
            .find(|c| fold(c.name()) == folded)
    }

    /// The closest known name to an unknown header, when close enough to be a typo.
    pub fn suggest(header: &str) -> Option<&'static str> {
        let folded = fold(header.trim());
        Column::ALL
            .iter()
            .map(|c| (strsim::jaro_winkler(&folded, &fold(c.name())), c.name()))
            .filter(|(score, _)| *score >= 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, name)| name)
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
}
