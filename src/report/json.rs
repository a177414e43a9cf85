//! JSON for programs: amounts as strings with two decimals ("57000.00"), exact.

use serde::Serialize;

use super::{number_plain, ComputeReport};

#[derive(Serialize)]
struct Json<'a> {
    rules: Vec<RuleJson<'a>>,
    year: Option<i32>,
    structures: Vec<StructureJson<'a>>,
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
    let json = Json {
        rules: report
            .versions()
            .map(|v| RuleJson {
                id: &v.rules.id,
                title: &v.rules.title,
                valid_from: v.rules.valid_from.get_ref().to_string(),
                valid_until: v.rules.valid_until.get_ref().to_string(),
                sha256: &v.sha256,
                provisional: v.provisional(),
            })
            .collect(),
        year: report.year,
        structures: report
            .structures
            .iter()
            .map(|s| {
                let d = &s.amounts.dotations;
                StructureJson {
                    row: s.row,
                    finess: s.finess.as_deref(),
                    nom: s.nom.as_deref(),
                    months: s.months,
                    rules: s
                        .versions
                        .iter()
                        .map(|&i| report.set.versions()[i].rules.id.as_str())
                        .collect(),
                    dotations: Dotations {
                        participative: number_plain(d.participative),
                        precarite: number_plain(d.precarite),
                        interpretariat: number_plain(d.interpretariat),
                        psychologique: number_plain(d.psychologique),
                    },
                    total: number_plain(s.amounts.total),
                    provisional: s.provisional.iter().map(|k| k.path()).collect(),
                }
            })
            .collect(),
        total: number_plain(report.total),
        provisional: report.structures.iter().any(|s| !s.provisional.is_empty()),
        errors: report
            .errors
            .iter()
            .map(|d| ErrorJson {
                file: &d.file,
                row: d.row,
                column: d.column.as_deref(),
                code: d.code(),
                severity: d.severity,
                value: d.value.as_deref(),
                message: d.message(report.lang),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&json).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
