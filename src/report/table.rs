//! The table people read in a terminal: one row per structure, a total row, then the rule
//! versions and the provisional notice.

use crate::titles::Title;
use comfy_table::{presets, CellAlignment, ColumnConstraint, Row, Table, Width};

use super::{money, ComputeReport, StructureResult};
use crate::model::Dotation;
use crate::Lang;

/// Rows per comfy-table: a table of a million rows held whole took 3.3 GB; chunks of this
/// many, with the column widths of the whole batch, print the same lines.
const CHUNK: usize = 4096;

/// How the table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// One line per structure, every cell whole: piped output, a file, a wide terminal.
    Whole,
    /// One line per structure, short headers, FINESS and name cut (…) to fit a width.
    Wide,
    /// One block per structure (FINESS and name, then the dotations one per line): for a
    /// width where five amounts side by side leave no room for the name.
    Stacked,
}

/// A name keeps at least this many columns before the table stacks instead.
const NAME_MIN: u16 = 12;
/// Likewise the FINESS (9 digits whole; a cut one still tells two apart).
const FINESS_MIN: u16 = 6;
/// The structure column of the stacked layout keeps at least this many.
const STRUCTURE_MIN: u16 = 10;

/// The width to fit the table of `compute` in: `SECPA_COLUMNS` when set (a test, or a
/// table narrowed on purpose), else the terminal's when standard output is one. `None`
/// (piped, or written to a file): the table stays whole, as scripts expect.
pub fn width(to_stdout: bool) -> Option<u16> {
    if !to_stdout {
        return None;
    }
    if let Some(w) = std::env::var("SECPA_COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
    {
        return Some(w);
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return None;
    }
    // comfy-table asks the terminal (crossterm); `None` when it cannot tell.
    Table::new().width()
}

/// Renders the report as a French-formatted table, fitted to `width` columns when given
/// (see [`width`]), whole otherwise.
pub fn render(report: &ComputeReport, width: Option<u16>) -> Vec<u8> {
    render_in_chunks(report, CHUNK, width)
}

/// [`render`] with tables of at most `chunk` structures each.
fn render_in_chunks(report: &ComputeReport, chunk: usize, width: Option<u16>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rows = report.structures.as_slice();
    // Neither a slice nor a vector fails.
    match write_in_chunks(report, &mut rows, chunk, width, &mut out) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

/// The structures of a table, chunk by chunk, as many times as its layout needs them
/// (the widths of the whole batch, then the lines): a slice in memory, or structures kept
/// in a file (`compute`: memory flat in the number of rows).
pub trait Rows {
    /// How many structures.
    fn count(&self) -> usize;
    /// Calls `f` with each chunk of at most `chunk` structures, and its index, in order.
    fn each(
        &mut self,
        chunk: usize,
        f: &mut dyn FnMut(usize, &[StructureResult]),
    ) -> std::io::Result<()>;
}

impl Rows for &[StructureResult] {
    fn count(&self) -> usize {
        self.len()
    }

    fn each(
        &mut self,
        chunk: usize,
        f: &mut dyn FnMut(usize, &[StructureResult]),
    ) -> std::io::Result<()> {
        for (i, rows) in self.chunks(chunk.max(1)).enumerate() {
            f(i, rows);
        }
        Ok(())
    }
}

/// Writes the table of `report` with the structures of `rows` (not `report.structures`)
/// to `out`, a chunk of [`CHUNK`] structures at a time.
pub fn write(
    report: &ComputeReport,
    rows: &mut dyn Rows,
    width: Option<u16>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    write_in_chunks(report, rows, CHUNK, width, out)
}

fn write_in_chunks(
    report: &ComputeReport,
    rows: &mut dyn Rows,
    chunk: usize,
    width: Option<u16>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let chunk = chunk.max(1);
    let count = rows.count().div_ceil(chunk);
    let last = count.saturating_sub(1);
    let mut failed: Option<std::io::Error> = None;
    // The widths of the whole batch, chunk by chunk, for a layout.
    let mut natural = |layout: Layout| {
        let mut widths: Vec<u16> = Vec::new();
        let read = rows.each(chunk, &mut |i, rows| {
            let t = table(report, rows, i == 0, i == last, layout, None);
            for (j, w) in t.column_max_content_widths().into_iter().enumerate() {
                match widths.get_mut(j) {
                    Some(max) => *max = (*max).max(w),
                    None => widths.push(w),
                }
            }
        });
        if let Err(e) = read {
            failed.get_or_insert(e);
        }
        if count == 0 {
            widths = table(report, &[], true, true, layout, None).column_max_content_widths();
        }
        widths
    };
    let (layout, widths) = match width {
        None => (Layout::Whole, None),
        Some(w) => fit(report, w, &mut natural),
    };
    let widths = match (layout, count) {
        (Layout::Whole, 0 | 1) => None,
        _ => Some(widths.unwrap_or_else(|| natural(layout))),
    };
    if let Some(e) = failed {
        return Err(e);
    }
    let mut written: std::io::Result<()> = Ok(());
    let mut started = false;
    match &widths {
        None if count == 0 => {
            write!(out, "{}", table(report, &[], true, true, layout, None))?;
        }
        None => rows.each(chunk, &mut |_, rows| {
            if written.is_ok() {
                written = write!(out, "{}", table(report, rows, true, true, layout, None));
            }
        })?,
        Some(widths) => {
            // Each chunk at the batch's widths, the borders between chunks dropped (or,
            // between the blocks of the stacked layout, turned into the line between two
            // rows).
            rows.each(chunk, &mut |i, rows| {
                if written.is_err() {
                    return;
                }
                let text = table(report, rows, i == 0, i == last, layout, Some(widths)).to_string();
                let mut lines: Vec<&str> = text.lines().collect();
                let separator;
                if i != last {
                    if let (Layout::Stacked, Some(bottom)) = (layout, lines.pop()) {
                        separator = row_separator(bottom);
                        lines.push(&separator);
                    }
                }
                let start = usize::from(i != 0);
                for line in &lines[start..] {
                    let mut put = || {
                        if started {
                            out.write_all(b"\n")?;
                        }
                        out.write_all(line.as_bytes())
                    };
                    if let Err(e) = put() {
                        written = Err(e);
                        return;
                    }
                    started = true;
                }
            })?;
        }
    }
    written?;
    out.write_all(b"\n")?;
    // The rule titles and labels come from rule files: sanitised as the cells are.
    let footer = crate::terminal::safe(&footer(report), true).into_owned();
    match (layout, width) {
        (Layout::Whole, _) | (_, None) => out.write_all(footer.as_bytes()),
        (_, Some(w)) => {
            out.write_all(wrap(&legend(report.lang), w).as_bytes())?;
            out.write_all(wrap(&footer, w).as_bytes())
        }
    }
}

/// The layout and column widths (content, without padding) for `width` columns: one line
/// per structure if the name keeps [`NAME_MIN`] columns, else stacked. Amount columns are
/// never narrower than their widest amount; only the FINESS and name give way.
fn fit(
    report: &ComputeReport,
    width: u16,
    mut natural: impl FnMut(Layout) -> Vec<u16>,
) -> (Layout, Option<Vec<u16>>) {
    let whole = natural(Layout::Whole);
    if line_width(&whole) <= width {
        return (Layout::Whole, None);
    }
    let (finess, name) = (1, 2);
    let mut wide = natural(Layout::Wide);
    let others: u16 = wide
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != finess && *i != name)
        .map(|(_, w)| *w)
        .sum();
    let room = width
        .saturating_sub(line_width(&vec![0; wide.len()]))
        .saturating_sub(others);
    let name_width = room
        .saturating_sub(wide[finess])
        .max(NAME_MIN)
        .min(wide[name]);
    let finess_width = room.saturating_sub(name_width).min(wide[finess]);
    if name_width >= NAME_MIN.min(wide[name]) && finess_width >= FINESS_MIN.min(wide[finess]) {
        wide[finess] = finess_width;
        wide[name] = name_width;
        return (Layout::Wide, Some(wide));
    }
    let mut stacked = natural(Layout::Stacked);
    let structure = if report.year.is_some() { 2 } else { 1 };
    let others: u16 = stacked
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != structure)
        .map(|(_, w)| *w)
        .sum();
    let room = width
        .saturating_sub(line_width(&vec![0; stacked.len()]))
        .saturating_sub(others);
    stacked[structure] = room.max(STRUCTURE_MIN).min(stacked[structure]);
    (Layout::Stacked, Some(stacked))
}

/// The length of a table's lines for these content widths: one space of padding on each
/// side of a cell, and a border between and around cells.
fn line_width(widths: &[u16]) -> u16 {
    let n = widths.len() as u16;
    widths.iter().sum::<u16>() + 3 * n + 1
}

/// The line between two rows of the stacked layout, from the table's bottom border.
fn row_separator(bottom: &str) -> String {
    bottom
        .chars()
        .map(|c| match c {
            '└' => '├',
            '┴' => '┼',
            '┘' => '┤',
            '─' => '╌',
            other => other,
        })
        .collect()
}

/// `text`'s lines cut at spaces to `width` columns (prose under the table: rule titles,
/// the provisional values), never inside a number ("1 000") nor before « ; » or « : ».
fn wrap(text: &str, width: u16) -> String {
    let width = usize::from(width.max(20));
    let mut out = String::new();
    for line in text.lines() {
        let mut words: Vec<String> = Vec::new();
        for word in line.split(' ') {
            let glued = words.last_mut().filter(|prev| {
                let digits = prev.ends_with(|c: char| c.is_ascii_digit())
                    && word.starts_with(|c: char| c.is_ascii_digit());
                digits || matches!(word, ";" | ":" | "%" | "€" | "→")
            });
            match glued {
                Some(prev) => {
                    prev.push(' ');
                    prev.push_str(word);
                }
                None => words.push(word.to_owned()),
            }
        }
        let mut current = String::new();
        for word in words {
            let (have, add) = (current.chars().count(), word.chars().count());
            if have > 0 && have + 1 + add > width {
                out.push_str(&current);
                out.push('\n');
                current = String::from("  ");
            } else if have > 0 {
                current.push(' ');
            }
            current.push_str(&word);
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

/// What the short headers stand for.
fn legend(lang: Lang) -> String {
    let parts: Vec<String> = Dotation::ALL
        .iter()
        .enumerate()
        .map(|(i, d)| format!("D{} {}", i + 1, d.title(lang)))
        .collect();
    match lang {
        Lang::Fr => format!("{}.\n", parts.join(" ; ")),
        Lang::En => format!("{}.\n", parts.join("; ")),
    }
}

/// "D1\nparticipative": the short, two-line header of a dotation, a word of its title.
fn short_title(d: Dotation, lang: Lang) -> String {
    let (n, word) = match (d, lang) {
        (Dotation::Participative, Lang::Fr) => (1, "participative"),
        (Dotation::Participative, Lang::En) => (1, "participatory"),
        (Dotation::Precarite, Lang::Fr) => (2, "précarité"),
        (Dotation::Precarite, Lang::En) => (2, "precarity"),
        (Dotation::Interpretariat, Lang::Fr) => (3, "interprétariat"),
        (Dotation::Interpretariat, Lang::En) => (3, "interpreting"),
        (Dotation::Psychologique, Lang::Fr) => (4, "psychologique"),
        (Dotation::Psychologique, Lang::En) => (4, "psychological"),
    };
    format!("D{n}\n{word}")
}

/// One comfy-table: the header with the first rows, the total row with the last, at
/// `widths` (content widths) when given.
fn table(
    report: &ComputeReport,
    rows: &[StructureResult],
    header: bool,
    total: bool,
    layout: Layout,
    widths: Option<&[u16]>,
) -> Table {
    if layout == Layout::Stacked {
        return stacked(report, rows, header, total, widths);
    }
    let lang = report.lang;
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.set_truncation_indicator("…");
    let short = layout == Layout::Wide;
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
        if short {
            header.extend(Dotation::ALL.iter().map(|d| short_title(*d, lang)));
        } else {
            header.extend(Dotation::ALL.iter().map(|d| d.title(lang).to_owned()));
        }
        header.push("Total".into());
        table.set_header(header);
    }
    for s in rows {
        let safe = |text: &Option<String>| {
            let text = crate::terminal::safe(text.as_deref().unwrap_or_default(), true);
            // One line per structure once the name may be cut: its lines joined.
            if short {
                text.replace('\n', " ")
            } else {
                text.into_owned()
            }
        };
        let mut row = vec![s.row.to_string(), safe(&s.finess), safe(&s.nom)];
        if let Some(m) = s.months {
            row.push(m.to_string());
        }
        row.extend(
            s.amounts
                .dotations
                .iter()
                .map(|(_, a)| money(*a, report.lang)),
        );
        row.push(money(s.amounts.total, report.lang));
        let mut row = Row::from(row);
        if short {
            // Past its width, a name is cut with « … » rather than wrapped.
            row.max_height(1);
        }
        table.add_row(row);
    }
    if total {
        let mut total_row = vec![String::new(), String::new(), "Total".to_owned()];
        if report.year.is_some() {
            total_row.push(String::new());
        }
        for sum in report.dotation_sums() {
            total_row.push(money(sum, report.lang));
        }
        total_row.push(money(report.total, report.lang));
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

/// The sums of the batch, per dotation then the total.
fn sums(report: &ComputeReport) -> Vec<String> {
    let mut out: Vec<String> = report
        .dotation_sums()
        .into_iter()
        .map(|a| money(a, report.lang))
        .collect();
    out.push(money(report.total, report.lang));
    out
}

/// The stacked layout: Ligne | [Mois] | FINESS and name | Dotation | Montant, one block of
/// five lines per structure (D1–D4, total), the name wrapped then cut (…) in its column.
fn stacked(
    report: &ComputeReport,
    rows: &[StructureResult],
    header: bool,
    total: bool,
    widths: Option<&[u16]>,
) -> Table {
    let lang = report.lang;
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL);
    table.set_truncation_indicator("…");
    let year = report.year.is_some();
    if header {
        let mut header: Vec<&str> = vec![match lang {
            Lang::Fr => "Ligne",
            Lang::En => "Row",
        }];
        if year {
            header.push(match lang {
                Lang::Fr => "Mois",
                Lang::En => "Months",
            });
        }
        header.extend(match lang {
            Lang::Fr => ["FINESS et nom", "Dotation", "Montant"],
            Lang::En => ["FINESS and name", "Dotation", "Amount"],
        });
        table.set_header(header);
    }
    let mut names: Vec<String> = Dotation::ALL
        .iter()
        .map(|d| short_title(*d, lang).replace('\n', " "))
        .collect();
    names.push("Total".to_owned());
    let names = names.join("\n");
    let lines = names.lines().count();
    let push =
        |table: &mut Table, row: String, months: String, who: String, amounts: Vec<String>| {
            let mut cells = vec![row];
            if year {
                cells.push(months);
            }
            cells.extend([who, names.clone(), amounts.join("\n")]);
            let mut row = Row::from(cells);
            // A long name wraps within the block's lines, then is cut with « … ».
            row.max_height(lines);
            table.add_row(row);
        };
    for s in rows {
        let text = |t: &Option<String>| {
            crate::terminal::safe(t.as_deref().unwrap_or_default(), true).replace('\n', " ")
        };
        let who = match (text(&s.finess), text(&s.nom)) {
            (f, n) if f.is_empty() => n,
            (f, n) if n.is_empty() => f,
            (f, n) => format!("{f}\n{n}"),
        };
        let mut amounts: Vec<String> = s
            .amounts
            .dotations
            .iter()
            .map(|(_, a)| money(*a, report.lang))
            .collect();
        amounts.push(money(s.amounts.total, report.lang));
        let months = s.months.map(|m| m.to_string()).unwrap_or_default();
        push(&mut table, s.row.to_string(), months, who, amounts);
    }
    if total {
        push(
            &mut table,
            String::new(),
            String::new(),
            "Total".to_owned(),
            sums(report),
        );
    }
    if let Some(widths) = widths {
        table.set_constraints(
            widths
                .iter()
                .map(|w| ColumnConstraint::Absolute(Width::Fixed(w.saturating_add(2)))),
        );
    }
    let amount = if year { 4 } else { 3 };
    if let Some(col) = table.column_mut(amount) {
        col.set_cell_alignment(CellAlignment::Right);
    }
    table
}

/// The lines under the table: year, rule versions, provisional values.
pub fn footer(report: &ComputeReport) -> String {
    let lang = report.lang;
    let mut out = String::new();
    let structures = report.computed();
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
        let columns = crate::candidature::Column::labels(&report.unchecked);
        out.push_str(&match lang {
            Lang::Fr => format!("Éligibilité NON contrôlée : colonnes absentes : {columns}\n"),
            Lang::En => format!("Eligibility NOT checked: absent columns: {columns}\n"),
        });
    }
    let used = report.provisional_keys();
    if !used.is_empty() {
        let (items, declared) =
            super::provisional_items(report.provisional_versions(), &used, lang);
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
                        versions: vec![crate::rules::VersionId::FIRST],
                        provisional: Vec::new(),
                    }
                })
                .collect();
            let total = structures.iter().map(|s| s.amounts.total).sum();
            let report = ComputeReport {
                lang: Lang::Fr,
                set: &set,
                used: vec![crate::rules::VersionId::FIRST],
                judged: vec![crate::rules::VersionId::FIRST],
                year,
                structures,
                total,
                errors: Vec::new(),
                unchecked: Vec::new(),
                more_errors: 0,
                counts: Default::default(),
                whole: None,
            };
            // Whole, one line per structure at 160 columns, stacked at 100 and 72.
            for width in [None, Some(160), Some(100), Some(72)] {
                let whole = render_in_chunks(&report, usize::MAX, width);
                for chunk in [1, 999, 1000, 2499, 2500] {
                    assert!(
                        render_in_chunks(&report, chunk, width) == whole,
                        "chunks of {chunk}, year {year:?}, width {width:?}"
                    );
                }
                let lines = String::from_utf8(whole).expect("utf-8");
                assert!(lines.lines().count() > 2500 + 3, "every row printed");
                if let Some(w) = width {
                    let longest = lines.lines().map(|l| l.chars().count()).max();
                    assert!(longest <= Some(usize::from(w)), "{longest:?} > {w}");
                }
            }
        }
    }
}
