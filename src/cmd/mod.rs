//! One module per subcommand; the helpers they share.

pub use crate::batch;
pub mod budget;
pub mod check;
pub mod columns;
pub mod completions;
pub mod compute;
pub mod diff;
pub mod explain;
pub mod lint;
pub mod man;
pub mod rules;
pub mod test;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::candidature::{self, column::Mapping};
use crate::cli::RulesArgs;
use crate::compute::Period;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Choice, RuleSet, Version};
use crate::{Error, Lang, Outcome};

/// The rule versions of the run: the files given with `--rules`, else the embedded ones.
pub fn rule_set(args: &impl AsRef<[PathBuf]>) -> Result<RuleSet, Error> {
    let files = args.as_ref();
    if files.is_empty() {
        RuleSet::embedded()
    } else {
        RuleSet::from_files(files)
    }
}

/// How the candidature file is read: `--sheet`, `--column`. A column or a header given
/// twice to `--column` is a usage error.
pub fn options<'a>(
    sheet: &'a Option<String>,
    columns: &'a [Mapping],
) -> Result<candidature::Options<'a>, Error> {
    if let Some((fr, en)) = Mapping::conflict(columns) {
        return Err(Error::Said { fr, en });
    }
    Ok(candidature::Options {
        sheet: sheet.as_deref(),
        columns,
    })
}

/// The period of a run, chosen in one place for every command: with `--year`, that
/// year's months and their versions; without, the version in force on `--as-of` or today,
/// with a warning on stderr when today is past every version.
pub fn period(
    set: &RuleSet,
    year: Option<i32>,
    args: &RulesArgs,
    lang: Lang,
) -> Result<Period, Error> {
    let (period, choice) = Period::choose(set, year, args.as_of, crate::today()?)?;
    if let (Choice::LatestExpired, Some(index)) = (choice, period.annual()) {
        let version = &set.versions()[index];
        warn(
            lang,
            &format!("aucune version en vigueur aujourd'hui : la dernière, {}, a pris fin le {} ; elle est utilisée (--as-of pour une autre date)", version.rules.id, version.rules.valid_until.get_ref()),
            &format!("no version is in force today: the latest, {}, ended on {}; it is used (--as-of for another date)", version.rules.id, version.rules.valid_until.get_ref()),
        );
    }
    Ok(period)
}

/// The one version of a run without a year (`rules show`).
pub fn version<'a>(set: &'a RuleSet, args: &RulesArgs, lang: Lang) -> Result<&'a Version, Error> {
    let period = period(set, None, args, lang)?;
    Ok(&set.versions()[period.annual().unwrap_or(0)])
}

/// The filing date of a row that gives none: `--as-of`, else today.
pub fn as_of(args: &RulesArgs) -> Result<NaiveDate, Error> {
    args.as_of.map_or_else(crate::today, Ok)
}

/// A warning about the run itself (not the data), on stderr; a closed stderr is ignored.
pub fn warn(lang: Lang, fr: &str, en: &str) {
    let text = match lang {
        Lang::Fr => format!("secpa: attention : {fr}\n"),
        Lang::En => format!("secpa: warning: {en}\n"),
    };
    eprint_quietly(&text);
}

/// Reports the temporary files of ours an interrupted run left beside the output.
pub fn warn_stale(output: Option<&std::path::Path>, lang: Lang) {
    let Some(output) = output.filter(|p| p.as_os_str() != "-") else {
        return;
    };
    for stale in crate::output::stale_temp_files(output) {
        let stale = stale.display();
        warn(
            lang,
            &format!("fichier temporaire laissé par une exécution interrompue : {stale} (supprimez-le si aucun secpa ne tourne)"),
            &format!("temporary file left by an interrupted run: {stale} (remove it if no secpa is running)"),
        );
    }
}

/// Writes to stderr, never panicking: a closed or full stderr loses the text, not the run.
pub fn eprint_quietly(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Prints diagnostics on stderr, compiler-style.
pub fn print_diagnostics(diagnostics: &[Diagnostic], lang: Lang) {
    let mut text = String::new();
    for d in diagnostics {
        text.push_str(&d.render(lang));
        text.push('\n');
    }
    eprint_quietly(&text);
}

/// How a run on a usable file ends: 1 on any error, else 0.
pub fn outcome(diagnostics: &[Diagnostic]) -> Outcome {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Outcome::Problems
    } else {
        Outcome::Success
    }
}
