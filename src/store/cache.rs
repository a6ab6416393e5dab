//! The validated cache, `.forecast/cache/records`: each record file's checked form and findings,
//! keyed by what `stat` says of the file (size, modification and change times to the nanosecond,
//! inode, device), as git's index keys its entries. A load re-reads only the files whose stamp
//! differs, or that changed too close to when the cache was made to tell ("racy" files).
//!
//! The cache is a private speed-up, never a source of truth: one that cannot be read, is
//! truncated, was written by another build of the tool or for other scenarios or settings, is
//! ignored whole and rebuilt. It is written to a temporary file and renamed into place, so a
//! reader never sees a torn cache; a writer that finds another already writing leaves it to them.

use super::files::Tree;
use super::read::Readings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Evidence, Update};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use std::os::unix::fs::MetadataExt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The cache's folder (git-ignored by the `.gitignore` that `init` writes).
pub const FOLDER: &str = ".forecast/cache";
const FILE: &str = ".forecast/cache/records";
const LOCK: &str = ".forecast/cache/lock";
/// Changes whenever the layout below changes; a cache in any other layout is ignored.
const FORMAT: &str = "forecast records cache 1";
/// A file whose modification or change time falls this close before the load that cached it
/// started may have changed again within the same timestamp tick, unseen: it is re-read.
const RACY: Duration = Duration::from_secs(2);

/// What `stat` says of a record file: any change to its content changes at least the change time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
    ino: u64,
    dev: u64,
}

impl Stamp {
    /// The stamp of the file at `rel`, not following a link: a link is never cached, since what
    /// it leads to can change without the link changing.
    pub fn of(tree: &Tree, rel: &str) -> Option<Stamp> {
        let meta = std::fs::symlink_metadata(tree.path(rel)).ok()?;
        meta.file_type().is_file().then(|| Stamp {
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
            dev: meta.dev(),
        })
    }

    /// The later of the modification and change times, in nanoseconds since 1970.
    fn newest(&self) -> i128 {
        let ns = |(s, n): (i64, i64)| s as i128 * 1_000_000_000 + n as i128;
        ns(self.mtime).max(ns(self.ctime))
    }
}

/// A finding as the cache keeps it: before it is located, so without line and column.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Finding {
    error: bool,
    path: String,
    span: Option<Range<usize>>,
    message: String,
    hint: Option<String>,
}

impl Finding {
    fn of(d: &Diagnostic) -> Finding {
        Finding {
            error: d.is_error(),
            path: d.path.clone(),
            span: d.span.clone(),
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }

    fn into_diagnostic(self) -> Diagnostic {
        let severity = if self.error { Severity::Error } else { Severity::Warning };
        let found = Diagnostic::new(severity, self.path, self.span, self.message);
        match self.hint {
            Some(hint) => found.with_hint(hint),
            None => found,
        }
    }
}

/// One file's cached reading: its checked record, if it gave one, and its findings.
#[derive(Debug, Serialize, Deserialize)]
struct Entry<R> {
    rel: String,
    stamp: Stamp,
    record: Option<R>,
    findings: Vec<Finding>,
}

/// The same, borrowed from a fresh reading, for writing.
#[derive(Serialize)]
struct EntryRef<'a, R> {
    rel: &'a str,
    stamp: &'a Stamp,
    record: &'a Option<R>,
    findings: Vec<Finding>,
}

/// What a cache was made by and for; all of it must match for any entry to be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    format: String,
    /// The size and modification time of the program that wrote it.
    build: (u64, i64, i64),
    /// A fingerprint of the settings and scenarios every record was checked against.
    frame: u64,
    /// When the load that wrote it started, in nanoseconds since 1970.
    started: i128,
}

impl Header {
    /// The header a cache written now, for a notebook checked against `frame`, would carry.
    pub fn now(frame: &super::Frame) -> Header {
        let started = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128);
        Header { format: FORMAT.to_string(), build: build(), frame: fingerprint(frame), started }
    }

    fn fits(&self, other: &Header) -> bool {
        self.format == other.format && self.build == other.build && self.frame == other.frame
    }
}

/// Which build of the tool is running: its executable's size and modification time.
fn build() -> (u64, i64, i64) {
    std::env::current_exe().and_then(std::fs::metadata).map_or((0, 0, 0), |m| (m.size(), m.mtime(), m.mtime_nsec()))
}

/// A fingerprint of everything a record's own checks read besides its file: the settings and the
/// scenarios, in full.
fn fingerprint(frame: &super::Frame) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    format!("{frame:?}").hash(&mut hasher);
    hasher.finish()
}

/// The cached readings of one record folder, by notebook-relative path.
pub struct Entries<R> {
    map: HashMap<String, Entry<R>>,
    started: i128,
}

impl<R> Entries<R> {
    fn new(list: Vec<Entry<R>>, started: i128) -> Self {
        Entries { map: list.into_iter().map(|e| (e.rel.clone(), e)).collect(), started }
    }

    /// The cached record and findings of `rel`, taken out, if its stamp is `stamp` and it changed
    /// safely before the cache was made.
    pub fn take(&mut self, rel: &str, stamp: &Stamp) -> Option<(Option<R>, Vec<Diagnostic>)> {
        let entry = self.map.remove(rel)?;
        let fresh_enough = stamp.newest() < self.started - RACY.as_nanos() as i128;
        (entry.stamp == *stamp && fresh_enough)
            .then(|| (entry.record, entry.findings.into_iter().map(Finding::into_diagnostic).collect()))
    }

    /// Whether files were removed since: cached paths that no listing asked for.
    pub fn has_leftovers(&self) -> bool {
        !self.map.is_empty()
    }
}

/// The cached readings of evidence and updates.
#[derive(Serialize, Deserialize)]
struct Stored {
    header: Header,
    evidence: Vec<Entry<Result<Evidence, String>>>,
    updates: Vec<Entry<Update>>,
}

/// The cache as found: entries for evidence and for updates (none if there was no usable cache).
pub struct Found {
    pub evidence: Entries<Result<Evidence, String>>,
    pub updates: Entries<Update>,
    /// Whether a usable cache was found.
    pub usable: bool,
}

/// Reads the cache, if there is one that fits `header`; anything wrong with it means an empty one.
pub fn open(tree: &Tree, header: &Header) -> Found {
    read_stored(tree, header).unwrap_or_else(|| Found {
        evidence: Entries::new(Vec::new(), 0),
        updates: Entries::new(Vec::new(), 0),
        usable: false,
    })
}

fn read_stored(tree: &Tree, header: &Header) -> Option<Found> {
    if tree.file_at(FILE) != Ok(true) {
        return None;
    }
    let bytes = std::fs::read(tree.path(FILE)).ok()?;
    let stored: Stored = postcard::from_bytes(&bytes).ok()?;
    if !stored.header.fits(header) {
        return None;
    }
    let started = stored.header.started;
    Some(Found {
        evidence: Entries::new(stored.evidence, started),
        updates: Entries::new(stored.updates, started),
        usable: true,
    })
}

/// Writes the cache, replacing the old one whole. Best effort: a cache that cannot be written is
/// simply not there next time, and one that another process is writing is left to it.
pub fn save(tree: &Tree, header: &Header, evidence: &Readings<Result<Evidence, String>>, updates: &Readings<Update>) {
    let Ok(folder) = tree.folder_for_writing(FOLDER) else { return };
    let Ok(lock) = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(tree.path(LOCK)) else {
        return;
    };
    if lock.try_lock().is_err() || tree.file_at(LOCK) != Ok(true) {
        return;
    }
    let (evidence, updates) = (borrowed(evidence), borrowed(updates));
    #[derive(Serialize)]
    struct Out<'b, 'a> {
        header: &'b Header,
        evidence: &'b [EntryRef<'a, Result<Evidence, String>>],
        updates: &'b [EntryRef<'a, Update>],
    }
    let Ok(bytes) = postcard::to_stdvec(&Out { header, evidence: &evidence, updates: &updates }) else { return };
    let Ok(mut temp) = tempfile::Builder::new().prefix(".records-").tempfile_in(&folder) else { return };
    if std::io::Write::write_all(&mut temp, &bytes).is_ok() && tree.file_at(FILE).is_ok() {
        let _ = temp.persist(tree.path(FILE));
    }
}

/// The readings the cache can keep (files, not links), borrowed for writing.
fn borrowed<R>(readings: &Readings<R>) -> Vec<EntryRef<'_, R>> {
    readings
        .list
        .iter()
        .filter_map(|r| {
            Some(EntryRef {
                rel: &r.rel,
                stamp: r.stamp.as_ref()?,
                record: &r.record,
                findings: r.findings.iter().map(Finding::of).collect(),
            })
        })
        .collect()
}
