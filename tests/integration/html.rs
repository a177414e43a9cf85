//! `secpa compute --format html` through the binary: whole pages pinned in snapshots
//! (reviewed), and the properties a page must keep whatever its layout: escaping,
//! language, determinism, self-containment, an envelope never invented.

use insta::assert_snapshot;

use crate::{fixture, run, secpa};

/// The stdout of a run that must succeed or report problems (exit 0 or 1).
fn page(args: &[&str]) -> String {
    let out = secpa().args(args).output().expect("secpa runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {out:?}"
    );
    String::from_utf8(out.stdout).expect("UTF-8 page")
}

/// Snapshots a page without its stylesheet: the CSS is checked by eye in the browser test
/// (tests/browser/render.sh), the snapshots pin what the page says.
macro_rules! assert_page_snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({filters => vec![(r"(?s)<style>.*</style>", "<style>[templates/style.css]</style>")]}, {
            assert_snapshot!($name, $value);
        })
    };
}

/// The `<section>` whose heading has `id`, for assertions on one part of a page.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let marker = format!("aria-labelledby=\"{id}\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no section {id}"));
    let end = html[start..]
        .find("</section>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[test]
fn reference_structure_page() {
    let f = fixture("compute/reference.csv");
    assert_page_snapshot!(
        "reference_html",
        run(&["compute", &f, "--as-of", "2022-03-01", "--format", "html"])
    );
}

#[test]
fn examples_page_for_2022_shows_26_bars_and_the_envelope() {
    let args = [
        "compute",
        "examples/candidatures.csv",
        "--year",
        "2022",
        "--format",
        "html",
    ];
    let out = run(&args);
    let html = page(&args);
    assert_eq!(html.matches("aria-labelledby=\"bar-").count(), 26);
    assert!(html.contains("<dd class=\"num\">12 000 000,00 €</dd>"));
    assert!(html.contains("<dd class=\"num\">68,8 %</dd>"));
    assert_page_snapshot!("examples_html_2022", out);
}

#[test]
fn the_page_is_self_contained_and_deterministic() {
    let args = [
        "compute",
        "examples/candidatures.csv",
        "--year",
        "2022",
        "--format",
        "html",
    ];
    let html = page(&args);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    for forbidden in ["<script", "http://", "https://", "<link", "src=", "@import"] {
        assert!(!html.contains(forbidden), "{forbidden} in the page");
    }
    assert!(
        html.contains("<style>") && html.contains("@media print"),
        "inline CSS with print rules"
    );
    assert_eq!(page(&args), html, "same input, same bytes");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.html");
    let path_s = path.to_str().unwrap();
    let mut with_output = args.to_vec();
    with_output.extend(["--output", path_s]);
    assert_eq!(page(&with_output), "", "nothing on stdout with --output");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), html);
}

#[test]
fn structure_names_are_escaped() {
    let f = fixture("compute/html-escape.csv");
    let html = page(&["compute", &f, "--as-of", "2022-03-01", "--format", "html"]);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b>Cie"), "{html}");
    assert!(html.contains(
        "&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2f;script&gt; &amp; &lt;b&gt;Cie&lt;&#x2f;b&gt;"
    ));
}

#[test]
fn english_page() {
    let f = fixture("compute/reference.csv");
    let html = page(&[
        "--lang", "en", "compute", &f, "--year", "2022", "--format", "html",
    ]);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Total due for 2022 (1 structure)"));
    assert!(html.contains("Participatory activities"));
    assert!(!html.contains("Activités participatives"));
}

#[test]
fn envelope_known_prorated_partial_or_unknown() {
    let envelope = |args: &[&str]| {
        let mut all = vec!["compute", "examples/candidatures.csv", "--format", "html"];
        all.extend(args);
        let html = page(&all);
        let id = html
            .split("aria-labelledby=\"envelope-")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .map(|s| format!("envelope-{s}"))
            .unwrap();
        section(&html, &id).to_owned()
    };
    // 14 M€ for January 2024 – April 2025: 12 of 16 months fall in 2024.
    let y2024 = envelope(&["--year", "2024"]);
    assert!(
        y2024.contains("<dd class=\"num\">10 500 000,00 €</dd>"),
        "{y2024}"
    );
    assert!(
        y2024.contains("proratisée au mois : 12 mois sur 16 en 2024"),
        "{y2024}"
    );
    // 2025: only January–April is covered; the rest is said unknown, no share computed.
    let y2025 = envelope(&["--year", "2025"]);
    assert!(y2025.contains("Enveloppe 2025 (partie connue)"), "{y2025}");
    assert!(
        y2025.contains("<dd class=\"num\">3 500 000,00 €</dd>"),
        "{y2025}"
    );
    assert!(
        y2025.contains("Aucune enveloppe n&#x27;est déclarée pour mai à décembre 2025"),
        "{y2025}"
    );
    assert!(!y2025.contains("Part de l&#x27;enveloppe"), "{y2025}");
    // Without --year, today (2026-11-25) is past every version: the latest, without envelope.
    let latest = envelope(&[]);
    assert!(
        latest.contains("<dd class=\"num\">enveloppe inconnue</dd>"),
        "{latest}"
    );
    assert!(
        !latest.contains("000 000,00 €"),
        "no envelope figure: {latest}"
    );
    // An annual run is set against the year of --as-of, and says so.
    let annual = envelope(&["--as-of", "2022-03-01"]);
    assert!(annual.contains("Enveloppe 2022"), "{annual}");
    assert!(annual.contains("date de référence 2022-03-01"), "{annual}");
}

#[test]
fn rows_not_computed_are_listed() {
    let f = fixture("compute/bad-rows.csv");
    let args = ["compute", &f, "--year", "2022", "--format", "html"];
    let out = secpa().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let html = String::from_utf8(out.stdout).unwrap();
    assert_snapshot!("bad_rows_html_errors", section(&html, "errors-h"));
}
