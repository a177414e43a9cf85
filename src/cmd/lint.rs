//! `secpa rules lint [FILE…]`: prints the linter's findings compiler-style on stdout and a
//! summary; exit 1 when any is an error (warnings and information do not fail).

use crate::diagnostic::prelude::*;
use secpa_core::Error as CoreError;
use std::path::PathBuf;

use crate::diagnostic::Severity;
use crate::rules::lint;
use crate::{Error, Lang, Outcome};

pub fn run(files: &[PathBuf], lang: Lang) -> Result<Outcome, Error> {
    let mut too_large = Vec::new();
    let inputs = if files.is_empty() {
        lint::embedded_files()
    } else {
        let mut inputs = Vec::new();
        for p in files {
            match crate::rules::read(p) {
                Ok(text) => inputs.push((p.display().to_string(), text)),
                // Reported with the other findings, not as the end of the run.
                Err(CoreError::RuleFileTooLarge { path, limit }) => {
                    too_large.push(lint::Finding::too_large(&path, limit));
                }
                Err(e) => return Err(e.into()),
            }
        }
        inputs
    };
    let unread = too_large.len();
    let mut findings = too_large;
    findings.extend(lint::lint(&inputs, crate::today()?));
    let sep = match lang {
        Lang::Fr => " :",
        Lang::En => ":",
    };
    let mut out = String::new();
    for f in &findings {
        let key = f
            .key
            .as_deref()
            .map(|k| format!(" [{k}]"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}:{}:{}: {} {}{sep} {}{key}\n",
            f.origin,
            f.line,
            f.column,
            f.severity.label(lang),
            f.code,
            crate::say::rules::finding(f, lang)
        ));
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    out.push_str(&match lang {
        Lang::Fr => format!(
            "{} fichier(s) : {errors} erreur(s), {warnings} avertissement(s), {infos} information(s)\n",
            inputs.len() + unread
        ),
        Lang::En => format!(
            "{} file(s): {errors} error(s), {warnings} warning(s), {infos} info\n",
            inputs.len() + unread
        ),
    });
    crate::output::write_stdout(crate::terminal::safe(&out, true).as_bytes())?;
    Ok(if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}
