//! Workbooks, `.xlsx` and `.ods` (calamine): one sheet's cells turned into the text a CSV export would
//! hold, so the same row pipeline and the same cell parsers read both. Dates become ISO
//! dates, numbers plain decimals as Excel displays them (15 significant digits, so a stored
//! 37.499999999999993 reads 37.5), never a binary float's noise.

use std::cell::Cell;
use std::io::{Cursor, Read};
use std::panic::UnwindSafe;

use calamine::{Data, Ods, Reader, Xlsx};
use csv::ByteRecord;
use rust_decimal::Decimal;

use super::reader::{CandidatureFile, Opened};
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
    /// ≈ 32 bytes each): 100 000 structures × 50 columns fit.
    pub cells: u64,
}

/// The limits every workbook is opened with (E022).
pub const ZIP_LIMITS: ZipLimits = ZipLimits {
    total_bytes: 200 * 1024 * 1024,
    ratio: 100,
    ratio_from_bytes: 1024 * 1024,
    members: 10_000,
    shared_strings: 10_000_000,
    cells: 5_000_000,
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
/// against [`ZIP_LIMITS`] first (E022): a zip bomb is refused, not inflated.
pub fn open(name: &str, kind: Kind, bytes: Vec<u8>, sheet: Option<&str>) -> Opened {
    let unreadable = |problem| Opened::Unreadable(Diagnostic::new(name, None, None, None, problem));
    // calamine and zip are not ours: should they panic on a hostile file, that file is
    // reported like any other unreadable workbook (E020) instead of taking the whole batch
    // down with exit 101, and the panic message is not printed.
    let read = quietly(move || {
        guard(&bytes, ZIP_LIMITS).map_err(Problem::WorkbookTooLarge)?;
        match kind {
            Kind::Xlsx => {
                let styles = percent::Styles::of(&bytes);
                Xlsx::new(Cursor::new(bytes))
                    .map_err(|e| invalid(&e))
                    .and_then(|workbook| read_sheet(workbook, sheet, &styles))
            }
            Kind::Ods => Ods::new(Cursor::new(bytes))
                .map_err(|e| invalid(&e))
                .and_then(|workbook| read_sheet(workbook, sheet, &percent::Styles::default())),
        }
    });
    match read {
        Ok(Ok((first_row, rows))) => CandidatureFile::from_rows(name, first_row, rows),
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

    #[cfg(test)]
    mod tests {
        use super::*;

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

/// The rows of the sheet as text records, with the spreadsheet number of the first row.
fn read_sheet<R>(
    mut workbook: R,
    sheet: Option<&str>,
    styles: &percent::Styles,
) -> Result<(u64, Vec<ByteRecord>), Problem>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let names = workbook.sheet_names();
    let name =
        match sheet {
            Some(wanted) => names.iter().find(|n| n.as_str() == wanted).ok_or_else(|| {
                Problem::UnknownSheet {
                    sheet: wanted.to_owned(),
                    available: names.join(", "),
                }
            })?,
            None => names.first().ok_or(Problem::InvalidWorkbook {
                reason: WorkbookFault::NoSheet,
            })?,
        }
        .clone();
    let range = workbook.worksheet_range(&name).map_err(|e| invalid(&e))?;
    let start = range.start().unwrap_or((0, 0));
    let first_row = u64::from(start.0) + 1;
    let percents = styles.percent_cells(&name);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            cells
                .iter()
                .enumerate()
                .map(|(j, cell)| {
                    let at = (start.0 + i as u32, start.1 + j as u32);
                    match cell {
                        // What the cell shows: 0.463 formatted as a percentage is "46.3 %".
                        Data::Float(f) if percents.contains(&at) => percent_text(*f),
                        Data::Int(n) if percents.contains(&at) => percent_text(*n as f64),
                        _ => text(cell),
                    }
                })
                .collect::<ByteRecord>()
        })
        .collect();
    Ok((first_row, rows))
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
    use std::collections::{HashMap, HashSet};
    use std::io::{Cursor, Read};

    use quick_xml::events::{BytesStart, Event};
    use quick_xml::Reader;

    /// What the archive says about styles and sheets.
    #[derive(Default)]
    pub struct Styles {
        /// Whether each cell style (`s`) is a percentage.
        percent_styles: Vec<bool>,
        /// Sheet name → its XML.
        sheets: HashMap<String, Vec<u8>>,
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
                .filter_map(|(name, id)| {
                    let xml = member(&mut archive, targets.get(&id)?)?;
                    Some((name, xml))
                })
                .collect();
            Styles {
                percent_styles,
                sheets,
            }
        }

        /// (row, column), 0-based, of the sheet's cells formatted as percentages.
        pub fn percent_cells(&self, sheet: &str) -> HashSet<(u32, u32)> {
            let mut cells = HashSet::new();
            let Some(xml) = self.sheets.get(sheet) else {
                return cells;
            };
            elements(xml, |e| {
                if e.local_name().as_ref() != b"c" {
                    return;
                }
                let style = attr(e, b"s").and_then(|s| s.parse::<usize>().ok());
                if style.is_none_or(|s| self.percent_styles.get(s) != Some(&true)) {
                    return;
                }
                if let Some(at) = attr(e, b"r").as_deref().and_then(reference) {
                    cells.insert(at);
                }
            });
            cells
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
