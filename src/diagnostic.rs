//! What a diagnostic of the core says, in French or in English: its message, where it is,
//! the compiler-style line of the terminal and the one JSON shape. The core's
//! [`Diagnostic`] is typed data; every word of it is written here and in the catalogue
//! (`diagnostic/catalogue.rs`).
//!
//! The words are given by extension traits, in scope with `use crate::diagnostic::prelude::*`.

use serde::Serialize;

pub use secpa_core::diagnostic::*;

use crate::Lang;

mod catalogue;

/// The traits that give the core's types their words.
pub mod prelude {
    pub use super::{
        CheckProblemWords, CiteWords, CodeWords, DiagnosticWords, ExpectedWords, NamedWords,
        ProblemWords, SeverityWords, ZipLimitWords,
    };
}

/// A severity as the terminal line says it.
pub trait SeverityWords {
    fn label(self, lang: Lang) -> &'static str;
}

impl SeverityWords for Severity {
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Fr) => "erreur",
            (Severity::Warning, Lang::Fr) => "attention",
            (Severity::Info, Lang::Fr) => "info",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Info, Lang::En) => "info",
        }
    }
}

/// A problem's message and help (the catalogue).
pub trait ProblemWords {
    /// What was found and what is expected, in plain words; `value` is the raw cell,
    /// `column` the column as she wrote it, which only the problems of a header name here
    /// ([`Problem::names_its_column`]): the others' column is said before their message.
    fn message(&self, value: Option<&str>, column: Option<Named>, lang: Lang) -> String;
    /// What to do about it, when there is something useful to say.
    fn help(&self, lang: Lang) -> Option<&'static str>;
}

/// The message and help of a problem of `secpa check` (the catalogue).
pub trait CheckProblemWords {
    /// What was found, what is expected and which rule says so; `v` is the raw cell.
    fn message(&self, v: &str, lang: Lang) -> String;
    /// What to do about it, when there is something useful to say.
    fn help(&self, lang: Lang) -> Option<&'static str>;
}

/// The rule a message cites: "règles 2022-02-03, <source>" / "rules 2022-02-03, <source>".
pub trait CiteWords {
    fn text(&self, lang: Lang) -> String;
}

/// Which limit a workbook passes, with its figures.
pub trait ZipLimitWords {
    fn text(&self, lang: Lang) -> String;
}

/// What a number out of range should have been.
pub trait ExpectedWords {
    fn text(self, lang: Lang) -> &'static str;
}

/// What a code means: its title, its documentation row, an example and `secpa code`'s text.
pub trait CodeWords {
    /// What a code means, in a few words: the legend of a page that shows codes (the HTML
    /// reports), so that a reader without `docs/codes.md` still knows what E201 is.
    fn title(self, lang: Lang) -> &'static str;
    /// What a code reports and what to do about it: the rows of the table of
    /// `docs/codes.md` (a test keeps the French table equal to this) and the text of
    /// `secpa code`.
    fn doc(self, lang: Lang) -> (&'static str, &'static str);
    /// A diagnostic of this code as a file would give it: the first sample of the code,
    /// on row 3 of `candidatures.csv` (no row for a problem of the whole file).
    fn example(self) -> Option<Diagnostic>;
    /// What `secpa code CODE` prints: the code, its severity and title, what it reports,
    /// what to do, and an example as the terminal shows it.
    fn explanation(self, lang: Lang) -> String;
}

/// A column as a sentence names it.
pub trait NamedWords {
    /// « colonne H « Année de la file active » », "column H "Année de la file active"": the
    /// header stays as she wrote it, in either language.
    fn say(self, lang: Lang) -> String;
    /// « H « Année de la file active » »: the same without the word, for a table's column.
    fn short(self, lang: Lang) -> String;
}

impl NamedWords for Named<'_> {
    fn say(self, lang: Lang) -> String {
        let header = self.header;
        match (self.letter, lang) {
            (Some(l), Lang::Fr) => format!("colonne {l} « {header} »"),
            (None, Lang::Fr) => format!("colonne « {header} »"),
            (Some(l), Lang::En) => format!("column {l} \"{header}\""),
            (None, Lang::En) => format!("column \"{header}\""),
        }
    }

    fn short(self, lang: Lang) -> String {
        let header = match lang {
            Lang::Fr => format!("« {} »", self.header),
            Lang::En => format!("\"{}\"", self.header),
        };
        match self.letter {
            Some(l) => format!("{l} {header}"),
            None => header,
        }
    }
}

/// A whole diagnostic in words: its message, its place, its terminal line, its JSON.
pub trait DiagnosticWords {
    /// What is wrong, in plain words; the column is named apart ([`DiagnosticWords::place`]),
    /// except by the problems about a header itself, which name it in their sentence.
    fn message(&self, lang: Lang) -> String;
    /// "colonne H « Année de la file active »": the column the diagnostic is about, as a
    /// sentence names it, unless its message names it already (the problems of a header).
    fn place(&self, lang: Lang) -> Option<String>;
    /// Compiler-style rendering: `file:row: erreur E201 : colonne H « … » : message` and its
    /// help line.
    fn render(&self, lang: Lang) -> String;
    /// The JSON form, messages in `lang`.
    fn json(&self, lang: Lang) -> DiagnosticJson<'_>;
}

impl DiagnosticWords for Diagnostic {
    fn message(&self, lang: Lang) -> String {
        self.problem
            .message(self.value.as_deref(), self.named(), lang)
    }

    fn place(&self, lang: Lang) -> Option<String> {
        if self.problem.names_its_column() {
            return None;
        }
        Some(self.named()?.say(lang))
    }

    fn render(&self, lang: Lang) -> String {
        let mut location = self.file.clone();
        if let Some(row) = self.row {
            location.push_str(&format!(":{row}"));
        }
        // A file name or an unknown header may hold an escape sequence too.
        let location = crate::terminal::safe(&location, false);
        let sep = match lang {
            Lang::Fr => " :",
            Lang::En => ":",
        };
        // The column and the message are each cut on their own: a long header does not
        // shorten what is said of the cell.
        let message = match self.place(lang) {
            Some(place) => format!(
                "{}{sep} {}",
                printable(&place),
                printable(&self.message(lang))
            ),
            None => printable(&self.message(lang)),
        };
        let mut out = format!(
            "{location}: {} {}{sep} {message}",
            self.severity.label(lang),
            self.code(),
        );
        if let Some(help) = self.problem.help(lang) {
            let label = match lang {
                Lang::Fr => "aide",
                Lang::En => "help",
            };
            out.push_str(&format!("\n  = {label}{sep} {help}"));
        }
        out
    }

    fn json(&self, lang: Lang) -> DiagnosticJson<'_> {
        DiagnosticJson {
            file: &self.file,
            row: self.row,
            column: self.column.as_deref(),
            header: self.named().map(|n| n.header),
            letter: self.letter.as_deref(),
            code: self.code(),
            severity: self.severity,
            value: self.value.as_deref(),
            message: self.message(lang),
            help: self.problem.help(lang),
        }
    }
}

/// A diagnostic as every JSON output writes it: one shape for `check`, `compute`,
/// `explain`, `diff` and `budget`.
#[derive(Debug, Serialize)]
pub struct DiagnosticJson<'a> {
    pub file: &'a str,
    pub row: Option<u64>,
    /// The column's key (`annee_file_active`), or an unknown header as written.
    pub column: Option<&'a str>,
    /// The header as she wrote it (for an absent column, the label secpa recognises first).
    pub header: Option<&'a str>,
    /// Its spreadsheet letter, when the file has the column.
    pub letter: Option<&'a str>,
    pub code: Code,
    pub severity: Severity,
    /// The raw cell, exact (JSON escapes what a terminal could not show).
    pub value: Option<&'a str>,
    pub message: String,
    pub help: Option<&'static str>,
}

/// A message as a terminal may show it: control characters from the cell (an escape
/// sequence could clear or recolour the user's screen) are written as escapes, and a message
/// is cut after 300 characters (a cell can hold 64 KiB). JSON keeps the exact value.
fn printable(message: &str) -> String {
    const MAX: usize = 300;
    let mut out = String::with_capacity(message.len().min(MAX + 8));
    for (i, c) in message.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        out.push(c);
    }
    crate::terminal::safe(&out, false).into_owned()
}
