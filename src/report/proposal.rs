//! A proposed or recorded update: prior → new probability per scenario, and what each cited item did.

pub use crate::analysis::plan::LeftOut;
use crate::analysis::plan::Plan;
use crate::analysis::{bayes, words};
use crate::model::{Evidence, Notebook, time};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub method: crate::model::Method,
    pub author: String,
    pub at: String,
    /// In display order.
    pub scenarios: Vec<Row>,
    /// The leading scenario of the new estimate.
    pub leading: String,
    /// The `LISTED` items with the strongest effect, in date order; `evidence_total` counts them all.
    pub evidence: Vec<Effect>,
    pub evidence_total: usize,
    /// Items a default Bayes update left out, with why and the command that would include them.
    pub left_out: Vec<LeftOut>,
    /// Scenarios a Bayes proposal raised to 0.001 (Cromwell's rule), the others scaled to match.
    pub floored: Vec<String>,
    /// Cited items not multiplied because another item of their origin group counts.
    pub folded: Vec<crate::analysis::groups::Folded>,
    /// Sources three or more multiplied items share: `source` and `count`.
    pub shared_sources: Vec<SharedSource>,
    /// The id of the update written, or `None` for a dry run.
    pub written: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub probability: f64,
    pub prior: Option<f64>,
    pub change: Option<f64>,
    pub words: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct SharedSource {
    pub source: String,
    pub count: usize,
}

/// One cited item: its likelihood ratio for the leading scenario against each other scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Effect {
    pub id: String,
    pub title: String,
    pub ratios: BTreeMap<String, f64>,
}

/// The proposal of `plan`, which rests on `items` (the cited items, found by the caller: a new item
/// may not be in the notebook yet).
pub fn build(notebook: &Notebook, plan: &Plan, items: &[&Evidence]) -> Proposal {
    let scale = notebook.settings.words;
    let new = &plan.update.probabilities;
    let scenarios: Vec<Row> = notebook
        .scenarios
        .iter()
        .filter_map(|s| {
            let p = *new.get(&s.id)?;
            let prior = plan.prior.as_ref().and_then(|d| d.get(&s.id)).copied();
            Some(Row {
                id: s.id.clone(),
                title: s.title.clone(),
                probability: p,
                prior,
                change: prior.map(|q| super::computed(p - q)),
                words: words::words(p, scale),
            })
        })
        .collect();
    let leading =
        scenarios.iter().max_by(|a, b| a.probability.total_cmp(&b.probability)).map_or(String::new(), |r| r.id.clone());
    // Items folded into another of their origin are not multiplied, so have no effect to show.
    let items: Vec<&Evidence> = items.iter().copied().filter(|e| !plan.folded.iter().any(|f| f.id == e.id)).collect();
    let items = items.as_slice();
    let evidence = strongest(items, &leading)
        .into_iter()
        .map(|e| Effect {
            id: e.id.clone(),
            title: e.title.clone(),
            ratios: scenarios
                .iter()
                .filter(|r| r.id != leading)
                .filter_map(|r| Some((r.id.clone(), super::computed(bayes::likelihood_ratio(e, &leading, &r.id)?))))
                .collect(),
        })
        .collect();
    Proposal {
        method: plan.update.method,
        author: plan.update.author.clone(),
        at: time::rfc3339(&plan.update.at),
        scenarios,
        leading,
        evidence,
        evidence_total: items.len(),
        left_out: plan.left_out.clone(),
        floored: plan.floored.clone(),
        folded: plan.folded.clone(),
        shared_sources: plan
            .shared_sources
            .iter()
            .map(|(source, count)| SharedSource { source: source.clone(), count: *count })
            .collect(),
        written: None,
    }
}

/// The `LISTED` items whose likelihood ratios for `leading` stray furthest from 1, in their order.
fn strongest<'a>(items: &[&'a Evidence], leading: &str) -> Vec<&'a Evidence> {
    if items.len() <= super::LISTED {
        return items.to_vec();
    }
    let strength = |e: &Evidence| {
        e.likelihood.as_ref().map_or(0.0, |l| {
            l.iter()
                .filter_map(|(s, _)| bayes::likelihood_ratio(e, leading, s))
                .map(|r| r.ln().abs())
                .fold(0.0, f64::max)
        })
    };
    let mut ranked: Vec<(usize, f64)> = items.iter().enumerate().map(|(i, e)| (i, strength(e))).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(super::LISTED);
    ranked.sort_by_key(|(i, _)| *i);
    ranked.into_iter().map(|(i, _)| items[i]).collect()
}
