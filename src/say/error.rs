//! The fatal errors (`crate::Error`) in words, French or English, with every detail people
//! need to act. The two translations they share with other messages (the TOML reader's
//! refusals, the system's input-output errors) are [`super::reason`]'s, re-exported here.

use crate::error::{Error, Sum};
use crate::rules::new::NewError;
use crate::Lang;

pub use super::reason::{io_kind_reason, io_reason, toml_reason};

/// Which sum overflowed, as the message names it.
fn sum(what: Sum, lang: Lang) -> &'static str {
    match (what, lang) {
        (Sum::Batch, Lang::Fr) => "des dotations du lot",
        (Sum::Batch, Lang::En) => "of the batch's allocations",
        (Sum::Budget, Lang::Fr) => "du budget du lot",
        (Sum::Budget, Lang::En) => "of the batch's budget",
    }
}

/// The first line of an error: what happened, in one sentence.
pub(crate) fn head(e: &Error, lang: Lang) -> String {
    match e {
        Error::Read { path, source } => say!(
            lang,
            format!("impossible de lire {path} : {}", io_reason(source, lang)),
            format!("cannot read {path}: {}", io_reason(source, lang)),
        ),
        Error::Write { path, source } => say!(
            lang,
            format!("impossible d'écrire {path} : {}", io_reason(source, lang)),
            format!("cannot write {path}: {}", io_reason(source, lang)),
        ),
        Error::OutputIsInput { path } => say!(
            lang,
            format!("{path} est un fichier d'entrée : choisissez un autre fichier de sortie"),
            format!("{path} is an input file: choose another output file"),
        ),
        Error::OutputIsStdin { path } => say!(
            lang,
            format!("{path} est le fichier lu sur l'entrée standard (< {path}) : choisissez un autre fichier de sortie"),
            format!("{path} is the file read on standard input (< {path}): choose another output file"),
        ),
        Error::RuleFileTooLarge { path, limit } => say!(
            lang,
            format!("fichier de règles {path} trop volumineux : plus de {limit} octets (R011)"),
            format!("rule file {path} too large: over {limit} bytes (R011)"),
        ),
        Error::InvalidRules { .. } => {
            say!(lang, "fichier de règles invalide", "invalid rule file").to_owned()
        }
        Error::DuplicateVersion { id } => say!(
            lang,
            format!("deux fichiers de règles portent l'identifiant {id}"),
            format!("two rule files have the id {id}"),
        ),
        Error::OverlappingVersions {
            first,
            first_origin,
            until,
            second,
            second_origin,
            from,
        } => say!(
            lang,
            format!("les versions {first} ({first_origin}, jusqu'au {until}) et {second} ({second_origin}, à partir du {from}) sont en vigueur les mêmes jours (R007) : fermez la première la veille du début de la seconde, ou --only-rules pour n'utiliser que les fichiers donnés"),
            format!("versions {first} ({first_origin}, until {until}) and {second} ({second_origin}, from {from}) are in force on the same days (R007): end the first the day before the second starts, or --only-rules to use the given files alone"),
        ),
        Error::NoVersionOnDate { date, .. } => say!(
            lang,
            format!("aucune version des règles n'est en vigueur le {date}"),
            format!("no rule version is in force on {date}"),
        ),
        Error::UnknownVersion { id, .. } => say!(
            lang,
            format!("aucune version des règles n'a l'identifiant {id}"),
            format!("no rule version has the id {id}"),
        ),
        Error::NoVersionInYear { year, .. } => say!(
            lang,
            format!("aucune version des règles ne couvre l'année {year}"),
            format!("no rule version covers the year {year}"),
        ),
        Error::NewVersion {
            id,
            why: NewError::NotADate,
        } => say!(
            lang,
            format!("identifiant de version « {id} » : une date AAAA-MM-JJ, le premier jour de validité"),
            format!("version id \"{id}\": a date YYYY-MM-DD, the first day of validity"),
        ),
        Error::NewVersion {
            id,
            why: NewError::StartsTooEarly { previous, until },
        } => say!(
            lang,
            format!("la version {id} commencerait avant la fin de {previous} (le {until}) : deux versions en vigueur le même jour (R007) ; choisissez un identifiant postérieur"),
            format!("version {id} would start before the end of {previous} ({until}): two versions in force on the same day (R007); choose a later id"),
        ),
        Error::Today { text } => say!(
            lang,
            format!("SECPA_TODAY={text} n'est pas une date AAAA-MM-JJ"),
            format!("SECPA_TODAY={text} is not a YYYY-MM-DD date"),
        ),
        Error::Overflow { what } => say!(
            lang,
            format!("le total {} dépasse la capacité des décimaux exacts (environ 7,9 × 10²⁸) : il n'est pas calculé", sum(*what, lang)),
            format!("the total {} exceeds what exact decimals hold (about 7.9 × 10²⁸): it is not computed", sum(*what, lang)),
        ),
    }
}

/// The message for people, in their language, with every detail they need to act.
pub fn render(e: &Error, lang: Lang) -> String {
    let head = head(e, lang);
    match e {
        Error::InvalidRules { problems } => {
            let mut out = head;
            for p in problems {
                let sep = say!(lang, " : ", ": ");
                let key = p
                    .key
                    .as_deref()
                    .map(|k| format!("{k}{sep}"))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "\n  {}:{}:{}: {key}{}",
                    p.origin,
                    p.line,
                    p.column,
                    super::rules::fault(&p.fault, lang)
                ));
            }
            out
        }
        Error::NoVersionOnDate { versions, .. }
        | Error::UnknownVersion { versions, .. }
        | Error::NoVersionInYear { versions, .. } => {
            let available = say!(lang, "versions disponibles :", "available versions:");
            let list: String = versions
                .iter()
                .map(|v| format!("\n  {} ({} → {})", v.id, v.from, v.until))
                .collect();
            format!("{head} ; {available}{list}")
        }
        _ => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_in_words_with_the_detail_kept() {
        let gone = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&gone, Lang::Fr), "fichier introuvable");
        assert_eq!(io_reason(&gone, Lang::En), "file not found");
        let other = std::io::Error::other("disk on fire");
        assert_eq!(
            io_reason(&other, Lang::Fr),
            "erreur du système (disk on fire)"
        );
        let e = Error::Read {
            path: "a.csv".into(),
            source: gone,
        };
        assert_eq!(
            render(&e, Lang::Fr),
            "impossible de lire a.csv : fichier introuvable"
        );
        assert!(!render(&e, Lang::Fr).contains("os error"));
    }

    /// Every error has its sentence in each language, the English without French signs.
    #[test]
    fn every_error_in_both_languages() {
        let day = |s: &str| s.parse().expect("date");
        let s = |t: &str| t.to_owned();
        let errors = vec![
            Error::OutputIsInput { path: s("a.csv") },
            Error::OutputIsStdin { path: s("a.csv") },
            Error::RuleFileTooLarge {
                path: s("r.toml"),
                limit: 1,
            },
            Error::InvalidRules {
                problems: vec![crate::error::RuleProblem {
                    origin: s("r.toml"),
                    line: 3,
                    column: 1,
                    key: Some(s("id")),
                    fault: crate::rules::fault::Fault::EmptyId,
                }],
            },
            Error::DuplicateVersion { id: s("v") },
            Error::OverlappingVersions {
                first: s("a"),
                first_origin: s("a.toml"),
                until: day("2022-12-31"),
                second: s("b"),
                second_origin: s("b.toml"),
                from: day("2022-06-01"),
            },
            Error::NoVersionOnDate {
                date: day("2020-01-01"),
                versions: vec![crate::rules::Validity {
                    id: s("a"),
                    from: day("2021-08-01"),
                    until: day("2022-02-02"),
                }],
            },
            Error::UnknownVersion {
                id: s("x"),
                versions: vec![crate::rules::Validity {
                    id: s("a"),
                    from: day("2021-08-01"),
                    until: day("2022-02-02"),
                }],
            },
            Error::NoVersionInYear {
                year: 2019,
                versions: vec![crate::rules::Validity {
                    id: s("a"),
                    from: day("2021-08-01"),
                    until: day("2022-02-02"),
                }],
            },
            Error::Today { text: s("hier") },
            Error::NewVersion {
                id: s("v3"),
                why: NewError::NotADate,
            },
            Error::NewVersion {
                id: s("2022-01-01"),
                why: NewError::StartsTooEarly {
                    previous: s("2021-08-01"),
                    until: day("2022-02-02"),
                },
            },
            Error::Overflow { what: Sum::Batch },
            Error::Overflow { what: Sum::Budget },
        ];
        for e in &errors {
            let (fr, en) = (render(e, Lang::Fr), render(e, Lang::En));
            assert_ne!(fr, en, "{e:?}");
            assert!(fr.starts_with(&head(e, Lang::Fr)), "{e:?}");
            for marker in ["«", " : ", "é", "è", "à"] {
                assert!(!en.contains(marker), "{e:?}: {en}");
            }
        }
        assert_eq!(
            render(&Error::Today { text: s("hier") }, Lang::En),
            "SECPA_TODAY=hier is not a YYYY-MM-DD date"
        );
    }

    #[test]
    fn toml_messages_in_french_with_their_detail() {
        let fr = |m| toml_reason(m, Lang::Fr);
        assert_eq!(
            fr("unknown field `x`, expected one of `a`, `b`"),
            "clé inconnue `x` ; clés possibles : `a`, `b`"
        );
        assert_eq!(
            fr("missing field `source`"),
            "clé obligatoire absente : `source`"
        );
        assert_eq!(
            fr("invalid type: integer `3`, expected a boolean"),
            "type refusé : entier `3` (attendu : a boolean)"
        );
        assert_eq!(
            fr("invalid basic string"),
            "contenu refusé par le lecteur TOML (invalid basic string)"
        );
        assert_eq!(
            toml_reason("missing field `a`", Lang::En),
            "missing field `a`"
        );
        assert_eq!(
            fr("unknown variant `half_up`, expected one of `half_even`, `toward_zero`"),
            "valeur inconnue `half_up` ; valeurs possibles : `half_even`, `toward_zero`"
        );
        assert_eq!(
            fr("\"5e3x\" is not a decimal number"),
            "\"5e3x\" n'est pas un nombre décimal"
        );
        assert_eq!(
            fr("\"5000000000\" is too large: at most 1000000000 in absolute value"),
            "\"5000000000\" est trop grand : au plus 1000000000 en valeur absolue"
        );
        assert_eq!(
            toml_reason(
                "invalid type: floating point `50000.0`, expected a decimal written as a string, such as \"22800\" or \"37.5\"",
                Lang::En
            ),
            "floating point `50000.0` refused: a decimal is written in quotes, such as \"22800\" or \"37.5\" (a TOML number is a binary float)"
        );
    }
}
