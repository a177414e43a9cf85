//! The one sanitiser of text bound for a terminal: a cell, a header, a file name, a rule
//! file's title or a test case's name may hold an escape sequence (`ESC [ 2 J` clears the
//! screen, others recolour it or set the window title) or a bidirectional control (U+202E
//! reverses what follows: « 000 05 » can show as « 50 000 », a table line can be
//! reordered), so every human output writes them as visible escapes (`\u{1b}`,
//! `\u{202e}`). Machine outputs (JSON, CSV) keep the exact text.

use std::borrow::Cow;

/// `text` with its control characters escaped; line breaks kept when `lines` is true (a
/// multi-line name in a table cell), escaped otherwise (a diagnostic stays on one line).
pub fn safe(text: &str, lines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() || hidden(c)) && !(lines && c == '\n');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The format (Cf) and separator characters that change how a line shows without showing
/// themselves: bidirectional embeddings, overrides, isolates and marks (U+061C, U+200E,
/// U+200F, U+202A–U+202E, U+2066–U+2069), zero-width and invisible operators (U+200B,
/// U+2060–U+2064, U+FEFF), deprecated format controls (U+206A–U+206F), interlinear
/// annotations (U+FFF9–U+FFFB), tags (U+E0000–U+E007F), and the line and paragraph
/// separators (U+2028, U+2029). Kept: the zero-width joiners (U+200C, U+200D), which
/// scripts and emoji need and which move nothing, and the soft hyphen (U+00AD).
fn hidden(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_run() {
        assert_eq!(safe("Santé", false), "Santé");
        assert_eq!(safe("\u{1b}[2Jx", false), "\\u{1b}[2Jx");
        assert_eq!(safe("a\u{9b}31mb", true), "a\\u{9b}31mb");
        assert_eq!(safe("deux\nlignes", true), "deux\nlignes");
        assert_eq!(safe("deux\nlignes", false), "deux\\nlignes");
        assert_eq!(safe("tab\there", true), "tab\\there");
        assert!(matches!(safe("plain", true), Cow::Borrowed(_)));
    }

    #[test]
    fn bidirectional_and_format_characters_are_shown_not_run() {
        assert_eq!(safe("\u{202e}000 05", true), "\\u{202e}000 05");
        for c in [
            '\u{061C}',
            '\u{200B}',
            '\u{200E}',
            '\u{200F}',
            '\u{2028}',
            '\u{2029}',
            '\u{202A}',
            '\u{202B}',
            '\u{202C}',
            '\u{202D}',
            '\u{202E}',
            '\u{2060}',
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{206F}',
            '\u{FEFF}',
            '\u{FFFB}',
            '\u{E0001}',
            '\u{E007F}',
        ] {
            let text = format!("a{c}b");
            assert_eq!(
                safe(&text, true),
                format!("a{}b", c.escape_unicode()),
                "{:?}",
                c
            );
        }
        // Letters of every script, accents, the joiners of emoji and of Persian stay.
        for kept in [
            "Santé Île-de-France",
            "مركز",
            "👩\u{200D}⚕️",
            "می\u{200C}خواهم",
            "co\u{00AD}op",
        ] {
            assert!(matches!(safe(kept, false), Cow::Borrowed(_)), "{kept}");
        }
    }
}
