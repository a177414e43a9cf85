//! The trace of a computation, for `secpa explain`: which band or step was chosen, every rule
//! value used with its source, the proration and the rounding. It is assembled from what
//! `compute_annual` and `compute_year` return (their `Detail`s and amounts), never recomputed,
//! so the amount a trace ends on is by construction the amount `compute` prints.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{compute_annual, compute_year, Detail, Inputs, Line, NotEligible, YearPlan};
use crate::model::Dotation;
use crate::rules::{RoundingMode, RuleKey, RuleSet, Source, Version};
use crate::Lang;

/// Version of the JSON trace format (`docs/explain.md`); bumped on any breaking change.
pub const TRACE_VERSION: u32 = 1;

/// One rule value, where it comes from, and whether it is confirmed.
#[derive(Debug, Clone)]
pub struct RuleValue {
    /// Id of the rule version holding it.
    pub version: String,
    /// Key path in the rule file ("dotations.participative.cout_etp").
    pub path: String,
    pub value: String,
    pub source_id: String,
    pub source: Option<Source>,
    /// Article or section of the source.
    pub reference: Option<String>,
    pub provisional: bool,
    /// What the value is, for people, in French and in English ("D1, palier 1 000–1 999
    /// patients"); the rounding's `value` in words likewise.
    pub label: [String; 2],
    pub shown: [String; 2],
    /// `value` as `explain` writes it, in French (`value` itself) and in English digits
    /// (`[1,000; 2,000) → 2`).
    pub text: [String; 2],
}

impl RuleValue {
    /// What the value is, for people.
    pub fn label(&self, lang: Lang) -> &str {
        &self.label[usize::from(lang == Lang::En)]
    }

    /// The value as the rule file gives it, in `lang`'s digits.
    pub fn text(&self, lang: Lang) -> &str {
        &self.text[usize::from(lang == Lang::En)]
    }

    /// The value as people read it (the rounding in words).
    pub fn shown(&self, lang: Lang) -> &str {
        &self.shown[usize::from(lang == Lang::En)]
    }

    fn of(version: &Version, key: RuleKey) -> RuleValue {
        use crate::report::rule_labels;
        let p = version.provenance(key);
        let both = |f: &dyn Fn(Lang) -> String| [f(Lang::Fr), f(Lang::En)];
        RuleValue {
            label: both(&|lang| rule_labels::label(version, key, lang)),
            shown: both(&|lang| rule_labels::value(version, key, lang)),
            text: both(&|lang| rule_labels::raw(version, key, lang)),
            version: version.rules.id.clone(),
            path: p.path,
            value: p.value,
            source_id: p.source_id,
            source: p.source.cloned(),
            reference: p.reference,
            provisional: p.provisional,
        }
    }
}

/// The band of a scale a structure fell in: `min` inclusive, `below` exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub min: String,
    pub below: Option<String>,
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
            if !out
                .iter()
                .any(|o| o.version == v.version && o.path == v.path)
            {
                out.push(v);
            }
        }
        out.sort_by(|a, b| (&a.version, &a.path).cmp(&(&b.version, &b.path)));
        out
    }
}

fn part(version: &Version, months: Option<u32>, line: &Line) -> Part {
    let d = &version.rules.dotations;
    let band = match &line.detail {
        Detail::Participative { step, .. } => d.participative.etp.get(*step).map(|s| Band {
            min: s.get_ref().min.to_string(),
            below: s.get_ref().below.map(|b| b.to_string()),
        }),
        Detail::Precarite { band, .. } => {
            d.precarite.montant_par_patient.get(*band).map(|s| Band {
                min: s.get_ref().min.to_string(),
                below: s.get_ref().below.map(|b| b.to_string()),
            })
        }
        _ => None,
    };
    Part {
        version: version.rules.id.clone(),
        months,
        annual: line.amount,
        detail: line.detail.clone(),
        band,
        values: line
            .detail
            .values()
            .map(|k| RuleValue::of(version, k))
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
        rounding: RuleValue::of(rounding, RuleKey::Rounding),
        decimals: *rounding.rules.rounding.decimals.get_ref(),
        mode: rounding.rules.rounding.mode,
        amount,
    }
}

/// The trace of the annual amounts under one version (what `compute` without `--year` does).
pub fn annual(inputs: &Inputs, version: &Version) -> Result<Trace, NotEligible> {
    let a = compute_annual(inputs, version)?;
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
    Ok(Trace {
        year: None,
        months: None,
        eligibility: vec![RuleValue::of(version, RuleKey::FileActiveMin)],
        dotations,
        total: a.amounts.total,
    })
}

/// The trace of the amounts due for a year (what `compute --year` does).
pub fn year(
    inputs: &Inputs,
    entree: NaiveDate,
    plan: &YearPlan,
    set: &RuleSet,
) -> Result<Trace, NotEligible> {
    let p = compute_year(inputs, entree, plan, set)?;
    let versions = set.versions();
    let rounding = &versions[p.rounding_version];
    let dotations = Dotation::ALL
        .iter()
        .map(|&d| {
            let parts = p
                .shares
                .iter()
                .map(|s| part(&versions[s.version], Some(s.months), s.lines.get(d)))
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
    Ok(Trace {
        year: Some(plan.year),
        months: Some(p.months),
        eligibility: p
            .shares
            .iter()
            .map(|s| RuleValue::of(&versions[s.version], RuleKey::FileActiveMin))
            .collect(),
        dotations,
        total: p.amounts.total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(d3.parts[0].values[0].value, "22800");
        assert!(
            matches!(d3.parts[0].detail, Detail::Interpretariat { facteur, .. } if facteur.normalize().to_string() == "2.5")
        );
        let d1 = &t.dotations[0];
        assert_eq!(
            d1.parts[0].band,
            Some(Band {
                min: "2000".into(),
                below: Some("3000".into())
            })
        );
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
