//! JSON for programs: amounts as strings with two decimals ("57000.00"), exact.

use crate::diagnostic::prelude::*;
use std::io::Write as _;

use serde::Serialize;

use rust_decimal::Decimal;

use super::{number_plain, ComputeReport, StructureView};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{RuleSet, VersionId};
use crate::Lang;

/// The part after the structures.
#[derive(Serialize)]
struct Tail {
    total: String,
    provisional: bool,
    /// Candidature columns absent from the file: the eligibility checks needing them did
    /// not run (empty when every check ran).
    eligibility_unchecked: Vec<&'static str>,
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

/// A JSON string, escaped as serde_json escapes it, or `null`.
fn push_string_or_null(out: &mut Vec<u8>, text: Option<&str>) {
    // Writing to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &text);
}

/// An array of strings as a member of a structure: `[]` when empty, else one per line.
fn push_array(out: &mut Vec<u8>, items: &[impl AsRef<str>]) {
    if items.is_empty() {
        out.extend_from_slice(b"[]");
        return;
    }
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"\n        ");
        push_string_or_null(out, Some(item.as_ref()));
    }
    out.extend_from_slice(b"\n      ]");
}

/// Renders the report as pretty JSON with a final newline.
pub fn render(report: &ComputeReport) -> Vec<u8> {
    let mut out = head(report.set, &report.used, report.year);
    let mut writer = Writer::new();
    for s in &report.structures {
        // Writing to a Vec cannot fail.
        let _ = writer.write(&mut out, &s.view(), report.set);
    }
    let provisional = report.structures.iter().any(|s| !s.provisional.is_empty());
    out.extend(writer.tail(
        report.total,
        provisional,
        &report.unchecked,
        &report.errors,
        report.lang,
    ));
    out
}

/// The document up to the opening of the structures array: `{"rules": […], "year": …,
/// "structures": [`. The versions must be known before the first structure is written.
pub fn head(set: &RuleSet, used: &[VersionId], year: Option<i32>) -> Vec<u8> {
    let rules: Vec<RuleJson> = used
        .iter()
        .map(|&i| {
            let v = set.version(i);
            RuleJson {
                id: &v.rules.id,
                title: &v.rules.title,
                valid_from: v.rules.valid_from.get_ref().to_string(),
                valid_until: v.rules.valid_until.get_ref().to_string(),
                sha256: v.sha256(),
                provisional: v.provisional(),
            }
        })
        .collect();
    let mut bytes = b"{\n  \"rules\": ".to_vec();
    // Writing to a Vec cannot fail.
    let _ = serde_json::to_writer_pretty(Indent::new(&mut bytes, b"  "), &rules);
    bytes.extend_from_slice(b",\n  \"year\": ");
    let _ = serde_json::to_writer(&mut bytes, &year);
    bytes.extend_from_slice(b",\n  \"structures\": [");
    bytes
}

/// Writes through `inner`, every line after the first indented by `prefix`: serde's pretty
/// printer writes a value at depth 0, this places it deeper in a document being streamed
/// (the compute and check documents).
pub(crate) struct Indent<'a, W: std::io::Write> {
    inner: &'a mut W,
    prefix: &'static [u8],
}

impl<'a, W: std::io::Write> Indent<'a, W> {
    pub(crate) fn new(inner: &'a mut W, prefix: &'static [u8]) -> Self {
        Indent { inner, prefix }
    }
}

impl<W: std::io::Write> std::io::Write for Indent<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            self.inner.write_all(&rest[..=i])?;
            self.inner.write_all(self.prefix)?;
            rest = &rest[i + 1..];
        }
        self.inner.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes structures one at a time inside the array opened by [`head`], indented as
/// `serde_json`'s pretty printer would, so the streamed document is byte for byte the one
/// a single `to_vec_pretty` would give (the snapshots and a test below check it). Written
/// by hand: serde's pretty printer, then re-indenting, was most of JSON's time per row.
#[derive(Default)]
pub struct Writer {
    count: u64,
    buffer: Vec<u8>,
    /// (versions, provisional values) → their rendered `"rules"` and `"provisional"`
    /// members: rows share a handful of combinations.
    #[allow(clippy::type_complexity)]
    trace: Vec<(Vec<VersionId>, Vec<crate::rules::RuleKey>, Vec<u8>, Vec<u8>)>,
}

/// Indentation of a structure's members inside the document.
const MEMBER: &[u8] = b"\n      ";

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    /// Writes one structure; `Vec` and file writers alike.
    pub fn write<W: std::io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        s: &StructureView,
        set: &RuleSet,
    ) -> std::io::Result<()> {
        let index = self.trace_index(s, set);
        let mut b = std::mem::take(&mut self.buffer);
        b.clear();
        b.extend_from_slice(if self.count == 0 {
            b"\n    {"
        } else {
            b",\n    {"
        });
        b.extend_from_slice(MEMBER);
        // Writing to a Vec cannot fail.
        let _ = write!(b, "\"row\": {},", s.row);
        for (name, value) in [("finess", &s.finess), ("nom", &s.nom)] {
            b.extend_from_slice(MEMBER);
            b.push(b'"');
            b.extend_from_slice(name.as_bytes());
            b.extend_from_slice(b"\": ");
            push_string_or_null(&mut b, value.as_deref());
            b.push(b',');
        }
        b.extend_from_slice(MEMBER);
        match s.months {
            Some(m) => {
                let _ = write!(b, "\"months\": {m},");
            }
            None => b.extend_from_slice(b"\"months\": null,"),
        }
        b.extend_from_slice(&self.trace[index].2);
        b.extend_from_slice(MEMBER);
        b.extend_from_slice(b"\"dotations\": {");
        let d = &s.amounts.dotations;
        let amounts = [
            ("participative", d.participative),
            ("precarite", d.precarite),
            ("interpretariat", d.interpretariat),
            ("psychologique", d.psychologique),
        ];
        for (i, (name, amount)) in amounts.iter().enumerate() {
            b.extend_from_slice(b"\n        \"");
            b.extend_from_slice(name.as_bytes());
            b.extend_from_slice(b"\": \"");
            super::push_plain_bytes(&mut b, *amount, b'.');
            b.extend_from_slice(if i < 3 { b"\"," } else { b"\"" });
        }
        b.extend_from_slice(b"\n      },");
        b.extend_from_slice(MEMBER);
        b.extend_from_slice(b"\"total\": \"");
        super::push_plain_bytes(&mut b, s.amounts.total, b'.');
        b.extend_from_slice(b"\",");
        b.extend_from_slice(&self.trace[index].3);
        b.extend_from_slice(b"\n    }");
        self.count += 1;
        let result = out.write_all(&b);
        self.buffer = b;
        result
    }

    /// Where the rendered `"rules"` and `"provisional"` members of a structure are.
    fn trace_index(&mut self, s: &StructureView, set: &RuleSet) -> usize {
        let known = self
            .trace
            .iter()
            .position(|(v, p, _, _)| v == s.versions && p == s.provisional);
        if let Some(i) = known {
            return i;
        }
        let ids: Vec<&str> = s
            .versions
            .iter()
            .map(|&i| set.version(i).rules.id.as_str())
            .collect();
        let mut rules = MEMBER.to_vec();
        rules.extend_from_slice(b"\"rules\": ");
        push_array(&mut rules, &ids);
        rules.push(b',');
        let paths: Vec<String> = s.provisional.iter().map(|k| k.path()).collect();
        let mut provisional = MEMBER.to_vec();
        provisional.extend_from_slice(b"\"provisional\": ");
        push_array(&mut provisional, &paths);
        // Bounded: with --year the combinations are still a few hundred at most.
        if self.trace.len() == 256 {
            self.trace.clear();
        }
        self.trace.push((
            s.versions.to_vec(),
            s.provisional.to_vec(),
            rules,
            provisional,
        ));
        self.trace.len() - 1
    }

    /// The end of the document, from the closing of the structures array.
    pub fn tail(
        &self,
        total: Decimal,
        provisional: bool,
        unchecked: &[crate::candidature::Column],
        errors: &[Diagnostic],
        lang: Lang,
    ) -> Vec<u8> {
        let mut out = self.tail_open(total, provisional, unchecked);
        let mut previous = None;
        for severity in Severity::ALL {
            let of: Vec<&Diagnostic> = errors.iter().filter(|d| d.severity == severity).collect();
            if let Some(count) = previous {
                out.extend(next_array(count, severity));
            }
            for (i, d) in of.iter().enumerate() {
                out.extend(error_entry(d, lang, i == 0));
            }
            previous = Some(of.len());
        }
        out.extend(tail_close(previous.unwrap_or(0)));
        out
    }

    /// The end of the document up to the opening of the `"errors"` array, whose entries
    /// ([`error_entry`]) may then be streamed, and [`tail_close`] ends it.
    pub fn tail_open(
        &self,
        total: Decimal,
        provisional: bool,
        unchecked: &[crate::candidature::Column],
    ) -> Vec<u8> {
        let tail = Tail {
            total: number_plain(total),
            provisional,
            eligibility_unchecked: unchecked.iter().map(|c| c.name()).collect(),
        };
        let mut bytes: Vec<u8> = if self.count == 0 {
            b"]".to_vec()
        } else {
            b"\n  ]".to_vec()
        };
        let json = serde_json::to_vec_pretty(&tail).unwrap_or_default();
        // Continue the object: the tail's own braces are dropped.
        bytes.push(b',');
        bytes.extend_from_slice(
            json.get(1..json.len().saturating_sub(2))
                .unwrap_or_default(),
        );
        bytes.extend_from_slice(b",\n  \"errors\": [");
        bytes
    }
}

/// One entry of the `"errors"` array, as the pretty-printed document lays it out.
pub fn error_entry(d: &Diagnostic, lang: Lang, first: bool) -> Vec<u8> {
    let pretty = serde_json::to_string_pretty(&d.json(lang)).unwrap_or_default();
    let mut out = if first { Vec::new() } else { b",".to_vec() };
    out.extend_from_slice(b"\n    ");
    out.extend_from_slice(pretty.replace('\n', "\n    ").as_bytes());
    out
}

/// The diagnostics' arrays of the document, in order: errors, warnings, notes (the
/// diagnostics of `secpa check --format json`, kept apart by severity).
pub fn array_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "errors",
        Severity::Warning => "warnings",
        Severity::Info => "notes",
    }
}

/// The end of the array before `severity`'s, of `count` entries, and the opening of
/// `severity`'s.
pub fn next_array(count: usize, severity: Severity) -> Vec<u8> {
    let mut out = if count == 0 {
        b"]".to_vec()
    } else {
        b"\n  ]".to_vec()
    };
    out.extend_from_slice(format!(",\n  \"{}\": [", array_name(severity)).as_bytes());
    out
}

/// The end of the last diagnostics' array (`"notes"`) of `count` entries, and of the
/// document.
pub fn tail_close(count: usize) -> &'static [u8] {
    if count == 0 {
        b"]\n}\n"
    } else {
        b"\n  ]\n}\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Amounts, PerDotation};
    use crate::report::StructureResult;
    use crate::rules::RuleKey;

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

    /// What the writer replaced: serde's pretty printer, re-indented by four spaces.
    fn by_serde(s: &StructureResult, set: &RuleSet) -> Vec<u8> {
        let d = &s.amounts.dotations;
        let json = StructureJson {
            row: s.row,
            finess: s.finess.as_deref(),
            nom: s.nom.as_deref(),
            months: s.months,
            rules: s
                .versions
                .iter()
                .map(|&i| set.version(i).rules.id.as_str())
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
        let pretty = serde_json::to_vec_pretty(&json).unwrap();
        let mut out = b"\n    ".to_vec();
        for b in pretty {
            out.push(b);
            if b == b'\n' {
                out.extend_from_slice(b"    ");
            }
        }
        out
    }

    #[test]
    fn structures_are_written_as_serde_pretty_prints_them() {
        let set = RuleSet::embedded().unwrap();
        let amount = |s: &str| s.parse::<Decimal>().unwrap();
        let dotations = PerDotation {
            participative: amount("100000.00"),
            precarite: amount("0"),
            interpretariat: amount("1234.5"),
            psychologique: amount("66000"),
        };
        let id: Vec<VersionId> = set.ids().collect();
        let cases = [
            (
                Some("590000000"),
                Some("Centre « Santé » \"A\"\\\t"),
                None,
                vec![id[1]],
                vec![RuleKey::Rounding, RuleKey::Etp(2)],
            ),
            (None, None, Some(7), vec![id[0], id[1]], vec![]),
            (
                Some("=1+1"),
                Some("é\u{1}"),
                Some(0),
                vec![],
                vec![RuleKey::MontantParPatient(3)],
            ),
        ];
        for (finess, nom, months, versions, provisional) in cases {
            let s = StructureResult {
                row: 42,
                finess: finess.map(str::to_owned),
                nom: nom.map(str::to_owned),
                months,
                amounts: Amounts {
                    dotations,
                    total: amount("167234.50"),
                },
                versions,
                provisional,
            };
            let mut ours = Vec::new();
            Writer::new().write(&mut ours, &s.view(), &set).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(by_serde(&s, &set)).unwrap()
            );
        }
    }
}
