//! What stops a command of secpa or a run of the page: an error of the core (data, said by
//! `say::error`), or one of this crate's own — a usage error already in words, an embedded
//! template or a workbook writer that failed.

use crate::say::error::{head, render};
use crate::Lang;

/// An error of secpa.
#[derive(Debug)]
pub enum Error {
    /// An error of the core: reading, rules, computation.
    Core(secpa_core::Error),
    /// A usage error whose sentence is already in the reader's language (`secpa test`,
    /// `explain`'s row not found).
    Usage(String),
    /// A usage error said in both languages (the command line, the page).
    Said { fr: String, en: String },
    /// An embedded template failed: a bug of secpa, never of the data.
    Template { name: String, message: String },
    /// rust_xlsxwriter could not build the workbook (`--format xlsx`): a bug of secpa or of
    /// the crate, never of the data.
    Workbook { message: String },
}

impl From<secpa_core::Error> for Error {
    fn from(e: secpa_core::Error) -> Error {
        Error::Core(e)
    }
}

impl Error {
    /// The message for people, in their language, with every detail they need to act.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Error::Core(e) => render(e, lang),
            Error::Usage(m) => m.clone(),
            Error::Said { fr, en } => say!(lang, fr, en).clone(),
            Error::Template { name, message } => say!(
                lang,
                format!("impossible de produire la page HTML ({name}) : {message}"),
                format!("cannot produce the HTML page ({name}): {message}"),
            ),
            Error::Workbook { message } => say!(
                lang,
                format!("impossible de produire le classeur .xlsx : {message}"),
                format!("cannot produce the .xlsx workbook: {message}"),
            ),
        }
    }
}

/// The first line in French, as `{}` writes any error (logs, `expect`); people get
/// [`Error::render`] in their language.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Core(e) => f.write_str(&head(e, Lang::Fr)),
            other => f.write_str(other.render(Lang::Fr).lines().next().unwrap_or_default()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Core(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// This crate's own errors have their sentence in each language, and `{}` gives the
    /// French first line.
    #[test]
    fn own_errors_in_both_languages() {
        let s = |t: &str| t.to_owned();
        let errors = [
            Error::Template {
                name: s("page"),
                message: s("m"),
            },
            Error::Workbook { message: s("m") },
            Error::Said {
                fr: s("en français"),
                en: s("in English"),
            },
        ];
        for e in &errors {
            let (fr, en) = (e.render(Lang::Fr), e.render(Lang::En));
            assert_ne!(fr, en, "{e:?}");
            assert!(fr.starts_with(&e.to_string()), "{e:?}");
            for marker in ["«", " : ", "é", "è", "à"] {
                assert!(!en.contains(marker), "{e:?}: {en}");
            }
        }
        let core = Error::from(secpa_core::Error::Today { text: s("hier") });
        assert_eq!(
            core.render(Lang::En),
            "SECPA_TODAY=hier is not a YYYY-MM-DD date"
        );
        assert_eq!(
            core.to_string(),
            "SECPA_TODAY=hier n'est pas une date AAAA-MM-JJ"
        );
    }
}
