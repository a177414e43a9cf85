//! Pure computation: a structure's inputs and a rule version → the four dotations.
//! Nothing here reads a file; every amount keeps the rule values it used.

pub mod envelope;
pub mod rounding;
pub mod trace;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::model::Dotation;
use crate::rules::schema::{D2Calcul, D3Calcul, D4SansMontant, Prorata, RuleFile, Step};
use crate::rules::{Choice, RuleKey, RuleSet, Version, VersionId};

/// What the computation needs to know about a structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// File active in general medicine, previous year.
    pub file_active: u32,
    /// Poverty rate of the territory, in percent.
    pub taux_pauvrete: Decimal,
    pub accord_ars_psy: bool,
    /// Requested psychological-support amount; `None` when not given.
    pub montant_psy_demande: Option<Decimal>,
}

/// One value per dotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PerDotation<T> {
    pub participative: T,
    pub precarite: T,
    pub interpretariat: T,
    pub psychologique: T,
}

impl<T> PerDotation<T> {
    pub fn get(&self, d: Dotation) -> &T {
        match d {
            Dotation::Participative => &self.participative,
            Dotation::Precarite => &self.precarite,
            Dotation::Interpretariat => &self.interpretariat,
            Dotation::Psychologique => &self.psychologique,
        }
    }

    pub fn map<U>(&self, mut f: impl FnMut(Dotation, &T) -> U) -> PerDotation<U> {
        PerDotation {
            participative: f(Dotation::Participative, &self.participative),
            precarite: f(Dotation::Precarite, &self.precarite),
            interpretariat: f(Dotation::Interpretariat, &self.interpretariat),
            psychologique: f(Dotation::Psychologique, &self.psychologique),
        }
    }

    /// The four values in the order of the cahier des charges.
    pub fn iter(&self) -> impl Iterator<Item = (Dotation, &T)> {
        Dotation::ALL.iter().map(move |&d| (d, self.get(d)))
    }
}

/// How an annual amount was reached, with the rule values it used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// ETP of the file-active step × cost of one ETP.
    Participative {
        step: usize,
        etp: Decimal,
        cout_etp: Decimal,
    },
    /// € per patient of the poverty band × file active.
    Precarite {
        band: usize,
        par_patient: Decimal,
        file_active: u32,
    },
    /// (file active / 1000) × amount for 1000 patients.
    Interpretariat {
        facteur: Decimal,
        pour_1000: Decimal,
    },
    /// The requested amount, capped, or 0 without the ARS's agreement.
    Psychologique {
        accord: bool,
        demande: Option<Decimal>,
        plafond: Decimal,
        plafonne: bool,
    },
}

impl Detail {
    /// The rule values and assumptions this amount rests on (up to three: no allocation,
    /// asked per row).
    pub fn values(&self) -> impl Iterator<Item = RuleKey> {
        use crate::rules::Hypothesis as H;
        let keys = match self {
            Detail::Participative { step, .. } => {
                [Some(RuleKey::Etp(*step)), Some(RuleKey::CoutEtp), None]
            }
            Detail::Precarite { band, .. } => [
                Some(RuleKey::MontantParPatient(*band)),
                Some(RuleKey::Hypothesis(H::D2Calcul)),
                None,
            ],
            Detail::Interpretariat { .. } => [
                Some(RuleKey::Interpretariat),
                Some(RuleKey::Hypothesis(H::D3Calcul)),
                None,
            ],
            Detail::Psychologique {
                accord, demande, ..
            } => [
                Some(RuleKey::PlafondPsy),
                Some(RuleKey::AccordArsRequis),
                // Only where the amount came from the assumption, not from the request.
                (*accord && demande.is_none()).then_some(RuleKey::Hypothesis(H::D4SansMontant)),
            ],
        };
        keys.into_iter().flatten()
    }
}

/// An annual amount before rounding, and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub amount: Decimal,
    pub detail: Detail,
}

/// Why a structure gets no dotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotEligible {
    pub file_active: u32,
    pub min: u32,
    /// Id of the rule version that says so.
    pub version: String,
}

/// The four annual dotations under one rule version, unrounded.
pub fn annual(inputs: &Inputs, rules: &RuleFile) -> Result<PerDotation<Line>, NotEligible> {
    let min = rules.eligibility.file_active_min.value;
    if inputs.file_active < min {
        return Err(NotEligible {
            file_active: inputs.file_active,
            min,
            version: rules.id.clone(),
        });
    }
    let d = &rules.dotations;
    let file_active = Decimal::from(inputs.file_active);

    // D1: "Le nombre d'ETP est fixé en fonction de la file active en médecine générale de
    // l'année précédente" (avis CTIS, juillet 2021).
    let step = find_step(&d.participative.etp, &inputs.file_active).unwrap_or(0);
    let etp = d.participative.etp[step].get_ref().value.0;
    let cout_etp = d.participative.cout_etp.value.0;
    let participative = Line {
        amount: etp * cout_etp,
        detail: Detail::Participative {
            step,
            etp,
            cout_etp,
        },
    };

    // D2: "basée sur le taux de pauvreté du territoire" — how is the file's assumption
    // (`hypotheses.d2_calcul`): this build knows € per patient of the band × file active.
    let h = &rules.hypotheses;
    match h
        .d2_calcul
        .value
        .get_ref()
        .or(D2Calcul::ParPatientFileActive)
    {
        D2Calcul::ParPatientFileActive => {}
    }
    let rate = crate::rules::Dec(inputs.taux_pauvrete);
    let band = find_step(&d.precarite.montant_par_patient, &rate).unwrap_or(0);
    let par_patient = d.precarite.montant_par_patient[band].get_ref().value.0;
    let precarite = Line {
        amount: par_patient * file_active,
        detail: Detail::Precarite {
            band,
            par_patient,
            file_active: inputs.file_active,
        },
    };

    // D3: "sur la base de 22 800 € par an pour 1000 patients"; proportionally or per 1000
    // started, as the file assumes (`hypotheses.d3_calcul`).
    let pour_1000 = d.interpretariat.montant_pour_1000_patients.value.0;
    let facteur = match h.d3_calcul.value.get_ref().or(D3Calcul::Proportionnel) {
        D3Calcul::Proportionnel => file_active / Decimal::ONE_THOUSAND,
        D3Calcul::ParMilleEntame => (file_active / Decimal::ONE_THOUSAND).ceil(),
    };
    let interpretariat = Line {
        amount: facteur * pour_1000,
        detail: Detail::Interpretariat { facteur, pour_1000 },
    };

    // D4: "d'un montant maximum de 66 000 € par structure, après accord de l'ARS".
    let plafond = d.psychologique.plafond.value.0;
    let accord = inputs.accord_ars_psy || !d.psychologique.accord_ars_requis.value;
    // No amount asked: what the file assumes (`hypotheses.d4_accord_sans_montant`).
    let unasked = match h
        .d4_accord_sans_montant
        .value
        .get_ref()
        .or(D4SansMontant::Plafond)
    {
        D4SansMontant::Plafond => plafond,
        D4SansMontant::Zero => Decimal::ZERO,
    };
    let asked = inputs.montant_psy_demande.unwrap_or(unasked);
    let amount = if accord {
        asked.min(plafond)
    } else {
        Decimal::ZERO
    };
    let psychologique = Line {
        amount,
        detail: Detail::Psychologique {
            accord,
            demande: inputs.montant_psy_demande,
            plafond,
            plafonne: accord && asked > plafond,
        },
    };

    Ok(PerDotation {
        participative,
        precarite,
        interpretariat,
        psychologique,
    })
}

/// Index of the band holding `key` (`min` inclusive, `below` exclusive); validation
/// guarantees the scale starts at its minimum and has no gap.
fn find_step<K: PartialOrd>(steps: &[toml::Spanned<Step<K>>], key: &K) -> Option<usize> {
    steps.iter().position(|s| {
        let s = s.get_ref();
        s.min <= *key && s.below.as_ref().is_none_or(|b| key < b)
    })
}

/// Rounded amounts and their total (the sum of the rounded dotations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amounts {
    pub dotations: PerDotation<Decimal>,
    pub total: Decimal,
}

impl Amounts {
    fn from_unrounded(unrounded: PerDotation<Decimal>, version: &Version) -> Amounts {
        let dotations = unrounded.map(|_, a| rounding::round(*a, &version.rules.rounding));
        let total = dotations.iter().map(|(_, a)| *a).sum();
        Amounts { dotations, total }
    }
}

/// The full annual amounts under one version.
#[derive(Debug, Clone)]
pub struct Annual {
    pub lines: PerDotation<Line>,
    pub amounts: Amounts,
}

/// Annual amounts, each dotation rounded once.
pub fn compute_annual(inputs: &Inputs, version: &Version) -> Result<Annual, NotEligible> {
    let lines = annual(inputs, &version.rules)?;
    let amounts = Amounts::from_unrounded(lines.map(|_, l| l.amount), version);
    Ok(Annual { lines, amounts })
}

/// What amounts are computed for, chosen once per run ([`Period::choose`]).
#[derive(Debug, Clone)]
pub enum Period {
    /// Annual amounts under one version (its index in the set): `--as-of` or today's.
    Annual { version: VersionId },
    /// Amounts due for a calendar year, each month under the version in force on its 1st.
    Year(YearPlan),
}

impl Period {
    /// With `year`, that year's months and their versions (an error when no version
    /// covers any of them); without, the version in force on `as_of`, else today (see
    /// [`RuleSet::choose`]). The [`Choice`] says when today is past every version.
    pub fn choose(
        set: &RuleSet,
        year: Option<i32>,
        as_of: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<(Period, Choice), crate::Error> {
        match year {
            Some(year) => YearPlan::new(set, year)
                .map(|plan| (Period::Year(plan), Choice::InForce))
                .ok_or_else(|| crate::Error::NoVersionInYear {
                    year,
                    versions: set.validities(),
                }),
            None => {
                let (version, choice) = set.choose(as_of, today)?;
                let version = set.index_of(version).unwrap_or_default();
                Ok((Period::Annual { version }, choice))
            }
        }
    }

    /// The calendar year, for a year's amounts.
    pub fn year(&self) -> Option<i32> {
        self.plan().map(|p| p.year)
    }

    /// The months and their versions, for a year's amounts.
    pub fn plan(&self) -> Option<&YearPlan> {
        match self {
            Period::Year(plan) => Some(plan),
            Period::Annual { .. } => None,
        }
    }

    /// The one version, for annual amounts.
    pub fn annual(&self) -> Option<VersionId> {
        match self {
            Period::Annual { version } => Some(*version),
            Period::Year(_) => None,
        }
    }

    /// A structure's amounts for the period: the one evaluation behind `compute`, the web
    /// page, `diff` and `budget` (`explain` traces the same two functions). `entree`, the
    /// date the structure entered the experiment, counts for a year's months only.
    pub fn evaluate(
        &self,
        inputs: &Inputs,
        entree: Option<NaiveDate>,
        set: &RuleSet,
    ) -> Result<Evaluation, NotEligible> {
        match self {
            Period::Year(plan) => {
                let entree = entree.unwrap_or(NaiveDate::MIN);
                compute_year(inputs, entree, plan, set).map(Evaluation::Year)
            }
            Period::Annual { version } => {
                compute_annual(inputs, set.version(*version)).map(|annual| Evaluation::Annual {
                    version: *version,
                    annual,
                })
            }
        }
    }

    /// The versions the period may use, in order.
    pub fn versions(&self) -> Vec<VersionId> {
        match self {
            Period::Annual { version } => vec![*version],
            Period::Year(plan) => plan.periods.iter().map(|(i, _)| *i).collect(),
        }
    }
}

/// A calendar month, as the experiment counts it: a month is its 1st day. Its amounts follow
/// the version in force that day, a structure counts it when it entered on or before that
/// day, and an envelope covers it when that day is in its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    first: NaiveDate,
}

impl Month {
    /// Month `month` (1–12) of `year`; `None` out of range.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| Month { first })
    }

    /// The twelve months of `year` (none when the year is out of the calendar's range).
    pub fn of_year(year: i32) -> impl Iterator<Item = Month> {
        (1..=12).filter_map(move |m| Month::new(year, m))
    }

    /// The month holding `day`.
    pub fn holding(day: NaiveDate) -> Month {
        Month {
            first: day.with_day(1).unwrap_or(day),
        }
    }

    /// Its 1st day: the day that decides for the whole month.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    pub fn year(self) -> i32 {
        self.first.year()
    }

    /// 1–12.
    pub fn number(self) -> u32 {
        self.first.month()
    }

    /// The month after (`None` past the calendar's range).
    pub fn next(self) -> Option<Month> {
        self.first
            .checked_add_months(chrono::Months::new(1))
            .map(|first| Month { first })
    }

    /// Whether a structure that entered on `entree` counts this month.
    pub fn counts_for(self, entree: NaiveDate) -> bool {
        entree <= self.first
    }

    /// Whether its 1st day lies in `[from, until]`.
    pub fn within(self, from: NaiveDate, until: NaiveDate) -> bool {
        from <= self.first && self.first <= until
    }
}

/// The months of a year, grouped by the rule version in force on each month's 1st day.
#[derive(Debug, Clone)]
pub struct YearPlan {
    pub year: i32,
    /// (index of the version in the set, months 1–12 it covers), in calendar order.
    pub periods: Vec<(VersionId, Vec<u32>)>,
}

impl YearPlan {
    /// Which version applies to each month of `year`; `None` when no month is covered.
    pub fn new(set: &RuleSet, year: i32) -> Option<YearPlan> {
        let mut periods: Vec<(VersionId, Vec<u32>)> = Vec::new();
        for month in Month::of_year(year) {
            let first = month.first_day();
            let Some(index) = set.ids().rev().find(|&id| set.version(id).covers(first)) else {
                continue;
            };
            let number = month.number();
            match periods.last_mut() {
                Some((last, months)) if *last == index => months.push(number),
                _ => periods.push((index, vec![number])),
            }
        }
        (!periods.is_empty()).then_some(YearPlan { year, periods })
    }
}

/// One version's share of a prorated year.
#[derive(Debug, Clone)]
pub struct Share {
    pub version: VersionId,
    pub months: u32,
    pub lines: PerDotation<Line>,
}

/// Amounts due for a year: Σ over counted months of 1/12 of the annual amount under the
/// version in force that month, rounded once per dotation at the end.
#[derive(Debug, Clone)]
pub struct Prorated {
    pub shares: Vec<Share>,
    pub months: u32,
    /// Σ annual × months / 12 per dotation, before the one rounding (shown by `explain`).
    pub unrounded: PerDotation<Decimal>,
    /// Index of the version whose rounding rule was applied.
    pub rounding_version: VersionId,
    pub amounts: Amounts,
}

/// Prorates over the months of the plan the structure is in from their 1st day.
pub fn compute_year(
    inputs: &Inputs,
    date_entree: NaiveDate,
    plan: &YearPlan,
    set: &RuleSet,
) -> Result<Prorated, NotEligible> {
    let mut shares = Vec::new();
    let mut unrounded = PerDotation::<Decimal>::default();
    for (index, months) in &plan.periods {
        // Whole months from the 1st (`hypotheses.prorata`), the only way this build knows.
        let version = set.version(*index);
        match version
            .rules
            .hypotheses
            .prorata
            .value
            .get_ref()
            .or(Prorata::MoisEntiersDu1er)
        {
            Prorata::MoisEntiersDu1er => {}
        }
        let counted = months
            .iter()
            .filter(|&&m| Month::new(plan.year, m).is_some_and(|m| m.counts_for(date_entree)))
            .count() as u32;
        if counted == 0 {
            continue;
        }
        let lines = annual(inputs, &version.rules)?;
        let n = Decimal::from(counted);
        unrounded = PerDotation {
            participative: unrounded.participative + lines.participative.amount * n,
            precarite: unrounded.precarite + lines.precarite.amount * n,
            interpretariat: unrounded.interpretariat + lines.interpretariat.amount * n,
            psychologique: unrounded.psychologique + lines.psychologique.amount * n,
        };
        shares.push(Share {
            version: *index,
            months: counted,
            lines,
        });
    }
    let months = shares.iter().map(|s| s.months).sum();
    // The last version counted declares the rounding; with no month, every amount is zero.
    let rounding_version = shares
        .last()
        .map_or_else(|| plan.periods[0].0, |s| s.version);
    let twelfths = unrounded.map(|_, a| *a / Decimal::from(12));
    let amounts = Amounts::from_unrounded(twelfths, set.version(rounding_version));
    Ok(Prorated {
        shares,
        months,
        unrounded: twelfths,
        rounding_version,
        amounts,
    })
}

/// A structure's amounts for a [`Period`], and what they rest on.
#[derive(Debug, Clone)]
pub enum Evaluation {
    /// Annual amounts under one version (its index in the set).
    Annual { version: VersionId, annual: Annual },
    /// A year's amounts, prorated over the versions of its months.
    Year(Prorated),
}

impl Evaluation {
    pub fn amounts(&self) -> &Amounts {
        match self {
            Evaluation::Annual { annual, .. } => &annual.amounts,
            Evaluation::Year(p) => &p.amounts,
        }
    }

    /// Months counted, for a year's amounts.
    pub fn months(&self) -> Option<u32> {
        match self {
            Evaluation::Annual { .. } => None,
            Evaluation::Year(p) => Some(p.months),
        }
    }

    /// Each version used (its index in the set) and the lines computed under it; without
    /// allocating, as a row's evaluation is on the hot path.
    pub fn lines(&self) -> impl Iterator<Item = (VersionId, &PerDotation<Line>)> + '_ {
        let (one, shares) = match self {
            Evaluation::Annual { version, annual } => (Some((*version, &annual.lines)), &[][..]),
            Evaluation::Year(p) => (None, &p.shares[..]),
        };
        one.into_iter()
            .chain(shares.iter().map(|s| (s.version, &s.lines)))
    }

    /// The provisional rule values the amounts rest on (the proration assumption with a
    /// year's).
    pub fn provisional_keys(&self, set: &RuleSet) -> Vec<RuleKey> {
        let lines: Vec<_> = self.lines().collect();
        provisional_keys(set, &lines, matches!(self, Evaluation::Year(_)))
    }
}

/// The calendar years a set of versions covers, for the budget and for messages.
pub fn years(set: &RuleSet) -> Vec<i32> {
    let (Some(first), Some(last)) = (set.versions().first(), set.versions().last()) else {
        return Vec::new();
    };
    (first.rules.valid_from.get_ref().year()..=last.rules.valid_until.get_ref().year()).collect()
}

/// Provisional rule values behind a structure's amounts: `lines` are (version index, the
/// lines computed under it); `prorated` when they are a year's (the proration assumption
/// applies). Shared by `compute` and `budget`.
pub fn provisional_keys(
    set: &RuleSet,
    lines: &[(VersionId, &PerDotation<Line>)],
    prorated: bool,
) -> Vec<RuleKey> {
    // At most 10 keys per version: one allocation.
    let mut keys = Vec::with_capacity(10 * lines.len());
    let prorata = RuleKey::Hypothesis(crate::rules::Hypothesis::Prorata);
    for (index, lines) in lines {
        let v = set.version(*index);
        for (_, line) in lines.iter() {
            keys.extend(line.detail.values().filter(|k| v.is_provisional(*k)));
        }
        if v.is_provisional(RuleKey::Rounding) {
            keys.push(RuleKey::Rounding);
        }
        if prorated && v.is_provisional(prorata) {
            keys.push(prorata);
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests;
