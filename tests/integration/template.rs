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
    assert!(sheet.contains(r#"<formula1>"centre_de_sante,msp"</formula1>"#));
    assert!(sheet.contains(r#"<formula1>"qpv,quartier_vecu"</formula1>"#));
    assert!(sheet.contains(r#"<formula1>"integral,partiel,non"</formula1>"#));
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
