//! `secpa completions SHELL`: the shell completion script, generated from the same
//! command-line definition that parses the arguments, so it never lags behind.

use crate::output::write_stdout;
use crate::{Error, Lang, Outcome};

pub fn run(shell: clap_complete::Shell, lang: Lang) -> Result<Outcome, Error> {
    // The shells that show descriptions (zsh, fish) show them in the language asked for.
    let mut cmd = crate::cli::command_in(lang);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "secpa", &mut script);
    write_stdout(&script)?;
    Ok(Outcome::Success)
}
