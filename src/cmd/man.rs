//! `secpa man [COMMAND…]`: the manual page in roff, for `man`, of secpa or of any of its
//! commands (`secpa man rules lint`), generated from the command-line definition in the
//! language asked for (no date in it, so the page is reproducible). clap_mangen writes the
//! description and the options; the examples, exit status and related pages come from
//! `cli::text`, as in `--help`. Section names are the usual English ones in both languages.

use clap_mangen::roff::{roman, Roff};

use crate::output::write_stdout;
use crate::{Error, Lang, Outcome};
use secpa_core::Error as CoreError;

/// The page of `path` (words: `["rules", "lint"]`) in roff.
pub fn page(path: &[String], lang: Lang) -> Result<Vec<u8>, Error> {
    let mut root = crate::cli::command_in(lang);
    // Built, so that subcommands carry their display name (secpa-rules-lint) and the
    // global options.
    root.build();
    let mut cmd = &root;
    for (depth, name) in path.iter().enumerate() {
        let Some(sub) = cmd.find_subcommand(name) else {
            let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
            let at = path[..depth].join(" ");
            let at = format!("secpa {at}");
            let at = at.trim_end();
            return Err(if names.is_empty() {
                Error::Said {
                    fr: format!("« {at} » n'a pas de sous-commande : pas de page pour « {name} »"),
                    en: format!("'{at}' has no subcommand: no page for '{name}'"),
                }
            } else {
                let names = names.join(", ");
                Error::Said {
                    fr: format!(
                        "pas de sous-commande « {name} » dans « {at} » ; au choix : {names}"
                    ),
                    en: format!("no subcommand '{name}' in '{at}'; choose one of: {names}"),
                }
            });
        };
        cmd = sub;
    }
    let key = path.join(" ");
    // The usual English section names in every language, as clap_mangen writes its own:
    // mandb, whatis and apropos look for NAME, and the reader of any man page for the others.
    let (examples, exit_status, see_also) = ("EXAMPLES", "EXIT STATUS", "SEE ALSO");
    let pick = |(fr, en): crate::cli::text::Both| if lang == Lang::Fr { fr } else { en };
    // The examples go in a section of their own, not in clap_mangen's EXTRA.
    let bare = cmd.clone().after_help(None).after_long_help(None);
    let man = clap_mangen::Man::new(bare).source(format!("secpa {}", env!("CARGO_PKG_VERSION")));
    let mut roff = Vec::new();
    man.render(&mut roff).map_err(|source| CoreError::Write {
        path: "<man>".into(),
        source,
    })?;
    let mut extra = Roff::new();
    extra.control("SH", [examples]);
    for (line, what) in crate::cli::text::examples(&key) {
        extra.control("TP", []);
        extra.text([roman(*line)]);
        extra.text([roman(pick(*what))]);
    }
    extra.control("SH", [exit_status]);
    for (code, what) in crate::cli::text::exit_status(&key) {
        extra.control("TP", []);
        extra.text([roman(code.to_string())]);
        extra.text([roman(pick(*what))]);
    }
    // The pages around this one, each of which `secpa man` writes.
    let mut related = Vec::new();
    if !path.is_empty() {
        related.push("secpa(1)".to_owned());
    }
    if path.len() > 1 {
        related.push(format!("secpa-{}(1)", path[..path.len() - 1].join("-")));
    }
    let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name());
    related.extend(
        cmd.get_subcommands()
            .map(|s| format!("{name}-{}(1)", s.get_name())),
    );
    if !related.is_empty() {
        extra.control("SH", [see_also]);
        extra.text([roman(related.join(", "))]);
    }
    // Before VERSION, the last section clap_mangen writes.
    let extra = extra.render();
    let extra = extra.find(".SH").map_or(extra.as_str(), |at| &extra[at..]);
    let mut text = String::from_utf8_lossy(&roff).into_owned();
    match text.find(".SH VERSION") {
        Some(at) => text.insert_str(at, extra),
        None => text.push_str(extra),
    }
    // clap_mangen names the section after the help's heading ("Commandes").
    let heading = format!(
        ".SH {}\n",
        cmd.get_subcommand_help_heading().unwrap_or_default()
    );
    Ok(text.replace(&heading, ".SH SUBCOMMANDS\n").into_bytes())
}

pub fn run(path: &[String], lang: Lang) -> Result<Outcome, Error> {
    write_stdout(&page(path, lang)?)?;
    Ok(Outcome::Success)
}
