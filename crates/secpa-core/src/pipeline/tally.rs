//! What a run of `compute` adds up as its structures come, for every format of the
//! command line and for the web page alike: the versions used and those that judged, the
//! provisional values the amounts rest on, the exact total, and the diagnostics a page
//! lists (the first ones kept, the others counted).

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::StructureView;
use crate::compute::Period;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleKey, VersionId};
use crate::Error;

/// The batch's accumulator (one per run).
#[derive(Debug)]
pub struct Tally {
    /// Every version used: the one of annual amounts, and each one a structure used.
    pub used: BTreeSet<VersionId>,
    /// The versions whose eligibility rules judged the structures computed.
    pub judged: BTreeSet<VersionId>,
    /// The provisional rule values the amounts rest on.
    pub provisional: BTreeSet<RuleKey>,
    /// Combinations of versions and provisional values already in the sets: rows share a
    /// handful (with or without D4, say), so a row costs a comparison, not a set insertion
    /// per value. Bounded by [`Tally::COMBINATIONS`].
    seen: Vec<(Vec<VersionId>, Vec<RuleKey>)>,
    /// The version that judged the last structure, already in `judged`.
    last_judged: Option<VersionId>,
    total: Total,
    /// The sum of each dotation, in `Dotation::ALL` order.
    dotations: [Total; 4],
    /// Structures computed.
    pub computed: u64,
    /// How many diagnostics to keep (a page lists them; the command line streams them).
    keep: usize,
    /// The diagnostics kept, in the order they came.
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics past `keep`, counted, not kept.
    pub more_diagnostics: u64,
}

impl Tally {
    /// Diagnostics a page lists: a page of a million rows in error is unreadable anyway,
    /// and memory stays bounded; the rest are counted.
    pub const KEPT: usize = 1000;

    /// Combinations remembered: past them, the sets are extended row by row (still right).
    const COMBINATIONS: usize = 16;

    /// A run over `period`, keeping the first `keep` diagnostics.
    pub fn new(period: &Period, keep: usize) -> Tally {
        Tally {
            used: period.annual().into_iter().collect(),
            judged: BTreeSet::new(),
            provisional: BTreeSet::new(),
            seen: Vec::new(),
            last_judged: None,
            total: Total::default(),
            dotations: Default::default(),
            computed: 0,
            keep,
            diagnostics: Vec::new(),
            more_diagnostics: 0,
        }
    }

    /// A structure computed, judged by the version `judged_by`.
    pub fn structure(&mut self, s: &StructureView, judged_by: VersionId) {
        if self.last_judged != Some(judged_by) {
            self.judged.insert(judged_by);
            self.last_judged = Some(judged_by);
        }
        let seen =
            |(v, p): &(Vec<VersionId>, Vec<RuleKey>)| *v == s.versions && *p == s.provisional;
        if !self.seen.iter().any(seen) {
            self.used.extend(s.versions.iter().copied());
            self.provisional.extend(s.provisional.iter().copied());
            if self.seen.len() < Self::COMBINATIONS {
                self.seen
                    .push((s.versions.to_vec(), s.provisional.to_vec()));
            }
        }
        self.total.add(s.amounts.total);
        for (sum, (_, amount)) in self.dotations.iter_mut().zip(s.amounts.dotations.iter()) {
            sum.add(*amount);
        }
        self.computed += 1;
    }

    /// The sum of each dotation so far, in `Dotation::ALL` order (`Decimal::MAX` past what
    /// a Decimal holds: the batch total, larger, is then an error already).
    pub fn dotation_sums(&self) -> Vec<Decimal> {
        self.dotations.iter().map(Total::value).collect()
    }

    /// A diagnostic: kept while fewer than `keep` are, else counted.
    pub fn diagnostic(&mut self, d: Diagnostic) {
        if self.diagnostics.len() < self.keep {
            self.diagnostics.push(d);
        } else {
            self.more_diagnostics += 1;
        }
    }

    /// The sum of the structures' totals, or an error when it could not be kept exact.
    pub fn total(&self) -> Result<Decimal, Error> {
        self.total.check()?;
        Ok(self.total.value())
    }

    /// The sum so far, `Decimal::MAX` once it overflowed (streamed outputs write it before
    /// the end of the run, which then fails: [`Tally::total`]).
    pub fn sum(&self) -> Decimal {
        self.total.value()
    }
}

/// The sum of the structures' totals, exact. Totals in whole cents (all of them under the
/// embedded rules) are added as integer cents — a `Decimal` addition per row cost as much
/// as a dotation — and anything else as `Decimal`; the sum has the value and the scale that
/// adding every total as `Decimal` gives.
#[derive(Debug, Default)]
pub struct Total {
    cents: i128,
    any_cents: bool,
    other: Decimal,
    /// The sum went past what a Decimal holds: an error at the end, never a panic.
    overflow: bool,
}

impl Total {
    /// Past this, the cents are moved into `other`: far from i128's and `Decimal`'s limits.
    const FLUSH: u128 = 1 << 90;

    pub fn add(&mut self, amount: Decimal) {
        if amount.scale() != 2 {
            self.push(amount);
            return;
        }
        self.any_cents = true;
        self.cents += amount.mantissa();
        if self.cents.unsigned_abs() > Self::FLUSH {
            self.push(Decimal::from_i128_with_scale(self.cents, 2));
            self.cents = 0;
        }
    }

    fn push(&mut self, amount: Decimal) {
        match self.other.checked_add(amount) {
            Some(sum) => self.other = sum,
            None => self.overflow = true,
        }
    }

    /// The sum, or `Decimal::MAX` once it overflowed (then [`Total::check`] is an error).
    pub fn value(&self) -> Decimal {
        let cents = Decimal::try_from_i128_with_scale(self.cents, 2).ok();
        match (self.any_cents, cents) {
            (false, _) => self.other,
            (true, Some(cents)) => self.other.checked_add(cents).unwrap_or(Decimal::MAX),
            (true, None) => Decimal::MAX,
        }
    }

    /// An error when the sum could not be kept exact.
    pub fn check(&self) -> Result<(), Error> {
        let exact = !self.overflow && (!self.any_cents || self.value() != Decimal::MAX);
        if exact {
            Ok(())
        } else {
            Err(Error::Overflow {
                what: crate::error::Sum::Batch,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_total_past_decimal_range_is_an_error_not_a_panic() {
        let mut total = Total::default();
        let half = Decimal::MAX / Decimal::TWO;
        total.add(half);
        assert!(total.check().is_ok());
        total.add(half);
        total.add(half);
        assert!(matches!(total.check(), Err(Error::Overflow { .. })));
        // Cents too: the i128 accumulator flushes into the checked sum.
        let mut cents = Total::default();
        let big = Decimal::from_i128_with_scale(i128::from(i64::MAX) * 1_000_000_000, 2);
        for _ in 0..20_000 {
            cents.add(big);
        }
        assert!(matches!(cents.check(), Err(Error::Overflow { .. })));
    }
}
