//! Fatal errors: the tool could not run (usage, unreadable file, invalid rule file) → exit 2.
//! Problems in the data are not errors but `Diagnostic`s.
//!
//! Data only: each variant holds what its message needs (paths, ids, dates, the system's
//! error with its kind and detail). The sentences, in French and in English, are the
//! renderer's (`crate::say::error`).

use chrono::NaiveDate;

use crate::rules::fault::Fault;
use crate::rules::fault::NewError;
use crate::rules::fault::Validity;

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

/// Which sum of amounts overflowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sum {
    /// The batch's dotations (`compute`).
    Batch,
    /// A year of the budget (`budget`).
    Budget,
}

/// Why `secpa` could not run.
#[derive(Debug)]
pub enum Error {
    Read {
        path: String,
        source: std::io::Error,
    },
    Write {
        path: String,
        source: std::io::Error,
    },
    /// `--output` names a file the run reads.
    OutputIsInput {
        path: String,
    },
    /// `--output` names the file redirected to standard input.
    OutputIsStdin {
        path: String,
    },
    /// A rule file past `rules::MAX_RULE_FILE_BYTES`: a real one is a few KiB; `/dev/zero`
    /// or a pipe that never closes is cut there instead of filling the memory (R011).
    RuleFileTooLarge {
        path: String,
        limit: u64,
    },
    InvalidRules {
        problems: Vec<RuleProblem>,
    },
    /// Two rule files with the same id.
    DuplicateVersion {
        id: String,
    },
    /// Two versions in force on the same day (R007): which one judges or pays would depend
    /// on the order of the files.
    OverlappingVersions {
        first: String,
        first_origin: String,
        until: NaiveDate,
        second: String,
        second_origin: String,
        from: NaiveDate,
    },
    /// `versions`: the available ones, which the message lists.
    NoVersionOnDate {
        date: NaiveDate,
        versions: Vec<Validity>,
    },
    UnknownVersion {
        id: String,
        versions: Vec<Validity>,
    },
    NoVersionInYear {
        year: i32,
        versions: Vec<Validity>,
    },
    /// `rules new ID` cannot write version `id`.
    NewVersion {
        id: String,
        why: NewError,
    },
    /// `SECPA_TODAY` is not a date.
    Today {
        text: String,
    },
    /// A sum of amounts past what an exact decimal holds (≈ 7.9 × 10²⁸): with the rule
    /// values `rules lint` accepts, only a batch of over 10¹⁰ rows could get there.
    Overflow {
        what: Sum,
    },
}

/// Data, as `Debug` shows it: the sentences are the `secpa` crate's (`say::error`), in
/// the reader's language. This is for `std::error::Error` and a library's logs.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}
