//! The notebook-wide write lock: an advisory lock (`flock`) on the notebook's folder itself, so
//! that taking it writes nothing. Appends and in-place edits hold it shared, so
//! they never wait for each other; a change to the scenarios or the resolution holds it alone, from
//! before it reads the notebook until its file lands. Under the shared lock, an append checks that
//! the scenarios and resolution it was checked against are still the ones on disk: a scenario
//! added or retired, or the question resolved, while it ran, refuses it rather than leave the
//! notebook invalid.

use super::check::Frame;
use super::files::Tree;
use crate::error::{Error, Result};

/// The lock, held until dropped.
pub struct Held {
    _file: std::fs::File,
}

fn open(tree: &Tree) -> Result<std::fs::File> {
    let root = tree.path("");
    std::fs::File::open(&root).map_err(|e| Error::Read { path: root, source: e })
}

/// The lock held alone: for changes to the scenarios or the resolution.
pub fn exclusive(tree: &Tree) -> Result<Held> {
    let file = open(tree)?;
    file.lock().map_err(|e| Error::write(tree.path(""), e))?;
    Ok(Held { _file: file })
}

/// The lock held shared, after checking that the scenarios (and, for an update, the resolution)
/// are still as `frame` and `resolved` say: for appends and edits checked against them.
pub fn shared(tree: &Tree, frame: &Frame, resolved: Option<bool>) -> Result<Held> {
    pause_for_tests();
    let file = open(tree)?;
    file.lock_shared().map_err(|e| Error::write(tree.path(""), e))?;
    let held = Held { _file: file };
    let mut found = Vec::new();
    let now = super::load::frame(tree, &mut found);
    let same = now.is_some_and(|now| shape(&now) == shape(frame));
    if !same {
        return Err(Error::refused(
            "the notebook's scenarios changed while this command ran, so what it checked no longer holds; nothing was written",
            "run the command again",
        ));
    }
    if resolved.is_some_and(|was| was != tree.file_at(super::RESOLUTION_FILE).unwrap_or(true)) {
        return Err(Error::refused(
            "the question was resolved while this command ran; nothing was written",
            "updates are locked once the question is resolved",
        ));
    }
    Ok(held)
}

/// Test seam: `FORECAST_INJECT_PAUSE=SECONDS` makes an append wait that long before it takes the
/// lock, so that a test can change the scenarios meanwhile. Nothing else reads it.
fn pause_for_tests() {
    if let Some(seconds) = std::env::var("FORECAST_INJECT_PAUSE").ok().and_then(|s| s.parse::<f64>().ok()) {
        std::thread::sleep(std::time::Duration::from_secs_f64(seconds.clamp(0.0, 10.0)));
    }
}

/// What a record's validity depends on in the scenarios: which exist, and when each is in play.
type Shape = Vec<(String, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>, Option<String>)>;

fn shape(frame: &Frame) -> Shape {
    let mut list: Vec<_> = frame
        .scenarios
        .iter()
        .map(|s| (s.id.clone(), s.since, s.retired, s.added.map(|m| m.to_rfc3339())))
        .chain(frame.unreadable.iter().map(|id| (id.clone(), None, None, None)))
        .collect();
    list.sort();
    list
}
