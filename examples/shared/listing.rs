//! The file listing both benchmark floors share: every file under a folder, hidden entries (the
//! tool's private cache) skipped, with entry types taken from the listing itself, so no file is
//! stat-ed to find out what it is.

use std::path::{Path, PathBuf};

pub fn list(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => list(&entry.path(), files),
            Ok(_) => files.push(entry.path()),
            Err(_) => {}
        }
    }
}
