//! `secpa template --output FILE`: an empty candidature workbook (.xlsx or .ods, from the
//! extension) to fill in; the deadline it states is that of the version in force on
//! `--as-of` or today.

use super::{rule_set, version};
use crate::cli::TemplateArgs;
use crate::template::{self, Deadline, Format};
use crate::{Error, Lang, Outcome};

pub fn run(args: &TemplateArgs, lang: Lang) -> Result<Outcome, Error> {
    let name = args.output.to_string_lossy();
    let Some(format) = Format::of_name(&name) else {
        return Err(Error::Said {
            fr: format!("--output {name} : le modèle s'écrit en .xlsx ou en .ods (l'extension choisit le format)"),
            en: format!("--output {name}: the template is written as .xlsx or .ods (the extension chooses the format)"),
        });
    };
    let set = rule_set(&args.rules, lang)?;
    let deadline = Deadline::of(version(&set, &args.rules, lang)?);
    let bytes = template::write(format, lang, &deadline)?;
    crate::output::write_file(&args.output, &bytes, &[])?;
    Ok(Outcome::Success)
}
