//! The rows of a workbook as the person sees them (issue 19, items 6, 8 and 9): total rows
//! (W030 said, E031 unsaid), dates written with a time of day, and the Provenance sheet of
//! `compute --format xlsx`. The files (`scripts/make_workbook_rows.py`, openpyxl and
//! LibreOffice) are computed beside the plain CSV of the same data: the same structures get
//! the same amounts, or are refused by a named code with exit 1; never another amount with
//! exit 0.

use std::collections::BTreeMap;
use std::path::Path;

use insta::assert_snapshot;
use serde_json::Value;

use crate::{render, secpa};

const DIR: &str = "tests/fixtures/workbook";

/// What `compute --format json` gave: exit code, the amounts of each structure in file order
/// (keyed by FINESS, else name), and the diagnostics as (row, code).
#[derive(Debug)]
struct Paid {
    exit: i32,
    structures: Vec<(String, Vec<String>)>,
    total: String,
    diagnostics: Vec<(u64, String)>,
}

impl Paid {
    fn codes_on(&self, row: u64) -> Vec<&str> {
        self.diagnostics
            .iter()
            .filter(|(r, _)| *r == row)
            .map(|(_, c)| c.as_str())
            .collect()
    }

    fn rows_with(&self, code: &str) -> Vec<u64> {
        self.diagnostics
            .iter()
            .filter(|(_, c)| c == code)
            .map(|(r, _)| *r)
            .collect()
    }
}

fn paid(file: &str, extra: &[&str]) -> Paid {
    let output = secpa()
        .args(["compute", file, "--format", "json"])
        .args(extra)
        .output()
        .expect("secpa runs");
    let exit = output.status.code().expect("an exit code, not a signal");
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    let structures = json["structures"]
        .as_array()
        .expect("structures")
        .iter()
        .map(|s| {
            let key = s["finess"].as_str().or(s["nom"].as_str()).unwrap_or("");
            let mut figures: Vec<String> = [
                "participative",
                "precarite",
                "interpretariat",
                "psychologique",
            ]
            .iter()
            .map(|d| s["dotations"][d].to_string())
            .collect();
            figures.push(s["total"].to_string());
            (key.to_owned(), figures)
        })
        .collect();
    let diagnostics = ["errors", "warnings", "notes"]
        .iter()
        .flat_map(|a| json[a].as_array().expect("errors, warnings and notes"))
        .map(|d| {
            (
                d["row"].as_u64().unwrap_or(0),
                d["code"].as_str().expect("code").to_owned(),
            )
        })
        .collect();
    Paid {
        exit,
        structures,
        total: json["total"].as_str().expect("total").to_owned(),
        diagnostics,
    }
}

/// `file` pays what `reference` pays, structure by structure and in total, and says nothing
/// the reference does not but `said` (codes); the exit code is `exit`.
fn same_as(file: &str, reference: &str, extra: &[&str], said: &[&str], exit: i32) -> Paid {
    let want = paid(reference, extra);
    assert_eq!(want.exit, 0, "{reference}: the reference pays every row");
    assert!(!want.structures.is_empty(), "{reference}: nothing paid");
    let got = paid(file, extra);
    assert_eq!(
        got.structures, want.structures,
        "{file} against {reference}"
    );
    assert_eq!(got.total, want.total, "{file} against {reference}");
    assert_eq!(got.exit, exit, "{file}: {:?}", got.diagnostics);
    let codes = |p: &Paid| {
        let mut c: Vec<String> = p.diagnostics.iter().map(|(_, c)| c.clone()).collect();
        c.sort();
        c
    };
    let mut expected = codes(&want);
    expected.extend(said.iter().map(|c| (*c).to_owned()));
    expected.sort();
    let mut got_codes = codes(&got);
    // What the reader says of a workbook (formulas' stored results), not of the rows.
    got_codes.retain(|c| c != "W024");
    assert_eq!(got_codes, expected, "{file}: {:?}", got.diagnostics);
    got
}

const AS_OF: [&str; 2] = ["--as-of", "2021-10-15"];

/// W030: a TOTAL row under a compute-only table, typed by openpyxl or computed by
/// LibreOffice's formulas in .xlsx and .ods, is skipped with W030 alone: the six
/// structures are paid as in the CSV (2 848 360 €), the total row never (it was paid
/// 1 697 360 € more before).
#[test]
fn w030_total_row_skipped() {
    for file in [
        "total_compute.xlsx",
        "total_compute_libreoffice.xlsx",
        "total_compute_libreoffice.ods",
    ] {
        let got = same_as(
            &format!("{DIR}/{file}"),
            &format!("{DIR}/total_compute.csv"),
            &AS_OF,
            &["W030"],
            0,
        );
        assert_eq!(got.rows_with("W030"), [8], "{file}");
        assert_eq!(got.total, "2848360.00");
    }
    let output = secpa()
        .args([
            "compute",
            &format!("{DIR}/total_compute.xlsx"),
            "--format",
            "csv",
        ])
        .args(AS_OF)
        .output()
        .expect("secpa runs");
    assert_snapshot!("workbook_rows_w030_compute", render(&output));
    let output = secpa()
        .args(["check", &format!("{DIR}/total_full.xlsx"), "--lang", "en"])
        .args(AS_OF)
        .output()
        .expect("secpa runs");
    assert_snapshot!("workbook_rows_w030_check_en", render(&output));
}

/// Labels of every kind (« Sous-total : », « sous total », « TOTAL GÉNÉRAL ») between and
/// under the structures: each skipped with W030, the structures paid as in the CSV.
#[test]
fn total_rows_said_in_any_words_are_skipped() {
    let got = same_as(
        &format!("{DIR}/total_labels.csv"),
        &format!("{DIR}/total_compute.csv"),
        &AS_OF,
        &["W030", "W030", "W030"],
        0,
    );
    assert_eq!(got.rows_with("W030"), [5, 9, 10]);
}

/// A full candidature file, a sub-total said in its FINESS cell and a TOTAL in its nom
/// cell: `check` and `compute` say W030 on those rows and nothing else (52 diagnostics
/// before, among them 15 E106 and 18 E213), and pay the six structures as the CSV.
#[test]
fn a_total_row_of_a_full_file_gives_w030_only() {
    let got = same_as(
        &format!("{DIR}/total_full.xlsx"),
        &format!("{DIR}/total_full.csv"),
        &AS_OF,
        &["W030", "W030"],
        0,
    );
    assert_eq!(got.codes_on(5), ["W030"]);
    assert_eq!(got.codes_on(9), ["W030"]);
    let output = secpa()
        .args(["check", &format!("{DIR}/total_full.xlsx")])
        .args(AS_OF)
        .output()
        .expect("secpa runs");
    assert_snapshot!("workbook_rows_total_full_check", render(&output));
}

/// E031: a row without a name whose file active and requested amount are the sums of the
/// rows above: refused (exit 1), never paid; the structures paid as in the CSV.
#[test]
fn e031_row_that_looks_like_an_unsaid_sum() {
    for file in ["total_unsaid.csv", "total_unsaid.xlsx"] {
        let got = same_as(
            &format!("{DIR}/{file}"),
            &format!("{DIR}/total_compute.csv"),
            &AS_OF,
            &["E031"],
            1,
        );
        assert_eq!(got.codes_on(8), ["E031"], "{file}");
    }
    let output = secpa()
        .args([
            "compute",
            &format!("{DIR}/total_unsaid.xlsx"),
            "--format",
            "csv",
        ])
        .args(AS_OF)
        .output()
        .expect("secpa runs");
    assert_snapshot!("workbook_rows_e031_compute", render(&output));
}

/// A named structure whose file active is, by chance, the sum of the two rows above (not
/// its requested amount) is a structure: paid, nothing said of its rows (the file's I227,
/// optional columns absent, only).
#[test]
fn a_named_structure_summing_by_chance_is_paid() {
    let got = paid(&format!("{DIR}/total_coincidence.csv"), &AS_OF);
    assert_eq!(got.exit, 0);
    assert_eq!(got.structures.len(), 3);
    assert!(
        got.diagnostics
            .iter()
            .all(|(row, code)| (*row, code.as_str()) == (0, "I227")),
        "{:?}",
        got.diagnostics
    );
}

/// Every command reads rows through the one loop: none counts the total row.
#[test]
fn every_command_skips_the_total_row() {
    let file = format!("{DIR}/total_compute.xlsx");
    let run = |args: &[&str]| {
        let output = secpa().args(args).output().expect("secpa runs");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (code, stdout, stderr) = run(&["diff", "2021-08-01", "2022-02-03", &file]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("6 structure(s) comparée(s)"), "{stdout}");
    assert!(
        stderr.contains(":8: attention W030 : colonne A « nom » : "),
        "{stderr}"
    );
    let (code, stdout, stderr) = run(&["explain", &file, "--row", "8", "--as-of", "2021-10-15"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stdout.contains("TOTAL"), "{stdout}");
    assert!(stderr.contains("W030"), "{stderr}");
    let (code, stdout, stderr) = run(&["budget", &format!("{DIR}/total_full.xlsx")]);
    assert_eq!(code, Some(0), "{stderr}");
    let (_, reference, _) = run(&["budget", &format!("{DIR}/total_full.csv")]);
    assert_eq!(
        stdout.replace("total_full.xlsx", "total_full.csv"),
        reference,
        "budget: the workbook as its CSV"
    );
    // The web page: same structures and total as the command line.
    let set = secpa::rules::RuleSet::embedded().expect("rules");
    let answer = page(&set, &file);
    assert_eq!(answer.view.structures.len(), 6);
    assert_eq!(answer.view.total, "2 848 360,00 €");
    assert!(answer.view.warnings.iter().any(|w| w["code"] == "W030"));
}

fn page(set: &secpa::rules::RuleSet, file: &str) -> secpa::web::Answer {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).expect("file");
    secpa::web::answer(
        set,
        secpa::web::Request {
            name: file,
            bytes,
            sheet: None,
            columns: Vec::new(),
            year: None,
            as_of: Some("2021-10-15".parse().expect("date")),
            today: "2026-11-25".parse().expect("date"),
            lang: secpa::Lang::Fr,
        },
    )
}

/// Dates with a time of day — Google Forms timestamps, a spreadsheet's date-time cells in
/// .xlsx and .ods, ISO 8601 with `T`, `Z` or an offset — give their date: the same
/// filing dates (a timestamp at 23:59 on the deadline is on time) and entry dates (months
/// counted with a year) as the CSV of plain dates, in `compute` and `check`.
#[test]
fn dates_with_a_time_of_day_give_their_date() {
    for file in [
        "datetime_text.csv",
        "datetime_cells.xlsx",
        "datetime_cells_libreoffice.xlsx",
        "datetime_cells_libreoffice.ods",
    ] {
        let path = format!("{DIR}/{file}");
        same_as(
            &path,
            &format!("{DIR}/datetime.csv"),
            &["--year", "2022"],
            &[],
            0,
        );
        same_as(&path, &format!("{DIR}/datetime.csv"), &[], &[], 0);
        let check = |f: &str| {
            let output = secpa()
                .args(["check", f, "--format", "json"])
                .output()
                .expect("secpa runs");
            let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
            let codes: Vec<(u64, String)> = json["files"][0]["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .map(|d| (d["row"].as_u64().unwrap_or(0), d["code"].to_string()))
                .collect();
            (output.status.code(), codes)
        };
        assert_eq!(
            check(&path),
            check(&format!("{DIR}/datetime.csv")),
            "{file}"
        );
    }
}

/// The Provenance sheet of `compute --format xlsx` counts errors, warnings and notes as the
/// JSON lists them, and lists the refused rows with their codes and the total row; the web
/// page's workbook, built from the same run's counts, says the same. (It said
/// « Diagnostics 0 » before.)
#[test]
fn the_provenance_sheet_counts_as_the_json_and_the_web_page() {
    let file = format!("{DIR}/provenance_rows.csv");
    let json = paid(&file, &AS_OF);
    assert_eq!(json.exit, 1);
    let dir = tempfile::tempdir().expect("temporary directory");
    let out = dir.path().join("dotations.xlsx");
    let run = secpa()
        .args(["compute", &file, "--format", "xlsx", "-o"])
        .arg(&out)
        .args(AS_OF)
        .output()
        .expect("secpa runs");
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let cli = provenance(&std::fs::read(&out).expect("workbook"));

    let severities = {
        let output = secpa()
            .args(["compute", &file, "--format", "json"])
            .args(AS_OF)
            .output()
            .expect("secpa runs");
        let doc: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let mut by = BTreeMap::<String, f64>::new();
        let arrays = ["errors", "warnings", "notes"];
        for d in arrays
            .iter()
            .flat_map(|a| doc[a].as_array().expect("errors, warnings and notes"))
        {
            *by.entry(d["severity"].as_str().expect("severity").to_owned())
                .or_default() += 1.0;
        }
        by
    };
    let count = |label: &str| {
        cli.iter()
            .find(|r| r[0] == label)
            .and_then(|r| r[1].parse::<f64>().ok())
            .unwrap_or_else(|| panic!("no {label} in {cli:?}"))
    };
    assert_eq!(count("Erreurs"), severities["error"]);
    assert_eq!(count("Avertissements"), severities["warning"]);
    assert_eq!(count("Notes"), severities["info"]);
    assert_eq!(
        (count("Erreurs"), count("Avertissements"), count("Notes")),
        // Notes: the I227 of the file (optional activity columns absent) and one more.
        (3.0, 4.0, 2.0)
    );
    // The refused rows are the rows of the JSON's errors, with their codes.
    let mut refused: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    for (row, code) in &json.diagnostics {
        if code.starts_with('E') {
            refused.entry(*row).or_default().push(code.clone());
        }
    }
    let listed: BTreeMap<u64, Vec<String>> = cli
        .iter()
        .filter(|r| r[0] == "Ligne refusée")
        .map(|r| {
            let codes = r[2].split(", ").map(str::to_owned).collect();
            (r[1].parse::<u64>().expect("row"), codes)
        })
        .collect();
    assert_eq!(listed, refused);
    assert_eq!(count("Lignes refusées"), refused.len() as f64);
    let totals: Vec<&str> = cli
        .iter()
        .filter(|r| r[0] == "Ligne de total")
        .map(|r| r[1].as_str())
        .collect();
    assert_eq!(totals, ["8"]);

    // The web page's workbook: the same sheet, cell for cell.
    let set = secpa::rules::RuleSet::embedded().expect("rules");
    let answer = page(&set, &file);
    let xlsx = decode_base64(answer.xlsx.as_deref().expect("the page's workbook"));
    assert_eq!(provenance(&xlsx), cli);
}

/// The cells of the Provenance sheet, as text, row by row (three columns).
fn provenance(bytes: &[u8]) -> Vec<[String; 3]> {
    use calamine::{Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("a workbook");
    let sheet = book
        .worksheet_range("Provenance")
        .expect("Provenance sheet");
    sheet
        .rows()
        .map(|r| {
            let cell = |i: usize| r.get(i).map(|c| c.to_string()).unwrap_or_default();
            [cell(0), cell(1), cell(2)]
        })
        .collect()
}

/// Standard base64 (RFC 4648), as the page carries the workbook in its JSON answer.
fn decode_base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).expect("base64") as u32;
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let data: Vec<u32> = chunk
            .iter()
            .filter(|&&c| c != b'=')
            .map(|&c| value(c))
            .collect();
        let n = data
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, v)| n | v << (18 - 6 * i));
        out.extend((0..data.len().saturating_sub(1)).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    out
}
