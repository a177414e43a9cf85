//! CSV for scripts (dot decimals) or for French Excel (`;`, decimal comma, BOM, CRLF).
//! Text cells that a spreadsheet would run as a formula are neutralised with a leading `'`.

use std::borrow::Cow;
use std::io::Write;

use super::{number_plain, ComputeReport, StructureResult};
use crate::model::Dotation;
use crate::rules::RuleSet;

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
        Ok(Writer { csv, excel })
    }

    /// Writes one structure's row.
    pub fn write(&mut self, s: &StructureResult, set: &RuleSet) -> std::io::Result<()> {
        let amount = |a| {
            let plain = number_plain(a);
            if self.excel {
                plain.replace('.', ",")
            } else {
                plain
            }
        };
        let mut record: Vec<Cow<str>> = vec![
            s.row.to_string().into(),
            neutralise(s.finess.as_deref().unwrap_or("")),
            neutralise(s.nom.as_deref().unwrap_or("")),
        ];
        if let Some(m) = s.months {
            record.push(m.to_string().into());
        }
        record.extend(s.amounts.dotations.iter().map(|(_, a)| amount(*a).into()));
        record.push(amount(s.amounts.total).into());
        record.push(s.version_ids(set).into());
        let shas: Vec<&str> = s
            .versions
            .iter()
            .map(|&i| set.versions()[i].sha256.as_str())
            .collect();
        record.push(shas.join("+").into());
        let provisional: Vec<String> = s.provisional.iter().map(|k| k.path()).collect();
        record.push(provisional.join("|").into());
        self.csv
            .write_record(record.iter().map(|c| c.as_ref()))
            .map_err(into_io)
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
