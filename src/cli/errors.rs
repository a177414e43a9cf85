//! clap's usage errors in the reader's language, built from what the error holds (its kind
//! and context: the argument, the value, the valid values, a suggestion, the usage line)
//! rather than from clap's English sentence.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::Invalid;
use crate::Lang;

/// The message of a usage error, without the `secpa:` prefix, ending with the usage line
/// and where to find help.
pub fn render(e: &clap::Error, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let get = |kind: ContextKind| -> Option<String> {
        match e.get(kind)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join(", ")),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let q = |text: &str| {
        if fr {
            format!("« {text} »")
        } else {
            format!("'{text}'")
        }
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let valid = get(ContextKind::ValidValue);
    let mut head = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => match fr {
            true => format!("{arg} attend une valeur"),
            false => format!("{arg} needs a value"),
        },
        ErrorKind::InvalidValue => match fr {
            true => format!("valeur {} refusée pour {arg}", q(&value)),
            false => format!("invalid value {} for {arg}", q(&value)),
        },
        ErrorKind::ValueValidation => {
            let reason = match e.source() {
                Some(s) => match s.downcast_ref::<Invalid>() {
                    Some(i) if fr => i.fr.clone(),
                    Some(i) => i.en.clone(),
                    None => s.to_string(),
                },
                None => String::new(),
            };
            match fr {
                true => format!("valeur {} refusée pour {arg} : {reason}", q(&value)),
                false => format!("invalid value {} for {arg}: {reason}", q(&value)),
            }
        }
        ErrorKind::UnknownArgument => match fr {
            true => format!("argument inattendu {}", q(&arg)),
            false => format!("unexpected argument {}", q(&arg)),
        },
        ErrorKind::InvalidSubcommand => {
            let name = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            match fr {
                true => format!("sous-commande inconnue {}", q(&name)),
                false => format!("unknown subcommand {}", q(&name)),
            }
        }
        ErrorKind::MissingRequiredArgument => match fr {
            true => format!("argument obligatoire absent : {arg}"),
            false => format!("missing required argument: {arg}"),
        },
        ErrorKind::MissingSubcommand => {
            let name = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            match fr {
                true => format!("{} attend une sous-commande", q(&name)),
                false => format!("{} needs a subcommand", q(&name)),
            }
        }
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg).unwrap_or_default();
            match (fr, prior.is_empty()) {
                (true, false) => {
                    format!("{arg} ne va pas avec {prior} : choisissez l'un ou l'autre")
                }
                (true, true) => format!("{arg} donné deux fois"),
                (false, false) => format!("{arg} cannot be used with {prior}: choose one"),
                (false, true) => format!("{arg} given twice"),
            }
        }
        ErrorKind::NoEquals => match fr {
            true => format!("{arg} attend sa valeur après « = »"),
            false => format!("{arg} needs its value after '='"),
        },
        ErrorKind::TooManyValues => match fr {
            true => format!("valeur en trop {} pour {arg}", q(&value)),
            false => format!("unexpected value {} for {arg}", q(&value)),
        },
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = get(ContextKind::ExpectedNumValues)
                .or_else(|| get(ContextKind::MinValues))
                .unwrap_or_default();
            let actual = get(ContextKind::ActualNumValues).unwrap_or_default();
            match fr {
                true => format!("{arg} attend {expected} valeur(s), {actual} donnée(s)"),
                false => format!("{arg} needs {expected} value(s), {actual} given"),
            }
        }
        ErrorKind::InvalidUtf8 => match fr {
            true => "un argument n'est pas du texte UTF-8".to_owned(),
            false => "an argument is not UTF-8 text".to_owned(),
        },
        // Kinds secpa's definition cannot produce: clap's own words, said to be clap's.
        _ => {
            let text = e.to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            let first = text.lines().next().unwrap_or_default();
            match fr {
                true => format!("arguments refusés ({first})"),
                false => format!("arguments refused ({first})"),
            }
        }
    };
    if let Some(valid) = valid.filter(|_| e.kind() == ErrorKind::InvalidValue) {
        head.push_str(&match fr {
            true => format!(" ; valeurs possibles : {valid}"),
            false => format!("; possible values: {valid}"),
        });
    }
    // One suggestion or several (a subcommand close to two names).
    let suggestions: Vec<String> = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|kind| match e.get(kind)? {
        ContextValue::String(s) => Some(vec![q(s)]),
        ContextValue::Strings(v) => Some(v.iter().map(|s| q(s)).collect()),
        _ => None,
    })
    .unwrap_or_default();
    let mut out = head;
    if !suggestions.is_empty() {
        let or = if fr { " ou " } else { " or " };
        let s = suggestions.join(or);
        out.push_str(&match fr {
            true => format!("\n  vouliez-vous dire {s} ?"),
            false => format!("\n  did you mean {s}?"),
        });
    } else if e.kind() == ErrorKind::UnknownArgument && arg.starts_with('-') {
        // clap's tip for a value that looks like an option.
        if get(ContextKind::Suggested).is_some_and(|t| t.contains("-- ")) {
            out.push_str(&match fr {
                true => format!(
                    "\n  pour passer {} comme valeur, écrivez {}",
                    q(&arg),
                    q(&format!("-- {arg}"))
                ),
                false => format!(
                    "\n  to pass {} as a value, write {}",
                    q(&arg),
                    q(&format!("-- {arg}"))
                ),
            });
        }
    }
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage
            .strip_prefix("Usage:")
            .or_else(|| usage.strip_prefix("Utilisation :"))
            .unwrap_or(usage)
            .trim();
        // The command's path: the words of the usage line before its first argument.
        let path: Vec<&str> = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect();
        let path = path.join(" ");
        out.push_str(&match fr {
            true => format!("\n\nUtilisation : {usage}\nPour en savoir plus : {path} --help"),
            false => format!("\n\nUsage: {usage}\nFor more information: {path} --help"),
        });
    }
    out
}
