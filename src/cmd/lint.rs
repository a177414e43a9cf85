//! `secpa rules lint [FILE…]`: prints the linter's findings compiler-style on stdout and a
//! summary; exit 1 when any is an error (warnings and information do not fail).

use std::path::PathBuf;

use crate::diagnostic::Severity;
use crate::rules::lint;
use crate::{Error, Lang, Outcome};

pub fn run(files: &[PathBuf], lang: Lang) -> Result<Outcome, Error> {
    let inputs = if files.is_empty() {
        lint::embedded_files()
    } else {
        files
            .iter()
            .map(|p| {
                std::fs::read_to_string(p)
                    .map(|text| (p.display().to_string(), text))
                    .map_err(|source| Error::Read {
                        path: p.display().to_string(),
                        source,
                    })
            })
            .collect::<Result<Vec<_>, _>>()?
    };
    let findings = lint::lint(&inputs, crate::today()?);
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
            f.message
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
            inputs.len()
        ),
        Lang::En => format!(
            "{} file(s): {errors} error(s), {warnings} warning(s), {infos} info\n",
            inputs.len()
        ),
    });
    crate::output::write_stdout(out.as_bytes())?;
    Ok(if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}
