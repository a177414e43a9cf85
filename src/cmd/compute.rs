//! `secpa compute`: the four dotations of every structure of a file, annual or for a year.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{choose_version, has_errors, print_diagnostics, rule_set, warn};
use crate::candidature::{value, CandidatureFile, Cells, Column, Opened};
use crate::cli::{ComputeArgs, Format};
use crate::compute::{self, envelope, Inputs, NotEligible, YearPlan};
use crate::diagnostic::{self, Diagnostic, Problem};
use crate::report::{self, ComputeReport, StructureResult};
use crate::rules::{RuleKey, RuleSet, Version};
use crate::{Error, Lang, Outcome};

/// What a row must give for `compute`; `date_entree` only with `--year`.
pub fn required_columns(year: bool) -> Vec<Column> {
    let mut columns = vec![
        Column::FileActiveMg,
        Column::TauxPauvrete,
        Column::AccordArsPsy,
    ];
    if year {
        columns.push(Column::DateEntree);
    }
    columns
}

/// The inputs of the computation read from a row, or `None` when a needed cell is wrong
/// (the problems are in `cells.diagnostics`).
pub fn read_inputs(cells: &mut Cells<'_, '_>, year: bool) -> Option<(Inputs, Option<NaiveDate>)> {
    let before = cells.diagnostics.len();
    let file_active = cells.required(Column::FileActiveMg, value::count);
    // An empty rate is looked up from the QPV or commune, as `secpa check` does (I218/E219).
    let taux_pauvrete = if cells.text(Column::TauxPauvrete).is_none() && can_look_up(cells.row) {
        crate::check::look_up_poverty(cells)
    } else {
        cells.required(Column::TauxPauvrete, value::percent)
    };
    let accord_ars_psy = cells.flag(Column::AccordArsPsy).unwrap_or(false);
    let montant_psy_demande = cells.parse(Column::MontantPsyDemande, value::amount);
    let date_entree = if year {
        cells.required(Column::DateEntree, value::date)
    } else {
        None
    };
    if cells.diagnostics[before..]
        .iter()
        .any(|d| d.severity == diagnostic::Severity::Error)
    {
        return None;
    }
    let inputs = Inputs {
        file_active: file_active?,
        taux_pauvrete: taux_pauvrete?,
        accord_ars_psy,
        montant_psy_demande,
    };
    Some((inputs, date_entree))
}

/// Whether the file has a column to look an empty poverty rate up from.
fn can_look_up(row: &crate::candidature::Row<'_>) -> bool {
    row.get(Column::CodeQpv).is_some() || row.get(Column::CodeCommune).is_some()
}

/// The diagnostic for a structure below the minimum file active.
pub fn not_eligible(file: &str, row: u64, e: &NotEligible, set: &RuleSet) -> Diagnostic {
    let version = set.get(&e.version);
    let rule = version.map_or_else(
        || format!("règles {}", e.version),
        |v| {
            let p = v.provenance(RuleKey::FileActiveMin);
            let source = p.source.map_or(p.source_id.clone(), |s| s.text.clone());
            format!("règles {}, {}", e.version, source)
        },
    );
    let problem = Problem::FileActiveBelowMin {
        value: e.file_active,
        min: e.min,
        rule,
    };
    Diagnostic::new(
        file,
        Some(row),
        Some(Column::FileActiveMg.name()),
        Some(&e.file_active.to_string()),
        problem,
    )
}

pub fn run(args: &ComputeArgs, lang: Lang) -> Result<Outcome, Error> {
    let set = rule_set(&args.rules)?;
    let plan = match args.year {
        Some(year) => Some(
            YearPlan::new(&set, year).ok_or_else(|| Error::NoVersionInYear {
                year,
                versions: set.summary(),
            })?,
        ),
        None => None,
    };
    let fixed = match plan {
        Some(_) => None,
        None => Some(choose_version(&set, &args.rules, lang)?),
    };

    let name = args.file.display().to_string();
    let read_error = |source| Error::Read {
        path: name.clone(),
        source,
    };
    let mut diagnostics = Vec::new();
    let mut structures = Vec::new();
    match CandidatureFile::open(&args.file).map_err(read_error)? {
        Opened::Unreadable(d) => diagnostics.push(d),
        Opened::File(mut file) => {
            diagnostics.append(&mut file.header_diagnostics);
            let missing: Vec<Column> = required_columns(plan.is_some())
                .into_iter()
                .filter(|c| !file.header.has(*c))
                // No rate column is fine when there is a QPV or commune to look it up from.
                .filter(|c| {
                    *c != Column::TauxPauvrete
                        || !(file.header.has(Column::CodeQpv)
                            || file.header.has(Column::CodeCommune))
                })
                .collect();
            for column in &missing {
                diagnostics.push(Diagnostic::new(
                    &name,
                    Some(1),
                    Some(column.name()),
                    None,
                    Problem::MissingColumn,
                ));
            }
            if missing.is_empty() {
                while let Some(row) = file.next_row() {
                    let row = match row {
                        Ok(row) => row,
                        Err(d) => {
                            diagnostics.push(d);
                            continue;
                        }
                    };
                    let mut cells = Cells {
                        row: &row,
                        file: &name,
                        diagnostics: &mut diagnostics,
                    };
                    let finess = cells.text(Column::Finess);
                    let nom = cells.text(Column::Nom);
                    let Some((inputs, entree)) = read_inputs(&mut cells, plan.is_some()) else {
                        continue;
                    };
                    let computed = match (&plan, fixed, entree) {
                        (Some(plan), _, Some(entree)) => {
                            compute::compute_year(&inputs, entree, plan, &set).map(|p| {
                                let lines: Vec<_> =
                                    p.shares.iter().map(|s| (s.version, &s.lines)).collect();
                                let versions = p.shares.iter().map(|s| s.version).collect();
                                (
                                    p.amounts,
                                    Some(p.months),
                                    versions,
                                    compute::provisional_keys(&set, &lines),
                                )
                            })
                        }
                        (None, Some((index, version)), _) => {
                            compute::compute_annual(&inputs, version).map(|a| {
                                (
                                    a.amounts,
                                    None,
                                    vec![index],
                                    compute::provisional_keys(&set, &[(index, &a.lines)]),
                                )
                            })
                        }
                        _ => continue,
                    };
                    match computed {
                        Ok((amounts, months, versions, provisional)) => {
                            structures.push(StructureResult {
                                row: row.number,
                                finess,
                                nom,
                                months,
                                amounts,
                                versions,
                                provisional,
                            })
                        }
                        Err(e) => diagnostics.push(not_eligible(&name, row.number, &e, &set)),
                    }
                }
                if file.rows_read() == 0 {
                    diagnostics.push(Diagnostic::new(&name, None, None, None, Problem::NoRows));
                }
            }
        }
    }
    diagnostic::sort(&mut diagnostics);

    let mut used: Vec<usize> = structures
        .iter()
        .flat_map(|s| s.versions.iter().copied())
        .collect();
    if let Some((index, _)) = fixed {
        used.push(index);
    }
    used.sort_unstable();
    used.dedup();
    let total: Decimal = structures.iter().map(|s| s.amounts.total).sum();
    let report = ComputeReport {
        lang,
        set: &set,
        used,
        year: args.year,
        structures,
        total,
        errors: diagnostics,
    };

    let format = if args.excel { Format::Csv } else { args.format };
    let bytes = match format {
        Format::Table => report::table::render(&report),
        Format::Csv => report::csv::render(&report, args.excel),
        Format::Json => report::json::render(&report),
        Format::Html => html(&report, &name, args, plan.as_ref(), fixed)?,
    };
    match &args.output {
        Some(path) => crate::output::write_file(path, &bytes, &[args.file.as_path()])?,
        None => crate::output::write_stdout(&bytes)?,
    }

    print_diagnostics(&report.errors, lang);
    let provisional = report.provisional_used().len();
    if provisional > 0 {
        let ids: Vec<&str> = report.versions().map(|v| v.rules.id.as_str()).collect();
        let ids = ids.join(", ");
        warn(
            lang,
            &format!("montants PROVISOIRES : ils reposent sur {provisional} valeur(s) non confirmée(s) dans le texte officiel (liste dans le résultat ; détail : secpa rules show {ids})"),
            &format!("PROVISIONAL amounts: they rest on {provisional} value(s) not confirmed in the official text (listed in the output; details: secpa rules show {ids})"),
        );
    }
    Ok(if has_errors(&report.errors) {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// The HTML page: the batch against the envelope of the year asked for (`--year`), else of
/// the year of the date that chose the version (`--as-of` or today, within its validity).
fn html(
    report: &ComputeReport,
    file: &str,
    args: &ComputeArgs,
    plan: Option<&YearPlan>,
    fixed: Option<(usize, &Version)>,
) -> Result<Vec<u8>, Error> {
    let (envelope, reference) = match (plan, fixed) {
        (Some(plan), _) => {
            let used: Vec<usize> = plan.periods.iter().map(|(i, _)| *i).collect();
            (envelope::for_year(report.set, &used, plan.year), None)
        }
        (None, Some((index, version))) => {
            let date = args.rules.as_of.map_or_else(crate::today, Ok)?.clamp(
                *version.rules.valid_from.get_ref(),
                *version.rules.valid_until.get_ref(),
            );
            let envelope = envelope::for_year(report.set, &[index], date.year());
            (envelope, Some(date))
        }
        // `run` always has a plan or a fixed version; say so rather than panic.
        (None, None) => {
            return Err(Error::Usage(
                "aucune version des règles choisie pour le rapport HTML".into(),
            ))
        }
    };
    let gauge = report::html::batch_gauge(report, envelope, reference);
    report::html::render(report, file, &gauge)
}
