//! secpa-core: reads SecPa candidature files, checks them and computes the four dotations
//! of each structure from versioned, sourced rule files, as typed data.
//!
//! It says nothing to anyone: no sentence, no language, no number format. The `secpa`
//! crate holds the words (the catalogue of messages in French and English), the renderers,
//! the command line and the web page; the crate boundary keeps the two apart.

pub mod batch;
pub mod budget;
pub mod candidature;
pub mod check;
pub mod compute;
pub mod diagnostic;
pub mod error;
pub mod explain;
pub mod letter;
pub mod model;
pub mod pipeline;
pub mod reference;
pub mod rules;

pub use error::{Error, RuleProblem};
pub use pipeline::{check_bytes, compute_bytes};
