//! `secpa rules new ID`: the text of the next version, written from the one it follows. The
//! values and sources are kept, every value becomes provisional (no text is known for the
//! new period until the maintainer confirms it), the previous file's corrections are
//! dropped (they are that file's), and a header lists what to confirm.

use chrono::{Datelike, NaiveDate};

use super::Version;

/// Why the next version cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewError {
    /// The id is not a date (the first day of validity).
    NotADate,
    /// The new version would start on or before the end of the one it follows.
    StartsTooEarly { previous: String, until: NaiveDate },
}

/// The text of version `id` (in force from that day to the 31 December of its year), from
/// `previous`; `today` dates the header.
pub fn next_version(previous: &Version, id: &str, today: NaiveDate) -> Result<String, NewError> {
    let from: NaiveDate = id.parse().map_err(|_| NewError::NotADate)?;
    let until_previous = *previous.rules.valid_until.get_ref();
    if from <= until_previous {
        return Err(NewError::StartsTooEarly {
            previous: previous.rules.id.clone(),
            until: until_previous,
        });
    }
    let until = NaiveDate::from_ymd_opt(from.year(), 12, 31).unwrap_or(from);
    let old = &previous.rules.id;
    let confirmed: Vec<String> = previous
        .values()
        .into_iter()
        .filter(|p| !p.provisional)
        .map(|p| p.path)
        .collect();
    let mut out = String::new();
    out.push_str(&format!(
        "# Règles SecPa — version {id}, écrite par `secpa rules new` le {today} à partir de la version {old}.\n"
    ));
    out.push_str("# À CONFIRMER avant de publier (puis retirer ces lignes) :\n");
    out.push_str(
        "#   - le titre, la fin de validité (valid_until) et le texte qui fonde la version ;\n",
    );
    out.push_str("#   - les sources ([[sources]]) de la période : celles de la version précédente sont reprises ;\n");
    out.push_str("#   - les enveloppes ([[budget]]) : celles de la version précédente sont reprises telles quelles ;\n");
    if !confirmed.is_empty() {
        out.push_str(&format!(
            "#   - ces valeurs, confirmées pour {old} et provisoires ici tant que le texte de la période n'est pas lu :\n"
        ));
        for path in &confirmed {
            out.push_str(&format!("#       {path}\n"));
        }
    }
    out.push_str("#   - les valeurs déjà provisoires et les hypothèses ([hypotheses]), dont la source manque toujours.\n");
    out.push_str("# Vérifier ensuite : secpa rules lint FICHIER\n");
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
            format!("title = \"À compléter : version {id} (reprise de {old})\"")
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
    Ok(out)
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
        let text = next_version(previous, "2022-02-03", today).unwrap();
        let v = parse("new.toml", &text).unwrap();
        assert_eq!(v.rules.id, "2022-02-03");
        assert_eq!(v.rules.valid_until.get_ref().to_string(), "2022-12-31");
        assert!(v.rules.corrections.is_empty());
        assert_eq!(v.provisional_keys(), v.keys(), "every value provisional");
        assert_eq!(v.rules.sources.len(), previous.rules.sources.len());
        assert!(
            text.contains("#       eligibility.file_active_min\n"),
            "{text}"
        );
        assert_eq!(
            next_version(previous, "2022-01-01", today),
            Err(NewError::StartsTooEarly {
                previous: "2021-08-01".into(),
                until: "2022-02-02".parse().unwrap()
            })
        );
        assert_eq!(next_version(previous, "v3", today), Err(NewError::NotADate));
    }
}
