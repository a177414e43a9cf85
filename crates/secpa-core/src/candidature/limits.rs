//! How much of one row any reader (CSV or workbook) holds, and the record a workbook
//! reader writes in place of a row past those limits.

use crate::diagnostic::Problem;

/// How much of one row the reader holds in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest cell, in bytes: the longest real value (a name, an address) is a few hundred.
    pub field_bytes: usize,
    /// Longest row, in bytes (all its cells).
    pub row_bytes: usize,
    /// Most cells in a row: the file has 27 known columns; spreadsheets add a few empty ones.
    pub cells: usize,
}

/// The limits every candidature file is read with. Memory for a row is bounded by
/// `row_bytes` plus one `usize` per cell, whatever the file.
pub const LIMITS: Limits = Limits {
    field_bytes: 64 * 1024,
    row_bytes: 1024 * 1024,
    cells: 1000,
};

/// A workbook row refused while its cells were streamed (a cell or the row past
/// [`LIMITS`]): an empty record stands in its place, read back as this problem, so it is
/// reported exactly as the same row of a CSV file would be, without ever being held.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    /// The record it replaces (header = 0).
    pub record: u64,
    pub problem: Problem,
    /// The cell at fault, when there is one.
    pub position: Option<usize>,
}
