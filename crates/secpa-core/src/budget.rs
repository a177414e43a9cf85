//! The batch against the budget envelopes: for each calendar year the rule versions cover,
//! the prorated total of every structure (by `compute::compute_year`, the arithmetic of
//! `compute --year`), the envelope declared by the rule files' `[[budget]]` entries for that
//! year alone, and the share used. Pure: a typed model that any renderer (table, JSON, HTML
//! page) can show.
//!
//! An envelope spanning several years (30 M€ for 2022–2023, 14 M€ for January 2024 – April
//! 2025) is never split between them: no source gives its yearly split. It is set against the
//! total due over its whole period, the years together (`Budget::periods`); the rows of its
//! years say so. A month without any envelope is "unknown", never invented.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::compute::envelope::EnvelopeShare;
use crate::compute::{self, envelope, Inputs, Month, NotEligible, Period, YearPlan};
use crate::rules::{RuleKey, RuleSet, VersionId};

/// A declared envelope, as the budget shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopePart {
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// The whole envelope, as declared.
    pub amount: Decimal,
    /// Months of the envelope's period.
    pub months_total: u32,
    /// Of which in the year of the row that lists it.
    pub months_in_year: u32,
    pub source: String,
    /// The passage of the source quoted by the rule file, when it gives one.
    pub reference: Option<String>,
    pub version: String,
    /// `version` in the rule set.
    pub version_index: VersionId,
    pub provisional: bool,
}

impl EnvelopePart {
    fn of(share: &EnvelopeShare, set: &RuleSet) -> Self {
        // The newest version declaring it speaks for it.
        let index = share.versions.iter().copied().max().unwrap_or_default();
        EnvelopePart {
            from: share.from,
            until: share.until,
            amount: share.declared,
            months_total: share.months_total,
            months_in_year: share.months_in_year,
            source: share.source.clone(),
            reference: share.reference.clone(),
            version: set.version(index).rules.id.clone(),
            version_index: index,
            provisional: share.provisional,
        }
    }

    /// Whether the envelope is for several calendar years together.
    pub fn spans_years(&self) -> bool {
        envelope::years_named(self.from, self.until).contains('–')
    }

    /// "2022–2023", the years the envelope is for.
    pub fn years(&self) -> String {
        envelope::years_named(self.from, self.until)
    }
}

/// One calendar year of the experiment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearBudget {
    pub year: i32,
    /// Months (1–12) when the experiment runs (some rule version is in force on the 1st).
    pub months: Vec<u32>,
    /// The batch's total due for the year.
    pub total: Decimal,
    /// Experiment months covered by an envelope of this year alone.
    pub known_months: Vec<u32>,
    /// Experiment months covered by an envelope of several years (compared in `periods`).
    pub together_months: Vec<u32>,
    /// Experiment months without any envelope.
    pub unknown_months: Vec<u32>,
    /// The batch's total due for the known months only (= `total` when all are known).
    pub compared_total: Decimal,
    /// Σ of the envelopes of this year alone; `None` when no month has one.
    pub envelope: Option<Decimal>,
    /// The envelopes of this year alone.
    pub parts: Vec<EnvelopePart>,
    /// The envelopes of several years covering some of its months: not counted here.
    pub together: Vec<EnvelopePart>,
    /// Envelopes replaced by an overlapping one of a later version.
    pub replaced: Vec<EnvelopePart>,
    /// compared_total / envelope in percent, one decimal.
    pub share: Option<Decimal>,
    pub over: bool,
}

/// An envelope spanning several years against the total due over its period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodBudget {
    pub envelope: EnvelopePart,
    /// The experiment months of the period, year by year.
    pub months: Vec<(i32, Vec<u32>)>,
    /// The batch's total due for those months, the years together.
    pub total: Decimal,
    /// total / envelope in percent, one decimal.
    pub share: Option<Decimal>,
    pub over: bool,
    /// Envelopes over some of the same months replaced by this one (a later version's).
    pub replaced: Vec<EnvelopePart>,
}

impl PeriodBudget {
    /// The number of experiment months of the period.
    pub fn month_count(&self) -> usize {
        self.months.iter().map(|(_, m)| m.len()).sum()
    }
}

/// The whole budget view of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    pub years: Vec<YearBudget>,
    /// Envelopes spanning several years, each against its period's total, oldest first.
    pub periods: Vec<PeriodBudget>,
    /// Structures counted.
    pub structures: usize,
    /// Rows of structures below the minimum file active under some version (no dotation).
    pub not_eligible: Vec<u64>,
    /// Why, for each row of `not_eligible` (the first version refusing it), in row order.
    pub refusals: Vec<(u64, NotEligible)>,
    /// Indexes of the versions behind the totals, oldest first.
    pub versions: Vec<VersionId>,
    /// Provisional rule values the totals rest on.
    pub provisional: Vec<RuleKey>,
}

/// A structure as the budget needs it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub row: u64,
    pub inputs: Inputs,
    pub entree: NaiveDate,
    /// The provisional values and assumptions that judged its eligibility.
    pub judged: Vec<RuleKey>,
}

/// A sum of amounts, checked: with rule values bounded by `MAX_RULE_VALUE`, no real batch
/// comes within ten orders of magnitude of the limit, but an overflow is an error, not a panic.
fn add(a: Decimal, b: Decimal) -> Result<Decimal, crate::Error> {
    a.checked_add(b).ok_or(crate::Error::Overflow {
        what: crate::error::Sum::Budget,
    })
}

/// `plan` restricted to the months that `keep`, or `None` when none is left.
fn restricted(plan: &YearPlan, keep: impl Fn(u32) -> bool) -> Option<YearPlan> {
    let periods: Vec<_> = plan
        .periods
        .iter()
        .map(|(v, m)| {
            (
                *v,
                m.iter().copied().filter(|m| keep(*m)).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, m)| !m.is_empty())
        .collect();
    (!periods.is_empty()).then_some(YearPlan {
        year: plan.year,
        periods,
    })
}

/// The budget of a batch, year by year, and each envelope of several years over its period.
pub fn compute(set: &RuleSet, entries: &[Entry]) -> Result<Budget, crate::Error> {
    let mut sums = Sums::new(set);
    for e in entries {
        sums.add(e)?;
    }
    sums.finish()
}

/// An envelope of several years: (from, until, amount).
type EnvelopeKey = (NaiveDate, NaiveDate, Decimal);

/// One calendar year being summed: its plan, and the parts of it each total is over.
struct YearSums {
    year: i32,
    months: Vec<u32>,
    known_months: Vec<u32>,
    together_months: Vec<u32>,
    unknown_months: Vec<u32>,
    whole_year: Period,
    /// The months this year's own envelopes cover, when any.
    known: Option<Period>,
    total: Decimal,
    compared_total: Decimal,
    parts: Vec<EnvelopePart>,
    together: Vec<EnvelopePart>,
    replaced: Vec<EnvelopePart>,
    /// Each envelope of several years covering some of its months: its key in
    /// [`Sums::periods`], the months of this year in its period, their total.
    shares: Vec<(EnvelopeKey, Option<Period>, Decimal)>,
}

/// The budget of a batch summed structure by structure, as the rows come ([`compute`] on
/// a slice): memory flat in the number of rows, the same sums in the same order.
pub struct Sums<'s> {
    set: &'s RuleSet,
    years: Vec<YearSums>,
    /// Envelopes of several years, by (from, until, amount): the period being summed.
    periods: BTreeMap<EnvelopeKey, PeriodBudget>,
    /// The first refusal of each row refused (by the oldest year refusing it).
    refusals: Vec<(u64, NotEligible)>,
    versions: BTreeSet<VersionId>,
    provisional: BTreeSet<RuleKey>,
    structures: usize,
}

impl<'s> Sums<'s> {
    /// The years and envelopes of `set`, nothing summed yet.
    pub fn new(set: &'s RuleSet) -> Sums<'s> {
        let mut years = Vec::new();
        let mut periods: BTreeMap<(NaiveDate, NaiveDate, Decimal), PeriodBudget> = BTreeMap::new();
        for year in compute::years(set) {
            let Some(plan) = YearPlan::new(set, year) else {
                continue;
            };
            let months: Vec<u32> = plan.periods.iter().flat_map(|(_, m)| m.clone()).collect();
            // The one envelope model (`compute --format html` uses it too): the envelopes of
            // the versions in force that year, a newer version's superseding an older
            // overlapping one.
            let used: Vec<VersionId> = plan.periods.iter().map(|(v, _)| *v).collect();
            let year_envelope = envelope::for_year(set, &used, year);
            let known = year_envelope.known_months();
            let together = year_envelope.together_months();
            let mut known_months = Vec::new();
            let mut together_months = Vec::new();
            let mut unknown_months = Vec::new();
            for &m in &months {
                match (known.contains(&m), together.contains(&m)) {
                    (true, _) => known_months.push(m),
                    (false, true) => together_months.push(m),
                    (false, false) => unknown_months.push(m),
                }
            }
            // Like with like: the total of the months this year's own envelopes cover.
            let known_period = restricted(&plan, |m| known.contains(&m)).map(Period::Year);
            let part = |s: &EnvelopeShare| EnvelopePart::of(s, set);
            let parts: Vec<EnvelopePart> = year_envelope.shares.iter().map(part).collect();
            let replaced: Vec<EnvelopePart> = year_envelope.superseded.iter().map(part).collect();
            let mut shares = Vec::new();
            for share in &year_envelope.together {
                let key = (share.from, share.until, share.declared);
                let in_period =
                    |m: u32| Month::new(year, m).is_some_and(|m| m.within(share.from, share.until));
                let period = periods.entry(key).or_insert_with(|| PeriodBudget {
                    envelope: part(share),
                    months: Vec::new(),
                    total: Decimal::ZERO,
                    share: None,
                    over: false,
                    replaced: Vec::new(),
                });
                let p = restricted(&plan, in_period);
                if let Some(p) = &p {
                    let m = p.periods.iter().flat_map(|(_, m)| m.clone()).collect();
                    period.months.push((year, m));
                }
                shares.push((key, p.map(Period::Year), Decimal::ZERO));
                for r in year_envelope
                    .superseded
                    .iter()
                    .filter(|r| r.from <= share.until && share.from <= r.until)
                {
                    let r = part(r);
                    if !period.replaced.contains(&r) {
                        period.replaced.push(r);
                    }
                }
            }
            years.push(YearSums {
                year,
                months,
                known_months,
                together_months,
                unknown_months,
                whole_year: Period::Year(plan),
                known: known_period,
                total: Decimal::ZERO,
                compared_total: Decimal::ZERO,
                parts,
                together: year_envelope.together.iter().map(part).collect(),
                replaced,
                shares,
            });
        }
        Sums {
            set,
            years,
            periods,
            refusals: Vec::new(),
            versions: BTreeSet::new(),
            provisional: BTreeSet::new(),
            structures: 0,
        }
    }

    /// A structure: its amounts in every year and part of a year, added.
    pub fn add(&mut self, e: &Entry) -> Result<(), crate::Error> {
        let set = self.set;
        self.structures += 1;
        let mut refused = false;
        // Refused entries count nothing in a part of a year: they are listed by the full
        // year's computation.
        let total_of = |period: &Period| -> Option<Decimal> {
            period
                .evaluate(&e.inputs, Some(e.entree), set)
                .ok()
                .map(|evaluation| evaluation.amounts().total)
        };
        for y in &mut self.years {
            match y.whole_year.evaluate(&e.inputs, Some(e.entree), set) {
                Ok(evaluation) => {
                    y.total = add(y.total, evaluation.amounts().total)?;
                    self.provisional.extend(evaluation.provisional_keys(set));
                    self.provisional.extend(e.judged.iter().copied());
                    self.versions
                        .extend(evaluation.lines().map(|(version, _)| version));
                }
                // A row refused in several years is listed once, with the first refusal.
                Err(why) if !refused => {
                    refused = true;
                    self.refusals.push((e.row, why));
                }
                Err(_) => {}
            }
            if let Some(amount) = y.known.as_ref().and_then(total_of) {
                y.compared_total = add(y.compared_total, amount)?;
            }
            for (_, period, total) in &mut y.shares {
                if let Some(amount) = period.as_ref().and_then(total_of) {
                    *total = add(*total, amount)?;
                }
            }
        }
        Ok(())
    }

    /// The budget of the structures added.
    pub fn finish(self) -> Result<Budget, crate::Error> {
        let mut periods = self.periods;
        let mut years = Vec::new();
        for y in self.years {
            for (key, period, total) in &y.shares {
                if let (Some(budget), Some(_)) = (periods.get_mut(key), period) {
                    budget.total = add(budget.total, *total)?;
                }
            }
            let envelope = match y.parts.is_empty() {
                true => None,
                false => Some(
                    y.parts
                        .iter()
                        .try_fold(Decimal::ZERO, |s, p| add(s, p.amount))?,
                ),
            };
            let compared_total = y.compared_total;
            years.push(YearBudget {
                year: y.year,
                months: y.months,
                total: y.total,
                known_months: y.known_months,
                together_months: y.together_months,
                unknown_months: y.unknown_months,
                compared_total,
                over: envelope.is_some_and(|e| compared_total > e),
                share: envelope.and_then(|e| crate::compute::rounding::share(compared_total, e)),
                envelope,
                parts: y.parts,
                together: y.together,
                replaced: y.replaced,
            });
        }
        let periods = periods
            .into_values()
            .map(|mut p| {
                p.share = crate::compute::rounding::share(p.total, p.envelope.amount);
                p.over = p.total > p.envelope.amount;
                p
            })
            .collect();
        let mut refusals = self.refusals;
        refusals.sort_by_key(|(row, _)| *row);
        refusals.dedup_by_key(|(row, _)| *row);
        Ok(Budget {
            years,
            periods,
            structures: self.structures,
            not_eligible: refusals.iter().map(|(row, _)| *row).collect(),
            refusals,
            versions: self.versions.into_iter().collect(),
            provisional: self.provisional.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(entree: &str) -> Entry {
        Entry {
            row: 2,
            inputs: Inputs {
                file_active: 2500,
                taux_pauvrete: "37.5".parse().unwrap(),
                accord_ars_psy: true,
                montant_psy_demande: Some("70000".parse().unwrap()),
            },
            judged: Vec::new(),
            entree: entree.parse().unwrap(),
        }
    }

    #[test]
    fn an_envelope_of_several_years_is_set_against_its_whole_period() {
        let set = RuleSet::embedded().unwrap();
        let b = compute(&set, &[reference("2022-03-01")]).expect("no overflow");
        let years: Vec<i32> = b.years.iter().map(|y| y.year).collect();
        assert_eq!(years, [2021, 2022, 2023, 2024, 2025, 2026]);
        let y = |n: i32| b.years.iter().find(|y| y.year == n).unwrap();
        assert_eq!(y(2021).envelope, Some("3000000".parse().unwrap()));
        assert_eq!(y(2021).months, [8, 9, 10, 11, 12]);
        assert_eq!(y(2022).total.to_string(), "310833.33");
        // 2022 and 2023: no envelope of their own, no share; their months go to 2022–2023.
        for n in [2022, 2023] {
            assert_eq!(y(n).envelope, None);
            assert_eq!(y(n).share, None);
            assert_eq!(y(n).together_months, (1..=12).collect::<Vec<u32>>());
            assert!(y(n).unknown_months.is_empty());
            assert_eq!(y(n).together[0].years(), "2022–2023");
        }
        assert_eq!(y(2022).replaced[0].amount.to_string(), "12000000");
        assert_eq!(y(2025).together_months, [1, 2, 3, 4]);
        assert_eq!(y(2025).unknown_months, [5, 6, 7, 8, 9, 10, 11, 12]);
        assert_eq!(y(2026).envelope, None);
        assert_eq!(y(2026).share, None);

        assert_eq!(b.periods.len(), 2);
        let p = &b.periods[0];
        assert_eq!(p.envelope.years(), "2022–2023");
        assert_eq!(p.month_count(), 24);
        // The years together: the sum of the two years' totals, against 30 M€ whole.
        assert_eq!(p.total, y(2022).total + y(2023).total);
        assert_eq!(p.total.to_string(), "683833.33");
        assert_eq!(p.share, Some("2.3".parse().unwrap()));
        assert!(!p.over);
        assert_eq!(p.replaced.len(), 1, "the avis's 12 M€ for 2022");
        let p = &b.periods[1];
        assert_eq!(p.envelope.years(), "2024–2025");
        assert_eq!(p.month_count(), 16);
        assert_eq!(
            p.months,
            [(2024, (1..=12).collect()), (2025, vec![1, 2, 3, 4])]
        );
        // January–April 2025 only: the months the envelope covers, never May–December.
        assert!(p.total < y(2024).total + y(2025).total);
    }
}
