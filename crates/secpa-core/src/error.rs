//! Fatal errors: the tool could not run (usage, unreadable file, invalid rule file) → exit 2.
//! Problems in the data are not errors but `Diagnostic`s.

use chrono::NaiveDate;

use crate::rules::fault::Fault;
use crate::Lang;

/// One problem of a rule file, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    /// Key path in the file ("dotations.precarite.montant_par_patient[2]"), when known.
    pub key: Option<String>,
    /// What is wrong, as data: said in the reader's language when rendered.
    pub fault: Fault,
}

/// A message of the TOML reader (toml and serde write English) in the reader's language,
/// with its detail kept: the usual kinds in words, any other wrapped in a sentence.
pub fn toml_reason(message: &str, lang: Lang) -> String {
    use crate::rules::schema::{DECIMAL_EXPECTED, IN_ABSOLUTE_VALUE, NOT_A_DECIMAL, TOO_LARGE};
    let m = message.trim();
    if lang == Lang::En {
        // serde's "invalid type: floating point `50000.0`, expected a decimal…" says what
        // is wrong, not what to write: the same advice as the French.
        return match m
            .strip_prefix("invalid type: ")
            .and_then(|rest| rest.split_once(", expected "))
            .filter(|(_, expected)| expected.starts_with(DECIMAL_EXPECTED))
        {
            Some((found, _)) => format!(
                "{found} refused: a decimal is written in quotes, such as \"22800\" or \"37.5\" (a TOML number is a binary float)"
            ),
            None => m.to_owned(),
        };
    }
    let kind = |found: &str| {
        found
            .replace("floating point", "nombre à virgule flottante")
            .replace("integer", "entier")
            .replace("boolean", "booléen")
            .replace("string", "texte")
            .replace("sequence", "liste")
            .replace("map", "table")
    };
    if let Some(rest) = m.strip_prefix("unknown field ") {
        return match rest.split_once(", expected ") {
            Some((field, expected)) => {
                let expected = expected.strip_prefix("one of ").unwrap_or(expected);
                format!("clé inconnue {field} ; clés possibles : {expected}")
            }
            None => format!("clé inconnue {}", rest.split(',').next().unwrap_or(rest)),
        };
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        return match rest.split_once(", expected ") {
            Some((value, expected)) => {
                let expected = expected.strip_prefix("one of ").unwrap_or(expected);
                format!("valeur inconnue {value} ; valeurs possibles : {expected}")
            }
            None => format!("valeur inconnue {rest}"),
        };
    }
    if let Some(value) = m.strip_suffix(NOT_A_DECIMAL) {
        return format!("{value} n'est pas un nombre décimal");
    }
    if let Some((value, max)) = m
        .strip_suffix(IN_ABSOLUTE_VALUE)
        .and_then(|m| m.split_once(TOO_LARGE))
    {
        return format!("{value} est trop grand : au plus {max} en valeur absolue");
    }
    if let Some(field) = m.strip_prefix("missing field ") {
        return format!("clé obligatoire absente : {field}");
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if expected.starts_with(DECIMAL_EXPECTED) {
            return format!(
                "{} refusé : un décimal s'écrit entre guillemets, comme \"22800\" ou \"37.5\" (un nombre TOML est un flottant binaire)",
                kind(found)
            );
        }
        return format!("type refusé : {} (attendu : {expected})", kind(found));
    }
    format!("contenu refusé par le lecteur TOML ({m})")
}

/// Which sum of amounts overflowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sum {
    /// The batch's dotations (`compute`).
    Batch,
    /// A year of the budget (`budget`).
    Budget,
}

impl Sum {
    fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Sum::Batch, Lang::Fr) => "des dotations du lot",
            (Sum::Batch, Lang::En) => "of the batch's allocations",
            (Sum::Budget, Lang::Fr) => "du budget du lot",
            (Sum::Budget, Lang::En) => "of the batch's budget",
        }
    }
}

/// Why an operation on a file failed, in the reader's language: the usual kinds in words,
/// the others with the system's own wording kept (minus Rust's "(os error N)"), so that
/// nothing is lost.
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    io_kind_reason(e.kind(), &e.to_string(), lang)
}

/// [`io_reason`] from its parts (a diagnostic keeps the kind and the text, not the error).
pub fn io_kind_reason(kind: std::io::ErrorKind, detail: &str, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let fr = match kind {
        K::NotFound => Some(("fichier introuvable", "file not found")),
        K::PermissionDenied => Some(("accès refusé (droits du fichier)", "permission denied")),
        K::IsADirectory => Some((
            "c'est un dossier, pas un fichier",
            "this is a directory, not a file",
        )),
        K::NotADirectory => Some((
            "un élément du chemin n'est pas un dossier",
            "a component of the path is not a directory",
        )),
        K::AlreadyExists => Some(("le fichier existe déjà", "the file already exists")),
        K::StorageFull => Some(("disque plein", "no space left on the device")),
        K::ReadOnlyFilesystem => Some((
            "système de fichiers en lecture seule",
            "read-only file system",
        )),
        K::InvalidData => Some((
            "contenu illisible (texte qui n'est pas de l'UTF-8 ?)",
            "unreadable content (text that is not UTF-8?)",
        )),
        _ => None,
    };
    // "No such file or directory (os error 2)": the system's words, without Rust's suffix.
    let detail = match detail.rfind(" (os error ") {
        Some(at) if detail.ends_with(')') => &detail[..at],
        _ => detail,
    };
    match (fr, lang) {
        (Some((fr, _)), Lang::Fr) => fr.to_owned(),
        (Some((_, en)), Lang::En) => en.to_owned(),
        (None, Lang::Fr) => format!("erreur du système ({detail})"),
        (None, Lang::En) => format!("system error ({detail})"),
    }
}

/// Why `secpa` could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("impossible de lire {path} : {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("impossible d'écrire {path} : {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} est un fichier d'entrée : choisissez un autre fichier de sortie")]
    OutputIsInput { path: String },
    #[error("{path} est le fichier lu sur l'entrée standard (< {path}) : choisissez un autre fichier de sortie")]
    OutputIsStdin { path: String },
    /// A rule file past `rules::MAX_RULE_FILE_BYTES`: a real one is a few KiB; `/dev/zero`
    /// or a pipe that never closes is cut there instead of filling the memory.
    #[error("fichier de règles {path} trop volumineux : plus de {limit} octets (R011)")]
    RuleFileTooLarge { path: String, limit: u64 },
    #[error("fichier de règles invalide")]
    InvalidRules { problems: Vec<RuleProblem> },
    #[error("deux fichiers de règles portent l'identifiant {id}")]
    DuplicateVersion { id: String },
    /// Two versions in force on the same day (R007): which one judges or pays would depend
    /// on the order of the files.
    #[error("les versions {first} ({first_origin}, jusqu'au {until}) et {second} ({second_origin}, à partir du {from}) sont en vigueur les mêmes jours (R007) : fermez la première la veille du début de la seconde, ou --only-rules pour n'utiliser que les fichiers donnés")]
    OverlappingVersions {
        first: String,
        first_origin: String,
        until: NaiveDate,
        second: String,
        second_origin: String,
        from: NaiveDate,
    },
    #[error("aucune version des règles n'est en vigueur le {date}")]
    NoVersionOnDate { date: NaiveDate, versions: String },
    #[error("aucune version des règles n'a l'identifiant {id}")]
    UnknownVersion { id: String, versions: String },
    #[error("aucune version des règles ne couvre l'année {year}")]
    NoVersionInYear { year: i32, versions: String },
    #[error("{0}")]
    Usage(String),
    /// A usage error said in both languages.
    #[error("{fr}")]
    Said { fr: String, en: String },
    /// An embedded template failed: a bug of secpa, never of the data.
    #[error("impossible de produire la page HTML ({name}) : {message}")]
    Template { name: String, message: String },
    /// rust_xlsxwriter could not build the workbook (`--format xlsx`): a bug of secpa or of
    /// the crate, never of the data.
    #[error("impossible de produire le classeur .xlsx : {message}")]
    Workbook { message: String },
    /// A sum of amounts past what an exact decimal holds (≈ 7.9 × 10²⁸): with the rule
    /// values `rules lint` accepts, only a batch of over 10¹⁰ rows could get there.
    #[error("le total {} dépasse la capacité des décimaux exacts (environ 7,9 × 10²⁸) : il n'est pas calculé", .what.text(Lang::Fr))]
    Overflow { what: Sum },
}

impl Error {
    /// The message for people, in their language, with every detail they need to act.
    pub fn render(&self, lang: Lang) -> String {
        let head = match (self, lang) {
            (Error::Read { path, source }, Lang::Fr) => {
                format!("impossible de lire {path} : {}", io_reason(source, lang))
            }
            (Error::Write { path, source }, Lang::Fr) => {
                format!("impossible d'écrire {path} : {}", io_reason(source, lang))
            }
            (_, Lang::Fr) => self.to_string(),
            (Error::Read { path, source }, Lang::En) => {
                format!("cannot read {path}: {}", io_reason(source, lang))
            }
            (Error::Write { path, source }, Lang::En) => {
                format!("cannot write {path}: {}", io_reason(source, lang))
            }
            (Error::RuleFileTooLarge { path, limit }, Lang::En) => {
                format!("rule file {path} too large: over {limit} bytes (R011)")
            }
            (Error::OutputIsInput { path }, Lang::En) => {
                format!("{path} is an input file: choose another output file")
            }
            (Error::OutputIsStdin { path }, Lang::En) => {
                format!("{path} is the file read on standard input (< {path}): choose another output file")
            }
            (Error::InvalidRules { .. }, Lang::En) => "invalid rule file".to_owned(),
            (Error::DuplicateVersion { id }, Lang::En) => {
                format!("two rule files have the id {id}")
            }
            (
                Error::OverlappingVersions {
                    first,
                    first_origin,
                    until,
                    second,
                    second_origin,
                    from,
                },
                Lang::En,
            ) => format!("versions {first} ({first_origin}, until {until}) and {second} ({second_origin}, from {from}) are in force on the same days (R007): end the first the day before the second starts, or --only-rules to use the given files alone"),
            (Error::NoVersionOnDate { date, .. }, Lang::En) => {
                format!("no rule version is in force on {date}")
            }
            (Error::UnknownVersion { id, .. }, Lang::En) => {
                format!("no rule version has the id {id}")
            }
            (Error::NoVersionInYear { year, .. }, Lang::En) => {
                format!("no rule version covers the year {year}")
            }
            (Error::Usage(m), Lang::En) => m.clone(),
            (Error::Said { en, .. }, Lang::En) => en.clone(),
            (Error::Template { name, message }, Lang::En) => {
                format!("cannot produce the HTML page ({name}): {message}")
            }
            (Error::Workbook { message }, Lang::En) => {
                format!("cannot produce the .xlsx workbook: {message}")
            }
            (Error::Overflow { what }, Lang::En) => {
                format!("the total {} exceeds what exact decimals hold (about 7.9 × 10²⁸): it is not computed", what.text(Lang::En))
            }
        };
        let available = match lang {
            Lang::Fr => "versions disponibles :",
            Lang::En => "available versions:",
        };
        match self {
            Error::InvalidRules { problems } => {
                let mut out = head;
                for p in problems {
                    let sep = if lang == Lang::Fr { " : " } else { ": " };
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
                        p.fault.message(lang)
                    ));
                }
                out
            }
            Error::NoVersionOnDate { versions, .. }
            | Error::UnknownVersion { versions, .. }
            | Error::NoVersionInYear { versions, .. } => {
                format!("{head} ; {available}{versions}")
            }
            _ => head,
        }
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
            e.render(Lang::Fr),
            "impossible de lire a.csv : fichier introuvable"
        );
        assert!(!e.render(Lang::Fr).contains("os error"));
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
