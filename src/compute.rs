//! The computation of the core (`secpa_core::compute`), and the trace `explain` shows.

pub use secpa_core::compute::*;

pub mod trace;
