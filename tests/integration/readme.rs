//! The README and the guide stay true: every fenced block announced by
//! `<!-- tour: secpa ARGS -->` is the stdout of `secpa ARGS` (run on the fixed "today" of
//! the harness), and one announced by `<!-- tour-stderr: secpa ARGS -->` its stderr (what
//! `check` prints). A line `…` alone in a block stands for lines left out.

use crate::secpa;

/// Which output of the command a block shows.
#[derive(Clone, Copy, PartialEq)]
enum Stream {
    Stdout,
    Stderr,
}

/// One announced command and the block that follows it.
struct Tour {
    line: usize,
    stream: Stream,
    args: Vec<String>,
    expected: Vec<String>,
}

/// Parses the tours of `text` (`file` names it in failures); a marker without a fenced
/// block after it is an error.
fn tours(file: &str, text: &str) -> Vec<Tour> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let marker = lines[i].trim();
        let Some((stream, command)) = [
            ("<!-- tour:", Stream::Stdout),
            ("<!-- tour-stderr:", Stream::Stderr),
        ]
        .into_iter()
        .find_map(|(prefix, stream)| {
            let command = marker.strip_prefix(prefix)?.strip_suffix("-->")?;
            Some((stream, command))
        }) else {
            i += 1;
            continue;
        };
        let mut words = command.split_whitespace().map(str::to_owned);
        assert_eq!(
            words.next().as_deref(),
            Some("secpa"),
            "{file}:{}: a tour runs secpa",
            i + 1
        );
        let open = i + 1;
        assert!(
            lines.get(open).is_some_and(|l| l.starts_with("```")),
            "{file}:{}: a fenced block must follow the tour marker",
            i + 1
        );
        let close = (open + 1..lines.len())
            .find(|&j| lines[j].starts_with("```"))
            .unwrap_or_else(|| panic!("{file}:{}: unclosed block", open + 1));
        found.push(Tour {
            line: i + 1,
            stream,
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

/// Runs every tour of a documentation file and returns its count and the failures.
fn run_tours(file: &str) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(format!("{}/{file}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    let tours = tours(file, &text);
    let mut failures = Vec::new();
    for tour in &tours {
        let out = secpa().args(&tour.args).output().expect("secpa runs");
        let shown = match tour.stream {
            Stream::Stdout => String::from_utf8_lossy(&out.stdout),
            Stream::Stderr => String::from_utf8_lossy(&out.stderr),
        };
        let actual: Vec<String> = shown.lines().map(str::to_owned).collect();
        if !matches(&tour.expected, &actual) {
            failures.push(format!(
                "{file}:{}: `secpa {}` printed:\n{shown}",
                tour.line,
                tour.args.join(" ")
            ));
        }
    }
    (tours.len(), failures)
}

#[test]
fn readme_examples_match_the_real_outputs() {
    let (count, failures) = run_tours("README.md");
    assert!(count >= 3, "the README lost its examples: {count}");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn guide_tour_matches_the_real_outputs() {
    let (count, failures) = run_tours("docs/guide.md");
    assert!(count >= 8, "the guide's tour lost commands: {count}");
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
