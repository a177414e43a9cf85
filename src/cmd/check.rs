//! `secpa check FILE…`: every problem of every row of every file, eligibility included,
//! in one pass; compiler-style lines and a summary on stderr, or JSON on stdout.

use std::io::{BufRead, Read};
use std::path::Path;

use serde::Serialize;

use super::{choose_version, rule_set};
use crate::candidature::{sheet, CandidatureFile, Opened};
use crate::check::{self, FileReport};
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::Severity;
use crate::{Error, Lang, Outcome};

pub fn run(args: &CheckArgs, lang: Lang) -> Result<Outcome, Error> {
    let set = rule_set(&args.rules)?;
    let (_, version) = choose_version(&set, &args.rules, lang)?;
    let mut reports = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        let mut report = check::check_file(open(path, args.sheet.as_deref())?, version);
        if args.strict {
            for d in &mut report.diagnostics {
                if d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
            }
        }
        reports.push(report);
    }
    let summary = Summary::of(&reports);
    match args.format {
        CheckFormat::Human => {
            let mut text = String::new();
            for d in reports.iter().flat_map(|r| &r.diagnostics) {
                text.push_str(&d.render(lang));
                text.push('\n');
            }
            text.push_str(&summary.line(lang));
            text.push('\n');
            eprint!("{text}");
        }
        CheckFormat::Json => crate::output::write_stdout(&json(&reports, lang))?,
    }
    Ok(if summary.errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// Opens a candidature file, CSV or workbook; only an unreadable path is fatal.
fn open(path: &Path, sheet_name: Option<&str>) -> Result<Opened, Error> {
    let name = path.display().to_string();
    let read_error = |source| Error::Read {
        path: name.clone(),
        source,
    };
    // A CSV file is streamed (memory flat in its size); only a workbook is read whole.
    let mut input = std::io::BufReader::new(std::fs::File::open(path).map_err(read_error)?);
    let head = input.fill_buf().map_err(read_error)?;
    if sheet::is_workbook(path, head) {
        let mut bytes = Vec::new();
        input.read_to_end(&mut bytes).map_err(read_error)?;
        return Ok(sheet::open(&name, bytes, sheet_name));
    }
    CandidatureFile::from_reader(&name, input).map_err(read_error)
}

/// The counts of the summary line and of the JSON.
struct Summary {
    files: usize,
    structures: usize,
    eligible: usize,
    errors: usize,
    warnings: usize,
}

impl Summary {
    fn of(reports: &[FileReport]) -> Summary {
        let all = || reports.iter().flat_map(|r| &r.diagnostics);
        let count = |s| all().filter(|d| d.severity == s).count();
        Summary {
            files: reports.len(),
            structures: reports.iter().map(|r| r.structures).sum(),
            eligible: reports.iter().map(FileReport::eligible).sum(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
        }
    }

    fn line(&self, lang: Lang) -> String {
        let s = |n: usize| if n > 1 { "s" } else { "" };
        match lang {
            Lang::Fr => format!(
                "secpa check : {} fichier{}, {} structure{} contrôlée{}, {} éligible{}, {} erreur{}, {} avertissement{}",
                self.files, s(self.files),
                self.structures, s(self.structures), s(self.structures),
                self.eligible, s(self.eligible),
                self.errors, s(self.errors),
                self.warnings, s(self.warnings),
            ),
            Lang::En => {
                let s = |n: usize| if n == 1 { "" } else { "s" };
                format!(
                    "secpa check: {} file{}, {} structure{} checked, {} eligible, {} error{}, {} warning{}",
                    self.files, s(self.files),
                    self.structures, s(self.structures),
                    self.eligible,
                    self.errors, s(self.errors),
                    self.warnings, s(self.warnings),
                )
            }
        }
    }
}

#[derive(Serialize)]
struct Json<'a> {
    files: Vec<FileJson<'a>>,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: &'a str,
    structures: usize,
    eligible: usize,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    row: Option<u64>,
    column: Option<&'a str>,
    code: &'a str,
    severity: Severity,
    message: String,
    value: Option<&'a str>,
}

/// The JSON document, pretty-printed with a final newline.
fn json(reports: &[FileReport], lang: Lang) -> Vec<u8> {
    let summary = Summary::of(reports);
    let doc = Json {
        files: reports
            .iter()
            .map(|r| FileJson {
                path: &r.path,
                structures: r.structures,
                eligible: r.eligible(),
                diagnostics: r
                    .diagnostics
                    .iter()
                    .map(|d| DiagnosticJson {
                        row: d.row,
                        column: d.column.as_deref(),
                        code: d.code(),
                        severity: d.severity,
                        message: d.message(lang),
                        value: d.value.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
        errors: summary.errors,
        warnings: summary.warnings,
    };
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        crate::cli::Cli::command().debug_assert();
    }
}
