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

/// A FINESS number: 9 characters, Corsica's `2A`/`2B` standing for `21`/`22` in the key.
pub fn finess(text: &str) -> Result<(), Invalid> {
    let bytes = text.as_bytes();
    if bytes.len() != 9 {
        return Err(Invalid::Form);
    }
    let mut digits = [0u8; 9];
    digits.copy_from_slice(bytes);
    match (digits[0], digits[1].to_ascii_uppercase()) {
        (b'2', b'A') => digits[1] = b'1',
        (b'2', b'B') => digits[1] = b'2',
        _ => {}
    }
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(Invalid::Form);
    }
    if luhn(&digits) {
        Ok(())
    } else {
        Err(Invalid::CheckDigit)
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

/// The identifier without the spaces (regular, non-breaking, narrow) used to group digits.
pub fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect()
}

/// The department (or overseas collectivity) a FINESS number belongs to: its first two
/// characters, except overseas where `97 0N` stands for `97N` and `98 05`/`98 06` for Mayotte
/// (976) and Wallis-et-Futuna (986), as the real numbers of `data/finess_vectors.csv` show.
/// `None` when the prefix is not one we can map.
pub fn finess_department(finess: &str) -> Option<String> {
    let head = finess.get(..4)?.to_ascii_uppercase();
    match head.get(..2)? {
        "97" => match head.get(2..)? {
            "01" => Some("971"),
            "02" => Some("972"),
            "03" => Some("973"),
            "04" => Some("974"),
            _ => None,
        }
        .map(str::to_owned),
        "98" => match head.get(2..)? {
            "05" => Some("976"),
            "06" => Some("986"),
            _ => None,
        }
        .map(str::to_owned),
        two => Some(two.to_owned()),
    }
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
            assert_eq!(finess(&number).is_ok(), valid, "{number}");
            if !valid {
                assert_eq!(finess(&number), Err(Invalid::CheckDigit), "{number}");
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
        assert_eq!(finess("93000001"), Err(Invalid::Form), "8 characters");
        assert_eq!(finess("2C0000287"), Err(Invalid::Form));
        assert_eq!(finess("93000001é"), Err(Invalid::Form));
        assert_eq!(siret("1234"), Err(Invalid::Form));
        assert_eq!(siret("2601000450001A"), Err(Invalid::Form));
        assert_eq!(siret("260 100 045 00012"), Ok(()), "grouped digits");
    }

    #[test]
    fn departments() {
        assert_eq!(finess_department("2A0000287").as_deref(), Some("2A"));
        assert_eq!(finess_department("930020920").as_deref(), Some("93"));
        assert_eq!(finess_department("970404158").as_deref(), Some("974"));
        assert_eq!(finess_department("980500920").as_deref(), Some("976"));
        assert_eq!(finess_department("9799"), None);
        assert_eq!(commune_department("2A004"), Some("2A"));
        assert_eq!(commune_department("97411"), Some("974"));
        assert_eq!(commune_department("93066"), Some("93"));
        assert_eq!(commune_department("9306"), None);
    }
}
