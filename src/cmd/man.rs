//! `secpa man [COMMAND]`: the manual page in roff, for `man`, generated from the
//! command-line definition (no date in it, so the page is reproducible).

use crate::output::write_stdout;
use crate::{Error, Outcome};

pub fn run(command: Option<&str>) -> Result<Outcome, Error> {
    let mut root = crate::cli::command();
    // Built, so that subcommands carry the version and the global options.
    root.build();
    let page = match command {
        None => root,
        Some(name) => {
            let Some(sub) = root.find_subcommand(name) else {
                let names: Vec<&str> = root
                    .get_subcommands()
                    .map(|c| c.get_name())
                    .filter(|n| *n != "help")
                    .collect();
                return Err(Error::Usage(format!(
                    "pas de sous-commande « {name} » ; au choix : {}",
                    names.join(", ")
                )));
            };
            // Once built, clap names it `secpa-compute`: the page is secpa-compute(1), as git
            // and cargo name their subcommand pages.
            sub.clone()
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut roff)
        .map_err(|source| Error::Write {
            path: "<man>".into(),
            source,
        })?;
    write_stdout(&roff)?;
    Ok(Outcome::Success)
}
