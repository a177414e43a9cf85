//! The names of the domain's values for people, in French or in English: the dotations
//! and the missions of the cahier des charges. The core names them by their keys only.

use crate::model::{Dotation, Mission};
use crate::Lang;

/// A value's name in plain words.
pub trait Title {
    fn title(self, lang: Lang) -> &'static str;
}

impl Title for Dotation {
    /// The French title of the dotation, for people.
    fn title(self, lang: Lang) -> &'static str {
        use Lang::{En, Fr};
        match (self, lang) {
            (Dotation::Participative, Fr) => "Activités participatives",
            (Dotation::Participative, En) => "Participatory activities",
            (Dotation::Precarite, Fr) => "Démarche participative et précarité",
            (Dotation::Precarite, En) => "Participatory work and precarity",
            (Dotation::Interpretariat, Fr) => "Interprétariat",
            (Dotation::Interpretariat, En) => "Interpreting",
            (Dotation::Psychologique, Fr) => "Soutien psychologique",
            (Dotation::Psychologique, En) => "Psychological support",
        }
    }
}

impl Title for Mission {
    /// The mission's name in plain words, for messages.
    fn title(self, lang: Lang) -> &'static str {
        use Lang::{En, Fr};
        match (self, lang) {
            (Mission::Proximite, Fr) => "exercice de proximité",
            (Mission::Proximite, En) => "local practice",
            (Mission::AccueilVulnerables, Fr) => "accueil adapté aux personnes vulnérables",
            (Mission::AccueilVulnerables, En) => "reception adapted to vulnerable people",
            (Mission::SoutienPsychologique, Fr) => "soutien psychologique",
            (Mission::SoutienPsychologique, En) => "psychological support",
            (Mission::MediationSante, Fr) => "médiation en santé",
            (Mission::MediationSante, En) => "health mediation",
            (Mission::DemarcheParticipative, Fr) => "démarche participative",
            (Mission::DemarcheParticipative, En) => "participatory approach",
            (Mission::AccompagnementSocial, Fr) => "accompagnement social",
            (Mission::AccompagnementSocial, En) => "social support",
            (Mission::Interpretariat, Fr) => "interprétariat professionnel",
            (Mission::Interpretariat, En) => "professional interpreting",
            (Mission::Prevention, Fr) => "prévention, promotion et éducation à la santé",
            (Mission::Prevention, En) => "prevention and health education",
            (Mission::FormationEvaluation, Fr) => "formation et évaluation",
            (Mission::FormationEvaluation, En) => "training and evaluation",
        }
    }
}
