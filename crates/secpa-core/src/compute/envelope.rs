//! The yearly budget envelope a batch is set against: the `[[budget]]` envelopes that the
//! rule versions used declare for a calendar year. An envelope whose period spans several
//! calendar years (30 M€ for 2022–2023) is never split between them — no source gives the
//! split: a year inside it is "together" with the other years of the period, and `budget`
//! sets the envelope against the total due over its whole period. Pure: rules in, amounts
//! out. A month that no declared envelope covers stays unknown — a figure is never invented.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::Month;
use crate::rules::{RuleSet, VersionId};

/// What the rule versions say about the envelope of one calendar year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearEnvelope {
    pub year: i32,
    /// The declared envelopes of this year alone, counted for it, oldest first.
    pub shares: Vec<EnvelopeShare>,
    /// Declared envelopes spanning several calendar years, this one included: counted for
    /// their whole period, never for one year (their yearly split is not known).
    pub together: Vec<EnvelopeShare>,
    /// Declared envelopes overlapping one declared by a later version, which replaces them.
    pub superseded: Vec<EnvelopeShare>,
    /// Months (1–12) when a rule version is in force but no envelope is declared.
    pub uncovered: Vec<u32>,
}

/// One declared envelope and the part of it that falls in the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopeShare {
    pub from: NaiveDate,
    pub until: NaiveDate,
    /// The amount declared for the whole period.
    pub declared: Decimal,
    /// Months of the period (a month counts from its 1st day), and those in the year.
    pub months_total: u32,
    pub months_in_year: u32,
    /// The amount counted for the year: the declared amount when the envelope lies within
    /// the year; none when it spans several years (see `spans_years`).
    pub amount: Decimal,
    /// Indexes (in the rule set) of the versions declaring it, oldest first.
    pub versions: Vec<VersionId>,
    /// Id of the source in the declaring version's `[[sources]]`.
    pub source: String,
    pub reference: Option<String>,
    pub provisional: bool,
}

impl EnvelopeShare {
    /// Whether the period spans several calendar years: its amount is for those years
    /// together, and no part of it is counted for one year.
    pub fn spans_years(&self) -> bool {
        self.from.year() != self.until.year()
    }
}

/// The calendar years a period touches, "2022–2023" (or "2022").
pub fn years_named(from: NaiveDate, until: NaiveDate) -> String {
    match from.year() == until.year() {
        true => from.year().to_string(),
        false => format!("{}–{}", from.year(), until.year()),
    }
}

impl YearEnvelope {
    /// The envelope of the year, when every month the experiment runs is covered by an
    /// envelope of this year alone.
    pub fn amount(&self) -> Option<Decimal> {
        (self.is_known() && self.uncovered.is_empty() && self.together.is_empty())
            .then(|| self.known())
    }

    /// The sum of the declared parts, complete or not.
    pub fn known(&self) -> Decimal {
        self.shares.iter().map(|s| s.amount).sum()
    }

    /// Whether at least one envelope of this year alone falls in the year.
    pub fn is_known(&self) -> bool {
        !self.shares.is_empty()
    }

    /// Months (1–12) of the year covered by an envelope of this year alone.
    pub fn known_months(&self) -> Vec<u32> {
        months_covered(self.year, &self.shares)
    }

    /// Months (1–12) of the year covered by an envelope spanning several years.
    pub fn together_months(&self) -> Vec<u32> {
        months_covered(self.year, &self.together)
    }

    /// Whether any envelope counted is provisional.
    pub fn is_provisional(&self) -> bool {
        self.shares
            .iter()
            .chain(&self.together)
            .any(|s| s.provisional)
    }
}

/// The envelope an HTML page sets the batch against: that of the year asked for
/// (`Period::Year`), else of the year of `as_of` brought within the version's validity,
/// which is returned as the page's reference date.
pub fn for_period(
    set: &RuleSet,
    period: &super::Period,
    as_of: NaiveDate,
) -> (YearEnvelope, Option<NaiveDate>) {
    match period {
        super::Period::Year(plan) => (for_year(set, &period.versions(), plan.year), None),
        super::Period::Annual { version: index } => {
            let version = set.version(*index);
            let date = as_of.clamp(
                *version.rules.valid_from.get_ref(),
                *version.rules.valid_until.get_ref(),
            );
            (for_year(set, &[*index], date.year()), Some(date))
        }
    }
}

/// The envelope of `year` according to the versions `used` (indexes in `set`).
///
/// Identical envelopes declared by several versions (the 2022 FISS line repeated in the
/// 2021 and 2022 texts) count once. When two different envelopes overlap, the later version
/// is the newer statement of the law and replaces the older one.
pub fn for_year(set: &RuleSet, used: &[VersionId], year: i32) -> YearEnvelope {
    let mut candidates: Vec<EnvelopeShare> = Vec::new();
    for &index in used {
        let version = set.version(index);
        for envelope in &version.rules.budget {
            let e = envelope.get_ref();
            let months_in_year = months_between(e.from, e.until, Some(year));
            if months_in_year == 0 {
                continue;
            }
            if let Some(same) = candidates
                .iter_mut()
                .find(|c| c.from == e.from && c.until == e.until && c.declared == e.amount.0)
            {
                same.versions.push(index);
                continue;
            }
            candidates.push(EnvelopeShare {
                from: e.from,
                until: e.until,
                declared: e.amount.0,
                months_total: months_between(e.from, e.until, None),
                months_in_year,
                amount: e.amount.0,
                versions: vec![index],
                source: e.source.get_ref().clone(),
                reference: e.reference.clone(),
                provisional: e.provisional,
            });
        }
    }

    // The newest statement first, so that it wins any overlap.
    candidates.sort_by_key(|c| std::cmp::Reverse(c.versions.iter().max().copied()));
    let mut shares: Vec<EnvelopeShare> = Vec::new();
    let mut superseded = Vec::new();
    for c in candidates {
        if shares
            .iter()
            .any(|s| c.from <= s.until && s.from <= c.until)
        {
            superseded.push(c);
        } else {
            shares.push(c);
        }
    }
    shares.sort_by_key(|s| s.from);
    superseded.sort_by_key(|s| s.from);

    let uncovered = (1..=12)
        .filter(|&m| {
            Month::new(year, m).is_some_and(|month| {
                set.in_force(month.first_day()).is_some()
                    && !shares.iter().any(|s| month.within(s.from, s.until))
            })
        })
        .collect();
    let (together, shares) = shares.into_iter().partition(EnvelopeShare::spans_years);
    YearEnvelope {
        year,
        shares,
        together,
        superseded,
        uncovered,
    }
}

/// Months (1–12) of `year` whose 1st lies in one of `envelopes`.
fn months_covered(year: i32, envelopes: &[EnvelopeShare]) -> Vec<u32> {
    (1..=12)
        .filter(|&m| {
            Month::new(year, m)
                .is_some_and(|month| envelopes.iter().any(|s| month.within(s.from, s.until)))
        })
        .collect()
}

/// Months whose 1st day lies in `[from, until]`, only those of `year` when given.
fn months_between(from: NaiveDate, until: NaiveDate, year: Option<i32>) -> u32 {
    let mut count = 0;
    let mut month = Some(Month::holding(from));
    while let Some(m) = month.filter(|m| m.first_day() <= until) {
        if m.first_day() >= from && year.is_none_or(|wanted| wanted == m.year()) {
            count += 1;
        }
        month = m.next();
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn index(set: &RuleSet, id: &str) -> VersionId {
        set.get(id).and_then(|v| set.index_of(v)).unwrap()
    }

    #[test]
    fn months_count_from_the_first_day() {
        let date = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            months_between(date("2024-01-01"), date("2025-04-30"), None),
            16
        );
        assert_eq!(
            months_between(date("2024-01-01"), date("2025-04-30"), Some(2025)),
            4
        );
        assert_eq!(
            months_between(date("2021-08-02"), date("2021-12-31"), None),
            4
        );
        assert_eq!(
            months_between(date("2021-01-01"), date("2021-12-31"), Some(2022)),
            0
        );
    }

    #[test]
    fn a_year_inside_one_declared_envelope() {
        let set = RuleSet::embedded().unwrap();
        let used = [index(&set, "2021-08-01")];
        let e = for_year(&set, &used, 2021);
        assert_eq!(e.shares.len(), 1);
        assert!(e.together.is_empty());
        assert!(!e.shares[0].spans_years());
        // The experiment runs from August: the declared 3 M€ are the year's, whole.
        assert_eq!(e.amount(), Some(d("3000000")));
    }

    #[test]
    fn an_envelope_of_several_years_is_never_split() {
        let set = RuleSet::embedded().unwrap();
        let used = [index(&set, "2021-08-01"), index(&set, "2022-02-03")];
        let e = for_year(&set, &used, 2022);
        // 30 M€ for 2022–2023 together (2022-02-03) replaces the avis's 12 M€ for 2022
        // (2021-08-01): the later version's statement wins the overlap.
        assert!(e.shares.is_empty());
        assert_eq!(e.together.len(), 1);
        assert_eq!(e.together[0].declared, d("30000000"));
        assert_eq!(e.together[0].amount, d("30000000"), "no yearly part");
        assert_eq!(
            (e.together[0].months_in_year, e.together[0].months_total),
            (12, 24)
        );
        assert_eq!(e.superseded.len(), 1);
        assert_eq!(e.superseded[0].declared, d("12000000"));
        assert_eq!(e.amount(), None, "no envelope of 2022 alone");
        assert_eq!(e.together_months(), (1..=12).collect::<Vec<u32>>());
        assert!(e.uncovered.is_empty(), "covered, together with 2023");

        let e = for_year(&set, &[index(&set, "2024-01-01")], 2024);
        assert!(e.shares.is_empty());
        assert_eq!(e.together[0].declared, d("14000000"));
        assert_eq!(
            (e.together[0].months_in_year, e.together[0].months_total),
            (12, 16)
        );
    }

    #[test]
    fn years_named_says_one_year_or_a_span() {
        let date = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            years_named(date("2022-01-01"), date("2023-12-31")),
            "2022–2023"
        );
        assert_eq!(
            years_named(date("2024-01-01"), date("2025-04-30")),
            "2024–2025"
        );
        assert_eq!(years_named(date("2021-01-01"), date("2021-12-31")), "2021");
    }

    #[test]
    fn months_without_a_declared_envelope_stay_unknown() {
        let set = RuleSet::embedded().unwrap();
        let used = [index(&set, "2024-01-01"), index(&set, "2025-05-01")];
        let e = for_year(&set, &used, 2025);
        assert!(!e.is_known(), "January–April are 2024–2025's, together");
        assert_eq!(e.together_months(), (1..=4).collect::<Vec<u32>>());
        assert_eq!(e.uncovered, (5..=12).collect::<Vec<u32>>());
        assert_eq!(e.amount(), None, "never a figure for a partly known year");

        // 2026: three versions in force, none declares an envelope (none is published).
        let e = for_year(&set, &[index(&set, "2025-05-01")], 2026);
        assert!(!e.is_known());
        assert_eq!(e.uncovered, (1..=12).collect::<Vec<u32>>());
    }
}
