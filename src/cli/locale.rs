//! clap's command in the reader's language. clap writes its headings ("Usage", "Options",
//! "[possible values: …]") and its help flag in English whatever the help texts are: here
//! every command gets a help template with our headings, help and version flags of ours,
//! the possible and default values written into the help text, and the examples and exit
//! status of `cli::text`; in English, the help texts of `cli::text::ENGLISH`.

use clap::{Arg, ArgAction, Command};

use super::text::{self, ENGLISH, VALUE_NAMES};
use crate::Lang;

/// The words clap would write in English.
struct Words {
    usage: &'static str,
    commands: &'static str,
    /// The heading above the commands in a help, with the language's colon.
    commands_heading: &'static str,
    command: &'static str,
    arguments: &'static str,
    options: &'static str,
    values: &'static str,
    /// A colon as the language writes it: " : " in French, ": " in English.
    colon: &'static str,
    default: &'static str,
    help: &'static str,
    version: &'static str,
    examples: &'static str,
    exit_status: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Fr => Words {
            usage: "Utilisation :",
            commands: "Commandes",
            commands_heading: "Commandes :",
            command: "COMMANDE",
            arguments: "Arguments :",
            options: "Options :",
            values: "valeurs",
            colon: " : ",
            default: "par défaut",
            help: "Affiche l'aide (--help : l'aide complète, avec les codes de sortie)",
            version: "Affiche la version et les versions des règles intégrées",
            examples: "Exemples :",
            exit_status: "Codes de sortie :",
        },
        Lang::En => Words {
            usage: "Usage:",
            commands: "Commands",
            commands_heading: "Commands:",
            command: "COMMAND",
            arguments: "Arguments:",
            options: "Options:",
            values: "possible values",
            colon: ": ",
            default: "default",
            help: "Prints help (--help: the full help, with the exit codes)",
            version: "Prints the version and the embedded rule versions",
            examples: "Examples:",
            exit_status: "Exit status:",
        },
    }
}

/// The English help of a command (`id` empty) or argument, from [`ENGLISH`].
pub fn english(path: &str, id: &str) -> Option<&'static str> {
    ENGLISH
        .iter()
        .find(|(p, i, _)| *p == path && *i == id)
        // clap drops the final period of a one-line doc comment: the French help has none.
        .map(|(_, _, text)| text.strip_suffix('.').unwrap_or(text))
}

/// `cmd` and its subcommands in `lang`.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    localize_at(cmd, "", lang)
}

fn localize_at(mut cmd: Command, path: &str, lang: Lang) -> Command {
    let w = words(lang);
    if lang == Lang::En {
        if let Some(about) = english(path, "") {
            cmd = cmd.about(about).long_about(None);
        }
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |a| localize_arg(a, path, lang));
    }
    let has_positionals = cmd.get_positionals().any(|a| !a.is_hide_set());
    let has_subcommands = cmd.has_subcommands();
    let mut template = format!("{{about-with-newline}}\n{} {{usage}}", w.usage);
    if has_subcommands {
        template.push_str(&format!("\n\n{}\n{{subcommands}}", w.commands_heading));
    }
    if has_positionals {
        template.push_str(&format!("\n\n{}\n{{positionals}}", w.arguments));
    }
    template.push_str(&format!("\n\n{}\n{{options}}{{after-help}}", w.options));
    cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(w.help),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(w.version),
        )
        .version(super::version_in(lang))
        .subcommand_help_heading(w.commands)
        .subcommand_value_name(w.command)
        .help_template(template)
        .after_help(after_help(path, lang, false))
        .after_long_help(after_help(path, lang, true));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name, |c| localize_at(c, &sub, lang));
    }
    cmd
}

/// The examples and, in the long help, the exit status of a command.
pub fn after_help(path: &str, lang: Lang, long: bool) -> String {
    let w = words(lang);
    let pick = |(fr, en): text::Both| if lang == Lang::Fr { fr } else { en };
    let mut out = w.examples.to_owned();
    for (line, what) in text::examples(path) {
        out.push_str(&format!("\n  {line}\n      {}", pick(*what)));
    }
    if long {
        out.push_str(&format!("\n\n{}", w.exit_status));
        for (code, what) in text::exit_status(path) {
            out.push_str(&format!("\n  {code}  {}", pick(*what)));
        }
    }
    out
}

fn localize_arg(mut a: Arg, path: &str, lang: Lang) -> Arg {
    let w = words(lang);
    let id = a.get_id().to_string();
    // `--lang` is global: the root's text, whatever command shows it.
    let at = if id == "lang" { "" } else { path };
    let mut help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    if lang == Lang::En {
        if let Some(text) = english(at, &id) {
            help = text.to_owned();
        }
        if let Some(names) = a.get_value_names() {
            let names: Vec<clap::builder::Str> = names
                .iter()
                .map(|n| {
                    VALUE_NAMES
                        .iter()
                        .find(|(fr, _)| *fr == n.as_str())
                        .map_or(n.clone(), |(_, en)| (*en).into())
                })
                .collect();
            a = a.value_names(names);
        }
    }
    let mut long = help.clone();
    if a.get_action().takes_values() {
        let values: Vec<_> = a
            .get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect();
        let mut notes = Vec::new();
        if !values.is_empty() {
            let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
            notes.push(format!("[{}{}{}]", w.values, w.colon, names.join(", ")));
            for v in &values {
                let text = match lang {
                    Lang::Fr => v.get_help().map(|h| h.to_string()),
                    Lang::En => english(at, &format!("{id}={}", v.get_name())).map(str::to_owned),
                };
                if let Some(text) = text {
                    long.push_str(&format!("\n  - {}{}{text}", v.get_name(), w.colon));
                }
            }
        }
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|d| d.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            notes.push(format!("[{}{}{}]", w.default, w.colon, defaults.join(" ")));
        }
        if !notes.is_empty() {
            let notes = notes.join(" ");
            help = format!("{help} {notes}");
            long = format!("{long}\n{notes}");
        }
        a = a.hide_possible_values(true).hide_default_value(true);
    }
    a.help(help).long_help(long)
}
