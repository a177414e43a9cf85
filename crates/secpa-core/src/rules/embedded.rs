//! The rule versions compiled into the binary, so `secpa` runs from any directory.
//! Adding a version: drop its file in `rules/` and add one line here (a test checks both agree).

/// (file name, text) of every shipped version, oldest first.
pub const FILES: &[(&str, &str)] = &[
    (
        "2021-08-01.toml",
        include_str!("../../../../rules/2021-08-01.toml"),
    ),
    (
        "2022-02-03.toml",
        include_str!("../../../../rules/2022-02-03.toml"),
    ),
    (
        "2024-01-01.toml",
        include_str!("../../../../rules/2024-01-01.toml"),
    ),
    (
        "2025-05-01.toml",
        include_str!("../../../../rules/2025-05-01.toml"),
    ),
    (
        "2026-05-01.toml",
        include_str!("../../../../rules/2026-05-01.toml"),
    ),
    (
        "2026-11-01.toml",
        include_str!("../../../../rules/2026-11-01.toml"),
    ),
];
