//! The words of the rule-file and error side: what the core hands over as data (`Error`,
//! `rules::fault::Fault`, `rules::lint::Lint`, `rules::lint::LintCode`) said in French and
//! in English. The data is the core's (`secpa-core`), which has no words: the crate boundary
//! keeps it so. The candidature diagnostics' words are in `diagnostic::catalogue`; the two
//! meet in [`codes`], which writes `docs/codes.md` from both.

/// The French or the English text; only the one asked for is built. The one definition,
/// for the whole crate (`#[macro_use]` on this module, declared first in lib.rs).
macro_rules! say {
    ($lang:expr, $fr:expr, $en:expr $(,)?) => {
        match $lang {
            $crate::Lang::Fr => $fr,
            $crate::Lang::En => $en,
        }
    };
}

pub mod codes;
pub mod error;
pub mod reason;
pub mod rules;
