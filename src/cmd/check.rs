//! `secpa check FILE…`: every problem of every row of every file, eligibility included,
//! in one pass; compiler-style lines and a summary on stderr, or JSON on stdout.

use secpa_core::Error as CoreError;
use std::io::Write;

use super::{as_of, rule_set};
use crate::candidature;
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::Diagnostic;
use crate::pipeline::{self, Accepted, Context, FileSummary, Sink};
use crate::report::check_json::CheckJson;
use crate::{Error, Lang, Outcome};

pub fn run(args: &CheckArgs, lang: Lang) -> Result<Outcome, Error> {
    let set = rule_set(&args.rules, lang)?;
    let ctx = Context {
        strict: args.strict,
        ..Context::check(&set, as_of(&args.rules)?)
    };
    let options = super::options(&args.sheet, &args.columns)?;
    let mut summaries = Vec::with_capacity(args.inputs.len());
    // One FINESS table for all the files: a structure on two files is E009 too.
    let mut batch = pipeline::Batch::default();
    match args.format {
        CheckFormat::Human => {
            let mut sink = Human {
                screen: super::Screen::new(args.quiet, lang),
                stderr: std::io::BufWriter::new(std::io::stderr()),
            };
            for path in &args.inputs {
                let opened = candidature::open_with(path, &options);
                summaries.push(pipeline::run_batch(opened, &ctx, &mut sink, &mut batch)?);
                let _ = write!(sink.stderr, "{}", sink.screen.finish());
            }
            let _ = writeln!(sink.stderr, "{}", Summary::of(&summaries).line(lang));
            let _ = sink.stderr.flush();
        }
        CheckFormat::Json => {
            let out = std::io::BufWriter::new(crate::output::QuietStdout::default());
            let mut sink = Json {
                doc: CheckJson::begin(out, lang).map_err(stdout_error)?,
            };
            for path in &args.inputs {
                let name = candidature::open::display_name(path);
                sink.doc.file(&name).map_err(stdout_error)?;
                let opened = candidature::open_with(path, &options);
                let summary = pipeline::run_batch(opened, &ctx, &mut sink, &mut batch)?;
                sink.doc.end_file(&summary).map_err(stdout_error)?;
                summaries.push(summary);
            }
            let summary = Summary::of(&summaries);
            let mut out = sink
                .doc
                .end(summary.errors, summary.warnings)
                .map_err(stdout_error)?;
            out.flush().map_err(stdout_error)?;
        }
    }
    let summary = Summary::of(&summaries);
    Ok(if summaries.iter().any(|s| !s.usable) {
        Outcome::Unusable
    } else if summary.errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// Human output: each diagnostic on stderr as it is found (memory flat in their number),
/// as the [`super::Screen`] lets it through.
struct Human {
    screen: super::Screen,
    stderr: std::io::BufWriter<std::io::Stderr>,
}

impl Sink for Human {
    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), CoreError> {
        // A closed or full stderr loses the text, never the run.
        let _ = write!(self.stderr, "{}", self.screen.show(&d));
        Ok(())
    }

    fn accepted(&mut self, _: Accepted<'_>) -> Result<(), CoreError> {
        Ok(())
    }
}

/// JSON output, streamed to stdout: each diagnostic written as it is found.
/// A closed stdout (`| head -c 100`) drops the rest quietly and the run goes on, so that
/// its exit status still counts every row.
struct Json {
    doc: CheckJson<std::io::BufWriter<crate::output::QuietStdout>>,
}

impl Sink for Json {
    fn diagnostic(&mut self, d: Diagnostic) -> Result<(), CoreError> {
        self.doc.diagnostic(&d).map_err(stdout_error)
    }

    fn accepted(&mut self, _: Accepted<'_>) -> Result<(), CoreError> {
        Ok(())
    }
}

fn stdout_error(source: std::io::Error) -> CoreError {
    CoreError::Write {
        path: "<stdout>".into(),
        source,
    }
}

/// The counts of the summary line and of the JSON.
struct Summary {
    files: usize,
    structures: u64,
    eligible: u64,
    errors: u64,
    warnings: u64,
    /// Files whose optional condition columns are absent (I227): not checked there.
    conditions_unchecked: usize,
}

impl Summary {
    fn of(files: &[FileSummary]) -> Summary {
        Summary {
            files: files.len(),
            structures: files.iter().map(|f| f.structures).sum(),
            eligible: files.iter().map(FileSummary::accepted).sum(),
            errors: files.iter().map(|f| f.counts.errors).sum(),
            warnings: files.iter().map(|f| f.counts.warnings).sum(),
            conditions_unchecked: files
                .iter()
                .filter(|f| !f.conditions_unchecked.is_empty())
                .count(),
        }
    }

    fn line(&self, lang: Lang) -> String {
        let s = |n: u64| if n > 1 { "s" } else { "" };
        let files = self.files as u64;
        let unchecked = match (self.conditions_unchecked, lang) {
            (0, _) => String::new(),
            (n, Lang::Fr) if n == self.files => {
                " ; conditions d'activité (médecine générale majoritaire, paramédicale) non contrôlées : colonnes absentes (I227)".to_owned()
            }
            (n, Lang::Fr) => format!(" ; conditions d'activité (médecine générale majoritaire, paramédicale) non contrôlées dans {n} fichier{} : colonnes absentes (I227)", s(n as u64)),
            (n, Lang::En) if n == self.files => {
                "; activity conditions (mostly general medicine, paramedical) not checked: columns absent (I227)".to_owned()
            }
            (n, Lang::En) => format!("; activity conditions (mostly general medicine, paramedical) not checked in {n} file{}: columns absent (I227)", if n == 1 { "" } else { "s" }),
        };
        let line = match lang {
            Lang::Fr => format!(
                "secpa check : {} fichier{}, {} structure{} contrôlée{}, {} éligible{}, {} erreur{}, {} avertissement{}",
                files, s(files),
                self.structures, s(self.structures), s(self.structures),
                self.eligible, s(self.eligible),
                self.errors, s(self.errors),
                self.warnings, s(self.warnings),
            ),
            Lang::En => {
                let s = |n: u64| if n == 1 { "" } else { "s" };
                format!(
                    "secpa check: {} file{}, {} structure{} checked, {} eligible, {} error{}, {} warning{}",
                    files, s(files),
                    self.structures, s(self.structures),
                    self.eligible,
                    self.errors, s(self.errors),
                    self.warnings, s(self.warnings),
                )
            }
        };
        line + &unchecked
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        crate::cli::Cli::command().debug_assert();
    }
}
