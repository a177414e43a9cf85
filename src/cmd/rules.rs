//! `secpa rules list|show`: the rule versions, their validity and provisional values.

use comfy_table::{presets, Table};

use super::{rule_set, version};
use crate::cli::RulesCommand;
use crate::output::write_stdout;
use crate::{Error, Lang, Outcome};

pub fn run(command: &RulesCommand, lang: Lang) -> Result<Outcome, Error> {
    match command {
        RulesCommand::Lint { files } => return super::lint::run(files, lang),
        RulesCommand::List { rules } => {
            let set = rule_set(rules)?;
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
                    v.provisional().len().to_string(),
                    v.sha256()[..12].to_owned(),
                ]);
            }
            write_stdout(format!("{table}\n").as_bytes())?;
        }
        RulesCommand::Show { id, rules } => {
            let set = rule_set(rules)?;
            let version = match id {
                Some(id) => set.get(id).ok_or_else(|| Error::UnknownVersion {
                    id: id.clone(),
                    versions: set.summary(),
                })?,
                None => version(&set, rules, lang)?,
            };
            let mut text = format!("# {} — sha256 {}\n", version.origin, version.sha256());
            text.push_str(&version.text);
            write_stdout(text.as_bytes())?;
        }
    }
    Ok(Outcome::Success)
}
