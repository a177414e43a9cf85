//! Mutations of a valid candidature file, as people's spreadsheets make them, and the check
//! that every paid amount stays the clean file's or is named by a diagnostic (issue #23,
//! item 1). Shared by the semantic fuzzing tests (`tests/integration/semantic.rs`,
//! `quotes_numbers.rs`) and the cargo-fuzz target `fuzz/fuzz_targets/semantic.rs`, which
//! include this file by path: it uses only secpa's library and its dependencies.
//!
//! The base file is `examples/candidatures.csv`, written in a CSV flavour or as an `.xlsx`
//! workbook (numbers as numbers, dates as dates, codes as text, like a filled template).

#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

use secpa::candidature::Column;
use secpa::compute::Amounts;
use secpa::diagnostic::{Diagnostic, Problem, Severity};
use secpa::rules::RuleSet;

pub fn set() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::embedded().expect("embedded rules"))
}

/// How a spreadsheet writes a CSV file.
#[derive(Debug, Clone, Copy)]
pub struct Flavour {
    pub name: &'static str,
    pub separator: char,
    pub line_end: &'static str,
    /// Decimal comma (French) rather than point.
    pub comma: bool,
    /// Every text cell between quotes (LibreOffice's « quote all text cells »).
    pub quoted: bool,
    pub bom: bool,
    pub windows_1252: bool,
}

pub const FLAVOURS: [Flavour; 8] = [
    Flavour {
        name: "plain",
        separator: ',',
        line_end: "\n",
        comma: false,
        quoted: false,
        bom: false,
        windows_1252: false,
    },
    Flavour {
        name: "libreoffice-quoted",
        separator: ',',
        line_end: "\n",
        comma: false,
        quoted: true,
        bom: false,
        windows_1252: false,
    },
    Flavour {
        name: "excel-fr",
        separator: ';',
        line_end: "\r\n",
        comma: true,
        quoted: false,
        bom: true,
        windows_1252: false,
    },
    Flavour {
        name: "libreoffice-fr-quoted",
        separator: ';',
        line_end: "\n",
        comma: true,
        quoted: true,
        bom: false,
        windows_1252: false,
    },
    Flavour {
        name: "excel-fr-1252",
        separator: ';',
        line_end: "\r\n",
        comma: true,
        quoted: false,
        bom: false,
        windows_1252: true,
    },
    Flavour {
        name: "tab",
        separator: '\t',
        line_end: "\n",
        comma: false,
        quoted: false,
        bom: false,
        windows_1252: false,
    },
    Flavour {
        name: "cr-only",
        separator: ';',
        line_end: "\r",
        comma: true,
        quoted: false,
        bom: false,
        windows_1252: false,
    },
    Flavour {
        name: "crlf-quoted",
        separator: ',',
        line_end: "\r\n",
        comma: false,
        quoted: true,
        bom: false,
        windows_1252: false,
    },
];

/// The example file's cells: header, then one row per structure (it holds no quote).
pub fn example() -> &'static (Vec<String>, Vec<Vec<String>>) {
    static EXAMPLE: OnceLock<(Vec<String>, Vec<Vec<String>>)> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/candidatures.csv");
        let text = std::fs::read_to_string(path).expect("example");
        let mut lines = text.lines().map(|l| {
            assert!(!l.contains('"'), "the example holds no quote");
            l.split(',').map(str::to_owned).collect::<Vec<_>>()
        });
        let header = lines.next().expect("header");
        (header, lines.collect())
    })
}

/// A cell as the flavour writes it: decimal comma in numbers, quotes around text.
pub fn raw_cell(cell: &str, flavour: Flavour) -> String {
    let number = !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if number {
        return if flavour.comma {
            cell.replace('.', ",")
        } else {
            cell.to_owned()
        };
    }
    if flavour.quoted && !cell.is_empty() {
        format!("\"{cell}\"")
    } else {
        cell.to_owned()
    }
}

/// The rows' raw cells (header first), as the flavour writes them.
pub fn raw_rows(flavour: Flavour) -> Vec<Vec<String>> {
    let (header, rows) = example();
    std::iter::once(header)
        .chain(rows)
        .map(|row| row.iter().map(|c| raw_cell(c, flavour)).collect())
        .collect()
}

/// The file's bytes from its raw cells.
pub fn bytes(rows: &[Vec<String>], flavour: Flavour) -> Vec<u8> {
    let mut text = String::new();
    for row in rows {
        text.push_str(&row.join(&flavour.separator.to_string()));
        text.push_str(flavour.line_end);
    }
    let mut out = Vec::new();
    if flavour.bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    if flavour.windows_1252 {
        let (encoded, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(!unmappable);
        out.extend_from_slice(&encoded);
    } else {
        out.extend_from_slice(text.as_bytes());
    }
    out
}

/// How a column's cells are typed in a workbook.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Text,
    Number,
    Date,
}

pub fn kind(key: &str) -> Kind {
    match key {
        "file_active_mg" | "annee_file_active" | "taux_pauvrete" | "montant_psy_demande" => {
            Kind::Number
        }
        "date_entree" | "date_depot" => Kind::Date,
        _ => Kind::Text,
    }
}

/// Where the mutated file is written.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    Csv(Flavour),
    Xlsx,
}

/// What a new header is, for [`Mutation::HeaderRenamed`].
#[derive(Debug, Clone, Copy)]
pub enum Rename {
    /// One of the column's synonyms, as secpa's vocabulary lists them.
    Synonym(usize),
    /// In capitals, with spaces around.
    Shouted,
    /// A word that names no column.
    Unrelated,
    /// The header with its last letter lost.
    Typo,
}

/// The file-wide text encoding, for [`Mutation::Encoded`].
#[derive(Debug, Clone, Copy)]
pub enum Encoding {
    Windows1252,
    Utf8Bom,
    Utf16,
}

/// One mutation. Rows and columns are indices of data rows and columns, taken modulo the
/// table's size when applied.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// None: the base file as written.
    Unchanged,
    // The table, whatever the format.
    HeaderRenamed {
        column: usize,
        to: Rename,
    },
    ColumnMoved {
        from: usize,
        to: usize,
    },
    ColumnDropped {
        column: usize,
    },
    RowDuplicated {
        row: usize,
    },
    BlankRow {
        row: usize,
    },
    /// Title lines above the header (a form's heading).
    TitleRows {
        count: usize,
    },
    /// A total row at the bottom: labelled « Total », or only the sums.
    TotalRow {
        labelled: bool,
    },
    Spaces {
        row: usize,
        column: usize,
    },
    // CSV text.
    QuoteInserted {
        row: usize,
        column: usize,
        at: usize,
    },
    QuoteRemoved {
        row: usize,
        column: usize,
        last: bool,
    },
    SeparatorInserted {
        row: usize,
        column: usize,
        at: usize,
    },
    DecimalMarkSwapped {
        row: usize,
        column: usize,
    },
    ThousandsSeparator {
        row: usize,
        column: usize,
        mark: char,
    },
    Encoded(Encoding),
    BomToggled,
    LineEnding {
        end: &'static str,
        one_row: Option<usize>,
    },
    // Workbooks.
    HiddenRow {
        row: usize,
    },
    HiddenColumn {
        column: usize,
    },
    /// A formula whose stored result is the value; `trusted`: the workbook does not ask to
    /// be recalculated on opening (LibreOffice, Excel), so the stored result is read.
    Formula {
        row: usize,
        column: usize,
        trusted: bool,
    },
    Merged {
        row: usize,
        column: usize,
    },
    NumberAsText {
        row: usize,
        column: usize,
    },
    PercentCell {
        row: usize,
    },
    OtherSheetFirst {
        hidden: bool,
    },
}

impl Mutation {
    /// Its family, for the tally in the test's output and docs/robustness.md.
    pub fn family(&self) -> &'static str {
        match self {
            Mutation::Unchanged => "unchanged",
            Mutation::HeaderRenamed { .. } => "header renamed",
            Mutation::ColumnMoved { .. } => "column moved",
            Mutation::ColumnDropped { .. } => "column dropped",
            Mutation::RowDuplicated { .. } => "row duplicated",
            Mutation::BlankRow { .. } => "blank row",
            Mutation::TitleRows { .. } => "title rows",
            Mutation::TotalRow { .. } => "total row",
            Mutation::Spaces { .. } => "spaces around a cell",
            Mutation::QuoteInserted { .. } => "quote inserted",
            Mutation::QuoteRemoved { .. } => "quote removed",
            Mutation::SeparatorInserted { .. } => "separator in a cell",
            Mutation::DecimalMarkSwapped { .. } => "decimal mark swapped",
            Mutation::ThousandsSeparator { .. } => "thousands separator",
            Mutation::Encoded(_) => "encoding",
            Mutation::BomToggled => "BOM",
            Mutation::LineEnding { .. } => "line ending",
            Mutation::HiddenRow { .. } => "hidden row",
            Mutation::HiddenColumn { .. } => "hidden column",
            Mutation::Formula { .. } => "formula",
            Mutation::Merged { .. } => "merged cells",
            Mutation::NumberAsText { .. } => "number as text",
            Mutation::PercentCell { .. } => "rate as a percentage",
            Mutation::OtherSheetFirst { .. } => "other sheet first",
        }
    }

    /// The code that must say what a person's spreadsheet hides or computes, whatever
    /// the amounts: what she does not see is read only if secpa tells her.
    pub fn must_say(&self, table: &Table) -> Option<&'static str> {
        match *self {
            Mutation::HiddenRow { .. } => Some("W025"),
            Mutation::HiddenColumn { .. } => Some("W035"),
            Mutation::Formula {
                row,
                column,
                trusted,
            } => {
                // A formula is written only in a number cell that holds one.
                let (i, c) = table.cell(row, column);
                let number = table.rows[i]
                    .as_ref()
                    .is_some_and(|r| r[c].trim().parse::<f64>().is_ok());
                (table.kinds[c] == Kind::Number && number).then_some(if trusted {
                    "W024"
                } else {
                    "E023"
                })
            }
            Mutation::TotalRow { labelled: true } => Some("W030"),
            Mutation::TitleRows { .. } => Some("I029"),
            _ => None,
        }
    }

    /// Whether it applies to a file written as `target`.
    pub fn fits(&self, target: Target) -> bool {
        let workbook = matches!(
            self,
            Mutation::HiddenRow { .. }
                | Mutation::HiddenColumn { .. }
                | Mutation::Formula { .. }
                | Mutation::Merged { .. }
                | Mutation::NumberAsText { .. }
                | Mutation::PercentCell { .. }
                | Mutation::OtherSheetFirst { .. }
        );
        let text = matches!(
            self,
            Mutation::QuoteInserted { .. }
                | Mutation::QuoteRemoved { .. }
                | Mutation::SeparatorInserted { .. }
                | Mutation::DecimalMarkSwapped { .. }
                | Mutation::ThousandsSeparator { .. }
                | Mutation::Encoded(_)
                | Mutation::BomToggled
                | Mutation::LineEnding { .. }
        );
        match target {
            Target::Csv(_) => !workbook,
            Target::Xlsx => !text,
        }
    }
}

/// The table being mutated: header, rows, the kind of each column, and for each clean
/// structure (by index) the spreadsheet rows (header = 1) where it now stands.
#[derive(Debug, Clone)]
pub struct Table {
    header: Vec<String>,
    kinds: Vec<Kind>,
    /// `None`: a blank row.
    rows: Vec<Option<Vec<String>>>,
    /// For each row of `rows`, the clean structure it holds (`None`: a blank or total row).
    source: Vec<Option<usize>>,
    /// Lines above the header.
    title: Vec<String>,
    /// Index in `rows` of a total row, which must never be paid.
    total: Option<usize>,
}

impl Table {
    pub fn clean() -> Table {
        let (header, rows) = example();
        Table {
            header: header.clone(),
            kinds: header.iter().map(|h| kind(h)).collect(),
            rows: rows.iter().cloned().map(Some).collect(),
            source: (0..rows.len()).map(Some).collect(),
            title: Vec::new(),
            total: None,
        }
    }

    /// Spreadsheet row of `rows[i]`.
    pub fn line(&self, i: usize) -> u64 {
        (i + 2 + self.title.len()) as u64
    }

    /// Spreadsheet row of the header.
    pub fn header_line(&self) -> u64 {
        self.line(0) - 1
    }

    /// Index in `rows` of the cell `(row, column)` of a mutation: data rows and columns
    /// modulo the table's size; a column past the header picks one of the number columns,
    /// where marks, separators and formulas matter most.
    pub fn cell(&self, row: usize, column: usize) -> (usize, usize) {
        let width = self.header.len();
        let column = if column < width {
            column
        } else {
            let numbers: Vec<usize> = (0..width)
                .filter(|&c| self.kinds[c] == Kind::Number)
                .collect();
            if numbers.is_empty() {
                column % width
            } else {
                numbers[column % numbers.len()]
            }
        };
        (self.data(row), column)
    }

    /// Index of the data row `row` (modulo), among non-blank rows.
    pub fn data(&self, row: usize) -> usize {
        let filled: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.rows[i].is_some())
            .collect();
        filled[row % filled.len()]
    }

    /// The clean structure at spreadsheet row `line`, if that row holds one.
    pub fn structure(&self, line: u64) -> Option<usize> {
        let i = usize::try_from(line.checked_sub(self.line(0))?).ok()?;
        *self.source.get(i)?
    }

    /// Applies the table-level mutations; others are left to the writer.
    pub fn apply(&mut self, m: &Mutation) {
        let columns = self.header.len();
        match *m {
            Mutation::HeaderRenamed { column, to } => {
                let c = column % columns;
                let old = self.header[c].clone();
                self.header[c] = match to {
                    Rename::Synonym(i) => Column::from_header(&old)
                        .map(|col| col.synonyms())
                        .filter(|s| !s.is_empty())
                        .map_or(old.clone(), |s| s[i % s.len()].to_owned()),
                    Rename::Shouted => format!(" {} ", old.to_uppercase()),
                    Rename::Unrelated => "Commentaires".to_owned(),
                    Rename::Typo => {
                        let mut t = old.clone();
                        t.pop();
                        t
                    }
                };
            }
            Mutation::ColumnMoved { from, to } => {
                let (from, to) = (from % columns, to % columns);
                let h = self.header.remove(from);
                self.header.insert(to, h);
                let k = self.kinds.remove(from);
                self.kinds.insert(to, k);
                for row in self.rows.iter_mut().flatten() {
                    let cell = row.remove(from);
                    row.insert(to, cell);
                }
            }
            Mutation::ColumnDropped { column } => {
                let c = column % columns;
                self.header.remove(c);
                self.kinds.remove(c);
                for row in self.rows.iter_mut().flatten() {
                    row.remove(c);
                }
            }
            Mutation::RowDuplicated { row } => {
                let i = self.data(row);
                // The copy goes right below: the original keeps its place.
                self.rows.insert(i + 1, self.rows[i].clone());
                self.source.insert(i + 1, self.source[i]);
            }
            Mutation::BlankRow { row } => {
                let at = self.data(row);
                self.rows.insert(at, None);
                self.source.insert(at, None);
            }
            Mutation::Spaces { row, column } => {
                let (i, c) = self.cell(row, column);
                if let Some(cells) = &mut self.rows[i] {
                    cells[c] = format!("  {} ", cells[c]);
                }
            }
            Mutation::TitleRows { count } => {
                self.title = ["Candidatures SecPa 2021", "ARS Île-de-France", ""][..1 + count % 3]
                    .iter()
                    .map(|t| t.to_string())
                    .collect();
            }
            Mutation::TotalRow { labelled } => {
                let mut total = vec![String::new(); self.header.len()];
                for (c, h) in self.header.iter().enumerate() {
                    let sum = |rows: &[Option<Vec<String>>]| -> u64 {
                        rows.iter()
                            .flatten()
                            .filter_map(|r| r[c].trim().parse::<u64>().ok())
                            .sum()
                    };
                    match h.as_str() {
                        "nom" if labelled => total[c] = "Total".to_owned(),
                        "file_active_mg" | "montant_psy_demande" => {
                            total[c] = sum(&self.rows).to_string();
                        }
                        _ => {}
                    }
                }
                self.rows.push(Some(total));
                self.source.push(None);
                self.total = Some(self.rows.len() - 1);
            }
            _ => {}
        }
    }
}

/// The CSV file of `table` in `flavour`, with the text mutation `m`.
pub fn csv(table: &Table, flavour: Flavour, m: &Mutation) -> Vec<u8> {
    let width = table.header.len();
    // Title lines as a spreadsheet exports them: the text, then empty cells.
    let title = table.title.iter().map(|t| {
        let mut cells = vec![String::new(); width];
        cells[0] = raw_cell(t, flavour);
        cells
    });
    let header = table.header.iter().map(|h| raw_cell(h, flavour)).collect();
    let rows = table.rows.iter().map(|r| match r {
        Some(cells) => cells.iter().map(|c| raw_cell(c, flavour)).collect(),
        None => vec![String::new(); width],
    });
    let mut raw: Vec<Vec<String>> = title.chain([header]).chain(rows).collect();
    let above = 1 + table.title.len();
    let cell = |_: &mut Vec<Vec<String>>, row: usize, column: usize| -> (usize, usize) {
        let (i, c) = table.cell(row, column);
        (above + i, c)
    };
    match *m {
        Mutation::QuoteInserted { row, column, at } => {
            let (r, c) = cell(&mut raw, row, column);
            let text = &mut raw[r][c];
            let at = at % (text.chars().count() + 1);
            let byte = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
            text.insert(byte, '"');
        }
        Mutation::QuoteRemoved { row, column, last } => {
            let (r, c) = cell(&mut raw, row, column);
            let text = &mut raw[r][c];
            let found = if last {
                text.rfind('"')
            } else {
                text.find('"')
            };
            match found {
                Some(i) => {
                    text.remove(i);
                }
                // An unquoted cell: its opening quote written, its closing one lost.
                None => text.insert(0, '"'),
            }
        }
        Mutation::SeparatorInserted { row, column, at } => {
            let (r, c) = cell(&mut raw, row, column);
            let text = &mut raw[r][c];
            let at = at % (text.chars().count() + 1);
            let byte = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
            text.insert(byte, flavour.separator);
        }
        Mutation::DecimalMarkSwapped { row, column } => {
            let (r, c) = cell(&mut raw, row, column);
            let text = &mut raw[r][c];
            *text = text
                .chars()
                .map(|ch| match ch {
                    ',' => '.',
                    '.' => ',',
                    ch => ch,
                })
                .collect();
        }
        Mutation::ThousandsSeparator { row, column, mark } => {
            let (r, c) = cell(&mut raw, row, column);
            let text = &mut raw[r][c];
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            // Windows-1252 has no narrow no-break space: Excel writes a no-break one.
            let mark = match mark {
                '\u{202f}' if flavour.windows_1252 => '\u{a0}',
                mark => mark,
            };
            if digits > 3 && digits == text.len() {
                text.insert(digits - 3, mark);
            }
        }
        _ => {}
    }
    let mut flavour = flavour;
    match *m {
        Mutation::Encoded(Encoding::Windows1252) => flavour.windows_1252 = true,
        Mutation::Encoded(Encoding::Utf8Bom) => {
            flavour.windows_1252 = false;
            flavour.bom = true;
        }
        Mutation::BomToggled if !flavour.windows_1252 => flavour.bom = !flavour.bom,
        Mutation::LineEnding { end, one_row: None } => flavour.line_end = end,
        _ => {}
    }
    match *m {
        Mutation::LineEnding {
            end,
            one_row: Some(row),
        } => {
            // One line ends otherwise than the others (a line pasted from another file).
            let r = above + table.data(row);
            let mut out = Vec::new();
            for (i, cells) in raw.iter().enumerate() {
                let line = bytes(std::slice::from_ref(cells), flavour);
                let line = line
                    .strip_suffix(flavour.line_end.as_bytes())
                    .unwrap_or(&line);
                let line = if i > 0 && flavour.bom {
                    &line[3..]
                } else {
                    line
                };
                out.extend_from_slice(line);
                out.extend_from_slice(if i == r { end } else { flavour.line_end }.as_bytes());
            }
            out
        }
        Mutation::Encoded(Encoding::Utf16) => {
            let text = String::from_utf8(bytes(
                &raw,
                Flavour {
                    bom: false,
                    windows_1252: false,
                    ..flavour
                },
            ))
            .expect("UTF-8");
            let mut out = vec![0xFF, 0xFE];
            for unit in text.encode_utf16() {
                out.extend_from_slice(&unit.to_le_bytes());
            }
            out
        }
        _ => bytes(&raw, flavour),
    }
}

/// The `.xlsx` workbook of `table`, typed like a filled template, with the workbook
/// mutation `m`.
pub fn xlsx(table: &Table, m: &Mutation) -> Vec<u8> {
    let mut book = Workbook::new();
    if let Mutation::OtherSheetFirst { hidden } = *m {
        let notes = book.add_worksheet();
        notes.set_name("Notes").expect("name");
        notes
            .write_string(0, 0, "Remarques du coordinateur")
            .expect("cell");
        notes.set_hidden(hidden);
    }
    let sheet = book.add_worksheet();
    sheet.set_name("Candidatures").expect("name");
    sheet.set_active(true);
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let percent = Format::new().set_num_format("0.0%");
    let above = table.title.len() as u32;
    for (r, t) in table.title.iter().enumerate() {
        if !t.is_empty() {
            sheet.write_string(r as u32, 0, t).expect("title");
        }
    }
    for (c, h) in table.header.iter().enumerate() {
        sheet.write_string(above, c as u16, h).expect("header");
    }
    let special = match *m {
        Mutation::Formula { row, column, .. }
        | Mutation::NumberAsText { row, column }
        | Mutation::Merged { row, column } => Some(table.cell(row, column)),
        Mutation::PercentCell { row } => table
            .header
            .iter()
            .position(|h| h == "taux_pauvrete")
            .map(|c| (table.data(row), c)),
        _ => None,
    };
    for (i, cells) in table.rows.iter().enumerate() {
        let Some(cells) = cells else { continue };
        let r = above + 1 + i as u32;
        let total = table.total == Some(i);
        for (c, value) in cells.iter().enumerate() {
            let col = c as u16;
            let trimmed = value.trim();
            if trimmed.is_empty() {
                continue;
            }
            let number = trimmed.parse::<f64>().ok();
            let here = special == Some((i, c));
            match (table.kinds[c], number) {
                (Kind::Number, Some(_)) if total => {
                    // A total row sums with a formula, its result stored.
                    let last = above + table.rows.len() as u32 - 1;
                    let name = column_name(c);
                    let formula = Formula::new(format!("=SUM({name}{}:{name}{last})", above + 2))
                        .set_result(trimmed);
                    sheet.write_formula(r, col, formula).expect("sum");
                }
                (Kind::Number, Some(n)) if here => match *m {
                    Mutation::Formula { .. } => {
                        let formula = Formula::new(format!("={trimmed}*1")).set_result(trimmed);
                        sheet.write_formula(r, col, formula).expect("formula");
                    }
                    Mutation::NumberAsText { .. } => {
                        sheet.write_string(r, col, value).expect("text");
                    }
                    Mutation::PercentCell { .. } => {
                        sheet
                            .write_number_with_format(r, col, n / 100.0, &percent)
                            .expect("percent");
                    }
                    _ => {
                        sheet.write_number(r, col, n).expect("number");
                    }
                },
                (Kind::Number, Some(n)) => {
                    sheet.write_number(r, col, n).expect("number");
                }
                (Kind::Date, _) => match ExcelDateTime::parse_from_str(trimmed) {
                    Ok(d) => {
                        sheet
                            .write_datetime_with_format(r, col, &d, &date)
                            .expect("date");
                    }
                    Err(_) => {
                        sheet.write_string(r, col, value).expect("text");
                    }
                },
                _ => {
                    sheet.write_string(r, col, value).expect("text");
                }
            }
        }
    }
    match *m {
        Mutation::HiddenColumn { column } => {
            let (_, c) = table.cell(0, column);
            sheet.set_column_hidden(c as u16).expect("hidden");
        }
        Mutation::HiddenRow { row } => {
            sheet
                .set_row_hidden(above + 1 + table.data(row) as u32)
                .expect("hidden");
        }
        Mutation::Merged { .. } => {
            // The cell merged with the one below, as « Fusionner les cellules » leaves it:
            // the first value over both.
            let below = special.filter(|&(i, _)| matches!(table.rows.get(i + 1), Some(Some(_))));
            if let Some((i, c)) = below {
                let first = table.rows[i].as_ref().map_or("", |r| r[c].as_str());
                let (r, col) = (above + 1 + i as u32, c as u16);
                sheet
                    .merge_range(r, col, r + 1, col, first, &Format::new())
                    .expect("merge");
                if let (Kind::Number, Ok(n)) = (table.kinds[c], first.trim().parse::<f64>()) {
                    sheet.write_number(r, col, n).expect("number");
                }
            }
        }
        _ => {}
    }
    let bytes = book.save_to_buffer().expect("workbook");
    let trusted = matches!(
        *m,
        Mutation::Formula { trusted: true, .. } | Mutation::TotalRow { .. }
    );
    if trusted {
        calculated(&bytes)
    } else {
        bytes
    }
}

/// The spreadsheet letters of column `c` (0 = A).
pub fn column_name(c: usize) -> String {
    let mut n = c + 1;
    let mut name = Vec::new();
    while n > 0 {
        name.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII")
}

/// The workbook as a spreadsheet saves it after calculating: without rust_xlsxwriter's
/// request to recalculate on opening (`fullCalcOnLoad`), so its stored results stand.
pub fn calculated(bytes: &[u8]) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).expect("member");
        let name = member.name().to_owned();
        let mut content = Vec::new();
        member.read_to_end(&mut content).expect("read");
        if name == "xl/workbook.xml" {
            let text = String::from_utf8(content).expect("UTF-8");
            let text = text.replace(" fullCalcOnLoad=\"1\"", "");
            content = text.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("member");
        out.write_all(&content).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

/// The clean file's amounts, by structure (its index in the example).
pub fn clean() -> &'static Vec<Amounts> {
    static CLEAN: OnceLock<Vec<Amounts>> = OnceLock::new();
    CLEAN.get_or_init(|| {
        let table = Table::clean();
        let (structures, diagnostics) = run(&csv(&table, FLAVOURS[0], &Mutation::Unchanged));
        assert!(
            diagnostics.iter().all(|d| d.severity != Severity::Error),
            "the clean file has no error: {diagnostics:?}"
        );
        assert_eq!(
            structures.len(),
            table.rows.len(),
            "the clean file pays every row"
        );
        structures.into_iter().map(|s| s.amounts).collect()
    })
}

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 3, 1).expect("date")
}

pub fn run(bytes: &[u8]) -> (Vec<secpa::report::StructureResult>, Vec<Diagnostic>) {
    secpa::compute_bytes(bytes, set(), None, as_of()).expect("bad data is never fatal")
}

/// Rows of a merged region « H5:H6 ».
pub fn region_rows(range: &str) -> Option<(u64, u64)> {
    let row = |cell: &str| {
        cell.trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u64>()
            .ok()
    };
    let (a, b) = range.split_once(':')?;
    Some((row(a)?, row(b)?))
}

/// Whether the diagnostics name spreadsheet row `line`: an error or warning of that row
/// (or of a range of rows holding it), or an error of the whole file or of its header.
pub fn named(diagnostics: &[Diagnostic], header: u64, line: u64) -> bool {
    diagnostics.iter().any(|d| {
        d.severity != Severity::Info
            && match (&d.problem, d.row) {
                (Problem::SwallowedLines { first, last }, _) => (*first..=*last).contains(&line),
                (Problem::UnclosedQuote, Some(r)) => r <= line,
                (Problem::MergedCells { range, .. }, _) => {
                    region_rows(range).is_some_and(|(a, b)| (a..=b).contains(&line))
                }
                // An error of the header or of the file stops every row.
                (_, None) => d.severity == Severity::Error,
                (_, Some(r)) if r <= header => d.severity == Severity::Error,
                (_, Some(r)) => r == line,
            }
    })
}

/// What went wrong: structures paid another amount, or gone, without a word. A structure
/// is known by its row (its FINESS may be the mutated cell, or the dropped column).
pub fn faults(table: &Table, m: &Mutation, bytes: &[u8]) -> Vec<String> {
    let (got, diagnostics) = run(bytes);
    let clean = clean();
    let mut out = Vec::new();
    let mut paid = vec![false; clean.len()];
    for s in &got {
        let expected = table.structure(s.row);
        if let Some(i) = expected {
            paid[i] = true;
        }
        match expected {
            Some(i) if clean[i] == s.amounts => {}
            _ if named(&diagnostics, table.header_line(), s.row) => {}
            Some(i) => out.push(format!(
                "row {} (FINESS {:?}) paid {} instead of {} in silence",
                s.row, s.finess, s.amounts.total, clean[i].total
            )),
            None => out.push(format!(
                "row {} paid {} where no structure stands (FINESS {:?})",
                s.row, s.amounts.total, s.finess
            )),
        }
    }
    for s in &got {
        if table.total.is_some_and(|i| table.line(i) == s.row) {
            out.push(format!(
                "row {}, a total row, paid {}",
                s.row, s.amounts.total
            ));
        }
    }
    // A structure paid twice (a duplicated row) is named on the copy.
    let mut seen = vec![false; clean.len()];
    for s in &got {
        if let Some(i) = table.structure(s.row) {
            if std::mem::replace(&mut seen[i], true)
                && !named(&diagnostics, table.header_line(), s.row)
            {
                out.push(format!(
                    "row {}: structure {i} paid twice in silence",
                    s.row
                ));
            }
        }
    }
    for (i, source) in table.source.iter().enumerate() {
        let line = table.line(i);
        if let Some(index) = source {
            if !paid[*index] && !named(&diagnostics, table.header_line(), line) {
                out.push(format!("row {line} gone without an error on its row"));
            }
        }
    }
    if let Some(code) = m.must_say(table) {
        if !diagnostics.iter().any(|d| d.code().as_str() == code) {
            out.push(format!("{} not said ({code} expected)", m.family()));
        }
    }
    if !out.is_empty() {
        let said: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("{} {:?} {:?}", d.code(), d.row, d.column))
            .collect();
        out.push(format!("diagnostics: {}", said.join("; ")));
    }
    out
}

/// The mutated file's bytes.
pub fn write(target: Target, m: &Mutation) -> (Table, Vec<u8>) {
    let mut table = Table::clean();
    table.apply(m);
    let bytes = match target {
        Target::Csv(flavour) => csv(&table, flavour, m),
        Target::Xlsx => xlsx(&table, m),
    };
    (table, bytes)
}

/// A target and a mutation from raw bytes, for the cargo-fuzz target: the first byte picks
/// the target, the second the family, the next ones its numbers. `None` when too short.
pub fn decode(data: &[u8]) -> Option<(Target, Mutation)> {
    let mut bytes = data.iter().copied();
    let mut next = || bytes.next().map(usize::from);
    let target = match next()? % (FLAVOURS.len() + 1) {
        i if i < FLAVOURS.len() => Target::Csv(FLAVOURS[i]),
        _ => Target::Xlsx,
    };
    let (a, b, c) = (next()?, next()?, next()?);
    let mutation = match next()? % 26 {
        0 => Mutation::HeaderRenamed {
            column: a,
            to: match b % 4 {
                0 => Rename::Synonym(c),
                1 => Rename::Shouted,
                2 => Rename::Unrelated,
                _ => Rename::Typo,
            },
        },
        1 => Mutation::ColumnMoved { from: a, to: b },
        2 => Mutation::ColumnDropped { column: a },
        3 => Mutation::RowDuplicated { row: a },
        4 => Mutation::BlankRow { row: a },
        5 => Mutation::TitleRows { count: a },
        6 => Mutation::TotalRow {
            labelled: a % 2 == 0,
        },
        7 => Mutation::Spaces { row: a, column: b },
        8 => Mutation::QuoteInserted {
            row: a,
            column: b,
            at: c,
        },
        9 => Mutation::QuoteRemoved {
            row: a,
            column: b,
            last: c % 2 == 0,
        },
        10 => Mutation::SeparatorInserted {
            row: a,
            column: b,
            at: c,
        },
        11 => Mutation::DecimalMarkSwapped { row: a, column: b },
        12 => Mutation::ThousandsSeparator {
            row: a,
            column: b,
            mark: [' ', '\u{a0}', '\u{202f}', '.', ',', '\''][c % 6],
        },
        13 => Mutation::Encoded(match a % 3 {
            0 => Encoding::Windows1252,
            1 => Encoding::Utf8Bom,
            _ => Encoding::Utf16,
        }),
        14 => Mutation::BomToggled,
        15 => Mutation::LineEnding {
            end: ["\n", "\r\n", "\r"][a % 3],
            one_row: (b % 2 == 0).then_some(c),
        },
        16 => Mutation::HiddenRow { row: a },
        17 => Mutation::HiddenColumn { column: a },
        18 => Mutation::Formula {
            row: a,
            column: b,
            trusted: c % 2 == 0,
        },
        19 => Mutation::Merged { row: a, column: b },
        20 => Mutation::NumberAsText { row: a, column: b },
        21 => Mutation::PercentCell { row: a },
        22 => Mutation::OtherSheetFirst { hidden: a % 2 == 0 },
        _ => Mutation::Unchanged,
    };
    Some((target, mutation))
}
