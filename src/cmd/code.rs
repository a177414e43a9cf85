//! `secpa code [CODE]`: what a diagnostic code reports, what to do and an example (like
//! `rustc --explain`), from the catalogue that also gives the table of `docs/codes.md`;
//! without a code, every code and its title.

use crate::diagnostic::prelude::*;
use crate::diagnostic::Code;
use crate::{Error, Lang, Outcome};

pub fn run(code: Option<&str>, lang: Lang) -> Result<Outcome, Error> {
    let text = match code {
        None => Code::ALL
            .iter()
            .map(|c| format!("{c}  {}\n", c.title(lang)))
            .collect::<String>(),
        Some(given) => {
            let wanted = given.trim().to_ascii_uppercase();
            let code = wanted.parse::<Code>().map_err(|_| Error::Said {
                fr: format!("code inconnu : {given} (la liste : secpa code)"),
                en: format!("unknown code: {given} (the list: secpa code)"),
            })?;
            code.explanation(lang)
        }
    };
    crate::output::write_stdout(text.as_bytes())?;
    Ok(Outcome::Success)
}
