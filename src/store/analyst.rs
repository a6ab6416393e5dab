//! Reading what one analyst's next update needs, their standing estimate and the items they cite,
//! without reading the rest of the notebook.
//!
//! The tool files an analyst's updates under `updates/<author>/<month>/`, named by local date and
//! time (`updates/analyst/2025-11/2025-11-13-0912-analyst.toml`), so the latest ones are found
//! from a few short folder listings. Updates loose in `updates/` may belong to anyone and are all
//! read; `check` refuses an update filed under another analyst's folder.

use super::check::{Findings, Frame, evidence, update};
use super::files::Tree;
use super::load::{EVIDENCE, UPDATES};
use super::parse::record_id;
use super::read;
use super::records::{EvidenceFile, UpdateFile};
use crate::diagnostic::Diagnostic;
use crate::model::{Evidence, Moment, Notebook, Update, time};
use chrono::NaiveDate;

/// The notebook as one analyst's next update at `at` sees it: the settings and scenarios, the
/// analyst's latest updates up to `at` (and their newest, if later), and the cited items. `None` when a cited item is neither in
/// `evidence/<YYYY-MM>/` (the month its id starts with) nor directly in `evidence/`: then only a
/// full read can find it.
pub fn view(
    tree: &Tree,
    frame: Frame,
    author: &str,
    at: &Moment,
    cited: &[String],
) -> Result<Option<Notebook>, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let Some(mut items) = cited_items(tree, &frame, cited, &mut found) else { return Ok(None) };
    let mut updates = loose_updates(tree, &frame, author, &mut found);
    updates.extend(latest_in_folder(tree, &frame, author, at, &mut found));
    // The analyst's newest update too, when later than `at`: an update filling in the past is
    // told that it does not become the standing estimate.
    let far = time::start_of_day(chrono_tz::UTC, NaiveDate::from_ymd_opt(9999, 1, 1).unwrap_or(NaiveDate::MAX));
    let newest = latest_in_folder(tree, &frame, author, &far, &mut found);
    for u in newest {
        if u.at > *at && !updates.iter().any(|x| x.id == u.id) {
            updates.push(u);
        }
    }
    // What the analyst's standing update cites, and every item up the origin chains of all these:
    // Bayes folds items of one origin, and refuses news the standing estimate already reflects.
    let theirs: Vec<String> = updates.iter().flat_map(|u| u.evidence.iter().cloned()).collect();
    let Some(more) = cited_items(tree, &frame, &theirs, &mut found) else { return Ok(None) };
    items.extend(more);
    if !follow_origins(tree, &frame, &mut items, &mut found) {
        return Ok(None);
    }
    items.sort_by(|a, b| a.id.cmp(&b.id));
    items.dedup_by(|a, b| a.id == b.id);
    if found.iter().any(Diagnostic::is_error) {
        return Err(found);
    }
    updates.sort_by(crate::model::update_order);
    Ok(Some(Notebook::new(frame.settings, frame.scenarios, items, updates, None)))
}

/// Reads the items that `items` name as origins, and theirs, until every chain ends at an item
/// with no origin, a loop, or a name of a source. `false` when an origin that looks like an id (it
/// begins with a date) is in neither place its id points to: only a full read can find it.
fn follow_origins(tree: &Tree, frame: &Frame, items: &mut Vec<Evidence>, found: &mut Vec<Diagnostic>) -> bool {
    let mut next: Vec<String> =
        items.iter().filter_map(|e| e.origin.as_deref()).map(crate::model::groups::name_key).collect();
    while !next.is_empty() {
        let mut wanted: Vec<String> = Vec::new();
        for key in next.drain(..) {
            if items.iter().any(|e| e.id == key) || wanted.contains(&key) {
                continue;
            }
            match evidence_file(tree, &key) {
                Some(_) => wanted.push(key),
                None if crate::model::id::dated(&key) => return false,
                None => {}
            }
        }
        let Some(more) = cited_items(tree, frame, &wanted, found) else { return false };
        next = more.iter().filter_map(|e| e.origin.as_deref()).map(crate::model::groups::name_key).collect();
        items.extend(more);
    }
    true
}

/// Where the item `id` is filed, if in one of the two places the id alone points to.
pub fn evidence_file(tree: &Tree, id: &str) -> Option<String> {
    crate::model::id::validate(id).ok()?;
    let month = id.get(..7).map(|month| format!("{EVIDENCE}/{month}/{id}.toml"));
    [month, Some(format!("{EVIDENCE}/{id}.toml"))].into_iter().flatten().find(|rel| tree.file_at(rel) == Ok(true))
}

/// Each cited item, read from its month's folder or `evidence/` and checked; `None` if one is in neither.
fn cited_items(tree: &Tree, frame: &Frame, cited: &[String], found: &mut Vec<Diagnostic>) -> Option<Vec<Evidence>> {
    let mut items = Vec::new();
    for id in cited {
        let rel = evidence_file(tree, id)?;
        match read::parse_file::<EvidenceFile>(tree, &rel) {
            Ok(record) => {
                if let Some(item) = evidence::check(record, frame, &mut Findings { list: found }) {
                    items.push(item);
                }
            }
            Err(problems) => found.extend(problems),
        }
    }
    items.sort_by(|a, b| a.id.cmp(&b.id));
    items.dedup_by(|a, b| a.id == b.id);
    Some(items)
}

/// The analyst's updates among the files directly in `updates/`.
fn loose_updates(tree: &Tree, frame: &Frame, author: &str, found: &mut Vec<Diagnostic>) -> Vec<Update> {
    let files = read::valid_files(tree, UPDATES, false, found);
    files.iter().filter_map(|rel| read_update(tree, frame, rel, found)).filter(|u| u.author == author).collect()
}

/// The analyst's updates in `updates/<author>/` that can decide their estimate at `at`.
fn latest_in_folder(tree: &Tree, frame: &Frame, author: &str, at: &Moment, found: &mut Vec<Diagnostic>) -> Vec<Update> {
    let zone = frame.zone();
    let mut search = Search {
        tree,
        frame,
        author,
        at: *at,
        // Names are in the notebook's zone, which may have changed since: a day's margin each way.
        after: time::day_in(zone, at).succ_opt().unwrap_or(NaiveDate::MAX),
        before: None,
        updates: Vec::new(),
    };
    search.folder(&format!("{UPDATES}/{}", update::author_folder(author)), found);
    search.updates.retain(|u| u.author == author);
    search.updates
}

/// The first and last day a file or folder name covers.
type Days = (NaiveDate, NaiveDate);

/// A walk through an analyst's folder, newest names first, that reads only what can decide their
/// estimate at `at`: nothing named after the day `after`, and once an update at or before `at` is
/// found, nothing named before the day preceding it. Files and folders whose names do not say
/// their day (`YYYY-MM-DD…` files, `YYYY-MM` month folders) are always read.
struct Search<'a> {
    tree: &'a Tree<'a>,
    frame: &'a Frame,
    /// Several spellings of a name share a folder (`Marko`, `marko`): only this one's updates end the search.
    author: &'a str,
    at: Moment,
    after: NaiveDate,
    before: Option<NaiveDate>,
    updates: Vec<Update>,
}

impl Search<'_> {
    fn folder(&mut self, rel: &str, found: &mut Vec<Diagnostic>) {
        let files = read::valid_files(self.tree, rel, false, found);
        let folders = self.tree.subfolders(rel);
        let mut entries: Vec<(Option<Days>, &str, bool)> = files
            .iter()
            .map(|f| (name_day(record_id(f)).map(|d| (d, d)), f.as_str(), false))
            .chain(folders.iter().map(|f| (month_days(f.rsplit('/').next().unwrap_or(f)), f.as_str(), true)))
            .collect();
        // Undated names first, then the newest first.
        entries.sort_by_key(|(days, rel, _)| (days.map(|d| std::cmp::Reverse(d.1)), std::cmp::Reverse(*rel)));
        for (days, rel, is_folder) in entries {
            if days.is_some_and(|(first, last)| first > self.after || self.before.is_some_and(|b| last < b)) {
                continue;
            }
            if is_folder {
                self.folder(rel, found);
            } else {
                self.file(rel, found);
            }
        }
    }

    fn file(&mut self, rel: &str, found: &mut Vec<Diagnostic>) {
        let Some(update) = read_update(self.tree, self.frame, rel, found) else { return };
        if update.author == self.author && update.at <= self.at && self.before.is_none() {
            self.before = time::day_in(self.frame.zone(), &update.at).pred_opt();
        }
        self.updates.push(update);
    }
}

fn read_update(tree: &Tree, frame: &Frame, rel: &str, found: &mut Vec<Diagnostic>) -> Option<Update> {
    match read::parse_file::<UpdateFile>(tree, rel) {
        Ok(record) => update::check(record, frame, &mut Findings { list: found }),
        Err(problems) => {
            found.extend(problems);
            None
        }
    }
}

/// The days of a month folder: `2025-11` → 1 to 30 November 2025.
fn month_days(name: &str) -> Option<Days> {
    let first = name_day(&format!("{name}-01"))?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    (name.len() == 7).then(|| (first, next.pred_opt().unwrap_or(first)))
}

/// The date a tool-made name starts with: `2025-11-13-0912-analyst` → 2025-11-13.
pub fn name_day(id: &str) -> Option<NaiveDate> {
    let b = id.as_bytes().get(..10)?;
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tool_made_name_starts_with_its_day() {
        assert_eq!(name_day("2025-11-13-0912-analyst"), NaiveDate::from_ymd_opt(2025, 11, 13));
        assert_eq!(name_day("2025-02-30-0912-analyst"), None);
        assert_eq!(name_day("opening-estimate"), None);
        assert_eq!(name_day("2025-1-13"), None);
        let november = (NaiveDate::from_ymd_opt(2025, 11, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 11, 30).unwrap());
        assert_eq!(month_days("2025-11"), Some(november));
        assert_eq!(month_days("2025-11-01"), None);
        assert_eq!(month_days("archive"), None);
    }
}
