//! The trace of a computation, for `secpa explain`: which band or step was chosen, every rule
//! value used with its source, the proration and the rounding. It is assembled from what
//! `compute_annual` and `compute_year` return (their `Detail`s and amounts), never recomputed,
//! so the amount a trace ends on is by construction the amount `compute` prints.

use rust_decimal::Decimal;

use super::{Annual, Detail, Evaluation, Line, Period, Prorated};
use crate::model::Dotation;
pub use crate::rules::Band;
use crate::rules::{RoundingMode, RuleKey, RuleSet, Source, Value, Version};

/// Version of the JSON trace format (`docs/explain.md`); bumped on any breaking change.
pub const TRACE_VERSION: u32 = 1;

/// One rule value, typed, where it comes from, and whether it is confirmed. Its label,
/// and the value in words or digits, are the renderers' (`report::rule_labels`).
#[derive(Debug, Clone)]
pub struct RuleValue {
    pub key: RuleKey,
    /// Id of the rule version holding it.
    pub version: String,
    pub value: Value,
    pub source_id: String,
    pub source: Option<Source>,
    /// Article or section of the source.
    pub reference: Option<String>,
    pub provisional: bool,
}

impl RuleValue {
    /// Key path in the rule file ("dotations.participative.cout_etp").
    pub fn path(&self) -> String {
        self.key.path()
    }

    /// The value `key` of `version`, if the version has it.
    fn of(version: &Version, key: RuleKey) -> Option<RuleValue> {
        version.provenance(key).map(|p| RuleValue {
            key,
            version: version.rules.id.clone(),
            value: p.value,
            source_id: p.source_id,
            source: p.source.cloned(),
            reference: p.reference,
            provisional: p.provisional,
        })
    }

    /// A value every valid version has (rounding, minimum file active).
    fn always(version: &Version, key: RuleKey) -> RuleValue {
        RuleValue::of(version, key)
            .unwrap_or_else(|| unreachable!("{} is required by the rule-file schema", key.path()))
    }
}

/// An annual amount under one version, and, with a year, the months it counts for.
#[derive(Debug, Clone)]
pub struct Part {
    pub version: String,
    /// Months of the year under this version (`None` for annual amounts).
    pub months: Option<u32>,
    /// The annual amount before rounding.
    pub annual: Decimal,
    pub detail: Detail,
    /// The D1 step or D2 band chosen.
    pub band: Option<Band>,
    /// The rule values the amount rests on, with their sources.
    pub values: Vec<RuleValue>,
}

/// How one dotation was reached.
#[derive(Debug, Clone)]
pub struct DotationTrace {
    pub dotation: Dotation,
    pub parts: Vec<Part>,
    /// The amount before the one rounding (annual, or Σ annual × months / 12).
    pub unrounded: Decimal,
    /// The rounding rule applied, with its source.
    pub rounding: RuleValue,
    pub decimals: u32,
    pub mode: RoundingMode,
    /// The amount `compute` gives.
    pub amount: Decimal,
}

/// A structure's computation, step by step.
#[derive(Debug, Clone)]
pub struct Trace {
    pub year: Option<i32>,
    /// Months counted, with a year.
    pub months: Option<u32>,
    /// The minimum file active of each version used, checked before anything else.
    pub eligibility: Vec<RuleValue>,
    pub dotations: Vec<DotationTrace>,
    /// Sum of the rounded dotations.
    pub total: Decimal,
}

impl Trace {
    /// Every provisional value used, once, in version then file order.
    pub fn provisional(&self) -> Vec<&RuleValue> {
        let mut out: Vec<&RuleValue> = Vec::new();
        let all = self.dotations.iter().flat_map(|d| {
            d.parts
                .iter()
                .flat_map(|p| p.values.iter())
                .chain(std::iter::once(&d.rounding))
        });
        for v in all.filter(|v| v.provisional) {
            if !out.iter().any(|o| o.version == v.version && o.key == v.key) {
                out.push(v);
            }
        }
        // By path as written (etp[10] before etp[2]), as the JSON has always listed them.
        out.sort_by_cached_key(|v| (v.version.clone(), v.path()));
        out
    }
}

fn part(version: &Version, months: Option<u32>, line: &Line) -> Part {
    let band = match &line.detail {
        Detail::Participative { step, .. } => version.provenance(RuleKey::Etp(*step)),
        Detail::Precarite { band, .. } => version.provenance(RuleKey::MontantParPatient(*band)),
        _ => None,
    }
    .and_then(|p| match p.value {
        Value::Step { band, .. } => Some(band),
        _ => None,
    });
    Part {
        version: version.rules.id.clone(),
        months,
        annual: line.amount,
        detail: line.detail.clone(),
        band,
        values: line
            .detail
            .values()
            .filter_map(|k| RuleValue::of(version, k))
            .collect(),
    }
}

fn dotation(
    d: Dotation,
    parts: Vec<Part>,
    unrounded: Decimal,
    amount: Decimal,
    rounding: &Version,
) -> DotationTrace {
    DotationTrace {
        dotation: d,
        parts,
        unrounded,
        rounding: RuleValue::always(rounding, RuleKey::Rounding),
        decimals: *rounding.rules.rounding.decimals.get_ref(),
        mode: rounding.rules.rounding.mode,
        amount,
    }
}

/// The trace of what [`Period::evaluate`] gave for `period`: the one evaluation that
/// `compute` runs, read back step by step.
pub fn of(evaluation: &Evaluation, period: &Period, set: &RuleSet) -> Trace {
    match evaluation {
        Evaluation::Annual { version, annual } => of_annual(annual, set.version(*version)),
        Evaluation::Year(prorated) => of_year(prorated, period.year().unwrap_or_default(), set),
    }
}

fn of_annual(a: &Annual, version: &Version) -> Trace {
    let dotations = Dotation::ALL
        .iter()
        .map(|&d| {
            let line = a.lines.get(d);
            dotation(
                d,
                vec![part(version, None, line)],
                line.amount,
                *a.amounts.dotations.get(d),
                version,
            )
        })
        .collect();
    Trace {
        year: None,
        months: None,
        eligibility: vec![RuleValue::always(version, RuleKey::FileActiveMin)],
        dotations,
        total: a.amounts.total,
    }
}

fn of_year(p: &Prorated, year: i32, set: &RuleSet) -> Trace {
    let rounding = set.version(p.rounding_version);
    let dotations = Dotation::ALL
        .iter()
        .map(|&d| {
            let parts = p
                .shares
                .iter()
                .map(|s| part(set.version(s.version), Some(s.months), s.lines.get(d)))
                .collect();
            dotation(
                d,
                parts,
                *p.unrounded.get(d),
                *p.amounts.dotations.get(d),
                rounding,
            )
        })
        .collect();
    Trace {
        year: Some(year),
        months: Some(p.months),
        eligibility: p
            .shares
            .iter()
            .map(|s| RuleValue::always(set.version(s.version), RuleKey::FileActiveMin))
            .collect(),
        dotations,
        total: p.amounts.total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{compute_annual, compute_year, Inputs, NotEligible, YearPlan};
    use chrono::NaiveDate;

    /// The trace of the annual amounts under one version, from `compute_annual` directly
    /// (the tests' own version, not in a set).
    fn annual(inputs: &Inputs, version: &Version) -> Result<Trace, NotEligible> {
        let annual = compute_annual(inputs, version)?;
        Ok(of_annual(&annual, version))
    }

    /// The trace of the amounts due for a year (what `compute --year` does).
    fn year(
        inputs: &Inputs,
        entree: NaiveDate,
        plan: &YearPlan,
        set: &RuleSet,
    ) -> Result<Trace, NotEligible> {
        let prorated = compute_year(inputs, entree, plan, set)?;
        Ok(of_year(&prorated, plan.year, set))
    }

    fn reference() -> Inputs {
        Inputs {
            file_active: 2500,
            taux_pauvrete: "37.5".parse().unwrap(),
            accord_ars_psy: true,
            montant_psy_demande: Some("70000".parse().unwrap()),
        }
    }

    #[test]
    fn annual_trace_ends_on_computed_amounts() {
        let set = RuleSet::embedded().unwrap();
        let v = set.get("2022-02-03").unwrap();
        let t = annual(&reference(), v).unwrap();
        assert_eq!(t.total.to_string(), "373000.00");
        let d3 = &t.dotations[2];
        assert_eq!(d3.amount.to_string(), "57000.00");
        assert_eq!(
            d3.parts[0].values[0].value,
            Value::Euros("22800".parse().unwrap())
        );
        assert!(
            matches!(d3.parts[0].detail, Detail::Interpretariat { facteur, .. } if facteur.normalize().to_string() == "2.5")
        );
        let d1 = &t.dotations[0];
        assert_eq!(
            d1.parts[0].band,
            Some(Band {
                min: 2000.into(),
                below: Some(3000.into())
            })
        );
    }

    #[test]
    fn a_dotation_rests_on_its_own_values_or_assumptions() {
        use crate::rules::Group;
        let set = RuleSet::embedded().unwrap();
        for v in set.versions() {
            for inputs in [
                reference(),
                Inputs {
                    montant_psy_demande: None,
                    ..reference()
                },
            ] {
                let t = annual(&inputs, v).unwrap();
                for d in &t.dotations {
                    for value in d.parts.iter().flat_map(|p| &p.values) {
                        let g = value.key.group();
                        assert!(
                            g == Group::Dotation(d.dotation) || g == Group::Assumption,
                            "{:?} in {:?}",
                            value.key,
                            d.dotation
                        );
                    }
                    assert_eq!(d.rounding.key.group(), Group::Rounding);
                }
                assert_eq!(t.eligibility[0].key.group(), Group::Eligibility);
            }
        }
    }

    #[test]
    fn year_trace_ends_on_prorated_amounts() {
        let set = RuleSet::embedded().unwrap();
        let plan = YearPlan::new(&set, 2022).unwrap();
        let t = year(&reference(), "2022-03-01".parse().unwrap(), &plan, &set).unwrap();
        assert_eq!(t.total.to_string(), "310833.33");
        assert_eq!(t.months, Some(10));
        assert_eq!(t.dotations[1].parts[0].months, Some(10));
    }
}
