//! Problems found in the data: a stable code, a severity, where (file, row, column), the raw
//! value, and the problem as typed data. A bad cell is a diagnostic, never an `Err`.
//!
//! Codes never change meaning; the type is [`Code`], the table `docs/codes.md`. No word is
//! said here: every message, in both languages, is in the `secpa` crate's catalogue.

use serde::Serialize;

mod code;
mod counts;

mod check;
pub use check::{CheckProblem, Cite};
pub(crate) use code::stable_codes;
pub use code::{Code, UnknownCode};
pub use counts::Counts;

/// How serious a problem is: errors fail the run (exit 1), warnings do not (unless `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// Every severity, the most serious first.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];
}

/// What is wrong. Each variant carries what its message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// E001: the bytes are neither UTF-8 nor Windows-1252 text, or mix encodings.
    Encoding { reason: EncodingFault },
    /// E002: the file has no content at all.
    EmptyFile,
    /// E003: a header row and no structure.
    NoRows,
    /// E004: a row with more or fewer cells than the header.
    RaggedRow { expected: usize, found: usize },
    /// E005: a column the command needs is absent. `guess`: no row of the first ones could
    /// be the header, so which was taken for it and which came closest.
    MissingColumn { guess: Option<HeaderGuess> },
    /// W006: a header that is not a known column.
    UnknownColumn { suggestion: Option<&'static str> },
    /// E016: a header that is no known column but resembles `column`, which the file lacks:
    /// the author surely meant it, so its values are neither ignored nor replaced.
    LookalikeColumn { column: &'static str },
    /// E050: `--column KEY=HEADER` names a header the file's header row does not hold:
    /// the column would be silently absent, so the file is not used.
    MappedHeaderAbsent {
        column: &'static str,
        header: String,
    },
    /// E007: the same column twice.
    DuplicateColumn { first: usize },
    /// E008: the file could not be read to its end (an I/O error in the middle of it);
    /// unclosed quotes and oversized rows have their own codes (E010–E014).
    ReadInterrupted { detail: String },
    /// E010: a cell longer than the reader accepts (`reader::LIMITS.field_bytes`). The
    /// reader keeps at most one row in memory; a 10 MB cell is a copy-paste accident, not data.
    FieldTooLong { bytes: u64, limit: usize },
    /// E011: a row with more cells or bytes than the reader accepts (`reader::LIMITS`);
    /// the row is skipped without being held in memory.
    RowTooLarge { cells: u64, bytes: u64 },
    /// E012: a NUL byte: the file is binary (a spreadsheet, an image) or UTF-16 without BOM.
    BinaryContent,
    /// E013: a byte-order mark (U+FEFF) after the start of the file, typically two CSV files
    /// pasted one after the other; accepted at the start only.
    MisplacedBom,
    /// E014: a quote opened and never closed: every line after it ended up in one cell.
    UnclosedQuote,
    /// E017: a record refused for its size or shape (E004, E010, E011) that spans lines
    /// `first` to `last`: a stray quote made them one cell; none of them is read.
    SwallowedLines { first: u64, last: u64 },
    /// E015: the file cannot be read at all (absent, a directory, no permission…).
    /// `detail` is the system's own wording, shown for kinds without a message of ours.
    Unreadable {
        kind: std::io::ErrorKind,
        detail: String,
    },
    /// E101: not a number.
    InvalidNumber,
    /// E102: not a date.
    InvalidDate,
    /// E103: not a yes/no value.
    InvalidBoolean,
    /// E104: not one of the accepted values; `accepted`: the values as people write them.
    InvalidChoice { accepted: Vec<&'static str> },
    /// E105: a percentage outside 0–100.
    PercentOutOfRange,
    /// E106: a required value is empty.
    MissingValue,
    /// E107: a number out of the accepted range (negative, not whole, too large).
    NumberOutOfRange { expected: Expected },
    /// E108: a date that reads both ways (03/04/2022) in a column written month first
    /// elsewhere (`row` holds a date only readable month first): the two readings.
    AmbiguousDate {
        day_first: chrono::NaiveDate,
        month_first: chrono::NaiveDate,
        row: u64,
    },
    /// E109: "60.000" or "60,000" in a file that does not settle its decimal mark.
    AmbiguousNumber {
        as_decimal: rust_decimal::Decimal,
        as_thousands: rust_decimal::Decimal,
    },
    /// E110: a value past a bound of `candidature::value::PLAUSIBLE`.
    Implausible(Bound),
    /// E201: file active below the minimum: not eligible, no dotation. `rule` is the
    /// minimum's version and source.
    FileActiveBelowMin { value: u32, min: u32, rule: Cite },
    /// E020: a `.xlsx` or `.ods` file that is not a readable workbook (not a zip, broken XML).
    InvalidWorkbook { reason: WorkbookFault },
    /// E021: the sheet asked for with `--sheet` is not in the workbook.
    UnknownSheet { sheet: String, available: String },
    /// W018: `--sheet` given for a CSV file, which has no sheets: the option is ignored
    /// for it (a batch may mix workbooks and CSV files).
    SheetIgnored { sheet: String },
    /// E022: a workbook too large to inflate, or a zip bomb: refused from its zip directory
    /// (or while counting what it really inflates to), before calamine reads any of it.
    WorkbookTooLarge(ZipLimit),
    /// E023: a formula cell of a known column whose result secpa cannot read: none was
    /// stored (scripts write formulas without computing them), or the workbook asks to be
    /// recalculated on opening, so the stored one is a placeholder (`placeholder`).
    FormulaWithoutResult {
        /// The columns of those cells as she sees them: (letter, header).
        columns: Vec<(String, String)>,
        placeholder: bool,
    },
    /// W024: formulas in columns that change an amount or the eligibility: their stored
    /// results are read, which may be stale.
    Formulas { count: u64, cells: String },
    /// W025: rows the sheet hides (by hand or by a filter), read like the others.
    HiddenRows { rows: Rows },
    /// W035: columns the sheet hides that secpa reads (known columns): read like the
    /// others, and said, since she does not see them. `(letter, header)` each.
    HiddenColumns { columns: Vec<(String, String)> },
    /// W026: a merged region, whose value is read in each of its cells.
    MergedCells { range: String, value: String },
    /// I027: which sheet of a workbook with several was read, why, and the others.
    SheetRead(Choice),
    /// E028: no visible sheet has a header secpa recognises.
    NoSheetHeader { sheets: Vec<String> },
    /// I029: the header is not on the first row: the rows above it (title, blank rows),
    /// from `first`, are skipped.
    HeaderBelow { first: u64 },
    /// W030: a row whose `nom` or `finess` cell says it is a total (« Total », « Sous-total »,
    /// « Total général », « Somme », « Ensemble ») and that has no valid FINESS: skipped,
    /// never paid (the rule: `pipeline::totals`).
    TotalRow,
    /// E031: a row without a valid FINESS whose file active (and requested psychological
    /// amount) is the sum of the `rows` rows above it, `first` to `last`: a total that does
    /// not say so, refused. `psy`: the amount matched too.
    UnsaidSum {
        first: u64,
        last: u64,
        rows: u64,
        psy: bool,
    },
    /// W032: a text too long for a workbook cell (`limit` characters, Excel's), cut there
    /// with « … » in `compute --format xlsx` and the web page's workbook; CSV and JSON keep
    /// it whole. `chars`: its length.
    CutInWorkbook { chars: u64, limit: u64 },
    /// E033: the file changed while it was read, between the look-ahead that decided its
    /// conventions and the reading that resumed (device, inode, size or modification time
    /// differ): nothing more is read. `replaced`: another file now has the path (device or
    /// inode); `size`: before and after.
    ChangedWhileRead { replaced: bool, size: (u64, u64) },
    /// The problems of `secpa check` (E009, E2xx from E202, E3xx): see [`CheckProblem`].
    Check(CheckProblem),
}

/// Which bound of `candidature::value::PLAUSIBLE` a value passes (E110).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    FileActive {
        max: u32,
    },
    PsyRequest {
        cap: rust_decimal::Decimal,
        factor: u32,
    },
    RateBelow {
        min: u32,
    },
}

/// A sheet of a workbook, as its list of sheets gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInfo {
    pub name: String,
    /// Hidden or very hidden: the person does not see it.
    pub hidden: bool,
}

/// Which sheet was read and why, and the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub read: String,
    pub why: Why,
    /// The other sheets, in the workbook's order.
    pub others: Vec<SheetInfo>,
}

/// Why a sheet was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// `--sheet` named it.
    Asked,
    /// The sheet shown when the file opens (the active one, else the first visible one).
    Shown,
    /// The sheet shown (`shown`) has no header secpa recognises, this one alone has.
    OnlyHeader { shown: String },
    /// No visible sheet has a header secpa recognises: the one shown is read (E028).
    NoHeader,
}

/// When no row of the first ones names enough columns to be the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderGuess {
    /// The row taken for the header (the first non-blank one).
    pub taken: u64,
    /// Another row that names more known columns, and how many.
    pub closest: Option<(u64, usize)>,
}

/// Row numbers, grouped into runs: "5, 8–12".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    runs: Vec<(u64, u64)>,
    count: u64,
}

impl Rows {
    /// Runs of `rows`, which are in increasing order.
    pub fn of(rows: &[u64]) -> Rows {
        let mut runs: Vec<(u64, u64)> = Vec::new();
        for &row in rows {
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == row => *last = row,
                _ => runs.push((row, row)),
            }
        }
        Rows {
            runs,
            count: rows.len() as u64,
        }
    }

    /// How many rows.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// "5, 8–12", the first 20 runs, then "…".
    pub fn text(&self) -> String {
        const SHOWN: usize = 20;
        let mut out: Vec<String> = self
            .runs
            .iter()
            .take(SHOWN)
            .map(|(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}–{b}")
                }
            })
            .collect();
        if self.runs.len() > SHOWN {
            out.push("…".into());
        }
        out.join(", ")
    }
}

impl Problem {
    /// The stable code.
    pub fn code(&self) -> Code {
        match self {
            Problem::Encoding { .. } => Code::E001,
            Problem::EmptyFile => Code::E002,
            Problem::NoRows => Code::E003,
            Problem::RaggedRow { .. } => Code::E004,
            Problem::MissingColumn { .. } => Code::E005,
            Problem::UnknownColumn { .. } => Code::W006,
            Problem::DuplicateColumn { .. } => Code::E007,
            Problem::LookalikeColumn { .. } => Code::E016,
            Problem::ReadInterrupted { .. } => Code::E008,
            Problem::FieldTooLong { .. } => Code::E010,
            Problem::RowTooLarge { .. } => Code::E011,
            Problem::BinaryContent => Code::E012,
            Problem::MisplacedBom => Code::E013,
            Problem::UnclosedQuote => Code::E014,
            Problem::Unreadable { .. } => Code::E015,
            Problem::SwallowedLines { .. } => Code::E017,
            Problem::InvalidNumber => Code::E101,
            Problem::InvalidDate => Code::E102,
            Problem::InvalidBoolean => Code::E103,
            Problem::InvalidChoice { .. } => Code::E104,
            Problem::PercentOutOfRange => Code::E105,
            Problem::MissingValue => Code::E106,
            Problem::NumberOutOfRange { .. } => Code::E107,
            Problem::AmbiguousDate { .. } => Code::E108,
            Problem::AmbiguousNumber { .. } => Code::E109,
            Problem::Implausible(_) => Code::E110,
            Problem::FileActiveBelowMin { .. } => Code::E201,
            Problem::InvalidWorkbook { .. } => Code::E020,
            Problem::UnknownSheet { .. } => Code::E021,
            Problem::SheetIgnored { .. } => Code::W018,
            Problem::MappedHeaderAbsent { .. } => Code::E050,
            Problem::WorkbookTooLarge(_) => Code::E022,
            Problem::FormulaWithoutResult { .. } => Code::E023,
            Problem::Formulas { .. } => Code::W024,
            Problem::HiddenRows { .. } => Code::W025,
            Problem::HiddenColumns { .. } => Code::W035,
            Problem::MergedCells { .. } => Code::W026,
            Problem::SheetRead(_) => Code::I027,
            Problem::NoSheetHeader { .. } => Code::E028,
            Problem::HeaderBelow { .. } => Code::I029,
            Problem::TotalRow => Code::W030,
            Problem::UnsaidSum { .. } => Code::E031,
            Problem::CutInWorkbook { .. } => Code::W032,
            Problem::ChangedWhileRead { .. } => Code::E033,
            Problem::Check(p) => p.code(),
        }
    }

    /// Whether the message names the column itself: the problems of a header (absent,
    /// unknown, taken for another, twice, mapped by hand), whose sentence is about it, and
    /// formulas without a result, which list the columns of their cells.
    pub fn names_its_column(&self) -> bool {
        matches!(
            self,
            Problem::MissingColumn { .. }
                | Problem::UnknownColumn { .. }
                | Problem::LookalikeColumn { .. }
                | Problem::DuplicateColumn { .. }
                | Problem::MappedHeaderAbsent { .. }
                | Problem::FormulaWithoutResult { .. }
        )
    }

    /// The default severity of the problem, which its code says.
    pub fn severity(&self) -> Severity {
        self.code().severity()
    }
}

/// Why the bytes are not text secpa can read (E001).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingFault {
    /// A UTF-16 byte-order mark: the file is UTF-16, which spreadsheets write as "Unicode".
    Utf16,
    /// A row that is not UTF-8 in a file whose earlier rows were.
    NotUtf8,
    /// A row of UTF-8 text (non-ASCII) in a file whose earlier rows were Windows-1252.
    Utf8InWindows1252,
}

/// Why a workbook cannot be read (E020).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookFault {
    /// What calamine (or zip) said, in its own words.
    Reader(String),
    /// A workbook without any sheet.
    NoSheet,
    /// calamine or zip panicked on it: its inner structure contradicts itself.
    Inconsistent,
    /// A sheet's row (`row`, as the sheet numbers it) comes after a later one: no
    /// spreadsheet writes that, and placing it would take holding the whole sheet.
    Unordered { row: u32 },
}

/// Which limit of `candidature::sheet::ZIP_LIMITS` a workbook exceeds (E022).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipLimit {
    /// All members together inflate to `bytes` (declared, or counted while inflating).
    Total { bytes: u64, limit: u64 },
    /// One member inflates `uncompressed / compressed` times: only a bomb compresses so well.
    Ratio {
        member: String,
        uncompressed: u64,
        compressed: u64,
        limit: u64,
    },
    /// More members than any workbook has.
    Members { count: usize, limit: usize },
    /// `sharedStrings.xml` declares more strings than a sheet of candidatures holds: calamine
    /// would reserve memory for all of them before reading one.
    SharedStrings { declared: u64, limit: u64 },
    /// A sheet spans more cells (from its first to its last cell, or as its `<dimension>`
    /// says) than a sheet of candidatures, or a cell past the last row or column a
    /// spreadsheet has: calamine would allocate the whole rectangle.
    Extent {
        member: String,
        rows: u64,
        columns: u64,
        limit: u64,
    },
    /// A sheet's text, once written out, passes the limit: a few shared strings used by
    /// many cells can amount to gigabytes.
    Text { bytes: u64, limit: u64 },
    /// The workbook file itself is larger than its content may be once decompressed:
    /// refused before it is read into memory.
    File { bytes: u64, limit: u64 },
}

/// What a number out of range should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A whole number ≥ 0 (a count of patients).
    WholeCount,
    /// A count that fits the tool (≤ 4 294 967 295).
    CountTooLarge,
    /// A positive amount of euros.
    PositiveAmount,
    /// A year from 1900 to 2100.
    Year,
    /// At most 28 significant digits (the precision of exact decimals).
    Digits,
}

/// A located problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// Row as the spreadsheet shows it (header = 1); `None` for the whole file.
    pub row: Option<u64>,
    /// Canonical column name (the key: `annee_file_active`), or the raw header for unknown
    /// columns.
    pub column: Option<String>,
    /// The column as she wrote it in her header row ("Année de la file active"); for a
    /// column the file lacks, the French label secpa recognises first for it (the one the
    /// template writes). Set from the file's header ([`crate::candidature::Header::name`]).
    pub header: Option<String>,
    /// Its spreadsheet letter ("H"), when the file has the column.
    pub letter: Option<String>,
    /// The raw cell, quoted in the message.
    pub value: Option<String>,
    pub severity: Severity,
    pub problem: Problem,
}

impl Diagnostic {
    pub fn new(
        file: &str,
        row: Option<u64>,
        column: Option<&str>,
        value: Option<&str>,
        problem: Problem,
    ) -> Self {
        Diagnostic {
            file: file.to_owned(),
            row,
            column: column.map(str::to_owned),
            header: None,
            letter: None,
            value: value.map(str::to_owned),
            severity: problem.severity(),
            problem,
        }
    }

    pub fn code(&self) -> Code {
        self.problem.code()
    }

    /// The column as she sees it, her header and its letter, when the diagnostic is about
    /// one.
    pub fn named(&self) -> Option<Named<'_>> {
        Some(Named {
            header: self.header.as_deref().or(self.column.as_deref())?,
            letter: self.letter.as_deref(),
        })
    }

    /// The diagnostic about the column she wrote `header`, at `position` of her header row.
    pub fn at(mut self, header: &str, position: usize) -> Self {
        self.header = Some(header.to_owned());
        self.letter = Some(crate::letter::letter(position));
        self
    }

    /// Sort key: file, row, column position is not known here, so code then column.
    pub fn sort_key(&self) -> (&str, u64, &str, &str) {
        (
            &self.file,
            self.row.unwrap_or(0),
            self.code().as_str(),
            self.column.as_deref().unwrap_or(""),
        )
    }
}

/// A column as she sees it: her header, and its letter when the file has the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named<'a> {
    pub header: &'a str,
    pub letter: Option<&'a str>,
}

/// Diagnostics in a stable order, for deterministic output.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
