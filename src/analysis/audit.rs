//! Checks that need the whole notebook's history: Bayes updates against their inputs, and citations of retracted evidence.

use super::{bayes, future, groups, timeline};
use crate::diagnostic::Diagnostic;
use crate::model::{Evidence, Method, Moment, Notebook, Update, time};
use std::collections::HashMap;

/// How far a recorded Bayes probability may sit from the recomputed one before `check` warns.
pub const BAYES_TOLERANCE: f64 = 0.005;

/// Every finding about the notebook's recorded history, `now` being the clock of the command.
pub fn audit(notebook: &Notebook, now: &Moment) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut cited_by: HashMap<&str, Vec<&Update>> = HashMap::new();
    for update in &notebook.updates {
        update.evidence.iter().for_each(|id| cited_by.entry(id.as_str()).or_default().push(update));
    }
    for update in &notebook.updates {
        if update.method == Method::Bayes {
            found.extend(check_bayes(notebook, update));
            found.extend(counted_again(notebook, update, &cited_by));
            found.extend(linked_since(notebook, update));
        }
        found.extend(check_retracted(notebook, update));
        found.extend(after_resolution(notebook, update));
    }
    found.extend(future::dated_ahead(notebook, now));
    found
}

/// An update recorded after the question's resolution was recorded: estimates are locked then.
fn after_resolution(notebook: &Notebook, update: &Update) -> Option<Diagnostic> {
    let resolution = notebook.resolution.as_ref()?;
    let resolved = resolution.known_at(notebook.settings.timezone);
    (update.known_at() > resolved).then(|| {
        let span = update.spans.recorded.clone().unwrap_or_else(|| update.spans.at.clone());
        Diagnostic::error(
            &update.path,
            Some(span),
            format!(
                "found an update recorded {}, after the resolution (`{}` on {}) was recorded {}; expected no estimate once the question is resolved",
                time::rfc3339(&update.known_at()),
                resolution.scenario,
                resolution.date,
                time::rfc3339(&resolved)
            ),
        )
        .with_hint("estimates are locked once resolved: remove this update, or edit resolution.toml if the resolution was wrong")
    })
}

fn check_bayes(notebook: &Notebook, update: &Update) -> Option<Diagnostic> {
    let Some(prior) = timeline::previous(notebook, update) else {
        return Some(
            Diagnostic::error(
                &update.path,
                Some(update.spans.method.clone()),
                format!(
                    "found a `bayes` update with no earlier estimate by `{}`, expected a prior to update",
                    update.author
                ),
            )
            .with_hint("record the first estimate with `method = \"judgment\"`"),
        );
    };
    let items: Vec<&Evidence> = update.evidence.iter().filter_map(|id| notebook.evidence(id)).collect();
    let covered = update.probabilities.keys().all(|s| prior.probabilities.contains_key(s));
    let Some(start) = timeline::prior_of(notebook, update).filter(|_| covered) else {
        return Some(Diagnostic::warning(
            &update.path,
            Some(update.spans.probabilities.clone()),
            format!("cannot check this `bayes` update: the scenarios in play changed since the prior `{}`", prior.id),
        ));
    };
    // Items of one origin group count once (see `groups`).
    let (counted, folded) = groups::fold_for(notebook, update, &items);
    let expected =
        |items: &[&Evidence]| bayes::posterior(&start, items).map(|p| bayes::floored(&p, crate::model::value::FLOOR).0);
    match expected(&counted) {
        Err(problem) => Some(Diagnostic::error(
            &update.path,
            Some(update.spans.method.clone()),
            format!("found a `bayes` update that cannot be recomputed: {problem}"),
        )),
        Ok(once) => {
            let off = mismatch(update, &once)?;
            let twice = expected(&items).ok().filter(|all| !folded.is_empty() && mismatch(update, all).is_none());
            Some(match twice {
                Some(_) => counted_twice(update, &folded),
                None => off,
            })
        }
    }
}

/// A Bayes update that multiplies an item whose news an earlier update by the same analyst
/// already reflects (it cites the item, or another of its origin group as known then).
fn counted_again(notebook: &Notebook, update: &Update, cited_by: &HashMap<&str, Vec<&Update>>) -> Option<Diagnostic> {
    let groups = notebook.groups_at(&update.known_at());
    let items: Vec<&Evidence> = update.evidence.iter().filter_map(|id| notebook.evidence(id)).collect();
    let (counted, _) = groups::fold(notebook, &groups, &items);
    let earlier = |v: &&&Update| {
        v.author == update.author && v.id != update.id && v.at <= update.at && v.known_at() <= update.known_at()
    };
    counted.iter().find_map(|item| {
        let members = groups.members(notebook.position(&item.id)?);
        members.iter().map(|&m| notebook.evidence[m as usize].id.as_str()).find_map(|member| {
            let before = cited_by.get(member)?.iter().find(earlier)?;
            let same = if member == item.id { String::new() } else { format!(" (`{member}`, of the same origin)") };
            Some(
                Diagnostic::warning(
                    &update.path,
                    Some(update.spans.evidence.first().cloned().unwrap_or(update.spans.probabilities.clone())),
                    format!(
                        "this `bayes` update multiplies `{}`, whose news `{}`'s earlier update `{}` already reflects{same}: it counts that news twice",
                        item.id, update.author, before.id
                    ),
                )
                .with_hint("record a new estimate by judgment that counts it once; `forecast whatif --without ID` shows the estimate without it"),
            )
        })
    })
}

/// An analyst's standing Bayes update that multiplied items linked since as one origin: their
/// estimate counts that news more than once until they record a new one.
fn linked_since(notebook: &Notebook, update: &Update) -> Option<Diagnostic> {
    if !timeline::is_latest(update) {
        return None;
    }
    let items: Vec<&Evidence> = update.evidence.iter().filter_map(|id| notebook.evidence(id)).collect();
    let (_, then) = groups::fold_for(notebook, update, &items);
    let (_, now) = groups::fold(notebook, &notebook.groups(), &items);
    let new: Vec<String> = now
        .iter()
        .filter(|f| !then.iter().any(|t| t.id == f.id))
        .map(|f| format!("`{}` with `{}`", f.id, f.into))
        .collect();
    (!new.is_empty()).then(|| {
        Diagnostic::warning(
            &update.path,
            Some(update.spans.evidence.first().cloned().unwrap_or(update.spans.probabilities.clone())),
            format!(
                "since this `bayes` update was recorded, items it multiplied were linked as one origin ({}): `{}`'s standing estimate counts that news more than once",
                new.join(", "),
                update.author
            ),
        )
        .with_hint("record a new estimate by judgment that counts it once; `forecast whatif --without ID` shows the estimate without the copy")
    })
}

/// A Bayes update whose numbers multiply items of one origin group, each as if it were news.
fn counted_twice(update: &Update, folded: &[groups::Folded]) -> Diagnostic {
    let pairs: Vec<String> = folded.iter().map(|f| format!("`{}` with `{}`", f.id, f.into)).collect();
    Diagnostic::warning(
        &update.path,
        Some(update.spans.evidence.first().cloned().unwrap_or(update.spans.probabilities.clone())),
        format!(
            "this `bayes` update multiplies items that report the same news (one origin), counting it more than once: {}",
            pairs.join(", ")
        ),
    )
    .with_hint("record a new update by Bayes: it counts each origin once")
}

fn mismatch(update: &Update, expected: &crate::model::Distribution) -> Option<Diagnostic> {
    let off: Vec<String> = update
        .probabilities
        .iter()
        .filter(|(id, p)| (**p - expected[*id]).abs() > BAYES_TOLERANCE)
        .map(|(id, p)| format!("`{id}` {p:.3} recorded, {:.3} computed", expected[id]))
        .collect();
    (!off.is_empty()).then(|| {
        Diagnostic::warning(
            &update.path,
            Some(update.spans.probabilities.clone()),
            format!(
                "recorded `bayes` probabilities differ from what the prior and likelihoods give: {}",
                off.join(", ")
            ),
        )
        .with_hint("its inputs changed after it was recorded: an item re-rated, or an earlier update by the same analyst merged in from another clone; record a new update to reflect them")
    })
}

/// Warns when an update cites retracted evidence and either was made after the retraction, or is still its
/// author's standing estimate. Updates made before a retraction and since superseded are history, not a problem.
fn check_retracted(notebook: &Notebook, update: &Update) -> Vec<Diagnostic> {
    let zone = notebook.settings.timezone;
    let latest = timeline::is_latest(update);
    update
        .evidence
        .iter()
        .zip(&update.spans.evidence)
        .filter_map(|(id, span)| {
            let retraction = notebook.evidence(id)?.retracted.as_ref()?;
            // Made after the retraction was known: a retraction without `recorded` is known from
            // the start of its day.
            let used_after = update.known_at() >= retraction.known_at(zone);
            (used_after || latest).then(|| {
                let why = if used_after {
                    "the update was made after the retraction"
                } else {
                    "the author's latest estimate still rests on it"
                };
                Diagnostic::warning(
                    &update.path,
                    Some(span.clone()),
                    format!("cites `{id}`, retracted on {}; {why}", retraction.date),
                )
                .with_hint(format!("see its effect with `forecast whatif --without {id}`"))
            })
        })
        .collect()
}
