//! Bytes to rows, as Excel saves them: `,`, `;` or tab (detected on the header line), UTF-8
//! with or without BOM or Windows-1252 (detected on the first non-ASCII row), CRLF, LF or CR.
//! Rows are streamed one at a time through `csv_core` into one reusable buffer that never
//! grows past [`LIMITS`]: a 10 MB cell or a 100 000-cell row becomes a diagnostic (E010,
//! E011), never an allocation. Each cell is decoded only when asked for.
//!
//! The file is read once. What one cell cannot say (a date column's order, a number
//! column's decimal mark: [`Conventions`]) is decided from the cells as they come; the first
//! row whose reading depends on what is still undecided makes the reader look ahead through
//! the rest of the file for those columns, then go back to that row
//! ([`CandidatureFile::settle`]). A file that never hesitates (ISO dates, a day past the
//! 12th, no `1,234`) is read in a single pass.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

use super::column::{Column, How, Mapping};
use super::sheet::{FormulaResult, Notes, SheetText};
use super::value::{Conventions, NumberColumn, Scan};
use crate::diagnostic::{Diagnostic, EncodingFault, HeaderGuess, Problem, Rows};

pub use super::limits::{Fault, Limits, LIMITS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// Only ASCII seen so far.
    Unknown,
    Utf8,
    Windows1252,
}

/// The header row: which position holds which column.
#[derive(Debug, Clone)]
pub struct Header {
    /// The header cells as written.
    pub raw: Vec<String>,
    /// Its row, as the spreadsheet numbers it (1 unless title or blank rows come first).
    pub row: u64,
    /// Whether a row of the first [`Column::HEADER_SEARCH`] names enough columns to be the
    /// header ([`Column::is_header`]). When none does, the first non-blank row stands for
    /// it, to name what is missing, and no row is read: what lies under a header secpa
    /// cannot read would be read against the wrong columns.
    pub found: bool,
    positions: [Option<usize>; Column::COUNT],
    /// How the file writes dates and numbers, as decided so far ([`CandidatureFile::settle`]).
    pub conventions: Conventions,
    /// The headers mapped by hand (`--column KEY=HEADER`), applied before the table of
    /// names.
    pub mappings: Vec<Mapping>,
    /// How each header cell was read, by position: the column it gives, if any, and how.
    pub readings: Vec<(Option<Column>, How)>,
}

impl Header {
    /// Position of a column, if present.
    pub fn position(&self, column: Column) -> Option<usize> {
        self.positions[column.index()]
    }

    /// Whether the column is present.
    pub fn has(&self, column: Column) -> bool {
        self.position(column).is_some()
    }

    /// The header as the person wrote it, read with [`Header::mappings`] first: a
    /// header given by hand names its column whatever the table of names says.
    fn named(mappings: &[Mapping], raw: &[String]) -> usize {
        let mut seen = [false; Column::COUNT];
        let mapped: Vec<usize> = mappings
            .iter()
            .filter_map(|m| {
                let position = m.position(raw)?;
                seen[m.column.index()] = true;
                Some(position)
            })
            .collect();
        for (position, cell) in raw.iter().enumerate() {
            if mapped.contains(&position) {
                continue;
            }
            if let Some(c) = Column::from_header(cell) {
                seen[c.index()] = true;
            }
        }
        seen.iter().filter(|s| **s).count()
    }

    /// How each header was read, in the file's order: what `secpa columns` and the web
    /// page show.
    pub fn read_as(&self) -> Vec<HeaderReading> {
        self.raw
            .iter()
            .enumerate()
            .map(|(position, header)| {
                let (column, how) = self
                    .readings
                    .get(position)
                    .copied()
                    .unwrap_or((None, How::Ignored));
                HeaderReading {
                    letter: crate::letter::letter(position),
                    header: header.clone(),
                    key: column.map(Column::name),
                    how,
                }
            })
            .collect()
    }

    /// The columns the header does not give (a header taken for one, E016, gives none).
    pub fn absent(&self) -> Vec<Column> {
        Column::ALL
            .iter()
            .copied()
            .filter(|c| !self.has(*c))
            .collect()
    }

    /// Names the column of a diagnostic as she sees it (the one place that does): her
    /// header and its letter for a column of the file, the label secpa recognises first
    /// (the template's) for a column it lacks. A diagnostic already named (an unknown or
    /// duplicate header, named where its position is known) is left as it is.
    pub fn name(&self, d: &mut Diagnostic) {
        if d.header.is_some() {
            return;
        }
        let Some(column) = d.column.as_deref().and_then(Column::from_name) else {
            return;
        };
        match self
            .position(column)
            .and_then(|p| Some((p, self.raw.get(p)?)))
        {
            Some((position, header)) => {
                d.header = Some(header.clone());
                d.letter = Some(crate::letter::letter(position));
            }
            None => d.header = Some(column.label().to_owned()),
        }
    }

    /// The canonical name of the column at a position, when it is a known one.
    pub fn column_at(&self, position: usize) -> Option<&'static str> {
        Column::ALL
            .iter()
            .find(|c| self.position(**c) == Some(position))
            .map(|c| c.name())
    }
}

/// How one header was read (`secpa columns --format json`: exactly these fields).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HeaderReading {
    /// Its spreadsheet column letter.
    pub letter: String,
    /// The header as written.
    pub header: String,
    /// The column it gives; `null` when ignored. For a header taken for an absent column
    /// (`lookalike`, E016), that column, which is not read until the header is renamed or
    /// mapped.
    pub key: Option<&'static str>,
    pub how: How,
}

/// One record: its cells' bytes end to end, and where each cell ends. Reused from row to
/// row so that reading allocates only while the longest row so far grows.
#[derive(Debug)]
struct Record {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    len: usize,
}

impl Record {
    fn new() -> Record {
        Record {
            bytes: vec![0; 4096],
            ends: vec![0; 64],
            len: 0,
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn get(&self, i: usize) -> Option<&[u8]> {
        self.bytes.get(self.range(i)?)
    }

    /// Where cell `i` lies in `bytes`.
    fn range(&self, i: usize) -> Option<std::ops::Range<usize>> {
        if i >= self.len {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(start..self.ends[i])
    }

    /// Every cell's bytes, end to end.
    fn as_slice(&self) -> &[u8] {
        match self.len {
            0 => &[],
            n => &self.bytes[..self.ends[n - 1]],
        }
    }

    /// Only spaces, tabs and separators: what Excel leaves at the end of a sheet.
    fn is_blank(&self) -> bool {
        self.as_slice().iter().all(u8::is_ascii_whitespace)
    }
}

/// What the reader reads: any input that can go back, for the look-ahead (a file, a spool,
/// bytes in memory).
pub trait Input: Read + Seek {}
impl<T: Read + Seek> Input for T {}

/// The look-ahead's own road through a file, when it is not the reader's input: a file on
/// disk is opened a second time, so that whether it changed meanwhile can be told (E033).
pub trait Ahead {
    /// The file from byte `offset` on.
    fn open(&mut self, offset: u64) -> std::io::Result<Box<dyn Input>>;
    /// After the look-ahead: E033 when the file is no longer the one being read.
    fn changed(&self) -> Option<Problem>;
}

/// What reading one record gave.
enum Next {
    Record,
    /// A record that could not be kept (too large, binary, quote left open): it was read
    /// through without being stored; `position` is the cell at fault, when there is one.
    Bad {
        problem: Problem,
        position: Option<usize>,
    },
    End,
}

/// A candidature file being read.
pub struct CandidatureFile {
    /// The name shown in diagnostics (the path as given).
    pub name: String,
    pub header: Header,
    /// Problems of the header row (unknown or duplicate columns) and of the file as a whole.
    pub header_diagnostics: Vec<Diagnostic>,
    input: BufReader<Box<dyn Input>>,
    /// Bytes of the input consumed so far: where the next record starts.
    offset: u64,
    core: csv_core::Reader,
    encoding: Encoding,
    record: Record,
    /// Where the cells of a record too large to keep go, to be thrown away.
    scratch: Vec<u8>,
    scratch_ends: Vec<usize>,
    /// The last record's bytes as they stand in the file (quotes, separators, line ends),
    /// up to [`LIMITS`]`.row_bytes`: what tells rows merged by a stray quote from a cell
    /// written on two lines ([`CandidatureFile::holds_rows`]).
    raw: Vec<u8>,
    /// Row of the last record (header = 1): the physical line it starts on, blank lines
    /// counted, as a spreadsheet opening the file numbers them; a record whose quoted cell
    /// spans several lines is numbered by its first. A workbook's rows (`physical` false)
    /// are numbered one per record, as the sheet shows them.
    row: u64,
    /// The physical line the last record ends on.
    last_line: u64,
    /// Line ends read so far: LF, CRLF or a lone CR each end one line, as a spreadsheet
    /// opening the file counts them (csv_core counts LF only).
    lines: Lines,
    /// Whether rows are numbered by physical line (a CSV file) or by record (a workbook).
    physical: bool,
    /// The cell separator.
    delimiter: u8,
    rows_read: u64,
    /// A read error ended the file: nothing more is read.
    failed: bool,
    /// Rows of a workbook refused before they were written out, by record (header = 0).
    faults: VecDeque<Fault>,
    /// Records read so far, header included.
    records: u64,
    /// Formula cells of a workbook that show nothing secpa can read (E023), by record.
    formulas: VecDeque<(u64, Vec<(usize, FormulaResult)>)>,
    /// What the workbook said besides its text, until the header is known.
    notes: Option<Notes>,
    /// When no row could be the header: which was taken, which came closest (E005).
    pub guess: Option<HeaderGuess>,
    /// The evidence of [`Conventions`] gathered so far, until they are settled.
    scan: Scan,
    /// The conventions are final: the look-ahead ran, or every column is decided.
    settled: bool,
    /// The look-ahead's road, when not the reader's own input.
    ahead: Option<Box<dyn Ahead>>,
}

/// Counts line ends in bytes read in pieces: LF, CRLF and a lone CR are one each, a CRLF
/// split between two pieces included.
#[derive(Debug, Default, Clone, Copy)]
struct Lines {
    ends: u64,
    after_cr: bool,
}

impl Lines {
    fn count(&mut self, bytes: &[u8]) {
        // One pass over the line-end bytes only (one or two per row): this runs on every
        // byte of the file.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let after_cr = match i.checked_sub(1) {
                Some(before) => bytes[before] == b'\r',
                None => self.after_cr,
            };
            // The LF of a CRLF was counted with its CR.
            if !(bytes[i] == b'\n' && after_cr) {
                self.ends += 1;
            }
        }
        if let Some(&last) = bytes.last() {
            self.after_cr = last == b'\r';
        }
    }
}

/// One structure's row; cells are decoded on demand.
pub struct Row<'a> {
    pub number: u64,
    record: &'a Record,
    header: &'a Header,
    encoding: Encoding,
    /// The whole record as text, checked once, when the file is UTF-8 (or ASCII so far):
    /// its cells are then borrowed, not decoded one by one.
    text: Option<&'a str>,
}

impl<'a> Row<'a> {
    /// Where the column is in the row (0-based), when the file has it.
    pub fn position(&self, column: Column) -> Option<usize> {
        self.header.position(column)
    }

    /// The header of a position, as she wrote it.
    pub fn header_at(&self, position: usize) -> &'a str {
        self.header.raw.get(position).map_or("", String::as_str)
    }

    /// How the file writes what one cell cannot say (dates' order, decimal mark).
    pub fn conventions(&self) -> &Conventions {
        &self.header.conventions
    }

    /// The cell of a column: `None` when the file has no such column.
    pub fn get(&self, column: Column) -> Option<Cow<'a, str>> {
        let range = self.record.range(self.header.position(column)?)?;
        // Separators are ASCII, so every cell of valid UTF-8 is valid UTF-8.
        if let Some(cell) = self.text.and_then(|text| text.get(range.clone())) {
            return Some(Cow::Borrowed(cell));
        }
        Some(decode(self.record.bytes.get(range)?, self.encoding))
    }
}

/// Adds a row's evidence to `scan` (`numbers`: whether its number cells are evidence of the
/// decimal mark, not in a workbook, whose numbers secpa writes itself); true when a cell of
/// the row reads two ways in a column still undecided.
fn observe(scan: &mut Scan, row: &Row<'_>, numbers: bool) -> bool {
    cells(scan, row, numbers, true)
}

/// [`observe`] for the look-ahead, which only gathers evidence.
fn evidence(scan: &mut Scan, row: &Row<'_>, numbers: bool) {
    cells(scan, row, numbers, false);
}

/// The evidence of a row's cells; with `hesitation`, whether one of them reads two ways in
/// a column still undecided.
fn cells(scan: &mut Scan, row: &Row<'_>, numbers: bool, hesitation: bool) -> bool {
    let mut undecided = false;
    for (i, column) in [Column::DateEntree, Column::DateDepot]
        .into_iter()
        .enumerate()
    {
        // Only a date written with slashes tells an order, or reads two ways.
        if let Some(cell) = row.get(column).filter(|c| c.contains('/')) {
            scan.date(i, &cell, row.number);
            undecided |= hesitation && !scan.date_decided(i) && super::value::order_matters(&cell);
        }
    }
    if numbers {
        for (column, number) in [
            (Column::FileActiveMg, NumberColumn::FileActive),
            (Column::TauxPauvrete, NumberColumn::PovertyRate),
            (Column::MontantPsyDemande, NumberColumn::PsyAmount),
        ] {
            // Only a number with a mark tells one, or reads two ways.
            if let Some(cell) = row.get(column).filter(|c| c.contains([',', '.'])) {
                scan.number(number, &cell);
                undecided |=
                    hesitation && !scan.number_decided(number) && super::value::mark_matters(&cell);
            }
        }
    }
    undecided
}

fn decode(bytes: &[u8], encoding: Encoding) -> Cow<'_, str> {
    match encoding {
        Encoding::Windows1252 => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
        _ => String::from_utf8_lossy(bytes),
    }
}

/// What opening a file gave: a reader, or a file that holds no rows (with why).
// One per file opened: its size does not matter, and an unreadable file's diagnostic is
// emitted as it is, unboxed like every other.
#[allow(clippy::large_enum_variant)]
pub enum Opened {
    File(Box<CandidatureFile>),
    Unreadable(Diagnostic),
}

impl CandidatureFile {
    /// Reads the header of a CSV stream; file-level problems come back as a diagnostic.
    pub fn from_reader(name: &str, input: impl Input + 'static) -> std::io::Result<Opened> {
        Self::from_reader_with(name, Box::new(input), None, &[], None)
    }

    /// [`CandidatureFile::from_reader`], with headers mapped by hand (`--column`) and the
    /// look-ahead's road when it is not `input` ([`Ahead`]).
    pub fn from_reader_mapped(
        name: &str,
        input: impl Input + 'static,
        mappings: &[Mapping],
        ahead: Option<Box<dyn Ahead>>,
    ) -> std::io::Result<Opened> {
        Self::from_reader_with(name, Box::new(input), None, mappings, ahead)
    }

    fn from_reader_with(
        name: &str,
        input: Box<dyn Input>,
        mut notes: Option<Notes>,
        mappings: &[Mapping],
        ahead: Option<Box<dyn Ahead>>,
    ) -> std::io::Result<Opened> {
        let mut input = BufReader::with_capacity(64 * 1024, input);
        let head = input.fill_buf()?;
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Ok(Opened::Unreadable(Diagnostic::new(
                name,
                None,
                None,
                None,
                Problem::Encoding {
                    reason: EncodingFault::Utf16,
                },
            )));
        }
        // csv_core ends a record at CR, LF or CRLF, and drops a UTF-8 BOM at the very start.
        let delimiter = detect_delimiter(head);
        let core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        let file = CandidatureFile {
            name: name.to_owned(),
            header: Header {
                raw: Vec::new(),
                row: 1,
                found: false,
                positions: [None; Column::COUNT],
                conventions: Conventions::default(),
                mappings: mappings.to_vec(),
                readings: Vec::new(),
            },
            header_diagnostics: Vec::new(),
            input,
            offset: 0,
            core,
            encoding: Encoding::Unknown,
            record: Record::new(),
            scratch: vec![0; 64 * 1024],
            scratch_ends: vec![0; 1024],
            raw: Vec::new(),
            // A workbook's rows are numbered from its first row written out.
            row: notes.as_ref().map_or(0, |n| u64::from(n.first_row)),
            last_line: 0,
            lines: Lines::default(),
            delimiter,
            physical: notes.is_none(),
            rows_read: 0,
            failed: false,
            faults: notes
                .as_mut()
                .map(|n| std::mem::take(&mut n.faults).into())
                .unwrap_or_default(),
            records: 0,
            formulas: VecDeque::new(),
            notes,
            guess: None,
            scan: Scan::default(),
            settled: false,
            ahead,
        };
        file.start()
    }

    /// A file from the rows of a spreadsheet, written out as CSV text by
    /// [`super::sheet`] into a spool and read back through the same bounded reader, so a
    /// workbook gets exactly the checks and limits of a CSV file. Its notes (rows refused while streaming, formulas, hidden rows, merged cells,
    /// the sheet read) are reported once the header is known; its first row is the
    /// spreadsheet's number of the first row written out, so rows keep the numbers the
    /// sheet shows.
    pub fn from_spool(name: &str, sheet: SheetText, mappings: &[Mapping]) -> Opened {
        let SheetText { spool, notes } = sheet;
        let opened = spool
            .reader()
            .and_then(|input| Self::from_reader_with(name, input, Some(notes), mappings, None));
        opened.unwrap_or_else(|e| {
            Opened::Unreadable(Diagnostic::new(
                name,
                None,
                None,
                None,
                Problem::ReadInterrupted {
                    detail: e.to_string(),
                },
            ))
        })
    }

    /// Reads a file from disk.
    pub fn open(path: &std::path::Path) -> std::io::Result<Opened> {
        let file = std::fs::File::open(path)?;
        Self::from_reader(&path.display().to_string(), file)
    }

    /// Finds the header: the first row, among the first [`Column::HEADER_SEARCH`], that
    /// names at least [`Column::HEADER_MIN`] known columns. Blank rows, rows of separators
    /// and title rows above it are skipped, and said (I029); row numbers stay those of the
    /// file. When no row qualifies, the first non-blank row is taken to name what is
    /// missing (E005 says which row came closest) and no row is read.
    fn start(mut self) -> std::io::Result<Opened> {
        let name = self.name.clone();
        let unreadable = |row, problem| {
            Ok(Opened::Unreadable(Diagnostic::new(
                &name, row, None, None, problem,
            )))
        };
        // (row, cells) of the first non-blank row, the closest to a header so far.
        let mut first: Option<(u64, Vec<String>)> = None;
        let mut closest: Option<(u64, usize)> = None;
        let mut skipped = 0u64;
        let raw = loop {
            if self.records >= Column::HEADER_SEARCH as u64 {
                break None;
            }
            match self.read_record()? {
                Next::End => break None,
                Next::Bad { problem, .. } => return unreadable(Some(self.row), problem),
                Next::Record if self.record.is_blank() => {
                    skipped += 1;
                    continue;
                }
                Next::Record => {}
            }
            if let Err(problem) = self.check_encoding() {
                return unreadable(Some(self.row), problem);
            }
            let raw: Vec<String> = (0..self.record.len())
                .map(|i| {
                    decode(self.record.get(i).unwrap_or_default(), self.encoding)
                        .trim()
                        .to_owned()
                })
                .collect();
            let recognised = Header::named(&self.header.mappings, &raw);
            if recognised >= Column::HEADER_MIN {
                break Some(raw);
            }
            if recognised > closest.map_or(0, |(_, n)| n) {
                closest = Some((self.row, recognised));
            }
            first.get_or_insert((self.row, raw));
            skipped += 1;
        };
        let raw = match raw {
            Some(raw) => {
                self.header.found = true;
                self.header.row = self.row;
                if skipped > 0 {
                    let d = Diagnostic::new(
                        &name,
                        Some(self.row),
                        None,
                        None,
                        Problem::HeaderBelow {
                            first: self.row - skipped,
                        },
                    );
                    self.header_diagnostics.push(d);
                }
                raw
            }
            None => {
                let Some((row, raw)) = first else {
                    return unreadable(None, Problem::EmptyFile);
                };
                self.header.row = row;
                self.guess = Some(HeaderGuess {
                    taken: row,
                    closest: closest.filter(|(r, _)| *r != row),
                });
                raw
            }
        };
        let row = Some(self.header.row);
        let mut readings = vec![(None, How::Ignored); raw.len()];
        // Headers mapped by hand first: they name their column whatever the table says.
        for m in &self.header.mappings {
            let Some(position) = m.position(&raw) else {
                let d = Diagnostic::new(
                    &name,
                    row,
                    Some(m.column.name()),
                    Some(&m.header),
                    Problem::MappedHeaderAbsent {
                        column: m.column.name(),
                        header: m.header.clone(),
                    },
                );
                self.header_diagnostics.push(d);
                continue;
            };
            let text = raw.get(position).map(String::as_str);
            match self.header.positions[m.column.index()] {
                Some(first) => {
                    readings[position] = (Some(m.column), How::Duplicate);
                    let d = Diagnostic::new(
                        &name,
                        row,
                        Some(m.column.name()),
                        text,
                        Problem::DuplicateColumn { first: first + 1 },
                    );
                    self.header_diagnostics
                        .push(d.at(text.unwrap_or_default(), position));
                }
                None => {
                    self.header.positions[m.column.index()] = Some(position);
                    readings[position] = (Some(m.column), How::Mapped);
                }
            }
        }
        for (position, text) in raw.iter().enumerate() {
            if readings[position].1 != How::Ignored {
                continue;
            }
            let cell = Some(text.as_str());
            let Some((column, how)) = Column::matching(text) else {
                continue;
            };
            match self.header.positions[column.index()] {
                Some(first) => {
                    readings[position] = (Some(column), How::Duplicate);
                    let d = Diagnostic::new(
                        &name,
                        row,
                        Some(column.name()),
                        cell,
                        Problem::DuplicateColumn { first: first + 1 },
                    );
                    self.header_diagnostics.push(d.at(text, position));
                }
                None => {
                    self.header.positions[column.index()] = Some(position);
                    readings[position] = (Some(column), how);
                }
            }
        }
        // Unknown headers, once every known one has its place: one that shares a word of
        // the vocabulary of a column the file lacks, or resembles its name, is taken for it,
        // which is an error (E016); any other is ignored (W006).
        let absent: Vec<Column> = Column::ALL
            .iter()
            .copied()
            .filter(|c| !self.header.has(*c) && !c.is_optional_condition())
            .collect();
        for (position, text) in raw.iter().enumerate() {
            if text.is_empty() || readings[position].1 != How::Ignored {
                continue;
            }
            let problem = match Column::lookalike(text, &absent) {
                Some(column) => {
                    readings[position] = (Some(column), How::Lookalike);
                    Problem::LookalikeColumn {
                        column: column.name(),
                    }
                }
                // A row taken for want of a header is no header: its other cells are not
                // columns to ignore one by one.
                None if !self.header.found => continue,
                None => Problem::UnknownColumn {
                    suggestion: Column::suggest(text),
                },
            };
            let d = Diagnostic::new(&name, row, Some(text), Some(text), problem);
            self.header_diagnostics.push(d.at(text, position));
        }
        self.header.readings = readings;
        self.header.raw = raw;
        if let Some(notes) = self.notes.take() {
            self.read_notes(notes);
        }
        Ok(Opened::File(Box::new(self)))
    }

    /// What a workbook said besides its text, now that the header is known: the sheet
    /// read (I027, E028), formulas (E023 on their rows, W024 for the file), hidden rows
    /// (W025), hidden columns that are read (W035) and merged regions (W026) under the
    /// header. What lies above it (a title, a
    /// merged banner) is not the table and is not said.
    fn read_notes(&mut self, notes: Notes) {
        let name = self.name.clone();
        let file_level = |problem| Diagnostic::new(&name, None, None, None, problem);
        if let Some(choice) = notes.choice.clone() {
            let problem = match choice.why {
                super::sheet::Why::NoHeader => Problem::NoSheetHeader {
                    sheets: std::iter::once(choice.read.clone())
                        .chain(choice.others.iter().map(|s| s.name.clone()))
                        .collect(),
                },
                _ => Problem::SheetRead(choice),
            };
            self.header_diagnostics.push(file_level(problem));
        }
        let first = u64::from(notes.first_row);
        // The record of the header: rows under it are the table.
        let header = self.header.row.saturating_sub(first + 1);
        let column = |position: usize| {
            self.header
                .positions
                .iter()
                .position(|p| *p == Some(position))
                .map(|i| Column::ALL[i])
        };
        let mut with_result = Vec::new();
        let mut rows: Vec<(u64, Vec<(usize, FormulaResult)>)> = Vec::new();
        for formula in &notes.formulas {
            if formula.record <= header || !self.header.found {
                continue;
            }
            let Some(column) = column(formula.position) else {
                continue;
            };
            match formula.result {
                FormulaResult::Stored => {
                    if column.decides() {
                        with_result.push((formula.record, formula.position));
                    }
                }
                result => match rows.last_mut() {
                    Some((record, cells)) if *record == formula.record => {
                        cells.push((formula.position, result));
                    }
                    _ => rows.push((formula.record, vec![(formula.position, result)])),
                },
            }
        }
        self.formulas = rows.into();
        if !with_result.is_empty() {
            let cells = cell_ranges(&notes, &with_result);
            self.header_diagnostics.push(file_level(Problem::Formulas {
                count: with_result.len() as u64,
                cells,
            }));
        }
        let hidden: Vec<u64> = notes
            .hidden
            .iter()
            .filter(|r| **r > header && self.header.found)
            .map(|r| first + r + 1)
            .collect();
        if !hidden.is_empty() {
            self.header_diagnostics
                .push(file_level(Problem::HiddenRows {
                    rows: Rows::of(&hidden),
                }));
        }
        // Hidden columns that are read: those of a known column.
        let columns: Vec<(String, String)> = notes
            .hidden_columns
            .iter()
            .filter(|_| self.header.found)
            .filter(|p| column(**p).is_some())
            .map(|&p| {
                let letter = crate::letter::letter(notes.first_col as usize + p);
                let header = self.header.raw.get(p).cloned().unwrap_or_default();
                (letter, header)
            })
            .collect();
        if !columns.is_empty() {
            self.header_diagnostics
                .push(file_level(Problem::HiddenColumns { columns }));
        }
        for merge in &notes.merges {
            if u64::from(merge.last.0) < first + header {
                continue;
            }
            let problem = Problem::MergedCells {
                range: merge.range(),
                value: merge.value.clone(),
            };
            let row = u64::from(merge.first.0) + 1;
            self.header_diagnostics.push(Diagnostic::new(
                &name,
                Some(row),
                None,
                Some(&merge.value),
                problem,
            ));
        }
    }

    /// Reads the next record into `self.record`, within [`LIMITS`], and advances the row
    /// count. A record past a limit is read through into `scratch` and thrown away, so
    /// memory stays bounded whatever the input.
    fn read_record(&mut self) -> std::io::Result<Next> {
        use csv_core::ReadRecordResult as R;
        let (mut outlen, mut endlen) = (0, 0);
        let mut skipping = false;
        // Measured in every mode, so the diagnostic can say how large the record was.
        let (mut cells, mut bytes, mut last_end) = (0u64, 0u64, 0u64);
        let mut longest = (0u64, 0usize);
        let (mut quotes, mut nul) = (0usize, false);
        // Line ends inside the record's cells (quoted), and the last byte consumed.
        let (mut inner_lines, mut last_byte) = (Lines::default(), None);
        self.raw.clear();
        let at_eof = loop {
            let input = self.input.fill_buf()?;
            let at_eof = input.is_empty();
            let (result, nin, nout, nend) = if skipping {
                self.core
                    .read_record(input, &mut self.scratch, &mut self.scratch_ends)
            } else {
                self.core.read_record(
                    input,
                    &mut self.record.bytes[outlen..],
                    &mut self.record.ends[endlen..],
                )
            };
            // A quote left open swallows the rest of the file: an odd count tells it.
            // memchr: a byte loop here cost as much as the CSV parsing itself.
            let consumed = &input[..nin];
            quotes += memchr::memchr_iter(b'"', consumed).count();
            nul |= memchr::memchr(0, consumed).is_some();
            last_byte = consumed.last().copied().or(last_byte);
            self.lines.count(consumed);
            if self.raw.len() < LIMITS.row_bytes {
                self.raw.extend_from_slice(consumed);
            }
            let output = if skipping {
                &self.scratch[..nout]
            } else {
                &self.record.bytes[outlen..outlen + nout]
            };
            inner_lines.count(output);
            self.input.consume(nin);
            self.offset += nin as u64;
            // csv_core gives cell ends as offsets from the record's start, in any buffer.
            let ends = if skipping {
                &self.scratch_ends[..nend]
            } else {
                &self.record.ends[endlen..endlen + nend]
            };
            for &end in ends {
                let end = end as u64;
                if end - last_end > longest.0 {
                    longest = (end - last_end, cells as usize);
                }
                last_end = end;
                cells += 1;
            }
            bytes += nout as u64;
            if !skipping {
                outlen += nout;
                endlen += nend;
            }
            match result {
                R::InputEmpty => {}
                R::OutputFull if skipping => {}
                R::OutputFull if self.record.bytes.len() < LIMITS.row_bytes => {
                    let size = (self.record.bytes.len() * 2).min(LIMITS.row_bytes);
                    self.record.bytes.resize(size, 0);
                }
                R::OutputEndsFull if skipping => {}
                R::OutputEndsFull if self.record.ends.len() <= LIMITS.cells => {
                    let size = (self.record.ends.len() * 2).min(LIMITS.cells + 1);
                    self.record.ends.resize(size, 0);
                }
                R::OutputFull | R::OutputEndsFull => skipping = true,
                R::Record => break at_eof,
                R::End => return Ok(Next::End),
            }
        };
        // Lines are numbered from 1: the record ends on the line after the last line end
        // consumed, or on the one before when its own line end was consumed with it.
        let own_end = matches!(last_byte, Some(b'\n' | b'\r'));
        let last_line = (self.lines.ends + 1).saturating_sub(u64::from(own_end));
        let first_line = last_line.saturating_sub(inner_lines.ends);
        self.row = if self.physical {
            (self.row + 1).max(first_line)
        } else {
            self.row + 1
        };
        self.last_line = self.row + (last_line - first_line.min(last_line));
        self.record.len = if skipping { 0 } else { endlen };
        let record = self.records;
        self.records += 1;
        if self.faults.front().is_some_and(|f| f.record == record) {
            if let Some(Fault {
                problem, position, ..
            }) = self.faults.pop_front()
            {
                self.record.len = 0;
                return Ok(Next::Bad { problem, position });
            }
        }
        // In order: what makes the whole record meaningless first.
        let swallowed_lines =
            skipping || memchr::memchr2(b'\n', b'\r', self.record.as_slice()).is_some();
        let (problem, position) = if nul {
            (Problem::BinaryContent, None)
        } else if at_eof && quotes % 2 == 1 && swallowed_lines {
            (Problem::UnclosedQuote, None)
        } else if longest.0 > LIMITS.field_bytes as u64 {
            let problem = Problem::FieldTooLong {
                bytes: longest.0,
                limit: LIMITS.field_bytes,
            };
            (problem, Some(longest.1))
        } else if skipping || cells > LIMITS.cells as u64 {
            (Problem::RowTooLarge { cells, bytes }, None)
        } else {
            return Ok(Next::Record);
        };
        self.record.len = 0;
        Ok(Next::Bad { problem, position })
    }

    /// Decides or checks the file's encoding on a record with non-ASCII bytes.
    fn check_encoding(&mut self) -> Result<(), Problem> {
        let bytes = self.record.as_slice();
        if bytes.is_ascii() {
            return Ok(());
        }
        let utf8 = std::str::from_utf8(bytes).is_ok();
        match (self.encoding, utf8) {
            (Encoding::Unknown, true) => self.encoding = Encoding::Utf8,
            (Encoding::Unknown, false) => self.encoding = Encoding::Windows1252,
            (Encoding::Utf8, false) => {
                return Err(Problem::Encoding {
                    reason: EncodingFault::NotUtf8,
                });
            }
            // Every row is verified, not only the one that decided: a UTF-8 row in a
            // Windows-1252 file would otherwise turn "Santé" into "SantÃ©" in silence.
            (Encoding::Windows1252, true) => {
                return Err(Problem::Encoding {
                    reason: EncodingFault::Utf8InWindows1252,
                });
            }
            _ => {}
        }
        // A BOM is accepted at the start of the file only (csv_core drops that one).
        if memchr::memmem::find(bytes, b"\xEF\xBB\xBF").is_some() {
            return Err(Problem::MisplacedBom);
        }
        Ok(())
    }

    /// The cell of the record that holds a BOM, to name its column.
    fn bom_cell(&self) -> Option<usize> {
        (0..self.record.len()).find(|&i| {
            self.record
                .get(i)
                .is_some_and(|c| c.windows(3).any(|w| w == b"\xEF\xBB\xBF"))
        })
    }

    /// Adds the evidence of the row just read to the conventions, and looks ahead when its
    /// reading depends on one still undecided; the problem that ends the file, if any.
    fn observe(&mut self) -> Option<Diagnostic> {
        let numbers = self.physical;
        let mut scan = self.scan;
        let undecided = observe(&mut scan, &self.row(), numbers);
        self.scan = scan;
        let mut ended = None;
        if undecided {
            ended = self.settle();
        } else if scan.decided(numbers) {
            self.settled = true;
        }
        self.header.conventions = self.scan.finish();
        ended
    }

    /// The look-ahead: the row just read has a cell that reads two ways (`03/04/2022`, a
    /// `1,234`) in a column the file has not decided yet, so the rest of the file is read
    /// for its evidence (rows as [`CandidatureFile::next_row`] gives them, as the two
    /// passes did before), until every column is decided or the file ends; then reading
    /// goes on after that row. Constant memory: only [`Scan`]'s flags are kept. A file on
    /// disk changed meanwhile is E033, and nothing more of it is read.
    fn settle(&mut self) -> Option<Diagnostic> {
        self.settled = true;
        let resume = self.offset;
        // A parser of its own (csv_core's `Clone` does not copy its whole automaton): the
        // reader's is set aside as it stands, between two records.
        let fresh = csv_core::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .build();
        let core = std::mem::replace(&mut self.core, fresh);
        let (row, last_line, lines, records, rows_read) = (
            self.row,
            self.last_line,
            self.lines,
            self.records,
            self.rows_read,
        );
        let (encoding, failed) = (self.encoding, self.failed);
        let faults = self.faults.clone();
        let formulas = self.formulas.clone();
        let record = std::mem::replace(&mut self.record, Record::new());
        let raw = std::mem::take(&mut self.raw);
        let own = match self.ahead.as_mut().map(|a| a.open(resume)) {
            Some(Ok(input)) => Some(std::mem::replace(
                &mut self.input,
                BufReader::with_capacity(64 * 1024, input),
            )),
            // The file cannot be opened again: read on through the reader's own input.
            Some(Err(_)) | None => None,
        };
        let mut ahead = Ok(());
        if own.is_none() {
            ahead = self.input.seek(SeekFrom::Start(resume)).map(|_| ());
        }
        // A fresh parser drops a BOM at its start, which the reader refuses there (E012):
        // that row is no evidence.
        let mut bom = ahead.is_ok()
            && self
                .input
                .fill_buf()
                .is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF"));
        let numbers = self.physical;
        while ahead.is_ok() && !self.scan.decided(numbers) {
            match self.advance() {
                None => break,
                Some(Err(_)) => {}
                Some(Ok(())) if std::mem::take(&mut bom) => {}
                Some(Ok(())) => {
                    let mut scan = self.scan;
                    evidence(&mut scan, &self.row(), numbers);
                    self.scan = scan;
                }
            }
        }
        let changed = self.ahead.as_ref().and_then(|a| a.changed());
        if let Some(own) = own {
            self.input = own;
        }
        ahead = ahead.and(self.input.seek(SeekFrom::Start(resume)).map(|_| ()));
        self.offset = resume;
        self.core = core;
        (
            self.row,
            self.last_line,
            self.lines,
            self.records,
            self.rows_read,
        ) = (row, last_line, lines, records, rows_read);
        (self.encoding, self.failed) = (encoding, failed);
        self.faults = faults;
        self.formulas = formulas;
        self.record = record;
        self.raw = raw;
        let problem = match (changed, ahead) {
            (Some(problem), _) => problem,
            (None, Err(e)) => Problem::ReadInterrupted {
                detail: e.to_string(),
            },
            (None, Ok(())) => return None,
        };
        // Nothing after this can be trusted: the file ends here, as after a read error.
        self.failed = true;
        Some(Diagnostic::new(&self.name, None, None, None, problem))
    }

    /// Whether the last record, whose quoted cell spans a line end, is rows a stray quote
    /// merged rather than a name or an address written on two lines ([`merged_rows`]).
    fn holds_rows(&self) -> bool {
        let separators = self.header.raw.len().saturating_sub(1);
        merged_rows(&self.raw, self.delimiter, separators)
    }

    /// E017 for the last record, which spans lines `row` to `last_line`.
    fn swallowed(&self) -> Problem {
        Problem::SwallowedLines {
            first: self.row,
            last: self.last_line,
        }
    }

    /// E023 for the record just read, when it has formula cells without a result that
    /// secpa can read, in known columns: the row is not read, whatever else it holds.
    fn formula_error(&mut self, read: &std::io::Result<Next>) -> Option<Diagnostic> {
        if !matches!(read, Ok(Next::Record)) {
            return None;
        }
        let record = self.records.checked_sub(1)?;
        while self.formulas.front().is_some_and(|(r, _)| *r < record) {
            self.formulas.pop_front();
        }
        if self.formulas.front().is_none_or(|(r, _)| *r != record) {
            return None;
        }
        let (_, cells) = self.formulas.pop_front()?;
        let (position, _) = *cells.first()?;
        let placeholder = cells
            .iter()
            .all(|(_, result)| *result == FormulaResult::Placeholder);
        let named: Vec<(String, String)> = cells
            .iter()
            .filter(|(p, _)| self.header.column_at(*p).is_some())
            .filter_map(|(p, _)| {
                let header = self.header.raw.get(*p)?;
                Some((crate::letter::letter(*p), header.clone()))
            })
            .collect();
        Some(Diagnostic::new(
            &self.name,
            Some(self.row),
            self.header.column_at(position),
            None,
            Problem::FormulaWithoutResult {
                columns: named,
                placeholder,
            },
        ))
    }

    /// Number of structure rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// The next structure row, or the problem that makes it unusable. Rows with only empty
    /// cells (what Excel leaves at the end of a sheet) are skipped.
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, Diagnostic>> {
        if let Err(d) = self.advance()? {
            return Some(Err(d));
        }
        if !self.settled {
            if let Some(d) = self.observe() {
                return Some(Err(d));
            }
        }
        Some(Ok(self.row()))
    }

    /// The row just read by [`CandidatureFile::advance`].
    fn row(&self) -> Row<'_> {
        let text = match self.encoding {
            Encoding::Windows1252 => None,
            _ => std::str::from_utf8(self.record.as_slice()).ok(),
        };
        Row {
            number: self.row,
            record: &self.record,
            header: &self.header,
            encoding: self.encoding,
            text,
        }
    }

    /// Reads the next structure row into the record, or the problem that makes it unusable.
    fn advance(&mut self) -> Option<Result<(), Diagnostic>> {
        loop {
            if self.failed || !self.header.found {
                return None;
            }
            let read = self.read_record();
            if let Some(d) = self.formula_error(&read) {
                self.rows_read += 1;
                return Some(Err(d));
            }
            let (problem, position) = match read {
                Ok(Next::End) => return None,
                Ok(Next::Record) if self.record.is_blank() => continue,
                Ok(Next::Record) => match self.check_encoding() {
                    Ok(()) => (None, None),
                    Err(Problem::MisplacedBom) => (Some(Problem::MisplacedBom), self.bom_cell()),
                    Err(problem) => (Some(problem), None),
                },
                Ok(Next::Bad { problem, position }) => (Some(problem), position),
                Err(e) => {
                    // Nothing after a read error can be trusted: the file ends here.
                    self.failed = true;
                    let problem = Problem::ReadInterrupted {
                        detail: e.to_string(),
                    };
                    (Some(problem), None)
                }
            };
            let row = if self.failed { self.row + 1 } else { self.row };
            if !self.failed {
                self.rows_read += 1;
            }
            // A record refused for its size or shape that spans several lines: a stray
            // quote swallowed them; say which lines were not read (E017).
            let swallowed = self.physical && !self.failed && self.last_line > self.row;
            let problem = match problem {
                Some(Problem::FieldTooLong { .. } | Problem::RowTooLarge { .. }) if swallowed => {
                    Some(self.swallowed())
                }
                None if swallowed
                    && (self.record.len() != self.header.raw.len() || self.holds_rows()) =>
                {
                    Some(self.swallowed())
                }
                other => other,
            };
            if let Some(problem) = problem {
                let column = position.and_then(|p| self.header.column_at(p));
                return Some(Err(Diagnostic::new(
                    &self.name,
                    Some(row),
                    column,
                    None,
                    problem,
                )));
            }
            let expected = self.header.raw.len();
            if self.record.len() != expected {
                let problem = Problem::RaggedRow {
                    expected,
                    found: self.record.len(),
                };
                return Some(Err(Diagnostic::new(
                    &self.name,
                    Some(self.row),
                    None,
                    None,
                    problem,
                )));
            }
            return Some(Ok(()));
        }
    }
}

/// The cells of a workbook's records at their positions, as ranges: "F3:F5, H4".
fn cell_ranges(notes: &Notes, cells: &[(u64, usize)]) -> String {
    const SHOWN: usize = 20;
    let mut sorted = cells.to_vec();
    sorted.sort_by_key(|(record, position)| (*position, *record));
    let mut ranges: Vec<(usize, u64, u64)> = Vec::new();
    for (record, position) in sorted {
        match ranges.last_mut() {
            Some((p, _, last)) if *p == position && *last + 1 == record => *last = record,
            _ => ranges.push((position, record, record)),
        }
    }
    let mut out: Vec<String> = ranges
        .iter()
        .take(SHOWN)
        .map(|(position, first, last)| {
            if first == last {
                notes.cell(*first, *position)
            } else {
                format!(
                    "{}:{}",
                    notes.cell(*first, *position),
                    notes.cell(*last, *position)
                )
            }
        })
        .collect();
    if ranges.len() > SHOWN {
        out.push("…".to_owned());
    }
    out.join(", ")
}

/// Whether a record, given as its bytes in the file (`raw`), is rows that a stray quote
/// merged. Only a quoted cell that spans a line end can merge rows; it did when it holds
/// as many separators as a full row (`separators`): the lines it swallowed, counted
/// whole, or the rest of one row and the start of the next (`"Santé,…,oui↵9300…,oui",…`);
/// or when the quote that closes it is followed by something else than a separator or a
/// line end (`"Santé,…↵…,"Village 2 Santé",…`: that quote opened the next row's cell). A
/// name or an address written on two lines in one quoted cell is neither.
fn merged_rows(raw: &[u8], delimiter: u8, separators: usize) -> bool {
    let line_end = |b: u8| b == b'\n' || b == b'\r';
    // (inside a quoted cell, its cell spans a line end, separators inside it)
    let (mut at_start, mut quoted, mut spans, mut inside) = (true, false, false, 0usize);
    let swallowed = |spans: bool, inside: usize| spans && separators > 0 && inside >= separators;
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        if quoted {
            match b {
                b'"' if raw.get(i + 1) == Some(&b'"') => i += 1,
                b'"' => {
                    quoted = false;
                    let next = raw.get(i + 1).copied();
                    let closed = next.is_none_or(|n| n == delimiter || line_end(n));
                    if swallowed(spans, inside) || (spans && !closed) {
                        return true;
                    }
                }
                b if line_end(b) => spans = true,
                b if b == delimiter => inside += 1,
                _ => {}
            }
        } else if b == b'"' && at_start {
            (quoted, spans, inside) = (true, false, 0);
        }
        at_start = !quoted && (b == delimiter || line_end(b));
        i += 1;
    }
    quoted && swallowed(spans, inside)
}

/// The separator of the header line: the most frequent of `;`, `,` and tab outside quotes,
/// on the line of the first rows that holds the most of one of them (a title line above
/// the header holds none, or a few).
fn detect_delimiter(head: &[u8]) -> u8 {
    let mut best = [0usize; 3];
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut lines = 0;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => {
                if counts.iter().max() > best.iter().max() {
                    best = counts;
                }
                counts = [0; 3];
                lines += 1;
                if lines > 2 * Column::HEADER_SEARCH {
                    break;
                }
            }
            b';' if !quoted => counts[0] += 1,
            b',' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    if counts.iter().max() > best.iter().max() {
        best = counts;
    }
    let counts = best;
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i == 0)));
    match best {
        Some((0, n)) if *n > counts[1] => b';',
        Some((2, n)) if *n > counts[0] && *n > counts[1] => b'\t',
        _ => b',',
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn open(bytes: &'static [u8]) -> Opened {
        CandidatureFile::from_reader("t.csv", std::io::Cursor::new(bytes)).unwrap()
    }

    fn rows(bytes: &'static [u8], column: Column) -> Vec<(u64, String)> {
        let Opened::File(mut f) = open(bytes) else {
            panic!("unreadable")
        };
        let mut out = Vec::new();
        while let Some(row) = f.next_row() {
            let row = row.unwrap();
            out.push((row.number, row.get(column).unwrap().into_owned()));
        }
        out
    }

    #[test]
    fn delimiter_is_detected_on_the_header() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_delimiter(b"a,b,c\n"), b',');
        assert_eq!(detect_delimiter(b"a\tb\n"), b'\t');
        assert_eq!(detect_delimiter(b"\"a;b\",c\n"), b',');
    }

    #[test]
    fn bom_crlf_semicolon_and_windows_1252() {
        let got = rows(
            b"\xEF\xBB\xBFnom;file_active_mg;finess;siret\r\nCase;2 500;;\r\n",
            Column::Nom,
        );
        assert_eq!(got, [(2, "Case".to_owned())]);
        let got = rows(
            b"nom;taux_pauvrete;finess\r\nSant\xE9 Commune;33;\r\n",
            Column::Nom,
        );
        assert_eq!(got, [(2, "Santé Commune".to_owned())]);
    }

    #[test]
    fn rows_are_numbered_as_the_spreadsheet_shows_them() {
        let got = rows(
            b"nom,finess,siret\nA,1,\n,,\nB,2,\n\"C\nsuite\",3,\nD,4,\n",
            Column::Nom,
        );
        let numbers: Vec<u64> = got.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            numbers,
            [2, 4, 5, 7],
            "an empty row counts, a multi-line cell is numbered by its first line"
        );
        for bytes in [
            &b"nom,finess,siret\nA,1,\n\n\nB,2,\n"[..],
            b"nom,finess,siret\r\nA,1,\r\n\r\n\r\nB,2,\r\n",
            b"nom,finess,siret\nA,1,\n\n\nB,2,",
        ] {
            let Opened::File(mut f) =
                CandidatureFile::from_reader("t.csv", std::io::Cursor::new(bytes)).unwrap()
            else {
                panic!()
            };
            assert_eq!(
                outcomes(&mut f),
                [(2, None), (5, None)],
                "blank lines count"
            );
        }
    }

    #[test]
    fn empty_and_utf16_files_are_unreadable() {
        assert!(matches!(open(b""), Opened::Unreadable(d) if d.problem == Problem::EmptyFile));
        assert!(matches!(open(b"\xFF\xFEn\0"), Opened::Unreadable(d) if d.code() == Code::E001));
    }

    #[test]
    fn unknown_and_duplicate_headers_are_reported() {
        let Opened::File(f) = open(b"nom,Nom,file_activ_mg,finess,siret\n") else {
            panic!()
        };
        let codes: Vec<_> = f
            .header_diagnostics
            .iter()
            .map(|d| d.code().as_str())
            .collect();
        assert_eq!(codes, ["E007", "E016"]);
        assert_eq!(
            f.header_diagnostics[1].problem,
            Problem::LookalikeColumn {
                column: "file_active_mg"
            }
        );
    }

    #[test]
    fn ragged_rows_are_reported_not_read() {
        let Opened::File(mut f) = open(b"nom,finess,siret\nA,1,2,3\nB,2,\n") else {
            panic!()
        };
        assert!(matches!(f.next_row(), Some(Err(d)) if d.code() == Code::E004 && d.row == Some(2)));
        assert!(matches!(f.next_row(), Some(Ok(r)) if r.number == 3));
    }

    fn owned(bytes: Vec<u8>) -> Box<CandidatureFile> {
        match CandidatureFile::from_reader("t.csv", std::io::Cursor::new(bytes)).unwrap() {
            Opened::File(f) => f,
            Opened::Unreadable(d) => panic!("unreadable: {d:?}"),
        }
    }

    /// The code, row and column of every row, in order.
    fn outcomes(f: &mut CandidatureFile) -> Vec<(u64, Option<&'static str>)> {
        let mut out = Vec::new();
        while let Some(row) = f.next_row() {
            match row {
                Ok(r) => out.push((r.number, None)),
                Err(d) => out.push((d.row.unwrap_or(0), Some(d.code().as_str()))),
            }
        }
        out
    }

    #[test]
    fn a_huge_cell_is_a_diagnostic_and_memory_stays_bounded() {
        let mut bytes = b"nom,file_active_mg,finess\nA,1,\n".to_vec();
        bytes.extend(b"B,");
        bytes.extend(std::iter::repeat_n(b'9', 10 << 20));
        bytes.extend(b",\nC,3,\n");
        let mut f = owned(bytes);
        assert_eq!(outcomes(&mut f), [(2, None), (3, Some("E010")), (4, None)]);
        assert!(
            f.record.bytes.len() <= LIMITS.row_bytes,
            "row buffer capped"
        );
    }

    #[test]
    fn a_cell_over_the_field_limit_names_its_column() {
        let mut bytes = b"nom,file_active_mg,finess\nA,".to_vec();
        bytes.extend(std::iter::repeat_n(b'9', LIMITS.field_bytes + 1));
        bytes.extend(b",\n");
        let mut f = owned(bytes);
        let Some(Err(d)) = f.next_row() else { panic!() };
        assert_eq!(
            (d.code().as_str(), d.column.as_deref()),
            ("E010", Some("file_active_mg"))
        );
    }

    #[test]
    fn too_many_cells_is_a_diagnostic() {
        let mut bytes = b"nom,finess,siret\n".to_vec();
        bytes.extend(",".repeat(100_000).as_bytes());
        bytes.extend(b"x\nB,,\n");
        let mut f = owned(bytes);
        assert_eq!(outcomes(&mut f), [(2, Some("E011")), (3, None)]);
        assert!(f.record.ends.len() <= LIMITS.cells + 1);
    }

    #[test]
    fn a_header_past_the_limits_makes_the_file_unreadable() {
        let header = "a,".repeat(100_000);
        let got = CandidatureFile::from_reader("t.csv", std::io::Cursor::new(header)).unwrap();
        assert!(matches!(got, Opened::Unreadable(d) if d.code() == Code::E011 && d.row == Some(1)));
    }

    #[test]
    fn nul_bytes_misplaced_bom_and_open_quotes() {
        let mut f = owned(
            b"nom,finess,siret\nA\0,1,\n\xEF\xBB\xBFnom,x,\nB,2,\n\"C,3,\nD,4,\nE,5,\n".to_vec(),
        );
        assert_eq!(
            outcomes(&mut f),
            [
                (2, Some("E012")),
                (3, Some("E013")),
                (4, None),
                (5, Some("E014"))
            ]
        );
    }

    #[test]
    fn a_stray_quote_on_the_last_line_is_not_an_open_quote() {
        let mut f = owned(b"nom,finess,siret\nab\"c,1,".to_vec());
        assert_eq!(outcomes(&mut f), [(2, None)]);
    }

    #[test]
    fn a_utf8_row_in_a_windows_1252_file_is_refused() {
        let mut f = owned(b"nom,finess,siret\nSant\xE9,1,\nSant\xC3\xA9,2,\nCaf\xE9,3,\n".to_vec());
        assert_eq!(outcomes(&mut f), [(2, None), (3, Some("E001")), (4, None)]);
    }

    #[test]
    fn a_stray_quote_reports_the_lines_it_swallowed() {
        // A quote inside a cell is text; at the start of a cell it opens a quoted cell.
        let mut bytes = b"nom,finess,siret\nA,1,\nB\"x,2,\n\"B,2,\n".to_vec();
        for i in 0..5 {
            bytes.extend(format!("R{i},{i},\n").bytes());
        }
        bytes.extend(b"C\",3,\nD,4,\n\nE,5,\n");
        let mut f = owned(bytes);
        let got: Vec<_> = std::iter::from_fn(|| {
            f.next_row()
                .map(|r| r.map(|r| r.number).map_err(|d| (d.row, d.problem)))
        })
        .collect();
        assert_eq!(
            got,
            [
                Ok(2),
                Ok(3),
                Err((Some(4), Problem::SwallowedLines { first: 4, last: 10 })),
                Ok(11),
                Ok(13),
            ]
        );
    }

    #[test]
    fn rows_merged_by_a_stray_quote_are_told_from_a_cell_on_two_lines() {
        // A name on two lines, an address with a quote written "" : one row each.
        assert!(!merged_rows(b"\"Centre\nNord\",1,2\n", b',', 2));
        assert!(!merged_rows(
            b"\r\n\"Centre \"\"Nord\"\"\nBis\",1,2\r\n",
            b',',
            2
        ));
        // A quote at the end of a cell three rows down: the line between is a whole row.
        assert!(merged_rows(b"\"A,1,2\nB,1,2\nC\",1,2\n", b',', 2));
        // The next row's quoted name closes the cell: the quote is followed by text.
        assert!(merged_rows(b"\"A,1,2\n3,\"B\",2\n", b',', 2));
        // The rest of a row and the start of the next in one cell, closed by a separator.
        assert!(merged_rows(b"x;\"A;1;2\n9;B\";1;2\n", b';', 3));
        // A name with a comma, on two lines, in the first column.
        assert!(!merged_rows(b"\"Centre, Nord\nBis\",1,2\n", b',', 2));
    }

    #[test]
    fn the_next_rows_figures_never_go_to_the_first_rows_finess() {
        // Issue #20: a name with a lost closing quote, then a quoted name: one record with
        // the first FINESS and the second row's figures, and the second structure gone.
        let mut f = owned(
            b"finess,nom,file_active_mg,taux_pauvrete\n1,\"A,4200,46\n2,\"B\",3100,44\n3,C,2800,45\n"
                .to_vec(),
        );
        assert_eq!(outcomes(&mut f), [(2, Some("E017")), (4, None)]);
        let mut f = owned(
            b"finess,nom,file_active_mg,taux_pauvrete\n1,\"A,4200,46\n2,B \"bis\",3100,44\n"
                .to_vec(),
        );
        assert_eq!(outcomes(&mut f), [(2, Some("E017"))]);
    }

    #[test]
    fn title_and_blank_rows_above_the_header_are_skipped() {
        // A title, a row of separators (Excel's export of an empty row), then the header.
        let mut f =
            owned(b"Candidatures SecPa 2021;;;\n;;;\nnom;finess;siret;x\nA;1;2;3\n".to_vec());
        assert!(f.header.found);
        assert_eq!(f.header.row, 3);
        assert_eq!(f.header.position(Column::Finess), Some(1));
        let codes: Vec<_> = f
            .header_diagnostics
            .iter()
            .map(|d| (d.code(), d.row))
            .collect();
        assert_eq!(codes, [(Code::I029, Some(3)), (Code::W006, Some(3))]);
        assert_eq!(outcomes(&mut f), [(4, None)]);
        // A CSV whose first lines hold only separators is not empty.
        let mut f = owned(b";;\n;;\nnom;finess;siret\nA;1;2\n".to_vec());
        assert_eq!(outcomes(&mut f), [(4, None)]);
        // A title without separators does not decide the separator.
        let mut f = owned(b"Candidatures, 2021\n\nnom;finess;siret\nA, B;1;2\n".to_vec());
        assert_eq!(f.header.row, 3);
        assert_eq!(outcomes(&mut f), [(4, None)]);
    }

    #[test]
    fn without_a_header_the_closest_row_is_named_and_no_row_read() {
        let mut f = owned(b"Titre\nnom;x\nnom;finess;y\nA;1;2\n".to_vec());
        assert!(!f.header.found);
        assert_eq!(f.header.row, 1);
        assert_eq!(
            f.guess,
            Some(HeaderGuess {
                taken: 1,
                closest: Some((3, 2))
            })
        );
        assert_eq!(outcomes(&mut f), []);
    }

    #[test]
    fn cr_only_line_ends_are_rows() {
        let got = rows(b"nom,finess,siret\rA,1,\rB,2,\r", Column::Nom);
        assert_eq!(got, [(2, "A".to_owned()), (3, "B".to_owned())]);
        // Lines ending with a lone CR (old Mac) are numbered as LF and CRLF lines are: a
        // blank line and a cell on two lines count, rows merged by a quote are named.
        let got = rows(
            b"nom,finess,siret\rA,1,\r\r\"B\rbis\",2,\rC,3,\r",
            Column::Nom,
        );
        let numbers: Vec<u64> = got.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [2, 4, 6]);
        let mut f = owned(b"nom,finess,siret\r\"A,1,\rB,2,\rC\",3,\rD,4,\r".to_vec());
        let Some(Err(d)) = f.next_row() else { panic!() };
        assert_eq!(d.problem, Problem::SwallowedLines { first: 2, last: 4 });
        assert_eq!(outcomes(&mut f), [(5, None)]);
    }

    #[test]
    fn line_ends_split_between_reads_count_once() {
        let mut lines = Lines::default();
        for piece in [&b"a\r"[..], b"\nb\r", b"c\n", b"", b"\r\n\r"] {
            lines.count(piece);
        }
        assert_eq!(lines.ends, 5);
    }

    /// An input that counts the bytes read from it, to tell one pass from a look-ahead.
    struct Counted {
        bytes: std::io::Cursor<Vec<u8>>,
        read: std::rc::Rc<std::cell::Cell<u64>>,
    }

    impl Read for Counted {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.bytes.read(buf)?;
            self.read.set(self.read.get() + n as u64);
            Ok(n)
        }
    }

    impl Seek for Counted {
        fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
            self.bytes.seek(to)
        }
    }

    /// Every row's `date_entree` order as the row was read, and the bytes read in all.
    fn orders(text: &str) -> (Vec<(u64, super::super::value::DateOrder)>, u64) {
        let read = std::rc::Rc::new(std::cell::Cell::new(0));
        let input = Counted {
            bytes: std::io::Cursor::new(text.as_bytes().to_vec()),
            read: read.clone(),
        };
        let Opened::File(mut f) = CandidatureFile::from_reader("t.csv", input).unwrap() else {
            panic!("unreadable")
        };
        let mut got = Vec::new();
        while let Some(row) = f.next_row() {
            let row = row.expect("a row");
            got.push((row.number, row.conventions().date_entree));
        }
        (got, read.get())
    }

    const HEAD: &str = "finess,nom,date_entree\n";

    #[test]
    fn a_file_that_never_hesitates_is_read_once() {
        let text = format!("{HEAD}1,A,2022-03-01\n2,B,15/03/2022\n3,C,03/15/2022\n");
        let (got, read) = orders(&text);
        assert_eq!(got.len(), 3);
        assert_eq!(read, text.len() as u64, "every byte read once");
        // Row 4 settles the column month first, for itself and every row after.
        let month_first = super::super::value::DateOrder::MonthFirst { row: 4 };
        assert_eq!(got[2], (4, month_first));
    }

    #[test]
    fn a_date_that_reads_two_ways_looks_ahead_and_comes_back() {
        // 03/04/2022 at row 2 reads both ways: only row 4 says the column is month first.
        let text =
            format!("{HEAD}1,A,03/04/2022\n2,B,2022-03-01\n3,C,03/15/2022\n4,D,01/02/2022\n");
        let (got, read) = orders(&text);
        let month_first = super::super::value::DateOrder::MonthFirst { row: 4 };
        let numbers: Vec<u64> = got.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [2, 3, 4, 5], "every row once, in order");
        assert!(
            got.iter().all(|(_, order)| *order == month_first),
            "{got:?}"
        );
        assert!(read > text.len() as u64, "the rest was read ahead");
        // Day first is only known at the end: the look-ahead reads the file through.
        let text = format!("{HEAD}1,A,03/04/2022\n2,B,2022-03-01\n3,C,15/03/2022\n");
        let (got, _) = orders(&text);
        let day_first = super::super::value::DateOrder::DayFirst;
        assert!(got.iter().all(|(_, order)| *order == day_first), "{got:?}");
        assert_eq!(got.len(), 3);
    }
}
