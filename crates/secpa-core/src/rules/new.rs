//! `secpa rules new ID`: the text of the next version, written from the one it follows. The
//! values and sources are kept, every value becomes provisional (no text is known for the
//! new period until the maintainer confirms it), the previous file's corrections are
//! dropped (they are that file's), and a header lists what to confirm. What the header and
//! the title say is the renderer's (`crate::say::rules::next_header`): here, the plan as data.

use chrono::{Datelike, NaiveDate};

use super::Version;

pub use super::fault::NewError;

/// The next version, decided: what its header and title speak of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Next {
    pub id: String,
    /// Its validity: from the id's day to the 31 December of its year.
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// The id of the version it is written from.
    pub previous: String,
    /// The day it is written.
    pub today: NaiveDate,
    /// The paths of the values confirmed in the previous version, provisional here.
    pub confirmed: Vec<String>,
}

/// What the next version `id` will be, written from `previous` on `today`.
pub fn plan(previous: &Version, id: &str, today: NaiveDate) -> Result<Next, NewError> {
    let from: NaiveDate = id.parse().map_err(|_| NewError::NotADate)?;
    let until_previous = *previous.rules.valid_until.get_ref();
    if from <= until_previous {
        return Err(NewError::StartsTooEarly {
            previous: previous.rules.id.clone(),
            until: until_previous,
        });
    }
    Ok(Next {
        id: id.to_owned(),
        from,
        until: NaiveDate::from_ymd_opt(from.year(), 12, 31).unwrap_or(from),
        previous: previous.rules.id.clone(),
        today,
        confirmed: previous
            .values()
            .into_iter()
            .filter(|p| !p.provisional)
            .map(|p| p.path)
            .collect(),
    })
}

/// The text of the next version: `header` (its comment lines, each ending in a line
/// break), then `previous`'s keys with `title` (written between quotes as given), the id
/// and the validity of `next`.
pub fn next_version(previous: &Version, next: &Next, header: &str, title: &str) -> String {
    let Next {
        id, from, until, ..
    } = next;
    let mut out = header.to_owned();
    // The previous file's own header comment is its own: the text starts at its first key.
    let body = previous
        .text
        .lines()
        .skip_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    let mut in_corrections = false;
    let (mut id_done, mut title_done, mut from_done, mut until_done) = (false, false, false, false);
    for line in body {
        let t = line.trim_start();
        if t.starts_with('[') {
            in_corrections = t.starts_with("[[corrections]]");
        }
        if in_corrections
            || t.starts_with("# Corrections de ce fichier")
            || t.starts_with("# change). Aucune ne change")
        {
            continue;
        }
        let text = if !id_done && t.starts_with("id = ") {
            id_done = true;
            format!("id = \"{id}\"")
        } else if !title_done && t.starts_with("title = ") {
            title_done = true;
            format!("title = \"{title}\"")
        } else if !from_done && t.starts_with("valid_from = ") {
            from_done = true;
            format!("valid_from = \"{from}\"")
        } else if !until_done && t.starts_with("valid_until = ") {
            until_done = true;
            format!("valid_until = \"{until}\"")
        } else {
            line.replace("provisional = false", "provisional = true")
        };
        out.push_str(&text);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{parse, RuleSet};

    #[test]
    fn the_next_version_loads_and_declares_every_value_provisional() {
        let set = RuleSet::embedded().unwrap();
        let previous = set.get("2021-08-01").unwrap();
        let today: NaiveDate = "2026-12-03".parse().unwrap();
        let next = plan(previous, "2022-02-03", today).unwrap();
        assert_eq!(next.previous, "2021-08-01");
        assert_eq!(next.until.to_string(), "2022-12-31");
        assert!(next
            .confirmed
            .contains(&"eligibility.file_active_min".to_owned()));
        let text = next_version(previous, &next, "# header\n", "the title");
        assert!(text.starts_with("# header\nschema_version = 1\n"), "{text}");
        let v = parse("new.toml", &text).unwrap();
        assert_eq!(v.rules.id, "2022-02-03");
        assert_eq!(v.rules.title, "the title");
        assert_eq!(v.rules.valid_until.get_ref().to_string(), "2022-12-31");
        assert!(v.rules.corrections.is_empty());
        assert_eq!(v.provisional_keys(), v.keys(), "every value provisional");
        assert_eq!(v.rules.sources.len(), previous.rules.sources.len());
        assert_eq!(
            plan(previous, "2022-01-01", today),
            Err(NewError::StartsTooEarly {
                previous: "2021-08-01".into(),
                until: "2022-02-02".parse().unwrap()
            })
        );
        assert_eq!(plan(previous, "v3", today), Err(NewError::NotADate));
    }
}
