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
/// No exponent, no NaN, no infinity. Every digit counts: a number of more than
/// [`MAX_DIGITS`] significant digits is refused, never rounded (`999,999…9` is not 1 000).
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
    // Leading zeros of the integer and trailing zeros of the fraction say nothing; every
    // other digit must be kept, and a decimal holds 28 (rust_decimal rounds past them).
    let int_digits = int_digits.trim_start_matches('0');
    let frac_part = frac_part.trim_end_matches('0');
    let too_large = Problem::NumberOutOfRange {
        expected: Expected::Digits,
    };
    if int_digits.len() + frac_part.len() > MAX_DIGITS {
        return Err(too_large);
    }
    let mut plain = String::with_capacity(int_digits.len() + frac_part.len() + 3);
    if negative {
        plain.push('-');
    }
    plain.push_str(if int_digits.is_empty() {
        "0"
    } else {
        int_digits
    });
    if !frac_part.is_empty() {
        plain.push('.');
        plain.push_str(frac_part);
    }
    plain.parse::<Decimal>().map_err(|_| too_large)
}

/// The most significant digits a number may have: what an exact decimal holds.
pub const MAX_DIGITS: usize = 28;

/// The common case without allocating: digits, optionally one `,` or `.` followed by
/// digits, at most 19 bytes ("2500", "37,5"). Reads exactly as the general path; a value
/// past `i64` (a 19-digit integer from 2⁶³) is left to it, never wrapped.
fn plain_decimal(text: &str) -> Option<Decimal> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes.len() > 19 || !bytes[0].is_ascii_digit() {
        return None;
    }
    let (mut mantissa, mut scale, mut mark) = (0i64, 0u32, false);
    for &b in bytes {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
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

/// A number whose only mark is followed by exactly three digits, after one to three digits
/// that do not start with 0: "60.000", "60,000", "1,234". Thousands or decimals? The cell
/// alone cannot say: (mark, integer digits, three digits).
pub(crate) fn ambiguous(text: &str) -> Option<(char, &str, &str)> {
    let pos = text.find([',', '.'])?;
    let (int, frac) = (&text[..pos], &text[pos + 1..]);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let shape = (1..=3).contains(&int.len())
        && digits(int)
        && !int.starts_with('0')
        && frac.len() == 3
        && digits(frac);
    shape.then(|| (char::from(text.as_bytes()[pos]), int, frac))
}

/// [`decimal`], with the file's decimal mark when the file settles it ([`Conventions`]): a
/// cell such as "60.000" is read with it, and refused without it (E109, both readings).
pub fn decimal_in(raw: &str, mark: Option<char>) -> Result<Decimal, Problem> {
    let text = trim(raw);
    let Some((found, int, frac)) = ambiguous(text) else {
        return decimal(text);
    };
    let as_decimal = Decimal::new(
        i64::from(int.parse::<u32>().unwrap_or(0)) * 1000
            + i64::from(frac.parse::<u32>().unwrap_or(0)),
        3,
    )
    .normalize();
    let as_thousands = as_decimal * Decimal::ONE_THOUSAND;
    match mark {
        Some(decimal_mark) if decimal_mark == found => Ok(as_decimal),
        Some(_) => Ok(as_thousands),
        None => Err(Problem::AmbiguousNumber {
            as_decimal,
            as_thousands,
        }),
    }
}

/// The decimal mark a number cell shows beyond doubt, if any: the last of two different
/// marks ("1.234,5"), the other one when a mark repeats ("1,234,567"), a lone mark not
/// followed by exactly three digits ("37,5", "70000,00") or after more than three digits.
pub fn decimal_mark(raw: &str) -> Option<char> {
    let text = strip_unit(trim(raw));
    let commas = text.matches(',').count();
    let dots = text.matches('.').count();
    match (commas, dots) {
        (0, 0) => None,
        (1, 0) | (0, 1) => {
            let pos = text.find([',', '.'])?;
            let mark = char::from(text.as_bytes()[pos]);
            let (int, frac) = (&text[..pos], &text[pos + 1..]);
            let frac_digits = !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit());
            let int_digits = int.trim_start_matches('-');
            let bare = !int_digits.is_empty() && int_digits.bytes().all(|b| b.is_ascii_digit());
            (frac_digits && (frac.len() != 3 || (bare && int_digits.len() > 3))).then_some(mark)
        }
        (_, 0) => Some('.'),
        (0, _) => Some(','),
        _ => text
            .rfind([',', '.'])
            .map(|pos| char::from(text.as_bytes()[pos])),
    }
}

/// A cell without its unit: "37,5 %" → "37,5", "66 000 €" → "66 000".
fn strip_unit(text: &str) -> &str {
    let text = text
        .strip_suffix('%')
        .or_else(|| text.strip_suffix('€'))
        .or_else(|| text.strip_suffix("EUR"))
        .unwrap_or(text);
    trim(text)
}

/// A whole, non-negative count (file active): "2 500" → 2500.
pub fn count(raw: &str) -> Result<u32, Problem> {
    count_in(raw, None)
}

/// [`count`] with the file's decimal mark.
pub fn count_in(raw: &str, mark: Option<char>) -> Result<u32, Problem> {
    let d = decimal_in(raw, mark)?;
    if d.is_sign_negative() && !d.is_zero() || d.fract() != Decimal::ZERO {
        return Err(Problem::NumberOutOfRange {
            expected: Expected::WholeCount,
        });
    }
    rust_decimal::prelude::ToPrimitive::to_u32(&d).ok_or(Problem::NumberOutOfRange {
        expected: Expected::CountTooLarge,
    })
}

/// What a value must not exceed to be believed: one place for every bound (issue #11). A
/// value past one is an error (E110) saying which bound and why: it is far likelier a
/// misreading (a thousands separator, a fraction for a percentage) than a real structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plausible {
    /// Patients in a file active: the largest health centres have a few tens of thousands.
    pub file_active_max: u32,
    /// A psychological-support request, as a multiple of the version's cap.
    pub psy_cap_factor: u32,
    /// A territory's poverty rate, in %: no French territory is below it; a rate written
    /// as a fraction (0,463 for 46,3 %) is.
    pub rate_min: u32,
}

/// The bounds every file is read with.
pub const PLAUSIBLE: Plausible = Plausible {
    file_active_max: 100_000,
    psy_cap_factor: 10,
    rate_min: 1,
};

pub use crate::diagnostic::Bound;

/// A file active: a count no larger than [`PLAUSIBLE`] allows.
pub fn file_active(raw: &str, mark: Option<char>) -> Result<u32, Problem> {
    let n = count_in(raw, mark)?;
    if n > PLAUSIBLE.file_active_max {
        return Err(Problem::Implausible(Bound::FileActive {
            max: PLAUSIBLE.file_active_max,
        }));
    }
    Ok(n)
}

/// A poverty rate: a percentage no lower than [`PLAUSIBLE`] allows.
pub fn poverty_rate(raw: &str, mark: Option<char>) -> Result<Decimal, Problem> {
    let rate = percent_in(raw, mark)?;
    if rate < Decimal::from(PLAUSIBLE.rate_min) {
        return Err(Problem::Implausible(Bound::RateBelow {
            min: PLAUSIBLE.rate_min,
        }));
    }
    Ok(rate)
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
    percent_in(raw, None)
}

/// [`percent`] with the file's decimal mark.
pub fn percent_in(raw: &str, mark: Option<char>) -> Result<Decimal, Problem> {
    let text = trim(raw);
    let number = text.strip_suffix('%').unwrap_or(text);
    let d = decimal_in(number, mark)?;
    if d < Decimal::ZERO || d > Decimal::ONE_HUNDRED {
        return Err(Problem::PercentOutOfRange);
    }
    Ok(d.normalize())
}

/// A non-negative amount of euros, with or without "€": "66 000 €" → 66000.
pub fn amount(raw: &str) -> Result<Decimal, Problem> {
    amount_in(raw, None)
}

/// [`amount`] with the file's decimal mark.
pub fn amount_in(raw: &str, mark: Option<char>) -> Result<Decimal, Problem> {
    let text = trim(raw);
    let number = text
        .strip_suffix('€')
        .or_else(|| text.strip_suffix("EUR"))
        .unwrap_or(text);
    let d = decimal_in(number, mark)?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(Problem::NumberOutOfRange {
            expected: Expected::PositiveAmount,
        });
    }
    Ok(d.normalize())
}

/// A date, ISO (2022-03-01) or French (01/03/2022, 1/3/2022, 01/03/22 = 2022); impossible
/// dates (31/02) are refused. A date that reads both ways is read day first.
pub fn date(raw: &str) -> Result<NaiveDate, Problem> {
    date_in(raw, DateOrder::DayFirst)
}

/// The order a date column is written in, decided on the whole column ([`Conventions`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// JJ/MM/AAAA, as in France: no cell of the column is only readable month first.
    #[default]
    DayFirst,
    /// A cell of the column (at `row`) is only readable month first (03/15/2022): the
    /// column was written MM/JJ/AAAA, and a date that reads both ways cannot be decided.
    MonthFirst { row: u64 },
}

/// What a file's cells alone cannot say, decided on the whole file: as its rows are read,
/// and by looking ahead when a cell hesitates (`CandidatureFile::settle`): the order of each date column, the decimal mark
/// of each number column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Conventions {
    pub date_entree: DateOrder,
    pub date_depot: DateOrder,
    /// Each number column's decimal mark ([`NumberColumn`]'s order), when that column's
    /// numbers that show it beyond doubt all agree. A column is settled by its own cells
    /// only: one row's `46.3` in `taux_pauvrete` says nothing of how `30.000` in
    /// `montant_psy_demande` was meant (30 or 30 000 €), which stays ambiguous (E109).
    pub decimal: [Option<char>; NumberColumn::COUNT],
}

impl Conventions {
    /// The decimal mark of a number column, when its cells settle it.
    pub fn decimal(&self, column: NumberColumn) -> Option<char> {
        self.decimal[column as usize]
    }
}

/// The columns whose numbers may be written with a decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberColumn {
    FileActive,
    PovertyRate,
    PsyAmount,
}

impl NumberColumn {
    pub const COUNT: usize = 3;
}

/// Gathers [`Conventions`] cell by cell, in constant memory.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scan {
    month_first: [Option<u64>; 2],
    day_first: [bool; 2],
    comma: [bool; NumberColumn::COUNT],
    point: [bool; NumberColumn::COUNT],
}

impl Scan {
    /// A cell of a date column (0: `date_entree`, 1: `date_depot`) at `row`.
    pub fn date(&mut self, column: usize, cell: &str, row: u64) {
        let text = trim(cell);
        let text = match without_time(text) {
            Some(Ok(date)) => date,
            _ => text,
        };
        if let Some((a, b, year)) = slashed(text) {
            if a <= 12 && b > 12 && NaiveDate::from_ymd_opt(year, a, b).is_some() {
                self.month_first[column].get_or_insert(row);
            }
            if b <= 12 && a > 12 && NaiveDate::from_ymd_opt(year, b, a).is_some() {
                self.day_first[column] = true;
            }
        }
    }

    /// A cell of a number column.
    pub fn number(&mut self, column: NumberColumn, cell: &str) {
        match decimal_mark(cell) {
            Some(',') => self.comma[column as usize] = true,
            Some('.') => self.point[column as usize] = true,
            _ => {}
        }
    }

    /// Whether a date column's order is final: a cell only readable month first was seen,
    /// which nothing after it can undo. Day first is final only at the end of the file.
    pub fn date_decided(&self, column: usize) -> bool {
        self.month_first[column].is_some()
    }

    /// Whether a number column's mark is final: both marks were seen, so its ambiguous
    /// cells are refused (E109) whatever comes after.
    pub fn number_decided(&self, column: NumberColumn) -> bool {
        self.comma[column as usize] && self.point[column as usize]
    }

    /// Every column final (`numbers`: whether number columns count).
    pub fn decided(&self, numbers: bool) -> bool {
        (0..2).all(|c| self.date_decided(c))
            && (!numbers
                || [
                    NumberColumn::FileActive,
                    NumberColumn::PovertyRate,
                    NumberColumn::PsyAmount,
                ]
                .into_iter()
                .all(|c| self.number_decided(c)))
    }

    /// The conventions. A date column with no cell that decides takes the order of the
    /// other one, when that one is month first: one spreadsheet wrote both (LibreOffice in
    /// English writes every `date_entree` 3/1/2022, and only `date_depot` 10/13/2021 tells).
    pub fn finish(self) -> Conventions {
        let order = |column: usize| {
            let other = 1 - column;
            let inherited = (!self.day_first[column])
                .then_some(self.month_first[other])
                .flatten();
            let row = self.month_first[column].or(inherited);
            row.map_or(DateOrder::DayFirst, |row| DateOrder::MonthFirst { row })
        };
        Conventions {
            date_entree: order(0),
            date_depot: order(1),
            decimal: std::array::from_fn(|i| match (self.comma[i], self.point[i]) {
                (true, false) => Some(','),
                (false, true) => Some('.'),
                _ => None,
            }),
        }
    }
}

/// "J/M/AAAA" or "JJ/MM/AA" as three numbers (the year of two digits in 2000–2099).
fn slashed(text: &str) -> Option<(u32, u32, i32)> {
    let mut parts = text.split('/');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |s: &str, lens: &[usize]| {
        (lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = number(y, &[2, 4])?;
    let year = if y.len() == 2 { 2000 + year } else { year };
    Some((
        number(a, &[1, 2])?,
        number(b, &[1, 2])?,
        i32::try_from(year).ok()?,
    ))
}

/// Whether a date cell reads differently by its column's order ([`date_in`]): day first
/// it is a date, month first it is refused as ambiguous.
pub fn order_matters(raw: &str) -> bool {
    matches!(
        date_in(raw, DateOrder::MonthFirst { row: 0 }),
        Err(Problem::AmbiguousDate { .. })
    )
}

/// Whether a number cell reads differently by its column's decimal mark ([`decimal_in`]).
pub fn mark_matters(raw: &str) -> bool {
    ambiguous(trim(raw)).is_some()
}

/// [`date`] in a column written in `order`: a date that reads both ways in a month-first
/// column is refused (E108, both readings), never guessed.
pub fn date_in(raw: &str, order: DateOrder) -> Result<NaiveDate, Problem> {
    let text = trim(raw);
    if let Some(date) = iso_date(text) {
        return date;
    }
    // A date with a time of day gives its date; a time that is no time is no date.
    let text = match without_time(text) {
        Some(Ok(date)) => date,
        Some(Err(problem)) => return Err(problem),
        None => text,
    };
    if let Some(date) = iso_date(text) {
        return date;
    }
    let in_range = |d: NaiveDate| (1900..=2100).contains(&chrono::Datelike::year(&d));
    if text.contains('/') {
        let (a, b, year) = slashed(text).ok_or(Problem::InvalidDate)?;
        let day_first = NaiveDate::from_ymd_opt(year, b, a).filter(|d| in_range(*d));
        let month_first = NaiveDate::from_ymd_opt(year, a, b).filter(|d| in_range(*d));
        return match (day_first, month_first, order) {
            (Some(d), None, _) | (None, Some(d), _) => Ok(d),
            (Some(d), Some(m), _) if d == m => Ok(d),
            (Some(d), Some(_), DateOrder::DayFirst) => Ok(d),
            (Some(day_first), Some(month_first), DateOrder::MonthFirst { row }) => {
                Err(Problem::AmbiguousDate {
                    day_first,
                    month_first,
                    row,
                })
            }
            (None, None, _) => Err(Problem::InvalidDate),
        };
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) if in_range(d) => Ok(d),
        _ => Err(Problem::InvalidDate),
    }
}

/// The date part of a date followed by a time of day, as spreadsheets and forms write
/// them: a Google Forms timestamp (`15/10/2021 23:59:00`), a workbook's date-time
/// (`2021-10-15 23:59:00`), ISO 8601 (`2021-10-15T13:00:00`, `…T13:00:00.000Z`,
/// `…T13:00+02:00`), with or without seconds, `AM`/`PM` after a space. The date is the one
/// written, whatever the time or its offset: what the person sees in her sheet. `None`:
/// no time follows a date-like start (the cell is read as it is); `Some(Err)`: something
/// follows the date that is not a time.
fn without_time(text: &str) -> Option<Result<&str, Problem>> {
    // A date holds no space and no `T`: the first one ends it.
    let at = text.find(|c: char| c == 'T' || c.is_whitespace() || SPACES.contains(&c))?;
    let (date, rest) = text.split_at(at);
    let iso = rest.starts_with('T');
    // Only what starts like a date: "2021-10-15", "15/10/2021".
    let date_like = date.len() >= 6
        && date
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'/')
        && (date.contains('-') || date.contains('/'));
    if !date_like || (iso && date.len() != 10) {
        return None;
    }
    let time = trim(&rest[rest.chars().next().map_or(0, char::len_utf8)..]);
    Some(if time_of_day(time, iso) {
        Ok(date)
    } else {
        Err(Problem::InvalidDate)
    })
}

/// `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff` (or `,fff`), then `Z` or an offset (`+02:00`,
/// `-0500`), or, after a space (not after an ISO `T`), `AM` or `PM` (hours 1 to 12).
fn time_of_day(text: &str, iso: bool) -> bool {
    let b = text.as_bytes();
    let digits = |from: usize, n: usize| {
        b.get(from..from + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let number = |from: usize, n: usize| {
        b[from..from + n]
            .iter()
            .fold(0u32, |v, d| v * 10 + u32::from(d - b'0'))
    };
    // Hours of one or two digits.
    let h_len = if digits(0, 2) {
        2
    } else if digits(0, 1) {
        1
    } else {
        return false;
    };
    let hour = number(0, h_len);
    let mut i = h_len;
    if b.get(i) != Some(&b':') || !digits(i + 1, 2) || number(i + 1, 2) > 59 {
        return false;
    }
    i += 3;
    if b.get(i) == Some(&b':') {
        if !digits(i + 1, 2) || number(i + 1, 2) > 59 {
            return false;
        }
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) {
            let n = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
            if n == 0 {
                return false;
            }
            i += 1 + n;
        }
    }
    let rest = &text[i..];
    let two = |s: &[u8]| s.len() == 2 && s.iter().all(u8::is_ascii_digit);
    match rest.as_bytes() {
        [] | [b'Z'] => hour <= 23,
        // An offset: the date written stays the date.
        [b'+' | b'-', o @ ..] => {
            let offset = match o.len() {
                2 => two(o),
                4 => two(&o[..2]) && two(&o[2..]),
                5 => two(&o[..2]) && o[2] == b':' && two(&o[3..]),
                _ => false,
            };
            offset && hour <= 23
        }
        _ if iso => false,
        _ => {
            let half = trim(rest);
            (half.eq_ignore_ascii_case("am") || half.eq_ignore_ascii_case("pm"))
                && rest.len() > half.len()
                && (1..=12).contains(&hour)
        }
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

/// Yes or no, as people write it ([`crate::model::YES_NO`]: oui/non, x, ✓/✗, 1/0…); an
/// empty cell is "no".
pub fn boolean(raw: &str) -> Result<bool, Problem> {
    // The template's own spellings, as nearly every cell is written, before the table.
    match raw {
        "oui" => return Ok(true),
        "non" | "" => return Ok(false),
        _ => {}
    }
    crate::model::YES_NO
        .read(trim(raw))
        .ok_or(Problem::InvalidBoolean)
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
    fn short_and_unpadded_dates() {
        let d = |y, m, d| Ok(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(date("01/08/21"), d(2021, 8, 1));
        assert_eq!(date("1/3/2022"), d(2022, 3, 1));
        assert_eq!(date("1/03/22"), d(2022, 3, 1));
        assert_eq!(date("01/08/021"), Err(Problem::InvalidDate));
        assert_eq!(date("13/13/2022"), Err(Problem::InvalidDate));
    }

    #[test]
    fn a_date_with_a_time_of_day_gives_its_date() {
        let oct15 = Ok(NaiveDate::from_ymd_opt(2021, 10, 15).unwrap());
        for text in [
            "15/10/2021 23:59:00",
            "15/10/2021 23:59",
            "15/10/2021 0:05",
            "2021-10-15 23:59",
            "2021-10-15 23:59:00",
            "2021-10-15T13:00:00",
            "2021-10-15T13:00",
            "2021-10-15T13:00:00Z",
            "2021-10-15T13:00:00.000Z",
            "2021-10-15T23:30:00-05:00",
            "2021-10-15T01:30:00+0200",
            "2021-10-15 23:59:00+02:00",
            "2021-10-15 13:00:00,5",
            " 15/10/2021  23:59:00 ",
            "15/10/2021\u{a0}23:59",
            "10/15/2021 11:59:00 PM",
            "15/10/21 12:00 am",
        ] {
            assert_eq!(date(text), oct15, "{text}");
        }
        for bad in [
            "15/10/2021 24:00",
            "15/10/2021 23:60",
            "15/10/2021 23:59:61",
            "15/10/2021 23",
            "15/10/2021 23h59",
            "15/10/2021 midi",
            "15/10/2021 13:00 PM",
            "2021-10-15T13:00 PM",
            "2021-10-15T13:00:00+2",
            "2021-10-15T",
            "31/02/2021 10:00",
            "15/10/2021 23:59:00.",
        ] {
            assert_eq!(date(bad), Err(Problem::InvalidDate), "{bad}");
        }
        // The order of a column is decided on dates with a time too.
        let mut scan = Scan::default();
        scan.date(1, "10/15/2021 23:59:00", 3);
        assert_eq!(scan.finish().date_depot, DateOrder::MonthFirst { row: 3 });
        assert!(matches!(
            date_in("03/01/2022 10:00", DateOrder::MonthFirst { row: 3 }),
            Err(Problem::AmbiguousDate { .. })
        ));
    }

    #[test]
    fn a_month_first_column_refuses_what_reads_both_ways() {
        let month_first = DateOrder::MonthFirst { row: 3 };
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date_in("03/15/2022", month_first), Ok(d(2022, 3, 15)));
        assert_eq!(date_in("04/04/2022", month_first), Ok(d(2022, 4, 4)));
        assert_eq!(date_in("2022-03-01", month_first), Ok(d(2022, 3, 1)));
        assert_eq!(
            date_in("03/01/2022", month_first),
            Err(Problem::AmbiguousDate {
                day_first: d(2022, 1, 3),
                month_first: d(2022, 3, 1),
                row: 3
            })
        );
        assert_eq!(
            date_in("03/01/2022", DateOrder::DayFirst),
            Ok(d(2022, 1, 3))
        );
        let mut scan = Scan::default();
        scan.date(0, "01/03/2022", 2);
        scan.date(0, "03/15/2022", 4);
        scan.date(1, "15/03/2022", 2);
        let c = scan.finish();
        assert_eq!(c.date_entree, DateOrder::MonthFirst { row: 4 });
        assert_eq!(c.date_depot, DateOrder::DayFirst);
        // A column that nothing decides takes the other's month-first order.
        let mut scan = Scan::default();
        scan.date(0, "3/1/2022", 2);
        scan.date(1, "10/13/2021", 5);
        let c = scan.finish();
        assert_eq!(c.date_entree, DateOrder::MonthFirst { row: 5 });
    }

    #[test]
    fn thousands_or_decimals() {
        let ambiguous = Err(Problem::AmbiguousNumber {
            as_decimal: dec("60"),
            as_thousands: dec("60000"),
        });
        assert_eq!(amount("60.000"), ambiguous);
        assert_eq!(amount("60,000 €"), ambiguous);
        assert_eq!(amount_in("60.000", Some(',')), Ok(dec("60000")));
        assert_eq!(amount_in("60,000", Some(',')), Ok(dec("60")));
        assert_eq!(amount_in("60.000", Some('.')), Ok(dec("60")));
        // Not ambiguous: other digit counts, a leading 0, both marks, spaces.
        assert_eq!(amount("37,5"), Ok(dec("37.5")));
        assert_eq!(amount("0,250"), Ok(dec("0.25")));
        assert_eq!(amount("1.234,56"), Ok(dec("1234.56")));
        assert_eq!(amount("60 000"), Ok(dec("60000")));
        for (cell, mark) in [
            ("37,5", Some(',')),
            ("70000,00", Some(',')),
            ("1.234,56", Some(',')),
            ("1,234,567", Some('.')),
            ("60000,000", Some(',')),
            ("60.000", None),
            ("60 000", None),
            ("12 %", None),
        ] {
            assert_eq!(decimal_mark(cell), mark, "{cell}");
        }
    }

    #[test]
    fn every_digit_counts_and_nothing_wraps() {
        let digits = Problem::NumberOutOfRange {
            expected: Expected::Digits,
        };
        let too_many = Err(digits.clone());
        // Issue #20: 29 nines after the point were read 1 000, a rate of 34,999…9 was 35.
        assert_eq!(decimal("999.99999999999999999999999999999"), too_many);
        assert_eq!(percent(&format!("34,{}", "9".repeat(30))), too_many);
        assert_eq!(
            file_active(&format!("999,{}", "9".repeat(29)), None),
            Err(digits)
        );
        // 28 significant digits are read exactly; zeros that say nothing do not count.
        let nines = "9".repeat(25);
        assert_eq!(
            decimal(&format!("999,{nines}")),
            Ok(dec(&format!("999.{nines}")))
        );
        assert_eq!(
            decimal(&format!("000{}.5{}", "1".repeat(26), "0".repeat(30))),
            Ok(dec(&format!("{}.5", "1".repeat(26))))
        );
        assert_eq!(decimal(&format!("0,{}1", "0".repeat(27))), Ok(dec("1e-28")));
        assert_eq!(decimal(&format!("0,{}1", "0".repeat(28))), too_many);
        // Integers of 19 digits from 2⁶³ used to wrap negative (a panic in a debug build).
        assert_eq!(
            decimal("9223372036854775808"),
            Ok(dec("9223372036854775808"))
        );
        assert_eq!(
            decimal("9999999999999999999"),
            Ok(dec("9999999999999999999"))
        );
        // The same message as any count too large, any amount past the bound.
        let count_too_large = Err(Problem::NumberOutOfRange {
            expected: Expected::CountTooLarge,
        });
        assert_eq!(count("9223372036854775808"), count_too_large);
        assert_eq!(count("1 000 000 000 000"), count_too_large);
        assert_eq!(
            amount("9999999999999999999"),
            Ok(dec("9999999999999999999"))
        );
    }

    #[test]
    fn each_number_column_settles_its_own_decimal_mark() {
        // Issue #20: a rate's 46.3 decided the file's mark, and a request of 30.000 (a
        // French 30 000 €) became 30,00 € in silence.
        let mut scan = Scan::default();
        scan.number(NumberColumn::PovertyRate, "46.3");
        scan.number(NumberColumn::PsyAmount, "30.000");
        scan.number(NumberColumn::FileActive, "2 500");
        let c = scan.finish();
        assert_eq!(c.decimal(NumberColumn::PovertyRate), Some('.'));
        assert_eq!(c.decimal(NumberColumn::PsyAmount), None);
        assert_eq!(c.decimal(NumberColumn::FileActive), None);
        assert_eq!(
            amount_in("30.000", c.decimal(NumberColumn::PsyAmount)),
            Err(Problem::AmbiguousNumber {
                as_decimal: dec("30"),
                as_thousands: dec("30000"),
            })
        );
        // The column's own cells settle it.
        scan.number(NumberColumn::PsyAmount, "45000,00");
        let c = scan.finish();
        assert_eq!(c.decimal(NumberColumn::PsyAmount), Some(','));
        assert_eq!(
            amount_in("30.000", c.decimal(NumberColumn::PsyAmount)),
            Ok(dec("30000"))
        );
        // Two marks in one column settle nothing.
        scan.number(NumberColumn::PsyAmount, "45000.50");
        assert_eq!(scan.finish().decimal(NumberColumn::PsyAmount), None);
    }

    #[test]
    fn implausible_values() {
        assert_eq!(file_active("100000", None), Ok(100_000));
        assert!(matches!(
            file_active("4294967295", None),
            Err(Problem::Implausible(Bound::FileActive { .. }))
        ));
        assert!(matches!(
            poverty_rate("0,463", None),
            Err(Problem::Implausible(Bound::RateBelow { .. }))
        ));
        assert_eq!(poverty_rate("1", None), Ok(dec("1")));
    }

    #[test]
    fn booleans() {
        for yes in [
            "oui",
            "OUI",
            "true",
            "1",
            "x",
            "X",
            "Oui ",
            "O",
            "✓",
            "✔",
            "☑",
            "\u{a0}✓\u{a0}",
        ] {
            assert_eq!(boolean(yes), Ok(true), "{yes}");
        }
        for no in ["non", "false", "0", "", "  ", "N", "✗", "Non\u{a0}"] {
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

        /// Any date with any time of day, in every form a sheet or a form writes it, gives
        /// the date, whatever the time, its seconds, fraction or offset.
        #[test]
        fn a_date_time_reads_as_its_date(
            days in 0i64..73_049,
            h in 0u32..24,
            m in 0u32..60,
            sec in proptest::option::of(0u32..60),
            frac in proptest::option::of("[0-9]{1,6}"),
            zone in proptest::option::of(prop_oneof![
                Just("Z".to_owned()),
                (0u32..15, 0u32..60, any::<bool>())
                    .prop_map(|(h, m, plus)| format!("{}{h:02}:{m:02}", if plus { '+' } else { '-' })),
            ]),
            form in 0usize..4,
        ) {
            let day = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
            let mut time = format!("{h:02}:{m:02}");
            if let Some(s) = sec {
                time.push_str(&format!(":{s:02}"));
                if let Some(f) = &frac {
                    time.push('.');
                    time.push_str(f);
                }
            }
            let (y, mo, d) = (
                chrono::Datelike::year(&day),
                chrono::Datelike::month(&day),
                chrono::Datelike::day(&day),
            );
            let text = match form {
                0 => format!("{y:04}-{mo:02}-{d:02}T{time}{}", zone.as_deref().unwrap_or("")),
                1 => format!("{y:04}-{mo:02}-{d:02} {time}"),
                2 => format!("{d:02}/{mo:02}/{y:04} {time}"),
                _ => format!("{d}/{mo}/{y:04} {time}"),
            };
            prop_assert_eq!(date(&text), Ok(day), "{}", text);
        }

        /// A time of day out of range is never read as a date.
        #[test]
        fn an_impossible_time_is_no_date(h in 24u32..100, m in 0u32..100) {
            let text = format!("2021-10-15T{h}:{m:02}");
            prop_assert_eq!(date(&text), Err(Problem::InvalidDate));
            let text = format!("15/10/2021 {h}:{m:02}");
            prop_assert_eq!(date(&text), Err(Problem::InvalidDate));
        }

        #[test]
        fn date_times_never_panic(s in "[0-9/T: .,+Z-]{0,30}(AM|pm)?") {
            let _ = date(&s);
            let _ = date_in(&s, DateOrder::MonthFirst { row: 2 });
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

        /// Any digits, any length: read to the last digit, or refused past 28 significant
        /// digits; never rounded, never wrapped.
        #[test]
        fn numbers_are_exact_or_refused(
            negative in any::<bool>(),
            int in "[0-9]{1,40}",
            frac in proptest::option::of("[0-9]{1,40}"),
            comma in any::<bool>(),
        ) {
            let mark = if comma { ',' } else { '.' };
            let mut text = format!("{}{int}", if negative { "-" } else { "" });
            if let Some(f) = &frac {
                text.push(mark);
                text.push_str(f);
            }
            let int_sig = int.trim_start_matches('0');
            let frac_sig = frac.as_deref().unwrap_or("").trim_end_matches('0');
            let got = decimal(&text);
            if ambiguous(text.trim_start_matches('-')).is_some() {
                // "60.000": a question for the column's mark, not for this test.
                prop_assert_eq!(got.is_ok(), true);
            } else if int_sig.len() + frac_sig.len() > MAX_DIGITS {
                prop_assert_eq!(got, Err(Problem::NumberOutOfRange { expected: Expected::Digits }));
            } else {
                let d = got.expect("at most 28 digits are read");
                let mut expected = if int_sig.is_empty() { "0".to_owned() } else { int_sig.to_owned() };
                if !frac_sig.is_empty() {
                    expected.push('.');
                    expected.push_str(frac_sig);
                }
                if negative && !d.is_zero() {
                    expected.insert(0, '-');
                }
                prop_assert_eq!(d.normalize().to_string(), expected, "{}", text);
            }
        }

        /// Every unsigned 64-bit integer reads as itself (19 and 20 digits included).
        #[test]
        fn large_integers_never_wrap(n in any::<u64>()) {
            prop_assert_eq!(decimal(&n.to_string()), Ok(Decimal::from(n)));
            let counted = count(&n.to_string());
            match u32::try_from(n) {
                Ok(small) => prop_assert_eq!(counted, Ok(small)),
                Err(_) => prop_assert_eq!(
                    counted,
                    Err(Problem::NumberOutOfRange { expected: Expected::CountTooLarge })
                ),
            }
        }

        /// A column's mark comes from its own cells only: whatever the other columns show,
        /// an ambiguous cell of a column that does not settle its mark is E109.
        #[test]
        fn another_columns_mark_never_reads_a_cell(
            others in proptest::collection::vec(("[0-9]{1,4}[.,][0-9]{1,2}", 0usize..2), 0..10),
            int in 1u32..1000,
            frac in 0u32..1000,
            point in any::<bool>(),
        ) {
            let mut scan = Scan::default();
            for (cell, column) in &others {
                let column = [NumberColumn::FileActive, NumberColumn::PovertyRate][*column];
                scan.number(column, cell);
            }
            let cell = format!("{int}{}{frac:03}", if point { '.' } else { ',' });
            scan.number(NumberColumn::PsyAmount, &cell);
            let mark = scan.finish().decimal(NumberColumn::PsyAmount);
            prop_assert_eq!(mark, None);
            let is_ambiguous = matches!(amount_in(&cell, mark), Err(Problem::AmbiguousNumber { .. }));
            prop_assert!(is_ambiguous);
        }

        #[test]
        fn decimal_comma_equals_point(int in 0u32..1_000_000, frac in 0u32..100) {
            let comma = format!("{int},{frac:02}");
            let point = format!("{int}.{frac:02}");
            prop_assert_eq!(decimal(&comma), decimal(&point));
        }
    }
}
