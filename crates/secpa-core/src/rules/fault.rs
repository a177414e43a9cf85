//! What can be wrong in a rule file, and what `rules lint` finds beyond it, as typed data
//! (keys, ids, dates, the numbers as written), and the stable codes of the findings. The
//! sentences are the renderer's (`crate::say::rules`), whose matches are exhaustive: a new
//! problem does not build until both its messages are written.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A problem that makes a rule file unusable: its loader's refusal or a failed check.
/// Scale bounds are kept as the file writes them (`3000`, `22.5`): they are the author's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The TOML reader's or serde's refusal, in its own (English) words.
    Toml {
        message: String,
    },
    UnknownSchema {
        found: u32,
    },
    EmptyId,
    ValidityInverted {
        from: NaiveDate,
        until: NaiveDate,
    },
    NoSource,
    EmptySourceText,
    DuplicateSource {
        id: String,
    },
    UnknownSource {
        id: String,
        known: Vec<String>,
    },
    PovertyRate {
        value: Decimal,
    },
    FileActiveMaxBelowMin,
    Negative {
        value: Decimal,
    },
    EmptyScale,
    ScaleStart {
        expected: String,
        found: String,
    },
    EmptyBand {
        min: String,
        below: String,
    },
    Gap {
        from: String,
        to: String,
    },
    Overlap {
        min: String,
        previous_below: String,
    },
    LastBandClosed {
        below: String,
    },
    OpenBandNotLast,
    PeriodInverted {
        from: NaiveDate,
        until: NaiveDate,
    },
    /// R012: an assumption names a behaviour this build does not have.
    Unsupported {
        found: String,
        supported: String,
    },
    /// R013: two envelopes cover the same day.
    EnvelopesOverlap {
        first: (NaiveDate, NaiveDate),
        second: (NaiveDate, NaiveDate),
    },
    /// R014: more than 2 decimals, which no renderer writes.
    DecimalsAboveCents {
        decimals: u32,
    },
}

crate::diagnostic::stable_codes! {
    /// A code of `rules lint`. It never changes meaning: a new check gets a new code.
    pub enum LintCode, unknown UnknownLintCode, example "R002" {
        R001: Error,
        R002: Error,
        R003: Error,
        R004: Error,
        R005: Error,
        R006: Error,
        R007: Error,
        R008: Error,
        R009: Warning,
        R010: Info,
        R011: Error,
        R012: Error,
        R013: Error,
        R014: Error,
    }
}

/// A version's id and the days it is in force, as an error lists the available ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validity {
    pub id: String,
    pub from: NaiveDate,
    pub until: NaiveDate,
}

/// Why the next version cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewError {
    /// The id is not a date (the first day of validity).
    NotADate,
    /// The new version would start on or before the end of the one it follows.
    StartsTooEarly { previous: String, until: NaiveDate },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::rules::lint::Lint;

    #[test]
    fn lint_codes_are_unique_and_read_back() {
        for (i, c) in LintCode::ALL.iter().enumerate() {
            assert_eq!(c.as_str().parse::<LintCode>(), Ok(*c));
            assert!(!LintCode::ALL[..i].contains(c), "{c} twice");
            assert!(c.as_str().starts_with('R') && c.as_str().len() == 4, "{c}");
        }
        assert_eq!("R999".parse::<LintCode>(), Err(UnknownLintCode));
        assert_eq!("r001".parse::<LintCode>(), Err(UnknownLintCode));
    }

    /// Every finding's code is one whose severity the type gives: the R004 catch-all is
    /// what a fault without a code of its own gets.
    #[test]
    fn faults_take_their_codes() {
        let gap = Lint::Rule(Fault::Gap {
            from: "1".into(),
            to: "2".into(),
        });
        assert_eq!(gap.code(), LintCode::R002);
        assert_eq!(Lint::Rule(Fault::EmptyScale).code(), LintCode::R004);
        assert_eq!(
            Lint::TooLarge { limit: 1 }.code().severity(),
            Severity::Error
        );
        assert_eq!(LintCode::R009.severity(), Severity::Warning);
    }
}
