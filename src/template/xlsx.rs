//! The template as an .xlsx workbook (rust_xlsxwriter). Formats and drop-down lists cover
//! whole columns below the header, so a structure added on any row gets them.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, Note, Workbook, Worksheet,
    XlsxError,
};

use super::{choices, note, readme, sample, width, Cell, Deadline};
use super::{CANDIDATURES, EXAMPLE, README};
use crate::candidature::column::{Column, Input};
use crate::Lang;

/// The last row of a sheet (0-based), where column-wide validations end.
const LAST_ROW: u32 = 1_048_575;

struct Formats {
    header: Format,
    code: Format,
    date: Format,
    percent: Format,
    count: Format,
    euro: Format,
    plain: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color("#DDEBF7"),
            code: Format::new().set_num_format("@"),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            // A number shown with « % », not a percentage format: typed 41,3 it holds 41.3
            // in Excel and in LibreOffice alike (LibreOffice has no automatic percentage
            // entry: in a percentage cell 41,3 becomes 4 130 %).
            percent: Format::new().set_num_format("0.0\\ \"%\""),
            count: Format::new().set_num_format("0"),
            euro: Format::new().set_num_format("#,##0.00\\ \"€\""),
            plain: Format::new(),
        }
    }

    fn of(&self, input: &Input) -> &Format {
        match input {
            Input::Code => &self.code,
            Input::Date => &self.date,
            Input::Percent => &self.percent,
            Input::Count | Input::Year => &self.count,
            Input::Amount => &self.euro,
            Input::Text | Input::Choice(_) | Input::YesNo => &self.plain,
        }
    }
}

/// The template; `filled`, one cell per column of [`Column::ALL`], is written on row 2 of
/// « Candidatures » (the page's one-structure form).
pub fn write(
    lang: Lang,
    deadline: &Deadline,
    filled: Option<&[Cell]>,
) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();

    let sheet = workbook.add_worksheet();
    sheet.set_name(CANDIDATURES)?;
    header(sheet, &formats, lang, true)?;
    for (col, column) in Column::ALL.iter().enumerate() {
        let col = col as u16;
        let input = column.input();
        if let Some(values) = choices(&input) {
            let list = DataValidation::new()
                .allow_list_strings(&values)?
                .set_error_style(DataValidationErrorStyle::Stop)
                .set_error_title(match lang {
                    Lang::Fr => "Valeur non admise",
                    Lang::En => "Value not accepted",
                })?
                .set_error_message(match lang {
                    Lang::Fr => format!("Choisissez dans la liste : {}", values.join(", ")),
                    Lang::En => format!("Choose from the list: {}", values.join(", ")),
                })?;
            sheet.add_data_validation(1, col, LAST_ROW, col, &list)?;
        }
    }
    if let Some(cells) = filled {
        row(sheet, &formats, cells)?;
    }
    sheet.set_active(true);

    let example = workbook.add_worksheet();
    example.set_name(EXAMPLE)?;
    header(example, &formats, lang, false)?;
    let cells: Vec<Cell> = Column::ALL.iter().map(|c| sample(*c).cell()).collect();
    row(example, &formats, &cells)?;

    let info = workbook.add_worksheet();
    info.set_name(README)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    info.set_column_width(0, 22)?;
    info.set_column_width(1, 100)?;
    for (row, (heading, text)) in readme(lang, deadline).iter().enumerate() {
        info.write_string_with_format(row as u32, 0, heading, &bold)?;
        info.write_string_with_format(row as u32, 1, text, &wrap)?;
    }

    workbook.save_to_buffer()
}

/// Row 1 of a sheet of candidatures: the labels the reader recognises, frozen, each column
/// wide enough to read and formatted as its cells are typed; `notes` on the template.
fn header(
    sheet: &mut Worksheet,
    formats: &Formats,
    lang: Lang,
    notes: bool,
) -> Result<(), XlsxError> {
    for (col, column) in Column::ALL.iter().enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, width(*column))?;
        sheet.set_column_format(col, formats.of(&column.input()))?;
        sheet.write_string_with_format(0, col, column.label(), &formats.header)?;
        if notes {
            let text = note(*column, lang);
            let note = Note::new(text)
                .add_author_prefix(false)
                .set_width(320)
                .set_height(140);
            sheet.insert_note(0, col, &note)?;
        }
    }
    sheet.set_row_height(0, 32)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Row 2 of a sheet of candidatures: one cell per column of [`Column::ALL`], each in its
/// column's format.
fn row(sheet: &mut Worksheet, formats: &Formats, cells: &[Cell]) -> Result<(), XlsxError> {
    for (col, (column, cell)) in Column::ALL.iter().zip(cells).enumerate() {
        let (col, format) = (col as u16, formats.of(&column.input()));
        match cell {
            Cell::Text(t) => {
                sheet.write_string_with_format(1, col, t, format)?;
            }
            Cell::Number(n) => {
                sheet.write_number_with_format(1, col, *n, format)?;
            }
            Cell::Date(d) => {
                use chrono::Datelike;
                let date =
                    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                sheet.write_date_with_format(1, col, &date, format)?;
            }
            Cell::Empty => {}
        }
    }
    Ok(())
}
