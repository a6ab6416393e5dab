//! From bytes to a TOML record: the screen for what a TOML parser reports badly (encoding,
//! byte-order mark, emptiness, conflict markers), then serde, with every problem located.

use crate::diagnostic::Diagnostic;
use crate::model::value::did_you_mean;
use serde::de::DeserializeOwned;

/// One parsed record with the file it came from.
#[derive(Debug)]
pub struct FileRecord<T> {
    pub id: String,
    pub path: String,
    pub record: T,
}

/// A record's id: its file name without `.toml`.
pub fn record_id(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.strip_suffix(".toml").unwrap_or(name)
}

/// Parses record text; `rel` names it in diagnostics and `id` is its id.
pub fn parse_text<T: DeserializeOwned>(rel: &str, id: &str, bytes: &[u8]) -> Result<FileRecord<T>, Vec<Diagnostic>> {
    let mut text = screen_bytes(rel, bytes)?;
    match toml::from_str::<T>(text.body) {
        Ok(record) if text.problems.is_empty() => Ok(FileRecord { id: id.to_string(), path: rel.to_string(), record }),
        Ok(_) => Err(text.problems),
        Err(e) => {
            text.problems.push(toml_diagnostic(rel, &e, text.body, text.offset));
            Err(text.problems)
        }
    }
}

/// A file's text once screened: the TOML body, where it starts in the file, and non-fatal problems.
struct Screened<'a> {
    body: &'a str,
    offset: usize,
    problems: Vec<Diagnostic>,
}

fn screen_bytes<'a>(rel: &str, bytes: &'a [u8]) -> Result<Screened<'a>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut offset = 0;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        problems.push(
            Diagnostic::error(rel, Some(0..3), "found a UTF-8 byte-order mark, expected plain UTF-8 without one")
                .with_hint("save the file as UTF-8 without BOM"),
        );
        offset = 3;
    }
    let body = std::str::from_utf8(&bytes[offset..]).map_err(|e| {
        let at = offset + e.valid_up_to();
        vec![Diagnostic::error(
            rel,
            Some(at..at + 1),
            format!("found a byte that is not valid UTF-8 (0x{:02X}), expected UTF-8 text", bytes[at]),
        )]
    })?;
    let markers = conflict_markers(rel, body, offset);
    if !markers.is_empty() {
        return Err(markers);
    }
    if body.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        let what = if body.trim().is_empty() { "found an empty file" } else { "found only comments" };
        problems.push(Diagnostic::error(rel, Some(0..0), format!("{what}, expected a record with its required keys")));
        return Err(problems);
    }
    Ok(Screened { body, offset, problems })
}

fn conflict_markers(rel: &str, body: &str, offset: usize) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        let is_marker = ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
            .iter()
            .any(|m| bare.strip_prefix(m).is_some_and(|rest| rest.is_empty() || rest.starts_with(' ')));
        if is_marker {
            let at = offset + start;
            found.push(
                Diagnostic::error(rel, Some(at..at + bare.len()), "unresolved merge-conflict marker, expected the conflict to be resolved")
                    .with_hint("keep the lines you want, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines, then run `forecast check`"),
            );
        }
        start += line.len();
    }
    found
}

/// Turns a TOML or serde error into a located diagnostic that says what was found and expected.
fn toml_diagnostic(rel: &str, error: &toml::de::Error, body: &str, offset: usize) -> Diagnostic {
    let span = error.span().map(|s| s.start + offset..s.end + offset);
    let message = error.message().trim().replace('\n', ", ");
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (found, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let key = found.trim_matches('`');
        let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return Diagnostic::error(rel, span, format!("found unknown key `{key}`, expected{expected}"))
            .with_optional_hint(did_you_mean(key, names));
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return Diagnostic::error(rel, span, format!("missing required key {rest}"));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return Diagnostic::error(rel, span, format!("found {}", plain_types(rest)));
    }
    let found = error
        .span()
        .and_then(|s| body.get(s.start..))
        .and_then(|rest| rest.chars().next())
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\t'));
    match found {
        Some(c) => Diagnostic::error(rel, span, format!("found control character U+{:04X}: {message}", c as u32)),
        None => Diagnostic::error(rel, span, format!("invalid TOML: {message}")),
    }
}

/// serde's names for types in the words of the format: `i64` is a whole number, a sequence an array.
fn plain_types(message: &str) -> String {
    [
        ("expected i64", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected an array"),
        ("expected a borrowed string", "expected a string"),
        ("integer `", "number `"),
    ]
    .iter()
    .fold(message.to_string(), |text, (from, to)| text.replace(from, to))
}
