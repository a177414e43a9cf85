//! One module per subcommand; the helpers they share.

pub mod batch;
pub mod budget;
pub mod check;
pub mod completions;
pub mod compute;
pub mod diff;
pub mod explain;
pub mod lint;
pub mod man;
pub mod rules;
pub mod test;

use crate::cli::RulesArgs;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Choice, RuleSet, Version};
use crate::{Error, Lang};

/// The rule versions of the run: the files given with `--rules`, else the embedded ones.
pub fn rule_set(args: &RulesArgs) -> Result<RuleSet, Error> {
    if args.files.is_empty() {
        RuleSet::embedded()
    } else {
        RuleSet::from_files(&args.files)
    }
}

/// The version for a run without `--year`, warning on stderr when today is past every version.
pub fn choose_version<'a>(
    set: &'a RuleSet,
    args: &RulesArgs,
    lang: Lang,
) -> Result<(usize, &'a Version), Error> {
    let (version, choice) = set.choose(args.as_of, crate::today()?)?;
    if choice == Choice::LatestExpired {
        warn(
            lang,
            &format!("aucune version en vigueur aujourd'hui : la dernière, {}, a pris fin le {} ; elle est utilisée (--as-of pour une autre date)", version.rules.id, version.rules.valid_until.get_ref()),
            &format!("no version is in force today: the latest, {}, ended on {}; it is used (--as-of for another date)", version.rules.id, version.rules.valid_until.get_ref()),
        );
    }
    let index = set
        .versions()
        .iter()
        .position(|v| std::ptr::eq(v, version))
        .unwrap_or(0);
    Ok((index, version))
}

/// The months of a year with their versions, or the one version (and its index) of a run.
pub type PlanOrVersion<'a> = (
    Option<crate::compute::YearPlan>,
    Option<(usize, &'a Version)>,
);

/// With `--year`, the months of that year and their versions; without, the one version
/// in force (`--as-of` or today). An error when the year is outside every version.
pub fn plan_or_version<'a>(
    set: &'a RuleSet,
    year: Option<i32>,
    args: &RulesArgs,
    lang: Lang,
) -> Result<PlanOrVersion<'a>, Error> {
    match year {
        Some(year) => crate::compute::YearPlan::new(set, year)
            .map(|plan| (Some(plan), None))
            .ok_or_else(|| Error::NoVersionInYear {
                year,
                versions: set.summary(),
            }),
        None => Ok((None, Some(choose_version(set, args, lang)?))),
    }
}

/// A warning about the run itself (not the data), on stderr.
pub fn warn(lang: Lang, fr: &str, en: &str) {
    match lang {
        Lang::Fr => eprintln!("secpa: attention : {fr}"),
        Lang::En => eprintln!("secpa: warning: {en}"),
    }
}

/// Prints diagnostics on stderr, compiler-style.
#[allow(dead_code)] // `compute` now streams its diagnostics; kept for commands that print at once.
pub fn print_diagnostics(diagnostics: &[Diagnostic], lang: Lang) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{}", d.render(lang));
    }
}

/// Whether any diagnostic is an error.
#[allow(dead_code)] // as `print_diagnostics`
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
