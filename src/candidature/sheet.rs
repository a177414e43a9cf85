//! Workbooks, `.xlsx` and `.ods` (calamine): one sheet's cells turned into the text a CSV export would
//! hold, so the same row pipeline and the same cell parsers read both. Dates become ISO
//! dates, numbers plain decimals as Excel displays them (15 significant digits, so a stored
//! 37.499999999999993 reads 37.5), never a binary float's noise.

use std::borrow::Cow;
use std::cell::Cell;
use std::io::{Cursor, Read, Write};
use std::panic::UnwindSafe;

use calamine::{Data, DataRef, Ods, Reader, Xlsx, XlsxError};
use rust_decimal::Decimal;

use super::reader::{CandidatureFile, Fault, Opened, LIMITS};
use crate::diagnostic::{Diagnostic, Problem, WorkbookFault, ZipLimit};

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

/// Opens one sheet of a workbook: `sheet`, or the first one. The zip archive is checked
/// against [`ZIP_LIMITS`] first (E022): a zip bomb is refused, not inflated. An `.xlsx`
/// sheet is then read as a stream of cells, never as a whole rectangle; an `.ods` sheet,
/// which calamine reads whole, only once its declared repeats are known to fit.
pub fn open(name: &str, kind: Kind, bytes: Vec<u8>, sheet: Option<&str>) -> Opened {
    let unreadable = |problem| Opened::Unreadable(Diagnostic::new(name, None, None, None, problem));
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
            Kind::Xlsx => read_xlsx(&bytes, sheet),
            Kind::Ods => read_ods(&bytes, sheet),
        }
    });
    match read {
        Ok(Ok((first_row, spool, faults))) => {
            CandidatureFile::from_spool(name, first_row, spool, faults)
        }
        Ok(Err(problem)) => unreadable(problem),
        Err(_) => unreadable(Problem::InvalidWorkbook {
            reason: WorkbookFault::Inconsistent,
        }),
    }
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

/// Checks a workbook's zip archive against `limits` before anything reads it. First the
/// sizes the central directory declares (nothing is inflated: a declared bomb stops here);
/// then, since a hostile archive may declare small sizes and still inflate to gigabytes,
/// each member is inflated into a counter that stops as soon as a limit is passed, so at
/// most `total_bytes` are ever inflated, never kept. Bytes that are not a readable zip are
/// left to calamine, which reports them (E020).
pub fn guard(bytes: &[u8], limits: ZipLimits) -> Result<(), ZipLimit> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if archive.len() > limits.members {
        return Err(ZipLimit::Members {
            count: archive.len(),
            limit: limits.members,
        });
    }
    let ratio = |member: &str, uncompressed: u64, compressed: u64| {
        if uncompressed >= limits.ratio_from_bytes
            && uncompressed / compressed.max(1) > limits.ratio
        {
            return Err(ZipLimit::Ratio {
                member: member.to_owned(),
                uncompressed,
                compressed,
                limit: limits.ratio,
            });
        }
        Ok(())
    };
    let total = |bytes: u64| {
        if bytes > limits.total_bytes {
            return Err(ZipLimit::Total {
                bytes,
                limit: limits.total_bytes,
            });
        }
        Ok(())
    };
    let mut declared = 0u64;
    for i in 0..archive.len() {
        let Ok(member) = archive.by_index_raw(i) else {
            continue;
        };
        ratio(member.name(), member.size(), member.compressed_size())?;
        declared = declared.saturating_add(member.size());
        total(declared)?;
    }
    let mut inflated = 0u64;
    for i in 0..archive.len() {
        let Ok(mut member) = archive.by_index(i) else {
            continue;
        };
        let (name, compressed) = (member.name().to_owned(), member.compressed_size());
        let room = limits.total_bytes - inflated + 1;
        // A read error (bad CRC, broken stream) is calamine's to report: count what came.
        let mut counted = 0u64;
        let mut buffer = [0u8; 16 * 1024];
        let mut limited = (&mut member).take(room);
        while let Ok(n @ 1..) = limited.read(&mut buffer) {
            counted += n as u64;
        }
        ratio(&name, counted, compressed)?;
        inflated += counted;
        total(inflated)?;
    }
    // Within those sizes, what calamine would allocate from what the XML declares.
    for i in 0..archive.len() {
        let Ok(member) = archive.by_index(i) else {
            continue;
        };
        let name = member.name().to_owned();
        let xml = std::io::BufReader::new(member);
        if name == "xl/sharedStrings.xml" {
            bounds::shared_strings(xml, limits.shared_strings)?;
        } else if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            bounds::extent(&name, xml, limits.cells)?;
        } else if name == "content.xml" {
            bounds::repeats(&name, xml, limits.cells)?;
        }
    }
    Ok(())
}

/// What a sheet's XML makes calamine allocate, read as a stream (no member is held).
mod bounds {
    use std::io::BufRead;

    use quick_xml::events::{BytesStart, Event};
    use quick_xml::Reader;

    use crate::diagnostic::ZipLimit;

    /// The last row and column a spreadsheet has.
    const ROWS: u64 = 1_048_576;
    const COLUMNS: u64 = 16_384;

    fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name)
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    }

    /// `count` and `uniqueCount` of `<sst>`: calamine reserves that many strings.
    pub fn shared_strings(xml: impl BufRead, limit: u64) -> Result<(), ZipLimit> {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"sst" => {
                    for key in [b"count".as_slice(), b"uniqueCount"] {
                        let declared = attr(&e, key).and_then(|v| v.trim().parse::<u64>().ok());
                        if let Some(declared) = declared.filter(|d| *d > limit) {
                            return Err(ZipLimit::SharedStrings { declared, limit });
                        }
                    }
                    return Ok(());
                }
                Ok(Event::Eof) | Err(_) => return Ok(()),
                _ => {}
            }
            buf.clear();
        }
    }

    /// "XFD1048576" → (row, column), both from 1.
    pub fn cell(reference: &str) -> Option<(u64, u64)> {
        let letters = reference
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let (col, row) = reference.split_at(letters);
        if letters == 0 || letters > 7 {
            return None;
        }
        let column = col.bytes().try_fold(0u64, |n, b| {
            Some(n * 26 + u64::from(b.to_ascii_uppercase().checked_sub(b'A')?) + 1)
        })?;
        Some((row.parse().ok()?, column))
    }

    /// The rectangle from the first to the last cell of a sheet (and its `<dimension>`):
    /// refused past `limit` cells, or with a cell past the last row or column.
    pub fn extent(member: &str, xml: impl BufRead, limit: u64) -> Result<(), ZipLimit> {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        // (min row, max row, min column, max column) of the cells, and of the dimension.
        let mut cells: Option<(u64, u64, u64, u64)> = None;
        let check = |rows: u64, columns: u64| {
            if rows > ROWS || columns > COLUMNS || rows.saturating_mul(columns) > limit {
                return Err(ZipLimit::Extent {
                    member: member.to_owned(),
                    rows,
                    columns,
                    limit,
                });
            }
            Ok(())
        };
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                    b"dimension" => {
                        let range = attr(&e, b"ref").unwrap_or_default();
                        let mut ends = range.split(':').filter_map(cell);
                        if let (Some(a), Some(b)) = (ends.next(), ends.next()) {
                            check(b.0.abs_diff(a.0) + 1, b.1.abs_diff(a.1) + 1)?;
                        }
                    }
                    b"c" => {
                        if let Some((row, column)) = attr(&e, b"r").as_deref().and_then(cell) {
                            // Past the last row or column on its own, even when it is the
                            // only cell with a reference (the rows before it are implicit).
                            if row > ROWS || column > COLUMNS {
                                check(row, column)?;
                            }
                            let (r0, r1, c0, c1) = cells.unwrap_or((row, row, column, column));
                            let spread = (r0.min(row), r1.max(row), c0.min(column), c1.max(column));
                            check(spread.1 - spread.0 + 1, spread.3 - spread.2 + 1)?;
                            cells = Some(spread);
                        }
                    }
                    b"row" => {
                        let row = attr(&e, b"r").and_then(|r| r.trim().parse::<u64>().ok());
                        if let Some(row) = row.filter(|r| *r > ROWS) {
                            check(row, 1)?;
                        }
                    }
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => return Ok(()),
                _ => {}
            }
            buf.clear();
        }
    }

    /// What an `.ods` sheet expands to in calamine, which repeats a cell
    /// `table:number-columns-repeated` times and a row `table:number-rows-repeated` times
    /// (twice: values and formulas), from its first to its last non-empty row and up to
    /// its widest non-empty cell. Empty cells and rows after the last non-empty one are
    /// not expanded: LibreOffice's trailing `number-rows-repeated="1048000"` costs nothing.
    /// Each `<table:table-row>` is also held once as written, empty cells before a
    /// non-empty one included: those count too.
    pub fn repeats(member: &str, xml: impl BufRead, limit: u64) -> Result<(), ZipLimit> {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let repeated = |e: &BytesStart<'_>, name: &[u8]| {
            attr(e, name)
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(1)
        };
        let refuse = |rows: u64, columns: u64| ZipLimit::Extent {
            member: member.to_owned(),
            rows,
            columns,
            limit,
        };
        // Per table: rows so far (repeats counted), the first non-empty one, the widest
        // non-empty row; cells held as written. Per row: its repeats, position, width.
        let (mut rows, mut first, mut widest, mut held) = (0u64, None::<u64>, 0u64, 0u64);
        let (mut row_repeats, mut col, mut width) = (1u64, 0u64, 0u64);
        loop {
            let (e, start) = match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => (e, true),
                Ok(Event::Empty(e)) => (e, false),
                Ok(Event::End(e)) if e.local_name().as_ref() == b"table-row" => {
                    if width > 0 {
                        let first = *first.get_or_insert(rows);
                        widest = widest.max(width);
                        let span = (rows + row_repeats).saturating_sub(first);
                        if span.saturating_mul(widest) > limit {
                            return Err(refuse(span, widest));
                        }
                    }
                    held = held.saturating_add(width);
                    if held > limit {
                        return Err(refuse(rows + 1, width));
                    }
                    rows = rows.saturating_add(row_repeats);
                    buf.clear();
                    continue;
                }
                Ok(Event::Eof) | Err(_) => return Ok(()),
                _ => {
                    buf.clear();
                    continue;
                }
            };
            match e.local_name().as_ref() {
                b"table" => (rows, first, widest) = (0, None, 0),
                b"table-row" => {
                    (row_repeats, col, width) = (repeated(&e, b"number-rows-repeated"), 0, 0);
                    if !start {
                        rows = rows.saturating_add(row_repeats);
                    }
                }
                b"table-cell" | b"covered-table-cell" => {
                    let n = repeated(&e, b"number-columns-repeated");
                    col = col.saturating_add(n);
                    // A cell with content (a value, a formula, a paragraph) is expanded.
                    let valued = start
                        || attr(&e, b"value-type").is_some()
                        || attr(&e, b"formula").is_some();
                    if valued {
                        width = col;
                        if width > limit {
                            return Err(refuse(1, width));
                        }
                    }
                }
                _ => {}
            }
            buf.clear();
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn ods_repeats() {
            let ods = |body: &str| {
                format!("<office:document-content><office:body><office:spreadsheet><table:table table:name=\"F\">{body}</table:table></office:spreadsheet></office:body></office:document-content>")
            };
            // LibreOffice's own trailing repeats: nothing expanded.
            let normal = ods(
                r#"<table:table-row><table:table-cell office:value-type="string"><text:p>nom</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1023"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
            );
            assert!(repeats("content.xml", normal.as_bytes(), 5_000_000).is_ok());
            let bomb = ods(
                r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#,
            );
            assert!(matches!(
                repeats("content.xml", bomb.as_bytes(), 5_000_000),
                Err(ZipLimit::Extent {
                    rows: 6000,
                    columns: 16384,
                    ..
                })
            ));
            // Empty rows between two non-empty ones are expanded.
            let gap = ods(
                r#"<table:table-row><table:table-cell table:number-columns-repeated="100"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="101"/></table:table-row><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
            );
            assert!(repeats("content.xml", gap.as_bytes(), 5_000_000).is_err());
        }

        #[test]
        fn cell_references() {
            assert_eq!(cell("A1"), Some((1, 1)));
            assert_eq!(cell("XFD1048576"), Some((1_048_576, 16_384)));
            assert_eq!(cell("AA10"), Some((10, 27)));
            assert_eq!(cell("1"), None);
            assert_eq!(cell("A"), None);
        }

        #[test]
        fn hostile_declarations_are_refused_before_calamine() {
            let sst =
                br#"<sst xmlns="x" count="2" uniqueCount="1000000000000"><si><t>a</t></si></sst>"#;
            assert!(matches!(
                shared_strings(&sst[..], 1_000_000),
                Err(ZipLimit::SharedStrings { .. })
            ));
            let fine = br#"<sst count="2" uniqueCount="2"/>"#;
            assert!(shared_strings(&fine[..], 1_000_000).is_ok());
            let far = br#"<worksheet><sheetData><row r="1"><c r="A1"/></row><row r="1048576"><c r="XFD1048576"/></row></sheetData></worksheet>"#;
            assert!(matches!(
                extent("s.xml", &far[..], 5_000_000),
                Err(ZipLimit::Extent {
                    rows: 1_048_576,
                    columns: 16_384,
                    ..
                })
            ));
            let past = br#"<worksheet><sheetData><row r="9999999"><c r="A9999999"/></row></sheetData></worksheet>"#;
            assert!(extent("s.xml", &past[..], 5_000_000).is_err());
            // Found by the workbook fuzz target (12 s per run under libFuzzer): the only
            // referenced cell lies past the last row, its row element has no number.
            let past_alone = br#"<worksheet><sheetData><row><c t="e"><v>#DIV/0!</v></c></row><row><c r="A11004160"><v>0</v></c></row></sheetData></worksheet>"#;
            assert!(extent("s.xml", &past_alone[..], 5_000_000).is_err());
            let wide = br#"<worksheet><sheetData><row><c r="XFE1"/></row></sheetData></worksheet>"#;
            assert!(extent("s.xml", &wide[..], 5_000_000).is_err());
            let dim = br#"<worksheet><dimension ref="A1:XFD1048576"/></worksheet>"#;
            assert!(extent("s.xml", &dim[..], 5_000_000).is_err());
            let normal = br#"<worksheet><dimension ref="A1:AA27"/><sheetData><row r="1"><c r="A1"/><c r="AA27"/></row></sheetData></worksheet>"#;
            assert!(extent("s.xml", &normal[..], 5_000_000).is_ok());
        }
    }
}

/// A workbook calamine could not read (E020).
fn invalid(e: &dyn std::fmt::Display) -> Problem {
    Problem::InvalidWorkbook {
        reason: WorkbookFault::Reader(e.to_string()),
    }
}

/// What a sheet gives the row reader: the spreadsheet number of its first row, its text
/// as CSV, and the rows refused while streaming it.
type SheetText = (u64, Spool, Vec<Fault>);

/// The sheet asked for, or the first one.
fn choose(names: &[String], sheet: Option<&str>) -> Result<String, Problem> {
    match sheet {
        Some(wanted) => {
            names
                .iter()
                .find(|n| n.as_str() == wanted)
                .ok_or_else(|| Problem::UnknownSheet {
                    sheet: wanted.to_owned(),
                    available: names.join(", "),
                })
        }
        None => names.first().ok_or(Problem::InvalidWorkbook {
            reason: WorkbookFault::NoSheet,
        }),
    }
    .cloned()
}

/// An `.xlsx` sheet, streamed twice with calamine's cell reader: once for the extent of its
/// non-empty cells (what a range would span), once to write each row out as it ends. No
/// more than one row is ever held, within the reader's [`LIMITS`].
fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<SheetText, Problem> {
    let styles = percent::Styles::of(bytes);
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| invalid(&e))?;
    let name = choose(&workbook.sheet_names(), sheet)?;
    // A chart sheet has no cells: an empty sheet, as calamine's range would say.
    let not_a_sheet = |e: &XlsxError| matches!(e, XlsxError::NotAWorksheet(_));
    let mut extent: Option<(u32, u32, u32)> = None;
    match workbook.worksheet_cells_reader(&name) {
        Ok(mut cells) => {
            while let Some(cell) = cells.next_cell().map_err(|e| invalid(&e))? {
                if matches!(cell.get_value(), DataRef::Empty) {
                    continue;
                }
                let (row, col) = cell.get_position();
                let (r0, c0, c1) = extent.unwrap_or((row, col, col));
                extent = Some((r0.min(row), c0.min(col), c1.max(col)));
            }
        }
        Err(e) if not_a_sheet(&e) => {}
        Err(e) => return Err(invalid(&e)),
    }
    let Some((first_row, first_col, last_col)) = extent else {
        return Ok((1, Spool::writer()?.finish()?, Vec::new()));
    };
    let width = (last_col - first_col) as usize + 1;
    let mut rows = Text::new(first_row, first_col, width)?;
    let mut archive = styles.archive(bytes);
    let mut percents = archive.as_mut().and_then(|a| styles.scanner(a, &name));
    let mut cells = workbook
        .worksheet_cells_reader(&name)
        .map_err(|e| invalid(&e))?;
    while let Some(cell) = cells.next_cell().map_err(|e| invalid(&e))? {
        let at = cell.get_position();
        // In step with calamine: one `<c>` element each, empty ones included.
        let percent = percents.as_mut().is_some_and(|p| p.next_is_percent(at));
        let value = cell.get_value();
        let shown = match value {
            DataRef::Empty => continue,
            // What the cell shows: 0.463 formatted as a percentage is "46.3 %".
            DataRef::Float(f) if percent => Cow::Owned(percent_text(*f)),
            DataRef::Int(n) if percent => Cow::Owned(percent_text(*n as f64)),
            DataRef::SharedString(s) => Cow::Borrowed(*s),
            DataRef::String(s) => Cow::Borrowed(s.as_str()),
            other => Cow::Owned(text(&Data::from(other.clone()))),
        };
        rows.push(at, &shown)?;
    }
    let (spool, faults) = rows.finish()?;
    Ok((u64::from(first_row) + 1, spool, faults))
}

/// An `.ods` sheet: calamine reads it whole, once [`guard`] has bounded what its repeats
/// expand to; its cells then go through the same row writer as an `.xlsx` sheet's.
fn read_ods(bytes: &[u8], sheet: Option<&str>) -> Result<SheetText, Problem> {
    let mut workbook = Ods::new(Cursor::new(bytes)).map_err(|e| invalid(&e))?;
    let name = choose(&workbook.sheet_names(), sheet)?;
    let range = workbook.worksheet_range(&name).map_err(|e| invalid(&e))?;
    drop(workbook);
    let Some(start) = range.start() else {
        return Ok((1, Spool::writer()?.finish()?, Vec::new()));
    };
    let mut rows = Text::new(start.0, start.1, range.width())?;
    for (i, j, cell) in range.used_cells() {
        let at = (start.0 + i as u32, start.1 + j as u32);
        rows.push(at, &text(cell))?;
    }
    let (spool, faults) = rows.finish()?;
    Ok((u64::from(start.0) + 1, spool, faults))
}

/// Where a sheet's text waits between the streaming pass and the row reader, which reads
/// it twice: an anonymous temporary file on the command line (memory stays flat whatever
/// the sheet), memory in the web page (which holds the whole file anyway).
pub enum Spool {
    Memory(std::sync::Arc<[u8]>),
    #[cfg(feature = "cli")]
    File(std::fs::File),
}

/// A [`Spool`] being written.
enum SpoolWriter {
    #[cfg_attr(feature = "cli", allow(dead_code))]
    Memory(Vec<u8>),
    #[cfg(feature = "cli")]
    File(std::io::BufWriter<std::fs::File>),
}

impl Spool {
    fn writer() -> Result<SpoolWriter, Problem> {
        #[cfg(feature = "cli")]
        return tempfile::tempfile()
            .map(|f| SpoolWriter::File(std::io::BufWriter::with_capacity(64 * 1024, f)))
            .map_err(|e| interrupted(&e));
        #[cfg(not(feature = "cli"))]
        Ok(SpoolWriter::Memory(Vec::new()))
    }

    /// A reader from the start. Readers of a file share its offset: each is read through
    /// before the next is asked for.
    pub fn reader(&mut self) -> std::io::Result<Box<dyn Read>> {
        match self {
            Spool::Memory(bytes) => Ok(Box::new(Cursor::new(bytes.clone()))),
            #[cfg(feature = "cli")]
            Spool::File(file) => {
                use std::io::Seek;
                file.seek(std::io::SeekFrom::Start(0))?;
                Ok(Box::new(std::io::BufReader::new(file.try_clone()?)))
            }
        }
    }
}

impl SpoolWriter {
    fn finish(self) -> Result<Spool, Problem> {
        match self {
            SpoolWriter::Memory(bytes) => Ok(Spool::Memory(bytes.into())),
            #[cfg(feature = "cli")]
            SpoolWriter::File(file) => file
                .into_inner()
                .map(Spool::File)
                .map_err(|e| interrupted(e.error())),
        }
    }
}

impl Write for SpoolWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            SpoolWriter::Memory(bytes) => bytes.write(buf),
            #[cfg(feature = "cli")]
            SpoolWriter::File(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            SpoolWriter::Memory(_) => Ok(()),
            #[cfg(feature = "cli")]
            SpoolWriter::File(file) => file.flush(),
        }
    }
}

/// E008: the spool could not be written or read back.
fn interrupted(e: &dyn std::fmt::Display) -> Problem {
    Problem::ReadInterrupted {
        detail: e.to_string(),
    }
}

/// A sheet's cells written out row by row as the CSV text the row reader reads, in a
/// rectangle `width` cells wide from (`first_row`, `first_col`), as calamine's range would
/// give it. Only the row being gathered is held, within [`LIMITS`]: a row past them is not
/// written but becomes a [`Fault`], with the figures the CSV reader would have reported.
struct Text {
    out: csv::Writer<SpoolWriter>,
    first_row: u32,
    first_col: u32,
    width: usize,
    /// The next sheet row to write.
    next: u32,
    /// The row being gathered, and its cells (column in the rectangle, text).
    row: Option<u32>,
    cells: Vec<(usize, String)>,
    /// The row's size so far, its longest cell (bytes, column), a NUL seen.
    bytes: u64,
    longest: (u64, usize),
    nul: bool,
    /// Text written so far, against [`ZipLimits::text_bytes`].
    written: u64,
    faults: Vec<Fault>,
}

impl Text {
    fn new(first_row: u32, first_col: u32, width: usize) -> Result<Text, Problem> {
        let out = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Spool::writer()?);
        Ok(Text {
            out,
            first_row,
            first_col,
            width,
            next: first_row,
            row: None,
            cells: Vec::new(),
            bytes: 0,
            longest: (0, 0),
            nul: false,
            written: 0,
            faults: Vec::new(),
        })
    }

    /// One non-empty cell, at its (row, column) in the sheet.
    fn push(&mut self, (row, col): (u32, u32), text: &str) -> Result<(), Problem> {
        if self.row.is_some_and(|current| row > current) {
            self.flush()?;
        }
        // Spreadsheets write rows in order; a row that comes back after a later one could
        // only be placed by holding the whole sheet, which is what this reader never does.
        if row < self.next || self.row.is_some_and(|current| row < current) {
            return Err(Problem::InvalidWorkbook {
                reason: WorkbookFault::Unordered { row: row + 1 },
            });
        }
        let Some(at) = col
            .checked_sub(self.first_col)
            .map(|c| c as usize)
            .filter(|c| *c < self.width)
        else {
            return Ok(());
        };
        self.row = Some(row);
        let len = text.len() as u64;
        self.bytes += len;
        if len > self.longest.0 || (len == self.longest.0 && at < self.longest.1) {
            self.longest = (len, at);
        }
        self.nul |= text.contains('\0');
        if self.over() {
            // Counted on, never kept: the row is refused whatever else it holds.
            self.cells = Vec::new();
        } else {
            self.cells.push((at, text.to_owned()));
        }
        Ok(())
    }

    /// Whether the row being gathered is past [`LIMITS`].
    fn over(&self) -> bool {
        self.longest.0 > LIMITS.field_bytes as u64
            || self.bytes > LIMITS.row_bytes as u64
            || self.width > LIMITS.cells
    }

    /// An empty record: a blank row, or the place of a refused one.
    fn blank(&mut self) -> Result<(), Problem> {
        self.out.write_record([b""]).map_err(|e| interrupted(&e))?;
        self.written += 3;
        self.next += 1;
        Ok(())
    }

    /// Writes the rows up to the one gathered (blank rows between them), then that row.
    fn flush(&mut self) -> Result<(), Problem> {
        let Some(row) = self.row.take() else {
            return Ok(());
        };
        while self.next < row {
            self.blank()?;
        }
        if self.over() {
            // In the CSV reader's order: what makes the whole row meaningless first.
            let (problem, position) = if self.nul {
                (Problem::BinaryContent, None)
            } else if self.longest.0 > LIMITS.field_bytes as u64 {
                let problem = Problem::FieldTooLong {
                    bytes: self.longest.0,
                    limit: LIMITS.field_bytes,
                };
                (problem, Some(self.longest.1))
            } else {
                let problem = Problem::RowTooLarge {
                    cells: self.width as u64,
                    bytes: self.bytes,
                };
                (problem, None)
            };
            self.faults.push(Fault {
                record: u64::from(row - self.first_row),
                problem,
                position,
            });
            self.blank()?;
        } else if self.cells.is_empty() {
            self.blank()?;
        } else {
            // A cell written twice keeps its last value, as in a range.
            self.cells.sort_by_key(|(at, _)| *at);
            let mut fields = vec![&b""[..]; self.width];
            for (at, text) in &self.cells {
                fields[*at] = text.as_bytes();
            }
            self.out
                .write_record(&fields)
                .map_err(|e| interrupted(&e))?;
            self.written += self.bytes + self.width as u64;
            self.next += 1;
        }
        if self.written > ZIP_LIMITS.text_bytes {
            return Err(Problem::WorkbookTooLarge(ZipLimit::Text {
                bytes: self.written,
                limit: ZIP_LIMITS.text_bytes,
            }));
        }
        self.cells.clear();
        (self.bytes, self.longest, self.nul) = (0, (0, 0), false);
        Ok(())
    }

    fn finish(mut self) -> Result<(Spool, Vec<Fault>), Problem> {
        self.flush()?;
        let writer = self.out.into_inner().map_err(|e| interrupted(e.error()))?;
        Ok((writer.finish()?, self.faults))
    }
}

/// The text of a cell as the CSV parsers expect it.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        // An ISO date cell (`t="d"`): its date, when it has no time of day.
        Data::DateTimeIso(s) => s
            .strip_suffix("T00:00:00")
            .or_else(|| s.strip_suffix("T00:00:00Z"))
            .unwrap_or(s)
            .to_owned(),
        Data::String(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => unambiguous(number(*f)),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, min, s, ms) = dt.to_ymd_hms_milli();
            if (h, min, s, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}:{s:02}")
            }
        }
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

/// A number cell formatted as a percentage, as it shows: 0.463 → "46.3 %" (exact: the
/// decimal shown, times 100, never a float product).
fn percent_text(f: f64) -> String {
    match number(f).parse::<Decimal>() {
        Ok(d) => format!(
            "{} %",
            unambiguous((d * Decimal::ONE_HUNDRED).normalize().to_string())
        ),
        Err(_) => number(f),
    }
}

/// A number cell's text, never mistaken for thousands: the cell is a number, its point is
/// a decimal one, so "1.234" is written "1.2340" (same value), which no parser reads as
/// 1 234 (E109 is for what people type, not for what secpa writes).
fn unambiguous(text: String) -> String {
    if super::value::ambiguous(&text).is_some() {
        text + "0"
    } else {
        text
    }
}

/// A float as Excel shows it: rounded to 15 significant digits, plain decimal notation,
/// no trailing zeros ("2500", "37.5", "0.3"). Out of exact-decimal range (or not finite),
/// Rust's own notation, which the number parsers then refuse with a clear message.
pub fn number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let scientific = format!("{f:.14e}");
    match Decimal::from_scientific(&scientific) {
        Ok(d) => d.normalize().to_string(),
        Err(_) => f.to_string(),
    }
}

/// The cells of an `.xlsx` sheet formatted as percentages, which calamine does not say: read
/// from `xl/styles.xml` (number formats 9, 10, or a custom one with `%`) and the sheet's
/// XML (each cell's style). Anything unreadable gives no percentage cell: calamine reports
/// a broken workbook itself.
mod percent {
    use std::collections::HashMap;
    use std::io::{Cursor, Read};

    use quick_xml::events::{BytesStart, Event};
    use quick_xml::Reader;

    /// What the archive says about styles and sheets.
    #[derive(Default)]
    pub struct Styles {
        /// Whether each cell style (`s`) is a percentage.
        percent_styles: Vec<bool>,
        /// Sheet name → its member in the archive.
        sheets: HashMap<String, String>,
    }

    fn member(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
        let mut file = archive.by_name(name).ok()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        Some(bytes)
    }

    fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == name)
            .map(|a| {
                let raw = String::from_utf8_lossy(&a.value).into_owned();
                quick_xml::escape::unescape(&raw).map_or(raw.clone(), |v| v.into_owned())
            })
    }

    /// Every start or empty element of an XML document, in order.
    fn elements(xml: &[u8], mut f: impl FnMut(&BytesStart<'_>)) {
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) => f(&e),
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
            buf.clear();
        }
    }

    /// Whether a number format code shows a percentage: a `%` outside quotes.
    fn is_percent(code: &str) -> bool {
        let mut quoted = false;
        code.chars().any(|c| {
            if c == '"' {
                quoted = !quoted;
            }
            c == '%' && !quoted
        })
    }

    impl Styles {
        pub fn of(bytes: &[u8]) -> Styles {
            let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
                return Styles::default();
            };
            let mut custom: HashMap<String, bool> = HashMap::new();
            let mut percent_styles = Vec::new();
            if let Some(xml) = member(&mut archive, "xl/styles.xml") {
                let mut in_xfs = false;
                elements(&xml, |e| match e.local_name().as_ref() {
                    b"numFmt" => {
                        if let (Some(id), Some(code)) =
                            (attr(e, b"numFmtId"), attr(e, b"formatCode"))
                        {
                            custom.insert(id, is_percent(&code));
                        }
                    }
                    b"cellXfs" => in_xfs = true,
                    b"cellStyleXfs" | b"dxfs" | b"cellStyles" => in_xfs = false,
                    b"xf" if in_xfs => {
                        let id = attr(e, b"numFmtId").unwrap_or_default();
                        let percent = matches!(id.as_str(), "9" | "10")
                            || custom.get(&id).copied().unwrap_or(false);
                        percent_styles.push(percent);
                    }
                    _ => {}
                });
            }
            if !percent_styles.contains(&true) {
                return Styles::default();
            }
            // Sheet names → their XML, through the workbook's relationships.
            let mut ids = Vec::new();
            if let Some(xml) = member(&mut archive, "xl/workbook.xml") {
                elements(&xml, |e| {
                    if e.local_name().as_ref() == b"sheet" {
                        if let (Some(name), Some(id)) = (attr(e, b"name"), attr(e, b"id")) {
                            ids.push((name, id));
                        }
                    }
                });
            }
            let mut targets = HashMap::new();
            if let Some(xml) = member(&mut archive, "xl/_rels/workbook.xml.rels") {
                elements(&xml, |e| {
                    if let (Some(id), Some(target)) = (attr(e, b"Id"), attr(e, b"Target")) {
                        let path = match target.strip_prefix('/') {
                            Some(absolute) => absolute.to_owned(),
                            None => format!("xl/{target}"),
                        };
                        targets.insert(id, path);
                    }
                });
            }
            let sheets = ids
                .into_iter()
                .filter_map(|(name, id)| Some((name, targets.get(&id)?.clone())))
                .collect();
            Styles {
                percent_styles,
                sheets,
            }
        }

        /// The archive again, for [`Styles::scanner`], when the workbook has percentage
        /// styles at all.
        pub fn archive<'b>(&self, bytes: &'b [u8]) -> Option<Archive<'b>> {
            if !self.percent_styles.contains(&true) {
                return None;
            }
            zip::ZipArchive::new(Cursor::new(bytes)).ok()
        }

        /// A reader of the sheet's `<c>` elements in step with calamine's cell reader.
        pub fn scanner<'b>(
            &'b self,
            archive: &'b mut Archive<'b>,
            sheet: &str,
        ) -> Option<Scanner<'b>> {
            let member = archive.by_name(self.sheets.get(sheet)?).ok()?;
            let mut xml = Reader::from_reader(std::io::BufReader::new(member));
            // As calamine reads it: `<c r="Z2" s="2"/>` is a cell too.
            xml.config_mut().expand_empty_elements = true;
            Some(Scanner {
                xml,
                buf: Vec::new(),
                styles: &self.percent_styles,
                row: 0,
                col: 0,
            })
        }
    }

    /// A workbook's zip archive, over its bytes.
    pub type Archive<'b> = zip::ZipArchive<Cursor<&'b [u8]>>;

    /// The sheet's XML read a second time, as a stream, for the style of each cell
    /// calamine gives: both see the same `<c>` start elements in the same order, and
    /// number the cells without `r` the same way. Nothing but the position is kept.
    pub struct Scanner<'b> {
        xml: Reader<std::io::BufReader<zip::read::ZipFile<'b, Cursor<&'b [u8]>>>>,
        buf: Vec<u8>,
        styles: &'b [bool],
        row: u32,
        col: u32,
    }

    impl Scanner<'_> {
        /// Whether the next cell, which calamine places at `at`, is formatted as a
        /// percentage. Anything unexpected answers no.
        pub fn next_is_percent(&mut self, at: (u32, u32)) -> bool {
            loop {
                self.buf.clear();
                match self.xml.read_event_into(&mut self.buf) {
                    Ok(Event::Start(e)) if e.local_name().as_ref() == b"row" => {
                        let r = attr(&e, b"r").and_then(|r| r.trim().parse::<u32>().ok());
                        if let Some(r) = r {
                            self.row = r.saturating_sub(1);
                        }
                    }
                    Ok(Event::End(e)) if e.local_name().as_ref() == b"row" => {
                        self.row = self.row.saturating_add(1);
                        self.col = 0;
                    }
                    Ok(Event::Start(e)) if e.local_name().as_ref() == b"c" => {
                        let pos = match attr(&e, b"r").as_deref().and_then(reference) {
                            Some(pos) => {
                                self.col = pos.1;
                                pos
                            }
                            None => (self.row, self.col),
                        };
                        self.col = self.col.saturating_add(1);
                        let style = attr(&e, b"s").and_then(|s| s.parse::<usize>().ok());
                        return pos == at
                            && style.is_some_and(|s| self.styles.get(s) == Some(&true));
                    }
                    Ok(Event::Eof) | Err(_) => return false,
                    _ => {}
                }
            }
        }
    }

    /// "B2" → (1, 1).
    fn reference(r: &str) -> Option<(u32, u32)> {
        let split = r.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = r.split_at(split);
        let col = letters.bytes().try_fold(0u32, |n, b| {
            b.is_ascii_uppercase()
                .then(|| n * 26 + u32::from(b - b'A') + 1)
        })?;
        let row: u32 = digits.parse().ok()?;
        Some((row.checked_sub(1)?, col.checked_sub(1)?))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn references_and_formats() {
            assert_eq!(reference("A1"), Some((0, 0)));
            assert_eq!(reference("AB12"), Some((11, 27)));
            assert_eq!(reference("12"), None);
            assert!(is_percent("0.0%"));
            assert!(!is_percent("0.0\"%\""));
            assert!(!is_percent("# ##0"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number(2500.0), "2500");
        assert_eq!(number(37.5), "37.5");
        // What a spreadsheet stores for a computed 37,5 (binary noise in the last digits).
        let noisy: f64 = "37.499999999999993".parse().unwrap();
        assert_ne!(noisy, 37.5);
        assert_eq!(number(noisy), "37.5");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(66000.0), "66000");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(90_193_066_900_014.0), "90193066900014");
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(number(1e300), f64::to_string(&1e300));
    }

    #[test]
    fn number_cells_never_read_as_thousands() {
        assert_eq!(text(&Data::Float(1.234)), "1.2340");
        assert_eq!(text(&Data::Float(60.5)), "60.5");
        assert_eq!(text(&Data::Float(0.463)), "0.463");
    }

    #[test]
    fn dates_become_iso() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        // 44470 = 2021-10-01 in Excel's 1900 date system.
        let dt = ExcelDateTime::new(44470.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(dt)), "2021-10-01");
        let dt = ExcelDateTime::new(44470.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(dt)), "2021-10-01 12:00:00");
    }

    /// A zip of `members` (name, content), deflated.
    fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in members {
            writer.start_file(*name, options).expect("start");
            std::io::Write::write_all(&mut writer, content).expect("write");
        }
        writer.finish().expect("finish").into_inner()
    }

    const SMALL: ZipLimits = ZipLimits {
        total_bytes: 10_000,
        ratio: 100,
        ratio_from_bytes: 1000,
        members: 3,
        shared_strings: 1000,
        cells: 1000,
        text_bytes: 10_000,
        file_bytes: 10_000,
    };

    #[test]
    fn a_workbook_within_the_limits_passes() {
        let text: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(
            guard(&zip_of(&[("a.xml", &text), ("b.xml", b"<b/>")]), SMALL),
            Ok(())
        );
        // Not a zip at all: left to calamine (E020).
        assert_eq!(guard(b"finess,nom\n", SMALL), Ok(()));
    }

    #[test]
    fn declared_sizes_over_the_limits_are_refused() {
        let zeros = vec![0u8; 9000];
        assert!(matches!(
            guard(&zip_of(&[("z.xml", &zeros)]), SMALL),
            Err(ZipLimit::Ratio { member, uncompressed: 9000, .. }) if member == "z.xml"
        ));
        let noise: Vec<u8> = (0..6000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(
            guard(&zip_of(&[("a", &noise), ("b", &noise)]), SMALL),
            Err(ZipLimit::Total {
                bytes: 12_000,
                limit: 10_000
            })
        ));
        assert!(matches!(
            guard(
                &zip_of(&[("a", b""), ("b", b""), ("c", b""), ("d", b"")]),
                SMALL
            ),
            Err(ZipLimit::Members { count: 4, limit: 3 })
        ));
    }

    /// An archive may lie: its directory declares a few bytes, its member inflates to more.
    /// The counting pass catches it, having inflated at most the limit.
    #[test]
    fn sizes_that_lie_are_caught_by_counting() {
        let noise: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let mut bytes = zip_of(&[("x.xml", &noise)]);
        let declared = 20_000u32.to_le_bytes();
        let lie = 10u32.to_le_bytes();
        // The uncompressed size, in the local header (offset 22) and the central one (24).
        let mut patched = 0;
        for at in 0..bytes.len() - 4 {
            if bytes[at..at + 4] == declared {
                bytes[at..at + 4].copy_from_slice(&lie);
                patched += 1;
            }
        }
        assert_eq!(patched, 2, "both headers patched");
        assert!(matches!(
            guard(&bytes, SMALL),
            Err(ZipLimit::Total { bytes: 10_001, .. }) | Err(ZipLimit::Ratio { .. })
        ));
    }

    #[test]
    fn the_fixture_zip_bomb_is_refused_without_being_inflated() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/bad/zip-bomb.xlsx"
        );
        let bytes = std::fs::read(path).expect("fixture");
        let opened = open("zip-bomb.xlsx", Kind::Xlsx, bytes, None);
        assert!(matches!(opened, Opened::Unreadable(d) if d.code() == Code::E022));
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
        let opened = open("x.xlsx", Kind::Xlsx, b"finess,nom\n".to_vec(), None);
        assert!(matches!(opened, Opened::Unreadable(d) if d.code() == Code::E020));
    }
}
