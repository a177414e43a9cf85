//! Bytes to rows, as Excel saves them: `,`, `;` or tab (detected on the header line), UTF-8
//! with or without BOM or Windows-1252 (detected on the first non-ASCII row), CRLF or LF.
//! Rows are streamed one at a time; each cell is decoded only when asked for.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};

use csv::ByteRecord;

use super::column::Column;
use crate::diagnostic::{Diagnostic, Problem};

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
    positions: [Option<usize>; Column::COUNT],
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
}

/// A candidature file being read.
pub struct CandidatureFile {
    /// The name shown in diagnostics (the path as given).
    pub name: String,
    pub header: Header,
    /// Problems of the header row (unknown or duplicate columns) and of the file as a whole.
    pub header_diagnostics: Vec<Diagnostic>,
    records: Records,
    encoding: Encoding,
    record: ByteRecord,
    /// Spreadsheet row of the last record (header = 1). A cell spanning several lines is
    /// one row, as in a spreadsheet; fully blank lines (which Excel never writes) are not counted.
    row: u64,
    rows_read: u64,
}

/// Where the records come from: a CSV stream, or the rows of a spreadsheet already read
/// (`.xlsx`), turned into the same records so every later step is shared.
enum Records {
    Csv(csv::Reader<Box<dyn Read>>),
    Sheet(std::vec::IntoIter<ByteRecord>),
}

/// One structure's row; cells are decoded on demand.
pub struct Row<'a> {
    pub number: u64,
    record: &'a ByteRecord,
    header: &'a Header,
    encoding: Encoding,
}

impl Row<'_> {
    /// The cell of a column: `None` when the file has no such column.
    pub fn get(&self, column: Column) -> Option<Cow<'_, str>> {
        let bytes = self.record.get(self.header.position(column)?)?;
        Some(match self.encoding {
            Encoding::Windows1252 => {
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
            }
            _ => String::from_utf8_lossy(bytes),
        })
    }
}

/// What opening a file gave: a reader, or a file that holds no rows (with why).
pub enum Opened {
    File(Box<CandidatureFile>),
    Unreadable(Diagnostic),
}

impl CandidatureFile {
    /// Reads the header of a CSV stream; file-level problems come back as a diagnostic.
    pub fn from_reader(name: &str, input: impl Read + 'static) -> std::io::Result<Opened> {
        let mut buffered = BufReader::with_capacity(64 * 1024, input);
        let head = buffered.fill_buf()?;
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            let detail = "le fichier est en UTF-16".to_owned();
            return Ok(Opened::Unreadable(Diagnostic::new(
                name,
                None,
                None,
                None,
                Problem::Encoding { detail },
            )));
        }
        let delimiter = detect_delimiter(head);
        let csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Box::new(buffered) as Box<dyn Read>);
        Self::start(name, Records::Csv(csv), 0)
    }

    /// A file from the rows of a spreadsheet, as UTF-8 text cells; `first_row` is the
    /// spreadsheet's number of the first one (the header), so rows keep the numbers the
    /// spreadsheet shows even when the sheet starts lower down.
    pub fn from_rows(name: &str, first_row: u64, rows: Vec<ByteRecord>) -> Opened {
        let mut opened = Self::start(name, Records::Sheet(rows.into_iter()), first_row.max(1) - 1);
        if let Ok(Opened::File(file)) = &mut opened {
            file.encoding = Encoding::Utf8;
        }
        // Reading records from memory cannot fail with an I/O error.
        opened.unwrap_or_else(|e| {
            let problem = Problem::MalformedCsv {
                detail: e.to_string(),
            };
            Opened::Unreadable(Diagnostic::new(name, None, None, None, problem))
        })
    }

    /// Reads a file from disk.
    pub fn open(path: &std::path::Path) -> std::io::Result<Opened> {
        let file = std::fs::File::open(path)?;
        Self::from_reader(&path.display().to_string(), file)
    }

    fn start(name: &str, records: Records, row: u64) -> std::io::Result<Opened> {
        let mut file = CandidatureFile {
            name: name.to_owned(),
            header: Header {
                raw: Vec::new(),
                positions: [None; Column::COUNT],
            },
            header_diagnostics: Vec::new(),
            records,
            encoding: Encoding::Unknown,
            record: ByteRecord::new(),
            row,
            rows_read: 0,
        };
        if !file.read_record()?
            || file
                .record
                .iter()
                .all(|c| c.iter().all(u8::is_ascii_whitespace))
        {
            return Ok(Opened::Unreadable(Diagnostic::new(
                name,
                None,
                None,
                None,
                Problem::EmptyFile,
            )));
        }
        if let Err(problem) = file.check_encoding() {
            return Ok(Opened::Unreadable(Diagnostic::new(
                name,
                Some(1),
                None,
                None,
                problem,
            )));
        }
        let raw: Vec<String> = (0..file.record.len())
            .map(|i| file.decode(i).trim().to_owned())
            .collect();
        for (position, text) in raw.iter().enumerate() {
            let cell = Some(text.as_str());
            match Column::from_header(text) {
                Some(column) => match file.header.positions[column.index()] {
                    Some(first) => file.header_diagnostics.push(Diagnostic::new(
                        name,
                        Some(1),
                        Some(column.name()),
                        cell,
                        Problem::DuplicateColumn { first: first + 1 },
                    )),
                    None => file.header.positions[column.index()] = Some(position),
                },
                None if text.is_empty() => {}
                None => file.header_diagnostics.push(Diagnostic::new(
                    name,
                    Some(1),
                    Some(text),
                    cell,
                    Problem::UnknownColumn {
                        suggestion: Column::suggest(text),
                    },
                )),
            }
        }
        file.header.raw = raw;
        Ok(Opened::File(Box::new(file)))
    }

    fn decode(&self, i: usize) -> Cow<'_, str> {
        let bytes = self.record.get(i).unwrap_or_default();
        match self.encoding {
            Encoding::Windows1252 => {
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
            }
            _ => String::from_utf8_lossy(bytes),
        }
    }

    /// Reads the next record and advances the spreadsheet row count.
    fn read_record(&mut self) -> std::io::Result<bool> {
        let more = match &mut self.records {
            Records::Csv(csv) => {
                csv.read_byte_record(&mut self.record)
                    .map_err(|e| match e.into_kind() {
                        csv::ErrorKind::Io(io) => io,
                        other => std::io::Error::other(format!("{other:?}")),
                    })?
            }
            Records::Sheet(rows) => match rows.next() {
                Some(record) => {
                    self.record = record;
                    true
                }
                None => false,
            },
        };
        self.row += u64::from(more);
        Ok(more)
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
                    detail: "octets non UTF-8 dans un fichier UTF-8".into(),
                });
            }
            _ => {}
        }
        Ok(())
    }

    /// Number of structure rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// The next structure row, or the problem that makes it unusable. Rows with only empty
    /// cells (what Excel leaves at the end of a sheet) are skipped.
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, Diagnostic>> {
        loop {
            match self.read_record() {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => {
                    let problem = Problem::MalformedCsv {
                        detail: e.to_string(),
                    };
                    return Some(Err(Diagnostic::new(
                        &self.name,
                        Some(self.row + 1),
                        None,
                        None,
                        problem,
                    )));
                }
            }
            if self
                .record
                .iter()
                .all(|c| c.iter().all(u8::is_ascii_whitespace))
            {
                continue;
            }
            self.rows_read += 1;
            if let Err(problem) = self.check_encoding() {
                return Some(Err(Diagnostic::new(
                    &self.name,
                    Some(self.row),
                    None,
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
            return Some(Ok(Row {
                number: self.row,
                record: &self.record,
                header: &self.header,
                encoding: self.encoding,
            }));
        }
    }
}

/// The separator of the header line: the most frequent of `;`, `,` and tab outside quotes.
fn detect_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b';' if !quoted => counts[0] += 1,
            b',' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
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

    fn open(bytes: &'static [u8]) -> Opened {
        CandidatureFile::from_reader("t.csv", bytes).unwrap()
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
            b"\xEF\xBB\xBFnom;file_active_mg\r\nCase;2 500\r\n",
            Column::Nom,
        );
        assert_eq!(got, [(2, "Case".to_owned())]);
        let got = rows(b"nom;taux_pauvrete\r\nSant\xE9 Commune;33\r\n", Column::Nom);
        assert_eq!(got, [(2, "Santé Commune".to_owned())]);
    }

    #[test]
    fn rows_are_numbered_as_the_spreadsheet_shows_them() {
        let got = rows(b"nom,x\nA,1\n,\nB,2\n\"C\nsuite\",3\nD,4\n", Column::Nom);
        let numbers: Vec<u64> = got.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            numbers,
            [2, 4, 5, 6],
            "an empty row counts, a multi-line cell is one row"
        );
    }

    #[test]
    fn empty_and_utf16_files_are_unreadable() {
        assert!(matches!(open(b""), Opened::Unreadable(d) if d.problem == Problem::EmptyFile));
        assert!(matches!(open(b"\xFF\xFEn\0"), Opened::Unreadable(d) if d.code() == "E001"));
    }

    #[test]
    fn unknown_and_duplicate_headers_are_reported() {
        let Opened::File(f) = open(b"nom,Nom,file_activ_mg\n") else {
            panic!()
        };
        let codes: Vec<_> = f.header_diagnostics.iter().map(|d| d.code()).collect();
        assert_eq!(codes, ["E007", "W006"]);
        assert_eq!(
            f.header_diagnostics[1].problem,
            Problem::UnknownColumn {
                suggestion: Some("file_active_mg")
            }
        );
    }

    #[test]
    fn ragged_rows_are_reported_not_read() {
        let Opened::File(mut f) = open(b"nom,x\nA,1,2\nB,2\n") else {
            panic!()
        };
        assert!(matches!(f.next_row(), Some(Err(d)) if d.code() == "E004" && d.row == Some(2)));
        assert!(matches!(f.next_row(), Some(Ok(r)) if r.number == 3));
    }
}
