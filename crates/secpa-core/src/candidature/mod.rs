//! Candidature files: bytes → text (BOM/UTF-8/Windows-1252) → rows → typed values, every
//! problem reported with file, row and column.

pub mod column;
pub mod limits;
pub use crate::letter;
pub mod open;
pub mod reader;
pub mod sheet;
pub mod value;

use std::borrow::Cow;

use chrono::NaiveDate;
use rust_decimal::Decimal;

pub use column::Column;
pub use open::{open, open_bytes, open_bytes_with, open_with, Options};
pub use reader::{CandidatureFile, Header, HeaderReading, Opened, Row};

use crate::diagnostic::{Diagnostic, Problem};
use crate::model::{Implantation, Mission, TiersPayant, TypeStructure};

/// Reads typed cells from a row, collecting the problems instead of stopping at the first.
pub struct Cells<'r, 'a> {
    pub row: &'r Row<'a>,
    pub file: &'r str,
    pub diagnostics: &'r mut Vec<Diagnostic>,
}

impl<'r, 'a> Cells<'r, 'a> {
    /// The trimmed text of a cell; `None` when the column is absent or the cell empty.
    pub fn text(&self, column: Column) -> Option<String> {
        self.str(column).map(Cow::into_owned)
    }

    /// [`Cells::text`], borrowed from the row when the file is UTF-8 (no allocation).
    pub fn str(&self, column: Column) -> Option<Cow<'a, str>> {
        let trimmed = match self.row.get(column)? {
            Cow::Borrowed(cell) => Cow::Borrowed(value::trim(cell)),
            Cow::Owned(cell) => Cow::Owned(value::trim(&cell).to_owned()),
        };
        (!trimmed.is_empty()).then_some(trimmed)
    }

    /// A typed cell: `None` when absent or empty; an invalid cell adds a diagnostic.
    pub fn parse<T>(
        &mut self,
        column: Column,
        parser: impl Fn(&str) -> Result<T, Problem>,
    ) -> Option<T> {
        let cell = self.row.get(column)?;
        if value::trim(&cell).is_empty() {
            return None;
        }
        self.convert(column, &cell, parser)
    }

    /// A yes/no cell, where empty means no; `None` only when the column is absent.
    pub fn flag(&mut self, column: Column) -> Option<bool> {
        let cell = self.row.get(column)?;
        self.convert(column, &cell, value::boolean)
    }

    /// Like `parse`, but an empty cell (or absent column) is a "missing value" problem.
    pub fn required<T>(
        &mut self,
        column: Column,
        parser: impl Fn(&str) -> Result<T, Problem>,
    ) -> Option<T> {
        match self.row.get(column) {
            Some(cell) if !value::trim(&cell).is_empty() => self.convert(column, &cell, parser),
            _ => {
                self.problem(column, None, Problem::MissingValue);
                None
            }
        }
    }

    fn convert<T>(
        &mut self,
        column: Column,
        cell: &str,
        parser: impl Fn(&str) -> Result<T, Problem>,
    ) -> Option<T> {
        parser(cell)
            .map_err(|problem| self.problem(column, Some(cell), problem))
            .ok()
    }

    /// Records a problem on a cell of this row.
    pub fn problem(&mut self, column: Column, value: Option<&str>, problem: Problem) {
        let value = value.map(value::trim);
        self.diagnostics.push(Diagnostic::new(
            self.file,
            Some(self.row.number),
            Some(column.name()),
            value,
            problem,
        ));
    }
}

/// Reads a closed-list value as people write it ("Centre de santé" → `CentreDeSante`);
/// anything else is refused with the spellings offered to them.
pub fn choice<T: Copy + 'static>(
    read: fn(&str) -> Option<T>,
    spellings: &'static crate::model::Spellings<T>,
) -> impl Fn(&str) -> Result<T, Problem> {
    move |text| {
        read(text).ok_or_else(|| Problem::InvalidChoice {
            accepted: spellings.offered(),
        })
    }
}

/// Every field of a candidature row, typed; `None` when absent, empty or invalid. Text
/// fields borrow from the row (a UTF-8 file): reading a row allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct Candidature<'r> {
    pub row: u64,
    pub finess: Option<Cow<'r, str>>,
    pub siret: Option<Cow<'r, str>>,
    pub nom: Option<Cow<'r, str>>,
    pub type_structure: Option<TypeStructure>,
    pub code_commune: Option<Cow<'r, str>>,
    pub implantation: Option<Implantation>,
    pub code_qpv: Option<Cow<'r, str>>,
    pub file_active_mg: Option<u32>,
    pub annee_file_active: Option<i32>,
    pub taux_pauvrete: Option<Decimal>,
    pub tiers_payant: Option<TiersPayant>,
    pub tarifs_opposables: Option<bool>,
    pub ouvert_a_tous: Option<bool>,
    /// Optional columns (issue 21): `None` when absent or empty.
    pub activite_mg: Option<bool>,
    pub activite_paramedicale: Option<bool>,
    /// Each mission's cell, in [`Mission::ALL`]'s order (see [`Candidature::missions`]).
    pub mission_cells: [Option<bool>; Mission::COUNT],
    pub accord_ars_psy: Option<bool>,
    pub montant_psy_demande: Option<Decimal>,
    pub date_entree: Option<NaiveDate>,
    pub date_depot: Option<NaiveDate>,
    pub structure_fondatrice: Option<bool>,
}

impl<'a> Candidature<'a> {
    /// Each mission and its cell (`None`: absent column or invalid cell).
    pub fn missions(&self) -> impl Iterator<Item = (Mission, Option<bool>)> + '_ {
        Mission::ALL.iter().copied().zip(self.mission_cells)
    }

    /// Reads and types every column present in the row; problems go to `cells.diagnostics`.
    pub fn read(cells: &mut Cells<'_, 'a>) -> Candidature<'a> {
        let conventions = *cells.row.conventions();
        let mark = |column| conventions.decimal(column);
        use value::NumberColumn::{FileActive, PovertyRate, PsyAmount};
        Candidature {
            row: cells.row.number,
            finess: cells.str(Column::Finess),
            siret: cells.str(Column::Siret),
            nom: cells.str(Column::Nom),
            type_structure: cells.parse(
                Column::TypeStructure,
                choice(TypeStructure::read, &TypeStructure::SPELLINGS),
            ),
            code_commune: cells.str(Column::CodeCommune),
            implantation: cells.parse(
                Column::Implantation,
                choice(Implantation::read, &Implantation::SPELLINGS),
            ),
            code_qpv: cells.str(Column::CodeQpv),
            file_active_mg: cells.parse(Column::FileActiveMg, |t| {
                value::file_active(t, mark(FileActive))
            }),
            annee_file_active: cells.parse(Column::AnneeFileActive, value::year),
            taux_pauvrete: cells.parse(Column::TauxPauvrete, |t| {
                value::poverty_rate(t, mark(PovertyRate))
            }),
            tiers_payant: cells.parse(
                Column::TiersPayant,
                choice(TiersPayant::read, &TiersPayant::SPELLINGS),
            ),
            tarifs_opposables: cells.flag(Column::TarifsOpposables),
            ouvert_a_tous: cells.flag(Column::OuvertATous),
            activite_mg: cells.flag(Column::ActiviteMg),
            activite_paramedicale: cells.flag(Column::ActiviteParamedicale),
            mission_cells: std::array::from_fn(|i| cells.flag(Column::of_mission(Mission::ALL[i]))),
            accord_ars_psy: cells.flag(Column::AccordArsPsy),
            montant_psy_demande: cells.parse(Column::MontantPsyDemande, |t| {
                value::amount_in(t, mark(PsyAmount))
            }),
            date_entree: cells.parse(Column::DateEntree, |t| {
                value::date_in(t, conventions.date_entree)
            }),
            date_depot: cells.parse(Column::DateDepot, |t| {
                value::date_in(t, conventions.date_depot)
            }),
            structure_fondatrice: cells.flag(Column::StructureFondatrice),
        }
    }
}
