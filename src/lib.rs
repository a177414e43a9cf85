//! secpa: checks SecPa candidature files and computes the four dotations of each structure
//! from versioned, sourced rule files.
//!
//! Data flows one way: rules + input → typed records → pure computation (`secpa-core`) →
//! words and reports (this crate: the catalogue of messages, renderers, command line, page).

// The core, without words (crates/secpa-core), under the paths the rest of this crate uses.
pub use secpa_core::{
    batch, budget, candidature, check, compute, error, explain, model, pipeline, reference, rules,
};
pub use secpa_core::{check_bytes, compute_bytes, RuleProblem};

// First: its `say!` macro is used by the modules after it.
#[macro_use]
pub mod say;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
mod cmd;
pub mod diagnostic;
mod failure;
pub use failure::Error;
#[cfg(feature = "cli")]
pub mod output;
pub mod report;
pub mod template;
pub mod terminal;
pub mod titles;
pub mod web;

/// Language of the messages: French, or English with `--lang en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

/// How a run ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything went through (warnings allowed).
    Success = 0,
    /// The input has errors.
    Problems = 1,
    /// A file cannot be used at all (unreadable, empty, a required column missing):
    /// nothing was written to `--output`.
    Unusable = 2,
}

/// Runs one command.
#[cfg(feature = "cli")]
pub fn run(cli: cli::Cli) -> Result<Outcome, Error> {
    let lang = Lang::from(cli.lang);
    match cli.command {
        cli::Command::Compute(args) => cmd::compute::run(&args, lang),
        cli::Command::Check(args) => cmd::check::run(&args, lang),
        cli::Command::Rules(command) => cmd::rules::run(&command, lang),
        cli::Command::Explain(args) => cmd::explain::run(&args, lang),
        cli::Command::Diff(args) => cmd::diff::run(&args, lang),
        cli::Command::Test(args) => cmd::test::run(&args, lang),
        cli::Command::Budget(args) => cmd::budget::run(&args, lang),
        cli::Command::Template(args) => cmd::template::run(&args, lang),
        cli::Command::Code { code } => cmd::code::run(code.as_deref(), lang),
        cli::Command::Columns(args) => cmd::columns::run(&args, lang),
        cli::Command::Completions { shell } => cmd::completions::run(shell, lang),
        cli::Command::Man { command } => cmd::man::run(&command, lang),
    }
}

/// Today, or `SECPA_TODAY` (AAAA-MM-JJ) so that runs and tests can be reproduced. Only
/// with the clock (`cli`): the page gives today's date itself.
#[cfg(feature = "cli")]
pub fn today() -> Result<chrono::NaiveDate, Error> {
    match std::env::var("SECPA_TODAY") {
        Ok(text) => text
            .parse()
            .map_err(|_| Error::Core(secpa_core::Error::Today { text })),
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
}
