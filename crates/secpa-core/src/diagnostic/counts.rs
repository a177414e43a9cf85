//! A run's diagnostics counted by severity, with the rows they refused and the total rows
//! skipped: what an output that does not list every diagnostic says of them (the Provenance
//! sheet of `compute --format xlsx`). Kept by the row loop (`pipeline`), where every
//! diagnostic passes once, so that the command line and the web page say the same.

use super::{Code, Diagnostic, Severity};

/// The counts of a file's diagnostics, as its JSON lists them (severities after `--strict`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: u64,
    pub warnings: u64,
    pub infos: u64,
    /// Rows with an error (not paid), in file order, each with its codes: the first
    /// [`Counts::KEPT`].
    pub refused: Vec<(u64, Vec<Code>)>,
    /// Refused rows past those kept, counted.
    pub more_refused: u64,
    /// Total rows skipped (W030), never paid: the first [`Counts::KEPT`].
    pub totals: Vec<u64>,
    /// The last refused row seen, kept or not.
    last_refused: Option<u64>,
}

impl Counts {
    /// Rows listed; past them, counted (memory stays bounded on a million rows in error).
    pub const KEPT: usize = 10_000;

    /// Counts one diagnostic, as the row loop emits it.
    pub fn add(&mut self, d: &Diagnostic) {
        match d.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
        let code = d.code();
        let Some(row) = d.row.filter(|_| !code.file_level()) else {
            return;
        };
        if code == Code::W030 && self.totals.len() < Self::KEPT {
            self.totals.push(row);
        }
        if d.severity != Severity::Error {
            return;
        }
        // A row's diagnostics come together.
        if self.last_refused == Some(row) {
            if let Some((_, codes)) = self.refused.last_mut().filter(|(r, _)| *r == row) {
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            return;
        }
        self.last_refused = Some(row);
        if self.refused.len() < Self::KEPT {
            self.refused.push((row, vec![code]));
        } else {
            self.more_refused += 1;
        }
    }

    /// Rows refused, kept or not.
    pub fn refused_rows(&self) -> u64 {
        self.refused.len() as u64 + self.more_refused
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Problem;

    impl Counts {
        fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Counts {
            let mut counts = Counts::default();
            for d in diagnostics {
                counts.add(d);
            }
            counts
        }
    }

    fn d(row: Option<u64>, problem: Problem) -> Diagnostic {
        Diagnostic::new("f.csv", row, Some("x"), None, problem)
    }

    #[test]
    fn rows_are_listed_once_with_their_codes_and_file_level_problems_are_not_rows() {
        let counts = Counts::of(&[
            d(Some(1), Problem::MissingValue),
            d(Some(3), Problem::InvalidNumber),
            d(Some(3), Problem::MissingValue),
            d(Some(3), Problem::InvalidNumber),
            d(Some(4), Problem::TotalRow),
            d(Some(5), Problem::PercentOutOfRange),
            d(None, Problem::SheetIgnored { sheet: "s".into() }),
        ]);
        assert_eq!((counts.errors, counts.warnings, counts.infos), (5, 2, 0));
        assert_eq!(
            counts.refused,
            [
                (1, vec![Code::E106]),
                (3, vec![Code::E101, Code::E106]),
                (5, vec![Code::E105])
            ]
        );
        assert_eq!(counts.totals, [4]);
        assert_eq!(counts.refused_rows(), 3);
    }

    #[test]
    fn rows_past_those_kept_are_counted() {
        let mut counts = Counts::default();
        for row in 0..Counts::KEPT as u64 + 5 {
            counts.add(&d(Some(row + 2), Problem::InvalidDate));
            counts.add(&d(Some(row + 2), Problem::MissingValue));
        }
        assert_eq!(counts.refused.len(), Counts::KEPT);
        assert_eq!(counts.more_refused, 5);
        assert_eq!(counts.refused_rows(), Counts::KEPT as u64 + 5);
        assert_eq!(counts.errors, 2 * (Counts::KEPT as u64 + 5));
    }
}
