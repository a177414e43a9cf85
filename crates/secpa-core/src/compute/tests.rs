//! Band edges, the reference example of the issue, and properties of the computation.

use proptest::prelude::*;

use super::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn set() -> RuleSet {
    RuleSet::embedded().unwrap()
}

fn inputs(file_active: u32, taux: &str) -> Inputs {
    Inputs {
        file_active,
        taux_pauvrete: d(taux),
        accord_ars_psy: false,
        montant_psy_demande: None,
    }
}

fn amounts(i: &Inputs) -> Result<Amounts, NotEligible> {
    let set = set();
    let v = set.get("2022-02-03").unwrap();
    compute_annual(i, v).map(|a| a.amounts)
}

#[test]
fn reference_structure_annual() {
    let i = Inputs {
        file_active: 2500,
        taux_pauvrete: d("37.5"),
        accord_ars_psy: true,
        montant_psy_demande: Some(d("70000")),
    };
    let a = amounts(&i).unwrap();
    assert_eq!(a.dotations.participative, d("150000.00"));
    assert_eq!(a.dotations.precarite, d("100000.00"));
    assert_eq!(a.dotations.interpretariat, d("57000.00"));
    assert_eq!(a.dotations.psychologique, d("66000.00"));
    assert_eq!(a.total.to_string(), "373000.00");
}

#[test]
fn reference_structure_prorated_2022() {
    let set = set();
    let i = Inputs {
        file_active: 2500,
        taux_pauvrete: d("37.5"),
        accord_ars_psy: true,
        montant_psy_demande: Some(d("70000")),
    };
    let plan = YearPlan::new(&set, 2022).unwrap();
    let p = compute_year(&i, "2022-03-01".parse().unwrap(), &plan, &set).unwrap();
    assert_eq!(p.months, 10);
    assert_eq!(p.amounts.dotations.participative.to_string(), "125000.00");
    assert_eq!(p.amounts.dotations.precarite.to_string(), "83333.33");
    assert_eq!(p.amounts.dotations.interpretariat.to_string(), "47500.00");
    assert_eq!(p.amounts.dotations.psychologique.to_string(), "55000.00");
    assert_eq!(p.amounts.total.to_string(), "310833.33");
}

#[test]
fn a_month_counts_only_when_in_from_its_first_day() {
    let set = set();
    let plan = YearPlan::new(&set, 2022).unwrap();
    let i = inputs(1000, "10");
    let months = |entry: &str| {
        compute_year(&i, entry.parse().unwrap(), &plan, &set)
            .unwrap()
            .months
    };
    assert_eq!(months("2022-03-01"), 10);
    assert_eq!(months("2022-03-02"), 9);
    assert_eq!(months("2021-08-01"), 12);
    assert_eq!(months("2023-01-01"), 0);
}

#[test]
fn year_2022_spans_two_versions() {
    let set = set();
    let plan = YearPlan::new(&set, 2022).unwrap();
    let ids: Vec<_> = plan
        .periods
        .iter()
        .map(|(i, m)| (set.version(*i).rules.id.as_str(), m.len()))
        .collect();
    assert_eq!(ids, [("2021-08-01", 2), ("2022-02-03", 10)]);
    assert!(YearPlan::new(&set, 2020).is_none());
    // 2026: 4 months under 2025-05-01, 6 under 2026-05-01 (FISS), 2 under 2026-11-01 (FIR).
    let last = YearPlan::new(&set, 2026).unwrap();
    let ids: Vec<_> = last
        .periods
        .iter()
        .map(|(i, m)| (set.version(*i).rules.id.as_str(), m.len()))
        .collect();
    assert_eq!(
        ids,
        [("2025-05-01", 4), ("2026-05-01", 6), ("2026-11-01", 2)]
    );
    assert!(YearPlan::new(&set, 2027).is_none());
}

#[test]
fn participative_steps_at_every_edge() {
    for (file_active, etp) in [
        (1000, 2),
        (1999, 2),
        (2000, 3),
        (2999, 3),
        (3000, 4),
        (4999, 5),
        (5000, 6),
        (5999, 6),
        (6000, 6),
        (6001, 6),
    ] {
        let a = amounts(&inputs(file_active, "10")).unwrap();
        assert_eq!(
            a.dotations.participative,
            Decimal::from(etp * 50_000),
            "file active {file_active}"
        );
    }
}

#[test]
fn below_the_minimum_no_dotation() {
    let e = amounts(&inputs(999, "10")).unwrap_err();
    assert_eq!(
        e,
        NotEligible {
            file_active: 999,
            min: 1000,
            version: "2022-02-03".into()
        }
    );
}

#[test]
fn precarite_bands_lower_bound_inclusive() {
    for (taux, per_patient) in [
        ("0", 10),
        ("14.99", 10),
        ("15", 20),
        ("24.99", 20),
        ("25", 30),
        ("34.999", 30),
        ("35", 40),
        ("100", 40),
    ] {
        let a = amounts(&inputs(1000, taux)).unwrap();
        assert_eq!(
            a.dotations.precarite,
            Decimal::from(per_patient * 1000),
            "taux {taux}"
        );
    }
}

#[test]
fn interpretariat_is_proportional() {
    assert_eq!(
        amounts(&inputs(2500, "10"))
            .unwrap()
            .dotations
            .interpretariat
            .to_string(),
        "57000.00"
    );
    assert_eq!(
        amounts(&inputs(1001, "10"))
            .unwrap()
            .dotations
            .interpretariat
            .to_string(),
        "22822.80"
    );
    assert_eq!(
        amounts(&inputs(6001, "10"))
            .unwrap()
            .dotations
            .interpretariat
            .to_string(),
        "136822.80"
    );
}

#[test]
fn psychologique_needs_the_ars_and_is_capped() {
    let with = |accord, demande: Option<&str>| {
        let i = Inputs {
            accord_ars_psy: accord,
            montant_psy_demande: demande.map(d),
            ..inputs(1000, "10")
        };
        amounts(&i).unwrap().dotations.psychologique.to_string()
    };
    assert_eq!(with(false, Some("50000")), "0.00");
    assert_eq!(with(true, Some("50000")), "50000.00");
    assert_eq!(with(true, Some("70000")), "66000.00");
    assert_eq!(with(true, None), "66000.00");
    assert_eq!(with(true, Some("0")), "0.00");
}

proptest! {
    #[test]
    fn total_is_the_sum_of_rounded_dotations(fa in 1000u32..20_000, taux in 0u32..10_000, accord: bool, psy in proptest::option::of(0u64..20_000_000)) {
        let i = Inputs { file_active: fa, taux_pauvrete: Decimal::new(taux.into(), 2), accord_ars_psy: accord, montant_psy_demande: psy.map(|p| Decimal::new(p as i64, 2)) };
        let a = amounts(&i).unwrap();
        let sum: Decimal = a.dotations.iter().map(|(_, x)| *x).sum();
        prop_assert_eq!(a.total, sum);
        prop_assert!(a.dotations.iter().all(|(_, x)| *x >= Decimal::ZERO && x.scale() == 2));
    }

    #[test]
    fn participative_never_decreases_with_file_active(fa in 1000u32..10_000) {
        let lower = amounts(&inputs(fa, "20")).unwrap().dotations.participative;
        let higher = amounts(&inputs(fa + 1, "20")).unwrap().dotations.participative;
        prop_assert!(lower <= higher);
    }

    #[test]
    fn prorated_never_exceeds_annual(fa in 1000u32..10_000, year in 2021i32..=2026, month in 1u32..=12, accord: bool) {
        let set = set();
        let i = Inputs { accord_ars_psy: accord, ..inputs(fa, "30") };
        let plan = YearPlan::new(&set, year).unwrap();
        let entry = NaiveDate::from_ymd_opt(2021, month, 1).unwrap().with_year(year).unwrap();
        let p = compute_year(&i, entry, &plan, &set).unwrap();
        for (index, _) in &plan.periods {
            let annual = compute_annual(&i, set.version(*index)).unwrap().amounts;
            prop_assert!(p.amounts.total <= annual.total);
        }
        prop_assert!(p.months <= 12);
    }
}

/// Issue 21: the assumptions are read from the rule file; another behaviour declared there
/// changes the amount (D3 per 1000 patients started, D4 without a request paying nothing).
#[test]
fn the_declared_assumptions_decide_d3_and_d4() {
    let text = include_str!("../../../../rules/2022-02-03.toml");
    let other = text
        .replace(
            "d3_calcul = { value = \"proportionnel\"",
            "d3_calcul = { value = \"par_mille_entame\"",
        )
        .replace(
            "d4_accord_sans_montant = { value = \"plafond\"",
            "d4_accord_sans_montant = { value = \"zero\"",
        );
    assert_ne!(text, other);
    let shipped = crate::rules::parse("rules/2022-02-03.toml", text).unwrap();
    let other = crate::rules::parse("other.toml", &other).unwrap();
    let i = Inputs {
        file_active: 1001,
        taux_pauvrete: d("20"),
        accord_ars_psy: true,
        montant_psy_demande: None,
    };
    let a = compute_annual(&i, &shipped).unwrap().amounts.dotations;
    assert_eq!(a.interpretariat, d("22822.80"));
    assert_eq!(a.psychologique, d("66000.00"));
    let b = compute_annual(&i, &other).unwrap().amounts.dotations;
    assert_eq!(b.interpretariat, d("45600.00"));
    assert_eq!(b.psychologique, d("0.00"));
    // The D4 assumption is said only where it applied: not when an amount is asked.
    let lines = compute_annual(&i, &shipped).unwrap().lines;
    let h = RuleKey::Hypothesis(crate::rules::Hypothesis::D4SansMontant);
    assert!(lines.psychologique.detail.values().any(|k| k == h));
    let asked = Inputs {
        montant_psy_demande: Some(d("1000")),
        ..i
    };
    let lines = compute_annual(&asked, &shipped).unwrap().lines;
    assert!(!lines.psychologique.detail.values().any(|k| k == h));
}

#[test]
fn a_month_is_its_first_day() {
    let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    let march = Month::new(2022, 3).unwrap();
    assert_eq!(march.first_day(), day("2022-03-01"));
    assert_eq!(Month::holding(day("2022-03-31")), march);
    assert!(march.counts_for(day("2022-03-01")), "entered that day");
    assert!(
        !march.counts_for(day("2022-03-02")),
        "entered after its 1st"
    );
    assert_eq!(march.next(), Month::new(2022, 4));
    assert_eq!(Month::new(2022, 12).unwrap().next(), Month::new(2023, 1));
    assert!(march.within(day("2022-03-01"), day("2022-03-01")));
    assert!(!march.within(day("2022-03-02"), day("2022-12-31")));
    assert_eq!(Month::new(2022, 13), None);
    assert_eq!(Month::of_year(2022).count(), 12);
}
