//! Editing a record in place, the only change ever made to an existing record (a retraction, a
//! rating of old evidence, a scenario's retirement): compare and swap, keeping comments, layout,
//! line endings and the file's mode.

use super::files::Tree;
use super::write::{self, Landed};
use crate::error::{Error, Result};
use std::fs;
use std::io::Read;

/// Replaces the record `rel` with `change(text)`, but only if the file still holds the text the
/// change was computed from when it is replaced: otherwise nothing is written and the edit is
/// refused as changed by someone else. The file is locked while it is compared and replaced, so
/// of several concurrent edits exactly one lands.
pub fn edit(tree: &Tree, rel: &str, change: impl FnOnce(&str) -> Result<String>) -> Result<Landed> {
    let path = tree.path(rel);
    tree.file_at(rel).map_err(|why| Error::Outside { path: rel.to_string(), why })?;
    let before = fs::read_to_string(&path).map_err(|e| Error::Read { path: path.clone(), source: e })?;
    let after = keep_line_endings(&before, &change(&before)?);
    let file = fs::File::open(&path).map_err(|e| Error::Read { path: path.clone(), source: e })?;
    file.lock().map_err(|e| Error::write(&path, e))?;
    let changed = || Error::Changed { path: rel.to_string() };
    if !same_file(&file, &path) {
        return Err(changed());
    }
    let mut now = String::new();
    (&file).read_to_string(&mut now).map_err(|e| Error::Read { path: path.clone(), source: e })?;
    if now != before {
        return Err(changed());
    }
    let landed = write::commit(vec![write::stage_file(&path, after.as_bytes(), true)?]);
    drop(file);
    landed
}

/// Whether `path` still names the file that `file` has open (it was not replaced meanwhile).
#[cfg(unix)]
fn same_file(file: &fs::File, path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.ino() == named.ino() && open.dev() == named.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, _: &std::path::Path) -> bool {
    true
}

/// `after` with the line endings `before` used: CRLF files stay CRLF.
fn keep_line_endings(before: &str, after: &str) -> String {
    let lf = after.replace("\r\n", "\n");
    if before.contains("\r\n") { lf.replace('\n', "\r\n") } else { lf }
}

/// Adds a `[retracted]` table (`date`, `reason`) to evidence text, keeping every comment.
pub fn retraction(text: &str, recorded: &crate::model::Moment, zone: chrono_tz::Tz, reason: &str) -> Result<String> {
    let mut doc = document(text)?;
    let mut table = toml_edit::Table::new();
    let date = crate::model::time::day_in(zone, recorded);
    let day: toml_edit::Datetime = date.to_string().parse().expect("a date is a TOML date");
    let moment: toml_edit::Datetime =
        crate::model::time::rfc3339(recorded).parse().expect("a moment is a TOML date-time");
    table["date"] = toml_edit::value(day);
    table["reason"] = toml_edit::value(reason);
    table["recorded"] = toml_edit::value(moment);
    doc["retracted"] = toml_edit::Item::Table(table);
    Ok(doc.to_string())
}

/// Sets `origin`, and `linked` (when), in evidence text, before its tables, keeping every
/// comment; refuses to change one already there (the text changed since it was read).
pub fn origin(text: &str, origin: &str, linked: &crate::model::Moment) -> Result<String> {
    let mut doc = document(text)?;
    if doc.contains_key("origin") {
        return Err(Error::input("the item already has an `origin`; to change it, edit the file by hand"));
    }
    let moment: toml_edit::Datetime =
        crate::model::time::rfc3339(linked).parse().expect("a moment is a TOML date-time");
    doc.insert("origin", toml_edit::value(origin));
    doc.insert("linked", toml_edit::value(moment));
    Ok(doc.to_string())
}

/// Adds `retired`, `retired_recorded` and (if given) `retired_reason` to scenario text, before its
/// indicators, keeping every comment.
pub fn retirement(
    text: &str,
    day: chrono::NaiveDate,
    recorded: &crate::model::Moment,
    reason: Option<&str>,
) -> Result<String> {
    let mut doc = document(text)?;
    let date: toml_edit::Datetime = day.to_string().parse().expect("a date is a TOML date");
    let moment: toml_edit::Datetime =
        crate::model::time::rfc3339(recorded).parse().expect("a moment is a TOML date-time");
    doc.insert("retired", toml_edit::value(date));
    doc.insert("retired_recorded", toml_edit::value(moment));
    if let Some(reason) = reason {
        doc.insert("retired_reason", toml_edit::value(reason));
    }
    Ok(doc.to_string())
}

/// Adds likelihoods to evidence text's `[likelihood]` table (made if missing), after those it has,
/// keeping every comment. Refuses to change one that exists.
pub fn ratings(text: &str, pairs: &[(String, crate::model::Likelihood)]) -> Result<String> {
    let mut doc = document(text)?;
    if !doc.contains_key("likelihood") {
        doc["likelihood"] = toml_edit::Item::Table(toml_edit::Table::new());
    }
    let table = doc["likelihood"]
        .as_table_like_mut()
        .ok_or_else(|| Error::input("found `likelihood` that is not a table, expected `[likelihood]`"))?;
    for (scenario, likelihood) in pairs {
        if table.contains_key(scenario) {
            return Err(Error::refused(
                format!("the item already gives scenario `{scenario}` a likelihood"),
                "rating adds likelihoods for scenarios added since; it never changes one (edit the file by hand, then run `forecast check`)",
            ));
        }
        let value = match likelihood {
            crate::model::Likelihood::Number(n) => toml_edit::value(*n),
            crate::model::Likelihood::Rating(r) => toml_edit::value(r.as_str()),
        };
        table.insert(scenario, value);
    }
    Ok(doc.to_string())
}

/// Sets `logged` and `logged_by` in evidence text, keeping every comment and the layout.
pub fn stamp(text: &str, logged: &crate::model::Moment, author: &str) -> Result<String> {
    let mut doc = document(text)?;
    let stamp: toml_edit::Datetime = crate::model::time::rfc3339(logged).parse().expect("a moment is a TOML date-time");
    doc["logged"] = toml_edit::value(stamp);
    doc["logged_by"] = toml_edit::value(author);
    Ok(doc.to_string())
}

fn document(text: &str) -> Result<toml_edit::DocumentMut> {
    text.parse().map_err(|e: toml_edit::TomlError| Error::input(format!("cannot edit the record: {}", e.message())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_files_stay_crlf() {
        assert_eq!(keep_line_endings("a = 1\r\n", "a = 1\nb = 2\n"), "a = 1\r\nb = 2\r\n");
        assert_eq!(keep_line_endings("a = 1\n", "a = 1\nb = 2\n"), "a = 1\nb = 2\n");
        let text = "# why\ntitle = \"x\" # keep\n";
        // 23:30 UTC on the 19th is already the 20th in Kyiv.
        let at: crate::model::Moment = "2025-11-19T23:30:00+00:00".parse().unwrap();
        let edited = retraction(text, &at, chrono_tz::Europe::Kyiv, "wrong").unwrap();
        assert!(edited.starts_with("# why\ntitle = \"x\" # keep\n"), "{edited}");
        assert!(
            edited.contains("[retracted]\ndate = 2025-11-20\nreason = \"wrong\"\nrecorded = 2025-11-19T23:30:00+00:00"),
            "{edited}"
        );
    }
}
