//! The words of the rule-file and error side: what the core hands over as data (`Error`,
//! `rules::fault::Fault`, `rules::lint::Lint`, `rules::lint::LintCode`) said in French and
//! in English. Kept apart from the data it speaks of, so that those modules can move to a
//! crate without words (issue 24), and apart from `diagnostic::catalogue` (the candidature
//! diagnostics), which another hand reshapes: the two meet in [`codes`], which writes
//! `docs/codes.md` from both.

/// The French or the English text; only the one asked for is built.
macro_rules! say {
    ($lang:expr, $fr:expr, $en:expr $(,)?) => {
        match $lang {
            $crate::Lang::Fr => $fr,
            $crate::Lang::En => $en,
        }
    };
}

pub mod codes;
pub mod error;
pub mod rules;

#[cfg(test)]
mod tests {
    /// Until the crate is split and the compiler keeps the seam, a test does: the files of
    /// the rule-file and error side build no sentence and call no renderer.
    #[test]
    fn the_rule_and_error_side_has_no_words() {
        let files = [
            ("error.rs", include_str!("../error.rs")),
            ("budget.rs", include_str!("../budget.rs")),
            ("rules/fault.rs", include_str!("../rules/fault.rs")),
            ("rules/lint.rs", include_str!("../rules/lint.rs")),
            ("rules/mod.rs", include_str!("../rules/mod.rs")),
            ("rules/new.rs", include_str!("../rules/new.rs")),
            ("rules/validate.rs", include_str!("../rules/validate.rs")),
            ("rules/schema.rs", include_str!("../rules/schema.rs")),
        ];
        for (name, text) in files {
            // `Error::Said`'s declaration, the one place left: the web page and the
            // command line build it, never these files (see its comment).
            let mut text = text.to_owned();
            if let Some(at) = text.find("    Said {") {
                let end = text[at..].find('}').map_or(text.len(), |e| at + e + 1);
                text.replace_range(at..end, "");
            }
            for sign in [
                "Lang",
                "Error::Said",
                "Error::Usage",
                "crate::report",
                "crate::terminal",
                "say!",
                "fr:",
                "en:",
            ] {
                // As a word: `given:` is not `en:`.
                let holds = text.match_indices(sign).any(|(i, _)| {
                    !text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                assert!(!holds, "src/{name} holds {sign:?}");
            }
        }
    }
}
