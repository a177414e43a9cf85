//! `secpa explain`: each euro of a structure's dotations followed back to the cells read and
//! to the rule values and legal texts used, ending on the amount `compute` gives. The
//! tracing itself is [`crate::explain`], which the web page calls too.

use super::batch;
use super::{as_of, outcome, period, print_diagnostics, rule_set, warn};
use crate::cli::{ExplainArgs, TraceFormat};
use crate::{Error, Lang, Outcome};

pub fn run(args: &ExplainArgs, lang: Lang) -> Result<Outcome, Error> {
    let set = rule_set(&args.rules, lang)?;
    let period = period(&set, args.year, &args.rules, lang)?;
    let name = crate::candidature::open::display_name(&args.file);
    let batch = batch::read_path(
        &args.file,
        &super::options(&args.sheet, &args.columns)?,
        &set,
        period.plan().is_some(),
        as_of(&args.rules)?,
    )?;
    if !batch.summary.usable {
        print_diagnostics(&batch.diagnostics, lang);
        return Ok(Outcome::Unusable);
    }

    let explained = crate::report::explain::explain(
        &batch,
        &name,
        &set,
        &period,
        lang,
        args.row,
        args.finess.as_deref(),
    )?;
    let bytes = match args.format {
        TraceFormat::Text => explained.text,
        TraceFormat::Json => explained.json,
    };
    crate::output::write_stdout(&bytes)?;
    print_diagnostics(&explained.diagnostics, lang);
    if explained.provisional > 0 {
        warn(
            lang,
            "montants PROVISOIRES : ils reposent sur des valeurs non confirmées dans le texte officiel (marquées [PROVISOIRE])",
            "PROVISIONAL amounts: they rest on values not confirmed in the official text (marked [PROVISIONAL])",
        );
    }
    Ok(outcome(&explained.diagnostics))
}
