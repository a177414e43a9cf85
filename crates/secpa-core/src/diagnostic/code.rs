//! The stable codes of the diagnostics, as a type: what a code is is said here, once,
//! never read back from its spelling: its severity on its line of the table
//! (`stable_codes!`, which also declares the codes of `rules lint`), whether it is about the
//! whole file by a match on the code. Its row in `docs/codes.md` is written from the
//! catalogue (a test keeps the two in step).

use serde::Serialize;

/// Declares a family of stable codes, each with its severity on its own line: the enum, its
/// `ALL` (in the order written), `as_str`, `severity`, `Display`, and `FromStr` with the
/// error type named. The diagnostics' `Code` (here) and the codes of `rules lint`
/// (`rules::fault::LintCode`) are both declared by it: a new code is one line.
macro_rules! stable_codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident, unknown $unknown:ident, example $example:literal {
            $($code:ident: $severity:ident),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($code),+
        }

        impl $name {
            /// Every code, by number.
            pub const ALL: &'static [$name] = &[$($name::$code),+];

            #[doc = concat!("The code as written in every output: `\"", $example, "\"`.")]
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$code => stringify!($code)),+
                }
            }

            /// How serious a problem of this code is (for a diagnostic, before `--strict`):
            /// errors fail the run.
            pub fn severity(self) -> $crate::diagnostic::Severity {
                match self {
                    $($name::$code => $crate::diagnostic::Severity::$severity),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// A string that is not one of the codes.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $unknown;

        impl ::std::str::FromStr for $name {
            type Err = $unknown;

            #[doc = concat!("`\"", $example, "\"` → the code; the exact spelling, upper case.")]
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|c| c.as_str() == s)
                    .ok_or($unknown)
            }
        }
    };
}
pub(crate) use stable_codes;

stable_codes! {
    /// A diagnostic code. It never changes meaning: a new check gets a new code.
    pub enum Code, unknown UnknownCode, example "E201" {
        // The file and its format.
        E001: Error,
        E002: Error,
        E003: Error,
        E004: Error,
        E005: Error,
        W006: Warning,
        E007: Error,
        E008: Error,
        E009: Error,
        E010: Error,
        E011: Error,
        E012: Error,
        E013: Error,
        E014: Error,
        E015: Error,
        E016: Error,
        E017: Error,
        W018: Warning,
        // Workbooks, and the sheet as the person sees it.
        E020: Error,
        E021: Error,
        E022: Error,
        E023: Error,
        W024: Warning,
        W025: Warning,
        W026: Warning,
        I027: Info,
        E028: Error,
        I029: Info,
        // Rows that are not structures: a total row, said or not.
        W030: Warning,
        E031: Error,
        // What the run itself meets: a text too long for a workbook cell, a file changed
        // between two reading passes.
        W032: Warning,
        E033: Error,
        // Columns the sheet hides.
        W035: Warning,
        // Headers mapped by hand (`--column`).
        E050: Error,
        // Cell values.
        E101: Error,
        E102: Error,
        E103: Error,
        E104: Error,
        E105: Error,
        E106: Error,
        E107: Error,
        E108: Error,
        E109: Error,
        E110: Error,
        // Eligibility under the rule version.
        E201: Error,
        W202: Warning,
        W203: Warning,
        E204: Error,
        E205: Error,
        E206: Error,
        W207: Warning,
        W208: Warning,
        E209: Error,
        W210: Warning,
        E211: Error,
        E212: Error,
        E213: Error,
        E214: Error,
        E215: Error,
        W216: Warning,
        W217: Warning,
        I218: Info,
        E219: Error,
        E220: Error,
        W221: Warning,
        I222: Info,
        E223: Error,
        W224: Warning,
        E225: Error,
        E226: Error,
        I227: Info,
        I228: Info,
        // Identifiers.
        E301: Error,
        E302: Error,
        E303: Error,
        E304: Error,
        W305: Warning,
    }
}

impl Code {
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

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

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
