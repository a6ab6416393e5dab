//! The notebook's folder tree: which files are records, what stays inside the notebook, capped reads.
//!
//! Every path the store reads or writes goes through `Tree`, which refuses anything that resolves
//! outside the notebook, whatever links it passes through; only regular files are ever opened.

use crate::diagnostic::{Diagnostic, relative_path};
use crate::error::{Error, Result};
use rayon::prelude::*;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// A record file is refused, unread, above this size.
pub const MAX_RECORD_BYTES: u64 = 1024 * 1024;

/// Temporary files the tool writes before renaming them into place: `.forecast-XXXXXX.tmp`.
pub const TEMP_PREFIX: &str = ".forecast-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is one of the tool's temporary files.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) && name.len() > TEMP_PREFIX.len() + TEMP_SUFFIX.len()
}

/// Whether a file name is an editor's or a version-control tool's dropping, never a record:
/// Emacs locks (`.#x.toml`) and autosaves (`#x.toml#`), backups (`x.toml~`), Vim swap files (`.x.toml.swp`).
pub fn is_dropping(name: &str) -> bool {
    name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || (name.starts_with('.') && [".swp", ".swo", ".swx"].iter().any(|s| name.ends_with(s)))
}

/// What a directory entry is, once any link is followed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    File,
    Folder,
    /// A FIFO, socket or device: never opened.
    Special(&'static str),
    /// A link that cannot be followed, leaves the notebook, or an entry that cannot be looked at.
    Refused(String),
}

/// The notebook folder and its real path, against which every link is judged.
pub struct Tree<'a> {
    pub root: &'a Path,
    real: Option<PathBuf>,
}

impl<'a> Tree<'a> {
    pub fn new(root: &'a Path) -> Self {
        Tree { root, real: root.canonicalize().ok() }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        if rel.is_empty() { self.root.to_path_buf() } else { self.root.join(rel) }
    }

    /// Whether `path` (already resolved through every link) lies inside the notebook.
    fn holds(&self, real: &Path) -> bool {
        self.real.as_ref().is_some_and(|root| real.starts_with(root))
    }

    /// What the entry at `rel` is, following a link only if it stays inside the notebook.
    fn kind(&self, rel: &str, own: fs::FileType) -> Kind {
        if !own.is_symlink() {
            return plain_kind(own);
        }
        let path = self.path(rel);
        let target = match fs::metadata(&path) {
            Ok(meta) => meta.file_type(),
            Err(e) => return Kind::Refused(broken_link(&e)),
        };
        match path.canonicalize() {
            Ok(real)
                if target.is_dir()
                    && path
                        .parent()
                        .and_then(|p| p.canonicalize().ok())
                        .is_some_and(|from| from.starts_with(&real)) =>
            {
                Kind::Refused(
                    "found a link back to a folder that holds it (a loop), expected a file or folder".to_string(),
                )
            }
            Ok(real) if self.holds(&real) => plain_kind(target),
            Ok(_) => Kind::Refused(
                "found a link that resolves outside the notebook, expected a file or folder inside it".to_string(),
            ),
            Err(e) => Kind::Refused(broken_link(&e)),
        }
    }

    /// What lies at `rel` (a record folder, `notebook.toml`, `templates/`…), or `None` if nothing does.
    fn kind_at(&self, rel: &str) -> Option<Kind> {
        match fs::symlink_metadata(self.path(rel)) {
            Ok(meta) => Some(self.kind(rel, meta.file_type())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => Some(Kind::Refused(format!("cannot look at it: {e}"))),
        }
    }

    /// Checks that `rel` is a regular file inside the notebook, or absent; the error says why not.
    pub fn file_at(&self, rel: &str) -> std::result::Result<bool, String> {
        match self.kind_at(rel) {
            None => Ok(false),
            Some(Kind::File) => Ok(true),
            Some(Kind::Folder) => Err("found a folder, expected a file".to_string()),
            Some(Kind::Special(what)) => Err(format!("found a {what}, expected a regular file; it was not opened")),
            Some(Kind::Refused(why)) => Err(why),
        }
    }

    /// Checks that `rel` is a folder inside the notebook, or absent.
    pub fn folder_at(&self, rel: &str) -> std::result::Result<bool, String> {
        match self.kind_at(rel) {
            None => Ok(false),
            Some(Kind::Folder) => Ok(true),
            Some(Kind::File) => Err("found a file, expected a folder".to_string()),
            Some(Kind::Special(what)) => Err(format!("found a {what}, expected a folder")),
            Some(Kind::Refused(why)) => Err(why),
        }
    }

    /// The folder `rel` for writing into, created (with its parents) if missing. Refused if it, or
    /// any folder on the way, resolves outside the notebook or is not a folder.
    pub fn folder_for_writing(&self, rel: &str) -> Result<PathBuf> {
        let mut walked = String::new();
        for part in rel.split('/').filter(|p| !p.is_empty()) {
            if !walked.is_empty() {
                walked.push('/');
            }
            walked.push_str(part);
            let refuse = |why: String| Error::Outside { path: walked.clone(), why };
            if !self.folder_at(&walked).map_err(refuse)? {
                fs::create_dir(self.path(&walked)).or_else(|e| match e.kind() {
                    io::ErrorKind::AlreadyExists => Ok(()),
                    _ => Err(Error::write(self.path(&walked), e)),
                })?;
                self.folder_at(&walked).map_err(refuse)?;
            }
        }
        Ok(self.path(rel))
    }

    /// Lists the `.toml` record files under the folder `rel` as notebook-relative paths, in path
    /// order (each folder's entries sorted by name), reporting what cannot be a record.
    pub fn record_files(&self, rel: &str, recursive: bool, found: &mut Vec<Diagnostic>) -> Vec<String> {
        let mut files = Vec::new();
        match self.folder_at(rel) {
            Ok(true) => self.collect(rel, recursive, &mut files, found),
            Ok(false) => {}
            Err(why) => found.push(Diagnostic::error(rel, None, why)),
        }
        files
    }

    fn collect(&self, rel: &str, recursive: bool, files: &mut Vec<String>, found: &mut Vec<Diagnostic>) {
        let entries = match fs::read_dir(self.path(rel)) {
            Ok(entries) => entries,
            Err(e) => {
                found.push(Diagnostic::error(rel, None, format!("cannot read the folder: {e}")));
                return;
            }
        };
        let mut listed: Vec<(String, io::Result<fs::FileType>)> = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => match e.file_name().into_string() {
                    Ok(name) => listed.push((name, e.file_type())),
                    Err(raw) => found.push(Diagnostic::error(
                        format!("{rel}/{}", raw.to_string_lossy()),
                        None,
                        "found a name that is not valid UTF-8, expected a UTF-8 file name; it was not read",
                    )),
                },
                Err(e) => found.push(Diagnostic::error(rel, None, format!("cannot read the folder: {e}"))),
            }
        }
        listed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (name, own) in listed {
            let path = format!("{rel}/{name}");
            let kind = match own {
                Ok(own) if is_dropping(&name) && !own.is_dir() => continue,
                Ok(own) => self.kind(&path, own),
                Err(e) => Kind::Refused(format!("cannot look at it: {e}")),
            };
            if is_temporary(&name) {
                if kind == Kind::File && self.abandoned(&path) {
                    found.push(leftover(path));
                }
                continue;
            }
            self.entry(path, &name, kind, recursive, files, found);
        }
    }

    fn entry(
        &self,
        path: String,
        name: &str,
        kind: Kind,
        recursive: bool,
        files: &mut Vec<String>,
        found: &mut Vec<Diagnostic>,
    ) {
        let record = name.ends_with(".toml");
        match kind {
            Kind::File if record => files.push(path),
            Kind::File => {}
            Kind::Folder if record => {
                found.push(Diagnostic::error(
                    path,
                    None,
                    "found a folder named like a record, expected a `.toml` file",
                ));
            }
            Kind::Folder if recursive && !name.starts_with('.') => self.collect(&path, recursive, files, found),
            Kind::Folder => {}
            Kind::Special(what) if record => found.push(Diagnostic::error(
                path,
                None,
                format!("found a {what} named like a record, expected a regular file; it was not opened"),
            )),
            Kind::Special(_) => {}
            Kind::Refused(why) if record || !name.starts_with('.') => found.push(Diagnostic::error(path, None, why)),
            Kind::Refused(_) => {}
        }
    }

    /// The visible subfolders of the folder `rel` that stay inside the notebook, in name order.
    /// Problems with its entries are reported by `record_files`, which every caller lists first.
    pub fn subfolders(&self, rel: &str) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.path(rel)) else { return Vec::new() };
        let mut folders: Vec<String> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let path = format!("{rel}/{name}");
                let visible = !name.starts_with('.') && !name.ends_with(".toml");
                (visible && self.kind(&path, e.file_type().ok()?) == Kind::Folder).then_some(path)
            })
            .collect();
        folders.sort_unstable();
        folders
    }

    /// The tool's temporary files that a write left behind directly in the notebook's folder and
    /// in its other visible folders, such as `templates/` and `reports/` (the record folders report
    /// their own as they are listed).
    pub fn leftovers_in_root(&self, found: &mut Vec<Diagnostic>) {
        for folder in self.unlisted_folders() {
            self.leftovers_in(&folder, found);
        }
    }

    /// The notebook's own folder and its visible folders other than the record folders: where
    /// `templates export`, `report --out` and `chart --out` write.
    fn unlisted_folders(&self) -> Vec<String> {
        let mut list = vec![String::new()];
        if let Ok(entries) = fs::read_dir(self.root) {
            let mut names: Vec<String> = entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| !n.starts_with('.') && !["scenarios", "evidence", "updates"].contains(&n.as_str()))
                .collect();
            names.sort();
            list.extend(names);
        }
        list
    }

    fn leftovers_in(&self, rel: &str, found: &mut Vec<Diagnostic>) {
        let Ok(entries) = fs::read_dir(self.path(rel)) else { return };
        let join = |name: String| if rel.is_empty() { name } else { format!("{rel}/{name}") };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| is_temporary(name))
            .map(join)
            .filter(|path| self.abandoned(path))
            .collect();
        names.sort();
        found.extend(names.into_iter().map(leftover));
    }

    /// Whether the temporary file `rel` is old enough that no running write can own it; one dated
    /// that far in the future (a clock set wrong) counts too, or it would be kept forever.
    fn abandoned(&self, rel: &str) -> bool {
        let Some(modified) = fs::symlink_metadata(self.path(rel)).ok().and_then(|m| m.modified().ok()) else {
            return false;
        };
        match modified.elapsed() {
            Ok(age) => age >= ABANDONED_AFTER,
            Err(ahead) => ahead.duration() >= ABANDONED_AFTER,
        }
    }

    /// Reads the file `rel` into `buffer`, refusing one above `MAX_RECORD_BYTES` without reading further.
    /// The caller has checked that it is a regular file; it is opened without blocking all the same.
    pub fn read_capped(&self, rel: &str, buffer: &mut Vec<u8>) -> std::result::Result<(), String> {
        let file = open_nonblocking(&self.path(rel)).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => "file not found".to_string(),
            _ => format!("cannot read the file: {e}"),
        })?;
        read_limited(&file, buffer).map_err(|message| match file.metadata() {
            Ok(meta) if meta.len() > MAX_RECORD_BYTES => format!(
                "found a record of {} bytes, expected at most {MAX_RECORD_BYTES} bytes (1 MiB); the file was not read",
                meta.len()
            ),
            _ => message,
        })
    }

    /// The notebook-relative form of an absolute path.
    pub fn relative(&self, path: &Path) -> String {
        relative_path(self.root, path)
    }
}

/// Deletes the tool's temporary files older than `age` in the notebook's folder and its record
/// folders (their hidden folders aside), the same files `check` reports; returns what it removed
/// and what it kept because a writer may still own it, notebook-relative and sorted.
pub fn remove_temporary(tree: &Tree) -> Result<(Vec<String>, Vec<String>)> {
    let mut removed = Vec::new();
    let mut kept = Vec::new();
    let unlisted: Vec<(String, bool)> = tree.unlisted_folders().into_iter().map(|f| (f, false)).collect();
    let records = [("scenarios", false), ("evidence", true), ("updates", true)].map(|(f, r)| (f.to_string(), r));
    for (folder, recursive) in unlisted.into_iter().chain(records) {
        if folder.is_empty() || tree.folder_at(&folder) == Ok(true) {
            remove_temporary_in(tree, &folder, recursive, &mut removed, &mut kept)?;
        }
    }
    removed.sort();
    kept.sort();
    Ok((removed, kept))
}

fn remove_temporary_in(
    tree: &Tree,
    rel: &str,
    recursive: bool,
    removed: &mut Vec<String>,
    kept: &mut Vec<String>,
) -> Result<()> {
    let Ok(entries) = fs::read_dir(tree.path(rel)) else { return Ok(()) };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_file() && is_temporary(&name) {
            if tree.abandoned(&path) {
                fs::remove_file(entry.path()).map_err(|e| Error::write(entry.path(), e))?;
                removed.push(path);
            } else {
                kept.push(path);
            }
        } else if kind.is_dir() && recursive && !name.starts_with('.') {
            remove_temporary_in(tree, &path, recursive, removed, kept)?;
        }
    }
    Ok(())
}

/// How old a temporary file must be before it counts as left behind: no write holds one open for
/// more than a moment, so one this old belongs to a writer that is gone. Younger ones may be a write
/// in progress, and are neither reported nor removed.
pub const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);

fn leftover(path: String) -> Diagnostic {
    Diagnostic::warning(path, None, "leftover temporary file from an interrupted write")
        .with_hint("`forecast check --fix` removes it")
}

/// Reads at most `MAX_RECORD_BYTES` from `source` into `buffer`; refuses anything longer.
pub fn read_limited(source: impl Read, buffer: &mut Vec<u8>) -> std::result::Result<(), String> {
    buffer.clear();
    let mut capped = source.take(MAX_RECORD_BYTES + 1);
    capped.read_to_end(buffer).map_err(|e| format!("cannot read the file: {e}"))?;
    if buffer.len() as u64 > MAX_RECORD_BYTES {
        buffer.clear();
        buffer.shrink_to(64 * 1024);
        return Err(format!(
            "found a file of more than {MAX_RECORD_BYTES} bytes (1 MiB), expected at most that; the rest was not read"
        ));
    }
    Ok(())
}

/// Opens a file named on the command line for reading without ever waiting in `open`: a FIFO
/// with no writer would block there forever. Once open, reads block as usual, so a pipe from
/// `--from <(command)` is read to its end, and a FIFO nobody writes to reads as empty.
pub fn open_named(path: &Path) -> io::Result<fs::File> {
    let file = open_nonblocking(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        let fd = file.as_raw_fd();
        // SAFETY: F_GETFL/F_SETFL on a descriptor this function owns.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
            }
        }
    }
    Ok(file)
}

fn open_nonblocking(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK | libc::O_NOCTTY);
    options.open(path)
}

fn plain_kind(kind: fs::FileType) -> Kind {
    if kind.is_file() {
        return Kind::File;
    }
    if kind.is_dir() {
        return Kind::Folder;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Kind::Special("FIFO (named pipe)");
        }
        if kind.is_socket() {
            return Kind::Special("socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Kind::Special("device");
        }
    }
    Kind::Special("special file")
}

fn broken_link(e: &io::Error) -> String {
    match e.raw_os_error() {
        #[cfg(unix)]
        Some(libc::ELOOP) => "found a link that loops back on itself, expected a file or folder".to_string(),
        _ if e.kind() == io::ErrorKind::NotFound => "found a link to nothing, expected a file or folder".to_string(),
        _ => format!("found a link that cannot be followed ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn droppings_and_temporary_names() {
        for name in [".#x.toml", "#x.toml#", "x.toml~", ".x.toml.swp"] {
            assert!(is_dropping(name), "{name}");
        }
        assert!(!is_dropping("x.toml"));
        assert!(is_temporary(".forecast-AbC123.tmp"));
        assert!(!is_temporary(".forecast-.tmp"));
        assert!(!is_temporary("forecast-x.tmp"));
    }
}
