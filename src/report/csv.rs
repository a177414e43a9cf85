//! CSV for scripts (dot decimals) or for French Excel (`;`, decimal comma, BOM, CRLF).
//! Text cells that a spreadsheet would run as a formula are neutralised with a leading `'`;
//! in the Excel dialect a FINESS with a leading zero is written `="060000247"`, which
//! spreadsheets read as text, so reopening the file does not turn it into 60000247.

use std::borrow::Cow;
use std::io::Write;

use rust_decimal::Decimal;

use super::{push_plain_bytes, ComputeReport, StructureView};
use crate::model::Dotation;
use crate::rules::{RuleKey, RuleSet, VersionId};

/// Whether a cell is an identifier a spreadsheet would read as a number and strip: digits,
/// with Corsica's A/B, starting with 0 (nothing is lost otherwise).
fn is_identifier(text: &str) -> bool {
    text.starts_with('0')
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'A' || b == b'B')
}

/// Renders one row per structure; `excel` selects the French Excel dialect.
pub fn render(report: &ComputeReport, excel: bool) -> Vec<u8> {
    // Writing to a Vec cannot fail.
    let Ok(mut writer) = Writer::new(Vec::new(), report.year.is_some(), excel) else {
        return Vec::new();
    };
    for s in &report.structures {
        let _ = writer.write(&s.view(), report.set);
    }
    writer.finish().unwrap_or_default()
}

/// Writes the CSV one structure at a time, as they are computed, so a file of a million
/// rows never sits in memory. Each row is assembled in one buffer and written at once;
/// cells are quoted exactly when the csv crate would (a separator, a quote, CR or LF in
/// them), which the snapshots check.
pub struct Writer<W: Write> {
    out: CsvOut<W>,
    /// (versions, provisional values) → their three cells (rules, rules_sha256,
    /// provisional), escaped, each after its separator.
    #[allow(clippy::type_complexity)]
    trace: Vec<(Vec<VersionId>, Vec<RuleKey>, Vec<u8>)>,
}

impl<W: Write> Writer<W> {
    /// Starts the CSV: the BOM for Excel, then the header row.
    pub fn new(out: W, year: bool, excel: bool) -> std::io::Result<Self> {
        let dialect = if excel {
            Dialect::EXCEL
        } else {
            Dialect::PLAIN
        };
        let mut header = vec!["row", "finess", "nom"];
        if year {
            header.push("months");
        }
        header.extend(Dotation::ALL.iter().map(|d| d.label()));
        header.extend(["total", "rules", "rules_sha256", "provisional"]);
        let mut out = CsvOut::new(out, dialect)?;
        out.record(header)?;
        Ok(Writer {
            out,
            trace: Vec::new(),
        })
    }

    /// Writes one structure's row.
    pub fn write(&mut self, s: &StructureView, set: &RuleSet) -> std::io::Result<()> {
        let mut digits = itoa_buffer();
        let out = &mut self.out;
        out.number(itoa(s.row, &mut digits));
        let finess = s.finess.as_deref().unwrap_or("");
        match out.dialect.excel && is_identifier(finess) {
            // ="060000247": the form Excel and LibreOffice read as text, so the leading
            // zero survives; only for an identifier (digits, A/B), never for other text.
            true => out.ours(&format!("=\"{finess}\"")),
            false => out.text(finess),
        }
        out.text(s.nom.as_deref().unwrap_or(""));
        if let Some(m) = s.months {
            out.number(itoa(u64::from(m), &mut digits));
        }
        let d = &s.amounts.dotations;
        for a in [
            d.participative,
            d.precarite,
            d.interpretariat,
            d.psychologique,
            s.amounts.total,
        ] {
            out.amount(a);
        }
        // Rows share a handful of (versions, provisional values) combinations: their three
        // cells are rendered once per combination, not once per row.
        // A linear search: a few dozen short keys compare faster than they hash.
        let known = self
            .trace
            .iter()
            .position(|(v, p, _)| v == s.versions && p == s.provisional);
        let index = match known {
            Some(i) => i,
            None => {
                let shas: Vec<&str> = s
                    .versions
                    .iter()
                    .map(|&i| set.version(i).sha256())
                    .collect();
                let provisional: Vec<String> = s.provisional.iter().map(|k| k.path()).collect();
                let mut cells = Vec::new();
                let ids = super::version_ids(s.versions, set);
                let separator = self.out.dialect.separator;
                for cell in [ids, shas.join("+"), provisional.join("|")] {
                    cells.push(separator);
                    push_escaped(&mut cells, &cell, separator);
                }
                // Bounded: with --year the combinations are still a few hundred at most.
                if self.trace.len() == 256 {
                    self.trace.clear();
                }
                self.trace
                    .push((s.versions.to_vec(), s.provisional.to_vec(), cells));
                self.trace.len() - 1
            }
        };
        self.out.cells(&self.trace[index].2);
        self.out.end_row()
    }

    /// Flushes, and gives the stream back.
    pub fn finish(self) -> std::io::Result<W> {
        self.out.finish()
    }
}

/// How a CSV output is written: separator, decimal mark, line end, BOM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub separator: u8,
    /// The decimal mark of amounts.
    pub point: u8,
    /// French Excel: `;`, decimal comma, CRLF, a BOM first.
    pub excel: bool,
}

impl Dialect {
    /// For scripts: `,`, decimal point, LF.
    pub const PLAIN: Dialect = Dialect {
        separator: b',',
        point: b'.',
        excel: false,
    };
    /// For French Excel.
    pub const EXCEL: Dialect = Dialect {
        separator: b';',
        point: b',',
        excel: true,
    };
}

/// The one CSV writer of every command that writes CSV (compute, diff). Every text cell
/// goes through [`neutralise`], so no cell from the input reaches a spreadsheet as a
/// formula whatever the command; cells are quoted exactly when the csv crate would.
/// A row is assembled in one reused buffer and written at once.
pub struct CsvOut<W: Write> {
    out: W,
    pub dialect: Dialect,
    line: Vec<u8>,
    /// Whether the row being assembled has a cell yet (the next one needs a separator).
    started: bool,
}

impl<W: Write> CsvOut<W> {
    /// Starts the output (the BOM, for Excel).
    pub fn new(mut out: W, dialect: Dialect) -> std::io::Result<Self> {
        if dialect.excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        Ok(CsvOut {
            out,
            dialect,
            line: Vec::with_capacity(512),
            started: false,
        })
    }

    fn separate(&mut self) {
        if self.started {
            self.line.push(self.dialect.separator);
        }
        self.started = true;
    }

    /// A text cell, maybe from the input: neutralised, then escaped.
    pub fn text(&mut self, cell: &str) {
        self.separate();
        push_escaped(&mut self.line, &neutralise(cell), self.dialect.separator);
    }

    /// A text cell secpa writes itself on purpose, such as the `="060000247"` that keeps
    /// a leading zero: escaped, never neutralised.
    fn ours(&mut self, cell: &str) {
        self.separate();
        push_escaped(&mut self.line, cell, self.dialect.separator);
    }

    /// Digits (and maybe a sign and a decimal mark): never quoted, written as they are.
    pub fn number(&mut self, digits: &[u8]) {
        self.separate();
        self.line.extend_from_slice(digits);
    }

    /// An amount, with the dialect's decimal mark.
    pub fn amount(&mut self, amount: Decimal) {
        self.separate();
        push_plain_bytes(&mut self.line, amount, self.dialect.point);
    }

    /// Cells already escaped, each after its separator (a cache of rendered cells).
    fn cells(&mut self, escaped: &[u8]) {
        self.started = true;
        self.line.extend_from_slice(escaped);
    }

    /// A whole row of text cells.
    pub fn record<S: AsRef<str>>(
        &mut self,
        cells: impl IntoIterator<Item = S>,
    ) -> std::io::Result<()> {
        for cell in cells {
            self.text(cell.as_ref());
        }
        self.end_row()
    }

    /// Ends the row and writes it.
    pub fn end_row(&mut self) -> std::io::Result<()> {
        let end: &[u8] = if self.dialect.excel { b"\r\n" } else { b"\n" };
        self.line.extend_from_slice(end);
        let result = self.out.write_all(&self.line);
        self.line.clear();
        self.started = false;
        result
    }

    /// Flushes, and gives the stream back.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

fn itoa_buffer() -> [u8; 20] {
    [0; 20]
}

/// The decimal digits of `n`, written at the end of `buffer`.
fn itoa(mut n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut i = buffer.len();
    loop {
        i -= 1;
        buffer[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buffer[i..]
}

/// Appends a cell as the csv crate writes it: in quotes, inner quotes doubled, when it
/// holds the separator, a quote, CR or LF; as is otherwise.
fn push_escaped(line: &mut Vec<u8>, text: &str, separator: u8) {
    let bytes = text.as_bytes();
    let special = |b: &u8| matches!(*b, b'"' | b'\r' | b'\n') || *b == separator;
    if !bytes.iter().any(special) {
        line.extend_from_slice(bytes);
        return;
    }
    line.push(b'"');
    for &b in bytes {
        if b == b'"' {
            line.push(b'"');
        }
        line.push(b);
    }
    line.push(b'"');
}

/// Prefixes `'` to a cell a spreadsheet would take for a formula (= + - @ tab CR).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_as_the_csv_crate_quotes_them() {
        for separator in [b',', b';'] {
            for cell in [
                "plain",
                "",
                "a,b",
                "a;b",
                "say \"hi\"",
                "two\nlines",
                "cr\r",
                "é ç",
            ] {
                let mut ours = Vec::new();
                push_escaped(&mut ours, cell, separator);
                let mut theirs = csv::WriterBuilder::new()
                    .delimiter(separator)
                    .from_writer(Vec::new());
                theirs.write_record([cell, "x"]).unwrap();
                let theirs = theirs.into_inner().unwrap();
                ours.extend_from_slice(&[separator, b'x', b'\n']);
                assert_eq!(ours, theirs, "{cell:?}");
            }
        }
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("Case de santé"), "Case de santé");
    }
}
