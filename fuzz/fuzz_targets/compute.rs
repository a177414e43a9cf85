//! Any bytes as a candidature file, through the same row loop as `secpa compute`, annual
//! and for a year: no panic, every diagnostic about a row names its row, totals add up.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use secpa::rules::RuleSet;

fn set() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::embedded().expect("embedded rules"))
}

fuzz_target!(|data: &[u8]| {
    let as_of = chrono::NaiveDate::from_ymd_opt(2022, 3, 1).expect("date");
    for year in [None, Some(2022)] {
        let (structures, diagnostics) =
            secpa::compute_bytes(data, set(), year, as_of).expect("never fatal on data");
        for d in &diagnostics {
            // Only a problem of the whole file or workbook may have no row.
            assert!(d.row.is_some() || d.code().file_level());
        }
        for s in &structures {
            let sum: Decimal = s.amounts.dotations.iter().map(|(_, a)| *a).sum();
            assert_eq!(sum, s.amounts.total);
        }
    }
});
