//! `compute --format xlsx`: a real workbook (rust_xlsxwriter), for the people who live in a
//! spreadsheet. FINESS numbers are text (never 60000247 for 060000247), amounts are numbers
//! with a euro format, titles are in the report's language, the header row is frozen, a total
//! row ends the sheet, and a second sheet gives the provenance: rule versions with their
//! sha256, the provisional values, and whether eligibility was checked.
//!
//! A spreadsheet number is a binary double: an amount is written as a number only when the
//! double reads back as the exact decimal (every amount under 10¹³ € to the cent does), and
//! as text otherwise, so the workbook never shows an amount that is not the computed one.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use super::{ComputeReport, StructureResult};
use crate::diagnostic::Counts;
use crate::model::Dotation;
use crate::{Error, Lang};

/// The workbook's bytes.
pub fn render(report: &ComputeReport) -> Result<Vec<u8>, Error> {
    build(report).map_err(|e| Error::Workbook {
        message: e.to_string(),
    })
}

fn build(report: &ComputeReport) -> Result<Vec<u8>, XlsxError> {
    let fr = report.lang == Lang::Fr;
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    // The spreadsheet writes the separators of its own locale; the language places the €.
    let euro = Format::new().set_num_format(if fr {
        "#,##0.00\\ \"€\""
    } else {
        "\"€\"#,##0.00"
    });
    let euro_bold = euro.clone().set_bold();
    let text = Format::new().set_num_format("@");
    let right = Format::new().set_align(FormatAlign::Right);

    let sheet = workbook.add_worksheet();
    sheet.set_name(if fr { "Dotations" } else { "Allocations" })?;
    let mut titles: Vec<String> = if fr {
        vec!["Ligne".into(), "FINESS".into(), "Nom".into()]
    } else {
        vec!["Row".into(), "FINESS".into(), "Name".into()]
    };
    let months = report.year.is_some();
    if months {
        titles.push(if fr { "Mois" } else { "Months" }.into());
    }
    titles.extend(
        Dotation::ALL
            .iter()
            .map(|d| d.title(report.lang).to_owned()),
    );
    titles.push("Total".into());
    for (col, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, &bold)?;
    }
    let first_amount: u16 = if months { 4 } else { 3 };
    let mut row: u32 = 1;
    for s in &report.structures {
        write_structure(sheet, row, s, months, &text, &euro)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 2, "Total", &bold)?;
    for (i, d) in Dotation::ALL.iter().enumerate() {
        let sum = report.structures.iter().try_fold(Decimal::ZERO, |s, r| {
            s.checked_add(*r.amounts.dotations.get(*d))
        });
        if let Some(sum) = sum {
            write_amount(sheet, row, first_amount + i as u16, sum, &euro_bold)?;
        }
    }
    write_amount(sheet, row, first_amount + 4, report.total, &euro_bold)?;
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

    let info = workbook.add_worksheet();
    info.set_name("Provenance")?;
    let mut line: u32 = 0;
    let mut put = |label: &str, value: &str| -> Result<(), XlsxError> {
        info.write_string_with_format(line, 0, label, &bold)?;
        info.write_string(line, 1, value)?;
        line += 1;
        Ok(())
    };
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
    )?;
    provenance_diagnostics(info, &mut line, &report.counts, fr, &bold)?;
    info.set_column_width(0, 22)?;
    info.set_column_width(1, 120)?;
    info.set_column_width(2, 30)?;
    workbook.save_to_buffer()
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
    s: &StructureResult,
    months: bool,
    text: &Format,
    euro: &Format,
) -> Result<(), XlsxError> {
    sheet.write_number(row, 0, s.row as f64)?;
    // Text, so that a spreadsheet never drops a leading zero.
    sheet.write_string_with_format(row, 1, s.finess.as_deref().unwrap_or_default(), text)?;
    sheet.write_string(row, 2, s.nom.as_deref().unwrap_or_default())?;
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
}
