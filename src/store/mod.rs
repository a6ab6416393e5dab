//! The only code that touches the notebook's files: reading records, checking them into a `Notebook`, atomic writes.

pub mod analyst;
pub mod append;
pub mod build;
pub mod read;
pub mod records;
pub mod templates;
pub mod write;

use crate::diagnostic::{Diagnostic, Location};
use crate::model::Notebook;
use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use build::Summaries;

/// Reads and checks the whole notebook. The notebook is `None` only when `notebook.toml` is unusable.
pub fn load(root: &Path, summaries: Summaries) -> (Option<Notebook>, Vec<Diagnostic>) {
    build::load(root, summaries)
}

/// Finds the notebook: `start` itself or the nearest folder above it that holds `notebook.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|dir| dir.join(read::NOTEBOOK_FILE).is_file()).map(Path::to_path_buf)
}

/// Notebooks at or under `path`: `path` itself if it holds `notebook.toml`, else every folder below
/// it that does (hidden folders and `target` skipped), in path order.
pub fn find_notebooks(path: &Path) -> Vec<PathBuf> {
    if path.join(read::NOTEBOOK_FILE).is_file() {
        return vec![path.to_path_buf()];
    }
    let mut found = Vec::new();
    if let Ok(entries) = fs::read_dir(path) {
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.') && e.file_name() != "target")
            .map(|e| e.path())
            .collect();
        dirs.sort();
        for dir in dirs {
            found.extend(find_notebooks(&dir));
        }
    }
    found
}

/// Fills in line, column and the offending line for every finding with a span, reading each file once.
pub fn locate(root: &Path, diagnostics: &mut [Diagnostic]) {
    let mut texts: HashMap<String, Vec<u8>> = HashMap::new();
    for diagnostic in diagnostics.iter_mut() {
        let Some(span) = diagnostic.span.clone() else {
            diagnostic.location = Some(Location { line: 1, column: 1, line_text: String::new(), width: 0 });
            continue;
        };
        let bytes = texts.entry(diagnostic.path.clone()).or_insert_with(|| head_of(&root.join(&diagnostic.path)));
        diagnostic.location = Some(location_in(bytes, span.start, span.end));
    }
}

/// How diagnostics name a path: relative to the notebook when inside it.
pub fn diagnostic_path(root: &Path, path: &Path) -> String {
    crate::diagnostic::relative_path(root, path)
}

/// Like `locate`, for findings about text held in memory (such as `--from` input or an editor draft).
pub fn locate_text(text: &str, diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics.iter_mut() {
        let span = diagnostic.span.clone().unwrap_or(0..0);
        diagnostic.location = Some(location_in(text.as_bytes(), span.start, span.end));
    }
}

fn head_of(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    if let Ok(file) = fs::File::open(path) {
        let _ = file.take(read::MAX_RECORD_BYTES).read_to_end(&mut bytes);
    }
    bytes
}

/// Line and column (1-based, in characters) of byte `start`, with the text of its line.
pub fn location_in(bytes: &[u8], start: usize, end: usize) -> Location {
    let start = start.min(bytes.len());
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
        .chars()
        .map(|c| if c.is_control() && c != '\t' { '\u{fffd}' } else { c })
        .collect();
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
    }
}
