//! Template files: the notebook's overrides in `templates/`, a `--template FILE`, and exporting the built-ins.

use super::read::MAX_RECORD_BYTES;
use std::fs;
use std::io;
use std::path::Path;

/// The notebook's template folder.
pub const FOLDER: &str = "templates";

/// Reads the notebook's template overrides for the given names: name → (path as shown, source).
/// Only plain files directly in `templates/` count; links and anything else are ignored.
pub fn read_overrides(root: &Path, names: &[&str]) -> io::Result<Vec<(String, String, String)>> {
    let mut found = Vec::new();
    for name in names {
        let path = root.join(FOLDER).join(name);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => found.push((name.to_string(), format!("{FOLDER}/{name}"), read_text(&path)?)),
            _ => {}
        }
    }
    Ok(found)
}

/// Reads a UTF-8 text file of at most 1 MiB.
pub fn read_text(path: &Path) -> io::Result<String> {
    let meta = fs::metadata(path)?;
    if meta.len() > MAX_RECORD_BYTES {
        return Err(io::Error::other(format!("the file is {} bytes, expected at most 1 MiB", meta.len())));
    }
    let bytes = fs::read(path)?;
    String::from_utf8(bytes)
        .map_err(|e| io::Error::other(format!("not UTF-8 text at byte {}", e.utf8_error().valid_up_to())))
}

/// Writes `contents` to `path`: refuses an existing file unless `force`, atomically either way.
pub fn write_output(path: &Path, contents: &str, force: bool) -> io::Result<()> {
    if force && path.exists() {
        super::write::replace_file(path, contents)
    } else {
        super::write::create_file(path, contents)
    }
}
