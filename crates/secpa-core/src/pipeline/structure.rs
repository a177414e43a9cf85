//! A computed structure, as the row loop hands it over and as a report keeps it.

use std::borrow::Cow;

use crate::compute::Amounts;
use crate::rules::{RuleKey, VersionId};

/// One computed structure.
#[derive(Debug, Clone)]
pub struct StructureResult {
    pub row: u64,
    pub finess: Option<String>,
    pub nom: Option<String>,
    /// Months counted, with `--year`.
    pub months: Option<u32>,
    pub amounts: Amounts,
    /// Indexes (in the rule set) of the versions used.
    pub versions: Vec<VersionId>,
    /// Provisional rule values the amounts rest on.
    pub provisional: Vec<RuleKey>,
}

/// A computed structure as the row loop hands it over: its text borrowed from the row and
/// its versions and provisional values from the per-run cache, so that streaming a row
/// allocates nothing; [`StructureView::to_owned`] keeps it.
#[derive(Debug, Clone)]
pub struct StructureView<'a> {
    pub row: u64,
    pub finess: Option<Cow<'a, str>>,
    pub nom: Option<Cow<'a, str>>,
    pub months: Option<u32>,
    pub amounts: Amounts,
    pub versions: &'a [VersionId],
    pub provisional: &'a [RuleKey],
}

impl StructureView<'_> {
    pub fn to_owned(&self) -> StructureResult {
        StructureResult {
            row: self.row,
            finess: self.finess.as_deref().map(str::to_owned),
            nom: self.nom.as_deref().map(str::to_owned),
            months: self.months,
            amounts: self.amounts,
            versions: self.versions.to_vec(),
            provisional: self.provisional.to_vec(),
        }
    }
}

impl StructureResult {
    pub fn view(&self) -> StructureView<'_> {
        StructureView {
            row: self.row,
            finess: self.finess.as_deref().map(Cow::Borrowed),
            nom: self.nom.as_deref().map(Cow::Borrowed),
            months: self.months,
            amounts: self.amounts,
            versions: &self.versions,
            provisional: &self.provisional,
        }
    }
}
