//! JSON for programs: amounts as strings with two decimals ("57000.00"), exact.

use serde::Serialize;

use rust_decimal::Decimal;

use super::{number_plain, ComputeReport, StructureResult};
use crate::diagnostic::Diagnostic;
use crate::rules::RuleSet;
use crate::Lang;

/// The part of the document before the structures.
#[derive(Serialize)]
struct Head<'a> {
    rules: Vec<RuleJson<'a>>,
    year: Option<i32>,
}

/// The part after the structures.
#[derive(Serialize)]
struct Tail<'a> {
    total: String,
    provisional: bool,
    errors: Vec<ErrorJson<'a>>,
}

#[derive(Serialize)]
struct RuleJson<'a> {
    id: &'a str,
    title: &'a str,
    valid_from: String,
    valid_until: String,
    sha256: &'a str,
    /// Every provisional value of the version.
    provisional: Vec<String>,
}

#[derive(Serialize)]
struct StructureJson<'a> {
    row: u64,
    finess: Option<&'a str>,
    nom: Option<&'a str>,
    months: Option<u32>,
    rules: Vec<&'a str>,
    dotations: Dotations,
    total: String,
    /// The provisional values these amounts rest on.
    provisional: Vec<String>,
}

#[derive(Serialize)]
struct Dotations {
    participative: String,
    precarite: String,
    interpretariat: String,
    psychologique: String,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    file: &'a str,
    row: Option<u64>,
    column: Option<&'a str>,
    code: &'a str,
    severity: crate::diagnostic::Severity,
    value: Option<&'a str>,
    message: String,
}

/// Renders the report as pretty JSON with a final newline.
pub fn render(report: &ComputeReport) -> Vec<u8> {
    let mut out = head(report.set, &report.used, report.year);
    let mut writer = Writer::new();
    for s in &report.structures {
        // Writing to a Vec cannot fail.
        let _ = writer.write(&mut out, s, report.set);
    }
    let provisional = report.structures.iter().any(|s| !s.provisional.is_empty());
    out.extend(writer.tail(report.total, provisional, &report.errors, report.lang));
    out
}

/// The document up to the opening of the structures array: `{"rules": […], "year": …,
/// "structures": [`. The versions must be known before the first structure is written.
pub fn head(set: &RuleSet, used: &[usize], year: Option<i32>) -> Vec<u8> {
    let head = Head {
        rules: used
            .iter()
            .map(|&i| {
                let v = &set.versions()[i];
                RuleJson {
                    id: &v.rules.id,
                    title: &v.rules.title,
                    valid_from: v.rules.valid_from.get_ref().to_string(),
                    valid_until: v.rules.valid_until.get_ref().to_string(),
                    sha256: &v.sha256,
                    provisional: v.provisional(),
                }
            })
            .collect(),
        year,
    };
    let mut bytes = serde_json::to_vec_pretty(&head).unwrap_or_default();
    // Reopen the object: drop its closing "\n}" and continue with the structures.
    bytes.truncate(bytes.len().saturating_sub(2));
    bytes.extend_from_slice(b",\n  \"structures\": [");
    bytes
}

/// Writes structures one at a time inside the array opened by [`head`], indented as
/// `serde_json`'s pretty printer would, so the streamed document is byte for byte the one
/// a single `to_vec_pretty` would give.
#[derive(Default)]
pub struct Writer {
    count: u64,
    buffer: Vec<u8>,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    /// Writes one structure; `Vec` and file writers alike.
    pub fn write<W: std::io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        s: &StructureResult,
        set: &RuleSet,
    ) -> std::io::Result<()> {
        let d = &s.amounts.dotations;
        let json = StructureJson {
            row: s.row,
            finess: s.finess.as_deref(),
            nom: s.nom.as_deref(),
            months: s.months,
            rules: s
                .versions
                .iter()
                .map(|&i| set.versions()[i].rules.id.as_str())
                .collect(),
            dotations: Dotations {
                participative: number_plain(d.participative),
                precarite: number_plain(d.precarite),
                interpretariat: number_plain(d.interpretariat),
                psychologique: number_plain(d.psychologique),
            },
            total: number_plain(s.amounts.total),
            provisional: s.provisional.iter().map(|k| k.path()).collect(),
        };
        self.buffer.clear();
        self.buffer.extend_from_slice(if self.count == 0 {
            b"\n    "
        } else {
            b",\n    "
        });
        let start = self.buffer.len();
        serde_json::to_writer_pretty(&mut self.buffer, &json).map_err(std::io::Error::other)?;
        // A JSON string never holds a raw newline: every newline is between tokens.
        let mut indented = Vec::with_capacity(self.buffer.len() + 256);
        indented.extend_from_slice(&self.buffer[..start]);
        for &b in &self.buffer[start..] {
            indented.push(b);
            if b == b'\n' {
                indented.extend_from_slice(b"    ");
            }
        }
        self.count += 1;
        out.write_all(&indented)
    }

    /// The end of the document, from the closing of the structures array.
    pub fn tail(
        &self,
        total: Decimal,
        provisional: bool,
        errors: &[Diagnostic],
        lang: Lang,
    ) -> Vec<u8> {
        let tail = Tail {
            total: number_plain(total),
            provisional,
            errors: errors
                .iter()
                .map(|d| ErrorJson {
                    file: &d.file,
                    row: d.row,
                    column: d.column.as_deref(),
                    code: d.code(),
                    severity: d.severity,
                    value: d.value.as_deref(),
                    message: d.message(lang),
                })
                .collect(),
        };
        let mut bytes: Vec<u8> = if self.count == 0 {
            b"]".to_vec()
        } else {
            b"\n  ]".to_vec()
        };
        let json = serde_json::to_vec_pretty(&tail).unwrap_or_default();
        // Continue the object: the tail's own opening brace is dropped.
        bytes.push(b',');
        bytes.extend_from_slice(json.get(1..).unwrap_or_default());
        bytes.push(b'\n');
        bytes
    }
}
