//! Spreadsheet column letters, as every spreadsheet shows them above its columns (A…Z,
//! AA…AZ, BA…, ZZ, AAA…), for a workbook and for a CSV file alike: the letter she sees when
//! she opens the file. One place, so that a diagnostic, `secpa columns`, `explain` and a
//! workbook's cell references all name a column the same way.

/// The letters of a 0-based column position: 0 → A, 25 → Z, 26 → AA.
pub fn letter(position: usize) -> String {
    // Bijective base 26: there is no zero digit, "A" is 1 and "Z" 26.
    let mut n = position as u128 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// The 0-based position of column letters ("A" → 0, "AA" → 26), upper case only; `None` for
/// anything else or a position past `usize`.
pub fn position(letters: &str) -> Option<usize> {
    if letters.is_empty() {
        return None;
    }
    let n = letters.bytes().try_fold(0usize, |n, b| {
        if !b.is_ascii_uppercase() {
            return None;
        }
        n.checked_mul(26)?.checked_add(usize::from(b - b'A') + 1)
    })?;
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn letters_as_a_spreadsheet_shows_them() {
        for (position, letters) in [
            (0, "A"),
            (7, "H"),
            (25, "Z"),
            (26, "AA"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
            // The last column of Excel and LibreOffice.
            (16_383, "XFD"),
        ] {
            assert_eq!(letter(position), letters, "{position}");
            assert_eq!(super::position(letters), Some(position), "{letters}");
        }
    }

    #[test]
    fn what_is_no_column_letter() {
        for text in ["", "a", "A1", "É", " A", "-"] {
            assert_eq!(position(text), None, "{text:?}");
        }
        // Past usize: refused, never wrapped.
        assert_eq!(position(&"Z".repeat(40)), None);
    }

    proptest! {
        #[test]
        fn letters_and_positions_round_trip(position in 0usize..10_000_000) {
            let letters = letter(position);
            prop_assert!(letters.bytes().all(|b| b.is_ascii_uppercase()));
            prop_assert_eq!(super::position(&letters), Some(position));
        }

        #[test]
        fn positions_and_letters_round_trip(letters in "[A-Z]{1,5}") {
            let p = position(&letters).expect("upper-case letters are a column");
            prop_assert_eq!(letter(p), letters);
        }
    }
}
