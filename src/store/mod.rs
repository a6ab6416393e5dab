//! The only code that touches disk. Its front door: load a notebook, the partial reads appends
//! make, append a record, edit one in place, write output files, templates and drafts. Every
//! path goes through the store's tree, which refuses anything that resolves outside the notebook.

mod analyst;
mod cache;
mod check;
mod clone;
mod drafts;
mod edit;
mod files;
mod git;
mod guard;
mod journal;
mod load;
mod locate;
mod new;
mod own;
mod parse;
mod read;
mod records;
mod schemas;
mod templates;
mod toml_time;
mod write;

pub use check::Frame;
pub use check::resolution::RESOLUTION_FILE;
pub use check::settings::NOTEBOOK_FILE;
pub use files::MAX_RECORD_BYTES;
pub use load::Summaries;
pub use locate::location_in;
pub use templates::FOLDER as TEMPLATES_FOLDER;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::model::{Evidence, Moment, Notebook, Resolution, Scenario, Settings, Update};
use files::Tree;
use std::path::{Path, PathBuf};

// ---- Finding notebooks ----

/// The notebook: `start` itself or the nearest folder above it that holds `notebook.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|dir| is_notebook(dir)).map(Path::to_path_buf)
}

/// Whether `dir` holds a notebook: anything named `notebook.toml` (if it is not a plain file, the
/// loader says so, rather than pretending there is no notebook).
pub fn is_notebook(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(NOTEBOOK_FILE)).is_ok()
}

/// Notebooks at or under `path`: `path` itself if it holds `notebook.toml` (or is one), else
/// every folder below it that does (hidden folders and `target` skipped, links not followed), in
/// path order; with the places that could not be searched, and why.
pub fn find_notebooks(path: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    search_notebooks(path, &mut found, &mut problems);
    (found, problems)
}

fn search_notebooks(path: &Path, found: &mut Vec<PathBuf>, problems: &mut Vec<(PathBuf, String)>) {
    if is_notebook(path) {
        found.push(path.to_path_buf());
        return;
    }
    if path.file_name().is_some_and(|n| n == NOTEBOOK_FILE) && path.is_file() {
        found.push(path.parent().unwrap_or(Path::new(".")).to_path_buf());
        return;
    }
    if !path.is_dir() {
        problems.push((path.to_path_buf(), "not a notebook, nor a folder to search".to_string()));
        return;
    }
    match std::fs::read_dir(path) {
        Err(e) => problems.push((path.to_path_buf(), format!("cannot read the folder: {e}"))),
        Ok(entries) => {
            let mut dirs: Vec<PathBuf> = entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.') && e.file_name() != "target")
                .map(|e| e.path())
                .collect();
            dirs.sort();
            for dir in dirs {
                search_notebooks(&dir, found, problems);
            }
        }
    }
}

// ---- Reading ----

/// Reads and checks the whole notebook. The notebook is `None` only when `notebook.toml` is
/// unusable. Findings are not yet located: `locate` does that once every check has run. With
/// `cached`, files unchanged since the last load come from the validated cache in
/// `.forecast/cache/`, with the same records and findings a fresh read gives.
pub fn load(root: &Path, summaries: Summaries, cached: bool) -> (Option<Notebook>, Vec<Diagnostic>) {
    load::notebook(&Tree::new(root), summaries, cached)
}

/// Fills in the line and column of every finding from the notebook's files.
pub fn locate(root: &Path, diagnostics: &mut [Diagnostic]) {
    locate::in_files(&Tree::new(root), diagnostics);
}

/// Fills in the line and column of findings about text held in memory.
pub fn locate_text(text: &str, diagnostics: &mut [Diagnostic]) {
    locate::in_text(text, diagnostics);
}

/// Reads `notebook.toml` and the scenarios only, for commands that append a record; refuses with
/// every finding if either is invalid.
pub fn read_frame(root: &Path) -> Result<Frame> {
    let tree = Tree::new(root);
    let mut found = Vec::new();
    let frame = load::frame(&tree, &mut found);
    match frame {
        Some(frame) if !found.iter().any(Diagnostic::is_error) => Ok(frame),
        _ => Err(invalid(&tree, found)),
    }
}

/// The notebook as one analyst's next update at `at` sees it (see `analyst`); `None` when a cited
/// item is filed where only a full read finds it.
pub fn analyst_view(
    root: &Path,
    frame: Frame,
    author: &str,
    at: &Moment,
    cited: &[String],
) -> Result<Option<Notebook>> {
    let tree = Tree::new(root);
    analyst::view(&tree, frame, author, at, cited).map_err(|found| invalid(&tree, found))
}

/// The question's resolution, for appends, which refuse once the question is resolved.
pub fn resolution(root: &Path, frame: &Frame) -> Result<Option<Resolution>> {
    let tree = Tree::new(root);
    let mut found = Vec::new();
    let resolution = read::single::<records::ResolutionFile>(&tree, RESOLUTION_FILE, &mut found)
        .and_then(|r| check::resolution::check(r, frame, &mut check::Findings { list: &mut found }));
    if found.iter().any(Diagnostic::is_error) {
        return Err(invalid(&tree, found));
    }
    Ok(resolution)
}

/// Problems with the tool's private folder `.forecast/` (its clone token, drafts and cache): a link
/// leading out of the notebook, or a file where a folder belongs. Writes through them are refused
/// anyway; `check` names them before a write trips on them.
pub fn private_folder_problems(root: &Path) -> Vec<Diagnostic> {
    let tree = Tree::new(root);
    let folders =
        [".forecast", ".forecast/drafts", ".forecast/cache"].into_iter().map(|rel| (rel, tree.folder_at(rel)));
    let files = [".forecast/clone"].into_iter().map(|rel| (rel, tree.file_at(rel)));
    folders
        .chain(files)
        .filter_map(|(rel, kind)| {
            let why = kind.err()?;
            Some(Diagnostic::error(rel, None, Error::Outside { path: rel.to_string(), why }.to_string()))
        })
        .collect()
}

/// The record kinds with a JSON Schema (`forecast schema KIND`).
pub const SCHEMA_KINDS: [&str; 5] = schemas::KINDS;

/// The JSON Schema of a record kind, as `init` writes it into `.taplo/schemas/`.
pub fn schema_text(kind: &str) -> Option<String> {
    schemas::text_of(kind)
}

/// The drafts left behind by editor sessions that were given up.
pub fn abandoned_drafts(root: &Path) -> Vec<String> {
    drafts::abandoned(&Tree::new(root))
}

fn invalid(tree: &Tree, mut found: Vec<Diagnostic>) -> Error {
    locate::in_files(tree, &mut found);
    crate::diagnostic::sort_unique(&mut found);
    Error::Invalid(found)
}

// ---- New records ----

/// An evidence record ready to write: its text and the item it checks into.
#[derive(Debug, Clone)]
pub struct EvidenceDraft {
    pub text: String,
    pub evidence: Evidence,
}

/// Evidence text typed by a person (`--from`, the editor): stamped with `logged` and `logged_by`,
/// keeping its comments, then checked as `check` would. `name` names the text in findings.
pub fn evidence_from_text(
    name: &str,
    text: &str,
    logged: &Moment,
    author: &str,
    frame: &Frame,
) -> Result<EvidenceDraft> {
    let located = |mut found: Vec<Diagnostic>| {
        locate::in_text(text, &mut found);
        Error::Invalid(found)
    };
    let record = parse::parse_text::<records::EvidenceFile>(name, "new", text.as_bytes()).map_err(located)?;
    if let Some(retracted) = &record.record.retracted {
        return Err(located(vec![
            Diagnostic::error(
                name,
                Some(retracted.span()),
                "found a `[retracted]` table in new evidence, expected an item as it is logged",
            )
            .with_hint("log the item, then retract it with `forecast evidence retract ID --reason WHY`"),
        ]));
    }
    let stamped = edit::stamp(text, logged, author)?;
    checked_evidence(name, stamped, frame)
}

/// An evidence record built from flags, checked as `check` would.
pub fn evidence_from_item(item: &Evidence, frame: &Frame) -> Result<EvidenceDraft> {
    checked_evidence("(new evidence)", new::evidence_text(item, &frame.scenarios), frame)
}

fn checked_evidence(name: &str, text: String, frame: &Frame) -> Result<EvidenceDraft> {
    own::fits(name, &text)?;
    let located = |mut found: Vec<Diagnostic>| {
        locate::in_text(&text, &mut found);
        Error::Invalid(found)
    };
    let record = parse::parse_text::<records::EvidenceFile>(name, "new", text.as_bytes()).map_err(located)?;
    let evidence = load::check_evidence(record, frame).map_err(located)?;
    Ok(EvidenceDraft { text, evidence })
}

/// The id a new evidence item gets (before any `-2` for a clash): its date, a slug of its title,
/// the author and the clone's token.
pub fn evidence_stem(date: chrono::NaiveDate, title: &str, author: &str, token: &str) -> String {
    new::evidence_stem(date, title, author, token)
}

/// What an append wrote: the new records' ids, and warnings about what happened after they landed.
#[derive(Debug, Default)]
pub struct Appended {
    pub ids: Vec<String>,
    pub warnings: Vec<String>,
}

/// Ids of items that may report the same news as a new item dated `date` titled `title`: in the
/// month folders (`evidence/<YYYY-MM>/`) covering `date` ± 1 day, those dated within a day whose
/// title part is alike (`id::title_similarity` ≥ `id::SIMILAR`). Only folder listings are read,
/// so this costs the same on any notebook; items loose in `evidence/` are left to `check`.
pub fn similar_evidence(root: &Path, date: chrono::NaiveDate, title: &str) -> Vec<String> {
    use crate::model::id;
    let days: Vec<chrono::NaiveDate> = [date.pred_opt(), Some(date), date.succ_opt()].into_iter().flatten().collect();
    let slug = id::slug(title, id::MAX_LEN);
    let by_day = evidence_ids_by_day(root, &days);
    let mut found: Vec<String> = days
        .iter()
        .filter_map(|d| by_day.get(d))
        .flatten()
        .filter(|id| id.len() > 11 && id::title_similarity(&slug, &id[11..]) >= id::SIMILAR)
        .cloned()
        .collect();
    found.sort();
    found
}

/// The notebook's write lock, held alone until dropped: `scenario add`, `scenario retire` and
/// `resolve` take it before reading the notebook they check (see `guard`).
pub struct Lock(#[allow(dead_code)] guard::Held);

pub fn lock_alone(root: &Path) -> Result<Lock> {
    guard::exclusive(&Tree::new(root)).map(Lock)
}

/// Writes a new evidence item into `evidence/<YYYY-MM>/`, and with it, if given, an update that
/// cites it (its `evidence` is filled in with the item's id): both land, or neither. `frame` is
/// what the item was checked against; if the scenarios changed since, nothing is written.
pub fn add_evidence(
    root: &Path,
    draft: &EvidenceDraft,
    author: &str,
    frame: &Frame,
    with: Option<Update>,
) -> Result<Appended> {
    let tree = Tree::new(root);
    let token = clone::token(&tree)?;
    let stem = new::evidence_stem(draft.evidence.date, &draft.evidence.title, author, &token);
    let month = format!("{}/{}", load::EVIDENCE, stem.get(..7).unwrap_or("undated"));
    let dir = tree.folder_for_writing(&month)?;
    let loose = tree.path(load::EVIDENCE);
    let free = |d: &Path| !d.join(format!("{stem}.toml")).exists();
    if let Some(update) = with.as_ref().filter(|_| free(&dir) && free(&loose)) {
        // The item's id is its stem: both files are staged in full, then land together, one
        // rename after the other.
        let item = write::stage_file(&dir.join(format!("{stem}.toml")), draft.text.as_bytes(), false)?;
        let update = Update { evidence: vec![stem.clone()], ..update.clone() };
        let second = staged_update(&tree, &update, frame)?;
        let _lock = guard::shared(&tree, frame, Some(false))?;
        return landed(write::commit(vec![item, second])?);
    }
    let staged = write::stage_record(&dir, &[&loose], &stem, &draft.text)?;
    let Some(update) = with else {
        let _lock = guard::shared(&tree, frame, None)?;
        return landed(write::commit(vec![staged])?);
    };
    let _lock = guard::shared(&tree, frame, Some(false))?;
    // The item's id is only known once its name is taken, so it lands first; if the update cannot
    // follow, the item is taken back.
    let first = write::commit(vec![staged])?;
    let id = record_name(&first.paths[0]);
    let update = Update { evidence: vec![id.clone()], ..update };
    match staged_update(&tree, &update, frame).and_then(|s| write::commit(vec![s])) {
        Ok(second) => {
            let mut both = landed(first)?;
            both.ids.extend(landed(second)?.ids);
            Ok(both)
        }
        Err(error) => {
            let _ = std::fs::remove_file(&first.paths[0]);
            Err(error)
        }
    }
}

/// Writes many new evidence items at once (`evidence import`): each filed by its month, all landing
/// or none. The files are staged unsynced and synced in one call, so ten thousand items take
/// seconds, not minutes. `progress` is told of each item staged.
pub fn add_evidence_batch(
    root: &Path,
    drafts: &[EvidenceDraft],
    author: &str,
    frame: &Frame,
    progress: &dyn Fn(),
) -> Result<Appended> {
    let tree = Tree::new(root);
    let token = clone::token(&tree)?;
    let loose = tree.path(load::EVIDENCE);
    let mut folders: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    let mut staged = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let stem = new::evidence_stem(draft.evidence.date, &draft.evidence.title, author, &token);
        let month = format!("{}/{}", load::EVIDENCE, stem.get(..7).unwrap_or("undated"));
        let dir = match folders.get(&month) {
            Some(dir) => dir.clone(),
            None => {
                let dir = tree.folder_for_writing(&month)?;
                folders.insert(month, dir.clone());
                dir
            }
        };
        staged.push(write::stage_record_unsynced(&dir, &[&loose], &stem, &draft.text)?);
        progress();
    }
    write::sync_all_staged(&tree.path(load::EVIDENCE))?;
    let _lock = guard::shared(&tree, frame, None)?;
    let mut journal = journal::Journal::begin(&tree)?;
    let result = write::commit_noting(staged, &mut |path, taken| journal.note(path, taken));
    // Landed whole, or taken back whole by `commit`: either way there is nothing to undo.
    journal.finish();
    landed(result?)
}

/// Takes back what an `evidence import` killed half-way had landed (see `journal`); returns the
/// removed paths, notebook-relative.
pub fn undo_interrupted_import(root: &Path) -> Result<Vec<String>> {
    journal::undo(&Tree::new(root))
}

/// Ids of the items filed in the month folders covering `days`, by the day their names start
/// with: a listing of folders, no file read.
pub fn evidence_ids_by_day(
    root: &Path,
    days: &[chrono::NaiveDate],
) -> std::collections::HashMap<chrono::NaiveDate, Vec<String>> {
    let tree = Tree::new(root);
    let mut months: Vec<String> = days.iter().map(|d| d.format("%Y-%m").to_string()).collect();
    months.sort();
    months.dedup();
    let mut found: std::collections::HashMap<chrono::NaiveDate, Vec<String>> = std::collections::HashMap::new();
    for month in months {
        let rel = format!("{}/{month}", load::EVIDENCE);
        if tree.folder_at(&rel) != Ok(true) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(tree.path(&rel)) else { continue };
        for name in entries.flatten().filter_map(|e| e.file_name().into_string().ok()) {
            let Some(id) = name.strip_suffix(".toml") else { continue };
            if let Some(day) = analyst::name_day(id) {
                found.entry(day).or_default().push(id.to_string());
            }
        }
    }
    found
}

/// Writes a new update into its author's folder for its month, `updates/<author>/<YYYY-MM>/`.
pub fn add_update(root: &Path, update: &Update, frame: &Frame) -> Result<Appended> {
    let tree = Tree::new(root);
    let staged = staged_update(&tree, update, frame)?;
    let _lock = guard::shared(&tree, frame, Some(false))?;
    landed(write::commit(vec![staged])?)
}

fn staged_update(tree: &Tree, update: &Update, frame: &Frame) -> Result<write::Staged> {
    let text = new::update_text(update, &frame.scenarios);
    let stem = new::update_stem(&update.at, frame, &update.author, &clone::token(tree)?);
    own::check(own::Kind::Update, &format!("{stem}.toml"), &text, frame)?;
    let author = format!("{}/{}", load::UPDATES, check::update::author_folder(&update.author));
    let month = format!("{author}/{}", stem.get(..7).unwrap_or("undated"));
    let dir = tree.folder_for_writing(&month)?;
    write::stage_record(&dir, &[&tree.path(load::UPDATES), &tree.path(&author)], &stem, &text)
}

/// The errors the notebook would gain if `scenario` were added, or replaced the scenario of its
/// id: what `scenario add` and `scenario retire` must not cause. Located and sorted.
pub fn breaks_with(root: &Path, scenario: &Scenario) -> Vec<Diagnostic> {
    let tree = Tree::new(root);
    let (_, before) = load::notebook(&tree, Summaries::Drop, false);
    let (_, mut after) = load::notebook_with(&tree, Summaries::Drop, |frame| {
        frame.scenarios.retain(|s| s.id != scenario.id);
        frame.scenarios.push(scenario.clone());
        crate::model::sort_for_display(&mut frame.scenarios);
    });
    let old: std::collections::HashSet<(String, String)> =
        before.into_iter().filter(Diagnostic::is_error).map(|d| (d.path, d.message)).collect();
    after.retain(|d| d.is_error() && !old.contains(&(d.path.clone(), d.message.clone())));
    locate::in_files(&tree, &mut after);
    crate::diagnostic::sort(&mut after);
    after
}

/// Writes `scenarios/<id>.toml`; refuses if it exists.
pub fn add_scenario(root: &Path, scenario: &Scenario, frame: &Frame) -> Result<Appended> {
    let tree = Tree::new(root);
    let name = format!("{}/{}.toml", load::SCENARIOS, scenario.id);
    let text = new::scenario_text(scenario);
    own::check(own::Kind::Scenario, &name, &text, frame)?;
    let dir = tree.folder_for_writing(load::SCENARIOS)?;
    let path = dir.join(format!("{}.toml", scenario.id));
    landed(write::commit(vec![write::stage_file(&path, text.as_bytes(), false)?])?)
}

/// Writes `resolution.toml`; refuses if it exists.
pub fn add_resolution(root: &Path, resolution: &Resolution, frame: &Frame) -> Result<Appended> {
    let tree = Tree::new(root);
    tree.file_at(RESOLUTION_FILE).map_err(|why| Error::Outside { path: RESOLUTION_FILE.into(), why })?;
    let text = new::resolution_text(resolution);
    own::check(own::Kind::Resolution, RESOLUTION_FILE, &text, frame)?;
    landed(write::commit(vec![write::stage_file(&tree.path(RESOLUTION_FILE), text.as_bytes(), false)?])?)
}

/// Creates a notebook in `dir`: the record folders, the scenarios, a `.gitignore`, and
/// `notebook.toml` last, so that an interrupted `init` leaves no notebook and can simply be run again.
pub fn init(dir: &Path, settings: &Settings, scenarios: &[Scenario]) -> Result<Appended> {
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    let tree = Tree::new(dir);
    let frame =
        Frame { settings: settings.clone(), scenarios: scenarios.to_vec(), unreadable: Vec::new(), zone_valid: true };
    let notebook = new::notebook_text(settings);
    own::check(own::Kind::Settings, NOTEBOOK_FILE, &notebook, &frame)?;
    for folder in [load::SCENARIOS, load::EVIDENCE, load::UPDATES] {
        tree.folder_for_writing(folder)?;
    }
    let mut staged = Vec::new();
    for scenario in scenarios {
        let name = format!("{}/{}.toml", load::SCENARIOS, scenario.id);
        let path = tree.path(&name);
        let text = new::scenario_text(scenario);
        own::check(own::Kind::Scenario, &name, &text, &frame)?;
        // A scenario file left by an interrupted `init` is written again.
        staged.push(write::stage_file(&path, text.as_bytes(), true)?);
    }
    if tree.file_at(".gitignore").map_err(|why| Error::Outside { path: ".gitignore".into(), why })? {
        // The person's own .gitignore stays as it is.
    } else {
        let ignore = "# forecast's private folder: drafts and caches\n/.forecast/\n";
        staged.push(write::stage_file(&tree.path(".gitignore"), ignore.as_bytes(), false)?);
    }
    // Editor schemas, committed with the notebook (`.forecast/` is not), and the editor's
    // configuration; a file of the person's own stays as it is.
    let folder = tree.folder_for_writing(schemas::FOLDER)?;
    for kind in schemas::KINDS {
        let path = folder.join(format!("{kind}.schema.json"));
        staged.push(write::stage_file(&path, schemas::text_of(kind).unwrap_or_default().as_bytes(), true)?);
    }
    if !tree.file_at(schemas::CONFIG).map_err(|why| Error::Outside { path: schemas::CONFIG.into(), why })? {
        staged.push(write::stage_file(&tree.path(schemas::CONFIG), schemas::taplo_config().as_bytes(), false)?);
    }
    staged.push(write::stage_file(&tree.path(NOTEBOOK_FILE), notebook.as_bytes(), false)?);
    landed(write::commit(staged)?)
}

/// Whether the notebook holds any evidence or update yet (without reading them).
pub fn has_records(root: &Path) -> bool {
    let tree = Tree::new(root);
    let mut ignored = Vec::new();
    [load::EVIDENCE, load::UPDATES].iter().any(|folder| !tree.record_files(folder, true, &mut ignored).is_empty())
}

fn landed(landed: write::Landed) -> Result<Appended> {
    Ok(Appended { ids: landed.paths.iter().map(|p| record_name(p)).collect(), warnings: landed.warnings })
}

fn record_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.trim_end_matches(".toml").to_string()
}

// ---- Editing in place ----

/// Adds a `[retracted]` table to the evidence file `rel`, by compare and swap (see `edit`).
pub fn retract(root: &Path, rel: &str, recorded: &Moment, reason: &str, frame: &Frame) -> Result<Appended> {
    let tree = Tree::new(root);
    let _lock = guard::shared(&tree, frame, None)?;
    landed(edit::edit(&tree, rel, |text| {
        if text.lines().any(|l| l.trim() == "[retracted]") {
            return Err(Error::Changed { path: rel.to_string() });
        }
        let edited = edit::retraction(text, recorded, frame.zone(), reason)?;
        own::check(own::Kind::Evidence, rel, &edited, frame)?;
        Ok(edited)
    })?)
}

/// Sets an evidence item's `origin`, linked at `now`, by compare and swap, keeping its comments.
pub fn link(root: &Path, rel: &str, origin: &str, now: &crate::model::Moment, frame: &Frame) -> Result<Appended> {
    let tree = Tree::new(root);
    let _lock = guard::shared(&tree, frame, None)?;
    landed(edit::edit(&tree, rel, |text| {
        let edited = edit::origin(text, origin, now)?;
        own::check(own::Kind::Evidence, rel, &edited, frame)?;
        Ok(edited)
    })?)
}

/// Records a scenario's retirement in its file (`retired`, `retired_recorded`, `retired_reason`),
/// by compare and swap, keeping its comments.
pub fn retire(root: &Path, scenario: &Scenario) -> Result<Appended> {
    let tree = Tree::new(root);
    let rel = format!("{}/{}.toml", load::SCENARIOS, scenario.id);
    let (Some(day), Some(recorded)) = (scenario.retired, scenario.retired_recorded) else {
        return Err(Error::input("a retirement needs its day and the moment it was recorded"));
    };
    landed(edit::edit(&tree, &rel, |text| {
        if text.lines().any(|l| l.trim_start().starts_with("retired")) {
            return Err(Error::Changed { path: rel.clone() });
        }
        let edited = edit::retirement(text, day, &recorded, scenario.retired_reason.as_deref())?;
        own::fits(&rel, &edited)?;
        check_scenario_text(&rel, &edited)?;
        Ok(edited)
    })?)
}

/// Checks a scenario's text on its own (it needs no frame).
fn check_scenario_text(rel: &str, text: &str) -> Result<()> {
    let frame = Frame {
        settings: Settings {
            title: String::new(),
            question: String::new(),
            timezone: chrono_tz::Tz::UTC,
            words: crate::model::WordScale::Icd203,
            tlp: crate::model::Tlp::Clear,
        },
        scenarios: Vec::new(),
        unreadable: Vec::new(),
        zone_valid: true,
    };
    own::check(own::Kind::Scenario, rel, text, &frame)
}

/// Adds likelihoods for scenarios to the evidence file `rel`, by compare and swap, keeping its
/// comments; the result must pass the same checks as `check`.
pub fn rate(root: &Path, rel: &str, pairs: &[(String, crate::model::Likelihood)], frame: &Frame) -> Result<Appended> {
    let tree = Tree::new(root);
    let _lock = guard::shared(&tree, frame, None)?;
    landed(edit::edit(&tree, rel, |text| {
        let rated = edit::ratings(text, pairs)?;
        own::fits(rel, &rated)?;
        let record = parse::parse_text::<records::EvidenceFile>(rel, parse::record_id(rel), rated.as_bytes());
        let checked = record.and_then(|r| load::check_evidence(r, frame));
        checked.map(|_| rated.clone()).map_err(|mut found| {
            locate::in_text(&rated, &mut found);
            Error::Invalid(found)
        })
    })?)
}

// ---- Files besides records ----

/// Writes output files (a briefing and its chart, an SVG…) together: all land or none does. An
/// existing file is refused unless `replace`, with `hint` saying what to do. A path inside the
/// notebook `root` must stay inside it, and no path may be a record of any notebook.
pub fn write_outputs(root: Option<&Path>, files: &[(PathBuf, Vec<u8>)], replace: bool, hint: &str) -> Result<Appended> {
    for (path, _) in files {
        // Only a regular file is ever replaced: `--out /dev/null --force` must not swap a device,
        // a FIFO or a link for a file.
        if let Ok(meta) = std::fs::symlink_metadata(path)
            && !meta.file_type().is_file()
        {
            let what = if meta.file_type().is_symlink() {
                "a link"
            } else if meta.is_dir() {
                "a folder"
            } else {
                "a device, FIFO or socket"
            };
            return Err(Error::refused(
                format!(
                    "`{}` is {what}, not a regular file, so it is never replaced; nothing was written",
                    path.display()
                ),
                "write to a file name of your own, such as reports/briefing.md",
            ));
        }
        if let Some(place) = record_place(path) {
            return Err(Error::refused(
                format!("`{}` is {place}, and an output written there would damage the notebook", path.display()),
                "write briefings and charts to another folder, such as reports/",
            ));
        }
        if let Some(root) = root {
            contained_output(root, path)?;
        }
        if !replace && path.exists() {
            return Err(Error::refused(format!("`{}` already exists", path.display()), hint));
        }
    }
    let mut made: Vec<PathBuf> = Vec::new();
    let result = stage_outputs(files, replace, &mut made).and_then(write::commit);
    if result.is_err() {
        // Folders made for files that did not land go too.
        for dir in made.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
    let landed = result?;
    Ok(Appended { ids: landed.paths.iter().map(|p| p.display().to_string()).collect(), warnings: landed.warnings })
}

/// Stages each output file, making the folders it needs; those made are added to `made`, outermost first.
fn stage_outputs(files: &[(PathBuf, Vec<u8>)], replace: bool, made: &mut Vec<PathBuf>) -> Result<Vec<write::Staged>> {
    let mut staged = Vec::new();
    for (path, contents) in files {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let missing: Vec<PathBuf> = dir.ancestors().take_while(|d| !d.exists()).map(Path::to_path_buf).collect();
            std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
            made.extend(missing.into_iter().rev());
        }
        staged.push(write::stage_file(path, contents, replace)?);
    }
    Ok(staged)
}

/// A path typed on the command line that lies inside the notebook must stay inside once links
/// are followed, and must not be a record or lie in a record folder (a briefing written over
/// `notebook.toml` would leave the notebook invalid); a path outside it is the person's own choice.
fn contained_output(root: &Path, path: &Path) -> Result<()> {
    let Ok(rel) = path.strip_prefix(root) else { return Ok(()) };
    let tree = Tree::new(root);
    let folder = rel.parent().map(|p| tree.relative(&root.join(p))).unwrap_or_default();
    if !folder.is_empty() {
        tree.folder_for_writing(&folder)?;
    }
    let name = tree.relative(path);
    tree.file_at(&name).map_err(|why| Error::Outside { path: name, why }).map(|_| ())
}

/// What notebook record `path` is or would be among, if any, in this notebook or any other (the
/// nearest folder above it holding a `notebook.toml`): found after following links (and `..`) in
/// the part of the path that exists, so no spelling of the path slips past.
fn record_place(path: &Path) -> Option<&'static str> {
    let existing = path.ancestors().find(|a| !a.as_os_str().is_empty() && a.exists())?;
    let rest = path.strip_prefix(existing).ok()?;
    let mut full = std::fs::canonicalize(existing).ok()?;
    for part in rest.components() {
        match part {
            std::path::Component::ParentDir => {
                full.pop();
            }
            std::path::Component::Normal(name) => full.push(name),
            _ => {}
        }
    }
    let root = full.ancestors().skip(1).find(|a| a.join(NOTEBOOK_FILE).is_file())?;
    let rel = full.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = parts.next()?;
    let alone = parts.next().is_none();
    match first.as_str() {
        "notebook.toml" | "resolution.toml" if alone => Some("one of the notebook's records"),
        load::SCENARIOS | load::EVIDENCE | load::UPDATES => Some("in one of the notebook's record folders"),
        ".forecast" | ".git" => Some("in a folder the tool or git keeps"),
        _ => None,
    }
}

/// The notebook's templates (see `templates::overrides`): (name, path as shown, source).
pub fn template_overrides(root: &Path) -> Result<Vec<(String, String, String)>> {
    templates::overrides(&Tree::new(root))
}

/// A UTF-8 text file of at most 1 MiB named on the command line (`--template`, `--from`).
pub fn text_file(path: &Path) -> Result<String> {
    templates::text_file(path)
}

/// How large a table `evidence import` reads may be.
const MAX_TABLE_BYTES: u64 = 256 << 20;

/// A UTF-8 table named on the command line (`evidence import FILE.csv`), of at most 256 MiB, opened
/// without waiting (see `files::open_named`).
pub fn table_file(path: &Path) -> Result<String> {
    use std::io::Read;
    let fail = |e: std::io::Error| Error::Read { path: path.to_path_buf(), source: e };
    let file = files::open_named(path).map_err(fail)?;
    let mut bytes = Vec::new();
    file.take(MAX_TABLE_BYTES + 1).read_to_end(&mut bytes).map_err(fail)?;
    if bytes.len() as u64 > MAX_TABLE_BYTES {
        return Err(Error::input(format!(
            "{}: found more than 256 MiB, expected a table of at most that",
            path.display()
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::input(format!(
            "{}: found a byte that is not valid UTF-8 at byte {}, expected UTF-8 text (save the sheet as CSV UTF-8)",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Standard input as UTF-8 text of at most 1 MiB (`--from -`).
pub fn standard_input() -> Result<String> {
    let mut bytes = Vec::new();
    files::read_limited(std::io::stdin().lock(), &mut bytes)
        .map_err(|m| Error::Read { path: "<stdin>".into(), source: std::io::Error::other(m) })?;
    String::from_utf8(bytes).map_err(|e| {
        Error::input(format!(
            "<stdin>: found a byte that is not valid UTF-8 at byte {}, expected UTF-8 text",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Keeps a draft of the editor flow; returns its path.
pub fn create_draft(root: &Path, name: &str, text: &str) -> Result<PathBuf> {
    drafts::create(&Tree::new(root), name, text)
}

pub fn read_draft(path: &Path) -> Result<String> {
    drafts::read(path)
}

pub fn remove_draft(path: &Path) {
    drafts::remove(path)
}

/// Deletes the tool's temporary files older than `ABANDONED_AFTER` in the notebook's folder and
/// record folders; returns (removed, kept because a writer may still own them), notebook-relative.
pub fn remove_temporary_files(root: &Path) -> Result<(Vec<String>, Vec<String>)> {
    files::remove_temporary(&Tree::new(root))
}

/// Who is at the keyboard, according to git.
pub fn git_user_name() -> Option<String> {
    git::user_name()
}

/// Parses and checks one record's text on its own, for the fuzz targets and property tests.
pub fn check_record_text(kind: &str, text: &[u8]) -> Vec<Diagnostic> {
    let frame = Frame {
        settings: Settings {
            title: "t".into(),
            question: "q".into(),
            timezone: chrono_tz::Tz::UTC,
            words: crate::model::WordScale::Icd203,
            tlp: crate::model::Tlp::Clear,
        },
        scenarios: Vec::new(),
        unreadable: Vec::new(),
        zone_valid: true,
    };
    let mut found = Vec::new();
    let mut out = check::Findings { list: &mut found };
    let problems = match kind {
        "notebook" => parse::parse_text::<records::NotebookFile>("notebook.toml", "notebook", text).map(|r| {
            check::settings::check(r.record, &mut out);
        }),
        "scenario" => parse::parse_text::<records::ScenarioFile>("x.toml", "x", text).map(|r| {
            check::scenario::check(r, &mut out);
        }),
        "evidence" => parse::parse_text::<records::EvidenceFile>("x.toml", "x", text).map(|r| {
            check::evidence::check(r, &frame, &mut out);
        }),
        "update" => parse::parse_text::<records::UpdateFile>("x.toml", "x", text).map(|r| {
            check::update::check(r, &frame, &mut out);
        }),
        _ => parse::parse_text::<records::ResolutionFile>("resolution.toml", "resolution", text).map(|r| {
            check::resolution::check(r, &frame, &mut out);
        }),
    };
    if let Err(list) = problems {
        found.extend(list);
    }
    locate::in_text(&String::from_utf8_lossy(text), &mut found);
    found
}
