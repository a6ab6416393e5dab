//! Drafts of the editor flow, kept under `.forecast/drafts/` so that nothing typed is ever lost.

use super::files::Tree;
use crate::error::{Error, Result};
use std::path::PathBuf;

/// Where drafts are kept, relative to the notebook.
pub const FOLDER: &str = ".forecast/drafts";

/// Creates the draft `name` holding `text`; returns its path.
pub fn create(tree: &Tree, name: &str, text: &str) -> Result<PathBuf> {
    let dir = tree.folder_for_writing(FOLDER)?;
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| Error::write(&path, e))?;
    Ok(path)
}

/// Reads a draft back after the editor closed.
pub fn read(path: &std::path::Path) -> Result<String> {
    super::templates::text_file(path)
}

/// Removes a draft once its record is written, or when nothing was typed.
pub fn remove(path: &std::path::Path) {
    let _ = std::fs::remove_file(path);
}

/// The drafts left behind by editor sessions that were given up, notebook-relative.
pub fn abandoned(tree: &Tree) -> Vec<String> {
    if tree.folder_at(FOLDER) != Ok(true) {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(tree.path(FOLDER)) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| format!("{FOLDER}/{}", e.file_name().to_string_lossy()))
        .filter(|rel| rel.ends_with(".toml"))
        .collect();
    names.sort();
    names
}
