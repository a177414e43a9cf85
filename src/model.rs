//! The domain's vocabulary, shared by rule files and candidature files: kinds of structure,
//! implantation, tiers payant, the nine missions and the QPV lists.

use serde::{Deserialize, Serialize};

/// Folds a label for lenient matching: lower case, Latin accents removed, and spaces,
/// hyphens, underscores and apostrophes dropped ("Quartier vécu" → "quartiervecu").
pub fn fold(label: &str) -> String {
    folded(label).collect()
}

/// [`fold`]'s characters, without allocating: closed-list cells are matched once per row.
pub fn folded(label: &str) -> impl Iterator<Item = char> + '_ {
    label.chars().flat_map(fold_char)
}

/// What one character folds to.
enum Folded {
    Text(std::str::Chars<'static>),
    Lower(std::char::ToLowercase),
}

impl Iterator for Folded {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            Folded::Text(chars) => chars.next(),
            Folded::Lower(lower) => lower.next(),
        }
    }
}

fn fold_char(c: char) -> Folded {
    let text = match c {
        ' ' | '\u{a0}' | '\u{202f}' | '\t' | '-' | '_' | '\'' | '\u{2019}' => "",
        'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => "a",
        'ç' | 'Ç' => "c",
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'î' | 'ï' | 'Î' | 'Ï' => "i",
        'ô' | 'ö' | 'Ô' | 'Ö' => "o",
        'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => "u",
        'ÿ' | 'Ÿ' => "y",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        c => return Folded::Lower(c.to_lowercase()),
    };
    Folded::Text(text.chars())
}

/// Implements the closed lists of values the candidature file and the rule files share.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $label)] $variant),+
        }

        impl $name {
            /// Every value, in the order of the documentation.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// How many values.
            pub const COUNT: usize = Self::ALL.len();

            /// The canonical spelling, as written in files and outputs.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Reads a value leniently (case, accents, spaces and hyphens ignored).
            pub fn parse(text: &str) -> Option<Self> {
                // The label as written (the usual case) without folding each character.
                let trimmed = text.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.label().eq_ignore_ascii_case(trimmed))
                    .or_else(|| {
                        Self::ALL
                            .iter()
                            .copied()
                            .find(|v| folded(text).eq(folded(v.label())))
                    })
            }

            /// The accepted values, for messages: "a, b, c".
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

vocabulary! {
    /// The kind of primary-care structure.
    TypeStructure { CentreDeSante => "centre_de_sante", Msp => "msp" }
}

vocabulary! {
    /// Where the structure stands relative to the priority neighbourhood.
    Implantation { Qpv => "qpv", QuartierVecu => "quartier_vecu" }
}

vocabulary! {
    /// How the structure practises tiers payant.
    TiersPayant { Integral => "integral", Partiel => "partiel", Non => "non" }
}

vocabulary! {
    /// Which official list of priority neighbourhoods a rule version refers to.
    QpvList { Qpv2015 => "2015", Qpv2024 => "2024" }
}

vocabulary! {
    /// The nine compulsory missions of a SecPa structure (cahier des charges).
    Mission {
        Proximite => "mission_proximite",
        AccueilVulnerables => "mission_accueil_vulnerables",
        SoutienPsychologique => "mission_soutien_psychologique",
        MediationSante => "mission_mediation_sante",
        DemarcheParticipative => "mission_demarche_participative",
        AccompagnementSocial => "mission_accompagnement_social",
        Interpretariat => "mission_interpretariat",
        Prevention => "mission_prevention",
        FormationEvaluation => "mission_formation_evaluation",
    }
}

vocabulary! {
    /// The four dotations, in the order of the cahier des charges.
    Dotation {
        Participative => "participative",
        Precarite => "precarite",
        Interpretariat => "interpretariat",
        Psychologique => "psychologique",
    }
}

impl Dotation {
    /// The French title of the dotation, for people.
    pub fn title(self, lang: crate::Lang) -> &'static str {
        use crate::Lang::{En, Fr};
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

impl Mission {
    /// The mission's name in plain words, for messages.
    pub fn title(self, lang: crate::Lang) -> &'static str {
        use crate::Lang::{En, Fr};
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_accents_spaces_and_hyphens() {
        assert_eq!(fold("Quartier Vécu"), "quartiervecu");
        assert_eq!(fold("file-active_MG"), "fileactivemg");
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn vocabulary_parses_leniently() {
        assert_eq!(
            TypeStructure::parse("Centre de santé"),
            Some(TypeStructure::CentreDeSante)
        );
        assert_eq!(TypeStructure::parse("MSP"), Some(TypeStructure::Msp));
        assert_eq!(
            Implantation::parse("quartier-vécu"),
            Some(Implantation::QuartierVecu)
        );
        assert_eq!(TiersPayant::parse("Intégral"), Some(TiersPayant::Integral));
        assert_eq!(TiersPayant::parse("parfois"), None);
        assert_eq!(Mission::ALL.len(), 9);
    }
}
