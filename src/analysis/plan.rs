//! Planning a new estimate: by judgment (the given values, the rest filled in proportion) or by
//! Bayes (the analyst's standing estimate times the items' likelihoods), checked and ready to write.

use super::{bayes, estimate, timeline};
use crate::error::{Error, Result};
use crate::model::value::ScenarioValue;
use crate::model::{Confidence, Distribution, Evidence, Method, Moment, Notebook, Update, time};

/// An estimate ready to write, with what it was computed from.
#[derive(Debug, Clone)]
pub struct Plan {
    pub update: Update,
    /// The analyst's previous estimate, if any.
    pub prior: Option<Distribution>,
    /// Items a default Bayes update left out, with no likelihoods.
    pub skipped: Vec<String>,
}

/// Who records the estimate, when, and why.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub author: &'a str,
    pub at: Moment,
    pub confidence: Option<Confidence>,
    pub rationale: Option<String>,
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

/// An estimate by judgment: `given` for the scenarios named, the others sharing what remains in
/// the proportions of the analyst's previous estimate.
pub fn judgment(
    notebook: &Notebook,
    request: &Request,
    given: &[ScenarioValue<f64>],
    cited: &[&Evidence],
) -> Result<Plan> {
    if given.is_empty() {
        return Err(Error::refused(
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
            let hint = crate::model::value::did_you_mean(id, playing.iter().copied())
                .unwrap_or_else(|| format!("the scenarios in play are {}", playing.join(", ")));
            return Err(Error::refused(message, hint));
        }
        if values.insert(pair.scenario.clone(), pair.value).is_some() {
            return Err(Error::input(format!("scenario `{}` is given twice", pair.scenario)));
        }
    }
    let prior = timeline::standing(notebook, request.author, &request.at).map(|u| u.probabilities.clone());
    let new = estimate::fill(&playing, &values, prior.as_ref()).map_err(|p| Error::input(p.to_string()))?;
    let mut update = Update::new(request.at, request.author, Method::Judgment, estimate::round_for_storage(&new));
    update.evidence = cited.iter().map(|e| e.id.clone()).collect();
    update.confidence = request.confidence;
    update.rationale = request.rationale.clone().unwrap_or_default();
    Ok(Plan { update, prior, skipped: Vec::new() })
}

/// An estimate by Bayes on `items`, or, when `items` is `None`, on every item with likelihoods
/// that the analyst has not yet reflected.
pub fn bayes(notebook: &Notebook, request: &Request, items: Option<Vec<&Evidence>>) -> Result<Plan> {
    let prior = prior_for_bayes(notebook, request.author, &request.at)?;
    let (items, skipped) = match items {
        Some(items) => (items, Vec::new()),
        None => timeline::unreflected(notebook, Some(request.author), &request.at)
            .into_iter()
            .partition(|e| e.likelihood.is_some()),
    };
    if items.is_empty() {
        let why = match skipped.len() {
            0 => String::new(),
            1 => " (1 item without likelihoods skipped)".to_string(),
            n => format!(" ({n} items without likelihoods skipped)"),
        };
        return Err(Error::refused(
            format!("no new evidence with likelihoods to update on{why}"),
            "log evidence with --likelihood, or name items with --evidence",
        ));
    }
    let new =
        bayes::posterior(&prior, &items).map_err(|p| Error::input(format!("cannot compute the Bayes update: {p}")))?;
    let rationale = request.rationale.clone().unwrap_or_else(|| match items.as_slice() {
        [one] => format!("Bayes update on new evidence: {}", one.title),
        many => format!("Bayes update on {} items.", many.len()),
    });
    let standing_confidence = timeline::standing(notebook, request.author, &request.at).and_then(|u| u.confidence);
    let mut update = Update::new(request.at, request.author, Method::Bayes, estimate::round_for_storage(&new));
    update.evidence = items.iter().map(|e| e.id.clone()).collect();
    update.confidence = request.confidence.or(standing_confidence);
    update.rationale = rationale;
    Ok(Plan { update, prior: Some(prior), skipped: skipped.iter().map(|e| e.id.clone()).collect() })
}

/// The author's latest estimate, over exactly the scenarios in play now.
fn prior_for_bayes(notebook: &Notebook, author: &str, at: &Moment) -> Result<Distribution> {
    let prior = timeline::standing(notebook, author, at).ok_or_else(|| {
        Error::refused(
            format!("`{author}` has no estimate yet, so Bayes has no prior"),
            "record one by judgment first: forecast update SCENARIO=P ...",
        )
    })?;
    let playing: std::collections::BTreeSet<&str> = in_play(notebook, at).into_iter().collect();
    if !prior.probabilities.keys().map(String::as_str).eq(playing.iter().copied()) {
        return Err(Error::refused(
            "the scenarios in play changed since your last estimate, so Bayes has no prior for them",
            "record the next estimate by judgment: forecast update SCENARIO=P ...",
        ));
    }
    Ok(prior.probabilities.clone())
}
