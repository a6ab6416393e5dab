//! Reading record files: names checked first, then each file parsed and checked, in parallel over
//! the cores, with results and findings returned in path order.

use super::cache::{Entries, Stamp};
use super::files::Tree;
use super::parse::{FileRecord, parse_text, record_id};
use crate::diagnostic::Diagnostic;
use crate::model::id;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// Folders with fewer record files than this are read on one thread.
const PARALLEL_FROM: usize = 64;

/// Reads every record file of one kind under `folder` and converts each with `convert`. File names
/// are checked for id syntax and uniqueness before any file is parsed.
pub fn records<T, R, F>(tree: &Tree, folder: &str, recursive: bool, found: &mut Vec<Diagnostic>, convert: F) -> Vec<R>
where
    T: DeserializeOwned,
    R: Send,
    F: Fn(Result<FileRecord<T>, String>, &mut Vec<Diagnostic>) -> Option<R> + Sync,
{
    let readings = readings(tree, folder, recursive, found, convert, None, |_| false);
    found.extend(readings.list.iter().flat_map(|r| r.findings.iter().cloned()));
    // `filter_map` lets the collect reuse the allocation in place where it can.
    readings.list.into_iter().filter_map(|r| r.record).collect()
}

/// One record file as a load read it: its path, its stamp (none for a link, or a file not read),
/// the record it checked into, if any, and its own findings.
pub struct Reading<R> {
    pub rel: String,
    pub stamp: Option<Stamp>,
    pub record: Option<R>,
    pub findings: Vec<Diagnostic>,
}

/// Every record file of one folder as read, in path order, and whether any was read afresh.
pub struct Readings<R> {
    pub list: Vec<Reading<R>>,
    pub read_afresh: bool,
}

/// Like `records`, keeping each file's reading apart; with `cached`, a file whose stamp matches
/// its cached entry is taken from the cache instead of being read, unless `reread` says the cached
/// record lacks something the command needs. Findings about the listing and the names go to
/// `found`; each file's own findings stay in its reading.
pub fn readings<T, R, F>(
    tree: &Tree,
    folder: &str,
    recursive: bool,
    found: &mut Vec<Diagnostic>,
    convert: F,
    mut cached: Option<&mut Entries<R>>,
    reread: impl Fn(&R) -> bool,
) -> Readings<R>
where
    T: DeserializeOwned,
    R: Send,
    F: Fn(Result<FileRecord<T>, String>, &mut Vec<Diagnostic>) -> Option<R> + Sync,
{
    let files = tree.record_files(folder, recursive, found);
    let names = check_names(&files, found);
    let parallel = files.len() >= PARALLEL_FROM;
    let stamps: Vec<Option<Stamp>> = match cached {
        None => vec![None; files.len()],
        Some(_) if parallel => files.par_iter().map(|rel| Stamp::of(tree, rel)).collect(),
        Some(_) => files.iter().map(|rel| Stamp::of(tree, rel)).collect(),
    };
    let (mut from_cache, mut changed) = (Vec::with_capacity(files.len()), Vec::with_capacity(files.len()));
    let mut list: Vec<Reading<R>> = files
        .into_iter()
        .zip(stamps)
        .zip(&names)
        .map(|((rel, stamp), name)| {
            // A file not read for a duplicate id reads differently once the other file is gone.
            let stamp = stamp.filter(|_| *name != Name::Duplicate);
            let hit = cached.as_deref_mut().zip(stamp.as_ref()).and_then(|(c, s)| c.take(&rel, s));
            changed.push(stamp.is_some() && hit.is_none());
            let hit = hit.filter(|(record, _)| !record.as_ref().is_some_and(&reread));
            from_cache.push(hit.is_some());
            let (record, findings) = hit.unwrap_or((None, Vec::new()));
            Reading { rel, stamp, record, findings }
        })
        .collect();
    let read = |(reading, (name, cached)): (&mut Reading<R>, (&Name, &bool))| {
        if !*cached {
            let mut problems = Vec::new();
            reading.record = read_one(tree, &reading.rel, *name, &convert, &mut problems);
            reading.findings = problems;
        }
    };
    if parallel {
        list.par_iter_mut().zip(names.par_iter().zip(from_cache.par_iter())).for_each(read);
    } else {
        list.iter_mut().zip(names.iter().zip(from_cache.iter())).for_each(read);
    }
    // A file new or changed since it was cached, or a cached file that is gone, changes the cache.
    let read_afresh = changed.contains(&true) || cached.is_some_and(|c| c.has_leftovers());
    Readings { list, read_afresh }
}

/// Reads and converts one file as its name allows.
fn read_one<T, R, F>(tree: &Tree, rel: &str, name: Name, convert: &F, problems: &mut Vec<Diagnostic>) -> Option<R>
where
    T: DeserializeOwned,
    F: Fn(Result<FileRecord<T>, String>, &mut Vec<Diagnostic>) -> Option<R>,
{
    match name {
        Name::Duplicate => None,
        Name::Valid | Name::Invalid => match parse_file::<T>(tree, rel) {
            Ok(record) if name == Name::Valid => convert(Ok(record), problems),
            Ok(_) => None,
            Err(list) => {
                problems.extend(list);
                if name == Name::Valid { convert(Err(record_id(rel).to_string()), problems) } else { None }
            }
        },
    }
}

/// The record files under `folder` whose names are valid ids, in path order, with the same
/// findings about their names and kinds as a full read reports.
pub fn valid_files(tree: &Tree, folder: &str, recursive: bool, found: &mut Vec<Diagnostic>) -> Vec<String> {
    let files = tree.record_files(folder, recursive, found);
    let names = check_names(&files, found);
    files.into_iter().zip(names).filter(|(_, name)| *name == Name::Valid).map(|(rel, _)| rel).collect()
}

/// Reads one file that stands alone, such as `notebook.toml` or `resolution.toml`; `None` if it is
/// absent or unusable (the findings say which).
pub fn single<T: DeserializeOwned>(tree: &Tree, rel: &str, found: &mut Vec<Diagnostic>) -> Option<FileRecord<T>> {
    match tree.file_at(rel) {
        Ok(true) => {}
        Ok(false) => return None,
        Err(why) => {
            found.push(Diagnostic::error(rel, None, why));
            return None;
        }
    }
    parse_file::<T>(tree, rel).map_err(|problems| found.extend(problems)).ok()
}

/// What a record's file name allows: reading it as a record, reading it only for its findings
/// (the name is not a valid id), or not reading it at all (an earlier file has the same id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    Valid,
    Invalid,
    Duplicate,
}

/// Checks each file name for id syntax and for uniqueness across subfolders. Valid ids are
/// lowercase, so two names that differ only in case are caught as an invalid name. One folder
/// cannot hold a name twice, so without subfolders there is nothing to look up.
fn check_names(files: &[String], found: &mut Vec<Diagnostic>) -> Vec<Name> {
    let nested = files.iter().any(|rel| rel.matches('/').count() > 1);
    let mut seen: HashMap<&str, &str> = HashMap::with_capacity(if nested { files.len() } else { 0 });
    let mut names = Vec::with_capacity(files.len());
    for rel in files {
        let id = record_id(rel);
        let name = if let Err(problem) = id::validate(id) {
            found.push(
                Diagnostic::error(rel, None, format!("invalid id `{id}` in the file name: {problem}"))
                    .with_optional_hint(id::suggest(id).map(|s| format!("rename the file to `{s}.toml`"))),
            );
            Name::Invalid
        } else if !nested {
            Name::Valid
        } else if let Some(first) = seen.get(id) {
            found.push(Diagnostic::error(
                rel,
                None,
                format!("duplicate id `{id}`: `{first}` already uses it; ids must be unique across subfolders"),
            ));
            Name::Duplicate
        } else {
            seen.insert(id, rel);
            Name::Valid
        };
        names.push(name);
    }
    names
}

thread_local! {
    /// Each thread reads every file into the same buffer, so reading a file allocates nothing.
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads and parses one record file, named by its notebook-relative path.
pub fn parse_file<T: DeserializeOwned>(tree: &Tree, rel: &str) -> Result<FileRecord<T>, Vec<Diagnostic>> {
    BUFFER.with_borrow_mut(|buffer| {
        tree.read_capped(rel, buffer).map_err(|message| vec![Diagnostic::error(rel, None, message)])?;
        parse_text(rel, record_id(rel), buffer)
    })
}
