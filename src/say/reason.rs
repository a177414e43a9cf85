//! The two translations several messages share: the TOML reader's refusals (rule files,
//! test cases) and the system's input-output errors. Apart from `say::error` and
//! `say::rules`, which both use them, so that neither depends on the other's module.

use crate::Lang;

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
