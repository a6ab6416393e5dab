//! Atomic writes: each file is staged as a synced temporary file in its target folder, then
//! renamed into place only if the name is free; several files land together or not at all.

use super::files::{TEMP_PREFIX, TEMP_SUFFIX};
use crate::error::{Error, Result};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many `-2`, `-3`, … suffixes to try before giving up on a name.
const MAX_SUFFIX: usize = 10_000;

/// A file staged for writing: its synced temporary copy and where it goes.
pub struct Staged {
    /// Closed once written, so that a batch of thousands holds no file open.
    temp: tempfile::TempPath,
    dir: PathBuf,
    target: Target,
}

enum Target {
    /// A new record `<stem>.toml`, or `<stem>-2.toml`, … if taken here or in the folders `beside`.
    Record { stem: String, beside: Vec<PathBuf> },
    /// A file at exactly this name; replaced only if `replace` says so.
    Exact { name: PathBuf, replace: bool },
}

/// What landed: the paths written, and warnings about what happened after they were in place.
#[derive(Debug, Default)]
pub struct Landed {
    pub paths: Vec<PathBuf>,
    pub warnings: Vec<String>,
}

/// Stages a new record in `dir`, which must exist.
pub fn stage_record(dir: &Path, beside: &[&Path], stem: &str, contents: &str) -> Result<Staged> {
    let target = Target::Record { stem: stem.to_string(), beside: beside.iter().map(|p| p.to_path_buf()).collect() };
    Ok(Staged { temp: staged(dir, contents.as_bytes(), None, true)?, dir: dir.to_path_buf(), target })
}

/// Stages a new record without syncing it: for a batch, synced all at once by `sync_all_staged`.
pub fn stage_record_unsynced(dir: &Path, beside: &[&Path], stem: &str, contents: &str) -> Result<Staged> {
    let target = Target::Record { stem: stem.to_string(), beside: beside.iter().map(|p| p.to_path_buf()).collect() };
    Ok(Staged { temp: staged(dir, contents.as_bytes(), None, false)?, dir: dir.to_path_buf(), target })
}

/// Syncs the file system holding `dir`, and so every file staged in it unsynced: one call for a
/// batch of thousands instead of one per file.
pub fn sync_all_staged(dir: &Path) -> Result<()> {
    let folder = fs::File::open(dir).map_err(|e| Error::write(dir, e))?;
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::io::AsRawFd;
        // SAFETY: syncfs on a descriptor this function owns.
        if unsafe { libc::syncfs(folder.as_raw_fd()) } != 0 {
            return Err(Error::write(dir, io::Error::last_os_error()));
        }
    }
    #[cfg(not(target_os = "linux"))]
    folder.sync_all().map_err(|e| Error::write(dir, e))?;
    Ok(())
}

/// Stages the file `path`; with `replace`, it may replace an existing file (keeping its mode).
pub fn stage_file(path: &Path, contents: &[u8], replace: bool) -> Result<Staged> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let name = PathBuf::from(path.file_name().ok_or_else(|| Error::write(path, io::Error::other("not a file name")))?);
    let mode = if replace { existing_mode(path) } else { None };
    Ok(Staged { temp: staged(&dir, contents, mode, true)?, dir, target: Target::Exact { name, replace } })
}

/// Puts every staged file in place, in order. If one cannot be placed, those already placed are
/// removed again and the error is returned: the files land together or not at all.
pub fn commit(staged: Vec<Staged>) -> Result<Landed> {
    commit_noting(staged, &mut |_, _| Ok(()))
}

/// What `commit_noting` tells of a path: a file may land there next, or the name proved taken.
pub type Note<'a> = &'a mut dyn FnMut(&Path, bool) -> Result<()>;

/// Like `commit`, telling `note` of each path just before a file may land there, and again (with
/// `true`) if the name proved taken: for the import journal, so that an import killed half-way
/// can be taken back without touching anything it did not write.
pub fn commit_noting(staged: Vec<Staged>, note: Note) -> Result<Landed> {
    let mut landed = Landed::default();
    for file in staged {
        match place(file, note) {
            Ok(path) => landed.paths.push(path),
            Err(error) => {
                for path in &landed.paths {
                    let _ = fs::remove_file(path);
                }
                return Err(error);
            }
        }
    }
    let mut dirs: Vec<&Path> = landed.paths.iter().filter_map(|p| p.parent()).collect();
    dirs.dedup();
    for dir in dirs {
        if let Err(e) = sync_dir(dir) {
            landed.warnings.push(format!(
                "`{}` is written, but syncing its folder failed ({e}); it may not survive a power cut",
                dir.display()
            ));
        }
    }
    Ok(landed)
}

fn place(file: Staged, note: Note) -> Result<PathBuf> {
    let Staged { mut temp, dir, target } = file;
    match target {
        Target::Exact { name, replace } => {
            let path = dir.join(name);
            note(&path, false)?;
            let result = if replace { temp.persist(&path) } else { temp.persist_noclobber(&path) };
            result.map_err(|e| Error::write(&path, e.error))?;
            Ok(path)
        }
        Target::Record { stem, beside } => {
            for n in 1..=MAX_SUFFIX {
                let name = if n == 1 { format!("{stem}.toml") } else { format!("{stem}-{n}.toml") };
                if beside.iter().any(|other| other.join(&name).exists()) {
                    continue;
                }
                let path = dir.join(name);
                note(&path, false)?;
                match temp.persist_noclobber(&path) {
                    Ok(()) => return Ok(path),
                    Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
                        note(&path, true)?;
                        temp = e.path;
                    }
                    Err(e) => return Err(Error::write(&path, e.error)),
                }
            }
            let full = io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("every name from `{stem}.toml` to `{stem}-{MAX_SUFFIX}.toml` is taken"),
            );
            Err(Error::write(dir, full))
        }
    }
}

/// Test seam: `FORECAST_INJECT_WRITE_FAILURE=1` makes every write fail as a full disk would, and
/// `=sync` makes only the folder sync after a rename fail, for machines where the tests cannot
/// mount a small tmpfs. Nothing else reads it.
const INJECT_FAILURE: &str = "FORECAST_INJECT_WRITE_FAILURE";

fn injected(kind: &str) -> bool {
    std::env::var_os(INJECT_FAILURE).is_some_and(|v| v == kind)
}

/// A temporary file in `dir` holding `contents`, with `mode` (default 0644), synced if `sync`.
fn staged(dir: &Path, contents: &[u8], mode: Option<u32>, sync: bool) -> Result<tempfile::TempPath> {
    let fail = |e: io::Error| Error::write(dir, plain(e));
    if injected("1") {
        return Err(fail(io::Error::new(io::ErrorKind::StorageFull, "No space left on device (injected)")));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(mode.unwrap_or(0o644)));
    let mut temp = builder.tempfile_in(dir).map_err(fail)?;
    temp.write_all(contents).map_err(fail)?;
    if sync {
        temp.as_file().sync_all().map_err(fail)?;
    }
    Ok(temp.into_temp_path())
}

/// An I/O error without the temporary file's path that tempfile adds (`… at path "/x/.forecast-…"`):
/// the message names the folder being written, and the temporary file is gone.
fn plain(e: io::Error) -> io::Error {
    let text = e.to_string();
    match text.split_once(" at path ") {
        Some((message, _)) => io::Error::new(e.kind(), message.to_string()),
        None => e,
    }
}

#[cfg(unix)]
fn existing_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).ok().map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn existing_mode(_: &Path) -> Option<u32> {
    None
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    if injected("sync") {
        return Err(io::Error::other("Input/output error (injected)"));
    }
    fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(dir: &Path, stem: &str, text: &str) -> PathBuf {
        commit(vec![stage_record(dir, &[], stem, text).unwrap()]).unwrap().paths.remove(0)
    }

    #[test]
    fn never_overwrites_and_numbers_clashes() {
        let dir = tempfile::tempdir().unwrap();
        let first = record(dir.path(), "a", "one");
        let second = record(dir.path(), "a", "two");
        assert_eq!(first.file_name().unwrap(), "a.toml");
        assert_eq!(second.file_name().unwrap(), "a-2.toml");
        assert_eq!(fs::read_to_string(first).unwrap(), "one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file is left");
        #[cfg(unix)]
        assert_eq!(existing_mode(&second), Some(0o644));
        let taken = stage_file(&dir.path().join("a.toml"), b"three", false).unwrap();
        assert!(commit(vec![taken]).is_err());
    }

    #[test]
    fn files_land_together_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("b.md"), "kept").unwrap();
        let first = stage_file(&dir.path().join("a.svg"), b"chart", false).unwrap();
        let second = stage_file(&dir.path().join("b.md"), b"briefing", false).unwrap();
        assert!(commit(vec![first, second]).is_err());
        assert!(!dir.path().join("a.svg").exists(), "the first file was taken back");
        assert_eq!(fs::read_to_string(dir.path().join("b.md")).unwrap(), "kept");
    }
}
