//! `secpa diff OLD NEW FILE`: what a change of rules does to each structure's dotations, and
//! which rule values differ. For CI: `--fail-on-change` exits 1 when any amount moves.

use std::path::Path;

use rust_decimal::Decimal;

use super::batch::{self, Structure};
use super::{outcome, print_diagnostics};
use crate::cli::{DiffArgs, DiffFormat};
use crate::compute::{Amounts, Period, YearPlan};
use crate::model::Dotation;
use crate::report::diff::{render_csv, render_json, render_table, DiffReport, Line, Side};
use crate::rules::{self, values, RuleSet, Version, VersionId};
use crate::{Error, Lang, Outcome};
use secpa_core::Error as CoreError;

/// An embedded version id, else a rule file path.
fn resolve(arg: &str, embedded: &RuleSet) -> Result<Version, CoreError> {
    if let Some(v) = embedded.get(arg) {
        return Ok(v.clone());
    }
    let path = Path::new(arg);
    if path.exists() {
        return rules::load(path);
    }
    Err(CoreError::UnknownVersion {
        id: arg.to_owned(),
        versions: embedded.validities(),
    })
}

/// The periods a set of one version is compared on: annual, and with `year` that version
/// applied to every month of it (so that two versions are compared on the same months).
struct Periods {
    annual: Period,
    year: Option<Period>,
}

impl Periods {
    fn new(year: Option<i32>) -> Periods {
        Periods {
            annual: Period::Annual {
                version: VersionId::FIRST,
            },
            year: year.map(|year| {
                Period::Year(YearPlan {
                    year,
                    periods: vec![(VersionId::FIRST, (1..=12).collect())],
                })
            }),
        }
    }
}

/// A structure's amounts under one version alone: for the year when asked and the structure
/// has its date of entry, else annual. Not eligible gives zero, so that a change of
/// eligibility shows as a move.
fn amounts(s: &Structure, set: &RuleSet, periods: &Periods) -> (Amounts, bool) {
    let zero = Amounts {
        dotations: Default::default(),
        total: Decimal::ZERO,
    };
    let period = match (&periods.year, s.entree) {
        (Some(year), Some(_)) => year,
        _ => &periods.annual,
    };
    match period.evaluate(&s.inputs, s.entree, set) {
        Ok(e) => (*e.amounts(), true),
        Err(_) => (zero, false),
    }
}

pub fn run(args: &DiffArgs, lang: Lang) -> Result<Outcome, Error> {
    let embedded = RuleSet::embedded()?;
    let old = RuleSet::from_versions(vec![resolve(&args.old, &embedded)?])?;
    let new = RuleSet::from_versions(vec![resolve(&args.new, &embedded)?])?;
    // Eligibility is judged once, on each row's filing date, by the versions in force
    // then: what a rule change moves is the amounts of the structures it admits.
    // Each structure is compared as it comes: only the amounts that move are kept.
    struct Compare<'a> {
        old: &'a RuleSet,
        new: &'a RuleSet,
        periods: Periods,
        lines: Vec<Line>,
        totals: Vec<(Decimal, Decimal)>,
        structures: usize,
        diagnostics: Vec<crate::diagnostic::Diagnostic>,
    }
    impl batch::Each for Compare<'_> {
        fn structure(&mut self, s: Structure) -> Result<(), CoreError> {
            self.structures += 1;
            let (a, old_ok) = amounts(&s, self.old, &self.periods);
            let (b, new_ok) = amounts(&s, self.new, &self.periods);
            for (i, &d) in Dotation::ALL.iter().enumerate() {
                let (o, n) = (*a.dotations.get(d), *b.dotations.get(d));
                self.totals[i].0 += o;
                self.totals[i].1 += n;
                if o != n {
                    self.lines.push(Line {
                        row: s.row,
                        finess: s.finess.clone(),
                        nom: s.nom.clone(),
                        dotation: d,
                        old: o,
                        new: n,
                        eligible: (old_ok, new_ok),
                    });
                }
            }
            self.totals[4].0 += a.total;
            self.totals[4].1 += b.total;
            Ok(())
        }
        fn diagnostic(&mut self, d: crate::diagnostic::Diagnostic) -> Result<(), CoreError> {
            self.diagnostics.push(d);
            Ok(())
        }
    }
    let mut compare = Compare {
        old: &old,
        new: &new,
        periods: Periods::new(args.year),
        lines: Vec::new(),
        totals: vec![(Decimal::ZERO, Decimal::ZERO); 5],
        structures: 0,
        diagnostics: Vec::new(),
    };
    let opened =
        crate::candidature::open_with(&args.file, &super::options(&args.sheet, &args.columns)?);
    let summary = batch::stream(
        opened,
        &embedded,
        args.year.is_some(),
        crate::today()?,
        false,
        &mut compare,
    )?;
    let batch = batch::Batch {
        structures: Vec::new(),
        diagnostics: std::mem::take(&mut compare.diagnostics),
        summary,
    };
    if !batch.summary.usable {
        print_diagnostics(&batch.diagnostics, lang);
        return Ok(Outcome::Unusable);
    }
    let (lines, totals, structures) = (compare.lines, compare.totals, compare.structures);
    let side = |set: &RuleSet| {
        let v = set.version(VersionId::FIRST);
        Side {
            id: v.rules.id.clone(),
            origin: v.origin.clone(),
            sha256: v.sha256().to_owned(),
        }
    };
    let report = DiffReport {
        lang,
        old: side(&old),
        new: side(&new),
        year: args.year,
        structures,
        lines,
        totals,
        rules: values::changes(&old.versions()[0], &new.versions()[0]),
        errors: &batch.diagnostics,
    };
    let bytes = match args.format {
        DiffFormat::Table => render_table(&report),
        DiffFormat::Csv => render_csv(&report),
        DiffFormat::Json => render_json(&report),
    };
    crate::output::write_stdout(&bytes)?;
    print_diagnostics(&batch.diagnostics, lang);
    let moved = !report.lines.is_empty();
    Ok(match outcome(&batch.diagnostics) {
        Outcome::Success if args.fail_on_change && moved => Outcome::Problems,
        other => other,
    })
}
