//! The table people read in a terminal: one row per structure, a total row, then the rule
//! versions and the provisional notice.

use comfy_table::{presets, CellAlignment, ColumnConstraint, Table, Width};

use super::{money_fr, ComputeReport, StructureResult};
use crate::model::Dotation;
use crate::Lang;

/// Rows per comfy-table: a table of a million rows held whole took 3.3 GB; chunks of this
/// many, with the column widths of the whole batch, print the same lines.
const CHUNK: usize = 4096;

/// Renders the report as a French-formatted table.
pub fn render(report: &ComputeReport) -> Vec<u8> {
    render_in_chunks(report, CHUNK)
}

/// [`render`] with tables of at most `chunk` structures each.
fn render_in_chunks(report: &ComputeReport, chunk: usize) -> Vec<u8> {
    let chunks: Vec<&[StructureResult]> = report.structures.chunks(chunk.max(1)).collect();
    let last = chunks.len().saturating_sub(1);
    let mut out = String::new();
    if chunks.len() <= 1 {
        let rows = chunks.first().copied().unwrap_or_default();
        out.push_str(&table(report, rows, true, true, None).to_string());
    } else {
        // First pass: the widths of the whole batch, chunk by chunk.
        let mut widths: Vec<u16> = Vec::new();
        for (i, rows) in chunks.iter().enumerate() {
            let t = table(report, rows, i == 0, i == last, None);
            for (j, w) in t.column_max_content_widths().into_iter().enumerate() {
                match widths.get_mut(j) {
                    Some(max) => *max = (*max).max(w),
                    None => widths.push(w),
                }
            }
        }
        // Second pass: each chunk at those widths, the borders between chunks dropped.
        for (i, rows) in chunks.iter().enumerate() {
            let text = table(report, rows, i == 0, i == last, Some(&widths)).to_string();
            let mut lines: Vec<&str> = text.lines().collect();
            if i != last {
                lines.pop();
            }
            let start = usize::from(i != 0);
            for line in &lines[start..] {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(line);
            }
        }
    }
    out.push('\n');
    out.push_str(&footer(report));
    out.into_bytes()
}

/// One comfy-table: the header with the first rows, the total row with the last, at
/// `widths` (content widths) when given.
fn table(
    report: &ComputeReport,
    rows: &[StructureResult],
    header: bool,
    total: bool,
    widths: Option<&[u16]>,
) -> Table {
    let lang = report.lang;
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    if header {
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
    }
    for s in rows {
        let safe = |text: &Option<String>| {
            crate::terminal::safe(text.as_deref().unwrap_or_default(), true).into_owned()
        };
        let mut row = vec![s.row.to_string(), safe(&s.finess), safe(&s.nom)];
        if let Some(m) = s.months {
            row.push(m.to_string());
        }
        row.extend(s.amounts.dotations.iter().map(|(_, a)| money_fr(*a)));
        row.push(money_fr(s.amounts.total));
        table.add_row(row);
    }
    if total {
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
    }
    if let Some(widths) = widths {
        // Fixed widths include the padding of one space on each side.
        table.set_constraints(
            widths
                .iter()
                .map(|w| ColumnConstraint::Absolute(Width::Fixed(w.saturating_add(2)))),
        );
    }
    let first_amount = if report.year.is_some() { 4 } else { 3 };
    for i in first_amount..first_amount + 5 {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
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
    let used = report.provisional_keys();
    if !used.is_empty() {
        let (items, declared) = super::provisional_items(report.versions(), &used, lang);
        let sentence = super::provisional_sentence(&items, used.len(), declared, lang);
        out.push_str(&match lang {
            Lang::Fr => format!("Montants PROVISOIRES : {sentence}\n"),
            Lang::En => format!("PROVISIONAL amounts: {sentence}\n"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Amounts, PerDotation};
    use rust_decimal::Decimal;

    #[test]
    fn chunks_print_the_lines_of_one_table() {
        let set = crate::rules::RuleSet::embedded().expect("embedded rules");
        for year in [None, Some(2022)] {
            let structures: Vec<StructureResult> = (0..2500u64)
                .map(|i| {
                    let a = Decimal::new((i * 7919 % 100_000_000) as i64, 2);
                    let nom = match i % 5 {
                        0 => format!("Centre de santé {i}"),
                        1 => "Maison\nsur deux lignes".to_owned(),
                        2 => "x".repeat((i % 61) as usize),
                        3 => "Ünïcödé – 100 € œuvre".to_owned(),
                        _ => String::new(),
                    };
                    StructureResult {
                        row: i + 2,
                        finess: (i % 7 != 0).then(|| format!("93{i:07}")),
                        nom: (i % 11 != 0).then_some(nom),
                        months: year.map(|_| (i % 12 + 1) as u32),
                        amounts: Amounts {
                            dotations: PerDotation {
                                participative: a,
                                precarite: a * Decimal::TWO,
                                interpretariat: Decimal::ZERO,
                                psychologique: a,
                            },
                            total: a * Decimal::from(4),
                        },
                        versions: vec![0],
                        provisional: Vec::new(),
                    }
                })
                .collect();
            let total = structures.iter().map(|s| s.amounts.total).sum();
            let report = ComputeReport {
                lang: Lang::Fr,
                set: &set,
                used: vec![0],
                year,
                structures,
                total,
                errors: Vec::new(),
                unchecked: Vec::new(),
                more_errors: 0,
            };
            let whole = render_in_chunks(&report, usize::MAX);
            for chunk in [1, 999, 1000, 2499, 2500] {
                assert!(
                    render_in_chunks(&report, chunk) == whole,
                    "chunks of {chunk}, year {year:?}"
                );
            }
            let lines = String::from_utf8(whole).expect("utf-8");
            assert!(lines.lines().count() > 2500 + 3, "every row printed");
        }
    }
}
