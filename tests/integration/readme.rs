//! The README's tour stays true: every fenced block announced by
//! `<!-- tour: secpa ARGS -->` is the stdout of `secpa ARGS` (run on the fixed "today" of
//! the harness). A line `…` alone in a block stands for lines left out.

use crate::secpa;

/// One announced command and the block that follows it.
struct Tour {
    line: usize,
    args: Vec<String>,
    expected: Vec<String>,
}

/// Parses the tours of `text`; a marker without a fenced block after it is an error.
fn tours(text: &str) -> Vec<Tour> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(command) = lines[i]
            .trim()
            .strip_prefix("<!-- tour:")
            .and_then(|rest| rest.strip_suffix("-->"))
        else {
            i += 1;
            continue;
        };
        let mut words = command.split_whitespace().map(str::to_owned);
        assert_eq!(
            words.next().as_deref(),
            Some("secpa"),
            "README.md:{}: a tour runs secpa",
            i + 1
        );
        let open = i + 1;
        assert!(
            lines.get(open).is_some_and(|l| l.starts_with("```")),
            "README.md:{}: a fenced block must follow the tour marker",
            i + 1
        );
        let close = (open + 1..lines.len())
            .find(|&j| lines[j].starts_with("```"))
            .unwrap_or_else(|| panic!("README.md:{}: unclosed block", open + 1));
        found.push(Tour {
            line: i + 1,
            args: words.collect(),
            expected: lines[open + 1..close]
                .iter()
                .map(|l| l.to_string())
                .collect(),
        });
        i = close + 1;
    }
    found
}

/// Whether `actual` matches `expected`, where a `…` line skips any number of lines: the
/// first part is a prefix, the last a suffix, the others appear in order in between.
fn matches(expected: &[String], actual: &[String]) -> bool {
    let parts: Vec<&[String]> = expected.split(|l| l == "…").collect();
    let trim = |l: &String| l.trim_end().to_owned();
    let actual: Vec<String> = actual.iter().map(trim).collect();
    let parts: Vec<Vec<String>> = parts.iter().map(|p| p.iter().map(trim).collect()).collect();
    if parts.len() == 1 {
        return parts[0] == actual;
    }
    let (first, rest) = parts.split_first().expect("one part at least");
    let (last, middle) = rest.split_last().expect("two parts at least");
    if !actual.starts_with(first) || actual.len() < first.len() + last.len() {
        return false;
    }
    let end = actual.len() - last.len();
    if actual[end..] != last[..] {
        return false;
    }
    let mut at = first.len();
    for part in middle {
        match (at..=end.saturating_sub(part.len())).find(|&i| actual[i..i + part.len()] == part[..])
        {
            Some(i) => at = i + part.len(),
            None => return false,
        }
    }
    true
}

#[test]
fn readme_tour_matches_the_real_outputs() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let tours = tours(&readme);
    assert!(tours.len() >= 8, "the tour lost commands: {}", tours.len());
    let mut failures = Vec::new();
    for tour in &tours {
        let out = secpa().args(&tour.args).output().expect("secpa runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let actual: Vec<String> = stdout.lines().map(str::to_owned).collect();
        if !matches(&tour.expected, &actual) {
            failures.push(format!(
                "README.md:{}: `secpa {}` printed:\n{stdout}",
                tour.line,
                tour.args.join(" ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn ellipsis_matching() {
    let v = |s: &str| s.lines().map(str::to_owned).collect::<Vec<_>>();
    let out = v("a\nb\nc\nd\ne");
    assert!(matches(&v("a\nb\nc\nd\ne"), &out));
    assert!(!matches(&v("a\nb"), &out), "no … : the whole output");
    assert!(matches(&v("a\n…"), &out));
    assert!(matches(&v("…\ne"), &out));
    assert!(matches(&v("a\n…\nc\n…\ne"), &out));
    assert!(!matches(&v("a\n…\nx\n…\ne"), &out));
    assert!(!matches(&v("a\n…\nd\n…\nc"), &out), "parts in order");
    assert!(!matches(&v("a\nb\nc\n…\nc\nd\ne"), &out), "no overlap");
}
