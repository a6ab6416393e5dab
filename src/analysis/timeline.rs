//! Each author's timeline of updates: their estimate at any moment, and the prior before any update.

use crate::model::{Distribution, Evidence, Moment, Notebook, Update};
use std::collections::{BTreeMap, HashSet};

/// The update `update` moved from: the one just before it on its author's timeline (ties in
/// `at` broken by id) among those already written when it was. An update backdated to before it
/// later never becomes its prior, so a Bayes update is checked and explained against what its
/// author had then.
pub fn previous<'a>(notebook: &'a Notebook, update: &Update) -> Option<&'a Update> {
    let mut earlier = update.previous.map(|i| &notebook.updates[i]);
    while let Some(candidate) = earlier {
        if candidate.known_at() <= update.known_at() {
            return Some(candidate);
        }
        earlier = candidate.previous.map(|i| &notebook.updates[i]);
    }
    None
}

/// The author's standing update at `moment`: their latest at or before it.
pub fn standing<'a>(notebook: &'a Notebook, author: &str, moment: &Moment) -> Option<&'a Update> {
    notebook.updates.iter().take_while(|u| u.at <= *moment).filter(|u| u.author == author).last()
}

/// The author's estimate at `moment`: their standing update, read over the scenarios in play at
/// `moment` and renormalized, so that a retirement since then leaves it summing to 1. `None`
/// without a standing update.
pub fn estimate(notebook: &Notebook, author: &str, moment: &Moment) -> Option<Distribution> {
    let update = standing(notebook, author, moment)?;
    let playing: Vec<&str> = notebook.in_play_at(moment).into_iter().map(|s| s.id.as_str()).collect();
    restricted(&update.probabilities, |s| playing.contains(&s))
}

/// The author's estimate held at `moment` as known at `moment`: among their updates recorded by
/// then (and by `limit`), the latest at or before `moment`, read over the scenarios in play then as
/// known then, renormalized. What a replay to `moment` shows; scoring uses it day by day, so an
/// update never counts before it was written.
pub fn estimate_known(notebook: &Notebook, author: &str, moment: &Moment, limit: &Moment) -> Option<Distribution> {
    let known = |u: &Update| u.known_at() <= *moment && u.known_at() <= *limit;
    let update =
        notebook.updates.iter().take_while(|u| u.at <= *moment).filter(|u| u.author == author && known(u)).last()?;
    let zone = notebook.settings.timezone;
    let day = crate::model::time::day_in(zone, moment);
    let playing: Vec<&str> =
        notebook.scenarios.iter().filter(|s| s.in_play_known(day, moment, zone)).map(|s| s.id.as_str()).collect();
    restricted(&update.probabilities, |s| playing.contains(&s))
}

/// Each author's estimate at each of `moments` (in ascending order) as known then: at each, what
/// `estimate_known` gives with the moment as its limit, found in one sweep over the updates. An
/// update counts from when both its `at` and its recording have passed; the standing one is the
/// last of those in update order.
pub fn known_series(notebook: &Notebook, moments: &[Moment]) -> Vec<BTreeMap<String, Distribution>> {
    let zone = notebook.settings.timezone;
    let updates = &notebook.updates;
    let counts_from = |i: usize| updates[i].at.max(updates[i].known_at());
    let mut order: Vec<usize> = (0..updates.len()).collect();
    order.sort_by_key(|&i| counts_from(i));
    let mut standing: BTreeMap<&str, usize> = BTreeMap::new();
    let mut next = 0;
    moments
        .iter()
        .map(|moment| {
            while let Some(&i) = order.get(next).filter(|&&i| counts_from(i) <= *moment) {
                let latest = standing.entry(updates[i].author.as_str()).or_insert(i);
                *latest = (*latest).max(i);
                next += 1;
            }
            let day = crate::model::time::day_in(zone, moment);
            let playing: Vec<&str> = notebook
                .scenarios
                .iter()
                .filter(|s| s.in_play_known(day, moment, zone))
                .map(|s| s.id.as_str())
                .collect();
            standing
                .iter()
                .filter_map(|(a, &i)| {
                    Some((a.to_string(), restricted(&updates[i].probabilities, |s| playing.contains(&s))?))
                })
                .collect()
        })
        .collect()
}

/// The estimate an update moved from: the author's previous update, read over the scenarios both
/// cover and renormalized. `None` for an author's first update.
pub fn prior_of(notebook: &Notebook, update: &Update) -> Option<Distribution> {
    let previous = previous(notebook, update)?;
    restricted(&previous.probabilities, |s| update.probabilities.contains_key(s))
}

/// `distribution` over the scenarios `keep` keeps, renormalized; `None` if none is kept.
pub fn restricted(distribution: &Distribution, keep: impl Fn(&str) -> bool) -> Option<Distribution> {
    let kept: Distribution = distribution.iter().filter(|(s, _)| keep(s)).map(|(s, p)| (s.clone(), *p)).collect();
    if kept.len() == distribution.len() {
        return Some(kept);
    }
    super::bayes::normalize(kept)
}

/// Whether `update` is its author's latest.
pub fn is_latest(update: &Update) -> bool {
    update.latest
}

/// The authors of a notebook's updates, in alphabetical order (whatever their case).
pub fn authors(notebook: &Notebook) -> Vec<&str> {
    let mut list: Vec<&str> = notebook.updates.iter().map(|u| u.author.as_str()).collect();
    list.sort_unstable_by(|a, b| (a.to_lowercase(), *a).cmp(&(b.to_lowercase(), *b)));
    list.dedup();
    list
}

/// The one meaning of "not yet reflected": evidence known at `moment` (logged by then and dated
/// by then), not retracted as of that day, none of whose origin group (see `model::groups`), as known then,
/// an update of `author` (of anyone, without one) made by `moment` cites. In date order.
pub fn unreflected<'a>(notebook: &'a Notebook, author: Option<&str>, moment: &Moment) -> Vec<&'a Evidence> {
    let zone = notebook.settings.timezone;
    let day = crate::model::time::day_in(zone, moment);
    let groups = notebook.groups_at(moment);
    let group = |id: &str| notebook.position(id).map_or(id.to_string(), |at| groups.key(at).to_string());
    let cited: HashSet<String> = notebook
        .updates
        .iter()
        .filter(|u| author.is_none_or(|a| u.author == a) && u.at <= *moment)
        .flat_map(|u| u.evidence.iter())
        .map(|id| group(id))
        .collect();
    notebook
        .evidence
        .iter()
        .filter(|e| e.known_at(zone) <= *moment && e.date <= day)
        .filter(|e| e.retracted.as_ref().is_none_or(|r| r.date > day))
        .filter(|e| !cited.contains(&group(&e.id)))
        .collect()
}

/// The author's earliest update made by `moment` that already reflects `item`'s news: it cites
/// the item or another of its origin group (as known now). With the item it cites. For an item
/// not yet filed, the group is the one its `origin` names.
pub fn reflected_in<'a>(
    notebook: &'a Notebook,
    author: &str,
    moment: &Moment,
    item: &Evidence,
) -> Option<(&'a Update, &'a str)> {
    let groups = notebook.groups();
    let position = notebook.position(&item.id).or_else(|| {
        let key = crate::model::groups::name_key(item.origin.as_deref()?);
        notebook.position(&key).or_else(|| {
            notebook
                .evidence
                .iter()
                .position(|e| e.origin.as_deref().is_some_and(|o| crate::model::groups::name_key(o) == key))
        })
    });
    let members: HashSet<&str> = match position {
        Some(at) => groups.members(at).iter().map(|&m| notebook.evidence[m as usize].id.as_str()).collect(),
        None => HashSet::from([item.id.as_str()]),
    };
    notebook
        .updates
        .iter()
        .filter(|u| u.author == author && u.at <= *moment)
        .find_map(|u| Some((u, u.evidence.iter().find(|e| members.contains(e.as_str()))?.as_str())))
}

/// The updates that cite an evidence item, oldest first.
pub fn citing<'a>(notebook: &'a Notebook, evidence: &str) -> Vec<&'a Update> {
    notebook.updates.iter().filter(|u| u.evidence.iter().any(|e| e == evidence)).collect()
}
