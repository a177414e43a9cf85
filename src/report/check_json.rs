//! `secpa check --format json`: the one writer of the document, for the command line (files
//! streamed one after the other, each diagnostic written as it is found) and for the web
//! page (its one file). serde writes every value; the writer only places them.

use std::io::{self, Write};

use super::json::Indent;
use crate::diagnostic::prelude::*;
use crate::diagnostic::Diagnostic;
use crate::pipeline::FileSummary;
use crate::Lang;

/// The document, written as it goes into `out`.
pub struct CheckJson<W: Write> {
    out: W,
    lang: Lang,
    /// Files begun.
    files: usize,
    /// Diagnostics written in the current file's array.
    diagnostics: usize,
}

impl<W: Write> CheckJson<W> {
    /// Opens the document: `{"files": [`.
    pub fn begin(mut out: W, lang: Lang) -> io::Result<CheckJson<W>> {
        out.write_all(b"{\n  \"files\": [")?;
        Ok(CheckJson {
            out,
            lang,
            files: 0,
            diagnostics: 0,
        })
    }

    /// Opens a file's object, up to its diagnostics array.
    pub fn file(&mut self, path: &str) -> io::Result<()> {
        let open: &[u8] = if self.files == 0 {
            b"\n    {\n"
        } else {
            b",\n    {\n"
        };
        self.out.write_all(open)?;
        self.out.write_all(b"      \"path\": ")?;
        serde_json::to_writer(&mut self.out, path)?;
        self.out.write_all(b",\n      \"diagnostics\": [")?;
        self.files += 1;
        self.diagnostics = 0;
        Ok(())
    }

    /// One diagnostic of the current file, in the one JSON shape of every output.
    pub fn diagnostic(&mut self, d: &Diagnostic) -> io::Result<()> {
        let sep: &[u8] = if self.diagnostics == 0 {
            b"\n        "
        } else {
            b",\n        "
        };
        self.out.write_all(sep)?;
        let indented = Indent::new(&mut self.out, b"        ");
        serde_json::to_writer_pretty(indented, &d.json(self.lang))?;
        self.diagnostics += 1;
        Ok(())
    }

    /// Closes the current file's object with what reading it gave.
    pub fn end_file(&mut self, summary: &FileSummary) -> io::Result<()> {
        let close: &[u8] = if self.diagnostics == 0 {
            b"]"
        } else {
            b"\n      ]"
        };
        self.out.write_all(close)?;
        write!(
            self.out,
            ",\n      \"usable\": {},\n      \"structures\": {},\n      \"eligible\": {}\n    }}",
            summary.usable,
            summary.structures,
            summary.accepted()
        )
    }

    /// Closes the document with the run's counts, and gives the writer back.
    pub fn end(mut self, errors: u64, warnings: u64) -> io::Result<W> {
        write!(
            self.out,
            "\n  ],\n  \"errors\": {errors},\n  \"warnings\": {warnings}\n}}\n"
        )?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indent_places_every_line_after_the_first() {
        let mut out = Vec::new();
        let mut w = Indent::new(&mut out, b"  ");
        w.write_all(b"{\n\"a\": 1\n}").unwrap();
        assert_eq!(out, b"{\n  \"a\": 1\n  }");
    }

    /// The document is JSON, and an empty file's array is written `[]`.
    #[test]
    fn a_document_of_two_files_is_json() {
        let mut doc = CheckJson::begin(Vec::new(), Lang::Fr).unwrap();
        let summary = FileSummary {
            name: "a.csv".into(),
            usable: true,
            structures: 2,
            ..FileSummary::default()
        };
        doc.file("a.csv").unwrap();
        let d = Diagnostic::new(
            "a.csv",
            Some(3),
            Some("finess"),
            Some("12"),
            crate::diagnostic::Problem::MissingValue,
        );
        doc.diagnostic(&d).unwrap();
        doc.diagnostic(&d).unwrap();
        doc.end_file(&summary).unwrap();
        doc.file("b.csv").unwrap();
        doc.end_file(&summary).unwrap();
        let bytes = doc.end(2, 0).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            value["files"][0]["diagnostics"].as_array().unwrap().len(),
            2
        );
        assert_eq!(value["files"][1]["diagnostics"], serde_json::json!([]));
        assert_eq!(value["errors"], 2);
        assert!(String::from_utf8(bytes)
            .unwrap()
            .contains("\"diagnostics\": []"));
    }
}
