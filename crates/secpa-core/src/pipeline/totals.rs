//! Total rows: a row of a candidature table that is not a structure but the sum of the rows
//! above it. A total is never paid (issue 19): one that says so is skipped with W030, one
//! that does not is refused with E031. The rules, in `docs/input.md` too:
//!
//! - **Said (W030).** The `nom` or `finess` cell is a total's label — « Total »,
//!   « Sous-total » (or « Sous total »), « Total général », « Somme », « Ensemble » in any
//!   case, with or without accents, a trailing colon or spaces — or begins with « Total » or
//!   « Sous-total » followed by a space or a colon (« Total Île-de-France », « TOTAL : 6 »),
//!   and the row has no valid FINESS. « Somme » and « Ensemble » count only alone: they
//!   begin real names (« Ensemble pour la santé », « Somme » is a département).
//! - **Unsaid (E031).** A row without a valid FINESS whose `file_active_mg` equals the sum of
//!   the file actives of the structure rows above it — all of them since the header, or
//!   since the last total row — when at least two of those rows have a file active and the
//!   sum is not zero; and, unless its `nom` cell is absent or empty, whose
//!   `montant_psy_demande` also equals the sum of those rows' requested amounts (not zero).
//!   A single coincidence on a named row never refuses it; a structure identified by a valid
//!   FINESS is never taken for a sum.
//!
//! Both kinds of total row end a block: the next sum is counted from the row after it (a
//! « Total général » under sub-totals matches the sum since the header).

use rust_decimal::Decimal;

use crate::candidature::{value, Candidature, Column, Row};
use crate::diagnostic::Problem;
use crate::reference::identifier::Finess;

/// The sums of the rows read so far.
#[derive(Debug, Default)]
pub(super) struct Totals {
    /// The structure rows since the last total row (or the header).
    block: Block,
    /// Every structure row since the header.
    all: Block,
}

/// The sums of some structure rows.
#[derive(Debug, Default, Clone, Copy)]
struct Block {
    /// First and last rows with a file active.
    first: u64,
    last: u64,
    /// Rows with a file active, and their sum.
    rows: u64,
    file_active: u64,
    /// The sum of the requested psychological amounts, unless it overflowed.
    psy: Decimal,
    overflow: bool,
}

impl Block {
    fn add(&mut self, row: u64, file_active: Option<u32>, psy: Option<Decimal>) {
        if let Some(n) = file_active {
            if self.rows == 0 {
                self.first = row;
            }
            self.last = row;
            self.rows += 1;
            self.file_active = self.file_active.saturating_add(u64::from(n));
        }
        if let Some(amount) = psy {
            match self.psy.checked_add(amount) {
                Some(sum) => self.psy = sum,
                None => self.overflow = true,
            }
        }
    }

    /// Whether a row with these values is this block's sum (see the module's rules).
    fn summed_by(&self, file_active: u32, psy: Option<Decimal>, named: bool) -> Option<Problem> {
        let file_active_sum =
            self.rows >= 2 && self.file_active > 0 && self.file_active == u64::from(file_active);
        if !file_active_sum {
            return None;
        }
        let psy_sum = !self.overflow && !self.psy.is_zero() && psy == Some(self.psy);
        (psy_sum || !named).then_some(Problem::UnsaidSum {
            first: self.first,
            last: self.last,
            rows: self.rows,
            psy: psy_sum,
        })
    }
}

impl Totals {
    /// The column whose cell says the row is a total (W030), read before anything else of
    /// the row: such a row ends the block of rows summed.
    pub(super) fn said(&mut self, row: &Row<'_>) -> Option<Column> {
        let column = [Column::Nom, Column::Finess]
            .into_iter()
            .find(|c| row.get(*c).is_some_and(|cell| is_label(&cell)))?;
        if valid_finess(row) {
            return None;
        }
        self.block = Block::default();
        Some(column)
    }

    /// E031 when the row read as `c` is the sum of the rows above it (then it ends the
    /// block); otherwise its values join the sums. `c`'s values are reused, but a file
    /// active past the plausible bound (E110) is read again: a total is often one.
    pub(super) fn summed(&mut self, row: &Row<'_>, c: &Candidature<'_>) -> Option<Problem> {
        let file_active = c.file_active_mg.or_else(|| {
            let mark = row.conventions().decimal(value::NumberColumn::FileActive);
            row.get(Column::FileActiveMg)
                .and_then(|cell| value::count_in(&cell, mark).ok())
        });
        let psy = c.montant_psy_demande;
        if let Some(n) = file_active {
            let named = c.nom.is_some();
            let sum = [&self.block, &self.all]
                .into_iter()
                .find_map(|b| b.summed_by(n, psy, named));
            if let Some(problem) = sum.filter(|_| !valid_finess(row)) {
                self.block = Block::default();
                return Some(problem);
            }
        }
        self.block.add(row.number, file_active, psy);
        self.all.add(row.number, file_active, psy);
        None
    }
}

/// Whether the row's FINESS cell holds a valid number (form and check digit).
fn valid_finess(row: &Row<'_>) -> bool {
    row.get(Column::Finess)
        .is_some_and(|cell| Finess::read(&cell).and_then(Finess::check).is_ok())
}

/// Whether a cell is a total's label (see the module's rules).
pub(super) fn is_label(cell: &str) -> bool {
    let text = value::trim(cell);
    // Most cells are names or numbers: one byte tells.
    if !matches!(
        text.as_bytes().first(),
        Some(b't' | b'T' | b's' | b'S' | b'e' | b'E')
    ) {
        return false;
    }
    let mut words = text
        .split(|c: char| c == ':' || c.is_whitespace() || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .map(crate::model::fold);
    let (Some(first), second) = (words.next(), words.next()) else {
        return false;
    };
    match (first.as_str(), second.as_deref()) {
        // « Total », « Sous-total », « Total général », « Somme », « Ensemble ».
        ("total" | "soustotal" | "somme" | "ensemble", None) => true,
        ("total", Some("general")) if words.next().is_none() => true,
        // « Total Île-de-France », « Sous-total : 93 », « Sous total ».
        ("total" | "soustotal", Some(_)) => true,
        ("sous", Some("total")) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_said_in_any_case_accent_colon_and_spacing() {
        for label in [
            "Total",
            "TOTAL",
            " total ",
            "Total :",
            "TOTAL:",
            "Sous-total",
            "SOUS-TOTAL",
            "Sous total",
            "sous-total 93",
            "Total général",
            "TOTAL GENERAL",
            "Total Général :",
            "Total\u{a0}:",
            "Somme",
            "SOMME :",
            "Ensemble",
            "ensemble",
            "Total Île-de-France",
            "TOTAL : 6 structures",
        ] {
            assert!(is_label(label), "{label:?}");
        }
    }

    #[test]
    fn names_that_merely_contain_a_label_are_not_totals() {
        for name in [
            "",
            "Totalement Santé",
            "Agir Ensemble Pour Notre Santé",
            "Ensemble pour la santé",
            "Somme Santé",
            "Maison de santé de la Somme",
            "Centre de santé Total",
            "Sous-sol",
            "Sommes",
            "930000013",
            "4200",
        ] {
            assert!(!is_label(name), "{name:?}");
        }
    }

    fn block(rows: &[(u64, u32, Option<&str>)]) -> Block {
        let mut b = Block::default();
        for (row, n, psy) in rows {
            b.add(*row, Some(*n), psy.map(|p| p.parse().unwrap()));
        }
        b
    }

    #[test]
    fn a_sum_needs_two_rows_and_a_second_column_when_the_row_is_named() {
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        let b = block(&[(2, 4200, Some("60000")), (3, 3100, Some("45000"))]);
        let sum = Some(Problem::UnsaidSum {
            first: 2,
            last: 3,
            rows: 2,
            psy: false,
        });
        // Unnamed: the file active is enough.
        assert_eq!(b.summed_by(7300, None, false), sum);
        assert_eq!(b.summed_by(7301, None, false), None);
        // Named: the amount must agree too.
        assert_eq!(b.summed_by(7300, None, true), None);
        let both = Some(Problem::UnsaidSum {
            first: 2,
            last: 3,
            rows: 2,
            psy: true,
        });
        assert_eq!(b.summed_by(7300, d("105000"), true), both);
        assert_eq!(b.summed_by(7300, d("104999"), true), None);
        // One row is never summed.
        let one = block(&[(2, 4200, Some("60000"))]);
        assert_eq!(one.summed_by(4200, d("60000"), false), None);
        // Zero sums nothing.
        let zeros = block(&[(2, 0, None), (3, 0, None)]);
        assert_eq!(zeros.summed_by(0, None, false), None);
        // A zero amount sum is no evidence.
        let no_psy = block(&[(2, 1000, Some("0")), (3, 2000, None)]);
        assert_eq!(no_psy.summed_by(3000, d("0"), true), None);
    }
}
