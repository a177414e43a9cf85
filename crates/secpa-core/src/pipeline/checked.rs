//! `secpa check` on one file, without I/O: every row through the pipeline as `check`
//! reads it, the diagnostics kept (the library's, the property tests' and the fuzz
//! targets' view; the command itself streams its diagnostics).

use chrono::NaiveDate;

use super::{Collect, Context};
use crate::candidature::Opened;
use crate::diagnostic::Diagnostic;
use crate::rules::RuleSet;

/// What checking one file found (the library's and the property tests' view: the
/// command itself streams its diagnostics).
#[derive(Debug, Clone, Default)]
pub struct FileReport {
    pub path: String,
    /// Structures read (unreadable rows included).
    pub structures: usize,
    /// Structures with no error: none when the file cannot be used.
    pub eligible: usize,
    /// Whether the file could be used at all (else exit 2).
    pub usable: bool,
    /// In output order: the header's, then each row's, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// Structures with no error.
    pub fn eligible(&self) -> usize {
        self.eligible
    }
}

/// `secpa check` on one file's bytes, without I/O: what the command reports for a file
/// named `name` (CSV, or a workbook by its name or zip content, `sheet` or the first one),
/// each row judged by the version of `set` in force on its filing date (`as_of` for a row
/// without one). The entry point of the property tests and the `check` fuzz target.
pub fn check_bytes(
    name: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    set: &RuleSet,
    as_of: NaiveDate,
) -> FileReport {
    check_file(
        crate::candidature::open_bytes(name, bytes, sheet),
        set,
        as_of,
    )
}

/// Checks every row of an opened file through the pipeline, keeping the diagnostics.
pub fn check_file(opened: Opened, set: &RuleSet, as_of: NaiveDate) -> FileReport {
    let ctx = Context::check(set, as_of);
    let mut keep = Collect::default();
    // The sink never fails: nothing is written.
    let summary = super::run(opened, &ctx, &mut keep).unwrap_or_default();
    FileReport {
        path: summary.name.clone(),
        structures: summary.structures as usize,
        eligible: summary.accepted() as usize,
        usable: summary.usable,
        diagnostics: keep.diagnostics,
    }
}
