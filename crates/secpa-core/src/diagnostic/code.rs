//! The stable codes of the diagnostics, as a type: what a code is (its severity, whether it
//! is about the whole file) is said here, once, by a match on the code, never read back from
//! its spelling. Each code has a row in `docs/codes.md` (a test keeps the two in step).

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::Severity;

macro_rules! codes {
    ($($code:ident),+ $(,)?) => {
        /// A diagnostic code. It never changes meaning: a new check gets a new code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($code),+
        }

        impl Code {
            /// Every code, by number.
            pub const ALL: &'static [Code] = &[$(Code::$code),+];

            /// The code as written in every output: `"E201"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code)),+
                }
            }
        }
    };
}

codes! {
    // The file and its format.
    E001, E002, E003, E004, E005, W006, E007, E008, E009, E010, E011, E012, E013, E014, E015,
    E016, E017, W018,
    // Workbooks, and the sheet as the person sees it.
    E020, E021, E022, E023, W024, W025, W026, I027, E028, I029,
    // Rows that are not structures: a total row, said or not.
    W030, E031,
    // What the run itself meets: a text too long for a workbook cell, a file changed
    // between two reading passes.
    W032, E033,
    // Columns the sheet hides.
    W035,
    // Headers mapped by hand (`--column`).
    E050,
    // Cell values.
    E101, E102, E103, E104, E105, E106, E107, E108, E109, E110,
    // Eligibility under the rule version.
    E201, W202, W203, E204, E205, E206, W207, W208, E209, W210, E211, E212, E213, E214, E215,
    W216, W217, I218, E219, E220, W221, I222, E223, W224, E225, E226, I227, I228,
    // Identifiers.
    E301, E302, E303, E304, W305,
}

impl Code {
    /// How serious a problem of this code is before `--strict`: errors fail the run.
    pub fn severity(self) -> Severity {
        use Code::*;
        match self {
            W006 | W018 | W024 | W025 | W026 | W035 | W221 | W224 | W202 | W203 | W207 | W208
            | W210 | W216 | W217 | W305 => Severity::Warning,
            I027 | I029 | I218 | I222 | I227 | I228 => Severity::Info,
            E001 | E002 | E003 | E004 | E005 | E007 | E008 | E009 | E010 | E011 | E012 | E013
            | E014 | E015 | E016 | E017 | E050 | E020 | E021 | E022 | E023 | E028 | E101 | E102
            | E103 | E104 | E105 | E106 | E107 | E108 | E109 | E110 | E201 | E204 | E205 | E206
            | E209 | E211 | E212 | E213 | E214 | E215 | E219 | E220 | E223 | E225 | E226 | E301
            | E302 | E303 | E304 => Severity::Error,
            // A total row, said (skipped) or not (refused).
            W030 => Severity::Warning,
            E031 => Severity::Error,
            W032 => Severity::Warning,
            E033 => Severity::Error,
        }
    }

    /// Whether a problem of this code is about the whole file rather than one structure:
    /// its encoding, its emptiness, its header, the file or workbook itself. Such a
    /// diagnostic may have no row (or the header's); every other one names its row.
    pub fn file_level(self) -> bool {
        use Code::*;
        match self {
            // Unreadable encoding, empty file, header and no structure.
            E001 | E002 | E003 => true,
            // A missing or duplicated column: the header, not a row.
            E005 | E007 => true,
            // Read error: nothing after it can be trusted (and from memory, no row to name).
            E008 => true,
            // The path itself cannot be read.
            E015 => true,
            // A header taken for a missing column.
            E016 => true,
            // A header mapped by hand that the header row does not hold.
            E050 => true,
            // The workbook as a whole: unreadable, no such sheet, too large; a sheet asked
            // of a CSV file.
            W018 | E020 | E021 | E022 => true,
            // What the sheet holds besides its rows: formulas, hidden rows, which sheet,
            // where the header is.
            W024 | W025 | W035 | I027 | E028 | I029 => true,
            // An optional column of eligibility conditions the file lacks: said once.
            I227 => true,
            E004 | W006 | E009 | E010 | E011 | E012 | E013 | E014 | E017 | E023 | W026 | E101
            | E102 | E103 | E104 | E105 | E106 | E107 | E108 | E109 | E110 | E201 | W202 | W203
            | E204 | E205 | E206 | W207 | W208 | E209 | W210 | E211 | E212 | E213 | E214 | E215
            | W216 | W217 | I218 | E219 | E220 | W221 | I222 | E223 | W224 | E225 | E226 | I228
            | E301 | E302 | E303 | E304 | W305 => false,
            // A total row: one row, never the file.
            W030 | E031 => false,
            // A text of one row, cut in the workbook.
            W032 => false,
            // The file changed while it was read: nothing of it is trusted.
            E033 => true,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A string that is not one of the codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode;

impl FromStr for Code {
    type Err = UnknownCode;

    /// `"E201"` → `Code::E201`; the exact spelling, upper case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or(UnknownCode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_read_back() {
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(c.as_str().parse::<Code>(), Ok(*c));
            assert!(!Code::ALL[..i].contains(c), "{c} twice");
        }
        assert_eq!("E999".parse::<Code>(), Err(UnknownCode));
        assert_eq!("e201".parse::<Code>(), Err(UnknownCode));
    }

    /// The letter is a convention for people reading the code; the type decides, and the
    /// two must agree.
    #[test]
    fn the_letter_agrees_with_the_severity() {
        for c in Code::ALL {
            let letter = match c.severity() {
                Severity::Error => 'E',
                Severity::Warning => 'W',
                Severity::Info => 'I',
            };
            assert!(c.as_str().starts_with(letter), "{c}: {:?}", c.severity());
        }
    }

    #[test]
    fn json_writes_the_code_as_its_string() {
        assert_eq!(serde_json::to_string(&Code::E201).unwrap(), "\"E201\"");
    }
}
