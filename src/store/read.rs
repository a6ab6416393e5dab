//! Reading record files: names checked first, then each file parsed and checked, in parallel over
//! the cores, with results and findings returned in path order.

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
    let files = tree.record_files(folder, recursive, found);
    let names = check_names(&files, found);
    let read = |(rel, name): (&String, &Name)| {
        let mut problems = Vec::new();
        let converted = match name {
            Name::Duplicate => None,
            Name::Valid | Name::Invalid => match parse_file::<T>(tree, rel) {
                Ok(record) if *name == Name::Valid => convert(Ok(record), &mut problems),
                Ok(_) => None,
                Err(list) => {
                    problems.extend(list);
                    if *name == Name::Valid { convert(Err(record_id(rel).to_string()), &mut problems) } else { None }
                }
            },
        };
        (converted, problems)
    };
    // Starting the thread pool costs more than reading a handful of files.
    let (converted, problems): (Vec<Option<R>>, Vec<Vec<Diagnostic>>) = if files.len() < PARALLEL_FROM {
        files.iter().zip(&names).map(read).unzip()
    } else {
        files.par_iter().zip(names.par_iter()).map(read).unzip()
    };
    found.extend(problems.into_iter().flatten());
    // `filter_map` (unlike `flatten`) lets the collect reuse the allocation of `converted` in place,
    // so a large notebook's records are never held in two vectors at once.
    #[allow(clippy::filter_map_identity)]
    let records: Vec<R> = converted.into_iter().filter_map(|r| r).collect();
    records
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
