//! An `.ods` sheet, read as a stream from the OpenDocument `content.xml` (calamine reads a
//! whole sheet into a range and says neither percentages, formulas without a value, hidden
//! rows, merged cells nor the active sheet). Its cells go through the same row writer as an
//! `.xlsx` sheet's, with the same [`Notes`]: what the person sees, and what she cannot.
//!
//! The archive is read a few times, never held: once for the list of sheets (and which
//! ones a table style hides), `settings.xml` for the active sheet, the first rows of a sheet
//! to see whether it has a header, then the chosen sheet twice, for the rectangle of its
//! non-empty cells and its merged regions, then to write its rows out.

use std::collections::HashSet;
use std::io::{BufReader, Cursor, Read};

use calamine::Data;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::cell::{percent_text, text};
use super::spool::{Region, Spool, Text};
use super::{choose, invalid, Formula, FormulaResult, Notes, SheetInfo, SheetText};
use crate::candidature::column::Column;
use crate::candidature::limits::LIMITS;
use crate::diagnostic::Problem;

type Archive<'b> = zip::ZipArchive<Cursor<&'b [u8]>>;

/// The sheet `asked`, or the one the person sees ([`choose`]), written out row by row as
/// the `.xlsx` reader does; no more than one row is held, within the reader's limits.
pub fn read(bytes: &[u8], asked: Option<&str>) -> Result<SheetText, Problem> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| invalid(&e))?;
    let sheets = sheets(xml(&mut archive, "content.xml")?)?;
    let active =
        active_table(&mut archive).and_then(|name| sheets.iter().position(|s| s.name == name));
    let index = |name: &str| sheets.iter().position(|s| s.name == name);
    let choice = choose(&sheets, active, asked, |name| match index(name) {
        Some(i) => has_header(table(xml(&mut archive, "content.xml")?, i)?),
        None => Ok(false),
    })?;
    let with_choice = |mut notes: Notes| {
        notes.choice = (sheets.len() > 1).then(|| choice.clone());
        notes
    };
    let at = index(&choice.read).ok_or_else(|| invalid(&"sheet lost"))?;
    let (extent, regions) = extent(table(xml(&mut archive, "content.xml")?, at)?)?;
    let Some((first_row, first_col, last_col)) = extent else {
        return Ok(SheetText {
            spool: Spool::writer()?.finish()?,
            notes: with_choice(Notes::default()),
        });
    };
    let width = (last_col - first_col) as usize + 1;
    let mut rows = Text::new(first_row, first_col, width, regions)?;
    write(
        table(xml(&mut archive, "content.xml")?, at)?,
        &mut rows,
        (first_row, first_col, last_col),
    )?;
    let (spool, notes) = rows.finish()?;
    Ok(SheetText {
        spool,
        notes: with_choice(notes),
    })
}

/// A member of the archive as an XML stream, empty elements given as a start and an end.
fn xml<'b>(archive: &'b mut Archive<'_>, name: &str) -> Result<Xml<'b>, Problem> {
    let member = archive
        .by_name(name)
        .map_err(|e| invalid(&format!("{name}: {e}")))?;
    let mut reader = Reader::from_reader(BufReader::new(Box::new(member) as Box<dyn Read + 'b>));
    reader.config_mut().expand_empty_elements = true;
    Ok(reader)
}

type Xml<'b> = Reader<BufReader<Box<dyn Read + 'b>>>;

/// An attribute's value, by its qualified name (`office:value-type`), unescaped. Matched
/// with its prefix, as LibreOffice and calamine write and read them: `calcext:value-type`
/// is not `office:value-type`.
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            let raw = String::from_utf8_lossy(&a.value).into_owned();
            quick_xml::escape::unescape(&raw).map_or(raw.clone(), |v| v.into_owned())
        })
}

/// A count attribute (`number-columns-repeated`…), 1 when absent or unreadable (as
/// LibreOffice reads it).
fn count(e: &BytesStart<'_>, name: &[u8]) -> u32 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1)
}

/// The sheets of `content.xml`, in order, hidden when their table style says
/// `table:display="false"`. Each table's rows are skipped, not read.
fn sheets(mut reader: Xml<'_>) -> Result<Vec<SheetInfo>, Problem> {
    let mut buf = Vec::new();
    let mut hidden_styles = HashSet::new();
    let mut style: Option<String> = None;
    let mut sheets = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).map_err(|e| invalid(&e))? {
            Event::Start(e) => match e.name().as_ref() {
                b"style:style" => {
                    style = (attr(&e, b"style:family").as_deref() == Some("table"))
                        .then(|| attr(&e, b"style:name"))
                        .flatten();
                }
                b"style:table-properties" => {
                    let display = attr(&e, b"table:display");
                    if let (Some(name), Some("false")) = (&style, display.as_deref()) {
                        hidden_styles.insert(name.clone());
                    }
                }
                b"table:table" => {
                    let name = attr(&e, b"table:name").unwrap_or_default();
                    let hidden =
                        attr(&e, b"table:style-name").is_some_and(|s| hidden_styles.contains(&s));
                    sheets.push(SheetInfo { name, hidden });
                    let end = e.name().as_ref().to_vec();
                    reader
                        .read_to_end_into(quick_xml::name::QName(&end), &mut Vec::new())
                        .map_err(|e| invalid(&e))?;
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"style:style" => style = None,
            Event::Eof => return Ok(sheets),
            _ => {}
        }
    }
}

/// The sheet shown when the file opens: `settings.xml`'s first `ActiveTable`, by name.
/// A file saved without a view (LibreOffice headless) has none; an unreadable one says
/// nothing either (the first visible sheet is then read).
fn active_table(archive: &mut Archive<'_>) -> Option<String> {
    let mut reader = xml(archive, "settings.xml").ok()?;
    let mut buf = Vec::new();
    let mut inside = false;
    let mut name = String::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e)
                if e.name().as_ref() == b"config:config-item"
                    && attr(&e, b"config:name").as_deref() == Some("ActiveTable") =>
            {
                inside = true;
            }
            Event::Text(t) if inside => name.push_str(&t.xml10_content().ok()?),
            Event::GeneralRef(r) if inside => name.push_str(&reference(&r)?),
            Event::End(_) if inside => return Some(name),
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// An entity or character reference in text (`&amp;`, `&#233;`).
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name = r.decode().ok()?;
    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
}

/// `content.xml` positioned inside the `index`-th table (from 0), past its start.
fn table(mut reader: Xml<'_>, index: usize) -> Result<Table<'_>, Problem> {
    let mut buf = Vec::new();
    let mut seen = 0;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).map_err(|e| invalid(&e))? {
            Event::Start(e) if e.name().as_ref() == b"table:table" => {
                if seen == index {
                    return Ok(Table {
                        xml: reader,
                        buf: Vec::new(),
                        depth: 0,
                        row: 0,
                        repeat: 1,
                        col: 0,
                        columns: 0,
                    });
                }
                seen += 1;
                let end = e.name().as_ref().to_vec();
                reader
                    .read_to_end_into(quick_xml::name::QName(&end), &mut Vec::new())
                    .map_err(|e| invalid(&e))?;
            }
            Event::Eof => return Err(invalid(&"content.xml: sheet not found")),
            _ => {}
        }
    }
}

/// What a table's XML gives, in order.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    /// A `table:table-row`: its first sheet row (0-based), how many rows it stands for
    /// (`number-rows-repeated`), and whether the sheet hides it (by hand or by a filter).
    Row { row: u32, repeat: u32, hidden: bool },
    /// A cell of the current row, at its first column, repeated across `repeat` columns.
    Cell(Cell),
    /// The end of the current row.
    RowEnd,
    /// Columns the sheet hides (`table:table-column table:visibility="collapse"`), from
    /// `first` (0-based), `count` of them. They come before the rows.
    HiddenColumns { first: u32, count: u32 },
}

/// One `table:table-cell` or `table:covered-table-cell`.
#[derive(Debug, Clone, PartialEq)]
struct Cell {
    col: u32,
    repeat: u32,
    /// Columns and rows a merged region starting here spans (1, 1 when none).
    span: (u32, u32),
    /// What the cell shows, as a CSV export writes it ("" when empty).
    text: String,
    /// A formula, and whether its result is stored.
    formula: Option<FormulaResult>,
}

impl Cell {
    /// A cell to write: it shows something, or it holds a formula (whose missing result
    /// is an error on its row, never an empty cell).
    fn counts(&self) -> bool {
        !self.text.is_empty() || self.formula.is_some()
    }
}

/// A cell's attributes, read in one pass over them (a sheet has many cells).
#[derive(Debug, Default)]
struct Attrs {
    repeat: u32,
    /// Columns and rows spanned.
    span: (u32, u32),
    kind: Option<String>,
    value: Option<String>,
    date: Option<String>,
    time: Option<String>,
    boolean: Option<String>,
    string: Option<String>,
    formula: bool,
    /// `calcext:value-type="error"`: a formula's error, stored as an empty string.
    error: bool,
}

impl Attrs {
    fn of(e: &BytesStart<'_>) -> Attrs {
        let mut attrs = Attrs {
            repeat: 1,
            span: (1, 1),
            ..Attrs::default()
        };
        for a in e.attributes().flatten() {
            let text = || {
                let raw = String::from_utf8_lossy(&a.value);
                if raw.contains('&') {
                    quick_xml::escape::unescape(&raw)
                        .map_or_else(|_| raw.to_string(), |v| v.into_owned())
                } else {
                    raw.into_owned()
                }
            };
            let number = || {
                std::str::from_utf8(&a.value)
                    .ok()
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .filter(|n| *n > 0)
                    .unwrap_or(1)
            };
            match a.key.as_ref() {
                b"table:number-columns-repeated" => attrs.repeat = number(),
                b"table:number-columns-spanned" => attrs.span.0 = number(),
                b"table:number-rows-spanned" => attrs.span.1 = number(),
                b"office:value-type" => attrs.kind = Some(text()),
                b"office:value" => attrs.value = Some(text()),
                b"office:date-value" => attrs.date = Some(text()),
                b"office:time-value" => attrs.time = Some(text()),
                b"office:boolean-value" => attrs.boolean = Some(text()),
                b"office:string-value" => attrs.string = Some(text()),
                b"table:formula" => attrs.formula = true,
                b"calcext:value-type" => attrs.error = a.value.as_ref() == b"error",
                _ => {}
            }
        }
        attrs
    }
}

/// A table being read as a stream: only the current cell is held.
struct Table<'b> {
    xml: Xml<'b>,
    buf: Vec<u8>,
    /// Elements open inside the table: a row group, a row.
    depth: u32,
    /// The current row and its repeats; the next cell's column.
    row: u32,
    repeat: u32,
    col: u32,
    /// Columns described so far (`table:table-column` and its repeats).
    columns: u32,
}

impl Table<'_> {
    fn next(&mut self) -> Result<Option<Item>, Problem> {
        loop {
            self.buf.clear();
            let event = self
                .xml
                .read_event_into(&mut self.buf)
                .map_err(|e| invalid(&e))?;
            match event {
                Event::Start(e) => match e.name().as_ref() {
                    b"table:table-row" => {
                        self.depth += 1;
                        self.repeat = count(&e, b"table:number-rows-repeated");
                        self.col = 0;
                        let visibility = attr(&e, b"table:visibility");
                        let hidden = matches!(visibility.as_deref(), Some("collapse" | "filter"));
                        return Ok(Some(Item::Row {
                            row: self.row,
                            repeat: self.repeat,
                            hidden,
                        }));
                    }
                    b"table:table-cell" | b"table:covered-table-cell" => {
                        let attrs = Attrs::of(&e);
                        let name: &'static [u8] = match e.name().as_ref() {
                            b"table:table-cell" => b"table:table-cell",
                            _ => b"table:covered-table-cell",
                        };
                        let cell = self.cell(attrs, name)?;
                        return Ok(Some(Item::Cell(cell)));
                    }
                    // A column: whether the sheet hides it. Its groups are read through
                    // like row groups.
                    b"table:table-column" => {
                        let count = count(&e, b"table:number-columns-repeated");
                        let hidden = matches!(
                            attr(&e, b"table:visibility").as_deref(),
                            Some("collapse" | "filter")
                        );
                        self.xml
                            .read_to_end_into(e.name(), &mut Vec::new())
                            .map_err(|e| invalid(&e))?;
                        let first = self.columns;
                        self.columns = self.columns.saturating_add(count);
                        if hidden {
                            return Ok(Some(Item::HiddenColumns { first, count }));
                        }
                    }
                    // Shapes, forms, conditional formats: nothing to read.
                    b"table:shapes"
                    | b"office:forms"
                    | b"table:named-expressions"
                    | b"calcext:conditional-formats" => {
                        let end = e.name().as_ref().to_vec();
                        self.xml
                            .read_to_end_into(quick_xml::name::QName(&end), &mut Vec::new())
                            .map_err(|e| invalid(&e))?;
                    }
                    // Row groups, header rows: their rows are rows like the others.
                    _ => self.depth += 1,
                },
                Event::End(e) => {
                    if self.depth == 0 {
                        return Ok(None);
                    }
                    self.depth -= 1;
                    if e.name().as_ref() == b"table:table-row" {
                        self.row = self.row.saturating_add(self.repeat);
                        self.col = 0;
                        return Ok(Some(Item::RowEnd));
                    }
                }
                Event::Eof => return Err(invalid(&"content.xml: unexpected end of file")),
                _ => {}
            }
        }
    }

    /// A cell, from its start (whose attributes are `attrs`) to its end: what it shows,
    /// as the person sees it.
    fn cell(&mut self, attrs: Attrs, name: &[u8]) -> Result<Cell, Problem> {
        let Attrs {
            repeat,
            span,
            kind,
            value,
            date,
            time,
            boolean,
            string,
            formula,
            error,
        } = attrs;
        let float = |v: &str| v.trim().parse::<f64>().ok();
        // A formula's error (#DIV/0!, #N/A) is stored as an empty string, which is not
        // what the cell shows: its text is, which no parser takes for a value.
        let valued = [&value, &date, &time, &boolean, &string]
            .iter()
            .any(|v| v.is_some());
        let typed = match (kind.as_deref(), value, date, time, boolean, string) {
            _ if error => None,
            (Some("float" | "currency"), Some(v), ..) => {
                Some(float(&v).map_or_else(|| v.clone(), |f| text(&Data::Float(f))))
            }
            // What the cell shows: 0.4 formatted as a percentage is "40 %".
            (Some("percentage"), Some(v), ..) => {
                Some(float(&v).map_or_else(|| v.clone(), percent_text))
            }
            (Some("date"), _, Some(d), ..) => Some(iso_date(&d)),
            (Some("time"), _, _, Some(t), ..) => Some(t),
            (Some("boolean"), _, _, _, Some(b), _) => {
                Some(matches!(b.trim(), "true" | "TRUE").to_string())
            }
            (Some("string"), .., Some(s)) => Some(s),
            // No value, or one of another type than said: what the cell shows.
            _ => None,
        };
        let Some(text) = typed else {
            // LibreOffice stores every result: a value, or the paragraph it shows (an
            // empty one for `=""`). A formula with neither is what scripts write.
            let (paragraphs, shown) = self.paragraphs()?;
            let result = if valued || error || paragraphs > 0 {
                FormulaResult::Stored
            } else {
                FormulaResult::Missing
            };
            return Ok(self.placed(repeat, span, shown, formula.then_some(result)));
        };
        // The value says it all: the paragraph that shows it is not read.
        self.xml
            .read_to_end_into(quick_xml::name::QName(name), &mut self.buf)
            .map_err(|e| invalid(&e))?;
        Ok(self.placed(repeat, span, text, formula.then_some(FormulaResult::Stored)))
    }

    /// The cell at the current column, which moves past its repeats.
    fn placed(
        &mut self,
        repeat: u32,
        span: (u32, u32),
        text: String,
        formula: Option<FormulaResult>,
    ) -> Cell {
        let col = self.col;
        self.col = self.col.saturating_add(repeat);
        Cell {
            col,
            repeat,
            span,
            text,
            formula,
        }
    }

    /// The cell's paragraphs (`text:p`, `text:h`) to its end, joined by line breaks, with
    /// their spaces (`text:s`), tabs and line breaks; comments (`office:annotation`) and
    /// anything else (drawings) left out. Also how many paragraphs there were.
    fn paragraphs(&mut self) -> Result<(usize, String), Problem> {
        let mut shown = String::new();
        let mut paragraphs = 0;
        // Elements open inside the cell: only paragraphs are entered at its top level,
        // so text is read exactly when one is open.
        let mut depth = 0u32;
        // A cell longer than a row may be is refused whatever its length (E010):
        // `text:s text:c="4000000000"` is not expanded past that (the length said is
        // then that bound, not the cell's).
        let cap = LIMITS.row_bytes + 1;
        let push = |shown: &mut String, s: &str| {
            let room = cap.saturating_sub(shown.len());
            let mut end = s.len().min(room);
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            shown.push_str(&s[..end]);
        };
        loop {
            self.buf.clear();
            let event = self
                .xml
                .read_event_into(&mut self.buf)
                .map_err(|e| invalid(&e))?;
            match event {
                Event::Start(e) => {
                    let enter = match e.name().as_ref() {
                        b"office:annotation" | b"text:note" => false,
                        b"text:p" | b"text:h" if depth == 0 => {
                            if paragraphs > 0 {
                                push(&mut shown, "\n");
                            }
                            paragraphs += 1;
                            true
                        }
                        _ if depth == 0 => false,
                        b"text:s" => {
                            let n = count(&e, b"text:c") as usize;
                            push(&mut shown, &" ".repeat(n.min(cap)));
                            true
                        }
                        b"text:tab" => {
                            push(&mut shown, "\t");
                            true
                        }
                        b"text:line-break" => {
                            push(&mut shown, "\n");
                            true
                        }
                        _ => true,
                    };
                    if enter {
                        depth += 1;
                    } else {
                        let end = e.name().as_ref().to_vec();
                        self.xml
                            .read_to_end_into(quick_xml::name::QName(&end), &mut Vec::new())
                            .map_err(|e| invalid(&e))?;
                    }
                }
                Event::End(_) => {
                    if depth == 0 {
                        return Ok((paragraphs, shown));
                    }
                    depth -= 1;
                }
                Event::Text(t) if depth > 0 => {
                    push(&mut shown, &t.xml10_content().map_err(|e| invalid(&e))?);
                }
                Event::CData(t) if depth > 0 => {
                    push(&mut shown, &String::from_utf8_lossy(&t));
                }
                Event::GeneralRef(r) if depth > 0 => {
                    let s = reference(&r).ok_or_else(|| invalid(&"unknown XML entity"))?;
                    push(&mut shown, &s);
                }
                Event::Eof => return Err(invalid(&"content.xml: unexpected end of file")),
                _ => {}
            }
        }
    }
}

/// An `office:date-value` as the date parsers read it: "2021-10-15", or with its time of
/// day "2021-10-15 13:00:00" (seconds' fractions dropped, as for an `.xlsx` date cell);
/// anything else as written, for the parser to refuse with its message.
fn iso_date(value: &str) -> String {
    let value = value.trim();
    let (date, time) = value.split_once('T').unwrap_or((value, ""));
    let time = time.split('.').next().unwrap_or_default();
    let digits = |s: &str, pattern: &str| {
        s.len() == pattern.len()
            && s.bytes().zip(pattern.bytes()).all(|(c, p)| match p {
                b'0' => c.is_ascii_digit(),
                _ => c == p,
            })
    };
    if !digits(date, "0000-00-00") {
        return value.to_owned();
    }
    match time {
        "" | "00:00:00" => date.to_owned(),
        t if digits(t, "00:00:00") => format!("{date} {t}"),
        _ => value.to_owned(),
    }
}

/// Whether one of the first rows of the sheet reads as a header ([`Column::is_header`]): its
/// first [`Column::HEADER_SEARCH`] rows from its first non-empty one, as the row reader
/// searches them.
fn has_header(mut table: Table<'_>) -> Result<bool, Problem> {
    let mut first: Option<u32> = None;
    let mut texts: Vec<String> = Vec::new();
    let mut row = 0;
    while let Some(item) = table.next()? {
        match item {
            Item::Row { row: r, .. } => {
                row = r;
                if first.is_some_and(|f| r >= f.saturating_add(Column::HEADER_SEARCH as u32)) {
                    break;
                }
            }
            Item::Cell(cell) if !cell.text.trim().is_empty() => {
                first.get_or_insert(row);
                texts.push(cell.text);
            }
            Item::Cell(_) | Item::HiddenColumns { .. } => {}
            Item::RowEnd => {
                if Column::is_header(texts.iter().map(String::as_str)) {
                    return Ok(true);
                }
                texts.clear();
            }
        }
    }
    Ok(false)
}

/// A sheet's rectangle: first row, first column, last column (0-based).
type Extent = Option<(u32, u32, u32)>;

/// The sheet's rectangle (first row, first column, last column) of cells that show
/// something or hold a formula, as the `.xlsx` reader computes it, so row and column
/// numbers are the spreadsheet's; and its merged regions with a value.
///
/// The regions are gathered in this pass, which the rectangle needs anyway, rather than
/// handed to the row writer as they are met: [`Text`] wants them before the first row,
/// as the `.xlsx` reader gives them, and this keeps one way in.
fn extent(mut table: Table<'_>) -> Result<(Extent, Vec<Region>), Problem> {
    let mut extent: Extent = None;
    let mut regions = Vec::new();
    let mut row = (0, 1);
    while let Some(item) = table.next()? {
        match item {
            Item::Row { row: r, repeat, .. } => row = (r, repeat),
            Item::Cell(cell) if cell.counts() => {
                let last = cell.col.saturating_add(cell.repeat - 1);
                let (r0, c0, c1) = extent.unwrap_or((row.0, cell.col, last));
                extent = Some((r0.min(row.0), c0.min(cell.col), c1.max(last)));
                // The first of repeated cells only: LibreOffice never repeats a merged
                // cell, and a hostile file's repeats are not multiplied into regions.
                if cell.span != (1, 1) && !cell.text.trim().is_empty() {
                    let first = (row.0, cell.col);
                    let end = (
                        row.0.saturating_add(cell.span.1 - 1),
                        cell.col.saturating_add(cell.span.0 - 1),
                    );
                    regions.push(Region::new(first, end));
                }
            }
            Item::Cell(_) | Item::RowEnd | Item::HiddenColumns { .. } => {}
        }
    }
    Ok((extent, regions))
}

/// Writes the sheet's rows: each non-empty cell (its repeats too, within the rectangle),
/// its formula noted, its row said hidden. A row repeated (`number-rows-repeated`) is
/// held, as written once, only to be written again: an empty one (LibreOffice ends a sheet
/// with a million of them) is skipped.
fn write(
    mut table: Table<'_>,
    rows: &mut Text,
    (first_row, first_col, last_col): (u32, u32, u32),
) -> Result<(), Problem> {
    let (mut row, mut repeat, mut hidden) = (0, 1, false);
    let mut held: Vec<Cell> = Vec::new();
    while let Some(item) = table.next()? {
        match item {
            Item::Row {
                row: r,
                repeat: n,
                hidden: h,
            } => (row, repeat, hidden) = (r, n, h),
            Item::Cell(cell) if cell.counts() => {
                put(rows, row, hidden, &cell, (first_row, first_col, last_col))?;
                if repeat > 1 {
                    held.push(cell);
                }
            }
            Item::Cell(_) => {}
            Item::HiddenColumns { first, count } => {
                let last = first.saturating_add(count - 1).min(last_col);
                for col in first.max(first_col)..=last {
                    rows.notes().hidden_columns.push((col - first_col) as usize);
                }
            }
            Item::RowEnd => {
                for again in 1..repeat {
                    if held.is_empty() {
                        break;
                    }
                    for cell in &held {
                        let at = row.saturating_add(again);
                        put(rows, at, hidden, cell, (first_row, first_col, last_col))?;
                    }
                }
                held.clear();
            }
        }
    }
    Ok(())
}

/// One cell, and its column repeats, into the row writer at sheet row `row`.
fn put(
    rows: &mut Text,
    row: u32,
    hidden: bool,
    cell: &Cell,
    (first_row, first_col, last_col): (u32, u32, u32),
) -> Result<(), Problem> {
    if hidden {
        rows.hide(row);
    }
    let last = cell.col.saturating_add(cell.repeat - 1).min(last_col);
    for col in cell.col..=last {
        if let Some(result) = cell.formula {
            if row >= first_row && col >= first_col {
                rows.notes().formulas.push(Formula {
                    record: u64::from(row - first_row),
                    position: (col - first_col) as usize,
                    result,
                });
            }
        }
        rows.push((row, col), &cell.text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::WorkbookFault;

    /// `content.xml` with `styles` and `tables`, as LibreOffice writes it.
    fn content(styles: &str, tables: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"><office:automatic-styles>{styles}</office:automatic-styles><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
        )
    }

    fn reader(xml: &str) -> Xml<'_> {
        let mut reader = Reader::from_reader(BufReader::new(
            Box::new(xml.as_bytes()) as Box<dyn Read + '_>
        ));
        reader.config_mut().expand_empty_elements = true;
        reader
    }

    /// The cells of a one-table document, with their rows: (row, cell).
    fn cells(rows: &str) -> Vec<(u32, Cell)> {
        let doc = content(
            "",
            &format!(r#"<table:table table:name="F">{rows}</table:table>"#),
        );
        let mut table = table(reader(&doc), 0).expect("table");
        let mut got = Vec::new();
        let mut row = 0;
        while let Some(item) = table.next().expect("xml") {
            match item {
                Item::Row { row: r, .. } => row = r,
                Item::Cell(c) => got.push((row, c)),
                Item::RowEnd | Item::HiddenColumns { .. } => {}
            }
        }
        got
    }

    fn texts(rows: &str) -> Vec<String> {
        cells(rows).into_iter().map(|(_, c)| c.text).collect()
    }

    #[test]
    fn values_read_as_the_cell_shows_them() {
        let got = texts(concat!(
            r#"<table:table-row>"#,
            r#"<table:table-cell office:value-type="percentage" office:value="0.4" calcext:value-type="percentage"><text:p>40,0 %</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="percentage" office:value="0.463"><text:p>46,3 %</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="float" office:value="37.499999999999993"><text:p>37,5</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="float" office:value="1.234"/>"#,
            r#"<table:table-cell office:value-type="currency" office:currency="EUR" office:value="60000"><text:p>60 000,00 €</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="date" office:date-value="2021-10-15"><text:p>15/10/2021</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="date" office:date-value="2021-10-15T23:59:00"><text:p>15/10/2021 23:59</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="date" office:date-value="2021-10-15T00:00:00"/>"#,
            r#"<table:table-cell office:value-type="time" office:time-value="PT12H30M00S"/>"#,
            r#"<table:table-cell office:value-type="boolean" office:boolean-value="true"/>"#,
            r#"<table:table-cell office:value-type="string"><text:p>Centre <text:s text:c="2"/>A&amp;B<text:tab/>x</text:p><text:p>ligne<text:line-break/>2</text:p><office:annotation><text:p>commentaire</text:p></office:annotation></table:table-cell>"#,
            r#"<table:table-cell office:value-type="string" office:string-value="attribut"><text:p>affiché</text:p></table:table-cell>"#,
            r#"</table:table-row>"#,
        ));
        assert_eq!(
            got,
            [
                "40 %",
                "46.3 %",
                "37.5",
                "1.2340",
                "60000",
                "2021-10-15",
                "2021-10-15 23:59:00",
                "2021-10-15",
                "PT12H30M00S",
                "true",
                "Centre   A&B\tx\nligne\n2",
                "attribut",
            ]
        );
    }

    #[test]
    fn formulas_with_and_without_a_stored_result() {
        let got = cells(concat!(
            r#"<table:table-row>"#,
            r#"<table:table-cell table:formula="of:=30000" office:value-type="float" office:value="30000"><text:p>30000</text:p></table:table-cell>"#,
            r#"<table:table-cell table:formula="of:=30000"/>"#,
            r#"<table:table-cell table:formula="of:=&quot;&quot;" office:value-type="string" office:string-value=""><text:p/></table:table-cell>"#,
            r#"<table:table-cell office:value-type="float" office:value="1"/>"#,
            // As LibreOffice saves =1/0 and ="".
            r#"<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>"#,
            r#"<table:table-cell table:formula="of:=&quot;&quot;"><text:p/></table:table-cell>"#,
            r#"</table:table-row>"#,
        ));
        let formulas: Vec<_> = got.iter().map(|(_, c)| c.formula).collect();
        assert_eq!(
            formulas,
            [
                Some(FormulaResult::Stored),
                Some(FormulaResult::Missing),
                Some(FormulaResult::Stored),
                None,
                Some(FormulaResult::Stored),
                Some(FormulaResult::Stored),
            ]
        );
        assert_eq!(
            got[4].1.text, "#DIV/0!",
            "an error shows, never reads empty"
        );
        assert_eq!(got[5].1.text, "");
        assert_eq!(got[1].1.text, "");
        assert!(got[1].1.counts(), "a formula without a value is written");
    }

    #[test]
    fn repeats_spans_and_covered_cells_keep_columns() {
        let got = cells(concat!(
            r#"<table:table-row table:number-rows-repeated="2">"#,
            r#"<table:table-cell table:number-columns-repeated="2"/>"#,
            r#"<table:table-cell office:value-type="string" table:number-columns-spanned="2" table:number-rows-spanned="2"><text:p>oui</text:p></table:table-cell>"#,
            r#"<table:covered-table-cell/>"#,
            r#"<table:table-cell office:value-type="float" office:value="7" table:number-columns-repeated="3"/>"#,
            r#"<table:table-cell table:number-columns-repeated="1017"/>"#,
            r#"</table:table-row>"#,
            r#"<table:table-row><table:covered-table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
        ));
        let at: Vec<_> = got
            .iter()
            .filter(|(_, c)| c.counts())
            .map(|(r, c)| (*r, c.col, c.repeat, c.span))
            .collect();
        assert_eq!(
            at,
            [(0, 2, 1, (2, 2)), (0, 4, 3, (1, 1)), (2, 3, 1, (1, 1))]
        );
    }

    #[test]
    fn hidden_columns_in_groups_and_repeats() {
        let doc = content(
            "",
            concat!(
                r#"<table:table table:name="F"><table:table-column table:number-columns-repeated="2"/>"#,
                r#"<table:table-column-group><table:table-column table:visibility="collapse"/>"#,
                r#"<table:table-header-columns><table:table-column/></table:table-header-columns></table:table-column-group>"#,
                r#"<table:table-column table:visibility="collapse" table:number-columns-repeated="2"/>"#,
                r#"<table:table-column table:visibility="visible" table:number-columns-repeated="16378"/>"#,
                r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row>"#,
                r#"</table:table>"#
            ),
        );
        let mut table = table(reader(&doc), 0).expect("table");
        let mut hidden = Vec::new();
        let mut cells = 0;
        while let Some(item) = table.next().expect("xml") {
            match item {
                Item::HiddenColumns { first, count } => hidden.push((first, count)),
                Item::Cell(_) => cells += 1,
                _ => {}
            }
        }
        // C hidden, D shown (a header column), E and F hidden; the row is still read.
        assert_eq!(hidden, [(2, 1), (4, 2)]);
        assert_eq!(cells, 1);
    }

    #[test]
    fn hidden_rows_and_row_groups() {
        let doc = content(
            "",
            concat!(
                r#"<table:table table:name="F"><table:table-column table:number-columns-repeated="3"/>"#,
                r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row>"#,
                r#"<table:table-row-group><table:table-row table:visibility="collapse"><table:table-cell office:value-type="string"><text:p>b</text:p></table:table-cell></table:table-row></table:table-row-group>"#,
                r#"<table:table-row table:visibility="filter"><table:table-cell/></table:table-row>"#,
                r#"<table:table-row table:number-rows-repeated="1048573" table:visibility="collapse"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
                r#"</table:table><table:table table:name="G"/>"#
            ),
        );
        let mut table = table(reader(&doc), 0).expect("table");
        let mut rows = Vec::new();
        while let Some(item) = table.next().expect("xml") {
            if let Item::Row {
                row,
                repeat,
                hidden,
            } = item
            {
                rows.push((row, repeat, hidden));
            }
        }
        assert_eq!(
            rows,
            [
                (0, 1, false),
                (1, 1, true),
                (2, 1, true),
                (3, 1_048_573, true)
            ]
        );
    }

    #[test]
    fn sheets_hidden_by_their_style() {
        let doc = content(
            concat!(
                r#"<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>"#,
                r#"<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>"#,
            ),
            concat!(
                r#"<table:table table:name="Ancienne" table:style-name="ta2"><table:table-row><table:table-cell><text:p><table:table table:name="inner"/></text:p></table:table-cell></table:table-row></table:table>"#,
                r#"<table:table table:name="Données &amp; c°" table:style-name="ta1"/>"#,
            ),
        );
        let got = sheets(reader(&doc)).expect("sheets");
        assert_eq!(
            got,
            [
                SheetInfo {
                    name: "Ancienne".into(),
                    hidden: true
                },
                SheetInfo {
                    name: "Données & c°".into(),
                    hidden: false
                },
            ]
        );
    }

    /// An `.ods` archive of `content.xml` and `settings.xml`.
    fn ods(content: &str, settings: &str) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, text) in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content),
            ("settings.xml", settings),
        ] {
            writer.start_file(name, options).expect("start");
            std::io::Write::write_all(&mut writer, text.as_bytes()).expect("write");
        }
        writer.finish().expect("zip").into_inner()
    }

    fn spooled(sheet: &mut SheetText) -> String {
        let mut text = String::new();
        sheet
            .spool
            .reader()
            .expect("spool")
            .read_to_string(&mut text)
            .expect("read");
        text
    }

    const HEADER: &str = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>finess</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>nom</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>taux_pauvrete</text:p></table:table-cell></table:table-row>"#;

    #[test]
    fn the_active_table_is_read_and_rows_are_written_out() {
        let lisez = r#"<table:table table:name="Lisez-moi"><table:table-row><table:table-cell office:value-type="string"><text:p>Remplir l'onglet suivant</text:p></table:table-cell></table:table-row></table:table>"#;
        let data = format!(
            concat!(
                r#"<table:table table:name="Données"><table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
                r#"<table:table-row><table:table-cell/>{}"#,
                r#"<table:table-row table:number-rows-repeated="2" table:visibility="filter"><table:table-cell/><table:table-cell office:value-type="float" office:value="930000013"/><table:table-cell office:value-type="string" table:number-rows-spanned="2"><text:p>A</text:p></table:table-cell><table:table-cell table:formula="of:=10"/></table:table-row>"#,
                r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#,
            ),
            &HEADER["<table:table-row>".len()..]
        );
        let doc = content("", &format!("{lisez}{data}"));
        let settings = r#"<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"><office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry><config:config-item config:name="ViewId" config:type="string">view1</config:config-item><config:config-item config:name="ActiveTable" config:type="string">Lisez-moi</config:config-item></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>"#;
        let bytes = ods(&doc, settings);
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).expect("zip");
        assert_eq!(active_table(&mut archive).as_deref(), Some("Lisez-moi"));
        // The active sheet has no header, the other one has: that one is read.
        let mut sheet = read(&bytes, None).expect("read");
        let choice = sheet.notes.choice.clone().expect("two sheets");
        assert_eq!(choice.read, "Données");
        assert_eq!(
            choice.why,
            super::super::Why::OnlyHeader {
                shown: "Lisez-moi".into()
            }
        );
        // From B3: header, two rows (the merged cell's value in both), the formula's
        // row written though empty.
        let notes = &sheet.notes;
        assert_eq!((notes.first_row, notes.first_col), (2, 1));
        assert_eq!(notes.hidden, [1, 2]);
        assert_eq!(notes.merges.len(), 1);
        assert_eq!(notes.merges[0].range(), "C4:C5");
        let formulas: Vec<_> = notes
            .formulas
            .iter()
            .map(|f| (f.record, f.position, f.result))
            .collect();
        assert_eq!(
            formulas,
            [
                (1, 2, FormulaResult::Missing),
                (2, 2, FormulaResult::Missing)
            ]
        );
        assert_eq!(
            spooled(&mut sheet),
            "finess,nom,taux_pauvrete\n930000013,A,\n930000013,A,\n"
        );
        // Asked by name, the sheet without a header is read (empty of a table).
        let sheet = read(&bytes, Some("Lisez-moi")).expect("read");
        assert_eq!(sheet.notes.first_row, 0);
    }

    #[test]
    fn a_hidden_first_table_is_not_read() {
        let styles = r#"<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>"#;
        let tables = format!(
            r#"<table:table table:name="Cachée" table:style-name="ta2">{HEADER}</table:table><table:table table:name="Visible">{HEADER}</table:table>"#
        );
        let bytes = ods(&content(styles, &tables), "<x/>");
        let sheet = read(&bytes, None).expect("read");
        assert_eq!(sheet.notes.choice.expect("two").read, "Visible");
    }

    #[test]
    fn broken_xml_is_an_unreadable_workbook() {
        let bytes = ods(
            &content("", r#"<table:table table:name="F"><table:table-row>"#),
            "",
        );
        assert!(matches!(
            read(&bytes, None),
            Err(Problem::InvalidWorkbook {
                reason: WorkbookFault::Reader(_)
            })
        ));
    }

    #[test]
    fn date_values() {
        assert_eq!(iso_date("2021-10-15"), "2021-10-15");
        assert_eq!(iso_date("2021-10-15T13:00:00.123"), "2021-10-15 13:00:00");
        assert_eq!(iso_date("2021-10-15T00:00:00"), "2021-10-15");
        assert_eq!(iso_date("15/10/2021"), "15/10/2021");
    }
}
