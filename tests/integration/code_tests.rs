//! One test per diagnostic code, named after it, as ruff's rules have theirs: the code's
//! fixture (and the arguments it needs) run through `secpa check`, and the code is reported
//! with its severity, in French and, with `--lang en`, in English. Codes whose test lives
//! elsewhere, under a name that says the code (`fn e201_…`, `fn e204_e205_…`), are not
//! repeated here; `every_code_has_a_test_named_after_it` checks that none is forgotten.
//! What each code's output looks like is pinned by the snapshots of the other tests
//! (`codes::every_code_appears_in_a_snapshot`).

use std::path::Path;

use secpa::diagnostic::prelude::*;
use secpa::diagnostic::{Code, Severity};
use secpa::Lang;

use crate::{fixture, secpa};

/// `secpa check FILE ARGS…` from `dir` (the repository root unless given) reports `code`
/// with its severity, in French and in English; an error never exits 0.
fn reports_in(dir: &Path, code: Code, file: &str, args: &[&str]) {
    let run = |lang: &str| {
        let out = secpa()
            .current_dir(dir)
            .args(["--lang", lang, "check", file])
            .args(args)
            .output()
            .expect("secpa runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let ((exit, fr), (_, en)) = (run("fr"), run("en"));
    let severity = code.severity();
    assert!(
        fr.contains(&format!("{} {code} : ", severity.label(Lang::Fr))),
        "{code} not reported on {file} {args:?}:\n{fr}"
    );
    assert!(
        en.contains(&format!("{} {code}: ", severity.label(Lang::En))),
        "{code} not reported in English on {file} {args:?}:\n{en}"
    );
    if severity == Severity::Error {
        assert_ne!(exit, Some(0), "{code}: an error exits 1 or 2\n{fr}");
    }
}

/// [`reports_in`] on a fixture of `tests/fixtures/`.
fn reports(code: Code, name: &str, args: &[&str]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    reports_in(root, code, &fixture(name), args);
}

/// `fn e002() { reports(Code::E002, "check/E002-empty.csv", &[]) }` and so on: one line per
/// code, its fixture, and the arguments it needs.
macro_rules! code_tests {
    ($($name:ident: $code:ident, $fixture:literal $(, $arg:literal)*;)*) => {
        $(
            #[test]
            fn $name() {
                reports(Code::$code, $fixture, &[$($arg),*]);
            }
        )*
    };
}

code_tests! {
    e002: E002, "check/E002-empty.csv";
    e003: E003, "check/E003-header-only.csv";
    e004: E004, "check/E004-ragged.csv";
    e005: E005, "check/E005-W006-E007-header.csv";
    w006: W006, "check/E005-W006-E007-header.csv";
    e007: E007, "check/E005-W006-E007-header.csv";
    e009: E009, "check/E009-duplicate-finess.csv";
    e012: E012, "bad/binary-garbage.bin";
    e013: E013, "bad/bom-twice-at-start.csv";
    e014: E014, "bad/quote-left-open.csv";
    e017: E017, "quotes_numbers/quote-merges-rows.csv";
    w018: W018, "check/batch.csv", "--sheet", "Candidatures";
    e020: E020, "check/E020-not-a-workbook.xlsx";
    e021: E021, "check/batch.xlsx", "--sheet", "Absente";
    e022: E022, "bad/zip-bomb.xlsx";
    e023: E023, "workbook/xlsx_formulas_openpyxl.xlsx";
    w024: W024, "workbook/ods_formula-stored.ods";
    w025: W025, "workbook/ods_hidden-rows.ods";
    w026: W026, "workbook/ods_merged.ods";
    i027: I027, "template/rempli-openpyxl.xlsx";
    e028: E028, "workbook/xlsx_no_header.xlsx";
    i029: I029, "workbook/ods_title.ods";
    e101: E101, "words/ordre-libre.csv";
    e102: E102, "bad/dates-impossible.csv";
    e105: E105, "check/values-E1xx.csv";
    e106: E106, "bad/missing-required-cells.csv";
    e107: E107, "quotes_numbers/too-many-digits.csv";
    e108: E108, "input/libreoffice-en-us.csv";
    e109: E109, "quotes_numbers/column-mark.csv";
    e110: E110, "check/cap-W216.csv";
    w202: W202, "compute/edges.csv";
    w203: W203, "input/dates-short-forms.csv";
    e206: E206, "compute/poverty-lookup.csv";
    w207: W207, "check/eligibility-E2xx.csv";
    w208: W208, "check/eligibility-E2xx.csv";
    e209: E209, "pipeline/refused.csv";
    w210: W210, "check/batch-repeat.csv";
    e211: E211, "workbook/provenance_rows.csv";
    e212: E212, "check/eligibility-E2xx.csv";
    e213: E213, "check/eligibility-E2xx.csv";
    e214: E214, "check/batch.csv";
    e215: E215, "check/eligibility-E2xx.csv";
    w217: W217, "check/eligibility-E2xx.csv";
    i218: I218, "check/E220-quartier-vecu.csv";
    e219: E219, "compute/poverty-lookup.csv";
    e301: E301, "bad/missing-columns.csv";
    e302: E302, "check/identifiers-E3xx.csv";
    e303: E303, "check/identifiers-E3xx.csv";
    e304: E304, "input/workbook-cells.xlsx";
    w305: W305, "check/identifiers-E3xx.csv";
}

const HEADER: &str =
    "finess,nom,file_active_mg,taux_pauvrete,accord_ars_psy,montant_psy_demande,date_entree\n";
const GOOD: &str = "590000154,Bonne,2500,20,oui,70000,2022-03-01\n";

/// A path that cannot be read: the tool cannot work (exit 2).
#[test]
fn e015() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    reports_in(root, Code::E015, "tests/fixtures/check/absent.csv", &[]);
}

/// A file too large to commit, written in a temporary directory and checked from there.
fn reports_generated(code: Code, bytes: Vec<u8>) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("lot.csv"), bytes).expect("write");
    reports_in(dir.path(), code, "lot.csv", &[]);
}

/// A cell of more than 64 KiB.
#[test]
fn e010() {
    let mut b = format!("{HEADER}{GOOD}1,").into_bytes();
    b.extend(std::iter::repeat_n(b'x', 70_000));
    b.extend(format!(",2500,20,oui,,2022-03-01\n{GOOD}").bytes());
    reports_generated(Code::E010, b);
}

/// A row of more than 1 000 cells.
#[test]
fn e011() {
    let mut b = format!("{HEADER}{}", GOOD.trim_end()).into_bytes();
    b.extend(",".repeat(1001 - 7).bytes());
    b.extend(format!("\n{GOOD}").bytes());
    reports_generated(Code::E011, b);
}

/// Every code has a test of `tests/integration/` named after it: `fn e201…`, or a name
/// with the code as one of its words (`fn e204_e205_…`).
#[test]
fn every_code_has_a_test_named_after_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integration");
    let mut named = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("tests/integration") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("source");
        // `fn e201_…` anywhere, and the lines of `code_tests!` (`e002: E002, …`).
        let functions = source.split("fn ").skip(1);
        let lines = source.lines().map(str::trim).filter(|l| {
            l.split_once(": ")
                .is_some_and(|(n, rest)| rest.starts_with(&n.to_ascii_uppercase()))
        });
        for name in functions.chain(lines) {
            let name = name
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap_or_default();
            named.extend(name.split('_').map(str::to_ascii_uppercase));
        }
    }
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !named.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a test named after them: {missing:?}"
    );
}
