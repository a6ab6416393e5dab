//! Loading a notebook: the frame (settings and scenarios), then every record checked against it,
//! then the checks across records (citations), every finding collected.

use super::cache;
use super::check::{Findings, Frame, evidence, resolution, scenario, settings, update};
use super::files::Tree;
use super::read;
use crate::diagnostic::Diagnostic;
use crate::model::{Evidence, Notebook, Scenario, Update, sort_for_display, time};
use chrono::NaiveDate;

/// The record folders.
pub const SCENARIOS: &str = "scenarios";
pub const EVIDENCE: &str = "evidence";
pub const UPDATES: &str = "updates";

/// Whether evidence summaries are kept once checked. Only the commands that show them need them,
/// and on a large notebook they are most of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summaries {
    Keep,
    Drop,
    /// Keep those of items that came into the notebook (by `known_at`) on these days, in its zone.
    KnownOn {
        first: NaiveDate,
        last: NaiveDate,
    },
}

impl Summaries {
    fn keeps(&self, item: &Evidence, zone: chrono_tz::Tz) -> bool {
        match *self {
            Summaries::Keep => true,
            Summaries::Drop => false,
            Summaries::KnownOn { first, last } => (first..=last).contains(&time::day_in(zone, &item.known_at(zone))),
        }
    }
}

/// Reads `notebook.toml` and the scenarios. `None` only when `notebook.toml` itself is unusable.
pub fn frame(tree: &Tree, found: &mut Vec<Diagnostic>) -> Option<Frame> {
    let file = read::single::<super::records::NotebookFile>(tree, settings::NOTEBOOK_FILE, found);
    let zone_valid = file
        .as_ref()
        .is_none_or(|f| f.record.timezone.as_ref().is_none_or(|z| crate::model::time::parse_zone(z.get_ref()).is_ok()));
    let settings = file.map(|r| settings::check(r.record, &mut Findings { list: found }));
    let before = found.len();
    let parsed: Vec<Result<Scenario, String>> = read::records(tree, SCENARIOS, false, found, |r, found| match r {
        Ok(record) => Some(Ok(scenario::check(record, &mut Findings { list: found }))),
        Err(id) => Some(Err(id)),
    });
    let (mut scenarios, mut unreadable) = (Vec::new(), Vec::new());
    for result in parsed {
        match result {
            Ok(s) => scenarios.push(s),
            Err(id) => unreadable.push(id),
        }
    }
    sort_for_display(&mut scenarios);
    // A folder that cannot be read at all (its error says why) hides every scenario: references
    // to scenarios are then not reported as unknown, one by one.
    if found[before..].iter().any(|d| d.path == SCENARIOS && d.is_error()) {
        unreadable.push(super::check::ANY_SCENARIO.to_string());
    }
    if scenarios.is_empty() && unreadable.is_empty() && settings.is_some() {
        found.push(
            Diagnostic::warning(SCENARIOS, None, "the notebook has no scenarios yet")
                .with_hint("add one with `forecast scenario add ID --title T`"),
        );
    }
    settings.map(|settings| Frame { settings, scenarios, unreadable, zone_valid })
}

/// Reads and checks the whole notebook, parsing files in parallel; with `cached`, files unchanged
/// since the last load are taken from the cache (see `cache`). The notebook is `None` only when
/// `notebook.toml` itself is unusable.
pub fn notebook(tree: &Tree, summaries: Summaries, cached: bool) -> (Option<Notebook>, Vec<Diagnostic>) {
    read_all(tree, summaries, cached, |_| {})
}

/// Like `notebook`, with the frame changed by `change` first: what the notebook would be with a
/// scenario added or changed. The cache is neither used nor written for a frame that is not on disk.
pub fn notebook_with(
    tree: &Tree,
    summaries: Summaries,
    change: impl FnOnce(&mut Frame),
) -> (Option<Notebook>, Vec<Diagnostic>) {
    read_all(tree, summaries, false, change)
}

fn read_all(
    tree: &Tree,
    summaries: Summaries,
    cached: bool,
    change: impl FnOnce(&mut Frame),
) -> (Option<Notebook>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let Some(mut frame) = frame(tree, &mut found) else {
        return (None, found);
    };
    change(&mut frame);
    let zone = frame.zone();
    let header = cached.then(|| cache::Header::now(&frame));
    let mut previous = header.as_ref().map(|h| cache::open(tree, h));
    // A file that cannot be parsed still names its item, so that citations of it are not
    // reported again as unknown: one broken file, one error.
    let evidence_read = read::readings(
        tree,
        EVIDENCE,
        true,
        &mut found,
        |r, found| match r {
            Ok(record) => {
                let id = record.id.clone();
                let Some(mut item) = evidence::check(record, &frame, &mut Findings { list: found }) else {
                    return Some(Err(id));
                };
                // Dropped here, on every core, so that a large notebook's summaries are never
                // all held at once; the cache keeps none either way.
                if !summaries.keeps(&item, zone) {
                    item.summary = None;
                }
                Some(Ok(item))
            }
            Err(id) => Some(Err(id)),
        },
        previous.as_mut().map(|p| &mut p.evidence),
        // The cache keeps no summaries: an item whose summary the command shows is read again.
        |read| read.as_ref().is_ok_and(|item| summaries.keeps(item, zone)),
    );
    let updates_read = read::readings(
        tree,
        UPDATES,
        true,
        &mut found,
        |r, found| update::check(r.ok()?, &frame, &mut Findings { list: found }),
        previous.as_mut().map(|p| &mut p.updates),
        |_| false,
    );
    if let Some(header) = header.filter(|_| {
        !previous.as_ref().is_some_and(|p| p.usable) || evidence_read.read_afresh || updates_read.read_afresh
    }) {
        cache::save(tree, &header, &evidence_read, &updates_read);
    }
    let (mut items, mut unreadable) = (Vec::with_capacity(evidence_read.list.len()), Vec::new());
    for reading in evidence_read.list {
        found.extend(reading.findings);
        match reading.record {
            Some(Ok(item)) => items.push(item),
            Some(Err(id)) => unreadable.push(id),
            None => {}
        }
    }
    unreadable.sort();
    // Ids are unique, so an unstable sort is deterministic, and it needs no buffer.
    items.sort_unstable_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut updates: Vec<Update> = Vec::with_capacity(updates_read.list.len());
    for reading in updates_read.list {
        found.extend(reading.findings);
        updates.extend(reading.record);
    }
    let index = crate::model::index_by_id(&items);
    let known = update::Known { evidence: &items, index: &index, unreadable: &unreadable };
    for u in &updates {
        update::check_citations(u, zone, &known, &mut Findings { list: &mut found });
    }
    drop(index);
    updates.sort_unstable_by(crate::model::update_order);
    let resolution = read::single(tree, resolution::RESOLUTION_FILE, &mut found)
        .and_then(|r| resolution::check(r, &frame, &mut Findings { list: &mut found }));
    tree.leftovers_in_root(&mut found);
    found.extend(super::journal::problem(tree));
    let notebook = Notebook::new(frame.settings, frame.scenarios, items, updates, resolution);
    (Some(notebook), found)
}

/// Checks evidence text against the frame, as the loader does; for records about to be written.
pub fn check_evidence(
    record: super::parse::FileRecord<super::records::EvidenceFile>,
    frame: &Frame,
) -> Result<Evidence, Vec<Diagnostic>> {
    let mut list = Vec::new();
    match evidence::check(record, frame, &mut Findings { list: &mut list }) {
        Some(e) if !list.iter().any(Diagnostic::is_error) => Ok(e),
        _ => Err(list),
    }
}
