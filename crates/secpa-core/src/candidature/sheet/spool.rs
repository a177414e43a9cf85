//! Where a sheet's text waits for the row reader ([`Spool`]), and the writer that puts it
//! there row by row ([`Text`]): the CSV text a spreadsheet's export would hold, merged
//! cells filled in as the person sees them, hidden rows noted.

use std::collections::BTreeSet;
use std::io::{Cursor, Write};

use super::{Merge, Notes, ZIP_LIMITS};
use crate::candidature::limits::{Fault, LIMITS};
use crate::diagnostic::{Problem, WorkbookFault, ZipLimit};

/// Where a sheet's text waits between the streaming pass and the row reader: an anonymous temporary file on the command line (memory stays flat whatever
/// the sheet), memory in the web page (which holds the whole file anyway).
pub enum Spool {
    Memory(std::sync::Arc<[u8]>),
    #[cfg(feature = "files")]
    File(std::fs::File),
}

/// A [`Spool`] being written.
pub enum SpoolWriter {
    #[cfg_attr(feature = "files", allow(dead_code))]
    Memory(Vec<u8>),
    #[cfg(feature = "files")]
    File(std::io::BufWriter<std::fs::File>),
}

impl Spool {
    pub fn writer() -> Result<SpoolWriter, Problem> {
        #[cfg(feature = "files")]
        return tempfile::tempfile()
            .map(|f| SpoolWriter::File(std::io::BufWriter::with_capacity(64 * 1024, f)))
            .map_err(|e| interrupted(&e));
        #[cfg(not(feature = "files"))]
        Ok(SpoolWriter::Memory(Vec::new()))
    }

    /// A reader from the start, which can go back (the row reader's look-ahead).
    pub fn reader(&self) -> std::io::Result<Box<dyn crate::candidature::reader::Input>> {
        match self {
            Spool::Memory(bytes) => Ok(Box::new(Cursor::new(bytes.clone()))),
            #[cfg(feature = "files")]
            Spool::File(file) => {
                use std::io::Seek;
                let mut file = file.try_clone()?;
                file.seek(std::io::SeekFrom::Start(0))?;
                Ok(Box::new(file))
            }
        }
    }
}

impl SpoolWriter {
    pub fn finish(self) -> Result<Spool, Problem> {
        match self {
            SpoolWriter::Memory(bytes) => Ok(Spool::Memory(bytes.into())),
            #[cfg(feature = "files")]
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
            #[cfg(feature = "files")]
            SpoolWriter::File(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            SpoolWriter::Memory(_) => Ok(()),
            #[cfg(feature = "files")]
            SpoolWriter::File(file) => file.flush(),
        }
    }
}

/// E008: the spool could not be written or read back.
pub fn interrupted(e: &dyn std::fmt::Display) -> Problem {
    Problem::ReadInterrupted {
        detail: e.to_string(),
    }
}

/// A merged region of the sheet (0-based, inclusive), and the value of its first cell once
/// that cell has been written.
#[derive(Debug, Clone)]
pub struct Region {
    pub first: (u32, u32),
    pub last: (u32, u32),
    value: Option<String>,
}

impl Region {
    pub fn new(first: (u32, u32), last: (u32, u32)) -> Region {
        Region {
            first,
            last,
            value: None,
        }
    }
}

/// A sheet's cells written out row by row as the CSV text the row reader reads, in a
/// rectangle `width` cells wide from (`first_row`, `first_col`), as calamine's range would
/// give it. Only the row being gathered is held, within [`LIMITS`]: a row past them is not
/// written but becomes a [`Fault`], with the figures the CSV reader would have reported.
/// Every cell of a merged region shows its first cell's value, as the spreadsheet does.
pub struct Text {
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
    /// Text written so far, against [`ZipLimits::text_bytes`](super::ZipLimits).
    written: u64,
    /// Merged regions not yet reached, by first cell (last first, to pop), and those
    /// being written: only the latter are looked at row by row.
    pending: Vec<Region>,
    regions: Vec<Region>,
    /// Rows the sheet hides (hidden or filtered), as the caller learns them.
    hidden: BTreeSet<u32>,
    notes: Notes,
}

impl Text {
    pub fn new(
        first_row: u32,
        first_col: u32,
        width: usize,
        mut regions: Vec<Region>,
    ) -> Result<Text, Problem> {
        let out = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Spool::writer()?);
        regions.sort_by_key(|r| std::cmp::Reverse(r.first));
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
            pending: regions,
            regions: Vec::new(),
            hidden: BTreeSet::new(),
            notes: Notes {
                first_row,
                first_col,
                ..Notes::default()
            },
        })
    }

    /// The notes the caller adds to (formulas), given back by [`Text::finish`].
    pub fn notes(&mut self) -> &mut Notes {
        &mut self.notes
    }

    /// A row the sheet hides: said if it holds anything.
    pub fn hide(&mut self, row: u32) {
        if row >= self.next {
            self.hidden.insert(row);
        }
    }

    /// The record (header = 0 when the first row is the header) of a sheet row.
    fn record(&self, row: u32) -> u64 {
        u64::from(row - self.first_row)
    }

    /// One non-empty cell, at its (row, column) in the sheet.
    pub fn push(&mut self, (row, col): (u32, u32), text: &str) -> Result<(), Problem> {
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
        self.reach(row);
        if let Some(region) = self.regions.iter_mut().find(|r| r.first == (row, col)) {
            region.value = Some(text.to_owned());
        }
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

    /// Takes the merged regions that start at or before `row` into those being written.
    fn reach(&mut self, row: u32) {
        while self.pending.last().is_some_and(|r| r.first.0 <= row) {
            self.regions.extend(self.pending.pop());
        }
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

    /// Writes the rows up to the one gathered (rows without cells between them), then
    /// that row.
    fn flush(&mut self) -> Result<(), Problem> {
        let Some(row) = self.row.take() else {
            return Ok(());
        };
        while self.next < row {
            self.write(Vec::new())?;
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
            self.notes.faults.push(Fault {
                record: self.record(row),
                problem,
                position,
            });
            self.blank()?;
        } else {
            let cells = std::mem::take(&mut self.cells);
            self.write(cells)?;
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

    /// Writes row `self.next` from its cells and the merged regions over it.
    fn write(&mut self, mut cells: Vec<(usize, String)>) -> Result<(), Problem> {
        let row = self.next;
        self.reach(row);
        for region in &self.regions {
            let Some(value) = &region.value else {
                continue;
            };
            for col in region.first.1..=region.last.1 {
                let Some(at) = col
                    .checked_sub(self.first_col)
                    .map(|c| c as usize)
                    .filter(|c| *c < self.width)
                else {
                    continue;
                };
                if (row, col) != region.first {
                    cells.push((at, value.clone()));
                }
            }
        }
        // What is past its last row is said once (W026) and no longer held.
        let (done, open): (Vec<Region>, Vec<Region>) = std::mem::take(&mut self.regions)
            .into_iter()
            .partition(|r| r.last.0 <= row);
        self.regions = open;
        for region in done {
            if let Some(value) = region.value.filter(|v| !v.trim().is_empty()) {
                self.notes.merges.push(Merge {
                    first: region.first,
                    last: region.last,
                    value,
                });
            }
        }
        if cells.iter().all(|(_, text)| text.trim().is_empty()) {
            self.hidden.remove(&row);
            return self.blank();
        }
        if self.hidden.remove(&row) {
            let record = self.record(row);
            self.notes.hidden.push(record);
        }
        // A cell written twice keeps its last value, as in a range; a merged region's
        // value is written last, over anything its covered cells still hold.
        cells.sort_by_key(|(at, _)| *at);
        let mut fields = vec![&b""[..]; self.width];
        let mut bytes = 0;
        for (at, text) in &cells {
            fields[*at] = text.as_bytes();
            bytes += text.len() as u64;
        }
        self.out
            .write_record(&fields)
            .map_err(|e| interrupted(&e))?;
        self.written += bytes + self.width as u64;
        self.next += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<(Spool, Notes), Problem> {
        self.flush()?;
        // Merged regions that reach below the last row holding a cell.
        while self
            .regions
            .iter()
            .any(|r| r.value.is_some() && r.last.0 >= self.next)
        {
            self.write(Vec::new())?;
        }
        let writer = self.out.into_inner().map_err(|e| interrupted(e.error()))?;
        Ok((writer.finish()?, self.notes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spool: Spool) -> String {
        let mut out = String::new();
        spool
            .reader()
            .expect("reader")
            .read_to_string(&mut out)
            .expect("text");
        out
    }

    #[test]
    fn a_merged_value_is_written_in_each_cell_and_hidden_rows_noted() {
        let regions = vec![Region::new((1, 2), (2, 2))];
        let mut t = Text::new(0, 0, 3, regions).expect("text");
        for (at, value) in [
            ((0, 0), "nom"),
            ((0, 1), "x"),
            ((0, 2), "accord"),
            ((1, 0), "A"),
            ((1, 2), "oui"),
            ((2, 0), "B"),
            // A covered cell keeps nothing of its own: the region's value is shown.
            ((2, 2), "non"),
        ] {
            if at.0 == 2 {
                t.hide(2);
            }
            t.push(at, value).expect("push");
        }
        let (spool, notes) = t.finish().expect("finish");
        assert_eq!(text(spool), "nom,x,accord\nA,,oui\nB,,oui\n");
        assert_eq!(notes.hidden, [2]);
        assert_eq!(
            notes.merges,
            [Merge {
                first: (1, 2),
                last: (2, 2),
                value: "oui".into()
            }]
        );
    }

    #[test]
    fn a_region_below_the_last_cell_is_written_out() {
        let regions = vec![Region::new((1, 1), (3, 1)), Region::new((5, 0), (6, 0))];
        let mut t = Text::new(0, 0, 2, regions).expect("text");
        t.push((0, 0), "nom").expect("push");
        t.push((0, 1), "accord").expect("push");
        t.push((1, 0), "A").expect("push");
        t.push((1, 1), "oui").expect("push");
        let (spool, notes) = t.finish().expect("finish");
        // Rows 3 and 4 show only the merged « oui »; the empty region past them is nothing.
        assert_eq!(text(spool), "nom,accord\nA,oui\n,oui\n,oui\n");
        assert_eq!(notes.merges.len(), 1);
        assert!(notes.hidden.is_empty());
    }

    #[test]
    fn a_hidden_blank_row_is_not_said() {
        let mut t = Text::new(0, 0, 1, Vec::new()).expect("text");
        t.push((0, 0), "nom").expect("push");
        t.hide(1);
        t.push((2, 0), "B").expect("push");
        let (spool, notes) = t.finish().expect("finish");
        assert_eq!(text(spool), "nom\n\"\"\nB\n");
        assert!(notes.hidden.is_empty());
    }
}
