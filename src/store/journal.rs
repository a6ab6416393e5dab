//! The import journal, `.forecast/import-journal`: while `evidence import` puts its files in
//! place, it notes each path before the file lands and holds a lock on the journal. A journal
//! nobody holds is what an import killed half-way left: the notebook names it as an error until
//! `check --fix` takes the landed items back out, so a partial import is never mistaken for a
//! whole one, nor imported twice.

use super::files::Tree;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

pub const JOURNAL: &str = ".forecast/import-journal";

/// A journal being written, locked for as long as it lives.
pub struct Journal {
    file: std::fs::File,
    root: std::path::PathBuf,
}

impl Journal {
    /// Starts the journal; refused while an earlier interrupted import is still to be undone.
    pub fn begin(tree: &Tree) -> Result<Journal> {
        tree.folder_for_writing(".forecast")?;
        let path = tree.path(JOURNAL);
        let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::refused(
                    "an earlier import is running or was interrupted (`.forecast/import-journal` exists)",
                    "if none is running, `forecast check --fix` takes back what it left, then import again",
                )
            } else {
                Error::write(&path, e)
            }
        })?;
        file.lock().map_err(|e| Error::write(&path, e))?;
        Ok(Journal { file, root: tree.path("") })
    }

    /// Notes that a file may land at `path` next, or (`taken`) that another file holds the name.
    pub fn note(&mut self, path: &Path, taken: bool) -> Result<()> {
        let rel = path.strip_prefix(&self.root).unwrap_or(path).to_string_lossy();
        let line = if taken { format!("taken {rel}\n") } else { format!("{rel}\n") };
        self.file.write_all(line.as_bytes()).map_err(|e| Error::write(self.root.join(JOURNAL), e))
    }

    /// Ends the journal once every file has landed, or been taken back.
    pub fn finish(self) {
        let _ = std::fs::remove_file(self.root.join(JOURNAL));
    }
}

/// The paths an interrupted import noted, if there is a journal nobody holds.
fn interrupted(tree: &Tree) -> Option<Vec<String>> {
    if tree.file_at(JOURNAL) != Ok(true) {
        return None;
    }
    let file = std::fs::File::open(tree.path(JOURNAL)).ok()?;
    // An import still running holds the lock.
    file.try_lock_shared().ok()?;
    let text = std::fs::read_to_string(tree.path(JOURNAL)).ok()?;
    let taken: std::collections::HashSet<&str> = text.lines().filter_map(|l| l.strip_prefix("taken ")).collect();
    let noted = text.lines().filter(|l| l.starts_with("evidence/") && l.ends_with(".toml") && !taken.contains(l));
    Some(noted.map(str::to_string).collect())
}

/// The finding about an interrupted import, if one left its journal.
pub fn problem(tree: &Tree) -> Option<Diagnostic> {
    let paths = interrupted(tree)?;
    let landed = paths.iter().filter(|p| tree.file_at(p) == Ok(true)).count();
    Some(
        Diagnostic::error(
            JOURNAL,
            None,
            format!("an `evidence import` was interrupted: {landed} of its items landed and the rest did not"),
        )
        .with_hint("`forecast check --fix` takes the landed items back out; then run the import again"),
    )
}

/// Takes back the items an interrupted import landed, and its journal; returns their paths.
pub fn undo(tree: &Tree) -> Result<Vec<String>> {
    let Some(paths) = interrupted(tree) else { return Ok(Vec::new()) };
    let mut removed = Vec::new();
    for rel in paths {
        if tree.file_at(&rel) == Ok(true) {
            std::fs::remove_file(tree.path(&rel)).map_err(|e| Error::write(tree.path(&rel), e))?;
            removed.push(rel);
        }
    }
    std::fs::remove_file(tree.path(JOURNAL)).map_err(|e| Error::write(tree.path(JOURNAL), e))?;
    Ok(removed)
}
