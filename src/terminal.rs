//! The one sanitiser of text bound for a terminal: a cell, a header or a file name may hold
//! an escape sequence (`ESC [ 2 J` clears the screen, others recolour it or set the window
//! title), so every human output writes control characters as visible escapes (`\u{1b}`).
//! Machine outputs (JSON, CSV) keep the exact text.

use std::borrow::Cow;

/// `text` with its control characters escaped; line breaks kept when `lines` is true (a
/// multi-line name in a table cell), escaped otherwise (a diagnostic stays on one line).
pub fn safe(text: &str, lines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !(lines && c == '\n');
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
}
