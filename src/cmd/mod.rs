//! One module per subcommand; the helpers they share.

pub use crate::batch;
pub mod budget;
pub mod check;
pub mod code;
pub mod columns;
pub mod completions;
pub mod compute;
pub mod diff;
pub mod explain;
pub mod lint;
pub mod man;
pub mod rules;
pub mod template;
pub mod test;

use crate::diagnostic::prelude::*;
use chrono::NaiveDate;

use crate::candidature::{self, column::Mapping};
use crate::cli::{RuleSource, RulesArgs};
use crate::compute::Period;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Choice, RuleSet, Version};
use crate::{Error, Lang, Outcome};

/// The rule versions of the run: the embedded ones and the files given with `--rules` (a
/// file's version replaces the embedded one of its id, which is said on stderr); with
/// `--only-rules`, the files alone. Versions in force on the same day are refused (exit 2).
pub fn rule_set(args: &impl RuleSource, lang: Lang) -> Result<RuleSet, Error> {
    let files = args.files();
    if files.is_empty() {
        return Ok(RuleSet::embedded()?);
    }
    if args.only() {
        return Ok(RuleSet::from_files(files)?);
    }
    let given = files
        .iter()
        .map(|p| crate::rules::load(p))
        .collect::<Result<Vec<_>, _>>()?;
    let (set, replaced) = RuleSet::embedded_and(given)?;
    for r in replaced {
        let (same_fr, same_en) = if r.identical {
            (" (texte identique)", " (same text)")
        } else {
            ("", "")
        };
        warn(
            lang,
            &format!(
                "la version {} de {} remplace la version intégrée du même identifiant{same_fr}",
                r.id, r.origin
            ),
            &format!(
                "version {} of {} replaces the embedded version with that id{same_en}",
                r.id, r.origin
            ),
        );
    }
    Ok(set)
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
        let version = set.version(index);
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
    Ok(set.version(period.annual().unwrap_or_default()))
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
    // Paths and ids of rule files are in these lines.
    eprint_quietly(&crate::terminal::safe(&text, true));
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

pub use crate::output::eprint_quietly;

/// Prints diagnostics on stderr, compiler-style, each code in full for its first
/// [`Screen::FIRST`] occurrences in a file, then counted.
pub fn print_diagnostics(diagnostics: &[Diagnostic], lang: Lang) {
    let mut screen = Screen::new(false, lang);
    let mut text = String::new();
    for d in diagnostics {
        text.push_str(&screen.show(d));
    }
    text.push_str(&screen.finish());
    eprint_quietly(&text);
}

/// What the terminal shows of the diagnostics: each code written in full for its first
/// [`Screen::FIRST`] occurrences in a file, then counted (« … et 8 412 autres W216 »), so
/// that 100 000 rows of one warning take a screen, not 100 000 lines; with `--quiet`,
/// errors only. JSON, CSV and HTML keep every diagnostic: this is for people reading a
/// terminal.
pub struct Screen {
    quiet: bool,
    lang: Lang,
    /// The file whose diagnostics are being shown, and how many of each code it had.
    file: Option<String>,
    counts: std::collections::BTreeMap<&'static str, u64>,
}

impl Screen {
    /// Occurrences of a code written in full, per file.
    pub const FIRST: u64 = 20;

    pub fn new(quiet: bool, lang: Lang) -> Screen {
        Screen {
            quiet,
            lang,
            file: None,
            counts: std::collections::BTreeMap::new(),
        }
    }

    /// The text to write for `d`: its rendering and a newline, or nothing (dropped by
    /// `--quiet`, or past the first [`Screen::FIRST`] of its code in its file); preceded by
    /// the counts of the previous file when `d` is of another one.
    pub fn show(&mut self, d: &Diagnostic) -> String {
        let mut out = String::new();
        if self.file.as_deref() != Some(d.file.as_str()) {
            out.push_str(&self.finish());
            self.file = Some(d.file.clone());
        }
        if self.quiet && d.severity != Severity::Error {
            return out;
        }
        let seen = self.counts.entry(d.code().as_str()).or_insert(0);
        *seen += 1;
        if *seen <= Self::FIRST {
            out.push_str(&d.render(self.lang));
            out.push('\n');
        }
        out
    }

    /// « fichier.csv: … et 8 412 autres W216 » for each code of the current file past its
    /// first [`Screen::FIRST`], by code; then the next file starts afresh.
    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        let file = self.file.as_deref().unwrap_or_default();
        let file = crate::terminal::safe(file, false);
        for (code, n) in std::mem::take(&mut self.counts) {
            let more = n.saturating_sub(Self::FIRST);
            if more == 0 {
                continue;
            }
            let count = crate::report::count(more, self.lang);
            out.push_str(&match (self.lang, more) {
                (Lang::Fr, 1) => format!("{file}: … et 1 autre {code}\n"),
                (Lang::Fr, _) => format!("{file}: … et {count} autres {code}\n"),
                (Lang::En, _) => format!("{file}: … and {count} more {code}\n"),
            });
        }
        out
    }
}

/// How a run on a usable file ends: 1 on any error, else 0.
pub fn outcome(diagnostics: &[Diagnostic]) -> Outcome {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Outcome::Problems
    } else {
        Outcome::Success
    }
}
