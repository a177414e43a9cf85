//! The fixed words of the HTML pages, in French and English. Templates read them as `t.key`,
//! so a template never holds a sentence in one language only.

use std::collections::BTreeMap;

use crate::Lang;

/// (key, French, English).
const LABELS: &[(&str, &str, &str)] = &[
    ("title", "Dotations SecPa — rapport de calcul", "SecPa dotations — computation report"),
    ("file", "Fichier", "File"),
    ("computed", "Structures calculées", "Structures computed"),
    ("not_computed", "Problèmes dans le fichier", "Problems in the file"),
    ("amounts", "Montants", "Amounts"),
    ("total", "Total", "Total"),
    ("row", "Ligne", "Row"),
    ("finess", "FINESS", "FINESS"),
    ("name", "Nom", "Name"),
    ("months", "Mois", "Months"),
    ("chart_heading", "Dotations par structure", "Dotations by structure"),
    ("chart_caption", "Chaque barre empile les quatre dotations d'une structure ; la longueur est proportionnelle au total. Les montants exacts sont dans le tableau qui suit.", "Each bar stacks the four dotations of a structure; its length is proportional to the total. The exact amounts are in the table below."),
    ("legend", "Légende", "Legend"),
    ("total_bar", "Tout le lot", "The whole batch"),
    ("not_listed_before", "structures calculées : au-delà de", "structures computed: past"),
    ("not_listed_after", "la page ne les liste pas une à une (elle serait illisible, et trop lourde à ouvrir). Elle montre les totaux du lot, leur graphique, l'enveloppe et les lignes refusées ; la liste complète, structure par structure, est dans le CSV (--format csv) ou le classeur (--format xlsx).", "the page does not list them one by one (it would be unreadable, and too heavy to open). It shows the batch's totals, their chart, the envelope and the refused rows; the full list, structure by structure, is in the CSV (--format csv) or the workbook (--format xlsx)."),
    ("table_heading", "Tableau des montants", "Table of amounts"),
    ("table_caption", "Les mêmes montants que le graphique, en euros.", "The same amounts as the chart, in euros."),
    ("rules_heading", "Versions des règles", "Rule versions"),
    ("validity", "Validité", "Validity"),
    ("origin", "Fichier", "File"),
    ("unchecked_heading", "Éligibilité non contrôlée :", "Eligibility not checked:"),
    ("unchecked_short", "le fichier n'a pas les colonnes qu'elle demande ; les montants supposent la structure éligible (secpa check pour le contrôle complet). Colonnes absentes :", "the file lacks the columns it needs; the amounts assume the structure is eligible (secpa check for the full check). Absent columns:"),
    ("provisional_heading", "Montants provisoires", "Provisional amounts"),
    ("provisional_text", "Ces montants reposent sur des valeurs non confirmées dans le texte officiel (« provisional = true » dans le fichier de règles) :", "These amounts rest on values not confirmed in the official text (\"provisional = true\" in the rule file):"),
    ("provisional_short", "Ils reposent sur des valeurs non confirmées dans le texte officiel ; la liste est sous", "They rest on values not confirmed in the official text; the list is under"),
    ("no_provisional", "Aucune valeur provisoire n'a été utilisée.", "No provisional value was used."),
    ("version", "version", "version"),
    ("errors_heading", "Lignes non calculées et autres problèmes", "Rows not computed and other problems"),
    ("more_errors_before", "… et", "… and"),
    ("more_errors_after", "autres diagnostics, que la page ne reprend pas : ils sont tous sur la sortie d'erreur de secpa compute, et secpa check les liste aussi.", "more diagnostics, not repeated on this page: they are all on the standard error of secpa compute, and secpa check lists them too."),
    ("more_errors_after_budget", "autres diagnostics, que la page ne reprend pas : ils sont tous sur la sortie d'erreur de secpa budget, et secpa check les liste aussi.", "more diagnostics, not repeated on this page: they are all on the standard error of secpa budget, and secpa check lists them too."),
    ("no_errors", "Aucun problème : toutes les lignes ont été calculées.", "No problem: every row was computed."),
    ("location", "Emplacement", "Location"),
    ("column", "Colonne", "Column"),
    ("code", "Code", "Code"),
    ("severity", "Gravité", "Severity"),
    ("message", "Message", "Message"),
    ("colon", " :", ":"),
    ("codes_heading", "Les codes de cette page", "The codes on this page"),
    ("share_of_envelope", "Part de l'enveloppe", "Share of the envelope"),
    ("footer", "Produit par secpa", "Produced by secpa"),
    ("budget_title", "Budget SecPa — le lot face aux enveloppes annuelles", "SecPa budget — the batch against the yearly envelopes"),
    ("budget_basis", "dus par année civile, proratisés au mois (arithmétique de compute --year)", "due per calendar year, prorated by month (the arithmetic of compute --year)"),
    ("structures_counted", "Structures comptées", "Structures counted"),
    ("years", "Années", "Years"),
    ("years_over", "Années en dépassement", "Years over the envelope"),
    ("none", "aucune", "none"),
    ("gauges_heading", "Le lot face à l'enveloppe, année par année", "The batch against the envelope, year by year"),
    ("gauges_caption", "Pour chaque année, la barre pleine est le total dû du lot ; le fond gris et le trait vertical, l'enveloppe (en pointillé quand elle n'est connue que pour une partie de l'année). Une enveloppe déclarée pour plusieurs années ensemble a sa propre jauge, face au total dû sur toute sa période. En orange : dépassement. Les mêmes chiffres sont dans le tableau qui suit.", "For each year, the solid bar is the batch's total due; the grey background and the vertical line, the envelope (dashed when it is known for part of the year only). An envelope declared for several years together has its own gauge, against the total due over its whole period. In orange: over the envelope. The same figures are in the table below."),
    ("notes_heading", "Notes", "Notes"),
    ("budget_table_heading", "Tableau du budget", "Budget table"),
    ("budget_table_caption", "Les mêmes chiffres que les jauges, en euros ; « Mois » : mois de l'année où l'expérimentation court.", "The same figures as the gauges, in euros; \"Months\": months of the year when the experiment runs."),
    ("year", "Année", "Year"),
    ("batch_total", "Total du lot", "Batch total"),
    ("envelope", "Enveloppe", "Envelope"),
    ("share_used", "Part utilisée", "Share used"),
    ("status", "État", "Status"),
    ("status_over", "dépassement", "over the envelope"),
    ("status_within", "dans l'enveloppe", "within the envelope"),
    ("status_unknown", "enveloppe inconnue", "unknown envelope"),
    ("status_together", "enveloppe de plusieurs années : voir sa ligne", "envelope of several years: see its row"),
];

/// The labels of one language, by key.
pub fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|&(key, fr, en)| {
            (
                key,
                match lang {
                    Lang::Fr => fr,
                    Lang::En => en,
                },
            )
        })
        .collect()
}

/// What a page says instead of listing `computed` structures, past `listed`:
/// « 1 000 001 structures calculées : au-delà de 1 000, la page ne les liste pas… ».
pub fn not_listed(computed: u64, listed: usize, lang: Lang) -> String {
    let t = labels(lang);
    let word = |key| t.get(key).copied().unwrap_or_default();
    format!(
        "{} {} {}, {}",
        crate::report::count(computed, lang),
        word("not_listed_before"),
        crate::report::count(listed as u64, lang),
        word("not_listed_after")
    )
}

/// The label of the one bar of a page that does not list its structures.
pub fn total_bar(lang: Lang) -> &'static str {
    labels(lang).get("total_bar").copied().unwrap_or("Total")
}

/// The name of a month (1–12).
pub fn month(m: u32, lang: Lang) -> &'static str {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (m.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Fr => FR[i],
        Lang::En => EN[i],
    }
}

/// Months as runs: [1, 2, 3, 4, 9] → "janvier à avril, septembre".
pub fn month_ranges(months: &[u32], lang: Lang) -> String {
    let to = match lang {
        Lang::Fr => " à ",
        Lang::En => " to ",
    };
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &m in months {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == m => *end = m,
            _ => runs.push((m, m)),
        }
    }
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                month(a, lang).to_owned()
            } else {
                format!("{}{to}{}", month(a, lang), month(b, lang))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_key() {
        assert_eq!(labels(Lang::Fr).len(), LABELS.len(), "no duplicate key");
        assert!(LABELS
            .iter()
            .all(|(_, fr, en)| !fr.is_empty() && !en.is_empty()));
    }

    #[test]
    fn months_are_grouped_in_runs() {
        assert_eq!(
            month_ranges(&[5, 6, 7, 8, 9, 10, 11, 12], Lang::Fr),
            "mai à décembre"
        );
        assert_eq!(
            month_ranges(&[1, 2, 4], Lang::En),
            "January to February, April"
        );
        assert_eq!(month_ranges(&[3], Lang::Fr), "mars");
    }
}
