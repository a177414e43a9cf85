//! Workbooks, `.xlsx` and `.ods`: the sheet the person sees, its cells turned into the text
//! a CSV export would hold, so the same row pipeline and the same cell parsers read both.
//! What the text cannot carry (formulas and whether their result was stored, hidden rows,
//! merged regions, which sheet was read) goes to the row reader beside it, as [`Notes`].

use std::cell::Cell;
use std::panic::UnwindSafe;

use super::limits::Fault;
use crate::diagnostic::{Problem, WorkbookFault, ZipLimit};

mod cell;
mod guard;
mod ods;
mod spool;
mod xlsx;

pub use cell::{number, text};
pub use guard::guard;
pub use spool::Spool;

/// How much a workbook may inflate to, checked on its zip archive before calamine reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// All members together, uncompressed. A sheet of candidatures is a few hundred rows:
    /// a few MiB at most, whatever the styles.
    pub total_bytes: u64,
    /// Uncompressed / compressed size of one member. Spreadsheet XML compresses 5 to 30
    /// times; deflate cannot exceed ~1 032; Apache POI refuses above 100 (its
    /// `ZipSecureFile` default), so does secpa.
    pub ratio: u64,
    /// Members smaller than this are not held to `ratio` (a tiny part may compress oddly).
    pub ratio_from_bytes: u64,
    /// Members in the archive: a workbook has a dozen or so.
    pub members: usize,
    /// Shared strings `sharedStrings.xml` may declare (calamine reserves them all).
    pub shared_strings: u64,
    /// Cells a sheet may span, first to last (calamine allocates the whole rectangle,
    /// ≈ 32 bytes each): 100 000 structures × 50 columns fit. For `.ods`, what the
    /// `number-rows-repeated` and `number-columns-repeated` of `content.xml` expand to.
    pub cells: u64,
    /// Text a sheet may hold once written out as CSV (one shared string may be used by
    /// every cell): 100 000 structures of 2 KiB each fit.
    pub text_bytes: u64,
    /// The workbook file itself, read into memory before anything else: an archive is
    /// never much larger than what it may inflate to (`total_bytes`), stored members and
    /// headers aside.
    pub file_bytes: u64,
}

/// The limits every workbook is opened with (E022).
pub const ZIP_LIMITS: ZipLimits = ZipLimits {
    total_bytes: 200 * 1024 * 1024,
    ratio: 100,
    ratio_from_bytes: 1024 * 1024,
    members: 10_000,
    shared_strings: 10_000_000,
    cells: 5_000_000,
    text_bytes: 256 * 1024 * 1024,
    file_bytes: 210 * 1024 * 1024,
};

/// The workbook formats calamine reads for us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Office Open XML (Excel, and LibreOffice's "Excel 2007-365").
    Xlsx,
    /// OpenDocument spreadsheet (LibreOffice's own format, common in administrations).
    Ods,
}

/// What the ODF specification puts first in every OpenDocument spreadsheet: a stored
/// `mimetype` member, right after its 30-byte local header.
const ODS_SIGNATURE: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet";

/// Whether a file is to be read as a workbook, and which. Its content decides: a zip is a
/// workbook (a workbook renamed `.csv` is still a workbook), anything else is text (a CSV
/// file renamed `.xlsx` is still CSV). An OpenDocument spreadsheet says so in its first
/// bytes; otherwise the name (`.ods`) decides between the two workbook formats.
pub fn kind(path: &std::path::Path, head: &[u8]) -> Option<Kind> {
    if !head.starts_with(b"PK\x03\x04") {
        return None;
    }
    let ods_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ods"));
    let ods = head.get(30..).is_some_and(|h| h.starts_with(ODS_SIGNATURE));
    Some(if ods || ods_name {
        Kind::Ods
    } else {
        Kind::Xlsx
    })
}

/// Reads one sheet of a workbook as text: `sheet`, or the one the person sees ([`choose`]). The
/// zip archive is checked against [`ZIP_LIMITS`] first (E022): a zip bomb is refused, not
/// inflated. A sheet, `.xlsx` or `.ods`, is then read as a stream of cells, never as a
/// whole rectangle. `candidature::open` makes it a file of rows.
pub fn read(kind: Kind, bytes: Vec<u8>, sheet: Option<&str>) -> Result<SheetText, Problem> {
    // calamine and zip are not ours: should they panic on a hostile file, that file is
    // reported like any other unreadable workbook (E020) instead of taking the whole batch
    // down with exit 101, and the panic message is not printed.
    let read = quietly(move || {
        let size = bytes.len() as u64;
        if size > ZIP_LIMITS.file_bytes {
            return Err(Problem::WorkbookTooLarge(ZipLimit::File {
                bytes: size,
                limit: ZIP_LIMITS.file_bytes,
            }));
        }
        guard(&bytes, ZIP_LIMITS).map_err(Problem::WorkbookTooLarge)?;
        match kind {
            Kind::Xlsx => xlsx::read(&bytes, sheet),
            Kind::Ods => ods::read(&bytes, sheet),
        }
    });
    read.unwrap_or(Err(Problem::InvalidWorkbook {
        reason: WorkbookFault::Inconsistent,
    }))
}

thread_local! {
    /// Set while [`quietly`] runs on this thread: its panics are caught and reported.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// `catch_unwind`, without the default hook's "thread panicked at…" on stderr for a panic
/// caught here. The hook is process-wide, so it is replaced once by one that stays silent
/// only on a thread inside `quietly` and otherwise calls the previous hook: other threads'
/// panics (and this thread's outside `quietly`) are printed as before.
pub fn quietly<T>(f: impl FnOnce() -> T + UnwindSafe) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(f);
    QUIET.with(|q| q.set(was));
    result
}

/// A workbook its reader could not read (E020), in the reader's own words.
fn invalid(e: &dyn std::fmt::Display) -> Problem {
    Problem::InvalidWorkbook {
        reason: WorkbookFault::Reader(e.to_string()),
    }
}

/// What the sheet stage gives the row reader.
pub struct SheetText {
    /// The sheet's text, as CSV.
    pub spool: Spool,
    pub notes: Notes,
}

/// What a sheet says beyond its text, for the row reader to report once it knows the
/// header. Records count from the first row written out (0); positions from its first
/// column.
#[derive(Debug, Default, Clone)]
pub struct Notes {
    /// The sheet's first row and column written out (0-based): to name cells.
    pub first_row: u32,
    pub first_col: u32,
    /// Rows refused while streaming (too large to write out), in order.
    pub faults: Vec<Fault>,
    /// Cells holding a formula, in order.
    pub formulas: Vec<Formula>,
    /// Rows the sheet hides (hidden by hand or by a filter) that hold something, in order.
    pub hidden: Vec<u64>,
    /// Columns the sheet hides, by position in the rows written out, in order.
    pub hidden_columns: Vec<usize>,
    /// Merged regions with a value, each filled in with it.
    pub merges: Vec<Merge>,
    /// Which sheet was read, when the workbook has several (I027, E028).
    pub choice: Option<Choice>,
}

impl Notes {
    /// The A1 reference of a record's cell at `position`.
    pub fn cell(&self, record: u64, position: usize) -> String {
        let row = u64::from(self.first_row) + record;
        a1(row, u64::from(self.first_col) + position as u64)
    }
}

/// A formula cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    pub record: u64,
    pub position: usize,
    pub result: FormulaResult,
}

/// What a formula cell holds besides its formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormulaResult {
    /// The result the spreadsheet computed and saved: what the person saw.
    Stored,
    /// No result at all (openpyxl, scripts): nothing to read.
    Missing,
    /// A placeholder result in a workbook that asks to be recalculated when opened
    /// (`fullCalcOnLoad`, written by XlsxWriter and openpyxl): not what the person sees.
    Placeholder,
}

/// A merged region (0-based sheet coordinates, inclusive) and the value it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    pub first: (u32, u32),
    pub last: (u32, u32),
    pub value: String,
}

impl Merge {
    /// "A3:A4".
    pub fn range(&self) -> String {
        let at = |(r, c): (u32, u32)| a1(u64::from(r), u64::from(c));
        format!("{}:{}", at(self.first), at(self.last))
    }
}

pub use crate::diagnostic::{Choice, SheetInfo, Why};

/// "A1" from 0-based coordinates.
pub fn a1(row: u64, col: u64) -> String {
    let col = usize::try_from(col).unwrap_or(usize::MAX);
    format!("{}{}", crate::letter::letter(col), row + 1)
}

/// The sheet to read. Asked for (`--sheet`): that one, by its exact name. Otherwise the
/// one the person sees when she opens the file, the active sheet, else the first visible
/// one, never a hidden one; if it has no header secpa recognises and exactly one other
/// visible sheet has one (data behind a « Lisez-moi » sheet), that one. `has_header` reads
/// the first rows of a sheet.
pub fn choose(
    sheets: &[SheetInfo],
    active: Option<usize>,
    asked: Option<&str>,
    mut has_header: impl FnMut(&str) -> Result<bool, Problem>,
) -> Result<Choice, Problem> {
    let others = |read: &str| -> Vec<SheetInfo> {
        sheets.iter().filter(|s| s.name != read).cloned().collect()
    };
    if let Some(wanted) = asked {
        let Some(sheet) = sheets.iter().find(|s| s.name == wanted) else {
            return Err(Problem::UnknownSheet {
                sheet: wanted.to_owned(),
                available: sheets
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        return Ok(Choice {
            read: sheet.name.clone(),
            why: Why::Asked,
            others: others(&sheet.name),
        });
    }
    let shown = active
        .and_then(|i| sheets.get(i))
        .filter(|s| !s.hidden)
        .or_else(|| sheets.iter().find(|s| !s.hidden))
        .or(sheets.first())
        .ok_or(Problem::InvalidWorkbook {
            reason: WorkbookFault::NoSheet,
        })?;
    let mut why = Why::Shown;
    let mut read = shown;
    if sheets.len() > 1 && !has_header(&shown.name)? {
        let mut with_header = Vec::new();
        for sheet in sheets.iter().filter(|s| !s.hidden && s.name != shown.name) {
            if has_header(&sheet.name)? {
                with_header.push(sheet);
            }
        }
        match with_header.as_slice() {
            [only] => {
                why = Why::OnlyHeader {
                    shown: shown.name.clone(),
                };
                read = only;
            }
            [] => why = Why::NoHeader,
            _ => {}
        }
    }
    Ok(Choice {
        read: read.name.clone(),
        why,
        others: others(&read.name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn the_fixture_zip_bomb_is_refused_without_being_inflated() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/bad/zip-bomb.xlsx"
        );
        let bytes = std::fs::read(path).expect("fixture");
        let read = read(Kind::Xlsx, bytes, None);
        assert!(matches!(read, Err(p) if p.code() == Code::E022));
    }

    #[test]
    fn a_panic_inside_is_caught_quietly() {
        let caught = quietly(|| -> u8 { panic!("hostile workbook") });
        assert!(caught.is_err());
        assert_eq!(quietly(|| 7).ok(), Some(7));
        assert!(!QUIET.with(Cell::get), "the flag is reset after the call");
    }

    #[test]
    fn not_a_zip_is_a_diagnostic() {
        let read = read(Kind::Xlsx, b"finess,nom\n".to_vec(), None);
        assert!(matches!(read, Err(p) if p.code() == Code::E020));
    }

    fn sheets(list: &[(&str, bool)]) -> Vec<SheetInfo> {
        list.iter()
            .map(|(name, hidden)| SheetInfo {
                name: (*name).to_owned(),
                hidden: *hidden,
            })
            .collect()
    }

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 27), "AB12");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn the_sheet_shown_is_read_never_a_hidden_one() {
        let list = sheets(&[("Cachée", true), ("Données", false), ("Autre", false)]);
        let all = |_: &str| Ok(true);
        // No active sheet said: the first visible one.
        assert_eq!(choose(&list, None, None, all).unwrap().read, "Données");
        // The active sheet, when visible.
        assert_eq!(choose(&list, Some(2), None, all).unwrap().read, "Autre");
        // A hidden active sheet is not what the person sees.
        assert_eq!(choose(&list, Some(0), None, all).unwrap().read, "Données");
        // Asked for by name, even hidden.
        let asked = choose(&list, None, Some("Cachée"), all).unwrap();
        assert_eq!((asked.read.as_str(), asked.why), ("Cachée", Why::Asked));
        assert_eq!(asked.others.len(), 2);
        assert!(matches!(
            choose(&list, None, Some("Nope"), all),
            Err(Problem::UnknownSheet { available, .. }) if available == "Cachée, Données, Autre"
        ));
    }

    #[test]
    fn data_behind_a_readme_sheet_is_found() {
        let list = sheets(&[
            ("Lisez-moi", false),
            ("Candidatures", false),
            ("Vieux", true),
        ]);
        let only = |name: &str| Ok(name != "Lisez-moi");
        let got = choose(&list, Some(0), None, only).unwrap();
        assert_eq!(got.read, "Candidatures");
        assert_eq!(
            got.why,
            Why::OnlyHeader {
                shown: "Lisez-moi".into()
            }
        );
        // The hidden sheet is never a candidate, even with a header.
        let hidden_only = |name: &str| Ok(name == "Vieux");
        let got = choose(&list, Some(0), None, hidden_only).unwrap();
        assert_eq!((got.read.as_str(), got.why), ("Lisez-moi", Why::NoHeader));
        // Two other sheets with a header: no guess, the one shown is read.
        let list = sheets(&[("Lisez-moi", false), ("A", false), ("B", false)]);
        let got = choose(&list, None, None, only).unwrap();
        assert_eq!((got.read.as_str(), got.why), ("Lisez-moi", Why::Shown));
    }
}
