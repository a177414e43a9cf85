//! `secpa test PATH…`: regression cases written as data (a structure's cells, the rules, an
//! optional year, the expected amounts and/or diagnostic codes), run through the very path
//! `compute` takes: the cells become a one-row CSV read by the candidature reader, so "37,5"
//! or "2 500" mean exactly what they mean in a real file. With `check = true`, the row also
//! goes through `secpa check`, so eligibility rules have cases too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use crate::candidature::{self, Column};
use crate::cli::TestArgs;
use crate::compute::{Amounts, Period};
use crate::diagnostic::{Code, Severity};
use crate::model::Dotation;
use crate::pipeline::{self, Collect, Context};
use crate::rules::{self, Dec, RuleSet};
use crate::{Error, Lang, Outcome};
use secpa_core::Error as CoreError;

/// A case file: `[[case]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    case: Vec<Spanned<Case>>,
}

/// One regression case.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// Rule versions: embedded ids or files (relative to the case file); default: all embedded.
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    /// Like `compute --as-of` (AAAA-MM-JJ).
    as_of: Option<Spanned<String>>,
    /// Like `compute --year`.
    year: Option<i32>,
    /// Also read the row as `secpa check` does (every column of a candidature required;
    /// eligibility judged on its filing date, else `as_of` or today): its codes join the
    /// diagnostics. `compute` already runs every check whose columns are present.
    #[serde(default)]
    check: bool,
    /// Cells by column name, as written in a candidature file.
    structure: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    expected: Expected,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    participative: Option<Dec>,
    precarite: Option<Dec>,
    interpretariat: Option<Dec>,
    psychologique: Option<Dec>,
    total: Option<Dec>,
    /// Codes expected (E201…); when absent, no error is expected.
    diagnostics: Option<Vec<String>>,
}

/// A case ready to run.
struct Loaded {
    file: String,
    line: usize,
    case: Case,
    set: RuleSet,
    as_of: Option<NaiveDate>,
    csv: Vec<u8>,
}

/// What a case gave.
struct Got {
    amounts: Option<Amounts>,
    /// Sorted by their spelling, once each.
    codes: Vec<Code>,
}

/// The largest case file read: a real one is a few KiB. A bigger one (`/dev/zero` given by
/// mistake, a runaway generator) is refused after reading at most this plus one byte.
pub const MAX_CASE_FILE_BYTES: u64 = 1024 * 1024;

/// Case files under the paths given: files as given, directories walked for `*.toml`, sorted.
/// A path that does not exist or holds no case file is a problem (a wrong path must not
/// pass as "0 passed, 0 failed" in CI), and so is a FIFO, a device or a socket (refused on
/// its metadata, never opened: opening a FIFO for reading waits for a writer): every such
/// path is named, then the run stops (exit 2).
fn collect(paths: &[PathBuf], out: &mut Vec<PathBuf>, lang: Lang) -> Result<(), Error> {
    let mut problems = String::new();
    for p in paths {
        let before = (out.len(), problems.len());
        // A path given by hand is followed, a link to a directory included: it is meant.
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, out, &mut problems, lang)?,
            Ok(m) if m.is_file() => out.push(p.clone()),
            Ok(m) => problems.push_str(&special(p, &m.file_type(), lang)),
            Err(e) => {
                let path = p.display();
                problems.push_str(&match e.kind() {
                    std::io::ErrorKind::NotFound => say!(
                        lang,
                        format!("\n  {path} : chemin introuvable"),
                        format!("\n  {path}: no such file or directory"),
                    ),
                    _ => {
                        let reason = crate::say::error::io_reason(&e, lang);
                        say!(
                            lang,
                            format!("\n  {path} : {reason}"),
                            format!("\n  {path}: {reason}"),
                        )
                    }
                });
                continue;
            }
        }
        if (out.len(), problems.len()) == before {
            problems.push_str(&say!(
                lang,
                format!("\n  {} : aucun fichier de cas (.toml) dans ce dossier ni dans ses sous-dossiers", p.display()),
                format!("\n  {}: no case file (.toml) in this directory or its subdirectories", p.display()),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Usage(say!(
            lang,
            format!("aucun cas à lancer :{problems}"),
            format!("no case to run:{problems}"),
        )))
    }
}

/// The problem line of a path that is neither a file nor a directory.
fn special(path: &Path, kind: &std::fs::FileType, lang: Lang) -> String {
    use std::os::unix::fs::FileTypeExt;
    let path = path.display();
    let (fr, en) = if kind.is_fifo() {
        ("tube nommé (FIFO)", "named pipe (FIFO)")
    } else if kind.is_socket() {
        ("socket", "socket")
    } else if kind.is_char_device() || kind.is_block_device() {
        ("périphérique", "device")
    } else {
        ("fichier spécial", "special file")
    };
    say!(
        lang,
        format!("\n  {path} : {fr}, pas un fichier de cas : non lu"),
        format!("\n  {path}: {en}, not a case file: not read"),
    )
}

/// The `*.toml` files of a directory and its subdirectories, sorted. A link to a directory
/// is not followed (said on stderr): `loop -> .` would otherwise run every case again at
/// each level until the path is too long, and two such links never end. Not following is
/// what `find` does by default and needs no memory of the directories seen; a linked
/// directory is still read when given by hand. A link to a file is followed (a file cannot
/// loop). A `*.toml` that is a FIFO, a device or a socket is a problem, never opened.
fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    problems: &mut String,
    lang: Lang,
) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| CoreError::Read {
        path: dir.display().to_string(),
        source,
    })?;
    // The entry's own type: `DirEntry::file_type` does not follow a link.
    let mut children: Vec<(PathBuf, std::fs::FileType)> = entries
        .filter_map(|e| e.ok().and_then(|e| Some((e.path(), e.file_type().ok()?))))
        .collect();
    children.sort_by(|a, b| a.0.cmp(&b.0));
    let mut dirs = Vec::new();
    for (path, kind) in children {
        let kind = if kind.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(target) if target.is_dir() => {
                    let link = path.display().to_string();
                    super::warn(
                        lang,
                        &format!("lien vers un dossier non suivi : {link} (donnez-le en argument pour lancer ses cas)"),
                        &format!("link to a directory not followed: {link} (give it as an argument to run its cases)"),
                    );
                    continue;
                }
                Ok(target) => target.file_type(),
                // A dangling link: nothing to read.
                Err(_) => continue,
            }
        } else {
            kind
        };
        if kind.is_dir() {
            dirs.push(path);
        } else if path.extension().is_some_and(|e| e == "toml") {
            if kind.is_file() {
                out.push(path);
            } else {
                problems.push_str(&special(&path, &kind, lang));
            }
        }
    }
    for d in dirs {
        walk(&d, out, problems, lang)?;
    }
    Ok(())
}

/// A case file's text, reading at most [`MAX_CASE_FILE_BYTES`] + 1 bytes; `Ok(None)` with
/// the problem said when it is larger.
fn read_case_file(path: &Path, problems: &mut String, lang: Lang) -> Result<Option<String>, Error> {
    use std::io::Read;
    let error = |source| CoreError::Read {
        path: path.display().to_string(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_CASE_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(error)?;
    if bytes.len() as u64 > MAX_CASE_FILE_BYTES {
        let path = path.display();
        problems.push_str(&say!(
            lang,
            format!("\n  {path} : plus de 1 Mio ({MAX_CASE_FILE_BYTES} octets) : un fichier de cas fait quelques Kio ; non lu au-delà"),
            format!("\n  {path}: over 1 MiB ({MAX_CASE_FILE_BYTES} bytes): a case file is a few KiB; not read further"),
        ));
        return Ok(None);
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| error(std::io::Error::new(std::io::ErrorKind::InvalidData, e)).into())
}

fn located(file: &str, text: &str, offset: usize, message: &str) -> String {
    let (line, column) = rules::line_col(text, offset);
    format!("\n  {file}:{line}:{column}: {message}")
}

/// The cells as one CSV row; a TOML float is refused (a binary float is not what people typed).
fn csv_row(case: &Case, file: &str, text: &str, problems: &mut String, lang: Lang) -> Vec<u8> {
    let mut header = Vec::new();
    let mut row = Vec::new();
    for (key, value) in &case.structure {
        if Column::from_header(key.get_ref()).is_none() {
            let hint = Column::suggest(key.get_ref())
                .map(|s| {
                    say!(
                        lang,
                        format!(" (vouliez-vous dire « {s} » ?)"),
                        format!(" (did you mean \"{s}\"?)"),
                    )
                })
                .unwrap_or_default();
            let name = key.get_ref();
            problems.push_str(&located(
                file,
                text,
                key.span().start,
                &say!(
                    lang,
                    format!("structure.{name} : colonne inconnue{hint}"),
                    format!("structure.{name}: unknown column{hint}"),
                ),
            ));
        }
        let cell = match value.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => if *b { "oui" } else { "non" }.to_owned(),
            toml::Value::Datetime(d) => d.to_string(),
            other => {
                problems.push_str(&located(
                    file,
                    text,
                    value.span().start,
                    &say!(
                        lang,
                        format!(
                            "structure.{} : valeur {} refusée, écrivez-la entre guillemets comme dans le tableur (\"37,5\")",
                            key.get_ref(),
                            other.type_str()
                        ),
                        format!(
                            "structure.{}: {} value refused, write it in quotes as in the spreadsheet (\"37,5\")",
                            key.get_ref(),
                            other.type_str()
                        ),
                    ),
                ));
                String::new()
            }
        };
        header.push(key.get_ref().clone());
        row.push(cell);
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(&header);
    let _ = w.write_record(&row);
    w.into_inner().unwrap_or_default()
}

/// Parses every case file; any problem (bad TOML, unknown key, unknown rules) is fatal.
fn load(paths: &[PathBuf], embedded: &RuleSet, lang: Lang) -> Result<Vec<Loaded>, Error> {
    let mut files = Vec::new();
    collect(paths, &mut files, lang)?;
    let mut problems = String::new();
    let mut loaded = Vec::new();
    for path in files {
        let file = path.display().to_string();
        let Some(text) = read_case_file(&path, &mut problems, lang)? else {
            continue;
        };
        let parsed: CaseFile = match toml::from_str(&text) {
            Ok(p) => p,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let reason = crate::say::error::toml_reason(e.message(), lang);
                problems.push_str(&located(&file, &text, offset, &reason));
                continue;
            }
        };
        for spanned in parsed.case {
            let case_start = spanned.span().start;
            let line = rules::line_col(&text, case_start).0;
            let case = spanned.into_inner();
            let mut versions = Vec::new();
            for r in &case.rules {
                if let Some(v) = embedded.get(r.get_ref()) {
                    versions.push(v.clone());
                    continue;
                }
                let p = path.parent().unwrap_or(Path::new(".")).join(r.get_ref());
                match rules::load(&p) {
                    Ok(v) => versions.push(v),
                    Err(e) => problems.push_str(&located(
                        &file,
                        &text,
                        r.span().start,
                        &say!(
                            lang,
                            format!(
                                "rules : « {} » n'est ni une version intégrée ni un fichier de règles lisible ({})",
                                r.get_ref(),
                                crate::say::error::render(&e, lang).replace('\n', " ")
                            ),
                            format!(
                                "rules: \"{}\" is neither an embedded version nor a readable rule file ({})",
                                r.get_ref(),
                                crate::say::error::render(&e, lang).replace('\n', " ")
                            ),
                        ),
                    )),
                }
            }
            let set = if case.rules.is_empty() {
                embedded.clone()
            } else {
                match RuleSet::from_versions(versions) {
                    Ok(s) => s,
                    Err(e) => {
                        problems.push_str(&located(
                            &file,
                            &text,
                            spanned_start(&case),
                            &crate::say::error::render(&e, lang),
                        ));
                        continue;
                    }
                }
            };
            let as_of = match &case.as_of {
                Some(d) => match d.get_ref().parse::<NaiveDate>() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        problems.push_str(&located(
                            &file,
                            &text,
                            d.span().start,
                            &say!(
                                lang,
                                format!(
                                    "as_of : « {} » n'est pas une date AAAA-MM-JJ",
                                    d.get_ref()
                                ),
                                format!("as_of: \"{}\" is not a YYYY-MM-DD date", d.get_ref()),
                            ),
                        ));
                        None
                    }
                },
                None => None,
            };
            // An expected code that does not exist would fail the case forever.
            for code in case.expected.diagnostics.iter().flatten() {
                if code.parse::<Code>().is_err() {
                    problems.push_str(&located(
                        &file,
                        &text,
                        case_start,
                        &say!(
                            lang,
                            format!("expected.diagnostics : « {code} » n'est pas un code (secpa code les liste)"),
                            format!("expected.diagnostics: \"{code}\" is not a code (secpa code lists them)"),
                        ),
                    ));
                }
            }
            let csv = csv_row(&case, &file, &text, &mut problems, lang);
            loaded.push(Loaded {
                file: file.clone(),
                line,
                case,
                set,
                as_of,
                csv,
            });
        }
    }
    if problems.is_empty() {
        Ok(loaded)
    } else {
        Err(Error::Usage(say!(
            lang,
            format!("fichier de cas invalide :{problems}"),
            format!("invalid case file:{problems}"),
        )))
    }
}

fn spanned_start(case: &Case) -> usize {
    case.rules.first().map_or(0, |r| r.span().start)
}

/// Runs a case exactly as `compute` runs its one row: the same pipeline, the same period.
fn run_case(l: &Loaded, today: NaiveDate, lang: Lang) -> Result<Got, String> {
    let name = format!("{}#{}", l.file, l.case.name);
    let opened = candidature::open_bytes(&name, l.csv.clone(), None);
    let (period, _) = Period::choose(&l.set, l.case.year, l.as_of, today)
        .map_err(|e| crate::say::error::render(&e, lang))?;
    let ctx = Context::compute(&l.set, &period, l.as_of.unwrap_or(today));
    let mut got = Collect::default();
    pipeline::run(opened, &ctx, &mut got).map_err(|e| crate::say::error::render(&e, lang))?;
    let mut codes: Vec<Code> = got.diagnostics.iter().map(|d| d.code()).collect();
    if l.case.check {
        // Also as `secpa check` reads it: every column of a candidature required.
        let as_of = l.as_of.unwrap_or(today);
        let report = crate::pipeline::check_bytes(&name, l.csv.clone(), None, &l.set, as_of);
        codes.extend(report.diagnostics.iter().map(|d| d.code()));
    }
    codes.sort_by_key(|c| c.as_str());
    codes.dedup();
    Ok(Got {
        amounts: got.structures.first().map(|s| s.amounts),
        codes,
    })
}

/// The differences between what was expected and what came out, one line each.
fn check(e: &Expected, got: &Got, lang: Lang) -> Vec<String> {
    let mut failures = Vec::new();
    let expected: [(&str, Option<Dec>, Option<Decimal>); 5] = [
        (
            "participative",
            e.participative,
            got.amounts
                .map(|a| *a.dotations.get(Dotation::Participative)),
        ),
        (
            "precarite",
            e.precarite,
            got.amounts.map(|a| *a.dotations.get(Dotation::Precarite)),
        ),
        (
            "interpretariat",
            e.interpretariat,
            got.amounts
                .map(|a| *a.dotations.get(Dotation::Interpretariat)),
        ),
        (
            "psychologique",
            e.psychologique,
            got.amounts
                .map(|a| *a.dotations.get(Dotation::Psychologique)),
        ),
        ("total", e.total, got.amounts.map(|a| a.total)),
    ];
    for (name, want, have) in expected {
        let Some(want) = want else { continue };
        match have {
            Some(have) if have == want.0 => {}
            Some(have) => failures.push(say!(
                lang,
                format!("{name} : attendu {}, obtenu {have}", want.0),
                format!("{name}: expected {}, got {have}", want.0),
            )),
            None => failures.push(say!(
                lang,
                format!("{name} : attendu {}, obtenu aucun montant", want.0),
                format!("{name}: expected {}, got no amount", want.0),
            )),
        }
    }
    let mut want_codes = e.diagnostics.clone().unwrap_or_default();
    want_codes.sort();
    want_codes.dedup();
    // Without `diagnostics`, only errors count: a warning does not fail a case. A case is
    // one structure: a notice about its file (I227, an optional column the case does not
    // give) counts only when the case lists it.
    let file_notice = |c: &Code| c.file_level() && c.severity() == Severity::Info;
    let have_codes: Vec<&str> = got
        .codes
        .iter()
        .filter(|c| {
            c.severity() == Severity::Error
                || (e.diagnostics.is_some()
                    && (!file_notice(c) || want_codes.iter().any(|w| w == c.as_str())))
        })
        .map(|c| c.as_str())
        .collect();
    if want_codes != have_codes {
        let (want, have) = (want_codes.join(", "), have_codes.join(", "));
        failures.push(say!(
            lang,
            format!("diagnostics : attendu [{want}], obtenu [{have}]"),
            format!("diagnostics: expected [{want}], got [{have}]"),
        ));
    }
    failures
}

pub fn run(args: &TestArgs, lang: Lang) -> Result<Outcome, Error> {
    let embedded = RuleSet::embedded()?;
    let cases = load(&args.paths, &embedded, lang)?;
    let today = crate::today()?;
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut out = String::new();
    for l in &cases {
        let failures = match run_case(l, today, lang) {
            Ok(got) => check(&l.case.expected, &got, lang),
            Err(message) => vec![message],
        };
        if failures.is_empty() {
            passed += 1;
            continue;
        }
        failed += 1;
        let (file, line, name) = (&l.file, l.line, &l.case.name);
        out.push_str(&say!(
            lang,
            format!("ÉCHEC {file}:{line} « {name} »\n"),
            format!("FAILED {file}:{line} \"{name}\"\n"),
        ));
        for f in failures {
            out.push_str(&format!("  {f}\n"));
        }
    }
    // The last line is the same in every language: scripts read it (README, `secpa test`).
    out.push_str(&format!("{passed} passed, {failed} failed\n"));
    // Case names, file names and the messages of a case file are shown, never run.
    crate::output::write_stdout(crate::terminal::safe(&out, true).as_bytes())?;
    Ok(if failed > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}
