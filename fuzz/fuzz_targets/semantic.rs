//! Semantic fuzzing (issue #23, item 1) guided by coverage: the bytes choose a file (a CSV
//! flavour or an `.xlsx` workbook of the example) and one mutation of the kind people's
//! spreadsheets make; every structure must keep exactly its amounts or be named by a
//! diagnostic, and what the sheet hides or computes must be said. The mutations are those of
//! `cargo test`'s `semantic` tests (`tests/mutate/`), included by path.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/mutate/mod.rs"]
mod mutate;

fuzz_target!(|data: &[u8]| {
    let Some((target, mutation)) = mutate::decode(data) else {
        return;
    };
    if !mutation.fits(target) {
        return;
    }
    let (table, bytes) = mutate::write(target, &mutation);
    let faults = mutate::faults(&table, &mutation, &bytes);
    assert!(
        faults.is_empty(),
        "{} ({mutation:?}) on {target:?}:\n  {}",
        mutation.family(),
        faults.join("\n  ")
    );
});
