//! Every value of a rule version flattened to `key path → value and provenance`, so that two
//! versions can be compared value by value (`secpa diff`): amounts, scales, eligibility
//! (including the QPV list), budget envelopes, validity and the sources themselves.

use std::collections::BTreeMap;

use super::Version;
use crate::report::rule_labels;
use crate::Lang;

/// One value and where it comes from, as compared between versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flat {
    pub value: String,
    /// Id of the source (empty for the version's own dates).
    pub source: String,
    pub provisional: bool,
    pub reference: Option<String>,
}

/// A value that differs between two versions; `None` where a version lacks the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub old: Option<Flat>,
    pub new: Option<Flat>,
}

/// Every value of a version by key path (sorted, so comparisons print in a stable order),
/// written as `lang` writes numbers ([`rule_labels::raw`]; French: as the file's values
/// print).
pub fn flatten(version: &Version, lang: Lang) -> BTreeMap<String, Flat> {
    let r = &version.rules;
    let mut out = BTreeMap::new();
    let dated = |d: &chrono::NaiveDate| Flat {
        value: d.to_string(),
        source: String::new(),
        provisional: false,
        reference: None,
    };
    out.insert("valid_from".to_owned(), dated(r.valid_from.get_ref()));
    out.insert("valid_until".to_owned(), dated(r.valid_until.get_ref()));
    for key in version.keys() {
        let p = version.provenance(key);
        out.insert(
            p.path,
            Flat {
                value: match lang {
                    Lang::Fr => p.value,
                    Lang::En => rule_labels::raw(version, key, lang),
                },
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
                value: rule_labels::number(&env.amount.to_string(), lang),
                source: env.source.get_ref().clone(),
                provisional: env.provisional,
                reference: env.reference.clone(),
            },
        );
    }
    for s in &r.sources {
        let s = s.get_ref();
        let mut value = s.text.clone();
        if let Some(nor) = &s.nor {
            value.push_str(&format!(" (NOR {nor})"));
        }
        out.insert(
            format!("sources[{}]", s.id),
            Flat {
                value,
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
pub fn changes(old: &Version, new: &Version, lang: Lang) -> Vec<Change> {
    let (old, new) = (flatten(old, lang), flatten(new, lang));
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
            Lang::Fr,
        );
        let qpv = c.iter().find(|c| c.path == "eligibility.qpv_list").unwrap();
        assert_eq!(qpv.old.as_ref().unwrap().value, "2015");
        assert_eq!(qpv.new.as_ref().unwrap().value, "2024");
        assert!(c.iter().all(|c| !c.path.starts_with("dotations.")));
    }

    #[test]
    fn a_version_does_not_differ_from_itself() {
        let set = RuleSet::embedded().unwrap();
        let v = set.get("2021-08-01").unwrap();
        assert!(changes(v, v, Lang::Fr).is_empty());
        assert!(changes(v, v, Lang::En).is_empty());
    }
}
