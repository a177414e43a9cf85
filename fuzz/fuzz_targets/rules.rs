//! Any text as a rule file: parsing and validation never panic, and a file that passes
//! computes without panic (no overflow) for extreme structures.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(version) = secpa::rules::parse("fuzz.toml", &text) else {
        return;
    };
    for file_active in [0, 1000, 2500, u32::MAX] {
        let inputs = secpa::compute::Inputs {
            file_active,
            taux_pauvrete: Decimal::from(37),
            accord_ars_psy: true,
            montant_psy_demande: Some(Decimal::MAX),
        };
        let _ = secpa::compute::compute_annual(&inputs, &version);
    }
});
