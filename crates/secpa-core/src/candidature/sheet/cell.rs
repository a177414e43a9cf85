//! One workbook cell as the text a CSV export would hold: dates as ISO dates, numbers as
//! plain decimals as Excel displays them (15 significant digits, so a stored
//! 37.499999999999993 reads 37.5), never a binary float's noise.

use calamine::Data;
use rust_decimal::Decimal;

/// The text of a cell as the CSV parsers expect it.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        // An ISO date cell (`t="d"`): its date, when it has no time of day.
        Data::DateTimeIso(s) => s
            .strip_suffix("T00:00:00")
            .or_else(|| s.strip_suffix("T00:00:00Z"))
            .unwrap_or(s)
            .to_owned(),
        Data::String(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => unambiguous(number(*f)),
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

/// A number cell formatted as a percentage, as it shows: 0.463 → "46.3 %" (exact: the
/// decimal shown, times 100, never a float product).
pub fn percent_text(f: f64) -> String {
    match number(f).parse::<Decimal>() {
        Ok(d) => format!(
            "{} %",
            unambiguous((d * Decimal::ONE_HUNDRED).normalize().to_string())
        ),
        Err(_) => number(f),
    }
}

/// A number cell's text, never mistaken for thousands: the cell is a number, its point is
/// a decimal one, so "1.234" is written "1.2340" (same value), which no parser reads as
/// 1 234 (E109 is for what people type, not for what secpa writes).
fn unambiguous(text: String) -> String {
    if crate::candidature::value::ambiguous(&text).is_some() {
        text + "0"
    } else {
        text
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
    fn number_cells_never_read_as_thousands() {
        assert_eq!(text(&Data::Float(1.234)), "1.2340");
        assert_eq!(text(&Data::Float(60.5)), "60.5");
        assert_eq!(text(&Data::Float(0.463)), "0.463");
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
}
