//! The rule model of the core (`secpa_core::rules`), and what `rules lint` and `diff` say
//! of rule files.

pub use secpa_core::rules::*;

pub mod lint;
pub mod new;
