//! Reading one cell as people type it in French spreadsheets: "2 500", "37,5 %",
//! "66 000 €", "01/03/2022", "oui". Each parser returns the typed value or the problem.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::diagnostic::{Expected, Problem};

const SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

/// Trims spaces, including the non-breaking ones Excel writes.
pub fn trim(raw: &str) -> &str {
    // Most cells start and end with a visible ASCII character: nothing to trim.
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    if visible(raw.as_bytes().first()) && visible(raw.as_bytes().last()) {
        return raw;
    }
    raw.trim_matches(|c: char| c.is_whitespace() || SPACES.contains(&c))
}

/// A number in French or plain notation: decimal comma or point, thousands separated by
/// spaces (regular, non-breaking or narrow), or by the other punctuation when both appear.
/// No exponent, no NaN, no infinity.
pub fn decimal(raw: &str) -> Result<Decimal, Problem> {
    let text = trim(raw);
    if let Some(d) = plain_decimal(text) {
        return Ok(d);
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int_part, frac_part) = split_decimal(unsigned).ok_or(Problem::InvalidNumber)?;
    let int_digits = ungroup(int_part).ok_or(Problem::InvalidNumber)?;
    let has_mark = unsigned.len() > int_part.len();
    if int_digits.is_empty()
        || (has_mark && frac_part.is_empty())
        || !frac_part.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(Problem::InvalidNumber);
    }
    let mut plain = String::with_capacity(int_digits.len() + frac_part.len() + 2);
    if negative {
        plain.push('-');
    }
    plain.push_str(&int_digits);
    if !frac_part.is_empty() {
        plain.push('.');
        plain.push_str(frac_part);
    }
    plain
        .parse::<Decimal>()
        .map_err(|_| Problem::NumberOutOfRange {
            expected: Expected::Digits,
        })
}

/// The common case without allocating: digits, optionally one `,` or `.` followed by
/// digits, at most 18 digits in all ("2500", "37,5"). Reads exactly as the general path.
fn plain_decimal(text: &str) -> Option<Decimal> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes.len() > 19 || !bytes[0].is_ascii_digit() {
        return None;
    }
    let (mut mantissa, mut scale, mut mark) = (0i64, 0u32, false);
    for &b in bytes {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + i64::from(b - b'0');
                scale += u32::from(mark);
            }
            b',' | b'.' if !mark => mark = true,
            _ => return None,
        }
    }
    if mark && scale == 0 {
        return None; // "12," is not a number
    }
    Some(Decimal::new(mantissa, scale))
}

/// Splits "1 234,5" or "1.234,5" or "1,234.5" into integer part (with its grouping) and
/// fraction digits; `None` when the punctuation makes no sense.
fn split_decimal(text: &str) -> Option<(&str, &str)> {
    let commas = text.matches(',').count();
    let dots = text.matches('.').count();
    match (commas, dots) {
        (0, 0) => Some((text, "")),
        (1, 0) => text.split_once(','),
        (0, 1) => text.split_once('.'),
        _ => {
            // Both kinds, or several of one: the last mark is the decimal one, the others
            // must group thousands.
            let pos = text.rfind([',', '.'])?;
            let (int_part, frac) = (&text[..pos], &text[pos + 1..]);
            let mark = text[pos..].chars().next()?;
            if int_part.contains(mark) {
                return None;
            }
            Some((int_part, frac))
        }
    }
}

/// Removes thousands separators from an integer part, checking the groups are of three.
fn ungroup(int_part: &str) -> Option<String> {
    let groups: Vec<&str> = int_part
        .split(|c: char| SPACES.contains(&c) || c == '.' || c == ',')
        .collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    Some(groups.concat())
}

/// A whole, non-negative count (file active): "2 500" → 2500.
pub fn count(raw: &str) -> Result<u32, Problem> {
    let d = decimal(raw)?;
    if d.is_sign_negative() && !d.is_zero() || d.fract() != Decimal::ZERO {
        return Err(Problem::NumberOutOfRange {
            expected: Expected::WholeCount,
        });
    }
    rust_decimal::prelude::ToPrimitive::to_u32(&d).ok_or(Problem::NumberOutOfRange {
        expected: Expected::CountTooLarge,
    })
}

/// A year, 1900–2100.
pub fn year(raw: &str) -> Result<i32, Problem> {
    let n = count(raw)?;
    if (1900..=2100).contains(&n) {
        Ok(n as i32)
    } else {
        Err(Problem::NumberOutOfRange {
            expected: Expected::Year,
        })
    }
}

/// A percentage from 0 to 100, with or without "%": "37,5 %" → 37.5.
pub fn percent(raw: &str) -> Result<Decimal, Problem> {
    let text = trim(raw);
    let number = text.strip_suffix('%').unwrap_or(text);
    let d = decimal(number)?;
    if d < Decimal::ZERO || d > Decimal::ONE_HUNDRED {
        return Err(Problem::PercentOutOfRange);
    }
    Ok(d.normalize())
}

/// A non-negative amount of euros, with or without "€": "66 000 €" → 66000.
pub fn amount(raw: &str) -> Result<Decimal, Problem> {
    let text = trim(raw);
    let number = text
        .strip_suffix('€')
        .or_else(|| text.strip_suffix("EUR"))
        .unwrap_or(text);
    let d = decimal(number)?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(Problem::NumberOutOfRange {
            expected: Expected::PositiveAmount,
        });
    }
    Ok(d.normalize())
}

/// A date, ISO (2022-03-01) or French (01/03/2022); impossible dates (31/02) are refused.
pub fn date(raw: &str) -> Result<NaiveDate, Problem> {
    let text = trim(raw);
    if let Some(date) = iso_date(text) {
        return date;
    }
    let format = if text.contains('/') {
        "%d/%m/%Y"
    } else {
        "%Y-%m-%d"
    };
    match NaiveDate::parse_from_str(text, format) {
        Ok(d) if (1900..=2100).contains(&chrono::Datelike::year(&d)) => Ok(d),
        _ => Err(Problem::InvalidDate),
    }
}

/// AAAA-MM-JJ written with exactly 4, 2 and 2 digits (what every file has), read without
/// chrono's format parser, which cost more than the rest of the row; `None` for any other
/// form, left to [`date`]'s general path (same results).
fn iso_date(text: &str) -> Option<Result<NaiveDate, Problem>> {
    let b: &[u8; 10] = text.as_bytes().try_into().ok()?;
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (year, month, day) = (number(&b[..4])?, number(&b[5..7])?, number(&b[8..])?);
    let year = i32::try_from(year).ok()?;
    Some(
        NaiveDate::from_ymd_opt(year, month, day)
            .filter(|_| (1900..=2100).contains(&year))
            .ok_or(Problem::InvalidDate),
    )
}

/// Yes or no: oui/non, true/false, 1/0, x/empty (an empty cell is "no").
pub fn boolean(raw: &str) -> Result<bool, Problem> {
    let text = trim(raw);
    // The usual spellings without folding (which allocates).
    for (word, value) in [("oui", true), ("non", false), ("", false)] {
        if text.eq_ignore_ascii_case(word) {
            return Ok(value);
        }
    }
    match crate::model::fold(text).as_str() {
        "oui" | "o" | "true" | "vrai" | "1" | "x" | "yes" => Ok(true),
        "non" | "n" | "false" | "faux" | "0" | "" | "no" => Ok(false),
        _ => Err(Problem::InvalidBoolean),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros_free::dec;

    mod rust_decimal_macros_free {
        /// `dec("1.5")` without pulling the macros crate.
        pub fn dec(s: &str) -> rust_decimal::Decimal {
            s.parse().unwrap()
        }
    }

    #[test]
    fn french_numbers() {
        assert_eq!(decimal("2 500"), Ok(dec("2500")));
        assert_eq!(decimal("2\u{a0}500"), Ok(dec("2500")));
        assert_eq!(decimal("1\u{202f}234,56"), Ok(dec("1234.56")));
        assert_eq!(decimal("37,5"), Ok(dec("37.5")));
        assert_eq!(decimal("37.5"), Ok(dec("37.5")));
        assert_eq!(decimal("1.234,5"), Ok(dec("1234.5")));
        assert_eq!(decimal("1,234.5"), Ok(dec("1234.5")));
        assert_eq!(decimal("-0"), Ok(dec("0")));
        assert_eq!(decimal(" 12 "), Ok(dec("12")));
    }

    #[test]
    fn not_numbers() {
        for bad in [
            "", "abc", "1e400", "NaN", "inf", "1,2,3", "25 00", "1..2", "+5", "--1", "1 2345",
            ",5", "12,", "0x10",
        ] {
            assert!(decimal(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn counts_are_whole_and_positive() {
        assert_eq!(count("2 500"), Ok(2500));
        assert!(matches!(
            count("2,5"),
            Err(Problem::NumberOutOfRange { .. })
        ));
        assert!(matches!(count("-3"), Err(Problem::NumberOutOfRange { .. })));
        assert!(matches!(
            count("1 000 000 000 000"),
            Err(Problem::NumberOutOfRange { .. })
        ));
        assert_eq!(count("2500,00"), Ok(2500));
    }

    #[test]
    fn percents() {
        assert_eq!(percent("37,5 %"), Ok(dec("37.5")));
        assert_eq!(percent("15"), Ok(dec("15")));
        assert_eq!(percent("101"), Err(Problem::PercentOutOfRange));
        assert_eq!(percent("-1"), Err(Problem::PercentOutOfRange));
    }

    #[test]
    fn amounts() {
        assert_eq!(amount("66 000 €"), Ok(dec("66000")));
        assert_eq!(amount("70000,00"), Ok(dec("70000")));
        assert!(amount("-5").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(
            date("2022-03-01"),
            Ok(NaiveDate::from_ymd_opt(2022, 3, 1).unwrap())
        );
        assert_eq!(
            date("01/03/2022"),
            Ok(NaiveDate::from_ymd_opt(2022, 3, 1).unwrap())
        );
        assert_eq!(date("31/02/2021"), Err(Problem::InvalidDate));
        assert_eq!(date("2021-13-01"), Err(Problem::InvalidDate));
        assert_eq!(date("hier"), Err(Problem::InvalidDate));
    }

    #[test]
    fn booleans() {
        for yes in ["oui", "OUI", "true", "1", "x", "X", "Oui "] {
            assert_eq!(boolean(yes), Ok(true), "{yes}");
        }
        for no in ["non", "false", "0", "", "  "] {
            assert_eq!(boolean(no), Ok(false), "{no}");
        }
        assert_eq!(boolean("peut-être"), Err(Problem::InvalidBoolean));
    }

    proptest! {
        #[test]
        fn iso_dates_read_fast_as_chrono_reads_them(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
            let chrono = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .ok()
                .filter(|d| (1900..=2100).contains(&chrono::Datelike::year(d)));
            prop_assert_eq!(date(&text).ok(), chrono);
        }

        #[test]
        fn decimal_never_panics(s in ".{0,40}") {
            let _ = decimal(&s);
            let _ = count(&s);
            let _ = percent(&s);
            let _ = date(&s);
        }

        #[test]
        fn grouped_integers_round_trip(n in 0u64..10_000_000_000) {
            let plain = n.to_string();
            let mut grouped = String::new();
            for (i, c) in plain.chars().enumerate() {
                if i > 0 && (plain.len() - i) % 3 == 0 {
                    grouped.push('\u{a0}');
                }
                grouped.push(c);
            }
            prop_assert_eq!(decimal(&grouped), Ok(Decimal::from(n)));
        }

        #[test]
        fn the_fast_path_reads_as_the_general_one(s in "[0-9]{1,12}([.,][0-9]{0,7})?") {
            let general = {
                let (int, frac) = s.split_once([',', '.']).unwrap_or((&s, ""));
                let text = if frac.is_empty() && s.len() > int.len() {
                    "invalid".to_owned()
                } else if frac.is_empty() {
                    int.to_owned()
                } else {
                    format!("{int}.{frac}")
                };
                text.parse::<Decimal>().ok()
            };
            prop_assert_eq!(decimal(&s).ok(), general);
        }

        #[test]
        fn decimal_comma_equals_point(int in 0u32..1_000_000, frac in 0u32..100) {
            let comma = format!("{int},{frac:02}");
            let point = format!("{int}.{frac:02}");
            prop_assert_eq!(decimal(&comma), decimal(&point));
        }
    }
}
