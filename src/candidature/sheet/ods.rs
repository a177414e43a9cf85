//! An `.ods` sheet: calamine reads it whole, once the guard has bounded what its repeats
//! expand to; its cells then go through the same row writer as an `.xlsx` sheet's.

use calamine::{Ods, Reader as _, SheetVisible};
use std::io::Cursor;

use super::cell::text;
use super::spool::{Spool, Text};
use super::{choose, Notes, SheetInfo, SheetText};
use crate::candidature::column::Column;
use crate::diagnostic::{Problem, WorkbookFault};

/// A workbook calamine could not read (E020).
fn invalid(e: &dyn std::fmt::Display) -> Problem {
    Problem::InvalidWorkbook {
        reason: WorkbookFault::Reader(e.to_string()),
    }
}

pub fn read(bytes: &[u8], asked: Option<&str>) -> Result<SheetText, Problem> {
    let mut workbook = Ods::new(Cursor::new(bytes)).map_err(|e| invalid(&e))?;
    let sheets: Vec<SheetInfo> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| SheetInfo {
            name: s.name.clone(),
            hidden: s.visible != SheetVisible::Visible,
        })
        .collect();
    let choice = choose(&sheets, None, asked, |name| {
        let range = workbook.worksheet_range(name).map_err(|e| invalid(&e))?;
        Ok(range
            .rows()
            .filter(|r| r.iter().any(|c| !text(c).trim().is_empty()))
            .take(Column::HEADER_SEARCH)
            .any(|r| {
                Column::is_header(
                    r.iter()
                        .map(text)
                        .collect::<Vec<_>>()
                        .iter()
                        .map(String::as_str),
                )
            }))
    })?;
    let range = workbook
        .worksheet_range(&choice.read)
        .map_err(|e| invalid(&e))?;
    drop(workbook);
    let with_choice = |mut notes: Notes| {
        notes.choice = (sheets.len() > 1).then(|| choice.clone());
        notes
    };
    let Some(start) = range.start() else {
        return Ok(SheetText {
            spool: Spool::writer()?.finish()?,
            notes: with_choice(Notes::default()),
        });
    };
    let mut rows = Text::new(start.0, start.1, range.width(), Vec::new())?;
    for (i, j, cell) in range.used_cells() {
        let at = (start.0 + i as u32, start.1 + j as u32);
        rows.push(at, &text(cell))?;
    }
    let (spool, notes) = rows.finish()?;
    Ok(SheetText {
        spool,
        notes: with_choice(notes),
    })
}
