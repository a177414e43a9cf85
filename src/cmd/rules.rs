//! `secpa rules list|show`: the rule versions, their validity and provisional values.

use comfy_table::{presets, Table};

use super::{rule_set, version};
use crate::cli::RulesCommand;
use crate::output::write_stdout;
use crate::{Error, Lang, Outcome};
use secpa_core::Error as CoreError;

pub fn run(command: &RulesCommand, lang: Lang) -> Result<Outcome, Error> {
    match command {
        RulesCommand::Lint { files } => return super::lint::run(files, lang),
        RulesCommand::New {
            id,
            from,
            output,
            rules,
        } => {
            let set = rule_set(rules, lang)?;
            let previous = match from {
                Some(from) => set.get(from).ok_or_else(|| CoreError::UnknownVersion {
                    id: from.clone(),
                    versions: set.validities(),
                })?,
                None => set
                    .versions()
                    .iter()
                    .max_by_key(|v| *v.rules.valid_until.get_ref())
                    .ok_or_else(|| CoreError::UnknownVersion {
                        id: id.clone(),
                        versions: set.validities(),
                    })?,
            };
            let next = crate::rules::new::plan(previous, id, crate::today()?).map_err(|why| {
                CoreError::NewVersion {
                    id: id.clone(),
                    why,
                }
            })?;
            let text = crate::rules::new::next_version(
                previous,
                &next,
                &crate::say::rules::next_header(&next),
                &crate::say::rules::next_title(&next),
            );
            match output.as_deref().filter(|p| p.as_os_str() != "-") {
                Some(path) => crate::output::write_file(path, text.as_bytes(), &[])?,
                None => write_stdout(text.as_bytes())?,
            }
        }
        RulesCommand::List { rules } => {
            let set = rule_set(rules, lang)?;
            let mut table = Table::new();
            table.load_preset(presets::UTF8_FULL_CONDENSED);
            table.set_header(match lang {
                Lang::Fr => ["Version", "Du", "Au", "Titre", "Provisoires", "sha256"],
                Lang::En => ["Version", "From", "Until", "Title", "Provisional", "sha256"],
            });
            for v in set.versions() {
                table.add_row([
                    v.rules.id.clone(),
                    v.rules.valid_from.get_ref().to_string(),
                    v.rules.valid_until.get_ref().to_string(),
                    v.rules.title.clone(),
                    match lang {
                        Lang::Fr => format!("{} déclarées", v.provisional_keys().len()),
                        Lang::En => format!("{} declared", v.provisional_keys().len()),
                    },
                    v.sha256()[..12].to_owned(),
                ]);
            }
            let mut text = format!("{table}\n");
            text.push_str(&provisional_lines(&set, lang));
            // Titles and labels come from rule files (`--rules`): no escape sequence or
            // bidirectional control of theirs reaches the terminal.
            write_stdout(crate::terminal::safe(&text, true).as_bytes())?;
        }
        RulesCommand::Show { id, rules } => {
            let set = rule_set(rules, lang)?;
            let version = match id {
                Some(id) => set.get(id).ok_or_else(|| CoreError::UnknownVersion {
                    id: id.clone(),
                    versions: set.validities(),
                })?,
                None => version(&set, rules, lang)?,
            };
            let mut text = format!("# {} — sha256 {}\n", version.origin, version.sha256());
            text.push_str(&show_header(version, lang));
            text.push_str(&version.text);
            // The rule file's text as it is, when redirected (`> copy.toml`); to a terminal,
            // its escape sequences and bidirectional controls shown, not run.
            if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                text = crate::terminal::safe(&text, true).into_owned();
            }
            write_stdout(text.as_bytes())?;
        }
    }
    Ok(Outcome::Success)
}

/// The provisional values each version declares, by their labels; versions declaring the
/// same ones are listed together. A computation uses only those of the bands its
/// structures fall in: `compute` says how many, which is why its count can be lower.
fn provisional_lines(set: &crate::rules::RuleSet, lang: Lang) -> String {
    use crate::report::rule_labels::label;
    let mut groups: Vec<(Vec<&str>, Vec<String>)> = Vec::new();
    for v in set.versions() {
        let labels: Vec<String> = v
            .provisional_keys()
            .into_iter()
            .map(|k| label(v, k, lang))
            .collect();
        match groups.last_mut() {
            Some((ids, same)) if *same == labels => ids.push(&v.rules.id),
            _ => groups.push((vec![&v.rules.id], labels)),
        }
    }
    let mut out = String::new();
    out.push_str(match lang {
        Lang::Fr => "\nValeurs provisoires déclarées (non confirmées dans le texte officiel) :\n",
        Lang::En => "\nProvisional values declared (not confirmed in the official text):\n",
    });
    for (ids, labels) in groups.iter().filter(|(_, l)| !l.is_empty()) {
        let n = labels.len();
        out.push_str(&match lang {
            Lang::Fr => format!("  règles {} : {n} déclarées\n", ids.join(", ")),
            Lang::En => format!("  rules {}: {n} declared\n", ids.join(", ")),
        });
        for l in labels {
            out.push_str(&format!("    - {l}\n"));
        }
    }
    out.push_str(match lang {
        Lang::Fr => "Un calcul n'utilise que celles des paliers et tranches où tombent ses structures : compute et budget disent combien il en utilise, sur combien de déclarées.\n",
        Lang::En => "A computation uses only those of the steps and bands its structures fall in: compute and budget say how many it uses, out of how many declared.\n",
    });
    out
}

/// What `rules show` says before the file: its provisional values and its assumptions (with
/// the source each one lacks), as TOML comments so that the output stays a rule file.
fn show_header(version: &crate::rules::Version, lang: Lang) -> String {
    use crate::report::rule_labels::{label, value};
    use crate::rules::{Hypothesis, RuleKey};
    let mut out = String::new();
    // The assumptions come after, each with the source it lacks.
    let provisional: Vec<RuleKey> = version
        .provisional_keys()
        .into_iter()
        .filter(|k| !matches!(k, RuleKey::Hypothesis(_)))
        .collect();
    out.push_str(&match lang {
        Lang::Fr => format!(
            "# {} valeur(s) provisoire(s) (non confirmées dans le texte officiel), hors hypothèses :\n",
            provisional.len()
        ),
        Lang::En => format!(
            "# {} provisional value(s) (not confirmed in the official text), assumptions aside:\n",
            provisional.len()
        ),
    });
    // « : » after a space in French, ": " in English.
    let colon = match lang {
        Lang::Fr => " :",
        Lang::En => ":",
    };
    for k in &provisional {
        out.push_str(&format!(
            "#   - {}{colon} {} [{}]\n",
            label(version, *k, lang),
            value(version, *k, lang),
            k.path()
        ));
    }
    out.push_str(match lang {
        Lang::Fr => "# Hypothèses (ce que secpa fait là où aucune source ne le dit) :\n",
        Lang::En => "# Assumptions (what secpa does where no source says):\n",
    });
    let h = &version.rules.hypotheses;
    for x in Hypothesis::ALL {
        let missing = match x {
            Hypothesis::D4SansMontant => &h.d4_accord_sans_montant.missing,
            Hypothesis::D2Calcul => &h.d2_calcul.missing,
            Hypothesis::D3Calcul => &h.d3_calcul.missing,
            Hypothesis::Prorata => &h.prorata.missing,
            Hypothesis::Fondatrices => &h.fondatrices_dispensees_de_depot.missing,
            Hypothesis::AnneeFileActive => &h.annee_file_active.missing,
            Hypothesis::SourcesTaux => &h.sources_taux_pauvrete.missing,
        };
        let k = RuleKey::Hypothesis(x);
        let provisional = match (version.is_provisional(k), lang) {
            (true, Lang::Fr) => ", provisoire",
            (true, Lang::En) => ", provisional",
            (false, _) => "",
        };
        out.push_str(&format!(
            "#   - {}{colon} {} [{}{provisional}]\n#     {} {missing}\n",
            label(version, k, lang),
            value(version, k, lang),
            k.path(),
            match lang {
                Lang::Fr => "source manquante :",
                Lang::En => "missing source (in French):",
            },
        ));
    }
    out
}
