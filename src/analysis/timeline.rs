//! Each author's timeline of updates: their estimate at any moment, and the prior before any update.

use crate::model::{Moment, Notebook, Update};

/// The update just before `update` on its author's timeline (ties in `at` broken by id).
pub fn previous<'a>(notebook: &'a Notebook, update: &Update) -> Option<&'a Update> {
    notebook
        .updates
        .iter()
        .take_while(|u| (u.at, &u.id) < (update.at, &update.id))
        .filter(|u| u.author == update.author)
        .last()
}

/// The author's standing update at `moment`: their latest at or before it.
pub fn standing<'a>(notebook: &'a Notebook, author: &str, moment: &Moment) -> Option<&'a Update> {
    notebook.updates.iter().take_while(|u| u.at <= *moment).filter(|u| u.author == author).last()
}

/// Whether `update` is its author's latest.
pub fn is_latest(notebook: &Notebook, update: &Update) -> bool {
    !notebook.updates.iter().any(|u| u.author == update.author && (u.at, &u.id) > (update.at, &update.id))
}

/// The authors of a notebook's updates, sorted.
pub fn authors(notebook: &Notebook) -> Vec<&str> {
    let mut list: Vec<&str> = notebook.updates.iter().map(|u| u.author.as_str()).collect();
    list.sort_unstable();
    list.dedup();
    list
}
