//! Every value of a rule version flattened to `key path → value and provenance`, so that two
//! versions can be compared value by value (`secpa diff`): amounts, scales, eligibility
//! (including the QPV list), budget envelopes, validity and the sources themselves. Values
//! stay typed: `secpa diff`'s renderers write them (`report::rule_labels::flat`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Value, Version};

/// What a flattened entry holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FlatValue {
    /// A value of the table of rule values (`rules::table`).
    Rule(Value),
    /// The version's validity dates.
    Date(NaiveDate),
    /// A budget envelope's amount.
    Amount(Decimal),
    /// A source: its title and NOR.
    Source { text: String, nor: Option<String> },
}

/// One value and where it comes from, as compared between versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Flat {
    pub value: FlatValue,
    /// Id of the source (empty for the version's own dates).
    pub source: String,
    pub provisional: bool,
    pub reference: Option<String>,
}

/// A value that differs between two versions; `None` where a version lacks the key.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: String,
    pub old: Option<Flat>,
    pub new: Option<Flat>,
}

/// Every value of a version by key path (sorted, so comparisons print in a stable order).
/// Two values compare as typed values: a decimal written `2.5` or `2.50` is the same.
pub fn flatten(version: &Version) -> BTreeMap<String, Flat> {
    let r = &version.rules;
    let mut out = BTreeMap::new();
    let dated = |d: &chrono::NaiveDate| Flat {
        value: FlatValue::Date(*d),
        source: String::new(),
        provisional: false,
        reference: None,
    };
    out.insert("valid_from".to_owned(), dated(r.valid_from.get_ref()));
    out.insert("valid_until".to_owned(), dated(r.valid_until.get_ref()));
    for p in version.values() {
        out.insert(
            p.path,
            Flat {
                value: FlatValue::Rule(p.value),
                source: p.source_id,
                provisional: p.provisional,
                reference: p.reference,
            },
        );
    }
    // Envelopes are keyed by their period: the same period in two versions is the same
    // envelope, whose amount or source may have changed.
    for env in &r.budget {
        let env = env.get_ref();
        out.insert(
            format!("budget[{} → {}]", env.from, env.until),
            Flat {
                value: FlatValue::Amount(env.amount.0),
                source: env.source.get_ref().clone(),
                provisional: env.provisional,
                reference: env.reference.clone(),
            },
        );
    }
    for s in &r.sources {
        let s = s.get_ref();
        out.insert(
            format!("sources[{}]", s.id),
            Flat {
                value: FlatValue::Source {
                    text: s.text.clone(),
                    nor: s.nor.clone(),
                },
                // The key already names the source.
                source: String::new(),
                provisional: false,
                reference: None,
            },
        );
    }
    out
}

/// The values that differ between two versions (value, source, provisional flag or
/// reference), in key order; notes and titles are commentary and not compared.
pub fn changes(old: &Version, new: &Version) -> Vec<Change> {
    let (old, new) = (flatten(old), flatten(new));
    let mut paths: Vec<&String> = old.keys().chain(new.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|p| {
            let (o, n) = (old.get(p), new.get(p));
            (o != n).then(|| Change {
                path: p.clone(),
                old: o.cloned(),
                new: n.cloned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn the_2024_version_changes_the_qpv_list() {
        let set = RuleSet::embedded().unwrap();
        let c = changes(
            set.get("2022-02-03").unwrap(),
            set.get("2024-01-01").unwrap(),
        );
        let qpv = c.iter().find(|c| c.path == "eligibility.qpv_list").unwrap();
        let qpv_list = |f: &Option<Flat>| match &f.as_ref().unwrap().value {
            FlatValue::Rule(Value::Qpv(q)) => q.to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(qpv_list(&qpv.old), "2015");
        assert_eq!(qpv_list(&qpv.new), "2024");
        assert!(c.iter().all(|c| !c.path.starts_with("dotations.")));
    }

    #[test]
    fn a_version_does_not_differ_from_itself() {
        let set = RuleSet::embedded().unwrap();
        let v = set.get("2021-08-01").unwrap();
        assert!(changes(v, v).is_empty());
    }
}
