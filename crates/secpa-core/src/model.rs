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

/// A closed list of the candidature file as people write it: the spellings offered to them
/// (drop-down lists, the one-structure form, messages) and the other spellings read as the
/// same value. Like a column's header synonyms, this is the input format's vocabulary: one
/// table per list, here; the canonical tokens (`msp`) stay accepted through
/// [`TypeStructure::parse`] and its siblings.
#[derive(Debug)]
pub struct Spellings<T: 'static> {
    /// One spelling per value, in the list's order: what secpa offers and names.
    pub offered: &'static [(&'static str, T)],
    /// Other spellings people type for a value (abbreviations, longer forms).
    pub also: &'static [(&'static str, T)],
}

impl<T: Copy> Spellings<T> {
    /// The value a cell spells, compared leniently ([`fold`]: case, accents, spaces,
    /// hyphens, underscores, apostrophes) without allocating: cells are read once per row.
    pub fn read(&self, text: &str) -> Option<T> {
        let text = text.trim();
        self.exact(text).or_else(|| self.folded(text))
    }

    /// A spelling written as in the table (the usual case), without folding a character.
    fn exact(&self, text: &str) -> Option<T> {
        self.offered
            .iter()
            .chain(self.also)
            .find(|(s, _)| s.eq_ignore_ascii_case(text))
            .map(|(_, v)| *v)
    }

    /// A spelling as [`fold`] compares it.
    fn folded(&self, text: &str) -> Option<T> {
        self.offered
            .iter()
            .chain(self.also)
            .find(|(s, _)| folded(text).eq(folded(s)))
            .map(|(_, v)| *v)
    }

    /// The offered spellings, in order.
    pub fn offered(&self) -> Vec<&'static str> {
        self.offered.iter().map(|(s, _)| *s).collect()
    }
}

/// Implements reading a closed list as people write it, from its [`Spellings`] table.
macro_rules! spelled {
    ($name:ident, $table:expr) => {
        impl $name {
            /// How people write each value, and what else they type for it.
            pub const SPELLINGS: Spellings<$name> = $table;

            /// Reads a cell: a spelling of [`Self::SPELLINGS`] or the canonical token.
            pub fn read(text: &str) -> Option<Self> {
                let text = text.trim();
                // Written exactly (a person's spelling, or a token a program wrote) before
                // folding a character: what most cells of a 100 000-row file are.
                Self::SPELLINGS
                    .exact(text)
                    .or_else(|| {
                        Self::ALL
                            .iter()
                            .copied()
                            .find(|v| v.label().eq_ignore_ascii_case(text))
                    })
                    .or_else(|| Self::SPELLINGS.folded(text))
                    .or_else(|| Self::parse(text))
            }

            /// The value as people write it (the drop-down's and the messages' spelling).
            pub fn written(self) -> &'static str {
                Self::SPELLINGS
                    .offered
                    .iter()
                    .find(|(_, v)| *v == self)
                    .map_or(self.label(), |(s, _)| *s)
            }
        }
    };
}

// The kind of structure: the two legal kinds (code de la santé publique, L6323-1 centres de
// santé, L6323-3 maisons de santé) and how coordinators name them. A centre de santé is
// read under the adjectives that keep general medicine in it (polyvalent, médical,
// pluriprofessionnel) or that say who runs it; « infirmier », « dentaire »,
// « ophtalmologique » are refused: a centre without general medicine is not what the call
// is for, and the person must say what she means. « Pôle de santé », « maison médicale »,
// « CPTS » are other things, refused.
spelled!(
    TypeStructure,
    Spellings {
        offered: &[
            ("Centre de santé", TypeStructure::CentreDeSante),
            (
                "Maison de santé pluriprofessionnelle (MSP)",
                TypeStructure::Msp
            ),
        ],
        also: &[
            ("CDS", TypeStructure::CentreDeSante),
            ("Centre de santé (CDS)", TypeStructure::CentreDeSante),
            ("Centre de santé polyvalent", TypeStructure::CentreDeSante),
            ("Centre de santé médical", TypeStructure::CentreDeSante),
            (
                "Centre de santé pluriprofessionnel",
                TypeStructure::CentreDeSante
            ),
            (
                "Centre de santé communautaire",
                TypeStructure::CentreDeSante
            ),
            ("Centre de santé participatif", TypeStructure::CentreDeSante),
            ("Centre de santé associatif", TypeStructure::CentreDeSante),
            ("Centre de santé municipal", TypeStructure::CentreDeSante),
            ("MSP", TypeStructure::Msp),
            ("Maison de santé pluriprofessionnelle", TypeStructure::Msp),
            ("Maison de santé", TypeStructure::Msp),
            ("Maison de santé pluridisciplinaire", TypeStructure::Msp),
            ("Maison de santé participative", TypeStructure::Msp),
            ("Maison de santé communautaire", TypeStructure::Msp),
            ("MSPU", TypeStructure::Msp),
            (
                "Maison de santé pluriprofessionnelle universitaire",
                TypeStructure::Msp
            ),
            ("MSP universitaire", TypeStructure::Msp),
        ],
    }
);

// Where the structure stands. « QV » is refused: in the politique de la ville it is as
// often a quartier de veille (a former priority area) as a quartier vécu. « Hors QPV » is
// refused too: outside a QPV is not necessarily a quartier vécu.
spelled!(
    Implantation,
    Spellings {
        offered: &[
            ("Quartier prioritaire (QPV)", Implantation::Qpv),
            ("Quartier vécu", Implantation::QuartierVecu),
        ],
        also: &[
            ("QPV", Implantation::Qpv),
            ("En QPV", Implantation::Qpv),
            ("Dans un QPV", Implantation::Qpv),
            ("Quartier prioritaire", Implantation::Qpv),
            ("Quartier prioritaire de la ville", Implantation::Qpv),
            (
                "Quartier prioritaire de la politique de la ville",
                Implantation::Qpv
            ),
            ("Quartier politique de la ville", Implantation::Qpv),
            ("En quartier prioritaire", Implantation::Qpv),
            ("En quartier vécu", Implantation::QuartierVecu),
            ("Quartier vécu d'un QPV", Implantation::QuartierVecu),
        ],
    }
);

// The tiers payant practised, in the call's words (« le tiers payant intégral »): intégral
// covers both parts (AMO and AMC), partiel the compulsory part only. « Généralisé » is
// refused: it says every patient, not which parts, so it could be either; « Oui » too.
spelled!(
    TiersPayant,
    Spellings {
        offered: &[
            ("Intégral", TiersPayant::Integral),
            ("Partiel", TiersPayant::Partiel),
            ("Non", TiersPayant::Non),
        ],
        also: &[
            ("Intégrale", TiersPayant::Integral),
            ("Total", TiersPayant::Integral),
            ("Totale", TiersPayant::Integral),
            ("Tiers payant intégral", TiersPayant::Integral),
            ("TP intégral", TiersPayant::Integral),
            ("AMO et AMC", TiersPayant::Integral),
            ("AMO + AMC", TiersPayant::Integral),
            ("Partielle", TiersPayant::Partiel),
            ("Tiers payant partiel", TiersPayant::Partiel),
            ("TP partiel", TiersPayant::Partiel),
            ("AMO seule", TiersPayant::Partiel),
            ("AMO uniquement", TiersPayant::Partiel),
            ("Aucun", TiersPayant::Non),
            ("Pas de tiers payant", TiersPayant::Non),
            ("Non pratiqué", TiersPayant::Non),
        ],
    }
);

/// A yes/no cell (conditions, missions, the ARS agreement, founder). A ticked box is yes:
/// « x » (the letter of « cocher d'une croix »), ✓ ✔ ☑ ☒ ✅; a cross mark is no: ✗ ✘ ❌,
/// and ☐ (an empty box). An empty cell is no (a hyphen alone folds to empty: no too).
/// « true »/« false » are what a spreadsheet's boolean cell becomes.
pub const YES_NO: Spellings<bool> = Spellings {
    offered: &[("oui", true), ("non", false)],
    also: &[
        ("", false),
        ("o", true),
        ("x", true),
        ("✓", true),
        ("✔", true),
        ("☑", true),
        ("☒", true),
        ("✅", true),
        ("1", true),
        ("vrai", true),
        ("true", true),
        ("yes", true),
        ("n", false),
        ("✗", false),
        ("✘", false),
        ("❌", false),
        ("☐", false),
        ("0", false),
        ("faux", false),
        ("false", false),
        ("no", false),
    ],
};

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

    /// A list's reader, giving the value's `Debug`.
    type Reader = fn(&str) -> Option<String>;

    /// Every spelling of every closed list of the candidature file, with the value it reads
    /// as (its `Debug`) and its list's reader; the canonical tokens included.
    fn spellings() -> Vec<(&'static str, String, Reader)> {
        spellings_of()
            .into_iter()
            .map(|(_, s, v, r)| (s, v, r))
            .collect()
    }

    /// [`spellings`], each with the name of its list.
    fn spellings_of() -> Vec<(&'static str, &'static str, String, Reader)> {
        fn table<T: Copy + std::fmt::Debug>(
            t: &Spellings<T>,
            tokens: &[(&'static str, T)],
            read: Reader,
        ) -> Vec<(&'static str, &'static str, String, Reader)> {
            let list = std::any::type_name::<T>();
            t.offered
                .iter()
                .chain(t.also)
                .chain(tokens)
                .map(|(s, v)| (list, *s, format!("{v:?}"), read))
                .collect()
        }
        fn tokens<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<(&'static str, T)> {
            all.iter().map(|v| (label(*v), *v)).collect()
        }
        let mut all = table(
            &TypeStructure::SPELLINGS,
            &tokens(TypeStructure::ALL, TypeStructure::label),
            |s| TypeStructure::read(s).map(|v| format!("{v:?}")),
        );
        all.extend(table(
            &Implantation::SPELLINGS,
            &tokens(Implantation::ALL, Implantation::label),
            |s| Implantation::read(s).map(|v| format!("{v:?}")),
        ));
        all.extend(table(
            &TiersPayant::SPELLINGS,
            &tokens(TiersPayant::ALL, TiersPayant::label),
            |s| TiersPayant::read(s).map(|v| format!("{v:?}")),
        ));
        all.extend(table(&YES_NO, &[], |s| {
            YES_NO.read(s).map(|v| format!("{v:?}"))
        }));
        all
    }

    /// What a cell reads as, by the allocating [`fold`]: the oracle of the proptests.
    fn oracle(text: &str, list: &str) -> Option<String> {
        let mut found = spellings_of()
            .into_iter()
            .filter(|(l, s, _, _)| *l == list && fold(s) == fold(text))
            .map(|(_, _, v, _)| v);
        let first = found.next();
        assert!(
            found.all(|v| Some(&v) == first.as_ref()),
            "{text}: two values"
        );
        first
    }

    #[test]
    fn values_as_people_write_them() {
        use Implantation::{Qpv, QuartierVecu};
        use TiersPayant::{Integral, Non, Partiel};
        use TypeStructure::{CentreDeSante, Msp};
        let kinds = [
            ("Centre de santé", CentreDeSante),
            ("CENTRE DE SANTE", CentreDeSante),
            ("CDS", CentreDeSante),
            ("cds", CentreDeSante),
            ("Centre de santé polyvalent", CentreDeSante),
            ("centre de santé médical", CentreDeSante),
            ("centre_de_sante", CentreDeSante),
            ("Maison de santé pluriprofessionnelle", Msp),
            ("Maison de santé pluriprofessionnelle (MSP)", Msp),
            ("Maison de Santé", Msp),
            ("MSP", Msp),
            ("MSPU", Msp),
            ("msp", Msp),
        ];
        for (text, value) in kinds {
            assert_eq!(TypeStructure::read(text), Some(value), "{text}");
        }
        for text in [
            "QPV",
            "qpv",
            "Quartier prioritaire",
            "Quartier prioritaire de la politique de la ville",
            "En QPV",
            "Quartier prioritaire (QPV)",
        ] {
            assert_eq!(Implantation::read(text), Some(Qpv), "{text}");
        }
        for text in [
            "Quartier vécu",
            "quartier_vecu",
            "Quartier-Vécu",
            "en quartier vécu",
        ] {
            assert_eq!(Implantation::read(text), Some(QuartierVecu), "{text}");
        }
        for (text, value) in [
            ("Intégral", Integral),
            ("integral", Integral),
            ("Total", Integral),
            ("Partiel", Partiel),
            ("partiel", Partiel),
            ("Non", Non),
            ("Aucun", Non),
        ] {
            assert_eq!(TiersPayant::read(text), Some(value), "{text}");
        }
        // Refused: what could be either value, or is another thing.
        for text in ["QV", "Hors QPV", "Quartier", "", "qpv 2024"] {
            assert_eq!(Implantation::read(text), None, "{text}");
        }
        for text in ["Généralisé", "Oui", "parfois", ""] {
            assert_eq!(TiersPayant::read(text), None, "{text}");
        }
        for text in [
            "Centre de santé infirmier",
            "Centre de santé dentaire",
            "Pôle de santé",
            "Maison médicale",
            "CPTS",
            "",
        ] {
            assert_eq!(TypeStructure::read(text), None, "{text}");
        }
    }

    #[test]
    fn yes_and_no_as_people_write_them() {
        for yes in [
            "oui", "OUI", "Oui ", "O", "o", "x", "X", "✓", "✔", "☑", "☒", "✅", "1", "true",
            "vrai", "yes",
        ] {
            assert_eq!(YES_NO.read(yes), Some(true), "{yes}");
        }
        for no in [
            "non", "Non", "N", "n", "✗", "✘", "❌", "☐", "0", "false", "faux", "no", "", "  ", "-",
        ] {
            assert_eq!(YES_NO.read(no), Some(false), "{no}");
        }
        for neither in ["peut-être", "oui/non", "?", "ok", "2", "xx", "v"] {
            assert_eq!(YES_NO.read(neither), None, "{neither}");
        }
    }

    #[test]
    fn the_offered_spellings_are_the_peoples() {
        assert_eq!(
            TypeStructure::SPELLINGS.offered(),
            [
                "Centre de santé",
                "Maison de santé pluriprofessionnelle (MSP)"
            ]
        );
        assert_eq!(
            Implantation::SPELLINGS.offered(),
            ["Quartier prioritaire (QPV)", "Quartier vécu"]
        );
        assert_eq!(
            TiersPayant::SPELLINGS.offered(),
            ["Intégral", "Partiel", "Non"]
        );
        assert_eq!(YES_NO.offered(), ["oui", "non"]);
        // One offered spelling per value, each written() as offered.
        assert_eq!(TypeStructure::SPELLINGS.offered.len(), TypeStructure::COUNT);
        assert_eq!(Implantation::SPELLINGS.offered.len(), Implantation::COUNT);
        assert_eq!(TiersPayant::SPELLINGS.offered.len(), TiersPayant::COUNT);
        for t in TypeStructure::ALL {
            assert_eq!(TypeStructure::read(t.written()), Some(*t));
        }
        assert_eq!(TiersPayant::Integral.written(), "Intégral");
    }

    /// No spelling of a list folds like a spelling of another value of the same list: the
    /// table can never read one cell two ways (the oracle asserts it).
    #[test]
    fn no_spelling_reads_two_ways() {
        for (list, text, value, read) in spellings_of() {
            assert_eq!(oracle(text, list), Some(value.clone()), "{text}");
            assert_eq!(read(text), Some(value), "{text}");
        }
    }

    /// How a person may write a spelling: each character in either case, a vowel or a c
    /// with or without its accent, separators (spaces, non-breaking spaces, hyphens,
    /// underscores) added around any character.
    fn as_typed(spelling: &str, noise: &[u8]) -> String {
        let mut out = String::new();
        let mut noise = noise.iter().copied().cycle();
        let mut next = || noise.next().unwrap_or(0);
        for c in spelling.chars() {
            if next() % 5 == 0 {
                out.push([' ', '\u{a0}', '-', '_', '\u{202f}'][usize::from(next()) % 5]);
            }
            let base = fold(&c.to_string());
            let variants: &[char] = match base.as_str() {
                "e" => &['e', 'é', 'è', 'ê', 'ë', 'E', 'É', 'È'],
                "a" => &['a', 'à', 'â', 'A', 'À', 'Â'],
                "i" => &['i', 'î', 'ï', 'I', 'Î'],
                "o" => &['o', 'ô', 'O', 'Ô'],
                "u" => &['u', 'ù', 'û', 'U', 'Û'],
                "c" => &['c', 'ç', 'C', 'Ç'],
                "" => &[' ', '-', '_'],
                _ => &[],
            };
            match variants {
                [] if next() % 2 == 0 => out.extend(c.to_uppercase()),
                [] => out.extend(c.to_lowercase()),
                v => out.push(v[usize::from(next()) % v.len()]),
            }
        }
        if next() % 3 == 0 {
            out.push(' ');
            out.insert(0, '\u{a0}');
        }
        out
    }

    proptest::proptest! {
        /// Every accepted spelling, typed with any case, accents and spacing, reads as its value.
        #[test]
        fn every_spelling_reads_however_typed(
            pick in 0usize..1000,
            noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..64),
        ) {
            let all = spellings();
            let (spelling, value, read) = &all[pick % all.len()];
            let typed = as_typed(spelling, &noise);
            proptest::prop_assert_eq!(read(&typed), Some(value.clone()), "{:?} typed {:?}", spelling, typed);
        }

        /// Anything else is refused, never panics: a cell reads as a value exactly when it
        /// folds like one of that value's spellings.
        #[test]
        fn anything_else_is_refused(
            text in "(\\PC{0,24}|[a-zA-Zéèàçô ()'_+✓✗-]{0,24})",
            pick in 0usize..1000,
            at in 0usize..64,
            with in "\\PC",
        ) {
            let all = spellings_of();
            let (list, spelling, _, read) = &all[pick % all.len()];
            // A near miss: one character of a spelling replaced.
            let mut near: Vec<char> = spelling.chars().collect();
            if !near.is_empty() {
                let i = at % near.len();
                near[i] = with.chars().next().unwrap_or('?');
            }
            let near: String = near.into_iter().collect();
            for cell in [text.as_str(), near.as_str()] {
                proptest::prop_assert_eq!(read(cell), oracle(cell, list), "{:?}", cell);
            }
        }
    }
}
