//! The table people read in a terminal: one row per structure, a total row, then the rule
//! versions and the provisional notice.

use comfy_table::{presets, CellAlignment, Table};

use super::{money_fr, ComputeReport};
use crate::model::Dotation;
use crate::Lang;

/// Renders the report as a French-formatted table.
pub fn render(report: &ComputeReport) -> Vec<u8> {
    let lang = report.lang;
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    let mut header: Vec<String> = match lang {
        Lang::Fr => vec!["Ligne".into(), "FINESS".into(), "Nom".into()],
        Lang::En => vec!["Row".into(), "FINESS".into(), "Name".into()],
    };
    if report.year.is_some() {
        header.push(match lang {
            Lang::Fr => "Mois".into(),
            Lang::En => "Months".into(),
        });
    }
    header.extend(Dotation::ALL.iter().map(|d| d.title(lang).to_owned()));
    header.push("Total".into());
    table.set_header(header);

    for s in &report.structures {
        let mut row = vec![
            s.row.to_string(),
            s.finess.clone().unwrap_or_default(),
            s.nom.clone().unwrap_or_default(),
        ];
        if let Some(m) = s.months {
            row.push(m.to_string());
        }
        row.extend(s.amounts.dotations.iter().map(|(_, a)| money_fr(*a)));
        row.push(money_fr(s.amounts.total));
        table.add_row(row);
    }
    let mut total_row = vec![String::new(), String::new(), "Total".to_owned()];
    if report.year.is_some() {
        total_row.push(String::new());
    }
    for d in Dotation::ALL {
        total_row.push(money_fr(
            report
                .structures
                .iter()
                .map(|s| *s.amounts.dotations.get(*d))
                .sum(),
        ));
    }
    total_row.push(money_fr(report.total));
    table.add_row(total_row);
    let first_amount = if report.year.is_some() { 4 } else { 3 };
    for i in first_amount..first_amount + 5 {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }

    let mut out = table.to_string();
    out.push('\n');
    out.push_str(&footer(report));
    out.into_bytes()
}

/// The lines under the table: year, rule versions, provisional values.
pub fn footer(report: &ComputeReport) -> String {
    let lang = report.lang;
    let mut out = String::new();
    let structures = report.structures.len();
    out.push_str(&match (lang, report.year) {
        (Lang::Fr, Some(y)) => {
            format!("{structures} structure(s) ; montants dus pour {y}, proratisés au mois\n")
        }
        (Lang::Fr, None) => format!("{structures} structure(s) ; montants annuels\n"),
        (Lang::En, Some(y)) => {
            format!("{structures} structure(s); amounts due for {y}, prorated by month\n")
        }
        (Lang::En, None) => format!("{structures} structure(s); annual amounts\n"),
    });
    for v in report.versions() {
        let label = match lang {
            Lang::Fr => "Règles",
            Lang::En => "Rules",
        };
        out.push_str(&format!(
            "{label} {} ({} → {}) : {} [sha256 {}]\n",
            v.rules.id,
            v.rules.valid_from.get_ref(),
            v.rules.valid_until.get_ref(),
            v.rules.title,
            &v.sha256()[..12]
        ));
    }
    if !report.unchecked.is_empty() {
        let columns = crate::candidature::Column::names(&report.unchecked);
        out.push_str(&match lang {
            Lang::Fr => format!("Éligibilité NON contrôlée : colonnes absentes : {columns}\n"),
            Lang::En => format!("Eligibility NOT checked: absent columns: {columns}\n"),
        });
    }
    let provisional = report.provisional_used();
    if !provisional.is_empty() {
        out.push_str(&match lang {
            Lang::Fr => format!("Montants PROVISOIRES : ils reposent sur des valeurs non confirmées dans le texte officiel : {}\n", provisional.join(", ")),
            Lang::En => format!("PROVISIONAL amounts: they rest on values not confirmed in the official text: {}\n", provisional.join(", ")),
        });
    }
    out
}
