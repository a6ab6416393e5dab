//! The one safety function for text from the notebook: control characters, escape sequences and
//! bidirectional overrides are shown escaped, never passed raw to a terminal or a file.

use std::borrow::Cow;

/// Whether newlines in the text are kept (multi-line fields) or shown escaped (one-line fields,
/// file names, table cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    Keep,
    Escape,
}

/// `text` with every character a terminal would act on shown as `\u{…}` (`\n` kept or escaped
/// as `lines` says): see `is_unsafe`.
pub fn safe(text: &str, lines: Lines) -> Cow<'_, str> {
    if !text.chars().any(|c| unsafe_char(c, lines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c, lines) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A one-line field, safe: `safe(text, Lines::Escape)`.
pub fn line(text: &str) -> Cow<'_, str> {
    safe(text, Lines::Escape)
}

fn unsafe_char(c: char, lines: Lines) -> bool {
    match c {
        '\n' => lines == Lines::Escape,
        c => is_unsafe(c),
    }
}

/// Whether a character is shown escaped wherever text reaches people: a control character (C0,
/// DEL, C1), a bidirectional mark, embedding, override or isolate, a line or paragraph separator,
/// or a noncharacter (which XML, and so an SVG, cannot hold).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{fdd0}'..='\u{fdef}')
        || (c as u32 & 0xfffe) == 0xfffe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_shown_escaped() {
        assert_eq!(safe("plain — text ✓", Lines::Keep), "plain — text ✓");
        assert_eq!(safe("a\x1b]0;pwned\x07b", Lines::Keep), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(safe("\u{202e}txt.exe", Lines::Keep), "\\u{202e}txt.exe");
        assert_eq!(safe("nul\0\u{9b}", Lines::Keep), "nul\\u{0}\\u{9b}");
        assert_eq!(safe("two\nlines\r", Lines::Keep), "two\nlines\\u{d}");
        assert_eq!(line("two\nlines\t"), "two\\u{a}lines\\u{9}");
    }
}
