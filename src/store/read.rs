//! Reading a notebook folder: walks the record folders, screens each file's bytes, parses TOML into records.

use super::records::{NotebookFile, ScenarioFile};
use crate::diagnostic::{Diagnostic, did_you_mean, relative_path};
use crate::model::id;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::Path;

/// A record file is refused, unread, above this size.
pub const MAX_RECORD_BYTES: u64 = 1024 * 1024;

/// Folders with fewer record files than this are read on one thread.
const PARALLEL_FROM: usize = 64;

/// Temporary files the tool writes before renaming them into place.
pub const TEMP_PREFIX: &str = ".forecast-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// One parsed record with the file it came from.
#[derive(Debug)]
pub struct FileRecord<T> {
    pub id: String,
    pub path: String,
    pub record: T,
}

/// The record folders and whether records may sit in subfolders.
pub const SCENARIOS: &str = "scenarios";
pub const EVIDENCE: &str = "evidence";
pub const UPDATES: &str = "updates";
pub const NOTEBOOK_FILE: &str = "notebook.toml";
pub const RESOLUTION_FILE: &str = "resolution.toml";

/// Reads only `notebook.toml` (for commands that append a record and need just the settings).
pub fn read_settings(root: &Path) -> Result<NotebookFile, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    match read_single::<NotebookFile>(root, NOTEBOOK_FILE, &mut diagnostics) {
        Some(record) if diagnostics.is_empty() => Ok(record.record),
        _ => Err(diagnostics),
    }
}

/// Reads the scenario folder alone.
pub fn read_scenarios(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<FileRecord<ScenarioFile>> {
    read_folder(root, SCENARIOS, false, diagnostics, |record, _| Some(record))
}

/// Reads one file that stands alone, such as `notebook.toml` or `resolution.toml`.
pub fn read_single<T: DeserializeOwned>(
    root: &Path,
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FileRecord<T>> {
    match parse_file::<T>(root, name) {
        Ok(record) => Some(record),
        Err(found) => {
            diagnostics.extend(found);
            None
        }
    }
}

/// Reads every record file of one kind and converts each with `convert`, in parallel over the cores.
/// Results and findings come back in path order, so output never depends on scheduling. File names
/// are checked for id syntax and uniqueness before any file is parsed.
pub fn read_folder<T, R, F>(
    root: &Path,
    folder: &str,
    recursive: bool,
    diagnostics: &mut Vec<Diagnostic>,
    convert: F,
) -> Vec<R>
where
    T: DeserializeOwned,
    R: Send,
    F: Fn(FileRecord<T>, &mut Vec<Diagnostic>) -> Option<R> + Sync,
{
    let mut files = Vec::new();
    collect_files(root, folder, recursive, &mut files, diagnostics);
    let names = check_names(&files, diagnostics);
    let read = |(rel, name): (&String, &Name)| {
        let mut found = Vec::new();
        let converted = match name {
            Name::Duplicate => None,
            Name::Valid | Name::Invalid => match parse_file::<T>(root, rel) {
                Ok(record) if *name == Name::Valid => convert(record, &mut found),
                Ok(_) => None,
                Err(problems) => {
                    found.extend(problems);
                    None
                }
            },
        };
        (converted, found)
    };
    // Starting the thread pool costs more than reading a handful of files.
    let (converted, found): (Vec<Option<R>>, Vec<Vec<Diagnostic>>) = if files.len() < PARALLEL_FROM {
        files.iter().zip(&names).map(read).unzip()
    } else {
        files.par_iter().zip(names.par_iter()).map(read).unzip()
    };
    diagnostics.extend(found.into_iter().flatten());
    // `filter_map` (unlike `flatten`) lets the collect reuse the allocation of `converted` in place,
    // so a large notebook's records are never held in two vectors at once.
    #[allow(clippy::filter_map_identity)]
    let records: Vec<R> = converted.into_iter().filter_map(|r| r).collect();
    records
}

/// The record files under the notebook folder `rel`, as notebook-relative paths in path order, with
/// the same findings about their names and kinds as a full read reports.
pub fn list_files(root: &Path, rel: &str, recursive: bool, diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut files = Vec::new();
    collect_files(root, rel, recursive, &mut files, diagnostics);
    let names = check_names(&files, diagnostics);
    files.into_iter().zip(names).filter(|(_, name)| *name == Name::Valid).map(|(rel, _)| rel).collect()
}

/// The visible subfolders (not links) of the notebook folder `rel`, as notebook-relative paths.
pub fn subfolders(root: &Path, rel: &str) -> Vec<String> {
    let Ok(entries) = fs::read_dir(root.join(rel)) else { return Vec::new() };
    let mut folders: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && !name.ends_with(".toml"))
        .map(|name| format!("{rel}/{name}"))
        .collect();
    folders.sort_unstable();
    folders
}

/// What a record's file name allows: reading it as a record, reading it only for its findings
/// (the name is not a valid id), or not reading it at all (an earlier file has the same id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    Valid,
    Invalid,
    Duplicate,
}

/// Checks each file name for id syntax and for uniqueness across subfolders. Valid ids are
/// lowercase, so two names that differ only in case are caught as an invalid name. One folder
/// cannot hold a name twice, so without subfolders there is nothing to look up.
fn check_names(files: &[String], diagnostics: &mut Vec<Diagnostic>) -> Vec<Name> {
    let nested = files.iter().any(|rel| rel.matches('/').count() > 1);
    let mut seen: HashMap<&str, &str> = HashMap::with_capacity(if nested { files.len() } else { 0 });
    let mut names = Vec::with_capacity(files.len());
    for rel in files {
        let id = record_id(rel);
        let name = if let Err(problem) = id::validate(id) {
            diagnostics.push(
                Diagnostic::error(rel, None, format!("invalid id `{id}` in the file name: {problem}"))
                    .with_optional_hint(id::suggest(id).map(|s| format!("rename the file to `{s}.toml`"))),
            );
            Name::Invalid
        } else if !nested {
            Name::Valid
        } else if let Some(first) = seen.get(id) {
            diagnostics.push(Diagnostic::error(
                rel,
                None,
                format!("duplicate id `{id}`: `{first}` already uses it; ids must be unique across subfolders"),
            ));
            Name::Duplicate
        } else {
            seen.insert(id, rel);
            Name::Valid
        };
        names.push(name);
    }
    names
}

/// Lists the `.toml` files under the notebook folder `rel` as notebook-relative paths, in path order
/// (each folder's entries sorted by name), reporting folders named like records, links that leave
/// the notebook and leftover temporary files.
fn collect_files(root: &Path, rel: &str, recursive: bool, files: &mut Vec<String>, diagnostics: &mut Vec<Diagnostic>) {
    let Ok(entries) = fs::read_dir(root.join(rel)) else { return };
    let mut entries: Vec<(String, fs::FileType)> = entries
        .flatten()
        .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), e.file_type().ok()?)))
        .collect();
    entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, kind) in entries {
        let path = format!("{rel}/{name}");
        if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            diagnostics.push(
                Diagnostic::warning(path, None, "leftover temporary file from an interrupted write")
                    .with_hint("`forecast check --fix` removes it"),
            );
            continue;
        }
        if kind.is_symlink() && !link_stays_inside(root, &root.join(&path)) {
            diagnostics.push(Diagnostic::error(
                path,
                None,
                "found a link that resolves outside the notebook, expected a file inside the notebook folder",
            ));
            continue;
        }
        // The entry's own type costs nothing; only a link needs a look at what it points to.
        let is_dir = if kind.is_symlink() { root.join(&path).is_dir() } else { kind.is_dir() };
        if name.ends_with(".toml") {
            if is_dir {
                diagnostics.push(Diagnostic::error(
                    path,
                    None,
                    "found a folder named like a record, expected a `.toml` file",
                ));
            } else {
                files.push(path);
            }
        } else if is_dir && recursive && !name.starts_with('.') && !kind.is_symlink() {
            collect_files(root, &path, recursive, files, diagnostics);
        }
    }
}

fn link_stays_inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    }
}

/// A record's id: its file name without `.toml`.
pub fn record_id(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.strip_suffix(".toml").unwrap_or(name)
}

/// Parses record text that is not (yet) a file, such as `--from` input or an editor draft; `rel` names it.
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

/// Reads and parses one record file, named by its notebook-relative path. Every problem found is
/// returned as a diagnostic.
pub fn parse_file<T: DeserializeOwned>(root: &Path, rel: &str) -> Result<FileRecord<T>, Vec<Diagnostic>> {
    BUFFER.with_borrow_mut(|buffer| {
        read_capped(&root.join(rel), buffer).map_err(|message| vec![Diagnostic::error(rel, None, message)])?;
        parse_text(rel, record_id(rel), buffer)
    })
}

thread_local! {
    /// Each thread reads every file into the same buffer, so reading a file allocates nothing.
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads a file into `buffer`, refusing one above `MAX_RECORD_BYTES` without reading further.
fn read_capped(path: &Path, buffer: &mut Vec<u8>) -> Result<(), String> {
    let file = fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_string(),
        _ => format!("cannot read the file: {e}"),
    })?;
    buffer.clear();
    let mut capped = file.take(MAX_RECORD_BYTES + 1);
    capped.read_to_end(buffer).map_err(|e| format!("cannot read the file: {e}"))?;
    if buffer.len() as u64 > MAX_RECORD_BYTES {
        let size = capped.into_inner().metadata().map_or(buffer.len() as u64, |m| m.len());
        buffer.clear();
        buffer.shrink_to(64 * 1024);
        return Err(format!(
            "found a record of {size} bytes, expected at most {MAX_RECORD_BYTES} bytes (1 MiB); the file was not read"
        ));
    }
    Ok(())
}
/// A file's text once screened: the TOML body, where it starts in the file, and non-fatal problems.
struct Screened<'a> {
    body: &'a str,
    offset: usize,
    problems: Vec<Diagnostic>,
}

/// Checks what a TOML parser would report badly: encoding, byte-order mark, emptiness, conflict markers.
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
        return Diagnostic::error(rel, span, format!("found {rest}"));
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

/// Deletes the tool's leftover temporary files under the record folders; returns their notebook-relative paths.
pub fn remove_temporary_files(root: &Path) -> std::io::Result<Vec<String>> {
    let mut removed = Vec::new();
    for folder in [SCENARIOS, EVIDENCE, UPDATES, ""] {
        remove_temporary_in(root, &root.join(folder), !folder.is_empty(), &mut removed)?;
    }
    removed.sort();
    Ok(removed)
}

fn remove_temporary_in(root: &Path, dir: &Path, recursive: bool, removed: &mut Vec<String>) -> std::io::Result<()> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(()) };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type()?;
        if kind.is_file() && name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            fs::remove_file(entry.path())?;
            removed.push(relative_path(root, &entry.path()));
        } else if kind.is_dir() && recursive && !name.starts_with('.') {
            remove_temporary_in(root, &entry.path(), recursive, removed)?;
        }
    }
    Ok(())
}
