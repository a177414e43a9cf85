//! `secpa template`: the workbook written in .xlsx and .ods has the reader's columns, its
//! drop-down lists, notes and formats; its example passes `check`; and the template filled
//! by openpyxl and by LibreOffice (scripts/fill_template.py) passes `check` with exit 0 and
//! gives the amounts of the same data typed in a CSV.

use std::io::Read;

use calamine::{open_workbook_auto, Reader};
use insta::assert_snapshot;
use secpa::candidature::Column;

use super::{fixture, run, secpa};

/// Writes the template in `ext` into a temporary directory.
fn template(ext: &str, lang: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join(format!("modèle.{ext}"));
    let out = secpa()
        .args(["template", "--lang", lang, "--output"])
        .arg(&path)
        .output()
        .expect("secpa runs");
    assert_eq!(out.status.code(), Some(0), "{}", super::render(&out));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    (dir, path)
}

/// A member of the workbook's zip archive, as text.
fn member(path: &std::path::Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("workbook");
    let mut zip = zip::ZipArchive::new(file).expect("a zip archive");
    let mut text = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

fn first_row(path: &std::path::Path, sheet: &str) -> Vec<String> {
    let mut workbook = open_workbook_auto(path).expect("calamine opens it");
    let range = workbook.worksheet_range(sheet).expect(sheet);
    range
        .rows()
        .next()
        .expect("a header")
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn template_sheets_and_headers_come_from_the_readers_columns() {
    let labels: Vec<&str> = Column::ALL.iter().map(|c| c.label()).collect();
    for ext in ["xlsx", "ods"] {
        let (_dir, path) = template(ext, "fr");
        let workbook = open_workbook_auto(&path).expect("calamine opens it");
        assert_eq!(
            workbook.sheet_names(),
            ["Candidatures", "Exemple", "Lisez-moi"],
            "{ext}"
        );
        assert_eq!(first_row(&path, "Candidatures"), labels, "{ext}");
        assert_eq!(first_row(&path, "Exemple"), labels, "{ext}");
    }
}

#[test]
fn template_xlsx_has_lists_notes_text_formats_and_a_frozen_header() {
    let (_dir, path) = template("xlsx", "fr");
    let sheet = member(&path, "xl/worksheets/sheet1.xml");
    // One list per closed set: 3 choices, 15 yes/no columns (two optional, issue 21).
    assert_eq!(sheet.matches("<dataValidation ").count(), 18);
    assert!(sheet.contains(r#"<formula1>"oui,non"</formula1>"#));
    // The closed lists as people write them (issue 20, item 5), never the tokens.
    assert!(sheet.contains(
        r#"<formula1>"Centre de santé,Maison de santé pluriprofessionnelle (MSP)"</formula1>"#
    ));
    assert!(sheet.contains(r#"<formula1>"Quartier prioritaire (QPV),Quartier vécu"</formula1>"#));
    assert!(sheet.contains(r#"<formula1>"Intégral,Partiel,Non"</formula1>"#));
    assert!(!sheet.contains("centre_de_sante") && !sheet.contains("quartier_vecu"));
    assert!(sheet.contains(r#"ySplit="1""#), "header frozen");
    let comments = member(&path, "xl/comments1.xml");
    assert_eq!(comments.matches("<comment ").count(), Column::COUNT);
    assert!(comments.contains("finess.esante.gouv.fr"));
    let styles = member(&path, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="@""#), "codes as text");
    assert!(styles.contains(r#"formatCode="dd/mm/yyyy""#), "dates");
    assert!(
        styles.contains(r#"formatCode="0.0\ &quot;%&quot;""#),
        "rate as a number shown in %"
    );
}

#[test]
fn template_ods_has_lists_notes_text_formats_and_candidatures_active() {
    let (_dir, path) = template("ods", "en");
    assert_eq!(
        member(&path, "mimetype"),
        "application/vnd.oasis.opendocument.spreadsheet"
    );
    let content = member(&path, "content.xml");
    assert_eq!(content.matches("<table:content-validation ").count(), 18);
    assert!(content.contains(
        "cell-content-is-in-list(&quot;Centre de santé&quot;;&quot;Maison de santé pluriprofessionnelle (MSP)&quot;)"
    ));
    assert_eq!(
        content.matches("<office:annotation>").count(),
        Column::COUNT
    );
    // --lang en: the notes and the read-me in English, the headers in French.
    assert!(content.contains("The structure&apos;s geographic FINESS number"));
    assert!(content.contains("N° FINESS"));
    assert!(content.contains(r#"<number:text-style style:name="N_text">"#));
    let settings = member(&path, "settings.xml");
    assert!(settings.contains(
        r#"<config:config-item config:name="ActiveTable" config:type="string">Candidatures</config:config-item>"#
    ));
}

#[test]
fn template_example_passes_check_and_the_empty_sheet_has_no_structure() {
    let mut outputs = Vec::new();
    for ext in ["xlsx", "ods"] {
        let (dir, path) = template(ext, "fr");
        let path = path.to_str().expect("UTF-8 path");
        let example = secpa()
            .args(["check", path, "--sheet", "Exemple"])
            .output()
            .expect("secpa runs");
        assert_eq!(
            example.status.code(),
            Some(0),
            "{}",
            super::render(&example)
        );
        let empty = secpa().args(["check", path]).output().expect("secpa runs");
        assert_eq!(empty.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&empty.stderr).contains("E003"));
        let amounts = secpa()
            .args(["compute", path, "--sheet", "Exemple", "--format", "csv"])
            .output()
            .expect("secpa runs");
        outputs.push(String::from_utf8_lossy(&amounts.stdout).into_owned());
        drop(dir);
    }
    assert_eq!(outputs[0], outputs[1], "the same example in both formats");
    assert!(
        outputs[0].contains(
            "730000080,Pôle Santé Chambéry,150000.00,84000.00,47880.00,25000.00,306880.00"
        ),
        "{}",
        outputs[0]
    );
}

#[test]
fn template_output_must_name_a_workbook() {
    assert_snapshot!(run(&["template", "--output", "modèle.csv"]), @r"
    exit: 2
    --- stdout
    --- stderr
    secpa: --output modèle.csv : le modèle s'écrit en .xlsx ou en .ods (l'extension choisit le format)
    ");
}

/// The amount columns of `compute --format csv` (row to total).
fn amounts(path: &str) -> String {
    let out = secpa()
        .args(["compute", path, "--format", "csv"])
        .output()
        .expect("secpa runs");
    assert_eq!(out.status.code(), Some(0), "{}", super::render(&out));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split(',').take(8).collect::<Vec<_>>().join(","))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn template_filled_by_openpyxl_and_libreoffice_gives_the_csv_amounts() {
    let csv = amounts(&fixture("template/structures.csv"));
    for filled in [
        "template/rempli-openpyxl.xlsx",
        "template/rempli-libreoffice.ods",
        "template/rempli-libreoffice.xlsx",
    ] {
        let path = fixture(filled);
        let check = secpa().args(["check", &path]).output().expect("secpa runs");
        assert_eq!(check.status.code(), Some(0), "{}", super::render(&check));
        assert_eq!(amounts(&path), csv, "{filled}");
    }
    // The leading zeros of FINESS 060000247 and commune 06149 survived the spreadsheets.
    assert_snapshot!(csv, @r"
    row,finess,nom,participative,precarite,interpretariat,psychologique,total
    2,060000247,SISA Maison de Santé de l'Olivier,100000.00,64000.00,36480.00,20000.00,220480.00
    3,730000080,Pôle Santé Chambéry,150000.00,84000.00,47880.00,25000.00,306880.00
    4,260000070,Diaconat Protestant,100000.00,72000.00,41040.00,0.00,213040.00
    ");
}

/// The page's one-structure form downloaded as .xlsx (`secpa::web::filled`, what the page's
/// WebAssembly calls): each structure of the template's fixture, its cells given as typed
/// text (French decimal comma, French dates, as a person types them), is one row that
/// `secpa check` accepts with exit 0 and that gives, in `compute`, the amounts of the same
/// structure in the CSV.
#[test]
fn template_filled_form_row_as_xlsx_passes_check_with_the_csv_amounts() {
    let set = secpa::rules::RuleSet::embedded().expect("rules");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    let csv = amounts(&fixture("template/structures.csv"));
    let mut lines = csv.lines();
    let head = lines.next().expect("header");
    let text = std::fs::read_to_string(fixture("template/structures.csv")).expect("fixture");
    let mut rows = text.lines();
    let names: Vec<String> = rows
        .next()
        .expect("header")
        .split(',')
        .map(String::from)
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    for (row, expected) in rows.zip(lines) {
        let fields: Vec<(String, String)> = names
            .iter()
            .cloned()
            .zip(row.split(',').map(|cell| {
                // As typed in the form by a French person: 41,3 and 01/03/2022.
                match cell.split('-').collect::<Vec<_>>()[..] {
                    [y, m, d] if y.len() == 4 => format!("{d}/{m}/{y}"),
                    _ => cell.replace('.', ","),
                }
            }))
            .collect();
        let bytes = secpa::web::filled(&set, &fields, secpa::Lang::Fr, today).expect("written");
        let path = dir.path().join("candidature.xlsx");
        std::fs::write(&path, bytes).expect("saved");
        let path = path.to_string_lossy().into_owned();
        let check = secpa().args(["check", &path]).output().expect("secpa runs");
        assert_eq!(check.status.code(), Some(0), "{}", super::render(&check));
        let got = amounts(&path);
        // The row number is 2 in both: one structure per workbook.
        let want = format!("{head}\n2,{}", expected.split_once(',').expect("row").1);
        assert_eq!(got, want, "{row}");
    }
    let wrong = [("pas_une_colonne".to_string(), "1".to_string())];
    assert!(secpa::web::filled(&set, &wrong, secpa::Lang::Fr, today).is_err());
}
