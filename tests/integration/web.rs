//! The web page gives what the command line gives (issue 14): `secpa::web`, the functions
//! the WebAssembly page calls, against the binary's `check --format json` and
//! `compute --format json|csv|html`, on every example and fixture, same bytes, same
//! "today" (2026-11-25).

use std::path::Path;

use secpa::rules::RuleSet;
use secpa::web::{answer, Request};
use secpa::Lang;

use super::secpa;

/// Every candidature file the tests ship, relative to the repository root.
fn inputs() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "examples",
        "tests/fixtures/check",
        "tests/fixtures/compute",
        "tests/fixtures/bad",
        "tests/fixtures/words",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).expect("fixture directory") {
            let path = entry.expect("entry").path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if matches!(ext, "toml" | "rs" | "md") {
                continue;
            }
            files.push(format!(
                "{dir}/{}",
                path.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    files.sort();
    assert!(files.len() > 50, "{} files", files.len());
    files
}

fn cli(args: &[&str]) -> Vec<u8> {
    secpa().args(args).output().expect("secpa runs").stdout
}

fn page(set: &RuleSet, file: &str, extra: &[&str], lang: Lang) -> secpa::web::Answer {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    let value = |flag: &str| {
        extra
            .iter()
            .position(|a| *a == flag)
            .map(|i| extra[i + 1].to_owned())
    };
    answer(
        set,
        Request {
            name: file,
            bytes,
            sheet: None,
            columns: Vec::new(),
            year: value("--year").map(|y| y.parse().unwrap()),
            as_of: value("--as-of").map(|d| d.parse().unwrap()),
            today: "2026-11-25".parse().unwrap(),
            lang,
        },
    )
}

fn json(bytes: &[u8]) -> Option<serde_json::Value> {
    (!bytes.is_empty()).then(|| serde_json::from_slice(bytes).expect("JSON"))
}

fn text(bytes: Vec<u8>) -> Option<String> {
    (!bytes.is_empty()).then(|| String::from_utf8(bytes).expect("UTF-8"))
}

#[test]
fn the_page_checks_and_computes_as_the_command_line() {
    let set = RuleSet::embedded().unwrap();
    let mut compared = 0;
    for file in inputs() {
        for (extra, lang) in [
            (&[][..], Lang::Fr),
            (&["--year", "2022"][..], Lang::Fr),
            (&["--as-of", "2022-03-01"][..], Lang::En),
        ] {
            let lang_arg = if lang == Lang::En { "en" } else { "fr" };
            let with = |head: &[&str]| {
                let mut args: Vec<&str> = vec!["--lang", lang_arg];
                args.extend_from_slice(head);
                args.push(&file);
                args.extend_from_slice(extra);
                args.into_iter().map(str::to_owned).collect::<Vec<_>>()
            };
            let run = |head: &[&str]| {
                let args = with(head);
                cli(&args.iter().map(String::as_str).collect::<Vec<_>>())
            };
            let got = page(&set, &file, extra, lang);
            let case = format!("{file} {extra:?} {lang:?}");
            if extra.first() != Some(&"--year") {
                // `check` has no --year; --as-of is the same option.
                let expected = json(&run(&["check", "--format", "json"])).unwrap();
                assert_eq!(got.check, expected, "check: {case}");
            }
            assert_eq!(
                got.compute,
                json(&run(&["compute", "--format", "json"])),
                "compute json: {case}"
            );
            assert_eq!(
                got.csv,
                text(run(&["compute", "--format", "csv"])),
                "compute csv: {case}"
            );
            assert_eq!(
                got.html,
                text(run(&["compute", "--format", "html"])),
                "compute html: {case}"
            );
            compared += 1;
        }
    }
    assert!(compared > 150);
}

/// The « Résultats JSON » and « Contrôle JSON » downloads are the bytes the binary writes
/// (`compute --format json`, `check --format json`), not the same values re-printed: key
/// order, spacing and final line feed included.
#[test]
fn the_json_downloads_are_the_command_lines_bytes() {
    let set = RuleSet::embedded().unwrap();
    let mut compared = 0;
    for file in inputs() {
        let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(&file)).unwrap();
        let request = Request {
            name: &file,
            bytes,
            sheet: None,
            columns: Vec::new(),
            year: None,
            as_of: None,
            today: "2026-11-25".parse().unwrap(),
            lang: Lang::Fr,
        };
        let mut session = secpa::web::Session::run(&set, request, &mut |_| {});
        let download = |session: &mut secpa::web::Session, kind| {
            session
                .document(kind)
                .map(|d| d.expect("the document is written"))
        };
        let compute = cli(&["compute", "--format", "json", &file]);
        match download(&mut session, "json") {
            Some(json) => {
                assert!(
                    json == compute,
                    "{file}: the JSON download differs from compute --format json"
                );
                compared += 1;
            }
            None => assert!(compute.is_empty(), "{file}: no JSON download"),
        }
        let check = cli(&["check", "--format", "json", &file]);
        assert!(
            download(&mut session, "check") == Some(check),
            "{file}: the check JSON download differs from check --format json"
        );
    }
    assert!(compared > 40, "{compared}");
}

#[test]
fn the_page_shows_the_example_batch() {
    let set = RuleSet::embedded().unwrap();
    let got = page(&set, "examples/candidatures.xlsx", &[], Lang::Fr);
    let cli = json(&cli(&[
        "compute",
        "--format",
        "json",
        "examples/candidatures.xlsx",
    ]))
    .unwrap();
    assert_eq!(got.view.structures.len(), 26);
    assert!(got.view.usable && got.view.errors.is_empty());
    let total: rust_decimal::Decimal = cli["total"].as_str().unwrap().parse().unwrap();
    assert_eq!(got.view.total, secpa::report::money(total, secpa::Lang::Fr));
    assert_eq!(got.view.failure, None);
}

#[test]
fn the_page_explains_a_structure_as_the_command_line() {
    let set = RuleSet::embedded().unwrap();
    for (file, row, extra) in [
        ("examples/candidatures.xlsx", 2, &[][..]),
        ("examples/candidatures.ods", 16, &["--year", "2022"][..]),
        (
            "examples/candidatures.csv",
            27,
            &["--as-of", "2022-03-01"][..],
        ),
    ] {
        let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        let value = |flag: &str| {
            extra
                .iter()
                .position(|a| *a == flag)
                .map(|i| extra[i + 1].to_owned())
        };
        let request = Request {
            name: file,
            bytes,
            sheet: None,
            columns: Vec::new(),
            year: value("--year").map(|y| y.parse().unwrap()),
            as_of: value("--as-of").map(|d| d.parse().unwrap()),
            today: "2026-11-25".parse().unwrap(),
            lang: Lang::Fr,
        };
        let got = secpa::web::explain(&set, request, row).unwrap();
        let row = row.to_string();
        let mut args = vec!["explain", file, "--row", &row];
        args.extend_from_slice(extra);
        let expected = String::from_utf8(cli(&args)).unwrap();
        assert!(expected.contains("€"), "{expected}");
        assert_eq!(got, expected, "{file} {row} {extra:?}");
    }
}

#[test]
fn a_run_error_is_shown_not_thrown() {
    let set = RuleSet::embedded().unwrap();
    let got = page(
        &set,
        "examples/candidatures.csv",
        &["--year", "1990"],
        Lang::En,
    );
    assert!(got.compute.is_none());
    assert!(got.view.failure.unwrap().contains("1990"));
}

/// The page's template is the command line's: the same .ods bytes (no date inside), and an
/// .xlsx whose sheets hold the same cells.
#[test]
fn web_template_is_secpa_template() {
    use calamine::Reader;
    let set = RuleSet::embedded().expect("embedded rules");
    let today = "2026-11-25".parse().expect("date");
    let dir = tempfile::tempdir().expect("temporary directory");
    for (format, ext) in [
        (secpa::template::Format::Ods, "ods"),
        (secpa::template::Format::Xlsx, "xlsx"),
    ] {
        let web = secpa::web::template(&set, format, Lang::Fr, today).expect("template");
        let path = dir.path().join(format!("modèle.{ext}"));
        let out = secpa()
            .args(["template", "--output"])
            .arg(&path)
            .output()
            .expect("secpa runs");
        assert_eq!(out.status.code(), Some(0));
        let cli = std::fs::read(&path).expect("written");
        if ext == "ods" {
            assert!(web == cli, "same .ods bytes");
        }
        let sheets = |bytes: Vec<u8>| {
            let mut book =
                calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("opens");
            book.worksheets()
                .into_iter()
                .map(|(name, range)| (name, format!("{:?}", range.rows().collect::<Vec<_>>())))
                .collect::<Vec<_>>()
        };
        assert_eq!(sheets(web), sheets(cli), "{ext}");
    }
}
