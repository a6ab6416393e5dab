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
        || is_invisible(c)
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{fdd0}'..='\u{fdef}')
        || (c as u32 & 0xfffe) == 0xfffe
}

/// Characters that print as nothing (Unicode's format characters: zero-width space, word joiner,
/// byte-order mark, soft hyphen, tag characters…), by which two names that look the same can
/// differ. The zero-width joiner and non-joiner are kept: emoji sequences and Persian and Indic
/// scripts need them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{0600}'..='\u{0605}'
            | '\u{06dd}'
            | '\u{070f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{180e}'
            | '\u{200b}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}'
            | '\u{3164}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// A person's name as the notebook keeps it: trimmed and in Unicode's composed form (NFC), so
/// that `Zoë` typed with a combining diaeresis is the same analyst as `Zoë`.
pub fn name(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.trim().nfc().collect()
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
        assert_eq!(line("ann\u{200b}"), "ann\\u{200b}", "a zero-width space is shown");
        assert_eq!(line("tag\u{e0041}\u{feff}\u{ad}"), "tag\\u{e0041}\\u{feff}\\u{ad}");
        assert_eq!(line("👩\u{200d}💻"), "👩\u{200d}💻", "emoji sequences keep their joiner");
        assert_eq!(name("Zoe\u{308} "), "Zoë");
    }
}
