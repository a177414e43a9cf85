//! `compute --format xlsx`: a real workbook (rust_xlsxwriter), for the people who live in a
//! spreadsheet. FINESS numbers are text (never 60000247 for 060000247), amounts are numbers
//! with a euro format, titles are in the report's language, the header row is frozen, a total
//! row ends the sheet, and a second sheet gives the provenance: rule versions with their
//! sha256, the provisional values, and whether eligibility was checked.
//!
//! A workbook cell holds at most 32 767 characters ([`CELL_CHARS`]): a longer text (a name:
//! the reader accepts 64 KiB cells) is cut there with « … » and said (W032, [`Workbook::cut`]),
//! where it once failed the whole batch; CSV and JSON keep it whole. A sheet holds at most
//! 1 048 576 rows ([`SHEET_ROWS`]): past [`Layout::per_sheet`] structures, they continue on
//! further sheets (« Dotations (2) »…), each with its header, the total row on the last.
//!
//! A spreadsheet number is a binary double: an amount is written as a number only when the
//! double reads back as the exact decimal (every amount under 10¹³ € to the cent does), and
//! as text otherwise, so the workbook never shows an amount that is not the computed one.

use crate::titles::Title;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, XlsxError};

#[cfg(test)]
use super::StructureResult;
use super::{ComputeReport, StructureView};
use crate::diagnostic::Counts;
use crate::model::Dotation;
use crate::{Error, Lang};

/// The most characters a workbook cell holds (Excel's limit, which rust_xlsxwriter enforces).
pub const CELL_CHARS: usize = 32_767;

/// The rows of a sheet (Excel's limit): a header, structures, and the total row.
pub const SHEET_ROWS: u32 = 1_048_576;

/// A rendered workbook and the texts it had to cut.
pub struct Workbook {
    pub bytes: Vec<u8>,
    /// One per cut cell, in row order: W032 on the structure's row and column.
    pub cut: Vec<Cut>,
}

/// A text cut to [`CELL_CHARS`] in the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The structure's row in the candidature file.
    pub row: u64,
    /// The column of the candidature file it came from (`nom`, `finess`).
    pub column: &'static str,
    /// Its whole length, in characters.
    pub chars: u64,
}

impl Workbook {
    /// The W032 warnings of the cut cells, for `file`.
    pub fn warnings(&self, file: &str) -> Vec<crate::diagnostic::Diagnostic> {
        warnings(&self.cut, file)
    }
}

/// The W032 warnings of the cut cells `cut`, for `file`.
pub fn warnings(cut: &[Cut], file: &str) -> Vec<crate::diagnostic::Diagnostic> {
    cut.iter()
        .map(|c| {
            crate::diagnostic::Diagnostic::new(
                file,
                Some(c.row),
                Some(c.column),
                None,
                crate::diagnostic::Problem::CutInWorkbook {
                    chars: c.chars,
                    limit: CELL_CHARS as u64,
                },
            )
        })
        .collect()
}

/// `text` as a cell holds it: whole, or its first [`CELL_CHARS`] − 1 characters and « … ».
pub fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(CELL_CHARS) {
        None => std::borrow::Cow::Borrowed(text),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(CELL_CHARS - 1)
                .map_or(text.len(), |(i, _)| i);
            std::borrow::Cow::Owned(format!("{}…", &text[..end]))
        }
    }
}

/// How the structures are spread over sheets of `rows` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub rows: u32,
}

impl Layout {
    /// Structures per sheet: its rows but the header and the total row's place.
    pub fn per_sheet(self) -> usize {
        self.rows.saturating_sub(2).max(1) as usize
    }

    /// The number of sheets of `structures` (one at least: an empty batch has its header
    /// and total row).
    pub fn sheets(self, structures: usize) -> usize {
        structures.div_ceil(self.per_sheet()).max(1)
    }
}

/// The workbook's bytes, and the texts it cut.
pub fn render(report: &ComputeReport) -> Result<Workbook, Error> {
    render_in(report, Layout { rows: SHEET_ROWS })
}

/// [`render`] with sheets of `layout.rows` rows (tests: the splitting without a million rows).
pub fn render_in(report: &ComputeReport, layout: Layout) -> Result<Workbook, Error> {
    let mut writer = Writer::new(report.lang, report.year, layout, false)?;
    for s in &report.structures {
        writer.push(&s.view())?;
    }
    let (mut workbook, cut) = writer.finish(report)?;
    let bytes = workbook.save_to_buffer().map_err(failed)?;
    Ok(Workbook { bytes, cut })
}

fn failed(e: XlsxError) -> Error {
    Error::Workbook {
        message: e.to_string(),
    }
}

/// The workbook written structure by structure, as they are computed. With `constant`
/// (the command line: rust_xlsxwriter's constant-memory mode), each row of the Dotations
/// sheets goes to a temporary file as soon as the next begins, its texts written in the
/// cell rather than in the shared-strings table: memory stays flat whatever the number of
/// structures; a spreadsheet shows the same cells.
pub struct Writer {
    workbook: rust_xlsxwriter::Workbook,
    lang: Lang,
    months: bool,
    layout: Layout,
    constant: bool,
    titles: Vec<String>,
    /// The names of the Dotations sheets so far.
    names: Vec<String>,
    /// The next row of the current sheet, and the structures on it.
    row: u32,
    on_sheet: usize,
    structures: usize,
    /// The sums of the dotations (`None` once one could not be kept exact).
    sums: [Option<Decimal>; 4],
    cut: Vec<Cut>,
    bold: Format,
    euro: Format,
    euro_bold: Format,
    text: Format,
    right: Format,
}

impl Writer {
    /// A workbook with its first Dotations sheet and its header; `constant`: in
    /// constant-memory mode (it needs temporary files: the command line only).
    pub fn new(
        lang: Lang,
        year: Option<i32>,
        layout: Layout,
        constant: bool,
    ) -> Result<Writer, Error> {
        let fr = lang == Lang::Fr;
        let bold = Format::new().set_bold();
        // The spreadsheet writes the separators of its own locale; the language places the €.
        let euro = Format::new().set_num_format(if fr {
            "#,##0.00\\ \"€\""
        } else {
            "\"€\"#,##0.00"
        });
        let euro_bold = euro.clone().set_bold();
        let mut titles: Vec<String> = if fr {
            vec!["Ligne".into(), "FINESS".into(), "Nom".into()]
        } else {
            vec!["Row".into(), "FINESS".into(), "Name".into()]
        };
        let months = year.is_some();
        if months {
            titles.push(if fr { "Mois" } else { "Months" }.into());
        }
        titles.extend(Dotation::ALL.iter().map(|d| d.title(lang).to_owned()));
        titles.push("Total".into());
        let mut writer = Writer {
            workbook: rust_xlsxwriter::Workbook::new(),
            lang,
            months,
            layout,
            constant,
            titles,
            names: Vec::new(),
            row: 1,
            on_sheet: 0,
            structures: 0,
            sums: [Some(Decimal::ZERO); 4],
            cut: Vec::new(),
            bold,
            euro,
            euro_bold,
            text: Format::new().set_num_format("@"),
            right: Format::new().set_align(FormatAlign::Right),
        };
        writer.sheet().map_err(failed)?;
        Ok(writer)
    }

    fn first_amount(&self) -> u16 {
        if self.months {
            4
        } else {
            3
        }
    }

    /// A new Dotations sheet, laid out, with its header row.
    fn sheet(&mut self) -> Result<(), XlsxError> {
        let fr = self.lang == Lang::Fr;
        let name = if fr { "Dotations" } else { "Allocations" };
        let sheet_name = match self.names.len() + 1 {
            1 => name.to_owned(),
            n => format!("{name} ({n})"),
        };
        let first_amount = self.first_amount();
        let (months, right) = (self.months, self.right.clone());
        let (titles, bold) = (self.titles.clone(), self.bold.clone());
        let sheet = self.add_sheet();
        sheet.set_name(&sheet_name)?;
        // Before any row: a constant-memory sheet writes its rows as they come.
        sheet.set_freeze_panes(1, 0)?;
        sheet.set_column_width(0, 7)?;
        sheet.set_column_width(1, 11)?;
        sheet.set_column_width(2, 48)?;
        for col in first_amount..first_amount + 5 {
            sheet.set_column_width(col, 18)?;
        }
        if months {
            sheet.set_column_format(3, &right)?;
        }
        for (col, title) in titles.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, title, &bold)?;
        }
        self.names.push(sheet_name);
        self.row = 1;
        self.on_sheet = 0;
        Ok(())
    }

    fn add_sheet(&mut self) -> &mut rust_xlsxwriter::Worksheet {
        #[cfg(feature = "cli")]
        if self.constant {
            return self.workbook.add_worksheet_with_constant_memory();
        }
        // Without temporary files (the web page), every sheet is kept in memory.
        #[cfg(not(feature = "cli"))]
        let _ = self.constant;
        self.workbook.add_worksheet()
    }

    /// The last sheet added.
    fn current(&mut self) -> &mut rust_xlsxwriter::Worksheet {
        let last = self.workbook.worksheets_mut().len() - 1;
        &mut self.workbook.worksheets_mut()[last]
    }

    /// A structure, on the next row (of a new sheet when this one is full).
    pub fn push(&mut self, s: &StructureView) -> Result<(), Error> {
        if self.on_sheet == self.layout.per_sheet() {
            self.sheet().map_err(failed)?;
        }
        let (row, months) = (self.row, self.months);
        let (text, euro) = (self.text.clone(), self.euro.clone());
        let mut cut = std::mem::take(&mut self.cut);
        let written = write_structure(self.current(), row, s, months, &text, &euro, &mut cut);
        self.cut = cut;
        written.map_err(failed)?;
        for (sum, (_, amount)) in self.sums.iter_mut().zip(s.amounts.dotations.iter()) {
            *sum = sum.and_then(|sum| sum.checked_add(*amount));
        }
        self.row += 1;
        self.on_sheet += 1;
        self.structures += 1;
        Ok(())
    }

    /// The total row under the last structure, then the Provenance sheet of `report` (its
    /// `structures` are not read: those pushed are): the workbook to save, and the texts
    /// it cut.
    pub fn finish(
        mut self,
        report: &ComputeReport,
    ) -> Result<(rust_xlsxwriter::Workbook, Vec<Cut>), Error> {
        self.end(report).map_err(failed)?;
        Ok((self.workbook, self.cut))
    }

    fn end(&mut self, report: &ComputeReport) -> Result<(), XlsxError> {
        let fr = self.lang == Lang::Fr;
        let (row, first_amount) = (self.row, self.first_amount());
        let (bold, euro_bold, sums) = (self.bold.clone(), self.euro_bold.clone(), self.sums);
        total_row(
            self.current(),
            row,
            sums,
            report.total,
            first_amount,
            &bold,
            &euro_bold,
        )?;

        let (sheets, names, structures, per_sheet) = (
            self.names.len(),
            self.names.join(", "),
            self.structures,
            self.layout.per_sheet(),
        );
        let info = self.workbook.add_worksheet();
        info.set_name("Provenance")?;
        let mut line: u32 = 0;
        let mut put = |label: &str, value: &str| -> Result<(), XlsxError> {
            info.write_string_with_format(line, 0, label, &bold)?;
            info.write_string(line, 1, cell_text(value))?;
            line += 1;
            Ok(())
        };
        if sheets > 1 {
            put(
                if fr { "Feuilles" } else { "Sheets" },
                &if fr {
                    format!(
                        "{structures} structures sur {sheets} feuilles (au plus {per_sheet} par feuille) : {names}"
                    )
                } else {
                    format!(
                        "{structures} structures on {sheets} sheets (at most {per_sheet} per sheet): {names}"
                    )
                },
            )?;
        }
        provenance(&mut put, report, fr)?;
        provenance_diagnostics(info, &mut line, &report.counts, fr, &bold)?;
        info.set_column_width(0, 22)?;
        info.set_column_width(1, 120)?;
        info.set_column_width(2, 30)?;
        Ok(())
    }
}

/// The total row, under the last structure of the last sheet: the sums of the whole batch.
fn total_row(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    sums: [Option<Decimal>; 4],
    total: Decimal,
    first_amount: u16,
    bold: &Format,
    euro_bold: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(row, 2, "Total", bold)?;
    for (i, sum) in sums.into_iter().enumerate() {
        if let Some(sum) = sum {
            write_amount(sheet, row, first_amount + i as u16, sum, euro_bold)?;
        }
    }
    write_amount(sheet, row, first_amount + 4, total, euro_bold)?;
    Ok(())
}

/// The lines of the Provenance sheet: amounts, rule versions (a rule file's title is
/// text of its own: cut like any cell), provisional values, eligibility.
fn provenance(
    put: &mut impl FnMut(&str, &str) -> Result<(), XlsxError>,
    report: &ComputeReport,
    fr: bool,
) -> Result<(), XlsxError> {
    put(
        if fr { "Montants" } else { "Amounts" },
        &match (report.year, fr) {
            (Some(y), true) => format!("dus pour {y}, proratisés au mois"),
            (Some(y), false) => format!("due for {y}, prorated by month"),
            (None, true) => "annuels".into(),
            (None, false) => "annual".into(),
        },
    )?;
    for v in report.versions() {
        put(
            if fr { "Règles" } else { "Rules" },
            &format!(
                "{} ({} → {}) : {} ; sha256 {}",
                v.rules.id,
                v.rules.valid_from.get_ref(),
                v.rules.valid_until.get_ref(),
                v.rules.title,
                v.sha256()
            ),
        )?;
    }
    let provisional = report.provisional_used();
    put(
        if fr {
            "Valeurs provisoires"
        } else {
            "Provisional values"
        },
        &if provisional.is_empty() {
            if fr { "aucune" } else { "none" }.to_owned()
        } else {
            provisional.join(", ")
        },
    )?;
    put(
        if fr { "Éligibilité" } else { "Eligibility" },
        &if report.unchecked.is_empty() {
            if fr { "contrôlée" } else { "checked" }.to_owned()
        } else {
            let columns = crate::candidature::Column::labels(&report.unchecked);
            if fr {
                format!("NON contrôlée : colonnes absentes : {columns}")
            } else {
                format!("NOT checked: absent columns: {columns}")
            }
        },
    )
}

/// The diagnostics on the Provenance sheet: their counts by severity, as the JSON lists
/// them, the rows refused (not paid) with their codes, and the total rows skipped. From
/// the run's [`Counts`], the same for `compute --format xlsx` and the web page.
fn provenance_diagnostics(
    info: &mut rust_xlsxwriter::Worksheet,
    line: &mut u32,
    counts: &Counts,
    fr: bool,
    bold: &Format,
) -> Result<(), XlsxError> {
    let say = |fr_text: &'static str, en: &'static str| if fr { fr_text } else { en };
    let mut number = |label: &str, n: u64| -> Result<(), XlsxError> {
        info.write_string_with_format(*line, 0, label, bold)?;
        info.write_number(*line, 1, n as f64)?;
        *line += 1;
        Ok(())
    };
    number(say("Erreurs", "Errors"), counts.errors)?;
    number(say("Avertissements", "Warnings"), counts.warnings)?;
    number(say("Notes", "Notes"), counts.infos)?;
    number(
        say("Lignes refusées", "Refused rows"),
        counts.refused_rows(),
    )?;
    info.write_string(
        *line,
        1,
        say(
            "Les diagnostics sont sur la sortie d'erreur de secpa compute, et secpa check les liste ; une ligne refusée n'est pas payée.",
            "The diagnostics are on secpa compute's standard error, and secpa check lists them; a refused row is not paid.",
        ),
    )?;
    *line += 1;
    for (row, codes) in &counts.refused {
        let codes: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
        info.write_string_with_format(*line, 0, say("Ligne refusée", "Refused row"), bold)?;
        info.write_number(*line, 1, *row as f64)?;
        info.write_string(*line, 2, codes.join(", "))?;
        *line += 1;
    }
    if counts.more_refused > 0 {
        let more = counts.more_refused;
        info.write_string(
            *line,
            1,
            if fr {
                format!("… et {more} autres lignes refusées")
            } else {
                format!("… and {more} more refused rows")
            },
        )?;
        *line += 1;
    }
    for row in &counts.totals {
        info.write_string_with_format(*line, 0, say("Ligne de total", "Total row"), bold)?;
        info.write_number(*line, 1, *row as f64)?;
        info.write_string(*line, 2, say("W030, non payée", "W030, not paid"))?;
        *line += 1;
    }
    Ok(())
}

fn write_structure(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    s: &StructureView,
    months: bool,
    text: &Format,
    euro: &Format,
    cut: &mut Vec<Cut>,
) -> Result<(), XlsxError> {
    sheet.write_number(row, 0, s.row as f64)?;
    let mut cell = |column: &'static str, value: Option<&str>| -> String {
        let value = value.unwrap_or_default();
        let shown = cell_text(value);
        if let std::borrow::Cow::Owned(_) = shown {
            cut.push(Cut {
                row: s.row,
                column,
                chars: value.chars().count() as u64,
            });
        }
        shown.into_owned()
    };
    // Text, so that a spreadsheet never drops a leading zero.
    let finess = cell("finess", s.finess.as_deref());
    sheet.write_string_with_format(row, 1, finess, text)?;
    let nom = cell("nom", s.nom.as_deref());
    sheet.write_string(row, 2, nom)?;
    let mut col = 3;
    if months {
        sheet.write_number(row, col, f64::from(s.months.unwrap_or(0)))?;
        col += 1;
    }
    for (_, amount) in s.amounts.dotations.iter() {
        write_amount(sheet, row, col, *amount, euro)?;
        col += 1;
    }
    write_amount(sheet, row, col, s.amounts.total, euro)
}

/// An amount as a number when a double holds it exactly (read back to the same decimal),
/// else as its exact text.
fn write_amount(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    amount: Decimal,
    euro: &Format,
) -> Result<(), XlsxError> {
    match exact_double(amount) {
        Some(value) => sheet.write_number_with_format(row, col, value, euro)?,
        None => sheet.write_string(row, col, amount.to_string())?,
    };
    Ok(())
}

/// The double that reads back as `amount` (shortest round trip), if there is one.
fn exact_double(amount: Decimal) -> Option<f64> {
    let value = amount.to_f64()?;
    let back: Decimal = value.to_string().parse().ok()?;
    (back == amount.normalize()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_numbers_only_when_a_double_holds_them_exactly() {
        for text in [
            "373000.00",
            "83333.33",
            "0.00",
            "9331280.00",
            "1234567890123.45",
        ] {
            let d: Decimal = text.parse().unwrap();
            assert!(exact_double(d).is_some(), "{text}");
        }
        let exotic: Decimal = "12345678901234567.89".parse().unwrap();
        assert_eq!(exact_double(exotic), None);
    }

    fn report(set: &crate::rules::RuleSet, names: Vec<String>) -> ComputeReport<'_> {
        use crate::compute::{Amounts, PerDotation};
        let structures: Vec<StructureResult> = names
            .into_iter()
            .enumerate()
            .map(|(i, nom)| {
                let a = Decimal::from(1000 * (i as i64 + 1));
                StructureResult {
                    row: i as u64 + 2,
                    finess: Some(format!("93{i:07}")),
                    nom: Some(nom),
                    months: None,
                    amounts: Amounts {
                        dotations: PerDotation {
                            participative: a,
                            precarite: a,
                            interpretariat: a,
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
        ComputeReport {
            lang: Lang::Fr,
            set,
            used: vec![crate::rules::VersionId::FIRST],
            judged: vec![crate::rules::VersionId::FIRST],
            year: None,
            structures,
            total,
            errors: Vec::new(),
            unchecked: Vec::new(),
            more_errors: 0,
            counts: Default::default(),
            whole: None,
        }
    }

    /// The sheets of a workbook, each as its rows of cell texts.
    fn read_back(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<String>>)> {
        use calamine::Reader;
        let mut book =
            calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(bytes))
                .expect("a workbook");
        book.sheet_names()
            .into_iter()
            .map(|name| {
                let range = book.worksheet_range(&name).expect("a sheet");
                let rows = range
                    .rows()
                    .map(|r| r.iter().map(|c| c.to_string()).collect())
                    .collect();
                (name, rows)
            })
            .collect()
    }

    #[test]
    fn a_text_too_long_for_a_cell_is_cut_with_an_ellipsis_and_listed() {
        assert_eq!(cell_text("Santé"), "Santé");
        let exact = "é".repeat(CELL_CHARS);
        assert!(matches!(cell_text(&exact), std::borrow::Cow::Borrowed(_)));
        let long = "é".repeat(CELL_CHARS + 1);
        let cut = cell_text(&long);
        assert_eq!(cut.chars().count(), CELL_CHARS);
        assert!(cut.ends_with("é…"));

        let set = crate::rules::RuleSet::embedded().expect("embedded rules");
        let long = format!("{}fin", "n".repeat(40_000));
        let report = report(&set, vec!["Court".into(), long.clone()]);
        let workbook = render(&report).expect("written, not refused");
        assert_eq!(
            workbook.cut,
            vec![Cut {
                row: 3,
                column: "nom",
                chars: 40_003
            }]
        );
        let warnings = workbook.warnings("f.csv");
        assert_eq!(warnings[0].code(), crate::diagnostic::Code::W032);
        assert_eq!(warnings[0].row, Some(3));
        let sheets = read_back(workbook.bytes);
        let nom = &sheets[0].1[2][2];
        assert_eq!(nom.chars().count(), CELL_CHARS);
        assert_eq!(nom, &format!("{}…", "n".repeat(CELL_CHARS - 1)));
        assert_eq!(sheets[0].1[1][2], "Court");
    }

    #[test]
    fn structures_past_a_sheet_continue_on_further_sheets() {
        let set = crate::rules::RuleSet::embedded().expect("embedded rules");
        // Sheets of 5 rows: a header, 3 structures, and the total row's place.
        let layout = Layout { rows: 5 };
        assert_eq!(layout.per_sheet(), 3);
        assert_eq!(Layout { rows: SHEET_ROWS }.per_sheet(), 1_048_574);
        for (n, sheets) in [(0, 1), (1, 1), (3, 1), (4, 2), (6, 2), (7, 3)] {
            assert_eq!(layout.sheets(n), sheets, "{n} structures");
            let names = (0..n).map(|i| format!("S{i}")).collect();
            let report = report(&set, names);
            let book = read_back(render_in(&report, layout).expect("written").bytes);
            let expected: Vec<String> = (1..=sheets)
                .map(|k| match k {
                    1 => "Dotations".to_owned(),
                    _ => format!("Dotations ({k})"),
                })
                .chain(["Provenance".to_owned()])
                .collect();
            let names: Vec<String> = book.iter().map(|(name, _)| name.clone()).collect();
            assert_eq!(names, expected, "{n} structures");
            // Every structure once, in order, each sheet within its rows; the total last.
            let mut seen = Vec::new();
            for (k, (_, rows)) in book[..sheets].iter().enumerate() {
                assert!(
                    rows.len() <= layout.rows as usize,
                    "{n}: sheet {k} too long"
                );
                assert_eq!(rows[0][0], "Ligne");
                let body = &rows[1..];
                let (structures, total) = match k + 1 == sheets {
                    true => (&body[..body.len() - 1], body.last()),
                    false => (body, None),
                };
                seen.extend(structures.iter().map(|r| r[2].clone()));
                if let Some(total) = total {
                    assert_eq!(total[2], "Total");
                    let sum: i64 = (1..=n as i64).map(|i| 4000 * i).sum();
                    assert_eq!(total[7], sum.to_string(), "{n} structures");
                }
            }
            let all: Vec<String> = (0..n).map(|i| format!("S{i}")).collect();
            assert_eq!(seen, all, "{n} structures");
        }
    }
}
