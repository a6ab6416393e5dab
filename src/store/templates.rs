//! Template files: the notebook's overrides in `templates/`, and text files named on the command line.

use super::files::{Tree, read_limited};
use crate::error::{Error, Result};
use std::path::Path;

/// The notebook's template folder.
pub const FOLDER: &str = "templates";

/// The templates in the notebook's `templates/` folder: (name, path as shown, source), for every
/// `.md` file directly in it, so that a template can include another by name (other files are not
/// templates, and are left alone). A `templates/`
/// folder, or a file in it, that leads outside the notebook or is not a plain file is refused,
/// naming it.
pub fn overrides(tree: &Tree) -> Result<Vec<(String, String, String)>> {
    if !tree.folder_at(FOLDER).map_err(|why| Error::Outside { path: FOLDER.to_string(), why })? {
        return Ok(Vec::new());
    }
    let entries =
        std::fs::read_dir(tree.path(FOLDER)).map_err(|e| Error::Read { path: tree.path(FOLDER), source: e })?;
    let mut names: Vec<String> = entries.flatten().filter_map(|e| e.file_name().into_string().ok()).collect();
    names.sort();
    let mut found = Vec::new();
    for name in names.into_iter().filter(|n| n.ends_with(".md") && !n.starts_with('.') && !super::files::is_dropping(n))
    {
        let rel = format!("{FOLDER}/{name}");
        if tree.folder_at(&rel) == Ok(true) {
            continue;
        }
        tree.file_at(&rel).map_err(|why| Error::Outside { path: rel.clone(), why })?;
        // A template is the file itself: a link, even to a file inside the notebook, could make
        // `notebook.toml` or a record includable.
        if std::fs::symlink_metadata(tree.path(&rel)).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Outside { path: rel, why: "found a link, expected the template itself".to_string() });
        }
        found.push((name, rel.clone(), text_file(&tree.path(&rel))?));
    }
    Ok(found)
}

/// Reads a UTF-8 text file of at most 1 MiB, such as `--template FILE` or `--from FILE`.
pub fn text_file(path: &Path) -> Result<String> {
    let fail = |e: std::io::Error| Error::Read { path: path.to_path_buf(), source: e };
    let file = super::files::open_named(path).map_err(fail)?;
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
