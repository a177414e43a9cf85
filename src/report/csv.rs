//! CSV for scripts (dot decimals) or for French Excel (`;`, decimal comma, BOM, CRLF).
//! Text cells that a spreadsheet would run as a formula are neutralised with a leading `'`.

use std::borrow::Cow;

use super::{number_plain, ComputeReport};
use crate::model::Dotation;

/// Renders one row per structure; `excel` selects the French Excel dialect.
pub fn render(report: &ComputeReport, excel: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if excel {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(if excel { b';' } else { b',' })
        .terminator(if excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(out);
    let amount = |a| {
        let plain = number_plain(a);
        if excel {
            plain.replace('.', ",")
        } else {
            plain
        }
    };
    let mut header = vec!["row", "finess", "nom"];
    if report.year.is_some() {
        header.push("months");
    }
    header.extend(Dotation::ALL.iter().map(|d| d.label()));
    header.extend(["total", "rules", "rules_sha256", "provisional"]);
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(&header);
    for s in &report.structures {
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
        record.push(s.version_ids(report.set).into());
        let shas: Vec<&str> = s
            .versions
            .iter()
            .map(|&i| report.set.versions()[i].sha256.as_str())
            .collect();
        record.push(shas.join("+").into());
        let provisional: Vec<String> = s.provisional.iter().map(|k| k.path()).collect();
        record.push(provisional.join("|").into());
        let _ = writer.write_record(record.iter().map(|c| c.as_ref()));
    }
    writer.into_inner().unwrap_or_default()
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
