//! Writing new records and the one permitted edit (a retraction), each validated before anything touches disk.

use super::build;
use super::read::{self, EVIDENCE, FileRecord, NOTEBOOK_FILE, SCENARIOS, UPDATES};
use super::records::{EvidenceFile, NewNotebook, NewResolution, NewScenario, NewUpdate};
use super::write;
use crate::diagnostic::Diagnostic;
use crate::model::{Evidence, Moment, Scenario, Settings, time};
use chrono::NaiveDate;
use std::io;
use std::path::{Path, PathBuf};

/// What an appending command needs to validate a record: the settings and the scenarios, nothing else.
pub struct Frame {
    pub settings: Settings,
    pub scenarios: Vec<Scenario>,
}

/// Reads `notebook.toml` and the scenarios only; refuses with every finding if either is invalid.
pub fn read_frame(root: &Path) -> Result<Frame, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let settings = match read::read_settings(root) {
        Ok(file) => Some(build::check_settings(file, &mut found)),
        Err(problems) => {
            found.extend(problems);
            None
        }
    };
    let files = read::read_scenarios(root, &mut found);
    let scenarios = build::check_scenarios(files, &mut found);
    match settings {
        Some(settings) if !found.iter().any(Diagnostic::is_error) => Ok(Frame { settings, scenarios }),
        _ => {
            super::locate(root, &mut found);
            Err(found)
        }
    }
}

/// An evidence record as TOML text, ready to write, with the item it checks into.
pub struct EvidenceDraft {
    pub text: String,
    pub evidence: Evidence,
}

/// Stamps `logged` and `logged_by` into evidence text (keeping its comments and layout) and checks it.
/// `rel` names the text in diagnostics.
pub fn prepare_evidence(
    rel: &str,
    text: &str,
    logged: &Moment,
    author: &str,
    frame: &Frame,
) -> Result<EvidenceDraft, Vec<Diagnostic>> {
    read::parse_text::<EvidenceFile>(rel, "new", text.as_bytes())?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        vec![Diagnostic::error(rel, e.span(), format!("invalid TOML: {}", e.message()))]
    })?;
    let stamp: toml_edit::Datetime =
        time::moment_value(logged).to_string().parse().expect("a moment is a TOML date-time");
    doc["logged"] = toml_edit::value(stamp);
    doc["logged_by"] = toml_edit::value(author);
    let stamped = doc.to_string();
    let record: FileRecord<EvidenceFile> = read::parse_text(rel, "new", stamped.as_bytes())?;
    let evidence = build::check_evidence(record, &frame.scenarios)?;
    Ok(EvidenceDraft { text: stamped, evidence })
}

/// The id a new evidence item gets: its date, a slug of its title, and the author, so that two analysts
/// logging the same headline on the same day on their own branches never collide.
pub fn evidence_stem(date: NaiveDate, title: &str, author: &str) -> String {
    let who = crate::model::id::slug(author, 16);
    let room = crate::model::id::MAX_LEN - 11 - who.len() - 1 - 6;
    format!("{date}-{}-{who}", crate::model::id::slug(title, room))
}

/// The id a new update gets: its local date and minute, and the author.
pub fn update_stem(at: &Moment, settings: &Settings, author: &str) -> String {
    let local = at.with_timezone(&settings.timezone);
    format!("{}-{}", local.format("%Y-%m-%d-%H%M"), crate::model::id::slug(author, 40))
}

/// Writes a new evidence record into the folder of the month its id starts with,
/// `evidence/<YYYY-MM>/`; returns its id.
pub fn write_evidence(root: &Path, stem: &str, text: &str) -> io::Result<String> {
    let loose = root.join(EVIDENCE);
    let month = loose.join(stem.get(..7).unwrap_or("undated"));
    written_id(write::create_record_beside(&month, &[&loose], stem, text)?)
}

/// Writes a new update record into its author's folder for its month,
/// `updates/<author>/<YYYY-MM>/`, as `update_stem` names it; returns its id.
pub fn write_update(root: &Path, stem: &str, record: &NewUpdate) -> io::Result<String> {
    let text = toml::to_string(record).map_err(io::Error::other)?;
    let loose = root.join(UPDATES);
    let author = loose.join(build::author_folder(&record.author));
    let month = author.join(stem.get(..7).unwrap_or("undated"));
    written_id(write::create_record_beside(&month, &[&loose, &author], stem, &text)?)
}

/// Writes `scenarios/<id>.toml`; fails if it exists.
pub fn write_scenario(root: &Path, id: &str, record: &NewScenario) -> io::Result<PathBuf> {
    let path = root.join(SCENARIOS).join(format!("{id}.toml"));
    write::create_file(&path, &toml::to_string(record).map_err(io::Error::other)?)?;
    Ok(path)
}

/// Creates a notebook: `notebook.toml`, the record folders, the scenarios and a `.gitignore`.
pub fn write_notebook(dir: &Path, settings: &NewNotebook, scenarios: &[(String, NewScenario)]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for folder in [SCENARIOS, EVIDENCE, UPDATES] {
        std::fs::create_dir_all(dir.join(folder))?;
    }
    for (id, scenario) in scenarios {
        write_scenario(dir, id, scenario)?;
    }
    if !dir.join(".gitignore").exists() {
        write::create_file(&dir.join(".gitignore"), "# forecast's private folder: drafts and caches\n/.forecast/\n")?;
    }
    write::create_file(&dir.join(NOTEBOOK_FILE), &toml::to_string(settings).map_err(io::Error::other)?)
}

/// Writes `resolution.toml`; fails if it exists.
pub fn write_resolution(root: &Path, record: &NewResolution) -> io::Result<()> {
    let text = toml::to_string(record).map_err(io::Error::other)?;
    write::create_file(&root.join(read::RESOLUTION_FILE), &text)
}

/// Adds a `[retracted]` table to an evidence file, keeping every comment and the layout.
pub fn retract_evidence(root: &Path, rel: &str, date: NaiveDate, reason: &str) -> io::Result<()> {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path)?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(io::Error::other)?;
    let mut table = toml_edit::Table::new();
    let day: toml_edit::Datetime = date.to_string().parse().expect("a date is a TOML date");
    table["date"] = toml_edit::value(day);
    table["reason"] = toml_edit::value(reason);
    doc["retracted"] = toml_edit::Item::Table(table);
    write::replace_file(&path, &doc.to_string())
}

/// Whether the notebook holds any evidence or update yet (without reading them).
pub fn has_records(root: &Path) -> bool {
    [EVIDENCE, UPDATES].iter().any(|folder| walkdir_any_toml(&root.join(folder)))
}

fn walkdir_any_toml(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else { return false };
    entries.flatten().any(|e| {
        let path = e.path();
        if path.is_dir() { walkdir_any_toml(&path) } else { path.extension().is_some_and(|x| x == "toml") }
    })
}

/// Where a private draft is kept: `.forecast/drafts/` under the notebook.
pub fn drafts_dir(root: &Path) -> PathBuf {
    root.join(".forecast").join("drafts")
}

fn written_id(path: PathBuf) -> io::Result<String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(name.trim_end_matches(".toml").to_string())
}
