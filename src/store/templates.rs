//! Template files: the notebook's overrides in `templates/`, and text files named on the command line.

use super::files::{Tree, read_limited};
use crate::error::{Error, Result};
use std::path::Path;

/// The notebook's template folder.
pub const FOLDER: &str = "templates";

/// The notebook's overrides among `names`: (name, path as shown, source). Only regular files inside
/// the notebook count; a `templates/` folder or file that leads outside it is refused.
pub fn overrides(tree: &Tree, names: &[&str]) -> Result<Vec<(String, String, String)>> {
    if !tree.folder_at(FOLDER).map_err(|why| Error::Outside { path: FOLDER.to_string(), why })? {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for name in names {
        let rel = format!("{FOLDER}/{name}");
        if tree.file_at(&rel).map_err(|why| Error::Outside { path: rel.clone(), why })? {
            found.push((name.to_string(), rel.clone(), text_file(&tree.path(&rel))?));
        }
    }
    Ok(found)
}

/// Reads a UTF-8 text file of at most 1 MiB, such as `--template FILE` or `--from FILE`.
pub fn text_file(path: &Path) -> Result<String> {
    let fail = |e: std::io::Error| Error::Read { path: path.to_path_buf(), source: e };
    let file = std::fs::File::open(path).map_err(fail)?;
    let mut bytes = Vec::new();
    read_limited(file, &mut bytes).map_err(|m| fail(std::io::Error::other(m)))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::input(format!(
            "{}: found a byte that is not valid UTF-8 at byte {}, expected UTF-8 text",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}
