//! `secpa rules lint`: checks rule files beyond what loading them requires, and reports every
//! problem, even in a file the loader would reject, with a stable code (R001–R099,
//! `docs/codes.md`), its file, line and key. Pure: texts and today's date in, findings out.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::fault::Fault;
pub use super::fault::LintCode;
use super::{line_col, validate, RuleKey, Version};
use crate::diagnostic::Severity;

/// What `rules lint` found; its code (R001–R014) follows from it.
#[derive(Debug, Clone)]
pub enum Lint {
    /// R001: not TOML at all; the parser's (English) detail.
    Unreadable { detail: String },
    /// R001: a number where a decimal string is expected, as written in the file.
    Float { value: String },
    /// R001: the loader's refusal, in the TOML reader's (English) words.
    Rejected { message: String },
    /// R002–R005: a check of the loaded file.
    Rule(Fault),
    /// R005: a value without `source`, found before loading.
    MissingSource,
    /// R006.
    Decreasing { value: Decimal, previous: Decimal },
    /// R007.
    VersionsOverlap {
        id: String,
        from: NaiveDate,
        previous: String,
        until: NaiveDate,
    },
    /// R008.
    VersionsGap {
        previous: String,
        until: NaiveDate,
        id: String,
        from: NaiveDate,
    },
    /// R009.
    Ended {
        id: String,
        until: NaiveDate,
        today: NaiveDate,
    },
    /// R010: the provisional values of a version, by key, with the version that names
    /// them for people (a band's label is made of its bounds).
    Provisional {
        keys: Vec<RuleKey>,
        version: Arc<Version>,
    },
    /// R011.
    TooLarge { limit: u64 },
}

impl Lint {
    /// Its stable code (`docs/codes.md`).
    pub fn code(&self) -> LintCode {
        use LintCode::*;
        match self {
            Lint::Unreadable { .. } | Lint::Float { .. } | Lint::Rejected { .. } => R001,
            Lint::Rule(Fault::Gap { .. }) => R002,
            Lint::Rule(Fault::Overlap { .. }) => R003,
            Lint::Rule(Fault::UnknownSource { .. }) | Lint::MissingSource => R005,
            Lint::Rule(Fault::Unsupported { .. }) => R012,
            Lint::Rule(Fault::EnvelopesOverlap { .. }) => R013,
            Lint::Rule(Fault::DecimalsAboveCents { .. }) => R014,
            Lint::Rule(_) => R004,
            Lint::Decreasing { .. } => R006,
            Lint::VersionsOverlap { .. } => R007,
            Lint::VersionsGap { .. } => R008,
            Lint::Ended { .. } => R009,
            Lint::Provisional { .. } => R010,
            Lint::TooLarge { .. } => R011,
        }
    }
}

/// One finding of the linter.
#[derive(Debug, Clone)]
pub struct Finding {
    pub code: LintCode,
    pub severity: Severity,
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub key: Option<String>,
    /// What was found, as data: said in the reader's language by `crate::say::rules`.
    pub what: Lint,
}

impl Finding {
    /// R011: a file past the size a rule file may have; it is not read.
    pub fn too_large(origin: &str, limit: u64) -> Finding {
        Finding::new(origin, (1, 1), None, Lint::TooLarge { limit })
    }

    fn new(origin: &str, at: (usize, usize), key: Option<String>, what: Lint) -> Finding {
        let code = what.code();
        Finding {
            code,
            severity: code.severity(),
            origin: origin.to_owned(),
            line: at.0,
            column: at.1,
            key,
            what,
        }
    }
}

/// Tables holding a rule value (`value`, a scale band's `min`, an envelope's `amount`, or
/// the rounding rule) that have no `source`: reported, and given a placeholder source in the
/// returned text (inline tables only, on the same line) so the other checks can still run.
fn missing_sources(origin: &str, text: &str, findings: &mut Vec<Finding>) -> String {
    let Ok(doc) = DeTable::parse(text) else {
        return text.to_owned();
    };
    let placeholder = doc
        .get_ref()
        .get("sources")
        .and_then(|s| match s.get_ref() {
            DeValue::Array(a) => a.first(),
            _ => None,
        })
        .and_then(|s| match s.get_ref() {
            DeValue::Table(t) => t.get("id"),
            _ => None,
        })
        .and_then(|id| match id.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => None,
        })
        .unwrap_or_else(|| "lint".to_owned());
    let mut inserts = Vec::new();
    walk(doc.get_ref(), "", text, &mut |path, table, span| {
        let holds_value = ["value", "min", "amount", "mode"]
            .iter()
            .any(|k| table.get(*k).is_some());
        if holds_value && table.get("source").is_none() && !path.starts_with("sources") {
            findings.push(Finding::new(
                origin,
                line_col(text, span.start),
                Some(path.to_owned()),
                Lint::MissingSource,
            ));
            if text[span.start..].starts_with('{') {
                inserts.push(span.start + 1);
            }
        }
    });
    let mut patched = text.to_owned();
    inserts.sort_unstable();
    for at in inserts.into_iter().rev() {
        patched.insert_str(at, &format!(" source = \"{placeholder}\","));
    }
    patched
}

fn walk(
    table: &DeTable<'_>,
    path: &str,
    text: &str,
    f: &mut dyn FnMut(&str, &DeTable<'_>, std::ops::Range<usize>),
) {
    for (key, value) in table.iter() {
        let here = if path.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{path}.{}", key.get_ref())
        };
        visit(value, &here, text, f);
    }
}

fn visit(
    value: &Spanned<DeValue<'_>>,
    path: &str,
    text: &str,
    f: &mut dyn FnMut(&str, &DeTable<'_>, std::ops::Range<usize>),
) {
    match value.get_ref() {
        DeValue::Table(t) => {
            f(path, t, value.span());
            walk(t, path, text, f);
        }
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                visit(item, &format!("{path}[{i}]"), text, f);
            }
        }
        _ => {}
    }
}

/// A scale whose values must not decrease as the key grows (more patients or more poverty
/// never give less).
fn monotonic(
    origin: &str,
    text: &str,
    key: &str,
    values: &[(Decimal, std::ops::Range<usize>)],
    findings: &mut Vec<Finding>,
) {
    for (i, pair) in values.windows(2).enumerate() {
        if pair[1].0 < pair[0].0 {
            findings.push(Finding::new(
                origin,
                line_col(text, pair[1].1.start),
                Some(format!("{key}[{}]", i + 1)),
                Lint::Decreasing {
                    value: pair[1].0,
                    previous: pair[0].0,
                },
            ));
        }
    }
}

/// Lints one file; returns its findings and the version when it could be read.
pub fn lint_file(origin: &str, text: &str) -> (Vec<Finding>, Option<Arc<Version>>) {
    let mut findings = Vec::new();
    if let Err(e) = DeTable::parse(text) {
        let at = e.span().map_or((1, 1), |s| line_col(text, s.start));
        findings.push(Finding::new(
            origin,
            at,
            None,
            Lint::Unreadable {
                detail: e.message().to_owned(),
            },
        ));
        return (findings, None);
    }
    let mut patched = missing_sources(origin, text, &mut findings);
    // A number where a decimal string is expected is reported, then quoted in the patched
    // text and the loading tried again, so that it hides none of the file's other problems
    // (a gap in a scale, a missing source…). Bounded: one quote per value of the file.
    let mut attempts = 0;
    let rules: super::RuleFile = loop {
        let e = match toml::from_str(&patched) {
            Ok(r) => break r,
            Err(e) => e,
        };
        let at = e.span().map_or((1, 1), |s| line_col(&patched, s.start));
        let key = super::key_at_line(&patched, at.0);
        let number = e
            .span()
            .filter(|_| attempts < 1000 && e.message().contains(super::schema::DECIMAL_EXPECTED))
            .filter(|s| {
                let t = patched[s.clone()].trim();
                !t.is_empty() && t.parse::<f64>().is_ok()
            });
        if let Some(span) = number {
            attempts += 1;
            let value = patched[span.clone()].trim().to_owned();
            patched.replace_range(span, &format!("\"{value}\""));
            findings.push(Finding::new(origin, at, key, Lint::Float { value }));
            continue;
        }
        // A missing source in a standard table cannot be patched: already reported.
        if !(e.message().contains("missing field `source`")
            && findings.iter().any(|f| f.code == LintCode::R005))
        {
            findings.push(Finding::new(
                origin,
                at,
                key,
                Lint::Rejected {
                    message: e.message().to_owned(),
                },
            ));
        }
        return (findings, None);
    };
    for p in validate::validate(&rules, &patched, origin) {
        findings.push(Finding::new(
            origin,
            (p.line, p.column),
            p.key,
            Lint::Rule(p.fault),
        ));
    }
    let d = &rules.dotations;
    let etp: Vec<_> = d
        .participative
        .etp
        .iter()
        .map(|s| (s.get_ref().value.0, s.span()))
        .collect();
    monotonic(
        origin,
        &patched,
        "dotations.participative.etp",
        &etp,
        &mut findings,
    );
    let d2: Vec<_> = d
        .precarite
        .montant_par_patient
        .iter()
        .map(|s| (s.get_ref().value.0, s.span()))
        .collect();
    monotonic(
        origin,
        &patched,
        "dotations.precarite.montant_par_patient",
        &d2,
        &mut findings,
    );
    let version = Arc::new(Version::new(rules, origin, &patched));
    // The keys, with the version that names them for people when the finding is said.
    let keys = version.provisional_keys();
    if !keys.is_empty() {
        findings.push(Finding::new(
            origin,
            (1, 1),
            None,
            Lint::Provisional {
                keys,
                version: Arc::clone(&version),
            },
        ));
    }
    let clean = !findings.iter().any(|f| f.severity == Severity::Error);
    (findings, clean.then_some(version))
}

/// Lints a set of files: each file, then how their validity periods chain, then whether the
/// latest has ended (so that no version is in force today).
pub fn lint(files: &[(String, String)], today: NaiveDate) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut versions = Vec::new();
    for (origin, text) in files {
        let (mut f, v) = lint_file(origin, text);
        findings.append(&mut f);
        versions.extend(v);
    }
    versions.sort_by_key(|v| *v.rules.valid_from.get_ref());
    for pair in versions.windows(2) {
        let (a, b) = (&pair[0].rules, &pair[1].rules);
        let (until, from) = (*a.valid_until.get_ref(), *b.valid_from.get_ref());
        let at = line_col(&pair[1].text, b.valid_from.span().start);
        if from <= until {
            findings.push(Finding::new(
                &pair[1].origin,
                at,
                Some("valid_from".into()),
                Lint::VersionsOverlap {
                    id: b.id.clone(),
                    from,
                    previous: a.id.clone(),
                    until,
                },
            ));
        } else if until.succ_opt() != Some(from) {
            findings.push(Finding::new(
                &pair[1].origin,
                at,
                Some("valid_from".into()),
                Lint::VersionsGap {
                    previous: a.id.clone(),
                    until,
                    id: b.id.clone(),
                    from,
                },
            ));
        }
    }
    if let Some(last) = versions
        .iter()
        .max_by_key(|v| *v.rules.valid_until.get_ref())
    {
        let until = *last.rules.valid_until.get_ref();
        if until < today {
            findings.push(Finding::new(
                &last.origin,
                line_col(&last.text, last.rules.valid_until.span().start),
                Some("valid_until".into()),
                Lint::Ended {
                    id: last.rules.id.clone(),
                    until,
                    today,
                },
            ));
        }
    }
    findings.sort_by(|a, b| {
        (&a.origin, a.line, a.column, a.code).cmp(&(&b.origin, b.line, b.column, b.code))
    });
    findings
}

/// The shipped versions as (origin, text), for linting without arguments.
pub fn embedded_files() -> Vec<(String, String)> {
    super::embedded::FILES
        .iter()
        .map(|(name, text)| (format!("rules/{name}"), (*text).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_have_no_error() {
        let f = lint(&embedded_files(), "2026-11-25".parse().unwrap());
        assert!(f.iter().all(|f| f.severity != Severity::Error), "{f:?}");
        assert_eq!(f.iter().filter(|f| f.code == LintCode::R009).count(), 0);
        assert_eq!(f.iter().filter(|f| f.code == LintCode::R010).count(), 6);
        // After 31 December 2026 no version is in force: said once, on the last one.
        let f = lint(&embedded_files(), "2027-01-01".parse().unwrap());
        let r009: Vec<_> = f.iter().filter(|f| f.code == LintCode::R009).collect();
        assert_eq!(r009.len(), 1);
        assert_eq!(r009[0].origin, "rules/2026-11-01.toml");
    }

    #[test]
    fn a_quartier_vecu_threshold_outside_0_100_is_an_error() {
        let text = include_str!("../../../../rules/2021-08-01.toml").replace(
            "taux_pauvrete_quartier_vecu = { value = \"14.6\"",
            "taux_pauvrete_quartier_vecu = { value = \"146\"",
        );
        let f = lint(&[("x.toml".into(), text)], "2021-09-01".parse().unwrap());
        let r004: Vec<_> = f.iter().filter(|f| f.code == LintCode::R004).collect();
        assert_eq!(r004.len(), 1, "{f:?}");
        assert_eq!(
            r004[0].key.as_deref(),
            Some("eligibility.taux_pauvrete_quartier_vecu")
        );
    }

    /// R012: an assumption naming a behaviour this build does not apply, each at its key.
    #[test]
    fn r012_an_unsupported_assumption_is_an_error() {
        let text = include_str!("../../../../rules/2021-08-01.toml")
            .replace(
                "d3_calcul = { value = \"proportionnel\"",
                "d3_calcul = { value = \"par_trimestre\"",
            )
            .replace(
                "annee_file_active = { value = -1,",
                "annee_file_active = { value = 2,",
            )
            .replace(
                "value = [\"qpv_2015\", \"commune\"]",
                "value = [\"commune\", \"commune\"]",
            );
        let f = lint(&[("x.toml".into(), text)], "2021-09-01".parse().unwrap());
        let keys: Vec<_> = f
            .iter()
            .filter(|f| f.code == LintCode::R012)
            .map(|f| f.key.as_deref().unwrap_or_default())
            .collect();
        assert_eq!(
            keys,
            [
                "hypotheses.d3_calcul",
                "hypotheses.annee_file_active",
                "hypotheses.sources_taux_pauvrete"
            ],
            "{f:?}"
        );
        let what = &f.iter().find(|f| f.code == LintCode::R012).unwrap().what;
        let Lint::Rule(super::super::fault::Fault::Unsupported { found, supported }) = what else {
            panic!("{what:?}");
        };
        assert_eq!(found, "par_trimestre");
        assert!(
            supported.contains("proportionnel, par_mille_entame"),
            "{supported}"
        );
    }

    /// R013: two envelopes over the same day; R014: a third decimal no renderer writes.
    #[test]
    fn r013_overlapping_envelopes_and_r014_decimals_above_cents_are_errors() {
        let text = include_str!("../../../../rules/2021-08-01.toml")
            .replace("until = \"2022-12-31\"", "until = \"2023-03-31\"")
            .replace("decimals = 2", "decimals = 3");
        let f = lint(&[("x.toml".into(), text)], "2021-09-01".parse().unwrap());
        let r013: Vec<_> = f.iter().filter(|f| f.code == LintCode::R013).collect();
        assert_eq!(r013.len(), 1, "{f:?}");
        assert_eq!(r013[0].key.as_deref(), Some("budget[2]"));
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(
            matches!(
                r013[0].what,
                Lint::Rule(super::super::fault::Fault::EnvelopesOverlap { first, second })
                    if first == (day("2022-01-01"), day("2023-03-31"))
                        && second == (day("2023-01-01"), day("2023-12-31"))
            ),
            "{:?}",
            r013[0].what
        );
        let r014: Vec<_> = f.iter().filter(|f| f.code == LintCode::R014).collect();
        assert_eq!(r014.len(), 1, "{f:?}");
        assert_eq!(r014[0].key.as_deref(), Some("rounding.decimals"));
    }

    #[test]
    fn a_missing_inline_source_is_reported_and_the_rest_still_checked() {
        let text = include_str!("../../../../rules/2022-02-03.toml")
            .replace(
                "plafond = { value = \"66000\", source = \"avis-ctis-2021-07\",",
                "plafond = { value = \"66000\",",
            )
            .replace(
                "{ min = \"25\", below = \"35\"",
                "{ min = \"26\", below = \"35\"",
            );
        let f = lint(&[("x.toml".into(), text)], "2022-03-01".parse().unwrap());
        let codes: Vec<_> = f.iter().map(|f| f.code).collect();
        assert!(codes.contains(&LintCode::R005), "{f:?}");
        assert!(codes.contains(&LintCode::R002), "{f:?}");
    }
}
