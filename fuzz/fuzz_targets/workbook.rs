//! Structured workbooks: always a valid zip (so fuzzing gets past the zip layer into
//! calamine and secpa's bounds), with hostile XML chosen by the fuzzer: `<dimension>`,
//! `sharedStrings` counts, cell references and row numbers, styles and number formats, and
//! `.ods` repeats. Same invariants as `check`: no panic, no abort, every diagnostic located.
#![no_main]

use std::io::Write;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use secpa::rules::RuleSet;

fn set() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::embedded().expect("embedded rules"))
}

#[derive(Arbitrary, Debug)]
struct Cell {
    /// Explicit reference (column, row), or none (implicit position).
    at: Option<(u16, u32)>,
    style: Option<u32>,
    kind: Kind,
}

#[derive(Arbitrary, Debug)]
enum Kind {
    Number(f64),
    Shared(u32),
    Inline(String),
    Bool(bool),
    Date(String),
    Error,
}

#[derive(Arbitrary, Debug)]
struct Row {
    number: Option<u32>,
    cells: Vec<Cell>,
}

#[derive(Arbitrary, Debug)]
struct Xlsx {
    dimension: Option<((u16, u32), (u16, u32))>,
    shared_count: u64,
    shared: Vec<String>,
    num_fmts: Vec<(u16, String)>,
    xfs: Vec<u16>,
    rows: Vec<Row>,
}

#[derive(Arbitrary, Debug)]
struct OdsRow {
    repeated: Option<u32>,
    cells: Vec<(Option<u32>, Option<f64>)>,
}

#[derive(Arbitrary, Debug)]
enum Workbook {
    Xlsx(Xlsx),
    Ods(Vec<OdsRow>),
}

fn col(mut n: u32) -> String {
    let mut s = Vec::new();
    n += 1;
    while n > 0 {
        s.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn zip(members: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in members {
        let _ = w.start_file(*name, options);
        let _ = w.write_all(text.as_bytes());
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn xlsx(x: &Xlsx) -> Vec<u8> {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut sheet = format!("<worksheet {NS}>");
    if let Some(((c0, r0), (c1, r1))) = x.dimension {
        sheet += &format!(r#"<dimension ref="{}{r0}:{}{r1}"/>"#, col(c0.into()), col(c1.into()));
    }
    sheet += "<sheetData>";
    for row in &x.rows {
        sheet += &match row.number {
            Some(n) => format!(r#"<row r="{n}">"#),
            None => "<row>".to_owned(),
        };
        for c in &row.cells {
            let mut attrs = String::new();
            if let Some((column, r)) = c.at {
                attrs += &format!(r#" r="{}{r}""#, col(column.into()));
            }
            if let Some(s) = c.style {
                attrs += &format!(r#" s="{s}""#);
            }
            sheet += &match &c.kind {
                Kind::Number(f) => format!("<c{attrs}><v>{f}</v></c>"),
                Kind::Shared(i) => format!(r#"<c{attrs} t="s"><v>{i}</v></c>"#),
                Kind::Inline(s) => format!(r#"<c{attrs} t="inlineStr"><is><t>{}</t></is></c>"#, escape(s)),
                Kind::Bool(b) => format!(r#"<c{attrs} t="b"><v>{}</v></c>"#, u8::from(*b)),
                Kind::Date(s) => format!(r#"<c{attrs} t="d"><v>{}</v></c>"#, escape(s)),
                Kind::Error => format!(r#"<c{attrs} t="e"><v>#DIV/0!</v></c>"#),
            };
        }
        sheet += "</row>";
    }
    sheet += "</sheetData></worksheet>";
    let shared: String = x.shared.iter().map(|s| format!("<si><t>{}</t></si>", escape(s))).collect();
    let fmts: String = x.num_fmts.iter().map(|(id, code)| format!(r#"<numFmt numFmtId="{id}" formatCode="{}"/>"#, escape(code))).collect();
    let xfs: String = x.xfs.iter().map(|id| format!(r#"<xf numFmtId="{id}"/>"#)).collect();
    zip(&[
        ("[Content_Types].xml", r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#.to_owned()),
        ("_rels/.rels", format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)),
        ("xl/workbook.xml", format!(r#"<workbook {NS}><sheets><sheet name="F" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels", format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>"#)),
        ("xl/sharedStrings.xml", format!(r#"<sst {NS} count="{0}" uniqueCount="{0}">{shared}</sst>"#, x.shared_count)),
        ("xl/styles.xml", format!(r#"<styleSheet {NS}><numFmts>{fmts}</numFmts><cellXfs>{xfs}</cellXfs></styleSheet>"#)),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

fn ods(rows: &[OdsRow]) -> Vec<u8> {
    let mut table = String::new();
    for row in rows {
        table += &match row.repeated {
            Some(n) => format!(r#"<table:table-row table:number-rows-repeated="{n}">"#),
            None => "<table:table-row>".to_owned(),
        };
        for (repeated, value) in &row.cells {
            let rep = repeated.map(|n| format!(r#" table:number-columns-repeated="{n}""#)).unwrap_or_default();
            table += &match value {
                Some(v) => format!(r#"<table:table-cell office:value-type="float" office:value="{v}"{rep}><text:p>{v}</text:p></table:table-cell>"#),
                None => format!("<table:table-cell{rep}/>"),
            };
        }
        table += "</table:table-row>";
    }
    let content = format!(r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="F">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#);
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet".to_owned()),
        ("content.xml", content),
    ])
}

fuzz_target!(|workbook: Workbook| {
    let (name, bytes) = match &workbook {
        Workbook::Xlsx(x) => ("fuzz.xlsx", xlsx(x)),
        Workbook::Ods(rows) => ("fuzz.ods", ods(rows)),
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2021, 10, 15).expect("date");
    let report = secpa::check_bytes(name, bytes, None, set(), as_of);
    for d in &report.diagnostics {
        assert!(d.row.is_some() || d.code().file_level(), "{d:?}");
    }
    assert!(report.eligible() <= report.structures);
});
