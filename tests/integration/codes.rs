//! The codes of the diagnostics, the type and the documentation in step: every code of
//! `secpa::diagnostic::Code` has its row in `docs/codes.md` with the same severity (and the
//! table has no other), and every code is produced by at least one integration test, whose
//! snapshot shows it.

use secpa::diagnostic::prelude::*;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use chrono::NaiveDate;
use insta::assert_snapshot;
use secpa::candidature::{CandidatureFile, Opened};
use secpa::diagnostic::{Code, Severity};
use secpa::rules::RuleSet;
use secpa::Lang;

fn repository(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The code and severity column of each row of the table of diagnostic codes in
/// `docs/codes.md` (the table of `rules lint`'s R codes, a separate family, is not read).
fn documented() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(repository("docs/codes.md")).expect("docs/codes.md");
    let table = text
        .split("## Codes de `secpa rules lint`")
        .next()
        .unwrap_or_default();
    let mut codes = BTreeMap::new();
    for line in table.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, code, severity, ..] = cells.as_slice() else {
            continue;
        };
        let is_code = code.len() == 4
            && code.starts_with(['E', 'W', 'I'])
            && code[1..].bytes().all(|b| b.is_ascii_digit());
        if is_code {
            let previous = codes.insert((*code).to_owned(), (*severity).to_owned());
            assert!(previous.is_none(), "{code} twice in docs/codes.md");
        }
    }
    codes
}

#[test]
fn every_code_is_documented_with_its_severity_and_nothing_else_is() {
    let documented = documented();
    for code in Code::ALL {
        let severity = documented
            .get(code.as_str())
            .unwrap_or_else(|| panic!("{code} is not in docs/codes.md"));
        assert_eq!(
            severity,
            code.severity().label(Lang::Fr),
            "{code}: severity in docs/codes.md"
        );
    }
    for code in documented.keys() {
        assert!(
            code.parse::<Code>().is_ok(),
            "{code} is in docs/codes.md but is not a code of secpa::diagnostic::Code"
        );
    }
}

/// `docs/codes.md` is written from the catalogue (`secpa::say::codes::markdown`): the rows
/// of its table of diagnostic codes are `Code::doc`'s, those of its table of `rules lint`
/// codes `say::rules::lint_doc`'s, in the types' order, and the text around them is the file's
/// own. On a difference, the command that rewrites the file is printed.
#[test]
fn codes_md_is_generated_from_the_catalogue() {
    let path = repository("docs/codes.md");
    let text = std::fs::read_to_string(&path).expect("docs/codes.md");
    let generated = secpa::say::codes::markdown(&text)
        .expect("docs/codes.md has the table of diagnostic codes, then the table of lint codes");
    if generated == text {
        return;
    }
    if std::env::var_os("SECPA_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("docs/codes.md written");
        return;
    }
    let first = text
        .lines()
        .zip(generated.lines())
        .find(|(a, b)| a != b)
        .map(|(a, b)| format!("docs/codes.md: {a}\ncatalogue:     {b}"))
        .unwrap_or_else(|| "the files differ in length".to_owned());
    panic!(
        "docs/codes.md is not what the catalogue writes; to rewrite it:\n  \
         SECPA_BLESS=1 cargo test --test integration codes_md_is_generated\n\
         first difference:\n{first}"
    );
}

/// `secpa code`: a code's text in French and in English, with an example rendered as the
/// terminal shows it; an unknown code exits 2; without a code, the list.
#[test]
fn code_explains_a_code() {
    assert_snapshot!("code_E201", super::run(&["code", "E201"]));
    assert_snapshot!(
        "code_W216_en",
        super::run(&["--lang", "en", "code", "w216"])
    );
    assert_snapshot!("code_unknown", super::run(&["code", "E999"]));
    let list = super::run(&["code"]);
    for code in Code::ALL {
        assert!(
            list.contains(&format!("{code}  {}", code.title(Lang::Fr))),
            "{code}"
        );
    }
    // Every code has its text and an example in both languages.
    for code in Code::ALL {
        for lang in [Lang::Fr, Lang::En] {
            let text = code.explanation(lang);
            assert!(text.contains(code.doc(lang).0), "{code}");
            let example = code.example().expect("an example");
            assert_eq!(example.code(), *code);
            assert!(text.contains(
                &example
                    .render(lang)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            ));
        }
    }
}

/// Whether `text` holds `code` as a word of its own (not inside a longer token).
fn mentions(text: &str, code: &str) -> bool {
    text.match_indices(code).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + code.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn every_code_appears_in_a_snapshot() {
    let dir = repository("tests/integration/snapshots");
    let snapshots: Vec<String> = std::fs::read_dir(&dir)
        .expect("snapshots directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "snap"))
        .map(|p| std::fs::read_to_string(&p).unwrap_or_default())
        .collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !snapshots.iter().any(|s| mentions(s, c)))
        .collect();
    assert!(
        missing.is_empty(),
        "codes that no integration snapshot shows (add a fixture and a test named after the code): {missing:?}"
    );
}

/// A reader that gives its bytes, then fails as a disk or a network share can in the middle
/// of a file.
struct FailsAfter(Cursor<Vec<u8>>);

impl Read for FailsAfter {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.0.read(buf)? {
            0 => Err(std::io::Error::other("the device went away")),
            n => Ok(n),
        }
    }
}

/// The reader can go back (its look-ahead); the failure stays where it is.
impl std::io::Seek for FailsAfter {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        self.0.seek(to)
    }
}

/// E008: the file could not be read to its end. A read error cannot be put in a file, so
/// the fixture's bytes are read through a reader that fails after them: the rows before the
/// error are checked, the error is reported on the row it interrupted, nothing after it.
#[test]
fn e008_read_error_mid_file() {
    let name = "tests/fixtures/check/E008-read-error.csv";
    let bytes = std::fs::read(repository(name)).expect("fixture");
    let opened = CandidatureFile::from_reader(name, FailsAfter(Cursor::new(bytes)))
        .expect("the header is read before the error");
    assert!(matches!(opened, Opened::File(_)));
    let set = RuleSet::embedded().expect("embedded rules");
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    let report = secpa::pipeline::check_file(opened, &set, as_of);
    // The file's optional condition columns are absent (I227, said first), then E008.
    assert_eq!(report.diagnostics.len(), 2, "{:?}", report.diagnostics);
    assert_eq!(report.diagnostics[0].code().as_str(), "I227");
    let d = &report.diagnostics[1];
    assert_eq!(
        (d.code(), d.row, d.severity),
        (Code::E008, Some(3), Severity::Error)
    );
    assert_snapshot!(
        "E008_read_error_mid_file",
        format!(
            "{}\n{}\nstructures: {}, eligible: {}\n",
            d.render(Lang::Fr),
            d.render(Lang::En),
            report.structures,
            report.eligible()
        )
    );
}
