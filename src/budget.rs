//! The batch against the yearly budget envelopes: for each calendar year the rule versions
//! cover, the prorated total of every structure (by `compute::compute_year`, the arithmetic of
//! `compute --year`), the envelope declared by the rule files' `[[budget]]` entries, and the
//! share used. Pure: a typed model that any renderer (table, JSON, HTML page) can show.
//!
//! An envelope spanning several years (14 M€ for January 2024 – April 2025) is split between
//! them pro rata of its months; a month without any envelope is "unknown", never invented.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::compute::rounding::round_figure;
use crate::compute::{self, envelope, Inputs, NotEligible, YearPlan};
use crate::rules::{RuleKey, RuleSet};

/// An envelope's part in a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopePart {
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// The whole envelope, as declared.
    pub amount: Decimal,
    /// Months of the envelope's period.
    pub months_total: u32,
    /// Of which in this year.
    pub months_in_year: u32,
    /// amount × months_in_year / months_total, rounded like amounts.
    pub in_year: Decimal,
    /// Whether the envelope was split (it spans more than this year).
    pub prorated: bool,
    pub source: String,
    /// The passage of the source quoted by the rule file, when it gives one.
    pub reference: Option<String>,
    pub version: String,
    /// Index of `version` in the rule set.
    pub version_index: usize,
    pub provisional: bool,
}

/// One calendar year of the experiment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearBudget {
    pub year: i32,
    /// Months (1–12) when the experiment runs (some rule version is in force on the 1st).
    pub months: Vec<u32>,
    /// The batch's total due for the year.
    pub total: Decimal,
    /// Experiment months covered by an envelope.
    pub known_months: Vec<u32>,
    /// Experiment months without any envelope.
    pub unknown_months: Vec<u32>,
    /// The batch's total due for the known months only (= `total` when all are known).
    pub compared_total: Decimal,
    /// Σ of the parts; `None` when no month has an envelope.
    pub envelope: Option<Decimal>,
    pub parts: Vec<EnvelopePart>,
    /// compared_total / envelope in percent, one decimal.
    pub share: Option<Decimal>,
    pub over: bool,
}

/// The whole budget view of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    pub years: Vec<YearBudget>,
    /// Structures counted.
    pub structures: usize,
    /// Rows of structures below the minimum file active under some version (no dotation).
    pub not_eligible: Vec<u64>,
    /// Why, for each row of `not_eligible` (the first version refusing it), in row order.
    pub refusals: Vec<(u64, NotEligible)>,
    /// Indexes of the versions behind the totals, oldest first.
    pub versions: Vec<usize>,
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

/// The budget of a batch, year by year.
pub fn compute(set: &RuleSet, entries: &[Entry]) -> Result<Budget, crate::Error> {
    let mut refusals: Vec<(u64, NotEligible)> = Vec::new();
    let mut versions: Vec<usize> = Vec::new();
    let mut provisional: Vec<RuleKey> = Vec::new();
    let mut years = Vec::new();
    for year in compute::years(set) {
        let Some(plan) = YearPlan::new(set, year) else {
            continue;
        };
        let months: Vec<u32> = plan.periods.iter().flat_map(|(_, m)| m.clone()).collect();
        // The one envelope model (`compute --format html` uses it too): the envelopes of the
        // versions in force that year, a newer version's superseding an older overlapping one.
        let used: Vec<usize> = plan.periods.iter().map(|(v, _)| *v).collect();
        let year_envelope = envelope::for_year(set, &used, year);
        let known = year_envelope.known_months();
        let covered = |m: u32| known.contains(&m);
        let (known_months, unknown_months): (Vec<u32>, Vec<u32>) =
            months.iter().partition(|&&m| covered(m));
        // The same plan restricted to the months with an envelope, to compare like with like.
        let known_plan = YearPlan {
            year,
            periods: plan
                .periods
                .iter()
                .map(|(v, m)| {
                    (
                        *v,
                        m.iter()
                            .copied()
                            .filter(|m| covered(*m))
                            .collect::<Vec<_>>(),
                    )
                })
                .filter(|(_, m)| !m.is_empty())
                .collect(),
        };
        let (mut total, mut compared_total) = (Decimal::ZERO, Decimal::ZERO);
        for e in entries {
            match compute::compute_year(&e.inputs, e.entree, &plan, set) {
                Ok(p) => {
                    total = add(total, p.amounts.total)?;
                    let lines: Vec<_> = p.shares.iter().map(|s| (s.version, &s.lines)).collect();
                    provisional.extend(compute::provisional_keys(set, &lines, true));
                    provisional.extend(e.judged.iter().copied());
                    versions.extend(p.shares.iter().map(|s| s.version));
                }
                Err(why) => {
                    refusals.push((e.row, why));
                    continue;
                }
            }
            if !known_plan.periods.is_empty() {
                if let Ok(p) = compute::compute_year(&e.inputs, e.entree, &known_plan, set) {
                    compared_total = add(compared_total, p.amounts.total)?;
                }
            }
        }
        let parts: Vec<EnvelopePart> = year_envelope
            .shares
            .iter()
            .map(|share| {
                // The newest version declaring it speaks for it.
                let index = share.versions.iter().copied().max().unwrap_or(0);
                EnvelopePart {
                    from: share.from,
                    until: share.until,
                    amount: share.declared,
                    months_total: share.months_total,
                    months_in_year: share.months_in_year,
                    in_year: share.amount,
                    prorated: share.is_prorated(),
                    source: share.source.clone(),
                    reference: share.reference.clone(),
                    version: set.versions()[index].rules.id.clone(),
                    version_index: index,
                    provisional: share.provisional,
                }
            })
            .collect();
        let envelope = match parts.is_empty() {
            true => None,
            false => Some(
                parts
                    .iter()
                    .try_fold(Decimal::ZERO, |s, p| add(s, p.in_year))?,
            ),
        };
        let share = envelope
            .filter(|e| !e.is_zero())
            // A share past what a Decimal holds (an envelope of a few cents) is none: the
            // year is still said to be over.
            .and_then(|e| {
                compared_total
                    .checked_mul(Decimal::ONE_HUNDRED)?
                    .checked_div(e)
            })
            .map(|share| round_figure(share, 1));
        years.push(YearBudget {
            year,
            months,
            total,
            known_months,
            unknown_months,
            compared_total,
            over: envelope.is_some_and(|e| compared_total > e),
            envelope,
            parts,
            share,
        });
    }
    // A row refused in several years is listed once, with the first refusal.
    refusals.sort_by_key(|(row, _)| *row);
    refusals.dedup_by_key(|(row, _)| *row);
    versions.sort_unstable();
    versions.dedup();
    provisional.sort();
    provisional.dedup();
    Ok(Budget {
        years,
        structures: entries.len(),
        not_eligible: refusals.iter().map(|(row, _)| *row).collect(),
        refusals,
        versions,
        provisional,
    })
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
    fn envelopes_split_pro_rata_and_unknown_stays_unknown() {
        let set = RuleSet::embedded().unwrap();
        let b = compute(&set, &[reference("2022-03-01")]).expect("no overflow");
        let years: Vec<i32> = b.years.iter().map(|y| y.year).collect();
        assert_eq!(years, [2021, 2022, 2023, 2024, 2025, 2026]);
        let y = |n: i32| b.years.iter().find(|y| y.year == n).unwrap();
        assert_eq!(y(2021).envelope, Some("3000000".parse().unwrap()));
        assert_eq!(y(2021).months, [8, 9, 10, 11, 12]);
        assert_eq!(y(2022).total.to_string(), "310833.33");
        assert_eq!(y(2024).envelope.unwrap().to_string(), "10500000.00");
        assert!(y(2024).parts[0].prorated);
        assert_eq!(y(2025).envelope.unwrap().to_string(), "3500000.00");
        assert_eq!(y(2025).known_months, [1, 2, 3, 4]);
        assert_eq!(y(2025).unknown_months, [5, 6, 7, 8, 9, 10, 11, 12]);
        assert_eq!(y(2025).compared_total.to_string(), "124333.33");
        assert_eq!(y(2026).envelope, None);
        assert_eq!(y(2026).share, None);
    }
}
