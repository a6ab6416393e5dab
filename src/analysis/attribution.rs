//! Attribution: how much each evidence item moved each scenario, update by update.
//!
//! For an update with prior q (the author's previous estimate) and new estimate p, the shift in
//! scenario s is p(s) − q(s). A `bayes` update shares it among its items in proportion to each item's
//! log-likelihood-ratio weight for s, w(e, s) = ln( L_e(s) / Σ_t q(t)·L_e(t) ): the log of the factor
//! that item alone would apply to s from the prior. An item with equal likelihoods has weight 0.
//! A `judgment` update shares it equally among the items it cites, labelled "judgment"; one that
//! cites nothing is labelled "judgment, no evidence cited". An author's first update has no prior
//! and moves nothing.

use super::timeline;
use crate::model::{Method, Notebook, Update};
use serde::Serialize;
use std::collections::BTreeMap;

/// One item's share of one update's shift in one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    /// An evidence id, or `None` for a judgment update citing nothing.
    pub evidence: Option<String>,
    pub label: Label,
    pub scenario: String,
    /// The shift in probability (0.05 = 5 points).
    pub shift: f64,
}

crate::keywords! {
    /// How a share was attributed.
    Label, "attribution" {
        /// Split by each item's log-likelihood-ratio weight.
        Bayes => "bayes",
        /// Shared among the items a judgment update cites.
        Judgment => "judgment",
        /// A judgment update that cites nothing.
        Uncited => "judgment, no evidence cited",
    }
}

/// How one update's shift from its author's previous estimate splits among its items.
pub fn update_shares(notebook: &Notebook, update: &Update) -> Vec<Share> {
    let Some(prior) = timeline::prior_of(notebook, update) else { return Vec::new() };
    let mut shares = Vec::new();
    for (scenario, p) in &update.probabilities {
        let Some(q) = prior.get(scenario) else { continue };
        let shift = p - q;
        let weights = item_weights(notebook, update, &prior, scenario);
        for (evidence, label, weight) in weights {
            shares.push(Share { evidence, label, scenario: scenario.clone(), shift: shift * weight });
        }
    }
    shares
}

/// Each item's fraction of the shift in `scenario` (fractions sum to 1).
fn item_weights(
    notebook: &Notebook,
    update: &Update,
    prior: &crate::model::Distribution,
    scenario: &str,
) -> Vec<(Option<String>, Label, f64)> {
    if update.evidence.is_empty() {
        return vec![(None, Label::Uncited, 1.0)];
    }
    let equal = 1.0 / update.evidence.len() as f64;
    if update.method == Method::Judgment {
        return update.evidence.iter().map(|e| (Some(e.clone()), Label::Judgment, equal)).collect();
    }
    let raw: Vec<f64> = update.evidence.iter().map(|id| log_weight(notebook, id, prior, scenario)).collect();
    let total: f64 = raw.iter().sum();
    update
        .evidence
        .iter()
        .zip(raw)
        .map(|(id, w)| (Some(id.clone()), Label::Bayes, if total.abs() > 1e-12 { w / total } else { equal }))
        .collect()
}

/// ln( L_e(s) / Σ_t q(t)·L_e(t) ), or 0 when it cannot be computed.
fn log_weight(notebook: &Notebook, evidence: &str, prior: &crate::model::Distribution, scenario: &str) -> f64 {
    let Some(item) = notebook.evidence(evidence) else { return 0.0 };
    let Some(l) = item.likelihood_of(scenario) else { return 0.0 };
    let mean: f64 = prior.iter().filter_map(|(t, q)| Some(q * item.likelihood_of(t)?)).sum();
    if l > 0.0 && mean > 0.0 { (l / mean).ln() } else { 0.0 }
}

/// The total shift per scenario per item over a set of updates, keyed by (scenario, item label).
pub fn totals<'a>(notebook: &Notebook, updates: impl IntoIterator<Item = &'a Update>) -> BTreeMap<String, Vec<Share>> {
    let mut by_scenario: BTreeMap<String, Vec<Share>> = BTreeMap::new();
    for update in updates {
        for share in update_shares(notebook, update) {
            let list = by_scenario.entry(share.scenario.clone()).or_default();
            match list.iter_mut().find(|s| s.evidence == share.evidence && s.label == share.label) {
                Some(existing) => existing.shift += share.shift,
                None => list.push(share),
            }
        }
    }
    for list in by_scenario.values_mut() {
        list.sort_by(|a, b| b.shift.abs().total_cmp(&a.shift.abs()).then_with(|| a.evidence.cmp(&b.evidence)));
    }
    by_scenario
}
