//! An `.xlsx` sheet. calamine streams its cells (shared strings, dates, numbers); the
//! sheet's XML is read a second time in step with it for what calamine does not say: each
//! cell's percentage style, whether it holds a formula and a stored result, and the rows
//! the sheet hides. The workbook's own parts say which sheet is active, which are hidden,
//! and whether the stored results are to be recalculated on opening (`fullCalcOnLoad`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader as _, SheetVisible, Xlsx, XlsxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::cell::{percent_text, text};
use super::spool::{Region, Spool, Text};
use super::{choose, invalid, Formula, FormulaResult, Notes, SheetInfo, SheetText};
use crate::candidature::column::Column;
use crate::diagnostic::Problem;

/// An `.xlsx` sheet, streamed twice with calamine's cell reader: once for the extent of its
/// non-empty cells (what a range would span), once to write each row out as it ends. No
/// more than one row is ever held, within the reader's limits.
pub fn read(bytes: &[u8], asked: Option<&str>) -> Result<SheetText, Problem> {
    let book = Book::of(bytes);
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| invalid(&e))?;
    let sheets: Vec<SheetInfo> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| SheetInfo {
            name: s.name.clone(),
            hidden: s.visible != SheetVisible::Visible,
        })
        .collect();
    let choice = choose(&sheets, book.active, asked, |name| {
        has_header(&mut workbook, name)
    })?;
    let name = choice.read.clone();
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
    let with_choice = |mut notes: Notes| {
        notes.choice = (sheets.len() > 1).then(|| choice.clone());
        notes
    };
    let Some((first_row, first_col, last_col)) = extent else {
        let spool = Spool::writer()?.finish()?;
        return Ok(SheetText {
            spool,
            notes: with_choice(Notes::default()),
        });
    };
    let regions = match workbook.worksheet_merge_cells(&name) {
        Some(Ok(dimensions)) => dimensions
            .iter()
            .map(|d| Region::new(d.start, d.end))
            .collect(),
        _ => Vec::new(),
    };
    let width = (last_col - first_col) as usize + 1;
    let mut rows = Text::new(first_row, first_col, width, regions)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok();
    let mut scanner = archive.as_mut().and_then(|a| book.scanner(a, &name));
    let mut cells = workbook
        .worksheet_cells_reader(&name)
        .map_err(|e| invalid(&e))?;
    while let Some(cell) = cells.next_cell().map_err(|e| invalid(&e))? {
        let at = cell.get_position();
        // In step with calamine: one `<c>` element each, empty ones included.
        let seen = scanner.as_mut().map(|s| s.next(at)).unwrap_or_default();
        if seen.hidden_row {
            rows.hide(at.0);
        }
        if seen.formula && at.0 >= first_row && at.1 >= first_col && at.1 <= last_col {
            let result = if !seen.result {
                FormulaResult::Missing
            } else if book.recalculate {
                FormulaResult::Placeholder
            } else {
                FormulaResult::Stored
            };
            rows.notes().formulas.push(Formula {
                record: u64::from(at.0 - first_row),
                position: (at.1 - first_col) as usize,
                result,
            });
        }
        let value = cell.get_value();
        let shown = match value {
            DataRef::Empty => continue,
            // What the cell shows: 0.463 formatted as a percentage is "46.3 %".
            DataRef::Float(f) if seen.percent => Cow::Owned(percent_text(*f)),
            DataRef::Int(n) if seen.percent => Cow::Owned(percent_text(*n as f64)),
            DataRef::SharedString(s) => Cow::Borrowed(*s),
            DataRef::String(s) => Cow::Borrowed(s.as_str()),
            other => Cow::Owned(text(&Data::from(other.clone()))),
        };
        rows.push(at, &shown)?;
    }
    let hidden_cols = scanner.map(|s| s.hidden_cols).unwrap_or_default();
    let (spool, mut notes) = rows.finish()?;
    notes.hidden_columns = positions(&hidden_cols, first_col, last_col);
    Ok(SheetText {
        spool,
        notes: with_choice(notes),
    })
}

/// The positions, in the rows written out from `first_col` to `last_col`, of the columns
/// in `ranges` (0-based, inclusive), in order and once each.
fn positions(ranges: &[(u32, u32)], first_col: u32, last_col: u32) -> Vec<usize> {
    let mut out: Vec<usize> = ranges
        .iter()
        .flat_map(|&(min, max)| min.max(first_col)..=max.min(last_col))
        .map(|c| (c - first_col) as usize)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether one of the first rows of a sheet reads as a header ([`Column::is_header`]): the
/// cells of its first [`Column::HEADER_SEARCH`] rows, from its first non-empty one.
fn has_header(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<bool, Problem> {
    let mut cells = match workbook.worksheet_cells_reader(name) {
        Ok(cells) => cells,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(false),
        Err(e) => return Err(invalid(&e)),
    };
    let mut first = None;
    let mut current: Option<(u32, Vec<String>)> = None;
    while let Some(cell) = cells.next_cell().map_err(|e| invalid(&e))? {
        let (row, _) = cell.get_position();
        let value = text(&Data::from(cell.get_value().clone()));
        if value.trim().is_empty() {
            continue;
        }
        let first = *first.get_or_insert(row);
        if row >= first.saturating_add(Column::HEADER_SEARCH as u32) {
            break;
        }
        match &mut current {
            Some((r, texts)) if *r == row => texts.push(value),
            _ => {
                if let Some((_, texts)) = current.take() {
                    if Column::is_header(texts.iter().map(String::as_str)) {
                        return Ok(true);
                    }
                }
                current = Some((row, vec![value]));
            }
        }
    }
    Ok(current.is_some_and(|(_, texts)| Column::is_header(texts.iter().map(String::as_str))))
}

/// What the workbook's own parts say, beyond calamine: the cell styles that are
/// percentages, the sheets' XML members, the active sheet, and whether the stored
/// formula results are to be thrown away on opening. Anything unreadable says nothing:
/// calamine reports a broken workbook itself.
#[derive(Default)]
struct Book {
    /// Whether each cell style (`s`) is a percentage (number formats 9, 10, or a custom
    /// one with `%`).
    percent_styles: Vec<bool>,
    /// Sheet name → its member in the archive.
    sheets: HashMap<String, String>,
    /// The sheet shown on opening (`activeTab`), by its place in the list of sheets.
    active: Option<usize>,
    /// `<calcPr fullCalcOnLoad="1">`: the file asks to be recalculated when opened, as
    /// XlsxWriter and openpyxl write it; their stored results (0, or none) are placeholders.
    recalculate: bool,
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

/// An XML boolean attribute: "1" or "true".
fn truthy(value: Option<String>) -> bool {
    value.is_some_and(|v| matches!(v.trim(), "1" | "true"))
}

impl Book {
    fn of(bytes: &[u8]) -> Book {
        let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
            return Book::default();
        };
        let mut custom: HashMap<String, bool> = HashMap::new();
        let mut percent_styles = Vec::new();
        if let Some(xml) = member(&mut archive, "xl/styles.xml") {
            let mut in_xfs = false;
            elements(&xml, |e| match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (attr(e, b"numFmtId"), attr(e, b"formatCode")) {
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
        // Sheet names → their XML, through the workbook's relationships.
        let (mut ids, mut active, mut recalculate) = (Vec::new(), None, false);
        if let Some(xml) = member(&mut archive, "xl/workbook.xml") {
            elements(&xml, |e| match e.local_name().as_ref() {
                b"sheet" => {
                    if let (Some(name), Some(id)) = (attr(e, b"name"), attr(e, b"id")) {
                        ids.push((name, id));
                    }
                }
                // The first view is the one a spreadsheet opens.
                b"workbookView" if active.is_none() => {
                    active = Some(
                        attr(e, b"activeTab")
                            .and_then(|t| t.trim().parse::<usize>().ok())
                            .unwrap_or(0),
                    );
                }
                b"calcPr" => recalculate = truthy(attr(e, b"fullCalcOnLoad")),
                _ => {}
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
        Book {
            percent_styles,
            sheets,
            active,
            recalculate,
        }
    }

    /// A reader of the sheet's `<c>` elements in step with calamine's cell reader.
    fn scanner<'b>(&'b self, archive: &'b mut Archive<'b>, sheet: &str) -> Option<Scanner<'b>> {
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
            hidden: false,
            hidden_cols: Vec::new(),
        })
    }
}

/// A workbook's zip archive, over its bytes.
type Archive<'b> = zip::ZipArchive<Cursor<&'b [u8]>>;

/// What the sheet's XML says of one cell.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Seen {
    percent: bool,
    formula: bool,
    /// A result is stored: a non-empty `<v>`, an inline string, or the empty text a
    /// string formula gave (`t="str"` with an empty `<v>`).
    result: bool,
    /// The cell's row is hidden (by hand, or by a filter).
    hidden_row: bool,
}

/// The sheet's XML read a second time, as a stream, for each cell calamine gives: both
/// see the same `<c>` start elements in the same order, and number the cells without `r`
/// the same way. Nothing but the position and the current row's state is kept.
struct Scanner<'b> {
    xml: Reader<std::io::BufReader<zip::read::ZipFile<'b, Cursor<&'b [u8]>>>>,
    buf: Vec<u8>,
    styles: &'b [bool],
    row: u32,
    col: u32,
    hidden: bool,
    /// Columns the sheet hides (`<col min max hidden>`, 0-based, inclusive), read before
    /// its first cell.
    hidden_cols: Vec<(u32, u32)>,
}

impl Scanner<'_> {
    /// What the next cell, which calamine places at `at`, holds. Anything unexpected
    /// answers nothing.
    fn next(&mut self, at: (u32, u32)) -> Seen {
        loop {
            self.buf.clear();
            match self.xml.read_event_into(&mut self.buf) {
                Ok(Event::Start(e)) if e.local_name().as_ref() == b"row" => {
                    let r = attr(&e, b"r").and_then(|r| r.trim().parse::<u32>().ok());
                    if let Some(r) = r {
                        self.row = r.saturating_sub(1);
                    }
                    self.hidden = truthy(attr(&e, b"hidden"));
                }
                Ok(Event::Start(e)) if e.local_name().as_ref() == b"col" => {
                    let bound = |name: &[u8]| {
                        attr(&e, name)
                            .and_then(|v| v.trim().parse::<u32>().ok())
                            .and_then(|v| v.checked_sub(1))
                    };
                    if let (Some(min), Some(max), true) =
                        (bound(b"min"), bound(b"max"), truthy(attr(&e, b"hidden")))
                    {
                        self.hidden_cols.push((min, max));
                    }
                }
                Ok(Event::End(e)) if e.local_name().as_ref() == b"row" => {
                    self.row = self.row.saturating_add(1);
                    self.col = 0;
                    self.hidden = false;
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
                    let string = attr(&e, b"t").as_deref() == Some("str");
                    let (formula, result) = self.children(string);
                    if pos != at {
                        return Seen::default();
                    }
                    return Seen {
                        percent: style.is_some_and(|s| self.styles.get(s) == Some(&true)),
                        formula,
                        result,
                        hidden_row: self.hidden,
                    };
                }
                Ok(Event::Eof) | Err(_) => return Seen::default(),
                _ => {}
            }
        }
    }

    /// The children of a `<c>`, to its end: whether it has a formula, and a result.
    fn children(&mut self, string: bool) -> (bool, bool) {
        let (mut formula, mut result) = (false, false);
        let mut in_value = false;
        loop {
            self.buf.clear();
            match self.xml.read_event_into(&mut self.buf) {
                Ok(Event::Start(e)) => match e.local_name().as_ref() {
                    b"f" => formula = true,
                    b"v" => {
                        in_value = true;
                        // `<c t="str"><f>…</f><v></v></c>`: the formula gave "".
                        result |= string;
                    }
                    b"is" => result = true,
                    _ => {}
                },
                Ok(Event::Text(t)) if in_value => {
                    let text: &[u8] = t.as_ref();
                    result |= !text.iter().all(u8::is_ascii_whitespace);
                }
                Ok(Event::End(e)) => match e.local_name().as_ref() {
                    b"v" => in_value = false,
                    b"c" => return (formula, result),
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => return (formula, result),
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
    fn hidden_column_positions() {
        // `<col min="3" max="5">` and `<col min="1" max="16384">`, the sheet written from C.
        assert_eq!(positions(&[(2, 4)], 2, 10), [0, 1, 2]);
        assert_eq!(positions(&[(0, 16_383), (3, 3)], 2, 4), [0, 1, 2]);
        assert_eq!(positions(&[(0, 1), (11, 20)], 2, 10), Vec::<usize>::new());
    }

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
