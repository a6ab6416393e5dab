//! Locating findings: byte spans turned into line, column and the offending line, read from the
//! notebook's files or from text held in memory.

use super::files::{MAX_RECORD_BYTES, Tree};
use crate::diagnostic::{Diagnostic, Location};
use std::collections::HashMap;

/// Fills in line, column and the offending line for every finding, reading each file once.
pub fn in_files(tree: &Tree, diagnostics: &mut [Diagnostic]) {
    let mut texts: HashMap<String, Vec<u8>> = HashMap::new();
    for diagnostic in diagnostics.iter_mut().filter(|d| d.location.is_none()) {
        let Some(span) = diagnostic.span.clone() else {
            diagnostic.location = Some(Location { line: 1, column: 1, line_text: String::new(), width: 0 });
            continue;
        };
        let bytes = texts.entry(diagnostic.path.clone()).or_insert_with(|| head_of(tree, &diagnostic.path));
        diagnostic.location = Some(location_in(bytes, span.start, span.end));
    }
}

/// Like `in_files`, for findings about text held in memory (such as `--from` input or an editor draft).
pub fn in_text(text: &str, diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics.iter_mut().filter(|d| d.location.is_none()) {
        let span = diagnostic.span.clone().unwrap_or(0..0);
        diagnostic.location = Some(location_in(text.as_bytes(), span.start, span.end));
    }
}

fn head_of(tree: &Tree, rel: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    if tree.file_at(rel) == Ok(true) && tree.read_capped(rel, &mut bytes).is_err() {
        bytes.clear();
    }
    bytes.truncate(MAX_RECORD_BYTES as usize);
    bytes
}

/// Line and column (1-based, in characters) of byte `start`, with the text of its line.
pub fn location_in(bytes: &[u8], start: usize, end: usize) -> Location {
    let mut start = start.min(bytes.len());
    // A span at the very end of a file that ends its last line points at that last line.
    if start == bytes.len() && start > 0 && bytes[start - 1] == b'\n' {
        start = bytes[..start - 1].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    }
    let end = end.clamp(start, bytes.len());
    let line_start = bytes[..start].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line_end = bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| start + i);
    let line = bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1;
    let before = String::from_utf8_lossy(&bytes[line_start..start]);
    let column = before.trim_start_matches('\u{feff}').chars().count() + 1;
    let covered = String::from_utf8_lossy(&bytes[start..end.min(line_end)]).chars().count();
    let line_text = String::from_utf8_lossy(&bytes[line_start..line_end])
        .trim_start_matches('\u{feff}')
        .trim_end_matches('\r')
        .to_string();
    Location { line, column, line_text, width: covered.max(1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_columns_in_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        let at = text.find("\"x\"").unwrap();
        let loc = location_in(text.as_bytes(), at, at + 3);
        assert_eq!((loc.line, loc.column, loc.width), (2, 6, 3));
        assert_eq!(loc.line_text, "bé = \"x\"");
    }

    #[test]
    fn clamps_spans_past_the_end() {
        let loc = location_in(b"abc", 10, 20);
        assert_eq!((loc.line, loc.column), (1, 4));
        let loc = location_in(b"a = 1\nb = 2\n", 12, 12);
        assert_eq!((loc.line, loc.line_text.as_str()), (2, "b = 2"), "the last line, not a line past it");
    }
}
