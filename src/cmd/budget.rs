//! `secpa budget FILE`: does the batch fit the envelopes (yearly, or of several years together)? The figures come from
//! `budget::Sums` (pure, `budget::compute` on a slice), fed each structure as the file is read
//! (memory flat in the number of rows); this module reads the file and picks the output (table, JSON
//! or an HTML page; stdout or a file written atomically with `--output`).

use std::io::IsTerminal;

use super::{batch, outcome, print_diagnostics, rule_set, warn};
use crate::budget::{self, Entry};
use crate::cli::{BudgetArgs, BudgetFormat};
use crate::pipeline::not_eligible;
use crate::report::{budget as render, money};
use crate::{Error, Lang, Outcome};

pub fn run(args: &BudgetArgs, lang: Lang) -> Result<Outcome, Error> {
    let set = rule_set(
        &crate::cli::RulesArgs {
            files: args.files.clone(),
            only_rules: args.only_rules,
            as_of: None,
        },
        lang,
    )?;
    let name = crate::candidature::open::display_name(&args.file);
    // Each structure is summed as it comes (`budget::Sums`): only the diagnostics are kept.
    struct Summing<'s> {
        sums: budget::Sums<'s>,
        diagnostics: Vec<crate::diagnostic::Diagnostic>,
    }
    impl batch::Each for Summing<'_> {
        fn structure(&mut self, s: batch::Structure) -> Result<(), secpa_core::Error> {
            match s.entree {
                Some(entree) => self.sums.add(&Entry {
                    row: s.row,
                    inputs: s.inputs,
                    entree,
                    judged: s.judged,
                }),
                None => Ok(()),
            }
        }
        fn diagnostic(
            &mut self,
            d: crate::diagnostic::Diagnostic,
        ) -> Result<(), secpa_core::Error> {
            self.diagnostics.push(d);
            Ok(())
        }
    }
    let mut summing = Summing {
        sums: budget::Sums::new(&set),
        diagnostics: Vec::new(),
    };
    let opened =
        crate::candidature::open_with(&args.file, &super::options(&args.sheet, &args.columns)?);
    let summary = batch::stream(opened, &set, true, crate::today()?, false, &mut summing)?;
    let batch = batch::Batch {
        structures: Vec::new(),
        diagnostics: summing.diagnostics,
        summary,
    };
    if !batch.summary.usable {
        print_diagnostics(&batch.diagnostics, lang);
        return Ok(Outcome::Unusable);
    }
    let mut b = summing.sums.finish()?;
    // Rows the pipeline refused (checks, eligibility on the filing date) get no dotation
    // either: they are listed with those the computation refused.
    let refused = batch
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .filter_map(|d| d.row);
    b.not_eligible.extend(refused);
    b.not_eligible.sort_unstable();
    b.not_eligible.dedup();
    // Rows without a dotation are problems of the file, as in `compute`: shown on stderr,
    // on the HTML page, and in the exit code, whatever the format.
    let mut errors = batch.diagnostics.clone();
    errors.extend(
        b.refusals
            .iter()
            .map(|(row, why)| not_eligible(&name, *row, why, &set)),
    );
    crate::diagnostic::sort(&mut errors);
    let bytes = match args.format {
        BudgetFormat::Table => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            render::render_table(&b, &name, colour, lang)
        }
        BudgetFormat::Json => render::render_json(&b, &name),
        BudgetFormat::Html => crate::report::html::render_budget(&b, &set, &name, &errors, lang)?,
    };
    match &args.output {
        Some(path) => {
            let mut inputs = vec![args.file.as_path()];
            inputs.extend(args.files.iter().map(|p| p.as_path()));
            super::warn_stale(Some(path), lang);
            crate::output::write_file(path, &bytes, &inputs)?
        }
        None => crate::output::write_stdout(&bytes)?,
    }
    print_diagnostics(&errors, lang);
    for y in b.years.iter().filter(|y| y.over) {
        if let Some(e) = y.envelope {
            warn(
                lang,
                &format!(
                    "{} : le total du lot ({}) dépasse l'enveloppe ({}) de {}",
                    y.year,
                    money(y.compared_total, Lang::Fr),
                    money(e, Lang::Fr),
                    money(y.compared_total - e, Lang::Fr)
                ),
                &format!(
                    "{}: the batch total ({}) exceeds the envelope ({}) by {}",
                    y.year,
                    money(y.compared_total, Lang::En),
                    money(e, Lang::En),
                    money(y.compared_total - e, Lang::En)
                ),
            );
        }
    }
    for p in b.periods.iter().filter(|p| p.over) {
        let e = p.envelope.amount;
        warn(
            lang,
            &format!(
                "{} : le total du lot ({}) dépasse l'enveloppe de ces années ensemble ({}) de {}",
                p.envelope.years(),
                money(p.total, Lang::Fr),
                money(e, Lang::Fr),
                money(p.total - e, Lang::Fr)
            ),
            &format!(
                "{}: the batch total ({}) exceeds the envelope of those years together ({}) by {}",
                p.envelope.years(),
                money(p.total, Lang::En),
                money(e, Lang::En),
                money(p.total - e, Lang::En)
            ),
        );
    }
    Ok(outcome(&errors))
}
