//! Reading a candidature file into computable structures for the commands built on `compute`
//! (explain, diff, test, budget): the same required columns, cell parsers and diagnostics as
//! `compute`, so a row means the same thing to every command.

use std::path::Path;

use chrono::NaiveDate;

use super::compute::{read_inputs, required_columns};
use crate::candidature::{CandidatureFile, Cells, Column, Opened};
use crate::compute::Inputs;
use crate::diagnostic::{self, Diagnostic, Problem};
use crate::Error;

/// One raw cell the computation read, located as the spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellUsed {
    pub column: Column,
    /// Spreadsheet column letter ("H").
    pub letter: String,
    /// The cell as written, trimmed.
    pub raw: String,
}

/// A row whose inputs could be read.
#[derive(Debug, Clone)]
pub struct Structure {
    pub row: u64,
    pub finess: Option<String>,
    pub nom: Option<String>,
    pub inputs: Inputs,
    /// `date_entree`, read only when a year is asked for.
    pub entree: Option<NaiveDate>,
    /// The cells behind `inputs`, in column order.
    pub cells: Vec<CellUsed>,
}

/// Every readable structure of a file and the problems of the others.
#[derive(Debug, Default)]
pub struct Batch {
    pub structures: Vec<Structure>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a file from disk; an unreadable file is a fatal error, a bad row a diagnostic.
pub fn read_path(path: &Path, year: bool) -> Result<Batch, Error> {
    let name = path.display().to_string();
    let opened = CandidatureFile::open(path).map_err(|source| Error::Read {
        path: name.clone(),
        source,
    })?;
    Ok(read(&name, opened, year))
}

/// Reads every row of an opened file; with `year`, `date_entree` is required too.
pub fn read(name: &str, opened: Opened, year: bool) -> Batch {
    let mut batch = Batch::default();
    let mut file = match opened {
        Opened::Unreadable(d) => {
            batch.diagnostics.push(d);
            return batch;
        }
        Opened::File(file) => file,
    };
    batch.diagnostics.append(&mut file.header_diagnostics);
    let missing: Vec<Column> = required_columns(year)
        .into_iter()
        .filter(|c| !file.header.has(*c))
        .collect();
    for column in &missing {
        batch.diagnostics.push(Diagnostic::new(
            name,
            Some(1),
            Some(column.name()),
            None,
            Problem::MissingColumn,
        ));
    }
    if !missing.is_empty() {
        diagnostic::sort(&mut batch.diagnostics);
        return batch;
    }
    let used: Vec<(Column, String)> = [
        Column::FileActiveMg,
        Column::TauxPauvrete,
        Column::AccordArsPsy,
        Column::MontantPsyDemande,
        Column::DateEntree,
    ]
    .into_iter()
    .filter(|c| year || *c != Column::DateEntree)
    .filter_map(|c| file.header.position(c).map(|p| (c, letter(p))))
    .collect();
    while let Some(row) = file.next_row() {
        let row = match row {
            Ok(row) => row,
            Err(d) => {
                batch.diagnostics.push(d);
                continue;
            }
        };
        let mut cells = Cells {
            row: &row,
            file: name,
            diagnostics: &mut batch.diagnostics,
        };
        let finess = cells.text(Column::Finess);
        let nom = cells.text(Column::Nom);
        let Some((inputs, entree)) = read_inputs(&mut cells, year) else {
            continue;
        };
        let cells = used
            .iter()
            .map(|(column, letter)| CellUsed {
                column: *column,
                letter: letter.clone(),
                raw: cells.text(*column).unwrap_or_default(),
            })
            .collect();
        batch.structures.push(Structure {
            row: row.number,
            finess,
            nom,
            inputs,
            entree,
            cells,
        });
    }
    if file.rows_read() == 0 {
        batch
            .diagnostics
            .push(Diagnostic::new(name, None, None, None, Problem::NoRows));
    }
    diagnostic::sort(&mut batch.diagnostics);
    batch
}

/// Spreadsheet letter of a 0-based column position: 0 → A, 25 → Z, 26 → AA.
pub fn letter(position: usize) -> String {
    let mut n = position + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(7), "H");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }

    #[test]
    fn reads_like_compute_and_reports_bad_rows() {
        let text = b"nom,file_active_mg,taux_pauvrete,accord_ars_psy\nA,2 500,\"37,5 %\",oui\nB,deux,10,non\n";
        let opened = CandidatureFile::from_reader("t.csv", &text[..]).unwrap();
        let batch = read("t.csv", opened, false);
        assert_eq!(batch.structures.len(), 1);
        let s = &batch.structures[0];
        assert_eq!((s.row, s.inputs.file_active), (2, 2500));
        assert_eq!(s.inputs.taux_pauvrete.to_string(), "37.5");
        assert_eq!(s.cells[0].letter, "B");
        assert_eq!(batch.diagnostics.len(), 1);
        assert_eq!(batch.diagnostics[0].code(), "E101");
    }
}
