//! Check digits of the identifiers a candidature carries: FINESS (Luhn after 2A→21, 2B→22)
//! and SIREN/SIRET (Luhn, with La Poste's exception). The algorithms and the real test
//! vectors they are checked against are in `data/README.md` and `data/*_vectors.csv`.

/// Why an identifier is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// Wrong length or characters: it cannot be a number of this kind at all.
    Form,
    /// The right form, but the check digit does not match: a typing error.
    CheckDigit,
}

/// The La Poste group's SIREN: its establishments were numbered before the Luhn key was
/// enforced, so INSEE validates them with a digit sum instead (data/README.md, siret).
const LA_POSTE_SIREN: &str = "356000000";
/// La Poste's head office, the one La Poste SIRET that passes Luhn.
const LA_POSTE_HEAD_OFFICE: &str = "35600000000048";

/// Standard Luhn check over ASCII digits: from the right, every second digit doubled
/// (minus 9 above 9), total ≡ 0 mod 10.
pub fn luhn(digits: &[u8]) -> bool {
    let mut total = 0u32;
    for (i, b) in digits.iter().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        total += d;
    }
    total % 10 == 0
}

/// A FINESS number as a cell gives it, read once for everything it is used for: whether
/// it is valid (E301, E302), its key among the batch's numbers (repeats, E009) and its
/// department (E305, the poverty-rate list). The spaces people type between groups are
/// ignored and Corsica's `2a`/`2b` read as `2A`/`2B`, so that a number is the same
/// wherever it is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Finess {
    /// The 9 characters: digits, but the second may be `A` or `B` after a `2` (Corsica).
    text: [u8; 9],
}

impl Finess {
    /// The number in `text`, or [`Invalid::Form`] when it cannot be one (wrong length or
    /// characters); its check digit is not looked at ([`Finess::check`]).
    pub fn read(text: &str) -> Result<Finess, Invalid> {
        let mut out = [0u8; 9];
        let mut n = 0;
        for c in text.chars() {
            if matches!(c, ' ' | '\u{a0}' | '\u{202f}') {
                continue;
            }
            let byte = u8::try_from(c).map_err(|_| Invalid::Form)?;
            *out.get_mut(n).ok_or(Invalid::Form)? = byte.to_ascii_uppercase();
            n += 1;
        }
        if n != 9 {
            return Err(Invalid::Form);
        }
        let corsica = out[0] == b'2' && matches!(out[1], b'A' | b'B');
        let digits = out
            .iter()
            .enumerate()
            .all(|(i, b)| b.is_ascii_digit() || (i == 1 && corsica));
        if digits {
            Ok(Finess { text: out })
        } else {
            Err(Invalid::Form)
        }
    }

    /// Whether the check digit matches (Luhn, `2A` and `2B` counting as `21` and `22`).
    pub fn check(self) -> Result<(), Invalid> {
        let mut digits = self.text;
        match digits[1] {
            b'A' => digits[1] = b'1',
            b'B' => digits[1] = b'2',
            _ => {}
        }
        if luhn(&digits) {
            Ok(())
        } else {
            Err(Invalid::CheckDigit)
        }
    }

    /// A number per FINESS: mixed radix 10·12·10⁷ (the second character 0–9, `A` or `B`),
    /// so below 1.2·10⁹ and a 32-bit key for the batch's table of repeats.
    pub fn key(self) -> u32 {
        let digit = |c: u8| u32::from(c.wrapping_sub(b'0'));
        let second = match self.text[1] {
            b'A' => 10,
            b'B' => 11,
            c => digit(c),
        };
        let mut key = digit(self.text[0]) * 12 + second;
        for &c in &self.text[2..] {
            key = key * 10 + digit(c);
        }
        key
    }

    /// The department (or overseas collectivity) the number belongs to: its first two
    /// characters, except overseas where `97 0N` stands for `97N` and `98 05`/`98 06` for
    /// Mayotte (976) and Wallis-et-Futuna (986), as the real numbers of
    /// `data/finess_vectors.csv` show. `None` when the prefix is not one we can map.
    pub fn department(self) -> Option<String> {
        let t = &self.text;
        let overseas = match (t[0], t[1], t[2], t[3]) {
            (b'9', b'7', b'0', b'1') => "971",
            (b'9', b'7', b'0', b'2') => "972",
            (b'9', b'7', b'0', b'3') => "973",
            (b'9', b'7', b'0', b'4') => "974",
            (b'9', b'7', ..) => return None,
            (b'9', b'8', b'0', b'5') => "976",
            (b'9', b'8', b'0', b'6') => "986",
            (b'9', b'8', ..) => return None,
            // Two ASCII characters, digits or Corsica's `2A`/`2B`.
            _ => return std::str::from_utf8(&t[..2]).ok().map(str::to_owned),
        };
        Some(overseas.to_owned())
    }
}

/// A SIREN (9 digits) or SIRET (14 digits). Spaces people type between groups are ignored.
pub fn siret(text: &str) -> Result<(), Invalid> {
    let compact = compact(text);
    let digits = compact.as_bytes();
    if !(digits.len() == 9 || digits.len() == 14) || !digits.iter().all(u8::is_ascii_digit) {
        return Err(Invalid::Form);
    }
    let valid = if digits.len() == 14
        && compact.starts_with(LA_POSTE_SIREN)
        && compact != LA_POSTE_HEAD_OFFICE
    {
        digits.iter().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0
    } else {
        luhn(digits)
    };
    if valid {
        Ok(())
    } else {
        Err(Invalid::CheckDigit)
    }
}

/// The identifier without the spaces (regular, non-breaking, narrow) used to group digits;
/// borrowed when it has none (nearly every cell: no allocation per row).
pub fn compact(text: &str) -> std::borrow::Cow<'_, str> {
    let spaced = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}');
    if !text.contains(spaced) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().filter(|c| !spaced(*c)).collect())
}

/// The department of an INSEE commune code: `2A`/`2B` in Corsica, three digits overseas
/// (971…976, 975…989), two elsewhere.
pub fn commune_department(code: &str) -> Option<&str> {
    if code.len() != 5 || !code.is_ascii() {
        return None;
    }
    if code.starts_with("97") || code.starts_with("98") {
        code.get(..3)
    } else {
        code.get(..2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of a vectors file as (identifier, valid).
    fn vectors(text: &str, valid_column: usize) -> Vec<(String, bool)> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        reader
            .records()
            .map(|r| {
                let r = r.expect("vectors file is valid CSV");
                (r[0].to_owned(), &r[valid_column] == "true")
            })
            .collect()
    }

    #[test]
    fn finess_on_all_real_vectors() {
        let rows = vectors(include_str!("../../../../data/finess_vectors.csv"), 1);
        assert_eq!(rows.len(), 36);
        for (number, valid) in rows {
            assert_eq!(
                Finess::read(&number).and_then(Finess::check).is_ok(),
                valid,
                "{number}"
            );
            if !valid {
                assert_eq!(
                    Finess::read(&number).and_then(Finess::check),
                    Err(Invalid::CheckDigit),
                    "{number}"
                );
            }
        }
    }

    #[test]
    fn siret_and_siren_on_all_vectors_including_la_poste() {
        let rows = vectors(include_str!("../../../../data/siret_vectors.csv"), 2);
        assert_eq!(rows.len(), 22);
        for (number, valid) in rows {
            assert_eq!(siret(&number).is_ok(), valid, "{number}");
        }
    }

    #[test]
    fn forms_that_cannot_be_identifiers() {
        assert_eq!(Finess::read("93000001"), Err(Invalid::Form), "8 characters");
        assert_eq!(Finess::read("2C0000287"), Err(Invalid::Form));
        assert_eq!(Finess::read("93000001é"), Err(Invalid::Form));
        assert_eq!(siret("1234"), Err(Invalid::Form));
        assert_eq!(siret("2601000450001A"), Err(Invalid::Form));
        assert_eq!(siret("260 100 045 00012"), Ok(()), "grouped digits");
    }

    #[test]
    fn a_finess_reads_the_same_spaced_in_lower_case_or_not() {
        let plain = Finess::read("2A0000287").unwrap();
        for text in ["2a0000287", "2A 000 0287", "2a\u{a0}000\u{202f}0287"] {
            assert_eq!(Finess::read(text), Ok(plain), "{text}");
        }
        assert_eq!(
            Finess::read("3A0000287"),
            Err(Invalid::Form),
            "A or B after a 2 only"
        );
        assert_eq!(Finess::read("A30000000"), Err(Invalid::Form));
        assert_eq!(
            Finess::read("9300000111"),
            Err(Invalid::Form),
            "10 characters"
        );
    }

    #[test]
    fn corsica_has_keys_of_its_own() {
        let key = |t| Finess::read(t).unwrap().key();
        assert_ne!(key("210000000"), key("2A0000000"));
        assert_ne!(key("220000000"), key("2B0000000"));
        assert_ne!(key("2A0000000"), key("2B0000000"));
    }

    proptest::proptest! {
        /// One key per number: two numbers of 9 characters that differ never share a key.
        #[test]
        fn keys_never_collide(a in "[0-9][0-9AB][0-9]{7}", b in "[0-9][0-9AB][0-9]{7}") {
            let (fa, fb) = (Finess::read(&a), Finess::read(&b));
            if let (Ok(fa), Ok(fb)) = (fa, fb) {
                proptest::prop_assert_eq!(fa.key() == fb.key(), a == b);
            }
        }

        /// Spaces anywhere between the characters change nothing.
        #[test]
        fn spaces_change_nothing(digits in "[0-9]{9}", at in 0usize..9) {
            let spaced = format!("{} {}", &digits[..at], &digits[at..]);
            proptest::prop_assert_eq!(Finess::read(&spaced), Finess::read(&digits));
        }
    }

    #[test]
    fn departments() {
        assert_eq!(
            Finess::read("2A0000287")
                .ok()
                .and_then(Finess::department)
                .as_deref(),
            Some("2A")
        );
        assert_eq!(
            Finess::read("930020920")
                .ok()
                .and_then(Finess::department)
                .as_deref(),
            Some("93")
        );
        assert_eq!(
            Finess::read("970404158")
                .ok()
                .and_then(Finess::department)
                .as_deref(),
            Some("974")
        );
        assert_eq!(
            Finess::read("980500920")
                .ok()
                .and_then(Finess::department)
                .as_deref(),
            Some("976")
        );
        assert_eq!(Finess::read("9799"), Err(Invalid::Form));
        assert_eq!(
            Finess::read("979912345").ok().and_then(Finess::department),
            None
        );
        assert_eq!(commune_department("2A004"), Some("2A"));
        assert_eq!(commune_department("97411"), Some("974"));
        assert_eq!(commune_department("93066"), Some("93"));
        assert_eq!(commune_department("9306"), None);
    }
}
