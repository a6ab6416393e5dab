//! Atomic writes: a temporary file in the target folder, synced, renamed into place only if the name is free.

use super::read::{TEMP_PREFIX, TEMP_SUFFIX};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many `-2`, `-3`, … suffixes to try before giving up on a name.
const MAX_SUFFIX: usize = 10_000;

/// Writes a new record `<dir>/<stem>.toml`, or `<stem>-2.toml`, `<stem>-3.toml`, … if taken.
/// Never replaces an existing file. Returns the path written.
pub fn create_record(dir: &Path, stem: &str, contents: &str) -> io::Result<PathBuf> {
    create_record_beside(dir, &[], stem, contents)
}

/// Like `create_record`, also passing over names taken in the folders `beside`, where a record of
/// the same kind may sit with the same id.
pub fn create_record_beside(dir: &Path, beside: &[&Path], stem: &str, contents: &str) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let mut temp = staged(dir, contents)?;
    for n in 1..=MAX_SUFFIX {
        let name = if n == 1 { format!("{stem}.toml") } else { format!("{stem}-{n}.toml") };
        if beside.iter().any(|other| other.join(&name).exists()) {
            continue;
        }
        let target = dir.join(name);
        match temp.persist_noclobber(&target) {
            Ok(_) => {
                sync_dir(dir)?;
                return Ok(target);
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => temp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("every name from `{stem}.toml` to `{stem}-{MAX_SUFFIX}.toml` is taken"),
    ))
}

/// Writes a file that must not exist yet, such as `notebook.toml` or `resolution.toml`.
pub fn create_file(path: &Path, contents: &str) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    staged(dir, contents)?.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Replaces an existing file's contents atomically (for edits such as a retraction).
pub fn replace_file(path: &Path, contents: &str) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    staged(dir, contents)?.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Test seam: `FORECAST_INJECT_WRITE_FAILURE=1` makes every write fail as a full disk would, for
/// machines where the tests cannot mount a small tmpfs. Nothing else reads it.
const INJECT_FAILURE: &str = "FORECAST_INJECT_WRITE_FAILURE";

/// A synced temporary file in `dir` holding `contents`.
fn staged(dir: &Path, contents: &str) -> io::Result<tempfile::NamedTempFile> {
    if std::env::var_os(INJECT_FAILURE).is_some_and(|v| v == "1") {
        return Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device (injected)"));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(contents.as_bytes())?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_and_numbers_clashes() {
        let dir = tempfile::tempdir().unwrap();
        let first = create_record(dir.path(), "a", "one").unwrap();
        let second = create_record(dir.path(), "a", "two").unwrap();
        assert_eq!(first.file_name().unwrap(), "a.toml");
        assert_eq!(second.file_name().unwrap(), "a-2.toml");
        assert_eq!(fs::read_to_string(first).unwrap(), "one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file is left");
        #[cfg(unix)]
        assert_eq!(
            std::os::unix::fs::PermissionsExt::mode(&fs::metadata(&second).unwrap().permissions()) & 0o777,
            0o644
        );
        assert!(create_file(&dir.path().join("a.toml"), "three").is_err());
    }
}
