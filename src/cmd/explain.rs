//! `secpa explain`: each euro of a structure's dotations followed back to the cells read and
//! to the rule values and legal texts used, ending on the amount `compute` gives. The
//! tracing itself is [`crate::explain`], which the web page calls too.

use super::batch;
use super::{as_of, outcome, period, print_diagnostics, rule_set, warn};
use crate::cli::{ExplainArgs, TraceFormat};
use crate::{Error, Lang, Outcome};
use secpa_core::Error as CoreError;

pub fn run(args: &ExplainArgs, lang: Lang) -> Result<Outcome, Error> {
    let set = rule_set(&args.rules, lang)?;
    let period = period(&set, args.year, &args.rules, lang)?;
    let name = crate::candidature::open::display_name(&args.file);
    // Only the structures asked for are kept (and the first and last, whose rows a
    // structure not found names), with the diagnostics explain shows: memory flat in the
    // number of rows.
    let mut kept = Kept {
        batch: batch::Batch::default(),
        row: args.row,
        finess: args.finess.as_deref().map(str::trim),
        last: None,
    };
    let opened =
        crate::candidature::open_with(&args.file, &super::options(&args.sheet, &args.columns)?);
    kept.batch.summary = batch::stream(
        opened,
        &set,
        period.plan().is_some(),
        as_of(&args.rules)?,
        true,
        &mut kept,
    )?;
    let batch = kept.finish();
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

/// The structures `explain` shows, kept as the rows come: those asked for (all of them
/// without `--row` nor `--finess`), the first and the last, and the diagnostics of the
/// row asked for and of the file.
struct Kept<'a> {
    batch: batch::Batch,
    row: Option<u64>,
    finess: Option<&'a str>,
    /// The last structure read, unless asked for (then it is in the batch already).
    last: Option<batch::Structure>,
}

impl Kept<'_> {
    fn wanted(&self, s: &batch::Structure) -> bool {
        self.row.is_none_or(|r| s.row == r)
            && self.finess.is_none_or(|f| s.finess.as_deref() == Some(f))
    }

    fn finish(mut self) -> batch::Batch {
        self.batch.structures.extend(self.last);
        self.batch
    }
}

impl batch::Each for Kept<'_> {
    fn structure(&mut self, s: batch::Structure) -> Result<(), CoreError> {
        let first = self.batch.structures.is_empty() && self.last.is_none();
        if first || self.wanted(&s) {
            // A structure kept ends the run of the unwanted: the last one read is dropped
            // unless nothing comes after it (then `last` holds the new one).
            self.last = None;
            self.batch.structures.push(s);
        } else {
            self.last = Some(s);
        }
        Ok(())
    }

    fn diagnostic(&mut self, d: crate::diagnostic::Diagnostic) -> Result<(), CoreError> {
        // The rows `crate::explain` keeps: with a row asked for, its own and the file's.
        let row = self.row;
        if row.is_none_or(|r| d.row.is_none_or(|dr| dr == r || dr == 1)) {
            self.batch.diagnostics.push(d);
        }
        Ok(())
    }
}
