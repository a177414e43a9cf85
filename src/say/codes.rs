//! `docs/codes.md` from the catalogue: the table of the diagnostic codes (`Code::doc`) and
//! the table of the `rules lint` codes (`say::rules::lint_doc`) are written from the code types, in
//! their order, between the text around them, which stays the document's own. A test
//! (`tests/integration/codes.rs`) keeps the file equal to what this writes, and rewrites it
//! when asked (`SECPA_BLESS=1`).

use crate::diagnostic::prelude::*;
use crate::diagnostic::Code;
use crate::rules::fault::LintCode;
use crate::Lang;

/// The header row of both tables: what follows its separator row, up to the first line that
/// is not a row, is written here.
const HEADER: &str = "| code | gravité | ce qui est signalé | que faire |";

/// The rows of the diagnostic codes, one per code of [`Code::ALL`].
pub fn diagnostic_rows() -> String {
    Code::ALL
        .iter()
        .map(|&c| {
            let (what, fix) = c.doc(Lang::Fr);
            format!(
                "| {c} | {} | {what} | {fix} |\n",
                c.severity().label(Lang::Fr)
            )
        })
        .collect()
}

/// The rows of the `rules lint` codes, one per code of [`LintCode::ALL`].
pub fn lint_rows() -> String {
    LintCode::ALL
        .iter()
        .map(|&c| {
            let (what, fix) = super::rules::lint_doc(c, Lang::Fr);
            format!(
                "| {c} | {} | {what} | {fix} |\n",
                c.severity().label(Lang::Fr)
            )
        })
        .collect()
}

/// `docs/codes.md` as the catalogue writes it: `text` (the current file) with the rows of
/// its first table replaced by [`diagnostic_rows`] and those of its second by
/// [`lint_rows`]. `None` when `text` does not have the two tables.
pub fn markdown(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut tables = [diagnostic_rows(), lint_rows()].into_iter();
    let mut lines = text.split_inclusive('\n').peekable();
    let mut done = 0;
    while let Some(line) = lines.next() {
        out.push_str(line);
        if line.trim_end() != HEADER {
            continue;
        }
        // The separator row, then the rows, which are replaced.
        out.push_str(lines.next().filter(|l| l.starts_with("|-"))?);
        while lines.peek().is_some_and(|l| l.starts_with('|')) {
            lines.next();
        }
        out.push_str(&tables.next()?);
        done += 1;
    }
    (done == 2).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_between_the_text_are_the_catalogue() {
        let text = format!(
            "# Codes\n\nintro\n\n{HEADER}\n|------|\n| E001 | old |\n| X | y |\n\nmiddle\n\n{HEADER}\n|---|\n| R001 | old |\nend\n"
        );
        let out = markdown(&text).expect("two tables");
        assert!(out.starts_with(&format!(
            "# Codes\n\nintro\n\n{HEADER}\n|------|\n| E001 | erreur | "
        )));
        assert!(!out.contains("old") && !out.contains("| X |"));
        assert!(out.contains(&format!(
            "\n\nmiddle\n\n{HEADER}\n|---|\n| R001 | erreur | "
        )));
        assert!(out.ends_with(" |\nend\n"), "{out}");
        assert_eq!(
            out.matches("\n| E").count(),
            diagnostic_rows().matches("| E").count()
        );
        assert_eq!(out.matches("\n| R0").count(), LintCode::ALL.len());
        // Written again, the same: the rows are the catalogue's whatever they were.
        assert_eq!(markdown(&out).as_deref(), Some(out.as_str()));
        assert_eq!(markdown("no table"), None);
        assert_eq!(markdown(&format!("{HEADER}\n|-|\n| a |\n")), None);
    }
}
