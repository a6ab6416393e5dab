//! Planning a new estimate: by judgment (the given values, the rest filled in proportion) or by
//! Bayes (the analyst's standing estimate times the items' likelihoods), checked and ready to write.

use super::{bayes, estimate, groups, timeline};
use crate::error::{Error, Result};
use crate::model::value::{self, ScenarioValue};
use crate::model::{Confidence, Distribution, Evidence, Method, Moment, Notebook, Resolution, Update, time};
use serde::Serialize;

/// An estimate ready to write, with what it was computed from.
#[derive(Debug, Clone)]
pub struct Plan {
    pub update: Update,
    /// The analyst's estimate before, over the scenarios in play (renormalized), if any.
    pub prior: Option<Distribution>,
    /// Items a default Bayes update left out, and why.
    pub left_out: Vec<LeftOut>,
    /// Scenarios a Bayes proposal raised to the floor of 0.001 (Cromwell's rule).
    pub floored: Vec<String>,
    /// Items a Bayes update cites but does not multiply, because another of their origin group
    /// counts (see `groups`).
    pub folded: Vec<groups::Folded>,
    /// Sources three or more of the multiplied items share, with how many: they may share a
    /// reporter, not just an origin.
    pub shared_sources: Vec<(String, usize)>,
}

/// An item a default Bayes update could not use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    pub id: String,
    pub reason: String,
    /// The command that would let Bayes use it, if there is one.
    pub fix: Option<String>,
}

/// The refusal of a Bayes update with no item to use, naming (up to five of) the items left out,
/// why, and the command that would let Bayes use each.
fn nothing_to_use(left_out: &[LeftOut]) -> Error {
    if left_out.is_empty() {
        return Error::refused(
            "no new evidence with likelihoods to update on",
            "log evidence with --likelihood, or name items with --evidence",
        );
    }
    let named: Vec<String> = left_out.iter().take(5).map(|l| format!("`{}` ({})", l.id, l.reason)).collect();
    let more = left_out.len().saturating_sub(5);
    let fixes: Vec<&str> = left_out.iter().filter_map(|l| l.fix.as_deref()).take(3).collect();
    let hint = if fixes.is_empty() {
        "log evidence with --likelihood, or name items with --evidence".to_string()
    } else {
        format!("to include them: {}", fixes.join("; "))
    };
    Error::refused(
        format!(
            "no new evidence Bayes can use: {} left out: {}{}",
            crate::model::value::count(left_out.len(), "item"),
            named.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        ),
        hint,
    )
}

/// Who records the estimate, when, and why.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub author: &'a str,
    pub at: Moment,
    /// The clock when it is written: its `recorded`.
    pub now: Moment,
    pub confidence: Option<Confidence>,
    pub rationale: Option<String>,
}

/// Estimates are locked once the question is resolved.
pub fn unlocked(resolution: Option<&Resolution>) -> Result<()> {
    match resolution {
        None => Ok(()),
        Some(r) => Err(Error::refused(
            format!("the question resolved as `{}` on {}, so estimates are locked", r.scenario, r.date),
            "a resolved notebook records no new estimate; see the scores with `forecast score`",
        )),
    }
}

/// The items an update cites, as typed: each must exist (an exact id or a unique prefix), be
/// known by `at`, and not be retracted. Repeats are dropped.
pub fn cited<'a>(notebook: &'a Notebook, ids: &[String], at: &Moment) -> Result<Vec<&'a Evidence>> {
    let zone = notebook.settings.timezone;
    let mut items: Vec<&Evidence> = Vec::new();
    for id in ids {
        let item = notebook.find_evidence(id)?;
        if item.known_at(zone) > *at || item.date > time::day_in(zone, at) {
            return Err(Error::input(format!(
                "`{}` was not known yet at {}, expected evidence logged by then",
                item.id,
                time::rfc3339(at)
            )));
        }
        if let Some(r) = &item.retracted {
            return Err(Error::refused(
                format!("`{}` was retracted on {}: {}", item.id, r.date, r.reason),
                "retracted evidence cannot be cited; see its effect with `forecast whatif --without ID`",
            ));
        }
        if !items.iter().any(|e| e.id == item.id) {
            items.push(item);
        }
    }
    Ok(items)
}

fn in_play<'a>(notebook: &'a Notebook, at: &Moment) -> Vec<&'a str> {
    notebook.in_play_at(at).into_iter().map(|s| s.id.as_str()).collect()
}

fn new_update(request: &Request, method: Method, probabilities: Distribution) -> Update {
    let mut update = Update::new(request.at, request.author, method, estimate::round_for_storage(&probabilities));
    update.recorded = Some(request.now);
    update
}

/// An estimate by judgment: `given` for the scenarios named, the others sharing what remains in
/// the proportions of the analyst's previous estimate. A scenario their previous estimate did not
/// have must be given, and no scenario may be left below 0.001.
pub fn judgment(
    notebook: &Notebook,
    request: &Request,
    given: &[ScenarioValue<f64>],
    cited: &[&Evidence],
) -> Result<Plan> {
    if given.is_empty() {
        return Err(Error::usage(
            "no probabilities given",
            "give SCENARIO=P for at least one scenario, or use --bayes",
        ));
    }
    let playing = in_play(notebook, &request.at);
    let mut values = Distribution::new();
    for pair in given {
        if !playing.contains(&pair.scenario.as_str()) {
            let id = &pair.scenario;
            let message = if notebook.scenario(id).is_some() {
                format!("scenario `{id}` is not in play")
            } else {
                format!("unknown scenario `{id}`")
            };
            let hint = value::did_you_mean(id, playing.iter().copied())
                .unwrap_or_else(|| format!("the scenarios in play are {}", playing.join(", ")));
            return Err(Error::refused(message, hint));
        }
        if pair.value < value::FLOOR {
            let invalid = value::below_floor(&pair.scenario, pair.value);
            return Err(Error::refused(invalid.message, invalid.hint.unwrap_or_default()));
        }
        if values.insert(pair.scenario.clone(), pair.value).is_some() {
            return Err(Error::input(format!("scenario `{}` is given twice", pair.scenario)));
        }
    }
    let prior = timeline::estimate(notebook, request.author, &request.at);
    if let Some(new) =
        playing.iter().find(|s| !values.contains_key(**s) && prior.as_ref().is_some_and(|p| !p.contains_key(**s)))
    {
        return Err(Error::refused(
            format!("scenario `{new}` is not in your previous estimate, so there is no proportion to give it"),
            format!("give it a probability: forecast update {new}=P ..."),
        ));
    }
    let new = estimate::fill(&playing, &values, prior.as_ref()).map_err(|p| Error::input(p.to_string()))?;
    if let Some((s, p)) = new.iter().find(|(_, p)| **p < value::FLOOR) {
        return Err(Error::refused(
            format!(
                "scenario `{s}` would be left at {}, below 0.001 (0.1%): a zero can never be revised by evidence",
                value::show_number(*p)
            ),
            format!("give `{s}` at least 0.1%, or retire it with `forecast scenario retire {s}`"),
        ));
    }
    let standing_confidence = timeline::standing(notebook, request.author, &request.at).and_then(|u| u.confidence);
    let mut update = new_update(request, Method::Judgment, new);
    update.evidence = cited.iter().map(|e| e.id.clone()).collect();
    update.confidence = request.confidence.or(standing_confidence);
    update.rationale = request.rationale.clone().unwrap_or_default();
    Ok(Plan {
        update,
        prior,
        left_out: Vec::new(),
        floored: Vec::new(),
        folded: Vec::new(),
        shared_sources: Vec::new(),
    })
}

/// An estimate by Bayes on `items`, or, when `items` is `None`, on every item the analyst has not
/// yet reflected that gives a likelihood for every scenario in play (the rest are left out, with
/// the reason). Probabilities below 0.001 are raised to it.
pub fn bayes(notebook: &Notebook, request: &Request, items: Option<Vec<&Evidence>>) -> Result<Plan> {
    let prior = prior_for_bayes(notebook, request.author, &request.at)?;
    let (items, left_out) = match items {
        Some(items) => {
            if let Some(problem) = items.iter().find_map(|e| unusable(e, &prior)) {
                return Err(Error::refused(
                    format!("`{}` {}", problem.id, problem.reason),
                    problem
                        .fix
                        .unwrap_or_else(|| "log evidence with --likelihood, or name items with --evidence".into()),
                ));
            }
            if let Some(refusal) = items.iter().find_map(|e| counted_already(notebook, request, e)) {
                return Err(refusal);
            }
            (items, Vec::new())
        }
        None => usable_unreflected(notebook, request, &prior),
    };
    if items.is_empty() {
        return Err(nothing_to_use(&left_out));
    }
    let cited: Vec<String> = items.iter().map(|e| e.id.clone()).collect();
    let (items, folded) = groups::fold(notebook, &notebook.groups_at(&request.now), &items);
    let raw =
        bayes::posterior(&prior, &items).map_err(|p| Error::input(format!("cannot compute the Bayes update: {p}")))?;
    let (new, floored) = bayes::floored(&raw, value::FLOOR);
    let rationale = request.rationale.clone().unwrap_or_else(|| match items.as_slice() {
        [one] => format!("Bayes update on new evidence: {}", one.title),
        many => format!("Bayes update on {} items.", many.len()),
    });
    let standing_confidence = timeline::standing(notebook, request.author, &request.at).and_then(|u| u.confidence);
    let mut update = new_update(request, Method::Bayes, new);
    update.evidence = cited;
    update.confidence = request.confidence.or(standing_confidence);
    update.rationale = rationale;
    let shared_sources = shared_sources(&items);
    Ok(Plan { update, prior: Some(prior), left_out, floored, folded, shared_sources })
}

/// How many of `items` come from one source, for the sources that give three or more (compared
/// ignoring case and spaces around).
fn shared_sources(items: &[&Evidence]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, String, usize)> = Vec::new();
    for item in items {
        let key = item.source.trim().to_lowercase();
        match counts.iter_mut().find(|(k, _, _)| *k == key) {
            Some(entry) => entry.2 += 1,
            None => counts.push((key, item.source.trim().to_string(), 1)),
        }
    }
    counts.into_iter().filter(|(_, _, n)| *n >= 3).map(|(_, shown, n)| (shown, n)).collect()
}

/// The analyst's unreflected items Bayes can use, and those it cannot, with why.
fn usable_unreflected<'a>(
    notebook: &'a Notebook,
    request: &Request,
    prior: &Distribution,
) -> (Vec<&'a Evidence>, Vec<LeftOut>) {
    let mut usable = Vec::new();
    let mut left_out = Vec::new();
    for item in timeline::unreflected(notebook, Some(request.author), &request.at) {
        match unusable(item, prior) {
            None => usable.push(item),
            Some(why) => left_out.push(why),
        }
    }
    (usable, left_out)
}

/// The refusal of a Bayes update on an item whose news the analyst's estimate already reflects:
/// multiplied again, it would count twice.
fn counted_already(notebook: &Notebook, request: &Request, item: &Evidence) -> Option<Error> {
    let (update, cited) = timeline::reflected_in(notebook, request.author, &request.at, item)?;
    let what = if cited == item.id {
        format!("`{}` is already reflected in your update `{}`", item.id, update.id)
    } else {
        format!(
            "`{}` reports the same news as `{cited}` (one origin), already reflected in your update `{}`",
            item.id, update.id
        )
    };
    Some(Error::refused(
        format!("{what}: Bayes would count it twice"),
        "it counts once already; to change your view of it, record an estimate by judgment: forecast update SCENARIO=P --evidence ID",
    ))
}

/// Why Bayes cannot use `item` against `prior`, if it cannot.
fn unusable(item: &Evidence, prior: &Distribution) -> Option<LeftOut> {
    let Some(table) = &item.likelihood else {
        return Some(LeftOut {
            id: item.id.clone(),
            reason: "has no likelihoods: it informs judgment only".into(),
            fix: None,
        });
    };
    let missing: Vec<&str> = prior.keys().map(String::as_str).filter(|s| table.get(s).is_none()).collect();
    if missing.is_empty() {
        return None;
    }
    let pairs: Vec<String> = missing.iter().map(|s| format!("{s}=L")).collect();
    Some(LeftOut {
        id: item.id.clone(),
        reason: format!(
            "gives no likelihood for {}, added after it was logged",
            missing.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
        ),
        fix: Some(format!("forecast evidence rate {} {}", item.id, pairs.join(" "))),
    })
}

/// The author's estimate, renormalized over the scenarios in play, which it must cover.
fn prior_for_bayes(notebook: &Notebook, author: &str, at: &Moment) -> Result<Distribution> {
    let prior = timeline::estimate(notebook, author, at).ok_or_else(|| {
        Error::refused(
            format!("`{author}` has no estimate yet, so Bayes has no prior"),
            "record one by judgment first: forecast update SCENARIO=P ...",
        )
    })?;
    if let Some(new) = in_play(notebook, at).into_iter().find(|s| !prior.contains_key(*s)) {
        return Err(Error::refused(
            format!("scenario `{new}` entered play after your last estimate, so Bayes has no prior for it"),
            format!("record the next estimate by judgment, giving it a probability: forecast update {new}=P ..."),
        ));
    }
    Ok(prior)
}
