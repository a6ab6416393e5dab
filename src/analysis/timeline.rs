//! Each author's timeline of updates: their estimate at any moment, and the prior before any update.

use crate::model::{Evidence, Moment, Notebook, Update};
use std::collections::HashSet;

/// The update just before `update` on its author's timeline (ties in `at` broken by id).
pub fn previous<'a>(notebook: &'a Notebook, update: &Update) -> Option<&'a Update> {
    update.previous.map(|i| &notebook.updates[i])
}

/// The author's standing update at `moment`: their latest at or before it.
pub fn standing<'a>(notebook: &'a Notebook, author: &str, moment: &Moment) -> Option<&'a Update> {
    notebook.updates.iter().take_while(|u| u.at <= *moment).filter(|u| u.author == author).last()
}

/// Whether `update` is its author's latest.
pub fn is_latest(update: &Update) -> bool {
    update.latest
}

/// The authors of a notebook's updates, sorted.
pub fn authors(notebook: &Notebook) -> Vec<&str> {
    let mut list: Vec<&str> = notebook.updates.iter().map(|u| u.author.as_str()).collect();
    list.sort_unstable();
    list.dedup();
    list
}

/// The one meaning of "not yet reflected": evidence known at `moment` (logged by then and dated
/// by then), not retracted as of that day, that no update of `author` (of anyone, without one)
/// made by `moment` cites. In date order.
pub fn unreflected<'a>(notebook: &'a Notebook, author: Option<&str>, moment: &Moment) -> Vec<&'a Evidence> {
    let zone = notebook.settings.timezone;
    let day = crate::model::time::day_in(zone, moment);
    let cited: HashSet<&str> = notebook
        .updates
        .iter()
        .filter(|u| author.is_none_or(|a| u.author == a) && u.at <= *moment)
        .flat_map(|u| u.evidence.iter().map(String::as_str))
        .collect();
    notebook
        .evidence
        .iter()
        .filter(|e| e.known_at(zone) <= *moment && e.date <= day)
        .filter(|e| e.retracted.as_ref().is_none_or(|r| r.date > day))
        .filter(|e| !cited.contains(e.id.as_str()))
        .collect()
}

/// The updates that cite an evidence item, oldest first.
pub fn citing<'a>(notebook: &'a Notebook, evidence: &str) -> Vec<&'a Update> {
    notebook.updates.iter().filter(|u| u.evidence.iter().any(|e| e == evidence)).collect()
}
