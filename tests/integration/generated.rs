//! Generated inputs: valid candidature and rule files, mutated (bytes flipped, inserted,
//! deleted; cells replaced by random strings; TOML text cut and spliced), fed to the same
//! code as the binary: `compute` (`secpa::compute_bytes`) and `check` (`secpa::check_bytes`,
//! CSV and .xlsx). Never a panic, never a fatal error on data, every diagnostic about a
//! row located, every amount consistent.
//!
//! Two drivers: proptest (shrinks a failure to a minimal input) and a seeded random-mutation
//! loop, the stable-toolchain stand-in for `fuzz/` (cargo-fuzz needs nightly): a fixed
//! number of iterations by default, `SECPA_FUZZ_ITERATIONS=…` for more, and an ignored
//! long run (`cargo test -- --ignored fuzz_long`).

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use secpa::rules::RuleSet;

fn set() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::embedded().expect("embedded rules"))
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect(path)
}

/// Valid files to start from.
fn candidature_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        [
            "examples/candidatures.csv",
            "examples/candidatures-excel.csv",
            "tests/fixtures/compute/reference.csv",
            "tests/fixtures/compute/edges.csv",
            "tests/fixtures/compute/bad-rows.csv",
        ]
        .iter()
        .map(|p| read(p))
        .collect()
    })
}

/// Valid and invalid `check` files to start from: every column `check` reads, CSV as
/// written and as French Excel saves it.
fn check_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        [
            "tests/fixtures/check/batch.csv",
            "tests/fixtures/check/batch-excel.csv",
            "tests/fixtures/check/eligibility-E2xx.csv",
            "tests/fixtures/check/identifiers-E3xx.csv",
            "tests/fixtures/check/values-E1xx.csv",
            "examples/candidatures.csv",
        ]
        .iter()
        .map(|p| read(p))
        .collect()
    })
}

/// A workbook to mutate: most mutations break its zip (E020), the rest reach calamine.
fn workbook_seed() -> &'static [u8] {
    static SEED: OnceLock<Vec<u8>> = OnceLock::new();
    SEED.get_or_init(|| read("tests/fixtures/check/batch.xlsx"))
}

/// `check` on `bytes` named `name` (`.csv` or `.xlsx`), with the rules of 2021-10-15: the
/// invariants every input must keep.
fn check_check(name: &str, bytes: &[u8]) {
    let as_of = NaiveDate::from_ymd_opt(2021, 10, 15).expect("date");
    let report = secpa::check_bytes(name, bytes.to_vec(), None, set(), as_of);
    for d in &report.diagnostics {
        assert!(
            d.row.is_some_and(|r| r >= 1) || d.code().file_level(),
            "{name}: diagnostic without a row: {d:?}"
        );
        assert_eq!(d.file, name, "every diagnostic names its file");
    }
    assert!(report.eligible() <= report.structures);
    let mut sorted = report.diagnostics.clone();
    secpa::diagnostic::sort(&mut sorted);
    assert_eq!(sorted, report.diagnostics, "diagnostics come sorted");
}

fn rule_seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        ["2021-08-01", "2022-02-03", "2024-01-01", "2025-05-01"]
            .iter()
            .map(|id| String::from_utf8(read(&format!("rules/{id}.toml"))).expect("UTF-8"))
            .collect()
    })
}

/// `compute` on `bytes`, annual and for 2022: the invariants every input must keep.
fn check_compute(bytes: &[u8]) {
    let as_of = NaiveDate::from_ymd_opt(2022, 3, 1).expect("date");
    for year in [None, Some(2022)] {
        let (structures, diagnostics) = secpa::compute_bytes(bytes, set(), year, as_of)
            .expect("bad data is a diagnostic, never a fatal error");
        for d in &diagnostics {
            assert!(
                d.row.is_some_and(|r| r >= 1) || d.code().file_level(),
                "diagnostic without a row: {d:?}"
            );
        }
        let mut last = 1;
        for s in &structures {
            assert!(s.row > last, "rows in order, after the header");
            last = s.row;
            let sum: Decimal = s.amounts.dotations.iter().map(|(_, a)| *a).sum();
            assert_eq!(sum, s.amounts.total, "total = sum of dotations");
            assert!(s
                .amounts
                .dotations
                .iter()
                .all(|(_, a)| !a.is_sign_negative()));
        }
    }
}

/// A rule file's text: parsing never panics, and a file that parses computes without panic.
fn check_rules(text: &str) {
    let Ok(version) = secpa::rules::parse("mutated.toml", text) else {
        return;
    };
    for (file_active, taux) in [
        (999, "0"),
        (1000, "14.99"),
        (2500, "37.5"),
        (u32::MAX, "100"),
    ] {
        let inputs = secpa::compute::Inputs {
            file_active,
            taux_pauvrete: taux.parse().expect("decimal"),
            accord_ars_psy: true,
            montant_psy_demande: Some(Decimal::MAX),
        };
        let _ = secpa::compute::compute_annual(&inputs, &version);
    }
}

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Edit {
    Flip { at: usize, bit: u8 },
    Set { at: usize, byte: u8 },
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    Duplicate { at: usize, len: usize },
}

/// Bytes that mean something to a CSV reader or a number parser.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"\0",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xC3",
    b"\xE9",
    b"=",
    b"-",
    b"1e400",
    b"NaN",
    b"99999999999999999999999999999",
    b" ",
    b"\xC2\xA0",
    b"%",
    b"oui",
    b"31/02/2021",
    b"2022-03-01",
    b"0",
    b"4294967296",
];

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let n = bytes.len();
        let pos = |at: usize| if n == 0 { 0 } else { at % (n + 1) };
        match edit {
            Edit::Flip { at, bit } if n > 0 => bytes[at % n] ^= 1 << (bit % 8),
            Edit::Set { at, byte } if n > 0 => bytes[at % n] = *byte,
            Edit::Insert { at, bytes: new } => {
                let p = pos(*at);
                bytes.splice(p..p, new.iter().copied());
            }
            Edit::Delete { at, len } if n > 0 => {
                let p = at % n;
                bytes.drain(p..(p + len).min(n));
            }
            Edit::Duplicate { at, len } if n > 0 => {
                let p = at % n;
                let chunk = bytes[p..(p + len).min(n)].to_vec();
                bytes.splice(p..p, chunk);
            }
            _ => {}
        }
    }
    bytes
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, bit)| Edit::Flip { at, bit }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Set { at, byte }),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, bytes)| Edit::Insert { at, bytes }),
        (any::<usize>(), prop::sample::select(TOKENS)).prop_map(|(at, t)| Edit::Insert {
            at,
            bytes: t.to_vec()
        }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), 1usize..256).prop_map(|(at, len)| Edit::Duplicate { at, len }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mutated_candidature_bytes(seed in 0usize..5, edits in prop::collection::vec(edit(), 1..8)) {
        let seeds = candidature_seeds();
        check_compute(&apply(seeds[seed % seeds.len()].clone(), &edits));
    }

    #[test]
    fn candidature_cells_replaced_by_random_strings(
        seed in 0usize..5,
        cells in prop::collection::vec((any::<usize>(), any::<usize>(), ".{0,24}"), 1..6),
    ) {
        let seeds = candidature_seeds();
        let text = String::from_utf8_lossy(&seeds[seed % seeds.len()]).into_owned();
        let separator = if text.lines().next().is_some_and(|l| l.contains(';')) { ';' } else { ',' };
        let mut rows: Vec<Vec<String>> = text
            .lines()
            .map(|l| l.split(separator).map(str::to_owned).collect())
            .collect();
        for (row, cell, value) in cells {
            let r = row % rows.len();
            let c = cell % rows[r].len();
            rows[r][c] = value;
        }
        let joined: Vec<String> = rows.iter().map(|r| r.join(&separator.to_string())).collect();
        check_compute(joined.join("\n").as_bytes());
    }

    #[test]
    fn mutated_check_files(seed in 0usize..6, edits in prop::collection::vec(edit(), 1..8)) {
        let seeds = check_seeds();
        check_check("mutated.csv", &apply(seeds[seed % seeds.len()].clone(), &edits));
    }

    #[test]
    fn mutated_workbooks(edits in prop::collection::vec(edit(), 1..4)) {
        check_check("mutated.xlsx", &apply(workbook_seed().to_vec(), &edits));
    }

    #[test]
    fn check_cells_replaced_by_random_strings(
        seed in 0usize..6,
        cells in prop::collection::vec((any::<usize>(), any::<usize>(), ".{0,24}"), 1..6),
    ) {
        let seeds = check_seeds();
        let text = String::from_utf8_lossy(&seeds[seed % seeds.len()]).into_owned();
        let separator = if text.lines().next().is_some_and(|l| l.contains(';')) { ';' } else { ',' };
        let mut rows: Vec<Vec<String>> = text
            .lines()
            .map(|l| l.split(separator).map(str::to_owned).collect())
            .collect();
        for (row, cell, value) in cells {
            let r = row % rows.len();
            let c = cell % rows[r].len();
            rows[r][c] = value;
        }
        let joined: Vec<String> = rows.iter().map(|r| r.join(&separator.to_string())).collect();
        check_check("cells.csv", joined.join("\n").as_bytes());
    }

    #[test]
    fn mutated_rule_files(seed in 0usize..4, edits in prop::collection::vec(edit(), 1..6)) {
        let seeds = rule_seeds();
        let bytes = apply(seeds[seed % seeds.len()].clone().into_bytes(), &edits);
        check_rules(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn rule_values_replaced_by_random_numbers(
        seed in 0usize..4,
        at in any::<usize>(),
        value in prop_oneof!["[0-9]{1,40}", "-[0-9]{1,12}", "[0-9]{1,6}\\.[0-9]{1,30}", ".{0,12}"],
    ) {
        let text = &rule_seeds()[seed % 4];
        // Replace one quoted decimal ("22800") with the generated one.
        let quoted: Vec<(usize, usize)> = text
            .match_indices("value = \"")
            .map(|(i, m)| (i + m.len(), text[i + m.len()..].find('"').unwrap_or(0)))
            .collect();
        let (start, len) = quoted[at % quoted.len()];
        let mutated = format!("{}{}{}", &text[..start], value, &text[start + len..]);
        check_rules(&mutated);
    }
}

/// A small seeded generator: the same sequence on every machine, no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn edit(&mut self) -> Edit {
        let at = self.next() as usize;
        match self.below(6) {
            0 => Edit::Flip {
                at,
                bit: self.next() as u8,
            },
            1 => Edit::Set {
                at,
                byte: self.next() as u8,
            },
            2 => Edit::Insert {
                at,
                bytes: TOKENS[self.below(TOKENS.len())].to_vec(),
            },
            3 => Edit::Insert {
                at,
                bytes: (0..1 + self.below(16)).map(|_| self.next() as u8).collect(),
            },
            4 => Edit::Delete {
                at,
                len: 1 + self.below(128),
            },
            _ => Edit::Duplicate {
                at,
                len: 1 + self.below(512),
            },
        }
    }
}

fn iterations(default: u64) -> u64 {
    std::env::var("SECPA_FUZZ_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The bounded fuzz driver: mutations stack up (each input is the previous one mutated,
/// back to a seed every 16 rounds), so inputs drift far from the valid files.
fn fuzz(iterations: u64) {
    let mut rng = XorShift(0x5EC9_A006);
    let mut current = Vec::new();
    let mut rules = String::new();
    let mut checked = Vec::new();
    let mut workbook = Vec::new();
    for i in 0..iterations {
        if i % 16 == 0 {
            let seeds = candidature_seeds();
            current = seeds[rng.below(seeds.len())].clone();
            rules = rule_seeds()[rng.below(4)].clone();
            checked = check_seeds()[rng.below(check_seeds().len())].clone();
            workbook = workbook_seed().to_vec();
        }
        let edits: Vec<Edit> = (0..1 + rng.below(4)).map(|_| rng.edit()).collect();
        current = apply(current, &edits);
        check_compute(&current);
        checked = apply(checked, &edits);
        check_check("fuzz.csv", &checked);
        // A workbook once in four rounds: a broken zip is quick, a readable one is not.
        if i % 4 == 0 {
            workbook = apply(workbook, &edits[..1]);
            check_check("fuzz.xlsx", &workbook);
        }
        let bytes = apply(rules.clone().into_bytes(), &edits);
        rules = String::from_utf8_lossy(&bytes).into_owned();
        check_rules(&rules);
    }
}

#[test]
fn fuzz_bounded() {
    fuzz(iterations(1500));
}

#[test]
#[ignore = "long: run with cargo test --release -- --ignored fuzz_long"]
fn fuzz_long() {
    fuzz(iterations(200_000));
}

/// The stable stand-in of `fuzz/fuzz_targets/workbook.rs`: a few valid zips with hostile
/// XML, built here, through `check` (no panic, no abort, every diagnostic located).
#[test]
fn hostile_workbooks_built_in_the_test() {
    use std::io::Write;
    let zip = |members: &[(&str, String)]| {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, text) in members {
            w.start_file(*name, options).expect("member");
            w.write_all(text.as_bytes()).expect("write");
        }
        w.finish().expect("zip").into_inner()
    };
    let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let xlsx = |sheet: &str, styles: &str| {
        zip(&[
            (
                "xl/workbook.xml",
                format!(
                    r#"<workbook {ns}><sheets><sheet name="F" sheetId="1" r:id="rId1"/></sheets></workbook>"#
                ),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                format!(
                    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>"#
                ),
            ),
            (
                "xl/styles.xml",
                format!(r#"<styleSheet {ns}>{styles}</styleSheet>"#),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!(r#"<worksheet {ns}><sheetData>{sheet}</sheetData></worksheet>"#),
            ),
        ])
    };
    let header = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>nom</t></is></c><c r="B1" t="inlineStr"><is><t>taux_pauvrete</t></is></c></row>"#;
    let cases = [
        // Rows out of order: refused (E020), never placed by holding the sheet.
        ("unordered.xlsx", xlsx(&format!(r#"{header}<row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>"#), "")),
        // Implicit positions, an empty `<c/>`, a style index past the table, percentages.
        ("styles.xlsx", xlsx(&format!(r#"{header}<row><c/><c s="1"><v>0.25</v></c></row><row><c s="99999"><v>1</v></c><c s="1"><v>0.5</v></c></row>"#), r#"<cellXfs><xf numFmtId="0"/><xf numFmtId="10"/></cellXfs>"#)),
        // A cell past the limit of one row (E010), written nowhere.
        ("long-cell.xlsx", xlsx(&format!(r#"{header}<row r="2"><c r="A2" t="inlineStr"><is><t>{}</t></is></c></row>"#, "x".repeat(70_000)), "")),
        ("repeats.ods", zip(&[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet".to_owned()),
            ("content.xml", r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="F"><table:table-row table:number-rows-repeated="4000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#.to_owned()),
        ])),
    ];
    let set = secpa::rules::RuleSet::embedded().expect("rules");
    let as_of = chrono::NaiveDate::from_ymd_opt(2021, 10, 15).expect("date");
    let mut codes = Vec::new();
    for (name, bytes) in cases {
        let report = secpa::check_bytes(name, bytes, None, &set, as_of);
        for d in &report.diagnostics {
            assert!(d.row.is_some() || d.code().file_level(), "{name}: {d:?}");
        }
        let has = |code: &str| report.diagnostics.iter().any(|d| d.code().as_str() == code);
        codes.push((name, has("E020"), has("E010"), has("E022")));
    }
    assert!(codes[0].1, "rows out of order: {codes:?}");
    assert!(codes[2].2, "a cell past 64 KiB: {codes:?}");
    assert!(codes[3].3, "an .ods repeat bomb: {codes:?}");
}
