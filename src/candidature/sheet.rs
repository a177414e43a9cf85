//! `.xlsx` workbooks (calamine): one sheet's cells turned into the text a CSV export would
//! hold, so the same row pipeline and the same cell parsers read both. Dates become ISO
//! dates, numbers plain decimals as Excel displays them (15 significant digits, so a stored
//! 37.499999999999993 reads 37.5), never a binary float's noise.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use csv::ByteRecord;
use rust_decimal::Decimal;

use super::reader::{CandidatureFile, Opened};
use crate::diagnostic::{Diagnostic, Problem};

/// Whether a file is to be read as a workbook: an `.xlsx`/`.xlsm` name, or zip content
/// (a workbook renamed `.csv` is still a workbook).
pub fn is_workbook(path: &std::path::Path, head: &[u8]) -> bool {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(extension.as_deref(), Some("xlsx" | "xlsm")) || head.starts_with(b"PK\x03\x04")
}

/// Opens one sheet of a workbook: `sheet`, or the first one.
pub fn open(name: &str, bytes: Vec<u8>, sheet: Option<&str>) -> Opened {
    let unreadable = |problem| Opened::Unreadable(Diagnostic::new(name, None, None, None, problem));
    // calamine is not ours: should it panic on a hostile file, that file is reported like
    // any other unreadable workbook instead of taking the whole batch down.
    let read = std::panic::catch_unwind(move || read_sheet(bytes, sheet));
    match read {
        Ok(Ok((first_row, rows))) => CandidatureFile::from_rows(name, first_row, rows),
        Ok(Err(problem)) => unreadable(problem),
        Err(_) => unreadable(Problem::InvalidWorkbook {
            detail: "structure interne incohérente".into(),
        }),
    }
}

/// The rows of the sheet as text records, with the spreadsheet number of the first row.
fn read_sheet(bytes: Vec<u8>, sheet: Option<&str>) -> Result<(u64, Vec<ByteRecord>), Problem> {
    let invalid = |e: calamine::XlsxError| Problem::InvalidWorkbook {
        detail: e.to_string(),
    };
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(invalid)?;
    let names = workbook.sheet_names();
    let name =
        match sheet {
            Some(wanted) => names.iter().find(|n| n.as_str() == wanted).ok_or_else(|| {
                Problem::UnknownSheet {
                    sheet: wanted.to_owned(),
                    available: names.join(", "),
                }
            })?,
            None => names.first().ok_or_else(|| Problem::InvalidWorkbook {
                detail: "aucune feuille".into(),
            })?,
        }
        .clone();
    let range = workbook.worksheet_range(&name).map_err(invalid)?;
    let first_row = range.start().map_or(1, |(row, _)| u64::from(row) + 1);
    let rows = range
        .rows()
        .map(|cells| cells.iter().map(text).collect::<ByteRecord>())
        .collect();
    Ok((first_row, rows))
}

/// The text of a cell as the CSV parsers expect it.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn dates_become_iso() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        // 44470 = 2021-10-01 in Excel's 1900 date system.
        let dt = ExcelDateTime::new(44470.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(dt)), "2021-10-01");
        let dt = ExcelDateTime::new(44470.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(dt)), "2021-10-01 12:00:00");
    }

    #[test]
    fn not_a_zip_is_a_diagnostic() {
        let opened = open("x.xlsx", b"finess,nom\n".to_vec(), None);
        assert!(matches!(opened, Opened::Unreadable(d) if d.code() == "E020"));
    }
}
