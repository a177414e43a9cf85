//! CSV for scripts (dot decimals) or for French Excel (`;`, decimal comma, BOM, CRLF).
//! Text cells that a spreadsheet would run as a formula are neutralised with a leading `'`.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

use super::{push_plain, ComputeReport, StructureResult};
use crate::model::Dotation;
use crate::rules::{RuleKey, RuleSet};

/// Renders one row per structure; `excel` selects the French Excel dialect.
pub fn render(report: &ComputeReport, excel: bool) -> Vec<u8> {
    // Writing to a Vec cannot fail.
    let Ok(mut writer) = Writer::new(Vec::new(), report.year.is_some(), excel) else {
        return Vec::new();
    };
    for s in &report.structures {
        let _ = writer.write(s, report.set);
    }
    writer.finish().unwrap_or_default()
}

/// Writes the CSV one structure at a time, as they are computed, so a file of a million
/// rows never sits in memory.
pub struct Writer<W: Write> {
    csv: csv::Writer<W>,
    excel: bool,
    /// A buffer for one cell, reused.
    field: String,
    /// (versions, provisional values) → their cells (rules, rules_sha256, provisional).
    #[allow(clippy::type_complexity)]
    trace: Vec<(Vec<usize>, Vec<RuleKey>, [String; 3])>,
}

impl<W: Write> Writer<W> {
    /// Starts the CSV: the BOM for Excel, then the header row.
    pub fn new(mut out: W, year: bool, excel: bool) -> std::io::Result<Self> {
        if excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut csv = csv::WriterBuilder::new()
            .delimiter(if excel { b';' } else { b',' })
            .terminator(if excel {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .from_writer(out);
        let mut header = vec!["row", "finess", "nom"];
        if year {
            header.push("months");
        }
        header.extend(Dotation::ALL.iter().map(|d| d.label()));
        header.extend(["total", "rules", "rules_sha256", "provisional"]);
        csv.write_record(&header).map_err(into_io)?;
        Ok(Writer {
            csv,
            excel,
            field: String::new(),
            trace: Vec::new(),
        })
    }

    /// Writes one structure's row.
    pub fn write(&mut self, s: &StructureResult, set: &RuleSet) -> std::io::Result<()> {
        let mut field = std::mem::take(&mut self.field);
        field.clear();
        let _ = write!(field, "{}", s.row);
        self.csv.write_field(&field).map_err(into_io)?;
        self.csv
            .write_field(neutralise(s.finess.as_deref().unwrap_or("")).as_ref())
            .map_err(into_io)?;
        self.csv
            .write_field(neutralise(s.nom.as_deref().unwrap_or("")).as_ref())
            .map_err(into_io)?;
        if let Some(m) = s.months {
            field.clear();
            let _ = write!(field, "{m}");
            self.csv.write_field(&field).map_err(into_io)?;
        }
        for a in s
            .amounts
            .dotations
            .iter()
            .map(|(_, a)| *a)
            .chain([s.amounts.total])
        {
            field.clear();
            push_plain(&mut field, a);
            if self.excel {
                field = field.replace('.', ",");
            }
            self.csv.write_field(&field).map_err(into_io)?;
        }
        self.field = field;
        // Rows share a handful of (versions, provisional values) combinations: their three
        // cells are rendered once per combination, not once per row.
        // A linear search: a few dozen short keys compare faster than they hash.
        let known = self
            .trace
            .iter()
            .position(|(v, p, _)| *v == s.versions && *p == s.provisional);
        let index = match known {
            Some(i) => i,
            None => {
                let shas: Vec<&str> = s
                    .versions
                    .iter()
                    .map(|&i| set.versions()[i].sha256.as_str())
                    .collect();
                let provisional: Vec<String> = s.provisional.iter().map(|k| k.path()).collect();
                let cells = [s.version_ids(set), shas.join("+"), provisional.join("|")];
                // Bounded: with --year the combinations are still a few hundred at most.
                if self.trace.len() == 256 {
                    self.trace.clear();
                }
                self.trace
                    .push((s.versions.clone(), s.provisional.clone(), cells));
                self.trace.len() - 1
            }
        };
        for cell in &self.trace[index].2 {
            self.csv.write_field(cell).map_err(into_io)?;
        }
        self.csv.write_record(None::<&[u8]>).map_err(into_io)
    }

    /// Flushes, and gives the stream back.
    pub fn finish(self) -> std::io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

fn into_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
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
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("Case de santé"), "Case de santé");
    }
}
