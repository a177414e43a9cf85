//! Any bytes as a candidature file, through the same code as `secpa check` (CSV, and the
//! same bytes taken for a workbook): no panic, every diagnostic located, sorted, and never
//! more eligible structures than structures.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use secpa::rules::RuleSet;

fn set() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::embedded().expect("embedded rules"))
}

fuzz_target!(|data: &[u8]| {
    let as_of = chrono::NaiveDate::from_ymd_opt(2021, 10, 15).expect("date");
    for name in ["fuzz.csv", "fuzz.xlsx", "fuzz.ods"] {
        let report = secpa::check_bytes(name, data.to_vec(), None, set(), as_of);
        for d in &report.diagnostics {
            // Only a problem of the whole file or workbook may have no row.
            assert!(d.row.is_some() || d.code().file_level(), "{d:?}");
        }
        assert!(report.eligible() <= report.structures);
    }
});
