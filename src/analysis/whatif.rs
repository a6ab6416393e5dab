//! What-if: replay each author's timeline without some evidence items.
//!
//! `bayes` updates that cite a removed item, or moved from one recomputed, are recomputed from
//! their recorded likelihoods, chained from the replayed prior, leaving out the removed items. `judgment` updates stand as recorded, flagged when they cited a
//! removed item. An update whose scenarios differ from its replayed prior also stands as recorded.

use super::{aggregate, bayes};
use crate::model::{Distribution, Evidence, Method, Moment, Notebook};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The replayed history.
#[derive(Debug, Clone, Default)]
pub struct Replay {
    /// Each author's replayed estimate at the end, by author.
    pub authors: BTreeMap<String, Distribution>,
    /// The replayed aggregate at the end.
    pub aggregate: Option<Distribution>,
    /// Judgment updates that cited a removed item, and so may rest on it.
    pub flagged: Vec<String>,
    /// Bayes updates recomputed without the removed items, with what they recorded and what they become.
    pub recomputed: Vec<Recomputed>,
}

#[derive(Debug, Clone)]
pub struct Recomputed {
    pub update: String,
    pub recorded: Distribution,
    pub replayed: Distribution,
}

/// Replays every author's updates up to `moment` without the items in `removed`. An update is
/// touched when it cites a removed item or moved from a touched Bayes update; untouched updates
/// stand as recorded, so leaving out an item nothing cited changes nothing.
pub fn replay(notebook: &Notebook, removed: &[&str], moment: &Moment) -> Replay {
    let removed: HashSet<&str> = removed.iter().copied().collect();
    let mut replay = Replay::default();
    let mut replayed_by_id: HashMap<&str, Distribution> = HashMap::new();
    let mut touched: HashSet<&str> = HashSet::new();
    for update in notebook.updates.iter().filter(|u| u.at <= *moment) {
        let cites_removed = update.evidence.iter().any(|e| removed.contains(e.as_str()));
        let previous = super::timeline::previous(notebook, update);
        let prior_touched = previous.is_some_and(|p| touched.contains(p.id.as_str()));
        // Chained from the update it moved from (see `timeline::previous`), as replayed.
        let prior = previous
            .and_then(|p| replayed_by_id.get(p.id.as_str()))
            .filter(|p| update.probabilities.keys().all(|s| p.contains_key(s)))
            .and_then(|p| super::timeline::restricted(p, |s| update.probabilities.contains_key(s)));
        let new = match (update.method, prior) {
            (Method::Bayes, Some(prior)) if cites_removed || prior_touched => {
                let kept: Vec<&Evidence> = update
                    .evidence
                    .iter()
                    .filter(|e| !removed.contains(e.as_str()))
                    .filter_map(|e| notebook.evidence(e))
                    .collect();
                // Another item of a removed item's origin group (as known then) counts in its place.
                let (kept, _) = super::groups::fold_for(notebook, update, &kept);
                let replayed = bayes::posterior(&prior, &kept)
                    .map(|p| bayes::floored(&p, crate::model::value::FLOOR).0)
                    .unwrap_or_else(|_| update.probabilities.clone());
                touched.insert(update.id.as_str());
                replay.recomputed.push(Recomputed {
                    update: update.id.clone(),
                    recorded: update.probabilities.clone(),
                    replayed: replayed.clone(),
                });
                replayed
            }
            _ => {
                if cites_removed {
                    replay.flagged.push(update.id.clone());
                }
                update.probabilities.clone()
            }
        };
        replayed_by_id.insert(update.id.as_str(), new.clone());
        replay.authors.insert(update.author.clone(), new);
    }
    // Read over the scenarios in play at `moment`, as every standing estimate is (see
    // `timeline::estimate`), so a scenario retired since never comes back.
    let playing: Vec<&str> = notebook.in_play_at(moment).into_iter().map(|s| s.id.as_str()).collect();
    replay.authors = std::mem::take(&mut replay.authors)
        .into_iter()
        .filter_map(|(a, d)| Some((a, super::timeline::restricted(&d, |s| playing.contains(&s))?)))
        .collect();
    replay.aggregate = aggregate::geometric_mean(replay.authors.values());
    replay
}
