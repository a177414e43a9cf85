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
    // 2022 falls in the 30 M€ envelope for 2022–2023 together: no yearly share invented.
    assert!(html.contains("<dd class=\"num\">30 000 000,00 € pour 2022–2023 ensemble</dd>"));
    assert!(
        !html.contains("Part de l&#x27;enveloppe"),
        "no share of one year"
    );
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
    // 14 M€ for January 2024 – April 2025, together: never split into a 2024 part.
    let y2024 = envelope(&["--year", "2024"]);
    assert!(
        y2024.contains("<dd class=\"num\">14 000 000,00 € pour 2024–2025 ensemble</dd>"),
        "{y2024}"
    );
    assert!(!y2024.contains("10 500 000,00 €"), "{y2024}");
    assert!(
        y2024.contains("aucune part n&#x27;en est comptée pour 2024 (12 mois sur 16)"),
        "{y2024}"
    );
    assert!(
        y2024.contains("enveloppe de plusieurs années ensemble</text>"),
        "{y2024}"
    );
    // 2025: January–April in the same envelope; the rest is said unknown, no share.
    let y2025 = envelope(&["--year", "2025"]);
    assert!(
        y2025.contains("<dd class=\"num\">14 000 000,00 € pour 2024–2025 ensemble</dd>"),
        "{y2025}"
    );
    assert!(
        y2025.contains(
            "les règles utilisées ne déclarent aucune enveloppe pour mai à décembre 2025"
        ),
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

/// `secpa budget --format html` on the examples.
const BUDGET: [&str; 4] = ["budget", "examples/candidatures.csv", "--format", "html"];

#[test]
fn budget_page_of_the_examples() {
    let html = page(&BUDGET);
    // Six years, one gauge each; 2023 over its envelope, 2026 without one.
    let gauges: Vec<&str> = html.split("<section class=\"gauge\"").skip(1).collect();
    // … and one per envelope of several years, against its whole period.
    assert_eq!(gauges.len(), 8);
    for year in 2021..=2026 {
        assert!(html.contains(&format!("id=\"budget-{year}-h\"")), "{year}");
    }
    let y2023 = section(&html, "budget-2023-h");
    assert!(
        y2023.contains("30 000 000,00 € pour 2022–2023 ensemble"),
        "{y2023}"
    );
    assert!(!y2023.contains("class=\"total"), "no yearly bar: {y2023}");
    let period = section(&html, "budget-2022-01-01-2023-12-31-h");
    assert!(
        period.contains("<dd class=\"num\">17 582 073,32 €</dd>"),
        "{period}"
    );
    assert!(period.contains("<dd class=\"num\">58,6 %</dd>"), "{period}");
    assert_eq!(html.matches("class=\"total over\"").count(), 0);
    let y2026 = section(&html, "budget-2026-h");
    assert!(y2026.contains("enveloppe inconnue"), "{y2026}");
    assert!(
        !y2026.contains("000 000,00 €"),
        "no invented envelope: {y2026}"
    );
    assert!(!y2026.contains("class=\"track\""), "{y2026}");
    // Issue 15, item 8: drawn as unknown, an empty hatched frame that says so, no bar that
    // would read as 100 %.
    assert!(y2026.contains("class=\"unknown-frame\""), "{y2026}");
    assert!(
        y2026.contains("fill=\"url(#budget-2026-hatch)\""),
        "{y2026}"
    );
    assert!(!y2026.contains("class=\"total"), "{y2026}");
    // Provisional values by their labels, codes explained in the page, no repository file.
    assert!(
        html.contains("D1, palier 1 000–1 999 patients : 2 ETP"),
        "labels"
    );
    assert!(!html.contains("dotations.participative"), "no key path");
    assert!(!html.contains("HalfAwayFromZero"), "rounding in words");
    assert!(html.contains("au plus proche, le demi s&#x27;éloignant de zéro"));
    assert!(
        html.contains("<dt>W216</dt><dd>montant psychologique demandé au-dessus du plafond</dd>")
    );
    assert!(
        !html.contains("codes.md"),
        "no link to a file the reader does not have"
    );
    // January 2024 – April 2025 against its 16 months, the years together.
    let period = section(&html, "budget-2024-01-01-2025-04-30-h");
    assert!(period.contains("<dd class=\"num\">88,9 %</dd>"), "{period}");
    assert!(period.contains("12 441 706,65 €"), "{period}");
    assert_page_snapshot!("budget_html", run(&BUDGET));
}

#[test]
fn budget_gauges_and_table_show_the_same_figures_as_the_text_table() {
    let html = page(&BUDGET);
    let text = page(&["budget", "examples/candidatures.csv"]);
    let table = section(&html, "table-h");
    // Each line of the text table: its cells are in the HTML table, in the same order.
    for line in text.lines().filter(|l| l.starts_with("│ 20")) {
        let cells: Vec<&str> = line
            .split(['│', '┆'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let year = cells[0];
        let row = table
            .split("<tr")
            .find(|r| r.contains(&format!("<th scope=\"row\">{year}</th>")))
            .unwrap_or_else(|| panic!("no row {year}"));
        for cell in &cells[2..] {
            assert!(row.contains(cell), "{year}: {cell} not in {row}");
        }
        // The gauge shows the same share: a year's, or an envelope of several years'
        // ("2022–2023 (2022-01-01 → 2023-12-31)", gauge budget-2022-01-01-2023-12-31).
        let share = cells[4];
        if share != "—" && !share.starts_with("voir") {
            let id = match year.split_once(" (") {
                Some((_, dates)) => dates.trim_end_matches(')').replace(" → ", "-"),
                None => year.to_owned(),
            };
            let gauge = section(&html, &format!("budget-{id}-h"));
            assert!(
                gauge.contains(&format!("<dd class=\"num\">{share}</dd>")),
                "{gauge}"
            );
        }
    }
}

#[test]
fn budget_page_is_self_contained_deterministic_and_in_english_on_request() {
    let html = page(&BUDGET);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    for forbidden in ["<script", "http://", "https://", "<link", "src=", "@import"] {
        assert!(!html.contains(forbidden), "{forbidden} in the page");
    }
    assert!(html.contains("@media print"), "print CSS");
    assert_eq!(page(&BUDGET), html, "same input, same bytes");

    let mut en = vec!["--lang", "en"];
    en.extend(BUDGET);
    let en = page(&en);
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(en.contains("unknown envelope"));
    assert!(en.contains("€14,000,000.00 for 2024–2025 together"));
    assert!(en.contains("<dd class=\"num\">88.9 %</dd>"));
    assert!(!en.contains("enveloppe inconnue"));
}

#[test]
fn budget_output_is_written_atomically_and_never_over_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lot.csv");
    std::fs::copy("examples/candidatures.csv", &input).unwrap();
    let input_s = input.to_str().unwrap();
    let out = dir.path().join("budget.html");
    let out_s = out.to_str().unwrap();

    let stdout = page(&["budget", input_s, "--format", "html", "--output", out_s]);
    assert_eq!(stdout, "", "nothing on stdout with --output");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, page(&["budget", input_s, "--format", "html"]));
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files, 2, "no temporary file left behind");

    let before = std::fs::read(&input).unwrap();
    let refused = secpa()
        .args(["budget", input_s, "--format", "html", "--output", input_s])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("lot.csv"));
    assert_eq!(std::fs::read(&input).unwrap(), before, "input untouched");
}

#[test]
fn budget_rows_not_computed_are_listed() {
    let f = fixture("compute/bad-rows.csv");
    let out = secpa()
        .args(["budget", &f, "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let html = String::from_utf8(out.stdout).unwrap();
    let errors = section(&html, "errors-h");
    for code in ["E101", "E105", "E103", "E107", "E106", "E102", "E004"] {
        assert!(errors.contains(code), "{code}: {errors}");
    }
    // A structure below the minimum file active has no dotation: listed with its reason.
    let f = fixture("budget/not-eligible.csv");
    let html = page(&["budget", &f, "--format", "html"]);
    let errors = section(&html, "errors-h");
    assert!(errors.contains("not-eligible.csv:3"), "{errors}");
    assert!(errors.contains("E201"), "{errors}");
    assert!(section(&html, "notes-h").contains("lignes : 3"));
}

/// A batch of `n` structures (no FINESS column: no duplicate to refuse), in a temporary
/// directory kept alive by the caller.
fn batch_of(n: usize) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("lot-{n}.csv"));
    let mut text = String::from("nom,file_active_mg,taux_pauvrete,accord_ars_psy\n");
    for i in 0..n {
        text.push_str(&format!("Centre {i},{},12,non\n", 1000 + i % 3000));
    }
    std::fs::write(&path, text).expect("written");
    (dir, path.display().to_string())
}

#[test]
fn a_page_past_the_listed_structures_shows_the_totals_and_says_where_the_list_is() {
    let listed = secpa::report::html::LISTED;
    // Just over: the totals, one bar of the whole batch, the refused rows; no list.
    let (_dir, over) = batch_of(listed + 1);
    let html = page(&["compute", "--format", "html", &over]);
    let chart = section(&html, "chart-h");
    assert!(
        chart.contains(
            "1 001 structures calculées : au-delà de 1 000, la page ne les liste pas une à une"
        ),
        "{chart}"
    );
    assert!(chart.contains("la liste complète, structure par structure, est dans le CSV (--format csv) ou le classeur (--format xlsx)"));
    assert_eq!(
        chart.matches("<li>").count(),
        5,
        "the legend's four and one bar: {chart}"
    );
    assert!(chart.contains("<span class=\"bar-name\">Tout le lot</span>"));
    assert!(chart.contains("id=\"bar-total\""));
    let table = section(&html, "table-h");
    assert!(!table.contains("Centre 0"), "no structure listed");
    assert!(table.contains("<tfoot>"), "the total row stays");
    // The totals are the batch's: the same as the CSV's sum.
    let csv = secpa()
        .args(["compute", "--format", "csv", &over])
        .output()
        .expect("runs");
    let mut sum = rust_decimal::Decimal::ZERO;
    for line in String::from_utf8_lossy(&csv.stdout).lines().skip(1) {
        // The total is the eighth column.
        let total = line.split(',').nth(7).expect("a total");
        sum += total.parse::<rust_decimal::Decimal>().expect("an amount");
    }
    assert!(sum > rust_decimal::Decimal::ZERO);
    let shown = secpa::report::money(sum, secpa::Lang::Fr);
    assert!(
        table.contains(&format!("<td class=\"num\">{shown}</td></tr>\n</tfoot>")),
        "{shown}: {table}"
    );
    assert!(html.contains(&format!("<dd class=\"num\">{shown}</dd>")));
    // In English too.
    let html = page(&["--lang", "en", "compute", "--format", "html", &over]);
    assert!(html
        .contains("1,001 structures computed: past 1,000, the page does not list them one by one"));
    assert!(html.contains("<span class=\"bar-name\">The whole batch</span>"));

    // At the threshold, every structure is listed, and nothing said.
    let (_dir, at) = batch_of(listed);
    let html = page(&["compute", "--format", "html", &at]);
    assert!(!html.contains("la page ne les liste pas"));
    let table = section(&html, "table-h");
    assert!(table.contains(">Centre 0</th>") && table.contains(">Centre 999</th>"));
    assert_eq!(
        section(&html, "chart-h").matches("<li>").count(),
        4 + listed
    );
}
